// The sync loop: one request at a time — catalog once, then the outbox, then the feed.
#include "syncengine.h"
#include "ticketedit.h"

#include "businesscalendar.h"
#include "outboxvisit.h"
#include "plancatalog.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QWebSocket>

namespace SupportDesk {

SyncEngine::SyncEngine(TicketCache *cache, Transport *transport, QObject *parent)
    : SyncEngine(cache, transport, Options(), parent)
{
}

SyncEngine::SyncEngine(TicketCache *cache, Transport *transport, const Options &options,
                       QObject *parent)
    : QObject(parent), m_cache(cache), m_transport(transport), m_options(options)
{
    qRegisterMetaType<SupportDesk::SyncState>();
    qRegisterMetaType<SupportDesk::Agent>();
    m_timeout.setSingleShot(true);
    m_retry.setSingleShot(true);
    m_streamRetry.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        // A hung request: give up on it and treat it like a dropped connection.
        if (m_inFlight)
            m_transport->abort(m_inFlight);
        m_inFlight = 0;
        m_busy = false;
        cancelPrefetch();
        handleFailure(0, tr("The server did not answer in time."));
    });
    // The timeout measures silence: every slice of an answer starts it again.
    connect(m_transport, &Transport::progressed, this, [this](quint64 id) {
        if (m_timeout.isActive()
            && (id == m_inFlight || (m_prefetch.waiting && id == m_prefetch.id)))
            m_timeout.start(m_options.requestTimeoutMs);
    });
    connect(&m_retry, &QTimer::timeout, this, &SyncEngine::syncNow);
    connect(&m_poll, &QTimer::timeout, this, &SyncEngine::syncNow);
    connect(&m_streamRetry, &QTimer::timeout, this, &SyncEngine::connectStream);
    connect(&m_ping, &QTimer::timeout, this, &SyncEngine::onPingDue);
}

static const QString ServerClockKey = QStringLiteral("server_clock");

SyncEngine::ClockRecord SyncEngine::storedClock(const TicketCache &cache)
{
    const QJsonObject o = QJsonDocument::fromJson(cache.syncValue(ServerClockKey).toUtf8()).object();
    ClockRecord r;
    const QDateTime at = Json::parseTimestamp(o.value(QStringLiteral("measured_at")).toString());
    const QJsonValue offset = o.value(QStringLiteral("offset_ms"));
    // A record that does not read (or a nonsense offset of more than a year) is no record.
    if (!at.isValid() || !offset.isDouble() || std::abs(offset.toDouble()) > 366.0 * 86400e3)
        return r;
    r.offsetMs = qint64(offset.toDouble());
    r.measuredAt = at;
    return r;
}

SyncEngine::~SyncEngine()
{
    stop();
}

bool SyncEngine::isInitialSyncDone() const
{
    return m_cache->initialSyncDone();
}

void SyncEngine::buildSearchIndexSlice()
{
    // A slice of 1000 tickets holds the write lock for ~100 ms; between slices the event loop
    // runs, so sync requests and the GUI's edits get their turn.
    if (!m_running || !m_cache->initialSyncDone())
        return;
    const int more = m_cache->buildSearchIndex(1000);
    if (more > 0)
        QTimer::singleShot(0, this, &SyncEngine::buildSearchIndexSlice);
    else if (more == 0)
        emit searchIndexReady();
    else
        emit error(tr("The search index could not be built: %1").arg(m_cache->errorString()));
}

// During the initial sync, each page's search entries are written by a thread of their own
// into the search file while this one writes the next page (docs/cache.md "The search
// file"); afterwards the pages write their entries themselves.
void SyncEngine::startSearchWriter()
{
    auto writer = std::make_unique<SearchWriter>(SearchIndex::pathFor(m_cache->path()));
    if (!m_cache->setSearchWriter(writer.get()))
        return; // written with the pages, as after the initial sync
    connect(writer.get(), &SearchWriter::written, this, [this] {
        // Kept until its thread has surely ended (it checkpoints the search file after
        // this): destroyed now, it would hold this thread up for that.
        m_finishedSearchWriter = std::move(m_searchWriter);
        // Whatever the writer could not write (it failed), the backfill catches up on.
        buildSearchIndexSlice();
    }, Qt::QueuedConnection);
    m_finishedSearchWriter.reset();
    writer->start();
    m_searchWriter = std::move(writer);
}

void SyncEngine::finishSearchWriter()
{
    if (!m_searchWriter)
        return;
    // Attached again here first: later pages write their own entries, after the writer's.
    if (m_cache->isOpen() && !m_cache->setSearchWriter(nullptr))
        emit error(tr("The search index could not be opened: %1").arg(m_cache->errorString()));
    m_searchWriter->finish();
}

