// The client's local SQLite cache of one server account: tickets, messages, customers,
// agents, catalogs, team settings, sync state and the outbox of edits not yet on the server.
#pragma once

#include "domain.h"
#include "macro.h"
#include "searchwriter.h"
#include "serviceuse.h"
#include "savedview.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <array>
#include <functional>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace SupportDesk {

// One edit waiting in the outbox, with what the server said about it if it refused it.
struct OutboxEntry
{
    enum class State { Pending, Conflict, Rejected };
    qint64 position = 0; // order of saving
    Operation op;
    State state = State::Pending;
    QString code;
    QStringList args;
    std::optional<Ticket> serverTicket; // for a conflict: the ticket as the server has it
};

// The fields a queue needs of every ticket, loaded in one pass. Repeated values are codes into
// QueueRows::words; id and subject stay in the cache's packed UTF-8 and are decoded when asked
// for (when a row is painted). A cold load of 100k rows then makes one allocation per row
// and touches ~10 MB (docs/cache.md).
struct TagUse
{
    QString tag;
    int tickets = 0;
};

struct TicketRow
{
    QByteArray packed;
    qint64 number = 0;
    qint64 createdAtMs = 0;
    qint64 firstResponseAtMs = 0; // 0: unanswered
    qint64 dueAtMs = 0;
    qint64 updatedAtMs = 0;
    quint32 customer = 0; // codes into QueueRows::words; 0 is the empty string
    quint32 subClient = 0;
    quint32 channel = 0;
    quint32 severity = 0;
    quint32 status = 0;
    quint32 assignee = 0;
    quint32 plan = 0;
    quint32 edition = 0;
    quint16 idLength = 0;
    quint16 subjectStart = 0;
    quint16 subjectLength = 0;
    bool pending = false; // has unsent local edits

    QByteArrayView idUtf8() const { return QByteArrayView(packed.constData(), idLength); }
    QString id() const { return QString::fromUtf8(idUtf8()); }
    QString subject() const
    {
        return QString::fromUtf8(QByteArrayView(packed.constData() + subjectStart, subjectLength));
    }
};

// Takes the queue's rows one at a time as a scan reads them (TicketCache::scanTicketRows()):
// the queue and the session's index are filled from one read, and no whole QueueRows is held
// (at a million tickets a QByteArray per row was ~250 MB of the desk's peak, read twice).
class TicketRowSink
{
public:
    virtual ~TicketRowSink() = default;
    // Before the first row: the dictionary (code → word) the rows' codes index, and how many
    // rows follow (a hint for reserving; a row may be missing if it does not parse).
    virtual void begin(const QVector<QString> &words, qsizetype count) = 0;
    // A row, valid during the call only: its bytes are freed before the next is read.
    virtual void take(const TicketRow &row) = 0;
};

struct QueueRows
{
    QVector<QString> words{QString()}; // code → value
    QVector<TicketRow> rows;

    const QString &word(quint32 code) const
    {
        static const QString none;
        return code < quint32(words.size()) ? words.at(code) : none;
    }
    quint32 code(const QString &value) const { return quint32(std::max<qsizetype>(0, words.indexOf(value))); }
};

class TicketCache
{
    Q_DECLARE_TR_FUNCTIONS(TicketCache)

public:
    static constexpr int SchemaVersion = 15;

    enum class OpenStatus { Ok, NewerSchema, Corrupt, Failed };

    // `connectionName` must be unique per thread that uses the file.
    explicit TicketCache(const QString &connectionName);
    ~TicketCache();
    TicketCache(const TicketCache &) = delete;
    TicketCache &operator=(const TicketCache &) = delete;

    // The standard location for an account's cache file.
    static QString defaultPath(const QString &serverUrl, const QString &agentId);

    OpenStatus open(const QString &path);
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    // The connection's name, for the parts of the cache kept beside it (AttachmentCache).
    QString connectionName() const { return m_connectionName; }
    bool isOpen() const;
    void close();
    // Reads every page: finds damage open() cannot see. Slow on a big cache; call it off the
    // GUI thread (the sync engine does when it starts).
    bool checkIntegrity();

