// The bar over the queue while several tickets are selected (Shift/Ctrl-click, Ctrl+A or
// "Select all"): assign them, set their status, add or remove a tag or apply a macro's
// actions to each, and see
// the outcome ticket by ticket (docs/bulk.md).
#pragma once

#include "bulk.h"
#include "bulktag.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace SupportDesk {

class BulkResultsDialog;
class DeskSession;
class QueueView;

class BulkBar : public QWidget
{
    Q_OBJECT

public:
    BulkBar(DeskSession *session, QueueView *view, QWidget *parent = nullptr);

    // Starts `action` on the selected tickets and shows its results; null when none is.
    BulkRun *run(const BulkAction &action);
    // The results of the last action, while its dialog is open.
    BulkResultsDialog *results() const;

    QComboBox *assignBox() const { return m_assign; }
    QComboBox *statusBox() const { return m_status; }
    QPushButton *macroButton() const { return m_macro; }
    QPushButton *tagButton() const { return m_tag; }
    QPushButton *untagButton() const { return m_untag; }
    QPushButton *selectAllButton() const { return m_selectAll; }
    QLabel *countLabel() const { return m_count; }
    // Picks a macro for the selected tickets (a searchable list, as in the composer).
    void chooseMacro();
    // Asks for a tag to add to (or remove from) the selected tickets, offering the tags in
    // use; OK runs the action. The dialog is modal to the window but does not block.
    void chooseTag(BulkTagDialog::Mode mode);
    BulkTagDialog *tagDialog() const { return m_tagDialog; }

signals:
    void openTicket(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateSelection();
    void fillAgents();
    void retranslateUi();

    DeskSession *m_session;
    QueueView *m_view;
    QLabel *m_count = nullptr;
    QPushButton *m_selectAll = nullptr;
    QComboBox *m_assign = nullptr;
    QComboBox *m_status = nullptr;
    QPushButton *m_macro = nullptr;
    QPushButton *m_tag = nullptr;
    QPushButton *m_untag = nullptr;
    QPointer<BulkResultsDialog> m_results;
    QPointer<BulkTagDialog> m_tagDialog;
};

} // namespace SupportDesk
