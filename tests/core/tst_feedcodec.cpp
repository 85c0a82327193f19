// The change feed's page codec (FeedDecoder, simdjson) against Qt's reading of the same bytes
// (fuzz/feedreference.h, what the sync engine did before): the same records from the real
// server's pages, the same problems for bad records, and a clear refusal of what is not JSON.
#include "feedcodec.h"
#include "feedreference.h"
#include "macro.h"
#include "recordnames.h"

#include <QDir>
#include <QTest>

using namespace SupportDesk;

class TestFeedCodec : public QObject
{
    Q_OBJECT

private slots:
    void serverPagesReadAsQtReadsThem();
    void badRecordsNamedAsQtNamesThem_data();
    void badRecordsNamedAsQtNamesThem();
    void unreadablePagesRefused_data();
    void unreadablePagesRefused();
    void pageFields();
    void replyRouteRead();
    void repeatedValuesSharedWithinAPage();
    // A newer server's values this build does not know (docs/api.md, "Compatibility: an older
    // desk and a newer server"): the record is read and kept whole, the value taken as unknown.
    void newerValuesKeptWhole_data();
    void newerValuesKeptWhole();
    void customerLanguageNotKnownIsGuessed();
    void agentRoleNotKnownIsLeastPrivileged();
    void ticketStatusNotKnownShownAsWritten();
    void messageKindNotKnownKept();
    void serviceUseKindNotKnownKept();
    void opResultNotKnownTakenForNone();
    void serverInputsRefuseWhatTheyDoNotKnow();

private:
    // The one record of a page of `kind` holding `data`, decoded by FeedDecoder (and by Qt's
    // reading, which must agree).
    FeedPage decodeOne(const QByteArray &kind, const QByteArray &data);

    FeedDecoder m_decoder;
};

void TestFeedCodec::serverPagesReadAsQtReadsThem()
{
    const QDir corpus(QStringLiteral(FEED_CORPUS));
    const QStringList names = corpus.entryList({QStringLiteral("changes-*")}, QDir::Files);
    QVERIFY(names.size() >= 5);
    qsizetype records = 0;
    for (const QString &name : names) {
        QFile f(corpus.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        FeedPage page, reference;
        QString error;
        QStringList problems, referenceProblems;
        QCOMPARE(m_decoder.decode(bytes, 0, &page, &error, &problems), FeedDecoder::Status::Ok);
        QVERIFY(FeedReference::decode(bytes, 0, &reference, &referenceProblems));
        QVERIFY(referenceProblems.isEmpty());
        QCOMPARE(FeedReference::describe(page), FeedReference::describe(reference));
        records += page.tickets.size() + page.messages.size() + page.customers.size()
                + page.agents.size() + page.severityChanges.size();
    }
    QVERIFY(records > 50); // the corpus really holds records of every kind
}

static QByteArray pageWith(const QByteArray &kind, const QByteArray &data)
{
    return R"({"server_time":"2026-12-04T20:48:11.550Z","changes":[{"seq":9,"kind":")" + kind
            + R"(","data":)" + data + R"(}],"last_seq":9,"has_more":false})";
}

static const QByteArray GoodTicket = R"({"id":"t1","customer_id":"c1","channel":"ticket",)"
                                     R"("severity":"consultation","status":"new",)"
                                     R"("plan_id":"service-plan","edition_id":"s4-basic",)"
                                     R"("created_at":"2026-12-01T19:42:16.002Z")";

