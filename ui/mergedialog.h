// The ticket picker of Ticket → Merge into… and of the links tab's Link… (docs/merge.md): the
// customer's tickets, found by number or subject as the agent types (and, for a link, any
// ticket the desk's search finds); for a merge, only the customer's open tickets, and the rule
// that refuses one is said before anything is sent. The arrows and PgUp/PgDn in the search field
// move the pick; a merge (it closes a ticket and tells its customer) is asked once more, naming
// both tickets, with Cancel the default — Enter alone never merges.
#pragma once

#include "domain.h"

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMessageBox;

namespace SupportDesk {

class DeskSession;

class MergeDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { Merge, Link };

    // `now`: the pane's clock, by which the customer's last 90 days are counted.
    MergeDialog(DeskSession *session, const Ticket &ticket, Purpose purpose, const QDateTime &now,
                QWidget *parent = nullptr);

    // The ticket picked (its id); empty while none is, or the one picked is refused.
    QString targetId() const;
    QLineEdit *filter() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    QString problemText() const;
    // The ticket ids listed, top to bottom (tests).
    QStringList ticketIds() const;
    // The question a merge asks before it is sent (null while none is open).
    QMessageBox *confirmation() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void refill();
    void check();
    // Enter, a double-click or the Merge / Link button: a link is made at once (it is undone
    // by Unlink); a merge asks first.
    void choose();

    DeskSession *m_session;
    Ticket m_ticket;
    Purpose m_purpose;
    QVector<Ticket> m_candidates;
    QLabel *m_intro = nullptr;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<QMessageBox> m_confirmation;
    // Why this ticket cannot be merged into any (not the agent's to merge, closed, merged):
    // said alone, with no picker (core's checkMergeable, as the server decides).
    bool m_mergeable = true;
};

} // namespace SupportDesk
