// One client of the real server for end-to-end tests: a cache file, the real HttpTransport
// over a QNAM that spoils chosen requests (the rest go out to the server on loopback), an
// engine, and a wait until it has nothing left to do.
#pragma once

#include "fakeqnam.h"
#include "realserver.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QDeadlineTimer>
#include <QSignalSpy>

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
        // Woken by the engine's idle signal, never by polling: each idle is checked once.
        QDeadlineTimer deadline(ms);
        QSignalSpy idle(engine.get(), &SyncEngine::idle);
        engine->syncNow();
        for (;;) {
            if (idle.isEmpty() && !idle.wait(int(std::max<qint64>(deadline.remainingTime(), 1))))
                return false;
            idle.clear();
            if (engine->state() != SyncState::Idle)
                continue; // busy again since: its next idle is the one to check
            if (cache.pendingCount() == 0)
                return true;
            engine->syncNow();
        }
    }

    TicketCache cache;
    SyncEngine::Options options;
    FakeQNAM faults;
    HttpTransport http;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace SupportDesk::Testing
