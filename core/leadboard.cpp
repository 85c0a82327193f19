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

BoardSnapshot computeBoard(const QVector<TicketFacts> &tickets, const CatalogSet &catalogs,
                           const QDateTime &now,
                           double atRiskFraction, int imminentMinutes)
{
    BoardSnapshot board;
    QHash<QString, AgentLoad> agents;
    for (const TicketFacts &t : tickets) {
        if (!t.isOpen())
            continue;
        const SlaStatus s = ResponseClock::status(t.times(), now, atRiskFraction);
        ++board.open;
        const bool atRisk = s.state == SlaState::AtRisk;
        const bool breached = s.state == SlaState::Breached;
        board.atRisk += atRisk;
        board.breached += breached;
        const bool waiting = !t.firstResponseAt.isValid();
        if (isUnassignedMostSevere(t, catalogs))
            ++board.unassignedBusinessDown;

        BoardCell &cell = board.cells[cellKey(t.planId, t.editionId, t.severity)];
        if (cell.open == 0 || stateSeverity(s.state) > stateSeverity(cell.worst))
            cell.worst = s.state;
        ++cell.open;
        cell.atRisk += atRisk;
        cell.breached += breached;
        cell.ticketIds.append(t.id);

        AgentLoad &load = agents[t.assigneeId];
        load.agentId = t.assigneeId;
        ++load.open;
        load.atRisk += atRisk;
        load.breached += breached;
        if (waiting && (!load.oldestWaitingSince.isValid() || t.createdAt < load.oldestWaitingSince))
            load.oldestWaitingSince = t.createdAt;

        if (waiting && !breached && t.dueAt.isValid()
            && s.secondsLeft <= qint64(imminentMinutes) * 60)
            board.imminent.append({t.id, t.dueAt, s.secondsLeft});
    }
    board.agents = agents.values().toVector();
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
    return responseOutcome(ms(t.dueAt), ms(t.firstResponseAt), now.toMSecsSinceEpoch());
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

QVector<QuotaRow> quotaUse(const QVector<TicketFacts> &tickets, const QVector<Customer> &customers,
                           const CatalogSet &catalogs, const QDateTime &now)
{
    QVector<QuotaRow> rows;
    QHash<QString, qsizetype> rowOf;
    QHash<QString, MonthWindow> windows;
    for (const Customer &c : customers) {
        const PlanCatalog *plan = catalogs.plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (!edition || !edition->monthlyQuota)
            continue;
        rowOf.insert(c.id, rows.size());
        windows.insert(c.id, PlanRules(*plan).quotaMonth(now, customerZone(c, plan)));
        rows.append({c.id, c.editionId, 0, *edition->monthlyQuota, {}});
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
    std::sort(rows.begin(), rows.end(), [](const QuotaRow &a, const QuotaRow &b) {
        // The fullest first: a lead looks at who is about to run out.
        const double fa = double(a.used) / std::max(1, a.limit);
        const double fb = double(b.used) / std::max(1, b.limit);
        return fa != fb ? fa > fb : a.customerId < b.customerId;
    });
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
