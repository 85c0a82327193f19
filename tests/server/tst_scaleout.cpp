// Several supportdesk-server processes on one PostgreSQL (a throwaway cluster): processes that
// start together on a fresh database migrate it once; a commit on one process reaches the
// WebSocket clients of another; and the client's real sync code, writing through nginx to one
// process, goes on through the other when that one is SIGKILLed, losing no acknowledged op and
// applying none twice.
#include "serverfixture.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>
#include <memory>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

// A session of the test's own beside the servers', to hold the sequence row with. However the
// test ends, it is closed, which rolls back and lets the row go, so the tests after it can
// write.
struct OwnSession
{
    explicit OwnSession(const QSqlDatabase &like)
        : db(QSqlDatabase::cloneDatabase(like, QStringLiteral("holder")))
    {
        db.open();
    }
    ~OwnSession()
    {
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
    }
    QSqlDatabase db;
};

} // namespace

class TestScaleOut : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void processesStartingTogetherMigrateOnce();
    void commitOnOneReachesStreamOfAnother();
    void sequenceRowIsTakenFirstByDefault();
    void sequenceRowIsTakenAtTheEnd();
    void replyThreadsUnderMailTakenInMeanwhile_data();
    void replyThreadsUnderMailTakenInMeanwhile();
    void feedOrderIsCommitOrderAcrossWriters_data();
    void feedOrderIsCommitOrderAcrossWriters();
    void anOpsGroupIsTwoRoundTrips();
    void killedProcessLosesNoOp();
    void timesAreTimestamptz();

private:
    QString runServer(const QStringList &args, int *exitCode);
    QJsonObject post(const QUrl &base, const QJsonObject &op);
    QNetworkReply *postAsync(QNetworkAccessManager *net, const QUrl &base, const QJsonArray &ops);
    // Sessions of POST /ops groups waiting for a lock: at BEGIN (the sequence row taken first,
    // the default) or while running supportdesk_write_group() (SUPPORTDESK_PG_SEQUENCE_LOCK=end).
    enum class RowTaken { AtBegin, InTheFunction };
    int groupWritesWaiting(RowTaken where);
    // Two more processes on the database whose groups take the sequence row at the end.
    bool startLateServers();
    bool startNginx();
    Operation createTicket(int i) const;

    QTemporaryDir m_dir;
    TestStore m_store; // a throwaway PostgreSQL cluster
    QProcess m_nginx; // nginx-front.sh
    QString m_db; // postgresql://…
    QSqlDatabase m_sql; // the test's own look at the database
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    std::vector<std::unique_ptr<ServerProcess>> m_lateServers;
    QString m_token;
    quint16 m_nginxPort = 0;
};

QString TestScaleOut::runServer(const QStringList &args, int *exitCode)
{
    const CommandRun run = runServerCommand(args);
    *exitCode = run.exitCode;
    return run.output;
}

void TestScaleOut::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString store
        = m_store.open(m_dir.path(), QString(), TestStore::Kind::PostgreSql);
    QVERIFY2(store.isEmpty(), qPrintable(store));
    m_db = m_store.db();
    const QUrl url(m_db);
    m_sql = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("check"));
    m_sql.setHostName(url.host());
    m_sql.setPort(url.port());
    m_sql.setUserName(url.userName());
    m_sql.setDatabaseName(url.path().mid(1));
    QVERIFY2(m_sql.open(), qPrintable(m_sql.lastError().text()));
}

void TestScaleOut::cleanupTestCase()
{
    for (auto &s : m_servers)
        s->kill();
    for (auto &s : m_lateServers)
        s->kill();
    if (m_nginx.state() != QProcess::NotRunning) {
        m_nginx.closeWriteChannel();
        m_nginx.waitForFinished(10000);
    }
    m_sql = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    m_store.stop();
}

// Four processes started at the same moment on an empty database: every one comes up, the
// schema's steps ran once each, and the team settings were seeded once. (Without a lock they
// race: two sessions both find no schema_version table, and one fails creating it.)
void TestScaleOut::processesStartingTogetherMigrateOnce()
{
    constexpr int Processes = 4;
    for (int i = 0; i < Processes; ++i)
        m_servers.push_back(std::make_unique<ServerProcess>());
    for (auto &s : m_servers)
        s->start(m_db, { QStringLiteral("--readers"), QStringLiteral("1") });
    for (auto &s : m_servers)
        QVERIFY2(s->waitListening(), s->log.constData());

    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
    QList<int> versions;
    while (q.next())
        versions.append(q.value(0).toInt());
    QList<int> expected;
    // 4 e-mail, 5 the group-write function, 6–8 intake, attachments, IM, 9 records.audience,
    // 10 the group write takes the sequence row at the end, 11 attachments' message_id,
    // 12 reply routes backfilled, 13 IEM days and training sessions (service_use), 14 triage
    for (int v = 1; v <= 14; ++v)
        expected.append(v);
    QCOMPARE(versions, expected); // each step once
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'put-settings'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);

    // Two stay for the next tests.
    while (m_servers.size() > 2) {
        m_servers.back()->kill();
        m_servers.pop_back();
    }

    // An agent and a customer, added by admin commands while the servers run.
    int code = -1;
    QString out
        = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("agent"), QStringLiteral("add"),
                      QStringLiteral("--name"), QStringLiteral("李娜"), QStringLiteral("--role"),
                      QStringLiteral("agent"), QStringLiteral("--id"), QStringLiteral("a-lina") },
                    &code);
    QVERIFY2(code == 0, qPrintable(out));
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("token: (\\S+)")).match(out);
    QVERIFY2(m.hasMatch(), qPrintable(out));
    m_token = m.captured(1);
    Customer c;
    c.id = QStringLiteral("c-unlimited");
    c.name = QStringLiteral("云帆科技");
    c.planId = QStringLiteral("service-plan");
    c.editionId = QStringLiteral("s1-flagship");
    c.timeZone = QStringLiteral("Asia/Shanghai");
    QFile file(m_dir.filePath(QStringLiteral("customers.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonArray { Json::toJson(c) }).toJson());
    file.close();
    out = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("customer"),
                      QStringLiteral("import"), file.fileName() },
                    &code);
    QVERIFY2(code == 0, qPrintable(out));
}

