// End-to-end sync figures against the real server on loopback:
//  1. initial sync: a fresh client (DeskSession: the sync thread, HttpTransport, the cache
//     file) pulls a server holding N generated tickets (default 100 000) — from start() until
//     the whole feed is in the cache, then until the search index has caught up;
//  2. propagation: another client changes a ticket (POST /ops); how long until the change is
//     in this client's cache (its ticketsChanged signal), over R rounds (default 50).
// Beside the initial sync it prints the floor for the same pages on this machine: the pages
// fetched again, then parsed by Qt's JSON parser (what the client used) and by simdjson (the
// fastest parser Debian packages, which the client uses now), and their ticket records inserted
// into a fresh SQLite file through the C API, one transaction per page, nothing else.
// Usage: bench_sync [N] [R]
#include "desksession.h"
#include "realserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <cstdio>

#include "syncfloor.h"

#include <sys/resource.h>
#include <unistd.h>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

namespace {

QString admin(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SUPPORTDESK_SERVER), args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0) {
        std::fprintf(stderr, "supportdesk-server %s failed: %s\n", qPrintable(args.join(u' ')),
                     p.readAllStandardError().constData());
        std::exit(1);
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Runs the event loop (sleeping between events, not spinning) until done() or the timeout.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(1);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

// CPU time in ms: this process, and another one by pid (from /proc).
double selfCpuMs()
{
    rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3
            + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double processCpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) * 1e3
            / double(sysconf(_SC_CLK_TCK));
}

// The file `file` of /proc/self/task/<tid>/ of each of this process's threads named `name`,
// by thread id.
QHash<QString, QByteArray> threadFiles(const QByteArray &name, const QString &file)
{
    QHash<QString, QByteArray> files;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name)
            continue;
        QFile f(tasks.filePath(tid + u'/' + file));
        if (f.open(QIODevice::ReadOnly))
            files.insert(tid, f.readAll());
    }
    return files;
}

// CPU time in ms of this process's threads named `name` (the session's worker is "sync", the
// search index's writer during the initial sync "search"). With `seen`, threads that ended
// since an earlier call still count: each thread's last reading is kept there (the search
// writer fills the index on one thread and finishes it on another).
double threadCpuMs(const QByteArray &name, QHash<QString, double> *seen = nullptr)
{
    QHash<QString, double> now;
    QHash<QString, double> &readings = seen ? *seen : now;
    const QHash<QString, QByteArray> stats = threadFiles(name, QStringLiteral("stat"));
    for (auto it = stats.cbegin(); it != stats.cend(); ++it) {
        const QByteArray &stat = it.value();
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        readings[it.key()] = (fields.value(11).toDouble() + fields.value(12).toDouble()) * 1e3
                / double(sysconf(_SC_CLK_TCK));
    }
    double total = 0;
    for (const double ms : std::as_const(readings))
        total += ms;
    return total;
}

// The time in ms this process's threads named `name` waited to run while they could have
// (the run queue: other threads of this machine on the cores), from /proc's schedstat.
double threadRunQueueMs(const QByteArray &name)
{
    double total = 0;
    for (const QByteArray &schedstat : threadFiles(name, QStringLiteral("schedstat")))
        total += schedstat.split(' ').value(1).toDouble() / 1e6;
    return total;
}

