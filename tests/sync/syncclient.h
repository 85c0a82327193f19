// One client of the real server for end-to-end tests: a cache file, the real HttpTransport
// over a QNAM that spoils chosen requests (the rest go out to the server on loopback), an
// engine, and a wait until it has nothing left to do.
#pragma once

#include "enginesettle.h"
#include "fakeqnam.h"
#include "realserver.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <memory>

namespace SupportDesk::Testing {

struct SyncClient
{
    SyncClient(const RealServer &server, const QString &path, const QString &token)
        : cache(path), http(server.url(), token, &faults)
    {
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            qFatal("cannot open %s", qPrintable(path));
        SyncEngine::Options &o = options;
        o.pageSize = 50; // the demo backlog spans several pages
        o.requestTimeoutMs = 1500;
        o.minBackoffMs = 20;
        o.maxBackoffMs = 200;
        o.pollIntervalMs = 600000; // changes come by hint or by syncNow()
        engine = std::make_unique<SyncEngine>(&cache, &http, o);
    }
    // Runs the event loop until the engine has nothing left to send and has read the feed to
    // its end, or `ms` pass.
    bool settle(int ms = 20000)
    {
        return settleEngine(*engine, ms, [this] { return cache.pendingCount() == 0; });
    }

    TicketCache cache;
    SyncEngine::Options options;
    FakeQNAM faults;
    HttpTransport http;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace SupportDesk::Testing
