// Bulk actions on the real MainWindow signed in to the real demo server on loopback
// (docs/bulk.md): 500 selected tickets assigned through the outbox reach the server exactly
// once although answers are lost on the way; a mixed selection reports each ticket's outcome
// (done, already so, refused by the rules, conflict) in the desk's language.
#include "bulkbar.h"
#include "bulkresults.h"
#include "bulkwriter.h"
#include "bulktag.h"
#include "demodesk.h"
#include "fakeqnam.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"
#include "realserver.h"
#include "recordnames.h"
#include "ticketcache.h"
#include "transport.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <atomic>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestBulkDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void fiveHundredReachTheServerOnce();
    void eachTicketsOutcomeIsReported_data();
    void eachTicketsOutcomeIsReported();
    void savesOffTheGuiThread();
    void batchIsSavedWholeOpByOp();
    void viewsAreToldOncePerBurst();
    void selectAllTakesTheWholeQueue();
    void tagsReachTheServerOnce_data();
    void tagsReachTheServerOnce();
    void selectedIdsAreTheSelectedRows();
    void selectionSurvivesAMergePastTheRowByRowLimit();
    void rowsStayPutWhenTheBarShows();

private:
    // A session of `agent` on the real server whose transport loses the answers of the first
    // `lostOpAnswers` POST /ops (the server applies them; the desk sends them again).
    SessionConfig config(const QString &agent, const QString &cache, int lostOpAnswers);
    bool setStatus(const QString &ticketId, const QString &status);
    bool addTag(const QString &ticketId, const QString &tag);
    bool postEdit(const QString &ticketId, const TicketEdit &edit);
    // The lead's desk in `language` with a cache of its own, losing `lostOpAnswers`.
    bool openLeadDesk(DemoDesk *demo, LanguageManager *languages, Language language,
                      const QString &cache, int lostOpAnswers);
    // The lead's desk on All open with at least 40 rows: empty when so, else why not.
    QString openAllOpen(DemoDesk *desk, const QString &cache);

    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    std::atomic<int> m_lostLeft { 0 };
    std::atomic<FakeQNAM *> m_network { nullptr }; // the last session's, on its worker
};

void TestBulkDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    const QString db = m_dir.filePath(QStringLiteral("server.db"));
    const QStringList demo { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                             QStringLiteral("40"), QStringLiteral("--demo-interval"),
                             QStringLiteral("3600") };
    QVERIFY2(m_server.start(db, demo), m_server.log().constData());
    // The demo's backlog is mostly answered and closed: 600 new tickets besides, for a
    // selection of 500 open ones.
    m_server.stop();
    QProcess seed;
    seed.start(QStringLiteral(SUPPORTDESK_SERVER),
               { QStringLiteral("--db"), db, QStringLiteral("seed"), QStringLiteral("bulk"),
                 QStringLiteral("600") });
    QVERIFY(seed.waitForFinished(60000));
    QVERIFY2(seed.exitCode() == 0, seed.readAllStandardError().constData());
    QVERIFY2(m_server.start(db, demo), m_server.log().constData());
    QVERIFY(!m_server.token(QStringLiteral("a-wangfang")).isEmpty());
}

void TestBulkDemo::cleanupTestCase()
{
    m_server.stop();
}

SessionConfig TestBulkDemo::config(const QString &agent, const QString &cache, int lostOpAnswers)
{
    SessionConfig c = SessionConfig::forServer(m_server.url(), m_server.token(agent),
                                               m_dir.filePath(cache));
    m_lostLeft = lostOpAnswers;
    const QUrl url = m_server.url();
    const QString token = m_server.token(agent);
    c.makeTransport = [this, url, token] {
        // On the worker thread: the QNAM lives where the transport does.
        auto *network = new FakeQNAM;
        m_network = network;
        const int lost = m_lostLeft.exchange(0);
        if (lost > 0)
            network->inject(FakeQNAM::Fault::LoseReply, QStringLiteral("/ops"), lost);
        auto *transport = new HttpTransport(url, token, network);
        network->setParent(transport);
        return transport;
    };
    c.options.requestTimeoutMs = 3000;
    c.options.minBackoffMs = 20;
    c.options.maxBackoffMs = 200;
    return c;
}

bool TestBulkDemo::openLeadDesk(DemoDesk *demo, LanguageManager *languages, Language language,
                                const QString &cache, int lostOpAnswers)
{
    return languages->setLanguage(language, false)
            && demo->open(config(QStringLiteral("a-wangfang"),
                                 QStringLiteral("%1-%2.sqlite").arg(cache, languageCode(language)),
                                 lostOpAnswers),
                          m_server.url(), languages);
}

static int itemOf(const BulkRun *run, const QString &ticketId)
{
    for (int i = 0; i < run->items().size(); ++i) {
        if (run->items().at(i).ticketId == ticketId)
            return i;
    }
    return -1;
}

bool TestBulkDemo::postEdit(const QString &ticketId, const TicketEdit &edit)
{
    // Another agent's edit, straight to the server.
    const QString lina = m_server.token(QStringLiteral("a-lina"));
    const Ticket t = m_server.state(lina).tickets.value(ticketId);
    const Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                       ticketId, t.version, edit);
    return m_server.postOp(lina, Json::toJson(op)).value(QStringLiteral("result")).toString()
            == OpResult::Applied;
}

bool TestBulkDemo::setStatus(const QString &ticketId, const QString &status)
{
    TicketEdit edit;
    edit.type = OpType::SetStatus;
    edit.status = status;
    return postEdit(ticketId, edit);
}

