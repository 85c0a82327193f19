// TLS as users run it: nginx (tests/server/nginx-front.sh) in front of two supportdesk-server
// processes sharing one SQLite store, a certificate from a throwaway CA made here with the
// openssl CLI, and the real client code (HttpTransport, SyncEngine, the WebSocket; DeskSession
// and MainWindow for what the user sees) syncing over https:// and wss://. Without the CA the
// client refuses the server and says why.
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "realserver.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QFile>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>
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

// One client as the desk builds it: a cache, HttpTransport (with the CA or without), an engine.
struct Client
{
    Client(const QUrl &url, const QString &token, const QString &cachePath,
           const QList<QSslCertificate> &cas)
        : cache(cachePath), http(url, token)
    {
        if (cache.open(cachePath) != TicketCache::OpenStatus::Ok)
            qFatal("cannot open %s", qPrintable(cachePath));
        if (!cas.isEmpty())
            http.setExtraCaCertificates(cas);
        SyncEngine::Options o;
        o.pageSize = 50;
        o.minBackoffMs = 50;
        o.maxBackoffMs = 500;
        o.pollIntervalMs = 600000; // changes come by hint only
        engine = std::make_unique<SyncEngine>(&cache, &http, o);
    }
    TicketCache cache;
    HttpTransport http;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace

class TestTlsE2E : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void syncsOverHttpsAndWss();
    void untrustedCertificateIsRefused();
    void deskShowsWhyItDoesNotSync();

private:
    bool openssl(const QStringList &args);
    // WebSocket clients connected to one upstream, from its /metrics.
    int webSocketClients(const RealServer &server) const;
    QUrl frontUrl() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(m_frontPort)); }
    QString agentToken() const { return m_a->token(QStringLiteral("a-zhangwei")); }
    QString leadToken() const { return m_a->token(QStringLiteral("a-wangfang")); }
    // A note by the lead on `ticketId`, posted straight to `server` (not through nginx).
    void postNote(const RealServer &server, const QString &ticketId, const QString &body);

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_a;
    std::unique_ptr<RealServer> m_b;
    QProcess m_front;
    quint16 m_frontPort = 0;
    QList<QSslCertificate> m_ca;
};

bool TestTlsE2E::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(u' ')), p.readAll().constData());
        return false;
    }
    return true;
}

void TestTlsE2E::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_tls_e2e"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());

    // A throwaway CA and a server certificate for 127.0.0.1 signed by it (P-256: quick to make).
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"),
                         QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    QVERIFY(openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                    + QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                  QStringLiteral("-out"), QStringLiteral("ca.pem"),
                                  QStringLiteral("-days"), QStringLiteral("2"),
                                  QStringLiteral("-subj"),
                                  QStringLiteral("/CN=SupportDesk Test CA"),
                                  QStringLiteral("-addext"),
                                  QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                  QStringLiteral("-addext"),
                                  QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}));
    QVERIFY(openssl(QStringList{QStringLiteral("req")} + ec
                    + QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                  QStringLiteral("-out"), QStringLiteral("server.csr"),
                                  QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")}));
    QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
    QVERIFY(ext.open(QIODevice::WriteOnly));
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
              "extendedKeyUsage=serverAuth\n");
    ext.close();
    QVERIFY(openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                     QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                     QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                     QStringLiteral("-CAcreateserial"), QStringLiteral("-days"),
                     QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext"),
                     QStringLiteral("-out"), QStringLiteral("server.pem")}));
    QString error;
    m_ca = HttpTransport::readCaFile(m_dir.filePath(QStringLiteral("ca.pem")), &error);
    QVERIFY2(m_ca.size() == 1, qPrintable(error));

    // Two server processes on one SQLite store (writes take the store's lock; the sequence is
    // read inside each write transaction, so both hand out one feed in commit order).
    const QString db = m_dir.filePath(QStringLiteral("server.db"));
    m_a = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_a->start(db, {QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                             QStringLiteral("60"), QStringLiteral("--demo-interval"),
                             QStringLiteral("3600")}),
             m_a->log().constData());
    QVERIFY(!agentToken().isEmpty());
    m_b = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_b->start(db), m_b->log().constData());

    // nginx in front, with the certificate; it stops when this test's pipe to it closes.
    m_front.setProcessChannelMode(QProcess::SeparateChannels);
    m_front.start(QStringLiteral(NGINX_FRONT),
                  {QStringLiteral("--cert"), m_dir.filePath(QStringLiteral("server.pem")),
                   QStringLiteral("--key"), m_dir.filePath(QStringLiteral("server.key")),
                   QStringLiteral("--stdin"), QString::number(m_a->port()),
                   QString::number(m_b->port())});
    QVERIFY(m_front.waitForStarted());
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += m_front.readAllStandardOutput()).contains('\n')
                                 || m_front.state() == QProcess::NotRunning,
                             20000);
    const QRegularExpressionMatch port
        = QRegularExpression(QStringLiteral("^port (\\d+)")).match(QString::fromUtf8(out));
    QVERIFY2(port.hasMatch(), m_front.readAllStandardError().constData());
    m_frontPort = quint16(port.captured(1).toUInt());
}

