// The server's hint pacing: a burst of commits is one hint of the newest sequence, none is
// left unhinted, and a quiet spell's first commit is hinted at once. Times are given, not
// waited for.
#include "hintpacer.h"

#include <QTest>

#include <optional>

using SupportDesk::Server::HintPacer;

class TstHintPacer : public QObject
{
    Q_OBJECT

private slots:
    void firstCommitIsHintedAtOnce();
    void burstIsOneHintOfTheNewest();
    void everyCommitIsHintedWithinOneInterval();
    void oldOrRepeatedSequencesAreNotHinted();
    void costlierFanOutsAreSpacedWider();
};

void TstHintPacer::firstCommitIsHintedAtOnce()
{
    HintPacer pacer(25, 100);
    QCOMPARE(pacer.offer(101, 1000), std::optional<qint64>(101));
    QVERIFY(!pacer.holding());
    // After a quiet spell, at once again.
    QCOMPARE(pacer.offer(102, 1025), std::optional<qint64>(102));
}

// 30 commits within 10 ms (two processes' group commits under load): one hint at once, one
// hint of the newest when the interval is up — not 30 fan-outs to every client.
void TstHintPacer::burstIsOneHintOfTheNewest()
{
    HintPacer pacer(25);
    int sent = 0;
    qint64 last = 0;
    for (qint64 i = 1; i <= 30; ++i) {
        if (const auto seq = pacer.offer(i * 10, 1000 + i / 3)) {
            ++sent;
            last = *seq;
        }
    }
    QCOMPARE(sent, 1);
    QCOMPARE(last, 10);
    QVERIFY(pacer.holding());
    QCOMPARE(pacer.dueAtMs(), 1025);
    QCOMPARE(pacer.due(1024), std::nullopt); // not yet
    QCOMPARE(pacer.due(1025), std::optional<qint64>(300));
    QVERIFY(!pacer.holding());
    QCOMPARE(pacer.hintedSeq(), 300);
}

// Under steady load (a commit every 4 ms for a second) no commit waits more than one interval
// for a hint at or past its sequence, and hints go at most once per interval.
void TstHintPacer::everyCommitIsHintedWithinOneInterval()
{
    constexpr qint64 Interval = 25;
    HintPacer pacer(Interval);
    QList<std::pair<qint64, qint64>> hints; // (ms, seq)
    qint64 seq = 0;
    for (qint64 now = 0; now <= 1000; ++now) {
        if (const auto s = pacer.due(now))
            hints.append({ now, *s });
        if (now % 4 == 0) {
            if (const auto s = pacer.offer(++seq, now))
                hints.append({ now, *s });
        }
    }
    for (qint64 now = 1001; pacer.holding(); ++now) {
        if (const auto s = pacer.due(now))
            hints.append({ now, *s });
    }
    QVERIFY(hints.size() <= 1000 / Interval + 2);
    QCOMPARE(hints.last().second, seq); // the last commit too
    for (qsizetype i = 1; i < hints.size(); ++i) {
        QVERIFY(hints.at(i).first - hints.at(i - 1).first >= Interval);
        QVERIFY(hints.at(i).second > hints.at(i - 1).second);
    }
    for (qint64 s = 1; s <= seq; ++s) {
        const qint64 committedAt = (s - 1) * 4;
        const auto first = std::find_if(hints.cbegin(), hints.cend(),
                                        [s](const auto &h) { return h.second >= s; });
        QVERIFY(first != hints.cend());
        QVERIFY2(first->first - committedAt <= Interval, qPrintable(QString::number(s)));
    }
}

void TstHintPacer::oldOrRepeatedSequencesAreNotHinted()
{
    HintPacer pacer(25, 50);
    QCOMPARE(pacer.offer(50, 0), std::nullopt); // the head at start: clients read it already
    QCOMPARE(pacer.offer(40, 100), std::nullopt);
    QCOMPARE(pacer.offer(51, 100), std::optional<qint64>(51));
    // This process's own commit comes back from the listener with the same sequence.
    QCOMPARE(pacer.offer(51, 200), std::nullopt);
    QCOMPARE(pacer.offer(52, 210), std::optional<qint64>(52));
    QCOMPARE(pacer.offer(53, 215), std::nullopt); // held
    QCOMPARE(pacer.offer(53, 216), std::nullopt); // held already, not twice
    QCOMPARE(pacer.due(235), std::optional<qint64>(53));
    QCOMPARE(pacer.due(300), std::nullopt); // nothing held
}

// The server widens the spacing when a fan-out costs more (many clients, a busy machine): the
// next hint waits the new interval, and still names the newest sequence.
void TstHintPacer::costlierFanOutsAreSpacedWider()
{
    HintPacer pacer(25);
    QCOMPARE(pacer.offer(1, 0), std::optional<qint64>(1));
    pacer.setIntervalMs(60);
    QCOMPARE(pacer.offer(2, 30), std::nullopt); // 25 ms would have let it go
    QCOMPARE(pacer.offer(3, 50), std::nullopt);
    QCOMPARE(pacer.dueAtMs(), 60);
    QCOMPARE(pacer.due(59), std::nullopt);
    QCOMPARE(pacer.due(60), std::optional<qint64>(3));
    pacer.setIntervalMs(25);
    QCOMPARE(pacer.offer(4, 85), std::optional<qint64>(4));
}

QTEST_GUILESS_MAIN(TstHintPacer)
#include "tst_hintpacer.moc"
