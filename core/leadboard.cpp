#include "leadboard.h"

#include "plancatalog.h"
#include "planrules.h"

#include <algorithm>

namespace SupportDesk {

TicketFacts TicketFacts::from(const Ticket &t)
{
    TicketFacts f;
    f.id = t.id;
    f.number = t.number;
    f.customerId = t.customerId;
    f.planId = t.planId;
    f.editionId = t.editionId;
    f.severity = t.severity;
    f.status = t.status;
    f.assigneeId = t.assigneeId;
    f.createdAt = t.createdAt;
    f.dueAt = t.dueAt;
    f.firstResponseAt = t.firstResponseAt;
    f.flags = t.flags;
    f.quotaOverrideReason = t.quotaOverrideReason;
    f.merged = !t.mergedInto.isEmpty();
    return f;
}

bool TicketFacts::isOpen() const
{
    return TicketStatus::isOpen(status);
}

QString cellKey(const QString &planId, const QString &editionId, const QString &severity)
{
    return planId + u'/' + editionId + u'/' + severity;
}

int stateSeverity(SlaState state)
{
    switch (state) {
    case SlaState::RespondedInTime:
    case SlaState::Resolved:
    case SlaState::Closed:
    case SlaState::Merged:
        return 0;
    case SlaState::OnTrack:
        return 1;
    case SlaState::RespondedLate:
        return 2;
    case SlaState::AtRisk:
        return 3;
    case SlaState::Breached:
        return 4;
    }
    return 0;
}

bool isUnassignedMostSevere(const TicketFacts &ticket, const CatalogSet &catalogs)
{
    return isUnassignedMostSevere(ticket.isOpen(), ticket.firstResponseAt.isValid(),
                                  !ticket.assigneeId.isEmpty(), ticket.planId, ticket.severity,
                                  catalogs);
}

bool isUnassignedMostSevere(bool open, bool answered, bool assigned, QStringView planId,
                            QStringView severityId, const CatalogSet &catalogs)
{
    return open && !answered && !assigned && catalogs.isMostSevere(planId, severityId);
}

BoardTally::BoardTally(const CatalogSet &catalogs, const QDateTime &now, double atRiskFraction,
                       int imminentMinutes, bool keepIds)
    : m_catalogs(catalogs)
    , m_now(now)
    , m_atRiskFraction(atRiskFraction)
    , m_imminentMinutes(imminentMinutes)
    , m_keepIds(keepIds)
{
}

BoardTally::Counted BoardTally::count(const BoardTicket &t)
{
    Counted counted;
    if (!t.open)
        return counted;
    const auto time = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    };
    const ResponseTimes times{time(t.createdMs), time(t.dueMs), time(t.firstResponseMs)};
    const SlaStatus s = ResponseClock::status(times, m_now, m_atRiskFraction);
    ++m_board.open;
    const bool atRisk = s.state == SlaState::AtRisk;
    const bool breached = s.state == SlaState::Breached;
    m_board.atRisk += atRisk;
    m_board.breached += breached;
    const bool waiting = !t.firstResponseMs;
    if (isUnassignedMostSevere(true, !waiting, !t.assigneeId->isEmpty(), *t.planId, *t.severity,
                               m_catalogs))
        ++m_board.unassignedBusinessDown;

    BoardCell &cell = m_board.cells[t.cellKey ? *t.cellKey
                                              : cellKey(*t.planId, *t.editionId, *t.severity)];
    if (cell.open == 0 || stateSeverity(s.state) > stateSeverity(cell.worst))
        cell.worst = s.state;
    ++cell.open;
    cell.atRisk += atRisk;
    cell.breached += breached;
    counted.cell = &cell;

    AgentLoad &load = m_agents[*t.assigneeId];
    load.agentId = *t.assigneeId;
    ++load.open;
    load.atRisk += atRisk;
    load.breached += breached;
    if (waiting && (!load.oldestWaitingSince.isValid() || times.createdAt < load.oldestWaitingSince))
        load.oldestWaitingSince = times.createdAt;

    if (waiting && !breached && t.dueMs && s.secondsLeft <= qint64(m_imminentMinutes) * 60) {
        counted.imminent = true;
        counted.deadline = times.deadline;
        counted.secondsLeft = s.secondsLeft;
    }
    return counted;
}

