// Tags in core: what a tag may be, the add-tag and remove-tag ops through the one codec and
// applyEdit(), and macros' tag actions as those same ops (docs/tags-and-views.md).
#include "macro.h"
#include "tag.h"
#include "tagrule.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace SupportDesk;

class TestTag : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void normalisedOnce();
    void opRoundTrip();
    void hostileTagRefusedNamingTheField_data();
    void hostileTagRefusedNamingTheField();
    void applyAddsAndRemoves();
    void applyRefusesTheTwentyFirst();
    void macroTagsAreTagOps();
    void tagRulesMatchEveryConditionGiven();
    void tagRulesKeepTheTicketsLimit();
    void tagRulesRoundTripAndRefusals();
};

namespace {

Ticket ticket()
{
    Ticket t;
    t.id = QStringLiteral("11111111-2222-3333-4444-555555555555");
    t.customerId = QStringLiteral("c-1");
    t.status = TicketStatus::Accepted;
    t.version = 3;
    return t;
}

EditContext context()
{
    EditContext c;
    c.actor.id = QStringLiteral("a-li");
    c.actor.name = QStringLiteral("李伟");
    c.at = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    return c;
}

TicketEdit tagEdit(OpType type, const QString &tag)
{
    TicketEdit e;
    e.type = type;
    e.tag = tag;
    return e;
}

} // namespace

void TestTag::rules_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("plain") << QStringLiteral("vip") << true;
    QTest::newRow("chinese") << QStringLiteral("退款") << true;
    QTest::newRow("punctuation allowed") << QStringLiteral("db.mysql-5_7") << true;
    QTest::newRow("trimmed") << QStringLiteral("  billing ") << true;
    QTest::newRow("40 characters") << QString(40, u'a') << true;
    QTest::newRow("40 astral characters") << QString::fromUcs4(U"𠀀").repeated(40) << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("blank") << QStringLiteral("   ") << false;
    QTest::newRow("41 characters") << QString(41, u'a') << false;
    QTest::newRow("space inside") << QStringLiteral("two words") << false;
    QTest::newRow("colon") << QStringLiteral("tag:vip") << false;
    QTest::newRow("NUL") << QStringLiteral("vip") + QChar(u'\0') << false;
    QTest::newRow("newline") << QStringLiteral("vip\nx") << false;
    QTest::newRow("RLO") << QStringLiteral("gpj\u202Eexe") << false;
    QTest::newRow("markup") << QStringLiteral("<script>") << false;
    QTest::newRow("quote") << QStringLiteral("a\"b") << false;
    QTest::newRow("comma") << QStringLiteral("a,b") << false;
}

void TestTag::rules()
{
    QFETCH(QString, tag);
    QFETCH(bool, allowed);
    const QString problem = checkTag(tag);
    QCOMPARE(problem.isEmpty(), allowed);
}

void TestTag::normalisedOnce()
{
    QCOMPARE(normalizeTag(u" VIP "), QStringLiteral("vip"));
    QCOMPARE(normalizeTag(u"ÄRGER"), QStringLiteral("ärger"));
    QCOMPARE(normalizeTag(u"退款"), QStringLiteral("退款"));
    QStringList tags = withTag({}, QStringLiteral("VIP"));
    tags = withTag(tags, QStringLiteral("vip"));
    tags = withTag(tags, QStringLiteral("billing"));
    QCOMPARE(tags, (QStringList { QStringLiteral("vip"), QStringLiteral("billing") }));
    QCOMPARE(withoutTag(tags, QStringLiteral("Vip")), QStringList { QStringLiteral("billing") });
}

void TestTag::opRoundTrip()
{
    QCOMPARE(opTypeName(OpType::AddTag), QStringLiteral("add-tag"));
    QCOMPARE(opTypeName(OpType::RemoveTag), QStringLiteral("remove-tag"));
    const Operation op = makeOperation(QStringLiteral("op-1"), ticket().id, 3,
                                       tagEdit(OpType::AddTag, QStringLiteral("退款")));
    QCOMPARE(op.type, QStringLiteral("add-tag"));
    QCOMPARE(op.payload.value(OpKey::Tag).toString(), QStringLiteral("退款"));
    QString problem;
    const std::optional<TicketEdit> back = decodeEdit(op, &problem);
    QVERIFY2(back, qPrintable(problem));
    QCOMPARE(back->type, OpType::AddTag);
    QCOMPARE(back->tag, QStringLiteral("退款"));
}

