// The local SQLite cache (schema in migrate()); docs/cache.md explains the choices.
#include "ticketcache.h"

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

namespace {

qint64 toMs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

// The cache's row codecs (cachecodec.h): pure functions of their bytes, fuzzed by
// fuzz_cacherows.
namespace CacheCodec {

namespace {

// A cached ticket is stored in a compact binary form: building and printing JSON for every
// ticket was half the cost of writing a feed page. The first byte tells the forms apart, so a
// row written as JSON text by an older build still reads.
constexpr char BinaryTicketTag = '\x01';

// Strings as UTF-8 (QDataStream writes QString as UTF-16, twice the bytes for Latin text).
struct Utf8Out
{
    QDataStream &s;
    Utf8Out &operator<<(const QString &v)
    {
        s << v.toUtf8();
        return *this;
    }
    Utf8Out &operator<<(const QStringList &v)
    {
        s << quint32(v.size());
        for (const QString &item : v)
            s << item.toUtf8();
        return *this;
    }
    Utf8Out &operator<<(qint64 v)
    {
        s << v;
        return *this;
    }
};

struct Utf8In
{
    QDataStream &s;
    Utf8In &operator>>(QString &v)
    {
        QByteArray bytes;
        s >> bytes;
        v = QString::fromUtf8(bytes);
        return *this;
    }
    Utf8In &operator>>(QStringList &v)
    {
        quint32 n = 0;
        s >> n;
        v.clear();
        for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
            QByteArray bytes;
            s >> bytes;
            v.append(QString::fromUtf8(bytes));
        }
        return *this;
    }
    Utf8In &operator>>(qint64 &v)
    {
        s >> v;
        return *this;
    }
};

} // namespace

QByteArray encodeTicket(const Ticket &t)
{
    QByteArray bytes;
    bytes.reserve(256 + t.subject.size() + t.body.size());
    bytes.append(BinaryTicketTag);
    QDataStream stream(&bytes, QIODevice::Append);
    stream.setVersion(QDataStream::Qt_6_4);
    Utf8Out out{stream};
    out << t.id << t.number << t.customerId << t.subClient << t.subject << t.body << t.channel
        << t.severity << t.status << t.assigneeId << t.planId << t.editionId << toMs(t.createdAt)
        << toMs(t.firstResponseAt) << toMs(t.dueAt) << toMs(t.updatedAt) << t.software
        << t.softwareVersion << t.flags << t.quotaOverrideReason << t.version << t.seq;
    return bytes;
}

std::optional<Ticket> decodeTicket(const QVariant &value)
{
    Ticket t;
    if (value.typeId() == QMetaType::QByteArray) {
        QByteArray bytes = value.toByteArray();
        if (bytes.isEmpty() || bytes.at(0) != BinaryTicketTag)
            return std::nullopt;
        QDataStream stream(bytes.sliced(1));
        stream.setVersion(QDataStream::Qt_6_4);
        Utf8In in{stream};
        qint64 created = 0, responded = 0, due = 0, updated = 0;
        in >> t.id >> t.number >> t.customerId >> t.subClient >> t.subject >> t.body >> t.channel
                >> t.severity >> t.status >> t.assigneeId >> t.planId >> t.editionId >> created
                >> responded >> due >> updated >> t.software >> t.softwareVersion >> t.flags
                >> t.quotaOverrideReason >> t.version >> t.seq;
        if (stream.status() != QDataStream::Ok || t.id.isEmpty())
            return std::nullopt;
        const auto time = [](qint64 ms) {
            return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
        };
        t.createdAt = time(created);
        t.firstResponseAt = time(responded);
        t.dueAt = time(due);
        t.updatedAt = time(updated);
        return t;
    }
    const QString text = value.toString();
    if (text.isEmpty() || !Json::fromJson(parseObject(text), &t, nullptr))
        return std::nullopt;
    return t;
}

// The queue's fields of a ticket packed into one UTF-8 blob: loading one column per row is
// several times faster through QtSql than sixteen, and a blob skips SQLite's conversion to
// UTF-16. Repeated values (customer, channel, severity, status, assignee, plan, edition) are
// stored as numbers into the cache's dictionary, so a load shares one QString per value
// instead of decoding each again (docs/cache.md has the figures).
namespace {
constexpr char FieldSeparator = '\x1f';
constexpr int QueueFields = 16;
} // namespace

bool parseQueueRow(const QByteArray &row, TicketRow *r, quint32 words)
{
    QByteArrayView f[QueueFields];
    qsizetype start = 0;
    const char *data = row.constData();
    for (int i = 0; i < QueueFields; ++i) {
        qsizetype end = row.size();
        if (i < QueueFields - 1) {
            const void *hit = std::memchr(data + start, FieldSeparator, size_t(row.size() - start));
            if (!hit)
                return false;
            end = static_cast<const char *>(hit) - data;
        }
        if (end > 0xffff)
            return false;
        f[i] = QByteArrayView(data + start, end - start);
        start = end + 1;
    }
    // A corrupt row must not make numbers out of other bytes or overflow: anything but up to
    // 18 digits (an optional leading '-' for times before 1970) fails the row.
    bool bad = false;
    const auto number = [&bad](QByteArrayView v) {
        const bool negative = v.startsWith('-');
        if (negative)
            v = v.sliced(1);
        if (v.size() > 18) {
            bad = true;
            return qint64(0);
        }
        qint64 n = 0;
        for (const char c : v) {
            if (c < '0' || c > '9') {
                bad = true;
                return qint64(0);
            }
            n = n * 10 + (c - '0');
        }
        return negative ? -n : n;
    };
    const auto word = [&](QByteArrayView v) {
        const qint64 code = number(v);
        return code > 0 && code < words ? quint32(code) : 0u;
    };
    r->packed = row;
    r->idLength = quint16(f[0].size());
    r->subjectStart = quint16(f[4].data() - data);
    r->subjectLength = quint16(f[4].size());
    r->number = number(f[1]);
    r->customer = word(f[2]);
    r->subClient = word(f[3]);
    r->channel = word(f[5]);
    r->severity = word(f[6]);
    r->status = word(f[7]);
    r->assignee = word(f[8]);
    r->plan = word(f[9]);
    r->edition = word(f[10]);
    r->createdAtMs = number(f[11]);
    r->firstResponseAtMs = number(f[12]);
    r->dueAtMs = number(f[13]);
    r->updatedAtMs = number(f[14]);
    r->pending = f[15] == "1";
    return !bad;
}

} // namespace CacheCodec

