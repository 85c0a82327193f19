// A service report exported to PDF and CSV carries the month's figures, in the language the
// program runs in; the PDF is read back with pdftotext (poppler-utils).
#include "plancatalog.h"
#include "recordnames.h"
#include "servicereportexport.h"

#include <QApplication>
#include <algorithm>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace SupportDesk;

class TestServiceReport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pdfInEnglish();
    void pdfInChinese();
    void csvFields();
    void csvNamesTheStateAsEveryView();
    void csvNeverAFormula_data();
    void csvNeverAFormula();
    void unwritablePathIsAnError();
    void timesSayTheirZone();

private:
    static QDateTime utc(const char *iso)
    {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
    }
    QString pdfText(const ServiceReportExport &exporter);
    std::optional<CatalogSet> m_catalogs;
    Customer m_customer;
    ServiceReport m_report;
    QTemporaryDir m_dir;
};

void TestServiceReport::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY(m_catalogs);
    m_customer.id = QStringLiteral("p7");
    m_customer.name = QStringLiteral("Globex Partners");
    m_customer.planId = QStringLiteral("partner-plan");
    m_customer.editionId = QStringLiteral("standard");
    // Eight tickets in March 2026 (Shanghai): targets 15 min (business-down) and 16 h
    // (consultation). Worked out: decided 7 (H is undecided), in time 5 → 71.4 %.
    QVector<TicketFacts> tickets;
    const auto add = [&](const char *id, int number, const char *severity, const char *created,
                         int targetMinutes, int answeredAfterMinutes) {
        TicketFacts t;
        t.id = QString::fromLatin1(id);
        t.number = number;
        t.customerId = m_customer.id;
        t.planId = m_customer.planId;
        t.editionId = m_customer.editionId;
        t.severity = QString::fromLatin1(severity);
        t.status = QStringLiteral("resolved");
        t.createdAt = utc(created);
        t.dueAt = t.createdAt.addSecs(targetMinutes * 60);
        if (answeredAfterMinutes >= 0)
            t.firstResponseAt = t.createdAt.addSecs(answeredAfterMinutes * 60);
        tickets.append(t);
    };
    add("A", 1001, "business-down", "2026-03-02T01:00:00Z", 15, 10);
    add("B", 1002, "business-down", "2026-03-03T01:00:00Z", 15, 20);  // late
    add("C", 1003, "consultation", "2026-03-04T01:00:00Z", 960, 60);
    add("D", 1004, "consultation", "2026-03-05T01:00:00Z", 960, 120);
    add("E", 1005, "consultation", "2026-03-06T01:00:00Z", 960, 30);
    add("F", 1006, "consultation", "2026-03-07T01:00:00Z", 960, 30);
    add("G", 1007, "production-abnormal", "2026-03-08T01:00:00Z", 30, -1); // unanswered, due
    add("H", 1008, "consultation", "2026-03-31T15:00:00Z", 960, -1); // not due yet
    tickets[5].flags = QStringList{QStringLiteral("over-quota")};
    tickets[5].quotaOverrideReason = QStringLiteral("outage at the sub-client");
    // Before March in Shanghai: 28 Feb 16:30 UTC is 1 March 00:30 there, so it counts...
    add("I", 1009, "consultation", "2026-02-28T16:30:00Z", 960, 30);
    // ...but 15:59 UTC is still 28 February: not in the report.
    add("J", 1010, "consultation", "2026-02-28T15:59:00Z", 960, 30);
    const QVector<SeverityChange> changes{{QString(), QStringLiteral("B"),
                                           QStringLiteral("consultation"),
                                           QStringLiteral("business-down"),
                                           QStringLiteral("the whole shop is down"),
                                           QStringLiteral("a1"), utc("2026-03-03T01:05:00Z")}};
    m_report = computeServiceReport(m_customer, tickets, changes, *m_catalogs, 2026, 3,
                                    utc("2026-03-31T16:00:00Z"));
    QCOMPARE(m_report.tickets, 9); // A–I
    QCOMPARE(m_report.attainment.overall.decided(), 8); // all but H
    QCOMPARE(m_report.attainment.overall.inTime, 6);    // A C D E F I
}

QString TestServiceReport::pdfText(const ServiceReportExport &exporter)
{
    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    if (!exporter.writePdf(pdf, &error)) {
        qWarning() << error;
        return {};
    }
    // SUPPORTDESK_SHOTS=dir: the PDF kept there, to look at.
    const QString shots = qEnvironmentVariable("SUPPORTDESK_SHOTS");
    if (!shots.isEmpty()) {
        const QString kept = shots + QStringLiteral("/report-%1.pdf").arg(exporter.title().size());
        QFile::remove(kept);
        QFile::copy(pdf, kept);
    }
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning() << "pdftotext failed (is poppler-utils installed?)" << p.readAllStandardError();
        return {};
    }
    // As a search or a copy reads it: no normalisation here (NFKC once hid the Kangxi radicals
    // ⼯ and ⽤ that stood for 工 and 用).
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

