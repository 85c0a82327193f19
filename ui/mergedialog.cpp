// The ticket picker of merge and link (see mergedialog.h).
#include "mergedialog.h"

#include "customerhistory.h"
#include "desksession.h"
#include "merge.h"
#include "pickkeys.h"
#include "planrules.h"
#include "recordnames.h"
#include "ticketcache.h"
#include "ticketedits.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QHash>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace SupportDesk {

namespace {

constexpr int MaxFound = 50; // a link's search results listed besides the customer's tickets
constexpr int SubjectShown = 48; // characters of a subject in the merge's question

QString shortSubject(const QString &subject)
{
    return subject.size() <= SubjectShown ? subject : subject.left(SubjectShown - 1) + u'…';
}

} // namespace

MergeDialog::MergeDialog(DeskSession *session, const Ticket &ticket, Purpose purpose,
                         const QDateTime &now, QWidget *parent)
    : QDialog(parent), m_session(session), m_ticket(ticket), m_purpose(purpose)
{
    setObjectName(purpose == Purpose::Merge ? QStringLiteral("mergeDialog")
                                            : QStringLiteral("linkDialog"));
    // Not the agent's to merge (or merged, closed, a target itself): said at once, no picker
    // to search and pick in for nothing (core's rule, as the server's).
    if (purpose == Purpose::Merge)
        m_mergeable = checkMergeable(ticket, session->me().value_or(Agent())).allowed();
    auto *layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_intro->setVisible(m_mergeable);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("ticketFilter"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("ticketChoices"));
    layout->addWidget(m_list, 1);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("mergeProblem"));
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    // Enter in the field or the list is taken here (choose(): a merge asks first), not passed
    // on to the dialog, whose button box makes Merge the default button when shown.
    m_buttons->button(QDialogButtonBox::Ok)->setAutoDefault(false);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &MergeDialog::choose);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &MergeDialog::refill);
    connect(m_list, &QListWidget::currentRowChanged, this, &MergeDialog::check);
    connect(m_list, &QListWidget::itemActivated, this, &MergeDialog::choose);
    m_filter->installEventFilter(this);
    m_list->installEventFilter(this);
    setFocusProxy(m_filter);

    m_filter->setVisible(m_mergeable);
    m_list->setVisible(m_mergeable);
    m_buttons->button(QDialogButtonBox::Ok)->setVisible(m_mergeable);
    if (!m_mergeable)
        setFocusProxy(m_buttons->button(QDialogButtonBox::Cancel));

    // The customer's tickets (the index, no SQLite scan), each read once from the cache;
    // none when there is nothing to pick.
    const QVector<CustomerHistory::Item> items = m_mergeable
            ? CustomerHistory::collect(session, ticket.customerId, ticket.id, now)
            : QVector<CustomerHistory::Item>();
    for (const CustomerHistory::Item &item : items) {
        const std::optional<Ticket> t = session->cache()->ticket(item.id);
        if (!t)
            continue;
        // A merge goes into an open ticket of the same end customer; closed ones would only
        // be refused.
        if (purpose == Purpose::Merge
            && (!TicketStatus::isOpen(t->status) || t->subClient != ticket.subClient
                || !t->mergedInto.isEmpty()))
            continue;
        m_candidates.append(*t);
    }
    retranslateUi();
    refill();
    if (m_mergeable)
        resize(560, 420);
    else
        adjustSize();
}

QString MergeDialog::targetId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item || !m_problem->text().isEmpty())
        return {};
    return item->data(Qt::UserRole).toString();
}

QMessageBox *MergeDialog::confirmation() const
{
    return m_confirmation;
}

QString MergeDialog::problemText() const
{
    return m_problem->text();
}

QStringList MergeDialog::ticketIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i)
        ids.append(m_list->item(i)->data(Qt::UserRole).toString());
    return ids;
}

void MergeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refill();
    }
    QDialog::changeEvent(event);
}

