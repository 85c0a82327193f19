#include "notifier.h"

#include "changedrows.h"
#include "desksession.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "ticketindex.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace SupportDesk {

namespace {

const QString SentKey = QStringLiteral("notifier_sent");
// Keys of deadlines older than the stale horizon plus this are dropped from the store.
constexpr qint64 KeepSentMs = 24 * 3600 * 1000;

Language currentCatalogLanguage()
{
    return languageFromCode(QLocale().name());
}

} // namespace

Notifier::Notifier(DeskSession *session, QObject *parent)
    : QObject(parent), m_session(session), m_index(session->index())
{
    if (const auto me = session->me())
        m_meId = me->id;
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
    , m_ownIndex(std::make_unique<TicketIndex>(cache, &catalogs, clock))
    , m_meId(meId)
{
    m_index = m_ownIndex.get();
    init();
}

Notifier::~Notifier() = default;

void Notifier::init()
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(100);
    connect(&m_coalesce, &QTimer::timeout, this, &Notifier::flushPendingChanges);
    connect(m_index, &TicketIndex::reset, this, [this] {
        if (!m_loaded)
            return;
        // The session's reset (the initial sync's end): the pass over every ticket (~45 ms
        // at 100k) runs in slices, each an event of its own, none in the one the queue and
        // the pane rebuild in. Changes signalled meanwhile are evaluated on their own; the
        // pass looks at every ticket anyway.
        // So too a content made on another thread and taken in one swap (the queue's read
        // behind its first screen: a million tickets, ~1 s in one event).
        if (m_session
            && (m_session->resetRows() || m_index->contentThread() != QThread::currentThread())) {
            startSlicedPass();
            return;
        }
        reload();
    });
    connect(m_index, &TicketIndex::changed, this, &Notifier::evaluateIds);
    connect(m_index, &TicketIndex::momentsPassed, this, &Notifier::evaluateIds);
    connect(m_index, &TicketIndex::settingsChanged, this, &Notifier::evaluateAll);
    loadSent();
    // Looked at once the event loop runs: whoever made the notifier connects to it first, so
    // the notifications due at start are seen (and not just recorded as sent).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_loaded)
                return;
            // The index was read alongside the queue's load (DeskSession::scanTicketRows),
            // before the window's first paint: the look at every ticket goes in slices, each
            // an event of its own, so the paint is not held behind it (as after a reset).
            if (m_session && m_index->isLoaded())
                startSlicedPass();
            else
                reload();
        },
        Qt::QueuedConnection);
}

const CatalogSet &Notifier::catalogs() const
{
    return m_index->catalogs();
}

qint64 Notifier::nowMs() const
{
    return m_index->nowMs();
}

void Notifier::setClock(const Clock *clock)
{
    m_index->setClock(clock);
    evaluateAll();
}

void Notifier::setPreferences(const Preferences &preferences)
{
    m_preferences = preferences;
}

QDateTime Notifier::nextCheckAt() const
{
    const qint64 now = nowMs();
    qint64 next = -1;
    for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it) {
        const qsizetype at = m_index->indexOf(it.key());
        if (at < 0)
            continue;
        const TicketIndex::Moments m = m_index->moments(m_index->entryAt(at));
        for (qint64 t : {m.warnAtMs, m.atRiskAtMs, m.breachedAtMs}) {
            if (t > now && (next < 0 || t < next))
                next = t;
        }
    }
    return next < 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(next, Qt::UTC);
}

QDateTime Notifier::warningAt(const QString &ticketId) const
{
    if (!m_watched.contains(ticketId))
        return {};
    const qsizetype at = m_index->indexOf(ticketId);
    return at >= 0 ? QDateTime::fromMSecsSinceEpoch(
                             m_index->moments(m_index->entryAt(at)).warnAtMs, Qt::UTC)
                   : QDateTime();
}

QString Notifier::sentKey(const QString &ticketId, Kind kind, qint64 deadlineMs)
{
    return QStringLiteral("%1 %2 %3")
        .arg(ticketId,
             kind == Kind::AtRisk ? QStringLiteral("at-risk") : QStringLiteral("breached"))
        .arg(deadlineMs);
}

