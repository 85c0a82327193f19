// E-mail in and out (docs/mail.md) with real components: the corpus in tests/server/mail/ fed
// to the real `supportdesk-server mail-ingest`, the tickets read back from the real server,
// and the outbox sent by SMTP to a real SMTP server process (aiosmtpd, mail_sink.py) that is
// down at first.
#include "serverfixture.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
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
    Ingested ingest(const QByteArray &mail, const QString &db = {},
                    const QStringList &extra = {})
    {
        Ingested r;
        QByteArray out;
        r.exitCode = run(QStringList { QStringLiteral("--db"), db.isEmpty() ? m_db : db,
                                       QStringLiteral("mail-ingest") }
                             + extra,
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

    // Schema 9 → 10 on a database with attachments: each keeps its record, now with an empty
    // message_id (the ticket's), served as before. SQLite (the step's SQL is the same on both).
    void attachmentsOfSchema9Migrate()
    {
        const QString db = m_dir.filePath(QStringLiteral("schema9.db"));
        QCOMPARE(runServerCommand({ QStringLiteral("migrate"), QStringLiteral("--db"), db })
                     .exitCode,
                 0);
        {
            // Back to schema 10 as the old server left it, with one attachment of its own.
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("schema9"));
            old.setDatabaseName(db);
            QVERIFY(old.open());
            QSqlQuery q(old);
            for (const char *sql :
                 { "DROP INDEX attachments_message",
                   "ALTER TABLE attachments DROP COLUMN message_id",
                   "DROP TABLE service_use", // schema 13
                   "DROP TABLE mail_triage", // schema 14
                   "DELETE FROM schema_version WHERE version >= 11",
                   "INSERT INTO attachments (id, ticket_id, sha256, name, size, content_type, "
                   "created_by, created_at) VALUES ('3f0c7d3e-9a51-4c3e-8f41-0d6f1b0a9e21', 't-1', "
                   "'aa', 'old.log', 3, 'text/plain', 'a-1', '2026-12-01T00:00:00.000Z')" })
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
            q.finish();
            old.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("schema9"));
        const CommandRun migrated
            = runServerCommand({ QStringLiteral("migrate"), QStringLiteral("--db"), db });
        QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.output));
        QSqlDatabase now = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                     QStringLiteral("schema10"));
        now.setDatabaseName(db);
        QVERIFY(now.open());
        {
            QSqlQuery q(now);
            QVERIFY(q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 14); // 13: service_use, 14: mail_triage
            QVERIFY(q.exec(QStringLiteral("SELECT name, message_id FROM attachments")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("old.log"));
            QCOMPARE(q.value(1).toString(), QString());
            QVERIFY(!q.next());
        }
        now.close();
        now = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("schema10"));
    }

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

        // The files of the mail are the ticket's attachments (of its own text: no message),
        // typed from their bytes, named as the sender named them, the same bytes served back.
        const Ticket attached = ticketOf("07-attachments.eml");
        const QJsonArray files = server.request("GET",
                                                QStringLiteral("/tickets/%1/attachments")
                                                        .arg(attached.id),
                                                m_token)
                                         .body.value(QStringLiteral("attachments"))
                                         .toArray();
        QCOMPARE(files.size(), 2);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &v : files)
            byName.insert(v[QStringLiteral("name")].toString(), v.toObject());
        const QJsonObject log = byName.value(QStringLiteral("nginx-error.log"));
        const QJsonObject png = byName.value(QStringLiteral("截图.png"));
        QCOMPARE(log.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("text/plain; charset=utf-8"));
        QCOMPARE(png.value(QStringLiteral("content_type")).toString(), QStringLiteral("image/png"));
        QCOMPARE(log.value(QStringLiteral("message_id")).toString(), QString());
        QCOMPARE(log.value(QStringLiteral("created_by")).toString(),
                 QStringLiteral("ana@globex.example"));
        const RealServer::Reply bytes = server.request(
                "GET",
                QStringLiteral("/tickets/%1/attachments/%2")
                        .arg(attached.id, log.value(QStringLiteral("id")).toString()),
                m_token);
        QCOMPARE(bytes.status, 200);
        QVERIFY2(bytes.raw.startsWith("2026/12/04 08:00:01 [error] 1234#0: *1 connect() failed"),
                 bytes.raw.constData());
        QCOMPARE(QString::fromLatin1(
                         QCryptographicHash::hash(bytes.raw, QCryptographicHash::Sha256).toHex()),
                 log.value(QStringLiteral("sha256")).toString());
        // Kept as files, not as words in the text.
        QVERIFY2(!attached.body.contains(QStringLiteral("nginx-error.log")),
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

    // A customer's reply with files: those under the limit become attachments of its
    // message (named safely, typed by their bytes, not by the label); one over the limit (the
    // gateway's --max-attachment, as the server's) is named in the message, never dropped
    // silently, and the whole mail is kept.
    void inboundFilesOfAReply()
    {
        const QString ticketId
            = m_ingested.value(QStringLiteral("01-foxmail-gbk-new.eml")).ticketId;
        const QByteArray big(3000, 'x');
        const QByteArray mail = QByteArray(
            "From: li.wei@acme.cn\r\nTo: support@desk.example\r\nSubject: Re: [#1] logs\r\n"
            "Message-ID: <files-1@acme.cn>\r\nIn-Reply-To: <202612040912012345678@acme.cn>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n"
            "--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nthe logs\r\n"
            "--B\r\nContent-Type: image/png\r\n"
            "Content-Disposition: attachment; filename=\"../../etc/passwd.png\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n")
            + QByteArray("root:x:0:0:root:/root:/bin/bash\n").toBase64()
            + "\r\n--B\r\nContent-Type: application/zip\r\n"
              "Content-Disposition: attachment; filename=\"dump.zip\"\r\n"
              "Content-Transfer-Encoding: base64\r\n\r\n"
            + big.toBase64() + "\r\n--B--\r\n";
        const Ingested r
            = ingest(mail, {}, { QStringLiteral("--max-attachment"), QStringLiteral("2000") });
        QVERIFY2(r.exitCode == 0 && r.outcome == u"reply", qPrintable(r.out));
        QCOMPARE(r.ticketId, ticketId);

        RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
        QVERIFY2(server.start(m_db), server.log().constData());
        const RealServer::State s = server.state(m_token);
        QString messageId, text;
        for (const Message &m : s.messages.value(ticketId)) {
            if (m.body.startsWith(u"the logs")) {
                messageId = m.id;
                text = m.body;
            }
        }
        QVERIFY(!messageId.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("dump.zip")) && text.contains(u"not kept")
                     && text.contains(u"2.9 KB"),
                 qPrintable(text));
        const QJsonArray files
            = server.request("GET", QStringLiteral("/tickets/%1/attachments").arg(ticketId),
                             m_token)
                      .body.value(QStringLiteral("attachments"))
                      .toArray();
        QCOMPARE(files.size(), 1);
        const QJsonObject kept = files.at(0).toObject();
        QCOMPARE(kept.value(QStringLiteral("name")).toString(), QStringLiteral("passwd.png"));
        QCOMPARE(kept.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("text/plain; charset=utf-8"));
        QCOMPARE(kept.value(QStringLiteral("message_id")).toString(), messageId);
        // The feed carries the same record, so a desk files it under the message.
        int inFeed = 0;
        const RealServer::Reply feed
            = server.request("GET", QStringLiteral("/changes?after=0&limit=5000"), m_token);
        for (const QJsonValue &c : feed.body.value(QStringLiteral("changes")).toArray()) {
            if (c[QStringLiteral("kind")].toString() == u"attachment"
                && c[QStringLiteral("data")][QStringLiteral("id")] == kept[QStringLiteral("id")]) {
                QCOMPARE(c[QStringLiteral("data")][QStringLiteral("message_id")].toString(),
                         messageId);
                ++inFeed;
            }
        }
        QCOMPARE(inFeed, 1);
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
        // With a file, uploaded first as the desk's outbox does, named by the reply.
        const QByteArray config = "server {\n    listen 443 ssl;\n}\n";
        const QString fileId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QNetworkAccessManager net;
            QNetworkRequest upload(QUrl(
                    server.url().toString()
                    + QStringLiteral("/api/v1/tickets/%1/attachments?name=%2&id=%3")
                              .arg(ticketId, QStringLiteral("nginx%20配置.conf"), fileId)));
            upload.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
            QNetworkReply *answer = net.post(upload, config);
            QSignalSpy finished(answer, &QNetworkReply::finished);
            QVERIFY(finished.wait(10000));
            QCOMPARE(answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            delete answer;
        }
        Operation replyOp = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                          ticketId, before.version, reply);
        replyOp.payload.insert(QStringLiteral("attachments"), fileId);
        QJsonObject r = server.postOp(m_token, Json::toJson(replyOp));
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
                 QStringLiteral("<files-1@acme.cn>"));
        // The file as a part of the mail: its name, its type, its bytes.
        const QJsonArray parts = out.value(QStringLiteral("attachments")).toArray();
        QCOMPARE(parts.size(), 1);
        QCOMPARE(parts.at(0)[QStringLiteral("filename")].toString(),
                 QStringLiteral("nginx 配置.conf"));
        QCOMPARE(parts.at(0)[QStringLiteral("content_type")].toString(),
                 QStringLiteral("text/plain"));
        QCOMPARE(parts.at(0)[QStringLiteral("sha256")].toString(),
                 QString::fromLatin1(
                         QCryptographicHash::hash(config, QCryptographicHash::Sha256).toHex()));
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
