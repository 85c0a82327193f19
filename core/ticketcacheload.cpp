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
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    QVector<QString> words{QString()};
    loadWords(q, &words);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM queue_rows")) || !q.next())
        return false;
    const qsizetype count = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral("SELECT row FROM queue_rows")))
        return false;
    sink->begin(words, count);
    const auto wordCount = quint32(words.size());
    TicketRow r;
    while (q.next()) {
        // One row's bytes at a time: what the sink keeps it copies into its own compact form.
        if (parseQueueRow(q.value(0).toByteArray(), &r, wordCount))
            sink->take(r);
        r.packed = QByteArray();
    }
    return true;
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
    q.addBindValue(QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
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
