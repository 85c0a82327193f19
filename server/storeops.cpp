// POST /ops: the operations with their rules, exactly once, in group commits (see store.h).
// The effect of an edit is core's applyEdit; here are its persistence, the
// database-only checks (quota count, message ids) and create-ticket's server-side fields.
#include "store.h"
#include "attachmentrecord.h"
#include "storesql.h"

#include "macro.h"
#include "planrules.h"
#include "savedview.h"
#include "ticketedit.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

OperationResult rejected(const Operation &op, const QString &code, const QStringList &args = {},
                         const std::optional<Ticket> &ticket = std::nullopt)
{
    OperationResult r = opResult(op, OpResult::Rejected, code, args);
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

// `q`'s COUNT(*) with (customer, from, to) bound: the quota month's counts.
std::optional<int> countInWindow(QSqlQuery &q, const QString &customerId, const QDateTime &from,
                                 const QDateTime &to)
{
    q.bindValue(0, customerId);
    q.bindValue(1, Json::timestamp(from));
    q.bindValue(2, Json::timestamp(to));
    if (!q.exec() || !q.next())
        return std::nullopt;
    const int count = q.value(0).toInt();
    q.finish();
    return count;
}

using TicketFlag::OutOfScope;
using TicketFlag::OverQuota;

} // namespace

std::optional<int> Store::ticketsInWindow(const QString &customerId, const QDateTime &from,
                                          const QDateTime &to)
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE customer_id = ? AND "
                                           "created_at >= ? AND created_at < ?"));
    const std::optional<int> raw = countInWindow(q, customerId, from, to);
    if (!raw) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    int count = *raw;
    if (m_tx.open && m_tx.late) // counted without the sequence row: checked again under it
        m_tx.quota.append(QJsonArray { customerId, Json::timestamp(from), Json::timestamp(to),
                                       QString::number(count) });
    // PostgreSQL: the tickets this transaction created, not sent yet (see Store::write); they
    // are all created now.
    if (m_postgres && m_now >= from && m_now < to)
        count += m_tx.created.value(customerId);
    // Checked again above by the raw count; a merge is one request with its target.
    const std::optional<int> merged = mergedInWindow(customerId, from, to);
    if (!merged)
        return std::nullopt;
    return count - *merged;
}

std::optional<int> Store::mergedInWindow(const QString &customerId, const QDateTime &from,
                                         const QDateTime &to)
{
    // A merged ticket is closed, and only its record carries merged_into (Json::toJson writes
    // it only when set; the record is the server's own compact JSON on both databases): the
    // customer's closed tickets of the month, a few, are all this reads. No column, so no
    // schema step and nothing for supportdesk_write_group() to write (docs/merge.md).
    QSqlQuery &q = prepared(QStringLiteral(
            "SELECT COUNT(*) FROM tickets t JOIN records r ON r.kind = 'ticket' AND r.id = t.id "
            "WHERE t.customer_id = ? AND t.status = 'closed' AND t.created_at >= ? "
            "AND t.created_at < ? AND r.data LIKE '%\"merged_into\":\"%'"));
    const std::optional<int> merged = countInWindow(q, customerId, from, to);
    if (!merged)
        fail(q.lastError().text());
    return merged;
}

Store::Prefetch Store::prefetchQuery(const QVector<OpsBatch> &batches,
                                    const QVector<bool> &excluded,
                                    const std::function<QString(const QString &)> &literal)
{
    Prefetch p;
    for (qsizetype b = 0; b < batches.size(); ++b) {
        if (excluded.at(b))
            continue;
        for (const Operation &op : batches.at(b).ops) {
            p.opIds.insert(op.opId);
            p.ticketIds.insert(op.ticketId);
            const QString customer = op.payload.value(QStringLiteral("customer_id")).toString();
            if (!customer.isEmpty())
                p.customerIds.insert(customer);
            p.settings = p.settings || op.type == u"create-ticket";
        }
    }
    const auto array = [&literal](const QSet<QString> &ids) {
        QStringList literals;
        for (const QString &id : ids) {
            // PostgreSQL holds no NUL: such an id exists nowhere, and the op's codec refuses
            // it; in the query it would fail every batch of the group.
            if (!id.contains(QChar(u'\0')))
                literals.append(literal(id));
        }
        return QStringLiteral("ARRAY[%1]::text[]").arg(literals.join(u','));
    };
    p.sql = QStringLiteral("EXECUTE %1(%2, %3, %4, %5)")
                .arg(QLatin1String(GroupLookup), array(p.opIds), array(p.ticketIds),
                     array(p.customerIds),
                     p.settings ? QStringLiteral("true") : QStringLiteral("false"));
    return p;
}

