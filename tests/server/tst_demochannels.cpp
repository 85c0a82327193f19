// The demo's customers on their channels (issue 16, "the demo shows it"): the real server in
// demo mode with the IM groups' local receiver that scripts/run.sh starts
// (tests/server/im_sink.py). Customers whose edition has an IM group write in it through the
// server's own signed webhook; an agent's public reply on such a ticket reaches the receiver,
// signed with the group's secret; mail from customers opens tickets of the e-mail channel.
#include "domain.h"
#include "serverfixture.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QMessageAuthenticationCode>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

// The demo without a backlog, its simulator writing every 50 ms; `extra` after.
QStringList fastDemo(const QStringList &extra)
{
    return QStringList { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                         QStringLiteral("0"), QStringLiteral("--demo-interval"),
                         QStringLiteral("0.05") }
            + extra;
}

} // namespace

class TestDemoChannels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void customersWriteInTheirGroupsAndRepliesReachThem();
    void noReceiverNoGroups();
    void demoMailUnderTheServersAttachmentLimit();

private:
    QJsonObject receivedPost(const QString &messageId) const;

    QTemporaryDir m_dir;
    QProcess m_sink;
    quint16 m_sinkPort = 0;
};

void TestDemoChannels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sinkPort = freeLoopbackPort();
    m_sink.setProcessChannelMode(QProcess::MergedChannels);
    m_sink.start(QStringLiteral("/usr/bin/python3"),
                 { QStringLiteral(IM_SINK), QString::number(m_sinkPort),
                   m_dir.filePath(QStringLiteral("im")) });
    QVERIFY(m_sink.waitForReadyRead(20000));
    QVERIFY2(m_sink.readAll().contains("ready"), "im_sink.py did not start");
}

void TestDemoChannels::cleanupTestCase()
{
    m_sink.terminate();
    m_sink.waitForFinished(10000);
}

QJsonObject TestDemoChannels::receivedPost(const QString &messageId) const
{
    QDirIterator it(m_dir.filePath(QStringLiteral("im")), { QStringLiteral("*.json") });
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject post = QJsonDocument::fromJson(file.readAll()).object();
        if (post.value(QStringLiteral("message_id")).toString() == messageId)
            return post;
    }
    return {};
}

