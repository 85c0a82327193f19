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

// The times that decide a ticket's response state.
struct ResponseTimes
{
    QDateTime createdAt;
    QDateTime deadline;
    QDateTime firstResponseAt; // null while unanswered
};

class ResponseClock
{
public:
    static constexpr double DefaultAtRiskFraction = 0.25;

    // creation + target, or null when the plan has no target for that edition and severity.
    static QDateTime deadline(const PlanCatalog &plan, QStringView editionId,
                              QStringView severityId, const QDateTime &createdAt);
    static QDateTime deadline(const QDateTime &createdAt, int targetMinutes)
    {
        return createdAt.toUTC().addSecs(qint64(targetMinutes) * 60);
    }

    // The state at `now`. Targets are strict, as the seeds write them ("< 15 minutes"): an
    // unanswered ticket is breached from the deadline's exact second, and a response at that
    // second is late.
    static SlaStatus status(const ResponseTimes &times, const QDateTime &now,
                            double atRiskFraction = DefaultAtRiskFraction);
    static SlaStatus status(const ResponseTimes &times, const Clock &clock,
                            double atRiskFraction = DefaultAtRiskFraction)
    {
        return status(times, clock.now(), atRiskFraction);
    }
};

} // namespace SupportDesk
