// Response-target arithmetic shared by the client's countdowns and the server's reports.
#include "responseclock.h"

#include "domain.h"
#include "plancatalog.h"

#include <algorithm>
#include <cmath>

namespace SupportDesk {

QString slaStateCode(SlaState state)
{
    switch (state) {
    case SlaState::OnTrack:
        return QStringLiteral("on-track");
    case SlaState::AtRisk:
        return QStringLiteral("at-risk");
    case SlaState::Breached:
        return QStringLiteral("breached");
    case SlaState::RespondedInTime:
        return QStringLiteral("responded-in-time");
    case SlaState::RespondedLate:
        return QStringLiteral("responded-late");
    case SlaState::Resolved:
        return QStringLiteral("resolved");
    case SlaState::Closed:
        return QStringLiteral("closed");
    case SlaState::Merged:
        return QStringLiteral("merged");
    }
    return {};
}

ClockStop clockStop(QStringView status, bool merged)
{
    // A merged duplicate is closed too; it says where its wait went.
    if (merged)
        return ClockStop::Merged;
    if (status == TicketStatus::Resolved)
        return ClockStop::Resolved;
    if (status == TicketStatus::Closed)
        return ClockStop::Closed;
    return ClockStop::Running;
}

QDateTime ResponseClock::deadline(const PlanCatalog &plan, QStringView editionId,
                                  QStringView severityId, const QDateTime &createdAt)
{
    const auto minutes = plan.targetMinutes(editionId, severityId);
    if (!minutes || !createdAt.isValid())
        return {};
    return deadline(createdAt, *minutes);
}

SlaMoments ResponseClock::moments(qint64 createdMs, qint64 deadlineMs, double atRiskFraction)
{
    const qint64 targetMs = createdMs != 0 ? std::max<qint64>(0, deadlineMs - createdMs) : 0;
    const double fraction = std::clamp(atRiskFraction, 0.0, 1.0);
    // floor: at risk from the first whole millisecond with at most fraction × target left.
    const qint64 leadMs = qint64(std::floor(fraction * double(targetMs)));
    return {deadlineMs - leadMs, deadlineMs};
}

SlaMoments ResponseClock::moments(const ResponseTimes &times, double atRiskFraction)
{
    const qint64 deadlineMs = times.deadline.toMSecsSinceEpoch();
    return moments(times.createdAt.isValid() ? times.createdAt.toMSecsSinceEpoch() : 0,
                   deadlineMs, atRiskFraction);
}

SlaStatus ResponseClock::status(const ResponseTimes &times, const QDateTime &now,
                                double atRiskFraction)
{
    SlaStatus s;
    const qint64 targetMs = times.createdAt.msecsTo(times.deadline);
    const auto share = [targetMs](qint64 elapsedMs) {
        return targetMs > 0 ? double(elapsedMs) / double(targetMs) : 1.0;
    };

    if (times.firstResponseAt.isValid()) {
        const qint64 lateMs = times.deadline.msecsTo(times.firstResponseAt);
        s.state = lateMs >= 0 ? SlaState::RespondedLate : SlaState::RespondedInTime;
        s.secondsOverdue = lateMs >= 0 ? lateMs / 1000 : 0;
        const qint64 tookMs = times.createdAt.msecsTo(times.firstResponseAt);
        s.responseSeconds = tookMs / 1000;
        s.targetUsed = share(tookMs);
        return s;
    }
    switch (times.stop) {
    case ClockStop::Running:
        break;
    case ClockStop::Resolved:
        s.state = SlaState::Resolved;
        return s;
    case ClockStop::Closed:
        s.state = SlaState::Closed;
        return s;
    case ClockStop::Merged:
        s.state = SlaState::Merged;
        return s;
    }

    const qint64 leftMs = now.msecsTo(times.deadline);
    s.targetUsed = share(times.createdAt.msecsTo(now));
    if (leftMs <= 0) {
        s.state = SlaState::Breached;
        s.secondsOverdue = -leftMs / 1000;
        return s;
    }
    // Round up, so a countdown shows "0:01" rather than "0:00" in its last second.
    s.secondsLeft = (leftMs + 999) / 1000;
    s.state = openState(moments(times, atRiskFraction), now.toMSecsSinceEpoch());
    return s;
}

} // namespace SupportDesk