using namespace CacheCodec;

// Rolls back unless committed.
class TicketCache::Transaction
{
public:
    explicit Transaction(TicketCache *cache) : m_cache(cache)
    {
        m_active = cache->beginWrite();
    }
    ~Transaction()
    {
        if (m_active) {
            QSqlDatabase::database(m_cache->m_connectionName, false).rollback();
            if (m_cache->m_wordCodesDirty)
                m_cache->m_wordCodes.clear(); // reloaded from the table on next use
        }
        m_cache->m_wordCodesDirty = false;
    }
    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        QSqlDatabase db = QSqlDatabase::database(m_cache->m_connectionName, false);
        if (!db.commit()) {
            m_cache->fail(db.lastError().text());
            db.rollback();
            return false;
        }
        return true;
    }

private:
    TicketCache *m_cache;
    bool m_active = false;
};

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
    m_statements.clear();
    m_wordCodes.clear();
    m_customerNames.clear();
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
    return OpenStatus::Ok;
}

bool TicketCache::checkIntegrity()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next()
        || q.value(0).toString() != u"ok") {
        return fail(tr("the cache %1 is damaged: %2")
                            .arg(m_path, q.lastError().isValid() ? q.lastError().text()
                                                                 : q.value(0).toString()));
    }
    return true;
}

QSqlQuery &TicketCache::statement(Statement id, const QString &sql) const
{
    auto it = m_statements.find(int(id));
    if (it == m_statements.end()) {
        it = m_statements.insert(int(id), QSqlQuery(QSqlDatabase::database(m_connectionName, false)));
        it->prepare(sql);
    }
    return *it;
}

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
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    return open(path) == OpenStatus::Ok;
}

