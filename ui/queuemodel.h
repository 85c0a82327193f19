// The agent's ticket queue: every cached ticket as a table row, filtered and sorted inside the
// model on stored keys (deadline, word codes), so a queue of a million tickets sorts and
// filters without a proxy and a countdown tick touches only the rows a view shows.
#pragma once

#include "clock.h"
#include "localizedtext.h"
#include "plancatalog.h"
#include "queuemoments.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "ticketidlist.h"
#include "ticketindex.h"

#include <QAbstractTableModel>
#include <QBitArray>
#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace SupportDesk {

namespace Presence {
class Board;
}

class DeskSession;
struct TicketIndexEntry;
class TicketIndex;
class ChangedRowsReader;
struct ChangedRows;
namespace QueueModelDetail {
class SearchRunner;
struct SearchHits;
// The queue's id index entry, 8 bytes a row; equal hashes are told apart by the id itself.
// Here, not in the model, so the search thread can hold a copy of the index.
struct IdKey
{
    quint32 hash;
    int storage;
    bool operator<(const IdKey &o) const
    {
        return hash != o.hash ? hash < o.hash : storage < o.storage;
    }
};
}

// The roles the queue's delegate and the main window read, beside Qt's own.
namespace QueueRole {
enum Role {
    TicketId = Qt::UserRole + 1, // QString
    SlaStateRole, // int (SlaState), countdown column
    TargetUsed, // double: share of the target elapsed, countdown column
    BadgeColor, // QColor, edition column
    BadgeText, // QString, edition column
    DeadlineMs, // qint64, stored deadline (sort key)
};
}

class QueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EditionColumn,
        SeverityColumn,
        CountdownColumn,
        SubjectColumn,
        CustomerColumn,
        ChannelColumn,
        AssigneeColumn,
        StatusColumn,
        UpdatedColumn,
        TagsColumn, // last: saved column layouts of older builds keep their places
        ColumnCount
    };
    Q_ENUM(Column)

    // The queues on the left of the main window, with live counts.
    enum Queue {
        MyTickets,
        Unassigned,
        AtRisk,
        Breached,
        WaitingOnCustomer,
        AllOpen,
        RecentlyClosed,
        QueueCount
    };
    Q_ENUM(Queue)

    // The program's queue over the session: its cache, clock, catalogs and signed-in agent;
    // follows session->ticketsChanged().
    explicit QueueModel(DeskSession *session, QObject *parent = nullptr);
    // A queue over a bare cache (tests, benchmarks).
    QueueModel(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
               QObject *parent = nullptr);
    ~QueueModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // A queue's own order until the agent picks another: most urgent first, and Recently
    // closed newest first (by the last change: the row holds no closing time).
    struct Sorting
    {
        int column = CountdownColumn;
        Qt::SortOrder order = Qt::AscendingOrder;
        bool operator==(const Sorting &o) const { return column == o.column && order == o.order; }
    };
    static Sorting defaultSorting(Queue queue);
    Sorting sorting() const { return { m_sortColumn, m_sortOrder }; }

    // Reads every ticket from the cache again (the first load, or after a large change).
    void reload();
    // A large cache's first load paints the first screen of open tickets first (an index
    // gives them in the default order) and reads the rest on a thread of its own, then takes
    // it in one reset (docs/queue.md "First screen first"). Meanwhile the rows and counts are
    // the first screen's and changes merge as usual; a search typed meanwhile runs again over
    // every row when the rest is in.
    bool isLoadingRest() const { return m_loadingRest; }
    // From how many rows (by TicketCache::queueRowsBound()) a model made from now on loads
    // so; the first screen's size. Tests lower them.
    static void setFirstScreenFrom(qint64 rows) { s_firstScreenFrom = rows; }
    static void setFirstScreenRows(int rows) { s_firstScreenRows = rows; }
    // Tickets changed in the cache: their rows are read again and moved, added or removed.
    void updateTickets(const QStringList &ids);
    // The same, gathered for a moment first: a sync's burst of pages becomes one update. The
    // gathered rows are read on a thread of their own (1,000 rows: ~10 ms of SQLite) and
    // merged here when they come; a merge or reset made meanwhile overtakes the read, whose
    // tickets are then read again.
    void noteTicketsChanged(const QStringList &ids);
    // Applies the changes gathered so far now, a read under way included (a ticket just
    // created is to be selected).
    void applyGatheredChanges();
    // The gathering's end (its timer's): the gathered ids are read on the change reader's
    // thread, then merged here. Tests call it to start the read at once.
    void readGatheredChanges();
    // A read of gathered changes is under way (tests).
    bool isReadingChanges() const { return !m_readingIds.isEmpty(); }
    // Until the reads of gathered changes asked for are read and on their way to this thread,
    // not yet merged (tests: a merge overtaking a read).
    void waitForChangeReads();
    // Rows of changed tickets read on this (the GUI) thread, in all (tests): gathered changes
    // are read off it.
    qsizetype changedRowsReadHere() const { return m_changedRowsReadHere; }
    // Reads of gathered changes dropped on arrival because a merge or reset overtook them.
    int changeReadsOvertaken() const { return m_changeReadsOvertaken; }
    // Reads of the customers' and agents' names (tests: over a session, only when the feed
    // brought some, DeskSession::directoryChanged, not at every idle).
    int directoryReads() const { return m_directoryReads; }

    // --- the queue and its filters; an empty id means "any" --------------------------------
    void setQueue(Queue queue);
    Queue queue() const { return m_queue; }
    void setEditionFilter(const QString &editionId);
    void setSeverityFilter(const QString &severityId);
    void setChannelFilter(const QString &channelId);
    void setStatusFilter(const QString &status);
    // Whether any ticket of the cache carries a tag.
    bool anyTagged() const;
    // Only tickets carrying every one of `tags` (normalised, core/tag.h); none: no filter.
    void setTagFilter(const QStringList &tags);
    QStringList tagFilter() const { return m_tagFilter; }
    QString editionFilter() const { return m_filterValues[FilterEdition]; }
    QString severityFilter() const { return m_filterValues[FilterSeverity]; }
    QString channelFilter() const { return m_filterValues[FilterChannel]; }
    QString statusFilter() const { return m_filterValues[FilterStatus]; }
    // Full-text search over subject, body and customer (TicketCache::searchTickets); empty
    // text ends the search. The search runs on a thread of its own (a word of one or two
    // characters is a scan of every row: ~150 ms at 100k tickets); its hits are applied when
    // it ends, and searchFinished() follows. A newer text supersedes a search not yet applied:
    // only the last one's hits are ever shown. Until then the earlier hits stand.
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    // A search is running whose hits are not applied yet (tests, benchmarks).
    bool isSearching() const { return m_searchPending; }
    // Exactly these tickets (the lead board's "open these"), whatever the queue, filters and
    // search; setQueue() or clearShownTickets() ends it.
    void showOnly(const QStringList &ticketIds);
    void clearShownTickets();
    bool isShowingOnly() const { return m_onlyActive; }
    int shownOnlyCount() const { return m_onlyIds.size(); }

    // Tickets in each queue now, over the whole cache (the column filters and search do not
    // apply).
    int queueCount(Queue queue) const { return m_counts[queue]; }
    static QString queueName(Queue queue);

    // A queue with column filters and tags, as a saved view names them (each empty: any).
    struct Selection
    {
        Queue queue = AllOpen;
        QString edition;
        QString severity;
        QString channel;
        QString status;
        QStringList tags;
    };
    // How many tickets `selection` holds now, tested by the one test of the shown rows
    // (selects()); `searchHits`: the ids a search of the cache found, null for no search.
    // A pass over every row (ui/queuefilters.cpp).
    int countSelection(const Selection &selection, const QStringList *searchHits) const;

    // The signed-in agent ("My tickets"); from the session by default.
    void setAgentId(const QString &agentId);
    QString agentId() const;
    void setClock(const Clock *clock);
    void setAtRiskFraction(double fraction);
    // Plan names and badges in this language (the main window calls it on LanguageChange).
    void setLanguage(Language language);
    Language language() const { return m_language; }

    // Every badge the catalogs can show, in the active language (for the column's width).
    QStringList badgeTexts() const;
    // The names a column of names can show, in the active language, for its width: the
    // catalogs' severities and channels, the statuses, the agents; for the customer column
    // the customers and the widest "customer › sub-client" the rows hold. Empty for the
    // other columns.
    QStringList columnTexts(int column) const;

    // --- rows ---------------------------------------------------------------------------
    int rowOfTicket(const QString &ticketId) const; // -1 when not shown
    QString ticketId(int row) const;
    // Rows as [top, bottom] spans, in row order (a selection of whole rows).
    using RowSpans = QVector<std::pair<int, int>>;
    // The tickets of `spans`' rows, in row order, in one buffer (ui/queueselection.cpp).
    TicketIdList ticketIds(const RowSpans &spans) const;
    // A selection kept across a reset (QueueView, ui/queueselection.cpp). A reset that keeps
    // the rows (a filter, a merge past the row-by-row limit, a time-dependent refilter) keeps
    // them by the model's own row ids, an int a row; one that replaces them (a reload, the
    // initial sync's rows, the rest behind the first screen) by their tickets' ids.
    struct KeptRows
    {
        QVector<int> storage;
        TicketIdList ids;
        bool byId = false;
    };
    // Called when the reset is about to begin (modelAboutToBeReset).
    KeptRows keepRows(const RowSpans &spans) const;
    // Where the kept tickets are shown now, as spans; a ticket no longer shown is left out.
    RowSpans rowsOf(const KeptRows &kept) const;
    // Between the begin and end of a reset that replaces the rows: row ids die with it.
    bool isReplacingRows() const { return m_replacingRows; }
    // The ticket of a row id (keepRows()'s), shown or not, while the rows are not replaced.
    QString ticketIdOfStorage(int storage) const;
    TicketIdList ticketIdsOfStorage(const QVector<int> &storage) const;
    // The tickets of `spans`' rows for a bulk action: row ids, each ticket's id read when asked
    // (made into ids at once only when a reset is about to replace the rows).
    std::unique_ptr<TicketIdSource> ticketsOf(const RowSpans &spans) const;
    // The tickets the queue holds (shown or not): every open one and every resolved or closed
    // one that a queue can show (Recently closed's); an older one is read when asked for
    // (showOnly(), a change).
    int ticketCount() const { return int(m_rows.rows.size() - m_removed); }
    // The bytes of the blocks that hold ids and subjects (tests, benchmarks): bounded by about
    // twice the live text however many merges replace it.
    qsizetype textArenaBytes() const { return qsizetype(m_rows.arenaBytes); }
    // Rows the last reset sorted and counted on this (the GUI) thread (tests): none after the
    // initial sync's reset, whose order and counts are made with its rows off this thread.
    qsizetype resetRowsSortedHere() const { return m_resetRowsSortedHere; }
    qsizetype resetRowsCountedHere() const { return m_resetRowsCountedHere; }
    // Rows whose facts the preparation thread read from the index content made with them
    // (tests: the order and tally of the last reset made off this thread).
    qsizetype preparedRowsReadFromEntries() const { return m_preparedFromEntries; }
    // Rows the last recount visited (tests): after a merge, the merged rows only.
    qsizetype recountRowsVisited() const { return m_recountRowsVisited; }
    // Whole recounts made on this thread so far (tests): a pass over every row and three sorts.
    int wholeRecounts() const { return m_wholeRecounts; }
    // Instants (deadlines, at-risk and closing times) the last recount copied (tests): after a
    // merge, in proportion to the rows merged, not to the rows held.
    qsizetype recountInstantsCopied() const { return m_recountInstantsCopied; }
    // Where a row's reference to its ticket's entry in the ticket index differs from the
    // index's (empty: nowhere): the layout the rows refer to, each held row's position, a
    // gone row's. Tests, at moments the queue and the index have taken the same rows.
    QString entriesDisagreement() const;
    // Tests: reads of a held row's facts that found no entry (so that it had none to answer
    // with), or an entry's word the queue's dictionary lacks (Untranslated), on this thread
    // and on the preparation thread, since the model was made: none may happen (docs/queue.md
    // "A row without an entry", "Step (d)").
    quint64 entryFallbacksForTest() const { return m_entryFallbacks; }
    // The index the rows refer to: the session's, or over a bare cache the queue's own.
    TicketIndex *ticketIndex() const;

    // The countdown tick: takes the clock's time and signals dataChanged for the countdown
    // cells of rows [first, last] only (a view passes the rows it shows). Never re-sorts.
    void tickCountdown(int first, int last);
    QDateTime now() const;
    // When time alone next moves a ticket between queues (on track → at risk → breached); the
    // model recounts then (and refilters a time-dependent queue) by itself.
    QDateTime nextTransition() const { return m_nextTransition; }
    // What the model does at that moment: recount, and refilter At risk / Breached / Recently
    // closed when shown. Tests with a manual clock call it.
    void refreshTimeDependent();
    // Collision (docs/collision.md): the subject of a ticket another agent has open starts
    // with a mark (✎ someone types a reply, ● someone views it), its tooltip says who.
    void setPresence(const Presence::Board *board);

