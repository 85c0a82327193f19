// The change feed: GET /changes pages encoded straight from the stored records (see store.h).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<QByteArray> Store::changesPage(qint64 after, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT seq, kind, data FROM records WHERE seq > ? ORDER BY seq LIMIT ?"));
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
        if (count++)
            out += ',';
        out += "{\"seq\":" + QByteArray::number(seq) + ",\"kind\":\""
            + q.value(1).toString().toLatin1() + "\",\"data\":" + q.value(2).toString().toUtf8()
            + '}';
        lastSeq = seq;
    }
    out += "],\"last_seq\":" + QByteArray::number(lastSeq)
        + ",\"has_more\":" + (more ? "true" : "false") + '}';
    return out;
}

std::optional<qint64> Store::maxSeq()
{
    if (!m_maxSeqQuery) {
        m_maxSeqQuery = std::make_unique<QSqlQuery>(m_db);
        if (!m_maxSeqQuery->prepare(QStringLiteral("SELECT MAX(seq) FROM records"))) {
            fail(m_maxSeqQuery->lastError().text());
            m_maxSeqQuery.reset();
            return std::nullopt;
        }
    }
    QSqlQuery &q = *m_maxSeqQuery;
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const qint64 seq = q.value(0).toLongLong();
    q.finish();
    return seq;
}

} // namespace SupportDesk::Server
