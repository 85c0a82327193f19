// How the sync engine reaches the server: an interface, so tests can serve faults.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslCertificate;
class QSslError;

namespace SupportDesk {

struct TransportResponse
{
    int status = 0;         // HTTP status; 0 when no answer came (network error, abort)
    QByteArray body;
    QString error;          // the network's words when status is 0
    QDateTime sentAt;       // local clock
    QDateTime receivedAt;   // local clock
};

class Transport : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const TransportResponse &)>;
    using QObject::QObject;

    // Sends one request to `path` (under the API base); `done` is called exactly once unless
    // the request is aborted first. Returns an id for abort().
    virtual quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                         Callback done) = 0;
    virtual void abort(quint64 id) = 0;
    // The WebSocket URL for push hints, or empty when the transport has none.
    virtual QUrl streamUrl() const = 0;
    // The WebSocket's opening request: streamUrl() with what the transport adds (the
    // Authorization header, the TLS configuration the socket must use).
    virtual QNetworkRequest streamRequest() const { return QNetworkRequest(streamUrl()); }

signals:
    // Part of request `id`'s answer arrived: it is slow, not dead (the engine's timeout is
    // for silence, so a large page on a slow link is not cut off and asked again forever).
    void progressed(quint64 id);
};

// The TLS errors of a connection in the user's words, e.g. "The server's certificate is not
// trusted: The issuer certificate of a locally looked up certificate could not be found".
QString describeSslErrors(const QList<QSslError> &errors);

// The real thing: HTTP(S) through QNetworkAccessManager with a bearer token.
class HttpTransport final : public Transport
{
    Q_OBJECT

public:
    HttpTransport(const QUrl &serverUrl, const QString &token, QObject *parent = nullptr);
    // The same over `network`, which the transport uses but does not own: the seam where tests
    // put a QNetworkAccessManager that serves faults (tests/sync/fakeqnam.h).
    HttpTransport(const QUrl &serverUrl, const QString &token, QNetworkAccessManager *network,
                  QObject *parent = nullptr);

    quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                 Callback done) override;
    void abort(quint64 id) override;
    QUrl streamUrl() const override;
    QNetworkRequest streamRequest() const override;
    void setToken(const QString &token) { m_token = token; }
    // Trusts these CAs (a company CA) besides the system's, for requests and the stream;
    // replaces the ones set before.
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);
    // Reads a PEM (or DER) CA file; empty, with `error` set, when none can be read from it.
    static QList<QSslCertificate> readCaFile(const QString &path, QString *error);

private:
    QNetworkRequest makeRequest(const QUrl &url) const;

    QUrl m_base;
    QString m_token;
    QNetworkAccessManager *m_network;
    QSslConfiguration m_tls; // the system's CAs and the extra ones
    quint64 m_nextId = 1;
    QHash<quint64, QNetworkReply *> m_inFlight;
};

} // namespace SupportDesk
