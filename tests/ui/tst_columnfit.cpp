// ColumnFit, the desk's one rule for a table's columns: words fit on one line, the free-text
// column takes the rest and keeps its floor, and a view too narrow for that scrolls sideways.
#include "columnfit.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QtTest>

using namespace SupportDesk;

class TestColumnFit : public QObject
{
    Q_OBJECT

private slots:
    void wordsFitTheFreeColumnTakesTheRest_data();
    void wordsFitTheFreeColumnTakesTheRest();
    void narrowScrollsRatherThanCuts();
    void refitsToAnotherFontAndTitle();
    void withoutAFreeColumnTheRestIsShared();
    void titlesInTwoLines();

private:
    // Severity, subject, status: the subject free.
    struct Table
    {
        QStandardItemModel model { 3, 3 };
        QTableView view;
        ColumnFit *fit = nullptr;
    };
    void setUp(Table *t, const QStringList &severities, const QStringList &statuses);
    static int needs(const QTableView &view, const QString &text);
};

int TestColumnFit::needs(const QTableView &view, const QString &text)
{
    // The item's text margins both sides (QCommonStyle's), as the delegate paints.
    return view.fontMetrics().horizontalAdvance(text)
            + 2 * (view.style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, &view) + 1);
}

void TestColumnFit::setUp(Table *t, const QStringList &severities, const QStringList &statuses)
{
    t->model.setHorizontalHeaderLabels({ QStringLiteral("Severity"), QStringLiteral("Subject"),
                                         QStringLiteral("Status") });
    for (int r = 0; r < 3; ++r) {
        t->model.setItem(r, 0, new QStandardItem(severities.value(r % severities.size())));
        t->model.setItem(r, 1, new QStandardItem(QStringLiteral("Cannot SSH into the instance")));
        t->model.setItem(r, 2, new QStandardItem(statuses.value(r % statuses.size())));
    }
    t->view.setModel(&t->model);
    t->fit = new ColumnFit(&t->view, t->view.horizontalHeader());
    t->fit->setTexts(0, severities);
    t->fit->setTexts(2, statuses);
    t->fit->setFreeColumn(1, 16);
    t->fit->fit();
}

void TestColumnFit::wordsFitTheFreeColumnTakesTheRest_data()
{
    QTest::addColumn<QStringList>("severities");
    QTest::addColumn<QStringList>("statuses");
    QTest::newRow("en") << QStringList{ QStringLiteral("Business unavailable"),
                                        QStringLiteral("Usage consultation") }
                        << QStringList{ QStringLiteral("Waiting on customer"), QStringLiteral("New") };
    QTest::newRow("zh") << QStringList{ QStringLiteral("业务不可用"), QStringLiteral("使用咨询") }
                        << QStringList{ QStringLiteral("等待客户"), QStringLiteral("新建") };
}

void TestColumnFit::wordsFitTheFreeColumnTakesTheRest()
{
    QFETCH(QStringList, severities);
    QFETCH(QStringList, statuses);
    Table t;
    setUp(&t, severities, statuses);
    t.view.resize(800, 300);
    t.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.view));
    for (const int column : { 0, 2 }) {
        const QStringList &texts = column == 0 ? severities : statuses;
        for (const QString &text : texts)
            QVERIFY2(t.view.columnWidth(column) >= needs(t.view, text),
                     qPrintable(QStringLiteral("%1: %2 < %3").arg(text)
                                        .arg(t.view.columnWidth(column)).arg(needs(t.view, text))));
        // One line's room, not the widest text's and then some.
        int widest = 0;
        for (const QString &text : texts)
            widest = std::max(widest, needs(t.view, text));
        QVERIFY(t.view.columnWidth(column) <= std::max(widest + 12, ColumnFit::titleWidth(
                                                               t.view.horizontalHeader(), column)));
    }
    // The subject has exactly the rest: the header fills the viewport, no scroll bar.
    QTRY_COMPARE(t.view.horizontalHeader()->length(), t.view.viewport()->width());
    QVERIFY(!t.view.horizontalScrollBar()->isVisible());
    QVERIFY(t.view.columnWidth(1) > t.view.columnWidth(0));
    // And follows the view's width.
    const int subject = t.view.columnWidth(1);
    t.view.resize(900, 300);
    QTRY_COMPARE(t.view.columnWidth(1), subject + 100);
}