QJsonObject TestScaleOut::post(const QUrl &base, const QJsonObject &op)
{
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(base.toString() + QStringLiteral("/api/v1/ops")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    std::unique_ptr<QNetworkReply> reply(net.post(
        request,
        QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { op } } }).toJson()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!finished.wait(15000))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

// The seq of the ticket an answer of POST /ops applied (one op); 0 when it was not applied.
static qint64 appliedSeq(const QJsonObject &answer)
{
    const QJsonObject result
        = answer.value(QStringLiteral("results")).toArray().at(0).toObject();
    if (result.value(QStringLiteral("result")).toString() != u"applied")
        return 0;
    return result.value(QStringLiteral("ticket"))
        .toObject()
        .value(QStringLiteral("seq"))
        .toInteger();
}

Operation TestScaleOut::createTicket(int i) const
{
    Operation op;
    op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.type = QStringLiteral("create-ticket");
    op.ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.madeAt = QDateTime::currentDateTimeUtc();
    op.payload = { { QStringLiteral("customer_id"), QStringLiteral("c-unlimited") },
                   { QStringLiteral("subject"), QStringLiteral("负载均衡 %1 健康检查失败").arg(i) },
                   { QStringLiteral("body"), QStringLiteral("502 from the backend") },
                   { QStringLiteral("channel"), QStringLiteral("ticket") },
                   { QStringLiteral("severity"), QStringLiteral("business-degraded") } };
    return op;
}

// A commit on process A is hinted to a WebSocket client of process B (NOTIFY in the write
// transaction, B's listening connection), with the sequence A committed.
void TestScaleOut::commitOnOneReachesStreamOfAnother()
{
    QCOMPARE(m_servers.size(), size_t(2));
    ServerProcess &a = *m_servers.at(0);
    ServerProcess &b = *m_servers.at(1);
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
    QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream").arg(b.port)));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    socket.open(request);
    QVERIFY(connected.wait(10000));

    const qint64 seq = appliedSeq(post(a.url(), Json::toJson(createTicket(0))));
    QVERIFY(seq > 0);
    // B's clients hear of exactly that commit. (A hint of an earlier commit may come first:
    // the admin commands' writes reach B's listener too.)
    const auto hinted = [&messages] {
        qint64 last = 0;
        for (const QList<QVariant> &m : std::as_const(messages)) {
            const QJsonObject hint = QJsonDocument::fromJson(m.at(0).toString().toUtf8()).object();
            if (hint.value(QStringLiteral("type")).toString() == u"changed")
                last = std::max(last, hint.value(QStringLiteral("seq")).toInteger());
        }
        return last;
    };
    QTRY_VERIFY_WITH_TIMEOUT(hinted() >= seq, 5000);
    QCOMPARE(hinted(), seq);
    socket.close();
}

