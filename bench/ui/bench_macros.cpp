// The composer's macro picker at M macros (default 1,000) over a cache of N tickets (default
// 10,000) on a DeskSession: Ctrl+M's open (the cache's macros read, the list filled, shown),
// a search of two words, Enter (the macro expanded for the ticket and inserted), each with one
// pass of the event loop for the paint. Target (issue 17): opening and inserting ≤ 50 ms.
// Usage: QT_QPA_PLATFORM=offscreen bench_macros [M] [N]; prints medians and maxima of 21 runs.
#include "desksession.h"
#include "guievents.h"
#include "macromanager.h"
#include "macropicker.h"
#include "macropickerlist.h"
#include "ticketpane.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
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

static double most(const QVector<double> &v)
{
    return v.isEmpty() ? 0 : *std::max_element(v.begin(), v.end());
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int macroCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 1000;
    const int n = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 10000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString shownId;
    {
        TicketCache cache(QStringLiteral("bench-seed"));
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            return 1;
        Customer customer;
        customer.id = QStringLiteral("c0");
        customer.name = QStringLiteral("南京小麦电商工作室");
        customer.planId = QStringLiteral("service-plan");
        customer.editionId = QStringLiteral("s2-enterprise");
        customer.timeZone = QStringLiteral("Asia/Shanghai");
        QVector<Ticket> page;
        for (int i = 0; i < n; ++i) {
            Ticket t;
            t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            t.number = i + 1;
            t.customerId = customer.id;
            t.subject = QStringLiteral("实例 %1 无法连接数据库").arg(i);
            t.body = QStringLiteral("从今天早上开始超时。");
            t.channel = QStringLiteral("ticket");
            t.planId = customer.planId;
            t.editionId = customer.editionId;
            t.severity = QStringLiteral("business-degraded");
            t.createdAt = now.addSecs(-3600);
            t.dueAt = t.createdAt.addSecs(30 * 60);
            t.updatedAt = t.createdAt;
            t.version = 1;
            shownId = t.id;
            page.append(t);
            if (page.size() == 1000 || i == n - 1) {
                if (!cache.applyChanges(page, {}, i < 1000 ? QVector<Customer> { customer }
                                                           : QVector<Customer> {},
                                        {}, {}, i + 1, i == n - 1, nullptr))
                    return 1;
                page.clear();
            }
        }
        // Macros of a few hundred characters in each language, with placeholders.
        QVector<Macro> macros;
        for (int i = 0; i < macroCount; ++i) {
            Macro m;
            m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            m.name = QStringLiteral("Restart step %1").arg(i);
            m.bodyZh = QStringLiteral("{{客户}}您好，关于工单 {{工单号}}（截止 {{截止时间}}）：")
                + QStringLiteral("请在控制台重启实例 %1，然后再次尝试连接。").arg(i).repeated(6)
                + QStringLiteral("您的权益：{{权益}}。{{坐席}}");
            m.bodyEn = QStringLiteral("Dear {{customer}}, about ticket {{ticket_number}} (due "
                                      "{{deadline}}): ")
                + QStringLiteral("please restart instance %1 in the console, then connect "
                                 "again. ").arg(i).repeated(6)
                + QStringLiteral("Your entitlements: {{entitlements}}. {{agent}}");
            m.version = 1;
            m.seq = n + i + 1;
            macros.append(m);
        }
        if (!cache.storeMacros(macros))
            return 1;
        cache.checkpoint();
    }

    DeskSession session;
    SessionConfig config;
    config.cachePath = path;
    if (session.open(config) != TicketCache::OpenStatus::Ok)
        return 1;
    QElapsedTimer timer;
    timer.start();
    TicketPane pane(&session); // its composer has the macros read ahead on a thread
    MacroReadAhead *ahead = MacroReadAhead::of(&session);
    pane.resize(1000, 700);
    pane.show();
    pane.showTicket(shownId);
    QCoreApplication::processEvents();
    // As after sign-in: the list read ahead off the GUI thread before the agent's first Ctrl+M.
    if (!ahead->hasList()) {
        QEventLoop wait;
        QObject::connect(ahead, &MacroReadAhead::listRead, &wait, &QEventLoop::quit);
        wait.exec();
    }
    const double readAhead = timer.nsecsElapsed() / 1e6;
    MacroComposer *macros = pane.macros();
    QVector<double> open, search, insert, total;
    // The first open of the session: the list read ahead, the picker's model filled and shown
    // for the first time.
    timer.restart();
    macros->open();
    QCoreApplication::processEvents();
    const double firstOpen = timer.nsecsElapsed() / 1e6;
    macros->picker()->hide();
    // What it was without the read ahead: the cache's macros read and decoded here.
    timer.restart();
    const QVector<Macro> readHere = session.cache()->macros();
    const double readOnGui = timer.nsecsElapsed() / 1e6;
    if (readHere.size() != macroCount)
        return 3;
    for (int run = 0; run < 21; ++run) {
        pane.composer()->clear();
        timer.start();
        macros->open();
        QCoreApplication::processEvents();
        const double opened = timer.nsecsElapsed() / 1e6;
        timer.restart();
        macros->picker()->searchLine()->setText(QStringLiteral("restart %1").arg(run * 37));
        QCoreApplication::processEvents();
        const double searched = timer.nsecsElapsed() / 1e6;
        timer.restart();
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QCoreApplication::sendEvent(macros->picker()->searchLine(), &enter);
        QCoreApplication::processEvents();
        const double inserted = timer.nsecsElapsed() / 1e6;
        if (pane.composer()->toPlainText().isEmpty() || macros->picker()->isVisible())
            return 2; // nothing was inserted: the figure would be of nothing
        open.append(opened);
        search.append(searched);
        insert.append(inserted);
        total.append(opened + searched + inserted);
    }
    // Ticket → Manage macros…: the dialog made with its list, thread CPU, median of 5 (the
    // list read ahead is current).
    const int readsBefore = ahead->readsHere();
    QVector<double> manager;
    for (int run = 0; run < 5; ++run) {
        const double cpu0 = Bench::threadCpuMs();
        MacroManagerDialog dialog(&session);
        manager.append(Bench::threadCpuMs() - cpu0);
    }
    std::printf("macros %d, tickets %d, 21 runs (one event-loop pass after each step)\n",
                macroCount, n);
    std::printf("read ahead on its own thread (pane shown to list in, wall): %.1f ms\n",
                readAhead);
    std::printf("first open (the list read ahead): %.1f ms; reading the macros here instead "
                "would add %.1f ms; macros read on the GUI thread: %d\n",
                firstOpen, readOnGui, ahead->readsHere());
    std::printf("open (Ctrl+M: read, fill, show): median %.1f ms, max %.1f ms\n", median(open),
                most(open));
    std::printf("search of two words:             median %.1f ms, max %.1f ms\n",
                median(search), most(search));
    std::printf("Enter (expand, insert):          median %.1f ms, max %.1f ms\n",
                median(insert), most(insert));
    std::printf("open + search + insert:          median %.1f ms, max %.1f ms (target <= 50 ms)\n",
                median(total), most(total));
    std::printf("Manage macros… (the dialog and its list made, thread CPU): median %.1f ms, "
                "max %.1f ms; macros read on the GUI thread for it: %d\n",
                median(manager), most(manager), ahead->readsHere() - readsBefore);
    return 0;
}
