#include "reclassifydialog.h"

#include "panecolors.h"
#include "planrules.h"
#include "responseclock.h"
#include "sendshortcut.h"
#include "ticketedits.h"
#include "timeformat.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimeZone>
#include <QVBoxLayout>

namespace SupportDesk {

ReclassifyDialog::ReclassifyDialog(const PlanCatalog &plan, const Ticket &ticket, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
    , m_ticket(ticket)
{
    auto *layout = new QVBoxLayout(this);
    m_current = new QLabel(this);
    m_current->setWordWrap(true);
    layout->addWidget(m_current);
    auto *grid = new QGridLayout;
    m_severityLabel = new QLabel(this);
    m_severities = new QListWidget(this);
    m_severityLabel->setBuddy(m_severities);
    for (const Severity &s : m_plan.severities()) {
        auto *item = new QListWidgetItem(m_severities);
        item->setData(Qt::UserRole, s.id);
    }
    m_definition = new QTextBrowser(this);
    grid->addWidget(m_severityLabel, 0, 0);
    grid->addWidget(m_severities, 1, 0);
    grid->addWidget(m_definition, 0, 1, 2, 1);
    grid->setColumnStretch(1, 2);
    layout->addLayout(grid, 1);
    m_deadline = new QLabel(this);
    m_deadline->setWordWrap(true);
    layout->addWidget(m_deadline);
    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    QFont bold; // only the weight: the size stays the system's
    bold.setBold(true);
    m_warning->setFont(bold);
    PaneColors::setTone(m_warning, Tone::Warning);
    m_warning->hide();
    layout->addWidget(m_warning);
    m_reasonLabel = new QLabel(this);
    m_reason = new QPlainTextEdit(this);
    m_reason->setMaximumHeight(80);
    m_reasonLabel->setBuddy(m_reason);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    PaneColors::setTone(m_problem, Tone::Error);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canAccept())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter starts a new line of the reason; Ctrl+Enter saves, as in the other forms.
    addSendShortcut(this, m_buttons->button(QDialogButtonBox::Ok));
    connect(m_severities, &QListWidget::currentRowChanged, this, &ReclassifyDialog::update);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &ReclassifyDialog::update);

    // Start on the next lower severity: the usual reason to reclassify is a case filed too high.
    const int rank = m_plan.severityRank(ticket.severity);
    setSeverity(rank >= 0 && rank + 1 < m_plan.severities().size()
                    ? m_plan.severities().at(rank + 1).id
                    : ticket.severity);
    retranslateUi();
    resize(640, 480);
}

QString ReclassifyDialog::severity() const
{
    const QListWidgetItem *item = m_severities->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ReclassifyDialog::setSeverity(const QString &severityId)
{
    for (int i = 0; i < m_severities->count(); ++i) {
        if (m_severities->item(i)->data(Qt::UserRole).toString() == severityId)
            m_severities->setCurrentRow(i);
    }
}

QString ReclassifyDialog::reason() const
{
    return m_reason->toPlainText().trimmed();
}

void ReclassifyDialog::setReason(const QString &reason)
{
    m_reason->setPlainText(reason);
}

QDateTime ReclassifyDialog::newDeadline() const
{
    return ResponseClock::deadline(m_plan, m_ticket.editionId, severity(),
                                   m_since.isValid() ? m_since : m_ticket.createdAt);
}

void ReclassifyDialog::setWaitingSince(const QDateTime &since)
{
    m_since = since;
    update();
}

QString ReclassifyDialog::deadlineText() const
{
    return m_deadline->text();
}

void ReclassifyDialog::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &m_systemClock;
    update();
}

void ReclassifyDialog::setAtRiskFraction(double fraction)
{
    m_atRiskFraction = fraction;
    update();
}

QString ReclassifyDialog::warningText() const
{
    return m_warning->isHidden() ? QString() : m_warning->text();
}

QString ReclassifyDialog::definitionText() const
{
    return m_definition->toPlainText();
}

bool ReclassifyDialog::canAccept() const
{
    const RuleCheck check = PlanRules(m_plan).reclassify(
        m_ticket.editionId, m_ticket.createdAt, m_ticket.severity, severity(), reason(),
        m_clock->now(), QString(), nullptr);
    return check.allowed() && newDeadline().isValid();
}

