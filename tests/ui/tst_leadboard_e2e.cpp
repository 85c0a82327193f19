// The lead board's numbers against a dataset made on the real server (demo customers and
// agents, no backlog): tickets created, answered and flagged through a lead's own desk, the
// figures worked out here from the catalog's targets, at two instants. Also: a one-click
// reassignment reaching the server, and an agent's token refused on the lead routes.
#include "desksession.h"
#include "leadboardmodel.h"
#include "plancatalog.h"
#include "realserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Operation op(const QString &type, const QString &ticketId, qint64 base, const QJsonObject &payload)
{
    Operation o;
    o.opId = uuid();
    o.type = type;
    o.ticketId = ticketId;
    o.baseVersion = base;
    o.payload = payload;
    o.madeAt = QDateTime::currentDateTimeUtc();
    return o;
}

} // namespace

class TestLeadBoardE2E : public QObject
{
    Q_OBJECT

private slots:
    void boardFiguresFromTheServer();

private:
    QString create(DeskSession &session, const QString &customer, const QString &severity,
                   const QString &subClient = {}, const QString &overrideReason = {});
};

QString TestLeadBoardE2E::create(DeskSession &session, const QString &customer,
                                 const QString &severity, const QString &subClient,
                                 const QString &overrideReason)
{
    const QString id = uuid();
    QJsonObject payload{{QStringLiteral("customer_id"), customer},
                        {QStringLiteral("subject"), QStringLiteral("e2e %1").arg(severity)},
                        {QStringLiteral("body"), QStringLiteral("board test")},
                        {QStringLiteral("channel"), QStringLiteral("ticket")},
                        {QStringLiteral("severity"), severity}};
    if (!subClient.isEmpty())
        payload.insert(QStringLiteral("sub_client"), subClient);
    if (!overrideReason.isEmpty())
        payload.insert(QStringLiteral("quota_override_reason"), overrideReason);
    if (!session.saveEdit(op(QStringLiteral("create-ticket"), id, 0, payload)))
        return {};
    return id;
}

