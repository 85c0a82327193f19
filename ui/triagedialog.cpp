// The lead's triage window (see triagedialog.h).
#include "triagedialog.h"

#include "attachmentrecord.h"
#include "desksession.h"
#include "plancatalog.h"
#include "planrules.h"
#include "quotaledger.h"
#include "ticketedits.h"
#include "timeformat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QVBoxLayout>

namespace SupportDesk {

TriageDialog::TriageDialog(DeskSession *session, TriageClient *triage, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_triage(triage)
{
    setObjectName(QStringLiteral("triageDialog"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("triageList"));
    // Each line whole where it can be (fitList), else cut with "…" and whole in its tooltip:
    // never a sideways scroll bar under a list of two-line items.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideRight);
    m_header = new QLabel;
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("triageText"));
    m_text->setReadOnly(true);
    m_files = new QLabel;
    m_files->setWordWrap(true);
    m_files->setTextFormat(Qt::PlainText);
    m_customerLabel = new QLabel;
    m_customer = new QComboBox;
    m_customer->setObjectName(QStringLiteral("triageCustomer"));
    m_customerLabel->setBuddy(m_customer);
    m_subClientLabel = new QLabel;
    m_subClient = new QComboBox;
    m_subClientLabel->setBuddy(m_subClient);
    m_register = new QCheckBox;
    m_register->setChecked(true);
    m_quota = new QLabel;
    m_quota->setWordWrap(true);
    m_quota->setTextFormat(Qt::PlainText);
    m_overrideLabel = new QLabel;
    m_override = new QLineEdit;
    m_override->setObjectName(QStringLiteral("triageOverrideReason"));
    m_overrideLabel->setBuddy(m_override);
    m_file = new QPushButton;
    m_file->setObjectName(QStringLiteral("triageFile"));
    m_spam = new QPushButton;
    m_noise = new QPushButton;
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_empty = new QLabel;

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_text, 1);
    rightLayout->addWidget(m_files);
    auto *form = new QFormLayout;
    form->addRow(m_customerLabel, m_customer);
    form->addRow(m_subClientLabel, m_subClient);
    form->addRow(QString(), m_quota);
    form->addRow(m_overrideLabel, m_override);
    form->addRow(QString(), m_register);
    rightLayout->addLayout(form);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_file);
    buttons->addStretch(1);
    buttons->addWidget(m_spam);
    buttons->addWidget(m_noise);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_result);
    auto *splitter = new QSplitter;
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_empty);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    resize(1000, 620);

    connect(m_list, &QListWidget::currentRowChanged, this, &TriageDialog::showCurrent);
    connect(m_customer, &QComboBox::currentIndexChanged, this, [this] {
        // A partner's ticket names a sub-client: its accounts to pick from.
        m_subClient->clear();
        // Chosen by the lead, never guessed: a partner's ticket without one is refused by
        // the plan, and the refusal says so.
        m_subClient->addItem(tr("Choose the sub-client…"), QString());
        const QString id = m_customer->currentData().toString();
        for (const Customer &c : m_session->cache()->customers()) {
            if (c.id != id)
                continue;
            for (const SubClient &s : c.subClients)
                m_subClient->addItem(
                    s.name.isEmpty() ? s.account : tr("%1 (%2)").arg(s.name, s.account),
                    s.account);
        }
        m_subClient->setVisible(m_subClient->count() > 1);
        m_subClientLabel->setVisible(m_subClient->count() > 1);
        checkQuota();
    });
    connect(m_override, &QLineEdit::textChanged, this, &TriageDialog::checkQuota);
    connect(m_file, &QPushButton::clicked, this, [this] {
        if (currentId().isEmpty() || m_customer->currentData().toString().isEmpty())
            return;
        m_result->setText(tr("Filing…"));
        m_triage->file(currentId(), m_customer->currentData().toString(),
                       m_subClient->currentData().toString(), m_register->isChecked(),
                       m_override->isHidden() ? QString() : m_override->text());
    });
    connect(m_spam, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            m_triage->discard(currentId(), QStringLiteral("spam"));
    });
    connect(m_noise, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty())
            m_triage->discard(currentId(), QStringLiteral("noise"));
    });
    connect(m_triage, &TriageClient::mailsChanged, this, &TriageDialog::fillList);
    // New mail, or another lead's decision: the list follows the count.
    connect(m_triage, &TriageClient::waitingChanged, m_triage, &TriageClient::reload);
    connect(m_triage, &TriageClient::decided, this, &TriageDialog::onDecided);
    fillCustomers();
    retranslateUi();
    fillList();
    m_triage->reload();
}

