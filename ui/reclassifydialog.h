// Reclassifying a ticket's severity: each severity's definition and the seed's examples, the
// deadline the change would give (creation + the new severity's target), and the reason the
// change needs (OK stays disabled without one). The caller saves the edit.
#pragma once

#include "clock.h"
#include "domain.h"
#include "plancatalog.h"
#include "responseclock.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTextBrowser;

namespace SupportDesk {

class ReclassifyDialog : public QDialog
{
    Q_OBJECT

public:
    ReclassifyDialog(const PlanCatalog &plan, const Ticket &ticket, QWidget *parent = nullptr);

    QString severity() const; // the chosen severity id
    void setSeverity(const QString &severityId);
    QString reason() const;
    void setReason(const QString &reason);
    // Creation + the chosen severity's target; null when the edition has no target for it.
    QDateTime newDeadline() const;
    QString deadlineText() const; // what the preview shows
    // Where "now" comes from (the session's server clock in the pane); the system's by default.
    void setClock(const Clock *clock);
    // The team's at-risk share (the pane passes it), so the warning calls a deadline at risk
    // when the queue and the pane will.
    void setAtRiskFraction(double fraction);
    // Since when the customer has waited (waitingSince(), core/merge.h): the new target counts
    // from here, as the server will count it. The ticket's creation until set.
    void setWaitingSince(const QDateTime &since);
    // A warning when the new deadline is close (at risk, or 15 minutes away or less) or
    // already past, for a ticket not answered yet; empty otherwise.
    QString warningText() const;
    QString definitionText() const; // the chosen severity's definition and examples
    bool canAccept() const;
    QListWidget *severityList() const { return m_severities; }
    QPlainTextEdit *reasonEdit() const { return m_reason; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void update();

    PlanCatalog m_plan;
    Ticket m_ticket;
    QDateTime m_since;
    QLabel *m_current = nullptr;
    QLabel *m_severityLabel = nullptr;
    QListWidget *m_severities = nullptr;
    QTextBrowser *m_definition = nullptr;
    QLabel *m_deadline = nullptr;
    QLabel *m_warning = nullptr;
    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    double m_atRiskFraction = ResponseClock::DefaultAtRiskFraction;
    QLabel *m_reasonLabel = nullptr;
    QPlainTextEdit *m_reason = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace SupportDesk
