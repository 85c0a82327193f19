// The console's intake and the customer's side of a ticket, against the real supportdesk-server
// process on a free loopback port (SQLite): service accounts and what they may see, and the
// attachments of tickets.
#include "domain.h"
#include "groupreceiver.h"
#include "serverfixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

struct Reply
{
    int status = 0;
    QJsonObject body;
    QByteArray raw;
    QHash<QByteArray, QByteArray> headers; // names in lower case
};

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// One op of the desk's POST /ops on ticket `id`, under a fresh op id.
QJsonObject ticketOp(const QString &id, const char *type, qint64 base, const QJsonObject &payload)
{
    return { { QStringLiteral("op_id"), uuid() },
             { QStringLiteral("type"), QLatin1String(type) },
             { QStringLiteral("ticket_id"), id },
             { QStringLiteral("base_version"), base },
             { QStringLiteral("payload"), payload } };
}

QString errorCode(const Reply &r)
{
    return r.body.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString errorField(const Reply &r)
{
    return r.body.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("field"))
        .toString();
}

} // namespace

class TestIntake : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void serviceAccountUsesIntakeRoutesOnly();
    void intakeFilesTicketsUnderThePlanRules();
    void intakeRefusesMalformedBodies();
    void consoleReadsThePublicConversationOnly();
    void consoleSeesWhoWroteEachMessage();
    void attachmentsAreSniffedNamedAndKeptByHash();
    void attachmentLimitsAndHostileInput();
    void attachmentsAreCheckedLikeTheirTicket();
    void notesFilesStayInTheDesk();
    void imWebhookIsSignedAndFresh();
    void imGroupWithoutEntitlementIsRefused();
    void imRepliesArePostedBackOnceWithRetry();
    void replyRouteIsTheServers();
    void responsesMatchOpenApi();

private:
    QString runServer(const QStringList &args, int *exitCode = nullptr);
    // The file's server (re)started on the database, with `extraArgs`; m_port its port.
    bool restartServer(const QStringList &extraArgs = {});
    QString addAgent(const QString &id, const QString &role, const QStringList &extra = {});
    Reply call(const QByteArray &method, const QString &path, const QByteArray &body,
               const QString &token);
    Reply intake(const QJsonObject &body, const QString &token = QStringLiteral("console"));
    QJsonObject intakeBody(const QString &customer, const QString &channel,
                           const QJsonObject &extra = {});
    Reply ops(const QJsonArray &list, const QString &token = QStringLiteral("agent"));
    // An upload: `query` after `?` as sent (name=…&id=…), with a Content-Type the client declares.
    Reply upload(const QString &ticketId, const QByteArray &query, const QByteArray &data,
                 const QString &token = QStringLiteral("agent"),
                 const QByteArray &declaredType = "application/octet-stream");
    QString newTicket(const QString &customer = QStringLiteral("s1"));

    QTemporaryDir m_dir;
    TestStore m_store;
    QString m_db; // an SQLite file, or a postgresql:// URL
    ServerProcess m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens;
    QNetworkAccessManager m_net;
    QJsonArray m_samples; // the responses seen, for responsesMatchOpenApi()
    QByteArray m_declaredType; // the Content-Type upload() declares
    GroupReceiver m_receiver;
    QHash<QString, QByteArray> m_groupSecrets; // group id → secret
    // A group's message, signed with `secret` at `at` (now when invalid).
    Reply imPost(const QString &group, const QJsonObject &message, QByteArray secret = {},
                 QDateTime at = {});
    QJsonObject imMessage(const QString &text)
    {
        return { { QStringLiteral("message_id"), uuid() },
                 { QStringLiteral("sender"), QStringLiteral("张伟") },
                 { QStringLiteral("text"), text } };
    }
};

QString TestIntake::runServer(const QStringList &args, int *exitCode)
{
    const CommandRun run = runServerCommand(args + QStringList { QStringLiteral("--db"), m_db });
    if (exitCode)
        *exitCode = run.exitCode;
    return run.output;
}

QString TestIntake::addAgent(const QString &id, const QString &role, const QStringList &extra)
{
    return SupportDesk::Testing::addAgent(m_db, id, role, extra);
}

void TestIntake::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString store = m_store.open(m_dir.path(), QStringLiteral("intake.db"));
    QVERIFY2(store.isEmpty(), qPrintable(store));
    m_db = m_store.db();
    const QString imported = importCustomers(m_dir.path(), m_db,
                                             { { "s1", "service-plan", "s1-flagship" },
                                               { "s4", "service-plan", "s4-basic" },
                                               { "pstd", "partner-plan", "standard", true },
                                               { "other", "service-plan", "s2-enterprise" },
                                               { "pent", "partner-plan", "enterprise", true } });
    QVERIFY2(imported.isEmpty(), qPrintable(imported));
    // A display name apart from the id: the console is told the one, never the other.
    m_tokens.insert(QStringLiteral("agent"),
                    addAgent(QStringLiteral("id-agent"), QStringLiteral("agent"),
                             { QStringLiteral("--name"), QStringLiteral("李娜 Li Na") }));
    m_tokens.insert(QStringLiteral("lead"),
                    addAgent(QStringLiteral("id-lead"), QStringLiteral("lead")));
    // The console files for three customers; another console only for "other".
    m_tokens.insert(QStringLiteral("console"),
                    addAgent(QStringLiteral("id-console"), QStringLiteral("service"),
                             { QStringLiteral("--customers"), QStringLiteral("s1,s4,pstd") }));
    m_tokens.insert(QStringLiteral("console2"),
                    addAgent(QStringLiteral("id-console2"), QStringLiteral("service")));
    int code = -1;
    const QString scoped = runServer({ QStringLiteral("agent"), QStringLiteral("customers"),
                                       QStringLiteral("--id"), QStringLiteral("id-console2"),
                                       QStringLiteral("--customers"), QStringLiteral("other") },
                                     &code);
    QVERIFY2(code == 0, qPrintable(scoped));
    for (const QString &t : std::as_const(m_tokens))
        QVERIFY(!t.isEmpty());
    // IM groups: a flagship customer's, a basic customer's (no IM in its plan), a partner's.
    QVERIFY(m_receiver.listen());
    const QString hook = QStringLiteral("http://127.0.0.1:%1/hook").arg(m_receiver.port());
    for (const auto &[group, customerId, subClient] :
         { std::tuple { "g-s1", "s1", "" }, std::tuple { "g-s4", "s4", "" },
           std::tuple { "g-pent", "pent", "sub-1" } }) {
        const QString added = runServer(
            { QStringLiteral("im"), QStringLiteral("add"), QStringLiteral("--id"),
              QLatin1String(group), QStringLiteral("--customer"), QLatin1String(customerId),
              QStringLiteral("--sub-client"), QLatin1String(subClient), QStringLiteral("--name"),
              QStringLiteral("群 %1").arg(QLatin1String(group)), QStringLiteral("--url"), hook },
            &code);
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("secret: (\\S+)")).match(added);
        QVERIFY2(code == 0 && m.hasMatch(), qPrintable(added));
        m_groupSecrets.insert(QLatin1String(group), m.captured(1).toUtf8());
    }

    QVERIFY(restartServer());
}

