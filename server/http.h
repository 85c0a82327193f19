// A small HTTP/1.1 layer over QTcpServer: keep-alive, Content-Length bodies with a size limit,
// one request at a time per connection, and the WebSocket stream's connections (RFC 6455
// frames written by this layer, so one hint is framed once for every client).
// Why not QHttpServer: see docs/server.md.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

#include <functional>

class QTcpSocket;

namespace SupportDesk::Server {

struct HttpRequest
{
    QByteArray method;
    QString path; // decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    // A query parameter's value, percent-decoded whole ("a%3Ab" is "a:b"): QUrlQuery's default
    // leaves delimiters such as %3A, %2F and %25 encoded, so a time sent as clients encode it
    // was misread. Every route reads its parameters here.
    QString param(const QString &key) const
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }
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
    bool upgrade = false; // a WebSocket handshake on the upgrade path (no body)
    int status = 0;
    QByteArray code;
    QString message;
};

// `upgradePath` empty: no upgrades. A body over `maxBody` is refused (413).
RequestHead parseRequestHead(QByteArrayView bytes, qint64 maxBody, const QString &upgradePath);

// The WebSocket protocol (RFC 6455) as the stream uses it: the server sends hints and presence,
// the client control frames and small presence reports (docs/collision.md). Qt 6.4's QWebSocket frames and converts each message per
// client and hides its socket; with these, a hint is framed once and the same bytes written
// to every client's socket.
namespace WebSocket {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xa,
};
constexpr quint16 CloseNormal = 1000;
constexpr quint16 CloseGoingAway = 1001;
constexpr quint16 CloseProtocolError = 1002;
constexpr quint16 CloseTooBig = 1009;
// What a client may send in one frame: control frames (≤ 125 bytes) and presence reports (a
// few hundred bytes); a larger data frame up to this size is read and dropped.
constexpr qint64 MaxClientPayload = 64 * 1024;

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (§4.2.2).
QByteArray acceptKey(const QByteArray &clientKey);
// One unmasked, unfragmented frame, as a server sends it (§5.2).
QByteArray frame(Opcode opcode, QByteArrayView payload);
// A close frame's payload: the code, big-endian.
inline QByteArray closeFrame(quint16 code)
{
    const char payload[2] = { char(code >> 8), char(code & 0xff) };
    return frame(Opcode::Close, QByteArrayView(payload, 2));
}

struct Frame
{
    enum class State {
        Incomplete, // wait for more bytes
        Complete,   // `size` bytes are this frame; `payload` is unmasked
        Refused,    // close the connection with `closeCode`
    };
    State state = State::Incomplete;
    Opcode opcode = Opcode::Continuation;
    bool fin = false;
    QByteArray payload;
    qsizetype size = 0;
    quint16 closeCode = 0;
};
// The frame at the start of a client's bytes. `inMessage`: a fragmented data message is open
// (a continuation is expected, a new data frame is an error). Refused: a frame a client must
// not send (unmasked, reserved bits or opcodes, a long or fragmented control frame, a close
// with a code no peer may send), or a payload over `maxPayload` (1009).
Frame readClientFrame(QByteArrayView bytes, bool inMessage, qint64 maxPayload);

} // namespace WebSocket

class WebSocketSet;

// One client of the WebSocket stream, after the handshake: answers pings, echoes a close, and
// closes on a protocol error; the server only writes pre-framed messages to it. It owns its
// socket's descriptor, taken from the QTcpSocket at the upgrade, and is watched through the
// WebSocketSet's epoll set: Qt's event loop polls every socket notifier on every turn, so a
// notifier per stream client made each turn (each request) cost O(clients).
class WebSocketConnection : public QObject
{
    Q_OBJECT

public:
    // `fd`: a connected socket this object now owns; `arrived`: bytes read from it already.
    WebSocketConnection(int fd, const QByteArray &arrived, WebSocketSet *set,
                        QObject *parent = nullptr);
    ~WebSocketConnection() override;
    // Writes one frame made by WebSocket::frame(), shared by every client.
    void send(const QByteArray &frame);
    // Sends a close frame; the connection closes once the client has closed its side (or
    // after CloseWaitMs).
    void close(quint16 code);
    bool isOpen() const { return m_fd >= 0 && !m_closing; }
    // The bearer token the client upgraded with (presence says who a client is by it).
    QString token() const { return m_token; }
    void setToken(const QString &token) { m_token = token; }
    // Unsent bytes over this (a client that stops reading): the connection is dropped.
    static constexpr qsizetype MaxUnsent = 1 << 20;
    static constexpr int CloseWaitMs = 5000;

signals:
    // The connection is gone (emitted once, from the event loop).
    void closed();
    // A whole, unfragmented text message from the client (presence, docs/collision.md); other
    // data is read and dropped.
    void textReceived(const QByteArray &payload);

private:
    friend class WebSocketSet;
    void onReady(quint32 events);
    void readFrames(bool fromSocket = false);
    void write(QByteArrayView bytes); // what the kernel does not take now waits in m_unsent
    void flush();
    void finishClose();
    void drop(); // closes the descriptor now; closed() follows

    int m_fd;
    QPointer<WebSocketSet> m_set;
    QByteArray m_buffer; // read, not yet a whole frame
    QByteArray m_unsent; // the kernel's buffer was full
    bool m_inMessage = false; // a fragmented data message is open
    bool m_closing = false;   // our close frame is queued
    bool m_closeReceived = false; // the client's close frame came (or it broke the protocol)
    QString m_token;
};

// The stream's connections on one epoll set, which Qt watches through one notifier.
class WebSocketSet : public QObject
{
    Q_OBJECT

public:
    explicit WebSocketSet(QObject *parent = nullptr);
    ~WebSocketSet() override;
    bool watch(WebSocketConnection *connection, bool writable);
    void forget(int fd);

private:
    void onReady();

    int m_epoll;
    QHash<int, WebSocketConnection *> m_connections; // by descriptor
};

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
    // After the handshake the server emits webSocket() with the new connection.
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
    // A client of the upgrade path passed the check and the handshake; the receiver owns it.
    void webSocket(SupportDesk::Server::WebSocketConnection *connection);

private:
    friend class HttpConnection;
    void onNewConnection();
    void dispatch(HttpConnection *connection, const HttpRequest &request);
    void upgrade(HttpConnection *connection, const HttpRequest &request, qsizetype headSize);
    void requestDone();
    void maybeDrained();

    QTcpServer m_tcp;
    WebSocketSet *m_webSockets;
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
