// Plan rules over a catalog; every refusal carries a stable code (docs/rules.md).
#include "planrules.h"

#include "responseclock.h"

namespace SupportDesk {

namespace {

QString editionName(const PlanCatalog *plan, const QString &id, Language language)
{
    const Edition *e = plan ? plan->edition(id) : nullptr;
    return e ? QStringLiteral("%1 %2").arg(e->code, e->names.text(language)) : id;
}

QString channelName(const PlanCatalog *plan, const QString &id, Language language)
{
    const Channel *c = plan ? plan->channel(id) : nullptr;
    return c ? c->names.text(language) : id;
}

QString severityName(const PlanCatalog *plan, const QString &id, Language language)
{
    const Severity *s = plan ? plan->severity(id) : nullptr;
    return s ? s->names.text(language) : id;
}

QString softwareName(const PlanCatalog *plan, const QString &id, Language language)
{
    if (plan) {
        for (const ThirdPartySoftware &s : plan->thirdPartySoftware()) {
            if (s.id == id)
                return s.names.text(language);
            for (const SoftwareProduct &p : s.products) {
                if (p.id == id)
                    return p.names.text(language);
            }
        }
    }
    return id;
}

QString joinNames(const QStringList &names, Language language)
{
    return names.join(language == Language::Chinese ? QStringLiteral("、") : QStringLiteral(", "));
}

} // namespace

QString RuleCheck::message(const PlanCatalog *plan, Language language) const
{
    const auto arg = [this](int i) { return i < args.size() ? args.at(i) : QString(); };
    if (code.isEmpty())
        return tr("Allowed.");
    if (code == u"unknown-edition")
        return tr("Unknown edition \"%1\".").arg(arg(0));
    if (code == u"unknown-severity")
        return tr("Unknown severity \"%1\".").arg(arg(0));
    if (code == u"unknown-channel")
        return tr("Unknown channel \"%1\".").arg(arg(0));
    if (code == u"channel-not-entitled") {
        QStringList editions;
        for (int i = 2; i < args.size(); ++i)
            editions.append(editionName(plan, args.at(i), language));
        return tr("%1 is not part of %2; it comes with %3.")
                .arg(channelName(plan, arg(0), language), editionName(plan, arg(1), language),
                     joinNames(editions, language));
    }
    if (code == u"sub-client-required")
        return tr("A partner's ticket must name the sub-client account it is for.");
    if (code == u"quota-exceeded")
        return tr("Over this month's ticket quota (%1 of %2): give a reason to take it anyway.")
                .arg(arg(0), arg(1));
    if (code == u"reason-required")
        return tr("A reason is required.");
    if (code == u"same-severity")
        return tr("The ticket already has the severity %1.")
                .arg(severityName(plan, arg(0), language));
    if (code == u"software-unknown")
        return tr("%1 is not in this plan's third-party software catalog: out of scope.")
                .arg(arg(0));
    if (code == u"software-product-required")
        return tr("Say which product of %1 it is: %2.")
                .arg(softwareName(plan, arg(0), language), arg(1));
    if (code == u"version-required")
        return tr("Give the version of %1: only %2 are in scope.")
                .arg(softwareName(plan, arg(0), language), arg(1));
    if (code == u"version-out-of-scope")
        return tr("%1 %2 is out of scope: only %3 are covered.")
                .arg(softwareName(plan, arg(0), language), arg(1), arg(2));
    if (code == u"request-out-of-scope") {
        const OutOfScopeItem *item = plan ? plan->outOfScopeItem(arg(0)) : nullptr;
        return tr("Out of scope for this plan: %1.")
                .arg(item ? item->names.text(language) : arg(0));
    }
    if (code == u"not-entitled")
        return tr("%1 does not include this service.").arg(editionName(plan, arg(0), language));
    if (code == u"iem-notice-too-short")
        return tr("Infrastructure Event Management must be asked %1 business days ahead: "
                  "the earliest start for this request is %2.")
                .arg(arg(0), arg(1));
    if (code == u"iem-days-exceeded")
        return tr("Infrastructure Event Management is limited to %1 days a year: %2 has %3 "
                  "used and this request adds %4.")
                .arg(arg(0), arg(1), arg(2), arg(3));
    if (code == u"invalid-period")
        return tr("The period is not valid: its last day is before its first.");
    if (code == u"calendar-not-covered")
        return tr("The holiday calendar does not cover %1: business days cannot be counted.")
                .arg(arg(0));
    if (code == u"training-sessions-used")
        return tr("All %1 training sessions of this year are used.").arg(arg(0));
    if (code == u"tenure-too-short")
        return tr("Architecture optimization needs %n year(s) on this edition; it is available "
                  "from %1.", nullptr, arg(0).toInt())
                .arg(arg(1));
    // The server's own refusals (docs/api.md), worded here so the client shows them in the
    // language it runs in.
    if (code == u"unknown-ticket")
        return tr("The server has no ticket %1.").arg(arg(0));
    if (code == u"unknown-customer")
        return tr("The server has no customer %1.").arg(arg(0));
    if (code == u"unknown-agent")
        return tr("The server has no agent %1.").arg(arg(0));
    if (code == u"invalid-status")
        return tr("The status cannot change from %1 to %2.").arg(arg(0), arg(1));
    if (code == u"forbidden")
        return tr("Your role may not do this.");
    if (code == u"invalid-op")
        return tr("The server could not read this edit: %1").arg(arg(0));
    if (code == u"ticket-exists")
        return tr("A ticket with this id exists already.");
    return tr("Refused by the plan rules (%1).").arg(code);
}

QTimeZone PlanRules::zoneOr(const QTimeZone &zone) const
{
    if (zone.isValid())
        return zone;
    const QTimeZone planZone(m_plan.quotaTimeZone().toUtf8());
    return planZone.isValid() ? planZone : QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

QDateTime PlanRules::deadline(QStringView editionId, QStringView severityId,
                              const QDateTime &createdAt) const
{
    return ResponseClock::deadline(m_plan, editionId, severityId, createdAt);
}

RuleCheck PlanRules::checkChannel(QStringView editionId, QStringView channelId) const
{
    const Edition *edition = m_plan.edition(editionId);
    if (!edition)
        return RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
    if (!m_plan.channel(channelId))
        return RuleCheck::fail(QStringLiteral("unknown-channel"), {channelId.toString()});
    if (edition->channels.contains(channelId.toString()))
        return RuleCheck::ok();
    QStringList args{channelId.toString(), edition->id};
    for (const Edition &e : m_plan.editions()) {
        if (e.channels.contains(channelId.toString()))
            args.append(e.id);
    }
    return RuleCheck::fail(QStringLiteral("channel-not-entitled"), args);
}

RuleCheck PlanRules::checkSubClient(const QString &subClientAccount) const
{
    if (m_plan.subClientRequired() && subClientAccount.trimmed().isEmpty())
        return RuleCheck::fail(QStringLiteral("sub-client-required"));
    return RuleCheck::ok();
}

MonthWindow PlanRules::quotaMonth(const QDateTime &at, const QTimeZone &zone) const
{
    const QTimeZone tz = zoneOr(zone);
    const QDate local = at.toTimeZone(tz).date();
    const QDate first(local.year(), local.month(), 1);
    return {QDateTime(first, QTime(0, 0), tz).toUTC(),
            QDateTime(first.addMonths(1), QTime(0, 0), tz).toUTC()};
}

QuotaUse PlanRules::quotaUse(QStringView editionId, const QList<QDateTime> &createdAts,
                             const QDateTime &at, const QTimeZone &zone) const
{
    QuotaUse use;
    if (const Edition *e = m_plan.edition(editionId))
        use.limit = e->monthlyQuota;
    const MonthWindow month = quotaMonth(at, zone);
    use.used = int(std::count_if(createdAts.begin(), createdAts.end(),
                                 [&month](const QDateTime &t) { return month.contains(t); }));
    return use;
}

RuleCheck PlanRules::checkQuota(const QuotaUse &use, const QString &overrideReason) const
{
    if (!use.overQuota() || !overrideReason.trimmed().isEmpty())
        return RuleCheck::ok();
    return RuleCheck::fail(QStringLiteral("quota-exceeded"),
                           {QString::number(use.used), QString::number(*use.limit)});
}

ScopeCheck PlanRules::checkSoftware(const QString &softwareId, const QString &version) const
{
    ScopeCheck result;
    const QString wanted = softwareId.trimmed();
    const auto named = [&wanted](const QString &id, const LocalizedText &names) {
        return id.compare(wanted, Qt::CaseInsensitive) == 0
                || names.en.compare(wanted, Qt::CaseInsensitive) == 0
                || names.zh.compare(wanted, Qt::CaseInsensitive) == 0;
    };
    for (const ThirdPartySoftware &s : m_plan.thirdPartySoftware()) {
        if (named(s.id, s.names)) {
            result.software = &s;
            if (s.products.size() == 1)
                result.product = &s.products.first();
            break;
        }
        for (const SoftwareProduct &p : s.products) {
            if (named(p.id, p.names)) {
                result.software = &s;
                result.product = &p;
                break;
            }
        }
        if (result.software)
            break;
    }
    if (!result.software) {
        result.check = RuleCheck::fail(QStringLiteral("software-unknown"), {wanted});
        return result;
    }
    if (!result.product) {
        QStringList products;
        for (const SoftwareProduct &p : result.software->products)
            products.append(p.names.en);
        result.check = RuleCheck::fail(QStringLiteral("software-product-required"),
                                       {result.software->id, products.join(QStringLiteral(", "))});
        return result;
    }
    const SoftwareProduct &product = *result.product;
    if (product.versions.isEmpty())
        return result; // the native tool of the provider's images, any version
    QStringList specs;
    for (const VersionSpec &spec : product.versions)
        specs.append(spec.text());
    const Version v = Version::parse(version);
    if (v.isEmpty()) {
        result.check = RuleCheck::fail(QStringLiteral("version-required"),
                                       {product.id, specs.join(QStringLiteral(", "))});
        return result;
    }
    for (const VersionSpec &spec : product.versions) {
        if (spec.matches(v)) {
            result.matchedSpec = spec.text();
            return result;
        }
    }
    result.check = RuleCheck::fail(QStringLiteral("version-out-of-scope"),
                                   {product.id, version.trimmed(), specs.join(QStringLiteral(", "))});
    return result;
}

RuleCheck PlanRules::checkRequestKind(QStringView requestKindId) const
{
    if (m_plan.outOfScopeItem(requestKindId))
        return RuleCheck::fail(QStringLiteral("request-out-of-scope"), {requestKindId.toString()});
    return RuleCheck::ok();
}

RuleCheck PlanRules::reclassify(QStringView editionId, const QDateTime &createdAt,
                                const QString &fromSeverity, const QString &toSeverity,
                                const QString &reason, const QDateTime &at, const QString &by,
                                SeverityChange *change) const
{
    if (!m_plan.edition(editionId))
        return RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
    if (!m_plan.severity(toSeverity))
        return RuleCheck::fail(QStringLiteral("unknown-severity"), {toSeverity});
    if (fromSeverity == toSeverity)
        return RuleCheck::fail(QStringLiteral("same-severity"), {toSeverity});
    if (reason.trimmed().isEmpty())
        return RuleCheck::fail(QStringLiteral("reason-required"));
    if (change) {
        change->fromSeverity = fromSeverity;
        change->toSeverity = toSeverity;
        change->reason = reason.trimmed();
        change->changedBy = by;
        change->changedAt = at.toUTC();
        change->oldDeadline = deadline(editionId, fromSeverity, createdAt);
        change->newDeadline = deadline(editionId, toSeverity, createdAt);
    }
    return RuleCheck::ok();
}

RuleCheck PlanRules::checkIem(QStringView editionId, const IemRequest &request,
                              const QHash<int, int> &daysUsedByYear,
                              const BusinessCalendar &calendar) const
{
    const Edition *edition = m_plan.edition(editionId);
    if (!edition)
        return RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
    const EntitlementGrant *iem = edition->entitlement(u"iem");
    if (!iem)
        return RuleCheck::fail(QStringLiteral("not-entitled"), {edition->id});
    if (!request.firstDay.isValid() || !request.askedOn.isValid()
        || request.lastDay < request.firstDay)
        return RuleCheck::fail(QStringLiteral("invalid-period"));

    const int notice = iem->noticeBusinessDays.value_or(0);
    if (notice > 0) {
        const QDate earliest = calendar.addBusinessDays(request.askedOn, notice);
        if (!earliest.isValid())
            return RuleCheck::fail(QStringLiteral("calendar-not-covered"),
                                   {QString::number(request.askedOn.year() + 1)});
        if (request.firstDay < earliest)
            return RuleCheck::fail(QStringLiteral("iem-notice-too-short"),
                                   {QString::number(notice), earliest.toString(Qt::ISODate)});
    }
    if (iem->naturalDaysPerYear) {
        QHash<int, int> requested;
        for (QDate d = request.firstDay; d <= request.lastDay; d = d.addDays(1))
            ++requested[d.year()];
        for (auto it = requested.cbegin(); it != requested.cend(); ++it) {
            const int used = daysUsedByYear.value(it.key());
            if (used + it.value() > *iem->naturalDaysPerYear)
                return RuleCheck::fail(QStringLiteral("iem-days-exceeded"),
                                       {QString::number(*iem->naturalDaysPerYear),
                                        QString::number(it.key()), QString::number(used),
                                        QString::number(it.value())});
        }
    }
    return RuleCheck::ok();
}

RuleCheck PlanRules::checkTraining(QStringView editionId, int sessionsUsedThisYear) const
{
    const Edition *edition = m_plan.edition(editionId);
    if (!edition)
        return RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
    const EntitlementGrant *training = edition->entitlement(u"training");
    if (!training)
        return RuleCheck::fail(QStringLiteral("not-entitled"), {edition->id});
    if (training->sessionsPerYear && sessionsUsedThisYear >= *training->sessionsPerYear)
        return RuleCheck::fail(QStringLiteral("training-sessions-used"),
                               {QString::number(*training->sessionsPerYear)});
    return RuleCheck::ok();
}

RuleCheck PlanRules::checkArchitectureOptimization(QStringView editionId,
                                                   const QDate &editionSince,
                                                   const QDate &on) const
{
    const Edition *edition = m_plan.edition(editionId);
    if (!edition)
        return RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
    const EntitlementGrant *grant = edition->entitlement(u"architecture-optimization");
    if (!grant)
        return RuleCheck::fail(QStringLiteral("not-entitled"), {edition->id});
    const int years = grant->minTenureYears.value_or(0);
    const QDate from = editionSince.addYears(years);
    if (!editionSince.isValid() || on < from)
        return RuleCheck::fail(QStringLiteral("tenure-too-short"),
                               {QString::number(years), from.toString(Qt::ISODate)});
    return RuleCheck::ok();
}

} // namespace SupportDesk
