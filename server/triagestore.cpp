// The store's part of triage in the desk (docs/mail.md, "Triage"): the mails the gateway kept
// for a person, and a lead's decision on each, taken once, in one transaction with the ticket
// it opens. The mail stays in mail_inbox whatever is decided.
#include "mailmessage.h"
#include "mailstore.h"
#include "store.h"
#include "storesql.h"

#include "ticketedit.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

namespace {

const QString TriageColumns = QStringLiteral(
    "i.message_id, i.received_at, i.sender, i.subject, i.reason, i.attachments, i.raw, "
    "i.outcome, t.decision, t.customer_id, t.ticket_id, t.discard_reason, t.address, "
    "t.decided_by, t.decided_at");

TriageMail triageFrom(const QSqlQuery &q)
{
    TriageMail m;
    m.messageId = q.value(0).toString();
    m.receivedAt = Json::parseTimestamp(q.value(1).toString());
    m.sender = q.value(2).toString();
    m.subject = q.value(3).toString();
    m.reason = q.value(4).toString();
    m.attachments = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array();
    m.raw = QByteArray::fromBase64(q.value(6).toString().toLatin1());
    const QString decision = q.value(8).toString();
    // Waiting while the gateway's outcome is still triage; a decided mail has its row.
    m.state = q.value(7).toString() == u"triage" ? TriageState::Waiting : decision;
    m.customerId = q.value(9).toString();
    m.ticketId = q.value(10).toString();
    m.discardReason = q.value(11).toString();
    m.registeredAddress = q.value(12).toString();
    m.decidedBy = q.value(13).toString();
    m.decidedAt = Json::parseTimestamp(q.value(14).toString());
    return m;
}

} // namespace

std::optional<QVector<TriageMail>> Store::triageMails(const QString &state, int limit)
{
    QSqlQuery q(m_db);
    if (state == TriageState::Waiting) {
        q.prepare(QStringLiteral("SELECT %1 FROM mail_inbox i LEFT JOIN mail_triage t ON "
                                 "t.message_id = i.message_id WHERE i.outcome = 'triage' "
                                 "ORDER BY i.received_at DESC LIMIT %2")
                      .arg(TriageColumns)
                      .arg(limit));
    } else {
        q.prepare(QStringLiteral("SELECT %1 FROM mail_triage t JOIN mail_inbox i ON "
                                 "i.message_id = t.message_id WHERE t.decision = ? "
                                 "ORDER BY t.decided_at DESC LIMIT %2")
                      .arg(TriageColumns)
                      .arg(limit));
        q.addBindValue(state);
    }
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<TriageMail> list;
    while (q.next())
        list.append(triageFrom(q));
    q.finish();
    for (TriageMail &m : list) {
        if (!m.ticketId.isEmpty())
            if (const std::optional<Ticket> t = ticket(m.ticketId))
                m.ticketNumber = t->number;
    }
    return list;
}

std::optional<qint64> Store::triageWaiting()
{
    QSqlQuery &q = prepared(
        QStringLiteral("SELECT COUNT(*) FROM mail_inbox WHERE outcome = 'triage'"));
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const qint64 n = q.value(0).toLongLong();
    q.finish();
    return n;
}

std::optional<TriageMail> Store::triageMail(const QString &messageId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM mail_inbox i LEFT JOIN mail_triage t ON "
                             "t.message_id = i.message_id WHERE i.message_id = ?")
                  .arg(TriageColumns));
    q.addBindValue(messageId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    TriageMail m; // no message id: not a mail the gateway kept for triage
    if (q.next())
        m = triageFrom(q);
    q.finish();
    if (m.state.isEmpty())
        return TriageMail();
    if (!m.ticketId.isEmpty())
        if (const std::optional<Ticket> t = ticket(m.ticketId))
            m.ticketNumber = t->number;
    return m;
}

bool Store::writeTriageWaiting(int change)
{
    // The leads' desks show the count; the record's new seq is what hints them (kind
    // `triage`, which other clients skip).
    const std::optional<qint64> waiting = triageWaiting();
    return waiting
        && writeRecord(QStringLiteral("triage"), QStringLiteral("waiting"), nextSeq(),
                       QJsonObject { { QStringLiteral("waiting"),
                                       std::max<qint64>(0, *waiting + change) } });
}

