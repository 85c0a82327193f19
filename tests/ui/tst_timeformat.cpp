// Countdowns and durations in both languages.
#include "languagemanager.h"
#include "timeformat.h"

#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

using namespace SupportDesk;

class TestTimeFormat : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void clock_data();
    void clock();
    void countdownColumn();
    void wordsInEnglish();
    void wordsInChinese();
    void dateTimeFollowsLocaleAndZone();

private:
    static SlaStatus status(SlaState state, qint64 left, qint64 overdue = 0, qint64 response = -1)
    {
        SlaStatus s;
        s.state = state;
        s.secondsLeft = left;
        s.secondsOverdue = overdue;
        s.responseSeconds = response;
        return s;
    }
};

void TestTimeFormat::clock_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << "0:00";
    QTest::newRow("last second") << qint64(1) << "0:01";
    QTest::newRow("under an hour") << qint64(12 * 60 + 4) << "12:04";
    QTest::newRow("59:59") << qint64(3599) << "59:59";
    QTest::newRow("an hour: h:mm") << qint64(3600) << "1:00";
    QTest::newRow("1:05") << qint64(3600 + 5 * 60 + 59) << "1:05";
    QTest::newRow("16 h") << qint64(16 * 3600) << "16:00";
    QTest::newRow("negative") << qint64(-5) << "0:00";
}

void TestTimeFormat::clock()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(TimeFormat::clock(seconds), text);
}

void TestTimeFormat::countdownColumn()
{
    LanguageManager language;
    QVERIFY(language.setLanguage(Language::English, false));
    QCOMPARE(TimeFormat::countdown(status(SlaState::AtRisk, 125)), QStringLiteral("2:05"));
    QCOMPARE(TimeFormat::countdown(status(SlaState::Breached, 0, 12 * 60 + 4)),
             QStringLiteral("overdue 12:04"));
    QCOMPARE(TimeFormat::countdown(status(SlaState::RespondedInTime, 0, 0, 9 * 60 + 30)),
             QStringLiteral("responded 9:30"));
    QVERIFY(language.setLanguage(Language::Chinese, false));
    QCOMPARE(TimeFormat::countdown(status(SlaState::Breached, 0, 12 * 60 + 4)),
             QStringLiteral("已超时 12:04"));
}

void TestTimeFormat::wordsInEnglish()
{
    LanguageManager language;
    QVERIFY(language.setLanguage(Language::English, false));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::OnTrack, 12 * 60)), QStringLiteral("12 min left"));
    // Rounded up while time is left: 11 min 1 s reads 12.
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::OnTrack, 11 * 60 + 1)), QStringLiteral("12 min left"));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::AtRisk, 1)), QStringLiteral("1 min left"));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::OnTrack, 2 * 3600 + 5 * 60)),
             QStringLiteral("2 h 5 min left"));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::Breached, 0, 5 * 60 + 59)),
             QStringLiteral("overdue 5 min"));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::RespondedLate, 0, 60, 16 * 60)),
             QStringLiteral("responded in 16 min, late"));
    QCOMPARE(TimeFormat::target(15), QStringLiteral("15 min"));
    QCOMPARE(TimeFormat::target(120), QStringLiteral("2 h"));
    QCOMPARE(TimeFormat::target(960), QStringLiteral("16 h"));
    QCOMPARE(TimeFormat::span(3 * 86400 + 4 * 3600), QStringLiteral("3 d 4 h"));
}

void TestTimeFormat::wordsInChinese()
{
    LanguageManager language;
    QVERIFY(language.setLanguage(Language::Chinese, false));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::OnTrack, 12 * 60)), QStringLiteral("剩余 12 分钟"));
    QCOMPARE(TimeFormat::countdownWords(status(SlaState::Breached, 0, 5 * 60)), QStringLiteral("已超时 5 分钟"));
    QCOMPARE(TimeFormat::target(480), QStringLiteral("8 小时"));
    QCOMPARE(TimeFormat::span(90 * 60), QStringLiteral("1 小时 30 分钟"));
    language.setLanguage(Language::English, false);
}

void TestTimeFormat::dateTimeFollowsLocaleAndZone()
{
    LanguageManager language;
    const QDateTime t(QDate(2026, 3, 2), QTime(1, 0), Qt::UTC);
    const QTimeZone shanghai(QByteArrayLiteral("Asia/Shanghai"));
    QVERIFY(language.setLanguage(Language::English, false));
    const QString en = TimeFormat::dateTime(t, shanghai);
    QVERIFY(language.setLanguage(Language::Chinese, false));
    const QString zh = TimeFormat::dateTime(t, shanghai);
    QVERIFY2(en.contains(QStringLiteral("9:00")), qPrintable(en)); // 09:00 in Shanghai
    QVERIFY2(zh.contains(QStringLiteral("2026")) && zh != en, qPrintable(zh));
    language.setLanguage(Language::English, false);
}

QTEST_MAIN(TestTimeFormat)
#include "tst_timeformat.moc"
