// The edition badges as agents with the common colour-vision deficiencies see them (issue 17):
// the simulation and the measures against known values, then the shipped catalogs' badges —
// every two editions stay apart under each deficiency, and each badge's text is readable.
#include "colorvision.h"
#include "plancatalog.h"

#include <QTest>

using namespace SupportDesk;
using namespace SupportDesk::ColorVision;

class TestColorVision : public QObject
{
    Q_OBJECT

private slots:
    void measures();
    void simulation();
    void shippedBadgesStayApart();
    void badgeTextIsReadable();
};

void TestColorVision::measures()
{
    QCOMPARE(parse(QStringLiteral("#1565c0")), std::optional<quint32>(0x1565c0));
    QVERIFY(!parse(QStringLiteral("1565c0")));
    QVERIFY(!parse(QStringLiteral("#1565cz")));
    QVERIFY(qAbs(contrast(0x000000, 0xffffff) - 21.0) < 1e-9);
    QVERIFY(qAbs(contrast(0x777777, 0x777777) - 1.0) < 1e-9);
    // WCAG's own example: #767676 on white is the lightest grey that passes 4.5:1.
    QVERIFY(contrast(0x767676, 0xffffff) >= 4.5);
    QVERIFY(contrast(0x777777, 0xffffff) < 4.5);
    QCOMPARE(textOn(0xffeb3b), quint32(0x000000)); // yellow: black text
    QCOMPARE(textOn(0x1565c0), quint32(0xffffff)); // dark blue: white text
    QVERIFY(qAbs(deltaE(0xffffff, 0x000000) - 100.0) < 0.01);
}

void TestColorVision::simulation()
{
    // Greys are seen as they are by everyone.
    for (const Deficiency d : { Deficiency::Protanopia, Deficiency::Deuteranopia,
                                Deficiency::Tritanopia })
        QVERIFY(deltaE(0x808080, simulate(0x808080, d)) < 1.0);
    // The classic confusions: red and green merge without red or green cones, and stay apart
    // without blue ones; blue and green merge without blue cones.
    const quint32 red = 0xd32f2f, green = 0x388e3c;
    QVERIFY(deltaE(red, green) > 60);
    QVERIFY(deltaE(red, green, Deficiency::Deuteranopia) < 25);
    QVERIFY(deltaE(red, green, Deficiency::Protanopia) < 25);
    QVERIFY(deltaE(red, green, Deficiency::Tritanopia) > 40);
}

// Badges sit side by side in one queue, both plans together: each pair must differ by ΔE 10
// or more as each deficiency sees them (their codes differ too; colour is the quicker cue).
void TestColorVision::shippedBadgesStayApart()
{
    QStringList errors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(catalogs, qPrintable(errors.join(u'\n')));
    QList<std::pair<QString, quint32>> badges;
    for (const PlanCatalog &plan : catalogs->plans()) {
        for (const Edition &e : plan.editions()) {
            const std::optional<quint32> rgb = parse(e.badgeColor);
            QVERIFY2(rgb, qPrintable(e.id));
            badges.append({ e.id, *rgb });
        }
    }
    QVERIFY(badges.size() >= 7);
    for (const Deficiency d : { Deficiency::None, Deficiency::Protanopia,
                                Deficiency::Deuteranopia, Deficiency::Tritanopia }) {
        for (qsizetype i = 0; i < badges.size(); ++i) {
            for (qsizetype j = i + 1; j < badges.size(); ++j) {
                const double e = deltaE(badges[i].second, badges[j].second, d);
                QVERIFY2(e >= 10.0, qPrintable(QStringLiteral("%1 and %2: ΔE %3 (deficiency %4)")
                                                       .arg(badges[i].first, badges[j].first)
                                                       .arg(e, 0, 'f', 1)
                                                       .arg(int(d))));
            }
        }
    }
}

void TestColorVision::badgeTextIsReadable()
{
    QStringList errors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY(catalogs);
    for (const PlanCatalog &plan : catalogs->plans()) {
        for (const Edition &e : plan.editions()) {
            const quint32 rgb = parse(e.badgeColor).value_or(0);
            QVERIFY2(contrast(rgb, textOn(rgb)) >= 4.5,
                     qPrintable(QStringLiteral("%1: %2").arg(e.id).arg(contrast(rgb, textOn(rgb)))));
        }
    }
}

QTEST_APPLESS_MAIN(TestColorVision)
#include "tst_colorvision.moc"
