// Bulk actions: each ticket read off the GUI thread, its edits planned by applyEdit() and saved
// through the outbox in slices from the event loop (docs/bulk.md).
#include "bulk.h"

#include "desksession.h"
#include "plancatalog.h"
#include "tag.h"

#include <QUuid>

#include <algorithm>
#include <utility>

namespace SupportDesk {

BulkStep planBulkStep(const BulkAction &action, const Ticket &ticket,
                      const EditContext &context, const std::optional<Customer> &customer)
{
    QVector<TicketEdit> wanted;
    switch (action.kind) {
    case BulkAction::Kind::Assign:
        if (ticket.assigneeId != action.assigneeId) {
            TicketEdit e;
            e.type = OpType::Assign;
            e.assigneeId = action.assigneeId;
            wanted.append(e);
        }
        break;
    case BulkAction::Kind::SetStatus:
        if (ticket.status != action.status) {
            TicketEdit e;
            e.type = OpType::SetStatus;
            e.status = action.status;
            wanted.append(e);
        }
        break;
    case BulkAction::Kind::ApplyMacro:
        if (action.sendMacroReply) {
            // The reply first, as the composer sends it: then the actions (a status that
            // closes the ticket after it). Unfilled on this ticket: none of the macro.
            const MacroReply reply
                    = macroReply(action.macro, ticket, customer, context.actor, context.plan,
                                 QUuid::createUuid().toString(QUuid::WithoutBraces));
            if (!reply.refusal.allowed()) {
                BulkStep refused;
                refused.refusal = reply.refusal;
                return refused;
            }
            wanted.append(reply.edit);
        }
        wanted += macroEdits(action.macro, ticket);
        break;
    case BulkAction::Kind::AddTag:
    case BulkAction::Kind::RemoveTag: {
        // Whether the ticket has it already is applyEdit()'s to say (the one spelling).
        TicketEdit e;
        e.type = action.kind == BulkAction::Kind::AddTag ? OpType::AddTag : OpType::RemoveTag;
        e.tag = normalizeTag(action.tag);
        wanted.append(e);
        break;
    }
    }
    // Each edit on the ticket as the ones before it leave it, by the function the server
    // applies: what the server would refuse is not sent, and says why here.
    // An edit it applies unchanged (a tag the ticket has, or lacks) is not sent: the server
    // would write nothing, and the ticket is reported already so.
    BulkStep step;
    Ticket t = ticket;
    QVector<TicketEdit> edits;
    for (const TicketEdit &edit : std::as_const(wanted)) {
        const EditOutcome outcome = applyEdit(t, edit, context);
        if (outcome.refused()) {
            step.refusal = outcome.refusal;
            return step;
        }
        if (outcome.unchanged)
            continue;
        t = outcome.ticket;
        edits.append(edit);
    }
    step.edits = edits;
    return step;
}

BulkRun::BulkRun(DeskSession *session, const QStringList &ticketIds, const BulkAction &action,
                 QObject *parent)
    : BulkRun(session, TicketIdList::fromStrings(ticketIds), action, parent)
{
}

BulkRun::BulkRun(DeskSession *session, TicketIdList ticketIds, const BulkAction &action,
                 QObject *parent)
    : BulkRun(session, std::make_unique<TicketIdListSource>(std::move(ticketIds)), action,
              parent)
{
}

BulkRun::BulkRun(DeskSession *session, std::unique_ptr<TicketIdSource> ticketIds,
                 const BulkAction &action, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_action(action)
    , m_ids(std::move(ticketIds))
{
    m_items.reserve(std::min<qsizetype>(m_ids->size(), 4 * MaxSliceTickets));
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(100);
    connect(&m_refresh, &QTimer::timeout, this, &BulkRun::refreshFromOutbox);
    m_announce.setObjectName(QStringLiteral("bulkAnnounce"));
    m_announce.setSingleShot(true);
    m_announce.setInterval(AnnounceMs);
    connect(&m_announce, &QTimer::timeout, this, &BulkRun::announce);
    // At most one read per interval while the outbox changes (a run's batches change it
    // several times a second; restarting the timer on each put every answer off to the end).
    connect(session, &DeskSession::outboxChanged, this, &BulkRun::scheduleRefresh);
    // A conflict or refusal of one of ours is read soon; an applied op is seen leaving the
    // outbox (outboxChanged).
    const auto answered = [this](const QString &opId) {
        if (m_byOp.contains(opId))
            scheduleRefresh();
    };
    connect(session, &DeskSession::conflict, this, answered);
    connect(session, &DeskSession::rejected, this, answered);
}

// The writer's thread first (it waits for the batch it is saving): its answers after that are
// dropped with this object. Ops saved and not announced yet are told from the event loop (the
// engine sends them, the views show them): not here, where the run may be going with the
// window around it (its slots would run on a window half destroyed).
BulkRun::~BulkRun()
{
    m_writer.reset();
    if (!m_session || m_unannounced.isEmpty())
        return;
    DeskSession *session = m_session;
    QMetaObject::invokeMethod(
            session,
            [session, ops = std::exchange(m_unannounced, {})] {
                session->announceSavedEdits(ops);
            },
            Qt::QueuedConnection);
}

void BulkRun::start()
{
    // What every ticket's check needs, read once: the signed-in agent and the accounts an
    // assign may name.
    m_agents = m_session->cache()->agents();
    const std::optional<Agent> me = m_session->me();
    m_context.actor = me.value_or(Agent());
    const QVector<Agent> *agents = &m_agents;
    m_context.findAgent = [agents](const QString &id) -> std::optional<Agent> {
        for (const Agent &a : *agents) {
            if (a.id == id)
                return a;
        }
        // One the cache does not know yet: the server decides (as the preview does).
        Agent placeholder;
        placeholder.id = id;
        placeholder.name = id;
        return placeholder;
    };
    // The tickets are read and the ops saved on connections of their own where the cache is a
    // file.
    const QString path = m_session->cache()->path();
    if (!path.isEmpty() && path != QLatin1String(":memory:")) {
        makeReader();
        m_writer = std::make_unique<BulkWriter>(path);
        connect(m_writer.get(), &BulkWriter::written, this,
                [this](quint64 id, const QVector<bool> &saved, const QString &error) {
                    const Batch batch = m_writing.take(id);
                    m_opsSavedBehind += int(std::count(saved.cbegin(), saved.cend(), true));
                    takeWritten(batch, saved, error);
                    scheduleSlice(); // one was waiting for room, or the last check
                });
    }
    scheduleSlice();
}

const BulkRun::Item &BulkRun::item(qsizetype index) const
{
    static const Item waiting;
    return index < m_items.size() ? m_items.at(index) : waiting;
}

int BulkRun::count(State state) const
{
    const int planned = m_counts[int(state)];
    return state == State::Waiting ? planned + int(size() - m_items.size()) : planned;
}

bool BulkRun::isFinished() const
{
    return isSaved() && count(State::Waiting) == 0 && count(State::Pending) == 0;
}

void BulkRun::setItemState(Item &item, State state)
{
    --m_counts[int(item.state)];
    item.state = state;
    ++m_counts[int(state)];
}

void BulkRun::scheduleSlice()
{
    if (m_sliceScheduled)
        return;
    m_sliceScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_sliceScheduled = false;
        saveSlice();
    });
}

