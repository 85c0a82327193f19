// How the desk writes times and durations, in the language it runs in: the one formatter for
// every duration and time on screen and in reports. Durations always carry their units: the
// compact form of columns ("12 min 04 s", "1 h 05 min", "overdue 1 h 00 min" /
// "已超时 1 小时 00 分") and the words of tooltips and the ticket header ("12 min left" /
// "剩余 12 分钟"). Times are shown in one display zone, the agent's (Settings); a time shown in
// any other zone says which.
#pragma once

#include "responseclock.h"

#include <QCoreApplication>
#include <QTimeZone>

namespace SupportDesk {

class TimeFormat
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormat)

public:
    // A duration with units, to the second under an hour, for columns and lists that tick:
    // "0 s", "45 s", "12 min 04 s", "1 h 05 min", "2 d 03 h". Negative counts as 0. The
    // smaller unit is zero-padded so a column of them lines up.
    static QString compact(qint64 seconds);
    // The countdown column: "12 min 04 s" left, "overdue 1 h 00 min", "responded 3 h 32 min"
    // (time taken); the duration does not break (no-break spaces, word joiners between
    // Chinese characters), so a narrow column wraps it as one piece.
    static QString countdown(const SlaStatus &status);
    // The widest countdown() a column may have to show in the current language (for sizing).
    static QStringList widestCountdowns();
    // In words, whole minutes cut as the countdown column cuts them, seconds under a minute:
    // "12 min left", "2 h 5 min left", "45 s left", "overdue 31 s", "overdue 5 min",
    // "responded in 9 min".
    static QString countdownWords(const SlaStatus &status);
    // A span in words: "45 min", "2 h", "2 h 5 min", "16 h", "3 d 4 h".
    static QString span(qint64 seconds);
    // A response target as the plans word it: "15 min", "2 h", "16 h".
    static QString target(int minutes);
    // A range of minutes, short, for chart categories: "0–5 min", "1–2 h", "30 min–1 h".
    static QString minutesRange(int fromMinutes, int toMinutes);

    // The zone every time on screen is shown in: the agent's choice in Settings, else the
    // system's. Set once at start-up and when Settings change it.
    static QTimeZone displayZone();
    // An invalid zone means the system's.
    static void setDisplayZone(const QTimeZone &zone);
    // "Asia/Shanghai, UTC+08:00": how a time in another zone says which zone it is in.
    static QString zoneName(const QTimeZone &zone, const QDateTime &at);

    // A date and time in the current locale, in the display zone.
    static QString dateTime(const QDateTime &t);
    // A date and time in the current locale in `zone`'s local time, followed by the zone's
    // name when `zone` is not the display zone: "12/5/26 1:04 AM (Asia/Shanghai, UTC+08:00)".
    static QString dateTime(const QDateTime &t, const QTimeZone &zone);
    // A time for a document that leaves the desk (a report), numeric and always with its
    // zone's offset: "2026-12-05 01:04 UTC+08:00".
    static QString stamp(const QDateTime &t, const QTimeZone &zone);
    // The time of day in the display zone: "1:04 AM".
    static QString time(const QDateTime &t);
    // The time when `t` falls on the same day as `now` in the display zone, else the date.
    static QString timeOrDate(const QDateTime &t, const QDateTime &now);
};

} // namespace SupportDesk
