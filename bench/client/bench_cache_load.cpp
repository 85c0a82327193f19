// Cold load of the queue's rows from a cache holding N tickets (default 100 000), each load in
// a fresh process as at start-up. Usage: bench_cache_load [N]; prints the median of 5 loads.
#include "ticketcache.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace SupportDesk;

// The child: open the cache and load every row, print the milliseconds.
static int loadOnce(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    TicketCache cache(QStringLiteral("load"));
    if (cache.open(path) != TicketCache::OpenStatus::Ok)
        return 1;
    const qint64 opened = timer.nsecsElapsed();
    const auto rows = cache.loadTicketRows();
    std::printf("%d %.2f %.2f\n", int(rows.rows.size()), timer.nsecsElapsed() / 1e6, opened / 1e6);
    return 0;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc > 2 && qstrcmp(argv[1], "--load") == 0)
        return loadOnce(QString::fromLocal8Bit(argv[2]));
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    {
        TicketCache cache(QStringLiteral("fill"));
        if (cache.open(path) != TicketCache::OpenStatus::Ok) {
            std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
            return 1;
        }
        const QDateTime base(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        const QStringList severities{QStringLiteral("business-down"),
                                     QStringLiteral("business-degraded"),
                                     QStringLiteral("consultation")};
        QVector<Ticket> page;
        qint64 writeNs = 0;
        for (int i = 0; i < n; ++i) {
            Ticket t;
            t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            t.number = i + 1;
            t.customerId = QStringLiteral("c%1").arg(i % 500);
            t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(i);
            t.body = QStringLiteral("Since this morning the connection times out.");
            t.channel = QStringLiteral("ticket");
            t.severity = severities.at(i % 3);
            t.planId = QStringLiteral("service-plan");
            t.editionId = QStringLiteral("s2-enterprise");
            t.createdAt = base.addSecs(i * 7);
            t.dueAt = t.createdAt.addSecs(1800);
            t.updatedAt = t.createdAt;
            t.version = 1;
            t.seq = i + 1;
            page.append(t);
            if (page.size() == 1000 || i == n - 1) {
                QElapsedTimer write;
                write.start();
                const bool ok = cache.applyChanges(page, {}, {}, {}, {}, i + 1, i == n - 1, nullptr);
                writeNs += write.nsecsElapsed();
                if (!ok) {
                    std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
                    return 1;
                }
                page.clear();
            }
        }
        QElapsedTimer checkpoint;
        checkpoint.start();
        cache.checkpoint();
        const double checkpointMs = checkpoint.nsecsElapsed() / 1e6;
        QElapsedTimer search;
        search.start();
        int slices = 0;
        while (cache.buildSearchIndex(1000) > 0)
            ++slices;
        std::printf("wrote %d tickets in pages of 1000: %.0f ms in applyChanges; then, on the "
                    "sync thread after the initial sync, %.0f ms to checkpoint the WAL and "
                    "%.0f ms to build the search index (%d slices)\n",
                    n, writeNs / 1e6, checkpointMs, search.nsecsElapsed() / 1e6, slices + 1);
        for (const QString &query : {QStringLiteral("instance 4217"), QStringLiteral("database"),
                                     QStringLiteral("42")}) {
            QElapsedTimer find;
            find.start();
            const int hits = int(cache.searchTickets(query).size());
            std::printf("search \"%s\": %d hits (limit 5000) in %.1f ms\n", qPrintable(query), hits,
                        find.nsecsElapsed() / 1e6);
        }
        // What the offline preview of a new ticket counts for a partner's monthly quota when
        // no session counter is set: one customer's tickets of a month, from every queue row
        // (docs/rules.md, "Taking a new ticket in"). Warm, in this process; CPU time.
        const std::clock_t cpu = std::clock();
        QElapsedTimer wall;
        wall.start();
        const std::optional<int> used = cache.ticketsInQuota(
                QStringLiteral("c7"), MonthWindow { base, base.addMonths(1) }, QString());
        std::printf("quota count of one customer of %d rows (new-ticket preview): %d tickets, "
                    "%.1f ms CPU (%.1f ms wall)\n",
                    n, used.value_or(-1), double(std::clock() - cpu) * 1000 / CLOCKS_PER_SEC,
                    wall.nsecsElapsed() / 1e6);
    }
    if (qEnvironmentVariableIsSet("BENCH_KEEP"))
        QFile::copy(path, QString::fromLocal8Bit(qgetenv("BENCH_KEEP")));
    QVector<double> times;
    for (int run = 0; run < 5; ++run) {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--load"), path});
        child.waitForFinished(60000);
        const QList<QByteArray> out = child.readAllStandardOutput().trimmed().split(' ');
        if (out.size() != 3 || out.at(0).toInt() != n) {
            std::fprintf(stderr, "load failed: %s\n", child.readAllStandardError().constData());
            return 1;
        }
        times.append(out.at(1).toDouble());
        std::printf("  run %d: %.1f ms (open %.1f ms)\n", run, times.last(), out.at(2).toDouble());
    }
    std::sort(times.begin(), times.end());
    std::printf("cold load of %d ticket rows (open + read), median of 5: %.1f ms "
                "(min %.1f, max %.1f); target <= 150 ms\n",
                n, times.at(2), times.first(), times.last());
    return 0;
}
