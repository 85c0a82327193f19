// Ctrl+Enter sends what is written: in the new-ticket form and the ticket pane's composer,
// where Enter alone starts a new line.
#pragma once

class QAbstractButton;
class QWidget;

namespace SupportDesk {

// Ctrl+Return and Ctrl+Enter (the keypad's) anywhere inside `scope` click `button`, when it is
// enabled (an unfinished form stays as it is).
void addSendShortcut(QWidget *scope, QAbstractButton *button);

} // namespace SupportDesk
