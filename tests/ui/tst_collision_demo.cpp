// Collision on the real MainWindow signed in to the real demo server on loopback
// (docs/collision.md): another agent's desk (a stream client with Emma's token) views and
// types on the shown ticket — the pane says so in words and the queue's row carries a mark —
// and when that desk closes its connection both clear. A reply written while the ticket
// changed (status, assignee, a new reply) shows what changed and asks before it goes.
#include "demodesk.h"
#include "presence.h"
#include "presenceline.h"
#include "queuemodel.h"
#include "recordnames.h"
#include "settledgrab.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

using namespace SupportDesk;

class TestCollisionDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void anotherAgentShows_data();
    void anotherAgentShows();
    void changedTicketAsksFirst();

private:
    // A desk of `agent` as the server sees one: a stream client saying what it does.
    std::unique_ptr<QWebSocket> openDesk(const QString &agent);
    // An edit of `ticketId` as another agent's desk sends it; true when applied.
    bool editAs(const QString &agent, const QString &ticketId, const TicketEdit &edit);
    // An open ticket of the queue, selected and shown in the pane; empty when none came.
    QString showOpenTicket(Testing::DemoDesk &desk);

    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestCollisionDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("server.db")),
                            { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                              QStringLiteral("30"), QStringLiteral("--demo-interval"),
                              QStringLiteral("3600") }),
             m_server.log().constData());
}

void TestCollisionDemo::cleanupTestCase()
{
    m_server.stop();
}

std::unique_ptr<QWebSocket> TestCollisionDemo::openDesk(const QString &agent)
{
    auto socket = std::make_unique<QWebSocket>();
    QUrl url = m_server.url();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/v1/stream"));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_server.token(agent).toUtf8());
    QSignalSpy connected(socket.get(), &QWebSocket::connected);
    socket->open(request);
    if (!connected.wait(10000))
        return nullptr;
    return socket;
}

bool TestCollisionDemo::editAs(const QString &agent, const QString &ticketId,
                               const TicketEdit &edit)
{
    const Testing::RealServer::State state = m_server.state(m_server.token(agent));
    if (!state.ok || !state.tickets.contains(ticketId))
        return false;
    const Operation op = TicketEdits::make(state.tickets.value(ticketId), edit,
                                           QDateTime::currentDateTimeUtc());
    return m_server.postOp(m_server.token(agent), Json::toJson(op))
               .value(QStringLiteral("result"))
               .toString()
        == OpResult::Applied;
}

QString TestCollisionDemo::showOpenTicket(Testing::DemoDesk &desk)
{
    QueueModel *queue = desk.window->queueModel();
    if (!QTest::qWaitFor([queue] { return queue->rowCount() > 0; }, 10000))
        return {};
    for (int r = 0; r < queue->rowCount(); ++r) {
        const std::optional<Ticket> t = desk.session->cache()->ticket(queue->ticketId(r));
        if (!t || !TicketStatus::isOpen(t->status) || t->status == TicketStatus::WaitingOnCustomer)
            continue;
        TicketPane *pane = desk.controller->ticketPane();
        if (!desk.window->selectTicket(t->id)
            || !QTest::qWaitFor([pane, t] { return pane->ticketId() == t->id; }, 10000))
            return {};
        return t->id;
    }
    return {};
}

void TestCollisionDemo::anotherAgentShows_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("viewing");
    QTest::addColumn<QString>("typing");
    QTest::newRow("en") << Language::English << QStringLiteral("Emma Clarke is viewing")
                        << QStringLiteral("Emma Clarke is typing…");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("Emma Clarke 正在查看")
                           << QStringLiteral("Emma Clarke 正在输入…");
}

