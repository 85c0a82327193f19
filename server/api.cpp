// The routes of /api/v1 (see api.h).
#include "api.h"

#include "businesscalendar.h"

#include "leadboard.h"
#include "merge.h"
#include "tag.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace SupportDesk::Server {

namespace {

const QString Base = QStringLiteral("/api/v1");

HttpResponse error(int status, const QByteArray &code, const QString &message,
                   const QString &field = {})
{
    return HttpResponse::json(status, errorBody(code, message, field));
}

bool isLead(const Agent &a)
{
    return a.leadsTeam();
}

// "12" → 12, up to int64's maximum as docs/openapi.yaml says; anything else (a sign, not a
// number, beyond int64) → nullopt.
std::optional<qint64> integerParam(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("\\A[0-9]+\\z")); // "007" is 7
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 n = text.toLongLong(&ok); // false past 9223372036854775807
    if (!ok)
        return std::nullopt;
    return n;
}

bool isRead(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

// A time or a date ("2026-03-01" is its midnight UTC).
QDateTime timeParam(const QString &text)
{
    const QDateTime t = Json::parseTimestamp(text);
    if (t.isValid())
        return t;
    // A date alone, exactly: QDate's ISO reading takes the first ten characters and ignores
    // the rest, so "2000-01-01T00%3A…" or "2000-01-01junk" was read as that midnight.
    static const QRegularExpression date(QStringLiteral("\\A[0-9]{4}-[0-9]{2}-[0-9]{2}\\z"));
    const QDate d = date.match(text).hasMatch() ? QDate::fromString(text, Qt::ISODate) : QDate();
    return d.isValid() ? QDateTime(d, QTime(0, 0), QTimeZone::utc()) : QDateTime();
}

QJsonObject cellJson(const AttainmentCell &c)
{
    QJsonObject o { { QStringLiteral("answered"), c.answered },
                    { QStringLiteral("in_time"), c.inTime },
                    { QStringLiteral("breached_open"), c.breachedOpen },
                    { QStringLiteral("decided"), c.decided() } };
    o.insert(QStringLiteral("share"), c.decided() ? QJsonValue(c.share()) : QJsonValue());
    return o;
}

QJsonArray factsJson(const QVector<TicketFacts> &list)
{
    QJsonArray a;
    for (const TicketFacts &f : list)
        a.append(QJsonObject {
            { QStringLiteral("id"), f.id },
            { QStringLiteral("number"), f.number },
            { QStringLiteral("severity"), f.severity },
            { QStringLiteral("created_at"), Json::timestamp(f.createdAt) },
            { QStringLiteral("due_at"), Json::timestamp(f.dueAt) },
            { QStringLiteral("first_response_at"),
              f.firstResponseAt.isValid() ? QJsonValue(Json::timestamp(f.firstResponseAt))
                                          : QJsonValue() },
            { QStringLiteral("quota_override_reason"), f.quotaOverrideReason } });
    return a;
}

} // namespace

std::optional<QByteArray> PageCache::get(qint64 maxSeq, qint64 after, int limit)
{
    QMutexLocker lock(&m_mutex);
    if (maxSeq != m_seq)
        return std::nullopt;
    const auto it = m_pages.constFind({ after, limit });
    if (it == m_pages.cend())
        return std::nullopt;
    return *it;
}

void PageCache::put(qint64 maxSeq, qint64 after, int limit, const QByteArray &page)
{
    QMutexLocker lock(&m_mutex);
    if (maxSeq < m_seq)
        return; // read before a newer commit: not worth keeping
    if (maxSeq != m_seq || m_pages.size() >= 512) {
        m_pages.clear();
        m_seq = maxSeq;
    }
    m_pages.insert({ after, limit }, page);
}

