// What /metrics reports, in Prometheus' text format (docs/server.md): requests and latency by
// route, ops by result, and the gauges the server passes in when it is scraped. Counted from
// every thread (workers answer requests), so each update takes a mutex; it is one per request.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <QVector>

#include <algorithm>
#include <array>
#include <functional>

namespace SupportDesk::Server {

class Metrics
{
public:
    // The gauges only the server's main thread knows, read when /metrics is asked.
    struct Gauges
    {
        int webSocketClients = 0;
        int readerConnections = 0; // the writer has one connection besides
        bool writerBusy = false;
        int queuedWrites = 0; // POST /ops waiting for the next group commit
        int inFlight = 0; // requests received and not yet answered
    };

    // The route a path is counted under: its documented template, or "other" (so a client
    // cannot make a new series per URL).
    static QString routeOf(const QString &path);

    void request(const QString &route, const QByteArray &method, int status, double seconds);
    void op(const QString &result);
    QByteArray render(const Gauges &gauges) const;
    // Series another part of the process renders itself (the mail sender's), appended.
    void setExtra(std::function<QByteArray()> extra)
    {
        QMutexLocker lock(&m_mutex);
        m_extra = std::move(extra);
    }

    // Bucket bounds in seconds, Prometheus' defaults.
    static constexpr std::array<double, 11> Buckets
        = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10 };

private:
    struct Latency
    {
        std::array<quint64, Buckets.size()> buckets {}; // cumulative when rendered
        quint64 count = 0;
        double sum = 0;
    };
    mutable QMutex m_mutex;
    QHash<QString, quint64> m_requests; // "route\tmethod\tstatus"
    QHash<QString, Latency> m_latency; // by route
    QHash<QString, quint64> m_ops; // by result
    quint64 m_dbErrors = 0;
    std::function<QByteArray()> m_extra;
};

// Durations kept one by one, for the tail the histogram's buckets are too coarse to show
// (a benchmark's writes and group commits): logged when the server stops. The newest Cap
// only, so a server that runs for months keeps a bounded buffer.
class Samples
{
public:
    static constexpr qsizetype Cap = 1 << 16;
    void add(qint64 ns)
    {
        if (m_ns.size() < Cap)
            m_ns.append(ns);
        else
            m_ns[m_next++ % Cap] = ns;
    }
    qsizetype count() const { return m_ns.size(); }
    // "p50 a, p90 b, p99 c, max d ms"; empty when nothing was added.
    QString summary() const
    {
        if (m_ns.isEmpty())
            return {};
        QVector<qint64> sorted = m_ns;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&sorted](double q) {
            return double(sorted.at(qsizetype(q * double(sorted.size() - 1)))) / 1e6;
        };
        return QStringLiteral("p50 %1, p90 %2, p99 %3, max %4 ms")
            .arg(at(0.5), 0, 'f', 2)
            .arg(at(0.9), 0, 'f', 2)
            .arg(at(0.99), 0, 'f', 2)
            .arg(at(1.0), 0, 'f', 2);
    }

private:
    QVector<qint64> m_ns;
    qsizetype m_next = 0; // once full: the oldest, overwritten next
};

} // namespace SupportDesk::Server
