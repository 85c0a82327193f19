// The agent's flow through the queue on the real MainWindow and DeskController, signed in to the
// real demo server on loopback: A on the top ticket leaves the selection on the next ticket to
// work on (J then goes on through the unanswered ones) and makes the ticket the agent's, in the
// cache and on the server; a ticket just created is selected in the queue with the old search
// ended, and when the queue leaves it out the banner says why, never "lead board" to an agent.
#include "deskcontroller.h"
#include "desksession.h"
#include "intakedialog.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"
#include "ticketpane.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "demodesk.h"
#include "realserver.h"

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

class TestMainWindowFlow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void acceptMovesOnToTheNextTicket();
    void newTicketIsSelectedWithTheSearchEnded();

private:
    // A desk signed in as `agentId` on a cache of its own, synced with the server.
    bool openDesk(const QString &agentId);
    bool isAnswered(int row) const;

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    std::unique_ptr<DeskSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<DeskController> m_desk;
    int m_desks = 0;
};

void TestMainWindowFlow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow_flow"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("150"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600"), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1") }),
             m_server->log().constData());
    QVERIFY(!m_server->token(QStringLiteral("a-zhangwei")).isEmpty());
}

void TestMainWindowFlow::cleanup()
{
    if (m_session)
        m_session->stop();
    m_desk.reset();
    m_window.reset();
    m_session.reset();
}

bool TestMainWindowFlow::openDesk(const QString &agentId)
{
    m_session = std::make_unique<DeskSession>();
    const SessionConfig config = SessionConfig::forServer(
        m_server->url(), m_server->token(agentId),
        m_dir.filePath(QStringLiteral("client-%1.sqlite").arg(++m_desks)));
    if (m_session->open(config) != TicketCache::OpenStatus::Ok)
        return false;
    m_window = std::make_unique<MainWindow>(m_session.get());
    m_desk = std::make_unique<DeskController>(m_session.get(), m_window.get(), m_server->url());
    m_window->resize(1440, 900);
    m_window->show();
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get()))
        return false;
    // The backlog comes in one page: the initial sync ends in a reset all the same, which the
    // queue takes (it holds the open tickets and those closed within the week of them).
    if (!Testing::startAndSync(m_session.get(), m_window->queueModel()))
        return false;
    QueueModel *queue = m_window->queueModel();
    return m_session->cache()->ticketCount() >= m_server->demoBacklog()
        && m_session->me().has_value() && !m_session->isLoading()
        && queue->queueCount(QueueModel::AllOpen) == queue->rowCount();
}

bool TestMainWindowFlow::isAnswered(int row) const
{
    const QModelIndex countdown = m_window->queueModel()->index(row, QueueModel::CountdownColumn);
    const auto state = SlaState(countdown.data(QueueRole::SlaStateRole).toInt());
    return state == SlaState::RespondedInTime || state == SlaState::RespondedLate;
}

void TestMainWindowFlow::acceptMovesOnToTheNextTicket()
{
    QVERIFY(openDesk(QStringLiteral("a-zhangwei")));
    QueueModel *model = m_window->queueModel();
    QCOMPARE(model->queue(), QueueModel::AllOpen);
    // The top of the queue: the most urgent unanswered tickets, none of them anyone's yet.
    QVERIFY(model->rowCount() > 3);
    QVERIFY(!isAnswered(0) && !isAnswered(1) && !isAnswered(2));
    const QString top = model->ticketId(0);
    const QString second = model->ticketId(1);
    const QString third = model->ticketId(2);
    const Ticket before = *m_session->cache()->ticket(top);
    QCOMPARE(before.status, TicketStatus::New);
    QVERIFY2(before.assigneeId.isEmpty(), qPrintable(before.assigneeId));
    m_window->queueView()->setFocus();
    m_window->queueView()->moveCurrent(-1); // the top row, as the window opens on it
    QCOMPARE(m_window->currentTicketId(), top);

    QTest::keyClick(m_window->queueView(), Qt::Key_A);
    // Accepted (受理): answered, so it goes down among the answered tickets...
    QTRY_VERIFY(model->rowOfTicket(top) > 0);
    QVERIFY(isAnswered(model->rowOfTicket(top)));
    // ...and the selection stays on the next ticket to work on, the pane with it.
    QCOMPARE(m_window->currentTicketId(), second);
    QCOMPARE(m_desk->ticketPane()->ticketId(), second);
    QTest::keyClick(m_window->queueView(), Qt::Key_J);
    QCOMPARE(m_window->currentTicketId(), third);
    QVERIFY(!isAnswered(model->rowOfTicket(third)));

    // Accepting an unassigned ticket makes it mine: at once in the cache, then on the server.
    const QString me = m_session->me()->id;
    QCOMPARE(me, QStringLiteral("a-zhangwei"));
    QCOMPARE(m_session->cache()->ticket(top)->assigneeId, me);
    QCOMPARE(m_session->cache()->ticket(top)->status, TicketStatus::Accepted);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->cache()->pendingCount(), 0, 20000);
    const RealServer::State server = m_server->state(m_server->token(me));
    QVERIFY(server.ok);
    QCOMPARE(server.tickets.value(top).assigneeId, me);
    QCOMPARE(server.tickets.value(top).status, TicketStatus::Accepted);
    QVERIFY(server.tickets.value(top).firstResponseAt.isValid());
    QCOMPARE(m_session->cache()->ticket(top)->assigneeId, me); // the server's copy now
    QTRY_VERIFY(model->queueCount(QueueModel::MyTickets) >= 1);
    const QStringList events = [&] {
        QStringList codes;
        for (const Message &m : server.messages.value(top))
            codes << m.event;
        return codes;
    }();
    QVERIFY2(events.contains(QStringLiteral("accepted"))
                 && events.contains(QStringLiteral("assigned")),
             qPrintable(events.join(u',')));

    // In "Unassigned" the accepted ticket leaves the queue: the next one is selected there too.
    m_window->queueList()->setCurrentRow(QueueModel::Unassigned);
    QTRY_VERIFY(model->rowCount() > 2);
    m_window->queueView()->moveCurrent(-model->rowCount());
    const QString first = model->ticketId(0);
    const QString next = model->ticketId(1);
    QVERIFY(!isAnswered(0) && !isAnswered(1));
    QCOMPARE(m_session->cache()->ticket(first)->status, TicketStatus::New);
    m_window->acceptAction()->trigger();
    QTRY_COMPARE(model->rowOfTicket(first), -1);
    QCOMPARE(m_window->currentTicketId(), next);
    QCOMPARE(m_session->cache()->ticket(first)->assigneeId, me);
}

