// Triage in the desk, the server's side (issue 16; docs/api.md "Triage"): mail from an unknown
// sender, kept by the real `mail-ingest`, read by leads through GET /triage and filed for a
// customer (a ticket under the plan rules, its files, the sender registered) or discarded,
// each once; agents and service accounts refused; hostile input answered 4xx naming the
// field; every answer against docs/openapi.yaml. The real server on loopback, SQLite or
// PostgreSQL (tst_triage_postgresql).
#include "domain.h"
#include "mailcorpus.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

using Reply = RealServer::Reply;

QString errorField(const Reply &r)
{
    return r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("field")).toString();
}

QString errorCode(const Reply &r)
{
    return r.body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}


} // namespace

class TestTriage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void unknownSenderWaitsForALead();
    void leadFilesItForACustomerOnce();
    void refusedByThePlanAsANewTicket();
    void discardedIsKeptAndListed();
    void hostileInputNamesTheField();
    void responsesMatchOpenApi();

private:
    Reply call(const QByteArray &method, const QString &path, const QJsonObject &body,
               const QString &token, const QByteArray &raw = {});
    QString ingest(const QByteArray &mail); // mail-ingest's line
    QJsonObject waitingMail(const QString &messageId);
    QJsonObject feedTicket(const QString &id);

    QTemporaryDir m_dir;
    TestStore m_store;
    RealServer m_server { serverProgram() };
    QHash<QString, QString> m_tokens;
    QJsonArray m_samples;
};

void TestTriage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString store = m_store.open(m_dir.path(), QStringLiteral("triage.db"));
    QVERIFY2(store.isEmpty(), qPrintable(store));
    const QString imported
        = importCustomers(m_dir.path(), m_store.db(),
                          { { "c-acme", "service-plan", "s2-enterprise" },
                            { "c-partner", "partner-plan", "standard", true } });
    QVERIFY2(imported.isEmpty(), qPrintable(imported));
    for (const auto &[id, role] : { std::pair { "lead", "lead" }, std::pair { "agent", "agent" },
                                    std::pair { "console", "service" } }) {
        const QStringList extra = QLatin1String(role) == u"service"
            ? QStringList { QStringLiteral("--customers"), QStringLiteral("*") }
            : QStringList();
        m_tokens.insert(QLatin1String(id), addAgent(m_store.db(), QLatin1String(id),
                                                    QLatin1String(role), extra));
        QVERIFY(!m_tokens.value(QLatin1String(id)).isEmpty());
    }
    QVERIFY2(m_server.start(m_store.db(),
                            { QStringLiteral("--max-attachment"), QStringLiteral("65536") }),
             m_server.log().constData());
}

void TestTriage::cleanupTestCase()
{
    m_server.stop();
    m_store.stop();
}

Reply TestTriage::call(const QByteArray &method, const QString &path, const QJsonObject &body,
                       const QString &token, const QByteArray &raw)
{
    const Reply r = m_server.requestBytes(
        method, path, m_tokens.value(token),
        !raw.isEmpty()     ? raw
            : body.isEmpty() ? QByteArray()
                             : QJsonDocument(body).toJson(QJsonDocument::Compact));
    QString route = path.section(u'?', 0, 0);
    if (route.startsWith(u"/triage/"))
        route = QStringLiteral("/triage/{id}");
    if (route.startsWith(u"/tickets/"))
        route = QStringLiteral("/tickets/{id}/attachments");
    if (!r.body.isEmpty())
        m_samples.append(QJsonObject { { QStringLiteral("method"), QString::fromLatin1(method) },
                                       { QStringLiteral("path"), route },
                                       { QStringLiteral("status"), r.status },
                                       { QStringLiteral("body"), r.body } });
    return r;
}

QString TestTriage::ingest(const QByteArray &mail)
{
    const CommandRun run = runServerCommand(
        { QStringLiteral("--db"), m_store.db(), QStringLiteral("mail-ingest") }, mail);
    return run.exitCode == 0 ? run.output.trimmed() : QStringLiteral("failed: ") + run.output;
}

