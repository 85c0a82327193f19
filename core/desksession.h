// One signed-in account: the GUI thread's cache connection for reads and edits, and the sync
// engine running on a worker thread with a connection of its own to the same SQLite file.
//
// The split keeps the GUI thread free: feed pages are parsed and written on the worker (a
// 1000-ticket page takes tens of milliseconds), while the GUI reads rows and saves single edits,
// each a few milliseconds. Both connections use WAL, so reads never wait for the worker's
// writes; an edit waits at most for one page's transaction (busy_timeout).
#pragma once

#include "attachmentcache.h"
#include "changedrows.h"
#include "clock.h"
#include "domain.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "ticketindex.h"

#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QThread>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace SupportDesk {

class BusinessCalendar;
class CatalogSet;
class Transport;
struct TransportResponse;

// Where an edit the agent saved came from: one ticket (the pane, a dialog), or a bulk run over
// many. "Move on after answering" follows the first only (a bulk run keeps its selection).
enum class EditOrigin { OneTicket, Bulk };

struct SessionConfig
{
    QString cachePath;
    // Called on the worker thread; the session owns what it returns. Tests pass fault-serving
    // transports here.
    std::function<Transport *()> makeTransport;
    SyncEngine::Options options;
    // Which credentials the session signs in with (a hash of the token, never the token): with
    // verifyAccount, the cache's signed-in agent is shown before the server answers only for
    // the same key (an empty key, no token yet, matches none). Without (tests' transports),
    // the cached agent is trusted.
    QString accountKey;
    bool verifyAccount = false;

    static QString accountKeyFor(const QString &token);

    // `extraCas`: CAs trusted besides the system's (a company CA, --ca-file or Settings).
    static SessionConfig forServer(const QUrl &serverUrl, const QString &token,
                                   const QString &cachePath,
                                   const QList<QSslCertificate> &extraCas = {});
};

class DeskSession : public QObject
{
    Q_OBJECT

public:
    explicit DeskSession(QObject *parent = nullptr);
    ~DeskSession() override;

    // Opens the cache on this thread. Not Ok: nothing runs yet; the caller may ask the user and
    // call cache()->recoverFromCorruption() or discardAndRecreate(), then open() again.
    TicketCache::OpenStatus open(const SessionConfig &config);
    QString errorString() const;
    // Starts syncing on the worker thread.
    void start();
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

    // The GUI thread's connection: reads, and edits through saveEdit().
    TicketCache *cache() { return &m_cache; }
    // Server time, corrected by the offset the engine measures on every response.
    const Clock *clock() const { return &m_clock; }
    qint64 clockOffsetMs() const { return m_clock.offsetMs(); }
    SyncState syncState() const { return m_state; }
    // The engine has heard from the server and is not backing off (the status bar's Online).
    bool isOnline() const
    {
        return m_state == SyncState::Idle || m_state == SyncState::Syncing;
    }
    // The initial sync is under way: its pages do not signal ticketsChanged; cacheReset() comes
    // when it ends, always (one page, or none, too: see docs/cache.md).
    bool isLoading() const { return m_loading || m_awaitingRows; }
    // The signed-in agent: from the cache at once when it was signed in with the same
    // credentials, else only once GET /me answered; refreshed from GET /me on every start.
    std::optional<Agent> me() const { return m_me; }
    // The largest attachment the server accepts, as GET /me last said (kept in the cache);
    // the server's default until it has. Read again after signedIn().
    qint64 maxAttachmentBytes() const;
    // The server's clock offset and when it was last measured (local clock; invalid: never).
    // Before the server answers in this run it is the one kept in the cache.
    QDateTime clockMeasuredAt() const { return m_clockMeasuredAt; }
    // The end of the last complete sync (server clock), kept in the cache across restarts.
    QDateTime lastSync() const { return m_lastSync; }
    // Where the caches of other accounts that signed in with this cache's path are kept.
    static QString parkedCachePath(const QString &cachePath, const QString &agentId);
    // The catalogs the server sent (cached), or the built-in ones until it has.
    const CatalogSet &catalogs() const { return *m_catalogs; }
    // The holiday calendar the server hands out with the catalog (cached), or the built-in one
    // until it has; reloaded with the catalogs (catalogsChanged).
    const BusinessCalendar &calendar() const { return *m_calendar; }
    // The team settings, parsed once when the cache opens and whenever the sync goes idle
    // (the index holds them), not on every call.
    TeamSettings teamSettings() const { return m_index->teamSettings(); }
    // The one live index of ticket facts and response moments every view reads (docs/index.md):
    // updated once per change, before any view hears of ticketsChanged() or cacheReset().
    TicketIndex *index() const { return m_index.get(); }
    // Every change's rows, read once off this thread: the index takes them, then the queue
    // merges them (rowsRead()), in one event (core/changedrows.h).
    ChangedRowsFeed *changedRows() const { return m_changedRows.get(); }
    // The queue rows: during cacheReset() the ones the sync thread read for the reset (a
    // shallow copy), otherwise read from the cache on this thread.
    QueueRows ticketRows() const;
    // Every queue row handed to `sink` as read (the queue's load). When the index has not
    // read the tickets yet it reads them in the same pass (TicketIndex::loadAlongside()) and
    // signals its reset() after the last row: one read of the cache for both, where each
    // used to read all rows itself (at a million tickets two full reads, each a QByteArray
    // per row held whole). During cacheReset(), the rows read for it.
    void scanTicketRows(TicketRowSink *sink);
    // During cacheReset(): the rows read for it; null otherwise.
    std::shared_ptr<const QueueRows> resetRows() const { return m_resetRows; }
    // scanTicketRows() on a thread of its own with its own connection to the cache file (the
    // queue reads the rest of a large cache there, behind its first screen). The same pass
    // makes the index's content, which it takes in one swap (adopt(): its views hear reset())
    // before `done` runs here, whether or not it had read before; when it had not, it does
    // not read by itself meanwhile (isLoading()). `onThread` runs on that thread after the
    // last row (the sink's own finishing), given the index content made in the pass, which
    // the sink's rows are positions in; `done` runs here
    // unless `context` is gone or the read was overtaken (a reset, another load, another
    // file). Changes signalled meanwhile are signalled again after `done`: the read may be
    // older than them. False when there is no file to read (nothing runs then).
    bool scanTicketRowsBehind(const std::shared_ptr<TicketRowSink> &sink,
                              std::function<void(const TicketIndex *made)> onThread,
                              QObject *context,
                              std::function<void()> done);
    // A read of scanTicketRowsBehind() is under way.
    bool isReadingBehind() const { return m_behind != nullptr; }
    // Until that read's thread has read (its hand-over still waits for this thread's event
    // loop): tests make it older than an edit.
    void waitForReadBehind() const
    {
        if (m_behind)
            m_behind->wait();
    }

