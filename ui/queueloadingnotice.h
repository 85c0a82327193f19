// The line above a large queue while the tickets behind its first screen are still read: what
// the list shows until then is made from the first screen only (docs/queue.md).
#pragma once

#include <QLabel>

namespace SupportDesk {

class QueueModel;

class QueueLoadingNotice : public QLabel
{
    Q_OBJECT

public:
    explicit QueueLoadingNotice(QueueModel *model, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QueueModel *m_model;
};

} // namespace SupportDesk
