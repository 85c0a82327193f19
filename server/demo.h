// Demo mode: customers of both plans and every edition, agents and a lead with printed tokens,
// a realistic backlog, and a simulator that keeps opening tickets (through the same rules).
#pragma once

#include "api.h"
#include "store.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace SupportDesk::Server {

class TicketServer;

struct DemoOptions
{
    int backlog = 400; // tickets in the seeded backlog
    int intervalMs = 20000; // the simulator opens a ticket this often
    // Where the demo's IM groups post the desk's replies (a local receiver, scripts/run.sh):
    // with it, each demo customer whose edition has the IM group channel gets a group, and
    // the simulator's customers write in it. Empty: no groups are registered or changed.
    QString imReceiverUrl;
    // The backlog's "now" (its tickets' ages count back from it); invalid: the system's. The
    // server's --fixed-clock, so a test pinned there has the backlog around its instant.
    QDateTime now;
};

// A demo IM group the simulator writes in, as its customers would.
struct DemoImGroup
{
    ImGroup group;
    bool chinese = true; // its people write Chinese (the domestic plan) or English
};

// Seeds an empty store (or re-issues the demo agents' tokens on a seeded one) and prints the
// tokens. Returns false on a database error.
bool seedDemo(Store *store, const CatalogSet &catalogs, const DemoOptions &options,
              QTextStream &out);

// Benchmark data: `customers` customers and `tickets` tickets spread over the last weeks.
bool seedBulk(Store *store, const CatalogSet &catalogs, int tickets, QTextStream &out);

QString demoPortalAgentId();
// The IM groups seedDemo registered (ids "demo-<customer id>"), for the simulator.
QVector<DemoImGroup> demoImGroups(Store *store);
// "@<customer id>.example": the domain a demo customer writes e-mail from.
QString demoMailDomain(const QString &customerId);

class Simulator : public QObject
{
    Q_OBJECT

public:
    Simulator(TicketServer *server, const CatalogSet *catalogs, int intervalMs,
              QObject *parent = nullptr);
    void start() { m_timer.start(); }
    // Now and then a customer with a group writes in it: signed with the group's secret and
    // posted to `webhookBase` + group id, this server's own webhook (the real path, as a
    // group's bot would post it).
    void setImGroups(const QUrl &webhookBase, const QVector<DemoImGroup> &groups);
    // The server's --max-attachment: its customers' mail is taken in under it, as mail-ingest
    // takes it.
    void setMaxAttachmentBytes(qint64 bytes) { m_maxAttachmentBytes = bytes; }

private:
    void tick();
    void postGroupMessage(const DemoImGroup &group);

    TicketServer *m_server;
    const CatalogSet *m_catalogs;
    QTimer m_timer;
    QUrl m_webhookBase;
    QVector<DemoImGroup> m_groups;
    QSet<QString> m_groupsWithTicket; // groups the simulator knows to have an open ticket
    QNetworkAccessManager *m_net = nullptr;
    qint64 m_maxAttachmentBytes = ApiLimits().maxAttachmentBytes;
};

} // namespace SupportDesk::Server
