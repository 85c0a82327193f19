#include "countdowndelegate.h"

#include "colorvision.h"
#include "panecolors.h"
#include "queuemodel.h"
#include "responseclock.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QAbstractItemView>
#include <QCommonStyle>
#include <QHelpEvent>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>

namespace SupportDesk {

namespace {
enum CellKind { PlainCell, BadgeCell, CountdownCell };
constexpr int BarHeight = 3;

// The countdown's bar inside the cell, and the pixels of it filled for the target used.
QRect countdownBar(const QRect &cell)
{
    const QRect r = cell.adjusted(4, 2, -4, -2);
    return QRect(r.left(), r.bottom() - BarHeight + 1, r.width(), BarHeight);
}

int barFilled(const QRect &bar, double used)
{
    return int(bar.width() * std::clamp(used, 0.0, 1.0));
}
} // namespace

bool operator==(const CountdownDelegate::CellKey &a, const CountdownDelegate::CellKey &b)
{
    return a.width == b.width && a.height == b.height && a.state == b.state
        && a.features == b.features && a.alignment == b.alignment
        && a.colorGroup == b.colorGroup && a.elide == b.elide && a.direction == b.direction
        && a.kind == b.kind && a.slaState == b.slaState && a.filled == b.filled
        && a.badge == b.badge && a.base == b.base && a.palette == b.palette
        && a.style == b.style && a.dpr == b.dpr && a.text == b.text && a.font == b.font;
}

size_t qHash(const CountdownDelegate::CellKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.text, key.width, key.height, key.state, key.kind,
                      key.slaState, key.filled, key.badge, key.palette);
}

CountdownDelegate::CountdownDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_cells(maxCacheBytes())
{ }

// Off, the kept pixmaps stay: they are keyed by what they show, so none goes stale meanwhile.
void CountdownDelegate::setCaching(bool on)
{
    m_caching = on;
}

bool CountdownDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event && event->type() == QEvent::ToolTip && index.isValid()
        && !index.data(Qt::ToolTipRole).isValid()
        && !index.data(QueueRole::BadgeColor).isValid()) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QWidget *widget = opt.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        // The text's room as paintText() and the style give it: inside the focus margins,
        // word-wrapped into the row's lines.
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const QRect room = opt.rect.adjusted(margin, 0, -margin, 0);
        const QRect needs = QFontMetrics(opt.font).boundingRect(
                QRect(0, 0, room.width(), 100 * room.height() + 1000),
                opt.features & QStyleOptionViewItem::WrapText ? Qt::TextWordWrap : 0, opt.text);
        if (!opt.text.isEmpty()
            && (needs.width() > room.width() || needs.height() > room.height())) {
            QToolTip::showText(event->globalPos(), opt.text, view, opt.rect);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QStringList CountdownDelegate::customerLines(const QString &customerText)
{
    // QueueModel::customerText() words the pair "%1 › %2" in both languages.
    static const QString separator = QStringLiteral(" \u203a ");
    const qsizetype at = customerText.indexOf(separator);
    if (at <= 0 || at + separator.size() >= customerText.size())
        return { customerText };
    return { customerText.left(at), customerText.mid(at + 1) };
}

QString CountdownDelegate::customerCellText(const QString &customerText,
                                            const QFontMetrics &metrics, int width)
{
    const QStringList lines = customerLines(customerText);
    if (lines.size() < 2)
        return customerText;
    // Two lines whatever the width: wrapped as one text, "Northwind Cloud Partners ›
    // Northwind Retail" took three lines beside the ticket pane in 中文 and the row's two
    // showed the partner alone (issue 17).
    return metrics.elidedText(lines.at(0), Qt::ElideRight, width) + QChar::LineSeparator
            + metrics.elidedText(lines.at(1), Qt::ElideMiddle, width);
}

void CountdownDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() != QueueModel::CustomerColumn || option->text.isEmpty())
        return;
    const QWidget *widget = option->widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The text's room as the style and paintText() give it: inside the focus margins.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    option->text = customerCellText(option->text, QFontMetrics(option->font),
                                    option->rect.width() - 2 * margin);
}

