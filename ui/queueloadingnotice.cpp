// The queue's "still reading" line: shown while QueueModel::isLoadingRest(), hidden after.
#include "queueloadingnotice.h"

#include "panecolors.h"
#include "queuemodel.h"

#include <QEvent>

namespace SupportDesk {

QueueLoadingNotice::QueueLoadingNotice(QueueModel *model, QWidget *parent)
    : QLabel(parent), m_model(model)
{
    setObjectName(QStringLiteral("queueLoadingNotice"));
    setWordWrap(true);
    setContentsMargins(6, 3, 6, 3);
    PaneColors::setTint(this, &PaneColors::notice);
    // Any queue, filter, sort or search chosen meanwhile is answered from the first screen:
    // the line says so until the hand-over (the queue list's counts show "(…)" meanwhile).
    connect(model, &QAbstractItemModel::modelReset, this, &QueueLoadingNotice::refresh);
    connect(model, &QAbstractItemModel::layoutChanged, this, &QueueLoadingNotice::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &QueueLoadingNotice::refresh);
    connect(model, &QueueModel::restLoaded, this, &QueueLoadingNotice::refresh);
    refresh();
}

void QueueLoadingNotice::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QLabel::changeEvent(event);
}

void QueueLoadingNotice::refresh()
{
    const bool loading = m_model->isLoadingRest();
    if (loading) {
        //: line above a large queue while the tickets behind its first screen are read: the
        //: list, whatever queue, filter, sort or search is chosen, is made from those alone
        setText(tr("Reading the rest of the tickets: until they are in, this list is made "
                   "from the first %n only.",
                   nullptr, m_model->ticketCount()));
        //: screen reader name of that line
        setAccessibleName(tr("Queue still loading"));
    }
    setVisible(loading);
}

} // namespace SupportDesk
