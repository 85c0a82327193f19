// The store's part of the console's intake (docs/api.md, "Intake"): which customers a service
// account may file tickets for, and the public conversation of a ticket.
#include "store.h"
#include "storesql.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<QStringList> Store::serviceCustomers(const QString &agentId)
{
    QSqlQuery &q = prepared(QStringLiteral(
        "SELECT customer_id FROM service_customers WHERE agent_id = ? ORDER BY customer_id"));
    q.bindValue(0, agentId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QStringList ids;
    while (q.next())
        ids.append(q.value(0).toString());
    q.finish();
    return ids;
}

bool Store::setServiceCustomers(const QString &agentId, const QStringList &customerIds)
{
    if (!begin())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM service_customers WHERE agent_id = ?"));
    q.addBindValue(agentId);
    bool ok = q.exec();
    for (const QString &id : customerIds) {
        if (!ok)
            break;
        q.prepare(
            QStringLiteral("INSERT INTO service_customers (agent_id, customer_id) VALUES (?, ?) "
                           "ON CONFLICT DO NOTHING"));
        q.addBindValue(agentId);
        q.addBindValue(id);
        ok = q.exec();
    }
    if (!ok) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    if (!audit(QStringLiteral("admin"), QStringLiteral("agent-customers"), agentId,
               QJsonObject {
                   { QStringLiteral("customers"), QJsonArray::fromStringList(customerIds) } })
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

std::optional<QVector<Message>> Store::publicMessages(const QString &ticketId)
{
    // The kind is the messages table's column, so an internal note is left out by the query
    // itself, never by a filter that could be forgotten. The customer's own messages (mail,
    // IM) are part of their conversation too.
    QSqlQuery &q = prepared(QStringLiteral(
        "SELECT r.data FROM messages m JOIN records r ON r.kind = 'message' AND r.id = m.id "
        "WHERE m.ticket_id = ? AND m.kind IN ('public', 'customer') "
        "ORDER BY m.created_at, r.seq"));
    q.bindValue(0, ticketId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<Message> list;
    while (q.next()) {
        Message m;
        if (Json::fromJson(parseObject(q.value(0).toString()), &m, nullptr)
            && (m.kind == MessageKind::Public || m.kind == MessageKind::Customer))
            list.append(m);
    }
    q.finish();
    return list;
}

} // namespace SupportDesk::Server
