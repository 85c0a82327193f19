// Issue 16's "Done when" for an IM group, with real parts: the server process, its signed
// webhook in, a local receiver for the group's posts (the group's bot) and the desk's own sync
// code for the agent's reply with a file. A group message becomes a ticket; the reply is posted
// back signed, once, naming its file; the group's answer joins the same ticket.
#include "attachmentclient.h"
#include "groupreceiver.h"
#include "serverfixture.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestImE2E : public QObject
{
    Q_OBJECT

private:
    // The group's bot posting one message to the desk, signed with the group's secret.
    RealServer::Reply post(const QUrl &server, const QByteArray &secret, const QJsonObject &message)
    {
        const QByteArray body = QJsonDocument(message).toJson(QJsonDocument::Compact);
        QNetworkRequest request(QUrl(server.toString() + QStringLiteral("/api/v1/im/acme-ops")));
        signImPost(&request, secret, body);
        QNetworkAccessManager net;
        QNetworkReply *reply = net.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        RealServer::Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        r.body = QJsonDocument::fromJson(r.raw).object();
        delete reply;
        return r;
    }

    QTemporaryDir m_dir;

private slots:
    void groupInReplyOutAnswerBack()
    {
        QVERIFY(m_dir.isValid());
        const QString db = m_dir.filePath(QStringLiteral("desk.db"));
        const QString imported
            = importCustomers(m_dir.path(), db, { { "c-acme", "service-plan", "s1-flagship" } });
        QVERIFY2(imported.isEmpty(), qPrintable(imported));
        const QString token = addAgent(db, QStringLiteral("a-wang"), QStringLiteral("agent"));
        QVERIFY(!token.isEmpty());
        GroupReceiver bot;
        QVERIFY(bot.listen());
        const CommandRun added = runServerCommand(
            { QStringLiteral("--db"), db, QStringLiteral("im"), QStringLiteral("add"),
              QStringLiteral("--id"), QStringLiteral("acme-ops"), QStringLiteral("--customer"),
              QStringLiteral("c-acme"), QStringLiteral("--name"), QStringLiteral("ACME 运维群"),
              QStringLiteral("--kind"), QStringLiteral("wecom"), QStringLiteral("--url"),
              QStringLiteral("http://127.0.0.1:%1/hook").arg(bot.port()) });
        const QRegularExpressionMatch secret
            = QRegularExpression(QStringLiteral("secret: (\\S+)")).match(added.output);
        QVERIFY2(added.exitCode == 0 && secret.hasMatch(), qPrintable(added.output));
        const QByteArray key = secret.captured(1).toUtf8();

        RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
        QVERIFY2(server.start(db), server.log().constData());

        // A message in the group: a ticket of the group's, with its reply route.
        RealServer::Reply r = post(server.url(), key,
                                   { { QStringLiteral("message_id"), QStringLiteral("wx-1") },
                                     { QStringLiteral("sender"), QStringLiteral("李雷") },
                                     { QStringLiteral("text"),
                                       QStringLiteral("MySQL 连接数满了\n从 9 点开始") } });
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.value(QStringLiteral("new_ticket")).toBool());
        const QString ticketId = r.body.value(QStringLiteral("ticket_id")).toString();
        // A bad signature is refused and stores nothing.
        QCOMPARE(post(server.url(), "not-the-secret-at-all",
                      { { QStringLiteral("message_id"), QStringLiteral("wx-forged") },
                        { QStringLiteral("text"), QStringLiteral("forged") } })
                     .status,
                 401);

        AttachmentClient desk(server.url(), m_dir.filePath(QStringLiteral("desk.sqlite")), token);
        desk.engine->start();
        QVERIFY(desk.settle());
        const std::optional<Ticket> ticket = desk.cache.ticket(ticketId);
        QVERIFY(ticket);
        QCOMPARE(ticket->reply,
                 (ReplyRoute { ReplyVia::Im, QStringLiteral("ACME 运维群"),
                               QStringLiteral("wecom") }));

        // The agent's reply with a file, from the desk's outbox.
        const QString replyId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QByteArray config = "max_connections = 500\n";
        QVERIFY(!desk.reply(ticketId, replyId, QStringLiteral("请把 max_connections 调到 500。"),
                            { { QStringLiteral("my.cnf"), config } })
                     .isEmpty());
        QVERIFY(desk.settle());

        // Posted back once, signed with the group's secret, naming the file.
        QTRY_COMPARE_WITH_TIMEOUT(bot.delivered(replyId.toUtf8()), 1, 20000);
        const auto it = std::find_if(bot.posts.cbegin(), bot.posts.cend(),
                                     [&](const auto &p) { return p.delivery == replyId.toUtf8(); });
        QCOMPARE(it->signature, imSignature(key, it->timestamp, it->body));
        const QJsonObject sent = QJsonDocument::fromJson(it->body).object();
        QCOMPARE(sent.value(QStringLiteral("ticket_id")).toString(), ticketId);
        QCOMPARE(sent.value(QStringLiteral("text")).toString(),
                 QStringLiteral("请把 max_connections 调到 500。"));
        const QJsonArray files = sent.value(QStringLiteral("attachments")).toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.at(0)[QStringLiteral("name")].toString(), QStringLiteral("my.cnf"));
        QCOMPARE(files.at(0)[QStringLiteral("sha256")].toString(), Attachments::sha256Hex(config));

        // The group answers: the same ticket, read by the desk; a repeat of it is one message.
        const QJsonObject answer { { QStringLiteral("message_id"), QStringLiteral("wx-2") },
                                   { QStringLiteral("sender"), QStringLiteral("李雷") },
                                   { QStringLiteral("text"), QStringLiteral("改好了，恢复正常。") } };
        r = post(server.url(), key, answer);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body.value(QStringLiteral("ticket_id")).toString(), ticketId);
        QVERIFY(!r.body.value(QStringLiteral("new_ticket")).toBool());
        QCOMPARE(post(server.url(), key, answer).body.value(QStringLiteral("result")).toString(),
                 QStringLiteral("duplicate"));
        QVERIFY(desk.settle());
        int answers = 0;
        for (const Message &m : desk.cache.messages(ticketId))
            answers += m.body == QStringLiteral("李雷: 改好了，恢复正常。");
        QCOMPARE(answers, 1);
        QCOMPARE(bot.posts.size(), 1); // only the reply went to the group
    }
};

QTEST_GUILESS_MAIN(TestImE2E)
#include "tst_im_e2e.moc"
