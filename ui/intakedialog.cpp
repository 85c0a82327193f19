#include "intakedialog.h"

#include "desksession.h"
#include "panecolors.h"
#include "quotaledger.h"
#include "responseclock.h"
#include "sendshortcut.h"
#include "softwarecompletion.h"
#include "ticketedits.h"
#include "timeformat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace SupportDesk {

IntakeDialog::IntakeDialog(DeskSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_clock(session->clock())
{
    m_customers = session->cache()->customers();
    std::sort(m_customers.begin(), m_customers.end(), [](const Customer &a, const Customer &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });

    auto *layout = new QHBoxLayout(this);
    // Left: the customer picker.
    auto *left = new QVBoxLayout;
    m_customerLabel = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_customerLabel->setBuddy(m_search);
    m_customerList = new QListWidget(this);
    m_customerInfo = new QLabel(this);
    m_customerInfo->setWordWrap(true);
    left->addWidget(m_customerLabel);
    left->addWidget(m_search);
    left->addWidget(m_customerList, 1);
    left->addWidget(m_customerInfo);
    layout->addLayout(left, 1);

    // Right: the case.
    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    m_channelLabel = new QLabel(this);
    m_channel = new QComboBox(this);
    m_channelLabel->setBuddy(m_channel);
    form->addRow(m_channelLabel, m_channel);
    m_severityLabel = new QLabel(this);
    m_severity = new QComboBox(this);
    m_severityLabel->setBuddy(m_severity);
    form->addRow(m_severityLabel, m_severity);
    m_examples = new QLabel(this);
    m_examples->setWordWrap(true);
    m_examples->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    PaneColors::setTone(m_examples, Tone::Muted);
    // The lines that change as the agent types sit in boxes of a fixed height, so no field
    // moves under the pointer (issue 13: a click landed on the wrong field).
    const auto fixedLines = [this](QLabel *label, int lines) {
        auto *box = new QScrollArea(this);
        box->setWidget(label);
        box->setWidgetResizable(true);
        box->setFrameShape(QFrame::NoFrame);
        box->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        box->setFixedHeight(label->fontMetrics().lineSpacing() * lines + 4);
        box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        return box;
    };
    m_examplesBox = fixedLines(m_examples, 5);
    form->addRow(QString(), m_examplesBox);
    m_subClientLabel = new QLabel(this);
    m_subClient = new QComboBox(this);
    m_subClient->setEditable(true);
    m_subClient->setInsertPolicy(QComboBox::NoInsert);
    m_subClientLabel->setBuddy(m_subClient);
    form->addRow(m_subClientLabel, m_subClient);
    m_subjectLabel = new QLabel(this);
    m_subject = new QLineEdit(this);
    m_subjectLabel->setBuddy(m_subject);
    form->addRow(m_subjectLabel, m_subject);
    m_bodyLabel = new QLabel(this);
    m_body = new QPlainTextEdit(this);
    m_bodyLabel->setBuddy(m_body);
    form->addRow(m_bodyLabel, m_body);
    m_softwareLabel = new QLabel(this);
    auto *softwareRow = new QHBoxLayout;
    m_software = new QComboBox(this);
    m_software->setEditable(true);
    m_software->setInsertPolicy(QComboBox::NoInsert);
    m_version = new QLineEdit(this);
    softwareRow->addWidget(m_software, 2);
    softwareRow->addWidget(m_version, 1);
    m_softwareLabel->setBuddy(m_software);
    SoftwareCompletion::completeNames(m_software);
    form->addRow(m_softwareLabel, softwareRow);
    m_quota = new QLabel(this);
    m_quota->setMinimumHeight(m_quota->fontMetrics().lineSpacing());
    form->addRow(QString(), m_quota);
    m_overrideLabel = new QLabel(this);
    m_override = new QLineEdit(this);
    m_overrideLabel->setBuddy(m_override);
    // Hidden until the quota is used up, but its room is kept (a box layout keeps the room of
    // a hidden widget that asks for it; the form's rows do not).
    const auto keepRoom = [this](QWidget *w) {
        QSizePolicy policy = w->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        w->setSizePolicy(policy);
        auto *box = new QWidget(this);
        auto *boxLayout = new QHBoxLayout(box);
        boxLayout->setContentsMargins(0, 0, 0, 0);
        boxLayout->addWidget(w);
        return box;
    };
    form->addRow(keepRoom(m_overrideLabel), keepRoom(m_override));
    right->addLayout(form, 1);
    m_rules = new QLabel(this);
    m_rules->setWordWrap(true);
    m_rules->setTextFormat(Qt::RichText);
    m_rules->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_rulesBox = fixedLines(m_rules, 5);
    right->addWidget(m_rulesBox);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    right->addWidget(m_buttons);
    layout->addLayout(right, 2);
    // Ctrl+Enter creates the ticket from any field, the description's too.
    addSendShortcut(this, m_buttons->button(QDialogButtonBox::Ok));
    m_channel->setObjectName(QStringLiteral("channel"));
    m_severity->setObjectName(QStringLiteral("severity"));
    m_subClient->setObjectName(QStringLiteral("subClient"));
    m_subject->setObjectName(QStringLiteral("subject"));
    m_body->setObjectName(QStringLiteral("body"));
    m_software->setObjectName(QStringLiteral("software"));
    m_version->setObjectName(QStringLiteral("softwareVersion"));
    m_override->setObjectName(QStringLiteral("overrideReason"));

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (create())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &IntakeDialog::fillCustomers);
    connect(m_customerList, &QListWidget::currentRowChanged, this, [this] {
        const QListWidgetItem *item = m_customerList->currentItem();
        if (item && item->data(Qt::UserRole).toString() != m_customerId) {
            m_customerId = item->data(Qt::UserRole).toString();
            customerChanged();
        }
    });
    connect(m_channel, &QComboBox::currentIndexChanged, this, &IntakeDialog::check);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &IntakeDialog::check);
    connect(m_subClient, &QComboBox::currentTextChanged, this, &IntakeDialog::check);
    connect(m_subject, &QLineEdit::textChanged, this, &IntakeDialog::check);
    connect(m_body, &QPlainTextEdit::textChanged, this, &IntakeDialog::check);
    connect(m_software, &QComboBox::currentTextChanged, this, &IntakeDialog::check);
    connect(m_version, &QLineEdit::textChanged, this, &IntakeDialog::check);
    connect(m_override, &QLineEdit::textChanged, this, &IntakeDialog::check);

    fillCustomers();
    retranslateUi();
    resize(900, 560);
}

