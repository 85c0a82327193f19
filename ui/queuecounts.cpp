// The queues' counts and the moments at which time alone moves a ticket between queues.
#include "queuemodel.h"
#include "recordnames.h"
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
    tally(m_rows, m_gone, tallyKeys(), liveFacts(), &t);
    m_recountRowsVisited = m_rows.rows.size();
    ++m_wholeRecounts;
    adoptTally(std::move(t));
    m_recountInstantsCopied = takeInstantsCopied();
}

qsizetype QueueModel::takeInstantsCopied()
{
    return m_dueTimes.takeCopied() + m_riskTimes.takeCopied() + m_closedTimes.takeCopied();
}

QueueModel::RowPart QueueModel::rowPart(const Row &row, const Facts &facts, const TallyKeys &keys)
{
    RowPart part;
    if (!facts.entry)
        return part; // no facts: a gone row, in no queue (Untranslated is not closed)
    if (facts.status == keys.resolved || facts.status == keys.closed) {
        part.closed = true;
        part.closedAtMs = row.updatedAtMs;
        return part;
    }
    part.queues = 1 << AllOpen;
    if (facts.assignee == 0)
        part.queues |= 1 << Unassigned;
    else if (facts.assignee == keys.me)
        part.queues |= 1 << MyTickets;
    if (facts.status == keys.waiting)
        part.queues |= 1 << WaitingOnCustomer;
    const Times t = timesOf(facts.entry);
    if (t.firstResponseMs != 0 || t.dueMs == 0)
        return part;
    const SlaMoments moments = ResponseClock::moments(t.createdMs, t.dueMs, keys.atRiskFraction);
    part.watched = true;
    part.dueAtMs = moments.breachedAtMs;
    part.riskAtMs = moments.atRiskAtMs;
    return part;
}

QueueModel::RowPart QueueModel::partOf(int s) const
{
    if (s < 0 || s >= int(m_rows.rows.size()) || (s < m_gone.size() && m_gone.testBit(s)))
        return {};
    return rowPart(m_rows.rows.at(s), factsAt(s), tallyKeys());
}

void QueueModel::noteTallied(int s)
{
    if (m_talliedValid && !m_tallied.contains(s))
        m_tallied.insert(s, partOf(s));
}


// After merges: each merged row's part as last counted is taken out of the counts and the
// sorted times and its part of now put in: no pass over the rows, and the times change in
// proportion to the rows merged (SortedInstants; rebuilding the three sorted vectors and the
// watched list at each merge was ~21 ms at 150,000 rows held in a bulk run). A whole tally
// instead when the keys it was made under changed (the agent, the at-risk share, a new status
// word) or when over a quarter of the rows were merged.
void QueueModel::recountMerged()
{
    if (!m_talliedValid || !(m_talliedKeys == tallyKeys())
        || m_tallied.size() > m_rows.rows.size() / 4) {
        recount();
        return;
    }
    m_recount.stop();
    QVector<qint64> dueOut, dueIn, riskOut, riskIn, closedOut, closedIn;
    if (m_watched.size() < m_rows.rows.size())
        m_watched.resize(m_rows.rows.size());
    for (auto it = m_tallied.cbegin(); it != m_tallied.cend(); ++it) {
        const RowPart &before = it.value();
        const RowPart now = partOf(it.key());
        for (int q = 0; q < QueueCount; ++q)
            m_staticCounts[q] += ((now.queues >> q) & 1) - ((before.queues >> q) & 1);
        if (before.closed)
            closedOut.append(before.closedAtMs);
        if (now.closed)
            closedIn.append(now.closedAtMs);
        if (before.watched) {
            dueOut.append(before.dueAtMs);
            riskOut.append(before.riskAtMs);
        }
        if (now.watched) {
            dueIn.append(now.dueAtMs);
            riskIn.append(now.riskAtMs);
        }
        m_watched.setBit(it.key(), now.watched);
    }
    m_recountRowsVisited = m_tallied.size();
    if (!m_dueTimes.replace(std::move(dueOut), std::move(dueIn))
        || !m_riskTimes.replace(std::move(riskOut), std::move(riskIn))
        || !m_closedTimes.replace(std::move(closedOut), std::move(closedIn))) {
        recount();
        return;
    }
    m_recountInstantsCopied = takeInstantsCopied();
    m_tallied.clear();
    m_watchFresh = true;
    countTimeDependent();
}

void QueueModel::settleTally()
{
    if (m_talliedValid && (m_recount.isActive() || !m_tallied.isEmpty() || !m_watchFresh))
        recountMerged();
}

