// E-mail in the store (see store.h, docs/mail.md): inbound messages become tickets or
// messages in one transaction, and public replies go to the outbox in their op's transaction.
#include "mailstore.h"
#include "mailmessage.h"
#include "store.h"
#include "storesql.h"

#include "ticketedit.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

// Ids made from a Message-ID, so that the same message ingested twice names the same ticket
// and message (the inbox's primary key refuses the second; these make a retry harmless).
const QUuid MailNamespace = QUuid::fromString(u"8f5c2a1e-6b0d-4c53-9e7a-52d1e3f0a4b6");

QString idFor(const QString &kind, const QString &messageId)
{
    return QUuid::createUuidV5(MailNamespace, kind + u':' + messageId)
        .toString(QUuid::WithoutBraces);
}

bool hasChinese(const QString &text)
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    return han.match(text).hasMatch();
}

// The customer's language: their record's (issue 17), else the one they wrote in.
QString localeOf(const InboundMail &mail, const Customer &customer)
{
    if (CustomerLanguage::fromId(customer.language))
        return customer.language;
    return hasChinese(mail.subject + mail.body) ? CustomerLanguage::Chinese
                                                : CustomerLanguage::English;
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(double(bytes) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

// The message text on the ticket: what the customer wrote, and a line for each file that is
// not kept as an attachment (over the limit, or empty) so that nobody thinks it was not sent;
// the whole mail stays in mail_inbox.raw.
QString messageBody(const InboundMail &mail, qint64 maxAttachmentBytes)
{
    QString body = mail.body;
    for (const MailAttachment &a : mail.attachments) {
        if (a.size > 0 && a.size <= maxAttachmentBytes)
            continue;
        body += QStringLiteral("\n[attachment not kept: %1, %2, %3 — %4; the mail is kept whole]")
                    .arg(a.fileName.isEmpty() ? QStringLiteral("(unnamed)") : a.fileName,
                         a.contentType, sizeText(a.size),
                         a.size > 0 ? QStringLiteral("over the limit of %1")
                                          .arg(sizeText(maxAttachmentBytes))
                                    : QStringLiteral("empty"));
    }
    return body.trimmed().isEmpty() ? QStringLiteral("(empty message)") : body;
}

// The bilingual templates of the mail the desk sends (docs/mail.md). Server-side text: the
// customer's language is chosen here, not by the desk's translator.
struct Wording
{
    QString ackSubject, ackBody, replySignature;
};

const Wording &wording(const QString &locale)
{
    static const Wording zh {
        QStringLiteral("我们已收到您的请求：%1"),
        QStringLiteral("您好：\n\n我们已收到您的请求，并已创建工单 #%1。工程师会在您的服务计划"
                       "承诺的响应时间内回复您。\n\n如需补充信息，请直接回复本邮件，并保留主题中的"
                       " [#%1]。\n\n—— 技术支持"),
        QStringLiteral("\n\n-- \n%1 · 技术支持\n工单 #%2\n如需补充信息，请直接回复本邮件，"
                       "并保留主题中的 [#%2]。"),
    };
    static const Wording en {
        QStringLiteral("We have received your request: %1"),
        QStringLiteral("Hello,\n\nWe have received your request and opened ticket #%1. An "
                       "engineer will answer within the response time of your support plan."
                       "\n\nTo add to it, reply to this e-mail and keep [#%1] in the subject."
                       "\n\n-- Technical Support"),
        QStringLiteral("\n\n-- \n%1 · Technical Support\nTicket #%2\nTo add to it, reply to "
                       "this e-mail and keep [#%2] in the subject."),
    };
    return locale == u"zh_CN" ? zh : en;
}

QString taggedSubject(qint64 number, const QString &subject)
{
    QString s = subject;
    s.remove(QRegularExpression(QStringLiteral("\\s*\\[#\\d+\\]\\s*")));
    return QStringLiteral("[#%1] %2").arg(number).arg(s.trimmed());
}

} // namespace

QString mailMessageId(const QString &outboxId, const QString &domain)
{
    return QStringLiteral("sd-%1@%2").arg(outboxId, domain);
}

QString outboxIdOf(const QString &messageId)
{
    static const QRegularExpression ours(QStringLiteral("^sd-([0-9a-f-]{36})@"));
    const QRegularExpressionMatch m = ours.match(messageId);
    return m.hasMatch() ? m.captured(1) : QString();
}

std::optional<MailIngest> Store::ingestMail(const InboundMail &mail, const QByteArray &raw,
                                            qint64 maxAttachmentBytes)
{
    if (!begin())
        return std::nullopt;
    const auto dbFailed = [this]() -> std::optional<MailIngest> {
        const QString kept = m_error;
        rollback();
        m_error = kept;
        return std::nullopt;
    };
    MailIngest result;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "SELECT outcome, ticket_id, reason FROM mail_inbox WHERE message_id = ?"));
        q.addBindValue(mail.messageId);
        if (!q.exec())
            return fail(q.lastError().text()), dbFailed();
        if (q.next()) {
            result.outcome = q.value(0).toString();
            result.ticketId = q.value(1).toString();
            result.reason = q.value(2).toString();
            result.duplicate = true;
            q.finish();
            rollback();
            if (const std::optional<Ticket> t = ticket(result.ticketId))
                result.ticketNumber = t->number;
            return result;
        }
    }
    // The customer the sender writes for: its own address, else its domain's.
    std::optional<Customer> sender;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT customer_id FROM mail_senders WHERE address IN (?, ?) "
                                 "ORDER BY length(address) DESC"));
        q.addBindValue(mail.fromAddress);
        q.addBindValue(u'@' + mail.fromAddress.section(u'@', -1));
        if (!q.exec())
            return fail(q.lastError().text()), dbFailed();
        const QString customerId = q.next() ? q.value(0).toString() : QString();
        q.finish();
        if (!customerId.isEmpty())
            sender = customer(customerId);
    }

    // The ticket it answers: a Message-ID the desk sent or took in, else the subject's tag
    // from a sender of that ticket's customer (a number alone is easily guessed).
    std::optional<Ticket> thread;
    QString threadAddress;
    {
        QSqlQuery q(m_db);
        for (auto ref = mail.references.crbegin(); ref != mail.references.crend() && !thread;
             ++ref) {
            const QString outboxId = outboxIdOf(*ref);
            if (!outboxId.isEmpty()) {
                q.prepare(QStringLiteral("SELECT ticket_id FROM mail_outbox WHERE id = ?"));
                q.addBindValue(outboxId);
            } else {
                q.prepare(QStringLiteral("SELECT ticket_id FROM mail_inbox WHERE message_id = ? "
                                         "AND ticket_id <> ''"));
                q.addBindValue(*ref);
            }
            if (!q.exec())
                return fail(q.lastError().text()), dbFailed();
            if (q.next())
                thread = mergeTarget(ticket(q.value(0).toString())); // merged: its target
            q.finish();
        }
        const qint64 number = subjectTicketNumber(mail.subject);
        if (!thread && number > 0 && sender) {
            q.prepare(
                QStringLiteral("SELECT id FROM tickets WHERE number = ? AND customer_id = ?"));
            q.addBindValue(number);
            q.addBindValue(sender->id);
            if (!q.exec())
                return fail(q.lastError().text()), dbFailed();
            if (q.next())
                thread = mergeTarget(ticket(q.value(0).toString()));
            q.finish();
        }
    }

    const Agent gateway { QStringLiteral("mail-gateway"), QStringLiteral("E-mail"),
                          AgentRole::Service, QString(), 0 };
    if (!mail.automatic.isEmpty()) {
        // RFC 3834: an auto-reply or a bounce is kept, never answered and never a ticket.
        result.outcome = MailOutcome::Ignored;
        result.reason = mail.automatic;
        if (thread)
            result.ticketId = thread->id;
    } else if (thread) {
        Message m;
        m.id = idFor(QStringLiteral("message"), mail.messageId);
        m.ticketId = thread->id;
        m.kind = MessageKind::Customer; // the customer's words, not the desk's reply
        m.authorId = mail.fromAddress; // the customer, who has no account
        m.body = messageBody(mail, maxAttachmentBytes);
        m.createdAt = m_now;
        if (!writeMessage(m)
            || !write(QStringLiteral("UPDATE mail_threads SET last_message_id = ? "
                                     "WHERE ticket_id = ?"),
                      { mail.messageId, thread->id }))
            return dbFailed();
        // The customer answered: a ticket waiting on them (or resolved) is the desk's to work
        // again. Not core's set-status: that is an agent taking the ticket in (it would stop
        // the response clock and assign the gateway), and the customer is no agent.
        if (thread->status == TicketStatus::WaitingOnCustomer
            || thread->status == TicketStatus::Resolved) {
            Ticket t = *thread;
            const QString by = QStringLiteral("e-mail");
            Message event;
            event.id = idFor(QStringLiteral("status"), mail.messageId);
            event.ticketId = t.id;
            event.kind = MessageKind::System;
            event.authorId = gateway.id;
            event.body = QStringLiteral("Status %1 → %2 by %3.")
                                 .arg(t.status, TicketStatus::Accepted, by);
            event.event = QStringLiteral("status");
            event.args = { t.status, TicketStatus::Accepted, by };
            event.createdAt = m_now;
            t.status = TicketStatus::Accepted;
            ++t.version;
            if (!writeTicket(t) || !writeMessage(event))
                return dbFailed();
        }
        result.outcome = MailOutcome::Reply;
        result.ticketId = thread->id;
        result.ticketNumber = thread->number;
    } else if (sender) {
        bool dbError = false;
        const OperationResult r
            = openMailTicket(gateway, mail, *sender, {}, maxAttachmentBytes, &dbError);
        if (dbError)
            return dbFailed();
        if (r.result == OpResult::Applied) {
            result.outcome = MailOutcome::Ticket;
            result.ticketId = r.ticket.id;
            result.ticketNumber = r.ticket.number;
        } else {
            result.outcome = MailOutcome::Triage;
            result.reason = QStringLiteral("%1 %2").arg(r.code, r.args.join(u' ')).trimmed();
        }
    } else {
        result.outcome = MailOutcome::Triage;
        result.reason = QStringLiteral("unknown-sender");
    }

    // A mail for triage changes the count the leads' desks show: its record is the hint.
    if (result.outcome == MailOutcome::Triage && !writeTriageWaiting(+1))
        return dbFailed();
    if ((result.outcome == MailOutcome::Ticket || result.outcome == MailOutcome::Reply)
        && !keepMailAttachments(mail, result.ticketId, result.outcome == MailOutcome::Reply,
                                maxAttachmentBytes))
        return dbFailed();

    QJsonArray attachments;
    for (const MailAttachment &a : mail.attachments)
        attachments.append(QJsonObject { { QStringLiteral("file_name"), a.fileName },
                                         { QStringLiteral("content_type"), a.contentType },
                                         { QStringLiteral("size"), a.size },
                                         { QStringLiteral("sha256"), a.sha256 } });
    if (!write(QStringLiteral("INSERT INTO mail_inbox (message_id, received_at, sender, subject, "
                              "outcome, ticket_id, reason, attachments, raw) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               { mail.messageId, Json::timestamp(m_now), mail.fromAddress, text(mail.subject),
                 result.outcome, text(result.ticketId), text(result.reason),
                 QString::fromUtf8(QJsonDocument(attachments).toJson(QJsonDocument::Compact)),
                 QString::fromLatin1(raw.toBase64()) })
        || !audit(gateway.id, QStringLiteral("mail-in"), text(result.ticketId),
                  QJsonObject { { QStringLiteral("message_id"), mail.messageId },
                                { QStringLiteral("outcome"), result.outcome },
                                { QStringLiteral("reason"), result.reason } }))
        return dbFailed();
    if (!commit())
        return dbFailed();
    return result;
}

