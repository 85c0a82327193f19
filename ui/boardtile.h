// One figure on the lead board: a big number over a caption, tinted when it needs attention;
// a click asks to open the tickets behind it.
#pragma once

#include <QColor>
#include <QFrame>

class QLabel;

namespace SupportDesk {

class BoardTile : public QFrame
{
    Q_OBJECT

public:
    explicit BoardTile(QWidget *parent = nullptr);

    void setValue(int value);
    int value() const { return m_number; }
    QString valueText() const;
    void setCaption(const QString &caption);
    QString caption() const;
    // The tint shown while the value is above zero.
    void setAlertColor(const QColor &color);

signals:
    void activated();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateLook();

    QLabel *m_value;
    QLabel *m_caption;
    int m_number = 0;
    QColor m_alert;
};

} // namespace SupportDesk
