// supportdesk: the agent desk client.
#include "planreferencewidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QTranslator>

using namespace SupportDesk;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SupportDesk"));
    QApplication::setOrganizationName(QStringLiteral("SupportDesk"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QApplication::translate("main", "Language: zh_CN or en."),
                                        QStringLiteral("code"));
    parser.addOption(langOption);
    parser.process(app);

    const QString lang = parser.isSet(langOption) ? parser.value(langOption) : QLocale().name();
    const Language language = languageFromCode(lang);
    QTranslator qtTranslator;
    QTranslator appTranslator;
    if (language == Language::Chinese) {
        if (qtTranslator.load(QStringLiteral("qtbase_zh_CN"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        if (appTranslator.load(QStringLiteral(":/i18n/supportdesk_zh_CN.qm")))
            QApplication::installTranslator(&appTranslator);
    }

    QStringList errors;
    const auto catalogs = CatalogSet::loadBuiltIn(&errors);
    if (!catalogs) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "SupportDesk"),
                              QApplication::translate("main", "The plan catalogs could not be "
                                                              "loaded:\n%1")
                                      .arg(errors.join(u'\n')));
        return 1;
    }

    PlanReferenceWidget window(*catalogs);
    window.setLanguage(language);
    window.setWindowTitle(QApplication::translate("main", "SupportDesk — plan reference"));
    window.resize(960, 480);
    window.show();
    return app.exec();
}
