// The whole desk as the program builds it: MainWindow with DeskController (ticket pane,
// intake, notifications, settings) over a DeskSession on a seeded cache. The queue drives the
// pane; A accepts and the ticket turns "responded"; a notification opens its ticket even when
// the queue on screen does not hold it; without a token the settings dialog asks for one; and
// switching 中文 / English retranslates the window, the pane, an open dialog and the lead board
// while the selection and the composer's draft stay.
#include "deskcontroller.h"
#include "desksession.h"
#include "ticketindex.h"
#include "languagemanager.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "settingsdialog.h"
#include "ticketpane.h"
#include "traynotifier.h"

#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "leadboardseed.h"

using namespace SupportDesk;

namespace {

bool hasChinese(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

} // namespace

class TestDesk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void queueDrivesThePane();
    void acceptKeyAnswersTheTicket();
    void notificationOpensItsTicket();
    void withoutTokenSettingsAsk();
    void languageSwitchRetranslatesEverything();

private:
    bool openSession(const QString &role);
    bool makeDesk(LanguageManager *languages = nullptr);

    std::unique_ptr<LeadBoardSeed> m_seed;
    std::unique_ptr<DeskSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<DeskController> m_desk;
};

void TestDesk::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_desk"));
}

void TestDesk::init()
{
    QSettings().clear();
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
}

void TestDesk::cleanup()
{
    m_desk.reset();
    m_window.reset();
    m_session.reset();
    m_seed.reset();
}