bool TestBulkDemo::addTag(const QString &ticketId, const QString &tag)
{
    TicketEdit edit;
    edit.type = OpType::AddTag;
    edit.tag = tag;
    return postEdit(ticketId, edit);
}

static int events(const RealServer::State &state, const QString &ticketId, const QString &event,
                  const QString &tag)
{
    int n = 0;
    for (const Message &m : state.messages.value(ticketId))
        n += m.event == event && m.args.value(0) == tag;
    return n;
}

void TestBulkDemo::fiveHundredReachTheServerOnce()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    DemoDesk desk;
    QVERIFY(desk.open(config(QStringLiteral("a-wangfang"), QStringLiteral("lead.sqlite"), 3),
                      m_server.url(), &languages));
    DeskSession &session = *desk.session;
    MainWindow &window = *desk.window;
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    QueueModel *model = window.queueModel();
    QTRY_VERIFY2(model->rowCount() >= 500, qPrintable(QString::number(model->rowCount())));

    // Shift-click's selection: the first 500 rows.
    QueueView *view = window.queueView();
    BulkBar *bar = window.bulkBar();
    QVERIFY(bar->isHidden());
    view->selectionModel()->select(
        QItemSelection(model->index(0, 0), model->index(499, model->columnCount() - 1)),
        QItemSelectionModel::ClearAndSelect);
    QVERIFY(bar->isVisible());
    QCOMPARE(view->selectedCount(), 500);
    QVERIFY2(bar->countLabel()->text().contains(QStringLiteral("500")),
             qPrintable(bar->countLabel()->text()));
    const QStringList ids = view->selectedTicketIds();
    QCOMPARE(ids.size(), 500);

    const QString lead = m_server.token(QStringLiteral("a-wangfang"));
    const RealServer::State before = m_server.state(lead);
    QVERIFY(before.ok);
    const int emma = bar->assignBox()->findData(QStringLiteral("a-emma"));
    QVERIFY(emma > 0);
    bar->assignBox()->setCurrentIndex(emma);
    emit bar->assignBox()->activated(emma);
    QVERIFY(bar->results());
    BulkRun *run = bar->results()->run();
    QCOMPARE(run->size(), 500);
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 180000);
    QCOMPARE(run->items().size(), 500);
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        bar->results()->grab().save(
            qEnvironmentVariable("SUPPORTDESK_GRAB_DIR") + QStringLiteral("/bulk-500-en.png"));

    // Every ticket once: applied (version + 1) or already Emma's (untouched).
    const RealServer::State after = m_server.state(lead);
    QVERIFY(after.ok);
    int done = 0;
    for (const BulkRun::Item &item : run->items()) {
        const Ticket was = before.tickets.value(item.ticketId);
        const Ticket now = after.tickets.value(item.ticketId);
        QCOMPARE(now.assigneeId, QStringLiteral("a-emma"));
        if (was.assigneeId == u"a-emma") {
            QCOMPARE(item.state, BulkRun::State::Unchanged);
            QCOMPARE(now.version, was.version);
        } else {
            QCOMPARE(item.state, BulkRun::State::Done);
            QCOMPARE(now.version, was.version + 1);
            ++done;
        }
    }
    QVERIFY(done > 400);
    // The answers were followed in the outbox on the follower's thread: the GUI thread read
    // the outbox for none of them (it read it all every 100 ms: 150,000 ops a long event).
    QCOMPARE(run->outboxReadsHere(), quint64(0));
    QVERIFY(run->outboxReadsBehind() > 0);
    // Every ticket was read for planning on the reader's thread, none on the GUI thread (it
    // read each there, ~0.1 ms a ticket, before).
    QCOMPARE(run->ticketsReadHere(), 0);
    QCOMPARE(run->ticketsReadBehind(), 500);
    // The three answers were lost indeed (the faults were spent on POST /ops), and the ops
    // sent again.
    QCOMPARE(m_lostLeft.load(), 0);
    FakeQNAM *network = m_network;
    int faultsLeft = -1, opRequests = 0;
    QMetaObject::invokeMethod(
        network,
        [&] {
            faultsLeft = network->pendingFaults();
            opRequests = network->requests(QStringLiteral("/ops"));
        },
        Qt::BlockingQueuedConnection);
    QCOMPARE(faultsLeft, 0);
    QVERIFY2(opRequests > 3, qPrintable(QString::number(opRequests)));
    QCOMPARE(session.cache()->pendingCount(), 0);
    QVERIFY2(bar->results()->summaryText().contains(QStringLiteral("%1 of 500").arg(done)),
             qPrintable(bar->results()->summaryText()));
}