    // Stores a sync value that may be written a moment later (by the sync thread, so this
    // thread never waits for the write lock behind a feed page); on this thread when stopped.
    void storeSyncValue(const QString &key, const QString &value);
    // Saves an edit durably (cache + outbox in one transaction) and asks the engine to send it.
    // `alongside` writes in the same transaction (a reply's files: attachments()).
    bool saveEdit(const Operation &op, const std::function<bool()> &alongside = {});
    // Several edits, each saved as saveEdit() saves one (its own op, its own durable
    // transaction), the views told once for all of them: a bulk action's slice (core/bulk.h).
    // Stops at the first that cannot be saved; returns how many were.
    int saveEdits(const QVector<Operation> &ops);
    // Edits another connection to the cache file saved (a bulk action's writer thread,
    // core/bulkwriter.h): the views are told and the engine asked to send, as saveEdits()
    // does for its own.
    void announceSavedEdits(const QVector<Operation> &ops);
    // The attachments on the GUI thread's connection (records, kept bytes, a reply's files).
    AttachmentCache *attachments() { return &m_attachments; }
    // A macro saved, or deleted with `remove`, through the outbox (docs/macros.md).
    bool saveMacro(const Macro &macro, bool remove = false);
    // An IEM engagement or training session recorded (or corrected), or cancelled with
    // `cancel` (its cancelReason), through the outbox (docs/service-use.md); a lead's.
    bool saveServiceUse(const ServiceUse &use, bool cancel = false);
    QVector<ServiceUse> serviceUse(const QString &customerId) const
    {
        return m_cache.serviceUse(customerId);
    }
    // A saved view saved (a new one, or renamed or changed on the version the cache shows),
    // or deleted with `remove`, through the outbox (docs/tags-and-views.md).
    bool saveView(const SavedView &view, bool remove = false);
    // The user's answer to a conflict or rejection.
    bool reapply(const QString &opId);
    bool drop(const QString &opId);

    // A request outside the sync loop (team settings, reports), sent on the sync worker's
    // transport: the same server, token and thread as the engine's. The future always
    // finishes with one response: status 0 with `error` set when the session is not running,
    // the request timed out, or the session stopped under it. It finishes on this thread from
    // the event loop, never before this returns (a continuation attached at once never runs
    // inside the caller's call); canceled if the session is destroyed with the answer still
    // queued. Continue it with .then(context, …) to read the answer on the context's thread.
    QFuture<TransportResponse> request(const QByteArray &method, const QString &path,
                                       const QByteArray &body = {});

