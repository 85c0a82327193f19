// The customer's history in the ticket pane (see customerhistory.h).
#include "customerhistory.h"

#include "desksession.h"
#include "planrules.h"
#include "quotaledger.h"
#include "recordnames.h"
#include "serviceusedialog.h"
#include "ticketedits.h"
#include "ticketindex.h"
#include "timeformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace SupportDesk {

namespace {
constexpr int ServiceUseRole = Qt::UserRole + 1; // a record's id, on its line
} // namespace

QVector<CustomerHistory::Item> CustomerHistory::collect(DeskSession *session,
                                                        const QString &customerId,
                                                        const QString &exceptId,
                                                        const QDateTime &now, int *more)
{
    if (more)
        *more = 0;
    QVector<Item> items;
    TicketIndex *index = session->index();
    index->ensureLoaded();
    const quint32 customer = index->codeOf(customerId);
    if (customerId.isEmpty() || customer == TicketIndex::NoWord)
        return items;
    // The index's codes first (no SQLite read, ~1 ms a million tickets), then the rows of
    // just these tickets for their subjects.
    const qint64 since = now.addDays(-ClosedDays).toMSecsSinceEpoch();
    QStringList ids;
    for (qsizetype at = 0; at < index->size(); ++at) {
        const TicketIndex::Entry &e = index->entryAt(at);
        if (e.customer != customer || (!index->isOpenAt(at) && e.createdMs < since))
            continue;
        const QString id = index->idAt(at);
        if (id != exceptId)
            ids.append(id);
    }
    for (const QString &id : std::as_const(ids)) {
        const std::optional<TicketFacts> f = index->fact(id);
        if (!f)
            continue;
        Item item;
        item.id = f->id;
        item.number = f->number;
        item.status = f->status;
        item.severity = f->severity;
        item.planId = f->planId;
        item.createdAt = f->createdAt;
        item.dueAt = f->dueAt;
        item.open = f->isOpen();
        items.append(item);
    }
    std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
        if (a.open != b.open)
            return a.open;
        if (a.open && a.dueAt.isValid() != b.dueAt.isValid())
            return a.dueAt.isValid();
        if (a.open && a.dueAt != b.dueAt)
            return a.dueAt < b.dueAt;
        if (a.createdAt != b.createdAt)
            return a.createdAt > b.createdAt;
        return a.id < b.id;
    });
    if (items.size() > MaxShown) {
        if (more)
            *more = int(items.size() - MaxShown);
        items.resize(MaxShown);
    }
    // Subjects from the cache, in one statement for the tickets shown.
    QStringList shown;
    for (const Item &item : std::as_const(items))
        shown.append(item.id);
    const QueueRows rows = session->cache()->loadTicketRows(shown);
    QHash<QString, QString> subjects;
    for (const TicketRow &row : rows.rows)
        subjects.insert(row.id(), row.subject());
    for (Item &item : items)
        item.subject = subjects.value(item.id);
    return items;
}

CustomerHistory::CustomerHistory(DeskSession *session, QWidget *parent)
    : WrappingBox(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("customerHistory"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("customerHistorySummary"));
    m_summary->setTextFormat(Qt::PlainText);
    // Whole, wrapped at the pane's width: elided, the quota, IEM days and training sessions
    // lost their ends ("IEM: 0 of 8 days used…") and the training line. Its words never set
    // the pane's width.
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_summary->setWordWrap(true); // after the policy, which would drop its height-for-width
    m_summary->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // The lead's button beside the summary, not on a row of its own: the list keeps its room.
    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_summary, 1);
    m_record = new QPushButton(this);
    m_record->setObjectName(QStringLiteral("recordServiceUse"));
    connect(m_record, &QPushButton::clicked, this, [this] { openServiceUseForm(); });
    top->addWidget(m_record, 0, Qt::AlignTop);
    layout->addLayout(top);
    connect(session, &DeskSession::serviceUseChanged, this, [this] {
        if (m_ticket)
            refresh();
    });
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("customerHistoryList"));
    // Tickets take two lines, a service-use record or a heading one.
    m_list->setUniformItemSizes(false);
    m_list->setAlternatingRowColors(true); // where one two-line entry ends and the next begins
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    // Elided at the pane's edge (the tooltip has the subject), not scrolled sideways.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_list, 1);
    fitList();
    // One click opens, as does Enter (activated); the arrows only move.
    const auto open = [this](QListWidgetItem *item) {
        // A record of IEM or training: a lead corrects or cancels it (Enter, or a click).
        const QString record = item ? item->data(ServiceUseRole).toString() : QString();
        if (!record.isEmpty() && m_record->isVisible()) {
            QMetaObject::invokeMethod(
                    this, [this, record] { openServiceUseForm(record); }, Qt::QueuedConnection);
            return;
        }
        const QString id = item ? item->data(Qt::UserRole).toString() : QString();
        // From the event loop: the ticket opened fills this list anew, which must not happen
        // under the list's own click handling.
        if (!id.isEmpty())
            QMetaObject::invokeMethod(
                this, [this, id] { emit openTicket(id); }, Qt::QueuedConnection);
    };
    connect(m_list, &QListWidget::itemClicked, this, open);
    connect(m_list, &QListWidget::itemActivated, this, open);
    refresh();
}

