// The lead board's live figures over a seeded cache, every number worked out by hand below;
// the item models checked with QAbstractItemModelTester; live updates on ticket changes and
// on time alone; reassignment through the outbox.
#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "ticketcache.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

// The seeded desk, shared with tst_leadboard_widget.
#include "leadboardseed.h"

static QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

class TestLeadBoardModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void tiles();
    void unassignedMostSevereOfAnyPlan();
    void matrix();
    void breachingSoon();
    void agentLoad();
    void quota();
    void attainment();
    void attainmentMatchesCore();
    void modelsPassTheTester();
    void followsTicketChanges();
    void timeAloneBreachesATicket();
    void reassignQueuesAnAssignOp();
    void unknownEditionIsAGreyRow();
    void oddDataDoesNotCrash();
    void refusedNewTicketStaysUntilDiscarded();

private:
    std::unique_ptr<LeadBoardSeed> m_seed;
};

void TestLeadBoardModel::init()
{
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
}

void TestLeadBoardModel::cleanup()
{
    m_seed.reset();
}

void TestLeadBoardModel::tiles()
{
    LeadBoardModel &board = *m_seed->board;
    // Open: A B C D E F G I P11 X (H and P1–P10 are closed).
    QCOMPARE(board.board().open, 10);
    // B 120 s left of 15 min (at risk from 225 s); F 300 s left of 30 min (from 450 s).
    QCOMPARE(board.board().atRisk, 2);
    QCOMPARE(sorted(board.lists().atRisk), (QStringList{QStringLiteral("B"), QStringLiteral("F")}));
    // C was due 09:50.
    QCOMPARE(board.board().breached, 1);
    QCOMPARE(board.lists().breached, QStringList{QStringLiteral("C")});
    // A (S2) and I (S4): business-down, unanswered, nobody on them.
    QCOMPARE(board.board().unassignedBusinessDown, 2);
    QCOMPARE(sorted(board.lists().unassignedBusinessDown),
             (QStringList{QStringLiteral("A"), QStringLiteral("I")}));
}

// A plan whose most severe level is not called business-down: the tile and its list count its
// unassigned tickets of that level (they counted the literal id only).
void TestLeadBoardModel::unassignedMostSevereOfAnyPlan()
{
    QByteArray json = m_seed->catalogs->plan(u"service-plan")->json();
    json.replace("\"business-down\"", "\"outage\"").replace("\"service-plan\"", "\"own-plan\"");
    QStringList errors;
    const auto own = PlanCatalog::fromJson(json, &errors);
    QVERIFY2(own, qPrintable(errors.join(u'\n')));
    CatalogSet catalogs = *m_seed->catalogs;
    catalogs.insert(*own);
    Ticket o = m_seed->ticket("O", "own-plan", "s2-enterprise", "outage", "2026-11-22T09:55:00Z",
                              15, nullptr, "");
    Ticket q = m_seed->ticket("Q", "own-plan", "s2-enterprise", "business-degraded",
                              "2026-11-22T09:55:00Z", 30, nullptr, "");
    QVERIFY(m_seed->cache->applyChanges({o, q}, {}, {}, {}, std::nullopt, 41, false, nullptr));
    LeadBoardModel board(m_seed->cache.get(), catalogs, &m_seed->clock);
    board.setViewerRole(AgentRole::Lead);
    QCOMPARE(sorted(board.lists().unassignedBusinessDown),
             (QStringList{QStringLiteral("A"), QStringLiteral("I"), QStringLiteral("O")}));
    QCOMPARE(board.board().unassignedBusinessDown, 3);
}

