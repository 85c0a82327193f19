// A reply's files against the real server on loopback (docs/attachments.md): a client killed
// between uploading and posting the reply, or before it heard the upload's answer, repeats
// nothing when started again — the reply is on the server once, with its files once; a file
// over the server's limit keeps the reply in the outbox with the reason, sent never; another
// desk's attachment reaches the cache through the feed and downloads to the same bytes.
#include "attachmentclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The desk's sync code on a cache of its own (attachmentclient.h).
struct Client : AttachmentClient
{
    Client(const RealServer &server, const QString &path, const QString &token)
        : AttachmentClient(server.url(), path, token)
    { }
};

} // namespace

class TestAttachmentsE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void killedBetweenUploadAndReplyRepeatsNothing_data();
    void killedBetweenUploadAndReplyRepeatsNothing();
    void overTheLimitWaitsWithTheReason();
    void anotherDesksAttachmentArrivesByTheFeed();

private:
    QString newCachePath() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_caches)); }
    QString agentToken() const { return m_server->token(QStringLiteral("a-zhangwei")); }
    QString openTicket() const;
    QJsonArray serverAttachments(const QString &ticketId) const;

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    int m_caches = 0;
};

void TestAttachmentsE2E::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("30"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600"), QStringLiteral("--max-attachment"),
                               QStringLiteral("100000") }),
             m_server->log().constData());
    QVERIFY(!agentToken().isEmpty());
}

void TestAttachmentsE2E::cleanupTestCase()
{
    m_server.reset();
}

QString TestAttachmentsE2E::openTicket() const
{
    const RealServer::State state = m_server->state(agentToken());
    QStringList ids;
    for (const Ticket &t : state.tickets) {
        if (t.status != TicketStatus::Closed && t.status != TicketStatus::Resolved)
            ids.append(t.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids.value(m_caches % std::max<qsizetype>(ids.size(), 1));
}

QJsonArray TestAttachmentsE2E::serverAttachments(const QString &ticketId) const
{
    const RealServer::Reply r = m_server->request(
        "GET", QStringLiteral("/tickets/%1/attachments").arg(ticketId), agentToken());
    return r.body.value(QStringLiteral("attachments")).toArray();
}

void TestAttachmentsE2E::killedBetweenUploadAndReplyRepeatsNothing_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("files up, reply not posted") << QStringLiteral("before-ops");
    QTest::newRow("second upload's answer lost") << QStringLiteral("answer-lost");
}

void TestAttachmentsE2E::killedBetweenUploadAndReplyRepeatsNothing()
{
    QFETCH(QString, mode);
    const QString cachePath = newCachePath();
    const QString ticketId = openTicket();
    QVERIFY(!ticketId.isEmpty());
    const int before = int(serverAttachments(ticketId).size());

    QProcess child;
    child.setProgram(QStringLiteral(ATTACHMENT_CRASH_CHILD));
    child.setArguments({ cachePath, m_server->url().toString(), agentToken(), ticketId, mode });
    child.start();
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QVERIFY(child.waitForFinished(60000));
    const QByteArray out = child.readAllStandardOutput();
    QVERIFY2(child.exitCode() == 9, out + child.readAllStandardError());
    QVERIFY2(out.contains("dying "), out.constData());
    const QRegularExpressionMatch saved
        = QRegularExpression(QStringLiteral("saved (\\S+) (files \\S+)"))
              .match(QString::fromLatin1(out));
    QVERIFY2(saved.hasMatch(), out.constData());
    const QString body = saved.captured(2);

    // Died before the reply went: it is not on the server, its files are (both, or in
    // "answer-lost" both as well: the second was stored before its answer was lost).
    RealServer::State state = m_server->state(agentToken());
    for (const Message &m : state.messages.value(ticketId))
        QVERIFY(m.body != body);
    QCOMPARE(int(serverAttachments(ticketId).size()), before + 2);

    Client client(*m_server, cachePath, agentToken());
    QCOMPARE(client.attachments.pendingUploads().size(), mode == u"answer-lost" ? 1 : 0);
    client.engine->start();
    QVERIFY(client.settle());

    state = m_server->state(agentToken());
    int replies = 0;
    for (const Message &m : state.messages.value(ticketId))
        replies += m.body == body;
    QCOMPARE(replies, 1);
    // The same two files, once each: the repeated upload named the same id.
    const QJsonArray onServer = serverAttachments(ticketId);
    QCOMPARE(int(onServer.size()), before + 2);
    QSet<QString> ids;
    for (const QJsonValue &v : onServer)
        ids.insert(v.toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(int(ids.size()), int(onServer.size()));
    const QVector<AttachmentRecord> cached = client.attachments.forTicket(ticketId);
    QCOMPARE(int(cached.size()), before + 2);
    for (const AttachmentRecord &a : cached) {
        QVERIFY(!a.pending);
        QVERIFY(ids.contains(a.id));
    }
    QVERIFY(client.attachments.pendingUploads().isEmpty());
}

void TestAttachmentsE2E::overTheLimitWaitsWithTheReason()
{
    Client client(*m_server, newCachePath(), agentToken());
    client.engine->start();
    QVERIFY(client.settle());
    const QString ticketId = openTicket();
    const int before = int(serverAttachments(ticketId).size());
    const QVector<AttachmentFile> files { { QStringLiteral("core.dump"),
                                            QByteArray(150000, 'z') } };
    QSignalSpy rejected(client.engine.get(), &SyncEngine::rejected);
    const QString opId = client.reply(ticketId, uuid(), QStringLiteral("too big"), files);
    QVERIFY(!opId.isEmpty());
    QVERIFY(client.settle(30000, true));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(2).toString(), QStringLiteral("attachment-too-large"));
    // Nothing sent, nothing lost: the reply and its file wait for the agent.
    QCOMPARE(int(serverAttachments(ticketId).size()), before);
    const QVector<OutboxEntry> outbox = client.cache.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.at(0).state, OutboxEntry::State::Rejected);
    QCOMPARE(outbox.at(0).args, QStringList { QStringLiteral("core.dump") });
    QCOMPARE(client.attachments.bytes(Attachments::sha256Hex(files.at(0).data))
                     .value_or(QByteArray()),
             files.at(0).data);
    for (const Message &m : m_server->state(agentToken()).messages.value(ticketId))
        QVERIFY(m.body != u"too big");
}

