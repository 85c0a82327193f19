// The main window signed in to the real server in demo mode on loopback, as `make run` opens
// it: the initial sync fills the queue and its counts, the status bar says online and who is
// signed in, and a lead gets the lead board.
#include "desksession.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

class TestMainWindowDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void signedInAsTheLead();

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
    QHash<QString, QString> m_tokens;
    int m_backlog = 0;
};

void TestMainWindowDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow_demo"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(QStringLiteral(SUPPORTDESK_SERVER),
                   { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                     QStringLiteral("150"), QStringLiteral("--demo-interval"),
                     QStringLiteral("3600"), QStringLiteral("--db"),
                     m_dir.filePath(QStringLiteral("server.db")), QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("0") });
    QVERIFY(m_server.waitForStarted());
    QByteArray log;
    const QRegularExpression listening(QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
    QElapsedTimer timer;
    timer.start();
    while (!m_port && timer.elapsed() < 60000 && m_server.state() == QProcess::Running) {
        m_server.waitForReadyRead(200);
        log += m_server.readAll();
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(log));
        if (m.hasMatch())
            m_port = quint16(m.captured(1).toUInt());
    }
    QVERIFY2(m_port, log.constData());
    // The same lines scripts/run.sh reads a token from.
    auto tokens = QRegularExpression(QStringLiteral("\\((a-[a-z]+)\\): (\\S+)"))
                      .globalMatch(QString::fromUtf8(log));
    while (tokens.hasNext()) {
        const QRegularExpressionMatch m = tokens.next();
        m_tokens.insert(m.captured(1), m.captured(2));
    }
    QVERIFY(m_tokens.contains(QStringLiteral("a-wangfang")));
    const QRegularExpressionMatch backlog
        = QRegularExpression(QStringLiteral("Backlog: (\\d+) tickets"))
              .match(QString::fromUtf8(log));
    QVERIFY(backlog.hasMatch());
    m_backlog = backlog.captured(1).toInt();
}

void TestMainWindowDemo::cleanupTestCase()
{
    if (m_server.state() == QProcess::Running) {
        m_server.terminate();
        m_server.waitForFinished(10000);
    }
}

void TestMainWindowDemo::signedInAsTheLead()
{
    DeskSession session;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    SessionConfig config
        = SessionConfig::forServer(url, m_tokens.value(QStringLiteral("a-wangfang")),
                                   m_dir.filePath(QStringLiteral("client.sqlite")));
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    MainWindow window(&session);
    // The model checked while a real sync fills it row by row.
    QAbstractItemModelTester tester(window.queueModel(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.queueModel()->ticketCount(), 0);
    QVERIFY(!window.leadBoard()); // not signed in yet

    QSignalSpy idle(&session, &DeskSession::idle);
    session.start();
    QVERIFY(idle.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(window.queueModel()->ticketCount(), m_backlog, 10000);
    QueueModel *model = window.queueModel();
    QTRY_VERIFY(model->queueCount(QueueModel::AllOpen) > 0); // counted after a short pause
    QTRY_VERIFY(window.queueList()
                    ->item(QueueModel::AllOpen)
                    ->text()
                    .contains(QString::number(model->queueCount(QueueModel::AllOpen))));
    QCOMPARE(model->rowCount(), model->queueCount(QueueModel::AllOpen));
    // Most urgent first: unanswered tickets by deadline, before any answered one.
    QDateTime previous;
    bool answeredSeen = false;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex countdown = model->index(r, QueueModel::CountdownColumn);
        const auto state = SlaState(countdown.data(QueueRole::SlaStateRole).toInt());
        const bool answered
            = state == SlaState::RespondedInTime || state == SlaState::RespondedLate;
        QVERIFY2(answered || !answeredSeen, qPrintable(model->ticketId(r)));
        answeredSeen = answeredSeen || answered;
        if (!answered) {
            const QDateTime due = QDateTime::fromMSecsSinceEpoch(
                countdown.data(QueueRole::DeadlineMs).toLongLong(), Qt::UTC);
            QVERIFY(!previous.isValid() || previous <= due);
            previous = due;
        }
    }
    QTRY_COMPARE(window.syncStateLabel()->text(), QStringLiteral("Online"));
    QTRY_VERIFY(window.agentLabel()->text().contains(QStringLiteral("王芳")));
    QTRY_VERIFY(window.leadBoard());
    QCOMPARE(window.tabs()->count(), 2);
    const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                 .filePath(QStringLiteral("supportdesk-demo.png"));
    QVERIFY(window.grab().save(shot));
    qInfo("the window on the demo desk: %s", qPrintable(shot));
    session.stop();
}

QTEST_MAIN(TestMainWindowDemo)
#include "tst_mainwindow_demo.moc"