void TestFeedCodec::badRecordsNamedAsQtNamesThem_data()
{
    QTest::addColumn<QByteArray>("page");
    QTest::newRow("ticket: nothing") << pageWith("ticket", "{}");
    QTest::newRow("ticket: data not an object") << pageWith("ticket", "[1,2]");
    QTest::newRow("ticket: no data") << QByteArray(R"({"changes":[{"seq":3,"kind":"ticket"}]})");
    QTest::newRow("ticket: empty id") << pageWith("ticket", GoodTicket + R"(,"id":""})");
    QTest::newRow("ticket: number -1") << pageWith("ticket", GoodTicket + R"(,"number":-1})");
    QTest::newRow("ticket: number 1.5") << pageWith("ticket", GoodTicket + R"(,"number":1.5})");
    QTest::newRow("ticket: number 2^60")
            << pageWith("ticket", GoodTicket + R"(,"number":1152921504606846976})");
    QTest::newRow("ticket: number 1e300") << pageWith("ticket", GoodTicket + R"(,"number":1e300})");
    QTest::newRow("ticket: version a string")
            << pageWith("ticket", GoodTicket + R"(,"version":"3"})");
    QTest::newRow("ticket: subject a number") << pageWith("ticket", GoodTicket + R"(,"subject":5})");
    QTest::newRow("ticket: time not ISO")
            << pageWith("ticket", GoodTicket + R"(,"due_at":"tomorrow"})");
    QTest::newRow("ticket: no such day")
            << pageWith("ticket", GoodTicket + R"(,"due_at":"2026-02-30T10:00:00.000Z"})");
    QTest::newRow("ticket: empty created_at")
            << pageWith("ticket", GoodTicket + R"(,"created_at":""})");
    QTest::newRow("ticket: flags not strings")
            << pageWith("ticket", GoodTicket + R"(,"flags":["over-quota",1]})");
    QTest::newRow("ticket: flags an object") << pageWith("ticket", GoodTicket + R"(,"flags":{}})");
    QTest::newRow("ticket: the last of a repeated key counts")
            << pageWith("ticket", GoodTicket + R"(,"status":"bogus","status":5})");
    QTest::newRow("ticket: status not a string")
            << pageWith("ticket", GoodTicket + R"(,"status":["closed"]})");
    QTest::newRow("message: no kind")
            << pageWith("message", R"({"id":"m1","ticket_id":"t1",)"
                                   R"("created_at":"2026-12-01T19:42:16.002Z"})");
    QTest::newRow("agent: role a number") << pageWith("agent", R"({"id":"a","name":"A","role":1})");
    QTest::newRow("agent: no role") << pageWith("agent", R"({"id":"a","name":"A"})");
    QTest::newRow("ticket: null for a required field")
            << pageWith("ticket", GoodTicket + R"(,"customer_id":null})");
    QTest::newRow("message: args not strings")
            << pageWith("message", R"({"id":"m1","ticket_id":"t1","kind":"system","args":[{}],)"
                                   R"("created_at":"2026-12-01T19:42:16.002Z"})");
    QTest::newRow("customer: no id") << pageWith("customer", R"({"name":"x"})");
    QTest::newRow("severity change without id")
            << pageWith("severity_change", R"({"ticket_id":"t1","from_severity":"a",)"
                                           R"("to_severity":"b","reason":"r","changed_by":"a",)"
                                           R"("changed_at":"2026-12-01T19:42:16.002Z"})");
}

void TestFeedCodec::badRecordsNamedAsQtNamesThem()
{
    QFETCH(QByteArray, page);
    FeedPage decoded, reference;
    QString error;
    QStringList problems, referenceProblems;
    const FeedDecoder::Status status = m_decoder.decode(page, 0, &decoded, &error, &problems);
    QVERIFY(FeedReference::decode(page, 0, &reference, &referenceProblems));
    QCOMPARE(problems, referenceProblems);
    if (referenceProblems.isEmpty()) {
        QCOMPARE(status, FeedDecoder::Status::Ok);
        QCOMPARE(FeedReference::describe(decoded), FeedReference::describe(reference));
    } else {
        QCOMPARE(status, FeedDecoder::Status::BadRecords);
        // Nothing of a bad page is used.
        QVERIFY(decoded.tickets.isEmpty() && decoded.messages.isEmpty()
                && decoded.customers.isEmpty() && decoded.agents.isEmpty());
    }
}

void TestFeedCodec::unreadablePagesRefused_data()
{
    QTest::addColumn<QByteArray>("page");
    const QByteArray good = pageWith("ticket", GoodTicket + "}");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("truncated") << good.left(good.size() / 2);
    QTest::newRow("captive portal HTML") << QByteArray("<html><body>Sign in</body></html>");
    QTest::newRow("an array") << QByteArray("[1,2,3]");
    QTest::newRow("a string") << QByteArray(R"("changes")");
    QTest::newRow("trailing garbage") << good + "}";
    QTest::newRow("invalid UTF-8") << pageWith("ticket", GoodTicket + ",\"subject\":\"\xff\xfe\"}");
}

void TestFeedCodec::unreadablePagesRefused()
{
    QFETCH(QByteArray, page);
    FeedPage decoded;
    QString error;
    QStringList problems;
    QCOMPARE(m_decoder.decode(page, 0, &decoded, &error, &problems),
             FeedDecoder::Status::Unreadable);
    QVERIFY(!error.isEmpty());
    QVERIFY(decoded.tickets.isEmpty());
    // Qt's parser refuses them too: nothing the engine took before is refused now.
    FeedPage reference;
    QStringList referenceProblems;
    QVERIFY(!FeedReference::decode(page, 0, &reference, &referenceProblems));
}

