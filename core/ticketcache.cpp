// The local SQLite cache: opening it, prepared statements, the sync's stored values and
// checkpoints. docs/cache.md explains the choices; the other ticketcache*.cpp hold the rest.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QSqlDriver>
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

#include <sqlite3.h>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

TicketCache::TicketCache(const QString &connectionName) : m_connectionName(connectionName) {}

TicketCache::~TicketCache()
{
    close();
}

QString TicketCache::defaultPath(const QString &serverUrl, const QString &agentId)
{
    const QByteArray key = QCryptographicHash::hash((serverUrl + u'|' + agentId).toUtf8(),
                                                    QCryptographicHash::Sha1)
                                   .toHex()
                                   .left(16);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("cache-%1.sqlite").arg(QString::fromLatin1(key)));
}

bool TicketCache::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
            && QSqlDatabase::database(m_connectionName, false).isOpen();
}

void TicketCache::close()
{
    finalizeStatements(); // an unfinalized statement keeps SQLite from closing the connection
    m_bulkWrite = false; // the connection's settings go with it
    m_wordCodes.clear();
    m_customerNames.clear();
    m_searchWriter = nullptr; // the sync engine's; the connection it stood for goes
    m_handOff.clear();
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool TicketCache::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool TicketCache::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(sql))
        return fail(q.lastError().text());
    return true;
}

bool TicketCache::beginWrite()
{
    if (m_failAt > 0 && --m_failAt == 0)
        return fail(tr("injected cache write failure"));
    // IMMEDIATE: take the write lock now, waiting (busy_timeout) for another connection's write
    // to finish. A deferred BEGIN could fail half-way when a read turns into a write.
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(q.lastError().text());
    return true;
}

TicketCache::OpenStatus TicketCache::open(const QString &path)
{
    close();
    m_path = path;
    m_autoCheckpoint = true;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    if (!db.open()) {
        fail(tr("cannot open the cache %1: %2").arg(path, db.lastError().text()));
        return OpenStatus::Failed;
    }
    QSqlQuery q(db);
    // A file that is not a database fails on its first read. Damage deeper inside is found by
    // checkIntegrity(), which reads every page and so runs off the GUI thread.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next()) {
        fail(tr("the cache %1 is damaged: %2").arg(path, q.lastError().text()));
        return OpenStatus::Corrupt;
    }
    q.finish(); // an open statement would keep a read transaction and block the mode switch
    // WAL lets the UI read while the sync engine writes. synchronous=FULL: an edit the UI has
    // called saved survives a power cut too, not only a crash; edits are few, so the fsync
    // per commit costs nothing anyone notices, and feed pages are written in big transactions.
    exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
    if (!exec(QStringLiteral("PRAGMA journal_mode = WAL"))
        || !exec(QStringLiteral("PRAGMA synchronous = FULL"))) {
        return OpenStatus::Failed;
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        fail(tr("the cache %1 is damaged: %2").arg(path, q.lastError().text()));
        return OpenStatus::Corrupt;
    }
    const int version = q.value(0).toInt();
    q.finish();
    if (version > SchemaVersion) {
        fail(tr("The cache %1 was written by a newer version of SupportDesk (schema %2; this "
                "version knows %3). It can be rebuilt from the server.")
                     .arg(path)
                     .arg(version)
                     .arg(SchemaVersion));
        return OpenStatus::NewerSchema;
    }
    if (!migrate())
        return OpenStatus::Failed;
    // The search index, in its own file (docs/cache.md "The search file"): a missing,
    // damaged or foreign one is made again here and filled by the backfill, never a failure.
    if (!attachSearch())
        return OpenStatus::Failed;
    return OpenStatus::Ok;
}

// The feed's hot inserts go through SQLite's C API on the QSQLITE driver's own connection (same
// transaction, same file): QtSql's addBindValue() builds a placeholder name and a QVariant per
// value, ~13 % of the sync thread's CPU in an initial sync. The texts are bound as the UTF-16
// they are held in, exactly as the driver binds them, so what is stored reads back the same.
sqlite3_stmt *TicketCache::statement(Statement id, const char *sql)
{
    sqlite3_stmt *&s = m_statements[size_t(id)];
    if (s)
        return s;
    if (!m_handle) {
        const QVariant v = QSqlDatabase::database(m_connectionName, false).driver()->handle();
        if (v.isValid() && qstrcmp(v.typeName(), "sqlite3*") == 0)
            m_handle = *static_cast<sqlite3 *const *>(v.constData());
    }
    if (!m_handle) {
        fail(tr("the cache is not open"));
        return nullptr;
    }
    if (sqlite3_prepare_v3(m_handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr)
        != SQLITE_OK) {
        fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
        sqlite3_finalize(s);
        s = nullptr;
    }
    return s;
}