QNetworkReply *TestScaleOut::postAsync(QNetworkAccessManager *net, const QUrl &base,
                                       const QJsonArray &ops)
{
    QNetworkRequest request(QUrl(base.toString() + QStringLiteral("/api/v1/ops")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return net->post(request,
                     QJsonDocument(QJsonObject { { QStringLiteral("ops"), ops } }).toJson());
}

int TestScaleOut::groupWritesWaiting(RowTaken where)
{
    // At BEGIN the group's first query is BEGIN, the row's lock and the lookups in one.
    const QString query = where == RowTaken::AtBegin
        ? QStringLiteral("BEGIN;%FROM meta WHERE key IN%FOR UPDATE%")
        : QStringLiteral("%supportdesk_write_group%");
    QSqlQuery q(m_sql);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = "
                               "'Lock' AND query LIKE '%1'")
                    .arg(query))
        || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool TestScaleOut::startLateServers()
{
    if (!m_lateServers.empty())
        return true;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SUPPORTDESK_PG_SEQUENCE_LOCK"), QStringLiteral("end"));
    for (int i = 0; i < 2; ++i) {
        m_lateServers.push_back(std::make_unique<ServerProcess>());
        m_lateServers.back()->process.setProcessEnvironment(env);
        if (!m_lateServers.back()->startListening(m_db, { QStringLiteral("--readers"),
                                                          QStringLiteral("1") }))
            return false;
    }
    return true;
}

// By default a POST /ops group takes the sequence row first, with BEGIN (docs/server.md:
// on an idle machine that was ahead of taking it at the end, which SUPPORTDESK_PG_SEQUENCE_LOCK
// =end keeps). The test holds the row: A's group waits at BEGIN, never gets as far as the
// function, and once the row is let go commits after what the test committed under it.
void TestScaleOut::sequenceRowIsTakenFirstByDefault()
{
    QCOMPARE(m_servers.size(), size_t(2));
    ServerProcess &a = *m_servers.at(0);
    const OwnSession holder(m_sql);
    QVERIFY2(holder.db.isOpen(), qPrintable(holder.db.lastError().text()));
    QSqlQuery h(holder.db);
    QVERIFY(h.exec(QStringLiteral("BEGIN")));
    QVERIFY(h.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq' FOR UPDATE")));
    QVERIFY(h.next());
    const qint64 seqJump = h.value(0).toLongLong() + 1000;
    QVERIFY(h.exec(
        QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'last_seq'").arg(seqJump)));

    QNetworkAccessManager net;
    const Operation op = createTicket(200);
    std::unique_ptr<QNetworkReply> sent(postAsync(&net, a.url(), { Json::toJson(op) }));
    QTRY_COMPARE_WITH_TIMEOUT(groupWritesWaiting(RowTaken::AtBegin), 1, 10000);
    QCOMPARE(groupWritesWaiting(RowTaken::InTheFunction), 0);
    QVERIFY(h.exec(QStringLiteral("COMMIT")));

    QTRY_VERIFY_WITH_TIMEOUT(sent->isFinished(), 15000);
    const QJsonObject result = QJsonDocument::fromJson(sent->readAll())
                                   .object()
                                   .value(u"results")
                                   .toArray()
                                   .at(0)
                                   .toObject();
    QCOMPARE(result.value(u"result").toString(), QStringLiteral("applied"));
    QCOMPARE(result.value(u"ticket").toObject().value(u"seq").toInteger(), seqJump + 1);
}

// The sequence row is taken at the end of a group's transaction, inside
// supportdesk_write_group(), so a process's lookups and rules run while another's group holds
// it (docs/server.md, "Several processes"). Here the test holds it: A's group (a new ticket
// and a note on ticket X) and then B's (another note on X, at the same version) both get as
// far as the function and wait there — before, they waited at BEGIN. The test then commits a
// jump of the sequence and releases the row: A's group commits with sequences and a ticket
// number past what the test left (its placeholders filled in, in the rows, the feed's JSON
// and the stored results); B's finds X changed since it read it, is applied again the old way
// and answers conflict, not a second note on version 1.
void TestScaleOut::sequenceRowIsTakenAtTheEnd()
{
    QVERIFY(startLateServers());
    ServerProcess &a = *m_lateServers.at(0);
    ServerProcess &b = *m_lateServers.at(1);
    const Operation x = createTicket(100);
    const QJsonObject created = post(a.url(), Json::toJson(x));
    QCOMPARE(created.value(QStringLiteral("results"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("result"))
                 .toString(),
             QStringLiteral("applied"));
    const auto note = [&x](const QString &body) {
        Operation op;
        op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        op.type = QStringLiteral("note");
        op.ticketId = x.ticketId;
        op.baseVersion = 1;
        op.madeAt = QDateTime::currentDateTimeUtc();
        op.payload = { { QStringLiteral("message_id"),
                         QUuid::createUuid().toString(QUuid::WithoutBraces) },
                       { QStringLiteral("body"), body } };
        return Json::toJson(op);
    };

    const OwnSession holder(m_sql);
    QVERIFY2(holder.db.isOpen(), qPrintable(holder.db.lastError().text()));
    qint64 seqJump = 0, numberJump = 0;
    {
        QSqlQuery h(holder.db);
        QVERIFY(h.exec(QStringLiteral("BEGIN")));
        QVERIFY(h.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN "
                                      "('last_seq', 'last_number') FOR UPDATE")));
        while (h.next())
            (h.value(0).toString() == u"last_seq" ? seqJump : numberJump) = h.value(1).toLongLong();
        // As if another process's group had committed meanwhile.
        seqJump += 1000;
        numberJump += 100;
        QVERIFY(h.exec(
            QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'last_seq'").arg(seqJump)));
        QVERIFY(h.exec(QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'last_number'")
                           .arg(numberJump)));
    }

    QNetworkAccessManager net;
    const Operation y = createTicket(101);
    std::unique_ptr<QNetworkReply> fromA(
        postAsync(&net, a.url(), QJsonArray { Json::toJson(y), note(QStringLiteral("A 的备注")) }));
    QTRY_COMPARE_WITH_TIMEOUT(groupWritesWaiting(RowTaken::InTheFunction), 1, 10000);
    std::unique_ptr<QNetworkReply> fromB(
        postAsync(&net, b.url(), QJsonArray { note(QStringLiteral("B 的备注")) }));
    QTRY_COMPARE_WITH_TIMEOUT(groupWritesWaiting(RowTaken::InTheFunction), 2, 10000);
    QCOMPARE(groupWritesWaiting(RowTaken::AtBegin), 0);
    QVERIFY(QSqlQuery(holder.db).exec(QStringLiteral("COMMIT")));

    QTRY_VERIFY_WITH_TIMEOUT(fromA->isFinished() && fromB->isFinished(), 15000);
    const QJsonArray resultsA
        = QJsonDocument::fromJson(fromA->readAll()).object().value(u"results").toArray();
    const QJsonArray resultsB
        = QJsonDocument::fromJson(fromB->readAll()).object().value(u"results").toArray();
    QCOMPARE(resultsA.size(), 2);
    QCOMPARE(resultsB.size(), 1);
    const QJsonObject newTicket = resultsA.at(0).toObject().value(u"ticket").toObject();
    QCOMPARE(resultsA.at(0).toObject().value(u"result").toString(), QStringLiteral("applied"));
    QVERIFY2(resultsA.at(1).toObject().value(u"result").toString() == u"applied",
             QJsonDocument(resultsA.at(1).toObject()).toJson().constData());
    QCOMPARE(newTicket.value(u"number").toInteger(), numberJump + 1);
    QCOMPARE(newTicket.value(u"seq").toInteger(), seqJump + 1);
    const QJsonObject noted = resultsA.at(1).toObject().value(u"ticket").toObject();
    QVERIFY(noted.value(u"seq").toInteger() > seqJump + 1);
    QCOMPARE(noted.value(u"version").toInteger(), 2);
    QCOMPARE(noted.value(u"number").toInteger(),
             created.value(u"results")
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"ticket")
                 .toObject()
                 .value(u"number")
                 .toInteger());
    QCOMPARE(resultsB.at(0).toObject().value(u"result").toString(), QStringLiteral("conflict"));
    QCOMPARE(resultsB.at(0).toObject().value(u"ticket").toObject().value(u"version").toInteger(),
             2);

    // The database holds what the answers said, no placeholder anywhere.
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("SELECT r.seq, r.data, t.number, t.version FROM records r "
                                  "JOIN tickets t ON t.id = r.id WHERE r.kind = 'ticket' "
                                  "AND r.id = '%1'")
                       .arg(y.ticketId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), seqJump + 1);
    const QJsonObject stored = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
    QCOMPARE(stored.value(u"seq").toInteger(), seqJump + 1);
    QCOMPARE(stored.value(u"number").toInteger(), numberJump + 1);
    QCOMPARE(q.value(2).toLongLong(), numberJump + 1);
    QVERIFY(
        q.exec(QStringLiteral("SELECT result FROM applied_ops WHERE op_id = '%1'").arg(y.opId)));
    QVERIFY(q.next());
    const QJsonObject first = QJsonDocument::fromJson(q.value(0).toByteArray()).object();
    QCOMPARE(first.value(u"ticket").toObject().value(u"seq").toInteger(), seqJump + 1);
    QCOMPARE(first.value(u"ticket").toObject().value(u"number").toInteger(), numberJump + 1);
    QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM records WHERE data LIKE "
                                  "'%4000000000000%' OR seq >= 4000000000000000) + (SELECT "
                                  "COUNT(*) FROM applied_ops WHERE result LIKE '%4000000000000%')"
                                  " + (SELECT COUNT(*) FROM tickets WHERE number >= "
                                  "4000000000000000)")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(QStringLiteral("SELECT (SELECT value FROM meta WHERE key = 'last_seq'), "
                                  "(SELECT MAX(seq) FROM records), (SELECT COUNT(*) FROM "
                                  "messages WHERE ticket_id = '%1')")
                       .arg(x.ticketId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), q.value(1).toLongLong());
    QCOMPARE(q.value(2).toInt(), 1); // A's note; B's was refused
}

// Issue 15: a reply's mail names the thread's last message as it is when the reply commits.
// With SUPPORTDESK_PG_SEQUENCE_LOCK=end a POST /ops group on PostgreSQL takes the sequence row
// only at its end; a customer's mail another process takes in meanwhile (ingestMail moves
// mail_threads.last_message_id under the row) commits between the reply's rules and its
// commit. The reply answers that mail: its References are the first mail and that one. (Read
// without the row, as before the fix, they named the first mail alone, and the customer's
// second mail fell out of the thread.) By default the group waits for the row at BEGIN, so it
// reads the thread after that mail anyway; both ways are run.
void TestScaleOut::replyThreadsUnderMailTakenInMeanwhile_data()
{
    QTest::addColumn<bool>("late");
    QTest::newRow("row first (default)") << false;
    QTest::newRow("row at the end") << true;
}

void TestScaleOut::replyThreadsUnderMailTakenInMeanwhile()
{
    QFETCH(bool, late);
    QCOMPARE(m_servers.size(), size_t(2));
    QVERIFY(!late || startLateServers());
    ServerProcess &a = late ? *m_lateServers.at(0) : *m_servers.at(0);
    const QString tag = late ? QStringLiteral("late") : QStringLiteral("first");
    int code = -1;
    const QString out = runServer({ QStringLiteral("--db"), m_db, QStringLiteral("mail"),
                                    QStringLiteral("sender"), QStringLiteral("add"),
                                    QStringLiteral("ops@yunfan.cn"), QStringLiteral("--customer"),
                                    QStringLiteral("c-unlimited") },
                                  &code);
    QVERIFY2(code == 0, qPrintable(out));
    QFile mail(m_dir.filePath(tag + QStringLiteral(".eml")));
    QVERIFY(mail.open(QIODevice::WriteOnly));
    mail.write("From: Zhang Wei <ops@yunfan.cn>\r\n"
               "To: support@desk.example\r\n"
               "Subject: MySQL replica lag\r\n"
               "Message-ID: <first-1." + tag.toLatin1() + "@yunfan.cn>\r\n"
               "Date: Sat, 05 Dec 2026 09:00:00 +0800\r\n"
               "MIME-Version: 1.0\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n"
               "\r\n"
               "replica lag above 30 s since 08:40\r\n");
    mail.close();
    const QString ticketId = ingestMailFile(m_db, mail.fileName());
    QVERIFY(!ticketId.isEmpty());
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("SELECT version FROM tickets WHERE id = '%1'").arg(ticketId)));
    QVERIFY(q.next());
    const qint64 version = q.value(0).toLongLong();

    const OwnSession holder(m_sql);
    QVERIFY2(holder.db.isOpen(), qPrintable(holder.db.lastError().text()));
    QSqlQuery h(holder.db);
    QVERIFY(h.exec(QStringLiteral("BEGIN")));
    QVERIFY(h.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq' FOR UPDATE")));

    Operation reply;
    reply.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    reply.type = QStringLiteral("reply");
    reply.ticketId = ticketId;
    reply.baseVersion = version;
    reply.madeAt = QDateTime::currentDateTimeUtc();
    const QString messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    reply.payload = { { QStringLiteral("message_id"), messageId },
                      { QStringLiteral("body"), QStringLiteral("请发一下 SHOW SLAVE STATUS。") } };
    QNetworkAccessManager net;
    std::unique_ptr<QNetworkReply> sent(postAsync(&net, a.url(), { Json::toJson(reply) }));
    QTRY_COMPARE_WITH_TIMEOUT(
        groupWritesWaiting(late ? RowTaken::InTheFunction : RowTaken::AtBegin), 1, 10000);
    // As ingestMail in another process, under the row: the customer's second mail.
    QVERIFY(h.exec(QStringLiteral("UPDATE mail_threads SET last_message_id = "
                                  "'second-2.%1@yunfan.cn' WHERE ticket_id = '%2'")
                       .arg(tag, ticketId)));
    QVERIFY(h.exec(QStringLiteral("COMMIT")));

    QTRY_VERIFY_WITH_TIMEOUT(sent->isFinished(), 15000);
    const QJsonArray results
        = QJsonDocument::fromJson(sent->readAll()).object().value(u"results").toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.at(0).toObject().value(u"result").toString(), QStringLiteral("applied"));
    QVERIFY(q.exec(QStringLiteral("SELECT refs, to_address FROM mail_outbox WHERE id = '%1'")
                       .arg(messageId)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(),
             QStringLiteral("first-1.%1@yunfan.cn second-2.%1@yunfan.cn").arg(tag));
    QCOMPARE(q.value(1).toString(), QStringLiteral("ops@yunfan.cn"));
}

// Whether the row is taken first or at the end, sequences are handed out in commit order: a
// reader that follows the feed (after = the last seq it saw) while both processes commit
// groups never steps past a sequence that commits later, so it misses nothing. Were a sequence
// taken before a commit that lands after a higher one, the reader would skip it for good.
void TestScaleOut::feedOrderIsCommitOrderAcrossWriters_data()
{
    QTest::addColumn<bool>("late");
    QTest::newRow("row first (default)") << false;
    QTest::newRow("row at the end") << true;
}

void TestScaleOut::feedOrderIsCommitOrderAcrossWriters()
{
    QFETCH(bool, late);
    QCOMPARE(m_servers.size(), size_t(2));
    QVERIFY(!late || startLateServers());
    const auto &servers = late ? m_lateServers : m_servers;
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")));
    QVERIFY(q.next());
    const qint64 start = q.value(0).toLongLong();

    QNetworkAccessManager net;
    std::vector<std::unique_ptr<QNetworkReply>> writes;
    constexpr int Requests = 60; // each two create-tickets, half to each process
    int sent = 0;
    qint64 after = start;
    QSet<qint64> seen;
    int pages = 0;
    const auto poll = [&] {
        QNetworkRequest request(QUrl(servers.at(pages % 2)->url().toString()
                                     + QStringLiteral("/api/v1/changes?after=%1").arg(after)));
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        std::unique_ptr<QNetworkReply> reply(net.get(request));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!finished.wait(10000))
            return false;
        const QJsonObject page = QJsonDocument::fromJson(reply->readAll()).object();
        for (const QJsonValue &c : page.value(u"changes").toArray())
            seen.insert(c.toObject().value(u"seq").toInteger());
        after = std::max(after, page.value(u"last_seq").toInteger());
        ++pages;
        return true;
    };
    while (sent < Requests || std::any_of(writes.cbegin(), writes.cend(), [](const auto &r) {
               return !r->isFinished();
           })) {
        for (int i = 0; i < 4 && sent < Requests; ++i, ++sent)
            writes.emplace_back(postAsync(
                &net, servers.at(sent % 2)->url(),
                QJsonArray { Json::toJson(createTicket(sent)), Json::toJson(createTicket(sent)) }));
        QVERIFY(poll());
    }
    QVERIFY(poll());
    for (const auto &r : writes) {
        QCOMPARE(r->error(), QNetworkReply::NoError);
        for (const QJsonValue &v :
             QJsonDocument::fromJson(r->readAll()).object().value(u"results").toArray())
            QCOMPARE(v.toObject().value(u"result").toString(), QStringLiteral("applied"));
    }
    QVERIFY(q.exec(QStringLiteral("SELECT seq FROM records WHERE seq > %1").arg(start)));
    QSet<qint64> committed;
    while (q.next())
        committed.insert(q.value(0).toLongLong());
    QVERIFY(committed.size() >= Requests * 2);
    const QSet<qint64> missed = committed - seen;
    QVERIFY2(missed.isEmpty(),
             qPrintable(QStringLiteral("%1 records the reader stepped past, "
                                       "in %2 pages")
                            .arg(missed.size())
                            .arg(pages)));
}

