// An older desk and a newer server (issue 17, docs/api.md "Compatibility: an older desk and a
// newer server"), end to end through the real supportdesk-server: its database is given records
// as a newer server writes them — a customer whose language this build does not know, an agent
// with a role it does not know, a ticket with a status it does not know and a message of a kind
// it does not know — and a desk's sync reads them all, keeps each whole, and takes each unknown
// value as unknown: the customer's language guessed, the agent least privileged.
#include "macro.h"
#include "recordnames.h"
#include "recordsync.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestNewerServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void olderDeskReadsTheNewerRecords();

private:
    // Sets `field` of one stored record to `value`, as a newer server would have written it.
    bool rewrite(const char *kind, const QString &id, const char *field, const char *value);

    RecordSyncServer m_demo;
    QString m_db;
    QString m_ticketId; // c-yunfan's first ticket, given the unknown status
    QString m_messageId; // a message of it, given the unknown kind
};

bool TestNewerServer::rewrite(const char *kind, const QString &id, const char *field,
                              const char *value)
{
    QSqlDatabase db = QSqlDatabase::database(QStringLiteral("newer"));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE records SET data = json_set(data, ?, ?) "
                             "WHERE kind = ? AND id = ?"));
    q.addBindValue(QStringLiteral("$.%1").arg(QLatin1String(field)));
    q.addBindValue(QString::fromUtf8(value));
    q.addBindValue(QString::fromLatin1(kind));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

void TestNewerServer::initTestCase()
{
    const QString started = m_demo.start(20);
    QVERIFY2(started.isEmpty(), qPrintable(started));
    // The server stopped while its records are rewritten, then started again on them.
    m_demo.server().stop();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("newer"));
        db.setDatabaseName(m_demo.server().databasePath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT t.id, m.id FROM records t JOIN records m "
                                      "ON m.kind = 'message' AND "
                                      "json_extract(m.data, '$.ticket_id') = t.id "
                                      "WHERE t.kind = 'ticket' AND "
                                      "json_extract(t.data, '$.customer_id') = 'c-yunfan' "
                                      "ORDER BY t.seq, m.seq LIMIT 1")));
        QVERIFY2(q.next(), "the demo has no ticket of c-yunfan with a message");
        m_ticketId = q.value(0).toString();
        m_messageId = q.value(1).toString();
        q.finish();
        QVERIFY(rewrite("customer", QStringLiteral("c-yunfan"), "language", "ja"));
        QVERIFY(rewrite("agent", QStringLiteral("a-rahul"), "role", "supervisor"));
        QVERIFY(rewrite("ticket", m_ticketId, "status", "on-hold"));
        QVERIFY(rewrite("message", m_messageId, "kind", "voice-call"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("newer"));
    QVERIFY2(m_demo.server().restart(), m_demo.server().log().constData());
}

void TestNewerServer::olderDeskReadsTheNewerRecords()
{
    SyncClient desk(m_demo.server(), m_demo.newCachePath(), m_demo.token(QStringLiteral("a-lina")));
    QSignalSpy errors(desk.engine.get(), &SyncEngine::error);
    desk.engine->start();
    QVERIFY(desk.settle());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));

    // The customer: kept with the language as the server wrote it, read as not known, so the
    // desk answers in the language the ticket is written in.
    const std::optional<Customer> customer = desk.cache.customer(QStringLiteral("c-yunfan"));
    QVERIFY(customer);
    QCOMPARE(customer->language, QStringLiteral("ja"));
    QVERIFY(!CustomerLanguage::fromId(customer->language));

    // Its ticket: shown with the status as written, marked unknown, and counted open.
    const std::optional<Ticket> ticket = desk.cache.ticket(m_ticketId);
    QVERIFY(ticket);
    QCOMPARE(ticket->customerId, QStringLiteral("c-yunfan"));
    QCOMPARE(ticket->status, QStringLiteral("on-hold"));
    QVERIFY(TicketStatus::isOpen(ticket->status));
    QVERIFY(statusName(ticket->status).contains(QStringLiteral("on-hold")));
    QVERIFY(statusName(ticket->status) != ticket->status);
    QCOMPARE(customerLanguage(*ticket, customer), writtenLanguage(*ticket));

    // The message: kept, of the kind as written.
    bool found = false;
    for (const Message &m : desk.cache.messages(m_ticketId)) {
        if (m.id == m_messageId) {
            found = true;
            QCOMPARE(m.kind, QStringLiteral("voice-call"));
        }
    }
    QVERIFY(found);

    // The agent: kept with the role as written, least privileged: offered no ticket, leading
    // nothing, overriding no quota, editing no team macro.
    std::optional<Agent> rahul;
    for (const Agent &a : desk.cache.agents()) {
        if (a.id == u"a-rahul")
            rahul = a;
    }
    QVERIFY(rahul);
    QCOMPARE(rahul->role, AgentRole::Unknown);
    QCOMPARE(roleId(*rahul), QStringLiteral("supervisor"));
    QVERIFY(!rahul->takesTickets());
    QVERIFY(!rahul->leadsTeam());
    QVERIFY(!rahul->overridesQuota());
    QVERIFY(!canEditMacro(*rahul, Macro()));

    // Every other record came too: each of the server's tickets is in the cache.
    const RealServer::State server = m_demo.server().state(m_demo.token(QStringLiteral("a-lina")));
    QVERIFY(server.ok);
    QVERIFY(server.tickets.size() >= 20);
    for (const QString &id : server.tickets.keys())
        QVERIFY2(desk.cache.ticket(id), qPrintable(id));
}

QTEST_GUILESS_MAIN(TestNewerServer)
#include "tst_newerserver_e2e.moc"
