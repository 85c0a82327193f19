// Collision on the server (docs/collision.md): what each stream client says it is doing
// ("viewing X", "typing on X", "left X"), fanned out to every other client of this process
// and, on PostgreSQL, to the other processes (NOTIFY on PresenceRelay::Channel). Presence lives
// in memory only: nothing of it outlives the process, a closed connection is said to have
// left, and a state nobody repeats expires (Presence::ttlMs), so a crashed process's clients
// fade from the other desks by themselves.
#pragma once

#include "domain.h"
#include "presence.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSqlDriver>

#include <memory>

namespace SupportDesk {
class CatalogSet;
}

namespace SupportDesk::Server {

class Store;
class WebSocketConnection;

class PresenceHub : public QObject
{
    Q_OBJECT

public:
    explicit PresenceHub(QObject *parent = nullptr);

    // A stream client of `agent` (its name is what the other desks show). It is told at once
    // who is on which ticket.
    void addClient(WebSocketConnection *connection, const Agent &agent);
    // The connection is gone: whatever it was on, it left.
    void removeClient(WebSocketConnection *connection);
    // An event another process published (PresenceRelay): kept and sent to this process's
    // clients. Its own (the same origin) are ignored.
    void applyRemote(const QByteArray &payload);
    // The process's name in what it publishes (random per run).
    QString origin() const { return m_origin; }
    // Reports a client may send in a burst, then RefillPerSecond a second; more are dropped.
    static constexpr int Burst = 10;
    static constexpr int RefillPerSecond = 5;

signals:
    // An event of this process's clients, for the other processes (payload of the NOTIFY).
    void published(const QByteArray &payload);

private:
    struct Client
    {
        Agent agent;
        QString connection; // origin/number: names the desk in events
        QString ticketId; // on which ticket, if any
        Presence::State state = Presence::State::Left;
        double budget = Burst;
        qint64 budgetAtMs = 0;
    };
    struct Entry
    {
        Presence::Event event;
        qint64 expiresAtMs = 0;
    };
    void onReport(WebSocketConnection *connection, const QByteArray &payload);
    void publish(const Presence::Event &event, WebSocketConnection *except);
    void keep(const Presence::Event &event);
    void sendLocal(const QByteArray &frame, WebSocketConnection *except);

    QString m_origin;
    quint64 m_next = 0;
    QElapsedTimer m_clock;
    QHash<WebSocketConnection *, Client> m_clients;
    QHash<QString, Entry> m_entries; // every desk's latest state (local and remote), by connection
};

// PostgreSQL only: carries PresenceHub's events between processes on one LISTEN/NOTIFY
// connection of its own (the change listener's is left to hints).
class PresenceRelay : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *Channel = "supportdesk_presence";
    PresenceRelay(const QString &db, const CatalogSet *catalogs, PresenceHub *hub,
                  QObject *parent = nullptr);
    ~PresenceRelay() override;
    bool start(QString *error);

private:
    bool connectAndListen(QString *error);
    void send(const QByteArray &payload);
    void onNotification(const QString &name, QSqlDriver::NotificationSource source,
                        const QVariant &payload);

    QString m_db;
    const CatalogSet *m_catalogs;
    PresenceHub *m_hub;
    std::unique_ptr<Store> m_store;
};

} // namespace SupportDesk::Server
