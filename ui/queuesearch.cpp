// Search as you type: the cache's full-text search, run on a thread of its own, turned into
// the queue's hits on the GUI thread.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include <QThread>

#include <algorithm>
#include <cstring>

namespace SupportDesk {

using namespace QueueModelDetail;

SearchRunner::SearchRunner(Deliver deliver)
    : m_deliver(std::move(deliver))
{
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("queue-search"));
    m_thread->start();
}

SearchRunner::~SearchRunner()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_next.reset();
    }
    m_wake.notify_one();
    m_thread->wait();
    delete m_thread;
}

void SearchRunner::request(quint64 generation, const QString &path, const QString &text)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_next = Request { generation, path, text }; // an older one not yet begun is dropped
    }
    m_wake.notify_one();
}

void SearchRunner::run()
{
    // Unique per runner: two models (two windows, tests) each have their own connection.
    const QString connection = QStringLiteral("queue-search-%1")
                                       .arg(quintptr(this), 0, 16);
    for (;;) {
        Request next;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_next.has_value(); });
            if (m_stop)
                break;
            next = std::move(*m_next);
            m_next.reset();
        }
        // The limit of the search on the GUI thread it replaces: every hit.
        const QStringList found =
                TicketCache::searchTicketsAt(next.path, connection, next.text, 1000000);
        auto hits = std::make_shared<SearchHits>();
        hits->ids.reserve(found.size());
        for (const QString &id : found) {
            QByteArray utf8 = id.toUtf8();
            const quint32 hash = idHash(utf8);
            unsigned char packed[16];
            if (packCanonicalUuid(utf8, packed))
                hits->ids.append({ hash, true,
                                   QByteArray(reinterpret_cast<const char *>(packed), 16) });
            else
                hits->ids.append({ hash, false, std::move(utf8) });
        }
        std::sort(hits->ids.begin(), hits->ids.end(),
                  [](const auto &a, const auto &b) { return a.hash < b.hash; });
        m_deliver(next.generation, hits);
    }
    TicketCache::closeSearchConnection(connection);
}

void QueueModel::setSearchText(const QString &text)
{
    const QString trimmed = text.simplified();
    m_searchText = trimmed;
    m_searchActive = !trimmed.isEmpty();
    const quint64 generation = ++m_searchGeneration; // a search still running is superseded
    m_mergedWhileSearching.clear();
    if (m_searchActive && m_cache && m_cache->isOpen() && !m_cache->path().isEmpty()) {
        if (!m_searchRunner) {
            m_searchRunner = std::make_unique<SearchRunner>(
                    [this](quint64 generation, const std::shared_ptr<const SearchHits> &found) {
                        // Queued to the GUI thread; the runner is joined before the model
                        // goes, and a queued call to a deleted context object is dropped.
                        QMetaObject::invokeMethod(
                                this, [this, generation, found] {
                                    applySearchResult(generation, found);
                                },
                                Qt::QueuedConnection);
                    });
        }
        m_searchPending = true;
        m_searchRunner->request(generation, m_cache->path(), trimmed);
        return; // the earlier hits stand until these come
    }
    m_searchPending = false;
    m_searchApplied = m_searchActive; // a closed cache finds nothing
    m_searchHits.fill(false, m_rows.rows.size());
    refilter();
    emit searchFinished(0);
}

void QueueModel::applySearchResult(quint64 generation,
                                   const std::shared_ptr<const SearchHits> &found)
{
    if (generation != m_searchGeneration || !m_searchActive)
        return; // a newer keystroke's search, or none, is what the agent asked for last
    m_searchPending = false;
    // Rows merged meanwhile were tested against the data of now: their hits stand.
    QBitArray hits(m_rows.rows.size());
    for (int s : std::as_const(m_mergedWhileSearching)) {
        if (s < m_searchHits.size() && m_searchHits.testBit(s))
            hits.setBit(s);
    }
    // The hits and the id index are both sorted by hash: one walk along the index.
    auto at = m_byId.cbegin();
    const auto end = m_byId.cend();
    for (const SearchHits::Id &id : found->ids) {
        at = std::lower_bound(at, end, IdKey { id.hash, -1 });
        for (auto it = at; it != end && it->hash == id.hash; ++it) {
            const int s = it->storage;
            const Row &row = m_rows.rows.at(s);
            const bool same = id.uuid
                    ? row.idLength == Row::UuidId
                            && std::memcmp(row.text, id.key.constData(), 16) == 0
                    : row.idLength != Row::UuidId
                            && QByteArrayView(row.text, row.idLength) == id.key;
            if (same) {
                if (!m_mergedWhileSearching.contains(s))
                    hits.setBit(s);
                break;
            }
        }
    }
    m_mergedWhileSearching.clear();
    m_searchHits = std::move(hits);
    m_searchApplied = true;
    refilter();
    emit searchFinished(int(m_searchHits.count(true)));
}

} // namespace SupportDesk
