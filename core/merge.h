// Merging a duplicate into another ticket of the same customer (docs/merge.md): the rules and
// the effect on the two tickets, decided once for the server, the desk's preview and the tests.
#pragma once

#include "localizedtext.h"
#include "ticketedit.h"

#include <QCoreApplication>

namespace SupportDesk {

// Refusal codes of `merge` (RuleCheck::code); their arguments are ticket numbers.
namespace MergeCode {
inline const QString NotAllowed = QStringLiteral("merge-not-allowed"); // [duplicate]
inline const QString OtherCustomer = QStringLiteral("merge-other-customer"); // [dup, target]
inline const QString IntoItself = QStringLiteral("merge-into-itself");       // [dup]
inline const QString IntoClosed = QStringLiteral("merge-into-closed");       // [target]
// [target, the ticket it was merged into]
inline const QString IntoMerged = QStringLiteral("merge-into-merged");
// The duplicate was merged already [dup, its target], or others were merged into it [dup].
inline const QString AlreadyMerged = QStringLiteral("merge-already-merged");
inline const QString Chain = QStringLiteral("merge-chain");
inline const QString Closed = QStringLiteral("merge-closed"); // the duplicate is closed [dup]
// The target would hold more links than a ticket may once it takes the duplicate's
// [dup, target, how many it would hold, the most a ticket holds].
inline const QString TooManyLinks = QStringLiteral("merge-too-many-links");
} // namespace MergeCode

// merge, link or unlink: ops whose malformed target the API refuses as a bad request.
bool isMergeOrLinkOp(QStringView type);

// Who may merge a ticket away: a lead (or the desk's admin), or the agent it is assigned to.
bool mayMerge(const Agent &actor, const Ticket &duplicate);
// Why `duplicate` cannot be merged into any ticket by `actor` (not theirs to merge, merged or
// closed already, others merged into it); allowed when it can. The first part of checkMerge:
// the desk's Ticket → Merge into… is off with this reason before a target is picked.
RuleCheck checkMergeable(const Ticket &duplicate, const Agent &actor);
// Why `duplicate` cannot go into `target`; allowed when it can. The same customer means the
// same sub-client too: a partner's sub-clients are different end customers.
RuleCheck checkMerge(const Ticket &duplicate, const Ticket &target, const Agent &actor);
// The target's links once it takes the duplicate's: its own, then the duplicate's it lacks,
// neither of the two tickets themselves (a link between them ends with the merge).
QStringList mergedLinks(const Ticket &duplicate, const Ticket &target);
// The target's response deadline after the merge: the earlier of the two while both clocks
// still run (the customer has waited since the duplicate); otherwise the target's own, so a
// clock that stopped is never rewritten into a late reply.
QDateTime mergedDeadline(const Ticket &duplicate, const Ticket &target);
// Since when the customer has waited for `ticket`'s first response: its creation, or the
// earlier creation of a duplicate merged into it while both were unanswered (that wait went
// on in it: mergedDeadline). A reclassification counts the new severity's target from here,
// so it keeps what the merge gave (docs/merge.md); once `ticket` is answered, its own
// creation. `findTicket` reads the duplicates (none found: its creation).
QDateTime waitingSince(const Ticket &ticket,
                       const std::function<std::optional<Ticket>(const QString &)> &findTicket);
// The public message on the duplicate that tells the customer, in their language (server-side
// text: it goes out by mail or IM, never through the desk's translator).
QString mergeNotice(Language language, qint64 duplicateNumber, qint64 targetNumber);

// The effect of a `merge` edit on the duplicate (`ticket`) and its target (EditOutcome::other):
// the duplicate closed as merged, the target's deadline the earlier one, an event on each and
// the customer's notice on the duplicate. The duplicate's links go to the target: each linked
// ticket (EditOutcome::relinked) points at the target instead, with an event. Moving the
// messages and files is the store's (they are not in the ticket).
EditOutcome applyMerge(const Ticket &duplicate, const TicketEdit &edit, const EditContext &c);

// The merge and link refusals in the desk's language (RuleCheck::message asks here first);
// empty for any other code.
class MergeWording
{
    Q_DECLARE_TR_FUNCTIONS(MergeWording)

public:
    static QString message(const QString &code, const QStringList &args);
};

} // namespace SupportDesk
