// A ticket's channel and reply route, decided by the server where mail or an IM group makes the
// ticket, and the outboxes reading the route (issue 16): the real supportdesk-server and its
// real mail-ingest on a store of its own (SQLite, or PostgreSQL with SUPPORTDESK_TEST_STORE),
// and the schema step that gives tickets opened before the route existed their route, checked
// on a store made to look as an older server left it.
#include "domain.h"
#include "serverfixture.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestReplyRoutes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void mailAndImDecideTheChannel();
    void olderTicketsGetTheirRouteWhenTheServerMigrates();

private:
    // The store's own connection, for what only the database shows (the outboxes) and to
    // make it look as an older server left it.
    bool openSql();
    QVariant one(const QString &sql);
    RealServer::Reply imPost(const QString &text);
    QJsonObject reply(const Ticket &t, const QString &messageId);

    QTemporaryDir m_dir;
    TestStore m_store;
    QString m_db;
    QString m_token;
    QByteArray m_secret;
    RealServer m_server { serverProgram() };
    QString m_mailTicket;
    QString m_imTicket;
    QString m_deskTicket;
    QStringList m_customerMessages; // the mail's and the group's, on their tickets
};

void TestReplyRoutes::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString opened = m_store.open(m_dir.path(), QStringLiteral("routes.db"));
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    m_db = m_store.db();
    // Nobody listens on the group's URL: its replies wait in the outbox, which is what is read.
    m_secret = addAcmeChannels(m_db, QStringLiteral(MAIL_CORPUS), QStringLiteral("g-acme"),
                               QStringLiteral("ACME 运维群"),
                               QStringLiteral("http://127.0.0.1:9/hook"));
    QVERIFY(!m_secret.isEmpty());
    m_token = addAgent(m_db, QStringLiteral("a-lead"), QStringLiteral("lead"));
    QVERIFY(!m_token.isEmpty());
    QVERIFY(openSql());
}

void TestReplyRoutes::cleanupTestCase()
{
    m_server.stop();
    QSqlDatabase::removeDatabase(QStringLiteral("routes"));
    m_store.stop();
}

bool TestReplyRoutes::openSql()
{
    QSqlDatabase db;
    if (m_store.isPostgreSql()) {
        const QUrl url(m_db);
        const QUrlQuery query(url);
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("routes"));
        db.setHostName(query.hasQueryItem(QStringLiteral("host"))
                               ? query.queryItemValue(QStringLiteral("host"))
                               : url.host());
        db.setPort(url.port());
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("routes"));
        db.setDatabaseName(m_db);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!db.open())
        qWarning("%s", qPrintable(db.lastError().text()));
    return db.isOpen();
}

QVariant TestReplyRoutes::one(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("routes")));
    if (!q.exec(sql) || !q.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return {};
    }
    return q.value(0);
}

RealServer::Reply TestReplyRoutes::imPost(const QString &text)
{
    QNetworkAccessManager net;
    QNetworkReply *reply = postImMessage(net, m_server.url(), QStringLiteral("g-acme"), m_secret,
                                         { { QStringLiteral("message_id"), uuid() },
                                           { QStringLiteral("sender"), QStringLiteral("张伟") },
                                           { QStringLiteral("text"), text } });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    RealServer::Reply r;
    if (reply->isFinished() || finished.wait(20000)) {
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        r.body = QJsonDocument::fromJson(r.raw).object();
    }
    delete reply;
    return r;
}

QJsonObject TestReplyRoutes::reply(const Ticket &t, const QString &messageId)
{
    return m_server.postOp(
            m_token,
            { { QStringLiteral("op_id"), uuid() },
              { QStringLiteral("type"), QStringLiteral("reply") },
              { QStringLiteral("ticket_id"), t.id },
              { QStringLiteral("base_version"), t.version },
              { QStringLiteral("payload"),
                QJsonObject { { QStringLiteral("message_id"), messageId },
                              { QStringLiteral("body"), QStringLiteral("Fixed on our side.") } } } });
}

