// The response clock: deadlines and states at the boundaries, with an injected clock.
#include "plancatalog.h"
#include "responseclock.h"

#include <QTest>

using namespace SupportDesk;

namespace QTest {
template<>
char *toString(const SlaState &state)
{
    return qstrdup(slaStateCode(state).toUtf8().constData());
}
} // namespace QTest

class TestResponseClock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deadlineFromCatalog_data();
    void deadlineFromCatalog();
    void deadlineExactSecond();
    void atRiskThreshold();
    void atRiskFractionIsConfigurable();
    void momentsDecideTheState_data();
    void momentsDecideTheState();
    void noTargetGoesStraightToBreached();
    void breachedKeepsCountingOverdue();
    void respondedInTimeAndLate();
    void stoppedWithoutResponse();
    void countdownRoundsUpInLastSecond();
    void leapDay();
    void injectedClock();

private:
    std::optional<CatalogSet> m_catalogs;
    const QDateTime m_created = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
};

void TestResponseClock::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
}

void TestResponseClock::deadlineFromCatalog_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("minutes");
    QTest::newRow("S1 down") << "service-plan" << "s1-flagship" << "business-down" << 15;
    QTest::newRow("S3 degraded") << "service-plan" << "s3-commercial" << "business-degraded" << 60;
    QTest::newRow("S4 consultation") << "service-plan" << "s4-basic" << "consultation" << 120;
    QTest::newRow("partner std down") << "partner-plan" << "standard" << "business-down" << 15;
    QTest::newRow("partner ent consult") << "partner-plan" << "enterprise" << "consultation" << 960;
}

void TestResponseClock::deadlineFromCatalog()
{
    QFETCH(QString, plan);
    QFETCH(QString, edition);
    QFETCH(QString, severity);
    QFETCH(int, minutes);
    const PlanCatalog *catalog = m_catalogs->plan(plan);
    QVERIFY(catalog);
    QCOMPARE(ResponseClock::deadline(*catalog, edition, severity, m_created),
             m_created.addSecs(minutes * 60));
    QVERIFY(ResponseClock::deadline(*catalog, edition, u"no-such-severity", m_created).isNull());
    QVERIFY(ResponseClock::deadline(*catalog, u"no-such-edition", severity, m_created).isNull());
}

void TestResponseClock::deadlineExactSecond()
{
    // 15 minutes: "< 15 minutes" in the seeds, so the deadline's own second is already late.
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 15), {}};
    const SlaStatus before = ResponseClock::status(t, t.deadline.addSecs(-1));
    QCOMPARE(before.state, SlaState::AtRisk);
    QCOMPARE(before.secondsLeft, 1);
    const SlaStatus at = ResponseClock::status(t, t.deadline);
    QCOMPARE(at.state, SlaState::Breached);
    QCOMPARE(at.secondsLeft, 0);
    QCOMPARE(at.secondsOverdue, 0);
    const SlaStatus after = ResponseClock::status(t, t.deadline.addSecs(1));
    QCOMPARE(after.state, SlaState::Breached);
    QCOMPARE(after.secondsOverdue, 1);
}

void TestResponseClock::atRiskThreshold()
{
    // A quarter of 15 minutes is 225 s: at 225 s left the ticket is at risk, at 226 s not.
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 15), {}};
    const SlaStatus onTrack = ResponseClock::status(t, t.deadline.addSecs(-226));
    QCOMPARE(onTrack.state, SlaState::OnTrack);
    QCOMPARE(onTrack.secondsLeft, 226);
    QCOMPARE(ResponseClock::status(t, t.deadline.addSecs(-225)).state, SlaState::AtRisk);
    QCOMPARE(ResponseClock::status(t, t.deadline.addMSecs(-225001)).state, SlaState::OnTrack);
    QCOMPARE(ResponseClock::status(t, m_created).state, SlaState::OnTrack);
    QCOMPARE(ResponseClock::status(t, m_created).secondsLeft, 900);
}

void TestResponseClock::atRiskFractionIsConfigurable()
{
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 60), {}};
    const QDateTime halfway = m_created.addSecs(30 * 60);
    QCOMPARE(ResponseClock::status(t, halfway).state, SlaState::OnTrack);
    QCOMPARE(ResponseClock::status(t, halfway, 0.5).state, SlaState::AtRisk);
    QCOMPARE(ResponseClock::status(t, halfway.addSecs(-1), 0.5).state, SlaState::OnTrack);
    QCOMPARE(ResponseClock::status(t, halfway).targetUsed, 0.5);
}