void TestTlsE2E::cleanupTestCase()
{
    if (m_front.state() != QProcess::NotRunning) {
        m_front.terminate(); // the script stops nginx and removes its run directory
        if (!m_front.waitForFinished(10000)) {
            m_front.closeWriteChannel(); // --stdin: nginx goes with the pipe
            m_front.kill();
            m_front.waitForFinished();
        }
    }
    m_b.reset();
    m_a.reset();
}

int TestTlsE2E::webSocketClients(const RealServer &server) const
{
    QNetworkAccessManager net;
    QNetworkReply *reply = net.get(QNetworkRequest(
        QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(server.port()))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return -1;
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("(?m)^supportdesk_websocket_clients (\\d+)"))
              .match(QString::fromUtf8(reply->readAll()));
    delete reply;
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

void TestTlsE2E::postNote(const RealServer &server, const QString &ticketId, const QString &body)
{
    const RealServer::State state = server.state(leadToken());
    const QJsonObject result = server.postOp(
        leadToken(),
        {{QStringLiteral("op_id"), uuid()},
         {QStringLiteral("type"), QStringLiteral("note")},
         {QStringLiteral("ticket_id"), ticketId},
         {QStringLiteral("base_version"), state.tickets.value(ticketId).version},
         {QStringLiteral("payload"),
          QJsonObject{{QStringLiteral("message_id"), uuid()},
                      {QStringLiteral("body"), body}}}});
    QCOMPARE(result.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
}

void TestTlsE2E::syncsOverHttpsAndWss()
{
    const int streamsA = webSocketClients(*m_a);
    const int streamsB = webSocketClients(*m_b);
    Client client(frontUrl(), agentToken(), m_dir.filePath(QStringLiteral("trusting.sqlite")),
                  m_ca);
    QCOMPARE(client.http.streamRequest().url().scheme(), QStringLiteral("wss"));
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    QSignalSpy idle(client.engine.get(), &SyncEngine::idle);
    client.engine->start();

    // The initial sync, over https through nginx, to the same state the store holds.
    QVERIFY2(idle.wait(30000), qPrintable(client.engine->lastError()));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    const RealServer::State state = m_a->state(agentToken());
    QVERIFY(state.ok);
    QVERIFY(state.tickets.size() >= 60);
    QCOMPARE(client.cache.ticketCount(), int(state.tickets.size()));

    // The hint stream, over wss through nginx, to one of the two processes.
    QTRY_COMPARE_WITH_TIMEOUT(webSocketClients(*m_a) + webSocketClients(*m_b),
                              streamsA + streamsB + 1, 10000);

    // An edit of the agent's, written through nginx.
    const QString ticketId = state.tickets.begin().key();
    Operation reply;
    reply.opId = uuid();
    reply.type = QStringLiteral("note");
    reply.ticketId = ticketId;
    reply.baseVersion = client.cache.ticket(ticketId).value_or(Ticket()).version;
    reply.payload = {{QStringLiteral("message_id"), uuid()},
                     {QStringLiteral("body"), QStringLiteral("over https")}};
    reply.madeAt = QDateTime::currentDateTimeUtc();
    QVERIFY(client.cache.saveEdit(reply));
    client.engine->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(client.cache.pendingCount(), 0, 10000);
    const auto onServer = [&](const RealServer &server, const QString &body) {
        const RealServer::State now = server.state(leadToken());
        for (const Message &m : now.messages.value(ticketId)) {
            if (m.body == body)
                return true;
        }
        return false;
    };
    QVERIFY(onServer(*m_b, QStringLiteral("over https")));

    // Other agents' changes reach this client by a hint over wss: the poll is off. A change
    // is written straight (not through nginx) to the process without the client's socket:
    // on SQLite the process with it sees the commit by its commit watch (server/commitwatch.h;
    // before, it never heard of it) and hints it. Then one to the process with the socket.
    const bool onA = webSocketClients(*m_a) > streamsA;
    const RealServer &holder = onA ? *m_a : *m_b;
    const RealServer &other = onA ? *m_b : *m_a;
    // (the hint of the client's own edit may still bring a pull)
    QTRY_COMPARE_WITH_TIMEOUT(client.engine->state(), SyncState::Idle, 10000);
    const auto inCache = [&](const QString &body) {
        for (const Message &m : client.cache.messages(ticketId)) {
            if (m.body == body)
                return true;
        }
        return false;
    };
    postNote(other, ticketId, QStringLiteral("by the other process"));
    QTRY_VERIFY_WITH_TIMEOUT(inCache(QStringLiteral("by the other process")), 10000);
    postNote(holder, ticketId, QStringLiteral("by the socket's process"));
    QTRY_VERIFY_WITH_TIMEOUT(inCache(QStringLiteral("by the socket's process")), 10000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    client.engine->stop();
}

void TestTlsE2E::untrustedCertificateIsRefused()
{
    // The same server, but the client does not have the company CA: nothing is synced and
    // the reason is given, the certificate's own words in it.
    // The streams of the functions before are gone first: a client's end reaches the server
    // through nginx later than the client is gone, and counted before and after that, the
    // count fell by one with no stream of this client (1 before, 0 after, under load).
    QTRY_COMPARE_WITH_TIMEOUT(webSocketClients(*m_a) + webSocketClients(*m_b), 0, 20000);
    const int streamsBefore = 0;
    Client client(frontUrl(), agentToken(), m_dir.filePath(QStringLiteral("refusing.sqlite")),
                  {});
    QSignalSpy errors(client.engine.get(), &SyncEngine::error);
    QSignalSpy states(client.engine.get(), &SyncEngine::stateChanged);
    // Every request the engine makes goes through the transport's network manager: each one
    // refused in the handshake is an attempt (the first and the retries); none may get
    // through (one the engine gives up on itself is neither).
    auto *network = client.http.findChild<QNetworkAccessManager *>();
    QVERIFY(network);
    int attempts = 0;
    QStringList unrefused;
    connect(network, &QNetworkAccessManager::finished, this, [&](QNetworkReply *r) {
        if (r->error() == QNetworkReply::SslHandshakeFailedError)
            ++attempts;
        else if (r->error() != QNetworkReply::OperationCanceledError)
            unrefused.append(r->url().toString() + u' ' + r->errorString());
    });
    client.engine->start();
    QVERIFY(errors.wait(20000));
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("The server's certificate is not trusted: ")),
             qPrintable(message));
    QVERIFY2(message.contains(u"issuer", Qt::CaseInsensitive)
                 || message.contains(u"self signed", Qt::CaseInsensitive),
             qPrintable(message));
    QCOMPARE(client.engine->state(), SyncState::Offline);
    // The engine tries again (50–500 ms backoff): four retries seen, each refused on the
    // certificate, and the engine never left Offline meanwhile.
    const int retriedFrom = attempts;
    QTRY_VERIFY_WITH_TIMEOUT(attempts >= retriedFrom + 4, 20000);
    QVERIFY2(unrefused.isEmpty(), qPrintable(unrefused.join(u'\n')));
    for (const QList<QVariant> &s : std::as_const(states))
        QCOMPARE(s.value(0).value<SyncState>(), SyncState::Offline);
    QCOMPARE(client.engine->state(), SyncState::Offline);
    QCOMPARE(client.cache.ticketCount(), 0);
    QCOMPARE(client.cache.lastSeq(), 0);
    QCOMPARE(webSocketClients(*m_a) + webSocketClients(*m_b), streamsBefore);
    client.engine->stop();
}

void TestTlsE2E::deskShowsWhyItDoesNotSync()
{
    // The window, without the CA: the banner and the status bar's tip say why. Then the CA
    // is given (as Settings does) and the desk syncs without a restart.
    DeskSession session;
    QCOMPARE(session.open(SessionConfig::forServer(frontUrl(), agentToken(),
                                                   m_dir.filePath(QStringLiteral("desk.sqlite")))),
             TicketCache::OpenStatus::Ok);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    MainWindow window(&session, &languages);
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(window.staleBanner()->isVisible()
                                 && window.staleBanner()->text().contains(
                                     QStringLiteral("certificate is not trusted")),
                             20000);
    QVERIFY2(window.staleBanner()->text().startsWith(
                 QStringLiteral("The server cannot be reached since ")),
             qPrintable(window.staleBanner()->text()));
    QVERIFY(window.syncStateLabel()->text().startsWith(QStringLiteral("Offline since")));
    QVERIFY(window.syncStateLabel()->toolTip().contains(QStringLiteral("not trusted")));
    const QString shots = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    QVERIFY(window.grab().save(QDir(shots).filePath(QStringLiteral("supportdesk-tls-en.png"))));
    QVERIFY(languages.setLanguage(Language::Chinese, false));
    QTRY_VERIFY(window.staleBanner()->text().contains(QStringLiteral("无法连接服务器")));
    QVERIFY(window.grab().save(QDir(shots).filePath(QStringLiteral("supportdesk-tls-zh.png"))));
    qInfo("the desk refusing the certificate: %s/supportdesk-tls-{en,zh}.png",
          qPrintable(shots));
    QVERIFY(languages.setLanguage(Language::English, false));

    QSignalSpy idle(&session, &DeskSession::idle);
    session.setExtraCaCertificates(m_ca);
    QVERIFY(idle.wait(30000));
    QTRY_COMPARE_WITH_TIMEOUT(window.syncStateLabel()->text(), QStringLiteral("Online"), 10000);
    QVERIFY(window.staleBanner()->isHidden());
    QVERIFY(window.syncStateLabel()->toolTip().isEmpty());
    QVERIFY(session.cache()->ticketCount() > 0);
    session.stop();
}

QTEST_MAIN(TestTlsE2E)
#include "tst_tls_e2e.moc"