double percentile(QVector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * (v.size() - 1) + 0.5)));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    const int rounds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 50;
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("server.db"));

    std::printf("seeding %d tickets…\n", n);
    std::fflush(stdout);
    admin({QStringLiteral("--db"), db, QStringLiteral("seed"), QStringLiteral("bulk"),
           QString::number(n)});
    const auto token = [&](const QString &name) {
        const QString out = admin({QStringLiteral("--db"), db, QStringLiteral("agent"),
                                   QStringLiteral("add"), QStringLiteral("--name"), name,
                                   QStringLiteral("--role"), QStringLiteral("lead")});
        return QRegularExpression(QStringLiteral("token: (\\S+)")).match(out).captured(1);
    };
    const QString readerToken = token(QStringLiteral("Bench reader"));
    const QString writerToken = token(QStringLiteral("Bench writer"));

    RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
    if (!server.start(db)) {
        std::fprintf(stderr, "server did not start:\n%s\n", server.log().constData());
        return 1;
    }

    // 1. Initial sync.
    DeskSession session;
    SessionConfig config = SessionConfig::forServer(server.url(), readerToken,
                                                    dir.filePath(QStringLiteral("cache.sqlite")));
    if (qEnvironmentVariableIsSet("BENCH_PAGE_SIZE"))
        config.options.pageSize = qEnvironmentVariableIntValue("BENCH_PAGE_SIZE");
    // BENCH_SEARCH_INLINE=1: the search entries written by the sync thread in each page's
    // transaction, as before the search writer's thread (a comparison in the same conditions).
    config.options.searchWriterThread = !qEnvironmentVariableIsSet("BENCH_SEARCH_INLINE");
    std::printf("feed pages of %d tickets, search entries written %s\n",
                config.options.pageSize,
                config.options.searchWriterThread ? "by the search writer's thread"
                                                  : "in each page's transaction");
    if (session.open(config) != TicketCache::OpenStatus::Ok) {
        std::fprintf(stderr, "%s\n", qPrintable(session.errorString()));
        return 1;
    }
    bool synced = false;
    bool indexed = false;
    QObject::connect(&session, &DeskSession::idle, [&] { synced = true; });
    QObject::connect(&session, &DeskSession::searchIndexReady, [&] { indexed = true; });
    QElapsedTimer timer;
    const double clientCpu0 = selfCpuMs();
    const double serverCpu0 = processCpuMs(server.pid());
    timer.start();
    session.start();
    if (!waitFor([&] { return synced; }, 120000)) {
        std::fprintf(stderr, "initial sync did not finish\n");
        return 1;
    }
    const double syncMs = timer.nsecsElapsed() / 1e6;
    const double clientCpu = selfCpuMs() - clientCpu0;
    const double serverCpu = processCpuMs(server.pid()) - serverCpu0;
    const double syncThreadCpu = threadCpuMs("sync");
    const double syncThreadRunQueue = threadRunQueueMs("sync");
    const QString cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    const qint64 cacheBytes = QFileInfo(cachePath).size();
    const qint64 walBytes = QFileInfo(cachePath + QStringLiteral("-wal")).size();
    const int cached = session.cache()->ticketCount();
    // The search writer's threads end once the index is written (and its file checkpointed):
    // their CPU time is read while they run, each one's last reading kept.
    QHash<QString, double> searchThreads;
    const double searchThreadCpuCached = threadCpuMs("search", &searchThreads);
    double searchThreadCpu = searchThreadCpuCached;
    waitFor([&] {
        searchThreadCpu = threadCpuMs("search", &searchThreads);
        return indexed;
    }, 120000);
    const double indexMs = timer.nsecsElapsed() / 1e6;
    const double clientCpuIndexed = selfCpuMs() - clientCpu0;
    const double syncThreadCpuIndexed = threadCpuMs("sync");
    std::printf("initial sync of %d tickets: %.0f ms to the whole feed in the cache "
                "(target 2000), %.0f ms with the search index (target 3000)\n",
                cached, syncMs, indexMs);
    std::printf("  CPU time until the feed was cached: client %.0f ms (its sync thread %.0f ms), "
                "server %.0f ms (the machine's load average during the run: see uptime)\n",
                clientCpu, syncThreadCpu, serverCpu);
    // What the sync thread, the critical path of "cached", did with the wall time: ran, waited
    // for a core, or slept (for the server's pages, or for room in the search writer's queue).
    std::printf("  the sync thread until cached: %.0f ms running, %.0f ms waiting for a core, "
                "%.0f ms asleep (the server's pages, the search writer's queue)\n",
                syncThreadCpu, syncThreadRunQueue,
                std::max(0.0, syncMs - syncThreadCpu - syncThreadRunQueue));
    std::printf("  CPU time until searchable: client %.0f ms (its sync thread %.0f ms, the "
                "search writer's threads %.0f ms, %.0f ms of it before the feed was cached)\n",
                clientCpuIndexed, syncThreadCpuIndexed, searchThreadCpu, searchThreadCpuCached);
    std::printf("  cache file %.1f MB, its WAL %.1f MB\n", cacheBytes / 1e6, walBytes / 1e6);
    if (cached < n) {
        std::fprintf(stderr, "only %d of %d tickets cached\n", cached, n);
        return 1;
    }
    // BENCH_NO_FLOOR=1: no floor (a run under callgrind, where it takes minutes).
    if (!qEnvironmentVariableIsSet("BENCH_NO_FLOOR"))
        Bench::printSyncFloor(server, readerToken, config.options.pageSize,
                   dir.filePath(QStringLiteral("floor.sqlite")), syncMs, indexMs);

    // 2. Propagation: the writer adds a note to a ticket; the reader's cache gets it.
    const RealServer::Reply page = server.request(
            "GET", QStringLiteral("/changes?after=0&limit=200"), writerToken);
    QStringList ids;
    for (const QJsonValue &v : page.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("kind")).toString() == u"ticket")
            ids.append(c.value(QStringLiteral("data")).toObject().value(QStringLiteral("id")).toString());
    }
    QString waitingFor;
    double landedAt = 0;
    QObject::connect(&session, &DeskSession::ticketsChanged, [&](const QStringList &changed) {
        if (!waitingFor.isEmpty() && changed.contains(waitingFor)) {
            landedAt = timer.nsecsElapsed() / 1e6;
            waitingFor.clear();
        }
    });
    QVector<double> sendToCache, replyToCache;
    for (int i = 0; i < rounds && !ids.isEmpty(); ++i) {
        const QString id = ids.at(i % ids.size());
        const qint64 version = session.cache()->ticket(id).value_or(Ticket()).version;
        waitingFor = id;
        landedAt = 0;
        const double sent = timer.nsecsElapsed() / 1e6;
        const QJsonObject result = server.postOp(
                writerToken,
                {{QStringLiteral("op_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                 {QStringLiteral("type"), QStringLiteral("note")},
                 {QStringLiteral("ticket_id"), id},
                 {QStringLiteral("base_version"), version},
                 {QStringLiteral("payload"),
                  QJsonObject{{QStringLiteral("message_id"),
                               QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("body"), QStringLiteral("round %1").arg(i)}}}});
        const double replied = timer.nsecsElapsed() / 1e6;
        if (result.value(QStringLiteral("result")).toString() != u"applied") {
            std::fprintf(stderr, "round %d: %s\n", i,
                         QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
            continue;
        }
        if (!waitFor([&] { return landedAt > 0; }, 5000)) {
            std::fprintf(stderr, "round %d: the change did not arrive\n", i);
            continue;
        }
        sendToCache.append(landedAt - sent);
        replyToCache.append(std::max(0.0, landedAt - replied));
        waitFor([] { return false; }, 20); // let the pull finish before the next round
    }
    if (sendToCache.isEmpty())
        return 1;
    std::printf("propagation over %d rounds (target 250 ms after the commit):\n"
                "  from the writer's POST to the reader's cache: median %.1f ms, p95 %.1f ms, "
                "max %.1f ms\n"
                "  from the writer's reply (commit done) to the reader's cache: median %.1f ms, "
                "p95 %.1f ms, max %.1f ms\n",
                int(sendToCache.size()), percentile(sendToCache, 0.5),
                percentile(sendToCache, 0.95), *std::max_element(sendToCache.begin(),
                                                                 sendToCache.end()),
                percentile(replyToCache, 0.5), percentile(replyToCache, 0.95),
                *std::max_element(replyToCache.begin(), replyToCache.end()));
    session.stop();
    return 0;
}
