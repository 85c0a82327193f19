// The client side of the crash test: saves a burst of edits as fast as it can and prints
// "saved <op_id>" after each one the cache reports saved, until it is killed.
// Usage: sync_crash_child CACHE [SERVER_URL TOKEN]
// With a server, a DeskSession syncs meanwhile, so edits leave the outbox while others arrive.
#include "desksession.h"

#include <QCoreApplication>
#include <QTimer>
#include <QUuid>

#include <cstdio>

using namespace SupportDesk;

static QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2 && args.size() != 4) {
        std::fprintf(stderr, "usage: sync_crash_child CACHE [SERVER_URL TOKEN]\n");
        return 2;
    }
    DeskSession session;
    const SessionConfig config = args.size() == 4
            ? SessionConfig::forServer(QUrl(args.at(2)), args.at(3), args.at(1))
            : SessionConfig{args.at(1), nullptr, {}, {}};
    if (session.open(config) != TicketCache::OpenStatus::Ok) {
        std::fprintf(stderr, "%s\n", qPrintable(session.errorString()));
        return 1;
    }
    if (config.makeTransport)
        session.start();

    // One ticket made here (a create op), then replies to it, one per event-loop turn so the
    // sync thread's work interleaves with the edits.
    const QString ticketId = uuid();
    Operation create;
    create.opId = uuid();
    create.type = QStringLiteral("create-ticket");
    create.ticketId = ticketId;
    create.madeAt = QDateTime::currentDateTimeUtc();
    const QString customer = qEnvironmentVariable("CRASH_CUSTOMER", QStringLiteral("c1"));
    create.payload = {{QStringLiteral("customer_id"), customer},
                      {QStringLiteral("sub_client"), qEnvironmentVariable("CRASH_SUB_CLIENT")},
                      {QStringLiteral("subject"), QStringLiteral("crash test")},
                      {QStringLiteral("body"), QStringLiteral("a burst of replies follows")},
                      {QStringLiteral("channel"), QStringLiteral("ticket")},
                      {QStringLiteral("severity"), QStringLiteral("consultation")}};
    if (!session.saveEdit(create)) {
        std::fprintf(stderr, "%s\n", qPrintable(session.errorString()));
        return 1;
    }
    std::printf("ticket %s\nsaved %s\n", qPrintable(ticketId), qPrintable(create.opId));
    std::fflush(stdout);

    QTimer burst;
    QObject::connect(&burst, &QTimer::timeout, [&] {
        Operation reply;
        reply.opId = uuid();
        reply.type = QStringLiteral("reply");
        reply.ticketId = ticketId;
        reply.baseVersion = session.cache()->ticket(ticketId).value_or(Ticket()).version;
        reply.madeAt = QDateTime::currentDateTimeUtc();
        reply.payload = {{QStringLiteral("message_id"), uuid()},
                         {QStringLiteral("body"), QStringLiteral("reply %1").arg(reply.opId)}};
        if (!session.saveEdit(reply)) {
            std::fprintf(stderr, "not saved: %s\n", qPrintable(session.errorString()));
            return;
        }
        // Only now is it "saved" as far as the user is concerned.
        std::printf("saved %s\n", qPrintable(reply.opId));
        std::fflush(stdout);
    });
    burst.start(0);
    return app.exec();
}
