// Paints the queue's edition badge (a coloured pill with S1…S4 or the edition's name) and its
// countdown (the time in the state's colour over a bar of the target used). Reads the
// QueueRole values only.
#pragma once

#include <QStyledItemDelegate>

namespace SupportDesk {

class CountdownDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit CountdownDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // The colour of a response state (SlaState as int): green, amber, red; grey once answered.
    static QColor stateColor(int slaState);

private:
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    void paintCountdown(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index) const;
};

} // namespace SupportDesk