bool TestIntake::restartServer(const QStringList &extraArgs)
{
    m_server.terminate();
    if (!m_server.startListening(
                m_db, QStringList { QStringLiteral("--max-attachment"), QStringLiteral("65536") }
                        + extraArgs))
        return false;
    m_port = m_server.port;
    return true;
}

void TestIntake::cleanupTestCase()
{
    m_server.terminate();
    m_store.stop();
}

Reply TestIntake::call(const QByteArray &method, const QString &path, const QByteArray &body,
                       const QString &token)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1%2").arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString bearer = m_tokens.value(token, token);
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    if (method == "POST" && path.contains(u"/attachments"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_declaredType);
    QNetworkReply *reply = m_net.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    reply->deleteLater();
    // Kept for the contract check, under the route's documented template.
    QString route = path.section(u'?', 0, 0);
    static const QRegularExpression withId(
        QStringLiteral("\\A(/intake/tickets|/reports/customer|/tickets)/[^/]+"));
    static const QRegularExpression withAttachmentId(
        QStringLiteral("\\A(/tickets/\\{id\\}/attachments)/[^/]+\\z"));
    route.replace(withId, QStringLiteral("\\1/{id}"));
    route.replace(withAttachmentId, QStringLiteral("\\1/{attachment_id}"));
    if (r.status != 405 && !r.body.isEmpty())
        m_samples.append(QJsonObject { { QStringLiteral("method"), QString::fromLatin1(method) },
                                       { QStringLiteral("path"), route },
                                       { QStringLiteral("status"), r.status },
                                       { QStringLiteral("body"), r.body } });
    return r;
}

Reply TestIntake::intake(const QJsonObject &body, const QString &token)
{
    return call("POST", QStringLiteral("/intake/tickets"),
                QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QJsonObject TestIntake::intakeBody(const QString &customer, const QString &channel,
                                   const QJsonObject &extra)
{
    QJsonObject b { { QStringLiteral("ticket_id"), uuid() },
                    { QStringLiteral("customer_id"), customer },
                    { QStringLiteral("subject"), QStringLiteral("Nginx 502 after the upgrade") },
                    { QStringLiteral("body"), QStringLiteral("Since 10:00 every request fails.") },
                    { QStringLiteral("channel"), channel },
                    { QStringLiteral("severity"), QStringLiteral("business-degraded") } };
    for (auto it = extra.begin(); it != extra.end(); ++it)
        b.insert(it.key(), it.value());
    return b;
}

Reply TestIntake::ops(const QJsonArray &list, const QString &token)
{
    return call("POST", QStringLiteral("/ops"),
                QJsonDocument(QJsonObject { { QStringLiteral("ops"), list } })
                    .toJson(QJsonDocument::Compact),
                token);
}

Reply TestIntake::upload(const QString &ticketId, const QByteArray &query, const QByteArray &data,
                         const QString &token, const QByteArray &declaredType)
{
    m_declaredType = declaredType;
    return call("POST",
                QStringLiteral("/tickets/%1/attachments?%2").arg(ticketId, QLatin1String(query)),
                data, token);
}

QString TestIntake::newTicket(const QString &customer)
{
    const QJsonObject body = intakeBody(customer, QStringLiteral("ticket"));
    const Reply r = intake(
        body, customer == u"other" ? QStringLiteral("console2") : QStringLiteral("console"));
    return r.status == 201 ? body.value(QStringLiteral("ticket_id")).toString() : QString();
}

Reply TestIntake::imPost(const QString &group, const QJsonObject &message, QByteArray secret,
                         QDateTime at)
{
    if (secret.isEmpty())
        secret = m_groupSecrets.value(group);
    QNetworkReply *reply = postImMessage(
            m_net, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)), group, secret,
            message, at);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.raw = reply->readAll();
    r.body = QJsonDocument::fromJson(r.raw).object();
    reply->deleteLater();
    if (r.status != 405 && !r.body.isEmpty())
        m_samples.append(QJsonObject { { QStringLiteral("method"), QStringLiteral("POST") },
                                       { QStringLiteral("path"), QStringLiteral("/im/{group}") },
                                       { QStringLiteral("status"), r.status },
                                       { QStringLiteral("body"), r.body } });
    return r;
}

