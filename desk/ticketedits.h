// The edits an agent makes on a ticket, as operations for DeskSession::saveEdit (docs/api.md),
// and the words the ticket widgets share: status names and the active language.
#pragma once

#include "domain.h"
#include "localizedtext.h"
#include "ticketedit.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace SupportDesk {

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
    // An account's name as people read it: a service account's (the customer portal's) in the
    // current translation, a person's as the server has it.
    static QString agentName(const Agent &agent);
    // The same for a name an event carries (events name who did it, not their id).
    static QString accountName(const QString &name);
    // The language the program runs in (LanguageManager sets the default QLocale).
    static Language language();
};

} // namespace SupportDesk
