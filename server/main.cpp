// supportdesk-server: the ticket server, and its admin commands (docs/server.md).
#include "backup.h"
#include "businesscalendar.h"
#include "demo.h"
#include "mailsender.h"
#include "store.h"
#include "ticketserver.h"
#include "ticketedit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrl>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace SupportDesk;
using namespace SupportDesk::Server;

namespace {

int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalFds[0], &c, 1);
}

// One line per event on stderr, fit for journald: under systemd (JOURNAL_STREAM is set) a line
// starts with its syslog priority, "<3>" for an error (sd-daemon(3)); a message's own line
// breaks are escaped, so one event never reads as two.
void logLine(int priority, const QString &message)
{
    static const bool journal = qEnvironmentVariableIsSet("JOURNAL_STREAM");
    static const char *const words[]
        = { "emergency", "alert", "critical", "error", "warning", "notice", "info", "debug" };
    QString text = message;
    text.replace(u'\r', QStringLiteral("\\r")).replace(u'\n', QStringLiteral("\\n"));
    const QByteArray line = journal
        ? '<' + QByteArray::number(priority) + '>' + text.toUtf8() + '\n'
        : QByteArray("supportdesk-server: ") + words[priority] + ": " + text.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void onMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    switch (type) {
    case QtDebugMsg:
        logLine(7, message);
        break;
    case QtInfoMsg:
        logLine(6, message);
        break;
    case QtWarningMsg:
        logLine(4, message);
        break;
    case QtCriticalMsg:
        logLine(3, message);
        break;
    case QtFatalMsg:
        logLine(2, message);
        break;
    }
}

int fail(const QString &message)
{
    logLine(3, message);
    return 1;
}

std::unique_ptr<Store> openStore(const QString &db, const CatalogSet *catalogs, QString *error)
{
    std::unique_ptr<Store> store = Store::open(db, catalogs, error);
    if (store && !store->migrate(error))
        return {};
    return store;
}