    // A cache written by a newer program: with the user's consent, start over from the server.
    bool discardAndRecreate();
    // A corrupt file: moved aside (path returned), its outbox salvaged if readable, and a new
    // empty cache opened in its place. `salvaged` receives the outbox entries that were saved.
    bool recoverFromCorruption(QString *movedTo, int *salvaged);

    // --- server state, written by the sync engine ---------------------------------------
    // One page of the change feed, in one transaction, with the new last sequence.
    bool applyChanges(const QVector<Ticket> &tickets, const QVector<Message> &messages,
                      const QVector<Customer> &customers, const QVector<Agent> &agents,
                      const std::optional<TeamSettings> &settings, qint64 lastSeq,
                      bool initialSyncDone, QStringList *changedTicketIds);
    // Copies the WAL into the database file. The sync engine calls it after the initial sync,
    // whose pages skip automatic checkpoints.
    bool checkpoint();
    // Whether commits on this connection may checkpoint the WAL (SQLite's default, 1000 pages).
    // The GUI's connection turns it off, so an edit never waits for a checkpoint; the sync
    // worker's connection does them.
    void setAutoCheckpoint(bool on);
    bool storeCatalogs(const QHash<QString, QByteArray> &planJson);
    QHash<QString, QByteArray> catalogs() const;

    qint64 lastSeq() const;
    bool initialSyncDone() const;
    QString syncValue(const QString &key) const;
    bool setSyncValue(const QString &key, const QString &value);