// A lead saving the at-risk share, or the agent signing in, recounted every row with three
// sorts (~30 ms at a million tickets, 253,000 rows held) though each moves one part of the
// tally: the share only the watched rows' at-risk times, the agent only My tickets.
void QueueModel::retally()
{
    const TallyKeys keys = tallyKeys();
    if (!m_talliedValid || m_recount.isActive() || !m_tallied.isEmpty() || !m_watchFresh
        || !retallies(m_talliedKeys)) {
        recount();
        return;
    }
    qsizetype visited = 0;
    if (keys.me != m_talliedKeys.me) {
        int mine = 0;
        for (int s = 0; s < int(m_rows.rows.size()); ++s) {
            if (s < m_gone.size() && m_gone.testBit(s))
                continue;
            mine += (rowPart(m_rows.rows.at(s), factsAt(s), keys).queues >> MyTickets) & 1;
        }
        m_staticCounts[MyTickets] = mine;
        visited += m_rows.rows.size();
    }
    if (keys.atRiskFraction != m_talliedKeys.atRiskFraction) {
        QVector<qint64> risk;
        risk.reserve(m_dueTimes.size());
        for (int s = 0; s < m_watched.size(); ++s) {
            if (m_watched.testBit(s))
                risk.append(rowPart(m_rows.rows.at(s), factsAt(s), keys).riskAtMs);
        }
        std::sort(risk.begin(), risk.end());
        visited += risk.size();
        m_riskTimes.assign(std::move(risk));
    }
    m_talliedKeys = keys;
    m_recountRowsVisited = visited;
    countTimeDependent();
}

bool QueueModel::retallies(const TallyKeys &keys) const
{
    const TallyKeys now = tallyKeys();
    TallyKeys rest = keys;
    rest.me = now.me;
    rest.atRiskFraction = now.atRiskFraction;
    return rest == now;
}

QueueModel::TallyKeys QueueModel::tallyKeys() const
{
    return { m_codeResolved, m_codeClosed, m_codeWaiting, m_codeMe, m_atRiskFraction };
}

// A pure function of the rows and the keys, so the preparation thread can run it for a reset.
void QueueModel::tally(const RowStore &rows, const QBitArray &gone, const TallyKeys &keys,
                       const EntrySource &facts, Tally *out)
{
    int *counts = out->counts;
    for (int s = 0; s < int(rows.rows.size()); ++s) {
        if (s < gone.size() && gone.testBit(s))
            continue;
        const Row &row = rows.rows.at(s);
        const RowPart part = rowPart(row, facts.of(s, row), keys);
        if (part.closed) {
            out->closedTimes.append(part.closedAtMs);
            continue;
        }
        for (const Queue q : { AllOpen, Unassigned, MyTickets, WaitingOnCustomer })
            counts[q] += (part.queues >> q) & 1;
        if (!part.watched)
            continue;
        out->dueTimes.append(part.dueAtMs);
        out->riskTimes.append(part.riskAtMs);
        out->watch.append(s);
    }
    std::sort(out->dueTimes.begin(), out->dueTimes.end());
    std::sort(out->riskTimes.begin(), out->riskTimes.end());
    std::sort(out->closedTimes.begin(), out->closedTimes.end());
}

void QueueModel::adoptTally(Tally &&t, std::optional<TallyKeys> keys)
{
    m_dueTimes.assign(std::move(t.dueTimes));
    m_riskTimes.assign(std::move(t.riskTimes));
    m_closedTimes.assign(std::move(t.closedTimes));
    m_watched = QBitArray(m_rows.rows.size());
    for (const int s : std::as_const(t.watch))
        m_watched.setBit(s);
    m_watchFresh = true;
    // The base the next merges' recount starts from.
    m_tallied.clear();
    m_talliedValid = true;
    m_talliedKeys = keys ? *keys : tallyKeys();
    std::copy(std::begin(t.counts), std::end(t.counts), std::begin(m_staticCounts));
    countTimeDependent();
}

void QueueModel::countTimeDependent()
{
    const qint64 nowMs = now().toMSecsSinceEpoch();
    int counts[QueueCount];
    std::copy(std::begin(m_staticCounts), std::end(m_staticCounts), std::begin(counts));
    // Breached: due ≤ now. At risk: risk time ≤ now < due (every breached one has passed its
    // risk time too).
    const qsizetype breached = m_dueTimes.countUpTo(nowMs);
    counts[Breached] = int(breached);
    counts[AtRisk] = int(m_riskTimes.countUpTo(nowMs) - breached);
    counts[RecentlyClosed]
        = int(m_closedTimes.size() - m_closedTimes.countBefore(nowMs - RecentlyClosedMs));
    qint64 next = std::numeric_limits<qint64>::max();
    if (const auto due = m_dueTimes.firstAfter(nowMs))
        next = *due;
    if (const auto risk = m_riskTimes.firstAfter(nowMs))
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
    emit recounted();
}

void QueueModel::refreshTimeDependent()
{
    m_nowMs = now().toMSecsSinceEpoch();
    if (m_recount.isActive() || !m_watchFresh)
        recountMerged();
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
    // The queues of open tickets in a state are named as the state (issue 14).
    case AtRisk:
        return slaStateName(SlaState::AtRisk);
    case Breached:
        return slaStateName(SlaState::Breached);
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
