// Changed tickets' rows read once, off the GUI thread, for every view: the session's index
// takes them first, then the queue merges the same decoded rows (docs/index.md "How it
// stays live"). A view never reads SQLite on the GUI thread for a change.
#pragma once

#include "ticketcache.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace SupportDesk {

class TicketIndex;

// Changed tickets' rows as a reader hands them over.
struct ChangedRows
{
    quint64 generation = 0;
    QStringList ids;
    QueueRows rows; // an id without a row left the cache (when ok)
    // The tags of those of `ids` that carry any (the queue's column and tag filter).
    QHash<QString, QStringList> tags;
    bool ok = false; // false: the file could not be read (absent ids are not known gone)
    QString searchText; // the search the hits are for; empty: none was asked
    QStringList searchHits;
};

// A reader of changed rows: a thread with its own connection to the cache file, so the rows of
// a feed's changes (their tags, and, when a search is shown, which of them it finds) are read
// off the GUI thread. Reads run one after another in the order asked; each is handed to
// `deliver` on the reader's thread.
class ChangedRowsReader
{
public:
    using Deliver = std::function<void(const std::shared_ptr<ChangedRows> &read)>;
    explicit ChangedRowsReader(Deliver deliver);
    ~ChangedRowsReader(); // waits for the read in hand
    void request(quint64 generation, const QString &path, const QStringList &ids,
                 const QString &searchText);
    // Until every read asked for has been handed to `deliver` (tests).
    void waitIdle();
    // The read itself, on the calling thread's connection `connection` to `path`.
    static std::shared_ptr<ChangedRows> read(const QString &path, const QString &connection,
                                             const QStringList &ids, const QString &searchText);

private:
    struct Request
    {
        quint64 generation = 0;
        QString path;
        QStringList ids;
        QString searchText;
    };
    void run();

    Deliver m_deliver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Request> m_queue;
    bool m_busy = false;
    bool m_stop = false;
    QThread *m_thread = nullptr;
};

// The session's one read of every change (DeskSession::changedRows()): ticketsChanged's ids
// gathered while a read runs (a sync's burst of pages becomes one read), read on a reader
// thread in one statement, then, on this thread, given to the index (TicketIndex::applyRows(),
// which tells the notifier, the lead board and the ledger) and handed on in the same event as
// rowsRead() to the queue, so the queue's rows and the index's facts change together. A cache
// without a file (":memory:", tests) is read here, at once.
class ChangedRowsFeed : public QObject
{
    Q_OBJECT

public:
    ChangedRowsFeed(TicketCache *cache, TicketIndex *index, QObject *parent = nullptr);
    ~ChangedRowsFeed() override;

    // These tickets changed in the cache (the session's ticketsChanged()).
    void note(const QStringList &ids);
    // The search the queue shows: each read also tells which of its rows it finds (empty:
    // none), so the queue's merge searches nothing on this thread.
    void setSearchText(const QString &text) { m_searchText = text; }
    // The cache was read anew (a reset): a read under way may be older than that read; its
    // tickets are read again.
    void dropReads();
    // Reads the noted tickets here and now, a read under way included (which is dropped when
    // it comes): a ticket just created is to be selected (MainWindow::showTicket()).
    void flush();
    // A read is under way or ids wait for one (tests).
    bool isBusy() const { return !m_reading.isEmpty() || !m_pending.isEmpty(); }
    // Until the reads asked for are read and on their way to this thread (tests).
    void waitForReads();
    // Reads handed on, and rows of changed tickets read on this thread (no file, or the
    // file could not be read): tests and benchmarks.
    quint64 readsHandedOn() const { return m_handedOn; }
    qsizetype rowsReadHere() const { return m_rowsReadHere; }

signals:
    // After the index took them: the queue merges the same rows.
    void rowsRead(const std::shared_ptr<const SupportDesk::ChangedRows> &read);

private:
    void startRead();
    // The read under way, if any, is dropped when it comes; its ids wait to be read again.
    bool takeBackRead();
    void take(const std::shared_ptr<ChangedRows> &read);
    std::shared_ptr<ChangedRows> readHere(const QStringList &ids);

    TicketCache *m_cache;
    TicketIndex *m_index;
    QString m_searchText;
    QSet<QString> m_pending; // noted, not yet asked for
    QStringList m_reading; // asked for, not yet taken (one read at a time)
    quint64 m_generation = 0;
    quint64 m_handedOn = 0;
    qsizetype m_rowsReadHere = 0;
    // Last: joined before what its deliveries touch goes.
    std::unique_ptr<ChangedRowsReader> m_reader;
};

} // namespace SupportDesk