void Notifier::reload()
{
    if (!m_index->isLoaded()) {
        m_loaded = true;
        m_index->ensureLoaded(); // its reset() comes back here
        return;
    }
    m_loaded = true;
    m_passActive = false; // this reload looks at every ticket
    ++m_pass;
    m_coalesce.stop();
    m_changed.clear();
    m_watched.clear();
    m_attention = 0;
    evaluateAll();
}

void Notifier::startSlicedPass()
{
    m_loaded = true;
    m_coalesce.stop();
    m_changed.clear();
    m_watched.clear();
    m_attention = 0;
    m_passActive = true;
    m_passRestart = false;
    m_passAt = 0;
    const quint64 pass = ++m_pass;
    QMetaObject::invokeMethod(this, [this, pass] { evaluateSlice(pass); }, Qt::QueuedConnection);
}

void Notifier::evaluateSlice(quint64 pass)
{
    if (pass != m_pass || !m_passActive)
        return;
    if (m_passRestart) {
        m_passRestart = false;
        m_passAt = 0;
    }
    const qint64 now = nowMs();
    bool sentChanged = false;
    int count = m_attention;
    const qsizetype size = m_index->size();
    const qsizetype end = std::min(size, m_passAt + m_sliceSize);
    evaluateRange(m_passAt, end, now, &count, &sentChanged);
    m_passAt = end;
    sendNotices();
    setAttention(count);
    if (sentChanged)
        saveSent(now);
    if (end < size || m_passRestart)
        QMetaObject::invokeMethod(this, [this, pass] { evaluateSlice(pass); },
                                  Qt::QueuedConnection);
    else
        m_passActive = false;
}

void Notifier::evaluateAll()
{
    if (!m_loaded)
        return;
    const qint64 now = nowMs();
    bool sentChanged = false;
    int count = m_attention;
    // The pass below looks only at tickets of my concern; a watched one that no longer is
    // (it changed, or I signed out) is let go here, by its id, before.
    const quint32 me = meCode();
    QStringList gone;
    for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it) {
        const qsizetype at = m_index->indexOf(it.key());
        if (at < 0 || !m_index->isRunningAt(at) || !concernAt(at, me).any())
            gone.append(it.key());
    }
    for (const QString &id : std::as_const(gone))
        evaluate(id, -1, {}, now, &count, &sentChanged);
    evaluateRange(0, m_index->size(), now, &count, &sentChanged);
    sendNotices();
    setAttention(count);
    if (sentChanged)
        saveSent(now);
}

quint32 Notifier::meCode() const
{
    return m_meId.isEmpty() ? TicketIndex::NoWord : m_index->codeOf(m_meId);
}

Notifier::Concern Notifier::concernAt(qsizetype at, quint32 me) const
{
    const TicketIndex::Entry &e = m_index->entryAt(at);
    Concern c;
    c.mine = me != TicketIndex::NoWord && e.assignee == me;
    c.down = !c.mine
        && isUnassignedMostSevere(m_index->isOpenAt(at), e.firstResponseMs != 0, e.assignee != 0,
                                  m_index->word(e.plan), m_index->word(e.severity), catalogs());
    return c;
}

void Notifier::evaluateRange(qsizetype from, qsizetype to, qint64 now, int *count,
                             bool *sentChanged)
{
    // Decided on the index's compact entries: only a ticket of my concern gets its id made,
    // and none a TicketFacts (one is made for a notice alone).
    const quint32 me = meCode();
    for (qsizetype at = from; at < to; ++at) {
        if (!m_index->isRunningAt(at))
            continue;
        const Concern concern = concernAt(at, me);
        if (concern.any())
            evaluate(m_index->idAt(at), at, concern, now, count, sentChanged);
    }
}