std::optional<Agent> Api::authenticate(const QString &token)
{
    constexpr qint64 TokenCacheMs = 2000;
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 now = m_clock.elapsed();
    const auto it = m_tokens.constFind(token);
    if (it != m_tokens.cend() && it->until > now)
        return it->agent;
    std::optional<Agent> agent = m_store->agentByToken(token);
    if (m_tokens.size() > 1000)
        m_tokens.clear();
    if (agent)
        m_tokens.insert(token, { *agent, now + TokenCacheMs });
    else
        m_tokens.remove(token);
    return agent;
}

HttpResponse badRequest(const QString &message, const QString &field)
{
    return error(400, "bad-request", message, field);
}

QDateTime Api::now() const
{
    return m_time ? m_time->now() : QDateTime::currentDateTimeUtc();
}

HttpResponse Api::ok(QJsonObject body) const
{
    body.insert(QStringLiteral("server_time"), Json::timestamp(now()));
    return HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QVector<HttpResponse> Api::handleWrites(const QVector<HttpRequest> &requests, qint64 *committedSeq)
{
    QVector<HttpResponse> responses(requests.size());
    QVector<OpsBatch> batches;
    QVector<qsizetype> owners; // the request of each batch
    m_deferred = &batches;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const qsizetype before = batches.size();
        qint64 seq = 0;
        responses[i] = handle(requests.at(i), &seq);
        *committedSeq = std::max(*committedSeq, seq);
        if (batches.size() > before)
            owners.append(i);
    }
    m_deferred = nullptr;
    if (!batches.isEmpty()) {
        const QVector<OpsOutcome> outcomes = m_store->applyOpsGroup(batches);
        for (qsizetype b = 0; b < outcomes.size(); ++b) {
            qint64 seq = 0;
            responses[owners.at(b)] = opsResponse(outcomes.at(b), &seq);
            *committedSeq = std::max(*committedSeq, seq);
        }
    }
    return responses;
}

bool Api::isWrite(const HttpRequest &request)
{
    return !isRead(request.method);
}

