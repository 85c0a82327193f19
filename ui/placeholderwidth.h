// A line edit's least width that shows its placeholder whole: where the hint says what to type
// ("A tag; tags in use are offered as you type"), a line narrower than it cut the words (the
// bulk tag field; the queue's search at the window's least size, audit 11). Call it after
// setting the placeholder, and again when it changes (a language switch).
#pragma once

#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionFrame>

namespace SupportDesk {

inline void holdPlaceholder(QLineEdit *line)
{
    const QFontMetrics metrics = line->fontMetrics();
    // As QLineEdit::sizeHint() measures its text: the line's own 2 px each side, its text
    // margins, and the clear button's room where it has one (kept while the line is empty).
    const QMargins margins = line->textMargins();
    int text = metrics.horizontalAdvance(line->placeholderText()) + 2 * 2 + margins.left()
            + margins.right() + 1;
    if (line->isClearButtonEnabled())
        text += line->style()->pixelMetric(QStyle::PM_LineEditIconSize, nullptr, line) + 6
                + line->style()->pixelMetric(QStyle::PM_LineEditIconMargin, nullptr, line);
    QStyleOptionFrame option;
    option.initFrom(line);
    option.lineWidth = line->hasFrame()
            ? line->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &option, line)
            : 0;
    const QSize size = line->style()->sizeFromContents(
            QStyle::CT_LineEdit, &option, QSize(text, metrics.height()), line);
    line->setMinimumWidth(size.width());
}

} // namespace SupportDesk
