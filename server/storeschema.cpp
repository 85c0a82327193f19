// The store's schema and the steps that migrate a database to it (see store.h).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

namespace {

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

} // namespace SupportDesk::Server
