#include "desksession.h"

#include "businesscalendar.h"
#include "plancatalog.h"
#include "transport.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QPromise>
#include <QRegularExpression>
#include <QElapsedTimer>
#include <QTimer>
#include <QUuid>

#include <utility>

namespace SupportDesk {

SessionConfig SessionConfig::forServer(const QUrl &serverUrl, const QString &token,
                                       const QString &cachePath,
                                       const QList<QSslCertificate> &extraCas)
{
    SessionConfig config;
    config.cachePath = cachePath;
    config.makeTransport = [serverUrl, token, extraCas] {
        auto *transport = new HttpTransport(serverUrl, token);
        if (!extraCas.isEmpty())
            transport->setExtraCaCertificates(extraCas);
        return transport;
    };
    config.accountKey = accountKeyFor(token);
    config.verifyAccount = true;
    return config;
}

QString SessionConfig::accountKeyFor(const QString &token)
{
    if (token.isEmpty())
        return {};
    return QString::fromLatin1(
            QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex().left(32));
}

static const QString MeKey = QStringLiteral("me");
static const QString MeAccountKey = QStringLiteral("me_account");
static const QString LastSyncKey = QStringLiteral("last_sync");

QString DeskSession::parkedCachePath(const QString &cachePath, const QString &agentId)
{
    // An id that is not a plain file name part is hashed, so no id can reach another folder.
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    const QString part = plain.match(agentId).hasMatch()
            ? agentId
            : QString::fromLatin1(QCryptographicHash::hash(agentId.toUtf8(),
                                                           QCryptographicHash::Sha1)
                                          .toHex()
                                          .left(16));
    const QFileInfo info(cachePath);
    const QString suffix = info.suffix().isEmpty() ? QString() : u'.' + info.suffix();
    return info.dir().filePath(
            QStringLiteral("%1.%2%3").arg(info.completeBaseName(), part, suffix));
}

// Lives on the worker thread: its own cache connection, the transport and the engine.
class DeskSession::Worker : public QObject
{
public:
    Worker(const SessionConfig &config, const QString &connectionName, QObject *session)
        : m_config(config), m_cache(connectionName), m_session(session)
    {
    }

    // Runs on the worker thread.
    bool setUp(QString *error)
    {
        if (m_cache.open(m_config.cachePath) != TicketCache::OpenStatus::Ok) {
            *error = m_cache.errorString();
            return false;
        }
        m_transport.reset(m_config.makeTransport());
        // The timeout is for silence, as the engine's: a slow answer that keeps coming (a
        // large report on a slow link) is waited for.
        connect(m_transport.get(), &Transport::progressed, this, [this](quint64 id) {
            for (PendingRequest &r : m_requests) {
                if (r.transportId == id)
                    r.quiet.start();
            }
        });
        m_engine = std::make_unique<SyncEngine>(&m_cache, m_transport.get(), m_config.options);
        return true;
    }
    void tearDown()
    {
        // Requests still under way finish now: nobody waits for a future that never ends.
        const auto pending = std::exchange(m_requests, {});
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            if (m_transport)
                m_transport->abort(it->transportId);
            finish(it->promise,
                   DeskSession::tr("The desk stopped syncing before the server answered."));
        }
        m_engine.reset();
        m_transport.reset();
        m_cache.close();
    }
    SyncEngine *engine() { return m_engine.get(); }
    TicketCache *cache() { return &m_cache; }
    Transport *transport() { return m_transport.get(); }
    // Runs on the worker thread: one request outside the sync loop, with the engine's timeout.
    void send(const QByteArray &method, const QString &path, const QByteArray &body,
              const std::shared_ptr<QPromise<TransportResponse>> &promise)
    {
        if (!m_transport) {
            TransportResponse r;
            r.error = DeskSession::tr("Not connected to the server.");
            answer(promise, r);
            return;
        }
        // Keyed by a number of our own: a transport may answer inside send(), before its id
        // is known here.
        const quint64 key = ++m_lastRequest;
        m_requests.insert(key, {promise, 0, {}});
        m_requests[key].quiet.start();
        const quint64 id = m_transport->send(method, path, body,
                                             [this, key](const TransportResponse &r) {
            const auto it = m_requests.find(key);
            if (it == m_requests.end())
                return; // timed out or torn down: already finished
            const auto promise = it->promise;
            m_requests.erase(it);
            answer(promise, r);
        });
        if (const auto it = m_requests.find(key); it != m_requests.end())
            it->transportId = id;
        armTimeout(key, m_config.options.requestTimeoutMs);
    }
    void armTimeout(quint64 key, qint64 ms)
    {
        QTimer::singleShot(ms, this, [this, key] {
            const auto it = m_requests.find(key);
            if (it == m_requests.end())
                return;
            const qint64 left = m_config.options.requestTimeoutMs - it->quiet.elapsed();
            if (left > 0) { // part of the answer came meanwhile
                armTimeout(key, left);
                return;
            }
            const PendingRequest pending = *it;
            m_requests.erase(it);
            m_transport->abort(pending.transportId);
            TransportResponse r;
            r.error = DeskSession::tr("The server did not answer in time.");
            answer(pending.promise, r);
        });
    }
    // Runs on the worker thread: the queue rows for the views' reset after the initial sync.
    std::shared_ptr<const QueueRows> loadRows()
    {
        return std::make_shared<const QueueRows>(m_cache.loadTicketRows());
    }
    // Runs on the worker thread: the index's facts and schedule from the rows just read, under
    // the team settings in the cache (the last page may have brought them).
    void prepareIndex(TicketIndex *next, const QueueRows &rows, qint64 nowMs)
    {
        TicketIndex::prepare(next, rows, m_cache.teamSettings(), nowMs);
    }

