// The client side of the initial sync's crash test: an engine pulls an in-process server of N
// tickets into the cache in pages, printing "page <last_seq>" once each page is committed and
// "searchable" once the search index has caught up (then it exits), until it is killed.
// Usage: sync_initial_crash_child CACHE TICKETS PAGE_SIZE
#include "fakeserver.h"
#include "syncengine.h"
#include "ticketcache.h"

#include <QCoreApplication>

#include <cstdio>

using namespace SupportDesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: sync_initial_crash_child CACHE TICKETS PAGE_SIZE\n");
        return 2;
    }
    TicketCache cache(QStringLiteral("child"));
    if (cache.open(args.at(1)) != TicketCache::OpenStatus::Ok) {
        std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
        return 1;
    }
    Testing::FakeServer server;
    // The same tickets every run (ids and subjects), so a resumed sync continues the feed.
    for (int i = 0; i < args.at(2).toInt(); ++i)
        server.addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Ticket number %1").arg(i));
    SyncEngine::Options options;
    options.pageSize = args.at(3).toInt();
    SyncEngine engine(&cache, &server, options);
    QObject::connect(&engine, &SyncEngine::ticketsChanged, [&cache] {
        std::printf("page %lld\n", static_cast<long long>(cache.lastSeq()));
        std::fflush(stdout);
    });
    QObject::connect(&engine, &SyncEngine::searchIndexReady, [&] {
        std::printf("searchable\n");
        std::fflush(stdout);
        engine.stop();
        app.quit();
    });
    engine.start();
    return app.exec();
}