void TestBulkDemo::eachTicketsOutcomeIsReported_data()
{
    QTest::addColumn<Language>("desk");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestBulkDemo::eachTicketsOutcomeIsReported()
{
    QFETCH(Language, desk);
    LanguageManager languages;
    DemoDesk demo;
    QVERIFY(openLeadDesk(&demo, &languages, desk, QStringLiteral("mixed"), 0));
    DeskSession &session = *demo.session;
    MainWindow &window = *demo.window;

    // Five open tickets not yet waiting on the customer.
    const QString lead = m_server.token(QStringLiteral("a-wangfang"));
    QStringList picked;
    const RealServer::State start = m_server.state(lead);
    for (const Ticket &t : start.tickets) {
        if (picked.size() < 5 && TicketStatus::isOpen(t.status)
            && t.status != TicketStatus::WaitingOnCustomer)
            picked.append(t.id);
    }
    QCOMPARE(picked.size(), 5);
    const QString closed = picked.at(0), already = picked.at(1), changed = picked.at(2);
    // Closed and already waiting, as the desk will know before the action.
    QVERIFY(setStatus(closed, TicketStatus::Closed));
    QVERIFY(setStatus(already, TicketStatus::WaitingOnCustomer));
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->ticket(closed)->status, TicketStatus::Closed,
                              20000);
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->ticket(already)->status,
                              TicketStatus::WaitingOnCustomer, 20000);
    window.showTickets(picked);
    QTRY_COMPARE(window.queueModel()->rowCount(), 5);
    BulkBar *bar = window.bulkBar();
    QTest::mouseClick(window.queueView()->viewport(), Qt::LeftButton, {},
                      window.queueView()->visualRect(window.queueModel()->index(0, 1)).center());
    QVERIFY(bar->isHidden());
    // Ctrl+A in the queue selects them all; the bar offers the actions.
    QTest::keyClick(window.queueView(), Qt::Key_A, Qt::ControlModifier);
    QTRY_VERIFY(bar->isVisible());
    QCOMPARE(window.queueView()->selectedCount(), 5);

    // Offline, someone else changes one of them: the desk's edit of it will conflict.
    session.stop();
    QVERIFY(setStatus(changed, TicketStatus::Resolved));
    const int waiting = bar->statusBox()->findData(TicketStatus::WaitingOnCustomer);
    QVERIFY(waiting > 0);
    QCOMPARE(bar->statusBox()->findData(TicketStatus::New), -1); // never allowed
    emit bar->statusBox()->activated(waiting);
    BulkRun *run = bar->results()->run();
    QTRY_VERIFY(run->isSaved());
    const auto item = [run](const QString &id) { return itemOf(run, id); };
    QCOMPARE(run->items().at(item(closed)).state, BulkRun::State::Refused);
    QCOMPARE(run->items().at(item(closed)).refusal.code, QStringLiteral("invalid-status"));
    QCOMPARE(run->items().at(item(already)).state, BulkRun::State::Unchanged);
    QCOMPARE(run->count(BulkRun::State::Pending), 3);
    QCOMPARE(session.cache()->pendingCount(), 3);

    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
    QCOMPARE(run->items().at(item(changed)).state, BulkRun::State::Conflict);
    QCOMPARE(run->count(BulkRun::State::Done), 2);
    QCOMPARE(run->outboxReadsHere(), quint64(0)); // the conflict too, read off the GUI thread
    const RealServer::State end = m_server.state(lead);
    for (const QString &id : picked.mid(3)) {
        QCOMPARE(end.tickets.value(id).status, TicketStatus::WaitingOnCustomer);
        QCOMPARE(end.tickets.value(id).version, start.tickets.value(id).version + 1);
    }
    QCOMPARE(end.tickets.value(changed).status, TicketStatus::Resolved);

    // Each row says its ticket's outcome in the desk's language.
    BulkResultsDialog *results = bar->results();
    const QAbstractItemModel *table = results->table()->model();
    const QString refusal = table->index(item(closed), 2).data().toString();
    QVERIFY2(refusal.contains(statusName(TicketStatus::Closed)), qPrintable(refusal));
    const QString conflict = table->index(item(changed), 2).data().toString();
    const QString number
        = QStringLiteral("#%1").arg(run->items().at(item(changed)).number);
    QCOMPARE(table->index(item(changed), 0).data().toString(), number);
    if (desk == Language::Chinese) {
        for (const QString &text : { refusal, conflict, results->summaryText(),
                                     table->index(item(already), 2).data().toString() }) {
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\p{Han}"))),
                     qPrintable(text));
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{4,}"))),
                     qPrintable(text));
        }
    } else {
        QVERIFY2(refusal.startsWith(QStringLiteral("Not sent:")), qPrintable(refusal));
        QVERIFY2(conflict.startsWith(QStringLiteral("Conflict:")), qPrintable(conflict));
    }
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        window.grab().save(QStringLiteral("%1/bulk-window-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(desk)));
        results->grab().save(QStringLiteral("%1/bulk-results-%2.png")
                                 .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                      languageCode(desk)));
    }
}

void TestBulkDemo::savesOffTheGuiThread()
{
    LanguageManager languages;
    DemoDesk demo;
    QVERIFY(openLeadDesk(&demo, &languages, Language::English, QStringLiteral("locked"), 0));
    DeskSession &session = *demo.session;
    MainWindow &window = *demo.window;
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    QueueModel *model = window.queueModel();
    QTRY_VERIFY(model->rowCount() >= 40);
    window.queueView()->selectionModel()->select(
            QItemSelection(model->index(0, 0), model->index(39, model->columnCount() - 1)),
            QItemSelectionModel::ClearAndSelect);

    // Another connection holds the cache's write lock (as the sync thread does while it
    // writes a feed page): the action is planned, and the window goes on, while its ops wait
    // for the lock on the writer's thread. Saved on the GUI thread, each save waited there
    // (SQLite's busy timeout, 5 s) and then failed.
    {
        QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                      QStringLiteral("test-lock"));
        lock.setDatabaseName(session.cache()->path());
        QVERIFY(lock.open());
        QSqlQuery begin(lock);
        QVERIFY(begin.exec(QStringLiteral("BEGIN IMMEDIATE")));
        BulkAction action;
        action.kind = BulkAction::Kind::SetStatus;
        action.status = TicketStatus::WaitingOnCustomer;
        BulkRun *run = window.bulkBar()->run(action);
        QVERIFY(run);
        // Every ticket read and planned (its number known) while the lock is held, read on
        // the reader's thread (the writer's waits for the lock).
        QTRY_COMPARE(run->items().size(), 40);
        QVERIFY(std::all_of(run->items().cbegin(), run->items().cend(),
                            [](const BulkRun::Item &i) { return i.number > 0; }));
        QCOMPARE(run->ticketsReadHere(), 0);
        QCOMPARE(run->ticketsReadBehind(), 40);
        for (const BulkRun::Item &item : run->items())
            QVERIFY2(item.state != BulkRun::State::Failed, qPrintable(item.error));
        QVERIFY(!run->isSaved());
        QCOMPARE(session.cache()->pendingCount(), 0);
        QVERIFY(QSqlQuery(lock).exec(QStringLiteral("ROLLBACK")));
        QTRY_VERIFY(run->isSaved());
        QCOMPARE(run->count(BulkRun::State::Failed), 0);
        const int sent = int(run->items().size()) - run->count(BulkRun::State::Unchanged)
                - run->count(BulkRun::State::Refused);
        QVERIFY(sent > 0);
        QCOMPARE(run->opsSavedBehind(), sent); // none on the GUI thread
        QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
        QCOMPARE(run->count(BulkRun::State::Done), sent);
        lock.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-lock"));
}