const char *const Store::GroupLookup = "supportdesk_group_lookup";

QString Store::groupLookupPreparation()
{
    // One branch a kind, each an index scan on its key (a generic plan keeps them so); the
    // team settings' branch runs only when $4 asks for it.
    return QStringLiteral("PREPARE %1(text[], text[], text[], boolean) AS "
                          "SELECT 'o', op_id, result, NULL::bigint FROM applied_ops "
                          "WHERE op_id = ANY($1) "
                          "UNION ALL SELECT kind, id, data, seq FROM records "
                          "WHERE kind = 'ticket' AND id = ANY($2) "
                          "UNION ALL SELECT kind, id, data, seq FROM records "
                          "WHERE kind = 'customer' AND id = ANY($3) "
                          "UNION ALL SELECT kind, id, data, seq FROM records "
                          "WHERE $4 AND kind = 'settings' AND id = 'team'")
        .arg(QLatin1String(GroupLookup));
}

void Store::readPrefetch(const Prefetch &p, QSqlQuery &q)
{
    // What is not found is known not to exist: the sequence lock keeps other writers out, or
    // (taken at the end) every record is checked unchanged under it (TxState::expect). An op id
    // another process applies meanwhile fails the group on applied_ops' key.
    for (const QString &id : std::as_const(p.opIds))
        m_tx.ops.insert(id, QString());
    QHash<QString, QJsonValue> seqs; // recordKey → seq read, or null when none
    for (const QString &id : std::as_const(p.ticketIds)) {
        m_tx.records.insert(recordKey(QStringLiteral("ticket"), id), QString());
        seqs.insert(recordKey(QStringLiteral("ticket"), id), QJsonValue());
    }
    for (const QString &id : std::as_const(p.customerIds)) {
        m_tx.records.insert(recordKey(QStringLiteral("customer"), id), QString());
        seqs.insert(recordKey(QStringLiteral("customer"), id), QJsonValue());
    }
    if (p.settings) {
        const QString team = recordKey(QStringLiteral("settings"), QStringLiteral("team"));
        m_tx.records.insert(team, QString());
        seqs.insert(team, QJsonValue());
    }
    while (q.next()) {
        const QString kind = q.value(0).toString();
        if (kind == u"o") {
            m_tx.ops.insert(q.value(1).toString(), q.value(2).toString());
        } else {
            const QString key = recordKey(kind, q.value(1).toString());
            m_tx.records.insert(key, q.value(2).toString());
            seqs.insert(key, q.value(3).toLongLong());
        }
    }
    if (m_tx.late) {
        for (auto it = seqs.cbegin(); it != seqs.cend(); ++it) {
            if (it.key().contains(QChar(u'\0'))) // in no store (see prefetchQuery), nor jsonb
                continue;
            const qsizetype split = it.key().indexOf(QChar(u'\x1f'));
            m_tx.expect.append(
                QJsonArray { it.key().left(split), it.key().mid(split + 1), it.value() });
        }
    }
}

OpsOutcome Store::applyOps(const Agent &by, const QVector<Operation> &ops)
{
    return applyOpsGroup({ { by, ops } }).value(0);
}