void TestFeedCodec::pageFields()
{
    FeedPage page;
    QString error;
    QStringList problems;
    // last_seq below a record's seq, has_more not a bool, server_time a number, unknown kinds,
    // records that are not objects: read as Qt read them.
    const QByteArray bytes = R"({"server_time":5,"has_more":"yes","last_seq":4,"changes":[7,)"
                             R"({"seq":12,"kind":"event","data":{}},{"seq":-3,"kind":5}]})";
    QCOMPARE(m_decoder.decode(bytes, 10, &page, &error, &problems), FeedDecoder::Status::Ok);
    QCOMPARE(page.lastSeq, 12);
    QVERIFY(!page.hasMore);
    QVERIFY(!page.serverTime.isValid());
    FeedPage reference;
    QVERIFY(FeedReference::decode(bytes, 10, &reference, &problems));
    QCOMPARE(FeedReference::describe(page), FeedReference::describe(reference));
    QCOMPARE(m_decoder.decode(R"({"server_time":"2026-12-04T20:48:11.550Z","has_more":true,)"
                              R"("last_seq":40,"changes":[]})",
                              10, &page, &error, &problems),
             FeedDecoder::Status::Ok);
    QCOMPARE(page.lastSeq, 40);
    QVERIFY(page.hasMore);
    QCOMPARE(page.serverTime, QDateTime(QDate(2026, 12, 4), QTime(20, 48, 11, 550), Qt::UTC));
}

// Where a ticket's replies go (reply_via, reply_to, reply_im): read by both decoders, and
// absent on a desk-only ticket.
void TestFeedCodec::replyRouteRead()
{
    const QByteArray bytes = pageWith("ticket", GoodTicket + R"(,"reply_via":"im",)"
                                      R"("reply_to":"阿里云-ACME 运维群","reply_im":"wecom"})");
    FeedPage page, reference;
    QString error;
    QStringList problems;
    QCOMPARE(m_decoder.decode(bytes, 0, &page, &error, &problems), FeedDecoder::Status::Ok);
    QCOMPARE(page.tickets.size(), 1);
    QCOMPARE(page.tickets.first().reply,
             (ReplyRoute{ReplyVia::Im, QStringLiteral("阿里云-ACME 运维群"),
                         QStringLiteral("wecom")}));
    QVERIFY(FeedReference::decode(bytes, 0, &reference, &problems));
    QCOMPARE(FeedReference::describe(page), FeedReference::describe(reference));
    QCOMPARE(m_decoder.decode(pageWith("ticket", GoodTicket + "}"), 0, &page, &error, &problems),
             FeedDecoder::Status::Ok);
    QCOMPARE(page.tickets.first().reply, ReplyRoute());
}

// A page's repeated short values (customer, channel, severity, status, plan, edition, tags, a
// message's ticket) are one string each, shared by the records that hold them (not converted
// again per record: docs/cache.md, "Issue 14's 2 s"); what one page shared stays as read once
// the decoder has gone on to the next page, whose document replaces the text it was read from.
void TestFeedCodec::repeatedValuesSharedWithinAPage()
{
    const auto ticket = [](const char *id, const char *customer) {
        return QByteArray(R"({"seq":1,"kind":"ticket","data":{"id":")") + id
                + R"(","customer_id":")" + customer
                + R"(","channel":"ticket","severity":"consultation","status":"new",)"
                  R"("plan_id":"service-plan","edition_id":"s4-basic","tags":["vpn"],)"
                  R"("created_at":"2026-12-01T19:42:16.002Z"}})";
    };
    const auto page = [](const QByteArrayList &records) {
        return R"({"changes":[)" + records.join(',') + R"(],"last_seq":9,"has_more":false})";
    };
    FeedPage first;
    QString error;
    QStringList problems;
    QCOMPARE(m_decoder.decode(page({ticket("t1", "c1"), ticket("t2", "c1")}), 0, &first, &error,
                              &problems),
             FeedDecoder::Status::Ok);
    QCOMPARE(first.tickets.size(), 2);
    const Ticket &a = first.tickets.at(0);
    const Ticket &b = first.tickets.at(1);
    QVERIFY(a.customerId.isSharedWith(b.customerId));
    QVERIFY(a.severity.isSharedWith(b.severity));
    QVERIFY(a.editionId.isSharedWith(b.editionId));
    QVERIFY(a.tags.first().isSharedWith(b.tags.first()));
    QVERIFY(!a.id.isSharedWith(b.id));

    FeedPage second;
    QCOMPARE(m_decoder.decode(page({ticket("t3", "c2")}), 0, &second, &error, &problems),
             FeedDecoder::Status::Ok);
    QCOMPARE(second.tickets.first().customerId, QStringLiteral("c2"));
    QVERIFY(!second.tickets.first().channel.isSharedWith(a.channel)); // one page's table
    QCOMPARE(a.customerId, QStringLiteral("c1"));
    QCOMPARE(b.channel, QStringLiteral("ticket"));
    QCOMPARE(b.tags, QStringList{QStringLiteral("vpn")});
}

