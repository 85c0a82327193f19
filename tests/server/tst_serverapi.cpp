// The API against the real supportdesk-server process on a free loopback port, for the store
// named by SUPPORTDESK_TEST_STORE (sqlite, the default, or postgresql: a throwaway cluster).
#include "businesscalendar.h"
#include "domain.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "serverfixture.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>
#include <csignal>
#include <functional>
#include <iterator>
#include <memory>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

struct Reply
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QString contentType;
};

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// One request on its own connection, written whole at once; the answer is read later.
QByteArray rawRequest(const QByteArray &method, const QByteArray &target, const QString &token,
                      const QByteArray &body = {})
{
    QByteArray r = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token.toUtf8() + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        r += "Content-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// The first answer in `bytes`: status, header block and body by its Content-Length (none for
// an answer to HEAD); 0 while incomplete. `used` is how many bytes it took.
int parseAnswer(const QByteArray &bytes, bool head, QByteArray *headers, QByteArray *body,
                qsizetype *used = nullptr)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0 || !bytes.startsWith("HTTP/1.1 "))
        return 0;
    *headers = bytes.left(end);
    static const QRegularExpression lengthField(QStringLiteral("(?i)\r\ncontent-length: (\\d+)"));
    const QRegularExpressionMatch m = lengthField.match(QString::fromLatin1(*headers));
    const qsizetype length = head || !m.hasMatch() ? 0 : m.captured(1).toLongLong();
    if (bytes.size() < end + 4 + length)
        return 0;
    *body = bytes.mid(end + 4, length);
    if (used)
        *used = end + 4 + length;
    return bytes.mid(9, 3).toInt();
}

// Runs the event loop until `done()` holds, asked again each time one of `sockets` has news
// (bytes arrived, its state changed), or until `timeoutMs` passed; returns done(). `done` reads
// what arrived, so each new arrival raises readyRead again.
bool waitOnSockets(const std::vector<QTcpSocket *> &sockets, const std::function<bool()> &done,
                   int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    const auto check = [&done, &loop] {
        if (done())
            loop.quit();
    };
    for (QTcpSocket *s : sockets) {
        QObject::connect(s, &QIODevice::readyRead, &loop, check);
        QObject::connect(s, &QAbstractSocket::stateChanged, &loop, check);
    }
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// Reads what each connection has brought into `buffers` and parses its answer into `answers`
// (status 0: none yet); true when every connection has its answer or closed without one.
bool readAnswers(const std::vector<std::unique_ptr<QTcpSocket>> &sockets,
                 QList<QPair<int, QByteArray>> *answers, QList<QByteArray> *buffers)
{
    bool pending = false;
    for (size_t i = 0; i < sockets.size(); ++i) {
        QPair<int, QByteArray> &answer = (*answers)[qsizetype(i)];
        if (answer.first)
            continue;
        QByteArray &buffer = (*buffers)[qsizetype(i)];
        buffer += sockets[i]->readAll();
        QByteArray headers;
        answer.first = parseAnswer(buffer, false, &headers, &answer.second);
        if (!answer.first && sockets[i]->state() == QAbstractSocket::ConnectedState)
            pending = true;
    }
    return !pending;
}

// Sends every request at once, each on its own connection (so they reach the server together
// and its writer commits them as groups), and returns the answers: status (0: none, the
// connection closed first) and body.
QList<QPair<int, QByteArray>> sendTogether(quint16 port, const QList<QByteArray> &requests,
                                           int timeoutMs = 20000)
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, port);
    }
    for (qsizetype i = 0; i < requests.size(); ++i) {
        if (sockets[i]->waitForConnected(5000))
            sockets[i]->write(requests.at(i));
    }
    QList<QPair<int, QByteArray>> answers(requests.size(), { 0, {} });
    QList<QByteArray> buffers(requests.size());
    std::vector<QTcpSocket *> watched;
    for (const auto &s : sockets)
        watched.push_back(s.get());
    waitOnSockets(
        watched, [&] { return readAnswers(sockets, &answers, &buffers); }, timeoutMs);
    return answers;
}

} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void unknownRouteIs404();
    void authIsRequired();
    void tokenInQueryIsRefused();
    void rolesAreEnforced();
    void meAndCatalog();
    void malformedBodiesAre400WithField();
    void bodyLimitAndHostileBytes();
    void randomBodiesNeverBreakTheServer();
    void createTicketSetsDeadlineFromCatalog();
    void deadlinesMatchTheClientsClock();
    void replayedOpIdAppliesOnce();
    void staleBaseVersionIsConflict();
    void concurrentReplaysAndConflicts();
    void hostileOpsAreRefusedAlone();
    void oneFailingBatchFailsAlone();
    void groupWriteFunctionKeepsTheLastWrite();
    void valuesAreNeverChangedOrDuplicated();
    void methodsAndHeadFollowHttp();
    void feedParametersUpToInt64();
    void channelRule();
    void subClientRule();
    void quotaRule();
    void quotaMonthIsShanghais();
    void reclassifyRule();
    void otherRefusals();
    void softwareScopeFlags();
    void serviceAccountsAreNotAssignees();
    void calendarServedWithTheCatalog();
    void changeFeedPages();
    void samePageIsFreshAfterWrite();
    void settingsAndReports();
    void customerReportNeedsTheEntitlement();
    void tagRulesTagNewTickets();
    void webSocketHintAfterChange();
    void webSocketFramesOnTheWire();
    void hintsReachEveryClientInOrder();
    void healthzAndMetrics();
    void logLinesFitJournald();
    void backupDuringWritesAndRestore();
    void responsesMatchOpenApi();
    void newerSchemaIsRefused();
    void sigtermExitsCleanly();

private:
    // The server under test on a copy of the prepared database, with `extra` arguments.
    bool startMainServer(const QStringList &extra = {});
    void stopMainServer();
    QString runServer(const QStringList &args, int *exitCode = nullptr);
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body = {},
               const QString &token = QStringLiteral("agent"));
    Reply ops(const QJsonArray &ops, const QString &token = QStringLiteral("agent"));
    // Every ticket the server on `port` serves in its feed: id → version.
    QHash<QString, qint64> servedTickets(quint16 port);
    // Another server on `db` (the test's own options); 0 when it does not start.
    quint16 startServer(ServerProcess *process, const QString &db);
    // A route outside /api/v1 (/healthz, /metrics), without a token.
    Reply callRoot(const QByteArray &method, const QString &path);
    // The samples of a /metrics page by series ("name{labels}"), after checking its syntax.
    QHash<QString, double> scrape();
    // The stream's upgrade request with the token in its Authorization header.
    QNetworkRequest streamRequest(const QString &token) const
    {
        QNetworkRequest request(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream").arg(m_port)));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        return request;
    }
    QJsonObject op(const QString &type, const QString &ticketId, qint64 base,
                   const QJsonObject &payload = {}, const QString &opId = {});
    QJsonObject result(const Reply &r, int i = 0)
    {
        return r.body.value(QStringLiteral("results")).toArray().at(i).toObject();
    }
    // Creates a ticket and returns it as the server has it.
    QJsonObject createTicket(const QString &customer, const QString &channel,
                             const QString &severity, const QJsonObject &extra = {});

    QTemporaryDir m_dir;
    QString m_template; // the database initTestCase() prepares; each test function gets a copy
    int m_copies = 0;
    QString m_db; // the test function's copy
    TestStore m_store;
    ServerProcess m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens; // "agent", "lead" → token
    QNetworkAccessManager m_net;
    QJsonArray m_samples; // the responses call() saw, for responsesMatchOpenApi()
};

QString TestServerApi::runServer(const QStringList &args, int *exitCode)
{
    const CommandRun run = runServerCommand(args);
    if (exitCode)
        *exitCode = run.exitCode;
    return run.output;
}

void TestServerApi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString store = m_store.open(m_dir.path(), QStringLiteral("template.db"));
    QVERIFY2(store.isEmpty(), qPrintable(store));
    m_db = m_store.db();
    m_template = m_db;

    // Customers of both plans, as an admin would import them.
    const QString imported = importCustomers(m_dir.path(), m_db,
                                             { { "s1", "service-plan", "s1-flagship" },
                                               { "s3", "service-plan", "s3-commercial" },
                                               { "s4", "service-plan", "s4-basic" },
                                               { "pstd", "partner-plan", "standard", true },
                                               { "pent", "partner-plan", "enterprise", true } });
    QVERIFY2(imported.isEmpty(), qPrintable(imported));
    int code = -1;
    QString out;
    for (const char *role : { "agent", "lead", "admin", "service" }) {
        out = runServer({ QStringLiteral("agent"), QStringLiteral("add"), QStringLiteral("--db"),
                          m_db, QStringLiteral("--name"),
                          QStringLiteral("Test %1").arg(QLatin1String(role)),
                          QStringLiteral("--role"), QLatin1String(role), QStringLiteral("--id"),
                          QStringLiteral("id-%1").arg(QLatin1String(role)) },
                        &code);
        QVERIFY2(code == 0, qPrintable(out));
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("token: (\\S+)")).match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        m_tokens.insert(QLatin1String(role), m.captured(1));
    }
}

void TestServerApi::init()
{
    // A fresh database for each test function (a copy of the prepared one, so the tokens
    // hold): no test depends on what another left, and each runs alone.
    ++m_copies;
    if (!m_store.isPostgreSql()) {
        m_db = m_dir.filePath(QStringLiteral("server-%1.db").arg(m_copies));
        QVERIFY(QFile::copy(m_template, m_db));
    } else {
        const QUrl url(m_template);
        const QString name = QStringLiteral("t%1").arg(m_copies);
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                           QStringLiteral("copies"));
            admin.setHostName(url.host());
            admin.setPort(url.port());
            admin.setUserName(url.userName());
            admin.setDatabaseName(QStringLiteral("postgres"));
            QVERIFY2(admin.open(), qPrintable(admin.lastError().text()));
            QSqlQuery q(admin);
            QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2")
                                    .arg(name, url.path().mid(1))),
                     qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("copies"));
        QUrl copy = url;
        copy.setPath(u'/' + name);
        m_db = copy.toString();
    }
    m_samples = {};
    QVERIFY(startMainServer());
}

void TestServerApi::cleanup()
{
    stopMainServer();
}

bool TestServerApi::startMainServer(const QStringList &extra)
{
    m_port = 0;
    if (!m_server.startListening(m_db,
                                 QStringList { QStringLiteral("--max-body"),
                                               QStringLiteral("1048576"),
                                               QStringLiteral("--idle-timeout"),
                                               QStringLiteral("1.5") }
                                         + extra))
        return false;
    m_port = m_server.port;
    return true;
}

void TestServerApi::stopMainServer()
{
    m_server.kill();
}

void TestServerApi::cleanupTestCase()
{
    stopMainServer();
    m_store.stop();
}

Reply TestServerApi::call(const QByteArray &method, const QString &path, const QByteArray &body,
                          const QString &token)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString bearer = m_tokens.value(token, token);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    QNetworkReply *reply = m_net.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    // Kept for the contract check, under the route's documented template.
    QString route = path.section(u'?', 0, 0);
    if (route.startsWith(u"/reports/customer/"))
        route = QStringLiteral("/reports/customer/{id}");
    static const QStringList documented { QStringLiteral("/catalog"),
                                          QStringLiteral("/me"),
                                          QStringLiteral("/changes"),
                                          QStringLiteral("/ops"),
                                          QStringLiteral("/settings"),
                                          QStringLiteral("/stream"),
                                          QStringLiteral("/reports/attainment"),
                                          QStringLiteral("/reports/customer/{id}") };
    if (documented.contains(route) && r.status != 405 && !r.body.isEmpty())
        m_samples.append(QJsonObject { { QStringLiteral("method"), QString::fromLatin1(method) },
                                       { QStringLiteral("path"), route },
                                       { QStringLiteral("status"), r.status },
                                       { QStringLiteral("body"), r.body } });
    return r;
}

QHash<QString, qint64> TestServerApi::servedTickets(quint16 port)
{
    const quint16 own = m_port;
    m_port = port;
    QHash<QString, qint64> tickets;
    qint64 after = 0;
    for (;;) {
        const Reply r = call("GET", QStringLiteral("/changes?after=%1&limit=5000").arg(after));
        if (r.status != 200) {
            qWarning("feed on %d: %d %s", port, r.status, r.raw.constData());
            tickets.clear();
            break;
        }
        for (const QJsonValue &c : r.body.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject data = c.toObject().value(QStringLiteral("data")).toObject();
            if (c.toObject().value(QStringLiteral("kind")).toString() == u"ticket")
                tickets.insert(data.value(QStringLiteral("id")).toString(),
                               qint64(data.value(QStringLiteral("version")).toDouble()));
        }
        after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            break;
    }
    m_port = own;
    return tickets;
}

quint16 TestServerApi::startServer(ServerProcess *process, const QString &db)
{
    return process->startListening(db) ? process->port : 0;
}

Reply TestServerApi::callRoot(const QByteArray &method, const QString &path)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    QNetworkReply *reply = m_net.sendCustomRequest(request, method);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    r.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    reply->deleteLater();
    if (path == u"/healthz" && r.status != 405)
        m_samples.append(QJsonObject { { QStringLiteral("method"), QString::fromLatin1(method) },
                                       { QStringLiteral("path"), path },
                                       { QStringLiteral("status"), r.status },
                                       { QStringLiteral("body"), r.body } });
    return r;
}

QHash<QString, double> TestServerApi::scrape()
{
    const Reply r = callRoot("GET", QStringLiteral("/metrics"));
    QHash<QString, double> samples;
    if (r.status != 200 || !r.contentType.startsWith(u"text/plain; version=0.0.4")) {
        qWarning("/metrics: %d %s", r.status, qPrintable(r.contentType));
        return samples;
    }
    // Prometheus' text format: "# HELP name text", "# TYPE name type", then the family's
    // samples "name{label=\"value\",…} number", one per line.
    static const QRegularExpression sample(QStringLiteral(
        "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\""
        ",?)*\\})? (-?[0-9.eE+-]+|\\+Inf|NaN)$"));
    static const QRegularExpression type(
        QStringLiteral("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$"));
    QString family;
    for (const QString &line : QString::fromUtf8(r.raw).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u"# HELP "))
            continue;
        const QRegularExpressionMatch t = type.match(line);
        if (t.hasMatch()) {
            family = t.captured(1);
            continue;
        }
        const QRegularExpressionMatch m = sample.match(line);
        if (!m.hasMatch() || family.isEmpty() || !m.captured(1).startsWith(family)) {
            qWarning("/metrics: not a sample of the family %s: %s", qPrintable(family),
                     qPrintable(line));
            return {};
        }
        const QString series = line.section(u' ', 0, 0);
        if (samples.contains(series)) {
            qWarning("/metrics: %s twice", qPrintable(series));
            return {};
        }
        samples.insert(series, line.section(u' ', 1, 1).toDouble());
    }
    return samples;
}

