// POST /ops: the operations with their rules, exactly once, in group commits (see store.h).
// The effect of an edit is core's applyEdit; here are its persistence, the
// database-only checks (quota count, message ids) and create-ticket's server-side fields.
#include "store.h"
#include "storesql.h"

#include "planrules.h"
#include "ticketedit.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

OperationResult result(const Operation &op, const QString &kind, const QString &code = {},
                       const QStringList &args = {})
{
    OperationResult r;
    r.opId = op.opId;
    r.result = kind;
    r.code = code;
    r.args = args;
    return r;
}

OperationResult rejected(const Operation &op, const QString &code, const QStringList &args = {},
                         const std::optional<Ticket> &ticket = std::nullopt)
{
    OperationResult r = result(op, OpResult::Rejected, code, args);
    if (ticket) {
        r.hasTicket = true;
        r.ticket = *ticket;
    }
    return r;
}

OperationResult rejected(const Operation &op, const RuleCheck &check,
                         const std::optional<Ticket> &ticket = std::nullopt)
{
    return rejected(op, check.code, check.args, ticket);
}

using TicketFlag::OutOfScope;
using TicketFlag::OverQuota;

} // namespace

std::optional<int> Store::ticketsInWindow(const QString &customerId, const QDateTime &from,
                                          const QDateTime &to)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE customer_id = ? AND "
                             "created_at >= ? AND created_at < ?"));
    q.addBindValue(customerId);
    q.addBindValue(Json::timestamp(from));
    q.addBindValue(Json::timestamp(to));
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.value(0).toInt();
}

OpsOutcome Store::applyOps(const Agent &by, const QVector<Operation> &ops)
{
    return applyOpsGroup({ { by, ops } }).value(0);
}

QVector<OpsOutcome> Store::applyOpsGroup(const QVector<OpsBatch> &batches)
{
    QVector<OpsOutcome> outcomes(batches.size());
    const auto failAll = [&](const QString &error) {
        for (OpsOutcome &o : outcomes) {
            o.ok = false;
            o.error = error;
            o.results.clear();
        }
        return outcomes;
    };
    if (!begin())
        return failAll(m_error);
    for (qsizetype b = 0; b < batches.size(); ++b) {
        const Agent &by = batches.at(b).by;
        for (const Operation &op : batches.at(b).ops) {
            bool dbError = false;
            bool replayed = false;
            OperationResult r = applyOne(by, op, &dbError, &replayed);
            if (dbError) {
                const QString error = m_error;
                rollback();
                return failAll(error);
            }
            // Conflicts are not final: the client re-sends the same op on a newer base version.
            if (!replayed && (r.result == OpResult::Applied || r.result == OpResult::Rejected)) {
                QSqlQuery q(m_db);
                q.prepare(QStringLiteral("INSERT INTO applied_ops (op_id, agent_id, result, "
                                         "applied_at) VALUES (?, ?, ?, ?)"));
                q.addBindValue(op.opId);
                q.addBindValue(text(by.id));
                q.addBindValue(compact(Json::toJson(r)));
                q.addBindValue(Json::timestamp(m_now));
                if (!q.exec()) {
                    const QString error = q.lastError().text();
                    rollback();
                    return failAll(error);
                }
            }
            outcomes[b].results.append(r);
        }
    }
    if (!commit()) {
        const QString error = m_error;
        rollback();
        return failAll(error);
    }
    for (OpsOutcome &o : outcomes) {
        o.ok = true;
        o.lastSeq = m_txSeq;
    }
    return outcomes;
}

