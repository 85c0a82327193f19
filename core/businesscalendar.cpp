// The mainland China working calendar, from a data file covering whole years.
#include "businesscalendar.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace SupportDesk {

std::optional<BusinessCalendar> BusinessCalendar::fromJson(const QByteArray &json,
                                                           QStringList *errors)
{
    QStringList local;
    QStringList &out = errors ? *errors : local;
    const qsizetype before = out.size();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        out.append(QStringLiteral("$: %1").arg(tr("not a valid calendar document: %1")
                                                       .arg(parseError.errorString())));
        return std::nullopt;
    }
    BusinessCalendar calendar;
    const QJsonValue years = doc.object().value(QStringLiteral("years"));
    if (!years.isObject() || years.toObject().isEmpty()) {
        out.append(QStringLiteral("$.years: %1").arg(tr("must be a non-empty object")));
        return std::nullopt;
    }
    const QJsonObject yearsObject = years.toObject();
    for (auto it = yearsObject.begin(); it != yearsObject.end(); ++it) {
        const QString path = QStringLiteral("$.years.%1").arg(it.key());
        bool ok = false;
        const int year = it.key().toInt(&ok);
        if (!ok || year < 1900 || year > 9999 || !it.value().isObject()) {
            out.append(QStringLiteral("%1: %2").arg(path, tr("must be a year holding an object")));
            continue;
        }
        const QJsonObject y = it.value().toObject();
        const QString status = y.value(QStringLiteral("status")).toString();
        if (status != u"official" && status != u"provisional")
            out.append(QStringLiteral("%1.status: %2")
                               .arg(path, tr("must be \"official\" or \"provisional\"")));
        if (status == u"provisional")
            calendar.m_provisional.insert(year);
        for (const auto &key : {QStringLiteral("holidays"), QStringLiteral("workdays")}) {
            const QJsonArray days = y.value(key).toArray();
            if (!y.value(key).isArray())
                out.append(QStringLiteral("%1.%2: %3").arg(path, key, tr("must be an array")));
            for (qsizetype i = 0; i < days.size(); ++i) {
                const QDate d = QDate::fromString(days.at(i).toString(), Qt::ISODate);
                const QString where = QStringLiteral("%1.%2[%3]").arg(path, key).arg(i);
                if (!d.isValid() || d.year() != year) {
                    out.append(QStringLiteral("%1: %2").arg(
                            where, tr("must be a date (YYYY-MM-DD) in %1").arg(year)));
                    continue;
                }
                (key == u"holidays" ? calendar.m_holidays : calendar.m_makeUpWorkdays).insert(d);
            }
        }
        calendar.m_years.insert(year);
    }
    for (const QDate &d : std::as_const(calendar.m_holidays)) {
        if (calendar.m_makeUpWorkdays.contains(d))
            out.append(QStringLiteral("$.years.%1: %2")
                               .arg(d.year())
                               .arg(tr("%1 is both a holiday and a workday")
                                            .arg(d.toString(Qt::ISODate))));
    }
    if (out.size() != before)
        return std::nullopt;
    return calendar;
}

std::optional<BusinessCalendar> BusinessCalendar::loadBuiltIn(QStringList *errors)
{
    QFile file(QStringLiteral(":/calendar/cn-holidays.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors)
            errors->append(tr("cannot read the holiday calendar: %1").arg(file.errorString()));
        return std::nullopt;
    }
    return fromJson(file.readAll(), errors);
}

QByteArray BusinessCalendar::builtInJson()
{
    QFile file(QStringLiteral(":/calendar/cn-holidays.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).toJson(QJsonDocument::Compact);
}

bool BusinessCalendar::covers(const QDate &from, const QDate &to) const
{
    for (int y = from.year(); y <= to.year(); ++y) {
        if (!covers(y))
            return false;
    }
    return true;
}

QList<int> BusinessCalendar::provisionalYearsBetween(const QDate &from, const QDate &to) const
{
    QList<int> list;
    for (int y = from.year(); from.isValid() && to.isValid() && y <= to.year(); ++y) {
        if (isProvisional(y))
            list.append(y);
    }
    return list;
}

QList<int> BusinessCalendar::years() const
{
    QList<int> list(m_years.begin(), m_years.end());
    std::sort(list.begin(), list.end());
    return list;
}

BusinessCalendar::DayKind BusinessCalendar::kind(const QDate &date) const
{
    if (m_holidays.contains(date))
        return DayKind::Holiday;
    if (m_makeUpWorkdays.contains(date))
        return DayKind::MakeUpWorkday;
    return date.dayOfWeek() >= 6 ? DayKind::Weekend : DayKind::Workday;
}

bool BusinessCalendar::isBusinessDay(const QDate &date) const
{
    const DayKind k = kind(date);
    return k == DayKind::Workday || k == DayKind::MakeUpWorkday;
}

QDate BusinessCalendar::addBusinessDays(const QDate &from, int n) const
{
    QDate d = from;
    while (n > 0) {
        d = d.addDays(1);
        if (!covers(d.year()))
            return {};
        if (isBusinessDay(d))
            --n;
    }
    return d;
}

int BusinessCalendar::businessDaysBetween(const QDate &from, const QDate &to) const
{
    int n = 0;
    for (QDate d = from.addDays(1); d <= to; d = d.addDays(1)) {
        if (isBusinessDay(d))
            ++n;
    }
    return n;
}

} // namespace SupportDesk
