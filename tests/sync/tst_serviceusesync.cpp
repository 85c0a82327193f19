// IEM days and training sessions through the client's cache, outbox and sync engine against the
// real server on loopback (docs/service-use.md): a lead's record made offline shows at once,
// reaches the server once (its answer lost on the way too) and every desk; a corrected and a
// cancelled record follow; an agent's desk that tries is refused, not lost silently.
#include "recordsync.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

using Client = RecordClient<ServiceUse>;

class TestServiceUseSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void offlineRecordSyncsOnceToEveryDesk();
    void editReadBeforeOwnAcknowledgementStandsOnIt();
    void agentsDeskIsRefused();
    void olderCacheTakesTheRecordsItSkipped();

private:
    QHash<QString, ServiceUse> serverRecords() const
    {
        return m_demo.records<ServiceUse>(QStringLiteral("a-admin"));
    }

    RecordSyncServer m_demo;
};

void TestServiceUseSync::initTestCase()
{
    const QString started = m_demo.start(20);
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void TestServiceUseSync::offlineRecordSyncsOnceToEveryDesk()
{
    Client lead(m_demo, QStringLiteral("a-wangfang"));
    Client agent(m_demo, QStringLiteral("a-lina"));
    lead.engine->start();
    agent.engine->start();
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    m_demo.server().stop();

    // Recorded offline: shown at once, counted at once.
    const int year = QDate::currentDate().year();
    ServiceUse u;
    u.id = newRecordId();
    u.customerId = RecordKind<ServiceUse>::customer();
    u.kind = ServiceKind::Iem;
    u.firstDay = QDate(year, 11, 9);
    u.lastDay = QDate(year, 11, 11);
    u.askedOn = QDate(year, 9, 1);
    u.note = QStringLiteral("双十一大促保障");
    QVERIFY(lead.save(u));
    QVERIFY(lead.record(u.id));
    QCOMPARE(lead.record(u.id)->days(), 3);
    QCOMPARE(lead.record(u.id)->version, qint64(0)); // not on the server yet
    lead.engine->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(lead.engine->state(), SyncState::Offline, 10000);
    QCOMPARE(lead.cache.pendingCount(), 1);

    // Back; the first answer is lost on the way, so the op is sent again: applied once.
    QVERIFY2(m_demo.server().restart(), m_demo.server().log().constData());
    lead.faults.inject(FakeQNAM::Fault::LoseReply, QStringLiteral("/ops"));
    QVERIFY(lead.settle());
    QVERIFY(lead.settle());
    QCOMPARE(lead.faults.pendingFaults(), 0);
    QCOMPARE(serverRecords().value(u.id).version, qint64(1));
    QCOMPARE(lead.record(u.id)->version, qint64(1));
    QVERIFY(lead.cache.outbox().isEmpty());
    // Another desk has it from the feed.
    QVERIFY(agent.settle());
    QVERIFY(agent.record(u.id));
    QCOMPARE(agent.record(u.id)->recordedBy, QStringLiteral("a-wangfang"));

    // Corrected, then cancelled, each on the version the lead's desk shows.
    ServiceUse corrected = *lead.record(u.id);
    corrected.lastDay = QDate(year, 11, 12);
    QVERIFY(lead.save(corrected));
    QCOMPARE(lead.record(u.id)->days(), 4);
    QVERIFY(lead.settle());
    ServiceUse cancel = *lead.record(u.id);
    QCOMPARE(cancel.version, qint64(2));
    cancel.cancelReason = QStringLiteral("活动延期");
    QVERIFY(lead.save(cancel, true));
    QVERIFY(lead.record(u.id)->cancelled);
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    const ServiceUse seen = *agent.record(u.id);
    QVERIFY(seen.cancelled);
    QCOMPARE(seen.cancelReason, cancel.cancelReason);
    QCOMPARE(seen.days(), 4); // kept in history as it was
    QCOMPARE(serverRecords().value(u.id).version, qint64(3));
}

// As a saved view's (tst_viewsync): a cancellation read while the lead's correction was on the
// way and saved after its answer stands on the version the server gave the correction.
void TestServiceUseSync::editReadBeforeOwnAcknowledgementStandsOnIt()
{
    Client lead(m_demo, QStringLiteral("a-wangfang"));
    lead.engine->start();
    ServiceUse u;
    u.id = newRecordId();
    u.customerId = RecordKind<ServiceUse>::customer();
    u.kind = ServiceKind::Training;
    u.firstDay = u.lastDay = QDate(QDate::currentDate().year(), 6, 6);
    u.note = QStringLiteral("Backup drills");
    QVERIFY(lead.settle() && lead.saveAndSend(u));
    ServiceUse corrected = *lead.record(u.id);
    corrected.note = QStringLiteral("Backup and restore drills");
    std::optional<ServiceUse> read = lead.saveAndReadBeforeTheAnswer(corrected);
    QVERIFY(read);
    QCOMPARE(lead.record(u.id)->version, qint64(2));

    read->cancelReason = QStringLiteral("Moved to next year");
    QVERIFY(lead.saveAndSend(*read, true));
    const ServiceUse onServer = serverRecords().value(u.id);
    QVERIFY(onServer.cancelled);
    QCOMPARE(onServer.version, qint64(3));
    QCOMPARE(onServer.note, corrected.note);
}

void TestServiceUseSync::agentsDeskIsRefused()
{
    Client agent(m_demo, QStringLiteral("a-emma"));
    agent.engine->start();
    QVERIFY(agent.settle());
    ServiceUse u;
    u.id = newRecordId();
    u.customerId = RecordKind<ServiceUse>::customer();
    u.kind = ServiceKind::Training;
    u.firstDay = u.lastDay = QDate(QDate::currentDate().year(), 3, 3);
    u.note = QStringLiteral("Backup and restore");
    QVERIFY(agent.save(u));
    QSignalSpy rejected(agent.engine.get(), &SyncEngine::rejected);
    QVERIFY(agent.settle());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(2).toString(), QStringLiteral("forbidden"));
    QVERIFY(!agent.record(u.id)); // a refused record is no record
    const QVector<OutboxEntry> outbox = agent.cache.outbox();
    QCOMPARE(outbox.size(), 1); // kept as refused, for the desk to show until dropped
    QCOMPARE(outbox.first().state, OutboxEntry::State::Rejected);
    QVERIFY(!serverRecords().contains(u.id));
}

