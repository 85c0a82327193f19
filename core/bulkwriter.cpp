// The bulk action's writer thread (see bulkwriter.h).
#include "bulkwriter.h"

#include "jobthread.h"
#include "ticketcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>
#include <utility>
#include <ctime>

namespace SupportDesk {

// A connection of the calling thread's own to `path`, or none with the reason.
static std::unique_ptr<TicketCache> openOwn(const QString &prefix, const QString &path,
                                            QString *error)
{
    static std::atomic<quint64> connections { 0 };
    auto cache = std::make_unique<TicketCache>(QStringLiteral("%1-%2").arg(prefix).arg(
            ++connections));
    if (cache->open(path) == TicketCache::OpenStatus::Ok)
        return cache;
    *error = cache->errorString();
    return nullptr;
}

// The connection is the thread's: made by its first job, closed by its end.
static std::function<void()> closeOwn(std::unique_ptr<TicketCache> *cache)
{
    return [cache] {
        if (*cache)
            (*cache)->close();
        cache->reset();
    };
}

BulkWriter::BulkWriter(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<JobThread>(QStringLiteral("bulk-writer"), closeOwn(&m_cache)))
{
    m_thread->post([this, cachePath] {
        m_cache = openOwn(QStringLiteral("bulk-writer"), cachePath, &m_openError);
    });
}

BulkWriter::~BulkWriter()
{
    m_thread.reset();
}

void BulkWriter::write(quint64 batch, const QVector<Operation> &ops)
{
    m_thread->post([this, batch, ops] {
        QVector<bool> saved(ops.size(), false);
        QString error = m_openError;
        // The batch in one durable transaction, each op whole or not at all in it: one fsync
        // for the batch, where an op each was what paced a 150,000-ticket run (docs/bulk.md).
        if (m_cache)
            saveEditBatch(*m_cache, ops, &saved, &error);
        // Queued to this object's thread; dropped with it if it is gone by then (the
        // destructor waits for this thread first, so `this` is alive here).
        QMetaObject::invokeMethod(
                this, [this, batch, saved, error] { emit written(batch, saved, error); },
                Qt::QueuedConnection);
    });
}

int saveEditBatch(TicketCache &cache, const QVector<Operation> &ops, QVector<bool> *saved,
                  QString *error)
{
    saved->fill(false, ops.size());
    if (ops.isEmpty())
        return 0;
    QSqlQuery tx(QSqlDatabase::database(cache.connectionName(), false));
    // IMMEDIATE, as every write of the cache: the write lock now (waiting for the sync
    // thread's page), not half-way through the batch.
    if (!tx.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = tx.lastError().text();
        return 0;
    }
    QSet<QString> failedTickets;
    int count = 0;
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const Operation &op = ops.at(i);
        if (failedTickets.contains(op.ticketId))
            continue;
        // In the transaction: its own savepoint (TicketCache::saveEdit()).
        if (cache.saveEdit(op)) {
            (*saved)[i] = true;
            ++count;
            continue;
        }
        failedTickets.insert(op.ticketId);
        if (error->isEmpty())
            *error = cache.errorString();
    }
    if (count == 0) {
        tx.exec(QStringLiteral("ROLLBACK"));
        return 0;
    }
    if (tx.exec(QStringLiteral("COMMIT")))
        return count;
    *error = tx.lastError().text();
    tx.exec(QStringLiteral("ROLLBACK"));
    saved->fill(false);
    // Opened again: what the connection keeps in memory (the dictionary's codes) may name
    // rows the rollback took back.
    tx.finish();
    const QString path = cache.path();
    cache.close();
    cache.open(path);
    return 0;
}

QHash<QString, OutboxState> readOutboxStates(const TicketCache &cache)
{
    QHash<QString, OutboxState> states;
    QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT op_id, state, code, args FROM outbox")))
        return states;
    while (q.next()) {
        OutboxState &s = states[q.value(0).toString()];
        const QString state = q.value(1).toString();
        if (state == u"pending")
            continue;
        s.pending = false;
        s.answer.kind = state == u"conflict" ? OutboxAnswer::Kind::Conflict
                                             : OutboxAnswer::Kind::Rejected;
        s.answer.code = q.value(2).toString();
        const QString args = q.value(3).toString();
        if (!args.isEmpty()) {
            for (const QJsonValue &v : QJsonDocument::fromJson(args.toUtf8()).array())
                s.answer.args.append(v.toString());
        }
    }
    return states;
}

