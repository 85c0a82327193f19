// Bulk actions (issue 17, docs/bulk.md): one action over many selected tickets, made of each
// ticket's own ordinary edits, saved through the outbox one ticket at a time in slices short
// enough that the GUI thread never stalls, and followed until the server has answered each.
#pragma once

#include "macro.h"
#include "planrules.h"
#include "ticketedit.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

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

BulkStep planBulkStep(const BulkAction &action, const Ticket &ticket,
                      const EditContext &context);

// One bulk action under way on a session: saves each ticket's edits with
// DeskSession::saveEdits (the path of a single edit: one op per edit, the outbox, exactly
// once; the views told once a slice) a slice at a time from the event loop, then follows each op until the server applied,
// refused it or found a conflict. Every ticket ends in one state, with its reason.
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
    };

    BulkRun(DeskSession *session, const QStringList &ticketIds, const BulkAction &action,
            QObject *parent = nullptr);

    // Saves in slices of at most about `ms` of the GUI thread's time each (default 6 ms).
    void setSliceMs(int ms) { m_sliceMs = ms; }
    void start();

    const BulkAction &action() const { return m_action; }
    const QVector<Item> &items() const { return m_items; }
    int count(State state) const;
    // Every ticket saved (or left out); the server's answers may still be coming.
    bool isSaved() const { return m_next >= m_items.size(); }
    // Every ticket in a final state (nothing waiting and nothing pending).
    bool isFinished() const;

signals:
    void itemChanged(int index);
    void saved();
    void finished();

private:
    void saveSlice();
    // The item's ops, or none with its state set (unchanged, refused, failed).
    QVector<Operation> plan(Item &item);
    void refreshFromOutbox();
    void setState(int index, State state);
    void checkFinished();

    DeskSession *m_session;
    BulkAction m_action;
    QVector<Item> m_items;
    QHash<QString, int> m_byOp; // op id → item
    qsizetype m_next = 0;
    int m_sliceMs = 6;
    double m_saveMsPerOp = 2; // saving one op, with the views' share, measured as it goes
    EditContext m_context;
    QVector<Agent> m_agents;
    QTimer m_refresh; // outbox answers, coalesced
    bool m_finishedSignalled = false;
};

} // namespace SupportDesk