Reply TestServerApi::ops(const QJsonArray &list, const QString &token)
{
    return call("POST", QStringLiteral("/ops"),
                QJsonDocument(QJsonObject { { QStringLiteral("ops"), list } }).toJson(), token);
}

QJsonObject TestServerApi::op(const QString &type, const QString &ticketId, qint64 base,
                              const QJsonObject &payload, const QString &opId)
{
    return QJsonObject { { QStringLiteral("op_id"), opId.isEmpty() ? uuid() : opId },
                         { QStringLiteral("type"), type },
                         { QStringLiteral("ticket_id"), ticketId },
                         { QStringLiteral("base_version"), base },
                         { QStringLiteral("payload"), payload },
                         { QStringLiteral("made_at"),
                           Json::timestamp(QDateTime::currentDateTimeUtc()) } };
}

QJsonObject TestServerApi::createTicket(const QString &customer, const QString &channel,
                                        const QString &severity, const QJsonObject &extra)
{
    QJsonObject payload { { QStringLiteral("customer_id"), customer },
                          { QStringLiteral("subject"), QStringLiteral("云服务器无法登录") },
                          { QStringLiteral("body"), QStringLiteral("SSH times out") },
                          { QStringLiteral("channel"), channel },
                          { QStringLiteral("severity"), severity } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        payload.insert(it.key(), it.value());
    const Reply r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, payload) });
    const QJsonObject res = result(r);
    if (r.status != 200 || res.value(QStringLiteral("result")).toString() != u"applied")
        qWarning("create failed: %s", r.raw.constData());
    return res.value(QStringLiteral("ticket")).toObject();
}

void TestServerApi::unknownRouteIs404()
{
    Reply r = call("GET", QStringLiteral("/no-such-route"));
    QCOMPARE(r.status, 404);
    QCOMPARE(
        r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("not-found"));
    r = call("DELETE", QStringLiteral("/ops"));
    QCOMPARE(r.status, 405);
    r = call("GET", QStringLiteral("/stream"));
    QCOMPARE(r.status, 400); // not an upgrade
}

void TestServerApi::authIsRequired()
{
    Reply r = call("GET", QStringLiteral("/me"), {}, QString());
    QCOMPARE(r.status, 401);
    QCOMPARE(
        r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("unauthorized"));
    r = call("GET", QStringLiteral("/changes"), {}, QStringLiteral("not-a-token"));
    QCOMPARE(r.status, 401);
    r = ops({ op(QStringLiteral("accept"), uuid(), 1) }, QStringLiteral("wrong"));
    QCOMPARE(r.status, 401);
    r = call("GET", QStringLiteral("/me"));
    QCOMPARE(r.status, 200);
}

void TestServerApi::tokenInQueryIsRefused()
{
    // A valid token in the URL is refused with 400 naming the field, with or without the
    // header, on a route and on the stream: URLs end up in proxy logs.
    const QString token = m_tokens.value(QStringLiteral("agent"));
    const QByteArray encoded = QUrl::toPercentEncoding(token);
    for (const QByteArray &query : { "token=" + encoded, "access_token=" + encoded,
                                     "after=0&token=" + encoded }) {
        for (const bool header : { false, true }) {
            QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/changes?%2")
                                             .arg(m_port)
                                             .arg(QString::fromLatin1(query))));
            if (header)
                request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            QNetworkReply *reply = m_net.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(finished.wait(10000));
            reply->deleteLater();
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
            const QJsonObject error
                = QJsonDocument::fromJson(reply->readAll()).object().value(u"error").toObject();
            QCOMPARE(error.value(u"code").toString(), QStringLiteral("token-in-query"));
            QCOMPARE(error.value(u"field").toString(), QStringLiteral("token"));
            QVERIFY(error.value(u"message").toString().contains(u"Authorization"));
        }
    }
    // The stream: the upgrade is answered 400 with the reason, not switched.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(raw.waitForConnected(5000));
    raw.write("GET /api/v1/stream?token=" + encoded + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += raw.readAll()).contains("token-in-query")
                                 || raw.state() == QAbstractSocket::UnconnectedState,
                             5000);
    answer += raw.readAll();
    QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
    QVERIFY(answer.contains("token-in-query"));
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy errors(&socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
    socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream?token=%2")
                         .arg(m_port)
                         .arg(QString::fromLatin1(encoded))));
    QVERIFY(errors.wait(5000) || !connected.isEmpty());
    QVERIFY(connected.isEmpty());
    // The same token in the header opens it.
    QWebSocket good;
    QSignalSpy goodConnected(&good, &QWebSocket::connected);
    good.open(streamRequest(token));
    QVERIFY(goodConnected.wait(5000));
    good.close();
}

void TestServerApi::rolesAreEnforced()
{
    QCOMPARE(call("GET", QStringLiteral("/reports/attainment")).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/s1?month=2026-01")).status, 403);
    QCOMPARE(call("PUT", QStringLiteral("/settings"), "{}").status, 403);
    QCOMPARE(call("GET", QStringLiteral("/reports/attainment"), {}, QStringLiteral("lead")).status,
             200);
}

void TestServerApi::meAndCatalog()
{
    Reply r = call("GET", QStringLiteral("/me"), {}, QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    const QJsonObject agent = r.body.value(QStringLiteral("agent")).toObject();
    QCOMPARE(agent.value(QStringLiteral("id")).toString(), QStringLiteral("id-lead"));
    QCOMPARE(agent.value(QStringLiteral("role")).toString(), QStringLiteral("lead"));
    const QDateTime serverTime
        = Json::parseTimestamp(r.body.value(QStringLiteral("server_time")).toString());
    QVERIFY(qAbs(serverTime.secsTo(QDateTime::currentDateTimeUtc())) < 60);

    r = call("GET", QStringLiteral("/catalog"));
    QCOMPARE(r.status, 200);
    QStringList ids;
    for (const QJsonValue &p : r.body.value(QStringLiteral("plans")).toArray()) {
        QStringList problems;
        const auto plan = PlanCatalog::fromJson(QJsonDocument(p.toObject()).toJson(), &problems);
        QVERIFY2(plan, qPrintable(problems.join(u"; ")));
        ids.append(plan->id());
    }
    ids.sort();
    QCOMPARE(ids, (QStringList { QStringLiteral("partner-plan"), QStringLiteral("service-plan") }));
}

void TestServerApi::malformedBodiesAre400WithField()
{
    const auto field = [](const Reply &r) {
        return r.body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("field"))
            .toString();
    };
    Reply r = call("POST", QStringLiteral("/ops"), "{\"ops\": [");
    QCOMPARE(r.status, 400);
    QCOMPARE(
        r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("bad-request"));
    r = call("POST", QStringLiteral("/ops"), "[1,2]");
    QCOMPARE(r.status, 400);
    r = call("POST", QStringLiteral("/ops"), "{\"ops\": 5}");
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("ops"));
    QJsonObject bad = op(QStringLiteral("accept"), uuid(), 1);
    bad.insert(QStringLiteral("type"), 7);
    r = ops({ op(QStringLiteral("accept"), uuid(), 1), bad });
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("ops[1].type"));
    bad = op(QStringLiteral("accept"), uuid(), 1);
    bad.insert(QStringLiteral("base_version"), QStringLiteral("three"));
    r = ops({ bad });
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("ops[0].base_version"));
    bad = op(QStringLiteral("accept"), uuid(), 1);
    bad.insert(QStringLiteral("payload"), QJsonArray { 1 });
    r = ops({ bad });
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("ops[0].payload"));
    QJsonArray tooMany;
    for (int i = 0; i < 501; ++i)
        tooMany.append(op(QStringLiteral("accept"), uuid(), 1));
    r = ops(tooMany);
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("ops"));
    r = call("GET", QStringLiteral("/changes?after=-1"));
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("after"));
    r = call("GET", QStringLiteral("/changes?limit=abc"));
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("limit"));
    r = call("PUT", QStringLiteral("/settings"), "{\"at_risk_fraction\": \"half\"}",
             QStringLiteral("lead"));
    QCOMPARE(r.status, 400);
    QCOMPARE(field(r), QStringLiteral("at_risk_fraction"));
    // A payload field of the wrong type refuses that op only, naming the field.
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0,
                 { { QStringLiteral("customer_id"), 12 } }) });
    QCOMPARE(r.status, 200);
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("invalid-op"));
    QVERIFY(result(r)
                .value(QStringLiteral("args"))
                .toArray()
                .at(0)
                .toString()
                .contains(QStringLiteral("payload.customer_id")));
    // An unknown op type is refused, not a failure of the batch.
    r = ops({ op(QStringLiteral("teleport"), uuid(), 1) });
    QCOMPARE(r.status, 200);
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("invalid-op"));
}

void TestServerApi::bodyLimitAndHostileBytes()
{
    Reply r = call("POST", QStringLiteral("/ops"), QByteArray(1100000, 'x'));
    QCOMPARE(r.status, 413);
    // Garbage and an endless header on raw sockets: refused, and the server keeps serving.
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write("\x01\x02garbage\r\n\r\n");
        QVERIFY(s.waitForReadyRead(5000));
        QVERIFY(s.readAll().startsWith("HTTP/1.1 400"));
    }
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write("GET /api/v1/me HTTP/1.1\r\nX-Long: " + QByteArray(40000, 'a'));
        QVERIFY(s.waitForReadyRead(5000));
        QVERIFY(s.readAll().startsWith("HTTP/1.1 431"));
    }
    {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write("POST /api/v1/ops HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
        QVERIFY(s.waitForReadyRead(5000));
        QVERIFY(s.readAll().startsWith("HTTP/1.1 400"));
    }
    {
        // Half a request, then silence: the server hangs up once the idle time is out.
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n");
        QElapsedTimer t;
        t.start();
        QVERIFY(s.waitForDisconnected(10000));
        QVERIFY(t.elapsed() >= 1000);
    }
    QCOMPARE(call("GET", QStringLiteral("/me")).status, 200);
}

void TestServerApi::randomBodiesNeverBreakTheServer()
{
    // Bytes, truncated JSON and JSON of every wrong shape: always an answer, 200 or 400.
    QRandomGenerator rng(42);
    const QByteArray valid
        = QJsonDocument(
              QJsonObject {
                  { QStringLiteral("ops"),
                    QJsonArray { op(
                        QStringLiteral("create-ticket"), uuid(), 0,
                        { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                          { QStringLiteral("subject"), QStringLiteral("x") },
                          { QStringLiteral("channel"), QStringLiteral("ticket") },
                          { QStringLiteral("severity"), QStringLiteral("consultation") } }) } } })
              .toJson();
    const QList<QByteArray> shapes {
        "null",
        "true",
        "\"ops\"",
        "{\"ops\":null}",
        "{\"ops\":[null]}",
        "{\"ops\":[[]]}",
        "{\"ops\":[{}]}",
        "{\"ops\":[{\"op_id\":\"a\",\"type\":\"reply\",\"ticket_id\":\"b\","
        "\"base_version\":1e400}]}",
        "{\"ops\":[{\"op_id\":\"a\",\"type\":\"reply\","
        "\"ticket_id\":\"b\",\"base_version\":-1}]}",
        QByteArray(5000, '['),
        "\xff\xfe\x00"
    };
    for (const QByteArray &body : shapes) {
        const Reply r = call("POST", QStringLiteral("/ops"), body);
        QVERIFY2(r.status == 400 || r.status == 200, body.left(60).constData());
    }
    for (int i = 0; i < 60; ++i) {
        QByteArray body = valid;
        // Flip, cut or splice a few bytes.
        for (int k = 0; k < 3; ++k)
            body[int(rng.bounded(body.size()))] = char(rng.bounded(256));
        if (i % 3 == 0)
            body.truncate(int(rng.bounded(body.size())));
        const Reply r = call("POST", QStringLiteral("/ops"), body);
        QVERIFY2(r.status == 400 || r.status == 200, body.constData());
        QVERIFY(r.body.contains(QStringLiteral("server_time")));
    }
    QCOMPARE(call("GET", QStringLiteral("/me")).status, 200);
}

void TestServerApi::createTicketSetsDeadlineFromCatalog()
{
    const QJsonObject t = createTicket(QStringLiteral("s3"), QStringLiteral("ticket"),
                                       QStringLiteral("business-down"));
    QVERIFY(!t.isEmpty());
    Ticket ticket;
    QStringList problems;
    QVERIFY2(Json::fromJson(t, &ticket, &problems), qPrintable(problems.join(u"; ")));
    QVERIFY(ticket.number > 0);
    QCOMPARE(ticket.version, 1);
    QCOMPARE(ticket.status, QStringLiteral("new"));
    QCOMPARE(ticket.planId, QStringLiteral("service-plan"));
    QCOMPARE(ticket.editionId, QStringLiteral("s3-commercial"));
    // S3 Commercial, business down: 30 minutes.
    QCOMPARE(ticket.createdAt.secsTo(ticket.dueAt), 30 * 60);
    QVERIFY(qAbs(ticket.createdAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
}

void TestServerApi::deadlinesMatchTheClientsClock()
{
    // For every edition we have a customer of and every severity, the server's due_at is what
    // the client computes with core's ResponseClock from the catalog the server hands out.
    const Reply catalog = call("GET", QStringLiteral("/catalog"));
    CatalogSet plans;
    for (const QJsonValue &p : catalog.body.value(QStringLiteral("plans")).toArray()) {
        QStringList problems;
        const auto plan = PlanCatalog::fromJson(QJsonDocument(p.toObject()).toJson(), &problems);
        QVERIFY(plan);
        plans.insert(*plan);
    }
    const QList<QPair<QString, QString>> customers {
        { QStringLiteral("s1"), QStringLiteral("s1-flagship") },
        { QStringLiteral("s3"), QStringLiteral("s3-commercial") },
        { QStringLiteral("s4"), QStringLiteral("s4-basic") },
        { QStringLiteral("pent"), QStringLiteral("enterprise") }
    };
    int checked = 0;
    for (const auto &[customer, edition] : customers) {
        const PlanCatalog *plan
            = plans.plan(customer.startsWith(u'p') ? u"partner-plan" : u"service-plan");
        QVERIFY(plan);
        for (const Severity &severity : plan->severities()) {
            const QJsonObject t
                = createTicket(customer, QStringLiteral("ticket"), severity.id,
                               { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } });
            QCOMPARE(t.value(QStringLiteral("edition_id")).toString(), edition);
            const QDateTime created
                = Json::parseTimestamp(t.value(QStringLiteral("created_at")).toString());
            const QDateTime expected
                = ResponseClock::deadline(*plan, edition, severity.id, created);
            QVERIFY(expected.isValid());
            QCOMPARE(Json::parseTimestamp(t.value(QStringLiteral("due_at")).toString()), expected);
            ++checked;
        }
    }
    QCOMPARE(checked, 3 * 3 + 4);
}

void TestServerApi::replayedOpIdAppliesOnce()
{
    const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("im-group"),
                                       QStringLiteral("consultation"));
    const QString id = t.value(QStringLiteral("id")).toString();
    const qint64 after = qint64(call("GET", QStringLiteral("/changes?after=0&limit=5000"))
                                    .body.value(QStringLiteral("last_seq"))
                                    .toDouble());
    const QString messageId = uuid();
    const QJsonObject reply
        = op(QStringLiteral("reply"), id, 1,
             { { QStringLiteral("message_id"), messageId },
               { QStringLiteral("body"), QStringLiteral("您好，正在处理。") } });
    Reply first = ops({ reply });
    QCOMPARE(result(first).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    const QJsonObject after1 = result(first).value(QStringLiteral("ticket")).toObject();
    QCOMPARE(after1.value(QStringLiteral("version")).toInt(), 2);
    QVERIFY(!after1.value(QStringLiteral("first_response_at")).toString().isEmpty());

    // The same op again (the reply was lost on its way back): its first result, nothing twice.
    Reply second = ops({ reply });
    QCOMPARE(second.status, 200);
    QCOMPARE(result(second).value(QStringLiteral("result")).toString(),
             QStringLiteral("duplicate"));
    QCOMPARE(result(second).value(QStringLiteral("ticket")).toObject(), after1);
    // And twice in one batch.
    Reply third = ops({ reply, reply });
    QCOMPARE(result(third, 0).value(QStringLiteral("result")).toString(),
             QStringLiteral("duplicate"));
    QCOMPARE(result(third, 1).value(QStringLiteral("result")).toString(),
             QStringLiteral("duplicate"));

    const Reply feed = call("GET", QStringLiteral("/changes?after=%1&limit=5000").arg(after));
    int messages = 0;
    qint64 version = 0;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject data = c.toObject().value(QStringLiteral("data")).toObject();
        if (data.value(QStringLiteral("id")).toString() == messageId)
            ++messages;
        if (data.value(QStringLiteral("id")).toString() == id)
            version = data.value(QStringLiteral("version")).toInteger();
    }
    QCOMPARE(messages, 1);
    QCOMPARE(version, 2);
}