HttpResponse Api::handle(const HttpRequest &request, qint64 *committedSeq)
{
    if (request.path == u"/healthz")
        return healthz(request);
    if (!request.path.startsWith(Base + u'/'))
        return error(404, "not-found", QStringLiteral("No route %1.").arg(request.path));
    const QString route = request.path.mid(Base.size());
    // Who may use a route. A service account (a console) has the intake routes and the
    // catalog; the desk's routes (the feed of every ticket, ops, the stream) are not its own.
    enum class Access { Any, Desk, Lead, Service, Signed };
    struct Route
    {
        const char *path;
        const char *method;
        Access access;
    };
    static const Route routes[] = {
        { "/catalog", "GET", Access::Any },
        { "/me", "GET", Access::Any },
        { "/changes", "GET", Access::Desk },
        { "/ops", "POST", Access::Desk },
        { "/settings", "PUT", Access::Lead },
        { "/reports/attainment", "GET", Access::Lead },
        { "/stream", "GET", Access::Desk },
        { "/intake/tickets", "POST", Access::Service },
        { "/triage", "GET", Access::Lead },
    };
    // Routes with ids in the path: the pattern, then its routes.
    static const QRegularExpression customerReportRoute(
        QStringLiteral("\\A/reports/customer/([^/]+)\\z"));
    static const QRegularExpression intakeTicketRoute(
        QStringLiteral("\\A/intake/tickets/([^/]+)\\z"));
    static const QRegularExpression attachmentsRoute(
        QStringLiteral("\\A/tickets/([^/]+)/attachments\\z"));
    static const QRegularExpression imRoute(QStringLiteral("\\A/im/([^/]+)\\z"));
    static const QRegularExpression triageRoute(QStringLiteral("\\A/triage/([^/]+)\\z"));
    static const QRegularExpression attachmentRoute(
        QStringLiteral("\\A/tickets/([^/]+)/attachments/([^/]+)\\z"));
    static const Route customerRoute[] { { "/reports/customer/{id}", "GET", Access::Lead } };
    static const Route intakeRoute[] { { "/intake/tickets/{id}", "GET", Access::Service } };
    // The desk's and a service account's: access is the ticket's (visibleTicket()).
    static const Route attachmentsRoutes[] {
        { "/tickets/{id}/attachments", "GET", Access::Any },
        { "/tickets/{id}/attachments", "POST", Access::Any } };
    static const Route attachmentRoutes[] {
        { "/tickets/{id}/attachments/{attachment_id}", "GET", Access::Any } };
    // An IM group's webhook: signed with the group's secret instead of a token.
    static const Route imRoutes[] { { "/im/{group}", "POST", Access::Signed } };
    static const Route triageRoutes[] { { "/triage/{id}", "POST", Access::Lead } };
    struct IdRoute
    {
        const QRegularExpression *pattern;
        const Route *routes;
        qsizetype count;
    };
    static const IdRoute idRoutes[] = {
        { &customerReportRoute, customerRoute, 1 },
        { &intakeTicketRoute, intakeRoute, 1 },
        { &attachmentsRoute, attachmentsRoutes, 2 },
        { &attachmentRoute, attachmentRoutes, 1 },
        { &imRoute, imRoutes, 1 },
        { &triageRoute, triageRoutes, 1 },
    };
    QStringList pathIds;
    const Route *candidates = routes;
    qsizetype candidateCount = qsizetype(std::size(routes));
    bool byPattern = false;
    for (const IdRoute &r : idRoutes) {
        const QRegularExpressionMatch m = r.pattern->match(route);
        if (m.hasMatch()) {
            pathIds = m.capturedTexts().mid(1);
            candidates = r.routes;
            candidateCount = r.count;
            byPattern = true;
            break;
        }
    }
    const Route *found = nullptr;
    bool pathKnown = false;
    // HEAD is answered as GET is, without the body (the HTTP layer leaves it out).
    const QByteArray method = request.method == "HEAD" ? QByteArrayLiteral("GET") : request.method;
    QByteArrayList allowed;
    for (qsizetype i = 0; i < candidateCount; ++i) {
        const Route &r = candidates[i];
        if (byPattern || route == QLatin1String(r.path)) {
            pathKnown = true;
            allowed.append(r.method);
            if (r.method == QByteArrayLiteral("GET"))
                allowed.append("HEAD");
            if (method == r.method)
                found = &r;
        }
    }
    if (!pathKnown)
        return error(404, "not-found", QStringLiteral("No route %1.").arg(request.path));
    if (!found)
        return methodNotAllowed(allowed.join(", "),
                                QStringLiteral("%1 is not allowed on %2.")
                                    .arg(QString::fromLatin1(request.method), request.path));

    if (found->access == Access::Signed)
        return imWebhook(pathIds.value(0), request, committedSeq);
    const QString token = request.bearerToken();
    if (token.isEmpty())
        return error(401, "unauthorized", QStringLiteral("Send Authorization: Bearer <token>."));
    const std::optional<Agent> agent = authenticate(token);
    if (!agent)
        return error(401, "unauthorized", QStringLiteral("The token is not valid."));
    switch (found->access) {
    case Access::Any:
        break;
    case Access::Desk:
        if (!readsTheDesk(agent->role))
            return error(403, "forbidden",
                         QStringLiteral("A service account uses the intake routes only."));
        break;
    case Access::Lead:
        if (!isLead(*agent))
            return error(403, "forbidden", QStringLiteral("This route is for leads and admins."));
        break;
    case Access::Signed: // answered above
        break;
    case Access::Service:
        if (agent->role != AgentRole::Service)
            return error(403, "forbidden",
                         QStringLiteral("The intake routes are for service accounts."));
        break;
    }

    if (found == intakeRoute)
        return intakeTicket(*agent, pathIds.value(0));
    if (found == triageRoutes)
        return triageDecide(*agent, pathIds.value(0), request, committedSeq);
    if (found == customerRoute)
        return customerReport(pathIds.value(0), request);
    if (found == &attachmentsRoutes[0])
        return attachmentList(*agent, pathIds.value(0));
    if (found == &attachmentsRoutes[1])
        return attachmentUpload(*agent, pathIds.value(0), request, committedSeq);
    if (found == attachmentRoutes)
        return attachmentDownload(*agent, pathIds.value(0), pathIds.value(1));
    if (route == u"/catalog")
        return catalog();
    if (route == u"/me")
        return me(*agent);
    if (route == u"/changes")
        return changes(*agent, request);
    if (route == u"/ops")
        return ops(*agent, request, committedSeq);
    if (route == u"/settings")
        return putSettings(*agent, request, committedSeq);
    if (route == u"/reports/attainment")
        return attainment(request);
    if (route == u"/intake/tickets")
        return intakeCreate(*agent, request, committedSeq);
    if (route == u"/triage")
        return triageList(request);
    // /stream: upgrades are taken before this (TicketServer)
    return badRequest(QStringLiteral("The stream is a WebSocket: send an Upgrade request."));
}

