// Macros through the client's cache, outbox and sync engine against the real server on
// loopback: the team's reach every agent, an own macro made offline reaches the server once
// (its answer lost on the way too), a refused edit shows the server's copy again.
#include "recordsync.h"

#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

using Client = RecordClient<Macro>;

class TestMacroSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void teamMacroReachesEveryAgent();
    void offlineOwnMacroSyncsOnce();
    void editReadBeforeOwnAcknowledgementStandsOnIt();
    void refusedEditShowsTheServersCopy();

private:
    // The macros of an account's whole feed, by id.
    QHash<QString, Macro> serverMacros(const QString &agent) const
    {
        return m_demo.records<Macro>(agent);
    }

    RecordSyncServer m_demo;
};

void TestMacroSync::initTestCase()
{
    const QString started = m_demo.start(30);
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void TestMacroSync::teamMacroReachesEveryAgent()
{
    Client lead(m_demo, QStringLiteral("a-wangfang"));
    Client agent(m_demo, QStringLiteral("a-lina"));
    lead.engine->start();
    agent.engine->start();
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    Macro m;
    m.id = newRecordId();
    m.name = QStringLiteral("Team greeting");
    m.bodyZh = QStringLiteral("{{客户}}您好");
    m.bodyEn = QStringLiteral("Hello {{customer}}");
    QVERIFY(lead.save(m));
    // Shown at once, before the server has it.
    QCOMPARE(lead.record(m.id)->bodyEn, m.bodyEn);
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    const std::optional<Macro> seen = agent.record(m.id);
    QVERIFY(seen);
    QCOMPARE(seen->bodyZh, m.bodyZh);
    QCOMPARE(seen->version, 1);
    QCOMPARE(seen->updatedBy, QStringLiteral("a-wangfang"));
    // An edit on the version the lead's cache shows, then its deletion: the agent follows.
    Macro edited = *lead.record(m.id);
    QCOMPARE(edited.version, 1);
    edited.name = QStringLiteral("Team greeting, v2");
    QVERIFY(lead.save(edited));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    QCOMPARE(agent.record(m.id)->name, edited.name);
    QCOMPARE(agent.record(m.id)->version, 2);
    QVERIFY(lead.save(*lead.record(m.id), true));
    QVERIFY(!lead.record(m.id));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    QVERIFY(!agent.record(m.id));
}

void TestMacroSync::offlineOwnMacroSyncsOnce()
{
    Client client(m_demo, QStringLiteral("a-zhangwei"));
    client.engine->start();
    QVERIFY(client.settle());
    m_demo.server().stop();

    // Made offline, then changed again before the server is back: two ops, in order.
    Macro m;
    m.id = newRecordId();
    m.ownerId = QStringLiteral("a-zhangwei");
    m.name = QStringLiteral("My wording");
    m.bodyEn = QStringLiteral("Dear {{customer}}, ticket {{ticket_number}}");
    QVERIFY(client.save(m));
    Macro second = *client.record(m.id);
    QCOMPARE(second.ownerId, QStringLiteral("a-zhangwei"));
    second.bodyZh = QStringLiteral("{{客户}}您好，工单 {{工单号}}");
    QVERIFY(client.save(second));
    QCOMPARE(client.record(m.id)->bodyZh, second.bodyZh);
    client.engine->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(client.engine->state(), SyncState::Offline, 10000);
    QCOMPARE(client.cache.pendingCount(), 2);

    // Back; the first answer is lost on the way, so the op is sent again.
    QVERIFY2(m_demo.server().restart(), m_demo.server().log().constData());
    // FakeQNAM names requests by their API path ("/ops"): "/api/v1/ops" matched none, and
    // the lost answer was never tested.
    client.faults.inject(FakeQNAM::Fault::LoseReply, QStringLiteral("/ops"));
    QVERIFY(client.settle());
    QVERIFY(client.settle());
    QCOMPARE(client.faults.pendingFaults(), 0);
    // Applied once each: version 2, not 3 or a refused second create.
    const Macro onServer = serverMacros(QStringLiteral("a-zhangwei")).value(m.id);
    QCOMPARE(onServer.version, 2);
    QCOMPARE(onServer.bodyZh, second.bodyZh);
    QCOMPARE(client.record(m.id)->version, 2);
    QCOMPARE(client.record(m.id)->bodyZh, second.bodyZh);
    QVERIFY(client.cache.outbox().isEmpty());
    // Nobody else's feed has it.
    QVERIFY(!serverMacros(QStringLiteral("a-lina")).contains(m.id));
}

// As a saved view's (tst_viewsync): an edit read while the desk's own edit was on the way and
// saved after its answer stands on the version the server gave that edit, not in conflict.
void TestMacroSync::editReadBeforeOwnAcknowledgementStandsOnIt()
{
    Client client(m_demo, QStringLiteral("a-rahul"));
    client.engine->start();
    Macro m;
    m.id = newRecordId();
    m.ownerId = QStringLiteral("a-rahul");
    m.name = QStringLiteral("Restart wording");
    m.bodyEn = QStringLiteral("Please restart.");
    QVERIFY(client.settle() && client.saveAndSend(m));
    Macro changed = *client.record(m.id);
    changed.bodyEn = QStringLiteral("Please restart the instance.");
    std::optional<Macro> read = client.saveAndReadBeforeTheAnswer(changed);
    QVERIFY(read);
    QCOMPARE(client.record(m.id)->version, 2);

    read->name = QStringLiteral("Restart wording, v2");
    QVERIFY(client.saveAndSend(*read));
    const Macro onServer = serverMacros(QStringLiteral("a-rahul")).value(m.id);
    QCOMPARE(onServer.version, 3);
    QCOMPARE(onServer.name, read->name);
    QCOMPARE(onServer.bodyEn, changed.bodyEn);
}

void TestMacroSync::refusedEditShowsTheServersCopy()
{
    Client lead(m_demo, QStringLiteral("a-wangfang"));
    Client agent(m_demo, QStringLiteral("a-emma"));
    lead.engine->start();
    agent.engine->start();
    Macro m;
    m.id = newRecordId();
    m.name = QStringLiteral("Lead's words");
    m.bodyEn = QStringLiteral("As the lead wrote it");
    QVERIFY(lead.save(m));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    // An agent's desk may try (the composer offers no such thing): refused, not lost silently.
    Macro changed = *agent.record(m.id);
    changed.bodyEn = QStringLiteral("An agent's rewrite");
    QVERIFY(agent.save(changed));
    QCOMPARE(agent.record(m.id)->bodyEn, changed.bodyEn);
    QSignalSpy rejected(agent.engine.get(), &SyncEngine::rejected);
    QVERIFY(agent.settle());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(2).toString(), QStringLiteral("forbidden"));
    QCOMPARE(agent.record(m.id)->bodyEn, m.bodyEn);
    const QVector<OutboxEntry> outbox = agent.cache.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.at(0).state, OutboxEntry::State::Rejected);
    QCOMPARE(serverMacros(QStringLiteral("a-wangfang")).value(m.id).bodyEn, m.bodyEn);
}

QTEST_GUILESS_MAIN(TestMacroSync)
#include "tst_macrosync.moc"
