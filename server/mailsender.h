// The outbox's sender (docs/mail.md): a thread of the server process with its own store
// connection that claims due mail, sends it by SMTP with libcurl, and marks it sent only after
// the server's 250; what fails is retried with backoff. Also the mail gateway command.
#pragma once

#include <QAtomicInteger>
#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

class QTextStream;

namespace SupportDesk {
class CatalogSet;
}

namespace SupportDesk::Server {

struct MailOptions
{
    QString smtpUrl; // smtp://host:port (STARTTLS when startTls) or smtps://host:port
    bool startTls = false; // require STARTTLS on smtp://
    QString user; // SMTP AUTH, when set
    QString password;
    QString fromAddress = QStringLiteral("support@localhost");
    QString fromName = QStringLiteral("Technical Support");
    QString domain = QStringLiteral("localhost"); // of the Message-IDs the desk makes
    int pollMs = 2000;
    int retryBaseMs = 30000; // the first retry; doubled each time, at most an hour
    int maxAttempts = 12;
    int timeoutMs = 60000; // one SMTP transaction, at most (--smtp-timeout)
};

class MailSender : public QThread
{
public:
    MailSender(const QString &db, const CatalogSet *catalogs, const MailOptions &options);
    ~MailSender() override; // stops and joins

    void stop();
    // Mail was queued: send now rather than at the next poll (any thread).
    void wake();
    // The mail series of /metrics: inbound by outcome, the outbox by state, sends by result.
    QByteArray metrics() const;

protected:
    void run() override;

private:
    bool sendOne(class Store *store); // false: nothing was due
    // One SMTP transaction; the SMTP reply code of a failure in `code` (0: none came).
    bool deliver(const QByteArray &mime, const QString &to, QString *error, long *code);

    QString m_db;
    const CatalogSet *m_catalogs;
    MailOptions m_options;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    bool m_woken = false; // wake() came while a round was under way: no nap after it
    mutable QMutex m_countsMutex;
    QHash<QString, qint64> m_counts; // from the store: "in <outcome>", "outbox <state>"
    QAtomicInteger<quint64> m_sent = 0, m_retried = 0, m_failed = 0;
};

// `supportdesk-server mail-ingest`: one RFC 5322 message on stdin, as an MTA delivers it.
// Exit codes for the MTA (sysexits.h): 0 taken (a ticket, a reply, triage or an ignored
// automatic mail), 65 refused (not a message), 75 the database is unavailable: try again.
// Files over `maxAttachmentBytes` (the server's --max-attachment) are not made attachments:
// the message names them, and the raw mail keeps them.
int mailIngest(const QString &db, const CatalogSet *catalogs, qint64 maxAttachmentBytes,
               QTextStream &out);

} // namespace SupportDesk::Server