namespace {

// The queries PostgreSQL's statement log (log_statement = 'all', the default line prefix
// '%m [%p] ') holds from byte `from` to `to`, as (backend pid, SQL): a prepared statement's
// EXECUTE or DEALLOCATE as the SQL it was prepared with (read from the whole log, since it
// may have been prepared earlier).
QVector<QPair<QString, QString>> loggedQueries(const QString &path, qint64 from, qint64 to)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = file.readAll();
    static const QRegularExpression entry(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\S+ \\S+ \\[(\\d+)\\] (\\w+):  (.*)$"));
    static const QRegularExpression logged(QStringLiteral(
        "\\A(?:statement|execute [^:]*): (?:(PREPARE|EXECUTE|DEALLOCATE) (\\w+)(?: AS )?)?"));
    QHash<QString, QString> preparedSql; // pid + name → SQL
    QVector<QPair<QString, QString>> queries;
    qint64 at = 0;
    QString pid, text;
    bool inWindow = false;
    const auto finish = [&] {
        const QRegularExpressionMatch m = logged.match(text);
        if (pid.isEmpty() || !m.hasMatch())
            return;
        QString sql = text.mid(m.capturedEnd());
        const QString key = pid + u' ' + m.captured(2);
        if (m.captured(1) == u"PREPARE")
            preparedSql.insert(key, sql);
        else if (!m.captured(1).isEmpty())
            sql = m.captured(1) + u' ' + preparedSql.value(key);
        if (inWindow)
            queries.append({ pid, sql });
    };
    for (const QByteArray &line : all.split('\n')) {
        const QString l = QString::fromUtf8(line);
        const QRegularExpressionMatch m = entry.match(l);
        if (m.hasMatch()) {
            finish();
            pid = m.captured(2) == u"LOG" ? m.captured(1) : QString();
            text = m.captured(3);
            inWindow = at >= from && at < to;
        } else {
            text += u'\n' + l;
        }
        at += line.size() + 1;
    }
    finish();
    return queries;
}

} // namespace

