// E-mail in and out (docs/mail.md) with real components: the corpus in tests/server/mail/ fed
// to the real `supportdesk-server mail-ingest`, the tickets read back from the real server,
// and the outbox sent by SMTP to a real SMTP server process (aiosmtpd, mail_sink.py) that is
// down at first.
#include "serverfixture.h"
#include "ticketedit.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

const QString Corpus = QStringLiteral(MAIL_CORPUS);

struct Ingested
{
    int exitCode = -1;
    QString outcome;
    qint64 number = 0;
    QString ticketId;
    QString out;
};

} // namespace

class TestMail : public QObject
{
    Q_OBJECT

private:
    int run(const QStringList &args, const QByteArray &input, QByteArray *output)
    {
        const CommandRun r = runServerCommand(args, input);
        *output = r.output.toUtf8();
        return r.exitCode;
    }
    Ingested ingest(const QByteArray &mail, const QString &db = {})
    {
        Ingested r;
        QByteArray out;
        r.exitCode = run(
            { QStringLiteral("--db"), db.isEmpty() ? m_db : db, QStringLiteral("mail-ingest") },
            mail, &out);
        r.out = QString::fromUtf8(out);
        // "<message-id> OUTCOME [#N TICKET-ID] [(reason)]"
        const QStringList words = r.out.split(u' ');
        r.outcome = words.value(1).trimmed();
        if (words.value(2).startsWith(u'#')) {
            r.number = words.value(2).mid(1).toLongLong();
            r.ticketId = words.value(3).trimmed();
        }
        return r;
    }
    static QByteArray readCorpus(const QString &name)
    {
        QFile f(Corpus + u'/' + name);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QByteArray metrics(const RealServer &server) const
    {
        QNetworkAccessManager net;
        QNetworkReply *reply
            = net.get(QNetworkRequest(QUrl(server.url().toString() + QStringLiteral("/metrics"))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const QByteArray body = reply->readAll();
        delete reply;
        return body;
    }
    static qint64 series(const QByteArray &metrics, const QByteArray &name)
    {
        for (const QByteArray &line : metrics.split('\n')) {
            if (line.startsWith(name + ' '))
                return line.mid(name.size() + 1).toLongLong();
        }
        return -1;
    }
    QVector<QJsonObject> arrived() const
    {
        QVector<QJsonObject> mails;
        const QDir dir(m_maildir);
        for (const QString &name :
             dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            if (f.open(QIODevice::ReadOnly))
                mails.append(QJsonDocument::fromJson(f.readAll()).object());
        }
        return mails;
    }

    QTemporaryDir m_dir;
    TestStore m_store; // SUPPORTDESK_TEST_STORE=postgresql: a throwaway cluster
    QString m_db;
    QString m_maildir;
    QString m_token;
    QHash<QString, Ingested> m_ingested; // corpus file → what became of it

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString store = m_store.open(m_dir.path(), QStringLiteral("desk.db"));
        QVERIFY2(store.isEmpty(), qPrintable(store));
        m_db = m_store.db();
        m_maildir = m_dir.filePath(QStringLiteral("maildir"));
        QByteArray out;
        QCOMPARE(run({ QStringLiteral("--db"), m_db, QStringLiteral("customer"),
                       QStringLiteral("import"), Corpus + QStringLiteral("/customers.json") },
                     {}, &out),
                 0);
        // Who writes for whom: one address, a whole domain, an address in another case.
        for (const auto &[address, customer] : { std::pair { "li.wei@acme.cn", "c-acme" },
                                                 { "@formosa-cloud.tw", "c-formosa" },
                                                 { "Ana@Globex.example", "c-globex" } }) {
            QCOMPARE(
                run({ QStringLiteral("--db"), m_db, QStringLiteral("mail"),
                      QStringLiteral("sender"), QStringLiteral("add"), QString::fromLatin1(address),
                      QStringLiteral("--customer"), QString::fromLatin1(customer) },
                    {}, &out),
                0);
        }
        QVERIFY(run({ QStringLiteral("--db"), m_db, QStringLiteral("mail"),
                      QStringLiteral("sender"), QStringLiteral("add"), QStringLiteral("x@y.z"),
                      QStringLiteral("--customer"), QStringLiteral("c-nobody") },
                    {}, &out)
                != 0);
        QCOMPARE(run({ QStringLiteral("--db"), m_db, QStringLiteral("agent"), QStringLiteral("add"),
                       QStringLiteral("--name"), QStringLiteral("Lead"), QStringLiteral("--role"),
                       QStringLiteral("lead"), QStringLiteral("--id"), QStringLiteral("a-lead") },
                     {}, &out),
                 0);
        const QRegularExpressionMatch token
            = QRegularExpression(QStringLiteral("token: (\\S+)")).match(QString::fromUtf8(out));
        QVERIFY2(token.hasMatch(), out.constData());
        m_token = token.captured(1);
    }

    void cleanupTestCase() { m_store.stop(); }

    // Each mail of the corpus, in order (the replies answer the first): what the gateway says.
    void corpus_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("threadOf"); // a reply: the corpus file of its ticket
        QTest::addColumn<QString>("reason");
        const auto row = [](const char *file, const char *outcome, const char *thread = "",
                            const char *reason = "") {
            QTest::newRow(file) << QString::fromLatin1(file) << QString::fromLatin1(outcome)
                                << QString::fromLatin1(thread) << QString::fromLatin1(reason);
        };
        row("01-foxmail-gbk-new.eml", "ticket");
        row("02-outlook-big5-partner.eml", "ticket");
        row("03-html-only.eml", "ticket");
        row("04-gmail-reply.eml", "reply", "01-foxmail-gbk-new.eml");
        row("05-foxmail-reply-tag.eml", "reply", "01-foxmail-gbk-new.eml");
        row("06-outlook-reply-original.eml", "reply", "01-foxmail-gbk-new.eml");
        row("07-attachments.eml", "ticket");
        row("08-bounce.eml", "ignored", "", "Auto-Submitted");
        row("09-auto-reply.eml", "ignored", "", "Auto-Submitted");
        row("10-unknown-sender.eml", "triage", "", "unknown-sender");
        row("11-partner-no-subclient.eml", "triage", "", "sub-client-required");
        row("12-bulk.eml", "ignored", "", "Precedence: bulk");
    }
    void corpus()
    {
        QFETCH(QString, file);
        QFETCH(QString, outcome);
        QFETCH(QString, threadOf);
        QFETCH(QString, reason);
        const QByteArray mail = readCorpus(file);
        QVERIFY(!mail.isEmpty());
        const Ingested r = ingest(mail);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.outcome == outcome, qPrintable(r.out));
        QVERIFY2(r.out.contains(reason), qPrintable(r.out));
        if (!threadOf.isEmpty())
            QCOMPARE(r.ticketId, m_ingested.value(threadOf).ticketId);
        if (outcome == u"ticket") {
            QVERIFY(r.number > 0);
            QVERIFY(Json::isUuid(r.ticketId));
        }
        m_ingested.insert(file, r);
    }