void Notifier::evaluateIds(const QStringList &ids)
{
    if (!m_loaded)
        return;
    const qint64 now = nowMs();
    bool sentChanged = false;
    int count = m_attention;
    const quint32 me = meCode();
    for (const QString &id : ids) {
        const qsizetype at = m_index->indexOf(id);
        if (at < 0 && m_passActive)
            m_passRestart = true; // it left: another may have moved into its place
        const Concern concern
                = at >= 0 && m_index->isRunningAt(at) ? concernAt(at, me) : Concern();
        // Not my concern and not watched: nothing to decide.
        if (!concern.any() && !m_watched.contains(id))
            continue;
        evaluate(id, at, concern, now, &count, &sentChanged);
    }
    sendNotices();
    setAttention(count);
    if (sentChanged)
        saveSent(now);
}

void Notifier::reloadSettings()
{
    m_index->reloadSettings(); // a change comes back through settingsChanged()
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
        m_changed.clear();
        reload();
        return;
    }
    if (m_changed.isEmpty())
        return;
    const QStringList ids(m_changed.cbegin(), m_changed.cend());
    m_changed.clear();
    m_index->update(ids); // comes back through changed()
}

void Notifier::evaluate(const QString &id, qsizetype at, Concern concern, qint64 now,
                        int *count, bool *sentChanged)
{
    const auto old = m_watched.find(id);
    if (old != m_watched.end() && old->mine && old->state != State::OnTrack)
        --*count;
    if (at < 0 || !m_index->isRunningAt(at) || !concern.any()) {
        if (old != m_watched.end())
            m_watched.erase(old);
        return;
    }
    const bool mine = concern.mine;
    const bool down = concern.down;
    Watch &w = old != m_watched.end() ? *old : *m_watched.insert(id, Watch());
    w.mine = mine;
    w.unassignedDown = down;
    const TicketIndex::Moments m = m_index->moments(m_index->entryAt(at));
    // The state of a running ticket is the response clock's, with the index's fraction (the
    // same moments TicketIndex::status() decides by), as every view has it.
    const SlaState state = ResponseClock::openState({m.atRiskAtMs, m.breachedAtMs}, now);
    w.state = state == SlaState::Breached ? State::Breached
        : state == SlaState::AtRisk       ? State::AtRisk
                                          : State::OnTrack;
    if (w.mine && w.state != State::OnTrack)
        ++*count;
    const bool wanted = (mine && m_preferences.myTickets)
        || (down && m_preferences.unassignedBusinessDown);
    if (!wanted)
        return;
    if (now >= m.breachedAtMs) {
        // A breach seen long after the fact is not news; the at-risk warning it overtook
        // is not sent late either.
        const QString key = sentKey(id, Kind::Breached, m.breachedAtMs);
        if (now - m.breachedAtMs <= m_staleBreachMs && !m_sent.contains(key)) {
            m_sent.insert(key);
            *sentChanged = true;
            announce(id, mine, at, Kind::Breached, now);
        }
    } else if (now >= m.warnAtMs) {
        const QString key = sentKey(id, Kind::AtRisk, m.breachedAtMs);
        if (!m_sent.contains(key)) {
            m_sent.insert(key);
            *sentChanged = true;
            announce(id, mine, at, Kind::AtRisk, now);
        }
    }
}

void Notifier::announce(const QString &id, bool mine, qsizetype at, Kind kind, qint64 now)
{
    // The one TicketFacts the notifier makes: for the words of a notice. Its subject is not
    // among the index's facts: sendNotices() has it read before the notice goes.
    Notice notice;
    notice.id = id;
    notice.mine = mine;
    notice.kind = kind;
    notice.facts = m_index->factAt(at);
    notice.status
            = m_index->status(notice.facts, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC));
    m_waiting.emplace_back(0, std::move(notice));
}

static bool hasFile(const TicketCache *cache)
{
    const QString path = cache->path();
    return !path.isEmpty() && path != QLatin1String(":memory:");
}

