// The client's own sync engine, cache and HTTP transport against the real server (--demo) on
// loopback: the initial sync, an edit through the outbox, a refusal, and a push hint.
#include "realserver.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

class TestClientSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void initialSyncHasTheWholeBacklog();
    void editThroughTheOutbox();
    void refusalReachesTheOutbox();
    void hintBringsAnotherAgentsChange();

private:
    bool waitIdle(int timeoutMs = 30000);

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens; // agent id → token
    int m_backlog = 0;
    std::unique_ptr<TicketCache> m_cache;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<SyncEngine> m_engine;
    QString m_ticketId;
};

void TestClientSync::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("250"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600") }),
             m_server->log().constData());
    m_port = m_server->port();
    for (const char *id : { "a-zhangwei", "a-wangfang" })
        m_tokens.insert(QLatin1String(id), m_server->token(QLatin1String(id)));
    QVERIFY(!m_tokens.value(QStringLiteral("a-zhangwei")).isEmpty());
    QVERIFY(!m_tokens.value(QStringLiteral("a-wangfang")).isEmpty());
    m_backlog = m_server->demoBacklog();
    QVERIFY(m_backlog > 0);

    m_cache = std::make_unique<TicketCache>(QStringLiteral("clientsync"));
    QCOMPARE(m_cache->open(m_dir.filePath(QStringLiteral("cache.db"))),
             TicketCache::OpenStatus::Ok);
    m_transport
        = std::make_unique<HttpTransport>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)),
                                          m_tokens.value(QStringLiteral("a-zhangwei")));
    SyncEngine::Options options;
    options.pageSize = 100; // several pages
    options.pollIntervalMs = 600000; // changes must come by hint
    m_engine = std::make_unique<SyncEngine>(m_cache.get(), m_transport.get(), options);
}

void TestClientSync::cleanupTestCase()
{
    if (m_engine)
        m_engine->stop();
    m_engine.reset();
    m_server.reset();
}

bool TestClientSync::waitIdle(int timeoutMs)
{
    QSignalSpy idle(m_engine.get(), &SyncEngine::idle);
    m_engine->syncNow();
    return idle.wait(timeoutMs);
}

void TestClientSync::initialSyncHasTheWholeBacklog()
{
    QSignalSpy signedIn(m_engine.get(), &SyncEngine::signedIn);
    QSignalSpy idle(m_engine.get(), &SyncEngine::idle);
    m_engine->start();
    QVERIFY(idle.wait(60000));
    QVERIFY(m_engine->isInitialSyncDone());
    QCOMPARE(m_cache->ticketCount(), m_backlog);
    QCOMPARE(m_cache->customers().size(), 12);
    QVERIFY(m_cache->agents().size() >= 7);
    QCOMPARE(signedIn.size(), 1);
    QCOMPARE(signedIn.first().at(0).value<Agent>().id, QStringLiteral("a-zhangwei"));
    // The countdowns run on server time: on loopback the offset is tiny.
    QVERIFY(qAbs(m_engine->serverClock()->offsetMs()) < 2000);
}

void TestClientSync::editThroughTheOutbox()
{
    Operation op;
    op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.type = QStringLiteral("create-ticket");
    op.ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.madeAt = QDateTime::currentDateTimeUtc();
    op.payload = { { QStringLiteral("customer_id"), QStringLiteral("c-yunfan") },
                   { QStringLiteral("subject"), QStringLiteral("云数据库 MySQL 连接数打满") },
                   { QStringLiteral("body"), QStringLiteral("Too many connections") },
                   { QStringLiteral("channel"), QStringLiteral("im-group") },
                   { QStringLiteral("severity"), QStringLiteral("business-down") } };
    QVERIFY(m_cache->saveEdit(op));
    QVERIFY(waitIdle());
    QCOMPARE(m_cache->pendingCount(), 0);
    const std::optional<Ticket> t = m_cache->ticket(op.ticketId);
    QVERIFY(t);
    QVERIFY(t->number > 0); // the server's number
    QCOMPARE(t->editionId, QStringLiteral("s1-flagship"));
    QCOMPARE(t->createdAt.secsTo(t->dueAt), 15 * 60); // S1, business down: 15 minutes
    QCOMPARE(t->version, 1);
    m_ticketId = t->id;
}

void TestClientSync::refusalReachesTheOutbox()
{
    Operation op;
    op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.type = QStringLiteral("create-ticket");
    op.ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.payload = { { QStringLiteral("customer_id"), QStringLiteral("c-xiaomai") },
                   { QStringLiteral("subject"), QStringLiteral("IM 群咨询") },
                   { QStringLiteral("channel"), QStringLiteral("im-group") },
                   { QStringLiteral("severity"), QStringLiteral("consultation") } };
    QSignalSpy rejected(m_engine.get(), &SyncEngine::rejected);
    QVERIFY(m_cache->saveEdit(op));
    QVERIFY(waitIdle());
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 5000);
    QCOMPARE(rejected.first().at(2).toString(), QStringLiteral("channel-not-entitled"));
    bool found = false;
    for (const OutboxEntry &e : m_cache->outbox()) {
        if (e.op.opId == op.opId) {
            found = true;
            QCOMPARE(e.state, OutboxEntry::State::Rejected);
            QCOMPARE(e.args.value(1), QStringLiteral("s4-basic"));
        }
    }
    QVERIFY(found);
}

void TestClientSync::hintBringsAnotherAgentsChange()
{
    QVERIFY(!m_ticketId.isEmpty());
    // The lead accepts the ticket from another client; this engine hears of it by the hint.
    QSignalSpy changed(m_engine.get(), &SyncEngine::ticketsChanged);
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/ops").arg(m_port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization",
                         "Bearer " + m_tokens.value(QStringLiteral("a-wangfang")).toUtf8());
    const QJsonObject op { { QStringLiteral("op_id"),
                             QUuid::createUuid().toString(QUuid::WithoutBraces) },
                           { QStringLiteral("type"), QStringLiteral("accept") },
                           { QStringLiteral("ticket_id"), m_ticketId },
                           { QStringLiteral("base_version"), 1 } };
    QNetworkReply *reply = net.post(
        request,
        QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { op } } }).toJson());
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
    QTRY_VERIFY_WITH_TIMEOUT(m_cache->ticket(m_ticketId)->status == TicketStatus::Accepted, 10000);
    QVERIFY(m_cache->ticket(m_ticketId)->firstResponseAt.isValid());
    QCOMPARE(m_cache->ticket(m_ticketId)->version, 2);
}

QTEST_GUILESS_MAIN(TestClientSync)
#include "tst_clientsync.moc"
