// Bulk actions (issue 17, docs/bulk.md): one action over many selected tickets, made of each
// ticket's own ordinary edits, saved through the outbox one ticket at a time in slices short
// enough that the GUI thread never stalls, and followed until the server has answered each.
#pragma once

#include "bulkwriter.h"
#include "macro.h"
#include "planrules.h"
#include "ticketedit.h"
#include "ticketidlist.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <memory>
#include <optional>

namespace SupportDesk {

class DeskSession;

struct BulkAction
{
    enum class Kind { Assign, SetStatus, ApplyMacro, AddTag, RemoveTag };
    Kind kind = Kind::SetStatus;
    QString assigneeId; // Assign (empty: unassign)
    QString status;     // SetStatus
    QString tag;        // AddTag, RemoveTag (core/tag.h: checked by applyEdit)
    Macro macro;        // ApplyMacro: its actions (status, severity with reason, assignee)
    // ApplyMacro: its reply too, first, to each customer in their language (macroReply()).
    bool sendMacroReply = false;
};

// What the action does to one ticket: its edits in order, each an ordinary TicketEdit. None
// when the ticket already is as the action would leave it (`unchanged`: an edit applyEdit()
// finds unchanged, such as a tag the ticket has already, is left out), or when the rules
// refuse one of them (`refusal`, checked by the one applyEdit(), edit after edit): a ticket
// gets all of the action or none of it.
struct BulkStep
{
    QVector<TicketEdit> edits;
    RuleCheck refusal;
    bool unchanged() const { return edits.isEmpty() && refusal.allowed(); }
};

// A macro's reply is written for `customer` (the ticket's) by the context's actor.
BulkStep planBulkStep(const BulkAction &action, const Ticket &ticket,
                      const EditContext &context,
                      const std::optional<Customer> &customer = std::nullopt);

// One bulk action under way on a session: has the tickets read in batches by a BulkReader on a
// thread of its own, plans each ticket's edits on the GUI thread a slice at a time from the
// event loop (applyEdit() per ticket, no read), has each slice's ops saved by a BulkWriter on
// another thread (the path of a single edit: one op per edit, through the outbox, exactly
// once; a slice's ops in one durable transaction), tells the views once per burst of saved
// batches (DeskSession::announceSavedEdits), then follows each op (the BulkReader again) until the server applied, refused it or found a
// conflict. Every ticket ends in one state, with its reason.
class BulkRun : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Waiting,   // not saved yet
        Unchanged, // already so: nothing sent
        Refused,   // the rules refuse it here: nothing sent (refusal)
        Failed,    // the cache could not save it (error)
        Pending,   // saved; waiting for the server
        Done,      // the server applied every op
        Conflict,  // someone changed the ticket first: the pane offers re-apply or drop
        Rejected,  // the server refused it (refusal)
    };
    struct Item
    {
        QString ticketId;
        qint64 number = 0;
        QString subject;
        QString planId;
        State state = State::Waiting;
        RuleCheck refusal; // Refused, Rejected
        QString error;     // Failed
        QStringList opIds;
        int unanswered = 0; // of opIds: saved, no answer seen yet
    };

    // The selected tickets as the queue hands them (QueueView::selectedTickets()): each id
    // is read when its ticket is planned, a slice at a time, not all at the start (150,000
    // id strings were 39.5 ms of the GUI thread in one event, in one buffer still 21 ms).
    BulkRun(DeskSession *session, std::unique_ptr<TicketIdSource> ticketIds,
            const BulkAction &action, QObject *parent = nullptr);
    BulkRun(DeskSession *session, TicketIdList ticketIds, const BulkAction &action,
            QObject *parent = nullptr);
    BulkRun(DeskSession *session, const QStringList &ticketIds, const BulkAction &action,
            QObject *parent = nullptr);

    BulkRun(const BulkRun &) = delete;
    BulkRun &operator=(const BulkRun &) = delete;
    ~BulkRun() override;

    // A slice plans tickets for at most about `ms` of the GUI thread's time (default 4 ms)
    // and at most MaxSliceTickets of them, whatever the clock says (a slow read under load
    // must not make one slice long). The tickets are read ReadBatchTickets at a time on the
    // reader's thread, at most two batches ahead of planning.
    static constexpr int MaxSliceTickets = 100;
    static constexpr int ReadBatchTickets = 100;
    // Where the tickets are read on this thread (a cache without a file; a file the reader
    // could not open): at most this many a slice, as before the reader.
    static constexpr int MaxSliceTicketsReadHere = 25;
    // Where the cache has no file for a second connection (":memory:") the slice's ops are
    // saved on the GUI thread: then at most this many a slice.
    static constexpr int MaxSliceOpsHere = 4;
    // The views hear of saved ops at most once per this many ms while batches keep being
    // saved (and at once when the last is): each announcement costs the window a pass over
    // what follows the outbox (its counts, the views' stamps), whatever the batch's size.
    static constexpr int AnnounceMs = 250;
    void setAnnounceMs(int ms) { m_announce.setInterval(ms); }
    // Announcements of saved ops made so far, and batches handed to the writer (tests,
    // benchmarks).
    int announcements() const { return m_announcements; }
    quint64 batchesWritten() const { return m_lastBatch; }
    void setSliceMs(int ms) { m_sliceMs = ms; }
    void start();
    // Ops saved on the writer's thread so far (tests: the GUI thread saved none).
    int opsSavedBehind() const { return m_opsSavedBehind; }
    // Tickets read from the cache to be planned: on the reader's thread, and on this one (a
    // cache without a file, or a file the reader could not open) (tests, benchmarks).
    qint64 ticketsReadBehind() const { return m_ticketsReadBehind; }
    qint64 ticketsReadHere() const { return m_ticketsReadHere; }
    // Outbox reads for the answers: on the follower's thread, and on this one (a cache without
    // a file, or a file the follower could not open) (tests, benchmarks).
    quint64 outboxReadsBehind() const;
    quint64 outboxReadsHere() const { return m_outboxReadsHere; }
    // Before the first batch is saved (right after start()): read the outbox for the answers
    // on this thread even with a file, as before the follower (benchmarks: the two compared).
    void setOutboxReadHere(bool here) { m_outboxReadHere = here; }
    // The longest of those reads in thread CPU, wherever it ran, and how many ops were
    // followed then (benchmarks).
    double longestOutboxReadMs() const { return m_longestReadMs; }
    qsizetype followedAtLongestRead() const { return m_followedAtLongest; }

    const BulkAction &action() const { return m_action; }
    // How many tickets the action is for. items() holds those planned so far, in order (an
    // item is made when its ticket is planned: 150,000 made at the start were 23 ms); item()
    // gives a ticket not planned yet as Waiting, ticketId() its id.
    qsizetype size() const { return m_ids->size(); }
    const QVector<Item> &items() const { return m_items; }
    const Item &item(qsizetype index) const;
    QString ticketId(qsizetype index) const { return m_ids->at(index); }
    // Kept as the states change: the results' summary asks on every change (seven passes over
    // 150,000 items were ~20 ms).
    int count(State state) const;
    // Every ticket saved (or left out); the server's answers may still be coming.
    bool isSaved() const { return m_next >= size() && m_writing.isEmpty(); }
    // Every ticket in a final state (nothing waiting and nothing pending).
    bool isFinished() const;

