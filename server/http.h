// A small HTTP/1.1 layer over QTcpServer: keep-alive, Content-Length bodies with a size limit,
// one request at a time per connection, and WebSocket upgrades handed to QWebSocketServer.
// Why not QHttpServer: see docs/server.md.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

class QTcpSocket;
class QWebSocketServer;

namespace SupportDesk::Server {

struct HttpRequest
{
    QByteArray method;
    QString path; // decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    QString bearerToken() const; // from Authorization only
    // A credential in the query (?token=, ?access_token=): refused on every route, the
    // WebSocket's included, as URLs end up in proxy and server access logs.
    bool hasTokenInQuery() const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray bodyPrefix; // sent before `body` (saves copying a large shared body)
    QList<QPair<QByteArray, QByteArray>> headers; // more header fields (Allow on a 405)

    static HttpResponse json(int status, const QByteArray &body)
    {
        return { status, body, QByteArrayLiteral("application/json"), {}, {} };
    }
};

// 405 with the Allow header RFC 9110 requires on it; `allow` as "GET, HEAD".
HttpResponse methodNotAllowed(const QByteArray &allow, const QString &message);

// Header block limit (431 past it).
constexpr qsizetype MaxHeaderBytes = 16 * 1024;

// The head of a request (request line and header fields) at the start of a connection's
// bytes: parsed without a socket, so the parser is fuzzed on its own (fuzz/fuzz_http.cpp).
struct RequestHead
{
    enum class State {
        Incomplete, // the head is still on its way
        Complete,   // `request` has all but its body; `contentLength` bytes follow `size`
        Refused,    // answer `status` and close; `size` bytes are the head when known (else 0)
    };
    State state = State::Incomplete;
    HttpRequest request;
    qsizetype size = 0; // the head's bytes with its blank line
    qint64 contentLength = 0; // also when refused 413, so the rest can be dropped
    bool keepAlive = true;
    bool upgrade = false; // a WebSocket handshake on the upgrade path: hand it on unread
    int status = 0;
    QByteArray code;
    QString message;
};

// `upgradePath` empty: no upgrades. A body over `maxBody` is refused (413).
RequestHead parseRequestHead(QByteArrayView bytes, qint64 maxBody, const QString &upgradePath);

class HttpConnection;

// Accepts connections and parses requests; the handler answers each one, possibly later and
// from another thread, through the `reply` callback (which must be called exactly once, on
// any thread).
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Reply = std::function<void(const HttpResponse &)>;
    using Handler = std::function<void(const HttpRequest &, Reply)>;
    // Decides whether an upgrade to a WebSocket may go ahead; calls `decide(true|false)`.
    using UpgradeCheck = std::function<void(const HttpRequest &, std::function<void(bool)>)>;

    explicit HttpServer(QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port);
    quint16 port() const;
    QString errorString() const { return m_tcp.errorString(); }

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setUpgradeCheck(const QString &path, UpgradeCheck check);
    void setMaxBodyBytes(qint64 bytes) { m_maxBody = bytes; }
    void setIdleTimeoutMs(int ms) { m_idleMs = ms; }
    int idleTimeoutMs() const { return m_idleMs; }
    qint64 maxBodyBytes() const { return m_maxBody; }
    QWebSocketServer *webSockets() const { return m_ws; }

    // Drains: takes in the connections the kernel has already accepted, stops accepting,
    // answers every request that has arrived whole (under way, buffered, or still in the
    // socket), closes each connection once nothing whole is left on it, and emits drained()
    // once every answer is written and every connection closed (or after DrainLimitMs, for a
    // client that does not read its answer).
    void shutdown();
    static constexpr int DrainLimitMs = 10000;
    int inFlight() const { return m_inFlight; }

signals:
    void drained();

private:
    friend class HttpConnection;
    void onNewConnection();
    void dispatch(HttpConnection *connection, const HttpRequest &request);
    void upgrade(HttpConnection *connection, const HttpRequest &request);
    void requestDone();
    void maybeDrained();

    QTcpServer m_tcp;
    QWebSocketServer *m_ws;
    Handler m_handler;
    QString m_upgradePath;
    UpgradeCheck m_upgradeCheck;
    qint64 m_maxBody = 1 << 20;
    int m_idleMs = 60000;
    int m_inFlight = 0;
    int m_connections = 0; // HttpConnections alive (not the WebSockets handed on)
    bool m_shuttingDown = false;
    bool m_drained = false;
};

// One client connection; parses requests and writes answers in order.
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    void send(const HttpResponse &response);
    // Answers and closes, dropping what the client still sends of this request.
    void reject(const HttpResponse &response);
    // Shutting down: answer what has arrived whole, then close.
    void drain();
    QTcpSocket *socket() const { return m_socket; }

private:
    void onReadyRead();
    // Moves what the kernel has received into the socket's buffer, without waiting.
    void takeInArrived();
    // Does the buffer hold one whole request (header and body)?
    bool wholeRequestBuffered() const;
    void fail(int status, const QByteArray &code, const QString &message);
    void write(const HttpResponse &response, bool close);

    QTcpSocket *m_socket;
    HttpServer *m_server;
    QByteArray m_buffer;
    bool m_busy = false; // a request is being answered
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_head = false; // the request being answered is a HEAD: no body goes back
    bool m_draining = false; // shutdown: close once no whole request is left
    qint64 m_discard = 0; // body bytes still to drop before closing (after a 413)
    QTimer m_idle; // closes a connection that sends nothing (or half a request) for long
};

QByteArray errorBody(const QByteArray &code, const QString &message, const QString &field = {});
QByteArray reasonPhrase(int status);
QByteArray httpDate();

} // namespace SupportDesk::Server
