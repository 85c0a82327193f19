// The response clock: a ticket's deadline and its state at an instant (docs/rules.md).
#pragma once

#include "clock.h"

#include <QDateTime>
#include <QString>

namespace SupportDesk {

class PlanCatalog;

enum class SlaState {
    OnTrack,         // more than the at-risk share of the target left
    AtRisk,          // the at-risk share of the target or less left, not yet passed
    Breached,        // deadline passed without a response; keeps counting overdue
    RespondedInTime, // first response strictly before the deadline
    RespondedLate,   // first response at or after the deadline
    // Unanswered, and the clock stopped without a response (ClockStop): the ticket was
    // resolved or closed, or merged into another ticket, whose clock the wait goes on in
    // (mergedDeadline). Never "on track" with time left, never breached by time passing.
    Resolved,
    Closed,
    Merged,
};

QString slaStateCode(SlaState state); // stable: on-track, at-risk, breached, …

struct SlaStatus
{
    SlaState state = SlaState::OnTrack;
    qint64 secondsLeft = 0;     // until the deadline; 0 once passed
    qint64 secondsOverdue = 0;  // past the deadline (open) or by which the response was late
    qint64 responseSeconds = -1; // creation → first response; -1 while unanswered
    double targetUsed = 0;      // share of the target elapsed (or taken to respond); may pass 1

    bool isOpen() const { return state == SlaState::OnTrack || state == SlaState::AtRisk
                                 || state == SlaState::Breached; }
};

// Why a ticket's clock stopped other than by a response: it runs while the ticket is open.
enum class ClockStop { Running, Resolved, Closed, Merged };
// The one reading of a ticket's status (and whether it was merged away) for its clock; the
// queue, the pane, the lead board and the notifier all ask here.
ClockStop clockStop(QStringView status, bool merged);

// The times that decide a ticket's response state.
struct ResponseTimes
{
    QDateTime createdAt;
    QDateTime deadline;
    QDateTime firstResponseAt; // null while unanswered
    ClockStop stop = ClockStop::Running;
};

// The instants, in ms since the epoch, at which an unanswered ticket's state changes: at risk
// from atRiskAtMs (the first millisecond with at most the at-risk share of its target left),
// breached from breachedAtMs (the deadline). status() decides by them, and every view that counts
// or schedules by time (queue, notifier, lead board) asks for them, so no two can disagree at a
// boundary.
struct SlaMoments
{
    qint64 atRiskAtMs = 0;
    qint64 breachedAtMs = 0;
};

class ResponseClock
{
public:
    static constexpr double DefaultAtRiskFraction = 0.25;

    // The at-risk and breach instants of an unanswered ticket. `createdMs` 0 means the creation
    // is unknown: no target to take a share of, so the ticket goes from on track straight to
    // breached, as it does when it was created after its deadline. The fraction is clamped to
    // [0, 1].
    static SlaMoments moments(qint64 createdMs, qint64 deadlineMs, double atRiskFraction);
    static SlaMoments moments(const ResponseTimes &times, double atRiskFraction);
    // The state of an open, unanswered ticket at `nowMs`: on track, at risk or breached.
    static SlaState openState(const SlaMoments &moments, qint64 nowMs)
    {
        return nowMs >= moments.breachedAtMs ? SlaState::Breached
            : nowMs >= moments.atRiskAtMs    ? SlaState::AtRisk
                                             : SlaState::OnTrack;
    }

    // creation + target, or null when the plan has no target for that edition and severity.
    static QDateTime deadline(const PlanCatalog &plan, QStringView editionId,
                              QStringView severityId, const QDateTime &createdAt);
    static QDateTime deadline(const QDateTime &createdAt, int targetMinutes)
    {
        return createdAt.toUTC().addSecs(qint64(targetMinutes) * 60);
    }

    // The state at `now`. Targets are strict, as the seeds write them ("< 15 minutes"): an
    // unanswered ticket is breached from the deadline's exact second, and a response at that
    // second is late. A response decides first (a closed ticket answered in time stays
    // "responded"); an unanswered ticket whose clock stopped is Resolved, Closed or Merged.
    static SlaStatus status(const ResponseTimes &times, const QDateTime &now,
                            double atRiskFraction = DefaultAtRiskFraction);
    static SlaStatus status(const ResponseTimes &times, const Clock &clock,
                            double atRiskFraction = DefaultAtRiskFraction)
    {
        return status(times, clock.now(), atRiskFraction);
    }
};

} // namespace SupportDesk
