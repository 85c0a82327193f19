// Any bytes as the start of a connection: the server's HTTP request-head parser
// (server/httpparser.cpp, parseRequestHead). It never crashes, and what it says is consistent:
// a complete head ends where the first blank line does, its body fits the limit, and the
// head written back out parses to the same request.
#include "http.h"

using namespace SupportDesk::Server;

namespace {

constexpr qint64 MaxBody = 1 << 20;
const QString UpgradePath = QStringLiteral("/api/v1/stream");

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const RequestHead head = parseRequestHead(bytes, MaxBody, UpgradePath);
    const qsizetype blank = bytes.indexOf(QByteArrayView("\r\n\r\n"));
    switch (head.state) {
    case RequestHead::State::Incomplete:
        // Only while no blank line has come, and the head is not yet too large.
        check(blank < 0 && bytes.size() <= MaxHeaderBytes);
        return 0;
    case RequestHead::State::Refused:
        check(head.status >= 400 && head.status < 500 && !head.code.isEmpty());
        check(head.size == 0 || head.size == blank + 4);
        check(head.size > 0 || head.status == 431);
        return 0;
    case RequestHead::State::Complete:
        break;
    }
    check(head.size == blank + 4 && head.size <= MaxHeaderBytes + 4);
    check(!head.request.method.isEmpty());
    check(head.contentLength >= 0 && head.contentLength <= MaxBody);
    check(!head.upgrade || head.contentLength == 0);
    check(!head.upgrade || head.request.path == UpgradePath);
    // Written back out (as a client would send it), the head parses to the same request.
    const HttpRequest &r = head.request;
    if (r.method.contains(' ') || r.method.contains('\r') || r.method.contains('\n'))
        return 0;
    QByteArray again = r.method + ' ' + QUrl::toPercentEncoding(r.path, "/");
    if (!r.query.isEmpty())
        again += '?' + r.query.query(QUrl::FullyEncoded).toUtf8();
    again += " HTTP/1.1\r\n";
    for (auto it = r.headers.cbegin(); it != r.headers.cend(); ++it) {
        if (it.key() == "connection")
            continue;
        again += it.key() + ": " + it.value() + "\r\n";
    }
    again += head.keepAlive ? "\r\n" : "Connection: close\r\n\r\n";
    const RequestHead second = parseRequestHead(again, MaxBody, UpgradePath);
    check(second.state == RequestHead::State::Complete);
    check(second.request.method == r.method && second.request.path == r.path);
    check(second.request.query.query(QUrl::FullyDecoded) == r.query.query(QUrl::FullyDecoded));
    check(second.keepAlive == head.keepAlive && second.contentLength == head.contentLength);
    check(second.upgrade == head.upgrade);
    return 0;
}
