// Kills a client with SIGKILL in the middle of a burst of edits, many times, at different
// moments: every edit it reported saved must still be in its outbox afterwards.
// (With the real server, tst_sync_e2e runs the same child and also accepts edits that reached
// the server.)
#include "ticketcache.h"

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
        // Let it save for a while, different each round, then kill it without warning.
        QByteArray out;
        const int wantLines = 5 + QRandomGenerator::global()->bounded(60);
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

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
