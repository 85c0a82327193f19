// A server process's eye on SQLite: commits other processes make to the same file (mail-ingest,
// a second server, an admin command) reach this process's WebSocket clients as hints.
#pragma once

#include "store.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace SupportDesk::Server {

// SQLite has no LISTEN: a connection of its own asks PRAGMA data_version, which changes when
// any other connection (this process's writer too) committed since it last asked. Idle, that
// is one pragma per interval, read from the WAL index in shared memory (no file read); a
// change reads the feed's head (one index probe) and says it when it moved.
class CommitWatch : public QObject
{
    Q_OBJECT

public:
    // How long a commit of another process waits at most before it is seen (docs/mail.md).
    static constexpr int DefaultIntervalMs = 200;

    CommitWatch(const QString &db, const CatalogSet *catalogs,
                int intervalMs = DefaultIntervalMs, QObject *parent = nullptr);
    ~CommitWatch() override;
    // Opens the connection and starts watching (on the calling thread, which needs an event
    // loop); the feed's head now is the starting point, not announced.
    bool start(QString *error);

signals:
    // A commit on the database (this process's or another's) moved the feed's head to `seq`.
    void changed(qint64 seq);
    // A commit queued mail (a mail-ingest's acknowledgement, an agent's reply): the sender
    // need not wait for its poll (--mail-poll).
    void mailQueued();

private:
    void check();

    QString m_db;
    const CatalogSet *m_catalogs;
    std::unique_ptr<Store> m_store;
    QTimer m_timer;
    qint64 m_version = -1;
    qint64 m_seq = 0;
    qint64 m_mailHead = 0; // Store::mailOutboxHead() at the last change
    bool m_failing = false; // a failed read is logged once, not every interval
};

} // namespace SupportDesk::Server
