// The running server (see ticketserver.h).
#include "ticketserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <ctime>

namespace SupportDesk::Server {

namespace {

// CPU time of the calling thread (0 where the clock is missing).
qint64 threadCpuNs()
{
#ifdef CLOCK_THREAD_CPUTIME_ID
    timespec t {};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) == 0)
        return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
#endif
    return 0;
}

} // namespace

Worker::Worker(const QString &db, const CatalogSet *catalogs, std::shared_ptr<PageCache> pages,
               Metrics *metrics, std::shared_ptr<const Clock> clock)
    : m_db(db)
    , m_catalogs(catalogs)
    , m_pages(std::move(pages))
    , m_metrics(metrics)
    , m_clock(std::move(clock))
{ }

Worker::~Worker() = default;

bool Worker::open(QString *error)
{
    m_store = Store::open(m_db, m_catalogs, error);
    if (!m_store)
        return false;
    m_store->setClock(m_clock);
    m_api = std::make_unique<Api>(m_store.get(), m_catalogs, m_pages, m_limits);
    m_api->setMetrics(m_metrics);
    m_api->setClock(m_clock);
    return true;
}

void Worker::close()
{
    // The writer's profile, one line (docs/server.md, "Several processes"): what a group
    // commit costs and where its time goes.
    if (m_store && m_store->writeProfile().groups > 0) {
        const WriteProfile &p = m_store->writeProfile();
        const auto ms = [&p](qint64 ns) { return double(ns) / 1e6 / double(p.groups); };
        qInfo("writer: %lld group commits, %lld requests (%.1f a group, at most %lld), %lld ops; "
              "per group: begin+lock+lookups %.2f ms, apply %.2f ms, commit %.2f ms",
              p.groups, p.requests, double(p.requests) / double(p.groups), p.maxGroup, p.ops,
              ms(p.lockNs), ms(p.applyNs), ms(p.commitNs));
        if (p.retriedWithLock > 0)
            qInfo("writer: %lld groups applied again with the sequence row taken first",
                  p.retriedWithLock);
        qInfo("writer: tail per group: begin+lock+lookups %s; apply %s; commit %s",
              qPrintable(p.lock.summary()), qPrintable(p.apply.summary()),
              qPrintable(p.commit.summary()));
    }
    m_api.reset();
    m_store.reset();
}

TicketServer::TicketServer(const ServerOptions &options, const CatalogSet *catalogs,
                           QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_catalogs(catalogs)
{
    m_http.setMaxBodyBytes(options.maxBodyBytes);
    m_http.setIdleTimeoutMs(options.idleTimeoutMs);
    m_http.setHandler([this](const HttpRequest &r, HttpServer::Reply reply) { handle(r, reply); });
    m_http.setUpgradeCheck(
        QStringLiteral("/api/v1/stream"),
        [this](const HttpRequest &r, std::function<void(bool)> decide) {
            Worker *w = m_workers.value(m_readers.next(m_workers.size() - 1));
            if (!w) // not started, or stopping
                return decide(false);
            const QString token = r.bearerToken();
            QPointer<TicketServer> self(this);
            QMetaObject::invokeMethod(w, [w, token, decide, self] {
                // A service account reads no feed, so it gets no hints of it either.
                const std::optional<Agent> agent
                        = w->store() ? w->store()->agentByToken(token) : std::nullopt;
                const bool ok = agent && readsTheDesk(agent->role);
                // Who the connection is, for presence: posted before the decision, so it is
                // there when the connection arrives (both go to the main thread in order).
                if (ok && self)
                    QMetaObject::invokeMethod(self, [self, token, a = *agent] {
                        if (self)
                            self->m_streamAgents.insert(token, a);
                    });
                decide(ok);
            });
        });
    connect(&m_http, &HttpServer::webSocket, this, &TicketServer::onWebSocket);
    m_hintClock.start();
    m_hintTimer.setSingleShot(true);
    m_hintTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_hintTimer, &QTimer::timeout, this, [this] {
        if (const std::optional<qint64> seq = m_hints.due(m_hintClock.elapsed()))
            sendHint(*seq);
        else if (m_hints.holding()) // woke a little early
            m_hintTimer.start(int(std::max<qint64>(1, m_hints.dueAtMs() - m_hintClock.elapsed())));
    });
    connect(&m_http, &HttpServer::drained, this, [this] {
        if (m_fanOut.hints > 0)
            qInfo("hints: %lld sent, %lld frames, %.2f ms a hint (%.1f µs a frame; CPU %.1f µs "
                  "a frame)",
                  m_fanOut.hints, m_fanOut.frames,
                  double(m_fanOut.ns) / 1e6 / double(m_fanOut.hints),
                  double(m_fanOut.ns) / 1e3 / double(std::max<qint64>(1, m_fanOut.frames)),
                  double(m_fanOut.cpuNs) / 1e3 / double(std::max<qint64>(1, m_fanOut.frames)));
        // Where a write's time went (docs/server.md, "Where an op's time goes"): waiting for
        // the writer, then its group on the writer until the main thread heard of it.
        if (m_writeWait.count() > 0)
            qInfo("writes: %lld; waiting for the writer %s; in the group %s",
                  qint64(m_writeWait.count()), qPrintable(m_writeWait.summary()),
                  qPrintable(m_writeGroup.summary()));
        m_commitWatch.reset(); // no hint after the sockets are told goodbye
        for (WebSocketConnection *s : std::as_const(m_sockets))
            s->close(WebSocket::CloseGoingAway);
        stopWorkers();
        emit stopped();
    });
}

