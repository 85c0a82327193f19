// Plan rules over a catalog; every refusal carries a stable code (docs/rules.md).
#include "planrules.h"
#include "macro.h"
#include "merge.h"

#include "recordnames.h"

#include "responseclock.h"

namespace SupportDesk {

namespace {

// Sentences name an edition; its code ("STD", "S1") belongs in badges only.
QString editionName(const PlanCatalog *plan, const QString &id, Language language)
{
    const Edition *e = plan ? plan->edition(id) : nullptr;
    return e ? e->names.text(language) : id;
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

// Version specs travel joined with ", " (the args of a code); shown in the reader's language.
QString joinSpecs(const QString &specs, Language language)
{
    return joinNames(specs.split(QStringLiteral(", "), Qt::SkipEmptyParts), language);
}

} // namespace

QString RuleCheck::message(const PlanCatalog *plan, Language language) const
{
    const auto arg = [this](int i) { return i < args.size() ? args.at(i) : QString(); };
    if (code.isEmpty()) {
        const QString note = provisionalNote(provisionalYears);
        return note.isEmpty() ? tr("Allowed.") : tr("Allowed.") + QLatin1Char(' ') + note;
    }
    if (const QString merge = MergeWording::message(code, args); !merge.isEmpty())
        return merge; // merge and link (core/merge.cpp)
    if (const QString macro = MacroWording::message(code, args); !macro.isEmpty())
        return macro; // a macro applied to many tickets (core/macro.cpp)
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
        //: %1 a channel, %2 the customer's edition, %3 the editions that have the channel
        return tr("%1 is not included in %2; it comes with %3.")
                .arg(channelName(plan, arg(0), language), editionName(plan, arg(1), language),
                     joinNames(editions, language));
    }
    if (code == u"sub-client-required")
        return tr("A partner's ticket must name the sub-client account it is for.");
    // The fact alone: the console, an IM group's bot and a refused offline edit cannot give a
    // reason; the forms that can ask for one (quotaReasonAsked).
    if (code == u"quota-exceeded")
        return tr("Over this month's ticket quota (%1 of %2).").arg(arg(0), arg(1));
    if (code == u"reason-required")
        return tr("A reason is required.");
    if (code == u"same-severity")
        return tr("The ticket already has the severity %1.")
                .arg(severityName(plan, arg(0), language));
    // The software codes state the fact; the caller says "out of scope" once, where it shows
    // the message (the dialog, the intake form, the ticket pane).
    if (code == u"software-unknown")
        return tr("%1 is not in the plan's software catalog.").arg(arg(0));
    if (code == u"software-product-required")
        return tr("Say which product of %1 it is: %2.")
                .arg(softwareName(plan, arg(0), language), joinSpecs(arg(1), language));
    if (code == u"version-required")
        return tr("Give the version of %1; the plan covers %2.")
                .arg(softwareName(plan, arg(0), language), joinSpecs(arg(1), language));
    if (code == u"version-out-of-scope")
        //: %1 a software, %2 the version given, %3 the versions the plan covers
        return tr("%1 %2 is not covered; the plan covers %3.")
                .arg(softwareName(plan, arg(0), language), arg(1), joinSpecs(arg(2), language));
    if (code == u"request-out-of-scope") {
        const OutOfScopeItem *item = plan ? plan->outOfScopeItem(arg(0)) : nullptr;
        return tr("Out of scope for this plan: %1.")
                .arg(item ? item->names.text(language) : arg(0));
    }
    if (code == u"not-entitled") {
        // arg 1, when given: the entitlement, named as the catalog names it.
        const EntitlementKind *kind = plan && args.size() > 1 ? plan->entitlementKind(arg(1))
                                                              : nullptr;
        if (kind)
            //: %1 an edition, %2 an entitlement of the plan, e.g. "Service reports"
            return tr("%1 does not include %2.")
                    .arg(editionName(plan, arg(0), language), kind->names.text(language));
        return tr("%1 does not include this service.").arg(editionName(plan, arg(0), language));
    }
    if (code == u"iem-notice-too-short") {
        // arg 2: the provisional years the count crossed, so the reader of a code sent by the
        // server still learns that the date rests on them.
        QList<int> years = provisionalYears;
        for (const QString &y : arg(2).split(u',', Qt::SkipEmptyParts)) {
            if (!years.contains(y.toInt()))
                years.append(y.toInt());
        }
        const QString note = provisionalNote(years);
        return tr("Infrastructure Event Management must be asked %1 business days ahead: "
                  "the earliest start for this request is %2.")
                       .arg(arg(0), arg(1))
                + (note.isEmpty() ? QString() : QLatin1Char(' ') + note);
    }
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
    if (code == u"not-an-assignee")
        //: %1 an account that is not a person (the customer portal) or the desk's admin
        return tr("%1 does not take tickets: give the ticket to an agent or a lead.")
                .arg(arg(0));
    if (code == u"invalid-status")
        // The statuses by their names in the desk's language, never their ids ("waiting-on-
        // customer" read in the middle of a Chinese sentence).
        return tr("The status cannot change from %1 to %2.")
                .arg(statusName(arg(0)), statusName(arg(1)));
    if (code == u"forbidden")
        return tr("Your role may not do this.");
    // invalid-op's argument is the server's English detail for logs ("payload.tag: …"): put
    // into the sentence it would be English in the middle of Chinese, so the sentence is whole
    // without it.
    if (code == u"invalid-op")
        return tr("The server could not read this edit; it was not applied.");
    if (code == u"too-many-tags")
        return tr("A ticket holds at most %1 tags: remove one before adding another.")
                .arg(arg(0));
    if (code == u"too-many-links")
        return tr("#%1 has %2 links already, the most a ticket holds: unlink one first.")
                .arg(arg(0), arg(1));
    if (code == u"not-over-quota")
        return tr("#%1 is within this month's quota: there is no override to give.").arg(arg(0));
    if (code == u"service-use-cancelled")
        return tr("This record was cancelled already.");
    if (code == u"ticket-exists")
        return tr("A ticket with this id exists already.");
    // A code this desk does not know (a newer server): said whole in the desk's language; the
    // code stays in the outbox's record for whoever looks into it.
    return tr("The server refused this edit by a rule this version of the desk does not know.");
}

QString RuleCheck::quotaReasonAsked(const QStringList &args)
{
    return tr("Over this month's ticket quota (%1 of %2): give a reason to take it anyway.")
            .arg(args.value(0), args.value(1));
}

QString RuleCheck::provisionalNote(const QList<int> &years)
{
    if (years.isEmpty())
        return QString();
    QList<int> sorted = years;
    std::sort(sorted.begin(), sorted.end());
    QStringList list;
    for (const int y : std::as_const(sorted))
        list.append(QString::number(y));
    //: %1 one or more years, e.g. "2027"; the holiday schedule of those years is an estimate
    return tr("It counts on the %1 holiday dates, which are provisional until the official "
              "schedule is loaded.")
            .arg(list.join(tr(", ")));
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
    const Channel *channel = m_plan.channel(channelId);
    if (!channel)
        return RuleCheck::fail(QStringLiteral("unknown-channel"), {channelId.toString()});
    // E-mail is a way to file a ticket: entitled wherever `ticket` is (the catalog says so).
    if (!channel->entitledAs.isEmpty())
        return checkChannel(editionId, channel->entitledAs);
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

RuleCheck PlanRules::checkQuotaOverride(AgentRole by, const QString &reason)
{
    if (!overridesQuota(by))
        return RuleCheck::fail(QStringLiteral("forbidden"));
    if (reason.trimmed().isEmpty())
        return RuleCheck::fail(QStringLiteral("reason-required"));
    return RuleCheck::ok();
}

RuleCheck PlanRules::checkQuota(const QuotaUse &use, const QString &overrideReason,
                                AgentRole by) const
{
    // Refused as the quota, whichever half failed: the portal's customer and the agent who
    // left the reason blank both need to hear that the month's tickets are used up.
    if (!use.overQuota() || checkQuotaOverride(by, overrideReason).allowed())
        return RuleCheck::ok();
    return RuleCheck::fail(QStringLiteral("quota-exceeded"),
                           {QString::number(use.used), QString::number(*use.limit)});
}

ScopeCheck PlanRules::checkSoftware(const QString &softwareId, const QString &version) const
{
    ScopeCheck result;
    const SoftwareRef ref = m_plan.findSoftware(softwareId, version);
    result.software = ref.software;
    result.product = ref.product;
    result.version = ref.version.trimmed();
    if (!result.software) {
        result.name = softwareId.trimmed();
        result.check = RuleCheck::fail(QStringLiteral("software-unknown"), {result.name});
        return result;
    }
    result.name = ref.canonicalName();
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
    const Version v = Version::parse(result.version);
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
                                   {product.id, result.version, specs.join(QStringLiteral(", "))});
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
                                SeverityChange *change, QDateTime *newDeadline) const
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
    }
    if (newDeadline)
        *newDeadline = deadline(editionId, toSeverity, createdAt);
    return RuleCheck::ok();
}

