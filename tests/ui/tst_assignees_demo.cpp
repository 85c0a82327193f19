// The main window against the real demo server on loopback: only people who take tickets are
// offered as assignees (the reassign menu, the pane's assignee box, the agent load), the
// reassign menu is one exclusive choice, and the holiday calendar an admin loads into the
// server reaches the client and settles the IEM notice the pane shows.
#include "breachingsoonpanel.h"
#include "businesscalendar.h"
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "leadboardmodel.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "realserver.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QActionGroup>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QProcess>
#include <QTabWidget>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

class TestAssigneesDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void reassignMenuOffersPeopleOnly();
    void loadedCalendarReachesTheClient();

private:
    QString runServer(const QStringList &args, int *exitCode);
    // A partner Enterprise ticket made on the client, shown in the window's pane.
    TicketPane *showPartnerEnterpriseTicket(DeskSession *session, DeskController *desk);

    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestAssigneesDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_assignees_demo"));
    QSettings().clear();
    const QString problem = Testing::DemoDesk::startDemoServer(m_server, m_dir, 60);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!m_server.token(QStringLiteral("a-wangfang")).isEmpty());
}

void TestAssigneesDemo::cleanupTestCase()
{
    m_server.stop();
}

QString TestAssigneesDemo::runServer(const QStringList &args, int *exitCode)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(SUPPORTDESK_SERVER), args);
    if (!p.waitForFinished(60000))
        return QStringLiteral("did not finish");
    *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAll());
}

