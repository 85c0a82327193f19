// The macro manager on the real MainWindow signed in to the real demo server on loopback
// (docs/macros.md, "Managing macros"): an agent writes a macro of their own with a placeholder
// inserted from the list and its actions, a form the server would refuse is worded before it
// is sent, a team macro is read-only for an agent (copied as their own instead) and the
// server's refusal of an agent's edit of one is told in words; a lead adds a team macro and
// deletes it. In English and in 中文.
#include "demodesk.h"
#include "feedrecords.h"
#include "languagemanager.h"
#include "macro.h"
#include "macromanager.h"
#include "macropickerlist.h"
#include "mainwindow.h"
#include "realserver.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestMacroManagerDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void agentKeepsOwnMacros_data();
    void agentKeepsOwnMacros();
    void leadManagesTeamMacros();
    void listsTheMacrosReadAhead();

private:
    // The team's and the agent's macros on the server, by id (deleted ones left out).
    QHash<QString, Macro> serverMacros(const QString &agent) const;
    // `agent`'s desk, synced, with its macro manager open from the Ticket menu.
    MacroManagerDialog *openDesk(DemoDesk *desk, const QString &agent, const QString &cache,
                                 LanguageManager *languages);
    static bool isChinese(const QString &text)
    {
        return text.contains(QRegularExpression(QStringLiteral("\\p{Han}")))
            && !text.contains(QRegularExpression(QStringLiteral("\\b(the|a|is|macro)\\b")));
    }

    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    Macro m_team;
};

void TestMacroManagerDemo::initTestCase()
{
    const QString started = DemoDesk::startDemoServer(m_server, m_dir, 20);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    m_team.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_team.name = QStringLiteral("Team restart wording");
    m_team.bodyEn = QStringLiteral("Dear {{customer}}, please restart.");
    m_team.bodyZh = QStringLiteral("{{客户}}您好，请重启。");
    const Operation op
        = makeMacroOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), m_team);
    QCOMPARE(m_server.postOp(m_server.token(QStringLiteral("a-wangfang")), Json::toJson(op))
                 .value(QStringLiteral("result"))
                 .toString(),
             OpResult::Applied);
}

void TestMacroManagerDemo::cleanupTestCase()
{
    m_server.stop();
}

QHash<QString, Macro> TestMacroManagerDemo::serverMacros(const QString &agent) const
{
    QHash<QString, Macro> live = feedRecords<Macro>(m_server, m_server.token(agent), u"macro");
    live.removeIf([](const QHash<QString, Macro>::iterator &it) { return it->deleted; });
    return live;
}

MacroManagerDialog *TestMacroManagerDemo::openDesk(DemoDesk *desk, const QString &agent,
                                                   const QString &cache,
                                                   LanguageManager *languages)
{
    if (!desk->open(SessionConfig::forServer(m_server.url(), m_server.token(agent),
                                             m_dir.filePath(cache)),
                    m_server.url(), languages))
        return nullptr;
    // Ticket → Manage macros…, as the agent finds it.
    QAction *manage = nullptr;
    for (QAction *menu : desk->window->menuBar()->actions()) {
        if (!menu->menu())
            continue;
        for (QAction *a : menu->menu()->actions()) {
            if (a->text().remove(QLatin1Char('&')).startsWith(
                    MainWindow::tr("Manage &macros…").remove(QLatin1Char('&'))))
                manage = a;
        }
    }
    if (!manage)
        return nullptr;
    manage->trigger();
    auto *manager = desk->window->findChild<MacroManagerDialog *>();
    return manager && manager->isVisible() ? manager : nullptr;
}