HttpResponse Api::catalog()
{
    if (m_catalogBody.isEmpty()) {
        QByteArray plans;
        for (const PlanCatalog &p : m_catalogs->plans())
            plans += (plans.isEmpty() ? "" : ",") + p.json();
        m_catalogBody = ",\"plans\":[" + plans + "]}";
    }
    // The holiday calendar an admin loaded (`calendar load`), read on each request so a new
    // schedule is served at once; the built-in one until then. It was validated when loaded.
    const std::optional<QByteArray> loaded = m_store->document(QStringLiteral("calendar"));
    if (!loaded)
        return error(500, "internal", QStringLiteral("The holiday calendar could not be read."));
    const QByteArray calendar = loaded->isEmpty() ? BusinessCalendar::builtInJson() : *loaded;
    // server_time first, then the calendar and the plans as their files have them.
    QByteArray body = "{\"server_time\":\"" + Json::timestamp(now()).toLatin1() + '"';
    if (!calendar.isEmpty())
        body += ",\"calendar\":" + calendar;
    body += m_catalogBody;
    return HttpResponse::json(200, body);
}

// For load balancers and monitors: no token, and 200 only when this reader's database
// connection answers a query.
HttpResponse Api::healthz(const HttpRequest &request)
{
    if (!isRead(request.method))
        return methodNotAllowed("GET, HEAD", QStringLiteral("/healthz answers GET only."));
    const std::optional<qint64> seq = m_store->maxSeq();
    if (!seq)
        return error(503, "unavailable", QStringLiteral("The database does not answer."));
    return ok(
        { { QStringLiteral("status"), QStringLiteral("ok") }, { QStringLiteral("seq"), *seq } });
}

HttpResponse Api::me(const Agent &agent)
{
    // What the desk checks a file against before it queues it (docs/attachments.md).
    return ok({ { QStringLiteral("agent"), Json::toJson(agent) },
                { QStringLiteral("limits"),
                  QJsonObject { { QStringLiteral("max_attachment_bytes"),
                                  m_limits.maxAttachmentBytes } } } });
}

