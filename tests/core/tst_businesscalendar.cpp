// Mainland China business days: weekends, public holidays and make-up workdays (调休).
#include "businesscalendar.h"

#include <QTest>

using namespace SupportDesk;

class TestBusinessCalendar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void coversThreeYears();
    void dayKinds_data();
    void dayKinds();
    void addBusinessDays_data();
    void addBusinessDays();
    void outsideDataIsNotGuessed();
    void brokenData_data();
    void brokenData();

private:
    std::optional<BusinessCalendar> m_calendar;
};

void TestBusinessCalendar::initTestCase()
{
    QStringList errors;
    m_calendar = BusinessCalendar::loadBuiltIn(&errors);
    QVERIFY2(m_calendar, qPrintable(errors.join(u'\n')));
}

void TestBusinessCalendar::coversThreeYears()
{
    QCOMPARE(m_calendar->years(), (QList<int>{2025, 2026, 2027}));
    QVERIFY(!m_calendar->isProvisional(2025));
    QVERIFY(!m_calendar->isProvisional(2026));
    QVERIFY(m_calendar->covers(QDate(2025, 1, 1), QDate(2027, 12, 31)));
    QVERIFY(!m_calendar->covers(QDate(2027, 12, 1), QDate(2028, 1, 5)));
}

void TestBusinessCalendar::dayKinds_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("business");
    QTest::newRow("ordinary Monday") << QDate(2026, 3, 2) << true;
    QTest::newRow("ordinary Saturday") << QDate(2026, 3, 7) << false;
    QTest::newRow("new year 2026") << QDate(2026, 1, 1) << false;
    QTest::newRow("new year make-up Sunday 2026") << QDate(2026, 1, 4) << true;
    QTest::newRow("spring festival Monday 2026") << QDate(2026, 2, 16) << false;
    QTest::newRow("spring festival make-up Saturday") << QDate(2026, 2, 14) << true;
    QTest::newRow("spring festival 2025 make-up Sunday") << QDate(2025, 1, 26) << true;
    QTest::newRow("national day Thursday 2025") << QDate(2025, 10, 2) << false;
    QTest::newRow("national day make-up Saturday 2025") << QDate(2025, 10, 11) << true;
    QTest::newRow("labour day Tuesday 2026") << QDate(2026, 5, 5) << false;
    QTest::newRow("labour make-up Saturday 2026") << QDate(2026, 5, 9) << true;
}

void TestBusinessCalendar::dayKinds()
{
    QFETCH(QDate, date);
    QFETCH(bool, business);
    QCOMPARE(m_calendar->isBusinessDay(date), business);
}

void TestBusinessCalendar::addBusinessDays_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<int>("days");
    QTest::addColumn<QDate>("expected");
    // Two plain weeks.
    QTest::newRow("plain") << QDate(2026, 3, 2) << 10 << QDate(2026, 3, 16);
    // Asked on Friday 2026-09-18: Sun 20 Sep is a make-up workday, 1–7 Oct are off,
    // 25 Sep (Mid-Autumn) is off, Sat 10 Oct is a make-up workday.
    // Business days: 20, 21, 22, 23, 24, 28, 29, 30 Sep, 8, 9 Oct → the 10th is 9 Oct.
    QTest::newRow("golden week") << QDate(2026, 9, 18) << 10 << QDate(2026, 10, 9);
    // Spring Festival 2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked.
    // From Thu 12 Feb: 13, 14, 24, 25, 26, 27, 28 Feb, 2, 3, 4 Mar.
    QTest::newRow("spring festival") << QDate(2026, 2, 12) << 10 << QDate(2026, 3, 4);
    // Across the year end into the provisional year.
    QTest::newRow("year end") << QDate(2026, 12, 24) << 10 << QDate(2027, 1, 8);
}

void TestBusinessCalendar::addBusinessDays()
{
    QFETCH(QDate, from);
    QFETCH(int, days);
    QFETCH(QDate, expected);
    QCOMPARE(m_calendar->addBusinessDays(from, days), expected);
    QCOMPARE(m_calendar->businessDaysBetween(from, expected), days);
    QCOMPARE(m_calendar->businessDaysBetween(from, expected.addDays(-1)), days - 1);
}

void TestBusinessCalendar::outsideDataIsNotGuessed()
{
    QVERIFY(m_calendar->addBusinessDays(QDate(2027, 12, 24), 10).isNull());
}

void TestBusinessCalendar::brokenData_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{") << "$: not a valid calendar document: unterminated object";
    QTest::newRow("no years") << QByteArray(R"({"years": {}})") << "$.years: must be a non-empty object";
    QTest::newRow("bad date") << QByteArray(R"({"years": {"2026": {"status": "official",
        "holidays": ["2026-02-30"], "workdays": []}}})")
                              << "$.years.2026.holidays[0]: must be a date (YYYY-MM-DD) in 2026";
    QTest::newRow("wrong year") << QByteArray(R"({"years": {"2026": {"status": "official",
        "holidays": ["2025-10-01"], "workdays": []}}})")
                                << "$.years.2026.holidays[0]: must be a date (YYYY-MM-DD) in 2026";
    QTest::newRow("both") << QByteArray(R"({"years": {"2026": {"status": "official",
        "holidays": ["2026-10-01"], "workdays": ["2026-10-01"]}}})")
                          << "$.years.2026: 2026-10-01 is both a holiday and a workday";
    QTest::newRow("status") << QByteArray(R"({"years": {"2026": {"status": "maybe",
        "holidays": [], "workdays": []}}})")
                            << "$.years.2026.status: must be \"official\" or \"provisional\"";
}

void TestBusinessCalendar::brokenData()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QStringList errors;
    QVERIFY(!BusinessCalendar::fromJson(json, &errors));
    QVERIFY2(errors.contains(expected), qPrintable(errors.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"
