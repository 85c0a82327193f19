// Response-target arithmetic shared by the client's countdowns and the server's reports.
#include "responseclock.h"

#include "plancatalog.h"

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
    }
    return {};
}

QDateTime ResponseClock::deadline(const PlanCatalog &plan, QStringView editionId,
                                  QStringView severityId, const QDateTime &createdAt)
{
    const auto minutes = plan.targetMinutes(editionId, severityId);
    if (!minutes || !createdAt.isValid())
        return {};
    return deadline(createdAt, *minutes);
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

    const qint64 leftMs = now.msecsTo(times.deadline);
    s.targetUsed = share(times.createdAt.msecsTo(now));
    if (leftMs <= 0) {
        s.state = SlaState::Breached;
        s.secondsOverdue = -leftMs / 1000;
        return s;
    }
    // Round up, so a countdown shows "0:01" rather than "0:00" in its last second.
    s.secondsLeft = (leftMs + 999) / 1000;
    s.state = double(leftMs) <= atRiskFraction * double(targetMs) ? SlaState::AtRisk
                                                                  : SlaState::OnTrack;
    return s;
}

} // namespace SupportDesk
