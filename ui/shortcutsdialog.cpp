#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScreen>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace SupportDesk {

namespace {

QString withoutMnemonic(QString text)
{
    // "&Reply…" → "Reply…", "&&" stays one ampersand; "同步(&S)" → "同步".
    text.remove(QRegularExpression(QStringLiteral("\\(&[^)]\\)")));
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    return text.trimmed();
}

// The menu that holds the action, if any.
const QMenu *menuOf(const QAction *action)
{
    for (QObject *o : action->associatedObjects()) {
        if (const auto *menu = qobject_cast<const QMenu *>(o))
            return menu;
    }
    return nullptr;
}

// Where a key works: the menu that holds its action, or the area it is bound to.
QString placeOf(const QAction *action)
{
    if (const QMenu *menu = menuOf(action))
        return withoutMnemonic(menu->title());
    if (const auto *scope = qobject_cast<const QWidget *>(action->parent())) {
        if (!scope->accessibleName().isEmpty())
            return scope->accessibleName();
    }
    return {};
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window, QWidget *parent)
    : QDialog(parent)
    , m_window(window)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_table = new QTableWidget(this);
    m_table->setColumnCount(3);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    rebuild();
}

void ShortcutsDialog::showEvent(QShowEvent *event)
{
    // Placed by QDialog at its earlier size: centred again over the window, inside the screen.
    fitToTable();
    const QRect screen = this->screen()->availableGeometry();
    QRect place(QPoint(), frameGeometry().size()); // move() places the frame
    place.moveCenter(parentWidget() ? parentWidget()->window()->geometry().center()
                                    : screen.center());
    place.moveLeft(qBound(screen.left(), place.left(), screen.right() + 1 - place.width()));
    place.moveTop(qBound(screen.top(), place.top(), screen.bottom() + 1 - place.height()));
    move(place.topLeft());
    QDialog::showEvent(event);
}

void ShortcutsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QDialog::changeEvent(event);
}

void ShortcutsDialog::rebuild()
{
    setWindowTitle(tr("Keyboard shortcuts"));
    m_intro->setText(tr("Every action of the desk can be reached from the keyboard: Tab moves "
                        "between areas, the menus open with Alt and their underlined letter, "
                        "and these keys act directly."));
    m_table->setHorizontalHeaderLabels({ tr("Action"), tr("Keys"), tr("Where") });
    m_table->setAccessibleName(tr("Keyboard shortcuts"));

    m_actions.clear();
    // The window's own actions, and those others put in its menus (the settings' is the
    // controller's).
    QList<QAction *> found;
    if (m_window) {
        found = m_window->findChildren<QAction *>();
        for (const QMenu *menu : m_window->findChildren<QMenu *>())
            found += menu->actions();
    }
    for (QAction *a : found) {
        if (!a->shortcuts().isEmpty() && !a->text().isEmpty() && a->isVisible()
            && !m_actions.contains(a))
            m_actions.append(a);
    }
    // Grouped by where they work, in the order they were made there: the menus in the menu
    // bar's order, then the areas in the order their keys were found. Sorted by the place's
    // name, the groups came in 中文 in the order of their characters' code points (即将超时,
    // 合作伙伴配额, 坐席负载, 工单, 帮助… with 文件 after them).
    QList<const QMenu *> menus;
    if (m_window) {
        if (const QMenuBar *bar = m_window->findChild<QMenuBar *>()) {
            for (const QAction *entry : bar->actions()) {
                if (entry->menu())
                    menus.append(entry->menu());
            }
        }
    }
    QStringList areas;
    for (const QAction *a : std::as_const(m_actions)) {
        if (!menus.contains(menuOf(a)) && !areas.contains(placeOf(a)))
            areas.append(placeOf(a));
    }
    const auto groupOf = [&menus, &areas](const QAction *a) {
        const qsizetype menu = menus.indexOf(menuOf(a));
        return menu >= 0 ? menu : menus.size() + areas.indexOf(placeOf(a));
    };
    std::stable_sort(m_actions.begin(), m_actions.end(),
                     [&groupOf](QAction *a, QAction *b) { return groupOf(a) < groupOf(b); });
    m_table->setRowCount(int(m_actions.size()));
    for (int r = 0; r < m_actions.size(); ++r) {
        const QAction *a = m_actions.at(r);
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        // Return and Enter are both 回车 in 中文: "回车 或 回车 或 Num+回车".
        keys.removeDuplicates();
        m_table->setItem(r, 0, new QTableWidgetItem(withoutMnemonic(a->text())));
        //: separates two keys that do the same, e.g. "Ctrl+Return or Ctrl+Enter"
        m_table->setItem(r, 1, new QTableWidgetItem(keys.join(tr(" or "))));
        m_table->setItem(r, 2, new QTableWidgetItem(placeOf(a)));
    }
    m_table->resizeColumnsToContents();
    fitToTable();
}

// As wide as the filled table's columns (in the language shown) and as tall as its rows, within
// the screen: sized before it was filled, the dialog cut the keys and hid "Where" behind a scroll
// bar.
void ShortcutsDialog::fitToTable()
{
    const QRect screen = this->screen() ? this->screen()->availableGeometry()
                                        : QRect(0, 0, 1024, 768);
    const int frame = 2 * m_table->frameWidth();
    // Room for the vertical scroll bar whether or not the rows fit: it must never push the last
    // column under a horizontal one.
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table);
    // Each column's content, asked of the items (the header's length counts the stretched last
    // column at whatever the viewport left it: "Where" came out cut), in the fonts in use —
    // fitted again when shown, once the dialog is polished with the platform's.
    int columns = 0;
    const auto *view = static_cast<const QAbstractItemView *>(m_table);
    for (int c = 0; c < m_table->columnCount(); ++c) {
        const int wanted = qMax(view->sizeHintForColumn(c),
                                m_table->horizontalHeader()->sectionSizeHint(c));
        m_table->setColumnWidth(c, wanted);
        columns += wanted;
    }
    const int rows = m_table->horizontalHeader()->sizeHint().height()
            + m_table->verticalHeader()->length();
    const QMargins margins = layout()->contentsMargins();
    const int chromeWidth = margins.left() + margins.right();
    const int width = qMin(columns + frame + scrollBar, screen.width() - chromeWidth);
    m_table->setMinimumWidth(width);
    // The height the rest of the dialog takes at that width (the intro wraps), plus every row.
    m_table->setFixedHeight(rows + frame);
    const int dialogWidth = layout()->totalMinimumSize().width();
    const int wanted = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(dialogWidth)
                                                      : layout()->totalSizeHint().height();
    m_table->setMinimumHeight(0);
    m_table->setMaximumHeight(QWIDGETSIZE_MAX);
    // A dialog's frame takes some of the screen too.
    resize(dialogWidth, qMin(wanted, screen.height() * 9 / 10));
}

} // namespace SupportDesk