void TestIntake::serviceAccountUsesIntakeRoutesOnly()
{
    // The desk's routes: the feed of every ticket (internal notes included), ops, the lead's.
    QCOMPARE(call("GET", QStringLiteral("/changes?after=0"), {}, QStringLiteral("console")).status,
             403);
    QCOMPARE(errorCode(call("GET", QStringLiteral("/changes"), {}, QStringLiteral("console"))),
             QStringLiteral("forbidden"));
    QCOMPARE(call("POST", QStringLiteral("/ops"), "{\"ops\":[]}", QStringLiteral("console")).status,
             403);
    QCOMPARE(call("PUT", QStringLiteral("/settings"), "{}", QStringLiteral("console")).status, 403);
    QCOMPARE(
        call("GET", QStringLiteral("/reports/attainment"), {}, QStringLiteral("console")).status,
        403);
    QCOMPARE(call("GET", QStringLiteral("/reports/customer/s1?month=2026-01"), {},
                  QStringLiteral("console"))
                 .status,
             403);
    // What a console needs: who it is, and the plans (channels, severities) for its form.
    QCOMPARE(call("GET", QStringLiteral("/me"), {}, QStringLiteral("console")).status, 200);
    QCOMPARE(call("GET", QStringLiteral("/catalog"), {}, QStringLiteral("console")).status, 200);
    // The intake routes are not the desk's.
    QCOMPARE(
        intake(intakeBody(QStringLiteral("s1"), QStringLiteral("ticket")), QStringLiteral("agent"))
            .status,
        403);
    QCOMPARE(
        call("GET", QStringLiteral("/intake/tickets/%1").arg(uuid()), {}, QStringLiteral("lead"))
            .status,
        403);
    QCOMPARE(call("GET", QStringLiteral("/changes?after=0"), {}, QStringLiteral("agent")).status,
             200);

    // Nor the stream: the hints are of the feed it may not read.
    const auto streamOpens = [this](const QString &token) {
        QNetworkRequest request(
            QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream").arg(m_port)));
        request.setRawHeader("Authorization", "Bearer " + m_tokens.value(token).toUtf8());
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
        socket.open(request);
        if (!connected.wait(10000) && connected.isEmpty())
            return false;
        socket.close();
        return true;
    };
    QVERIFY(!streamOpens(QStringLiteral("console")));
    QVERIFY(streamOpens(QStringLiteral("agent")));
}

void TestIntake::intakeFilesTicketsUnderThePlanRules()
{
    // A flagship customer's ticket: created, deadline from the catalog (30 min for degraded).
    const QJsonObject body = intakeBody(QStringLiteral("s1"), QStringLiteral("ticket"));
    Reply r = intake(body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.body.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    const QJsonObject ticket = r.body.value(QStringLiteral("ticket")).toObject();
    QCOMPARE(ticket.value(QStringLiteral("id")).toString(),
             body.value(QStringLiteral("ticket_id")).toString());
    QCOMPARE(ticket.value(QStringLiteral("edition_id")).toString(), QStringLiteral("s1-flagship"));
    QCOMPARE(ticket.value(QStringLiteral("status")).toString(), QStringLiteral("new"));
    const QDateTime created
        = Json::parseTimestamp(ticket.value(QStringLiteral("created_at")).toString());
    QCOMPARE(Json::parseTimestamp(ticket.value(QStringLiteral("due_at")).toString()),
             created.addSecs(30 * 60));
    QVERIFY(!ticket.contains(QStringLiteral("assignee_id")));
    QVERIFY(!ticket.contains(QStringLiteral("flags")));
    const qint64 number = qint64(ticket.value(QStringLiteral("number")).toDouble());
    QVERIFY(number > 0);

    // The same request again (the console's retry): the same ticket, not a second one.
    r = intake(body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("result")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(qint64(r.body.value(QStringLiteral("ticket"))[QStringLiteral("number")].toDouble()),
             number);

    // The desk sees it, filed by the console.
    const Reply feed
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    int copies = 0;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray())
        copies += c[QStringLiteral("kind")].toString() == u"ticket"
            && c[QStringLiteral("data")][QStringLiteral("id")].toString()
                == body.value(QStringLiteral("ticket_id")).toString();
    QCOMPARE(copies, 1);

    // The plan rules, each refused with its code and the rule in words.
    r = intake(intakeBody(QStringLiteral("s4"), QStringLiteral("im-group")));
    QCOMPARE(r.status, 422);
    QCOMPARE(errorCode(r), QStringLiteral("channel-not-entitled"));
    QVERIFY2(r.body[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
                 QStringLiteral("Basic")),
             r.raw.constData());
    r = intake(intakeBody(QStringLiteral("pstd"), QStringLiteral("ticket")));
    QCOMPARE(r.status, 422);
    QCOMPARE(errorCode(r), QStringLiteral("sub-client-required"));
    r = intake(intakeBody(QStringLiteral("pstd"), QStringLiteral("ticket"),
                          { { QStringLiteral("sub_client"), QStringLiteral("not-ours") } }));
    QCOMPARE(errorCode(r), QStringLiteral("sub-client-required"));
    // A standard partner has 10 tickets a month; the console cannot override the quota (a
    // reason it sends is not its to give). Counted on a clock of its own, mid-month and
    // mid-day in Shanghai (docs/testing.md, rule 2): on real time, a run across a month's end
    // (Shanghai) filed the eleventh ticket in a new month.
    {
        QVERIFY(restartServer(
                { QStringLiteral("--fixed-clock"), QStringLiteral("2026-11-16T04:00:00Z") }));
        const auto realTimeAfter = qScopeGuard([this] { QVERIFY(restartServer()); });
        for (int i = 0; i < 10; ++i) {
            r = intake(intakeBody(QStringLiteral("pstd"), QStringLiteral("ticket"),
                                  { { QStringLiteral("sub_client"), QStringLiteral("sub-1") } }));
            QCOMPARE(r.status, 201);
        }
        r = intake(intakeBody(QStringLiteral("pstd"), QStringLiteral("ticket"),
                              { { QStringLiteral("sub_client"), QStringLiteral("sub-1") },
                                { QStringLiteral("quota_override_reason"),
                                  QStringLiteral("the console says so") } }));
        QCOMPARE(r.status, 422);
        QCOMPARE(errorCode(r), QStringLiteral("quota-exceeded"));
        // The rule's English says the fact; it asked the console for a reason it may not give.
        QCOMPARE(r.body.value(QStringLiteral("error"))[QStringLiteral("message")].toString(),
                 QStringLiteral("Over this month's ticket quota (11 of 10)."));
    }

    // A customer the console does not serve, and one that does not exist.
    r = intake(intakeBody(QStringLiteral("other"), QStringLiteral("ticket")));
    QCOMPARE(r.status, 403);
    QCOMPARE(errorField(r), QStringLiteral("customer_id"));
    r = intake(intakeBody(QStringLiteral("nobody"), QStringLiteral("ticket")));
    QCOMPARE(r.status, 403);
    // Another console replaying this one's ticket id for its own customer learns nothing of it.
    QJsonObject stolen = intakeBody(QStringLiteral("other"), QStringLiteral("ticket"));
    stolen.insert(QStringLiteral("ticket_id"), body.value(QStringLiteral("ticket_id")));
    r = intake(stolen, QStringLiteral("console2"));
    QCOMPARE(r.status, 409);
    QVERIFY(!r.raw.contains(body.value(QStringLiteral("subject")).toString().toUtf8()));
}

void TestIntake::intakeRefusesMalformedBodies()
{
    const auto refused = [this](const QByteArray &raw, const QString &field) {
        const Reply r
            = call("POST", QStringLiteral("/intake/tickets"), raw, QStringLiteral("console"));
        if (r.status != 400 || errorField(r) != field)
            qWarning("%s → %d %s", raw.constData(), r.status, r.raw.constData());
        return r.status == 400 && errorField(r) == field;
    };
    QVERIFY(refused("not json", QStringLiteral("$")));
    QVERIFY(refused("[]", QStringLiteral("$")));
    const auto with = [this](const char *key, const QJsonValue &value) {
        QJsonObject b = intakeBody(QStringLiteral("s1"), QStringLiteral("ticket"));
        if (value.isUndefined())
            b.remove(QLatin1String(key));
        else
            b.insert(QLatin1String(key), value);
        return QJsonDocument(b).toJson(QJsonDocument::Compact);
    };
    QVERIFY(refused(with("ticket_id", QStringLiteral("{ABC}")), QStringLiteral("ticket_id")));
    QVERIFY(refused(with("ticket_id", QJsonValue::Undefined), QStringLiteral("ticket_id")));
    QVERIFY(refused(with("subject", 42), QStringLiteral("subject")));
    QVERIFY(refused(with("subject", QString()), QStringLiteral("subject")));
    QVERIFY(refused(with("body", QJsonArray()), QStringLiteral("body")));
    QVERIFY(refused(with("subject", QStringLiteral("a\u0000b")), QStringLiteral("subject")));
    QVERIFY(refused(with("customer_id", QString(200, u'c')), QStringLiteral("customer_id")));
    // Unknown plan words are the rules' refusals, not malformed bodies.
    const Reply r = call("POST", QStringLiteral("/intake/tickets"),
                         with("severity", QStringLiteral("apocalypse")), QStringLiteral("console"));
    QCOMPARE(r.status, 422);
    QCOMPARE(errorCode(r), QStringLiteral("unknown-severity"));
}

void TestIntake::consoleReadsThePublicConversationOnly()
{
    const QJsonObject body = intakeBody(QStringLiteral("s1"), QStringLiteral("ticket"));
    Reply r = intake(body);
    QCOMPARE(r.status, 201);
    const QString id = body.value(QStringLiteral("ticket_id")).toString();
    // The agent takes it, notes something for colleagues, and answers the customer.
    const auto op = [&id](const char *type, qint64 base, const QJsonObject &payload) {
        return ticketOp(id, type, base, payload);
    };
    const QString note = QStringLiteral("Internal: the customer's config looks hand-edited.");
    const QString answer = QStringLiteral("Please send us the error log of nginx.");
    r = ops(
        { op("accept", 1, {}),
          op("note", 2,
             { { QStringLiteral("message_id"), uuid() }, { QStringLiteral("body"), note } }),
          op("reply", 3,
             { { QStringLiteral("message_id"), uuid() }, { QStringLiteral("body"), answer } }) });
    QCOMPARE(r.status, 200);
    for (const QJsonValue &v : r.body.value(QStringLiteral("results")).toArray())
        QCOMPARE(v[QStringLiteral("result")].toString(), QStringLiteral("applied"));

    r = call("GET", QStringLiteral("/intake/tickets/%1").arg(id), {}, QStringLiteral("console"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body[QStringLiteral("ticket")][QStringLiteral("status")].toString(),
             QStringLiteral("accepted"));
    QVERIFY(r.body[QStringLiteral("ticket")][QStringLiteral("first_response_at")].isString());
    const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first()[QStringLiteral("body")].toString(), answer);
    // Not the note, not the system events (who accepted, who it is assigned to), no agent id.
    QVERIFY(!r.raw.contains(note.toUtf8()));
    QVERIFY(!r.raw.contains("id-agent"));

    // Another console, a ticket that does not exist, an id no ticket can have: all the same 404.
    for (const auto &[path, token] :
         { std::pair { QStringLiteral("/intake/tickets/%1").arg(id), QStringLiteral("console2") },
           std::pair { QStringLiteral("/intake/tickets/%1").arg(uuid()),
                       QStringLiteral("console") },
           std::pair { QStringLiteral("/intake/tickets/%1").arg(QString(300, u'x')),
                       QStringLiteral("console") } }) {
        r = call("GET", path, {}, token);
        QCOMPARE(r.status, 404);
        QCOMPARE(errorCode(r), QStringLiteral("not-found"));
    }
}

// Each message of the conversation says who wrote it: the support engineer by display name,
// the customer (here its IM group) by the customer's name; never an account id, never a note.
void TestIntake::consoleSeesWhoWroteEachMessage()
{
    // A group of its own (g-s1's first message is imWebhookIsSignedAndFresh's new ticket).
    int code = -1;
    const QString added = runServer(
            { QStringLiteral("im"), QStringLiteral("add"), QStringLiteral("--id"),
              QStringLiteral("g-s1-authors"), QStringLiteral("--customer"), QStringLiteral("s1"),
              QStringLiteral("--name"), QStringLiteral("运维群"), QStringLiteral("--url"),
              QStringLiteral("http://127.0.0.1:%1/hook").arg(m_receiver.port()) },
            &code);
    const QRegularExpressionMatch secret
            = QRegularExpression(QStringLiteral("secret: (\\S+)")).match(added);
    QVERIFY2(code == 0 && secret.hasMatch(), qPrintable(added));
    m_groupSecrets.insert(QStringLiteral("g-s1-authors"), secret.captured(1).toUtf8());
    Reply r = imPost(QStringLiteral("g-s1-authors"), imMessage(QStringLiteral("数据库连不上了")));
    QCOMPARE(r.status, 200);
    const QString id = r.body.value(QStringLiteral("ticket_id")).toString();
    QVERIFY(!id.isEmpty());
    r = call("GET", QStringLiteral("/intake/tickets/%1").arg(id), {}, QStringLiteral("console"));
    QCOMPARE(r.status, 200);
    qint64 version = 0;
    {
        // The agent's ops need the ticket's version: the desk's feed has it.
        const Reply feed = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {},
                                QStringLiteral("agent"));
        for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray())
            if (c[QStringLiteral("kind")].toString() == u"ticket"
                && c[QStringLiteral("data")][QStringLiteral("id")].toString() == id)
                version = c[QStringLiteral("data")][QStringLiteral("version")].toInteger();
    }
    QVERIFY(version > 0);
    const auto op = [&id](const char *type, qint64 base, const QJsonObject &payload) {
        return ticketOp(id, type, base, payload);
    };
    const QString note = QStringLiteral("Internal: check the security group first.");
    const QString answer = QStringLiteral("请提供实例 ID。");
    r = ops({ op("note", version,
                 { { QStringLiteral("message_id"), uuid() }, { QStringLiteral("body"), note } }),
              op("reply", version + 1,
                 { { QStringLiteral("message_id"), uuid() },
                   { QStringLiteral("body"), answer } }) });
    QCOMPARE(r.status, 200);
    for (const QJsonValue &v : r.body.value(QStringLiteral("results")).toArray())
        QCOMPARE(v[QStringLiteral("result")].toString(), QStringLiteral("applied"));
    QCOMPARE(imPost(QStringLiteral("g-s1-authors"), imMessage(QStringLiteral("ins-12345"))).status,
             200);

    r = call("GET", QStringLiteral("/intake/tickets/%1").arg(id), {}, QStringLiteral("console"));
    QCOMPARE(r.status, 200);
    const QJsonArray messages = r.body.value(QStringLiteral("messages")).toArray();
    QStringList said;
    for (const QJsonValue &m : messages) {
        const QJsonObject author = m[QStringLiteral("author")].toObject();
        said.append(QStringLiteral("%1 %2: %3")
                            .arg(author.value(QStringLiteral("role")).toString(),
                                 author.value(QStringLiteral("name")).toString(),
                                 m[QStringLiteral("body")].toString()));
    }
    const QString customer = QStringLiteral("Customer s1"); // as importCustomers names it
    QCOMPARE(said.mid(said.size() - 2),
             QStringList({ QStringLiteral("support 李娜 Li Na: ") + answer,
                           QStringLiteral("customer %1: 张伟: ins-12345").arg(customer) }));
    QVERIFY(!r.raw.contains(note.toUtf8()));
    QVERIFY(!r.raw.contains("id-agent"));
    QVERIFY(!r.raw.contains("im:g-s1"));
    QCOMPARE(said.size(), 2);
}