signals:
    void itemChanged(int index);
    void saved();
    void finished();

private:
    // A slice's ops and the item each belongs to.
    struct Batch
    {
        QVector<Operation> ops;
        QVector<qsizetype> owners;
    };
    void saveSlice();
    void scheduleSlice();
    // Asks the reader for the next batches of tickets (two at most in flight or waiting).
    void requestReads();
    void takeRead(quint64 batch, const QVector<std::optional<Ticket>> &tickets,
                  const QString &error);
    void makeReader();
    // The writer's answer for a batch: items pending or failed, the views told.
    void takeWritten(const Batch &batch, const QVector<bool> &saved, const QString &error);
    void checkSaved();
    // Tells the session of the ops saved since the last announcement (announceSavedEdits).
    void announce();
    // The item's ops for its ticket as read, or none with its state set (unchanged, refused,
    // failed: `error`, the cache's reason, when there is no ticket).
    QVector<Operation> plan(Item &item, const std::optional<Ticket> &ticket,
                            const QString &error);
    // The outbox read for the answers to the ops saved: by the follower off this thread
    // (only the answers come back), or here.
    void refreshFromOutbox();
    void scheduleRefresh();

    void takeAnswers(const QVector<OutboxAnswer> &answers);
    void setState(int index, State state);
    void setItemState(Item &item, State state); // the counts follow
    void checkFinished();

    QPointer<DeskSession> m_session; // told of unannounced ops by the destructor, if there
    BulkAction m_action;
    std::unique_ptr<TicketIdSource> m_ids; // by item
    QVector<Item> m_items; // planned so far
    int m_counts[int(State::Rejected) + 1] = {}; // of m_items, by state
    QHash<QString, int> m_byOp; // op id → item
    qsizetype m_next = 0;
    int m_sliceMs = 4;
    std::unique_ptr<BulkWriter> m_writer; // none: saved here (MaxSliceOpsHere a slice)
    QHash<quint64, Batch> m_writing; // batches handed to the writer, by id
    quint64 m_lastBatch = 0;
    bool m_sliceScheduled = false;
    bool m_savedSignalled = false;
    int m_opsSavedBehind = 0;
    EditContext m_context;
    QVector<Agent> m_agents;
    // A macro's reply: the customers read so far (a run's tickets share a few hundred).
    QHash<QString, std::optional<Customer>> m_customers;
    QTimer m_refresh; // outbox answers, at most one read per interval
    QTimer m_announce; // saved ops, at most one announcement per AnnounceMs
    QVector<Operation> m_unannounced; // saved, the session not told yet
    int m_announcements = 0;
    std::unique_ptr<BulkReader> m_reader; // none: the tickets and the outbox are read here
    // Tickets read for the items from m_next on, not planned yet, in order.
    struct ReadTicket
    {
        QString id;
        std::optional<Ticket> ticket;
        QString error; // none: the cache's reason
    };
    std::deque<ReadTicket> m_read;
    QHash<quint64, QStringList> m_asked; // ids of the batches asked of the reader
    qsizetype m_nextRead = 0; // the next item whose ticket is asked of the reader
    quint64 m_lastRead = 0;
    qint64 m_ticketsReadBehind = 0;
    qint64 m_ticketsReadHere = 0;
    QStringList m_followedHere; // without a follower: saved ops not answered yet
    quint64 m_outboxReadsHere = 0;
    bool m_outboxReadHere = false;
    qsizetype m_followed = 0; // saved ops not answered yet
    double m_longestReadMs = 0;
    qsizetype m_followedAtLongest = 0;
    void noteRead(double ms);
    bool m_finishedSignalled = false;
};

} // namespace SupportDesk