void IntakeDialog::setClock(const Clock *clock)
{
    m_clock = clock ? clock : m_session->clock();
    check();
}

const PlanCatalog *IntakeDialog::plan() const
{
    const auto customer = currentCustomer();
    return customer ? m_session->catalogs().plan(customer->planId) : nullptr;
}

std::optional<Customer> IntakeDialog::currentCustomer() const
{
    for (const Customer &c : m_customers) {
        if (c.id == m_customerId)
            return c;
    }
    return std::nullopt;
}

void IntakeDialog::fillCustomers()
{
    const QStringList words = m_search->text().split(u' ', Qt::SkipEmptyParts);
    const QSignalBlocker block(m_customerList);
    m_customerList->clear();
    for (const Customer &c : std::as_const(m_customers)) {
        const bool match = std::all_of(words.begin(), words.end(), [&c](const QString &w) {
            if (c.name.contains(w, Qt::CaseInsensitive) || c.id.contains(w, Qt::CaseInsensitive))
                return true;
            return std::any_of(c.subClients.begin(), c.subClients.end(), [&w](const SubClient &s) {
                return s.account.contains(w, Qt::CaseInsensitive)
                    || s.name.contains(w, Qt::CaseInsensitive);
            });
        });
        if (!match)
            continue;
        auto *item = new QListWidgetItem(c.name.isEmpty() ? c.id : c.name, m_customerList);
        item->setData(Qt::UserRole, c.id);
        if (c.id == m_customerId)
            m_customerList->setCurrentItem(item);
    }
    // One match left: take it, as a search for a caller's name usually means.
    if (m_customerList->count() == 1 && m_customerId.isEmpty()) {
        m_customerList->setCurrentRow(0);
        m_customerId = m_customerList->item(0)->data(Qt::UserRole).toString();
        customerChanged();
    }
}