    // Runs on the worker thread: the answer is handed to the promise on the session's thread,
    // the one request() was called on. Finished here, the promise could finish before the
    // caller has attached its continuation (request() returns before the worker sends, but a
    // busy machine may keep the caller from its .then() for a whole loopback round trip), and
    // QFuture::then(context, …) then runs the continuation at once inside the caller's call:
    // a Save's refusal came before the panel showed Saving…, which then stayed.
    void answer(const std::shared_ptr<QPromise<TransportResponse>> &promise,
                const TransportResponse &r)
    {
        QMetaObject::invokeMethod(
                m_session,
                [promise, r] {
                    promise->addResult(r);
                    promise->finish();
                },
                Qt::QueuedConnection);
    }

    // Finishes at once: only for tearDown(), while the session's thread waits for it in
    // stop() (long after request() returned), and for request() before anything runs.
    static void finish(const std::shared_ptr<QPromise<TransportResponse>> &promise,
                       const QString &error)
    {
        TransportResponse r;
        r.error = error;
        promise->addResult(r);
        promise->finish();
    }

private:
    SessionConfig m_config;
    TicketCache m_cache;
    QObject *m_session; // lives on the session's thread, and outlives this worker
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<SyncEngine> m_engine;
    struct PendingRequest
    {
        std::shared_ptr<QPromise<TransportResponse>> promise;
        quint64 transportId = 0;
        QElapsedTimer quiet; // since the last part of the answer (or the sending)
    };
    QHash<quint64, PendingRequest> m_requests; // by a key of our own
    quint64 m_lastRequest = 0;
};

static QString nextConnectionName(const char *role)
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("desksession-%1-%2").arg(QLatin1String(role)).arg(++counter);
}