void TestServerApi::staleBaseVersionIsConflict()
{
    const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("hotline"),
                                       QStringLiteral("business-degraded"));
    const QString id = t.value(QStringLiteral("id")).toString();
    // Two clients edit version 1.
    Reply a = ops({ op(QStringLiteral("assign"), id, 1,
                       { { QStringLiteral("assignee_id"), QStringLiteral("id-agent") } }) });
    Reply b = ops({ op(QStringLiteral("set-status"), id, 1,
                       { { QStringLiteral("status"), QStringLiteral("accepted") } }) },
                  QStringLiteral("lead"));
    QCOMPARE(result(a).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(result(b).value(QStringLiteral("result")).toString(), QStringLiteral("conflict"));
    const QJsonObject current = result(b).value(QStringLiteral("ticket")).toObject();
    QCOMPARE(current.value(QStringLiteral("version")).toInt(), 2);
    QCOMPARE(current.value(QStringLiteral("assignee_id")).toString(), QStringLiteral("id-agent"));
    QCOMPARE(current.value(QStringLiteral("status")).toString(), QStringLiteral("new"));
    // A conflict is not final: the same op on the current version goes through.
    QJsonObject again = op(QStringLiteral("set-status"), id, 2,
                           { { QStringLiteral("status"), QStringLiteral("accepted") } });
    b = ops({ again }, QStringLiteral("lead"));
    QCOMPARE(result(b).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(result(b)
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("accepted"));
    // Accepted by the lead, it stays the agent's it was assigned to.
    QCOMPARE(result(b)
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("assignee_id"))
                 .toString(),
             QStringLiteral("id-agent"));
}

void TestServerApi::concurrentReplaysAndConflicts()
{
    // Requests in flight together (the server commits them as a group): one op_id sent ten
    // times at once is applied once; ten edits on one base version, one wins.
    const QString id = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                    QStringLiteral("consultation"))
                           .value(QStringLiteral("id"))
                           .toString();
    const auto fire = [this](const QVector<QJsonObject> &list) {
        QVector<QNetworkReply *> replies;
        for (const QJsonObject &o : list) {
            QNetworkRequest request(
                QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/ops").arg(m_port)));
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            request.setRawHeader("Authorization",
                                 "Bearer " + m_tokens.value(QStringLiteral("agent")).toUtf8());
            replies.append(m_net.post(
                request,
                QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { o } } })
                    .toJson()));
        }
        QStringList results;
        for (QNetworkReply *r : replies) {
            if (!r->isFinished()) {
                QEventLoop loop;
                connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
            }
            results.append(QJsonDocument::fromJson(r->readAll())
                               .object()
                               .value(QStringLiteral("results"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QStringLiteral("result"))
                               .toString());
            r->deleteLater();
        }
        results.sort();
        return results;
    };
    const QJsonObject reply = op(QStringLiteral("reply"), id, 1,
                                 { { QStringLiteral("message_id"), uuid() },
                                   { QStringLiteral("body"), QStringLiteral("hi") } });
    QStringList results = fire(QVector<QJsonObject>(10, reply));

    QCOMPARE(results.count(QStringLiteral("applied")), 1);
    QCOMPARE(results.count(QStringLiteral("duplicate")), 9);

    QVector<QJsonObject> notes;
    for (int i = 0; i < 10; ++i)
        notes.append(op(QStringLiteral("note"), id, 2,
                        { { QStringLiteral("message_id"), uuid() },
                          { QStringLiteral("body"), QStringLiteral("n") } }));
    results = fire(notes);
    QCOMPARE(results.count(QStringLiteral("applied")), 1);
    QCOMPARE(results.count(QStringLiteral("conflict")), 9);
}

void TestServerApi::hostileOpsAreRefusedAlone()
{
    // Ops no store can hold (NUL in any string, ids of thousands of characters), sent while
    // other agents write: each is refused alone, naming its field, and every well-formed write
    // beside it is applied. (On PostgreSQL such an op failed its statement, which aborted the
    // group commit's shared transaction: 17 of 20 others got 500.)
    const QString ticketId = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                          QStringLiteral("consultation"))
                                 .value(QStringLiteral("id"))
                                 .toString();
    QVERIFY(!ticketId.isEmpty());
    const QString nul = QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b");
    const QString longId(2700, u'x');
    const QJsonObject goodCreate { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                                   { QStringLiteral("subject"), QStringLiteral("Disk") },
                                   { QStringLiteral("channel"), QStringLiteral("ticket") },
                                   { QStringLiteral("severity"),
                                     QStringLiteral("consultation") } };
    const auto with = [](QJsonObject o, const QString &key, const QJsonValue &value) {
        o.insert(key, value);
        return o;
    };
    struct Bad
    {
        QJsonObject op;
        QString field; // the field the answer must name
        bool whole; // refused as a request (400) rather than as a rejected op
    };
    const QJsonObject note { { QStringLiteral("message_id"), uuid() },
                             { QStringLiteral("body"), QStringLiteral("n") } };
    const QList<Bad> bad {
        { op(QStringLiteral("accept"), ticketId, 1, {}, nul), QStringLiteral("ops[0].op_id"),
          true },
        { op(QStringLiteral("accept"), ticketId, 1, {}, longId), QStringLiteral("ops[0].op_id"),
          true },
        { op(QStringLiteral("accept"), nul, 1), QStringLiteral("ops[0].ticket_id"), true },
        { op(QStringLiteral("accept"), longId, 1), QStringLiteral("ops[0].ticket_id"), true },
        { op(QStringLiteral("create-ticket"), uuid(), 0,
             with(goodCreate, QStringLiteral("customer_id"), nul)),
          QStringLiteral("payload.customer_id"), false },
        { op(QStringLiteral("create-ticket"), uuid(), 0,
             with(goodCreate, QStringLiteral("quota_override_reason"), nul)),
          QStringLiteral("payload.quota_override_reason"), false },
        { op(QStringLiteral("create-ticket"), uuid(), 0,
             with(goodCreate, QStringLiteral("customer_id"), longId)),
          QStringLiteral("payload.customer_id"), false },
        { op(QStringLiteral("note"), ticketId, 1, with(note, QStringLiteral("message_id"), nul)),
          QStringLiteral("payload.message_id"), false },
        { op(QStringLiteral("note"), ticketId, 1,
             with(note, QStringLiteral("message_id"), longId)),
          QStringLiteral("payload.message_id"), false },
        { op(QStringLiteral("note"), ticketId, 1, with(note, QStringLiteral("body"), nul)),
          QStringLiteral("payload.body"), false },
        { op(QStringLiteral("assign"), ticketId, 1, { { QStringLiteral("assignee_id"), nul } }),
          QStringLiteral("payload.assignee_id"), false },
        { op(QStringLiteral("reclassify"), ticketId, 1,
             { { QStringLiteral("severity"), QStringLiteral("business-down") },
               { QStringLiteral("reason"), nul } }),
          QStringLiteral("payload.reason"), false },
    };
    const auto body = [](const QJsonObject &o) {
        return QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { o } } }).toJson();
    };
    // Each bad op beside two good writes of other agents, all sent at once.
    QList<QByteArray> requests;
    QStringList goodIds;
    for (const Bad &b : bad) {
        requests.append(rawRequest("POST", "/api/v1/ops", m_tokens.value(QStringLiteral("agent")),
                                   body(b.op)));
        for (const char *who : { "lead", "admin" }) {
            const QString id = uuid();
            goodIds.append(id);
            requests.append(rawRequest("POST", "/api/v1/ops",
                                       m_tokens.value(QLatin1String(who)),
                                       body(op(QStringLiteral("create-ticket"), id, 0,
                                               goodCreate))));
        }
    }
    const QList<QPair<int, QByteArray>> answers = sendTogether(m_port, requests);
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QJsonObject o = QJsonDocument::fromJson(answers.at(i).second).object();
        const QJsonObject first = o.value(QStringLiteral("results")).toArray().at(0).toObject();
        if (i % 3 == 0) {
            const Bad &b = bad.at(i / 3);
            if (b.whole) {
                QVERIFY2(answers.at(i).first == 400, answers.at(i).second.constData());
                QCOMPARE(o.value(QStringLiteral("error"))
                             .toObject()
                             .value(QStringLiteral("field"))
                             .toString(),
                         b.field);
            } else {
                QVERIFY2(answers.at(i).first == 200, answers.at(i).second.constData());
                QCOMPARE(first.value(QStringLiteral("code")).toString(),
                         QStringLiteral("invalid-op"));
                QVERIFY2(first.value(QStringLiteral("args"))
                             .toArray()
                             .at(0)
                             .toString()
                             .startsWith(b.field + u':'),
                         answers.at(i).second.constData());
            }
        } else {
            QVERIFY2(answers.at(i).first == 200, answers.at(i).second.constData());
            QCOMPARE(first.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
        }
    }
    // Nothing of the bad ops reached the feed, and the good ones are all there.
    const QHash<QString, qint64> served = servedTickets(m_port);
    for (const QString &id : goodIds)
        QVERIFY(served.contains(id));
    QCOMPARE(served.value(ticketId), 1);
}

void TestServerApi::oneFailingBatchFailsAlone()
{
    // What the codec cannot foresee (a full disk, a constraint, here a trigger the test adds)
    // fails the request whose write it is, never the others committed in the same group.
    {
        QSqlDatabase db;
        if (m_db.startsWith(u"postgresql://")) {
            const QUrl url(m_db);
            const QUrlQuery query(url);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("poison"));
            db.setHostName(query.hasQueryItem(QStringLiteral("host"))
                               ? query.queryItemValue(QStringLiteral("host"))
                               : url.host());
            db.setPort(url.port());
            db.setUserName(url.userName());
            db.setPassword(url.password());
            db.setDatabaseName(url.path().mid(1));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral(
                             "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN "
                             "IF NEW.data LIKE '%poison-pill%' THEN RAISE EXCEPTION 'poisoned'; "
                             "END IF; RETURN NEW; END $$ LANGUAGE plpgsql")),
                     qPrintable(q.lastError().text()));
            QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER poison BEFORE INSERT ON records "
                                           "FOR EACH ROW EXECUTE FUNCTION poison()")),
                     qPrintable(q.lastError().text()));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poison"));
            db.setDatabaseName(m_db);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral(
                             "CREATE TRIGGER poison BEFORE INSERT ON records "
                             "WHEN NEW.data LIKE '%poison-pill%' "
                             "BEGIN SELECT RAISE(ABORT, 'poisoned'); END")),
                     qPrintable(q.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("poison"));
    const auto create = [this](const QString &subject, QStringList *ids) {
        const QString id = uuid();
        ids->append(id);
        const QJsonObject o = op(QStringLiteral("create-ticket"), id, 0,
                                 { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                                   { QStringLiteral("subject"), subject },
                                   { QStringLiteral("channel"), QStringLiteral("ticket") },
                                   { QStringLiteral("severity"),
                                     QStringLiteral("consultation") } });
        return rawRequest(
            "POST", "/api/v1/ops", m_tokens.value(QStringLiteral("lead")),
            QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { o } } }).toJson());
    };
    QList<QByteArray> requests;
    QStringList goodIds, poisonIds;
    for (int i = 0; i < 30; ++i)
        requests.append(i % 10 == 5 ? create(QStringLiteral("poison-pill"), &poisonIds)
                                    : create(QStringLiteral("Disk %1").arg(i), &goodIds));
    const QList<QPair<int, QByteArray>> answers = sendTogether(m_port, requests);
    for (qsizetype i = 0; i < answers.size(); ++i) {
        if (i % 10 == 5) {
            QVERIFY2(answers.at(i).first == 500, answers.at(i).second.constData());
        } else {
            QVERIFY2(answers.at(i).first == 200, answers.at(i).second.constData());
            QCOMPARE(QJsonDocument::fromJson(answers.at(i).second)
                         .object()
                         .value(QStringLiteral("results"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("result"))
                         .toString(),
                     QStringLiteral("applied"));
        }
    }
    const QHash<QString, qint64> served = servedTickets(m_port);
    for (const QString &id : goodIds)
        QVERIFY(served.contains(id));
    for (const QString &id : poisonIds)
        QVERIFY(!served.contains(id));
    // (The trigger stays: nothing else writes a poison pill.)
}

