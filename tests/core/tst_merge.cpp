// Merge and link in core: the ops through the one codec and applyEdit(), their refusals and
// their effects on both tickets (docs/merge.md).
#include "cachecodec.h"
#include "merge.h"
#include "plancatalog.h"
#include "ticketedit.h"
#include "ticketlink.h"

#include <QTest>

using namespace SupportDesk;

class TestMerge : public QObject
{
    Q_OBJECT

private slots:
    void opRoundTrip_data();
    void opRoundTrip();
    void missingTargetRefusedNamingTheField();
    void mergeMovesTheDuplicateIntoTheTarget();
    void deadlineIsTheEarlierWhileBothClocksRun();
    void reclassifyKeepsTheMergedWait();
    void noticeInTheCustomersLanguage();
    void refusals_data();
    void refusals();
    void refusalsAreWorded();
    void linkBothWaysAndUnlink();
    void linkRefusals();
    void mergeCarriesLinks();
    void cacheKeepsMergeAndLinks();
};

namespace {

const QDateTime T0(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

Ticket ticket(const QString &id, qint64 number, const QString &customer = QStringLiteral("c-1"))
{
    Ticket t;
    t.id = id;
    t.number = number;
    t.customerId = customer;
    t.subject = QStringLiteral("VPN drops every hour");
    t.status = TicketStatus::Accepted;
    t.channel = QStringLiteral("ticket");
    t.severity = QStringLiteral("consultation");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s3-commercial");
    t.assigneeId = QStringLiteral("a-li");
    t.createdAt = T0;
    t.dueAt = T0.addSecs(3600);
    t.version = 3;
    return t;
}

const QString Dup = QStringLiteral("11111111-0000-0000-0000-000000000001");
const QString Target = QStringLiteral("11111111-0000-0000-0000-000000000002");

struct World
{
    QHash<QString, Ticket> tickets;
    EditContext context(AgentRole role = AgentRole::Agent, const QString &id = "a-li")
    {
        EditContext c;
        c.actor.id = id;
        c.actor.name = QStringLiteral("李伟");
        c.actor.role = role;
        c.at = T0.addSecs(600);
        c.findTicket = [this](const QString &id) -> std::optional<Ticket> {
            if (!tickets.contains(id))
                return std::nullopt;
            return tickets.value(id);
        };
        return c;
    }
};

TicketEdit edit(OpType type, const QString &target)
{
    TicketEdit e;
    e.type = type;
    e.targetId = target;
    return e;
}

} // namespace

void TestMerge::opRoundTrip_data()
{
    QTest::addColumn<QString>("type");
    QTest::newRow("merge") << QStringLiteral("merge");
    QTest::newRow("link") << QStringLiteral("link");
    QTest::newRow("unlink") << QStringLiteral("unlink");
}

void TestMerge::opRoundTrip()
{
    QFETCH(QString, type);
    const std::optional<OpType> t = opTypeFromName(type);
    QVERIFY(t);
    const Operation op = makeOperation(QStringLiteral("op-1"), Dup, 3, edit(*t, Target));
    QCOMPARE(op.type, type);
    QCOMPARE(op.payload.value(QStringLiteral("target_id")).toString(), Target);
    QString problem;
    const std::optional<TicketEdit> back = decodeEdit(op, &problem);
    QVERIFY2(back, qPrintable(problem));
    QCOMPARE(back->targetId, Target);
}

void TestMerge::missingTargetRefusedNamingTheField()
{
    Operation op = makeOperation(QStringLiteral("op-1"), Dup, 3, edit(OpType::Merge, Target));
    op.payload.remove(QStringLiteral("target_id"));
    QString problem;
    QVERIFY(!decodeEdit(op, &problem));
    QCOMPARE(problem, QStringLiteral("payload.target_id: is required"));
    op.payload.insert(QStringLiteral("target_id"), 7);
    problem.clear();
    QVERIFY(!decodeEdit(op, &problem));
    QCOMPARE(problem, QStringLiteral("payload.target_id: must be a string"));
    op.payload.insert(QStringLiteral("target_id"), QString(200, u'x'));
    problem.clear();
    QVERIFY(!decodeEdit(op, &problem));
    QVERIFY2(problem.startsWith(u"payload.target_id: must be at most"), qPrintable(problem));
}

void TestMerge::mergeMovesTheDuplicateIntoTheTarget()
{
    World w;
    const Ticket dup = ticket(Dup, 12);
    const Ticket target = ticket(Target, 10);
    w.tickets.insert(Dup, dup);
    w.tickets.insert(Target, target);
    const EditContext c = w.context();
    const EditOutcome out = applyEdit(dup, edit(OpType::Merge, Target), c);
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    QCOMPARE(out.ticket.status, TicketStatus::Closed);
    QCOMPARE(out.ticket.mergedInto, Target);
    QCOMPARE(out.ticket.mergedIntoNumber, 10);
    QCOMPARE(out.ticket.version, dup.version); // the store's to bump
    QVERIFY(out.other);
    QCOMPARE(out.other->id, Target);
    QCOMPARE(out.other->mergedFrom, QStringList { Dup });
    QCOMPARE(out.other->status, TicketStatus::Accepted);
    // An event on each ticket and the customer's notice on the duplicate.
    QCOMPARE(out.messages.size(), 3);
    QCOMPARE(out.messages.at(0).ticketId, Dup);
    QCOMPARE(out.messages.at(0).event, QStringLiteral("merged-into"));
    QCOMPARE(out.messages.at(0).args, QStringList({ QStringLiteral("10"), c.actor.name }));
    QCOMPARE(out.messages.at(1).ticketId, Dup);
    QCOMPARE(out.messages.at(1).kind, MessageKind::Public);
    QVERIFY(out.messages.at(1).body.contains(u"#10"));
    QCOMPARE(out.messages.at(2).ticketId, Target);
    QCOMPARE(out.messages.at(2).event, QStringLiteral("merged-from"));
    // The records say it on the wire and back.
    Ticket back;
    QVERIFY(Json::fromJson(Json::toJson(out.ticket), &back, nullptr));
    QCOMPARE(back.mergedInto, Target);
    QCOMPARE(back.mergedIntoNumber, 10);
    QVERIFY(Json::fromJson(Json::toJson(*out.other), &back, nullptr));
    QCOMPARE(back.mergedFrom, QStringList { Dup });
}

void TestMerge::deadlineIsTheEarlierWhileBothClocksRun()
{
    Ticket dup = ticket(Dup, 12);
    Ticket target = ticket(Target, 10);
    dup.dueAt = T0.addSecs(900);
    target.dueAt = T0.addSecs(7200);
    QCOMPARE(mergedDeadline(dup, target), dup.dueAt);
    QCOMPARE(mergedDeadline(target, dup), dup.dueAt);
    // A target already answered keeps its deadline: its reply does not turn late.
    Ticket answered = target;
    answered.firstResponseAt = T0.addSecs(60);
    QCOMPARE(mergedDeadline(dup, answered), target.dueAt);
    // An answered duplicate brings no earlier wait.
    Ticket answeredDup = dup;
    answeredDup.firstResponseAt = T0.addSecs(60);
    QCOMPARE(mergedDeadline(answeredDup, target), target.dueAt);

    World w;
    w.tickets.insert(Dup, dup);
    w.tickets.insert(Target, target);
    const EditOutcome out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QVERIFY(out.other);
    QCOMPARE(out.other->dueAt, dup.dueAt);
}

// Issue 17: reclassifying the target counted the new severity's target from the target's own
// creation, and the earlier wait the merge gave it was lost. It counts from when the customer
// began waiting (the duplicate's creation), in the one applyEdit the server, the desk's
// preview and the test server share.
void TestMerge::reclassifyKeepsTheMergedWait()
{
    QStringList errors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(catalogs, qPrintable(errors.join(u'\n')));
    const PlanCatalog *plan = catalogs->plan(QStringLiteral("service-plan"));
    QVERIFY(plan);
    // S3 Commercial: consultation 120 min, business-down 30 min.
    Ticket dup = ticket(Dup, 12);
    dup.createdAt = T0.addSecs(-50 * 60);
    dup.dueAt = dup.createdAt.addSecs(120 * 60); // T0 + 70 min
    Ticket target = ticket(Target, 10);
    target.dueAt = T0.addSecs(120 * 60);
    World w;
    w.tickets.insert(Dup, dup);
    w.tickets.insert(Target, target);
    EditContext c = w.context();
    c.plan = plan;
    EditOutcome out = applyEdit(dup, edit(OpType::Merge, Target), c);
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    QCOMPARE(out.other->dueAt, dup.dueAt);
    w.tickets[Dup] = out.ticket;
    w.tickets[Target] = *out.other;
    QCOMPARE(waitingSince(w.tickets[Target], c.findTicket), dup.createdAt);

    TicketEdit up;
    up.type = OpType::Reclassify;
    up.severity = QStringLiteral("business-down");
    up.reason = QStringLiteral("production is down");
    c.at = T0.addSecs(15 * 60);
    out = applyEdit(w.tickets[Target], up, c);
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    // From the duplicate's creation, not the target's (that was T0 + 30 min).
    QCOMPARE(out.ticket.dueAt, dup.createdAt.addSecs(30 * 60));
    QCOMPARE(out.severityChange->toSeverity, up.severity);

    // A duplicate answered before the merge brought no wait, and an answered target counts
    // from its own creation: the merge left both clocks alone, so does this.
    Ticket answeredDup = w.tickets[Dup];
    answeredDup.firstResponseAt = dup.createdAt.addSecs(60);
    w.tickets[Dup] = answeredDup;
    QCOMPARE(waitingSince(w.tickets[Target], c.findTicket), T0);
    Ticket answered = w.tickets[Target];
    answered.firstResponseAt = T0.addSecs(60);
    QCOMPARE(waitingSince(answered, c.findTicket), T0);
    // No lookup (nothing cached): its creation.
    QCOMPARE(waitingSince(w.tickets[Target], {}), T0);
}

void TestMerge::noticeInTheCustomersLanguage()
{
    World w;
    Ticket dup = ticket(Dup, 12);
    dup.subject = QStringLiteral("云服务器无法登录");
    w.tickets.insert(Dup, dup);
    w.tickets.insert(Target, ticket(Target, 10));
    EditOutcome out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QCOMPARE(out.messages.at(1).body, mergeNotice(Language::Chinese, 12, 10));
    QVERIFY(out.messages.at(1).body.contains(u"合并"));
    dup.subject = QStringLiteral("Cannot log in");
    out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QCOMPARE(out.messages.at(1).body, mergeNotice(Language::English, 12, 10));
    QVERIFY(out.messages.at(1).body.contains(u"merged"));
}

void TestMerge::refusals_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("args");
    QTest::newRow("different customers") << "customer" << MergeCode::OtherCustomer
                                         << QStringList { "12", "10" };
    QTest::newRow("different sub-clients") << "sub-client" << MergeCode::OtherCustomer
                                           << QStringList { "12", "10" };
    QTest::newRow("into itself") << "self" << MergeCode::IntoItself << QStringList { "12" };
    QTest::newRow("into a closed ticket") << "target-closed" << MergeCode::IntoClosed
                                          << QStringList { "10" };
    QTest::newRow("into a merged ticket") << "target-merged" << MergeCode::IntoMerged
                                          << QStringList { "10", "9" };
    QTest::newRow("a chain") << "chain" << MergeCode::Chain << QStringList { "12" };
    QTest::newRow("merged twice") << "merged-twice" << MergeCode::AlreadyMerged
                                  << QStringList { "12", "10" };
    QTest::newRow("a closed duplicate") << "dup-closed" << MergeCode::Closed
                                        << QStringList { "12" };
    QTest::newRow("another agent's ticket") << "not-mine" << MergeCode::NotAllowed
                                            << QStringList { "12" };
    QTest::newRow("unknown target") << "unknown" << QStringLiteral("unknown-ticket")
                                    << QStringList { "no-such" };
}