DeskSession::DeskSession(QObject *parent)
    : QObject(parent), m_cache(nextConnectionName("gui"))
{
    m_thread.setObjectName(QStringLiteral("sync"));
    loadCatalogs();
    m_index = std::make_unique<TicketIndex>(&m_cache, m_catalogs.get(), &m_clock);
    // The preview of a new ticket counts the customer's month from the index once it holds
    // every ticket, not by reading every cached row (51 ms of GUI time at 100,000 tickets,
    // docs/rules.md); the same count: the month's tickets but the new one, a closed one
    // unless merged away (countsTowardQuota).
    m_cache.setQuotaCounter([this](const QString &customerId, const MonthWindow &month,
                                   const QString &except) -> std::optional<int> {
        if (!m_index->isLoaded() || m_index->isLoading() || m_index->isProvisional())
            return m_cache.ticketsInQuota(customerId, month, except);
        const quint32 customer = m_index->codeOf(customerId);
        if (customer == TicketIndex::NoWord)
            return 0;
        const qint64 fromMs = month.start.toMSecsSinceEpoch();
        const qint64 toMs = month.end.toMSecsSinceEpoch();
        const QVector<TicketFacts> facts = m_index->factsWhere([&](const TicketIndex::Entry &e) {
            return e.customer == customer && e.createdMs >= fromMs && e.createdMs < toMs;
        });
        int open = 0;
        QStringList closed;
        // A new ticket the server refused stays in the desk (TicketCache::markRejected) but
        // was never taken in: it uses none of the quota.
        const QSet<QString> refused = m_cache.refusedNewTicketIds();
        for (const TicketFacts &f : facts) {
            if (f.id == except || refused.contains(f.id))
                continue;
            if (f.status == TicketStatus::Closed)
                closed.append(f.id);
            else
                ++open;
        }
        return m_cache.inQuota(open, closed);
    });
    // The changed rows are read once, off this thread, for the index and then the queue
    // (ChangedRowsFeed): the views of the index hear of a change from the index (changed()).
    m_changedRows = std::make_unique<ChangedRowsFeed>(&m_cache, m_index.get());
    connect(this, &DeskSession::ticketsChanged, m_changedRows.get(), &ChangedRowsFeed::note);
    connect(this, &DeskSession::cacheReset, m_index.get(), [this] {
        m_changedRows->dropReads(); // a read under way may be older than the reset's
        // The worker made the new content after the initial sync; else read only once
        // something asked for it, then from the rows the worker read for the reset, if any.
        if (m_resetIndex) {
            m_index->adopt(*m_resetIndex); // made on the worker: one swap here
            return;
        }
        if (!m_index->isLoaded())
            return;
        if (m_resetRows)
            m_index->reloadFrom(*m_resetRows);
        else
            m_index->reload();
    });
}

DeskSession::~DeskSession()
{
    cancelReadBehind();
    stop();
}

TicketCache::OpenStatus DeskSession::open(const SessionConfig &config)
{
    cancelReadBehind();
    stop();
    m_config = config;
    const auto status = m_cache.open(config.cachePath);
    if (status == TicketCache::OpenStatus::Ok) {
        m_cache.setAutoCheckpoint(false); // the worker checkpoints, never an edit's commit
        m_loading = !m_cache.initialSyncDone();
        loadCatalogs();
        loadMe();
        const SyncEngine::ClockRecord clock = SyncEngine::storedClock(m_cache);
        m_clock.setOffsetMs(clock.offsetMs);
        m_clockMeasuredAt = clock.measuredAt;
        m_lastSync = Json::parseTimestamp(m_cache.syncValue(LastSyncKey));
        m_lastSyncStored = {};
        m_index->reloadSettings();
        m_changedRows->dropReads(); // a read under way is of the file before
        if (m_index->isLoaded())
            m_index->reload(); // another file: what the index held is not its tickets
    }
    return status;
}

QString DeskSession::errorString() const
{
    return m_cache.errorString();
}

void DeskSession::loadCatalogs()
{
    CatalogSet set;
    QStringList problems;
    if (auto builtIn = CatalogSet::loadBuiltIn(&problems))
        set = *builtIn;
    if (m_cache.isOpen()) {
        const auto cached = m_cache.catalogs();
        for (auto it = cached.begin(); it != cached.end(); ++it) {
            // The server's version of a plan replaces the built-in one.
            if (auto plan = PlanCatalog::fromJson(it.value(), &problems))
                set.insert(*plan);
        }
    }
    // Assigned into the same object: catalogs() is held by reference (the lead board's grid,
    // the queue), and a replaced object left them reading freed memory.
    if (m_catalogs)
        *m_catalogs = std::move(set);
    else
        m_catalogs = std::make_unique<CatalogSet>(std::move(set));

    // The server's calendar (an admin may have loaded the official schedule) over the built-in;
    // assigned into the same object for the same reason as the catalogs.
    std::optional<BusinessCalendar> calendar;
    if (m_cache.isOpen()) {
        const QString cached = m_cache.syncValue(QStringLiteral("calendar"));
        if (!cached.isEmpty())
            calendar = BusinessCalendar::fromJson(cached.toUtf8(), &problems);
    }
    if (!calendar)
        calendar = BusinessCalendar::loadBuiltIn(&problems);
    if (m_calendar)
        *m_calendar = calendar.value_or(BusinessCalendar());
    else
        m_calendar = std::make_unique<BusinessCalendar>(calendar.value_or(BusinessCalendar()));
}