void TestTag::hostileTagRefusedNamingTheField_data()
{
    QTest::addColumn<QJsonValue>("tag");
    QTest::newRow("missing") << QJsonValue();
    QTest::newRow("number") << QJsonValue(42);
    QTest::newRow("NUL") << QJsonValue(QStringLiteral("a") + QChar(u'\0'));
    QTest::newRow("long") << QJsonValue(QString(5000, u'x'));
    QTest::newRow("space") << QJsonValue(QStringLiteral("a b"));
    QTest::newRow("RLO") << QJsonValue(QStringLiteral("\u202Eabc"));
}

void TestTag::hostileTagRefusedNamingTheField()
{
    QFETCH(QJsonValue, tag);
    for (const QString &type : { QStringLiteral("add-tag"), QStringLiteral("remove-tag") }) {
        Operation op;
        op.opId = QStringLiteral("op-1");
        op.type = type;
        op.ticketId = ticket().id;
        if (!tag.isUndefined())
            op.payload.insert(OpKey::Tag, tag);
        QString problem;
        QVERIFY(!decodeEdit(op, &problem));
        QVERIFY2(problem.startsWith(u"payload.tag: "), qPrintable(problem));
    }
    // applyEdit() holds to the same rule for a caller that did not decode (a macro, a bulk).
    const EditOutcome out = applyEdit(ticket(), tagEdit(OpType::AddTag, tag.toString()),
                                      context());
    QVERIFY(out.refused());
    QCOMPARE(out.refusal.code, QStringLiteral("invalid-op"));
    QVERIFY(out.refusal.args.value(0).startsWith(u"payload.tag: "));
    QCOMPARE(out.ticket.tags, QStringList());
}

void TestTag::applyAddsAndRemoves()
{
    EditOutcome out = applyEdit(ticket(), tagEdit(OpType::AddTag, QStringLiteral(" VIP")),
                                context());
    QVERIFY(!out.refused());
    QVERIFY(!out.unchanged);
    QCOMPARE(out.ticket.tags, QStringList { QStringLiteral("vip") });
    QCOMPARE(out.ticket.updatedAt, context().at);
    QCOMPARE(out.messages.size(), 1);
    QCOMPARE(out.messages.at(0).event, QStringLiteral("tag-added"));
    QCOMPARE(out.messages.at(0).args, (QStringList { QStringLiteral("vip"),
                                                     QStringLiteral("李伟") }));
    // Adding it again, in another case, changes nothing and says nothing.
    const Ticket tagged = out.ticket;
    out = applyEdit(tagged, tagEdit(OpType::AddTag, QStringLiteral("Vip")), context());
    QVERIFY(!out.refused());
    QVERIFY(out.unchanged);
    QVERIFY(out.messages.isEmpty());
    QCOMPARE(out.ticket.tags, tagged.tags);
    out = applyEdit(tagged, tagEdit(OpType::RemoveTag, QStringLiteral("VIP")), context());
    QVERIFY(!out.unchanged);
    QCOMPARE(out.ticket.tags, QStringList());
    QCOMPARE(out.messages.value(0).event, QStringLiteral("tag-removed"));
    out = applyEdit(out.ticket, tagEdit(OpType::RemoveTag, QStringLiteral("vip")), context());
    QVERIFY(out.unchanged);
}

void TestTag::applyRefusesTheTwentyFirst()
{
    Ticket t = ticket();
    for (int i = 0; i < TagLimits::MaxPerTicket; ++i) {
        const EditOutcome out = applyEdit(t, tagEdit(OpType::AddTag, QStringLiteral("t%1").arg(i)),
                                          context());
        QVERIFY(!out.refused());
        t = out.ticket;
    }
    QCOMPARE(t.tags.size(), TagLimits::MaxPerTicket);
    const EditOutcome out = applyEdit(t, tagEdit(OpType::AddTag, QStringLiteral("one-more")),
                                      context());
    QVERIFY(out.refused());
    QCOMPARE(out.refusal.code, QStringLiteral("too-many-tags"));
    QCOMPARE(out.refusal.args, QStringList { QString::number(TagLimits::MaxPerTicket) });
    QCOMPARE(out.ticket.tags, t.tags);
    // One the ticket has is still no change, not a refusal.
    QVERIFY(applyEdit(t, tagEdit(OpType::AddTag, QStringLiteral("t0")), context()).unchanged);
}

