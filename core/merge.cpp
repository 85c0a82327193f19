// Merging a duplicate into another ticket (see merge.h).
#include "merge.h"

#include "macro.h" // customerLanguage(): the macros' rule for the customer's language
#include "ticketlink.h"

namespace SupportDesk {

namespace {

QString number(const Ticket &t)
{
    return QString::number(t.number);
}

} // namespace

bool isMergeOrLinkOp(QStringView type)
{
    const std::optional<OpType> t = opTypeFromName(type);
    return t && (*t == OpType::Merge || *t == OpType::Link || *t == OpType::Unlink);
}

bool mayMerge(const Agent &actor, const Ticket &duplicate)
{
    return actor.leadsTeam() || (!actor.id.isEmpty() && actor.id == duplicate.assigneeId);
}

RuleCheck checkMergeable(const Ticket &duplicate, const Agent &actor)
{
    if (!mayMerge(actor, duplicate))
        return RuleCheck::fail(MergeCode::NotAllowed, { number(duplicate) });
    if (!duplicate.mergedInto.isEmpty())
        return RuleCheck::fail(MergeCode::AlreadyMerged,
                               { number(duplicate), QString::number(duplicate.mergedIntoNumber) });
    if (duplicate.status == TicketStatus::Closed)
        return RuleCheck::fail(MergeCode::Closed, { number(duplicate) });
    // A ticket others went into stays their target: merging it on would make a chain that
    // the next customer mail, following one step, would not end at.
    if (!duplicate.mergedFrom.isEmpty())
        return RuleCheck::fail(MergeCode::Chain, { number(duplicate) });
    return RuleCheck::ok();
}

RuleCheck checkMerge(const Ticket &duplicate, const Ticket &target, const Agent &actor)
{
    // The ticket's own state first: what is wrong with the duplicate whatever the target.
    if (duplicate.id == target.id)
        return RuleCheck::fail(MergeCode::IntoItself, { number(duplicate) });
    if (const RuleCheck own = checkMergeable(duplicate, actor); !own.allowed())
        return own;
    if (duplicate.customerId != target.customerId || duplicate.subClient != target.subClient)
        return RuleCheck::fail(MergeCode::OtherCustomer, { number(duplicate), number(target) });
    if (!target.mergedInto.isEmpty())
        return RuleCheck::fail(MergeCode::IntoMerged,
                               { number(target), QString::number(target.mergedIntoNumber) });
    if (target.status == TicketStatus::Closed)
        return RuleCheck::fail(MergeCode::IntoClosed, { number(target) });
    // The links go with the merge, within the limit a link is held to (ticketlink.h): said
    // before, rather than some links dropped on the way.
    if (const qsizetype links = mergedLinks(duplicate, target).size();
        links > LinkLimits::MaxPerTicket)
        return RuleCheck::fail(MergeCode::TooManyLinks,
                               { number(duplicate), number(target), QString::number(links),
                                 QString::number(LinkLimits::MaxPerTicket) });
    return RuleCheck::ok();
}

QStringList mergedLinks(const Ticket &duplicate, const Ticket &target)
{
    QStringList links;
    for (const QStringList *from : { &target.links, &duplicate.links }) {
        for (const QString &id : *from) {
            if (id != duplicate.id && id != target.id && !links.contains(id))
                links.append(id);
        }
    }
    return links;
}

QDateTime mergedDeadline(const Ticket &duplicate, const Ticket &target)
{
    if (target.firstResponseAt.isValid() || duplicate.firstResponseAt.isValid()
        || !duplicate.dueAt.isValid())
        return target.dueAt;
    if (!target.dueAt.isValid())
        return duplicate.dueAt;
    return std::min(duplicate.dueAt, target.dueAt);
}

QDateTime waitingSince(const Ticket &ticket,
                       const std::function<std::optional<Ticket>(const QString &)> &findTicket)
{
    QDateTime since = ticket.createdAt;
    if (ticket.firstResponseAt.isValid() || !findTicket)
        return since;
    for (const QString &id : ticket.mergedFrom) {
        const std::optional<Ticket> d = findTicket(id);
        // mergedDeadline's condition: only a duplicate whose own clock still ran brought its
        // wait (a closed duplicate is never answered later, so this holds after the merge).
        if (d && d->mergedInto == ticket.id && !d->firstResponseAt.isValid() && d->dueAt.isValid()
            && d->createdAt.isValid() && (!since.isValid() || d->createdAt < since))
            since = d->createdAt;
    }
    return since;
}

QString mergeNotice(Language language, qint64 duplicateNumber, qint64 targetNumber)
{
    if (language == Language::Chinese)
        return QStringLiteral("您好：\n\n工单 #%1 与工单 #%2 是同一个问题，我们已将其合并到工单 "
                              "#%2，之前的内容和附件都已转入该工单，我们会在那里继续处理。\n\n"
                              "如需补充信息，请回复工单 #%2。")
                .arg(duplicateNumber)
                .arg(targetNumber);
    return QStringLiteral("Hello,\n\nTicket #%1 is about the same request as ticket #%2, so we "
                          "have merged it into #%2: what you wrote and your files are there "
                          "now, and we will go on there.\n\nTo add to it, reply on ticket #%2.")
            .arg(duplicateNumber)
            .arg(targetNumber);
}

EditOutcome applyMerge(const Ticket &duplicate, const TicketEdit &e, const EditContext &c)
{
    EditOutcome out;
    out.ticket = duplicate;
    const std::optional<Ticket> found = c.findTicket ? c.findTicket(e.targetId) : std::nullopt;
    if (!found) {
        out.refusal = RuleCheck::fail(QStringLiteral("unknown-ticket"), { e.targetId });
        return out;
    }
    const Ticket &target = *found;
    if (const RuleCheck check = checkMerge(duplicate, target, c.actor); !check.allowed()) {
        out.refusal = check;
        return out;
    }
    const QString &by = c.actor.name;
    Ticket &d = out.ticket;
    d.status = TicketStatus::Closed;
    d.mergedInto = target.id;
    d.mergedIntoNumber = target.number;
    d.updatedAt = c.at;
    Ticket t = target;
    t.mergedFrom.append(duplicate.id);
    t.links = mergedLinks(duplicate, target);
    d.links.clear(); // they are the target's now: each link kept on both of its ends
    t.dueAt = mergedDeadline(duplicate, target);
    // A desk-only target answers the customer where they wrote the duplicate (the store carries
    // the mail thread or IM group over with it).
    if (t.reply.via.isEmpty())
        t.reply = duplicate.reply;
    t.updatedAt = c.at;
    out.messages.append(systemEvent(
            d, c, QStringLiteral("Merged into #%1 by %2.").arg(number(target), by),
            QStringLiteral("merged-into"), { number(target), by }));
    Message notice;
    notice.ticketId = d.id;
    notice.kind = MessageKind::Public; // goes out the duplicate's reply route
    notice.authorId = c.actor.id;
    const std::optional<Customer> customer
            = c.findCustomer ? c.findCustomer(duplicate.customerId) : std::nullopt;
    notice.body = mergeNotice(customerLanguage(duplicate, customer), duplicate.number,
                              target.number);
    notice.createdAt = c.at;
    out.messages.append(notice);
    out.messages.append(systemEvent(
            t, c, QStringLiteral("#%1 merged into this ticket by %2.").arg(number(duplicate), by),
            QStringLiteral("merged-from"), { number(duplicate), by }));
    // Each of the duplicate's linked tickets points at the target now, with the events a link
    // or an unlink writes; one no longer found is left out (no link to a ticket not there).
    for (const QString &id : duplicate.links) {
        if (id == target.id)
            continue;
        std::optional<Ticket> other = c.findTicket(id);
        if (!other) {
            t.links.removeAll(id);
            continue;
        }
        Ticket &l = *other;
        l.links.removeAll(duplicate.id);
        if (l.links.contains(target.id)) {
            // Linked to both: the duplicate's link ends.
            out.messages.append(linkEvent(l, duplicate, false, c));
        } else {
            l.links.append(target.id);
            out.messages.append(linkEvent(l, t, true, c));
            if (!target.links.contains(id))
                out.messages.append(linkEvent(t, l, true, c));
        }
        l.updatedAt = c.at;
        out.relinked.append(l);
    }
    out.other = t;
    return out;
}

QString MergeWording::message(const QString &code, const QStringList &args)
{
    const auto arg = [&args](int i) { return args.value(i); };
    if (code == MergeCode::NotAllowed)
        return tr("Only a lead or the agent ticket #%1 is assigned to may merge it.").arg(arg(0));
    if (code == MergeCode::OtherCustomer)
        return tr("#%1 and #%2 are different customers' tickets: only the same customer's "
                  "tickets can be merged.")
                .arg(arg(0), arg(1));
    if (code == MergeCode::IntoItself)
        return tr("A ticket cannot be merged into itself.");
    if (code == MergeCode::IntoClosed)
        return tr("#%1 is closed: a ticket cannot be merged into a closed ticket.").arg(arg(0));
    if (code == MergeCode::IntoMerged)
        return tr("#%1 was merged into #%2: merge into #%2 instead.").arg(arg(0), arg(1));
    if (code == MergeCode::AlreadyMerged)
        return tr("#%1 was merged into #%2 already.").arg(arg(0), arg(1));
    if (code == MergeCode::Chain)
        return tr("Other tickets were merged into #%1: it cannot be merged on (no chains).")
                .arg(arg(0));
    if (code == MergeCode::Closed)
        return tr("#%1 is closed: a closed ticket cannot be merged.").arg(arg(0));
    if (code == MergeCode::TooManyLinks)
        //: %3 how many links #%2 would hold, %4 the most a ticket holds (50)
        return tr("#%2 would hold %3 links with those of #%1, more than the %4 a ticket "
                  "holds: unlink some of either ticket first.")
                .arg(arg(0), arg(1), arg(2), arg(3));
    if (code == LinkCode::ToItself)
        return tr("A ticket cannot be linked to itself.");
    return {};
}

} // namespace SupportDesk
