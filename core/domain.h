// The desk's records as client and server both hold them: tickets, messages, customers,
// agents, team settings, and the operations a client sends (docs/api.md).
#pragma once

#include "localizedtext.h"
#include "tagrule.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>
#include <QVector>

#include <optional>

namespace SupportDesk {

// A ticket's status. Tickets, the feed and the stores spell it as the TicketStatus ids below;
// statusId and parseStatus are the one codec between the two, statusName (recordnames.h) the
// one translation.
enum class TicketState { New, Accepted, WaitingOnCustomer, Resolved, Closed };

namespace TicketStatus {
inline const QString New = QStringLiteral("new");
inline const QString Accepted = QStringLiteral("accepted");
inline const QString WaitingOnCustomer = QStringLiteral("waiting-on-customer");
inline const QString Resolved = QStringLiteral("resolved");
inline const QString Closed = QStringLiteral("closed");
const QStringList &all(); // in TicketState's order
// Still worked on: neither resolved nor closed (an unknown status counts as open, so a ticket
// from a newer server is never hidden).
bool isOpen(QStringView status);
} // namespace TicketStatus

QString statusId(TicketState status);
std::optional<TicketState> parseStatus(QStringView id); // exactly an id, else nullopt

// An account's role. The wire and the stores spell it as roleId gives; parseRole reads it back
// and refuses anything else. Unknown is a role a newer server gave the account that this build
// does not know (Agent::unknownRole holds it as written): it has the least of every privilege
// below, never more (docs/api.md, "Compatibility"). parseRole never answers it.
enum class AgentRole { Agent, Lead, Admin, Service, Unknown };

QString roleId(AgentRole role); // empty for Unknown
struct Agent;
QString roleId(const Agent &agent); // its role as written, an unknown one too
std::optional<AgentRole> parseRole(QStringView id); // exactly an id ("lead"), else nullopt
const QStringList &roleIds(); // the known ones, in AgentRole's order
// Only people who work tickets are offered as assignees, listed in agent load and may be
// given a ticket: agents and leads, not the desk's admin or a service account.
bool takesTickets(AgentRole role);
// Who sees the lead board, reads the reports, saves team settings and overrides a partner's
// quota: leads, and the desk's admin.
bool leadsTeam(AgentRole role);
// Who reads the whole desk (the change feed, the stream) and edits tickets with ops: everyone
// but a service account, which files tickets for its own customers through the intake routes
// and reads their public conversation only (internal notes never reach a console). An unknown
// role reads what the server let it read (its desk has the feed): the desk shows it, nothing
// more.
bool readsTheDesk(AgentRole role);
// Who may take a ticket in past its customer's monthly quota by stating why, at intake or
// afterwards (BRIEF: "taken only with a stated override reason and flagged for the lead"): the
// desk's people, agents, leads and the admin. Never a service account (the portal, the
// console): a customer does not override their own quota. One rule for `create-ticket`'s
// `quota_override_reason` and the `quota-override` op.
bool overridesQuota(AgentRole role);

// Ticket::flags.
namespace TicketFlag {
inline const QString OverQuota = QStringLiteral("over-quota");
inline const QString OutOfScope = QStringLiteral("out-of-scope");
} // namespace TicketFlag

// Sets or clears one flag, keeping each flag once.
void setFlag(QStringList &flags, const QString &flag, bool on);

// Where the customer reads a ticket's public replies, decided by the server when a mail or
// an IM group opens the ticket (never by a client's op): the pane says it above the composer
// before an agent sends. Empty `via`: the desk only (a ticket made by an agent or the console).
namespace ReplyVia {
inline const QString Email = QStringLiteral("email");
inline const QString Im = QStringLiteral("im");
} // namespace ReplyVia

struct ReplyRoute
{
    QString via; // ReplyVia, or empty
    QString to; // the customer's e-mail address, or the IM group's name
    QString im; // an IM group's kind: wecom, slack, …
    bool operator==(const ReplyRoute &o) const
    {
        return via == o.via && to == o.to && im == o.im;
    }
};

struct Ticket
{
    QString id; // UUID, made by whoever creates the ticket
    qint64 number = 0; // the server's human-facing number; 0 until the server has it
    QString customerId;
    QString subClient; // a partner's sub-client account
    QString subject;
    QString body;
    QString channel;
    QString severity;
    QString status = TicketStatus::New;
    QString assigneeId;
    QString planId;
    QString editionId;
    QDateTime createdAt;
    QDateTime firstResponseAt;
    QDateTime dueAt;
    QDateTime updatedAt;
    QString software; // third-party software id, if the case involves one
    QString softwareVersion;
    QStringList flags; // over-quota, out-of-scope
    QStringList tags;  // normalised (core/tag.h), in the order they were added
    QString quotaOverrideReason;
    ReplyRoute reply; // where public replies go (the server's, from the mail or IM tables)
    // Merge and link (core/merge.h, docs/merge.md): the ticket this duplicate was merged into
    // (with its number, so the pane says "Merged into #N" without the target at hand), the
    // duplicates merged into this one, and related tickets, each link kept on both tickets.
    QString mergedInto;
    qint64 mergedIntoNumber = 0;
    QStringList mergedFrom;
    QStringList links;
    qint64 version = 0; // bumped by the server on every change
    qint64 seq = 0;     // the change-feed sequence of the last change
};

// What taking a ticket in (受理) does to it, wherever it is decided: the server applying an
// `accept` (or a status change to accepted), the client's preview of the same edit, and the
// tests' fake server. The status becomes accepted, the response clock stops at `at` if it
// still ran, and a ticket nobody had becomes the accepting agent's, so it leaves "Unassigned"
// for the agent's own queue. True when it assigned the ticket.
bool acceptTicket(Ticket &t, const QString &agentId, const QDateTime &at);

// A severity change of a ticket (a reclassification): the one record the server keeps, the feed
// carries (kind severity_change), the cache stores and the service report lists, read and
// written everywhere by Json::toJson / Json::fromJson below.
struct SeverityChange
{
    QString id; // the feed record's id; empty until the server has recorded the change
    QString ticketId;
    QString fromSeverity;
    QString toSeverity;
    QString reason;
    QString changedBy;
    QDateTime changedAt;
};
bool operator==(const SeverityChange &a, const SeverityChange &b);
inline bool operator!=(const SeverityChange &a, const SeverityChange &b) { return !(a == b); }

namespace MessageKind {
inline const QString Public = QStringLiteral("public");
inline const QString Internal = QStringLiteral("internal");
inline const QString System = QStringLiteral("system");
// What the customer wrote on their channel (a mail, an IM group's message): public, as the
// customer's own words, never sent back out; its author is the mail address or
// "im:<group id>". Only the server's intake paths make it, never an op.
inline const QString Customer = QStringLiteral("customer");
const QStringList &all(); // the kinds this build knows; a newer server's other kind is kept
} // namespace MessageKind

struct Message
{
    QString id;
    QString ticketId;
    QString kind = MessageKind::Public;
    QString authorId;
    QString body;
    QDateTime createdAt;
    qint64 seq = 0;
    // A system event also says what happened as a code and its arguments, so each reader sees
    // it in their own language; `body` is the English text for readers that do not know the
    // code. Codes: accepted [by], assigned [to, by], unassigned [by], status [from, to, by],
    // severity [from, to, by, reason], software [software, version, by, in-scope|out-of-scope],
    // quota-override [by, reason], over-quota [used, limit, reason].
    QString event;
    QStringList args;
};

struct SubClient
{
    QString account;
    QString name;
};

struct Contact
{
    QString role; // technical-account-manager, …
    QString name;
    QString email;
};

struct Customer
{
    QString id;
    QString name;
    QString planId;
    QString editionId;
    QDate editionSince;
    QString timeZone; // IANA; the plan's quota zone when empty
    // The language the desk answers the customer in: one of CustomerLanguage::ids(), empty
    // when not known (the desk guesses from what the customer wrote: customerLanguage()).
    QString language;
    QVector<Contact> contacts;
    QVector<SubClient> subClients;
    qint64 seq = 0;
};

// The customer record's `language`: its codes, one spelling for the codec, the server's
// check and the desk. Any other value is refused where a customer is taken in (the server's
// import), and read as not known where a newer server sent it (the feed, the cache): the
// record keeps the code as written, fromId() answers nullopt, the desk guesses.
namespace CustomerLanguage {
inline const QString Chinese = QStringLiteral("zh_CN");
inline const QString English = QStringLiteral("en");
const QStringList &ids();
// The language a code names; nullopt for empty (not known) or a code no version knows.
std::optional<Language> fromId(QStringView id);
} // namespace CustomerLanguage

struct Agent
{
    QString id;
    QString name;
    // Service is an account programs act through (the customer portal), never a person.
    AgentRole role = AgentRole::Agent;
    QString locale;
    qint64 seq = 0;
    // The role as a newer server wrote it when `role` is Unknown ("supervisor"), kept so the
    // record is written back whole and an upgraded desk reads it right; else empty. Last, so
    // the records built field by field ({id, name, role, locale, seq}) stay as they are; its
    // `{}` says those leave it empty on purpose (-Wmissing-field-initializers warned at each).
    QString unknownRole {};

