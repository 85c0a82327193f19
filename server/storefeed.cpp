// The change feed: GET /changes pages encoded straight from the stored records (see store.h).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<QByteArray> Store::changesPage(qint64 after, int limit, const QString &viewerId,
                                             bool *personal)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Another account's records are read and passed over rather than filtered in SQL, so
    // last_seq still moves past them and the reader does not ask for them again.
    q.prepare(QStringLiteral(
        "SELECT seq, kind, data, audience FROM records WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(limit + 1);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QByteArray out;
    out.reserve(limit * 700 + 200);
    out += "\"after\":" + QByteArray::number(after) + ",\"changes\":[";
    int count = 0;
    qint64 lastSeq = after;
    bool more = false;
    while (q.next()) {
        if (count == limit) {
            more = true;
            break;
        }
        const qint64 seq = q.value(0).toLongLong();
        lastSeq = seq;
        ++count;
        if (const QString audience = q.value(3).toString(); !audience.isEmpty()) {
            if (personal)
                *personal = true;
            if (audience != viewerId)
                continue;
        }
        if (out.back() != '[')
            out += ',';
        out += "{\"seq\":" + QByteArray::number(seq) + ",\"kind\":\""
            + q.value(1).toString().toLatin1() + "\",\"data\":" + q.value(2).toString().toUtf8()
            + '}';
    }
    out += "],\"last_seq\":" + QByteArray::number(lastSeq)
        + ",\"has_more\":" + (more ? "true" : "false") + '}';
    return out;
}

std::optional<qint64> Store::maxSeq()
{
    return preparedValue(&m_maxSeqQuery, QStringLiteral("SELECT MAX(seq) FROM records"));
}

std::optional<qint64> Store::dataVersion()
{
    if (m_postgres)
        return std::nullopt;
    return preparedValue(&m_dataVersionQuery, QStringLiteral("PRAGMA data_version"));
}

std::optional<qint64> Store::preparedValue(std::unique_ptr<QSqlQuery> *query, const QString &sql)
{
    if (!*query) {
        *query = std::make_unique<QSqlQuery>(m_db);
        if (!(*query)->prepare(sql)) {
            fail((*query)->lastError().text());
            query->reset();
            return std::nullopt;
        }
    }
    QSqlQuery &q = **query;
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const qint64 value = q.value(0).toLongLong();
    q.finish(); // no read left open: it would hold back the WAL's checkpoints
    return value;
}

} // namespace SupportDesk::Server