void TestAssigneesDemo::reassignMenuOffersPeopleOnly()
{
    const QUrl url = m_server.url();
    const SessionConfig config
            = SessionConfig::forServer(url, m_server.token(QStringLiteral("a-wangfang")),
                                       m_dir.filePath(QStringLiteral("lead.sqlite")));
    Testing::DemoDesk demo;
    QVERIFY(demo.open(config, url, nullptr));
    MainWindow &window = *demo.window;
    DeskSession &session = *demo.session;
    DeskController &desk = *demo.controller;
    QTRY_VERIFY(window.leadBoard());
    QTRY_VERIFY(window.queueModel()->rowCount() > 0);
    window.tabs()->setCurrentWidget(window.leadBoard()); // the board loads when first shown
    QTableView *load = window.leadBoard()->agentLoadView();
    QTRY_VERIFY(load->model()->rowCount() > 0);

    // The server's directory holds the portal and the admin; neither is a person who works
    // tickets.
    const QVector<Agent> all = session.cache()->agents();
    const auto has = [&all](const QString &id) {
        return std::any_of(all.begin(), all.end(), [&id](const Agent &a) { return a.id == id; });
    };
    QVERIFY(has(QStringLiteral("a-portal")) && has(QStringLiteral("a-admin")));
    const QStringList people{QStringLiteral("张伟"), QStringLiteral("李娜"),
                             QStringLiteral("Emma Clarke"), QStringLiteral("Rahul Mehta"),
                             QStringLiteral("王芳")};
    const QStringList notPeople{QStringLiteral("Customer portal"), QStringLiteral("Desk Admin"),
                                QStringLiteral("客户门户")};

    // The reassign menu of the breaching-soon list: one exclusive choice of the people, with
    // the current assignee (or "Unassigned") marked.
    const QString ticketId = window.queueModel()->ticketId(0);
    const std::optional<Ticket> ticket = session.cache()->ticket(ticketId);
    QVERIFY(ticket);
    BreachingSoonPanel *panel = window.leadBoard()->breachingSoon();
    QMenu *menu = panel->showReassignMenu(ticketId, window.mapToGlobal(QPoint(200, 200)));
    QVERIFY(menu);
    QStringList offered;
    QActionGroup *group = nullptr;
    int checked = 0;
    for (QAction *action : menu->actions()) {
        if (action->isSeparator() || action->text().isEmpty())
            continue;
        QVERIFY2(action->isCheckable(), qPrintable(action->text()));
        QVERIFY2(action->actionGroup(), qPrintable(action->text()));
        group = group ? group : action->actionGroup();
        QCOMPARE(action->actionGroup(), group); // one group for the whole choice
        checked += action->isChecked() ? 1 : 0;
        if (action->isChecked())
            QCOMPARE(action->data().toString(), ticket->assigneeId);
        offered << action->text();
        for (const QString &name : notPeople)
            QVERIFY2(!action->text().contains(name), qPrintable(action->text()));
    }
    QVERIFY(group);
    QCOMPARE(group->exclusionPolicy(), QActionGroup::ExclusionPolicy::Exclusive);
    QCOMPARE(checked, 1);
    for (const QString &name : people) {
        QVERIFY2(std::any_of(offered.begin(), offered.end(),
                             [&name](const QString &t) { return t.startsWith(name); }),
                 qPrintable(offered.join(u'|')));
    }
    QCOMPARE(offered.size(), people.size() + 1); // and "Unassigned"
    const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                 .filePath(QStringLiteral("supportdesk-reassign-menu.png"));
    QVERIFY(menu->grab().save(shot));
    qInfo("the reassign menu: %s", qPrintable(shot));
    menu->close();

    // In 中文 the same choice, "Unassigned" translated.
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(Language::Chinese, false));
        QMenu *zh = panel->showReassignMenu(ticketId, window.mapToGlobal(QPoint(200, 200)));
        QVERIFY(zh);
        QVERIFY(std::any_of(zh->actions().cbegin(), zh->actions().cend(), [](QAction *a) {
            return a->text() == QStringLiteral("未分配") && a->isCheckable();
        }));
        const QString zhShot
                = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                          .filePath(QStringLiteral("supportdesk-reassign-menu-zh.png"));
        QVERIFY(zh->grab().save(zhShot));
        zh->close();
        QVERIFY(languages.setLanguage(Language::English, false));
    }

    // Asked directly, the board refuses them before anything waits in the outbox.
    QString error;
    const qsizetype outbox = session.cache()->outbox().size();
    QVERIFY(!window.leadBoard()->board()->reassign(ticketId, QStringLiteral("a-portal"), &error));
    QVERIFY2(error.contains(QStringLiteral("does not take tickets")), qPrintable(error));
    QVERIFY(!window.leadBoard()->board()->reassign(ticketId, QStringLiteral("a-admin"), &error));
    QCOMPARE(session.cache()->outbox().size(), outbox);

    // The agent load lists the same people, never the portal or the admin.
    for (int r = 0; r < load->model()->rowCount(); ++r) {
        const QString name = load->model()->index(r, 0).data().toString();
        QVERIFY2(!notPeople.contains(name), qPrintable(name));
    }

    // The ticket pane's assignee box too.
    TicketPane *pane = desk.ticketPane();
    pane->showTicket(ticketId);
    QComboBox *box = pane->assigneeBox();
    QTRY_VERIFY(box->count() > people.size());
    for (int i = 0; i < box->count(); ++i)
        QVERIFY2(!notPeople.contains(box->itemText(i)), qPrintable(box->itemText(i)));
    session.stop();
}

TicketPane *TestAssigneesDemo::showPartnerEnterpriseTicket(DeskSession *session,
                                                           DeskController *desk)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = QStringLiteral("p-northwind");
    edit.subClient = QStringLiteral("p-northwind-sub-1");
    edit.subject = QStringLiteral("Event next month");
    edit.body = QStringLiteral("A launch");
    edit.channel = QStringLiteral("ticket");
    edit.severity = QStringLiteral("consultation");
    edit.planId = QStringLiteral("partner-plan");
    edit.editionId = QStringLiteral("enterprise");
    const Operation op = TicketEdits::create(edit, now);
    if (!session->saveEdit(op))
        return nullptr;
    desk->ticketPane()->showTicket(op.ticketId);
    return desk->ticketPane();
}

