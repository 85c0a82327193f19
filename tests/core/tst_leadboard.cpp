// The lead board's figures on a small dataset whose every number is worked out by hand below.
#include "leadboard.h"
#include "plancatalog.h"

#include <QTest>

using namespace SupportDesk;

static QString key(const char *plan, const char *edition, const char *severity)
{
    return cellKey(QString::fromLatin1(plan), QString::fromLatin1(edition),
                   QString::fromLatin1(severity));
}

class TestLeadBoard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void board();
    void unassignedMostSevereOfAnyPlan();
    void breachingSoonLists();
    void attainment();
    void dailyAttainmentFollowsTheZone();
    void histogram();
    void quotaMonthInShanghai();
    void serviceReport();
    void outcomeAtTheDeadline();

private:
    static QDateTime utc(const char *iso)
    {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
    }
    static TicketFacts ticket(const char *id, const char *edition, const char *severity,
                              const char *created, int targetMinutes, const char *answered,
                              const char *assignee, const char *status = "new",
                              const char *plan = "service-plan");
    QVector<TicketFacts> m_tickets;
    std::optional<CatalogSet> m_catalogs;
    const QDateTime m_now = utc("2026-11-22T10:00:00Z");
};

TicketFacts TestLeadBoard::ticket(const char *id, const char *edition, const char *severity,
                                  const char *created, int targetMinutes, const char *answered,
                                  const char *assignee, const char *status, const char *plan)
{
    TicketFacts t;
    t.id = QString::fromLatin1(id);
    t.planId = QString::fromLatin1(plan);
    t.editionId = QString::fromLatin1(edition);
    t.severity = QString::fromLatin1(severity);
    t.status = QString::fromLatin1(status);
    t.assigneeId = QString::fromLatin1(assignee);
    t.customerId = QStringLiteral("c1");
    t.createdAt = utc(created);
    t.dueAt = t.createdAt.addSecs(targetMinutes * 60);
    if (answered)
        t.firstResponseAt = utc(answered);
    return t;
}

void TestLeadBoard::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY(m_catalogs);
    // now = 10:00 UTC; at-risk fraction 1/4.
    m_tickets = {
        // 300 s left of 900: on track (at risk from 225 s). Nobody on it.
        ticket("A", "s2-enterprise", "business-down", "2026-11-22T09:50:00Z", 15, nullptr, ""),
        // 120 s left: at risk.
        ticket("B", "s2-enterprise", "business-down", "2026-11-22T09:47:00Z", 15, nullptr, "ann"),
        // Due 09:50: breached, 600 s overdue.
        ticket("C", "s2-enterprise", "business-degraded", "2026-11-22T09:20:00Z", 30, nullptr, "ann"),
        // Answered 30 min after creation, due after 2 h: in time; still open.
        ticket("D", "s3-commercial", "consultation", "2026-11-22T09:00:00Z", 120,
               "2026-11-22T09:30:00Z", "bob", "accepted"),
        // Due 09:00, answered 09:10: late; still open.
        ticket("E", "s3-commercial", "consultation", "2026-11-22T07:00:00Z", 120,
               "2026-11-22T09:10:00Z", "bob", "waiting-on-customer"),
        // Answered in 5 min and resolved: not on the board, but in attainment.
        ticket("F", "s2-enterprise", "business-down", "2026-11-22T08:00:00Z", 15,
               "2026-11-22T08:05:00Z", "ann", "resolved"),
        // Partner Standard, 8 h target: 7 h left.
        ticket("G", "standard", "business-degraded", "2026-11-22T09:00:00Z", 480, nullptr, "bob",
               "new", "partner-plan"),
        // Created now: 900 s left, unassigned business-down.
        ticket("H", "s2-enterprise", "business-down", "2026-11-22T10:00:00Z", 15, nullptr, ""),
        // S3 business-down, 30 min target: 1200 s left.
        ticket("I", "s3-commercial", "business-down", "2026-11-22T09:50:00Z", 30, nullptr, "bob"),
        // Either side of midnight in Shanghai (16:00 UTC), both answered in time and closed.
        ticket("J", "s2-enterprise", "consultation", "2026-11-21T15:59:59Z", 60,
               "2026-11-21T16:10:00Z", "ann", "closed"),
        ticket("K", "s2-enterprise", "consultation", "2026-11-21T16:00:00Z", 60,
               "2026-11-21T16:10:00Z", "ann", "closed"),
    };
}

