// The live ticket index and its schedule of response moments.
#include "ticketindex.h"

#include "plancatalog.h"
#include "ticketcache.h"

#include <QSet>

#include <algorithm>

namespace SupportDesk {

TicketIndex::TicketIndex(TicketCache *cache, const CatalogSet *catalogs, const Clock *clock,
                         QObject *parent)
    : QObject(parent), m_cache(cache), m_catalogs(catalogs), m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &TicketIndex::checkNow);
}

TicketIndex::~TicketIndex() = default;

void TicketIndex::setClock(const Clock *clock)
{
    m_clock = clock;
    checkNow();
}

qint64 TicketIndex::nowMs() const
{
    return now().toMSecsSinceEpoch();
}

QDateTime TicketIndex::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

void TicketIndex::ensureLoaded()
{
    if (!m_loaded)
        reload();
}

const QVector<TicketFacts> &TicketIndex::facts()
{
    ensureLoaded();
    return m_facts;
}

const TicketFacts *TicketIndex::fact(const QString &id)
{
    ensureLoaded();
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_facts.at(*it);
}

// TicketRow → TicketFacts: the queue's packed row has every field the views read but the flags
// and override reason, which only the quota panel needs (read per ticket there). The strings
// are the rows' words, shared, so 100k facts hold a handful of plan and status strings.
static TicketFacts factsOf(const QueueRows &rows, const TicketRow &row)
{
    TicketFacts f;
    f.id = row.id();
    f.number = row.number;
    f.customerId = rows.word(row.customer);
    f.planId = rows.word(row.plan);
    f.editionId = rows.word(row.edition);
    f.severity = rows.word(row.severity);
    f.status = rows.word(row.status);
    f.assigneeId = rows.word(row.assignee);
    const auto time = [](qint64 ms) {
        return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
    };
    f.createdAt = time(row.createdAtMs);
    f.dueAt = time(row.dueAtMs);
    f.firstResponseAt = time(row.firstResponseAtMs);
    return f;
}

int TicketIndex::cellIndex(const TicketFacts &f)
{
    const QString key = cellKey(f.planId, f.editionId, f.severity);
    const auto it = m_cellOf.constFind(key);
    if (it != m_cellOf.constEnd())
        return *it;
    m_cellKeys.append(key);
    return *m_cellOf.insert(key, int(m_cellKeys.size() - 1));
}

void TicketIndex::reload()
{
    if (!m_cache || !m_cache->isOpen()) {
        reloadFrom(QueueRows());
        return;
    }
    reloadFrom(m_cache->loadTicketRows());
}

void TicketIndex::reloadFrom(const QueueRows &rows)
{
    m_loaded = true;
    ++m_reads;
    m_cachedSettings = m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
    m_settings = effectiveSettings();
    loadRows(rows);
    rescheduleAll();
    emit reset();
}

void TicketIndex::loadRows(const QueueRows &rows)
{
    m_facts.clear();
    m_cellOfFact.clear();
    m_nextAt.clear();
    m_schedule.clear();
    m_index.clear();
    m_facts.reserve(rows.rows.size());
    m_index.reserve(rows.rows.size());
    m_cellOfFact.reserve(rows.rows.size());
    // The cell of a row by its word codes: one key string per distinct cell, not per row.
    QHash<quint64, int> cellOfCodes;
    for (const TicketRow &row : rows.rows) {
        m_facts.append(factsOf(rows, row));
        m_index.insert(m_facts.last().id, m_facts.size() - 1);
        constexpr quint32 Limit = 1u << 21; // three codes in one key
        if (row.plan >= Limit || row.edition >= Limit || row.severity >= Limit) {
            m_cellOfFact.append(cellIndex(m_facts.last()));
            continue;
        }
        const quint64 codes = (quint64(row.plan) << 42) | (quint64(row.edition) << 21)
                | quint64(row.severity);
        auto cell = cellOfCodes.constFind(codes);
        if (cell == cellOfCodes.constEnd())
            cell = cellOfCodes.insert(codes, cellIndex(m_facts.last()));
        m_cellOfFact.append(*cell);
    }
}

