// How the desk writes times and durations, in the language it runs in: the queue's compact
// countdown ("12:04", "1:05", "overdue 12:04") and the words of tooltips and the ticket header
// ("12 min left" / "剩余 12 分钟", "overdue 5 min" / "已超时 5 分钟").
#pragma once

#include "responseclock.h"

#include <QCoreApplication>

namespace SupportDesk {

class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormat)

public:
    // m:ss under an hour, h:mm from an hour on. Seconds are whole; negative counts as 0.
    static QString clock(qint64 seconds);
    // The countdown column: "12:04" left, "overdue 12:04", "responded 9:30" (time taken).
    static QString countdown(const SlaStatus &status);
    // In words, rounded to whole minutes (up while time is left, so "1 min left" until the
    // end): "12 min left", "2 h 5 min left", "overdue 5 min", "responded in 9 min".
    static QString countdownWords(const SlaStatus &status);
    // A span in words: "45 min", "2 h", "2 h 5 min", "16 h", "3 d 4 h".
    static QString span(qint64 seconds);
    // A response target as the plans word it: "15 min", "2 h", "16 h".
    static QString target(int minutes);
    // A time of day or a date and time in the current locale, in `zone`'s local time.
    static QString dateTime(const QDateTime &t, const QTimeZone &zone);
};

} // namespace SupportDesk
