#include "countdowndelegate.h"

#include "queuemodel.h"
#include "responseclock.h"

#include <QApplication>
#include <QPainter>

namespace SupportDesk {

CountdownDelegate::CountdownDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

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
    }
    return QColor(Qt::gray);
}

void CountdownDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    if (index.data(QueueRole::BadgeColor).isValid())
        paintBadge(painter, option, index);
    else if (index.data(QueueRole::SlaStateRole).isValid())
        paintCountdown(painter, option, index);
    else
        QStyledItemDelegate::paint(painter, option, index);
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
    // White on dark badges, black on light ones.
    painter->setPen(color.lightnessF() > 0.6 ? Qt::black : Qt::white);
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
    const int barHeight = 3;
    const QRect bar(r.left(), r.bottom() - barHeight + 1, r.width(), barHeight);
    painter->fillRect(bar, QColor(color.red(), color.green(), color.blue(), 50));
    QRect filled = bar;
    filled.setWidth(int(bar.width() * std::clamp(used, 0.0, 1.0)));
    painter->fillRect(filled, color);
    QFont font = option.font;
    if (state == int(SlaState::Breached) || state == int(SlaState::AtRisk))
        font.setBold(true);
    painter->setFont(font);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(selected ? option.palette.color(QPalette::HighlightedText) : color);
    // "overdue 23 h 59 min" takes two lines where the column is narrow (the row has two).
    painter->drawText(r.adjusted(0, 0, 0, -barHeight), Qt::AlignCenter | Qt::TextWordWrap, text);
    painter->restore();
}

} // namespace SupportDesk