void TestServiceReport::pdfInEnglish()
{
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::English,
                                       {{QStringLiteral("a1"), QStringLiteral("Ann Lee")}});
    const QString text = pdfText(exporter);
    QVERIFY2(!text.isEmpty(), "no text in the PDF");
    QVERIFY2(text.contains(QStringLiteral("Service report: Globex Partners, March 2026")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Tickets 9")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Answered within target 6 of 8")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("75.0 %")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Breaches 2")), qPrintable(text)); // B late, G unanswered
    QVERIFY2(text.contains(QStringLiteral("#1002")) && text.contains(QStringLiteral("#1007")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("the whole shop is down")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Ann Lee")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("outage at the sub-client")), qPrintable(text));
    // Severity names from the catalog, with per-severity attainment: consultation C D E F I
    // in time of 5 decided.
    QVERIFY2(text.contains(QStringLiteral("Usage consultation 6 5 of 5 100.0 %")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Business unavailable 2 1 of 2 50.0 %")), qPrintable(text));
    // Words with "fi" read as letters, not as the ligature ﬁ.
    QVERIFY2(text.contains(QStringLiteral("First response")), qPrintable(text));
}

void TestServiceReport::pdfInChinese()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/supportdesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::Chinese);
    const QString text = pdfText(exporter);
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(text.contains(QStringLiteral("服务报告：Globex Partners，2026年3月")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("工单数 9")), qPrintable(text));
    // A search for 工单 finds it.
    QVERIFY2(text.contains(QStringLiteral("工单")), qPrintable(text));
    // No glyph reads back as a radical (U+2E80–U+2FDF) instead of its ideograph.
    QVERIFY2(std::none_of(text.cbegin(), text.cend(),
                          [](QChar c) { return c.unicode() >= 0x2E80 && c.unicode() <= 0x2FDF; }),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("使用咨询")), qPrintable(text)); // catalog name, zh
    QVERIFY2(text.contains(QStringLiteral("75.0 %")), qPrintable(text));
}

void TestServiceReport::csvFields()
{
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::English);
    const QByteArray csv = exporter.csv();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"));
    QVERIFY(lines.contains(QStringLiteral("Tickets,9")));
    QVERIFY(lines.contains(QStringLiteral("Attainment (%),75.0")));
    QVERIFY(lines.contains(QStringLiteral("Usage consultation,6,5,5,100.0")));
    // A reason with a comma is quoted, not split.
    m_report.overQuota.first().quotaOverrideReason = QStringLiteral("outage, \"urgent\"");
    const ServiceReportExport quoted(m_report, m_customer, *m_catalogs, Language::English);
    QVERIFY(QString::fromUtf8(quoted.csv()).contains(QStringLiteral("\"outage, \"\"urgent\"\"\"")));
}

// Issue 14: the report's breach column said 超时 where the pane and the queue said 已超时: it
// names the state through the one function every view uses.
void TestServiceReport::csvNamesTheStateAsEveryView()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/supportdesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::Chinese);
    const QStringList lines = QString::fromUtf8(exporter.csv().mid(3)).split(QStringLiteral("\r\n"));
    const QString breached = slaStateName(SlaState::Breached);
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(breached, QStringLiteral("已超时"));
    bool found = false;
    for (const QString &line : lines)
        found = found || line.split(QLatin1Char(',')).contains(breached);
    QVERIFY2(found, qPrintable(lines.join(QLatin1Char('\n'))));
}

void TestServiceReport::csvNeverAFormula_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell");
    QTest::newRow("equals") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                            << QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("plus") << QStringLiteral("+1+1") << QStringLiteral("'+1+1");
    QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("with a comma") << QStringLiteral("=1,2") << QStringLiteral("\"'=1,2\"");
    QTest::newRow("number") << QStringLiteral("-12.5") << QStringLiteral("-12.5");
    QTest::newRow("text") << QStringLiteral("outage at a=b") << QStringLiteral("outage at a=b");
    QTest::newRow("empty") << QString() << QString();
}

void TestServiceReport::csvNeverAFormula()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);
    QCOMPARE(ServiceReportExport::csvCell(value), cell);
    // In the file: an override reason, a customer's name in the title, a reclassification's
    // reason.
    ServiceReport report = m_report;
    report.overQuota.first().quotaOverrideReason = value;
    Customer customer = m_customer;
    customer.name = value;
    const ServiceReportExport exporter(report, customer, *m_catalogs, Language::English);
    const QString csv = QString::fromUtf8(exporter.csv().mid(3));
    if (!value.isEmpty() && value != cell) {
        QVERIFY2(!csv.contains(u',' + value), qPrintable(csv));
        QVERIFY2(csv.contains(cell), qPrintable(csv));
    }
}

void TestServiceReport::unwritablePathIsAnError()
{
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::English);
    QString error;
    QVERIFY(!exporter.writeCsv(QStringLiteral("/nonexistent-dir/report.csv"), &error));
    QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/report.csv")));
}

// The report is the customer's document, in the customer's time (Shanghai here), and each
// time says so: a lead in another zone read "#1002 2026-03-03 09:00" as their own time
// (issue 13 item 10).
void TestServiceReport::timesSayTheirZone()
{
    const ServiceReportExport exporter(m_report, m_customer, *m_catalogs, Language::English);
    const QString html = exporter.html();
    const QString csv = QString::fromUtf8(exporter.csv());
    // B, created 2026-03-03T01:00Z, breached: 09:00 in Shanghai.
    const QString created = QStringLiteral("2026-03-03 09:00 UTC+08:00");
    QVERIFY2(html.contains(created), qPrintable(html));
    QVERIFY2(csv.contains(created), qPrintable(csv));
    // No time without its offset.
    const QRegularExpression bare(QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d(?! UTC)"));
    QVERIFY2(!html.contains(bare), qPrintable(bare.match(html).captured()));
    QVERIFY2(!csv.contains(bare), qPrintable(bare.match(csv).captured()));
}

QTEST_MAIN(TestServiceReport)
#include "tst_servicereport.moc"
