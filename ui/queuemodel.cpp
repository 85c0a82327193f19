// The agent's queue model: construction, session signals and the settings it is viewed under.
#include "queuemodel.h"
#include "queuemodel_p.h"

#include "changedrows.h"
#include "desksession.h"
#include "domain.h"
#include "ticketindex.h"

#include <QLocale>

namespace SupportDesk {

using namespace QueueModelDetail;

QueueModel::QueueModel(DeskSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
    , m_cache(session->cache())
    , m_clock(session->clock())
{
    // The session reads a change's rows once, off this thread, for its index and this queue:
    // merged in the event the index takes them, so the queue's rows and the index's facts
    // never disagree between two events.
    connect(session->changedRows(), &ChangedRowsFeed::rowsRead, this,
            &QueueModel::mergeChangedRows);
    connect(session, &DeskSession::cacheReset, this, [this] {
        // The sync thread read the rows for the reset: they are made into the queue's own on
        // a thread of their own, and only the order is made here.
        if (const auto rows = m_session->resetRows())
            startPrepare(rows);
        else
            reload();
    });
    connect(session, &DeskSession::catalogsChanged, this, [this] {
        loadDirectory();
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
    const auto directory = [this] {
        loadDirectory();
        // Names may have changed: an order by them is made again.
        if (m_sortColumn == CustomerColumn || m_sortColumn == AssigneeColumn)
            resort();
        if (rowCount() > 0)
            emit dataChanged(index(0, CustomerColumn), index(rowCount() - 1, AssigneeColumn));
    };
    // Read again when the feed brought customers or agents, not at every idle of the sync.
    connect(session, &DeskSession::directoryChanged, this, directory);
    connect(session, &DeskSession::signedIn, this, [this, directory] {
        directory();
        if (m_agentId.isEmpty()) {
            settleTally();
            refreshCodes();
            retally();
            if (m_queue == MyTickets)
                refilter();
        }
    });
    // The team's at-risk share is the session index's, parsed once per change, so the queue
    // and the pane, the notifier and the lead board call the same ticket at risk at the same
    // instant; and the index's one schedule wakes the queue at each at-risk and breach moment.
    TicketIndex *ticketIndex = session->index();
    connect(ticketIndex, &TicketIndex::settingsChanged, this, [this, ticketIndex] {
        if (ticketIndex->atRiskFraction() != m_atRiskFraction)
            setAtRiskFraction(ticketIndex->atRiskFraction());
    });
    connect(ticketIndex, &TicketIndex::momentsPassed, this, &QueueModel::refreshTimeDependent);
    connect(session, &DeskSession::searchIndexReady, this, [this] {
        if (m_searchActive)
            setSearchText(m_searchText);
    });
    init();
}

QueueModel::QueueModel(TicketCache *cache, const CatalogSet &catalogs, const Clock *clock,
                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_cache(cache)
    , m_ownCatalogs(catalogs)
    , m_clock(clock)
{
    m_ownIndex = std::make_unique<TicketIndex>(cache, &*m_ownCatalogs, clock);
    init();
}

QueueModel::~QueueModel() = default;

void QueueModel::init()
{
    m_language = languageFromCode(QLocale().name());
    // Named for profiles and benchmarks (bench/ui/guievents.h names a timer's events by it).
    m_coalesce.setObjectName(QStringLiteral("queue-gather"));
    m_recount.setObjectName(QStringLiteral("queue-recount"));
    m_transition.setObjectName(QStringLiteral("queue-transition"));
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(50);
    connect(&m_coalesce, &QTimer::timeout, this, &QueueModel::readGatheredChanges);
    m_recount.setSingleShot(true);
    m_recount.setInterval(100);
    connect(&m_recount, &QTimer::timeout, this, &QueueModel::recountMerged);
    m_transition.setSingleShot(true);
    connect(&m_transition, &QTimer::timeout, this, &QueueModel::refreshTimeDependent);
    // The rows hold their tickets' positions in the index: a swap-remove moves one.
    connect(ticketIndex(), &TicketIndex::entryRemoving, this, &QueueModel::entryRemoving);
    // Before the index changes entries the queue sorted and counted by (point 1).
    connect(ticketIndex(), &TicketIndex::entriesChanging, this, &QueueModel::aboutToApply);
    // A content of the index not read with the queue's own rows (the initial sync's, adopted
    // while the queue's rows for it are still being made; another file's): the rows held
    // find their entries in it (a lookup a row; the queue's own loads take theirs from the
    // pass, takeEntries()).
    connect(ticketIndex(), &TicketIndex::reset, this, [this] {
        if (m_entriesOf == ticketIndex()->layoutGeneration())
            return;
        // The initial sync's content was made from the rows read for the reset: the rows
        // held until the queue's own are made from them have their entries' words then.
        resolveEntries();
        // The initial sync's content was made from the rows read for the reset: the rows
        // held until the queue's own are made from them (an interrupted initial sync) take
        // their dictionary, so no entry's word reads Untranslated. Only the codes: the
        // reset's rows follow in this event (startPrepare()), and names and ranks with them.
        const auto reset = m_session ? m_session->resetRows() : nullptr;
        if (reset && !m_rows.rows.isEmpty() && extendsWords(reset->words)) {
            m_rows.words = reset->words;
            refreshCodes();
        }
    });
    if (m_session)
        m_atRiskFraction = m_session->index()->atRiskFraction();
    else if (m_cache && m_cache->isOpen())
        m_atRiskFraction = m_cache->teamSettings().atRiskFraction;
    if (!loadFirstScreen())
        reload();
}

TicketIndex *QueueModel::ticketIndex() const
{
    return m_session ? m_session->index() : m_ownIndex.get();
}

const CatalogSet &QueueModel::catalogs() const
{
    return m_session ? m_session->catalogs() : *m_ownCatalogs;
}

QDateTime QueueModel::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

void QueueModel::setClock(const Clock *clock)
{
    settleTally();
    m_clock = clock;
    if (m_ownIndex)
        m_ownIndex->setClock(clock);
    m_nowMs = now().toMSecsSinceEpoch();
    retally();
    refilter();
}

void QueueModel::setAgentId(const QString &agentId)
{
    settleTally();
    m_agentId = agentId;
    refreshCodes();
    retally();
    if (m_queue == MyTickets)
        refilter();
}

QString QueueModel::agentId() const
{
    if (!m_agentId.isEmpty() || !m_session)
        return m_agentId;
    const auto me = m_session->me();
    return me ? me->id : QString();
}

void QueueModel::setAtRiskFraction(double fraction)
{
    settleTally();
    m_atRiskFraction = fraction;
    retally();
    if (m_queue == AtRisk)
        refilter();
    else if (rowCount() > 0)
        emit dataChanged(index(0, CountdownColumn), index(rowCount() - 1, CountdownColumn));
}

void QueueModel::setLanguage(Language language)
{
    m_language = language;
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    emit columnTextsChanged();
    if (m_sortColumn != CountdownColumn && m_sortColumn != UpdatedColumn
        && m_sortColumn != SubjectColumn)
        resort(); // names order differently in the other language
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

} // namespace SupportDesk
