// What a bulk action does to one ticket (core/bulk.h): ordinary edits checked by applyEdit(),
// nothing for a ticket already so, all or nothing when the rules refuse one of a macro's.
#include "bulk.h"

#include <QTest>

using namespace SupportDesk;

class TestBulk : public QObject
{
    Q_OBJECT

private slots:
    void assignAndStatus();
    void macroIsAllOrNothing();
    void tags();
    void answersFromTheOutbox();
};

static Ticket ticket(const QString &status, const QString &assignee = {})
{
    Ticket t;
    t.id = QStringLiteral("t1");
    t.status = status;
    t.assigneeId = assignee;
    t.version = 3;
    return t;
}

static EditContext context()
{
    EditContext c;
    c.actor = Agent { QStringLiteral("a-lead"), QStringLiteral("Lead"), AgentRole::Lead, {}, 0 };
    c.at = QDateTime(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC);
    c.findAgent = [](const QString &id) -> std::optional<Agent> {
        if (id == u"a-emma")
            return Agent { id, QStringLiteral("Emma"), AgentRole::Agent, {}, 0 };
        if (id == u"portal")
            return Agent { id, QStringLiteral("Portal"), AgentRole::Service, {}, 0 };
        return std::nullopt;
    };
    return c;
}

void TestBulk::assignAndStatus()
{
    BulkAction assign;
    assign.kind = BulkAction::Kind::Assign;
    assign.assigneeId = QStringLiteral("a-emma");
    BulkStep step = planBulkStep(assign, ticket(TicketStatus::New), context());
    QCOMPARE(step.edits.size(), 1);
    QCOMPARE(step.edits.at(0).type, OpType::Assign);
    QCOMPARE(step.edits.at(0).assigneeId, QStringLiteral("a-emma"));
    // Already hers: nothing to send.
    QVERIFY(planBulkStep(assign, ticket(TicketStatus::New, QStringLiteral("a-emma")), context())
                .unchanged());
    // An account that takes no tickets: refused here with the server's code.
    assign.assigneeId = QStringLiteral("portal");
    step = planBulkStep(assign, ticket(TicketStatus::New), context());
    QVERIFY(step.edits.isEmpty());
    QCOMPARE(step.refusal.code, QStringLiteral("not-an-assignee"));

    BulkAction status;
    status.kind = BulkAction::Kind::SetStatus;
    status.status = TicketStatus::Resolved;
    QCOMPARE(planBulkStep(status, ticket(TicketStatus::Accepted), context()).edits.size(), 1);
    QVERIFY(planBulkStep(status, ticket(TicketStatus::Resolved), context()).unchanged());
    step = planBulkStep(status, ticket(TicketStatus::Closed), context());
    QCOMPARE(step.refusal.code, QStringLiteral("invalid-status"));
    QCOMPARE(step.refusal.args, QStringList({ TicketStatus::Closed, TicketStatus::Resolved }));
}

void TestBulk::macroIsAllOrNothing()
{
    BulkAction action;
    action.kind = BulkAction::Kind::ApplyMacro;
    action.macro.status = TicketStatus::WaitingOnCustomer;
    action.macro.assigns = true;
    action.macro.assigneeId = QStringLiteral("a-emma");
    BulkStep step = planBulkStep(action, ticket(TicketStatus::Accepted), context());
    QCOMPARE(step.edits.size(), 2);
    QCOMPARE(step.edits.at(0).type, OpType::SetStatus);
    QCOMPARE(step.edits.at(1).type, OpType::Assign);
    // The status is refused on a closed ticket: the assignment is not sent either.
    step = planBulkStep(action, ticket(TicketStatus::Closed), context());
    QVERIFY(step.edits.isEmpty());
    QCOMPARE(step.refusal.code, QStringLiteral("invalid-status"));
    // What the ticket already has is left out (macroEdits): only the assignment.
    step = planBulkStep(action, ticket(TicketStatus::WaitingOnCustomer), context());
    QCOMPARE(step.edits.size(), 1);
    QCOMPARE(step.edits.at(0).type, OpType::Assign);
}

