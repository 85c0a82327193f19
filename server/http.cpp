// HTTP/1.1 over QTcpServer (see http.h).
#include "http.h"

#include "domain.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

// The stream's sockets are watched with epoll (WebSocketSet): the server runs on Linux.
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace SupportDesk::Server {

QString HttpRequest::bearerToken() const
{
    const QByteArray auth = header("authorization").trimmed();
    if (auth.size() > 7 && auth.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(auth.mid(7).trimmed());
    return {};
}

bool HttpRequest::hasTokenInQuery() const
{
    return query.hasQueryItem(QStringLiteral("token"))
        || query.hasQueryItem(QStringLiteral("access_token"));
}

static HttpResponse tokenInQueryRefusal()
{
    return HttpResponse::json(
        400,
        errorBody("token-in-query",
                  QStringLiteral("A token in the URL is refused: it ends up in proxy and server "
                                 "logs. Send it as Authorization: Bearer <token>."),
                  QStringLiteral("token")));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

QByteArray httpDate()
{
    return QLocale::c()
               .toString(QDateTime::currentDateTimeUtc(),
                         QStringLiteral("ddd, dd MMM yyyy hh:mm:ss"))
               .toLatin1()
        + " GMT";
}

QByteArray errorBody(const QByteArray &code, const QString &message, const QString &field)
{
    QJsonObject error { { QStringLiteral("code"), QString::fromLatin1(code) },
                        { QStringLiteral("message"), message } };
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    return QJsonDocument(QJsonObject { { QStringLiteral("server_time"),
                                         Json::timestamp(QDateTime::currentDateTimeUtc()) },
                                       { QStringLiteral("error"), error } })
        .toJson(QJsonDocument::Compact);
}

HttpResponse methodNotAllowed(const QByteArray &allow, const QString &message)
{
    HttpResponse r = HttpResponse::json(405, errorBody("method-not-allowed", message));
    r.headers.append({ QByteArrayLiteral("Allow"), allow });
    return r;
}

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_webSockets(new WebSocketSet(this))
{
    connect(&m_tcp, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
}

bool HttpServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcp.listen(address, port);
}

quint16 HttpServer::port() const
{
    return m_tcp.serverPort();
}

void HttpServer::setUpgradeCheck(const QString &path, UpgradeCheck check)
{
    m_upgradePath = path;
    m_upgradeCheck = std::move(check);
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, this);
        ++m_connections;
        connect(connection, &QObject::destroyed, this, [this] {
            --m_connections;
            maybeDrained();
        });
        if (m_shuttingDown)
            connection->drain();
    }
}

void HttpServer::dispatch(HttpConnection *connection, const HttpRequest &request)
{
    ++m_inFlight;
    QPointer<HttpConnection> target(connection);
    QPointer<HttpServer> self(this);
    m_handler(request, [target, self](const HttpResponse &response) {
        // Called on any thread: hop to the connection's thread to write.
        QMetaObject::invokeMethod(
            self ? static_cast<QObject *>(self.data()) : qApp,
            [target, self, response] {
                if (target)
                    target->send(response);
                if (self)
                    self->requestDone();
            },
            Qt::QueuedConnection);
    });
}

void HttpServer::requestDone()
{
    --m_inFlight;
    maybeDrained();
}

void HttpServer::maybeDrained()
{
    if (m_shuttingDown && !m_drained && m_inFlight == 0 && m_connections == 0) {
        m_drained = true;
        emit drained();
    }
}

void HttpServer::upgrade(HttpConnection *connection, const HttpRequest &request,
                         qsizetype headSize)
{
    ++m_inFlight;
    QPointer<HttpConnection> target(connection);
    QPointer<HttpServer> self(this);
    const QByteArray accept = WebSocket::acceptKey(request.header("sec-websocket-key"));
    const QString token = request.bearerToken();
    m_upgradeCheck(request, [target, self, accept, headSize, token](bool ok) {
        QMetaObject::invokeMethod(
            self ? static_cast<QObject *>(self.data()) : qApp,
            [target, self, ok, accept, headSize, token] {
                if (self)
                    self->requestDone();
                if (!target || !self)
                    return;
                if (!ok) {
                    target->reject(HttpResponse::json(
                        401,
                        errorBody("unauthorized",
                                  QStringLiteral("No valid token for the stream."))));
                    return;
                }
                // The handshake is still in the socket (peeked); frames may follow it. The
                // connection leaves Qt here: its descriptor is duplicated and the QTcpSocket
                // closed, so the socket is watched by the WebSocketSet only.
                QTcpSocket *socket = target->socket();
                socket->read(headSize);
                const QByteArray arrived = socket->readAll();
                while (socket->bytesToWrite() > 0 && socket->waitForBytesWritten(1000)) {
                }
                const int fd = socket->bytesToWrite() == 0
                    ? fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0)
                    : -1;
                socket->disconnect(target);
                socket->abort(); // closes Qt's descriptor only; the connection lives in `fd`
                target->deleteLater();
                if (fd < 0)
                    return;
                auto *ws = new WebSocketConnection(fd, arrived, self->m_webSockets);
                ws->setToken(token);
                ws->send("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                         + accept + "\r\n\r\n");
                emit self->webSocket(ws);
            },
            Qt::QueuedConnection);
    });
}

void HttpServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    // Closing the listening socket resets the connections the kernel accepted and Qt has not
    // taken yet (their requests may be sent whole): take each in first, to be drained.
    if (m_tcp.isListening()) {
        bool timedOut = false;
        while (m_tcp.waitForNewConnection(0, &timedOut) && !timedOut)
            onNewConnection();
        onNewConnection();
        m_tcp.close();
    }
    for (HttpConnection *c : findChildren<HttpConnection *>())
        c->drain();
    QTimer::singleShot(DrainLimitMs, this, [this] {
        if (!m_drained) {
            m_drained = true;
            emit drained();
        }
    });
    maybeDrained();
}