void SyncEngine::start()
{
    m_running = true;
    // Until the server answers, the offset measured last time is the best guess of its clock.
    const ClockRecord stored = storedClock(*m_cache);
    if (stored.measuredAt.isValid())
        m_clock.setOffsetMs(stored.offsetMs);
    if (!m_cache->searchIndexComplete())
        QTimer::singleShot(0, this, &SyncEngine::buildSearchIndexSlice);
    m_poll.start(m_options.pollIntervalMs);
    connectStream();
    syncNow();
}

void SyncEngine::stop()
{
    m_running = false;
    m_poll.stop();
    m_retry.stop();
    m_timeout.stop();
    m_streamRetry.stop();
    m_ping.stop();
    if (m_searchWriter) {
        // What was handed is written before the writer goes (two pages at most).
        m_searchWriter->disconnect(this);
        finishSearchWriter();
        m_searchWriter.reset();
    }
    m_finishedSearchWriter.reset();
    if (m_inFlight)
        m_transport->abort(m_inFlight);
    m_inFlight = 0;
    m_busy = false;
    cancelPrefetch();
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->abort();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
}

void SyncEngine::retryAuth()
{
    if (m_state != SyncState::AuthFailed)
        return;
    m_failures = 0;
    m_meFetched = false; // the new token may be another account's
    setState(SyncState::Connecting);
    connectStream();
    syncNow();
}

void SyncEngine::retryNow()
{
    // The way to the server changed (the trusted CAs): the backoff was for the old one.
    if (m_state == SyncState::Offline)
        m_retry.stop();
    if (!m_streamUp)
        connectStream();
    syncNow();
}

void SyncEngine::syncNow()
{
    if (!m_running || m_state == SyncState::AuthFailed)
        return;
    // A page asked for before this wake may not hold what woke us (a change committed since):
    // it is still the next page, but the feed is asked again after it (pull()). The wake may be
    // dropped below (the backoff) or its m_again cleared by the next step(): this is what
    // remembers it until the page is used.
    if (m_prefetch.id || m_prefetch.response)
        m_prefetch.overtaken = true;
    if (m_busy) {
        m_again = true;
        return;
    }
    if (m_retry.isActive() && m_state == SyncState::Offline)
        return; // the backoff decides when to try again
    step();
}

void SyncEngine::setState(SyncState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SyncEngine::step()
{
    m_again = false;
    if (!m_catalogFetched) {
        fetchCatalog();
        return;
    }
    if (!m_meFetched) {
        fetchMe();
        return;
    }
    if (pushOutbox())
        return;
    pull();
}

void SyncEngine::request(const QByteArray &method, const QString &path, const QByteArray &body,
                         std::function<void(const QJsonObject &)> onSuccess)
{
    send(method, path, body, [this, onSuccess](const TransportResponse &r) {
        handleResponse(r, onSuccess);
    });
}

void SyncEngine::send(const QByteArray &method, const QString &path, const QByteArray &body,
                      std::function<void(const TransportResponse &)> onAnswer)
{
    m_busy = true;
    // Offline or not yet connected stays so until an answer comes.
    if (m_state != SyncState::Offline && m_state != SyncState::Connecting)
        setState(SyncState::Syncing);
    m_timeout.start(m_options.requestTimeoutMs);
    m_inFlight = m_transport->send(method, path, body,
                                   [this, onAnswer](const TransportResponse &r) {
        m_timeout.stop();
        m_inFlight = 0;
        m_busy = false;
        if (m_running)
            onAnswer(r);
    });
}

bool SyncEngine::accepted(const TransportResponse &r)
{
    if (r.status >= 200 && r.status < 300)
        return true;
    handleFailure(r.status, r.status == 0 ? r.error
                                          : tr("The server answered %1.").arg(r.status));
    return false;
}

void SyncEngine::answered(const QDateTime &serverTime, const TransportResponse &r)
{
    noteServerTime(serverTime, r);
    m_failures = 0;
    if (m_state == SyncState::Offline || m_state == SyncState::Connecting)
        setState(SyncState::Syncing);
}

void SyncEngine::handleResponse(const TransportResponse &r,
                                const std::function<void(const QJsonObject &)> &onSuccess)
{
    if (!accepted(r))
        return;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Truncated or garbled: nothing of it is used, the request is simply repeated.
        handleFailure(-1, tr("The server's reply could not be read: %1")
                                  .arg(parseError.errorString()));
        return;
    }
    const QJsonObject o = doc.object();
    answered(Json::parseTimestamp(o.value(QStringLiteral("server_time")).toString()), r);
    onSuccess(o);
}