void CustomerHistory::show(const Ticket &ticket, const std::optional<Customer> &customer,
                           const QDateTime &now)
{
    m_ticket = ticket;
    m_customer = customer;
    m_now = now;
    refresh();
}

void CustomerHistory::clear()
{
    m_ticket.reset();
    m_customer.reset();
    refresh();
}

QString CustomerHistory::summaryText() const
{
    return m_summaryLines.join(u'\n');
}

QStringList CustomerHistory::ticketIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString id = m_list->item(i)->data(Qt::UserRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

QStringList CustomerHistory::serviceUseIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString id = m_list->item(i)->data(ServiceUseRole).toString();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

void CustomerHistory::openServiceUseForm(const QString &id)
{
    if (!m_customer)
        return;
    std::optional<ServiceUse> editing;
    if (!id.isEmpty()) {
        for (const ServiceUse &u : m_session->serviceUse(m_customer->id)) {
            if (u.id == id && !u.cancelled)
                editing = u;
        }
        if (!editing)
            return; // a cancelled record stays as it was
    }
    // On the history's clock (the pane's): the year the form counts is the one it shows.
    ServiceUseDialog dialog(m_session, *m_customer, m_now, editing, this);
    dialog.exec();
}

QString CustomerHistory::itemText(const Item &item) const
{
    const PlanCatalog *plan = m_session->catalogs().plan(item.planId);
    const Severity *severity = plan ? plan->severity(item.severity) : nullptr;
    const QString severityName
        = severity ? severity->names.text(TicketEdits::language()) : item.severity;
    const QString number = item.number > 0 ? QStringLiteral("#%1").arg(item.number)
                                           //: a ticket the server has not numbered yet
                                           : tr("(not yet numbered)");
    // Two lines: the number and subject, cut at the pane's edge (whole in the tooltip), over
    // when it was opened, its status and severity, short enough to show whole. On one line
    // the subject came last and was always cut at the pane's usual width; first, it cut the
    // date the "last 90 days" are told by (audit 11, D9). Each line is elided on its own.
    //: an entry of the customer's history, two lines: number and subject; when it was opened,
    //: status, severity
    return tr("%1 · %2\nopened %3 · %4 · %5")
        .arg(number, item.subject, TimeFormat::timeOrDate(item.createdAt, m_now),
             statusName(item.status), severityName);
}

void CustomerHistory::refresh()
{
    //: a lead's button in the customer history: record an IEM engagement or training session
    m_record->setText(tr("Record IEM or training…"));
    m_record->setAccessibleName(tr("Record IEM or training"));
    m_list->clear();
    m_count = 0;
    //: accessible name of the list of the customer's other tickets
    m_list->setAccessibleName(tr("The customer's other tickets"));
    m_list->setAccessibleDescription(
        tr("Open tickets first, then those opened in the last %n days; Enter opens one.", "",
           ClosedDays));
    if (!m_ticket) {
        m_record->hide();
        m_summaryLines.clear();
        fitSummary();
        return;
    }
    const Language language = TicketEdits::language();
    // Two lines, so the list below keeps its room in a short pane: the month and the tickets,
    // then what the plan grants.
    const QString dot = QStringLiteral(" · ");
    QStringList month;
    const PlanCatalog *plan = m_session->catalogs().plan(m_ticket->planId);
    const Edition *edition = plan ? plan->edition(m_ticket->editionId) : nullptr;
    if (m_customer && edition) {
        QuotaLedger *ledger = QuotaLedger::of(m_session);
        if (edition->monthlyQuota) {
            const QuotaUse use = ledger->use(*m_customer, m_now);
            month << tr("Quota this month: %1 of %2 tickets used").arg(use.used).arg(*use.limit)
                    + (use.overQuota() ? tr(" (over the quota)") : QString());
        } else {
            //: the customer's plan has no monthly ticket quota; %1 tickets opened this month
            month << tr("Tickets this month: %1 (no monthly quota)")
                             .arg(ledger->openedInMonth(*m_customer, m_now));
        }
    }
    int more = 0;
    const QVector<Item> items
        = collect(m_session, m_ticket->customerId, m_ticket->id, m_now, &more);
    m_count = int(items.size());
    const int open = int(std::count_if(items.cbegin(), items.cend(),
                                       [](const Item &i) { return i.open; }));
    if (items.isEmpty())
        month << tr("no other open tickets, none opened in the last %n days", "", ClosedDays);
    else
        month << tr("%n other open ticket(s)", "", open)
                + tr(", %n more opened in the last %1 days", "", m_count - open)
                      .arg(ClosedDays);
    // What the plan grants of IEM and training, and how much of it this year used.
    QStringList grants;
    QVector<ServiceUse> records;
    if (edition && plan && m_customer) {
        for (const QString &kind : { ServiceKind::Iem, ServiceKind::Training }) {
            const QString used = ServiceUseText::used(
                    *plan, edition->id, kind,
                    ServiceUseText::thisYear(m_session, *m_customer, kind, m_now), language);
            if (!used.isEmpty())
                grants << used;
        }
        records = m_session->serviceUse(m_customer->id);
    }
    QStringList lines { month.join(dot) };
    if (!grants.isEmpty())
        lines << grants.join(dot);
    m_summaryLines = lines;
    fitSummary();
    for (const Item &item : items) {
        auto *row = new QListWidgetItem(itemText(item), m_list);
        row->setData(Qt::UserRole, item.id);
        row->setToolTip(item.subject);
        if (!item.open) {
            // Told by text (the status) and by the greyed font, not by colour alone.
            QFont f = row->font();
            f.setItalic(true);
            row->setFont(f);
        }
    }
    if (more > 0) {
        auto *row = new QListWidgetItem(tr("… and %n more", "", more), m_list);
        row->setFlags(Qt::NoItemFlags);
    }
    fitList();
    // The records under the tickets, newest first, each in words (flags too).
    const bool lead = m_session->me() && recordsServiceUse(m_session->me()->role);
    m_record->setVisible(lead && !grants.isEmpty());
    if (!records.isEmpty() && plan) {
        //: heading over the customer's IEM engagements and training sessions in the history
        auto *heading = new QListWidgetItem(tr("IEM and training delivered:"), m_list);
        heading->setFlags(Qt::NoItemFlags);
        for (auto it = records.crbegin(); it != records.crend(); ++it) {
            auto *row = new QListWidgetItem(ServiceUseText::record(*it, *plan, language), m_list);
            row->setData(ServiceUseRole, it->id);
            row->setToolTip(row->text());
            if (it->cancelled) {
                QFont f = row->font();
                f.setStrikeOut(true);
                row->setFont(f);
            }
        }
    }
}

void CustomerHistory::fitSummary()
{
    const QString whole = summaryText();
    m_summary->setText(whole);
    m_summary->setVisible(!whole.isEmpty());
    //: accessible name of the lines over the customer's tickets (quota, grants)
    m_summary->setAccessibleName(tr("The customer's month and entitlements"));
    m_summary->setAccessibleDescription(whole);
}

void CustomerHistory::fitList()
{
    // Five lines at least, of the font in use (a summary at its width over three or four rows
    // left the list one or two at 1.5 times the font): two tickets and a half, each on two
    // lines; the rest of the tab's height too.
    const int rowHeight = m_list->fontMetrics().height() + 2;
    m_list->setMinimumHeight(5 * rowHeight + 2 * m_list->frameWidth());
}

void CustomerHistory::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    if (event->type() == QEvent::FontChange)
        fitList();
    WrappingBox::changeEvent(event);
}

} // namespace SupportDesk
