#include "recordnames.h"

#include <QCoreApplication>

namespace SupportDesk {

QString statusName(TicketState status)
{
    switch (status) {
    case TicketState::New:
        //: ticket status
        return QCoreApplication::translate("TicketStatus", "New");
    case TicketState::Accepted:
        //: ticket status: taken in (受理) by an agent
        return QCoreApplication::translate("TicketStatus", "Accepted");
    case TicketState::WaitingOnCustomer:
        //: ticket status
        return QCoreApplication::translate("TicketStatus", "Waiting on customer");
    case TicketState::Resolved:
        //: ticket status
        return QCoreApplication::translate("TicketStatus", "Resolved");
    case TicketState::Closed:
        //: ticket status
        return QCoreApplication::translate("TicketStatus", "Closed");
    }
    return statusId(status);
}

QString statusName(QStringView statusId)
{
    const std::optional<TicketState> status = parseStatus(statusId);
    if (status)
        return statusName(*status);
    if (statusId.isEmpty())
        return QString();
    //: a ticket status a newer server gave that this version of the desk does not know;
    //: %1 the status as the server wrote it
    return QCoreApplication::translate("TicketStatus", "%1 (unknown status)")
            .arg(statusId.toString());
}

QString roleName(AgentRole role)
{
    switch (role) {
    case AgentRole::Agent:
        //: an account's role: frontline agent
        return QCoreApplication::translate("AgentRole", "agent");
    case AgentRole::Lead:
        //: an account's role
        return QCoreApplication::translate("AgentRole", "team lead");
    case AgentRole::Admin:
        //: an account's role: the desk's administrator
        return QCoreApplication::translate("AgentRole", "admin");
    case AgentRole::Service:
        //: an account's role: an account a program acts through (the customer portal)
        return QCoreApplication::translate("AgentRole", "service account");
    case AgentRole::Unknown:
        //: an account's role that a newer server gave and this version of the desk does not
        //: know: the desk gives it the least of every right
        return QCoreApplication::translate("AgentRole", "unknown role");
    }
    return roleId(role);
}

QString slaStateName(SlaState state)
{
    switch (state) {
    case SlaState::OnTrack:
        //: the response clock's state: more than the at-risk share of the target left
        return QCoreApplication::translate("SlaState", "On track");
    case SlaState::AtRisk:
        //: the response clock's state: little of the response target left (a queue and a
        //: lead board figure are named after it too)
        return QCoreApplication::translate("SlaState", "At risk");
    case SlaState::Breached:
        //: the response clock's state: the response target passed with no response
        return QCoreApplication::translate("SlaState", "Breached");
    case SlaState::RespondedInTime:
        //: the response clock's state: first response before the target
        return QCoreApplication::translate("SlaState", "Responded");
    case SlaState::RespondedLate:
        //: the response clock's state: first response after the target
        return QCoreApplication::translate("SlaState", "Responded late");
    case SlaState::Resolved:
        //: the response clock's state: resolved before anyone answered
        return QCoreApplication::translate("SlaState", "Resolved");
    case SlaState::Closed:
        //: the response clock's state: closed before anyone answered
        return QCoreApplication::translate("SlaState", "Closed");
    case SlaState::Merged:
        //: the response clock's state: merged into another ticket, whose clock runs on
        return QCoreApplication::translate("SlaState", "Merged");
    }
    return slaStateCode(state);
}

} // namespace SupportDesk
