// A transport that forwards to a real one (the real server on loopback) and spoils chosen
// requests on the way: a 5xx, a request that hangs, a reply cut short, a connection dropped
// mid-reply, a reply lost after the server applied the request, a 401.
#pragma once

#include "transport.h"

#include <QHash>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace SupportDesk::Testing {

class FaultTransport final : public Transport
{
    Q_OBJECT

public:
    enum class Fault {
        ServerError,  // 503 without reaching the server
        Hang,         // never answers (until aborted)
        Truncate,     // reaches the server; the client gets half of the body with a 200
        DropMidReply, // reaches the server; the connection drops before the body is complete
        LoseReply,    // reaches the server, which applies it; the reply never arrives
        Unauthorized, // 401 without reaching the server
    };

    explicit FaultTransport(Transport *inner, QObject *parent = nullptr)
        : Transport(parent), m_inner(inner)
    {
    }

    // The next `count` requests whose path starts with `pathPrefix` (empty: any) suffer `fault`.
    void inject(Fault fault, const QString &pathPrefix = {}, int count = 1)
    {
        for (int i = 0; i < count; ++i)
            m_faults.append({fault, pathPrefix});
    }
    void clearFaults() { m_faults.clear(); }
    int pendingFaults() const { return int(m_faults.size()); }
    // Requests sent so far whose path starts with `pathPrefix`, spoiled or not.
    int requests(const QString &pathPrefix = {}) const
    {
        int n = 0;
        for (const QString &p : m_paths)
            n += p.startsWith(pathPrefix);
        return n;
    }

    quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                 Callback done) override
    {
        m_paths.append(path);
        const quint64 id = m_nextId++;
        std::optional<Fault> fault;
        for (qsizetype i = 0; i < m_faults.size(); ++i) {
            if (path.startsWith(m_faults.at(i).second)) {
                fault = m_faults.takeAt(i).first;
                break;
            }
        }
        const auto later = [this, id, done](TransportResponse r) {
            QTimer::singleShot(1, this, [this, id, done, r] {
                if (m_live.remove(id))
                    done(r);
            });
        };
        m_live.insert(id, 0);
        if (fault == Fault::ServerError || fault == Fault::Unauthorized) {
            TransportResponse r;
            r.status = fault == Fault::ServerError ? 503 : 401;
            r.body = R"({"error":{"code":"injected","message":"injected fault"}})";
            r.sentAt = r.receivedAt = QDateTime::currentDateTimeUtc();
            later(r);
            return id;
        }
        if (fault == Fault::Hang)
            return id; // answered by nobody; abort() forgets it
        const quint64 innerId = m_inner->send(method, path, body,
                                              [this, id, done, fault](const TransportResponse &in) {
            if (!m_live.remove(id))
                return; // aborted by the client
            TransportResponse r = in;
            if (fault == Fault::Truncate) {
                r.body.truncate(r.body.size() / 2);
            } else if (fault == Fault::DropMidReply || fault == Fault::LoseReply) {
                r.status = 0;
                r.body.clear();
                r.error = fault == Fault::LoseReply ? QStringLiteral("reply lost (injected)")
                                                    : QStringLiteral("connection closed (injected)");
            }
            done(r);
        });
        m_live.insert(id, innerId);
        return id;
    }

    void abort(quint64 id) override
    {
        const auto it = m_live.find(id);
        if (it == m_live.end())
            return;
        if (*it)
            m_inner->abort(*it);
        m_live.erase(it);
    }

    QUrl streamUrl() const override { return m_streamEnabled ? m_inner->streamUrl() : QUrl(); }
    QNetworkRequest streamRequest() const override
    {
        return m_streamEnabled ? m_inner->streamRequest() : QNetworkRequest();
    }
    void setStreamEnabled(bool on) { m_streamEnabled = on; }

private:
    Transport *m_inner;
    QList<std::pair<Fault, QString>> m_faults;
    QStringList m_paths;
    QHash<quint64, quint64> m_live; // our id → the inner request's id (0: none)
    quint64 m_nextId = 1;
    bool m_streamEnabled = true;
};

} // namespace SupportDesk::Testing
