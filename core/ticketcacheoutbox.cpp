// The outbox: edits saved offline and their states until the server answers.
#include "ticketcache.h"
#include "ticketcache_p.h"
#include "outboxvisit.h"

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
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <algorithm>
#include <cstring>

namespace SupportDesk {

bool TicketCacheDetail::insertOutboxRow(QSqlQuery &q, const Operation &op,
                                        std::optional<qint64> shownVersion)
{
    // An op made on a version that one of this desk's own edits has since moved on (the sync
    // thread acknowledged it between the caller's read and this write) stands on the version
    // the server gave that edit: the caller saw its effect already. Without this the edit
    // conflicts with the desk's own, e.g. a saved view deleted just after its rename was sent.
    qint64 base = op.baseVersion;
    q.prepare(QStringLiteral("SELECT to_version FROM own_versions WHERE ticket_id = ? AND "
                             "from_version = ?"));
    for (int hops = 0; hops < 64 && base != shownVersion.value_or(-1); ++hops) {
        q.addBindValue(op.ticketId);
        q.addBindValue(base);
        if (!q.exec())
            return false;
        if (!q.next())
            break;
        base = q.value(0).toLongLong();
    }
    q.finish();
    q.prepare(QStringLiteral("INSERT INTO outbox (op_id, ticket_id, data, base_version) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(op.opId);
    q.addBindValue(op.ticketId);
    q.addBindValue(compact(Json::toJson(op)));
    q.addBindValue(base);
    return q.exec();
}

using namespace TicketCacheDetail;
using namespace CacheCodec;

// Whether the connection is inside a transaction (BEGIN without its COMMIT yet).
static bool inTransaction(const QString &connectionName)
{
    const QVariant v = QSqlDatabase::database(connectionName, false).driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *handle = *static_cast<sqlite3 *const *>(v.constData());
    return handle && sqlite3_get_autocommit(handle) == 0;
}

bool TicketCache::saveEdit(const Operation &op, const std::function<bool()> &alongside)
{
    const auto write = [&]() -> bool {
        Ticket t;
        if (op.type != opTypeName(OpType::CreateTicket)) {
            const auto current = ticket(op.ticketId);
            if (!current)
                return fail(tr("no ticket %1 in the cache").arg(op.ticketId));
            t = *current;
        }
        // A ticket's walk over its own acknowledged edits stops at the version the cache shows (a
        // create stands on nothing).
        const bool create = op.type == opTypeName(OpType::CreateTicket);
        const qint64 shown = create ? op.baseVersion : t.version;
        Message message;
        if (!applyLocally(t, op, &message))
            return fail(tr("unknown edit \"%1\"").arg(op.type));

        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (!insertOutboxRow(q, op, shown))
            return fail(q.lastError().text());

        // The server's version stays beside the row while edits are pending.
        const std::optional<Ticket> server = op.type == opTypeName(OpType::CreateTicket)
                ? std::nullopt
                : serverState(op.ticketId);
        if (!writeTicket(t, true, server ? compact(Json::toJson(*server)) : QString()))
            return false;
        if (!message.id.isEmpty() && !writeMessage(message, true))
            return false;
        return !alongside || alongside();
    };
    if (inTransaction(m_connectionName)) {
        // Inside a transaction of this connection (a bulk run's batch, saveEditBatch() in
        // core/bulkwriter.cpp: one durable transaction for the batch): the op in a savepoint
        // of its own, so one that fails leaves nothing of itself and the others stay. Durable
        // with the batch's commit, not before.
        if (m_failAt > 0 && --m_failAt == 0)
            return fail(tr("injected cache write failure"));
        if (!exec(QStringLiteral("SAVEPOINT save_edit")))
            return false;
        const qsizetype handOff = m_handOff.size();
        if (write() && exec(QStringLiteral("RELEASE save_edit")))
            return true;
        const QString error = errorString();
        exec(QStringLiteral("ROLLBACK TO save_edit"));
        exec(QStringLiteral("RELEASE save_edit"));
        // What the connection kept of the op in memory goes with it: the words it added to
        // the dictionary (read again on next use; still dirty, so the transaction's rollback
        // forgets them too) and its search entries.
        if (m_wordCodesDirty)
            m_wordCodes.clear();
        m_handOff.resize(std::min(handOff, m_handOff.size()));
        return fail(error);
    }
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    return write() && tx.commit();
}

// The state, code and args columns of an outbox row, from column `first` on.
static void readState(const QSqlQuery &q, int first, OutboxEntry *e)
{
    const QString state = q.value(first).toString();
    e->state = state == u"conflict" ? OutboxEntry::State::Conflict
             : state == u"rejected" ? OutboxEntry::State::Rejected
                                    : OutboxEntry::State::Pending;
    e->code = q.value(first + 1).toString();
    const QString args = q.value(first + 2).toString();
    if (!args.isEmpty()) {
        for (const QJsonValue &v : QJsonDocument::fromJson(args.toUtf8()).array())
            e->args.append(v.toString());
    }
}

QVector<OutboxEntry> TicketCache::outbox() const
{
    QVector<OutboxEntry> list;
    visitOutbox(*this, [&list](const OutboxEntry &e) {
        list.append(e);
        return true;
    });
    return list;
}

// The outbox's entries matching `where` (one bound value), in order, decoded.
static QVector<OutboxEntry> outboxWhere(const TicketCache &cache, const QString &where,
                                        const QString &value);

QVector<OutboxEntry> TicketCache::outboxOf(const QString &ticketId) const
{
    return outboxWhere(*this, QStringLiteral("ticket_id = ?"), ticketId);
}

std::optional<OutboxEntry> TicketCache::outboxEntry(const QString &opId) const
{
    const QVector<OutboxEntry> list = outboxWhere(*this, QStringLiteral("op_id = ?"), opId);
    return list.isEmpty() ? std::nullopt : std::optional(list.first());
}

// Reads the rows of `q` (position, data, base_version, state, code, args, server_ticket)
// until `visit` says stop; an op that does not decode is skipped.
static void visitRows(QSqlQuery &q, const std::function<bool(const OutboxEntry &)> &visit)
{
    while (q.next()) {
        OutboxEntry e;
        e.position = q.value(0).toLongLong();
        if (!Json::fromJson(parseObject(q.value(1).toString()), &e.op, nullptr))
            continue;
        e.op.baseVersion = q.value(2).toLongLong();
        readState(q, 3, &e);
        e.serverTicket = decodeTicket(q.value(6));
        if (!visit(e))
            return;
    }
}

static QString outboxSelect()
{
    return QStringLiteral(
            "SELECT position, data, base_version, state, code, args, server_ticket FROM outbox");
}

void visitOutbox(const TicketCache &cache,
                 const std::function<bool(const OutboxEntry &)> &visit)
{
    QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
    q.setForwardOnly(true);
    if (q.exec(outboxSelect() + QStringLiteral(" ORDER BY position")))
        visitRows(q, visit);
}

static QVector<OutboxEntry> outboxWhere(const TicketCache &cache, const QString &where,
                                        const QString &value)
{
    QVector<OutboxEntry> list;
    QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
    q.setForwardOnly(true);
    q.prepare(outboxSelect() + QStringLiteral(" WHERE ") + where
              + QStringLiteral(" ORDER BY position"));
    q.addBindValue(value);
    if (q.exec()) {
        visitRows(q, [&list](const OutboxEntry &e) {
            list.append(e);
            return true;
        });
    }
    return list;
}

std::optional<OutboxEntry> TicketCache::refusedNewTicket(const QString &ticketId) const
{
    for (const OutboxEntry &e : outboxOf(ticketId)) {
        if (e.state == OutboxEntry::State::Rejected
            && e.op.type == opTypeName(OpType::CreateTicket))
            return e;
    }
    return std::nullopt;
}

QSet<QString> TicketCache::refusedNewTicketIds() const
{
    QSet<QString> ids;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT ticket_id, data FROM outbox WHERE state = 'rejected'")))
        return ids;
    while (q.next()) {
        Operation op;
        if (Json::fromJson(parseObject(q.value(1).toString()), &op, nullptr)
            && op.type == opTypeName(OpType::CreateTicket))
            ids.insert(q.value(0).toString());
    }
    return ids;
}

QHash<QString, OutboxEntry> TicketCache::outboxStates() const
{
    QHash<QString, OutboxEntry> states;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT op_id, ticket_id, state, code, args FROM outbox")))
        return states;
    while (q.next()) {
        OutboxEntry e;
        e.op.opId = q.value(0).toString();
        e.op.ticketId = q.value(1).toString();
        readState(q, 2, &e);
        states.insert(e.op.opId, e);
    }
    return states;
}

int TicketCache::pendingCount() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    return q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")) && q.next()
            ? q.value(0).toInt()
            : 0;
}

int TicketCache::conflictCount() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    return q.exec(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'conflict'")) && q.next()
            ? q.value(0).toInt()
            : 0;
}

bool TicketCache::acknowledge(const QString &opId, const Ticket &ticket)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id, base_version, data FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.next()) {
        const QString ticketId = q.value(0).toString();
        const qint64 base = q.value(1).toLongLong();
        Operation op;
        Json::fromJson(parseObject(q.value(2).toString()), &op, nullptr);
        QSqlQuery w(QSqlDatabase::database(m_connectionName, false));
        w.prepare(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"));
        w.addBindValue(opId);
        if (!w.exec())
            return fail(w.lastError().text());
        // Later edits of this ticket were made on top of this one: they now stand on the
        // version the server gave it.
        w.prepare(QStringLiteral("UPDATE outbox SET base_version = ? WHERE ticket_id = ? AND "
                                 "base_version = ? AND state = 'pending'"));
        w.addBindValue(ticket.version);
        w.addBindValue(ticketId);
        w.addBindValue(base);
        if (!w.exec())
            return fail(w.lastError().text());
        // And so will an edit being made on `base` right now (see saveEdit). Only the last
        // few hundred are kept: the window is the time between a read and a save.
        if (ticket.version > 0 && ticket.version != base) {
            w.prepare(QStringLiteral("INSERT OR REPLACE INTO own_versions (ticket_id, "
                                     "from_version, to_version) VALUES (?, ?, ?)"));
            w.addBindValue(ticketId);
            w.addBindValue(base);
            w.addBindValue(ticket.version);
            if (!w.exec())
                return fail(w.lastError().text());
            if (!exec(QStringLiteral("DELETE FROM own_versions WHERE rowid <= (SELECT max(rowid) "
                                     "FROM own_versions) - 256")))
                return false;
        }
        const QString messageId = op.payload.value(OpKey::MessageId).toString();
        if (!messageId.isEmpty()) {
            w.prepare(QStringLiteral("UPDATE messages SET pending = 0 WHERE id = ?"));
            w.addBindValue(messageId);
            if (!w.exec())
                return fail(w.lastError().text());
        }
    }
    if (!ticket.id.isEmpty() && !writeServerTicket(ticket))
        return false;
    return tx.commit();
}

bool TicketCache::markConflict(const QString &opId, const Ticket &serverTicket)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'conflict', code = 'conflict', "
                             "server_ticket = ? WHERE op_id = ?"));
    q.addBindValue(compact(Json::toJson(serverTicket)));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    return writeServerTicket(serverTicket) && tx.commit();
}