void BulkRun::saveSlice()
{
    // Tickets planned, as read, while the slice has time and room, their ops handed to the
    // writer's thread, then back to the event loop: paints, keys and the sync's answers run
    // between slices. Reading and planning go on while the writer saves (two batches ahead
    // at most, so the tickets are read close to the moment their ops are saved).
    if (m_writer && m_writing.size() >= 2)
        return; // takeWritten() schedules the next one
    requestReads();
    QElapsedTimer slice;
    slice.start();
    const qsizetype first = m_next;
    Batch batch;
    const int maxOps = m_writer ? 4 * MaxSliceTickets : MaxSliceOpsHere;
    const int maxTickets = m_reader ? MaxSliceTickets : MaxSliceTicketsReadHere;
    while (m_next < size()) {
        ReadTicket read;
        if (m_reader) {
            if (m_read.empty())
                break; // takeRead() schedules the next slice
            read = std::move(m_read.front());
            m_read.pop_front();
        } else {
            // No second connection: read here, as before the reader.
            read.id = m_ids->at(m_next);
            read.ticket = m_session->cache()->ticket(read.id);
            ++m_ticketsReadHere;
            if (!read.ticket)
                read.error = m_session->cache()->errorString();
        }
        Item next;
        next.ticketId = read.id;
        m_items.append(next);
        ++m_counts[int(State::Waiting)];
        const QVector<Operation> mine = plan(m_items.last(), read.ticket, read.error);
        for (const Operation &op : mine) {
            batch.ops.append(op);
            batch.owners.append(m_next);
        }
        ++m_next;
        if (m_next - first >= maxTickets || batch.ops.size() >= maxOps
            || slice.nsecsElapsed() >= qint64(m_sliceMs) * 1000000)
            break;
    }
    // The tickets left out (already so, refused) are told now; the others when saved.
    for (qsizetype i = first; i < m_next; ++i) {
        if (m_items.at(i).state != State::Waiting)
            emit itemChanged(int(i));
    }
    if (!batch.ops.isEmpty()) {
        if (m_writer) {
            const quint64 id = ++m_lastBatch;
            m_writing.insert(id, batch);
            m_writer->write(id, batch.ops);
        } else {
            const int stored = m_session->saveEdits(batch.ops);
            QVector<bool> saved(batch.ops.size(), false);
            std::fill(saved.begin(), saved.begin() + stored, true);
            takeWritten(batch, saved, m_session->cache()->errorString());
        }
    }
    requestReads();
    if (m_next < size() && (!m_reader || !m_read.empty()))
        scheduleSlice();
    checkSaved();
}

