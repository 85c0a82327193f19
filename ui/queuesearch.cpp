// Search as you type: the cache's full-text search, run on a thread of its own, turned into
// the queue's hits on the GUI thread.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "desksession.h"

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

void SearchRunner::request(quint64 generation, const QString &path, const QString &text,
                           Directory directory)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        // An older request not yet begun is dropped (with its copy of the directory).
        m_next = Request { generation, path, text, std::move(directory) };
    }
    m_wake.notify_one();
}

SearchHits SearchRunner::map(const QStringList &found, const Directory &directory)
{
    struct Hit
    {
        quint32 hash;
        quint32 check;
    };
    std::vector<Hit> hits;
    hits.reserve(found.size());
    for (const QString &id : found) {
        const QByteArray utf8 = id.toUtf8();
        hits.push_back({ idHash(utf8), idCheck(utf8) });
    }
    std::sort(hits.begin(), hits.end(),
              [](const Hit &a, const Hit &b) { return a.hash < b.hash; });
    SearchHits out;
    out.rows.resize(directory.check.size());
    // Both sorted by hash: one walk along the index.
    auto at = directory.byId.cbegin();
    const auto end = directory.byId.cend();
    for (const Hit &hit : hits) {
        while (at != end && at->hash < hit.hash)
            ++at;
        for (auto it = at; it != end && it->hash == hit.hash; ++it) {
            const int s = it->storage;
            if (s < directory.check.size() && directory.check.at(s) == hit.check) {
                out.rows.setBit(s);
                break;
            }
        }
    }
    return out;
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
        auto hits = std::make_shared<SearchHits>(map(found, next.directory));
        next.directory = {}; // the model's copies detach no more on its next merge
        m_deliver(next.generation, hits);
    }
    TicketCache::closeSearchConnection(connection);
}

void QueueModel::indexIdChecks(const RowStore &rows, QVector<quint32> *checks)
{
    checks->resize(rows.rows.size());
    for (int i = 0; i < int(rows.rows.size()); ++i)
        (*checks)[i] = idCheck(rows.rows.at(i).idText().view());
}

void QueueModel::setSearchText(const QString &text)
{
    const QString trimmed = text.simplified();
    m_searchText = trimmed;
    m_searchActive = !trimmed.isEmpty();
    // The session's reads of changed rows test them against this search, off this thread.
    if (m_session)
        m_session->changedRows()->setSearchText(trimmed);
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
        m_searchRunner->request(generation, m_cache->path(), trimmed, { m_byId, m_idCheck });
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
    // Mapped to rows on the search thread, against the rows of the request: rows added since
    // (merged meanwhile, so in m_mergedWhileSearching) are past its end.
    QBitArray hits = found->rows;
    hits.resize(m_rows.rows.size());
    // Rows merged meanwhile were tested against the data of now: their hits stand.
    for (int s : std::as_const(m_mergedWhileSearching)) {
        if (s < hits.size())
            hits.setBit(s, s < m_searchHits.size() && m_searchHits.testBit(s));
    }
    m_mergedWhileSearching.clear();
    m_searchHits = std::move(hits);
    m_searchApplied = true;
    refilter();
    emit searchFinished(int(m_searchHits.count(true)));
}

} // namespace SupportDesk
