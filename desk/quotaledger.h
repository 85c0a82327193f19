// A partner's use of its monthly quota, counted from the session's TicketIndex, so a ticket
// pane or the intake dialog can count it without reading the queue on every click. A view:
// no ticket rows of its own, no SQLite read per change (the index follows the changes).
#pragma once

#include "domain.h"
#include "leadboard.h"
#include "planrules.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace SupportDesk {

class DeskSession;
class TicketCache;
class TicketIndex;

// Which closed tickets were merged into another (TicketFacts::merged), which the queue rows
// the index is made of do not carry: the ones not known yet are read from the index's cache
// in one statement (TicketCache::mergedAmong) and kept — closed is final and a closed ticket
// cannot be merged, so the answer holds until the ticket changes (a preview the server
// refused) or the index is read again. The quota ledger, the lead board's quota row and its
// attainment ask here.
class MergedTickets
{
public:
    // Forgets what the index says changed; `context` owns this (the connections' lifetime).
    MergedTickets(TicketIndex *index, QObject *context);
    // Of `ids` (closed tickets), those merged away; one not in the cache (yet) is not, and
    // is asked again next time.
    QSet<QString> among(const QStringList &ids);
    // Sets TicketFacts::merged on the closed ones of `facts`.
    void mark(QVector<TicketFacts> *facts);

private:
    TicketIndex *m_index;
    QHash<QString, bool> m_known;
};

class QuotaLedger : public QObject
{
    Q_OBJECT

public:
    // The session's ledger (a child of the session).
    static QuotaLedger *of(DeskSession *session);

    // The customer's use of its quota in the month around `at`, counting `extra` tickets more
    // (1: the one being taken in). Unlimited (no limit) when the customer's edition has none.
    QuotaUse use(const Customer &customer, const QDateTime &at, int extra = 0);
    // The tickets the customer opened in the quota's month around `at` (the customer's time
    // zone), whatever their edition and whether or not they count toward a quota: what the
    // desk says beside a plan without one ("Tickets this month"). `use().used` is not that:
    // it counts only tickets of editions with a quota, less merged duplicates.
    int openedInMonth(const Customer &customer, const QDateTime &at);

private:
    explicit QuotaLedger(DeskSession *session);

    DeskSession *m_session;
    MergedTickets m_merged;
};

} // namespace SupportDesk
