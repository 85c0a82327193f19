// The window brought up to date before a grab that people look at (SUPPORTDESK_GRAB_DIR,
// SUPPORTDESK_SHOTS), instead of sleeping until its relayouts land.
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>

namespace SupportDesk::Testing {

// Delivers posted events pass after pass until a pass delivers nothing: a language change or
// a label's new text posts layout requests, and those post more, each left by one pass of
// sendPostedEvents() for the next. Capped, for a widget that keeps posting (an animation).
inline void settlePostedEvents()
{
    struct Counter : QObject
    {
        int delivered = 0;
        bool eventFilter(QObject *, QEvent *) override
        {
            ++delivered;
            return false;
        }
    } counter;
    QCoreApplication::instance()->installEventFilter(&counter);
    for (int pass = 0; pass < 100; ++pass) {
        counter.delivered = 0;
        QCoreApplication::sendPostedEvents();
        if (counter.delivered == 0)
            break;
    }
    QCoreApplication::instance()->removeEventFilter(&counter);
}

} // namespace SupportDesk::Testing
