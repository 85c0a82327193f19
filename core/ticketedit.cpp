// What each client edit does to a ticket, defined once (see ticketedit.h).
#include "ticketedit.h"

#include "merge.h"
#include "plancatalog.h"
#include "tag.h"
#include "ticketlink.h"

#include <QTimeZone>

#include <array>

namespace SupportDesk {

namespace {

struct TypeName
{
    OpType type;
    const char16_t *name;
};

constexpr std::array<TypeName, 14> typeNames { {
        { OpType::CreateTicket, u"create-ticket" },
        { OpType::Accept, u"accept" },
        { OpType::Reply, u"reply" },
        { OpType::Note, u"note" },
        { OpType::Assign, u"assign" },
        { OpType::SetStatus, u"set-status" },
        { OpType::Reclassify, u"reclassify" },
        { OpType::SetSoftware, u"set-software" },
        { OpType::QuotaOverride, u"quota-override" },
        { OpType::AddTag, u"add-tag" },
        { OpType::RemoveTag, u"remove-tag" },
        { OpType::Merge, u"merge" },
        { OpType::Link, u"link" },
        { OpType::Unlink, u"unlink" },
} };

// The problem of one string field, or empty: NUL anywhere, or an id longer than an index takes.
QString textProblem(QStringView value, bool isId)
{
    if (value.contains(QChar(u'\0')))
        return QStringLiteral("must not contain NUL");
    if (isId && characterCount(value) > OpLimits::MaxIdLength)
        return QStringLiteral("must be at most %1 characters").arg(OpLimits::MaxIdLength);
    return {};
}

void note(QString *problem, const QString &text)
{
    if (problem->isEmpty()) // the first one only: the answer names one field to fix
        *problem = text;
}

// Reads a payload string; a problem is noted in `problem` with the field's path.
QString text(const QJsonObject &payload, const QString &key, QString *problem, bool isId = false)
{
    const QJsonValue v = payload.value(key);
    if (v.isUndefined())
        return {};
    if (!v.isString()) {
        note(problem, QStringLiteral("payload.%1: must be a string").arg(key));
        return {};
    }
    const QString s = v.toString();
    if (const QString p = textProblem(s, isId); !p.isEmpty())
        note(problem, QStringLiteral("payload.%1: %2").arg(key, p));
    return s;
}

// Every value of a payload, read or not, is a string without NUL (the payload is stored whole
// in the audit trail, and the contract says so).
void checkPayload(const QJsonObject &payload, QString *problem)
{
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        if (it.key().contains(QChar(u'\0'))
            || characterCount(it.key()) > OpLimits::MaxIdLength) {
            note(problem, QStringLiteral("payload: a key must be a short name without NUL"));
            return;
        }
        text(payload, it.key(), problem);
    }
}

void put(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

} // namespace

Message systemEvent(const Ticket &t, const EditContext &c, const QString &body,
                    const QString &event, const QStringList &args)
{
    Message m;
    m.ticketId = t.id;
    m.kind = MessageKind::System;
    m.authorId = c.actor.id;
    m.body = body;
    m.event = event;
    m.args = args;
    m.createdAt = c.at;
    return m;
}

QString opTypeName(OpType type)
{
    for (const TypeName &n : typeNames) {
        if (n.type == type)
            return QString::fromUtf16(n.name);
    }
    return {};
}

std::optional<OpType> opTypeFromName(QStringView name)
{
    for (const TypeName &n : typeNames) {
        if (name == QStringView(n.name))
            return n.type;
    }
    return std::nullopt;
}

qsizetype characterCount(QStringView text)
{
    qsizetype n = text.size();
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && text.at(i + 1).isLowSurrogate()) {
            --n; // a pair is one character
            ++i;
        }
    }
    return n;
}

QString lengthProblem(const QString &field, QStringView value, qsizetype max)
{
    if (value.contains(QChar(u'\0')))
        return QStringLiteral("%1: must not contain NUL").arg(field);
    if (characterCount(value) > max)
        return QStringLiteral("%1: must be at most %2 characters").arg(field).arg(max);
    return {};
}

QString checkId(QStringView id)
{
    return textProblem(id, true);
}

