// The running server: the HTTP layer on the main thread, database work on worker threads (one
// writer, a few readers, each with its own connection), and the WebSocket hints after commits.
#pragma once

#include "api.h"
#include "changelistener.h"
#include "commitwatch.h"
#include "hintpacer.h"
#include "http.h"
#include "imcourier.h"
#include "metrics.h"
#include "presencehub.h"
#include "readerrotation.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>


namespace SupportDesk::Server {

struct ServerOptions
{
    QString db;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080;
    int readers = 2;
    qint64 maxBodyBytes = 4 << 20;
    int idleTimeoutMs = 60000;
    ApiLimits limits; // the API's own (ops per batch, feed pages, attachment size)
    std::shared_ptr<const Clock> clock; // the server's "now"; none: the system's
};

// A thread with its own Store and Api.
class Worker : public QObject
{
    Q_OBJECT

public:
    Worker(const QString &db, const CatalogSet *catalogs, std::shared_ptr<PageCache> pages,
           Metrics *metrics = nullptr, std::shared_ptr<const Clock> clock = {});
    ~Worker() override;
    bool open(QString *error); // on the worker's thread
    void close(); // on the worker's thread
    Api *api() const { return m_api.get(); }
    Store *store() const { return m_store.get(); }
    void setApiLimits(const ApiLimits &limits) { m_limits = limits; } // before open()

private:
    ApiLimits m_limits;
    QString m_db;
    const CatalogSet *m_catalogs;
    std::shared_ptr<PageCache> m_pages;
    Metrics *m_metrics;
    std::shared_ptr<const Clock> m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Api> m_api;
};

class TicketServer : public QObject
{
    Q_OBJECT

public:
    TicketServer(const ServerOptions &options, const CatalogSet *catalogs,
                 QObject *parent = nullptr);
    ~TicketServer() override;

    bool start(QString *error);
    quint16 port() const { return m_http.port(); }
    // Runs `work` with the writer's Store on the writer thread; a returned seq > 0 is hinted.
    void onWriter(std::function<qint64(Store *)> work);
    // Stops accepting, answers what is under way, then emits stopped().
    void shutdown();
    Metrics &metrics() { return m_metrics; }

signals:
    void stopped();
    // SQLite: a commit (this process's or another's) queued mail (CommitWatch::mailQueued).
    void mailQueued();

private:
    void handle(const HttpRequest &request, HttpServer::Reply reply);
    // `reply`, counted for /metrics (and logged when it is a 5xx) when it is called.
    HttpServer::Reply measured(const HttpRequest &request, HttpServer::Reply reply);
    HttpResponse metricsPage(const HttpRequest &request);
    void committed(qint64 seq);
    void wakeCourier();
    void sendHint(qint64 seq);
    void flushWrites();
    void onWebSocket(WebSocketConnection *socket);
    void stopWorkers();

    ServerOptions m_options;
    const CatalogSet *m_catalogs;
    HttpServer m_http;
    QVector<QThread *> m_threads;
    QVector<Worker *> m_workers; // [0] writes; the others read
    ReaderRotation m_readers;
    std::shared_ptr<PageCache> m_pages = std::make_shared<PageCache>();
    // Hints go out at most every HintIntervalMs, of the newest sequence (hintpacer.h); when
    // a fan-out takes longer than a quarter of that, the spacing grows to four times what it
    // took (up to MaxHintIntervalMs), so hints never take more than a quarter of the main
    // thread, which also reads and answers every request.
    static constexpr qint64 HintIntervalMs = 25;
    static constexpr qint64 MaxHintIntervalMs = 80;
    HintPacer m_hints { HintIntervalMs };
    QElapsedTimer m_hintClock;
    QTimer m_hintTimer; // fires when a held hint is due
    QList<WebSocketConnection *> m_sockets;
    QHash<WebSocketConnection *, qsizetype> m_socketIndex; // where each is in m_sockets
    void removeSocket(WebSocketConnection *socket);
    // A hint is written a slice of sockets per event, so the requests that arrive meanwhile
    // are read between slices instead of behind a write to every client (each write to a
    // loopback client also wakes it: ~50 µs of wall time a socket on a busy machine).
    static constexpr qsizetype HintSlice = 256;
    void fanOutSlice();
    QByteArray m_fanOutFrame; // the hint under way (empty: none)
    qsizetype m_fanOutNext = 0; // the next socket it goes to
    QElapsedTimer m_fanOutTook;
    qint64 m_fanOutCpuNs = 0;
    qint64 m_nextHintSeq = 0; // came due while one was under way: goes out after it
    // Closed while a hint was under way: taken out once it is done, so no index shifts.
    QList<WebSocketConnection *> m_closedDuringFanOut;
    bool m_stopping = false;
    // Writes wait here while the writer is busy, then go as one group (one transaction).
    struct PendingWrite
    {
        HttpRequest request;
        HttpServer::Reply reply;
        QElapsedTimer queued;
    };
    QVector<PendingWrite> m_writes;
    Samples m_writeWait; // each write: from its arrival to its group's start
    Samples m_writeGroup; // each group: handed to the writer until the main thread has it back
    bool m_writerBusy = false;
    Metrics m_metrics;
    std::unique_ptr<ChangeListener> m_listener; // PostgreSQL: commits of every process
    std::unique_ptr<CommitWatch> m_commitWatch; // SQLite: commits of other processes
    // Collision (docs/collision.md): who is on which ticket; the relay carries it between
    // processes on PostgreSQL. The agents the stream's upgrade check found, by token.
    PresenceHub m_presence;
    std::unique_ptr<PresenceRelay> m_presenceRelay;
    QHash<QString, Agent> m_streamAgents;
    QThread *m_courierThread = nullptr; // posts IM replies (ImCourier)
    ImCourier *m_courier = nullptr;
    QAtomicInt m_inFlight; // requests handed to handle() and not yet answered
    struct FanOut // what the hints cost, logged at shutdown
    {
        qint64 hints = 0;
        qint64 frames = 0;
        qint64 ns = 0;
        qint64 cpuNs = 0; // the main thread's CPU time: wall time counts other processes' turns
    } m_fanOut;
};

} // namespace SupportDesk::Server
