// When to tell the agent: one of my tickets, or an unassigned ticket of the plan's most severe
// level (business-down), turns at risk or breaches. No widgets: TrayNotifier shows what this
// emits. Rules and the dedup store: docs/notifications.md.
//
// Wiring, in the main window (after the session is open):
//     auto *notifier = new Notifier(session, this);
//     notifier->setPreferences(settings.notifyPreferences());
//     auto *tray = new TrayNotifier(notifier, this);
//     connect(tray, &TrayNotifier::openTicket, this, &…::openTicket);
//     connect(tray, &TrayNotifier::fallbackNotice, statusBar(), …showMessage…);
#pragma once

#include "clock.h"
#include "domain.h"
#include "plancatalog.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>
#include <set>
#include <utility>

namespace SupportDesk {

class DeskSession;
class TicketCache;

class Notifier : public QObject
{
    Q_OBJECT

public:
    enum class Kind { AtRisk, Breached };
    Q_ENUM(Kind)

    // The agent's own choices (SettingsDialog); the thresholds are the team's.
    struct Preferences
    {
        bool myTickets = true;
        bool unassignedBusinessDown = true;
    };

    // On the signed-in session: its cache, catalogs, server clock, team settings and agent.
    // Reads the cache when the event loop next runs (connect to notify() before), or at
    // reload(); only the tickets that concern the agent are kept.
    explicit Notifier(DeskSession *session, QObject *parent = nullptr);
    // Over a bare cache (tests, benchmarks).
    Notifier(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
             const QString &meId, QObject *parent = nullptr);
    ~Notifier() override;

    // Where "now" comes from (the session's server clock by default). Re-evaluates.
    void setClock(const Clock *clock);
    void setPreferences(const Preferences &preferences);
    Preferences preferences() const { return m_preferences; }
    // How long a burst of ticket changes is gathered before it is read (default 100 ms).
    void setCoalesceMs(int ms) { m_coalesce.setInterval(ms); }
    // A breach older than this when the desk first sees it is not announced (it is in the
    // Breached queue and the count already). Default one hour.
    void setStaleBreachSeconds(qint64 seconds) { m_staleBreachMs = seconds * 1000; }

    // My open, unanswered tickets that are at risk or breached now: the tray's badge.
    int attentionCount() const { return m_attention; }
    // The tickets watched: mine and unassigned business-down, open and unanswered.
    int watchedCount() const { return int(m_entries.size()); }
    // The next instant at which some watched ticket changes state (null: none).
    QDateTime nextCheckAt() const;
    // When the at-risk warning of a watched ticket is due (null: not watched).
    QDateTime warningAt(const QString &ticketId) const;
    QString meId() const { return m_meId; }

    // The persisted record of what was announced (cache key/value "notifier_sent").
    static QString sentKey(const QString &ticketId, Kind kind, qint64 deadlineMs);

public slots:
    // Reads every ticket, the team settings and the agent again.
    void reload();
    // Tickets changed in the cache: read them again after a short pause.
    void noteTicketsChanged(const QStringList &ids);
    // Reads what noteTicketsChanged gathered now, without waiting for the pause.
    void flushPendingChanges();
    // Handles every threshold passed by now; the timer calls it.
    void checkNow();
    // Team settings or catalogs may have changed (the sync went idle).
    void reloadSettings();

signals:
    void notify(const QString &ticketId, SupportDesk::Notifier::Kind kind, const QString &title,
                const QString &text);
    void attentionCountChanged(int count);

private:
    enum class State : quint8 { OnTrack, AtRisk, Breached };
    struct Entry
    {
        qint64 createdMs = 0;
        qint64 deadlineMs = 0;
        qint64 warnAtMs = 0; // the at-risk notification
        qint64 atRiskAtMs = 0; // the at-risk state (the team's fraction), for the count
        qint64 scheduledMs = -1;
        bool mine = false;
        bool unassignedDown = false;
        State state = State::OnTrack;
    };

    void init();
    qint64 nowMs() const;
    TeamSettings currentTeamSettings() const;
    void computeInstants(Entry &e) const;
    void upsert(const QString &id, const Entry &e, qint64 now);
    void remove(const QString &id);
    void evaluate(const QString &id, Entry &e, qint64 now, bool *sentChanged);
    void announce(const QString &id, const Entry &e, Kind kind, qint64 now);
    void reschedule();
    void setAttention(int count);
    void loadSent();
    void saveSent(qint64 now);
    bool isBusinessDown(const QString &planId, const QString &severity) const;
    const CatalogSet &catalogs() const;

    DeskSession *m_session = nullptr;
    TicketCache *m_cache = nullptr;
    const CatalogSet *m_catalogs = nullptr;
    const Clock *m_clock = nullptr;
    QString m_meId;
    Preferences m_preferences;
    TeamSettings m_settings;
    qint64 m_staleBreachMs = 3600 * 1000;

    QHash<QString, Entry> m_entries;
    std::set<std::pair<qint64, QString>> m_schedule; // (instant, ticket): the next of each
    QSet<QString> m_sent;
    QSet<QString> m_changed;
    int m_attention = 0;
    bool m_loaded = false;
    QTimer m_coalesce;
    QTimer m_timer;
};

} // namespace SupportDesk