void TestMacroManagerDemo::agentKeepsOwnMacros_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestMacroManagerDemo::agentKeepsOwnMacros()
{
    QFETCH(Language, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language, false));
    DemoDesk desk;
    MacroManagerDialog *m = openDesk(
        &desk, QStringLiteral("a-zhangwei"),
        QStringLiteral("agent-%1.sqlite").arg(languageCode(language)), &languages);
    QVERIFY(m);
    DeskSession *session = desk.session.get();

    // A new macro of one's own: an agent cannot make a team macro.
    QTest::mouseClick(m->newButton(), Qt::LeftButton);
    QVERIFY(!m->scopeBox()->isEnabled());
    const QString name = QStringLiteral("Disk check %1").arg(languageCode(language));
    QTest::keyClicks(m->nameEdit(), name);
    // The Chinese body: a placeholder from the list goes in under its Chinese name.
    m->bodyZhEdit()->setFocus();
    m->bodyZhEdit()->insertPlainText(QStringLiteral("您好 "));
    m->placeholderList()->setCurrentRow(int(MacroField::Customer));
    QTest::mouseClick(m->insertButton(), Qt::LeftButton);
    QCOMPARE(m->bodyZhEdit()->toPlainText(), QStringLiteral("您好 {{客户}}"));
    m->bodyEnEdit()->setFocus();
    m->bodyEnEdit()->insertPlainText(QStringLiteral("Hello, ticket "));
    m->placeholderList()->setCurrentRow(int(MacroField::TicketNumber));
    QTest::mouseClick(m->insertButton(), Qt::LeftButton);
    QCOMPARE(m->bodyEnEdit()->toPlainText(), QStringLiteral("Hello, ticket {{ticket_number}}"));
    m->statusBox()->setCurrentIndex(m->statusBox()->findData(TicketStatus::WaitingOnCustomer));
    m->severityBox()->setCurrentIndex(m->severityBox()->findData(QStringLiteral("consultation")));
    QVERIFY(m->reasonEdit()->isEnabled());
    // A severity without its reason: worded here, nothing sent.
    QVERIFY(!m->save());
    QVERIFY2(!m->messageText().isEmpty(), "no message");
    if (language == Language::Chinese)
        QVERIFY2(isChinese(m->messageText()), qPrintable(m->messageText()));
    else
        QVERIFY2(m->messageText().contains(QStringLiteral("reason")),
                 qPrintable(m->messageText()));
    QCOMPARE(session->cache()->pendingCount(), 0);
    QTest::keyClicks(m->reasonEdit(), QStringLiteral("asked how, not down"));
    m->assigneeBox()->setCurrentIndex(m->assigneeBox()->findData(QStringLiteral("a-zhangwei")));
    // Its tags: a word the tag rules refuse is named, in the desk's language, and nothing is
    // sent; the words typed are kept as the rules spell them ("VIP" is "vip"), once each.
    QTest::keyClicks(m->addTagsEdit(), QStringLiteral("VIP vip:gold"));
    QVERIFY(!m->save());
    QVERIFY2(m->messageText().contains(QStringLiteral("vip:gold")), qPrintable(m->messageText()));
    if (language == Language::Chinese)
        QVERIFY2(isChinese(m->messageText()), qPrintable(m->messageText()));
    QCOMPARE(session->cache()->pendingCount(), 0);
    m->addTagsEdit()->clear();
    QTest::keyClicks(m->addTagsEdit(), QStringLiteral("VIP  billing vip"));
    QTest::keyClicks(m->removeTagsEdit(), QStringLiteral("new"));
    QVERIFY2(m->save(), qPrintable(m->messageText()));
    const QString id = m->editing().id;
    QTRY_COMPARE_WITH_TIMEOUT(session->cache()->pendingCount(), 0, 20000);
    const Macro onServer = serverMacros(QStringLiteral("a-zhangwei")).value(id);
    QCOMPARE(onServer.name, name);
    QCOMPARE(onServer.ownerId, QStringLiteral("a-zhangwei"));
    QCOMPARE(onServer.bodyZh, QStringLiteral("您好 {{客户}}"));
    QCOMPARE(onServer.status, TicketStatus::WaitingOnCustomer);
    QCOMPARE(onServer.severity, QStringLiteral("consultation"));
    QCOMPARE(onServer.severityReason, QStringLiteral("asked how, not down"));
    QVERIFY(onServer.assigns);
    QCOMPARE(onServer.assigneeId, QStringLiteral("a-zhangwei"));
    QCOMPARE(onServer.addTags, QStringList({ QStringLiteral("vip"), QStringLiteral("billing") }));
    QCOMPARE(onServer.removeTags, QStringList { QStringLiteral("new") });
    QCOMPARE(onServer.version, 1);
    QVERIFY(!serverMacros(QStringLiteral("a-lina")).contains(id)); // nobody else's
    // Every placeholder in sight, in either language: no scroll bar hides the fifth.
    QVERIFY(!m->placeholderList()->verticalScrollBar()->isVisible());
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        m->grab().save(QStringLiteral("%1/macro-manager-%2.png")
                           .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                languageCode(language)));

    // The team's macro: shown, not editable by an agent, and said why.
    QVERIFY(m->selectMacro(m_team.id));
    QVERIFY(!m->nameEdit()->isEnabled());
    QVERIFY(m->bodyEnEdit()->isReadOnly());
    QVERIFY(!m->saveButton()->isEnabled());
    QVERIFY(!m->deleteButton()->isEnabled());
    QVERIFY(!m->save());
    if (language == Language::Chinese)
        QVERIFY2(isChinese(m->messageText()), qPrintable(m->messageText()));
    else
        QVERIFY2(m->messageText().contains(QStringLiteral("Only a lead")),
                 qPrintable(m->messageText()));
    QVERIFY(!m->addTagsEdit()->isEnabled());
    // The agent's own macro shows its tags again, to change; and a copy keeps them.
    QVERIFY(m->selectMacro(id));
    QCOMPARE(m->addTagsEdit()->text(), QStringLiteral("vip billing"));
    QCOMPARE(m->removeTagsEdit()->text(), QStringLiteral("new"));
    QVERIFY(m->addTagsEdit()->isEnabled());
    m->copyAsOwn();
    QCOMPARE(m->addTagsEdit()->text(), QStringLiteral("vip billing"));
    QVERIFY(m->selectMacro(m_team.id));
    // Copied as one's own instead, and that one is the agent's to change.
    QTest::mouseClick(m->copyButton(), Qt::LeftButton);
    QVERIFY(m->nameEdit()->isEnabled());
    QVERIFY(m->save());
    const QString copy = m->editing().id;
    QVERIFY(copy != m_team.id);
    QTRY_COMPARE_WITH_TIMEOUT(session->cache()->pendingCount(), 0, 20000);
    // The outbox changed (saved, then acknowledged) and nothing was refused: the manager read
    // none of it (it read every op's state on each change).
    QCOMPARE(m->outboxReads(), 0);
    QCOMPARE(serverMacros(QStringLiteral("a-zhangwei")).value(copy).bodyEn, m_team.bodyEn);
    QCOMPARE(serverMacros(QStringLiteral("a-zhangwei")).value(m_team.id).bodyEn, m_team.bodyEn);

    // An edit of the team's macro that reaches the server anyway (an older desk, a role
    // changed meanwhile) is refused there; the manager says so in words and shows the team's.
    Macro sneaky = m_team;
    for (const Macro &cached : session->cache()->macros()) {
        if (cached.id == m_team.id)
            sneaky = cached;
    }
    sneaky.bodyEn = QStringLiteral("An agent's rewrite");
    QVERIFY(session->saveMacro(sneaky));
    const QString refused
        = MacroManagerDialog::tr("The server refused your change to \"%1\": only a lead may "
                                 "change the team's macros. The team's version is shown again.")
              .arg(m_team.name);
    QTRY_COMPARE_WITH_TIMEOUT(m->messageText(), QStringLiteral("⚠ ") + refused, 20000);
    if (language == Language::Chinese)
        QVERIFY2(isChinese(refused.left(refused.indexOf(m_team.name))), qPrintable(refused));
    QCOMPARE(m->editing().id, m_team.id);
    QCOMPARE(m->bodyEnEdit()->toPlainText(), m_team.bodyEn);
    QCOMPARE(m->outboxReads(), 1); // the refused op's row, once
    QCOMPARE(serverMacros(QStringLiteral("a-zhangwei")).value(m_team.id).bodyEn, m_team.bodyEn);
}