void SyncEngine::handlePage(const TransportResponse &r, qint64 after)
{
    if (!accepted(r))
        return;
    FeedPage page;
    QString unreadable;
    QStringList problems;
    const FeedDecoder::Status status = m_feed.decode(r.body, after, &page, &unreadable, &problems);
    if (status == FeedDecoder::Status::Unreadable) {
        // Truncated or garbled: nothing of it is used, the request is simply repeated.
        handleFailure(-1, tr("The server's reply could not be read: %1").arg(unreadable));
        return;
    }
    answered(page.serverTime, r);
    if (status == FeedDecoder::Status::BadRecords) {
        // A page with a bad record is not half-applied: the same page is asked again.
        handleFailure(-1, tr("The server sent records that could not be read: %1")
                                  .arg(problems.mid(0, 5).join(QStringLiteral("; "))));
        return;
    }
    applyPage(page);
}

QString SyncEngine::changesPath(qint64 after) const
{
    return QStringLiteral("/changes?after=%1&limit=%2").arg(after).arg(m_options.pageSize);
}

void SyncEngine::prefetch(qint64 after)
{
    cancelPrefetch();
    m_prefetch.after = after;
    m_prefetch.id = m_transport->send("GET", changesPath(after), {},
                                      [this](const TransportResponse &r) {
        m_prefetch.id = 0;
        m_prefetch.response = r;
        if (!m_prefetch.waiting)
            return; // kept until pull() asks for this page
        m_prefetch.waiting = false;
        m_timeout.stop();
        m_busy = false;
        const qint64 after = m_prefetch.after;
        const TransportResponse response = *std::exchange(m_prefetch.response, std::nullopt);
        m_prefetch.after = -1;
        if (m_running)
            handlePage(response, after);
    });
}

void SyncEngine::cancelPrefetch()
{
    if (m_prefetch.id)
        m_transport->abort(m_prefetch.id);
    m_prefetch = Prefetch();
}

void SyncEngine::noteServerTime(const QDateTime &server, const TransportResponse &r)
{
    if (!server.isValid() || !r.sentAt.isValid())
        return;
    // The server stamped its time somewhere between send and receive: assume the middle.
    const QDateTime middle = r.sentAt.addMSecs(r.sentAt.msecsTo(r.receivedAt) / 2);
    const qint64 offset = middle.msecsTo(server);
    const bool changed = qAbs(offset - m_clock.offsetMs()) > 250;
    if (changed) {
        m_clock.setOffsetMs(offset);
        emit clockOffsetChanged(offset);
    }
    // Kept with the cache for a restart without the server; rewritten when it changes and at
    // most once a minute otherwise, so the record says how recently it was confirmed.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (changed || !m_clockStoredAt.isValid() || m_clockStoredAt.msecsTo(now) >= 60000) {
        const QJsonObject record{
            {QStringLiteral("offset_ms"), double(m_clock.offsetMs())},
            {QStringLiteral("measured_at"), Json::timestamp(r.receivedAt)}};
        if (m_cache->setSyncValue(ServerClockKey, QString::fromUtf8(QJsonDocument(record).toJson(
                                                          QJsonDocument::Compact))))
            m_clockStoredAt = now;
    }
}

void SyncEngine::handleFailure(int status, const QString &message)
{
    // The first failure is reported, and again when the reason changes (another fault, or the
    // same one in the language the user switched to), not every retry alike.
    const bool newReason = message != m_lastError;
    m_lastError = message;
    if (status == 401) {
        // Once, and no retries: the same token will keep being refused.
        m_retry.stop();
        setState(SyncState::AuthFailed);
        emit error(tr("The server refused the sign-in token. Sign in again."));
        return;
    }
    ++m_failures;
    setState(SyncState::Offline);
    if (m_failures == 1 || newReason)
        emit error(message);
    scheduleRetry();
}

void SyncEngine::scheduleRetry()
{
    // Exponential backoff with full jitter, so a fleet of clients does not return in step.
    const int exponent = std::min(m_failures - 1, 16);
    const qint64 ceiling = std::min<qint64>(qint64(m_options.minBackoffMs) << exponent,
                                            m_options.maxBackoffMs);
    const int delay = int(m_options.minBackoffMs / 2
                          + QRandomGenerator::global()->bounded(std::max<qint64>(ceiling, 1)));
    m_retry.start(delay);
}

