// Any bytes as what a WebSocket client sends after the handshake: the server's frame reader
// (server/httpwsframe.cpp, readClientFrame), frame after frame as the connection reads them.
// It never crashes, and what it says is consistent: a complete frame fits the bytes, its
// payload is within the limit and unmasks back to the bytes sent, and the frame alone (without
// what follows it) reads the same; a refusal is a close code the RFC has for it.
#include "http.h"

using namespace SupportDesk::Server;
using namespace SupportDesk::Server::WebSocket;

namespace {

constexpr qint64 MaxPayload = 4096; // small, so the limit is reached often

void check(bool ok)
{
    if (!ok)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView all(reinterpret_cast<const char *>(data), qsizetype(size));
    qsizetype at = 0;
    bool inMessage = false;
    for (;;) {
        const QByteArrayView bytes = all.sliced(at);
        const Frame f = readClientFrame(bytes, inMessage, MaxPayload);
        if (f.state == Frame::State::Incomplete)
            return 0;
        if (f.state == Frame::State::Refused) {
            check(f.closeCode == CloseProtocolError || f.closeCode == CloseTooBig);
            return 0;
        }
        check(f.size >= 6 && f.size <= bytes.size());
        check(f.payload.size() <= MaxPayload && f.payload.size() <= f.size - 6);
        const bool control = quint8(f.opcode) & 0x08;
        check(!control || (f.fin && f.payload.size() <= 125));
        check((quint8(bytes.at(0)) & 0x70) == 0 && (quint8(bytes.at(1)) & 0x80));
        // Masked again with the frame's key, the payload is the bytes that were sent.
        const qsizetype start = f.size - f.payload.size();
        const QByteArrayView mask = bytes.sliced(start - 4, 4);
        for (qsizetype i = 0; i < f.payload.size(); ++i)
            check(char(f.payload.at(i) ^ mask.at(i % 4)) == bytes.at(start + i));
        // The frame alone reads the same; any shorter prefix of it is incomplete.
        const Frame alone = readClientFrame(bytes.first(f.size), inMessage, MaxPayload);
        check(alone.state == Frame::State::Complete && alone.size == f.size
              && alone.payload == f.payload);
        check(readClientFrame(bytes.first(f.size - 1), inMessage, MaxPayload).state
              == Frame::State::Incomplete);
        if (!control)
            inMessage = !f.fin;
        at += f.size;
    }
}