IemNotice PlanRules::iemNotice(QStringView editionId, const QDate &askedOn,
                               const BusinessCalendar &calendar) const
{
    IemNotice answer;
    const Edition *edition = m_plan.edition(editionId);
    if (!edition) {
        answer.check = RuleCheck::fail(QStringLiteral("unknown-edition"), {editionId.toString()});
        return answer;
    }
    const EntitlementGrant *iem = edition->entitlement(u"iem");
    if (!iem) {
        answer.check = RuleCheck::fail(QStringLiteral("not-entitled"), {edition->id});
        return answer;
    }
    if (!askedOn.isValid()) {
        answer.check = RuleCheck::fail(QStringLiteral("invalid-period"));
        return answer;
    }
    answer.businessDays = iem->noticeBusinessDays.value_or(0);
    answer.earliest = calendar.addBusinessDays(askedOn, answer.businessDays);
    if (!answer.earliest.isValid()) {
        answer.check = RuleCheck::fail(QStringLiteral("calendar-not-covered"),
                                       {QString::number(askedOn.year() + 1)});
        return answer;
    }
    // The days counted are those after the request up to the earliest day.
    if (answer.earliest > askedOn)
        answer.provisionalYears
                = calendar.provisionalYearsBetween(askedOn.addDays(1), answer.earliest);
    answer.check.provisionalYears = answer.provisionalYears;
    return answer;
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

    QList<int> provisional;
    if (iem->noticeBusinessDays.value_or(0) > 0) {
        const IemNotice notice = iemNotice(editionId, request.askedOn, calendar);
        if (!notice.check.allowed())
            return notice.check;
        provisional = notice.provisionalYears;
        if (request.firstDay < notice.earliest) {
            QStringList years;
            for (const int y : provisional)
                years.append(QString::number(y));
            RuleCheck refused = RuleCheck::fail(
                    QStringLiteral("iem-notice-too-short"),
                    {QString::number(notice.businessDays),
                     notice.earliest.toString(Qt::ISODate), years.join(u',')});
            refused.provisionalYears = provisional;
            return refused;
        }
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
    RuleCheck allowed;
    allowed.provisionalYears = provisional;
    return allowed;
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

RuleCheck checkServiceReports(const CatalogSet &catalogs, QStringView planId,
                              QStringView editionId)
{
    const PlanCatalog *plan = catalogs.plan(planId);
    const Edition *edition = plan ? plan->edition(editionId) : nullptr;
    if (!edition)
        return RuleCheck::fail(QStringLiteral("unknown-edition"), { editionId.toString() });
    if (!edition->entitlement(ServiceReportsEntitlement))
        return RuleCheck::fail(QStringLiteral("not-entitled"),
                               { edition->id, ServiceReportsEntitlement });
    return RuleCheck::ok();
}

} // namespace SupportDesk