    // A message for the server on the sync's stream (presence, docs/collision.md); dropped
    // while the stream is down.
    void sendOnStream(const QByteArray &message);

public slots:
    void syncNow();
    // A new token after an auth failure (the transport must be an HttpTransport).
    void setToken(const QString &token);
    // CAs to trust besides the system's from now on (Settings changed the CA file); the
    // engine tries again at once (the transport must be an HttpTransport).
    void setExtraCaCertificates(const QList<QSslCertificate> &certificates);

signals:
    void ticketsChanged(const QStringList &ticketIds);
    // IEM or training records changed: this desk's own, the feed's, or the server's answer.
    void serviceUseChanged();
    // The signed-in agent saved an edit (before ticketsChanged() for it): views that follow
    // the agent's work, such as the queue's selection, tell it from other changes by this,
    // and a bulk run's edits from an edit of one ticket by `origin`.
    void editSaved(const QString &ticketId, const QString &type,
                   SupportDesk::EditOrigin origin);
    // The cache changed wholesale (the initial sync finished, however many pages it had; or
    // another account's cache was put away): read everything again.
    void cacheReset();
    void syncStateChanged(SupportDesk::SyncState state);
    void outboxChanged(); // pending or conflict counts may have changed
    void conflict(const QString &opId, const QString &ticketId);
    void rejected(const QString &opId, const QString &ticketId, const QString &code);
    void error(const QString &message);
    void clockOffsetChanged(qint64 offsetMs);
    void catalogsChanged();
    void signedIn(const SupportDesk::Agent &me);
    // The signed-in agent is not known any more (another account's cache was put away):
    // role-dependent views must go until signedIn().
    void signedOut();
    // Customers or agents changed: the feed brought some since the last idle (signalled just
    // before idle(), once for all the pages), or another account's cache was put in place.
    // Views that hold names read the directory on this, not at every idle.
    void directoryChanged();
    void idle();
    void searchIndexReady();
    void lastSyncChanged(const QDateTime &at); // a pull reached the end of the feed
    // The stream (re)connected or went away; a message on it that is not a change hint.
    void streamConnected();
    void streamLost();
    void streamMessage(const QJsonObject &message);

private:
    class Worker;
    void loadCatalogs();
    void loadMe();
    // The initial sync ended: the rows are read on the worker, then cacheReset() is signalled.
    void finishLoading();
    // A pulled change handed on to the views (held while the reset's rows are read).
    void handOnPulled(const QStringList &ids);
    void deliverReset(const std::shared_ptr<const QueueRows> &rows,
                      const std::shared_ptr<TicketIndex> &index, quint64 generation);
    void emitTicketsChanged(const QStringList &ids);
    void switchAccount(const Agent &cacheOwner, const Agent &me);
    void noteLastSync();
    // After an op of a macro or view was saved (`saved`): the views and the engine are told.
    bool queued(bool saved);

    TicketCache m_cache;
    AttachmentCache m_attachments{&m_cache};
    SessionConfig m_config;
    QThread m_thread;
    Worker *m_worker = nullptr;
    ServerClock m_clock;
    SyncState m_state = SyncState::Connecting;
    bool m_loading = false;
    bool m_awaitingRows = false; // the initial sync ended; its reset's rows are being read
    bool m_directoryChanged = false; // the feed brought customers or agents since the idle
    bool m_settingsChanged = false; // the feed brought the team's settings since the idle
    quint64 m_generation = 0; // a reset for an earlier run of the worker is dropped
    QSet<QString> m_heldIds; // changed while the reset's rows were read
    std::shared_ptr<const QueueRows> m_resetRows;
    // During cacheReset(): the index's content made on the worker from m_resetRows.
    std::shared_ptr<TicketIndex> m_resetIndex;
    std::optional<Agent> m_me;
    QDateTime m_clockMeasuredAt;
    QDateTime m_lastSync;
    QDateTime m_lastSyncStored; // local clock
    // One object for the session's life: views keep a reference, and a new catalog from the
    // server is assigned into it rather than replacing it.
    std::unique_ptr<CatalogSet> m_catalogs;
    std::unique_ptr<BusinessCalendar> m_calendar;
    std::unique_ptr<TicketIndex> m_index;
    std::unique_ptr<ChangedRowsFeed> m_changedRows; // after the index: goes before it
    // scanTicketRowsBehind(): its thread (joined before the session goes), the changes held
    // meanwhile, and its generation (an overtaken read is dropped when it ends).
    void cancelReadBehind();
    QThread *m_behind = nullptr;
    quint64 m_behindGeneration = 0;
    QSet<QString> m_behindIds;
};

} // namespace SupportDesk