// PostgreSQL writes a group commit through supportdesk_write_group() (schema 5): one INSERT
// per table over the group's rows. A ticket created and changed twice in one request is one
// group writing its record and row three times; the table must hold the last of them (ON
// CONFLICT cannot touch a row twice in one statement, so the function keeps the last), with
// every message, audit line and op result.
void TestServerApi::groupWriteFunctionKeepsTheLastWrite()
{
    if (!m_db.startsWith(u"postgresql://"))
        QSKIP("the group write function is PostgreSQL's");
    const QString id = uuid();
    const QString messageId = uuid();
    const QJsonObject create
        = op(QStringLiteral("create-ticket"), id, 0,
             { { QStringLiteral("customer_id"), QStringLiteral("s1") },
               { QStringLiteral("subject"), QStringLiteral("one group, three writes") },
               { QStringLiteral("channel"), QStringLiteral("ticket") },
               { QStringLiteral("severity"), QStringLiteral("consultation") } });
    const QJsonObject reply = op(QStringLiteral("reply"), id, 1,
                                 { { QStringLiteral("message_id"), messageId },
                                   { QStringLiteral("body"), QStringLiteral("在处理") } });
    const QJsonObject accept = op(QStringLiteral("accept"), id, 2);
    const Reply r = ops({ create, reply, accept });
    QCOMPARE(r.status, 200);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(result(r, i).value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
    const QJsonObject last = result(r, 2).value(QStringLiteral("ticket")).toObject();
    QCOMPARE(last.value(QStringLiteral("version")).toInt(), 3);

    const QUrl url(m_db);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("look"));
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setUserName(url.userName());
    db.setDatabaseName(url.path().mid(1));
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    {
        QSqlQuery q(db);
        const auto one = [&q](const QString &sql) {
            if (!q.exec(sql) || !q.next())
                return QVariant(q.lastError().text());
            return q.value(0);
        };
        QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM pg_proc "
                                    "WHERE proname = 'supportdesk_write_group'"))
                     .toInt(),
                 1);
        // 9: records.audience (an agent's own macros, docs/macros.md); 10: the group write
        // takes the sequence row at the end (PostgreSQL only); 11: attachments' message_id;
        // 12: reply routes backfilled; 13: service_use
        QCOMPARE(one(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 14);
        QCOMPARE(one(QStringLiteral("SELECT version FROM tickets WHERE id = '%1'").arg(id))
                     .toInt(),
                 3);
        QCOMPARE(one(QStringLiteral("SELECT status FROM tickets WHERE id = '%1'").arg(id))
                     .toString(),
                 last.value(QStringLiteral("status")).toString());
        QCOMPARE(one(QStringLiteral("SELECT seq FROM records WHERE kind = 'ticket' AND "
                                    "id = '%1'")
                             .arg(id))
                     .toLongLong(),
                 last.value(QStringLiteral("seq")).toInteger());
        QCOMPARE(one(QStringLiteral("SELECT data::jsonb->>'version' FROM records "
                                    "WHERE kind = 'ticket' AND id = '%1'")
                             .arg(id))
                     .toInt(),
                 3);
        // Every message the ops made (the reply, and the system's lines), as the feed has them.
        const int messages = one(QStringLiteral("SELECT COUNT(*) FROM messages WHERE "
                                                "ticket_id = '%1'")
                                         .arg(id))
                                 .toInt();
        QVERIFY(messages >= 1);
        QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM records WHERE kind = 'message' AND "
                                    "data::jsonb->>'ticket_id' = '%1'")
                             .arg(id))
                     .toInt(),
                 messages);
        QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM messages WHERE id = '%1'")
                             .arg(messageId))
                     .toInt(),
                 1);
        QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM audit WHERE target = '%1'").arg(id))
                     .toInt(),
                 3);
        QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM applied_ops WHERE op_id IN "
                                    "('%1', '%2', '%3')")
                             .arg(create.value(QStringLiteral("op_id")).toString(),
                                  reply.value(QStringLiteral("op_id")).toString(),
                                  accept.value(QStringLiteral("op_id")).toString()))
                     .toInt(),
                 3);
        // The feed's head is the group's last sequence.
        QCOMPARE(one(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'"))
                     .toLongLong(),
                 one(QStringLiteral("SELECT MAX(seq) FROM records")).toLongLong());
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("look"));
    // The feed serves the last version.
    QCOMPARE(servedTickets(m_port).value(id), 3);
}

void TestServerApi::valuesAreNeverChangedOrDuplicated()
{
    const auto field = [](const Reply &r) {
        return r.body.value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("field"))
            .toString();
    };
    // An int that does not fit is refused, not wrapped (1e15 was stored as -1530494976).
    for (const QByteArray &value : { QByteArrayLiteral("1000000000000000"),
                                     QByteArrayLiteral("4294967311"),
                                     QByteArrayLiteral("1441") }) {
        const Reply r = call("PUT", QStringLiteral("/settings"),
                             "{\"notify_before_breach_minutes\": " + value + "}",
                             QStringLiteral("lead"));
        QVERIFY2(r.status == 400, r.raw.constData());
        QCOMPARE(field(r), QStringLiteral("notify_before_breach_minutes"));
    }
    Reply r = call("PUT", QStringLiteral("/settings"), "{\"notify_before_breach_minutes\": 1440}",
                   QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("settings"))
                 .toObject()
                 .value(QStringLiteral("notify_before_breach_minutes"))
                 .toInt(),
             1440);
    QCOMPARE(call("PUT", QStringLiteral("/settings"), "{\"notify_before_breach_minutes\": 5}",
                  QStringLiteral("lead"))
                 .status,
             200);

    // Another spelling of an existing ticket's id is no new ticket: one canonical form.
    const QString id = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                    QStringLiteral("consultation"))
                           .value(QStringLiteral("id"))
                           .toString();
    QVERIFY(!id.isEmpty());
    const QJsonObject payload { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                                { QStringLiteral("subject"), QStringLiteral("Again") },
                                { QStringLiteral("channel"), QStringLiteral("ticket") },
                                { QStringLiteral("severity"), QStringLiteral("consultation") } };
    const QStringList spellings { u'{' + id + u'}', id.toUpper(), u'{' + id.toUpper() + u'}' };
    for (const QString &spelling : spellings) {
        r = ops({ op(QStringLiteral("create-ticket"), spelling, 0, payload) });
        QCOMPARE(r.status, 200);
        QCOMPARE(result(r).value(QStringLiteral("result")).toString(),
                 QStringLiteral("rejected"));
        QVERIFY2(result(r)
                     .value(QStringLiteral("args"))
                     .toArray()
                     .at(0)
                     .toString()
                     .startsWith(QStringLiteral("ticket_id:")),
                 r.raw.constData());
    }
    // Every id in the feed is a UUID as the schema says.
    static const QRegularExpression canonical(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    const QHash<QString, qint64> served = servedTickets(m_port);
    QVERIFY(!served.isEmpty());
    for (auto it = served.cbegin(); it != served.cend(); ++it)
        QVERIFY2(canonical.match(it.key()).hasMatch(), qPrintable(it.key()));

    // A month that is no month, or outside the years a report can have.
    for (const char *month : { "0000-05", "1969-12", "3000-01", "2026-00", "2026-13" }) {
        r = call("GET", QStringLiteral("/reports/customer/s1?month=%1").arg(QLatin1String(month)),
                 {}, QStringLiteral("lead"));
        QVERIFY2(r.status == 400, month);
        QCOMPARE(field(r), QStringLiteral("month"));
    }
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/pent?month=1970-01"), {},
                  QStringLiteral("lead"))
                 .status,
             200);
    // An id no customer can have is not found (on PostgreSQL a NUL was a 500).
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/a%00b?month=2026-01"), {},
                  QStringLiteral("lead"))
                 .status,
             404);
}

void TestServerApi::methodsAndHeadFollowHttp()
{
    // A 405 says which methods the route has (RFC 9110 §15.5.6).
    const QString agent = m_tokens.value(QStringLiteral("agent"));
    const QList<QPair<QByteArray, QByteArray>> cases {
        { "DELETE /api/v1/ops", "POST" },
        { "POST /api/v1/me", "GET, HEAD" },
        { "POST /api/v1/reports/customer/s1", "GET, HEAD" },
        { "GET /api/v1/settings", "PUT" },
        { "POST /healthz", "GET, HEAD" },
        { "PUT /metrics", "GET, HEAD" },
    };
    for (const auto &[line, allow] : cases) {
        const QList<QByteArray> parts = line.split(' ');
        const QByteArray request = rawRequest(parts.at(0), parts.at(1), agent,
                                              line.startsWith("GET") ? QByteArray() : "{}");
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write(request);
        QByteArray bytes, headers, body;
        while (!parseAnswer(bytes, false, &headers, &body) && s.waitForReadyRead(5000))
            bytes += s.readAll();
        QVERIFY2(bytes.startsWith("HTTP/1.1 405 "), bytes.constData());
        QVERIFY2(headers.contains("\r\nAllow: " + allow + "\r\n")
                     || headers.endsWith("\r\nAllow: " + allow),
                 headers.constData());
    }
    // HEAD: GET's header fields and no body, so the next answer on the connection starts
    // where the client expects it.
    for (const QByteArray &target : { QByteArrayLiteral("/api/v1/me"),
                                      QByteArrayLiteral("/healthz"),
                                      QByteArrayLiteral("/api/v1/changes?limit=3") }) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, m_port);
        QVERIFY(s.waitForConnected());
        s.write(rawRequest("HEAD", target, agent) + rawRequest("GET", target, agent));
        QByteArray bytes, headHeaders, headBody, getHeaders, getBody;
        qsizetype used = 0;
        int headStatus = 0, getStatus = 0;
        while (s.waitForReadyRead(5000)) {
            bytes += s.readAll();
            headStatus = parseAnswer(bytes, true, &headHeaders, &headBody, &used);
            if (headStatus
                && (getStatus = parseAnswer(bytes.mid(used), false, &getHeaders, &getBody)))
                break;
        }
        QCOMPARE(headStatus, 200);
        QCOMPARE(getStatus, 200);
        QVERIFY(headBody.isEmpty());
        QVERIFY2(QJsonDocument::fromJson(getBody).isObject(), bytes.constData());
        static const QRegularExpression length(QStringLiteral("(?i)content-length: (\\d+)"));
        // Content-Length of the body GET would send (the server time in it has the same
        // length at any time).
        QCOMPARE(length.match(QString::fromLatin1(headHeaders)).captured(1).toLongLong(),
                 getBody.size());
    }
}

void TestServerApi::feedParametersUpToInt64()
{
    // The schema's int64 is the server's: `after` at int64's maximum is an empty page, one
    // past it (and a sign, or a fraction) a 400; a `limit` over the page size is cut.
    Reply r = call("GET", QStringLiteral("/changes?after=9223372036854775807"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.value(QStringLiteral("changes")).toArray().isEmpty());
    QCOMPARE(r.body.value(QStringLiteral("has_more")).toBool(), false);
    for (const char *bad : { "after=9223372036854775808", "after=99999999999999999999",
                             "after=%2B5", "after=1.0", "limit=0", "limit=-1",
                             "limit=9223372036854775808" }) {
        r = call("GET", QStringLiteral("/changes?%1").arg(QLatin1String(bad)));
        QVERIFY2(r.status == 400, bad);
        QCOMPARE(r.body.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("field"))
                     .toString(),
                 QString::fromLatin1(bad).section(u'=', 0, 0));
    }
    r = call("GET", QStringLiteral("/changes?limit=9223372036854775807"));
    QCOMPARE(r.status, 200);
    r = call("GET", QStringLiteral("/changes?after=0&limit=1000000000000000"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.value(QStringLiteral("changes")).toArray().size() <= 5000);
}

void TestServerApi::channelRule()
{
    Reply r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0,
                       { { QStringLiteral("customer_id"), QStringLiteral("s4") },
                         { QStringLiteral("subject"), QStringLiteral("IM please") },
                         { QStringLiteral("channel"), QStringLiteral("im-group") },
                         { QStringLiteral("severity"), QStringLiteral("consultation") } }) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("rejected"));
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(),
             QStringLiteral("channel-not-entitled"));
    const QJsonArray args = result(r).value(QStringLiteral("args")).toArray();
    QCOMPARE(args.at(0).toString(), QStringLiteral("im-group"));
    QCOMPARE(args.at(1).toString(), QStringLiteral("s4-basic"));
    QVERIFY(args.contains(QStringLiteral("s1-flagship")));
    // The partner's Enterprise edition has the IM group.
    QVERIFY(!createTicket(QStringLiteral("pent"), QStringLiteral("im-group"),
                          QStringLiteral("consultation"),
                          { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } })
                 .isEmpty());
}

void TestServerApi::subClientRule()
{
    Reply r
        = ops({ op(QStringLiteral("create-ticket"), uuid(), 0,
                   { { QStringLiteral("customer_id"), QStringLiteral("pent") },
                     { QStringLiteral("subject"), QStringLiteral("No sub-client") },
                     { QStringLiteral("channel"), QStringLiteral("ticket") },
                     { QStringLiteral("severity"), QStringLiteral("production-abnormal") } }) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("rejected"));
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(),
             QStringLiteral("sub-client-required"));
    // An account that is not one of the partner's sub-clients.
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0,
                 { { QStringLiteral("customer_id"), QStringLiteral("pent") },
                   { QStringLiteral("sub_client"), QStringLiteral("someone-else") },
                   { QStringLiteral("subject"), QStringLiteral("Wrong sub-client") },
                   { QStringLiteral("channel"), QStringLiteral("ticket") },
                   { QStringLiteral("severity"), QStringLiteral("consultation") } }) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(),
             QStringLiteral("sub-client-required"));
    QCOMPARE(result(r).value(QStringLiteral("args")).toArray(),
             QJsonArray{ QStringLiteral("someone-else") });
}

