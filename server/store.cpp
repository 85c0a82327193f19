// The server's database (see store.h).
#include "store.h"

#include "planrules.h"
#include "ticketedit.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

QAtomicInteger<int> g_connections;

// Never NULL: an empty text (the NOT NULL columns take "" for "none").
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

OperationResult result(const Operation &op, const QString &kind, const QString &code = {},
                       const QStringList &args = {})
{
    OperationResult r;
    r.opId = op.opId;
    r.result = kind;
    r.code = code;
    r.args = args;
    return r;
}

OperationResult rejected(const Operation &op, const QString &code, const QStringList &args = {},
                         const std::optional<Ticket> &ticket = std::nullopt)
{
    OperationResult r = result(op, OpResult::Rejected, code, args);
    if (ticket) {
        r.hasTicket = true;
        r.ticket = *ticket;
    }
    return r;
}

OperationResult rejected(const Operation &op, const RuleCheck &check,
                         const std::optional<Ticket> &ticket = std::nullopt)
{
    return rejected(op, check.code, check.args, ticket);
}

using TicketFlag::OutOfScope;
using TicketFlag::OverQuota;

// The steps from one schema version to the next; a step is a list of statements run in one
// transaction. Types are the ones SQLite and PostgreSQL both read the same way.
const QVector<QStringList> &migrations()
{
    static const QVector<QStringList> steps {
        // 0 → 1
        { QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL)"),
          QStringLiteral(
              "INSERT INTO meta (key, value) VALUES ('last_seq', 0), ('last_number', 0)"),
          // Every record as the feed sends it, stamped with the sequence of its last change.
          QStringLiteral("CREATE TABLE records (kind TEXT NOT NULL, id TEXT NOT NULL, "
                         "seq BIGINT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, id))"),
          QStringLiteral("CREATE UNIQUE INDEX records_seq ON records (seq)"),
          QStringLiteral("CREATE TABLE agents (id TEXT PRIMARY KEY, name TEXT NOT NULL, "
                         "role TEXT NOT NULL, locale TEXT NOT NULL, token_hash TEXT UNIQUE)"),
          QStringLiteral("CREATE TABLE customers (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, "
                         "edition_id TEXT NOT NULL, time_zone TEXT NOT NULL)"),
          QStringLiteral(
              "CREATE TABLE tickets (id TEXT PRIMARY KEY, number BIGINT NOT NULL UNIQUE, "
              "customer_id TEXT NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, "
              "plan_id TEXT NOT NULL, edition_id TEXT NOT NULL, assignee_id TEXT NOT NULL, "
              "created_at TEXT NOT NULL, first_response_at TEXT, due_at TEXT, "
              "version BIGINT NOT NULL)"),
          QStringLiteral("CREATE INDEX tickets_customer ON tickets (customer_id, created_at)"),
          QStringLiteral("CREATE INDEX tickets_created ON tickets (created_at)"),
          QStringLiteral("CREATE TABLE messages (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, "
                         "kind TEXT NOT NULL, author_id TEXT NOT NULL, created_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX messages_ticket ON messages (ticket_id)"),
          QStringLiteral(
              "CREATE TABLE severity_changes (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, "
              "from_severity TEXT NOT NULL, to_severity TEXT NOT NULL, reason TEXT NOT NULL, "
              "changed_by TEXT NOT NULL, changed_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX severity_changes_ticket ON severity_changes (ticket_id)"),
          // Exactly once: an op's result is written in the transaction of its effect.
          QStringLiteral(
              "CREATE TABLE applied_ops (op_id TEXT PRIMARY KEY, agent_id TEXT NOT NULL, "
              "result TEXT NOT NULL, applied_at TEXT NOT NULL)"),
          QStringLiteral("CREATE TABLE audit (id TEXT PRIMARY KEY, at TEXT NOT NULL, "
                         "actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, "
                         "detail TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX audit_target ON audit (target, at)") },
        // 1 → 2: reference data an admin loads (the holiday calendar), served with the catalog.
        { QStringLiteral("CREATE TABLE documents (name TEXT PRIMARY KEY, data TEXT NOT NULL, "
                         "loaded_at TEXT NOT NULL)") },
    };
    return steps;
}

} // namespace

