// Definitions shared by the files that make up QueueModel; not part of its interface.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QVector>
#include <QHashFunctions>
#include <QString>
#include <QStringList>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace SupportDesk {
namespace QueueModelDetail {

inline constexpr qint64 RecentlyClosedMs = 7 * 24 * 3600 * 1000LL;
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

// The code of a word, or NoCode when no row can hold it (so a filter on it matches nothing).
template<typename Rows> quint32 codeOf(const Rows &rows, const QString &value)
{
    if (value.isEmpty())
        return 0;
    const qsizetype i = rows.words.indexOf(value);
    return i < 0 ? NoCode : quint32(i);
}

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex → 16 bytes, as a row stores it.
bool packCanonicalUuid(QByteArrayView id, unsigned char *out);

// A search's hits as the search thread hands them over: each id in UTF-8 with its idHash,
// sorted by hash, so the GUI thread finds their rows in one walk along its id index instead
// of a conversion and a binary search per hit (and comparing the
// packed UUIDs a row stores, not their text: 22.5k hits took 3–19 ms at 30k that way).
struct SearchHits
{
    struct Id
    {
        quint32 hash;
        bool uuid; // `key` is the 16 bytes a row stores for a canonical UUID
        QByteArray key; // else the id's UTF-8
    };
    QVector<Id> ids;
};

// The queue's search thread: one connection of its own to the cache file, one search at a
// time. A request made while one runs waits; a newer one replaces it, so typing fast runs at
// most the search in hand and the last keystroke's. Results go to `deliver`, called on the
// search thread with the request's generation.
class SearchRunner
{
public:
    using Deliver = std::function<void(quint64 generation,
                                       const std::shared_ptr<const SearchHits> &found)>;
    explicit SearchRunner(Deliver deliver);
    ~SearchRunner(); // waits for the search in hand
    void request(quint64 generation, const QString &path, const QString &text);

private:
    struct Request
    {
        quint64 generation = 0;
        QString path;
        QString text;
    };
    void run();

    Deliver m_deliver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Request> m_next;
    bool m_stop = false;
    QThread *m_thread = nullptr;
};

} // namespace QueueModelDetail
} // namespace SupportDesk