void TestLeadBoard::board()
{
    const BoardSnapshot b = computeBoard(m_tickets, *m_catalogs, m_now, 0.25);
    QCOMPARE(b.open, 8); // A B C D E G H I
    QCOMPARE(b.atRisk, 1); // B
    QCOMPARE(b.breached, 1); // C
    QCOMPARE(b.unassignedBusinessDown, 2); // A H

    const BoardCell down = b.cells.value(key("service-plan", "s2-enterprise", "business-down"));
    QCOMPARE(down.open, 3);
    QCOMPARE(down.atRisk, 1);
    QCOMPARE(down.worst, SlaState::AtRisk);
    QCOMPARE(b.cells.value(key("service-plan", "s2-enterprise", "business-degraded")).worst,
             SlaState::Breached);
    const BoardCell consult = b.cells.value(key("service-plan", "s3-commercial", "consultation"));
    QCOMPARE(consult.open, 2);
    QCOMPARE(consult.worst, SlaState::RespondedLate);
    QCOMPARE(b.cells.value(key("partner-plan", "standard", "business-degraded")).worst,
             SlaState::OnTrack);
    QVERIFY(!b.cells.contains(key("service-plan", "s2-enterprise", "consultation")));

    QCOMPARE(b.agents.size(), 3);
    QCOMPARE(b.agents.at(0).agentId, QStringLiteral("ann")); // the one with a breach first
    QCOMPARE(b.agents.at(0).open, 2);
    QCOMPARE(b.agents.at(0).atRisk, 1);
    QCOMPARE(b.agents.at(0).breached, 1);
    QCOMPARE(b.agents.at(0).oldestWaitingSince, utc("2026-11-22T09:20:00Z"));
    QCOMPARE(b.agents.at(1).agentId, QStringLiteral("bob"));
    QCOMPARE(b.agents.at(1).open, 4);
    QCOMPARE(b.agents.at(1).oldestWaitingSince, utc("2026-11-22T09:00:00Z")); // G; D, E answered
    QCOMPARE(b.agents.at(2).agentId, QString()); // unassigned
    QCOMPARE(b.agents.at(2).open, 2);
}

// "Unassigned most severe" is the plan's first severity whatever its id (the board once
// counted only the literal id business-down, the notifier the plan's first level).
void TestLeadBoard::unassignedMostSevereOfAnyPlan()
{
    const PlanCatalog *service = m_catalogs->plan(u"service-plan");
    QVERIFY(service);
    QByteArray json = service->json();
    json.replace("\"business-down\"", "\"outage\"").replace("\"service-plan\"", "\"own-plan\"");
    QStringList errors;
    const auto own = PlanCatalog::fromJson(json, &errors);
    QVERIFY2(own, qPrintable(errors.join(u'\n')));
    QCOMPARE(own->severities().constFirst().id, QStringLiteral("outage"));
    CatalogSet catalogs = *m_catalogs;
    catalogs.insert(*own);

    QVERIFY(catalogs.isMostSevere(u"own-plan", u"outage"));
    QVERIFY(!catalogs.isMostSevere(u"own-plan", u"business-down"));
    QVERIFY(!catalogs.isMostSevere(u"own-plan", u"business-degraded"));
    QVERIFY(catalogs.isMostSevere(u"partner-plan", u"business-down"));
    QVERIFY(!catalogs.isMostSevere(u"partner-plan", u"production-abnormal"));
    // A plan the desk does not know: the id both built-in catalogs give their first level.
    QVERIFY(catalogs.isMostSevere(u"unknown-plan", u"business-down"));

    const QVector<TicketFacts> tickets{
        ticket("O1", "s2-enterprise", "outage", "2026-11-22T09:55:00Z", 15, nullptr, "", "new",
               "own-plan"),
        ticket("O2", "s2-enterprise", "business-degraded", "2026-11-22T09:55:00Z", 30, nullptr,
               "", "new", "own-plan"),
        ticket("O3", "s2-enterprise", "outage", "2026-11-22T09:55:00Z", 15, nullptr, "ann",
               "new", "own-plan"),
        ticket("O4", "s2-enterprise", "outage", "2026-11-22T09:55:00Z", 15,
               "2026-11-22T09:56:00Z", "", "new", "own-plan"),
        ticket("O5", "s2-enterprise", "outage", "2026-11-22T09:55:00Z", 15, nullptr, "",
               "resolved", "own-plan"),
        ticket("U1", "x", "business-down", "2026-11-22T09:55:00Z", 15, nullptr, "", "new",
               "unknown-plan"),
    };
    QStringList counted;
    for (const TicketFacts &t : tickets) {
        if (isUnassignedMostSevere(t, catalogs))
            counted.append(t.id);
    }
    QCOMPARE(counted, (QStringList{QStringLiteral("O1"), QStringLiteral("U1")}));
    QCOMPARE(computeBoard(tickets, catalogs, m_now, 0.25).unassignedBusinessDown, 2);
}