// A mail's ticket is of the e-mail channel (the catalog names it in both languages, and the
// plan takes it as a ticket), an IM group's of im-group, an agent's what the agent chose.
void TestReplyRoutes::mailAndImDecideTheChannel()
{
    m_mailTicket = ingestMailFile(m_db,
                                  QStringLiteral(MAIL_CORPUS "/01-foxmail-gbk-new.eml"));
    QVERIFY(!m_mailTicket.isEmpty());

    QVERIFY2(m_server.start(m_db), m_server.log().constData());
    const RealServer::Reply posted = imPost(QStringLiteral("CLB 健康检查失败"));
    QCOMPARE(posted.status, 200);
    m_imTicket = posted.body.value(QStringLiteral("ticket_id")).toString();
    m_deskTicket = uuid();
    const QJsonObject created = m_server.postOp(
            m_token,
            { { QStringLiteral("op_id"), uuid() },
              { QStringLiteral("type"), QStringLiteral("create-ticket") },
              { QStringLiteral("ticket_id"), m_deskTicket },
              { QStringLiteral("base_version"), 0 },
              { QStringLiteral("payload"),
                QJsonObject { { QStringLiteral("customer_id"), QStringLiteral("c-acme") },
                              { QStringLiteral("subject"), QStringLiteral("Phoned in") },
                              { QStringLiteral("channel"), QStringLiteral("hotline") },
                              { QStringLiteral("severity"), QStringLiteral("consultation") } } } });
    QCOMPARE(created.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));

    const RealServer::State s = m_server.state(m_token);
    QVERIFY(s.ok);
    QCOMPARE(s.tickets.value(m_mailTicket).channel, QStringLiteral("email"));
    QCOMPARE(s.tickets.value(m_mailTicket).reply.via, ReplyVia::Email);
    QCOMPARE(s.tickets.value(m_imTicket).channel, QStringLiteral("im-group"));
    QCOMPARE(s.tickets.value(m_imTicket).reply.via, ReplyVia::Im);
    QCOMPARE(s.tickets.value(m_deskTicket).channel, QStringLiteral("hotline"));

    // What the customer writes next is theirs: a mail answering the acknowledgement, the
    // group's next message (its open ticket).
    QFile answer(QStringLiteral(MAIL_CORPUS "/04-gmail-reply.eml"));
    QVERIFY(answer.open(QIODevice::ReadOnly));
    const CommandRun replied = runServerCommand(
            { QStringLiteral("--db"), m_db, QStringLiteral("mail-ingest") }, answer.readAll());
    QVERIFY2(replied.exitCode == 0 && replied.output.contains(m_mailTicket),
             qPrintable(replied.output));
    QCOMPARE(imPost(QStringLiteral("日志里全是 too many connections")).status, 200);
    const RealServer::State after = m_server.state(m_token);
    QCOMPARE(after.messages.value(m_mailTicket).size(), 1);
    const Message mailed = after.messages.value(m_mailTicket).first();
    QCOMPARE(mailed.kind, MessageKind::Customer);
    QCOMPARE(mailed.authorId, QStringLiteral("li.wei@acme.cn"));
    QCOMPARE(after.messages.value(m_imTicket).size(), 1);
    const Message grouped = after.messages.value(m_imTicket).first();
    QCOMPARE(grouped.kind, MessageKind::Customer);
    QCOMPARE(grouped.body, QStringLiteral("张伟: 日志里全是 too many connections"));
    m_customerMessages = { mailed.id, grouped.id };

    // The console reads them as part of the customer's public conversation.
    const QString console = addAgent(m_db, QStringLiteral("a-console"), QStringLiteral("service"),
                                     { QStringLiteral("--customers"), QStringLiteral("c-acme") });
    QVERIFY(!console.isEmpty());
    const RealServer::Reply read = m_server.request(
            "GET", QStringLiteral("/intake/tickets/%1").arg(m_mailTicket), console);
    QCOMPARE(read.status, 200);
    QCOMPARE(read.body.value(QStringLiteral("messages")).toArray().size(), 1);
    QCOMPARE(read.body[QStringLiteral("messages")][0][QStringLiteral("id")].toString(), mailed.id);

    // The catalog the desk is handed names the channel in both languages.
    const RealServer::Reply catalog = m_server.request("GET", QStringLiteral("/catalog"), m_token);
    QCOMPARE(catalog.status, 200);
    QVERIFY2(catalog.raw.contains(R"("id":"email")"), catalog.raw.left(200).constData());
    QVERIFY(catalog.raw.contains(R"("en":"E-mail")"));
    QVERIFY(catalog.raw.contains(QStringLiteral(R"("zh":"邮件")").toUtf8()));
}

