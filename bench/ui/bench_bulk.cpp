// A bulk action with the whole desk open (MainWindow + DeskController) on the real server on
// loopback: N tickets seeded (default 10 000), the first 500 rows of All open selected and
// assigned to the signed-in lead. Prints how long saving and the server's answers took, and
// the GUI thread's longest event and gap beside the 16 ms of a frame, the longest events and
// widget paints, the GUI thread's CPU per 100 ms tick while the action runs, the process's
// memory, and the machine's load average at the start and the end (docs/bulk.md).
// Usage: QT_QPA_PLATFORM=offscreen bench_bulk [N] [selected] [here] [views]
//        (selected 0: every row of All open; SUPPORTDESK_BENCH_SECONDS: the time allowed, 300;
//        SUPPORTDESK_BENCH_PROGRESS: the ops told as saved, to stderr as they grow)
//        At the end: every ticket got exactly one op on the server, or exit 2.
//        bench_bulk --outbox K: the cost of following K pending ops, without the desk: one read
//        of the outbox as the GUI thread made it every 100 ms before (every op's state, then
//        every item walked), and as the follower's thread makes it now (then only the answers
//        reach the GUI thread).
// `views`: five saved views with a search each are made before the action (two of them
// two-character Chinese words, a LIKE over every row); their recounts' GUI time is printed.
// `here`: the server's answers followed by reading the outbox on the GUI thread, as before the
// follower thread (docs/bulk.md, "Following the answers").
#include "bulk.h"
#include "bulkbar.h"
#include "benchserver.h"
#include "bulkresults.h"
#include "countdowndelegate.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "guievents.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "outboxvisit.h"
#include "queuemodel.h"
#include "queueview.h"
#include "realserver.h"
#include "savedview.h"
#include "savedviewlist.h"
#include "ticketcache.h"

#include <QApplication>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QElapsedTimer>
#include <QFile>
#include <QItemSelectionModel>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <memory>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

// The load average of the last minute (/proc/loadavg): the figures mean little without it on a
// shared machine.
static QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine()).section(u' ', 0, 0);
}

// This process's resident memory now and at its peak, in MB (/proc/self/status).
static std::pair<double, double> residentMb()
{
    QFile file(QStringLiteral("/proc/self/status"));
    double rss = 0, peak = 0;
    if (!file.open(QIODevice::ReadOnly))
        return { rss, peak };
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QList<QByteArray> words = line.simplified().split(' ');
        if (words.size() < 2)
            continue;
        if (words.at(0) == "VmRSS:")
            rss = words.at(1).toDouble() / 1024;
        else if (words.at(0) == "VmHWM:")
            peak = words.at(1).toDouble() / 1024;
    }
    return { rss, peak };
}

