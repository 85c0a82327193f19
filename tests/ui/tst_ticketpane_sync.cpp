// The ticket pane on a running session: the sync engine on its worker thread sends the pane's
// edits to an in-memory server (tests/sync/fakeserver.h) and writes its answers, and the pane
// follows — pending, then applied; a conflict, then re-applied through the conflict dialog.
#include "conflictdialog.h"
#include "desksession.h"
#include "fakeserver.h"
#include "ticketpane.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestTicketPaneSync : public QObject
{
    Q_OBJECT

private slots:
    void replyThenConflict();
};

void TestTicketPaneSync::replyThenConflict()
{
    QTemporaryDir dir;
    SessionConfig config;
    config.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    FakeServer *server = nullptr;
    config.makeTransport = [&server] {
        server = new FakeServer;
        server->addTicket(QStringLiteral("t1"), QStringLiteral("VPN drops"));
        return server;
    };
    config.options.minBackoffMs = 10;
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    QSignalSpy conflicts(&session, &DeskSession::conflict);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->ticketCount(), 1, 10000);

    TicketPane pane(&session);
    pane.showTicket(QStringLiteral("t1"));
    QVERIFY(pane.ticket());
    QCOMPARE(pane.slaStatus().state, SlaState::OnTrack); // S3 consultation, 2 h
    QVERIFY(pane.headerText().contains(QStringLiteral("VPN drops")));

    pane.focusReply();
    pane.composer()->setPlainText(QStringLiteral("Which OpenVPN version?"));
    QVERIFY(pane.sendComposer());
    // Pending at once, responded locally…
    QCOMPARE(pane.slaStatus().state, SlaState::RespondedInTime);
    // …then the server has it: version 2, nothing waiting, the reply no longer marked.
    QTRY_VERIFY_WITH_TIMEOUT(pane.pendingText().isEmpty(), 10000);
    QTRY_COMPARE(pane.ticket()->version, 2);
    QVERIFY(pane.ticket()->firstResponseAt.isValid());
    QCOMPARE(pane.slaStatus().state, SlaState::RespondedInTime);
    QVERIFY(pane.conversationText().contains(QStringLiteral("Which OpenVPN version?")));
    QVERIFY(!pane.conversationText().contains(QStringLiteral("(waiting to be sent)")));

    // Someone else's change on the server (the ticket stored anew, at version 1): the next
    // edit, made on version 2, conflicts.
    QVERIFY(QMetaObject::invokeMethod(
        server, [server] { server->addTicket(QStringLiteral("t1"), QStringLiteral("VPN drops")); },
        Qt::BlockingQueuedConnection));
    QVERIFY(pane.setStatus(TicketStatus::WaitingOnCustomer));
    QTRY_COMPARE_WITH_TIMEOUT(conflicts.size(), 1, 10000);
    const QString opId = conflicts.first().at(0).toString();
    QTRY_VERIFY(pane.problemText().contains(QStringLiteral("Someone changed this ticket")));

    ConflictDialog dialog(&session, opId, &pane);
    QVERIFY(dialog.hasConflict());
    QVERIFY(dialog.localText().contains(QStringLiteral("Waiting on customer")));
    QVERIFY(dialog.serverText().contains(QStringLiteral("Version 1")));
    QVERIFY(dialog.reapply());
    // Re-applied on the server's version: applied this time.
    QTRY_VERIFY_WITH_TIMEOUT(session.cache()->outbox().isEmpty(), 10000);
    QTRY_COMPARE(pane.ticket()->status, TicketStatus::WaitingOnCustomer);
    QVERIFY(pane.problemText().isEmpty());
    QCOMPARE(pane.ticket()->version, 2);
    session.stop();
}

QTEST_MAIN(TestTicketPaneSync)
#include "tst_ticketpane_sync.moc"
