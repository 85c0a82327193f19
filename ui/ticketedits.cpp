#include "ticketedits.h"

#include <QLocale>
#include <QUuid>

namespace SupportDesk {

QString TicketEdits::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Operation TicketEdits::make(const Ticket &ticket, const QString &type, const QJsonObject &payload,
                            const QDateTime &madeAt)
{
    Operation op;
    op.opId = newId();
    op.type = type;
    op.ticketId = ticket.id;
    op.baseVersion = ticket.version;
    op.payload = payload;
    op.madeAt = madeAt.toUTC();
    return op;
}

Operation TicketEdits::create(const QJsonObject &payload, const QDateTime &madeAt)
{
    Operation op;
    op.opId = newId();
    op.type = QStringLiteral("create-ticket");
    op.ticketId = newId();
    op.baseVersion = 0;
    op.payload = payload;
    op.madeAt = madeAt.toUTC();
    return op;
}

QString TicketEdits::editName(const QString &type)
{
    if (type == u"create-ticket")
        return tr("new ticket");
    if (type == u"accept")
        //: the edit that takes a ticket in (受理)
        return tr("accept");
    if (type == u"reply")
        //: a public reply to the customer
        return tr("reply");
    if (type == u"note")
        return tr("internal note");
    if (type == u"assign")
        return tr("assignment");
    if (type == u"set-status")
        return tr("status change");
    if (type == u"reclassify")
        return tr("severity change");
    if (type == u"set-software")
        return tr("third-party software");
    if (type == u"quota-override")
        return tr("quota override");
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

QString TicketEdits::statusName(const QString &status)
{
    if (status == TicketStatus::New)
        //: ticket status
        return tr("New");
    if (status == TicketStatus::Accepted)
        //: ticket status: taken in (受理)
        return tr("Accepted");
    if (status == TicketStatus::WaitingOnCustomer)
        //: ticket status
        return tr("Waiting on customer");
    if (status == TicketStatus::Resolved)
        //: ticket status
        return tr("Resolved");
    if (status == TicketStatus::Closed)
        //: ticket status
        return tr("Closed");
    return status;
}

Language TicketEdits::language()
{
    return languageFromCode(QLocale().name());
}

} // namespace SupportDesk
