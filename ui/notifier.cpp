#include "notifier.h"

#include "desksession.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace SupportDesk {

namespace {

const QString SentKey = QStringLiteral("notifier_sent");
// The timer never sleeps longer than this: the server clock's offset and the machine's own
// clock (suspend, NTP) may move under it.
constexpr qint64 MaxSleepMs = 60 * 1000;
// Keys of deadlines older than the stale horizon plus this are dropped from the store.
constexpr qint64 KeepSentMs = 24 * 3600 * 1000;

Language currentCatalogLanguage()
{
    return languageFromCode(QLocale().name());
}

} // namespace

Notifier::Notifier(DeskSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_cache(session->cache())
    , m_clock(session->clock())
{
    if (const auto me = session->me())
        m_meId = me->id;
    connect(session, &DeskSession::ticketsChanged, this, &Notifier::noteTicketsChanged);
    connect(session, &DeskSession::cacheReset, this, &Notifier::reload);
    connect(session, &DeskSession::idle, this, &Notifier::reloadSettings);
    connect(session, &DeskSession::catalogsChanged, this, &Notifier::reload);
    connect(session, &DeskSession::clockOffsetChanged, this, &Notifier::checkNow);
    connect(session, &DeskSession::signedIn, this, [this](const Agent &me) {
        if (me.id != m_meId) {
            m_meId = me.id;
            reload();
        }
    });
    // Another account's cache was put away: its tickets are nobody's "mine" until signedIn.
    connect(session, &DeskSession::signedOut, this, [this] { m_meId.clear(); });
    init();
}

Notifier::Notifier(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
                   const QString &meId, QObject *parent)
    : QObject(parent)
    , m_cache(cache)
    , m_catalogs(&catalogs)
    , m_clock(clock)
    , m_meId(meId)
{
    init();
}

Notifier::~Notifier() = default;

void Notifier::init()
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &Notifier::flushPendingChanges);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Notifier::checkNow);
    loadSent();
    // Read once the event loop runs: whoever made the notifier connects to it first, so the
    // notifications due at start are seen (and not just recorded as sent).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_loaded)
                reload();
        },
        Qt::QueuedConnection);
}

const CatalogSet &Notifier::catalogs() const
{
    return m_session ? m_session->catalogs() : *m_catalogs;
}

qint64 Notifier::nowMs() const
{
    return (m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc()).toMSecsSinceEpoch();
}

TeamSettings Notifier::currentTeamSettings() const
{
    if (m_session)
        return m_session->teamSettings();
    return m_cache && m_cache->isOpen() ? m_cache->teamSettings() : TeamSettings();
}

void Notifier::setClock(const Clock *clock)
{
    m_clock = clock;
    checkNow();
}

void Notifier::setPreferences(const Preferences &preferences)
{
    m_preferences = preferences;
}

QDateTime Notifier::nextCheckAt() const
{
    if (m_schedule.empty())
        return {};
    return QDateTime::fromMSecsSinceEpoch(m_schedule.begin()->first, Qt::UTC);
}

QDateTime Notifier::warningAt(const QString &ticketId) const
{
    const auto it = m_entries.constFind(ticketId);
    if (it == m_entries.constEnd())
        return {};
    return QDateTime::fromMSecsSinceEpoch(it->warnAtMs, Qt::UTC);
}

QString Notifier::sentKey(const QString &ticketId, Kind kind, qint64 deadlineMs)
{
    return QStringLiteral("%1 %2 %3")
        .arg(ticketId,
             kind == Kind::AtRisk ? QStringLiteral("at-risk") : QStringLiteral("breached"))
        .arg(deadlineMs);
}

bool Notifier::isBusinessDown(const QString &planId, const QString &severity) const
{
    return catalogs().isMostSevere(planId, severity);
}