void TestLeadBoardModel::matrix()
{
    RiskMatrixModel model(m_seed->board.get());
    // Service plan S1–S4, partner ENT COM STD, and the "?" row for X's unknown edition.
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.columnCount(), 4); // business-down, production-abnormal, degraded, consultation
    const auto find = [&model](const QString &rowLabelStart, int column) {
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.headerData(r, Qt::Vertical, Qt::DisplayRole).toString().startsWith(rowLabelStart))
                return model.index(r, column);
        }
        return QModelIndex();
    };
    QCOMPARE(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("Business unavailable"));
    // S2 business-down: A on track, B at risk → 2, amber.
    QModelIndex cell = find(QStringLiteral("S2"), 0);
    // The open tickets, then how many of them are at risk, in words (not a mark beside the
    // count, which read as 2 at risk), and said in words to a screen reader.
    QCOMPARE(cell.data().toString(), QStringLiteral("2 · 1 at risk"));
    QCOMPARE(cell.data(Qt::AccessibleTextRole).toString(),
             QStringLiteral("2 open, 1 at risk, 0 breached"));
    QCOMPARE(cell.data(LeadBoardRole::StateCode).toString(), QStringLiteral("at-risk"));
    QCOMPARE(sorted(cell.data(LeadBoardRole::TicketIds).toStringList()),
             (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(cell.data(Qt::BackgroundRole).value<QColor>(), stateColor(SlaState::AtRisk));
    // S2 business-degraded: C breached, red.
    cell = find(QStringLiteral("S2"), 2);
    QCOMPARE(cell.data().toString(), QStringLiteral("1 · 1 breached"));
    QCOMPARE(cell.data(LeadBoardRole::StateCode).toString(), QStringLiteral("breached"));
    QCOMPARE(cell.data(Qt::BackgroundRole).value<QColor>(), stateColor(SlaState::Breached));
    // S3 consultation: D in time, E late (both answered, still open) → responded late, said
    // in words too (pale orange is not told by its colour alone).
    cell = find(QStringLiteral("S3"), 3);
    QCOMPARE(cell.data().toString(), QStringLiteral("2 · answered late"));
    QCOMPARE(cell.data(LeadBoardRole::StateCode).toString(), QStringLiteral("responded-late"));
    // S1 degraded: F at risk. S4: I business-down and G consultation on track.
    QCOMPARE(find(QStringLiteral("S1"), 2).data(LeadBoardRole::StateCode).toString(),
             QStringLiteral("at-risk"));
    QCOMPARE(find(QStringLiteral("S4"), 0).data(LeadBoardRole::StateCode).toString(),
             QStringLiteral("on-track"));
    QCOMPARE(find(QStringLiteral("S4"), 3).data(LeadBoardRole::StateCode).toString(),
             QStringLiteral("on-track"));
    // Partner Standard, production exception: P11 on track. The service plan has no such
    // severity: that cell is "—" and not selectable.
    QCOMPARE(find(QStringLiteral("STD"), 1).data(LeadBoardRole::TicketIds).toStringList(),
             QStringList{QStringLiteral("P11")});
    QCOMPARE(find(QStringLiteral("S2"), 1).data().toString(), QStringLiteral("—"));
    QCOMPARE(find(QStringLiteral("S2"), 1).flags(), Qt::NoItemFlags);
    // An empty cell shows nothing.
    QCOMPARE(find(QStringLiteral("ENT"), 0).data().toString(), QString());
    // Badge colour of the edition on its row.
    QCOMPARE(model.headerData(1, Qt::Vertical, Qt::DecorationRole).value<QColor>(),
             QColor(QStringLiteral("#6a1b9a")));
}

void TestLeadBoardModel::breachingSoon()
{
    BreachingSoonModel model(m_seed->board.get());
    const auto ids = [&model] {
        QStringList list;
        for (int r = 0; r < model.rowCount(); ++r)
            list.append(model.index(r, 0).data(LeadBoardRole::TicketId).toString());
        return list;
    };
    // Earliest deadline first: B 10:02, A and F 10:05 (by id), P11 10:20, G 11:00.
    QCOMPARE(model.windowMinutes(), 15);
    QCOMPARE(ids(), (QStringList{QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("F")}));
    model.setWindowMinutes(30);
    QCOMPARE(ids(), (QStringList{QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("F"),
                                 QStringLiteral("P11")}));
    model.setWindowMinutes(60); // G has exactly 60 min left: in
    QCOMPARE(ids().size(), 5);
    QCOMPARE(ids().last(), QStringLiteral("G"));
    QCOMPARE(model.index(0, BreachingSoonModel::Ticket).data().toString(), QStringLiteral("#102"));
    QCOMPARE(model.index(0, BreachingSoonModel::Subject).data().toString(),
             QStringLiteral("Payments down"));
    // What the narrow list may cut is whole in the tooltip.
    for (const int column : { BreachingSoonModel::Subject, BreachingSoonModel::SeverityColumn,
                              BreachingSoonModel::Assignee }) {
        const QModelIndex cell = model.index(0, column);
        QVERIFY(!cell.data().toString().isEmpty());
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), cell.data().toString());
    }
    QCOMPARE(model.index(0, BreachingSoonModel::Edition).data().toString(), QStringLiteral("S2"));
    QCOMPARE(model.index(0, BreachingSoonModel::Assignee).data().toString(),
             QStringLiteral("Ann Lee"));
    QCOMPARE(model.index(1, BreachingSoonModel::Assignee).data().toString(),
             QStringLiteral("Unassigned"));
    // The duration does not break (no-break spaces).
    const auto timeLeft = [&model] {
        return model.index(0, BreachingSoonModel::TimeLeft).data().toString().replace(
            QChar::Nbsp, QLatin1Char(' '));
    };
    QCOMPARE(timeLeft(), QStringLiteral("at risk 2 min 00 s"));
    // The countdown moves with the clock, without a recompute.
    m_seed->clock.advanceSeconds(30);
    QCOMPARE(timeLeft(), QStringLiteral("at risk 1 min 30 s"));
}

