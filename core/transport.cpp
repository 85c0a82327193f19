// HTTP transport for the sync engine.
#include "transport.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslError>

#include <memory>

namespace SupportDesk {

QString describeSslErrors(const QList<QSslError> &errors)
{
    QStringList reasons;
    for (const QSslError &e : errors) {
        if (!reasons.contains(e.errorString()))
            reasons.append(e.errorString());
    }
    return QCoreApplication::translate("SupportDesk::Transport",
                                       "The server's certificate is not trusted: %1")
        .arg(reasons.join(QStringLiteral("; ")));
}

HttpTransport::HttpTransport(const QUrl &serverUrl, const QString &token, QObject *parent)
    : HttpTransport(serverUrl, token, nullptr, parent)
{
}

HttpTransport::HttpTransport(const QUrl &serverUrl, const QString &token,
                             QNetworkAccessManager *network, QObject *parent)
    : Transport(parent), m_base(serverUrl), m_token(token),
      m_network(network ? network : new QNetworkAccessManager(this)),
      m_tls(QSslConfiguration::defaultConfiguration())
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

void HttpTransport::setExtraCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_tls = QSslConfiguration::defaultConfiguration();
    m_tls.addCaCertificates(certificates);
    // A kept connection was verified against the old set: the next request verifies anew.
    m_network->clearConnectionCache();
}

QList<QSslCertificate> HttpTransport::readCaFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("SupportDesk::Transport",
                                             "The CA file %1 cannot be read: %2")
                     .arg(path, file.errorString());
        return {};
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty())
        *error = QCoreApplication::translate("SupportDesk::Transport",
                                             "The CA file %1 holds no certificate (PEM or DER).")
                     .arg(path);
    return certificates;
}

QNetworkRequest HttpTransport::makeRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    // The header only: a token in a URL ends up in proxy and server access logs.
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (url.scheme() == u"https" || url.scheme() == u"wss")
        request.setSslConfiguration(m_tls);
    return request;
}

quint64 HttpTransport::send(const QByteArray &method, const QString &path, const QByteArray &body,
                            Callback done)
{
    QUrl url = m_base;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(m_base.path() + QStringLiteral("/api/v1") + path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request = makeRequest(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const quint64 id = m_nextId++;
    const QDateTime sentAt = QDateTime::currentDateTimeUtc();
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    m_inFlight.insert(id, reply);
    connect(reply, &QNetworkReply::downloadProgress, this, [this, id](qint64 received) {
        if (received > 0 && m_inFlight.contains(id))
            emit progressed(id);
    });
    // A certificate that cannot be verified fails the request (never ignored); the reason is
    // kept, as the reply's own error string only says that the handshake failed.
    auto tlsError = std::make_shared<QString>();
    connect(reply, &QNetworkReply::sslErrors, this, [tlsError](const QList<QSslError> &errors) {
        *tlsError = describeSslErrors(errors);
    });
    connect(reply, &QNetworkReply::finished, this, [this, id, reply, sentAt, done, tlsError] {
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
            r.error = tlsError->isEmpty() ? reply->errorString() : *tlsError;
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
    return url;
}

QNetworkRequest HttpTransport::streamRequest() const
{
    return makeRequest(streamUrl());
}

} // namespace SupportDesk