// The moments every view schedules and counts by, and the state the pane shows, agree on each
// side of both boundaries, for fractions and targets that do not divide evenly.
void TestResponseClock::momentsDecideTheState_data()
{
    QTest::addColumn<qint64>("targetMs");
    QTest::addColumn<double>("fraction");
    QTest::newRow("15 min, 25 %") << qint64(15 * 60000) << 0.25;
    QTest::newRow("15 min, 10 %") << qint64(15 * 60000) << 0.1;
    QTest::newRow("7 min 1 ms, 30 %") << qint64(7 * 60000 + 1) << 0.3;
    QTest::newRow("16 h, 1/3") << qint64(16 * 3600000) << 1.0 / 3;
    QTest::newRow("8 h 7 ms, 90 %") << qint64(8 * 3600000 + 7) << 0.9;
    QTest::newRow("1 ms, 50 %") << qint64(1) << 0.5;
}

void TestResponseClock::momentsDecideTheState()
{
    QFETCH(qint64, targetMs);
    QFETCH(double, fraction);
    const ResponseTimes t{m_created, m_created.addMSecs(targetMs), {}};
    const SlaMoments m = ResponseClock::moments(t, fraction);
    QCOMPARE(m.breachedAtMs, t.deadline.toMSecsSinceEpoch());
    QCOMPARE(ResponseClock::moments(m_created.toMSecsSinceEpoch(), m.breachedAtMs, fraction)
                 .atRiskAtMs,
             m.atRiskAtMs);
    QVERIFY(m.atRiskAtMs <= m.breachedAtMs);
    QVERIFY(m.atRiskAtMs >= m_created.toMSecsSinceEpoch());
    for (qint64 at : {m.atRiskAtMs - 1, m.atRiskAtMs, m.breachedAtMs - 1, m.breachedAtMs,
                      m.breachedAtMs + 1}) {
        const SlaState state = ResponseClock::openState(m, at);
        QCOMPARE(ResponseClock::status(t, QDateTime::fromMSecsSinceEpoch(at, Qt::UTC), fraction)
                     .state,
                 state);
        const qint64 leftMs = m.breachedAtMs - at;
        const SlaState expected = leftMs <= 0 ? SlaState::Breached
            : double(leftMs) <= fraction * double(targetMs) ? SlaState::AtRisk
                                                             : SlaState::OnTrack;
        QCOMPARE(state, expected);
    }
}

// No creation time, or a creation after the deadline: no target to take a share of, so no
// at-risk stretch. The queue's and the notifier's old arithmetic took the epoch (a queue row's
// 0) as the creation and called such a ticket at risk for decades, while the pane said on track.
void TestResponseClock::noTargetGoesStraightToBreached()
{
    const QDateTime due = m_created.addSecs(15 * 60);
    const qint64 dueMs = due.toMSecsSinceEpoch();
    QCOMPARE(ResponseClock::moments(0, dueMs, 0.25).atRiskAtMs, dueMs);
    QCOMPARE(ResponseClock::moments(dueMs + 60000, dueMs, 0.25).atRiskAtMs, dueMs);
    const ResponseTimes unknown{QDateTime(), due, {}};
    QCOMPARE(ResponseClock::moments(unknown, 0.25).atRiskAtMs, dueMs);
    QCOMPARE(ResponseClock::status(unknown, due.addMSecs(-1)).state, SlaState::OnTrack);
    QCOMPARE(ResponseClock::openState(ResponseClock::moments(0, dueMs, 0.25), dueMs - 1),
             SlaState::OnTrack);
    QCOMPARE(ResponseClock::status(unknown, due).state, SlaState::Breached);
    // A fraction out of range is clamped, not extrapolated past the creation.
    QCOMPARE(ResponseClock::moments(m_created.toMSecsSinceEpoch(), dueMs, 2.0).atRiskAtMs,
             m_created.toMSecsSinceEpoch());
}

void TestResponseClock::breachedKeepsCountingOverdue()
{
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 30), {}};
    const SlaStatus s = ResponseClock::status(t, t.deadline.addSecs(12 * 60 + 4));
    QCOMPARE(s.state, SlaState::Breached);
    QCOMPARE(s.secondsOverdue, 12 * 60 + 4);
    QVERIFY(s.isOpen());
    QVERIFY(s.targetUsed > 1.0);
    const SlaStatus later = ResponseClock::status(t, t.deadline.addDays(3));
    QCOMPARE(later.secondsOverdue, 3 * 24 * 3600);
}