void TestLeadBoardModel::agentLoad()
{
    AgentLoadModel model(m_seed->board.get());
    // ann: B C P11 (1 at risk, 1 breached; oldest waiting C 09:20); unassigned: A F I X (F at
    // risk; oldest X 09:10); bob: D E G (oldest waiting G 09:00; D and E answered); lee: none.
    QCOMPARE(model.rowCount(), 4);
    const auto row = [&model](int r) {
        QStringList cells;
        for (int c = 0; c < AgentLoadModel::ColumnCount; ++c)
            cells.append(model.index(r, c).data().toString());
        return cells.join(u'|');
    };
    QCOMPARE(row(0), QStringLiteral("Ann Lee|3|1|1|waiting 40 min"));
    QCOMPARE(row(1), QStringLiteral("Unassigned|4|1|0|waiting 50 min"));
    QCOMPARE(row(2), QStringLiteral("Bob Wu|3|0|0|waiting 1 h"));
    QCOMPARE(row(3), QStringLiteral("Lee Chen|0|0|0|"));
    // Counts to the right, words to the left: the oldest wait, in the stretched last column,
    // stood right-aligned 900 px from its agent on the lead board at 1440 px.
    const auto alignment = [&model](int column) {
        return Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt())
                & Qt::AlignHorizontal_Mask;
    };
    QCOMPARE(alignment(AgentLoadModel::AgentColumn), Qt::AlignLeft);
    QCOMPARE(alignment(AgentLoadModel::Open), Qt::AlignRight);
    QCOMPARE(alignment(AgentLoadModel::OldestWaiting), Qt::AlignLeft);
    QCOMPARE(Qt::Alignment(model.headerData(AgentLoadModel::OldestWaiting, Qt::Horizontal,
                                            Qt::TextAlignmentRole).toInt())
                     & Qt::AlignHorizontal_Mask,
             Qt::AlignLeft);
    QCOMPARE(sorted(model.index(0, 0).data(LeadBoardRole::TicketIds).toStringList()),
             (QStringList{QStringLiteral("B"), QStringLiteral("C"), QStringLiteral("P11")}));
}

