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
#include "queueview.h"
#include "realserver.h"
#include "ticketpane.h"

#include <QLabel>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListWidget>
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
    void pageKeysMoveThePick();
    void customersLanguageOverTheWords();
    void actionsWaitForTheReply_data();
    void actionsWaitForTheReply();
    void listsInTheDesksLanguage_data();
    void listsInTheDesksLanguage();

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

// The search line keeps the focus and the text while the arrows and Page Up / Page Down move
// the pick, as in the merge and link picker (the macro picker had the arrows only: Page Down
// did nothing, audit 11).
void TestMacrosDemo::pageKeysMoveThePick()
{
    QWidget host;
    host.resize(400, 300);
    MacroPicker picker(&host);
    picker.resize(400, 300);
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    QVector<Macro> macros;
    for (int i = 0; i < 60; ++i) {
        Macro m = m_team;
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.name = QStringLiteral("Restart step %1").arg(i, 2, 10, QLatin1Char('0'));
        macros.append(m);
    }
    picker.open(macros);
    QTest::keyClicks(picker.searchLine(), QStringLiteral("step"));
    QCOMPARE(picker.shownCount(), 60);
    QCOMPARE(picker.list()->currentIndex().row(), 0);
    QTest::keyClick(picker.searchLine(), Qt::Key_Down);
    QCOMPARE(picker.list()->currentIndex().row(), 1);
    QTest::keyClick(picker.searchLine(), Qt::Key_PageDown);
    const int page = picker.list()->currentIndex().row();
    QVERIFY2(page > 2, qPrintable(QString::number(page)));
    QTest::keyClick(picker.searchLine(), Qt::Key_PageDown);
    const int second = picker.list()->currentIndex().row();
    QVERIFY(second > page);
    QTest::keyClick(picker.searchLine(), Qt::Key_PageUp);
    const int back = picker.list()->currentIndex().row();
    QVERIFY2(back < second && back > 1, qPrintable(QString::number(back)));
    QTest::keyClick(picker.searchLine(), Qt::Key_Up);
    QCOMPARE(picker.list()->currentIndex().row(), back - 1);
    QCOMPARE(picker.searchLine()->text(), QStringLiteral("step"));
    QCOMPARE(picker.current()->name, QStringLiteral("Restart step %1").arg(back - 1, 2, 10,
                                                                          QLatin1Char('0')));
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

void TestMacrosDemo::actionsWaitForTheReply_data()
{
    QTest::addColumn<Language>("desk");
    QTest::addColumn<QString>("agent");
    QTest::newRow("en") << Language::English << QStringLiteral("a-emma");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("a-lina");
}

// Audit 11, D1: "Investigating" (status accepted) inserted into a reply recorded a first
// response on the server at once, with no reply sent; "Solved" resolved a ticket nobody had
// answered. The actions now wait with the draft, are named under the composer, go after the
// reply (each once), and are dropped with a draft the agent empties or by Remove. D3: the
// other language replaced the multi-paragraph body (the search matched within one paragraph),
// both ways, after an edit before it; an edit inside it is said in the bar.
void TestMacrosDemo::actionsWaitForTheReply()
{
    QFETCH(Language, desk);
    QFETCH(QString, agent);
    // Three new tickets nobody answered yet, of a customer who reads this desk's language.
    QStringList fresh;
    for (int i = 0; i < 3; ++i) {
        TicketEdit create;
        create.type = OpType::CreateTicket;
        // 云帆 reads Chinese; Northwind (a partner: a sub-client's account) English.
        create.customerId = desk == Language::Chinese ? QStringLiteral("c-yunfan")
                                                      : QStringLiteral("p-northwind");
        if (desk == Language::English)
            create.subClient = QStringLiteral("p-northwind-sub-1");
        create.subject = QStringLiteral("Disk latency %1 %2").arg(agent).arg(i);
        create.body = QStringLiteral("Writes take seconds since the morning.");
        create.channel = QStringLiteral("ticket");
        create.severity = QStringLiteral("consultation");
        fresh.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                           fresh.last(), 0, create,
                                           QDateTime::currentDateTimeUtc());
        QCOMPARE(m_server.postOp(m_server.token(QStringLiteral("a-wangfang")), Json::toJson(op))
                         .value(QStringLiteral("result"))
                         .toString(),
                 OpResult::Applied);
    }
    Testing::DemoDesk demo;
    const QString problem = demo.start(m_server, agent, desk,
                                       m_dir.filePath(agent + QStringLiteral("-wait.sqlite")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    DeskSession &session = *demo.session;
    auto *pane = qobject_cast<TicketPane *>(demo.window->ticketPane());
    QVERIFY(pane);
    QTRY_VERIFY(MacroReadAhead::of(&session)->isCurrent());
    for (const QString &t : std::as_const(fresh))
        QTRY_VERIFY_WITH_TIMEOUT(session.cache()->ticket(t).has_value(), 20000);
    const QString token = m_server.token(agent);
    const Testing::RealServer::State before = m_server.state(token);
    QVERIFY(before.ok);
    for (const QString &t : std::as_const(fresh)) {
        QCOMPARE(before.tickets.value(t).status, TicketStatus::New);
        QVERIFY(!before.tickets.value(t).firstResponseAt.isValid());
    }
    const auto macroNamed = [&session](const QString &prefix) {
        const QVector<Macro> all = session.cache()->macros();
        const auto it = std::find_if(all.cbegin(), all.cend(), [&prefix](const Macro &m) {
            return m.name.startsWith(prefix);
        });
        return it == all.cend() ? Macro() : *it;
    };
    const Macro investigating = macroNamed(QStringLiteral("Investigating"));
    const Macro solved = macroNamed(QStringLiteral("Solved"));
    QVERIFY(!investigating.id.isEmpty() && !solved.id.isEmpty());
    QStringList saved; // the op types this desk saves, in order
    connect(&session, &DeskSession::editSaved, this,
            [&saved](const QString &, const QString &type) { saved.append(type); });
    // A ticket made current in the queue, as the agent clicks it: answering it moves the queue,
    // and the pane, on to the next ticket (the actions went to that one's pane and failed).
    MainWindow &window = *demo.window;
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    const auto show = [&](const QString &ticket) {
        if (!QTest::qWaitFor([&] { return window.queueModel()->rowOfTicket(ticket) >= 0; }))
            return false;
        window.queueView()->selectionModel()->setCurrentIndex(
                window.queueModel()->index(window.queueModel()->rowOfTicket(ticket), 0),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        return QTest::qWaitFor([&] { return pane->ticket() && pane->ticket()->id == ticket; });
    };
    const auto pick = [&](const QString &words) {
        pane->composer()->setFocus();
        QTest::keyClick(pane->composer(), Qt::Key_M, Qt::ControlModifier);
        MacroPicker *picker = pane->macros()->picker();
        if (!QTest::qWaitFor([picker] { return picker->isVisible(); }))
            return false;
        picker->searchLine()->setText(words);
        if (picker->shownCount() != 1)
            return false;
        QTest::keyClick(picker->searchLine(), Qt::Key_Return);
        return !picker->isVisible();
    };

    // 1. Inserted: nothing saved, nothing on the server; the bar says what sending will do.
    const QString id = fresh.at(0);
    QVERIFY(show(id));
    QVERIFY(pick(QStringLiteral("investigating")));
    QVERIFY(saved.isEmpty());
    QCOMPARE(session.cache()->pendingCount(), 0);
    QCOMPARE(session.cache()->ticket(id)->status, TicketStatus::New);
    const QString bar = pane->macros()->barText();
    QVERIFY2(bar.contains(desk == Language::English ? QStringLiteral("On send: Status → Accepted")
                                                    : QStringLiteral("已受理")),
             qPrintable(bar));
    QVERIFY(pane->macros()->removeButton()->isVisible());
    const QString inserted = pane->composer()->toPlainText();
    QVERIFY2(inserted.contains(u'\n'), qPrintable(inserted)); // paragraphs: D3's case

    // D3: both ways, after the agent wrote before it; the staged actions stay.
    QTextCursor top(pane->composer()->document());
    top.insertText(QStringLiteral("Hello,\n"));
    QVERIFY2(pane->macros()->switchLanguage(), qPrintable(pane->macros()->lastError()));
    const QString switched = pane->composer()->toPlainText();
    QVERIFY(switched.startsWith(QStringLiteral("Hello,\n")));
    QVERIFY2(switched != QStringLiteral("Hello,\n") + inserted, qPrintable(switched));
    QVERIFY(switched.contains(QStringLiteral("正在排查")) != inserted.contains(QStringLiteral("正在排查")));
    QVERIFY(pane->macros()->switchLanguage());
    QCOMPARE(pane->composer()->toPlainText(), QStringLiteral("Hello,\n") + inserted);
    QCOMPARE(pane->macros()->staged(id).size(), 1);
    // An edit inside it: not switched, and said in the bar (it was set where nothing showed).
    QTextCursor inside(pane->composer()->document());
    inside.setPosition(int(QStringLiteral("Hello,\n").size() + inserted.indexOf(u'\n') + 1));
    inside.insertText(QStringLiteral("X"));
    QVERIFY(!pane->macros()->switchLanguage());
    QVERIFY(!pane->macros()->lastError().isEmpty());
    QVERIFY2(pane->macros()->barText().contains(pane->macros()->lastError()),
             qPrintable(pane->macros()->barText()));
    const QString composed = pane->composer()->toPlainText();

    const Testing::RealServer::State inserting = m_server.state(token);
    QCOMPARE(inserting.tickets.value(id).status, TicketStatus::New);
    QVERIFY(!inserting.tickets.value(id).firstResponseAt.isValid());
    const QString me = session.me()->id;
    // The agent's public messages on a ticket (the history's events are messages too).
    const auto mine = [&me](const Testing::RealServer::State &state, const QString &ticket) {
        QStringList bodies;
        for (const Message &m : state.messages.value(ticket)) {
            if (m.authorId == me && m.kind == MessageKind::Public)
                bodies.append(m.body);
        }
        return bodies;
    };
    QCOMPARE(mine(inserting, id), QStringList());

    // Sent: the reply, then the actions, each once.
    QVERIFY(pane->sendComposer());
    QCOMPARE(saved, (QStringList { opTypeName(OpType::Reply), opTypeName(OpType::SetStatus),
                                   opTypeName(OpType::AddTag) }));
    QVERIFY2(pane->macros()->lastError().isEmpty(), qPrintable(pane->macros()->lastError()));
    QVERIFY(pane->macros()->staged(id).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    const Testing::RealServer::State sent = m_server.state(token);
    QCOMPARE(sent.tickets.value(id).status, TicketStatus::Accepted);
    QVERIFY(sent.tickets.value(id).firstResponseAt.isValid());
    QCOMPARE(sent.tickets.value(id).tags.count(QStringLiteral("investigating")), 1);
    QCOMPARE(mine(sent, id), QStringList { composed.trimmed() });

    // 2. A draft the agent empties drops the actions: the next reply goes alone.
    saved.clear();
    const QString dropped = fresh.at(1);
    QVERIFY(show(dropped));
    QVERIFY(pick(QStringLiteral("solved")));
    QCOMPARE(pane->macros()->staged(dropped).size(), 1);
    pane->composer()->selectAll();
    QTest::keyClick(pane->composer(), Qt::Key_Delete);
    QVERIFY(pane->macros()->staged(dropped).isEmpty());
    QVERIFY(pane->macros()->barText().isEmpty());
    QTest::keyClicks(pane->composer(), QStringLiteral("Looking"));
    QVERIFY(pane->sendComposer());
    QCOMPARE(saved, QStringList { opTypeName(OpType::Reply) });
    // Undone at once (Ctrl+Z of the insertion into an empty composer): dropped too.
    QVERIFY(show(dropped)); // the answer moved the queue on
    QVERIFY(pick(QStringLiteral("solved")));
    QCOMPARE(pane->macros()->staged(dropped).size(), 1);
    QTest::keyClick(pane->composer(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY2(pane->composer()->toPlainText().isEmpty(), qPrintable(pane->composer()->toPlainText()));
    QVERIFY(pane->macros()->staged(dropped).isEmpty());

    // 3. Removed from the bar before sending; another ticket shown meanwhile keeps it apart.
    saved.clear();
    const QString removed = fresh.at(2);
    QVERIFY(show(removed));
    QVERIFY(pick(QStringLiteral("solved")));
    QVERIFY(show(id));
    QVERIFY(pane->macros()->barText().isEmpty());
    QVERIFY(show(removed));
    QVERIFY(pane->macros()->barText().contains(QStringLiteral("On send"))
            || desk == Language::Chinese);
    QVERIFY(pane->macros()->removeButton()->isVisibleTo(pane));
    pane->macros()->removeButton()->click();
    QVERIFY(pane->macros()->staged(removed).isEmpty());
    pane->composer()->setPlainText(QStringLiteral("Looking"));
    QVERIFY(pane->sendComposer());
    QCOMPARE(saved, QStringList { opTypeName(OpType::Reply) });
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    const Testing::RealServer::State after = m_server.state(token);
    for (const QString &t : { dropped, removed }) {
        QVERIFY(after.tickets.value(t).status != TicketStatus::Resolved);
        QCOMPARE(mine(after, t), QStringList { QStringLiteral("Looking") });
    }
    session.stop();
}

QTEST_MAIN(TestMacrosDemo)
void TestMacrosDemo::listsInTheDesksLanguage_data()
{
    QTest::addColumn<Language>("desk");
    QTest::addColumn<QString>("separator");
    QTest::newRow("en") << Language::English << QStringLiteral("; ");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("\uff1b");
}

// The bar under the composer lists a macro's actions in the desk's language, punctuation
// too: in 中文 it read "发送时：状态 → 等待客户回复; 加上标签 need-logs", a Latin semicolon
// between Chinese words (the pane's other lists said "、" and "；" already).
void TestMacrosDemo::listsInTheDesksLanguage()
{
    QFETCH(Language, desk);
    QFETCH(QString, separator);
    Testing::DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-zhangwei"), desk,
                                       m_dir.filePath(QStringLiteral("lists-%1.sqlite")
                                                              .arg(languageCode(desk))));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    DeskSession &session = *demo.session;
    auto *pane = qobject_cast<TicketPane *>(demo.window->ticketPane());
    QVERIFY(pane);
    QTRY_VERIFY(MacroReadAhead::of(&session)->isCurrent());
    QueueModel *queue = demo.window->queueModel();
    QTRY_VERIFY(queue->rowCount() > 0);
    // A new ticket: "Need logs" both sets its status and tags it.
    QString ticketId;
    for (int r = 0; r < queue->rowCount() && ticketId.isEmpty(); ++r) {
        const std::optional<Ticket> t = session.cache()->ticket(queue->ticketId(r));
        if (t && t->status == TicketStatus::New && !t->tags.contains(QStringLiteral("need-logs")))
            ticketId = t->id;
    }
    QVERIFY(!ticketId.isEmpty());
    pane->showTicket(ticketId);
    pane->composer()->setFocus();
    QTest::keyClick(pane->composer(), Qt::Key_M, Qt::ControlModifier);
    MacroPicker *picker = pane->macros()->picker();
    QTRY_VERIFY(picker->isVisible());
    picker->searchLine()->setText(QStringLiteral("need logs"));
    QCOMPARE(picker->shownCount(), 1);
    QTest::keyClick(picker->searchLine(), Qt::Key_Return);
    QVERIFY(!picker->isVisible());
    const QString bar = pane->macros()->barText();
    const QString onSend = bar.section(u'\n', -1);
    QVERIFY2(onSend.contains(separator), qPrintable(bar));
    if (desk == Language::Chinese)
        QVERIFY2(!onSend.contains(u';') && !onSend.contains(QStringLiteral(", ")), qPrintable(bar));
    session.stop();
}

#include "tst_macros_demo.moc"