void TestLeadBoard::breachingSoonLists()
{
    const BoardSnapshot b = computeBoard(m_tickets, *m_catalogs, m_now, 0.25);
    const auto ids = [](const QVector<Imminent> &list) {
        QStringList out;
        for (const Imminent &i : list)
            out.append(i.ticketId);
        return out;
    };
    QCOMPARE(ids(breachingWithin(b, 15)), (QStringList{"B", "A", "H"})); // by deadline
    QCOMPARE(ids(breachingWithin(b, 30)), (QStringList{"B", "A", "H", "I"}));
    QCOMPARE(ids(breachingWithin(b, 60)), (QStringList{"B", "A", "H", "I"}));
    QCOMPARE(breachingWithin(b, 15).first().secondsLeft, 120);
    // Looking 5 minutes ahead: B (2 min) only; at 300 s A is exactly on the edge and counts.
    QCOMPARE(ids(breachingWithin(b, 5)), (QStringList{"B", "A"}));
}

void TestLeadBoard::attainment()
{
    const Attainment a = computeAttainment(m_tickets, utc("2026-11-22T00:00:00Z"),
                                           utc("2026-11-23T00:00:00Z"), m_now);
    // Decided: C (breached, unanswered), D (in time), E (late), F (in time).
    QCOMPARE(a.overall.answered, 3);
    QCOMPARE(a.overall.inTime, 2);
    QCOMPARE(a.overall.breachedOpen, 1);
    QCOMPARE(a.overall.share(), 0.5);
    QCOMPARE(a.cells.value(key("service-plan", "s2-enterprise", "business-down")).share(), 1.0);
    QCOMPARE(a.cells.value(key("service-plan", "s2-enterprise", "business-degraded")).share(), 0.0);
    QCOMPARE(a.cells.value(key("service-plan", "s3-commercial", "consultation")).share(), 0.5);
    // Undecided cells exist but have no share yet.
    QCOMPARE(a.cells.value(key("partner-plan", "standard", "business-degraded")).share(), -1.0);
    // An hour later A (due 10:05) and B (10:02) have breached too, unanswered.
    const Attainment later = computeAttainment(m_tickets, utc("2026-11-22T00:00:00Z"),
                                               utc("2026-11-23T00:00:00Z"), m_now.addSecs(3600));
    QCOMPARE(later.overall.breachedOpen, 5); // A B C H I
    QCOMPARE(later.overall.decided(), 8);
}

void TestLeadBoard::dailyAttainmentFollowsTheZone()
{
    const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
    const auto days = dailyAttainment(m_tickets, QDate(2026, 11, 21), QDate(2026, 11, 22),
                                      shanghai, m_now);
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(0).day, QDate(2026, 11, 21));
    QCOMPARE(days.at(0).cell.decided(), 1); // J, 23:59:59 in Shanghai
    QCOMPARE(days.at(1).cell.decided(), 5); // K at 00:00 in Shanghai, C D E F
    QCOMPARE(days.at(1).cell.inTime, 3);     // K D F
    // In UTC both J and K fall on the 21st.
    const auto utcDays = dailyAttainment(m_tickets, QDate(2026, 11, 21), QDate(2026, 11, 21),
                                         QTimeZone::utc(), m_now);
    QCOMPARE(utcDays.at(0).cell.decided(), 2);
}