QString checkOperation(const Operation &op)
{
    const struct
    {
        const char *name;
        const QString &value;
        qsizetype max;
    } fields[] = { { "op_id", op.opId, OpLimits::MaxIdLength },
                   { "type", op.type, OpLimits::MaxTypeLength },
                   { "ticket_id", op.ticketId, OpLimits::MaxIdLength } };
    for (const auto &f : fields) {
        const QString name = QLatin1String(f.name);
        if (f.value.isEmpty())
            return QStringLiteral("%1: must not be empty").arg(name);
        if (f.value.contains(QChar(u'\0')))
            return QStringLiteral("%1: must not contain NUL").arg(name);
        if (characterCount(f.value) > f.max)
            return QStringLiteral("%1: must be at most %2 characters").arg(name).arg(f.max);
    }
    return {};
}

std::optional<TicketEdit> decodeEdit(const Operation &op, QString *problem)
{
    if (const QString envelope = checkOperation(op); !envelope.isEmpty()) {
        *problem = envelope;
        return std::nullopt;
    }
    const std::optional<OpType> type = opTypeFromName(op.type);
    if (!type) {
        *problem = QStringLiteral("type: unknown operation %1").arg(op.type);
        return std::nullopt;
    }
    const QJsonObject &p = op.payload;
    checkPayload(p, problem);
    TicketEdit e;
    e.type = *type;
    switch (*type) {
    case OpType::CreateTicket:
        e.customerId = text(p, OpKey::CustomerId, problem, true);
        e.subClient = text(p, OpKey::SubClient, problem, true);
        e.subject = text(p, OpKey::Subject, problem);
        e.body = text(p, OpKey::Body, problem);
        e.channel = text(p, OpKey::Channel, problem);
        e.severity = text(p, OpKey::Severity, problem);
        e.software = text(p, OpKey::Software, problem);
        e.softwareVersion = text(p, OpKey::SoftwareVersion, problem);
        e.quotaOverrideReason = text(p, OpKey::QuotaOverrideReason, problem);
        e.planId = text(p, OpKey::PlanId, problem);
        e.editionId = text(p, OpKey::EditionId, problem);
        e.dueAt = Json::parseTimestamp(text(p, OpKey::DueAt, problem));
        break;
    case OpType::Accept:
        break;
    case OpType::Reply:
    case OpType::Note:
        e.messageId = text(p, OpKey::MessageId, problem, true);
        e.body = text(p, OpKey::Body, problem);
        e.authorId = text(p, OpKey::AuthorId, problem, true);
        break;
    case OpType::Assign:
        e.assigneeId = text(p, OpKey::AssigneeId, problem, true);
        break;
    case OpType::SetStatus:
        e.status = text(p, OpKey::Status, problem);
        break;
    case OpType::Reclassify:
        e.severity = text(p, OpKey::Severity, problem);
        e.reason = text(p, OpKey::Reason, problem);
        e.dueAt = Json::parseTimestamp(text(p, OpKey::DueAt, problem));
        break;
    case OpType::SetSoftware:
        e.software = text(p, OpKey::Software, problem);
        e.softwareVersion = text(p, OpKey::SoftwareVersion, problem);
        break;
    case OpType::QuotaOverride:
        e.reason = text(p, OpKey::Reason, problem);
        break;
    case OpType::AddTag:
    case OpType::RemoveTag:
        e.tag = text(p, OpKey::Tag, problem);
        // A tag no rule allows is refused here, naming the field, before any store sees it
        // (a removal too: no ticket holds such a tag).
        if (const QString bad = checkTag(e.tag); problem->isEmpty() && !bad.isEmpty())
            note(problem, QStringLiteral("payload.tag: %1").arg(bad));
        break;
    case OpType::Merge:
    case OpType::Link:
    case OpType::Unlink:
        e.targetId = text(p, OpKey::TargetId, problem, true);
        if (problem->isEmpty() && e.targetId.isEmpty())
            note(problem, QStringLiteral("payload.target_id: is required"));
        break;
    }
    if (!problem->isEmpty())
        return std::nullopt;
    return e;
}