bool TicketCache::recoverFromCorruption(QString *movedTo, int *salvaged)
{
    const QString path = m_path;
    close();
    const QString aside = QStringLiteral("%1.corrupt-%2")
                                  .arg(path, QDateTime::currentDateTimeUtc().toString(
                                                     QStringLiteral("yyyyMMddHHmmss")));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, aside + suffix))
            return fail(tr("cannot move the damaged cache aside to %1").arg(aside));
    }
    if (movedTo)
        *movedTo = aside;

    // Read what we can of the old outbox: the edits nobody has sent are the only data the
    // server does not have.
    QVector<QPair<QString, QString>> rows; // data, base_version
    {
        const QString salvage = m_connectionName + QStringLiteral("-salvage");
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), salvage);
            old.setDatabaseName(aside);
            old.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (old.open()) {
                QSqlQuery q(old);
                if (q.exec(QStringLiteral("SELECT data, base_version FROM outbox WHERE state = "
                                          "'pending' ORDER BY position"))) {
                    while (q.next())
                        rows.append({q.value(0).toString(), q.value(1).toString()});
                }
            }
            old.close();
        }
        QSqlDatabase::removeDatabase(salvage);
    }
    if (open(path) != OpenStatus::Ok)
        return false;
    int count = 0;
    for (const auto &row : std::as_const(rows)) {
        Operation op;
        if (!Json::fromJson(parseObject(row.first), &op, nullptr))
            continue;
        op.baseVersion = row.second.toLongLong();
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO outbox (op_id, ticket_id, data, "
                                 "base_version) VALUES (?, ?, ?, ?)"));
        q.addBindValue(op.opId);
        q.addBindValue(op.ticketId);
        q.addBindValue(compact(Json::toJson(op)));
        q.addBindValue(op.baseVersion);
        if (q.exec())
            ++count;
    }
    if (salvaged)
        *salvaged = count;
    return true;
}

bool TicketCache::writeTicket(const Ticket &t, bool pending, const QString &serverJson)
{
    // An upsert, not INSERT OR REPLACE: the row keeps its rowid, which keys its search entry.
    QSqlQuery &q = statement(Statement::WriteTicket,
                             QStringLiteral("INSERT INTO tickets (id, version, seq, pending, data, "
                                            "server_data) VALUES (?, ?, ?, ?, ?, ?) "
                                            "ON CONFLICT (id) DO UPDATE SET version = "
                                            "excluded.version, seq = excluded.seq, pending = "
                                            "excluded.pending, data = excluded.data, server_data = "
                                            "excluded.server_data RETURNING rowid"));
    q.addBindValue(t.id);
    q.addBindValue(t.version);
    q.addBindValue(t.seq);
    q.addBindValue(pending ? 1 : 0);
    q.addBindValue(encodeTicket(t));
    q.addBindValue(serverJson.isEmpty() ? QVariant() : QVariant(serverJson));
    if (!q.exec() || !q.next())
        return fail(q.lastError().text());
    const qint64 rowid = q.value(0).toLongLong();
    q.finish();
    // While an initial sync writes, the search index waits for the backfill after it.
    if (!m_bulk && !writeSearchEntry(rowid, t))
        return false;
    QSqlQuery &row = statement(Statement::WriteQueueRow,
                               QStringLiteral("INSERT OR REPLACE INTO queue_rows (id, row) "
                                              "VALUES (?, ?)"));
    row.addBindValue(t.id);
    const QByteArray packed = queueRow(t, pending);
    if (packed.contains("\x1f-1\x1f"))
        return fail(tr("cannot extend the cache's dictionary"));
    row.addBindValue(packed);
    if (!row.exec())
        return fail(row.lastError().text());
    return true;
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
    QByteArray row;
    row.reserve(160);
    const auto text = [&row](const QString &value) {
        QByteArray bytes = value.toUtf8();
        row += bytes.replace(FieldSeparator, ' ');
        row += FieldSeparator;
    };
    const auto number = [&row](qint64 n) {
        row += QByteArray::number(n);
        row += FieldSeparator;
    };
    text(t.id);
    number(t.number);
    number(wordCode(t.customerId));
    number(wordCode(t.subClient));
    text(t.subject);
    number(wordCode(t.channel));
    number(wordCode(t.severity));
    number(wordCode(t.status));
    number(wordCode(t.assigneeId));
    number(wordCode(t.planId));
    number(wordCode(t.editionId));
    number(toMs(t.createdAt));
    number(toMs(t.firstResponseAt));
    number(toMs(t.dueAt));
    number(toMs(t.updatedAt));
    row += pending ? '1' : '0';
    return row;
}