void TestServerApi::quotaRule()
{
    // Partner Standard: 10 tickets a month. The server's clock stands mid-month, so the eleven
    // tickets are in one month whenever the test runs.
    stopMainServer();
    QVERIFY(startMainServer({ QStringLiteral("--fixed-clock"),
                              QStringLiteral("2026-03-15T04:00:00Z") }));
    const QJsonObject base { { QStringLiteral("customer_id"), QStringLiteral("pstd") },
                             { QStringLiteral("sub_client"), QStringLiteral("sub-1") },
                             { QStringLiteral("subject"), QStringLiteral("Disk full") },
                             { QStringLiteral("channel"), QStringLiteral("ticket") },
                             { QStringLiteral("severity"), QStringLiteral("consultation") } };
    QJsonArray ten;
    for (int i = 0; i < 10; ++i)
        ten.append(op(QStringLiteral("create-ticket"), uuid(), 0, base));
    Reply r = ops(ten);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(result(r, i).value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, base) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("quota-exceeded"));
    QCOMPARE(result(r).value(QStringLiteral("args")).toArray(),
             (QJsonArray { QStringLiteral("11"), QStringLiteral("10") }));
    QJsonObject withReason = base;
    withReason.insert(QStringLiteral("quota_override_reason"),
                      QStringLiteral("Outage at the sub-client"));
    const qint64 before = qint64(call("GET", QStringLiteral("/changes?after=0&limit=5000"))
                                     .body.value(QStringLiteral("last_seq"))
                                     .toDouble());
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, withReason) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    const QJsonObject t = result(r).value(QStringLiteral("ticket")).toObject();
    QVERIFY(t.value(QStringLiteral("flags")).toArray().contains(QStringLiteral("over-quota")));
    QCOMPARE(t.value(QStringLiteral("quota_override_reason")).toString(),
             QStringLiteral("Outage at the sub-client"));
    // The conversation says so, as a code and arguments the client words in its language.
    QJsonArray eventArgs;
    for (const QJsonValue &c : call("GET", QStringLiteral("/changes?after=%1").arg(before))
                                       .body.value(QStringLiteral("changes"))
                                       .toArray()) {
        const QJsonObject m = c.toObject().value(QStringLiteral("data")).toObject();
        if (c.toObject().value(QStringLiteral("kind")).toString() == u"message"
            && m.value(QStringLiteral("ticket_id")) == t.value(QStringLiteral("id"))
            && m.value(QStringLiteral("event")).toString() == u"over-quota")
            eventArgs = m.value(QStringLiteral("args")).toArray();
    }
    QCOMPARE(eventArgs,
             (QJsonArray { QStringLiteral("11"), QStringLiteral("10"),
                           QStringLiteral("Outage at the sub-client") }));

    // A service account (the customer portal, the console) cannot override the quota, reason
    // or not: the customer does not decide that their month's tickets are not used up. It has
    // no POST /ops at all (its tickets come through the intake routes, which drop a reason:
    // tst_intake::intakeFilesTicketsUnderThePlanRules); overridesQuota() says no to it too.
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, withReason) },
            QStringLiteral("service"));
    QCOMPARE(r.status, 403);

    // Stating the reason afterwards is the same rule: whoever may take it in past the quota.
    const QString id = t.value(QStringLiteral("id")).toString();
    r = ops({ op(QStringLiteral("quota-override"), id, 1,
                 { { QStringLiteral("reason"), QStringLiteral(" ") } }) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("reason-required"));
    const QJsonObject byPortal
        = op(QStringLiteral("quota-override"), id, 1,
             { { QStringLiteral("reason"), QStringLiteral("Approved by ourselves") } });
    r = ops({ byPortal }, QStringLiteral("service"));
    QCOMPARE(r.status, 403);
    r = ops({ op(QStringLiteral("quota-override"), id, 1,
                 { { QStringLiteral("reason"), QStringLiteral("Outage spreads to sub-2") } }) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    r = ops({ op(QStringLiteral("quota-override"), id, 2,
                 { { QStringLiteral("reason"), QStringLiteral("Approved: contract renewal") } }) },
            QStringLiteral("lead"));
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(result(r)
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("quota_override_reason"))
                 .toString(),
             QStringLiteral("Approved: contract renewal"));
    // The refused request stays refused when replayed.
    r = ops({ byPortal }, QStringLiteral("service"));
    QCOMPARE(r.status, 403);
}

void TestServerApi::quotaMonthIsShanghais()
{
    // The quota month is the customer's calendar month (Asia/Shanghai, UTC+8), not UTC's:
    // 23:59:59 on 31 January in Shanghai is still January; one second later it is February
    // there, while UTC is still on 31 January (16:00:00).
    const QJsonObject base { { QStringLiteral("customer_id"), QStringLiteral("pstd") },
                             { QStringLiteral("sub_client"), QStringLiteral("sub-1") },
                             { QStringLiteral("subject"), QStringLiteral("Month end") },
                             { QStringLiteral("channel"), QStringLiteral("ticket") },
                             { QStringLiteral("severity"), QStringLiteral("consultation") } };
    stopMainServer();
    QVERIFY(startMainServer({ QStringLiteral("--fixed-clock"),
                              QStringLiteral("2026-01-31T15:59:59Z") }));
    QJsonArray ten;
    for (int i = 0; i < 10; ++i)
        ten.append(op(QStringLiteral("create-ticket"), uuid(), 0, base));
    Reply r = ops(ten);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(result(r, i).value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
    // The server's time is the clock's, to the client too.
    QCOMPARE(r.body.value(QStringLiteral("server_time")).toString(),
             QStringLiteral("2026-01-31T15:59:59.000Z"));
    QCOMPARE(result(r, 9).value(QStringLiteral("ticket")).toObject()
                     .value(QStringLiteral("created_at")).toString(),
             QStringLiteral("2026-01-31T15:59:59.000Z"));
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, base) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("quota-exceeded"));

    stopMainServer();
    QVERIFY(startMainServer({ QStringLiteral("--fixed-clock"),
                              QStringLiteral("2026-01-31T16:00:00Z") }));
    r = ops({ op(QStringLiteral("create-ticket"), uuid(), 0, base) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QVERIFY(!result(r).value(QStringLiteral("ticket")).toObject()
                     .value(QStringLiteral("flags")).toArray()
                     .contains(QStringLiteral("over-quota")));
}

void TestServerApi::reclassifyRule()
{
    const QJsonObject t = createTicket(
        QStringLiteral("pent"), QStringLiteral("ticket"), QStringLiteral("business-down"),
        { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } });
    const QString id = t.value(QStringLiteral("id")).toString();
    const QDateTime created
        = Json::parseTimestamp(t.value(QStringLiteral("created_at")).toString());
    Reply r = ops({ op(QStringLiteral("reclassify"), id, 1,
                       { { QStringLiteral("severity"), QStringLiteral("consultation") } }) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(), QStringLiteral("reason-required"));
    r = ops({ op(QStringLiteral("reclassify"), id, 1,
                 { { QStringLiteral("severity"), QStringLiteral("nonsense") },
                   { QStringLiteral("reason"), QStringLiteral("x") } }) });
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(),
             QStringLiteral("unknown-severity"));
    const qint64 before = qint64(call("GET", QStringLiteral("/changes?after=0&limit=5000"))
                                     .body.value(QStringLiteral("last_seq"))
                                     .toDouble());
    r = ops({ op(QStringLiteral("reclassify"), id, 1,
                 { { QStringLiteral("severity"), QStringLiteral("consultation") },
                   { QStringLiteral("reason"), QStringLiteral("A question, not an outage") } }) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    const QJsonObject after = result(r).value(QStringLiteral("ticket")).toObject();
    // Partner consultation: 16 hours from creation.
    QCOMPARE(created.secsTo(Json::parseTimestamp(after.value(QStringLiteral("due_at")).toString())),
             16 * 3600);
    const Reply feed = call("GET", QStringLiteral("/changes?after=%1").arg(before));
    bool found = false;
    bool event = false;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray()) {
        const QString kind = c.toObject().value(QStringLiteral("kind")).toString();
        if (kind == u"message") {
            // The system event says what happened as a code and arguments for the client to
            // translate, besides the English text.
            const QJsonObject m = c.toObject().value(QStringLiteral("data")).toObject();
            if (m.value(QStringLiteral("ticket_id")).toString() == id
                && m.value(QStringLiteral("kind")).toString() == u"system") {
                QCOMPARE(m.value(QStringLiteral("event")).toString(), QStringLiteral("severity"));
                const QJsonArray args = m.value(QStringLiteral("args")).toArray();
                QCOMPARE(args.size(), 4);
                QCOMPARE(args[0].toString(), QStringLiteral("business-down"));
                QCOMPARE(args[1].toString(), QStringLiteral("consultation"));
                QVERIFY(!args[2].toString().isEmpty()); // the agent's name
                QCOMPARE(args[3].toString(), QStringLiteral("A question, not an outage"));
                event = true;
            }
        }
        if (kind != u"severity_change")
            continue;
        const QJsonObject d = c.toObject().value(QStringLiteral("data")).toObject();
        found = d.value(QStringLiteral("ticket_id")).toString() == id
            && d.value(QStringLiteral("from")).toString() == u"business-down"
            && d.value(QStringLiteral("to")).toString() == u"consultation"
            && d.value(QStringLiteral("reason")).toString() == u"A question, not an outage"
            && d.value(QStringLiteral("changed_by")).toString() == u"id-agent";
    }
    QVERIFY(found);
    QVERIFY(event);
}

void TestServerApi::otherRefusals()
{
    const auto code = [this](const QJsonObject &o, const QString &token = QStringLiteral("agent")) {
        return result(ops({ o }, token)).value(QStringLiteral("code")).toString();
    };
    QCOMPARE(code(op(QStringLiteral("accept"), uuid(), 1)), QStringLiteral("unknown-ticket"));
    QCOMPARE(code(op(QStringLiteral("create-ticket"), uuid(), 0,
                     { { QStringLiteral("customer_id"), QStringLiteral("nobody") },
                       { QStringLiteral("subject"), QStringLiteral("x") },
                       { QStringLiteral("channel"), QStringLiteral("ticket") },
                       { QStringLiteral("severity"), QStringLiteral("consultation") } })),
             QStringLiteral("unknown-customer"));
    const QJsonObject t = createTicket(QStringLiteral("s3"), QStringLiteral("ticket"),
                                       QStringLiteral("consultation"));
    const QString id = t.value(QStringLiteral("id")).toString();
    QCOMPARE(code(op(QStringLiteral("create-ticket"), id, 0,
                     { { QStringLiteral("customer_id"), QStringLiteral("s3") },
                       { QStringLiteral("subject"), QStringLiteral("x") },
                       { QStringLiteral("channel"), QStringLiteral("ticket") },
                       { QStringLiteral("severity"), QStringLiteral("consultation") } })),
             QStringLiteral("ticket-exists"));
    QCOMPARE(code(op(QStringLiteral("assign"), id, 1,
                     { { QStringLiteral("assignee_id"), QStringLiteral("ghost") } })),
             QStringLiteral("unknown-agent"));
    QCOMPARE(code(op(QStringLiteral("set-status"), id, 1,
                     { { QStringLiteral("status"), QStringLiteral("flying") } })),
             QStringLiteral("invalid-status"));
    QCOMPARE(code(op(QStringLiteral("set-status"), id, 1,
                     { { QStringLiteral("status"), QStringLiteral("new") } })),
             QStringLiteral("invalid-status"));
    QCOMPARE(code(op(QStringLiteral("reply"), id, 1,
                     { { QStringLiteral("body"), QStringLiteral("no id") } })),
             QStringLiteral("invalid-op"));
    QJsonObject accepted = result(ops({ op(QStringLiteral("accept"), id, 1) }))
                               .value(QStringLiteral("ticket"))
                               .toObject();
    QCOMPARE(accepted.value(QStringLiteral("status")).toString(), QStringLiteral("accepted"));
    // Nobody's ticket: the agent who accepted it has it now.
    QCOMPARE(accepted.value(QStringLiteral("assignee_id")).toString(), QStringLiteral("id-agent"));
    QCOMPARE(code(op(QStringLiteral("accept"), id, 2)), QStringLiteral("invalid-status"));
    QCOMPARE(code(op(QStringLiteral("set-status"), id, 2,
                     { { QStringLiteral("status"), QStringLiteral("closed") } })),
             QString());
    QCOMPARE(code(op(QStringLiteral("set-status"), id, 3,
                     { { QStringLiteral("status"), QStringLiteral("accepted") } })),
             QStringLiteral("invalid-status"));
}

void TestServerApi::softwareScopeFlags()
{
    const QJsonObject t = createTicket(
        QStringLiteral("s3"), QStringLiteral("ticket"), QStringLiteral("consultation"),
        { { QStringLiteral("software"), QStringLiteral("nginx") },
          { QStringLiteral("software_version"), QStringLiteral("1.20") } });
    QVERIFY(!t.value(QStringLiteral("flags")).toArray().contains(QStringLiteral("out-of-scope")));
    const QString id = t.value(QStringLiteral("id")).toString();
    Reply r = ops({ op(QStringLiteral("set-software"), id, 1,
                       { { QStringLiteral("software"), QStringLiteral("nginx") },
                         { QStringLiteral("software_version"), QStringLiteral("1.6") } }) });
    QCOMPARE(result(r).value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(result(r).value(QStringLiteral("code")).toString(),
             QStringLiteral("version-out-of-scope"));
    QVERIFY(result(r)
                .value(QStringLiteral("ticket"))
                .toObject()
                .value(QStringLiteral("flags"))
                .toArray()
                .contains(QStringLiteral("out-of-scope")));
    // Kept as the catalog spells it, whatever the spelling sent: "nginx" is Nginx.
    QCOMPARE(t.value(QStringLiteral("software")).toString(), QStringLiteral("Nginx"));
    r = ops({ op(QStringLiteral("set-software"), id, 2,
                 { { QStringLiteral("software"), QStringLiteral("mysql") },
                   { QStringLiteral("software_version"), QStringLiteral("mysql 5.7.x") } }) });
    const QJsonObject mysql = result(r).value(QStringLiteral("ticket")).toObject();
    QCOMPARE(mysql.value(QStringLiteral("software")).toString(), QStringLiteral("MySQL"));
    QCOMPARE(mysql.value(QStringLiteral("software_version")).toString(), QStringLiteral("5.7.x"));
    QVERIFY(!result(r)
                 .value(QStringLiteral("ticket"))
                 .toObject()
                 .value(QStringLiteral("flags"))
                 .toArray()
                 .contains(QStringLiteral("out-of-scope")));
}

void TestServerApi::serviceAccountsAreNotAssignees()
{
    // The customer portal's account and the desk's admin act on tickets but never hold one.
    const QJsonObject t = createTicket(QStringLiteral("s3"), QStringLiteral("ticket"),
                                       QStringLiteral("consultation"));
    const QString id = t.value(QStringLiteral("id")).toString();
    const auto assign = [this, &id](const QString &to, int base) {
        return result(ops({ op(QStringLiteral("assign"), id, base,
                               { { QStringLiteral("assignee_id"), to } }) },
                          QStringLiteral("lead")));
    };
    QJsonObject r = assign(QStringLiteral("id-service"), 1);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("not-an-assignee"));
    QCOMPARE(r.value(QStringLiteral("args")).toArray().first().toString(),
             QStringLiteral("Test service"));
    r = assign(QStringLiteral("id-admin"), 1);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("not-an-assignee"));
    r = assign(QStringLiteral("id-agent"), 1);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QCOMPARE(r.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("assignee_id"))
                     .toString(),
             QStringLiteral("id-agent"));

    // The feed tells clients which accounts are services, so they are not offered either.
    QHash<QString, QString> roles;
    for (qint64 after = 0;;) {
        const Reply feed
                = call("GET", QStringLiteral("/changes?after=%1&limit=5000").arg(after));
        QCOMPARE(feed.status, 200);
        for (const QJsonValue &v : feed.body.value(QStringLiteral("changes")).toArray()) {
            if (v[QStringLiteral("kind")].toString() != u"agent")
                continue;
            const QJsonValue data = v[QStringLiteral("data")];
            roles.insert(data[QStringLiteral("id")].toString(),
                         data[QStringLiteral("role")].toString());
        }
        after = qint64(feed.body.value(QStringLiteral("last_seq")).toDouble());
        if (!feed.body.value(QStringLiteral("has_more")).toBool())
            break;
    }
    QCOMPARE(roles.value(QStringLiteral("id-service")), QStringLiteral("service"));
    QCOMPARE(roles.value(QStringLiteral("id-admin")), QStringLiteral("admin"));
}

