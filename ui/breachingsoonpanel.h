// The breaching-soon list with its 15 / 30 / 60-minute toggle and, for leads, one-click
// reassignment: the row's "Reassign…" cell pops up the team's agents with their load.
#pragma once

#include <QWidget>

class QAction;
class QButtonGroup;
class QLabel;
class QMenu;
class QTableView;
class QToolButton;

namespace SupportDesk {

class BreachingSoonModel;
class ColumnFit;
class LeadBoardModel;

class BreachingSoonPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BreachingSoonPanel(LeadBoardModel *board, QWidget *parent = nullptr);

    BreachingSoonModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    void setWindowMinutes(int minutes);
    // Pops up the agents to give `ticketId` to (at the row's cell when shown).
    QMenu *showReassignMenu(const QString &ticketId, const QPoint &globalPos);

signals:
    void openTickets(const QStringList &ticketIds);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    // The short columns as wide as any text they can show, the subject the rest and never
    // less than about 16 characters (ColumnFit); the list no narrower than that (the board's
    // splitter keeps it).
    void fitColumns();
    void updateLeadActions();
    void updateEmptyText();
    // The agents' menu for the current row (Ctrl+Shift+A, or Enter on "Reassign…").
    void reassignCurrent();

    LeadBoardModel *m_board;
    BreachingSoonModel *m_model;
    QLabel *m_title;
    QButtonGroup *m_windows;
    QToolButton *m_buttons[3] = {};
    QTableView *m_view;
    ColumnFit *m_fit = nullptr;
    QLabel *m_status;
    QAction *m_reassign = nullptr;
};

} // namespace SupportDesk
