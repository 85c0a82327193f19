#include "breachingsoonpanel.h"

#include "columnfit.h"

#include "ticketedits.h"

#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "openshortcut.h"
#include "timeformat.h"

#include <QAction>
#include <QActionGroup>
#include <QButtonGroup>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QTableView>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace SupportDesk {

static const int WindowMinutes[3] = {15, 30, 60};

BreachingSoonPanel::BreachingSoonPanel(LeadBoardModel *board, QWidget *parent)
    : QWidget(parent),
      m_board(board),
      m_model(new BreachingSoonModel(board, this)),
      m_title(new QLabel(this)),
      m_windows(new QButtonGroup(this)),
      m_view(new QTableView(this)),
      m_status(new QLabel(this))
{
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    for (int i = 0; i < 3; ++i) {
        m_buttons[i] = new QToolButton(this);
        m_buttons[i]->setCheckable(true);
        m_buttons[i]->setAutoRaise(true);
        m_windows->addButton(m_buttons[i], WindowMinutes[i]);
        header->addWidget(m_buttons[i]);
    }
    m_buttons[0]->setChecked(true);
    connect(m_windows, &QButtonGroup::idClicked, this, &BreachingSoonPanel::setWindowMinutes);

    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // Columns are fitted to their texts when the rows change or the language does, never on
    // the once-a-second countdown tick; the subject takes the rest.
    m_fit = new ColumnFit(m_view, m_view->horizontalHeader());
    m_fit->setFreeColumn(BreachingSoonModel::Subject);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BreachingSoonPanel::fitColumns);
    // The same tickets recomputed (a reclassified severity, a new assignee) come as a change of
    // every column; the countdown's tick changes the time left only and refits nothing.
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (topLeft.column() != BreachingSoonModel::TimeLeft
                    || bottomRight.column() != BreachingSoonModel::TimeLeft)
                    fitColumns();
            });
    // The team's names and the catalogs come with the directory.
    connect(board, &LeadBoardModel::directoryChanged, this, &BreachingSoonPanel::fitColumns);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == BreachingSoonModel::Action && m_board->viewerIsLead())
            showReassignMenu(index.data(LeadBoardRole::TicketId).toString(),
                             m_view->viewport()->mapToGlobal(m_view->visualRect(index).bottomLeft()));
    });
    // Enter (or a double-click) opens the row's ticket, or on "Reassign…" gives it away; the
    // reassign key works from any column of the row.
    addOpenShortcut(m_view, [this](const QModelIndex &index) {
        if (index.column() == BreachingSoonModel::Action)
            reassignCurrent();
        else
            emit openTickets({index.data(LeadBoardRole::TicketId).toString()});
    });
    m_reassign = new QAction(m_view);
    m_reassign->setObjectName(QStringLiteral("reassignKey"));
    m_reassign->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_reassign->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(m_reassign);
    connect(m_reassign, &QAction::triggered, this, &BreachingSoonPanel::reassignCurrent);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        const QString id = index.data(LeadBoardRole::TicketId).toString();
        auto *menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Open ticket"), this, [this, id] { emit openTickets({id}); });
        if (m_board->viewerIsLead()) {
            const QPoint global = m_view->viewport()->mapToGlobal(pos);
            menu->addAction(tr("Reassign…"), this,
                            [this, id, global] { showReassignMenu(id, global); });
        }
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &BreachingSoonPanel::updateEmptyText);
    connect(board, &LeadBoardModel::directoryChanged, this, &BreachingSoonPanel::updateLeadActions);

    m_status->setWordWrap(true);
    m_status->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    retranslateUi();
    updateLeadActions();
}

void BreachingSoonPanel::setWindowMinutes(int minutes)
{
    m_model->setWindowMinutes(minutes);
    if (QAbstractButton *b = m_windows->button(minutes))
        b->setChecked(true);
    updateEmptyText();
}

void BreachingSoonPanel::reassignCurrent()
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const QModelIndex action = index.siblingAtColumn(BreachingSoonModel::Action);
    showReassignMenu(index.data(LeadBoardRole::TicketId).toString(),
                     m_view->viewport()->mapToGlobal(m_view->visualRect(action).bottomLeft()));
}