BoardSnapshot BoardTally::take()
{
    BoardSnapshot board = std::move(m_board);
    m_board = {};
    board.agents = m_agents.values().toVector();
    m_agents.clear();
    std::sort(board.agents.begin(), board.agents.end(), [](const AgentLoad &a, const AgentLoad &b) {
        if (a.breached != b.breached)
            return a.breached > b.breached;
        if (a.atRisk != b.atRisk)
            return a.atRisk > b.atRisk;
        if (a.open != b.open)
            return a.open > b.open;
        return a.agentId < b.agentId;
    });
    std::sort(board.imminent.begin(), board.imminent.end(),
              [](const Imminent &a, const Imminent &b) {
                  return a.deadline != b.deadline ? a.deadline < b.deadline : a.ticketId < b.ticketId;
              });
    return board;
}

BoardSnapshot computeBoard(const QVector<TicketFacts> &tickets, const CatalogSet &catalogs,
                           const QDateTime &now,
                           double atRiskFraction, int imminentMinutes)
{
    BoardTally tally(catalogs, now, atRiskFraction, imminentMinutes, true);
    const auto ms = [](const QDateTime &at) { return at.isValid() ? at.toMSecsSinceEpoch() : 0; };
    for (const TicketFacts &t : tickets) {
        BoardTicket b;
        b.open = t.isOpen();
        b.planId = &t.planId;
        b.editionId = &t.editionId;
        b.severity = &t.severity;
        b.assigneeId = &t.assigneeId;
        b.createdMs = ms(t.createdAt);
        b.dueMs = ms(t.dueAt);
        b.firstResponseMs = ms(t.firstResponseAt);
        tally.add(b, [&t] { return t.id; });
    }
    return tally.take();
}

QVector<Imminent> breachingWithin(const BoardSnapshot &board, int minutes)
{
    QVector<Imminent> list;
    for (const Imminent &i : board.imminent) {
        if (i.secondsLeft <= qint64(minutes) * 60)
            list.append(i);
    }
    return list;
}

// Adds one ticket's outcome to a cell; false when the outcome is not decided yet.
static ResponseOutcome outcomeOf(const TicketFacts &t, const QDateTime &now)
{
    const auto ms = [](const QDateTime &at) { return at.isValid() ? at.toMSecsSinceEpoch() : 0; };
    return responseOutcome(ms(t.dueAt), ms(t.firstResponseAt), now.toMSecsSinceEpoch(),
                           t.merged);
}

static bool countOutcome(const TicketFacts &t, const QDateTime &now, AttainmentCell *cell)
{
    return cell->add(outcomeOf(t, now));
}

Attainment computeAttainment(const QVector<TicketFacts> &tickets, const QDateTime &from,
                             const QDateTime &to, const QDateTime &now)
{
    Attainment result;
    for (const TicketFacts &t : tickets) {
        if (t.createdAt < from || t.createdAt >= to)
            continue;
        AttainmentCell &cell = result.cells[cellKey(t.planId, t.editionId, t.severity)];
        if (countOutcome(t, now, &cell))
            countOutcome(t, now, &result.overall);
    }
    return result;
}

QVector<DayAttainment> dailyAttainment(const QVector<TicketFacts> &tickets, const QDate &first,
                                       const QDate &last, const QTimeZone &zone,
                                       const QDateTime &now)
{
    QVector<DayAttainment> days;
    if (!first.isValid() || !last.isValid() || last < first)
        return days;
    for (QDate d = first; d <= last; d = d.addDays(1))
        days.append({d, {}});
    for (const TicketFacts &t : tickets) {
        const qint64 index = first.daysTo(t.createdAt.toTimeZone(zone).date());
        if (index >= 0 && index < days.size())
            countOutcome(t, now, &days[index].cell);
    }
    return days;
}

QVector<int> firstResponseHistogram(const QVector<TicketFacts> &tickets, const QDateTime &from,
                                    const QDateTime &to, const QVector<int> &edgesMinutes)
{
    QVector<int> counts(edgesMinutes.size() + 1, 0);
    for (const TicketFacts &t : tickets) {
        if (t.createdAt < from || t.createdAt >= to || !t.firstResponseAt.isValid())
            continue;
        const qint64 seconds = t.createdAt.secsTo(t.firstResponseAt);
        const auto bucket = std::upper_bound(edgesMinutes.begin(), edgesMinutes.end(), seconds,
                                             [](qint64 s, int edge) { return s < qint64(edge) * 60; })
                - edgesMinutes.begin();
        ++counts[bucket];
    }
    return counts;
}