void TestServerApi::calendarServedWithTheCatalog()
{
    const auto servedCalendar = [this]() -> std::optional<BusinessCalendar> {
        const Reply r = call("GET", QStringLiteral("/catalog"));
        if (r.status != 200)
            return std::nullopt;
        QStringList problems;
        return BusinessCalendar::fromJson(
                QJsonDocument(r.body.value(QStringLiteral("calendar")).toObject()).toJson(),
                &problems);
    };
    // Until an admin loads one, the calendar the server was built with: 2027 provisional.
    std::optional<BusinessCalendar> served = servedCalendar();
    QVERIFY(served);
    QVERIFY(served->covers(2027) && served->isProvisional(2027));

    // The official schedule, loaded into the running server with the admin command.
    QFile builtIn(QStringLiteral(":/calendar/cn-holidays.json"));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(builtIn.readAll()).object();
    QJsonObject years = root.value(QStringLiteral("years")).toObject();
    QJsonObject y2027 = years.value(QStringLiteral("2027")).toObject();
    y2027.insert(QStringLiteral("status"), QStringLiteral("official"));
    years.insert(QStringLiteral("2027"), y2027);
    root.insert(QStringLiteral("years"), years);
    QFile file(m_dir.filePath(QStringLiteral("calendar-2027.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(root).toJson());
    file.close();

    // A broken file is refused and changes nothing.
    QFile broken(m_dir.filePath(QStringLiteral("calendar-broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"years": {"2027": {"status": "maybe", "holidays": [], "workdays": []}}})");
    broken.close();
    int code = -1;
    QString out = runServer({ QStringLiteral("calendar"), QStringLiteral("load"),
                              broken.fileName(), QStringLiteral("--db"), m_db },
                            &code);
    QCOMPARE(code, 1);
    QVERIFY2(out.contains(QStringLiteral("$.years.2027.status")), qPrintable(out));
    served = servedCalendar();
    QVERIFY(served && served->isProvisional(2027));

    out = runServer({ QStringLiteral("calendar"), QStringLiteral("load"), file.fileName(),
                      QStringLiteral("--db"), m_db },
                    &code);
    QVERIFY2(code == 0, qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("2027")) && !out.contains(QStringLiteral("provisional")),
             qPrintable(out));
    served = servedCalendar(); // no restart
    QVERIFY(served);
    QVERIFY(served->covers(2027) && !served->isProvisional(2027));
}

void TestServerApi::changeFeedPages()
{
    // Walk the whole feed in pages of 7: ascending seqs, each record once, last_seq chaining.
    // The prepared database holds ten records; twelve tickets make the feed several pages.
    for (int i = 0; i < 12; ++i)
        QVERIFY(!createTicket(QStringLiteral("s3"), QStringLiteral("ticket"),
                              QStringLiteral("consultation"))
                         .isEmpty());
    qint64 after = 0;
    qint64 previous = 0;
    int pages = 0;
    QSet<QString> seen;
    for (;;) {
        const Reply r = call("GET", QStringLiteral("/changes?after=%1&limit=7").arg(after));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains(QStringLiteral("server_time")));
        QCOMPARE(qint64(r.body.value(QStringLiteral("after")).toDouble()), after);
        const QJsonArray changes = r.body.value(QStringLiteral("changes")).toArray();
        QVERIFY(changes.size() <= 7);
        for (const QJsonValue &c : changes) {
            const qint64 seq = qint64(c.toObject().value(QStringLiteral("seq")).toDouble());
            QVERIFY(seq > previous);
            previous = seq;
            const QJsonObject data = c.toObject().value(QStringLiteral("data")).toObject();
            QCOMPARE(qint64(data.value(QStringLiteral("seq")).toDouble()), seq);
            const QString key = c.toObject().value(QStringLiteral("kind")).toString() + u'/'
                + data.value(QStringLiteral("id")).toString();
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
        }
        ++pages;
        after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            break;
        QCOMPARE(changes.size(), 7);
    }
    QVERIFY(pages > 3);
    QVERIFY(seen.contains(QStringLiteral("customer/pstd")));
    QVERIFY(seen.contains(QStringLiteral("agent/id-lead")));
    QVERIFY(seen.contains(QStringLiteral("settings/"))); // in the feed from the start (no id)
    // Past the end: nothing, and no more.
    const Reply end = call("GET", QStringLiteral("/changes?after=%1").arg(after));
    QCOMPARE(end.body.value(QStringLiteral("changes")).toArray().size(), 0);
    QCOMPARE(end.body.value(QStringLiteral("has_more")).toBool(), false);
}

void TestServerApi::samePageIsFreshAfterWrite()
{
    // The same page asked before and after a write: the second has the new ticket.
    const QString path = QStringLiteral("/changes?after=10&limit=5000");
    const QByteArray before = call("GET", path).raw;
    QCOMPARE(call("GET", path).body.value(QStringLiteral("changes")),
             QJsonDocument::fromJson(before).object().value(QStringLiteral("changes")));
    const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                       QStringLiteral("consultation"));
    const QJsonArray changes = call("GET", path).body.value(QStringLiteral("changes")).toArray();
    QVERIFY(!changes.isEmpty());
    QCOMPARE(changes.last()
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("id"))
                 .toString(),
             t.value(QStringLiteral("id")).toString());
}

void TestServerApi::tagRulesTagNewTickets()
{
    const QByteArray rules = R"({"tag_rules": [
        {"tag": "VIP", "plan_id": "service-plan", "edition_id": "s1-flagship"},
        {"tag": "ssh", "words": ["ＳＳＨ", "kernel panic"]},
        {"tag": "login", "words": ["登录"], "severity": "consultation"},
        {"tag": "down", "severity": "business-down"},
        {"tag": "phone", "channel": "hotline"},
        {"tag": "never", "words": ["quota exceeded"]}]})";
    QCOMPARE(call("PUT", QStringLiteral("/settings"), rules, QStringLiteral("agent")).status, 403);
    Reply r = call("PUT", QStringLiteral("/settings"), rules, QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    const QJsonArray stored = r.body.value(QStringLiteral("settings"))
                                      .toObject()
                                      .value(QStringLiteral("tag_rules"))
                                      .toArray();
    QCOMPARE(stored.size(), 6);
    QCOMPARE(stored.at(0).toObject().value(QStringLiteral("tag")).toString(), u"vip");
    const qint64 after = qint64(r.body.value(QStringLiteral("settings"))
                                        .toObject()
                                        .value(QStringLiteral("seq"))
                                        .toDouble());

    // Subject 云服务器无法登录, body "SSH times out" (full-width ＳＳＨ matches it).
    const QJsonObject flagship = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                              QStringLiteral("business-down"));
    QCOMPARE(flagship.value(QStringLiteral("tags")).toArray().toVariantList(),
             QVariantList({ QStringLiteral("vip"), QStringLiteral("ssh"), QStringLiteral("down") }));
    const QJsonObject basic = createTicket(QStringLiteral("s4"), QStringLiteral("ticket"),
                                           QStringLiteral("consultation"));
    QCOMPARE(basic.value(QStringLiteral("tags")).toArray().toVariantList(),
             QVariantList({ QStringLiteral("ssh"), QStringLiteral("login") }));
    // The feed carries the ticket with its tags and the event saying why.
    r = call("GET", QStringLiteral("/changes?after=%1").arg(after));
    QStringList events;
    for (const QJsonValue &c : r.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject data = c.toObject().value(QStringLiteral("data")).toObject();
        if (data.value(QStringLiteral("event")).toString() == u"tags-by-rule")
            events.append(data.value(QStringLiteral("args")).toVariant().toStringList().join(u' '));
    }
    QCOMPARE(events, QStringList({ QStringLiteral("vip ssh down"), QStringLiteral("ssh login") }));

    // Rules the server cannot keep are refused naming the rule's field; the stored ones stay.
    const auto field = [](const Reply &reply) {
        return reply.body.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("field"))
                .toString();
    };
    const QList<QPair<QByteArray, QString>> bad {
        { R"({"tag_rules": [{"tag": "two words"}]})", QStringLiteral("tag_rules[0].tag") },
        { R"({"tag_rules": [{"tag": "a"}, {"words": ["x"]}]})", QStringLiteral("tag_rules[1].tag") },
        { R"({"tag_rules": [{"tag": "a", "plan_id": "service-plan"}]})",
          QStringLiteral("tag_rules[0].edition_id") },
        { R"({"tag_rules": [{"tag": "a", "words": [""]}]})", QStringLiteral("tag_rules[0].words[0]") },
        { R"({"tag_rules": [{"tag": "a", "words": "x"}]})", QStringLiteral("tag_rules[0].words") },
        { R"({"tag_rules": {"tag": "a"}})", QStringLiteral("tag_rules") },
    };
    for (const auto &[body, expected] : bad) {
        r = call("PUT", QStringLiteral("/settings"), body, QStringLiteral("lead"));
        QCOMPARE(r.status, 400);
        QCOMPARE(field(r), expected);
    }
    const QJsonObject again = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                           QStringLiteral("consultation"));
    QCOMPARE(again.value(QStringLiteral("tags")).toArray().size(), 3); // vip ssh login
}

void TestServerApi::settingsAndReports()
{
    // The month of the report is the clock's: fixed, so the tickets made here are in it.
    stopMainServer();
    QVERIFY(startMainServer({ QStringLiteral("--fixed-clock"),
                              QStringLiteral("2026-04-15T04:00:00Z") }));
    // Two flagship tickets answered at once, by accepting and by replying: in time.
    for (const bool accept : { true, false }) {
        const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                           QStringLiteral("business-down"));
        const QString id = t.value(QStringLiteral("id")).toString();
        const Reply answered = ops({ accept
                ? op(QStringLiteral("set-status"), id, 1,
                     { { QStringLiteral("status"), QStringLiteral("accepted") } })
                : op(QStringLiteral("reply"), id, 1,
                     { { QStringLiteral("message_id"), uuid() },
                       { QStringLiteral("body"), QStringLiteral("On it") } }) });
        QCOMPARE(result(answered).value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
    }
    // Eleven partner tickets, the last over the Standard edition's ten.
    for (int i = 0; i < 11; ++i) {
        QJsonObject extra { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } };
        if (i == 10)
            extra.insert(QStringLiteral("quota_override_reason"), QStringLiteral("Outage"));
        QVERIFY(!createTicket(QStringLiteral("pstd"), QStringLiteral("ticket"),
                              QStringLiteral("consultation"), extra)
                         .isEmpty());
    }
    Reply r = call("PUT", QStringLiteral("/settings"), "{\"at_risk_fraction\": 0.3}",
                   QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    const qint64 seq = qint64(r.body.value(QStringLiteral("settings"))
                                  .toObject()
                                  .value(QStringLiteral("seq"))
                                  .toDouble());
    r = call("GET", QStringLiteral("/changes?after=%1").arg(seq - 1));
    const QJsonObject first = r.body.value(QStringLiteral("changes")).toArray().at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("settings"));
    QCOMPARE(first.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("at_risk_fraction"))
                 .toDouble(),
             0.3);
    QCOMPARE(first.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("notify_before_breach_minutes"))
                 .toInt(),
             5);

    r = call("GET", QStringLiteral("/reports/attainment?from=2020-01-01&to=2026-04-16"), {},
             QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    // The ticket answered by accepting or replying right away counts as in time.
    QVERIFY(
        r.body.value(QStringLiteral("overall")).toObject().value(QStringLiteral("in_time")).toInt()
        >= 2);
    bool cell = false;
    for (const QJsonValue &c : r.body.value(QStringLiteral("cells")).toArray())
        cell = cell
            || (c.toObject().value(QStringLiteral("edition_id")).toString() == u"s1-flagship");
    QVERIFY(cell);
    // A customer's service report: the partner Enterprise's, the one edition whose plan
    // includes service reports.
    for (const char *severity : { "business-down", "consultation", "consultation" })
        QVERIFY(!createTicket(QStringLiteral("pent"), QStringLiteral("ticket"),
                              QLatin1String(severity),
                              { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } })
                         .isEmpty());
    r = call("GET", QStringLiteral("/reports/customer/pent?month=2026-04"), {},
             QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("tickets")).toInt(), 3);
    QCOMPARE(r.body.value(QStringLiteral("by_severity"))
                     .toObject()
                     .value(QStringLiteral("consultation"))
                     .toInt(),
             2);
    QCOMPARE(r.body.value(QStringLiteral("over_quota")).toArray().size(), 0); // unlimited
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/nobody?month=2026-01"), {},
                  QStringLiteral("lead"))
                 .status,
             404);
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/pent?month=2026-13"), {},
                  QStringLiteral("lead"))
                 .status,
             400);
}

// GET /reports/customer/{id} answers only for a customer whose edition includes service
// reports (the catalog's entitlement, as the desk offers them): any other is a plan rule's
// refusal, 422 not-entitled with the edition and the entitlement, worded in English.
void TestServerApi::customerReportNeedsTheEntitlement()
{
    for (const auto &[customer, edition] :
         { std::pair { "pstd", "standard" }, std::pair { "s1", "s1-flagship" },
           std::pair { "s4", "s4-basic" } }) {
        const Reply r = call("GET",
                             QStringLiteral("/reports/customer/%1?month=2026-04")
                                     .arg(QLatin1String(customer)),
                             {}, QStringLiteral("lead"));
        QCOMPARE(r.status, 422);
        const QJsonObject error = r.body.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not-entitled"));
        QCOMPARE(error.value(QStringLiteral("args")).toArray(),
                 (QJsonArray { QLatin1String(edition), QStringLiteral("service-reports") }));
        // Named as the plan names the entitlement where its catalog has it (the partner's).
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 customer == std::string_view("pstd")
                         ? QStringLiteral("Standard does not include Service reports.")
                         : QStringLiteral("%1 does not include this service.")
                                   .arg(customer == std::string_view("s1")
                                                ? QStringLiteral("Flagship")
                                                : QStringLiteral("Basic")));
    }
    // The role is checked first: an agent is refused whoever the customer is.
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/pstd?month=2026-04")).status, 403);
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/pent?month=2026-04"), {},
                  QStringLiteral("lead"))
                     .status,
             200);
}

