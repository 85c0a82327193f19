// A box whose least height is what its layout needs at the width it is shown at. A splitter
// and a tab widget's stack ask their children for a least size that knows no width, so a box
// whose wrapped words took a second line at its width was given one line's room, and what came
// below them was laid over the next row (the reply box under Attach/Macros at 1.5 times the
// font in Chinese; the customer history's summary, elided to fit instead).
#pragma once

#include <QWidget>

namespace SupportDesk {

class WrappingBox : public QWidget
{
public:
    explicit WrappingBox(QWidget *parent = nullptr) : QWidget(parent) {}

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
};

} // namespace SupportDesk
