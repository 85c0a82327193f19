// The ticket pane's tints (conversation blocks, the waiting mark, the problem bar) chosen for
// the palette in use: the light tints on a light palette, dark ones on a dark or high-contrast
// palette, and the text always the palette's own, so no block is white on white or black on
// black whatever palette the desktop sets (issue 17).
#pragma once

#include <QColor>
#include <QPalette>

namespace SupportDesk {

struct PaneColors
{
    QColor text;          // body text of every block
    QColor opened;        // the customer's opening message
    QColor customer;      // what the customer wrote (mail, IM, console)
    QColor customerEdge;
    QColor reply;         // a public reply
    QColor replyEdge;     // its left border
    QColor note;          // an internal note
    QColor noteEdge;
    QColor system;        // a system event
    QColor systemText;
    QColor waiting;       // "(waiting to be sent)"
    QColor problem;       // the bar of a refused or conflicting edit
    QColor overQuota;     // a quota line past its limit

    static PaneColors forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    // `colour` for words on `background`: itself when it reaches WCAG's 4.5:1 there, else
    // moved towards `text` (the palette's own, which contrasts with its background) until it
    // does, so a state keeps its hue where the palette allows (the queue's countdown).
    static QColor readable(const QColor &colour, const QColor &background, const QColor &text);
};

} // namespace SupportDesk
