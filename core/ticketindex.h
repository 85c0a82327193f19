// The desk's one live index of ticket facts and its one schedule of response moments: the
// notifier, the lead board, the quota ledger and the ticket pane read tickets and decide "at
// risk" and "breached" here, so no two of them can disagree (docs/index.md).
#pragma once

#include "clock.h"
#include "domain.h"
#include "leadboard.h"
#include "responseclock.h"

#include <QBitArray>
#include <QHash>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <utility>

namespace SupportDesk {

class CatalogSet;
class TicketCache;
struct QueueRows;
struct TicketRow;
class TicketRowSink;

// One ticket as the index keeps it (TicketIndex::Entry): its words as codes into word(), its
// times in UTC milliseconds (0: none). 56 bytes, where a TicketFacts held ~250 and an id
// string ~100. At namespace scope so the queue's header can name it (its rows refer to one).
struct TicketIndexEntry
{
    qint64 number = 0;
    qint64 createdMs = 0;
    qint64 dueMs = 0;
    qint64 firstResponseMs = 0;
    quint32 customer = 0; // codes; 0 is the empty string
    quint32 assignee = 0;
    quint32 plan = 0;
    quint32 edition = 0;
    quint32 severity = 0;
    quint32 status = 0;
};

class TicketIndex : public QObject
{
    Q_OBJECT

public:
    // The instants at which time alone changes what some view shows of an unanswered ticket.
    struct Moments
    {
        qint64 warnAtMs = 0;     // the notifier's warning: at risk, or the team's lead time
        qint64 atRiskAtMs = 0;   // ResponseClock::moments() with the team's fraction
        qint64 breachedAtMs = 0; // the deadline
        qint64 soonAtMs = 0;     // enters the lead board's breaching-soon list
    };

    // Over a cache read on this thread; `catalogs` and `clock` are held, not owned (the
    // session's, or a test's). Nothing is read until first asked (ensureLoaded()).
    TicketIndex(TicketCache *cache, const CatalogSet *catalogs, const Clock *clock,
                QObject *parent = nullptr);
    ~TicketIndex() override;

    // How far ahead the lead board's breaching-soon list looks (the soon moment).
    static constexpr qint64 SoonHorizonMs = 60 * 60 * 1000;
    // The timer never sleeps longer than this: the server clock's offset and the machine's
    // own clock (suspend, NTP) may move under it.
    static constexpr qint64 MaxSleepMs = 60 * 1000;

    TicketCache *cache() const { return m_cache; }
    const CatalogSet &catalogs() const { return *m_catalogs; }
    const Clock *clock() const { return m_clock; }
    void setClock(const Clock *clock);
    qint64 nowMs() const;
    QDateTime now() const;

    bool isLoaded() const { return m_loaded; }
    // Reads every ticket once, if not done yet; not while a read elsewhere will bring the
    // content (isLoading()): the views hear reset() when it comes.
    void ensureLoaded();
    // The content is being made away from this thread (the queue's read behind its first
    // screen, DeskSession::scanTicketRowsBehind()); adopt() or setLoading(false) ends it.
    void setLoading(bool loading) { m_loading = loading; }
    bool isLoading() const { return m_loading; }

    using Entry = TicketIndexEntry;

    // The facts, in no particular order (positions change when tickets leave), each made
    // when read: the index keeps codes, not a TicketFacts per ticket.
    class FactRange
    {
    public:
        class const_iterator
        {
        public:
            using iterator_category = std::forward_iterator_tag;
            using value_type = TicketFacts;
            using difference_type = qsizetype;
            using pointer = void;
            using reference = TicketFacts;
            const_iterator(const TicketIndex *index, qsizetype at) : m_index(index), m_at(at) {}
            TicketFacts operator*() const { return m_index->factAt(m_at); }
            const_iterator &operator++() { ++m_at; return *this; }
            bool operator==(const const_iterator &o) const { return m_at == o.m_at; }
            bool operator!=(const const_iterator &o) const { return m_at != o.m_at; }

        private:
            const TicketIndex *m_index;
            qsizetype m_at;
        };
        explicit FactRange(const TicketIndex *index) : m_index(index) {}
        qsizetype size() const;
        bool isEmpty() const { return size() == 0; }
        TicketFacts at(qsizetype i) const;
        TicketFacts first() const { return at(0); }
        const_iterator begin() const { return {m_index, 0}; }
        const_iterator end() const { return {m_index, size()}; }
        QVector<TicketFacts> toVector() const;

