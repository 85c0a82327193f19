// Services a plan gives by the year and the desk delivers by hand: Infrastructure Event
// Management days and training sessions (docs/service-use.md). The record, its op codec, the
// plan's rules on it and a customer's use in a year, pure, so the server, the cache and the
// desk's form share one definition.
#pragma once

#include "domain.h"
#include "planrules.h"

#include <algorithm>
#include <optional>

namespace SupportDesk {

class BusinessCalendar;
class PlanCatalog;

namespace ServiceKind {
// The catalog's entitlement ids: what a record counts against.
inline const QString Iem = QStringLiteral("iem");
inline const QString Training = QStringLiteral("training");
} // namespace ServiceKind

struct ServiceUse
{
    QString id; // UUID, made by whoever records it (offline too)
    QString customerId;
    QString kind; // ServiceKind
    // The customer's own calendar days: an engagement's first and last natural day, both
    // counted; a session's day (lastDay == firstDay).
    QDate firstDay;
    QDate lastDay;
    QDate askedOn; // IEM: the day the customer asked (the notice counts from it)
    QString note; // IEM: what the event is; training: the topic
    // Past the year's allowance: why a lead took it anyway (flagged, as a quota override).
    QString overrideReason;
    bool shortNotice = false; // IEM asked fewer business days ahead than the plan recommends
    bool cancelled = false; // kept in history, counted no more
    QString cancelReason;
    qint64 version = 0; // bumped by the server on every change; an op names the one it edits
    QString recordedBy;
    QDateTime recordedAt;
    qint64 seq = 0;

    int days() const { return firstDay.isValid() ? int(firstDay.daysTo(lastDay)) + 1 : 0; }
};
bool operator==(const ServiceUse &a, const ServiceUse &b);

namespace ServiceUseLimits {
constexpr qsizetype MaxNote = 500; // characters
constexpr qsizetype MaxReason = 500; // characters
constexpr int MaxIemDays = 366; // one engagement: a year at most, so a typo is no loop
} // namespace ServiceUseLimits

// Only leads and the admin record, correct or cancel; everyone at the desk reads.
bool recordsServiceUse(AgentRole role);

// The op vocabulary (POST /ops): `ticket_id` names the record, `base_version` the version the
// edit was made on (0: a new record).
namespace ServiceUseOp {
inline const QString Record = QStringLiteral("record-service-use"); // new, or a correction
inline const QString Cancel = QStringLiteral("cancel-service-use");
bool isServiceUseOp(QStringView type);
} // namespace ServiceUseOp

// The op that records (or corrects) `use`, or cancels it with `use.cancelReason`, and back.
// Payload of record: customer_id, kind, first_day, last_day (IEM), asked_on (IEM), note,
// override_reason, each a string (days as YYYY-MM-DD); of cancel: reason. Anything else, a bad
// date or a field over its limit is refused with the field in `problem`.
Operation makeServiceUseOperation(const QString &opId, const ServiceUse &use, bool cancel = false,
                                  const QDateTime &madeAt = {});
std::optional<ServiceUse> serviceUseFromOperation(const Operation &op, QString *problem);

// A customer's use of one entitlement in one year: what the plan allows (nullopt: the plan
// sets no number, "limited"), and what the records not cancelled used of it.
struct ServiceAllowance
{
    bool entitled = false;
    std::optional<int> allowed; // natural days (IEM) or sessions (training) a year
    int used = 0;
    int remaining() const { return allowed ? std::max(0, *allowed - used) : 0; }
};

// The year a customer's use counts in: the calendar year of the day in the customer's time
// zone (the plan's quota zone when the customer names none). The catalog names no other
// contract year (docs/service-use.md).
int serviceYear(const QDateTime &at, const QTimeZone &customerZone);
QTimeZone serviceZone(const PlanCatalog &plan, const Customer &customer);

// `records`: the customer's (any others are left out), cancelled ones included.
ServiceAllowance serviceAllowance(const PlanCatalog &plan, QStringView editionId,
                                  const QString &kind, const QString &customerId,
                                  const QVector<ServiceUse> &records, int year);

// What the plan says of recording `use` (a new record or a correction of one in `records`):
// refused by name when the edition has no such entitlement (`not-entitled`), for a period that
// is no period (`invalid-period`), past the year's allowance (`iem-days-exceeded` with limit,
// year, used, asked; `training-sessions-used` with limit) unless `use` states an override
// reason. `shortNotice` (IEM asked under the plan's notice: the seed recommends, it does not
// require) is a warning, with the notice in business days and the earliest day in
// `notice.args`. `overridden`: allowed only because of the reason, flagged for the lead.
struct ServiceUseCheck
{
    RuleCheck check;
    bool overridden = false;
    bool shortNotice = false;
    RuleCheck notice; // iem-notice-too-short as a warning (args: business days, earliest)
};
ServiceUseCheck checkServiceUse(const PlanCatalog &plan, QStringView editionId,
                                const ServiceUse &use, const QVector<ServiceUse> &records,
                                const BusinessCalendar &calendar);

// The feed's and the cache's record (kind "service-use").
namespace Json {
QJsonObject toJson(const ServiceUse &u);
bool fromJson(const QJsonObject &o, ServiceUse *u, QStringList *errors, const QString &path = {});
} // namespace Json

} // namespace SupportDesk