Store::~Store()
{
    m_maxSeqQuery.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

std::unique_ptr<Store> Store::open(const QString &spec, const CatalogSet *catalogs, QString *error)
{
    std::unique_ptr<Store> store(new Store);
    store->m_catalogs = catalogs;
    store->m_connection = QStringLiteral("supportdesk-store-%1").arg(++g_connections);
    if (spec.startsWith(u"postgresql://") || spec.startsWith(u"postgres://")) {
        store->m_postgres = true;
        const QUrl url(spec);
        const QUrlQuery query(url);
        store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), store->m_connection);
        store->m_db.setHostName(query.hasQueryItem(QStringLiteral("host"))
                                    ? query.queryItemValue(QStringLiteral("host"))
                                    : url.host());
        if (url.port() > 0)
            store->m_db.setPort(url.port());
        store->m_db.setUserName(url.userName());
        store->m_db.setPassword(url.password());
        store->m_db.setDatabaseName(url.path().mid(1));
    } else {
        store->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), store->m_connection);
        store->m_db.setDatabaseName(spec);
        store->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (!store->m_db.isValid()) {
        *error
            = QStringLiteral("the Qt SQL driver for %1 is missing")
                  .arg(store->m_postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"));
        return {};
    }
    if (!store->m_db.open()) {
        *error = store->m_db.lastError().text();
        return {};
    }
    if (store->m_postgres) {
        store->exec(QStringLiteral("SET client_min_messages = warning"));
    } else {
        // WAL: readers on other connections never wait for the writer. FULL: an op reported
        // applied survives a power cut, as the client drops it from its outbox.
        if (!store->exec(QStringLiteral("PRAGMA journal_mode=WAL"))
            || !store->exec(QStringLiteral("PRAGMA synchronous=FULL"))) {
            *error = store->m_error;
            return {};
        }
    }
    return store;
}

bool Store::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool Store::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return fail(QStringLiteral("%1: %2").arg(sql, q.lastError().text()));
    return true;
}

bool Store::migrate(QString *error)
{
    if (!exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))) {
        *error = m_error;
        return false;
    }
    int version = 0;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
            *error = q.lastError().text();
            return false;
        }
        if (q.next())
            version = q.value(0).toInt();
    }
    if (version > SchemaVersion) {
        *error = QStringLiteral("the database has schema version %1; this server knows up to %2")
                     .arg(version)
                     .arg(SchemaVersion);
        return false;
    }
    for (; version < SchemaVersion; ++version) {
        if (!exec(QStringLiteral("BEGIN"))) {
            *error = m_error;
            return false;
        }
        bool ok = true;
        for (const QString &sql : migrations().at(version)) {
            if (!(ok = exec(sql)))
                break;
        }
        if (ok)
            ok = exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)")
                          .arg(version + 1))
                && exec(QStringLiteral("COMMIT"));
        if (!ok) {
            *error = m_error;
            exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    return true;
}

QString Store::hashToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<Agent> Store::agentByToken(const QString &token)
{
    if (token.isEmpty())
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT a.id, a.name, a.role, a.locale, r.seq FROM agents a "
                             "LEFT JOIN records r ON r.kind = 'agent' AND r.id = a.id "
                             "WHERE a.token_hash = ?"));
    q.addBindValue(hashToken(token));
    if (!q.exec() || !q.next())
        return std::nullopt;
    Agent a;
    a.id = q.value(0).toString();
    a.name = q.value(1).toString();
    a.role = q.value(2).toString();
    a.locale = q.value(3).toString();
    a.seq = q.value(4).toLongLong();
    return a;
}

