// The desk's one live index of ticket facts and its one schedule of response moments: the
// notifier, the lead board, the quota ledger and the ticket pane read tickets and decide "at
// risk" and "breached" here, so no two of them can disagree (docs/index.md).
#pragma once

#include "clock.h"
#include "domain.h"
#include "leadboard.h"
#include "responseclock.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>
#include <set>
#include <utility>

namespace SupportDesk {

class CatalogSet;
class TicketCache;
struct QueueRows;

class TicketIndex : public QObject
{
    Q_OBJECT

public:
    // The instants at which time alone changes what some view shows of an unanswered ticket.
    struct Moments
    {
        qint64 warnAtMs = 0;     // the notifier's warning: at risk, or the team's lead time
        qint64 atRiskAtMs = 0;   // ResponseClock::moments() with the team's fraction
        qint64 breachedAtMs = 0; // the deadline
        qint64 soonAtMs = 0;     // enters the lead board's breaching-soon list
    };

    // Over a cache read on this thread; `catalogs` and `clock` are held, not owned (the
    // session's, or a test's). Nothing is read until first asked (ensureLoaded()).
    TicketIndex(TicketCache *cache, const CatalogSet *catalogs, const Clock *clock,
                QObject *parent = nullptr);
    ~TicketIndex() override;

    // How far ahead the lead board's breaching-soon list looks (the soon moment).
    static constexpr qint64 SoonHorizonMs = 60 * 60 * 1000;
    // The timer never sleeps longer than this: the server clock's offset and the machine's
    // own clock (suspend, NTP) may move under it.
    static constexpr qint64 MaxSleepMs = 60 * 1000;

    TicketCache *cache() const { return m_cache; }
    const CatalogSet &catalogs() const { return *m_catalogs; }
    const Clock *clock() const { return m_clock; }
    void setClock(const Clock *clock);
    qint64 nowMs() const;
    QDateTime now() const;

    bool isLoaded() const { return m_loaded; }
    // Reads every ticket once, if not done yet.
    void ensureLoaded();

    // The facts, in no particular order; positions change when tickets leave.
    const QVector<TicketFacts> &facts();
    const TicketFacts *fact(const QString &id);
    qsizetype size() { return facts().size(); }
    // Beside each fact: its "plan/edition/severity" cell, an index into cellKeys() (which
    // never shrinks while loaded).
    const QVector<int> &cellOfFacts() { ensureLoaded(); return m_cellOfFact; }
    const QStringList &cellKeys() const { return m_cellKeys; }

    // The team's settings, parsed once when they change (reloadSettings()), not per call.
    const TeamSettings &teamSettings() const { return m_settings; }
    double atRiskFraction() const { return m_settings.atRiskFraction; }

    // The one answer to "what state is this ticket in at this instant" for every view: the
    // response clock with the team's at-risk fraction. Null status for an unknown ticket.
    std::optional<SlaStatus> status(const QString &id, const QDateTime &at);
    SlaStatus status(const TicketFacts &facts, const QDateTime &at) const;
    // Open (not resolved or closed), unanswered, with a deadline: time changes its state.
    static bool isRunning(const TicketFacts &facts);
    Moments moments(const TicketFacts &facts) const;
    // "Unassigned most severe" (core/leadboard.h) under the session's catalogs.
    bool isUnassignedMostSevere(const TicketFacts &facts) const;
    // The customer's tickets in editions that have a monthly quota: their creation times.
    QList<QDateTime> quotaTicketTimes(const QString &customerId);

    // The next scheduled moment of any ticket (null: none), and how many are scheduled.
    QDateTime nextMomentAt() const;
    qsizetype scheduledCount() const { return qsizetype(m_schedule.size()); }
    // How many times the index read tickets: one per reset or change batch (tests, benches).
    quint64 readCount() const { return m_reads; }

public slots:
    // Every ticket again: from rows already read (the session's reset), else from the cache.
    void reload();
    void reloadFrom(const QueueRows &rows);
    // These tickets changed in the cache: read them once and tell the views.
    void update(const QStringList &ids);
    // The team settings again from the cache (the sync went idle): a change moves every
    // ticket's moments.
    void reloadSettings();
    // Settings a save just returned, kept until the feed brings the same or newer ones.
    void applySavedSettings(const TeamSettings &settings);
    // The catalogs changed (most severe level, targets): flags and moments again.
    void catalogsChanged();
    // Handles every moment passed by now; the timer calls it, and so may a moved clock.
    void checkNow();

signals:
    // Every fact may have changed (loaded or reloaded).
    void reset();
    // These tickets' facts changed, or they left (fact() is null then).
    void changed(const QStringList &ids);
    // Time alone passed a moment of these tickets (their state may have changed).
    void momentsPassed(const QStringList &ids);
    // The team settings changed: states may have changed for every ticket.
    void settingsChanged();

private:
    TeamSettings effectiveSettings() const;
    void setSettings(const TeamSettings &settings);
    void loadRows(const QueueRows &rows);
    int cellIndex(const TicketFacts &f);
    void schedule(qsizetype at, qint64 now);
    void unschedule(qsizetype at);
    void removeAt(qsizetype at);
    void rescheduleAll();
    void armTimer();

    TicketCache *m_cache;
    const CatalogSet *m_catalogs;
    const Clock *m_clock;
    bool m_loaded = false;
    quint64 m_reads = 0;

    TeamSettings m_settings;
    TeamSettings m_cachedSettings;
    std::optional<TeamSettings> m_savedSettings;

    QVector<TicketFacts> m_facts;
    QVector<int> m_cellOfFact;
    QStringList m_cellKeys;
    QHash<QString, int> m_cellOf;
    QHash<QString, qsizetype> m_index;
    // The schedule is keyed by position in m_facts, not by id: no id string per entry, and a
    // ticket that leaves moves the last one's entry to its place (removeAt()).
    static constexpr qint64 NotScheduled = -1;
    QVector<qint64> m_nextAt; // beside each fact: its instant in m_schedule, or NotScheduled
    std::set<std::pair<qint64, qsizetype>> m_schedule; // (instant, position): the next of each
    QTimer m_timer;
};

} // namespace SupportDesk