void TestTag::macroTagsAreTagOps()
{
    Macro m;
    m.id = QStringLiteral("aaaaaaaa-2222-3333-4444-555555555555");
    m.name = QStringLiteral("Refund");
    m.bodyEn = QStringLiteral("We refunded you.");
    m.addTags = { QStringLiteral("refund"), QStringLiteral("vip") };
    m.removeTags = { QStringLiteral("triage") };
    QCOMPARE(checkMacro(m), QString());

    // Through the op codec and back.
    QString problem;
    const std::optional<Macro> back = macroFromOperation(
            makeMacroOperation(QStringLiteral("op-m"), m), QString(), &problem);
    QVERIFY2(back, qPrintable(problem));
    QCOMPARE(back->addTags, m.addTags);
    QCOMPARE(back->removeTags, m.removeTags);
    Macro stored;
    QVERIFY(Json::fromJson(Json::toJson(m), &stored, nullptr));
    QCOMPARE(stored.addTags, m.addTags);
    QCOMPARE(stored.removeTags, m.removeTags);

    // What the ticket already has is left out; what is left is add-tag / remove-tag.
    Ticket t = ticket();
    t.tags = { QStringLiteral("vip"), QStringLiteral("triage") };
    const QVector<TicketEdit> edits = macroEdits(m, t);
    QCOMPARE(edits.size(), 2);
    QCOMPARE(edits.at(0).type, OpType::AddTag);
    QCOMPARE(edits.at(0).tag, QStringLiteral("refund"));
    QCOMPARE(edits.at(1).type, OpType::RemoveTag);
    QCOMPARE(edits.at(1).tag, QStringLiteral("triage"));
    for (const TicketEdit &e : edits)
        t = applyEdit(t, e, context()).ticket;
    QCOMPARE(t.tags, (QStringList { QStringLiteral("vip"), QStringLiteral("refund") }));

    // A macro's hostile tag is refused by the same rule, naming its field.
    m.addTags = { QStringLiteral("a b") };
    QVERIFY(checkMacro(m).startsWith(u"add_tags: "));
    m.addTags = {};
    for (int i = 0; i <= TagLimits::MaxPerTicket; ++i)
        m.addTags.append(QStringLiteral("t%1").arg(i));
    QVERIFY(checkMacro(m).startsWith(u"add_tags: "));
}

void TestTag::tagRulesMatchEveryConditionGiven()
{
    Ticket t = ticket();
    t.subject = QStringLiteral("数据库连接超时");
    t.body = QStringLiteral("Our VPN gateway drops every hour");
    t.channel = QStringLiteral("ticket");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s2-enterprise");
    t.severity = QStringLiteral("business-degraded");

    TagRule any;
    any.tag = QStringLiteral("all");
    QVERIFY(ruleMatches(any, t)); // no condition: every new ticket

    TagRule words;
    words.tag = QStringLiteral("vpn");
    words.words = { QStringLiteral("ＶＰＮ") }; // full width, as a Chinese IME types it
    QVERIFY(ruleMatches(words, t));
    words.words = { QStringLiteral("  连接超时 ") }; // Chinese, in the subject, trimmed
    QVERIFY(ruleMatches(words, t));
    words.words = { QStringLiteral("firewall"), QStringLiteral("EVERY HOUR") }; // any of them
    QVERIFY(ruleMatches(words, t));
    words.words = { QStringLiteral("firewall") };
    QVERIFY(!ruleMatches(words, t));

    TagRule all = words;
    all.words = { QStringLiteral("vpn") };
    all.channel = QStringLiteral("ticket");
    all.planId = QStringLiteral("service-plan");
    all.editionId = QStringLiteral("s2-enterprise");
    all.severity = QStringLiteral("business-degraded");
    QVERIFY(ruleMatches(all, t));
    for (QString TagRule::*field : { &TagRule::channel, &TagRule::editionId, &TagRule::planId,
                                     &TagRule::severity }) {
        TagRule other = all;
        other.*field = QStringLiteral("other");
        QVERIFY(!ruleMatches(other, t)); // every condition given must hold
    }

    // The tags a new ticket gets: in the rules' order, once, normalised, the bad ones skipped.
    TagRule upper = all;
    upper.tag = QStringLiteral("VPN");
    TagRule broken;
    broken.tag = QStringLiteral("two words");
    const QStringList tags = tagsByRules({ words, all, upper, broken, any }, t);
    QCOMPARE(tags, QStringList({ QStringLiteral("vpn"), QStringLiteral("all") }));
}