std::optional<QByteArray> Store::changesPage(qint64 after, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT seq, kind, data FROM records WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(limit + 1);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QByteArray out;
    out.reserve(limit * 700 + 200);
    out += "\"after\":" + QByteArray::number(after) + ",\"changes\":[";
    int count = 0;
    qint64 lastSeq = after;
    bool more = false;
    while (q.next()) {
        if (count == limit) {
            more = true;
            break;
        }
        const qint64 seq = q.value(0).toLongLong();
        if (count++)
            out += ',';
        out += "{\"seq\":" + QByteArray::number(seq) + ",\"kind\":\""
            + q.value(1).toString().toLatin1() + "\",\"data\":" + q.value(2).toString().toUtf8()
            + '}';
        lastSeq = seq;
    }
    out += "],\"last_seq\":" + QByteArray::number(lastSeq)
        + ",\"has_more\":" + (more ? "true" : "false") + '}';
    return out;
}

std::optional<qint64> Store::maxSeq()
{
    if (!m_maxSeqQuery) {
        m_maxSeqQuery = std::make_unique<QSqlQuery>(m_db);
        if (!m_maxSeqQuery->prepare(QStringLiteral("SELECT MAX(seq) FROM records"))) {
            fail(m_maxSeqQuery->lastError().text());
            m_maxSeqQuery.reset();
            return std::nullopt;
        }
    }
    QSqlQuery &q = *m_maxSeqQuery;
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const qint64 seq = q.value(0).toLongLong();
    q.finish();
    return seq;
}

std::optional<Ticket> Store::ticket(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'ticket' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Ticket t;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &t, nullptr))
        return std::nullopt;
    return t;
}

std::optional<Customer> Store::customer(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'customer' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Customer c;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
        return std::nullopt;
    return c;
}

std::optional<Agent> Store::agent(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM records WHERE kind = 'agent' AND id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    Agent a;
    if (!Json::fromJson(parseObject(q.value(0).toString()), &a, nullptr))
        return std::nullopt;
    return a;
}

std::optional<QByteArray> Store::document(const QString &name)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT data FROM documents WHERE name = ?"));
    q.addBindValue(text(name));
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.next() ? q.value(0).toString().toUtf8() : QByteArray();
}

bool Store::putDocument(const QString &name, const QByteArray &data)
{
    if (!begin())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM documents WHERE name = ?"));
    q.addBindValue(text(name));
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral(
                "INSERT INTO documents (name, data, loaded_at) VALUES (?, ?, ?)"));
        q.addBindValue(text(name));
        q.addBindValue(text(QString::fromUtf8(data)));
        q.addBindValue(Json::timestamp(m_now));
        ok = q.exec();
    }
    if (!ok) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    if (!audit(QStringLiteral("admin"), QStringLiteral("document-load"), name,
               QJsonObject { { QStringLiteral("bytes"), qint64(data.size()) } })
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

std::optional<TeamSettings> Store::settings()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'settings' AND id = 'team'")))
        return std::nullopt;
    TeamSettings s;
    if (q.next())
        Json::fromJson(parseObject(q.value(0).toString()), &s, nullptr);
    return s;
}

QVector<Customer> Store::customers()
{
    QVector<Customer> list;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'customer' ORDER BY id")))
        return list;
    while (q.next()) {
        Customer c;
        if (Json::fromJson(parseObject(q.value(0).toString()), &c, nullptr))
            list.append(c);
    }
    return list;
}

QVector<Agent> Store::agents()
{
    QVector<Agent> list;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT data FROM records WHERE kind = 'agent' ORDER BY id")))
        return list;
    while (q.next()) {
        Agent a;
        if (Json::fromJson(parseObject(q.value(0).toString()), &a, nullptr))
            list.append(a);
    }
    return list;
}

std::optional<QVector<Ticket>> Store::ticketsCreated(const QDateTime &from, const QDateTime &to,
                                                     const QString &customerId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT r.data FROM tickets t JOIN records r ON r.kind = 'ticket' "
                             "AND r.id = t.id WHERE t.created_at >= ? AND t.created_at < ?")
              + (customerId.isEmpty() ? QString() : QStringLiteral(" AND t.customer_id = ?"))
              + QStringLiteral(" ORDER BY t.created_at"));
    q.addBindValue(Json::timestamp(from));
    q.addBindValue(Json::timestamp(to));
    if (!customerId.isEmpty())
        q.addBindValue(customerId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<Ticket> list;
    while (q.next()) {
        Ticket t;
        if (Json::fromJson(parseObject(q.value(0).toString()), &t, nullptr))
            list.append(t);
    }
    return list;
}