// A PNG's first bytes, and more.
const QByteArray Png = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(300, 'p');

void TestIntake::attachmentsAreSniffedNamedAndKeptByHash()
{
    const QString ticket = newTicket();
    QVERIFY(!ticket.isEmpty());
    // A PNG declared as HTML, under a name that climbs out of any directory and hides a NUL.
    Reply r = upload(ticket, "name=..%2F..%2Fetc%2Fpasswd%00.png", Png, QStringLiteral("agent"),
                     "text/html");
    QCOMPARE(r.status, 201);
    const QJsonObject a = r.body.value(QStringLiteral("attachment")).toObject();
    QCOMPARE(a.value(QStringLiteral("name")).toString(), QStringLiteral("passwd.png"));
    QCOMPARE(a.value(QStringLiteral("content_type")).toString(), QStringLiteral("image/png"));
    QCOMPARE(qint64(a.value(QStringLiteral("size")).toDouble()), qint64(Png.size()));
    const QString sha
        = QString::fromLatin1(QCryptographicHash::hash(Png, QCryptographicHash::Sha256).toHex());
    QCOMPARE(a.value(QStringLiteral("sha256")).toString(), sha);
    QCOMPARE(a.value(QStringLiteral("ticket_id")).toString(), ticket);
    // Kept under its hash (SQLite: beside the database), and nowhere its name pointed.
    const QString blob = m_db + QStringLiteral(".attachments/") + sha.left(2) + u'/' + sha;
    QVERIFY2(m_store.isPostgreSql() || QFile::exists(blob), qPrintable(blob));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("etc/passwd"))));
    QVERIFY(!QFile::exists(QDir(m_dir.path()).absoluteFilePath(QStringLiteral("../etc"))));

    // Downloaded as it was sent, typed by its content, to be saved, never run.
    const QString id = a.value(QStringLiteral("id")).toString();
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, id), {},
             QStringLiteral("agent"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.raw, Png);
    QCOMPARE(r.headers.value("content-type"), QByteArray("image/png"));
    QCOMPARE(r.headers.value("content-disposition"),
             QByteArray("attachment; filename=\"passwd.png\"; filename*=UTF-8''passwd.png"));
    QCOMPARE(r.headers.value("x-content-type-options"), QByteArray("nosniff"));

    // HTML declared as a PNG is text, served as text; a Chinese name is kept, quoted both ways.
    const QByteArray html = "<html><script>alert(1)</script></html>\n";
    r = upload(ticket, "name=" + QUrl::toPercentEncoding(QStringLiteral("日志 1.png")), html,
               QStringLiteral("agent"), "image/png");
    QCOMPARE(r.status, 201);
    QCOMPARE(r.body[QStringLiteral("attachment")][QStringLiteral("content_type")].toString(),
             QStringLiteral("text/plain; charset=utf-8"));
    const QString htmlId = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, htmlId), {},
             QStringLiteral("agent"));
    QCOMPARE(r.headers.value("content-type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(r.headers.value("content-disposition"),
             QByteArray("attachment; filename=\"__ 1.png\"; "
                        "filename*=UTF-8''%E6%97%A5%E5%BF%97%201.png"));

    // The same bytes attached again are one blob; the same id sent again is one attachment.
    const QString sameId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r = upload(ticket, "name=again.png&id=" + sameId.toLatin1(), Png);
    QCOMPARE(r.status, 201);
    r = upload(ticket, "name=again.png&id=" + sameId.toLatin1(), Png);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString(), sameId);
    r = upload(ticket, "name=other.txt&id=" + sameId.toLatin1(), "other bytes");
    QCOMPARE(r.status, 409);
    if (!m_store.isPostgreSql())
        QCOMPARE(QDir(m_db + QStringLiteral(".attachments/") + sha.left(2))
                     .entryList(QDir::Files)
                     .size(),
                 1);
    r = call("GET", QStringLiteral("/tickets/%1/attachments").arg(ticket), {},
             QStringLiteral("agent"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("attachments")).toArray().size(), 3);

    // The desk learns of them from the feed.
    r = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    int inFeed = 0;
    for (const QJsonValue &c : r.body.value(QStringLiteral("changes")).toArray())
        inFeed += c[QStringLiteral("kind")].toString() == u"attachment"
            && c[QStringLiteral("data")][QStringLiteral("ticket_id")].toString() == ticket;
    QCOMPARE(inFeed, 3);
}

