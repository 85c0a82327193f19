// The search index's writer thread (searchwriter.h): takes the entries of the pages the sync
// thread committed and writes them into the search file in transactions of its own.
#include "searchwriter.h"

#include <QSysInfo>
#include <QThread>

#include <chrono>

#include <sqlite3.h>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace SupportDesk {

QString SearchIndex::pathFor(const QString &cachePath)
{
    if (cachePath.isEmpty() || cachePath == QLatin1String(":memory:"))
        return QStringLiteral(":memory:");
    return cachePath + QStringLiteral("-search");
}

QStringList SearchIndex::filesOf(const QString &cachePath)
{
    QStringList files;
    for (const QString &base : {cachePath, cachePath + QStringLiteral("-search")}) {
        for (const char *suffix : {"", "-wal", "-shm"})
            files.append(base + QLatin1String(suffix));
    }
    return files;
}

// As QtSql's driver binds a QString (TicketCacheDetail::bindText): the UTF-16 it is held in,
// so what a search compares is what the cache's connection wrote. A NUL is bound as a space
// (a copy SQLite keeps); any other text without a copy: the entry outlives the statement's
// step.
static int bindIndexed(sqlite3_stmt *s, int column, const QString &text)
{
    if (text.isNull())
        return sqlite3_bind_null(s, column);
    constexpr unsigned char encoding
            = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? SQLITE_UTF16LE : SQLITE_UTF16BE;
    const bool nul = text.contains(QChar(u'\0'));
    const QString bound = nul ? QString(text).replace(QChar(u'\0'), u' ') : text;
    return sqlite3_bind_text64(s, column, reinterpret_cast<const char *>(bound.utf16()),
                               sqlite3_uint64(bound.size()) * sizeof(char16_t),
                               nul ? SQLITE_TRANSIENT : SQLITE_STATIC, encoding);
}

int SearchIndex::bind(sqlite3_stmt *statement, const SearchEntry &entry)
{
    int rc = sqlite3_bind_int64(statement, 1, entry.rowid);
    if (entry.remove || rc != SQLITE_OK)
        return rc;
    if ((rc = bindIndexed(statement, 2, entry.subject)) != SQLITE_OK
        || (rc = bindIndexed(statement, 3, entry.body)) != SQLITE_OK)
        return rc;
    return bindIndexed(statement, 4, entry.customer);
}

SearchWriter::SearchWriter(const QString &searchPath, QObject *parent)
    : QObject(parent), m_path(searchPath)
{
}

SearchWriter::~SearchWriter()
{
    finish();
    if (m_rest) {
        m_rest->wait();
        delete m_rest;
    }
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

#ifdef Q_OS_LINUX
static int ownNiceness()
{
    errno = 0;
    const int nice = getpriority(PRIO_PROCESS, id_t(gettid()));
    return errno == 0 ? nice : 0;
}
#else
static int ownNiceness()
{
    return 0;
}
#endif

void SearchWriter::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] { fill(); });
    m_thread->setObjectName(QStringLiteral("search")); // the thread's name, for its CPU figure
    m_thread->start();
}

qsizetype SearchWriter::bytesOf(const SearchEntry &entry)
{
    constexpr qsizetype StringOverhead = 32; // QArrayData's header and malloc's
    return qsizetype(sizeof(SearchEntry)) + 3 * StringOverhead
            + (entry.subject.size() + entry.body.size() + entry.customer.size())
            * qsizetype(sizeof(char16_t));
}

void SearchWriter::add(QVector<SearchEntry> entries, qint64 after, qint64 to)
{
    qsizetype bytes = 0;
    for (const SearchEntry &entry : std::as_const(entries))
        bytes += bytesOf(entry);
    std::unique_lock lock(m_mutex);
    const auto room = [this] {
        return m_failed || m_finishing || m_waitingBytes < MaxWaitingBytes;
    };
    if (!room()) {
        const auto since = std::chrono::steady_clock::now();
        m_changed.wait(lock, room);
        m_addWaitedNs += std::chrono::nanoseconds(std::chrono::steady_clock::now() - since)
                                 .count();
    }
    if (m_failed || m_finishing)
        return;
    m_waitingEntries += entries.size();
    m_waitingBytes += bytes;
    m_mostWaitingBytes = std::max(m_mostWaitingBytes, m_waitingBytes);
    m_waiting.push_back({std::move(entries), bytes, after, to});
    m_changed.notify_all();
}

void SearchWriter::finish()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_finishing)
            return;
        m_finishing = true;
        m_changed.notify_all();
    }
    if (!m_thread)
        return; // never started: nothing was written, nothing will be
    // Started here, it runs at this thread's priority (the sync thread's), not the lowered
    // one of the filling thread, which it waits for.
    m_rest = QThread::create([this] { writeRest(); });
    m_rest->setObjectName(QStringLiteral("search"));
    m_rest->start();
}

bool SearchWriter::waitUntilWritten()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_failed || (m_waiting.empty() && !m_writing); });
    return !m_failed;
}

bool SearchWriter::hasFailed() const
{
    std::lock_guard lock(m_mutex);
    return m_failed;
}

QString SearchWriter::errorString() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

qsizetype SearchWriter::waitingEntries() const
{
    std::lock_guard lock(m_mutex);
    return m_waitingEntries;
}

qsizetype SearchWriter::waitingBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_waitingBytes;
}

qsizetype SearchWriter::mostWaitingBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_mostWaitingBytes;
}

qint64 SearchWriter::addWaitedMs() const
{
    std::lock_guard lock(m_mutex);
    return m_addWaitedNs / 1000000;
}

int SearchWriter::lastWriteNiceness() const
{
    std::lock_guard lock(m_mutex);
    return m_lastWriteNiceness;
}

