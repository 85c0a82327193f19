#include "leadboardmodel.h"
#include "ticketedit.h"

#include "desksession.h"
#include "planrules.h"
#include "quotaledger.h"
#include "ticketcache.h"
#include "ticketindex.h"
#include "ticketedits.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <algorithm>

namespace SupportDesk {

// A safety net: figures that drift with the clock alone (today's attainment at midnight, the
// quota month) are recomputed at least this often.
static constexpr qint64 MaxStaleMs = 60 * 1000;

LeadBoardModel::LeadBoardModel(DeskSession *session, QObject *parent, Load load)
    : QObject(parent)
    , m_session(session)
    , m_cache(session->cache())
    , m_ticketIndex(session->index())
{
    connect(session, &DeskSession::catalogsChanged, this, &LeadBoardModel::reloadDirectory);
    connect(session, &DeskSession::signedIn, this, &LeadBoardModel::reloadDirectory);
    // A feed page may bring customers or agents without any ticket.
    connect(session, &DeskSession::idle, this, &LeadBoardModel::reloadDirectory);
    init(load);
}

LeadBoardModel::LeadBoardModel(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
                               QObject *parent)
    : QObject(parent), m_cache(cache), m_ownCatalogs(catalogs)
{
    m_ownIndex = std::make_unique<TicketIndex>(cache, &*m_ownCatalogs, clock);
    m_ticketIndex = m_ownIndex.get();
    init(Load::Now);
}

LeadBoardModel::~LeadBoardModel() = default;

void LeadBoardModel::init(Load load)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(200);
    connect(&m_coalesce, &QTimer::timeout, this, &LeadBoardModel::recompute);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &LeadBoardModel::onTick);
    m_attainment.histogramEdges = {5, 15, 30, 60, 120, 480};
    connect(m_ticketIndex, &TicketIndex::reset, this, [this] {
        if (!m_loaded)
            return;
        m_flagCache.clear();
        m_mergedCache.clear();
        recompute();
    });
    connect(m_ticketIndex, &TicketIndex::changed, this, &LeadBoardModel::onIndexChanged);
    // Time alone moved some ticket (at risk, breached, into the breaching-soon list).
    connect(m_ticketIndex, &TicketIndex::momentsPassed, this, [this] {
        if (m_loaded && !m_coalesce.isActive())
            m_coalesce.start();
    });
    connect(m_ticketIndex, &TicketIndex::settingsChanged, this, [this] {
        if (!m_loaded)
            return;
        recompute();
        emit directoryChanged();
    });
    if (load == Load::Now)
        ensureLoaded();
}

void LeadBoardModel::ensureLoaded()
{
    if (m_loaded)
        return;
    m_loaded = true;
    m_ticketIndex->ensureLoaded();
    reloadDirectory();
    recompute();
    m_tick.start();
}

void LeadBoardModel::setClock(const Clock *clock)
{
    m_ticketIndex->setClock(clock);
    recompute();
}

void LeadBoardModel::setViewerRole(AgentRole role)
{
    m_viewerRole = role;
    emit directoryChanged();
}

const CatalogSet &LeadBoardModel::catalogs() const
{
    return m_session ? m_session->catalogs() : *m_ownCatalogs;
}

QDateTime LeadBoardModel::now() const
{
    return m_ticketIndex->now();
}

TeamSettings LeadBoardModel::teamSettings() const
{
    return m_ticketIndex->teamSettings();
}

void LeadBoardModel::applySavedSettings(const TeamSettings &settings)
{
    const bool changes = settings.atRiskFraction != teamSettings().atRiskFraction
            || settings.notifyBeforeBreachMinutes != teamSettings().notifyBeforeBreachMinutes;
    m_ticketIndex->applySavedSettings(settings); // a change recomputes (settingsChanged)
    if (!changes) {
        recompute();
        emit directoryChanged();
    }
}

bool LeadBoardModel::viewerIsLead() const
{
    std::optional<AgentRole> role = m_viewerRole;
    if (m_session && !role) {
        if (const auto me = m_session->me())
            role = me->role;
    }
    return role && leadsTeam(*role);
}