void TestDemoChannels::customersWriteInTheirGroupsAndRepliesReachThem()
{
    const QString db = m_dir.filePath(QStringLiteral("demo.db"));
    RealServer server(serverProgram());
    QVERIFY2(server.start(db, fastDemo({ QStringLiteral("--demo-im-url"),
                                         QStringLiteral("http://127.0.0.1:%1").arg(m_sinkPort) })),
             server.log().constData());
    const QString lead = server.token(QStringLiteral("a-wangfang"));
    QVERIFY(!lead.isEmpty());

    // The simulator's customers write: in an IM group, and by e-mail.
    RealServer::State s;
    Ticket im, mail;
    QTRY_VERIFY_WITH_TIMEOUT(
            (s = server.state(lead), im = Ticket(), mail = Ticket(),
             std::for_each(s.tickets.cbegin(), s.tickets.cend(),
                           [&](const Ticket &t) {
                               if (t.reply.via == ReplyVia::Im)
                                   im = t;
                               if (t.reply.via == ReplyVia::Email)
                                   mail = t;
                           }),
             !im.id.isEmpty() && !mail.id.isEmpty()),
            30000);
    QCOMPARE(im.channel, QStringLiteral("im-group"));
    QCOMPARE(mail.channel, QStringLiteral("email"));
    // Its customer sent a log with it, kept under the default limit.
    const RealServer::Reply files = server.request(
            "GET", QStringLiteral("/tickets/%1/attachments").arg(mail.id), lead);
    QCOMPARE(files.status, 200);
    const QJsonArray kept = files.body.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("messages.log"));
    // Only the editions with the IM group channel have groups: Flagship and Enterprise of the
    // Service Plan, Enterprise of the Partner Plan.
    QVERIFY2(QStringList({ QStringLiteral("s1-flagship"), QStringLiteral("s2-enterprise"),
                           QStringLiteral("enterprise") })
                     .contains(im.editionId),
             qPrintable(im.editionId));
    QVERIFY(im.reply.im == u"wecom" || im.reply.im == u"slack");
    // The group's first message is the ticket's text as the webhook writes it: "sender: text".
    QVERIFY2(im.body.contains(u": "), qPrintable(im.body));

    // An agent's public reply is posted back to the group, at the receiver, signed with the
    // group's secret.
    const QString replyId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject result = server.postOp(
            lead,
            { { QStringLiteral("op_id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
              { QStringLiteral("type"), QStringLiteral("reply") },
              { QStringLiteral("ticket_id"), im.id },
              { QStringLiteral("base_version"), s.tickets.value(im.id).version },
              { QStringLiteral("payload"),
                QJsonObject { { QStringLiteral("message_id"), replyId },
                              { QStringLiteral("body"), QStringLiteral("我们正在处理。") } } } });
    // The simulator may have changed the ticket since it was read (a group's follow-up):
    // then the same reply again on the version the conflict gives.
    QJsonObject applied = result;
    if (result.value(QStringLiteral("result")).toString() == u"conflict") {
        const qint64 version = qint64(
                result.value(QStringLiteral("ticket")).toObject().value(u"version").toDouble());
        applied = server.postOp(
                lead,
                { { QStringLiteral("op_id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
                  { QStringLiteral("type"), QStringLiteral("reply") },
                  { QStringLiteral("ticket_id"), im.id },
                  { QStringLiteral("base_version"), version },
                  { QStringLiteral("payload"),
                    QJsonObject { { QStringLiteral("message_id"), replyId },
                                  { QStringLiteral("body"), QStringLiteral("我们正在处理。") } } } });
    }
    QCOMPARE(applied.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    QJsonObject post;
    QTRY_VERIFY_WITH_TIMEOUT(!(post = receivedPost(replyId)).isEmpty(), 20000);
    QCOMPARE(post.value(QStringLiteral("text")).toString(), QStringLiteral("我们正在处理。"));
    QCOMPARE(post.value(QStringLiteral("ticket_id")).toString(), im.id);
    const QString group = post.value(QStringLiteral("group_id")).toString();
    QCOMPARE(group, QStringLiteral("demo-") + im.customerId);
    QCOMPARE(post.value(QStringLiteral("path")).toString(), QStringLiteral("/") + group);
    server.stop();

    QByteArray secret;
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                     QStringLiteral("demo"));
        sql.setDatabaseName(db);
        QVERIFY(sql.open());
        QSqlQuery q(sql);
        q.prepare(QStringLiteral("SELECT secret FROM im_groups WHERE id = ?"));
        q.addBindValue(group);
        QVERIFY2(q.exec() && q.next(), qPrintable(q.lastError().text()));
        secret = q.value(0).toString().toUtf8();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("demo"));
    QVERIFY(secret.size() >= 16);
    // The receiver keeps the bytes it was sent: signed as docs/channels.md says.
    const QByteArray timestamp = post.value(QStringLiteral("timestamp")).toString().toUtf8();
    const QByteArray body = post.value(QStringLiteral("body")).toString().toUtf8();
    QCOMPARE(post.value(QStringLiteral("signature")).toString().toUtf8(),
             "sha256="
                     + QMessageAuthenticationCode::hash(timestamp + '.' + body, secret,
                                                        QCryptographicHash::Sha256)
                               .toHex());
}

// Without a receiver for their replies (`--demo` alone, as other tests run it) the demo
// registers no group and its simulator posts nothing to one.
void TestDemoChannels::noReceiverNoGroups()
{
    const QString db = m_dir.filePath(QStringLiteral("plain.db"));
    RealServer server(serverProgram());
    QVERIFY2(server.start(db, { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                                QStringLiteral("0") }),
             server.log().constData());
    server.stop();
    const CommandRun run = runServerCommand(
            { QStringLiteral("--db"), db, QStringLiteral("im"), QStringLiteral("list") });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.output.contains(u"demo-"), qPrintable(run.output));
}

// The simulator's customers send a log with their mail; it is taken in under the server's own
// --max-attachment, as mail-ingest takes a real mail, not under the default 4 MiB: a file over
// a small limit is named in the ticket's text and not kept.
void TestDemoChannels::demoMailUnderTheServersAttachmentLimit()
{
    const QString db = m_dir.filePath(QStringLiteral("limit.db"));
    RealServer server(serverProgram());
    QVERIFY2(server.start(db, fastDemo({ QStringLiteral("--max-attachment"),
                                         QStringLiteral("64") })),
             server.log().constData());
    const QString lead = server.token(QStringLiteral("a-wangfang"));
    QVERIFY(!lead.isEmpty());
    Ticket mail;
    QTRY_VERIFY_WITH_TIMEOUT(
            (mail = Ticket(),
             [&] {
                 const RealServer::State s = server.state(lead);
                 for (const Ticket &t : s.tickets)
                     if (t.channel == u"email")
                         mail = t;
             }(),
             !mail.id.isEmpty()),
            30000);
    QVERIFY2(mail.body.contains(u"attachment not kept: messages.log"), qPrintable(mail.body));
    QVERIFY2(mail.body.contains(u"over the limit of 64 B"), qPrintable(mail.body));
    const RealServer::Reply files = server.request(
            "GET", QStringLiteral("/tickets/%1/attachments").arg(mail.id), lead);
    QCOMPARE(files.status, 200);
    QVERIFY2(files.body.value(QStringLiteral("attachments")).toArray().isEmpty(),
             files.raw.constData());
    server.stop();
}

QTEST_MAIN(TestDemoChannels)
#include "tst_demochannels.moc"
