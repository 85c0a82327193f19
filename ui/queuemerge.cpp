// Merging changed tickets into the queue row by row, so selections and scroll position survive.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "changedrows.h"
#include "desksession.h"
#include "ticketindex.h"


#include <algorithm>

namespace SupportDesk {

using namespace QueueModelDetail;

void QueueModel::noteTicketsChanged(const QStringList &ids)
{
    for (const QString &id : ids)
        m_changed.insert(id);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void QueueModel::readGatheredChanges()
{
    if (m_preparing || m_changed.isEmpty())
        return; // merged once the rows being made are in (startPrepare())
    if (!m_readingIds.isEmpty())
        return; // one read at a time: these are read when it is merged
    if (!m_cache || !m_cache->isOpen() || m_cache->path().isEmpty()) {
        applyGatheredChanges();
        return;
    }
    m_readingIds = QStringList(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    if (!m_changeReader) {
        m_changeReader = std::make_unique<ChangeReader>(
                [this](const std::shared_ptr<ChangeRead> &read) {
                    // Queued to the GUI thread; the reader is joined before the model goes,
                    // and a queued call to a deleted context object is dropped.
                    QMetaObject::invokeMethod(
                            this, [this, read] { applyChangeRead(read); },
                            Qt::QueuedConnection);
                });
    }
    m_changeReader->request(++m_readGeneration, m_cache->path(), m_readingIds,
                            m_searchActive ? m_searchText : QString());
}

void QueueModel::applyChangeRead(const std::shared_ptr<ChangeRead> &read)
{
    if (read->generation != m_readGeneration || m_readingIds.isEmpty()) {
        ++m_changeReadsOvertaken; // a merge or a reset took its ids (and gathered them again)
        return;
    }
    m_readingIds.clear();
    if (!read->ok) {
        updateTickets(read->ids); // the reader could not read the file: read them here
    } else if (m_cache && m_cache->isOpen()) {
        // Hits of the search shown only: another search was typed meanwhile, or ended.
        const bool searched = m_searchActive && read->searchText == m_searchText;
        mergeRows(read->ids, read->rows, searched ? &read->searchHits : nullptr, &read->tags,
                  IndexTakes);
    }
    if (!m_changed.isEmpty() && !m_coalesce.isActive())
        m_coalesce.start();
}

void QueueModel::mergeChangedRows(const std::shared_ptr<const ChangedRows> &read)
{
    if (!m_cache || !m_cache->isOpen())
        return;
    if (m_preparing) {
        noteTicketsChanged(read->ids); // merged once the rows being made are in
        return;
    }
    // A read of the queue's own under way (gathered during a reset) may be older than these
    // rows: it is read again rather than merged over them.
    dropChangeRead();
    const bool searched = m_searchActive && read->searchText == m_searchText;
    mergeRows(read->ids, read->rows, searched ? &read->searchHits : nullptr, &read->tags,
              IndexTook);
}

void QueueModel::dropChangeRead()
{
    if (m_readingIds.isEmpty())
        return;
    ++m_readGeneration;
    for (const QString &id : std::as_const(m_readingIds))
        m_changed.insert(id);
    m_readingIds.clear();
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void QueueModel::waitForChangeReads()
{
    if (m_changeReader)
        m_changeReader->waitIdle();
}

void QueueModel::applyGatheredChanges()
{
    // Over a session the session's read of the changes is also the index's: it is finished
    // here, and comes back merged through mergeChangedRows().
    if (m_session)
        m_session->changedRows()->flush();
    m_coalesce.stop();
    if (m_preparing)
        return; // merged once the rows being made are in (startPrepare())
    dropChangeRead(); // read again, here and now
    m_coalesce.stop();
    if (m_changed.isEmpty())
        return;
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
    // A read under way may be older than the rows read now: it must not land after them.
    dropChangeRead();
    const QueueRows fresh = m_cache->loadTicketRows(ids);
    const QHash<QString, QStringList> tags = m_cache->ticketTags(ids);
    m_changedRowsReadHere += ids.size();
    mergeRows(ids, fresh, nullptr, &tags, IndexTakes);
}

void QueueModel::readTicketsNotHeld(const QStringList &ids)
{
    QStringList missing;
    for (const QString &id : ids) {
        if (storageOf(id.toUtf8()) < 0)
            missing.append(id);
    }
    if (!missing.isEmpty())
        updateTickets(missing);
}

void QueueModel::aboutToApply(const QStringList &ids)
{
    if (m_replacingRows)
        return; // the rows are being replaced: nothing is placed by their old facts
    const EntrySource live = liveFacts();
    const TicketIndex *index = ticketIndex();
    for (const QString &id : ids) {
        const QByteArray utf8 = id.toUtf8();
        // The rows being made are ordered and counted by the entries of now: the first
        // change of each keeps them for those rows (m_preparedOverlay).
        if (m_preparing && !m_preparedOverlay.contains(id)) {
            const qsizetype at = index->indexOfUtf8(utf8);
            if (at >= 0)
                m_preparedOverlay.insert(id, index->entryAt(at));
        }
        const int s = storageOf(utf8);
        if (s < 0 || (s < m_gone.size() && m_gone.testBit(s)) || m_overlay.contains(s))
            continue;
        noteTallied(s); // its part as counted, read before the entry changes
        if (const TicketIndexEntry *e = live.at(s, m_rows.rows.at(s)))
            m_overlay.insert(s, *e);
    }
}

void QueueModel::takeWords(const QVector<QString> &words)
{
    m_rows.words = words;
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

bool QueueModel::extendsWords(const QVector<QString> &words) const
{
    return words.size() > m_rows.words.size()
            && std::equal(m_rows.words.cbegin(), m_rows.words.cend(), words.cbegin());
}

void QueueModel::holdPreparedOverlay()
{
    for (auto it = m_preparedOverlay.cbegin(); it != m_preparedOverlay.cend(); ++it) {
        const int s = storageOf(it.key().toUtf8());
        if (s < 0)
            continue; // new since: not in these rows
        m_overlay.insert(s, it.value());
        m_heldOverlay.insert(s);
    }
    m_preparedOverlay.clear();
}

void QueueModel::mergeRows(const QStringList &ids, const QueueRows &fresh,
                           const QStringList *searchHits, const QHash<QString, QStringList> *tags,
                           IndexRows indexRows)
{
    // The index takes the rows first, as the session's takes a feed's before the queue merges
    // them (ChangedRowsFeed): each merged row refers to its ticket's entry. Rows the queue read
    // alone (updateTickets(): a ticket asked for that it does not hold, one written without a
    // signal yet) go to the session's index too, or the row would have no entry, or an older
    // one, while the queue shows it.
    if (indexRows == IndexTakes)
        ticketIndex()->applyRows(ids, fresh);
    const TicketIndex *facts = ticketIndex();
    if (tags)
        mergeTags(ids, *tags);
    else
        refreshTags();
    m_subClientPairs.reset(); // the rows may hold new pairs
    if (fresh.words.size() > m_rows.words.size())
        takeWords(fresh.words);
    // Only the changed rows are tested against the active search: the other rows' hits stand
    // (searching the whole cache again cost ~50 ms per merge for a two-character word at 100k).
    QSet<QString> hitIds;
    if (m_searchActive) {
        const QStringList found = searchHits ? *searchHits
                                             : m_cache->searchTickets(m_searchText, ids);
        hitIds = QSet<QString>(found.cbegin(), found.cend());
    }
    const bool incremental = ids.size() <= IncrementalLimit;
    m_watchFresh = false; // until the recount below

    QSet<QByteArray> seen;
    for (const TicketRow &fromCache : fresh.rows) {
        // The index took every row above (or the feed's before this merge), so a ticket it
        // does not hold is one no view of it shows: gone here too (the loop below), never a
        // row without facts. Only an index that has not read takes no row: a queue made over
        // a session before its cache was opened (the program opens it first, app/main.cpp).
        const qsizetype entry = facts->indexOfUtf8(fromCache.idUtf8());
        if (entry < 0)
            continue;
        Row row = m_rows.make(fromCache);
        row.entry = quint32(entry);
        seen.insert(fromCache.idUtf8().toByteArray());
        int s = storageOf(fromCache.idUtf8());
        const bool isNew = s < 0;
        int oldPos = -1;
        if (isNew) {
            s = int(m_rows.rows.size());
            noteTallied(s);
            const IdKey key { idHash(fromCache.idUtf8()), s };
            m_rows.rows.append(row);
            m_searchHits.resize(s + 1);
            m_onlyHits.resize(s + 1);
            m_gone.resize(s + 1);
            m_byId.insert(std::upper_bound(m_byId.begin(), m_byId.end(), key), key);
            m_idCheck.append(idCheck(fromCache.idUtf8()));
        } else {
            // A gone ticket back (its row is not shown, and has no entry to be found by).
            if (incremental && !m_gone.testBit(s))
                oldPos = orderPosition(s);
            noteTallied(s);
            if (m_gone.testBit(s)) {
                m_gone.clearBit(s);
                --m_removed;
            }
            m_rows.replace(s, row);
            m_overlay.remove(s); // placed from here on by the index's facts of now
            m_heldOverlay.remove(s);
        }
        const QString id = m_rows.rows.at(s).id();
        if (m_searchActive) {
            m_searchHits.setBit(s, hitIds.contains(id));
            if (m_searchPending)
                m_mergedWhileSearching.insert(s);
        }
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
    // Asked for but not in the cache, or not in the index: the ticket is gone (a refused new
    // ticket). The rows read are the ids' (fresh.rows holds no other ticket).
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
        noteTallied(s);
        m_overlay.remove(s);
        m_heldOverlay.remove(s);
        m_gone.setBit(s);
        ++m_removed;
    }
    // Every merged row is placed; the rows of changes made during a reset keep theirs until
    // their own merge (m_heldOverlay).
    if (m_heldOverlay.isEmpty()) {
        m_overlay.clear();
    } else {
        for (auto it = m_overlay.begin(); it != m_overlay.end();)
            it = m_heldOverlay.contains(it.key()) ? std::next(it) : m_overlay.erase(it);
    }
    if (!incremental)
        refilter();
    // Here, between merges, rather than on a timer: the rows are settled and no paint is under
    // way; the copy is amortised over the merges that made the garbage.
    if (m_rows.wantsCompaction())
        m_rows.compact();
    scheduleRecount();
}

} // namespace SupportDesk