// A batch of ops is one durable transaction (saveEditBatch(), the writer's): one fsync
// for the batch, and each op wholly in the outbox or not at all. An op that fails leaves nothing
// of itself and the batch's others are kept; a later op of its ticket is not tried.
void TestBulkDemo::batchIsSavedWholeOpByOp()
{
    TicketCache cache(QStringLiteral("test-batch"));
    QCOMPARE(cache.open(m_dir.filePath(QStringLiteral("batch.sqlite"))),
             TicketCache::OpenStatus::Ok);
    QVector<Ticket> tickets;
    for (int i = 1; i <= 4; ++i) {
        Ticket t;
        t.id = QStringLiteral("t%1").arg(i);
        t.number = i;
        t.customerId = QStringLiteral("c1");
        t.subject = QStringLiteral("Disk full");
        t.channel = QStringLiteral("ticket");
        t.severity = QStringLiteral("business-degraded");
        t.status = TicketStatus::New;
        t.planId = QStringLiteral("service-plan");
        t.editionId = QStringLiteral("s2-enterprise");
        t.createdAt = QDateTime(QDate(2026, 5, 1), QTime(8, 0), Qt::UTC);
        t.dueAt = t.createdAt.addSecs(1800);
        t.version = 1;
        t.seq = i;
        tickets.append(t);
    }
    QVERIFY(cache.applyChanges(tickets, {}, {}, {}, {}, 4, true, nullptr));
    const auto assign = [](const QString &ticketId, const QString &agent) {
        TicketEdit e;
        e.type = OpType::Assign;
        e.assigneeId = agent;
        return makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticketId, 1, e);
    };
    const auto inOutbox = [&cache] {
        QStringList ids;
        for (const OutboxEntry &e : cache.outbox())
            ids.append(e.op.opId);
        return ids;
    };

    // The second op's ticket is not in the cache: that op fails, the others are saved.
    const QVector<Operation> first { assign(QStringLiteral("t1"), QStringLiteral("a-emma")),
                                     assign(QStringLiteral("gone"), QStringLiteral("a-emma")),
                                     assign(QStringLiteral("t2"), QStringLiteral("a-emma")) };
    QVector<bool> saved;
    QString error;
    QCOMPARE(saveEditBatch(cache, first, &saved, &error), 2);
    QCOMPARE(saved, QVector<bool>({ true, false, true }));
    QVERIFY2(error.contains(QStringLiteral("gone")), qPrintable(error));
    QCOMPARE(inOutbox(), QStringList({ first.at(0).opId, first.at(2).opId }));
    QCOMPARE(cache.ticket(QStringLiteral("t1"))->assigneeId, QStringLiteral("a-emma"));
    QCOMPARE(cache.ticket(QStringLiteral("t2"))->assigneeId, QStringLiteral("a-emma"));
    QVERIFY(!cache.ticket(QStringLiteral("gone")));

    // The second write of the next batch (its second op's savepoint) fails: that op is left
    // out whole, its ticket's later op is not tried, and the ops around them are kept.
    const QVector<Operation> second { assign(QStringLiteral("t3"), QStringLiteral("a-lina")),
                                      assign(QStringLiteral("t4"), QStringLiteral("a-lina")),
                                      assign(QStringLiteral("t4"), QStringLiteral("a-emma")),
                                      assign(QStringLiteral("t1"), QStringLiteral("a-lina")) };
    cache.failNthWrite(2);
    error.clear();
    QCOMPARE(saveEditBatch(cache, second, &saved, &error), 2);
    QCOMPARE(saved, QVector<bool>({ true, false, false, true }));
    QCOMPARE(inOutbox(), QStringList({ first.at(0).opId, first.at(2).opId, second.at(0).opId,
                                       second.at(3).opId }));
    QCOMPARE(cache.ticket(QStringLiteral("t3"))->assigneeId, QStringLiteral("a-lina"));
    QVERIFY(cache.ticket(QStringLiteral("t4"))->assigneeId.isEmpty()); // nothing of either
    QCOMPARE(cache.ticket(QStringLiteral("t1"))->assigneeId, QStringLiteral("a-lina"));
    QCOMPARE(cache.pendingCount(), 4);

    // Another connection holds the write lock past the busy timeout: none saved, none said
    // saved, the reason told.
    {
        QSqlDatabase lock = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                      QStringLiteral("test-batch-lock"));
        lock.setDatabaseName(cache.path());
        QVERIFY(lock.open());
        QVERIFY(QSqlQuery(lock).exec(QStringLiteral("BEGIN IMMEDIATE")));
        error.clear();
        QCOMPARE(saveEditBatch(cache, { assign(QStringLiteral("t3"), QStringLiteral("a-emma")) },
                               &saved, &error),
                 0);
        QCOMPARE(saved, QVector<bool>({ false }));
        QVERIFY(!error.isEmpty());
        QVERIFY(QSqlQuery(lock).exec(QStringLiteral("ROLLBACK")));
        lock.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("test-batch-lock"));
    QCOMPARE(cache.pendingCount(), 4);
    cache.close();
}

