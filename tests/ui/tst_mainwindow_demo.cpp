// The main window signed in to the real server in demo mode on loopback, as `make run` opens
// it: the initial sync fills the queue and its counts, the status bar says online and who is
// signed in, and a lead gets the lead board.
#include "attainmentpanel.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"

#include <QBarCategoryAxis>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>

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
    void nothingCutAt1440x900();

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

// Texts a cell cannot show whole at the column's width, as the delegate paints them:
// "column: text (needed > width)".
static QStringList cutCells(QueueView *view)
{
    QStringList cut;
    QueueModel *model = view->queueModel();
    QStyle *style = view->style();
    const int textMargin
        = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    QFont bold = view->font();
    bold.setBold(true);
    QFont badge = bold;
    badge.setPointSizeF(badge.pointSizeF() * 0.85);
    const QFontMetrics plain(view->font()), boldMetrics(bold), badgeMetrics(badge);
    const QHeaderView *header = view->horizontalHeader();
    const int headerMargin = 2 * style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        if (view->isColumnHidden(c))
            continue;
        const int width = view->columnWidth(c);
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        const int titleNeeds = header->fontMetrics().horizontalAdvance(title) + headerMargin;
        if (titleNeeds > width)
            cut << QStringLiteral("header %1: %2 (%3 > %4)").arg(c).arg(title).arg(titleNeeds).arg(width);
        // The subject is free text: it may be elided (its tooltip has it whole).
        if (c == QueueModel::SubjectColumn)
            continue;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString text = model->index(r, c).data().toString();
            if (c == QueueModel::EditionColumn) { // one line in a pill
                const int needs = badgeMetrics.horizontalAdvance(text) + 10;
                if (needs > width)
                    cut << QStringLiteral("%1: %2 (%3 > %4)").arg(c).arg(text).arg(needs).arg(width);
                continue;
            }
            // Word-wrapped in the row's height, as the delegates paint: countdowns 4 px inside
            // each side over their 3 px bar, other texts inside the style's margins.
            const bool countdown = c == QueueModel::CountdownColumn;
            const QFontMetrics &metrics = countdown ? boldMetrics : plain;
            const int inner = width - (countdown ? 8 : textMargin);
            const int height = view->rowHeight(r) - (countdown ? 7 : 0);
            const QRect needs = metrics.boundingRect(QRect(0, 0, inner, 1000),
                                                     Qt::TextWordWrap, text);
            if (needs.width() > inner || needs.height() > height)
                cut << QStringLiteral("%1: %2 (%3×%4 > %5×%6)").arg(c).arg(text)
                           .arg(needs.width()).arg(needs.height()).arg(inner).arg(height);
        }
    }
    return cut;
}