// The at-risk state starts at ResponseClock's at-risk moment; the warning comes then, or the
// team's "warn this long before a breach" earlier, whichever is first — never before the
// ticket exists.
void Notifier::computeInstants(Entry &e) const
{
    e.atRiskAtMs
        = ResponseClock::moments(e.createdMs, e.deadlineMs, m_settings.atRiskFraction).atRiskAtMs;
    e.warnAtMs = e.atRiskAtMs;
    if (m_settings.notifyBeforeBreachMinutes > 0)
        e.warnAtMs = std::min(e.warnAtMs,
                              e.deadlineMs - qint64(m_settings.notifyBeforeBreachMinutes) * 60000);
    e.warnAtMs = std::max(e.warnAtMs, std::min(e.createdMs, e.deadlineMs));
}

void Notifier::reload()
{
    m_loaded = true;
    m_coalesce.stop();
    m_changed.clear();
    m_entries.clear();
    m_schedule.clear();
    m_settings = currentTeamSettings();
    if (!m_cache || !m_cache->isOpen()) {
        setAttention(0);
        reschedule();
        return;
    }
    const QueueRows rows = m_session ? m_session->ticketRows() : m_cache->loadTicketRows();
    const quint32 meCode = m_meId.isEmpty() ? quint32(-1) : rows.code(m_meId);
    const bool meKnown = !m_meId.isEmpty() && rows.word(meCode) == m_meId;
    const qint64 now = nowMs();
    bool sentChanged = false;
    // Codes decide before any string is made: of 100k rows only the few that concern the
    // agent get an entry.
    QHash<quint64, bool> downBySeverityAndPlan;
    for (const TicketRow &row : rows.rows) {
        if (row.firstResponseAtMs != 0 || row.dueAtMs == 0)
            continue;
        const bool mine = meKnown && row.assignee == meCode;
        bool down = false;
        if (!mine) {
            if (row.assignee != 0)
                continue;
            const quint64 key = (quint64(row.plan) << 32) | row.severity;
            auto it = downBySeverityAndPlan.find(key);
            if (it == downBySeverityAndPlan.end())
                it = downBySeverityAndPlan.insert(
                    key, isBusinessDown(rows.word(row.plan), rows.word(row.severity)));
            down = *it;
            if (!down)
                continue;
        }
        if (!TicketStatus::isOpen(rows.word(row.status)))
            continue;
        Entry e;
        e.createdMs = row.createdAtMs;
        e.deadlineMs = row.dueAtMs;
        e.mine = mine;
        e.unassignedDown = down;
        computeInstants(e);
        const QString id = row.id();
        auto it = m_entries.insert(id, e);
        evaluate(id, *it, now, &sentChanged);
    }
    int count = 0;
    for (const Entry &e : std::as_const(m_entries))
        count += e.mine && e.state != State::OnTrack;
    setAttention(count);
    if (sentChanged)
        saveSent(now);
    reschedule();
}

void Notifier::reloadSettings()
{
    const TeamSettings s = currentTeamSettings();
    if (qFuzzyCompare(s.atRiskFraction, m_settings.atRiskFraction)
        && s.notifyBeforeBreachMinutes == m_settings.notifyBeforeBreachMinutes)
        return;
    m_settings = s;
    const qint64 now = nowMs();
    bool sentChanged = false;
    m_schedule.clear();
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        it->scheduledMs = -1;
        computeInstants(*it);
        evaluate(it.key(), *it, now, &sentChanged);
    }
    int count = 0;
    for (const Entry &e : std::as_const(m_entries))
        count += e.mine && e.state != State::OnTrack;
    setAttention(count);
    if (sentChanged)
        saveSent(now);
    reschedule();
}