std::optional<QVector<SeverityChange>> Store::severityChanges(const QStringList &ticketIds)
{
    QVector<SeverityChange> list;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT from_severity, to_severity, reason, changed_by, changed_at "
                             "FROM severity_changes WHERE ticket_id = ? ORDER BY changed_at"));
    for (const QString &id : ticketIds) {
        q.addBindValue(id);
        if (!q.exec()) {
            fail(q.lastError().text());
            return std::nullopt;
        }
        while (q.next()) {
            SeverityChange c;
            c.fromSeverity = q.value(0).toString();
            c.toSeverity = q.value(1).toString();
            c.reason = q.value(2).toString();
            c.changedBy = q.value(3).toString();
            c.changedAt = Json::parseTimestamp(q.value(4).toString());
            list.append(c);
        }
    }
    return list;
}

QStringList Store::ticketIds(const QString &status, int limit)
{
    QStringList ids;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT id FROM tickets WHERE status = ? ORDER BY created_at LIMIT ?"));
    q.addBindValue(status);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

qint64 Store::lastSeq()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool Store::begin()
{
    m_now = QDateTime::currentDateTimeUtc();
    m_txNumber = -1;
    // One writer at a time, on the sequence row: sequences are handed out in commit order, so
    // a reader never sees seq N+1 committed before N.
    if (!exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")
                + (m_postgres ? QStringLiteral(" FOR UPDATE") : QString()))
        || !q.next()) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    m_txSeq = q.value(0).toLongLong();
    return true;
}

bool Store::commit()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq'"));
    q.addBindValue(m_txSeq);
    if (!q.exec())
        return fail(q.lastError().text());
    if (m_txNumber >= 0) {
        q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_number'"));
        q.addBindValue(m_txNumber);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return exec(QStringLiteral("COMMIT"));
}

void Store::rollback()
{
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

bool Store::writeRecord(const QString &kind, const QString &id, qint64 seq, const QJsonObject &data)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO records (kind, id, seq, data) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq, "
                             "data = excluded.data"));
    q.addBindValue(kind);
    q.addBindValue(id);
    q.addBindValue(seq);
    q.addBindValue(compact(data));
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

bool Store::writeTicket(Ticket &t)
{
    t.seq = nextSeq();
    t.updatedAt = m_now;
    if (!writeRecord(QStringLiteral("ticket"), t.id, t.seq, Json::toJson(t)))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO tickets (id, number, customer_id, status, severity, plan_id, edition_id, "
        "assignee_id, created_at, first_response_at, due_at, version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "status = excluded.status, severity = excluded.severity, "
        "assignee_id = excluded.assignee_id, first_response_at = excluded.first_response_at, "
        "due_at = excluded.due_at, version = excluded.version"));
    q.addBindValue(t.id);
    q.addBindValue(t.number);
    q.addBindValue(text(t.customerId));
    q.addBindValue(text(t.status));
    q.addBindValue(text(t.severity));
    q.addBindValue(text(t.planId));
    q.addBindValue(text(t.editionId));
    q.addBindValue(text(t.assigneeId));
    q.addBindValue(Json::timestamp(t.createdAt));
    q.addBindValue(t.firstResponseAt.isValid() ? QVariant(Json::timestamp(t.firstResponseAt))
                                               : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(t.dueAt.isValid() ? QVariant(Json::timestamp(t.dueAt))
                                     : QVariant(QMetaType::fromType<QString>()));
    q.addBindValue(t.version);
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

bool Store::writeMessage(Message &m)
{
    m.seq = nextSeq();
    if (!writeRecord(QStringLiteral("message"), m.id, m.seq, Json::toJson(m)))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO messages (id, ticket_id, kind, author_id, created_at) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(m.id);
    q.addBindValue(text(m.ticketId));
    q.addBindValue(text(m.kind));
    q.addBindValue(text(m.authorId));
    q.addBindValue(Json::timestamp(m.createdAt));
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

bool Store::audit(const QString &actor, const QString &action, const QString &target,
                  const QJsonObject &detail)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit (id, at, actor, action, target, detail) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    q.addBindValue(Json::timestamp(m_now));
    q.addBindValue(text(actor));
    q.addBindValue(text(action));
    q.addBindValue(text(target));
    q.addBindValue(compact(detail));
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

std::optional<int> Store::ticketsInWindow(const QString &customerId, const QDateTime &from,
                                          const QDateTime &to)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM tickets WHERE customer_id = ? AND "
                             "created_at >= ? AND created_at < ?"));
    q.addBindValue(customerId);
    q.addBindValue(Json::timestamp(from));
    q.addBindValue(Json::timestamp(to));
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.value(0).toInt();
}

