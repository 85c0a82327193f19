// Business days in mainland China: weekends and public holidays off, make-up workdays (调休) on.
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QSet>

#include <optional>

namespace SupportDesk {

class BusinessCalendar
{
    Q_DECLARE_TR_FUNCTIONS(BusinessCalendar)

public:
    enum class DayKind { Workday, Weekend, Holiday, MakeUpWorkday };

    // Format: resources/calendar/cn-holidays.json; every problem listed with its JSON path.
    static std::optional<BusinessCalendar> fromJson(const QByteArray &json, QStringList *errors);
    static std::optional<BusinessCalendar> loadBuiltIn(QStringList *errors);
    // The built-in calendar file, compact (what a server without a loaded one hands out).
    static QByteArray builtInJson();

    bool covers(int year) const { return m_years.contains(year); }
    bool covers(const QDate &from, const QDate &to) const;
    bool isProvisional(int year) const { return m_provisional.contains(year); }
    // The provisional years among those of the days from..to (inclusive), in order.
    QList<int> provisionalYearsBetween(const QDate &from, const QDate &to) const;
    QList<int> years() const;

    DayKind kind(const QDate &date) const;
    bool isBusinessDay(const QDate &date) const;
    // The n-th business day after `from` (n ≥ 1); null when the data does not reach it.
    QDate addBusinessDays(const QDate &from, int n) const;
    // Business days d with from < d ≤ to.
    int businessDaysBetween(const QDate &from, const QDate &to) const;

private:
    QSet<int> m_years;
    QSet<int> m_provisional;
    QSet<QDate> m_holidays;
    QSet<QDate> m_makeUpWorkdays;
};

} // namespace SupportDesk
