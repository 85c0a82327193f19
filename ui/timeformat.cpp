#include "timeformat.h"

#include <QLocale>
#include <QTimeZone>

namespace SupportDesk {

QString TimeFormat::clock(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = seconds / 60 % 60;
    if (h > 0)
        return QStringLiteral("%1:%2").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString TimeFormat::countdown(const SlaStatus &status)
{
    switch (status.state) {
    case SlaState::OnTrack:
    case SlaState::AtRisk:
        return clock(status.secondsLeft);
    case SlaState::Breached:
        //: countdown column, time past the response target; %1 is m:ss or h:mm
        return tr("overdue %1").arg(clock(status.secondsOverdue));
    case SlaState::RespondedInTime:
    case SlaState::RespondedLate:
        //: countdown column once answered; %1 is how long the first response took
        return tr("responded %1").arg(clock(status.responseSeconds));
    }
    return {};
}

QString TimeFormat::span(qint64 seconds)
{
    const qint64 minutes = std::max<qint64>(0, seconds) / 60;
    const int d = int(minutes / (24 * 60));
    const int h = int(minutes / 60 % 24);
    const int m = int(minutes % 60);
    if (d > 0) {
        //: days and hours, e.g. "3 d 4 h"
        return h > 0 ? tr("%1 d %2 h").arg(d).arg(h) : tr("%n d", nullptr, d);
    }
    if (h > 0)
        return m > 0 ? tr("%1 h %2 min").arg(h).arg(m) : tr("%n h", nullptr, h);
    return tr("%n min", nullptr, m);
}

QString TimeFormat::countdownWords(const SlaStatus &status)
{
    switch (status.state) {
    case SlaState::OnTrack:
    case SlaState::AtRisk:
        // Rounded up: the last minute still reads "1 min left".
        //: e.g. "12 min left"
        return tr("%1 left").arg(span((status.secondsLeft + 59) / 60 * 60));
    case SlaState::Breached:
        //: e.g. "overdue 5 min"
        return tr("overdue %1").arg(span(status.secondsOverdue));
    case SlaState::RespondedInTime:
        return tr("responded in %1").arg(span(status.responseSeconds));
    case SlaState::RespondedLate:
        return tr("responded in %1, late").arg(span(status.responseSeconds));
    }
    return {};
}

QString TimeFormat::target(int minutes)
{
    return span(qint64(minutes) * 60);
}

QString TimeFormat::dateTime(const QDateTime &t, const QTimeZone &zone)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toTimeZone(zone), QLocale::ShortFormat);
}

} // namespace SupportDesk
