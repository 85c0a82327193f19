// The queue's tags: the column's text and the tag filter (docs/tags-and-views.md).
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "tag.h"
#include "ticketcache.h"

namespace SupportDesk {

void QueueModel::refreshTags()
{
    const bool had = !m_ticketTags.isEmpty();
    m_ticketTags = m_cache && m_cache->isOpen() ? m_cache->ticketTags()
                                                : QHash<QString, QStringList>();
    // The view shows the Tags column only while some ticket has a tag (QueueView).
    if (had != !m_ticketTags.isEmpty())
        emit columnTextsChanged();
}

// The changed tickets' tags only, read with their rows (off the GUI thread over a session):
// the whole table read again on this thread per merge grew with every tagged ticket.
void QueueModel::mergeTags(const QStringList &ids, const QHash<QString, QStringList> &tags)
{
    const bool had = !m_ticketTags.isEmpty();
    for (const QString &id : ids) {
        const auto it = tags.constFind(id);
        if (it == tags.cend())
            m_ticketTags.remove(id);
        else
            m_ticketTags.insert(id, *it);
    }
    if (had != !m_ticketTags.isEmpty())
        emit columnTextsChanged();
}

bool QueueModel::anyTagged() const
{
    return !m_ticketTags.isEmpty();
}

bool QueueModel::hasTags(const Row &row, const QStringList &tags) const
{
    const auto it = m_ticketTags.constFind(row.id());
    if (it == m_ticketTags.cend())
        return false;
    for (const QString &tag : tags) {
        if (!it->contains(tag))
            return false;
    }
    return true;
}

void QueueModel::setTagFilter(const QStringList &tags)
{
    QStringList normalised;
    for (const QString &tag : tags) {
        const QString t = normalizeTag(tag);
        if (!t.isEmpty() && !normalised.contains(t))
            normalised.append(t);
    }
    if (normalised == m_tagFilter)
        return;
    m_tagFilter = normalised;
    refilter();
}

} // namespace SupportDesk