// The customer's own zone, else the plan's quota zone.
static QTimeZone customerZone(const Customer &customer, const PlanCatalog *plan)
{
    // (An empty id would give the system's zone, so it is checked first.)
    if (!customer.timeZone.isEmpty()) {
        const QTimeZone own(customer.timeZone.toUtf8());
        if (own.isValid())
            return own;
    }
    if (plan && !plan->quotaTimeZone().isEmpty()) {
        const QTimeZone planZone(plan->quotaTimeZone().toUtf8());
        if (planZone.isValid())
            return planZone;
    }
    return QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

QVector<QuotaWindow> quotaWindows(const QVector<Customer> &customers, const CatalogSet &catalogs,
                                  const QDateTime &now)
{
    QVector<QuotaWindow> windows;
    for (const Customer &c : customers) {
        const PlanCatalog *plan = catalogs.plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (!edition || !edition->monthlyQuota)
            continue;
        windows.append({{c.id, c.editionId, 0, *edition->monthlyQuota, {}},
                        PlanRules(*plan).quotaMonth(now, customerZone(c, plan))});
    }
    return windows;
}

void sortQuotaRows(QVector<QuotaRow> *rows)
{
    std::sort(rows->begin(), rows->end(), [](const QuotaRow &a, const QuotaRow &b) {
        // The fullest first: a lead looks at who is about to run out.
        const double fa = double(a.used) / std::max(1, a.limit);
        const double fb = double(b.used) / std::max(1, b.limit);
        return fa != fb ? fa > fb : a.customerId < b.customerId;
    });
}

QVector<QuotaRow> quotaUse(const QVector<TicketFacts> &tickets, const QVector<Customer> &customers,
                           const CatalogSet &catalogs, const QDateTime &now)
{
    QVector<QuotaRow> rows;
    QHash<QString, qsizetype> rowOf;
    QHash<QString, MonthWindow> windows;
    for (const QuotaWindow &w : quotaWindows(customers, catalogs, now)) {
        rowOf.insert(w.row.customerId, rows.size());
        windows.insert(w.row.customerId, w.month);
        rows.append(w.row);
    }
    for (const TicketFacts &t : tickets) {
        const auto it = rowOf.constFind(t.customerId);
        if (it == rowOf.constEnd() || !windows.value(t.customerId).contains(t.createdAt)
            || !countsTowardQuota(t.merged))
            continue;
        QuotaRow &row = rows[*it];
        ++row.used;
        if (t.flags.contains(QStringLiteral("over-quota")))
            row.overQuota.append(t);
    }
    sortQuotaRows(&rows);
    return rows;
}

ServiceReport computeServiceReport(const Customer &customer, const QVector<TicketFacts> &tickets,
                                   const QVector<SeverityChange> &changes,
                                   const CatalogSet &catalogs, int year, int month,
                                   const QDateTime &now)
{
    ServiceReport report;
    report.customerId = customer.id;
    report.year = year;
    report.month = month;
    const PlanCatalog *plan = catalogs.plan(customer.planId);
    const QTimeZone zone = customerZone(customer, plan);
    const QDate first(year, month, 1);
    if (!first.isValid())
        return report;
    report.start = QDateTime(first, QTime(0, 0), zone).toUTC();
    report.end = QDateTime(first.addMonths(1), QTime(0, 0), zone).toUTC();

    QVector<TicketFacts> mine;
    QSet<QString> ids;
    for (const TicketFacts &t : tickets) {
        if (t.customerId != customer.id || t.createdAt < report.start || t.createdAt >= report.end)
            continue;
        mine.append(t);
        ids.insert(t.id);
        ++report.tickets;
        ++report.bySeverity[t.severity];
        const ResponseOutcome outcome = outcomeOf(t, now);
        const bool late
                = outcome == ResponseOutcome::Late || outcome == ResponseOutcome::BreachedOpen;
        if (late)
            report.breaches.append(t);
        if (t.flags.contains(QStringLiteral("over-quota")))
            report.overQuota.append(t);
    }
    report.attainment = computeAttainment(mine, report.start, report.end, now);
    for (const SeverityChange &r : changes) {
        if (ids.contains(r.ticketId))
            report.reclassifications.append(r);
    }
    std::sort(report.reclassifications.begin(), report.reclassifications.end(),
              [](const SeverityChange &a, const SeverityChange &b) {
                  return a.changedAt < b.changedAt;
              });
    return report;
}

} // namespace SupportDesk