TicketServer::~TicketServer()
{
    stopWorkers();
}

bool TicketServer::start(QString *error)
{
    {
        // Migrate once, before any worker opens its connection.
        const std::unique_ptr<Store> store = Store::open(m_options.db, m_catalogs, error);
        // The team settings are in the feed from the start, so every client has them; seeded
        // under the migration lock, so processes starting together seed them once.
        const auto seedSettings = [&store] {
            if (store->hasSettings())
                return true;
            Agent system;
            system.id = QStringLiteral("system");
            return store->putSettings(system, TeamSettings()).has_value();
        };
        if (!store || !store->migrate(error, seedSettings))
            return false;
        m_hints = HintPacer(HintIntervalMs, store->lastSeq());
        if (store->isPostgres()) {
            m_listener = std::make_unique<ChangeListener>(m_options.db, m_catalogs);
            connect(m_listener.get(), &ChangeListener::changed, this, &TicketServer::committed);
            if (!m_listener->start(error))
                return false;
            m_presenceRelay = std::make_unique<PresenceRelay>(m_options.db, m_catalogs,
                                                              &m_presence);
            if (!m_presenceRelay->start(error))
                return false;
        } else {
            // SQLite tells no one: a mail-ingest process's commit is seen within an interval.
            m_commitWatch = std::make_unique<CommitWatch>(m_options.db, m_catalogs);
            connect(m_commitWatch.get(), &CommitWatch::changed, this, &TicketServer::committed);
            connect(m_commitWatch.get(), &CommitWatch::mailQueued, this,
                    &TicketServer::mailQueued);
            if (!m_commitWatch->start(error))
                return false;
        }
    }
    m_options.readers = std::max(1, m_options.readers);
    for (int i = 0; i <= m_options.readers; ++i) {
        auto *thread = new QThread(this);
        thread->setObjectName(i == 0 ? QStringLiteral("db-writer")
                                     : QStringLiteral("db-reader-%1").arg(i));
        auto *worker = new Worker(m_options.db, m_catalogs, m_pages, &m_metrics, m_options.clock);
        worker->setApiLimits(m_options.limits);
        worker->moveToThread(thread);
        thread->start();
        m_threads.append(thread);
        m_workers.append(worker);
        bool opened = false;
        QMetaObject::invokeMethod(
            worker, [worker, &opened, error] { opened = worker->open(error); },
            Qt::BlockingQueuedConnection);
        if (!opened)
            return false;
    }
    // The IM outbox's courier: its own thread and connection, so a slow group webhook holds
    // up no request.
    m_courierThread = new QThread(this);
    m_courierThread->setObjectName(QStringLiteral("im-courier"));
    m_courier = new ImCourier(m_options.db, m_catalogs, m_options.clock);
    m_courier->moveToThread(m_courierThread);
    m_courierThread->start();
    bool courierOpened = false;
    QMetaObject::invokeMethod(
        m_courier, [this, &courierOpened, error] { courierOpened = m_courier->open(error); },
        Qt::BlockingQueuedConnection);
    if (!courierOpened)
        return false;
    if (!m_http.listen(m_options.address, m_options.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_options.address.toString())
                     .arg(m_options.port)
                     .arg(m_http.errorString());
        return false;
    }
    return true;
}

void TicketServer::stopWorkers()
{
    if (m_courier) {
        QMetaObject::invokeMethod(
            m_courier, [this] { m_courier->close(); }, Qt::BlockingQueuedConnection);
        m_courierThread->quit();
        m_courierThread->wait();
        delete m_courier;
        m_courier = nullptr;
    }
    for (qsizetype i = 0; i < m_workers.size(); ++i) {
        Worker *w = m_workers.at(i);
        QMetaObject::invokeMethod(
            w, [w] { w->close(); }, Qt::BlockingQueuedConnection);
        m_threads.at(i)->quit();
        m_threads.at(i)->wait();
        delete w;
    }
    m_workers.clear();
    qDeleteAll(m_threads);
    m_threads.clear();
}