QString TriageDialog::currentId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void TriageDialog::fillCustomers()
{
    m_customer->clear();
    m_customer->addItem(tr("Choose the customer…"), QString());
    QVector<Customer> customers = m_session->cache()->customers();
    std::sort(customers.begin(), customers.end(),
              [](const Customer &a, const Customer &b) { return a.name < b.name; });
    for (const Customer &c : customers)
        m_customer->addItem(tr("%1 (%2)").arg(c.name, c.id), c.id);
}

void TriageDialog::fillList()
{
    const QString current = currentId();
    m_list->clear();
    for (const TriageItem &m : m_triage->mails()) {
        auto *item = new QListWidgetItem(
            tr("%1\n%2 · %3")
                .arg(m.subject.isEmpty() ? tr("(no subject)") : m.subject,
                     m.senderName.isEmpty() ? m.sender : m.senderName,
                     TimeFormat::dateTime(m.receivedAt)),
            m_list);
        item->setData(Qt::UserRole, m.id);
        if (m.id == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    m_empty->setVisible(m_list->count() == 0);
    fitList();
    showCurrent();
}

// The list as wide as its widest line (sender and received time, a subject), up to 45% of the
// window's default width: at its default 256 px it cut "Wu Lei · 2026/12/6 09:51" and scrolled
// sideways. A longer subject is cut with "…", whole in the item's tooltip.
void TriageDialog::fitList()
{
    const QFontMetrics metrics = m_list->fontMetrics();
    int widest = metrics.horizontalAdvance(m_empty->text());
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setToolTip(item->text());
        for (const QString &line : item->text().split(u'\n'))
            widest = std::max(widest, metrics.horizontalAdvance(line));
    }
    QStyle *style = m_list->style();
    const int margins = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_list) + 1)
            + 2 * m_list->frameWidth() + 2 * m_list->spacing() + 8
            + style->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_list);
    m_list->setMinimumWidth(std::min(widest + margins, 450));
}

void TriageDialog::showCurrent()
{
    const QString id = currentId();
    const TriageItem *mail = nullptr;
    for (const TriageItem &m : m_triage->mails())
        if (m.id == id)
            mail = &m;
    for (QWidget *w : std::initializer_list<QWidget *> { m_file, m_spam, m_noise, m_customer })
        w->setEnabled(mail);
    checkQuota();
    if (!mail) {
        m_header->clear();
        m_text->clear();
        m_files->clear();
        return;
    }
    const QString from = mail->senderName.isEmpty()
        ? mail->sender
        : tr("%1 <%2>").arg(mail->senderName, mail->sender);
    const QString why = mail->reason == u"unknown-sender"
        ? tr("the sender's address belongs to no customer")
        : tr("the plan's rules refused the ticket: %1").arg(ruleText(mail->reason));
    m_header->setText(tr("From: %1\nReceived: %2\nSubject: %3\nKept because %4.")
                          .arg(from, TimeFormat::dateTime(mail->receivedAt), mail->subject,
                               why));
    m_text->setPlainText(mail->truncated ? mail->text + QLatin1Char('\n') + tr("[…cut here]")
                                         : mail->text);
    QStringList files;
    for (const TriageFile &f : mail->files)
        files << tr("%1 (%2, %3)").arg(f.name, Attachments::formatSize(f.size),
                                       f.contentType);
    m_files->setText(files.isEmpty() ? tr("No attachments.")
                                     : tr("Attachments: %1").arg(files.join(tr("; "))));
    m_register->setText(tr("Register %1 for this customer: the next mail files itself")
                            .arg(mail->sender));
}

