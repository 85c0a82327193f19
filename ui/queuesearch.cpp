// Search as you type: the cache's full-text search turned into the queue's hits.
#include "queuemodel.h"
#include "queuemodel_p.h"

namespace SupportDesk {

using namespace QueueModelDetail;

void QueueModel::setSearchText(const QString &text)
{
    const QString trimmed = text.simplified();
    m_searchText = trimmed;
    m_searchActive = !trimmed.isEmpty();
    m_searchHits.fill(false, m_rows.rows.size());
    int matches = 0;
    if (m_searchActive && m_cache && m_cache->isOpen()) {
        const QStringList found = m_cache->searchTickets(trimmed, 1000000);
        for (const QString &id : found) {
            const int s = storageOf(id.toUtf8());
            if (s >= 0) {
                m_searchHits.setBit(s);
                ++matches;
            }
        }
    }
    refilter();
    emit searchFinished(matches);
}

} // namespace SupportDesk
