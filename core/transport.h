// How the sync engine reaches the server: an interface, so tests can serve faults.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

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

signals:
    // Part of request `id`'s answer arrived: it is slow, not dead (the engine's timeout is
    // for silence, so a large page on a slow link is not cut off and asked again forever).
    void progressed(quint64 id);
};

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
    void setToken(const QString &token) { m_token = token; }

private:
    QUrl m_base;
    QString m_token;
    QNetworkAccessManager *m_network;
    quint64 m_nextId = 1;
    QHash<quint64, QNetworkReply *> m_inFlight;
};

} // namespace SupportDesk
