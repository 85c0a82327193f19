// Demo mode: customers of both plans and every edition, agents and a lead with printed tokens,
// a realistic backlog, and a simulator that keeps opening tickets (through the same rules).
#pragma once

#include "store.h"

#include <QObject>
#include <QTextStream>
#include <QTimer>

namespace SupportDesk::Server {

class TicketServer;

struct DemoOptions
{
    int backlog = 400; // tickets in the seeded backlog
    int intervalMs = 20000; // the simulator opens a ticket this often
};

// Seeds an empty store (or re-issues the demo agents' tokens on a seeded one) and prints the
// tokens. Returns false on a database error.
bool seedDemo(Store *store, const CatalogSet &catalogs, const DemoOptions &options,
              QTextStream &out);

// Benchmark data: `customers` customers and `tickets` tickets spread over the last weeks.
bool seedBulk(Store *store, const CatalogSet &catalogs, int tickets, QTextStream &out);

QString demoPortalAgentId();
// "@<customer id>.example": the domain a demo customer writes e-mail from.
QString demoMailDomain(const QString &customerId);

class Simulator : public QObject
{
    Q_OBJECT

public:
    Simulator(TicketServer *server, const CatalogSet *catalogs, int intervalMs,
              QObject *parent = nullptr);
    void start() { m_timer.start(); }

private:
    void tick();

    TicketServer *m_server;
    const CatalogSet *m_catalogs;
    QTimer m_timer;
};

} // namespace SupportDesk::Server
