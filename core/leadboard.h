// The lead board's figures: breach risk now, attainment over a period, agent load, partner
// quota use and a customer's monthly service report. Pure functions over ticket facts and an
// instant, shared by the client's live board and the server's report routes, so both count
// the same way (docs/rules.md, "Lead board").
#pragma once

#include "domain.h"
#include "planrules.h"
#include "responseclock.h"

#include <QMap>
#include <QTimeZone>

namespace SupportDesk {

class CatalogSet;

// What the board needs of a ticket.
struct TicketFacts
{
    QString id;
    qint64 number = 0;
    QString customerId;
    QString planId;
    QString editionId;
    QString severity;
    QString status;
    QString assigneeId;
    QDateTime createdAt;
    QDateTime dueAt;
    QDateTime firstResponseAt;
    QStringList flags;
    QString quotaOverrideReason;
    bool merged = false; // merged into another ticket (Ticket::mergedInto)

    static TicketFacts from(const Ticket &t);
    bool isOpen() const; // not resolved or closed
    ResponseTimes times() const
    {
        return {createdAt, dueAt, firstResponseAt, clockStop(status, merged)};
    }
};

// An open ticket nobody has taken or answered, at its plan's most severe level: the board's
// "unassigned" tile and the notifier's unassigned-ticket notices count these.
bool isUnassignedMostSevere(const TicketFacts &ticket, const CatalogSet &catalogs);
// The same on its parts, for views that decide on the ticket index's compact entries without
// making a TicketFacts per ticket (the notifier).
bool isUnassignedMostSevere(bool open, bool answered, bool assigned, QStringView planId,
                            QStringView severityId, const CatalogSet &catalogs);

// "plan/edition/severity", the key of a matrix cell.
QString cellKey(const QString &planId, const QString &editionId, const QString &severity);

// How bad a state is, for a cell's colour: breached > at risk > responded late > on track >
// responded in time.
int stateSeverity(SlaState state);

struct BoardCell
{
    int open = 0;
    int atRisk = 0;
    int breached = 0;
    SlaState worst = SlaState::RespondedInTime;
    QStringList ticketIds; // the open tickets in the cell
};

struct AgentLoad
{
    QString agentId; // empty: unassigned
    int open = 0;
    int atRisk = 0;
    int breached = 0;
    QDateTime oldestWaitingSince; // the oldest open ticket still waiting for a first response
};

struct Imminent
{
    QString ticketId;
    QDateTime deadline;
    qint64 secondsLeft = 0;
};

struct BoardSnapshot
{
    int open = 0;
    int atRisk = 0;
    int breached = 0;
    int unassignedBusinessDown = 0; // open, unanswered, nobody on it
    QMap<QString, BoardCell> cells;  // by cellKey
    QVector<AgentLoad> agents;       // most breached first, then at risk, then open
    QVector<Imminent> imminent;      // unanswered and not yet breached, by deadline
};

// One ticket as the board counts it, for views that hold tickets in another form than a
// TicketFacts (the ticket index's compact entries): its words by reference to strings the
// caller keeps, its times in UTC milliseconds (0: none).
struct BoardTicket
{
    bool open = false;
    const QString *planId = nullptr;
    const QString *editionId = nullptr;
    const QString *severity = nullptr;
    const QString *assigneeId = nullptr;
    const QString *cellKey = nullptr; // cellKey() of the three, when the caller has it
    qint64 createdMs = 0;
    qint64 dueMs = 0;
    qint64 firstResponseMs = 0;
};

// computeBoard() one ticket at a time: the one definition of the board's counts, whether the
// tickets come as facts or as the index's entries. With `keepIds` false a cell does not list
// its tickets (a view that finds them when asked: at a million tickets the lists were an id
// string per open ticket, ~20 MB); the breaching-soon list always names its tickets.
class BoardTally
{
public:
    BoardTally(const CatalogSet &catalogs, const QDateTime &now, double atRiskFraction,
               int imminentMinutes, bool keepIds);
    // `idOf()` gives the ticket's id; it is called only when the id is kept.
    template<typename IdOf> void add(const BoardTicket &ticket, IdOf idOf)
    {
        const Counted c = count(ticket);
        if (!c.cell)
            return;
        if (!m_keepIds && !c.imminent)
            return;
        const QString id = idOf();
        if (m_keepIds)
            c.cell->ticketIds.append(id);
        if (c.imminent)
            m_board.imminent.append({id, c.deadline, c.secondsLeft});
    }
    BoardSnapshot take();

private:
    struct Counted
    {
        BoardCell *cell = nullptr; // null: not counted (not open)
        bool imminent = false;
        QDateTime deadline;
        qint64 secondsLeft = 0;
    };
    Counted count(const BoardTicket &ticket);