// What a POST /ops group costs the database, read from PostgreSQL's own statement log for the
// sessions of two processes started for this: the writer's two round trips a group (BEGIN with
// the sequence row and the lookups; the group function with COMMIT), and besides the writers'
// only what polls on a timer, however many ops there are (an op that touches no IM group or
// mail pays for neither). Before, every commit, a process's own or another's, woke each
// process's IM courier, whose claim was a transaction of five round trips that found nothing.
// The group's lookup is a statement each writer prepares once and executes with the group's
// ids: before, its text was sent (and parsed and planned) anew with every group.
void TestScaleOut::anOpsGroupIsTwoRoundTrips()
{
    const QString database = QUrl(m_db).path().mid(1);
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("ALTER DATABASE %1 SET log_statement = 'all'").arg(database)));
    const auto reset = qScopeGuard([&q, &database] {
        q.exec(QStringLiteral("ALTER DATABASE %1 RESET log_statement").arg(database));
    });
    std::vector<std::unique_ptr<ServerProcess>> logged; // their sessions start after the ALTER
    for (int i = 0; i < 2; ++i) {
        logged.push_back(std::make_unique<ServerProcess>());
        QVERIFY(logged.back()->startListening(m_db, { QStringLiteral("--readers"),
                                                      QStringLiteral("1") }));
    }
    const QString log = m_dir.filePath(QStringLiteral("pg/server.log"));
    const qint64 from = QFileInfo(log).size();
    QElapsedTimer elapsed;
    elapsed.start();
    constexpr int Requests = 30; // one after the other: a group each
    for (int i = 0; i < Requests; ++i) {
        const QJsonObject body
            = post(logged.at(i % 2)->url(), Json::toJson(createTicket(300 + i)));
        QCOMPARE(body.value(u"results").toArray().at(0).toObject().value(u"result").toString(),
                 QStringLiteral("applied"));
    }
    const qint64 seconds = elapsed.elapsed() / 1000 + 1;
    const qint64 to = QFileInfo(log).size();
    for (auto &s : logged)
        s->terminate();

    const QVector<QPair<QString, QString>> queries = loggedQueries(log, from, to);
    QSet<QString> writers;
    int groups = 0;
    for (const auto &[pid, sql] : queries) {
        if (sql.contains(u"supportdesk_write_group(")) {
            writers.insert(pid);
            ++groups;
        }
    }
    QCOMPARE(groups, Requests);
    int writerRoundTrips = 0, others = 0, lookups = 0;
    QStringList othersSeen;
    QHash<QString, int> lookupTexts; // writer → queries that carry the lookup's SELECT
    for (const auto &[pid, sql] : queries) {
        if (!writers.contains(pid)) {
            ++others;
            othersSeen.append(sql.left(80));
            continue;
        }
        const bool lookupText = sql.contains(u"SELECT 'o', op_id");
        if (lookupText)
            ++lookupTexts[pid];
        if (sql.startsWith(u"BEGIN")) {
            ++lookups;
            QVERIFY2(sql.contains(u"EXECUTE supportdesk_group_lookup(ARRAY["),
                     qPrintable(sql.left(400)));
            QVERIFY2(!sql.contains(u"SELECT 'o', op_id"), qPrintable(sql.left(400)));
        }
        if (sql.contains(u"token_hash")) // a request's token, looked up every 2 s
            continue;
        if (lookupText && !sql.startsWith(u"BEGIN")) // its PREPARE, once a writer (below)
            continue;
        ++writerRoundTrips;
    }
    QCOMPARE(lookups, groups);
    for (auto it = lookupTexts.cbegin(); it != lookupTexts.cend(); ++it)
        QVERIFY2(it.value() <= 1, qPrintable(QStringLiteral("writer %1 sent the lookup's text %2 "
                                                            "times for its %3 groups")
                                                 .arg(it.key())
                                                 .arg(it.value())
                                                 .arg(groups / 2)));
    QCOMPARE(writerRoundTrips, 2 * groups);
    // The pollers: each process's IM courier every 500 ms, its listener's probe every 5 s.
    QVERIFY2(others <= 5 * seconds + 4,
             qPrintable(QStringLiteral("%1 queries besides the writers' for %2 ops in %3 s: %4")
                            .arg(others)
                            .arg(Requests)
                            .arg(seconds)
                            .arg(othersSeen.mid(0, 12).join(QStringLiteral(" | ")))));
}