void Notifier::sendNotices()
{
    if (m_waiting.empty() || m_waiting.back().first != 0)
        return;
    QStringList ids;
    for (auto it = m_waiting.rbegin(); it != m_waiting.rend() && it->first == 0; ++it)
        ids.append(it->second.id);
    TicketCache *cache = m_index->cache();
    const quint64 read = ++m_lastRead;
    for (auto it = m_waiting.rbegin(); it != m_waiting.rend() && it->first == 0; ++it)
        it->first = read;
    // On the session's cache file the subjects are read on a connection and thread of their
    // own, and the notices follow (the GUI thread read and decoded a whole ticket per notice,
    // issue 14); over a bare cache (its index reads on this thread too) or one without a
    // file, read here.
    if (m_session && cache && cache->isOpen() && hasFile(cache)) {
        if (!m_reader) {
            m_reader = std::make_unique<ChangedRowsReader>(
                    [this](const std::shared_ptr<ChangedRows> &rows) {
                        // Queued to this thread; the reader is joined before this object
                        // goes, and a queued call to a deleted context object is dropped.
                        QMetaObject::invokeMethod(
                                this, [this, rows] { takeSubjects(rows->generation, rows); },
                                Qt::QueuedConnection);
                    });
        }
        m_reader->request(read, cache->path(), ids, QString());
        return;
    }
    auto rows = std::make_shared<ChangedRows>();
    rows->ids = ids;
    if (cache && cache->isOpen()) {
        rows->rows = cache->loadTicketRows(ids);
        rows->ok = true;
        m_subjectsReadHere += quint64(ids.size());
    }
    takeSubjects(read, rows);
}

void Notifier::takeSubjects(quint64 read, const std::shared_ptr<ChangedRows> &rows)
{
    QHash<QString, QString> subjects; // a ticket gone meanwhile is named by its id
    for (const TicketRow &row : std::as_const(rows->rows.rows))
        subjects.insert(row.id(), row.subject());
    // In the order decided: the reads come back in the order asked.
    while (!m_waiting.empty() && m_waiting.front().first != 0 && m_waiting.front().first <= read) {
        const Notice notice = std::move(m_waiting.front().second);
        m_waiting.pop_front();
        const auto subject = subjects.constFind(notice.id);
        emitNotice(notice, subject != subjects.cend() ? *subject : QString());
    }
}

void Notifier::emitNotice(const Notice &notice, const QString &subject)
{
    const TicketFacts &f = notice.facts;
    QString label;
    if (!subject.isEmpty())
        label = f.number > 0 ? tr("#%1 %2").arg(f.number).arg(subject) : subject;
    QString detail;
    const Language language = currentCatalogLanguage();
    if (const PlanCatalog *plan = catalogs().plan(f.planId)) {
        const Edition *edition = plan->edition(f.editionId);
        const Severity *severity = plan->severity(f.severity);
        //: edition and severity of a ticket, e.g. "S2 Enterprise, Business unavailable"
        detail = tr("%1, %2").arg(edition ? edition->names.text(language) : f.editionId,
                                  severity ? severity->names.text(language) : f.severity);
    }
    if (label.isEmpty())
        label = notice.id;
    const QString when = TimeFormat::countdownWords(notice.status);
    const bool mine = notice.mine;
    QString title;
    if (notice.kind == Kind::AtRisk)
        title = mine ? tr("Your ticket is at risk: %1").arg(label)
                     : tr("Unassigned ticket at risk: %1").arg(label);
    else
        title = mine ? tr("Your ticket breached its response target: %1").arg(label)
                     : tr("Unassigned ticket breached its response target: %1").arg(label);
    QString text = detail.isEmpty() ? when : tr("%1 — %2").arg(when, detail);
    if (!mine)
        text = tr("%1. Nobody has taken it yet.").arg(text);
    emit notify(notice.id, notice.kind, title, text);
}

void Notifier::checkNow()
{
    m_index->checkNow(); // moments passed come back through momentsPassed()
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
    TicketCache *cache = m_index->cache();
    if (!cache || !cache->isOpen())
        return;
    const QJsonArray list = QJsonDocument::fromJson(cache->syncValue(SentKey).toUtf8()).array();
    for (const QJsonValue &v : list)
        m_sent.insert(v.toString());
}

void Notifier::saveSent(qint64 now)
{
    TicketCache *cache = m_index->cache();
    if (!cache || !cache->isOpen())
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
        cache->setSyncValue(SentKey, value);
}

} // namespace SupportDesk