void TestMainWindowFlow::newTicketIsSelectedWithTheSearchEnded()
{
    QVERIFY(openDesk(QStringLiteral("a-zhangwei")));
    QueueModel *model = m_window->queueModel();
    QVERIFY(!m_window->leadBoard()); // an agent
    // An old search that the new ticket will not match.
    QTest::keyClicks(m_window->searchField(), QStringLiteral("VPN"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QCOMPARE(model->searchText(), QStringLiteral("VPN"));

    const auto create = [this](const QString &subject) {
        m_desk->openNewTicket();
        auto *dialog = m_window->findChild<IntakeDialog *>();
        if (!dialog)
            return QString();
        const QVector<Customer> customers = m_session->cache()->customers();
        for (const Customer &c : customers) {
            if (c.planId == u"service-plan" && dialog->selectCustomer(c.id))
                break;
        }
        dialog->setSeverity(QStringLiteral("consultation"));
        dialog->setSubject(subject);
        if (!dialog->create())
            return QString();
        const QString id = dialog->createdTicketId();
        dialog->accept();
        return id;
    };
    const QString id = create(QStringLiteral("Console login page is slow"));
    QVERIFY(!id.isEmpty());
    // All open holds it: selected there, the search ended, no banner.
    QCOMPARE(m_window->currentTicketId(), id);
    QCOMPARE(m_desk->ticketPane()->ticketId(), id);
    QCOMPARE(m_window->searchField()->text(), QString());
    QCOMPARE(model->searchText(), QString());
    QVERIFY(!model->isShowingOnly());
    QVERIFY(m_window->onlyBanner()->isHidden());

    // "My tickets" does not hold a new unassigned ticket: it is shown by itself, and the banner
    // says so in an agent's words.
    m_window->queueList()->setCurrentRow(QueueModel::MyTickets);
    QTest::keyClicks(m_window->searchField(), QStringLiteral("DNS"));
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    const QString other = create(QStringLiteral("Backup job failed overnight"));
    QVERIFY(!other.isEmpty());
    QCOMPARE(m_window->currentTicketId(), other);
    QVERIFY(model->isShowingOnly());
    QVERIFY(!m_window->onlyBanner()->isHidden());
    const QString banner = m_window->onlyBannerLabel()->text();
    QVERIFY2(!banner.contains(QStringLiteral("lead board")), qPrintable(banner));
    QVERIFY2(banner.contains(QStringLiteral("the ticket you opened")), qPrintable(banner));
    QCOMPARE(m_window->searchField()->text(), QString());
    QVERIFY(!m_window->severityFilter()->isEnabled()); // the filters wait for the pick to end
    // SUPPORTDESK_SHOTS=dir: the window with the banner, to look at.
    const QString shots = qEnvironmentVariable("SUPPORTDESK_SHOTS");
    if (!shots.isEmpty())
        QVERIFY(m_window->grab().save(shots + QStringLiteral("/opened-ticket.png")));
    // Typing a search ends the pick.
    QTest::keyClicks(m_window->searchField(), QStringLiteral("B"));
    QVERIFY(!model->isShowingOnly());
    QVERIFY(m_window->onlyBanner()->isHidden());
    QVERIFY(m_window->severityFilter()->isEnabled());
    QCOMPARE(m_window->queueList()->currentRow(), int(QueueModel::MyTickets));
}

QTEST_MAIN(TestMainWindowFlow)
#include "tst_mainwindow_flow.moc"