QColor CountdownDelegate::stateColor(int slaState)
{
    switch (SlaState(slaState)) {
    case SlaState::OnTrack:
        return QColor(0x2e, 0x7d, 0x32);
    case SlaState::AtRisk:
        return QColor(0xe0, 0x8a, 0x00);
    case SlaState::Breached:
        return QColor(0xc6, 0x28, 0x28);
    case SlaState::RespondedInTime:
        return QColor(0x75, 0x75, 0x75);
    case SlaState::RespondedLate:
        return QColor(0x8d, 0x5a, 0x5a);
    case SlaState::Resolved:
    case SlaState::Closed:
    case SlaState::Merged:
        return QColor(0x9e, 0x9e, 0x9e); // stopped: the words say why
    }
    return QColor(Qt::gray);
}

// Laying out a cell's word-wrapped texts (shaping, line breaking, eliding) was nearly all of a
// queue paint: ~170 cells, 6-13 ms at 1280 x 800. A cell whose key is cached is one pixmap
// drawn. The key is made of what the paint reads, not of a row version, so it changes exactly
// when the pixels would: a merged ticket's text, a language switch (every text), a resized
// column, the countdown's next minute or bar pixel, selection, hover, focus, palette, style.
void CountdownDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    CellKey key;
    if (!m_caching || !cellKey(option, index, painter, &key)) {
        ++m_laidOut;
        paintCell(painter, option, index);
        return;
    }
    if (const QPixmap *cached = m_cells.object(key)) {
        ++m_fromCache;
        painter->drawPixmap(option.rect.topLeft(), *cached);
        return;
    }
    ++m_laidOut;
    // The cell as the view paints it: the viewport's background, the row's panel
    // (QTableView draws it before the delegate; alternate rows, selection), then the cell.
    // Opaque, so drawing it over the view's own panel gives the same pixels.
    QPixmap pixmap(option.rect.size() * key.dpr);
    pixmap.setDevicePixelRatio(key.dpr);
    pixmap.fill(QColor::fromRgba(key.base));
    {
        QPainter p(&pixmap);
        QStyleOptionViewItem local = option;
        local.rect = QRect(QPoint(0, 0), option.rect.size());
        const QWidget *widget = option.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewRow, &local, &p, widget);
        paintCell(&p, local, index);
    }
    painter->drawPixmap(option.rect.topLeft(), pixmap);
    const qsizetype bytes = qsizetype(pixmap.width()) * pixmap.height() * 4;
    m_cells.insert(key, new QPixmap(std::move(pixmap)), bytes);
}

// False when the cell shows something the key does not describe (an icon, a check box, a
// background brush, a viewport that is not filled with one colour): it is painted directly.
bool CountdownDelegate::cellKey(const QStyleOptionViewItem &option, const QModelIndex &index,
                                const QPainter *painter, CellKey *key) const
{
    const auto *view = qobject_cast<const QAbstractScrollArea *>(option.widget);
    if (!view || !view->viewport() || !view->viewport()->autoFillBackground() || !painter
        || !painter->device() || option.rect.isEmpty())
        return false;
    const QBrush base = view->viewport()->palette().brush(view->viewport()->backgroundRole());
    if (base.style() != Qt::SolidPattern || !base.isOpaque())
        return false;
    QStyleOptionViewItem opt = option;
    // The model's text, before a customer cell's is laid out for its width (the width and the
    // font are in the key too): a cell drawn from the cache elides nothing.
    QStyledItemDelegate::initStyleOption(&opt, index);
    if (opt.features & (QStyleOptionViewItem::HasDecoration
                        | QStyleOptionViewItem::HasCheckIndicator)
        || opt.backgroundBrush.style() != Qt::NoBrush)
        return false;
    key->text = opt.text;
    key->font = opt.font;
    key->palette = opt.palette.cacheKey();
    key->colorGroup = int(opt.palette.currentColorGroup());
    key->style = option.widget->style();
    key->base = base.color().rgba();
    key->width = opt.rect.width();
    key->height = opt.rect.height();
    key->state = int(opt.state);
    key->features = int(opt.features);
    key->alignment = int(opt.displayAlignment);
    key->elide = int(opt.textElideMode);
    key->direction = int(opt.direction);
    key->dpr = painter->device()->devicePixelRatioF();
    // The roles the badge and the countdown paint from, beside the text.
    const QVariant badge = index.data(QueueRole::BadgeColor);
    if (badge.isValid()) {
        key->kind = BadgeCell;
        key->badge = badge.value<QColor>().rgba();
        key->text = index.data(QueueRole::BadgeText).toString();
        return true;
    }
    const QVariant sla = index.data(QueueRole::SlaStateRole);
    if (sla.isValid()) {
        key->kind = CountdownCell;
        key->slaState = sla.toInt();
        key->filled = barFilled(countdownBar(option.rect),
                                index.data(QueueRole::TargetUsed).toDouble());
        return true;
    }
    key->kind = PlainCell;
    return true;
}