    // The MTA delivers again after a lost acknowledgement: the same Message-ID is one message.
    void sameMessageTwiceIsOne()
    {
        for (const char *file : { "01-foxmail-gbk-new.eml", "05-foxmail-reply-tag.eml" }) {
            const Ingested again = ingest(readCorpus(QString::fromLatin1(file)));
            QCOMPARE(again.exitCode, 0);
            QVERIFY2(again.out.contains(u"taken before"), qPrintable(again.out));
            QCOMPARE(again.ticketId, m_ingested.value(QString::fromLatin1(file)).ticketId);
        }
    }

    // Exit codes an MTA acts on: 65 drops (with a bounce), 75 queues and retries.
    void refusedOrRetried()
    {
        Ingested r = ingest(QByteArray());
        QCOMPARE(r.exitCode, 65);
        r = ingest("this is not a mail\n");
        QCOMPARE(r.exitCode, 65);
        QVERIFY2(r.out.contains(u"refused"), qPrintable(r.out));
        r = ingest(readCorpus(QStringLiteral("10-unknown-sender.eml")),
                   m_dir.filePath(QStringLiteral("no-such-dir/desk.db")));
        QCOMPARE(r.exitCode, 75);
        QVERIFY2(r.out.contains(u"retry"), qPrintable(r.out));
        r = ingest(
            readCorpus(QStringLiteral("10-unknown-sender.eml")),
            QStringLiteral("postgresql://postgres@127.0.0.1:%1/supportdesk")
                    .arg(freeLoopbackPort()));
        QCOMPARE(r.exitCode, 75);
    }

