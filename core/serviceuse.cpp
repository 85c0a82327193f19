// IEM days and training sessions: the record, its op codec and the plan's rules (see
// serviceuse.h, docs/service-use.md).
#include "serviceuse.h"

#include "businesscalendar.h"
#include "plancatalog.h"
#include "recordfields.h"
#include "ticketedit.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace SupportDesk {

namespace {

namespace Key {
const QString CustomerId = QStringLiteral("customer_id");
const QString Kind = QStringLiteral("kind");
const QString FirstDay = QStringLiteral("first_day");
const QString LastDay = QStringLiteral("last_day");
const QString AskedOn = QStringLiteral("asked_on");
const QString Note = QStringLiteral("note");
const QString OverrideReason = QStringLiteral("override_reason");
const QString Reason = QStringLiteral("reason");
} // namespace Key

QString dayText(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

// Exactly YYYY-MM-DD: Qt's ISO reader takes more than the contract's `format: date` does.
QDate parseDay(const QString &text, bool *ok)
{
    static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    const QDate d = shape.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    *ok = d.isValid() && d.year() >= 2000;
    return d;
}

// The days of `use` in `year`: an engagement over New Year counts in each year its days are.
int daysIn(const ServiceUse &use, int year)
{
    if (!use.firstDay.isValid() || !use.lastDay.isValid() || use.lastDay < use.firstDay)
        return 0;
    const QDate from = std::max(use.firstDay, QDate(year, 1, 1));
    const QDate to = std::min(use.lastDay, QDate(year, 12, 31));
    return from <= to ? int(from.daysTo(to)) + 1 : 0;
}

int usedIn(const ServiceUse &use, int year)
{
    if (use.cancelled)
        return 0;
    if (use.kind == ServiceKind::Training)
        return use.firstDay.year() == year ? 1 : 0;
    return daysIn(use, year);
}

} // namespace

bool operator==(const ServiceUse &a, const ServiceUse &b)
{
    return a.id == b.id && a.customerId == b.customerId && a.kind == b.kind
        && a.firstDay == b.firstDay && a.lastDay == b.lastDay && a.askedOn == b.askedOn
        && a.note == b.note && a.overrideReason == b.overrideReason
        && a.shortNotice == b.shortNotice && a.cancelled == b.cancelled
        && a.cancelReason == b.cancelReason && a.version == b.version
        && a.recordedBy == b.recordedBy && a.recordedAt == b.recordedAt && a.seq == b.seq;
}

bool recordsServiceUse(AgentRole role)
{
    return role == AgentRole::Lead || role == AgentRole::Admin;
}

bool ServiceUseOp::isServiceUseOp(QStringView type)
{
    return type == Record || type == Cancel;
}

Operation makeServiceUseOperation(const QString &opId, const ServiceUse &use, bool cancel,
                                  const QDateTime &madeAt)
{
    Operation op;
    op.opId = opId;
    op.type = cancel ? ServiceUseOp::Cancel : ServiceUseOp::Record;
    op.ticketId = use.id;
    op.baseVersion = use.version;
    op.madeAt = madeAt;
    if (cancel) {
        op.payload = { { Key::Reason, use.cancelReason } };
        return op;
    }
    QJsonObject p { { Key::CustomerId, use.customerId },
                    { Key::Kind, use.kind },
                    { Key::FirstDay, dayText(use.firstDay) } };
    const auto put = [&p](const QString &key, const QString &value) {
        if (!value.isEmpty())
            p.insert(key, value);
    };
    if (use.kind == ServiceKind::Iem) {
        put(Key::LastDay, dayText(use.lastDay));
        put(Key::AskedOn, dayText(use.askedOn));
    }
    put(Key::Note, use.note);
    put(Key::OverrideReason, use.overrideReason);
    op.payload = p;
    return op;
}

std::optional<ServiceUse> serviceUseFromOperation(const Operation &op, QString *problem)
{
    const auto fail = [problem](const QString &text) {
        *problem = text;
        return std::nullopt;
    };
    if (!ServiceUseOp::isServiceUseOp(op.type))
        return fail(QStringLiteral("type: not a service-use op"));
    const QStringList known = op.type == ServiceUseOp::Cancel
        ? QStringList { Key::Reason }
        : QStringList { Key::CustomerId, Key::Kind, Key::FirstDay,      Key::LastDay,
                        Key::AskedOn,    Key::Note, Key::OverrideReason };
    for (auto it = op.payload.begin(); it != op.payload.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(QStringLiteral("payload.%1: unknown field").arg(it.key()));
        if (!it.value().isString())
            return fail(QStringLiteral("payload.%1: must be a string").arg(it.key()));
    }
    const auto s = [&op](const QString &key) { return op.payload.value(key).toString(); };
    ServiceUse u;
    u.id = op.ticketId;
    u.version = op.baseVersion;
    if (op.type == ServiceUseOp::Cancel) {
        u.cancelled = true;
        u.cancelReason = s(Key::Reason).trimmed();
        if (u.cancelReason.isEmpty())
            return fail(QStringLiteral("payload.reason: must not be empty"));
        if (const QString p
            = lengthProblem(Key::Reason, u.cancelReason, ServiceUseLimits::MaxReason);
            !p.isEmpty())
            return fail(QStringLiteral("payload.") + p);
        return u;
    }
    u.customerId = s(Key::CustomerId);
    if (u.customerId.isEmpty())
        return fail(QStringLiteral("payload.customer_id: must not be empty"));
    if (const QString p = checkId(u.customerId); !p.isEmpty())
        return fail(QStringLiteral("payload.customer_id: %1").arg(p));
    u.kind = s(Key::Kind);
    if (u.kind != ServiceKind::Iem && u.kind != ServiceKind::Training)
        return fail(QStringLiteral("payload.kind: must be iem or training"));
    bool ok = false;
    u.firstDay = parseDay(s(Key::FirstDay), &ok);
    if (!ok)
        return fail(QStringLiteral("payload.first_day: must be a date (YYYY-MM-DD)"));
    if (u.kind == ServiceKind::Iem) {
        u.lastDay = parseDay(s(Key::LastDay), &ok);
        if (!ok)
            return fail(QStringLiteral("payload.last_day: must be a date (YYYY-MM-DD)"));
        if (u.lastDay < u.firstDay)
            return fail(QStringLiteral("payload.last_day: must not be before first_day"));
        if (u.days() > ServiceUseLimits::MaxIemDays)
            return fail(QStringLiteral("payload.last_day: at most %1 days after first_day")
                            .arg(ServiceUseLimits::MaxIemDays - 1));
        u.askedOn = parseDay(s(Key::AskedOn), &ok);
        if (!ok)
            return fail(QStringLiteral("payload.asked_on: must be a date (YYYY-MM-DD)"));
    } else {
        if (op.payload.contains(Key::LastDay) || op.payload.contains(Key::AskedOn))
            return fail(QStringLiteral("payload.%1: a training session is one day")
                            .arg(op.payload.contains(Key::LastDay) ? Key::LastDay : Key::AskedOn));
        u.lastDay = u.firstDay;
    }
    u.note = s(Key::Note).trimmed();
    if (u.note.isEmpty())
        return fail(QStringLiteral("payload.note: must not be empty"));
    u.overrideReason = s(Key::OverrideReason).trimmed();
    for (const QString &p :
         { lengthProblem(Key::Note, u.note, ServiceUseLimits::MaxNote),
           lengthProblem(Key::OverrideReason, u.overrideReason, ServiceUseLimits::MaxReason) }) {
        if (!p.isEmpty())
            return fail(QStringLiteral("payload.") + p);
    }
    return u;
}

int serviceYear(const QDateTime &at, const QTimeZone &customerZone)
{
    return (customerZone.isValid() ? at.toTimeZone(customerZone) : at.toUTC()).date().year();
}

QTimeZone serviceZone(const PlanCatalog &plan, const Customer &customer)
{
    const QTimeZone own(customer.timeZone.toUtf8());
    return customer.timeZone.isEmpty() || !own.isValid() ? QTimeZone(plan.quotaTimeZone().toUtf8())
                                                         : own;
}

ServiceAllowance serviceAllowance(const PlanCatalog &plan, QStringView editionId,
                                  const QString &kind, const QString &customerId,
                                  const QVector<ServiceUse> &records, int year)
{
    ServiceAllowance a;
    const Edition *edition = plan.edition(editionId);
    const EntitlementGrant *grant = edition ? edition->entitlement(kind) : nullptr;
    a.entitled = grant != nullptr;
    if (grant)
        a.allowed = kind == ServiceKind::Iem ? grant->naturalDaysPerYear : grant->sessionsPerYear;
    for (const ServiceUse &u : records) {
        if (u.customerId == customerId && u.kind == kind)
            a.used += usedIn(u, year);
    }
    return a;
}

ServiceUseCheck checkServiceUse(const PlanCatalog &plan, QStringView editionId,
                                const ServiceUse &use, const QVector<ServiceUse> &records,
                                const BusinessCalendar &calendar)
{
    ServiceUseCheck answer;
    const Edition *edition = plan.edition(editionId);
    if (!edition) {
        answer.check = RuleCheck::fail(QStringLiteral("unknown-edition"), { editionId.toString() });
        return answer;
    }
    if (!edition->entitlement(use.kind)) {
        answer.check = RuleCheck::fail(QStringLiteral("not-entitled"), { edition->id });
        return answer;
    }
    if (!use.firstDay.isValid() || !use.lastDay.isValid() || use.lastDay < use.firstDay) {
        answer.check = RuleCheck::fail(QStringLiteral("invalid-period"));
        return answer;
    }
    if (use.cancelled) // cancelling never exceeds anything
        return answer;
    // The others: a correction replaces the record it corrects.
    QVector<ServiceUse> others;
    for (const ServiceUse &u : records) {
        if (u.id != use.id && u.customerId == use.customerId && u.kind == use.kind)
            others.append(u);
    }
    const PlanRules rules(plan);
    if (use.kind == ServiceKind::Iem) {
        // The seed recommends the notice ("建议至少提前 10 个工作日"): a warning, kept on the
        // record.
        const IemNotice notice = rules.iemNotice(editionId, use.askedOn, calendar);
        if (notice.check.allowed() && use.firstDay < notice.earliest) {
            answer.shortNotice = true;
            answer.notice = RuleCheck::fail(
                QStringLiteral("iem-notice-too-short"),
                { QString::number(notice.businessDays), dayText(notice.earliest) });
            answer.notice.provisionalYears = notice.provisionalYears;
        }
        const std::optional<int> limit = edition->entitlement(use.kind)->naturalDaysPerYear;
        for (int year = use.firstDay.year(); limit && year <= use.lastDay.year(); ++year) {
            int used = 0;
            for (const ServiceUse &u : others)
                used += usedIn(u, year);
            const int asked = daysIn(use, year);
            if (used + asked > *limit) {
                answer.check = RuleCheck::fail(QStringLiteral("iem-days-exceeded"),
                                               { QString::number(*limit), QString::number(year),
                                                 QString::number(used), QString::number(asked) });
                break;
            }
        }
    } else {
        const std::optional<int> limit = edition->entitlement(use.kind)->sessionsPerYear;
        int used = 0;
        for (const ServiceUse &u : others)
            used += usedIn(u, use.firstDay.year());
        if (limit && used >= *limit)
            answer.check = RuleCheck::fail(QStringLiteral("training-sessions-used"),
                                           { QString::number(*limit) });
    }
    if (!answer.check.allowed() && !use.overrideReason.isEmpty()) {
        answer.check = RuleCheck::ok();
        answer.overridden = true;
    }
    return answer;
}

namespace Json {

QJsonObject toJson(const ServiceUse &u)
{
    return QJsonObject { { QStringLiteral("id"), u.id },
                         { QStringLiteral("customer_id"), u.customerId },
                         { QStringLiteral("kind"), u.kind },
                         { QStringLiteral("first_day"), dayText(u.firstDay) },
                         { QStringLiteral("last_day"), dayText(u.lastDay) },
                         { QStringLiteral("asked_on"), dayText(u.askedOn) },
                         { QStringLiteral("note"), u.note },
                         { QStringLiteral("override_reason"), u.overrideReason },
                         { QStringLiteral("short_notice"), u.shortNotice },
                         { QStringLiteral("cancelled"), u.cancelled },
                         { QStringLiteral("cancel_reason"), u.cancelReason },
                         { QStringLiteral("version"), u.version },
                         { QStringLiteral("recorded_by"), u.recordedBy },
                         { QStringLiteral("recorded_at"), timestamp(u.recordedAt) },
                         { QStringLiteral("seq"), u.seq } };
}

bool fromJson(const QJsonObject &o, ServiceUse *u, QStringList *errors, const QString &path)
{
    RecordFields f(o, errors, path);
    u->id = f.string("id", true);
    if (u->id.isEmpty())
        f.fail("id", QStringLiteral("must not be empty"));
    u->customerId = f.string("customer_id", true);
    u->kind = f.string("kind", true);
    // A kind a newer server added is kept and counted as neither (docs/api.md,
    // "Compatibility"); the op that records one here is refused (serviceUseFromOperation).
    if (u->kind.isEmpty())
        f.fail("kind", QStringLiteral("must be iem or training"));
    const auto day = [&f](const char *key, bool required) {
        const QString text = f.string(key, required);
        bool ok = false;
        const QDate d = parseDay(text, &ok);
        if (!ok && (required || !text.isEmpty()))
            f.fail(key, QStringLiteral("must be a date (YYYY-MM-DD)"));
        return d;
    };
    u->firstDay = day("first_day", true);
    u->lastDay = day("last_day", true);
    u->askedOn = day("asked_on", false);
    u->note = f.string("note");
    u->overrideReason = f.string("override_reason");
    u->shortNotice = f.boolean("short_notice");
    u->cancelled = f.boolean("cancelled");
    u->cancelReason = f.string("cancel_reason");
    u->version = f.integer("version");
    u->recordedBy = f.string("recorded_by");
    u->recordedAt = parseTimestamp(f.string("recorded_at"));
    u->seq = f.integer("seq");
    return f.ok();
}

} // namespace Json

} // namespace SupportDesk
