// The session as the UI uses it: the engine on its worker thread, the GUI thread's cache
// reading what the worker wrote, edits saved on the GUI thread and sent by the worker.
#include "desksession.h"
#include "fakeserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestDeskSession : public QObject
{
    Q_OBJECT

private slots:
    void syncsOnItsThreadAndSendsEdits();
    void openRefusesAGarbageFile();
};

void TestDeskSession::syncsOnItsThreadAndSendsEdits()
{
    QTemporaryDir dir;
    SessionConfig config;
    config.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    QThread *workerThread = nullptr;
    config.makeTransport = [&workerThread] {
        workerThread = QThread::currentThread();
        auto *server = new FakeServer;
        for (int i = 0; i < 1200; ++i)
            server->addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Ticket %1").arg(i));
        return server;
    };
    config.options.minBackoffMs = 10;
    config.options.pageSize = 500; // several pages
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    QSignalSpy signedIn(&session, &DeskSession::signedIn);
    QSignalSpy changed(&session, &DeskSession::ticketsChanged);
    QSignalSpy reset(&session, &DeskSession::cacheReset);
    QSignalSpy searchReady(&session, &DeskSession::searchIndexReady);
    // The views read the reset's rows from the session: read once, by the sync thread.
    qsizetype rowsDuringReset = -1;
    QThread *readOn = nullptr;
    connect(&session, &DeskSession::cacheReset, this, [&] {
        rowsDuringReset = session.resetRows() ? session.resetRows()->rows.size() : -1;
        QCOMPARE(session.ticketRows().rows.size(), rowsDuringReset);
        readOn = QThread::currentThread();
    });
    session.start();
    QVERIFY(session.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->ticketCount(), 1200, 10000);
    QVERIFY(workerThread && workerThread != QThread::currentThread());
    QTRY_COMPARE(signedIn.size(), 1);
    QCOMPARE(session.me()->name, QStringLiteral("Ann"));
    // The initial sync's pages (three here) are not handed on one by one: one reset at the end.
    QVERIFY(session.isLoading() || reset.size() == 1);
    QTRY_COMPARE(reset.size(), 1);
    QVERIFY(!session.isLoading());
    QCOMPARE(rowsDuringReset, 1200);
    QCOMPARE(readOn, QThread::currentThread());
    QVERIFY(!session.resetRows()); // only during the reset
    QCOMPARE(session.ticketRows().rows.size(), 1200);
    // (A page signalled before the reset but handled after it still comes as ticketsChanged.)
    QTest::qWait(50);
    QCOMPARE(reset.size(), 1);
    QTRY_VERIFY(!searchReady.isEmpty());
    QCOMPARE(session.cache()->searchTickets(QStringLiteral("Ticket 1199")),
             QStringList{QStringLiteral("t1199")});

    // An edit on the GUI thread goes out from the worker.
    Operation reply;
    reply.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    reply.type = QStringLiteral("reply");
    reply.ticketId = QStringLiteral("t5");
    reply.baseVersion = session.cache()->ticket(QStringLiteral("t5"))->version;
    reply.payload = {{QStringLiteral("message_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                     {QStringLiteral("body"), QStringLiteral("Looking into it")}};
    changed.clear();
    QVERIFY(session.saveEdit(reply));
    QCOMPARE(changed.size(), 1); // at once, for the pending look
    QCOMPARE(session.cache()->pendingCount(), 1);
    QTRY_COMPARE(session.cache()->pendingCount(), 0);
    QTRY_COMPARE(session.cache()->ticket(QStringLiteral("t5"))->version, 2);
    QVERIFY(session.cache()->ticket(QStringLiteral("t5"))->firstResponseAt.isValid());
    session.stop();
    QVERIFY(!session.isRunning());
}

void TestDeskSession::openRefusesAGarbageFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QFile garbage(path);
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray(8192, 'x'));
    garbage.close();
    DeskSession session;
    SessionConfig config;
    config.cachePath = path;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Corrupt);
    session.start(); // refused quietly: nothing runs on a cache that did not open
    QVERIFY(!session.isRunning());
    QString movedTo;
    int salvaged = -1;
    QVERIFY(session.cache()->recoverFromCorruption(&movedTo, &salvaged));
    QVERIFY(QFile::exists(movedTo));
}

QTEST_GUILESS_MAIN(TestDeskSession)
#include "tst_desksession.moc"
