// Posts the desk's public replies on IM groups' tickets to the groups' webhooks, from the
// outbox in the database (docs/api.md, "IM groups"): on its own thread, with its own
// connection; each reply claimed by one process at a time, retried with backoff.
#pragma once

#include "clock.h"
#include "store.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace SupportDesk::Server {

class ImCourier : public QObject
{
    Q_OBJECT

public:
    static constexpr int LeaseSeconds = 60; // longer than a post may take (TimeoutMs)
    static constexpr int TimeoutMs = 10000;
    static constexpr int PollMs = 500;

    ImCourier(const QString &db, const CatalogSet *catalogs, std::shared_ptr<const Clock> clock);
    ~ImCourier() override;
    bool open(QString *error); // on the courier's thread; starts polling
    void close(); // on the courier's thread
    // Look now (after a commit), not at the next poll.
    void wake();

private:
    void deliverNext();

    QString m_db;
    const CatalogSet *m_catalogs;
    std::shared_ptr<const Clock> m_clock;
    QString m_claimer; // this process, in the outbox's claims
    std::unique_ptr<Store> m_store;
    QNetworkAccessManager *m_net = nullptr;
    QTimer *m_timer = nullptr;
    bool m_posting = false;
};

} // namespace SupportDesk::Server