    bool takesTickets() const { return SupportDesk::takesTickets(role); }
    bool leadsTeam() const { return SupportDesk::leadsTeam(role); }
    bool overridesQuota() const { return SupportDesk::overridesQuota(role); }
};

struct TeamSettings
{
    // A day: a warning earlier than that is no warning (and the field is an int).
    static constexpr int MaxNotifyBeforeBreachMinutes = 24 * 60;
    double atRiskFraction = 0.25;
    int notifyBeforeBreachMinutes = 5;
    qint64 seq = 0;
    QVector<TagRule> tagRules {}; // applied by the server to each ticket it creates
};

// One client edit, sent in a POST /ops batch. `opId` makes it idempotent.
struct Operation
{
    QString opId;
    QString type; // create-ticket, accept, reply, note, assign, set-status, reclassify,
                  // set-software, quota-override
    QString ticketId;
    qint64 baseVersion = 0; // the ticket version the edit was made on (0 for create-ticket)
    QJsonObject payload;
    QDateTime madeAt; // client time, for the record only; the server stamps its own
};

struct OperationResult
{
    QString opId;
    QString result; // applied, duplicate, conflict, rejected; or one a newer server added
    QString code;   // why, for conflict and rejected
    QStringList args;
    bool hasTicket = false;
    Ticket ticket; // the ticket as it now stands on the server

