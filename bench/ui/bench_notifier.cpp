// The notifier over a cache of N tickets (default 100 000, all open and unanswered: the worst
// case): the first read, a feed page of 1000 changed tickets, a timer wake with nothing due,
// and an hour of wakes minute by minute.
// Usage: bench_notifier [N]; prints the median of 9 runs where it repeats.
#include "notifier.h"
#include "ticketcache.h"
#include "ticketindex.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace SupportDesk;

static long statusKb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

static double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QStringList errors;
    const auto catalogs = CatalogSet::loadBuiltIn(&errors);
    if (!catalogs)
        return 1;
    QTemporaryDir dir;
    TicketCache cache(QStringLiteral("bench"));
    if (cache.open(dir.filePath(QStringLiteral("bench.sqlite"))) != TicketCache::OpenStatus::Ok)
        return 1;

    // Tickets created over the last 16 hours, all open; 40 agents (a0 is "me"), a quarter
    // unassigned; a seventh of them business-down.
    const QDateTime now(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
    struct Kind
    {
        const char *plan, *edition, *severity;
        int minutes;
    };
    const Kind kinds[] = {
        { "service-plan", "s1-flagship", "business-down", 15 },
        { "service-plan", "s2-enterprise", "business-degraded", 30 },
        { "service-plan", "s3-commercial", "consultation", 120 },
        { "service-plan", "s4-basic", "consultation", 120 },
        { "partner-plan", "standard", "business-down", 15 },
        { "partner-plan", "commercial", "production-abnormal", 30 },
        { "partner-plan", "enterprise", "consultation", 960 },
    };
    QVector<Ticket> page;
    QStringList pageIds;
    const qint64 span = 16LL * 3600;
    for (int i = 0; i < n; ++i) {
        const Kind &k = kinds[i % 7];
        Ticket t;
        t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        t.number = i + 1;
        t.customerId = QStringLiteral("c%1").arg(i % 500);
        t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(i);
        t.channel = QStringLiteral("ticket");
        t.planId = QString::fromLatin1(k.plan);
        t.editionId = QString::fromLatin1(k.edition);
        t.severity = QString::fromLatin1(k.severity);
        t.createdAt = now.addSecs(-span + span * i / n + 3600);
        t.dueAt = t.createdAt.addSecs(k.minutes * 60);
        if (i % 4)
            t.assigneeId = QStringLiteral("a%1").arg(i / 4 % 40);
        t.updatedAt = t.createdAt;
        t.version = 1;
        if (i >= n - 1000)
            pageIds.append(t.id);
        page.append(t);
        if (page.size() == 1000 || i == n - 1) {
            if (!cache.applyChanges(page, {}, {}, {}, {}, i + 1, i == n - 1, nullptr))
                return 1;
            page.clear();
        }
    }
    cache.checkpoint();

    ManualClock clock(now);
    const long rssBefore = statusKb("RssAnon:");
    QVector<double> reads, loads, pages, idle;
    int notified = 0;
    Notifier notifier(&cache, *catalogs, &clock, QStringLiteral("a0"));
    QObject::connect(&notifier, &Notifier::notify, [&notified] { ++notified; });
    // Pretend every notification was already sent, so each run does the same work.
    notifier.setStaleBreachSeconds(0);
    QElapsedTimer timer;
    for (int run = 0; run < 9; ++run) {
        // The index's read of every row (once per reset, shared by every view), then the
        // notifier looking at the index.
        timer.start();
        notifier.index()->reload();
        reads.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        notifier.reload();
        loads.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        notifier.noteTicketsChanged(pageIds);
        notifier.flushPendingChanges();
        pages.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        notifier.checkNow();
        idle.append(timer.nsecsElapsed() / 1e6);
    }
    const int watched = notifier.watchedCount();
    const long rssAfter = statusKb("RssAnon:");
    notified = 0;
    timer.restart();
    for (int minute = 0; minute < 60; ++minute) {
        clock.advanceSeconds(60);
        notifier.checkNow();
    }
    const double hour = timer.nsecsElapsed() / 1e6;
    std::printf("tickets %d, watched (mine + unassigned business-down) %d, attention %d\n", n,
                watched, notifier.attentionCount());
    std::printf("index reload (read every row once, for every view), median of 9: %.1f ms\n",
                median(reads));
    std::printf("notifier reload over the index (keep the watched), median of 9: %.1f ms\n",
                median(loads));
    std::printf("feed page of 1000 changed tickets (index read + notifier), median of 9: "
                "%.2f ms\n", median(pages));
    std::printf("anonymous memory held after the runs (the index's facts and schedule with "
                "the notifier): %.1f MB\n", (rssAfter - rssBefore) / 1024.0);
    std::printf("timer wake with nothing due, median of 9: %.4f ms\n", median(idle));
    std::printf("an hour of wakes, minute by minute: %.1f ms in all, %d notifications\n", hour,
                notified);
    return 0;
}