OperationResult Store::applyOne(const Agent &by, const Operation &op, bool *dbError, bool *replayed)
{
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT result FROM applied_ops WHERE op_id = ?"));
        q.addBindValue(op.opId);
        if (!q.exec()) {
            fail(q.lastError().text());
            *dbError = true;
            return {};
        }
        if (q.next()) {
            OperationResult first;
            Json::fromJson(parseObject(q.value(0).toString()), &first, nullptr);
            first.opId = op.opId;
            *replayed = true;
            if (first.result == OpResult::Applied)
                first.result = OpResult::Duplicate;
            return first; // a rejection stays a rejection
        }
    }
    const std::optional<OpType> type = opTypeFromName(op.type);
    if (!type)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("type: unknown operation %1").arg(op.type) });
    if (*type == OpType::CreateTicket)
        return createTicket(by, op, dbError);

    std::optional<Ticket> current = ticket(op.ticketId);
    if (!current)
        return rejected(op, QStringLiteral("unknown-ticket"), { op.ticketId });
    if (op.baseVersion != current->version) {
        OperationResult r = result(op, OpResult::Conflict, OpResult::Conflict);
        r.hasTicket = true;
        r.ticket = *current;
        return r;
    }
    const PlanCatalog *plan = m_catalogs->plan(current->planId);
    if (!plan)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("the server has no plan %1").arg(current->planId) },
                        current);
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit)
        return rejected(op, QStringLiteral("invalid-op"), { problem }, current);
    // What only the database knows; the edit's effect (and who may make it) is core's applyEdit.
    if (edit->type == OpType::Reply || edit->type == OpType::Note) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT 1 FROM messages WHERE id = ?"));
        q.addBindValue(edit->messageId);
        if (!q.exec()) {
            *dbError = true;
            fail(q.lastError().text());
            return {};
        }
        if (q.next())
            return rejected(op, QStringLiteral("invalid-op"),
                            { QStringLiteral("payload.message_id: message %1 exists")
                                      .arg(edit->messageId) },
                            current);
    }
    EditContext context;
    context.actor = by;
    context.at = m_now;
    context.plan = plan;
    context.findAgent = [this](const QString &id) { return agent(id); };
    EditOutcome outcome = applyEdit(*current, *edit, context);
    if (outcome.refused())
        return rejected(op, outcome.refusal, current);
    Ticket t = outcome.ticket;
    QVector<Message> &messages = outcome.messages;
    for (Message &m : messages) {
        if (m.id.isEmpty())
            m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    const RuleCheck &info = outcome.info;

    ++t.version;
    const bool written = [&] {
        if (!writeTicket(t))
            return false;
        for (Message &m : messages) {
            if (!writeMessage(m))
                return false;
        }
        if (outcome.severityChange) {
            // The record as applyEdit made it (by the acting agent, at the server's time),
            // named here: the feed and the table hold the same one.
            SeverityChange change = *outcome.severityChange;
            change.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const qint64 seq = nextSeq();
            QJsonObject record = Json::toJson(change);
            record.insert(QStringLiteral("seq"), seq);
            if (!writeRecord(QStringLiteral("severity_change"), change.id, seq, record))
                return false;
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("INSERT INTO severity_changes (id, ticket_id, from_severity, "
                                     "to_severity, reason, changed_by, changed_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)"));
            for (const QString &v : { change.id, change.ticketId, change.fromSeverity,
                                      change.toSeverity, change.reason, change.changedBy,
                                      Json::timestamp(change.changedAt) })
                q.addBindValue(text(v));
            if (!q.exec())
                return fail(q.lastError().text());
        }
        return audit(by.id, op.type, t.id,
                     QJsonObject { { QStringLiteral("op_id"), op.opId },
                                   { QStringLiteral("payload"), op.payload },
                                   { QStringLiteral("version"), t.version } });
    }();
    if (!written) {
        *dbError = true;
        return {};
    }
    OperationResult r = result(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

OperationResult Store::createTicket(const Agent &by, const Operation &op, bool *dbError)
{
    if (const std::optional<Ticket> existing = ticket(op.ticketId))
        return rejected(op, QStringLiteral("ticket-exists"), { op.ticketId }, existing);
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    // The same ticket the client's preview shows, then the server's own plan, deadline and
    // number; the preview hints (plan, edition, deadline) are not the client's to decide.
    Ticket t = edit ? ticketFromCreate(op.ticketId, *edit, m_now) : Ticket();
    t.quotaOverrideReason.clear();
    t.updatedAt = {};
    const QString overrideReason = edit ? edit->quotaOverrideReason.trimmed() : QString();
    if (problem.isEmpty() && t.subject.isEmpty())
        problem = QStringLiteral("payload.subject: must not be empty");
    if (problem.isEmpty() && QUuid::fromString(t.id).isNull())
        problem = QStringLiteral("ticket_id: must be a UUID");
    if (!problem.isEmpty())
        return rejected(op, QStringLiteral("invalid-op"), { problem });
    const std::optional<Customer> customer = this->customer(t.customerId);
    if (!customer)
        return rejected(op, QStringLiteral("unknown-customer"), { t.customerId });
    const PlanCatalog *plan = m_catalogs->plan(customer->planId);
    if (!plan)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("the server has no plan %1").arg(customer->planId) });
    const PlanRules rules(*plan);
    t.planId = customer->planId;
    t.editionId = customer->editionId;
    if (!plan->severity(t.severity))
        return rejected(op, QStringLiteral("unknown-severity"), { t.severity });
    RuleCheck check = rules.checkChannel(t.editionId, t.channel);
    if (!check.allowed())
        return rejected(op, check);
    check = rules.checkSubClient(t.subClient);
    if (!check.allowed())
        return rejected(op, check);
    // A partner whose sub-client accounts are on file: the ticket must name one of them
    // (the same code, with the account given, so the client words it as the missing case).
    if (plan->subClientRequired() && !customer->subClients.isEmpty()
        && std::none_of(customer->subClients.cbegin(), customer->subClients.cend(),
                        [&t](const SubClient &s) { return s.account == t.subClient; }))
        return rejected(op, QStringLiteral("sub-client-required"), {t.subClient});

    QuotaUse use;
    if (const Edition *e = plan->edition(t.editionId))
        use.limit = e->monthlyQuota;
    if (use.limit) {
        // Only an edition with a quota counts its month: the count reads every ticket the
        // customer opened in it, which for a busy unlimited customer grows without bound.
        const QTimeZone zone(customer->timeZone.toUtf8());
        const MonthWindow month = rules.quotaMonth(m_now, zone);
        const std::optional<int> before = ticketsInWindow(t.customerId, month.start, month.end);
        if (!before) {
            *dbError = true;
            return {};
        }
        use.used = *before + 1;
    }
    check = rules.checkQuota(use, overrideReason);
    if (!check.allowed())
        return rejected(op, check);
    if (use.overQuota()) {
        t.flags.append(OverQuota);
        t.quotaOverrideReason = overrideReason;
    }
    RuleCheck info;
    if (!t.software.isEmpty()) {
        const ScopeCheck scope = rules.checkSoftware(t.software, t.softwareVersion);
        info = scope.check;
        t.software = scope.name; // the catalog's spelling, the version alone
        t.softwareVersion = scope.version;
        if (!info.allowed())
            t.flags.append(OutOfScope);
    }

    if (m_txNumber < 0) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_number'"))
            || !q.next()) {
            *dbError = true;
            fail(q.lastError().text());
            return {};
        }
        m_txNumber = q.value(0).toLongLong();
    }
    t.number = ++m_txNumber;
    t.status = TicketStatus::New;
    t.createdAt = m_now;
    t.dueAt = rules.deadline(t.editionId, t.severity, m_now);
    t.version = 1;
    if (!writeTicket(t)) {
        *dbError = true;
        return {};
    }
    if (use.overQuota()) {
        Message m;
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.ticketId = t.id;
        m.kind = MessageKind::System;
        m.authorId = by.id;
        m.body = QStringLiteral("Taken over the monthly quota (%1 of %2): %3")
                     .arg(use.used)
                     .arg(use.limit.value_or(0))
                     .arg(overrideReason);
        m.event = QStringLiteral("over-quota");
        m.args = { QString::number(use.used), QString::number(use.limit.value_or(0)),
                   overrideReason };
        m.createdAt = m_now;
        if (!writeMessage(m)) {
            *dbError = true;
            return {};
        }
    }
    if (!audit(by.id, op.type, t.id,
               QJsonObject { { QStringLiteral("op_id"), op.opId },
                             { QStringLiteral("payload"), op.payload } })) {
        *dbError = true;
        return {};
    }
    OperationResult r = result(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

} // namespace SupportDesk::Server
