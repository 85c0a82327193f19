// The server's database: schema and migrations, the change feed, the operations with their
// rules, agents and tokens. One Store per thread, each with its own connection; SQLite (WAL)
// or PostgreSQL behind the same SQL. The implementation is split by what it holds: store.cpp
// (connection, transactions, record writes), storeschema.cpp (migrations), storefeed.cpp
// (GET /changes), storerecords.cpp (reads), storeops.cpp (POST /ops and its rules),
// storereports.cpp and storeadmin.cpp (agents, tokens, customers, documents, settings, imports).
#pragma once

#include "attachment.h"
#include "clock.h"
#include "im.h"
#include "metrics.h"
#include "domain.h"
#include "plancatalog.h"
#include "planrules.h"
#include "serviceuse.h"
#include "triage.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace SupportDesk {
struct TicketEdit;
struct EditOutcome;
}

namespace SupportDesk::Server {

struct InboundMail;
struct MailIngest;
struct OutboxMail;

struct OpsOutcome
{
    bool ok = false; // false: a database error; nothing was committed
    QString error;
    QVector<OperationResult> results;
    qint64 lastSeq = 0; // the feed's sequence after the commit
    // Each result as compact JSON, when the store encoded it already (for applied_ops); empty
    // where it did not. The answer is made of these rather than of the results encoded again.
    // `{}`: an outcome built without it (a failed batch's) has none, on purpose.
    QVector<QByteArray> encoded {};
};

// Where the writer's time goes (logged when the server stops; docs/server.md, the scale-out
// profile). Nanoseconds, summed over every group commit.
struct WriteProfile
{
    qint64 groups = 0;
    qint64 requests = 0;
    qint64 ops = 0;
    qint64 maxGroup = 0;
    qint64 retriedWithLock = 0; // groups applied again with the sequence row taken first
    qint64 lockNs = 0; // BEGIN, the sequence row's lock (waiting for other writers), lookups
    qint64 applyNs = 0; // the rules and the statements built in memory (CPU)
    qint64 commitNs = 0; // the writes, the notification and COMMIT (fsync)
    // Each group's phases and its wait for the sequence row, for the tail (docs/server.md).
    Samples lock, apply, commit;
};

struct OpsBatch
{
    Agent by;
    QVector<Operation> ops;
};

class Store
{
public:
    static constexpr int SchemaVersion = 14;
    // PostgreSQL: the channel a commit notifies with its new sequence (the payload).
    static constexpr const char *ChangesChannel = "supportdesk_changes";

    ~Store();
    // `spec` is a file path (SQLite) or a postgresql:// URL.
    static std::unique_ptr<Store> open(const QString &spec, const CatalogSet *catalogs,
                                       QString *error);
    // Brings the schema to SchemaVersion, step by step, each step in a transaction; then runs
    // `thenUnderLock` (first-start seeding) before another process may migrate. On PostgreSQL
    // under an advisory lock, so processes starting together take turns.
    bool migrate(QString *error, const std::function<bool()> &thenUnderLock = {});
    bool isPostgres() const { return m_postgres; }
    // Where a transaction's time comes from; none: the system's. Tests fix it (--fixed-clock).
    void setClock(std::shared_ptr<const Clock> clock) { m_clock = std::move(clock); }
    // The connection's driver, for the listener of ChangesChannel (on this Store's thread).
    QSqlDriver *driver() const { return m_db.driver(); }
    QString lastError() const { return m_error; }
    const WriteProfile &writeProfile() const { return m_profile; }
    // Replies this connection has put in the IM outbox (queueImReply), ever: a write that
    // changes it is one the courier should look at now rather than at its next poll.
    qint64 imRepliesQueued() const { return m_imRepliesQueued; }

