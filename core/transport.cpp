// HTTP transport for the sync engine.
#include "transport.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace SupportDesk {

HttpTransport::HttpTransport(const QUrl &serverUrl, const QString &token, QObject *parent)
    : HttpTransport(serverUrl, token, nullptr, parent)
{
}

HttpTransport::HttpTransport(const QUrl &serverUrl, const QString &token,
                             QNetworkAccessManager *network, QObject *parent)
    : Transport(parent), m_base(serverUrl), m_token(token),
      m_network(network ? network : new QNetworkAccessManager(this))
{
}

// True for the errors QNetworkReply derives from the HTTP status the server sent (4xx, 5xx):
// the answer is complete and the status says what went wrong. Every other error means the
// answer did not arrive whole, whatever status its headers carried.
static bool isHttpStatusError(QNetworkReply::NetworkError e)
{
    return (e >= QNetworkReply::ContentAccessDenied && e <= QNetworkReply::UnknownContentError)
            || (e >= QNetworkReply::InternalServerError && e <= QNetworkReply::UnknownServerError)
            || e == QNetworkReply::ProtocolInvalidOperationError; // 400
}

quint64 HttpTransport::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            Callback done)
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(m_base.path() + QStringLiteral("/api/v1") + path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const quint64 id = m_nextId++;
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    m_inFlight.insert(id, reply);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, id](qint64 received) {
        if (received > 0 && m_inFlight.contains(id))
            emit progressed(id);
    });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, sentAt, done] {
        reply->deleteLater();
        if (!m_inFlight.remove(id))
            return; // aborted by the caller, who no longer waits for it
        TransportResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError && !isHttpStatusError(reply->error())) {
            // Headers came (a 200, say) but the connection dropped mid-body: what arrived is
            // a fragment, never an answer. Reported as the network failure it is.
            r.status = 0;
            r.body.clear();
        }
        if (r.status == 0)
            r.error = reply->errorString();
        r.sentAt = sentAt;
        r.receivedAt = QDateTime::currentDateTimeUtc();
        done(r);
    });
    return id;
}

void HttpTransport::abort(quint64 id)
{
    if (QNetworkReply *reply = m_inFlight.take(id))
        reply->abort();
}

QUrl HttpTransport::streamUrl() const
{
    QUrl url = m_base;
    url.setScheme(m_base.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(m_base.path() + QStringLiteral("/api/v1/stream"));
    url.setQuery(QStringLiteral("token=") + QString::fromUtf8(QUrl::toPercentEncoding(m_token)));
    return url;
}

} // namespace SupportDesk
