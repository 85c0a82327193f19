// Collision on the real server (docs/collision.md): two stream clients of two agents see each
// other's "viewing" and "typing", a newcomer is told who is already there, a closed socket
// clears its presence, a flood is not fanned out, and on PostgreSQL the events cross to a
// client of another process (NOTIFY).
#include "presence.h"
#include "serverfixture.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

// A stream client that keeps the presence events it hears.
class Desk : public QObject
{
public:
    Desk(const QUrl &server, const QString &token)
    {
        QUrl url = server;
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/stream"));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            if (const auto e = Presence::decodeEvent(o))
                events.append(*e);
        });
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        up = connected.wait(10000);
    }
    void say(const QString &ticket, Presence::State state)
    {
        socket.sendTextMessage(QString::fromUtf8(Presence::encode({ ticket, state })));
    }
    // The last event heard of `agent` on `ticket`, if any.
    std::optional<Presence::Event> last(const QString &agent, const QString &ticket) const
    {
        for (auto it = events.crbegin(); it != events.crend(); ++it) {
            if (it->agentId == agent && it->ticketId == ticket)
                return *it;
        }
        return std::nullopt;
    }
    bool heard(const QString &agent, const QString &ticket, Presence::State state) const
    {
        const auto e = last(agent, ticket);
        return e && e->state == state;
    }

    QWebSocket socket;
    QVector<Presence::Event> events;
    bool up = false;
};

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void twoClientsSeeEachOther();
    void closedSocketClears();
    void floodIsNotFannedOut();
    void acrossProcesses();

private:
    QTemporaryDir m_dir;
    TestStore m_store;
    ServerProcess m_server;
    QString m_emma;
    QString m_lina;
};

void TestPresence::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString failed = m_store.open(m_dir.path(), QStringLiteral("presence.db"));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY(m_server.startListening(m_store.db()));
    m_emma = addAgent(m_store.db(), QStringLiteral("a-emma"), QStringLiteral("agent"));
    m_lina = addAgent(m_store.db(), QStringLiteral("a-lina"), QStringLiteral("agent"));
    QVERIFY(!m_emma.isEmpty() && !m_lina.isEmpty());
}

void TestPresence::cleanupTestCase()
{
    m_server.terminate();
}

void TestPresence::twoClientsSeeEachOther()
{
    Desk emma(m_server.url(), m_emma);
    Desk lina(m_server.url(), m_lina);
    QVERIFY(emma.up && lina.up);
    const QString ticket = QStringLiteral("t-two-clients");
    emma.say(ticket, Presence::State::Viewing);
    QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), ticket, Presence::State::Viewing));
    const Presence::Event seen = *lina.last(QStringLiteral("a-emma"), ticket);
    QCOMPARE(seen.name, QStringLiteral("a-emma"));
    QCOMPARE(seen.ttlMs, Presence::ViewingTtlMs);
    lina.say(ticket, Presence::State::Typing);
    QTRY_VERIFY(emma.heard(QStringLiteral("a-lina"), ticket, Presence::State::Typing));
    QCOMPARE(emma.last(QStringLiteral("a-lina"), ticket)->ttlMs, Presence::TypingTtlMs);
    // Nobody hears their own.
    QVERIFY(!emma.last(QStringLiteral("a-emma"), ticket));

    // A desk that connects now is told who is there already.
    Desk late(m_server.url(), m_emma);
    QVERIFY(late.up);
    QTRY_VERIFY(late.heard(QStringLiteral("a-lina"), ticket, Presence::State::Typing));
    QTRY_VERIFY(late.heard(QStringLiteral("a-emma"), ticket, Presence::State::Viewing));

    // Another ticket leaves the first; "left" of a ticket one is not on changes nothing.
    emma.say(QStringLiteral("t-other"), Presence::State::Viewing);
    QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), QStringLiteral("t-other"),
                           Presence::State::Viewing));
    const int heard = int(lina.events.size());
    emma.say(ticket, Presence::State::Left);
    emma.say(QStringLiteral("t-other"), Presence::State::Left);
    QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), QStringLiteral("t-other"),
                           Presence::State::Left));
    QCOMPARE(lina.events.size(), heard + 1);
}

