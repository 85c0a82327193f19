// The customer's language (issue 17) through the client's sync engine and cache against the
// real demo server: the feed brings it into the cache, and a cache an older build wrote (its
// customer records kept without the field) gets it back by the schema-14 re-read.
#include "recordsync.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestCustomerLanguageSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void feedBringsTheLanguage();
    void olderCacheGetsTheLanguageBack();

private:
    RecordSyncServer m_demo;
};

void TestCustomerLanguageSync::initTestCase()
{
    const QString started = m_demo.start(20);
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void TestCustomerLanguageSync::feedBringsTheLanguage()
{
    SyncClient desk(m_demo.server(), m_demo.newCachePath(), m_demo.token(QStringLiteral("a-lina")));
    desk.engine->start();
    QVERIFY(desk.settle());
    QCOMPARE(desk.cache.customer(QStringLiteral("c-yunfan"))->language, CustomerLanguage::Chinese);
    QCOMPARE(desk.cache.customer(QStringLiteral("p-northwind"))->language,
             CustomerLanguage::English);
    for (const Customer &c : desk.cache.customers())
        QVERIFY2(CustomerLanguage::fromId(c.language), qPrintable(c.id));
}

void TestCustomerLanguageSync::olderCacheGetsTheLanguageBack()
{
    const QString path = m_demo.newCachePath();
    int customers = 0;
    {
        SyncClient before(m_demo.server(), path, m_demo.token(QStringLiteral("a-lina")));
        before.engine->start();
        QVERIFY(before.settle());
        customers = int(before.cache.customers().size());
        QVERIFY(customers > 0);
        before.cache.close();
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("schema13"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        // As a schema-13 build left it: each customer as its codec wrote it, no language.
        QVERIFY(q.exec(QStringLiteral("UPDATE customers SET data = json_remove(data, "
                                      "'$.language')")));
        QCOMPARE(q.numRowsAffected(), customers);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_state WHERE key LIKE 'history%'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 13")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("schema13"));
    SyncClient after(m_demo.server(), path, m_demo.token(QStringLiteral("a-lina")));
    QVERIFY(after.cache.customer(QStringLiteral("c-yunfan"))->language.isEmpty());
    after.engine->start();
    QVERIFY(after.settle());
    const QVector<Customer> taken = after.cache.customers();
    QCOMPARE(int(taken.size()), customers);
    for (const Customer &c : taken)
        QVERIFY2(CustomerLanguage::fromId(c.language), qPrintable(c.id));
    QCOMPARE(after.cache.customer(QStringLiteral("c-yunfan"))->language,
             CustomerLanguage::Chinese);
}

QTEST_GUILESS_MAIN(TestCustomerLanguageSync)
#include "tst_customerlanguagesync.moc"
