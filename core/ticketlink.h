// Links between related tickets, of any customers (docs/merge.md): kept on both tickets, so
// each pane lists the other; decided once for the server, the desk's preview and the tests.
#pragma once

#include "ticketedit.h"

namespace SupportDesk {

namespace LinkLimits {
constexpr qsizetype MaxPerTicket = 50; // a record the feed carries stays short
} // namespace LinkLimits

namespace LinkCode {
inline const QString ToItself = QStringLiteral("link-to-itself");
} // namespace LinkCode

// `link` and `unlink` of `ticket` and the edit's target (EditOutcome::other): both tickets
// list each other, or neither; an event on each. Linking what is linked (or unlinking what is
// not) is applied with nothing to change.
EditOutcome applyLink(const Ticket &ticket, const TicketEdit &edit, const EditContext &c);
// The event on `on` that it was linked to `to` (or unlinked from it): a link's, and a merge's
// when it moves the duplicate's links to the target.
Message linkEvent(const Ticket &on, const Ticket &to, bool linked, const EditContext &c);

} // namespace SupportDesk
