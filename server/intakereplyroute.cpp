// The customer's side of tickets made before the records said it (see store.h,
// backfillReplyRoutes, backfillCustomerMessages): a migration step's part that reads and
// rewrites records.
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

namespace {

// The feed's head, read and written in a migration step's transaction.
std::optional<qint64> readLastSeq(QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")) || !q.next()) {
        *error = q.lastError().isValid() ? q.lastError().text()
                                         : QStringLiteral("meta has no last_seq");
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

bool writeLastSeq(QSqlDatabase &db, qint64 seq, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq'"));
    q.addBindValue(seq);
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

bool Store::backfillReplyRoutes()
{
    // Where a ticket's replies have gone all along: a mail thread (mail_threads, since schema
    // 4) or the IM group that opened it (im_group_tickets, schema 8).
    struct Route
    {
        QString ticketId;
        ReplyRoute route;
    };
    QVector<Route> routes;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral(
                    "SELECT ticket_id, 'email', address, '' FROM mail_threads "
                    "UNION ALL SELECT t.ticket_id, 'im', g.name, g.kind FROM im_group_tickets t "
                    "JOIN im_groups g ON g.id = t.group_id")))
            return fail(q.lastError().text());
        while (q.next())
            routes.append({ q.value(0).toString(),
                            { q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString() } });
    }
    if (routes.isEmpty())
        return true;
    QString error;
    const std::optional<qint64> last = readLastSeq(m_db, &error);
    if (!last)
        return fail(error);
    qint64 seq = *last;
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'ticket' AND id = ?"));
    QSqlQuery update(m_db);
    update.prepare(
        QStringLiteral("UPDATE records SET seq = ?, data = ? WHERE kind = 'ticket' AND id = ?"));
    const qint64 before = seq;
    for (const Route &r : std::as_const(routes)) {
        read.bindValue(0, r.ticketId);
        if (!read.exec())
            return fail(read.lastError().text());
        if (!read.next())
            continue; // a thread whose ticket is gone: nothing to mend
        Ticket t;
        QStringList errors;
        const bool decoded = Json::fromJson(parseObject(read.value(0).toString()), &t, &errors);
        read.finish();
        if (!decoded || !t.reply.via.isEmpty())
            continue; // routed already (or not a ticket this server can read: left as it is)
        t.reply = r.route;
        // E-mail came in as `ticket` before it had a channel of its own; a ticket an agent
        // made for a mail thread by hand is not changed (it has no thread).
        if (r.route.via == ReplyVia::Email && t.channel == u"ticket")
            t.channel = QStringLiteral("email");
        t.seq = ++seq;
        update.bindValue(0, t.seq);
        update.bindValue(1, compact(Json::toJson(t)));
        update.bindValue(2, t.id);
        if (!update.exec())
            return fail(update.lastError().text());
    }
    if (seq == before)
        return true;
    return writeLastSeq(m_db, seq, &error) || fail(error);
}


bool Store::backfillCustomerMessages()
{
    // Authored by a group (im:<group>) or by an address whose mail joined a ticket: the
    // customer's words. An agent's id is neither.
    QVector<QPair<QString, QString>> rows; // id, data
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral(
                    "SELECT m.id, r.data FROM messages m JOIN records r ON r.kind = 'message' "
                    "AND r.id = m.id WHERE m.kind = 'public' AND (m.author_id LIKE 'im:%' OR "
                    "m.author_id IN (SELECT sender FROM mail_inbox WHERE outcome = 'reply'))")))
            return fail(q.lastError().text());
        while (q.next())
            rows.append({ q.value(0).toString(), q.value(1).toString() });
    }
    if (rows.isEmpty())
        return true;
    QString error;
    const std::optional<qint64> last = readLastSeq(m_db, &error);
    if (!last)
        return fail(error);
    qint64 seq = *last;
    QSqlQuery record(m_db);
    record.prepare(
        QStringLiteral("UPDATE records SET seq = ?, data = ? WHERE kind = 'message' AND id = ?"));
    QSqlQuery message(m_db);
    message.prepare(QStringLiteral("UPDATE messages SET kind = 'customer' WHERE id = ?"));
    for (const auto &[id, data] : std::as_const(rows)) {
        Message m;
        QStringList errors;
        if (!Json::fromJson(parseObject(data), &m, &errors))
            continue; // not a message this server can read: left as it is
        m.kind = MessageKind::Customer;
        m.seq = ++seq;
        record.bindValue(0, m.seq);
        record.bindValue(1, compact(Json::toJson(m)));
        record.bindValue(2, id);
        message.bindValue(0, id);
        if (!record.exec())
            return fail(record.lastError().text());
        if (!message.exec())
            return fail(message.lastError().text());
    }
    return writeLastSeq(m_db, seq, &error) || fail(error);
}

} // namespace SupportDesk::Server
