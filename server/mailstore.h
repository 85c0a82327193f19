// What the store keeps of e-mail (server/mailstore.cpp, docs/mail.md): the outcome of one
// inbound message, and one mail of the outbox as the sender claims it.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace SupportDesk::Server {

namespace MailOutcome {
inline const QString Ticket = QStringLiteral("ticket"); // opened a ticket
inline const QString Reply = QStringLiteral("reply"); // joined an existing ticket
inline const QString Triage = QStringLiteral("triage"); // kept for a person to sort out
inline const QString Ignored = QStringLiteral("ignored"); // automatic: no ticket, no answer
// kept as triage, then discarded by a lead as spam or noise (server/triagestore.cpp)
inline const QString Discarded = QStringLiteral("discarded");
} // namespace MailOutcome

struct MailIngest
{
    QString outcome; // MailOutcome
    QString ticketId;
    qint64 ticketNumber = 0;
    QString reason; // why triage or ignored
    bool duplicate = false; // the Message-ID was taken before; nothing changed
};

struct OutboxMail
{
    QString id; // also the stable part of its Message-ID (see mailMessageId)
    QString ticketId;
    QString toAddress;
    QString subject;
    QString body;
    QStringList references;
    bool automatic = false;
    QDateTime createdAt;
    int attempts = 0; // before this one
};

// The Message-ID of an outbox mail: its id under the desk's mail domain, so a retry after a
// crash between SMTP's 250 and the mark carries the same id and a reader can tell the copy.
QString mailMessageId(const QString &outboxId, const QString &domain);
// The outbox id a Message-ID the desk sent names (any domain), or empty.
QString outboxIdOf(const QString &messageId);

} // namespace SupportDesk::Server