FeedPage TestFeedCodec::decodeOne(const QByteArray &kind, const QByteArray &data)
{
    const QByteArray bytes = pageWith(kind, data);
    FeedPage page, reference;
    QString error;
    QStringList problems, referenceProblems;
    const FeedDecoder::Status status = m_decoder.decode(bytes, 0, &page, &error, &problems);
    [&] {
        QVERIFY2(status == FeedDecoder::Status::Ok,
                 qPrintable(problems.join(QStringLiteral("; ")) + error));
        QVERIFY(FeedReference::decode(bytes, 0, &reference, &referenceProblems));
        QVERIFY2(referenceProblems.isEmpty(), qPrintable(referenceProblems.join(QStringLiteral("; "))));
        QCOMPARE(FeedReference::describe(page), FeedReference::describe(reference));
    }();
    return page;
}

static const QByteArray GoodMessage = R"({"id":"m1","ticket_id":"t1","author_id":"a-lina",)"
                                      R"("body":"b","created_at":"2026-12-01T19:42:16.002Z")";
static const QByteArray GoodCustomer = R"({"id":"c1","name":"ACME","plan_id":"service-plan",)"
                                       R"("edition_id":"s1-flagship")";
static const QByteArray GoodAgent = R"({"id":"a-new","name":"Kenji")";

void TestFeedCodec::newerValuesKeptWhole_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("written"); // what the record written back holds
    QTest::newRow("customer language") << QByteArray("customer")
                                       << GoodCustomer + R"(,"language":"ja"})"
                                       << QStringLiteral(R"("language":"ja")");
    QTest::newRow("agent role") << QByteArray("agent") << GoodAgent + R"(,"role":"supervisor"})"
                                << QStringLiteral(R"("role":"supervisor")");
    QTest::newRow("ticket status") << QByteArray("ticket")
                                   << GoodTicket + R"(,"status":"on-hold"})"
                                   << QStringLiteral(R"("status":"on-hold")");
    QTest::newRow("message kind") << QByteArray("message")
                                  << GoodMessage + R"(,"kind":"voice-call"})"
                                  << QStringLiteral(R"("kind":"voice-call")");
}

// Each fails on a build whose codec refuses the value: the whole page was refused ("records
// that could not be read") and the desk's sync stopped there.
void TestFeedCodec::newerValuesKeptWhole()
{
    QFETCH(QByteArray, kind);
    QFETCH(QByteArray, data);
    QFETCH(QString, written);
    const FeedPage page = decodeOne(kind, data);
    const QString described = QString::fromUtf8(FeedReference::describe(page));
    QVERIFY2(described.contains(written), qPrintable(described));
}

void TestFeedCodec::customerLanguageNotKnownIsGuessed()
{
    const FeedPage page = decodeOne("customer", GoodCustomer + R"(,"language":"ja"})");
    QCOMPARE(page.customers.size(), 1);
    const Customer &c = page.customers.first();
    QCOMPARE(c.language, QStringLiteral("ja"));
    QVERIFY(!CustomerLanguage::fromId(c.language));
    // Not known: the language the ticket is written in, as for a customer without one.
    Ticket t;
    t.subject = QStringLiteral("数据库连接超时");
    QCOMPARE(customerLanguage(t, c), Language::Chinese);
    t.subject = QStringLiteral("Database connection timeout");
    QCOMPARE(customerLanguage(t, c), Language::English);
}

void TestFeedCodec::agentRoleNotKnownIsLeastPrivileged()
{
    const FeedPage page = decodeOne("agent", GoodAgent + R"(,"role":"supervisor"})");
    QCOMPARE(page.agents.size(), 1);
    const Agent &a = page.agents.first();
    QCOMPARE(a.role, AgentRole::Unknown);
    QCOMPARE(a.unknownRole, QStringLiteral("supervisor"));
    QCOMPARE(roleId(a), QStringLiteral("supervisor"));
    QVERIFY(roleId(AgentRole::Unknown).isEmpty());
    QVERIFY(!parseRole(u"supervisor"));
    // The least of every right, never more: given no ticket, leading nothing, overriding no
    // quota, recording no service use, changing no team macro.
    QVERIFY(!a.takesTickets());
    QVERIFY(!a.leadsTeam());
    QVERIFY(!a.overridesQuota());
    QVERIFY(!recordsServiceUse(a.role));
    QVERIFY(!canEditMacro(a, Macro()));
    QVERIFY(!roleName(a.role).isEmpty());
    QVERIFY(roleName(a.role) != roleName(AgentRole::Agent));
    // A known role read afterwards leaves nothing of the unknown one.
    Agent again = a;
    QVERIFY(Json::fromJson(QJsonObject{{QStringLiteral("id"), a.id},
                                       {QStringLiteral("name"), a.name},
                                       {QStringLiteral("role"), QStringLiteral("lead")}},
                           &again, nullptr));
    QCOMPARE(again.role, AgentRole::Lead);
    QVERIFY(again.unknownRole.isEmpty());
}