void SyncEngine::fetchCatalog()
{
    request("GET", QStringLiteral("/catalog"), {}, [this](const QJsonObject &o) {
        QHash<QString, QByteArray> plans;
        for (const QJsonValue &v : o.value(QStringLiteral("plans")).toArray()) {
            QStringList problems;
            const QByteArray json = QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
            if (const auto plan = PlanCatalog::fromJson(json, &problems))
                plans.insert(plan->id(), json);
            else
                emit error(tr("The server sent a plan catalog that does not load: %1")
                                   .arg(problems.join(QStringLiteral("; "))));
        }
        if (!plans.isEmpty() && !m_cache->storeCatalogs(plans)) {
            handleFailure(-1, m_cache->errorString());
            return;
        }
        // The holiday calendar comes with the catalog; one that does not load is reported and
        // the one the client has is kept.
        const QJsonValue calendar = o.value(QStringLiteral("calendar"));
        if (calendar.isObject()) {
            const QByteArray json
                    = QJsonDocument(calendar.toObject()).toJson(QJsonDocument::Compact);
            QStringList problems;
            if (!BusinessCalendar::fromJson(json, &problems))
                emit error(tr("The server sent a holiday calendar that does not load: %1")
                                   .arg(problems.join(QStringLiteral("; "))));
            else if (!m_cache->setSyncValue(QStringLiteral("calendar"), QString::fromUtf8(json))) {
                handleFailure(-1, m_cache->errorString());
                return;
            }
        }
        m_catalogFetched = true;
        emit catalogsChanged();
        step();
    });
}

void SyncEngine::fetchMe()
{
    request("GET", QStringLiteral("/me"), {}, [this](const QJsonObject &o) {
        Agent me;
        QStringList problems;
        if (!Json::fromJson(o.value(QStringLiteral("agent")).toObject(), &me, &problems,
                            QStringLiteral("agent"))) {
            handleFailure(-1, tr("The server's reply could not be read: %1")
                                      .arg(problems.join(QStringLiteral("; "))));
            return;
        }
        // The cache belongs to the account that first signed in with it: another account's
        // token must neither send its outbox nor read into it.
        Agent owner;
        const QJsonObject stored
                = QJsonDocument::fromJson(m_cache->syncValue(QStringLiteral("me")).toUtf8())
                          .object();
        if (!stored.isEmpty() && Json::fromJson(stored, &owner, nullptr) && !owner.id.isEmpty()
            && owner.id != me.id) {
            stop();
            emit accountMismatch(owner, me);
            return;
        }
        m_meFetched = true;
        // The server's attachment limit, kept for the composer (read by DeskSession).
        if (const std::optional<qint64> max = Attachments::maxBytesOf(o))
            m_cache->setSyncValue(Attachments::MaxBytesKey, QString::number(*max));
        m_cache->setSyncValue(QStringLiteral("me"), QString::fromUtf8(QJsonDocument(Json::toJson(me))
                                                                  .toJson(QJsonDocument::Compact)));
        emit signedIn(me);
        step();
    });
}

bool SyncEngine::uploadAttachment()
{
    const QVector<AttachmentRecord> pending = m_attachments.pendingUploads();
    if (pending.isEmpty())
        return false;
    const AttachmentRecord a = pending.first();
    const std::optional<QByteArray> data = m_attachments.bytes(a.sha256);
    if (!data) {
        // Saved with its reply, never evicted: only damage to the cache file loses it. The
        // reply waits for the user rather than going without its file.
        if (!m_cache->markRejected(a.opId, QStringLiteral("attachment-missing"), {a.name},
                                   std::nullopt)) {
            handleFailure(-1, m_cache->errorString());
            return true;
        }
        emit rejected(a.opId, a.ticketId, QStringLiteral("attachment-missing"));
        QTimer::singleShot(0, this, &SyncEngine::step);
        return true;
    }
    // Every byte of the name percent-encoded: an & or = in it stays part of the name.
    const QString path = QStringLiteral("/tickets/%1/attachments?name=%2&id=%3")
                                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(a.ticketId)),
                                      QString::fromLatin1(QUrl::toPercentEncoding(a.name)), a.id);
    send("POST", path, *data, [this, a](const TransportResponse &r) {
        if (r.status == 400 || r.status == 404 || r.status == 409 || r.status == 413) {
            // Refused for good (too large for this server, the ticket gone from view, the id
            // another file's): the reply waits in the outbox with the reason, for the user to
            // drop or change; sending it again would be refused again.
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            QString code = o.value(QStringLiteral("code")).toString().left(64);
            if (r.status == 413)
                code = QStringLiteral("attachment-too-large");
            else if (code.isEmpty())
                code = QStringLiteral("attachment-refused");
            if (!m_cache->markRejected(a.opId, code, {a.name}, std::nullopt)) {
                handleFailure(-1, m_cache->errorString());
                return;
            }
            answered(Json::parseTimestamp(o.value(QStringLiteral("server_time")).toString()), r);
            emit rejected(a.opId, a.ticketId, code);
            step();
            return;
        }
        handleResponse(r, [this, a](const QJsonObject &o) {
            AttachmentRecord stored;
            QString problem;
            if (!AttachmentRecord::fromJson(o.value(QStringLiteral("attachment")).toObject(),
                                            &stored, &problem)
                || stored.id != a.id || stored.sha256 != a.sha256) {
                handleFailure(-1, tr("The server's reply could not be read: %1")
                                          .arg(problem.isEmpty() ? QStringLiteral("attachment")
                                                                 : problem));
                return;
            }
            if (!m_attachments.markUploaded(a.id, stored)) {
                // The server has it; the same id again is answered with it (200).
                handleFailure(-1, m_attachments.errorString());
                return;
            }
            emit ticketsChanged({a.ticketId});
            step();
        });
    });
    return true;
}

