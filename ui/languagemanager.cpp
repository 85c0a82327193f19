#include "languagemanager.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QMenu>
#include <QSettings>

namespace SupportDesk {

static const char *const SettingsKey = "ui/language";

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    QCoreApplication::removeTranslator(&m_appTranslator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
}

Language LanguageManager::rememberedLanguage(bool *known)
{
    const QString code = QSettings().value(QLatin1String(SettingsKey)).toString();
    if (known)
        *known = !code.isEmpty();
    return languageFromCode(code);
}

Language LanguageManager::initialLanguage(const QString &override)
{
    if (!override.isEmpty())
        return languageFromCode(override);
    bool known = false;
    const Language remembered = rememberedLanguage(&known);
    return known ? remembered : languageFromCode(QLocale::system().name());
}

QString LanguageManager::nativeName(Language language)
{
    return language == Language::Chinese ? QStringLiteral("中文") : QStringLiteral("English");
}

bool LanguageManager::setLanguage(Language language, bool remember)
{
    const QString code = language == Language::Chinese ? QStringLiteral("zh_CN")
                                                       : QStringLiteral("en");
    // The English .qm holds the English plural forms; the source texts are English too.
    const QString path = QStringLiteral(":/i18n/supportdesk_%1.qm").arg(code);
    if (!QFile::exists(path))
        return false;
    QCoreApplication::removeTranslator(&m_appTranslator);
    QCoreApplication::removeTranslator(&m_qtTranslator);
    if (!m_appTranslator.load(path))
        return false;
    // Qt's own texts (standard buttons, dialogs); English needs none.
    const bool qtLoaded = language == Language::Chinese
            && m_qtTranslator.load(QStringLiteral("qtbase_zh_CN"),
                                   QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    QLocale::setDefault(language == Language::Chinese ? QLocale(QLocale::Chinese, QLocale::China)
                                                      : QLocale(QLocale::English, QLocale::UnitedStates));
    if (qtLoaded)
        QCoreApplication::installTranslator(&m_qtTranslator);
    // Installing sends QEvent::LanguageChange to every widget.
    QCoreApplication::installTranslator(&m_appTranslator);
    const bool changed = !m_installed || m_language != language;
    m_language = language;
    m_installed = true;
    if (remember)
        QSettings().setValue(QLatin1String(SettingsKey), code);
    retranslateMenu();
    if (changed)
        emit languageChanged(language);
    return true;
}

QMenu *LanguageManager::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(parent);
    auto *group = new QActionGroup(menu);
    for (const Language l : {Language::Chinese, Language::English}) {
        QAction *action = menu->addAction(nativeName(l));
        action->setCheckable(true);
        action->setData(int(l));
        action->setChecked(l == m_language);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, l] { setLanguage(l); });
    }
    m_menus.append(menu);
    connect(menu, &QObject::destroyed, this, [this, menu] { m_menus.removeAll(menu); });
    retranslateMenu();
    return menu;
}

void LanguageManager::retranslateMenu()
{
    for (QMenu *menu : std::as_const(m_menus)) {
        //: the menu that switches between 中文 and English
        menu->setTitle(tr("&Language"));
        for (QAction *action : menu->actions())
            action->setChecked(Language(action->data().toInt()) == m_language);
    }
}

} // namespace SupportDesk