OperationResult Store::openMailTicket(const Agent &by, const InboundMail &mail,
                                      const Customer &customer, const MailTicketChoice &choice,
                                      qint64 maxAttachmentBytes, bool *dbError)
{
    // Under the plan rules POST /ops applies: channel, sub-client account, quota.
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = customer.id;
    edit.subject = mail.subject.isEmpty() ? QStringLiteral("(no subject)") : mail.subject;
    edit.body = messageBody(mail, maxAttachmentBytes);
    // The channel the customer used, so the queue says E-mail; the plan's rules take it
    // as a ticket (the catalog's `entitledAs`), quota and all.
    edit.channel = QStringLiteral("email");
    const PlanCatalog *plan = m_catalogs->plan(customer.planId);
    edit.severity = !choice.severity.isEmpty() ? choice.severity
        : plan && !plan->severities().isEmpty() ? plan->severities().last().id
                                                  : QString();
    // A partner names the sub-client's account somewhere in the mail (or the lead who files
    // it picks one).
    for (const SubClient &s : customer.subClients) {
        if (!s.account.isEmpty()
            && (mail.subject.contains(s.account) || mail.body.contains(s.account)))
            edit.subClient = s.account;
    }
    if (!choice.subClient.isEmpty())
        edit.subClient = choice.subClient;
    edit.quotaOverrideReason = choice.quotaOverrideReason;
    const QString ticketId = idFor(QStringLiteral("ticket"), mail.messageId);
    const Operation op
        = makeOperation(idFor(QStringLiteral("op"), mail.messageId), ticketId, 0, edit, m_now);
    const ReplyRoute route { ReplyVia::Email, mail.fromAddress, {} };
    const OperationResult r = createTicket(by, op, dbError, route);
    if (*dbError || r.result != OpResult::Applied)
        return r;
    const QString locale = localeOf(mail, customer);
    const Wording &w = wording(locale);
    const QString outboxId = idFor(QStringLiteral("ack"), mail.messageId);
    if (!write(QStringLiteral("INSERT INTO mail_threads (ticket_id, address, locale, "
                              "root_message_id, last_message_id) VALUES (?, ?, ?, ?, ?)"),
               { ticketId, mail.fromAddress, locale, mail.messageId, mail.messageId })
        || !write(QStringLiteral("INSERT INTO mail_outbox (id, ticket_id, to_address, subject, "
                                 "body, refs, automatic, created_at, state, attempts, "
                                 "next_attempt_at, lease_until, sent_at, last_error) VALUES "
                                 "(?, ?, ?, ?, ?, ?, 1, ?, 'pending', 0, ?, '', '', '')"),
                  { outboxId, ticketId, mail.fromAddress,
                    taggedSubject(r.ticket.number, w.ackSubject.arg(edit.subject)),
                    w.ackBody.arg(r.ticket.number), mail.messageId, Json::timestamp(m_now),
                    Json::timestamp(m_now) }))
        *dbError = true;
    return r;
}