QJsonObject encodePayload(const TicketEdit &e)
{
    QJsonObject p;
    switch (e.type) {
    case OpType::CreateTicket:
        put(p, OpKey::CustomerId, e.customerId);
        put(p, OpKey::SubClient, e.subClient);
        put(p, OpKey::Subject, e.subject);
        put(p, OpKey::Body, e.body);
        put(p, OpKey::Channel, e.channel);
        put(p, OpKey::Severity, e.severity);
        put(p, OpKey::Software, e.software);
        put(p, OpKey::SoftwareVersion, e.softwareVersion);
        put(p, OpKey::QuotaOverrideReason, e.quotaOverrideReason);
        put(p, OpKey::PlanId, e.planId);
        put(p, OpKey::EditionId, e.editionId);
        put(p, OpKey::DueAt, Json::timestamp(e.dueAt));
        break;
    case OpType::Accept:
        break;
    case OpType::Reply:
    case OpType::Note:
        put(p, OpKey::MessageId, e.messageId);
        p.insert(OpKey::Body, e.body);
        put(p, OpKey::AuthorId, e.authorId);
        break;
    case OpType::Assign:
        p.insert(OpKey::AssigneeId, e.assigneeId); // empty: unassign
        break;
    case OpType::SetStatus:
        p.insert(OpKey::Status, e.status);
        break;
    case OpType::Reclassify:
        p.insert(OpKey::Severity, e.severity);
        p.insert(OpKey::Reason, e.reason);
        put(p, OpKey::DueAt, Json::timestamp(e.dueAt));
        break;
    case OpType::SetSoftware:
        p.insert(OpKey::Software, e.software);
        p.insert(OpKey::SoftwareVersion, e.softwareVersion);
        break;
    case OpType::QuotaOverride:
        p.insert(OpKey::Reason, e.reason);
        break;
    case OpType::AddTag:
    case OpType::RemoveTag:
        p.insert(OpKey::Tag, e.tag);
        break;
    case OpType::Merge:
    case OpType::Link:
    case OpType::Unlink:
        p.insert(OpKey::TargetId, e.targetId);
        break;
    }
    return p;
}

Operation makeOperation(const QString &opId, const QString &ticketId, qint64 baseVersion,
                        const TicketEdit &edit, const QDateTime &madeAt)
{
    Operation op;
    op.opId = opId;
    op.type = opTypeName(edit.type);
    op.ticketId = ticketId;
    op.baseVersion = baseVersion;
    op.payload = encodePayload(edit);
    op.madeAt = madeAt;
    return op;
}

Ticket ticketFromCreate(const QString &ticketId, const TicketEdit &e, const QDateTime &at,
                        const PlanCatalog *plan, RuleCheck *info)
{
    Ticket t;
    t.id = ticketId;
    t.customerId = e.customerId;
    t.subClient = e.subClient.trimmed();
    t.subject = e.subject.trimmed();
    t.body = e.body;
    t.channel = e.channel;
    t.severity = e.severity;
    t.software = e.software.trimmed();
    t.softwareVersion = e.softwareVersion.trimmed();
    t.quotaOverrideReason = e.quotaOverrideReason.trimmed();
    t.planId = e.planId;
    t.editionId = e.editionId;
    t.status = TicketStatus::New;
    t.createdAt = at;
    t.dueAt = e.dueAt;
    t.updatedAt = at;
    if (plan) {
        const RuleCheck scope = scopeNewTicket(t, *plan);
        if (info)
            *info = scope;
    }
    return t;
}

