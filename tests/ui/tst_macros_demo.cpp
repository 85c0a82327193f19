// The macro picker in the real MainWindow signed in to the real demo server on loopback: a
// lead's team macro reaches an agent's desk, Ctrl+M and a few letters find it, Enter inserts
// it in the customer's language with the placeholders filled and the unknown one flagged, the
// agent switches the language, sends, and the macro's action reaches the server as an edit.
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "macro.h"
#include "macropicker.h"
#include "macropickerlist.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "realserver.h"
#include "ticketpane.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;

class TestMacrosDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void pickInsertSwitchAndSend_data();
    void pickInsertSwitchAndSend();
    void emptyListSaysWhy_data();
    void emptyListSaysWhy();
    void customersLanguageOverTheWords();

private:
    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    Macro m_team;
    Macro m_linasOwn;
};

void TestMacrosDemo::initTestCase()
{
    const QString problem = Testing::DemoDesk::startDemoServer(m_server, m_dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The lead's team macro, and another agent's own one nobody else may see.
    m_team.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_team.name = QStringLiteral("Restart instructions");
    m_team.bodyZh = QStringLiteral("{{客户}}您好，工单 {{工单号}} 请重启实例。{{知识库}}");
    m_team.bodyEn = QStringLiteral("Dear {{customer}}, for ticket {{ticket_number}} please "
                                   "restart the instance. {{kb_link}}");
    m_team.status = TicketStatus::WaitingOnCustomer;
    const auto post = [this](const QString &agent, const Macro &m) {
        const Operation op
            = makeMacroOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), m);
        return m_server.postOp(m_server.token(agent), Json::toJson(op))
            .value(QStringLiteral("result"))
            .toString();
    };
    QCOMPARE(post(QStringLiteral("a-wangfang"), m_team), OpResult::Applied);
    m_linasOwn.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_linasOwn.ownerId = QStringLiteral("a-lina");
    m_linasOwn.name = QStringLiteral("Restart, Li Na's way");
    m_linasOwn.bodyEn = QStringLiteral("Please restart");
    QCOMPARE(post(QStringLiteral("a-lina"), m_linasOwn), OpResult::Applied);
}

void TestMacrosDemo::cleanupTestCase()
{
    m_server.stop();
}

