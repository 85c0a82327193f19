// The ticket pane on a running session: the sync engine on its worker thread sends the pane's
// edits to an in-memory server (tests/sync/fakeserver.h) and writes its answers, and the pane
// follows — pending, then applied; a conflict, then re-applied through the conflict dialog.
// And the queue's reset after the initial sync, made off the GUI thread, with an edit made
// while it was being made, and its order and counts made there too.
#include "conflictdialog.h"
#include "desksession.h"
#include "fakeserver.h"
#include "queuemodel.h"
#include "ticketpane.h"

#include <QAbstractItemModelTester>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestTicketPaneSync : public QObject
{
    Q_OBJECT

private slots:
    void replyThenConflict();
    void queueResetKeepsAnEditMadeDuringIt();
    void queueResetSortsAndCountsOffTheGuiThread();
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
    // The status shows at once (the local edit); the server's version once the pane has read
    // the acknowledged ticket, on a later turn of the event loop.
    QTRY_COMPARE(pane.ticket()->version, 2);
    session.stop();
}

void TestTicketPaneSync::queueResetKeepsAnEditMadeDuringIt()
{
    QTemporaryDir dir;
    SessionConfig config;
    config.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    config.makeTransport = [] {
        auto *server = new FakeServer;
        // The edit stays in the outbox: no answer of the server brings the ticket again, so
        // only the queue itself can keep the edit across its reset.
        server->refuseOps = true;
        for (int i = 0; i < 1200; ++i)
            server->addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Ticket %1").arg(i));
        return server;
    };
    config.options.minBackoffMs = 10;
    config.options.pageSize = 500;
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    QueueModel model(&session);
    QAbstractItemModelTester tester(&model);
    // Connected after the model: runs once the model has started making its rows from the
    // reset's read, and before they are in. The edit is not in that read.
    int rowsDuringReset = -1;
    bool edited = false;
    connect(&session, &DeskSession::cacheReset, this, [&] {
        rowsDuringReset = model.rowCount();
        Operation wait;
        wait.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        wait.type = QStringLiteral("set-status");
        wait.ticketId = QStringLiteral("t7");
        wait.baseVersion = session.cache()->ticket(QStringLiteral("t7"))->version;
        wait.payload = { { QStringLiteral("status"), TicketStatus::WaitingOnCustomer } };
        // Saved in the cache and merged into the queue at once, as the queue's coalesced
        // merge would after a ticketsChanged: the merge must outlive the rows being made.
        edited = session.cache()->saveEdit(wait);
        model.updateTickets({ QStringLiteral("t7") });
    });
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1200, 10000);
    QCOMPARE(rowsDuringReset, 0); // the rows were still being made
    QVERIFY(edited);
    const auto statusOf = [&model](const char *id) {
        const int row = model.rowOfTicket(QString::fromLatin1(id));
        return model.index(row, QueueModel::StatusColumn).data().toString();
    };
    QTRY_COMPARE(statusOf("t7"), QStringLiteral("Waiting on customer"));
    QCOMPARE(statusOf("t8"), QStringLiteral("New"));
    session.stop();
}

QTEST_MAIN(TestTicketPaneSync)
// The initial sync's reset: the queue's order and counts come with its rows from the
// preparation thread (sorting and counting 100k rows on the GUI thread stalled it ~30 ms), and
// they are the ones the GUI thread makes from the same cache, in the default order and in
// another the agent chose before the reset.
void TestTicketPaneSync::queueResetSortsAndCountsOffTheGuiThread()
{
    QTemporaryDir dir;
    SessionConfig config;
    config.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    config.makeTransport = [] {
        auto *server = new FakeServer;
        for (int i = 0; i < 1200; ++i) {
            // Subjects out of the ids' order, some equal, so ties go by id.
            server->addTicket(QStringLiteral("t%1").arg(i),
                              QStringLiteral("Ticket %1").arg((i * 7919) % 400));
        }
        return server;
    };
    config.options.pageSize = 500;
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    QueueModel byDeadline(&session);
    QueueModel bySubject(&session);
    bySubject.sort(QueueModel::SubjectColumn, Qt::DescendingOrder);
    QAbstractItemModelTester tester(&bySubject);
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(byDeadline.rowCount(), 1200, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(bySubject.rowCount(), 1200, 10000);
    QCOMPARE(byDeadline.resetRowsSortedHere(), 0);
    QCOMPARE(byDeadline.resetRowsCountedHere(), 0);
    QCOMPARE(bySubject.resetRowsSortedHere(), 0);
    QCOMPARE(bySubject.resetRowsCountedHere(), 0);
    for (QueueModel *model : { &byDeadline, &bySubject }) {
        // The same cache, read and sorted on this thread.
        QueueModel reference(session.cache(), session.catalogs(), session.clock());
        reference.sort(model == &bySubject ? QueueModel::SubjectColumn
                                           : QueueModel::CountdownColumn,
                       model == &bySubject ? Qt::DescendingOrder : Qt::AscendingOrder);
        reference.reload();
        QCOMPARE(reference.resetRowsSortedHere(), 1200);
        QCOMPARE(model->rowCount(), reference.rowCount());
        for (int r = 0; r < reference.rowCount(); ++r)
            QCOMPARE(model->ticketId(r), reference.ticketId(r));
        for (int q = 0; q < QueueModel::QueueCount; ++q) {
            const auto queue = QueueModel::Queue(q);
            QCOMPARE(model->queueCount(queue), reference.queueCount(queue));
        }
    }
    session.stop();
}

#include "tst_ticketpane_sync.moc"
