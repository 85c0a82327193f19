// The focus frame over views and scroll areas (see focusmarker.h).
#include "focusmarker.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QFocusFrame>
#include <QPointer>
#include <QProxyStyle>

#include <memory>

namespace SupportDesk::FocusMarker {

namespace {

// Where the style shows no focus of its own: a scroll area of any kind (item views, text
// views, the entitlements card), but not the list of a box's open popup, which is its own.
bool needsFrame(const QWidget *widget)
{
    return qobject_cast<const QAbstractScrollArea *>(widget)
            && widget->window()->windowType() != Qt::Popup;
}

// The frame over the widget's edge, not under it: a view that fills its parent (the
// conversation in its tab) would hide a frame stacked below it.
class AboveWidget : public QProxyStyle
{
public:
    int styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                  QStyleHintReturn *returned) const override
    {
        if (hint == SH_FocusFrame_AboveWidget)
            return 1;
        return QProxyStyle::styleHint(hint, option, widget, returned);
    }
};

} // namespace

void install()
{
    static bool installed = false;
    if (installed || !qApp)
        return;
    installed = true;
    // One frame, moved with the focus; made again when the window it was in is gone.
    auto frame = std::make_shared<QPointer<QFocusFrame>>();
    QObject::connect(qApp, &QApplication::focusChanged, qApp,
                     [frame](QWidget *, QWidget *now) {
                         if (!now || !needsFrame(now)) {
                             if (*frame)
                                 (*frame)->setWidget(nullptr);
                             return;
                         }
                         if (!*frame) {
                             *frame = new QFocusFrame(now);
                             auto *style = new AboveWidget;
                             style->setParent(*frame);
                             (*frame)->setStyle(style);
                         }
                         (*frame)->setWidget(now);
                     });
}

} // namespace SupportDesk::FocusMarker