OpsOutcome Store::applyOps(const Agent &by, const QVector<Operation> &ops)
{
    return applyOpsGroup({ { by, ops } }).value(0);
}

QVector<OpsOutcome> Store::applyOpsGroup(const QVector<OpsBatch> &batches)
{
    QVector<OpsOutcome> outcomes(batches.size());
    const auto failAll = [&](const QString &error) {
        for (OpsOutcome &o : outcomes) {
            o.ok = false;
            o.error = error;
            o.results.clear();
        }
        return outcomes;
    };
    if (!begin())
        return failAll(m_error);
    for (qsizetype b = 0; b < batches.size(); ++b) {
        const Agent &by = batches.at(b).by;
        for (const Operation &op : batches.at(b).ops) {
            bool dbError = false;
            bool replayed = false;
            OperationResult r = applyOne(by, op, &dbError, &replayed);
            if (dbError) {
                const QString error = m_error;
                rollback();
                return failAll(error);
            }
            // Conflicts are not final: the client re-sends the same op on a newer base version.
            if (!replayed && (r.result == OpResult::Applied || r.result == OpResult::Rejected)) {
                QSqlQuery q(m_db);
                q.prepare(QStringLiteral("INSERT INTO applied_ops (op_id, agent_id, result, "
                                         "applied_at) VALUES (?, ?, ?, ?)"));
                q.addBindValue(op.opId);
                q.addBindValue(text(by.id));
                q.addBindValue(compact(Json::toJson(r)));
                q.addBindValue(Json::timestamp(m_now));
                if (!q.exec()) {
                    const QString error = q.lastError().text();
                    rollback();
                    return failAll(error);
                }
            }
            outcomes[b].results.append(r);
        }
    }
    if (!commit()) {
        const QString error = m_error;
        rollback();
        return failAll(error);
    }
    for (OpsOutcome &o : outcomes) {
        o.ok = true;
        o.lastSeq = m_txSeq;
    }
    return outcomes;
}

