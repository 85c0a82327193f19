// What the server tests share to receive an IM group's posts: the group's webhook for the
// desk's replies as a small HTTP server in the test process (tst_intake, tst_im_e2e).
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QMessageAuthenticationCode>
#include <QNetworkRequest>
#include <QTcpServer>
#include <QTcpSocket>
#include <QVector>

namespace SupportDesk::Testing {

// "sha256=<hex HMAC-SHA256(secret, timestamp.body)>", as a group's bot and the desk sign.
inline QByteArray imSignature(const QByteArray &secret, const QByteArray &timestamp,
                              const QByteArray &body)
{
    return "sha256="
        + QMessageAuthenticationCode::hash(timestamp + '.' + body, secret,
                                           QCryptographicHash::Sha256)
              .toHex();
}

// A group bot's post of `body` to the desk's webhook, signed at `at`.
inline void signImPost(QNetworkRequest *request, const QByteArray &secret, const QByteArray &body,
                       const QDateTime &at = QDateTime::currentDateTimeUtc())
{
    const QByteArray timestamp = QByteArray::number(at.toSecsSinceEpoch());
    request->setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request->setRawHeader("X-SupportDesk-Timestamp", timestamp);
    request->setRawHeader("X-SupportDesk-Signature", imSignature(secret, timestamp, body));
}

// An IM group's webhook for the desk's replies: a small HTTP server in the test. While `down`
// is above 0 it answers 503 (and counts down); every post is kept.
class GroupReceiver : public QObject
{
public:
    struct Post
    {
        QByteArray delivery;
        QByteArray timestamp;
        QByteArray signature;
        QByteArray body;
        int status = 0;
    };
    int down = 0;
    QVector<Post> posts;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    // Posts of `delivery` answered 2xx.
    int delivered(const QByteArray &delivery) const
    {
        return int(std::count_if(posts.cbegin(), posts.cend(), [&](const Post &p) {
            return p.delivery == delivery && p.status == 200;
        }));
    }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        QHash<QByteArray, QByteArray> headers;
        for (const QByteArray &line : buffer.left(end).split('\n').mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        const qsizetype length = headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        Post p { headers.value("x-supportdesk-delivery"), headers.value("x-supportdesk-timestamp"),
                 headers.value("x-supportdesk-signature"), buffer.mid(end + 4, length),
                 down > 0 ? 503 : 200 };
        if (down > 0)
            --down;
        posts.append(p);
        m_buffers.remove(s);
        s->write("HTTP/1.1 " + QByteArray::number(p.status)
                 + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace SupportDesk::Testing