// The gateway keeps a rule's code and its arguments, space-separated (server/mailstore.cpp):
// worded as the New ticket form words the rule, in the desk's language, with the names of the
// plan that has the edition or channel named. The dialog said "(quota-exceeded 21 10)".
QString TriageDialog::ruleText(const QString &reason) const
{
    const QStringList words = reason.split(u' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return reason;
    const RuleCheck rule = RuleCheck::fail(words.first(), words.mid(1));
    const PlanCatalog *plan = nullptr;
    for (const PlanCatalog &p : m_session->catalogs().plans()) {
        for (const QString &arg : rule.args) {
            if (!plan && (p.edition(arg) || p.channel(arg)))
                plan = &p;
        }
    }
    const QString text = ruleWords(rule, plan);
    // A code this desk does not word: as the server kept it, rather than "a rule this version
    // does not know".
    const QString unknown = RuleCheck::fail(QStringLiteral("-")).message(nullptr,
                                                                         TicketEdits::language());
    if (text.isEmpty() || text == unknown)
        return reason;
    // Inside the header's sentence, which ends it ("Kept because …: <rule>.").
    QString inside = text;
    while (inside.endsWith(u'.') || inside.endsWith(u'\u3002'))
        inside.chop(1);
    return inside;
}

QString TriageDialog::refusalText(const TriageAnswer &a) const
{
    if (a.status == 0)
        return tr("The server could not be reached: %1").arg(a.message);
    if (a.code == u"already-decided")
        return tr("Another lead decided this mail already.");
    if (a.code == u"unknown-customer")
        return tr("The server does not know this customer.");
    // A plan rule: worded as the New ticket form words it, in the desk's language.
    const QString customerId = m_customer->currentData().toString();
    const PlanCatalog *plan = nullptr;
    for (const Customer &c : m_session->cache()->customers())
        if (c.id == customerId)
            plan = m_session->catalogs().plan(c.planId);
    const QString rule = ruleWords(RuleCheck::fail(a.code, a.args), plan);
    return rule.isEmpty() ? a.message : rule;
}

// The plan's words, as New ticket has them: this window takes an override reason too.
QString TriageDialog::ruleWords(const RuleCheck &rule, const PlanCatalog *plan) const
{
    return rule.message(plan, TicketEdits::language());
}

void TriageDialog::checkQuota()
{
    m_quota->clear();
    bool overQuota = false;
    QString refusal;
    const QString customerId = m_customer->currentData().toString();
    const QVector<Customer> customers = m_session->cache()->customers();
    const auto customer = std::find_if(customers.cbegin(), customers.cend(),
                                       [&customerId](const Customer &c) { return c.id == customerId; });
    if (customer != customers.cend()) {
        const PlanCatalog *plan = m_session->catalogs().plan(customer->planId);
        const QuotaUse use = QuotaLedger::of(m_session)->use(*customer,
                                                             m_session->clock()->now(), 1);
        if (use.limit)
            m_quota->setText(tr("%1 of %2 tickets this month").arg(use.used - 1).arg(*use.limit));
        // The server counts what this desk may not have yet: its refusal counts too.
        QStringList args { QString::number(use.used),
                           use.limit ? QString::number(*use.limit) : QString() };
        overQuota = use.overQuota();
        if (!overQuota && m_overQuotaByServer.first == customerId) {
            overQuota = true;
            args = m_overQuotaByServer.second;
        }
        const AgentRole by = m_session->me() ? m_session->me()->role : AgentRole::Lead;
        if (overQuota && !PlanRules::checkQuotaOverride(by, m_override->text()).allowed())
            refusal = RuleCheck::quotaReasonAsked(args);
    }
    m_overrideLabel->setVisible(overQuota);
    m_override->setVisible(overQuota);
    if (!refusal.isEmpty())
        m_quota->setText(refusal);
    m_quota->setVisible(!m_quota->text().isEmpty());
    // New ticket's rule: past the quota, nothing is filed without a reason.
    m_file->setEnabled(!currentId().isEmpty() && refusal.isEmpty());
}

void TriageDialog::onDecided(const QString &, const TriageAnswer &a)
{
    if (a.code == u"quota-exceeded") {
        m_overQuotaByServer = { m_customer->currentData().toString(), a.args };
        checkQuota();
        m_override->setFocus();
    }
    if (a.status == 200) {
        m_result->setText(a.ticketNumber > 0 ? tr("Filed as ticket #%1.").arg(a.ticketNumber)
                                             : tr("Discarded; the mail is kept."));
        return;
    }
    m_result->setText(tr("Not filed: %1").arg(refusalText(a)));
}

void TriageDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        fillList();
    }
    QDialog::changeEvent(event);
}

