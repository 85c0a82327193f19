// The end-to-end tests' wait for a sync engine to settle: woken by its idle signal, never by
// polling (SyncClient, AttachmentClient).
#pragma once

#include "syncengine.h"

#include <QDeadlineTimer>
#include <QSignalSpy>

#include <algorithm>

namespace SupportDesk::Testing {

// Runs the event loop until `engine` is idle and `done()` holds, or `ms` pass; while idle and
// not done it asks for another sync. Woken by the engine's idle signal, never by polling: each
// idle is checked once.
template<typename Done>
bool settleEngine(SyncEngine &engine, int ms, Done done)
{
    QDeadlineTimer deadline(ms);
    QSignalSpy idle(&engine, &SyncEngine::idle);
    engine.syncNow();
    for (;;) {
        if (idle.isEmpty() && !idle.wait(int(std::max<qint64>(deadline.remainingTime(), 1))))
            return false;
        idle.clear();
        if (engine.state() != SyncState::Idle)
            continue; // busy again since: its next idle is the one to check
        if (done())
            return true;
        engine.syncNow();
    }
}

} // namespace SupportDesk::Testing