// What the schedule of a ticket depends on: equal, its entry stands as it is.
static bool sameMomentsInput(const TicketFacts &a, const TicketFacts &b)
{
    return TicketIndex::isRunning(a) == TicketIndex::isRunning(b) && a.createdAt == b.createdAt
            && a.dueAt == b.dueAt && a.firstResponseAt == b.firstResponseAt;
}

void TicketIndex::update(const QStringList &changedIds)
{
    // Not read yet: the first read will see these changes.
    if (!m_loaded || changedIds.isEmpty())
        return;
    QStringList ids = changedIds;
    ids.removeDuplicates();
    ++m_reads;
    const QueueRows rows = m_cache && m_cache->isOpen() ? m_cache->loadTicketRows(ids)
                                                        : QueueRows();
    const qint64 now = nowMs();
    QSet<QString> present;
    for (const TicketRow &row : rows.rows) {
        TicketFacts f = factsOf(rows, row);
        present.insert(f.id);
        const auto it = m_index.constFind(f.id);
        const int cell = cellIndex(f);
        if (it != m_index.constEnd()) {
            const qsizetype at = *it;
            // A change that leaves the times alone (a reply's text, a new assignee) leaves the
            // entry alone too: rescheduling from now would drop a moment that has passed but
            // whose timer has not fired yet, and the views would never hear of it.
            const bool keep = sameMomentsInput(m_facts.at(at), f);
            m_facts[at] = f;
            m_cellOfFact[at] = cell;
            if (!keep)
                schedule(at, now);
        } else {
            m_index.insert(f.id, m_facts.size());
            m_facts.append(f);
            m_cellOfFact.append(cell);
            m_nextAt.append(NotScheduled);
            schedule(m_facts.size() - 1, now);
        }
    }
    // An id without a row left the cache (a rejected new ticket).
    for (const QString &id : std::as_const(ids)) {
        if (present.contains(id))
            continue;
        const auto it = m_index.constFind(id);
        if (it != m_index.constEnd())
            removeAt(*it);
    }
    armTimer();
    emit changed(ids);
}

// Swap-remove: the last fact (and its schedule entry) moves into the place that left.
void TicketIndex::removeAt(qsizetype at)
{
    unschedule(at);
    m_index.remove(m_facts.at(at).id);
    const qsizetype last = m_facts.size() - 1;
    if (at != last) {
        const qint64 lastAt = m_nextAt.at(last);
        if (lastAt != NotScheduled) {
            m_schedule.erase({lastAt, last});
            m_schedule.insert({lastAt, at});
        }
        m_facts[at] = m_facts.at(last);
        m_cellOfFact[at] = m_cellOfFact.at(last);
        m_nextAt[at] = lastAt;
        m_index[m_facts.at(at).id] = at;
    }
    m_facts.removeLast();
    m_cellOfFact.removeLast();
    m_nextAt.removeLast();
}

TeamSettings TicketIndex::effectiveSettings() const
{
    if (m_savedSettings && m_savedSettings->seq > m_cachedSettings.seq)
        return *m_savedSettings;
    return m_cachedSettings;
}

void TicketIndex::reloadSettings()
{
    m_cachedSettings = m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
    setSettings(effectiveSettings());
}

void TicketIndex::applySavedSettings(const TeamSettings &settings)
{
    m_savedSettings = settings;
    setSettings(effectiveSettings());
}

void TicketIndex::setSettings(const TeamSettings &settings)
{
    const bool same = settings.atRiskFraction == m_settings.atRiskFraction
            && settings.notifyBeforeBreachMinutes == m_settings.notifyBeforeBreachMinutes;
    m_settings = settings;
    if (same)
        return;
    if (m_loaded)
        rescheduleAll();
    emit settingsChanged();
}

void TicketIndex::catalogsChanged()
{
    // Facts do not depend on the catalogs (deadlines come with the tickets); the views'
    // "most severe" does: they recompute from reset().
    if (m_loaded)
        emit reset();
}

bool TicketIndex::isRunning(const TicketFacts &f)
{
    return f.isOpen() && !f.firstResponseAt.isValid() && f.dueAt.isValid();
}

