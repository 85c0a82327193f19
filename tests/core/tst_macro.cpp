// Macros in core: expansion of placeholders in both languages, the op codec, who may see and
// change a macro, and its actions as ordinary edits through applyEdit().
#include "macro.h"

#include "plancatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace SupportDesk;

class TestMacro : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void placeholdersInBothLanguages();
    void valuesFromTheTicketInEachLanguage();
    void missingValueStaysVisibleAndFlagged();
    void unknownPlaceholderStaysVisibleAndFlagged();
    void hostileBodies_data();
    void hostileBodies();
    void valuesAreNotExpandedAgain();
    void opRoundTripAndRefusals();
    void accessRules();
    void actionsAreOrdinaryEdits();
    void search();
    void customersLanguage();
    void customersLanguageOnTheRecord();
    void replyForManyTickets();
    void actionNotKnownShownNotApplied_data();
    void actionNotKnownShownNotApplied();

private:
    std::optional<CatalogSet> m_catalogs;
};

namespace {

MacroValues sampleValues()
{
    MacroValues v;
    v[int(MacroField::Customer)] = QStringLiteral("ACME");
    v[int(MacroField::TicketNumber)] = QStringLiteral("1042");
    v[int(MacroField::Deadline)] = QStringLiteral("2026-03-02 17:00 (Asia/Shanghai)");
    v[int(MacroField::Agent)] = QStringLiteral("李伟");
    v[int(MacroField::Entitlements)] = QStringLiteral("self-service");
    return v;
}

} // namespace

void TestMacro::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
}

void TestMacro::placeholdersInBothLanguages()
{
    const MacroValues v = sampleValues();
    const MacroExpansion en = expandMacro(
        u"Dear {{customer}}, ticket #{{ticket_number}} is with {{ agent }}.", v);
    QCOMPARE(en.text, QStringLiteral("Dear ACME, ticket #1042 is with 李伟."));
    QVERIFY(en.complete());
    const MacroExpansion zh
        = expandMacro(u"{{客户}}您好，工单 {{工单号}} 由{{坐席}}处理，截止 {{截止时间}}。", v);
    QCOMPARE(zh.text,
             QStringLiteral("ACME您好，工单 1042 由李伟处理，截止 2026-03-02 17:00 "
                            "(Asia/Shanghai)。"));
    QVERIFY(zh.complete());
    // Each name in both spellings is the same field.
    for (int f = 0; f < MacroFieldCount; ++f) {
        QCOMPARE(macroFieldFromName(macroFieldName(MacroField(f))), MacroField(f));
        QCOMPARE(macroFieldFromName(macroFieldChineseName(MacroField(f))), MacroField(f));
    }
}

void TestMacro::valuesFromTheTicketInEachLanguage()
{
    const PlanCatalog *plan = m_catalogs->plan(u"service-plan");
    QVERIFY(plan);
    Ticket t;
    t.number = 7;
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s1-flagship");
    t.dueAt = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    Customer c;
    c.name = QStringLiteral("腾讯示例");
    c.timeZone = QStringLiteral("Asia/Shanghai");
    Agent a;
    a.name = QStringLiteral("Wei Li");
    const MacroValues zh = macroValues(t, c, a, plan, Language::Chinese);
    const MacroValues en = macroValues(t, c, a, plan, Language::English);
    QCOMPARE(*zh[int(MacroField::Deadline)], QStringLiteral("2026-03-02 17:00 (Asia/Shanghai)"));
    QCOMPARE(*zh[int(MacroField::TicketNumber)], QStringLiteral("7"));
    // The entitlements as the catalog names them, in the body's language.
    const EntitlementGrant &first = plan->edition(u"s1-flagship")->entitlements.first();
    const EntitlementKind *kind = plan->entitlementKind(first.id);
    QVERIFY(kind);
    QVERIFY(zh[int(MacroField::Entitlements)]->startsWith(kind->names.zh));
    QVERIFY(en[int(MacroField::Entitlements)]->startsWith(kind->names.en));
    QVERIFY(zh[int(MacroField::Entitlements)]->contains(QStringLiteral("、")));
    QVERIFY(en[int(MacroField::Entitlements)]->contains(QStringLiteral(", ")));
}

