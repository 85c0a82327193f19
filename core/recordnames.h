// The names people read for the records' codes — a ticket's status, an account's role — each
// translated here once, for every view that shows one (queue, pane, filters, status bar).
#pragma once

#include "domain.h"

namespace SupportDesk {

QString statusName(TicketState status);
// The name of a status id as tickets carry it; an id no build knows is shown as it is.
QString statusName(QStringView statusId);
QString roleName(AgentRole role);

} // namespace SupportDesk