void BulkRun::requestReads()
{
    if (!m_reader)
        return;
    while (m_nextRead < size() && m_nextRead - m_next < 2 * ReadBatchTickets) {
        const qsizetype end = std::min(size(), m_nextRead + ReadBatchTickets);
        QStringList ids;
        ids.reserve(end - m_nextRead);
        for (qsizetype i = m_nextRead; i < end; ++i)
            ids.append(m_ids->at(i));
        m_nextRead = end;
        const quint64 id = ++m_lastRead;
        m_asked.insert(id, ids);
        m_reader->readTickets(id, ids);
    }
}

void BulkRun::takeRead(quint64 batch, const QVector<std::optional<Ticket>> &tickets,
                       const QString &error)
{
    // Batches come back in the order asked (one thread reads them one after another).
    const QStringList ids = m_asked.take(batch);
    m_ticketsReadBehind += tickets.size();
    for (qsizetype i = 0; i < ids.size(); ++i) {
        ReadTicket read;
        read.id = ids.at(i);
        read.ticket = i < tickets.size() ? tickets.at(i) : std::nullopt;
        if (!read.ticket)
            read.error = error;
        m_read.push_back(std::move(read));
    }
    scheduleSlice();
}

void BulkRun::takeWritten(const Batch &batch, const QVector<bool> &saved, const QString &error)
{
    QVector<Operation> announced;
    QVector<qsizetype> changed;
    for (qsizetype i = 0; i < batch.ops.size(); ++i) {
        const qsizetype owner = batch.owners.at(i);
        Item &item = m_items[owner];
        if (changed.isEmpty() || changed.last() != owner)
            changed.append(owner);
        if (saved.at(i)) {
            announced.append(batch.ops.at(i));
            item.opIds.append(batch.ops.at(i).opId);
            ++item.unanswered;
            m_byOp.insert(batch.ops.at(i).opId, int(owner));
            if (item.state == State::Waiting)
                setItemState(item, State::Pending);
        } else if (item.state != State::Failed) {
            // Not saved: an edit of it that was is still sent and followed; the rest is not.
            setItemState(item, State::Failed);
            item.error = error;
        }
    }
    // Followed from now on: they are in the outbox (committed) before the next read.
    QStringList follow;
    follow.reserve(announced.size());
    for (const Operation &op : std::as_const(announced))
        follow.append(op.opId);
    m_followed += follow.size();
    if (m_reader && !m_outboxReadHere)
        m_reader->follow(follow);
    else
        m_followedHere.append(follow);
    // The views once per burst of batches (a view that reads the outbox on every change would
    // read it once per ticket; told once a batch, ~20 ms each at 150,000 pending, 2-4 a
    // second), and the engine asked to send then; the last batch is told at once.
    m_unannounced += announced;
    if (isSaved())
        announce();
    else if (!m_unannounced.isEmpty() && !m_announce.isActive())
        m_announce.start();
    for (const qsizetype i : std::as_const(changed))
        emit itemChanged(int(i));
}

void BulkRun::announce()
{
    m_announce.stop();
    if (m_unannounced.isEmpty())
        return;
    ++m_announcements;
    m_session->announceSavedEdits(std::exchange(m_unannounced, {}));
}

void BulkRun::checkSaved()
{
    if (m_savedSignalled || !isSaved())
        return;
    m_savedSignalled = true;
    announce();
    emit saved();
    scheduleRefresh();
    checkFinished();
}

