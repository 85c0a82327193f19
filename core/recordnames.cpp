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
    return status ? statusName(*status) : statusId.toString();
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
    }
    return roleId(role);
}

} // namespace SupportDesk
