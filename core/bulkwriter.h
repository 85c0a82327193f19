// Saves a bulk action's ops on a thread of its own with its own connection to the cache file,
// so the GUI thread never waits for SQLite's write lock (the sync thread holds it while it
// writes a feed page or an answer) nor for the fsync of each op's durable transaction: under
// load one op's save took 8-20 ms of wall time on the GUI thread, and now and then over a
// second (docs/bulk.md, "Never stalling the window").
#pragma once

#include "domain.h"

#include <QObject>
#include <QVector>

#include <condition_variable>
#include <deque>
#include <mutex>

class QThread;

namespace SupportDesk {

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

    // Saves each op of `ops` in order as TicketCache::saveEdit() saves one: its own durable
    // transaction (cache + outbox). written() follows on this object's thread.
    void write(quint64 batch, const QVector<Operation> &ops);

signals:
    // `saved[i]`: whether ops[i] was saved; `error` the cache's reason for the first that was
    // not. An op after a failed one of the same ticket is not tried (it stands on the first).
    void written(quint64 batch, const QVector<bool> &saved, const QString &error);

private:
    struct Batch
    {
        quint64 id = 0;
        QVector<Operation> ops;
    };
    void run();

    const QString m_path;
    QThread *m_thread = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Batch> m_batches;
    bool m_stop = false;
};

} // namespace SupportDesk