void TestAttachmentsE2E::anotherDesksAttachmentArrivesByTheFeed()
{
    Client client(*m_server, newCachePath(), agentToken());
    client.engine->start();
    QVERIFY(client.settle());
    const QString ticketId = openTicket();
    // Another desk uploads a screenshot-shaped file with a hostile name.
    const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(500, '\x07');
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(m_server->url().toString()
                                 + QStringLiteral("/api/v1/tickets/%1/attachments?name=%2")
                                       .arg(ticketId, QStringLiteral("..%2F..%2Fshot.png"))));
    request.setRawHeader("Authorization", "Bearer " + agentToken().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
    // Watched from before the upload: the feed can bring it while the upload's answer is awaited.
    QSignalSpy changed(client.engine.get(), &SyncEngine::ticketsChanged);
    QNetworkReply *reply = net.post(request, png);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    reply->deleteLater();

    QVERIFY(client.settle());
    QTRY_VERIFY(!changed.isEmpty());
    const QVector<AttachmentRecord> cached = client.attachments.forTicket(ticketId);
    const auto shot = std::find_if(cached.begin(), cached.end(),
                                   [](const auto &a) { return a.name == u"shot.png"; });
    QVERIFY(shot != cached.end());
    QCOMPARE(shot->contentType, QStringLiteral("image/png"));
    QCOMPARE(shot->size, png.size());
    // Downloaded through the engine's transport and kept: the same bytes.
    QCOMPARE(client.download(*shot), png);
    QCOMPARE(client.attachments.bytes(shot->sha256).value_or(QByteArray()), png);
}

QTEST_GUILESS_MAIN(TestAttachmentsE2E)
#include "tst_attachments_e2e.moc"
