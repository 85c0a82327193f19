#include "queuemodel.h"

#include "desksession.h"
#include "domain.h"
#include "ticketedits.h"
#include "timeformat.h"

#include <QCollator>
#include <QFont>
#include <QLocale>
#include <QThread>
#include <QTimeZone>

#include <algorithm>
#include <cstring>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <limits>
#include <numeric>

namespace SupportDesk {

static constexpr qint64 RecentlyClosedMs = 7 * 24 * 3600 * 1000LL;
// Past this many changed tickets a full rebuild (one reset) beats row-by-row moves.
static constexpr int IncrementalLimit = 500;
static constexpr quint32 NoCode = 0xffffffffu;

// Lookups by id compare a 32-bit hash first: sorting a million UUID strings took a fifth of
// the start-up. Colliding ids (a few in a million) are compared in full.
static quint32 idHash(QByteArrayView id)
{
    const size_t h = qHash(id, 0);
    return quint32(h ^ (quint64(h) >> 32));
}

QueueModel::QueueModel(DeskSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_cache(session->cache())
    , m_clock(session->clock())
{
    connect(session, &DeskSession::ticketsChanged, this, &QueueModel::noteTicketsChanged);
    connect(session, &DeskSession::cacheReset, this, [this] {
        // The sync thread read the rows for the reset: they are made into the queue's own on
        // a thread of their own, and only the order is made here.
        if (const auto rows = m_session->resetRows())
            startPrepare(rows);
        else
            reload();
    });
    connect(session, &DeskSession::catalogsChanged, this, [this] {
        loadDirectory();
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
    const auto directory = [this] {
        loadDirectory();
        const double fraction = m_cache->teamSettings().atRiskFraction;
        if (fraction != m_atRiskFraction)
            setAtRiskFraction(fraction);
        // Names may have changed: an order by them is made again.
        if (m_sortColumn == CustomerColumn || m_sortColumn == AssigneeColumn)
            resort();
        if (rowCount() > 0)
            emit dataChanged(index(0, CustomerColumn), index(rowCount() - 1, AssigneeColumn));
    };
    connect(session, &DeskSession::idle, this, directory);
    connect(session, &DeskSession::signedIn, this, [this, directory] {
        directory();
        if (m_agentId.isEmpty()) {
            refreshCodes();
            recount();
            if (m_queue == MyTickets)
                refilter();
        }
    });
    connect(session, &DeskSession::searchIndexReady, this, [this] {
        if (m_searchActive)
            setSearchText(m_searchText);
    });
    init();
}

QueueModel::QueueModel(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
    , m_ownCatalogs(catalogs)
    , m_clock(clock)
{
    init();
}

QueueModel::~QueueModel() = default;

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx in lowercase hex → 16 bytes; anything else is kept as
// text, so the id reads back exactly as it came.
static bool packCanonicalUuid(QByteArrayView id, unsigned char *out)
{
    if (id.size() != 36)
        return false;
    int byte = 0;
    for (int i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (id[i] != '-')
                return false;
            ++i;
            continue;
        }
        const int hi = hexValue(id[i]);
        const int lo = hexValue(id[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[byte++] = static_cast<unsigned char>(hi << 4 | lo);
        i += 2;
    }
    return true;
}

QueueModel::Row::IdText QueueModel::Row::idText() const
{
    IdText t;
    if (idLength != UuidId) {
        t.external = text;
        t.size = idLength;
        return t;
    }
    static const char digits[] = "0123456789abcdef";
    const auto *bytes = reinterpret_cast<const unsigned char *>(text);
    int out = 0;
    for (int b = 0; b < 16; ++b) {
        if (b == 4 || b == 6 || b == 8 || b == 10)
            t.buf[out++] = '-';
        t.buf[out++] = digits[bytes[b] >> 4];
        t.buf[out++] = digits[bytes[b] & 0xf];
    }
    t.size = 36;
    return t;
}

QueueModel::Row QueueModel::RowStore::make(const TicketRow &from)
{
    Row row;
    row.createdAtMs = from.createdAtMs;
    row.firstResponseAtMs = from.firstResponseAtMs;
    row.dueAtMs = from.dueAtMs;
    row.updatedAtMs = from.updatedAtMs;
    row.customer = from.customer;
    row.subClient = from.subClient;
    row.channel = from.channel;
    row.severity = from.severity;
    row.status = from.status;
    row.assignee = from.assignee;
    row.plan = from.plan;
    row.edition = from.edition;
    row.pending = from.pending;
    const QByteArrayView id = from.idUtf8();
    const QByteArrayView subject(from.packed.constData() + from.subjectStart, from.subjectLength);
    unsigned char uuid[16];
    const bool packUuid = packCanonicalUuid(id, uuid);
    const size_t idSize = packUuid ? 16 : size_t(id.size());
    const size_t need = idSize + size_t(subject.size());
    char *text = place(need);
    std::memcpy(text, packUuid ? reinterpret_cast<const char *>(uuid) : id.data(), idSize);
    std::memcpy(text + idSize, subject.data(), size_t(subject.size()));
    row.text = text;
    row.idLength = packUuid ? Row::UuidId : from.idLength;
    row.subjectLength = from.subjectLength;
    return row;
}

namespace {
constexpr size_t TextBlockSize = 1 << 20;
}

char *QueueModel::RowStore::place(size_t size)
{
    if (blocks.empty() || blockUsed + size > blockSize) {
        blockSize = std::max(TextBlockSize, size);
        blocks.push_back(std::make_unique<char[]>(blockSize));
        arenaBytes += blockSize;
        blockUsed = 0;
    }
    char *text = blocks.back().get() + blockUsed;
    blockUsed += size;
    return text;
}

void QueueModel::RowStore::replace(int storage, const Row &row)
{
    garbageBytes += rows.at(storage).textBytes();
    rows[storage] = row;
}

bool QueueModel::RowStore::wantsCompaction() const
{
    return garbageBytes >= TextBlockSize && garbageBytes * 2 > arenaBytes;
}

void QueueModel::RowStore::compact()
{
    std::vector<std::unique_ptr<char[]>> old;
    old.swap(blocks);
    blockUsed = blockSize = arenaBytes = garbageBytes = 0;
    for (Row &row : rows) {
        const size_t size = row.textBytes();
        char *text = place(size);
        std::memcpy(text, row.text, size);
        row.text = text;
    }
    // `old` goes here, after every row points into the new blocks.
}

// The cache's rows were freed one by one; hand the pages back to the system.
void QueueModel::releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void QueueModel::init()
{
    m_language = languageFromCode(QLocale().name());
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(50);
    connect(&m_coalesce, &QTimer::timeout, this, &QueueModel::applyGatheredChanges);
    m_recount.setSingleShot(true);
    m_recount.setInterval(100);
    connect(&m_recount, &QTimer::timeout, this, &QueueModel::recount);
    m_transition.setSingleShot(true);
    connect(&m_transition, &QTimer::timeout, this, &QueueModel::refreshTimeDependent);
    if (m_cache && m_cache->isOpen())
        m_atRiskFraction = m_cache->teamSettings().atRiskFraction;
    reload();
}

const CatalogSet &QueueModel::catalogs() const
{
    return m_session ? m_session->catalogs() : *m_ownCatalogs;
}

QDateTime QueueModel::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

void QueueModel::setClock(const Clock *clock)
{
    m_clock = clock;
    m_nowMs = now().toMSecsSinceEpoch();
    recount();
    refilter();
}

void QueueModel::setAgentId(const QString &agentId)
{
    m_agentId = agentId;
    refreshCodes();
    recount();
    if (m_queue == MyTickets)
        refilter();
}

QString QueueModel::agentId() const
{
    if (!m_agentId.isEmpty() || !m_session)
        return m_agentId;
    const auto me = m_session->me();
    return me ? me->id : QString();
}

void QueueModel::setAtRiskFraction(double fraction)
{
    m_atRiskFraction = fraction;
    recount();
    if (m_queue == AtRisk)
        refilter();
    else if (rowCount() > 0)
        emit dataChanged(index(0, CountdownColumn), index(rowCount() - 1, CountdownColumn));
}

void QueueModel::setLanguage(Language language)
{
    m_language = language;
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    emit columnTextsChanged();
    if (m_sortColumn != CountdownColumn && m_sortColumn != UpdatedColumn
        && m_sortColumn != SubjectColumn)
        resort(); // names order differently in the other language
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

// --- loading ------------------------------------------------------------------------------

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

// The code of a word, or NoCode when no row can hold it (so a filter on it matches nothing).
template<typename Rows> static quint32 codeOf(const Rows &rows, const QString &value)
{
    if (value.isEmpty())
        return 0;
    const qsizetype i = rows.words.indexOf(value);
    return i < 0 ? NoCode : quint32(i);
}

void QueueModel::indexIds(const RowStore &rows, QVector<IdKey> *byId)
{
    byId->resize(rows.rows.size());
    for (int i = 0; i < int(rows.rows.size()); ++i)
        (*byId)[i] = { idHash(rows.rows.at(i).idText().view()), i };
    std::sort(byId->begin(), byId->end());
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

int QueueModel::storageOf(QByteArrayView id) const
{
    const IdKey key { idHash(id), -1 };
    for (auto it = std::lower_bound(m_byId.cbegin(), m_byId.cend(), key);
         it != m_byId.cend() && it->hash == key.hash; ++it) {
        if (m_rows.rows.at(it->storage).idText().view() == id)
            return it->storage;
    }
    return -1;
}

void QueueModel::noteTicketsChanged(const QStringList &ids)
{
    for (const QString &id : ids)
        m_changed.insert(id);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void QueueModel::applyGatheredChanges()
{
    m_coalesce.stop();
    if (m_preparing || m_changed.isEmpty())
        return; // merged once the rows being made are in (startPrepare())
    const QStringList ids(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    updateTickets(ids);
}

void QueueModel::updateTickets(const QStringList &ids)
{
    if (m_preparing) {
        noteTicketsChanged(ids); // the rows being made replace the current ones
        return;
    }
    if (!m_cache || !m_cache->isOpen() || ids.isEmpty())
        return;
    QueueRows fresh = m_cache->loadTicketRows(ids);
    const bool newWords = fresh.words.size() > m_rows.words.size();
    if (newWords) {
        m_rows.words = fresh.words;
        loadDirectory(); // a new customer or agent, most likely
        refreshCodes();
        // New words get ranks; names read since the last sort may reorder old ones, so the
        // shown order is sorted again (a layout change) before rows are placed by search.
        if (m_sortColumn == CountdownColumn || m_sortColumn == SubjectColumn
            || m_sortColumn == UpdatedColumn)
            rankWords();
        else
            resort();
    }
    // Only the changed rows are tested against the active search: the other rows' hits stand
    // (searching the whole cache again cost ~50 ms per merge for a two-character word at 100k).
    QSet<QString> searchHits;
    if (m_searchActive) {
        const QStringList found = m_cache->searchTickets(m_searchText, ids);
        searchHits = QSet<QString>(found.cbegin(), found.cend());
    }
    const bool incremental = ids.size() <= IncrementalLimit;
    m_watchFresh = false; // until the recount below

    QSet<QByteArray> seen;
    for (const TicketRow &fromCache : fresh.rows) {
        const Row row = m_rows.make(fromCache);
        seen.insert(fromCache.idUtf8().toByteArray());
        int s = storageOf(fromCache.idUtf8());
        const bool isNew = s < 0;
        int oldPos = -1;
        if (isNew) {
            s = int(m_rows.rows.size());
            const IdKey key { idHash(fromCache.idUtf8()), s };
            m_rows.rows.append(row);
            m_searchHits.resize(s + 1);
            m_onlyHits.resize(s + 1);
            m_gone.resize(s + 1);
            m_byId.insert(std::upper_bound(m_byId.begin(), m_byId.end(), key), key);
        } else {
            if (incremental)
                oldPos = orderPosition(s);
            if (m_gone.testBit(s)) {
                m_gone.clearBit(s);
                --m_removed;
            }
            m_rows.replace(s, row);
        }
        const QString id = m_rows.rows.at(s).id();
        if (m_searchActive)
            m_searchHits.setBit(s, searchHits.contains(id));
        if (m_onlyActive)
            m_onlyHits.setBit(s, m_onlyIds.contains(id));
        if (!incremental)
            continue;

        const bool shown = accepts(s);
        if (oldPos >= 0 && shown) {
            m_order.remove(oldPos);
            const int newPos = insertPosition(s);
            m_order.insert(oldPos, s);
            if (newPos == oldPos) {
                emit dataChanged(index(oldPos, 0), index(oldPos, ColumnCount - 1));
            } else {
                beginMoveRows(QModelIndex(), oldPos, oldPos, QModelIndex(),
                              newPos > oldPos ? newPos + 1 : newPos);
                m_order.remove(oldPos);
                m_order.insert(newPos, s);
                endMoveRows();
            }
        } else if (oldPos >= 0) {
            beginRemoveRows(QModelIndex(), oldPos, oldPos);
            m_order.remove(oldPos);
            endRemoveRows();
        } else if (shown) {
            const int newPos = insertPosition(s);
            beginInsertRows(QModelIndex(), newPos, newPos);
            m_order.insert(newPos, s);
            endInsertRows();
        }
    }
    // Asked for but not in the cache: the ticket is gone (a refused new ticket).
    for (const QString &id : ids) {
        const QByteArray key = id.toUtf8();
        if (seen.contains(key))
            continue;
        const int s = storageOf(key);
        if (s < 0 || m_gone.testBit(s))
            continue;
        if (incremental) {
            const int pos = orderPosition(s);
            if (pos >= 0) {
                beginRemoveRows(QModelIndex(), pos, pos);
                m_order.remove(pos);
                endRemoveRows();
            }
        }
        // The row stays (the lookup order holds its id), marked gone.
        m_gone.setBit(s);
        ++m_removed;
    }
    if (!incremental)
        refilter();
    // Here, between merges, rather than on a timer: the rows are settled and no paint is under
    // way; the copy is amortised over the merges that made the garbage.
    if (m_rows.wantsCompaction())
        m_rows.compact();
    scheduleRecount();
}

// --- filtering and sorting ----------------------------------------------------------------

// The codes of the words the queues test, so a row is judged with integer compares only.
void QueueModel::refreshCodes()
{
    m_codeResolved = codeOf(m_rows, TicketStatus::Resolved);
    m_codeClosed = codeOf(m_rows, TicketStatus::Closed);
    m_codeWaiting = codeOf(m_rows, TicketStatus::WaitingOnCustomer);
    const QString me = agentId();
    m_codeMe = me.isEmpty() ? NoCode : codeOf(m_rows, me);
    for (int f = 0; f < FilterCount; ++f)
        m_filterCodes[f] = codeOf(m_rows, m_filterValues[f]);
}

bool QueueModel::inQueue(const Row &row, Queue queue, qint64 nowMs) const
{
    const bool open = row.status != m_codeResolved && row.status != m_codeClosed;
    switch (queue) {
    case MyTickets:
        return open && row.assignee == m_codeMe;
    case Unassigned:
        return open && row.assignee == 0;
    case AtRisk:
    case Breached: {
        if (!open || row.firstResponseAtMs != 0 || row.dueAtMs == 0)
            return false;
        const SlaState state = ResponseClock::openState(
            ResponseClock::moments(row.createdAtMs, row.dueAtMs, m_atRiskFraction), nowMs);
        return state == (queue == Breached ? SlaState::Breached : SlaState::AtRisk);
    }
    case WaitingOnCustomer:
        return row.status == m_codeWaiting;
    case AllOpen:
        return open;
    case RecentlyClosed:
        return !open && nowMs - row.updatedAtMs <= RecentlyClosedMs;
    case QueueCount:
        break;
    }
    return false;
}

bool QueueModel::accepts(int s) const
{
    if (m_gone.testBit(s))
        return false;
    const Row &row = m_rows.rows.at(s);
    if (m_onlyActive)
        return m_onlyHits.testBit(s);
    if (!inQueue(row, m_queue, m_nowMs))
        return false;
    const quint32 values[FilterCount] = { row.edition, row.severity, row.channel, row.status };
    for (int f = 0; f < FilterCount; ++f) {
        if (!m_filterValues[f].isEmpty() && values[f] != m_filterCodes[f])
            return false;
    }
    return !m_searchActive || m_searchHits.testBit(s);
}

// The stored key of a row in the sort column, as a number where one serves.
bool QueueModel::lessThan(int a, int b) const
{
    if (m_sortOrder == Qt::DescendingOrder)
        std::swap(a, b);
    const Row &x = m_rows.rows.at(a);
    const Row &y = m_rows.rows.at(b);
    const auto rank = [this](quint32 code) {
        return code < quint32(m_rank.size()) ? m_rank.at(code) : int(code);
    };
    int c = 0;
    switch (m_sortColumn) {
    case CountdownColumn: {
        // Unanswered first, by deadline; answered after, by deadline too.
        const bool ax = x.firstResponseAtMs != 0;
        const bool ay = y.firstResponseAtMs != 0;
        if (ax != ay)
            return !ax;
        if (x.dueAtMs != y.dueAtMs)
            return x.dueAtMs < y.dueAtMs;
        break;
    }
    case EditionColumn:
        c = rank(x.edition) - rank(y.edition);
        break;
    case SeverityColumn:
        c = rank(x.severity) - rank(y.severity);
        break;
    case CustomerColumn:
        c = rank(x.customer) - rank(y.customer);
        if (c == 0)
            c = int(x.subClient) - int(y.subClient);
        break;
    case ChannelColumn:
        c = rank(x.channel) - rank(y.channel);
        break;
    case AssigneeColumn:
        c = rank(x.assignee) - rank(y.assignee);
        break;
    case StatusColumn:
        c = rank(x.status) - rank(y.status);
        break;
    case SubjectColumn:
        c = x.subjectUtf8().compare(y.subjectUtf8(), Qt::CaseInsensitive);
        break;
    case UpdatedColumn:
        if (x.updatedAtMs != y.updatedAtMs)
            return x.updatedAtMs < y.updatedAtMs;
        break;
    }
    if (c != 0)
        return c < 0;
    if (m_sortColumn != CountdownColumn && x.dueAtMs != y.dueAtMs)
        return x.dueAtMs < y.dueAtMs;
    // Ties in a stable, visible order: by id (a number would do, but new tickets have none).
    const int byId = x.idText().view().compare(y.idText().view());
    return byId != 0 ? byId < 0 : a < b;
}

void QueueModel::sortOrder(QVector<int> *order) const
{
    if (m_sortColumn != CountdownColumn) {
        std::sort(order->begin(), order->end(), [this](int a, int b) { return lessThan(a, b); });
        return;
    }
    // The default order, and the one re-sorted most: by a key packed next to the index, so the
    // sort reads one array instead of two rows per comparison (100k rows: 35 -> ~10 ms); ties
    // go to lessThan().
    struct Keyed
    {
        qint64 key;
        int storage;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(order->size());
    for (int s : std::as_const(*order)) {
        const Row &row = m_rows.rows.at(s);
        // Unanswered first, then by deadline; |dueAtMs| stays far below 2^61 for any date.
        const qint64 key = (row.firstResponseAtMs != 0 ? Q_INT64_C(1) << 62 : 0) + row.dueAtMs;
        keyed.push_back({ key, s });
    }
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::sort(keyed.begin(), keyed.end(), [this, descending](const Keyed &a, const Keyed &b) {
        if (a.key != b.key)
            return descending ? b.key < a.key : a.key < b.key;
        return lessThan(a.storage, b.storage);
    });
    for (qsizetype i = 0; i < qsizetype(keyed.size()); ++i)
        (*order)[i] = keyed[i].storage;
}

int QueueModel::orderPosition(int storage) const
{
    const auto it = std::lower_bound(m_order.cbegin(), m_order.cend(), storage,
                                     [this](int a, int b) { return lessThan(a, b); });
    if (it != m_order.cend() && *it == storage)
        return int(it - m_order.cbegin());
    // Not where its keys say: not shown, or shown under keys that changed since the last sort
    // (a name read anew). A scan of the shown rows settles it either way.
    const auto found = std::find(m_order.cbegin(), m_order.cend(), storage);
    return found == m_order.cend() ? -1 : int(found - m_order.cbegin());
}

int QueueModel::insertPosition(int storage) const
{
    const auto it = std::lower_bound(m_order.cbegin(), m_order.cend(), storage,
                                     [this](int a, int b) { return lessThan(a, b); });
    return int(it - m_order.cbegin());
}

// Orders the word codes of the sort column by what the column shows, so rows compare as ints.
void QueueModel::rankWords()
{
    const auto &words = m_rows.words;
    m_rank.resize(words.size());
    QVector<int> codes(words.size());
    std::iota(codes.begin(), codes.end(), 0);
    QVector<QString> keys(words.size());
    QVector<int> numeric(words.size(), 0);
    bool useNumeric = false;
    for (int code = 0; code < int(words.size()); ++code) {
        const QString &w = words.at(code);
        switch (m_sortColumn) {
        case EditionColumn: {
            // Plan, then the catalog's rank (highest edition first); unknown last.
            int key = 1 << 20;
            int planIndex = 0;
            for (const PlanCatalog &plan : catalogs().plans()) {
                if (const Edition *e = plan.edition(w)) {
                    key = planIndex * 1000 + e->rank;
                    break;
                }
                ++planIndex;
            }
            numeric[code] = key;
            useNumeric = true;
            break;
        }
        case SeverityColumn: {
            int key = 1 << 20;
            for (const PlanCatalog &plan : catalogs().plans()) {
                const int r = plan.severityRank(w);
                if (r >= 0)
                    key = std::min(key, r);
            }
            numeric[code] = key;
            useNumeric = true;
            break;
        }
        case CustomerColumn:
            keys[code] = m_customerNames.value(w, w);
            break;
        case ChannelColumn: {
            keys[code] = w;
            for (const PlanCatalog &plan : catalogs().plans()) {
                if (const Channel *ch = plan.channel(w)) {
                    keys[code] = ch->names.text(m_language);
                    break;
                }
            }
            break;
        }
        case AssigneeColumn:
            keys[code] = w.isEmpty() ? QString() : m_agentNames.value(w, w);
            break;
        case StatusColumn:
            keys[code] = statusName(w);
            break;
        default:
            break;
        }
    }
    if (useNumeric) {
        std::stable_sort(codes.begin(), codes.end(),
                         [&numeric](int a, int b) { return numeric[a] < numeric[b]; });
    } else {
        QCollator collator(m_language == Language::Chinese ? QLocale(QLocale::Chinese)
                                                           : QLocale(QLocale::English));
        collator.setCaseSensitivity(Qt::CaseInsensitive);
        std::stable_sort(codes.begin(), codes.end(), [&](int a, int b) {
            // The empty value (unassigned, no customer) sorts last.
            if (keys[a].isEmpty() != keys[b].isEmpty())
                return keys[b].isEmpty();
            return collator.compare(keys[a], keys[b]) < 0;
        });
    }
    for (int i = 0; i < int(codes.size()); ++i)
        m_rank[codes[i]] = i;
}

void QueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    resort();
}

void QueueModel::resort()
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList persistent = persistentIndexList();
    QVector<int> storage;
    storage.reserve(persistent.size());
    for (const QModelIndex &i : persistent)
        storage.append(m_order.at(i.row()));
    rankWords();
    sortOrder(&m_order);
    QHash<int, int> positionOf;
    if (!persistent.isEmpty()) {
        positionOf.reserve(persistent.size());
        QSet<int> wanted(storage.cbegin(), storage.cend());
        for (int r = 0; r < int(m_order.size()); ++r) {
            if (wanted.contains(m_order.at(r)))
                positionOf.insert(m_order.at(r), r);
        }
    }
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (int i = 0; i < int(persistent.size()); ++i)
        moved.append(index(positionOf.value(storage.at(i)), persistent.at(i).column()));
    changePersistentIndexList(persistent, moved);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void QueueModel::refilter()
{
    beginResetModel();
    m_order.clear();
    if (!m_onlyActive && (m_queue == AtRisk || m_queue == Breached) && m_watchFresh) {
        // Only unanswered open tickets can be in these: no pass over the whole cache.
        for (const int s : std::as_const(m_watch)) {
            if (accepts(s))
                m_order.append(s);
        }
    } else {
        for (int s = 0; s < int(m_rows.rows.size()); ++s) {
            if (accepts(s))
                m_order.append(s);
        }
    }
    sortOrder(&m_order);
    endResetModel();
}

void QueueModel::setQueue(Queue queue)
{
    if (queue < 0 || queue >= QueueCount)
        return;
    const bool wasOnly = m_onlyActive;
    m_onlyActive = false;
    if (queue == m_queue && !wasOnly)
        return;
    m_queue = queue;
    m_nowMs = now().toMSecsSinceEpoch();
    refilter();
}

void QueueModel::setFilter(Filter filter, const QString &value)
{
    if (m_filterValues[filter] == value)
        return;
    m_filterValues[filter] = value;
    m_filterCodes[filter] = codeOf(m_rows, value);
    refilter();
}

void QueueModel::setEditionFilter(const QString &editionId)
{
    setFilter(FilterEdition, editionId);
}
void QueueModel::setSeverityFilter(const QString &severityId)
{
    setFilter(FilterSeverity, severityId);
}
void QueueModel::setChannelFilter(const QString &channelId)
{
    setFilter(FilterChannel, channelId);
}
void QueueModel::setStatusFilter(const QString &status)
{
    setFilter(FilterStatus, status);
}

void QueueModel::setSearchText(const QString &text)
{
    const QString trimmed = text.simplified();
    m_searchText = trimmed;
    m_searchActive = !trimmed.isEmpty();
    m_searchHits.fill(false, m_rows.rows.size());
    int matches = 0;
    if (m_searchActive && m_cache && m_cache->isOpen()) {
        const QStringList found = m_cache->searchTickets(trimmed, 1000000);
        for (const QString &id : found) {
            const int s = storageOf(id.toUtf8());
            if (s >= 0) {
                m_searchHits.setBit(s);
                ++matches;
            }
        }
    }
    refilter();
    emit searchFinished(matches);
}

void QueueModel::showOnly(const QStringList &ticketIds)
{
    m_onlyIds = QSet<QString>(ticketIds.cbegin(), ticketIds.cend());
    m_onlyActive = true;
    m_onlyHits.fill(false, m_rows.rows.size());
    for (const QString &id : ticketIds) {
        const int s = storageOf(id.toUtf8());
        if (s >= 0)
            m_onlyHits.setBit(s);
    }
    refilter();
}

void QueueModel::clearShownTickets()
{
    if (!m_onlyActive)
        return;
    m_onlyActive = false;
    m_onlyIds.clear();
    refilter();
}

// --- counts -------------------------------------------------------------------------------

void QueueModel::scheduleRecount()
{
    if (!m_recount.isActive())
        m_recount.start();
}

// After tickets changed: the counts that only data changes move, and the sorted times at which
// tickets enter At risk and Breached (and leave Recently closed), so that time alone is
// counted by binary search, not by another pass over every row.
void QueueModel::recount()
{
    m_recount.stop();
    int counts[QueueCount] = {};
    const double fraction = m_atRiskFraction;
    m_dueTimes.clear();
    m_riskTimes.clear();
    m_closedTimes.clear();
    m_watch.clear();
    for (int s = 0; s < int(m_rows.rows.size()); ++s) {
        if (m_gone.testBit(s))
            continue;
        const Row &row = m_rows.rows.at(s);
        const bool open = row.status != m_codeResolved && row.status != m_codeClosed;
        if (!open) {
            m_closedTimes.append(row.updatedAtMs);
            continue;
        }
        ++counts[AllOpen];
        if (row.assignee == 0)
            ++counts[Unassigned];
        else if (row.assignee == m_codeMe)
            ++counts[MyTickets];
        if (row.status == m_codeWaiting)
            ++counts[WaitingOnCustomer];
        if (row.firstResponseAtMs != 0 || row.dueAtMs == 0)
            continue;
        const SlaMoments moments
            = ResponseClock::moments(row.createdAtMs, row.dueAtMs, fraction);
        m_dueTimes.append(moments.breachedAtMs);
        m_riskTimes.append(moments.atRiskAtMs);
        m_watch.append(s);
    }
    std::sort(m_dueTimes.begin(), m_dueTimes.end());
    std::sort(m_riskTimes.begin(), m_riskTimes.end());
    std::sort(m_closedTimes.begin(), m_closedTimes.end());
    m_watchFresh = true;
    std::copy(std::begin(counts), std::end(counts), std::begin(m_staticCounts));
    countTimeDependent();
}

void QueueModel::countTimeDependent()
{
    const qint64 nowMs = now().toMSecsSinceEpoch();
    int counts[QueueCount];
    std::copy(std::begin(m_staticCounts), std::end(m_staticCounts), std::begin(counts));
    const auto upTo = [nowMs](const QVector<qint64> &times) {
        return std::upper_bound(times.cbegin(), times.cend(), nowMs) - times.cbegin();
    };
    // Breached: due ≤ now. At risk: risk time ≤ now < due (every breached one has passed its
    // risk time too).
    const qsizetype breached = upTo(m_dueTimes);
    counts[Breached] = int(breached);
    counts[AtRisk] = int(upTo(m_riskTimes) - breached);
    counts[RecentlyClosed] = int(
        m_closedTimes.cend()
        - std::lower_bound(m_closedTimes.cbegin(), m_closedTimes.cend(), nowMs - RecentlyClosedMs));
    qint64 next = std::numeric_limits<qint64>::max();
    if (breached < m_dueTimes.size())
        next = m_dueTimes.at(breached);
    const auto risk = std::upper_bound(m_riskTimes.cbegin(), m_riskTimes.cend(), nowMs);
    if (risk != m_riskTimes.cend())
        next = std::min(next, *risk);
    const bool changed = !std::equal(std::begin(counts), std::end(counts), std::begin(m_counts));
    std::copy(std::begin(counts), std::end(counts), std::begin(m_counts));
    m_nextTransition = next == std::numeric_limits<qint64>::max()
        ? QDateTime()
        : QDateTime::fromMSecsSinceEpoch(next, Qt::UTC);
    // At least once a minute: the recently-closed window moves too.
    m_transition.start(int(std::clamp<qint64>(next - nowMs + 20, 20, 60 * 1000)));
    if (changed)
        emit countsChanged();
}

void QueueModel::refreshTimeDependent()
{
    m_nowMs = now().toMSecsSinceEpoch();
    if (m_recount.isActive() || !m_watchFresh)
        recount();
    else
        countTimeDependent();
    if (!m_onlyActive && (m_queue == AtRisk || m_queue == Breached || m_queue == RecentlyClosed))
        refilter();
}

QString QueueModel::queueName(Queue queue)
{
    switch (queue) {
    case MyTickets:
        return tr("My tickets");
    case Unassigned:
        return tr("Unassigned");
    //: queue of open tickets close to their response target
    case AtRisk:
        return tr("At risk");
    //: queue of open tickets past their response target
    case Breached:
        return tr("Breached");
    case WaitingOnCustomer:
        return tr("Waiting on customer");
    case AllOpen:
        return tr("All open");
    case RecentlyClosed:
        return tr("Recently closed");
    case QueueCount:
        break;
    }
    return {};
}

// --- data ---------------------------------------------------------------------------------

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int QueueModel::rowOfTicket(const QString &ticketId) const
{
    const int s = storageOf(ticketId.toUtf8());
    return s < 0 ? -1 : orderPosition(s);
}

QString QueueModel::ticketId(int row) const
{
    return row >= 0 && row < int(m_order.size()) ? m_rows.rows.at(m_order.at(row)).id() : QString();
}

void QueueModel::tickCountdown(int first, int last)
{
    m_nowMs = now().toMSecsSinceEpoch();
    first = std::max(first, 0);
    last = std::min(last, rowCount() - 1);
    if (first > last)
        return;
    emit dataChanged(
        index(first, CountdownColumn), index(last, CountdownColumn),
        { Qt::DisplayRole, Qt::ToolTipRole, QueueRole::SlaStateRole, QueueRole::TargetUsed });
}

const PlanCatalog *QueueModel::planOf(const Row &row) const
{
    return catalogs().plan(m_rows.word(row.plan));
}

const Edition *QueueModel::editionOf(const Row &row) const
{
    const PlanCatalog *plan = planOf(row);
    return plan ? plan->edition(m_rows.word(row.edition)) : nullptr;
}

SlaStatus QueueModel::slaOf(const Row &row) const
{
    const auto time
        = [](qint64 ms) { return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime(); };
    ResponseTimes times { time(row.createdAtMs), time(row.dueAtMs), time(row.firstResponseAtMs) };
    return ResponseClock::status(times, QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC),
                                 m_atRiskFraction);
}

// The badge: the edition's code (S1, STD), as on the lead board; the name is in the tooltip
// and in every sentence.
QString QueueModel::badgeText(const Row &row) const
{
    const Edition *e = editionOf(row);
    if (!e)
        return m_rows.word(row.edition).isEmpty() ? QString() : QStringLiteral("?");
    return e->code;
}

QStringList QueueModel::badgeTexts() const
{
    QStringList texts;
    for (const PlanCatalog &plan : catalogs().plans()) {
        for (const Edition &e : plan.editions())
            texts.append(e.code);
    }
    return texts;
}

QStringList QueueModel::columnTexts(int column) const
{
    QStringList texts;
    switch (column) {
    case SeverityColumn:
    case ChannelColumn:
        for (const PlanCatalog &plan : catalogs().plans()) {
            if (column == SeverityColumn) {
                for (const Severity &s : plan.severities())
                    texts.append(s.names.text(m_language));
            } else {
                for (const Channel &c : plan.channels())
                    texts.append(c.names.text(m_language));
            }
        }
        break;
    case StatusColumn:
        for (const QString &status : TicketStatus::all())
            texts.append(statusName(status));
        break;
    case AssigneeColumn:
        texts = m_agentNames.values();
        texts.append(tr("—"));
        break;
    case CustomerColumn: {
        texts = m_customerNames.values();
        // A partner's tickets name the sub-client too: each pair the rows hold, once (one
        // pass of integer compares; it runs when names change, not per sync).
        QSet<quint64> pairs;
        for (const Row &row : m_rows.rows) {
            if (row.subClient)
                pairs.insert(quint64(row.customer) << 32 | row.subClient);
        }
        for (const quint64 pair : std::as_const(pairs)) {
            Row row;
            row.customer = quint32(pair >> 32);
            row.subClient = quint32(pair);
            texts.append(customerText(row));
        }
        break;
    }
    default:
        break;
    }
    return texts;
}

QString QueueModel::statusName(const QString &status) const
{
    if (status == TicketStatus::New)
        //: ticket status
        return tr("New");
    if (status == TicketStatus::Accepted)
        //: ticket status: taken in (受理) by an agent
        return tr("Accepted");
    if (status == TicketStatus::WaitingOnCustomer)
        //: ticket status
        return tr("Waiting on customer");
    if (status == TicketStatus::Resolved)
        //: ticket status
        return tr("Resolved");
    if (status == TicketStatus::Closed)
        //: ticket status
        return tr("Closed");
    return status;
}

QString QueueModel::customerText(const Row &row) const
{
    const QString &id = m_rows.word(row.customer);
    const QString name = m_customerNames.value(id, id);
    const QString &sub = m_rows.word(row.subClient);
    //: customer and the partner's sub-client account, e.g. "Globex Partners › 100234"
    return sub.isEmpty() ? name : tr("%1 › %2").arg(name, sub);
}

QVariant QueueModel::display(const Row &row, int column) const
{
    switch (column) {
    case EditionColumn:
        return badgeText(row);
    case SeverityColumn: {
        const QString &id = m_rows.word(row.severity);
        const PlanCatalog *plan = planOf(row);
        const Severity *sev = plan ? plan->severity(id) : nullptr;
        return sev ? sev->names.text(m_language) : id;
    }
    case CountdownColumn:
        if (row.dueAtMs == 0)
            //: countdown column: the plan sets no response target for this ticket
            return tr("no target");
        return TimeFormat::countdown(slaOf(row));
    case SubjectColumn:
        return row.subject();
    case CustomerColumn:
        return customerText(row);
    case ChannelColumn: {
        const QString &id = m_rows.word(row.channel);
        const PlanCatalog *plan = planOf(row);
        const Channel *ch = plan ? plan->channel(id) : nullptr;
        return ch ? ch->names.text(m_language) : id;
    }
    case AssigneeColumn: {
        const QString &id = m_rows.word(row.assignee);
        if (id.isEmpty())
            //: assignee column of a ticket nobody has
            return tr("—");
        return m_agentNames.value(id, id);
    }
    case StatusColumn:
        return statusName(m_rows.word(row.status));
    case UpdatedColumn: {
        if (!row.updatedAtMs)
            return QString();
        // Today: the time; before: the date (in the display zone).
        return TimeFormat::timeOrDate(QDateTime::fromMSecsSinceEpoch(row.updatedAtMs, Qt::UTC),
                                      QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC));
    }
    }
    return {};
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.rows.at(m_order.at(index.row()));
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case QueueRole::TicketId:
        return row.id();
    case QueueRole::DeadlineMs:
        return row.dueAtMs;
    case Qt::ToolTipRole:
        if (column == EditionColumn) {
            const PlanCatalog *plan = planOf(row);
            const Edition *e = editionOf(row);
            if (!plan || !e)
                return tr("Unknown edition: %1").arg(m_rows.word(row.edition));
            //: badge tooltip: plan name, edition name, e.g. "Service Plan — Flagship"
            return tr("%1 — %2").arg(plan->names().text(m_language), e->names.text(m_language));
        }
        if (column == CountdownColumn && row.dueAtMs != 0)
            return TimeFormat::countdownWords(slaOf(row));
        if (column == SubjectColumn || column == CustomerColumn)
            return display(row, column);
        return {};
    case QueueRole::SlaStateRole:
        if (column != CountdownColumn || row.dueAtMs == 0)
            return {};
        return int(slaOf(row).state);
    case QueueRole::TargetUsed:
        if (column != CountdownColumn || row.dueAtMs == 0)
            return {};
        return slaOf(row).targetUsed;
    case QueueRole::BadgeColor: {
        if (column != EditionColumn)
            return {};
        const Edition *e = editionOf(row);
        return e ? QColor(e->badgeColor) : QColor(Qt::gray);
    }
    case QueueRole::BadgeText:
        return column == EditionColumn ? QVariant(badgeText(row)) : QVariant();
    case Qt::TextAlignmentRole:
        if (column == CountdownColumn || column == EditionColumn)
            return int(Qt::AlignCenter);
        return {};
    case Qt::FontRole:
        if (row.pending && column == SubjectColumn) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    return {};
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    //: queue column: the customer's support-plan edition
    case EditionColumn:
        return tr("Edition");
    //: queue column
    case SeverityColumn:
        return tr("Severity");
    //: queue column: time left to the response target
    case CountdownColumn:
        return tr("Time left");
    case SubjectColumn:
        return tr("Subject");
    case CustomerColumn:
        return tr("Customer");
    //: queue column: how the customer reached us (ticket, hotline, IM)
    case ChannelColumn:
        return tr("Channel");
    case AssigneeColumn:
        return tr("Assignee");
    case StatusColumn:
        return tr("Status");
    //: queue column: time of the ticket's last change
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

} // namespace SupportDesk