bool TestDesk::openSession(const QString &role)
{
    const Agent me{QStringLiteral("ann"), QStringLiteral("Ann Lee"), parseRole(role).value(),
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

bool TestDesk::makeDesk(LanguageManager *languages)
{
    m_window = std::make_unique<MainWindow>(m_session.get(), languages);
    m_window->queueModel()->setClock(&m_seed->clock);
    m_desk = std::make_unique<DeskController>(m_session.get(), m_window.get(),
                                              QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_desk->ticketPane()->setClock(&m_seed->clock);
    m_window->resize(1280, 760);
    m_window->show();
    return QTest::qWaitForWindowExposed(m_window.get());
}

void TestDesk::queueDrivesThePane()
{
    QVERIFY(openSession(QStringLiteral("agent")));
    QVERIFY(makeDesk());
    QCOMPARE(m_window->ticketPane(), m_desk->ticketPane());
    QVERIFY(m_window->selectTicket(QStringLiteral("B")));
    QCOMPARE(m_desk->ticketPane()->ticketId(), QStringLiteral("B"));
    QVERIFY(m_desk->ticketPane()->headerText().contains(QStringLiteral("Acme Retail")));
    QVERIFY(m_window->selectTicket(QStringLiteral("C")));
    QCOMPARE(m_desk->ticketPane()->ticketId(), QStringLiteral("C"));
    // Settings sit in the File menu.
    QVERIFY(m_window->fileMenu()->actions().contains(m_desk->settingsAction()));
}

void TestDesk::acceptKeyAnswersTheTicket()
{
    QVERIFY(openSession(QStringLiteral("agent")));
    QVERIFY(makeDesk());
    QVERIFY(m_window->selectTicket(QStringLiteral("B")));
    QVERIFY(!m_session->cache()->ticket(QStringLiteral("B"))->firstResponseAt.isValid());
    m_window->acceptAction()->trigger();
    const Ticket b = *m_session->cache()->ticket(QStringLiteral("B"));
    QCOMPARE(b.status, TicketStatus::Accepted);
    QVERIFY(b.firstResponseAt.isValid());
    QCOMPARE(m_session->cache()->pendingCount(), 1); // waits in the outbox for the server
    // The agent's own edit is followed at once (DeskSession::saveEdit): every view has B
    // answered, and the queue keeps the agent's place (QueueView::keepPlaceAfterAnswer), so
    // the pane may already show the ticket now in B's old row; while it shows B, B is answered.
    // (This waited for the pane to say Responded before the queue's merge 50 ms later.)
    QVERIFY(m_session->index()->fact(QStringLiteral("B"))->firstResponseAt.isValid());
    QTRY_VERIFY(m_desk->ticketPane()->ticketId() != QStringLiteral("B")
                || m_desk->ticketPane()->stateText().contains(QStringLiteral("Responded")));
}

void TestDesk::notificationOpensItsTicket()
{
    QVERIFY(openSession(QStringLiteral("agent")));
    QVERIFY(makeDesk());
    // My tickets on screen; the notification is about an unassigned one.
    m_window->queueList()->setCurrentRow(QueueModel::MyTickets);
    QVERIFY(!m_window->selectTicket(QStringLiteral("A")));
    emit m_desk->tray()->openTicket(QStringLiteral("A"));
    QCOMPARE(m_window->currentTicketId(), QStringLiteral("A"));
    QCOMPARE(m_desk->ticketPane()->ticketId(), QStringLiteral("A"));
}

void TestDesk::withoutTokenSettingsAsk()
{
    QVERIFY(openSession(QStringLiteral("agent")));
    QVERIFY(makeDesk());
    // No token given and none stored (no keychain service here, no consented file).
    m_desk->signIn(QString());
    QTRY_VERIFY_WITH_TIMEOUT(m_desk->settingsDialog(), 30000);
    QVERIFY(!m_session->isRunning());
    // Pre-filled with the server in use, though the settings never saved one.
    QCOMPARE(m_desk->settingsDialog()->serverEdit()->text(), QStringLiteral("http://127.0.0.1:9"));
    m_desk->settingsDialog()->reject();
}

void TestDesk::languageSwitchRetranslatesEverything()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    QVERIFY(openSession(QStringLiteral("lead")));
    QVERIFY(makeDesk(&languages));
    QVERIFY(m_window->selectTicket(QStringLiteral("B")));
    TicketPane *pane = m_desk->ticketPane();
    pane->focusReply();
    QTest::keyClicks(pane->composer(), QStringLiteral("Draft: restarting the gateway"));
    m_desk->openSettings();
    QVERIFY(m_desk->settingsDialog());
    QTabWidget *tabs = m_window->tabs();
    QVERIFY(tabs->count() >= 2); // the lead board for a lead

    const auto texts = [&] {
        QStringList list;
        for (QAction *menu : m_window->menuBar()->actions())
            list << menu->text();
        list << pane->stateText() << pane->countdownText() << m_desk->settingsAction()->text()
             << m_desk->settingsDialog()->windowTitle();
        for (int i = 0; i < tabs->count(); ++i)
            list << tabs->tabText(i);
        list << m_window->queueList()->item(QueueModel::AllOpen)->text();
        list << m_window->queueModel()->headerData(0, Qt::Horizontal).toString();
        return list;
    };
    const QStringList english = texts();
    for (const QString &t : english)
        QVERIFY2(!hasChinese(t), qPrintable(t));

    QVERIFY(languages.setLanguage(Language::Chinese, false));
    QCoreApplication::processEvents();
    const QStringList chinese = texts();
    QCOMPARE(chinese.size(), english.size());
    for (int i = 0; i < chinese.size(); ++i) {
        if (english.at(i).isEmpty())
            continue;
        QVERIFY2(hasChinese(chinese.at(i)),
                 qPrintable(QStringLiteral("%1 → %2").arg(english.at(i), chinese.at(i))));
    }
    // Nothing the agent was doing is lost.
    QCOMPARE(m_window->currentTicketId(), QStringLiteral("B"));
    QCOMPARE(pane->ticketId(), QStringLiteral("B"));
    QCOMPARE(pane->composer()->toPlainText(), QStringLiteral("Draft: restarting the gateway"));
    QVERIFY(m_desk->settingsDialog()->isVisible());

    QVERIFY(languages.setLanguage(Language::English, false));
    QCoreApplication::processEvents();
    QCOMPARE(texts(), english);
    QCOMPARE(pane->composer()->toPlainText(), QStringLiteral("Draft: restarting the gateway"));
}

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
