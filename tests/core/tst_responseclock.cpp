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
    void breachedKeepsCountingOverdue();
    void respondedInTimeAndLate();
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