void TestMacro::missingValueStaysVisibleAndFlagged()
{
    // A ticket made offline has no number yet, and no customer record may be cached.
    Ticket t;
    const MacroValues v = macroValues(t, std::nullopt, Agent(), nullptr, Language::English);
    const MacroExpansion e = expandMacro(u"#{{ticket_number}} for {{customer}} {{customer}}", v);
    QCOMPARE(e.text, QStringLiteral("#{{ticket_number}} for {{customer}} {{customer}}"));
    QCOMPARE(e.missing, QStringList({ QStringLiteral("{{ticket_number}}"),
                                      QStringLiteral("{{customer}}") }));
    QVERIFY(e.unknown.isEmpty());
    QVERIFY(!e.complete());
}

void TestMacro::unknownPlaceholderStaysVisibleAndFlagged()
{
    const MacroExpansion e = expandMacro(u"Hi {{customer}}, see {{kb_link}} and {{ 链接 }}.",
                                         sampleValues());
    QCOMPARE(e.text, QStringLiteral("Hi ACME, see {{kb_link}} and {{ 链接 }}."));
    QCOMPARE(e.unknown, QStringList({ QStringLiteral("{{kb_link}}"),
                                      QStringLiteral("{{ 链接 }}") }));
    QVERIFY(e.missing.isEmpty());
}

void TestMacro::hostileBodies_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("unterminated") << QStringLiteral("{{customer") << QStringLiteral("{{customer");
    QTest::newRow("lone pairs") << QStringLiteral("}} {{ }} {{}}")
                                << QStringLiteral("}} {{ }} {{}}");
    QTest::newRow("extra brace") << QStringLiteral("{{{customer}}}")
                                 << QStringLiteral("{ACME}");
    QTest::newRow("nested") << QStringLiteral("{{cus{{agent}}tomer}}")
                            << QStringLiteral("{{cus李伟tomer}}");
    QTest::newRow("NUL kept") << QStringLiteral("a") + QChar(u'\0') + QStringLiteral("{{agent}}")
                              << QStringLiteral("a") + QChar(u'\0') + QStringLiteral("李伟");
    QTest::newRow("surrogates") << QStringLiteral("😀{{agent}}😀") << QStringLiteral("😀李伟😀");
    QTest::newRow("far close") << QStringLiteral("{{") + QString(500, u'x') + QStringLiteral("}}")
                               << QStringLiteral("{{") + QString(500, u'x') + QStringLiteral("}}");
}

void TestMacro::hostileBodies()
{
    QFETCH(QString, body);
    QFETCH(QString, text);
    QCOMPARE(expandMacro(body, sampleValues()).text, text);
}

void TestMacro::valuesAreNotExpandedAgain()
{
    MacroValues v = sampleValues();
    v[int(MacroField::Customer)] = QStringLiteral("{{agent}} {{");
    const MacroExpansion e = expandMacro(u"{{customer}}}}", v);
    QCOMPARE(e.text, QStringLiteral("{{agent}} {{}}"));
    QVERIFY(e.complete());
    // A body of 10,000 placeholders: one pass, every one replaced.
    QString big;
    for (int i = 0; i < 10000; ++i)
        big += QStringLiteral("{{agent}}");
    QCOMPARE(expandMacro(big, v).text.size(), 10000 * 2);
}

