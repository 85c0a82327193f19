// Links between related tickets (see ticketlink.h).
#include "ticketlink.h"

namespace SupportDesk {

EditOutcome applyLink(const Ticket &ticket, const TicketEdit &e, const EditContext &c)
{
    EditOutcome out;
    out.ticket = ticket;
    if (e.targetId == ticket.id) {
        out.refusal = RuleCheck::fail(LinkCode::ToItself, { QString::number(ticket.number) });
        return out;
    }
    const std::optional<Ticket> found = c.findTicket ? c.findTicket(e.targetId) : std::nullopt;
    if (!found) {
        out.refusal = RuleCheck::fail(QStringLiteral("unknown-ticket"), { e.targetId });
        return out;
    }
    const bool link = e.type == OpType::Link;
    Ticket &a = out.ticket;
    Ticket b = *found;
    // Each end is mended on its own: a link one side lost (a record from before) comes back.
    if (link == a.links.contains(b.id) && link == b.links.contains(a.id)) {
        out.unchanged = true;
        return out;
    }
    if (link && (a.links.size() >= LinkLimits::MaxPerTicket
                 || b.links.size() >= LinkLimits::MaxPerTicket)) {
        const Ticket &full = a.links.size() >= LinkLimits::MaxPerTicket ? a : b;
        out.refusal = RuleCheck::fail(
                QStringLiteral("too-many-links"),
                { QString::number(full.number), QString::number(LinkLimits::MaxPerTicket) });
        return out;
    }
    const auto set = [link](Ticket &t, const QString &id) {
        t.links.removeAll(id);
        if (link)
            t.links.append(id);
    };
    set(a, b.id);
    set(b, a.id);
    a.updatedAt = b.updatedAt = c.at;
    out.messages.append(linkEvent(a, b, link, c));
    out.messages.append(linkEvent(b, a, link, c));
    out.other = b;
    return out;
}

Message linkEvent(const Ticket &on, const Ticket &to, bool linked, const EditContext &c)
{
    const QString n = QString::number(to.number);
    const QString &by = c.actor.name;
    return systemEvent(on, c,
                       (linked ? QStringLiteral("Linked to #%1 by %2.")
                               : QStringLiteral("Unlinked from #%1 by %2."))
                               .arg(n, by),
                       linked ? QStringLiteral("linked") : QStringLiteral("unlinked"), { n, by });
}

} // namespace SupportDesk
