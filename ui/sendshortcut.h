// Ctrl+Enter sends what is written: in the new-ticket form and the ticket pane's composer,
// where Enter alone starts a new line.
#pragma once

class QAbstractButton;
class QAction;
class QWidget;

namespace SupportDesk {

// Ctrl+Return and Ctrl+Enter (the keypad's) anywhere inside `scope` click `button`, when it is
// enabled (an unfinished form stays as it is). The action is returned so that its owner can
// name it (Help → Keyboard shortcuts lists it by its text).
QAction *addSendShortcut(QWidget *scope, QAbstractButton *button);

} // namespace SupportDesk