bool TicketCache::markRejected(const QString &opId, const QString &code, const QStringList &args,
                               const std::optional<Ticket> &serverTicket)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec() || !q.next())
        return fail(q.lastError().text());
    const QString ticketId = q.value(0).toString();
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'rejected', code = ?, args = ?, "
                             "server_ticket = ? WHERE op_id = ?"));
    q.addBindValue(code);
    q.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(args)).toJson(
            QJsonDocument::Compact)));
    q.addBindValue(serverTicket ? compact(Json::toJson(*serverTicket)) : QVariant());
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    const bool ok = serverTicket ? writeServerTicket(*serverTicket) : rebuildFromServerState(ticketId);
    return ok && tx.commit();
}

bool TicketCache::reapply(const QString &opId)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id FROM outbox WHERE op_id = ? AND state = 'conflict'"));
    q.addBindValue(opId);
    if (!q.exec() || !q.next())
        return fail(tr("no conflict %1 to re-apply").arg(opId));
    const QString ticketId = q.value(0).toString();
    const std::optional<Ticket> server = serverState(ticketId);
    q.prepare(QStringLiteral("UPDATE outbox SET state = 'pending', code = NULL, server_ticket = "
                             "NULL, base_version = ? WHERE op_id = ?"));
    q.addBindValue(server ? server->version : 0);
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    return rebuildFromServerState(ticketId) && tx.commit();
}

bool TicketCache::drop(const QString &opId)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT ticket_id, data FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec() || !q.next())
        return fail(tr("no edit %1 in the outbox").arg(opId));
    const QString ticketId = q.value(0).toString();
    Operation op;
    Json::fromJson(parseObject(q.value(1).toString()), &op, nullptr);
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec())
        return fail(q.lastError().text());
    const QString messageId = op.payload.value(OpKey::MessageId).toString();
    if (!messageId.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM messages WHERE id = ? AND pending = 1"));
        q.addBindValue(messageId);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return rebuildFromServerState(ticketId) && tx.commit();
}

} // namespace SupportDesk
