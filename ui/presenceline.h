// Collision in the ticket pane (docs/collision.md): the line "Emma is viewing · 李娜 is
// typing…" over the composer, and the check before a reply goes onto a ticket that changed
// since the agent started writing it.
#pragma once

#include "domain.h"
#include "presence.h"

#include <QDialog>
#include <QLabel>
#include <QPointer>
#include <QSet>

#include <functional>

class QLabel;
class QPushButton;

namespace SupportDesk {

class DeskSession;

// Connects collision's board and reporter to the session's stream: events heard go on the
// board (the agent's own desks left out), reports go out, and both start over when the
// stream reconnects.
void connectPresence(DeskSession *session, Presence::Board *board, Presence::Reporter *reporter);

// Who else is on the shown ticket, in words; hidden when nobody is. The state is said in
// words and with a mark (✎ typing, ● viewing), never by colour alone.
class PresenceLine : public QLabel
{
    Q_OBJECT

public:
    explicit PresenceLine(QWidget *parent = nullptr);
    void setBoard(const Presence::Board *board);
    void setTicket(const QString &ticketId);
    // What the line says for these people (empty for nobody), in the current translation.
    static QString describe(const QVector<Presence::Board::Person> &people);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QPointer<const Presence::Board> m_board;
    QString m_ticketId;
};

// The ticket as it was when the agent started writing a reply: what a send compares with.
struct ReplyBasis
{
    QString status;
    QString assigneeId;
    qint64 version = 0;
    QSet<QString> messageIds;

    static ReplyBasis of(const Ticket &ticket, const QVector<Message> &messages);
    // What changed since, in words, one line each: the status, the assignee, and the messages
    // others added (`me`'s own are not news). `name` gives an agent's name from an id.
    QStringList changes(const Ticket &now, const QVector<Message> &messages, const QString &me,
                        const std::function<QString(const QString &)> &name) const;
};

// "The ticket changed since you started writing": what changed, then Send anyway or Don't send.
class ChangedTicketDialog : public QDialog
{
    Q_OBJECT

public:
    ChangedTicketDialog(const QStringList &changes, QWidget *parent = nullptr);
    QString text() const;
    QPushButton *sendButton() const { return m_send; }
    QPushButton *holdButton() const { return m_hold; }

private:
    QLabel *m_text = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_hold = nullptr;
};

} // namespace SupportDesk