void Notifier::noteTicketsChanged(const QStringList &ids)
{
    for (const QString &id : ids)
        m_changed.insert(id);
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void Notifier::flushPendingChanges()
{
    m_coalesce.stop();
    if (!m_loaded) {
        reload();
        return;
    }
    if (m_changed.isEmpty() || !m_cache || !m_cache->isOpen())
        return;
    const QStringList ids(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    const QueueRows rows = m_cache->loadTicketRows(ids);
    const qint64 now = nowMs();
    QSet<QString> seen;
    bool sentChanged = false;
    int count = m_attention;
    for (const TicketRow &row : rows.rows) {
        const QString id = row.id();
        seen.insert(id);
        const auto old = m_entries.constFind(id);
        if (old != m_entries.constEnd() && old->mine && old->state != State::OnTrack)
            --count;
        const bool open = row.firstResponseAtMs == 0 && row.dueAtMs != 0
            && TicketStatus::isOpen(rows.word(row.status));
        const QString assignee = rows.word(row.assignee);
        const bool mine = !m_meId.isEmpty() && assignee == m_meId;
        const bool down = !mine && assignee.isEmpty()
            && isBusinessDown(rows.word(row.plan), rows.word(row.severity));
        if (!open || (!mine && !down)) {
            remove(id);
            continue;
        }
        Entry e;
        e.createdMs = row.createdAtMs;
        e.deadlineMs = row.dueAtMs;
        e.mine = mine;
        e.unassignedDown = down;
        computeInstants(e);
        remove(id);
        auto it = m_entries.insert(id, e);
        evaluate(id, *it, now, &sentChanged);
        if (it->mine && it->state != State::OnTrack)
            ++count;
    }
    // Gone from the cache.
    for (const QString &id : ids) {
        if (seen.contains(id))
            continue;
        const auto old = m_entries.constFind(id);
        if (old == m_entries.constEnd())
            continue;
        if (old->mine && old->state != State::OnTrack)
            --count;
        remove(id);
    }
    setAttention(count);
    if (sentChanged)
        saveSent(now);
    reschedule();
}

void Notifier::remove(const QString &id)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    if (it->scheduledMs >= 0)
        m_schedule.erase({ it->scheduledMs, id });
    m_entries.erase(it);
}

// Brings the entry's state to `now`, announces what is due and not yet announced, and
// schedules its next instant.
void Notifier::evaluate(const QString &id, Entry &e, qint64 now, bool *sentChanged)
{
    if (e.scheduledMs >= 0) {
        m_schedule.erase({ e.scheduledMs, id });
        e.scheduledMs = -1;
    }
    e.state = now >= e.deadlineMs ? State::Breached
        : now >= e.atRiskAtMs     ? State::AtRisk
                                  : State::OnTrack;
    const bool wanted = (e.mine && m_preferences.myTickets)
        || (e.unassignedDown && m_preferences.unassignedBusinessDown);
    if (wanted) {
        if (now >= e.deadlineMs) {
            // A breach seen long after the fact is not news; the at-risk warning it overtook
            // is not sent late either.
            const QString key = sentKey(id, Kind::Breached, e.deadlineMs);
            if (now - e.deadlineMs <= m_staleBreachMs && !m_sent.contains(key)) {
                m_sent.insert(key);
                *sentChanged = true;
                announce(id, e, Kind::Breached, now);
            }
        } else if (now >= e.warnAtMs) {
            const QString key = sentKey(id, Kind::AtRisk, e.deadlineMs);
            if (!m_sent.contains(key)) {
                m_sent.insert(key);
                *sentChanged = true;
                announce(id, e, Kind::AtRisk, now);
            }
        }
    }
    qint64 next = -1;
    for (qint64 t : { e.warnAtMs, e.atRiskAtMs, e.deadlineMs }) {
        if (t > now && (next < 0 || t < next))
            next = t;
    }
    if (next >= 0) {
        e.scheduledMs = next;
        m_schedule.insert({ next, id });
    }
}

void Notifier::announce(const QString &id, const Entry &e, Kind kind, qint64 now)
{
    QString label;
    QString detail;
    if (m_cache) {
        if (const auto t = m_cache->ticket(id)) {
            label = t->number > 0 ? tr("#%1 %2").arg(t->number).arg(t->subject) : t->subject;
            const Language language = currentCatalogLanguage();
            if (const PlanCatalog *plan = catalogs().plan(t->planId)) {
                const Edition *edition = plan->edition(t->editionId);
                const Severity *severity = plan->severity(t->severity);
                //: edition and severity of a ticket, e.g. "S2 Enterprise, Business unavailable"
                detail = tr("%1, %2").arg(edition ? edition->names.text(language) : t->editionId,
                                          severity ? severity->names.text(language) : t->severity);
            }
        }
    }
    if (label.isEmpty())
        label = id;
    ResponseTimes times;
    times.createdAt = QDateTime::fromMSecsSinceEpoch(e.createdMs, Qt::UTC);
    times.deadline = QDateTime::fromMSecsSinceEpoch(e.deadlineMs, Qt::UTC);
    const SlaStatus status = ResponseClock::status(
        times, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC), m_settings.atRiskFraction);
    const QString when = TimeFormat::countdownWords(status);
    QString title;
    if (kind == Kind::AtRisk)
        title = e.mine ? tr("Your ticket is at risk: %1").arg(label)
                       : tr("Unassigned ticket at risk: %1").arg(label);
    else
        title = e.mine ? tr("Your ticket breached its response target: %1").arg(label)
                       : tr("Unassigned ticket breached its response target: %1").arg(label);
    QString text = detail.isEmpty() ? when : tr("%1 — %2").arg(when, detail);
    if (!e.mine)
        text = tr("%1. Nobody has taken it yet.").arg(text);
    emit notify(id, kind, title, text);
}

