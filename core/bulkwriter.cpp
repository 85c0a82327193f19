// The bulk action's writer thread (see bulkwriter.h).
#include "bulkwriter.h"

#include "ticketcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>

#include <atomic>
#include <utility>
#include <ctime>

namespace SupportDesk {

BulkWriter::BulkWriter(const QString &cachePath, QObject *parent)
    : QObject(parent)
    , m_path(cachePath)
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("bulk-writer"));
    m_thread->start();
}

BulkWriter::~BulkWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_batches.clear();
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

void BulkWriter::write(quint64 batch, const QVector<Operation> &ops)
{
    {
        const std::lock_guard lock(m_mutex);
        m_batches.push_back({ batch, ops });
    }
    m_wake.notify_all();
}

void BulkWriter::run()
{
    // The connection is this thread's: made, used and closed here.
    static std::atomic<quint64> connections { 0 };
    TicketCache cache(QStringLiteral("bulk-writer-%1").arg(++connections));
    const bool open = cache.open(m_path) == TicketCache::OpenStatus::Ok;
    const QString openError = open ? QString() : cache.errorString();
    for (;;) {
        Batch batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_batches.empty(); });
            if (m_stop)
                break;
            batch = std::move(m_batches.front());
            m_batches.pop_front();
        }
        QVector<bool> saved(batch.ops.size(), false);
        QString error = openError;
        QSet<QString> failedTickets;
        for (qsizetype i = 0; open && i < batch.ops.size(); ++i) {
            const Operation &op = batch.ops.at(i);
            if (failedTickets.contains(op.ticketId))
                continue;
            saved[i] = cache.saveEdit(op);
            if (!saved[i]) {
                failedTickets.insert(op.ticketId);
                if (error.isEmpty())
                    error = cache.errorString();
            }
        }
        // Queued to this object's thread; dropped with it if it is gone by then (the
        // destructor waits for this thread first, so `this` is alive here).
        QMetaObject::invokeMethod(
                this, [this, id = batch.id, saved, error] { emit written(id, saved, error); },
                Qt::QueuedConnection);
    }
    cache.close();
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
    , m_path(cachePath)
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("bulk-reader"));
    m_thread->start();
}

BulkReader::~BulkReader()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
        m_ticketBatches.clear();
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

void BulkReader::readTickets(quint64 batch, const QStringList &ticketIds)
{
    {
        const std::lock_guard lock(m_mutex);
        m_ticketBatches.push_back({ batch, ticketIds });
    }
    m_wake.notify_all();
}

void BulkReader::follow(const QStringList &opIds)
{
    if (opIds.isEmpty())
        return;
    const std::lock_guard lock(m_mutex);
    m_incoming.append(opIds);
}

void BulkReader::refresh()
{
    {
        const std::lock_guard lock(m_mutex);
        m_wanted = true;
    }
    m_wake.notify_all();
}

void BulkReader::run()
{
    static std::atomic<quint64> connections { 0 };
    TicketCache cache(QStringLiteral("bulk-reader-%1").arg(++connections));
    if (cache.open(m_path) != TicketCache::OpenStatus::Ok) {
        // The caller reads itself then (as for a cache without a file).
        QMetaObject::invokeMethod(this, &BulkReader::unavailable, Qt::QueuedConnection);
        return;
    }
    QStringList followed;
    for (;;) {
        TicketBatch tickets;
        bool readOutbox = false;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_wanted || !m_ticketBatches.empty(); });
            if (m_stop)
                break;
            followed.append(m_incoming);
            m_incoming.clear();
            if (!m_ticketBatches.empty()) {
                tickets = std::move(m_ticketBatches.front());
                m_ticketBatches.pop_front();
            } else {
                readOutbox = std::exchange(m_wanted, false);
            }
        }
        if (!tickets.ids.isEmpty()) {
            QVector<std::optional<Ticket>> read;
            read.reserve(tickets.ids.size());
            QString error;
            for (const QString &id : std::as_const(tickets.ids)) {
                read.append(cache.ticket(id));
                if (!read.last() && error.isEmpty())
                    error = cache.errorString();
            }
            // Queued to this object's thread; dropped with it if it is gone by then (the
            // destructor waits for this thread first, so `this` is alive here).
            QMetaObject::invokeMethod(
                    this,
                    [this, id = tickets.id, read = std::move(read), error] {
                        emit ticketsRead(id, read, error);
                    },
                    Qt::QueuedConnection);
            continue;
        }
        if (!readOutbox || followed.isEmpty())
            continue;
        const double start = threadCpuMs();
        const QVector<OutboxAnswer> answers = takeOutboxAnswers(&followed, readOutboxStates(cache));
        const double readMs = threadCpuMs() - start;
        QMetaObject::invokeMethod(
                this,
                [this, answers, readMs] {
                    ++m_reads;
                    emit answered(answers, readMs);
                },
                Qt::QueuedConnection);
    }
    cache.close();
}

} // namespace SupportDesk
