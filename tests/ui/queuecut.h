// The queue's cells whose words the row cannot hold at the columns' widths, for GUI tests
// that look at the queue as a user does (tst_mainwindow_demo at 1440 x 900, tst_accessibility
// under a larger system font): measured as the delegates paint them.
#pragma once

#include "countdowndelegate.h"
#include "queuemodel.h"
#include "queueview.h"

#include <QFontMetrics>
#include <QHeaderView>
#include <QStringList>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextLayout>

#include <functional>

namespace SupportDesk::Testing {

// The text a cell's delegate paints (its initStyleOption(), which may lay a text out for the
// cell: a partner's customer cell), read through the delegate's protected member.
inline QString paintedText(QueueView *view, int row, int column)
{
    struct Access : QStyledItemDelegate
    {
        static auto init() { return &Access::initStyleOption; }
    };
    auto *delegate = qobject_cast<QStyledItemDelegate *>(view->itemDelegate());
    const QModelIndex index = view->model()->index(row, column);
    if (!delegate || !index.isValid())
        return {};
    QStyleOptionViewItem option;
    option.initFrom(view);
    option.widget = view;
    option.font = view->font();
    option.rect = view->visualRect(index);
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    if (view->wordWrap())
        option.features |= QStyleOptionViewItem::WrapText;
    (delegate->*Access::init())(&option, index);
    return option.text;
}

// The lines of `text` as a cell of `width` × `height` word-wraps them, and how many of them
// the cell's height holds.
struct CellLines
{
    QStringList lines;
    int shown = 0;
    bool tooWide = false; // a line wider than the cell (a word that does not break)
};

inline CellLines cellLines(const QString &text, const QFont &font, int width, int height)
{
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WordWrap);
    QTextLayout layout(text, font);
    layout.setTextOption(wrap);
    layout.beginLayout();
    CellLines result;
    qreal y = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        y += line.height();
        result.lines << text.mid(line.textStart(), line.textLength()).trimmed();
        if (y <= height)
            ++result.shown;
        if (line.naturalTextWidth() > width)
            result.tooWide = true;
    }
    layout.endLayout();
    return result;
}

// Calls `cut` for each text a cell cannot show whole at the column's width, as the delegate
// paints it (row -1: the column's title), with why: "column: text (needed > width)".
inline void forEachCut(QueueView *view,
                       const std::function<void(int row, int column, const QString &text,
                                                const QString &why)> &cut)
{
    QueueModel *model = view->queueModel();
    QStyle *style = view->style();
    const int textMargin
        = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    QFont bold = view->font();
    bold.setBold(true);
    QFont badge = bold;
    badge.setPointSizeF(badge.pointSizeF() * 0.85);
    const QFontMetrics plain(view->font()), boldMetrics(bold), badgeMetrics(badge);
    const QHeaderView *header = view->horizontalHeader();
    const int headerMargin = 2 * style->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int c = 0; c < QueueModel::ColumnCount; ++c) {
        if (view->isColumnHidden(c))
            continue;
        const int width = view->columnWidth(c);
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        const int titleNeeds = header->fontMetrics().horizontalAdvance(title) + headerMargin;
        if (titleNeeds > width)
            cut(-1, c, title,
                QStringLiteral("header %1: %2 (%3 > %4)").arg(c).arg(title).arg(titleNeeds).arg(width));
        // The subject is free text: it may be elided (its tooltip has it whole).
        if (c == QueueModel::SubjectColumn)
            continue;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString text = model->index(r, c).data().toString();
            // A customer's name whole. A partner and its sub-client ("Northwind Cloud Partners
            // › Northwind Retail") take a line each, elided where the column is narrower (the
            // tooltip has both; the subject takes that room, audit 11): both lines in the row.
            if (c == QueueModel::CustomerColumn
                && CountdownDelegate::customerLines(text).size() > 1) {
                const CellLines lines = cellLines(paintedText(view, r, c), view->font(),
                                                  width - textMargin, view->rowHeight(r));
                if (lines.shown < lines.lines.size() || lines.tooWide)
                    cut(r, c, text,
                        QStringLiteral("%1: %2 as %3 (%4 of %5 lines)").arg(c).arg(text)
                                .arg(lines.lines.join(QStringLiteral(" / ")))
                                .arg(lines.shown).arg(lines.lines.size()));
                continue;
            }
            if (c == QueueModel::EditionColumn) { // one line in a pill
                const int needs = badgeMetrics.horizontalAdvance(text) + 10;
                if (needs > width)
                    cut(r, c, text,
                        QStringLiteral("%1: %2 (%3 > %4)").arg(c).arg(text).arg(needs).arg(width));
                continue;
            }
            // Word-wrapped in the row's height, as the delegates paint: countdowns 4 px inside
            // each side over their 3 px bar, other texts inside the style's margins.
            const bool countdown = c == QueueModel::CountdownColumn;
            const QFontMetrics &metrics = countdown ? boldMetrics : plain;
            const int inner = width - (countdown ? 8 : textMargin);
            const int height = view->rowHeight(r) - (countdown ? 7 : 0);
            const QRect needs = metrics.boundingRect(QRect(0, 0, inner, 1000),
                                                     Qt::TextWordWrap, text);
            if (needs.width() > inner || needs.height() > height)
                cut(r, c, text,
                    QStringLiteral("%1: %2 (%3×%4 > %5×%6)").arg(c).arg(text)
                            .arg(needs.width()).arg(needs.height()).arg(inner).arg(height));
        }
    }
}

// Texts the delegate breaks inside a word at the column's width: a catalog or directory name
// split between two Chinese characters ("使用咨/询") in a short word column, or a customer's
// name leaving one character alone on its last line ("…工作" / "室"): "column: text".
inline QStringList badBreaks(QueueView *view)
{
    QueueModel *model = view->queueModel();
    const int textMargin
        = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    QStringList bad;
    for (const int c : { int(QueueModel::SeverityColumn), int(QueueModel::CustomerColumn),
                         int(QueueModel::ChannelColumn), int(QueueModel::AssigneeColumn),
                         int(QueueModel::StatusColumn) }) {
        if (view->isColumnHidden(c))
            continue;
        const auto rule = c == QueueModel::CustomerColumn
                ? QueueView::BreakRule::NoLoneCharacter
                : QueueView::BreakRule::BetweenWords;
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString text = model->index(r, c).data().toString();
            // A partner and its sub-client: a line each, not wrapped (forEachCut()).
            if (c == QueueModel::CustomerColumn
                && CountdownDelegate::customerLines(text).size() > 1)
                continue;
            if (!QueueView::breaksBetweenWords(text, view->font(), view->columnWidth(c) - textMargin,
                                               rule))
                bad << QStringLiteral("%1: %2 (%3 px)").arg(c).arg(text).arg(view->columnWidth(c));
        }
    }
    bad.removeDuplicates();
    return bad;
}

// Texts a cell cannot show whole at the column's width, as the delegate paints them:
// "column: text (needed > width)".
inline QStringList cutCells(QueueView *view)
{
    QStringList cut;
    forEachCut(view, [&cut](int, int, const QString &, const QString &why) { cut << why; });
    return cut;
}

} // namespace SupportDesk::Testing
