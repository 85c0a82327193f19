// Reads of single records and lists (tickets, customers, agents, settings, documents).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

std::optional<QString> Store::recordData(const QString &kind, const QString &id)
{
    if (m_tx.open) {
        const auto known = m_tx.records.constFind(recordKey(kind, id));
        if (known != m_tx.records.cend())
            return *known;
    }
    QSqlQuery &q
        = prepared(QStringLiteral("SELECT data, seq FROM records WHERE kind = ? AND id = ?"));
    q.bindValue(0, kind);
    q.bindValue(1, id);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const bool found = q.next();
    const QString data = found ? q.value(0).toString() : QStringLiteral("");
    const QJsonValue seq = found ? QJsonValue(q.value(1).toLongLong()) : QJsonValue();
    q.finish();
    if (m_tx.open && m_tx.late) {
        // Read without the sequence row: checked unchanged when the group takes it.
        m_tx.expect.append(QJsonArray { kind, id, seq });
        m_tx.records.insert(recordKey(kind, id), data);
    }
    return data;
}

std::optional<Ticket> Store::ticket(const QString &id)
{
    const std::optional<QString> data = recordData(QStringLiteral("ticket"), id);
    Ticket t;
    if (!data || data->isEmpty() || !Json::fromJson(parseObject(*data), &t, nullptr))
        return std::nullopt;
    return t;
}

std::optional<Customer> Store::customer(const QString &id)
{
    const std::optional<QString> data = recordData(QStringLiteral("customer"), id);
    Customer c;
    if (!data || data->isEmpty() || !Json::fromJson(parseObject(*data), &c, nullptr))
        return std::nullopt;
    return c;
}

std::optional<Agent> Store::agent(const QString &id)
{
    const std::optional<QString> data = recordData(QStringLiteral("agent"), id);
    Agent a;
    if (!data || data->isEmpty() || !Json::fromJson(parseObject(*data), &a, nullptr))
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
