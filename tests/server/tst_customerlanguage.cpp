// The customer's language (issue 17) on the real supportdesk-server (SQLite): `customer import`
// takes zh_CN, en or none and the feed carries it to the desks; any other value is refused
// naming the entry and the field, and nothing of that file is stored.
#include "domain.h"
#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestCustomerLanguage : public QObject
{
    Q_OBJECT

private slots:
    void importedAndCarriedByTheFeed();
    void hostileValueRefused_data();
    void hostileValueRefused();

private:
    // The customers the feed carries, by id (as an agent of `db` reads them).
    static QHash<QString, Customer> feedCustomers(const QString &db, bool *ok);
    static QJsonObject customerJson(const char *id, const QJsonValue &language);
    static CommandRun import(const QTemporaryDir &dir, const QJsonArray &list);
};

QJsonObject TestCustomerLanguage::customerJson(const char *id, const QJsonValue &language)
{
    QJsonObject o { { QStringLiteral("id"), QLatin1String(id) },
                    { QStringLiteral("name"), QStringLiteral("Customer %1").arg(QLatin1String(id)) },
                    { QStringLiteral("plan_id"), QStringLiteral("service-plan") },
                    { QStringLiteral("edition_id"), QStringLiteral("s2-enterprise") },
                    { QStringLiteral("time_zone"), QStringLiteral("Asia/Shanghai") } };
    if (!language.isUndefined())
        o.insert(QStringLiteral("language"), language);
    return o;
}

CommandRun TestCustomerLanguage::import(const QTemporaryDir &dir, const QJsonArray &list)
{
    QFile file(dir.filePath(QStringLiteral("customers.json")));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(QJsonDocument(list).toJson());
    file.close();
    return runServerCommand({ QStringLiteral("--db"), dir.filePath(QStringLiteral("desk.db")),
                              QStringLiteral("customer"), QStringLiteral("import"),
                              file.fileName() });
}

QHash<QString, Customer> TestCustomerLanguage::feedCustomers(const QString &db, bool *ok)
{
    *ok = false;
    QHash<QString, Customer> customers;
    const QString token = addAgent(db, QStringLiteral("a-reader"), QStringLiteral("agent"));
    if (token.isEmpty())
        return customers;
    RealServer server(serverProgram());
    if (!server.start(db))
        return customers;
    const RealServer::Reply r
            = server.request("GET", QStringLiteral("/changes?after=0&limit=5000"), token);
    if (r.status != 200)
        return customers;
    for (const QJsonValue &v : r.body.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject change = v.toObject();
        if (change.value(QStringLiteral("kind")).toString() != u"customer")
            continue;
        Customer c;
        QStringList errors;
        if (!Json::fromJson(change.value(QStringLiteral("data")).toObject(), &c, &errors)) {
            qWarning("%s", qPrintable(errors.join(u'\n')));
            return customers;
        }
        customers.insert(c.id, c);
    }
    *ok = true;
    return customers;
}

void TestCustomerLanguage::importedAndCarriedByTheFeed()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const CommandRun run = import(dir, { customerJson("c-zh", CustomerLanguage::Chinese),
                                         customerJson("c-en", CustomerLanguage::English),
                                         customerJson("c-none", QJsonValue::Undefined),
                                         customerJson("c-empty", QString()) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("4 customers imported")), qPrintable(run.output));
    bool ok = false;
    const QHash<QString, Customer> feed = feedCustomers(dir.filePath(QStringLiteral("desk.db")), &ok);
    QVERIFY(ok);
    QCOMPARE(feed.size(), 4);
    QCOMPARE(feed.value(QStringLiteral("c-zh")).language, CustomerLanguage::Chinese);
    QCOMPARE(feed.value(QStringLiteral("c-en")).language, CustomerLanguage::English);
    QVERIFY(feed.value(QStringLiteral("c-none")).language.isEmpty());
    QVERIFY(feed.value(QStringLiteral("c-empty")).language.isEmpty());

    // Changed by importing the customer again: the feed brings the record again.
    const CommandRun again = import(dir, { customerJson("c-none", CustomerLanguage::English) });
    QVERIFY2(again.exitCode == 0, qPrintable(again.output));
    const QHash<QString, Customer> after
            = feedCustomers(dir.filePath(QStringLiteral("desk.db")), &ok);
    QVERIFY(ok);
    QCOMPARE(after.value(QStringLiteral("c-none")).language, CustomerLanguage::English);
    QCOMPARE(after.value(QStringLiteral("c-zh")).language, CustomerLanguage::Chinese);
}

void TestCustomerLanguage::hostileValueRefused_data()
{
    QTest::addColumn<QJsonValue>("language");
    QTest::newRow("another language") << QJsonValue(QStringLiteral("fr"));
    QTest::newRow("the desk's code, not the record's") << QJsonValue(QStringLiteral("zh"));
    QTest::newRow("case") << QJsonValue(QStringLiteral("EN"));
    QTest::newRow("padded") << QJsonValue(QStringLiteral(" en"));
    QTest::newRow("NUL") << QJsonValue(QStringLiteral("en") + QChar(0));
    QTest::newRow("a megabyte") << QJsonValue(QString(1 << 20, u'语'));
    QTest::newRow("number") << QJsonValue(7);
    QTest::newRow("list") << QJsonValue(QJsonArray { QStringLiteral("en") });
}

void TestCustomerLanguage::hostileValueRefused()
{
    QFETCH(QJsonValue, language);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A good entry first: the refusal of the second leaves it out too.
    const CommandRun run = import(dir, { customerJson("c-good", CustomerLanguage::English),
                                         customerJson("c-bad", language) });
    QVERIFY2(run.exitCode == 1, qPrintable(run.output));
    QVERIFY2(run.output.contains(QStringLiteral("[1].language: must be")), qPrintable(run.output));
    QVERIFY2(run.output.size() < 1000, "the value is not echoed back");
    bool ok = false;
    const QHash<QString, Customer> feed = feedCustomers(dir.filePath(QStringLiteral("desk.db")), &ok);
    QVERIFY(ok);
    QVERIFY2(feed.isEmpty(), qPrintable(QStringList(feed.keys()).join(u' ')));
}

QTEST_GUILESS_MAIN(TestCustomerLanguage)
#include "tst_customerlanguage.moc"
