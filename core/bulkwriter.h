// Saves a bulk action's ops on a thread of its own with its own connection to the cache file,
// so the GUI thread never waits for SQLite's write lock (the sync thread holds it while it
// writes a feed page or an answer) nor for the fsync of each op's durable transaction: under
// load one op's save took 8-20 ms of wall time on the GUI thread, and now and then over a
// second (docs/bulk.md, "Never stalling the window").
#pragma once

#include "domain.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <optional>

namespace SupportDesk {

class JobThread;
class TicketCache;

// What the server answered of one op, as the outbox shows it: an op that left the outbox was
// applied; one marked conflict or rejected says why (code, args).
struct OutboxAnswer
{
    enum class Kind { Applied, Conflict, Rejected };
    QString opId;
    Kind kind = Kind::Applied;
    QString code;
    QStringList args;
};

// An op's state as the outbox holds it: Pending unless the server refused it (`answer`, with
// its kind, code and args).
struct OutboxState
{
    bool pending = true;
    OutboxAnswer answer;
};

// Every op of the outbox by op id, on `cache`'s connection (the calling thread's): op ids and
// states only, a refusal's code and args decoded. TicketCache::outboxStates() made an
// OutboxEntry (an Operation and room for a Ticket) a row: 369 ms at 150,000 ops.
QHash<QString, OutboxState> readOutboxStates(const TicketCache &cache);

// One op the server refused, as the outbox keeps it until dropped: what it edits (a ticket's,
// a macro's or a view's id) and why.
struct OutboxRefusal
{
    QString opId;
    QString subjectId; // the outbox's ticket_id: a ticket, macro or view
    OutboxAnswer::Kind kind = OutboxAnswer::Kind::Rejected; // Conflict or Rejected
    QString code;
    QStringList args;
};

// The op `opId` of the outbox on `cache`'s connection if the server refused it (conflict or
// rejected); none while it is pending or once it is gone. One row by its unique key: what a
// view of refusals reads when the engine tells of one (DeskSession::rejected), where it read
// every op's state (TicketCache::outboxStates(): 369 ms at 150,000 pending).
std::optional<OutboxRefusal> readOutboxRefusal(const TicketCache &cache, const QString &opId);

// The answers among `followed` (ops pending when last seen, in the order saved) in the outbox's
// `states`, taken out of `followed`: an op not in the outbox any more was applied. The one
// reading of the outbox a bulk run's progress uses, on the follower's thread or (a cache
// without a file) the caller's.
QVector<OutboxAnswer> takeOutboxAnswers(QStringList *followed,
                                        const QHash<QString, OutboxState> &states);

// Saves `ops` in order on `cache`'s connection (the calling thread's) as TicketCache::saveEdit()
// saves each, all in one durable transaction: one fsync for the batch, where an op each set the
// pace of a 150,000-ticket run (docs/bulk.md). Each op is whole in the outbox or not there (a
// savepoint of its own); an op of a ticket whose earlier op failed is not tried (it stands on
// it); none is saved unless the batch is committed. `saved[i]` for ops[i]; `error` the reason
// for the first not saved. Returns how many were saved.
int saveEditBatch(TicketCache &cache, const QVector<Operation> &ops, QVector<bool> *saved,
                  QString *error);

// The calling thread's CPU time in ms (what a read cost, whatever the machine's load).
double threadCpuMs();

// The reads of a bulk run, on a thread of its own with its own connection to the cache file, so
// the GUI thread only plans and shows:
// - the tickets to plan, in batches (readTickets()): each ticket as the cache shows it, read
//   where the GUI thread read it one at a time before (cache()->ticket(), ~0.1 ms each, every
//   slice of the run);
// - the outbox for the server's answers (follow(), refresh()): only the ops answered since the
//   last read come back. At 150,000 pending ops that read and the walk over them were one long
//   GUI event every 100 ms for the whole run (docs/bulk.md, "Following the answers").
// Reads run in the order asked (core/jobthread.h): a read of a large outbox (~300 ms at
// 150,000) holds the planning's next batch up that long at most.
class BulkReader : public QObject
{
    Q_OBJECT

public:
    explicit BulkReader(const QString &cachePath, QObject *parent = nullptr);
    ~BulkReader() override; // waits for the read in hand

    // Reads these tickets soon, in the order asked: ticketsRead() follows.
    void readTickets(quint64 batch, const QStringList &ticketIds);
    // These ops are in the outbox (saved): the next read follows them too.
    void follow(const QStringList &opIds);
    // Reads the outbox soon: one read at a time, one more if asked meanwhile.
    void refresh();
    // Outbox reads done (tests, benchmarks).
    quint64 reads() const { return m_reads; }

signals:
    // The batch's tickets in the order asked; none where the cache has none (`error`: the
    // cache's reason for the first missing).
    void ticketsRead(quint64 batch, const QVector<std::optional<SupportDesk::Ticket>> &tickets,
                     const QString &error);
    // The ops answered since the last read, in the order saved, and the read's thread CPU.
    void answered(const QVector<SupportDesk::OutboxAnswer> &answers, double readMs);
    // The cache file could not be opened on the reader's thread: nothing will be read or
    // answered (the caller reads on its own thread then).
    void unavailable();

private:
    void readOutbox(); // on the thread

    // On the thread only: its connection, and the ops followed (pending when last seen).
    std::unique_ptr<TicketCache> m_cache;
    QStringList m_followed;
    std::atomic<bool> m_refreshPosted { false };
    quint64 m_reads = 0; // on the caller's thread
    std::unique_ptr<JobThread> m_thread; // stopped first: the jobs use the members above
};

class BulkWriter : public QObject
{
    Q_OBJECT

public:
    // `cachePath`: the file the session's cache is open on (a file: ":memory:" has no second
    // connection; the caller saves on its own thread then).
    explicit BulkWriter(const QString &cachePath, QObject *parent = nullptr);
    // Waits for the op being saved (a durable transaction is never cut), drops the batches not
    // started, and closes the connection.
    ~BulkWriter() override;

    // Saves the ops of `ops` in order as TicketCache::saveEdit() saves one (cache + outbox),
    // all in one durable transaction (saveEditBatch()): each op is whole in the
    // outbox or not there, and none is reported saved before the batch is committed.
    // written() follows on this object's thread.
    void write(quint64 batch, const QVector<Operation> &ops);

signals:
    // `saved[i]`: whether ops[i] was saved; `error` the cache's reason for the first that was
    // not. An op after a failed one of the same ticket is not tried (it stands on the first);
    // a batch whose commit failed has none saved.
    void written(quint64 batch, const QVector<bool> &saved, const QString &error);

private:
    // On the thread only: its connection, or why it could not be opened.
    std::unique_ptr<TicketCache> m_cache;
    QString m_openError;
    std::unique_ptr<JobThread> m_thread; // stopped first: the jobs use the members above
};

} // namespace SupportDesk
