#include "quotaledger.h"

#include "desksession.h"
#include "ticketcache.h"
#include "ticketindex.h"

namespace SupportDesk {

// The customer's own time zone, whose calendar month the quota counts; the rules' default
// (PlanRules' zone) when the record has none.
static QTimeZone zoneOf(const Customer &customer)
{
    return customer.timeZone.isEmpty() ? QTimeZone() : QTimeZone(customer.timeZone.toUtf8());
}

QuotaLedger *QuotaLedger::of(DeskSession *session)
{
    if (auto *ledger = session->findChild<QuotaLedger *>(QString(), Qt::FindDirectChildrenOnly))
        return ledger;
    return new QuotaLedger(session);
}

QuotaLedger::QuotaLedger(DeskSession *session)
    : QObject(session)
    , m_session(session)
    , m_merged(session->index(), this)
{
}

MergedTickets::MergedTickets(TicketIndex *index, QObject *context)
    : m_index(index)
{
    // A merge previewed offline and refused by the server reopens the duplicate: what was
    // read of a changed ticket is read again.
    QObject::connect(index, &TicketIndex::changed, context, [this](const QStringList &ids) {
        for (const QString &id : ids)
            m_known.remove(id);
    });
    QObject::connect(index, &TicketIndex::reset, context, [this] { m_known.clear(); });
}

QSet<QString> MergedTickets::among(const QStringList &ids)
{
    QStringList unknown;
    for (const QString &id : ids) {
        if (!m_known.contains(id))
            unknown.append(id);
    }
    TicketCache *cache = m_index->cache();
    if (!unknown.isEmpty() && cache && cache->isOpen()) {
        const QHash<QString, bool> read = cache->mergedAmong(unknown);
        for (auto it = read.cbegin(); it != read.cend(); ++it)
            m_known.insert(it.key(), it.value());
    }
    QSet<QString> merged;
    for (const QString &id : ids) {
        if (m_known.value(id))
            merged.insert(id);
    }
    return merged;
}

void MergedTickets::mark(QVector<TicketFacts> *facts)
{
    QStringList closed;
    for (const TicketFacts &f : std::as_const(*facts)) {
        if (f.status == TicketStatus::Closed)
            closed.append(f.id);
    }
    const QSet<QString> merged = among(closed);
    for (TicketFacts &f : *facts)
        f.merged = merged.contains(f.id);
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
    const QTimeZone zone = zoneOf(customer);
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
    m_merged.mark(&candidates);
    for (const TicketFacts &f : std::as_const(candidates)) {
        const PlanCatalog *own = m_session->catalogs().plan(f.planId);
        const Edition *edition = own ? own->edition(f.editionId) : nullptr;
        if (!countsTowardQuota(f.merged) && edition && edition->monthlyQuota)
            --use.used;
    }
    return use;
}

int QuotaLedger::openedInMonth(const Customer &customer, const QDateTime &at)
{
    const PlanCatalog *plan = m_session->catalogs().plan(customer.planId);
    TicketIndex *index = m_session->index();
    const quint32 code = index->codeOf(customer.id);
    if (!plan || code == TicketIndex::NoWord)
        return 0;
    const QTimeZone zone = zoneOf(customer);
    const MonthWindow month = PlanRules(*plan).quotaMonth(at, zone);
    const qint64 fromMs = month.start.toMSecsSinceEpoch();
    const qint64 toMs = month.end.toMSecsSinceEpoch();
    return int(index->factsWhere([&](const TicketIndex::Entry &e) {
                        return e.customer == code && e.createdMs >= fromMs && e.createdMs < toMs;
                    }).size());
}

} // namespace SupportDesk