    // One of the four results above. Any other is a newer server's, which this desk cannot take
    // for any of them: its op stays in the outbox and goes again (the op id makes that safe).
    bool isKnownResult() const;
};

// JSON codecs shared by client and server. Readers list every problem with its field path.
namespace Json {
// What a reader does with a value this build does not know in a field with a fixed set of
// values (a customer's language, an agent's role, a ticket's status, a message's kind…;
// docs/api.md, "Compatibility: an older desk and a newer server"). Keep: the record is read,
// the value kept as written and taken as unknown (what a server sends a desk, what a store
// holds: a newer server's records must not stop an older desk). Refuse: a problem naming the
// field, as for any bad value (the server's own inputs: `customer import`, POST bodies).
enum class UnknownValues { Keep, Refuse };

// A JSON number that is a non-negative integer exactly (up to 2^53, where doubles stop being
// exact), else 0. Any other number is refused before it is converted: casting a double out
// of qint64's range (1e300 in a reply) is undefined behaviour.
qint64 nonNegativeInteger(const QJsonValue &v, bool *ok = nullptr);
QJsonObject toJson(const Ticket &t);
QJsonObject toJson(const Message &m);
QJsonObject toJson(const Customer &c);
QJsonObject toJson(const Agent &a);
QJsonObject toJson(const TeamSettings &s);
QJsonObject toJson(const Operation &op);
QJsonObject toJson(const OperationResult &r);
QJsonObject toJson(const SeverityChange &c);

bool fromJson(const QJsonObject &o, Ticket *t, QStringList *errors, const QString &path = {},
              UnknownValues unknown = UnknownValues::Keep);
bool fromJson(const QJsonObject &o, Message *m, QStringList *errors, const QString &path = {},
              UnknownValues unknown = UnknownValues::Keep);
bool fromJson(const QJsonObject &o, Customer *c, QStringList *errors, const QString &path = {},
              UnknownValues unknown = UnknownValues::Keep);
bool fromJson(const QJsonObject &o, Agent *a, QStringList *errors, const QString &path = {},
              UnknownValues unknown = UnknownValues::Keep);
bool fromJson(const QJsonObject &o, TeamSettings *s, QStringList *errors, const QString &path = {});
bool fromJson(const QJsonObject &o, Operation *op, QStringList *errors, const QString &path = {});
// An unknown `result` is kept (OperationResult::isKnownResult()).
bool fromJson(const QJsonObject &o, OperationResult *r, QStringList *errors,
              const QString &path = {});
// `id` may be absent (a change not yet recorded); the feed's reader asks for it besides.
bool fromJson(const QJsonObject &o, SeverityChange *c, QStringList *errors,
              const QString &path = {});

QString timestamp(const QDateTime &t); // ISO 8601 UTC with milliseconds, or empty
// A UUID in the one form ids are stored and compared in: "xxxxxxxx-xxxx-…", lower case, no
// braces. QUuid::fromString() also takes "{…}" and upper case, which would make a second
// spelling of an existing id.
bool isUuid(QStringView text);
QDateTime parseTimestamp(const QString &text);
QDateTime parseTimestamp(QUtf8StringView text); // the same, from UTF-8 bytes
} // namespace Json

} // namespace SupportDesk