HttpServer::Reply TicketServer::measured(const HttpRequest &request, HttpServer::Reply reply)
{
    QElapsedTimer started;
    started.start();
    m_inFlight.ref();
    return [this, reply = std::move(reply), route = Metrics::routeOf(request.path),
            method = request.method, started](const HttpResponse &response) {
        m_metrics.request(route, method, response.status, double(started.nsecsElapsed()) / 1e9);
        m_inFlight.deref();
        if (response.status >= 500) // one line: the body is compact JSON
            qWarning("%s %s answered %d: %s", method.constData(), qPrintable(route),
                     response.status, response.body.constData());
        reply(response);
    };
}

HttpResponse TicketServer::metricsPage(const HttpRequest &request)
{
    if (request.method != "GET" && request.method != "HEAD")
        return methodNotAllowed("GET, HEAD", QStringLiteral("/metrics answers GET only."));
    Metrics::Gauges gauges;
    gauges.webSocketClients = int(m_sockets.size());
    gauges.readerConnections = std::max(0, int(m_workers.size()) - 1);
    gauges.writerBusy = m_writerBusy;
    gauges.queuedWrites = int(m_writes.size());
    gauges.inFlight = m_inFlight.loadRelaxed() - 1; // not this request itself
    return { 200,
             m_metrics.render(gauges),
             QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
             {},
             {} };
}

void TicketServer::handle(const HttpRequest &request, HttpServer::Reply reply)
{
    reply = measured(request, std::move(reply));
    // Answered here, from counters: a scrape needs no database connection.
    if (request.path == u"/metrics") {
        reply(metricsPage(request));
        return;
    }
    if (m_workers.isEmpty()) {
        reply(HttpResponse::json(503, errorBody("unavailable", QStringLiteral("Shutting down."))));
        return;
    }
    if (Api::isWrite(request)) {
        QElapsedTimer queued;
        queued.start();
        m_writes.append({ request, reply, queued });
        if (!m_writerBusy)
            flushWrites();
        return;
    }
    Worker *w = m_workers.at(m_readers.next(m_workers.size() - 1));
    QPointer<TicketServer> self(this);
    QMetaObject::invokeMethod(w, [w, request, reply, self] {
        qint64 seq = 0;
        const HttpResponse response = w->api()->handle(request, &seq);
        reply(response);
        if (seq > 0 && self)
            QMetaObject::invokeMethod(self, [self, seq] {
                if (self)
                    self->committed(seq);
            });
    });
}

void TicketServer::flushWrites()
{
    if (m_writes.isEmpty() || m_workers.isEmpty())
        return;
    constexpr qsizetype MaxGroup = 64;
    const QVector<PendingWrite> group = m_writes.mid(0, MaxGroup);
    m_writes.remove(0, group.size());
    m_writerBusy = true;
    for (const PendingWrite &p : group)
        m_writeWait.add(p.queued.nsecsElapsed());
    QElapsedTimer handedOver;
    handedOver.start();
    Worker *w = m_workers.first();
    QPointer<TicketServer> self(this);
    QMetaObject::invokeMethod(w, [w, group, self, handedOver] {
        QVector<HttpRequest> requests;
        requests.reserve(group.size());
        for (const PendingWrite &p : group)
            requests.append(p.request);
        qint64 seq = 0;
        const qint64 imBefore = w->store()->imRepliesQueued();
        const QVector<HttpResponse> responses = w->api()->handleWrites(requests, &seq);
        const bool imQueued = w->store()->imRepliesQueued() != imBefore;
        for (qsizetype i = 0; i < group.size(); ++i)
            group.at(i).reply(responses.at(i));
        QMetaObject::invokeMethod(self, [self, seq, handedOver, imQueued] {
            if (!self)
                return;
            // Back on the main thread: the group's time includes this thread's own delay.
            self->m_writeGroup.add(handedOver.nsecsElapsed());
            self->m_writerBusy = false;
            if (seq > 0)
                self->committed(seq);
            if (imQueued)
                self->wakeCourier();
            self->flushWrites();
        });
    });
}

void TicketServer::onWriter(std::function<qint64(Store *)> work)
{
    if (m_workers.isEmpty())
        return;
    Worker *w = m_workers.first();
    QPointer<TicketServer> self(this);
    QMetaObject::invokeMethod(w, [w, work, self] {
        const qint64 imBefore = w->store()->imRepliesQueued();
        const qint64 seq = work(w->store());
        const bool imQueued = w->store()->imRepliesQueued() != imBefore;
        if (seq > 0 && self)
            QMetaObject::invokeMethod(self, [self, seq, imQueued] {
                if (!self)
                    return;
                self->committed(seq);
                if (imQueued)
                    self->wakeCourier();
            });
    });
}