TicketIndex::Moments TicketIndex::moments(const TicketFacts &f) const
{
    const SlaMoments sla = ResponseClock::moments(f.times(), m_settings.atRiskFraction);
    Moments m;
    m.atRiskAtMs = sla.atRiskAtMs;
    m.breachedAtMs = sla.breachedAtMs;
    m.soonAtMs = sla.breachedAtMs - SoonHorizonMs;
    // The warning comes at the at-risk moment, or the team's "warn this long before a breach"
    // earlier, whichever is first — never before the ticket exists.
    m.warnAtMs = m.atRiskAtMs;
    if (m_settings.notifyBeforeBreachMinutes > 0)
        m.warnAtMs = std::min(m.warnAtMs, m.breachedAtMs
                                      - qint64(m_settings.notifyBeforeBreachMinutes) * 60000);
    const qint64 createdMs = f.createdAt.isValid() ? f.createdAt.toMSecsSinceEpoch() : 0;
    m.warnAtMs = std::max(m.warnAtMs, std::min(createdMs, m.breachedAtMs));
    return m;
}

SlaStatus TicketIndex::status(const TicketFacts &f, const QDateTime &at) const
{
    return ResponseClock::status(f.times(), at, m_settings.atRiskFraction);
}

std::optional<SlaStatus> TicketIndex::status(const QString &id, const QDateTime &at)
{
    const TicketFacts *f = fact(id);
    if (!f || !f->dueAt.isValid())
        return std::nullopt;
    return status(*f, at);
}

bool TicketIndex::isUnassignedMostSevere(const TicketFacts &f) const
{
    return SupportDesk::isUnassignedMostSevere(f, *m_catalogs);
}

QList<QDateTime> TicketIndex::quotaTicketTimes(const QString &customerId)
{
    QList<QDateTime> times;
    for (const TicketFacts &f : facts()) {
        if (f.customerId != customerId)
            continue;
        const PlanCatalog *plan = m_catalogs->plan(f.planId);
        const Edition *edition = plan ? plan->edition(f.editionId) : nullptr;
        if (edition && edition->monthlyQuota)
            times.append(f.createdAt);
    }
    return times;
}

QDateTime TicketIndex::nextMomentAt() const
{
    if (m_schedule.empty())
        return {};
    return QDateTime::fromMSecsSinceEpoch(m_schedule.begin()->first, Qt::UTC);
}

void TicketIndex::unschedule(qsizetype at)
{
    qint64 &next = m_nextAt[at];
    if (next == NotScheduled)
        return;
    m_schedule.erase({next, at});
    next = NotScheduled;
}

// The ticket's next moment after `now`, if time can still change it.
void TicketIndex::schedule(qsizetype at, qint64 now)
{
    const TicketFacts &f = m_facts.at(at);
    qint64 next = NotScheduled;
    if (isRunning(f)) {
        const Moments m = moments(f);
        for (qint64 t : {m.soonAtMs, m.warnAtMs, m.atRiskAtMs, m.breachedAtMs}) {
            if (t > now && (next == NotScheduled || t < next))
                next = t;
        }
    }
    if (next == m_nextAt.at(at))
        return;
    unschedule(at);
    if (next == NotScheduled)
        return;
    m_schedule.insert({next, at});
    m_nextAt[at] = next;
}

void TicketIndex::rescheduleAll()
{
    m_schedule.clear();
    m_nextAt.fill(NotScheduled, m_facts.size());
    const qint64 now = nowMs();
    for (qsizetype at = 0; at < m_facts.size(); ++at)
        schedule(at, now);
    armTimer();
}

void TicketIndex::checkNow()
{
    const qint64 now = nowMs();
    QVector<qsizetype> duePositions;
    while (!m_schedule.empty() && m_schedule.begin()->first <= now) {
        const qsizetype at = m_schedule.begin()->second;
        m_schedule.erase(m_schedule.begin());
        m_nextAt[at] = NotScheduled;
        duePositions.append(at);
    }
    QStringList due;
    due.reserve(duePositions.size());
    for (qsizetype at : std::as_const(duePositions)) {
        due.append(m_facts.at(at).id);
        schedule(at, now);
    }
    armTimer();
    if (!due.isEmpty())
        emit momentsPassed(due);
}

void TicketIndex::armTimer()
{
    if (m_schedule.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_schedule.begin()->first - nowMs(), 0, MaxSleepMs);
    m_timer.start(int(wait));
}

} // namespace SupportDesk