void TestIntake::attachmentLimitsAndHostileInput()
{
    const QString ticket = newTicket();
    QVERIFY(!ticket.isEmpty());
    // The server's limit (--max-attachment 65536 here): one byte over is refused, whole.
    Reply r = upload(ticket, "name=big.log", QByteArray(65536, 'a'));
    QCOMPARE(r.status, 201);
    r = upload(ticket, "name=big.log", QByteArray(65537, 'a'));
    QCOMPARE(r.status, 413);
    QCOMPARE(errorCode(r), QStringLiteral("body-too-large"));
    // Past the HTTP layer's --max-body too (4 MiB): refused before it is read.
    r = upload(ticket, "name=huge.bin", QByteArray(5 << 20, 'b'));
    QCOMPARE(r.status, 413);
    r = upload(ticket, "name=empty.txt", QByteArray());
    QCOMPARE(r.status, 400);

    const auto nameOf = [&](const QByteArray &query) {
        const Reply u = upload(ticket, query, "plain text\n");
        return u.status == 201
            ? u.body[QStringLiteral("attachment")][QStringLiteral("name")].toString()
            : QStringLiteral("HTTP %1").arg(u.status);
    };
    QCOMPARE(nameOf("name=..%5C..%5Cwindows%5Csystem32%5Cdrivers.sys"),
             QStringLiteral("drivers.sys"));
    QCOMPARE(nameOf("name=.."), QStringLiteral("attachment"));
    QCOMPARE(nameOf("name=%2E%2E%2F"), QStringLiteral("attachment"));
    QCOMPARE(nameOf(""), QStringLiteral("attachment"));
    QCOMPARE(nameOf("name=.bashrc"), QStringLiteral("bashrc"));
    QCOMPARE(nameOf("name=a%0D%0AContent-Type%3A%20text%2Bhtml"),
             QStringLiteral("aContent-Type_ text+html")); // no header of its own
    QCOMPARE(nameOf("name=a%2Fb%5Cc%3Ad"), QStringLiteral("c_d"));
    QCOMPARE(nameOf("name=%E2%80%AEgpj.exe"), QStringLiteral("gpj.exe")); // RLO dropped
    QCOMPARE(nameOf("name=con%3Aaux%3F*.txt"), QStringLiteral("con_aux__.txt"));
    const QString longName = nameOf("name=" + QByteArray(500, 'x') + ".log");
    QCOMPARE(longName.size(), 200);
    QVERIFY(longName.endsWith(u".log"));
    // Binary that is not text and has no known magic is a plain octet stream.
    r = upload(ticket, "name=core.dump",
               QByteArray("\x7f"
                          "ELF\x02\x01\x01\0\0\0",
                          10));
    QCOMPARE(r.body[QStringLiteral("attachment")][QStringLiteral("content_type")].toString(),
             QStringLiteral("application/octet-stream"));
    // Ids a client gets wrong.
    r = upload(ticket, "name=a.txt&id=%7BABC%7D", "x");
    QCOMPARE(r.status, 400);
    QCOMPARE(errorField(r), QStringLiteral("id"));
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, QString(300, u'z')),
             {}, QStringLiteral("agent"));
    QCOMPARE(r.status, 404);
    r = upload(QUuid::createUuid().toString(QUuid::WithoutBraces), "name=a.txt", "x");
    QCOMPARE(r.status, 404);
}

