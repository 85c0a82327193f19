// A box whose least height follows its width (see wrappingbox.h).
#include "wrappingbox.h"

#include <QLayout>
#include <QResizeEvent>

#include <algorithm>

namespace SupportDesk {

QSize WrappingBox::minimumSizeHint() const
{
    QSize least = QWidget::minimumSizeHint();
    QLayout *box = layout();
    if (!box || !box->hasHeightForWidth())
        return least;
    // Hidden in a stack (another tab is shown), it keeps the width it last had: it will have
    // its parent's when shown.
    const QWidget *parent = parentWidget();
    const int width = isVisible() || !parent ? this->width() : parent->contentsRect().width();
    if (width > 0)
        least.setHeight(std::max(least.height(), box->totalMinimumHeightForWidth(width)));
    return least;
}

void WrappingBox::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        updateGeometry(); // the words wrap anew
}

} // namespace SupportDesk
