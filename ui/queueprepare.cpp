// Loading the queue: directory names, and rows prepared on a thread of their own for a reset.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "desksession.h"
#include "ticketedits.h"

#include <QThread>

#include <algorithm>

namespace SupportDesk {

using namespace QueueModelDetail;


void QueueModel::loadDirectory()
{
    const auto customers = m_customerNames;
    const auto agents = m_agentNames;
    m_customerNames.clear();
    m_agentNames.clear();
    if (m_cache && m_cache->isOpen()) {
        for (const Customer &c : m_cache->customers())
            m_customerNames.insert(c.id, c.name);
        for (const Agent &a : m_cache->agents())
            m_agentNames.insert(a.id, TicketEdits::agentName(a));
    }
    // Every sync ends here: the view refits its columns only when a name changed.
    if (customers != m_customerNames || agents != m_agentNames)
        emit columnTextsChanged();
}

void QueueModel::reload()
{
    ++m_prepareGeneration; // a reset being prepared is overtaken by this one
    m_preparing = false;
    beginResetModel();
    m_rows = RowStore();
    if (m_cache && m_cache->isOpen()) {
        QueueRows loaded = m_cache->loadTicketRows();
        m_rows.words = std::move(loaded.words);
        m_rows.rows.reserve(loaded.rows.size());
        for (TicketRow &row : loaded.rows) {
            m_rows.rows.append(m_rows.make(row));
            row.packed = QByteArray(); // freed as we go: the peak stays near one copy
        }
    }
    releaseFreedMemory();
    indexIds(m_rows, &m_byId);
    finishReset();
}

void QueueModel::startPrepare(const std::shared_ptr<const QueueRows> &rows)
{
    const quint64 generation = ++m_prepareGeneration;
    m_preparing = true;
    struct Prepared
    {
        RowStore rows;
        QVector<IdKey> byId;
    };
    auto prepared = std::make_shared<Prepared>();
    // Only the shared, read-only rows and its own result: nothing of the model is touched.
    QThread *thread = QThread::create([rows, prepared] {
        prepared->rows.words = rows->words;
        prepared->rows.rows.reserve(rows->rows.size());
        for (const TicketRow &row : rows->rows)
            prepared->rows.rows.append(prepared->rows.make(row));
        indexIds(prepared->rows, &prepared->byId);
    });
    thread->setObjectName(QStringLiteral("queue-rows"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, prepared, generation] {
        if (generation != m_prepareGeneration)
            return; // a later reset or reload came first
        m_preparing = false;
        beginResetModel();
        m_rows = std::move(prepared->rows);
        m_byId = std::move(prepared->byId);
        finishReset();
        // Changes that came while the rows were made (they may be older than the rows: a
        // merge of a ticket already up to date changes nothing).
        if (!m_changed.isEmpty())
            m_coalesce.start();
    });
    thread->start();
}

void QueueModel::finishReset()
{
    m_removed = 0;
    loadDirectory();
    refreshCodes();
    m_searchHits.fill(false, m_rows.rows.size());
    m_onlyHits.fill(false, m_rows.rows.size());
    m_gone.fill(false, m_rows.rows.size());
    if (m_onlyActive) {
        for (const QString &id : std::as_const(m_onlyIds)) {
            const int s = storageOf(id.toUtf8());
            if (s >= 0)
                m_onlyHits.setBit(s);
        }
    }
    m_nowMs = now().toMSecsSinceEpoch();
    rankWords();
    m_order.clear();
    m_order.reserve(m_rows.rows.size());
    for (int s = 0; s < int(m_rows.rows.size()); ++s) {
        if (accepts(s))
            m_order.append(s);
    }
    sortOrder(&m_order);
    endResetModel();
    emit columnTextsChanged(); // new rows may name new sub-clients
    if (m_searchActive)
        setSearchText(m_searchText);
    recount();
}

} // namespace SupportDesk