std::optional<OutboxRefusal> readOutboxRefusal(const TicketCache &cache, const QString &opId)
{
    QSqlQuery q(QSqlDatabase::database(cache.connectionName(), false));
    q.prepare(QStringLiteral("SELECT ticket_id, state, code, args FROM outbox WHERE op_id = ?"));
    q.addBindValue(opId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QString state = q.value(1).toString();
    if (state == u"pending")
        return std::nullopt;
    OutboxRefusal r;
    r.opId = opId;
    r.subjectId = q.value(0).toString();
    r.kind = state == u"conflict" ? OutboxAnswer::Kind::Conflict : OutboxAnswer::Kind::Rejected;
    r.code = q.value(2).toString();
    const QString args = q.value(3).toString();
    if (!args.isEmpty()) {
        for (const QJsonValue &v : QJsonDocument::fromJson(args.toUtf8()).array())
            r.args.append(v.toString());
    }
    return r;
}

QVector<OutboxAnswer> takeOutboxAnswers(QStringList *followed,
                                        const QHash<QString, OutboxState> &states)
{
    QVector<OutboxAnswer> answers;
    QStringList still; // made from the first answer on: most reads find none
    for (qsizetype i = 0; i < followed->size(); ++i) {
        const QString &opId = followed->at(i);
        const auto it = states.constFind(opId);
        if (it != states.cend() && it->pending) {
            if (!answers.isEmpty())
                still.append(opId);
            continue;
        }
        if (answers.isEmpty())
            still = followed->mid(0, i);
        OutboxAnswer a;
        if (it != states.cend())
            a = it->answer;
        else
            a.kind = OutboxAnswer::Kind::Applied;
        a.opId = opId;
        answers.append(a);
    }
    if (!answers.isEmpty())
        *followed = still;
    return answers;
}

double threadCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

BulkReader::BulkReader(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_thread(std::make_unique<JobThread>(QStringLiteral("bulk-reader"), closeOwn(&m_cache)))
{
    m_thread->post([this, cachePath] {
        QString error;
        m_cache = openOwn(QStringLiteral("bulk-reader"), cachePath, &error);
        // The caller reads itself then (as for a cache without a file).
        if (!m_cache)
            QMetaObject::invokeMethod(this, &BulkReader::unavailable, Qt::QueuedConnection);
    });
}

BulkReader::~BulkReader()
{
    m_thread.reset();
}

void BulkReader::readTickets(quint64 batch, const QStringList &ticketIds)
{
    m_thread->post([this, batch, ticketIds] {
        if (!m_cache)
            return;
        QVector<std::optional<Ticket>> read;
        read.reserve(ticketIds.size());
        QString error;
        for (const QString &id : ticketIds) {
            read.append(m_cache->ticket(id));
            if (!read.last() && error.isEmpty())
                error = m_cache->errorString();
        }
        // Queued to this object's thread; dropped with it if it is gone by then (the
        // destructor waits for this thread first, so `this` is alive here).
        QMetaObject::invokeMethod(
                this,
                [this, batch, read = std::move(read), error] {
                    emit ticketsRead(batch, read, error);
                },
                Qt::QueuedConnection);
    });
}

void BulkReader::follow(const QStringList &opIds)
{
    if (!opIds.isEmpty())
        m_thread->post([this, opIds] { m_followed.append(opIds); });
}

void BulkReader::refresh()
{
    // One read at a time, one more if asked meanwhile (the flag is down once a read began).
    if (!m_refreshPosted.exchange(true))
        m_thread->post([this] {
            m_refreshPosted = false;
            readOutbox();
        });
}

void BulkReader::readOutbox()
{
    if (!m_cache || m_followed.isEmpty())
        return;
    const double start = threadCpuMs();
    const QVector<OutboxAnswer> answers = takeOutboxAnswers(&m_followed, readOutboxStates(*m_cache));
    const double readMs = threadCpuMs() - start;
    QMetaObject::invokeMethod(
            this,
            [this, answers, readMs] {
                ++m_reads;
                emit answered(answers, readMs);
            },
            Qt::QueuedConnection);
}

} // namespace SupportDesk
