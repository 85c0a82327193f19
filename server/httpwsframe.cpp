// WebSocket (RFC 6455) frames and the opening handshake's key, as pure functions over bytes
// (see http.h), so the frame reader is fuzzed on its own (fuzz/fuzz_wsframe.cpp).
#include "http.h"

#include <QCryptographicHash>

namespace SupportDesk::Server::WebSocket {

QByteArray acceptKey(const QByteArray &clientKey)
{
    // RFC 6455 §4.2.2: SHA-1 of the key and this GUID, in base64.
    return QCryptographicHash::hash(clientKey + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
                                    QCryptographicHash::Sha1)
        .toBase64();
}

QByteArray frame(Opcode opcode, QByteArrayView payload)
{
    // A server's frames are never masked (§5.1) and never fragmented here.
    QByteArray out;
    out.reserve(payload.size() + 10);
    out += char(0x80 | quint8(opcode));
    const quint64 n = quint64(payload.size());
    if (n < 126) {
        out += char(n);
    } else if (n <= 0xffff) {
        out += char(126);
        out += char(n >> 8);
        out += char(n & 0xff);
    } else {
        out += char(127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += char((n >> shift) & 0xff);
    }
    out += payload;
    return out;
}

Frame readClientFrame(QByteArrayView bytes, bool inMessage, qint64 maxPayload)
{
    Frame f;
    const auto refuse = [&f](quint16 code) {
        f.state = Frame::State::Refused;
        f.closeCode = code;
        return f;
    };
    if (bytes.size() < 2)
        return f;
    const auto byte = [&bytes](qsizetype i) { return quint8(bytes.at(i)); };
    f.fin = byte(0) & 0x80;
    f.opcode = Opcode(byte(0) & 0x0f);
    // No extension was negotiated, so every reserved bit must be clear (§5.2).
    if (byte(0) & 0x70)
        return refuse(CloseProtocolError);
    const bool control = quint8(f.opcode) & 0x08;
    switch (f.opcode) {
    case Opcode::Continuation:
        if (!inMessage)
            return refuse(CloseProtocolError);
        break;
    case Opcode::Text:
    case Opcode::Binary:
        if (inMessage) // a new message inside a fragmented one (§5.4)
            return refuse(CloseProtocolError);
        break;
    case Opcode::Close:
    case Opcode::Ping:
    case Opcode::Pong:
        break;
    default:
        return refuse(CloseProtocolError);
    }
    // A client masks every frame (§5.1): the server closes on one that is not.
    if (!(byte(1) & 0x80))
        return refuse(CloseProtocolError);
    quint64 length = byte(1) & 0x7f;
    qsizetype at = 2;
    if (length == 126) {
        if (bytes.size() < 4)
            return f;
        length = quint64(byte(2)) << 8 | byte(3);
        at = 4;
    } else if (length == 127) {
        if (bytes.size() < 10)
            return f;
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = length << 8 | byte(i);
        if (length >> 63) // the most significant bit must be 0 (§5.2)
            return refuse(CloseProtocolError);
        at = 10;
    }
    // Control frames carry at most 125 bytes and are never fragmented (§5.5).
    if (control && (length > 125 || !f.fin))
        return refuse(CloseProtocolError);
    if (length > quint64(maxPayload))
        return refuse(CloseTooBig);
    if (bytes.size() < at + 4 + qsizetype(length))
        return f; // the rest is on its way
    const QByteArrayView mask = bytes.sliced(at, 4);
    at += 4;
    f.payload.resize(qsizetype(length));
    for (qsizetype i = 0; i < qsizetype(length); ++i)
        f.payload[i] = char(bytes.at(at + i) ^ mask.at(i % 4));
    if (f.opcode == Opcode::Close && !f.payload.isEmpty()) {
        // A code is two bytes (§5.5.1), one a peer may send (§7.4.1: not 1005, 1006 or 1015,
        // which only name what an endpoint saw; nothing of the unassigned ranges).
        if (f.payload.size() < 2)
            return refuse(CloseProtocolError);
        const quint16 code = quint16(quint8(f.payload.at(0)) << 8 | quint8(f.payload.at(1)));
        const bool assigned = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011);
        if (!assigned && !(code >= 3000 && code <= 4999))
            return refuse(CloseProtocolError);
    }
    f.size = at + qsizetype(length);
    f.state = Frame::State::Complete;
    return f;
}

} // namespace SupportDesk::Server::WebSocket
