// A server process's ear on PostgreSQL: one connection that LISTENs on Store::ChangesChannel,
// so a commit made by any process on the database reaches this process's WebSocket clients.
#pragma once

#include "store.h"

#include <QObject>
#include <QSqlDriver>
#include <QTimer>

#include <memory>

namespace SupportDesk::Server {

// A connection of its own to `db` that LISTENs on `channel` (its driver's notification()
// signal says what arrives); null with `error` set when it cannot. Hints and presence each
// keep one.
std::unique_ptr<Store> openListening(const QString &db, const CatalogSet *catalogs,
                                     const char *channel, QString *error);

class ChangeListener : public QObject
{
    Q_OBJECT

public:
    ChangeListener(const QString &db, const CatalogSet *catalogs, QObject *parent = nullptr);
    ~ChangeListener() override;
    // Opens the connection and subscribes (on the calling thread, which needs an event loop).
    bool start(QString *error);

signals:
    // A commit on the database (this process's or another's) reached `seq`.
    void changed(qint64 seq);

private:
    bool connectAndListen(QString *error);
    void onNotification(const QString &name, QSqlDriver::NotificationSource source,
                        const QVariant &payload);
    void check();

    QString m_db;
    const CatalogSet *m_catalogs;
    std::unique_ptr<Store> m_store;
    QTimer m_check;
};

} // namespace SupportDesk::Server