NewTicketOutcome applyCreate(const QString &ticketId, const TicketEdit &e,
                             const NewTicketContext &c)
{
    NewTicketOutcome out;
    out.ticket = ticketFromCreate(ticketId, e, c.at);
    Ticket &t = out.ticket;
    // The reason is the ticket's only when it is taken past the quota (below).
    const QString overrideReason = t.quotaOverrideReason;
    t.quotaOverrideReason.clear();
    const auto refuse = [&out](const QString &code, const QStringList &args) {
        out.refusal = RuleCheck::fail(code, args);
        return out;
    };
    if (t.subject.isEmpty())
        return refuse(QStringLiteral("invalid-op"),
                      { QStringLiteral("payload.subject: must not be empty") });
    // One spelling of an id: "{…}" or upper case would make a second ticket of an existing one
    // (and break the feed's `format: uuid`).
    if (!Json::isUuid(t.id))
        return refuse(QStringLiteral("invalid-op"),
                      { QStringLiteral("ticket_id: must be a UUID, lower case, without braces") });
    if (!c.customer)
        return refuse(QStringLiteral("unknown-customer"), { t.customerId });
    if (!c.plan || c.plan->id() != c.customer->planId)
        return refuse(QStringLiteral("invalid-op"),
                      { QStringLiteral("the server has no plan %1").arg(c.customer->planId) });
    const PlanCatalog &plan = *c.plan;
    const PlanRules rules(plan);
    t.planId = c.customer->planId;
    t.editionId = c.customer->editionId;
    if (!plan.severity(t.severity))
        return refuse(QStringLiteral("unknown-severity"), { t.severity });
    if (RuleCheck check = rules.checkChannel(t.editionId, t.channel); !check.allowed())
        return refuse(check.code, check.args);
    if (RuleCheck check = rules.checkSubClient(t.subClient); !check.allowed())
        return refuse(check.code, check.args);
    // A partner whose sub-client accounts are on file: the ticket must name one of them (the
    // same code, with the account given, so the reader words it as the missing case).
    const QVector<SubClient> &accounts = c.customer->subClients;
    if (plan.subClientRequired() && !accounts.isEmpty()
        && std::none_of(accounts.cbegin(), accounts.cend(),
                        [&t](const SubClient &s) { return s.account == t.subClient; }))
        return refuse(QStringLiteral("sub-client-required"), { t.subClient });

    if (const Edition *edition = plan.edition(t.editionId))
        out.quota.limit = edition->monthlyQuota;
    if (out.quota.limit) {
        // Only an edition with a quota counts its month: the count reads every ticket the
        // customer opened in it, which for a busy unlimited customer grows without bound.
        const QTimeZone zone(c.customer->timeZone.toUtf8());
        const std::optional<int> before
                = c.ticketsInMonth ? c.ticketsInMonth(rules.quotaMonth(c.at, zone)) : 0;
        if (!before) {
            out.countFailed = true;
            return out;
        }
        out.quota.used = *before + 1;
    }
    if (RuleCheck check = rules.checkQuota(out.quota, overrideReason, c.actor.role);
        !check.allowed())
        return refuse(check.code, check.args);
    if (out.quota.overQuota()) {
        t.flags.append(TicketFlag::OverQuota);
        t.quotaOverrideReason = overrideReason;
        const QString used = QString::number(out.quota.used);
        const QString limit = QString::number(out.quota.limit.value_or(0));
        EditContext events;
        events.actor = c.actor;
        events.at = c.at;
        events.plan = c.plan;
        out.messages.append(systemEvent(t, events,
                                        QStringLiteral("Taken over the monthly quota (%1 of %2): %3")
                                                .arg(used, limit, overrideReason),
                                        QStringLiteral("over-quota"),
                                        { used, limit, overrideReason }));
    }
    out.info = scopeNewTicket(t, plan);
    t.status = TicketStatus::New;
    t.dueAt = rules.deadline(t.editionId, t.severity, c.at);
    return out;
}

RuleCheck scopeNewTicket(Ticket &t, const PlanCatalog &plan)
{
    if (t.software.isEmpty())
        return {};
    const ScopeCheck scope = PlanRules(plan).checkSoftware(t.software, t.softwareVersion);
    t.software = scope.name; // the catalog's spelling, the version alone
    t.softwareVersion = scope.version;
    setFlag(t.flags, TicketFlag::OutOfScope, !scope.check.allowed());
    return scope.check;
}