void TestIntake::attachmentsAreCheckedLikeTheirTicket()
{
    const QString ours = newTicket(QStringLiteral("s1"));
    const QString theirs = newTicket(QStringLiteral("other"));
    QVERIFY(!ours.isEmpty() && !theirs.isEmpty());
    // A console attaches to its customer's ticket and reads it back.
    Reply r = upload(ours, "name=config.txt", "server { listen 80; }\n", QStringLiteral("console"));
    QCOMPARE(r.status, 201);
    const QString id = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ours, id), {},
             QStringLiteral("console"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.raw, QByteArray("server { listen 80; }\n"));
    // Another console sees neither the ticket's attachments nor can it add one.
    r = call("GET", QStringLiteral("/tickets/%1/attachments").arg(ours), {},
             QStringLiteral("console2"));
    QCOMPARE(r.status, 404);
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ours, id), {},
             QStringLiteral("console2"));
    QCOMPARE(r.status, 404);
    r = upload(ours, "name=x.txt", "x", QStringLiteral("console2"));
    QCOMPARE(r.status, 404);
    // An attachment is reached only through its own ticket (access is that ticket's).
    r = upload(theirs, "name=theirs.txt", "theirs\n", QStringLiteral("console2"));
    QCOMPARE(r.status, 201);
    const QString theirsId = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ours, theirsId), {},
             QStringLiteral("console"));
    QCOMPARE(r.status, 404);
    // The desk sees every ticket's.
    r = call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(theirs, theirsId), {},
             QStringLiteral("agent"));
    QCOMPARE(r.status, 200);
    r = call("GET", QStringLiteral("/tickets/%1/attachments").arg(ours), {}, QString());
    QCOMPARE(r.status, 401);
}

// A file linked to an internal note (its op's `attachments`) is the desk's, as the note is: the
// console neither lists nor downloads it; a public reply's file it does; a desk upload no
// message has named yet (its note or reply not applied) it does not see either.
void TestIntake::notesFilesStayInTheDesk()
{
    const QString ticket = newTicket();
    QVERIFY(!ticket.isEmpty());
    Reply r = upload(ticket, "name=internal.txt", "our own analysis\n");
    QCOMPARE(r.status, 201);
    const QString noteFile = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = upload(ticket, "name=public.txt", "for the customer\n");
    const QString replyFile = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = upload(ticket, "name=in-flight.txt", "not sent yet\n");
    const QString loose = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    r = upload(ticket, "name=console.txt", "from the console\n", QStringLiteral("console"));
    const QString consoleFile
        = r.body[QStringLiteral("attachment")][QStringLiteral("id")].toString();
    QVERIFY(!noteFile.isEmpty() && !replyFile.isEmpty() && !loose.isEmpty()
            && !consoleFile.isEmpty());

    const Reply feed
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    qint64 version = -1;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray()) {
        if (c[QStringLiteral("kind")].toString() == u"ticket"
            && c[QStringLiteral("data")][QStringLiteral("id")].toString() == ticket)
            version = qint64(c[QStringLiteral("data")][QStringLiteral("version")].toDouble());
    }
    QVERIFY(version >= 0);
    QJsonArray list;
    for (const auto &[type, file] : { std::pair { "note", noteFile }, { "reply", replyFile } })
        list.append(QJsonObject {
            { QStringLiteral("op_id"), uuid() },
            { QStringLiteral("type"), QLatin1String(type) },
            { QStringLiteral("ticket_id"), ticket },
            { QStringLiteral("base_version"), version++ },
            { QStringLiteral("payload"),
              QJsonObject { { QStringLiteral("message_id"), uuid() },
                            { QStringLiteral("body"), QStringLiteral("with a file") },
                            { QStringLiteral("attachments"), file } } } });
    r = ops(list);
    QCOMPARE(r.status, 200);
    for (const QJsonValue &v : r.body.value(QStringLiteral("results")).toArray())
        QCOMPARE(v[QStringLiteral("result")].toString(), QStringLiteral("applied"));

    const auto listed = [&](const QString &token) {
        QStringList ids;
        const Reply l
            = call("GET", QStringLiteral("/tickets/%1/attachments").arg(ticket), {}, token);
        for (const QJsonValue &a : l.body.value(QStringLiteral("attachments")).toArray())
            ids.append(a[QStringLiteral("id")].toString());
        ids.sort();
        return ids;
    };
    QStringList all { noteFile, replyFile, loose, consoleFile };
    all.sort();
    QCOMPARE(listed(QStringLiteral("agent")), all);
    QStringList customers { replyFile, consoleFile };
    customers.sort();
    QCOMPARE(listed(QStringLiteral("console")), customers);
    for (const QString &hidden : { noteFile, loose }) {
        QCOMPARE(call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, hidden), {},
                      QStringLiteral("console"))
                         .status,
                 404);
        QCOMPARE(call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, hidden), {},
                      QStringLiteral("agent"))
                         .status,
                 200);
    }
    QCOMPARE(call("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(ticket, replyFile), {},
                  QStringLiteral("console"))
                     .status,
             200);
}

