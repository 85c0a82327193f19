// The cache's schema: its version and the stepwise migrations, and starting over.
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

bool TicketCache::migrate()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.exec(QStringLiteral("PRAGMA user_version"));
    q.next();
    int version = q.value(0).toInt();
    q.finish();
    // Each step runs in one transaction with its user_version bump: all of it or none.
    static const QStringList steps[] = {
        // 0 → 1
        {QStringLiteral("CREATE TABLE tickets (id TEXT PRIMARY KEY, version INTEGER, seq INTEGER, "
                        "pending INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL, "
                        "server_data TEXT)"),
         // The queue's fields, packed, in a narrow table of their own: a cold load of 100k
         // rows reads ~15 MB instead of the ~130 MB the full tickets take (docs/cache.md).
         QStringLiteral("CREATE TABLE queue_rows (id TEXT PRIMARY KEY, row BLOB NOT NULL)"),
         QStringLiteral("CREATE TABLE dictionary (code INTEGER PRIMARY KEY, word TEXT NOT NULL "
                        "UNIQUE)"),
         QStringLiteral("CREATE TABLE messages (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, "
                        "created_at INTEGER, pending INTEGER NOT NULL DEFAULT 0, "
                        "data TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX messages_ticket ON messages (ticket_id, created_at)"),
         QStringLiteral("CREATE TABLE customers (id TEXT PRIMARY KEY, data TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE agents (id TEXT PRIMARY KEY, data TEXT NOT NULL)"),
         QStringLiteral("CREATE TABLE catalogs (plan_id TEXT PRIMARY KEY, data BLOB NOT NULL)"),
         QStringLiteral("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT)"),
         QStringLiteral("CREATE TABLE outbox (position INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "op_id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, data TEXT NOT NULL, "
                        "base_version INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', "
                        "code TEXT, args TEXT, server_ticket TEXT)"),
         QStringLiteral("CREATE INDEX outbox_ticket ON outbox (ticket_id, position)")},
        // 1 → 2: full-text search over subject, body and customer name. The trigram tokenizer
        // matches any substring of three or more characters, which is what Chinese needs:
        // there are no spaces between words to split on. Rows already cached are indexed by
        // the backfill (buildSearchIndex), as are those of an initial sync.
        {QStringLiteral("CREATE VIRTUAL TABLE ticket_search USING fts5(subject, body, customer, "
                        "tokenize = 'trigram')"),
         QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT 'search_backfill_to', "
                        "coalesce(max(rowid), 0) FROM tickets")},
        // 2 → 3: the versions this client's own acknowledged edits gave each ticket, so an edit
        // made on the version before an acknowledgement (read just before the sync thread
        // stored it) is rebased instead of conflicting with itself.
        {QStringLiteral("CREATE TABLE own_versions (ticket_id TEXT NOT NULL, from_version "
                        "INTEGER NOT NULL, to_version INTEGER NOT NULL, "
                        "UNIQUE (ticket_id, from_version))")},
        // 3 → 4: the severity changes of the feed (who, when, from, to, why), for the service
        // report. Those the cache read past before (an older build skipped the kind) come with
        // the history re-pull the next step schedules.
        {QStringLiteral("CREATE TABLE severity_changes (id TEXT PRIMARY KEY, ticket_id TEXT NOT "
                        "NULL, data TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX severity_changes_ticket ON severity_changes (ticket_id)")},
        // 4 → 5: the feed up to last_seq is read again for the history the cache skipped
        // (there is no "next full sync": the feed is only ever read past last_seq). The sync
        // engine does it once the cache is caught up (SyncEngine::pullHistory, docs/cache.md).
        // Caches already at 4 may have been migrated from 3 without it, so every cache that
        // has read part of the feed re-reads it once; a new cache has nothing to re-read.
        {QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 5 → 6: attachments (docs/attachments.md). The feed's records; the bytes of those
        // opened, by sha256, within a cap (least recently opened go first); the files of
        // replies waiting in the outbox, saved in the reply's transaction. Records the cache
        // read past before come with the history re-pull this step schedules, as 4 → 5's.
        {QStringLiteral("CREATE TABLE attachments (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, "
                        "sha256 TEXT NOT NULL, data TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX attachments_ticket ON attachments (ticket_id)"),
         QStringLiteral("CREATE TABLE attachment_blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT "
                        "NULL, size INTEGER NOT NULL, opened_at INTEGER NOT NULL)"),
         QStringLiteral("CREATE TABLE attachment_uploads (id TEXT PRIMARY KEY, op_id TEXT NOT "
                        "NULL, ticket_id TEXT NOT NULL, sha256 TEXT NOT NULL, data TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX attachment_uploads_op ON attachment_uploads (op_id)"),
         QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 6 → 7: macros (docs/macros.md), as this desk shows them (`data`, its own unsent edits
        // included) and as the server last sent them (`server_data`, none before it has). The
        // feed's macro records older builds skipped come with a history re-pull, as for 5 and 6.
        {QStringLiteral("CREATE TABLE macros (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                        "server_seq INTEGER NOT NULL DEFAULT 0, server_data TEXT)"),
         QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 7 → 8: the queue's rows keyed by their ticket's rowid, not by its id. The ids are
        // random UUIDs: a TEXT PRIMARY KEY gave queue_rows a second index in random order, and
        // each feed page rewrote most of its leaves (docs/cache.md, "The tickets' keys"). The
        // packed row keeps the id; the id stays unique in `tickets`. A row whose ticket is
        // gone had nothing to show and is dropped.
        {QStringLiteral("CREATE TABLE queue_rows_by_rowid (ticket_rowid INTEGER PRIMARY KEY, "
                        "row BLOB NOT NULL)"),
         QStringLiteral("INSERT INTO queue_rows_by_rowid (ticket_rowid, row) SELECT t.rowid, "
                        "q.row FROM queue_rows q JOIN tickets t ON t.id = q.id"),
         QStringLiteral("DROP TABLE queue_rows"),
         QStringLiteral("ALTER TABLE queue_rows_by_rowid RENAME TO queue_rows")},
        // 8 → 9: which ticket carries which tag (docs/tags-and-views.md), written with every
        // ticket write: the pane's completion, `tag:NAME` in the search box and the queue's
        // column read it. No ticket cached before has a tag (no server had them).
        {QStringLiteral("CREATE TABLE ticket_tags (ticket_id TEXT NOT NULL, tag TEXT NOT NULL, "
                        "PRIMARY KEY (ticket_id, tag))"),
         QStringLiteral("CREATE INDEX ticket_tags_tag ON ticket_tags (tag)")},
        // 9 → 10: the queue's default order of the open tickets, indexed, so the first screen
        // of a million tickets is read before the rest (docs/queue.md "First screen first").
        // The writer binds the key; rows already cached get it from their own bytes.
        {QStringLiteral("ALTER TABLE queue_rows ADD COLUMN open_key INTEGER"),
         QStringLiteral("UPDATE queue_rows SET open_key = %1").arg(openOrderKeySql()),
         QStringLiteral("CREATE INDEX queue_rows_open ON queue_rows (open_key, ticket_rowid) "
                        "WHERE open_key IS NOT NULL")},
        // 10 → 11: the search index leaves for a file of its own beside the cache, so a
        // thread of its own can write it while the sync thread writes the tickets (one file
        // has one writer; docs/cache.md "The search file"). Rows already cached are indexed
        // into the new file by the backfill. The cache gets an id: a search file records the
        // cache it belongs to, and one of another cache is made again.
        {QStringLiteral("DROP TABLE IF EXISTS main.ticket_search"),
         QStringLiteral("DELETE FROM sync_state WHERE key IN ('search_backfill_to', "
                        "'search_backfill_from')"),
         QStringLiteral("INSERT OR IGNORE INTO sync_state (key, value) VALUES ('cache_id', "
                        "lower(hex(randomblob(16))))")},
        // 11 → 12: IEM engagements and training sessions delivered (docs/service-use.md), as
        // the server last sent them; this desk's unsent ones are read from the outbox. The
        // feed's records older builds skipped come with a history re-pull, as for macros.
        {QStringLiteral("CREATE TABLE service_use (id TEXT PRIMARY KEY, customer_id TEXT NOT "
                        "NULL, server_seq INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL)"),
         QStringLiteral("CREATE INDEX service_use_customer ON service_use (customer_id)"),
         QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 12 → 13: the agent's saved views (docs/tags-and-views.md), kept as macros are (6 → 7):
        // as this desk shows them and as the server last sent them. The feed's view records
        // older builds read past come with a history re-pull.
        {QStringLiteral("CREATE TABLE saved_views (id TEXT PRIMARY KEY, data TEXT NOT NULL, "
                        "server_seq INTEGER NOT NULL DEFAULT 0, server_data TEXT)"),
         QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 13 → 14: customers carry their language (issue 17, docs/macros.md). A build before
        // it kept each customer record as it decoded it, without the field: the feed is read
        // again up to last_seq for the customers' records (SyncEngine::applyHistoryPage).
        {QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                        "'history_pull_to', value FROM sync_state WHERE key = 'last_seq' "
                        "AND CAST(value AS INTEGER) > 0")},
        // 14 → 15: the outbox by state. The window's status bar counts pending and conflicted
        // edits on every change; without it each count read every outbox row (14–16 ms of GUI
        // time with 75,000 edits of a bulk run waiting; docs/bulk.md).
        {QStringLiteral("CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state)")},
    };
    static_assert(std::size(steps) == SchemaVersion);
    for (; version < SchemaVersion; ++version) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (!db.transaction())
            return fail(db.lastError().text());
        for (const QString &sql : steps[version]) {
            if (!exec(sql)) {
                db.rollback();
                return fail(tr("cache migration to schema %1 failed: %2").arg(version + 1).arg(m_error));
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) || !db.commit()) {
            db.rollback();
            return false;
        }
    }
    return true;
}

bool TicketCache::discardAndRecreate()
{
    const QString path = m_path;
    close();
    for (const QString &file : SearchIndex::filesOf(path))
        QFile::remove(file); // the search index with it: it belonged to the old file
    return open(path) == OpenStatus::Ok;
}

} // namespace SupportDesk