qint64 DeskSession::maxAttachmentBytes() const
{
    return Attachments::maxBytesFromStored(
        m_cache.isOpen() ? m_cache.syncValue(Attachments::MaxBytesKey) : QString());
}

void DeskSession::loadMe()
{
    m_me.reset();
    const QJsonObject o = QJsonDocument::fromJson(m_cache.syncValue(MeKey).toUtf8()).object();
    Agent me;
    if (o.isEmpty() || !Json::fromJson(o, &me, nullptr))
        return;
    // Another token may belong to another account: its role and views wait for GET /me.
    if (m_config.verifyAccount
        && (m_config.accountKey.isEmpty()
            || m_cache.syncValue(MeAccountKey) != m_config.accountKey))
        return;
    m_me = me;
}

void DeskSession::start()
{
    if (m_thread.isRunning() || !m_cache.isOpen())
        return;
    m_worker = new Worker(m_config, nextConnectionName("sync"), this);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QString error;
    bool ok = false;
    QMetaObject::invokeMethod(
            m_worker, [this, &error, &ok] { ok = m_worker->setUp(&error); },
            Qt::BlockingQueuedConnection);
    if (!ok) {
        emit this->error(error);
        stop();
        return;
    }
    SyncEngine *engine = m_worker->engine();
    connect(engine, &SyncEngine::ticketsChanged, this, [this](const QStringList &ids) {
        // The initial sync's pages are not handed on one by one: every view would merge and
        // re-sort thousands of rows per page on this thread. They are read once, at the end,
        // which the engine signals after the last page's ticketsChanged (not the cache's state
        // when this runs: on a loaded machine this thread may handle the first page's signal
        // after the last page's commit, and took it for the last, with nothing skipped).
        // However many pages it had (one, or none), it ends in a reset: one rule for every
        // view and test to wait on.
        if (m_loading)
            return;
        handOnPulled(ids);
    });
    connect(engine, &SyncEngine::initialSyncFinished, this, [this] {
        if (!m_loading)
            return;
        m_loading = false;
        finishLoading();
        emit outboxChanged();
    });
    connect(engine, &SyncEngine::stateChanged, this, [this](SyncState state) {
        m_state = state;
        emit syncStateChanged(state);
    });
    connect(engine, &SyncEngine::conflict, this, [this](const QString &op, const QString &ticket) {
        emit conflict(op, ticket);
        emit outboxChanged();
    });
    connect(engine, &SyncEngine::rejected, this,
            [this](const QString &op, const QString &ticket, const QString &code) {
                emit rejected(op, ticket, code);
                emit outboxChanged();
            });
    connect(engine, &SyncEngine::error, this, &DeskSession::error);
    connect(engine, &SyncEngine::clockOffsetChanged, this, [this](qint64 ms) {
        m_clock.setOffsetMs(ms);
        m_clockMeasuredAt = QDateTime::currentDateTimeUtc();
        m_index->checkNow(); // the server's time moved: moments may have passed
        emit clockOffsetChanged(ms);
    });
    connect(engine, &SyncEngine::accountMismatch, this, &DeskSession::switchAccount,
            Qt::QueuedConnection);
    connect(engine, &SyncEngine::serviceUseChanged, this, &DeskSession::serviceUseChanged);
    // Told once at the idle that follows, however many pages brought customers or agents.
    connect(engine, &SyncEngine::directoryChanged, this, [this] { m_directoryChanged = true; });
    // The team's settings likewise: read and parsed once, at the idle after the page that
    // brought them, for every view (they were read and parsed at every idle).
    connect(engine, &SyncEngine::teamSettingsChanged, this, [this] { m_settingsChanged = true; });
    connect(engine, &SyncEngine::catalogsChanged, this, [this] {
        loadCatalogs();
        m_index->catalogsChanged();
        emit catalogsChanged();
    });
    connect(engine, &SyncEngine::signedIn, this, [this](const Agent &me) {
        m_me = me;
        m_clockMeasuredAt = QDateTime::currentDateTimeUtc(); // the reply confirmed the offset
        if (!m_config.accountKey.isEmpty())
            storeSyncValue(MeAccountKey, m_config.accountKey);
        emit signedIn(me);
    });
    connect(engine, &SyncEngine::searchIndexReady, this, &DeskSession::searchIndexReady);
    connect(engine, &SyncEngine::streamConnected, this, &DeskSession::streamConnected);
    connect(engine, &SyncEngine::streamLost, this, &DeskSession::streamLost);
    connect(engine, &SyncEngine::streamMessage, this, &DeskSession::streamMessage);
    connect(engine, &SyncEngine::idle, this, [this] {
        // The cache's initial sync was finished by another connection to the file (this
        // engine's own ends with initialSyncFinished(), handled before this).
        if (m_loading && m_cache.initialSyncDone()) {
            m_loading = false;
            m_settingsChanged = true; // that sync may have brought them
            finishLoading();
        }
        emit outboxChanged();
        if (std::exchange(m_settingsChanged, false))
            m_index->reloadSettings();
        if (std::exchange(m_directoryChanged, false))
            emit directoryChanged();
        emit idle();
        noteLastSync();
    });
    QMetaObject::invokeMethod(engine, &SyncEngine::start, Qt::QueuedConnection);
}