// The views and the engine hear of a run's saved batches once per burst (AnnounceMs), and at
// once when the last is saved; told once a batch, each was a pass of the window over what
// follows the outbox (~20 ms at 150,000 pending, docs/bulk.md).
void TestBulkDemo::viewsAreToldOncePerBurst()
{
    DemoDesk demo;
    const QString error = openAllOpen(&demo, QStringLiteral("announce.sqlite"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    DeskSession &session = *demo.session;
    MainWindow &window = *demo.window;
    QueueModel *model = window.queueModel();
    window.queueView()->selectionModel()->select(
            QItemSelection(model->index(0, 0), model->index(39, model->columnCount() - 1)),
            QItemSelectionModel::ClearAndSelect);
    BulkAction action;
    action.kind = BulkAction::Kind::AddTag;
    action.tag = QStringLiteral("burst");
    QSignalSpy edits(&session, &DeskSession::editSaved);
    BulkRun *run = window.bulkBar()->run(action);
    QVERIFY(run);
    // A batch a ticket (the slice ends after its first), and the whole run one burst.
    run->setSliceMs(0);
    run->setAnnounceMs(600000);
    QTRY_VERIFY_WITH_TIMEOUT(run->isSaved(), 60000);
    for (const BulkRun::Item &item : run->items())
        QVERIFY2(item.state != BulkRun::State::Failed, qPrintable(item.error));
    QCOMPARE(run->count(BulkRun::State::Pending) + run->count(BulkRun::State::Done), 40);
    QVERIFY2(run->batchesWritten() >= 20, qPrintable(QString::number(run->batchesWritten())));
    // Told once, at the last batch, of every op (without the coalescing: once a batch).
    QCOMPARE(run->announcements(), 1);
    QCOMPARE(edits.size(), 40);
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
    QCOMPARE(run->count(BulkRun::State::Done), 40);
}

// At a million tickets the queue paints its first screen and reads the rest behind it
// (QueueModel::isLoadingRest()): Select all then is every ticket of the queue and its filters,
// not the first screen's rows (which were all it selected, and the rest's reset dropped them).
void TestBulkDemo::selectAllTakesTheWholeQueue()
{
    const QString path = m_dir.filePath(QStringLiteral("selectall.sqlite"));
    {
        // Synced once from the real server, then closed.
        LanguageManager languages;
        QVERIFY(languages.setLanguage(Language::English, false));
        DemoDesk demo;
        QVERIFY(demo.open(SessionConfig::forServer(m_server.url(),
                                                   m_server.token(QStringLiteral("a-wangfang")),
                                                   path),
                          m_server.url(), &languages));
    }
    // The open tickets of the most common severity, as the server has them.
    const RealServer::State state = m_server.state(m_server.token(QStringLiteral("a-wangfang")));
    QHash<QString, QSet<QString>> openBySeverity;
    for (const Ticket &t : state.tickets) {
        if (t.status != TicketStatus::Resolved && t.status != TicketStatus::Closed)
            openBySeverity[t.severity].insert(t.id);
    }
    QString severity;
    for (auto it = openBySeverity.cbegin(); it != openBySeverity.cend(); ++it) {
        if (severity.isEmpty() || it->size() > openBySeverity.value(severity).size())
            severity = it.key();
    }
    const QSet<QString> expected = openBySeverity.value(severity);
    QVERIFY2(expected.size() > 20, qPrintable(QString::number(expected.size())));

    // Opened again as a large cache is: a first screen of 4 rows, the rest read behind it.
    QueueModel::setFirstScreenFrom(0);
    QueueModel::setFirstScreenRows(4);
    const auto restore = qScopeGuard([] {
        QueueModel::setFirstScreenFrom(200000);
        QueueModel::setFirstScreenRows(1000);
    });
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    DeskSession session;
    QCOMPARE(session.open(SessionConfig::forServer(
                     m_server.url(), m_server.token(QStringLiteral("a-wangfang")), path)),
             TicketCache::OpenStatus::Ok);
    MainWindow window(&session, &languages);
    QueueModel *model = window.queueModel();
    QVERIFY(model->isLoadingRest());
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    model->setSeverityFilter(severity);
    window.resize(1440, 900);
    window.show();
    QSignalSpy rest(model, &QueueModel::restLoaded);
    session.waitForReadBehind(); // read, its hand-over waiting for the event loop
    QVERIFY(model->isLoadingRest());
    const int firstScreen = model->rowCount();
    QVERIFY(firstScreen <= 4);

    BulkBar *bar = window.bulkBar();
    bar->selectAllButton()->click();
    QCOMPARE(window.queueView()->selectedCount(), firstScreen);
    QVERIFY(window.queueView()->isSelectingAllPending());
    // Meanwhile the bar says so, and its actions wait for the rest.
    QVERIFY(!bar->assignBox()->isEnabled());
    QVERIFY(!bar->tagButton()->isEnabled());
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        window.grab().save(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR")
                           + QStringLiteral("/bulk-selectall-pending-en.png"));
    QVERIFY(rest.wait(20000));
    QVERIFY(!model->isLoadingRest());
    QVERIFY(!window.queueView()->isSelectingAllPending());
    QCOMPARE(model->rowCount(), int(expected.size()));
    QCOMPARE(window.queueView()->selectedCount(), int(expected.size()));
    const QStringList ids = window.queueView()->selectedTicketIds();
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), expected);
    QVERIFY(bar->assignBox()->isEnabled());
    QVERIFY2(bar->countLabel()->text().startsWith(QString::number(expected.size())),
             qPrintable(bar->countLabel()->text()));

    // A selection changed meanwhile is the agent's: the rest's arrival leaves it alone.
    QueueModel::setFirstScreenRows(4);
    DeskSession again;
    QCOMPARE(again.open(SessionConfig::forServer(
                     m_server.url(), m_server.token(QStringLiteral("a-wangfang")), path)),
             TicketCache::OpenStatus::Ok);
    MainWindow other(&again, &languages);
    QVERIFY(other.queueModel()->isLoadingRest());
    other.show();
    QSignalSpy otherRest(other.queueModel(), &QueueModel::restLoaded);
    again.waitForReadBehind();
    other.bulkBar()->selectAllButton()->click();
    QVERIFY(other.queueModel()->rowCount() >= 2);
    other.queueView()->selectionModel()->select(
            other.queueModel()->index(0, 0),
            QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
    QStringList chosen = other.queueView()->selectedTicketIds();
    chosen.sort();
    QVERIFY(otherRest.wait(20000));
    QVERIFY(other.queueModel()->rowCount() > 4);
    // Exactly the agent's rows, kept across the hand-over's reset (by ticket id: it replaces
    // the rows), not the whole queue.
    QStringList kept = other.queueView()->selectedTicketIds();
    kept.sort();
    QCOMPARE(kept, chosen);
}

void TestBulkDemo::tagsReachTheServerOnce_data()
{
    QTest::addColumn<Language>("desk");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("tag");
    QTest::newRow("en") << Language::English << QStringLiteral(" Bulk-VIP ")
                        << QStringLiteral("bulk-vip");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("批量重点")
                           << QStringLiteral("批量重点");
}

void TestBulkDemo::tagsReachTheServerOnce()
{
    QFETCH(Language, desk);
    QFETCH(QString, typed);
    QFETCH(QString, tag);
    LanguageManager languages;
    DemoDesk demo;
    // The answer of the first POST /ops is lost: the server applied it, the desk sends it
    // again, and the tag must still be added once.
    QVERIFY(openLeadDesk(&demo, &languages, desk, QStringLiteral("tags"), 1));
    DeskSession &session = *demo.session;
    MainWindow &window = *demo.window;

    // Four open tickets without tags; another agent tagged the first already. Untagged: the
    // server is this file's, and viewsAreToldOncePerBurst tagged the queue's first 40 rows —
    // which 40 depends on the day's due times (the CI run of 6 December picked one of them).
    const QString lead = m_server.token(QStringLiteral("a-wangfang"));
    QStringList picked;
    for (const Ticket &t : m_server.state(lead).tickets) {
        if (picked.size() < 4 && TicketStatus::isOpen(t.status) && t.tags.isEmpty())
            picked.append(t.id);
    }
    QCOMPARE(picked.size(), 4);
    const QString tagged = picked.at(0);
    QVERIFY(addTag(tagged, tag));
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->ticket(tagged)->tags, QStringList { tag },
                              20000);
    const RealServer::State before = m_server.state(lead);
    window.showTickets(picked);
    QTRY_COMPARE(window.queueModel()->rowCount(), 4);
    QTest::keyClick(window.queueView(), Qt::Key_A, Qt::ControlModifier);
    BulkBar *bar = window.bulkBar();
    QTRY_VERIFY(bar->isVisible());

    // Tag…: the tags in use are offered; a tag the rules refuse is said and nothing queued.
    QVERIFY(bar->tagButton()->isVisible());
    QTest::mouseClick(bar->tagButton(), Qt::LeftButton);
    BulkTagDialog *dialog = bar->tagDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QAbstractItemModel *offered = dialog->tagLine()->completer()->model();
    QVERIFY(!offered->match(offered->index(0, 0), Qt::DisplayRole, tag, 1, Qt::MatchExactly)
                 .isEmpty());
    QTest::keyClicks(dialog->tagLine(), QStringLiteral("two words"));
    QTest::keyClick(dialog->tagLine(), Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->problemText().isEmpty());
    const QRegularExpression han(QStringLiteral("\\p{Han}"));
    if (desk == Language::Chinese)
        QVERIFY2(dialog->problemText().contains(han), qPrintable(dialog->problemText()));
    QCOMPARE(session.cache()->pendingCount(), 0);
    dialog->tagLine()->clear();
    dialog->tagLine()->insert(typed); // as an input method commits it (keyClicks is ASCII)
    dialog->tagLine()->completer()->popup()->hide();
    QTest::keyClick(dialog->tagLine(), Qt::Key_Return);
    QTRY_VERIFY(!bar->tagDialog());
    QVERIFY(bar->results());
    BulkRun *run = bar->results()->run();
    QCOMPARE(run->action().kind, BulkAction::Kind::AddTag);
    QCOMPARE(run->action().tag, tag);
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
    QCOMPARE(run->count(BulkRun::State::Done), 3);
    QCOMPARE(run->count(BulkRun::State::Unchanged), 1);

    // On the server: every ticket carries it, added once each (one event, one version).
    RealServer::State after = m_server.state(lead);
    for (const QString &id : picked) {
        QVERIFY2(after.tickets.value(id).tags.contains(tag), qPrintable(id));
        QCOMPARE(events(after, id, QStringLiteral("tag-added"), tag), 1);
        QCOMPARE(after.tickets.value(id).version,
                 before.tickets.value(id).version + (id == tagged ? 0 : 1));
    }
    FakeQNAM *network = m_network;
    int faultsLeft = -1;
    QMetaObject::invokeMethod(
        network, [&] { faultsLeft = network->pendingFaults(); }, Qt::BlockingQueuedConnection);
    QCOMPARE(faultsLeft, 0); // the answer was lost indeed

    // Each row in words, in the desk's language.
    BulkResultsDialog *results = bar->results();
    const auto row = [run](const QString &id) { return itemOf(run, id); };
    const QString already = results->resultText(row(tagged));
    QVERIFY2(already.contains(tag), qPrintable(already));
    const QString done = results->resultText(row(picked.at(1)));
    if (desk == Language::Chinese) {
        for (const QString &text : { already, done, results->summaryText() }) {
            QVERIFY2(text.contains(QRegularExpression(QStringLiteral("\\p{Han}"))),
                     qPrintable(text));
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("[A-Za-z]{4,}"))),
                     qPrintable(text));
        }
    } else {
        QCOMPARE(done, QStringLiteral("Done"));
        QVERIFY2(already.startsWith(QStringLiteral("Nothing to change")), qPrintable(already));
    }
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        window.grab().save(QStringLiteral("%1/bulk-tag-window-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(desk)));
        results->grab().save(QStringLiteral("%1/bulk-tag-results-%2.png")
                                 .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                      languageCode(desk)));
    }
    results->close();

    // Remove tag…: off every ticket, once each; one the desk has untagged meanwhile is
    // already so. The four are still selected once their tagged rows came back from the
    // server (the queue's reset kept only the current row: about half the runs lost it).
    QTRY_COMPARE(window.queueModel()->rowCount(), 4);
    QTRY_COMPARE(window.queueView()->selectedCount(), 4);
    QVERIFY(bar->isVisible());
    QTest::mouseClick(bar->untagButton(), Qt::LeftButton);
    dialog = bar->tagDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->mode(), BulkTagDialog::Mode::Remove);
    dialog->tagLine()->insert(typed); // as an input method commits it (keyClicks is ASCII)
    dialog->tagLine()->completer()->popup()->hide();
    QTest::keyClick(dialog->tagLine(), Qt::Key_Return);
    QTRY_VERIFY(bar->results() && bar->results() != results);
    run = bar->results()->run();
    QCOMPARE(run->action().kind, BulkAction::Kind::RemoveTag);
    QTRY_VERIFY_WITH_TIMEOUT(run->isFinished(), 30000);
    QCOMPARE(run->count(BulkRun::State::Done), 4);
    after = m_server.state(lead);
    for (const QString &id : picked) {
        QVERIFY(!after.tickets.value(id).tags.contains(tag));
        QCOMPARE(events(after, id, QStringLiteral("tag-removed"), tag), 1);
    }
    QCOMPARE(session.cache()->pendingCount(), 0);
}