OperationResult Store::applyOne(const Agent &by, const Operation &op, bool *dbError, bool *replayed)
{
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT result FROM applied_ops WHERE op_id = ?"));
        q.addBindValue(op.opId);
        if (!q.exec()) {
            fail(q.lastError().text());
            *dbError = true;
            return {};
        }
        if (q.next()) {
            OperationResult first;
            Json::fromJson(parseObject(q.value(0).toString()), &first, nullptr);
            first.opId = op.opId;
            *replayed = true;
            if (first.result == OpResult::Applied)
                first.result = OpResult::Duplicate;
            return first; // a rejection stays a rejection
        }
    }
    const std::optional<OpType> type = opTypeFromName(op.type);
    if (!type)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("type: unknown operation %1").arg(op.type) });
    if (*type == OpType::CreateTicket)
        return createTicket(by, op, dbError);

    std::optional<Ticket> current = ticket(op.ticketId);
    if (!current)
        return rejected(op, QStringLiteral("unknown-ticket"), { op.ticketId });
    if (op.baseVersion != current->version) {
        OperationResult r = result(op, OpResult::Conflict, OpResult::Conflict);
        r.hasTicket = true;
        r.ticket = *current;
        return r;
    }
    const PlanCatalog *plan = m_catalogs->plan(current->planId);
    if (!plan)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("the server has no plan %1").arg(current->planId) },
                        current);
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    if (!edit)
        return rejected(op, QStringLiteral("invalid-op"), { problem }, current);
    // What only the database knows; the edit's effect (and who may make it) is core's applyEdit.
    if (edit->type == OpType::Reply || edit->type == OpType::Note) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT 1 FROM messages WHERE id = ?"));
        q.addBindValue(edit->messageId);
        if (!q.exec()) {
            *dbError = true;
            fail(q.lastError().text());
            return {};
        }
        if (q.next())
            return rejected(op, QStringLiteral("invalid-op"),
                            { QStringLiteral("payload.message_id: message %1 exists")
                                      .arg(edit->messageId) },
                            current);
    }
    EditContext context;
    context.actor = by;
    context.at = m_now;
    context.plan = plan;
    context.findAgent = [this](const QString &id) { return agent(id); };
    EditOutcome outcome = applyEdit(*current, *edit, context);
    if (outcome.refused())
        return rejected(op, outcome.refusal, current);
    Ticket t = outcome.ticket;
    QVector<Message> &messages = outcome.messages;
    for (Message &m : messages) {
        if (m.id.isEmpty())
            m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    const RuleCheck &info = outcome.info;
    const std::optional<Reclassification> &severityChange = outcome.severityChange;

    ++t.version;
    const bool written = [&] {
        if (!writeTicket(t))
            return false;
        for (Message &m : messages) {
            if (!writeMessage(m))
                return false;
        }
        if (severityChange) {
            const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const qint64 seq = nextSeq();
            const QJsonObject record { { QStringLiteral("id"), id },
                                       { QStringLiteral("ticket_id"), t.id },
                                       { QStringLiteral("from"), severityChange->fromSeverity },
                                       { QStringLiteral("to"), severityChange->toSeverity },
                                       { QStringLiteral("reason"), severityChange->reason },
                                       { QStringLiteral("changed_by"), by.id },
                                       { QStringLiteral("changed_at"), Json::timestamp(m_now) },
                                       { QStringLiteral("seq"), seq } };
            if (!writeRecord(QStringLiteral("severity_change"), id, seq, record))
                return false;
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("INSERT INTO severity_changes (id, ticket_id, from_severity, "
                                     "to_severity, reason, changed_by, changed_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)"));
            for (const QString &v :
                 { id, t.id, severityChange->fromSeverity, severityChange->toSeverity,
                   severityChange->reason, by.id, Json::timestamp(m_now) })
                q.addBindValue(text(v));
            if (!q.exec())
                return fail(q.lastError().text());
        }
        return audit(by.id, op.type, t.id,
                     QJsonObject { { QStringLiteral("op_id"), op.opId },
                                   { QStringLiteral("payload"), op.payload },
                                   { QStringLiteral("version"), t.version } });
    }();
    if (!written) {
        *dbError = true;
        return {};
    }
    OperationResult r = result(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

OperationResult Store::createTicket(const Agent &by, const Operation &op, bool *dbError)
{
    if (const std::optional<Ticket> existing = ticket(op.ticketId))
        return rejected(op, QStringLiteral("ticket-exists"), { op.ticketId }, existing);
    QString problem;
    const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
    // The same ticket the client's preview shows, then the server's own plan, deadline and
    // number; the preview hints (plan, edition, deadline) are not the client's to decide.
    Ticket t = edit ? ticketFromCreate(op.ticketId, *edit, m_now) : Ticket();
    t.quotaOverrideReason.clear();
    t.updatedAt = {};
    const QString overrideReason = edit ? edit->quotaOverrideReason.trimmed() : QString();
    if (problem.isEmpty() && t.subject.isEmpty())
        problem = QStringLiteral("payload.subject: must not be empty");
    if (problem.isEmpty() && QUuid::fromString(t.id).isNull())
        problem = QStringLiteral("ticket_id: must be a UUID");
    if (!problem.isEmpty())
        return rejected(op, QStringLiteral("invalid-op"), { problem });
    const std::optional<Customer> customer = this->customer(t.customerId);
    if (!customer)
        return rejected(op, QStringLiteral("unknown-customer"), { t.customerId });
    const PlanCatalog *plan = m_catalogs->plan(customer->planId);
    if (!plan)
        return rejected(op, QStringLiteral("invalid-op"),
                        { QStringLiteral("the server has no plan %1").arg(customer->planId) });
    const PlanRules rules(*plan);
    t.planId = customer->planId;
    t.editionId = customer->editionId;
    if (!plan->severity(t.severity))
        return rejected(op, QStringLiteral("unknown-severity"), { t.severity });
    RuleCheck check = rules.checkChannel(t.editionId, t.channel);
    if (!check.allowed())
        return rejected(op, check);
    check = rules.checkSubClient(t.subClient);
    if (!check.allowed())
        return rejected(op, check);
    // A partner whose sub-client accounts are on file: the ticket must name one of them
    // (the same code, with the account given, so the client words it as the missing case).
    if (plan->subClientRequired() && !customer->subClients.isEmpty()
        && std::none_of(customer->subClients.cbegin(), customer->subClients.cend(),
                        [&t](const SubClient &s) { return s.account == t.subClient; }))
        return rejected(op, QStringLiteral("sub-client-required"), {t.subClient});

    QuotaUse use;
    if (const Edition *e = plan->edition(t.editionId))
        use.limit = e->monthlyQuota;
    if (use.limit) {
        // Only an edition with a quota counts its month: the count reads every ticket the
        // customer opened in it, which for a busy unlimited customer grows without bound.
        const QTimeZone zone(customer->timeZone.toUtf8());
        const MonthWindow month = rules.quotaMonth(m_now, zone);
        const std::optional<int> before = ticketsInWindow(t.customerId, month.start, month.end);
        if (!before) {
            *dbError = true;
            return {};
        }
        use.used = *before + 1;
    }
    check = rules.checkQuota(use, overrideReason);
    if (!check.allowed())
        return rejected(op, check);
    if (use.overQuota()) {
        t.flags.append(OverQuota);
        t.quotaOverrideReason = overrideReason;
    }
    RuleCheck info;
    if (!t.software.isEmpty()) {
        const ScopeCheck scope = rules.checkSoftware(t.software, t.softwareVersion);
        info = scope.check;
        t.software = scope.name; // the catalog's spelling, the version alone
        t.softwareVersion = scope.version;
        if (!info.allowed())
            t.flags.append(OutOfScope);
    }

    if (m_txNumber < 0) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_number'"))
            || !q.next()) {
            *dbError = true;
            fail(q.lastError().text());
            return {};
        }
        m_txNumber = q.value(0).toLongLong();
    }
    t.number = ++m_txNumber;
    t.status = TicketStatus::New;
    t.createdAt = m_now;
    t.dueAt = rules.deadline(t.editionId, t.severity, m_now);
    t.version = 1;
    if (!writeTicket(t)) {
        *dbError = true;
        return {};
    }
    if (use.overQuota()) {
        Message m;
        m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m.ticketId = t.id;
        m.kind = MessageKind::System;
        m.authorId = by.id;
        m.body = QStringLiteral("Taken over the monthly quota (%1 of %2): %3")
                     .arg(use.used)
                     .arg(use.limit.value_or(0))
                     .arg(overrideReason);
        m.event = QStringLiteral("over-quota");
        m.args = { QString::number(use.used), QString::number(use.limit.value_or(0)),
                   overrideReason };
        m.createdAt = m_now;
        if (!writeMessage(m)) {
            *dbError = true;
            return {};
        }
    }
    if (!audit(by.id, op.type, t.id,
               QJsonObject { { QStringLiteral("op_id"), op.opId },
                             { QStringLiteral("payload"), op.payload } })) {
        *dbError = true;
        return {};
    }
    OperationResult r = result(op, OpResult::Applied, info.code, info.args);
    r.hasTicket = true;
    r.ticket = t;
    return r;
}