void TestLeadBoardModel::quota()
{
    QuotaModel model(m_seed->board.get());
    // Globex (partner Standard, 10 a month): P1–P10 and P11 in November (Shanghai) → 11 of 10;
    // P11 flagged over quota with its reason (read from the full ticket).
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, QuotaModel::CustomerColumn).data().toString(),
             QStringLiteral("Globex Partners"));
    QCOMPARE(model.index(0, QuotaModel::EditionColumn).data().toString(), QStringLiteral("Standard"));
    QCOMPARE(model.index(0, QuotaModel::Used).data().toString(), QStringLiteral("11 of 10"));
    QCOMPARE(model.index(0, QuotaModel::OverQuota).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(0, QuotaModel::Reasons).data().toString(),
             QStringLiteral("#211: sub-client outage"));
}

void TestLeadBoardModel::attainment()
{
    const AttainmentFigures &a = m_seed->board->attainment();
    // Today in Shanghai (from 21 Nov 16:00 UTC): A–G, I, P11, X created; decided: C (breached,
    // unanswered), D (in time), E (late) → 1 of 3.
    QCOMPARE(a.periods[AttainmentFigures::Today].overall.decided(), 3);
    QCOMPARE(a.periods[AttainmentFigures::Today].overall.inTime, 1);
    // 7 days adds H (21 Nov, in time) → 2 of 4.
    QCOMPARE(a.periods[AttainmentFigures::SevenDays].overall.decided(), 4);
    QCOMPARE(a.periods[AttainmentFigures::SevenDays].overall.inTime, 2);
    // 30 days adds P1–P10 (1–10 Nov), P3 answered late → 11 of 14.
    QCOMPARE(a.periods[AttainmentFigures::ThirtyDays].overall.decided(), 14);
    QCOMPARE(a.periods[AttainmentFigures::ThirtyDays].overall.inTime, 11);
    // Daily series: 30 days ending today; today 1 of 3, yesterday 1 of 1, 3 Nov (P3) 0 of 1.
    QCOMPARE(a.daily.size(), 30);
    QCOMPARE(a.daily.last().day, QDate(2026, 11, 22));
    QCOMPARE(a.daily.last().cell.decided(), 3);
    QCOMPARE(a.daily.at(28).cell.inTime, 1);
    QCOMPARE(a.daily.at(28).cell.decided(), 1);
    QCOMPARE(a.daily.at(10).day, QDate(2026, 11, 3));
    QCOMPARE(a.daily.at(10).cell.decided(), 1);
    QCOMPARE(a.daily.at(10).cell.inTime, 0);
    // First responses: H 5 min (5–15), D and nine P's 30 min (30–60), E 130 min (120–480),
    // P3 17 h (≥ 8 h).
    QCOMPARE(a.histogram, (QVector<int>{0, 1, 0, 10, 0, 1, 1}));

    AttainmentModel model(m_seed->board.get());
    QCOMPARE(model.period(), AttainmentFigures::Today);
    // S2 degraded today: C breached unanswered → 0.0 %; S3 consultation: D in time, E late.
    const int s2 = 1, s3 = 2, all = model.columnCount() - 1;
    QCOMPARE(model.headerData(s2, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("S2 Enterprise"));
    QCOMPARE(model.index(s2, 2).data().toString(), QStringLiteral("0.0 %"));
    QCOMPARE(model.index(s3, 3).data().toString(), QStringLiteral("50.0 %"));
    QCOMPARE(model.index(s3, all).data().toString(), QStringLiteral("50.0 %"));
    QCOMPARE(model.index(s2, 0).data().toString(), QString()); // A, B undecided
    model.setPeriod(AttainmentFigures::SevenDays);
    QCOMPARE(model.index(s2, 0).data().toString(), QStringLiteral("100.0 %")); // H
    QCOMPARE(model.index(s2, all).data().toString(), QStringLiteral("50.0 %")); // H, C
}

void TestLeadBoardModel::attainmentMatchesCore()
{
    // The board counts attainment in one pass of its own; it must agree with core's functions.
    LeadBoardModel &board = *m_seed->board;
    const QDateTime now = board.now();
    const QTimeZone zone(QByteArrayLiteral("Asia/Shanghai"));
    const QDate today = now.toTimeZone(zone).date();
    const QDateTime end(today.addDays(1), QTime(0, 0), zone);
    const int days[] = {1, 7, 30};
    for (int p = 0; p < AttainmentFigures::PeriodCount; ++p) {
        const QDateTime from(today.addDays(1 - days[p]), QTime(0, 0), zone);
        const Attainment core
                = computeAttainment(board.facts().toVector(), from.toUTC(), end.toUTC(), now);
        const Attainment &mine = board.attainment().periods[p];
        QCOMPARE(mine.cells.keys(), core.cells.keys());
        for (auto it = core.cells.cbegin(); it != core.cells.cend(); ++it) {
            QCOMPARE(mine.cells.value(it.key()).answered, it->answered);
            QCOMPARE(mine.cells.value(it.key()).inTime, it->inTime);
            QCOMPARE(mine.cells.value(it.key()).breachedOpen, it->breachedOpen);
        }
    }
    const auto daily
            = dailyAttainment(board.facts().toVector(), today.addDays(-29), today, zone, now);
    QCOMPARE(daily.size(), board.attainment().daily.size());
    for (int d = 0; d < daily.size(); ++d) {
        QCOMPARE(board.attainment().daily.at(d).cell.decided(), daily.at(d).cell.decided());
        QCOMPARE(board.attainment().daily.at(d).cell.inTime, daily.at(d).cell.inTime);
    }
    const QDateTime from(today.addDays(-29), QTime(0, 0), zone);
    QCOMPARE(board.attainment().histogram,
             firstResponseHistogram(board.facts().toVector(), from.toUTC(), end.toUTC(),
                                    board.attainment().histogramEdges));
}

void TestLeadBoardModel::modelsPassTheTester()
{
    LeadBoardModel *board = m_seed->board.get();
    RiskMatrixModel matrix(board);
    BreachingSoonModel soon(board);
    AgentLoadModel load(board);
    QuotaModel quota(board);
    AttainmentModel attainment(board);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester t1(&matrix, mode), t2(&soon, mode), t3(&load, mode), t4(&quota, mode),
            t5(&attainment, mode);
    soon.setWindowMinutes(60);
    attainment.setPeriod(AttainmentFigures::ThirtyDays);
    // Changes go through the models while the testers watch.
    m_seed->clock.advanceSeconds(3 * 3600);
    board->recompute();
    QVERIFY(m_seed->cache->applyChanges({m_seed->ticket("Q", "service-plan", "s2-enterprise",
                                                        "no-such-severity", "2026-11-22T12:59:00Z",
                                                        15, nullptr, "")},
                                        {}, {}, {}, {}, 100, true, nullptr));
    board->noteTicketsChanged({QStringLiteral("Q")});
    QSignalSpy changed(board, &LeadBoardModel::boardChanged);
    QVERIFY(changed.wait());
    QVERIFY(matrix.columnCount() == 5); // a "?" column for the unknown severity
}

void TestLeadBoardModel::followsTicketChanges()
{
    LeadBoardModel &board = *m_seed->board;
    QSignalSpy changed(&board, &LeadBoardModel::boardChanged);
    // C answered on the server at 10:00: no longer breached; B assigned... a burst of two pages
    // costs one recompute.
    Ticket c = m_seed->tickets.value(QStringLiteral("C"));
    c.firstResponseAt = board.now();
    c.version = 2;
    QVERIFY(m_seed->cache->applyChanges({c}, {}, {}, {}, {}, 50, true, nullptr));
    board.noteTicketsChanged({QStringLiteral("C")});
    Ticket a = m_seed->tickets.value(QStringLiteral("A"));
    a.assigneeId = QStringLiteral("bob");
    a.version = 2;
    QVERIFY(m_seed->cache->applyChanges({a}, {}, {}, {}, {}, 51, true, nullptr));
    board.noteTicketsChanged({QStringLiteral("A")});
    QVERIFY(changed.wait());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(board.board().breached, 0);
    QCOMPARE(board.board().unassignedBusinessDown, 1);
}

void TestLeadBoardModel::timeAloneBreachesATicket()
{
    LeadBoardModel &board = *m_seed->board;
    // B is due at 10:02: past it, the once-a-second tick sees a state change due and
    // recomputes, with no ticket changed.
    m_seed->clock.set(QDateTime(QDate(2026, 11, 22), QTime(10, 2), Qt::UTC));
    QTRY_COMPARE_WITH_TIMEOUT(board.board().breached, 2, 3000);
    QCOMPARE(sorted(board.lists().breached), (QStringList{QStringLiteral("B"), QStringLiteral("C")}));
}

void TestLeadBoardModel::reassignQueuesAnAssignOp()
{
    LeadBoardModel &board = *m_seed->board;
    QVERIFY(board.reassign(QStringLiteral("A"), QStringLiteral("ann")));
    const auto outbox = m_seed->cache->outbox();
    QCOMPARE(outbox.size(), 1);
    const Operation &op = outbox.first().op;
    QCOMPARE(op.type, QStringLiteral("assign"));
    QCOMPARE(op.ticketId, QStringLiteral("A"));
    QCOMPARE(op.baseVersion, 1);
    QCOMPARE(op.payload.value(QStringLiteral("assignee_id")).toString(), QStringLiteral("ann"));
    QVERIFY(!op.opId.isEmpty());
    // The board shows it at once (the local preview of the edit).
    QTRY_COMPARE(board.board().unassignedBusinessDown, 1);
    QString error;
    QVERIFY(!board.reassign(QStringLiteral("nope"), QStringLiteral("ann"), &error));
    QVERIFY(!error.isEmpty());
}

void TestLeadBoardModel::unknownEditionIsAGreyRow()
{
    RiskMatrixModel model(m_seed->board.get());
    const int last = model.rowCount() - 1;
    QCOMPARE(model.headerData(last, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("?"));
    QCOMPARE(model.index(last, 3).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(last, 3).data(LeadBoardRole::TicketIds).toStringList(),
             QStringList{QStringLiteral("X")});
}

void TestLeadBoardModel::oddDataDoesNotCrash()
{
    // Tickets as a buggy server or an old cache might hold them: no plan, an unknown plan, a
    // slash in an id, no times at all, an unknown status, an agent the cache does not know.
    Ticket blank;
    blank.id = QStringLiteral("odd1");
    Ticket unknownPlan = m_seed->ticket("odd2", "gold-plan", "s1-flagship", "business-down",
                                        "2026-11-22T09:55:00Z", 15, nullptr, "ghost");
    Ticket slashes = m_seed->ticket("odd3", "service-plan", "s1/x", "a/b", "2026-11-22T09:55:00Z",
                                    15, nullptr, "");
    Ticket noDue = m_seed->ticket("odd4", "service-plan", "s2-enterprise", "consultation",
                                  "2026-11-22T09:55:00Z", 0, nullptr, "", "on-hold");
    noDue.dueAt = QDateTime();
    LeadBoardModel *board = m_seed->board.get();
    RiskMatrixModel matrix(board);
    BreachingSoonModel soon(board);
    AgentLoadModel load(board);
    QuotaModel quota(board);
    AttainmentModel attainment(board);
    const auto mode = QAbstractItemModelTester::FailureReportingMode::QtTest;
    QAbstractItemModelTester t1(&matrix, mode), t2(&soon, mode), t3(&load, mode), t4(&quota, mode),
            t5(&attainment, mode);
    QSignalSpy changed(board, &LeadBoardModel::boardChanged);
    QVERIFY(m_seed->cache->applyChanges({blank, unknownPlan, slashes, noDue}, {}, {}, {}, {}, 90,
                                        true, nullptr));
    board->noteTicketsChanged({blank.id, unknownPlan.id, slashes.id, noDue.id});
    QVERIFY(changed.wait());
    QCOMPARE(board->board().open, 14);
    // All four land in the grey "?" row or the "?" column; nothing is lost.
    int total = 0;
    for (int r = 0; r < matrix.rowCount(); ++r) {
        for (int c = 0; c < matrix.columnCount(); ++c)
            total += matrix.index(r, c).data(LeadBoardRole::TicketIds).toStringList().size();
    }
    QCOMPARE(total, 14);
    QCOMPARE(matrix.headerData(matrix.columnCount() - 1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("?"));
    // The unknown agent is shown by id; every cell of every model can be read.
    for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *>{
                 &matrix, &soon, &load, &quota, &attainment}) {
        for (int r = 0; r < m->rowCount(); ++r) {
            for (int c = 0; c < m->columnCount(); ++c) {
                for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole),
                                 int(Qt::BackgroundRole), int(LeadBoardRole::SortKey)})
                    m->index(r, c).data(role);
            }
        }
    }
    bool ghost = false;
    for (int r = 0; r < load.rowCount(); ++r)
        ghost |= load.index(r, 0).data().toString() == u"ghost";
    QVERIFY(ghost);
}

