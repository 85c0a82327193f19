// What a merge or a link writes besides the edited ticket (docs/merge.md): the second ticket,
// and for a merge the duplicate's messages and files moved to the target, and the duplicate's
// mail thread or IM group carried over to a target that has no reply route of its own.
#include "store.h"
#include "storesql.h"

#include "ticketedit.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

bool Store::writeOtherTickets(const TicketEdit &edit, const Ticket &edited,
                              const EditOutcome &outcome)
{
    if (!outcome.other)
        return true;
    Ticket other = *outcome.other;
    if (edit.type == OpType::Merge && !moveMergedRecords(edited.id, other.id))
        return false;
    ++other.version;
    if (!writeTicket(other))
        return false;
    // A merge's duplicate's linked tickets, pointing at the target now: each a new version and
    // sequence, so every desk takes them (and an edit made on the old version is a conflict).
    for (Ticket linked : outcome.relinked) {
        ++linked.version;
        if (!writeTicket(linked))
            return false;
    }
    return true;
}

bool Store::moveMergedRecords(const QString &from, const QString &to)
{
    // Each message keeps its id, author and time; a new sequence sends it to every desk again,
    // now under the target. By id, not by ticket: on PostgreSQL the UPDATE is sent after the
    // rows of this transaction, which include the merge's own events on the duplicate.
    QVector<std::pair<QString, QJsonObject>> moved;
    {
        QSqlQuery &q = prepared(QStringLiteral(
                "SELECT r.id, r.data, r.seq FROM messages m JOIN records r ON r.kind = 'message' "
                "AND r.id = m.id WHERE m.ticket_id = ? ORDER BY r.seq"));
        q.bindValue(0, from);
        if (!q.exec())
            return fail(q.lastError().text());
        while (q.next()) {
            moved.append({ q.value(0).toString(), parseObject(q.value(1).toString()) });
            if (m_tx.late) // read without the sequence row: checked unchanged under it
                m_tx.expect.append(QJsonArray { QStringLiteral("message"), q.value(0).toString(),
                                                q.value(2).toLongLong() });
        }
        q.finish();
    }
    for (auto &[id, data] : moved) {
        const qint64 seq = nextSeq();
        data.insert(QStringLiteral("ticket_id"), to);
        data.insert(QStringLiteral("seq"), seq);
        if (!writeRecord(QStringLiteral("message"), id, seq, data)
            || !write(QStringLiteral("UPDATE messages SET ticket_id = ? WHERE id = ?"), { to, id }))
            return false;
    }
    const std::optional<QVector<Attachment>> files = attachments(from);
    if (!files)
        return false;
    for (Attachment a : *files) {
        a.ticketId = to;
        a.seq = nextSeq();
        if (!write(QStringLiteral("UPDATE attachments SET ticket_id = ? WHERE id = ?"),
                   { to, a.id })
            || !writeRecord(QStringLiteral("attachment"), a.id, a.seq, a.toJson()))
            return false;
    }
    // The customer's next mail on the duplicate's thread is threaded into the target
    // (ingestMail follows merged_into); the target's replies go back the same way when it had
    // no route (applyMerge gave it the duplicate's).
    return write(QStringLiteral("INSERT INTO mail_threads (ticket_id, address, locale, "
                                "root_message_id, last_message_id) SELECT ?, address, locale, "
                                "root_message_id, last_message_id FROM mail_threads "
                                "WHERE ticket_id = ? ON CONFLICT (ticket_id) DO NOTHING"),
                 { to, from })
        && write(QStringLiteral("INSERT INTO im_group_tickets (ticket_id, group_id) SELECT ?, "
                                "group_id FROM im_group_tickets WHERE ticket_id = ? "
                                "ON CONFLICT (ticket_id) DO NOTHING"),
                 { to, from });
}

std::optional<Ticket> Store::mergeTarget(const std::optional<Ticket> &ticket)
{
    // One step: a merged ticket's target is never merged itself (core refuses chains).
    if (!ticket || ticket->mergedInto.isEmpty())
        return ticket;
    const std::optional<Ticket> target = this->ticket(ticket->mergedInto);
    return target ? target : ticket;
}

} // namespace SupportDesk::Server
