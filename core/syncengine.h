// Keeps a TicketCache in step with the server: paged initial sync, pulls on push hints with a
// poll as fallback, the outbox sent in order and exactly once, backoff, and server time. A
// closed or silent (unanswered ping) push socket is checked at once, so a dead server shows.
#pragma once

#include "attachmentcache.h"
#include "clock.h"
#include "feedcodec.h"
#include "ticketcache.h"
#include "transport.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <atomic>
#include <memory>

class QWebSocket;

namespace SupportDesk {

class Transport;

// The system clock corrected by the offset the sync engine measured against the server.
class ServerClock final : public Clock
{
public:
    QDateTime now() const override
    {
        return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load());
    }
    qint64 offsetMs() const { return m_offsetMs.load(); }
    void setOffsetMs(qint64 ms) { m_offsetMs.store(ms); }

private:
    std::atomic<qint64> m_offsetMs{0};
};

enum class SyncState {
    Connecting,   // not yet heard from the server in this run
    Idle,         // connected, nothing to do
    Syncing,      // a request is under way
    Offline,      // the server cannot be reached; retrying with backoff
    AuthFailed,   // the token was refused; waiting for a new one
};

class SyncEngine : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int pageSize = 5000; // the server's most; see docs/cache.md, "Initial sync end to end"
        int opsBatch = 100;
        int requestTimeoutMs = 15000; // of silence: each slice of an answer restarts it
        int pollIntervalMs = 30000;
        int minBackoffMs = 1000;
        int maxBackoffMs = 60000;
        // The stream is pinged this often; a server that has not answered a ping by the next
        // one counts as gone (a killed or frozen server is noticed within two intervals).
        int pingIntervalMs = 3000;
        // The initial sync's search entries written by a thread of their own (docs/cache.md
        // "The search file"); off, each page writes them in its own transaction (bench_sync
        // compares the two in one run).
        bool searchWriterThread = true;
    };

    // The last measured offset of the server's clock, kept in the cache (sync value
    // "server_clock") so a restart without the server still corrects countdowns.
    struct ClockRecord
    {
        qint64 offsetMs = 0;
        QDateTime measuredAt; // local clock, UTC; invalid when never measured
    };
    static ClockRecord storedClock(const TicketCache &cache);

    // The engine does not own the cache or the transport.
    SyncEngine(TicketCache *cache, Transport *transport, QObject *parent = nullptr);
    SyncEngine(TicketCache *cache, Transport *transport, const Options &options,
               QObject *parent = nullptr);
    ~SyncEngine() override;

    SyncState state() const { return m_state; }
    ServerClock *serverClock() { return &m_clock; }
    bool isInitialSyncDone() const;
    QString lastError() const { return m_lastError; }

public slots:
    void start();
    void stop();
    // Something changed: the outbox has an edit, a hint arrived, or the user asked.
    void syncNow();
    // After an auth failure: try again with a token the transport now holds.
    void retryAuth();
    // Offline: try again now rather than after the backoff (the transport's TLS settings
    // changed).
    void retryNow();
    // A text message for the server on the stream (presence, docs/collision.md); dropped while
    // the stream is down (streamConnected() says when to say it again).
    void sendOnStream(const QByteArray &message);

signals:
    void ticketsChanged(const QStringList &ticketIds);
    // The initial sync's last page is written (after its ticketsChanged()): receivers on
    // another thread learn it in order with the pages' signals, whatever the cache says by
    // the time they handle them.
    void initialSyncFinished();
    void stateChanged(SupportDesk::SyncState state);
    void conflict(const QString &opId, const QString &ticketId);
    void rejected(const QString &opId, const QString &ticketId, const QString &code);
    void error(const QString &message);
    void clockOffsetChanged(qint64 offsetMs);
    void catalogsChanged();
    // IEM or training records came from the feed or the server applied this desk's.
    void serviceUseChanged();
    // A feed page brought customers or agents (after its ticketsChanged()): the views that
    // name them read them again, and only then (not at every idle).
    void directoryChanged();
    // A feed page brought the team's settings (after its ticketsChanged()).
    void teamSettingsChanged();
    void signedIn(const SupportDesk::Agent &me); // who the token belongs to, from GET /me
    void idle(); // caught up: outbox sent, feed read to the end
    // GET /me answered with another agent than the one the cache belongs to: nothing of the
    // cache was sent or changed, and the engine stopped.
    void accountMismatch(const SupportDesk::Agent &cacheOwner, const SupportDesk::Agent &me);
    void searchIndexReady(); // every cached ticket can be found by search
    // The stream is up (again): what this desk tells the server there must be said again.
    void streamConnected();
    void streamLost();
    // A message on the stream other than a change hint (presence).
    void streamMessage(const QJsonObject &message);