void TestLeadBoard::histogram()
{
    // Response times: D 30 min, E 130 min, F 5 min (J and K are the day before).
    const QVector<int> counts = firstResponseHistogram(m_tickets, utc("2026-11-22T00:00:00Z"),
                                                       utc("2026-11-23T00:00:00Z"), {5, 15, 60});
    QCOMPARE(counts, (QVector<int>{0, 1, 1, 1})); // F at exactly 5 min goes in 5–15
}

void TestLeadBoard::quotaMonthInShanghai()
{
    // 16:30 UTC on 30 November is 00:30 on 1 December in Shanghai: December's quota month.
    const QDateTime now = utc("2026-11-30T16:30:00Z");
    Customer p1;
    p1.id = QStringLiteral("p1");
    p1.planId = QStringLiteral("partner-plan");
    p1.editionId = QStringLiteral("standard");
    Customer p2 = p1;
    p2.id = QStringLiteral("p2");
    p2.editionId = QStringLiteral("commercial");
    Customer s1 = p1;
    s1.id = QStringLiteral("s1");
    s1.planId = QStringLiteral("service-plan");
    s1.editionId = QStringLiteral("s1-flagship");
    QVector<TicketFacts> tickets;
    for (const char *at : {"2026-11-30T15:59:59Z", "2026-11-30T16:00:00Z", "2026-11-30T16:10:00Z"}) {
        TicketFacts t = ticket(at, "standard", "consultation", at, 960, nullptr, "", "new",
                               "partner-plan");
        t.customerId = QStringLiteral("p1");
        tickets.append(t);
    }
    tickets.last().flags = QStringList{QStringLiteral("over-quota")};
    tickets.last().quotaOverrideReason = QStringLiteral("production outage");
    TicketFacts other = tickets.last();
    other.customerId = QStringLiteral("s1");
    tickets.append(other);

    const QVector<QuotaRow> rows = quotaUse(tickets, {p2, s1, p1}, *m_catalogs, now);
    QCOMPARE(rows.size(), 2); // the service plan has no quota
    QCOMPARE(rows.at(0).customerId, QStringLiteral("p1")); // 2 of 10 before 0 of 30
    QCOMPARE(rows.at(0).used, 2);
    QCOMPARE(rows.at(0).limit, 10);
    QCOMPARE(rows.at(0).overQuota.size(), 1);
    QCOMPARE(rows.at(0).overQuota.first().quotaOverrideReason, QStringLiteral("production outage"));
    QCOMPARE(rows.at(1).customerId, QStringLiteral("p2"));
    QCOMPARE(rows.at(1).used, 0);
    QCOMPARE(rows.at(1).limit, 30);
    // A customer in its own zone: in UTC the three tickets are all still November.
    p1.timeZone = QStringLiteral("UTC");
    QCOMPARE(quotaUse(tickets, {p1}, *m_catalogs, now).first().used, 3);
    // A duplicate merged into another of the customer's tickets is one request with it
    // (countsTowardQuota, issue 17): not counted, and not listed over quota either.
    tickets[2].merged = true;
    const QuotaRow merged = quotaUse(tickets, {p1}, *m_catalogs, now).first();
    QCOMPARE(merged.used, 2);
    QVERIFY(merged.overQuota.isEmpty());
}