void TestAssigneesDemo::loadedCalendarReachesTheClient()
{
    // Asked on 18 December 2026, ten business days reach into 2027.
    ManualClock clock(QDateTime(QDate(2026, 12, 18), QTime(10, 0),
                                QTimeZone(QByteArrayLiteral("Asia/Shanghai"))));
    const QUrl url = m_server.url();
    const SessionConfig config
            = SessionConfig::forServer(url, m_server.token(QStringLiteral("a-emma")),
                                       m_dir.filePath(QStringLiteral("agent.sqlite")));
    {
        DeskSession session;
        QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
        MainWindow window(&session);
        DeskController desk(&session, &window, url);
        QSignalSpy idle(&session, &DeskSession::idle);
        session.start();
        QVERIFY(idle.wait(60000));
        QVERIFY(session.calendar().isProvisional(2027)); // the server's built-in calendar
        TicketPane *pane = showPartnerEnterpriseTicket(&session, &desk);
        QVERIFY(pane);
        pane->setClock(&clock);
        pane->showTicket(pane->ticketId());
        QTRY_VERIFY2(pane->entitlementsText().contains(QStringLiteral("provisional")),
                     qPrintable(pane->entitlementsText()));
        const QString id = pane->ticketId();
        window.resize(1440, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        pane->showTicket(id); // showing the window shows the queue's current ticket
        QTRY_VERIFY(pane->entitlementsText().contains(QStringLiteral("provisional")));
        const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                     .filePath(QStringLiteral("supportdesk-iem-provisional.png"));
        QVERIFY(window.grab().save(shot));
        qInfo("the pane with the provisional calendar: %s", qPrintable(shot));
        session.stop();
    }

    // The admin loads the State Council's 2027 schedule into the running server.
    QFile builtIn(QStringLiteral(":/calendar/cn-holidays.json"));
    QVERIFY(builtIn.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(builtIn.readAll()).object();
    QJsonObject years = root.value(QStringLiteral("years")).toObject();
    QJsonObject y2027 = years.value(QStringLiteral("2027")).toObject();
    y2027.insert(QStringLiteral("status"), QStringLiteral("official"));
    years.insert(QStringLiteral("2027"), y2027);
    root.insert(QStringLiteral("years"), years);
    QFile file(m_dir.filePath(QStringLiteral("calendar.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(root).toJson());
    file.close();
    int code = -1;
    const QString out = runServer({ QStringLiteral("calendar"), QStringLiteral("load"),
                                    file.fileName(), QStringLiteral("--db"),
                                    m_dir.filePath(QStringLiteral("server.db")) },
                                  &code);
    QVERIFY2(code == 0, qPrintable(out));

    // The same client, signed in again: the calendar comes with the catalog, and the same
    // notice no longer carries the caveat.
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    QVERIFY(session.calendar().isProvisional(2027)); // its cache, until the server answers
    MainWindow window(&session);
    DeskController desk(&session, &window, url);
    QSignalSpy idle(&session, &DeskSession::idle);
    session.start();
    QVERIFY(idle.wait(60000));
    QTRY_VERIFY(!session.calendar().isProvisional(2027));
    TicketPane *pane = showPartnerEnterpriseTicket(&session, &desk);
    QVERIFY(pane);
    pane->setClock(&clock);
    pane->showTicket(pane->ticketId());
    QTRY_VERIFY2(pane->entitlementsText().contains(QStringLiteral("at the earliest")),
                 qPrintable(pane->entitlementsText()));
    QVERIFY2(!pane->entitlementsText().contains(QStringLiteral("provisional")),
             qPrintable(pane->entitlementsText()));
    const QString id = pane->ticketId();
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    pane->showTicket(id);
    QTRY_VERIFY(pane->entitlementsText().contains(QStringLiteral("at the earliest")));
    const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                 .filePath(QStringLiteral("supportdesk-iem-official.png"));
    QVERIFY(window.grab().save(shot));
    qInfo("the pane with the official calendar: %s", qPrintable(shot));
    session.stop();
}

QTEST_MAIN(TestAssigneesDemo)
#include "tst_assignees_demo.moc"