void TestMacro::opRoundTripAndRefusals()
{
    Macro m;
    m.id = QStringLiteral("0e3c8a4e-1b7c-4d2a-9a55-7d9d2f1c0b11");
    m.ownerId = QStringLiteral("a-li");
    m.name = QStringLiteral("Restart");
    m.bodyZh = QStringLiteral("请重启 {{客户}}");
    m.bodyEn = QStringLiteral("Please restart, {{customer}}");
    m.status = TicketStatus::WaitingOnCustomer;
    m.severity = QStringLiteral("consultation");
    m.severityReason = QStringLiteral("a question");
    m.assigns = true;
    m.version = 3;
    const Operation op = makeMacroOperation(QStringLiteral("op-1"), m);
    QCOMPARE(op.type, MacroOp::Save);
    QCOMPARE(op.ticketId, m.id);
    QCOMPARE(op.baseVersion, 3);
    QString problem;
    // The owner is whoever sends an "own" macro, never a field of the op.
    std::optional<Macro> back = macroFromOperation(op, QStringLiteral("a-wang"), &problem);
    QVERIFY2(back, qPrintable(problem));
    QCOMPARE(back->ownerId, QStringLiteral("a-wang"));
    QCOMPARE(back->bodyZh, m.bodyZh);
    QCOMPARE(back->severityReason, m.severityReason);
    QVERIFY(back->assigns);
    QVERIFY(back->assigneeId.isEmpty());
    // The record's codec keeps every field.
    Macro stored = *back;
    stored.updatedAt = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    stored.seq = 12;
    Macro read;
    QStringList errors;
    QVERIFY(Json::fromJson(Json::toJson(stored), &read, &errors));
    QCOMPARE(Json::toJson(read), Json::toJson(stored));
    QVERIFY(!Json::fromJson(QJsonObject { { QStringLiteral("id"), 5 } }, &read, &errors));

    // Each change of the op that must be refused with a field named.
    const QVector<QPair<QString, QJsonValue>> refusals {
        { MacroKey::Name, QStringLiteral("  ") },
        { MacroKey::Status, QStringLiteral("gone") },
        { MacroKey::SeverityReason, QJsonValue(QJsonValue::Undefined) },
        { MacroKey::Scope, QStringLiteral("everyone") },
        { MacroKey::BodyEn, 5 },
        { QStringLiteral("owner_id"), QStringLiteral("a-li") },
        { MacroKey::BodyEn, QString(MacroLimits::MaxBody + 1, u'x') },
        { MacroKey::Name, QStringLiteral("a") + QChar(u'\0') },
    };
    for (const auto &[key, value] : refusals) {
        Operation bad = op;
        if (value.isUndefined())
            bad.payload.remove(key);
        else
            bad.payload.insert(key, value);
        QString p;
        QVERIFY2(!macroFromOperation(bad, QStringLiteral("a"), &p) && !p.isEmpty(),
                 qPrintable(key));
    }
    const Operation removal = makeMacroOperation(QStringLiteral("op-2"), m, true);
    back = macroFromOperation(removal, QStringLiteral("a-li"), &problem);
    QVERIFY(back && back->deleted);
}

void TestMacro::accessRules()
{
    Agent agent { QStringLiteral("a-li"), QStringLiteral("Li"), AgentRole::Agent, {}, 0 };
    Agent other { QStringLiteral("a-wang"), QStringLiteral("Wang"), AgentRole::Agent, {}, 0 };
    Agent lead { QStringLiteral("l-zhao"), QStringLiteral("Zhao"), AgentRole::Lead, {}, 0 };
    Agent service { QStringLiteral("svc"), QStringLiteral("Console"), AgentRole::Service, {}, 0 };
    Macro team;
    Macro own;
    own.ownerId = agent.id;
    QVERIFY(canSeeMacro(agent, team) && !canEditMacro(agent, team));
    QVERIFY(canSeeMacro(lead, team) && canEditMacro(lead, team));
    QVERIFY(canSeeMacro(agent, own) && canEditMacro(agent, own));
    QVERIFY(!canSeeMacro(other, own) && !canEditMacro(other, own));
    // A lead manages the team's macros, not another agent's own.
    QVERIFY(!canSeeMacro(lead, own) && !canEditMacro(lead, own));
    QVERIFY(!canSeeMacro(service, team) && !canEditMacro(service, team));
}