// A cache of a build before step 11 had read the feed past the records (it skipped the kind):
// migrated, it pulls the history again and has them.
void TestServiceUseSync::olderCacheTakesTheRecordsItSkipped()
{
    const QHash<QString, ServiceUse> onServer = serverRecords();
    QVERIFY(!onServer.isEmpty());
    const QString path = m_demo.newCachePath();
    {
        Client before(m_demo.server(), path, m_demo.token(QStringLiteral("a-lina")));
        before.engine->start();
        QVERIFY(before.settle());
        QCOMPARE(before.cache.serviceUse(RecordKind<ServiceUse>::customer()).size(),
                 qsizetype(onServer.size()));
        before.cache.close();
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("schema10"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // As a schema-11 build left it: neither service_use (12) nor saved_views (13).
        QVERIFY(q.exec(QStringLiteral("DROP TABLE service_use")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE saved_views")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_state WHERE key LIKE 'history%'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 11")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("schema10"));
    Client after(m_demo.server(), path, m_demo.token(QStringLiteral("a-lina")));
    QVERIFY(after.cache.serviceUse(RecordKind<ServiceUse>::customer()).isEmpty()); // the new table
    after.engine->start();
    QVERIFY(after.settle());
    const QVector<ServiceUse> taken = after.cache.serviceUse(RecordKind<ServiceUse>::customer());
    QCOMPARE(taken.size(), qsizetype(onServer.size()));
    for (const ServiceUse &u : taken)
        QCOMPARE(u.version, onServer.value(u.id).version);
}

QTEST_GUILESS_MAIN(TestServiceUseSync)
#include "tst_serviceusesync.moc"
