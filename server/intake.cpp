// The console's intake routes (docs/api.md, "Intake"): a service account files tickets for its
// own customers under the plan rules and reads their public conversation, nothing else.
#include "api.h"

#include "planrules.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

HttpResponse intakeError(int status, const QByteArray &code, const QString &message,
                         const QString &field = {})
{
    return HttpResponse::json(status, errorBody(code, message, field));
}

// The ticket as the customer's side may see it: no assignee, flags, quota override reason
// or version, which are the desk's own.
QJsonObject publicTicket(const Ticket &t)
{
    const auto time = [](const QDateTime &at) {
        return at.isValid() ? QJsonValue(Json::timestamp(at)) : QJsonValue();
    };
    return { { QStringLiteral("id"), t.id },
             { QStringLiteral("number"), t.number },
             { QStringLiteral("customer_id"), t.customerId },
             { QStringLiteral("sub_client"), t.subClient },
             { QStringLiteral("subject"), t.subject },
             { QStringLiteral("body"), t.body },
             { QStringLiteral("channel"), t.channel },
             { QStringLiteral("severity"), t.severity },
             { QStringLiteral("status"), t.status },
             { QStringLiteral("plan_id"), t.planId },
             { QStringLiteral("edition_id"), t.editionId },
             { QStringLiteral("software"), t.software },
             { QStringLiteral("software_version"), t.softwareVersion },
             { QStringLiteral("created_at"), time(t.createdAt) },
             { QStringLiteral("first_response_at"), time(t.firstResponseAt) },
             { QStringLiteral("due_at"), time(t.dueAt) } };
}

// The op id an intake request is applied under: its ticket id, in a namespace of its own so it
// never meets a desk's op id (UUIDs), and a replay of the request is answered as a duplicate.
QString intakeOpId(const QString &ticketId)
{
    return QStringLiteral("intake:") + ticketId;
}

} // namespace

// A refusal by a rule: its code and arguments (the console words them in its language, as the
// desk does) and the rule in English.
HttpResponse Api::refusal(int status, const QString &code, const QString &message,
                          const QStringList &args) const
{
    HttpResponse response
        = ok({ { QStringLiteral("error"),
                 QJsonObject { { QStringLiteral("code"), code },
                               { QStringLiteral("message"), message },
                               { QStringLiteral("args"), QJsonArray::fromStringList(args) } } } });
    response.status = status;
    return response;
}

namespace { } // namespace

std::optional<bool> Api::servesCustomer(const Agent &agent, const QString &customerId)
{
    if (agent.role != AgentRole::Service)
        return false;
    const std::optional<QStringList> customers = m_store->serviceCustomers(agent.id);
    if (!customers)
        return std::nullopt;
    return customers->contains(QStringLiteral("*")) || customers->contains(customerId);
}