// Tickets a mail or a group opened before their record carried a route (and a mail's before
// it had its channel) get both when the server migrates, from the mail and IM tables, under
// new sequences so desks take them again; then a public reply goes where the route says.
void TestReplyRoutes::olderTicketsGetTheirRouteWhenTheServerMigrates()
{
    QVERIFY(!m_mailTicket.isEmpty() && !m_imTicket.isEmpty());
    m_server.stop();
    QSqlDatabase sql = QSqlDatabase::database(QStringLiteral("routes"));
    {
        // As the server before schema 10 wrote them: no route, a mail's channel `ticket`.
        QSqlQuery q(sql);
        for (const QString &id : { m_mailTicket, m_imTicket }) {
            q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'ticket' AND id = ?"));
            q.addBindValue(id);
            QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
            QJsonObject data = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            q.finish();
            QVERIFY(data.contains(QStringLiteral("reply_via")));
            for (const char *key : { "reply_via", "reply_to", "reply_im" })
                data.remove(QLatin1String(key));
            if (id == m_mailTicket)
                data.insert(QStringLiteral("channel"), QStringLiteral("ticket"));
            q.prepare(QStringLiteral("UPDATE records SET data = ? WHERE kind = 'ticket' AND id = ?"));
            q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
            q.addBindValue(id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        // And what the customers wrote, as `public` (there was no `customer` kind).
        for (const QString &id : std::as_const(m_customerMessages)) {
            q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'message' AND id = ?"));
            q.addBindValue(id);
            QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
            QJsonObject data = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            q.finish();
            data.insert(QStringLiteral("kind"), QStringLiteral("public"));
            q.prepare(QStringLiteral("UPDATE records SET data = ? WHERE kind = 'message' AND "
                                     "id = ?"));
            q.addBindValue(QString::fromUtf8(QJsonDocument(data).toJson(QJsonDocument::Compact)));
            q.addBindValue(id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            q.prepare(QStringLiteral("UPDATE messages SET kind = 'public' WHERE id = ?"));
            q.addBindValue(id);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        // Back to schema 11: the steps after it undone too (13 service_use, 14 mail_triage).
        QVERIFY2(q.exec(QStringLiteral("DROP TABLE service_use")),
                 qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("DROP TABLE mail_triage")), qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 12")),
                 qPrintable(q.lastError().text()));
    }
    const qint64 lastSeq
            = one(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")).toLongLong();
    QVERIFY(lastSeq > 0);

    QVERIFY2(m_server.start(m_db), m_server.log().constData());
    QCOMPARE(one(QStringLiteral("SELECT MAX(version) FROM schema_version")).toInt(), 14);
    const RealServer::State s = m_server.state(m_token);
    QVERIFY(s.ok);
    const Ticket mail = s.tickets.value(m_mailTicket);
    const Ticket im = s.tickets.value(m_imTicket);
    const Ticket desk = s.tickets.value(m_deskTicket);
    QCOMPARE(mail.reply, (ReplyRoute { ReplyVia::Email, QStringLiteral("li.wei@acme.cn"), {} }));
    QCOMPARE(mail.channel, QStringLiteral("email"));
    QCOMPARE(im.reply,
             (ReplyRoute { ReplyVia::Im, QStringLiteral("ACME 运维群"), QStringLiteral("wecom") }));
    QCOMPARE(im.channel, QStringLiteral("im-group"));
    QCOMPARE(desk.reply, ReplyRoute());
    QCOMPARE(desk.channel, QStringLiteral("hotline"));
    // Rewritten under new sequences (a desk past lastSeq takes them again); the rest untouched,
    // and the feed's head moved with them.
    QVERIFY2(mail.seq > lastSeq && im.seq > lastSeq, qPrintable(QString::number(lastSeq)));
    QVERIFY(desk.seq <= lastSeq);
    // The customers' messages are theirs again, also under new sequences.
    qint64 head = std::max(mail.seq, im.seq);
    for (const QString &ticket : { m_mailTicket, m_imTicket }) {
        for (const Message &m : s.messages.value(ticket)) {
            QVERIFY(m_customerMessages.contains(m.id));
            QCOMPARE(m.kind, MessageKind::Customer);
            QVERIFY(m.seq > lastSeq);
            head = std::max(head, m.seq);
        }
    }
    QCOMPARE(one(QStringLiteral("SELECT COUNT(*) FROM messages WHERE kind = 'customer'")).toInt(),
             2);
    QCOMPARE(one(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")).toLongLong(),
             head);

    // The route decides the outboxes: the mail ticket's reply is mailed, the group's posted,
    // the desk ticket's stays in the desk.
    const QString toMail = uuid(), toGroup = uuid(), toDesk = uuid();
    for (const auto &[ticket, message] : { std::pair { mail, toMail }, std::pair { im, toGroup },
                                           std::pair { desk, toDesk } })
        QCOMPARE(reply(ticket, message).value(QStringLiteral("result")).toString(),
                 QStringLiteral("applied"));
    const auto count = [this](const char *table, const char *column, const QString &id) {
        return one(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = '%3'")
                           .arg(QLatin1String(table), QLatin1String(column), id))
                .toInt();
    };
    QCOMPARE(count("mail_outbox", "id", toMail), 1);
    QCOMPARE(count("im_outbox", "message_id", toGroup), 1);
    QCOMPARE(count("mail_outbox", "ticket_id", m_deskTicket)
                     + count("im_outbox", "ticket_id", m_deskTicket),
             0);
    QCOMPARE(count("mail_outbox", "id", toGroup) + count("im_outbox", "message_id", toMail), 0);
    m_server.stop();
}

QTEST_MAIN(TestReplyRoutes)
#include "tst_replyroutes.moc"