QJsonObject TestTriage::waitingMail(const QString &messageId)
{
    const Reply r = call("GET", QStringLiteral("/triage"), {}, QStringLiteral("lead"));
    for (const QJsonValue &m : r.body.value(QStringLiteral("mails")).toArray())
        if (m[QStringLiteral("message_id")].toString() == messageId)
            return m.toObject();
    return {};
}

QJsonObject TestTriage::feedTicket(const QString &id)
{
    const Reply r = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {},
                         QStringLiteral("lead"));
    QJsonObject found;
    for (const QJsonValue &c : r.body.value(QStringLiteral("changes")).toArray())
        if (c[QStringLiteral("kind")].toString() == u"ticket"
            && c[QStringLiteral("data")][QStringLiteral("id")].toString() == id)
            found = c[QStringLiteral("data")].toObject();
    return found;
}

void TestTriage::unknownSenderWaitsForALead()
{
    const Reply before = call("GET", QStringLiteral("/triage?limit=0"), {}, QStringLiteral("lead"));
    QCOMPARE(before.status, 200);
    const qint64 waiting = before.body.value(QStringLiteral("waiting")).toInteger();
    const qint64 seqBefore = call("GET", QStringLiteral("/changes?after=0&limit=5000"), {},
                                  QStringLiteral("lead"))
                                 .body.value(QStringLiteral("changes"))
                                 .toArray()
                                 .last()[QStringLiteral("seq")]
                                 .toInteger();
    const QString line = ingest(corpusMailFrom("07-attachments.eml",
                                               "Someone New <new.person@initech.example>",
                                               "t-wait@initech.example"));
    QVERIFY2(line.contains(u"triage (unknown-sender)"), qPrintable(line));

    // Leads read it: who, what, when, the text and the files by name.
    const QJsonObject m = waitingMail(QStringLiteral("t-wait@initech.example"));
    QVERIFY(!m.isEmpty());
    QCOMPARE(m[QStringLiteral("state")].toString(), QStringLiteral("waiting"));
    QCOMPARE(m[QStringLiteral("sender")].toString(), QStringLiteral("new.person@initech.example"));
    QCOMPARE(m[QStringLiteral("sender_name")].toString(), QStringLiteral("Someone New"));
    QCOMPARE(m[QStringLiteral("subject")].toString(), QStringLiteral("nginx error log attached"));
    QCOMPARE(m[QStringLiteral("reason")].toString(), QStringLiteral("unknown-sender"));
    QCOMPARE(m[QStringLiteral("text")].toString().trimmed(),
             QStringLiteral("Log and screenshot attached."));
    QVERIFY(m[QStringLiteral("received_at")].isString());
    QStringList files;
    for (const QJsonValue &a : m[QStringLiteral("attachments")].toArray())
        files.append(a[QStringLiteral("name")].toString());
    QCOMPARE(files, QStringList({ QStringLiteral("nginx-error.log"), QStringLiteral("截图.png") }));
    const Reply count = call("GET", QStringLiteral("/triage?limit=0"), {}, QStringLiteral("lead"));
    QCOMPARE(count.body.value(QStringLiteral("waiting")).toInteger(), waiting + 1);
    QVERIFY(count.body.value(QStringLiteral("mails")).toArray().isEmpty());

    // The desks are hinted: the feed has the count in a record of its own.
    const Reply feed = call("GET", QStringLiteral("/changes?after=%1").arg(seqBefore), {},
                            QStringLiteral("agent"));
    QJsonObject record;
    for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray())
        if (c[QStringLiteral("kind")].toString() == u"triage")
            record = c.toObject();
    QCOMPARE(record[QStringLiteral("data")][QStringLiteral("waiting")].toInteger(), waiting + 1);

    // Not an agent's, not a console's, not without a token.
    const QString path = QStringLiteral("/triage/") + m[QStringLiteral("id")].toString();
    const QJsonObject discard { { QStringLiteral("action"), QStringLiteral("discard") },
                                { QStringLiteral("reason"), QStringLiteral("spam") } };
    for (const QString &who : { QStringLiteral("agent"), QStringLiteral("console") }) {
        QCOMPARE(call("GET", QStringLiteral("/triage"), {}, who).status, 403);
        QCOMPARE(call("POST", path, discard, who).status, 403);
    }
    QCOMPARE(call("GET", QStringLiteral("/triage"), {}, {}).status, 401);
    QCOMPARE(waitingMail(QStringLiteral("t-wait@initech.example"))[QStringLiteral("state")]
                 .toString(),
             QStringLiteral("waiting"));
}