void TestIntake::imWebhookIsSignedAndFresh()
{
    // A group's first message opens a ticket of the im-group channel; the next joins it.
    Reply r
        = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("数据库连不上了\nSince 9:00")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QVERIFY(r.body.value(QStringLiteral("new_ticket")).toBool());
    const QString ticket = r.body.value(QStringLiteral("ticket_id")).toString();
    const QJsonObject second = imMessage(QStringLiteral("The log says: too many connections"));
    r = imPost(QStringLiteral("g-s1"), second);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.body.value(QStringLiteral("new_ticket")).toBool());
    QCOMPARE(r.body.value(QStringLiteral("ticket_id")).toString(), ticket);
    // The same message again (the IM side's retry): taken once.
    r = imPost(QStringLiteral("g-s1"), second);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.value(QStringLiteral("result")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(r.body.value(QStringLiteral("ticket_id")).toString(), ticket);

    // The desk sees the ticket (subject: the first line) and the group's message, once.
    const Reply feed
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    int messages = 0;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonValue data = c[QStringLiteral("data")];
        if (c[QStringLiteral("kind")].toString() == u"ticket"
            && data[QStringLiteral("id")].toString() == ticket) {
            QCOMPARE(data[QStringLiteral("channel")].toString(), QStringLiteral("im-group"));
            QCOMPARE(data[QStringLiteral("subject")].toString(), QStringLiteral("数据库连不上了"));
        }
        if (c[QStringLiteral("kind")].toString() == u"message"
            && data[QStringLiteral("ticket_id")].toString() == ticket) {
            ++messages;
            QCOMPARE(data[QStringLiteral("body")].toString(),
                     QStringLiteral("张伟: The log says: too many connections"));
            // The group's words, not a reply of the desk's.
            QCOMPARE(data[QStringLiteral("kind")].toString(), QStringLiteral("customer"));
        }
    }
    QCOMPARE(messages, 1);

    // Not signed by the group's secret, tampered with, too old or too far ahead, unknown group.
    r = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("x")),
               "not-the-secret-of-this-group");
    QCOMPARE(r.status, 401);
    r = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("x")), {},
               QDateTime::currentDateTimeUtc().addSecs(-400));
    QCOMPARE(r.status, 401);
    QVERIFY2(r.raw.contains("timestamp"), r.raw.constData());
    r = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("x")), {},
               QDateTime::currentDateTimeUtc().addSecs(400));
    QCOMPARE(r.status, 401);
    r = imPost(QStringLiteral("g-nobody"), imMessage(QStringLiteral("x")), "whatever-secret-16");
    QCOMPARE(r.status, 401);
    {
        // A body other than the one signed.
        const QByteArray signedBody = R"({"message_id":"m1","text":"hello"})";
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/im/g-s1").arg(m_port)));
        signImPost(&request, m_groupSecrets.value(QStringLiteral("g-s1")), signedBody);
        QNetworkReply *reply
            = m_net.post(request, QByteArray(R"({"message_id":"m1","text":"HELLO"})"));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(20000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        reply->deleteLater();
    }
    // Signed, but not a message.
    r = imPost(QStringLiteral("g-s1"), { { QStringLiteral("message_id"), uuid() } });
    QCOMPARE(r.status, 400);
    QCOMPARE(errorField(r), QStringLiteral("text"));

    // Once the group's ticket is resolved, its next message opens a new one.
    const Reply current
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    qint64 version = 0;
    for (const QJsonValue &c : current.body.value(QStringLiteral("changes")).toArray()) {
        if (c[QStringLiteral("kind")].toString() == u"ticket"
            && c[QStringLiteral("data")][QStringLiteral("id")].toString() == ticket)
            version = qint64(c[QStringLiteral("data")][QStringLiteral("version")].toDouble());
    }
    QVERIFY(version > 0);
    r = ops({ QJsonObject {
        { QStringLiteral("op_id"), uuid() },
        { QStringLiteral("type"), QStringLiteral("set-status") },
        { QStringLiteral("ticket_id"), ticket },
        { QStringLiteral("base_version"), version },
        { QStringLiteral("payload"),
          QJsonObject { { QStringLiteral("status"), QStringLiteral("resolved") } } } } });
    QCOMPARE(r.body[QStringLiteral("results")][0][QStringLiteral("result")].toString(),
             QStringLiteral("applied"));
    r = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("Another problem")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.value(QStringLiteral("new_ticket")).toBool());
    QVERIFY(r.body.value(QStringLiteral("ticket_id")).toString() != ticket);
    // A partner Enterprise's group files for its sub-client.
    r = imPost(QStringLiteral("g-pent"), imMessage(QStringLiteral("VPN down at the sub-client")));
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.value(QStringLiteral("new_ticket")).toBool());
}

void TestIntake::imGroupWithoutEntitlementIsRefused()
{
    // A Basic customer's plan has no IM group: the message is refused with the plan's reason,
    // from the catalog in both languages, and no ticket is opened.
    const Reply before
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    const Reply r = imPost(QStringLiteral("g-s4"), imMessage(QStringLiteral("help")));
    QCOMPARE(r.status, 403);
    const QJsonObject e = r.body.value(QStringLiteral("error")).toObject();
    QCOMPARE(e.value(QStringLiteral("code")).toString(), QStringLiteral("channel-not-entitled"));
    const QJsonObject reason = e.value(QStringLiteral("reason")).toObject();
    QCOMPARE(reason[QStringLiteral("channel")][QStringLiteral("zh")].toString(),
             QStringLiteral("IM 企业群"));
    QCOMPARE(reason[QStringLiteral("channel")][QStringLiteral("en")].toString(),
             QStringLiteral("IM enterprise group"));
    QCOMPARE(reason[QStringLiteral("edition")][QStringLiteral("zh")].toString(),
             QStringLiteral("基础版"));
    QStringList with;
    for (const QJsonValue &v : reason.value(QStringLiteral("editions_with")).toArray())
        with.append(v[QStringLiteral("zh")].toString());
    QCOMPARE(with, QStringList({ QStringLiteral("旗舰版"), QStringLiteral("企业版") }));
    QVERIFY(reason[QStringLiteral("notes")][QStringLiteral("zh")].toString().contains(
        QStringLiteral("企业版或旗舰版")));
    QVERIFY(e.value(QStringLiteral("message")).toString().contains(QStringLiteral("Basic")));
    const Reply after
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    QCOMPARE(after.body.value(QStringLiteral("last_seq")).toDouble(),
             before.body.value(QStringLiteral("last_seq")).toDouble());
}

