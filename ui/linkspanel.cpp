// The ticket pane's links (see linkspanel.h).
#include "linkspanel.h"

#include "desksession.h"
#include "recordnames.h"
#include "ticketcache.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

namespace SupportDesk {

namespace {

enum Role { IdRole = Qt::UserRole, LinkedRole };

} // namespace

LinksPanel::LinksPanel(DeskSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("links"));
    m_banner = new QLabel(parent);
    m_banner->setObjectName(QStringLiteral("mergedBanner"));
    m_banner->setTextFormat(Qt::RichText);
    m_banner->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                      | Qt::LinksAccessibleByKeyboard);
    m_banner->hide();
    connect(m_banner, &QLabel::linkActivated, this, &LinksPanel::openTicket);

    // The buttons beside the list, not under it: the tabs get two lines under a long
    // entitlements card at 1280 × 800, and a row under the list was cut there.
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("linkedTickets"));
    layout->addWidget(m_list, 1);
    m_link = new QPushButton(this);
    m_link->setObjectName(QStringLiteral("linkTicket"));
    m_unlink = new QPushButton(this);
    m_unlink->setObjectName(QStringLiteral("unlinkTicket"));
    layout->addWidget(m_link, 0, Qt::AlignTop);
    layout->addWidget(m_unlink, 0, Qt::AlignTop);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit openTicket(item->data(IdRole).toString());
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit openTicket(item->data(IdRole).toString());
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        m_unlink->setEnabled(item && item->data(LinkedRole).toBool());
    });
    connect(m_link, &QPushButton::clicked, this, &LinksPanel::linkRequested);
    connect(m_unlink, &QPushButton::clicked, this, [this] {
        if (const QListWidgetItem *item = m_list->currentItem();
            item && item->data(LinkedRole).toBool())
            emit unlinkRequested(item->data(IdRole).toString());
    });
    refresh();
}

void LinksPanel::showTicket(const Ticket &ticket)
{
    m_ticket = ticket;
    refresh();
}

void LinksPanel::clear()
{
    m_ticket.reset();
    refresh();
}

int LinksPanel::count() const
{
    return m_list->count();
}

QStringList LinksPanel::ticketIds() const
{
    QStringList ids;
    for (int i = 0; i < m_list->count(); ++i)
        ids.append(m_list->item(i)->data(IdRole).toString());
    return ids;
}

void LinksPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void LinksPanel::refresh()
{
    // Alt+K is Ticket → Link…, which works from the whole window (a mnemonic here worked only
    // while this tab showed); the tooltip names it.
    m_link->setText(tr("Link…"));
    m_link->setAccessibleName(tr("Link a related ticket"));
    //: %1 the key, Alt+K
    m_link->setToolTip(tr("Link a related ticket (%1)")
                               .arg(QKeySequence(Qt::ALT | Qt::Key_K)
                                            .toString(QKeySequence::NativeText)));
    m_unlink->setText(tr("Unlink"));
    m_unlink->setAccessibleName(tr("Unlink the selected ticket"));
    m_list->setAccessibleName(tr("Linked and merged tickets"));
    m_banner->setAccessibleName(tr("Merged into another ticket"));
    m_list->clear();
    m_link->setEnabled(bool(m_ticket));
    m_unlink->setEnabled(false);
    const bool merged = m_ticket && !m_ticket->mergedInto.isEmpty();
    m_banner->setVisible(merged);
    if (merged) {
        //: over a merged duplicate's conversation; %1 the ticket it went into, a link
        m_banner->setText(tr("Merged into %1").arg(
                QStringLiteral("<a href=\"%1\">#%2</a>")
                        .arg(m_ticket->mergedInto.toHtmlEscaped())
                        .arg(m_ticket->mergedIntoNumber)));
    }
    if (!m_ticket)
        return;
    const auto add = [this](const QString &id, bool linked) {
        const std::optional<Ticket> t = m_session->cache()->ticket(id);
        // Status in words (never colour alone); a ticket the cache lacks is still listed.
        const QString text = t
                //: a linked ticket: number, subject, status
                ? tr("#%1  %2 — %3").arg(t->number).arg(t->subject, statusName(t->status))
                : tr("A ticket not in this desk's cache (%1)").arg(id);
        auto *item = new QListWidgetItem(
                linked ? text
                       //: a duplicate merged into the ticket shown
                       : tr("Merged here: %1").arg(text),
                m_list);
        item->setData(IdRole, id);
        item->setData(LinkedRole, linked);
    };
    for (const QString &id : std::as_const(m_ticket->mergedFrom))
        add(id, false);
    for (const QString &id : std::as_const(m_ticket->links))
        add(id, true);
}

} // namespace SupportDesk
