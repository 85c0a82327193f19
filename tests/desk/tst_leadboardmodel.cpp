// The lead board's figures as a view of the ticket index, headless (no QtGui): time alone
// moves a ticket on the board when the index's schedule says so, and the board holds no
// ticket rows of its own.
#include "leadboardmodel.h"
#include "ticketindex.h"

#include "leadboardseed.h"

#include <QSignalSpy>
#include <QTest>

using namespace SupportDesk;

class TestLeadBoardModelHeadless : public QObject
{
    Q_OBJECT

private slots:
    void movesWithTheIndexSchedule();
    void followsTheIndexOnce();
};

void TestLeadBoardModelHeadless::movesWithTheIndexSchedule()
{
    LeadBoardSeed seed;
    QVERIFY(seed.open());
    LeadBoardModel &board = *seed.board;
    board.setCoalesceMs(0);
    // A: S2 business-down, due 10:05, at risk from 10:01:15 (a quarter of 15 min).
    QVERIFY(!board.lists().atRisk.contains(QStringLiteral("A")));
    QCOMPARE(board.index()->nextMomentAt() <= LeadBoardSeed::utc("2026-11-22T10:01:15Z"), true);

    QSignalSpy changed(&board, &LeadBoardModel::boardChanged);
    seed.clock.set(LeadBoardSeed::utc("2026-11-22T10:01:15Z"));
    board.index()->checkNow(); // what the index's one timer does at that instant
    QVERIFY(changed.wait());
    QVERIFY(board.lists().atRisk.contains(QStringLiteral("A")));

    seed.clock.set(LeadBoardSeed::utc("2026-11-22T10:05:00Z"));
    board.index()->checkNow();
    QVERIFY(changed.wait());
    QVERIFY(board.lists().breached.contains(QStringLiteral("A")));
    QVERIFY(!board.lists().atRisk.contains(QStringLiteral("A")));
}

void TestLeadBoardModelHeadless::followsTheIndexOnce()
{
    LeadBoardSeed seed;
    QVERIFY(seed.open());
    LeadBoardModel &board = *seed.board;
    board.setCoalesceMs(0);
    TicketIndex *index = board.index();
    // The board's facts are read through the index (it keeps none of its own).
    QCOMPARE(board.facts().size(), index->size());
    const quint64 reads = index->readCount();
    Ticket a = seed.tickets.value(QStringLiteral("A"));
    a.assigneeId = QStringLiteral("bob");
    a.version = 2;
    QVERIFY(seed.cache->applyChanges({a}, {}, {}, {}, std::nullopt, 41, true, nullptr));
    QSignalSpy changed(&board, &LeadBoardModel::boardChanged);
    board.noteTicketsChanged({QStringLiteral("A")});
    QCOMPARE(index->readCount(), reads + 1);
    QVERIFY(changed.wait());
    QCOMPARE(board.fact(QStringLiteral("A"))->assigneeId, QStringLiteral("bob"));
    QVERIFY(!board.lists().unassignedBusinessDown.contains(QStringLiteral("A")));
}

QTEST_MAIN(TestLeadBoardModelHeadless)
#include "tst_leadboardmodel.moc"