// The feed says where each ticket's public replies go: an IM group's name and kind for the
// ticket the group opened (kept when agents change it), nothing for the console's, and never
// what a client's create-ticket claims.
void TestIntake::replyRouteIsTheServers()
{
    const Reply posted
        = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("Where do replies go?")));
    QCOMPARE(posted.status, 200);
    const QString imTicket = posted.body.value(QStringLiteral("ticket_id")).toString();
    const QString consoleTicket = newTicket();
    QVERIFY(!consoleTicket.isEmpty());
    const QString claimed = uuid();
    Reply r = ops({ QJsonObject {
        { QStringLiteral("op_id"), uuid() },
        { QStringLiteral("type"), QStringLiteral("create-ticket") },
        { QStringLiteral("ticket_id"), claimed },
        { QStringLiteral("base_version"), 0 },
        { QStringLiteral("payload"),
          QJsonObject { { QStringLiteral("customer_id"), QStringLiteral("s1") },
                        { QStringLiteral("subject"), QStringLiteral("Made in the desk") },
                        { QStringLiteral("channel"), QStringLiteral("ticket") },
                        { QStringLiteral("severity"), QStringLiteral("consultation") },
                        { QStringLiteral("reply_via"), QStringLiteral("email") },
                        { QStringLiteral("reply_to"), QStringLiteral("x@evil.example") } } } } });
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body[QStringLiteral("results")][0][QStringLiteral("result")].toString(),
             QStringLiteral("applied"));
    const auto feed = [this] {
        QHash<QString, Ticket> tickets;
        const Reply page = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {},
                                QStringLiteral("agent"));
        for (const QJsonValue &c : page.body.value(QStringLiteral("changes")).toArray()) {
            Ticket t;
            QStringList errors;
            if (c[QStringLiteral("kind")].toString() == u"ticket"
                && Json::fromJson(c[QStringLiteral("data")].toObject(), &t, &errors))
                tickets.insert(t.id, t);
        }
        return tickets;
    };
    // An agent's edit rewrites the IM ticket's record (the group's open ticket, which earlier
    // functions may have opened): the route stays.
    QVERIFY(feed().contains(imTicket));
    r = ops({ QJsonObject { { QStringLiteral("op_id"), uuid() },
                            { QStringLiteral("type"), QStringLiteral("set-status") },
                            { QStringLiteral("ticket_id"), imTicket },
                            { QStringLiteral("base_version"), feed().value(imTicket).version },
                            { QStringLiteral("payload"),
                              QJsonObject { { QStringLiteral("status"),
                                              QStringLiteral("waiting-on-customer") } } } } });
    QCOMPARE(r.body[QStringLiteral("results")][0][QStringLiteral("result")].toString(),
             QStringLiteral("applied"));

    const QHash<QString, Ticket> tickets = feed();
    QCOMPARE(tickets.value(imTicket).status, TicketStatus::WaitingOnCustomer);
    QCOMPARE(tickets.value(imTicket).reply,
             (ReplyRoute { ReplyVia::Im, QStringLiteral("群 g-s1"), QStringLiteral("wecom") }));
    QVERIFY(tickets.contains(consoleTicket));
    QCOMPARE(tickets.value(consoleTicket).reply, ReplyRoute());
    QVERIFY(tickets.contains(claimed));
    QCOMPARE(tickets.value(claimed).reply, ReplyRoute());
}

void TestIntake::imRepliesArePostedBackOnceWithRetry()
{
    Reply r = imPost(QStringLiteral("g-s1"), imMessage(QStringLiteral("Reply to me, please")));
    QCOMPARE(r.status, 200);
    const QString ticket = r.body.value(QStringLiteral("ticket_id")).toString();
    // A second server process on the same database: both couriers poll the one outbox.
    ServerProcess second;
    QVERIFY(second.startListening(m_db));

    // The group's webhook is down for its first two posts.
    m_receiver.down = 2;
    const qsizetype postsBefore = m_receiver.posts.size();
    const Reply current
        = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {}, QStringLiteral("agent"));
    qint64 version = 0;
    for (const QJsonValue &c : current.body.value(QStringLiteral("changes")).toArray()) {
        if (c[QStringLiteral("kind")].toString() == u"ticket"
            && c[QStringLiteral("data")][QStringLiteral("id")].toString() == ticket)
            version = qint64(c[QStringLiteral("data")][QStringLiteral("version")].toDouble());
    }
    const QString note = QStringLiteral("internal: check their max_connections");
    QStringList replies;
    QJsonArray list;
    const auto op = [&](const char *type, const QJsonObject &payload) {
        list.append(QJsonObject { { QStringLiteral("op_id"), uuid() },
                                  { QStringLiteral("type"), QLatin1String(type) },
                                  { QStringLiteral("ticket_id"), ticket },
                                  { QStringLiteral("base_version"), version++ },
                                  { QStringLiteral("payload"), payload } });
    };
    op("note", { { QStringLiteral("message_id"), uuid() }, { QStringLiteral("body"), note } });
    for (int i = 0; i < 4; ++i) {
        replies.append(uuid());
        op("reply",
           { { QStringLiteral("message_id"), replies.last() },
             { QStringLiteral("body"), QStringLiteral("Answer %1: raise it to 500").arg(i) } });
    }
    r = ops(list);
    QCOMPARE(r.status, 200);
    for (const QJsonValue &v : r.body.value(QStringLiteral("results")).toArray())
        QCOMPARE(v[QStringLiteral("result")].toString(), QStringLiteral("applied"));

    // Every reply arrives, each exactly once, after the failures; the note never leaves.
    for (const QString &id : std::as_const(replies))
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.delivered(id.toUtf8()), 1, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(
        int(std::count_if(m_receiver.posts.cbegin() + postsBefore, m_receiver.posts.cend(),
                          [](const GroupReceiver::Post &p) { return p.status == 503; })),
        2, 5000);
    // The outbox says so (read while both servers run): every reply sent, none pending.
    int code = -1;
    QString outbox;
    QTRY_VERIFY_WITH_TIMEOUT(
        (outbox = runServer({ QStringLiteral("im"), QStringLiteral("outbox") }, &code),
         code == 0 && !outbox.contains(QStringLiteral("pending"))),
        10000);
    for (const QString &id : std::as_const(replies))
        QVERIFY2(outbox.contains(id), qPrintable(outbox));
    for (qsizetype i = postsBefore; i < m_receiver.posts.size(); ++i) {
        const GroupReceiver::Post &p = m_receiver.posts.at(i);
        QVERIFY(!p.body.contains(note.toUtf8()));
        // Signed with the group's secret, as the webhook in is.
        QCOMPARE(p.signature,
                 imSignature(m_groupSecrets.value(QStringLiteral("g-s1")), p.timestamp, p.body));
        QCOMPARE(QJsonDocument::fromJson(p.body)[QStringLiteral("ticket_id")].toString(), ticket);
    }
    int delivered = 0;
    for (const QString &id : std::as_const(replies))
        delivered += m_receiver.delivered(id.toUtf8());
    QCOMPARE(delivered, 4);
    second.terminate();
    QCOMPARE(second.process.state(), QProcess::NotRunning);
}

void TestIntake::responsesMatchOpenApi()
{
    // Every answer the tests above saw, against docs/openapi.yaml: the document stays true.
    QVERIFY2(m_samples.size() > 30, qPrintable(QString::number(m_samples.size())));
    const QString mismatches = openApiMismatches(m_samples, m_dir.path());
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches));
}

QTEST_MAIN(TestIntake)
#include "tst_intake.moc"
