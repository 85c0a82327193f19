// The sync engine against an in-memory server with faults injected: after every fault the
// cache must equal the server's state, with no edit lost and none applied twice.
#include "fakeserver.h"
#include "faulttransport.h"
#include "syncengine.h"
#include "ticketcache.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;
using Fault = FaultTransport::Fault;

namespace {

// One client: a cache file, the transport chain and an engine.
struct Client
{
    Client(FakeServer *server, const QString &path, const QString &name,
           SyncEngine::Options options = fastOptions())
        : cache(name), faults(server)
    {
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            qFatal("cannot open %s", qPrintable(path));
        engine = std::make_unique<SyncEngine>(&cache, &faults, options);
    }
    static SyncEngine::Options fastOptions()
    {
        SyncEngine::Options o;
        o.pageSize = 1000;
        o.requestTimeoutMs = 500;
        o.minBackoffMs = 10;
        o.maxBackoffMs = 40;
        o.pollIntervalMs = 60000;
        return o;
    }
    // Runs the event loop until the engine has nothing left to do (outbox sent or waiting for
    // the user, feed read to the end) or `ms` pass.
    bool settle(int ms = 10000)
    {
        QElapsedTimer timer;
        timer.start();
        QSignalSpy idle(engine.get(), &SyncEngine::idle);
        engine->syncNow();
        while (timer.elapsed() < ms) {
            if (!idle.isEmpty() && engine->state() == SyncState::Idle) {
                bool pending = false;
                for (const OutboxEntry &e : cache.outbox())
                    pending = pending || e.state == OutboxEntry::State::Pending;
                if (!pending)
                    return true;
                idle.clear();
                engine->syncNow();
            }
            QTest::qWait(5);
        }
        return false;
    }
    Operation edit(const QString &type, const QString &ticketId, const QJsonObject &payload)
    {
        Operation op;
        op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        op.type = type;
        op.ticketId = ticketId;
        op.baseVersion = cache.ticket(ticketId).value_or(Ticket()).version;
        op.payload = payload;
        op.madeAt = QDateTime::currentDateTimeUtc();
        return op;
    }

    TicketCache cache;
    FaultTransport faults;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void initialSyncInPages();
    void feedFaults_data();
    void feedFaults();
    void changedReasonIsReportedAgain();
    void lostReplyIsNotAppliedTwice();
    void unauthorizedOnceWithoutRetries();
    void conflictFromASecondClient();
    void failingCacheWritesConverge_data();
    void failingCacheWritesConverge();
    void serverClockOffset();

private:
    QString path(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    void verifySameAsServer(const TicketCache &cache);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeServer> m_server;
};

void TestSyncEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<FakeServer>();
    for (int i = 0; i < 2500; ++i)
        m_server->addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Ticket %1").arg(i));
}

void TestSyncEngine::verifySameAsServer(const TicketCache &cache)
{
    QCOMPARE(cache.ticketCount(), m_server->tickets().size());
    for (const Ticket &s : m_server->tickets()) {
        const auto c = cache.ticket(s.id);
        QVERIFY2(c, qPrintable(s.id));
        QCOMPARE(c->version, s.version);
        QCOMPARE(c->status, s.status);
        QCOMPARE(c->assigneeId, s.assigneeId);
        QCOMPARE(c->firstResponseAt, s.firstResponseAt);
        QCOMPARE(cache.messages(s.id).size(), m_server->messagesOf(s.id).size());
    }
}

void TestSyncEngine::initialSyncInPages()
{
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.engine->start();
    QVERIFY(client.settle());
    QVERIFY(client.cache.initialSyncDone());
    QCOMPARE(client.cache.lastSeq(), 2500);
    verifySameAsServer(client.cache);
    // Three pages, each asked for once: the next page is asked for while one is written.
    QCOMPARE(client.faults.requests(QStringLiteral("/changes")), 3);
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=1000")), 1);
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=2000")), 1);
}

void TestSyncEngine::feedFaults_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("where");
    QTest::newRow("5xx on the first page") << int(Fault::ServerError) << "/changes?after=0";
    QTest::newRow("5xx on a prefetched page") << int(Fault::ServerError) << "/changes?after=1000";
    QTest::newRow("hung request") << int(Fault::Hang) << "/changes?after=0";
    QTest::newRow("hung prefetch") << int(Fault::Hang) << "/changes?after=2000";
    QTest::newRow("truncated JSON") << int(Fault::Truncate) << "/changes?after=1000";
    QTest::newRow("dropped mid-page") << int(Fault::DropMidReply) << "/changes?after=2000";
    QTest::newRow("catalog fails") << int(Fault::ServerError) << "/catalog";
}

void TestSyncEngine::feedFaults()
{
    QFETCH(int, fault);
    QFETCH(QString, where);
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.inject(Fault(fault), where, 2);
    QSignalSpy states(client.engine.get(), &SyncEngine::stateChanged);
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QVERIFY(client.settle());
    QCOMPARE(client.faults.pendingFaults(), 0);
    verifySameAsServer(client.cache);
    QCOMPARE(client.cache.lastSeq(), 2500);
    bool wentOffline = false;
    for (const auto &s : states)
        wentOffline = wentOffline || s.at(0).value<SyncState>() == SyncState::Offline;
    QVERIFY(wentOffline);
    QCOMPARE(errors.size(), 1); // the first failure is reported; the retries are not
}

void TestSyncEngine::changedReasonIsReportedAgain()
{
    // Retries that fail alike are not reported again; a new reason is (the banner shows it).
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.inject(Fault::ServerError, QStringLiteral("/catalog"), 2);
    client.faults.inject(Fault::Truncate, QStringLiteral("/catalog"));
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QVERIFY(client.settle());
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("503")));
    QVERIFY2(errors.at(1).at(0).toString().contains(QStringLiteral("could not be read")),
             qPrintable(errors.at(1).at(0).toString()));
}