    private:
        const TicketIndex *m_index;
    };
    FactRange facts();
    // The open tickets' facts (what the board counts), made now.
    QVector<TicketFacts> openFacts();
    std::optional<TicketFacts> fact(const QString &id);
    // The tickets a view sees: none while only the first screen's provisional content is held.
    qsizetype size() { ensureLoaded(); return viewSize(); }
    // The entries held, a provisional content included (the queue, whose rows refer to them).
    qsizetype entryCount() const { return m_entries.size(); }
    // The compact form, for views that read many tickets and few of their words.
    const Entry &entryAt(qsizetype at) const { return m_entries.at(at); }
    // Every entry, shared in O(1): the queue's preparation thread reads the content its rows
    // were made with (made in the same pass, or the one just adopted) while this thread goes
    // on. A change here while a copy is held copies the entries once (56 bytes a ticket).
    QVector<Entry> entries() const { return m_entries; }
    // The entries in place (entryCount() of them), for a pass that reads many.
    const Entry *entryData() const { return m_entries.constData(); }
    TicketFacts factAt(qsizetype at) const;
    QString idAt(qsizetype at) const;
    qsizetype indexOf(const QString &id);
    // The position of the ticket whose id is `utf8Id` in what is held now (a provisional
    // content included), without reading anything; -1 when none.
    qsizetype indexOfUtf8(QByteArrayView utf8Id) const;
    // Positions held elsewhere (the queue's rows refer to their tickets' entries) are of one
    // layout: it changes when the content is replaced (a reload, adopt(), a provisional
    // content) and when an entry leaves (entryRemoving(), after which it goes up by one).
    quint64 layoutGeneration() const { return m_layout; }
    // While the content is made elsewhere (isLoading()): the first screen's tickets, so the
    // queue's rows have entries before the rest comes (docs/queue.md "One store of facts").
    // Views see none of it (size() is 0, no signal, no schedule); changes are applied to it
    // (applyRows()) untold, and adopt() replaces it together with the queue's rows.
    void loadProvisional(const QueueRows &rows);
    bool isProvisional() const { return m_provisional; }
    const QString &word(quint32 code) const { return m_words.at(code); }
    // Every word by code, shared like entries(): the codes of the content it came with.
    QVector<QString> words() const { return m_words; }
    qsizetype wordCount() const { return m_words.size(); }
    // The code of a word, or NoWord when no ticket has it (the empty string is 0).
    static constexpr quint32 NoWord = 0xffffffffu;
    quint32 codeOf(const QString &word) const;
    // Open (not resolved or closed), unanswered, with a deadline: time changes its state.
    bool isRunningAt(qsizetype at) const { return isRunning(m_entries.at(at)); }
    bool isOpenAt(qsizetype at) const { return isOpen(m_entries.at(at)); }
    // The facts of the entries `keep` accepts, made now.
    template<typename Keep> QVector<TicketFacts> factsWhere(Keep keep)
    {
        ensureLoaded();
        QVector<TicketFacts> list;
        for (qsizetype at = 0; at < viewSize(); ++at) {
            if (keep(m_entries.at(at)))
                list.append(factAt(at));
        }
        return list;
    }
    // Beside each fact: its "plan/edition/severity" cell, an index into cellKeys() (which
    // never shrinks while loaded).
    const QVector<int> &cellOfFacts() { ensureLoaded(); return m_cellOfFact; }
    const QStringList &cellKeys() const { return m_cellKeys; }

    // The team's settings, parsed once when they change (reloadSettings()), not per call.
    const TeamSettings &teamSettings() const { return m_settings; }
    double atRiskFraction() const { return m_settings.atRiskFraction; }

    // The one answer to "what state is this ticket in at this instant" for every view: the
    // response clock with the team's at-risk fraction. Null status for an unknown ticket.
    std::optional<SlaStatus> status(const QString &id, const QDateTime &at);
    SlaStatus status(const TicketFacts &facts, const QDateTime &at) const;
    // The entry's status at `instant`: status(factAt(at), instant), without making the fact.
    SlaStatus statusAt(qsizetype at, const QDateTime &instant) const;
    // Open (not resolved or closed), unanswered, with a deadline: time changes its state.
    static bool isRunning(const TicketFacts &facts);
    Moments moments(const TicketFacts &facts) const;
    Moments moments(const Entry &entry) const;
    // "Unassigned most severe" (core/leadboard.h) under the session's catalogs.
    bool isUnassignedMostSevere(const TicketFacts &facts) const;
    // The customer's tickets in editions that have a monthly quota: their creation times.
    QList<QDateTime> quotaTicketTimes(const QString &customerId);
    // The over-quota flag is not in the queue rows: it is read from the cache for the tickets
    // at `positions` whose flag is not known yet (in statements of at most FlagReadChunk ids,
    // so no statement binds a whole month of a large partner's ids), then kept beside each
    // entry until the ticket changes or leaves. Returns those of `positions` flagged, in their
    // order. Only the flagged ones keep their flags and reason (overQuotaFlags()); the others
    // cost two bits, where the lead board remembered a hash node and an id string for each
    // (~30 MB at a million tickets).
    static constexpr qsizetype FlagReadChunk = 4096;
    QVector<qsizetype> overQuotaAmong(const QVector<qsizetype> &positions);
    // The flags and the override reason of a ticket overQuotaAmong() found flagged.
    QPair<QStringList, QString> overQuotaFlags(qsizetype at) const;
    // How many tickets' over-quota flags are known, and how many of them are flagged (tests).
    qsizetype flagsKnown() const { return m_flagKnown.count(true); }
    qsizetype flaggedHeld() const { return m_flagged.size(); }