void SyncEngine::storeAttachments(const QVector<AttachmentRecord> &records,
                                  const QStringList &problems)
{
    if (!problems.isEmpty()) {
        // Not the page's failure: the other records (and every other desk) go on.
        emit error(tr("The server sent attachment records that were refused: %1")
                           .arg(problems.mid(0, 5).join(QStringLiteral("; "))));
    }
    if (!m_attachments.store(records))
        emit error(tr("Attachments could not be stored: %1").arg(m_attachments.errorString()));
}

bool SyncEngine::pushOutbox()
{
    if (uploadAttachment())
        return true;
    // The first pending edit of each ticket, in saving order; a ticket whose oldest edit is in
    // conflict waits for the user.
    QJsonArray ops;
    QSet<QString> seen;
    // Answered without a ticket, the record's version in args: macros', saved views' and
    // service-use records'.
    QSet<QString> macroOps;
    QSet<QString> viewOps;
    QSet<QString> serviceUseOps;
    // The ticket of each op sent: a refused new ticket is answered without one, and the views
    // must still hear of it (it stays in the desk, refused: TicketCache::markRejected).
    QHash<QString, QString> opTickets;
    // Read until the batch is full: the rest of a large outbox (a bulk run's 150,000) is not
    // decoded for each request.
    visitOutbox(*m_cache, [&](const OutboxEntry &e) {
        if (seen.contains(e.op.ticketId))
            return true;
        if (e.state == OutboxEntry::State::Rejected)
            return true;
        seen.insert(e.op.ticketId);
        if (e.state == OutboxEntry::State::Pending) {
            ops.append(Json::toJson(e.op));
            opTickets.insert(e.op.opId, e.op.ticketId);
            if (MacroOp::isMacroOp(e.op.type))
                macroOps.insert(e.op.opId);
            else if (ViewOp::isViewOp(e.op.type))
                viewOps.insert(e.op.opId);
            else if (ServiceUseOp::isServiceUseOp(e.op.type))
                serviceUseOps.insert(e.op.opId);
        }
        return ops.size() < m_options.opsBatch;
    });
    if (ops.isEmpty())
        return false;
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("ops"), ops}})
                                    .toJson(QJsonDocument::Compact);
    request("POST", QStringLiteral("/ops"), body,
            [this, macroOps, viewOps, serviceUseOps, opTickets](const QJsonObject &o) {
        QStringList changed;
        const QJsonArray results = o.value(QStringLiteral("results")).toArray();
        for (qsizetype i = 0; i < results.size(); ++i) {
            OperationResult r;
            QStringList problems;
            if (!Json::fromJson(results.at(i).toObject(), &r, &problems,
                                QStringLiteral("results[%1]").arg(i))
                || !r.isKnownResult()) {
                // A result a newer server added is taken for none of the four: the ops not yet
                // answered here go again after the back-off, as for a reply that does not read
                // (docs/api.md, "Compatibility"); their op ids make that safe.
                if (problems.isEmpty())
                    problems.append(QStringLiteral("results[%1].result: %2 is not known here")
                                            .arg(i)
                                            .arg(r.result));
                handleFailure(-1, tr("The server's reply could not be read: %1")
                                          .arg(problems.join(QStringLiteral("; "))));
                return;
            }
            bool ok = true;
            const bool applied = r.result == OpResult::Applied || r.result == OpResult::Duplicate;
            if (macroOps.contains(r.opId) || viewOps.contains(r.opId)) {
                // A macro's or view's conflict is refused as such: the desk shows the
                // server's copy.
                const qint64 version = r.args.value(0).toLongLong();
                if (viewOps.contains(r.opId))
                    ok = applied ? m_cache->acknowledgeView(r.opId, version)
                                 : m_cache->rejectViewEdit(r.opId, r.code, r.args);
                else
                    ok = applied ? m_cache->acknowledgeMacro(r.opId, version)
                                 : m_cache->rejectMacroEdit(r.opId, r.code, r.args);
                if (!ok) {
                    handleFailure(-1, m_cache->errorString());
                    return;
                }
                if (!applied)
                    emit rejected(r.opId, QString(), r.code);
                continue;
            }
            if (serviceUseOps.contains(r.opId) && applied) {
                if (!m_cache->acknowledgeServiceUse(r.opId, r.args.value(0).toLongLong())) {
                    handleFailure(-1, m_cache->errorString());
                    return;
                }
                emit serviceUseChanged();
                continue;
            }
            if (applied)
                ok = m_cache->acknowledge(r.opId, r.hasTicket ? r.ticket : Ticket());
            else if (r.result == OpResult::Conflict && r.hasTicket)
                ok = m_cache->markConflict(r.opId, r.ticket);
            else
                ok = m_cache->markRejected(r.opId, r.code, r.args,
                                           r.hasTicket ? std::optional<Ticket>(r.ticket)
                                                       : std::nullopt);
            if (!ok) {
                // The server has the op; the cache will hear of it again on the replay, which
                // the server answers "duplicate".
                handleFailure(-1, m_cache->errorString());
                return;
            }
            const QString ticketId = r.hasTicket ? r.ticket.id
                    : serviceUseOps.contains(r.opId) ? QString()
                                                     : opTickets.value(r.opId);
            if (!ticketId.isEmpty())
                changed.append(ticketId);
            if (r.result == OpResult::Conflict)
                emit conflict(r.opId, ticketId);
            else if (r.result == OpResult::Rejected)
                emit rejected(r.opId, ticketId, r.code);
        }
        if (!changed.isEmpty())
            emit ticketsChanged(changed);
        step();
    });
    return true;
}

