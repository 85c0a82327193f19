// The plan rules an agent and the server apply to a ticket: channel entitlement, partner
// quota, third-party scope, reclassification and entitlement limits (docs/rules.md).
#pragma once

#include "businesscalendar.h"
#include "domain.h"
#include "plancatalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace SupportDesk {

// The outcome of one rule: allowed, or a stable code with the ids and figures behind it.
// The code travels between server and client; each side words it in its own language.
struct RuleCheck
{
    Q_DECLARE_TR_FUNCTIONS(RuleCheck)

public:
    QString code;     // empty: allowed
    QStringList args; // ids and figures, meaning fixed per code (see message())
    // Calendar years the answer counted on whose holiday dates are provisional: the answer
    // says so wherever it is shown (an allowed answer too).
    QList<int> provisionalYears;

    bool allowed() const { return code.isEmpty(); }
    static RuleCheck ok() { return {}; }
    static RuleCheck fail(const QString &code, const QStringList &args = {})
    {
        RuleCheck r;
        r.code = code;
        r.args = args;
        return r;
    }
    // The rule in words, in the current translation; names come from the catalog in `language`.
    QString message(const PlanCatalog *plan, Language language) const;
    // `quota-exceeded` where a reason field is beside the words (New ticket, Triage): "Over
    // this month's ticket quota (11 of 10): give a reason to take it anyway". message() says
    // the fact alone, for the places that have no field.
    static QString quotaReasonAsked(const QStringList &args);
    // "The 2027 holiday dates are provisional: …", or empty when `years` is.
    static QString provisionalNote(const QList<int> &years);
};

struct MonthWindow
{
    QDateTime start; // UTC, inclusive
    QDateTime end;   // UTC, exclusive
    bool contains(const QDateTime &t) const { return t >= start && t < end; }
};

// Whether a ticket counts toward its customer's monthly quota, which counts the tickets a
// customer opens: every one, except a duplicate merged into another of the customer's tickets
// (a merge is within one customer and sub-client) — one request, counted once, as the ticket it
// went into (docs/merge.md). The server's refusal (Store::ticketsInWindow), the desk's ledger
// (pane, intake, customer history) and the lead board all count by it.
inline bool countsTowardQuota(bool mergedAway)
{
    return !mergedAway;
}

struct QuotaUse
{
    int used = 0;                // tickets in the month, the one being checked included
    std::optional<int> limit;    // unset: unlimited
    bool overQuota() const { return limit && used > *limit; }
    int remaining() const { return limit ? std::max(0, *limit - used) : -1; }
};

struct ScopeCheck
{
    RuleCheck check;
    const ThirdPartySoftware *software = nullptr;
    const SoftwareProduct *product = nullptr;
    QString matchedSpec; // the catalog's version spec that admitted the version
    // What a ticket stores: the catalog's spelling of the product ("MySQL" for "mysql"), or the
    // name as typed when the catalog has none; the version without a product name in front.
    QString name;
    QString version;
};

// How far ahead an IEM request must be asked, counted from one day on a holiday calendar.
struct IemNotice
{
    RuleCheck check; // refused: unknown-edition, not-entitled or calendar-not-covered
    int businessDays = 0;
    QDate earliest;  // the earliest first event day for a request asked that day
    QList<int> provisionalYears; // years of the count whose holidays are provisional
};

struct IemRequest
{
    QDate askedOn;
    QDate firstDay;
    QDate lastDay;
    int days() const { return int(firstDay.daysTo(lastDay)) + 1; }
};

// The catalog's entitlement of monthly and annual service reports (resources/plans/).
inline const QString ServiceReportsEntitlement = QStringLiteral("service-reports");

// May a customer on (plan, edition) have service reports? The desk offers a customer's report
// and the server answers GET /reports/customer/{id} only where this allows it: else
// `not-entitled` (edition, "service-reports"), or `unknown-edition` (edition) for a plan or an
// edition the catalogs lack. The rule is the customer's plan: the team's own reports
// (GET /reports/attainment, across editions) are the lead's, not a customer's (docs/api.md).
RuleCheck checkServiceReports(const CatalogSet &catalogs, QStringView planId,
                              QStringView editionId);

class PlanRules
{
public:
    explicit PlanRules(const PlanCatalog &plan) : m_plan(plan) {}

    const PlanCatalog &plan() const { return m_plan; }

    QDateTime deadline(QStringView editionId, QStringView severityId,
                       const QDateTime &createdAt) const;

    // Can a customer of this edition reach us through this channel? One that is a way into
    // another (e-mail into ticket: Channel::entitledAs) is entitled as that one.
    RuleCheck checkChannel(QStringView editionId, QStringView channelId) const;
    RuleCheck checkSubClient(const QString &subClientAccount) const;

    // The plan's quota month around `at`, in `zone` (the plan's quota zone when invalid).
    MonthWindow quotaMonth(const QDateTime &at, const QTimeZone &zone = QTimeZone()) const;
    // Use of the monthly quota: `createdAts` are the customer's tickets, the new one included.
    QuotaUse quotaUse(QStringView editionId, const QList<QDateTime> &createdAts,
                      const QDateTime &at, const QTimeZone &zone = QTimeZone()) const;
    // A ticket past the quota is taken only with an override reason stated by someone who
    // may override (overridesQuota): else `quota-exceeded` with (used, limit).
    RuleCheck checkQuota(const QuotaUse &use, const QString &overrideReason, AgentRole by) const;
    // Stating an override reason: `forbidden` for a role that may not override, else
    // `reason-required` for a blank reason. The one check both paths above and the
    // `quota-override` op make.
    static RuleCheck checkQuotaOverride(AgentRole by, const QString &reason);

    // Is (software, version) inside the plan's third-party scope? `softwareId` names a
    // software or one of its products in any spelling PlanCatalog::findSoftware accepts
    // ("nginx", "vsftpd", "Open VPN", "MySQL 5.7" with the version in the name).
    ScopeCheck checkSoftware(const QString &softwareId, const QString &version) const;
    RuleCheck checkRequestKind(QStringView requestKindId) const; // out-of-scope kinds fail

    // Moves the deadline to creation + the new severity's target (`newDeadline`); the reason
    // is required. `change` is the record of it, but for the ticket and the record's id.
    RuleCheck reclassify(QStringView editionId, const QDateTime &createdAt,
                         const QString &fromSeverity, const QString &toSeverity,
                         const QString &reason, const QDateTime &at, const QString &by,
                         SeverityChange *change, QDateTime *newDeadline = nullptr) const;

    // Infrastructure Event Management: asked the edition's notice in business days ahead,
    // within its natural days a year (counted per calendar year of each event day).
    IemNotice iemNotice(QStringView editionId, const QDate &askedOn,
                        const BusinessCalendar &calendar) const;
    RuleCheck checkIem(QStringView editionId, const IemRequest &request,
                       const QHash<int, int> &daysUsedByYear,
                       const BusinessCalendar &calendar) const;
    RuleCheck checkTraining(QStringView editionId, int sessionsUsedThisYear) const;
    RuleCheck checkArchitectureOptimization(QStringView editionId, const QDate &editionSince,
                                            const QDate &on) const;

private:
    QTimeZone zoneOr(const QTimeZone &zone) const;
    const PlanCatalog &m_plan;
};

} // namespace SupportDesk
