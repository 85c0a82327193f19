// Records of the feed that the desk edits through the outbox besides tickets (macros, saved
// views): the server's copy, this desk's unsent edits over it, and their way through the outbox
// (docs/macros.md, docs/tags-and-views.md). One way for every such kind: a record's shown row
// is always rebuilt the same way, the server's copy, then each pending op of it in saving order.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <QSqlQuery>

namespace SupportDesk {

using namespace TicketCacheDetail;

namespace {

const QString UpdatedBy = QStringLiteral("updated_by");
const QString UpdatedAt = QStringLiteral("updated_at");
const QString Seq = QStringLiteral("seq");
const QString VersionKey = QStringLiteral("version");

std::optional<QJsonObject> readRecord(const QVariant &json)
{
    if (json.isNull())
        return std::nullopt;
    const QJsonObject o = parseObject(json.toString());
    if (o.isEmpty())
        return std::nullopt;
    return o;
}

} // namespace

bool TicketCache::rebuildRecord(const EditedKind &kind, const QString &id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT server_data FROM %1 WHERE id = ?").arg(kind.table));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    std::optional<QJsonObject> shown = q.next() ? readRecord(q.value(0)) : std::nullopt;
    q.prepare(QStringLiteral("SELECT data, base_version FROM outbox WHERE ticket_id = ? AND "
                             "state = 'pending' ORDER BY position"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    const QString me = signedInAgentId();
    while (q.next()) {
        Operation op;
        if (!Json::fromJson(parseObject(q.value(0).toString()), &op, nullptr))
            continue;
        // Shown on the version it will be sent on (moved on by an acknowledgement of an
        // earlier edit), not the one it was made on: an edit made on what is shown stands there.
        op.baseVersion = q.value(1).toLongLong();
        std::optional<QJsonObject> edited = kind.fromOp(op, me);
        if (!edited)
            continue; // the server will refuse it too
        if (shown) { // what the op does not carry stays the server's
            for (const QString &key : { UpdatedBy, UpdatedAt, Seq })
                edited->insert(key, shown->value(key));
        }
        shown = edited;
    }
    // Readers on other connections (the GUI's lists) know to read again.
    QSqlQuery stamp(db);
    stamp.prepare(QStringLiteral("INSERT INTO sync_state (key, value) VALUES (?, '1') "
                                 "ON CONFLICT (key) DO UPDATE SET "
                                 "value = CAST(value AS INTEGER) + 1"));
    stamp.addBindValue(kind.stampKey);
    if (!stamp.exec())
        return fail(stamp.lastError().text());
    QSqlQuery w(db);
    if (!shown) {
        w.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(kind.table));
        w.addBindValue(id);
    } else {
        w.prepare(QStringLiteral("INSERT INTO %1 (id, data) VALUES (?, ?) ON CONFLICT (id) "
                                 "DO UPDATE SET data = excluded.data")
                          .arg(kind.table));
        w.addBindValue(id);
        w.addBindValue(compact(*shown));
    }
    return w.exec() || fail(w.lastError().text());
}

bool TicketCache::storeRecords(const EditedKind &kind, const QVector<QJsonObject> &records)
{
    if (records.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // Newest by seq: a history page read again cannot bring an older copy back.
    q.prepare(QStringLiteral("INSERT INTO %1 (id, data, server_seq, server_data) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "server_seq = excluded.server_seq, "
                             "server_data = excluded.server_data "
                             "WHERE excluded.server_seq > %1.server_seq")
                      .arg(kind.table));
    for (const QJsonObject &record : records) {
        const QString id = record.value(QStringLiteral("id")).toString();
        const QString json = compact(record);
        q.addBindValue(id);
        q.addBindValue(json);
        q.addBindValue(record.value(Seq).toInteger());
        q.addBindValue(json);
        if (!q.exec())
            return fail(q.lastError().text());
        if (!rebuildRecord(kind, id))
            return false;
    }
    return tx.commit();
}

QVector<QJsonObject> TicketCache::records(const EditedKind &kind) const
{
    QVector<QJsonObject> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT data FROM %1").arg(kind.table)))
        return list;
    while (q.next()) {
        if (std::optional<QJsonObject> o = readRecord(q.value(0)))
            list.append(std::move(*o));
    }
    return list;
}

bool TicketCache::saveRecordEdit(const EditedKind &kind, const Operation &op)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!insertOutboxRow(q, op))
        return fail(q.lastError().text());
    return rebuildRecord(kind, op.ticketId) && tx.commit();
}

bool TicketCache::acknowledgeRecord(const EditedKind &kind, const QString &opId, qint64 version)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id, data FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (!q.next())
        return true; // acknowledged before (a replay answered "duplicate")
    const QString id = q.value(0).toString();
    Operation op;
    Json::fromJson(parseObject(q.value(1).toString()), &op, nullptr);
    q.finish();
    // Drops the op and moves the record's later edits onto `version`, as for a ticket's.
    Ticket stand;
    stand.version = version;
    if (!acknowledge(opId, stand))
        return false;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    // Until the feed brings the server's record, the server holds what the op said, at
    // `version`: shown so, not the older copy (the feed's record, with its seq, replaces it).
    std::optional<QJsonObject> applied = kind.fromOp(op, signedInAgentId());
    q.prepare(QStringLiteral("SELECT server_data FROM %1 WHERE id = ?").arg(kind.table));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    const std::optional<QJsonObject> server = q.next() ? readRecord(q.value(0)) : std::nullopt;
    q.finish();
    if (applied && (!server || server->value(VersionKey).toInteger() < version)) {
        applied->insert(VersionKey, version);
        QSqlQuery w(QSqlDatabase::database(m_connectionName, false));
        w.prepare(QStringLiteral("INSERT INTO %1 (id, data, server_data) VALUES (?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET server_data = "
                                 "excluded.server_data")
                          .arg(kind.table));
        const QString json = compact(*applied);
        w.addBindValue(id);
        w.addBindValue(json);
        w.addBindValue(json);
        if (!w.exec())
            return fail(w.lastError().text());
    }
    return rebuildRecord(kind, id) && tx.commit();
}

bool TicketCache::rejectRecordEdit(const EditedKind &kind, const QString &opId,
                                   const QString &code, const QStringList &args)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (!q.next())
        return true;
    const QString id = q.value(0).toString();
    q.finish();
    // Kept in the outbox as refused (the desk lists it until dropped); shown as the server has it.
    if (!markRejected(opId, code, args, std::nullopt))
        return false;
    Transaction tx(this);
    return tx.isActive() && rebuildRecord(kind, id) && tx.commit();
}

} // namespace SupportDesk