void TestTag::tagRulesKeepTheTicketsLimit()
{
    Ticket t = ticket();
    for (int i = 0; i < TagLimits::MaxPerTicket - 1; ++i)
        t.tags.append(QStringLiteral("t%1").arg(i));
    QVector<TagRule> rules;
    for (const char *tag : { "t0", "new1", "new2" }) {
        TagRule r;
        r.tag = QString::fromLatin1(tag);
        rules.append(r);
    }
    // t0 is there already; one place is left, for new1.
    QCOMPARE(tagsByRules(rules, t), QStringList({ QStringLiteral("new1") }));
}

void TestTag::tagRulesRoundTripAndRefusals()
{
    TeamSettings s;
    TagRule r;
    r.tag = QStringLiteral("vip");
    r.channel = QStringLiteral("im-group");
    r.planId = QStringLiteral("partner-plan");
    r.editionId = QStringLiteral("enterprise");
    r.severity = QStringLiteral("business-down");
    r.words = { QStringLiteral("宕机"), QStringLiteral("outage") };
    s.tagRules = { r, TagRule { QStringLiteral("all"), {}, {}, {}, {}, {} } };
    TeamSettings back;
    QStringList errors;
    QVERIFY2(Json::fromJson(Json::toJson(s), &back, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(back.tagRules, s.tagRules);
    // Settings stored before rules existed read as none.
    QVERIFY(Json::fromJson(QJsonObject { { QStringLiteral("at_risk_fraction"), 0.3 } }, &back,
                           nullptr));
    QVERIFY(back.tagRules.isEmpty());

    const auto problem = [](const QJsonValue &rules) {
        TeamSettings out;
        QStringList errors;
        const bool ok = Json::fromJson(QJsonObject { { QStringLiteral("tag_rules"), rules } },
                                       &out, &errors, QStringLiteral("settings"));
        return ok ? QString() : errors.value(0);
    };
    const auto rule = [](const char *json) {
        return QJsonDocument::fromJson(json).object();
    };
    QCOMPARE(problem(QJsonArray { rule(R"({"tag": "VIP"})") }), QString());
    QVERIFY(problem(QJsonArray { rule(R"({"tag": "a b"})") })
                    .startsWith(u"settings.tag_rules[0].tag: may hold"));
    QCOMPARE(problem(QJsonArray { rule(R"({"tag": "a"})"), rule(R"({"channel": "ticket"})") }),
             QStringLiteral("settings.tag_rules[1].tag: is required"));
    QCOMPARE(problem(QJsonArray { rule(R"({"tag": "a", "edition_id": "enterprise"})") }),
             QStringLiteral("settings.tag_rules[0].plan_id: must be given with edition_id"));
    QVERIFY(problem(QJsonArray { rule(R"({"tag": "a", "severity": "x\u0000y"})") })
                    .startsWith(u"settings.tag_rules[0].severity: "));
    QCOMPARE(problem(QJsonArray { rule(R"({"tag": "a", "words": ["ok", " "]})") }),
             QStringLiteral("settings.tag_rules[0].words[1]: must not be empty"));
    QCOMPARE(problem(QJsonArray { rule(R"({"tag": "a", "words": [1]})") }),
             QStringLiteral("settings.tag_rules[0].words: must be an array of strings"));
    QCOMPARE(problem(QJsonValue(QStringLiteral("vip"))),
             QStringLiteral("settings.tag_rules: must be an array"));
    QJsonArray many;
    for (int i = 0; i <= TagRuleLimits::MaxRules; ++i)
        many.append(rule(R"({"tag": "a"})"));
    QCOMPARE(problem(many), QStringLiteral("settings.tag_rules: must hold at most 50 rules"));
}

QTEST_APPLESS_MAIN(TestTag)

#include "tst_tag.moc"