bool Store::keepMailAttachments(const InboundMail &mail, const QString &ticketId, bool reply,
                                qint64 maxAttachmentBytes)
{
    // The files of a mail that joined or opened a ticket become its attachments: kept by
    // content, typed by it, named safely, under the server's limit (those over it are named in
    // the text). Ids from the Message-ID, like the message's.
    for (qsizetype i = 0; i < mail.attachments.size(); ++i) {
        const MailAttachment &file = mail.attachments.at(i);
        if (file.size <= 0 || file.size > maxAttachmentBytes)
            continue;
        Attachment a;
        a.id = idFor(QStringLiteral("attachment"),
                     QStringLiteral("%1:%2").arg(i).arg(mail.messageId));
        a.ticketId = ticketId;
        // A reply's files are its message's; those of the mail that opened the ticket are
        // the ticket's own text's (no message id).
        if (reply)
            a.messageId = idFor(QStringLiteral("message"), mail.messageId);
        a.name = sanitiseFileName(file.fileName);
        a.contentType = sniffContentType(file.data);
        a.size = file.data.size();
        a.sha256 = file.sha256;
        if (!keepAttachmentBytes(a.sha256, file.data) || !insertAttachment(mail.fromAddress, &a))
            return false;
    }
    return true;
}

bool Store::queueReplyMail(const Agent &by, const Ticket &t, const QVector<Message> &messages)
{
    // The ticket's reply route decides, as for an IM group (imstore.cpp): the desk-only
    // majority costs no lookup, and what the pane promised is what is sent.
    if (t.reply.via != ReplyVia::Email)
        return true;
    // Address and language never change once the thread is made: read here. The thread's
    // root and last message are read by the INSERT itself, when the transaction writes: a
    // POST /ops group on PostgreSQL holds the sequence row only from its commit on (store.h),
    // and a customer's mail taken in meanwhile by another process (ingestMail, which moves
    // last_message_id under the row) must be the one this reply answers, not the one before
    // it (issue 15; tst_scaleout::replyThreadsUnderMailTakenInMeanwhile).
    QString address, locale;
    {
        QSqlQuery &q = prepared(QStringLiteral("SELECT address, locale FROM mail_threads "
                                               "WHERE ticket_id = ?"));
        q.bindValue(0, t.id);
        if (!q.exec())
            return fail(q.lastError().text());
        const bool found = q.next();
        if (found) {
            address = q.value(0).toString();
            locale = q.value(1).toString();
        }
        q.finish();
        if (!found)
            return true; // a route without a thread (none is made so): nothing to send to
    }
    // References: the first mail and the last (once when they are one), read under the
    // thread's row (PostgreSQL: after the sequence row, as every lock of a late group is).
    const QString insert = QStringLiteral(
        "INSERT INTO mail_outbox (id, ticket_id, to_address, subject, body, refs, automatic, "
        "created_at, state, attempts, next_attempt_at, lease_until, sent_at, last_error) "
        "SELECT ?, ?, ?, ?, ?, CASE WHEN last_message_id = root_message_id THEN "
        "root_message_id ELSE root_message_id || ' ' || last_message_id END, 0, ?, 'pending', "
        "0, ?, '', '', '' FROM mail_threads WHERE ticket_id = ?%1")
        .arg(m_postgres ? QStringLiteral(" FOR UPDATE") : QString());
    // The ticket the customer's answer lands on names the mail, in the subject's tag and the
    // signature: a merged duplicate's (its merge notice) is the ticket it went into, as the
    // notice's own text says — it said "reply on #392" over a signature "keep [#403]" (a reply
    // quoting the old tag lands on #392 too: ingestMail follows merged_into).
    const qint64 answeredOn = t.mergedInto.isEmpty() ? t.number : t.mergedIntoNumber;
    for (const Message &m : messages) {
        if (m.kind != MessageKind::Public) // internal notes and events never leave
            continue;
        const Wording &w = wording(locale);
        if (!write(insert,
                   { m.id, t.id, address, taggedSubject(answeredOn, t.subject),
                     m.body + w.replySignature.arg(by.name).arg(answeredOn),
                     Json::timestamp(m_now), Json::timestamp(m_now), t.id }))
            return false;
    }
    return true;
}

