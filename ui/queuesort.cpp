// The queue's order: stored sort keys, word ranks by collation, and placing a row in the order.
#include "queuemodel.h"
#include "queuemodel_p.h"
#include "recordnames.h"

#include <QCollator>

#include <algorithm>
#include <numeric>

namespace SupportDesk {

using namespace QueueModelDetail;

// The stored key of a row in the sort column, as a number where one serves.
bool QueueModel::lessThan(const RowStore &rows, const SortKeys &keys, int a, int b)
{
    if (keys.order == Qt::DescendingOrder)
        std::swap(a, b);
    const Row &x = rows.rows.at(a);
    const Row &y = rows.rows.at(b);
    const Facts fx = keys.facts.of(a, x);
    const Facts fy = keys.facts.of(b, y);
    const Times tx = timesOf(fx.entry);
    const Times ty = timesOf(fy.entry);
    const auto rank = [&keys](quint32 code) {
        return keys.rank && code < quint32(keys.rank->size()) ? keys.rank->at(code) : int(code);
    };
    int c = 0;
    switch (keys.column) {
    case CountdownColumn: {
        // Unanswered first, by deadline; answered after, by deadline too.
        const bool ax = tx.firstResponseMs != 0;
        const bool ay = ty.firstResponseMs != 0;
        if (ax != ay)
            return !ax;
        if (tx.dueMs != ty.dueMs)
            return tx.dueMs < ty.dueMs;
        break;
    }
    case EditionColumn:
        c = rank(fx.edition) - rank(fy.edition);
        break;
    case SeverityColumn:
        c = rank(fx.severity) - rank(fy.severity);
        break;
    case CustomerColumn:
        c = rank(fx.customer) - rank(fy.customer);
        if (c == 0)
            c = int(x.subClient) - int(y.subClient);
        break;
    case ChannelColumn:
        c = rank(x.channel) - rank(y.channel);
        break;
    case AssigneeColumn:
        c = rank(fx.assignee) - rank(fy.assignee);
        break;
    case StatusColumn:
        c = rank(fx.status) - rank(fy.status);
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
    if (keys.column != CountdownColumn && tx.dueMs != ty.dueMs)
        return tx.dueMs < ty.dueMs;
    // Ties in a stable, visible order: by id (a number would do, but new tickets have none).
    const int byId = x.idText().view().compare(y.idText().view());
    return byId != 0 ? byId < 0 : a < b;
}

bool QueueModel::sortsByRank(int column)
{
    return column != CountdownColumn && column != SubjectColumn && column != UpdatedColumn;
}

void QueueModel::sortOrder(const RowStore &rows, const SortKeys &keys, QVector<int> *order)
{
    if (keys.column != CountdownColumn) {
        std::sort(order->begin(), order->end(),
                  [&](int a, int b) { return lessThan(rows, keys, a, b); });
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
        const Times t = timesOf(keys.facts.at(s, rows.rows.at(s)));
        // Unanswered first, then by deadline; |dueMs| stays far below 2^61 for any date.
        const qint64 key = (t.firstResponseMs != 0 ? Q_INT64_C(1) << 62 : 0) + t.dueMs;
        keyed.push_back({ key, s });
    }
    const bool descending = keys.order == Qt::DescendingOrder;
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed &a, const Keyed &b) {
        if (a.key != b.key)
            return descending ? b.key < a.key : a.key < b.key;
        return lessThan(rows, keys, a.storage, b.storage);
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
    m_rank = ranksOf(m_rows.words);
}

QVector<int> QueueModel::ranksOf(const QVector<QString> &words) const
{
    QVector<int> rank(words.size());
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
        rank[codes[i]] = i;
    return rank;
}

QueueModel::Sorting QueueModel::defaultSorting(Queue queue)
{
    // Deadlines say nothing once a ticket is closed: the agent looks for what closed last.
    if (queue == RecentlyClosed)
        return { UpdatedColumn, Qt::DescendingOrder };
    return { CountdownColumn, Qt::AscendingOrder };
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

} // namespace SupportDesk
