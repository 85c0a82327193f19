// Collision on the server (see presencehub.h).
#include "presencehub.h"

#include "changelistener.h"
#include "http.h"
#include "store.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlResult>
#include <QUuid>

#include <algorithm>

namespace SupportDesk::Server {

using Presence::Event;
using Presence::State;

PresenceHub::PresenceHub(QObject *parent)
    : QObject(parent)
    , m_origin(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))
{
    m_clock.start();
}

void PresenceHub::addClient(WebSocketConnection *connection, const Agent &agent)
{
    Client client;
    client.agent = agent;
    client.connection = QStringLiteral("%1/%2").arg(m_origin).arg(++m_next);
    client.budgetAtMs = m_clock.elapsed();
    m_clients.insert(connection, client);
    connect(connection, &WebSocketConnection::textReceived, this,
            [this, connection](const QByteArray &payload) { onReport(connection, payload); });
    // Who is where now, each with what is left of its time.
    const qint64 now = m_clock.elapsed();
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->expiresAtMs <= now) {
            it = m_entries.erase(it);
            continue;
        }
        Event e = it->event;
        e.ttlMs = int(it->expiresAtMs - now);
        connection->send(WebSocket::frame(WebSocket::Opcode::Text, Presence::encode(e)));
        ++it;
    }
}

void PresenceHub::removeClient(WebSocketConnection *connection)
{
    const auto it = m_clients.constFind(connection);
    if (it == m_clients.cend())
        return;
    const Client client = *it;
    m_clients.erase(it);
    if (client.ticketId.isEmpty())
        return;
    publish({ client.ticketId, client.agent.id, client.agent.name, client.connection,
              State::Left, 0 },
            connection);
}

void PresenceHub::onReport(WebSocketConnection *connection, const QByteArray &payload)
{
    const auto it = m_clients.find(connection);
    if (it == m_clients.end())
        return;
    Client &client = *it;
    // A token bucket: a desk says a few things a second at most (the reporter's throttle);
    // one that floods is not fanned out to every other desk.
    const qint64 now = m_clock.elapsed();
    client.budget = std::min<double>(
        Burst, client.budget + double(now - client.budgetAtMs) * RefillPerSecond / 1000.0);
    client.budgetAtMs = now;
    if (client.budget < 1)
        return;
    client.budget -= 1;
    const std::optional<Presence::Report> report = Presence::decodeReport(payload);
    if (!report)
        return;
    // "left" names the ticket left; it is not another desk's to clear.
    if (report->state == State::Left && report->ticketId != client.ticketId)
        return;
    // One ticket at a time per desk: on another, the first is left (the event says so).
    client.ticketId = report->state == State::Left ? QString() : report->ticketId;
    client.state = report->state;
    publish({ report->ticketId, client.agent.id, client.agent.name, client.connection,
              report->state, Presence::ttlMs(report->state) },
            connection);
}

void PresenceHub::keep(const Event &event)
{
    if (event.state == State::Left || event.ttlMs <= 0)
        m_entries.remove(event.connection);
    else
        m_entries.insert(event.connection, { event, m_clock.elapsed() + event.ttlMs });
}

void PresenceHub::sendLocal(const QByteArray &frame, WebSocketConnection *except)
{
    for (auto it = m_clients.cbegin(); it != m_clients.cend(); ++it) {
        if (it.key() != except)
            it.key()->send(frame);
    }
}

void PresenceHub::publish(const Event &event, WebSocketConnection *except)
{
    keep(event);
    const QByteArray json = Presence::encode(event);
    // Framed once, the same bytes to every socket (as the hints).
    sendLocal(WebSocket::frame(WebSocket::Opcode::Text, json), except);
    QJsonObject remote = Presence::toJson(event);
    remote.insert(QStringLiteral("origin"), m_origin);
    emit published(QJsonDocument(remote).toJson(QJsonDocument::Compact));
}

void PresenceHub::applyRemote(const QByteArray &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    if (o.value(QStringLiteral("origin")).toString() == m_origin)
        return;
    const std::optional<Event> event = Presence::decodeEvent(o);
    if (!event)
        return;
    keep(*event);
    sendLocal(WebSocket::frame(WebSocket::Opcode::Text, Presence::encode(*event)), nullptr);
}

PresenceRelay::PresenceRelay(const QString &db, const CatalogSet *catalogs, PresenceHub *hub,
                             QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_catalogs(catalogs)
    , m_hub(hub)
{
    connect(hub, &PresenceHub::published, this, &PresenceRelay::send);
}

PresenceRelay::~PresenceRelay() = default;

bool PresenceRelay::start(QString *error)
{
    return connectAndListen(error);
}

bool PresenceRelay::connectAndListen(QString *error)
{
    m_store.reset();
    m_store = openListening(m_db, m_catalogs, Channel, error);
    if (!m_store)
        return false;
    connect(m_store->driver(), &QSqlDriver::notification, this,
            &PresenceRelay::onNotification);
    return true;
}

void PresenceRelay::send(const QByteArray &payload)
{
    // On this connection (the main thread's): one short statement a report, which the
    // reporter's throttle keeps to a few a second a desk. A broken connection is opened again
    // once; presence lost meanwhile comes back with the next refresh (ViewingRefreshMs).
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!m_store) {
            QString error;
            if (!connectAndListen(&error)) {
                qWarning("presence relay: cannot reconnect: %s", qPrintable(error));
                return;
            }
        }
        bool sent = false;
        {
            QSqlQuery q(m_store->driver()->createResult());
            q.prepare(QStringLiteral("SELECT pg_notify(?, ?)"));
            q.addBindValue(QLatin1String(Channel));
            q.addBindValue(QString::fromUtf8(payload));
            sent = q.exec();
        }
        if (sent)
            return;
        m_store.reset();
    }
}

void PresenceRelay::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                   const QVariant &payload)
{
    if (name == QLatin1String(Channel))
        m_hub->applyRemote(payload.toString().toUtf8());
}

} // namespace SupportDesk::Server
