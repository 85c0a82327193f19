#include "openshortcut.h"

#include <QAbstractItemView>
#include <QAction>
#include <QCoreApplication>
#include <QEvent>

namespace SupportDesk {

// Names its action again when the language changes (an action gets no LanguageChange; its view
// does).
class OpenShortcut : public QAction
{
    Q_OBJECT

public:
    explicit OpenShortcut(QAbstractItemView *view)
        : QAction(view)
    {
        view->installEventFilter(this);
        retranslate();
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslate();
        return QAction::eventFilter(watched, event);
    }

private:
    void retranslate() { setText(tr("Open its tickets")); }
};

QAction *addOpenShortcut(QAbstractItemView *view, std::function<void(const QModelIndex &)> open)
{
    auto *action = new OpenShortcut(view);
    // Both keys, as QAbstractItemView's own Enter handling: the action takes the key before the
    // view sees it, so the list can show it.
    action->setShortcuts({ QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter),
                           QKeySequence(QKeyCombination(Qt::KeypadModifier, Qt::Key_Enter)) });
    action->setShortcutContext(Qt::WidgetShortcut);
    view->addAction(action);
    QObject::connect(view, &QAbstractItemView::activated, view, open);
    QObject::connect(action, &QAction::triggered, view, [view, open] {
        if (view->currentIndex().isValid())
            open(view->currentIndex());
    });
    return action;
}

} // namespace SupportDesk

#include "openshortcut.moc"