    // --- reads -------------------------------------------------------------------------
    std::optional<Ticket> ticket(const QString &id) const;
    // Ticket ids whose subject, body or customer name contain every word of `text` (any
    // language; case-insensitive), at most `limit`. Tickets of an initial sync are found once
    // buildSearchIndex() has caught up with them.
    QStringList searchTickets(const QString &text, int limit = 5000) const;
    // The same test, over the tickets `among` only: a merge asks about the rows it changed,
    // not the whole cache again (a two-character word is a LIKE over every row).
    QStringList searchTickets(const QString &text, const QStringList &among) const;
    // The search index (its own file, SearchIndex::pathFor(path())) holds every cached ticket.
    bool searchIndexComplete() const;
    // During an initial sync the sync engine's writer thread writes the search file: this
    // connection lets go of it (no transaction here locks it) and hands each committed
    // page's entries to `writer`; null takes it back. False when the index cannot be written
    // aside (an in-memory cache): entries are then written here, as after the initial sync.
    // This connection does not search meanwhile.
    bool setSearchWriter(SearchWriter *writer);
    // The same search on a connection of its own to the cache file at `path`, for a thread
    // that is not the cache's (the queue searches as the agent types there: a word of one or
    // two characters is a LIKE over every row, ~150 ms at 100k tickets). The connection,
    // named `connectionName`, is opened on first use and belongs to the calling thread; the
    // results are those of searchTickets(text, limit). closeSearchConnection() drops it.
    static QStringList searchTicketsAt(const QString &path, const QString &connectionName,
                                       const QString &text, int limit);
    // searchTickets(text, among) on that connection (a merge read off the GUI thread).
    static QStringList searchTicketsAt(const QString &path, const QString &connectionName,
                                       const QString &text, const QStringList &among);
    // loadTicketRows(ids) on that connection: the queue reads the rows of a feed's changes
    // there (1,000 rows took ~10 ms of the GUI thread at 100k tickets). `ok` is false when
    // the file could not be read: the ids absent from the result are then not known gone.
    static QueueRows loadTicketRowsAt(const QString &path, const QString &connectionName,
                                      const QStringList &ids, bool *ok);
    // ticketTags(ids) on that connection (the tags of a feed's changed tickets, read with
    // their rows off the GUI thread, core/changedrows.h).
    static QHash<QString, QStringList> ticketTagsAt(const QString &path,
                                                    const QString &connectionName,
                                                    const QStringList &ids);
    static void closeSearchConnection(const QString &connectionName);
    // Indexes up to `maxRows` tickets the search file lacks (a new, replaced or behind file:
    // those changed past its complete_to); returns 0 when the index is complete, 1 when more
    // remain, -1 on failure. The sync engine calls it in slices.
    int buildSearchIndex(int maxRows);
    QueueRows loadTicketRows() const;
    // Every queue row handed to `sink` as it is read (core/ticketcacheload.cpp); false when
    // the table could not be read (the sink may then have had begin() and no rows).
    bool scanTicketRows(TicketRowSink *sink) const;
    // The queue's first screen (core/ticketcacheload.cpp): the rows of the first `limit` open
    // tickets in its default order (unanswered first, then by deadline; queue_rows.open_key),
    // read through an index, so a million-ticket queue paints before the rest is read.
    QueueRows loadFirstOpenRows(int limit) const;
    // At least the number of queue rows, read in O(log n) (the table's largest rowid): whether
    // the queue is worth painting before it is read whole.
    qint64 queueRowsBound() const;
    // scanTicketRows() on a connection of its own to the file at `path`, for a thread that
    // is not the cache's (the queue reads the rest behind its first screen there).
    static bool scanTicketRowsAt(const QString &path, const QString &connectionName,
                                 TicketRowSink *sink);
    // queue_rows.open_key of a ticket: null for a resolved or closed one; else unanswered
    // before answered, then by deadline (the queue's default order, QueueModel::sortOrder).
    static std::optional<qint64> openOrderKey(const Ticket &t);
    // The same key computed by SQLite from a stored row (the migration's backfill).
    static QString openOrderKeySql();
    // Of the tickets `ids`, those whose flags hold `flag`, read in one statement
    // (core/ticketcacheload.cpp).
    QVector<Ticket> ticketsFlagged(const QStringList &ids, const QString &flag) const;
    // Of the tickets `ids`, whether each was merged into another (Ticket::mergedInto, which
    // the queue rows do not carry), read in one statement; an id not in the cache is absent,
    // and so is every id when the read fails (core/ticketcacheload.cpp).
    QHash<QString, bool> mergedAmong(const QStringList &ids) const;
    // The rows of just these tickets (an id with no row is absent: not in the cache), with the
    // whole word dictionary, whose codes never change: a model can merge them into its rows.
    QueueRows loadTicketRows(const QStringList &ids) const;
    int ticketCount() const;
    QVector<Message> messages(const QString &ticketId) const;
    QVector<Customer> customers() const;
    std::optional<Customer> customer(const QString &id) const;
    // Customer records a history re-pull brings again (schema 14: the fields an older build
    // dropped), each kept unless the cache holds a newer one (by seq).
    bool storeCustomers(const QVector<Customer> &customers);
    QVector<Agent> agents() const;
    TeamSettings teamSettings() const;
    // Severity changes of the feed (reclassifications), oldest first, of these tickets.
    bool storeSeverityChanges(const QVector<SeverityChange> &changes);
    QVector<SeverityChange> severityChanges(const QStringList &ticketIds) const;

    // --- tags (core/tagcache.cpp, docs/tags-and-views.md) ---------------------------------
    // Every tag on a cached ticket with how many carry it, most used first (the pane's
    // completion); and each tagged ticket's tags, in their order (the queue's column).
    QVector<TagUse> tagsInUse() const;
    QHash<QString, QStringList> ticketTags() const;
    // The same for these tickets only (those without a tag are absent), in one statement.
    QHash<QString, QStringList> ticketTags(const QStringList &ids) const;

