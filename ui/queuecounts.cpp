// The queues' counts and the moments at which time alone moves a ticket between queues.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "desksession.h"
#include "ticketindex.h"

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
    Tally t;
    tally(m_rows, m_gone, tallyKeys(), &t);
    adoptTally(std::move(t));
}

QueueModel::TallyKeys QueueModel::tallyKeys() const
{
    return { m_codeResolved, m_codeClosed, m_codeWaiting, m_codeMe, m_atRiskFraction };
}

// A pure function of the rows and the keys, so the preparation thread can run it for a reset.
void QueueModel::tally(const RowStore &rows, const QBitArray &gone, const TallyKeys &keys,
                       Tally *out)
{
    int *counts = out->counts;
    for (int s = 0; s < int(rows.rows.size()); ++s) {
        if (s < gone.size() && gone.testBit(s))
            continue;
        const Row &row = rows.rows.at(s);
        const bool open = row.status != keys.resolved && row.status != keys.closed;
        if (!open) {
            out->closedTimes.append(row.updatedAtMs);
            continue;
        }
        ++counts[AllOpen];
        if (row.assignee == 0)
            ++counts[Unassigned];
        else if (row.assignee == keys.me)
            ++counts[MyTickets];
        if (row.status == keys.waiting)
            ++counts[WaitingOnCustomer];
        if (row.firstResponseAtMs != 0 || row.dueAtMs == 0)
            continue;
        const SlaMoments moments
            = ResponseClock::moments(row.createdAtMs, row.dueAtMs, keys.atRiskFraction);
        out->dueTimes.append(moments.breachedAtMs);
        out->riskTimes.append(moments.atRiskAtMs);
        out->watch.append(s);
    }
    std::sort(out->dueTimes.begin(), out->dueTimes.end());
    std::sort(out->riskTimes.begin(), out->riskTimes.end());
    std::sort(out->closedTimes.begin(), out->closedTimes.end());
}

void QueueModel::adoptTally(Tally &&t)
{
    m_dueTimes = std::move(t.dueTimes);
    m_riskTimes = std::move(t.riskTimes);
    m_closedTimes = std::move(t.closedTimes);
    m_watch = std::move(t.watch);
    m_watchFresh = true;
    std::copy(std::begin(t.counts), std::end(t.counts), std::begin(m_staticCounts));
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
    // At least once a minute: the recently-closed window moves too. On a session whose index
    // is live, its one schedule wakes the queue at each at-risk and breach moment
    // (momentsPassed), and this timer is left for that window alone.
    const bool indexWakes = m_session && m_session->index()->isLoaded();
    m_transition.start(indexWakes ? 60 * 1000
                                  : int(std::clamp<qint64>(next - nowMs + 20, 20, 60 * 1000)));
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