void TestMacrosDemo::pickInsertSwitchAndSend_data()
{
    QTest::addColumn<Language>("desk");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestMacrosDemo::pickInsertSwitchAndSend()
{
    QFETCH(Language, desk);
    Testing::DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-zhangwei"), desk, m_dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    MainWindow &window = *demo.window;
    DeskSession &session = *demo.session;
    auto *pane = qobject_cast<TicketPane *>(window.ticketPane());
    QVERIFY(pane);
    QTRY_VERIFY(window.queueModel()->rowCount() > 0);

    // An open ticket whose status the macro changes.
    QString ticketId;
    for (int r = 0; r < window.queueModel()->rowCount() && ticketId.isEmpty(); ++r) {
        const std::optional<Ticket> t = session.cache()->ticket(window.queueModel()->ticketId(r));
        if (t && TicketStatus::isOpen(t->status) && t->status != TicketStatus::WaitingOnCustomer)
            ticketId = t->id;
    }
    QVERIFY(!ticketId.isEmpty());
    pane->showTicket(ticketId);
    const Ticket ticket = *pane->ticket();
    const Customer customer = *session.cache()->customer(ticket.customerId);
    pane->composer()->setFocus();
    pane->composer()->setPlainText(QStringLiteral("Hi,\n"));
    pane->composer()->moveCursor(QTextCursor::End);

    // The macros were read ahead off the GUI thread after the sync: Ctrl+M reads none here
    // (the first open had read and decoded them all on the GUI thread, 26-71 ms at 1,000).
    MacroReadAhead *ahead = MacroReadAhead::of(&session);
    QTRY_VERIFY(ahead->isCurrent());
    QVERIFY(ahead->readsAhead() >= 1);

    // Ctrl+M, then a word of the name: the team's macro, not Li Na's own.
    QTest::keyClick(pane->composer(), Qt::Key_M, Qt::ControlModifier);
    MacroPicker *picker = pane->macros()->picker();
    QTRY_VERIFY(picker->isVisible());
    QCOMPARE(ahead->readsHere(), 0);
    QTRY_VERIFY(picker->searchLine()->hasFocus());
    // Every macro of this desk, and Li Na's own is not one of them.
    const QVector<Macro> all = session.cache()->macros();
    QCOMPARE(picker->shownCount(), int(all.size()));
    QVERIFY(std::none_of(all.cbegin(), all.cend(),
                         [this](const Macro &m) { return m.id == m_linasOwn.id; }));
    QVERIFY(std::any_of(all.cbegin(), all.cend(),
                        [this](const Macro &m) { return m.id == m_team.id; }));
    QTest::keyClicks(picker->searchLine(), QStringLiteral("restart"));
    QCOMPARE(picker->shownCount(), 1);
    QCOMPARE(picker->current()->id, m_team.id);
    // The Chinese body too (typed through an input method: QTest types ASCII only).
    picker->searchLine()->insert(QStringLiteral(" 重启"));
    QCOMPARE(picker->shownCount(), 1);
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        window.grab().save(QStringLiteral("%1/macro-picker-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(desk)));
    QTest::keyClick(picker->searchLine(), Qt::Key_Return);
    QVERIFY(!picker->isVisible());

    // In the customer's language, placeholders filled, the unknown one left and flagged.
    const Language first = customerLanguage(ticket, customer);
    const QString number = QString::number(ticket.number);
    const QString composed = pane->composer()->toPlainText();
    QVERIFY2(composed.startsWith(QStringLiteral("Hi,\n")), qPrintable(composed));
    QVERIFY2(composed.contains(customer.name) && composed.contains(number), qPrintable(composed));
    QVERIFY(composed.contains(first == Language::Chinese ? QStringLiteral("{{知识库}}")
                                                         : QStringLiteral("{{kb_link}}")));
    const QString bar = pane->macros()->barText();
    QVERIFY2(bar.contains(first == Language::Chinese ? QStringLiteral("{{知识库}}")
                                                     : QStringLiteral("{{kb_link}}")),
             qPrintable(bar));
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        window.grab().save(QStringLiteral("%1/macro-inserted-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(desk)));
    // The switch to the other language before sending.
    QVERIFY(pane->macros()->switchLanguage());
    const QString switched = pane->composer()->toPlainText();
    const Language second = first == Language::Chinese ? Language::English : Language::Chinese;
    QVERIFY2(switched.contains(second == Language::Chinese ? QStringLiteral("请重启实例")
                                                           : QStringLiteral("please restart")),
             qPrintable(switched));
    QVERIFY(!switched.contains(first == Language::Chinese ? QStringLiteral("请重启实例")
                                                          : QStringLiteral("please restart")));
    QVERIFY(switched.startsWith(QStringLiteral("Hi,\n")));

    // Sent: the reply and the macro's status reach the server, each once.
    QVERIFY(pane->sendComposer());
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    const Testing::RealServer::State state = m_server.state(m_server.token(QStringLiteral("a-zhangwei")));
    QVERIFY(state.ok);
    QCOMPARE(state.tickets.value(ticketId).status, TicketStatus::WaitingOnCustomer);
    int sent = 0;
    for (const Message &m : state.messages.value(ticketId))
        sent += m.body == switched.trimmed() ? 1 : 0;
    QCOMPARE(sent, 1);

    // A macro the lead adds later is in the picker the next time it opens.
    Macro later;
    later.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    later.name = QStringLiteral("Later addition %1").arg(languageCode(desk));
    later.bodyEn = QStringLiteral("Added while the desk was open");
    const Operation op
        = makeMacroOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), later);
    QCOMPARE(m_server.postOp(m_server.token(QStringLiteral("a-wangfang")), Json::toJson(op))
                 .value(QStringLiteral("result"))
                 .toString(),
             OpResult::Applied);
    const auto synced = [&session, &later] {
        const QVector<Macro> all = session.cache()->macros();
        return std::any_of(all.cbegin(), all.cend(),
                           [&later](const Macro &m) { return m.id == later.id; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(synced(), 20000);
    // Read ahead again when the sync that brought it ends, not on the next open.
    QTRY_VERIFY(ahead->isCurrent());
    pane->macros()->open();
    QVERIFY(picker->isVisible());
    QCOMPARE(ahead->readsHere(), 0);
    picker->searchLine()->setText(later.name);
    QCOMPARE(picker->shownCount(), 1);
    QCOMPARE(picker->current()->id, later.id);
    QTest::keyClick(picker->searchLine(), Qt::Key_Escape);
    QVERIFY(!picker->isVisible());
    session.stop();
}

void TestMacrosDemo::emptyListSaysWhy_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// A picker with nothing to show says why in words, in the desk's language: no macro yet (and
// where they are added), or none matches what was typed. It was a blank list.
void TestMacrosDemo::emptyListSaysWhy()
{
    QFETCH(Language, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language, false));
    const auto guard = qScopeGuard([&] { languages.setLanguage(Language::English, false); });
    QWidget host;
    host.resize(400, 400);
    MacroPicker picker(&host);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));

    picker.open({});
    QCOMPARE(picker.shownCount(), 0);
    QVERIFY(!picker.list()->isVisible());
    const QString none = picker.emptyText();
    QVERIFY(!none.isEmpty());
    auto *label = picker.findChild<QLabel *>(QStringLiteral("macroPickerEmpty"));
    QVERIFY(label && label->isVisible() && label->isEnabled());
    if (language == Language::English) {
        QVERIFY2(none.startsWith(QStringLiteral("No macros yet")), qPrintable(none));
        QVERIFY2(none.contains(QStringLiteral("Manage macros")), qPrintable(none));
    } else {
        QVERIFY2(none.contains(QStringLiteral("管理宏")), qPrintable(none));
    }

    picker.open({ m_team });
    QCOMPARE(picker.shownCount(), 1);
    QVERIFY(picker.emptyText().isEmpty());
    QVERIFY(picker.list()->isVisible());
    QTest::keyClicks(picker.searchLine(), QStringLiteral("zzz"));
    QCOMPARE(picker.shownCount(), 0);
    const QString noMatch = picker.emptyText();
    QVERIFY2(noMatch.contains(QStringLiteral("“zzz”")), qPrintable(noMatch));
    QVERIFY(noMatch != none);
    if (language == Language::English)
        QCOMPARE(noMatch, QStringLiteral("No macro matches “zzz”."));
    else
        QVERIFY2(!noMatch.contains(QStringLiteral("No macro")), qPrintable(noMatch));
    // The words follow a switch of language while shown.
    QVERIFY(languages.setLanguage(language == Language::English ? Language::Chinese
                                                                : Language::English, false));
    QTRY_VERIFY(picker.emptyText() != noMatch);
    // Typing on until something matches brings the list back.
    picker.searchLine()->clear();
    QCOMPARE(picker.shownCount(), 1);
    QVERIFY(picker.list()->isVisible());
    QVERIFY(picker.emptyText().isEmpty());
}

// Issue 17: "the desk picks the customer's language". A Chinese-speaking customer (the demo's
// c-yunfan, language zh_CN on its record) whose ticket is written in English: Enter inserts
// the Chinese body (the words alone said English), and the agent can still switch.
void TestMacrosDemo::customersLanguageOverTheWords()
{
    TicketEdit create;
    create.type = OpType::CreateTicket;
    create.customerId = QStringLiteral("c-yunfan");
    create.subject = QStringLiteral("Console login fails since 9:00");
    create.body = QStringLiteral("Our ops team gets error 403 on every sign-in.");
    create.channel = QStringLiteral("ticket");
    create.severity = QStringLiteral("consultation");
    const QString ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                       ticketId, 0, create, QDateTime::currentDateTimeUtc());
    QCOMPARE(m_server.postOp(m_server.token(QStringLiteral("a-wangfang")), Json::toJson(op))
                     .value(QStringLiteral("result"))
                     .toString(),
             OpResult::Applied);

    Testing::DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-emma"), Language::English,
                                       m_dir.filePath(QStringLiteral("emma-language.sqlite")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    DeskSession &session = *demo.session;
    auto *pane = qobject_cast<TicketPane *>(demo.window->ticketPane());
    QVERIFY(pane);
    QTRY_VERIFY_WITH_TIMEOUT(session.cache()->ticket(ticketId).has_value(), 20000);
    const Ticket ticket = *session.cache()->ticket(ticketId);
    const std::optional<Customer> customer = session.cache()->customer(ticket.customerId);
    QVERIFY(customer);
    QCOMPARE(customer->language, CustomerLanguage::Chinese); // through the feed and the cache
    QCOMPARE(writtenLanguage(ticket), Language::English);    // what the guess alone said

    pane->showTicket(ticketId);
    pane->composer()->setFocus();
    QTRY_VERIFY(MacroReadAhead::of(&session)->isCurrent());
    QTest::keyClick(pane->composer(), Qt::Key_M, Qt::ControlModifier);
    MacroPicker *picker = pane->macros()->picker();
    QTRY_VERIFY(picker->isVisible());
    QTest::keyClicks(picker->searchLine(), QStringLiteral("restart"));
    QCOMPARE(picker->shownCount(), 1);
    QTest::keyClick(picker->searchLine(), Qt::Key_Return);
    const QString composed = pane->composer()->toPlainText();
    QVERIFY2(composed.contains(QStringLiteral("请重启实例")), qPrintable(composed));
    QVERIFY2(composed.startsWith(customer->name), qPrintable(composed));
    QVERIFY2(pane->macros()->barText().contains(QStringLiteral("in Chinese")),
             qPrintable(pane->macros()->barText()));
    // Still the agent's to switch.
    QVERIFY(pane->macros()->switchLanguage());
    QVERIFY2(pane->composer()->toPlainText().contains(QStringLiteral("please restart")),
             qPrintable(pane->composer()->toPlainText()));
    session.stop();
}

QTEST_MAIN(TestMacrosDemo)
#include "tst_macros_demo.moc"
