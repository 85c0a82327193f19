// Which rows the queue shows: the queues, the column filters and the lead board's pick.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "tag.h"

namespace SupportDesk {

using namespace QueueModelDetail;


// The codes of the words the queues test, so a row is judged with integer compares only.
void QueueModel::refreshCodes()
{
    m_codeResolved = codeOf(m_rows, TicketStatus::Resolved);
    m_codeClosed = codeOf(m_rows, TicketStatus::Closed);
    m_codeWaiting = codeOf(m_rows, TicketStatus::WaitingOnCustomer);
    const QString me = agentId();
    m_codeMe = me.isEmpty() ? NoCode : codeOf(m_rows, me);
    for (int f = 0; f < FilterCount; ++f)
        m_filterCodes[f] = codeOf(m_rows, m_filterValues[f]);
}

bool QueueModel::inQueue(const Row &row, const Facts &facts, Queue queue, qint64 nowMs) const
{
    if (!facts.entry)
        return false; // no facts: a gone row, in no queue (Untranslated is not closed)
    const bool open = facts.status != m_codeResolved && facts.status != m_codeClosed;
    switch (queue) {
    case MyTickets:
        return open && facts.assignee == m_codeMe;
    case Unassigned:
        return open && facts.assignee == 0;
    case AtRisk:
    case Breached: {
        const Times t = timesOf(facts.entry);
        if (!open || t.firstResponseMs != 0 || t.dueMs == 0)
            return false;
        const SlaState state = ResponseClock::openState(
            ResponseClock::moments(t.createdMs, t.dueMs, m_atRiskFraction), nowMs);
        return state == (queue == Breached ? SlaState::Breached : SlaState::AtRisk);
    }
    case WaitingOnCustomer:
        return facts.status == m_codeWaiting;
    case AllOpen:
        return open;
    case RecentlyClosed:
        return !open && nowMs - row.updatedAtMs <= RecentlyClosedMs;
    case QueueCount:
        break;
    }
    return false;
}

bool QueueModel::accepts(int s) const
{
    if (m_gone.testBit(s))
        return false;
    const Row &row = m_rows.rows.at(s);
    if (m_onlyActive)
        return m_onlyHits.testBit(s);
    if (!selects(row, factsAt(s), m_queue, m_filterValues, m_filterCodes, m_tagFilter, m_nowMs))
        return false;
    // The hits shown are those of the last search applied: a search still running leaves them,
    // except for rows merged meanwhile, which the merge tested against the running search's
    // text (a ticket just created is judged by the search the agent typed last).
    if (m_searchPending && m_searchActive && !m_mergedWhileSearching.isEmpty()
        && m_mergedWhileSearching.contains(s))
        return m_searchHits.testBit(s);
    return !m_searchApplied || m_searchHits.testBit(s);
}

bool QueueModel::selects(const Row &row, const Facts &facts, Queue queue,
                         const QString *values, const quint32 *codes, const QStringList &tags,
                         qint64 nowMs) const
{
    if (!inQueue(row, facts, queue, nowMs))
        return false;
    const quint32 rowValues[FilterCount]
        = { facts.edition, facts.severity, row.channel, facts.status };
    for (int f = 0; f < FilterCount; ++f) {
        if (!values[f].isEmpty() && rowValues[f] != codes[f])
            return false;
    }
    return tags.isEmpty() || hasTags(row, tags);
}

int QueueModel::countSelection(const Selection &selection, const QStringList *searchHits) const
{
    const QString values[FilterCount] = { selection.edition, selection.severity,
                                          selection.channel, selection.status };
    quint32 codes[FilterCount];
    for (int f = 0; f < FilterCount; ++f)
        codes[f] = codeOf(m_rows, values[f]);
    QStringList tags;
    for (const QString &tag : selection.tags) {
        const QString t = normalizeTag(tag);
        if (!t.isEmpty() && !tags.contains(t))
            tags.append(t);
    }
    QBitArray hits;
    if (searchHits) {
        hits.resize(m_rows.rows.size());
        for (const QString &id : *searchHits) {
            const int s = storageOf(id.toUtf8());
            if (s >= 0)
                hits.setBit(s);
        }
    }
    const qint64 nowMs = now().toMSecsSinceEpoch();
    const EntrySource facts = liveFacts();
    int count = 0;
    for (int s = 0; s < int(m_rows.rows.size()); ++s) {
        if ((s < m_gone.size() && m_gone.testBit(s)) || (searchHits && !hits.testBit(s)))
            continue;
        const Row &row = m_rows.rows.at(s);
        if (selects(row, facts.of(s, row), selection.queue, values, codes, tags, nowMs))
            ++count;
    }
    return count;
}

void QueueModel::refilter()
{
    beginResetModel();
    m_order.clear();
    if (!m_onlyActive && (m_queue == AtRisk || m_queue == Breached) && m_watchFresh) {
        // Only unanswered open tickets can be in these: no pass over the whole cache.
        for (int s = 0; s < m_watched.size(); ++s) {
            if (m_watched.testBit(s) && accepts(s))
                m_order.append(s);
        }
    } else {
        for (int s = 0; s < int(m_rows.rows.size()); ++s) {
            if (accepts(s))
                m_order.append(s);
        }
    }
    sortOrder(&m_order);
    endResetModel();
}

void QueueModel::setQueue(Queue queue)
{
    if (queue < 0 || queue >= QueueCount)
        return;
    const bool wasOnly = m_onlyActive;
    m_onlyActive = false;
    if (queue == m_queue && !wasOnly)
        return;
    // The queue's own order comes with it unless the agent sorted the last one otherwise;
    // set before the refilter, so the rows are sorted once (a view follows on the reset).
    if (sorting() == defaultSorting(m_queue)) {
        const Sorting next = defaultSorting(queue);
        m_sortColumn = next.column;
        m_sortOrder = next.order;
        rankWords();
    }
    m_queue = queue;
    m_nowMs = now().toMSecsSinceEpoch();
    refilter();
}

void QueueModel::setFilter(Filter filter, const QString &value)
{
    if (m_filterValues[filter] == value)
        return;
    m_filterValues[filter] = value;
    m_filterCodes[filter] = codeOf(m_rows, value);
    refilter();
}

void QueueModel::setEditionFilter(const QString &editionId)
{
    setFilter(FilterEdition, editionId);
}
void QueueModel::setSeverityFilter(const QString &severityId)
{
    setFilter(FilterSeverity, severityId);
}
void QueueModel::setChannelFilter(const QString &channelId)
{
    setFilter(FilterChannel, channelId);
}
void QueueModel::setStatusFilter(const QString &status)
{
    setFilter(FilterStatus, status);
}

void QueueModel::showOnly(const QStringList &ticketIds)
{
    readTicketsNotHeld(ticketIds);
    m_onlyIds = QSet<QString>(ticketIds.cbegin(), ticketIds.cend());
    m_onlyActive = true;
    m_onlyHits.fill(false, m_rows.rows.size());
    for (const QString &id : ticketIds) {
        const int s = storageOf(id.toUtf8());
        if (s >= 0)
            m_onlyHits.setBit(s);
    }
    refilter();
}

void QueueModel::clearShownTickets()
{
    if (!m_onlyActive)
        return;
    m_onlyActive = false;
    m_onlyIds.clear();
    refilter();
}

} // namespace SupportDesk