HttpConnection::HttpConnection(QTcpSocket *socket, HttpServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_idle.setSingleShot(true);
    m_idle.setInterval(server->idleTimeoutMs());
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_busy)
            m_socket->abort();
    });
    m_idle.start();
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    if (socket->bytesAvailable())
        onReadyRead();
}

void HttpConnection::drain()
{
    m_draining = true;
    if (m_busy || m_closing)
        return; // the answer under way decides (send())
    takeInArrived();
    if (!m_busy && !m_closing) {
        onReadyRead(); // a whole request is dispatched; anything less closes (draining)
    }
}

void HttpConnection::takeInArrived()
{
    // readyRead is emitted from here when something came; onReadyRead() then leaves the bytes
    // alone while a request is answered, and parses them otherwise.
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->waitForReadyRead(0);
}

bool HttpConnection::wholeRequestBuffered() const
{
    const QByteArray head = m_socket->peek(MaxHeaderBytes + 4);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0)
        return head.size() > MaxHeaderBytes; // answered 431
    static const QRegularExpression lengthField(
        QStringLiteral("(?i)\r\ncontent-length:[ \t]*([0-9]+)"));
    const QRegularExpressionMatch m = lengthField.match(QString::fromLatin1(head.left(end)));
    const qint64 length = m.hasMatch() ? m.captured(1).toLongLong() : 0;
    // An answer that refuses the body (413) needs none of it.
    return length > m_server->maxBodyBytes() || m_socket->bytesAvailable() >= end + 4 + length;
}

void HttpConnection::reject(const HttpResponse &response)
{
    m_socket->readAll();
    m_busy = true;
    write(response, true);
}

void HttpConnection::onReadyRead()
{
    if (m_discard > 0) {
        m_discard -= m_socket->read(std::min<qint64>(m_discard, 1 << 20)).size();
        if (m_discard <= 0)
            m_socket->disconnectFromHost();
        return;
    }
    if (m_busy || m_closing)
        return; // one request at a time; the rest waits in the socket
    // Draining: what has not arrived whole is not waited for.
    const auto closeDrained = [this] {
        m_closing = true;
        m_socket->disconnectFromHost();
    };
    // (The idle timer is not restarted here: a request must arrive whole within it.)
    // Peek first: a request's bytes are taken only once it has arrived whole.
    RequestHead head = parseRequestHead(m_socket->peek(MaxHeaderBytes + 4),
                                        m_server->maxBodyBytes(),
                                        m_server->m_upgradeCheck ? m_server->m_upgradePath
                                                                 : QString());
    if (head.state == RequestHead::State::Incomplete) {
        if (m_draining)
            closeDrained();
        return;
    }
    m_keepAlive = head.keepAlive;
    if (head.state == RequestHead::State::Refused) {
        m_socket->read(head.size);
        // After a 413, drop what the client still sends (up to a bound) so it reads our
        // answer rather than a reset; a client that sends more, or too slowly, is cut off.
        if (head.status == 413 && head.contentLength <= 64 << 20) {
            m_discard = head.contentLength;
            QTimer::singleShot(10000, this, [this] { m_socket->abort(); });
        }
        fail(head.status, head.code, head.message);
        return;
    }
    if (head.upgrade) {
        m_busy = true;
        const HttpRequest &r = head.request;
        const QByteArray key = r.header("sec-websocket-key");
        if (r.hasTokenInQuery()) {
            reject(tokenInQueryRefusal());
        } else if (r.header("sec-websocket-version") != "13") {
            // §4.2.2: the versions this server speaks, for the client to retry with.
            HttpResponse refusal = HttpResponse::json(
                426, errorBody("upgrade-required",
                               QStringLiteral("Only WebSocket version 13 is spoken here.")));
            refusal.headers.append({ QByteArrayLiteral("Sec-WebSocket-Version"), "13" });
            reject(refusal);
        } else if (QByteArray::fromBase64(key, QByteArray::AbortOnBase64DecodingErrors).size()
                       != 16
                   || !r.header("connection").toLower().contains("upgrade")) {
            reject(HttpResponse::json(
                400, errorBody("bad-request", QStringLiteral("Malformed WebSocket handshake."))));
        } else {
            m_server->upgrade(this, r, head.size);
        }
        return;
    }
    const qsizetype end = head.size - 4;
    const qint64 length = head.contentLength;
    HttpRequest &request = head.request;
    if (m_socket->bytesAvailable() < end + 4 + length) {
        if (m_draining)
            closeDrained();
        return; // the rest of the body is still on its way
    }
    m_socket->read(end + 4);
    request.body = m_socket->read(length);
    m_busy = true;
    m_head = request.method == "HEAD";
    if (request.hasTokenInQuery())
        send(tokenInQueryRefusal()); // before any handler could read or log the URL
    else
        m_server->dispatch(this, request);
}