    // What the gateway stored is what the real server serves: readable text in every charset,
    // the quoted history gone, attachments listed, the automatic mail nowhere.
    void servedBack()
    {
        RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
        QVERIFY2(server.start(m_db), server.log().constData());
        const RealServer::State s = server.state(m_token);
        QVERIFY(s.ok);
        QCOMPARE(s.tickets.size(), 4);
        const auto ticketOf = [&](const char *file) {
            return s.tickets.value(m_ingested.value(QString::fromLatin1(file)).ticketId);
        };
        const Ticket gbk = ticketOf("01-foxmail-gbk-new.eml");
        QCOMPARE(gbk.subject, QStringLiteral("云服务器无法登录"));
        QCOMPARE(gbk.customerId, QStringLiteral("c-acme"));
        QVERIFY2(gbk.body.contains(QStringLiteral("无法通过 SSH 登录，提示连接超时")),
                 qPrintable(gbk.body));
        QCOMPARE(gbk.severity, QStringLiteral("consultation"));
        QVERIFY(gbk.dueAt.isValid());
        // Where the desk's replies go, in the feed: the sender's address, kept through the
        // three replies that changed the ticket since; the channel is the one the customer
        // used (the catalog's `email`, entitled as a ticket).
        QCOMPARE(gbk.reply,
                 (ReplyRoute { ReplyVia::Email, QStringLiteral("li.wei@acme.cn"), {} }));
        QCOMPARE(gbk.channel, QStringLiteral("email"));

        const Ticket big5 = ticketOf("02-outlook-big5-partner.eml");
        QCOMPARE(big5.subject, QStringLiteral("資料庫連線逾時 (account 100088)"));
        QVERIFY2(
            big5.body.contains(QStringLiteral("子客戶帳號 100088 的 MySQL 5.7 資料庫連線逾時")),
            qPrintable(big5.body));
        QCOMPARE(big5.subClient, QStringLiteral("100088"));
        QCOMPARE(big5.reply.to, QStringLiteral("chen@formosa-cloud.tw"));

        const Ticket html = ticketOf("03-html-only.eml");
        QVERIFY2(html.body.contains(QStringLiteral("Our nginx returns 502 errors since 08:00 & "
                                                   "the load balancer")),
                 qPrintable(html.body));
        QVERIFY2(!html.body.contains(u'<') && !html.body.contains(QStringLiteral("margin")),
                 qPrintable(html.body));
        QVERIFY(html.body.contains(QStringLiteral("- region ap-guangzhou")));

        const Ticket attached = ticketOf("07-attachments.eml");
        QVERIFY2(attached.body.contains(QStringLiteral("nginx-error.log, text/plain")),
                 qPrintable(attached.body));
        QVERIFY2(attached.body.contains(QStringLiteral("截图.png, image/png")),
                 qPrintable(attached.body));

        // The three replies on #1, each without the history its mail client quoted.
        QStringList bodies;
        for (const Message &m : s.messages.value(gbk.id)) {
            QCOMPARE(m.kind, MessageKind::Customer); // the customer's words, not the desk's
            QCOMPARE(m.authorId, QStringLiteral("li.wei@acme.cn"));
            bodies.append(m.body);
        }
        bodies.sort();
        QCOMPARE(bodies,
                 (QStringList { QStringLiteral("Console screenshot sent separately."),
                                QStringLiteral("The security group allows port 22 from "
                                               "0.0.0.0/0, we checked."),
                                QStringLiteral("已经重启实例，问题依旧。") }));
        // The gateway's own ticket is a customer's: no response was made by it.
        QVERIFY(!gbk.firstResponseAt.isValid());

        // Triage keeps what no ticket took.
        QByteArray out;
        QCOMPARE(
            run({ QStringLiteral("--db"), m_db, QStringLiteral("mail"), QStringLiteral("list") },
                {}, &out),
            0);
        QVERIFY2(out.contains("new.person@initech.example") && out.contains("sub-client-required"),
                 out.constData());
    }

