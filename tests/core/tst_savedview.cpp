// Saved views in core: the op codec and the record's codec round trip, the rules a view's
// fields are held to, and who may see one (docs/tags-and-views.md).
#include "savedview.h"
#include "ticketedit.h"

#include <QTest>

using namespace SupportDesk;

class TestSavedView : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void ownerIsTheSender();
    void rules_data();
    void rules();
    void onlyTheOwnerSees();
    void tagsShowInTheSearchBox();
};

namespace {

SavedView view()
{
    SavedView v;
    v.id = QStringLiteral("aaaaaaaa-2222-3333-4444-555555555555");
    v.name = QStringLiteral("VIP 超时");
    v.queue = QStringLiteral("at-risk");
    v.edition = QStringLiteral("s1-flagship");
    v.severity = QStringLiteral("business-down");
    v.channel = QStringLiteral("ticket");
    v.status = TicketStatus::Accepted;
    v.tags = { QStringLiteral("vip"), QStringLiteral("退款") };
    v.search = QStringLiteral("ssh 登录");
    v.version = 2;
    return v;
}

} // namespace

void TestSavedView::roundTrip()
{
    const SavedView v = view();
    QString problem;
    const Operation op = makeViewOperation(QStringLiteral("op-1"), v);
    QCOMPARE(op.type, ViewOp::Save);
    QCOMPARE(op.ticketId, v.id);
    QCOMPARE(op.baseVersion, 2);
    const std::optional<SavedView> back = viewFromOperation(op, QStringLiteral("a-me"), &problem);
    QVERIFY2(back, qPrintable(problem));
    SavedView expected = v;
    expected.ownerId = QStringLiteral("a-me");
    QCOMPARE(*back, expected);
    SavedView stored;
    QVERIFY(Json::fromJson(Json::toJson(expected), &stored, nullptr));
    QCOMPARE(stored, expected);
    // Tags are kept normalised, once.
    Operation mixed = op;
    mixed.payload.insert(QStringLiteral("tags"), QStringLiteral("VIP vip  Billing"));
    QCOMPARE(viewFromOperation(mixed, QStringLiteral("a-me"), &problem)->tags,
             (QStringList { QStringLiteral("vip"), QStringLiteral("billing") }));
    const std::optional<SavedView> gone = viewFromOperation(
            makeViewOperation(QStringLiteral("op-2"), v, true), QStringLiteral("a-me"), &problem);
    QVERIFY(gone && gone->deleted);
}

void TestSavedView::ownerIsTheSender()
{
    Operation op = makeViewOperation(QStringLiteral("op-1"), view());
    op.payload.insert(QStringLiteral("owner_id"), QStringLiteral("a-other"));
    QString problem;
    QVERIFY(!viewFromOperation(op, QStringLiteral("a-me"), &problem));
    QCOMPARE(problem, QStringLiteral("payload: unknown field"));
}

void TestSavedView::rules_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("empty name") << "name" << " " << "name";
    QTest::newRow("101 characters") << "name" << QString(101, u'x') << "name";
    QTest::newRow("NUL in search") << "search" << QStringLiteral("a") + QChar(u'\0') << "search";
    QTest::newRow("long search") << "search" << QString(501, u'x') << "search";
    QTest::newRow("unknown queue") << "queue" << "all" << "queue";
    QTest::newRow("unknown status") << "status" << "done" << "status";
    QTest::newRow("hostile tag") << "tags" << "ok a:b" << "tags";
    QTest::newRow("long id") << "edition" << QString(129, u'e') << "edition";
}

void TestSavedView::rules()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, field);
    Operation op = makeViewOperation(QStringLiteral("op-1"), view());
    op.payload.insert(key, value);
    QString problem;
    QVERIFY(!viewFromOperation(op, QStringLiteral("a-me"), &problem));
    QCOMPARE(problem.section(u':', 0, 0), QStringLiteral("payload.") + field);
}

void TestSavedView::onlyTheOwnerSees()
{
    SavedView v = view();
    v.ownerId = QStringLiteral("a-me");
    Agent me;
    me.id = QStringLiteral("a-me");
    me.role = AgentRole::Agent;
    Agent lead;
    lead.id = QStringLiteral("a-lead");
    lead.role = AgentRole::Lead;
    QVERIFY(canSeeView(me, v));
    QVERIFY(!canSeeView(lead, v));
    v.ownerId.clear(); // no owner is no one's
    QVERIFY(!canSeeView(me, v));
}

void TestSavedView::tagsShowInTheSearchBox()
{
    // The box's `tag:NAME` words are the view's tags (normalised, once), the rest its search.
    QStringList tags { QStringLiteral("billing") };
    QString search;
    splitViewSearch(QStringLiteral("  tag:VIP 北京  tag:billing TAG:vip disk tag: "), &tags,
                    &search);
    QCOMPARE(tags, (QStringList { QStringLiteral("billing"), QStringLiteral("vip") }));
    QCOMPARE(search, QStringLiteral("北京 disk tag:"));
    SavedView v;
    v.tags = tags;
    v.search = QStringLiteral("北京 disk");
    QCOMPARE(viewSearchText(v), QStringLiteral("tag:billing tag:vip 北京 disk"));
    // And back: the same view.
    QStringList again;
    QString rest;
    splitViewSearch(viewSearchText(v), &again, &rest);
    QCOMPARE(again, v.tags);
    QCOMPARE(rest, v.search);
    QCOMPARE(viewSearchText(SavedView()), QString());
}

QTEST_APPLESS_MAIN(TestSavedView)
#include "tst_savedview.moc"
