// Reading every queue row in one pass, each handed over as it is read (TicketRowSink).
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

bool TicketCache::scanTicketRows(TicketRowSink *sink) const
{
    return scanRowsOn(m_connectionName, sink);
}

bool TicketCache::scanTicketRowsAt(const QString &path, const QString &connectionName,
                                   TicketRowSink *sink)
{
    return openReader(path, connectionName) && scanRowsOn(connectionName, sink);
}

bool TicketCache::scanRowsOn(const QString &connectionName, TicketRowSink *sink)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    // One read transaction: the count, the dictionary and the rows are of one snapshot, so a
    // code a row holds is in the words read before it, even with the sync writing meanwhile.
    const bool snapshot = db.transaction();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QVector<QString> words{QString()};
    bool ok = q.exec(QStringLiteral("SELECT count(*) FROM queue_rows")) && q.next();
    const qsizetype count = ok ? q.value(0).toLongLong() : 0;
    loadWords(q, &words);
    ok = ok && q.exec(QStringLiteral("SELECT row FROM queue_rows"));
    if (ok) {
        sink->begin(words, count);
        const auto wordCount = quint32(words.size());
        TicketRow r;
        while (q.next()) {
            // One row's bytes at a time: what the sink keeps it copies into its own form.
            if (parseQueueRow(q.value(0).toByteArray(), &r, wordCount))
                sink->take(r);
            r.packed = QByteArray();
        }
    }
    q.finish();
    if (snapshot)
        db.commit();
    return ok;
}

QueueRows TicketCache::loadFirstOpenRows(int limit) const
{
    QueueRows result;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    loadWords(q, &result.words);
    // The partial index holds the open tickets only, in the queue's default order, ties by
    // id as the queue breaks them (its bytes), so the first screen is the queue's.
    if (!q.prepare(QStringLiteral("SELECT row FROM queue_rows WHERE open_key IS NOT NULL "
                                  "ORDER BY open_key, ticket_rowid LIMIT ?")))
        return result;
    q.addBindValue(limit);
    if (!q.exec())
        return result;
    const auto words = quint32(result.words.size());
    while (q.next()) {
        TicketRow r;
        if (parseQueueRow(q.value(0).toByteArray(), &r, words))
            result.rows.append(std::move(r));
    }
    return result;
}

qint64 TicketCache::queueRowsBound() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    return q.exec(QStringLiteral("SELECT max(rowid) FROM queue_rows")) && q.next()
            ? q.value(0).toLongLong()
            : 0;
}

// Unanswered first, then by deadline; |dueAt| stays far below 2^61 for any date.
static constexpr qint64 AnsweredOffset = Q_INT64_C(1) << 62;

std::optional<qint64> TicketCache::openOrderKey(const Ticket &t)
{
    if (!TicketStatus::isOpen(t.status))
        return std::nullopt;
    return (t.firstResponseAt.isValid() ? AnsweredOffset : 0) + toMs(t.dueAt);
}

// The fields after the subject are numbers (digits, '-'), so SQLite can take them from the
// row's end with rtrim alone: each strip drops the last number and its separator. Only for
// the migration's backfill: an index on this expression cost 7 µs a written row (100k rows
// of an initial sync: 0.7 s), where the writer binds the key it already knows.
QString TicketCache::openOrderKeySql()
{
    const QString digits = QStringLiteral("'0123456789-'");
    const QString separator = QStringLiteral("char(31)");
    const auto strip = [&](QString x, int times) {
        for (int i = 0; i < times; ++i)
            x = QStringLiteral("rtrim(rtrim(%1, %2), %3)").arg(x, digits, separator);
        return x;
    };
    const auto last = [&](const QString &x) {
        return QStringLiteral("substr(%1, length(rtrim(%1, %2)) + 1)").arg(x, digits);
    };
    const QString row = QStringLiteral("row");
    // From the end: pending, updated, due, first response, created, edition, plan, assignee,
    // status.
    const QString due = QStringLiteral("CAST(%1 AS INTEGER)").arg(last(strip(row, 2)));
    const QString answered = last(strip(row, 3));
    const QString status = QStringLiteral("CAST(%1 AS INTEGER)").arg(last(strip(row, 8)));
    return QStringLiteral("CASE WHEN (SELECT word FROM dictionary WHERE code = %1) IN ('%2', "
                          "'%3') THEN NULL ELSE (CASE %4 WHEN '0' THEN 0 ELSE %5 END) + %6 END")
            .arg(status, TicketStatus::Resolved, TicketStatus::Closed, answered)
            .arg(AnsweredOffset)
            .arg(due);
}

// The ids go in as one JSON array and SQLite passes over a ticket whose bytes do not hold the
// flag's word before anything is decoded here (a body may mention the word: decoded tickets
// are checked by their flags). The lead board read every ticket of an over-quota customer one
// statement and one whole decode at a time: 200k of them at a million tickets.
QVector<Ticket> TicketCache::ticketsFlagged(const QStringList &ids, const QString &flag) const
{
    QVector<Ticket> found;
    if (ids.isEmpty() || flag.isEmpty())
        return found;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    // CROSS JOIN: from the ids to their rows, never a scan of the tickets.
    if (!q.prepare(QStringLiteral("SELECT t.data FROM json_each(?) j CROSS JOIN tickets t "
                                  "ON t.id = j.value WHERE instr(t.data, ?) > 0")))
        return found;
    q.addBindValue(idArray(ids));
    q.addBindValue(flag.toUtf8());
    if (!q.exec())
        return found;
    while (q.next()) {
        std::optional<Ticket> t = decodeTicket(q.value(0));
        if (t && t->flags.contains(flag))
            found.append(std::move(*t));
    }
    return found;
}

// The lead board's quota and attainment and the quota ledger ask this of a customer's
// closed tickets: read one statement each, they were 319 statements at a million tickets.
QHash<QString, bool> TicketCache::mergedAmong(const QStringList &ids) const
{
    QHash<QString, bool> merged;
    if (ids.isEmpty())
        return merged;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT t.data FROM json_each(?) j CROSS JOIN tickets t "
                                  "ON t.id = j.value")))
        return merged;
    q.addBindValue(idArray(ids));
    if (!q.exec())
        return merged;
    while (q.next()) {
        if (const std::optional<Ticket> t = decodeTicket(q.value(0)))
            merged.insert(t->id, !t->mergedInto.isEmpty());
    }
    return merged;
}

namespace {
// Keeps every row as read: loadTicketRows() for callers that want them all at once.
class KeepAll : public TicketRowSink
{
public:
    explicit KeepAll(QueueRows *rows) : m_rows(rows) {}
    void begin(const QVector<QString> &words, qsizetype count) override
    {
        m_rows->words = words;
        m_rows->rows.reserve(count);
    }
    void take(const TicketRow &row) override { m_rows->rows.append(row); }

private:
    QueueRows *m_rows;
};
} // namespace

QueueRows TicketCache::loadTicketRows() const
{
    QueueRows result;
    KeepAll keep(&result);
    scanTicketRows(&keep);
    return result;
}

} // namespace SupportDesk
