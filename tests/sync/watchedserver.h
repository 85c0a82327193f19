// The in-memory server with a look at each request as it is sent and at its answer once the
// client has handled it: a test acts at an exact point of the sync engine's sequence (between
// asking for a feed page and using it; once the last page is written).
#pragma once

#include "fakeserver.h"

#include <functional>

namespace SupportDesk::Testing {

class WatchedServer final : public Transport
{
public:
    // `server` is not owned (give it a parent to tie their lives).
    explicit WatchedServer(FakeServer *server) : m_server(server) {}

    // Before the request reaches the server.
    std::function<void(const QByteArray &method, const QString &path)> onSend;
    // After the client's callback for the answer has returned.
    std::function<void(const QString &path, const TransportResponse &r)> onAnswered;

    quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                 Callback done) override
    {
        if (onSend)
            onSend(method, path);
        return m_server->send(method, path, body, [this, path, done](const TransportResponse &r) {
            done(r);
            if (onAnswered)
                onAnswered(path, r);
        });
    }
    void abort(quint64 id) override { m_server->abort(id); }
    QUrl streamUrl() const override { return {}; }

private:
    FakeServer *m_server;
};

} // namespace SupportDesk::Testing
