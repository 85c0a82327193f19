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

// The plan as the server last sent it, else as built in; nullopt for one neither knows.
std::optional<PlanCatalog> TicketCache::cachedPlan(const QString &planId) const
{
    QStringList errors;
    const QByteArray json = catalogs().value(planId);
    if (!json.isEmpty()) {
        if (std::optional<PlanCatalog> plan = PlanCatalog::fromJson(json, &errors))
            return plan;
    }
    if (const std::optional<CatalogSet> builtIn = CatalogSet::loadBuiltIn(&errors)) {
        if (const PlanCatalog *p = builtIn->plan(planId))
            return *p;
    }
    return std::nullopt;
}

namespace {
// Counts the queue rows of one customer created in a month, as they are read.
class QuotaRowCount : public TicketRowSink
{
public:
    QuotaRowCount(const QString &customerId, const MonthWindow &month, const QString &except,
                  const QSet<QString> &refused)
        : m_customerId(customerId), m_except(except.toUtf8()), m_refused(refused),
          m_fromMs(month.start.toMSecsSinceEpoch()), m_toMs(month.end.toMSecsSinceEpoch())
    {
    }
    void begin(const QVector<QString> &words, qsizetype) override
    {
        m_customer = quint32(words.indexOf(m_customerId)); // -1: no row's
        m_closed = quint32(words.indexOf(TicketStatus::Closed));
    }
    void take(const TicketRow &row) override
    {
        if (row.customer != m_customer || row.createdAtMs < m_fromMs || row.createdAtMs >= m_toMs
            || row.idUtf8() == m_except || (!m_refused.isEmpty() && m_refused.contains(row.id())))
            return;
        if (row.status == m_closed)
            closed.append(row.id()); // merged away or not: the ticket's record says
        else
            ++open;
    }
    int open = 0;
    QStringList closed;

private:
    QString m_customerId;
    QByteArray m_except;
    QSet<QString> m_refused; // new tickets the server refused: it took none in
    qint64 m_fromMs;
    qint64 m_toMs;
    quint32 m_customer = quint32(-1);
    quint32 m_closed = quint32(-1);
};
} // namespace

std::optional<int> TicketCache::ticketsInQuota(const QString &customerId,
                                               const MonthWindow &month,
                                               const QString &except) const
{
    QuotaRowCount count(customerId, month, except, refusedNewTicketIds());
    if (!scanTicketRows(&count))
        return std::nullopt;
    return inQuota(count.open, count.closed);
}

int TicketCache::inQuota(int open, const QStringList &closed) const
{
    // A closed one counts unless it was merged into another (countsTowardQuota).
    const QHash<QString, bool> merged = mergedAmong(closed);
    for (const QString &id : closed)
        open += countsTowardQuota(merged.value(id)) ? 1 : 0;
    return open;
}

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
        || edit->type == OpType::SetSoftware)
        plan = cachedPlan(edit->type == OpType::CreateTicket ? edit->planId : t.planId);
    // The signed-in agent, whose role decides what it may do (a merge, a quota override): as
    // the feed has it now, else as the server said at sign-in (GET /me) — never taken for a
    // plain agent because the agent list has not come yet.
    const QVector<Agent> agents = this->agents();
    const auto find = [&agents](const QString &id) -> std::optional<Agent> {
        for (const Agent &a : agents) {
            if (a.id == id)
                return a;
        }
        return std::nullopt;
    };
    const std::optional<Agent> me = signedInAgent();
    Agent actor = me ? find(me->id).value_or(*me) : Agent();
    if (actor.id.isEmpty())
        actor.id = edit->authorId;
    if (edit->type == OpType::CreateTicket) {
        // Taken in under the rules the server applies (core's applyCreate), for the customer
        // and the month's tickets as the cache knows them, so the server's refusal shows now.
        const std::optional<Customer> customer = this->customer(edit->customerId);
        std::optional<PlanCatalog> own;
        if (customer)
            own = plan && plan->id() == customer->planId ? plan : cachedPlan(customer->planId);
        if (!customer || !own) {
            // A customer or plan the cache has not heard of: nothing to decide by; the
            // preview hints stand until the server answers.
            t = ticketFromCreate(op.ticketId, *edit, at, plan ? &*plan : nullptr);
            return true;
        }
        NewTicketContext context;
        context.actor = actor;
        context.at = at;
        context.customer = &*customer;
        context.plan = &*own;
        context.ticketsInMonth = [this, &op, &customer](const MonthWindow &month) {
            return m_quotaCounter ? m_quotaCounter(customer->id, month, op.ticketId)
                                  : ticketsInQuota(customer->id, month, op.ticketId);
        };
        NewTicketOutcome outcome = applyCreate(op.ticketId, *edit, context);
        if (outcome.countFailed) { // the quota not known: the rest as the server decides it
            context.ticketsInMonth = [](const MonthWindow &) { return std::optional<int>(0); };
            outcome = applyCreate(op.ticketId, *edit, context);
        }
        if (refusal)
            *refusal = outcome.refusal;
        // Shown even when refused: the server's answer takes it back (the agent sees why
        // rather than losing what was typed).
        t = outcome.ticket;
        return true;
    }
    EditContext context;
    context.at = at;
    context.actor = actor;
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
