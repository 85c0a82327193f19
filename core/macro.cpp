// Macros: the record, its op codec, its access rules and its expansion (see macro.h).
#include "macro.h"

#include "plancatalog.h"
#include "recordfields.h"
#include "tag.h"

#include <QJsonArray>
#include <QTimeZone>

namespace SupportDesk {

namespace {

struct FieldName
{
    MacroField field;
    const char16_t *en;
    const char16_t *zh;
};

constexpr std::array<FieldName, MacroFieldCount> fieldNames { {
        { MacroField::Customer, u"customer", u"客户" },
        { MacroField::TicketNumber, u"ticket_number", u"工单号" },
        { MacroField::Deadline, u"deadline", u"截止时间" },
        { MacroField::Agent, u"agent", u"坐席" },
        { MacroField::Entitlements, u"entitlements", u"权益" },
} };

// Longer than any name above: a brace pair around more than this is text, not a placeholder,
// so a hostile body cannot make one scan look far ahead for a closing pair.
constexpr qsizetype MaxPlaceholder = 64;


void put(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

// A macro's tag list: each tag by the tag rules, no more than a ticket holds.
QString tagsProblem(const QString &key, const QStringList &tags)
{
    if (tags.size() > TagLimits::MaxPerTicket)
        return QStringLiteral("%1: at most %2 tags").arg(key).arg(TagLimits::MaxPerTicket);
    for (const QString &tag : tags) {
        if (const QString bad = checkTag(tag); !bad.isEmpty())
            return QStringLiteral("%1: %2").arg(key, bad);
    }
    return {};
}

QStringList splitTags(const QString &value)
{
    return value.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

bool canSeeMacro(const Agent &agent, const Macro &macro)
{
    return readsTheDesk(agent.role) && (macro.isTeamMacro() || macro.ownerId == agent.id);
}

bool canEditMacro(const Agent &agent, const Macro &macro)
{
    if (!readsTheDesk(agent.role) || !macro.unknownActions().isEmpty())
        return false;
    return macro.isTeamMacro() ? agent.leadsTeam() : macro.ownerId == agent.id;
}

QStringList Macro::unknownActions() const
{
    QStringList fields = unknownFields.keys();
    if (!status.isEmpty() && !parseStatus(status))
        fields.prepend(MacroKey::Status);
    return fields;
}

bool MacroOp::isMacroOp(QStringView type)
{
    return type == Save || type == Delete;
}

QString checkMacro(const Macro &m)
{
    if (m.name.trimmed().isEmpty())
        return QStringLiteral("name: must not be empty");
    for (const QString &p : { lengthProblem(MacroKey::Name, m.name, MacroLimits::MaxName),
                              lengthProblem(MacroKey::BodyZh, m.bodyZh, MacroLimits::MaxBody),
                              lengthProblem(MacroKey::BodyEn, m.bodyEn, MacroLimits::MaxBody),
                              lengthProblem(MacroKey::Severity, m.severity, OpLimits::MaxIdLength),
                              lengthProblem(MacroKey::SeverityReason, m.severityReason,
                                            MacroLimits::MaxName),
                              lengthProblem(MacroKey::AssigneeId, m.assigneeId,
                                            OpLimits::MaxIdLength) }) {
        if (!p.isEmpty())
            return p;
    }
    if (m.bodyZh.trimmed().isEmpty() && m.bodyEn.trimmed().isEmpty())
        return QStringLiteral("body_zh: a macro needs a body in at least one language");
    if (!m.status.isEmpty() && !parseStatus(m.status))
        return QStringLiteral("status: unknown status %1").arg(m.status);
    if (!m.severity.isEmpty() && m.severityReason.trimmed().isEmpty())
        return QStringLiteral("severity_reason: a severity change needs a reason");
    for (const QString &p : { tagsProblem(MacroKey::AddTags, m.addTags),
                              tagsProblem(MacroKey::RemoveTags, m.removeTags) }) {
        if (!p.isEmpty())
            return p;
    }
    return {};
}

Operation makeMacroOperation(const QString &opId, const Macro &m, bool remove,
                             const QDateTime &madeAt)
{
    Operation op;
    op.opId = opId;
    op.type = remove ? MacroOp::Delete : MacroOp::Save;
    op.ticketId = m.id;
    op.baseVersion = m.version;
    op.madeAt = madeAt;
    QJsonObject p;
    p.insert(MacroKey::Scope, m.isTeamMacro() ? QStringLiteral("team") : QStringLiteral("own"));
    if (!remove) {
        p.insert(MacroKey::Name, m.name);
        put(p, MacroKey::BodyZh, m.bodyZh);
        put(p, MacroKey::BodyEn, m.bodyEn);
        put(p, MacroKey::Status, m.status);
        put(p, MacroKey::Severity, m.severity);
        put(p, MacroKey::SeverityReason, m.severityReason);
        if (m.assigns) {
            p.insert(MacroKey::Assigns, QStringLiteral("yes"));
            p.insert(MacroKey::AssigneeId, m.assigneeId);
        }
        put(p, MacroKey::AddTags, m.addTags.join(u' '));
        put(p, MacroKey::RemoveTags, m.removeTags.join(u' '));
    }
    op.payload = p;
    return op;
}

std::optional<Macro> macroFromOperation(const Operation &op, const QString &actorId,
                                        QString *problem)
{
    const auto fail = [problem](const QString &text) {
        *problem = text;
        return std::nullopt;
    };
    if (!MacroOp::isMacroOp(op.type))
        return fail(QStringLiteral("type: not a macro op"));
    static const QStringList known { MacroKey::Scope,  MacroKey::Name,     MacroKey::BodyZh,
                                     MacroKey::BodyEn, MacroKey::Status,   MacroKey::Severity,
                                     MacroKey::SeverityReason, MacroKey::AssigneeId,
                                     MacroKey::Assigns, MacroKey::AddTags,
                                     MacroKey::RemoveTags };
    Macro m;
    for (auto it = op.payload.begin(); it != op.payload.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(QStringLiteral("payload: unknown field"));
        if (!it.value().isString())
            return fail(QStringLiteral("payload.%1: must be a string").arg(it.key()));
    }
    const auto s = [&op](const QString &key) { return op.payload.value(key).toString(); };
    const QString scope = s(MacroKey::Scope);
    if (scope != u"team" && scope != u"own")
        return fail(QStringLiteral("payload.scope: must be \"team\" or \"own\""));
    m.id = op.ticketId;
    m.ownerId = scope == u"own" ? actorId : QString();
    m.version = op.baseVersion;
    if (op.type == MacroOp::Delete) {
        m.deleted = true;
        return m;
    }
    m.name = s(MacroKey::Name).trimmed();
    m.bodyZh = s(MacroKey::BodyZh);
    m.bodyEn = s(MacroKey::BodyEn);
    m.status = s(MacroKey::Status);
    m.severity = s(MacroKey::Severity);
    m.severityReason = s(MacroKey::SeverityReason).trimmed();
    m.assigns = op.payload.contains(MacroKey::Assigns);
    m.assigneeId = s(MacroKey::AssigneeId);
    m.addTags = splitTags(s(MacroKey::AddTags));
    m.removeTags = splitTags(s(MacroKey::RemoveTags));
    if (const QString p = checkMacro(m); !p.isEmpty())
        return fail(QStringLiteral("payload.") + p);
    return m;
}

namespace Json {

QJsonObject toJson(const Macro &m)
{
    QJsonObject o { { QStringLiteral("id"), m.id },
                    { QStringLiteral("owner_id"), m.ownerId },
                    { QStringLiteral("name"), m.name },
                    { QStringLiteral("body_zh"), m.bodyZh },
                    { QStringLiteral("body_en"), m.bodyEn },
                    { QStringLiteral("status"), m.status },
                    { QStringLiteral("severity"), m.severity },
                    { QStringLiteral("severity_reason"), m.severityReason },
                    { QStringLiteral("assigns"), m.assigns },
                    { QStringLiteral("assignee_id"), m.assigneeId },
                    { QStringLiteral("add_tags"), QJsonArray::fromStringList(m.addTags) },
                    { QStringLiteral("remove_tags"), QJsonArray::fromStringList(m.removeTags) },
                    { QStringLiteral("version"), m.version },
                    { QStringLiteral("deleted"), m.deleted },
                    { QStringLiteral("updated_by"), m.updatedBy },
                    { QStringLiteral("updated_at"), timestamp(m.updatedAt) },
                    { QStringLiteral("seq"), m.seq } };
    for (auto it = m.unknownFields.begin(); it != m.unknownFields.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

bool fromJson(const QJsonObject &o, Macro *m, QStringList *errors, const QString &path)
{
    // Every field toJson() writes; any other is a newer server's (Macro::unknownFields).
    static const QStringList known { QStringLiteral("id"), QStringLiteral("owner_id"),
                                     QStringLiteral("name"), QStringLiteral("body_zh"),
                                     QStringLiteral("body_en"), QStringLiteral("status"),
                                     QStringLiteral("severity"),
                                     QStringLiteral("severity_reason"),
                                     QStringLiteral("assigns"), QStringLiteral("assignee_id"),
                                     QStringLiteral("add_tags"), QStringLiteral("remove_tags"),
                                     QStringLiteral("version"), QStringLiteral("deleted"),
                                     QStringLiteral("updated_by"), QStringLiteral("updated_at"),
                                     QStringLiteral("seq") };
    m->unknownFields = QJsonObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            m->unknownFields.insert(it.key(), it.value());
    }
    RecordFields f(o, errors, path);
    m->id = f.string("id", true);
    if (m->id.isEmpty())
        f.fail("id", QStringLiteral("must not be empty"));
    m->ownerId = f.string("owner_id");
    m->name = f.string("name");
    m->bodyZh = f.string("body_zh");
    m->bodyEn = f.string("body_en");
    m->status = f.string("status");
    m->severity = f.string("severity");
    m->severityReason = f.string("severity_reason");
    m->assigns = f.boolean("assigns");
    m->assigneeId = f.string("assignee_id");
    m->addTags = f.strings("add_tags");
    m->removeTags = f.strings("remove_tags");
    m->version = f.integer("version");
    m->deleted = f.boolean("deleted");
    m->updatedBy = f.string("updated_by");
    m->updatedAt = parseTimestamp(f.string("updated_at"));
    m->seq = f.integer("seq");
    return f.ok();
}

} // namespace Json

QString macroFieldName(MacroField field)
{
    return QString::fromUtf16(fieldNames.at(int(field)).en);
}

QString macroFieldChineseName(MacroField field)
{
    return QString::fromUtf16(fieldNames.at(int(field)).zh);
}

std::optional<MacroField> macroFieldFromName(QStringView name)
{
    for (const FieldName &f : fieldNames) {
        if (name == QStringView(f.en) || name == QStringView(f.zh))
            return f.field;
    }
    return std::nullopt;
}

MacroExpansion expandMacro(QStringView body, const MacroValues &values)
{
    MacroExpansion out;
    out.text.reserve(body.size() + 64);
    qsizetype i = 0;
    while (i < body.size()) {
        const qsizetype open = body.indexOf(u"{{", i);
        if (open < 0) {
            out.text += body.mid(i);
            break;
        }
        out.text += body.mid(i, open - i);
        // The nearest closing pair within reach; none: the braces are text.
        const QStringView window = body.mid(open + 2, MaxPlaceholder + 2);
        const qsizetype close = window.indexOf(u"}}");
        const QStringView inner = close < 0 ? QStringView() : window.left(close);
        if (close < 0 || inner.contains(u'{') || inner.trimmed().isEmpty()) {
            out.text += u'{'; // "{{{customer}}": the first brace is text, the rest is read again
            i = open + 1;
            continue;
        }
        const QStringView written = body.mid(open, close + 4);
        const std::optional<MacroField> field = macroFieldFromName(inner.trimmed());
        if (!field) {
            out.unknown.append(written.toString());
            out.text += written;
        } else if (const std::optional<QString> &v = values.at(int(*field));
                   !v || v->isEmpty()) {
            out.missing.append(written.toString());
            out.text += written;
        } else {
            out.text += *v;
        }
        i = open + close + 4;
    }
    out.unknown.removeDuplicates();
    out.missing.removeDuplicates();
    return out;
}

MacroValues macroValues(const Ticket &ticket, const std::optional<Customer> &customer,
                        const Agent &agent, const PlanCatalog *plan, Language language)
{
    MacroValues v;
    if (customer && !customer->name.isEmpty())
        v[int(MacroField::Customer)] = customer->name;
    if (ticket.number > 0)
        v[int(MacroField::TicketNumber)] = QString::number(ticket.number);
    if (ticket.dueAt.isValid()) {
        // The customer's wall clock, and the zone named, so nobody has to convert.
        QTimeZone zone(customer ? customer->timeZone.toUtf8() : QByteArray());
        if (!zone.isValid())
            zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
        const QDateTime local = ticket.dueAt.toTimeZone(zone);
        v[int(MacroField::Deadline)] = local.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
            + QStringLiteral(" (") + QString::fromUtf8(zone.id()) + u')';
    }
    if (!agent.name.isEmpty())
        v[int(MacroField::Agent)] = agent.name;
    if (plan) {
        if (const Edition *e = plan->edition(ticket.editionId)) {
            QStringList names;
            for (const EntitlementGrant &g : e->entitlements) {
                if (const EntitlementKind *k = plan->entitlementKind(g.id))
                    names.append(k->names.text(language));
            }
            if (!names.isEmpty())
                v[int(MacroField::Entitlements)] = names.join(
                    language == Language::Chinese ? QStringLiteral("、") : QStringLiteral(", "));
        }
    }
    return v;
}

Language customerLanguage(const Ticket &ticket, const std::optional<Customer> &customer)
{
    if (customer) {
        if (const std::optional<Language> own = CustomerLanguage::fromId(customer->language))
            return *own;
    }
    return writtenLanguage(ticket);
}

Language writtenLanguage(const Ticket &ticket)
{
    for (const QString *text : { &ticket.subject, &ticket.body }) {
        for (qsizetype i = 0; i < text->size(); ++i) {
            char32_t c = text->at(i).unicode();
            if (text->at(i).isHighSurrogate() && i + 1 < text->size()) {
                c = QChar::surrogateToUcs4(text->at(i), text->at(i + 1));
                ++i;
            }
            if (QChar::script(c) == QChar::Script_Han)
                return Language::Chinese;
        }
    }
    return Language::English;
}

MacroReply macroReply(const Macro &macro, const Ticket &ticket,
                      const std::optional<Customer> &customer, const Agent &agent,
                      const PlanCatalog *plan, const QString &messageId)
{
    MacroReply reply;
    reply.language = customerLanguage(ticket, customer);
    if (const QStringList unknown = macro.unknownActions(); !unknown.isEmpty()) {
        reply.refusal = RuleCheck::fail(MacroCode::UnknownAction,
                                        { unknown.join(QStringLiteral(", ")) });
        return reply;
    }
    // A macro written in one language only is sent in that one, as the composer inserts it.
    if (macro.body(reply.language).trimmed().isEmpty())
        reply.language = reply.language == Language::Chinese ? Language::English
                                                             : Language::Chinese;
    const MacroExpansion expansion = expandMacro(
            macro.body(reply.language),
            macroValues(ticket, customer, agent, plan, reply.language));
    if (!expansion.complete()) {
        reply.refusal = RuleCheck::fail(MacroCode::Unfilled,
                                        { (expansion.missing + expansion.unknown)
                                                  .join(QStringLiteral(", ")) });
        return reply;
    }
    reply.edit.type = OpType::Reply;
    reply.edit.messageId = messageId;
    reply.edit.authorId = agent.id;
    reply.edit.body = expansion.text.trimmed();
    return reply;
}

QString MacroWording::message(const QString &code, const QStringList &args)
{
    if (code == MacroCode::Unfilled)
        //: %1 the placeholders as written in the macro, e.g. "{{deadline}}"
        return tr("The macro's reply would leave %1 unfilled on this ticket: answer it in the "
                  "ticket pane.")
                .arg(args.value(0));
    if (code == MacroCode::UnknownAction)
        //: %1 the macro's fields this version does not know, e.g. "priority"
        return tr("The macro has actions this version of the desk does not know (%1): it is "
                  "not applied. Update the desk to use it.")
                .arg(args.value(0));
    return {};
}

QVector<TicketEdit> macroEdits(const Macro &macro, const Ticket &ticket)
{
    QVector<TicketEdit> edits;
    if (!macro.unknownActions().isEmpty())
        return edits;
    if (!macro.status.isEmpty() && macro.status != ticket.status) {
        TicketEdit e;
        e.type = OpType::SetStatus;
        e.status = macro.status;
        edits.append(e);
    }
    if (!macro.severity.isEmpty() && macro.severity != ticket.severity) {
        TicketEdit e;
        e.type = OpType::Reclassify;
        e.severity = macro.severity;
        e.reason = macro.severityReason;
        edits.append(e);
    }
    if (macro.assigns && macro.assigneeId != ticket.assigneeId) {
        TicketEdit e;
        e.type = OpType::Assign;
        e.assigneeId = macro.assigneeId;
        edits.append(e);
    }
    for (const QString &tag : macro.addTags) {
        if (!ticket.tags.contains(normalizeTag(tag))) {
            TicketEdit e;
            e.type = OpType::AddTag;
            e.tag = normalizeTag(tag);
            edits.append(e);
        }
    }
    for (const QString &tag : macro.removeTags) {
        if (ticket.tags.contains(normalizeTag(tag))) {
            TicketEdit e;
            e.type = OpType::RemoveTag;
            e.tag = normalizeTag(tag);
            edits.append(e);
        }
    }
    return edits;
}

bool macroMatches(const Macro &macro, const QStringList &terms)
{
    for (const QString &t : terms) {
        if (!macro.name.contains(t, Qt::CaseInsensitive)
            && !macro.bodyEn.contains(t, Qt::CaseInsensitive)
            && !macro.bodyZh.contains(t, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace SupportDesk