void IntakeDialog::setCustomerFilter(const QString &text)
{
    m_search->setText(text);
}

QStringList IntakeDialog::visibleCustomers() const
{
    QStringList ids;
    for (int i = 0; i < m_customerList->count(); ++i)
        ids << m_customerList->item(i)->data(Qt::UserRole).toString();
    return ids;
}

bool IntakeDialog::selectCustomer(const QString &customerId)
{
    if (!std::any_of(m_customers.begin(), m_customers.end(),
                     [&customerId](const Customer &c) { return c.id == customerId; }))
        return false;
    m_customerId = customerId;
    fillCustomers();
    customerChanged();
    return true;
}

QString IntakeDialog::customerId() const
{
    return m_customerId;
}

void IntakeDialog::customerChanged()
{
    const Language language = TicketEdits::language();
    const PlanCatalog *catalog = plan();
    const auto customer = currentCustomer();
    const QString channel = this->channel();
    const QString severity = this->severity();
    {
        const QSignalBlocker b1(m_channel);
        const QSignalBlocker b2(m_severity);
        const QSignalBlocker b3(m_subClient);
        const QSignalBlocker b4(m_software);
        m_channel->clear();
        m_severity->clear();
        m_subClient->clear();
        const QString software = m_software->currentText();
        m_software->clear();
        if (catalog) {
            for (const Channel &c : catalog->channels())
                m_channel->addItem(c.names.text(language), c.id);
            for (const Severity &s : catalog->severities()) {
                m_severity->addItem(s.names.text(language), s.id);
                // Each level's examples at hand while the list is open.
                m_severity->setItemData(m_severity->count() - 1,
                                        s.examples.items(language).join(u'\n'), Qt::ToolTipRole);
            }
            m_software->addItem(tr("(none)"), QString());
            for (const ThirdPartySoftware &s : catalog->thirdPartySoftware()) {
                if (s.products.size() <= 1) {
                    m_software->addItem(s.names.text(language), s.id);
                } else {
                    for (const SoftwareProduct &p : s.products)
                        m_software->addItem(
                            tr("%1 — %2").arg(s.names.text(language), p.names.text(language)),
                            p.id);
                }
            }
        }
        if (customer) {
            m_subClient->addItem(QString(), QString());
            for (const SubClient &s : customer->subClients)
                m_subClient->addItem(TicketEdits::subClientName(&*customer, s.account),
                                     s.account);
        }
        // Keep what the agent chose where the new plan has it; the ticket channel otherwise.
        int c = m_channel->findData(channel);
        if (c < 0)
            c = m_channel->findData(QStringLiteral("hotline"));
        m_channel->setCurrentIndex(std::max(0, c));
        // No severity until the agent picks one: the first in the list is the highest, and a
        // default there gave every hurried ticket the shortest target.
        m_severity->setCurrentIndex(m_severity->findData(severity));
        const int s = m_software->findText(software);
        m_software->setCurrentIndex(std::max(0, s));
    }
    if (customer && catalog) {
        const Edition *edition = catalog->edition(customer->editionId);
        m_customerInfo->setText(
            tr("%1 — %2").arg(catalog->names().text(language),
                              edition ? edition->names.text(language) : customer->editionId));
    } else {
        m_customerInfo->setText(
            customer ? tr("Plan \"%1\" is not in the catalogs.").arg(customer->planId) : QString());
    }
    const bool partner = catalog && catalog->subClientRequired();
    m_subClientLabel->setText(partner ? tr("Sub-&client (required):") : tr("Sub-&client:"));
    // Only a partner opens tickets for sub-clients: for any other customer the field was an
    // empty box to type into, and what was typed went with the ticket.
    m_subClient->setEnabled(partner);
    m_subClientLabel->setEnabled(partner);
    m_subClient->setToolTip(partner ? QString()
                                    : tr("Only a partner's ticket names a sub-client."));
    check();
}

