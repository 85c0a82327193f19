// The head of an HTTP/1.1 request parsed from bytes, without a socket (see http.h), so that
// the HTTP layer's parser can be fuzzed on its own (fuzz/fuzz_http.cpp).
#include "http.h"

namespace SupportDesk::Server {

RequestHead parseRequestHead(QByteArrayView bytes, qint64 maxBody, const QString &upgradePath)
{
    RequestHead head;
    const auto refuse = [&head](int status, const char *code, const QString &message) {
        head.state = RequestHead::State::Refused;
        head.status = status;
        head.code = code;
        head.message = message;
        return head;
    };
    const qsizetype end = bytes.indexOf(QByteArrayView("\r\n\r\n"));
    if (end < 0 || end > MaxHeaderBytes) {
        if (bytes.size() > MaxHeaderBytes)
            return refuse(431, "header-too-large",
                          QStringLiteral("The request header is too large."));
        return head; // the rest of the head is still on its way
    }
    head.size = end + 4;
    HttpRequest &request = head.request;
    const QList<QByteArray> lines = bytes.first(end).toByteArray().split('\n');
    const QList<QByteArray> start = lines.first().trimmed().split(' ');
    if (start.size() != 3 || !start.at(2).startsWith("HTTP/1.") || start.at(0).isEmpty())
        return refuse(400, "bad-request", QStringLiteral("Malformed request line."));
    request.method = start.at(0);
    const QByteArray target = start.at(1);
    const qsizetype q = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(q < 0 ? target : target.left(q));
    if (q >= 0)
        request.query.setQuery(QString::fromUtf8(target.mid(q + 1)));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.insert(line.left(colon).trimmed().toLower(),
                               line.mid(colon + 1).trimmed());
    }
    const bool http10 = start.at(2) == "HTTP/1.0";
    const QByteArray connection = request.header("connection").toLower();
    head.keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");

    // A WebSocket handshake has no body; it is handed on unread, whatever else it says.
    if (!upgradePath.isEmpty() && request.method == "GET" && request.path == upgradePath
        && request.header("upgrade").toLower() == "websocket") {
        head.upgrade = true;
        head.state = RequestHead::State::Complete;
        return head;
    }
    if (!request.header("transfer-encoding").isEmpty())
        return refuse(411, "length-required",
                      QStringLiteral("Send the body with a Content-Length."));
    if (request.headers.contains("content-length")) {
        bool ok = false;
        head.contentLength = request.header("content-length").toLongLong(&ok);
        if (!ok || head.contentLength < 0) {
            head.contentLength = 0;
            return refuse(400, "bad-request", QStringLiteral("Content-Length is not a number."));
        }
    }
    if (head.contentLength > maxBody)
        return refuse(413, "body-too-large",
                      QStringLiteral("The body is larger than %1 bytes.").arg(maxBody));
    head.state = RequestHead::State::Complete;
    return head;
}

} // namespace SupportDesk::Server