void HttpConnection::fail(int status, const QByteArray &code, const QString &message)
{
    m_busy = true;
    m_head = false; // the request was not understood: the answer says why
    write(HttpResponse::json(status, errorBody(code, message)), true);
}

void HttpConnection::send(const HttpResponse &response)
{
    // Draining: this is the last answer unless another request has arrived whole.
    if (m_draining)
        takeInArrived();
    write(response, !m_keepAlive || (m_draining && !wholeRequestBuffered()));
    if (!m_closing) {
        m_busy = false;
        m_idle.start();
        if (m_socket->bytesAvailable())
            QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
    }
}

void HttpConnection::write(const HttpResponse &response, bool close)
{
    QByteArray head;
    head.reserve(200 + response.bodyPrefix.size());
    head += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
        + "\r\nContent-Type: " + response.contentType + "\r\nContent-Length: "
        + QByteArray::number(response.bodyPrefix.size() + response.body.size())
        + "\r\nDate: " + httpDate();
    for (const auto &[name, value] : response.headers)
        head += "\r\n" + name + ": " + value;
    head += close ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n";
    // A HEAD answer has the header fields GET's would have, Content-Length included, and no
    // body (RFC 9110 §9.3.2): the client reads no body, so any byte would start its next reply.
    const bool body = !std::exchange(m_head, false);
    if (body)
        head += response.bodyPrefix;
    // The body is not copied into `head` (a cached feed page is shared); with Nagle off the
    // second write does not wait for the client's delayed ACK (it did: ~40 ms a request).
    m_socket->write(head);
    if (body)
        m_socket->write(response.body);
    if (close) {
        m_closing = true;
        if (m_discard > 0 && m_socket->bytesAvailable())
            onReadyRead();
        else if (m_discard <= 0)
            m_socket->disconnectFromHost();
    }
}

WebSocketSet::WebSocketSet(QObject *parent)
    : QObject(parent)
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
{
    if (m_epoll < 0) {
        qWarning("epoll_create1: %s", std::strerror(errno));
        return;
    }
    auto *notifier = new QSocketNotifier(qintptr(m_epoll), QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, &WebSocketSet::onReady);
}