void TestLeadBoard::serviceReport()
{
    Customer c1;
    c1.id = QStringLiteral("c1");
    c1.planId = QStringLiteral("service-plan");
    c1.editionId = QStringLiteral("s2-enterprise");
    QVector<TicketFacts> tickets = m_tickets;
    tickets[2].flags = QStringList{QStringLiteral("over-quota")}; // C, as if flagged
    const QVector<SeverityChange> changes{
            {QString(), QStringLiteral("C"), QStringLiteral("business-down"),
             QStringLiteral("business-degraded"), QStringLiteral("only the admin page fails"),
             QStringLiteral("ann"), utc("2026-11-22T09:25:00Z")},
            {QString(), QStringLiteral("elsewhere"), QStringLiteral("consultation"),
             QStringLiteral("business-down"), QStringLiteral("not this customer"),
             QStringLiteral("bob"), utc("2026-11-22T09:26:00Z")}};
    // November 2026 in Shanghai: 31 Oct 16:00 UTC to 30 Nov 16:00 UTC — every ticket above.
    const ServiceReport r = computeServiceReport(c1, tickets, changes, *m_catalogs, 2026, 11, m_now);
    QCOMPARE(r.start, utc("2026-10-31T16:00:00Z"));
    QCOMPARE(r.end, utc("2026-11-30T16:00:00Z"));
    QCOMPARE(r.tickets, 11);
    QCOMPARE(r.bySeverity.value(QStringLiteral("business-down")), 5); // A B F H I
    QCOMPARE(r.bySeverity.value(QStringLiteral("consultation")), 4);  // D E J K
    QCOMPARE(r.breaches.size(), 2); // C unanswered past due, E answered late
    QCOMPARE(r.reclassifications.size(), 1);
    QCOMPARE(r.reclassifications.first().reason, QStringLiteral("only the admin page fails"));
    QCOMPARE(r.overQuota.size(), 1);
    QCOMPARE(r.attainment.overall.decided(), 6); // C D E F J K
    QCOMPARE(r.attainment.overall.inTime, 4);     // D F J K
    // October has none of them.
    QCOMPARE(computeServiceReport(c1, tickets, changes, *m_catalogs, 2026, 10, m_now).tickets, 0);
}

// One definition of how a ticket counts (attainment, the board's day grid, a report's
// breaches): a response at the deadline's exact millisecond is late, an unanswered ticket is
// breached from that millisecond, an answer without a deadline is decided but never in time.
void TestLeadBoard::outcomeAtTheDeadline()
{
    const qint64 due = utc("2026-11-22T10:00:00Z").toMSecsSinceEpoch();
    QCOMPARE(responseOutcome(due, due - 1, due + 5), ResponseOutcome::InTime);
    QCOMPARE(responseOutcome(due, due, due + 5), ResponseOutcome::Late);
    QCOMPARE(responseOutcome(0, due, due + 5), ResponseOutcome::AnsweredWithoutTarget);
    QCOMPARE(responseOutcome(due, 0, due - 1), ResponseOutcome::Undecided);
    QCOMPARE(responseOutcome(due, 0, due), ResponseOutcome::BreachedOpen);
    QCOMPARE(responseOutcome(0, 0, due), ResponseOutcome::Undecided);
    // A duplicate merged away unanswered: neither met nor breached, its deadline long past;
    // answered before the merge, its answer counts (docs/merge.md).
    QCOMPARE(responseOutcome(due, 0, due + 5, true), ResponseOutcome::MergedAway);
    QCOMPARE(responseOutcome(due, due - 1, due + 5, true), ResponseOutcome::InTime);
    QCOMPARE(responseOutcome(due, due, due + 5, true), ResponseOutcome::Late);
    AttainmentCell cell;
    QVERIFY(!cell.add(ResponseOutcome::MergedAway));
    for (const ResponseOutcome o : {ResponseOutcome::InTime, ResponseOutcome::Late,
                                    ResponseOutcome::AnsweredWithoutTarget,
                                    ResponseOutcome::BreachedOpen, ResponseOutcome::Undecided,
                                    ResponseOutcome::MergedAway})
        cell.add(o);
    QCOMPARE(cell.answered, 3);
    QCOMPARE(cell.inTime, 1);
    QCOMPARE(cell.breachedOpen, 1);
    QCOMPARE(cell.decided(), 4);
    // The report's breaches: late or breached open, as the state's clock says.
    const ResponseTimes times{utc("2026-11-22T09:45:00Z"), utc("2026-11-22T10:00:00Z"),
                              utc("2026-11-22T10:00:00Z")};
    QCOMPARE(ResponseClock::status(times, utc("2026-11-22T11:00:00Z")).state,
             SlaState::RespondedLate);
}

QTEST_GUILESS_MAIN(TestLeadBoard)
#include "tst_leadboard.moc"
