// Macros: prepared replies in both languages with placeholders and optional ticket actions
// (docs/macros.md). The record, its op codec, who may see and change one, and the expansion of
// its body, all pure, so the server, the cache and the composer share one definition.
#pragma once

#include "domain.h"
#include "localizedtext.h"
#include "planrules.h"
#include "ticketedit.h"

#include <QCoreApplication>

#include <array>
#include <optional>

namespace SupportDesk {

class PlanCatalog;

struct Macro
{
    QString id;      // UUID, made by whoever creates the macro (offline too)
    QString ownerId; // the agent who keeps it; empty: the team's (leads manage those)
    QString name;
    QString bodyZh;
    QString bodyEn;
    // Actions, each optional (empty: left as it is). A severity needs its reason, as a manual
    // reclassification does.
    QString status;
    QString severity;
    QString severityReason;
    bool assigns = false; // assigneeId applies (empty: unassign)
    QString assigneeId;
    // Tags added and removed (core/tag.h), each through an add-tag or remove-tag op.
    QStringList addTags;
    QStringList removeTags;
    qint64 version = 0; // bumped by the server on every change; an op names the one it edits
    bool deleted = false;
    QString updatedBy;
    QDateTime updatedAt;
    qint64 seq = 0;
    // The fields of a newer server's record that this build does not know (an action added
    // later), as written: kept so the record is written back whole (the cache), and an upgraded
    // desk reads it right without a full sync (docs/api.md, "Compatibility").
    QJsonObject unknownFields;

