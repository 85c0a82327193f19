// Writing tickets into the cache: feed pages, the queue's packed rows and the word dictionary.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "bytewriter.h"
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

bool TicketCache::writeTicket(const Ticket &t, bool pending, const QString &serverJson)
{
    // An upsert, not INSERT OR REPLACE: the row keeps its rowid, which keys its search entry.
    // Without RETURNING: SQLite gathers a RETURNING statement's rows in an ephemeral table, a
    // B-tree of its own opened and closed for every ticket (callgrind, bench_sync 30000: ~15 %
    // of the sync thread's instructions). The rowid of an insert is the connection's last
    // insert rowid; the upsert's update leaves that alone, so it is zeroed first (no ticket's
    // rowid is 0) and only a ticket already cached has its rowid looked up by id.
    sqlite3_stmt *q = statement(Statement::WriteTicket,
                                "INSERT INTO tickets (id, version, seq, pending, data, "
                                "server_data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
                                "UPDATE SET version = excluded.version, seq = excluded.seq, "
                                "pending = excluded.pending, data = excluded.data, "
                                "server_data = excluded.server_data");
    sqlite3_stmt *rowidOf = statement(Statement::TicketRowid,
                                      "SELECT rowid FROM tickets WHERE id = ?");
    if (!q || !rowidOf)
        return false;
    const QByteArray record = encodeTicket(t);
    const QString server = serverJson.isEmpty() ? QString() : serverJson;
    qint64 rowid = 0;
    if (bindText(q, 1, t.id) != SQLITE_OK || sqlite3_bind_int64(q, 2, t.version) != SQLITE_OK
        || sqlite3_bind_int64(q, 3, t.seq) != SQLITE_OK
        || sqlite3_bind_int(q, 4, pending ? 1 : 0) != SQLITE_OK
        || bindBlob(q, 5, record) != SQLITE_OK || bindText(q, 6, server) != SQLITE_OK) {
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    }
    sqlite3_set_last_insert_rowid(m_handle, 0);
    if (!run(q))
        return false;
    rowid = sqlite3_last_insert_rowid(m_handle);
    if (rowid == 0) {
        if (bindText(rowidOf, 1, t.id) != SQLITE_OK)
            return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
        if (!run(rowidOf, &rowid))
            return false;
        if (rowid == 0)
            return fail(tr("the ticket %1 was not written").arg(t.id));
    }
    if (!writeTicketTags(t))
        return false;
    // In the same transaction, initial sync included: the ticket is searchable once it is
    // cached. A backfill after the initial sync read and decoded every row again (2.7 s of
    // 100k tickets: "searchable" came 7-10 s after "cached"). A feed page collects the
    // entries and writes them after its rows (applyChanges says why).
    SearchEntry entry = searchEntry(rowid, t);
    if (m_searchBatch)
        m_searchBatch->append(std::move(entry));
    else if (!writeSearchEntry(entry))
        return false;
    // Keyed by the ticket's rowid (schema 8): rows come in the rowid's order, at the end of
    // the table, where a key of random UUIDs rewrote leaves all over a second index.
    sqlite3_stmt *row = statement(Statement::WriteQueueRow,
                                  "INSERT OR REPLACE INTO queue_rows (ticket_rowid, row, "
                                  "open_key) VALUES (?, ?, ?)");
    if (!row)
        return false;
    const QByteArray packed = queueRow(t, pending);
    if (packed.isNull())
        return fail(tr("cannot extend the cache's dictionary"));
    // The queue's first screen reads the open tickets in order by this (openOrderKey).
    const std::optional<qint64> openKey = openOrderKey(t);
    if (sqlite3_bind_int64(row, 1, rowid) != SQLITE_OK || bindBlob(row, 2, packed) != SQLITE_OK
        || (openKey ? sqlite3_bind_int64(row, 3, *openKey) : sqlite3_bind_null(row, 3))
                != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    return run(row);
}

qint64 TicketCache::wordCode(const QString &value)
{
    if (value.isEmpty())
        return 0;
    if (m_wordCodes.isEmpty()) {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (q.exec(QStringLiteral("SELECT code, word FROM dictionary"))) {
            while (q.next())
                m_wordCodes.insert(q.value(1).toString(), q.value(0).toLongLong());
        }
    }
    const auto it = m_wordCodes.constFind(value);
    if (it != m_wordCodes.constEnd())
        return *it;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    // Another connection to the file (the sync worker's or the GUI's) may have added it.
    q.prepare(QStringLiteral("SELECT code FROM dictionary WHERE word = ?"));
    q.addBindValue(value);
    if (q.exec() && q.next()) {
        const qint64 code = q.value(0).toLongLong();
        m_wordCodes.insert(value, code);
        return code;
    }
    q.prepare(QStringLiteral("INSERT INTO dictionary (word) VALUES (?)"));
    q.addBindValue(value);
    if (!q.exec())
        return -1;
    const qint64 code = q.lastInsertId().toLongLong();
    // Written inside the caller's transaction: forget it if that rolls back.
    m_wordCodes.insert(value, code);
    m_wordCodesDirty = true;
    return code;
}

QByteArray TicketCache::queueRow(const Ticket &t, bool pending)
{
    // Written through a ByteWriter: one buffer, no QByteArray call or UTF-8 copy per field.
    // Null when a word has no code (the dictionary could not be extended): told here, not by
    // a search of the row's bytes for a code of -1 afterwards (3 % of an initial sync's
    // sync thread).
    ByteWriter row(160 + 3 * t.subject.size());
    bool coded = true;
    const auto text = [&row](const QString &value) {
        row.utf8(value, FieldSeparator, ' ');
        row.byte(FieldSeparator);
    };
    const auto number = [&row](qint64 n) {
        row.decimal(n);
        row.byte(FieldSeparator);
    };
    const auto word = [this, &number, &coded](const QString &value) {
        const qint64 code = wordCode(value);
        coded = coded && code >= 0;
        number(code);
    };
    text(t.id);
    number(t.number);
    word(t.customerId);
    word(t.subClient);
    text(t.subject);
    word(t.channel);
    word(t.severity);
    word(t.status);
    word(t.assigneeId);
    word(t.planId);
    word(t.editionId);
    number(toMs(t.createdAt));
    number(toMs(t.firstResponseAt));
    number(toMs(t.dueAt));
    number(toMs(t.updatedAt));
    row.byte(pending ? '1' : '0');
    return coded ? row.take() : QByteArray();
}

bool TicketCache::writeMessage(const Message &m, bool pending)
{
    sqlite3_stmt *q = statement(Statement::WriteMessage,
                                "INSERT OR REPLACE INTO messages (id, ticket_id, created_at, "
                                "pending, data) VALUES (?, ?, ?, ?, ?)");
    if (!q)
        return false;
    const QString data = compact(Json::toJson(m));
    if (bindText(q, 1, m.id) != SQLITE_OK || bindText(q, 2, m.ticketId) != SQLITE_OK
        || sqlite3_bind_int64(q, 3, toMs(m.createdAt)) != SQLITE_OK
        || sqlite3_bind_int(q, 4, pending ? 1 : 0) != SQLITE_OK
        || bindText(q, 5, data) != SQLITE_OK) {
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    }
    return run(q);
}

std::optional<Ticket> TicketCache::serverState(const QString &ticketId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data, server_data, pending FROM tickets WHERE id = ?"));
    q.addBindValue(ticketId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    // With edits pending the row shows them; the server's own version is kept beside it.
    if (q.value(2).toInt() != 0)
        return decodeTicket(q.value(1));
    return decodeTicket(q.value(0));
}

// Shows the server's ticket with the still-pending edits of the outbox laid over it. A ticket
// the server has no copy of stands on its create-ticket op: pending, or refused. A refused new
// ticket stays in the desk as its op describes it (docs/cache.md, "A refused new ticket"): the
// customer's words live nowhere else, and the agent corrects and sends it again, or discards
// it (drop() takes the op, and with it the ticket). Before, it left the cache, the queue and
// the pane with no word, its payload only in the outbox table.
bool TicketCache::rebuildFromServerState(const QString &ticketId)
{
    std::optional<Ticket> server = serverState(ticketId);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data, state FROM outbox WHERE ticket_id = ? AND state IN "
                             "('pending', 'rejected') ORDER BY position"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return fail(q.lastError().text());
    Ticket shown = server.value_or(Ticket());
    bool pending = false;
    bool refusedNew = false;
    while (q.next()) {
        Operation op;
        if (!Json::fromJson(parseObject(q.value(0).toString()), &op, nullptr))
            continue;
        const bool create = op.type == opTypeName(OpType::CreateTicket);
        const bool rejected = q.value(1).toString() == u"rejected";
        // Of the refused ops only a new ticket's shows: any other refused edit is not shown.
        if (rejected && (server || !create))
            continue;
        // With no copy on the server, an edit stands only on the ticket's own create op.
        if (!server && !create && !pending && !refusedNew)
            continue;
        applyLocally(shown, op, nullptr);
        if (rejected) {
            refusedNew = true;
            // Never taken in: no response clock runs for it (its op's deadline was a preview
            // hint), so the queue, the notifier and the board see no target to breach.
            shown.dueAt = QDateTime();
            // In the queue of the agent who made it (My tickets), not among the tickets
            // waiting for someone to take them: it is theirs to correct or discard.
            if (shown.assigneeId.isEmpty()) {
                QString problem;
                const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
                shown.assigneeId = edit && !edit->authorId.isEmpty() ? edit->authorId
                                                                     : signedInAgentId();
            }
        } else {
            pending = true;
        }
    }
    if (!server && !pending && !refusedNew) {
        // The search entry and the queue row are keyed by the ticket's rowid: before it.
        QSqlQuery rowid(QSqlDatabase::database(m_connectionName, false));
        rowid.prepare(QStringLiteral("SELECT rowid FROM tickets WHERE id = ?"));
        rowid.addBindValue(ticketId);
        if (!rowid.exec())
            return fail(rowid.lastError().text());
        if (rowid.next() && !deleteSearchEntry(rowid.value(0).toLongLong()))
            return false;
        rowid.finish();
        for (const auto &sql : {QStringLiteral("DELETE FROM queue_rows WHERE ticket_rowid = "
                                               "(SELECT rowid FROM tickets WHERE id = ?)"),
                                QStringLiteral("DELETE FROM tickets WHERE id = ?")}) {
            QSqlQuery del(QSqlDatabase::database(m_connectionName, false));
            del.prepare(sql);
            del.addBindValue(ticketId);
            if (!del.exec())
                return fail(del.lastError().text());
        }
        return true;
    }
    // A ticket only this desk has is written as local (pending, no server copy beside it),
    // as while its create op waited: serverState() then says the server has none.
    return writeTicket(shown, pending || refusedNew,
                       pending && server ? compact(Json::toJson(*server)) : QString());
}

bool TicketCache::writeServerTicket(const Ticket &server, const QSet<QString> *pendingTickets)
{
    bool pending = false;
    if (pendingTickets) {
        pending = pendingTickets->contains(server.id);
    } else {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        q.prepare(QStringLiteral("SELECT 1 FROM outbox WHERE ticket_id = ? AND state = 'pending' "
                                 "LIMIT 1"));
        q.addBindValue(server.id);
        if (!q.exec())
            return fail(q.lastError().text());
        pending = q.next();
    }
    if (!pending)
        return writeTicket(server, false, QString());
    // Keep the server's version beside the row, then lay the pending edits over it.
    return writeTicket(server, true, compact(Json::toJson(server)))
            && rebuildFromServerState(server.id);
}

QSet<QString> TicketCache::ticketsWithPendingEdits() const
{
    QSet<QString> ids;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(QStringLiteral("SELECT DISTINCT ticket_id FROM outbox WHERE state = 'pending'"))) {
        while (q.next())
            ids.insert(q.value(0).toString());
    }
    return ids;
}

bool TicketCache::applyChanges(const QVector<Ticket> &tickets, const QVector<Message> &messages,
                               const QVector<Customer> &customers, const QVector<Agent> &agents,
                               const std::optional<TeamSettings> &settings, qint64 lastSeq,
                               bool initialSyncDone, QStringList *changedTicketIds)
{
    // A feed page need not reach the disk before this returns: lost to a power cut, it is
    // fetched again, since last_seq goes in the same transaction. Skipping the fsync per page
    // makes an initial sync of 100k tickets several times faster.
    exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    if (!m_bulkWrite && !this->initialSyncDone())
        setBulkWrite(true);
    bool committed = false;
    const auto restore = qScopeGuard([this, &committed, initialSyncDone] {
        exec(QStringLiteral("PRAGMA synchronous = FULL"));
        if (committed && initialSyncDone && m_bulkWrite)
            setBulkWrite(false);
    });
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    const qint64 seqBefore = this->lastSeq();
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Customers first: a ticket's search entry holds its customer's name, and the feed brings
    // a customer in the same page as its first tickets.
    QSqlQuery q(db);
    if (!customers.isEmpty())
        m_customerNames.clear();
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO customers (id, data) VALUES (?, ?)"));
    for (const Customer &c : customers) {
        q.addBindValue(c.id);
        q.addBindValue(compact(Json::toJson(c)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO agents (id, data) VALUES (?, ?)"));
    for (const Agent &a : agents) {
        q.addBindValue(a.id);
        q.addBindValue(compact(Json::toJson(a)));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    // The page's search entries are written after all its rows. Once the FTS5 table is in a
    // transaction, every later statement that opens a statement journal (the ticket's upsert
    // does) makes SQLite call FTS5's xSavepoint, which flushes FTS5's pending terms to disk:
    // interleaved, each ticket left a segment of one row behind and the upserts ran four times
    // slower (bench_cache_load 30000: upserts 1.38 s, 0.34 s with the entries after).
    const QSet<QString> pending = ticketsWithPendingEdits();
    {
        QSqlQuery tags(db);
        if (!tags.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM ticket_tags)"))
            || !tags.next())
            return fail(tags.lastError().text());
        m_noTicketTags = tags.value(0).toInt() == 0;
    }
    const auto endNoTags = qScopeGuard([this] { m_noTicketTags = false; });
    QVector<SearchEntry> searchBatch;
    searchBatch.reserve(tickets.size());
    m_searchBatch = &searchBatch;
    const auto endBatch = qScopeGuard([this] { m_searchBatch = nullptr; });
    for (const Ticket &t : tickets) {
        if (!writeServerTicket(t, &pending))
            return false;
        if (changedTicketIds)
            changedTicketIds->append(t.id);
    }
    m_searchBatch = nullptr;
    for (const SearchEntry &entry : std::as_const(searchBatch)) {
        if (!writeSearchEntry(entry))
            return false;
    }
    // The index is complete to this page if it was to the one before (here, or in the
    // search writer's transaction when it has the file: handed over at the commit).
    if (!advanceSearch(seqBefore, lastSeq))
        return false;
    // A set beside the list: contains() on the list was a scan of the page's ids per message.
    QSet<QString> changed;
    if (changedTicketIds && !messages.isEmpty())
        changed = QSet<QString>(changedTicketIds->cbegin(), changedTicketIds->cend());
    for (const Message &m : messages) {
        if (!writeMessage(m, false))
            return false;
        if (changedTicketIds && !changed.contains(m.ticketId)) {
            changed.insert(m.ticketId);
            changedTicketIds->append(m.ticketId);
        }
    }
    if (settings && !setSyncValue(QStringLiteral("team_settings"), compact(Json::toJson(*settings))))
        return false;
    if (!setSyncValue(QStringLiteral("last_seq"), QString::number(lastSeq)))
        return false;
    if (initialSyncDone && !setSyncValue(QStringLiteral("initial_sync_done"), QStringLiteral("1")))
        return false;
    committed = tx.commit();
    return committed;
}

QString TicketCache::customerName(const QString &id)
{
    if (m_customerNames.isEmpty()) {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        if (q.exec(QStringLiteral("SELECT id, data FROM customers"))) {
            while (q.next()) {
                Customer c;
                if (Json::fromJson(parseObject(q.value(1).toString()), &c, nullptr))
                    m_customerNames.insert(c.id, c.name);
            }
        }
        m_customerNames.insert(QString(), QString()); // loaded, even when there are none
    }
    return m_customerNames.value(id, id);
}

} // namespace SupportDesk
