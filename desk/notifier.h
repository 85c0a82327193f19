// When to tell the agent: one of my tickets, or an unassigned ticket of the plan's most severe
// level (business-down), turns at risk or breaches. A view of the session's TicketIndex: it
// reads no tickets and keeps no timer of its own; the index's changes and moments drive it.
// No widgets: TrayNotifier shows what this emits. Rules and the dedup store:
// docs/notifications.md.
//
// Wiring, in the main window (after the session is open):
//     auto *notifier = new Notifier(session, this);
//     notifier->setPreferences(settings.notifyPreferences());
//     auto *tray = new TrayNotifier(notifier, this);
//     connect(tray, &TrayNotifier::openTicket, this, &…::openTicket);
//     connect(tray, &TrayNotifier::fallbackNotice, statusBar(), …showMessage…);
#pragma once

#include <algorithm>

#include "clock.h"
#include "domain.h"
#include "leadboard.h"
#include "plancatalog.h"
#include "responseclock.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>
#include <memory>

namespace SupportDesk {

class ChangedRowsReader;
struct ChangedRows;
class DeskSession;
class TicketCache;
class TicketIndex;

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

    // On the signed-in session: its ticket index (facts, moments, team settings), catalogs
    // and agent. Looks at the index when the event loop next runs (connect to notify()
    // before), or at reload().
    explicit Notifier(DeskSession *session, QObject *parent = nullptr);
    // Over a bare cache (tests, benchmarks): an index of its own over the cache.
    Notifier(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
             const QString &meId, QObject *parent = nullptr);
    ~Notifier() override;

    // Where "now" comes from (the index's clock: the session's server clock by default).
    // Re-evaluates.
    void setClock(const Clock *clock);
    void setPreferences(const Preferences &preferences);
    Preferences preferences() const { return m_preferences; }
    // How long noteTicketsChanged() gathers a burst before the index reads it (default 100 ms).
    void setCoalesceMs(int ms) { m_coalesce.setInterval(ms); }
    // How many of the index's tickets the pass after the session's reset looks at per event
    // (default 16,384: ~7 ms of GUI time; the whole 100k in one event took ~45 ms).
    void setPassSliceSize(qsizetype size) { m_sliceSize = std::max<qsizetype>(1, size); }
    // A breach older than this when the desk first sees it is not announced (it is in the
    // Breached queue and the count already). Default one hour.
    void setStaleBreachSeconds(qint64 seconds) { m_staleBreachMs = seconds * 1000; }

    // My open, unanswered tickets that are at risk or breached now: the tray's badge.
    int attentionCount() const { return m_attention; }
    // The tickets watched: mine and unassigned business-down, open and unanswered.
    int watchedCount() const { return int(m_watched.size()); }
    // The next instant at which some watched ticket changes state (null: none).
    QDateTime nextCheckAt() const;
    // When the at-risk warning of a watched ticket is due (null: not watched).
    QDateTime warningAt(const QString &ticketId) const;
    QString meId() const { return m_meId; }
    TicketIndex *index() const { return m_index; }

    // The persisted record of what was announced (cache key/value "notifier_sent").
    static QString sentKey(const QString &ticketId, Kind kind, qint64 deadlineMs);
    // Subjects of announced tickets read on this thread: over a bare cache (tests, benchmarks,
    // a cache without a file); on a session's cache file they are read on a thread of their
    // own and the notice follows (tests).
    quint64 subjectsReadHere() const { return m_subjectsReadHere; }
    // Notices decided and waiting for their subjects' read (tests).
    qsizetype noticesWaiting() const { return qsizetype(m_waiting.size()); }

public slots:
    // Looks at every ticket of the index again.
    void reload();
    // Over a bare cache: tickets changed in the cache; the index reads them after a short
    // pause. (On a session the index follows the session's changes itself.)
    void noteTicketsChanged(const QStringList &ids);
    // Hands what noteTicketsChanged gathered to the index now, without waiting for the pause.
    void flushPendingChanges();
    // Handles every moment passed by now (the index's timer does this by itself).
    void checkNow();
    // Over a bare cache: the team settings may have changed; the index reads them again.
    void reloadSettings();

signals:
    void notify(const QString &ticketId, SupportDesk::Notifier::Kind kind, const QString &title,
                const QString &text);
    void attentionCountChanged(int count);

private:
    enum class State : quint8 { OnTrack, AtRisk, Breached };
    // What the notifier decided of a watched ticket: derived from the index, not a copy of it.
    struct Watch
    {
        bool mine = false;
        bool unassignedDown = false;
        State state = State::OnTrack;
    };

    void init();
    qint64 nowMs() const;
    void evaluateAll();
    void evaluateRange(qsizetype from, qsizetype to, qint64 now, int *count, bool *sentChanged);
    // The pass after the session's reset, a slice per event.
    void startSlicedPass();
    void evaluateSlice(quint64 pass);
    void evaluateIds(const QStringList &ids);
    // Why a ticket concerns me, decided on the index's compact entry (no TicketFacts made):
    // mine, or nobody's at its plan's most severe level (core's isUnassignedMostSevere).
    struct Concern
    {
        bool mine = false;
        bool down = false;
        bool any() const { return mine || down; }
    };
    // The index's code of my id (NoWord when no ticket has it).
    quint32 meCode() const;
    Concern concernAt(qsizetype at, quint32 me) const;
    // Brings one ticket's watch to `now`: announces what is due, adjusts the count. `at` is
    // its position in the index (-1: it left).
    void evaluate(const QString &id, qsizetype at, Concern concern, qint64 now, int *count,
                  bool *sentChanged);
    // A notice decided: worded and emitted once its subject is read (sendNotices()).
    struct Notice
    {
        QString id;
        bool mine = false;
        Kind kind = Kind::AtRisk;
        TicketFacts facts;
        SlaStatus status;
    };
    void announce(const QString &id, bool mine, qsizetype at, Kind kind, qint64 now);
    // The notices decided in this event, their subjects read in one go: off this thread on a
    // session's cache file, else here.
    void sendNotices();
    void takeSubjects(quint64 read, const std::shared_ptr<ChangedRows> &rows);
    void emitNotice(const Notice &notice, const QString &subject);
    void setAttention(int count);
    void loadSent();
    void saveSent(qint64 now);
    const CatalogSet &catalogs() const;

    DeskSession *m_session = nullptr;
    TicketIndex *m_index = nullptr;
    std::unique_ptr<TicketIndex> m_ownIndex; // over a bare cache
    QString m_meId;
    Preferences m_preferences;
    qint64 m_staleBreachMs = 3600 * 1000;

    QHash<QString, Watch> m_watched;
    QSet<QString> m_sent;
    QSet<QString> m_changed;
    int m_attention = 0;
    bool m_loaded = false;
    // The sliced pass: its number (a reload or a new pass ends the one under way), where it
    // is, and whether a ticket left the index under it (a swap-remove may have moved one not
    // yet looked at behind `m_passAt`: the pass starts over, evaluating is idempotent).
    quint64 m_pass = 0;
    bool m_passActive = false;
    bool m_passRestart = false;
    qsizetype m_passAt = 0;
    qsizetype m_sliceSize = 16384;
    QTimer m_coalesce;
    // Decided, not yet sent: by the read that brings their subjects (0: not asked yet).
    std::deque<std::pair<quint64, Notice>> m_waiting;
    quint64 m_lastRead = 0;
    quint64 m_subjectsReadHere = 0;
    // Last: joined before what its deliveries touch goes.
    std::unique_ptr<ChangedRowsReader> m_reader;
};

} // namespace SupportDesk
