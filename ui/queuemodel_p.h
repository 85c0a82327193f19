// Definitions shared by the files that make up QueueModel; not part of its interface.
#pragma once

#include <QByteArray>
#include "changedrows.h"
#include "queuemodel.h"
#include "ticketcache.h"
#include "ticketindex.h"

#include <QBitArray>
#include <QByteArrayView>
#include <QVector>
#include <QHashFunctions>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace SupportDesk {
namespace QueueModelDetail {

inline constexpr qint64 RecentlyClosedMs = 7 * 24 * 3600 * 1000LL;
// A resolved or closed ticket whose last change is older than Recently closed's window (and
// this margin, for a clock set back: the server's offset, a test's manual clock) is in no
// queue, now or later: time alone only takes tickets out of that window, a change that could
// bring one back is merged (read again). So a load leaves it out: at a million tickets most
// are long closed, and their rows were ~110 MB of the desk's resident 290 MB.
inline constexpr qint64 ShowableMarginMs = 24 * 3600 * 1000LL;
// Past this many changed tickets a full rebuild (one reset) beats row-by-row moves.
inline constexpr int IncrementalLimit = 500;
inline constexpr quint32 NoCode = 0xffffffffu;

// Lookups by id compare a 32-bit hash first: sorting a million UUID strings took a fifth of
// the start-up. Colliding ids (a few in a million) are compared in full.
inline quint32 idHash(QByteArrayView id)
{
    const size_t h = qHash(id, 0);
    return quint32(h ^ (quint64(h) >> 32));
}

// A second, independent 32-bit hash of an id: the search thread maps a hit to its row by
// idHash in the id index and confirms it by this one (a hit not yet merged into the queue
// whose idHash collides with a row's must not mark that row), without reading the rows, which
// only the GUI thread may touch. Together 64 bits: a false match needs both to collide.
inline quint32 idCheck(QByteArrayView id)
{
    const size_t h = qHash(id, size_t(0x9e3779b97f4a7c15ull));
    return quint32(h ^ (quint64(h) >> 32));
}

// The code of a word, or NoCode when no row can hold it (so a filter on it matches nothing).
template<typename Rows> quint32 codeOf(const Rows &rows, const QString &value)
{
    if (value.isEmpty())
        return 0;
    const qsizetype i = rows.words.indexOf(value);
    return i < 0 ? NoCode : quint32(i);
}

// Which of a scan's rows the queue keeps: open ones, and resolved or closed ones changed
// since `sinceMs` (no cut when sinceMs is 0). The status codes are the scan's dictionary's.
struct Showable
{
    quint32 resolved = NoCode;
    quint32 closed = NoCode;
    qint64 sinceMs = 0;
    void begin(const QVector<QString> &words)
    {
        resolved = closed = NoCode;
        for (qsizetype i = 1; i < words.size(); ++i) {
            if (words.at(i) == TicketStatus::Resolved)
                resolved = quint32(i);
            else if (words.at(i) == TicketStatus::Closed)
                closed = quint32(i);
        }
    }
    bool operator()(const TicketRow &row) const
    {
        return sinceMs == 0 || (row.status != resolved && row.status != closed)
                || row.updatedAtMs >= sinceMs;
    }
};

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex → 16 bytes, as a row stores it.
bool packCanonicalUuid(QByteArrayView id, unsigned char *out);

// What the search thread maps hits to rows with: the id index as of the request and each
// row's idCheck, by storage index. Both are implicitly shared copies of the model's, taken in
// O(1); a merge that adds rows meanwhile detaches its own. Storage indices are stable until a
// reset, and a reset starts a new search, so a result is always read against its own rows.
template<typename Key> struct SearchDirectory
{
    QVector<Key> byId; // sorted by hash
    QVector<quint32> check; // by storage index
};

// A search's hits as the search thread hands them over: the storage indices of the rows they
// are, as a bit per row of the directory the search was asked with, so the GUI thread only
// swaps them in. Mapping 75 000 hits along the id index took 12 ms on the GUI thread at 100k
// tickets (a random row and text read per hit), over the 16 ms of a frame with the repaint.
struct SearchHits
{
    QBitArray rows;
};

// The queue's search thread: one connection of its own to the cache file, one search at a
// time. A request made while one runs waits; a newer one replaces it, so typing fast runs at
// most the search in hand and the last keystroke's. Results go to `deliver`, called on the
// search thread with the request's generation.
class SearchRunner
{
public:
    using Directory = SearchDirectory<IdKey>;
    using Deliver = std::function<void(quint64 generation,
                                       const std::shared_ptr<const SearchHits> &found)>;
    explicit SearchRunner(Deliver deliver);
    ~SearchRunner(); // waits for the search in hand
    void request(quint64 generation, const QString &path, const QString &text,
                 Directory directory);
    // The rows of `directory` that the ids found are (the search thread's half of a search).
    static SearchHits map(const QStringList &found, const Directory &directory);

private:
    struct Request
    {
        quint64 generation = 0;
        QString path;
        QString text;
        Directory directory;
    };
    void run();

    Deliver m_deliver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Request> m_next;
    bool m_stop = false;
    QThread *m_thread = nullptr;
};

// The queue's reader of changed rows over a bare cache (over a session the session's one read
// serves the index and the queue: DeskSession::changedRows()).
using ChangeRead = ChangedRows;
using ChangeReader = ChangedRowsReader;

} // namespace QueueModelDetail

inline const TicketIndexEntry *QueueModel::EntrySource::at(int s, const Row &row) const
{
    if (overlay && !overlay->isEmpty()) {
        const auto it = overlay->constFind(s);
        if (it != overlay->cend())
            return &it.value();
    }
    if (qsizetype(row.entry) < count)
        return entries + row.entry;
    if (fallbacks)
        ++*fallbacks;
    return nullptr;
}

inline QueueModel::Facts QueueModel::EntrySource::of(int s, const Row &row) const
{
    const TicketIndexEntry *e = at(s, row);
    if (!e) // a gone row: no queue holds it (inQueue() and rowPart() test the entry first)
        return { nullptr, Untranslated, Untranslated, Untranslated, Untranslated, Untranslated };
    return { e,
             rowCode(e->status),
             rowCode(e->assignee),
             rowCode(e->customer),
             rowCode(e->edition),
             rowCode(e->severity) };
}

inline QueueModel::Facts QueueModel::factsAt(int s) const
{
    return liveFacts().of(s, m_rows.rows.at(s));
}

inline QueueModel::Times QueueModel::timesOf(const TicketIndexEntry *entry)
{
    if (entry)
        return { entry->createdMs, entry->dueMs, entry->firstResponseMs };
    return {};
}

} // namespace SupportDesk