bool TicketCache::writeMessage(const Message &m, bool pending)
{
    QSqlQuery &q = statement(Statement::WriteMessage,
                             QStringLiteral("INSERT OR REPLACE INTO messages (id, ticket_id, "
                                            "created_at, pending, data) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(m.id);
    q.addBindValue(m.ticketId);
    q.addBindValue(toMs(m.createdAt));
    q.addBindValue(pending ? 1 : 0);
    q.addBindValue(compact(Json::toJson(m)));
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
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

// Shows the server's ticket with the still-pending edits of the outbox laid over it.
bool TicketCache::rebuildFromServerState(const QString &ticketId)
{
    std::optional<Ticket> server = serverState(ticketId);
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT data FROM outbox WHERE ticket_id = ? AND state = 'pending' "
                             "ORDER BY position"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return fail(q.lastError().text());
    Ticket shown = server.value_or(Ticket());
    bool pending = false;
    while (q.next()) {
        Operation op;
        if (!Json::fromJson(parseObject(q.value(0).toString()), &op, nullptr))
            continue;
        if (!server && op.type != opTypeName(OpType::CreateTicket))
            continue;
        applyLocally(shown, op, nullptr);
        pending = true;
    }
    if (!server && !pending) {
        QSqlQuery del(QSqlDatabase::database(m_connectionName, false));
        del.prepare(QStringLiteral("DELETE FROM ticket_search WHERE rowid = "
                                   "(SELECT rowid FROM tickets WHERE id = ?)"));
        del.addBindValue(ticketId);
        if (!del.exec())
            return fail(del.lastError().text());
        for (const auto &table : {QStringLiteral("tickets"), QStringLiteral("queue_rows")}) {
            QSqlQuery del(QSqlDatabase::database(m_connectionName, false));
            del.prepare(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table));
            del.addBindValue(ticketId);
            if (!del.exec())
                return fail(del.lastError().text());
        }
        return true;
    }
    return writeTicket(shown, pending,
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
    // During the initial sync the WAL is not checkpointed page by page: each checkpoint fsyncs
    // the WAL and the database, and those fsyncs were most of the time of writing 100k tickets.
    // The sync engine checkpoints once when the initial sync completes (checkpoint()).
    const bool bulk = !this->initialSyncDone();
    if (bulk)
        exec(QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
    m_bulk = bulk;
    const auto restore = qScopeGuard([this, bulk] {
        m_bulk = false;
        exec(QStringLiteral("PRAGMA synchronous = FULL"));
        if (bulk)
            setAutoCheckpoint(m_autoCheckpoint);
    });
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const QSet<QString> pending = ticketsWithPendingEdits();
    for (const Ticket &t : tickets) {
        if (!writeServerTicket(t, &pending))
            return false;
        if (changedTicketIds)
            changedTicketIds->append(t.id);
    }
    for (const Message &m : messages) {
        if (!writeMessage(m, false))
            return false;
        if (changedTicketIds && !changedTicketIds->contains(m.ticketId))
            changedTicketIds->append(m.ticketId);
    }
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
    if (settings && !setSyncValue(QStringLiteral("team_settings"), compact(Json::toJson(*settings))))
        return false;
    if (!setSyncValue(QStringLiteral("last_seq"), QString::number(lastSeq)))
        return false;
    if (initialSyncDone && !setSyncValue(QStringLiteral("initial_sync_done"), QStringLiteral("1")))
        return false;
    // The rows written without search entries, for buildSearchIndex() to catch up on.
    if (bulk && !exec(QStringLiteral("INSERT OR REPLACE INTO sync_state (key, value) SELECT "
                                     "'search_backfill_to', coalesce(max(rowid), 0) FROM tickets")))
        return false;
    return tx.commit();
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

bool TicketCache::writeSearchEntry(qint64 rowid, const Ticket &t)
{
    QSqlQuery &q = statement(Statement::WriteSearch,
                             QStringLiteral("INSERT OR REPLACE INTO ticket_search (rowid, subject, "
                                            "body, customer) VALUES (?, ?, ?, ?)"));
    q.addBindValue(rowid);
    q.addBindValue(t.subject);
    q.addBindValue(t.body);
    q.addBindValue(customerName(t.customerId));
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

int TicketCache::buildSearchIndex(int maxRows)
{
    const qint64 to = syncValue(QStringLiteral("search_backfill_to")).toLongLong();
    const qint64 from = syncValue(QStringLiteral("search_backfill_from")).toLongLong();
    if (from >= to)
        return 0;
    Transaction tx(this);
    if (!tx.isActive())
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid, data FROM tickets WHERE rowid > ? AND rowid <= ? "
                             "ORDER BY rowid LIMIT ?"));
    q.addBindValue(from);
    q.addBindValue(to);
    q.addBindValue(maxRows);
    if (!q.exec()) {
        fail(q.lastError().text());
        return -1;
    }
    qint64 last = to;
    int done = 0;
    QVector<std::pair<qint64, Ticket>> batch;
    while (q.next()) {
        if (const auto t = decodeTicket(q.value(1)))
            batch.append({q.value(0).toLongLong(), *t});
        last = q.value(0).toLongLong();
        ++done;
    }
    q.finish();
    if (done < maxRows)
        last = to;
    for (const auto &[rowid, t] : batch) {
        if (!writeSearchEntry(rowid, t))
            return -1;
    }
    if (!setSyncValue(QStringLiteral("search_backfill_from"), QString::number(last)) || !tx.commit())
        return -1;
    return last >= to ? 0 : 1;
}

bool TicketCache::searchIndexComplete() const
{
    return syncValue(QStringLiteral("search_backfill_from")).toLongLong()
            >= syncValue(QStringLiteral("search_backfill_to")).toLongLong();
}

QStringList TicketCache::searchTickets(const QString &text, int limit) const
{
    return search(text, limit, nullptr);
}

QStringList TicketCache::searchTickets(const QString &text, const QStringList &among) const
{
    if (among.isEmpty())
        return {};
    return search(text, int(among.size()), &among);
}

QStringList TicketCache::search(const QString &text, int limit, const QStringList *among) const
{
    // Terms of three or more characters go through the trigram index; shorter ones (a
    // two-character Chinese word is common) are matched with LIKE over the indexed text.
    QStringList phrases, shortTerms;
    const QStringList terms = text.simplified().split(u' ', Qt::SkipEmptyParts);
    for (QString term : terms) {
        if (term.size() >= 3)
            phrases.append(u'"' + term.replace(u'"', QStringLiteral("\"\"")) + u'"');
        else
            shortTerms.append(term);
    }
    if (phrases.isEmpty() && shortTerms.isEmpty())
        return {};
    QStringList conditions;
    if (!phrases.isEmpty())
        conditions.append(QStringLiteral("ticket_search MATCH ?"));
    for (qsizetype i = 0; i < shortTerms.size(); ++i)
        conditions.append(QStringLiteral("(s.subject LIKE ? ESCAPE '\\' OR s.body LIKE ? ESCAPE "
                                         "'\\' OR s.customer LIKE ? ESCAPE '\\')"));
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (among) {
        // The given tickets first (by id, then their search row by rowid), so the cost follows
        // the ids, not the cache: CROSS JOIN keeps SQLite from starting at the search table.
        q.prepare(QStringLiteral("SELECT t.id FROM json_each(?) j CROSS JOIN tickets t "
                                 "ON t.id = j.value CROSS JOIN ticket_search s "
                                 "ON s.rowid = t.rowid WHERE %1 LIMIT ?")
                          .arg(conditions.join(QStringLiteral(" AND "))));
        q.addBindValue(QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(*among)).toJson(QJsonDocument::Compact)));
    } else {
        q.prepare(QStringLiteral("SELECT t.id FROM ticket_search s JOIN tickets t "
                                 "ON t.rowid = s.rowid WHERE %1 LIMIT ?")
                          .arg(conditions.join(QStringLiteral(" AND "))));
    }
    if (!phrases.isEmpty())
        q.addBindValue(phrases.join(QStringLiteral(" AND ")));
    for (QString term : shortTerms) {
        term.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%"))
                .replace(u'_', QStringLiteral("\\_"));
        const QString pattern = u'%' + term + u'%';
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
    }
    q.addBindValue(limit);
    QStringList ids;
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

void TicketCache::setAutoCheckpoint(bool on)
{
    m_autoCheckpoint = on;
    exec(on ? QStringLiteral("PRAGMA wal_autocheckpoint = 1000")
            : QStringLiteral("PRAGMA wal_autocheckpoint = 0"));
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

// The word dictionary: codes are assigned once and never change.
static void loadWords(QSqlQuery &q, QVector<QString> *words)
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

QueueRows TicketCache::loadTicketRows() const
{
    QueueRows result;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    loadWords(q, &result.words);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM queue_rows")) || !q.next())
        return result;
    result.rows.reserve(q.value(0).toInt());
    if (!q.exec(QStringLiteral("SELECT row FROM queue_rows")))
        return result;
    const auto words = quint32(result.words.size());
    while (q.next()) {
        TicketRow r;
        if (parseQueueRow(q.value(0).toByteArray(), &r, words))
            result.rows.append(std::move(r));
    }
    return result;
}

QueueRows TicketCache::loadTicketRows(const QStringList &ids) const
{
    QueueRows result;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    loadWords(q, &result.words);
    if (!q.prepare(QStringLiteral("SELECT row FROM queue_rows WHERE id = ?")))
        return result;
    const auto words = quint32(result.words.size());
    for (const QString &id : ids) {
        q.addBindValue(id);
        if (!q.exec())
            continue;
        TicketRow r;
        if (q.next() && parseQueueRow(q.value(0).toByteArray(), &r, words))
            result.rows.append(std::move(r));
        q.finish();
    }
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

// The client's preview of an edit; the server's answer replaces it when it arrives. The
// effect is core's applyEdit(), the function the server applies, with the signed-in agent as
// the actor and the cached catalog's rules; an edit the rules refuse leaves the ticket as it
// was (the server will refuse it too, and say why). False only for an edit no version knows.
bool TicketCache::applyLocally(Ticket &t, const Operation &op, Message *newMessage) const
{
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit)
        return opTypeFromName(op.type).has_value(); // malformed: the server says how
    const QDateTime at = op.madeAt.isValid() ? op.madeAt : QDateTime::currentDateTimeUtc();
    if (edit->type == OpType::CreateTicket) {
        t = ticketFromCreate(op.ticketId, *edit, at);
        return true;
    }
    const QVector<Agent> agents = this->agents();
    const auto find = [&agents](const QString &id) -> std::optional<Agent> {
        for (const Agent &a : agents) {
            if (a.id == id)
                return a;
        }
        return std::nullopt;
    };
    EditContext context;
    context.at = at;
    context.actor = find(signedInAgentId()).value_or(Agent());
    context.actor.id = signedInAgentId();
    if (context.actor.id.isEmpty())
        context.actor.id = edit->authorId;
    // An account the cache has not heard of yet (its agent list lags the server's) is taken
    // as an agent: the server knows it, or refuses the edit and the preview goes.
    context.findAgent = [&find](const QString &id) {
        Agent placeholder;
        placeholder.id = id;
        placeholder.name = id;
        placeholder.role = QStringLiteral("agent");
        return std::optional<Agent>(find(id).value_or(placeholder));
    };
    // Only the edits whose effect the plan decides read the catalog.
    std::optional<PlanCatalog> plan;
    if (edit->type == OpType::Reclassify || edit->type == OpType::SetSoftware) {
        QStringList errors;
        const QByteArray json = catalogs().value(t.planId);
        if (!json.isEmpty())
            plan = PlanCatalog::fromJson(json, &errors);
        if (!plan) {
            if (const std::optional<CatalogSet> builtIn = CatalogSet::loadBuiltIn(&errors)) {
                if (const PlanCatalog *p = builtIn->plan(t.planId))
                    plan = *p;
            }
        }
    }
    context.plan = plan ? &*plan : nullptr;
    const EditOutcome outcome = applyEdit(t, *edit, context);
    if (outcome.refused())
        return true;
    t = outcome.ticket;
    if (newMessage && (edit->type == OpType::Reply || edit->type == OpType::Note)) {
        // Only the authored message: system events are the server's to name and send.
        *newMessage = outcome.messages.constFirst();
    }
    return true;
}

bool TicketCache::saveEdit(const Operation &op)
{
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    Ticket t;
    if (op.type != opTypeName(OpType::CreateTicket)) {
        const auto current = ticket(op.ticketId);
        if (!current)
            return fail(tr("no ticket %1 in the cache").arg(op.ticketId));
        t = *current;
    }
    // An edit made on a version that one of our own edits has since moved on (the sync thread
    // acknowledged it between the caller's read and this write) stands on the version the
    // server gave that edit: the caller saw its effect already.
    qint64 base = op.baseVersion;
    if (op.type != opTypeName(OpType::CreateTicket) && base != t.version) {
        QSqlQuery v(QSqlDatabase::database(m_connectionName, false));
        v.prepare(QStringLiteral("SELECT to_version FROM own_versions WHERE ticket_id = ? AND "
                                 "from_version = ?"));
        for (int hops = 0; hops < 64 && base != t.version; ++hops) {
            v.addBindValue(op.ticketId);
            v.addBindValue(base);
            if (!v.exec())
                return fail(v.lastError().text());
            if (!v.next())
                break;
            base = v.value(0).toLongLong();
        }
    }
    Message message;
    if (!applyLocally(t, op, &message))
        return fail(tr("unknown edit \"%1\"").arg(op.type));

    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT INTO outbox (op_id, ticket_id, data, base_version) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(op.opId);
    q.addBindValue(op.ticketId);
    q.addBindValue(compact(Json::toJson(op)));
    q.addBindValue(base);
    if (!q.exec())
        return fail(q.lastError().text());

    // The server's version stays beside the row while edits are pending.
    const std::optional<Ticket> server = op.type == opTypeName(OpType::CreateTicket)
            ? std::nullopt
            : serverState(op.ticketId);
    if (!writeTicket(t, true, server ? compact(Json::toJson(*server)) : QString()))
        return false;
    if (!message.id.isEmpty() && !writeMessage(message, true))
        return false;
    return tx.commit();
}

bool TicketCache::storeSeverityChanges(const QVector<Reclassification> &changes)
{
    if (changes.isEmpty())
        return true;
    Transaction tx(this);
    if (!tx.isActive())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO severity_changes (id, ticket_id, data) "
                             "VALUES (?, ?, ?)"));
    for (const Reclassification &r : changes) {
        q.addBindValue(r.id);
        q.addBindValue(r.ticketId);
        q.addBindValue(compact(QJsonObject{{QStringLiteral("from"), r.fromSeverity},
                                           {QStringLiteral("to"), r.toSeverity},
                                           {QStringLiteral("reason"), r.reason},
                                           {QStringLiteral("changed_by"), r.changedBy},
                                           {QStringLiteral("changed_at"),
                                            Json::timestamp(r.changedAt)}}));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit();
}

QVector<Reclassification> TicketCache::severityChanges(const QStringList &ticketIds) const
{
    QVector<Reclassification> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("SELECT id, data FROM severity_changes WHERE ticket_id = ?"));
    for (const QString &ticketId : ticketIds) {
        q.addBindValue(ticketId);
        if (!q.exec())
            return list;
        while (q.next()) {
            const QJsonObject o = parseObject(q.value(1).toString());
            Reclassification r;
            r.id = q.value(0).toString();
            r.ticketId = ticketId;
            r.fromSeverity = o.value(QStringLiteral("from")).toString();
            r.toSeverity = o.value(QStringLiteral("to")).toString();
            r.reason = o.value(QStringLiteral("reason")).toString();
            r.changedBy = o.value(QStringLiteral("changed_by")).toString();
            r.changedAt = Json::parseTimestamp(o.value(QStringLiteral("changed_at")).toString());
            list.append(r);
        }
    }
    std::sort(list.begin(), list.end(), [](const Reclassification &a, const Reclassification &b) {
        return a.changedAt < b.changedAt;
    });
    return list;
}

QVector<OutboxEntry> TicketCache::outbox() const
{
    QVector<OutboxEntry> list;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT position, data, base_version, state, code, args, "
                               "server_ticket FROM outbox ORDER BY position")))
        return list;
    while (q.next()) {
        OutboxEntry e;
        e.position = q.value(0).toLongLong();
        if (!Json::fromJson(parseObject(q.value(1).toString()), &e.op, nullptr))
            continue;
        e.op.baseVersion = q.value(2).toLongLong();
        const QString state = q.value(3).toString();
        e.state = state == u"conflict" ? OutboxEntry::State::Conflict
                : state == u"rejected" ? OutboxEntry::State::Rejected
                                       : OutboxEntry::State::Pending;
        e.code = q.value(4).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array())
            e.args.append(v.toString());
        e.serverTicket = decodeTicket(q.value(6));
        list.append(e);
    }
    return list;
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
