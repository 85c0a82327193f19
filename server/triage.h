// Triage in the desk (docs/mail.md, "Triage"): the mails the gateway kept for a person (an
// unknown sender, a rule that refused the ticket) and a lead's decision on each: filed for a
// customer, or discarded as spam or noise. Nothing is deleted.
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QString>
#include <QStringList>

namespace SupportDesk::Server {

namespace TriageState {
inline const QString Waiting = QStringLiteral("waiting");
inline const QString Filed = QStringLiteral("filed");
inline const QString Discarded = QStringLiteral("discarded");
} // namespace TriageState

// What a lead may choose when a mail opens a ticket (empty: as the gateway would).
struct MailTicketChoice
{
    QString severity; // the plan's lowest when empty
    QString subClient; // found in the mail when empty
    QString quotaOverrideReason;
};

struct TriageMail
{
    QString messageId;
    QDateTime receivedAt;
    QString sender;
    QString subject;
    QString reason; // why the gateway kept it (unknown-sender, a rule's code)
    QString state; // TriageState
    QJsonArray attachments; // as mail_inbox keeps them: file_name, content_type, size, sha256
    QByteArray raw; // the whole mail
    // Once decided:
    QString customerId;
    QString ticketId;
    qint64 ticketNumber = 0;
    QString discardReason; // spam | noise
    QString registeredAddress; // the sender address the lead registered, or empty
    QString decidedBy; // agent id
    QDateTime decidedAt;
};

struct TriageDecision
{
    QString messageId;
    QString action; // file | discard
    QString customerId; // file
    MailTicketChoice choice; // file
    bool registerSender = false; // file: the next mail from this address files itself
    QString discardReason; // discard: spam | noise
};

struct TriageOutcome
{
    enum class Result { Applied, Duplicate, NotFound, Decided, Refused, NoCustomer, Unreadable };
    Result result = Result::NotFound;
    TriageMail mail; // as it is after (Applied, Duplicate) or as it was decided (Decided)
    QString code; // Refused: the plan rule's code and arguments
    QStringList args;
};

} // namespace SupportDesk::Server