// A severity_change record of the feed; a bad one is named in `problems`. The cache keeps
// them by id, so the feed's must have one.
static bool readSeverityChange(const QJsonObject &data, const QString &path,
                               QVector<SeverityChange> *changes, QStringList *problems)
{
    SeverityChange c;
    if (!Json::fromJson(data, &c, problems, path))
        return false;
    if (c.id.isEmpty()) {
        problems->append(QStringLiteral("%1.id: is required").arg(path));
        return false;
    }
    changes->append(c);
    return true;
}

static const QString HistoryPullToKey = QStringLiteral("history_pull_to");
static const QString HistoryPullAfterKey = QStringLiteral("history_pull_after");

bool SyncEngine::pullHistory()
{
    // After the initial sync (whose pages bring the rest of the history) and only when caught
    // up: the re-read is the least urgent thing the engine does.
    if (!m_cache->initialSyncDone())
        return false;
    const qint64 to = m_cache->syncValue(HistoryPullToKey).toLongLong();
    if (to <= 0)
        return false;
    const qint64 after = m_cache->syncValue(HistoryPullAfterKey).toLongLong();
    request("GET", changesPath(after), {}, [this, after, to](const QJsonObject &o) {
        applyHistoryPage(after, to, o);
    });
    return true;
}

void SyncEngine::applyHistoryPage(qint64 after, qint64 to, const QJsonObject &o)
{
    // Only what the cache skipped is taken: tickets, messages and the rest of these pages are
    // in the cache already (as they are now, or newer past the mark).
    QVector<SeverityChange> changes;
    QVector<AttachmentRecord> attachments;
    QVector<Macro> macros; // skipped by builds before the cache's macros step
    QVector<ServiceUse> serviceUse; // and before its service-use step
    QVector<SavedView> views; // and before its saved views step
    QVector<Customer> customers; // kept without their language before its customers step
    QStringList problems;
    QStringList attachmentProblems;
    qint64 reached = after;
    const QJsonArray records = o.value(QStringLiteral("changes")).toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QJsonObject c = records.at(i).toObject();
        const qint64 seq = qint64(c.value(QStringLiteral("seq")).toDouble());
        reached = std::max(reached, seq);
        const QString kind = c.value(QStringLiteral("kind")).toString();
        if (seq <= to && kind == u"attachment") {
            AttachmentRecord a;
            QString problem;
            if (AttachmentRecord::fromJson(c.value(QStringLiteral("data")).toObject(), &a,
                                           &problem))
                attachments.append(a);
            else
                attachmentProblems.append(QStringLiteral("changes[%1].data.").arg(i) + problem);
            continue;
        }
        if (seq > to)
            continue; // past the mark the regular pull delivered it
        if (kind == u"macro") {
            Macro m;
            if (Json::fromJson(c.value(QStringLiteral("data")).toObject(), &m, &problems,
                               QStringLiteral("changes[%1].data").arg(i)))
                macros.append(m);
        } else if (kind == u"customer") {
            Customer cu;
            if (Json::fromJson(c.value(QStringLiteral("data")).toObject(), &cu, &problems,
                               QStringLiteral("changes[%1].data").arg(i)))
                customers.append(cu);
        } else if (kind == u"view") {
            SavedView v;
            if (Json::fromJson(c.value(QStringLiteral("data")).toObject(), &v, &problems,
                               QStringLiteral("changes[%1].data").arg(i)))
                views.append(v);
        }
        if (kind == u"service-use") {
            ServiceUse u;
            if (Json::fromJson(c.value(QStringLiteral("data")).toObject(), &u, &problems,
                               QStringLiteral("changes[%1].data").arg(i)))
                serviceUse.append(u);
        }
        if (kind != u"severity_change")
            continue;
        readSeverityChange(c.value(QStringLiteral("data")).toObject(),
                           QStringLiteral("changes[%1].data").arg(i), &changes, &problems);
    }
    if (!problems.isEmpty()) {
        handleFailure(-1, tr("The server sent records that could not be read: %1")
                                  .arg(problems.mid(0, 5).join(QStringLiteral("; "))));
        return;
    }
    const bool done = !o.value(QStringLiteral("has_more")).toBool() || reached >= to
            || reached <= after; // a page that does not move on would be asked for forever
    storeAttachments(attachments, attachmentProblems);
    // Stored by id, so a page read again after a failure changes nothing.
    const bool stored = m_cache->storeSeverityChanges(changes) && m_cache->storeMacros(macros)
            && m_cache->storeServiceUse(serviceUse)
            && m_cache->storeSavedViews(views) && m_cache->storeCustomers(customers)
            && (done ? m_cache->setSyncValue(HistoryPullToKey, QStringLiteral("0"))
                               && m_cache->setSyncValue(HistoryPullAfterKey, QStringLiteral("0"))
                     : m_cache->setSyncValue(HistoryPullAfterKey, QString::number(reached)));
    if (!stored) {
        handleFailure(-1, m_cache->errorString());
        return;
    }
    if (!serviceUse.isEmpty())
        emit serviceUseChanged();
    if (!changes.isEmpty()) {
        // The tickets' history changed: views that show it (the service report) read it again.
        QStringList ids;
        for (const SeverityChange &r : changes) {
            if (!ids.contains(r.ticketId))
                ids.append(r.ticketId);
        }
        emit ticketsChanged(ids);
    }
    if (m_again || m_cache->pendingCount() > 0) {
        step();
        return;
    }
    if (!done && pullHistory())
        return;
    setState(SyncState::Idle);
    emit idle();
}