bool TestScaleOut::startNginx()
{
    // nginx-front.sh stays in the foreground and stops nginx when its stdin closes (the test
    // ends, however it ends).
    m_nginx.setProcessChannelMode(QProcess::SeparateChannels);
    m_nginx.start(QStringLiteral(NGINX_FRONT_SCRIPT),
                  { QStringLiteral("--stdin"), QString::number(m_servers.at(0)->port),
                    QString::number(m_servers.at(1)->port) });
    QElapsedTimer timer;
    timer.start();
    QByteArray out;
    const QRegularExpression portLine(QStringLiteral("^port (\\d+)$"),
                                      QRegularExpression::MultilineOption);
    while (timer.elapsed() < 30000 && m_nginx.state() != QProcess::NotRunning) {
        m_nginx.waitForReadyRead(100);
        out += m_nginx.readAllStandardOutput();
        const QRegularExpressionMatch m = portLine.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            m_nginxPort = quint16(m.captured(1).toUInt());
            return true;
        }
    }
    qWarning("%s", m_nginx.readAllStandardError().constData());
    return false;
}

// The client's own outbox, sync engine and transport, through nginx (round-robin over A and B,
// as deployed). A stream of create-tickets; A is SIGKILLed once some are acknowledged and while
// more are being sent. The client goes on through B (nginx skips the dead upstream; a request
// A took and never answered fails, and the outbox sends it again with its op_id): every op ends
// applied, each exactly once in the database.
void TestScaleOut::killedProcessLosesNoOp()
{
    // Several desks writing at once and desks listening, all through nginx, while process A is
    // killed (SIGKILL) in the middle: every writer's outbox empties through B, no acknowledged
    // op is lost or applied twice, and the listeners reconnect through nginx and hear B's
    // commits.
    QCOMPARE(m_servers.size(), size_t(2));
    QVERIFY(startNginx());
    const QUrl front(QStringLiteral("http://127.0.0.1:%1").arg(m_nginxPort));
    constexpr int Writers = 8;
    constexpr int OpsEach = 15;
    constexpr int Listeners = 4;
    struct Desk
    {
        std::unique_ptr<TicketCache> cache;
        std::unique_ptr<HttpTransport> transport;
        std::unique_ptr<SyncEngine> engine;
    };
    // The listeners: plain WebSocket clients of the front, which open again when dropped (as
    // the desk's stream does); each keeps the highest hinted seq and counts its connections.
    struct Listener
    {
        std::unique_ptr<QWebSocket> socket = std::make_unique<QWebSocket>();
        int connections = 0;
        qint64 hinted = 0;
    };
    std::vector<Listener> listeners(Listeners);
    QNetworkRequest streamRequest(
        QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/stream").arg(m_nginxPort)));
    streamRequest.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    for (Listener &l : listeners) {
        QWebSocket *socket = l.socket.get();
        connect(socket, &QWebSocket::connected, this, [&l] { ++l.connections; });
        connect(socket, &QWebSocket::disconnected, this, [socket, streamRequest] {
            QTimer::singleShot(100, socket,
                               [socket, streamRequest] { socket->open(streamRequest); });
        });
        connect(socket, &QWebSocket::textMessageReceived, this, [&l](const QString &text) {
            const QJsonObject hint = QJsonDocument::fromJson(text.toUtf8()).object();
            if (hint.value(QStringLiteral("type")).toString() == u"changed")
                l.hinted = std::max(l.hinted, hint.value(QStringLiteral("seq")).toInteger());
        });
        // One at a time, before any other request: nginx's round robin puts every other one
        // on A, so some are on the process that dies.
        socket->open(streamRequest);
        QTRY_COMPARE_WITH_TIMEOUT(l.connections, 1, 15000);
    }

    std::vector<Desk> desks;
    SyncEngine::Options options;
    options.opsBatch = 2; // many small requests, so the kill lands between and inside them
    options.minBackoffMs = 100;
    options.maxBackoffMs = 1000;
    options.pingIntervalMs = 500;
    int rejected = 0;
    int conflicts = 0;
    for (int w = 0; w < Writers; ++w) {
        Desk d;
        d.cache = std::make_unique<TicketCache>(QStringLiteral("scaleout-%1").arg(w));
        QCOMPARE(d.cache->open(m_dir.filePath(QStringLiteral("cache-%1.db").arg(w))),
                 TicketCache::OpenStatus::Ok);
        d.transport = std::make_unique<HttpTransport>(front, m_token);
        d.engine = std::make_unique<SyncEngine>(d.cache.get(), d.transport.get(), options);
        connect(d.engine.get(), &SyncEngine::rejected, this, [&rejected] { ++rejected; });
        connect(d.engine.get(), &SyncEngine::conflict, this, [&conflicts] { ++conflicts; });
        d.engine->start();
        desks.push_back(std::move(d));
    }

    QStringList opIds;
    QStringList ticketIds;
    const auto acknowledged = [&] {
        int pending = 0;
        for (const Desk &d : desks)
            pending += d.cache->pendingCount();
        return int(opIds.size()) - pending;
    };
    constexpr int Total = Writers * OpsEach;
    constexpr int KillAfter = Total / 3; // acknowledged ops before A dies
    bool killed = false;
    for (int i = 0; i < OpsEach; ++i) {
        for (Desk &d : desks) {
            const Operation op = createTicket(int(opIds.size()) + 1);
            opIds.append(op.opId);
            ticketIds.append(op.ticketId);
            QVERIFY(d.cache->saveEdit(op));
            d.engine->syncNow();
        }
        if (!killed && opIds.size() >= KillAfter + Writers) {
            QTRY_VERIFY_WITH_TIMEOUT(acknowledged() >= KillAfter, 30000);
            QVERIFY(acknowledged() < Total);
            m_servers.at(0)->kill();
            killed = true;
        }
        // A stream, not one burst: the engines send while ops keep coming (and wait for it).
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged() >= opIds.size() - 4 * Writers, 30000);
    }
    QVERIFY(killed);
    const auto pendingAll = [&] {
        int pending = 0;
        for (const Desk &d : desks)
            pending += d.cache->pendingCount();
        return pending;
    };
    QTRY_COMPARE_WITH_TIMEOUT(pendingAll(), 0, 60000);
    QCOMPARE(rejected, 0);
    QCOMPARE(conflicts, 0);

    // The listeners that were on A were dropped and are back through nginx (on B, the only
    // one left); every listener hears B's next commit.
    const int dropped = int(std::count_if(listeners.cbegin(), listeners.cend(),
                                          [](const Listener &l) { return l.connections > 1; }));
    qInfo("%d of %d listeners were on the killed process and reconnected", dropped, Listeners);
    QVERIFY(dropped >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(listeners.cbegin(), listeners.cend(),
                                         [](const Listener &l) {
                                             return l.socket->state()
                                                     == QAbstractSocket::ConnectedState;
                                         }),
                             15000);
    const qint64 seq = appliedSeq(post(front, Json::toJson(createTicket(0))));
    QVERIFY(seq > 0);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(listeners.cbegin(), listeners.cend(),
                                         [seq](const Listener &l) { return l.hinted >= seq; }),
                             10000);

    // The database: each op recorded once with its first result, each ticket created once.
    const auto list = [](const QStringList &ids) {
        return QStringLiteral("'%1'").arg(ids.join(QStringLiteral("','")));
    };
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT op_id) FROM applied_ops "
                                  "WHERE op_id IN (%1) AND result LIKE '%\"applied\"%'")
                       .arg(list(opIds))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Total);
    QCOMPARE(q.value(1).toInt(), Total);
    QVERIFY(q.exec(
        QStringLiteral("SELECT COUNT(*) FROM tickets WHERE id IN (%1)").arg(list(ticketIds))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Total);
    // An op applied twice would leave a second audit line (a replay is answered, not audited).
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM audit WHERE action = 'create-ticket' "
                                  "AND target IN (%1)")
                       .arg(list(ticketIds))));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), Total);
    for (Listener &l : listeners) {
        disconnect(l.socket.get(), nullptr, nullptr, nullptr); // no reopening now
        l.socket->close();
    }
    for (Desk &d : desks)
        d.engine->stop();
}

