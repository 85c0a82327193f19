// Reading every queue row in one pass, each handed over as it is read (TicketRowSink).
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"

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
