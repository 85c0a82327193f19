// The IM outbox's courier (see imcourier.h).
#include "imcourier.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUuid>

namespace SupportDesk::Server {

ImCourier::ImCourier(const QString &db, const CatalogSet *catalogs,
                     std::shared_ptr<const Clock> clock)
    : m_db(db)
    , m_catalogs(catalogs)
    , m_clock(std::move(clock))
    , m_claimer(QStringLiteral("%1:%2:%3")
                    .arg(QHostInfo::localHostName())
                    .arg(QCoreApplication::applicationPid())
                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8)))
{ }

ImCourier::~ImCourier() = default;

bool ImCourier::open(QString *error)
{
    m_store = Store::open(m_db, m_catalogs, error);
    if (!m_store)
        return false;
    m_store->setClock(m_clock);
    m_net = new QNetworkAccessManager(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(PollMs);
    connect(m_timer, &QTimer::timeout, this, &ImCourier::deliverNext);
    m_timer->start();
    return true;
}

void ImCourier::close()
{
    delete m_timer;
    m_timer = nullptr;
    delete m_net; // aborts a post under way: its claim runs out and it is posted again
    m_net = nullptr;
    m_store.reset();
}

void ImCourier::wake()
{
    QMetaObject::invokeMethod(this, &ImCourier::deliverNext, Qt::QueuedConnection);
}

void ImCourier::deliverNext()
{
    if (m_posting || !m_store)
        return;
    const std::optional<Store::ImDelivery> d = m_store->claimImDelivery(m_claimer, LeaseSeconds);
    if (!d) {
        qWarning("im outbox: %s", qPrintable(m_store->lastError()));
        return;
    }
    if (d->messageId.isEmpty())
        return; // nothing due
    // The reply's files, named for the group's bot to say (a group webhook takes text; the
    // bytes stay with the ticket). Read on each attempt, like the mail's parts.
    const std::optional<QVector<Attachment>> files = m_store->messageAttachments(d->messageId);
    if (!files) {
        qWarning("im outbox: %s", qPrintable(m_store->lastError()));
        return; // claimed: tried again when the claim runs out
    }
    QJsonArray attachments;
    for (const Attachment &a : *files)
        attachments.append(QJsonObject { { QStringLiteral("name"), a.name },
                                         { QStringLiteral("content_type"), a.contentType },
                                         { QStringLiteral("size"), a.size },
                                         { QStringLiteral("sha256"), a.sha256 } });
    const QByteArray body
        = QJsonDocument(QJsonObject { { QStringLiteral("group_id"), d->group.id },
                                      { QStringLiteral("ticket_id"), d->ticketId },
                                      { QStringLiteral("ticket_number"), d->ticketNumber },
                                      { QStringLiteral("message_id"), d->messageId },
                                      { QStringLiteral("text"), d->body },
                                      { QStringLiteral("attachments"), attachments } })
              .toJson(QJsonDocument::Compact);
    const QDateTime now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    const QByteArray timestamp = QByteArray::number(now.toSecsSinceEpoch());
    QNetworkRequest request { QUrl(d->group.outgoingUrl) };
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(Im::TimestampHeader, timestamp);
    request.setRawHeader(Im::SignatureHeader, Im::signature(d->group.secret, timestamp, body));
    // The receiver's key for "seen it": a post repeated after a lost answer or a crash
    // between the post and its record carries the same one.
    request.setRawHeader(Im::DeliveryHeader, d->messageId.toUtf8());
    request.setTransferTimeout(TimeoutMs);
    m_posting = true;
    QNetworkReply *reply = m_net->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, d = *d] {
        reply->deleteLater();
        m_posting = false;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool sent = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300;
        const QString error
            = sent ? QString() : QStringLiteral("HTTP %1 %2").arg(status).arg(reply->errorString());
        if (!m_store || !m_store->finishImDelivery(d, m_claimer, sent, error))
            qWarning("im outbox: %s", m_store ? qPrintable(m_store->lastError()) : "closed");
        if (!sent)
            qInfo("im outbox: %s to group %s failed (attempt %d): %s", qPrintable(d.messageId),
                  qPrintable(d.group.id), d.attempts + 1, qPrintable(error));
        deliverNext(); // the next one due, if any, without waiting for the poll
    });
}

} // namespace SupportDesk::Server
