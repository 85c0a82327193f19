// A refused edit is never invisible, on the real MainWindow signed in to the real demo server
// on loopback (docs/cache.md, "A refused new ticket"). New tickets saved while the engine is
// stopped, on a channel the customer's edition lacks (the desk's form checks the channel: the
// case is a cache that had not heard of a downgrade), are refused on sync and then stay: in
// the cache and in My tickets, the status bar naming them, the pane showing the plan's rule
// in either language; "Edit and send again…" opens New ticket filled in, and with the channel
// corrected creates one ticket on the server, the refused one gone; "Discard…" asks, naming
// the subject, and removes it; a restart over the same cache still shows them. And a refused
// edit of a ticket the pane does not show is named in the status bar, and so is a refused
// macro edit while Manage macros is shut.
#include "demodesk.h"
#include "intakedialog.h"
#include "queuemodel.h"
#include "ticketcache.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestRefusedDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusedNewTicketStaysWithTwoWaysOut();
    void refusedEditOfATicketNotShownIsNamed();

private:
    // A create-ticket of the S4 Basic customer on the IM group, which Basic lacks.
    static Operation imTicket(const QString &subject);
    QStringList serverSubjects(const QString &subject) const;

    const QString Agent = QStringLiteral("a-zhangwei");
    const QString Basic = QStringLiteral("c-xiaomai"); // S4 Basic: no IM group
    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestRefusedDemo::initTestCase()
{
    const QString error = DemoDesk::startDemoServer(m_server, m_dir, 20);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestRefusedDemo::cleanupTestCase()
{
    m_server.stop();
}

Operation TestRefusedDemo::imTicket(const QString &subject)
{
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = QStringLiteral("c-xiaomai");
    edit.channel = QStringLiteral("im-group");
    edit.severity = QStringLiteral("consultation");
    edit.subject = subject;
    edit.body = subject + QStringLiteral(": the customer's own words, typed once");
    edit.software = QStringLiteral("Nginx");
    edit.softwareVersion = QStringLiteral("1.20");
    edit.planId = QStringLiteral("service-plan");
    edit.editionId = QStringLiteral("s4-basic");
    // New ticket's preview hint, as IntakeDialog::create() gives it: Basic's 2 h.
    edit.dueAt = QDateTime::currentDateTimeUtc().addSecs(2 * 3600);
    return TicketEdits::create(edit, QDateTime::currentDateTimeUtc());
}

QStringList TestRefusedDemo::serverSubjects(const QString &subject) const
{
    QStringList ids;
    const RealServer::State state = m_server.state(m_server.token(Agent));
    for (const Ticket &t : state.tickets) {
        if (t.subject == subject)
            ids.append(t.id);
    }
    return ids;
}

void TestRefusedDemo::refusedNewTicketStaysWithTwoWaysOut()
{
    const QString cachePath = m_dir.filePath(QStringLiteral("refused.sqlite"));
    const QString resentSubject = QStringLiteral("VPN drops every hour (refused, then resent)");
    const QString discardSubject = QStringLiteral("Backup question (refused, then discarded)");
    const Operation resend = imTicket(resentSubject);
    const Operation discard = imTicket(discardSubject);
    {
        DemoDesk desk;
        QString error = desk.start(m_server, Agent, Language::English, cachePath);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        MainWindow &window = *desk.window;
        // Saved with the engine stopped, as while the server is unreachable.
        desk.session->stop();
        QVERIFY(desk.session->saveEdit(resend));
        QVERIFY(desk.session->saveEdit(discard));
        QSignalSpy rejected(desk.session.get(), &DeskSession::rejected);
        desk.session->start();
        QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 2, 60000);
        TicketCache *cache = desk.session->cache();
        for (const Operation &op : { resend, discard }) {
            const std::optional<OutboxEntry> refused = cache->refusedNewTicket(op.ticketId);
            QVERIFY(refused);
            QCOMPARE(refused->code, QStringLiteral("channel-not-entitled"));
            const std::optional<Ticket> kept = cache->ticket(op.ticketId);
            QVERIFY2(kept, "the refused new ticket left the cache");
            QCOMPARE(kept->body, op.payload.value(OpKey::Body).toString());
            QCOMPARE(kept->assigneeId, Agent); // in My tickets, not Unassigned
            QVERIFY(!kept->dueAt.isValid()); // never taken in: no target to breach
        }
        QVERIFY(serverSubjects(resentSubject).isEmpty());
        // The status bar names it and the rule (the pane shows another ticket).
        const QString notice = window.statusBar()->currentMessage();
        QVERIFY2(notice.contains(discardSubject) || notice.contains(resentSubject),
                 qPrintable(notice));
        QVERIFY2(notice.contains(QStringLiteral("IM")), qPrintable(notice));
        QueueModel *model = window.queueModel();
        model->setQueue(QueueModel::MyTickets);
        QTRY_VERIFY(model->rowOfTicket(resend.ticketId) >= 0);
        QTRY_VERIFY(model->rowOfTicket(discard.ticketId) >= 0);
    }

    // A restart over the same cache: still there, and the pane says why.
    DemoDesk desk;
    QString error = desk.start(m_server, Agent, Language::English, cachePath);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MainWindow &window = *desk.window;
    TicketCache *cache = desk.session->cache();
    QVERIFY(cache->ticket(resend.ticketId));
    QVERIFY(cache->ticket(discard.ticketId));
    QueueModel *model = window.queueModel();
    model->setQueue(QueueModel::MyTickets);
    QTRY_VERIFY(model->rowOfTicket(resend.ticketId) >= 0);
    TicketPane *pane = desk.controller->ticketPane();
    window.showTicket(resend.ticketId);
    QTRY_COMPARE(pane->ticketId(), resend.ticketId);
    QTRY_VERIFY(pane->isRefusedNewTicket());
    QVERIFY2(pane->problemText().contains(QStringLiteral("refused this new ticket")),
             qPrintable(pane->problemText()));
    // The plan's words: the channel and the edition by their catalog names.
    QVERIFY2(pane->problemText().contains(QStringLiteral("IM enterprise group"))
                     && pane->problemText().contains(QStringLiteral("Basic")),
             qPrintable(pane->problemText()));
    QVERIFY(pane->resendButton()->isVisible());
    QVERIFY(pane->problemButton()->isVisible());
    // To look at (under Xvfb): REFUSED_SHOTS=DIR writes the window in both languages there.
    const QString shots = qEnvironmentVariable("REFUSED_SHOTS");
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/refused-en.png")));
    // 中文 too, switched while it runs.
    QVERIFY(desk.languages.setLanguage(Language::Chinese, false));
    QTRY_VERIFY2(pane->problemText().contains(QStringLiteral("服务器拒绝了这张新工单")),
                 qPrintable(pane->problemText()));
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/refused-zh_CN.png")));
    QVERIFY2(pane->problemText().contains(QStringLiteral("基础版")), qPrintable(pane->problemText()));
    QVERIFY(desk.languages.setLanguage(Language::English, false));

    // Edit and send again…: New ticket filled in, the channel refused until corrected.
    QTest::mouseClick(pane->resendButton(), Qt::LeftButton);
    auto *intake = Testing::openedDialog<IntakeDialog>(&window);
    QVERIFY(intake);
    QCOMPARE(intake->customerId(), Basic);
    QCOMPARE(intake->channel(), QStringLiteral("im-group"));
    QCOMPARE(intake->severity(), QStringLiteral("consultation"));
    QCOMPARE(intake->refusedOpId(), resend.opId);
    QVERIFY(!intake->canCreate());
    // Cancel keeps it.
    intake->reject();
    QTRY_VERIFY(!window.findChild<IntakeDialog *>());
    QVERIFY(cache->refusedNewTicket(resend.ticketId));
    QTest::mouseClick(pane->resendButton(), Qt::LeftButton);
    intake = Testing::openedDialog<IntakeDialog>(&window);
    QVERIFY(intake);
    intake->setChannel(QStringLiteral("ticket"));
    QVERIFY2(intake->canCreate(), qPrintable(intake->problems().join(u'\n')));
    QTest::mouseClick(intake->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    // One ticket on the server, with the customer's words; the refused one gone.
    QTRY_VERIFY_WITH_TIMEOUT(serverSubjects(resentSubject).size() == 1, 60000);
    const QString created = serverSubjects(resentSubject).constFirst();
    QVERIFY(created != resend.ticketId);
    QCOMPARE(m_server.state(m_server.token(Agent)).tickets.value(created).body,
             resend.payload.value(OpKey::Body).toString());
    QVERIFY(!cache->ticket(resend.ticketId));
    QVERIFY(!cache->refusedNewTicket(resend.ticketId));
    QTRY_VERIFY(model->rowOfTicket(resend.ticketId) < 0);

    // Discard…: asked first, naming the ticket; Cancel keeps it, Discard removes it.
    window.showTicket(discard.ticketId);
    QTRY_COMPARE(pane->ticketId(), discard.ticketId);
    QTRY_VERIFY(pane->isRefusedNewTicket());
    for (const auto button : { QMessageBox::Cancel, QMessageBox::Discard }) {
        QTest::mouseClick(pane->problemButton(), Qt::LeftButton);
        auto *ask = Testing::openedDialog<QMessageBox>(pane);
        QVERIFY(ask);
        QVERIFY2(ask->text().contains(discardSubject), qPrintable(ask->text()));
        QCOMPARE(ask->defaultButton(), ask->button(QMessageBox::Cancel));
        QTest::mouseClick(ask->button(button), Qt::LeftButton);
        QTRY_VERIFY(!pane->findChild<QMessageBox *>());
        if (button == QMessageBox::Cancel)
            QVERIFY(cache->ticket(discard.ticketId));
    }
    QTRY_VERIFY(!cache->ticket(discard.ticketId));
    QVERIFY(!cache->refusedNewTicket(discard.ticketId));
    QTRY_VERIFY(model->rowOfTicket(discard.ticketId) < 0);
    QVERIFY(serverSubjects(discardSubject).isEmpty());
    desk.session->stop();
}

void TestRefusedDemo::refusedEditOfATicketNotShownIsNamed()
{
    // Two open tickets (the demo's backlog is closed by now): one shown, the other edited to
    // a severity it already has, which the server refuses.
    QStringList open;
    for (const QString &subject : { QStringLiteral("Shown ticket"),
                                    QStringLiteral("Ticket edited out of sight") }) {
        Operation op = imTicket(subject);
        op.payload.insert(OpKey::Channel, QStringLiteral("ticket"));
        const QJsonObject result = m_server.postOp(m_server.token(Agent), Json::toJson(op));
        QCOMPARE(result.value(QStringLiteral("result")).toString(), OpResult::Applied);
        open.append(op.ticketId);
    }
    DemoDesk desk;
    const QString error = desk.start(m_server, Agent, Language::English,
                                     m_dir.filePath(QStringLiteral("notice.sqlite")));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MainWindow &window = *desk.window;
    TicketCache *cache = desk.session->cache();
    QVERIFY(cache->ticket(open.at(1)));
    TicketPane *pane = desk.controller->ticketPane();
    window.showTicket(open.at(0));
    QTRY_COMPARE(pane->ticketId(), open.at(0));
    const Ticket edited = *cache->ticket(open.at(1));
    TicketEdit edit;
    edit.type = OpType::Reclassify;
    edit.severity = edited.severity;
    edit.reason = QStringLiteral("checked again");
    QSignalSpy rejected(desk.session.get(), &DeskSession::rejected);
    QVERIFY(desk.session->saveEdit(
            TicketEdits::make(edited, edit, QDateTime::currentDateTimeUtc())));
    QVERIFY(rejected.wait(60000));
    const QString notice = window.statusBar()->currentMessage();
    QVERIFY2(notice.contains(QStringLiteral("#%1").arg(edited.number)), qPrintable(notice));
    QVERIFY2(notice.contains(QStringLiteral("already has the severity")), qPrintable(notice));

    // A team macro saved by an agent: refused (only leads), and said with Manage macros shut.
    Macro macro;
    macro.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    macro.name = QStringLiteral("Team greeting made by an agent");
    macro.bodyEn = QStringLiteral("Hello {{customer}}");
    macro.bodyZh = QStringLiteral("您好 {{客户}}");
    rejected.clear();
    QVERIFY(desk.session->saveMacro(macro));
    QVERIFY(rejected.wait(60000));
    const QString macroNotice = window.statusBar()->currentMessage();
    QVERIFY2(macroNotice.contains(macro.name), qPrintable(macroNotice));
    desk.session->stop();
}

QTEST_MAIN(TestRefusedDemo)
#include "tst_refused_demo.moc"
