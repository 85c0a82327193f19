// The queues' counts and the moments at which time alone moves a ticket between queues.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include <algorithm>

namespace SupportDesk {

using namespace QueueModelDetail;


void QueueModel::scheduleRecount()
{
    if (!m_recount.isActive())
        m_recount.start();
}

// After tickets changed: the counts that only data changes move, and the sorted times at which
// tickets enter At risk and Breached (and leave Recently closed), so that time alone is
// counted by binary search, not by another pass over every row.
void QueueModel::recount()
{
    m_recount.stop();
    int counts[QueueCount] = {};
    const double fraction = m_atRiskFraction;
    m_dueTimes.clear();
    m_riskTimes.clear();
    m_closedTimes.clear();
    m_watch.clear();
    for (int s = 0; s < int(m_rows.rows.size()); ++s) {
        if (m_gone.testBit(s))
            continue;
        const Row &row = m_rows.rows.at(s);
        const bool open = row.status != m_codeResolved && row.status != m_codeClosed;
        if (!open) {
            m_closedTimes.append(row.updatedAtMs);
            continue;
        }
        ++counts[AllOpen];
        if (row.assignee == 0)
            ++counts[Unassigned];
        else if (row.assignee == m_codeMe)
            ++counts[MyTickets];
        if (row.status == m_codeWaiting)
            ++counts[WaitingOnCustomer];
        if (row.firstResponseAtMs != 0 || row.dueAtMs == 0)
            continue;
        const SlaMoments moments
            = ResponseClock::moments(row.createdAtMs, row.dueAtMs, fraction);
        m_dueTimes.append(moments.breachedAtMs);
        m_riskTimes.append(moments.atRiskAtMs);
        m_watch.append(s);
    }
    std::sort(m_dueTimes.begin(), m_dueTimes.end());
    std::sort(m_riskTimes.begin(), m_riskTimes.end());
    std::sort(m_closedTimes.begin(), m_closedTimes.end());
    m_watchFresh = true;
    std::copy(std::begin(counts), std::end(counts), std::begin(m_staticCounts));
    countTimeDependent();
}

void QueueModel::countTimeDependent()
{
    const qint64 nowMs = now().toMSecsSinceEpoch();
    int counts[QueueCount];
    std::copy(std::begin(m_staticCounts), std::end(m_staticCounts), std::begin(counts));
    const auto upTo = [nowMs](const QVector<qint64> &times) {
        return std::upper_bound(times.cbegin(), times.cend(), nowMs) - times.cbegin();
    };
    // Breached: due ≤ now. At risk: risk time ≤ now < due (every breached one has passed its
    // risk time too).
    const qsizetype breached = upTo(m_dueTimes);
    counts[Breached] = int(breached);
    counts[AtRisk] = int(upTo(m_riskTimes) - breached);
    counts[RecentlyClosed] = int(
        m_closedTimes.cend()
        - std::lower_bound(m_closedTimes.cbegin(), m_closedTimes.cend(), nowMs - RecentlyClosedMs));
    qint64 next = std::numeric_limits<qint64>::max();
    if (breached < m_dueTimes.size())
        next = m_dueTimes.at(breached);
    const auto risk = std::upper_bound(m_riskTimes.cbegin(), m_riskTimes.cend(), nowMs);
    if (risk != m_riskTimes.cend())
        next = std::min(next, *risk);
    const bool changed = !std::equal(std::begin(counts), std::end(counts), std::begin(m_counts));
    std::copy(std::begin(counts), std::end(counts), std::begin(m_counts));
    m_nextTransition = next == std::numeric_limits<qint64>::max()
        ? QDateTime()
        : QDateTime::fromMSecsSinceEpoch(next, Qt::UTC);
    // At least once a minute: the recently-closed window moves too.
    m_transition.start(int(std::clamp<qint64>(next - nowMs + 20, 20, 60 * 1000)));
    if (changed)
        emit countsChanged();
}

void QueueModel::refreshTimeDependent()
{
    m_nowMs = now().toMSecsSinceEpoch();
    if (m_recount.isActive() || !m_watchFresh)
        recount();
    else
        countTimeDependent();
    if (!m_onlyActive && (m_queue == AtRisk || m_queue == Breached || m_queue == RecentlyClosed))
        refilter();
}

QString QueueModel::queueName(Queue queue)
{
    switch (queue) {
    case MyTickets:
        return tr("My tickets");
    case Unassigned:
        return tr("Unassigned");
    //: queue of open tickets close to their response target
    case AtRisk:
        return tr("At risk");
    //: queue of open tickets past their response target
    case Breached:
        return tr("Breached");
    case WaitingOnCustomer:
        return tr("Waiting on customer");
    case AllOpen:
        return tr("All open");
    case RecentlyClosed:
        return tr("Recently closed");
    case QueueCount:
        break;
    }
    return {};
}

} // namespace SupportDesk