void SyncEngine::pull()
{
    const qint64 after = m_cache->lastSeq();
    if (m_prefetch.after == after && (m_prefetch.id || m_prefetch.response)) {
        // step() has just cleared m_again: a wake that came after this page was asked for
        // still needs a request sent after it, or the engine would go idle on this page's
        // "no more" and leave the change to the next poll.
        if (m_prefetch.overtaken)
            m_again = true;
        if (m_prefetch.response) {
            const TransportResponse response = *std::exchange(m_prefetch.response, std::nullopt);
            m_prefetch.after = -1;
            handlePage(response, after);
        } else {
            // Under way: wait for it as for any request.
            m_busy = true;
            m_prefetch.waiting = true;
            m_timeout.start(m_options.requestTimeoutMs);
        }
        return;
    }
    cancelPrefetch();
    send("GET", changesPath(after), {},
         [this, after](const TransportResponse &r) { handlePage(r, after); });
}

void SyncEngine::applyPage(const FeedPage &page)
{
    const bool more = page.hasMore;
    // Ask for the next page now: the server prepares it while this one is written.
    if (more)
        prefetch(page.lastSeq);
    QStringList changed;
    const bool wasInitial = !m_cache->initialSyncDone();
    // Stored before the page (by id, so a page read again changes nothing): the page's commit
    // moves last_seq past them.
    if (!m_cache->storeSeverityChanges(page.severityChanges)
        || !m_cache->storeMacros(page.macros) || !m_cache->storeServiceUse(page.serviceUse)
        || !m_cache->storeSavedViews(page.views)) {
        cancelPrefetch();
        handleFailure(-1, m_cache->errorString());
        return;
    }
    if (!page.serviceUse.isEmpty())
        emit serviceUseChanged();
    storeAttachments(page.attachments, page.attachmentProblems);
    if (wasInitial && !m_searchWriter && m_options.searchWriterThread)
        startSearchWriter();
    if (!m_cache->applyChanges(page.tickets, page.messages, page.customers, page.agents,
                               page.settings, page.lastSeq, !more, &changed)) {
        cancelPrefetch();
        handleFailure(-1, m_cache->errorString());
        return;
    }
    if (wasInitial && !more) {
        // The initial sync's one checkpoint (its pages were not checkpointed) moves the WAL
        // into the file; the feed is committed and read from the WAL until then, so it runs
        // after the engine has said the feed is in (~6 % of the initial sync's CPU).
        QTimer::singleShot(0, this, [this] { m_cache->checkpoint(); });
        if (m_searchWriter)
            finishSearchWriter(); // its written() goes on to buildSearchIndexSlice()
        else
            buildSearchIndexSlice();
    }
    if (!wasInitial) {
        for (const AttachmentRecord &a : page.attachments) {
            if (!changed.contains(a.ticketId))
                changed.append(a.ticketId);
        }
    }
    if (!changed.isEmpty())
        emit ticketsChanged(changed);
    if (!page.customers.isEmpty() || !page.agents.isEmpty())
        emit directoryChanged();
    if (page.settings)
        emit teamSettingsChanged();
    if (wasInitial && !more)
        emit initialSyncFinished();
    if (more || m_again || m_cache->pendingCount() > 0) {
        step();
        return;
    }
    if (pullHistory())
        return;
    setState(SyncState::Idle);
    emit idle();
}