HttpResponse Api::changes(const Agent &agent, const HttpRequest &request)
{
    qint64 after = 0;
    int limit = m_limits.defaultPage;
    if (request.query.hasQueryItem(QStringLiteral("after"))) {
        const auto v = integerParam(request.param(QStringLiteral("after")));
        if (!v)
            return badRequest(QStringLiteral("after must be an integer from 0 to 2^63 - 1."),
                              QStringLiteral("after"));
        after = *v;
    }
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        const auto v = integerParam(request.param(QStringLiteral("limit")));
        if (!v || *v < 1)
            return badRequest(QStringLiteral("limit must be an integer from 1 to 2^63 - 1."),
                              QStringLiteral("limit"));
        limit = int(std::min<qint64>(*v, m_limits.maxPage));
    }
    // The highest seq first: a page read after it is at least as new as its cache key.
    const std::optional<qint64> maxSeq = m_store->maxSeq();
    if (!maxSeq)
        return error(500, "internal", QStringLiteral("The feed could not be read."));
    std::optional<QByteArray> page = m_pages ? m_pages->get(*maxSeq, after, limit) : std::nullopt;
    if (!page) {
        // A page holding a record for one account only (an agent's own macro) differs by
        // who reads it: it is not kept for the next reader.
        bool personal = false;
        page = m_store->changesPage(after, limit, agent.id, &personal);
        if (!page)
            return error(500, "internal", QStringLiteral("The feed could not be read."));
        if (m_pages && !personal)
            m_pages->put(*maxSeq, after, limit, *page);
    }
    HttpResponse response = HttpResponse::json(200, *page); // shared, not copied
    response.bodyPrefix = "{\"server_time\":\"" + Json::timestamp(now()).toLatin1() + "\",";
    return response;
}

HttpResponse Api::ops(const Agent &agent, const HttpRequest &request, qint64 *committedSeq)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("The body is not JSON: %1 at offset %2.")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    if (!doc.isObject())
        return badRequest(QStringLiteral("The body must be a JSON object."), QStringLiteral("$"));
    const QJsonValue list = doc.object().value(QStringLiteral("ops"));
    if (!list.isArray())
        return badRequest(QStringLiteral("ops must be an array."), QStringLiteral("ops"));
    const QJsonArray array = list.toArray();
    if (array.size() > m_limits.maxOps)
        return badRequest(QStringLiteral("A batch holds at most %1 ops.").arg(m_limits.maxOps),
                          QStringLiteral("ops"));
    QVector<Operation> operations;
    operations.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("ops[%1]").arg(i);
        if (!array.at(i).isObject())
            return badRequest(QStringLiteral("%1 must be an object.").arg(path), path);
        Operation op;
        QStringList problems;
        if (!Json::fromJson(array.at(i).toObject(), &op, &problems, path)) {
            const QString first = problems.value(0);
            return badRequest(first, first.section(u':', 0, 0));
        }
        // An op_id or ticket_id no store can hold (NUL, too long) is refused here, before the
        // write transaction that other agents' ops share; payload fields are refused by the
        // store per op (invalid-op), by the same codec (core/ticketedit).
        if (const QString problem = checkOperation(op); !problem.isEmpty())
            return badRequest(path + u'.' + problem, path + u'.' + problem.section(u':', 0, 0));
        // A hostile tag, or a merge's or link's target that is no id, is a malformed request,
        // named by its field (core/tag.h, core/merge.h).
        if (isTagOp(op.type) || isMergeOrLinkOp(op.type)) {
            QString problem;
            if (!decodeEdit(op, &problem))
                return badRequest(path + u'.' + problem,
                                  path + u'.' + problem.section(u':', 0, 0));
        }
        // (null is as left out, as for every optional field the codec reads)
        const QJsonValue payload = array.at(i).toObject().value(QStringLiteral("payload"));
        if (!payload.isUndefined() && !payload.isNull() && !payload.isObject()) {
            return badRequest(QStringLiteral("%1.payload must be an object.").arg(path),
                              path + QStringLiteral(".payload"));
        }
        operations.append(op);
    }
    if (m_deferred) {
        // Group commit: applied with the other requests of the group (handleWrites()).
        m_deferred->append({ agent, operations });
        return {};
    }
    return opsResponse(m_store->applyOps(agent, operations), committedSeq);
}

