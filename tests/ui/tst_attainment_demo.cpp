// The lead board's attainment beside the server's own count (GET /reports/attainment, issue 14
// §2), on the real MainWindow signed in as a lead to the real demo server on loopback, in
// English and 中文: the panel asks the route for the period it shows, through the session's
// request, and says what the server counts under the desk's own figure.
#include "attainmentpanel.h"
#include "demodesk.h"
#include "leadboardmodel.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "realserver.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDir>
#include <QJsonObject>
#include <QLabel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestAttainmentDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void serverFiguresBesideTheDesks_data();
    void serverFiguresBesideTheDesks();

private:
    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    // The one instant both sides count at: the server's clock stands still there and the
    // board's is pinned to it.
    QDateTime m_now;
};

namespace {

const QString Lead = QStringLiteral("a-wangfang");

} // namespace

void TestAttainmentDemo::initTestCase()
{
    // An open ticket is decided when its deadline passes: counted at two instants (the
    // server's answer, then the board's recompute, seconds apart under load), a deadline
    // between them made the figures differ by one. The demo's backlog is made from the real
    // time just after this, so the instant is now.
    m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const QString problem = DemoDesk::startDemoServer(
            m_server, m_dir, 60, { QStringLiteral("--fixed-clock"), Json::timestamp(m_now) });
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAttainmentDemo::cleanupTestCase()
{
    m_server.stop();
}

void TestAttainmentDemo::serverFiguresBesideTheDesks_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestAttainmentDemo::serverFiguresBesideTheDesks()
{
    QFETCH(Language, language);
    ManualClock clock(m_now); // outlives the desk
    DemoDesk desk;
    const QString problem = desk.start(m_server, Lead, language, m_dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    MainWindow &window = *desk.window;
    QTRY_VERIFY(window.leadBoard());
    window.leadBoard()->board()->setClock(&clock);
    window.tabs()->setCurrentWidget(window.leadBoard());
    AttainmentPanel *panel = window.leadBoard()->attainment();
    window.leadBoard()->tabs()->setCurrentWidget(panel);
    QTRY_VERIFY(panel->isVisible());

    // Each period the panel shows is asked of the server, and what it shows is what the route
    // answers for the same window (asked here straight, as another client would).
    const auto route = [this](const AttainmentPanel::ServerFigures &f) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("from"), Json::timestamp(f.from));
        query.addQueryItem(QStringLiteral("to"), Json::timestamp(f.to));
        const RealServer::Reply r = m_server.request(
                "GET", QStringLiteral("/reports/attainment?") + query.toString(QUrl::FullyEncoded),
                m_server.token(Lead));
        return r.body.value(QStringLiteral("overall")).toObject();
    };
    const QTimeZone zone = window.leadBoard()->board()->teamZone();
    const int periodDays[] = { 1, 7, 30 };
    int decidedSeen = 0;
    for (int p = AttainmentFigures::PeriodCount - 1; p >= 0; --p) {
        QAbstractButton *button = panel->findChild<QButtonGroup *>()->button(p);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(panel->serverFigures()
                                         && panel->serverFigures()->from.toTimeZone(zone).date()
                                                 == window.leadBoard()
                                                            ->board()
                                                            ->now()
                                                            .toTimeZone(zone)
                                                            .date()
                                                            .addDays(1 - periodDays[p]),
                                 20000);
        const AttainmentPanel::ServerFigures f = *panel->serverFigures();
        QCOMPARE(f.to.toTimeZone(zone).time(), QTime(0, 0));
        const QJsonObject overall = route(f);
        QCOMPARE(f.decided, overall.value(QStringLiteral("decided")).toInt());
        QCOMPARE(f.inTime, overall.value(QStringLiteral("in_time")).toInt());
        QCOMPARE(f.answered, overall.value(QStringLiteral("answered")).toInt());
        // Said in the desk's language, with the figures.
        const QString text = panel->serverText();
        // None decided in the period (the day's first hours in the team's zone: the test failed
        // from 16:00 UTC on) is said in words, without a 0.
        QVERIFY2(f.decided == 0 || text.contains(QLocale().toString(f.decided)), qPrintable(text));
        QVERIFY2(language == Language::English ? text.startsWith(u"The server: ")
                                               : !text.contains(u"server"),
                 qPrintable(text));
        // The desk's own figure for the period counts the same tickets: both sides have every
        // one of the demo's (it makes none while the test runs).
        const AttainmentCell &mine
                = window.leadBoard()->board()->attainment().periods[p].overall;
        QCOMPARE(mine.decided(), f.decided);
        QCOMPARE(mine.inTime, f.inTime);
        decidedSeen += f.decided;
    }
    QVERIFY(decidedSeen > 0);

    const QString shots = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    window.grab().save(QDir(shots).filePath(
            QStringLiteral("attainment-%1.png").arg(languageCode(language))));
}

QTEST_MAIN(TestAttainmentDemo)
#include "tst_attainment_demo.moc"
