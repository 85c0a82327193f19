// The lead board's live figures: a view of the session's TicketIndex (the ticket facts and
// their moments), with the board, attainment and quota figures of core/leadboard.h recomputed
// when tickets change (coalesced) and when the index's schedule says time alone changed a
// ticket's state (at risk → breached, into the breaching-soon list).
#pragma once

#include "clock.h"
#include "domain.h"
#include "leadboard.h"
#include "plancatalog.h"
#include "ticketindex.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace SupportDesk {

class DeskSession;
class MergedTickets;
class TicketCache;
class TicketIndex;

// Ticket ids behind the board's figures, for "open these tickets" from a tile or a row: found
// in the index when asked (LeadBoardModel::lists()), not held beside the figures.
struct BoardTicketLists
{
    QStringList atRisk;
    QStringList breached;
    QStringList unassignedBusinessDown;
    QHash<QString, QStringList> openByAgent; // "" is the unassigned
};

// Attainment over the three periods a lead looks at, the daily series and the distribution of
// first-response times.
struct AttainmentFigures
{
    enum Period { Today, SevenDays, ThirtyDays, PeriodCount };
    Attainment periods[PeriodCount];
    QVector<DayAttainment> daily;    // the last 30 days, in the team's zone
    QVector<int> histogramEdges;     // minutes
    QVector<int> histogram;          // tickets created in the last 30 days, by response time
};

class LeadBoardModel : public QObject
{
    Q_OBJECT

public:
    enum class Load { Now, WhenAsked };
    // The program's board, on the signed-in session. With Load::WhenAsked nothing is read
    // (and nothing ticks) until ensureLoaded(): the board's widget asks when first shown, so
    // a board that is never opened costs nothing.
    explicit LeadBoardModel(DeskSession *session, QObject *parent = nullptr,
                            Load load = Load::Now);
    // A board over a bare cache (tests, benchmarks), with an index of its own over it: edits
    // go straight to the cache's outbox.
    LeadBoardModel(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
                   QObject *parent = nullptr);
    ~LeadBoardModel() override;

    // Where "now" comes from (the index's clock: the session's server clock by default).
    void setClock(const Clock *clock);
    // How long a burst of ticket changes and moments is gathered before one recompute.
    void setCoalesceMs(int ms) { m_coalesce.setInterval(ms); }
    // The viewer's role when there is no session (tests): lead and admin see lead actions.
    void setViewerRole(AgentRole role);

    TicketCache *cache() const { return m_cache; }
    const CatalogSet &catalogs() const;
    QDateTime now() const;
    // The index's (parsed once per change, not per call).
    TeamSettings teamSettings() const;
    // The settings the server echoed after a save, shown until the feed brings them (held by
    // the index, so every view uses them).
    void applySavedSettings(const TeamSettings &settings);
    bool viewerIsLead() const;
    // The zone of the team-wide daily series: the first plan's quota zone.
    QTimeZone teamZone() const;

    // The figures of the last recompute. The cells do not list their tickets (openTicketsIn()
    // finds them): an id per open ticket, kept twice, was ~20 MB at a million tickets.
    const BoardSnapshot &board() const { return m_board; }
    // The tickets behind the tiles and rows, found in the index now under the figures' instant
    // (a pass over the index: for a click or a test, not for painting).
    BoardTicketLists lists() const;
    // The open tickets of one agent ("" the unassigned), and of the cells with these keys.
    QStringList openTicketsOf(const QString &agentId) const;
    QStringList openTicketsIn(const QStringList &cellKeys) const;
    const QVector<QuotaRow> &quota() const { return m_quota; }
    const AttainmentFigures &attainment() const { return m_attainment; }
    TicketIndex::FactRange facts() const;
    std::optional<TicketFacts> fact(const QString &id) const;
    TicketIndex *index() const { return m_ticketIndex; }
    QHash<QString, QString> subjects(const QStringList &ids) const;
    // Every account the cache knows (names in reports), and those who take tickets: the
    // people a ticket may be given to and whose load the board lists.
    const QVector<Agent> &agents() const { return m_agents; }
    const QVector<Agent> &assignees() const { return m_assignees; }
    QString agentName(const QString &id) const;
    const QVector<Customer> &customers() const { return m_customers; }
    std::optional<Customer> customer(const QString &id) const;
    // These tickets' facts from the index, with the over-quota flag and its override reason
    // (not in the index) read for all of them in one statement, and whether a closed one
    // nobody answered was merged away (in one more, when there is one): what a service
    // report needs.
    QVector<TicketFacts> fullFacts(const QStringList &ids) const;
    // A customer's monthly service report from the cache (the report dialog's offline
    // figures): the customer's tickets near the month chosen on the index's entries, then
    // fullFacts() and their severity changes. Empty for an unknown customer or month.
    ServiceReport serviceReport(const QString &customerId, int year, int month) const;
    // Time of the last recompute, in milliseconds.
    double lastRecomputeMs() const { return m_lastRecomputeMs; }

    // Puts an `assign` op in the outbox (empty agent: unassign). False with a reason when the
    // ticket is not in the cache or the cache refused the edit.
    bool reassign(const QString &ticketId, const QString &agentId, QString *error = nullptr);

    bool isLoaded() const { return m_loaded; }

public slots:
    // The first load, if not done yet; then the board stays live.
    void ensureLoaded();
    // The index reads every ticket from the cache again; the board recomputes.
    void reload();
    // Over a bare cache: tickets changed in the cache; the index reads them, the board
    // recomputes after a short pause that gathers a burst. (On a session the index follows
    // the session's changes itself.)
    void noteTicketsChanged(const QStringList &ids);
    // Recomputes from the facts held (time passed, settings changed).
    void recompute();
    // Reads agents and customers again (on a session: when it says they changed, signed in,
    // or the catalogs changed), then recomputes.
    void reloadDirectory();

signals:
    void boardChanged();
    void directoryChanged(); // agents, customers or catalogs
    void secondTick();       // once a second: live countdowns repaint

private:
    void init(Load load);
    void onIndexChanged(const QStringList &ids);
    void onTick();
    void computeQuota();
    void computeAttainment();

    DeskSession *m_session = nullptr;
    TicketCache *m_cache = nullptr;
    TicketIndex *m_ticketIndex = nullptr;
    std::unique_ptr<TicketIndex> m_ownIndex; // over a bare cache
    // Which closed tickets were merged away (quota and attainment leave them out), each read
    // once (desk/quotaledger.h).
    std::unique_ptr<MergedTickets> m_merged;
    std::optional<CatalogSet> m_ownCatalogs;
    std::optional<AgentRole> m_viewerRole;
    bool m_loaded = false;

    QVector<Agent> m_agents;
    QVector<Agent> m_assignees;
    QHash<QString, QString> m_agentNames;
    QVector<Customer> m_customers;

    BoardSnapshot m_board;
    QVector<QuotaRow> m_quota;
    AttainmentFigures m_attainment;
    QDateTime m_computedAt;
    double m_lastRecomputeMs = 0;

    QTimer m_coalesce;
    QTimer m_tick; // the countdowns' repaint, once a second; decides nothing
};

} // namespace SupportDesk