void CountdownDelegate::paintCell(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    if (index.data(QueueRole::BadgeColor).isValid())
        paintBadge(painter, option, index);
    else if (index.data(QueueRole::SlaStateRole).isValid())
        paintCountdown(painter, option, index);
    else if (!m_caching || !paintText(painter, option, index))
        QStyledItemDelegate::paint(painter, option, index);
}

// A text cell as QCommonStyle's CE_ItemViewItem paints it (the panel, the text in the
// palette's colour, word-wrapped into the lines that fit, the last one elided), with the text
// laid out once. The style lays it out five times: three subElementRect() calls size it, then
// its draw lays it out to elide and again to draw. That was most of a changed cell's paint:
// ~85 µs a cell, 5-10 ms for a screen of rows selected or changed at once (bench_bulk).
// Only the plain case is drawn here (text alone, left to right, no focus frame, not being
// edited, a style that draws items as QCommonStyle does); anything else goes to the style.
// setCaching(false) paints through the style, so the tests compare the two pixel for pixel.
bool CountdownDelegate::paintText(QPainter *painter, const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    if (!qobject_cast<QCommonStyle *>(style)
        || qstrcmp(style->metaObject()->className(), "QStyleSheetStyle") == 0)
        return false;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    constexpr auto drawnElsewhere = QStyleOptionViewItem::HasDecoration
        | QStyleOptionViewItem::HasCheckIndicator;
    if ((opt.features & drawnElsewhere) || !(opt.features & QStyleOptionViewItem::HasDisplay)
        || (opt.state & (QStyle::State_HasFocus | QStyle::State_Editing))
        || opt.direction != Qt::LeftToRight
        || opt.decorationPosition != QStyleOptionViewItem::Left
        || opt.backgroundBrush.style() != Qt::NoBrush || opt.text.isEmpty())
        return false;
    ++m_textLaidOnce;
    painter->save();
    painter->setClipRect(opt.rect);
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
    QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal
                                                                   : QPalette::Disabled;
    if (group == QPalette::Normal && !(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected
                                                 ? QPalette::HighlightedText
                                                 : QPalette::Text));
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = opt.rect.adjusted(margin, 0, -margin, 0);
    QTextOption textOption;
    textOption.setWrapMode(opt.features & QStyleOptionViewItem::WrapText
                                   ? QTextOption::WordWrap
                                   : QTextOption::ManualWrap);
    textOption.setTextDirection(opt.direction);
    textOption.setAlignment(QStyle::visualAlignment(opt.direction, opt.displayAlignment));
    // The lines as the style breaks them: vertically centred text stops at the last line
    // that fits (taking the next to be as tall), the rest is elided.
    const bool centred = opt.displayAlignment.testFlag(Qt::AlignVCenter);
    QTextLayout layout(opt.text, opt.font);
    layout.setTextOption(textOption);
    int lastVisible = -1;
    layout.beginLayout();
    qreal y = 0;
    for (int i = 0;; ++i) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(textRect.width());
        line.setPosition(QPointF(0, y));
        y += line.height();
        if (centred && y + line.height() > textRect.height()) {
            lastVisible = layout.createLine().isValid() ? i : -1;
            break;
        }
    }
    layout.endLayout();
    const QRect layoutRect = QStyle::alignedRect(Qt::LayoutDirectionAuto, opt.displayAlignment,
                                                 layout.boundingRect().size().toSize(), textRect);
    QPointF position(textRect.x(), layoutRect.top());
    // The text as the style draws it: each line, the last visible one and any line wider
    // than the cell elided.
    QString shown;
    bool elided = false;
    qreal height = 0;
    const int lines = layout.lineCount();
    for (int i = 0; i < lines; ++i) {
        const QTextLine line = layout.lineAt(i);
        height += line.height();
        if (height + layoutRect.top() <= textRect.top()) { // above the cell
            position.ry() += line.height();
            continue;
        }
        const bool tooWide = line.naturalTextWidth() > textRect.width();
        bool elideLast = lastVisible == i;
        if (!tooWide && i + 1 < lines) {
            // Elided when less than half of the next line would show.
            const qreal next = height + layout.lineAt(i + 1).height() / 2;
            if (next + layoutRect.top() > textRect.height() + textRect.top())
                elideLast = true;
        }
        QString text = opt.text.mid(line.textStart(), line.textLength());
        if (tooWide || elideLast) {
            if (elideLast) {
                if (text.endsWith(QChar::LineSeparator))
                    text.chop(1);
                text += QChar(0x2026);
            }
            shown += QFontMetrics(opt.font).elidedText(text, opt.textElideMode,
                                                       textRect.width());
            if (i < lines - 1 && !elideLast)
                shown += QChar::LineSeparator;
            elided = true;
        } else {
            shown += text;
        }
        if (height + layoutRect.top() >= textRect.bottom() || lastVisible == i)
            break;
    }
    if (!elided && shown == opt.text) {
        // Nothing elided: the layout made is the one to draw.
        layout.draw(painter, position);
    } else {
        QTextLayout drawn(shown, opt.font);
        drawn.setTextOption(textOption);
        drawn.beginLayout();
        qreal top = 0;
        for (QTextLine line = drawn.createLine(); line.isValid(); line = drawn.createLine()) {
            line.setLineWidth(textRect.width());
            line.setPosition(QPointF(0, top));
            top += line.height();
        }
        drawn.endLayout();
        drawn.draw(painter, position);
    }
    painter->restore();
    return true;
}