// K pending ops in a cache's outbox (one transaction; the rows as saveEdit() writes them, an
// assign each), then a read of their states as before and as now, thread CPU, median of 5.
// Every ticket's version on the server, by id (read-only, beside the running server).
static QHash<QString, qint64> serverVersions(const QString &db, qint64 *appliedOps = nullptr)
{
    QHash<QString, qint64> versions;
    const QString name = QStringLiteral("bench-server-read");
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        c.setDatabaseName(db);
        c.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        if (c.open()) {
            QSqlQuery q(c);
            q.setForwardOnly(true);
            if (q.exec(QStringLiteral("SELECT id, version FROM tickets"))) {
                while (q.next())
                    versions.insert(q.value(0).toString(), q.value(1).toLongLong());
            }
            if (appliedOps && q.exec(QStringLiteral("SELECT count(*) FROM applied_ops"))
                && q.next())
                *appliedOps = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return versions;
}

static int outboxFollow(int k)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    {
        TicketCache cache(QStringLiteral("bench-outbox"));
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            return 1;
        cache.close();
    }
    QStringList opIds;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("bench-fill"));
        db.setDatabaseName(path);
        if (!db.open())
            return 1;
        db.transaction();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO outbox (op_id, ticket_id, data, base_version) "
                                 "VALUES (?, ?, ?, 1)"));
        TicketEdit edit;
        edit.type = OpType::Assign;
        edit.assigneeId = QStringLiteral("a-wangfang");
        for (int i = 0; i < k; ++i) {
            const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const QString ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const Operation op = makeOperation(opId, ticketId, 1, edit,
                                               QDateTime::currentDateTimeUtc());
            q.addBindValue(opId);
            q.addBindValue(ticketId);
            q.addBindValue(QString::fromUtf8(
                    QJsonDocument(Json::toJson(op)).toJson(QJsonDocument::Compact)));
            if (!q.exec())
                return 1;
            opIds.append(opId);
        }
        db.commit();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-fill"));
    TicketCache cache(QStringLiteral("bench-read"));
    if (cache.open(path) != TicketCache::OpenStatus::Ok)
        return 1;
    // Before: every op's state, then every planned item's ops looked up (refreshFromOutbox()).
    QHash<QString, int> byOp;
    for (int i = 0; i < k; ++i)
        byOp.insert(opIds.at(i), i);
    QVector<double> before, now, oneRow, pushAll, pushHead;
    for (int round = 0; round < 5; ++round) {
        // A refusal's row by its op id (the macro manager and the saved views on rejected()).
        const double rowStart = Bench::threadCpuMs();
        const std::optional<OutboxRefusal> refusal
                = readOutboxRefusal(cache, opIds.at(round * (k / 5)));
        oneRow.append(Bench::threadCpuMs() - rowStart);
        if (refusal) // pending: no refusal
            return 1;
        // The sync engine's read for one POST /ops of 100: every entry decoded, before; the
        // first 100 now (SyncEngine::pushOutbox()).
        double pushStart = Bench::threadCpuMs();
        if (cache.outbox().size() != k)
            return 1;
        pushAll.append(Bench::threadCpuMs() - pushStart);
        pushStart = Bench::threadCpuMs();
        int visited = 0;
        visitOutbox(cache, [&visited](const OutboxEntry &) { return ++visited < 100; });
        pushHead.append(Bench::threadCpuMs() - pushStart);
        double start = Bench::threadCpuMs();
        const QHash<QString, OutboxEntry> states = cache.outboxStates();
        int pending = 0;
        for (const QString &opId : std::as_const(opIds)) {
            const auto it = states.constFind(opId);
            pending += it != states.cend() && it->state == OutboxEntry::State::Pending;
        }
        before.append(Bench::threadCpuMs() - start);
        // Now, on the follower's thread: the same read, the followed ops walked once.
        QStringList followed = opIds;
        start = Bench::threadCpuMs();
        const QVector<OutboxAnswer> answers = takeOutboxAnswers(&followed, readOutboxStates(cache));
        now.append(Bench::threadCpuMs() - start);
        if (pending != k || !answers.isEmpty())
            return 1;
    }
    std::sort(before.begin(), before.end());
    std::sort(now.begin(), now.end());
    std::sort(oneRow.begin(), oneRow.end());
    std::sort(pushAll.begin(), pushAll.end());
    std::sort(pushHead.begin(), pushHead.end());
    std::printf("following %d pending ops, one read of the outbox, thread CPU (median of 5, "
                "load %s):\n  before, on the GUI thread every 100 ms: %.1f ms\n  now, on the "
                "follower's thread: %.1f ms; on the GUI thread: only the ops answered since "
                "the last read\n  one op's row when it was refused (readOutboxRefusal(), "
                "the macro manager and the saved views; they read the whole outbox before): "
                "%.3f ms\n",
                k, qPrintable(loadAverage()), before.at(2), now.at(2), oneRow.at(2));
    std::printf("the sync engine's read for one POST /ops of 100, on its thread: every entry "
                "decoded (before) %.1f ms; the first 100 (now) %.2f ms\n",
                pushAll.at(2), pushHead.at(2));
    return 0;
}