void TestMerge::refusals()
{
    QFETCH(QString, change);
    QFETCH(QString, code);
    QFETCH(QStringList, args);
    World w;
    Ticket dup = ticket(Dup, 12);
    Ticket target = ticket(Target, 10);
    QString targetId = Target;
    AgentRole role = AgentRole::Agent;
    if (change == u"customer")
        target.customerId = QStringLiteral("c-2");
    if (change == u"sub-client")
        target.subClient = QStringLiteral("sub-2");
    if (change == u"self")
        targetId = Dup;
    if (change == u"target-closed")
        target.status = TicketStatus::Closed;
    if (change == u"target-merged") {
        target.status = TicketStatus::Closed;
        target.mergedInto = QStringLiteral("t-9");
        target.mergedIntoNumber = 9;
    }
    if (change == u"chain")
        dup.mergedFrom = { QStringLiteral("t-8") };
    if (change == u"merged-twice") {
        dup.status = TicketStatus::Closed;
        dup.mergedInto = Target;
        dup.mergedIntoNumber = 10;
    }
    if (change == u"dup-closed")
        dup.status = TicketStatus::Closed;
    if (change == u"not-mine")
        dup.assigneeId = QStringLiteral("a-emma");
    if (change == u"unknown")
        targetId = QStringLiteral("no-such");
    w.tickets.insert(Dup, dup);
    w.tickets.insert(Target, target);
    const EditOutcome out = applyEdit(dup, edit(OpType::Merge, targetId), w.context(role));
    QVERIFY(out.refused());
    QCOMPARE(out.refusal.code, code);
    QCOMPARE(out.refusal.args, args);
    QCOMPARE(out.ticket.status, dup.status); // unchanged
    QVERIFY(!out.other);
    QVERIFY(out.messages.isEmpty());
    // A lead may merge another agent's ticket.
    if (change == u"not-mine") {
        const EditOutcome lead
                = applyEdit(dup, edit(OpType::Merge, targetId), w.context(AgentRole::Lead, "l"));
        QVERIFY(!lead.refused());
    }
}

