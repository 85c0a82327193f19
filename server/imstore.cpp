// The store's part of IM groups (see store.h): groups, messages taken in, and the outbox of
// replies posted back.
#include "store.h"
#include "storesql.h"

#include "ticketedit.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

const QString ImChannel = QStringLiteral("im-group");

QString imActor(const QString &groupId)
{
    return QStringLiteral("im:") + groupId;
}

ImGroup groupFrom(const QSqlQuery &q)
{
    ImGroup g;
    g.id = q.value(0).toString();
    g.customerId = q.value(1).toString();
    g.subClient = q.value(2).toString();
    g.kind = q.value(3).toString();
    g.name = q.value(4).toString();
    g.secret = q.value(5).toString().toUtf8();
    g.outgoingUrl = q.value(6).toString();
    return g;
}

const QString GroupColumns
    = QStringLiteral("id, customer_id, sub_client, kind, name, secret, outgoing_url");

} // namespace

bool Store::putImGroup(const ImGroup &g)
{
    if (!begin())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO im_groups (%1) VALUES (?, ?, ?, ?, ?, ?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, "
                             "sub_client = excluded.sub_client, kind = excluded.kind, "
                             "name = excluded.name, secret = excluded.secret, "
                             "outgoing_url = excluded.outgoing_url")
                  .arg(GroupColumns));
    for (const QString &v : { g.id, g.customerId, text(g.subClient), g.kind, text(g.name),
                              QString::fromUtf8(g.secret), text(g.outgoingUrl) })
        q.addBindValue(v);
    if (!q.exec()) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    // The secret is not audited: the audit table is read by more people than the secret is.
    if (!audit(QStringLiteral("admin"), QStringLiteral("im-group-put"), g.id,
               QJsonObject { { QStringLiteral("customer_id"), g.customerId },
                             { QStringLiteral("sub_client"), g.subClient },
                             { QStringLiteral("kind"), g.kind },
                             { QStringLiteral("name"), g.name },
                             { QStringLiteral("outgoing_url"), g.outgoingUrl } })
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

std::optional<ImGroup> Store::imGroup(const QString &id)
{
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT %1 FROM im_groups WHERE id = ?").arg(GroupColumns));
    q.bindValue(0, id);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    ImGroup g;
    if (q.next())
        g = groupFrom(q);
    q.finish();
    return g;
}

QVector<ImGroup> Store::imGroups()
{
    QSqlQuery q(m_db);
    QVector<ImGroup> list;
    if (q.exec(QStringLiteral("SELECT %1 FROM im_groups ORDER BY id").arg(GroupColumns))) {
        while (q.next())
            list.append(groupFrom(q));
    }
    return list;
}

Store::ImIntake Store::takeImMessage(const ImGroup &group, const QString &messageId,
                                     const QString &sender, const QString &text)
{
    ImIntake out;
    if (!begin())
        return out;
    const auto failed = [&](const QString &error) {
        fail(error);
        rollback();
        out.result = ImIntake::Result::Failed;
        return out;
    };
    {
        // Under the write lock: the same message sent twice at once is taken once.
        QSqlQuery &q = prepared(QStringLiteral(
            "SELECT ticket_id FROM im_messages WHERE group_id = ? AND message_id = ?"));
        q.bindValue(0, group.id);
        q.bindValue(1, messageId);
        if (!q.exec())
            return failed(q.lastError().text());
        if (q.next()) {
            out.ticketId = q.value(0).toString();
            q.finish();
            rollback();
            if (const std::optional<Ticket> t = ticket(out.ticketId))
                out.ticketNumber = t->number;
            out.result = ImIntake::Result::Duplicate;
            return out;
        }
    }
    const std::optional<Customer> customer = this->customer(group.customerId);
    const PlanCatalog *plan = customer ? m_catalogs->plan(customer->planId) : nullptr;
    if (!customer || !plan) {
        rollback();
        out.result = ImIntake::Result::Refused;
        out.check = RuleCheck::fail(QStringLiteral("unknown-customer"), { group.customerId });
        return out;
    }
    // The edition decides, as it is now: a customer who left Enterprise loses the group.
    out.check = PlanRules(*plan).checkChannel(customer->editionId, ImChannel);
    if (!out.check.allowed()) {
        rollback();
        out.result = ImIntake::Result::Refused;
        return out;
    }
    const QString body = sender.isEmpty() ? text : QStringLiteral("%1: %2").arg(sender, text);
    // Decided: a group has at most one open ticket, which gets the group's messages; once it
    // is resolved or closed, the next message opens a new one.
    QString openId;
    {
        QSqlQuery &q = prepared(QStringLiteral(
            "SELECT t.id FROM im_group_tickets g JOIN tickets t ON t.id = g.ticket_id "
            "WHERE g.group_id = ? AND t.status NOT IN ('resolved', 'closed') "
            "ORDER BY t.created_at DESC, t.number DESC LIMIT 1"));
        q.bindValue(0, group.id);
        if (!q.exec())
            return failed(q.lastError().text());
        if (q.next())
            openId = q.value(0).toString();
        q.finish();
    }
    Ticket t;
    if (!openId.isEmpty()) {
        const std::optional<Ticket> open = ticket(openId);
        if (!open)
            return failed(QStringLiteral("ticket %1 cannot be read").arg(openId));
        t = *open;
        Message m;
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.ticketId = t.id;
        m.kind = MessageKind::Customer; // the group's words, not the desk's reply
        m.authorId = imActor(group.id);
        m.body = body;
        m.createdAt = m_now;
        ++t.version;
        t.updatedAt = m_now;
        if (!writeMessage(m) || !writeTicket(t))
            return failed(m_error);
    } else {
        QString subject = text.section(u'\n', 0, 0).trimmed();
        if (subject.size() > 80)
            subject = subject.left(79) + u'…';
        if (subject.isEmpty())
            subject = group.name;
        Operation op;
        op.opId = imActor(group.id) + u':' + messageId;
        op.type = opTypeName(OpType::CreateTicket);
        op.ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        // Severity: consultation, the one every plan has; the agent reclassifies.
        op.payload = { { QStringLiteral("customer_id"), group.customerId },
                       { QStringLiteral("sub_client"), group.subClient },
                       { QStringLiteral("subject"), subject },
                       { QStringLiteral("body"), body },
                       { QStringLiteral("channel"), ImChannel },
                       { QStringLiteral("severity"), QStringLiteral("consultation") } };
        Agent by;
        by.id = imActor(group.id);
        by.role = AgentRole::Service;
        bool dbError = false;
        const OperationResult r
            = createTicket(by, op, &dbError, ReplyRoute { ReplyVia::Im, group.name, group.kind });
        if (dbError)
            return failed(m_error);
        if (r.result != OpResult::Applied) {
            rollback();
            out.result = ImIntake::Result::Refused;
            out.check = RuleCheck::fail(r.code, r.args);
            return out;
        }
        t = r.ticket;
        out.newTicket = true;
        if (!write(QStringLiteral("INSERT INTO im_group_tickets (ticket_id, group_id) "
                                  "VALUES (?, ?)"),
                   { t.id, group.id }))
            return failed(m_error);
    }
    if (!write(QStringLiteral("INSERT INTO im_messages (group_id, message_id, ticket_id, "
                              "received_at) VALUES (?, ?, ?, ?)"),
               { group.id, messageId, t.id, Json::timestamp(m_now) })
        || !audit(imActor(group.id), QStringLiteral("im-message"), t.id,
                  QJsonObject { { QStringLiteral("message_id"), messageId },
                                { QStringLiteral("new_ticket"), out.newTicket } })
        || !commit())
        return failed(m_error);
    out.result = ImIntake::Result::Applied;
    out.ticketId = t.id;
    out.ticketNumber = t.number;
    out.seq = m_txSeq;
    return out;
}

bool Store::queueImReply(const Ticket &ticket, const Message &reply)
{
    // The reply route decides, as the pane says it above the composer; an im-group ticket an
    // agent typed in has none (no group to answer), a mail ticket goes by mail (mailstore.cpp).
    if (ticket.reply.via != ReplyVia::Im || reply.kind != MessageKind::Public)
        return true;
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT group_id FROM im_group_tickets WHERE ticket_id = ?"));
    q.bindValue(0, ticket.id);
    if (!q.exec())
        return fail(q.lastError().text());
    const QString group = q.next() ? q.value(0).toString() : QString();
    q.finish();
    if (group.isEmpty())
        return true; // a route whose group row is gone: nothing to post to
    ++m_imRepliesQueued;
    return write(QStringLiteral("INSERT INTO im_outbox (message_id, group_id, ticket_id, body, "
                                "attempts, next_at, claimed_by, claimed_until, sent_at, "
                                "last_error) VALUES (?, ?, ?, ?, 0, ?, '', '', '', '')"),
                 { reply.id, group, ticket.id, text(reply.body), Json::timestamp(m_now) });
}

std::optional<Store::ImDelivery> Store::claimImDelivery(const QString &claimer, int leaseSeconds)
{
    const QDateTime now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    const QString nowText = Json::timestamp(now);
    // One statement, prepared once: the courier asks every poll, and nearly always nothing is
    // due (it was a transaction of five round trips: BEGIN, PREPARE, EXECUTE, COMMIT,
    // DEALLOCATE). PostgreSQL skips rows another process has locked; SQLite has one writer
    // at a time anyway. It takes no feed sequence.
    QSqlQuery &q = prepared(
        QStringLiteral("UPDATE im_outbox SET claimed_by = ?, claimed_until = ? WHERE message_id = "
                       "(SELECT message_id FROM im_outbox WHERE sent_at = '' AND next_at <= ? "
                       "AND claimed_until <= ? ORDER BY next_at LIMIT 1%1) "
                       "RETURNING message_id, ticket_id, body, attempts, group_id")
            .arg(m_postgres ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString()));
    q.bindValue(0, claimer);
    q.bindValue(1, Json::timestamp(now.addSecs(leaseSeconds)));
    q.bindValue(2, nowText);
    q.bindValue(3, nowText);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    ImDelivery d;
    if (!q.next()) {
        q.finish();
        return d; // nothing due
    }
    d.messageId = q.value(0).toString();
    d.ticketId = q.value(1).toString();
    d.body = q.value(2).toString();
    d.attempts = q.value(3).toInt();
    const QString groupId = q.value(4).toString();
    q.finish();
    const std::optional<ImGroup> group = imGroup(groupId);
    if (!group)
        return std::nullopt;
    d.group = *group;
    if (const std::optional<Ticket> t = ticket(d.ticketId))
        d.ticketNumber = t->number;
    return d;
}

bool Store::finishImDelivery(const ImDelivery &d, const QString &claimer, bool sent,
                             const QString &error)
{
    const QDateTime now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    QSqlQuery q(m_db);
    // Only while the claim is still this process's: one whose lease ran out and was taken
    // over leaves the row to the new claimer.
    q.prepare(QStringLiteral("UPDATE im_outbox SET attempts = ?, sent_at = ?, next_at = ?, "
                             "claimed_until = '', last_error = ? "
                             "WHERE message_id = ? AND claimed_by = ? AND sent_at = ''"));
    q.addBindValue(d.attempts + 1);
    q.addBindValue(text(sent ? Json::timestamp(now) : QString())); // "" while unsent
    q.addBindValue(Json::timestamp(now.addSecs(sent ? 0 : Im::backoffSeconds(d.attempts + 1))));
    q.addBindValue(text(error.left(500)));
    q.addBindValue(d.messageId);
    q.addBindValue(claimer);
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

std::optional<QVector<Store::ImOutboxRow>> Store::imOutbox()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT message_id, attempts, sent_at, last_error FROM im_outbox "
                               "ORDER BY message_id"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<ImOutboxRow> rows;
    while (q.next())
        rows.append({ q.value(0).toString(), q.value(1).toInt(),
                      Json::parseTimestamp(q.value(2).toString()), q.value(3).toString() });
    return rows;
}

} // namespace SupportDesk::Server
