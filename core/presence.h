// Collision (docs/collision.md): who else has a ticket open and who is typing a reply. The
// messages both ends of the stream speak, the client's board of what it heard (each entry
// expires by itself, so a crashed desk or server process leaves nothing behind), and the
// reporter that says, throttled, what this desk is doing.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVector>

#include <functional>
#include <optional>

namespace SupportDesk::Presence {

enum class State { Left, Viewing, Typing };

QString stateName(State state);
std::optional<State> stateFrom(const QString &name);

// How long the server and the desks keep a state nobody repeated: typing ends on its own a
// few seconds after the last key, viewing when the desk stops saying so (it repeats it every
// ViewingRefreshMs) — the bound on what a crashed process leaves on other desks.
constexpr int TypingTtlMs = 6000;
constexpr int ViewingTtlMs = 60000;
// The reporter's throttle: "typing" again at most this often while keys come, "viewing" once
// no key came for TypingIdleMs, and "viewing" repeated every ViewingRefreshMs.
constexpr int TypingRefreshMs = 2000;
constexpr int TypingIdleMs = 4000;
constexpr int ViewingRefreshMs = 20000;
// A ticket id longer than this is no ticket of ours (the op codec's bound).
constexpr int MaxTicketIdLength = 128;

inline int ttlMs(State state)
{
    return state == State::Typing ? TypingTtlMs : state == State::Viewing ? ViewingTtlMs : 0;
}

// Desk → server: {"type":"presence","ticket":T,"state":"viewing"|"typing"|"left"}.
struct Report
{
    QString ticketId;
    State state = State::Left;
};
QByteArray encode(const Report &report);
// Nothing for anything else (wrong type, no ticket, an unknown state, an id too long).
std::optional<Report> decodeReport(QByteArrayView json);

// Server → desks: one desk's state on a ticket. `connection` names the desk (an agent may
// have two open); `ttlMs` is how long the state holds unless repeated.
struct Event
{
    QString ticketId;
    QString agentId;
    QString name;
    QString connection;
    State state = State::Left;
    int ttlMs = 0;
};
QJsonObject toJson(const Event &event);
QByteArray encode(const Event &event);
std::optional<Event> decodeEvent(const QJsonObject &json);

// What the desk heard: for each ticket, the other desks on it, each until its state expires.
class Board : public QObject
{
    Q_OBJECT

public:
    struct Person
    {
        QString agentId;
        QString name;
        State state = State::Viewing;
    };

    // `nowMs`: a monotonic clock in ms (tests pass their own); none: a QElapsedTimer's.
    explicit Board(QObject *parent = nullptr, std::function<qint64()> nowMs = {});

    // The signed-in agent: their own desks are not "someone else".
    void setSelf(const QString &agentId);
    void apply(const Event &event);
    // The stream went away: what it said may be stale.
    void clear();
    // Drops what has expired by now (a timer calls it at the next expiry).
    void expire();

    // The others on a ticket, one line each (an agent's strongest state over their desks),
    // typing first, then by name.
    QVector<Person> others(const QString &ticketId) const;
    // Left when nobody else is on it.
    State strongest(const QString &ticketId) const;
    bool isEmpty() const { return m_entries.isEmpty(); }

signals:
    void changed(const QStringList &ticketIds);

private:
    struct Entry
    {
        Event event;
        qint64 expiresAtMs = 0;
    };
    void scheduleExpiry();
    qint64 now() const;

    std::function<qint64()> m_nowMs;
    QElapsedTimer m_elapsed;
    QString m_self;
    QHash<QString, Entry> m_entries; // by connection
    QTimer m_expiry;
};

// What this desk says, throttled: the ticket shown, typing while keys come.
class Reporter : public QObject
{
    Q_OBJECT

public:
    explicit Reporter(QObject *parent = nullptr, std::function<qint64()> nowMs = {});

    // The ticket now shown (empty: none; the one before is left).
    void view(const QString &ticketId);
    // A key went into the reply on the shown ticket.
    void typed();
    // The agent stopped typing (TypingIdleMs without a key; tests call it).
    void typingIdle();
    // Says the current state again (the stream reconnected; the refresh timer).
    void repeat();

    QString ticketId() const { return m_ticket; }
    State state() const { return m_state; }

signals:
    // A message for the stream (Presence::encode(Report)).
    void report(const QByteArray &message);

private:
    void say(const QString &ticketId, State state);
    qint64 now() const;

    std::function<qint64()> m_nowMs;
    QElapsedTimer m_elapsed;
    QString m_ticket;
    State m_state = State::Left;
    qint64 m_typingSentMs = 0;
    QTimer m_idle;
    QTimer m_refresh;
};

} // namespace SupportDesk::Presence