void DeskSession::handOnPulled(const QStringList &ids)
{
    if (m_awaitingRows) {
        // Written before the reset's rows were read, so they are in them; held anyway and
        // signalled after the reset, which costs a merge and cannot miss one.
        for (const QString &id : ids)
            m_heldIds.insert(id);
        emit outboxChanged();
        return;
    }
    if (m_behind) {
        for (const QString &id : ids)
            m_behindIds.insert(id);
    }
    emit ticketsChanged(ids);
    emit outboxChanged();
}

void DeskSession::finishLoading()
{
    // Reading 100k rows takes ~80 ms, and the queue, the notifier and the lead board each read
    // them: the sync thread reads them once and hands them to the views with the reset. It
    // also makes the index's new content from them (~40 ms at 100k, which on this thread was
    // half of the reset's longest event); the index takes it here in one swap.
    m_awaitingRows = true;
    const quint64 generation = m_generation;
    Worker *worker = m_worker;
    // Made here, so it lives on this thread; filled on the worker, which alone touches it
    // until it is handed back.
    auto next = std::make_shared<TicketIndex>(nullptr, m_catalogs.get(), &m_clock);
    // The index's clock (a test's, maybe) read here: scheduled from this instant, moments that
    // pass before the swap are handled at once after it.
    const qint64 now = m_index->nowMs();
    QMetaObject::invokeMethod(
            worker,
            [this, worker, generation, next, now] {
                std::shared_ptr<const QueueRows> rows = worker->loadRows();
                worker->prepareIndex(next.get(), *rows, now);
                // Queued to this thread after any change the engine signalled before the
                // read, and before any it signals after it.
                QMetaObject::invokeMethod(
                        this,
                        [this, rows, next, generation] { deliverReset(rows, next, generation); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void DeskSession::deliverReset(const std::shared_ptr<const QueueRows> &rows,
                               const std::shared_ptr<TicketIndex> &index, quint64 generation)
{
    if (generation != m_generation || !m_awaitingRows)
        return;
    m_awaitingRows = false;
    cancelReadBehind(); // the reset's rows are newer
    m_resetRows = rows;
    m_resetIndex = index;
    emit cacheReset();
    m_resetRows.reset();
    m_resetIndex.reset();
    // Changes saved or pulled while the worker read the rows and made the index may be missing
    // from both: signalled now, the index and the views read them again.
    const QSet<QString> held = std::exchange(m_heldIds, {});
    if (!held.isEmpty())
        emit ticketsChanged(QStringList(held.begin(), held.end()));
    emit outboxChanged();
}

void DeskSession::noteLastSync()
{
    m_lastSync = m_clock.now();
    m_clockMeasuredAt = QDateTime::currentDateTimeUtc();
    // Kept for the next start (since when the data may be stale); at most twice a minute, as
    // a busy server signals idle after every hint.
    const QDateTime local = QDateTime::currentDateTimeUtc();
    if (!m_lastSyncStored.isValid() || m_lastSyncStored.msecsTo(local) >= 30000) {
        m_lastSyncStored = local;
        storeSyncValue(LastSyncKey, Json::timestamp(m_lastSync));
    }
    emit lastSyncChanged(m_lastSync);
}

void DeskSession::switchAccount(const Agent &cacheOwner, const Agent &me)
{
    // The cache at the configured path is always the signed-in account's: the other account's
    // file (its outbox included) is parked beside it, and this account's parked one, if any,
    // comes back. Nothing is deleted.
    const QString path = m_config.cachePath;
    stop();
    m_cache.close();
    m_me.reset();
    emit signedOut();
    // The search index's file goes with its cache (a file left behind would be rebuilt).
    static const QStringList suffixes{QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                                      QStringLiteral("-search"), QStringLiteral("-search-wal"),
                                      QStringLiteral("-search-shm")};
    const QString parked = parkedCachePath(path, cacheOwner.id);
    const QString mine = parkedCachePath(path, me.id);
    for (const QString &suffix : suffixes)
        QFile::remove(parked + suffix); // an older copy of the owner's, superseded by this one
    bool moved = true;
    for (const QString &suffix : suffixes) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, parked + suffix))
            moved = false;
    }
    if (moved) {
        for (const QString &suffix : suffixes) {
            if (QFile::exists(mine + suffix))
                QFile::rename(mine + suffix, path + suffix);
        }
    }
    if (!moved || open(m_config) != TicketCache::OpenStatus::Ok) {
        emit error(tr("The local cache belongs to %1 and could not be put aside for %2: %3")
                           .arg(cacheOwner.name, me.name, m_cache.errorString()));
        return;
    }
    emit cacheReset();
    m_directoryChanged = false;
    emit directoryChanged(); // this account's customers and agents, not the other's
    emit outboxChanged();
    start();
}

QueueRows DeskSession::ticketRows() const
{
    return m_resetRows ? *m_resetRows : m_cache.loadTicketRows();
}

bool DeskSession::scanTicketRowsBehind(const std::shared_ptr<TicketRowSink> &sink,
                                       std::function<void(const TicketIndex *made)> onThread,
                                       QObject *context,
                                       std::function<void()> done)
{
    const QString path = m_cache.path();
    if (!m_cache.isOpen() || path.isEmpty() || path == QLatin1String(":memory:"))
        return false;
    cancelReadBehind();
    const quint64 generation = ++m_behindGeneration;
    // Made here, so it lives on this thread; filled on the reading thread, which alone
    // touches it until it is handed back (as the worker's index after the initial sync).
    // Made when the index had read already too: the rows refer to the content made with them
    // (and the thread orders and counts them by it), so the index takes it in their event.
    const auto next = std::make_shared<TicketIndex>(nullptr, m_catalogs.get(), &m_clock);
    if (!m_index->isLoaded())
        m_index->setLoading(true); // nothing to show until then: views wait for reset()
    const TeamSettings settings = m_index->teamSettings();
    const qint64 now = m_index->nowMs();
    const QString connection = QStringLiteral("desk-behind-%1").arg(generation);
    QThread *thread = QThread::create([=] {
        const std::unique_ptr<TicketRowSink> both
                = TicketIndex::preparingSink(next.get(), sink.get());
        TicketCache::scanTicketRowsAt(path, connection, both.get());
        TicketIndex::finishPrepared(next.get(), settings, now);
        TicketCache::closeSearchConnection(connection);
        if (onThread)
            onThread(next.get());
    });
    thread->setObjectName(QStringLiteral("queue-behind"));
    m_behind = thread;
    QPointer<QObject> target(context);
    connect(thread, &QThread::finished, this, [=] {
        thread->deleteLater();
        if (generation != m_behindGeneration)
            return; // overtaken: cancelReadBehind() has dealt with the index
        m_behind = nullptr;
        m_index->adopt(*next); // the views hear reset() before the queue's
        if (target && done)
            done();
        // Saved or pulled while the rows were read: the read may not have them.
        const QSet<QString> held = std::exchange(m_behindIds, {});
        if (!held.isEmpty())
            emit ticketsChanged(QStringList(held.begin(), held.end()));
    });
    thread->start();
    return true;
}

void DeskSession::cancelReadBehind()
{
    if (!m_behind)
        return;
    ++m_behindGeneration;
    // Its rows go nowhere; waiting keeps the file and the catalogs it reads alive for it.
    m_behind->wait();
    m_behind = nullptr;
    m_behindIds.clear();
    m_index->setLoading(false);
}

void DeskSession::scanTicketRows(TicketRowSink *sink)
{
    cancelReadBehind(); // this read is newer
    if (m_resetRows) {
        sink->begin(m_resetRows->words, m_resetRows->rows.size());
        for (const TicketRow &row : m_resetRows->rows)
            sink->take(row);
    } else if (!m_index->isLoaded()) {
        m_index->loadAlongside(sink);
    } else {
        m_cache.scanTicketRows(sink);
    }
}

void DeskSession::emitTicketsChanged(const QStringList &ids)
{
    if (m_behind) {
        for (const QString &id : ids)
            m_behindIds.insert(id);
    }
    if (m_awaitingRows) {
        for (const QString &id : ids)
            m_heldIds.insert(id);
    }
    emit ticketsChanged(ids);
}

void DeskSession::stop()
{
    if (m_awaitingRows) {
        // The worker's rows will not come: the views read the cache themselves.
        m_awaitingRows = false;
        m_heldIds.clear();
        ++m_generation;
        QTimer::singleShot(0, this, [this] { emit cacheReset(); });
    }
    if (!m_thread.isRunning())
        return;
    Worker *worker = m_worker;
    m_worker = nullptr;
    QMetaObject::invokeMethod(
            worker, [worker] { worker->tearDown(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete worker;
}

void DeskSession::storeSyncValue(const QString &key, const QString &value)
{
    if (!m_worker) {
        m_cache.setSyncValue(key, value);
        return;
    }
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
            worker, [worker, key, value] { worker->cache()->setSyncValue(key, value); },
            Qt::QueuedConnection);
}

bool DeskSession::saveEdit(const Operation &op, const std::function<bool()> &alongside)
{
    if (!m_cache.saveEdit(op, alongside))
        return false;
    emit editSaved(op.ticketId, op.type, EditOrigin::OneTicket);
    emitTicketsChanged({op.ticketId});
    // This agent's own edit of one ticket: read here and now, so the index and the queue
    // (the quota a next intake counts, the agent's own queue) follow before anything else
    // runs; a read under way is read here with it (ChangedRowsFeed::flush()).
    m_changedRows->flush();
    emit outboxChanged();
    syncNow();
    return true;
}

int DeskSession::saveEdits(const QVector<Operation> &ops)
{
    int saved = 0;
    for (const Operation &op : ops) {
        if (!m_cache.saveEdit(op))
            break;
        ++saved;
    }
    announceSavedEdits(ops.mid(0, saved));
    return saved;
}

void DeskSession::announceSavedEdits(const QVector<Operation> &ops)
{
    if (ops.isEmpty())
        return;
    QStringList ids;
    for (const Operation &op : ops) {
        emit editSaved(op.ticketId, op.type, EditOrigin::Bulk);
        ids.append(op.ticketId);
    }
    ids.removeDuplicates();
    emitTicketsChanged(ids);
    emit outboxChanged();
    syncNow();
}

bool DeskSession::saveMacro(const Macro &macro, bool remove)
{
    const Operation op = makeMacroOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                            macro, remove, m_clock.now());
    return queued(m_cache.saveMacroEdit(op, macro));
}

bool DeskSession::saveView(const SavedView &view, bool remove)
{
    const Operation op = makeViewOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                           view, remove, m_clock.now());
    return queued(m_cache.saveViewEdit(op));
}

bool DeskSession::queued(bool saved)
{
    if (!saved)
        return false;
    emit outboxChanged();
    syncNow();
    return true;
}

bool DeskSession::saveServiceUse(const ServiceUse &use, bool cancel)
{
    const Operation op = makeServiceUseOperation(
            QUuid::createUuid().toString(QUuid::WithoutBraces), use, cancel, m_clock.now());
    if (!m_cache.saveServiceUseEdit(op))
        return false;
    emit serviceUseChanged();
    emit outboxChanged();
    syncNow();
    return true;
}

static QString ticketOfOp(const TicketCache &cache, const QString &opId)
{
    const auto e = cache.outboxEntry(opId);
    return e ? e->op.ticketId : QString();
}

bool DeskSession::reapply(const QString &opId)
{
    const QString ticketId = ticketOfOp(m_cache, opId);
    if (!m_cache.reapply(opId))
        return false;
    if (!ticketId.isEmpty()) {
        emitTicketsChanged({ticketId});
        m_changedRows->flush(); // the agent's own answer: followed at once, as saveEdit()
    }
    emit outboxChanged();
    syncNow();
    return true;
}

bool DeskSession::drop(const QString &opId)
{
    const QString ticketId = ticketOfOp(m_cache, opId);
    if (!m_cache.drop(opId))
        return false;
    if (!ticketId.isEmpty()) {
        emitTicketsChanged({ticketId});
        m_changedRows->flush(); // the agent's own answer: followed at once, as saveEdit()
    }
    emit outboxChanged();
    return true;
}

QFuture<TransportResponse> DeskSession::request(const QByteArray &method, const QString &path,
                                                const QByteArray &body)
{
    auto promise = std::make_shared<QPromise<TransportResponse>>();
    QFuture<TransportResponse> future = promise->future();
    promise->start();
    if (!m_worker) {
        // Finished from the event loop, as every answer is (see Worker::answer()): the caller
        // attaches its continuation after this returns.
        QMetaObject::invokeMethod(
                this,
                [promise] { Worker::finish(promise, tr("Not connected to the server.")); },
                Qt::QueuedConnection);
        return future;
    }
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
            worker,
            [worker, method, path, body, promise] { worker->send(method, path, body, promise); },
            Qt::QueuedConnection);
    return future;
}

void DeskSession::syncNow()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker->engine(), &SyncEngine::syncNow, Qt::QueuedConnection);
}