    const CatalogSet &m_catalogs;
    QDateTime m_now;
    double m_atRiskFraction;
    int m_imminentMinutes;
    bool m_keepIds;
    BoardSnapshot m_board;
    QHash<QString, AgentLoad> m_agents;
};

// `imminentMinutes`: how far ahead the breaching-soon list looks.
BoardSnapshot computeBoard(const QVector<TicketFacts> &tickets, const CatalogSet &catalogs,
                           const QDateTime &now, double atRiskFraction,
                           int imminentMinutes = 60);
// The breaching-soon list cut at `minutes` (15, 30, 60 on the board).
QVector<Imminent> breachingWithin(const BoardSnapshot &board, int minutes);

// Attainment: the share of decided tickets answered within target. A ticket created in the
// period is decided once it has a first response, or its deadline has passed unanswered (a
// breach that counts against the share even before anyone answers). Undecided tickets are
// left out.
// How one ticket counts at `nowMs` (UTC milliseconds; 0: no deadline, no response): the one
// definition behind attainment, the lead board's day grid and a service report's breaches.
// Answered before the deadline is in time; at or after it, late (the seeds' targets are
// strict, as in ResponseClock::status()); unanswered from the deadline on, breached.
// A duplicate merged away unanswered (`mergedAway`) is neither met nor breached, ever: its
// clock stopped at the merge (SlaState::Merged), its wait went on in the target, which took
// the earlier deadline (mergedDeadline), and the request counts once, as the ticket it went
// into — the quota's rule (docs/merge.md). Answered before the merge, its answer counts.
enum class ResponseOutcome {
    Undecided,
    InTime,
    Late,
    AnsweredWithoutTarget,
    BreachedOpen,
    MergedAway, // counted in no cell
};
inline ResponseOutcome responseOutcome(qint64 dueMs, qint64 firstResponseMs, qint64 nowMs,
                                       bool mergedAway = false)
{
    if (mergedAway && !firstResponseMs)
        return ResponseOutcome::MergedAway;
    if (firstResponseMs)
        return !dueMs                   ? ResponseOutcome::AnsweredWithoutTarget
            : firstResponseMs < dueMs ? ResponseOutcome::InTime
                                      : ResponseOutcome::Late;
    return dueMs && nowMs >= dueMs ? ResponseOutcome::BreachedOpen : ResponseOutcome::Undecided;
}

struct AttainmentCell
{
    int answered = 0;
    int inTime = 0;
    int breachedOpen = 0; // past the deadline, still unanswered
    int decided() const { return answered + breachedOpen; }
    // Counts one ticket's outcome; false when it is not decided yet.
    bool add(ResponseOutcome outcome)
    {
        answered += outcome == ResponseOutcome::InTime || outcome == ResponseOutcome::Late
                || outcome == ResponseOutcome::AnsweredWithoutTarget;
        inTime += outcome == ResponseOutcome::InTime;
        breachedOpen += outcome == ResponseOutcome::BreachedOpen;
        return outcome != ResponseOutcome::Undecided && outcome != ResponseOutcome::MergedAway;
    }
    // -1 when nothing is decided.
    double share() const { return decided() ? double(inTime) / decided() : -1.0; }
};

struct Attainment
{
    QMap<QString, AttainmentCell> cells; // by cellKey
    AttainmentCell overall;
};

Attainment computeAttainment(const QVector<TicketFacts> &tickets, const QDateTime &from,
                             const QDateTime &to, const QDateTime &now);

struct DayAttainment
{
    QDate day;
    AttainmentCell cell;
};
// One entry per day in [first, last], days taken in `zone`.
QVector<DayAttainment> dailyAttainment(const QVector<TicketFacts> &tickets, const QDate &first,
                                       const QDate &last, const QTimeZone &zone,
                                       const QDateTime &now);

// First-response times of tickets created in [from, to), in minutes, counted into buckets:
// edges {5, 15, 30} give the buckets <5, 5–15, 15–30 and ≥30 (edges.size() + 1 counts).
QVector<int> firstResponseHistogram(const QVector<TicketFacts> &tickets, const QDateTime &from,
                                    const QDateTime &to, const QVector<int> &edgesMinutes);

// A partner customer's use of its monthly quota.
struct QuotaRow
{
    QString customerId;
    QString editionId;
    int used = 0;
    int limit = 0;
    QVector<TicketFacts> overQuota; // flagged over-quota this month, with their reasons
};
// Customers whose edition has a monthly quota, in their quota month around `now`.
QVector<QuotaRow> quotaUse(const QVector<TicketFacts> &tickets, const QVector<Customer> &customers,
                           const CatalogSet &catalogs, const QDateTime &now);
// What quotaUse() counts in, for views that count without a TicketFacts per ticket (the lead
// board on the ticket index's entries): each customer with a quota, in the customers' order,
// with its row (nothing used yet) and its quota month around `now` (its own zone, else its
// plan's); a ticket counts when its creation lies in [month.start, month.end).
struct QuotaWindow
{
    QuotaRow row;
    MonthWindow month;
};
QVector<QuotaWindow> quotaWindows(const QVector<Customer> &customers, const CatalogSet &catalogs,
                                  const QDateTime &now);
// quotaUse()'s order: the fullest first, then by customer id.
void sortQuotaRows(QVector<QuotaRow> *rows);


// A customer's month, as the service report shows it.
struct ServiceReport
{
    QString customerId;
    int year = 0;
    int month = 0;
    QDateTime start; // UTC bounds of the month in the customer's time zone
    QDateTime end;
    int tickets = 0;
    QMap<QString, int> bySeverity;
    Attainment attainment;
    QVector<TicketFacts> breaches; // answered late, or unanswered past the deadline
    QVector<SeverityChange> reclassifications;
    QVector<TicketFacts> overQuota;
};

ServiceReport computeServiceReport(const Customer &customer, const QVector<TicketFacts> &tickets,
                                   const QVector<SeverityChange> &changes,
                                   const CatalogSet &catalogs, int year, int month,
                                   const QDateTime &now);

} // namespace SupportDesk
