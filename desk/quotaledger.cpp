#include "quotaledger.h"

#include "desksession.h"
#include "ticketcache.h"
#include "ticketindex.h"

namespace SupportDesk {

QuotaLedger *QuotaLedger::of(DeskSession *session)
{
    if (auto *ledger = session->findChild<QuotaLedger *>(QString(), Qt::FindDirectChildrenOnly))
        return ledger;
    return new QuotaLedger(session);
}

QuotaLedger::QuotaLedger(DeskSession *session)
    : QObject(session)
    , m_session(session)
{
    // A merge previewed offline and refused by the server reopens the duplicate: what was
    // read of a changed ticket is read again.
    connect(session->index(), &TicketIndex::changed, this, [this](const QStringList &ids) {
        for (const QString &id : ids)
            m_merged.remove(id);
    });
    connect(session->index(), &TicketIndex::reset, this, [this] { m_merged.clear(); });
}

void markMerged(QVector<TicketFacts> *facts, TicketCache *cache, QHash<QString, bool> *known)
{
    for (TicketFacts &f : *facts) {
        if (f.status != TicketStatus::Closed)
            continue;
        auto it = known->constFind(f.id);
        if (it == known->constEnd()) {
            const std::optional<Ticket> t = cache ? cache->ticket(f.id) : std::nullopt;
            if (!t)
                continue; // not cached (yet): counted, and asked again next time
            it = known->insert(f.id, !t->mergedInto.isEmpty());
        }
        f.merged = *it;
    }
}

QuotaUse QuotaLedger::use(const Customer &customer, const QDateTime &at, int extra)
{
    QuotaUse use;
    const PlanCatalog *plan = m_session->catalogs().plan(customer.planId);
    if (!plan)
        return use;
    TicketIndex *index = m_session->index();
    QList<QDateTime> times = index->quotaTicketTimes(customer.id);
    for (int i = 0; i < extra; ++i)
        times.append(at);
    const QTimeZone zone
        = customer.timeZone.isEmpty() ? QTimeZone() : QTimeZone(customer.timeZone.toUtf8());
    const PlanRules rules(*plan);
    use = rules.quotaUse(customer.editionId, times, at, zone);
    // Less the month's duplicates merged away (countsTowardQuota): the customer's closed
    // tickets of the month in an edition with a quota (those quotaTicketTimes() counted).
    const MonthWindow month = rules.quotaMonth(at, zone);
    const quint32 code = index->codeOf(customer.id);
    const quint32 closed = index->codeOf(TicketStatus::Closed);
    if (code == TicketIndex::NoWord || closed == TicketIndex::NoWord)
        return use;
    const qint64 fromMs = month.start.toMSecsSinceEpoch();
    const qint64 toMs = month.end.toMSecsSinceEpoch();
    QVector<TicketFacts> candidates = index->factsWhere([&](const TicketIndex::Entry &e) {
        return e.customer == code && e.status == closed && e.createdMs >= fromMs
            && e.createdMs < toMs;
    });
    markMerged(&candidates, index->cache(), &m_merged);
    for (const TicketFacts &f : std::as_const(candidates)) {
        const PlanCatalog *own = m_session->catalogs().plan(f.planId);
        const Edition *edition = own ? own->edition(f.editionId) : nullptr;
        if (!countsTowardQuota(f.merged) && edition && edition->monthlyQuota)
            --use.used;
    }
    return use;
}

} // namespace SupportDesk
