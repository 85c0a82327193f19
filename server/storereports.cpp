// What the lead reports read: tickets created in a window and their severity changes.
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<QVector<Ticket>> Store::ticketsCreated(const QDateTime &from, const QDateTime &to,
                                                     const QString &customerId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.data FROM tickets t JOIN records r ON r.kind = 'ticket' "
                             "AND r.id = t.id WHERE t.created_at >= ? AND t.created_at < ?")
              + (customerId.isEmpty() ? QString() : QStringLiteral(" AND t.customer_id = ?"))
              + QStringLiteral(" ORDER BY t.created_at"));
    q.addBindValue(Json::timestamp(from));
    q.addBindValue(Json::timestamp(to));
    if (!customerId.isEmpty())
        q.addBindValue(customerId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<Ticket> list;
    while (q.next()) {
        Ticket t;
        if (Json::fromJson(parseObject(q.value(0).toString()), &t, nullptr))
            list.append(t);
    }
    return list;
}

std::optional<QVector<SeverityChange>> Store::severityChanges(const QStringList &ticketIds)
{
    QVector<SeverityChange> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, from_severity, to_severity, reason, changed_by, "
                             "changed_at FROM severity_changes WHERE ticket_id = ? "
                             "ORDER BY changed_at"));
    for (const QString &id : ticketIds) {
        // bindValue, not addBindValue: the statement runs once per ticket, with one value.
        q.bindValue(0, id);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        while (q.next()) {
            SeverityChange c;
            c.id = q.value(0).toString();
            c.ticketId = id;
            c.fromSeverity = q.value(1).toString();
            c.toSeverity = q.value(2).toString();
            c.reason = q.value(3).toString();
            c.changedBy = q.value(4).toString();
            c.changedAt = timeValue(q.value(5));
            list.append(c);
        }
    }
    return list;
}

} // namespace SupportDesk::Server