void TestTriage::leadFilesItForACustomerOnce()
{
    QVERIFY2(ingest(corpusMailFrom("07-attachments.eml", "Li Wei <li.wei@new-acme.example>",
                                   "t-file@new-acme.example"))
                 .contains(u"triage"),
             "not kept for triage");
    const QJsonObject m = waitingMail(QStringLiteral("t-file@new-acme.example"));
    const QString path = QStringLiteral("/triage/") + m[QStringLiteral("id")].toString();
    const QJsonObject file { { QStringLiteral("action"), QStringLiteral("file") },
                             { QStringLiteral("customer_id"), QStringLiteral("c-acme") },
                             { QStringLiteral("register_sender"), true } };
    const Reply r = call("POST", path, file, QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body[QStringLiteral("result")].toString(), QStringLiteral("applied"));
    const QJsonObject filed = r.body[QStringLiteral("mail")].toObject();
    QCOMPARE(filed[QStringLiteral("state")].toString(), QStringLiteral("filed"));
    QCOMPARE(filed[QStringLiteral("customer_id")].toString(), QStringLiteral("c-acme"));
    QCOMPARE(filed[QStringLiteral("registered_address")].toString(),
             QStringLiteral("li.wei@new-acme.example"));
    QCOMPARE(filed[QStringLiteral("decided_by")].toString(), QStringLiteral("lead"));
    const QString ticketId = filed[QStringLiteral("ticket_id")].toString();
    QVERIFY(filed[QStringLiteral("ticket_number")].toInteger() > 0);

    // The customer's ticket on the e-mail channel, the mail its first message, its files its
    // own, and the replies go back to the sender.
    const QJsonObject t = feedTicket(ticketId);
    QCOMPARE(t[QStringLiteral("customer_id")].toString(), QStringLiteral("c-acme"));
    QCOMPARE(t[QStringLiteral("channel")].toString(), QStringLiteral("email"));
    QCOMPARE(t[QStringLiteral("subject")].toString(), QStringLiteral("nginx error log attached"));
    QCOMPARE(t[QStringLiteral("body")].toString().trimmed(),
             QStringLiteral("Log and screenshot attached."));
    QCOMPARE(t[QStringLiteral("reply_via")].toString(), QStringLiteral("email"));
    QCOMPARE(t[QStringLiteral("reply_to")].toString(), QStringLiteral("li.wei@new-acme.example"));
    const Reply files = call("GET", QStringLiteral("/tickets/%1/attachments").arg(ticketId), {},
                             QStringLiteral("lead"));
    QCOMPARE(files.body[QStringLiteral("attachments")].toArray().size(), 2);

    // Once: the same again is answered the same; another decision is refused.
    const Reply again = call("POST", path, file, QStringLiteral("lead"));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body[QStringLiteral("result")].toString(), QStringLiteral("duplicate"));
    QCOMPARE(again.body[QStringLiteral("mail")][QStringLiteral("ticket_id")].toString(), ticketId);
    const Reply other = call("POST", path,
                             { { QStringLiteral("action"), QStringLiteral("discard") },
                               { QStringLiteral("reason"), QStringLiteral("noise") } },
                             QStringLiteral("lead"));
    QCOMPARE(other.status, 409);
    QCOMPARE(errorCode(other), QStringLiteral("already-decided"));
    QVERIFY(waitingMail(QStringLiteral("t-file@new-acme.example")).isEmpty());
    const Reply listed = call("GET", QStringLiteral("/triage?state=filed"), {},
                              QStringLiteral("lead"));
    QCOMPARE(listed.body[QStringLiteral("mails")][0][QStringLiteral("ticket_id")].toString(),
             ticketId);

    // The sender is registered: the next mail files itself.
    const QString next = ingest(corpusMailFrom("10-unknown-sender.eml",
                                               "li.wei@new-acme.example",
                                               "t-file-2@new-acme.example"));
    QVERIFY2(next.contains(u" ticket #"), qPrintable(next));
}