void TestResponseClock::respondedInTimeAndLate()
{
    const QDateTime deadline = ResponseClock::deadline(m_created, 15);
    const QDateTime muchLater = deadline.addDays(1);

    const SlaStatus inTime
            = ResponseClock::status({m_created, deadline, deadline.addSecs(-1)}, muchLater);
    QCOMPARE(inTime.state, SlaState::RespondedInTime);
    QCOMPARE(inTime.responseSeconds, 15 * 60 - 1);
    QCOMPARE(inTime.secondsOverdue, 0);
    QVERIFY(!inTime.isOpen());

    const SlaStatus atDeadline = ResponseClock::status({m_created, deadline, deadline}, muchLater);
    QCOMPARE(atDeadline.state, SlaState::RespondedLate);
    QCOMPARE(atDeadline.secondsOverdue, 0);

    const SlaStatus late
            = ResponseClock::status({m_created, deadline, deadline.addSecs(125)}, muchLater);
    QCOMPARE(late.state, SlaState::RespondedLate);
    QCOMPARE(late.secondsOverdue, 125);
    QCOMPARE(late.responseSeconds, 15 * 60 + 125);

    // The state of an answered ticket does not depend on when it is looked at.
    QCOMPARE(ResponseClock::status({m_created, deadline, deadline.addSecs(-1)}, m_created).state,
             SlaState::RespondedInTime);
}

// A resolved, closed or merged ticket nobody answered: its clock stopped, and says why — never
// "on track" with time left, never breached by time passing (issue 17). A response decides
// first: a closed ticket answered in time stays responded in time.
void TestResponseClock::stoppedWithoutResponse()
{
    const QDateTime deadline = ResponseClock::deadline(m_created, 60);
    const QDateTime early = m_created.addSecs(60);
    const QDateTime muchLater = deadline.addDays(2);
    QCOMPARE(clockStop(u"accepted", false), ClockStop::Running);
    QCOMPARE(clockStop(u"waiting-on-customer", false), ClockStop::Running);
    QCOMPARE(clockStop(u"resolved", false), ClockStop::Resolved);
    QCOMPARE(clockStop(u"closed", false), ClockStop::Closed);
    QCOMPARE(clockStop(u"closed", true), ClockStop::Merged);
    const struct
    {
        ClockStop stop;
        SlaState state;
    } cases[] = { { ClockStop::Resolved, SlaState::Resolved },
                  { ClockStop::Closed, SlaState::Closed },
                  { ClockStop::Merged, SlaState::Merged } };
    for (const auto &c : cases) {
        for (const QDateTime &at : { early, muchLater }) {
            const SlaStatus s = ResponseClock::status({ m_created, deadline, {}, c.stop }, at);
            QCOMPARE(s.state, c.state);
            QCOMPARE(s.secondsLeft, 0);
            QCOMPARE(s.secondsOverdue, 0);
            QVERIFY(!s.isOpen());
        }
        const SlaStatus answered = ResponseClock::status(
                { m_created, deadline, deadline.addSecs(-5), c.stop }, muchLater);
        QCOMPARE(answered.state, SlaState::RespondedInTime);
    }
    QCOMPARE(slaStateCode(SlaState::Merged), QStringLiteral("merged"));
    // Still open: the running clock, as before.
    QCOMPARE(ResponseClock::status({ m_created, deadline, {}, ClockStop::Running }, early).state,
             SlaState::OnTrack);
}

void TestResponseClock::countdownRoundsUpInLastSecond()
{
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 15), {}};
    const SlaStatus s = ResponseClock::status(t, t.deadline.addMSecs(-400));
    QCOMPARE(s.state, SlaState::AtRisk);
    QCOMPARE(s.secondsLeft, 1);
}

void TestResponseClock::leapDay()
{
    // A 16-hour target across 28/29 February 2028 lands on the leap day, not on 1 March.
    const QDateTime created(QDate(2028, 2, 28), QTime(20, 30), Qt::UTC);
    const QDateTime deadline = ResponseClock::deadline(created, 960);
    QCOMPARE(deadline, QDateTime(QDate(2028, 2, 29), QTime(12, 30), Qt::UTC));
    const QDateTime created2(QDate(2028, 2, 29), QTime(23, 0), Qt::UTC);
    QCOMPARE(ResponseClock::deadline(created2, 120), QDateTime(QDate(2028, 3, 1), QTime(1, 0), Qt::UTC));
}

void TestResponseClock::injectedClock()
{
    ManualClock clock(m_created);
    const ResponseTimes t{m_created, ResponseClock::deadline(m_created, 15), {}};
    QCOMPARE(ResponseClock::status(t, clock).state, SlaState::OnTrack);
    clock.advanceSeconds(15 * 60 - 225);
    QCOMPARE(ResponseClock::status(t, clock).state, SlaState::AtRisk);
    clock.advanceSeconds(225);
    QCOMPARE(ResponseClock::status(t, clock).state, SlaState::Breached);
}

QTEST_GUILESS_MAIN(TestResponseClock)
#include "tst_responseclock.moc"