QTimeZone LeadBoardModel::teamZone() const
{
    for (const PlanCatalog &plan : catalogs().plans()) {
        const QTimeZone zone(plan.quotaTimeZone().toUtf8());
        if (!plan.quotaTimeZone().isEmpty() && zone.isValid())
            return zone;
    }
    return QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

TicketIndex::FactRange LeadBoardModel::facts() const
{
    return m_ticketIndex->facts();
}

std::optional<TicketFacts> LeadBoardModel::fact(const QString &id) const
{
    return m_ticketIndex->fact(id);
}

QHash<QString, QString> LeadBoardModel::subjects(const QStringList &ids) const
{
    // Read when asked: decoding 100k subjects at every load would cost more than the board.
    QHash<QString, QString> subjects;
    if (ids.isEmpty() || !m_cache || !m_cache->isOpen())
        return subjects;
    const QueueRows rows = m_cache->loadTicketRows(ids);
    for (const TicketRow &row : rows.rows)
        subjects.insert(row.id(), row.subject());
    return subjects;
}

QString LeadBoardModel::agentName(const QString &id) const
{
    return m_agentNames.value(id, id);
}

std::optional<Customer> LeadBoardModel::customer(const QString &id) const
{
    for (const Customer &c : m_customers) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

QVector<TicketFacts> LeadBoardModel::fullFacts(const QStringList &ids) const
{
    // The index has every ticket's facts; the flag and the reason are read only for the
    // flagged ones, in one statement (it read and decoded each whole ticket, one at a time).
    QVector<TicketFacts> list;
    list.reserve(ids.size());
    QHash<QString, qsizetype> position;
    for (const QString &id : ids) {
        const qsizetype at = m_ticketIndex->indexOf(id);
        if (at < 0)
            continue;
        position.insert(id, list.size());
        list.append(m_ticketIndex->factAt(at));
    }
    if (list.isEmpty() || !m_cache || !m_cache->isOpen())
        return list;
    for (const Ticket &t : m_cache->ticketsFlagged(ids, TicketFlag::OverQuota)) {
        const auto at = position.constFind(t.id);
        if (at == position.constEnd())
            continue;
        TicketFacts &f = list[*at];
        f.flags = t.flags;
        f.quotaOverrideReason = t.quotaOverrideReason;
    }
    return list;
}

ServiceReport LeadBoardModel::serviceReport(const QString &customerId, int year, int month) const
{
    const std::optional<Customer> c = customer(customerId);
    const QDate first(year, month, 1);
    if (!c || !first.isValid())
        return {};
    // The month in the customer's zone lies within these UTC bounds; computeServiceReport()
    // cuts it exactly. Passed over on the index's codes and times: a fact is made only for
    // the customer's tickets in it (it was one per ticket of the desk).
    const qint64 from = QDateTime(first.addDays(-2), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 to
            = QDateTime(first.addMonths(1).addDays(2), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const quint32 code = m_ticketIndex->codeOf(c->id);
    QStringList ids;
    if (code != TicketIndex::NoWord) {
        const qsizetype count = m_ticketIndex->size();
        for (qsizetype at = 0; at < count; ++at) {
            const TicketIndex::Entry &e = m_ticketIndex->entryAt(at);
            if (e.customer == code && e.createdMs >= from && e.createdMs < to)
                ids.append(m_ticketIndex->idAt(at));
        }
    }
    const QVector<SeverityChange> changes = m_cache && m_cache->isOpen()
            ? m_cache->severityChanges(ids)
            : QVector<SeverityChange>();
    return computeServiceReport(*c, fullFacts(ids), changes, catalogs(), year, month, now());
}

bool LeadBoardModel::reassign(const QString &ticketId, const QString &agentId, QString *error)
{
    const auto current = m_cache->ticket(ticketId);
    if (!current) {
        if (error)
            *error = tr("The ticket is no longer in the local cache.");
        return false;
    }
    // The server refuses an admin or service account (not-an-assignee): say so before the
    // edit waits in the outbox for its refusal.
    const auto account = std::find_if(m_agents.cbegin(), m_agents.cend(),
                                       [&agentId](const Agent &a) { return a.id == agentId; });
    if (account != m_agents.cend() && !account->takesTickets()) {
        if (error)
            *error = RuleCheck::fail(QStringLiteral("not-an-assignee"),
                                     {TicketEdits::agentName(*account)})
                             .message(nullptr, TicketEdits::language());
        return false;
    }
    TicketEdit assign;
    assign.type = OpType::Assign;
    assign.assigneeId = agentId;
    const Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                       ticketId, current->version, assign, now());
    const bool saved = m_session ? m_session->saveEdit(op) : m_cache->saveEdit(op);
    if (!saved) {
        if (error)
            *error = m_cache->errorString();
        return false;
    }
    // The session signals the change itself; a bare cache does not.
    if (!m_session)
        noteTicketsChanged({ticketId});
    return true;
}

void LeadBoardModel::reload()
{
    m_flagCache.clear();
    m_mergedCache.clear();
    m_ticketIndex->reload(); // its reset() recomputes
    if (!m_loaded)
        ensureLoaded();
}

void LeadBoardModel::noteTicketsChanged(const QStringList &ids)
{
    m_ticketIndex->update(ids); // comes back through changed()
}

void LeadBoardModel::onIndexChanged(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_flagCache.remove(id);
        m_mergedCache.remove(id); // a preview the server refused, reopened
    }
    if (m_loaded && !m_coalesce.isActive())
        m_coalesce.start();
}

void LeadBoardModel::reloadDirectory()
{
    if (!m_loaded || !m_cache || !m_cache->isOpen())
        return;
    m_agents = m_cache->agents();
    std::sort(m_agents.begin(), m_agents.end(), [](const Agent &a, const Agent &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    m_agentNames.clear();
    m_assignees.clear();
    for (const Agent &a : std::as_const(m_agents)) {
        m_agentNames.insert(a.id, TicketEdits::agentName(a));
        if (a.takesTickets())
            m_assignees.append(a);
    }
    m_customers = m_cache->customers();
    std::sort(m_customers.begin(), m_customers.end(), [](const Customer &a, const Customer &b) {
        return a.name.localeAwareCompare(b.name) < 0;
    });
    emit directoryChanged();
    recompute();
}

void LeadBoardModel::onTick()
{
    emit secondTick();
    // State changes come from the index's schedule; this is the safety net for figures that
    // drift with the calendar alone (today's attainment at midnight, the quota month).
    const QDateTime t = now();
    if (!m_computedAt.isValid() || m_computedAt.msecsTo(t) >= MaxStaleMs || t < m_computedAt)
        recompute();
}

void LeadBoardModel::recompute()
{
    if (!m_loaded)
        return;
    m_coalesce.stop();
    QElapsedTimer timer;
    timer.start();
    const QDateTime t = now();
    m_computedAt = t;
    // The board counts open tickets only: made from the index's codes for them alone, once
    // for the board and its lists (150k facts at a million tickets were made twice).
    const QVector<TicketFacts> open = m_ticketIndex->openFacts();
    m_board = computeBoard(open, catalogs(), t, m_ticketIndex->atRiskFraction(), 60);
    computeLists(open);
    computeQuota();
    computeAttainment();
    m_lastRecomputeMs = double(timer.nsecsElapsed()) / 1e6;
    emit boardChanged();
}

void LeadBoardModel::computeLists(const QVector<TicketFacts> &open)
{
    m_lists = {};
    const QDateTime t = now();
    for (const TicketFacts &f : open) {
        m_lists.openByAgent[f.assigneeId].append(f.id);
        if (f.firstResponseAt.isValid())
            continue;
        if (m_ticketIndex->isUnassignedMostSevere(f))
            m_lists.unassignedBusinessDown.append(f.id);
        if (!f.dueAt.isValid())
            continue;
        const SlaState state = m_ticketIndex->status(f, t).state;
        if (state == SlaState::AtRisk)
            m_lists.atRisk.append(f.id);
        else if (state == SlaState::Breached)
            m_lists.breached.append(f.id);
    }
}

void LeadBoardModel::computeQuota()
{
    const QDateTime t = now();
    // Only customers with a quota count, and only their tickets of the quota month (at most
    // 31 days): those facts alone are made from the index.
    const QDateTime monthAgo = t.addDays(-32);
    QSet<quint32> quotaCustomers;
    for (const Customer &c : std::as_const(m_customers)) {
        const PlanCatalog *plan = catalogs().plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        const quint32 code = m_ticketIndex->codeOf(c.id);
        if (edition && edition->monthlyQuota && code != TicketIndex::NoWord)
            quotaCustomers.insert(code);
    }
    const qint64 monthAgoMs = monthAgo.toMSecsSinceEpoch();
    QVector<TicketFacts> all = m_ticketIndex->factsWhere(
            [&](const TicketIndex::Entry &e) {
                return e.createdMs >= monthAgoMs && quotaCustomers.contains(e.customer);
            });
    // Not yet: duplicates merged away (countsTowardQuota) — telling them needs the closed
    // tickets' records, and read one at a time that was 319 statements at a million tickets
    // (tst_leadboardmodel); a one-statement read like ticketsFlagged() is the way (docs/merge.md).
    m_quota = quotaUse(all, m_customers, catalogs(), t);
    // Over-quota flags and reasons are not in the queue rows: read the tickets of customers
    // past their limit (only they can have over-quota tickets), remembering what was read.
    QHash<QString, QuotaRow *> over;
    for (QuotaRow &row : m_quota) {
        if (row.used > row.limit)
            over.insert(row.customerId, &row);
    }
    if (over.isEmpty())
        return;
    // Those not read before, in one statement (one at a time took most of the board's
    // load at a million tickets: 200k reads); a ticket without the flag is remembered too.
    QStringList unread;
    for (const TicketFacts &f : all) {
        if (f.createdAt >= monthAgo && over.contains(f.customerId) && !m_flagCache.contains(f.id))
            unread.append(f.id);
    }
    if (!unread.isEmpty() && m_cache) {
        for (const Ticket &t : m_cache->ticketsFlagged(unread, TicketFlag::OverQuota))
            m_flagCache.insert(t.id, qMakePair(t.flags, t.quotaOverrideReason));
        for (const QString &id : std::as_const(unread)) {
            if (!m_flagCache.contains(id))
                m_flagCache.insert(id, qMakePair(QStringList(), QString()));
        }
    }
    // Only the flagged ones are copied: the over-quota list is all that is taken from them.
    QHash<QString, QVector<TicketFacts>> mine;
    for (const TicketFacts &f : all) {
        if (f.createdAt < monthAgo || !over.contains(f.customerId))
            continue;
        const auto flags = m_flagCache.value(f.id);
        if (!flags.first.contains(TicketFlag::OverQuota))
            continue;
        TicketFacts withFlags = f;
        withFlags.flags = flags.first;
        withFlags.quotaOverrideReason = flags.second;
        mine[f.customerId].append(withFlags);
    }
    for (auto it = over.begin(); it != over.end(); ++it) {
        const std::optional<Customer> c = customer(it.key());
        if (!c)
            continue;
        const QVector<QuotaRow> exact = quotaUse(mine.value(it.key()), {*c}, catalogs(), t);
        if (!exact.isEmpty())
            (*it)->overQuota = exact.first().overQuota;
    }
}

void LeadBoardModel::computeAttainment()
{
    // Counted in one pass over the last 30 days into a day × cell grid, the days' UTC bounds
    // found by binary search (not a zone conversion per ticket) and each ticket's cell by the
    // index the TicketIndex keeps beside its facts. core's computeAttainment() builds a string
    // key and a map lookup per ticket, 90 ms for the 30 days of a 100k cache; each ticket's
    // outcome is core's responseOutcome() here as there.
    constexpr int Days = 30;
    const QDateTime t = now();
    const qint64 nowMs = t.toMSecsSinceEpoch();
    const QTimeZone zone = teamZone();
    const QDate today = t.toTimeZone(zone).date();
    QVector<qint64> bounds; // Days + 1 instants, UTC ms
    for (int d = 0; d <= Days; ++d)
        bounds.append(QDateTime(today.addDays(d - Days + 1), QTime(0, 0), zone).toMSecsSinceEpoch());
    const qsizetype count = m_ticketIndex->size(); // read the times as the index keeps them
    const QVector<int> &cellOfFact = m_ticketIndex->cellOfFacts();
    const QStringList &cellKeys = m_ticketIndex->cellKeys();
    const qsizetype cells = cellKeys.size();
    QVector<AttainmentCell> grid(Days * cells);
    QVector<int> seen(Days * cells, 0); // tickets created, decided or not: core lists their cell
    const QVector<int> &edges = m_attainment.histogramEdges;
    QVector<int> histogram(edges.size() + 1, 0);
    for (qsizetype i = 0; i < count; ++i) {
        const TicketIndex::Entry &f = m_ticketIndex->entryAt(i);
        const qint64 created = f.createdMs; // 0: none
        if (!created || created < bounds.first() || created >= bounds.last())
            continue;
        const qsizetype day = std::upper_bound(bounds.begin(), bounds.end(), created)
                - bounds.begin() - 1;
        const qsizetype at = day * cells + cellOfFact.at(i);
        ++seen[at];
        grid[at].add(responseOutcome(f.dueMs, f.firstResponseMs, nowMs));
        if (f.firstResponseMs) {
            const qint64 seconds = (f.firstResponseMs - created) / 1000;
            const auto bucket = std::upper_bound(edges.begin(), edges.end(), seconds,
                                                 [](qint64 s, int edge) {
                                                     return s < qint64(edge) * 60;
                                                 })
                    - edges.begin();
            ++histogram[bucket];
        }
    }
    const auto add = [](AttainmentCell &to, const AttainmentCell &from) {
        to.answered += from.answered;
        to.inTime += from.inTime;
        to.breachedOpen += from.breachedOpen;
    };
    const int periodDays[AttainmentFigures::PeriodCount] = {1, 7, 30};
    for (int p = 0; p < AttainmentFigures::PeriodCount; ++p) {
        Attainment a;
        for (qsizetype c = 0; c < cells; ++c) {
            AttainmentCell sum;
            int created = 0;
            for (int d = Days - periodDays[p]; d < Days; ++d) {
                add(sum, grid.at(d * cells + c));
                created += seen.at(d * cells + c);
            }
            if (created > 0)
                a.cells.insert(cellKeys.at(c), sum);
            add(a.overall, sum);
        }
        m_attainment.periods[p] = a;
    }
    m_attainment.daily.clear();
    for (int d = 0; d < Days; ++d) {
        AttainmentCell sum;
        for (qsizetype c = 0; c < cells; ++c)
            add(sum, grid.at(d * cells + c));
        m_attainment.daily.append({today.addDays(d - Days + 1), sum});
    }
    m_attainment.histogram = histogram;
}

} // namespace SupportDesk
