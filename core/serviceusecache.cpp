// IEM engagements and training sessions in the client's cache (docs/service-use.md): the
// server's records by customer, and this desk's unsent ones read from the outbox over them,
// so a lead's record shows at once, offline too, and goes to the server once.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace SupportDesk {

using namespace TicketCacheDetail;

bool TicketCache::storeServiceUse(const QVector<ServiceUse> &records)
{
    if (records.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // Newest by seq: a history page read again cannot bring an older copy back.
    q.prepare(QStringLiteral("INSERT INTO service_use (id, customer_id, server_seq, data) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "customer_id = excluded.customer_id, server_seq = "
                             "excluded.server_seq, data = excluded.data "
                             "WHERE excluded.server_seq > service_use.server_seq"));
    for (const ServiceUse &u : records) {
        q.addBindValue(u.id);
        q.addBindValue(u.customerId);
        q.addBindValue(u.seq);
        q.addBindValue(compact(Json::toJson(u)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit();
}

QVector<ServiceUse> TicketCache::serviceUse(const QString &customerId) const
{
    QHash<QString, ServiceUse> shown;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT data FROM service_use WHERE customer_id = ?"));
    q.addBindValue(customerId);
    if (q.exec()) {
        while (q.next()) {
            ServiceUse u;
            if (Json::fromJson(parseObject(q.value(0).toString()), &u, nullptr))
                shown.insert(u.id, u);
        }
    }
    // This desk's unsent ops, in saving order (a lead's few: the outbox is read whole).
    QSqlQuery o(db);
    o.setForwardOnly(true);
    if (o.exec(QStringLiteral("SELECT data, base_version FROM outbox WHERE state = 'pending' "
                              "AND data LIKE '%service-use%' ORDER BY position"))) {
        while (o.next()) {
            Operation op;
            QString problem;
            if (!Json::fromJson(parseObject(o.value(0).toString()), &op, nullptr)
                || !ServiceUseOp::isServiceUseOp(op.type))
                continue;
            // On the version it will be sent on, as a view's (TicketCache::rebuildRecord).
            op.baseVersion = o.value(1).toLongLong();
            std::optional<ServiceUse> edit = serviceUseFromOperation(op, &problem);
            if (!edit)
                continue; // the server will refuse it too
            const auto current = shown.constFind(edit->id);
            if (edit->cancelled) {
                if (current == shown.cend())
                    continue;
                ServiceUse u = *current;
                u.cancelled = true;
                u.cancelReason = edit->cancelReason;
                shown.insert(u.id, u);
                continue;
            }
            if (edit->customerId != customerId)
                continue;
            if (current != shown.cend()) { // what the op does not carry stays the server's
                edit->recordedBy = current->recordedBy;
                edit->recordedAt = current->recordedAt;
                edit->seq = current->seq;
            }
            shown.insert(edit->id, *edit);
        }
    }
    QVector<ServiceUse> list = shown.values();
    std::sort(list.begin(), list.end(), [](const ServiceUse &a, const ServiceUse &b) {
        return a.firstDay != b.firstDay ? a.firstDay < b.firstDay : a.id < b.id;
    });
    return list;
}

bool TicketCache::saveServiceUseEdit(const Operation &op)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!insertOutboxRow(q, op))
        return fail(q.lastError().text());
    return tx.commit();
}

bool TicketCache::acknowledgeServiceUse(const QString &opId, qint64 version)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (!q.next())
        return true; // acknowledged before (a replay answered "duplicate")
    Operation op;
    Json::fromJson(parseObject(q.value(0).toString()), &op, nullptr);
    q.finish();
    // Until the feed brings the server's record (its seq replaces this), the server holds
    // what the op said at `version`: shown so, not the older copy or nothing.
    QHash<QString, ServiceUse> before;
    QString problem;
    std::optional<ServiceUse> applied = serviceUseFromOperation(op, &problem);
    if (applied && applied->cancelled) {
        q.prepare(QStringLiteral("SELECT data FROM service_use WHERE id = ?"));
        q.addBindValue(applied->id);
        ServiceUse server;
        if (q.exec() && q.next()
            && Json::fromJson(parseObject(q.value(0).toString()), &server, nullptr)) {
            server.cancelled = true;
            server.cancelReason = applied->cancelReason;
            applied = server;
        } else {
            applied.reset();
        }
        q.finish();
    }
    // Drops the op and moves the record's later edits onto `version`, as for a ticket's.
    Ticket stand;
    stand.version = version;
    if (!acknowledge(opId, stand))
        return false;
    if (!applied)
        return true;
    applied->version = version;
    QSqlQuery w(QSqlDatabase::database(m_connectionName, false));
    // seq 0: any record of the feed replaces it.
    w.prepare(QStringLiteral("INSERT INTO service_use (id, customer_id, server_seq, data) "
                             "VALUES (?, ?, 0, ?) ON CONFLICT (id) DO UPDATE SET data = "
                             "excluded.data WHERE service_use.server_seq = 0 OR "
                             "json_extract(service_use.data, '$.version') < ?"));
    w.addBindValue(applied->id);
    w.addBindValue(applied->customerId);
    w.addBindValue(compact(Json::toJson(*applied)));
    w.addBindValue(version);
    return w.exec() || fail(w.lastError().text());
}

} // namespace SupportDesk
