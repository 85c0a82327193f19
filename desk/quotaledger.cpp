#include "quotaledger.h"

#include "desksession.h"
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
}

QuotaUse QuotaLedger::use(const Customer &customer, const QDateTime &at, int extra)
{
    QuotaUse use;
    const PlanCatalog *plan = m_session->catalogs().plan(customer.planId);
    if (!plan)
        return use;
    QList<QDateTime> times = m_session->index()->quotaTicketTimes(customer.id);
    for (int i = 0; i < extra; ++i)
        times.append(at);
    const QTimeZone zone
        = customer.timeZone.isEmpty() ? QTimeZone() : QTimeZone(customer.timeZone.toUtf8());
    return PlanRules(*plan).quotaUse(customer.editionId, times, at, zone);
}

} // namespace SupportDesk
