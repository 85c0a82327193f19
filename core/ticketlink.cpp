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
    const QString &by = c.actor.name;
    const QString event = link ? QStringLiteral("linked") : QStringLiteral("unlinked");
    for (const auto &[on, to] : { std::pair<const Ticket &, const Ticket &>(a, b),
                                  std::pair<const Ticket &, const Ticket &>(b, a) }) {
        const QString n = QString::number(to.number);
        out.messages.append(systemEvent(
                on, c,
                (link ? QStringLiteral("Linked to #%1 by %2.")
                      : QStringLiteral("Unlinked from #%1 by %2."))
                        .arg(n, by),
                event, { n, by }));
    }
    out.other = b;
    return out;
}

} // namespace SupportDesk