void TicketServer::wakeCourier()
{
    // Only after a write of this process that queued a reply to an IM group: every commit
    // (its own and, through the listener, every other process's) used to wake it, and each
    // wake was a claim transaction of five round trips that found nothing for an op that
    // touched no IM group. Another process's replies are its own courier's, and any courier
    // takes them at its next poll should that process die.
    if (m_courier)
        m_courier->wake();
}

void TicketServer::committed(qint64 seq)
{
    const qint64 now = m_hintClock.elapsed();
    if (const std::optional<qint64> hint = m_hints.offer(seq, now))
        sendHint(*hint);
    else if (m_hints.holding() && !m_hintTimer.isActive())
        m_hintTimer.start(int(std::max<qint64>(0, m_hints.dueAtMs() - now)));
}

void TicketServer::sendHint(qint64 seq)
{
    if (!m_fanOutFrame.isEmpty()) {
        // Every client gets the same hints in the same order: this one follows the one under
        // way (a newer one due meanwhile stands for it).
        m_nextHintSeq = std::max(m_nextHintSeq, seq);
        return;
    }
    m_fanOutTook.start();
    m_fanOutCpuNs = 0;
    m_fanOutNext = 0;
    const qint64 cpuAtStart = threadCpuNs();
    // Framed once; every client's socket gets the same bytes.
    m_fanOutFrame = WebSocket::frame(
        WebSocket::Opcode::Text,
        QJsonDocument(QJsonObject { { QStringLiteral("type"), QStringLiteral("changed") },
                                    { QStringLiteral("seq"), seq } })
            .toJson(QJsonDocument::Compact));
    m_fanOutCpuNs += threadCpuNs() - cpuAtStart;
    fanOutSlice();
}

void TicketServer::fanOutSlice()
{
    const qint64 cpuAtStart = threadCpuNs();
    const qsizetype end = std::min(m_sockets.size(), m_fanOutNext + HintSlice);
    for (; m_fanOutNext < end; ++m_fanOutNext)
        m_sockets.at(m_fanOutNext)->send(m_fanOutFrame);
    m_fanOutCpuNs += threadCpuNs() - cpuAtStart;
    if (m_fanOutNext < m_sockets.size()) {
        QMetaObject::invokeMethod(this, &TicketServer::fanOutSlice, Qt::QueuedConnection);
        return;
    }
    const qint64 ns = m_fanOutTook.nsecsElapsed();
    ++m_fanOut.hints;
    m_fanOut.frames += m_sockets.size();
    m_fanOut.ns += ns;
    m_fanOut.cpuNs += m_fanOutCpuNs;
    // Spaced by the fan-out's CPU time, not its wall time: on a busy machine the wall time is
    // mostly other processes' turns (and now the requests read between slices), and spacing
    // by it delayed every hint for nothing.
    const qint64 cost = cpuAtStart > 0 ? m_fanOutCpuNs : ns;
    m_hints.setIntervalMs(
        std::clamp<qint64>(4 * cost / 1000000, HintIntervalMs, MaxHintIntervalMs));
    m_fanOutFrame.clear();
    for (WebSocketConnection *s : std::exchange(m_closedDuringFanOut, {}))
        removeSocket(s);
    if (const qint64 next = std::exchange(m_nextHintSeq, 0))
        sendHint(next);
}

void TicketServer::onWebSocket(WebSocketConnection *socket)
{
    socket->setParent(this);
    m_socketIndex.insert(socket, m_sockets.size());
    m_sockets.append(socket);
    m_presence.addClient(socket, m_streamAgents.value(socket->token()));
    connect(socket, &WebSocketConnection::closed, this, [this, socket] {
        m_presence.removeClient(socket);
        if (!m_fanOutFrame.isEmpty()) {
            m_closedDuringFanOut.append(socket);
            return;
        }
        removeSocket(socket);
    });
}

void TicketServer::removeSocket(WebSocketConnection *socket)
{
    // The last one takes its place: O(1) a disconnect, where removeAll() walked every client
    // (2,000 reconnecting after a restart made that 2,000² steps on the main thread). Never
    // during a fan-out, which walks the list by index (m_closedDuringFanOut waits for it).
    const auto it = m_socketIndex.constFind(socket);
    if (it != m_socketIndex.cend()) {
        const qsizetype i = *it;
        m_socketIndex.erase(it);
        WebSocketConnection *last = m_sockets.takeLast();
        if (last != socket) {
            m_sockets[i] = last;
            m_socketIndex[last] = i;
        }
    }
    socket->deleteLater();
}

void TicketServer::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_http.shutdown();
}

} // namespace SupportDesk::Server