void TestMacro::actionsAreOrdinaryEdits()
{
    const PlanCatalog *plan = m_catalogs->plan(u"service-plan");
    Ticket t;
    t.id = QStringLiteral("t1");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s2-enterprise");
    t.severity = QStringLiteral("business-down");
    t.status = TicketStatus::Accepted;
    t.createdAt = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    t.firstResponseAt = t.createdAt.addSecs(60);
    Macro m;
    m.status = TicketStatus::WaitingOnCustomer;
    m.severity = QStringLiteral("consultation");
    m.severityReason = QStringLiteral("a usage question");
    m.assigns = true;
    m.assigneeId = QStringLiteral("a-li");
    const QVector<TicketEdit> edits = macroEdits(m, t);
    QCOMPARE(edits.size(), 3);
    EditContext c;
    c.actor = Agent { QStringLiteral("a-li"), QStringLiteral("Li"), AgentRole::Agent, {}, 0 };
    c.at = t.createdAt.addSecs(120);
    c.plan = plan;
    c.findAgent = [&c](const QString &id) {
        return id == c.actor.id ? std::optional<Agent>(c.actor) : std::nullopt;
    };
    Ticket now = t;
    for (const TicketEdit &e : edits) {
        // Through the op codec, as the outbox sends it, then the one apply function.
        QString problem;
        const std::optional<TicketEdit> decoded
            = decodeEdit(makeOperation(QStringLiteral("o"), t.id, 1, e), &problem);
        QVERIFY2(decoded, qPrintable(problem));
        const EditOutcome o = applyEdit(now, *decoded, c);
        QVERIFY2(!o.refused(), qPrintable(o.refusal.code));
        now = o.ticket;
    }
    QCOMPARE(now.status, TicketStatus::WaitingOnCustomer);
    QCOMPARE(now.severity, QStringLiteral("consultation"));
    QCOMPARE(now.assigneeId, QStringLiteral("a-li"));
    // What the ticket already has is not edited again.
    QVERIFY(macroEdits(m, now).isEmpty());
}

void TestMacro::search()
{
    Macro m;
    m.name = QStringLiteral("Password reset");
    m.bodyZh = QStringLiteral("请在控制台重置密码");
    m.bodyEn = QStringLiteral("Reset it in the CONSOLE");
    QVERIFY(macroMatches(m, {}));
    QVERIFY(macroMatches(m, { QStringLiteral("password") }));
    QVERIFY(macroMatches(m, { QStringLiteral("重置"), QStringLiteral("console") }));
    QVERIFY(!macroMatches(m, { QStringLiteral("重置"), QStringLiteral("billing") }));
}

void TestMacro::customersLanguage()
{
    Ticket t;
    t.subject = QStringLiteral("Server down");
    t.body = QStringLiteral("since 9:00");
    QCOMPARE(customerLanguage(t, std::nullopt), Language::English);
    t.body = QStringLiteral("从九点开始无法登录");
    QCOMPARE(customerLanguage(t, std::nullopt), Language::Chinese);
    t.subject = QStringLiteral("𠀀"); // a Han character outside the BMP
    t.body.clear();
    QCOMPARE(customerLanguage(t, std::nullopt), Language::Chinese);
    QCOMPARE(customerLanguage(Ticket(), std::nullopt), Language::English);

    // The customer's own language wins over the words of the ticket, both ways (issue 17).
    Customer c;
    c.language = CustomerLanguage::English;
    QCOMPARE(customerLanguage(t, c), Language::English); // written in Chinese
    c.language = CustomerLanguage::Chinese;
    QCOMPARE(customerLanguage(Ticket(), c), Language::Chinese); // written in nothing
    // Not known (an older record): the guess from the words.
    c.language.clear();
    QCOMPARE(customerLanguage(t, c), Language::Chinese);
    QCOMPARE(customerLanguage(Ticket(), c), Language::English);
}

