#include "ticketedits.h"

#include "desksession.h"
#include "plancatalog.h"
#include "recordnames.h"
#include "ticketcache.h"

#include <QLocale>
#include <QUuid>

namespace SupportDesk {

namespace {

// Each type's wording: what the edit does, with what it names (EditReferences).

QString otherTicket(const EditReferences &r, const QString &id)
{
    const QString name = r.ticket ? r.ticket(id) : QString();
    return name.isEmpty() ? id : name;
}

QString account(const EditReferences &r, const QString &id)
{
    const QString name = r.agent ? r.agent(id) : QString();
    return name.isEmpty() ? id : name;
}

QString severity(const EditReferences &r, const QString &id)
{
    const Severity *s = r.plan ? r.plan->severity(id) : nullptr;
    return s ? s->names.text(TicketEdits::language()) : id;
}

// A message's text as one line: its first line, cut at 80 characters.
QString firstLine(const QString &body)
{
    QString line = body.trimmed().section(u'\n', 0, 0).trimmed();
    if (line.size() > 80)
        line = line.left(79) + u'…';
    return line;
}

QString wordCreate(const TicketEdit &e, const EditReferences &r)
{
    //: an edit in words: a new ticket; %1 its subject, %2 its severity
    return TicketEdits::tr("New ticket “%1” (%2)").arg(e.subject.trimmed(), severity(r, e.severity));
}

QString wordAccept(const TicketEdit &, const EditReferences &)
{
    //: an edit in words: take the ticket in (受理)
    return TicketEdits::tr("Accept the ticket");
}

QString wordReply(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words: a public reply; %1 its first line
    return TicketEdits::tr("Reply to the customer: %1").arg(firstLine(e.body));
}

QString wordNote(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words: an internal note; %1 its first line
    return TicketEdits::tr("Internal note: %1").arg(firstLine(e.body));
}

QString wordAssign(const TicketEdit &e, const EditReferences &r)
{
    if (e.assigneeId.isEmpty())
        //: an edit in words: leave the ticket to nobody
        return TicketEdits::tr("Unassign the ticket");
    //: an edit in words; %1 an agent's name
    return TicketEdits::tr("Assign to %1").arg(account(r, e.assigneeId));
}

QString wordSetStatus(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words; %1 the new status
    return TicketEdits::tr("Status → %1").arg(statusName(e.status));
}

QString wordReclassify(const TicketEdit &e, const EditReferences &r)
{
    //: an edit in words; %1 the new severity, %2 the reason given
    return TicketEdits::tr("Severity → %1 (reason: %2)")
            .arg(severity(r, e.severity), e.reason.trimmed());
}

QString wordSetSoftware(const TicketEdit &e, const EditReferences &)
{
    if (e.software.trimmed().isEmpty())
        //: an edit in words: the ticket names no third-party software any more
        return TicketEdits::tr("No third-party software");
    //: an edit in words; %1 the software, %2 its version
    return TicketEdits::tr("Third-party software → %1 %2")
            .arg(e.software.trimmed(), e.softwareVersion.trimmed())
            .trimmed();
}

QString wordQuotaOverride(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words: take the ticket past the partner's monthly quota; %1 the reason
    return TicketEdits::tr("Take it past the monthly quota (reason: %1)").arg(e.reason.trimmed());
}

QString wordAddTag(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words; %1 a tag
    return TicketEdits::tr("Add the tag %1").arg(e.tag.trimmed());
}

QString wordRemoveTag(const TicketEdit &e, const EditReferences &)
{
    //: an edit in words; %1 a tag
    return TicketEdits::tr("Remove the tag %1").arg(e.tag.trimmed());
}

QString wordMerge(const TicketEdit &e, const EditReferences &r)
{
    //: an edit in words: this ticket is a duplicate of another; %1 the other ("#123")
    return TicketEdits::tr("Merge into %1").arg(otherTicket(r, e.targetId));
}

QString wordLink(const TicketEdit &e, const EditReferences &r)
{
    //: an edit in words: a related ticket; %1 the other ("#123")
    return TicketEdits::tr("Link to %1").arg(otherTicket(r, e.targetId));
}

QString wordUnlink(const TicketEdit &e, const EditReferences &r)
{
    //: an edit in words; %1 the ticket linked so far ("#123")
    return TicketEdits::tr("Unlink from %1").arg(otherTicket(r, e.targetId));
}

} // namespace

QString TicketEdits::describe(const TicketEdit &edit, const EditReferences &r)
{
    switch (edit.type) { // no default: a type added to OpType is worded here, or warned of
    case OpType::CreateTicket:
        return wordCreate(edit, r);
    case OpType::Accept:
        return wordAccept(edit, r);
    case OpType::Reply:
        return wordReply(edit, r);
    case OpType::Note:
        return wordNote(edit, r);
    case OpType::Assign:
        return wordAssign(edit, r);
    case OpType::SetStatus:
        return wordSetStatus(edit, r);
    case OpType::Reclassify:
        return wordReclassify(edit, r);
    case OpType::SetSoftware:
        return wordSetSoftware(edit, r);
    case OpType::QuotaOverride:
        return wordQuotaOverride(edit, r);
    case OpType::AddTag:
        return wordAddTag(edit, r);
    case OpType::RemoveTag:
        return wordRemoveTag(edit, r);
    case OpType::Merge:
        return wordMerge(edit, r);
    case OpType::Link:
        return wordLink(edit, r);
    case OpType::Unlink:
        return wordUnlink(edit, r);
    }
    return editName(opTypeName(edit.type));
}

QString TicketEdits::describe(const Operation &op, const EditReferences &r)
{
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    return edit ? describe(*edit, r) : editName(op.type);
}

QString TicketEdits::ticketName(const Ticket &t)
{
    if (t.number > 0)
        return QStringLiteral("#%1").arg(t.number);
    //: a ticket the server has not numbered yet, named by its subject
    return tr("“%1”").arg(t.subject);
}

EditReferences TicketEdits::references(const TicketCache &cache, const CatalogSet &catalogs,
                                       const QString &planId)
{
    EditReferences r;
    const TicketCache *c = &cache;
    r.ticket = [c](const QString &id) {
        const std::optional<Ticket> t = c->ticket(id);
        return t ? ticketName(*t) : QString();
    };
    r.agent = [c](const QString &id) {
        for (const Agent &a : c->agents()) {
            if (a.id == id)
                return agentName(a);
        }
        return QString();
    };
    r.plan = catalogs.plan(planId);
    return r;
}

EditReferences TicketEdits::references(DeskSession *session, const QString &ticketId)
{
    const std::optional<Ticket> t = session->cache()->ticket(ticketId);
    return references(*session->cache(), session->catalogs(), t ? t->planId : QString());
}

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

QString TicketEdits::subClientName(const Customer *customer, const QString &account)
{
    if (customer) {
        for (const SubClient &s : customer->subClients) {
            if (s.account == account && !s.name.isEmpty())
                return subClientName(s.name, s.account);
        }
    }
    return account;
}

QString TicketEdits::subClientName(const QString &name, const QString &account)
{
    if (name.isEmpty())
        return account;
    //: a partner's sub-client: %1 its name, %2 its account
    return tr("%1 (%2)", "sub-client").arg(name, account);
}

Language TicketEdits::language()
{
    return languageFromCode(QLocale().name());
}

} // namespace SupportDesk