void TestServerApi::webSocketHintAfterChange()
{
    // A wrong token never gets a socket.
    {
        QWebSocket bad;
        QSignalSpy errors(&bad, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
        QSignalSpy connected(&bad, &QWebSocket::connected);
        bad.open(streamRequest(QStringLiteral("wrong")));
        QVERIFY(errors.wait(5000) || !connected.isEmpty());
        QVERIFY(connected.isEmpty());
    }
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy hints(&socket, &QWebSocket::textMessageReceived);
    socket.open(streamRequest(m_tokens.value(QStringLiteral("agent"))));
    QVERIFY(connected.wait(5000));
    const auto hintSeq = [&hints](qsizetype i) {
        const QJsonObject hint
            = QJsonDocument::fromJson(hints.at(i).at(0).toString().toUtf8()).object();
        return hint.value(QStringLiteral("type")).toString() == u"changed"
            ? qint64(hint.value(QStringLiteral("seq")).toDouble())
            : -1;
    };
    const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                       QStringLiteral("business-down"));
    const qint64 seq = qint64(t.value(QStringLiteral("seq")).toDouble());
    QVERIFY(seq > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!hints.isEmpty(), 5000);
    // The first message on the socket is the change's hint: nothing came before it (anything
    // sent earlier would be ahead of it on the one connection, with a smaller seq).
    QVERIFY(hintSeq(0) >= seq);
    // A read does not hint: the next hint after a read is the next write's.
    const qsizetype count = hints.size();
    call("GET", QStringLiteral("/changes?after=0&limit=1"));
    const QJsonObject u = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                       QStringLiteral("consultation"));
    QTRY_VERIFY_WITH_TIMEOUT(hints.size() > count, 5000);
    QVERIFY(hintSeq(count) >= qint64(u.value(QStringLiteral("seq")).toDouble()));
    socket.close();
}

void TestServerApi::webSocketFramesOnTheWire()
{
    // The stream as the bytes on its TCP connection (RFC 6455), which the server frames itself.
    const auto handshake = [this](QTcpSocket &s, const QByteArray &version) {
        s.connectToHost(QHostAddress::LocalHost, m_port);
        if (!s.waitForConnected(5000))
            return QByteArray();
        s.write("GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                "Sec-WebSocket-Version: " + version + "\r\nAuthorization: Bearer "
                + m_tokens.value(QStringLiteral("agent")).toUtf8() + "\r\n\r\n");
        QByteArray head;
        while (!head.contains("\r\n\r\n") && s.waitForReadyRead(5000))
            head += s.readAll();
        return head;
    };
    // A masked client frame (the mask is any four bytes).
    const auto masked = [](quint8 first, const QByteArray &payload) {
        const QByteArray key = QByteArrayLiteral("\x11\x22\x33\x44");
        QByteArray out;
        out += char(first);
        out += char(0x80 | payload.size());
        out += key;
        for (qsizetype i = 0; i < payload.size(); ++i)
            out += char(payload.at(i) ^ key.at(i % 4));
        return out;
    };
    const auto readBytes = [](QTcpSocket &s, qsizetype n) {
        QByteArray got;
        while (got.size() < n && (s.bytesAvailable() || s.waitForReadyRead(5000)))
            got += s.read(n - got.size());
        return got;
    };
    {
        QTcpSocket old;
        const QByteArray head = handshake(old, "8");
        QVERIFY2(head.startsWith("HTTP/1.1 426 "), head.constData());
        QVERIFY2(head.contains("\r\nSec-WebSocket-Version: 13\r\n"), head.constData());
    }
    QTcpSocket s;
    QByteArray head = handshake(s, "13");
    QVERIFY2(head.startsWith("HTTP/1.1 101 "), head.constData());
    // RFC 6455 §1.3's key and its answer.
    QVERIFY2(head.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"),
             head.constData());
    QCOMPARE(head.indexOf("\r\n\r\n") + 4, head.size()); // nothing sent after it yet
    // A ping gets a pong with its payload, unmasked.
    s.write(masked(0x89, "are you there"));
    QCOMPARE(readBytes(s, 15), QByteArray("\x8a\x0d" "are you there"));
    // A commit: one text frame, unmasked, of the hint.
    const qint64 seq = qint64(createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                           QStringLiteral("consultation"))
                                  .value(QStringLiteral("seq"))
                                  .toDouble());
    const QByteArray hintHead = readBytes(s, 2);
    QCOMPARE(hintHead.size(), 2);
    QCOMPARE(quint8(hintHead.at(0)), quint8(0x81));
    QVERIFY(quint8(hintHead.at(1)) < 126); // unmasked, short
    const QJsonObject hint = QJsonDocument::fromJson(readBytes(s, hintHead.at(1))).object();
    QCOMPARE(hint.value(QStringLiteral("type")).toString(), QStringLiteral("changed"));
    QVERIFY(qint64(hint.value(QStringLiteral("seq")).toDouble()) >= seq);
    // A close is echoed with its code, and the server closes the connection.
    s.write(masked(0x88, QByteArray::fromHex("03e8")));
    QCOMPARE(readBytes(s, 4), QByteArray::fromHex("880203e8"));
    QVERIFY(s.state() == QAbstractSocket::UnconnectedState || s.waitForDisconnected(5000));

    // A frame a client must mask, unmasked: closed with 1002 (protocol error).
    QTcpSocket rude;
    head = handshake(rude, "13");
    QVERIFY2(head.startsWith("HTTP/1.1 101 "), head.constData());
    rude.write(QByteArray::fromHex("810548656c6c6f"));
    QCOMPARE(readBytes(rude, 4), QByteArray::fromHex("880203ea"));
    QVERIFY(rude.state() == QAbstractSocket::UnconnectedState || rude.waitForDisconnected(5000));
}

void TestServerApi::hintsReachEveryClientInOrder()
{
    // More clients than one slice of the fan-out (256), a third of them gone mid-way: every
    // client left gets the same hints, in order, up to the last commit.
    constexpr int Clients = 600;
    struct Stream
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray bytes;
        bool open = false;
        QList<qint64> seqs;
    };
    std::vector<Stream> streams(Clients);
    const QByteArray request
        = "GET /api/v1/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer "
        + m_tokens.value(QStringLiteral("agent")).toUtf8() + "\r\n\r\n";
    const auto readFrames = [](Stream &s) {
        s.bytes += s.socket->readAll();
        if (!s.open) {
            const qsizetype end = s.bytes.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            s.open = s.bytes.startsWith("HTTP/1.1 101 ");
            s.bytes.remove(0, end + 4);
        }
        // The server's frames: unmasked, and a hint is short (7-bit length).
        while (s.bytes.size() >= 2 && s.bytes.size() >= 2 + quint8(s.bytes.at(1))) {
            const qsizetype n = quint8(s.bytes.at(1));
            if (quint8(s.bytes.at(0)) == 0x81)
                s.seqs.append(qint64(QJsonDocument::fromJson(s.bytes.mid(2, n))
                                         .object()
                                         .value(QStringLiteral("seq"))
                                         .toDouble()));
            s.bytes.remove(0, 2 + n);
        }
    };
    for (Stream &s : streams) {
        s.socket = std::make_unique<QTcpSocket>();
        connect(s.socket.get(), &QTcpSocket::readyRead, this, [&s, &readFrames] { readFrames(s); });
        connect(s.socket.get(), &QTcpSocket::connected, this,
                [&s, &request] { s.socket->write(request); });
        s.socket->connectToHost(QHostAddress::LocalHost, m_port);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(streams.cbegin(), streams.cend(),
                                         [](const Stream &s) { return s.open; }),
                             20000);
    // A hint held back from earlier writes may have reached only those open at the time: the
    // comparison starts after the feed's head as it is now, with every client open.
    const qint64 head = qint64(callRoot("GET", QStringLiteral("/healthz"))
                                   .body.value(QStringLiteral("seq"))
                                   .toDouble());
    QVERIFY(head > 0);
    const auto everyOpenHeard = [&streams](qint64 seq) {
        return std::all_of(streams.cbegin(), streams.cend(), [seq](const Stream &s) {
            return !s.socket->isOpen() || (!s.seqs.isEmpty() && s.seqs.last() >= seq);
        });
    };
    qint64 last = 0;
    for (int round = 0; round < 3; ++round) {
        last = qint64(createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                   QStringLiteral("consultation"))
                          .value(QStringLiteral("seq"))
                          .toDouble());
        if (round == 1) { // gone while the hint may be under way
            for (int i = 0; i < Clients; i += 3)
                streams.at(size_t(i)).socket->abort();
        }
        QTRY_VERIFY_WITH_TIMEOUT(everyOpenHeard(last), 10000);
    }
    // One more commit, the marker: a client's hints come in order on its one connection, so
    // once every client left heard the marker's, every hint sent before it has landed. Every
    // client left heard the same, in order, up to it.
    last = qint64(createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                               QStringLiteral("consultation"))
                      .value(QStringLiteral("seq"))
                      .toDouble());
    QTRY_VERIFY_WITH_TIMEOUT(everyOpenHeard(last), 10000);
    const auto after = [head](const QList<qint64> &seqs) {
        QList<qint64> out;
        std::copy_if(seqs.cbegin(), seqs.cend(), std::back_inserter(out),
                     [head](qint64 seq) { return seq > head; });
        return out;
    };
    const QList<qint64> first = after(streams.at(1).seqs);
    QVERIFY(!first.isEmpty());
    QVERIFY(first.last() >= last);
    QVERIFY(std::is_sorted(first.cbegin(), first.cend()));
    for (int i = 0; i < Clients; ++i) {
        if (i % 3 == 0)
            continue;
        QCOMPARE(after(streams.at(size_t(i)).seqs), first);
    }
}

