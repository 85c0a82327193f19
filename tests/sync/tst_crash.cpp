// Kills a client with SIGKILL in the middle of a burst of edits, many times, at different
// moments: every edit it reported saved must still be in its outbox afterwards.
// (With the real server, tst_sync_e2e runs the same child and also accepts edits that reached
// the server.)
#include "ticketcache.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace SupportDesk;

class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void killedMidBurstLosesNoSavedEdit();
    void killedMidInitialSyncLosesNoPage();
};

void TestCrash::killedMidBurstLosesNoSavedEdit()
{
    QTemporaryDir dir;
    const QString cachePath = dir.filePath(QStringLiteral("crash.sqlite"));
    QSet<QString> saved;
    for (int round = 0; round < 8; ++round) {
        QProcess child;
        child.setProgram(QStringLiteral(SYNC_CRASH_CHILD));
        child.setArguments({cachePath});
        child.start();
        QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
        // Let it save for a while, different each round, then kill it without warning. At
        // least 8 lines, so that the eight rounds' at least 6 saved each make the "more than
        // 40" below certain (docs/testing.md, rule 7): from 5, eight short draws made 24.
        QByteArray out;
        const int wantLines = 8 + QRandomGenerator::global()->bounded(57);
        QElapsedTimer waited;
        waited.start();
        while (out.count('\n') < wantLines && waited.elapsed() < 20000) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
        }
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());
        out += child.readAllStandardOutput();
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        int lines = 0;
        for (const QByteArray &line : out.split('\n')) {
            // A line cut off by the kill was not completely reported: ignore it.
            if (line.startsWith("saved ") && line.size() == 6 + 36) {
                saved.insert(QString::fromLatin1(line.mid(6)));
                ++lines;
            }
        }
        QVERIFY2(lines >= wantLines - 2, out.constData());
    }
    TicketCache cache(QStringLiteral("after-crash"));
    QCOMPARE(cache.open(cachePath), TicketCache::OpenStatus::Ok);
    QSet<QString> inOutbox;
    for (const OutboxEntry &e : cache.outbox())
        inOutbox.insert(e.op.opId);
    QVERIFY(saved.size() > 40);
    const QSet<QString> lost = saved - inOutbox;
    QVERIFY2(lost.isEmpty(), qPrintable(QStringList(lost.values()).join(u' ')));
    // The replies are also in the cached conversation, as they were shown before the crash.
    int replies = 0;
    for (const OutboxEntry &e : cache.outbox())
        replies += e.op.type == u"reply";
    QCOMPARE(replies + 8, int(inOutbox.size())); // one create per round
}

// Kills a client in the middle of an initial sync, several times at different pages: every
// page it reported committed is in the cache, whole (last_seq and the tickets agree); the
// search index, written on its own thread and maybe behind when killed, catches up, and a
// last run to the end finds every ticket by search.
void TestCrash::killedMidInitialSyncLosesNoPage()
{
    constexpr int tickets = 6000;
    constexpr int pageSize = 200;
    QTemporaryDir dir;
    const QString cachePath = dir.filePath(QStringLiteral("initial.sqlite"));
    const auto run = [&](int killAfterPages, qint64 *reported) {
        QProcess child;
        child.setProgram(QStringLiteral(SYNC_INITIAL_CRASH_CHILD));
        child.setArguments({cachePath, QString::number(tickets), QString::number(pageSize)});
        child.start();
        if (!child.waitForStarted())
            return false;
        QByteArray out;
        int pages = 0;
        QElapsedTimer waited;
        waited.start();
        while ((killAfterPages == 0 || pages < killAfterPages) && !out.contains("searchable\n")
               && child.state() == QProcess::Running && waited.elapsed() < 60000) {
            child.waitForReadyRead(100);
            out += child.readAllStandardOutput();
            pages = int(out.count("page "));
        }
        if (killAfterPages > 0)
            ::kill(pid_t(child.processId()), SIGKILL);
        child.waitForFinished();
        out += child.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n')) {
            if (line.startsWith("page "))
                *reported = std::max(*reported, line.mid(5).toLongLong());
        }
        return killAfterPages > 0 ? child.exitStatus() == QProcess::CrashExit
                                  : out.contains("searchable\n") && child.exitCode() == 0;
    };
    qint64 reported = 0;
    for (int round = 0; round < 3; ++round) {
        const int killAfter = 2 + QRandomGenerator::global()->bounded(5);
        QVERIFY(run(killAfter, &reported));
        TicketCache cache(QStringLiteral("after-kill"));
        QCOMPARE(cache.open(cachePath), TicketCache::OpenStatus::Ok);
        QVERIFY(cache.checkIntegrity());
        // The feed's sequence is one per ticket here: a page is in whole or not at all.
        QVERIFY2(cache.lastSeq() >= reported, qPrintable(QString::number(cache.lastSeq())));
        QCOMPARE(qint64(cache.ticketCount()), cache.lastSeq());
    }
    QVERIFY(run(0, &reported));
    TicketCache cache(QStringLiteral("after-sync"));
    QCOMPARE(cache.open(cachePath), TicketCache::OpenStatus::Ok);
    QCOMPARE(cache.ticketCount(), tickets);
    QVERIFY(cache.searchIndexComplete());
    QCOMPARE(cache.searchTickets(QStringLiteral("Ticket number"), tickets + 1).size(), tickets);
    QCOMPARE(cache.searchTickets(QStringLiteral("number 4321")), QStringList{QStringLiteral("t4321")});
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