void SearchWriter::take(std::deque<Batch> *taken, bool bounded)
{
    qsizetype entries = 0;
    while (!m_waiting.empty()
           && (!bounded || entries == 0
               || entries + m_waiting.front().entries.size() <= MaxPerTransaction)) {
        entries += m_waiting.front().entries.size();
        m_waitingBytes -= m_waiting.front().bytes;
        taken->push_back(std::move(m_waiting.front()));
        m_waiting.pop_front();
    }
    m_waitingEntries -= entries;
    m_writing = true;
    m_changed.notify_all(); // room for the sync thread's next page
}

bool SearchWriter::writeTaken(const std::deque<Batch> &taken)
{
    const bool ok = write(taken);
    std::lock_guard lock(m_mutex);
    m_writing = false;
    if (!ok) {
        m_failed = true;
        m_waiting.clear();
        m_waitingEntries = 0;
        m_waitingBytes = 0;
    }
    m_changed.notify_all();
    return ok;
}

void SearchWriter::fill()
{
#ifdef Q_OS_LINUX
    // Only this thread: the sync thread and the GUI keep theirs. Lowering is always allowed.
    setpriority(PRIO_PROCESS, id_t(gettid()), std::min(ownNiceness() + FillingNiceness, 19));
#endif
    if (!open()) {
        std::lock_guard lock(m_mutex);
        m_failed = true;
        m_waiting.clear();
        m_waitingEntries = 0;
        m_waitingBytes = 0;
        m_changed.notify_all();
        return;
    }
    for (;;) {
        std::deque<Batch> taken;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return !m_waiting.empty() || m_finishing; });
            if (m_finishing)
                return; // the rest is writeRest()'s
            take(&taken, true);
        }
        if (!writeTaken(taken))
            return;
    }
}

void SearchWriter::writeRest()
{
    m_thread->wait(); // the filling thread's last transaction, and the connection, are done
    bool ok = m_db && !hasFailed();
    while (ok) {
        std::deque<Batch> taken;
        {
            std::lock_guard lock(m_mutex);
            if (m_waiting.empty())
                break; // everything is written
            // All that waits, in one transaction: fewer, larger FTS5 segments.
            take(&taken, false);
        }
        ok = writeTaken(taken);
    }
    // Merging as after the sync (SearchIndex::NoMergingSql), before anyone hears the index is
    // written: the next writes are the cache's own.
    if (m_db && !exec(SearchIndex::DefaultMergingSql))
        ok = false;
    emit written(ok);
    // The WAL into the file once, after the index is complete (no automatic checkpoints
    // meanwhile, as for the cache's initial sync): readers use the WAL until then.
    if (ok)
        exec("PRAGMA wal_checkpoint(PASSIVE)");
    close();
}

bool SearchWriter::open()
{
    if (sqlite3_open_v2(m_path.toUtf8().constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        return fail();
    }
    // The file is the cache's (TicketCache::open made it and its tables). The GUI's edits
    // write it too, briefly: wait for them. A commit need not reach the disk before the next:
    // what a power cut takes is behind complete_to and is written again (docs/cache.md).
    sqlite3_busy_timeout(m_db, 5000);
    if (!exec("PRAGMA synchronous = NORMAL") || !exec("PRAGMA wal_autocheckpoint = 0")
        || !exec("PRAGMA cache_size = -65536") || !exec(SearchIndex::NoMergingSql)) {
        return false;
    }
    const auto prepare = [this](const char *sql, sqlite3_stmt **statement) {
        return sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, statement, nullptr)
                == SQLITE_OK;
    };
    if (!prepare(SearchIndex::InsertSql, &m_insert) || !prepare(SearchIndex::DeleteSql, &m_delete)
        || !prepare(SearchIndex::AdvanceSql, &m_advance)) {
        return fail();
    }
    return true;
}

bool SearchWriter::write(const std::deque<Batch> &batches)
{
    {
        const int nice = ownNiceness();
        std::lock_guard lock(m_mutex);
        m_lastWriteNiceness = nice;
    }
    if (!exec("BEGIN IMMEDIATE"))
        return false;
    const auto step = [this](sqlite3_stmt *s) {
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return rc == SQLITE_DONE;
    };
    bool ok = true;
    for (const Batch &batch : batches) {
        for (const SearchEntry &entry : batch.entries) {
            sqlite3_stmt *s = entry.remove ? m_delete : m_insert;
            if (SearchIndex::bind(s, entry) != SQLITE_OK || !step(s)) {
                ok = false;
                break;
            }
        }
        if (!ok)
            break;
    }
    // The state after the entries: a statement on another table between them would make
    // FTS5 flush its pending terms (docs/cache.md, "Writing an initial sync").
    for (auto it = batches.cbegin(); ok && it != batches.cend(); ++it) {
        ok = sqlite3_bind_int64(m_advance, 1, it->after) == SQLITE_OK
                && sqlite3_bind_int64(m_advance, 2, it->to) == SQLITE_OK && step(m_advance);
    }
    if (ok && exec("COMMIT"))
        return true;
    fail();
    sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
}

bool SearchWriter::exec(const char *sql)
{
    return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail();
}

bool SearchWriter::fail()
{
    std::lock_guard lock(m_mutex);
    m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                   : tr("cannot open the search index %1").arg(m_path);
    return false;
}

void SearchWriter::close()
{
    for (sqlite3_stmt *s : {m_insert, m_delete, m_advance})
        sqlite3_finalize(s);
    m_insert = m_delete = m_advance = nullptr;
    sqlite3_close(m_db);
    m_db = nullptr;
}

} // namespace SupportDesk