void IntakeDialog::setChannel(const QString &channelId)
{
    m_channel->setCurrentIndex(m_channel->findData(channelId));
}

QString IntakeDialog::channel() const
{
    return m_channel->currentData().toString();
}

void IntakeDialog::setSeverity(const QString &severityId)
{
    m_severity->setCurrentIndex(m_severity->findData(severityId));
}

QString IntakeDialog::severity() const
{
    return m_severity->currentData().toString();
}

void IntakeDialog::setSubClient(const QString &account)
{
    const int index = m_subClient->findData(account);
    if (index >= 0)
        m_subClient->setCurrentIndex(index);
    else
        m_subClient->setEditText(account);
}

QString IntakeDialog::subClient() const
{
    if (!m_subClient->isEnabled())
        return {};
    const QString text = m_subClient->currentText().trimmed();
    const int index = m_subClient->currentIndex();
    if (index >= 0 && m_subClient->itemText(index) == m_subClient->currentText())
        return m_subClient->itemData(index).toString();
    const int match = m_subClient->findText(text, Qt::MatchFixedString);
    return match >= 0 ? m_subClient->itemData(match).toString() : text;
}

void IntakeDialog::setSubject(const QString &subject)
{
    m_subject->setText(subject);
}

void IntakeDialog::setBody(const QString &body)
{
    m_body->setPlainText(body);
}

void IntakeDialog::setSoftware(const QString &software, const QString &version)
{
    const int index = m_software->findData(software);
    if (index >= 0)
        m_software->setCurrentIndex(index);
    else
        m_software->setEditText(software);
    m_version->setText(version);
}

void IntakeDialog::setQuotaOverrideReason(const QString &reason)
{
    m_override->setText(reason);
}

QString IntakeDialog::quotaText() const
{
    return m_quota->text();
}

bool IntakeDialog::overrideReasonVisible() const
{
    return !m_override->isHidden();
}

QString IntakeDialog::severityExamplesText() const
{
    return m_examples->text();
}

QString IntakeDialog::errorText() const
{
    return m_error;
}

static QString softwareOf(const QComboBox *box)
{
    const QString text = box->currentText().trimmed();
    const int index = box->currentIndex();
    if (index >= 0 && box->itemText(index) == box->currentText())
        return box->itemData(index).toString();
    const int match = box->findText(text, Qt::MatchFixedString);
    return match >= 0 ? box->itemData(match).toString() : text;
}