void TriageDialog::retranslateUi()
{
    setWindowTitle(tr("Triage: mail no ticket took"));
    m_list->setAccessibleName(tr("Mail waiting for triage"));
    m_text->setAccessibleName(tr("The mail's text"));
    m_customerLabel->setText(tr("&Customer:"));
    m_customer->setAccessibleName(tr("Customer to file the mail for"));
    if (m_customer->count() > 0)
        m_customer->setItemText(0, tr("Choose the customer…"));
    m_subClientLabel->setText(tr("Sub-&client:"));
    m_subClient->setAccessibleName(tr("Sub-client account"));
    m_register->setAccessibleName(tr("Register the sender for this customer"));
    //: as the New ticket form has it
    m_overrideLabel->setText(tr("&Reason to exceed the quota:"));
    m_file->setText(tr("&File for customer"));
    m_file->setAccessibleName(tr("File the mail as a ticket for the chosen customer"));
    m_spam->setText(tr("Discard as &spam"));
    m_spam->setAccessibleName(tr("Discard as spam"));
    m_noise->setText(tr("Discard as &noise"));
    m_noise->setAccessibleName(tr("Discard as noise"));
    m_empty->setText(tr("No mail waits for triage."));
    showCurrent();
}

TriageEntry::TriageEntry(DeskSession *session, QListWidget *queueList, QWidget *window)
    : QObject(window)
    , m_session(session)
    , m_list(queueList)
    , m_window(window)
    , m_client(new TriageClient(session, this))
    , m_item(new QListWidgetItem(queueList))
{
    m_item->setData(Qt::UserRole, -1);
    connect(m_client, &TriageClient::waitingChanged, this, &TriageEntry::retranslate);
    retranslate();
    m_client->refreshCount();
}

TriageEntry::~TriageEntry()
{
    delete m_dialog;
    if (m_list) // the window's own end takes the list, and its items, before this
        delete m_item;
}

bool TriageEntry::isEntry(const QListWidgetItem *item)
{
    return item && item->data(Qt::UserRole).toInt() < 0;
}

TriageDialog *TriageEntry::open()
{
    if (!m_dialog) {
        m_dialog = new TriageDialog(m_session, m_client, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

void TriageEntry::retranslate()
{
    const int n = m_client->waiting();
    //: queue list entry for leads: mail no ticket took, and how many wait (… until known)
    m_item->setText(n < 0 ? tr("Triage (…)") : tr("Triage (%1)").arg(n));
    m_item->setToolTip(tr("E-mail from unknown senders, or refused by the plan's rules, "
                          "waiting for a lead to file or discard it"));
}

} // namespace SupportDesk