signals:
    // The rest of the tickets behind the first screen is in (isLoadingRest() is false now).
    void restLoaded();
    void countsChanged();
    // The queues were counted again (a merge, a reset, time moving tickets on), whether or
    // not their counts changed: other selections' counts (saved views) may have.
    void recounted();
    void searchFinished(int matches);
    // The names columnTexts() gives may have changed (language, catalogs, directory).
    void columnTextsChanged();

private:
    // One ticket as the queue keeps it, 32 bytes: what only the queue holds of a TicketRow.
    // Its facts (created, due, first response, customer, assignee, plan, edition, severity,
    // status) are its ticket's index entry's, read there and nowhere else (docs/queue.md
    // "Step (d)"); id and subject sit back to back in the store's text blocks.
    struct Row
    {
        const char *text = nullptr;
        qint64 updatedAtMs = 0;
        quint32 subClient = 0;
        quint32 channel = 0;
        quint16 idLength = 0;
        quint16 subjectLength = 0;
        // The ticket's entry in the ticket index (TicketIndex::entryAt()), NoEntry when it has
        // none (a gone row only, which nobody reads); 31 bits beside the pending mark. Kept
        // right through the index's swap-removes (TicketIndex::entryRemoving()) and its new
        // contents (takeEntries()).
        quint32 entry : 31;
        quint32 pending : 1;
        static constexpr quint32 NoEntry = 0x7fffffffu;
        Row() : entry(NoEntry), pending(0) {}

        // idLength for an id that is a canonical lowercase UUID, kept as its 16 bytes (tickets
        // ids are UUIDs: 20 bytes a row saved).
        static constexpr quint16 UuidId = 0xffff;
        // The id's text: in the text block, or written out from the UUID's bytes.
        struct IdText
        {
            char buf[36];
            const char *external = nullptr;
            qsizetype size = 0;
            QByteArrayView view() const { return QByteArrayView(external ? external : buf, size); }
        };
        IdText idText() const;
        int idBytes() const { return idLength == UuidId ? 16 : idLength; }
        QByteArrayView subjectUtf8() const
        {
            return QByteArrayView(text + idBytes(), subjectLength);
        }
        size_t textBytes() const { return size_t(idBytes()) + subjectLength; }
        QString id() const { return QString::fromUtf8(idText().view()); }
        QString subject() const { return QString::fromUtf8(subjectUtf8()); }
    };
    // A word code no row holds: an entry's word the queue's dictionary does not have.
    static constexpr quint32 Untranslated = 0xfffffffeu;
    // A row's facts as the queues, the filters, the tally, the sort and the customer texts read
    // them: its entry (null: none, a gone row, which no queue holds), and the entry's word
    // facts as codes of the queue's dictionary (Untranslated without an entry). Channel and
    // sub-client are the row's alone (the index has no such fact).
    struct Facts
    {
        const TicketIndexEntry *entry = nullptr;
        quint32 status = 0;
        quint32 assignee = 0;
        quint32 customer = 0;
        quint32 edition = 0;
        quint32 severity = 0;
    };
    // The translation of `indexWords`' codes into `rowWords`' (EntrySource::toRow).
    static QVector<quint32> rowCodesOf(const QVector<QString> &indexWords,
                                       const QVector<QString> &rowWords);
    // Where a row's facts are read: the index entries its reference points into (the live
    // index's on this thread, the content made with the rows on the preparation thread);
    // none, or a reference outside them: no facts (Facts::entry null).
    struct EntrySource
    {
        const TicketIndexEntry *entries = nullptr;
        qsizetype count = 0;
        // By storage index: entries as they were before the index changed them, read first
        // (m_overlay: until the merge has placed the row).
        const QHash<int, TicketIndexEntry> *overlay = nullptr;
        // The entries' word codes (their content's, TicketIndex::word()) → the queue's
        // (RowStore::words), which the queues' keys, the filters and the ranks are in;
        // Untranslated where the queue has no such word.
        const quint32 *toRow = nullptr;
        qsizetype toRowCount = 0;
        // Counts each read that found no entry or no translation (entryFallbacksForTest()).
        quint64 *fallbacks = nullptr;
        // The facts of row `row` at storage index `s`.
        inline const TicketIndexEntry *at(int s, const Row &row) const; // queuemodel_p.h
        inline Facts of(int s, const Row &row) const; // queuemodel_p.h
        quint32 rowCode(quint32 code) const
        {
            const quint32 own = qsizetype(code) < toRowCount ? toRow[code] : Untranslated;
            if (own == Untranslated && fallbacks)
                ++*fallbacks;
            return own;
        }
    };
    // A row's times: its entry's (none without one).
    struct Times
    {
        qint64 createdMs = 0;
        qint64 dueMs = 0;
        qint64 firstResponseMs = 0;
    };
    static inline Times timesOf(const TicketIndexEntry *entry); // queuemodel_p.h
    // The rows and the word dictionary. Texts go into 1 MB blocks that never move, so a row
    // points into them: a million rows take about 150 MB instead of 300 as TicketRows. A merged
    // row's text is written anew and its old text becomes garbage, counted until compact()
    // copies the live texts into fresh blocks (between merges, never while painting).
    struct RowStore
    {
        QVector<QString> words { QString() };
        QVector<Row> rows;
        std::vector<std::unique_ptr<char[]>> blocks;
        size_t blockUsed = 0;
        size_t blockSize = 0;
        size_t arenaBytes = 0; // the blocks' sizes
        size_t garbageBytes = 0; // texts no row points at any more

        // Room for `size` bytes of text in the last block, or a new one.
        char *place(size_t size);
        // The row at `storage` is replaced by `row`, whose text make() wrote: the old text is
        // garbage.
        void replace(int storage, const Row &row);
        // Whether enough of the arena is garbage to be worth copying the live texts (at least
        // one block's worth, and over half of it: each byte is copied once per half freed).
        bool wantsCompaction() const;
        void compact();

        const QString &word(quint32 code) const
        {
            static const QString none;
            return code < quint32(words.size()) ? words.at(code) : none;
        }
        Row make(const TicketRow &from);
    };

    using IdKey = QueueModelDetail::IdKey;
    enum Filter { FilterEdition, FilterSeverity, FilterChannel, FilterStatus, FilterCount };
    void init();
    bool loadFirstScreen();
    static inline qint64 s_firstScreenFrom = 200000;
    static inline int s_firstScreenRows = 1000;
    bool m_loadingRest = false;
    // Between beginResetModel() and endResetModel() of a reset that replaces the rows
    // (keepRows() keeps ids then, the row ids die with the rows).
    bool m_replacingRows = false;
    static void releaseFreedMemory();
    // Resolved and closed tickets last changed before this are left out of a load: no queue
    // can show them (QueueModelDetail::Showable); 0 keeps every row.
    qint64 showableSinceMs() const;
    void setFilter(Filter filter, const QString &value);
    void loadDirectory();
    // After the initial sync: the queue's rows are made from the sync thread's read on a
    // thread of their own; the order, counts and model reset follow here (finishReset()).
    void startPrepare(const std::shared_ptr<const QueueRows> &rows);
    // What the sort reads besides the rows: the column, the direction and, for a column of
    // names, the word ranks (rankWords()).
    struct SortKeys
    {
        int column = CountdownColumn;
        Qt::SortOrder order = Qt::AscendingOrder;
        const QVector<int> *rank = nullptr;
        // Where the deadline and the first response are read (the preparation thread: the
        // content made with the rows; this thread: the rows, until a merge's old keys are kept
        // apart from the index's new ones).
        EntrySource facts;
    };
    static bool sortsByRank(int column);
    static bool lessThan(const RowStore &rows, const SortKeys &keys, int a, int b);
    static void sortOrder(const RowStore &rows, const SortKeys &keys, QVector<int> *order);
    SortKeys sortKeys() const { return { m_sortColumn, m_sortOrder, &m_rank, liveFacts() }; }
    // One pass over the rows for recount(): the counts only data moves and the sorted moments
    // at which time alone moves tickets between queues; the word codes it compares with.
    struct TallyKeys
    {
        quint32 resolved = 0;
        quint32 closed = 0;
        quint32 waiting = 0;
        quint32 me = 0;
        double atRiskFraction = 0;
        bool operator==(const TallyKeys &o) const
        {
            return resolved == o.resolved && closed == o.closed && waiting == o.waiting
                    && me == o.me && atRiskFraction == o.atRiskFraction;
        }
    };
    struct Tally
    {
        int counts[QueueCount] = {};
        QVector<qint64> dueTimes;
        QVector<qint64> riskTimes;
        QVector<qint64> closedTimes;
        QVector<int> watch;
    };
    static void tally(const RowStore &rows, const QBitArray &gone, const TallyKeys &keys,
                      const EntrySource &facts, Tally *out);
    // One row's part of the tally (the one definition tally() and a merge's recount use).
    struct RowPart
    {
        quint8 queues = 0; // bits (1 << Queue) of the queues only data moves it into
        bool closed = false;
        bool watched = false; // open and unanswered, with a target
        qint64 closedAtMs = 0, dueAtMs = 0, riskAtMs = 0;
    };
    // `facts`: the row's entry (its times are read there) and status and assignee (facts.of()).
    static RowPart rowPart(const Row &row, const Facts &facts, const TallyKeys &keys);
    RowPart partOf(int s) const; // none when the row is gone or not yet there
    // Before a merge changes row s: its part of the tally as the last recount counted it.
    void noteTallied(int s);
    // The recount after merges: only the merged rows' parts are taken out and put in.
    void recountMerged();
    qsizetype takeInstantsCopied(); // the three time sets' copies since the last call
    // Before a key of the tally changes: merges noted and not yet counted are counted under
    // the keys they were noted with.
    void settleTally();
    // After the agent, the at-risk share or the clock changed: only what that moves is
    // counted again (My tickets, by a pass with no sort; the watched rows' at-risk times, one
    // sort; nothing for the clock, the tally holds no instant); the rest of the tally stands.
    // Whole when anything else moved (a whole recount at a million tickets: ~30 ms).
    void retally();
    TallyKeys tallyKeys() const;
    // The tally made under `keys` (none: the keys of now) becomes the counts' base.
    void adoptTally(Tally &&t, std::optional<TallyKeys> keys = std::nullopt);
    // Whether a tally made under `keys` differs from one made now at most in what retally()
    // counts again (the agent, the at-risk share).
    bool retallies(const TallyKeys &keys) const;
    // Made on the preparation thread for a reset: the rows, their id index, every row in the
    // order of the sort settings of the moment, and the tally under the settings of the moment.
    // The GUI thread uses the order and the tally when the settings are still the same.
    struct Prepared
    {
        RowStore rows;
        QVector<IdKey> byId;
        QVector<quint32> idCheck;
        int sortColumn = CountdownColumn;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        QVector<int> rank; // the ranks the order was made with (a column of names)
        QVector<int> sorted; // every storage index, in that order
        TallyKeys tallyKeys;
        Tally tally;
        // The default queue unfiltered (All open) in that order, and the (customer,
        // sub-client) pairs the rows hold: a pass over a million rows each, ~60 and ~20 ms
        // of the GUI thread's hand-over at 1M (docs/queue.md "First screen first").
        QVector<int> openSorted;
        QSet<quint64> subClientPairs;
        bool extrasMade = false;
        // The index's layout the rows' entries were made for (each row's position in the
        // scan the index read alongside): NoLayout when the index did not read that scan.
        quint64 entriesOf = NoLayout;
        // The index content the rows refer to, shared (TicketIndex::entries()): the one made
        // in the same pass (the rest behind the first screen), or the one the session adopted
        // from the same rows (the initial sync's reset). The thread's order and tally read the
        // facts there, never the live index, which this thread changes meanwhile. None: the
        // rows have no facts (never so since the rest's pass makes its own content, and the
        // initial sync's reset adopts the one made from its rows). Let go once the rows are
        // taken.
        std::shared_ptr<const QVector<TicketIndexEntry>> content;
        // That content's words, and their codes in the rows' dictionary (made on the thread).
        QVector<QString> contentWords;
        QVector<quint32> contentToRow;
        EntrySource facts() const;
        qsizetype rowsReadFromEntries = 0; // rows whose facts the thread read in `content`
        mutable quint64 fallbacks = 0; // the thread's part of entryFallbacksForTest()
    };
    // A preparation under the sort settings of the moment (copied: the thread reads nothing
    // of the model); the thread's part after the rows (id index, order and tally); the reset
    // that takes it here.
    std::shared_ptr<Prepared> newPrepared() const;
    static void prepareFromRows(Prepared *p, const QString &me, double fraction);
    void takePrepared(Prepared *prepared);
    // The rows just swapped in refer to the index's entries of `layout` (their positions in a
    // scan the index read alongside): kept when the index is still at that layout, else each
    // row's entry is looked up by its id (a ticket left the index meanwhile, or no index read
    // the scan).
    static constexpr quint64 NoLayout = ~quint64(0);
    void takeEntries(quint64 layout);
    void resolveEntries();
    // TicketIndex::entryRemoving(): the removed ticket's row has no entry now, the moved one's
    // row refers to its new place.
    void entryRemoving(qsizetype at, qsizetype last);
    // The hand-over of the rest behind the first screen (loadFirstScreen()), sorted again
    // off this thread first when the sort changed while it was read.
    void takeRest(Prepared *prepared);
    bool sortedAsNow(const Prepared &prepared) const;
    void resortThenTakeRest(const std::shared_ptr<Prepared> &prepared, quint64 generation);
    void finishReset(Prepared *prepared = nullptr);
    void applyChangeRead(const std::shared_ptr<ChangedRows> &read);
    // Over a session: the rows the session read for the index, merged in the same event as
    // the index took them (ChangedRowsFeed::rowsRead()).
    void mergeChangedRows(const std::shared_ptr<const ChangedRows> &read);
    // A read under way is overtaken (a merge or reset comes first): its ids are gathered again.
    void dropChangeRead();
    // The tickets of `ids` the queue does not hold (long closed: not loaded; behind the
    // first screen) are read from the cache and merged now.
    void readTicketsNotHeld(const QStringList &ids);
    // Merges rows read for `ids`; `searchHits`, when given, are those of the ids for the
    // search shown (else they are searched here).
    // `tags`, when given, are those of the ids (else every ticket's are read again here).
    // `index`: whether the ticket index took the rows already (the session's feed) or takes
    // them here first (rows the queue read itself).
    enum IndexRows { IndexTook, IndexTakes };
    void mergeRows(const QStringList &ids, const QueueRows &fresh, const QStringList *searchHits,
                   const QHash<QString, QStringList> *tags, IndexRows indexRows);
    // Rebuilds the shown order (filter + sort); a model reset, since rows come and go.
    void refilter();
    void resort(); // layout change keeping persistent indexes
    bool accepts(int storage) const;
    // Whether a row is in `queue` and passes the filters (values and their codes, by Filter)
    // and carries every one of `tags`: the shown rows' test and a selection's count.
    bool selects(const Row &row, const Facts &facts, Queue queue,
                 const QString *values, const quint32 *codes, const QStringList &tags,
                 qint64 nowMs) const;
    bool inQueue(const Row &row, const Facts &facts, Queue queue, qint64 nowMs) const;
    void refreshCodes();
    bool lessThan(int a, int b) const { return lessThan(m_rows, sortKeys(), a, b); }
    void sortOrder(QVector<int> *order) const { sortOrder(m_rows, sortKeys(), order); }
    void rankWords();
    // The ranks of `words` under the sort column, language and directory of now.
    QVector<int> ranksOf(const QVector<QString> &words) const;
    void recount();
    void scheduleRecount();
    void countTimeDependent();
    int storageOf(QByteArrayView id) const;
    int orderPosition(int storage) const; // position in m_order by binary search
    int insertPosition(int storage) const;
    // The row's ticket in the index, the one store of its facts (docs/queue.md "One store of
    // facts"): null when the row has no entry (its ticket left the cache: a gone row) or
    // refers to a content the index no longer holds (a reset's pass, until takeEntries()):
    // it has no facts then, and nothing reads it (docs/queue.md "A row without an entry").
    const TicketIndexEntry *entryOf(const Row &row) const;
    // What this thread's order, filters and tally read: the live index's entries, a merged
    // row's as they were until the merge placed it (m_overlay).
    EntrySource liveFacts() const;
    inline Facts factsAt(int s) const; // queuemodel_p.h
    // liveFacts()' translation of the live index's codes, made again when the index's
    // content or either dictionary changed.
    mutable QVector<quint32> m_toRow;
    mutable quint64 m_toRowLayout = ~quint64(0);
    mutable qsizetype m_toRowIndexWords = -1;
    mutable qsizetype m_toRowWords = -1;
    // TicketIndex::entriesChanging(): before the index changes these tickets' entries (the
    // feed's rows, the queue's own), each held row's part of the tally is noted and its entry
    // kept in m_overlay, so the merge that follows finds the row where the order put it and
    // the recount takes out what it counted (docs/queue.md "One store of facts", point 1).
    void aboutToApply(const QStringList &ids);
    QHash<int, TicketIndexEntry> m_overlay;
    // While rows for a reset are made (m_preparing), their order and tally are of the index
    // content of the preparation's start; changes the index applies meanwhile wait in m_changed
    // and are merged after the reset. Each changed ticket's entry as it was at its first change
    // is kept here by id, and goes into m_overlay when the rows are taken, where it stays
    // (m_heldOverlay) until its merge: the merge finds the row where the order put it, the
    // recount takes out what the tally counted, and no row reads a word the rows' dictionary
    // does not have yet (docs/queue.md "A row without an entry").
    QHash<QString, TicketIndexEntry> m_preparedOverlay;
    QSet<int> m_heldOverlay;
    void holdPreparedOverlay();
    // Whether `words` (the cache's dictionary, read later than the rows') starts with the
    // rows' own: then its codes mean the same words (the cache's dictionary only grows).
    bool extendsWords(const QVector<QString> &words) const;
    void takeWords(const QVector<QString> &words); // and the names, codes and ranks with them
    const QString &wordOf(const Row &row, quint32 TicketIndexEntry::*fact) const;
    const QString &planWord(const Row &row) const;
    const QString &editionWord(const Row &row) const;
    const QString &statusWord(const Row &row) const;
    const QString &assigneeWord(const Row &row) const;
    const QString &severityWord(const Row &row) const;
    const QString &customerWord(const Row &row) const;
    SlaStatus slaOf(const Row &row) const;
    QString badgeText(const Row &row) const;
    const Edition *editionOf(const Row &row) const;
    const PlanCatalog *planOf(const Row &row) const;
    // The customer column's text of a customer's id and a partner's sub-client account.
    QString customerText(const QString &customer, const QString &account) const;
    QString customerText(const Row &row) const;
    QString customerToolTip(const Row &row) const;
    // m_subClientNames' key: a partner's id and a sub-client's account.
    static QString subClientKey(const QString &customer, const QString &account)
    {
        return customer + QChar(0x1f) + account;
    }
    QVariant display(const Row &row, int column) const;
    const CatalogSet &catalogs() const;

    DeskSession *m_session = nullptr;
    TicketCache *m_cache = nullptr;
    // Tags of the tagged tickets (ui/queuetags.cpp), read with each reset and merge: the
    // column shows them, the tag filter tests them. Only tagged tickets take room.
    QHash<QString, QStringList> m_ticketTags;
    QStringList m_tagFilter; // every one of them, on the ticket
    void refreshTags();
    void mergeTags(const QStringList &ids, const QHash<QString, QStringList> &tags);
    bool hasTags(const Row &row, const QStringList &tags) const;
    std::optional<CatalogSet> m_ownCatalogs;
    // Over a bare cache: an index of the queue's own, read in the queue's pass and given its
    // merges' rows first, as the session's is (ticketIndex()).
    std::unique_ptr<TicketIndex> m_ownIndex;
    quint64 m_entriesOf = NoLayout; // the index's layout the rows' entries refer to
    const Clock *m_clock = nullptr;
    Language m_language = Language::English;
    QString m_agentId;
    double m_atRiskFraction = ResponseClock::DefaultAtRiskFraction;

    RowStore m_rows; // storage; a removed ticket keeps its row, marked in m_gone
    qsizetype m_removed = 0;
    QVector<IdKey> m_byId; // by id hash, for lookups
    static void indexIds(const RowStore &rows, QVector<IdKey> *byId);
    // Each row's QueueModelDetail::idCheck, by storage index: with m_byId, what the search
    // thread maps its hits to rows with (a copy of both goes with each search request).
    QVector<quint32> m_idCheck;
    static void indexIdChecks(const RowStore &rows, QVector<quint32> *checks);
    quint64 m_prepareGeneration = 0;
    bool m_preparing = false; // rows for a reset are being made off this thread
    // Rows sorted and counted on this thread by the last reset: none when the preparation
    // thread's order and tally served (tst_queuemodel checks).
    qsizetype m_resetRowsSortedHere = 0;
    qsizetype m_resetRowsCountedHere = 0;
    qsizetype m_preparedFromEntries = 0;
    qsizetype m_recountRowsVisited = 0;
    int m_wholeRecounts = 0;
    qsizetype m_recountInstantsCopied = 0;
    // The merged rows' parts as the last recount counted them (recountMerged()); valid from a
    // whole tally made under m_talliedKeys until the next one.
    QHash<int, RowPart> m_tallied;
    bool m_talliedValid = false;
    TallyKeys m_talliedKeys;
    QVector<int> m_order; // shown rows: storage indices in sort order
    // The (customer, sub-client) pairs of the rows, as the preparation thread found them
    // (the customer as the entry says, in the rows' codes; the sub-client the row's own);
    // none once a merge changed rows (columnTexts() then passes over the rows itself).
    std::optional<QSet<quint64>> m_subClientPairs;
    QVector<int> m_rank; // word code → rank of its display text in the sort column
    int m_sortColumn = CountdownColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    Queue m_queue = AllOpen;
    QString m_filterValues[FilterCount];
    quint32 m_filterCodes[FilterCount] = {};
    QString m_searchText;
    bool m_searchActive = false;
    QBitArray m_searchHits; // by storage index
    void applySearchResult(quint64 generation,
                           const std::shared_ptr<const QueueModelDetail::SearchHits> &found);
    std::unique_ptr<QueueModelDetail::SearchRunner> m_searchRunner;
    quint64 m_searchGeneration = 0;
    bool m_searchPending = false;
    bool m_searchApplied = false; // m_searchHits filter the rows (a search's hits came)
    // Rows merged while a search runs: their hits, tested by the merge against the data of
    // now, stand over the running search's (read before the merge).
    QSet<int> m_mergedWhileSearching;
    bool m_onlyActive = false;
    QSet<QString> m_onlyIds;
    QBitArray m_onlyHits;
    QBitArray m_gone; // removed from the cache; the row keeps its id for lookups

    int m_counts[QueueCount] = {};
    int m_staticCounts[QueueCount] = {};
    SortedInstants m_dueTimes; // deadlines of unanswered open tickets
    SortedInstants m_riskTimes; // when each of those turns at risk
    SortedInstants m_closedTimes; // last change of resolved and closed tickets
    QBitArray m_watched; // by storage index: unanswered open tickets
    bool m_watchFresh = false;
    QTimer m_coalesce; // gathers ticketsChanged bursts
    QSet<QString> m_changed;
    QTimer m_recount; // coalesces recounts after ticket changes
    QTimer m_transition; // when time alone next moves a ticket between queues
    qint64 m_nowMs = 0;
    QDateTime m_nextTransition;

    quint32 m_codeResolved = 0;
    quint32 m_codeClosed = 0;
    quint32 m_codeWaiting = 0;
    quint32 m_codeMe = 0;

    QHash<QString, QString> m_customerNames;
    QHash<QString, QString> m_subClientNames; // by subClientKey(); those with a name only
    QHash<QString, QString> m_agentNames;
    QPointer<const Presence::Board> m_presence;
    QString presenceMark(const Row &row) const;

    QStringList m_readingIds; // gathered ids whose rows are being read (one read at a time)
    quint64 m_readGeneration = 0; // a read of another generation is overtaken: dropped
    qsizetype m_changedRowsReadHere = 0;
    int m_changeReadsOvertaken = 0;
    int m_directoryReads = 0;
    mutable quint64 m_entryFallbacks = 0; // entryFallbacksForTest()
    // Last: joined before the members its deliveries touch go.
    std::unique_ptr<ChangedRowsReader> m_changeReader;
};

} // namespace SupportDesk
