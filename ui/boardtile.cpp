#include "boardtile.h"

#include "colorvision.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QVBoxLayout>

namespace SupportDesk {

BoardTile::BoardTile(QWidget *parent)
    : QFrame(parent), m_value(new QLabel(this)), m_caption(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setAlignment(Qt::AlignCenter);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    setMinimumWidth(140);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    updateLook();
}

void BoardTile::setValue(int value)
{
    m_number = value;
    updateLook();
}

QString BoardTile::valueText() const
{
    return m_value->text();
}

void BoardTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
    updateLook();
}

QString BoardTile::caption() const
{
    return m_caption->text();
}

void BoardTile::setAlertColor(const QColor &color)
{
    m_alert = color;
    updateLook();
}

void BoardTile::updateLook()
{
    m_value->setText(QLocale().toString(m_number));
    // The tile takes the focus (Enter opens its tickets): a screen reader says its figure and
    // what it counts, and what Enter does. Set with the caption, so in the desk's language.
    //: a lead board tile read aloud: %1 what it counts ("At risk"), %2 the number
    setAccessibleName(tr("%1: %2").arg(m_caption->text(), m_value->text()));
    setAccessibleDescription(tr("Press Enter to show these tickets in the queue"));
    // A tinted tile's words are black or white against the tint (a dark high-contrast
    // palette's white or yellow on the pale tint is about 2.2:1); an untinted tile sets no
    // colour of its own, so it follows the palette, also when that changes.
    if (m_number > 0 && m_alert.isValid()) {
        QPalette p = palette();
        p.setColor(QPalette::Window, m_alert);
        p.setColor(QPalette::WindowText,
                   QColor::fromRgb(ColorVision::textOn(m_alert.rgb() & 0xffffff)));
        setPalette(p);
    } else {
        setPalette(QPalette());
    }
}

void BoardTile::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit activated();
    QFrame::mouseReleaseEvent(event);
}

void BoardTile::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Space) {
        emit activated();
        return;
    }
    QFrame::keyPressEvent(event);
}

} // namespace SupportDesk