// The cell's background (selection, alternate rows) as the style draws it, without text.
static void paintBackground(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index)
{
    QStyleOptionViewItem opt = option;
    opt.index = index;
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);
}

void CountdownDelegate::paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    paintBackground(painter, option, index);
    const QColor color = index.data(QueueRole::BadgeColor).value<QColor>();
    const QString text = index.data(QueueRole::BadgeText).toString();
    if (text.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics metrics(font);
    const int w = std::min(option.rect.width() - 4, metrics.horizontalAdvance(text) + 12);
    const int h = std::min(option.rect.height() - 4, metrics.height() + 2);
    QRect pill(0, 0, w, h);
    pill.moveCenter(option.rect.center());
    painter->setPen(Qt::NoPen);
    painter->setBrush(color);
    painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
    // Black or white, whichever contrasts more (WCAG): white on the Standard green was 4.1:1.
    painter->setPen(QColor::fromRgb(ColorVision::textOn(color.rgb() & 0xffffff)));
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, metrics.elidedText(text, Qt::ElideRight, w - 6));
    painter->restore();
}

void CountdownDelegate::paintCountdown(QPainter *painter, const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    paintBackground(painter, option, index);
    const int state = index.data(QueueRole::SlaStateRole).toInt();
    const double used = index.data(QueueRole::TargetUsed).toDouble();
    const QString text = index.data(Qt::DisplayRole).toString();
    const QColor color = stateColor(state);
    painter->save();
    const QRect r = option.rect.adjusted(4, 2, -4, -2);
    const QRect bar = countdownBar(option.rect);
    painter->fillRect(bar, QColor(color.red(), color.green(), color.blue(), 50));
    QRect filled = bar;
    filled.setWidth(barFilled(bar, used));
    painter->fillRect(filled, color);
    QFont font = option.font;
    if (state == int(SlaState::Breached) || state == int(SlaState::AtRisk))
        font.setBold(true);
    painter->setFont(font);
    const bool selected = option.state & QStyle::State_Selected;
    // The state's colour where it is readable on the palette's background (a dark or
    // high-contrast one turned the green 4.1:1, the amber 2.6:1 on white), else nearer its text.
    painter->setPen(selected ? option.palette.color(QPalette::HighlightedText)
                             : PaneColors::readable(color, option.palette.color(QPalette::Base),
                                                    option.palette.color(QPalette::Text)));
    // "overdue 23 h 59 min" takes two lines where the column is narrow (the row has two).
    painter->drawText(r.adjusted(0, 0, 0, -BarHeight), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter->restore();
}

} // namespace SupportDesk