EditOutcome applyEdit(const Ticket &ticket, const TicketEdit &e, const EditContext &c)
{
    EditOutcome out;
    out.ticket = ticket;
    Ticket &t = out.ticket;
    const auto refuse = [&](const QString &code, const QStringList &args = {}) {
        out.ticket = ticket;
        out.messages.clear();
        out.refusal = RuleCheck::fail(code, args);
        return out;
    };
    const QString &by = c.actor.name;
    const auto assignedToSelf = [&] {
        out.messages.append(systemEvent(t, c, QStringLiteral("Assigned to %1 by %2.").arg(by, by),
                                        QStringLiteral("assigned"), { by, by }));
    };

    switch (e.type) {
    case OpType::CreateTicket:
        return refuse(QStringLiteral("invalid-op"),
                      { QStringLiteral("type: create-ticket names a new ticket") });
    case OpType::Accept:
        if (t.status != TicketStatus::New)
            return refuse(QStringLiteral("invalid-status"), { t.status, TicketStatus::Accepted });
        {
            const bool assigned = acceptTicket(t, c.actor.id, c.at);
            out.messages.append(systemEvent(t, c, QStringLiteral("Accepted by %1.").arg(by),
                                            QStringLiteral("accepted"), { by }));
            if (assigned)
                assignedToSelf();
        }
        break;
    case OpType::Reply:
    case OpType::Note: {
        if (e.messageId.trimmed().isEmpty())
            return refuse(QStringLiteral("invalid-op"),
                          { QStringLiteral("payload.message_id: is required") });
        if (e.body.trimmed().isEmpty())
            return refuse(QStringLiteral("invalid-op"),
                          { QStringLiteral("payload.body: must not be empty") });
        Message m;
        m.id = e.messageId;
        m.ticketId = t.id;
        m.kind = e.type == OpType::Reply ? MessageKind::Public : MessageKind::Internal;
        m.authorId = c.actor.id;
        m.body = e.body;
        m.createdAt = c.at;
        out.messages.prepend(m);
        if (e.type == OpType::Reply && !t.firstResponseAt.isValid())
            t.firstResponseAt = c.at;
        break;
    }
    case OpType::Assign: {
        std::optional<Agent> to;
        if (!e.assigneeId.isEmpty() && !(c.findAgent && (to = c.findAgent(e.assigneeId))))
            return refuse(QStringLiteral("unknown-agent"), { e.assigneeId });
        if (to && !to->takesTickets())
            return refuse(QStringLiteral("not-an-assignee"), { to->name });
        t.assigneeId = e.assigneeId;
        if (to)
            out.messages.append(systemEvent(
                    t, c, QStringLiteral("Assigned to %1 by %2.").arg(to->name, by),
                    QStringLiteral("assigned"), { to->name, by }));
        else
            out.messages.append(systemEvent(t, c, QStringLiteral("Unassigned by %1.").arg(by),
                                            QStringLiteral("unassigned"), { by }));
        break;
    }
    case OpType::SetStatus:
        // Forward and back between the open states and resolved; never back to new; closed
        // is final.
        if (!TicketStatus::all().contains(e.status) || e.status == t.status
            || e.status == TicketStatus::New || t.status == TicketStatus::Closed)
            return refuse(QStringLiteral("invalid-status"), { t.status, e.status });
        out.messages.append(systemEvent(
                t, c, QStringLiteral("Status %1 → %2 by %3.").arg(t.status, e.status, by),
                QStringLiteral("status"), { t.status, e.status, by }));
        t.status = e.status;
        // Back to accepted is taking the ticket in again: the same effects as `accept`.
        if (e.status == TicketStatus::Accepted && acceptTicket(t, c.actor.id, c.at))
            assignedToSelf();
        break;
    case OpType::Reclassify: {
        SeverityChange change;
        QDateTime due;
        if (c.plan) {
            // From when the customer began waiting: a duplicate merged in earlier keeps its
            // wait (merge.h), so the merged deadline survives the reclassification.
            const RuleCheck check = PlanRules(*c.plan).reclassify(
                    t.editionId, waitingSince(t, c.findTicket), t.severity, e.severity, e.reason,
                    c.at, c.actor.id, &change, &due);
            if (!check.allowed()) {
                refuse(check.code, check.args);
                out.refusal = check;
                return out;
            }
        } else {
            // No catalog to decide with (a preview before any sync): the client's own
            // deadline, sent as a hint, until the server answers.
            change.fromSeverity = t.severity;
            change.toSeverity = e.severity;
            change.reason = e.reason.trimmed();
            due = e.dueAt.isValid() ? e.dueAt : t.dueAt;
        }
        change.ticketId = t.id;
        change.changedBy = c.actor.id;
        change.changedAt = c.at;
        t.severity = e.severity;
        t.dueAt = due;
        out.severityChange = change;
        out.messages.append(systemEvent(
                t, c,
                QStringLiteral("Severity %1 → %2 by %3: %4")
                        .arg(change.fromSeverity, change.toSeverity, by, change.reason),
                QStringLiteral("severity"),
                { change.fromSeverity, change.toSeverity, by, change.reason }));
        break;
    }
    case OpType::SetSoftware:
        t.software = e.software.trimmed();
        t.softwareVersion = e.softwareVersion.trimmed();
        if (t.software.isEmpty()) {
            t.softwareVersion.clear();
            setFlag(t.flags, TicketFlag::OutOfScope, false);
        } else if (c.plan) {
            const ScopeCheck scope = PlanRules(*c.plan).checkSoftware(t.software,
                                                                       t.softwareVersion);
            out.info = scope.check;
            // Kept as the catalog spells it ("mysql", "5.7.x" → "MySQL", "5.7.x").
            t.software = scope.name;
            t.softwareVersion = scope.version;
            setFlag(t.flags, TicketFlag::OutOfScope, !out.info.allowed());
        }
        out.messages.append(systemEvent(
                t, c,
                QStringLiteral("Software set to %1 %2 by %3%4.")
                        .arg(t.software, t.softwareVersion, by,
                             out.info.allowed() ? QString() : QStringLiteral(" (out of scope)")),
                QStringLiteral("software"),
                { t.software, t.softwareVersion, by,
                  out.info.allowed() ? QStringLiteral("in-scope")
                                     : QStringLiteral("out-of-scope") }));
        break;
    case OpType::QuotaOverride:
        // The same rule as a reason given at intake (PlanRules::checkQuotaOverride).
        if (const RuleCheck may = PlanRules::checkQuotaOverride(c.actor.role, e.reason);
            !may.allowed())
            return refuse(may.code, may.args);
        if (!t.flags.contains(TicketFlag::OverQuota))
            return refuse(QStringLiteral("not-over-quota"), { QString::number(t.number) });
        t.quotaOverrideReason = e.reason.trimmed();
        out.messages.append(systemEvent(
                t, c, QStringLiteral("Quota override by %1: %2").arg(by, t.quotaOverrideReason),
                QStringLiteral("quota-override"), { by, t.quotaOverrideReason }));
        break;
    case OpType::AddTag:
    case OpType::RemoveTag: {
        if (const QString bad = checkTag(e.tag); !bad.isEmpty())
            return refuse(QStringLiteral("invalid-op"),
                          { QStringLiteral("payload.tag: %1").arg(bad) });
        const QString tag = normalizeTag(e.tag);
        const bool add = e.type == OpType::AddTag;
        if (add == t.tags.contains(tag)) {
            out.unchanged = true; // already so: nothing to write, nothing to tell
            return out;
        }
        if (add && t.tags.size() >= TagLimits::MaxPerTicket)
            // A rule on the ticket, not a malformed payload: its own code, worded in the
            // desk's language (a bulk tag over many tickets meets it).
            return refuse(QStringLiteral("too-many-tags"),
                          { QString::number(TagLimits::MaxPerTicket) });
        t.tags = add ? withTag(t.tags, tag) : withoutTag(t.tags, tag);
        out.messages.append(systemEvent(
                t, c,
                (add ? QStringLiteral("Tag %1 added by %2.")
                     : QStringLiteral("Tag %1 removed by %2."))
                        .arg(tag, by),
                add ? QStringLiteral("tag-added") : QStringLiteral("tag-removed"), { tag, by }));
        break;
    }
    case OpType::Merge:
        return applyMerge(ticket, e, c);
    case OpType::Link:
    case OpType::Unlink:
        return applyLink(ticket, e, c);
    }
    t.updatedAt = c.at;
    return out;
}

} // namespace SupportDesk