// The desk as `make run` opens it (the real ticket pane beside the queue), on a 1440 × 900
// screen, in both languages: no column of the queue cuts its texts (issue 13 item 7: "Usage
// cons…", "Accept…"), no horizontal scroll bar, the splitter stays where it is while the pane
// shows ticket after ticket, and the lead board's chart labels are whole ("30 分钟–1 …").
void TestMainWindowDemo::nothingCutAt1440x900()
{
    QSettings().clear(); // a first start: no saved layout
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    DeskSession session;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
    SessionConfig config
        = SessionConfig::forServer(url, m_tokens.value(QStringLiteral("a-wangfang")),
                                   m_dir.filePath(QStringLiteral("client-1440.sqlite")));
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    MainWindow window(&session, &languages);
    DeskController desk(&session, &window, url);
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy idle(&session, &DeskSession::idle);
    desk.signIn(m_tokens.value(QStringLiteral("a-wangfang")));
    QVERIFY(idle.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(window.queueModel()->ticketCount(), m_backlog, 10000);
    QTRY_VERIFY(window.leadBoard());
    QueueView *view = window.queueView();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::TempLocation);

    for (const Language language : {Language::English, Language::Chinese}) {
        const char *code = language == Language::English ? "en" : "zh";
        QVERIFY(languages.setLanguage(language, false));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        window.tabs()->setCurrentIndex(0);
        QCoreApplication::sendPostedEvents();
        // Every queue: open, answered and closed tickets, at risk and breached.
        for (int q = 0; q < QueueModel::QueueCount; ++q) {
            window.queueList()->setCurrentRow(q);
            QCoreApplication::sendPostedEvents();
            // The columns fit the viewport: no horizontal scroll bar.
            QVERIFY2(view->horizontalHeader()->length() <= view->viewport()->width(),
                     qPrintable(QStringLiteral("%1: %2 > %3").arg(QLatin1String(code))
                                        .arg(view->horizontalHeader()->length())
                                        .arg(view->viewport()->width())));
            QTRY_VERIFY(!view->horizontalScrollBar()->isVisible());
            const QStringList cut = cutCells(view);
            QVERIFY2(cut.isEmpty(), qPrintable(QLatin1String(code) + QStringLiteral(": ")
                                               + cut.mid(0, 12).join(QStringLiteral("; "))));
        }
        QStringList widths;
        for (int c = 0; c < QueueModel::ColumnCount; ++c)
            widths << QString::number(view->columnWidth(c));
        qInfo("%s: column widths %s", code, qPrintable(widths.join(QLatin1Char(' '))));
        qInfo("%s: queue viewport %d px, subject %d px", code, view->viewport()->width(),
              view->columnWidth(QueueModel::SubjectColumn));
        window.queueList()->setCurrentRow(QueueModel::RecentlyClosed);
        QVERIFY(window.queueModel()->rowCount() > 20);

        // The splitter stays put while the pane shows one ticket after another.
        view->moveCurrent(0);
        QCoreApplication::sendPostedEvents();
        const QList<int> sizes = window.splitter()->sizes();
        for (int r = 1; r < 25; ++r) {
            view->moveCurrent(1);
            QCoreApplication::sendPostedEvents();
            QCOMPARE(window.splitter()->sizes(), sizes);
        }
        QVERIFY(window.grab().save(
            QDir(dir).filePath(QStringLiteral("supportdesk-1440-queue-%1.png").arg(QLatin1String(code)))));

        // The lead board's first-response chart: every bucket label shown whole.
        window.tabs()->setCurrentWidget(window.leadBoard());
        auto *panel = window.leadBoard()->findChild<AttainmentPanel *>();
        QVERIFY(panel);
        auto *boardTabs = window.leadBoard()->findChild<QTabWidget *>();
        QVERIFY(boardTabs);
        boardTabs->setCurrentWidget(panel);
        QStringList labels;
        for (QChartView *chart : panel->findChildren<QChartView *>()) {
            for (QAbstractAxis *axis : chart->chart()->axes(Qt::Horizontal)) {
                if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
                    labels += categories->categories();
            }
        }
        QVERIFY(!labels.isEmpty());
        const auto shownLabels = [panel] {
            QStringList texts;
            for (QChartView *chart : panel->findChildren<QChartView *>()) {
                for (QGraphicsItem *item : chart->scene()->items()) {
                    if (auto *text = dynamic_cast<QGraphicsTextItem *>(item)) {
                        texts << text->toPlainText()
                                     .replace(QChar::LineSeparator, QLatin1Char('\n'))
                                     .replace(QChar::ParagraphSeparator, QLatin1Char('\n'));
                    }
                }
            }
            return texts;
        };
        for (const QString &label : labels) {
            // Whole, where it may take two lines; QtCharts ends a cut label with "...".
            const QString whole = QString(label).replace(QStringLiteral("<br>"),
                                                         QStringLiteral("\n"));
            QTRY_VERIFY2(shownLabels().contains(whole),
                         qPrintable(QLatin1String(code) + QStringLiteral(": ") + label
                                    + QStringLiteral(" among ")
                                    + shownLabels().join(QStringLiteral(" | "))));
        }
        QVERIFY(window.grab().save(
            QDir(dir).filePath(QStringLiteral("supportdesk-1440-board-%1.png").arg(QLatin1String(code)))));
        boardTabs->setCurrentIndex(0);
        QVERIFY(window.grab().save(
            QDir(dir).filePath(QStringLiteral("supportdesk-1440-risk-%1.png").arg(QLatin1String(code)))));
    }
    qInfo("grabs: %s/supportdesk-1440-*.png", qPrintable(dir));
    QVERIFY(languages.setLanguage(Language::English, false));
    session.stop();
}

QTEST_MAIN(TestMainWindowDemo)
#include "tst_mainwindow_demo.moc"