void TestLeadBoardModel::refusedNewTicketStaysUntilDiscarded()
{
    // A ticket created on this desk is on the board at once. Refused by the server, it stays
    // on this desk (docs/cache.md "A refused new ticket"): open, as in the queue's All open,
    // but with no deadline to breach and in its author's hands, so it is neither unassigned
    // business-down nor at risk. Discarded, it leaves the cache and the board (the facts are
    // swap-removed, the rest stay indexed right).
    LeadBoardModel *board = m_seed->board.get();
    Operation create;
    create.opId = QStringLiteral("op-new");
    create.type = QStringLiteral("create-ticket");
    create.ticketId = QStringLiteral("NEW");
    create.payload = QJsonObject{{QStringLiteral("customer_id"), QStringLiteral("c1")},
                                 {QStringLiteral("plan_id"), QStringLiteral("service-plan")},
                                 {QStringLiteral("edition_id"), QStringLiteral("s2-enterprise")},
                                 {QStringLiteral("severity"), QStringLiteral("business-down")},
                                 {QStringLiteral("subject"), QStringLiteral("Site down")},
                                 {QStringLiteral("due_at"), QStringLiteral("2026-11-22T10:15:00.000Z")}};
    create.madeAt = board->now();
    // The desk's own agent, as GET /me left it: a refused new ticket is theirs.
    QVERIFY(m_seed->cache->setSyncValue(QStringLiteral("me"),
                                        QStringLiteral(R"({"id":"a-author"})")));
    QVERIFY(m_seed->cache->saveEdit(create));
    QSignalSpy changed(board, &LeadBoardModel::boardChanged);
    board->noteTicketsChanged({QStringLiteral("NEW")});
    QVERIFY(changed.wait());
    QCOMPARE(board->board().open, 11);
    QCOMPARE(board->board().unassignedBusinessDown, 3);
    QVERIFY(board->fact(QStringLiteral("NEW")));
    QVERIFY(board->fact(QStringLiteral("NEW"))->dueAt.isValid());
    QVERIFY(m_seed->cache->markRejected(QStringLiteral("op-new"), QStringLiteral("invalid-op"), {},
                                        std::nullopt));
    board->noteTicketsChanged({QStringLiteral("NEW")});
    QVERIFY(changed.wait());
    QCOMPARE(board->board().open, 11);
    QCOMPARE(board->board().unassignedBusinessDown, 2);
    QVERIFY(board->fact(QStringLiteral("NEW")));
    QVERIFY(!board->fact(QStringLiteral("NEW"))->dueAt.isValid());
    QCOMPARE(board->fact(QStringLiteral("NEW"))->assigneeId, QStringLiteral("a-author"));
    for (const Imminent &soon : board->board().imminent)
        QVERIFY(soon.ticketId != u"NEW");
    QVERIFY(m_seed->cache->drop(QStringLiteral("op-new")));
    board->noteTicketsChanged({QStringLiteral("NEW")});
    QVERIFY(changed.wait());
    QCOMPARE(board->board().open, 10);
    QCOMPARE(board->board().unassignedBusinessDown, 2);
    QVERIFY(!board->fact(QStringLiteral("NEW")));
    for (const TicketFacts &f : board->facts())
        QCOMPARE(board->fact(f.id)->id, f.id);
}

QTEST_MAIN(TestLeadBoardModel)
#include "tst_leadboard_model.moc"
