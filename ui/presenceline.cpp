// Collision in the ticket pane (see presenceline.h).
#include "presenceline.h"

#include "desksession.h"
#include "recordnames.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace SupportDesk {

using Presence::State;

void connectPresence(DeskSession *session, Presence::Board *board, Presence::Reporter *reporter)
{
    if (const auto me = session->me())
        board->setSelf(me->id);
    QObject::connect(session, &DeskSession::signedIn, board,
                     [board](const Agent &me) { board->setSelf(me.id); });
    QObject::connect(session, &DeskSession::streamMessage, board,
                     [board](const QJsonObject &message) {
                         if (const auto event = Presence::decodeEvent(message))
                             board->apply(*event);
                     });
    // A new connection (perhaps to another server process) knows nothing of this desk, and
    // what the board holds may be stale: the server sends who is where on connecting.
    QObject::connect(session, &DeskSession::streamConnected, board, [board, reporter] {
        board->clear();
        reporter->repeat();
    });
    QObject::connect(session, &DeskSession::streamLost, board, &Presence::Board::clear);
    QObject::connect(reporter, &Presence::Reporter::report, session,
                     &DeskSession::sendOnStream);
}

PresenceLine::PresenceLine(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("presenceLine"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    QFont f = font();
    f.setItalic(true);
    setFont(f);
    hide();
}

void PresenceLine::setBoard(const Presence::Board *board)
{
    if (m_board)
        m_board->disconnect(this);
    m_board = board;
    if (board)
        connect(board, &Presence::Board::changed, this, [this](const QStringList &ids) {
            if (ids.contains(m_ticketId))
                refresh();
        });
    refresh();
}

void PresenceLine::setTicket(const QString &ticketId)
{
    m_ticketId = ticketId;
    refresh();
}

QString PresenceLine::describe(const QVector<Presence::Board::Person> &people)
{
    QStringList parts;
    for (const Presence::Board::Person &p : people) {
        parts.append(p.state == State::Typing
                         //: the ticket pane, over the composer: another agent (%1) is writing a
                         //: reply to this ticket right now
                         ? tr("✎ %1 is typing…").arg(p.name)
                         //: the ticket pane: another agent (%1) has this ticket open
                         : tr("● %1 is viewing").arg(p.name));
    }
    //: between the agents on a ticket: "Emma is viewing · Li Na is typing…"
    return parts.join(tr(" · "));
}

void PresenceLine::refresh()
{
    const QString text = m_board && !m_ticketId.isEmpty()
        ? describe(m_board->others(m_ticketId))
        : QString();
    setText(text);
    //: accessible name of the line saying which other agents have the ticket open
    setAccessibleName(tr("Other agents on this ticket"));
    setAccessibleDescription(text);
    setVisible(!text.isEmpty());
}

void PresenceLine::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QLabel::changeEvent(event);
}

ReplyBasis ReplyBasis::of(const Ticket &ticket, const QVector<Message> &messages)
{
    ReplyBasis b;
    b.status = ticket.status;
    b.assigneeId = ticket.assigneeId;
    b.version = ticket.version;
    for (const Message &m : messages)
        b.messageIds.insert(m.id);
    return b;
}

QStringList ReplyBasis::changes(const Ticket &now, const QVector<Message> &messages,
                                const QString &me,
                                const std::function<QString(const QString &)> &name) const
{
    QStringList out;
    if (now.status != status)
        //: what changed on a ticket since the agent started writing a reply
        out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                               "Status: %1 → %2")
                       .arg(statusName(status), statusName(now.status)));
    if (now.assigneeId != assigneeId) {
        const auto who = [&name](const QString &id) {
            return id.isEmpty()
                //: nobody has the ticket
                ? QCoreApplication::translate("SupportDesk::ChangedTicketDialog", "nobody")
                : name(id);
        };
        out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                               "Assignee: %1 → %2")
                       .arg(who(assigneeId), who(now.assigneeId)));
    }
    for (const Message &m : messages) {
        if (messageIds.contains(m.id) || (!me.isEmpty() && m.authorId == me))
            continue;
        QString body = m.body.simplified();
        if (body.size() > 120)
            body = body.left(119) + u'…';
        const QString author = m.authorId.isEmpty() ? QString() : name(m.authorId);
        if (m.kind == MessageKind::Internal)
            //: a new internal note since the agent started writing: author, the note's start
            out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                                   "New note from %1: %2")
                           .arg(author, body));
        else if (m.kind == MessageKind::System)
            //: a new event on the ticket (accepted, reassigned…) since the agent started
            out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                                   "New event: %1")
                           .arg(body));
        else if (author.isEmpty())
            //: a new message from the customer since the agent started writing
            out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                                   "New message from the customer: %1")
                           .arg(body));
        else
            //: a new public reply by another agent (%1) since the agent started writing
            out.append(QCoreApplication::translate("SupportDesk::ChangedTicketDialog",
                                                   "New reply from %1: %2")
                           .arg(author, body));
    }
    return out;
}

ChangedTicketDialog::ChangedTicketDialog(const QStringList &changes, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("changedTicketDialog"));
    setWindowTitle(tr("The ticket changed"));
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QStringList lines;
    for (const QString &c : changes)
        lines.append(QStringLiteral("• ") + c);
    m_text->setText(tr("This ticket changed since you started writing your reply:") + u'\n'
                    + lines.join(u'\n') + u'\n' + tr("Send the reply anyway?"));
    m_text->setAccessibleName(tr("What changed"));
    layout->addWidget(m_text);
    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("Send anyway"), QDialogButtonBox::AcceptRole);
    m_hold = buttons->addButton(tr("Don't send, let me read"), QDialogButtonBox::RejectRole);
    m_send->setAccessibleName(m_send->text());
    m_hold->setAccessibleName(m_hold->text());
    // Reading first is the safe choice: Enter does not send past the changes.
    m_hold->setDefault(true);
    m_hold->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 60);
}

QString ChangedTicketDialog::text() const
{
    return m_text->text();
}

} // namespace SupportDesk