void TestLeadBoardE2E::boardFiguresFromTheServer()
{
    QTemporaryDir dir;
    RealServer server(QStringLiteral(SUPPORTDESK_SERVER));
    // The server's clock stands mid-month at noon in Shanghai: Bluefin's eleven tickets are in
    // one quota month, and so is the board's clock a quarter of an hour later, whenever the
    // test runs (on real time, a run in a month's last 16 minutes, Shanghai time, found the
    // 11th ticket in a new month, or the board counting none of them).
    QVERIFY2(server.start(dir.filePath(QStringLiteral("server.db")),
                          {QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                           QStringLiteral("0"), QStringLiteral("--demo-interval"),
                           QStringLiteral("3600"), QStringLiteral("--fixed-clock"),
                           QStringLiteral("2026-11-16T04:00:00Z")}),
             server.log().constData());
    const QString lead = server.token(QStringLiteral("a-wangfang"));
    const QString agent = server.token(QStringLiteral("a-zhangwei"));
    QVERIFY(!lead.isEmpty() && !agent.isEmpty());

    DeskSession session;
    QCOMPARE(session.open(SessionConfig::forServer(server.url(), lead,
                                                   dir.filePath(QStringLiteral("lead.sqlite")))),
             TicketCache::OpenStatus::Ok);
    QSignalSpy signedIn(&session, &DeskSession::signedIn);
    session.start();
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty() && !session.isLoading(), 20000);
    QCOMPARE(session.cache()->ticketCount(), 0);
    const std::optional<Customer> bluefin = session.cache()->customer(QStringLiteral("p-bluefin"));
    QVERIFY(bluefin && !bluefin->subClients.isEmpty());
    const QString sub = bluefin->subClients.first().account;

    // The dataset.
    const QString a = create(session, QStringLiteral("c-yunfan"), QStringLiteral("business-down"));
    const QString b = create(session, QStringLiteral("c-yunfan"), QStringLiteral("consultation"));
    const QString c = create(session, QStringLiteral("c-xiaomai"), QStringLiteral("business-down"));
    const QString d = create(session, QStringLiteral("c-xiaomai"), QStringLiteral("consultation"));
    QStringList partner;
    for (int i = 0; i < 10; ++i)
        partner << create(session, QStringLiteral("p-bluefin"), QStringLiteral("consultation"), sub);
    const QString over = create(session, QStringLiteral("p-bluefin"),
                                QStringLiteral("consultation"), sub,
                                QStringLiteral("outage at the sub-client"));
    for (const QString &id : QStringList{a, b, c, d, over})
        QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    QCOMPARE(session.cache()->outbox().size(), 0); // none refused
    // B answered, D taken by an agent.
    QVERIFY(session.saveEdit(op(QStringLiteral("reply"), b, session.cache()->ticket(b)->version,
                                {{QStringLiteral("message_id"), uuid()},
                                 {QStringLiteral("body"), QStringLiteral("Answer")}})));
    QVERIFY(session.saveEdit(op(QStringLiteral("assign"), d, session.cache()->ticket(d)->version,
                                {{QStringLiteral("assignee_id"), QStringLiteral("a-zhangwei")}})));
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    QCOMPARE(session.cache()->ticketCount(), 15);

    // The figures, worked out from the catalog: the server stamped the deadlines.
    const Ticket ta = *session.cache()->ticket(a);
    const Ticket tc = *session.cache()->ticket(c);
    const PlanCatalog *service = session.catalogs().plan(u"service-plan");
    QVERIFY(service);
    QCOMPARE(ta.createdAt.secsTo(ta.dueAt),
             qint64(*service->targetMinutes(u"s1-flagship", u"business-down")) * 60);
    const int targetC = *service->targetMinutes(u"s4-basic", u"business-down");
    QVERIFY(targetC >= 60); // so it is on track below
    QVERIFY(session.cache()->ticket(b)->firstResponseAt.isValid());
    QVERIFY(session.cache()->ticket(over)->flags.contains(QStringLiteral("over-quota")));

    LeadBoardModel board(&session);
    ManualClock clock(ta.dueAt.addSecs(-60)); // A: one minute left of 15: at risk
    board.setClock(&clock);
    board.reload();
    QCOMPARE(board.board().open, 15);
    QCOMPARE(board.board().atRisk, 1);
    QCOMPARE(board.board().breached, 0);
    QCOMPARE(board.board().unassignedBusinessDown, 2); // A and C
    // A minute after A's deadline it is breached; nothing else is due yet.
    clock.set(ta.dueAt.addSecs(60));
    board.recompute();
    QCOMPARE(board.board().atRisk, 0);
    QCOMPARE(board.board().breached, 1);
    // Partner quota: 11 of 10, the over-quota ticket with its reason.
    bool found = false;
    for (const QuotaRow &row : board.quota()) {
        if (row.customerId != u"p-bluefin")
            continue;
        found = true;
        QCOMPARE(row.used, 11);
        QCOMPARE(row.limit, 10);
        QCOMPARE(row.overQuota.size(), 1);
        QCOMPARE(row.overQuota.first().id, over);
    }
    QVERIFY(found);

    // One-click reassignment: on the server, and off the unassigned tile.
    QString error;
    QVERIFY2(board.reassign(a, QStringLiteral("a-zhangwei"), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    QCOMPARE(server.state(lead).tickets.value(a).assigneeId, QStringLiteral("a-zhangwei"));
    QTRY_COMPARE_WITH_TIMEOUT(board.board().unassignedBusinessDown, 1, 5000);

    // An agent is refused the lead routes, but may restate an over-quota ticket's reason:
    // the same rule as taking it in past the quota (overridesQuota), still flagged for the lead.
    QCOMPARE(server.request("GET", QStringLiteral("/reports/attainment"), agent).status, 403);
    QCOMPARE(server.request("PUT", QStringLiteral("/settings"), agent,
                            {{QStringLiteral("at_risk_fraction"), 0.5}})
                     .status,
             403);
    const QJsonObject restated = server.postOp(
            agent, {{QStringLiteral("op_id"), uuid()},
                    {QStringLiteral("type"), QStringLiteral("quota-override")},
                    {QStringLiteral("ticket_id"), over},
                    {QStringLiteral("base_version"), session.cache()->ticket(over)->version},
                    {QStringLiteral("payload"),
                     QJsonObject{{QStringLiteral("reason"), QStringLiteral("outage spreads")}}}});
    QCOMPARE(restated.value(QStringLiteral("result")).toString(), QStringLiteral("applied"));
    const Ticket flagged = server.state(lead).tickets.value(over);
    QVERIFY(flagged.flags.contains(TicketFlag::OverQuota));
    QCOMPARE(flagged.quotaOverrideReason, QStringLiteral("outage spreads"));
    session.stop();
}

QTEST_MAIN(TestLeadBoardE2E)
#include "tst_leadboard_e2e.moc"
