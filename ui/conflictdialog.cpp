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
    const QVector<OutboxEntry> entries = session->cache()->outbox();
    for (const OutboxEntry &e : entries) {
        if (e.op.opId == opId && e.state == OutboxEntry::State::Conflict)
            m_entry = e;
    }
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
    const Language language = TicketEdits::language();
    const PlanCatalog *plan = m_local ? m_session->catalogs().plan(m_local->planId) : nullptr;
    const auto str
        = [&op](const char *key) { return op.payload.value(QLatin1String(key)).toString(); };
    QStringList lines;
    lines << tr("Your %1, made %2")
                 .arg(TicketEdits::editName(op.type),
                      TimeFormat::dateTime(op.madeAt));
    if (op.type == u"reply" || op.type == u"note") {
        lines << str("body");
    } else if (op.type == u"assign") {
        QString name = str("assignee_id");
        for (const Agent &a : m_session->cache()->agents()) {
            if (a.id == name)
                name = TicketEdits::agentName(a);
        }
        lines << (name.isEmpty() ? tr("Unassign") : tr("Assign to %1").arg(name));
    } else if (op.type == u"set-status") {
        lines << tr("Status: %1").arg(statusName(str("status")));
    } else if (op.type == u"reclassify") {
        const Severity *s = plan ? plan->severity(str("severity")) : nullptr;
        lines << tr("Severity: %1").arg(s ? s->names.text(language) : str("severity"));
        lines << tr("Reason: %1").arg(str("reason"));
    } else if (op.type == u"set-software") {
        lines << tr("Third-party software: %1 %2").arg(str("software"), str("software_version"));
    } else if (op.type == u"quota-override") {
        lines << tr("Reason: %1").arg(str("reason"));
    } else if (op.type == u"add-tag") {
        lines << tr("Add the tag %1").arg(str("tag"));
    } else if (op.type == u"remove-tag") {
        lines << tr("Remove the tag %1").arg(str("tag"));
    }
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
    const QString subject = m_local ? m_local->subject : m_entry->op.ticketId;
    m_intro->setText(tr("Someone changed \"%1\" on the server before your edit reached it. "
                        "Re-apply your edit on top of their change, or drop it.")
                         .arg(subject));
    m_localView->setPlainText(describeOp(m_entry->op));
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
