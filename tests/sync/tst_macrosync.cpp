// Macros through the client's cache, outbox and sync engine against the real server on
// loopback: the team's reach every agent, an own macro made offline reaches the server once
// (its answer lost on the way too), a refused edit shows the server's copy again.
#include "feedrecords.h"
#include "macro.h"
#include "syncclient.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Client : SyncClient
{
    using SyncClient::SyncClient;
    std::optional<Macro> macro(const QString &id) const
    {
        for (const Macro &m : cache.macros()) {
            if (m.id == id)
                return m;
        }
        return std::nullopt;
    }
    bool save(const Macro &m, bool remove = false)
    {
        return cache.saveMacroEdit(
            makeMacroOperation(uuid(), m, remove, QDateTime::currentDateTimeUtc()), m);
    }

};

} // namespace

class TestMacroSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void teamMacroReachesEveryAgent();
    void offlineOwnMacroSyncsOnce();
    void refusedEditShowsTheServersCopy();

private:
    QString newCachePath() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_caches)); }
    // The macros of an account's whole feed, by id.
    QHash<QString, Macro> serverMacros(const QString &agent) const;

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    int m_caches = 0;
};

void TestMacroSync::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("30"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600") }),
             m_server->log().constData());
}

QHash<QString, Macro> TestMacroSync::serverMacros(const QString &agent) const
{
    return feedRecords<Macro>(*m_server, m_server->token(agent), u"macro");
}

void TestMacroSync::teamMacroReachesEveryAgent()
{
    Client lead(*m_server, newCachePath(), m_server->token(QStringLiteral("a-wangfang")));
    Client agent(*m_server, newCachePath(), m_server->token(QStringLiteral("a-lina")));
    lead.engine->start();
    agent.engine->start();
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    Macro m;
    m.id = uuid();
    m.name = QStringLiteral("Team greeting");
    m.bodyZh = QStringLiteral("{{客户}}您好");
    m.bodyEn = QStringLiteral("Hello {{customer}}");
    QVERIFY(lead.save(m));
    // Shown at once, before the server has it.
    QCOMPARE(lead.macro(m.id)->bodyEn, m.bodyEn);
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    const std::optional<Macro> seen = agent.macro(m.id);
    QVERIFY(seen);
    QCOMPARE(seen->bodyZh, m.bodyZh);
    QCOMPARE(seen->version, 1);
    QCOMPARE(seen->updatedBy, QStringLiteral("a-wangfang"));
    // An edit on the version the lead's cache shows, then its deletion: the agent follows.
    Macro edited = *lead.macro(m.id);
    QCOMPARE(edited.version, 1);
    edited.name = QStringLiteral("Team greeting, v2");
    QVERIFY(lead.save(edited));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    QCOMPARE(agent.macro(m.id)->name, edited.name);
    QCOMPARE(agent.macro(m.id)->version, 2);
    QVERIFY(lead.save(*lead.macro(m.id), true));
    QVERIFY(!lead.macro(m.id));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    QVERIFY(!agent.macro(m.id));
}

void TestMacroSync::offlineOwnMacroSyncsOnce()
{
    Client client(*m_server, newCachePath(), m_server->token(QStringLiteral("a-zhangwei")));
    client.engine->start();
    QVERIFY(client.settle());
    m_server->stop();

    // Made offline, then changed again before the server is back: two ops, in order.
    Macro m;
    m.id = uuid();
    m.ownerId = QStringLiteral("a-zhangwei");
    m.name = QStringLiteral("My wording");
    m.bodyEn = QStringLiteral("Dear {{customer}}, ticket {{ticket_number}}");
    QVERIFY(client.save(m));
    Macro second = *client.macro(m.id);
    QCOMPARE(second.ownerId, QStringLiteral("a-zhangwei"));
    second.bodyZh = QStringLiteral("{{客户}}您好，工单 {{工单号}}");
    QVERIFY(client.save(second));
    QCOMPARE(client.macro(m.id)->bodyZh, second.bodyZh);
    client.engine->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(client.engine->state(), SyncState::Offline, 10000);
    QCOMPARE(client.cache.pendingCount(), 2);

    // Back; the first answer is lost on the way, so the op is sent again.
    QVERIFY2(m_server->restart(), m_server->log().constData());
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
    QCOMPARE(client.macro(m.id)->version, 2);
    QCOMPARE(client.macro(m.id)->bodyZh, second.bodyZh);
    QVERIFY(client.cache.outbox().isEmpty());
    // Nobody else's feed has it.
    QVERIFY(!serverMacros(QStringLiteral("a-lina")).contains(m.id));
}

void TestMacroSync::refusedEditShowsTheServersCopy()
{
    Client lead(*m_server, newCachePath(), m_server->token(QStringLiteral("a-wangfang")));
    Client agent(*m_server, newCachePath(), m_server->token(QStringLiteral("a-emma")));
    lead.engine->start();
    agent.engine->start();
    Macro m;
    m.id = uuid();
    m.name = QStringLiteral("Lead's words");
    m.bodyEn = QStringLiteral("As the lead wrote it");
    QVERIFY(lead.save(m));
    QVERIFY(lead.settle());
    QVERIFY(agent.settle());
    // An agent's desk may try (the composer offers no such thing): refused, not lost silently.
    Macro changed = *agent.macro(m.id);
    changed.bodyEn = QStringLiteral("An agent's rewrite");
    QVERIFY(agent.save(changed));
    QCOMPARE(agent.macro(m.id)->bodyEn, changed.bodyEn);
    QSignalSpy rejected(agent.engine.get(), &SyncEngine::rejected);
    QVERIFY(agent.settle());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.at(0).at(2).toString(), QStringLiteral("forbidden"));
    QCOMPARE(agent.macro(m.id)->bodyEn, m.bodyEn);
    const QVector<OutboxEntry> outbox = agent.cache.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.at(0).state, OutboxEntry::State::Rejected);
    QCOMPARE(serverMacros(QStringLiteral("a-wangfang")).value(m.id).bodyEn, m.bodyEn);
}

QTEST_GUILESS_MAIN(TestMacroSync)
#include "tst_macrosync.moc"