QVector<OpsOutcome> Store::applyOpsGroup(const QVector<OpsBatch> &batches)
{
    // A batch whose statement fails is answered as failed alone: the transaction is rolled
    // back and the group applied again without it. (On PostgreSQL a failed statement aborts
    // the whole transaction, so there is no going on past it; a savepoint per batch would
    // isolate it too, but costs two round trips a batch while nothing fails, this nothing.)
    // The codec refuses every op a store cannot hold before it gets here (checkOperation,
    // decodeEdit), so this is for what is left: a full disk, a constraint, a trigger.
    QVector<OpsOutcome> outcomes(batches.size());
    QVector<bool> excluded(batches.size(), false);
    // PostgreSQL with SUPPORTDESK_PG_SEQUENCE_LOCK=end: first without the sequence row (taken
    // at the end, docs/server.md); when that fails for any reason, the default way, row first,
    // which is also the way every failure is handled.
    bool lockSequence = !m_lateSequence;
    for (;;) {
        const std::optional<qsizetype> failed
            = applyGroupOnce(batches, excluded, &outcomes, lockSequence);
        if (!failed)
            return outcomes;
        if (*failed == RetryWithLock) {
            ++m_profile.retriedWithLock;
            lockSequence = true;
            continue;
        }
        if (*failed == CommitFailed && excluded.count(false) > 1) {
            // On PostgreSQL the writes travel with COMMIT, so a failing statement shows only
            // there and names no batch: each batch is applied again in its own transaction,
            // and only the one that fails alone is answered as failed.
            qWarning("a group's commit failed, its requests are applied one by one: %s",
                     qPrintable(m_error));
            for (qsizetype b = 0; b < batches.size(); ++b) {
                if (excluded.at(b))
                    continue;
                QVector<bool> others(batches.size(), true);
                others[b] = false;
                if (applyGroupOnce(batches, others, &outcomes))
                    outcomes[b] = OpsOutcome { false, m_error, {}, 0 };
            }
            return outcomes;
        }
        if (*failed < 0 || excluded.at(*failed)) { // not one batch's fault: all fail
            for (OpsOutcome &o : outcomes) {
                o.ok = false;
                o.error = m_error;
                o.results.clear();
            }
            return outcomes;
        }
        excluded[*failed] = true;
        outcomes[*failed] = OpsOutcome { false, m_error, {}, 0 };
        if (!excluded.contains(false))
            return outcomes;
        qWarning("ops of one request failed, the rest of its group is applied again: %s",
                 qPrintable(m_error));
    }
}

std::optional<qsizetype> Store::applyGroupOnce(const QVector<OpsBatch> &batches,
                                               const QVector<bool> &excluded,
                                               QVector<OpsOutcome> *result, bool lockSequence)
{
    QVector<OpsOutcome> &outcomes = *result;
    for (qsizetype b = 0; b < batches.size(); ++b) {
        if (!excluded.at(b)) {
            outcomes[b].results.clear();
            outcomes[b].encoded.clear();
        }
    }
    const auto failAll = [&](const QString &error) -> std::optional<qsizetype> {
        m_error = error;
        return -1;
    };
    // Rolls back and names the failed batch (or CommitFailed); the error is kept over it.
    const auto failBatch = [&](qsizetype b, const QString &error) -> std::optional<qsizetype> {
        const QString kept = error; // may be m_error itself
        rollback();
        m_error = kept;
        return b;
    };
    QElapsedTimer phase;
    phase.start();
    // On PostgreSQL the group's lookups travel with BEGIN and the lock. One the database
    // refused names no batch (nor does a failed commit: the writes travel with COMMIT):
    // applyOpsGroup finds the batch out one by one.
    bool lookupFailed = false;
    if (m_postgres && !m_groupLookupPrepared) {
        // Once per connection, in a round trip of its own outside any transaction (a
        // connection is never reopened: Store::open() makes a new one, which prepares anew).
        if (!exec(groupLookupPreparation()))
            return failAll(m_error);
        m_groupLookupPrepared = true;
    }
    const bool began = m_postgres
        ? [&] {
              const Prefetch p = prefetchQuery(batches, excluded,
                                               [this](const QString &id) { return literal(id); });
              return begin(
                  p.sql, [this, &p](QSqlQuery &q) { readPrefetch(p, q); }, &lookupFailed,
                  lockSequence);
          }()
        : begin();
    if (!began)
        return lookupFailed ? failBatch(CommitFailed, m_error) : failAll(m_error);
    const qint64 lockNs = phase.nsecsElapsed();
    m_profile.lockNs += lockNs;
    phase.start();
    qint64 requests = 0, ops = 0;
    for (qsizetype b = 0; b < batches.size(); ++b) {
        if (excluded.at(b))
            continue;
        const Agent &by = batches.at(b).by;
        for (const Operation &op : batches.at(b).ops) {
            bool dbError = false;
            bool replayed = false;
            OperationResult r = applyOne(by, op, &dbError, &replayed);
            // Without the sequence row, any failure is tried again with it taken first (a
            // service-use op asks for that: it counts under the row).
            if (dbError)
                return failBatch(m_tx.late ? RetryWithLock : b, m_error);
            // Conflicts are not final: the client re-sends the same op on a newer base version.
            QByteArray encoded;
            if (!replayed && (r.result == OpResult::Applied || r.result == OpResult::Rejected)) {
                encoded = QJsonDocument(resultJson(r)).toJson(QJsonDocument::Compact);
                const QString first = QString::fromUtf8(encoded);
                m_tx.ops.insert(op.opId, first);
                if (!write(QStringLiteral("INSERT INTO applied_ops (op_id, agent_id, result, "
                                          "applied_at) VALUES (?, ?, ?, ?)"),
                           { op.opId, text(by.id), first, Json::timestamp(m_now) },
                           "applied_ops")) {
                    return failBatch(b, m_error);
                }
            }
            outcomes[b].results.append(r);
            outcomes[b].encoded.append(encoded);
        }
        ++requests;
        ops += batches.at(b).ops.size();
    }
    const qint64 applyNs = phase.nsecsElapsed();
    m_profile.applyNs += applyNs;
    phase.start();
    const bool late = m_tx.late;
    if (!commit())
        return failBatch(late ? RetryWithLock : CommitFailed, m_error);
    m_profile.commitNs += phase.nsecsElapsed();
    m_profile.lock.add(lockNs);
    m_profile.apply.add(applyNs);
    m_profile.commit.add(phase.nsecsElapsed());
    ++m_profile.groups;
    m_profile.requests += requests;
    m_profile.ops += ops;
    m_profile.maxGroup = std::max(m_profile.maxGroup, requests);
    for (qsizetype b = 0; b < batches.size(); ++b) {
        if (excluded.at(b))
            continue;
        outcomes[b].ok = true;
        outcomes[b].lastSeq = m_txSeq;
        if (!late)
            continue;
        outcomes[b].encoded.clear(); // they hold the placeholders
        for (OperationResult &r : outcomes[b].results) { // answered with the real sequences
            if (r.hasTicket) {
                r.ticket.seq = filledSeq(r.ticket.seq);
                r.ticket.number = filledNumber(r.ticket.number);
            }
        }
    }
    return std::nullopt;
}