void TestMerge::refusalsAreWorded()
{
    for (const QString &code :
         { MergeCode::NotAllowed, MergeCode::OtherCustomer, MergeCode::IntoItself,
           MergeCode::IntoClosed, MergeCode::IntoMerged, MergeCode::AlreadyMerged,
           MergeCode::Chain, MergeCode::Closed, MergeCode::TooManyLinks, LinkCode::ToItself }) {
        const QString text = RuleCheck::fail(code, { "12", "10" }).message(nullptr,
                                                                          Language::English);
        QVERIFY2(!text.contains(code), qPrintable(text)); // worded, not the generic fallback
    }
}

void TestMerge::linkBothWaysAndUnlink()
{
    World w;
    const Ticket a = ticket(Dup, 12);
    const Ticket b = ticket(Target, 10, QStringLiteral("c-other")); // any customer
    w.tickets.insert(Dup, a);
    w.tickets.insert(Target, b);
    EditOutcome out = applyEdit(a, edit(OpType::Link, Target), w.context());
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    QCOMPARE(out.ticket.links, QStringList { Target });
    QVERIFY(out.other);
    QCOMPARE(out.other->links, QStringList { Dup });
    QCOMPARE(out.messages.size(), 2);
    QCOMPARE(out.messages.at(0).event, QStringLiteral("linked"));
    QCOMPARE(out.messages.at(0).ticketId, Dup);
    QCOMPARE(out.messages.at(1).ticketId, Target);
    w.tickets[Dup] = out.ticket;
    w.tickets[Target] = *out.other;
    // Again: applied, nothing to write.
    QVERIFY(applyEdit(out.ticket, edit(OpType::Link, Target), w.context()).unchanged);
    // Unlinked from the other end: both lose it.
    out = applyEdit(w.tickets[Target], edit(OpType::Unlink, Dup), w.context());
    QVERIFY(!out.refused());
    QVERIFY(out.ticket.links.isEmpty());
    QVERIFY(out.other && out.other->links.isEmpty());
    QCOMPARE(out.messages.at(0).event, QStringLiteral("unlinked"));
}