void TestColumnFit::narrowScrollsRatherThanCuts()
{
    Table t;
    setUp(&t, { QStringLiteral("Business unavailable") }, { QStringLiteral("Waiting on customer") });
    t.view.resize(200, 300);
    t.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.view));
    QVERIFY(t.view.columnWidth(0) >= needs(t.view, QStringLiteral("Business unavailable")));
    QVERIFY(t.view.columnWidth(2) >= needs(t.view, QStringLiteral("Waiting on customer")));
    QCOMPARE(t.view.columnWidth(1), t.view.fontMetrics().averageCharWidth() * 16);
    QVERIFY(t.view.horizontalHeader()->length() > t.view.viewport()->width());
    QTRY_VERIFY(t.view.horizontalScrollBar()->isVisible());
    // The width at which it would not scroll.
    t.view.resize(t.fit->neededWidth(), 300);
    QTRY_VERIFY(!t.view.horizontalScrollBar()->isVisible());
    QVERIFY(t.view.horizontalHeader()->length() <= t.view.viewport()->width());
}

void TestColumnFit::refitsToAnotherFontAndTitle()
{
    Table t;
    setUp(&t, { QStringLiteral("Usage consultation") }, { QStringLiteral("New") });
    t.view.resize(900, 300);
    t.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.view));
    const int before = t.view.columnWidth(0);
    QFont larger = t.view.font();
    larger.setPointSizeF(larger.pointSizeF() * 1.5);
    t.view.setFont(larger);
    QTRY_VERIFY(t.view.columnWidth(0) >= needs(t.view, QStringLiteral("Usage consultation")));
    QVERIFY(t.view.columnWidth(0) > before);
    QTRY_COMPARE(t.view.horizontalHeader()->length(), t.view.viewport()->width());
    // A longer title (another language) widens its column.
    const QString title = QStringLiteral("A status title longer than any status");
    t.model.setHeaderData(2, Qt::Horizontal, title);
    QVERIFY(t.view.columnWidth(2) >= ColumnFit::titleWidth(t.view.horizontalHeader(), 2));
    QVERIFY(t.view.columnWidth(2) > t.view.horizontalHeader()->fontMetrics().horizontalAdvance(title));
}

void TestColumnFit::withoutAFreeColumnTheRestIsShared()
{
    Table t;
    setUp(&t, { QStringLiteral("Business unavailable") }, { QStringLiteral("New") });
    t.fit->setFreeColumn(-1);
    t.view.resize(900, 300);
    t.view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&t.view));
    t.fit->fit();
    QCOMPARE(t.view.horizontalHeader()->length(), t.view.viewport()->width());
    QVERIFY(t.view.columnWidth(0) >= needs(t.view, QStringLiteral("Business unavailable")));
    // Each has its words and an equal share of the rest.
    const int spare0 = t.view.columnWidth(0) - t.fit->wordWidth(0);
    const int spare2 = t.view.columnWidth(2) - t.fit->wordWidth(2);
    QVERIFY2(std::abs(spare0 - spare2) <= 1, qPrintable(QStringLiteral("%1 %2").arg(spare0).arg(spare2)));
}

void TestColumnFit::titlesInTwoLines()
{
    Table t;
    setUp(&t, { QStringLiteral("1") }, { QStringLiteral("2") });
    const QString title = QStringLiteral("Production system abnormal");
    t.model.setHeaderData(0, Qt::Horizontal, title);
    const int oneLine = t.fit->wordWidth(0);
    t.fit->setTitlesInTwoLines(true);
    const int twoLines = t.fit->wordWidth(0);
    QVERIFY2(twoLines < oneLine, qPrintable(QStringLiteral("%1 %2").arg(twoLines).arg(oneLine)));
    // The title's two lines hold at that width, inside the header's margins.
    const QFontMetrics metrics = t.view.horizontalHeader()->fontMetrics();
    const int margins = 2 * t.view.style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr,
                                                        t.view.horizontalHeader());
    const QRect r = metrics.boundingRect(QRect(0, 0, twoLines - margins, 1000), Qt::TextWordWrap,
                                         title);
    QVERIFY(r.height() <= 2 * metrics.lineSpacing());
    QVERIFY(r.width() <= twoLines - margins);
}

QTEST_MAIN(TestColumnFit)
#include "tst_columnfit.moc"
