// The cache's search index lives in a SQLite file of its own beside the cache (docs/cache.md,
// "The search file"). SearchWriter writes it on a thread of its own during an initial sync,
// while the sync thread writes the next page into the cache: one file has one writer, so the
// index in its own file is what lets the second core do half the work.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>

#include <condition_variable>
#include <deque>
#include <mutex>

struct sqlite3;
struct sqlite3_stmt;
class QThread;

namespace SupportDesk {

// One row of the index, as written: the ticket's rowid in the cache, its subject and body,
// and its customer's name followed by its tags (a word of the search box finds either).
struct SearchEntry
{
    qint64 rowid = 0;
    QString subject;
    QString body;
    QString customer;
    bool remove = false; // the ticket left the cache: its entry goes
};

// What the search file holds and how an entry is written: the one definition the cache's
// connections and the writer's share.
namespace SearchIndex {

// "<cache>-search": beside the cache, and its WAL beside it (an in-memory cache has an
// in-memory index).
QString pathFor(const QString &cachePath);
// Every file of a cache at `cachePath`, the index's included: moved or removed together.
QStringList filesOf(const QString &cachePath);

// The search file's own state (table search_state): the cache it belongs to (cache_id, the
// cache's sync value of that name) and the feed sequence it is complete to: every ticket of
// the cache whose seq is at or below it has its entry (-1: none has; docs/cache.md).
inline constexpr char CacheIdKey[] = "cache_id";
inline constexpr char CompleteToKey[] = "complete_to";

inline constexpr char InsertSql[] = "INSERT OR REPLACE INTO ticket_search (rowid, subject, "
                                    "body, customer) VALUES (?, ?, ?, ?)";
inline constexpr char DeleteSql[] = "DELETE FROM ticket_search WHERE rowid = ?";
// Moves complete_to on to `to` (?2) only if it had reached `after` (?1), the feed sequence
// before the entries written with it: a gap (entries lost to a crash) is never papered over.
// FTS5's incremental merging of its segments (its 'automerge' option, kept in the file's
// ticket_search_config), off while the search writer fills the index during an initial sync
// and back to FTS5's default after: each commit then adds one segment and merges none, and
// the merges that would rewrite the first pages' segments again and again are left to later,
// smaller writes (and to FTS5's crisis merge, which bounds the segments a level holds at 16
// should the default never be set back). docs/cache.md, "The search file".
inline constexpr char NoMergingSql[] = "INSERT INTO ticket_search (ticket_search, rank) "
                                       "VALUES ('automerge', 0)";
inline constexpr char DefaultMergingSql[] = "INSERT INTO ticket_search (ticket_search, rank) "
                                            "VALUES ('automerge', 4)";
inline constexpr char AdvanceSql[] = "UPDATE search_state SET value = max(CAST(value AS "
                                     "INTEGER), ?2) WHERE key = 'complete_to' AND "
                                     "CAST(value AS INTEGER) >= ?1";

// Binds `entry` to a prepared InsertSql (or DeleteSql for a removal). A NUL is indexed as a
// space: SQLite's text functions and FTS5's tokenizer end a text at its first NUL.
int bind(sqlite3_stmt *statement, const SearchEntry &entry);

} // namespace SearchIndex

class SearchWriter : public QObject
{
    Q_OBJECT

public:
    // While this much text (bytesOf) or more waits for the writer, add() waits, so the memory
    // an initial sync holds is bounded however large the account or its tickets. About nine
    // pages of 5,000 of bench_sync's tickets (~350 bytes an entry): the writer runs at a lower
    // priority while the cache fills and falls behind, and the sync thread, the critical path
    // of "cached", must not wait for it (at two pages, the bound before, it did).
    static constexpr qsizetype MaxWaitingBytes = 16 * 1024 * 1024;
    // What an entry holds: its text in UTF-16, and the strings' and the entry's own overhead.
    static qsizetype bytesOf(const SearchEntry &entry);
    // While the cache fills, one transaction takes at most this many entries (and at least
    // one page's): at its lower priority the writer holds the search file's write lock, which
    // the GUI's edits wait for, no longer than that.
    static constexpr qsizetype MaxPerTransaction = 10000;
    // How much nicer than the thread that started it the writer's thread runs while the cache
    // fills (setpriority on its own thread id). Not SCHED_IDLE: that could starve it while it
    // holds the write lock. The entries still waiting at finish() are written by a thread
    // finish() starts, at its caller's priority: an unprivileged thread may lower its own
    // priority but never raise it back (RLIMIT_NICE is 0 on Debian).
    static constexpr int FillingNiceness = 10;

    explicit SearchWriter(const QString &searchPath, QObject *parent = nullptr);
    // Writes what was handed before it returns (a couple of pages at most).
    ~SearchWriter() override;

    // Starts the writer's thread ("search"), with its own connection to the search file.
    void start();
    // Entries the cache committed, in commit order; `after` and `to` the feed sequences
    // before and after them (AdvanceSql). Waits while MaxWaitingBytes wait; returns at
    // once once the writer has failed (the index is then behind and catches up later).
    void add(QVector<SearchEntry> entries, qint64 after, qint64 to);
    // No more entries: written() follows once those handed are in the file.
    void finish();
    // Blocks until every entry handed so far is written (or the writer failed).
    bool waitUntilWritten();
    bool hasFailed() const;
    QString errorString() const;
    // Entries handed and not yet taken into a transaction; the bytes of them (bytesOf), and
    // the most bytes that ever waited.
    qsizetype waitingEntries() const;
    qsizetype waitingBytes() const;
    qsizetype mostWaitingBytes() const;
    // How long add() waited for room, in all (the sync thread held up by the writer).
    qint64 addWaitedMs() const;
    // The nice value of the thread that wrote the last transaction (Linux; 0 elsewhere).
    int lastWriteNiceness() const;

signals:
    // After finish(): everything handed is in the search file (`ok`), or the writer failed
    // and what was not written is left to the cache's backfill. Emitted on the writer's thread.
    void written(bool ok);

private:
    struct Batch
    {
        QVector<SearchEntry> entries;
        qsizetype bytes = 0;
        qint64 after = 0;
        qint64 to = 0;
    };
    // The writer's thread while the cache fills, at a lower priority; it leaves what waits at
    // finish() to writeRest(), on a thread of the finishing thread's priority.
    void fill();
    void writeRest();
    // Moves batches from m_waiting to `taken` (all of them, or up to MaxPerTransaction).
    void take(std::deque<Batch> *taken, bool bounded);
    bool writeTaken(const std::deque<Batch> &taken);
    bool open();
    bool write(const std::deque<Batch> &batches);
    bool exec(const char *sql);
    bool fail();
    void close();

    QString m_path;
    QThread *m_thread = nullptr; // fill()
    QThread *m_rest = nullptr;   // writeRest(), started by finish()
    sqlite3 *m_db = nullptr; // the writer thread's own
    sqlite3_stmt *m_insert = nullptr;
    sqlite3_stmt *m_delete = nullptr;
    sqlite3_stmt *m_advance = nullptr;

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_waiting;
    qsizetype m_waitingEntries = 0;
    qsizetype m_waitingBytes = 0;
    qsizetype m_mostWaitingBytes = 0;
    qint64 m_addWaitedNs = 0;
    int m_lastWriteNiceness = 0;
    bool m_writing = false;  // a transaction of taken batches is under way
    bool m_finishing = false;
    bool m_failed = false;
    QString m_error;
};

} // namespace SupportDesk