void TestServerApi::healthzAndMetrics()
{
    // /healthz: no token, 200 while the database answers, with the feed's last seq.
    const Reply health = callRoot("GET", QStringLiteral("/healthz"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
    QVERIFY(health.body.value(QStringLiteral("seq")).toDouble() > 0);
    QCOMPARE(callRoot("POST", QStringLiteral("/healthz")).status, 405);
    QCOMPARE(callRoot("POST", QStringLiteral("/metrics")).status, 405);

    const QHash<QString, double> before = scrape();
    QVERIFY(!before.isEmpty());
    const QString me = QStringLiteral(
        "supportdesk_http_requests_total{route=\"/api/v1/me\",method=\"GET\",status=\"200\"}");
    const QString meCount
        = QStringLiteral("supportdesk_http_request_duration_seconds_count{route=\"/api/v1/me\"}");
    const QString applied = QStringLiteral("supportdesk_ops_total{result=\"applied\"}");
    const QString duplicate = QStringLiteral("supportdesk_ops_total{result=\"duplicate\"}");
    const QString other = QStringLiteral(
        "supportdesk_http_requests_total{route=\"other\",method=\"GET\",status=\"404\"}");

    // Two /me, an op applied and then replayed, one refused, a path that is no route (counted
    // as "other", not as a series of its own), and a WebSocket client.
    QCOMPARE(call("GET", QStringLiteral("/me")).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/me")).status, 200);
    QJsonObject create = op(QStringLiteral("create-ticket"), uuid(), 0,
                            { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                              { QStringLiteral("subject"), QStringLiteral("metrics") },
                              { QStringLiteral("body"), QStringLiteral("counted") },
                              { QStringLiteral("channel"), QStringLiteral("ticket") },
                              { QStringLiteral("severity"), QStringLiteral("consultation") } });
    QCOMPARE(result(ops({ create })).value(QStringLiteral("result")).toString(),
             QStringLiteral("applied"));
    QCOMPARE(result(ops({ create })).value(QStringLiteral("result")).toString(),
             QStringLiteral("duplicate"));
    const QJsonObject refused = result(ops({ op(QStringLiteral("reply"), uuid(), 1,
                                                { { QStringLiteral("message_id"), uuid() },
                                                  { QStringLiteral("body"), QStringLiteral("x") },
                                                  { QStringLiteral("public"), true } }) }));
    QVERIFY2(refused.value(QStringLiteral("result")).toString() != u"applied",
             qPrintable(QJsonDocument(refused).toJson()));
    const QString refusedSeries = QStringLiteral("supportdesk_ops_total{result=\"%1\"}")
                                      .arg(refused.value(QStringLiteral("result")).toString());
    QCOMPARE(callRoot("GET", QStringLiteral("/no/such/thing-%1").arg(uuid())).status, 404);
    // The streams of the functions before are gone first (rule 1, as tst_tls_e2e since
    // 58b12aa): a client's end reaches the server after the client is gone, and one counted
    // with this stream and not after it made the count fall by two, never to the one expected.
    const QString streams = QStringLiteral("supportdesk_websocket_clients");
    QTRY_COMPARE_WITH_TIMEOUT(scrape().value(streams), 0.0, 20000);
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(streamRequest(m_tokens.value(QStringLiteral("agent"))));
    QVERIFY(connected.wait(5000));

    QHash<QString, double> after;
    QTRY_VERIFY_WITH_TIMEOUT((after = scrape()).value(streams) == 1, 5000);
    QCOMPARE(after.value(me) - before.value(me), 2.0);
    QCOMPARE(after.value(meCount) - before.value(meCount), 2.0);
    QCOMPARE(after.value(applied) - before.value(applied), 1.0);
    QCOMPARE(after.value(duplicate) - before.value(duplicate), 1.0);
    QCOMPARE(after.value(refusedSeries) - before.value(refusedSeries), 1.0);
    QCOMPARE(after.value(other) - before.value(other), 1.0);
    QCOMPARE(after.value(QStringLiteral("supportdesk_db_connections{role=\"writer\"}")), 1.0);
    QCOMPARE(after.value(QStringLiteral("supportdesk_db_connections{role=\"reader\"}")), 2.0);
    QVERIFY(after.contains(QStringLiteral("supportdesk_db_errors_total")));
    QVERIFY(after.contains(QStringLiteral("supportdesk_db_queued_writes")));
    QVERIFY(after.contains(QStringLiteral("supportdesk_http_requests_in_flight")));
    // The histogram: cumulative buckets, the last (+Inf) equal to the count.
    double previous = 0;
    for (const char *le : { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5",
                            "10", "+Inf" }) {
        const QString bucket = QStringLiteral("supportdesk_http_request_duration_seconds_bucket{"
                                              "route=\"/api/v1/me\",le=\"%1\"}")
                                   .arg(QLatin1String(le));
        QVERIFY2(after.contains(bucket), qPrintable(bucket));
        QVERIFY(after.value(bucket) >= previous);
        previous = after.value(bucket);
    }
    QCOMPARE(previous, after.value(meCount));
    socket.close();
    QTRY_COMPARE_WITH_TIMEOUT(scrape().value(streams), 0.0, 20000);
}

void TestServerApi::logLinesFitJournald()
{
    // Under systemd, stderr goes to the journal: each event is one line with its syslog
    // priority in front, even when the message itself (here a path) holds a line break.
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("JOURNAL_STREAM"), QStringLiteral("8:12345"));
    p.setProcessEnvironment(env);
    const QString db = m_dir.filePath(QStringLiteral("no\nsuch/dir/x.db"));
    p.start(QStringLiteral(SUPPORTDESK_SERVER),
            { QStringLiteral("--db"), db, QStringLiteral("agent"), QStringLiteral("list") });
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    QCOMPARE(err.count('\n'), 1);
    QVERIFY2(err.startsWith("<3>"), err.constData());
    QVERIFY2(err.contains("no\\nsuch"), err.constData());
    // Without the journal, a line names the program and the level instead.
    p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    p.start(QStringLiteral(SUPPORTDESK_SERVER),
            { QStringLiteral("--db"), db, QStringLiteral("agent"), QStringLiteral("list") });
    QVERIFY(p.waitForFinished(30000));
    const QByteArray plain = p.readAllStandardError();
    QCOMPARE(plain.count('\n'), 1);
    QVERIFY2(plain.startsWith("supportdesk-server: error: "), plain.constData());
}

void TestServerApi::backupDuringWritesAndRestore()
{
    if (qEnvironmentVariable("SUPPORTDESK_TEST_STORE") == u"postgresql")
        QSKIP("backup and restore are for SQLite; PostgreSQL has pg_dump (docs/server.md)");
    for (const char *severity : { "business-down", "consultation" })
        createTicket(QStringLiteral("s3"), QStringLiteral("ticket"), QLatin1String(severity));
    const QHash<QString, qint64> before = servedTickets(m_port);
    QVERIFY(before.size() >= 2);
    // A file attached before the backup: its bytes live beside the store, not in it.
    const QByteArray fileBytes = QByteArrayLiteral("kernel: eth0 link down\n").repeated(50);
    const Reply upload = call("POST",
                              QStringLiteral("/tickets/%1/attachments?name=messages.log")
                                  .arg(before.cbegin().key()),
                              fileBytes);
    QCOMPARE(upload.status, 201);
    const QString fileId = upload.body.value(QStringLiteral("attachment"))
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
    const QString filePath
        = QStringLiteral("/tickets/%1/attachments/%2").arg(before.cbegin().key(), fileId);

    // Agents keep writing while the backup runs: 40 create-tickets queued before it starts,
    // and more sent until it ends (each answer sends the next while it runs, 8 under way).
    int pending = 0;
    int applied = 0;
    bool backupRunning = false;
    std::function<void()> post;
    post = [&] {
        const QJsonObject create
            = op(QStringLiteral("create-ticket"), uuid(), 0,
                 { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                   { QStringLiteral("subject"), QStringLiteral("written during the backup") },
                   { QStringLiteral("body"), QStringLiteral("-") },
                   { QStringLiteral("channel"), QStringLiteral("ticket") },
                   { QStringLiteral("severity"), QStringLiteral("consultation") } });
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/ops").arg(m_port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization",
                             "Bearer " + m_tokens.value(QStringLiteral("agent")).toUtf8());
        QNetworkReply *reply = m_net.post(
            request,
            QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { create } } })
                .toJson());
        ++pending;
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            --pending;
            if (reply->readAll().contains("\"applied\""))
                ++applied;
            reply->deleteLater();
            while (backupRunning && pending < 8)
                post();
        });
    };
    for (int i = 0; i < 40; ++i)
        post();
    const QString backupFile = m_dir.filePath(QStringLiteral("backup-1.db"));
    QProcess backup;
    backup.setProcessChannelMode(QProcess::MergedChannels);
    backup.start(QStringLiteral(SUPPORTDESK_SERVER),
                 { QStringLiteral("--db"), m_db, QStringLiteral("backup"), backupFile });
    QSignalSpy backupFinished(&backup, &QProcess::finished);
    backupRunning = true;
    QVERIFY(backup.waitForStarted());
    while (pending < 8) // the 40 may all be answered already
        post();
    QVERIFY(backupFinished.wait(60000));
    backupRunning = false;
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 20000);
    const QByteArray backupLog = backup.readAll();
    QVERIFY2(backup.exitCode() == 0, backupLog.constData());
    QVERIFY(applied >= 40);
    const QHash<QString, qint64> live = servedTickets(m_port);

    // Restored into a new store, served by a second server: every ticket from before the
    // backup, only tickets the live server has, each at a version the live one reached, and
    // exactly the tickets in the backup file (a copy of one moment: checked by the command).
    const QString restoredDb = m_dir.filePath(QStringLiteral("restored.db"));
    QString out
        = runServer({ QStringLiteral("--db"), restoredDb, QStringLiteral("restore"), backupFile });
    QVERIFY2(out.contains(u"restored"), qPrintable(out));
    ServerProcess second;
    quint16 port = startServer(&second, restoredDb);
    QVERIFY(port);
    const QHash<QString, qint64> restored = servedTickets(port);
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QVERIFY2(restored.value(it.key()) >= it.value(), qPrintable(it.key()));
    for (auto it = restored.cbegin(); it != restored.cend(); ++it)
        QVERIFY2(live.contains(it.key()) && live.value(it.key()) >= it.value(),
                 qPrintable(it.key()));
    QVERIFY2(backupLog.contains(QStringLiteral(" %1 tickets").arg(restored.size()).toUtf8()),
             backupLog.constData());
    QVERIFY2(backupLog.contains(", 1 attachment files"), backupLog.constData());
    QVERIFY2(out.contains(u", 1 attachment files added"), qPrintable(out));
    // The restored store serves the file's bytes (the backup alone held them).
    {
        const quint16 own = m_port;
        m_port = port;
        const Reply file = call("GET", filePath);
        m_port = own;
        QCOMPARE(file.status, 200);
        QCOMPARE(file.raw, fileBytes);
    }
    qInfo("backup during writes: %lld tickets before, %lld in the backup, %lld after",
          qint64(before.size()), qint64(restored.size()), qint64(live.size()));

    // A store in use is not replaced, and neither store is touched.
    out = runServer({ QStringLiteral("--db"), restoredDb, QStringLiteral("restore"), backupFile });
    QVERIFY2(out.contains(u"in use"), qPrintable(out));
    QCOMPARE(servedTickets(port), restored);
    second.terminate();
    QCOMPARE(second.process.state(), QProcess::NotRunning);

    // What is not a sound desk database is refused, and no store is made.
    QFile junk(m_dir.filePath(QStringLiteral("junk.db")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray("SQLite format 3\0", 16) + QByteArray(4096, 'x'));
    junk.close();
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.db"));
    int code = 0;
    out = runServer({ QStringLiteral("--db"), fresh, QStringLiteral("restore"), junk.fileName() },
                    &code);
    QCOMPARE(code, 1);
    QVERIFY(out.contains(u"restore refused"));
    QVERIFY(!QFileInfo::exists(fresh));
    out = runServer({ QStringLiteral("--db"), fresh, QStringLiteral("restore"),
                      m_dir.filePath(QStringLiteral("customers.json")) },
                    &code);
    QCOMPARE(code, 1);
    QVERIFY(!QFileInfo::exists(fresh));
    // A backup whose files were left behind is refused: its tickets would name lost bytes.
    QVERIFY(QDir().rename(backupFile + QStringLiteral(".attachments"),
                          m_dir.filePath(QStringLiteral("moved.attachments"))));
    out = runServer({ QStringLiteral("--db"), fresh, QStringLiteral("restore"), backupFile },
                    &code);
    QCOMPARE(code, 1);
    QVERIFY2(out.contains(u"in neither"), qPrintable(out));
    QVERIFY(!QFileInfo::exists(fresh));
    QVERIFY(QDir().rename(m_dir.filePath(QStringLiteral("moved.attachments")),
                          backupFile + QStringLiteral(".attachments")));
    // A backup never writes over files already there.
    out = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("backup"), fresh }, &code);
    QCOMPARE(code, 0);
    QVERIFY(QFile::remove(fresh));
    out = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("backup"), fresh }, &code);
    QCOMPARE(code, 1);
    QVERIFY2(out.contains(u"never overwrites"), qPrintable(out));
    QVERIFY(!QFileInfo::exists(fresh));
    QVERIFY(QDir(fresh + QStringLiteral(".attachments")).removeRecursively());

    // With the writes over: a backup restored over the (stopped) second store serves exactly
    // the live server's tickets, and that store's sequence does not go back.
    const QString backupFile2 = m_dir.filePath(QStringLiteral("backup-2.db"));
    out = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("backup"), backupFile2 }, &code);
    QVERIFY2(code == 0, qPrintable(out));
    out = runServer({ QStringLiteral("--db"), restoredDb, QStringLiteral("restore"), backupFile2 },
                    &code);
    QVERIFY2(code == 0 && out.contains(u"kept as"), qPrintable(out));
    port = startServer(&second, restoredDb);
    QVERIFY(port);
    QCOMPARE(servedTickets(port), servedTickets(m_port));
    const auto seqOn = [this](quint16 on) {
        const quint16 own = m_port;
        m_port = on;
        const Reply health = callRoot("GET", QStringLiteral("/healthz"));
        const qint64 seq = qint64(health.body.value(QStringLiteral("seq")).toDouble());
        m_port = own;
        return seq;
    };
    const qint64 newest = seqOn(port);
    second.terminate();
    QCOMPARE(second.process.state(), QProcess::NotRunning);

    // The older backup restored over it: clients have seen seqs up to `newest`, so what is
    // written next is stamped past it, never with a seq they would skip.
    out = runServer({ QStringLiteral("--db"), restoredDb, QStringLiteral("restore"), backupFile },
                    &code);
    QVERIFY2(code == 0, qPrintable(out));
    port = startServer(&second, restoredDb);
    QVERIFY(port);
    QVERIFY(seqOn(port) < newest);
    const quint16 own = m_port;
    m_port = port;
    const QJsonObject t = createTicket(QStringLiteral("s1"), QStringLiteral("ticket"),
                                       QStringLiteral("consultation"));
    m_port = own;
    QVERIFY2(qint64(t.value(QStringLiteral("seq")).toDouble()) > newest,
             qPrintable(QJsonDocument(t).toJson()));
    second.terminate();
    QCOMPARE(second.process.state(), QProcess::NotRunning);
}

void TestServerApi::responsesMatchOpenApi()
{
    // The responses of the tests that call each route (success and error) against
    // docs/openapi.yaml: the document stays true. They run here again, on this function's
    // own database, so the check does not depend on which tests ran before it.
    m_samples = {};
    unknownRouteIs404();
    authIsRequired();
    rolesAreEnforced();
    meAndCatalog();
    malformedBodiesAre400WithField();
    createTicketSetsDeadlineFromCatalog();
    replayedOpIdAppliesOnce();
    staleBaseVersionIsConflict();
    channelRule();
    subClientRule();
    reclassifyRule();
    otherRefusals();
    changeFeedPages();
    quotaRule();
    settingsAndReports(); // last: it makes tickets of its own
    QVERIFY2(m_samples.size() > 100, qPrintable(QString::number(m_samples.size())));
    const QString mismatches = openApiMismatches(m_samples, m_dir.path());
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches));
}

void TestServerApi::newerSchemaIsRefused()
{
    // A database written by a newer server: refused with a clear error, not half-read.
    const QString path = m_dir.filePath(QStringLiteral("newer.db"));
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    int code = 0;
    const QString out
        = runServer({ QStringLiteral("migrate"), QStringLiteral("--db"), path }, &code);
    QCOMPARE(code, 1);
    QVERIFY2(out.contains(QStringLiteral("schema version 99")), qPrintable(out));
    // And a fresh file is brought to the current version.
    code = -1;
    runServer({ QStringLiteral("migrate"), QStringLiteral("--db"),
                m_dir.filePath(QStringLiteral("fresh.db")) },
              &code);
    QCOMPARE(code, 0);
}

void TestServerApi::sigtermExitsCleanly()
{
    // Every request sent whole before SIGTERM is answered: those under way, those buffered
    // and not parsed yet, and those on connections the kernel accepted and the server had not
    // taken in yet; then the process exits 0.
    QList<QByteArray> requests;
    const QString agent = m_tokens.value(QStringLiteral("agent"));
    for (int i = 0; i < 60; ++i) {
        if (i % 3 == 0)
            requests.append(rawRequest(
                "POST", "/api/v1/ops", agent,
                QJsonDocument(
                    QJsonObject { { QStringLiteral("ops"),
                                    QJsonArray { op(QStringLiteral("accept"), uuid(), 1) } } })
                    .toJson()));
        else
            requests.append(rawRequest(
                "GET", i % 3 == 1 ? "/api/v1/me" : "/api/v1/changes?limit=50", agent));
    }
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < requests.size(); ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, m_port);
    }
    for (int i = 0; i < requests.size(); ++i) {
        QVERIFY(sockets[i]->waitForConnected(5000));
        sockets[i]->write(requests.at(i));
        QVERIFY(sockets[i]->waitForBytesWritten(5000)); // whole, in the server's kernel buffer
    }
    // A keep-alive connection with two whole requests and the start of a third.
    QTcpSocket pipelined;
    pipelined.connectToHost(QHostAddress::LocalHost, m_port);
    QVERIFY(pipelined.waitForConnected(5000));
    pipelined.write(rawRequest("GET", "/api/v1/me", agent) + rawRequest("GET", "/api/v1/me", agent)
                    + "GET /api/v1/me HTTP/1.1\r\n");
    QVERIFY(pipelined.waitForBytesWritten(5000));
    ::kill(pid_t(m_server.process.processId()), SIGTERM);
    QList<QByteArray> buffers(requests.size());
    QByteArray pipelinedBytes;
    QList<QPair<int, QByteArray>> answers(requests.size(), { 0, {} });
    std::vector<QTcpSocket *> watched { &pipelined };
    for (const auto &s : sockets)
        watched.push_back(s.get());
    // Done when each request has its answer or its connection closed, and the pipelined
    // connection closed (what it was sent is checked below).
    waitOnSockets(
        watched,
        [&] {
            const bool answered = readAnswers(sockets, &answers, &buffers);
            pipelinedBytes += pipelined.readAll();
            return answered && pipelined.state() != QAbstractSocket::ConnectedState;
        },
        20000);
    int unanswered = 0;
    for (int i = 0; i < requests.size(); ++i) {
        if (answers[i].first != 200) {
            ++unanswered;
            qWarning("request %d: %d %s", i, answers[i].first, buffers[i].left(200).constData());
        }
    }
    QCOMPARE(unanswered, 0);
    // Both whole requests answered, the half one not waited for: the connection closed.
    QCOMPARE(pipelinedBytes.count("HTTP/1.1 200 OK"), 2);
    QCOMPARE(pipelined.state(), QAbstractSocket::UnconnectedState);
    QTRY_COMPARE_WITH_TIMEOUT(m_server.process.state(), QProcess::NotRunning, 10000);
    QCOMPARE(m_server.process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_server.process.exitCode(), 0);
    QVERIFY(m_server.process.readAll().contains("stopped"));
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
