// The lead board on a real DeskSession, as the main window wires it: the session's cache,
// its signals (a feed page, an edit, new team settings) and the signed-in agent's role.
#include "breachingsoonpanel.h"
#include "desksession.h"
#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "leadboardwidget.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "leadboardseed.h"

using namespace SupportDesk;

class TestLeadBoardSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void leadOnTheSession();
    void agentOnTheSession();

private:
    // Seeds a cache file as a sync would have left it, signed in as `role`.
    bool seed(const QString &role);

    std::unique_ptr<LeadBoardSeed> m_seed;
    std::unique_ptr<DeskSession> m_session;
};

void TestLeadBoardSession::init()
{
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
}

void TestLeadBoardSession::cleanup()
{
    m_session.reset();
    m_seed.reset();
}

bool TestLeadBoardSession::seed(const QString &role)
{
    const Agent me{QStringLiteral("lee"), QStringLiteral("Lee Chen"), parseRole(role).value(),
                   QStringLiteral("en"), 0};
    if (!m_seed->cache->setSyncValue(QStringLiteral("me"),
                                     QString::fromUtf8(QJsonDocument(Json::toJson(me)).toJson())))
        return false;
    const QString path = m_seed->cache->path();
    m_seed->board.reset();
    m_seed->cache->close();
    m_session = std::make_unique<DeskSession>();
    SessionConfig config;
    config.cachePath = path;
    return m_session->open(config) == TicketCache::OpenStatus::Ok;
}

void TestLeadBoardSession::leadOnTheSession()
{
    QVERIFY(seed(QStringLiteral("lead")));
    LeadBoardWidget widget(m_session.get());
    LeadBoardModel *board = widget.board();
    board->setClock(&m_seed->clock);
    // Nothing is read until the board is shown.
    QVERIFY(!board->isLoaded());
    QCOMPARE(board->board().open, 0);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QVERIFY(board->isLoaded());
    QVERIFY(board->viewerIsLead());
    QVERIFY(!widget.breachingSoon()->view()->isColumnHidden(BreachingSoonModel::Action));
    QCOMPARE(board->board().open, 10);
    QCOMPARE(board->board().unassignedBusinessDown, 2);

    // An edit through the session: the outbox has it, the session signals it, the board
    // follows.
    QSignalSpy changed(board, &LeadBoardModel::boardChanged);
    QVERIFY(board->reassign(QStringLiteral("A"), QStringLiteral("bob")));
    QCOMPARE(m_session->cache()->outbox().size(), 1);
    QCOMPARE(m_session->cache()->outbox().first().op.type, QStringLiteral("assign"));
    QVERIFY(changed.wait());
    QCOMPARE(board->board().unassignedBusinessDown, 1);

    // A feed page brings a new business-down ticket nobody has.
    Ticket fresh = m_seed->ticket("N", "service-plan", "s1-flagship", "business-down",
                                  "2026-11-22T09:58:00Z", 15, nullptr, "");
    QVERIFY(m_session->cache()->applyChanges({fresh}, {}, {}, {}, std::nullopt, 60, true, nullptr));
    emit m_session->ticketsChanged({QStringLiteral("N")});
    QVERIFY(changed.wait());
    QCOMPARE(board->board().open, 11);
    QCOMPARE(board->board().unassignedBusinessDown, 2);

    // New team settings from the feed (no ticket changed): read when the sync goes idle.
    TeamSettings settings;
    settings.atRiskFraction = 0.5;
    settings.notifyBeforeBreachMinutes = 10;
    settings.seq = 61;
    QVERIFY(m_session->cache()->applyChanges({}, {}, {}, {}, settings, 61, true, nullptr));
    emit m_session->idle();
    QCOMPARE(board->teamSettings().atRiskFraction, 0.5);
    // With half the target left: A (300 s of 900) and G (60 min of 2 h) join B and F; N
    // (780 s of 900) is still on track.
    QCOMPARE(board->board().atRisk, 4);
}

void TestLeadBoardSession::agentOnTheSession()
{
    QVERIFY(seed(QStringLiteral("agent")));
    LeadBoardWidget widget(m_session.get());
    widget.show();
    QVERIFY(!widget.board()->viewerIsLead());
    QVERIFY(widget.breachingSoon()->view()->isColumnHidden(BreachingSoonModel::Action));
}

QTEST_MAIN(TestLeadBoardSession)
#include "tst_leadboard_session.moc"