std::optional<qint64> Store::putSettings(const Agent &by, const TeamSettings &settings)
{
    if (!begin())
        return std::nullopt;
    TeamSettings s = settings;
    s.atRiskFraction = std::clamp(s.atRiskFraction, 0.01, 0.99);
    s.seq = nextSeq();
    if (!writeRecord(QStringLiteral("settings"), QStringLiteral("team"), s.seq, Json::toJson(s))
        || !audit(by.id, QStringLiteral("put-settings"), QStringLiteral("team"), Json::toJson(s))
        || !commit()) {
        rollback();
        return std::nullopt;
    }
    return s.seq;
}

std::optional<qint64> Store::metaValue(const QString &key, qint64 initial)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO NOTHING"));
    q.addBindValue(key);
    q.addBindValue(initial);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    q.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.addBindValue(key);
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

std::optional<QString> Store::addAgent(Agent *agent, const QString &givenToken)
{
    if (agent->id.isEmpty())
        agent->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!begin())
        return std::nullopt;
    agent->seq = nextSeq();
    QString token = givenToken;
    if (token.isEmpty()) {
        QByteArray raw(32, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
        token = QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO agents (id, name, role, locale, token_hash) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "name = excluded.name, role = excluded.role, "
                             "locale = excluded.locale, token_hash = excluded.token_hash"));
    q.addBindValue(agent->id);
    q.addBindValue(text(agent->name));
    q.addBindValue(text(agent->role));
    q.addBindValue(text(agent->locale));
    q.addBindValue(hashToken(token));
    if (!q.exec()) {
        fail(q.lastError().text());
        rollback();
        return std::nullopt;
    }
    if (!writeRecord(QStringLiteral("agent"), agent->id, agent->seq, Json::toJson(*agent))
        || !audit(QStringLiteral("admin"), QStringLiteral("agent-add"), agent->id,
                  Json::toJson(*agent))
        || !commit()) {
        rollback();
        return std::nullopt;
    }
    return token;
}