int main(int argc, char *argv[])
{
    if (argc > 2 && qstrcmp(argv[1], "--outbox") == 0) {
        QCoreApplication core(argc, argv);
        return outboxFollow(QString::fromLocal8Bit(argv[2]).toInt());
    }
    Bench::ProfiledApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskBench"));
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    int selected = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 500;
    if (selected <= 0)
        selected = std::numeric_limits<int>::max();
    bool readHere = false, withViews = false;
    for (int i = 3; i < argc; ++i) {
        readHere |= qstrcmp(argv[i], "here") == 0;
        withViews |= qstrcmp(argv[i], "views") == 0;
    }
    const QString loadAtStart = loadAverage();
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("server.db"));
    const QString token = Bench::seedWithLead(db, n);
    RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
    if (!server.start(db)) {
        std::fprintf(stderr, "server did not start\n");
        return 1;
    }
    DeskSession session;
    if (session.open(SessionConfig::forServer(server.url(), token,
                                              dir.filePath(QStringLiteral("cache.sqlite"))))
        != TicketCache::OpenStatus::Ok)
        return 1;
    LanguageManager languages;
    MainWindow window(&session, &languages);
    DeskController desk(&session, &window, server.url());
    window.resize(1440, 900);
    window.show();
    // A queue paint's cost is told by its cells: how many were laid out (shaped, wrapped,
    // drawn into a new pixmap) and how many came from the delegate's cache.
    auto *delegate = qobject_cast<CountdownDelegate *>(window.queueView()->itemDelegate());
    qint64 laidOut = 0, fromCache = 0;
    app.setPaintNote([&](QObject *receiver, bool after) {
        if (!delegate || receiver != window.queueView()->viewport())
            return QString();
        if (!after) {
            laidOut = delegate->cellsLaidOut();
            fromCache = delegate->cellsFromCache();
            return QString();
        }
        return QStringLiteral(": %1 cells laid out, %2 from the cache")
            .arg(delegate->cellsLaidOut() - laidOut)
            .arg(delegate->cellsFromCache() - fromCache);
    });

    // Synced: select the rows and run the action, recording the GUI thread from there.
    QElapsedTimer clock;
    QVector<double> gaps;
    double last = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setObjectName(QStringLiteral("gap-probe"));
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const double now = clock.nsecsElapsed() / 1e6;
        gaps.append(now - last);
        last = now;
    });
    // The GUI thread's CPU per 100 ms tick: the thread's CPU clock at each tick; the events
    // recorded between two ticks (the probes' own aside) are that tick's.
    QVector<double> tickCpu;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setObjectName(QStringLiteral("tick-probe"));
    QObject::connect(&tick, &QTimer::timeout, [&] { tickCpu.append(Bench::threadCpuMs()); });
    BulkRun *run = nullptr;
    QHash<QString, qint64> versionsBefore;
    qint64 appliedBefore = 0;
    double savedAt = -1, finishedAt = -1;
    qsizetype savedTick = -1;
    bool started = false;
    QObject::connect(&session, &DeskSession::idle, [&] {
        if (started || session.cache()->ticketCount() < n || session.isLoading())
            return;
        started = true;
        if (withViews) {
            const QStringList searches = { QStringLiteral("ssh"), QStringLiteral("超时"),
                                           QStringLiteral("nginx"), QStringLiteral("实例"),
                                           QStringLiteral("database") };
            for (const QString &search : searches) {
                SavedView view;
                view.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                view.name = QStringLiteral("Bench %1").arg(search);
                view.queue = QStringLiteral("all-open");
                view.search = search;
                session.saveView(view);
            }
        }
        // A moment for the queue's coalesced update after the initial sync.
        QTimer::singleShot(2000, &app, [&] {
            window.queueList()->setCurrentRow(QueueModel::AllOpen);
            QueueModel *model = window.queueModel();
            const int rows = std::min(selected, model->rowCount());
            window.queueView()->selectionModel()->select(
                QItemSelection(model->index(0, 0),
                               model->index(rows - 1, model->columnCount() - 1)),
                QItemSelectionModel::ClearAndSelect);
            BulkAction action;
            action.kind = BulkAction::Kind::Assign;
            action.assigneeId = session.me()->id;
            versionsBefore = serverVersions(db, &appliedBefore);
            app.begin();
            clock.start();
            last = 0;
            probe.start(1);
            tickCpu = { Bench::threadCpuMs() };
            tick.start(100);
            run = window.bulkBar()->run(action);
            // The ops the desk has said saved (announced: committed), to stderr as they grow:
            // what a kill -9 mid-run must not lose (docs/bulk.md, "One transaction a batch").
            if (qEnvironmentVariableIsSet("SUPPORTDESK_BENCH_PROGRESS")) {
                auto told = std::make_shared<qint64>(0);
                QObject::connect(&session, &DeskSession::editSaved, [told] { ++*told; });
                // Once per announcement (its editSaved come first), and per server answer.
                QObject::connect(&session, &DeskSession::outboxChanged, [told] {
                    std::fprintf(stderr, "saved and told: %lld\n",
                                 static_cast<long long>(*told));
                    std::fflush(stderr);
                });
            }
            run->setOutboxReadHere(readHere);
            // Kept past the results dialog: quitting closes the windows and deletes the dialog
            // (WA_DeleteOnClose) with its run, and the figures below read it (a run stopped by
            // the time allowed crashed here: SIGSEGV in BulkRun::size()).
            run->setParent(nullptr);
            QObject::connect(run, &BulkRun::saved, [&] {
                savedAt = clock.nsecsElapsed() / 1e6;
                savedTick = tickCpu.size();
            });
            QObject::connect(run, &BulkRun::finished, [&] {
                finishedAt = clock.nsecsElapsed() / 1e6;
                QTimer::singleShot(1000, &app, &QCoreApplication::quit);
            });
        });
    });
    const int allowedSeconds = qEnvironmentVariableIntValue("SUPPORTDESK_BENCH_SECONDS");
    QTimer::singleShot((allowedSeconds > 0 ? allowedSeconds : 300) * 1000, &app,
                       &QCoreApplication::quit);
    desk.signIn(token);
    app.exec();
    probe.stop();
    tick.stop();
    QVector<Bench::GuiEvent> paints = app.takePaints();
    QVector<Bench::GuiEvent> events = app.end();
    if (!run) {
        std::fprintf(stderr, "the bulk action did not start\n");
        return 1;
    }
    // Unfinished after the time allowed (SUPPORTDESK_BENCH_SECONDS, default 300): the figures
    // of the run so far still say what the GUI thread went through.
    if (finishedAt < 0)
        std::printf("NOT FINISHED after the time allowed: %lld of %lld tickets planned, %d "
                    "pending\n",
                    static_cast<long long>(run->items().size()),
                    static_cast<long long>(run->size()), run->count(BulkRun::State::Pending));
    events.erase(std::remove_if(events.begin(), events.end(),
                                [](const Bench::GuiEvent &e) {
                                    return e.what.contains(QLatin1String("gap-probe"))
                                            || e.what.contains(QLatin1String("tick-probe"));
                                }),
                 events.end());
    // Each event's CPU to the tick it began in (the ticks' CPU clock is sorted).
    QVector<double> perTick(std::max<qsizetype>(0, tickCpu.size() - 1), 0.0);
    for (const Bench::GuiEvent &e : std::as_const(events)) {
        const auto at = std::upper_bound(tickCpu.cbegin(), tickCpu.cend(), e.cpuStartMs);
        const qsizetype i = at - tickCpu.cbegin() - 1;
        if (i >= 0 && i < perTick.size())
            perTick[i] += e.cpuMs;
    }
    const auto tickFigures = [](QVector<double> ticks) {
        if (ticks.isEmpty())
            return QStringLiteral("no ticks");
        std::sort(ticks.begin(), ticks.end());
        double sum = 0;
        for (const double t : std::as_const(ticks))
            sum += t;
        return QStringLiteral("median %1, p90 %2, most %3, mean %4 ms over %5 ticks")
                .arg(ticks.at(ticks.size() / 2), 0, 'f', 2)
                .arg(ticks.at(qsizetype(ticks.size() * 0.9)), 0, 'f', 2)
                .arg(ticks.last(), 0, 'f', 2)
                .arg(sum / double(ticks.size()), 0, 'f', 2)
                .arg(ticks.size());
    };
    const qsizetype savingTicks = savedTick > 0 ? std::min(savedTick - 1, perTick.size())
                                                : perTick.size();
    std::sort(events.begin(), events.end(),
              [](const Bench::GuiEvent &a, const Bench::GuiEvent &b) { return a.cpuMs > b.cpuMs; });
    std::sort(gaps.begin(), gaps.end());
    const auto over = std::count_if(events.cbegin(), events.cend(),
                                    [](const Bench::GuiEvent &e) { return e.cpuMs > 16; });
    std::printf("bulk assign of %lld tickets (of %d) with the desk open: all saved to the outbox "
                "after %.0f ms, every answer in after %.0f ms; done %d, already so %d, "
                "refused %d, conflict %d\n",
                static_cast<long long>(run->items().size()), n, savedAt, finishedAt,
                run->count(BulkRun::State::Done), run->count(BulkRun::State::Unchanged),
                run->count(BulkRun::State::Refused) + run->count(BulkRun::State::Rejected),
                run->count(BulkRun::State::Conflict));
    std::printf("the outbox read for the server's answers %llu times off the GUI thread, %llu "
                "times on it; the longest read %.1f ms of thread CPU (%s), %lld ops followed "
                "then\n",
                static_cast<unsigned long long>(run->outboxReadsBehind()),
                static_cast<unsigned long long>(run->outboxReadsHere()),
                run->longestOutboxReadMs(),
                run->outboxReadsHere() > 0 ? "on the GUI thread" : "on the follower's thread",
                static_cast<long long>(run->followedAtLongestRead()));
    std::printf("GUI thread: longest event %.1f ms CPU / %.1f ms wall (target: 16 ms), %lld "
                "events over 16 ms of CPU; longest gap between 1 ms ticks %.1f ms, p99 %.1f "
                "ms\n",
                events.isEmpty() ? 0.0 : events.first().cpuMs,
                events.isEmpty() ? 0.0 : events.first().wallMs, static_cast<long long>(over),
                gaps.isEmpty() ? 0.0 : gaps.last(),
                gaps.isEmpty() ? 0.0 : gaps.at(qsizetype(gaps.size() * 0.99)));
    double runCpu = 0, runLongest = 0;
    for (const Bench::GuiEvent &e : std::as_const(events)) {
        if (e.what.contains(QLatin1String("BulkRun"))
            || e.what.contains(QLatin1String("BulkReader"))
            || e.what.contains(QLatin1String("BulkWriter"))) {
            runCpu += e.cpuMs;
            runLongest = std::max(runLongest, e.cpuMs);
        }
    }
    std::printf("the run's own GUI events (planning slices, the writer's and reader's answers): "
                "%.1f ms CPU in all, longest %.2f ms; tickets read for planning on the GUI "
                "thread %lld, on the reader's %lld\n",
                runCpu, runLongest, static_cast<long long>(run->ticketsReadHere()),
                static_cast<long long>(run->ticketsReadBehind()));
    if (withViews) {
        // The saved views' counts and searches: their timers and the searches' answers.
        double viewsCpu = 0, viewsLongest = 0;
        int viewsEvents = 0, viewsOver = 0;
        for (const Bench::GuiEvent &e : std::as_const(events)) {
            if (!e.what.contains(QLatin1String("savedViews"))
                && !e.what.contains(QLatin1String("SavedViewList")))
                continue;
            viewsCpu += e.cpuMs;
            viewsLongest = std::max(viewsLongest, e.cpuMs);
            ++viewsEvents;
            viewsOver += e.cpuMs > 16;
        }
        QStringList counts;
        for (const SavedView &v : window.savedViewList()->views())
            counts.append(QStringLiteral("%1 %2").arg(v.search).arg(
                    window.savedViewList()->countOf(v.id)));
        std::printf("5 saved views with a search (%s): their events on the GUI thread %.1f ms "
                    "CPU in all, %d events, longest %.2f ms, %d over 16 ms\n",
                    qPrintable(counts.join(QStringLiteral(", "))), viewsCpu, viewsEvents,
                    viewsLongest, viewsOver);
    }
    std::printf("GUI thread CPU per 100 ms tick while the tickets were planned and saved: %s\n",
                qPrintable(tickFigures(perTick.mid(0, savingTicks))));
    std::printf("GUI thread CPU per 100 ms tick after that, while the answers came in: %s\n",
                qPrintable(tickFigures(perTick.mid(savingTicks))));
    const auto [rss, peakRss] = residentMb();
    std::printf("memory of the desk's process: resident %.0f MB at the end, peak %.0f MB\n", rss,
                peakRss);
    std::printf("load average (1 min): %s at the start, %s at the end\n", qPrintable(loadAtStart),
                qPrintable(loadAverage()));
    std::printf("the longest five events (CPU / wall):\n");
    for (int i = 0; i < std::min<int>(5, int(events.size())); ++i)
        std::printf("  %6.1f / %6.1f ms  %s\n", events.at(i).cpuMs, events.at(i).wallMs,
                    qPrintable(events.at(i).what));
    Bench::printKinds(Bench::summarize(events));
    // Exactly once at scale: each ticket done moved by one version on the server, each
    // already so not at all, and the server applied as many ops as the run saved.
    qint64 appliedAfter = 0;
    const QHash<QString, qint64> versionsAfter = serverVersions(db, &appliedAfter);
    qint64 movedOnce = 0, untouched = 0, wrong = 0, opsSent = 0;
    for (const BulkRun::Item &item : run->items()) {
        opsSent += item.opIds.size();
        const qint64 moved = versionsAfter.value(item.ticketId, -1)
                - versionsBefore.value(item.ticketId, -1);
        if (item.state == BulkRun::State::Done && moved == 1)
            ++movedOnce;
        else if (item.state == BulkRun::State::Unchanged && moved == 0)
            ++untouched;
        else if (finishedAt >= 0 || item.state == BulkRun::State::Done)
            ++wrong;
    }
    std::printf("exactly once on the server: %lld tickets moved by one version, %lld already "
                "so untouched, %lld otherwise; %lld ops applied by the server during the run, "
                "%lld saved by the run; the action announced to the views %d times\n",
                static_cast<long long>(movedOnce), static_cast<long long>(untouched),
                static_cast<long long>(wrong),
                static_cast<long long>(appliedAfter - appliedBefore),
                static_cast<long long>(opsSent), run->announcements());
    if (wrong > 0 || (finishedAt >= 0 && appliedAfter - appliedBefore != opsSent)) {
        std::fprintf(stderr, "FAILED: not every ticket got exactly one op on the server\n");
        return 2;
    }
    // Which widgets' paints the long UpdateRequests and Exposes spent their time in.
    std::sort(paints.begin(), paints.end(),
              [](const Bench::GuiEvent &a, const Bench::GuiEvent &b) { return a.cpuMs > b.cpuMs; });
    std::printf("the longest five paints inside them (CPU):\n");
    for (int i = 0; i < std::min<int>(5, int(paints.size())); ++i)
        std::printf("  %6.1f ms  %s\n", paints.at(i).cpuMs, qPrintable(paints.at(i).what));
    // A screen of changed rows, alone: every visible cell laid out afresh (the kept pixmaps
    // forgotten), as when all visible rows are selected or change at once; thread CPU per
    // paint, median and most of 15, beside a paint from the cache.
    const auto paintCpu = [&](bool fresh) {
        QVector<double> cpu;
        for (int i = 0; i < 15; ++i) {
            if (fresh && delegate)
                delegate->clearCache();
            const double start = Bench::threadCpuMs();
            window.queueView()->viewport()->grab();
            cpu.append(Bench::threadCpuMs() - start);
        }
        std::sort(cpu.begin(), cpu.end());
        return std::make_pair(cpu.at(cpu.size() / 2), cpu.last());
    };
    const qint64 laidBefore = delegate ? delegate->cellsLaidOut() : 0;
    const qint64 onceBefore = delegate ? delegate->textsLaidOutOnce() : 0;
    const auto [changed, changedMost] = paintCpu(true);
    const qint64 cells = delegate ? (delegate->cellsLaidOut() - laidBefore) / 15 : 0;
    const qint64 once = delegate ? (delegate->textsLaidOutOnce() - onceBefore) / 15 : 0;
    const auto [kept, keptMost] = paintCpu(false);
    std::printf("a screen of changed rows (%lld cells laid out, %lld texts laid out once by the "
                "delegate): %.2f ms CPU median, %.2f most; from the cache: %.2f / %.2f ms "
                "(load %s)\n",
                static_cast<long long>(cells), static_cast<long long>(once), changed,
                changedMost, kept, keptMost, qPrintable(loadAverage()));
    delete run; // its threads first
    session.stop();
    return 0;
}
