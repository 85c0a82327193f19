// Macros in the client's cache: the feed's copies, this desk's unsent edits over them, and
// their way through the outbox (docs/macros.md). A macro's shown row is always rebuilt the
// same way: the server's copy, then each pending op of it in saving order.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <QSqlQuery>

#include <algorithm>

namespace SupportDesk {

using namespace TicketCacheDetail;

namespace {

std::optional<Macro> readMacro(const QVariant &json)
{
    if (json.isNull())
        return std::nullopt;
    Macro m;
    if (!Json::fromJson(parseObject(json.toString()), &m, nullptr))
        return std::nullopt;
    return m;
}

} // namespace

bool TicketCache::rebuildMacro(const QString &id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT server_data FROM macros WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    std::optional<Macro> shown = q.next() ? readMacro(q.value(0)) : std::nullopt;
    q.prepare(QStringLiteral("SELECT data FROM outbox WHERE ticket_id = ? AND state = 'pending' "
                             "ORDER BY position"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    const QString me = signedInAgentId();
    while (q.next()) {
        Operation op;
        QString problem;
        if (!Json::fromJson(parseObject(q.value(0).toString()), &op, nullptr))
            continue;
        std::optional<Macro> edited = macroFromOperation(op, me, &problem);
        if (!edited)
            continue; // the server will refuse it too
        if (shown) { // what the op does not carry stays the server's
            edited->updatedBy = shown->updatedBy;
            edited->updatedAt = shown->updatedAt;
            edited->seq = shown->seq;
        }
        shown = edited;
    }
    // Readers on other connections (the GUI's picker) know to read again.
    QSqlQuery stamp(db);
    if (!stamp.exec(QStringLiteral("INSERT INTO sync_state (key, value) VALUES "
                                   "('macros_stamp', '1') ON CONFLICT (key) DO UPDATE SET "
                                   "value = CAST(value AS INTEGER) + 1")))
        return fail(stamp.lastError().text());
    QSqlQuery w(db);
    if (!shown) {
        w.prepare(QStringLiteral("DELETE FROM macros WHERE id = ?"));
        w.addBindValue(id);
    } else {
        w.prepare(QStringLiteral("INSERT INTO macros (id, data) VALUES (?, ?) ON CONFLICT (id) "
                                 "DO UPDATE SET data = excluded.data"));
        w.addBindValue(id);
        w.addBindValue(compact(Json::toJson(*shown)));
    }
    return w.exec() || fail(w.lastError().text());
}

bool TicketCache::storeMacros(const QVector<Macro> &macros)
{
    if (macros.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // Newest by seq: a history page read again cannot bring an older copy back.
    q.prepare(QStringLiteral("INSERT INTO macros (id, data, server_seq, server_data) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "server_seq = excluded.server_seq, "
                             "server_data = excluded.server_data "
                             "WHERE excluded.server_seq > macros.server_seq"));
    for (const Macro &m : macros) {
        const QString json = compact(Json::toJson(m));
        q.addBindValue(m.id);
        q.addBindValue(json);
        q.addBindValue(m.seq);
        q.addBindValue(json);
        if (!q.exec())
            return fail(q.lastError().text());
        if (!rebuildMacro(m.id))
            return false;
    }
    return tx.commit();
}

QVector<Macro> TicketCache::macros() const
{
    QVector<Macro> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT data FROM macros")))
        return list;
    while (q.next()) {
        std::optional<Macro> m = readMacro(q.value(0));
        if (m && !m->deleted)
            list.append(std::move(*m));
    }
    std::sort(list.begin(), list.end(), [](const Macro &a, const Macro &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return list;
}

qint64 TicketCache::macrosStamp() const
{
    return syncValue(QStringLiteral("macros_stamp")).toLongLong();
}

bool TicketCache::saveMacroEdit(const Operation &op, const Macro &macro)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO outbox (op_id, ticket_id, data, base_version) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(op.opId);
    q.addBindValue(macro.id);
    q.addBindValue(compact(Json::toJson(op)));
    q.addBindValue(op.baseVersion);
    if (!q.exec())
        return fail(q.lastError().text());
    return rebuildMacro(macro.id) && tx.commit();
}

bool TicketCache::acknowledgeMacro(const QString &opId, qint64 version)
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
    // Drops the op and moves the macro's later edits onto `version`, as for a ticket's.
    Ticket stand;
    stand.version = version;
    if (!acknowledge(opId, stand))
        return false;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    // Until the feed brings the server's record, the server holds what the op said, at
    // `version`: shown so, not the older copy (the feed's record, with its seq, replaces it).
    QString problem;
    std::optional<Macro> applied = macroFromOperation(op, signedInAgentId(), &problem);
    q.prepare(QStringLiteral("SELECT server_data FROM macros WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    const std::optional<Macro> server = q.next() ? readMacro(q.value(0)) : std::nullopt;
    q.finish();
    if (applied && (!server || server->version < version)) {
        applied->version = version;
        QSqlQuery w(QSqlDatabase::database(m_connectionName, false));
        w.prepare(QStringLiteral("INSERT INTO macros (id, data, server_data) VALUES (?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET server_data = "
                                 "excluded.server_data"));
        const QString json = compact(Json::toJson(*applied));
        w.addBindValue(id);
        w.addBindValue(json);
        w.addBindValue(json);
        if (!w.exec())
            return fail(w.lastError().text());
    }
    return rebuildMacro(id) && tx.commit();
}

bool TicketCache::rejectMacroEdit(const QString &opId, const QString &code,
                                  const QStringList &args)
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
    return tx.isActive() && rebuildMacro(id) && tx.commit();
}

} // namespace SupportDesk
