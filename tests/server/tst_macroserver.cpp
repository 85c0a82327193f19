// Macros on the real server (--demo) on loopback: who may save and delete which macro, whose
// feed carries it, conflicts on a macro's version and an op applied once (docs/macros.md).
#include "macro.h"
#include "realserver.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;
using SupportDesk::Testing::TestStore;

class TestMacroServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void teamMacroIsTheLeads();
    void ownMacroIsInItsOwnersFeedOnly();
    void conflictOnAStaleVersion();
    void refusedOps();

private:
    QJsonObject save(const QString &agent, const Macro &m, const QString &opId = {});
    QJsonObject remove(const QString &agent, const Macro &m);
    // The macro records of the agent's whole feed, by id, and the feed's last_seq.
    QHash<QString, Macro> feedMacros(const QString &agent, qint64 *lastSeq = nullptr,
                                     QByteArray *raw = nullptr);
    static Macro newMacro(bool own);

    QTemporaryDir m_dir;
    TestStore m_store; // destroyed after m_server: the server goes before its cluster
    std::unique_ptr<RealServer> m_server;
};

Macro TestMacroServer::newMacro(bool own)
{
    Macro m;
    m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m.ownerId = own ? QStringLiteral("me") : QString(); // only the scope travels
    m.name = QStringLiteral("Restart the instance");
    m.bodyZh = QStringLiteral("{{客户}}您好，请重启实例。");
    m.bodyEn = QStringLiteral("Dear {{customer}}, please restart the instance.");
    m.status = TicketStatus::WaitingOnCustomer;
    return m;
}

QJsonObject TestMacroServer::save(const QString &agent, const Macro &m, const QString &opId)
{
    const Operation op = makeMacroOperation(
        opId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : opId, m);
    return m_server->postOp(m_server->token(agent), Json::toJson(op));
}

QJsonObject TestMacroServer::remove(const QString &agent, const Macro &m)
{
    const Operation op
        = makeMacroOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), m, true);
    return m_server->postOp(m_server->token(agent), Json::toJson(op));
}

QHash<QString, Macro> TestMacroServer::feedMacros(const QString &agent, qint64 *lastSeq,
                                                  QByteArray *raw)
{
    QHash<QString, Macro> out;
    qint64 after = 0;
    for (;;) {
        const RealServer::Reply r = m_server->request(
            "GET", QStringLiteral("/changes?after=%1&limit=50").arg(after),
            m_server->token(agent));
        if (r.status != 200)
            return {};
        if (raw)
            *raw += r.raw;
        for (const QJsonValue &v : r.body.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("kind")).toString() != u"macro")
                continue;
            Macro m;
            QStringList errors;
            if (Json::fromJson(c.value(QStringLiteral("data")).toObject(), &m, &errors))
                out.insert(m.id, m);
        }
        after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            break;
    }
    if (lastSeq)
        *lastSeq = after;
    return out;
}

void TestMacroServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // An own macro's record is written beside PostgreSQL's group write: the rules hold on both
    // (SUPPORTDESK_TEST_STORE=postgresql, serverfixture.h).
    const QString problem = m_store.open(m_dir.path(), QStringLiteral("server.db"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString db = m_store.db();
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(db,
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("20"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600") }),
             m_server->log().constData());
    for (const char *id : { "a-zhangwei", "a-lina", "a-wangfang", "a-admin" })
        QVERIFY(!m_server->token(QLatin1String(id)).isEmpty());
}

void TestMacroServer::cleanupTestCase()
{
    m_server.reset();
    m_store.stop();
}

void TestMacroServer::teamMacroIsTheLeads()
{
    Macro m = newMacro(false);
    // An agent can neither create a team macro …
    QJsonObject r = save(QStringLiteral("a-zhangwei"), m);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Rejected);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    // … the lead can, and every agent reads it.
    const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r = save(QStringLiteral("a-wangfang"), m, opId);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Applied);
    QCOMPARE(r.value(QStringLiteral("args")).toArray().at(0).toString(), QStringLiteral("1"));
    // Sent again (a lost answer): applied once.
    r = save(QStringLiteral("a-wangfang"), m, opId);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Duplicate);
    for (const QString &agent : { QStringLiteral("a-zhangwei"), QStringLiteral("a-lina") }) {
        const Macro seen = feedMacros(agent).value(m.id);
        QCOMPARE(seen.bodyZh, m.bodyZh);
        QVERIFY(seen.isTeamMacro());
        QCOMPARE(seen.version, 1);
        QCOMPARE(seen.updatedBy, QStringLiteral("a-wangfang"));
    }
    // … nor change or delete it.
    m.version = 1;
    m.name = QStringLiteral("Mine now");
    r = save(QStringLiteral("a-zhangwei"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    r = remove(QStringLiteral("a-lina"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("forbidden"));
    // Not as an own macro either: a macro keeps its scope.
    Macro own = m;
    own.ownerId = QStringLiteral("a-zhangwei");
    r = save(QStringLiteral("a-zhangwei"), own);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Rejected);
    QCOMPARE(feedMacros(QStringLiteral("a-lina")).value(m.id).name, newMacro(false).name);
    // The lead deletes it: every feed says so.
    r = remove(QStringLiteral("a-wangfang"), m);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Applied);
    QVERIFY(feedMacros(QStringLiteral("a-zhangwei")).value(m.id).deleted);
}

