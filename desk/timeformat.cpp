#include "timeformat.h"

#include <QLocale>

namespace SupportDesk {

// The agent's display zone; invalid while the system's is used.
static QTimeZone &chosenZone()
{
    static QTimeZone zone;
    return zone;
}

QString TimeFormat::compact(qint64 seconds)
{
    seconds = std::max<qint64>(0, seconds);
    const qint64 d = seconds / 86400;
    const qint64 h = seconds / 3600 % 24;
    const qint64 m = seconds / 60 % 60;
    const qint64 s = seconds % 60;
    const auto two = [](qint64 n) { return QStringLiteral("%1").arg(n, 2, 10, QLatin1Char('0')); };
    if (d > 0)
        //: compact duration in a column: days and zero-padded hours, e.g. "2 d 03 h"
        return tr("%1 d %2 h", "compact").arg(d).arg(two(h));
    if (h > 0)
        //: compact duration in a column: hours and zero-padded minutes, e.g. "1 h 05 min"
        return tr("%1 h %2 min", "compact").arg(h).arg(two(m));
    if (m > 0)
        //: compact duration in a column: minutes and zero-padded seconds, e.g. "12 min 04 s"
        return tr("%1 min %2 s", "compact").arg(m).arg(two(s));
    //: compact duration in a column: seconds, e.g. "45 s"
    return tr("%1 s", "compact").arg(s);
}

QString TimeFormat::countdown(const SlaStatus &status)
{
    // Where the column wraps, it wraps after "overdue", never inside a word or the duration
    // ("responded 14 / h 23 min", "已响应 1 小 / 时 35 分"): the duration's spaces do not
    // break, and a word joiner (U+2060) holds Chinese characters, which may break anywhere,
    // together.
    const auto whole = [](qint64 seconds) {
        return compact(seconds).replace(QLatin1Char(' '), QChar::Nbsp);
    };
    QString text;
    QString duration;
    switch (status.state) {
    // Each state says itself in words, not by its colour alone (issue 17): an agent who
    // cannot tell amber from green still reads "at risk", and "responded late" from in time.
    case SlaState::OnTrack:
        text = duration = whole(status.secondsLeft);
        break;
    case SlaState::AtRisk:
        duration = whole(status.secondsLeft);
        //: countdown column, little time left; %1 is e.g. "12 min 04 s"
        text = tr("at risk %1").arg(duration);
        break;
    case SlaState::Breached:
        duration = whole(status.secondsOverdue);
        //: countdown column, time past the response target; %1 is e.g. "1 h 05 min"
        text = tr("overdue %1").arg(duration);
        break;
    case SlaState::RespondedInTime:
        duration = whole(status.responseSeconds);
        //: countdown column once answered; %1 is how long the first response took
        text = tr("responded %1").arg(duration);
        break;
    case SlaState::RespondedLate:
        duration = whole(status.responseSeconds);
        //: countdown column once answered after the target; %1 is how long it took (kept
        //: about as short as "responded": the column fits the queue at 1440 px)
        text = tr("late reply %1").arg(duration);
        break;
    // A clock that stopped unanswered says why, with no time left to count (issue 17: a
    // merged duplicate read "on track 3 h 10 min" in the queue).
    case SlaState::Resolved:
        //: countdown column: resolved before anyone answered; the clock has stopped
        text = tr("resolved");
        break;
    case SlaState::Closed:
        //: countdown column: closed before anyone answered; the clock has stopped
        text = tr("closed");
        break;
    case SlaState::Merged:
        //: countdown column: merged into another ticket, whose clock runs on
        text = tr("merged");
        break;
    }
    // The words around the duration hold together as well ("at risk", "responded late"):
    // only a space next to the duration may break.
    const qsizetype at = duration.isEmpty() ? -1 : text.indexOf(duration);
    for (qsizetype i = 0; at >= 0 && i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char(' ') && i != at - 1 && i != at + duration.size())
            text[i] = QChar::Nbsp;
    }
    QString joined;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        const QChar before = i > 0 ? text.at(i - 1) : QChar();
        if (i > 0 && c != QLatin1Char(' ') && before != QLatin1Char(' ')
            && (c.script() == QChar::Script_Han || before.script() == QChar::Script_Han))
            joined += QChar(0x2060);
        joined += c;
    }
    return joined;
}