void TestMacroManagerDemo::leadManagesTeamMacros()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    DemoDesk desk;
    MacroManagerDialog *m
        = openDesk(&desk, QStringLiteral("a-wangfang"), QStringLiteral("lead.sqlite"), &languages);
    QVERIFY(m);
    QTest::mouseClick(m->newButton(), Qt::LeftButton);
    QVERIFY(m->scopeBox()->isEnabled());
    m->scopeBox()->setCurrentIndex(m->scopeBox()->findData(QStringLiteral("team")));
    m->nameEdit()->setText(QStringLiteral("Escalate to Emma"));
    m->bodyEnEdit()->setPlainText(QStringLiteral("Emma will take it from here."));
    m->assigneeBox()->setCurrentIndex(m->assigneeBox()->findData(QStringLiteral("a-emma")));
    m->addTagsEdit()->setText(QStringLiteral("escalated"));
    QVERIFY2(m->save(), qPrintable(m->messageText()));
    const QString id = m->editing().id;
    QTRY_COMPARE_WITH_TIMEOUT(desk.session->cache()->pendingCount(), 0, 20000);
    // Every agent's feed has it.
    const Macro seen = serverMacros(QStringLiteral("a-lina")).value(id);
    QVERIFY(seen.isTeamMacro());
    QCOMPARE(seen.assigneeId, QStringLiteral("a-emma"));
    QCOMPARE(seen.addTags, QStringList { QStringLiteral("escalated") });
    // Changed and deleted by the lead.
    m->bodyEnEdit()->setPlainText(QStringLiteral("Emma takes it from here."));
    QVERIFY(m->save());
    QTRY_COMPARE_WITH_TIMEOUT(desk.session->cache()->pendingCount(), 0, 20000);
    QCOMPARE(serverMacros(QStringLiteral("a-lina")).value(id).version, 2);
    QVERIFY(m->deleteButton()->isEnabled());
    QVERIFY(m->remove());
    QTRY_COMPARE_WITH_TIMEOUT(desk.session->cache()->pendingCount(), 0, 20000);
    QVERIFY(!serverMacros(QStringLiteral("a-lina")).contains(id));
    for (int i = 0; i < m->list()->count(); ++i)
        QVERIFY(m->list()->item(i)->data(Qt::UserRole).toString() != id);
}

