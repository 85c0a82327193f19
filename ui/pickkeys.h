// A picker's search field over its list (the merge and link picker, the macro picker): the keys
// that move the pick — the arrows, Page Up and Page Down — go to the list while the field keeps
// the focus and the text typed. One rule, so the pickers do not differ (the macro picker had
// the arrows only).
#pragma once

#include <QAbstractItemView>
#include <QCoreApplication>
#include <QKeyEvent>

namespace SupportDesk::PickKeys {

inline bool movesPick(int key)
{
    return key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp
            || key == Qt::Key_PageDown;
}

// From an event filter on `field`: true when the key was the list's (sent to it).
inline bool forwardToList(QObject *watched, QObject *field, QAbstractItemView *list,
                          QEvent *event)
{
    if (watched != field || event->type() != QEvent::KeyPress
        || !movesPick(static_cast<QKeyEvent *>(event)->key()))
        return false;
    QCoreApplication::sendEvent(list, event);
    return true;
}

} // namespace SupportDesk::PickKeys
