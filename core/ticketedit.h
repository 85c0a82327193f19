// What each client edit (an op of POST /ops) does to a ticket, defined once: the server applies
// it (wrapped in authorisation and persistence), the client's offline preview and the tests'
// fake server call the same function, so the three cannot drift (docs/api.md, "Operations").
#pragma once

#include "domain.h"
#include "planrules.h"

#include <functional>
#include <optional>

namespace SupportDesk {

class PlanCatalog;

enum class OpType {
    CreateTicket,
    Accept,
    Reply,
    Note,
    Assign,
    SetStatus,
    Reclassify,
    SetSoftware,
    QuotaOverride,
    AddTag,    // "add-tag": payload `tag` (core/tag.h)
    RemoveTag, // "remove-tag"
    Merge,     // "merge": payload `target_id`, the ticket this duplicate goes into (core/merge.h)
    Link,      // "link": payload `target_id`, a related ticket (core/ticketlink.h)
    Unlink,    // "unlink"
};

// The wire name of a type ("set-status"), and back; nullopt for a name no version knows.
QString opTypeName(OpType type);
std::optional<OpType> opTypeFromName(QStringView name);

// The payload keys of POST /ops, one spelling for every reader and writer.
namespace OpKey {
inline const QString CustomerId = QStringLiteral("customer_id");
inline const QString SubClient = QStringLiteral("sub_client");
inline const QString Subject = QStringLiteral("subject");
inline const QString Body = QStringLiteral("body");
inline const QString Channel = QStringLiteral("channel");
inline const QString Severity = QStringLiteral("severity");
inline const QString Software = QStringLiteral("software");
inline const QString SoftwareVersion = QStringLiteral("software_version");
inline const QString QuotaOverrideReason = QStringLiteral("quota_override_reason");
inline const QString MessageId = QStringLiteral("message_id");
inline const QString AuthorId = QStringLiteral("author_id");
inline const QString AssigneeId = QStringLiteral("assignee_id");
inline const QString Status = QStringLiteral("status");
inline const QString Reason = QStringLiteral("reason");
inline const QString Tag = QStringLiteral("tag");
inline const QString TargetId = QStringLiteral("target_id"); // merge, link, unlink
// Preview hints: the client's own guess, shown until the server answers; the server decides
// these itself and ignores them (docs/api.md).
inline const QString PlanId = QStringLiteral("plan_id");
inline const QString EditionId = QStringLiteral("edition_id");
inline const QString DueAt = QStringLiteral("due_at");
} // namespace OpKey

// OperationResult::result.
namespace OpResult {
inline const QString Applied = QStringLiteral("applied");
inline const QString Duplicate = QStringLiteral("duplicate");
inline const QString Conflict = QStringLiteral("conflict");
inline const QString Rejected = QStringLiteral("rejected");
} // namespace OpResult

// An op's payload, typed. Each type reads only its own fields (docs/api.md lists which).
struct TicketEdit
{
    OpType type = OpType::Accept;
    // create-ticket
    QString customerId;
    QString subClient;
    QString subject;
    QString channel;
    QString quotaOverrideReason;
    QString planId;    // preview hint
    QString editionId; // preview hint
    QDateTime dueAt;   // preview hint (create-ticket, reclassify)
    // create-ticket, reply, note
    QString body;
    // reply, note
    QString messageId;
    QString authorId;
    // assign
    QString assigneeId;
    // set-status
    QString status;
    // create-ticket, reclassify
    QString severity;
    // reclassify, quota-override
    QString reason;
    // create-ticket, set-software
    QString software;
    QString softwareVersion;
    // add-tag, remove-tag
    QString tag;
    // merge, link, unlink: the other ticket
    QString targetId;
};

// What every op is held to before any store sees it (docs/api.md, "Limits"), so that a store
// can take whatever passes: no string holds NUL (PostgreSQL's text cannot store one, and the
// failed statement would abort the transaction other agents' ops share) and ids fit an index
// entry (PostgreSQL refuses a B-tree entry over ~2,700 bytes).
namespace OpLimits {
constexpr qsizetype MaxIdLength = 128; // op_id, ticket_id, message_id, customer_id, …
constexpr qsizetype MaxTypeLength = 64;
} // namespace OpLimits

// Characters as docs/openapi.yaml's maxLength counts them (JSON Schema: code points), not
// UTF-16 units: "𐀀" is one character in two QChars. Every length limit of the API uses it.
qsizetype characterCount(QStringView text);
// A record's text field against its limit ("name: must be at most 200 characters"; NUL is
// refused too), else empty: the macro's and the saved view's rules word it the same way.
QString lengthProblem(const QString &field, QStringView value, qsizetype max);

// The envelope of an op: op_id and ticket_id non-empty ids, type a short name (an unknown one
// is refused by decodeEdit(), not here). Empty when it is fine, else the first problem with
// its field ("op_id: must not contain NUL"): an op whose op_id is unusable cannot even be
// answered by op_id, so the caller refuses the request (400).
QString checkOperation(const Operation &op);
// The problem of an id given anywhere (a route's path too): NUL, or longer than MaxIdLength;
// empty when fine.
QString checkId(QStringView id);

// The one codec of op payloads. decodeEdit() notes the first malformed field in `problem`
// ("payload.body: must be a string") and an unknown type as "type: unknown operation …".
// Every payload value must be a string without NUL, each id no longer than MaxIdLength. (A
// create-ticket's ticket_id must also be a UUID as Json::isUuid() spells it: the server checks
// that where it takes a new id in; a preview does not need it.)
std::optional<TicketEdit> decodeEdit(const Operation &op, QString *problem);
QJsonObject encodePayload(const TicketEdit &edit);
Operation makeOperation(const QString &opId, const QString &ticketId, qint64 baseVersion,
                        const TicketEdit &edit, const QDateTime &madeAt = {});

// What applying an edit needs besides the ticket: who, when, the ticket's plan (null: rules
// that need it are skipped, as in a preview without catalogs) and the accounts an assign names.
struct EditContext
{
    Agent actor;
    QDateTime at;
    const PlanCatalog *plan = nullptr;
    std::function<std::optional<Agent>(const QString &id)> findAgent;
    // The other ticket a merge or a link names (none: refused as unknown).
    std::function<std::optional<Ticket>(const QString &id)> findTicket;
    // The customer a merge's notice is written to, for their language (none: the language
    // the duplicate is written in). `{}`: a context built without it (a system event's) says
    // none on purpose (-Wmissing-field-initializers warned at each such use).
    std::function<std::optional<Customer>(const QString &id)> findCustomer {};
};

struct EditOutcome
{
    Ticket ticket;                // the new state (version and seq untouched: the store's)
    QVector<Message> messages;    // the authored message first, then system events; ids of
                                  // system events are empty (whoever stores them names them)
    std::optional<SeverityChange> severityChange; // its id empty: the store names it
    // The second ticket an edit changes (a merge's target, a link's other end), its version
    // untouched; `messages` holds events of both, each naming its ticket.
    std::optional<Ticket> other;
    // Further tickets the edit changes, their versions untouched: a merge's duplicate's linked
    // tickets, which point at the target now (core/merge.h).
    QVector<Ticket> relinked;
    RuleCheck refusal;            // not allowed: `ticket` is the ticket unchanged
    RuleCheck info;               // an applied edit's rule note (set-software out of scope)
    // Applied, but nothing to change (a tag the ticket has already, or one it does not have):
    // the store answers applied and writes nothing, so a bulk or macro tag is never a conflict.
    bool unchanged = false;
    bool refused() const { return !refusal.allowed(); }
};

// A system event on `t` by the context's actor at its time: `event` and `args` for each reader's
// language, `body` the English for those that do not know the code.
Message systemEvent(const Ticket &t, const EditContext &c, const QString &body,
                    const QString &event, const QStringList &args);

// Applies one edit of an existing ticket (every type but create-ticket) under the plan rules.
EditOutcome applyEdit(const Ticket &ticket, const TicketEdit &edit, const EditContext &context);

// The ticket a create-ticket edit describes, before the server's rules (channel, quota): the
// fields as given, trimmed, status new, created at `at`; plan, edition and deadline from the
// preview hints (the server overwrites them from the customer's plan). With the ticket's plan,
// its software is held to the plan's scope as scopeNewTicket() says (`info`: the rule's note).
Ticket ticketFromCreate(const QString &ticketId, const TicketEdit &edit, const QDateTime &at,
                        const PlanCatalog *plan = nullptr, RuleCheck *info = nullptr);
// What taking a new ticket in needs besides the op: who takes it in (may they override the
// quota), when, the customer and its plan as the one deciding knows them, and how many of the
// customer's tickets created in a quota month count toward its quota (countsTowardQuota), the
// new one not among them — asked only where the edition has a quota. The server counts its
// store (Store::ticketsInWindow), the desk's preview its cache (TicketCache::ticketsInQuota).
struct NewTicketContext
{
    Agent actor;
    QDateTime at;
    const Customer *customer = nullptr; // none: unknown-customer
    const PlanCatalog *plan = nullptr;  // the customer's plan; none: refused (invalid-op)
    // nullopt: the count could not be read (a store's error): neither taken nor refused.
    std::function<std::optional<int>(const MonthWindow &month)> ticketsInMonth;
};

struct NewTicketOutcome
{
    // The ticket as taken in: the customer's plan, edition and the deadline of its severity,
    // over-quota flag and reason, software as the catalog spells it; number, version and seq
    // are the store's. A refused one is still the ticket the op describes (the desk shows it
    // until the server's answer takes it back).
    Ticket ticket;
    QVector<Message> messages; // system events (over the quota), their ids empty
    RuleCheck refusal;
    RuleCheck info;            // an applied one's rule note (software out of scope)
    QuotaUse quota;            // the month's use, this ticket counted; no limit: unlimited
    bool countFailed = false;  // ticketsInMonth() answered nothing
    bool refused() const { return !refusal.allowed(); }
};

// A create-ticket under the plan rules, refused by the first that fails, in this order: a
// subject, a UUID for its id, a known customer and plan, a severity of the plan, a channel of
// the customer's edition, the sub-client (named, and one of the partner's accounts on file),
// the monthly quota (past it only with an override reason stated by someone who may: taken,
// flagged, with an event saying so). The one definition of taking a ticket in: the server's
// create-ticket (and the mail, IM and console intake through it) and the desk's preview of a
// new ticket both decide here, so the preview refuses what the server will, with the same code
// and arguments.
NewTicketOutcome applyCreate(const QString &ticketId, const TicketEdit &edit,
                             const NewTicketContext &context);

// A new ticket's third-party software against its plan: kept as the catalog spells it (the
// version alone) and flagged out of scope when the plan does not cover it; the server and the
// desk's preview of a new ticket both decide it here. Allowed when in scope or none is named.
RuleCheck scopeNewTicket(Ticket &t, const PlanCatalog &plan);

} // namespace SupportDesk
