// Enter opens what a board table's cell stands for, as a double-click does: QAbstractItemView's
// `activated` carries both (per platform), and a listed action names the key in Help → Keyboard
// shortcuts.
#pragma once

#include <functional>

class QAbstractItemView;
class QAction;
class QModelIndex;

namespace SupportDesk {

// `open` runs for the cell activated in `view` (double-click or Enter) and for the current cell
// when Return or Enter is pressed in the view. The returned action (a child of the view, named
// in the desk's language) carries the keys so that the shortcuts list shows them under the view's
// accessible name.
QAction *addOpenShortcut(QAbstractItemView *view, std::function<void(const QModelIndex &)> open);

} // namespace SupportDesk
