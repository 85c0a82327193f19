// The outbox's SMTP sender and the mail gateway command (see mailsender.h, docs/mail.md).
#include "mailsender.h"
#include "mailmessage.h"
#include "mailstore.h"
#include "store.h"

#include <QFile>
#include <QTextStream>

#include <curl/curl.h>

#include <cstdio>

namespace SupportDesk::Server {

namespace {

struct Upload
{
    const QByteArray *data;
    qsizetype at = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    Upload &u = *static_cast<Upload *>(user);
    const size_t n = std::min(size * count, size_t(u.data->size() - u.at));
    memcpy(buffer, u.data->constData() + u.at, n);
    u.at += qsizetype(n);
    return n;
}

QByteArray angle(const QString &address)
{
    return '<' + address.toUtf8() + '>';
}

} // namespace

MailSender::MailSender(const QString &db, const CatalogSet *catalogs, const MailOptions &options)
    : m_db(db)
    , m_catalogs(catalogs)
    , m_options(options)
{
    static const bool curlReady = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    Q_UNUSED(curlReady);
}

MailSender::~MailSender()
{
    stop();
    wait();
}

void MailSender::stop()
{
    QMutexLocker lock(&m_mutex);
    m_stopping = true;
    m_wake.wakeAll();
}

void MailSender::wake()
{
    QMutexLocker lock(&m_mutex);
    m_woken = true;
    m_wake.wakeAll();
}

void MailSender::run()
{
    QString error;
    std::unique_ptr<Store> store = Store::open(m_db, m_catalogs, &error);
    if (!store) {
        qWarning("the mail sender cannot open the store: %s", qPrintable(error));
        return;
    }
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_stopping)
                return;
        }
        if (const std::optional<QHash<QString, qint64>> counts = store->mailCounts()) {
            QMutexLocker lock(&m_countsMutex);
            m_counts = *counts;
        }
        // Everything due now, one at a time, then a nap: a new mail waits at most pollMs, or
        // none on SQLite, whose commit watch wakes this (mailQueued).
        while (sendOne(store.get())) {
            QMutexLocker lock(&m_mutex);
            if (m_stopping)
                return;
        }
        QMutexLocker lock(&m_mutex);
        if (!m_stopping && !m_woken)
            m_wake.wait(&m_mutex, QDeadlineTimer(m_options.pollMs));
        m_woken = false;
    }
}

bool MailSender::sendOne(Store *store)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // The lease outlasts one SMTP transaction (twice over, and the mark's time): another
    // process takes the mail over only when this one died holding it.
    const qint64 leaseMs = 2 * qint64(m_options.timeoutMs) + std::min(m_options.timeoutMs, 30000);
    const std::optional<OutboxMail> mail = store->claimMail(now, now.addMSecs(leaseMs));
    if (!mail) {
        qWarning("the mail sender cannot read the outbox: %s", qPrintable(store->lastError()));
        return false;
    }
    if (mail->id.isEmpty())
        return false;
    OutboundMail out;
    out.fromAddress = m_options.fromAddress;
    out.fromName = m_options.fromName;
    out.toAddress = mail->toAddress;
    out.subject = mail->subject;
    out.body = mail->body;
    out.messageId = mailMessageId(mail->id, m_options.domain);
    out.references = mail->references;
    out.automatic = mail->automatic;
    out.date = mail->createdAt; // the same bytes on every attempt
    QString error;
    long code = 0;
    // A reply's files (the outbox id is its message's): read from the store on each attempt,
    // so the outbox holds no second copy of the bytes.
    bool filesRead = true;
    if (const std::optional<QVector<Attachment>> files = store->messageAttachments(mail->id)) {
        for (const Attachment &a : *files) {
            const std::optional<QByteArray> data = store->attachmentData(a.sha256);
            if (!data || data->size() != a.size) {
                filesRead = false;
                error = QStringLiteral("attachment %1: %2").arg(a.id, store->lastError());
                break;
            }
            out.attachments.append({ a.name, a.contentType, *data });
        }
    } else {
        filesRead = false;
        error = store->lastError();
    }
    if (filesRead && deliver(composeMail(out), mail->toAddress, &error, &code)) {
        // After the 250. A crash before this line sends the mail again when the lease ends:
        // the copy carries the same Message-ID, so a mail client shows it once.
        ++m_sent;
        if (!store->markMailSent(mail->id, QDateTime::currentDateTimeUtc()))
            qWarning("mail %s was sent but not marked: %s", qPrintable(mail->id),
                     qPrintable(store->lastError()));
        return true;
    }
    const int attempt = mail->attempts + 1;
    // A 5xx is the server's final word (no such mailbox); anything else may pass later.
    const bool final = (code >= 500 && code < 600) || attempt >= m_options.maxAttempts;
    const qint64 delay
        = std::min<qint64>(qint64(m_options.retryBaseMs) << std::min(attempt - 1, 20), 3600 * 1000);
    (final ? m_failed : m_retried) += 1;
    qWarning("mail %s to %s, attempt %d: %s%s", qPrintable(mail->id), qPrintable(mail->toAddress),
             attempt, qPrintable(error), final ? " (given up)" : "");
    store->markMailUnsent(mail->id, error, QDateTime::currentDateTimeUtc().addMSecs(delay), final);
    return true;
}