    // The next scheduled moment of any ticket (null: none), and how many are scheduled.
    QDateTime nextMomentAt() const;
    qsizetype scheduledCount() const { return qsizetype(m_schedule.size()); }
    // How many tickets hold a next instant beside their entry (tests: the scheduled alone).
    qsizetype nextInstantsHeld() const { return m_nextAt.size(); }
    // How many times the index read tickets: one per reset or change batch (tests, benches).
    quint64 readCount() const { return m_reads; }
    // How many TicketFacts the index made (factAt() and all that goes through it): the views
    // that pass over many tickets decide on the compact entries instead (tests, benches).
    quint64 factsMade() const { return m_factsMade; }

public slots:
    // Every ticket again: from rows already read (the session's reset), else from the cache.
    void reload();
    void reloadFrom(const QueueRows &rows);
public:
    // reload() in one pass of the cache shared with `also` (the queue's load through
    // DeskSession::scanTicketRows()): each row goes to `also` after the index took it, so
    // the cache is read once for both and no whole QueueRows is held.
    void loadAlongside(TicketRowSink *also);
    // A whole new content made away from this index's thread (the session's sync worker reads
    // the reset's rows and calls it there, docs/cache.md): `next` is an index no other thread
    // touches meanwhile; it gets the facts and the schedule at `nowMs` under `settings`, and no
    // timer or signal. adopt() then takes it on this thread in one swap: 100k tickets cost
    // the GUI thread ~40 ms as reloadFrom(), microseconds as a swap.
    static void prepare(TicketIndex *next, const QueueRows &rows, const TeamSettings &settings,
                        qint64 nowMs);
    // prepare() from a scan: each row the returned sink takes goes into `next`, then on to
    // `also`; finishPrepared() schedules it. On a thread where nothing else touches `next`.
    static std::unique_ptr<TicketRowSink> preparingSink(TicketIndex *next, TicketRowSink *also);
    static void finishPrepared(TicketIndex *next, const TeamSettings &settings, qint64 nowMs);
    // Takes the content prepare() made (what this held goes to `prepared`, for it to free),
    // then arms the timer and signals reset(). Moments that passed since prepare()'s instant
    // are still in the schedule and are handled at once (momentsPassed()).
    void adopt(TicketIndex &prepared);
    // The thread that made the current content (tests: the reset's is not the GUI thread).
    QThread *contentThread() const { return m_contentThread; }
    // Holds reset() back until as many releaseReset() (then said once, if a new content came
    // meanwhile): a view that reads its own rows in the same pass as the index's content (the
    // queue's reload(), through loadAlongside()) takes them first, so no view that hears
    // reset() finds it referring to the content before (docs/queue.md "A row without an
    // entry").
    void holdReset() { ++m_resetHolds; }
    void releaseReset();
public slots:
    // These tickets changed in the cache: read them once and tell the views. Reads on this
    // thread: the session's changes come read (applyRows(), from ChangedRowsFeed); this is
    // for an index of its own (a notifier or board over a bare cache).
    void update(const QStringList &ids);
    // These tickets changed, their rows read elsewhere (off this thread, once for the index
    // and the queue): an id without a row left the cache.
    void applyRows(const QStringList &ids, const QueueRows &rows);
    // The team settings again from the cache (the feed brought them, or another file): a
    // change moves every ticket's moments.
    void reloadSettings();
    // How many times the settings were read from the cache (tests: only when they came).
    quint64 settingsReadCount() const { return m_settingsReads; }
    // Settings a save just returned, kept until the feed brings the same or newer ones.
    void applySavedSettings(const TeamSettings &settings);
    // The catalogs changed (most severe level, targets): flags and moments again.
    void catalogsChanged();
    // Handles every moment passed by now; the timer calls it, and so may a moved clock.
    void checkNow();

signals:
    // Every fact may have changed (loaded or reloaded).
    void reset();
    // These tickets' facts changed, or they left (fact() is null then).
    void changed(const QStringList &ids);
    // applyRows() is about to change these tickets' entries (a provisional content's too):
    // emitted before the first change, so a view that sorted or counted by the entries can
    // keep what it used (the queue: docs/queue.md "One store of facts").
    void entriesChanging(const QStringList &ids);
    // Time alone passed a moment of these tickets (their state may have changed).
    void momentsPassed(const QStringList &ids);
    // Entry `at` is about to leave by swap-remove: the entry at `last` then moves into its
    // place (at == last: none moves). Emitted before the move, while idAt() still gives both
    // ids; layoutGeneration() goes up by one after it. Positions held elsewhere follow.
    void entryRemoving(qsizetype at, qsizetype last);
    // The team settings changed: states may have changed for every ticket.
    void settingsChanged();

private:
    qsizetype viewSize() const { return m_provisional ? 0 : m_entries.size(); }
    void signalReset(); // reset(), or held (holdReset())
    TeamSettings effectiveSettings() const;
    void setSettings(const TeamSettings &settings);
    void beginReload();
    class RowLoader;
    void loadRows(const QueueRows &rows);
    void clearEntries(qsizetype count);
    void takeRow(const QVector<QString> &words, const TicketRow &row, QVector<quint32> *codes,
                 QHash<quint64, int> *cellOfCodes);
    void finishReload();
    static void releaseFreedMemory();
    int cellIndex(const Entry &e);
    quint32 intern(const QString &word);
    Entry entryOf(const QVector<QString> &words, const TicketRow &row, QVector<quint32> *codes);
    bool isRunning(const Entry &e) const;
    bool isOpen(const Entry &e) const;
    // Ids: a canonical UUID as its 16 bytes, any other id in m_otherIds; found through
    // m_slots, an open-addressing table of positions (a QHash<QString, qsizetype> node and
    // the id string cost ~150 bytes a ticket; this costs 16 + 8–16).
    struct IdKey
    {
        quint64 hi = 0;
        quint64 lo = 0; // an index into m_otherIds unless packed
        bool operator==(const IdKey &o) const { return hi == o.hi && lo == o.lo; }
    };
    IdKey keyOf(const QString &id, bool *packed);
    // The position of an id in what is held, reading nothing (-1: none).
    qsizetype find(const QString &id) const;
    qsizetype find(const IdKey &key, bool packed, const QString &id) const;
    std::optional<IdKey> findKey(const QString &id, bool *packed) const;
    size_t hashAt(qsizetype at) const;
    size_t hashOf(const IdKey &key, bool packed, const QString &id) const;
    qsizetype slotOf(qsizetype at) const;
    void removeSlot(qsizetype at);
    void rehash(qsizetype capacity);
    bool append(const Entry &e, const IdKey &key, bool packed, int cell);
    void schedule(qsizetype at, qint64 now);
    void unschedule(qsizetype at);
    void removeAt(qsizetype at);
    void rescheduleAll();
    void scheduleAll(qint64 now);
    void armTimer();