    // Reads.
    std::optional<Agent> agentByToken(const QString &token);
    // The feed page as the JSON body of GET /changes, without its leading
    // `{"server_time": …,` (the caller stamps the time; the rest may be cached unless
    // `*personal` is set: the page held a record for one account only, shown to `viewerId`
    // when it is that account's and left out otherwise).
    std::optional<QByteArray> changesPage(qint64 after, int limit, const QString &viewerId = {},
                                          bool *personal = nullptr);
    // The highest sequence in the feed (one index probe).
    std::optional<qint64> maxSeq();
    // SQLite's PRAGMA data_version: it changes when another connection (of any process)
    // committed since this one last asked (CommitWatch). Nothing on PostgreSQL.
    std::optional<qint64> dataVersion();
    // SQLite: the mail outbox's last row (its rowid: mail is never deleted), 0 when empty; the
    // commit watch wakes the mail sender when a commit moved it (server/mailstore.cpp).
    std::optional<qint64> mailOutboxHead();
    std::optional<Ticket> ticket(const QString &id);
    std::optional<Customer> customer(const QString &id);
    std::optional<Agent> agent(const QString &id);
    std::optional<TeamSettings> settings();
    // A document an admin loaded (`calendar`): empty when none was; nothing on a read error.
    std::optional<QByteArray> document(const QString &name);
    QVector<Customer> customers();
    QVector<Agent> agents();
    // Tickets created in [from, to), optionally of one customer.
    std::optional<QVector<Ticket>> ticketsCreated(const QDateTime &from, const QDateTime &to,
                                                  const QString &customerId = {});
    std::optional<QVector<SeverityChange>> severityChanges(const QStringList &ticketIds);
    qint64 lastSeq();
    QStringList ticketIds(const QString &status, int limit); // oldest first

    // Writes; each is one transaction and stamps what it writes with the next sequence.
    OpsOutcome applyOps(const Agent &by, const QVector<Operation> &ops);
    // Several requests' batches in one transaction (group commit). A batch whose statement
    // fails fails alone: the others are applied again without it and commit together.
    QVector<OpsOutcome> applyOpsGroup(const QVector<OpsBatch> &batches);
    std::optional<qint64> putSettings(const Agent &by, const TeamSettings &settings);
    // A new agent and its token (returned once; only its hash is kept). With `token` given,
    // that one is kept instead of a random one (the demo's tokens, derived from its secret).
    std::optional<QString> addAgent(Agent *agent, const QString &token = QString());
    // The value under `key` in the meta table; `initial` is stored first when there is none.
    std::optional<qint64> metaValue(const QString &key, qint64 initial);
    std::optional<QString> newToken(const QString &agentId); // replaces the agent's token
    bool putCustomer(const Customer &customer);
    bool putDocument(const QString &name, const QByteArray &data); // replaces it, audited
    // Writes tickets as they are (demo backlog, benchmark data), with their messages; numbers
    // are given to tickets that have none. One transaction.
    bool importTickets(QVector<Ticket> *tickets, QVector<Message> *messages);
    bool hasCustomers();
    bool hasSettings();

    static QString hashToken(const QString &token);

    // E-mail (mailstore.cpp, docs/mail.md). One inbound message in one transaction: a new
    // ticket under the plan rules, a message on the ticket it answers, or kept for triage;
    // the same Message-ID twice is one message. Nothing on a database error.
    // Its files become the ticket's attachments, those up to `maxAttachmentBytes` each: the
    // server's --max-attachment, which every caller passes (no default to fall back on).
    std::optional<MailIngest> ingestMail(const InboundMail &mail, const QByteArray &raw,
                                         qint64 maxAttachmentBytes);
    // The outbox, for its sender: the next due mail, leased to this caller until `leaseUntil`
    // (one sender per mail, across processes); nothing on an error, an empty id when none.
    std::optional<OutboxMail> claimMail(const QDateTime &now, const QDateTime &leaseUntil);
    bool markMailSent(const QString &id, const QDateTime &at);
    // Back to the queue until `retryAt`, or given up (`final`), with what went wrong.
    bool markMailUnsent(const QString &id, const QString &error, const QDateTime &retryAt,
                        bool final);
    // "in <outcome>" and "outbox <state>" → count, for /metrics.
    std::optional<QHash<QString, qint64>> mailCounts();
    // An address ("li.wei@acme.cn") or a whole domain ("@acme.cn") a customer writes from;
    // false when the customer is unknown or the database fails.
    bool putMailSender(const QString &address, const QString &customerId);
    std::optional<QVector<QStringList>> mailSenders(); // address, customer id
    // Inbound mail with one outcome, newest first: received_at, sender, subject, reason.
    std::optional<QVector<QStringList>> mailInbox(const QString &outcome, int limit);
    // Triage in the desk (server/triagestore.cpp, docs/mail.md "Triage"): the mails kept for a
    // person, by state; one by its Message-ID; a lead's decision on one, taken once.
    std::optional<QVector<TriageMail>> triageMails(const QString &state, int limit);
    std::optional<qint64> triageWaiting();
    std::optional<TriageMail> triageMail(const QString &messageId);
    std::optional<TriageOutcome> decideTriage(const Agent &by, const TriageDecision &decision,
                                              qint64 maxAttachmentBytes);