WebSocketSet::~WebSocketSet()
{
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool WebSocketSet::watch(WebSocketConnection *connection, bool writable)
{
    epoll_event e {};
    e.events = EPOLLIN | EPOLLRDHUP | (writable ? uint32_t(EPOLLOUT) : 0u);
    e.data.fd = connection->m_fd;
    const bool known = m_connections.contains(connection->m_fd);
    if (epoll_ctl(m_epoll, known ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, connection->m_fd, &e) != 0)
        return false;
    m_connections.insert(connection->m_fd, connection);
    return true;
}

void WebSocketSet::forget(int fd)
{
    if (m_connections.remove(fd))
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void WebSocketSet::onReady()
{
    epoll_event events[256];
    const int n = epoll_wait(m_epoll, events, 256, 0);
    for (int i = 0; i < n; ++i) {
        // Looked up by descriptor: one closed earlier in this batch is gone from the map.
        if (WebSocketConnection *c = m_connections.value(events[i].data.fd))
            c->onReady(events[i].events);
    }
}

WebSocketConnection::WebSocketConnection(int fd, const QByteArray &arrived, WebSocketSet *set,
                                         QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_set(set)
    , m_buffer(arrived)
{
    if (!set->watch(this, false)) {
        drop();
        return;
    }
    if (!m_buffer.isEmpty()) // frames that came with the handshake
        QMetaObject::invokeMethod(this, [this] { readFrames(); }, Qt::QueuedConnection);
}

WebSocketConnection::~WebSocketConnection()
{
    if (m_fd >= 0) {
        if (m_set)
            m_set->forget(m_fd);
        ::close(m_fd);
    }
}

void WebSocketConnection::drop()
{
    if (m_fd < 0)
        return;
    if (m_set)
        m_set->forget(m_fd);
    ::close(m_fd);
    m_fd = -1;
    // From the event loop: the receiver may be walking its list of connections right now.
    QMetaObject::invokeMethod(this, [this] { emit closed(); }, Qt::QueuedConnection);
}

void WebSocketConnection::send(const QByteArray &frame)
{
    if (m_fd < 0 || m_closing)
        return;
    write(frame);
}

void WebSocketConnection::write(QByteArrayView bytes)
{
    if (m_fd < 0)
        return;
    if (m_unsent.isEmpty()) {
        // Straight to the kernel: one send() a client, no copy unless its buffer is full.
        const ssize_t n = ::send(m_fd, bytes.data(), size_t(bytes.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n == bytes.size())
            return;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            drop();
            return;
        }
        bytes = bytes.sliced(std::max<qsizetype>(0, n));
        if (m_set)
            m_set->watch(this, true);
    }
    m_unsent += bytes;
    if (m_unsent.size() > MaxUnsent) // it has stopped reading: hints would only pile up
        drop();
}

void WebSocketConnection::flush()
{
    while (m_fd >= 0 && !m_unsent.isEmpty()) {
        const ssize_t n = ::send(m_fd, m_unsent.constData(), size_t(m_unsent.size()),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                drop();
            return;
        }
        m_unsent.remove(0, n);
    }
    if (m_fd >= 0 && m_set)
        m_set->watch(this, false);
    if (m_closing)
        finishClose();
}

void WebSocketConnection::close(quint16 code)
{
    if (m_fd < 0 || m_closing)
        return;
    write(code ? WebSocket::closeFrame(code) : WebSocket::frame(WebSocket::Opcode::Close, {}));
    m_closing = true;
    finishClose();
}

void WebSocketConnection::finishClose()
{
    if (m_fd < 0 || !m_unsent.isEmpty())
        return; // flush() comes back here once the close frame is out
    if (m_closeReceived) {
        drop(); // both close frames are through: the server closes first (RFC 6455 §7.1.1)
        return;
    }
    // Ours went first: the client answers and closes; it gets CloseWaitMs to do so.
    ::shutdown(m_fd, SHUT_WR);
    QTimer::singleShot(CloseWaitMs, this, [this] { drop(); });
}

void WebSocketConnection::onReady(quint32 events)
{
    if (events & EPOLLOUT)
        flush();
    if (m_fd >= 0 && (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        readFrames(true);
}

void WebSocketConnection::readFrames(bool fromSocket)
{
    if (fromSocket) {
        // One read an event (the set is level-triggered: more comes in the next one), so a
        // client sending without pause holds at most this much here.
        char chunk[16384];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n == 0) { // the client closed its side
            drop();
            return;
        }
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                drop();
            return;
        }
        if (m_closeReceived)
            return; // nothing may follow a close: dropped
        m_buffer.append(chunk, qsizetype(n));
    }
    qsizetype at = 0;
    while (m_fd >= 0 && !m_closeReceived) {
        const WebSocket::Frame f = WebSocket::readClientFrame(
            QByteArrayView(m_buffer).sliced(at), m_inMessage, WebSocket::MaxClientPayload);
        if (f.state == WebSocket::Frame::State::Incomplete)
            break;
        if (f.state == WebSocket::Frame::State::Refused) {
            m_buffer.clear();
            m_closeReceived = true; // no more is read from a client that broke the protocol
            if (!m_closing)
                close(f.closeCode);
            else
                drop();
            return;
        }
        at += f.size;
        switch (f.opcode) {
        case WebSocket::Opcode::Ping:
            send(WebSocket::frame(WebSocket::Opcode::Pong, f.payload));
            break;
        case WebSocket::Opcode::Close:
            m_closeReceived = true;
            if (m_closing) // the answer to ours
                finishClose();
            else // echo the client's code (§5.5.1); none given, none echoed
                close(f.payload.isEmpty()
                          ? 0
                          : quint16(quint8(f.payload.at(0)) << 8 | quint8(f.payload.at(1))));
            break;
        case WebSocket::Opcode::Pong:
            break;
        default: // data: whole text messages are presence (docs/collision.md), the rest dropped
            if (f.opcode == WebSocket::Opcode::Text && f.fin && !m_inMessage)
                emit textReceived(f.payload);
            m_inMessage = !f.fin;
            break;
        }
    }
    if (m_closeReceived)
        m_buffer.clear();
    else
        m_buffer.remove(0, at);
}

} // namespace SupportDesk::Server
