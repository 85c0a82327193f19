// An edit the server could not apply because someone changed the ticket first: the local
// change beside the server's current ticket, and the agent's choice — re-apply the edit on the
// server's version (DeskSession::reapply) or drop it (DeskSession::drop).
#pragma once

#include "ticketcache.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace SupportDesk {

class DeskSession;

class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    ConflictDialog(DeskSession *session, const QString &opId, QWidget *parent = nullptr);

    QString opId() const { return m_opId; }
    bool hasConflict() const { return m_entry.has_value(); }
    QString introText() const; // the ticket and what happened, as shown
    QString localText() const; // the local change, as shown
    QString serverText() const; // the server's ticket, as shown
    QPushButton *reapplyButton() const { return m_reapply; }
    QPushButton *dropButton() const { return m_drop; }

public slots:
    // Each closes the dialog (accepted) when the session took the answer.
    bool reapply();
    bool drop();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    QString describeOp(const Operation &op) const;
    QString describeTicket(const Ticket &t) const;

    DeskSession *m_session;
    QString m_opId;
    std::optional<OutboxEntry> m_entry;
    std::optional<Ticket> m_local;
    QLabel *m_intro = nullptr;
    QLabel *m_localTitle = nullptr;
    QTextBrowser *m_localView = nullptr;
    QLabel *m_serverTitle = nullptr;
    QTextBrowser *m_serverView = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_reapply = nullptr;
    QPushButton *m_drop = nullptr;
    QPushButton *m_later = nullptr;
};

} // namespace SupportDesk