    // The console's intake (server/intakestore.cpp). The customers a service account files
    // tickets for ("*": every customer); empty when none; nothing on a read error.
    std::optional<QStringList> serviceCustomers(const QString &agentId);
    bool setServiceCustomers(const QString &agentId, const QStringList &customerIds);
    // A ticket's public messages (replies the customer sees), oldest first.
    std::optional<QVector<Message>> publicMessages(const QString &ticketId);

    // Attachments (server/attachmentstore.cpp). Stores the bytes under their sha256 (once)
    // and the attachment with a feed record, in one transaction. An id already used is not
    // stored again: that attachment is returned with `existed` set.
    std::optional<Attachment> addAttachment(const Agent &by, Attachment attachment,
                                            const QByteArray &data, bool *existed);
    std::optional<Attachment> attachment(const QString &id); // empty id: none
    std::optional<QVector<Attachment>> attachments(const QString &ticketId);
    std::optional<QByteArray> attachmentData(const QString &sha256);
    // The files sent with one message (a reply's, for its mail), oldest first.
    std::optional<QVector<Attachment>> messageAttachments(const QString &messageId);
    // SQLite: the directory the bytes are kept in, beside the database file.
    QString attachmentDir() const;

    // IM groups (server/imstore.cpp).
    bool putImGroup(const ImGroup &group); // adds or replaces, audited
    std::optional<ImGroup> imGroup(const QString &id); // empty id: none
    QVector<ImGroup> imGroups();
    struct ImIntake
    {
        enum class Result { Applied, Duplicate, Refused, Failed } result = Result::Failed;
        RuleCheck check; // Refused: why (the plan's rule)
        QString ticketId;
        qint64 ticketNumber = 0;
        bool newTicket = false;
        qint64 seq = 0; // the feed's sequence after the commit
    };
    // A group's message into its open ticket, or a new ticket when it has none open, under the
    // plan rules; a message id the group sent before changes nothing (Duplicate).
    ImIntake takeImMessage(const ImGroup &group, const QString &messageId, const QString &sender,
                           const QString &text);
    // The outbox of replies to post back. A reply is claimed by one process for `lease`
    // seconds (so of several processes only one posts it), then marked sent or given back
    // with its next attempt's time.
    struct ImDelivery
    {
        QString messageId;
        ImGroup group;
        QString ticketId;
        qint64 ticketNumber = 0;
        QString body;
        int attempts = 0;
    };
    std::optional<ImDelivery> claimImDelivery(const QString &claimer, int leaseSeconds);
    bool finishImDelivery(const ImDelivery &delivery, const QString &claimer, bool sent,
                          const QString &error);
    struct ImOutboxRow
    {
        QString messageId;
        int attempts = 0;
        QDateTime sentAt;
        QString lastError;
    };
    std::optional<QVector<ImOutboxRow>> imOutbox(); // for tests and `im outbox`

private:
    Store() = default;
    bool exec(const QString &sql);
    bool migrateSteps(QString *error);
    // A migration step's part SQL cannot say (server/intakereplyroute.cpp): tickets opened by
    // mail or an IM group before their record carried a reply route get it (and a mail
    // ticket its `email` channel), from mail_threads and im_group_tickets, with new feed
    // sequences so desks take the records again. In the step's transaction.
    bool backfillReplyRoutes();
    // In the same step: messages customers wrote (a mail's reply, an IM group's message),
    // stored as `public` before the `customer` kind, become `customer`, with new sequences.
    bool backfillCustomerMessages();
    static constexpr qint64 MigrationLock = 0x5D5C4E4D; // pg_advisory_lock's key: "SDMG"
    bool fail(const QString &message);
    // Opens a write transaction holding the sequence row. On PostgreSQL `lookup` (a SELECT),
    // when given, travels in the same round trip, read by `readLookup` under the lock; when
    // it is the lookup that fails, *lookupFailed is set. Without `lockSequence` (PostgreSQL
    // with the group function only) the row is taken at the end, by supportdesk_write_group():
    // sequences and new ticket numbers are placeholders (Placeholder + k) until then, and
    // every record read is checked there to be unchanged (TxState::expect).
    bool begin(const QString &lookup = {}, const std::function<void(QSqlQuery &)> &readLookup = {},
               bool *lookupFailed = nullptr, bool lockSequence = true);
    // Where the placeholders of a transaction without the lock start (schema 10): far above
    // any real sequence or ticket number, below 2^53 (exact in a JSON number), and of one
    // width, so supportdesk_fill() finds each in the JSON text without taking a prefix.
    static constexpr qint64 Placeholder = 4'000'000'000'000'000;
    // A sequence or ticket number of the committed transaction: its placeholder filled in.
    qint64 filledSeq(qint64 v) const
    {
        return v >= Placeholder ? m_txBaseSeq + v - Placeholder : v;
    }
    qint64 filledNumber(qint64 v) const
    {
        return v >= Placeholder ? m_txBaseNumber + v - Placeholder : v;
    }
    bool commit();
    bool commitLate(const QStringList &statements); // commit() without the row taken first
    void rollback();
    qint64 nextSeq() { return ++m_txSeq; }
    // A statement prepared once per connection (PostgreSQL: PREPARE is a round trip, and so
    // is the DEALLOCATE of a QSqlQuery that goes out of scope).
    QSqlQuery &prepared(const QString &sql);
    QString literal(const QVariant &value) const;
    // An INSERT/UPDATE with `?` placeholders. In a PostgreSQL transaction it is kept and sent
    // with COMMIT (one round trip for all of a group's writes); otherwise run at once. A row of
    // one of the tables supportdesk_write_group() writes names it in `groupTable` (the values
    // in that function's column order): with the function, the row goes to it instead.
    bool write(const QString &sql, const QVariantList &values, const char *groupTable = nullptr);
    static QString recordKey(const QString &kind, const QString &id)
    {
        return kind + QChar(u'\x1f') + id;
    }
    // A record as this transaction sees it: written in it, prefetched, or read now. Empty
    // when there is none; nothing on a database error.
    std::optional<QString> recordData(const QString &kind, const QString &id);
    // What a group of ops will look up (their op ids, tickets and customers), read in the
    // round trip that takes the lock (begin()), so each op's lookups are answered from memory.
    struct Prefetch
    {
        QSet<QString> opIds, ticketIds, customerIds;
        bool settings = false; // a create-ticket reads the team's tag rules
        QString sql; // EXECUTE of GroupLookup with the group's ids
    };
    // The lookup every POST /ops group makes (PostgreSQL), prepared once per connection: the
    // ids go in as arrays, so it is not parsed and planned anew each group with the ids
    // inlined (~0.17 ms of PostgreSQL's CPU a group, docs/server.md). PostgreSQL plans it
    // again when ANALYZE updates the tables' statistics, so the plan follows the data.
    static const char *const GroupLookup;
    static QString groupLookupPreparation();
    static Prefetch prefetchQuery(const QVector<OpsBatch> &batches, const QVector<bool> &excluded,
                                  const std::function<QString(const QString &)> &literal);
    void readPrefetch(const Prefetch &prefetch, QSqlQuery &q);
    // `audience`: the one account the feed shows the record to; empty, every desk account.
    bool writeRecord(const QString &kind, const QString &id, qint64 seq, const QJsonObject &data,
                     const QString &audience = {});
    bool writeTicket(Ticket &t); // stamps seq, version is the caller's
    bool writeMessage(Message &m);
    bool audit(const QString &actor, const QString &action, const QString &target,
               const QJsonObject &detail);
    OperationResult applyOne(const Agent &by, const Operation &op, bool *dbError, bool *replayed);
    // Json::toJson(r), with the ticket's JSON as writeTicket made it when it is that ticket.
    QJsonObject resultJson(const OperationResult &r) const;
    // One attempt at a group, leaving out the excluded batches: nullopt when committed, else
    // the batch whose statement failed (rolled back), CommitFailed when the commit failed (on
    // PostgreSQL the writes travel with it), or -1 when the failure is no one batch's.
    static constexpr qsizetype CommitFailed = -2;
    // A group applied without the sequence row failed (what it read had changed, or any
    // other failure): apply it again the old way, the row taken first.
    static constexpr qsizetype RetryWithLock = -3;
    std::optional<qsizetype> applyGroupOnce(const QVector<OpsBatch> &batches,
                                            const QVector<bool> &excluded,
                                            QVector<OpsOutcome> *outcomes,
                                            bool lockSequence = true);
    // `reply`: where its public replies go, when a mail or an IM group opens it (never a
    // client's op, whose ticket is the desk's only).
    OperationResult createTicket(const Agent &by, const Operation &op, bool *dbError,
                                 const ReplyRoute &reply = {});
    // A ticket opened by a customer's mail (server/mailstore.cpp): a known sender's, or one a
    // lead filed from triage; its thread and acknowledgement with it.
    OperationResult openMailTicket(const Agent &by, const InboundMail &mail,
                                   const Customer &customer, const MailTicketChoice &choice,
                                   qint64 maxAttachmentBytes, bool *dbError);
    bool keepMailAttachments(const InboundMail &mail, const QString &ticketId, bool reply,
                             qint64 maxAttachmentBytes);
    // The "triage" record: the count of waiting mails, a new seq each time it changes; called
    // before the transaction writes the mail that changes it by `change`.
    bool writeTriageWaiting(int change);
    // save-macro and delete-macro under the macro access rules (server/macrostore.cpp).
    OperationResult applyMacroOp(const Agent &by, const Operation &op, bool *dbError);
    // save-view and delete-view: the sender's own saved views (server/viewstore.cpp).
    OperationResult applyViewOp(const Agent &by, const Operation &op, bool *dbError);
    // record-service-use and cancel-service-use, a lead's (server/serviceusestore.cpp).
    OperationResult applyServiceUseOp(const Agent &by, const Operation &op, bool *dbError);
    // A customer's IEM and training records, this transaction's writes included.
    std::optional<QVector<ServiceUse>> serviceUseOf(const QString &customerId);
    // In an op's transaction: a public reply on a ticket whose reply route is e-mail goes to
    // the outbox with it (mailstore.cpp).
    bool queueReplyMail(const Agent &by, const Ticket &t, const QVector<Message> &messages);