// Steps a bound statement to its end; `returned` takes the first column of its first row.
// The statement is reset either way, so it holds no read or write lock between uses.
bool TicketCache::run(sqlite3_stmt *statement, qint64 *returned)
{
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
        if (returned)
            *returned = sqlite3_column_int64(statement, 0);
        rc = sqlite3_step(statement);
    }
    const bool done = rc == SQLITE_DONE;
    if (!done)
        fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    sqlite3_reset(statement);
    return done;
}

void TicketCache::finalizeStatements()
{
    for (sqlite3_stmt *&s : m_statements) {
        sqlite3_finalize(s);
        s = nullptr;
    }
    m_handle = nullptr;
}

void TicketCache::setAutoCheckpoint(bool on)
{
    m_autoCheckpoint = on;
    if (!m_bulkWrite) // else it takes effect when the initial sync's last page is written
        exec(on ? QStringLiteral("PRAGMA wal_autocheckpoint = 1000")
                : QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
}

// Held on the connection from an initial sync's first page to its last, not page by page:
// between pages the connection also commits other things (the server clock's record, the
// last sync's time), and each of those commits ran an automatic checkpoint of the whole WAL
// so far (bench_sync 100000 under load: the WAL restarted part-way, 90 MB of pages copied
// and both files fsynced, at no fixed point).
// - No automatic checkpoint: each one fsyncs the WAL and the database, and those fsyncs
//   were most of the time of writing 100k tickets; the sync engine checkpoints once when
//   the initial sync completes (checkpoint()).
// - A page cache that holds a page's working set: at SQLite's default (2 MB) a page of
//   2,500 tickets spilled dirty pages to the WAL mid-transaction and read them back, and
//   every commit re-read the B-tree and FTS pages the last one wrote (bench_sync 40000:
//   sync thread 3.7 -> 2.2 s of CPU). Memory only: what reaches the file, and when, is
//   unchanged. Back to the default when the last page is written or the connection closes.
void TicketCache::setBulkWrite(bool on)
{
    // The search file's too, when it is attached here (no search writer): the page's entries
    // are written into it in the same transaction.
    const auto cacheSize = [this](int kib) {
        exec(QStringLiteral("PRAGMA main.cache_size = %1").arg(-kib));
        if (!m_searchWriter)
            exec(QStringLiteral("PRAGMA search.cache_size = %1").arg(-kib));
    };
    if (on) {
        exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
        cacheSize(BulkCacheKiB);
    }
    m_bulkWrite = on;
    if (!on) {
        cacheSize(2000);
        setAutoCheckpoint(m_autoCheckpoint);
    }
}

bool TicketCache::checkpoint()
{
    return exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
}

bool TicketCache::storeCatalogs(const QHash<QString, QByteArray> &planJson)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO catalogs (plan_id, data) VALUES (?, ?)"));
    for (auto it = planJson.cbegin(); it != planJson.cend(); ++it) {
        q.addBindValue(it.key());
        q.addBindValue(it.value());
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit();
}

QHash<QString, QByteArray> TicketCache::catalogs() const
{
    QHash<QString, QByteArray> result;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (q.exec(QStringLiteral("SELECT plan_id, data FROM catalogs"))) {
        while (q.next())
            result.insert(q.value(0).toString(), q.value(1).toByteArray());
    }
    return result;
}

QString TicketCache::syncValue(const QString &key) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT value FROM sync_state WHERE key = ?"));
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

bool TicketCache::setSyncValue(const QString &key, const QString &value)
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)"));
    q.addBindValue(key);
    q.addBindValue(value);
    return q.exec() || fail(q.lastError().text());
}

qint64 TicketCache::lastSeq() const
{
    return syncValue(QStringLiteral("last_seq")).toLongLong();
}

bool TicketCache::initialSyncDone() const
{
    return syncValue(QStringLiteral("initial_sync_done")) == u"1";
}

std::optional<Ticket> TicketCache::ticket(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data FROM tickets WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return decodeTicket(q.value(0));
}

} // namespace SupportDesk