// Times are timestamptz on PostgreSQL, and a database of schema 2 (ISO 8601 text) is migrated
// with its values kept. The schema-2 database is made by turning a current one back: text
// columns written as the old server wrote them, and its schema_version row removed.
void TestScaleOut::timesAreTimestamptz()
{
    const QStringList columns { QStringLiteral("tickets.created_at"),
                                QStringLiteral("tickets.first_response_at"),
                                QStringLiteral("tickets.due_at"),
                                QStringLiteral("messages.created_at"),
                                QStringLiteral("severity_changes.changed_at"),
                                QStringLiteral("applied_ops.applied_at"),
                                QStringLiteral("audit.at"),
                                QStringLiteral("documents.loaded_at") };
    QSqlQuery q(m_sql);
    QVERIFY(q.exec(QStringLiteral("CREATE DATABASE legacy")));
    QUrl url(m_db);
    url.setPath(QStringLiteral("/legacy"));
    const QString legacy = url.toString();
    int code = -1;
    QString out = runServer({ QStringLiteral("--db"), legacy, QStringLiteral("seed"),
                              QStringLiteral("bulk"), QStringLiteral("30") },
                            &code);
    QVERIFY2(code == 0, qPrintable(out));

    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("legacy"));
    db.setHostName(url.host());
    db.setPort(url.port());
    db.setUserName(url.userName());
    db.setDatabaseName(QStringLiteral("legacy"));
    QVERIFY2(db.open(), qPrintable(db.lastError().text()));
    {
        QSqlQuery l(db);
        const auto types = [&l, &columns] {
            QStringList found;
            for (const QString &c : columns) {
                const QStringList tc = c.split(u'.');
                l.exec(QStringLiteral("SELECT data_type FROM information_schema.columns WHERE "
                                      "table_name = '%1' AND column_name = '%2'")
                           .arg(tc.at(0), tc.at(1)));
                found << (l.next() ? l.value(0).toString() : QStringLiteral("missing"));
            }
            return found;
        };
        const QStringList timestamptz(columns.size(), QStringLiteral("timestamp with time zone"));
        QCOMPARE(types(), timestamptz);
        // The times as PostgreSQL holds them, to the microsecond.
        const QString snapshot = QStringLiteral(
            "SELECT string_agg(id || ' ' || extract(epoch FROM created_at)::text || ' ' || "
            "coalesce(extract(epoch FROM due_at)::text, '-'), ',' ORDER BY id) FROM tickets");
        QVERIFY(l.exec(snapshot) && l.next());
        const QString before = l.value(0).toString();
        QVERIFY(before.count(u',') >= 29);

        // Back to schema 2, written as the old server wrote times.
        for (const QString &c : columns) {
            const QStringList tc = c.split(u'.');
            QVERIFY2(l.exec(QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 TYPE text USING "
                                           "to_char(%2 AT TIME ZONE 'UTC', "
                                           "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
                                .arg(tc.at(0), tc.at(1))),
                     qPrintable(l.lastError().text()));
        }
        // (and without the later steps' tables, which schema 2 did not have)
        QVERIFY2(l.exec(QStringLiteral("DROP TABLE mail_inbox, mail_threads, mail_outbox, "
                                       "mail_senders, service_customers, attachments, "
                                       "attachment_blobs, im_groups, im_messages, "
                                       "im_group_tickets, im_outbox, service_use, mail_triage")),
                 qPrintable(l.lastError().text()));
        QVERIFY2(l.exec(QStringLiteral("ALTER TABLE records DROP COLUMN audience")), // 9
                 qPrintable(l.lastError().text()));
        QVERIFY(l.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 3")));
        QCOMPARE(types(), QStringList(columns.size(), QStringLiteral("text")));

        out = runServer({ QStringLiteral("--db"), legacy, QStringLiteral("migrate") }, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(types(), timestamptz);
        QVERIFY(l.exec(snapshot) && l.next());
        QCOMPARE(l.value(0).toString(), before);
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("legacy"));
}

QTEST_GUILESS_MAIN(TestScaleOut)
#include "tst_scaleout.moc"
