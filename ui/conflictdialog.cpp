#include "conflictdialog.h"

#include "desksession.h"
#include "panecolors.h"
#include "planrules.h"
#include "recordnames.h"
#include "ticketedits.h"
#include "timeformat.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace SupportDesk {

ConflictDialog::ConflictDialog(DeskSession *session, const QString &opId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_opId(opId)
{
    if (const auto e = session->cache()->outboxEntry(opId);
        e && e->state == OutboxEntry::State::Conflict)
        m_entry = e;
    if (m_entry)
        m_local = session->cache()->ticket(m_entry->op.ticketId);

    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    auto *grid = new QGridLayout;
    m_localTitle = new QLabel(this);
    m_localView = new QTextBrowser(this);
    m_serverTitle = new QLabel(this);
    m_serverView = new QTextBrowser(this);
    grid->addWidget(m_localTitle, 0, 0);
    grid->addWidget(m_localView, 1, 0);
    grid->addWidget(m_serverTitle, 0, 1);
    grid->addWidget(m_serverView, 1, 1);
    layout->addLayout(grid, 1);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    PaneColors::setTone(m_error, Tone::Error);
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(this);
    m_reapply = buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_drop = buttons->addButton(QString(), QDialogButtonBox::DestructiveRole);
    m_later = buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    connect(m_reapply, &QPushButton::clicked, this, &ConflictDialog::reapply);
    connect(m_drop, &QPushButton::clicked, this, &ConflictDialog::drop);
    connect(m_later, &QPushButton::clicked, this, &QDialog::reject);
    m_reapply->setEnabled(bool(m_entry));
    m_drop->setEnabled(bool(m_entry));
    layout->addWidget(buttons);
    retranslateUi();
    resize(720, 420);
}

QString ConflictDialog::introText() const
{
    return m_intro->text();
}

QString ConflictDialog::localText() const
{
    return m_localView->toPlainText();
}

QString ConflictDialog::serverText() const
{
    return m_serverView->toPlainText();
}

bool ConflictDialog::reapply()
{
    if (!m_entry || !m_session->reapply(m_opId)) {
        m_error->setText(
            tr("Could not re-apply the edit: %1").arg(m_session->cache()->errorString()));
        return false;
    }
    accept();
    return true;
}

bool ConflictDialog::drop()
{
    if (!m_entry || !m_session->drop(m_opId)) {
        m_error->setText(tr("Could not drop the edit: %1").arg(m_session->cache()->errorString()));
        return false;
    }
    accept();
    return true;
}

QString ConflictDialog::describeOp(const Operation &op) const
{
    // Core's one codec reads the op, the desk's one wording says it (TicketEdits::describe).
    QStringList lines;
    lines << tr("Your %1, made %2")
                 .arg(TicketEdits::editName(op.type), TimeFormat::dateTime(op.madeAt));
    const QString what = TicketEdits::describe(op, TicketEdits::references(m_session, op.ticketId));
    lines << what;
    // The whole of a reply or a note, as written, when its line is cut short.
    QString problem;
    if (const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
        edit && !edit->body.trimmed().isEmpty() && !what.endsWith(edit->body.trimmed()))
        lines << edit->body;
    lines << tr("Made on version %1.").arg(op.baseVersion);
    return lines.join(u'\n');
}

QString ConflictDialog::describeTicket(const Ticket &t) const
{
    const Language language = TicketEdits::language();
    const PlanCatalog *plan = m_session->catalogs().plan(t.planId);
    const Severity *severity = plan ? plan->severity(t.severity) : nullptr;
    QString assignee = t.assigneeId;
    for (const Agent &a : m_session->cache()->agents()) {
        if (a.id == t.assigneeId)
            assignee = TicketEdits::agentName(a);
    }
    QStringList lines;
    lines
        << tr("Version %1, changed %2").arg(t.version).arg(TimeFormat::dateTime(t.updatedAt));
    lines << tr("Status: %1").arg(statusName(t.status));
    lines << tr("Severity: %1").arg(severity ? severity->names.text(language) : t.severity);
    lines << tr("Assignee: %1").arg(assignee.isEmpty() ? tr("nobody") : assignee);
    lines << tr("Due: %1").arg(TimeFormat::dateTime(t.dueAt));
    lines << (t.firstResponseAt.isValid()
                  ? tr("First response: %1").arg(TimeFormat::dateTime(t.firstResponseAt))
                  : tr("No response yet"));
    if (!t.software.isEmpty())
        lines << tr("Third-party software: %1 %2").arg(t.software, t.softwareVersion);
    return lines.join(u'\n');
}

void ConflictDialog::retranslateUi()
{
    setWindowTitle(tr("Edit conflict"));
    m_reapply->setText(tr("&Re-apply my edit"));
    m_drop->setText(tr("&Drop my edit"));
    m_later->setText(tr("Decide &later"));
    m_localTitle->setText(tr("Your change"));
    m_serverTitle->setText(tr("The ticket on the server now"));
    // Read-only views a user tabs into: named as their titles, for a screen reader.
    m_localView->setAccessibleName(m_localTitle->text());
    m_localView->setAccessibleDescription(tr("The edit you made, not yet applied"));
    m_serverView->setAccessibleName(m_serverTitle->text());
    m_serverView->setAccessibleDescription(
            tr("The ticket as someone else left it: your edit is re-applied on top of this"));
    if (!m_entry) {
        m_intro->setText(tr("There is no conflicting edit %1 in the outbox any more.").arg(m_opId));
        m_localView->clear();
        m_serverView->clear();
        return;
    }
    // The ticket by its number and subject ("#102 “Payments down”").
    const QString ticket = !m_local ? m_entry->op.ticketId
            : m_local->number > 0
            //: %1 a ticket's number, %2 its subject
            ? tr("#%1 “%2”").arg(m_local->number).arg(m_local->subject)
            : TicketEdits::ticketName(*m_local);
    m_intro->setText(tr("Someone changed %1 on the server before your edit reached it. "
                        "Re-apply your edit on top of their change, or drop it.")
                             .arg(ticket));
    QString local = describeOp(m_entry->op);
    if (m_entry->serverTicket) {
        // What re-applying would meet on their version, decided as the server decides it.
        const RuleCheck refusal
                = m_session->cache()->previewRefusal(m_entry->op, m_entry->serverTicket);
        if (!refusal.allowed())
            local += u'\n'
                    + tr("On their version the server would refuse it: %1")
                              .arg(refusal.message(
                                      m_session->catalogs().plan(m_entry->serverTicket->planId),
                                      TicketEdits::language()));
    }
    m_localView->setPlainText(local);
    m_serverView->setPlainText(m_entry->serverTicket
                                   ? describeTicket(*m_entry->serverTicket)
                                   : tr("The server did not send its version of the ticket."));
}

void ConflictDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace SupportDesk