void SyncEngine::connectStream()
{
    const QNetworkRequest request = m_transport->streamRequest();
    if (!m_running || request.url().isEmpty() || m_state == SyncState::AuthFailed)
        return;
    if (!m_stream) {
        m_stream = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        connect(m_stream, &QWebSocket::connected, this, [this] {
            m_streamUp = true;
            // Hints carry us now; the poll and the pings guard against a silent socket.
            m_poll.start(m_options.pollIntervalMs * 4);
            m_pongAwaited = false;
            m_ping.start(m_options.pingIntervalMs);
            // The server is back: no need to wait out the backoff.
            if (m_state == SyncState::Offline)
                m_retry.stop();
            syncNow();
            emit streamConnected();
        });
        connect(m_stream, &QWebSocket::disconnected, this, &SyncEngine::onStreamLost);
        connect(m_stream, &QWebSocket::pong, this, [this] { m_pongAwaited = false; });
        connect(m_stream, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonObject hint = QJsonDocument::fromJson(text.toUtf8()).object();
            if (hint.value(QStringLiteral("type")).toString() == u"presence") {
                emit streamMessage(hint);
                return;
            }
            if (Json::nonNegativeInteger(hint.value(QStringLiteral("seq"))) > m_cache->lastSeq())
                syncNow();
        });
    }
#ifndef QT_NO_SSL
    // The socket takes its TLS settings (the trusted CAs) from itself, not from the request.
    if (request.url().scheme() == u"wss")
        m_stream->setSslConfiguration(request.sslConfiguration());
#endif
    // The request carries the token in its Authorization header, never in the URL.
    m_stream->open(request);
}

void SyncEngine::sendOnStream(const QByteArray &message)
{
    if (m_stream && m_streamUp)
        m_stream->sendTextMessage(QString::fromUtf8(message));
}

void SyncEngine::onStreamLost()
{
    const bool wasUp = m_streamUp;
    m_streamUp = false;
    if (wasUp)
        emit streamLost();
    m_ping.stop();
    m_pongAwaited = false;
    m_poll.start(m_options.pollIntervalMs);
    if (!m_running)
        return;
    m_streamRetry.start(std::max(m_options.minBackoffMs, 1000));
    // The connection closed under us: a killed or restarted server. A request says at once
    // whether it is still there, instead of "online" until the next poll.
    if (wasUp && m_state != SyncState::Offline)
        syncNow();
}

void SyncEngine::onPingDue()
{
    if (!m_stream || !m_streamUp)
        return;
    if (!m_pongAwaited) {
        m_pongAwaited = true;
        m_stream->ping();
        return;
    }
    // No pong for a whole interval: the server (or the way to it) is frozen. A request under
    // way would wait for its own timeout; it is given up now.
    if (m_inFlight)
        m_transport->abort(m_inFlight);
    m_inFlight = 0;
    m_busy = false;
    m_timeout.stop();
    cancelPrefetch();
    QWebSocket *stream = m_stream;
    m_streamUp = false;
    emit streamLost();
    // Signed out stays signed out: the new token's retry will find out about the server.
    if (m_state != SyncState::AuthFailed)
        handleFailure(0, tr("The server stopped answering."));
    stream->abort();
}

} // namespace SupportDesk
