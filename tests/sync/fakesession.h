// A DeskSession's configuration over a FakeServer (fakeserver.h), for the tests of the
// session and of its views (the index, the queue, the lead board): a cache at `path`, quick
// retries, and a server holding ticket t1 ("Disk full") and what `setUp` puts there. The
// server is made on the session's sync thread when it starts; `served` (if given) is set to it.
#pragma once

#include "desksession.h"
#include "fakeserver.h"

#include <functional>

namespace SupportDesk::Testing {

inline SessionConfig fakeConfig(const QString &path, FakeServer **served,
                                const std::function<void(FakeServer *)> &setUp = {})
{
    SessionConfig config;
    config.cachePath = path;
    config.options.minBackoffMs = 10;
    config.makeTransport = [served, setUp] {
        auto *server = new FakeServer;
        server->addTicket(QStringLiteral("t1"), QStringLiteral("Disk full"));
        if (setUp)
            setUp(server);
        if (served)
            *served = server;
        return server;
    };
    return config;
}

} // namespace SupportDesk::Testing