void TestMacro::customersLanguageOnTheRecord()
{
    Customer c;
    c.id = QStringLiteral("c-1");
    c.name = QStringLiteral("ACME");
    c.planId = QStringLiteral("service-plan");
    c.editionId = QStringLiteral("s1-flagship");
    for (const QString &language : { CustomerLanguage::Chinese, CustomerLanguage::English,
                                      QString() }) {
        c.language = language;
        const QJsonObject json = Json::toJson(c);
        Customer back;
        QStringList errors;
        QVERIFY2(Json::fromJson(json, &back, &errors), qPrintable(errors.join(u'\n')));
        QCOMPARE(back.language, language);
    }
    // A record of an older server has no field: not known.
    QJsonObject old = Json::toJson(c);
    old.remove(QStringLiteral("language"));
    Customer back;
    back.language = QStringLiteral("en");
    QVERIFY(Json::fromJson(old, &back, nullptr));
    QVERIFY(back.language.isEmpty());
    // Anything else is refused where the server takes a customer in (`customer import`,
    // UnknownValues::Refuse), naming the field, the value not echoed; a desk reading a newer
    // server's record keeps a string as written, not known (docs/api.md, "Compatibility").
    const QJsonValue hostile[] = {
        QStringLiteral("fr"), QStringLiteral("zh"), QStringLiteral("ZH_CN"),
        QStringLiteral("zh_CN "), QStringLiteral("en") + QChar(0), QString(100000, u'x'),
        QJsonValue(1), QJsonValue(true), QJsonArray { QStringLiteral("en") },
        QJsonObject { { QStringLiteral("en"), 1 } },
    };
    for (const QJsonValue &v : hostile) {
        QJsonObject o = Json::toJson(c);
        o.insert(QStringLiteral("language"), v);
        QStringList errors;
        Customer refused;
        QVERIFY(!Json::fromJson(o, &refused, &errors, QStringLiteral("[3]"),
                                Json::UnknownValues::Refuse));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral("[3].language: ")),
                 qPrintable(errors.first()));
        QVERIFY(errors.first().size() < 100);
        Customer kept;
        errors.clear();
        QCOMPARE(Json::fromJson(o, &kept, &errors, QStringLiteral("[3]")), v.isString());
        if (v.isString()) {
            QCOMPARE(kept.language, v.toString());
            QVERIFY(!CustomerLanguage::fromId(kept.language));
            QCOMPARE(Json::toJson(kept).value(QStringLiteral("language")), v);
        } else {
            QCOMPARE(errors, QStringList { QStringLiteral("[3].language: must be a string") });
        }
    }
    QVERIFY(CustomerLanguage::fromId(u"zh_CN") == Language::Chinese);
    QVERIFY(CustomerLanguage::fromId(u"en") == Language::English);
    QVERIFY(!CustomerLanguage::fromId(u"").has_value());
    QVERIFY(!CustomerLanguage::fromId(u"fr").has_value());
}

// The reply the bulk bar sends with a macro: each customer's language, this ticket's values,
// and nothing when a placeholder would go out unfilled.
void TestMacro::replyForManyTickets()
{
    const PlanCatalog *plan = m_catalogs->plan(u"service-plan");
    QVERIFY(plan);
    Macro m;
    m.name = QStringLiteral("Need logs");
    m.bodyZh = QStringLiteral("{{客户}}您好，工单 {{工单号}} 请提供日志。{{坐席}}");
    m.bodyEn = QStringLiteral("Dear {{customer}}, ticket {{ticket_number}}: logs please. {{agent}}");
    Ticket t;
    t.id = QStringLiteral("t-1");
    t.number = 42;
    t.subject = QStringLiteral("无法登录"); // written in Chinese
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s1-flagship");
    Customer c;
    c.name = QStringLiteral("ACME");
    c.language = CustomerLanguage::English; // but answered in English
    Agent a;
    a.id = QStringLiteral("a-emma");
    a.name = QStringLiteral("Emma");
    MacroReply r = macroReply(m, t, c, a, plan, QStringLiteral("m-1"));
    QVERIFY(r.refusal.allowed());
    QCOMPARE(r.language, Language::English);
    QCOMPARE(r.edit.type, OpType::Reply);
    QCOMPARE(r.edit.messageId, QStringLiteral("m-1"));
    QCOMPARE(r.edit.authorId, a.id);
    QCOMPARE(r.edit.body, QStringLiteral("Dear ACME, ticket 42: logs please. Emma"));
    // Not known: the ticket's words decide.
    c.language.clear();
    r = macroReply(m, t, c, a, plan, QStringLiteral("m-2"));
    QCOMPARE(r.language, Language::Chinese);
    QCOMPARE(r.edit.body, QStringLiteral("ACME您好，工单 42 请提供日志。Emma"));
    // A macro with one language only is sent in that one.
    Macro english = m;
    english.bodyZh.clear();
    QCOMPARE(macroReply(english, t, c, a, plan, QStringLiteral("m-3")).language,
             Language::English);
    // A placeholder without a value here (no number yet, no customer record) or one no
    // version knows: refused, naming them; the edit is not a reply to send.
    Ticket unnumbered = t;
    unnumbered.number = 0;
    r = macroReply(m, unnumbered, std::nullopt, a, plan, QStringLiteral("m-4"));
    QCOMPARE(r.refusal.code, MacroCode::Unfilled);
    QCOMPARE(r.refusal.args, QStringList { QStringLiteral("{{客户}}, {{工单号}}") });
    QVERIFY(r.edit.body.isEmpty());
    QVERIFY2(r.refusal.message(plan, Language::English).contains(QStringLiteral("{{客户}}")),
             qPrintable(r.refusal.message(plan, Language::English)));
    Macro unknown = m;
    unknown.bodyEn += QStringLiteral(" {{kb_link}}");
    c.language = CustomerLanguage::English;
    r = macroReply(unknown, t, c, a, plan, QStringLiteral("m-5"));
    QCOMPARE(r.refusal.code, MacroCode::Unfilled);
    QCOMPARE(r.refusal.args, QStringList { QStringLiteral("{{kb_link}}") });
}

