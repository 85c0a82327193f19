// Loading the queue: directory names, and rows prepared on a thread of their own for a reset.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "desksession.h"
#include "ticketedits.h"
#include "ticketindex.h"

#include <QScopeGuard>
#include <QThread>

#include <algorithm>
#include <numeric>

namespace SupportDesk {

using namespace QueueModelDetail;


void QueueModel::loadDirectory()
{
    ++m_directoryReads;
    const auto customers = m_customerNames;
    const auto subClients = m_subClientNames;
    const auto agents = m_agentNames;
    m_customerNames.clear();
    m_subClientNames.clear();
    m_agentNames.clear();
    if (m_cache && m_cache->isOpen()) {
        for (const Customer &c : m_cache->customers()) {
            m_customerNames.insert(c.id, c.name);
            for (const SubClient &s : c.subClients) {
                if (!s.name.isEmpty())
                    m_subClientNames.insert(subClientKey(c.id, s.account), s.name);
            }
        }
        for (const Agent &a : m_cache->agents())
            m_agentNames.insert(a.id, TicketEdits::agentName(a));
    }
    // Every sync ends here: the view refits its columns only when a name changed.
    if (customers != m_customerNames || subClients != m_subClientNames || agents != m_agentNames)
        emit columnTextsChanged();
}

namespace {
// The queue's side of a scan: each row copied into the compact store as it is read (the
// cache's bytes of a row are freed before the next), so the peak holds one compact copy.
// Each row refers to the entry its position in the scan gives it: right when the index reads
// the same scan (TicketIndex::loadAlongside(), preparingSink(), prepare() from the same rows),
// which the taker says (takeEntries()).
// A template: the store's type is the model's private one, named only inside the model.
template<typename Store> class TakeRows : public TicketRowSink
{
public:
    TakeRows(Store *rows, qint64 showableSinceMs) : m_rows(rows)
    {
        m_showable.sinceMs = showableSinceMs;
    }
    void begin(const QVector<QString> &words, qsizetype count) override
    {
        m_rows->words = words;
        m_showable.begin(words);
        m_seen = 0;
        // Not reserved for every row: most of a large cache is long closed and left out.
        if (m_showable.sinceMs == 0)
            m_rows->rows.reserve(count);
    }
    void take(const TicketRow &row) override
    {
        if (m_showable(row)) {
            m_rows->rows.append(m_rows->make(row));
            m_rows->rows.last().entry = quint32(m_seen);
        }
        ++m_seen;
    }
    // The rows kept are the vector's; its growth's slack goes once the scan is done.
    void end() { m_rows->rows.squeeze(); }

private:
    Store *m_rows;
    Showable m_showable;
    qsizetype m_seen = 0;
};
} // namespace

void QueueModel::reload()
{
    ++m_prepareGeneration; // a reset being prepared is overtaken by this one
    m_preparing = false;
    m_loadingRest = false; // the session drops a read behind the first screen for this one
    dropChangeRead(); // read again after the reset: it may be older than the rows read now
    // Read before the model's reset begins.
    RowStore rows;
    TicketIndex *index = ticketIndex();
    // The session's index reads this pass too when it has not read yet; the queue's own
    // always does. Its views hear its reset() once these rows refer to its new content: a
    // view that reads the queue then finds no row referring to the content before.
    const bool alongside = !m_session || (!index->isLoaded() && !m_session->resetRows());
    index->holdReset();
    const auto release = qScopeGuard([index] { index->releaseReset(); });
    if (m_cache && m_cache->isOpen()) {
        TakeRows<RowStore> take(&rows, showableSinceMs());
        if (m_session)
            m_session->scanTicketRows(&take);
        else
            m_ownIndex->loadAlongside(&take);
        take.end();
    } else if (m_ownIndex) {
        m_ownIndex->reload(); // nothing to read: empty, as the queue
    }
    releaseFreedMemory();
    m_replacingRows = true;
    beginResetModel();
    m_rows = std::move(rows);
    takeEntries(alongside ? index->layoutGeneration() : NoLayout);
    indexIds(m_rows, &m_byId);
    indexIdChecks(m_rows, &m_idCheck);
    finishReset();
}

qint64 QueueModel::showableSinceMs() const
{
    const qint64 now = this->now().toMSecsSinceEpoch();
    return now > RecentlyClosedMs + ShowableMarginMs ? now - RecentlyClosedMs - ShowableMarginMs
                                                     : 0;
}

void QueueModel::startPrepare(const std::shared_ptr<const QueueRows> &rows)
{
    const quint64 generation = ++m_prepareGeneration;
    dropChangeRead(); // merged again once the rows being made are in
    m_preparing = true;
    m_preparedOverlay.clear(); // of a preparation this one overtakes
    // The settings of the moment, copied: the thread reads nothing of the model. The order and
    // the tally were ~30 ms of the GUI thread's reset at 100k tickets, over the 16 ms of a
    // frame; the thread makes them beside the rows and the GUI thread only filters the order.
    const std::shared_ptr<Prepared> prepared = newPrepared();
    const QString me = agentId();
    const double fraction = m_atRiskFraction;
    const qint64 since = showableSinceMs();
    // The session's index took the same rows just now (adopted from the worker, or read from
    // them), each at its position in them.
    const TicketIndex *index = ticketIndex();
    if (index->isLoaded() && index->entryCount() == rows->rows.size()) {
        prepared->entriesOf = index->layoutGeneration();
        // Shared, not copied: the thread reads these facts while the feed may change the
        // index's (which then copies its entries once).
        prepared->content = std::make_shared<const QVector<TicketIndexEntry>>(index->entries());
        prepared->contentWords = index->words();
    }
    m_loadingRest = false; // the session dropped a read behind the first screen
    QThread *thread = QThread::create([rows, prepared, me, fraction, since] {
        Prepared &p = *prepared;
        TakeRows<RowStore> take(&p.rows, since);
        take.begin(rows->words, rows->rows.size());
        for (const TicketRow &row : rows->rows)
            take.take(row);
        take.end();
        prepareFromRows(&p, me, fraction);
    });
    thread->setObjectName(QStringLiteral("queue-rows"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, prepared, generation] {
        if (generation != m_prepareGeneration)
            return; // a later reset or reload came first
        m_preparing = false;
        takePrepared(prepared.get());
        // Changes that came while the rows were made (they may be older than the rows: a
        // merge of a ticket already up to date changes nothing).
        if (!m_changed.isEmpty())
            m_coalesce.start();
    });
    thread->start();
}

std::shared_ptr<QueueModel::Prepared> QueueModel::newPrepared() const
{
    auto prepared = std::make_shared<Prepared>();
    prepared->sortColumn = m_sortColumn;
    prepared->sortOrder = m_sortOrder;
    if (sortsByRank(m_sortColumn))
        prepared->rank = m_rank;
    return prepared;
}

QueueModel::EntrySource QueueModel::Prepared::facts() const
{
    EntrySource source;
    if (content) {
        source = { content->constData(), content->size(), nullptr, contentToRow.constData(),
                   contentToRow.size() };
    }
    source.fallbacks = &fallbacks;
    return source;
}

void QueueModel::takePrepared(Prepared *prepared)
{
    m_replacingRows = true;
    beginResetModel();
    m_rows = std::move(prepared->rows);
    takeEntries(prepared->entriesOf);
    m_byId = std::move(prepared->byId);
    m_idCheck = std::move(prepared->idCheck);
    m_preparedFromEntries = prepared->rowsReadFromEntries;
    m_entryFallbacks += std::exchange(prepared->fallbacks, 0);
    finishReset(prepared);
    // The live index's entries are no longer shared with the thread's copy: its next change
    // does not copy them.
    prepared->content.reset();
    prepared->contentWords.clear();
}

void QueueModel::prepareFromRows(Prepared *prepared, const QString &me, double fraction)
{
    Prepared &p = *prepared;
    indexIds(p.rows, &p.byId);
    indexIdChecks(p.rows, &p.idCheck);
    p.sorted.resize(p.rows.rows.size());
    std::iota(p.sorted.begin(), p.sorted.end(), 0);
    // The facts of the index content made with the rows, never the live index's.
    if (p.content)
        p.contentToRow = rowCodesOf(p.contentWords, p.rows.words);
    const EntrySource facts = p.facts();
    p.rowsReadFromEntries = 0;
    for (int s = 0; s < int(p.rows.rows.size()); ++s)
        p.rowsReadFromEntries += facts.at(s, p.rows.rows.at(s)) != nullptr;
    sortOrder(p.rows, { p.sortColumn, p.sortOrder, &p.rank, facts }, &p.sorted);
    p.tallyKeys = { codeOf(p.rows, TicketStatus::Resolved), codeOf(p.rows, TicketStatus::Closed),
                    codeOf(p.rows, TicketStatus::WaitingOnCustomer),
                    me.isEmpty() ? NoCode : codeOf(p.rows, me), fraction };
    tally(p.rows, QBitArray(), p.tallyKeys, facts, &p.tally);
    p.openSorted.reserve(p.tally.counts[AllOpen]);
    for (const int s : std::as_const(p.sorted)) {
        const quint32 status = facts.of(s, p.rows.rows.at(s)).status;
        if (status != p.tallyKeys.resolved && status != p.tallyKeys.closed)
            p.openSorted.append(s);
    }
    for (int s = 0; s < int(p.rows.rows.size()); ++s) {
        const Row &row = p.rows.rows.at(s);
        if (row.subClient)
            p.subClientPairs.insert(quint64(facts.of(s, row).customer) << 32 | row.subClient);
    }
    p.extrasMade = true;
}

// A million tickets took 3.3 s from start to the first paint on the idle machine, nearly all
// of it the read of every row. The open tickets' first screen in the default order comes from
// an index in milliseconds; the rest is read, made into rows, the index's content, an order
// and a tally on a thread of its own, and taken here in one reset, as after the initial sync.
bool QueueModel::loadFirstScreen()
{
    if (!m_session || !m_cache || !m_cache->isOpen()
        || m_cache->queueRowsBound() < s_firstScreenFrom)
        return false;
    const QueueRows head = m_cache->loadFirstOpenRows(s_firstScreenRows);
    const std::shared_ptr<Prepared> prepared = newPrepared();
    TicketIndex *index = ticketIndex();
    const QString me = agentId();
    const double fraction = m_atRiskFraction;
    auto sink = std::make_shared<TakeRows<RowStore>>(&prepared->rows, showableSinceMs());
    const quint64 generation = ++m_prepareGeneration;
    const bool behind = m_session->scanTicketRowsBehind(
            sink,
            [prepared, me, fraction, sink](const TicketIndex *made) {
                sink->end();
                // The index content made in this pass: the rows' entries are their positions.
                prepared->content
                        = std::make_shared<const QVector<TicketIndexEntry>>(made->entries());
                prepared->contentWords = made->words();
                prepareFromRows(prepared.get(), me, fraction);
            },
            this, [this, prepared, generation] {
                if (generation != m_prepareGeneration)
                    return; // a reload or reset came first
                // The index has just taken the content made in the rest's pass.
                prepared->entriesOf = ticketIndex()->layoutGeneration();
                dropChangeRead(); // merged again: the session signals what changed meanwhile
                if (!sortedAsNow(*prepared)) {
                    resortThenTakeRest(prepared, generation);
                    return;
                }
                takeRest(prepared.get());
            });
    if (!behind)
        return false;
    m_loadingRest = true;
    RowStore rows;
    rows.words = head.words;
    rows.rows.reserve(head.rows.size());
    for (const TicketRow &row : head.rows) {
        rows.rows.append(rows.make(row));
        rows.rows.last().entry = quint32(rows.rows.size() - 1);
    }
    // Until the rest is in, the first screen's tickets are the index's provisional content,
    // so its rows have entries (no view of the index sees them).
    quint64 layout = NoLayout;
    if (index->isLoading()) {
        index->loadProvisional(head);
        layout = index->layoutGeneration();
    }
    m_replacingRows = true;
    beginResetModel();
    m_rows = std::move(rows);
    takeEntries(layout);
    indexIds(m_rows, &m_byId);
    indexIdChecks(m_rows, &m_idCheck);
    finishReset();
    return true;
}

void QueueModel::takeRest(Prepared *prepared)
{
    m_loadingRest = false;
    takePrepared(prepared);
    emit countsChanged(); // whole now, whatever the first screen's were
    emit restLoaded();
}

// Whether the order made with `prepared` is the one the sort settings of now give (as
// finishReset() judges it, the ranks of a column of names made for the prepared words).
bool QueueModel::sortedAsNow(const Prepared &prepared) const
{
    return prepared.sortColumn == m_sortColumn && prepared.sortOrder == m_sortOrder
            && (!sortsByRank(m_sortColumn) || prepared.rank == ranksOf(prepared.rows.words));
}

// A sort chosen while the rest was read: the rest's order was made under the earlier one.
// Sorting its rows here (a quarter of a million at 1M, by subject ~70 ms) would freeze the
// window at the hand-over; the thread sorts them again and the hand-over follows. Changes
// wait meanwhile, as for any reset being made (m_preparing).
void QueueModel::resortThenTakeRest(const std::shared_ptr<Prepared> &prepared,
                                    quint64 generation)
{
    prepared->sortColumn = m_sortColumn;
    prepared->sortOrder = m_sortOrder;
    prepared->rank = sortsByRank(m_sortColumn) ? ranksOf(prepared->rows.words) : QVector<int>();
    m_preparing = true;
    m_preparedOverlay.clear(); // the content adopted with these rows is the index's of now
    QThread *thread = QThread::create([prepared] {
        Prepared &p = *prepared;
        sortOrder(p.rows, { p.sortColumn, p.sortOrder, &p.rank, p.facts() }, &p.sorted);
        p.openSorted.clear();
        const EntrySource facts = p.facts();
        for (const int s : std::as_const(p.sorted)) {
            const quint32 status = facts.of(s, p.rows.rows.at(s)).status;
            if (status != p.tallyKeys.resolved && status != p.tallyKeys.closed)
                p.openSorted.append(s);
        }
    });
    thread->setObjectName(QStringLiteral("queue-resort"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, prepared, generation] {
        if (generation != m_prepareGeneration)
            return; // a reload or reset came first
        m_preparing = false;
        if (!sortedAsNow(*prepared)) {
            resortThenTakeRest(prepared, generation); // sorted again meanwhile
            return;
        }
        takeRest(prepared.get());
        if (!m_changed.isEmpty())
            m_coalesce.start();
    });
    thread->start();
}

// Ends a reset begun with beginResetModel() over new rows. `prepared` (a reset made on the
// preparation thread) brings an order and a tally, used when the settings they were made
// under still hold; otherwise both are made here.
void QueueModel::finishReset(Prepared *prepared)
{
    m_removed = 0;
    m_overlay.clear(); // new rows: merges noted on the old ones are gathered again
    m_heldOverlay.clear();
    if (prepared)
        holdPreparedOverlay(); // the changes made while they were, as they were counted
    m_preparedOverlay.clear();
    loadDirectory();
    refreshTags();
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
    // Filtering a sorted order keeps it sorted. The ranks it was made with must be the ones
    // of now (a column of names: the language and the names may have changed meanwhile).
    const bool presorted = prepared && prepared->sortColumn == m_sortColumn
            && prepared->sortOrder == m_sortOrder
            && prepared->sorted.size() == m_rows.rows.size()
            && (!sortsByRank(m_sortColumn) || prepared->rank == m_rank);
    m_subClientPairs.reset();
    if (prepared && prepared->extrasMade)
        m_subClientPairs = std::move(prepared->subClientPairs);
    bool plain = m_queue == AllOpen && !m_onlyActive && !m_searchActive && !m_searchApplied;
    for (const QString &value : m_filterValues)
        plain = plain && value.isEmpty();
    m_order.clear();
    if (presorted && plain && prepared->extrasMade) {
        // The thread filtered it as accepts() would: open, no filter, no search, no pick.
        m_order = std::move(prepared->openSorted);
        m_resetRowsSortedHere = 0;
    } else if (presorted) {
        m_order.reserve(m_rows.rows.size());
        for (int s : std::as_const(prepared->sorted)) {
            if (accepts(s))
                m_order.append(s);
        }
        m_resetRowsSortedHere = 0;
    } else {
        m_order.reserve(m_rows.rows.size());
        for (int s = 0; s < int(m_rows.rows.size()); ++s) {
            if (accepts(s))
                m_order.append(s);
        }
        sortOrder(&m_order);
        m_resetRowsSortedHere = m_order.size();
    }
    endResetModel();
    m_replacingRows = false;
    emit columnTextsChanged(); // new rows may name new sub-clients
    if (m_searchActive)
        setSearchText(m_searchText);
    if (prepared && prepared->tallyKeys == tallyKeys()) {
        m_recount.stop();
        adoptTally(std::move(prepared->tally));
        m_resetRowsCountedHere = 0;
    } else if (prepared && retallies(prepared->tallyKeys)) {
        // Made before the agent signed in or the share changed (the rest behind the first
        // screen reads for seconds at a million tickets): only what those move is counted
        // here, where a whole recount took ~30 ms.
        m_recount.stop();
        adoptTally(std::move(prepared->tally), prepared->tallyKeys);
        retally();
        m_resetRowsCountedHere = 0;
    } else {
        recount();
        m_resetRowsCountedHere = m_rows.rows.size();
    }
}

} // namespace SupportDesk