void TestFeedCodec::ticketStatusNotKnownShownAsWritten()
{
    const FeedPage page = decodeOne("ticket", GoodTicket + R"(,"status":"on-hold"})");
    QCOMPARE(page.tickets.size(), 1);
    const Ticket &t = page.tickets.first();
    QCOMPARE(t.status, QStringLiteral("on-hold"));
    QVERIFY(!parseStatus(t.status)); // taken for no other status
    QVERIFY(TicketStatus::isOpen(t.status)); // never hidden from the open queues
    const QString shown = statusName(t.status);
    QVERIFY2(shown.contains(u"on-hold") && shown != t.status, qPrintable(shown));
    QCOMPARE(statusName(TicketStatus::Closed), statusName(TicketState::Closed));
}

void TestFeedCodec::messageKindNotKnownKept()
{
    const FeedPage page = decodeOne("message", GoodMessage + R"(,"kind":"voice-call"})");
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messages.first().kind, QStringLiteral("voice-call"));
    QVERIFY(!MessageKind::all().contains(page.messages.first().kind));
}

void TestFeedCodec::serviceUseKindNotKnownKept()
{
    const FeedPage page = decodeOne(
            "service-use",
            R"({"id":"u1","customer_id":"p-northwind","kind":"workshop",)"
            R"("first_day":"2026-12-01","last_day":"2026-12-01","version":1})");
    QCOMPARE(page.serviceUse.size(), 1);
    QCOMPARE(page.serviceUse.first().kind, QStringLiteral("workshop"));
    QCOMPARE(Json::toJson(page.serviceUse.first()).value(u"kind").toString(),
             QStringLiteral("workshop"));
}

void TestFeedCodec::opResultNotKnownTakenForNone()
{
    OperationResult r;
    QStringList problems;
    QVERIFY(Json::fromJson(QJsonObject{{QStringLiteral("op_id"), QStringLiteral("o1")},
                                       {QStringLiteral("result"), QStringLiteral("queued")}},
                           &r, &problems));
    QCOMPARE(r.result, QStringLiteral("queued"));
    QVERIFY(!r.isKnownResult());
    for (const QString &known : {OpResult::Applied, OpResult::Duplicate, OpResult::Conflict,
                                 OpResult::Rejected}) {
        r.result = known;
        QVERIFY(r.isKnownResult());
    }
}

// The server's own inputs stay strict: `customer import` reads with UnknownValues::Refuse and
// names the entry and the field.
void TestFeedCodec::serverInputsRefuseWhatTheyDoNotKnow()
{
    QStringList problems;
    Customer c;
    const QJsonObject customer = QJsonDocument::fromJson(GoodCustomer + R"(,"language":"ja"})")
                                         .object();
    QVERIFY(!Json::fromJson(customer, &c, &problems, QStringLiteral("[1]"),
                            Json::UnknownValues::Refuse));
    QCOMPARE(problems, QStringList{QStringLiteral("[1].language: must be one of: zh_CN, en")});
    problems.clear();
    Agent a;
    QVERIFY(!Json::fromJson(QJsonObject{{QStringLiteral("id"), QStringLiteral("a")},
                                        {QStringLiteral("name"), QStringLiteral("A")},
                                        {QStringLiteral("role"), QStringLiteral("supervisor")}},
                            &a, &problems, QString(), Json::UnknownValues::Refuse));
    QCOMPARE(problems,
             QStringList{QStringLiteral("role: must be one of: agent, lead, admin, service")});
    problems.clear();
    Ticket t;
    QVERIFY(!Json::fromJson(QJsonDocument::fromJson(GoodTicket + R"(,"status":"on-hold"})")
                                    .object(),
                            &t, &problems, QString(), Json::UnknownValues::Refuse));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().startsWith(u"status: must be one of"));
}

QTEST_GUILESS_MAIN(TestFeedCodec)
#include "tst_feedcodec.moc"
