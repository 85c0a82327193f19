// Collision's messages, board and reporter (see presence.h).
#include "presence.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <limits>

namespace SupportDesk::Presence {

namespace {

const QString TypeKey = QStringLiteral("type");
const QString TypeValue = QStringLiteral("presence");

bool validTicketId(const QString &id)
{
    if (id.isEmpty() || id.size() > MaxTicketIdLength)
        return false;
    return std::none_of(id.cbegin(), id.cend(),
                        [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

QString stateName(State state)
{
    switch (state) {
    case State::Viewing:
        return QStringLiteral("viewing");
    case State::Typing:
        return QStringLiteral("typing");
    case State::Left:
        break;
    }
    return QStringLiteral("left");
}

std::optional<State> stateFrom(const QString &name)
{
    if (name == u"viewing")
        return State::Viewing;
    if (name == u"typing")
        return State::Typing;
    if (name == u"left")
        return State::Left;
    return std::nullopt;
}

QByteArray encode(const Report &report)
{
    return QJsonDocument(QJsonObject { { TypeKey, TypeValue },
                                       { QStringLiteral("ticket"), report.ticketId },
                                       { QStringLiteral("state"), stateName(report.state) } })
        .toJson(QJsonDocument::Compact);
}

std::optional<Report> decodeReport(QByteArrayView json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toByteArray()).object();
    if (o.value(TypeKey).toString() != TypeValue)
        return std::nullopt;
    const std::optional<State> state = stateFrom(o.value(QStringLiteral("state")).toString());
    const QString ticket = o.value(QStringLiteral("ticket")).toString();
    if (!state || !validTicketId(ticket))
        return std::nullopt;
    return Report { ticket, *state };
}

QJsonObject toJson(const Event &event)
{
    return QJsonObject { { TypeKey, TypeValue },
                         { QStringLiteral("ticket"), event.ticketId },
                         { QStringLiteral("agent"), event.agentId },
                         { QStringLiteral("name"), event.name },
                         { QStringLiteral("connection"), event.connection },
                         { QStringLiteral("state"), stateName(event.state) },
                         { QStringLiteral("ttl_ms"), event.ttlMs } };
}

QByteArray encode(const Event &event)
{
    return QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact);
}

std::optional<Event> decodeEvent(const QJsonObject &o)
{
    if (o.value(TypeKey).toString() != TypeValue)
        return std::nullopt;
    Event e;
    e.ticketId = o.value(QStringLiteral("ticket")).toString();
    e.agentId = o.value(QStringLiteral("agent")).toString();
    e.name = o.value(QStringLiteral("name")).toString();
    e.connection = o.value(QStringLiteral("connection")).toString();
    const std::optional<State> state = stateFrom(o.value(QStringLiteral("state")).toString());
    const double ttl = o.value(QStringLiteral("ttl_ms")).toDouble(-1);
    if (!state || !validTicketId(e.ticketId) || e.agentId.isEmpty() || e.connection.isEmpty()
        || ttl < 0)
        return std::nullopt;
    e.state = *state;
    // Never longer than this desk would keep it: a hostile or confused server cannot pin a
    // name on a ticket.
    e.ttlMs = int(std::min<double>(ttl, ttlMs(e.state)));
    return e;
}

Board::Board(QObject *parent, std::function<qint64()> nowMs)
    : QObject(parent)
    , m_nowMs(std::move(nowMs))
{
    m_elapsed.start();
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, &Board::expire);
}

qint64 Board::now() const
{
    return m_nowMs ? m_nowMs() : m_elapsed.elapsed();
}

void Board::setSelf(const QString &agentId)
{
    m_self = agentId;
}

void Board::apply(const Event &event)
{
    if (event.agentId == m_self)
        return;
    const auto it = m_entries.constFind(event.connection);
    // The desk moved to another ticket: that one changed too.
    QStringList touched { event.ticketId };
    if (it != m_entries.cend() && it->event.ticketId != event.ticketId)
        touched.append(it->event.ticketId);
    if (event.state == State::Left || event.ttlMs <= 0)
        m_entries.remove(event.connection);
    else
        m_entries.insert(event.connection, { event, now() + event.ttlMs });
    scheduleExpiry();
    emit changed(touched);
}

void Board::clear()
{
    if (m_entries.isEmpty())
        return;
    QStringList touched;
    for (const Entry &e : std::as_const(m_entries))
        touched.append(e.event.ticketId);
    m_entries.clear();
    m_expiry.stop();
    emit changed(touched);
}

void Board::expire()
{
    const qint64 t = now();
    QStringList touched;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->expiresAtMs <= t) {
            touched.append(it->event.ticketId);
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    scheduleExpiry();
    if (!touched.isEmpty())
        emit changed(touched);
}

void Board::scheduleExpiry()
{
    if (m_entries.isEmpty()) {
        m_expiry.stop();
        return;
    }
    qint64 next = std::numeric_limits<qint64>::max();
    for (const Entry &e : std::as_const(m_entries))
        next = std::min(next, e.expiresAtMs);
    m_expiry.start(int(std::clamp<qint64>(next - now(), 0, ViewingTtlMs)));
}

QVector<Board::Person> Board::others(const QString &ticketId) const
{
    QHash<QString, Person> byAgent;
    const qint64 t = now();
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.event.ticketId != ticketId || e.expiresAtMs <= t)
            continue;
        Person &p = byAgent[e.event.agentId];
        if (p.agentId.isEmpty() || e.event.state == State::Typing)
            p = { e.event.agentId, e.event.name.isEmpty() ? e.event.agentId : e.event.name,
                  e.event.state };
    }
    QVector<Person> people = byAgent.values().toVector();
    std::sort(people.begin(), people.end(), [](const Person &a, const Person &b) {
        if (a.state != b.state)
            return a.state == State::Typing;
        return a.name.localeAwareCompare(b.name) < 0;
    });
    return people;
}