void TestTriage::refusedByThePlanAsANewTicket()
{
    QVERIFY(ingest(corpusMailFrom("11-partner-no-subclient.eml", "chen@partner-new.example",
                                  "t-sub@partner-new.example"))
                .contains(u"triage"));
    const QString path = QStringLiteral("/triage/")
        + waitingMail(QStringLiteral("t-sub@partner-new.example"))[QStringLiteral("id")].toString();
    // A partner's ticket needs the sub-client's account: the plan's code and arguments, as
    // for a new ticket, and the mail still waits.
    const QJsonObject file { { QStringLiteral("action"), QStringLiteral("file") },
                             { QStringLiteral("customer_id"), QStringLiteral("c-partner") } };
    Reply r = call("POST", path, file, QStringLiteral("lead"));
    QCOMPARE(r.status, 422);
    QCOMPARE(errorCode(r), QStringLiteral("sub-client-required"));
    QVERIFY(!waitingMail(QStringLiteral("t-sub@partner-new.example")).isEmpty());
    QJsonObject withSub = file;
    withSub.insert(QStringLiteral("sub_client"), QStringLiteral("sub-1"));
    r = call("POST", path, withSub, QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    QCOMPARE(feedTicket(r.body[QStringLiteral("mail")][QStringLiteral("ticket_id")].toString())
                 [QStringLiteral("sub_client")]
                     .toString(),
             QStringLiteral("sub-1"));
}

void TestTriage::discardedIsKeptAndListed()
{
    QVERIFY(ingest(corpusMailFrom("10-unknown-sender.eml", "deals@spam.example",
                                  "t-spam@spam.example"))
                .contains(u"triage"));
    const QJsonObject m = waitingMail(QStringLiteral("t-spam@spam.example"));
    const QString path = QStringLiteral("/triage/") + m[QStringLiteral("id")].toString();
    const QJsonObject discard { { QStringLiteral("action"), QStringLiteral("discard") },
                                { QStringLiteral("reason"), QStringLiteral("spam") } };
    Reply r = call("POST", path, discard, QStringLiteral("lead"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body[QStringLiteral("result")].toString(), QStringLiteral("applied"));
    r = call("POST", path, discard, QStringLiteral("lead"));
    QCOMPARE(r.body[QStringLiteral("result")].toString(), QStringLiteral("duplicate"));
    QVERIFY(waitingMail(QStringLiteral("t-spam@spam.example")).isEmpty());
    r = call("GET", QStringLiteral("/triage?state=discarded"), {}, QStringLiteral("lead"));
    const QJsonObject kept = r.body[QStringLiteral("mails")][0].toObject();
    QCOMPARE(kept[QStringLiteral("message_id")].toString(), QStringLiteral("t-spam@spam.example"));
    QCOMPARE(kept[QStringLiteral("discard_reason")].toString(), QStringLiteral("spam"));
    QCOMPARE(kept[QStringLiteral("text")].toString().trimmed(),
             QStringLiteral("Hello, who can tell me about prices?"));
    // Counted as discarded in the mail metrics (a process with a sender reports them), not
    // left out of every outcome.
    RealServer reporting { serverProgram() };
    QVERIFY2(reporting.start(m_store.db(),
                             { QStringLiteral("--smtp-url"),
                               QStringLiteral("smtp://127.0.0.1:%1").arg(freeLoopbackPort()) }),
             reporting.log().constData());
    // (the sender reads the counts from the database after it starts: asked until it has)
    QNetworkAccessManager net;
    const auto scrape = [&] {
        std::unique_ptr<QNetworkReply> reply(net.get(
                QNetworkRequest(QUrl(reporting.url().toString() + QStringLiteral("/metrics")))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        return reply->readAll();
    };
    QByteArray metrics;
    QTRY_VERIFY2_WITH_TIMEOUT(
            (metrics = scrape()).contains("\nsupportdesk_mail_in_total{outcome=\"discarded\"} 1\n"),
            metrics.mid(metrics.indexOf("supportdesk_mail_in_total")).left(400).constData(),
            10000);
    reporting.stop();
    // Filing it after all is another decision.
    r = call("POST", path,
             { { QStringLiteral("action"), QStringLiteral("file") },
               { QStringLiteral("customer_id"), QStringLiteral("c-acme") } },
             QStringLiteral("lead"));
    QCOMPARE(r.status, 409);
}

void TestTriage::hostileInputNamesTheField()
{
    QVERIFY(ingest(corpusMailFrom("10-unknown-sender.eml", "x@hostile.example",
                                  "t-hostile@hostile.example"))
                .contains(u"triage"));
    const QString path = QStringLiteral("/triage/")
        + waitingMail(QStringLiteral("t-hostile@hostile.example"))[QStringLiteral("id")]
              .toString();
    const auto file = [](const char *key, const QJsonValue &value) {
        QJsonObject o { { QStringLiteral("action"), QStringLiteral("file") },
                        { QStringLiteral("customer_id"), QStringLiteral("c-acme") } };
        o.insert(QLatin1String(key), value);
        return o;
    };
    struct Case
    {
        QJsonObject body;
        QByteArray raw;
        int status;
        QString field;
    };
    const QVector<Case> cases {
        { {}, "not json", 400, QStringLiteral("$") },
        { {}, "[1]", 400, QStringLiteral("$") },
        { { { QStringLiteral("action"), QStringLiteral("delete") } }, {}, 400,
          QStringLiteral("action") },
        { file("customer_id", 5), {}, 400, QStringLiteral("customer_id") },
        { file("customer_id", QString()), {}, 400, QStringLiteral("customer_id") },
        { file("customer_id", QString(300, u'c')), {}, 400, QStringLiteral("customer_id") },
        { file("customer_id", QStringLiteral("no-such")), {}, 422,
          QStringLiteral("customer_id") },
        { file("register_sender", QStringLiteral("yes")), {}, 400,
          QStringLiteral("register_sender") },
        { file("severity", 3), {}, 400, QStringLiteral("severity") },
        { file("sub_client", QStringLiteral("a\u0000b")), {}, 400, QStringLiteral("sub_client") },
        { file("quota_override_reason", QString(5000, u'r')), {}, 400,
          QStringLiteral("quota_override_reason") },
        { { { QStringLiteral("action"), QStringLiteral("discard") },
            { QStringLiteral("reason"), QStringLiteral("boring") } },
          {}, 400, QStringLiteral("reason") },
    };
    for (const Case &c : cases) {
        const Reply r = call("POST", path, c.body, QStringLiteral("lead"), c.raw);
        QVERIFY2(r.status == c.status && errorField(r) == c.field,
                 qPrintable(QStringLiteral("%1 %2").arg(r.status).arg(QString::fromUtf8(r.raw))));
    }
    // Still waiting after all of them.
    QVERIFY(!waitingMail(QStringLiteral("t-hostile@hostile.example")).isEmpty());
    // Ids that are no mail's, and bad queries.
    for (const QString &id : { QStringLiteral("nope!"), QString(2000, u'A'),
                               QStringLiteral("dW5rbm93bkBub3doZXJl") }) {
        const Reply r = call("POST", QStringLiteral("/triage/") + id,
                             { { QStringLiteral("action"), QStringLiteral("discard") },
                               { QStringLiteral("reason"), QStringLiteral("spam") } },
                             QStringLiteral("lead"));
        QCOMPARE(r.status, 404);
    }
    for (const auto &[query, field] :
         { std::pair { "state=everything", "state" }, std::pair { "limit=-1", "limit" },
           std::pair { "limit=100000", "limit" }, std::pair { "limit=x", "limit" } }) {
        const Reply r = call("GET", QStringLiteral("/triage?") + QLatin1String(query), {},
                             QStringLiteral("lead"));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QLatin1String(field));
    }
}

void TestTriage::responsesMatchOpenApi()
{
    QVERIFY(m_samples.size() > 20);
    const QString mismatches = openApiMismatches(m_samples, m_dir.path());
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches));
}

QTEST_MAIN(TestTriage)
#include "tst_triage.moc"