    bool isTeamMacro() const { return ownerId.isEmpty(); }
    // What this build cannot apply of the macro, by field ("priority", "status" for a status
    // it does not know): a macro with any is shown, never applied (macroReply() refuses it with
    // MacroCode::UnknownAction, macroEdits() gives none) nor edited here (canEditMacro()), so
    // no action is half done and no save drops one.
    QStringList unknownActions() const;
    QString body(Language language) const
    {
        return language == Language::Chinese ? bodyZh : bodyEn;
    }
};

namespace MacroLimits {
constexpr qsizetype MaxName = 200;     // characters
constexpr qsizetype MaxBody = 20000;   // characters, each language
} // namespace MacroLimits

// Who may see a macro: the team's, everyone who reads the desk; an agent's own, that agent.
bool canSeeMacro(const Agent &agent, const Macro &macro);
// Who may create, change or delete it: the team's, leads (and the admin); an own one, its owner;
// never on a desk that does not know all its actions (Macro::unknownActions()).
bool canEditMacro(const Agent &agent, const Macro &macro);

// The op vocabulary of macros (POST /ops). The op's `ticket_id` field names the macro (the
// op's target) and `base_version` the macro version the edit was made on (0: a new macro).
namespace MacroOp {
inline const QString Save = QStringLiteral("save-macro");
inline const QString Delete = QStringLiteral("delete-macro");
bool isMacroOp(QStringView type);
} // namespace MacroOp

namespace MacroKey {
inline const QString Scope = QStringLiteral("scope"); // "team" or "own"
inline const QString Name = QStringLiteral("name");
inline const QString BodyZh = QStringLiteral("body_zh");
inline const QString BodyEn = QStringLiteral("body_en");
inline const QString Status = QStringLiteral("status");
inline const QString Severity = QStringLiteral("severity");
inline const QString SeverityReason = QStringLiteral("severity_reason");
inline const QString AssigneeId = QStringLiteral("assignee_id");
inline const QString Assigns = QStringLiteral("assigns"); // "yes" or absent
// Tags separated by spaces (a tag holds none): every payload value is a string.
inline const QString AddTags = QStringLiteral("add_tags");
inline const QString RemoveTags = QStringLiteral("remove_tags");
} // namespace MacroKey

// The first problem of a macro's fields, with its field ("name: must not be empty"), else
// empty: a name, bodies within the limits, no NUL, a known status, a reason with a severity.
QString checkMacro(const Macro &macro);

// An op that saves `macro` (as the client's outbox sends it), and back. The owner comes from
// the scope: "own" is the signed-in agent's (`actorId`), "team" none; what the op carries
// besides is refused by fromMacroOp with the field in `problem`.
Operation makeMacroOperation(const QString &opId, const Macro &macro, bool remove = false,
                             const QDateTime &madeAt = {});
std::optional<Macro> macroFromOperation(const Operation &op, const QString &actorId,
                                        QString *problem);

// The feed's and the cache's record (kind "macro").
namespace Json {
QJsonObject toJson(const Macro &m);
bool fromJson(const QJsonObject &o, Macro *m, QStringList *errors, const QString &path = {});
} // namespace Json

// Placeholders a body may hold, written {{name}} with the English or the Chinese name
// ({{customer}} or {{客户}}); spaces inside the braces are allowed.
enum class MacroField { Customer, TicketNumber, Deadline, Agent, Entitlements };
constexpr int MacroFieldCount = 5;
QString macroFieldName(MacroField field);        // "ticket_number"
QString macroFieldChineseName(MacroField field); // "工单号"
std::optional<MacroField> macroFieldFromName(QStringView name);

// The values of one ticket's placeholders in one language; nullopt or empty: not known (the
// placeholder stays in the text and is flagged as missing).
using MacroValues = std::array<std::optional<QString>, MacroFieldCount>;

struct MacroExpansion
{
    QString text;
    QStringList unknown; // placeholders no version knows, as written ("{{foo}}"), left in text
    QStringList missing; // known placeholders without a value ("{{deadline}}"), left in text
    bool complete() const { return unknown.isEmpty() && missing.isEmpty(); }
};

// The body with each known placeholder replaced by its value. Values are inserted as they are,
// never expanded again (a customer named "{{agent}}" stays so); anything that is not a whole
// placeholder ("{{", "{{a", "}}") is text.
MacroExpansion expandMacro(QStringView body, const MacroValues &values);

// A ticket's values in `language`: the customer's name, the ticket's number (none before the
// server numbered it), the deadline in the customer's time zone, the agent's name and the
// entitlements of the customer's edition as the catalog names them.
MacroValues macroValues(const Ticket &ticket, const std::optional<Customer> &customer,
                        const Agent &agent, const PlanCatalog *plan, Language language);

// The language a macro's body is inserted in for this ticket (and a merge notice written in):
// the customer's own (`Customer::language`) when the record names one, else the language the
// ticket is written in (writtenLanguage()). The agent can switch.
Language customerLanguage(const Ticket &ticket, const std::optional<Customer> &customer);
// The guess from the ticket's words: Chinese when the subject or body holds a Han character,
// else English.
Language writtenLanguage(const Ticket &ticket);

// The reply a macro sends on one of many tickets it is applied to at once (the bulk bar): the
// body in the customer's language (customerLanguage(); a macro with one language only, that
// one), every placeholder filled for this ticket, as a reply by `agent` under `messageId`.
// A body that would leave a placeholder unfilled or unknown on this ticket is refused
// (MacroCode::Unfilled, args the placeholders as written, joined by ", "): nobody else reads
// it before it goes, so no customer is sent "{{deadline}}". A macro with an action this build
// does not know is refused first (MacroCode::UnknownAction).
struct MacroReply
{
    TicketEdit edit;
    Language language = Language::English;
    RuleCheck refusal;
};
MacroReply macroReply(const Macro &macro, const Ticket &ticket,
                      const std::optional<Customer> &customer, const Agent &agent,
                      const PlanCatalog *plan, const QString &messageId);

namespace MacroCode {
inline const QString Unfilled = QStringLiteral("macro-unfilled");
// A macro with actions this build does not know (Macro::unknownActions(), args the fields
// joined by ", "): not applied, so none of it is half done.
inline const QString UnknownAction = QStringLiteral("macro-unknown-action");
} // namespace MacroCode

// The words of the macros' refusal codes in the desk's language (RuleCheck::message); empty
// for a code that is not one.
class MacroWording
{
    Q_DECLARE_TR_FUNCTIONS(MacroWording)

public:
    static QString message(const QString &code, const QStringList &args);
};

// The edits a macro's actions make on `ticket`, in order (status, severity, assignee, tags added,
// tags removed), leaving out what the ticket already has; none for a macro with an action this
// build does not know. Each goes through the outbox as a manual edit does.
QVector<TicketEdit> macroEdits(const Macro &macro, const Ticket &ticket);

// Whether every term is found, case-insensitively, in the name or either body.
bool macroMatches(const Macro &macro, const QStringList &terms);

} // namespace SupportDesk
