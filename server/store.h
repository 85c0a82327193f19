// The server's database: schema and migrations, the change feed, the operations with their
// rules, agents and tokens. One Store per thread, each with its own connection; SQLite (WAL)
// or PostgreSQL behind the same SQL. The implementation is split by what it holds: store.cpp
// (connection, transactions, record writes), storeschema.cpp (migrations), storefeed.cpp
// (GET /changes), storerecords.cpp (reads), storeops.cpp (POST /ops and its rules),
// storereports.cpp and storeadmin.cpp (agents, tokens, customers, documents, settings, imports).
#pragma once

#include "domain.h"
#include "plancatalog.h"
#include "planrules.h"

#include <QSqlDatabase>

#include <memory>
#include <optional>

namespace SupportDesk::Server {

struct OpsOutcome
{
    bool ok = false; // false: a database error; nothing was committed
    QString error;
    QVector<OperationResult> results;
    qint64 lastSeq = 0; // the feed's sequence after the commit
};

struct OpsBatch
{
    Agent by;
    QVector<Operation> ops;
};

class Store
{
public:
    static constexpr int SchemaVersion = 2;

    ~Store();
    // `spec` is a file path (SQLite) or a postgresql:// URL.
    static std::unique_ptr<Store> open(const QString &spec, const CatalogSet *catalogs,
                                       QString *error);
    // Brings the schema to SchemaVersion, step by step, each step in a transaction.
    bool migrate(QString *error);
    bool isPostgres() const { return m_postgres; }
    QString lastError() const { return m_error; }

    // Reads.
    std::optional<Agent> agentByToken(const QString &token);
    // The feed page as the JSON body of GET /changes, without its leading
    // `{"server_time": …,` (the caller stamps the time; the rest may be cached).
    std::optional<QByteArray> changesPage(qint64 after, int limit);
    // The highest sequence in the feed (one index probe).
    std::optional<qint64> maxSeq();
    std::optional<Ticket> ticket(const QString &id);
    std::optional<Customer> customer(const QString &id);
    std::optional<Agent> agent(const QString &id);
    std::optional<TeamSettings> settings();
    // A document an admin loaded (`calendar`): empty when none was; nothing on a read error.
    std::optional<QByteArray> document(const QString &name);
    QVector<Customer> customers();
    QVector<Agent> agents();
    // Tickets created in [from, to), optionally of one customer.
    std::optional<QVector<Ticket>> ticketsCreated(const QDateTime &from, const QDateTime &to,
                                                  const QString &customerId = {});
    std::optional<QVector<SeverityChange>> severityChanges(const QStringList &ticketIds);
    qint64 lastSeq();
    QStringList ticketIds(const QString &status, int limit); // oldest first

    // Writes; each is one transaction and stamps what it writes with the next sequence.
    OpsOutcome applyOps(const Agent &by, const QVector<Operation> &ops);
    // Several requests' batches in one transaction (group commit). A batch whose statement
    // fails fails alone: the others are applied again without it and commit together.
    QVector<OpsOutcome> applyOpsGroup(const QVector<OpsBatch> &batches);
    std::optional<qint64> putSettings(const Agent &by, const TeamSettings &settings);
    // A new agent and its token (returned once; only its hash is kept). With `token` given,
    // that one is kept instead of a random one (the demo's tokens, derived from its secret).
    std::optional<QString> addAgent(Agent *agent, const QString &token = QString());
    // The value under `key` in the meta table; `initial` is stored first when there is none.
    std::optional<qint64> metaValue(const QString &key, qint64 initial);
    std::optional<QString> newToken(const QString &agentId); // replaces the agent's token
    bool putCustomer(const Customer &customer);
    bool putDocument(const QString &name, const QByteArray &data); // replaces it, audited
    // Writes tickets as they are (demo backlog, benchmark data), with their messages; numbers
    // are given to tickets that have none. One transaction.
    bool importTickets(QVector<Ticket> *tickets, QVector<Message> *messages);
    bool hasCustomers();
    bool hasSettings();

    static QString hashToken(const QString &token);

private:
    Store() = default;
    bool exec(const QString &sql);
    bool fail(const QString &message);
    bool begin();
    bool commit();
    void rollback();
    qint64 nextSeq() { return ++m_txSeq; }
    bool writeRecord(const QString &kind, const QString &id, qint64 seq, const QJsonObject &data);
    bool writeTicket(Ticket &t); // stamps seq, version is the caller's
    bool writeMessage(Message &m);
    bool audit(const QString &actor, const QString &action, const QString &target,
               const QJsonObject &detail);
    OperationResult applyOne(const Agent &by, const Operation &op, bool *dbError, bool *replayed);
    // One attempt at a group, leaving out the excluded batches: nullopt when committed, else
    // the batch whose statement failed (rolled back), or -1 when the failure is no one batch's.
    std::optional<qsizetype> applyGroupOnce(const QVector<OpsBatch> &batches,
                                            const QVector<bool> &excluded,
                                            QVector<OpsOutcome> *outcomes);
    OperationResult createTicket(const Agent &by, const Operation &op, bool *dbError);
    std::optional<int> ticketsInWindow(const QString &customerId, const QDateTime &from,
                                       const QDateTime &to);

    QSqlDatabase m_db;
    std::unique_ptr<class QSqlQuery> m_maxSeqQuery; // prepared once: asked on every feed read
    QString m_connection;
    const CatalogSet *m_catalogs = nullptr;
    bool m_postgres = false;
    QString m_error;
    qint64 m_txSeq = 0;
    qint64 m_txNumber = -1;
    QDateTime m_now; // the transaction's time
};

} // namespace SupportDesk::Server
