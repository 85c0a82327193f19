#include "ticketedits.h"

#include <QLocale>
#include <QUuid>

namespace SupportDesk {

QString TicketEdits::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Operation TicketEdits::make(const Ticket &ticket, const TicketEdit &edit, const QDateTime &madeAt)
{
    return makeOperation(newId(), ticket.id, ticket.version, edit, madeAt.toUTC());
}

Operation TicketEdits::create(const TicketEdit &edit, const QDateTime &madeAt)
{
    TicketEdit e = edit;
    e.type = OpType::CreateTicket;
    return makeOperation(newId(), newId(), 0, e, madeAt.toUTC());
}

QString TicketEdits::editName(const QString &type)
{
    const std::optional<OpType> known = opTypeFromName(type);
    if (!known)
        return type;
    switch (*known) {
    case OpType::CreateTicket:
        return tr("new ticket");
    case OpType::Accept:
        //: the edit that takes a ticket in (受理)
        return tr("accept");
    case OpType::Reply:
        //: a public reply to the customer
        return tr("reply");
    case OpType::Note:
        return tr("internal note");
    case OpType::Assign:
        return tr("assignment");
    case OpType::SetStatus:
        return tr("status change");
    case OpType::Reclassify:
        return tr("severity change");
    case OpType::SetSoftware:
        return tr("third-party software");
    case OpType::QuotaOverride:
        return tr("quota override");
    case OpType::AddTag:
        //: the edit that puts a tag on a ticket
        return tr("tag");
    case OpType::RemoveTag:
        //: the edit that takes a tag off a ticket
        return tr("tag removal");
    case OpType::Merge:
        //: the edit that merges a duplicate ticket into another
        return tr("merge");
    case OpType::Link:
        //: the edit that links two related tickets
        return tr("link");
    case OpType::Unlink:
        return tr("unlink");
    }
    return type;
}

// The service accounts the server sets up (server/demo.cpp), by the name it gives them.
static const char *const ServiceAccountNames[] = {
    //: the account tickets filed by customers on the web portal come from
    QT_TRANSLATE_NOOP("ServiceAccount", "Customer portal"),
};

QString TicketEdits::accountName(const QString &name)
{
    for (const char *known : ServiceAccountNames) {
        if (name == QLatin1String(known))
            return QCoreApplication::translate("ServiceAccount", known);
    }
    return name;
}

QString TicketEdits::agentName(const Agent &agent)
{
    return agent.name.isEmpty() ? agent.id : accountName(agent.name);
}

Language TicketEdits::language()
{
    return languageFromCode(QLocale().name());
}

} // namespace SupportDesk
