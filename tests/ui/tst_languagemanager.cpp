// Switching between 中文 and English at run time: translations installed (the program's and
// Qt's own), widgets told, number formats following, the choice remembered.
#include "languagemanager.h"
#include "planrules.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace SupportDesk;

class LanguageProbe : public QWidget
{
public:
    int changes = 0;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            ++changes;
        QWidget::changeEvent(event);
    }
};

class TestLanguageManager : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void switchesAtRunTime();
    void englishPluralForms();
    void rememberedAndOverridden();
    void menuNamesEachLanguageInItself();
    void chineseAddressesTheUserOneWay();
};

void TestLanguageManager::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestLanguageManager::switchesAtRunTime()
{
    LanguageManager manager;
    LanguageProbe probe;
    QDialogButtonBox buttons(QDialogButtonBox::Cancel);
    QSignalSpy spy(&manager, &LanguageManager::languageChanged);
    QVERIFY(manager.setLanguage(Language::Chinese));
    QCOMPARE(spy.count(), 1);
    // Qt posts LanguageChange to every widget: it arrives through the event loop.
    QTRY_VERIFY(probe.changes >= 1);
    QCOMPARE(QCoreApplication::translate("ServiceReportExport", "Tickets"), QStringLiteral("工单数"));
    // Qt's own dialogs follow (qtbase_zh_CN from qt6-translations-l10n).
    QTRY_COMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
    QCOMPARE(QLocale().toString(1234567), QStringLiteral("1,234,567"));
    QCOMPARE(QLocale().language(), QLocale::Chinese);

    const int before = probe.changes;
    QVERIFY(manager.setLanguage(Language::English));
    QTRY_VERIFY(probe.changes > before);
    QCOMPARE(QCoreApplication::translate("ServiceReportExport", "Tickets"), QStringLiteral("Tickets"));
    QTRY_COMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Cancel"));
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(spy.count(), 2);
    // The same language again changes nothing anyone listens for.
    QVERIFY(manager.setLanguage(Language::English));
    QCOMPARE(spy.count(), 2);
}

void TestLanguageManager::englishPluralForms()
{
    LanguageManager manager;
    QVERIFY(manager.setLanguage(Language::English, false));
    const auto tenure = [](int years) {
        RuleCheck r = RuleCheck::fail(QStringLiteral("tenure-too-short"),
                                      {QString::number(years), QStringLiteral("2027-01-01")});
        return r.message(nullptr, Language::English);
    };
    QVERIFY2(tenure(1).contains(QStringLiteral("needs 1 year on")), qPrintable(tenure(1)));
    QVERIFY2(tenure(2).contains(QStringLiteral("needs 2 years on")), qPrintable(tenure(2)));
    QVERIFY(manager.setLanguage(Language::Chinese, false));
    QVERIFY2(tenure(2).contains(QStringLiteral("2 年")), qPrintable(tenure(2)));
}

void TestLanguageManager::rememberedAndOverridden()
{
    {
        LanguageManager manager;
        QVERIFY(manager.setLanguage(Language::Chinese));
    }
    bool known = false;
    QCOMPARE(LanguageManager::rememberedLanguage(&known), Language::Chinese);
    QVERIFY(known);
    QCOMPARE(LanguageManager::initialLanguage(), Language::Chinese);
    QCOMPARE(LanguageManager::initialLanguage(QStringLiteral("en")), Language::English);
    {
        LanguageManager manager;
        QVERIFY(manager.setLanguage(Language::English, false)); // not remembered
    }
    QCOMPARE(LanguageManager::initialLanguage(), Language::Chinese);
}

void TestLanguageManager::menuNamesEachLanguageInItself()
{
    LanguageManager manager;
    QWidget window;
    QVERIFY(manager.setLanguage(Language::English, false));
    QMenu *menu = manager.createMenu(&window);
    QCOMPARE(menu->title(), QStringLiteral("&Language"));
    QCOMPARE(menu->actions().size(), 2);
    QCOMPARE(menu->actions().at(0)->text(), QStringLiteral("中文"));
    QCOMPARE(menu->actions().at(1)->text(), QStringLiteral("English"));
    QVERIFY(menu->actions().at(1)->isChecked());
    menu->actions().at(0)->trigger();
    QCOMPARE(manager.language(), Language::Chinese);
    QVERIFY(menu->actions().at(0)->isChecked());
    QVERIFY(!menu->actions().at(1)->isChecked());
    QCOMPARE(menu->title(), QStringLiteral("语言(&L)"));
    QCOMPARE(menu->actions().at(1)->text(), QStringLiteral("English")); // never translated
    manager.setLanguage(Language::English, false);
}

QTEST_MAIN(TestLanguageManager)
// The desk speaks to its user as 您 (25 messages) and said 你 in nine others, some on the same
// screen ("粘贴你的 API 令牌" in the settings beside "您的角色无权执行此操作").
void TestLanguageManager::chineseAddressesTheUserOneWay()
{
    QFile ts(QStringLiteral(SUPPORTDESK_TRANSLATIONS_DIR "/supportdesk_zh_CN.ts"));
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    QXmlStreamReader xml(&ts);
    QStringList informal;
    int formal = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() != u"translation" && xml.name() != u"numerusform")
            continue;
        const QString text
                = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        formal += text.contains(u'您') ? 1 : 0;
        if (text.contains(u'你'))
            informal << text;
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(formal > 0);
    QVERIFY2(informal.isEmpty(), qPrintable(informal.join(QStringLiteral(" | "))));
}

#include "tst_languagemanager.moc"
