#include "panecolors.h"

#include "colorvision.h"

#include <QEvent>
#include <QWidget>

#include <functional>

namespace SupportDesk {

namespace {

// Re-derives a widget's colours when its palette changes (the desktop switched to high
// contrast while the desk runs). Setting the same palette again is a no-op in Qt, so the
// PaletteChange its own setPalette brings ends there.
class PaletteFollower : public QObject
{
public:
    explicit PaletteFollower(QWidget *widget)
        : QObject(widget)
    {
        setObjectName(QStringLiteral("paletteFollower"));
        widget->installEventFilter(this);
    }

    std::function<void(QWidget *)> apply;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && apply)
            apply(static_cast<QWidget *>(watched));
        return false;
    }
};

PaletteFollower *followerOf(QWidget *widget)
{
    auto *follower = widget->findChild<QObject *>(QStringLiteral("paletteFollower"),
                                                  Qt::FindDirectChildrenOnly);
    return follower ? static_cast<PaletteFollower *>(follower) : new PaletteFollower(widget);
}

} // namespace

bool PaneColors::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

// The light tints are the pane's colours since its first version; the dark ones are the same
// hues at low lightness. Text on tints takes the palette's text colour: the tints stay near
// the base colour, so the palette's own text contrast carries over.
PaneColors PaneColors::forPalette(const QPalette &palette)
{
    PaneColors c;
    c.text = palette.color(QPalette::Text);
    if (!isDark(palette)) {
        c.opened = QColor(0xf5, 0xf5, 0xf5);
        c.customer = QColor(0xe8, 0xf5, 0xe9);
        c.customerEdge = QColor(0x43, 0xa0, 0x47);
        c.reply = QColor(0xe3, 0xf2, 0xfd);
        c.replyEdge = QColor(0x1e, 0x88, 0xe5);
        c.note = QColor(0xff, 0xf8, 0xe1);
        c.noteEdge = QColor(0xff, 0xb3, 0x00);
        c.system = QColor(0xec, 0xef, 0xf1);
        c.systemText = QColor(0x45, 0x5a, 0x64);
        c.waiting = QColor(0x6a, 0x1b, 0x9a);
        c.problem = QColor(0xff, 0xeb, 0xee);
        c.overQuota = QColor(0xb7, 0x1c, 0x1c);
        c.notice = QColor(0xe3, 0xee, 0xfc);
        c.alert = QColor(0xfd, 0xe0, 0xdc);
        return c;
    }
    c.opened = QColor(0x26, 0x26, 0x26);
    c.customer = QColor(0x12, 0x2b, 0x17);
    c.customerEdge = QColor(0x81, 0xc7, 0x84);
    c.reply = QColor(0x0d, 0x24, 0x3d);
    c.replyEdge = QColor(0x64, 0xb5, 0xf6);
    c.note = QColor(0x33, 0x29, 0x0a);
    c.noteEdge = QColor(0xff, 0xca, 0x28);
    c.system = QColor(0x21, 0x2a, 0x2e);
    c.systemText = QColor(0xb0, 0xbe, 0xc5);
    c.waiting = QColor(0xce, 0x93, 0xd8);
    c.problem = QColor(0x4a, 0x14, 0x14);
    c.overQuota = QColor(0xff, 0x8a, 0x80);
    c.notice = QColor(0x0d, 0x24, 0x3d);
    c.alert = QColor(0x4a, 0x14, 0x14);
    return c;
}

QColor PaneColors::readable(const QColor &colour, const QColor &background, const QColor &text)
{
    const auto ratio = [&background](const QColor &c) {
        return ColorVision::contrast(c.rgb() & 0xffffff, background.rgb() & 0xffffff);
    };
    // Tenths of the way to the text colour: the first that is readable.
    for (int step = 0; step <= 10; ++step) {
        const double t = step / 10.0;
        const QColor mixed = QColor::fromRgbF(
                float(colour.redF() + (text.redF() - colour.redF()) * t),
                float(colour.greenF() + (text.greenF() - colour.greenF()) * t),
                float(colour.blueF() + (text.blueF() - colour.blueF()) * t));
        if (ratio(mixed) >= 4.5)
            return mixed;
    }
    return text;
}

QColor PaneColors::tone(Tone tone, const QPalette &palette)
{
    QColor hue;
    switch (tone) {
    case Tone::Error:
        hue = QColor(0xc6, 0x28, 0x28);
        break;
    case Tone::Warning:
        hue = QColor(0xe6, 0x51, 0x00);
        break;
    case Tone::Success:
        hue = QColor(0x2e, 0x7d, 0x32);
        break;
    case Tone::Muted:
        hue = QColor(0x61, 0x61, 0x61);
        break;
    }
    return readable(hue, palette.color(QPalette::Window), palette.color(QPalette::Text));
}

void PaneColors::setTone(QWidget *widget, std::optional<Tone> tone)
{
    if (!tone) {
        delete widget->findChild<QObject *>(QStringLiteral("paletteFollower"),
                                            Qt::FindDirectChildrenOnly);
        widget->setPalette(QPalette());
        return;
    }
    PaletteFollower *follower = followerOf(widget);
    follower->apply = [tone = *tone](QWidget *w) {
        QPalette p = w->palette();
        p.setColor(QPalette::WindowText, PaneColors::tone(tone, p));
        w->setPalette(p);
    };
    follower->apply(widget);
}

void PaneColors::setTint(QWidget *widget, QColor PaneColors::*tint)
{
    PaletteFollower *follower = followerOf(widget);
    follower->apply = [tint](QWidget *w) {
        QPalette p = w->palette();
        const PaneColors colors = forPalette(p);
        p.setColor(QPalette::Window, colors.*tint);
        p.setColor(QPalette::WindowText, colors.text);
        w->setPalette(p);
    };
    widget->setAutoFillBackground(true);
    follower->apply(widget);
}

} // namespace SupportDesk
