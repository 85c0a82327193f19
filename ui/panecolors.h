// The desk's tints and coloured words chosen for the palette in use (issue 17): the ticket
// pane's conversation blocks, the bars over the queue and the words that say a state (an
// error, a warning, done). Light tints on a light palette, dark ones on a dark or
// high-contrast palette, the text on them the palette's own, and every coloured word moved
// towards the palette's text until it reads (WCAG 4.5:1), so nothing is white on white, pale on
// pale or black on black whatever palette the desktop sets.
#pragma once

#include <QColor>
#include <QPalette>

#include <optional>

class QWidget;

namespace SupportDesk {

// What coloured words say, in the hue that says it.
enum class Tone { Error, Warning, Success, Muted };

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
    QColor notice;        // a bar that informs over the queue (bulk actions, a pick, loading)
    QColor alert;         // a bar that warns (the cache is stale)

    static PaneColors forPalette(const QPalette &palette);
    static bool isDark(const QPalette &palette);
    // `colour` for words on `background`: itself when it reaches WCAG's 4.5:1 there, else
    // moved towards `text` (the palette's own, which contrasts with its background) until it
    // does, so a state keeps its hue where the palette allows (the queue's countdown).
    static QColor readable(const QColor &colour, const QColor &background, const QColor &text);
    // Words in the tone's hue on the palette's window, readable there.
    static QColor tone(Tone tone, const QPalette &palette);

    // Widgets that keep these colours as the palette changes (a PaletteChange re-derives
    // them from the roles they never set: Base, Window, Text). `widget`'s words in the tone,
    // or the inherited colour again for none.
    static void setTone(QWidget *widget, std::optional<Tone> tone);
    // `widget` filled with a tint of the struct (`&PaneColors::notice`), its words the
    // palette's text.
    static void setTint(QWidget *widget, QColor PaneColors::*tint);
};

} // namespace SupportDesk