QStringList TimeFormat::widestCountdowns()
{
    // Every shape the column takes, with the widest digits: the longest under a day and a
    // two-digit day count (a ticket left open for weeks).
    QStringList texts;
    for (const qint64 seconds : {qint64(59 * 60 + 58), qint64(23 * 3600 + 58 * 60),
                                 qint64(88 * 86400 + 23 * 3600)}) {
        SlaStatus s;
        s.secondsLeft = s.secondsOverdue = s.responseSeconds = seconds;
        // (A stopped clock's word, "closed", is narrower than any of these.)
        for (const SlaState state : {SlaState::OnTrack, SlaState::AtRisk, SlaState::Breached,
                                     SlaState::RespondedInTime, SlaState::RespondedLate}) {
            s.state = state;
            texts.append(countdown(s));
        }
    }
    return texts;
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
    // One rule for every duration here, the queue column's (compact()): whole units cut, never
    // rounded, and seconds under a minute. Time left rounded up while overdue time was cut
    // made the pane read "overdue 0 min" beside the queue's "overdue 31 s", and every breach
    // notice, fired at the deadline, "overdue 0 min" (issue 14).
    const auto words = [](qint64 seconds) {
        seconds = std::max<qint64>(0, seconds);
        //: a duration under a minute in words, e.g. "45 s left", "overdue 31 s"
        return seconds < 60 ? tr("%n s", nullptr, int(seconds)) : span(seconds);
    };
    switch (status.state) {
    case SlaState::OnTrack:
    case SlaState::AtRisk:
        //: e.g. "12 min left"
        return tr("%1 left").arg(words(status.secondsLeft));
    case SlaState::Breached:
        //: e.g. "overdue 5 min"
        return tr("overdue %1").arg(words(status.secondsOverdue));
    case SlaState::RespondedInTime:
        return tr("responded in %1").arg(words(status.responseSeconds));
    case SlaState::RespondedLate:
        return tr("responded in %1, late").arg(words(status.responseSeconds));
    case SlaState::Resolved:
        return tr("resolved without a response");
    case SlaState::Closed:
        return tr("closed without a response");
    case SlaState::Merged:
        return tr("merged: the clock goes on in the ticket it went into");
    }
    return {};
}

QString TimeFormat::target(int minutes)
{
    return span(qint64(minutes) * 60);
}

QString TimeFormat::minutesRange(int fromMinutes, int toMinutes)
{
    if (toMinutes < 60)
        //: a range of minutes, short (a chart category), e.g. "5–15 min"
        return tr("%1–%2 min").arg(fromMinutes).arg(toMinutes);
    if (fromMinutes > 0 && fromMinutes % 60 == 0 && toMinutes % 60 == 0)
        //: a range of hours, short (a chart category), e.g. "1–2 h"
        return tr("%1–%2 h").arg(fromMinutes / 60).arg(toMinutes / 60);
    //: a range across units, short (a chart category), e.g. "30 min–1 h"
    return tr("%1–%2", "duration range").arg(target(fromMinutes), target(toMinutes));
}

QTimeZone TimeFormat::displayZone()
{
    const QTimeZone &zone = chosenZone();
    return zone.isValid() ? zone : QTimeZone::systemTimeZone();
}

void TimeFormat::setDisplayZone(const QTimeZone &zone)
{
    chosenZone() = zone;
}

// "UTC+08:00", "UTC-03:30": the zone's offset at that instant.
static QString utcOffset(const QTimeZone &zone, const QDateTime &at)
{
    const int offset = zone.offsetFromUtc(at.isValid() ? at : QDateTime::currentDateTimeUtc());
    const int minutes = std::abs(offset) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString TimeFormat::zoneName(const QTimeZone &zone, const QDateTime &at)
{
    const QString id = QString::fromUtf8(zone.id());
    const QString utc = utcOffset(zone, at);
    //: a time zone: its IANA name and its offset from UTC, e.g. "Asia/Shanghai, UTC+08:00"
    return id.isEmpty() || id == utc ? utc : tr("%1, %2").arg(id, utc);
}

QString TimeFormat::dateTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toTimeZone(displayZone()), QLocale::ShortFormat);
}

QString TimeFormat::dateTime(const QDateTime &t, const QTimeZone &zone)
{
    if (!t.isValid())
        return {};
    if (!zone.isValid() || zone.id() == displayZone().id())
        return dateTime(t);
    //: a date and time shown in a zone other than the agent's, and that zone
    return tr("%1 (%2)").arg(QLocale().toString(t.toTimeZone(zone), QLocale::ShortFormat),
                             zoneName(zone, t));
}

QString TimeFormat::stamp(const QDateTime &t, const QTimeZone &zone)
{
    if (!t.isValid())
        return {};
    const QTimeZone z = zone.isValid() ? zone : displayZone();
    return t.toTimeZone(z).toString(QStringLiteral("yyyy-MM-dd HH:mm ")) + utcOffset(z, t);
}

QString TimeFormat::time(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return QLocale().toString(t.toTimeZone(displayZone()).time(), QLocale::ShortFormat);
}

QString TimeFormat::timeOrDate(const QDateTime &t, const QDateTime &now)
{
    if (!t.isValid())
        return {};
    const QTimeZone zone = displayZone();
    const QDateTime local = t.toTimeZone(zone);
    return local.date() == now.toTimeZone(zone).date()
        ? QLocale().toString(local.time(), QLocale::ShortFormat)
        : QLocale().toString(local.date(), QLocale::ShortFormat);
}

} // namespace SupportDesk
