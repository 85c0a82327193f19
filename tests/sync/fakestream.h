// The push stream's fault seam. QWebSocket has no virtual I/O to override, so the fake sits on
// the wire instead: a WebSocket server on loopback, written out by hand (RFC 6455) so a test
// decides every byte — hints, garbage frames, a reset, a refused port, silence (pings left
// unanswered). The engine's real QWebSocket runs against it; HttpTransport::streamUrl() points
// here when the transport's base URL is this server's.
#pragma once

#include <QCryptographicHash>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

namespace SupportDesk::Testing {

class FakeStream final : public QObject
{
    Q_OBJECT

public:
    explicit FakeStream(QObject *parent = nullptr) : QObject(parent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &FakeStream::accept);
        m_server.listen(QHostAddress::LocalHost, 0);
        m_port = m_server.serverPort();
    }

    quint16 port() const { return m_port; }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    int handshakes() const { return m_handshakes; }
    int openStreams() const
    {
        int n = 0;
        for (const auto &s : m_streams)
            n += s && s->state() == QAbstractSocket::ConnectedState;
        return n;
    }

    // The server goes down (connections refused) and comes back on the same port.
    void stopListening() { m_server.close(); }
    bool listenAgain() { return m_server.listen(QHostAddress::LocalHost, m_port); }
    // Frozen: the TCP connection stays, pings are no longer answered.
    void setSilent(bool silent) { m_silent = silent; }

    void hint(qint64 seq) { sendText(QStringLiteral(R"({"seq":%1})").arg(seq).toUtf8()); }
    void sendText(const QByteArray &payload) { sendFrame(0x1, payload); }
    void sendBinary(const QByteArray &payload) { sendFrame(0x2, payload); }
    // Bytes that are no frame at all, as they are.
    void sendRaw(const QByteArray &bytes)
    {
        for (const auto &s : std::as_const(m_streams))
            if (s)
                s->write(bytes);
    }
    // The connection reset under the client, without a close frame.
    void dropAll()
    {
        for (const auto &s : std::as_const(m_streams))
            if (s)
                s->abort();
        m_streams.clear();
    }

signals:
    void streamOpened(); // a client finished its handshake
    void pinged();       // a client's ping arrived (answered unless silent)

private:
    void accept()
    {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            s->setParent(this);
            auto *buffer = new QByteArray;
            auto *open = new bool(false);
            connect(s, &QObject::destroyed, this, [buffer, open] {
                delete buffer;
                delete open;
            });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QTcpSocket::readyRead, this, [this, s, buffer, open] {
                *buffer += s->readAll();
                if (!*open) {
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    handshake(s, buffer->left(end));
                    buffer->remove(0, end + 4);
                    *open = true;
                }
                readFrames(s, buffer);
            });
        }
    }

    void handshake(QTcpSocket *s, const QByteArray &head)
    {
        QByteArray key;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(line.indexOf(':') + 1).trimmed();
        }
        const QByteArray accept
                = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                           QCryptographicHash::Sha1)
                          .toBase64();
        s->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n");
        m_streams.append(s);
        ++m_handshakes;
        emit streamOpened();
    }

    // Client frames are masked; only pings and closes matter here.
    void readFrames(QTcpSocket *s, QByteArray *buffer)
    {
        for (;;) {
            if (buffer->size() < 2)
                return;
            const auto *b = reinterpret_cast<const uchar *>(buffer->constData());
            const int opcode = b[0] & 0x0f;
            qint64 length = b[1] & 0x7f;
            qsizetype at = 2;
            if (length == 126) {
                if (buffer->size() < 4)
                    return;
                length = qFromBigEndian<quint16>(b + 2);
                at = 4;
            } else if (length == 127) {
                if (buffer->size() < 10)
                    return;
                length = qint64(qFromBigEndian<quint64>(b + 2));
                at = 10;
            }
            const bool masked = b[1] & 0x80;
            if (buffer->size() < at + (masked ? 4 : 0) + length)
                return;
            QByteArray payload = buffer->mid(at + (masked ? 4 : 0), length);
            if (masked) {
                for (qsizetype i = 0; i < payload.size(); ++i)
                    payload[i] = char(payload[i] ^ b[at + i % 4]);
            }
            buffer->remove(0, at + (masked ? 4 : 0) + length);
            if (opcode == 0x9) {
                emit pinged();
                if (!m_silent)
                    writeFrame(s, 0xA, payload);
            } else if (opcode == 0x8) {
                writeFrame(s, 0x8, payload.left(2));
                s->disconnectFromHost();
                return;
            }
        }
    }

    void sendFrame(int opcode, const QByteArray &payload)
    {
        for (const auto &s : std::as_const(m_streams))
            if (s)
                writeFrame(s, opcode, payload);
    }
    static void writeFrame(QTcpSocket *s, int opcode, const QByteArray &payload)
    {
        QByteArray frame;
        frame.append(char(0x80 | opcode));
        if (payload.size() < 126) {
            frame.append(char(payload.size()));
        } else {
            frame.append(char(126));
            uchar length[2];
            qToBigEndian<quint16>(quint16(payload.size()), length);
            frame.append(reinterpret_cast<const char *>(length), 2);
        }
        s->write(frame + payload);
    }

    QTcpServer m_server;
    quint16 m_port = 0;
    QList<QPointer<QTcpSocket>> m_streams;
    int m_handshakes = 0;
    bool m_silent = false;
};

} // namespace SupportDesk::Testing
