// The lead board over a cache of N tickets (default 100 000): the first load, a full recompute
// (board, lists, quota, attainment) and a burst of changed tickets read again and recomputed.
// Usage: bench_leadboard [N]; prints the median of 9 runs of each.
#include "leadboardmodel.h"
#include "ticketindex.h"
#include "ticketcache.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QUuid>

#include <algorithm>
#include <cstdio>

using namespace SupportDesk;

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

    // 60 days of tickets, one every ~52 s; the newest 15 % still open. 500 customers, a fifth
    // of them partners; 40 agents.
    const QDateTime now(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC);
    const qint64 span = 60LL * 24 * 3600;
    struct Kind { const char *plan, *edition, *severity; int minutes; };
    const Kind kinds[] = {
        {"service-plan", "s1-flagship", "business-down", 15},
        {"service-plan", "s2-enterprise", "business-degraded", 30},
        {"service-plan", "s3-commercial", "consultation", 120},
        {"service-plan", "s4-basic", "consultation", 120},
        {"partner-plan", "standard", "business-down", 15},
        {"partner-plan", "commercial", "production-abnormal", 30},
        {"partner-plan", "enterprise", "consultation", 960},
    };
    QVector<Customer> customers;
    for (int c = 0; c < 500; ++c) {
        Customer cu;
        cu.id = QStringLiteral("c%1").arg(c);
        cu.name = QStringLiteral("Customer %1").arg(c);
        const bool partner = c % 5 == 0;
        cu.planId = partner ? QStringLiteral("partner-plan") : QStringLiteral("service-plan");
        cu.editionId = partner ? QStringLiteral("standard") : QStringLiteral("s2-enterprise");
        customers.append(cu);
    }
    QVector<Agent> agents;
    for (int a = 0; a < 40; ++a)
        agents.append({QStringLiteral("a%1").arg(a), QStringLiteral("Agent %1").arg(a),
                       AgentRole::Agent, QStringLiteral("en"), 0});
    QVector<Ticket> page;
    QStringList someIds;
    for (int i = 0; i < n; ++i) {
        const Kind &k = kinds[i % 7];
        Ticket t;
        t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        t.number = i + 1;
        t.customerId = customers.at(i % 500).id;
        t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(i);
        t.channel = QStringLiteral("ticket");
        t.planId = QString::fromLatin1(k.plan);
        t.editionId = QString::fromLatin1(k.edition);
        t.severity = QString::fromLatin1(k.severity);
        t.createdAt = now.addSecs(-span + span * i / n);
        t.dueAt = t.createdAt.addSecs(k.minutes * 60);
        const bool open = i > n * 85 / 100;
        t.status = open ? TicketStatus::New : TicketStatus::Closed;
        if (!open || i % 3 == 0)
            t.firstResponseAt = t.createdAt.addSecs((i % 40) * 60);
        if (i % 4)
            t.assigneeId = agents.at(i % 40).id;
        if (i % 97 == 0)
            t.flags = QStringList{QStringLiteral("over-quota")};
        t.updatedAt = t.createdAt;
        t.version = 1;
        if (i % 1000 == 7)
            someIds.append(t.id);
        page.append(t);
        if (page.size() == 1000 || i == n - 1) {
            if (!cache.applyChanges(page, {}, i < 1000 ? customers : QVector<Customer>{},
                                    i < 1000 ? agents : QVector<Agent>{}, {}, i + 1, i == n - 1,
                                    nullptr))
                return 1;
            page.clear();
        }
    }
    cache.checkpoint();

    ManualClock clock(now);
    QElapsedTimer timer;
    timer.start();
    const qsizetype rowCount = cache.loadTicketRows().rows.size();
    const double rowsOnly = timer.nsecsElapsed() / 1e6;
    timer.restart();
    LeadBoardModel board(&cache, *catalogs, &clock);
    const double firstLoad = timer.nsecsElapsed() / 1e6;

    QVector<double> full, boardOnly, burst;
    for (int run = 0; run < 9; ++run) {
        clock.advanceSeconds(1);
        board.recompute();
        full.append(board.lastRecomputeMs());
        timer.restart();
        const BoardSnapshot s
                = computeBoard(board.index()->openFacts(), *catalogs, clock.now(), 0.25, 60);
        boardOnly.append(timer.nsecsElapsed() / 1e6);
        Q_UNUSED(s);
        // A burst of 100 changed tickets: read again, merged, recomputed.
        timer.restart();
        board.setCoalesceMs(0);
        QEventLoop loop;
        QObject::connect(&board, &LeadBoardModel::boardChanged, &loop, &QEventLoop::quit);
        board.noteTicketsChanged(someIds);
        loop.exec();
        burst.append(timer.nsecsElapsed() / 1e6);
    }
    // A customer's monthly service report from the cache (the report dialog offline): the
    // customer's tickets of the month picked from every ticket, their flags and changes read.
    QVector<double> reports;
    int reported = 0;
    const quint64 factsBefore = board.index()->factsMade();
    for (int run = 0; run < 9; ++run) {
        timer.restart();
        const ServiceReport r = board.serviceReport(customers.at(5).id, 2026, 11);
        reports.append(timer.nsecsElapsed() / 1e6);
        reported = r.tickets;
    }
    const quint64 factsPerReport = (board.index()->factsMade() - factsBefore) / 9;
    std::printf("tickets %lld, open %d, at risk %d, breached %d, quota rows %d\n",
                qlonglong(board.facts().size()), board.board().open, board.board().atRisk,
                board.board().breached, int(board.quota().size()));
    std::printf("first load (read every row + recompute): %.1f ms; of which the cache's "
                "loadTicketRows() of %lld rows alone: %.1f ms\n",
                firstLoad, qlonglong(rowCount), rowsOnly);
    std::printf("recompute (board + lists + quota + attainment), median of 9: %.1f ms\n",
                median(full));
    std::printf("  of which computeBoard alone: %.1f ms\n", median(boardOnly));
    std::printf("100 changed tickets read and recomputed, median of 9: %.1f ms\n", median(burst));
    std::printf("a customer's monthly service report from the cache (%d tickets), median of 9: "
                "%.2f ms; facts made for it: %llu\n",
                reported, median(reports), qulonglong(factsPerReport));
    return 0;
}