    // A public reply on a ticket an IM group opened goes into the group's outbox, in the
    // reply's transaction (server/imstore.cpp). Only tickets whose reply route is IM look.
    bool queueImReply(const Ticket &ticket, const Message &reply);
    // Attachments in a transaction (attachmentstore.cpp): the bytes kept under their sha256
    // (PostgreSQL: in the transaction; SQLite: a file, written before the row), a new
    // attachment's row and feed record, and the files a reply or note names (its payload's
    // `attachments`, "id,id") linked to its message.
    bool keepAttachmentBytes(const QString &sha256, const QByteArray &data);
    bool insertAttachment(const QString &by, Attachment *attachment);
    bool linkAttachments(const Message &message, const QString &ids);
    std::optional<QVector<Attachment>> attachmentsWhere(const char *column, const QString &value);
    // Merge and link (server/mergestore.cpp): the other tickets an edit changed (the second
    // one, a merge's relinked ones), each written with a new version; for a merge, first the
    // duplicate's messages and files moved to the target.
    bool writeOtherTickets(const TicketEdit &edit, const Ticket &edited,
                           const EditOutcome &outcome);
    bool moveMergedRecords(const QString &from, const QString &to);
    // The ticket a customer's mail answers: a merged duplicate's target (itself otherwise).
    std::optional<Ticket> mergeTarget(const std::optional<Ticket> &ticket);
    // The customer's duplicates created in [from, to) and merged into another ticket: not
    // counted in the monthly quota (countsTowardQuota, core/planrules.h).
    std::optional<int> mergedInWindow(const QString &customerId, const QDateTime &from,
                                      const QDateTime &to);
        std::optional<int> ticketsInWindow(const QString &customerId, const QDateTime &from,
                                       const QDateTime &to);

