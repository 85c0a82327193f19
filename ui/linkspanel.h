// The ticket pane's links (docs/merge.md): "Merged into #N" over the conversation of a merged
// duplicate (a link that opens the target), and the Links tab: the duplicates merged into this
// ticket and its related tickets, each with its status, one click (or Enter) opening it.
#pragma once

#include "domain.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace SupportDesk {

class DeskSession;

class LinksPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LinksPanel(DeskSession *session, QWidget *parent = nullptr);

    // The line over the conversation; the pane places it (hidden unless merged).
    QLabel *banner() const { return m_banner; }
    QListWidget *list() const { return m_list; }
    QPushButton *linkButton() const { return m_link; }
    QPushButton *unlinkButton() const { return m_unlink; }
    void showTicket(const Ticket &ticket);
    void clear();
    int count() const; // linked and merged-in tickets listed
    QStringList ticketIds() const; // top to bottom (tests)

signals:
    void openTicket(const QString &ticketId);
    void linkRequested();
    void unlinkRequested(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    DeskSession *m_session;
    std::optional<Ticket> m_ticket;
    QLabel *m_banner = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_link = nullptr;
    QPushButton *m_unlink = nullptr;
};

} // namespace SupportDesk