    // --- macros (core/macrocache.cpp, docs/macros.md) ------------------------------------
    // The feed's macro records, newest by seq; a deleted one leaves. A macro with edits in
    // the outbox keeps showing them: the server's copy waits beside it.
    bool storeMacros(const QVector<Macro> &macros);
    // Every macro as this desk shows it (its own unsent edits included), by name.
    QVector<Macro> macros() const;
    // Moves on with every write of a macro, on any connection to the file: a reader keeps
    // macros() while it is the same (1,000 macros take ~5-50 ms to read and decode).
    qint64 macrosStamp() const;
    // Shows `op` (a save-macro or delete-macro of `macro`) at once and queues it, in one
    // durable transaction, as saveEdit() does for a ticket's edit.
    bool saveMacroEdit(const Operation &op, const Macro &macro);
    // The server applied a macro op, giving the macro `version`: later edits of it stand on it.
    bool acknowledgeMacro(const QString &opId, qint64 version);
    // The server refused one: the macro shows the server's copy again (none: it leaves).
    bool rejectMacroEdit(const QString &opId, const QString &code, const QStringList &args);

    // --- IEM days and training sessions (core/serviceusecache.cpp, docs/service-use.md) --
    // The feed's service-use records, newest by seq.
    bool storeServiceUse(const QVector<ServiceUse> &records);
    // A customer's records as this desk shows them: the server's, with this desk's unsent
    // records, corrections and cancels over them (in saving order), by first day.
    QVector<ServiceUse> serviceUse(const QString &customerId) const;
    // Queues `op` (record- or cancel-service-use) in one durable transaction; shown at once.
    bool saveServiceUseEdit(const Operation &op);
    // The server applied one, giving the record `version`: shown so until the feed brings
    // it, and later edits of it stand on it.
    bool acknowledgeServiceUse(const QString &opId, qint64 version);
    // --- saved views (core/viewcache.cpp, docs/tags-and-views.md) -------------------------
    // As macros are kept: the feed's records (the signed-in agent's own only), newest by seq,
    // with this desk's unsent edits shown over them; a deleted one leaves.
    bool storeSavedViews(const QVector<SavedView> &views);
    // Every view as this desk shows it, by name.
    QVector<SavedView> savedViews() const;
    // Moves on with every write of a view, on any connection to the file.
    qint64 savedViewsStamp() const;
    // Shows `op` (a save-view or delete-view, core/savedview.h) at once and queues it.
    bool saveViewEdit(const Operation &op);
    bool acknowledgeView(const QString &opId, qint64 version);
    bool rejectViewEdit(const QString &opId, const QString &code, const QStringList &args);

