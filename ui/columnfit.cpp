#include "columnfit.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>

#include <algorithm>

namespace SupportDesk {

ColumnFit::ColumnFit(QAbstractItemView *view, QHeaderView *header)
    : QObject(view), m_view(view), m_header(header)
{
    // Widths are set here, not by the header: a stretched last section or one sized to its
    // contents measured the cells of the moment (or none, for a cell widget).
    m_header->setStretchLastSection(false);
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_view->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    connect(m_header, &QHeaderView::sectionCountChanged, this, &ColumnFit::fit);
    if (QAbstractItemModel *model = m_header->model()) {
        // A title in another language.
        connect(model, &QAbstractItemModel::headerDataChanged, this,
                [this](Qt::Orientation orientation) {
                    if (orientation == m_header->orientation())
                        fit();
                });
    }
}

void ColumnFit::setTexts(int column, const QStringList &texts)
{
    m_texts.insert(column, texts);
}

void ColumnFit::setContentWidth(int column, int width)
{
    m_contentWidths.insert(column, width);
}

void ColumnFit::setFreeColumn(int column, int floorCharacters)
{
    m_free = column;
    m_floorCharacters = floorCharacters;
}

int ColumnFit::freeFloor() const
{
    return m_view->fontMetrics().averageCharWidth() * m_floorCharacters;
}

int ColumnFit::cellWidth(const QAbstractItemView *view, const QFontMetrics &metrics,
                         const QString &text)
{
    // The item delegate's text margins, both sides (QCommonStyle: the focus frame's margin
    // plus one), and a little air so that a word does not touch the next column ("IM 企业群").
    const int margin
            = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    return metrics.horizontalAdvance(text) + margin + 6;
}

int ColumnFit::titleWidth(const QHeaderView *header, int column, int lines)
{
    const QAbstractItemModel *model = header->model();
    if (!model)
        return 0;
    const QString title = model->headerData(column, header->orientation()).toString();
    if (title.isEmpty())
        return 0;
    const QFontMetrics metrics = header->fontMetrics();
    const int margins = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header) + 4;
    int high = metrics.horizontalAdvance(title) + 1;
    if (lines > 1) {
        // The narrowest width at which the title's words wrap into `lines` lines.
        const int most = lines * metrics.lineSpacing();
        const auto fits = [&](int width) {
            const QRect r = metrics.boundingRect(QRect(0, 0, width, 100 * most),
                                                 Qt::TextWordWrap, title);
            return r.height() <= most && r.width() <= width;
        };
        int low = high / lines - 1;
        while (low + 1 < high) {
            const int mid = (low + high) / 2;
            (fits(mid) ? high : low) = mid;
        }
    }
    return high + margins;
}

int ColumnFit::wordWidth(int column) const
{
    int width = std::max(titleWidth(m_header, column, m_titleLines),
                         m_contentWidths.value(column));
    const auto texts = m_texts.constFind(column);
    if (texts != m_texts.cend()) {
        const QFontMetrics metrics = m_view->fontMetrics();
        for (const QString &text : *texts)
            width = std::max(width, cellWidth(m_view, metrics, text));
    }
    if (column == m_free)
        width = std::max(width, freeFloor());
    return width;
}

int ColumnFit::neededWidth() const
{
    int width = 2 * m_view->frameWidth()
            + m_view->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_view);
    for (int c = 0; c < m_header->count(); ++c) {
        if (!m_header->isSectionHidden(c))
            width += wordWidth(c);
    }
    return width;
}

void ColumnFit::fit()
{
    if (m_fitting)
        return;
    m_fitting = true;
    const int count = m_header->count();
    QList<int> widths(count, 0);
    int used = 0;
    int shown = 0;
    for (int c = 0; c < count; ++c) {
        if (m_header->isSectionHidden(c))
            continue;
        widths[c] = wordWidth(c);
        used += widths[c];
        ++shown;
    }
    // The rest of the viewport: to the free column, or shared when there is none. Narrower,
    // the widths stand and the view scrolls.
    const int rest = std::max(0, m_view->viewport()->width() - used);
    if (m_free >= 0 && m_free < count && !m_header->isSectionHidden(m_free)) {
        widths[m_free] += rest;
    } else if (shown > 0) {
        int left = rest;
        for (int c = 0; c < count; ++c) {
            if (m_header->isSectionHidden(c))
                continue;
            const int share = left / shown--;
            widths[c] += share;
            left -= share;
        }
    }
    for (int c = 0; c < count; ++c) {
        if (!m_header->isSectionHidden(c) && m_header->sectionSize(c) != widths.at(c))
            m_header->resizeSection(c, widths.at(c));
    }
    m_fitting = false;
}

bool ColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_view->viewport() && event->type() == QEvent::Resize)
        || (watched == m_view
            && (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)))
        fit();
    return QObject::eventFilter(watched, event);
}

} // namespace SupportDesk