int adminCommand(const QStringList &positional, QCommandLineParser &parser,
                 const CatalogSet &catalogs)
{
    QTextStream out(stdout);
    QString error;
    const QString db = parser.value(QStringLiteral("db"));
    const QString command = positional.mid(0, 2).join(u' ');
    if (command == u"mail-ingest")
        return mailIngest(db, &catalogs, // its own exit codes, for the MTA
                          std::max<qint64>(1, parser.value(QStringLiteral("max-attachment"))
                                                      .toLongLong()),
                          out);
    // Before the store is opened: a backup must not create or migrate it, nor a restore.
    if (positional.first() == u"backup" || positional.first() == u"restore") {
        if (positional.size() != 2)
            return fail(QStringLiteral("%1 FILE: one file").arg(positional.first()));
        if (db.startsWith(u"postgres"))
            return fail(QStringLiteral("%1 is for SQLite stores; PostgreSQL has pg_dump and "
                                       "pg_restore (docs/server.md)")
                            .arg(positional.first()));
        DeskFileFacts facts;
        if (positional.first() == u"backup") {
            if (!backupSqlite(db, positional.at(1), &facts, &error))
                return fail(QStringLiteral("backup failed: %1").arg(error));
            out << "backup " << positional.at(1) << ": schema " << facts.schemaVersion << ", "
                << facts.tickets << " tickets, seq " << facts.lastSeq << ", "
                << facts.attachmentFiles << " attachment files\n";
            return 0;
        }
        QString kept;
        if (!restoreSqlite(db, positional.at(1), &facts, &kept, &error))
            return fail(QStringLiteral("restore refused: %1").arg(error));
        out << "restored " << db << " from " << positional.at(1) << ": " << facts.tickets
            << " tickets, seq " << facts.lastSeq << ", " << facts.attachmentFiles
            << " attachment files added\n";
        if (!kept.isEmpty())
            out << "the store it replaced is kept as " << kept << '\n';
        return 0;
    }
    std::unique_ptr<Store> store = openStore(db, &catalogs, &error);
    if (!store)
        return fail(QStringLiteral("cannot open %1: %2").arg(db, error));
    if (command == u"migrate") {
        out << "schema at version " << Store::SchemaVersion << '\n';
        return 0;
    }
    if (command == u"agent add") {
        Agent a;
        a.id = parser.value(QStringLiteral("id"));
        a.name = parser.value(QStringLiteral("name"));
        a.locale = parser.value(QStringLiteral("locale"));
        if (a.name.isEmpty())
            return fail(QStringLiteral("agent add needs --name"));
        const std::optional<AgentRole> role = parseRole(parser.value(QStringLiteral("role")));
        if (!role)
            return fail(QStringLiteral("--role must be one of: %1")
                                .arg(roleIds().join(QStringLiteral(", "))));
        a.role = *role;
        const QString customers = parser.value(QStringLiteral("customers"));
        if (!customers.isEmpty() && a.role != AgentRole::Service)
            return fail(QStringLiteral("--customers is for service accounts"));
        const std::optional<QString> token = store->addAgent(&a);
        if (!token)
            return fail(store->lastError());
        if (!customers.isEmpty()
            && !store->setServiceCustomers(a.id, customers.split(u',', Qt::SkipEmptyParts)))
            return fail(store->lastError());
        out << "agent " << a.id << " (" << roleId(a.role) << ") token: " << *token << '\n';
        out << "The token is shown once; only its SHA-256 is stored.\n";
        return 0;
    }
    if (command == u"agent token") {
        const std::optional<QString> token = store->newToken(parser.value(QStringLiteral("id")));
        if (!token)
            return fail(store->lastError());
        out << "agent " << parser.value(QStringLiteral("id")) << " new token: " << *token << '\n';
        return 0;
    }
    if (command == u"agent customers") {
        // The customers a console's service account files tickets for: a comma-separated
        // list, or "*" for every customer; it replaces the list the account had.
        const QString id = parser.value(QStringLiteral("id"));
        const std::optional<Agent> a = store->agent(id);
        if (!a || a->role != AgentRole::Service)
            return fail(QStringLiteral("agent customers needs --id of a service account"));
        const QStringList customers
                = parser.value(QStringLiteral("customers")).split(u',', Qt::SkipEmptyParts);
        if (!store->setServiceCustomers(id, customers))
            return fail(store->lastError());
        out << "agent " << id << " files tickets for: "
            << (customers.isEmpty() ? QStringLiteral("no customer")
                                    : customers.join(QStringLiteral(", ")))
            << '\n';
        return 0;
    }
    if (command == u"im add") {
        // An IM group of a customer: its webhook in is POST /api/v1/im/<id>, signed with the
        // secret printed here (or given with --secret); replies go to --url, signed the same.
        ImGroup g;
        g.id = parser.value(QStringLiteral("id"));
        g.customerId = parser.value(QStringLiteral("customer"));
        g.subClient = parser.value(QStringLiteral("sub-client"));
        g.kind = parser.value(QStringLiteral("kind"));
        g.name = parser.value(QStringLiteral("name"));
        g.outgoingUrl = parser.value(QStringLiteral("url"));
        const QUrl url(g.outgoingUrl);
        if (g.id.isEmpty() || !checkId(g.id).isEmpty() || g.id.contains(u'/'))
            return fail(QStringLiteral("im add needs --id (no '/', at most 128 characters)"));
        if (!store->customer(g.customerId))
            return fail(QStringLiteral("im add: no customer %1 (--customer)").arg(g.customerId));
        if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
            return fail(QStringLiteral("im add needs --url, the group's http(s) webhook"));
        g.secret = parser.value(QStringLiteral("secret")).toUtf8();
        if (g.secret.isEmpty()) {
            QByteArray raw(32, Qt::Uninitialized);
            QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
            g.secret = raw.toBase64(QByteArray::Base64UrlEncoding
                                    | QByteArray::OmitTrailingEquals);
        } else if (g.secret.size() < 16) {
            return fail(QStringLiteral("--secret must be at least 16 characters"));
        }
        if (g.kind.isEmpty())
            g.kind = QStringLiteral("wecom");
        if (!store->putImGroup(g))
            return fail(store->lastError());
        out << "im group " << g.id << " of " << g.customerId << ": POST /api/v1/im/" << g.id
            << ", secret: " << QString::fromUtf8(g.secret) << '\n';
        return 0;
    }
    if (command == u"im list") {
        for (const ImGroup &g : store->imGroups())
            out << g.id << '\t' << g.customerId << '\t' << g.subClient << '\t' << g.kind << '\t'
                << g.outgoingUrl << '\t' << g.name << '\n';
        return 0;
    }
    if (command == u"im outbox") {
        const auto rows = store->imOutbox();
        if (!rows)
            return fail(store->lastError());
        for (const Store::ImOutboxRow &r : *rows)
            out << r.messageId << '\t' << r.attempts << '\t'
                << (r.sentAt.isValid() ? Json::timestamp(r.sentAt) : QStringLiteral("pending"))
                << '\t' << r.lastError << '\n';
        return 0;
    }
    if (command == u"agent list") {
        for (const Agent &a : store->agents())
            out << a.id << '\t' << roleId(a) << '\t' << a.locale << '\t' << a.name << '\n';
        return 0;
    }
    if (command == u"customer import" && positional.size() == 3) {
        QFile file(positional.at(2));
        if (!file.open(QIODevice::ReadOnly))
            return fail(file.errorString());
        const QJsonArray list = QJsonDocument::fromJson(file.readAll()).array();
        // Every entry read before any is stored: a file with one bad entry changes nothing.
        QVector<Customer> customers;
        QStringList problems;
        for (qsizetype i = 0; i < list.size(); ++i) {
            Customer c;
            // The server's own input: a language it does not know is refused, named.
            if (Json::fromJson(list.at(i).toObject(), &c, &problems,
                               QStringLiteral("[%1]").arg(i), Json::UnknownValues::Refuse))
                customers.append(c);
        }
        if (!problems.isEmpty())
            return fail(problems.join(QStringLiteral("; ")));
        for (const Customer &c : std::as_const(customers)) {
            if (!store->putCustomer(c))
                return fail(store->lastError());
        }
        out << customers.size() << " customers imported\n";
        return 0;
    }
    if (command == u"calendar load" && positional.size() == 3) {
        // The official holiday schedule, loaded without a new release: validated as the client
        // will read it, then served with the catalog (GET /catalog) to every client.
        QFile file(positional.at(2));
        if (!file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1: %2").arg(positional.at(2), file.errorString()));
        const QByteArray json = file.readAll();
        QStringList problems;
        const std::optional<BusinessCalendar> calendar
                = BusinessCalendar::fromJson(json, &problems);
        if (!calendar)
            return fail(QStringLiteral("%1 is not a holiday calendar: %2")
                                .arg(positional.at(2), problems.join(QStringLiteral("; "))));
        const QByteArray compact
                = QJsonDocument::fromJson(json).toJson(QJsonDocument::Compact);
        if (!store->putDocument(QStringLiteral("calendar"), compact))
            return fail(store->lastError());
        QStringList years;
        for (const int y : calendar->years())
            years.append(calendar->isProvisional(y) ? QStringLiteral("%1 (provisional)").arg(y)
                                                    : QString::number(y));
        out << "calendar loaded: " << years.join(QStringLiteral(", ")) << '\n';
        return 0;
    }
    if (command == u"mail sender" && positional.size() == 4 && positional.at(2) == u"add") {
        if (!store->putMailSender(positional.at(3), parser.value(QStringLiteral("customer"))))
            return fail(store->lastError());
        out << positional.at(3).toLower() << " writes for "
            << parser.value(QStringLiteral("customer")) << '\n';
        return 0;
    }
    if (command == u"mail sender" && positional.value(2) == u"list") {
        const std::optional<QVector<QStringList>> rows = store->mailSenders();
        if (!rows)
            return fail(store->lastError());
        for (const QStringList &row : *rows)
            out << row.join(u'\t') << '\n';
        return 0;
    }
    if (positional.first() == u"mail" && positional.value(1) == u"list"
        && positional.size() <= 3) {
        // What the gateway kept for a person to sort out (triage), or any other outcome.
        const QString outcome = positional.value(2, QStringLiteral("triage"));
        const std::optional<QVector<QStringList>> rows = store->mailInbox(outcome, 1000);
        if (!rows)
            return fail(store->lastError());
        for (const QStringList &row : *rows)
            out << row.join(u'\t') << '\n';
        return 0;
    }
    if (command == u"seed bulk" && positional.size() == 3) {
        bool ok = false;
        const int n = positional.at(2).toInt(&ok);
        if (!ok || n < 0)
            return fail(QStringLiteral("seed bulk N: N must be a number"));
        return seedBulk(store.get(), catalogs, n, out) ? 0 : fail(store->lastError());
    }
    return fail(QStringLiteral("unknown command: %1 (see --help)").arg(positional.join(u' ')));
}

} // namespace

