// The sync engine and the real HttpTransport against an in-memory server, with faults
// injected below the transport (at its QNetworkAccessManager) and on the push stream's wire:
// after every fault the cache must equal the server's state, with no edit lost and none
// applied twice.
#include "fakeqnam.h"
#include "fakeserver.h"
#include "fakestream.h"
#include "watchedserver.h"
#include "syncengine.h"
#include "ticketcache.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;
using Fault = FakeQNAM::Fault;

namespace {

// One client: a cache file, the real transport over a faulty network, an engine. The
// transport's base URL is the fake stream's, so its stream URL leads there; every HTTP request
// is served by the FakeQNAM and never leaves the process.
struct Client
{
    Client(Transport *server, const QString &path, const QString &name,
           SyncEngine::Options options = fastOptions())
        : cache(name), faults(server), http(stream.baseUrl(), QStringLiteral("token"), &faults)
    {
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            qFatal("cannot open %s", qPrintable(path));
        engine = std::make_unique<SyncEngine>(&cache, &http, options);
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
        // Woken by the engine's idle signal, never by polling: each idle is checked once.
        QDeadlineTimer deadline(ms);
        QSignalSpy idle(engine.get(), &SyncEngine::idle);
        engine->syncNow();
        for (;;) {
            if (idle.isEmpty() && !idle.wait(int(std::max<qint64>(deadline.remainingTime(), 1))))
                return false;
            idle.clear();
            if (engine->state() != SyncState::Idle)
                continue; // busy again since: its next idle is the one to check
            bool pending = false;
            for (const OutboxEntry &e : cache.outbox())
                pending = pending || e.state == OutboxEntry::State::Pending;
            if (!pending)
                return true;
            engine->syncNow();
        }
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
    FakeStream stream;
    FakeQNAM faults;
    HttpTransport http;
    std::unique_ptr<SyncEngine> engine;
};


// Returns once a retry the engine might have scheduled (at most `ceilingMs` after now, its
// backoff ceiling) would have fired: Qt fires timers in the order they expire, so a precise
// timer of twice the ceiling comes after it. "Nothing was retried" is then a fact, not a hope.
void passBackoffCeiling(int ceilingMs)
{
    QTimer after;
    after.setTimerType(Qt::PreciseTimer);
    after.setSingleShot(true);
    QSignalSpy fired(&after, &QTimer::timeout);
    after.start(2 * ceilingMs);
    QVERIFY(fired.wait(10 * ceilingMs + 1000));
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void initialSyncInPages();
    void initialSyncIndexedOnAThreadOfItsOwn();
    void feedFaults_data();
    void feedFaults();
    void changedReasonIsReportedAgain();
    void lostReplyIsNotAppliedTwice();
    void opsFaults_data();
    void opsFaults();
    void droppedMidBodyIsANetworkError();
    void slowBodyArrives();
    void hintPulls();
    void wakeAfterAPrefetchAsksAgain_data();
    void wakeAfterAPrefetchAsksAgain();
    void pullByPollWithoutStream();
    void pullByPollWhileStreamIsQuiet();
    void streamReconnectsAfterDrop();
    void silentStreamIsNoticed();
    void garbageFrames_data();
    void garbageFrames();
    void unauthorizedOnceWithoutRetries();
    void conflictFromASecondClient();
    void failingCacheWritesConverge_data();
    void failingCacheWritesConverge();
    void serverClockOffset();

private:
    QString path(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    void verifySameAsServer(const TicketCache &cache);
    // For the tests that need no pages: a server of ten tickets, synced in one page.
    void smallServer()
    {
        m_server = std::make_unique<FakeServer>();
        for (int i = 0; i < 10; ++i)
            m_server->addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Ticket %1").arg(i));
    }
    // A ticket the server takes in now, as the server has it (with its feed sequence).
    Ticket added(const QString &id, const QString &subject)
    {
        m_server->addTicket(id, subject);
        return m_server->tickets().value(id);
    }
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
    // Three pages, each asked for once: the next page is asked for while one is written. (The
    // stream's opening asks for one more look at the feed's end, after=2500.)
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=0&")), 1);
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=1000")), 1);
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=2000")), 1);
}

// During the initial sync the search index is written by the search writer's thread: the
// engine's connection lets go of the search file from the first page to the last (attached,
// each page's transaction would lock the writer out for its whole length); searchIndexReady
// follows once the writer has written every page; afterwards pages write their own entries.
void TestSyncEngine::initialSyncIndexedOnAThreadOfItsOwn()
{
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    const auto searchAttached = [] {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("a")));
        QStringList names;
        if (q.exec(QStringLiteral("PRAGMA database_list"))) {
            while (q.next())
                names.append(q.value(1).toString());
        }
        return names.contains(u"search");
    };
    QVector<bool> attachedAtPage;
    connect(client.engine.get(), &SyncEngine::ticketsChanged, this,
            [&] { attachedAtPage.append(searchAttached()); });
    QSignalSpy ready(client.engine.get(), &SyncEngine::searchIndexReady);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(ready.size(), 1);
    // Pages of 1,000: the writer had the file for the first two; the last page gave it back.
    QCOMPARE(attachedAtPage, (QVector<bool>{false, false, true}));
    QVERIFY(searchAttached());
    QVERIFY(client.cache.searchIndexComplete());
    QCOMPARE(client.cache.searchTickets(QStringLiteral("Ticket 2499")),
             QStringList{QStringLiteral("t2499")});
    QCOMPARE(client.cache.searchTickets(QStringLiteral("Ticket"), 5000).size(), 2500);
    m_server->addTicket(QStringLiteral("late"), QStringLiteral("Late arrival"));
    QVERIFY(client.settle());
    QCOMPARE(client.cache.searchTickets(QStringLiteral("late arrival")),
             QStringList{QStringLiteral("late")});
    QCOMPARE(ready.size(), 1);
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
    QTest::newRow("a proxy's 502 page") << int(Fault::BadGateway) << "/changes?after=1000";
    QTest::newRow("connection refused") << int(Fault::Refused) << "/changes?after=0";
    QTest::newRow("captive portal HTML") << int(Fault::Garbage) << "/changes?after=0";
    QTest::newRow("me: garbage") << int(Fault::Garbage) << "/me";
    QTest::newRow("me: dropped mid-reply") << int(Fault::DropMidReply) << "/me";
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

void TestSyncEngine::opsFaults_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<int>("count");
    QTest::newRow("5xx") << int(Fault::ServerError) << 2;
    QTest::newRow("refused") << int(Fault::Refused) << 2;
    QTest::newRow("hang") << int(Fault::Hang) << 1;
    QTest::newRow("truncated") << int(Fault::Truncate) << 2;
    QTest::newRow("dropped mid-reply") << int(Fault::DropMidReply) << 2;
    QTest::newRow("reply lost") << int(Fault::LoseReply) << 2;
    QTest::newRow("HTML instead of JSON") << int(Fault::Garbage) << 2;
}

void TestSyncEngine::opsFaults()
{
    smallServer();
    // Two edits of two tickets under every fault POST /ops can meet: each applied once, the
    // outbox empty, the cache equal to the server.
    QFETCH(int, fault);
    QFETCH(int, count);
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.engine->start();
    QVERIFY(client.settle());
    QVERIFY(client.cache.saveEdit(client.edit(
            QStringLiteral("reply"), QStringLiteral("t1"),
            {{QStringLiteral("message_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {QStringLiteral("body"), QStringLiteral("Looking")}})));
    QVERIFY(client.cache.saveEdit(client.edit(QStringLiteral("set-status"), QStringLiteral("t2"),
                                              {{QStringLiteral("status"),
                                                QStringLiteral("accepted")}})));
    client.faults.inject(Fault(fault), QStringLiteral("/ops"), count);
    QVERIFY(client.settle());
    QCOMPARE(client.faults.pendingFaults(), 0);
    QCOMPARE(m_server->appliedOps(), 2);
    QCOMPARE(m_server->messagesOf(QStringLiteral("t1")).size(), 1);
    QCOMPARE(client.cache.outbox().size(), 0);
    verifySameAsServer(client.cache);
}

void TestSyncEngine::droppedMidBodyIsANetworkError()
{
    smallServer();
    // QNetworkReply keeps the 200 of headers that came before the connection dropped; what
    // arrived is a fragment. The transport says "connection closed", not "a 200 that does not
    // read", and hands on no body.
    FakeQNAM network(m_server.get());
    HttpTransport http(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("t"), &network);
    network.inject(Fault::DropMidReply);
    std::optional<TransportResponse> got;
    http.send("GET", QStringLiteral("/changes?after=0&limit=10"), {},
              [&got](const TransportResponse &r) { got = r; });
    QTRY_VERIFY(got);
    QCOMPARE(got->status, 0);
    QVERIFY(got->body.isEmpty());
    QVERIFY2(got->error.contains(QStringLiteral("mid-body")), qPrintable(got->error));
    QCOMPARE(network.lastAuthorization(), QByteArray("Bearer t"));

    // The engine reports the network's words for it.
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.inject(Fault::DropMidReply, QStringLiteral("/changes?after=0"));
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QVERIFY(client.settle());
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().at(0).toString().contains(QStringLiteral("mid-body")),
             qPrintable(errors.first().at(0).toString()));
    verifySameAsServer(client.cache);
}

void TestSyncEngine::slowBodyArrives()
{
    // A page that trickles in, slice by slice, for longer than the request timeout (500 ms)
    // but never silent for that long, is read whole and once.
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.setSliceMs(100); // 9 slices a page: 900 ms
    client.faults.inject(Fault::SlowBody, QStringLiteral("/changes"), 3);
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QVERIFY(client.settle());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=0&")), 1);
    QCOMPARE(client.faults.requests(QStringLiteral("/changes?after=1000&")), 1);
    verifySameAsServer(client.cache);
}

void TestSyncEngine::hintPulls()
{
    smallServer();
    // Only the stream tells of the change: the poll is a minute away.
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    QSignalSpy opened(&client.stream, &FakeStream::streamOpened);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(client.stream.openStreams(), 1);
    QSignalSpy changed(client.engine.get(), &SyncEngine::ticketsChanged);
    const Ticket t = added(QStringLiteral("new"), QStringLiteral("By hint"));
    client.stream.hint(t.seq);
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().at(0).toStringList(), QStringList{t.id});
    verifySameAsServer(client.cache);
}

void TestSyncEngine::wakeAfterAPrefetchAsksAgain_data()
{
    QTest::addColumn<bool>("refused");
    QTest::newRow("woken while an edit is sent") << false;
    QTest::newRow("woken while backing off") << true;
}

// The next feed page is asked for while one is written; a wake (a hint, an edit, the poll)
// that comes after it was asked for cannot be answered by it. Here the engine sends an edit
// between the two pages of a pull, and the server commits a change and says so meanwhile
// (first row), or refuses the edit and says so while the engine backs off (second row,
// where the wake is dropped for the retry): the page asked for before is the feed's last,
// and the engine went idle on its "no more pages" — the change waited for the poll.
void TestSyncEngine::wakeAfterAPrefetchAsksAgain()
{
    QFETCH(bool, refused);
    smallServer();
    WatchedServer watched(m_server.get());
    Client client(&watched, path("a.sqlite"), QStringLiteral("a"));
    client.stream.stopListening(); // no hints, and the poll a minute away: only the wake
    client.engine->start();
    QVERIFY(client.settle());
    for (int i = 0; i < 1500; ++i) // two pages of 1000
        m_server->addTicket(QStringLiteral("n%1").arg(i), QStringLiteral("New %1").arg(i));
    const QString firstPage = QStringLiteral("/changes?after=%1&").arg(client.cache.lastSeq());
    bool edited = false;
    int posts = 0;
    watched.onSend = [&](const QByteArray &method, const QString &path) {
        if (!edited && path.startsWith(firstPage)) {
            // Saved while the first page is on its way: sent before the second is used.
            edited = client.cache.saveEdit(client.edit(
                    QStringLiteral("set-status"), QStringLiteral("t1"),
                    {{QStringLiteral("status"), QStringLiteral("accepted")}}));
            m_server->refuseOps = refused;
        } else if (method == "POST" && ++posts == 1) {
            // The second page was asked for before this: it cannot hold this change.
            added(QStringLiteral("late"), QStringLiteral("After the page was asked for"));
            if (!refused)
                client.engine->syncNow(); // the hint, while the engine is busy
        } else if (method == "POST") {
            m_server->refuseOps = false; // the retry goes through
        }
    };
    if (refused) {
        // The hint comes while the engine backs off after the 503 (queued: after the failure
        // is handled), and is dropped for the retry.
        connect(client.engine.get(), &SyncEngine::stateChanged, client.engine.get(),
                [&client](SyncState state) {
                    if (state == SyncState::Offline)
                        client.engine->syncNow();
                },
                Qt::QueuedConnection);
    }
    QSignalSpy idle(client.engine.get(), &SyncEngine::idle);
    client.engine->syncNow(); // the hint of the 1,500 new tickets
    // The first idle with the edit sent: the engine has nothing left to do by its own account.
    for (;;) {
        if (idle.isEmpty())
            QVERIFY(idle.wait(10000));
        idle.clear();
        if (client.engine->state() == SyncState::Idle && client.cache.pendingCount() == 0)
            break;
    }
    QVERIFY(edited);
    QCOMPARE(posts, refused ? 2 : 1);
    QVERIFY2(client.cache.ticket(QStringLiteral("late")),
             "idle before the change that woke the engine was pulled");
    verifySameAsServer(client.cache);
}

void TestSyncEngine::pullByPollWithoutStream()
{
    smallServer();
    // No stream at all (the port refuses): the poll brings changes.
    SyncEngine::Options o = Client::fastOptions();
    o.pollIntervalMs = 100;
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"), o);
    client.stream.stopListening();
    client.engine->start();
    QVERIFY(client.settle());
    QSignalSpy changed(client.engine.get(), &SyncEngine::ticketsChanged);
    const Ticket t = added(QStringLiteral("new"), QStringLiteral("By poll"));
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().at(0).toStringList(), QStringList{t.id});
    QCOMPARE(client.stream.handshakes(), 0);
    // The stream's attempts leave the engine online.
    QCOMPARE(client.engine->state(), SyncState::Idle);
}

void TestSyncEngine::pullByPollWhileStreamIsQuiet()
{
    smallServer();
    // The stream is up and answers pings but sends no hint (a lost broadcast): the slower
    // poll of a connected engine still brings the change.
    SyncEngine::Options o = Client::fastOptions();
    o.pollIntervalMs = 50;
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"), o);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(client.stream.openStreams(), 1);
    QSignalSpy changed(client.engine.get(), &SyncEngine::ticketsChanged);
    const Ticket t = added(QStringLiteral("new"), QStringLiteral("By poll"));
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().at(0).toStringList(), QStringList{t.id});
    QCOMPARE(client.stream.handshakes(), 1);
}

void TestSyncEngine::streamReconnectsAfterDrop()
{
    smallServer();
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    QSignalSpy opened(&client.stream, &FakeStream::streamOpened);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(opened.size(), 1);
    // An edit saved while the stream is down still goes, and a change made meanwhile comes
    // with the reconnection's look at the feed, without a hint.
    client.stream.dropAll();
    QVERIFY(client.cache.saveEdit(client.edit(QStringLiteral("set-status"), QStringLiteral("t4"),
                                              {{QStringLiteral("status"),
                                                QStringLiteral("accepted")}})));
    const Ticket t = added(QStringLiteral("new"), QStringLiteral("Meanwhile"));
    QVERIFY(opened.wait(5000));
    QTRY_VERIFY(client.cache.ticket(t.id).has_value());
    QVERIFY(client.settle());
    QCOMPARE(m_server->tickets().value(QStringLiteral("t4")).status, QStringLiteral("accepted"));
    verifySameAsServer(client.cache);
    // One connection again, and hints work on it.
    QCOMPARE(client.stream.openStreams(), 1);
    QSignalSpy changed(client.engine.get(), &SyncEngine::ticketsChanged);
    const Ticket u = added(QStringLiteral("newer"), QStringLiteral("By hint"));
    client.stream.hint(u.seq);
    QVERIFY(changed.wait());
    QCOMPARE(changed.first().at(0).toStringList(), QStringList{u.id});
}

void TestSyncEngine::silentStreamIsNoticed()
{
    smallServer();
    // The server froze on the stream (the TCP connection stays, pings go unanswered): the
    // engine notices within two ping intervals, drops the stream and opens a new one; the
    // HTTP side still works, so it comes back online and loses nothing.
    SyncEngine::Options o = Client::fastOptions();
    o.pingIntervalMs = 100;
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"), o);
    QSignalSpy opened(&client.stream, &FakeStream::streamOpened);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(opened.size(), 1);
    QSignalSpy pinged(&client.stream, &FakeStream::pinged);
    QVERIFY(pinged.wait()); // answered: nothing happens
    client.stream.setSilent(true);
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    QSignalSpy states(client.engine.get(), &SyncEngine::stateChanged);
    QVERIFY(errors.wait());
    QCOMPARE(errors.first().at(0).toString(), SyncEngine::tr("The server stopped answering."));
    QCOMPARE(states.first().at(0).value<SyncState>(), SyncState::Offline);
    client.stream.setSilent(false);
    QVERIFY(client.cache.saveEdit(client.edit(QStringLiteral("set-status"), QStringLiteral("t5"),
                                              {{QStringLiteral("status"),
                                                QStringLiteral("accepted")}})));
    QVERIFY(opened.wait(5000));
    QVERIFY(client.settle());
    QCOMPARE(m_server->tickets().value(QStringLiteral("t5")).status, QStringLiteral("accepted"));
    verifySameAsServer(client.cache);
}

void TestSyncEngine::garbageFrames_data()
{
    QTest::addColumn<QByteArray>("frame"); // a text frame's payload, or raw bytes
    QTest::addColumn<bool>("raw");
    QTest::newRow("not JSON") << QByteArray("hello") << false;
    QTest::newRow("JSON array") << QByteArray("[1,2]") << false;
    QTest::newRow("no seq") << QByteArray(R"({"kind":"ticket"})") << false;
    QTest::newRow("seq as text") << QByteArray(R"({"seq":"99999"})") << false;
    QTest::newRow("negative seq") << QByteArray(R"({"seq":-5})") << false;
    QTest::newRow("huge seq") << QByteArray(R"({"seq":1e300})") << false;
    QTest::newRow("invalid UTF-8") << QByteArray("\xff\xfe{\"seq\":1}") << false;
    QTest::newRow("binary frame") << QByteArray("\x82\x03" "abc", 5) << true;
    QTest::newRow("reserved opcode") << QByteArray("\x83\x01x", 3) << true;
    QTest::newRow("RSV bits set") << QByteArray("\xf1\x01x", 3) << true;
    QTest::newRow("length past 2^63") << QByteArray("\x81\x7f\xff\xff\xff\xff\xff\xff\xff\xff", 10)
                                      << true;
    QTest::newRow("masked server frame") << QByteArray("\x81\x81\x01\x02\x03\x04x", 7) << true;
}

void TestSyncEngine::garbageFrames()
{
    smallServer();
    // Whatever comes down the stream, the engine neither crashes nor stops syncing: a change
    // made before the garbage arrives by the next hint, or (when the garbage made the socket
    // close) by the reconnection's look at the feed.
    QFETCH(QByteArray, frame);
    QFETCH(bool, raw);
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    QSignalSpy opened(&client.stream, &FakeStream::streamOpened);
    client.engine->start();
    QVERIFY(client.settle());
    QTRY_COMPARE(opened.size(), 1);
    const Ticket t = added(QStringLiteral("new"), QStringLiteral("After garbage"));
    if (raw)
        client.stream.sendRaw(frame);
    else
        client.stream.sendText(frame);
    client.stream.hint(t.seq);
    QTRY_VERIFY_WITH_TIMEOUT(client.cache.ticket(t.id).has_value(), 10000);
    QVERIFY(client.settle());
    verifySameAsServer(client.cache);
    QVERIFY(client.engine->state() == SyncState::Idle);
}

void TestSyncEngine::unauthorizedOnceWithoutRetries()
{
    Client client(m_server.get(), path("a.sqlite"), QStringLiteral("a"));
    client.faults.inject(Fault::Unauthorized, QStringLiteral("/catalog"));
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    client.engine->start();
    QTRY_COMPARE(client.engine->state(), SyncState::AuthFailed);
    passBackoffCeiling(Client::fastOptions().maxBackoffMs); // nothing is retried
    QCOMPARE(client.faults.requests(), 1);
    QCOMPARE(errors.size(), 1);
    client.engine->syncNow(); // a nudge does not retry either (a request would be made now)
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