QVector<Operation> BulkRun::plan(Item &item, const std::optional<Ticket> &ticket,
                                const QString &error)
{
    // The ticket as the cache showed it when read (the sync may have moved it since the
    // selection; an op on an older version meets the server's conflict check).
    if (!ticket) {
        setItemState(item, State::Failed);
        item.error = error;
        return {};
    }
    item.number = ticket->number;
    item.subject = ticket->subject;
    item.planId = ticket->planId;
    m_context.at = m_session->clock()->now();
    m_context.plan = m_session->catalogs().plan(ticket->planId);
    std::optional<Customer> customer;
    if (m_action.kind == BulkAction::Kind::ApplyMacro && m_action.sendMacroReply) {
        auto known = m_customers.constFind(ticket->customerId);
        if (known == m_customers.cend())
            known = m_customers.insert(ticket->customerId,
                                       m_session->cache()->customer(ticket->customerId));
        customer = *known;
    }
    const BulkStep step = planBulkStep(m_action, *ticket, m_context, customer);
    if (!step.refusal.allowed()) {
        setItemState(item, State::Refused);
        item.refusal = step.refusal;
        return {};
    }
    if (step.edits.isEmpty()) {
        setItemState(item, State::Unchanged);
        return {};
    }
    // One op per edit on the version shown, as a single edit in the pane is made: the
    // outbox moves a later op of the same ticket onto the version the earlier one gets.
    QVector<Operation> ops;
    for (const TicketEdit &edit : step.edits)
        ops.append(makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticket->id,
                                 ticket->version, edit, m_context.at));
    return ops;
}

void BulkRun::makeReader()
{
    m_reader = std::make_unique<BulkReader>(m_session->cache()->path());
    connect(m_reader.get(), &BulkReader::ticketsRead, this, &BulkRun::takeRead);
    connect(m_reader.get(), &BulkReader::answered, this,
            [this](const QVector<OutboxAnswer> &answers, double readMs) {
                // The read costs the machine's CPU if not the GUI thread's: at most about a
                // fifth of the time goes to it when the outbox is large.
                m_refresh.setInterval(std::max(100, int(5 * readMs)));
                noteRead(readMs);
                takeAnswers(answers);
            });
    connect(m_reader.get(), &BulkReader::unavailable, this, [this] {
        // Read here from now on: the tickets asked for again (none came back), the ops not
        // answered yet found once (none was answered).
        if (!m_outboxReadHere) {
            for (const Item &item : std::as_const(m_items)) {
                if (item.unanswered > 0)
                    m_followedHere.append(item.opIds);
            }
        }
        m_reader.release()->deleteLater(); // in its own signal
        m_read.clear();
        m_asked.clear();
        m_nextRead = m_next;
        m_outboxReadHere = true;
        scheduleRefresh();
        scheduleSlice();
    });
}

quint64 BulkRun::outboxReadsBehind() const
{
    return m_reader ? m_reader->reads() : 0;
}

void BulkRun::scheduleRefresh()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void BulkRun::refreshFromOutbox()
{
    if (m_reader && !m_outboxReadHere) {
        m_reader->refresh(); // the answers come back through takeAnswers()
        return;
    }
    if (m_followedHere.isEmpty())
        return;
    ++m_outboxReadsHere;
    const double start = threadCpuMs();
    const QVector<OutboxAnswer> answers
            = takeOutboxAnswers(&m_followedHere, readOutboxStates(*m_session->cache()));
    noteRead(threadCpuMs() - start);
    takeAnswers(answers);
}

void BulkRun::noteRead(double ms)
{
    if (ms <= m_longestReadMs)
        return;
    m_longestReadMs = ms;
    m_followedAtLongest = m_followed;
}

void BulkRun::takeAnswers(const QVector<OutboxAnswer> &answers)
{
    m_followed -= answers.size();
    // Only the ops answered since the last read: a run of 150,000 pending walks none of the
    // others. A ticket is done when every op of it left the outbox; the first conflict or
    // refusal of one of its ops is its outcome (the pane offers re-apply or drop).
    for (const OutboxAnswer &a : answers) {
        const int index = m_byOp.value(a.opId, -1);
        if (index < 0)
            continue;
        m_byOp.remove(a.opId);
        Item &item = m_items[index];
        --item.unanswered;
        if (item.state != State::Pending)
            continue;
        if (a.kind == OutboxAnswer::Kind::Applied) {
            if (item.unanswered == 0)
                setState(index, State::Done);
            continue;
        }
        item.refusal = RuleCheck::fail(a.code, a.args);
        setState(index, a.kind == OutboxAnswer::Kind::Conflict ? State::Conflict
                                                               : State::Rejected);
    }
    checkFinished();
}

void BulkRun::setState(int index, State state)
{
    setItemState(m_items[index], state);
    emit itemChanged(index);
}

void BulkRun::checkFinished()
{
    if (m_finishedSignalled || !isFinished())
        return;
    m_finishedSignalled = true;
    emit finished();
}

} // namespace SupportDesk
