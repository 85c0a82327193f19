#include "leadboardmodel.h"
#include "ticketedit.h"

#include "desksession.h"
#include "planrules.h"
#include "quotaledger.h"
#include "ticketcache.h"
#include "ticketindex.h"
#include "ticketedits.h"

#include <QBitArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <algorithm>
#include <tuple>

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
    // Only when the feed brought customers or agents (a page may bring them without any
    // ticket): at every idle it read both tables and recomputed the whole board on this thread
    // after each hint, each edit's answer.
    connect(session, &DeskSession::directoryChanged, this, &LeadBoardModel::reloadDirectory);
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
    m_merged = std::make_unique<MergedTickets>(m_ticketIndex, this);
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(200);
    connect(&m_coalesce, &QTimer::timeout, this, &LeadBoardModel::recompute);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &LeadBoardModel::onTick);
    m_attainment.histogramEdges = {5, 15, 30, 60, 120, 480};
    connect(m_ticketIndex, &TicketIndex::reset, this, [this] {
        if (m_loaded)
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
    // A closed ticket nobody answered may be a duplicate merged away, which a report counts
    // as neither met nor breached (responseOutcome): asked in one statement, when there is one.
    QStringList unanswered;
    for (const TicketFacts &f : std::as_const(list)) {
        if (f.status == TicketStatus::Closed && !f.firstResponseAt.isValid())
            unanswered.append(f.id);
    }
    const QSet<QString> merged = m_merged->among(unanswered);
    for (TicketFacts &f : list)
        f.merged = merged.contains(f.id);
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
    m_ticketIndex->reload(); // its reset() recomputes
    if (!m_loaded)
        ensureLoaded();
}

void LeadBoardModel::noteTicketsChanged(const QStringList &ids)
{
    m_ticketIndex->update(ids); // comes back through changed()
}

void LeadBoardModel::onIndexChanged(const QStringList &)
{
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
    // Counted on the index's entries with core's one tally: no TicketFacts per open ticket
    // (150k at a million tickets, made for every recompute) and no id kept but the
    // breaching-soon list's.
    BoardTally tally(catalogs(), t, m_ticketIndex->atRiskFraction(), 60, false);
    const qsizetype count = m_ticketIndex->size();
    const QVector<int> &cellOfFact = m_ticketIndex->cellOfFacts();
    const QStringList &cellKeys = m_ticketIndex->cellKeys();
    for (qsizetype at = 0; at < count; ++at) {
        if (!m_ticketIndex->isOpenAt(at))
            continue;
        const TicketIndex::Entry &e = m_ticketIndex->entryAt(at);
        BoardTicket b;
        b.open = true;
        b.planId = &m_ticketIndex->word(e.plan);
        b.editionId = &m_ticketIndex->word(e.edition);
        b.severity = &m_ticketIndex->word(e.severity);
        b.assigneeId = &m_ticketIndex->word(e.assignee);
        b.cellKey = &cellKeys.at(cellOfFact.at(at));
        b.createdMs = e.createdMs;
        b.dueMs = e.dueMs;
        b.firstResponseMs = e.firstResponseMs;
        tally.add(b, [this, at] { return m_ticketIndex->idAt(at); });
    }
    m_board = tally.take();
    computeQuota();
    computeAttainment();
    m_lastRecomputeMs = double(timer.nsecsElapsed()) / 1e6;
    emit boardChanged();
}

BoardTicketLists LeadBoardModel::lists() const
{
    BoardTicketLists lists;
    if (!m_loaded)
        return lists;
    const QDateTime t = m_computedAt.isValid() ? m_computedAt : now();
    const qsizetype count = m_ticketIndex->size();
    for (qsizetype at = 0; at < count; ++at) {
        if (!m_ticketIndex->isOpenAt(at))
            continue;
        const TicketIndex::Entry &e = m_ticketIndex->entryAt(at);
        const QString id = m_ticketIndex->idAt(at);
        lists.openByAgent[m_ticketIndex->word(e.assignee)].append(id);
        if (e.firstResponseMs)
            continue;
        if (isUnassignedMostSevere(true, false, e.assignee != 0, m_ticketIndex->word(e.plan),
                                   m_ticketIndex->word(e.severity), catalogs()))
            lists.unassignedBusinessDown.append(id);
        if (!e.dueMs)
            continue;
        const SlaState state = m_ticketIndex->statusAt(at, t).state;
        if (state == SlaState::AtRisk)
            lists.atRisk.append(id);
        else if (state == SlaState::Breached)
            lists.breached.append(id);
    }
    return lists;
}

QStringList LeadBoardModel::openTicketsOf(const QString &agentId) const
{
    QStringList ids;
    const quint32 code = m_ticketIndex->codeOf(agentId);
    if (!m_loaded || code == TicketIndex::NoWord)
        return ids;
    const qsizetype count = m_ticketIndex->size();
    for (qsizetype at = 0; at < count; ++at) {
        if (m_ticketIndex->isOpenAt(at) && m_ticketIndex->entryAt(at).assignee == code)
            ids.append(m_ticketIndex->idAt(at));
    }
    return ids;
}

QStringList LeadBoardModel::openTicketsIn(const QStringList &keys) const
{
    QStringList ids;
    if (!m_loaded || keys.isEmpty())
        return ids;
    const QStringList &cellKeys = m_ticketIndex->cellKeys();
    QBitArray wanted(cellKeys.size());
    for (qsizetype c = 0; c < cellKeys.size(); ++c)
        wanted.setBit(c, keys.contains(cellKeys.at(c)));
    const QVector<int> &cellOfFact = m_ticketIndex->cellOfFacts();
    const qsizetype count = m_ticketIndex->size();
    for (qsizetype at = 0; at < count; ++at) {
        if (m_ticketIndex->isOpenAt(at) && wanted.testBit(cellOfFact.at(at)))
            ids.append(m_ticketIndex->idAt(at));
    }
    return ids;
}

void LeadBoardModel::computeQuota()
{
    // Counted on the index's customer codes and creation times, each customer's quota month
    // as core's quotaUse() takes it: a TicketFacts is made only for a ticket flagged over the
    // quota (it was one for every ticket of a quota customer's last 32 days, 200k at a million
    // tickets, and a remembered flag entry for each).
    const QDateTime t = now();
    const QVector<QuotaWindow> windows = quotaWindows(m_customers, catalogs(), t);
    struct Month
    {
        qint64 from = 0;
        qint64 to = 0;
        qsizetype row = 0;
    };
    QHash<quint32, Month> monthOf; // by the index's customer code
    m_quota.clear();
    for (const QuotaWindow &w : windows) {
        const quint32 code = m_ticketIndex->codeOf(w.row.customerId);
        if (code != TicketIndex::NoWord && code != 0 && w.month.start.isValid()
            && w.month.end.isValid()) {
            monthOf.insert(code, {w.month.start.toMSecsSinceEpoch(),
                                  w.month.end.toMSecsSinceEpoch(), m_quota.size()});
        }
        m_quota.append(w.row);
    }
    const qsizetype count = m_ticketIndex->size();
    if (!monthOf.isEmpty()) {
        const auto monthFor = [&](const TicketIndex::Entry &e) -> const Month * {
            const auto it = monthOf.constFind(e.customer);
            if (it == monthOf.constEnd() || e.createdMs < it->from || e.createdMs >= it->to)
                return nullptr;
            return &*it;
        };
        const quint32 closed = m_ticketIndex->codeOf(TicketStatus::Closed);
        QStringList closedIds; // of the months counted
        QVector<qsizetype> closedAt;
        for (qsizetype at = 0; at < count; ++at) {
            const TicketIndex::Entry &e = m_ticketIndex->entryAt(at);
            if (const Month *m = monthFor(e)) {
                ++m_quota[m->row].used;
                if (e.status == closed) {
                    closedIds.append(m_ticketIndex->idAt(at));
                    closedAt.append(at);
                }
            }
        }
        // Less the duplicates merged away (countsTowardQuota): a merged ticket is closed, so
        // the months' closed tickets are asked, in one statement, each once (they were read
        // one statement each: 319 at a million tickets).
        const QSet<QString> merged = m_merged->among(closedIds);
        for (qsizetype i = 0; i < closedIds.size(); ++i) {
            if (merged.contains(closedIds.at(i)))
                --m_quota[monthFor(m_ticketIndex->entryAt(closedAt.at(i)))->row].used;
        }
        // Over-quota flags are not in the queue rows: only a customer past its limit can have
        // over-quota tickets, so only its month's tickets are asked for (the index reads those
        // it does not know yet, in a few statements, and keeps two bits a ticket).
        QVector<qsizetype> asked;
        for (qsizetype at = 0; at < count; ++at) {
            const Month *m = monthFor(m_ticketIndex->entryAt(at));
            if (m && m_quota.at(m->row).used > m_quota.at(m->row).limit
                && (merged.isEmpty() || !merged.contains(m_ticketIndex->idAt(at))))
                asked.append(at);
        }
        for (qsizetype at : m_ticketIndex->overQuotaAmong(asked)) {
            TicketFacts f = m_ticketIndex->factAt(at);
            std::tie(f.flags, f.quotaOverrideReason) = m_ticketIndex->overQuotaFlags(at);
            if (f.flags.contains(TicketFlag::OverQuota))
                m_quota[monthFor(m_ticketIndex->entryAt(at))->row].overQuota.append(f);
        }
    }
    sortQuotaRows(&m_quota);
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
    // A closed ticket breached unanswered may be a duplicate merged away, neither met nor
    // breached (responseOutcome): those are asked after the pass, in one statement.
    const quint32 closed = m_ticketIndex->codeOf(TicketStatus::Closed);
    QStringList closedIds;
    QVector<std::pair<qsizetype, qsizetype>> closedAt; // entry, grid cell
    for (qsizetype i = 0; i < count; ++i) {
        const TicketIndex::Entry &f = m_ticketIndex->entryAt(i);
        const qint64 created = f.createdMs; // 0: none
        if (!created || created < bounds.first() || created >= bounds.last())
            continue;
        const qsizetype day = std::upper_bound(bounds.begin(), bounds.end(), created)
                - bounds.begin() - 1;
        const qsizetype at = day * cells + cellOfFact.at(i);
        ++seen[at];
        const ResponseOutcome outcome = responseOutcome(f.dueMs, f.firstResponseMs, nowMs);
        if (outcome == ResponseOutcome::BreachedOpen && f.status == closed) {
            closedIds.append(m_ticketIndex->idAt(i));
            closedAt.append({i, at});
        } else {
            grid[at].add(outcome);
        }
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
    const QSet<QString> merged = m_merged->among(closedIds);
    for (qsizetype k = 0; k < closedIds.size(); ++k) {
        const TicketIndex::Entry &f = m_ticketIndex->entryAt(closedAt.at(k).first);
        grid[closedAt.at(k).second].add(responseOutcome(f.dueMs, f.firstResponseMs, nowMs,
                                                        merged.contains(closedIds.at(k))));
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