HttpResponse Api::intakeCreate(const Agent &agent, const HttpRequest &request, qint64 *committedSeq)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return badRequest(QStringLiteral("The body must be a JSON object."), QStringLiteral("$"));
    const QJsonObject body = doc.object();
    // The fields a console gives; anything else (a quota override reason, preview hints) is
    // the desk's and ignored. Required ones first.
    static const char *const required[]
        = { "ticket_id", "customer_id", "subject", "channel", "severity" };
    static const char *const optional[] = { "sub_client", "body", "software", "software_version" };
    QJsonObject payload;
    for (const char *key : required) {
        const QString name = QLatin1String(key);
        const QJsonValue v = body.value(name);
        if (!v.isString() || v.toString().isEmpty())
            return badRequest(QStringLiteral("%1 must be a string, not empty.").arg(name), name);
        if (name != u"ticket_id")
            payload.insert(name, v);
    }
    for (const char *key : optional) {
        const QString name = QLatin1String(key);
        const QJsonValue v = body.value(name);
        if (v.isUndefined() || v.isNull())
            continue;
        if (!v.isString())
            return badRequest(QStringLiteral("%1 must be a string.").arg(name), name);
        payload.insert(name, v);
    }
    Operation op;
    op.ticketId = body.value(QStringLiteral("ticket_id")).toString();
    op.opId = intakeOpId(op.ticketId);
    op.type = opTypeName(OpType::CreateTicket);
    op.payload = payload;
    // The op codec's limits (no NUL, ids ≤ 128 characters), as a 400 naming the field.
    if (!Json::isUuid(op.ticketId))
        return badRequest(QStringLiteral("ticket_id must be a UUID, lower case, without braces."),
                          QStringLiteral("ticket_id"));
    QString problem;
    if (!decodeEdit(op, &problem)) {
        QString field = problem.section(u':', 0, 0);
        if (field.startsWith(u"payload."))
            field = field.mid(8);
        return badRequest(problem, field);
    }
    const QString customerId = payload.value(QStringLiteral("customer_id")).toString();
    const std::optional<bool> serves = servesCustomer(agent, customerId);
    if (!serves)
        return intakeError(500, "internal", QStringLiteral("The account could not be read."));
    if (!*serves)
        return intakeError(
            403, "forbidden",
            QStringLiteral("This account does not file tickets for customer %1.").arg(customerId),
            QStringLiteral("customer_id"));
    const OpsOutcome outcome = m_store->applyOps(agent, { op });
    if (!outcome.ok || outcome.results.size() != 1) {
        qWarning("intake failed: %s", qPrintable(outcome.error));
        return intakeError(500, "internal", QStringLiteral("The ticket could not be stored."));
    }
    *committedSeq = outcome.lastSeq;
    const OperationResult &r = outcome.results.first();
    if (m_metrics)
        m_metrics->op(r.result);
    if (r.result == OpResult::Rejected) {
        // The rule's code and arguments (the console words them, as the desk does), and the
        // rule in English; never a ticket: a ticket-exists must not show another's ticket.
        const PlanCatalog *plan = nullptr;
        if (const std::optional<Customer> c = m_store->customer(customerId))
            plan = m_catalogs->plan(c->planId);
        const RuleCheck check = RuleCheck::fail(r.code, r.args);
        return refusal(422, r.code, check.message(plan, Language::English), r.args);
    }
    // A replay of another account's request (the same ticket_id) does not show its ticket.
    if (r.ticket.customerId != customerId)
        return refusal(409, QStringLiteral("ticket-exists"),
                       QStringLiteral("ticket_id %1 was used for another ticket.").arg(op.ticketId),
                       { op.ticketId });
    QJsonObject answer { { QStringLiteral("result"), r.result },
                         { QStringLiteral("ticket"), publicTicket(r.ticket) } };
    if (!r.code.isEmpty()) {
        answer.insert(QStringLiteral("code"), r.code);
        answer.insert(QStringLiteral("args"), QJsonArray::fromStringList(r.args));
    }
    HttpResponse response = ok(answer);
    response.status = r.result == OpResult::Applied ? 201 : 200;
    return response;
}

HttpResponse Api::intakeTicket(const Agent &agent, const QString &ticketId)
{
    // An id no ticket can have is not looked up (PostgreSQL refuses NUL in a parameter).
    const auto notFound
        = [] { return intakeError(404, "not-found", QStringLiteral("No such ticket.")); };
    if (!checkId(ticketId).isEmpty())
        return notFound();
    const std::optional<Ticket> t = m_store->ticket(ticketId);
    if (!t)
        return notFound();
    const std::optional<bool> serves = servesCustomer(agent, t->customerId);
    if (!serves)
        return intakeError(500, "internal", QStringLiteral("The account could not be read."));
    if (!*serves)
        return notFound(); // another customer's ticket: not even its existence is told
    const std::optional<QVector<Message>> messages = m_store->publicMessages(t->id);
    if (!messages)
        return intakeError(500, "internal", QStringLiteral("The messages could not be read."));
    // Who wrote each message, as the customer's side names them: the support engineer by
    // display name (never an id), or the customer. A customer's words come from an address or
    // a group, and a console (a service account) writes for the customer: all the customer.
    const std::optional<Customer> customer = m_store->customer(t->customerId);
    const QString customerName = customer ? customer->name : t->customerId;
    QHash<QString, QJsonObject> authors;
    const auto authorOf = [&](const Message &m) {
        auto found = authors.constFind(m.authorId);
        if (found != authors.cend())
            return *found;
        QJsonObject author { { QStringLiteral("role"), QStringLiteral("customer") },
                             { QStringLiteral("name"), customerName } };
        if (m.kind == MessageKind::Public) {
            const std::optional<Agent> by = m_store->agent(m.authorId);
            if (by && readsTheDesk(by->role))
                author = { { QStringLiteral("role"), QStringLiteral("support") },
                           { QStringLiteral("name"), by->name } };
        }
        return *authors.insert(m.authorId, author);
    };
    QJsonArray list;
    for (const Message &m : *messages)
        list.append(QJsonObject { { QStringLiteral("id"), m.id },
                                  { QStringLiteral("author"), authorOf(m) },
                                  { QStringLiteral("body"), m.body },
                                  { QStringLiteral("created_at"), Json::timestamp(m.createdAt) } });
    return ok(
        { { QStringLiteral("ticket"), publicTicket(*t) }, { QStringLiteral("messages"), list } });
}

} // namespace SupportDesk::Server
