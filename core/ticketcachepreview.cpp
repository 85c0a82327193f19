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
// was (the server will refuse it too, and say why). False only for an edit no version knows.
bool TicketCache::applyLocally(Ticket &t, const Operation &op, Message *newMessage) const
{
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit)
        return opTypeFromName(op.type).has_value(); // malformed: the server says how
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
    context.actor = find(signedInAgentId()).value_or(Agent());
    context.actor.id = signedInAgentId();
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
    if (outcome.refused())
        return true;
    t = outcome.ticket;
    if (newMessage && (edit->type == OpType::Reply || edit->type == OpType::Note)) {
        // Only the authored message: system events are the server's to name and send.
        *newMessage = outcome.messages.constFirst();
    }
    return true;
}

} // namespace SupportDesk