void IntakeDialog::check()
{
    m_problems.clear();
    m_notes.clear();
    const Language language = TicketEdits::language();
    const auto customer = currentCustomer();
    const PlanCatalog *catalog = plan();

    // The chosen severity's definition and the seed's examples.
    const Severity *sev = catalog ? catalog->severity(severity()) : nullptr;
    if (sev) {
        QString text = sev->definitions.text(language);
        const QStringList examples = sev->examples.items(language);
        if (!examples.isEmpty())
            text += QLatin1Char('\n') + tr("Examples: %1").arg(examples.join(tr("; ")));
        const auto target
            = customer ? catalog->targetMinutes(customer->editionId, sev->id) : std::nullopt;
        if (target)
            text += QLatin1Char('\n') + tr("Response target: %1").arg(TimeFormat::target(*target));
        m_examples->setText(text);
    } else {
        m_examples->clear();
    }

    bool overQuota = false;
    m_quota->clear();
    if (!customer) {
        m_problems << tr("Pick the customer.");
    } else if (!catalog) {
        m_problems
            << tr("The customer's plan \"%1\" is not in the catalogs.").arg(customer->planId);
    } else {
        const PlanRules rules(*catalog);
        const RuleCheck channel = rules.checkChannel(customer->editionId, this->channel());
        if (!channel.allowed())
            m_problems << channel.message(catalog, language);
        if (catalog->subClientRequired()) {
            const QString account = subClient();
            RuleCheck sub = rules.checkSubClient(account);
            if (sub.allowed() && !customer->subClients.isEmpty()
                && std::none_of(customer->subClients.begin(), customer->subClients.end(),
                                [&account](const SubClient &s) { return s.account == account; }))
                sub = RuleCheck::fail(QStringLiteral("sub-client-required"), { account });
            if (!sub.allowed())
                m_problems << (account.isEmpty()
                                   ? sub.message(catalog, language)
                                   : tr("%1 is not one of this partner's sub-client accounts.")
                                         .arg(account));
        }
        const QuotaUse use = QuotaLedger::of(m_session)->use(*customer, m_clock->now(), 1);
        if (use.limit) {
            const int before = use.used - 1;
            m_quota->setText(tr("%1 of %2 tickets this month").arg(before).arg(*use.limit));
            overQuota = use.overQuota();
            // Before the session knows who signed in, as an agent: the server checks again.
            const AgentRole by = m_session->me() ? m_session->me()->role : AgentRole::Agent;
            const RuleCheck quota = rules.checkQuota(use, m_override->text(), by);
            if (!quota.allowed()) // the reason field is under the words
                m_problems << RuleCheck::quotaReasonAsked(quota.args);
            else if (overQuota)
                m_notes << tr("Over the quota: the ticket is taken with your reason and flagged "
                              "for the lead.");
        }
        const QString software = softwareOf(m_software);
        if (!software.isEmpty()) {
            const ScopeCheck scope = rules.checkSoftware(software, m_version->text());
            SoftwareCompletion::completeVersions(m_version, scope.product);
            if (!scope.check.allowed())
                //: %1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."
                m_notes << tr("Out of scope, so the ticket will be flagged: %1")
                               .arg(scope.check.message(catalog, language));
            else
                m_notes << tr("Third-party software in scope (advice only).");
        }
        const Edition *edition = catalog->edition(customer->editionId);
        if (!severity().isEmpty()
            && !rules.deadline(customer->editionId, severity(), m_clock->now()).isValid())
            m_problems
                << tr("%1 has no response target for this severity.")
                           .arg(edition ? edition->names.text(language) : customer->editionId);
    }
    if (customer && catalog && severity().isEmpty())
        m_problems << tr("Choose the severity the customer's situation calls for.");
    if (m_subject->text().trimmed().isEmpty())
        m_problems << tr("Give the case a subject.");
    m_overrideLabel->setVisible(overQuota);
    m_override->setVisible(overQuota);

    QString html;
    const QString error = PaneColors::tone(Tone::Error, m_rules->palette()).name();
    const QString muted = PaneColors::tone(Tone::Muted, m_rules->palette()).name();
    for (const QString &p : std::as_const(m_problems))
        html += QStringLiteral("<div style=\"color:%2\">✗ %1</div>").arg(p.toHtmlEscaped(), error);
    for (const QString &n : std::as_const(m_notes))
        html += QStringLiteral("<div style=\"color:%2\">• %1</div>").arg(n.toHtmlEscaped(), muted);
    m_rules->setText(html);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canCreate());
}

