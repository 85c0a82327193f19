// A macro applied from the bulk bar, end to end (issue 17): the real MainWindow signed in to the
// real demo server on loopback. The demo seeds the team's macros; the lead selects tickets of
// Chinese- and English-speaking customers, picks "Need logs" in the bar's picker and keeps
// "send its reply"; each ticket gets exactly one public reply, in its customer's language with
// its own values, and the macro's status and tag, on the server.
#include "bulkbar.h"
#include "bulkresults.h"
#include "demodesk.h"
#include "macro.h"
#include "macropicker.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"
#include "realserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestBulkMacroE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void demoSeedsTeamMacros();
    void replyAndActionsReachEachTicketOnce();

private:
    static constexpr int Backlog = 200;
    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestBulkMacroE2e::initTestCase()
{
    // Enough history that All open holds tickets of both languages' customers.
    const QString problem = DemoDesk::startDemoServer(m_server, m_dir, Backlog);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestBulkMacroE2e::cleanupTestCase()
{
    m_server.stop();
}

// `make run` shows the team's macros: the demo seeds a handful, each in both languages with
// placeholders and an action, and a second start of the same store seeds none again.
void TestBulkMacroE2e::demoSeedsTeamMacros()
{
    DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-emma"), Language::English,
                                       m_dir.filePath(QStringLiteral("emma.sqlite")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QVector<Macro> macros = demo.session->cache()->macros();
    QVERIFY2(macros.size() >= 4, qPrintable(QString::number(macros.size())));
    for (const Macro &m : macros) {
        QVERIFY2(m.isTeamMacro(), qPrintable(m.name));
        QVERIFY2(!m.bodyZh.isEmpty() && !m.bodyEn.isEmpty(), qPrintable(m.name));
        QVERIFY2(m.bodyZh.contains(QStringLiteral("{{客户}}"))
                         && m.bodyEn.contains(QStringLiteral("{{customer}}")),
                 qPrintable(m.name));
        QVERIFY2(!m.status.isEmpty() || !m.addTags.isEmpty(), qPrintable(m.name));
        QVERIFY2(checkMacro(m).isEmpty(), qPrintable(checkMacro(m)));
    }
    // The demo's customers carry their language to the desk, through the feed.
    for (const Customer &c : demo.session->cache()->customers())
        QVERIFY2(CustomerLanguage::fromId(c.language), qPrintable(c.id));
    demo.session->stop();

    m_server.stop();
    QVERIFY(m_server.restart(RealServer::demoArguments(Backlog)));
    const QString lead = m_server.token(QStringLiteral("a-wangfang"));
    const RealServer::Reply r
            = m_server.request("GET", QStringLiteral("/changes?after=0&limit=5000"), lead);
    QCOMPARE(r.status, 200);
    int seeded = 0;
    for (const QJsonValue &v : r.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject change = v.toObject();
        if (change.value(QStringLiteral("kind")).toString() != u"macro")
            continue;
        Macro m;
        QVERIFY(Json::fromJson(change.value(QStringLiteral("data")).toObject(), &m, nullptr));
        QCOMPARE(m.version, 1); // not saved again by the second start
        ++seeded;
    }
    QCOMPARE(seeded, int(macros.size()));
}

void TestBulkMacroE2e::replyAndActionsReachEachTicketOnce()
{
    DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-wangfang"), Language::English,
                                       m_dir.filePath(QStringLiteral("lead.sqlite")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    DeskSession &session = *demo.session;
    MainWindow &window = *demo.window;
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    QueueModel *model = window.queueModel();
    QTRY_VERIFY2(model->rowCount() >= 8, qPrintable(QString::number(model->rowCount())));

    const QVector<Macro> macros = session.cache()->macros();
    const auto found = std::find_if(macros.cbegin(), macros.cend(), [](const Macro &m) {
        return m.name.startsWith(QStringLiteral("Need logs"));
    });
    QVERIFY(found != macros.cend());
    const Macro needLogs = *found;
    QCOMPARE(needLogs.status, TicketStatus::WaitingOnCustomer);
    QCOMPARE(needLogs.addTags, QStringList { QStringLiteral("need-logs") });

    // Up to four tickets of each language's customers the macro changes, numbered.
    const QString lead = m_server.token(QStringLiteral("a-wangfang"));
    const RealServer::State before = m_server.state(lead);
    QVERIFY(before.ok);
    QList<int> rows;
    int zh = 0, en = 0;
    for (int r = 0; r < model->rowCount() && rows.size() < 8; ++r) {
        const Ticket t = before.tickets.value(model->ticketId(r));
        const std::optional<Customer> c = session.cache()->customer(t.customerId);
        if (t.id.isEmpty() || !c || t.number == 0 || !TicketStatus::isOpen(t.status)
            || t.status == TicketStatus::WaitingOnCustomer)
            continue;
        int &n = c->language == CustomerLanguage::Chinese ? zh : en;
        if (n == 4)
            continue;
        ++n;
        rows.append(r);
    }
    QVERIFY2(zh >= 2 && en >= 2, qPrintable(QStringLiteral("%1 zh, %2 en").arg(zh).arg(en)));
    QItemSelection selection;
    for (int r : std::as_const(rows))
        selection.select(model->index(r, 0), model->index(r, model->columnCount() - 1));
    QueueView *view = window.queueView();
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    // The current row among them (audit 11, D6): the run's reply to it moved the queue on to
    // the next ticket as after the pane's own answer, and the eight rows became one.
    view->selectionModel()->setCurrentIndex(model->index(rows.first(), 0),
                                            QItemSelectionModel::NoUpdate);
    BulkBar *bar = window.bulkBar();
    QVERIFY(bar->isVisible());
    const QStringList ids = view->selectedTicketIds();
    QCOMPARE(ids.size(), rows.size());

    // The bar's picker, as the lead uses it: its window comes up modal; type, keep the reply,
    // Enter.
    bool picked = false;
    QString checkLabel;
    QTimer driver;
    driver.setInterval(20);
    connect(&driver, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        auto *picker = dialog ? dialog->findChild<MacroPicker *>(QStringLiteral("bulkMacroPicker"))
                              : nullptr;
        auto *send = dialog ? dialog->findChild<QCheckBox *>(QStringLiteral("bulkMacroSendReply"))
                            : nullptr;
        if (!picker || !send || !picker->isVisible())
            return;
        driver.stop();
        checkLabel = send->text();
        if (!send->isChecked())
            return dialog->reject(); // on by default: failing here says so below
        picker->searchLine()->setText(QStringLiteral("need logs"));
        if (picker->shownCount() != 1 || picker->current()->id != needLogs.id)
            return dialog->reject();
        picked = true;
        QTest::keyClick(picker->searchLine(), Qt::Key_Return);
    });
    driver.start();
    bar->macroButton()->click(); // returns when the dialog closes
    driver.stop();
    QVERIFY2(picked, qPrintable(checkLabel));
    QVERIFY(bar->results());
    BulkRun *run = bar->results()->run();
    QVERIFY(run);
    QCOMPARE(run->size(), qsizetype(ids.size()));
    QVERIFY(run->action().sendMacroReply);
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 120000);
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 30000);
    // Every row still selected, the bar still there for the next action.
    QStringList kept = view->selectedTicketIds();
    QStringList wanted = ids;
    kept.sort();
    wanted.sort();
    QCOMPARE(kept, wanted);
    QVERIFY(bar->isVisible());
    // The results name what was done (audit 11, D5: two runs read alike), title and summary;
    // Escape closes them.
    BulkResultsDialog *results = bar->results();
    const QString named = QStringLiteral("Applied macro “%1” to %2 tickets")
                                  .arg(needLogs.name)
                                  .arg(ids.size());
    QCOMPARE(results->windowTitle(), named);
    QVERIFY2(results->summaryText().startsWith(named + QStringLiteral(": ")),
             qPrintable(results->summaryText()));
    QTRY_VERIFY(results->isVisible());
    results->activateWindow();
    QTest::keyClick(results->table(), Qt::Key_Escape);
    QTRY_VERIFY(!results->isVisible());

    // On the server: one reply each, in the customer's language with the ticket's own values,
    // and the macro's status and tag.
    const RealServer::State after = m_server.state(lead);
    QVERIFY(after.ok);
    const Agent me = *session.me();
    for (const BulkRun::Item &item : run->items()) {
        QCOMPARE(item.state, BulkRun::State::Done);
        const Ticket was = before.tickets.value(item.ticketId);
        const Ticket now = after.tickets.value(item.ticketId);
        const std::optional<Customer> customer = session.cache()->customer(was.customerId);
        QVERIFY(customer);
        const Language language = customerLanguage(was, customer);
        QCOMPARE(language, *CustomerLanguage::fromId(customer->language));
        const MacroExpansion expected = expandMacro(
                needLogs.body(language),
                macroValues(was, customer, me, session.catalogs().plan(was.planId), language));
        QVERIFY(expected.complete());
        const auto publicOf = [](const QVector<Message> &messages) {
            QVector<Message> list;
            for (const Message &m : messages) {
                if (m.kind == MessageKind::Public)
                    list.append(m);
            }
            return list;
        };
        const QVector<Message> was_ = publicOf(before.messages.value(item.ticketId));
        const QVector<Message> now_ = publicOf(after.messages.value(item.ticketId));
        QCOMPARE(now_.size(), was_.size() + 1);
        int sent = 0;
        for (const Message &m : now_) {
            if (m.body == expected.text.trimmed()) {
                ++sent;
                QCOMPARE(m.authorId, me.id);
            }
        }
        QVERIFY2(sent == 1, qPrintable(item.ticketId + u' ' + expected.text));
        QVERIFY(expected.text.contains(customer->name));
        QVERIFY(expected.text.contains(QString::number(was.number)));
        QCOMPARE(now.status, TicketStatus::WaitingOnCustomer);
        QVERIFY2(now.tags.contains(QStringLiteral("need-logs")), qPrintable(now.tags.join(u' ')));
    }
    session.stop();
}

QTEST_MAIN(TestBulkMacroE2e)
#include "tst_bulkmacro_e2e.moc"
