// Changed tickets' rows read once off the GUI thread, then given to the index and the queue.
#include "changedrows.h"

#include "ticketindex.h"

#include <QThread>

namespace SupportDesk {

ChangedRowsReader::ChangedRowsReader(Deliver deliver)
    : m_deliver(std::move(deliver))
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("changed-rows"));
    m_thread->start();
}

ChangedRowsReader::~ChangedRowsReader()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_one();
    m_thread->wait();
    delete m_thread;
}

void ChangedRowsReader::request(quint64 generation, const QString &path, const QStringList &ids,
                                const QString &searchText)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back({generation, path, ids, searchText});
    }
    m_wake.notify_one();
}

void ChangedRowsReader::waitIdle()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return m_stop || (m_queue.empty() && !m_busy); });
}

std::shared_ptr<ChangedRows> ChangedRowsReader::read(const QString &path,
                                                     const QString &connection,
                                                     const QStringList &ids,
                                                     const QString &searchText)
{
    auto read = std::make_shared<ChangedRows>();
    read->ids = ids;
    read->rows = TicketCache::loadTicketRowsAt(path, connection, ids, &read->ok);
    if (!read->ok)
        return read;
    read->tags = TicketCache::ticketTagsAt(path, connection, ids);
    if (!searchText.isEmpty()) {
        read->searchText = searchText;
        read->searchHits = TicketCache::searchTicketsAt(path, connection, searchText, ids);
    }
    return read;
}

void ChangedRowsReader::run()
{
    const QString connection = QStringLiteral("changed-rows-%1").arg(quintptr(this), 0, 16);
    for (;;) {
        Request next;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                break;
            next = std::move(m_queue.front());
            m_queue.pop_front();
            m_busy = true;
        }
        const std::shared_ptr<ChangedRows> done
                = read(next.path, connection, next.ids, next.searchText);
        done->generation = next.generation;
        m_deliver(done);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_busy = false;
        }
        m_idle.notify_all();
    }
    TicketCache::closeSearchConnection(connection);
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_busy = false;
    }
    m_idle.notify_all();
}

ChangedRowsFeed::ChangedRowsFeed(TicketCache *cache, TicketIndex *index, QObject *parent)
    : QObject(parent), m_cache(cache), m_index(index)
{
}

ChangedRowsFeed::~ChangedRowsFeed() = default;

void ChangedRowsFeed::note(const QStringList &ids)
{
    for (const QString &id : ids)
        m_pending.insert(id);
    // One read at a time: what comes meanwhile is gathered for the next (a burst of pages).
    if (m_reading.isEmpty())
        startRead();
}

static bool hasFile(const TicketCache *cache)
{
    const QString path = cache->path();
    return cache->isOpen() && !path.isEmpty() && path != QLatin1String(":memory:");
}

void ChangedRowsFeed::startRead()
{
    if (m_pending.isEmpty())
        return;
    const QStringList ids(m_pending.cbegin(), m_pending.cend());
    m_pending.clear();
    if (!m_cache || !hasFile(m_cache)) {
        take(readHere(ids));
        return;
    }
    m_reading = ids;
    if (!m_reader) {
        m_reader = std::make_unique<ChangedRowsReader>(
                [this](const std::shared_ptr<ChangedRows> &read) {
                    // Queued to this thread; the reader is joined before this object goes,
                    // and a queued call to a deleted context object is dropped.
                    QMetaObject::invokeMethod(
                            this,
                            [this, read] {
                                if (read->generation != m_generation || m_reading.isEmpty())
                                    return; // overtaken by a reset: its ids are read again
                                m_reading.clear();
                                take(read->ok ? read : readHere(read->ids));
                                startRead();
                            },
                            Qt::QueuedConnection);
                });
    }
    m_reader->request(++m_generation, m_cache->path(), ids, m_searchText);
}

// The fallback: a cache without a file, or a file the reader could not open.
std::shared_ptr<ChangedRows> ChangedRowsFeed::readHere(const QStringList &ids)
{
    auto read = std::make_shared<ChangedRows>();
    read->ids = ids;
    if (m_cache && m_cache->isOpen()) {
        read->rows = m_cache->loadTicketRows(ids);
        read->tags = m_cache->ticketTags(ids);
        read->ok = true;
        if (!m_searchText.isEmpty()) {
            read->searchText = m_searchText;
            read->searchHits = m_cache->searchTickets(m_searchText, ids);
        }
    }
    m_rowsReadHere += ids.size();
    return read;
}

void ChangedRowsFeed::take(const std::shared_ptr<ChangedRows> &read)
{
    if (!read->ok)
        return; // the cache is closed: nothing to follow
    ++m_handedOn;
    if (m_index)
        m_index->applyRows(read->ids, read->rows);
    emit rowsRead(read);
}

bool ChangedRowsFeed::takeBackRead()
{
    if (m_reading.isEmpty())
        return false;
    ++m_generation; // dropped when it comes
    for (const QString &id : std::as_const(m_reading))
        m_pending.insert(id);
    m_reading.clear();
    return true;
}

void ChangedRowsFeed::dropReads()
{
    if (!takeBackRead())
        return;
    // Asked again once this event is over: after the reset's own handlers.
    QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_reading.isEmpty())
                    startRead();
            },
            Qt::QueuedConnection);
}

void ChangedRowsFeed::flush()
{
    takeBackRead();
    if (m_pending.isEmpty())
        return;
    const QStringList ids(m_pending.cbegin(), m_pending.cend());
    m_pending.clear();
    take(readHere(ids));
}

void ChangedRowsFeed::waitForReads()
{
    if (m_reader)
        m_reader->waitIdle();
}

} // namespace SupportDesk