void TestMerge::linkRefusals()
{
    World w;
    Ticket a = ticket(Dup, 12);
    w.tickets.insert(Dup, a);
    EditOutcome out = applyEdit(a, edit(OpType::Link, Dup), w.context());
    QCOMPARE(out.refusal.code, LinkCode::ToItself);
    out = applyEdit(a, edit(OpType::Link, Target), w.context());
    QCOMPARE(out.refusal.code, QStringLiteral("unknown-ticket"));
    Ticket b = ticket(Target, 10);
    for (int i = 0; i < LinkLimits::MaxPerTicket; ++i)
        b.links.append(QStringLiteral("t-%1").arg(i));
    w.tickets.insert(Target, b);
    out = applyEdit(a, edit(OpType::Link, Target), w.context());
    // A rule on the ticket, worded by the desk (not invalid-op's English detail): the full
    // ticket's number and the limit.
    QCOMPARE(out.refusal.code, QStringLiteral("too-many-links"));
    QCOMPARE(out.refusal.args,
             (QStringList { QStringLiteral("10"), QString::number(LinkLimits::MaxPerTicket) }));
}

// Issue 17: the duplicate's links go to the target: each linked ticket points at the target
// (EditOutcome::relinked), none at the duplicate or itself; one no longer found is left out;
// past 50 on the target, the merge is refused before anything changes.
void TestMerge::mergeCarriesLinks()
{
    World w;
    Ticket dup = ticket(Dup, 12);
    Ticket target = ticket(Target, 10);
    Ticket x = ticket(QStringLiteral("x"), 20, QStringLiteral("c-other"));
    Ticket y = ticket(QStringLiteral("y"), 21);
    dup.links = { QStringLiteral("x"), QStringLiteral("y"), Target, QStringLiteral("gone") };
    target.links = { QStringLiteral("y"), Dup };
    x.links = { Dup };
    y.links = { Dup, Target };
    for (const Ticket &t : { dup, target, x, y })
        w.tickets.insert(t.id, t);
    EditOutcome out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    QVERIFY(out.ticket.links.isEmpty());
    QCOMPARE(out.other->links, (QStringList { QStringLiteral("y"), QStringLiteral("x") }));
    QCOMPARE(out.relinked.size(), 2);
    QCOMPARE(out.relinked.at(0).id, QStringLiteral("x"));
    QCOMPARE(out.relinked.at(0).links, QStringList { Target });
    QCOMPARE(out.relinked.at(1).links, QStringList { Target });
    QCOMPARE(out.relinked.at(0).version, x.version); // the store's to bump
    QStringList events;
    for (const Message &m : std::as_const(out.messages)) {
        if (m.event.contains(u"link"))
            events.append(m.ticketId + u' ' + m.event + u' ' + m.args.value(0));
    }
    QCOMPARE(events, (QStringList { QStringLiteral("x linked 10"),
                                    Target + QStringLiteral(" linked 20"),
                                    QStringLiteral("y unlinked 12") }));

    // 49 links on the target and two others on the duplicate: 51.
    target.links.clear();
    for (int i = 0; i < LinkLimits::MaxPerTicket - 1; ++i)
        target.links.append(QStringLiteral("t-%1").arg(i));
    w.tickets.insert(Target, target);
    dup.links = { QStringLiteral("x"), QStringLiteral("y") };
    out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QCOMPARE(out.refusal.code, MergeCode::TooManyLinks);
    QCOMPARE(out.refusal.args, (QStringList { QStringLiteral("12"), QStringLiteral("10"),
                                              QStringLiteral("51"), QStringLiteral("50") }));
    QCOMPARE(out.ticket.status, dup.status);
    QVERIFY(out.relinked.isEmpty());
    const QString text = out.refusal.message(nullptr, Language::English);
    QVERIFY2(text.contains(u"51") && text.contains(u"#10"), qPrintable(text));
    // One of them linked to the target already: 50, within the limit.
    target.links.last() = QStringLiteral("x");
    w.tickets.insert(Target, target);
    out = applyEdit(dup, edit(OpType::Merge, Target), w.context());
    QVERIFY2(!out.refused(), qPrintable(out.refusal.code));
    QCOMPARE(out.other->links.size(), LinkLimits::MaxPerTicket);
}

void TestMerge::cacheKeepsMergeAndLinks()
{
    Ticket t = ticket(Dup, 12);
    t.mergedInto = Target;
    t.mergedIntoNumber = 10;
    t.mergedFrom = { QStringLiteral("t-1") };
    t.links = { QStringLiteral("t-2"), QStringLiteral("t-3") };
    std::optional<Ticket> back = CacheCodec::decodeTicket(CacheCodec::encodeTicket(t));
    QVERIFY(back);
    QCOMPARE(back->mergedInto, Target);
    QCOMPARE(back->mergedIntoNumber, 10);
    QCOMPARE(back->mergedFrom, t.mergedFrom);
    QCOMPARE(back->links, t.links);
    QVERIFY(back->tags.isEmpty());
    QVERIFY(back->reply.via.isEmpty());
    // A ticket without them ends where it did before merges (an old blob reads the same).
    const Ticket plain = ticket(Target, 10);
    back = CacheCodec::decodeTicket(CacheCodec::encodeTicket(plain));
    QVERIFY(back && back->links.isEmpty() && back->mergedInto.isEmpty());
}

QTEST_GUILESS_MAIN(TestMerge)
#include "tst_merge.moc"