// A newer server's macro with an action this build does not know (docs/api.md,
// "Compatibility"): read and kept whole, shown, never applied in part nor edited here. Fails on
// a build that drops the field it does not know (the macro would apply without that action) or
// sets a status it does not know.
void TestMacro::actionNotKnownShownNotApplied_data()
{
    QTest::addColumn<QByteArray>("record");
    QTest::addColumn<QStringList>("unknown");
    const QByteArray base = R"({"id":"m-1","name":"Escalate","body_en":"Escalated.",)"
                            R"("severity":"business-down","severity_reason":"outage",)"
                            R"("add_tags":["vip"],"version":3)";
    QTest::newRow("an action field") << base + R"(,"set_priority":"p1"})"
                                     << QStringList { QStringLiteral("set_priority") };
    QTest::newRow("a status") << base + R"(,"status":"on-hold"})"
                              << QStringList { QStringLiteral("status") };
}

void TestMacro::actionNotKnownShownNotApplied()
{
    QFETCH(QByteArray, record);
    QFETCH(QStringList, unknown);
    const PlanCatalog *plan = m_catalogs->plan(u"service-plan");
    QVERIFY(plan);
    Macro m;
    QStringList problems;
    QVERIFY2(Json::fromJson(QJsonDocument::fromJson(record).object(), &m, &problems),
             qPrintable(problems.join(QStringLiteral("; "))));
    QCOMPARE(m.name, QStringLiteral("Escalate")); // shown, by its name
    QCOMPARE(m.unknownActions(), unknown);
    // Written back whole: the cache keeps what this build does not know.
    const QJsonObject written = Json::toJson(m);
    const QJsonObject read = QJsonDocument::fromJson(record).object();
    for (auto it = read.begin(); it != read.end(); ++it)
        QCOMPARE(written.value(it.key()), it.value());
    Ticket t;
    t.id = QStringLiteral("t-1");
    t.number = 7;
    t.subject = QStringLiteral("Down");
    t.severity = QStringLiteral("consultation");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s1-flagship");
    Agent lead;
    lead.id = QStringLiteral("a-wang");
    lead.role = AgentRole::Lead;
    // None of it applied: no edits, no reply, and why in words.
    QVERIFY(macroEdits(m, t).isEmpty());
    const MacroReply r = macroReply(m, t, std::nullopt, lead, plan, QStringLiteral("r-1"));
    QCOMPARE(r.refusal.code, MacroCode::UnknownAction);
    QCOMPARE(r.refusal.args, QStringList { unknown.join(QStringLiteral(", ")) });
    QVERIFY(r.edit.body.isEmpty());
    const QString why = r.refusal.message(plan, Language::English);
    QVERIFY2(why.contains(unknown.first()), qPrintable(why));
    // Not edited here either: a save from this desk would drop the action.
    QVERIFY(!canEditMacro(lead, m));
    QVERIFY(canSeeMacro(lead, m));
    // The same macro without it applies as before.
    Macro known = m;
    known.unknownFields = QJsonObject();
    known.status.clear();
    QVERIFY(known.unknownActions().isEmpty());
    QCOMPARE(macroEdits(known, t).size(), 2); // the severity and the tag
    QVERIFY(canEditMacro(lead, known));
}

QTEST_GUILESS_MAIN(TestMacro)
#include "tst_macro.moc"
