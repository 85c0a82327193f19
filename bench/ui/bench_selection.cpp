// GUI-thread costs of selecting at scale (issue 17), over an existing cache of N tickets (a
// million: bench_queue writes one): Select all on All open, the bar's count of the selection,
// the selected tickets' ids a bulk action starts from, and a saved view's live count (one pass
// of the queue's test over every row). Thread CPU of each, median and most of 5, beside the
// 16 ms of a frame, with the load average. Usage: bench_selection cache-path
#include "bulk.h"
#include "bulkbar.h"
#include "bulkresults.h"
#include "desksession.h"
#include "guievents.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"

#include <QApplication>
#include <QFile>
#include <QItemSelectionModel>
#include <QListWidget>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace SupportDesk;

static QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readLine()).section(u' ', 0, 0);
}

// Median and most of five runs of `step`, thread CPU in ms.
static std::pair<double, double> cpuOf(const std::function<void()> &step)
{
    QVector<double> cpu;
    for (int i = 0; i < 5; ++i) {
        const double start = Bench::threadCpuMs();
        step();
        cpu.append(Bench::threadCpuMs() - start);
    }
    std::sort(cpu.begin(), cpu.end());
    return { cpu.at(cpu.size() / 2), cpu.last() };
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskBench"));
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_selection cache-path\n");
        return 2;
    }
    const QString loadAtStart = loadAverage();
    DeskSession session;
    SessionConfig config;
    config.cachePath = QString::fromLocal8Bit(argv[1]);
    if (session.open(config) != TicketCache::OpenStatus::Ok) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    LanguageManager languages;
    MainWindow window(&session, &languages);
    window.resize(1440, 900);
    window.show();
    QueueModel *model = window.queueModel();
    QCoreApplication::processEvents();
    while (model->isLoadingRest())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    window.queueList()->setCurrentRow(QueueModel::AllOpen);
    QCoreApplication::processEvents();
    QueueView *view = window.queueView();
    std::printf("%d tickets, %d rows in All open\n", model->ticketCount(), model->rowCount());

    const auto [selectAll, selectAllMost] = cpuOf([&] {
        view->clearSelection();
        view->selectAll(); // the bar hears of it and counts the selection
    });
    int count = 0;
    const auto [counted, countedMost] = cpuOf([&] { count = view->selectedCount(); });
    QStringList ids;
    const auto [idsMs, idsMost] = cpuOf([&] { ids = view->selectedTicketIds(); });
    // What an action starts from now: the ids in one buffer, a string each made as the run
    // plans its ticket; the run made over them (not started).
    TicketIdList idList;
    const auto [listMs, listMost] = cpuOf([&] { idList = view->selectedTicketIdList(); });
    BulkAction action;
    action.kind = BulkAction::Kind::SetStatus;
    action.status = TicketStatus::Accepted;
    const auto [runMs, runMost] = cpuOf([&] {
        BulkRun run(&session, view->selectedTickets(), action);
    });
    // A reset of the queue (the clock set again: a recount and a refilter) with one row
    // selected, then with every row: the difference is keeping the selection across it.
    const Clock *clock = session.clock();
    view->clearSelection();
    view->selectionModel()->setCurrentIndex(model->index(0, 0),
                                            QItemSelectionModel::ClearAndSelect
                                                    | QItemSelectionModel::Rows);
    const auto [oneReset, oneResetMost] = cpuOf([&] { model->setClock(clock); });
    const int oneKept = view->selectedCount();
    view->selectAll();
    const auto [allReset, allResetMost] = cpuOf([&] { model->setClock(clock); });
    const int allKept = view->selectedCount();
    QueueModel::Selection viewSelection;
    viewSelection.queue = QueueModel::AllOpen;
    viewSelection.severity = QStringLiteral("business-down");
    int inView = 0;
    const auto [viewMs, viewMost] = cpuOf([&] {
        inView = model->countSelection(viewSelection, nullptr);
    });
    std::printf("thread CPU, median / most of 5 (target: 16 ms a GUI event):\n");
    std::printf("  Select all (with the bar's count): %.1f / %.1f ms\n", selectAll, selectAllMost);
    std::printf("  the selection's count (%d): %.2f / %.2f ms\n", count, counted, countedMost);
    std::printf("  the selected tickets' ids (%lld): %.1f / %.1f ms\n",
                static_cast<long long>(ids.size()), idsMs, idsMost);
    std::printf("  the same in one buffer (what an action takes): %.1f / %.1f ms\n", listMs,
                listMost);
    std::printf("  a bulk run made over the selected rows (not started): %.1f / %.1f ms\n",
                runMs, runMost);
    std::printf("  a reset of the queue (clock set again), one row selected (%d kept): "
                "%.1f / %.1f ms\n", oneKept, oneReset, oneResetMost);
    std::printf("  the same with every row selected (%d kept): %.1f / %.1f ms\n", allKept,
                allReset, allResetMost);
    std::printf("  a saved view's count (All open, business-down: %d): %.1f / %.1f ms\n", inView,
                viewMs, viewMost);
    // The results dialog of an action on every row (once: its table holds a row a ticket).
    {
        const double start = Bench::threadCpuMs();
        auto *run = new BulkRun(&session, view->selectedTickets(), action);
        BulkResultsDialog dialog(&session, run);
        std::printf("  the results dialog for %lld tickets (once): %.1f ms\n",
                    static_cast<long long>(idList.size()), Bench::threadCpuMs() - start);
    }
    std::printf("load average (1 min): %s at the start, %s at the end\n",
                qPrintable(loadAtStart), qPrintable(loadAverage()));
    session.stop();
    return 0;
}