    TicketCache *m_cache;
    const CatalogSet *m_catalogs;
    const Clock *m_clock;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_provisional = false; // the first screen's entries only (loadProvisional())
    quint64 m_layout = 0; // layoutGeneration()
    int m_resetHolds = 0;
    bool m_resetHeld = false; // a reset() waits for releaseReset()
    quint64 m_reads = 0;
    quint64 m_settingsReads = 0;
    mutable quint64 m_factsMade = 0;

    TeamSettings m_settings;
    TeamSettings m_cachedSettings;
    std::optional<TeamSettings> m_savedSettings;

    QVector<Entry> m_entries;
    QVector<IdKey> m_ids;
    QBitArray m_packed; // beside each entry: its id is a packed UUID
    QStringList m_otherIds;
    QVector<qint32> m_slots; // positions, -1 empty; a power of two, at most half full
    QVector<QString> m_words{QString()}; // code → word, never shrinking while loaded
    QHash<QString, quint32> m_codeOf;
    QBitArray m_closedCode; // beside each word: a status that is not open
    QBitArray m_flagKnown; // beside each entry: its over-quota flag was read (overQuotaAmong())
    QBitArray m_flagYes;   // beside each entry: read, and flagged
    QHash<QString, QPair<QStringList, QString>> m_flagged; // id → flags, reason: flagged only
    QVector<int> m_cellOfFact;
    QStringList m_cellKeys;
    QHash<QString, int> m_cellOf;
    // The schedule is keyed by position in m_entries, not by id: no id string per entry, and a
    // ticket that leaves moves the last one's entry to its place (removeAt()).
    static constexpr qint64 NotScheduled = -1;
    // Position → its instant in m_schedule, for the scheduled tickets only (open, unanswered,
    // a moment ahead: a few hundred of a million; an instant beside every entry was 8 MB).
    QHash<qsizetype, qint64> m_nextAt;
    qint64 nextAtOf(qsizetype at) const { return m_nextAt.value(at, NotScheduled); }
    std::set<std::pair<qint64, qsizetype>> m_schedule; // (instant, position): the next of each
    QTimer m_timer;
    QThread *m_contentThread = nullptr;
};

} // namespace SupportDesk