    // --- the outbox ---------------------------------------------------------------------
    // Applies `op` to the cached ticket (and its message, for a reply or note) and queues it,
    // in one durable transaction: once this returns true the edit survives a crash.
    // `alongside` writes what goes with the edit (a reply's files) in the same transaction;
    // false from it saves nothing.
    bool saveEdit(const Operation &op, const std::function<bool()> &alongside = {});
    // What the preview decides of `op` on `on` (the cached ticket when not given) by core's
    // applyEdit, as saveEdit() shows it: the rule that refuses it, or allowed. A malformed op
    // is refused as the server refuses it (invalid-op, the field named). A new ticket is held
    // to the rules of taking one in by core's applyCreate (channel, sub-client, quota…), as the
    // server holds it, for a customer and plan the cache knows.
    RuleCheck previewRefusal(const Operation &op, const std::optional<Ticket> &on = {}) const;
    // How many of a customer's tickets created in `month` count toward its quota
    // (countsTowardQuota), `except` (the new ticket itself) and the refused new tickets
    // (refusedNewTicketIds) not among them: what the preview of
    // a new ticket counts. By default the cache's own rows, read whole (a scan of the queue
    // rows: ~15 MB at 100k tickets, docs/rules.md); a session holding an index of them sets a
    // counter that asks it instead. nullopt: could not be read (the quota is not previewed).
    using QuotaCounter = std::function<std::optional<int>(
            const QString &customerId, const MonthWindow &month, const QString &except)>;
    void setQuotaCounter(QuotaCounter counter) { m_quotaCounter = std::move(counter); }
    std::optional<int> ticketsInQuota(const QString &customerId, const MonthWindow &month,
                                      const QString &except) const;
    // Of a month's tickets counted elsewhere, `open` and those `closed`: how many count toward
    // the quota (a closed one unless merged away; read by mergedAmong).
    int inQuota(int open, const QStringList &closed) const;
    // The whole outbox, in order: the sync's and tests' view. A view of one ticket or one op
    // reads it by the index instead (outboxOf, outboxEntry): with a bulk run's 150,000 edits
    // waiting, the whole read took 695 ms.
    QVector<OutboxEntry> outbox() const;
    QVector<OutboxEntry> outboxOf(const QString &ticketId) const; // in order
    std::optional<OutboxEntry> outboxEntry(const QString &opId) const;
    // The create-ticket op of a ticket the server refused to take in: the desk keeps showing
    // the ticket from it until the agent sends it again or discards it (drop()). nullopt for
    // a ticket the server has, or whose create is still waiting.
    std::optional<OutboxEntry> refusedNewTicket(const QString &ticketId) const;
    // The ids of every such ticket (read by the outbox's state index): a quota counts none of
    // them, since the server took none in.
    QSet<QString> refusedNewTicketIds() const;
    // Every op waiting in the outbox by op id, with its state, code and args only (op.opId and
    // op.ticketId; nothing decoded): a bulk action follows hundreds of ops by it.
    QHash<QString, OutboxEntry> outboxStates() const;
    int pendingCount() const;
    int conflictCount() const;
    // The server acknowledged `opId` (applied or duplicate) with `ticket`: drop the op, rebase
    // the ticket's later ops onto the new version and store the server's ticket.
    bool acknowledge(const QString &opId, const Ticket &ticket);
    bool markConflict(const QString &opId, const Ticket &serverTicket);
    // Keeps the op with the server's code and args. The ticket shows the server's copy again;
    // a new ticket the server refused (it has no copy) stays, built from its op, until the
    // agent drops it (rebuildFromServerState, docs/cache.md "A refused new ticket").
    bool markRejected(const QString &opId, const QString &code, const QStringList &args,
                      const std::optional<Ticket> &serverTicket);
    // The user's answer to a conflict: re-apply the edit on the server's current version, or
    // drop it. Dropping also clears a rejected edit.
    bool reapply(const QString &opId);
    bool drop(const QString &opId);

