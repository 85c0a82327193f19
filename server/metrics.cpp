// Prometheus counters and the /metrics page (see metrics.h).
#include "metrics.h"

#include <QList>
#include <QMutexLocker>
#include <QRegularExpression>

#include <algorithm>

namespace SupportDesk::Server {

namespace {

// Label values are routes, methods and result words; escape anyway, as the format asks.
QByteArray label(const QString &value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return out;
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 12);
}

} // namespace

QString Metrics::routeOf(const QString &path)
{
    static const QStringList fixed {
        QStringLiteral("/api/v1/catalog"),  QStringLiteral("/api/v1/me"),
        QStringLiteral("/api/v1/changes"),  QStringLiteral("/api/v1/ops"),
        QStringLiteral("/api/v1/settings"), QStringLiteral("/api/v1/reports/attainment"),
        QStringLiteral("/api/v1/stream"),   QStringLiteral("/healthz"),
        QStringLiteral("/metrics"),
    };
    if (fixed.contains(path))
        return path;
    static const QRegularExpression customer(QStringLiteral("^/api/v1/reports/customer/[^/]+$"));
    if (customer.match(path).hasMatch())
        return QStringLiteral("/api/v1/reports/customer/{id}");
    return QStringLiteral("other");
}

void Metrics::request(const QString &route, const QByteArray &method, int status, double seconds)
{
    const QString key
        = route + u'\t' + QString::fromLatin1(method) + u'\t' + QString::number(status);
    QMutexLocker lock(&m_mutex);
    ++m_requests[key];
    Latency &l = m_latency[route];
    const auto bucket = std::lower_bound(Buckets.begin(), Buckets.end(), seconds);
    if (bucket != Buckets.end())
        ++l.buckets[size_t(bucket - Buckets.begin())];
    ++l.count;
    l.sum += seconds;
    // Every 500 the API gives is a statement the database failed (docs/server.md).
    if (status == 500)
        ++m_dbErrors;
}

void Metrics::op(const QString &result)
{
    QMutexLocker lock(&m_mutex);
    ++m_ops[result];
}

QByteArray Metrics::render(const Gauges &g) const
{
    QByteArray out;
    const auto help = [&out](const char *name, const char *type, const char *text) {
        out += QByteArray("# HELP ") + name + ' ' + text + "\n# TYPE " + name + ' ' + type + '\n';
    };
    QMutexLocker lock(&m_mutex);

    help("supportdesk_http_requests_total", "counter",
         "HTTP requests answered, by route, method and status.");
    QStringList keys = m_requests.keys();
    std::sort(keys.begin(), keys.end());
    for (const QString &k : std::as_const(keys)) {
        const QStringList p = k.split(u'\t');
        out += "supportdesk_http_requests_total{route=\"" + label(p.at(0)) + "\",method=\""
            + label(p.at(1)) + "\",status=\"" + label(p.at(2)) + "\"} "
            + QByteArray::number(m_requests.value(k)) + '\n';
    }

    help("supportdesk_http_request_duration_seconds", "histogram",
         "Time from a whole request read to its answer handed to the socket, by route.");
    QStringList routes = m_latency.keys();
    std::sort(routes.begin(), routes.end());
    for (const QString &r : std::as_const(routes)) {
        const Latency &l = m_latency[r];
        const QByteArray name = "supportdesk_http_request_duration_seconds";
        const QByteArray route = "route=\"" + label(r) + '"';
        quint64 cumulative = 0;
        for (size_t i = 0; i < Buckets.size(); ++i) {
            cumulative += l.buckets[i];
            out += name + "_bucket{" + route + ",le=\"" + number(Buckets[i]) + "\"} "
                + QByteArray::number(cumulative) + '\n';
        }
        out += name + "_bucket{" + route + ",le=\"+Inf\"} " + QByteArray::number(l.count) + '\n';
        out += name + "_sum{" + route + "} " + number(l.sum) + '\n';
        out += name + "_count{" + route + "} " + QByteArray::number(l.count) + '\n';
    }

    help("supportdesk_ops_total", "counter",
         "Ops posted to /ops, by result: applied, duplicate, conflict, rejected.");
    QStringList results = m_ops.keys();
    std::sort(results.begin(), results.end());
    for (const QString &r : std::as_const(results))
        out += "supportdesk_ops_total{result=\"" + label(r) + "\"} "
            + QByteArray::number(m_ops.value(r)) + '\n';

    help("supportdesk_db_errors_total", "counter",
         "Requests answered 500 because a database statement failed.");
    out += "supportdesk_db_errors_total " + QByteArray::number(m_dbErrors) + '\n';

    help("supportdesk_websocket_clients", "gauge", "WebSocket clients connected.");
    out += "supportdesk_websocket_clients " + QByteArray::number(g.webSocketClients) + '\n';
    help("supportdesk_http_requests_in_flight", "gauge", "Requests received and not yet answered.");
    out += "supportdesk_http_requests_in_flight " + QByteArray::number(g.inFlight) + '\n';
    help("supportdesk_db_connections", "gauge",
         "Database connections in the pool, by role (one writer, --readers readers).");
    out += "supportdesk_db_connections{role=\"writer\"} 1\n";
    out += "supportdesk_db_connections{role=\"reader\"} " + QByteArray::number(g.readerConnections)
        + '\n';
    help("supportdesk_db_writer_busy", "gauge", "1 while the writer applies a group of writes.");
    out += "supportdesk_db_writer_busy " + QByteArray::number(g.writerBusy ? 1 : 0) + '\n';
    help("supportdesk_db_queued_writes", "gauge",
         "Write requests waiting for the writer's next group commit.");
    out += "supportdesk_db_queued_writes " + QByteArray::number(g.queuedWrites) + '\n';
    if (m_extra)
        out += m_extra();
    return out;
}

} // namespace SupportDesk::Server
