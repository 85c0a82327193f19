// Reads of single records and lists (tickets, customers, agents, settings, documents).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<Ticket> Store::ticket(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'ticket' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Ticket t;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &t, nullptr))
        return std::nullopt;
    return t;
}

std::optional<Customer> Store::customer(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'customer' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Customer c;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
        return std::nullopt;
    return c;
}

std::optional<Agent> Store::agent(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'agent' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Agent a;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &a, nullptr))
        return std::nullopt;
    return a;
}

std::optional<QByteArray> Store::document(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM documents WHERE name = ?"));
    q.addBindValue(text(name));
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.next() ? q.value(0).toString().toUtf8() : QByteArray();
}

std::optional<TeamSettings> Store::settings()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'settings' AND id = 'team'")))
        return std::nullopt;
    TeamSettings s;
    if (q.next())
        Json::fromJson(parseObject(q.value(0).toString()), &s, nullptr);
    return s;
}

QVector<Customer> Store::customers()
{
    QVector<Customer> list;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'customer' ORDER BY id")))
        return list;
    while (q.next()) {
        Customer c;
        if (Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
            list.append(c);
    }
    return list;
}

QVector<Agent> Store::agents()
{
    QVector<Agent> list;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'agent' ORDER BY id")))
        return list;
    while (q.next()) {
        Agent a;
        if (Json::fromJson(parseObject(q.value(0).toString()), &a, nullptr))
            list.append(a);
    }
    return list;
}

QStringList Store::ticketIds(const QString &status, int limit)
{
    QStringList ids;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT id FROM tickets WHERE status = ? ORDER BY created_at LIMIT ?"));
    q.addBindValue(status);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

bool Store::hasSettings()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1 FROM records WHERE kind = 'settings'")) && q.next();
}

bool Store::hasCustomers()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1 FROM customers LIMIT 1")) && q.next();
}

} // namespace SupportDesk::Server