std::optional<qint64> Store::mailOutboxHead()
{
    return preparedValue(&m_mailHeadQuery,
                         QStringLiteral("SELECT COALESCE(MAX(rowid), 0) FROM mail_outbox"));
}

std::optional<OutboxMail> Store::claimMail(const QDateTime &now, const QDateTime &leaseUntil)
{
    const QString at = Json::timestamp(now);
    const QString until = Json::timestamp(leaseUntil);
    const QString columns = QStringLiteral(
        "id, ticket_id, to_address, subject, body, refs, automatic, created_at, attempts");
    OutboxMail mail;
    const auto read = [&mail](const QSqlQuery &q) {
        mail.id = q.value(0).toString();
        mail.ticketId = q.value(1).toString();
        mail.toAddress = q.value(2).toString();
        mail.subject = q.value(3).toString();
        mail.body = q.value(4).toString();
        mail.references = q.value(5).toString().split(u' ', Qt::SkipEmptyParts);
        mail.automatic = q.value(6).toInt() != 0;
        mail.createdAt = Json::parseTimestamp(q.value(7).toString());
        mail.attempts = q.value(8).toInt() - 1; // counted by this claim
    };
    if (m_postgres) {
        // Several server processes: the row one of them has locked is skipped by the others,
        // and the lease keeps it theirs while they talk to the SMTP server. Prepared once: the
        // sender asks every poll (a statement prepared per call is three round trips).
        QSqlQuery &q = prepared(
            QStringLiteral("UPDATE mail_outbox SET lease_until = ?, attempts = attempts + 1 "
                           "WHERE id = (SELECT id FROM mail_outbox WHERE state = 'pending' "
                           "AND next_attempt_at <= ? AND lease_until <= ? "
                           "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
                           "RETURNING ")
            + columns);
        q.bindValue(0, until);
        q.bindValue(1, at);
        q.bindValue(2, at);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        if (q.next())
            read(q);
        q.finish();
        return mail;
    }
    QSqlQuery q(m_db);
    // SQLite: one writer at a time; the conditional update is the claim.
    if (!q.exec(QStringLiteral("SELECT id FROM mail_outbox WHERE state = 'pending' AND "
                               "next_attempt_at <= '%1' AND lease_until <= '%1' "
                               "ORDER BY next_attempt_at LIMIT 1")
                    .arg(at))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next())
        return mail;
    const QString id = q.value(0).toString();
    q.finish();
    q.prepare(QStringLiteral("UPDATE mail_outbox SET lease_until = ?, attempts = attempts + 1 "
                             "WHERE id = ? AND state = 'pending' AND lease_until <= ?"));
    q.addBindValue(until);
    q.addBindValue(id);
    q.addBindValue(at);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    if (q.numRowsAffected() != 1)
        return mail; // another sender took it
    q.prepare(QStringLiteral("SELECT %1 FROM mail_outbox WHERE id = ?").arg(columns));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    read(q);
    return mail;
}

