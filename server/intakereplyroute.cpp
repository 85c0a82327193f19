// The reply route of tickets opened before it was in their record (see store.h,
// backfillReplyRoutes): a migration step's part that reads and rewrites records.
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

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
    qint64 seq = 0;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")) || !q.next())
            return fail(q.lastError().isValid() ? q.lastError().text()
                                                : QStringLiteral("meta has no last_seq"));
        seq = q.value(0).toLongLong();
    }
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
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq'"));
    q.addBindValue(seq);
    return q.exec() || fail(q.lastError().text());
}

} // namespace SupportDesk::Server