int main(int argc, char *argv[])
{
    qInstallMessageHandler(onMessage);
    // Qt's own poll()-based event loop rather than GLib's: with GLib every socket write
    // (re)registers a notifier in a list of every socket's, so a hint to 1,000 WebSocket
    // clients cost O(n²) (half the server's CPU under the scale-out benchmark; docs/server.md).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("supportdesk-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("SupportDesk ticket server.\n\n"
                       "Commands:\n"
                       "  (none)                     serve the API\n"
                       "  migrate                    bring the schema up to date\n"
                       "  backup FILE                copy the SQLite store to FILE, online\n"
                       "  restore FILE               replace the SQLite store by FILE (server\n"
                       "                             stopped; the old file is kept)\n"
                       "  agent add --name N --role agent|lead|admin|service [--locale L]\n"
                       "            [--id ID]\n"
                       "                             add an agent and print its token once\n"
                       "  agent token --id ID        issue a new token for an agent\n"
                       "  agent list                 list the agents\n"
                       "  agent customers --id ID --customers LIST\n"
                       "                             the customers a service account serves\n"
                       "  im add --id G --customer C [--sub-client S] --name N --kind wecom\n"
                       "         --url URL [--secret S]\n"
                       "                             register a customer's IM group; prints the\n"
                       "                             secret its webhook signs with\n"
                       "  im list | im outbox        the groups; the replies posted back\n"
                       "  customer import FILE.json  add or update customers (a JSON array)\n"
                       "  calendar load FILE.json    load the holiday calendar the server hands\n"
                       "                             to clients (format: cn-holidays.json)\n"
                       "  seed bulk N                add N generated tickets (benchmarks)\n"
                       "  mail-ingest                take one e-mail on stdin (for the MTA;\n"
                       "                             exit 0 taken, 65 refused, 75 retry)\n"
                       "  mail list [OUTCOME]        inbound mail kept for triage (or ticket,\n"
                       "                             reply, ignored), newest first\n"
                       "  mail sender add ADDRESS --customer ID\n"
                       "                             mail from ADDRESS (or @domain) opens\n"
                       "                             tickets for that customer\n"
                       "  mail sender list           the addresses customers write from"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        { QStringLiteral("db"),
          QStringLiteral("SQLite file or postgresql://user@host:port/db URL."),
          QStringLiteral("spec"), QStringLiteral("supportdesk-server.db") },
        { QStringLiteral("listen"), QStringLiteral("Address to listen on."),
          QStringLiteral("address"), QStringLiteral("127.0.0.1") },
        { QStringLiteral("port"), QStringLiteral("Port to listen on (0: any free port)."),
          QStringLiteral("port"), QStringLiteral("8080") },
        { QStringLiteral("readers"), QStringLiteral("Database reader threads."),
          QStringLiteral("n"), QStringLiteral("2") },
        { QStringLiteral("max-body"), QStringLiteral("Largest request body in bytes."),
          QStringLiteral("bytes"), QString::number(4 << 20) },
        { QStringLiteral("max-attachment"),
          QStringLiteral("Largest attachment in bytes (bounded by --max-body too)."),
          QStringLiteral("bytes"), QString::number(4 << 20) },
        { QStringLiteral("idle-timeout"),
          QStringLiteral("Seconds a connection may wait for a whole request before it is closed."),
          QStringLiteral("seconds"), QStringLiteral("60") },
        { QStringLiteral("demo"),
          QStringLiteral("Seed demo data, print tokens, simulate new tickets.") },
        { QStringLiteral("demo-interval"), QStringLiteral("Seconds between simulated tickets."),
          QStringLiteral("seconds"), QStringLiteral("20") },
        { QStringLiteral("demo-backlog"), QStringLiteral("Tickets in the demo backlog."),
          QStringLiteral("n"), QStringLiteral("400") },
        { QStringLiteral("demo-im-url"),
          QStringLiteral("Demo: IM groups for the editions that have them, their replies posted "
                         "to URL/<group>, and simulated group messages."),
          QStringLiteral("url") },
        { QStringLiteral("name"), QStringLiteral("agent add: the agent's name."),
          QStringLiteral("name") },
        { QStringLiteral("role"),
          QStringLiteral("agent add: agent, lead, admin, or service (a program's account, "
                         "never given tickets)."),
          QStringLiteral("role"), QStringLiteral("agent") },
        { QStringLiteral("locale"), QStringLiteral("agent add: zh_CN or en."),
          QStringLiteral("locale"), QStringLiteral("zh_CN") },
        { QStringLiteral("id"), QStringLiteral("agent add/token/customers: the agent's id."),
          QStringLiteral("id") },
        { QStringLiteral("customer"), QStringLiteral("mail sender add, im add: the customer's id."),
          QStringLiteral("id") },
        { QStringLiteral("smtp-url"),
          QStringLiteral("Send the outbox's mail through this SMTP server: smtp://host:port "
                         "or smtps://host:port (docs/mail.md). None: mail waits in the outbox."),
          QStringLiteral("url") },
        { QStringLiteral("smtp-starttls"), QStringLiteral("Require STARTTLS on smtp://.") },
        { QStringLiteral("smtp-user"), QStringLiteral("SMTP AUTH user."), QStringLiteral("user") },
        { QStringLiteral("smtp-password-file"),
          QStringLiteral("A file holding the SMTP AUTH password (or SUPPORTDESK_SMTP_PASSWORD)."),
          QStringLiteral("file") },
        { QStringLiteral("mail-from"), QStringLiteral("The desk's sender address."),
          QStringLiteral("address"), QStringLiteral("support@localhost") },
        { QStringLiteral("mail-from-name"), QStringLiteral("The desk's sender name."),
          QStringLiteral("name"), QStringLiteral("Technical Support") },
        { QStringLiteral("mail-retry"),
          QStringLiteral("Seconds before the first retry of a mail (doubled each time)."),
          QStringLiteral("seconds"), QStringLiteral("30") },
        { QStringLiteral("mail-poll"),
          QStringLiteral("Seconds between looks at the outbox."), QStringLiteral("seconds"),
          QStringLiteral("2") },
        { QStringLiteral("smtp-timeout"),
          QStringLiteral("Seconds one SMTP transaction may take; a mail being sent is leased "
                         "to its process for twice that and a margin (docs/mail.md)."),
          QStringLiteral("seconds"), QStringLiteral("60") },
        { QStringLiteral("customers"),
          QStringLiteral("agent add/customers: the customers a service account files tickets "
                         "for (comma-separated ids, or * for all)."),
          QStringLiteral("ids") },
        { QStringLiteral("sub-client"),
          QStringLiteral("im add: a partner's sub-client account the group's tickets are for."),
          QStringLiteral("account") },
        { QStringLiteral("kind"), QStringLiteral("im add: wecom or slack."),
          QStringLiteral("kind") },
        { QStringLiteral("url"), QStringLiteral("im add: the group's webhook for replies."),
          QStringLiteral("url") },
        { QStringLiteral("secret"),
          QStringLiteral("im add: the shared secret (default: a random one, printed)."),
          QStringLiteral("secret") },
        { QStringLiteral("fixed-clock"),
          QStringLiteral("For tests: the server's time stands still at this ISO 8601 instant "
                         "(tickets, quotas, server_time, the --demo backlog)."),
          QStringLiteral("time") },
    });
    parser.process(app);

    QStringList errors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&errors);
    if (!catalogs)
        return fail(QStringLiteral("the plan catalogs do not load: %1").arg(errors.join(u"; ")));

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty())
        return adminCommand(positional, parser, *catalogs);

    ServerOptions options;
    options.db = parser.value(QStringLiteral("db"));
    if (!options.address.setAddress(parser.value(QStringLiteral("listen"))))
        return fail(QStringLiteral("--listen: not an address"));
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("--port: not a port"));
    options.port = quint16(port);
    options.readers = std::clamp(parser.value(QStringLiteral("readers")).toInt(), 1, 16);
    options.maxBodyBytes
        = std::max<qint64>(1024, parser.value(QStringLiteral("max-body")).toLongLong());
    // An attachment is a body too: the HTTP layer's --max-body bounds it first.
    options.limits.maxAttachmentBytes
        = std::max<qint64>(1, parser.value(QStringLiteral("max-attachment")).toLongLong());
    options.idleTimeoutMs = int(
        std::clamp(parser.value(QStringLiteral("idle-timeout")).toDouble(), 0.1, 3600.0) * 1000);

    if (parser.isSet(QStringLiteral("fixed-clock"))) {
        const QDateTime at = Json::parseTimestamp(parser.value(QStringLiteral("fixed-clock")));
        if (!at.isValid())
            return fail(QStringLiteral("--fixed-clock: not an ISO 8601 time"));
        options.clock = std::make_shared<ManualClock>(at);
    }

    TicketServer server(options, &*catalogs);
    QString error;
    if (!server.start(&error))
        return fail(error);

    std::unique_ptr<MailSender> mailSender;
    if (parser.isSet(QStringLiteral("smtp-url"))) {
        MailOptions mail;
        mail.smtpUrl = parser.value(QStringLiteral("smtp-url"));
        mail.startTls = parser.isSet(QStringLiteral("smtp-starttls"));
        mail.user = parser.value(QStringLiteral("smtp-user"));
        mail.password = qEnvironmentVariable("SUPPORTDESK_SMTP_PASSWORD");
        if (parser.isSet(QStringLiteral("smtp-password-file"))) {
            QFile file(parser.value(QStringLiteral("smtp-password-file")));
            if (!file.open(QIODevice::ReadOnly))
                return fail(QStringLiteral("--smtp-password-file: %1").arg(file.errorString()));
            mail.password = QString::fromUtf8(file.readAll()).trimmed();
        }
        mail.fromAddress = parser.value(QStringLiteral("mail-from"));
        mail.fromName = parser.value(QStringLiteral("mail-from-name"));
        mail.domain = mail.fromAddress.section(u'@', 1);
        if (mail.domain.isEmpty())
            return fail(QStringLiteral("--mail-from: not an address"));
        mail.retryBaseMs = int(std::clamp(
                parser.value(QStringLiteral("mail-retry")).toDouble(), 0.1, 3600.0) * 1000);
        mail.timeoutMs = int(std::clamp(
                parser.value(QStringLiteral("smtp-timeout")).toDouble(), 0.5, 3600.0) * 1000);
        mail.pollMs = int(std::clamp(
                parser.value(QStringLiteral("mail-poll")).toDouble(), 0.05, 3600.0) * 1000);
        mailSender = std::make_unique<MailSender>(options.db, &*catalogs, mail);
        MailSender *sender = mailSender.get();
        server.metrics().setExtra([sender] { return sender->metrics(); });
        // An acknowledgement or a reply goes out at its commit, not at the next poll.
        QObject::connect(&server, &TicketServer::mailQueued, &server,
                         [sender] { sender->wake(); });
        mailSender->start();
    }

    QTextStream out(stdout);
    std::unique_ptr<Simulator> simulator;
    if (parser.isSet(QStringLiteral("demo"))) {
        DemoOptions demo;
        demo.backlog = std::max(0, parser.value(QStringLiteral("demo-backlog")).toInt());
        // Clamped before it is converted (a double past int's range, or NaN, is undefined).
        const double interval = parser.value(QStringLiteral("demo-interval")).toDouble();
        demo.intervalMs = interval >= 0.001 ? int(std::min(interval, 86400.0) * 1000) : 1;
        demo.imReceiverUrl = parser.value(QStringLiteral("demo-im-url"));
        if (options.clock)
            demo.now = options.clock->now(); // --fixed-clock: the backlog is made around it
        std::unique_ptr<Store> store = openStore(options.db, &*catalogs, &error);
        if (!store || !seedDemo(store.get(), *catalogs, demo, out))
            return fail(
                QStringLiteral("demo seed failed: %1").arg(store ? store->lastError() : error));
        simulator = std::make_unique<Simulator>(&server, &*catalogs, demo.intervalMs);
        simulator->setMaxAttachmentBytes(options.limits.maxAttachmentBytes);
        if (!demo.imReceiverUrl.isEmpty()) {
            // The groups' messages come in through this server's own webhook.
            QHostAddress host = options.address;
            if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4
                || host == QHostAddress::AnyIPv6)
                host = QHostAddress::LocalHost;
            QUrl base;
            base.setScheme(QStringLiteral("http"));
            base.setHost(host.toString());
            base.setPort(server.port());
            base.setPath(QStringLiteral("/api/v1/im/"));
            simulator->setImGroups(base, demoImGroups(store.get()));
        }
        simulator->start();
    }

    // SIGTERM / SIGINT: stop accepting, answer what is under way, close, exit 0.
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return fail(QStringLiteral("socketpair failed"));
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const ssize_t n = ::read(g_signalFds[1], &c, 1);
        QTextStream(stdout) << "stopping: finishing requests under way\n" << Qt::flush;
        simulator.reset();
        if (mailSender)
            mailSender->stop();
        server.shutdown();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    QObject::connect(&server, &TicketServer::stopped, &app, [] {
        QTextStream(stdout) << "stopped\n" << Qt::flush;
        QCoreApplication::quit();
    });

    out << "supportdesk-server listening on http://" << options.address.toString() << ':'
        << server.port() << "/api/v1 ("
        << (options.db.startsWith(u"postgres") ? "PostgreSQL" : "SQLite") << ")\n";
    out.flush();
    return app.exec();
}
