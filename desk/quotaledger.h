// A partner's use of its monthly quota, counted from the session's TicketIndex, so a ticket
// pane or the intake dialog can count it without reading the queue on every click. A view:
// no ticket rows of its own, no SQLite read per change (the index follows the changes).
#pragma once

#include "domain.h"
#include "leadboard.h"
#include "planrules.h"

#include <QHash>
#include <QObject>

namespace SupportDesk {

class DeskSession;
class TicketCache;
class TicketIndex;

// Marks which of `facts` were merged into another ticket (TicketFacts::merged), which the
// queue rows the index is made of do not carry: a merged ticket is closed, so only the closed
// ones are read from `cache`, each once — closed is final and a closed ticket cannot be merged,
// so `known` keeps the answer until the ticket changes (a preview the server refused).
void markMerged(QVector<TicketFacts> *facts, TicketCache *cache, QHash<QString, bool> *known);

class QuotaLedger : public QObject
{
    Q_OBJECT

public:
    // The session's ledger (a child of the session).
    static QuotaLedger *of(DeskSession *session);

    // The customer's use of its quota in the month around `at`, counting `extra` tickets more
    // (1: the one being taken in). Unlimited (no limit) when the customer's edition has none.
    QuotaUse use(const Customer &customer, const QDateTime &at, int extra = 0);

private:
    explicit QuotaLedger(DeskSession *session);

    DeskSession *m_session;
    QHash<QString, bool> m_merged; // markMerged()'s answers
};

} // namespace SupportDesk