void ReclassifyDialog::retranslateUi()
{
    setWindowTitle(tr("Reclassify severity"));
    //: the list of severities to choose from when reclassifying
    m_severities->setAccessibleName(tr("New severity"));
    m_definition->setAccessibleName(tr("What the chosen severity means, with examples"));
    const Language language = TicketEdits::language();
    for (int i = 0; i < m_severities->count(); ++i) {
        QListWidgetItem *item = m_severities->item(i);
        const QString id = item->data(Qt::UserRole).toString();
        const Severity *s = m_plan.severity(id);
        const auto target = m_plan.targetMinutes(m_ticket.editionId, id);
        item->setText(target
                          ? tr("%1 (%2)").arg(s->names.text(language), TimeFormat::target(*target))
                          : s->names.text(language));
    }
    const Severity *current = m_plan.severity(m_ticket.severity);
    m_current->setText(tr("Now: %1, due %2.")
                           .arg(current ? current->names.text(language) : m_ticket.severity,
                                TimeFormat::dateTime(m_ticket.dueAt)));
    m_severityLabel->setText(tr("New &severity:"));
    m_reasonLabel->setText(tr("&Reason (required, kept in the ticket's history):"));
    m_reason->setPlaceholderText(
        tr("Why the severity changes, e.g. the business is running again"));
    update();
}

void ReclassifyDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ReclassifyDialog::update()
{
    const Language language = TicketEdits::language();
    const QString id = severity();
    const Severity *s = m_plan.severity(id);
    QString html;
    // Every severity, the chosen one first, so the agent can compare them.
    QVector<const Severity *> order;
    if (s)
        order.append(s);
    for (const Severity &other : m_plan.severities()) {
        if (&other != s)
            order.append(&other);
    }
    for (const Severity *each : std::as_const(order)) {
        html += QStringLiteral("<h3>%1</h3>").arg(each->names.text(language).toHtmlEscaped());
        html += QStringLiteral("<p>%1</p>").arg(each->definitions.text(language).toHtmlEscaped());
        const QStringList examples = each->examples.items(language);
        if (!examples.isEmpty()) {
            html += QStringLiteral("<p><i>%1</i></p><ul>").arg(tr("Examples:").toHtmlEscaped());
            for (const QString &e : examples)
                html += QStringLiteral("<li>%1</li>").arg(e.toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
    }
    m_definition->setHtml(html);

    const QDateTime deadline = newDeadline();
    if (!deadline.isValid()) {
        m_deadline->setText(tr("This edition has no response target for that severity."));
    } else {
        const auto target = m_plan.targetMinutes(m_ticket.editionId, id);
        m_deadline->setText(tr("New deadline: %1 (opened %2 + %3); now due %4.")
                                .arg(TimeFormat::dateTime(deadline),
                                     TimeFormat::dateTime(m_since.isValid() ? m_since
                                                                            : m_ticket.createdAt),
                                     TimeFormat::target(target.value_or(0)),
                                     TimeFormat::dateTime(m_ticket.dueAt)));
    }
    // The countdown the change would give, while the response clock still runs.
    QString warning;
    if (deadline.isValid() && !m_ticket.firstResponseAt.isValid() && id != m_ticket.severity) {
        const SlaStatus after = ResponseClock::status(
            ResponseTimes { m_ticket.createdAt, deadline, QDateTime() }, m_clock->now(),
            m_atRiskFraction);
        if (after.state == SlaState::Breached)
            //: %1 e.g. "overdue 5 min"
            warning = tr("The new deadline has already passed (%1): the ticket counts as "
                         "breached as soon as the change is saved.")
                          .arg(TimeFormat::countdownWords(after));
        else if (after.state == SlaState::AtRisk || after.secondsLeft <= 15 * 60)
            //: %1 e.g. "12 min left"
            warning = tr("The new deadline is close: %1.").arg(TimeFormat::countdownWords(after));
    }
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());

    QString problem;
    if (id == m_ticket.severity)
        problem
            = RuleCheck::fail(QStringLiteral("same-severity"), { id }).message(&m_plan, language);
    else if (reason().isEmpty())
        problem = RuleCheck::fail(QStringLiteral("reason-required")).message(&m_plan, language);
    m_problem->setText(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

} // namespace SupportDesk