HttpResponse Api::opsResponse(const OpsOutcome &outcome, qint64 *committedSeq)
{
    if (!outcome.ok) {
        qWarning("ops failed: %s", qPrintable(outcome.error));
        return error(500, "internal", QStringLiteral("The operations could not be stored."));
    }
    *committedSeq = outcome.lastSeq;
    // The body ok() would make, {"results":[…],"server_time":"…"} (QJsonDocument's key order),
    // of the results as the store encoded them for applied_ops where it did: encoding a
    // result again was a fifth of the writer's CPU an op.
    QByteArray body = QByteArrayLiteral("{\"results\":[");
    for (qsizetype i = 0; i < outcome.results.size(); ++i) {
        const OperationResult &r = outcome.results.at(i);
        if (i > 0)
            body += ',';
        const QByteArray encoded = outcome.encoded.value(i);
        body += encoded.isEmpty() ? QJsonDocument(Json::toJson(r)).toJson(QJsonDocument::Compact)
                                  : encoded;
        if (m_metrics)
            m_metrics->op(r.result);
    }
    body += QByteArrayLiteral("],\"server_time\":\"") + Json::timestamp(now()).toUtf8() + "\"}";
    return HttpResponse::json(200, body);
}

HttpResponse Api::putSettings(const Agent &agent, const HttpRequest &request, qint64 *committedSeq)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return badRequest(QStringLiteral("The body must be a JSON object."), QStringLiteral("$"));
    const std::optional<TeamSettings> current = m_store->settings();
    if (!current)
        return error(500, "internal", QStringLiteral("The settings could not be read."));
    // Fields left out keep their values.
    QJsonObject merged = Json::toJson(*current);
    const QJsonObject given = doc.object();
    for (auto it = given.begin(); it != given.end(); ++it) {
        // null is as left out: the codec would read it as its default (0 minutes, ¼)
        if (!it.value().isNull())
            merged.insert(it.key(), it.value());
    }
    TeamSettings s;
    QStringList problems;
    if (!Json::fromJson(merged, &s, &problems)) {
        const QString first = problems.value(0);
        return badRequest(first, first.section(u':', 0, 0));
    }
    const std::optional<qint64> seq = m_store->putSettings(agent, s);
    if (!seq)
        return error(500, "internal", QStringLiteral("The settings could not be stored."));
    *committedSeq = *seq;
    s.seq = *seq;
    return ok({ { QStringLiteral("settings"), Json::toJson(s) } });
}

HttpResponse Api::attainment(const HttpRequest &request)
{
    const QDateTime to = request.query.hasQueryItem(QStringLiteral("to"))
        ? timeParam(request.param(QStringLiteral("to")))
        : now();
    const QDateTime from = request.query.hasQueryItem(QStringLiteral("from"))
        ? timeParam(request.param(QStringLiteral("from")))
        : to.addDays(-30);
    if (!to.isValid())
        return badRequest(QStringLiteral("to must be an ISO 8601 time or date."),
                          QStringLiteral("to"));
    if (!from.isValid() || from > to)
        return badRequest(QStringLiteral("from must be an ISO 8601 time or date before to."),
                          QStringLiteral("from"));
    const auto tickets = m_store->ticketsCreated(from, to);
    if (!tickets)
        return error(500, "internal", QStringLiteral("The tickets could not be read."));
    QVector<TicketFacts> facts;
    for (const Ticket &t : *tickets)
        facts.append(TicketFacts::from(t));
    const Attainment a = computeAttainment(facts, from, to, now());
    QJsonArray cells;
    for (auto it = a.cells.cbegin(); it != a.cells.cend(); ++it) {
        const QStringList key = it.key().split(u'/');
        QJsonObject cell = cellJson(it.value());
        cell.insert(QStringLiteral("plan_id"), key.value(0));
        cell.insert(QStringLiteral("edition_id"), key.value(1));
        cell.insert(QStringLiteral("severity"), key.value(2));
        cells.append(cell);
    }
    return ok({ { QStringLiteral("from"), Json::timestamp(from) },
                { QStringLiteral("to"), Json::timestamp(to) },
                { QStringLiteral("overall"), cellJson(a.overall) },
                { QStringLiteral("cells"), cells } });
}