QString TestBulkDemo::openAllOpen(DemoDesk *desk, const QString &cache)
{
    const QString error = desk->start(m_server, QStringLiteral("a-wangfang"), Language::English,
                                      m_dir.filePath(cache));
    if (!error.isEmpty())
        return error;
    desk->window->queueList()->setCurrentRow(QueueModel::AllOpen);
    QueueModel *model = desk->window->queueModel();
    if (!QTest::qWaitFor([model] { return model->rowCount() >= 40; }, 20000))
        return QStringLiteral("All open shows %1 rows").arg(model->rowCount());
    return {};
}

// The ids a bulk action starts from are read from the selection's row ranges (selectedRows()
// made an index per selected row: 124 ms for Select all over 150,000 rows). The same tickets
// in the same order as selectedRows() gives: overlapping Shift and Ctrl ranges once each, a
// single cell's range (not a whole row) left out, and after a re-sort the rows now selected.
void TestBulkDemo::selectedIdsAreTheSelectedRows()
{
    DemoDesk desk;
    const QString error = openAllOpen(&desk, QStringLiteral("ids.sqlite"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MainWindow &window = *desk.window;
    QueueModel *model = window.queueModel();
    QueueView *view = window.queueView();
    QItemSelectionModel *selection = view->selectionModel();
    const int last = model->columnCount() - 1;
    const auto rowsOf = [&](int top, int bottom) {
        return QItemSelection(model->index(top, 0), model->index(bottom, last));
    };
    const auto expected = [&] {
        QModelIndexList rows = selection->selectedRows();
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
            return a.row() < b.row();
        });
        QStringList ids;
        for (const QModelIndex &index : std::as_const(rows))
            ids.append(model->ticketId(index.row()));
        return ids;
    };
    QVERIFY(view->selectedTicketIds().isEmpty());
    selection->select(rowsOf(20, 29), QItemSelectionModel::ClearAndSelect);
    selection->select(rowsOf(5, 9), QItemSelectionModel::Select);
    selection->select(rowsOf(7, 22), QItemSelectionModel::Select); // overlaps both
    selection->select(rowsOf(35, 35), QItemSelectionModel::Select);
    selection->select(rowsOf(36, 37), QItemSelectionModel::Select);
    selection->select(rowsOf(8, 8), QItemSelectionModel::Deselect); // Ctrl-click off
    // One cell of a row, not the row.
    selection->select(QItemSelection(model->index(39, 2), model->index(39, 2)),
                      QItemSelectionModel::Select);
    QStringList ids = view->selectedTicketIds();
    QCOMPARE(ids.size(), 25 + 3 - 1); // rows 5-29 and 35-37 but 8
    QCOMPARE(ids, expected());
    QCOMPARE(ids.first(), model->ticketId(5));
    QVERIFY(!ids.contains(model->ticketId(8)));
    QVERIFY(!ids.contains(model->ticketId(39)));
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    // Sorted by subject: the selection follows its tickets to their new rows.
    const QSet<QString> before(ids.cbegin(), ids.cend());
    view->sortByColumn(QueueModel::SubjectColumn, Qt::AscendingOrder);
    ids = view->selectedTicketIds();
    QCOMPARE(ids, expected());
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), before);
    view->selectAll();
    QCOMPARE(view->selectedTicketIds().size(), model->rowCount());
    QCOMPARE(view->selectedTicketIds(), expected());
    // An action takes the rows (no string per ticket at the start: 39.5 ms for 150,000, in
    // one buffer still 21 ms); the run reads each ticket's id as it plans the ticket, the
    // same ids in the same order, also after the queue's rows were replaced (a reload) and
    // re-sorted meanwhile.
    const QStringList all = expected();
    QCOMPARE(view->selectedTicketIdList().toStrings(), all);
    BulkAction action;
    action.kind = BulkAction::Kind::SetStatus;
    action.status = TicketStatus::Accepted;
    BulkRun run(desk.session.get(), view->selectedTickets(), action);
    QCOMPARE(run.size(), all.size());
    QVERIFY(run.items().isEmpty()); // none planned yet
    QCOMPARE(run.item(0).state, BulkRun::State::Waiting);
    QCOMPARE(run.count(BulkRun::State::Waiting), all.size());
    QCOMPARE(run.ticketId(0), all.first());
    view->sortByColumn(QueueModel::CustomerColumn, Qt::DescendingOrder);
    model->reload();
    model->setQueue(QueueModel::Unassigned);
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(run.ticketId(i), all.at(i));
    desk.session->stop();
}

