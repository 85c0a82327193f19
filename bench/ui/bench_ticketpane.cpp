// The ticket pane over a cache of N tickets (default 100 000) on a DeskSession: showing a
// ticket (the first one of a partner reads the quota ledger), switching between tickets with
// 40 messages each, sending a reply, and opening the intake dialog on a partner.
// Usage: QT_QPA_PLATFORM=offscreen bench_ticketpane [N]; prints medians of 21 runs.
#include "desksession.h"
#include "intakedialog.h"
#include "ticketpane.h"

#include <QApplication>
#include <QElapsedTimer>
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

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QStringList sample; // every 1000th ticket
    {
        TicketCache cache(QStringLiteral("bench-seed"));
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            return 1;
        QVector<Customer> customers;
        for (int c = 0; c < 500; ++c) {
            Customer cu;
            cu.id = QStringLiteral("c%1").arg(c);
            cu.name = QStringLiteral("Customer %1").arg(c);
            const bool partner = c % 5 == 0;
            cu.planId = partner ? QStringLiteral("partner-plan") : QStringLiteral("service-plan");
            cu.editionId = partner ? QStringLiteral("standard") : QStringLiteral("s2-enterprise");
            cu.subClients
                = { { QStringLiteral("sub-%1").arg(c), QStringLiteral("Sub %1").arg(c) } };
            customers.append(cu);
        }
        QVector<Agent> agents;
        for (int a = 0; a < 40; ++a)
            agents.append({ QStringLiteral("a%1").arg(a), QStringLiteral("Agent %1").arg(a),
                            AgentRole::Agent, QStringLiteral("en"), 0 });
        const qint64 span = 60LL * 24 * 3600;
        QVector<Ticket> page;
        QVector<Message> messages;
        for (int i = 0; i < n; ++i) {
            const bool partner = (i % 500) % 5 == 0;
            Ticket t;
            t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            t.number = i + 1;
            t.customerId = customers.at(i % 500).id;
            t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(i);
            t.body = QStringLiteral("Since this morning the instance times out.");
            t.channel = QStringLiteral("ticket");
            t.planId = partner ? QStringLiteral("partner-plan") : QStringLiteral("service-plan");
            t.editionId = partner ? QStringLiteral("standard") : QStringLiteral("s2-enterprise");
            t.severity = QStringLiteral("business-degraded");
            t.createdAt = now.addSecs(-span + span * i / n);
            t.dueAt = t.createdAt.addSecs(30 * 60);
            t.updatedAt = t.createdAt;
            t.assigneeId = agents.at(i % 40).id;
            t.version = 1;
            if (i % 1000 == 0) {
                sample.append(t.id);
                for (int m = 0; m < 40; ++m) {
                    Message msg;
                    msg.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    msg.ticketId = t.id;
                    msg.kind = m % 3 == 0 ? MessageKind::Internal : MessageKind::Public;
                    msg.authorId = agents.at(m % 40).id;
                    msg.body = QStringLiteral("Message %1 about the database timeouts.").arg(m);
                    msg.createdAt = t.createdAt.addSecs(60 * m);
                    messages.append(msg);
                }
            }
            page.append(t);
            if (page.size() == 1000 || i == n - 1) {
                if (!cache.applyChanges(page, messages, i < 1000 ? customers : QVector<Customer> {},
                                        i < 1000 ? agents : QVector<Agent> {}, {}, i + 1,
                                        i == n - 1, nullptr))
                    return 1;
                page.clear();
                messages.clear();
            }
        }
        cache.checkpoint();
    }

    DeskSession session;
    SessionConfig config;
    config.cachePath = path;
    if (session.open(config) != TicketCache::OpenStatus::Ok)
        return 1;
    TicketPane pane(&session);
    pane.resize(1000, 700);
    pane.show();
    QElapsedTimer timer;
    timer.start();
    const qsizetype rows = session.cache()->loadTicketRows().rows.size();
    const double rowsOnly = timer.nsecsElapsed() / 1e6;
    timer.restart();
    pane.showTicket(sample.first()); // a partner's: the ledger reads every row once
    const double first = timer.nsecsElapsed() / 1e6;

    QVector<double> show, reply, intake;
    for (int run = 0; run < 21; ++run) {
        timer.restart();
        pane.showTicket(sample.at(1 + run % (sample.size() - 1)));
        show.append(timer.nsecsElapsed() / 1e6);
        pane.composer()->setPlainText(QStringLiteral("Looking into it"));
        timer.restart();
        if (!pane.sendComposer())
            return 1;
        reply.append(timer.nsecsElapsed() / 1e6);
        timer.restart();
        IntakeDialog dialog(&session);
        dialog.selectCustomer(QStringLiteral("c0"));
        intake.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("tickets %d, 40 messages on each shown ticket\n", n);
    std::printf("first showTicket (partner: quota ledger reads every row): %.1f ms\n", first);
    std::printf("  (the cache's loadTicketRows() of %lld rows alone, before it: %.1f ms)\n",
                qlonglong(rows), rowsOnly);
    std::printf("showTicket, median of 21: %.1f ms\n", median(show));
    std::printf("reply (saveEdit + the pane's reload), median of 21: %.1f ms\n", median(reply));
    std::printf("intake dialog opened on a partner, median of 21: %.1f ms\n", median(intake));
    return 0;
}