    QSqlDatabase m_db;
    std::unique_ptr<class QSqlQuery> m_maxSeqQuery; // prepared once: asked on every feed read
    std::unique_ptr<class QSqlQuery> m_dataVersionQuery; // prepared once: asked 5 times a second
    std::unique_ptr<class QSqlQuery> m_mailHeadQuery; // prepared once: asked at each commit seen
    // The first column of the first row of `sql`, prepared into `*query` at the first call.
    std::optional<qint64> preparedValue(std::unique_ptr<class QSqlQuery> *query,
                                        const QString &sql);
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_prepared;
    // What the open write transaction has written and looked up.
    struct TxState
    {
        bool open = false;
        QStringList pending; // PostgreSQL: writes sent with COMMIT
        QHash<QByteArray, QJsonArray> rows; // PostgreSQL: supportdesk_write_group()'s, by table
        QHash<QString, QString> records; // recordKey → data; "" when known not to exist
        QHash<QString, QString> ops; // op_id → first result; "" when known not applied
        QSet<QString> messages; // message ids written
        // The JSON of each ticket as written (writeTicket), by id: an op's result holds the
        // same ticket, and encoding it is most of a create-ticket's CPU on the writer.
        QHash<QString, QJsonObject> ticketJson;
        QHash<QString, int> created; // customer id → tickets created
        // Without the sequence row (begin()'s lockSequence false): what was read, to be
        // checked unchanged under the row at the end (supportdesk_write_group(), schema 10).
        bool late = false;
        QJsonArray expect; // [kind, id, seq or null when there was none]
        QJsonArray quota; // [customer id, from, to, tickets counted]
    };
    TxState m_tx;
    QString m_connection;
    const CatalogSet *m_catalogs = nullptr;
    bool m_postgres = false;
    // PostgreSQL: a group's writes go through supportdesk_write_group() (schema 5); false:
    // as one multi-statement query of single-row INSERTs (SUPPORTDESK_PG_GROUP_WRITE=statements,
    // kept to measure the two against each other: bench/server/scaleout.sh).
    bool m_groupFunction = false;
    // PostgreSQL with the function, SUPPORTDESK_PG_SEQUENCE_LOCK=end: POST /ops groups take
    // the sequence row at the end of the transaction (false, the default: at its start).
    bool m_lateSequence = false;
    bool m_groupLookupPrepared = false; // PostgreSQL: PREPARE GroupLookup sent on this connection
    qint64 m_txBaseSeq = 0; // where the placeholders of the last late commit started
    qint64 m_txBaseNumber = 0;
    QString m_error;
    qint64 m_txSeq = 0;
    qint64 m_txFirstSeq = 0; // the sequence when the transaction began
    qint64 m_txNumber = 0;
    qint64 m_txFirstNumber = 0;
    QDateTime m_now; // the transaction's time
    std::shared_ptr<const Clock> m_clock;
    WriteProfile m_profile;
    qint64 m_imRepliesQueued = 0;
};

} // namespace SupportDesk::Server
