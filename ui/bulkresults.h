// The outcome of a bulk action, ticket by ticket: what was done, what waits for the server and
// why any ticket was left out or refused, in the desk's language (docs/bulk.md).
#pragma once

#include "bulk.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QTableView;

namespace SupportDesk {

class DeskSession;
class BulkResultsModel;

class BulkResultsDialog : public QDialog
{
    Q_OBJECT

public:
    BulkResultsDialog(DeskSession *session, BulkRun *run, QWidget *parent = nullptr);

    BulkRun *run() const { return m_run; }
    // A row a ticket, read from the run when painted (a QTableWidget's three items a row
    // were made and worded for every ticket of Select all at once: 150,000 at a million).
    QTableView *table() const { return m_table; }
    QString summaryText() const;
    // What the run does, named: "Applied macro “Investigating” to 3 tickets" (the title and
    // the summary's start; two runs read alike before).
    QString actionText() const;
    // A ticket's result in words, as its row shows it.
    QString resultText(int index) const;
    // `action` words "already so" for what it is (a tag the ticket has already).
    static QString stateText(const BulkRun::Item &item, const BulkAction &action,
                             const DeskSession *session);

signals:
    void openTicket(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateSummary();
    void retranslateUi();

    DeskSession *m_session;
    BulkRun *m_run;
    QLabel *m_summary = nullptr;
    BulkResultsModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QTimer m_summaryTimer;
    QString m_assigneeName; // an Assign run's account, named once
};

} // namespace SupportDesk