QMenu *BreachingSoonPanel::showReassignMenu(const QString &ticketId, const QPoint &globalPos)
{
    const std::optional<TicketFacts> ticket = m_board->fact(ticketId);
    if (!ticket || !m_board->viewerIsLead())
        return nullptr;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("reassignMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    //: title of the menu of agents a ticket can be given to
    menu->addSection(tr("Give to"));
    const QLocale locale;
    const auto loads = m_board->board().agents;
    // One choice among the people who take tickets: radio items in an exclusive group, the
    // current assignee (or "Unassigned") marked. Service and admin accounts are not offered.
    auto *choice = new QActionGroup(menu);
    choice->setExclusionPolicy(QActionGroup::ExclusionPolicy::Exclusive);
    for (const Agent &agent : m_board->assignees()) {
        int open = 0, atRisk = 0;
        for (const AgentLoad &l : loads) {
            if (l.agentId == agent.id) {
                open = l.open;
                atRisk = l.atRisk + l.breached;
            }
        }
        //: an agent in the reassign menu with the open tickets they hold, e.g. "Ann Lee (3 open)"
        QAction *action = menu->addAction(
                tr("%1 (%2 open, %3 late or at risk)")
                        .arg(TicketEdits::agentName(agent), locale.toString(open),
                             locale.toString(atRisk)));
        action->setData(agent.id);
        action->setCheckable(true);
        action->setChecked(agent.id == ticket->assigneeId);
        choice->addAction(action);
    }
    menu->addSeparator();
    //: the reassign menu's choice that leaves the ticket with nobody
    QAction *nobody = menu->addAction(tr("Unassigned"));
    nobody->setData(QString());
    nobody->setCheckable(true);
    nobody->setChecked(ticket->assigneeId.isEmpty());
    choice->addAction(nobody);
    // The facts may be recomputed while the menu is open: keep the assignee, not the pointer.
    const QString current = ticket->assigneeId;
    connect(menu, &QMenu::triggered, this, [this, ticketId, current](QAction *action) {
        if (action->data().toString() == current)
            return; // the current choice: nothing changes
        QString error;
        if (m_board->reassign(ticketId, action->data().toString(), &error)) {
            m_status->hide();
        } else {
            m_status->setText(tr("Could not reassign the ticket: %1").arg(error));
            m_status->show();
        }
    });
    menu->popup(globalPos);
    return menu;
}

void BreachingSoonPanel::updateLeadActions()
{
    // Agents see the list but not the lead's action (the server refuses it anyway).
    m_view->setColumnHidden(BreachingSoonModel::Action, !m_board->viewerIsLead());
    m_reassign->setVisible(m_board->viewerIsLead());
    fitColumns();
}

void BreachingSoonPanel::updateEmptyText()
{
    m_view->setToolTip(m_model->rowCount() == 0
                               //: %1 is a duration, e.g. "15 min"
                               ? tr("No unanswered ticket reaches its deadline in the next %1.")
                                         .arg(TimeFormat::target(m_model->windowMinutes()))
                               : QString());
}

void BreachingSoonPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
    // The widths are measured in the font in use (a larger system font, docs/accessibility.md).
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitColumns();
}

void BreachingSoonPanel::retranslateUi()
{
    m_title->setText(tr("Breaching soon"));
    m_view->setAccessibleName(m_title->text());
    //: the key that opens the menu of agents for the selected ticket of the list
    m_reassign->setText(tr("Reassign…"));
    for (int i = 0; i < 3; ++i) {
        // The look-ahead in the formatter's words ("15 min", "1 h").
        m_buttons[i]->setText(TimeFormat::target(WindowMinutes[i]));
        //: %1 is a duration, e.g. "15 min"
        m_buttons[i]->setToolTip(tr("Unanswered tickets whose deadline is at most %1 away")
                                         .arg(TimeFormat::target(WindowMinutes[i])));
    }
    m_model->retranslate();
    fitColumns();
    updateEmptyText();
}

// The time left is fitted to every countdown it can show (BreachingSoonModel::columnTexts), not
// to the rows of the moment: resizeColumnToContents() on a reset gave it the width of "1 min
// 48 s", cut a second later as "at risk 1 min 46 s", and nothing held the subject's room — at
// 1400 px in English it had 26 px, about three characters (issue 17). Edition, severity and
// assignee fit the rows they show, and the subject takes the rest. The rule is the desk's
// (ColumnFit); the list is no narrower than it needs, so the splitter beside the matrix gives
// the subject its floor.
void BreachingSoonPanel::fitColumns()
{
    for (int c = 0; c < BreachingSoonModel::ColumnCount; ++c) {
        if (c != BreachingSoonModel::Subject)
            m_fit->setTexts(c, m_model->columnTexts(c));
    }
    m_fit->fit();
    m_view->setMinimumWidth(m_fit->neededWidth());
}

} // namespace SupportDesk