QTEST_MAIN(TestMacroManagerDemo)
// The manager's list is the one the composer's picker reads ahead on its own thread while the
// cache's macros are unchanged: it read and decoded every macro from SQLite on the GUI thread
// at each open and at each search keystroke (30 ms at 1,000 macros, bench_macros).
void TestMacroManagerDemo::listsTheMacrosReadAhead()
{
    DemoDesk desk;
    const QString error = desk.start(m_server, QStringLiteral("a-zhangwei"), Language::English,
                                     m_dir.filePath(QStringLiteral("read-ahead.sqlite")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    DeskSession &session = *desk.session;
    const QStringList names { QStringLiteral("Kumquat restart"), QStringLiteral("Ask logs") };
    for (const QString &name : names) {
        Macro m;
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.ownerId = QStringLiteral("a-zhangwei");
        m.name = name;
        m.bodyEn = QStringLiteral("Dear {{customer}}, %1.").arg(name);
        QVERIFY(session.saveMacro(m));
    }
    MacroReadAhead *ahead = MacroReadAhead::of(&session);
    QTRY_VERIFY_WITH_TIMEOUT(ahead->hasList() && ahead->isCurrent(), 20000);
    const QVector<Macro> held = ahead->macros();
    QCOMPARE(held.size(), session.cache()->macros().size());
    QVERIFY(held.size() >= 2);
    const int readsHere = ahead->readsHere();

    MacroManagerDialog manager(&session, desk.window.get());
    manager.show();
    QCOMPARE(manager.list()->count(), held.size());
    // The list held, not a copy read again (the same shared data).
    QCOMPARE(manager.macros().constData(), held.constData());
    QTest::keyClicks(manager.searchLine(), QStringLiteral("kumquat"));
    QCOMPARE(manager.list()->count(), 1);
    QCOMPARE(manager.macros().constData(), held.constData());
    QCOMPARE(ahead->readsHere(), readsHere);
    session.stop();
}

#include "tst_macromanager_demo.moc"