void TestMacroServer::ownMacroIsInItsOwnersFeedOnly()
{
    Macro m = newMacro(true);
    m.name = QStringLiteral("Zhang Wei's secret wording");
    QJsonObject r = save(QStringLiteral("a-zhangwei"), m);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Applied);
    // Read by the others first and then by the owner, and the other way round: a page that
    // holds it is not served to another reader from the page cache.
    for (int round = 0; round < 2; ++round) {
        if (round == 1) {
            m.version = 1;
            m.bodyEn = QStringLiteral("Second wording");
            r = save(QStringLiteral("a-zhangwei"), m);
            QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Applied);
            QCOMPARE(feedMacros(QStringLiteral("a-zhangwei")).value(m.id).bodyEn,
                     m.bodyEn);
        }
        qint64 ownersLastSeq = 0;
        feedMacros(QStringLiteral("a-zhangwei"), &ownersLastSeq);
        for (const QString &other : { QStringLiteral("a-lina"), QStringLiteral("a-wangfang"),
                                      QStringLiteral("a-admin") }) {
            qint64 lastSeq = 0;
            QByteArray raw;
            const QHash<QString, Macro> seen = feedMacros(other, &lastSeq, &raw);
            QVERIFY2(!seen.contains(m.id), qPrintable(other));
            QVERIFY(!raw.contains(m.name.toUtf8()));
            // The reader is not left behind the record it may not see.
            QCOMPARE(lastSeq, ownersLastSeq);
        }
        const Macro mine = feedMacros(QStringLiteral("a-zhangwei")).value(m.id);
        QCOMPARE(mine.ownerId, QStringLiteral("a-zhangwei"));
        QCOMPARE(mine.version, round + 1);
    }
    // Another agent, a lead included, can neither change nor delete it, nor learn it exists.
    m.version = 2;
    for (const QString &other : { QStringLiteral("a-lina"), QStringLiteral("a-wangfang") }) {
        r = save(other, m);
        QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("unknown-macro"));
        r = remove(other, m);
        QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("unknown-macro"));
    }
    QCOMPARE(feedMacros(QStringLiteral("a-zhangwei")).value(m.id).version, 2);
}

void TestMacroServer::conflictOnAStaleVersion()
{
    Macro m = newMacro(false);
    QCOMPARE(save(QStringLiteral("a-wangfang"), m).value(QStringLiteral("result")).toString(),
             OpResult::Applied);
    m.version = 1;
    m.name = QStringLiteral("The admin's name");
    QCOMPARE(save(QStringLiteral("a-admin"), m).value(QStringLiteral("result")).toString(),
             OpResult::Applied);
    m.name = QStringLiteral("The lead's name, on version 1");
    const QJsonObject r = save(QStringLiteral("a-wangfang"), m);
    QCOMPARE(r.value(QStringLiteral("result")).toString(), OpResult::Conflict);
    QCOMPARE(r.value(QStringLiteral("args")).toArray().at(0).toString(), QStringLiteral("2"));
    QCOMPARE(feedMacros(QStringLiteral("a-lina")).value(m.id).name,
             QStringLiteral("The admin's name"));
}

void TestMacroServer::refusedOps()
{
    Macro m = newMacro(true);
    m.id = QStringLiteral("NOT-A-UUID");
    QJsonObject r = save(QStringLiteral("a-lina"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("invalid-op"));
    m = newMacro(true);
    m.bodyZh.clear();
    m.bodyEn = QStringLiteral(" ");
    r = save(QStringLiteral("a-lina"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("invalid-op"));
    // Deleting or editing a macro that does not exist.
    m = newMacro(true);
    r = remove(QStringLiteral("a-lina"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("unknown-macro"));
    m.version = 4;
    r = save(QStringLiteral("a-lina"), m);
    QCOMPARE(r.value(QStringLiteral("code")).toString(), QStringLiteral("unknown-macro"));
}

QTEST_GUILESS_MAIN(TestMacroServer)
#include "tst_macroserver.moc"