void TestPresence::closedSocketClears()
{
    Desk lina(m_server.url(), m_lina);
    QVERIFY(lina.up);
    const QString ticket = QStringLiteral("t-closed");
    {
        auto emma = std::make_unique<Desk>(m_server.url(), m_emma);
        QVERIFY(emma->up);
        emma->say(ticket, Presence::State::Typing);
        QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), ticket, Presence::State::Typing));
        // Gone without a word: the TCP connection just closes, as a killed desk's would.
        emma->socket.abort();
    }
    QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), ticket, Presence::State::Left));
    // And a desk that connects later is not told of it.
    Desk late(m_server.url(), m_lina);
    QVERIFY(late.up);
    late.say(QStringLiteral("t-marker"), Presence::State::Viewing);
    QTRY_VERIFY(lina.heard(QStringLiteral("a-lina"), QStringLiteral("t-marker"),
                           Presence::State::Viewing));
    QVERIFY(!late.last(QStringLiteral("a-emma"), ticket));
}

void TestPresence::floodIsNotFannedOut()
{
    Desk emma(m_server.url(), m_emma);
    Desk lina(m_server.url(), m_lina);
    QVERIFY(emma.up && lina.up);
    // 200 reports at once: the bucket lets a burst through, not all.
    for (int i = 0; i < 200; ++i)
        emma.say(QStringLiteral("t-flood-%1").arg(i), Presence::State::Viewing);
    QTRY_VERIFY(lina.heard(QStringLiteral("a-emma"), QStringLiteral("t-flood-0"),
                           Presence::State::Viewing));
    // Hostile reports are dropped, and the connection stays up.
    emma.socket.sendTextMessage(QStringLiteral("{not json"));
    emma.socket.sendTextMessage(
        QStringLiteral(R"({"type":"presence","ticket":"","state":"typing"})"));
    emma.socket.sendTextMessage(
        QStringLiteral(R"({"type":"presence","ticket":"%1","state":"viewing"})")
            .arg(QString(200, u'a')));
    // Said until the bucket lets it through again: everything before it has been read.
    const QString marker = QStringLiteral("t-after-flood");
    QTRY_VERIFY_WITH_TIMEOUT((emma.say(marker, Presence::State::Viewing),
                              lina.heard(QStringLiteral("a-emma"), marker,
                                         Presence::State::Viewing)),
                             10000);
    int fromEmma = 0;
    for (const Presence::Event &e : std::as_const(lina.events))
        fromEmma += e.agentId == u"a-emma" && e.ticketId.startsWith(u"t-flood") ? 1 : 0;
    // The burst, and what the bucket refilled while the 200 were read (a few ms).
    QVERIFY2(fromEmma >= 1 && fromEmma <= 12, qPrintable(QString::number(fromEmma)));
    for (const Presence::Event &e : std::as_const(lina.events))
        QVERIFY(!e.ticketId.isEmpty() && e.ticketId.size() <= Presence::MaxTicketIdLength);
    QCOMPARE(emma.socket.state(), QAbstractSocket::ConnectedState);
}

void TestPresence::acrossProcesses()
{
    // Two processes on one PostgreSQL: a client of A hears a client of B.
    QTemporaryDir dir;
    TestStore pg;
    const QString failed = pg.open(dir.path(), QString(), TestStore::Kind::PostgreSql);
    if (!failed.isEmpty())
        QSKIP(qPrintable(failed));
    ServerProcess a;
    ServerProcess b;
    QVERIFY(a.startListening(pg.db()));
    QVERIFY(b.startListening(pg.db()));
    const QString emma = addAgent(pg.db(), QStringLiteral("a-emma"), QStringLiteral("agent"));
    const QString lina = addAgent(pg.db(), QStringLiteral("a-lina"), QStringLiteral("agent"));
    Desk onA(a.url(), emma);
    Desk onB(b.url(), lina);
    QVERIFY(onA.up && onB.up);
    const QString ticket = QStringLiteral("t-across");
    onA.say(ticket, Presence::State::Typing);
    QTRY_VERIFY(onB.heard(QStringLiteral("a-emma"), ticket, Presence::State::Typing));
    onB.say(ticket, Presence::State::Viewing);
    QTRY_VERIFY(onA.heard(QStringLiteral("a-lina"), ticket, Presence::State::Viewing));
    // A newcomer on B is told of A's client; A's client closing clears it on B.
    Desk lateOnB(b.url(), lina);
    QTRY_VERIFY(lateOnB.heard(QStringLiteral("a-emma"), ticket, Presence::State::Typing));
    onA.socket.abort();
    QTRY_VERIFY(onB.heard(QStringLiteral("a-emma"), ticket, Presence::State::Left));
    a.terminate();
    b.terminate();
}

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