std::optional<TriageOutcome> Store::decideTriage(const Agent &by, const TriageDecision &d,
                                                 qint64 maxAttachmentBytes)
{
    if (!begin())
        return std::nullopt;
    const auto dbFailed = [this]() -> std::optional<TriageOutcome> {
        const QString kept = m_error;
        rollback();
        m_error = kept;
        return std::nullopt;
    };
    TriageOutcome out;
    const auto answer = [this, &out](TriageOutcome::Result result) {
        rollback();
        out.result = result;
        return out;
    };
    const std::optional<TriageMail> found = triageMail(d.messageId);
    if (!found)
        return dbFailed();
    out.mail = *found;
    if (found->messageId.isEmpty())
        return answer(TriageOutcome::Result::NotFound);
    if (found->state != TriageState::Waiting) {
        // Decided before: the same decision again is answered as the first time (a retry
        // after a lost answer); another one is refused, naming what was decided.
        const bool same = d.action == u"file"
            ? found->state == TriageState::Filed && found->customerId == d.customerId
            : found->state == TriageState::Discarded && found->discardReason == d.discardReason;
        return answer(same ? TriageOutcome::Result::Duplicate : TriageOutcome::Result::Decided);
    }

    // Counted before this transaction's writes (PostgreSQL sends them with COMMIT).
    if (!writeTriageWaiting(-1))
        return dbFailed();
    QString ticketId, address, action;
    if (d.action == u"file") {
        const std::optional<Customer> customer = this->customer(d.customerId);
        if (!customer)
            return answer(TriageOutcome::Result::NoCustomer);
        QString problem;
        const std::optional<InboundMail> mail = parseMail(found->raw, &problem);
        if (!mail) {
            m_error = problem;
            return answer(TriageOutcome::Result::Unreadable);
        }
        bool dbError = false;
        const OperationResult r = openMailTicket(by, *mail, *customer, d.choice,
                                                 maxAttachmentBytes, &dbError);
        if (dbError)
            return dbFailed();
        if (r.result == OpResult::Rejected) {
            out.code = r.code;
            out.args = r.args;
            return answer(TriageOutcome::Result::Refused);
        }
        ticketId = r.ticket.id;
        if (!keepMailAttachments(*mail, ticketId, false, maxAttachmentBytes))
            return dbFailed();
        if (d.registerSender) {
            address = found->sender.trimmed().toLower();
            if (!write(QStringLiteral("INSERT INTO mail_senders (address, customer_id) VALUES "
                                      "(?, ?) ON CONFLICT (address) DO UPDATE SET customer_id "
                                      "= excluded.customer_id"),
                       { address, customer->id }))
                return dbFailed();
        }
        action = QStringLiteral("triage-file");
    } else {
        action = QStringLiteral("triage-discard");
    }
    const bool filed = d.action == u"file";
    if (!write(QStringLiteral("UPDATE mail_inbox SET outcome = ?, ticket_id = ? "
                              "WHERE message_id = ?"),
               { filed ? MailOutcome::Ticket : MailOutcome::Discarded, text(ticketId), d.messageId })
        || !write(QStringLiteral("INSERT INTO mail_triage (message_id, decision, customer_id, "
                                 "ticket_id, discard_reason, address, decided_by, decided_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  { d.messageId, filed ? TriageState::Filed : TriageState::Discarded,
                    text(filed ? d.customerId : QString()), text(ticketId),
                    text(filed ? QString() : d.discardReason), text(address), by.id,
                    Json::timestamp(m_now) })
        || !audit(by.id, action, filed ? ticketId : d.messageId,
                  QJsonObject { { QStringLiteral("message_id"), d.messageId },
                                { QStringLiteral("customer_id"), d.customerId },
                                { QStringLiteral("reason"), d.discardReason },
                                { QStringLiteral("registered"), address } })
        || !commit())
        return dbFailed();
    const std::optional<TriageMail> after = triageMail(d.messageId);
    if (!after)
        return std::nullopt;
    out.mail = *after;
    out.result = TriageOutcome::Result::Applied;
    return out;
}

} // namespace SupportDesk::Server