QJsonObject Store::resultJson(const OperationResult &r) const
{
    const auto written = m_tx.ticketJson.constFind(r.ticket.id);
    if (!r.hasTicket || written == m_tx.ticketJson.cend()
        || written->value(QLatin1String("seq")).toInteger() != r.ticket.seq
        || written->value(QLatin1String("version")).toInteger() != r.ticket.version)
        return Json::toJson(r);
    OperationResult bare = r;
    bare.hasTicket = false;
    QJsonObject o = Json::toJson(bare);
    o.insert(QLatin1String("ticket"), *written);
    return o;
}

OperationResult Store::applyOne(const Agent &by, const Operation &op, bool *dbError, bool *replayed)
{
    {
        QString firstResult;
        const auto known = m_tx.ops.constFind(op.opId);
        if (known != m_tx.ops.cend()) {
            firstResult = *known;
        } else {
            QSqlQuery &q
                = prepared(QStringLiteral("SELECT result FROM applied_ops WHERE op_id = ?"));
            q.bindValue(0, op.opId);
            if (!q.exec()) {
                fail(q.lastError().text());
                *dbError = true;
                return {};
            }
            if (q.next())
                firstResult = q.value(0).toString();
            q.finish();
        }
        if (!firstResult.isEmpty()) {
            OperationResult first;
            Json::fromJson(parseObject(firstResult), &first, nullptr);
            first.opId = op.opId;
            *replayed = true;
            if (first.result == OpResult::Applied)
                first.result = OpResult::Duplicate;
            return first; // a rejection stays a rejection
        }
    }
    if (MacroOp::isMacroOp(op.type)) // not a ticket's edit: the op names a macro
        return applyMacroOp(by, op, dbError);
    if (ViewOp::isViewOp(op.type)) // the op names one of the sender's saved views
        return applyViewOp(by, op, dbError);
    if (ServiceUseOp::isServiceUseOp(op.type)) // an IEM engagement or a training session
        return applyServiceUseOp(by, op, dbError);
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
        OperationResult r = opResult(op, OpResult::Conflict, OpResult::Conflict);
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
        QSqlQuery &q = prepared(QStringLiteral("SELECT 1 FROM messages WHERE id = ?"));
        q.bindValue(0, edit->messageId);
        if (!q.exec()) {
            *dbError = true;
            fail(q.lastError().text());
            return {};
        }
        const bool exists = q.next() || m_tx.messages.contains(edit->messageId);
        q.finish();
        if (exists)
            return rejected(
                op, QStringLiteral("invalid-op"),
                { QStringLiteral("payload.message_id: message %1 exists").arg(edit->messageId) },
                current);
    }
    EditContext context;
    context.actor = by;
    context.at = m_now;
    context.plan = plan;
    context.findAgent = [this](const QString &id) { return agent(id); };
    context.findTicket = [this](const QString &id) { return ticket(id); }; // merge, link
    context.findCustomer = [this](const QString &id) { return customer(id); }; // merge notice
    EditOutcome outcome = applyEdit(*current, *edit, context);
    if (outcome.refused())
        return rejected(op, outcome.refusal, current);
    if (outcome.unchanged) { // e.g. a tag the ticket has: applied, nothing to write
        OperationResult r = opResult(op, OpResult::Applied);
        r.hasTicket = true;
        r.ticket = *current;
        return r;
    }
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
        if (!writeOtherTickets(*edit, t, outcome)) // merge, link
            return false;
        for (Message &m : messages) {
            if (!writeMessage(m) || !queueImReply(t, m)) // an IM group's ticket: post it back
                return false;
        }
        // The files the reply or note names, uploaded before it, go with its message.
        if ((edit->type == OpType::Reply || edit->type == OpType::Note)
            && !linkAttachments(messages.first(),
                                op.payload.value(Attachments::PayloadKey).toString()))
            return false;
        // A merge's notice goes out the duplicate's route as a reply does.
        if ((edit->type == OpType::Reply || edit->type == OpType::Merge)
            && !queueReplyMail(by, t, messages))
            return false;
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
            QVariantList values;
            for (const QString &v : { change.id, change.ticketId, change.fromSeverity,
                                      change.toSeverity, change.reason, change.changedBy,
                                      Json::timestamp(change.changedAt) })
                values.append(text(v));
            if (!write(QStringLiteral("INSERT INTO severity_changes (id, ticket_id, "
                                      "from_severity, to_severity, reason, changed_by, "
                                      "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                       values, "severity_changes"))
                return false;
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
    OperationResult r = opResult(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

OperationResult Store::createTicket(const Agent &by, const Operation &op, bool *dbError,
                                   const ReplyRoute &reply)
{
    if (const std::optional<Ticket> existing = ticket(op.ticketId))
        return rejected(op, QStringLiteral("ticket-exists"), { op.ticketId }, existing);
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit)
        return rejected(op, QStringLiteral("invalid-op"), { problem });
    // The rules of taking a ticket in are core's applyCreate, as the desk's preview decides
    // them; here are what only the store knows: the customer, and its month's tickets.
    const std::optional<Customer> customer = this->customer(edit->customerId);
    NewTicketContext context;
    context.actor = by;
    context.at = m_now;
    context.customer = customer ? &*customer : nullptr;
    context.plan = customer ? m_catalogs->plan(customer->planId) : nullptr;
    context.ticketsInMonth = [this, &edit](const MonthWindow &month) {
        return ticketsInWindow(edit->customerId, month.start, month.end);
    };
    NewTicketOutcome taken = applyCreate(op.ticketId, *edit, context);
    if (taken.countFailed) {
        *dbError = true;
        return {};
    }
    if (taken.refused())
        return rejected(op, taken.refusal);
    Ticket t = taken.ticket;
    t.updatedAt = {};
    const RuleCheck &info = taken.info;

    // The team's tag rules (docs/tags-and-views.md), read in this write's transaction: a rule
    // saved before the create is applied to it, whichever process serves it. On PostgreSQL
    // the group's lookup brought them (prefetchQuery): no round trip of their own.
    const std::optional<QString> teamData
            = recordData(QStringLiteral("settings"), QStringLiteral("team"));
    if (!teamData) {
        *dbError = true;
        return {};
    }
    TeamSettings team;
    if (!teamData->isEmpty())
        Json::fromJson(parseObject(*teamData), &team, nullptr);
    const QStringList ruled = tagsByRules(team.tagRules, t);
    t.tags += ruled;

    t.number = ++m_txNumber;
    t.version = 1;
    t.reply = reply;
    if (!writeTicket(t)) {
        *dbError = true;
        return {};
    }
    ++m_tx.created[t.customerId];
    QVector<Message> events = taken.messages; // over the quota
    if (!ruled.isEmpty())
        events.append(systemEvent(t, EditContext { by, m_now, context.plan, {}, {} },
                                  QStringLiteral("Tagged by the team's rules: %1.")
                                          .arg(ruled.join(QStringLiteral(", "))),
                                  QStringLiteral("tags-by-rule"), ruled));
    for (Message &m : events) {
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
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
    OperationResult r = opResult(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

} // namespace SupportDesk::Server