void TestCollisionDemo::anotherAgentShows()
{
    QFETCH(Language, language);
    QFETCH(QString, viewing);
    QFETCH(QString, typing);
    Testing::DemoDesk desk;
    QSignalSpy streamUp(desk.session.get(), &DeskSession::streamConnected);
    const QString failed = desk.start(
        m_server, QStringLiteral("a-zhangwei"), language,
        m_dir.filePath(QStringLiteral("show-%1.sqlite").arg(languageCode(language))));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY(streamUp.count() > 0 || streamUp.wait(10000));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    const QString ticketId = showOpenTicket(desk);
    QVERIFY(!ticketId.isEmpty());
    QVERIFY(!pane->presenceLine()->isVisible());

    // Emma opens it, then types.
    std::unique_ptr<QWebSocket> emma = openDesk(QStringLiteral("a-emma"));
    QVERIFY(emma);
    emma->sendTextMessage(
        QString::fromUtf8(Presence::encode({ ticketId, Presence::State::Viewing })));
    QTRY_VERIFY(pane->presenceLine()->isVisible());
    QTRY_VERIFY2(pane->presenceLine()->text().contains(viewing),
                 qPrintable(pane->presenceLine()->text()));
    const auto subject = [&window, &ticketId] {
        const int row = window.queueModel()->rowOfTicket(ticketId);
        return window.queueModel()
            ->index(row, QueueModel::SubjectColumn)
            .data(Qt::DisplayRole)
            .toString();
    };
    QTRY_VERIFY2(subject().startsWith(QStringLiteral("● ")), qPrintable(subject()));
    emma->sendTextMessage(
        QString::fromUtf8(Presence::encode({ ticketId, Presence::State::Typing })));
    QTRY_VERIFY2(pane->presenceLine()->text().contains(typing),
                 qPrintable(pane->presenceLine()->text()));
    QTRY_VERIFY2(subject().startsWith(QStringLiteral("✎ ")), qPrintable(subject()));
    const int row = window.queueModel()->rowOfTicket(ticketId);
    QVERIFY(window.queueModel()
                ->index(row, QueueModel::SubjectColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(typing));
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        Testing::settlePostedEvents(); // the grab is for people to look at
        window.grab().save(QStringLiteral("%1/collision-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(language)));
    }

    // Her desk goes away without a word: the server says she left, and both clear.
    emma->abort();
    QTRY_VERIFY(!pane->presenceLine()->isVisible());
    QTRY_VERIFY2(!subject().startsWith(QStringLiteral("✎ ")), qPrintable(subject()));
    QVERIFY(!subject().startsWith(QStringLiteral("● ")));

    // And this desk is seen by others: what it reports reaches another agent's desk.
    std::unique_ptr<QWebSocket> lina = openDesk(QStringLiteral("a-lina"));
    QVERIFY(lina);
    QStringList heard;
    connect(lina.get(), &QWebSocket::textMessageReceived, this,
            [&heard](const QString &text) { heard.append(text); });
    pane->composer()->setFocus();
    QTest::keyClicks(pane->composer(), QStringLiteral("Checking"));
    const auto linaHeardTyping = [&heard, &ticketId] {
        for (const QString &text : std::as_const(heard)) {
            const auto e = Presence::decodeEvent(QJsonDocument::fromJson(text.toUtf8()).object());
            if (e && e->ticketId == ticketId && e->agentId == u"a-zhangwei"
                && e->state == Presence::State::Typing)
                return true;
        }
        return false;
    };
    QTRY_VERIFY(linaHeardTyping());
    pane->composer()->clear();
}

void TestCollisionDemo::changedTicketAsksFirst()
{
    Testing::DemoDesk desk;
    const QString failed = desk.start(m_server, QStringLiteral("a-zhangwei"), Language::English,
                                      m_dir.filePath(QStringLiteral("changed.sqlite")));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    DeskSession &session = *desk.session;
    TicketPane *pane = desk.controller->ticketPane();
    const QString ticketId = showOpenTicket(desk);
    QVERIFY(!ticketId.isEmpty());
    const Ticket before = *pane->ticket();

    // Zhang Wei starts a reply; meanwhile Emma changes the status and replies herself.
    pane->composer()->setFocus();
    QTest::keyClicks(pane->composer(), QStringLiteral("Please restart the instance."));
    TicketEdit status;
    status.type = OpType::SetStatus;
    status.status = TicketStatus::WaitingOnCustomer;
    QVERIFY(editAs(QStringLiteral("a-emma"), ticketId, status));
    TicketEdit reply;
    reply.type = OpType::Reply;
    reply.messageId = TicketEdits::newId();
    reply.body = QStringLiteral("I restarted it for you already.");
    reply.authorId = QStringLiteral("a-emma");
    QVERIFY(editAs(QStringLiteral("a-emma"), ticketId, reply));
    QTRY_VERIFY_WITH_TIMEOUT(pane->ticket()
                                 && pane->ticket()->status == TicketStatus::WaitingOnCustomer
                                 && pane->conversationText().contains(reply.body),
                             20000);

    // The send asks first, naming what changed; "let me read" keeps the reply.
    // The dialog is modal: a watcher answers it from inside its event loop.
    QString asked;
    int dialogs = 0;
    bool sendAnyway = false;
    QTimer watcher;
    watcher.setInterval(10);
    connect(&watcher, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ChangedTicketDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        ++dialogs;
        asked = dialog->text();
        (sendAnyway ? dialog->sendButton() : dialog->holdButton())->click();
    });
    watcher.start();
    QVERIFY(!pane->sendComposer());
    QCOMPARE(dialogs, 1);
    QVERIFY2(asked.contains(QStringLiteral("Status: %1 → %2")
                                .arg(statusName(before.status),
                                     statusName(TicketStatus::WaitingOnCustomer))),
             qPrintable(asked));
    QVERIFY2(asked.contains(QStringLiteral("New reply from Emma Clarke: ") + reply.body),
             qPrintable(asked));
    QVERIFY(!asked.contains(QStringLiteral("Assignee")));
    QCOMPARE(pane->composer()->toPlainText(), QStringLiteral("Please restart the instance."));
    QCOMPARE(session.cache()->pendingCount(), 0);

    // Seen: a send now goes without asking... unless the ticket changes again. Lina takes it.
    TicketEdit assign;
    assign.type = OpType::Assign;
    assign.assigneeId = QStringLiteral("a-lina");
    QVERIFY(editAs(QStringLiteral("a-emma"), ticketId, assign));
    QTRY_VERIFY_WITH_TIMEOUT(pane->ticket() && pane->ticket()->assigneeId == u"a-lina", 20000);
    asked.clear();
    sendAnyway = true;
    QVERIFY(pane->sendComposer());
    QCOMPARE(dialogs, 2);
    QVERIFY2(asked.contains(QStringLiteral("Assignee: "))
                 && asked.contains(QStringLiteral("李娜")),
             qPrintable(asked));
    QVERIFY(!asked.contains(QStringLiteral("Status:")));
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    const Testing::RealServer::State state
        = m_server.state(m_server.token(QStringLiteral("a-zhangwei")));
    int sent = 0;
    for (const Message &m : state.messages.value(ticketId))
        sent += m.body == u"Please restart the instance." ? 1 : 0;
    QCOMPARE(sent, 1);

    // A reply started after that, with nothing changed since, goes without a question.
    QTest::keyClicks(pane->composer(), QStringLiteral("One more thing."));
    QVERIFY(pane->sendComposer());
    QCOMPARE(dialogs, 2);
}

QTEST_MAIN(TestCollisionDemo)
#include "tst_collision_demo.moc"
