// The server's WebSocket frames (server/httpwsframe.cpp): the handshake key, the frames it
// writes, and every frame a client may or must not send (RFC 6455), on bytes alone.
#include "http.h"

#include <QTest>

using namespace SupportDesk::Server;
using namespace SupportDesk::Server::WebSocket;

namespace {

// A frame as a client sends it: masked with `key`.
QByteArray clientFrame(quint8 firstByte, const QByteArray &payload,
                       const QByteArray &key = QByteArrayLiteral("\x37\xfa\x21\x3d"))
{
    QByteArray out;
    out += char(firstByte);
    const quint64 n = quint64(payload.size());
    if (n < 126) {
        out += char(0x80 | n);
    } else if (n <= 0xffff) {
        out += char(0x80 | 126);
        out += char(n >> 8);
        out += char(n & 0xff);
    } else {
        out += char(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out += char((n >> shift) & 0xff);
    }
    out += key;
    for (qsizetype i = 0; i < payload.size(); ++i)
        out += char(payload.at(i) ^ key.at(i % 4));
    return out;
}

Frame read(const QByteArray &bytes, bool inMessage = false)
{
    return readClientFrame(bytes, inMessage, MaxClientPayload);
}

} // namespace

class TestWsFrame : public QObject
{
    Q_OBJECT

private slots:
    void acceptKeyIsRfcs();
    void serverFramesAreRfcs();
    void maskedClientFramesAreRead();
    void partialFramesWait();
    void forbiddenFramesAreRefused_data();
    void forbiddenFramesAreRefused();
    void fragmentedMessages();
};

void TestWsFrame::acceptKeyIsRfcs()
{
    // RFC 6455 §1.3's example.
    QCOMPARE(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="), QByteArray("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
}

void TestWsFrame::serverFramesAreRfcs()
{
    // §5.7: a single-frame unmasked text message.
    QCOMPARE(frame(Opcode::Text, "Hello"), QByteArray::fromHex("810548656c6c6f"));
    // 256 bytes: the 16-bit length; 65,536 bytes: the 64-bit one.
    const QByteArray mid = frame(Opcode::Binary, QByteArray(256, 'x'));
    QCOMPARE(mid.left(4), QByteArray::fromHex("827e0100"));
    QCOMPARE(mid.size(), 4 + 256);
    const QByteArray big = frame(Opcode::Binary, QByteArray(65536, 'x'));
    QCOMPARE(big.left(10), QByteArray::fromHex("827f0000000000010000"));
    QCOMPARE(big.size(), 10 + 65536);
    // 125 and 126 bytes: the last 7-bit length, the first 16-bit one.
    QCOMPARE(frame(Opcode::Text, QByteArray(125, 'y')).left(2), QByteArray::fromHex("817d"));
    QCOMPARE(frame(Opcode::Text, QByteArray(126, 'y')).left(4), QByteArray::fromHex("817e007e"));
    QCOMPARE(closeFrame(CloseGoingAway), QByteArray::fromHex("880203e9"));
}

void TestWsFrame::maskedClientFramesAreRead()
{
    // §5.7: a masked "Hello" from a client.
    const QByteArray hello = QByteArray::fromHex("818537fa213d7f9f4d5158");
    Frame f = read(hello);
    QCOMPARE(f.state, Frame::State::Complete);
    QCOMPARE(f.opcode, Opcode::Text);
    QVERIFY(f.fin);
    QCOMPARE(f.payload, QByteArray("Hello"));
    QCOMPARE(f.size, hello.size());
    // Two frames back to back: the first ends where the second starts.
    const QByteArray ping = clientFrame(0x89, "are you there");
    f = read(ping + hello);
    QCOMPARE(f.opcode, Opcode::Ping);
    QCOMPARE(f.payload, QByteArray("are you there"));
    QCOMPARE(f.size, ping.size());
    // Lengths of 16 and 64 bits.
    f = read(clientFrame(0x82, QByteArray(300, 'a')));
    QCOMPARE(f.state, Frame::State::Complete);
    QCOMPARE(f.payload, QByteArray(300, 'a'));
    f = readClientFrame(clientFrame(0x82, QByteArray(70000, 'b')), false, 1 << 20);
    QCOMPARE(f.state, Frame::State::Complete);
    QCOMPARE(f.payload.size(), 70000);
    // A close with a code, and one without.
    f = read(clientFrame(0x88, QByteArray::fromHex("03e8") + "bye"));
    QCOMPARE(f.state, Frame::State::Complete);
    QCOMPARE(f.opcode, Opcode::Close);
    QCOMPARE(f.payload.left(2), QByteArray::fromHex("03e8"));
    QCOMPARE(read(clientFrame(0x88, {})).state, Frame::State::Complete);
    QCOMPARE(read(clientFrame(0x88, QByteArray::fromHex("0fa0"))).state,
             Frame::State::Complete); // 4000: private use
}

void TestWsFrame::partialFramesWait()
{
    const QByteArray frames[] = { clientFrame(0x81, "Hello"),
                                  clientFrame(0x82, QByteArray(300, 'a')),
                                  clientFrame(0x82, QByteArray(70000, 'b')) };
    for (const QByteArray &whole : frames) {
        for (qsizetype n : { qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(3),
                             qsizetype(9), whole.size() - 1 }) {
            const Frame f = readClientFrame(whole.left(n), false, 1 << 20);
            QVERIFY2(f.state == Frame::State::Incomplete, qPrintable(QString::number(n)));
        }
        QCOMPARE(readClientFrame(whole, false, 1 << 20).state, Frame::State::Complete);
    }
}

void TestWsFrame::forbiddenFramesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked") << QByteArray::fromHex("810548656c6c6f") << 1002;
    QTest::newRow("rsv1") << clientFrame(0xc1, "x") << 1002;
    QTest::newRow("rsv3") << clientFrame(0x91, "x") << 1002;
    QTest::newRow("opcode 3") << clientFrame(0x83, "x") << 1002;
    QTest::newRow("opcode 0xb") << clientFrame(0x8b, "x") << 1002;
    QTest::newRow("ping of 126 bytes") << clientFrame(0x89, QByteArray(126, 'p')) << 1002;
    QTest::newRow("fragmented ping") << clientFrame(0x09, "p") << 1002;
    QTest::newRow("continuation with no message") << clientFrame(0x80, "x") << 1002;
    QTest::newRow("close of one byte") << clientFrame(0x88, "x") << 1002;
    QTest::newRow("close 1005") << clientFrame(0x88, QByteArray::fromHex("03ed")) << 1002;
    QTest::newRow("close 999") << clientFrame(0x88, QByteArray::fromHex("03e7")) << 1002;
    QTest::newRow("close 2000") << clientFrame(0x88, QByteArray::fromHex("07d0")) << 1002;
    QTest::newRow("over the limit")
        << clientFrame(0x82, QByteArray(int(MaxClientPayload) + 1, 'z')) << 1009;
    // Refused from its length alone, before the payload has come.
    QTest::newRow("2^62 announced") << QByteArray::fromHex("82ff4000000000000000") << 1009;
    QTest::newRow("64-bit length's top bit") << QByteArray::fromHex("82ff8000000000000001")
                                             << 1002;
}

void TestWsFrame::forbiddenFramesAreRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    const Frame f = read(bytes);
    QCOMPARE(f.state, Frame::State::Refused);
    QCOMPARE(int(f.closeCode), code);
}

void TestWsFrame::fragmentedMessages()
{
    // A text message in two fragments, with a ping between them (§5.4 allows it).
    const Frame first = read(clientFrame(0x01, "Hel"));
    QCOMPARE(first.state, Frame::State::Complete);
    QVERIFY(!first.fin);
    QCOMPARE(read(clientFrame(0x89, "p"), true).state, Frame::State::Complete);
    const Frame last = read(clientFrame(0x80, "lo"), true);
    QCOMPARE(last.state, Frame::State::Complete);
    QVERIFY(last.fin);
    QCOMPARE(last.opcode, Opcode::Continuation);
    // A new data message inside an open one is an error.
    QCOMPARE(read(clientFrame(0x81, "x"), true).closeCode, CloseProtocolError);
}

QTEST_APPLESS_MAIN(TestWsFrame)
#include "tst_wsframe.moc"
