// A merge made offline reaches the real server exactly once (docs/merge.md): the desk's preview
// closes the duplicate at once; back online, with the first answer lost on the way so the op
// is sent again, the server merges it once, and the feed brings the moved note under the
// target into the cache.
#include "merge.h"
#include "syncclient.h"
#include "ticketedit.h"

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

} // namespace

class TestMergeSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void offlineMergeSentOnce();

private:
    QString create(const QString &subject);

    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    const QString Lead = QStringLiteral("a-wangfang");
};

void TestMergeSync::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("10"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600") }),
             m_server->log().constData());
}

QString TestMergeSync::create(const QString &subject)
{
    TicketEdit e;
    e.type = OpType::CreateTicket;
    e.customerId = QStringLiteral("p-northwind");
    e.subClient = QStringLiteral("p-northwind-sub-1");
    e.subject = subject;
    e.body = subject;
    e.channel = QStringLiteral("ticket");
    e.severity = QStringLiteral("consultation");
    e.quotaOverrideReason = QStringLiteral("test of merge");
    const QString id = uuid();
    const QJsonObject r = m_server->postOp(m_server->token(Lead),
                                           Json::toJson(makeOperation(uuid(), id, 0, e)));
    return r.value(QStringLiteral("result")).toString() == OpResult::Applied ? id : QString();
}

void TestMergeSync::offlineMergeSentOnce()
{
    const QString dup = create(QStringLiteral("Offline merge: duplicate"));
    const QString into = create(QStringLiteral("Offline merge: target"));
    QVERIFY(!dup.isEmpty() && !into.isEmpty());
    SyncClient client(*m_server, m_dir.filePath(QStringLiteral("lead.sqlite")),
                      m_server->token(Lead));
    client.engine->start();
    // A note on the duplicate, which the merge must move.
    TicketEdit note;
    note.type = OpType::Note;
    note.messageId = uuid();
    note.body = QStringLiteral("Customer called about this too.");
    QVERIFY(client.settle());
    QVERIFY(client.cache.saveEdit(makeOperation(uuid(), dup, client.cache.ticket(dup)->version,
                                                note, QDateTime::currentDateTimeUtc())));
    QVERIFY(client.settle());
    m_server->stop();

    TicketEdit merge;
    merge.type = OpType::Merge;
    merge.targetId = into;
    const Ticket before = *client.cache.ticket(dup);
    QVERIFY(client.cache.saveEdit(
            makeOperation(uuid(), dup, before.version, merge, QDateTime::currentDateTimeUtc())));
    // The preview: closed as merged at once, offline.
    QCOMPARE(client.cache.ticket(dup)->status, TicketStatus::Closed);
    QCOMPARE(client.cache.ticket(dup)->mergedInto, into);
    client.engine->syncNow();
    QTRY_COMPARE_WITH_TIMEOUT(client.engine->state(), SyncState::Offline, 10000);
    QCOMPARE(client.cache.pendingCount(), 1);

    QVERIFY2(m_server->restart(), m_server->log().constData());
    client.faults.inject(FakeQNAM::Fault::LoseReply, QStringLiteral("/ops"));
    QVERIFY(client.settle());
    QVERIFY(client.settle());
    QCOMPARE(client.faults.pendingFaults(), 0);
    QVERIFY(client.cache.outbox().isEmpty());

    // Once on the server: one merged-into event, one notice, the target listing it once.
    const RealServer::State s = m_server->state(m_server->token(Lead));
    QCOMPARE(s.tickets.value(dup).mergedInto, into);
    QCOMPARE(s.tickets.value(into).mergedFrom, QStringList { dup });
    int events = 0, notices = 0;
    for (const Message &m : s.messages.value(dup)) {
        events += m.event == u"merged-into";
        notices += m.kind == MessageKind::Public;
    }
    QCOMPARE(events, 1);
    QCOMPARE(notices, 1);
    // The cache as the server: the note under the target now, the duplicate merged.
    QCOMPARE(client.cache.ticket(dup)->mergedInto, into);
    QCOMPARE(client.cache.ticket(into)->mergedFrom, QStringList { dup });
    const auto has = [&](const QString &ticketId) {
        for (const Message &m : client.cache.messages(ticketId))
            if (m.id == note.messageId)
                return true;
        return false;
    };
    QVERIFY(has(into));
    QVERIFY(!has(dup));
}

QTEST_GUILESS_MAIN(TestMergeSync)
#include "tst_mergesync.moc"