void DeskSession::setToken(const QString &token)
{
    m_config.accountKey = SessionConfig::accountKeyFor(token);
    m_config.verifyAccount = true;
    // Another token may be another account: the cache's agent is shown only for the token it
    // signed in with (the keychain's token comes after open() when none was given).
    if (m_cache.isOpen()) {
        const std::optional<Agent> before = m_me;
        loadMe();
        if (before && !m_me)
            emit signedOut();
        else if (m_me && (!before || before->id != m_me->id || before->role != m_me->role))
            emit signedIn(*m_me);
    }
    if (!m_worker) {
        // Not started yet: the transport made at start() gets this token.
        const auto make = m_config.makeTransport;
        if (!make)
            return;
        m_config.makeTransport = [make, token] {
            Transport *transport = make();
            if (auto *http = qobject_cast<HttpTransport *>(transport))
                http->setToken(token);
            return transport;
        };
        return;
    }
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, token] {
        if (auto *http = qobject_cast<HttpTransport *>(worker->transport()))
            http->setToken(token);
        worker->engine()->retryAuth();
    });
}

void DeskSession::setExtraCaCertificates(const QList<QSslCertificate> &certificates)
{
    if (!m_worker) {
        // Not started yet: the transport made at start() gets them.
        const auto make = m_config.makeTransport;
        if (!make)
            return;
        m_config.makeTransport = [make, certificates] {
            Transport *transport = make();
            if (auto *http = qobject_cast<HttpTransport *>(transport))
                http->setExtraCaCertificates(certificates);
            return transport;
        };
        return;
    }
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, certificates] {
        if (auto *http = qobject_cast<HttpTransport *>(worker->transport()))
            http->setExtraCaCertificates(certificates);
        worker->engine()->retryNow();
    });
}

void DeskSession::sendOnStream(const QByteArray &message)
{
    if (!m_worker)
        return;
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, message] {
        if (SyncEngine *engine = worker->engine())
            engine->sendOnStream(message);
    });
}

} // namespace SupportDesk
