// The desk's tints and coloured words under the palettes a desktop may set (issue 17): every
// tint keeps its text readable (WCAG 4.5:1) under the light default, a dark palette and
// high-contrast ones, and so does every word in a tone (an error, a warning, done, muted) on
// the palette's window and on the bars' tints; the pane names the text colour of every block
// with its tint (ui/ticketpane.cpp).
#include "colorvision.h"
#include "panecolors.h"

#include <QApplication>
#include <QStyle>
#include <QTest>

using namespace SupportDesk;

namespace {

quint32 rgb(const QColor &c)
{
    return c.rgb() & 0xffffff;
}

QPalette paletteOf(const QColor &base, const QColor &text)
{
    QPalette p = QApplication::style()->standardPalette();
    for (const auto role : { QPalette::Base, QPalette::Window })
        p.setColor(role, base);
    for (const auto role : { QPalette::Text, QPalette::WindowText })
        p.setColor(role, text);
    return p;
}

} // namespace

class TestPaneColors : public QObject
{
    Q_OBJECT

private slots:
    void readableUnderEveryPalette_data();
    void readableUnderEveryPalette();
};

void TestPaneColors::readableUnderEveryPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("style's standard") << QApplication::style()->standardPalette();
    QTest::newRow("light") << paletteOf(Qt::white, Qt::black);
    QTest::newRow("dark") << paletteOf(QColor(0x2b, 0x2b, 0x2b), QColor(0xee, 0xee, 0xee));
    QTest::newRow("high contrast, dark") << paletteOf(Qt::black, Qt::white);
    QTest::newRow("high contrast, light") << paletteOf(Qt::white, Qt::black);
    QTest::newRow("high contrast, yellow on black")
            << paletteOf(Qt::black, QColor(0xff, 0xff, 0x00));
}

void TestPaneColors::readableUnderEveryPalette()
{
    QFETCH(QPalette, palette);
    const PaneColors c = PaneColors::forPalette(palette);
    const struct { const char *what; QColor fg, bg; } pairs[] = {
        { "opened", c.text, c.opened },       { "reply", c.text, c.reply },
        { "customer", c.text, c.customer },
        { "note", c.text, c.note },           { "system", c.systemText, c.system },
        { "problem", c.text, c.problem },     { "waiting", c.waiting, palette.color(QPalette::Base) },
        { "over quota", c.overQuota, palette.color(QPalette::Base) },
        { "notice bar", c.text, c.notice },   { "alert bar", c.text, c.alert },
    };
    for (const auto &pair : pairs) {
        const double ratio = ColorVision::contrast(rgb(pair.fg), rgb(pair.bg));
        QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1")
                                                   .arg(QLatin1String(pair.what), pair.fg.name(),
                                                        pair.bg.name())
                                                   .arg(ratio, 0, 'f', 2)));
    }
    // Words in a tone on the window and on a bar's tint (the bulk bar's, the pick's).
    QPalette onNotice = palette;
    onNotice.setColor(QPalette::Window, c.notice);
    QPalette onAlert = palette;
    onAlert.setColor(QPalette::Window, c.alert);
    const struct { const char *what; Tone tone; } tones[] = {
        { "error", Tone::Error }, { "warning", Tone::Warning },
        { "success", Tone::Success }, { "muted", Tone::Muted },
    };
    for (const auto &t : tones) {
        for (const QPalette &on : { palette, onNotice, onAlert }) {
            const QColor fg = PaneColors::tone(t.tone, on);
            const QColor bg = on.color(QPalette::Window);
            const double ratio = ColorVision::contrast(rgb(fg), rgb(bg));
            QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("%1: %2 on %3 is %4:1")
                                                       .arg(QLatin1String(t.what), fg.name(),
                                                            bg.name())
                                                       .arg(ratio, 0, 'f', 2)));
        }
    }
}

QTEST_MAIN(TestPaneColors)
#include "tst_panecolors.moc"
