#include "sendshortcut.h"

#include <QAbstractButton>
#include <QAction>
#include <QPointer>
#include <QWidget>

namespace SupportDesk {

QAction *addSendShortcut(QWidget *scope, QAbstractButton *button)
{
    auto *send = new QAction(scope);
    send->setShortcuts(QList<QKeySequence> {
        QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter),
        QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::KeypadModifier, Qt::Key_Enter)) });
    send->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    scope->addAction(send);
    if (button->toolTip().isEmpty())
        button->setToolTip(send->shortcut().toString(QKeySequence::NativeText));
    const QPointer<QAbstractButton> target(button);
    QObject::connect(send, &QAction::triggered, scope, [target] {
        if (target && target->isEnabled() && target->isVisibleTo(target->window()))
            target->click();
    });
    return send;
}

} // namespace SupportDesk