bool MailSender::deliver(const QByteArray &mime, const QString &to, QString *error, long *code)
{
    CURL *curl = curl_easy_init();
    if (!curl) {
        *error = QStringLiteral("libcurl did not start");
        return false;
    }
    const QByteArray url = m_options.smtpUrl.toUtf8();
    const QByteArray from = angle(m_options.fromAddress);
    const QByteArray user = m_options.user.toUtf8();
    const QByteArray password = m_options.password.toUtf8();
    curl_slist *recipients = curl_slist_append(nullptr, angle(to).constData());
    Upload upload { &mime };
    char message[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, message);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(std::min(m_options.timeoutMs, 10000)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(m_options.timeoutMs));
    if (m_options.startTls)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_ALL));
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode result = curl_easy_perform(curl);
    *code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, code);
    if (result != CURLE_OK)
        *error = QStringLiteral("%1 (SMTP %2)")
                     .arg(QString::fromUtf8(message[0] ? message : curl_easy_strerror(result)))
                     .arg(*code);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    return result == CURLE_OK;
}

QByteArray MailSender::metrics() const
{
    QByteArray out;
    QHash<QString, qint64> counts;
    {
        QMutexLocker lock(&m_countsMutex);
        counts = m_counts;
    }
    out += "# HELP supportdesk_mail_in_total Inbound e-mail taken, by outcome (every process).\n"
           "# TYPE supportdesk_mail_in_total counter\n";
    for (const QString &o :
         { MailOutcome::Ticket, MailOutcome::Reply, MailOutcome::Triage, MailOutcome::Ignored,
           MailOutcome::Discarded })
        out += "supportdesk_mail_in_total{outcome=\"" + o.toUtf8() + "\"} "
            + QByteArray::number(counts.value(QStringLiteral("in ") + o)) + '\n';
    out += "# HELP supportdesk_mail_outbox Mail in the outbox, by state.\n"
           "# TYPE supportdesk_mail_outbox gauge\n";
    for (const char *s : { "pending", "sent", "failed" })
        out += QByteArray("supportdesk_mail_outbox{state=\"") + s + "\"} "
            + QByteArray::number(counts.value(QStringLiteral("outbox ") + QLatin1String(s))) + '\n';
    out += "# HELP supportdesk_mail_sends_total SMTP attempts of this process, by result.\n"
           "# TYPE supportdesk_mail_sends_total counter\n";
    out += "supportdesk_mail_sends_total{result=\"sent\"} "
        + QByteArray::number(m_sent.loadRelaxed())
        + "\nsupportdesk_mail_sends_total{result=\"retry\"} "
        + QByteArray::number(m_retried.loadRelaxed())
        + "\nsupportdesk_mail_sends_total{result=\"failed\"} "
        + QByteArray::number(m_failed.loadRelaxed()) + '\n';
    return out;
}

int mailIngest(const QString &db, const CatalogSet *catalogs, qint64 maxAttachmentBytes,
               QTextStream &out)
{
    constexpr int Taken = 0, Refused = 65, TryAgain = 75; // sysexits.h
    const auto say = [](const QString &line) {
        std::fprintf(stderr, "supportdesk-server mail-ingest: %s\n", qPrintable(line));
    };
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        say(QStringLiteral("cannot read stdin"));
        return TryAgain;
    }
    constexpr qint64 MaxBytes = 64 << 20; // more than any MTA's message_size_limit default
    const QByteArray raw = in.read(MaxBytes + 1);
    if (raw.size() > MaxBytes) {
        say(QStringLiteral("refused: the message is over %1 MB").arg(MaxBytes >> 20));
        return Refused;
    }
    QString problem;
    const std::optional<InboundMail> mail = parseMail(raw, &problem);
    if (!mail) {
        say(QStringLiteral("refused: %1").arg(problem));
        return Refused;
    }
    QString error;
    std::unique_ptr<Store> store = Store::open(db, catalogs, &error);
    if (!store || !store->migrate(&error)) {
        say(QStringLiteral("the database is unavailable, the MTA should retry: %1").arg(error));
        return TryAgain;
    }
    const std::optional<MailIngest> r = store->ingestMail(*mail, raw, maxAttachmentBytes);
    if (!r) {
        say(QStringLiteral("the database refused the message, the MTA should retry: %1")
                .arg(store->lastError()));
        return TryAgain;
    }
    out << "<" << mail->messageId << "> " << r->outcome;
    if (r->ticketNumber)
        out << " #" << r->ticketNumber;
    if (!r->ticketId.isEmpty())
        out << ' ' << r->ticketId;
    if (!r->reason.isEmpty())
        out << " (" << r->reason << ')';
    if (r->duplicate)
        out << " (taken before)";
    out << '\n';
    return Taken;
}

} // namespace SupportDesk::Server
