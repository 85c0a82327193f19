// Collision's client side without a network (docs/collision.md): the messages' codec and its
// refusals, the board's one line per agent and its expiry on a hand-moved clock, and the
// reporter's throttle.
#include "presence.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Presence;

class TestPresenceBoard : public QObject
{
    Q_OBJECT

private slots:
    void reportsRoundTripAndRefuse();
    void eventsAreClamped();
    void boardShowsOthersOnce();
    void boardExpiresAndMoves();
    void reporterThrottlesTyping();
};

void TestPresenceBoard::reportsRoundTripAndRefuse()
{
    const auto r = decodeReport(encode(Report { QStringLiteral("t-1"), State::Typing }));
    QVERIFY(r);
    QCOMPARE(r->ticketId, QStringLiteral("t-1"));
    QCOMPARE(r->state, State::Typing);
    QVERIFY(!decodeReport("{"));
    QVERIFY(!decodeReport(R"({"type":"changed","seq":3})"));
    QVERIFY(!decodeReport(R"({"type":"presence","ticket":"t","state":"dancing"})"));
    QVERIFY(!decodeReport(R"({"type":"presence","ticket":"","state":"viewing"})"));
    QVERIFY(!decodeReport(R"({"type":"presence","ticket":"a\u0001b","state":"viewing"})"));
    const QByteArray tooLong = R"({"type":"presence","ticket":")"
        + QByteArray(MaxTicketIdLength + 1, 'a') + R"(","state":"viewing"})";
    QVERIFY(!decodeReport(tooLong));
}

void TestPresenceBoard::eventsAreClamped()
{
    Event e { QStringLiteral("t-1"), QStringLiteral("a-emma"), QStringLiteral("Emma"),
              QStringLiteral("x/1"), State::Typing, 999999999 };
    const auto d = decodeEvent(toJson(e));
    QVERIFY(d);
    // A server cannot keep a name on a ticket longer than the desk would.
    QCOMPARE(d->ttlMs, TypingTtlMs);
    QJsonObject noAgent = toJson(e);
    noAgent.remove(QStringLiteral("agent"));
    QVERIFY(!decodeEvent(noAgent));
    QJsonObject negative = toJson(e);
    negative.insert(QStringLiteral("ttl_ms"), -1);
    QVERIFY(!decodeEvent(negative));
}

void TestPresenceBoard::boardShowsOthersOnce()
{
    qint64 now = 1000;
    Board board(nullptr, [&now] { return now; });
    board.setSelf(QStringLiteral("a-me"));
    QSignalSpy changed(&board, &Board::changed);
    const QString t = QStringLiteral("t-1");
    board.apply({ t, QStringLiteral("a-me"), QStringLiteral("Me"), QStringLiteral("x/0"),
                  State::Typing, TypingTtlMs });
    QVERIFY(board.others(t).isEmpty()); // one's own desks are nobody else
    QCOMPARE(changed.count(), 0);
    board.apply({ t, QStringLiteral("a-zed"), QStringLiteral("Zed"), QStringLiteral("x/1"),
                  State::Viewing, ViewingTtlMs });
    board.apply({ t, QStringLiteral("a-emma"), QStringLiteral("Emma"), QStringLiteral("x/2"),
                  State::Viewing, ViewingTtlMs });
    // Emma on a second desk, typing there: one line, typing.
    board.apply({ t, QStringLiteral("a-emma"), QStringLiteral("Emma"), QStringLiteral("y/7"),
                  State::Typing, TypingTtlMs });
    const QVector<Board::Person> people = board.others(t);
    QCOMPARE(people.size(), 2);
    QCOMPARE(people.at(0).name, QStringLiteral("Emma"));
    QCOMPARE(people.at(0).state, State::Typing);
    QCOMPARE(people.at(1).name, QStringLiteral("Zed"));
    QCOMPARE(board.strongest(t), State::Typing);
    QCOMPARE(board.strongest(QStringLiteral("t-2")), State::Left);
    QCOMPARE(changed.count(), 3);
}

void TestPresenceBoard::boardExpiresAndMoves()
{
    qint64 now = 0;
    Board board(nullptr, [&now] { return now; });
    const QString t = QStringLiteral("t-1");
    board.apply({ t, QStringLiteral("a-emma"), QStringLiteral("Emma"), QStringLiteral("x/1"),
                  State::Typing, TypingTtlMs });
    board.apply({ t, QStringLiteral("a-lina"), QStringLiteral("Lina"), QStringLiteral("x/2"),
                  State::Viewing, ViewingTtlMs });
    now = TypingTtlMs - 1;
    QCOMPARE(board.strongest(t), State::Typing);
    now = TypingTtlMs;
    // Past its time it no longer counts, even before the timer drops it.
    QCOMPARE(board.strongest(t), State::Viewing);
    QSignalSpy changed(&board, &Board::changed);
    board.expire();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(board.others(t).size(), 1);
    // Lina's desk moves to another ticket: both tickets change, she is on the second only.
    board.apply({ QStringLiteral("t-2"), QStringLiteral("a-lina"), QStringLiteral("Lina"),
                  QStringLiteral("x/2"), State::Viewing, ViewingTtlMs });
    QCOMPARE(changed.last().at(0).toStringList(),
             (QStringList { QStringLiteral("t-2"), t }));
    QVERIFY(board.others(t).isEmpty());
    QCOMPARE(board.others(QStringLiteral("t-2")).size(), 1);
    board.apply({ QStringLiteral("t-2"), QStringLiteral("a-lina"), QStringLiteral("Lina"),
                  QStringLiteral("x/2"), State::Left, 0 });
    QVERIFY(board.isEmpty());
}

void TestPresenceBoard::reporterThrottlesTyping()
{
    qint64 now = 0;
    Reporter reporter(nullptr, [&now] { return now; });
    QSignalSpy said(&reporter, &Reporter::report);
    const auto last = [&said] {
        return decodeReport(said.last().at(0).toByteArray()).value_or(Report {});
    };
    reporter.typed(); // no ticket: nothing to say
    QCOMPARE(said.count(), 0);
    reporter.view(QStringLiteral("t-1"));
    QCOMPARE(said.count(), 1);
    QCOMPARE(last().state, State::Viewing);
    reporter.typed();
    QCOMPARE(said.count(), 2);
    QCOMPARE(last().state, State::Typing);
    // Keys keep coming: said again only every TypingRefreshMs.
    for (now = 100; now < TypingRefreshMs; now += 100)
        reporter.typed();
    QCOMPARE(said.count(), 2);
    now = TypingRefreshMs;
    reporter.typed();
    QCOMPARE(said.count(), 3);
    // Keys stop: back to viewing, once.
    reporter.typingIdle();
    reporter.typingIdle();
    QCOMPARE(said.count(), 4);
    QCOMPARE(last().state, State::Viewing);
    // The same ticket again says nothing; another says viewing there; none says left.
    reporter.view(QStringLiteral("t-1"));
    QCOMPARE(said.count(), 4);
    reporter.view(QStringLiteral("t-2"));
    QCOMPARE(said.count(), 5);
    QCOMPARE(last().ticketId, QStringLiteral("t-2"));
    reporter.view(QString());
    QCOMPARE(said.count(), 6);
    QCOMPARE(last().state, State::Left);
    QCOMPARE(last().ticketId, QStringLiteral("t-2"));
}

QTEST_GUILESS_MAIN(TestPresenceBoard)
#include "tst_presenceboard.moc"