State Board::strongest(const QString &ticketId) const
{
    State s = State::Left;
    const qint64 t = now();
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.event.ticketId == ticketId && e.expiresAtMs > t)
            s = std::max(s, e.event.state);
    }
    return s;
}

Reporter::Reporter(QObject *parent, std::function<qint64()> nowMs)
    : QObject(parent)
    , m_nowMs(std::move(nowMs))
{
    m_elapsed.start();
    m_idle.setSingleShot(true);
    m_idle.setInterval(TypingIdleMs);
    connect(&m_idle, &QTimer::timeout, this, &Reporter::typingIdle);
    m_refresh.setInterval(ViewingRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &Reporter::repeat);
}

qint64 Reporter::now() const
{
    return m_nowMs ? m_nowMs() : m_elapsed.elapsed();
}

void Reporter::say(const QString &ticketId, State state)
{
    emit report(encode(Report { ticketId, state }));
}

void Reporter::view(const QString &ticketId)
{
    if (ticketId == m_ticket)
        return;
    m_idle.stop();
    // The server takes a new ticket as leaving the old one; said anyway when none follows.
    if (!m_ticket.isEmpty() && ticketId.isEmpty())
        say(m_ticket, State::Left);
    m_ticket = ticketId;
    m_state = ticketId.isEmpty() ? State::Left : State::Viewing;
    if (ticketId.isEmpty()) {
        m_refresh.stop();
        return;
    }
    say(ticketId, State::Viewing);
    m_refresh.start();
}

void Reporter::typed()
{
    if (m_ticket.isEmpty())
        return;
    m_idle.start();
    const qint64 t = now();
    if (m_state == State::Typing && t - m_typingSentMs < TypingRefreshMs)
        return; // said recently enough: the others keep it for TypingTtlMs
    m_state = State::Typing;
    m_typingSentMs = t;
    say(m_ticket, State::Typing);
}

void Reporter::typingIdle()
{
    m_idle.stop();
    if (m_state != State::Typing)
        return;
    m_state = State::Viewing;
    say(m_ticket, State::Viewing);
}

void Reporter::repeat()
{
    if (m_ticket.isEmpty())
        return;
    if (m_state == State::Typing)
        m_typingSentMs = now();
    say(m_ticket, m_state);
}

} // namespace SupportDesk::Presence