void TestBulk::tags()
{
    BulkAction add;
    add.kind = BulkAction::Kind::AddTag;
    add.tag = QStringLiteral(" VIP ");
    Ticket t = ticket(TicketStatus::Accepted);
    BulkStep step = planBulkStep(add, t, context());
    QCOMPARE(step.edits.size(), 1);
    QCOMPARE(step.edits.at(0).type, OpType::AddTag);
    QCOMPARE(step.edits.at(0).tag, QStringLiteral("vip")); // the one spelling goes out
    // Has it already (in any spelling): already so, nothing sent.
    t.tags = QStringList { QStringLiteral("vip") };
    QVERIFY(planBulkStep(add, t, context()).unchanged());

    BulkAction remove;
    remove.kind = BulkAction::Kind::RemoveTag;
    remove.tag = QStringLiteral("Vip");
    step = planBulkStep(remove, t, context());
    QCOMPARE(step.edits.size(), 1);
    QCOMPARE(step.edits.at(0).type, OpType::RemoveTag);
    QVERIFY(planBulkStep(remove, ticket(TicketStatus::Accepted), context()).unchanged());

    // The 21st tag, and a tag the rules refuse: refused with the server's code.
    for (int i = 0; i < 20; ++i)
        t.tags.append(QStringLiteral("t%1").arg(i));
    t.tags = t.tags.mid(0, 20);
    add.tag = QStringLiteral("one-more");
    step = planBulkStep(add, t, context());
    QVERIFY(step.edits.isEmpty());
    QCOMPARE(step.refusal.code, QStringLiteral("too-many-tags"));
    add.tag = QStringLiteral("two words");
    step = planBulkStep(add, ticket(TicketStatus::Accepted), context());
    QCOMPARE(step.refusal.code, QStringLiteral("invalid-op"));

    // A macro's tag the ticket has is left out, its status still goes.
    BulkAction macro;
    macro.kind = BulkAction::Kind::ApplyMacro;
    macro.macro.status = TicketStatus::WaitingOnCustomer;
    macro.macro.addTags = QStringList { QStringLiteral("vip") };
    t = ticket(TicketStatus::Accepted);
    t.tags = QStringList { QStringLiteral("vip") };
    step = planBulkStep(macro, t, context());
    QCOMPARE(step.edits.size(), 1);
    QCOMPARE(step.edits.at(0).type, OpType::SetStatus);
}

// A run's progress reads the outbox once per interval and walks only the ops still followed:
// each answer is taken out, so a later read does not report it again and an op still pending
// stays followed.
void TestBulk::answersFromTheOutbox()
{
    const auto entry = [](OutboxAnswer::Kind kind, const char *code = "") {
        OutboxState s;
        s.pending = false;
        s.answer.kind = kind;
        s.answer.code = QString::fromLatin1(code);
        if (kind == OutboxAnswer::Kind::Rejected)
            s.answer.args = QStringList{QStringLiteral("closed")};
        return s;
    };
    QHash<QString, OutboxState> states;
    states.insert(QStringLiteral("a"), OutboxState());
    states.insert(QStringLiteral("c"), entry(OutboxAnswer::Kind::Conflict, "conflict"));
    states.insert(QStringLiteral("d"), entry(OutboxAnswer::Kind::Rejected, "invalid-status"));
    states.insert(QStringLiteral("other"), entry(OutboxAnswer::Kind::Conflict, "conflict"));
    QStringList followed{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                         QStringLiteral("d")};
    QVector<OutboxAnswer> answers = takeOutboxAnswers(&followed, states);
    QCOMPARE(answers.size(), 3); // b left the outbox: applied; "other" is not followed
    QCOMPARE(answers.at(0).opId, QStringLiteral("b"));
    QCOMPARE(answers.at(0).kind, OutboxAnswer::Kind::Applied);
    QCOMPARE(answers.at(1).opId, QStringLiteral("c"));
    QCOMPARE(answers.at(1).kind, OutboxAnswer::Kind::Conflict);
    QCOMPARE(answers.at(1).code, QStringLiteral("conflict"));
    QCOMPARE(answers.at(2).opId, QStringLiteral("d"));
    QCOMPARE(answers.at(2).kind, OutboxAnswer::Kind::Rejected);
    QCOMPARE(answers.at(2).code, QStringLiteral("invalid-status"));
    QCOMPARE(answers.at(2).args, QStringList{QStringLiteral("closed")});
    QCOMPARE(followed, QStringList{QStringLiteral("a")});

    // Read again unchanged: nothing new; then "a" applied.
    QVERIFY(takeOutboxAnswers(&followed, states).isEmpty());
    QCOMPARE(followed, QStringList{QStringLiteral("a")});
    states.remove(QStringLiteral("a"));
    answers = takeOutboxAnswers(&followed, states);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.at(0).kind, OutboxAnswer::Kind::Applied);
    QVERIFY(followed.isEmpty());
}

QTEST_GUILESS_MAIN(TestBulk)
#include "tst_bulk.moc"
