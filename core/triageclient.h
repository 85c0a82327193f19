// Triage in the desk (docs/mail.md, "Triage"; GET/POST /api/v1/triage): the mails the server's
// gateway kept for a person, for a lead to file for a customer or discard. No widgets: the
// count the queue list shows and the requests, over the session's transport.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QVector>

namespace SupportDesk {

class DeskSession;

struct TriageFile
{
    QString name;
    QString contentType;
    qint64 size = 0;
};

struct TriageItem
{
    QString id; // the server's (the Message-ID in base64url)
    QString sender;
    QString senderName;
    QString subject;
    QString reason; // why the gateway kept it: unknown-sender, or a rule's code
    QString text;
    bool truncated = false;
    QDateTime receivedAt;
    QVector<TriageFile> files;
};

// The server's answer to a decision.
struct TriageAnswer
{
    int status = 0; // 0: no answer
    bool duplicate = false;
    qint64 ticketNumber = 0;
    QString code; // a refusal's: the plan rule's (sub-client-required…), already-decided, …
    QStringList args;
    QString field;
    QString message; // the server's English, for codes the desk does not word
};

class TriageClient : public QObject
{
    Q_OBJECT

public:
    explicit TriageClient(DeskSession *session, QObject *parent = nullptr);

    int waiting() const { return m_waiting; } // -1 until the server answered
    const QVector<TriageItem> &mails() const { return m_mails; }

    // The count alone (GET /triage?limit=0): at sign-in and after each pull, which the
    // server's hint (the feed's triage record) starts.
    void refreshCount();
    // The waiting mails themselves.
    void reload();
    // `quotaOverrideReason`: the lead's reason to take it past the customer's monthly quota
    // (sent only when given; the server refuses an over-quota ticket without one).
    void file(const QString &id, const QString &customerId, const QString &subClient,
              bool registerSender, const QString &quotaOverrideReason = {});
    void discard(const QString &id, const QString &reason); // spam | noise

signals:
    void waitingChanged(int waiting);
    void mailsChanged();
    void decided(const QString &id, const SupportDesk::TriageAnswer &answer);

private:
    void decide(const QString &id, const QByteArray &body);
    void setWaiting(int waiting);

    DeskSession *m_session;
    int m_waiting = -1;
    QVector<TriageItem> m_mails;
    bool m_counting = false;
};

} // namespace SupportDesk