std::optional<QString> Store::newToken(const QString &agentId)
{
    std::optional<Agent> a = agent(agentId);
    if (!a) {
        fail(QStringLiteral("no agent %1").arg(agentId));
        return std::nullopt;
    }
    return addAgent(&*a);
}

bool Store::putCustomer(const Customer &customer)
{
    if (!m_catalogs->plan(customer.planId)
        || !m_catalogs->plan(customer.planId)->edition(customer.editionId))
        return fail(QStringLiteral("customer %1: unknown plan or edition %2/%3")
                        .arg(customer.id, customer.planId, customer.editionId));
    if (!begin())
        return false;
    Customer c = customer;
    c.seq = nextSeq();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO customers (id, plan_id, edition_id, time_zone) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "plan_id = excluded.plan_id, edition_id = excluded.edition_id, "
                             "time_zone = excluded.time_zone"));
    q.addBindValue(c.id);
    q.addBindValue(text(c.planId));
    q.addBindValue(text(c.editionId));
    q.addBindValue(text(c.timeZone));
    if (!q.exec()) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    if (!writeRecord(QStringLiteral("customer"), c.id, c.seq, Json::toJson(c))
        || !audit(QStringLiteral("admin"), QStringLiteral("customer-put"), c.id, Json::toJson(c))
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

bool Store::importTickets(QVector<Ticket> *tickets, QVector<Message> *messages)
{
    if (!begin())
        return false;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_number'")) || !q.next()) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    m_txNumber = q.value(0).toLongLong();
    const QDateTime now = m_now;
    for (Ticket &t : *tickets) {
        if (t.number == 0)
            t.number = ++m_txNumber;
        if (t.version == 0)
            t.version = 1;
        m_now = t.updatedAt.isValid() ? t.updatedAt : t.createdAt;
        if (!writeTicket(t)) {
            rollback();
            return false;
        }
    }
    m_now = now;
    for (Message &m : *messages) {
        if (!writeMessage(m)) {
            rollback();
            return false;
        }
    }
    if (!commit()) {
        rollback();
        return false;
    }
    return true;
}

bool Store::hasSettings()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1 FROM records WHERE kind = 'settings'")) && q.next();
}

bool Store::hasCustomers()
{
    QSqlQuery q(m_db);
    return q.exec(QStringLiteral("SELECT 1 FROM customers LIMIT 1")) && q.next();
}

} // namespace SupportDesk::Server
