// The edits an agent makes on a ticket, as operations for DeskSession::saveEdit (docs/api.md),
// and the words the ticket widgets share: status names and the active language.
#pragma once

#include "domain.h"
#include "localizedtext.h"
#include "ticketedit.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <functional>

namespace SupportDesk {

class CatalogSet;
class DeskSession;
class PlanCatalog;
class TicketCache;

// What an edit names besides itself, as the desk says it: another ticket ("#123"), an account
// (its name) and the plan of the ticket edited (its severities' names). Each may be left out:
// the id (the code) is said instead.
struct EditReferences
{
    std::function<QString(const QString &ticketId)> ticket;
    std::function<QString(const QString &agentId)> agent;
    const PlanCatalog *plan = nullptr;
};

class TicketEdits
{
    Q_DECLARE_TR_FUNCTIONS(TicketEdits)

public:
    // An edit of `ticket` on its current version, with a fresh op id. `madeAt` is the client's
    // time (the server stamps its own).
    static Operation make(const Ticket &ticket, const TicketEdit &edit, const QDateTime &madeAt);
    // A new ticket: a fresh ticket id and op id, base version 0.
    static Operation create(const TicketEdit &edit, const QDateTime &madeAt);
    static QString newId();

    // An edit's type in words ("reply", "reclassify"…), in the current translation.
    static QString editName(const QString &type);
    // What the edit does, in one line of the current translation: "Merge into #123",
    // "Link to #45", "Status → Accepted", "Reply to the customer: Looking into it". Every type
    // of core's vocabulary has its own wording (a switch without default: a new type left
    // unworded is a compiler warning). A reply's or note's body is cut to its first line.
    static QString describe(const TicketEdit &edit, const EditReferences &references = {});
    // The same for an op as the outbox holds it, decoded by core's one codec; one it cannot
    // decode (malformed, or a type this version does not know) is named by its type.
    static QString describe(const Operation &op, const EditReferences &references = {});
    // The references as the desk knows them: tickets and accounts from the cache, the
    // severities of `planId`'s catalog.
    static EditReferences references(const TicketCache &cache, const CatalogSet &catalogs,
                                     const QString &planId);
    // The same on the session's cache and catalogs, for an edit of the ticket `ticketId`.
    static EditReferences references(DeskSession *session, const QString &ticketId);
    // A ticket as an edit names it: "#123", or "“subject”" before the server numbers it.
    static QString ticketName(const Ticket &ticket);
    // An account's name as people read it: a service account's (the customer portal's) in the
    // current translation, a person's as the server has it.
    static QString agentName(const Agent &agent);
    // The same for a name an event carries (events name who did it, not their id).
    static QString accountName(const QString &name);
    // A partner's sub-client as people read it: "Globex client 1 (p-globex-sub-1)" where the
    // customer record names it, else its account as written (the pane showed the account
    // alone where the new-ticket form showed the name).
    static QString subClientName(const Customer *customer, const QString &account);
    // The same from the sub-client's name (empty: the account alone).
    static QString subClientName(const QString &name, const QString &account);
    // The language the program runs in (LanguageManager sets the default QLocale).
    static Language language();
};

} // namespace SupportDesk