    // The outbox through a real SMTP server that is down at first: the acknowledgements, then
    // an agent's reply (not its internal note) arrive once each, threaded, in the customer's
    // language; the customer's answer to the reply threads back into the same ticket.
    void outboxBySmtp()
    {
        const quint16 port = freeLoopbackPort();
        QVERIFY(port);
        const QStringList options {
            QStringLiteral("--smtp-url"),   QStringLiteral("smtp://127.0.0.1:%1").arg(port),
            QStringLiteral("--mail-from"),  QStringLiteral("support@desk.example"),
            QStringLiteral("--mail-retry"), QStringLiteral("0.2"),
            QStringLiteral("--mail-poll"),  QStringLiteral("0.1")
        };
        // Two server processes on the one database, each with a sender: every mail is sent by
        // one of them.
        RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
        QVERIFY2(server.start(m_db, options), server.log().constData());
        RealServer second(QStringLiteral(SUPPORTDESK_SERVER));
        QVERIFY2(second.start(m_db, options), second.log().constData());
        const auto sends = [&](const char *result) {
            const QByteArray name
                = QByteArray("supportdesk_mail_sends_total{result=\"") + result + "\"}";
            return series(metrics(server), name) + series(metrics(second), name);
        };
        // Nobody listens yet: the senders retry.
        QTRY_VERIFY_WITH_TIMEOUT(sends("retry") >= 2, 20000);
        QCOMPARE(sends("sent"), 0);
        // A restart in the middle: the outbox is in the database, nothing is lost.
        QVERIFY2(server.restart(options), server.log().constData());
        // (read by the sender from the database once it has started)
        QTRY_COMPARE_WITH_TIMEOUT(
                series(metrics(server), "supportdesk_mail_in_total{outcome=\"ticket\"}"), 4,
                10000);

        QProcess sink;
        sink.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        sink.start(QStringLiteral("/usr/bin/python3"),
                   { QStringLiteral(MAIL_SINK), QString::number(port), m_maildir });
        QVERIFY(sink.waitForStarted());
        QByteArray said; // QTRY evaluates its condition once more after it holds
        QTRY_VERIFY_WITH_TIMEOUT((said += sink.readAllStandardOutput()).contains("ready")
                                     || sink.state() != QProcess::Running,
                                 20000);
        QCOMPARE(sink.state(), QProcess::Running);

        // One acknowledgement per ticket the gateway opened, once each.
        QTRY_COMPARE_WITH_TIMEOUT(
            series(metrics(server), "supportdesk_mail_outbox{state=\"pending\"}"), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(arrived().size(), 4, 10000);
        QHash<QString, QJsonObject> ackTo; // by In-Reply-To
        for (const QJsonObject &m : arrived()) {
            QCOMPARE(m.value(QStringLiteral("auto_submitted")).toString(),
                     QStringLiteral("auto-replied"));
            QVERIFY(m.value(QStringLiteral("raw_ascii")).toBool());
            QCOMPARE(m.value(QStringLiteral("charset")).toString(), QStringLiteral("utf-8"));
            QVERIFY(m.value(QStringLiteral("message_id"))
                        .toString()
                        .endsWith(QStringLiteral("@desk.example>")));
            ackTo.insert(m.value(QStringLiteral("in_reply_to")).toString(), m);
        }
        const QJsonObject zhAck = ackTo.value(QStringLiteral("<202612040912012345678@acme.cn>"));
        QCOMPARE(zhAck.value(QStringLiteral("rcpt_tos")).toArray().at(0).toString(),
                 QStringLiteral("li.wei@acme.cn"));
        QCOMPARE(zhAck.value(QStringLiteral("subject")).toString(),
                 QStringLiteral("[#1] 我们已收到您的请求：云服务器无法登录"));
        QVERIFY(zhAck.value(QStringLiteral("body"))
                    .toString()
                    .contains(QStringLiteral("已创建工单 #1")));
        const QJsonObject enAck
            = ackTo.value(QStringLiteral("<CAF=8h3x_9mQv2@mail.globex.example>"));
        QVERIFY2(enAck.value(QStringLiteral("subject"))
                     .toString()
                     .startsWith(QStringLiteral("[#3] We have received your request")),
                 qPrintable(enAck.value(QStringLiteral("subject")).toString()));

        // The agent answers #1 in public and leaves an internal note.
        const QString ticketId
            = m_ingested.value(QStringLiteral("01-foxmail-gbk-new.eml")).ticketId;
        const Ticket before = server.state(m_token).tickets.value(ticketId);
        QVERIFY(before.version > 0);
        TicketEdit reply;
        reply.type = OpType::Reply;
        reply.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        reply.body = QStringLiteral("请检查安全组 sg-123 的入站规则，然后重试。");
        QJsonObject r = server.postOp(
            m_token,
            Json::toJson(makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticketId,
                                       before.version, reply)));
        QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
        TicketEdit note;
        note.type = OpType::Note;
        note.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        note.body = QStringLiteral("INTERNAL: the customer's VPC peering looks wrong");
        r = server.postOp(
            m_token,
            Json::toJson(makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticketId,
                                       before.version + 1, note)));
        QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));

        QTRY_COMPARE_WITH_TIMEOUT(arrived().size(), 5, 20000);
        const QJsonObject out = arrived().last();
        QCOMPARE(out.value(QStringLiteral("subject")).toString(),
                 QStringLiteral("[#1] 云服务器无法登录"));
        QCOMPARE(out.value(QStringLiteral("message_id")).toString(),
                 QStringLiteral("<sd-%1@desk.example>").arg(reply.messageId));
        // Threaded under the customer's last mail, and the first of the conversation.
        QCOMPARE(out.value(QStringLiteral("in_reply_to")).toString(),
                 QStringLiteral("<000001da2b7f$3c2a1e40$b47e5ac0$@acme.cn>"));
        QVERIFY(out.value(QStringLiteral("references"))
                    .toString()
                    .contains(QStringLiteral("<202612040912012345678@acme.cn>")));
        QCOMPARE(out.value(QStringLiteral("auto_submitted")).toString(), QStringLiteral("no"));
        QCOMPARE(out.value(QStringLiteral("from")).toString(),
                 QStringLiteral("Technical Support <support@desk.example>"));
        const QString body = out.value(QStringLiteral("body")).toString();
        QVERIFY2(body.contains(reply.body) && body.contains(QStringLiteral("工单 #1")),
                 qPrintable(body));

        // The agent waits on the customer; the customer answers the reply: it joins the same
        // ticket by In-Reply-To alone, and the ticket is the desk's to work again.
        TicketEdit wait;
        wait.type = OpType::SetStatus;
        wait.status = TicketStatus::WaitingOnCustomer;
        r = server.postOp(m_token,
                          Json::toJson(makeOperation(QUuid::createUuid().toString(
                                                             QUuid::WithoutBraces),
                                                     ticketId, before.version + 2, wait)));
        QCOMPARE(r.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
        const QByteArray answer
            = QStringLiteral(
                  "From: Li Wei <li.wei@acme.cn>\r\nTo: support@desk.example\r\n"
                  "Subject: Re: something else entirely\r\nMessage-ID: <answer-1@acme.cn>\r\n"
                  "In-Reply-To: %1\r\nMIME-Version: 1.0\r\n"
                  "Content-Type: text/plain; charset=utf-8\r\n\r\n入站规则改好了，可以登录了。\r\n")
                  .arg(out.value(QStringLiteral("message_id")).toString())
                  .toUtf8();
        const Ingested back = ingest(answer);
        QCOMPARE(back.exitCode, 0);
        QCOMPARE(back.outcome, QStringLiteral("reply"));
        QCOMPARE(back.ticketId, ticketId);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const Message &m : server.state(m_token).messages.value(ticketId)) {
                    if (m.body == QStringLiteral("入站规则改好了，可以登录了。"))
                        return true;
                }
                return false;
            }(),
            10000);
        const Ticket answered = server.state(m_token).tickets.value(ticketId);
        QCOMPARE(answered.status, TicketStatus::Accepted);
        QCOMPARE(answered.assigneeId, QString()); // nobody took it in: the customer wrote

        // Each mail once, the internal note never.
        QTRY_COMPARE_WITH_TIMEOUT(
            series(metrics(server), "supportdesk_mail_outbox{state=\"sent\"}"), 5, 10000);
        QCOMPARE(series(metrics(server), "supportdesk_mail_outbox{state=\"pending\"}"), 0);
        QSet<QString> ids;
        for (const QJsonObject &m : arrived()) {
            ids.insert(m.value(QStringLiteral("message_id")).toString());
            QVERIFY(!m.value(QStringLiteral("body")).toString().contains(u"INTERNAL"));
        }
        QCOMPARE(ids.size(), 5);
        QCOMPARE(arrived().size(), 5);
        QCOMPARE(sends("sent"), 5);
        QVERIFY(!QDir(m_maildir).entryList({ QStringLiteral("*.eml") }).join(u' ').isEmpty());

        server.stop();
        second.stop();
        sink.terminate();
        sink.waitForFinished(10000);
    }
};

QTEST_GUILESS_MAIN(TestMail)
#include "tst_mail.moc"
