// The offline preview of an edit, laid over the cached ticket until the server answers.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cstring>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

// The client's preview of an edit; the server's answer replaces it when it arrives. The
// effect is core's applyEdit(), the function the server applies, with the signed-in agent as
// the actor and the cached catalog's rules; an edit the rules refuse leaves the ticket as it
// was (the server will refuse it too, and say why: `refusal`). False only for an edit no
// version knows.
bool TicketCache::applyLocally(Ticket &t, const Operation &op, Message *newMessage,
                               RuleCheck *refusal) const
{
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit) {
        // Malformed: the server refuses it as invalid-op, naming the field.
        if (refusal)
            *refusal = RuleCheck::fail(QStringLiteral("invalid-op"), { problem });
        return opTypeFromName(op.type).has_value();
    }
    const QDateTime at = op.madeAt.isValid() ? op.madeAt : QDateTime::currentDateTimeUtc();
    // Only the edits whose effect the plan decides read the catalog (a new ticket's software
    // scope, a severity's target, a software change's scope).
    std::optional<PlanCatalog> plan;
    if (edit->type == OpType::CreateTicket || edit->type == OpType::Reclassify
        || edit->type == OpType::SetSoftware) {
        const QString planId = edit->type == OpType::CreateTicket ? edit->planId : t.planId;
        QStringList errors;
        const QByteArray json = catalogs().value(planId);
        if (!json.isEmpty())
            plan = PlanCatalog::fromJson(json, &errors);
        if (!plan) {
            if (const std::optional<CatalogSet> builtIn = CatalogSet::loadBuiltIn(&errors)) {
                if (const PlanCatalog *p = builtIn->plan(planId))
                    plan = *p;
            }
        }
    }
    if (edit->type == OpType::CreateTicket) {
        // The rules of taking a ticket in (channel, quota, sub-client) are the intake form's
        // to check before it sends (PlanRules), and the server's; the preview shows it.
        t = ticketFromCreate(op.ticketId, *edit, at, plan ? &*plan : nullptr);
        return true;
    }
    const QVector<Agent> agents = this->agents();
    const auto find = [&agents](const QString &id) -> std::optional<Agent> {
        for (const Agent &a : agents) {
            if (a.id == id)
                return a;
        }
        return std::nullopt;
    };
    EditContext context;
    context.at = at;
    // The signed-in agent, whose role decides what it may do (a merge): as the feed has it
    // now, else as the server said at sign-in (GET /me) — never taken for a plain agent
    // because the agent list has not come yet.
    const std::optional<Agent> me = signedInAgent();
    context.actor = me ? find(me->id).value_or(*me) : Agent();
    if (context.actor.id.isEmpty())
        context.actor.id = edit->authorId;
    // An account the cache has not heard of yet (its agent list lags the server's) is taken
    // as an agent: the server knows it, or refuses the edit and the preview goes.
    context.findAgent = [&find](const QString &id) {
        Agent placeholder;
        placeholder.id = id;
        placeholder.name = id;
        placeholder.role = AgentRole::Agent;
        return std::optional<Agent>(find(id).value_or(placeholder));
    };
    // A merge or a link names a second ticket: the cached one (its own preview is the feed's).
    context.findTicket = [this](const QString &id) { return ticket(id); };
    context.findCustomer = [this](const QString &id) { return customer(id); }; // merge notice
    context.plan = plan ? &*plan : nullptr;
    const EditOutcome outcome = applyEdit(t, *edit, context);
    if (refusal)
        *refusal = outcome.refusal;
    if (outcome.refused())
        return true;
    t = outcome.ticket;
    if (newMessage && (edit->type == OpType::Reply || edit->type == OpType::Note)) {
        // Only the authored message: system events are the server's to name and send.
        *newMessage = outcome.messages.constFirst();
    }
    return true;
}

RuleCheck TicketCache::previewRefusal(const Operation &op, const std::optional<Ticket> &on) const
{
    Ticket t;
    if (on)
        t = *on;
    else if (op.type != opTypeName(OpType::CreateTicket))
        t = ticket(op.ticketId).value_or(Ticket());
    RuleCheck refusal;
    if (!applyLocally(t, op, nullptr, &refusal))
        return RuleCheck::fail(QStringLiteral("invalid-op"),
                               { QStringLiteral("type: unknown operation %1").arg(op.type) });
    return refusal;
}

} // namespace SupportDesk