void Notifier::checkNow()
{
    const qint64 now = nowMs();
    QStringList due;
    while (!m_schedule.empty() && m_schedule.begin()->first <= now) {
        due.append(m_schedule.begin()->second);
        m_schedule.erase(m_schedule.begin());
    }
    bool sentChanged = false;
    int count = m_attention;
    for (const QString &id : std::as_const(due)) {
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        it->scheduledMs = -1;
        const bool counted = it->mine && it->state != State::OnTrack;
        evaluate(id, *it, now, &sentChanged);
        count += int(it->mine && it->state != State::OnTrack) - int(counted);
    }
    setAttention(count);
    if (sentChanged)
        saveSent(now);
    reschedule();
}

void Notifier::reschedule()
{
    if (m_schedule.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::clamp<qint64>(m_schedule.begin()->first - nowMs(), 0, MaxSleepMs);
    m_timer.start(int(wait));
}

void Notifier::setAttention(int count)
{
    if (count == m_attention)
        return;
    m_attention = count;
    emit attentionCountChanged(count);
}

void Notifier::loadSent()
{
    m_sent.clear();
    if (!m_cache || !m_cache->isOpen())
        return;
    const QJsonArray list = QJsonDocument::fromJson(m_cache->syncValue(SentKey).toUtf8()).array();
    for (const QJsonValue &v : list)
        m_sent.insert(v.toString());
}

void Notifier::saveSent(qint64 now)
{
    if (!m_cache || !m_cache->isOpen())
        return;
    // A deadline long past can never be announced again (the stale rule): its keys go.
    const qint64 oldest = now - m_staleBreachMs - KeepSentMs;
    QJsonArray list;
    for (auto it = m_sent.begin(); it != m_sent.end();) {
        const qint64 deadline = it->section(QLatin1Char(' '), -1).toLongLong();
        if (deadline < oldest) {
            it = m_sent.erase(it);
            continue;
        }
        list.append(*it);
        ++it;
    }
    // A failed write costs at most a repeated notification after a restart.
    const QString value = QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
    if (m_session)
        m_session->storeSyncValue(SentKey, value); // by the sync thread: no wait for its writes
    else
        m_cache->setSyncValue(SentKey, value);
}

} // namespace SupportDesk
