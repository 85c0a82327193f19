#include "quotaledger.h"

#include "desksession.h"

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
    connect(session, &DeskSession::ticketsChanged, this, [this](const QStringList &ids) {
        if (m_loaded)
            merge(ids);
    });
    connect(session, &DeskSession::cacheReset, this, [this] {
        m_loaded = false; // read again when next asked
        m_tickets.clear();
    });
    // The server hands its catalogs over on every start: read the rows again only when the
    // editions with a quota are not the same ones.
    connect(session, &DeskSession::catalogsChanged, this, [this] {
        const QSet<QString> editions = quotaEditions();
        if (editions != m_quotaEditions) {
            m_loaded = false;
            m_tickets.clear();
        }
    });
}

static bool hasQuota(const CatalogSet &catalogs, const QString &planId, const QString &editionId)
{
    const PlanCatalog *plan = catalogs.plan(planId);
    const Edition *edition = plan ? plan->edition(editionId) : nullptr;
    return edition && edition->monthlyQuota;
}

QSet<QString> QuotaLedger::quotaEditions() const
{
    QSet<QString> editions;
    for (const PlanCatalog &plan : m_session->catalogs().plans()) {
        for (const Edition &e : plan.editions()) {
            if (e.monthlyQuota)
                editions.insert(plan.id() + u'/' + e.id);
        }
    }
    return editions;
}

void QuotaLedger::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    m_tickets.clear();
    m_quotaEditions = quotaEditions();
    const QueueRows rows = m_session->cache()->loadTicketRows();
    const CatalogSet &catalogs = m_session->catalogs();
    // Which (plan, edition) codes have a quota, decided once per code pair.
    QHash<quint64, bool> quota;
    for (const TicketRow &row : rows.rows) {
        const quint64 key = (quint64(row.plan) << 32) | row.edition;
        auto it = quota.find(key);
        if (it == quota.end())
            it = quota.insert(key, hasQuota(catalogs, rows.word(row.plan), rows.word(row.edition)));
        if (*it)
            m_tickets.insert(row.id(), { rows.word(row.customer), row.createdAtMs });
    }
}

void QuotaLedger::merge(const QStringList &ticketIds)
{
    const QueueRows rows = m_session->cache()->loadTicketRows(ticketIds);
    const CatalogSet &catalogs = m_session->catalogs();
    QSet<QString> present;
    for (const TicketRow &row : rows.rows) {
        const QString id = row.id();
        present.insert(id);
        if (hasQuota(catalogs, rows.word(row.plan), rows.word(row.edition)))
            m_tickets.insert(id, { rows.word(row.customer), row.createdAtMs });
        else
            m_tickets.remove(id);
    }
    for (const QString &id : ticketIds) {
        if (!present.contains(id))
            m_tickets.remove(id); // dropped (an unsent new ticket)
    }
}

QuotaUse QuotaLedger::use(const Customer &customer, const QDateTime &at, int extra)
{
    QuotaUse use;
    const PlanCatalog *plan = m_session->catalogs().plan(customer.planId);
    if (!plan)
        return use;
    ensureLoaded();
    QList<QDateTime> times;
    for (const Entry &e : std::as_const(m_tickets)) {
        if (e.customerId == customer.id)
            times.append(QDateTime::fromMSecsSinceEpoch(e.createdAtMs, Qt::UTC));
    }
    for (int i = 0; i < extra; ++i)
        times.append(at);
    const QTimeZone zone
        = customer.timeZone.isEmpty() ? QTimeZone() : QTimeZone(customer.timeZone.toUtf8());
    return PlanRules(*plan).quotaUse(customer.editionId, times, at, zone);
}

} // namespace SupportDesk