bool IntakeDialog::create()
{
    check();
    if (!canCreate()) {
        m_error = m_problems.join(u'\n');
        return false;
    }
    const Customer customer = *currentCustomer();
    const QDateTime now = m_clock->now();
    // The catalog's spelling and the version alone ("mysql 5.7.x" → MySQL, 5.7.x), as the
    // server keeps them.
    const SoftwareRef ref = plan()->findSoftware(softwareOf(m_software), m_version->text());
    const QString software = ref.isValid() ? ref.canonicalName() : softwareOf(m_software);
    const QString version = ref.isValid() ? ref.version.trimmed() : m_version->text().trimmed();
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = customer.id;
    edit.subClient = subClient();
    edit.subject = m_subject->text().trimmed();
    edit.body = m_body->toPlainText().trimmed();
    edit.channel = channel();
    edit.severity = severity();
    edit.software = software;
    edit.softwareVersion = software.isEmpty() ? QString() : version;
    edit.quotaOverrideReason = m_override->isHidden() ? QString() : m_override->text().trimmed();
    // Preview hints, for the cached copy until the server has the ticket: it sets these itself.
    edit.planId = customer.planId;
    edit.editionId = customer.editionId;
    edit.dueAt = ResponseClock::deadline(*plan(), customer.editionId, severity(), now);
    const Operation op = TicketEdits::create(edit, now);
    if (!m_session->saveEdit(op)) {
        m_error
            = tr("The new ticket could not be saved: %1").arg(m_session->cache()->errorString());
        return false;
    }
    m_error.clear();
    m_createdId = op.ticketId;
    // The corrected ticket is saved (durably, in the outbox): the refused one goes. Should
    // that fail, both stay and the agent discards the refused one by hand; nothing is lost.
    if (!m_refusedOpId.isEmpty()) {
        const QString refused = std::exchange(m_refusedOpId, QString());
        if (!m_session->drop(refused))
            m_error = tr("The refused ticket could not be discarded: %1")
                              .arg(m_session->cache()->errorString());
    }
    emit ticketCreated(op.ticketId);
    return true;
}

bool IntakeDialog::editRefused(const QString &opId)
{
    const std::optional<OutboxEntry> entry = m_session->cache()->outboxEntry(opId);
    if (!entry || entry->state != OutboxEntry::State::Rejected
        || entry->op.type != opTypeName(OpType::CreateTicket))
        return false;
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(entry->op, &problem);
    if (!edit || !selectCustomer(edit->customerId))
        return false;
    m_refusedOpId = opId;
    setSubClient(edit->subClient);
    setChannel(edit->channel);
    setSeverity(edit->severity);
    setSubject(edit->subject);
    setBody(edit->body);
    setSoftware(edit->software, edit->softwareVersion);
    setQuotaOverrideReason(edit->quotaOverrideReason);
    check();
    return true;
}

void IntakeDialog::retranslateUi()
{
    setWindowTitle(tr("New ticket"));
    m_customerLabel->setText(tr("C&ustomer:"));
    m_search->setPlaceholderText(tr("Search by name, id or sub-client"));
    m_channelLabel->setText(tr("C&hannel:"));
    m_severityLabel->setText(tr("Se&verity:"));
    m_severity->setPlaceholderText(tr("Choose…"));
    m_subjectLabel->setText(tr("S&ubject:"));
    m_bodyLabel->setText(tr("&Description:"));
    m_softwareLabel->setText(tr("Third-party &software:"));
    m_version->setPlaceholderText(tr("version"));
    //: the new-ticket form's field beside the third-party software's name
    m_version->setAccessibleName(tr("Software version"));
    m_customerList->setAccessibleName(tr("Customers"));
    // The boxes scroll their lines, so Tab stops at them: each says what it holds.
    m_examplesBox->setAccessibleName(tr("Examples of the chosen severity"));
    m_rulesBox->setAccessibleName(tr("What the customer's plan allows"));
    m_overrideLabel->setText(tr("&Reason to exceed the quota:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Create ticket"));
    // Catalog names follow the language; the choices stay.
    const QString channel = this->channel();
    const QString severity = this->severity();
    const QString software = softwareOf(m_software);
    const QString subClient = this->subClient();
    customerChanged();
    setChannel(channel);
    setSeverity(severity);
    setSubClient(subClient);
    const int index = m_software->findData(software);
    if (index >= 0)
        m_software->setCurrentIndex(index);
    else
        m_software->setEditText(software);
}

void IntakeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace SupportDesk