private:
    void step();
    void fetchCatalog();
    void fetchMe();
    bool pushOutbox();
    // The first file of a pending reply not yet on the server, uploaded under its own id (a
    // repeat is the same attachment); false when none is waiting. A reply is sent only once
    // its files are all up (docs/attachments.md).
    bool uploadAttachment();
    void storeAttachments(const QVector<AttachmentRecord> &records, const QStringList &problems);
    void pull();
    // A feed page's answer: decoded straight into records (FeedDecoder), then written.
    void handlePage(const struct TransportResponse &r, qint64 after);
    void applyPage(const FeedPage &page);
    // The feed up to the mark a cache migration left ("history_pull_to") read again for the
    // history the cache skipped before it kept it (severity changes); false when none is due.
    bool pullHistory();
    void applyHistoryPage(qint64 after, qint64 to, const QJsonObject &page);
    QString changesPath(qint64 after) const;
    void prefetch(qint64 after);
    void cancelPrefetch();
    void handleResponse(const struct TransportResponse &r,
                        const std::function<void(const QJsonObject &)> &onSuccess);
    void request(const QByteArray &method, const QString &path, const QByteArray &body,
                 std::function<void(const QJsonObject &)> onSuccess);
    void send(const QByteArray &method, const QString &path, const QByteArray &body,
              std::function<void(const TransportResponse &)> onAnswer);
    // Status 2xx, else the failure handled and false.
    bool accepted(const TransportResponse &r);
    // A readable answer: the server's time noted, the failures forgotten, online.
    void answered(const QDateTime &serverTime, const TransportResponse &r);
    void handleFailure(int status, const QString &message);
    void setState(SyncState state);
    void noteServerTime(const QDateTime &server, const struct TransportResponse &r);
    void connectStream();
    void onStreamLost();
    void onPingDue();
    void scheduleRetry();
    void buildSearchIndexSlice();
    // The initial sync's search index, written on a thread of its own (core/searchwriter.h).
    void startSearchWriter();
    void finishSearchWriter();

    TicketCache *m_cache;
    Transport *m_transport;
    Options m_options;
    ServerClock m_clock;
    SyncState m_state = SyncState::Connecting;
    QString m_lastError;
    bool m_running = false;
    bool m_busy = false;
    bool m_again = false;
    bool m_catalogFetched = false;
    bool m_meFetched = false;
    int m_failures = 0;
    quint64 m_inFlight = 0;
    QTimer m_timeout;
    QTimer m_retry;
    QTimer m_poll;
    QTimer m_streamRetry;
    QTimer m_ping;
    bool m_pongAwaited = false;
    QDateTime m_clockStoredAt; // local clock: the offset was last written to the cache then
    QWebSocket *m_stream = nullptr;
    // The next feed page, asked for while the current one is written.
    struct Prefetch
    {
        quint64 id = 0;    // in flight
        qint64 after = -1; // the page after this sequence
        bool waiting = false; // pull() waits for it
        bool overtaken = false; // syncNow() came after it was asked for
        std::optional<TransportResponse> response;
    } m_prefetch;
    bool m_streamUp = false;
    FeedDecoder m_feed;
    AttachmentCache m_attachments{m_cache};
    std::unique_ptr<SearchWriter> m_searchWriter;
    std::unique_ptr<SearchWriter> m_finishedSearchWriter;
};

} // namespace SupportDesk

Q_DECLARE_METATYPE(SupportDesk::SyncState)
Q_DECLARE_METATYPE(SupportDesk::Agent)