bool Store::markMailSent(const QString &id, const QDateTime &at)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE mail_outbox SET state = 'sent', sent_at = ?, "
                             "lease_until = '', last_error = '' WHERE id = ?"));
    q.addBindValue(Json::timestamp(at));
    q.addBindValue(id);
    return q.exec() || fail(q.lastError().text());
}

bool Store::markMailUnsent(const QString &id, const QString &error, const QDateTime &retryAt,
                           bool final)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE mail_outbox SET state = ?, next_attempt_at = ?, "
                             "lease_until = '', last_error = ? WHERE id = ?"));
    q.addBindValue(final ? QStringLiteral("failed") : QStringLiteral("pending"));
    q.addBindValue(Json::timestamp(retryAt));
    q.addBindValue(error.left(1000));
    q.addBindValue(id);
    return q.exec() || fail(q.lastError().text());
}

std::optional<QHash<QString, qint64>> Store::mailCounts()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT 'in ' || outcome, COUNT(*) FROM mail_inbox GROUP BY outcome "
                               "UNION ALL SELECT 'outbox ' || state, COUNT(*) FROM mail_outbox "
                               "GROUP BY state"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QHash<QString, qint64> counts;
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    return counts;
}

bool Store::putMailSender(const QString &address, const QString &customerId)
{
    const QString key = address.trimmed().toLower();
    if (!key.contains(u'@') || key.endsWith(u'@'))
        return fail(QStringLiteral("%1: not an address nor @domain").arg(address));
    if (!customer(customerId))
        return fail(QStringLiteral("no customer %1").arg(customerId));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO mail_senders (address, customer_id) VALUES (?, ?) "
                             "ON CONFLICT (address) DO UPDATE SET customer_id = "
                             "excluded.customer_id"));
    q.addBindValue(key);
    q.addBindValue(customerId);
    if (!q.exec())
        return fail(q.lastError().text());
    m_now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc(); // the audit's time
    return audit(QStringLiteral("admin"), QStringLiteral("mail-sender"), customerId,
                 QJsonObject { { QStringLiteral("address"), key } });
}

std::optional<QVector<QStringList>> Store::mailSenders()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT address, customer_id FROM mail_senders ORDER BY address"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<QStringList> rows;
    while (q.next())
        rows.append({ q.value(0).toString(), q.value(1).toString() });
    return rows;
}

std::optional<QVector<QStringList>> Store::mailInbox(const QString &outcome, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT received_at, sender, subject, reason, ticket_id FROM "
                             "mail_inbox WHERE outcome = ? ORDER BY received_at DESC LIMIT %1")
                  .arg(limit));
    q.addBindValue(outcome);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<QStringList> rows;
    while (q.next())
        rows.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toString() });
    return rows;
}

} // namespace SupportDesk::Server
