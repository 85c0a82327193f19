// Reading the cache: the queue's rows, tickets, messages, customers, agents, severity changes.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cstring>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

void TicketCacheDetail::loadWords(QSqlQuery &q, QVector<QString> *words)
{
    if (!q.exec(QStringLiteral("SELECT code, word FROM dictionary ORDER BY code")))
        return;
    while (q.next()) {
        const qint64 code = q.value(0).toLongLong();
        if (code > 0 && code < (1 << 24)) {
            if (code >= words->size())
                words->resize(code + 1);
            (*words)[code] = q.value(1).toString();
        }
    }
}

QueueRows TicketCache::loadTicketRows(const QStringList &ids) const
{
    return loadRowsOn(m_connectionName, ids);
}

QueueRows TicketCache::loadTicketRowsAt(const QString &path, const QString &connectionName,
                                        const QStringList &ids, bool *ok)
{
    *ok = false;
    if (!openReader(path, connectionName))
        return {};
    return loadRowsOn(connectionName, ids, ok);
}

// The ids go in as JSON arrays of at most RowReadChunk ids, a statement each: one statement
// per id cost ~10 us a row (a feed page of 1,000 changed tickets: ~10 ms of SQLite calls).
QueueRows TicketCache::loadRowsOn(const QString &connectionName, const QStringList &ids,
                                  bool *ok)
{
    if (ok)
        *ok = false;
    QueueRows result;
    QSqlQuery q(QSqlDatabase::database(connectionName, false));
    q.setForwardOnly(true);
    loadWords(q, &result.words);
    // CROSS JOIN: from the ids to their rows through the primary key, never a scan.
    if (!q.prepare(QStringLiteral("SELECT q.row FROM json_each(?) j CROSS JOIN tickets t "
                                  "ON t.id = j.value JOIN queue_rows q "
                                  "ON q.ticket_rowid = t.rowid")))
        return result;
    // An id asked twice is one row.
    QStringList unique = ids;
    unique.removeDuplicates();
    result.rows.reserve(unique.size());
    const auto words = quint32(result.words.size());
    bool failed = false;
    for (qsizetype from = 0; from < unique.size(); from += RowReadChunk) {
        q.addBindValue(idArray(unique.mid(from, RowReadChunk)));
        if (!q.exec()) {
            failed = true;
            continue;
        }
        while (q.next()) {
            TicketRow r;
            if (parseQueueRow(q.value(0).toByteArray(), &r, words))
                result.rows.append(std::move(r));
        }
        q.finish();
    }
    if (ok)
        *ok = !failed;
    return result;
}

int TicketCache::ticketCount() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    return q.exec(QStringLiteral("SELECT count(*) FROM tickets")) && q.next() ? q.value(0).toInt()
                                                                              : 0;
}

QVector<Message> TicketCache::messages(const QString &ticketId) const
{
    QVector<Message> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data FROM messages WHERE ticket_id = ? ORDER BY created_at, id"));
    q.addBindValue(ticketId);
    if (q.exec()) {
        while (q.next()) {
            Message m;
            if (Json::fromJson(parseObject(q.value(0).toString()), &m, nullptr))
                list.append(m);
        }
    }
    return list;
}

QVector<Customer> TicketCache::customers() const
{
    QVector<Customer> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(QStringLiteral("SELECT data FROM customers"))) {
        while (q.next()) {
            Customer c;
            if (Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
                list.append(c);
        }
    }
    return list;
}

std::optional<Customer> TicketCache::customer(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data FROM customers WHERE id = ?"));
    q.addBindValue(id);
    Customer c;
    if (q.exec() && q.next() && Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
        return c;
    return std::nullopt;
}

QVector<Agent> TicketCache::agents() const
{
    QVector<Agent> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(QStringLiteral("SELECT data FROM agents"))) {
        while (q.next()) {
            Agent a;
            if (Json::fromJson(parseObject(q.value(0).toString()), &a, nullptr))
                list.append(a);
        }
    }
    return list;
}

TeamSettings TicketCache::teamSettings() const
{
    TeamSettings s;
    const QString text = syncValue(QStringLiteral("team_settings"));
    if (!text.isEmpty())
        Json::fromJson(parseObject(text), &s, nullptr);
    return s;
}

// The account this cache belongs to, as the sync engine stored it from GET /me; empty before
// the first sign-in.
QString TicketCache::signedInAgentId() const
{
    return parseObject(syncValue(QStringLiteral("me"))).value(QStringLiteral("id")).toString();
}

std::optional<Agent> TicketCache::signedInAgent() const
{
    const QJsonObject o = parseObject(syncValue(QStringLiteral("me")));
    Agent me;
    if (!Json::fromJson(o, &me, nullptr))
        me = Agent(); // a record this version cannot read whole: its id, as an agent
    me.id = o.value(QStringLiteral("id")).toString();
    if (me.id.isEmpty())
        return std::nullopt;
    return me;
}

bool TicketCache::storeCustomers(const QVector<Customer> &customers)
{
    if (customers.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO customers (id, data) VALUES (?, ?) ON CONFLICT (id) "
                             "DO UPDATE SET data = excluded.data WHERE json_extract("
                             "excluded.data, '$.seq') >= json_extract(customers.data, '$.seq')"));
    for (const Customer &c : customers) {
        q.addBindValue(c.id);
        q.addBindValue(compact(Json::toJson(c)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    m_customerNames.clear();
    return tx.commit();
}

bool TicketCache::storeSeverityChanges(const QVector<SeverityChange> &changes)
{
    if (changes.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO severity_changes (id, ticket_id, data) "
                             "VALUES (?, ?, ?)"));
    for (const SeverityChange &c : changes) {
        q.addBindValue(c.id);
        q.addBindValue(c.ticketId);
        q.addBindValue(compact(Json::toJson(c)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit();
}

QVector<SeverityChange> TicketCache::severityChanges(const QStringList &ticketIds) const
{
    QVector<SeverityChange> list;
    if (ticketIds.isEmpty())
        return list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    // The ids go in as one JSON array, one statement for all (a service report's month of a
    // customer was a statement per ticket); CROSS JOIN: from the ids to the ticket_id index.
    if (!q.prepare(QStringLiteral("SELECT s.id, s.data, s.ticket_id FROM json_each(?) j "
                                  "CROSS JOIN severity_changes s ON s.ticket_id = j.value")))
        return list;
    q.addBindValue(idArray(ticketIds));
    if (!q.exec())
        return list;
    while (q.next()) {
        // Rows written before the record's codec kept its id and ticket in columns only.
        QJsonObject o = parseObject(q.value(1).toString());
        o.insert(QStringLiteral("id"), q.value(0).toString());
        o.insert(QStringLiteral("ticket_id"), q.value(2).toString());
        SeverityChange c;
        if (Json::fromJson(o, &c, nullptr))
            list.append(c);
    }
    std::sort(list.begin(), list.end(), [](const SeverityChange &a, const SeverityChange &b) {
        return a.changedAt < b.changedAt;
    });
    return list;
}

} // namespace SupportDesk