    // Fault injection for tests: the n-th write transaction from now fails (0: never).
    void failNthWrite(int n) { m_failAt = n; }

private:
    class Transaction;
    QStringList search(const QString &text, int limit, const QStringList *among) const;
    static QStringList searchOn(const QString &connectionName, const QString &text, int limit,
                                const QStringList *among);
    // Opens (once) a read-only connection of the calling thread's to the cache file.
    static bool openReader(const QString &path, const QString &connectionName);
    // loadTicketRows(ids) reads this many ids per statement.
    static constexpr qsizetype RowReadChunk = 4096;
    static QueueRows loadRowsOn(const QString &connectionName, const QStringList &ids,
                                bool *ok = nullptr);
    static QHash<QString, QStringList> ticketTagsOn(const QString &connectionName,
                                                    const QStringList &ids);
    static bool scanRowsOn(const QString &connectionName, TicketRowSink *sink);
    bool migrate();
    bool exec(const QString &sql);
    bool writeTicket(const Ticket &t, bool pending, const QString &serverJson);
    bool writeServerTicket(const Ticket &server, const QSet<QString> *pendingTickets = nullptr);
    QSet<QString> ticketsWithPendingEdits() const;
    // The hot writes of a feed page, prepared once per connection on SQLite's own handle.
    static constexpr int BulkCacheKiB = 128 * 1024; // the page cache during an initial sync
    enum class Statement {
        WriteTicket, WriteQueueRow, WriteMessage, WriteSearch, DropTicketTags, WriteTicketTag,
        DeleteSearch, AdvanceSearch, TicketRowid, Count
    };
    // The search file (core/ticketcachesearch.cpp): attached as `search`, made or replaced
    // when it is not this cache's complete-or-behind index.
    bool attachSearch();
    bool prepareSearchFile();
    void finalizeSearchStatements();
    SearchEntry searchEntry(qint64 rowid, const Ticket &t);
    bool writeSearchEntry(const SearchEntry &entry);
    bool deleteSearchEntry(qint64 rowid);
    // complete_to moves from `after` to `to` with this transaction's entries.
    bool advanceSearch(qint64 after, qint64 to);
    void handOffSearchEntries(); // a transaction committed: its entries go to the writer
    bool writeTicketTags(const Ticket &t); // core/tagcache.cpp
    QString customerName(const QString &id);
    sqlite3_stmt *statement(Statement id, const char *sql);
    bool run(sqlite3_stmt *statement, qint64 *returned = nullptr);
    void finalizeStatements();
    qint64 wordCode(const QString &value);
    QByteArray queueRow(const Ticket &t, bool pending);
    bool writeMessage(const Message &m, bool pending);
    bool applyLocally(Ticket &t, const Operation &op, Message *newMessage,
                      RuleCheck *refusal = nullptr) const;
    QString signedInAgentId() const;
    std::optional<Agent> signedInAgent() const;
    std::optional<PlanCatalog> cachedPlan(const QString &planId) const;
    bool rebuildFromServerState(const QString &ticketId);
    // A kind of record the desk edits through the outbox besides tickets (macros, saved
    // views), kept in `table` (id, data, server_seq, server_data): core/recordcache.cpp.
    struct EditedKind
    {
        QString table;
        QString stampKey; // in sync_state: moves on with every write of the kind
        // The record (as the feed's JSON) as `op` leaves it; none when the op does not read.
        std::optional<QJsonObject> (*fromOp)(const Operation &op, const QString &actorId);
    };
    static const EditedKind &macroKind();
    static const EditedKind &viewKind();
    bool rebuildRecord(const EditedKind &kind, const QString &id); // in the caller's transaction
    bool storeRecords(const EditedKind &kind, const QVector<QJsonObject> &records);
    QVector<QJsonObject> records(const EditedKind &kind) const;
    bool saveRecordEdit(const EditedKind &kind, const Operation &op);
    bool acknowledgeRecord(const EditedKind &kind, const QString &opId, qint64 version);
    bool rejectRecordEdit(const EditedKind &kind, const QString &opId, const QString &code,
                          const QStringList &args);
    std::optional<Ticket> serverState(const QString &ticketId) const;
    bool beginWrite();
    bool fail(const QString &message);
    void setBulkWrite(bool on);

    QString m_connectionName;
    QString m_path;
    mutable QString m_error;
    int m_failAt = 0;
    QuotaCounter m_quotaCounter; // none: ticketsInQuota()
    bool m_autoCheckpoint = true;
    bool m_bulkWrite = false; // from an initial sync's first page to its last (setBulkWrite)
    // While a feed page is written: its search entries, written after its rows.
    QVector<SearchEntry> *m_searchBatch = nullptr;
    // In a feed page's transaction whose start found ticket_tags empty, until a tag is
    // written: an untagged ticket has no tags to delete (tagcache.cpp).
    bool m_noTicketTags = false;
    QHash<QString, QString> m_customerNames;
    // While the search writer has the search file: the entries of the transaction under way,
    // handed over when it commits, with the feed sequences it moves the index between.
    SearchWriter *m_searchWriter = nullptr;
    QVector<SearchEntry> m_handOff;
    qint64 m_handOffAfter = -2;
    qint64 m_handOffTo = -2;
    sqlite3 *m_handle = nullptr; // the QSQLITE driver's connection, while statements are prepared
    std::array<sqlite3_stmt *, size_t(Statement::Count)> m_statements {};
    QHash<QString, qint64> m_wordCodes;
    bool m_wordCodesDirty = false;
};

} // namespace SupportDesk