void TestSyncEngine::lostReplyIsNotAppliedTwice()
{
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.engine->start();
    QVERIFY(client.settle());
    const QString messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVERIFY(client.cache.saveEdit(client.edit(QStringLiteral("reply"), QStringLiteral("t7"),
                                              {{QStringLiteral("message_id"), messageId},
                                               {QStringLiteral("body"), QStringLiteral("On it")}})));
    // The server applies it, the reply never arrives; then the retry's reply is lost too.
    client.faults.inject(Fault::LoseReply, QStringLiteral("/ops"), 2);
    QVERIFY(client.settle());
    QCOMPARE(client.faults.requests(QStringLiteral("/ops")), 3);
    QCOMPARE(m_server->messagesOf(QStringLiteral("t7")).size(), 1);
    QCOMPARE(m_server->appliedOps(), 1);
    QCOMPARE(client.cache.pendingCount(), 0);
    verifySameAsServer(client.cache);
    QVERIFY(client.cache.ticket(QStringLiteral("t7"))->firstResponseAt.isValid());
}

void TestSyncEngine::unauthorizedOnceWithoutRetries()
{
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.inject(Fault::Unauthorized, QStringLiteral("/catalog"));
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QTRY_COMPARE(client.engine->state(), SyncState::AuthFailed);
    QTest::qWait(300); // many backoff periods: nothing is retried
    QCOMPARE(client.faults.requests(), 1);
    QCOMPARE(errors.size(), 1);
    client.engine->syncNow(); // a nudge does not retry either
    QTest::qWait(50);
    QCOMPARE(client.faults.requests(), 1);
    client.engine->retryAuth(); // the user signed in again
    QVERIFY(client.settle());
    verifySameAsServer(client.cache);
}

void TestSyncEngine::conflictFromASecondClient()
{
    Client a(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    Client b(m_server.get(), path("b.sqlite"), QStringLiteral("b"));
    a.engine->start();
    b.engine->start();
    QVERIFY(a.settle());
    QVERIFY(b.settle());
    const QString id = QStringLiteral("t3");
    // Both edit version 1.
    QVERIFY(a.cache.saveEdit(a.edit(QStringLiteral("set-status"), id,
                                    {{QStringLiteral("status"), QStringLiteral("accepted")}})));
    const Operation assign = b.edit(QStringLiteral("assign"), id,
                                    {{QStringLiteral("assignee_id"), QStringLiteral("a2")}});
    QVERIFY(b.cache.saveEdit(assign));
    QVERIFY(a.settle());
    QSignalSpy conflicts(b.engine.get(), &SyncEngine::conflict);
    b.engine->syncNow();
    QTRY_COMPARE(conflicts.size(), 1);
    QCOMPARE(conflicts.first().at(0).toString(), assign.opId);
    const QVector<OutboxEntry> outbox = b.cache.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().state, OutboxEntry::State::Conflict);
    QCOMPARE(outbox.first().serverTicket->status, QStringLiteral("accepted"));
    // B's user re-applies the edit on the server's version.
    QVERIFY(b.cache.reapply(assign.opId));
    QVERIFY(b.settle());
    QVERIFY(a.settle());
    QCOMPARE(m_server->tickets().value(id).status, QStringLiteral("accepted"));
    QCOMPARE(m_server->tickets().value(id).assigneeId, QStringLiteral("a2"));
    QCOMPARE(m_server->tickets().value(id).version, 3);
    verifySameAsServer(a.cache);
    verifySameAsServer(b.cache);
}

void TestSyncEngine::failingCacheWritesConverge_data()
{
    QTest::addColumn<int>("n");
    for (int n = 1; n <= 6; ++n)
        QTest::addRow("write %d fails", n) << n;
}

void TestSyncEngine::failingCacheWritesConverge()
{
    QFETCH(int, n);
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.engine->start();
    QVERIFY(client.settle());
    // Two edits and a server-side change to pull, then the n-th cache write from now fails:
    // acknowledging an edit, or writing a feed page.
    QVERIFY(client.cache.saveEdit(client.edit(
            QStringLiteral("reply"), QStringLiteral("t1"),
            {{QStringLiteral("message_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {QStringLiteral("body"), QStringLiteral("first")}})));
    QVERIFY(client.cache.saveEdit(client.edit(QStringLiteral("set-status"), QStringLiteral("t1"),
                                              {{QStringLiteral("status"),
                                                QStringLiteral("waiting-on-customer")}})));
    m_server->addTicket(QStringLiteral("new"), QStringLiteral("Arrived meanwhile"));
    client.cache.failNthWrite(n);
    QVERIFY(client.settle());
    QCOMPARE(m_server->appliedOps(), 2);
    QCOMPARE(m_server->messagesOf(QStringLiteral("t1")).size(), 1);
    QCOMPARE(m_server->tickets().value(QStringLiteral("t1")).status,
             QStringLiteral("waiting-on-customer"));
    QCOMPARE(client.cache.outbox().size(), 0);
    verifySameAsServer(client.cache);
}

void TestSyncEngine::serverClockOffset()
{
    m_server->clockSkewMs = 3600 * 1000; // the client's clock is an hour slow
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.engine->start();
    QVERIFY(client.settle());
    QVERIFY2(qAbs(client.engine->serverClock()->offsetMs() - 3600 * 1000) < 1000,
             qPrintable(QString::number(client.engine->serverClock()->offsetMs())));
    const qint64 skew = QDateTime::currentDateTimeUtc().msecsTo(client.engine->serverClock()->now());
    QVERIFY(qAbs(skew - 3600 * 1000) < 1000);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