bool MergeDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (PickKeys::forwardToList(watched, m_filter, m_list, event))
        return true;
    if ((watched == m_filter || watched == m_list) && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            choose();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void MergeDialog::choose()
{
    const QString id = targetId();
    if (id.isEmpty() || m_confirmation)
        return;
    if (m_purpose == Purpose::Link) {
        accept();
        return;
    }
    const std::optional<Ticket> target = m_session->cache()->ticket(id);
    if (!target)
        return;
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Merge #%1 into #%2?").arg(m_ticket.number).arg(target->number),
                                //: the question before a merge; %1 and %3 ticket numbers, %2
                                //: and %4 their subjects
                                tr("Merge #%1 “%2” into #%3 “%4”? #%1 will be closed and its "
                                   "customer told.")
                                        .arg(m_ticket.number)
                                        .arg(shortSubject(m_ticket.subject))
                                        .arg(target->number)
                                        .arg(shortSubject(target->subject)),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("mergeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *merge = box->addButton(tr("&Merge"), QMessageBox::AcceptRole);
    merge->setObjectName(QStringLiteral("confirmMerge"));
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setText(tr("Cancel"));
    // Cancel is what Enter and Esc do: the merge is one deliberate choice.
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    connect(box, &QMessageBox::finished, this, [this, box, merge] {
        if (box->clickedButton() == merge && !targetId().isEmpty())
            accept();
    });
    m_confirmation = box;
    box->open();
}

void MergeDialog::retranslateUi()
{
    const bool merge = m_purpose == Purpose::Merge;
    setWindowTitle(merge ? tr("Merge #%1 into…").arg(m_ticket.number)
                         : tr("Link #%1 to…").arg(m_ticket.number));
    m_intro->setText(
            merge ? tr("Pick the ticket of the same customer that #%1 duplicates. Its messages "
                       "and files move there, it is closed, and the customer is told.")
                            .arg(m_ticket.number)
                  : tr("Pick a related ticket, of any customer, by number or subject."));
    m_filter->setPlaceholderText(tr("Number or subject"));
    m_filter->setAccessibleName(tr("Find a ticket by number or subject"));
    m_list->setAccessibleName(merge ? tr("Tickets to merge into") : tr("Tickets to link"));
    m_problem->setAccessibleName(tr("Why this ticket cannot be picked"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(merge ? tr("&Merge") : tr("&Link"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(m_mergeable ? tr("Cancel") : tr("Close"));
}

void MergeDialog::refill()
{
    const QString text = m_filter->text().trimmed();
    QString digits = text;
    if (digits.startsWith(u'#'))
        digits.remove(0, 1);
    bool isNumber = false;
    digits.toLongLong(&isNumber);
    QVector<Ticket> shown;
    for (const Ticket &t : std::as_const(m_candidates)) {
        if (text.isEmpty() || (isNumber && QString::number(t.number).startsWith(digits))
            || t.subject.contains(text, Qt::CaseInsensitive))
            shown.append(t);
    }
    // The ticket whose number was typed whole first, then those it begins.
    if (isNumber)
        std::stable_partition(shown.begin(), shown.end(), [&digits](const Ticket &t) {
            return QString::number(t.number) == digits;
        });
    // A link may name any ticket: the desk's search (subject, body, customer) finds others.
    if (m_purpose == Purpose::Link && !text.isEmpty() && !isNumber) {
        for (const QString &id : m_session->cache()->searchTickets(text, MaxFound)) {
            if (id == m_ticket.id
                || std::any_of(shown.cbegin(), shown.cend(),
                               [&id](const Ticket &t) { return t.id == id; }))
                continue;
            if (const std::optional<Ticket> t = m_session->cache()->ticket(id))
                shown.append(*t);
        }
    }
    const QString current = m_list->currentItem()
            ? m_list->currentItem()->data(Qt::UserRole).toString()
            : QString();
    m_list->clear();
    // A link may name another customer's ticket: its line names the customer, else one
    // subject of many alike ("咨询：如何配置跨地域 VPC 对等连接") told nothing of whose it was.
    // A merge stays within the customer.
    QHash<QString, QString> customers;
    const auto customerName = [this, &customers](const QString &id) {
        auto it = customers.find(id);
        if (it == customers.end()) {
            const std::optional<Customer> c = m_session->cache()->customer(id);
            it = customers.insert(id, c ? c->name : id);
        }
        return *it;
    };
    for (const Ticket &t : std::as_const(shown)) {
        QString text;
        if (m_purpose == Purpose::Link) {
            //: a ticket in the link picker: number, subject, customer, status
            text = tr("#%1  %2 — %3 — %4")
                           .arg(t.number)
                           .arg(t.subject, customerName(t.customerId), statusName(t.status));
        } else {
            //: a ticket in the merge picker: number, subject, status
            text = tr("#%1  %2 — %3").arg(t.number).arg(t.subject, statusName(t.status));
        }
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, t.id);
        if (t.id == current)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->count() > 0)
        m_list->setCurrentRow(0);
    check();
}

void MergeDialog::check()
{
    QString problem;
    const QListWidgetItem *item = m_list->currentItem();
    if (!m_mergeable) {
        problem = checkMergeable(m_ticket, m_session->me().value_or(Agent()))
                          .message(nullptr, TicketEdits::language());
    } else if (item && m_purpose == Purpose::Merge) {
        // The rule the server applies, said before the op is sent (the cache's view of both).
        const std::optional<Ticket> target
                = m_session->cache()->ticket(item->data(Qt::UserRole).toString());
        const std::optional<Agent> me = m_session->me();
        if (target) {
            const RuleCheck rule = checkMerge(m_ticket, *target, me.value_or(Agent()));
            if (!rule.allowed())
                problem = rule.message(nullptr, TicketEdits::language());
        }
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(item && problem.isEmpty());
}

} // namespace SupportDesk