HttpResponse Api::customerReport(const QString &customerId, const HttpRequest &request)
{
    // Years 1970 to 2999, as docs/openapi.yaml's pattern says: a month before any server
    // time or past four-digit years (the window below reaches into the next month) has no
    // report, and year 0000 is no year at all (QDate(0, …) is invalid).
    static const QRegularExpression monthPattern(
        QStringLiteral("\\A(19[7-9][0-9]|2[0-9]{3})-(0[1-9]|1[0-2])\\z"));
    const QString monthText = request.param(QStringLiteral("month"));
    const QRegularExpressionMatch m = monthPattern.match(monthText);
    const int year = m.captured(1).toInt(), month = m.captured(2).toInt();
    if (!m.hasMatch() || !QDate(year, month, 1).isValid())
        return badRequest(QStringLiteral("month must be YYYY-MM, 1970-01 to 2999-12."),
                          QStringLiteral("month"));
    // An id no customer can have (NUL, longer than any id) is not looked up: PostgreSQL
    // refuses NUL in a text parameter, and that would be a 500.
    if (!checkId(customerId).isEmpty())
        return error(404, "not-found", QStringLiteral("No such customer."));
    const std::optional<Customer> customer = m_store->customer(customerId);
    if (!customer)
        return error(404, "not-found", QStringLiteral("No customer %1.").arg(customerId));
    // Only for a customer whose edition includes service reports, as the desk offers them:
    // a rule of the customer's plan, refused as a plan rule is (422, docs/api.md).
    if (const RuleCheck entitled
        = checkServiceReports(*m_catalogs, customer->planId, customer->editionId);
        !entitled.allowed())
        return refusal(422, entitled.code,
                       entitled.message(m_catalogs->plan(customer->planId), Language::English),
                       entitled.args);
    // A generous window around the month; the report cuts it in the customer's zone.
    const QDateTime from(QDate(year, month, 1).addDays(-2), QTime(0, 0), QTimeZone::utc());
    const QDateTime to(QDate(year, month, 1).addMonths(1).addDays(2), QTime(0, 0),
                       QTimeZone::utc());
    const auto tickets = m_store->ticketsCreated(from, to, customer->id);
    if (!tickets)
        return error(500, "internal", QStringLiteral("The tickets could not be read."));
    QVector<TicketFacts> facts;
    QStringList ids;
    for (const Ticket &t : *tickets) {
        facts.append(TicketFacts::from(t));
        ids.append(t.id);
    }
    const auto reclassifications = m_store->severityChanges(ids);
    if (!reclassifications)
        return error(500, "internal", QStringLiteral("The history could not be read."));
    const ServiceReport r = computeServiceReport(*customer, facts, *reclassifications, *m_catalogs,
                                                 year, month, now());
    QJsonObject bySeverity;
    for (auto it = r.bySeverity.cbegin(); it != r.bySeverity.cend(); ++it)
        bySeverity.insert(it.key(), it.value());
    QJsonArray reclassified;
    for (const SeverityChange &c : r.reclassifications)
        reclassified.append(Json::toJson(c));
    QJsonObject cells;
    for (auto it = r.attainment.cells.cbegin(); it != r.attainment.cells.cend(); ++it)
        cells.insert(it.key(), cellJson(it.value()));
    return ok({ { QStringLiteral("customer"), Json::toJson(*customer) },
                { QStringLiteral("month"), monthText },
                { QStringLiteral("start"), Json::timestamp(r.start) },
                { QStringLiteral("end"), Json::timestamp(r.end) },
                { QStringLiteral("tickets"), r.tickets },
                { QStringLiteral("by_severity"), bySeverity },
                { QStringLiteral("attainment"),
                  QJsonObject { { QStringLiteral("overall"), cellJson(r.attainment.overall) },
                                { QStringLiteral("cells"), cells } } },
                { QStringLiteral("breaches"), factsJson(r.breaches) },
                { QStringLiteral("reclassifications"), reclassified },
                { QStringLiteral("over_quota"), factsJson(r.overQuota) } });
}

} // namespace SupportDesk::Server