// The flake of tagsReachTheServerOnce: the desk answers `idle` before the queue merged the
// first sync's 600-odd tickets (gathered for 50 ms, read on the change reader's thread), so
// the merge, past the row-by-row limit and so one reset, could land after the four rows were
// selected, and the reset kept only the current row. Here on the real desk: rows selected
// apart, then a burst of every ticket read and merged as a sync's is.
void TestBulkDemo::selectionSurvivesAMergePastTheRowByRowLimit()
{
    DemoDesk desk;
    const QString error = openAllOpen(&desk, QStringLiteral("burst.sqlite"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MainWindow &window = *desk.window;
    QueueModel *model = window.queueModel();
    QTRY_VERIFY(!model->isReadingChanges());
    QueueView *view = window.queueView();
    view->setFocus();
    // Ctrl-click three rows apart; the last one clicked is current.
    QStringList picked;
    for (const int row : { 2, 9, 17 }) {
        picked.append(model->ticketId(row));
        view->scrollTo(model->index(row, 0));
        const QRect cell = view->visualRect(model->index(row, QueueModel::SubjectColumn));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, cell.center());
    }
    QCOMPARE(view->selectedCount(), 3);
    QVERIFY(window.bulkBar()->isVisible());
    const QString current = view->currentTicketId();
    QCOMPARE(current, picked.last());

    QStringList burst;
    for (const Ticket &t : m_server.state(m_server.token(QStringLiteral("a-wangfang"))).tickets)
        burst.append(t.id);
    QVERIFY(burst.size() > 500);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    model->noteTicketsChanged(burst);
    QVERIFY(resets.wait(20000));
    QStringList selected = view->selectedTicketIds();
    selected.sort();
    picked.sort();
    QCOMPARE(selected, picked);
    QCOMPARE(view->currentTicketId(), current);
    QVERIFY(window.bulkBar()->isVisible());
    desk.session->stop();
}

// The bar appearing with the second selected row moves no row: a Ctrl+click on the next row,
// where the pointer already is, lands on that row (the bar over the queue pushed every row down
// ~29 px, so it landed on the ticket above). And none moves when the bar goes again.
void TestBulkDemo::rowsStayPutWhenTheBarShows()
{
    DemoDesk desk;
    const QString error = openAllOpen(&desk, QStringLiteral("stayput.sqlite"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MainWindow &window = *desk.window;
    QueueModel *model = window.queueModel();
    QTRY_VERIFY(!model->isReadingChanges());
    QueueView *view = window.queueView();
    BulkBar *bar = window.bulkBar();
    view->setFocus();
    view->scrollToTop();
    const auto cellOf = [&](int row) {
        return view->visualRect(model->index(row, QueueModel::SubjectColumn));
    };
    const auto screenY = [&](int row) {
        return view->viewport()->mapToGlobal(cellOf(row).topLeft()).y();
    };
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cellOf(3).center());
    QCOMPARE(view->selectedCount(), 1);
    QVERIFY(!bar->isVisible());
    const int yOf4 = screenY(4), yOf5 = screenY(5);
    const QPoint at5 = cellOf(5).center();
    const int heightBefore = view->height();

    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, cellOf(4).center());
    QVERIFY(bar->isVisible());
    QTRY_VERIFY(view->height() != heightBefore); // the bar has its place
    QCOMPARE(screenY(4), yOf4);
    QCOMPARE(screenY(5), yOf5);
    // The next Ctrl+click where row 5 was.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, at5);
    QStringList selected = view->selectedTicketIds();
    selected.sort();
    QStringList expected { model->ticketId(3), model->ticketId(4), model->ticketId(5) };
    expected.sort();
    QCOMPARE(selected, expected);

    // Back to one row: the bar goes, the rows stay.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cellOf(4).center());
    QVERIFY(!bar->isVisible());
    QTRY_COMPARE(view->height(), heightBefore);
    QCOMPARE(screenY(4), yOf4);
    desk.session->stop();
}

QTEST_MAIN(TestBulkDemo)
#include "tst_bulk_demo.moc"
