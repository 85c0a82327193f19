// The names people read for the records' codes — a ticket's status, its response clock's state,
// an account's role — each translated here once, for every view that shows one (queue, pane,
// filters, status bar, lead board, reports).
#pragma once

#include "domain.h"
#include "responseclock.h"

namespace SupportDesk {

QString statusName(TicketState status);
// The name of a status id as tickets carry it; an id this build does not know (a newer
// server's) is shown as it is, marked unknown: "on-hold (unknown status)".
QString statusName(QStringView statusId);
QString roleName(AgentRole role);
// The response clock's state as every view names it: the pane's state label, the queues and
// the lead board's tiles and columns named after a state, the service report (issue 14: the
// pane said 有风险 where the queue said 即将超时, the board 超时 where the queue said 已超时).
QString slaStateName(SlaState state);

} // namespace SupportDesk
