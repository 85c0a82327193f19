// The store's schema and the steps that migrate a database to it (see store.h).
#include "store.h"
#include "storesql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

namespace {

// The step after which the reply routes are backfilled from the mail and IM tables.
constexpr int ReplyRouteStep = 11;

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
        // 2 → 3: PostgreSQL keeps times as timestamptz (postgresMigrations()); SQLite has no
        // time type, and its ISO 8601 UTC text sorts as time.
        {},
        // 3 → 4: e-mail (docs/mail.md). Every inbound message, raw (base64) whatever became
        // of it; the address a ticket's replies go to; the outbox its sender works through;
        // the addresses customers write from.
        // Times are ISO 8601 UTC text on both databases ("" for none: sorts before any time).
        { QStringLiteral("CREATE TABLE mail_inbox (message_id TEXT PRIMARY KEY, "
                         "received_at TEXT NOT NULL, sender TEXT NOT NULL, "
                         "subject TEXT NOT NULL, outcome TEXT NOT NULL, ticket_id TEXT NOT NULL, "
                         "reason TEXT NOT NULL, attachments TEXT NOT NULL, raw TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX mail_inbox_outcome ON mail_inbox (outcome, received_at)"),
          QStringLiteral("CREATE TABLE mail_threads (ticket_id TEXT PRIMARY KEY, "
                         "address TEXT NOT NULL, locale TEXT NOT NULL, "
                         "root_message_id TEXT NOT NULL, last_message_id TEXT NOT NULL)"),
          QStringLiteral("CREATE TABLE mail_outbox (id TEXT PRIMARY KEY, "
                         "ticket_id TEXT NOT NULL, to_address TEXT NOT NULL, "
                         "subject TEXT NOT NULL, body TEXT NOT NULL, refs TEXT NOT NULL, "
                         "automatic INTEGER NOT NULL, created_at TEXT NOT NULL, "
                         "state TEXT NOT NULL, attempts INTEGER NOT NULL, "
                         "next_attempt_at TEXT NOT NULL, lease_until TEXT NOT NULL, "
                         "sent_at TEXT NOT NULL, last_error TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at)"),
          // Who may write for a customer: an address, or "@domain" for all of a domain.
          QStringLiteral("CREATE TABLE mail_senders (address TEXT PRIMARY KEY, "
                         "customer_id TEXT NOT NULL)") },
        // 4 → 5: PostgreSQL writes a group commit through one function (postgresMigrations());
        // nothing for SQLite.
        {},
        // 5 → 6: the customers a service account (a console) files tickets for; '*' is every
        // customer. No row: none (server/intakestore.cpp).
        { QStringLiteral("CREATE TABLE service_customers (agent_id TEXT NOT NULL, "
                         "customer_id TEXT NOT NULL, PRIMARY KEY (agent_id, customer_id))") },
        // 6 → 7: attachments of tickets; their bytes are kept by sha256, once however often
        // they are attached: SQLite in files beside the database, PostgreSQL in
        // attachment_blobs (postgresMigrations(); server/attachmentstore.cpp).
        { QStringLiteral("CREATE TABLE attachments (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, "
                         "sha256 TEXT NOT NULL, name TEXT NOT NULL, size BIGINT NOT NULL, "
                         "content_type TEXT NOT NULL, created_by TEXT NOT NULL, "
                         "created_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX attachments_ticket ON attachments (ticket_id)") },
        // 7 → 8: IM groups (server/imstore.cpp): the groups and their secrets, the messages
        // taken in (a message id once per group), the tickets a group opened, and the outbox
        // of replies to post back. Its times are ISO 8601 UTC text on both stores (one fixed
        // format, so text order is time order); no report reads them.
        { QStringLiteral("CREATE TABLE im_groups (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, "
                         "sub_client TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, "
                         "secret TEXT NOT NULL, outgoing_url TEXT NOT NULL)"),
          QStringLiteral("CREATE TABLE im_messages (group_id TEXT NOT NULL, message_id TEXT "
                         "NOT NULL, ticket_id TEXT NOT NULL, received_at TEXT NOT NULL, "
                         "PRIMARY KEY (group_id, message_id))"),
          QStringLiteral("CREATE TABLE im_group_tickets (ticket_id TEXT PRIMARY KEY, "
                         "group_id TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX im_group_tickets_group ON im_group_tickets (group_id)"),
          QStringLiteral("CREATE TABLE im_outbox (message_id TEXT PRIMARY KEY, group_id TEXT NOT "
                         "NULL, ticket_id TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER "
                         "NOT NULL, next_at TEXT NOT NULL, claimed_by TEXT NOT NULL, "
                         "claimed_until TEXT NOT NULL, sent_at TEXT NOT NULL, last_error TEXT "
                         "NOT NULL)"),
          QStringLiteral("CREATE INDEX im_outbox_due ON im_outbox (sent_at, next_at)") },
        // 8 → 9: a record only one account may read (an agent's own macro, docs/macros.md)
        // names it; '' is every desk account's. The feed leaves out the others' (storefeed.cpp).
        { QStringLiteral("ALTER TABLE records ADD COLUMN audience TEXT NOT NULL DEFAULT ''") },
        // 9 → 10: PostgreSQL's group write takes the sequence row itself, at the end of the
        // transaction (postgresMigrations(), groupWriteFunctions()); nothing for SQLite.
        {},
        // 10 → 11: an attachment names the message it came with (a reply's files go out as
        // parts of its mail; a customer's mail's files are its message's; docs/mail.md). ''
        // for those before: the ticket's, as the feed already has them.
        { QStringLiteral("ALTER TABLE attachments ADD COLUMN message_id TEXT NOT NULL "
                         "DEFAULT ''"),
          QStringLiteral("CREATE INDEX attachments_message ON attachments (message_id)") },
        // 11 → 12: tickets opened by mail or an IM group before their record said where the
        // replies go get their reply route, and what customers wrote its own message kind
        // (Store::backfillReplyRoutes, backfillCustomerMessages; ReplyRouteStep).
        {},
        // 12 → 13: IEM engagements and training sessions delivered (docs/service-use.md): the
        // record as the feed has it, by customer, for the year's count.
        { QStringLiteral("CREATE TABLE service_use (id TEXT PRIMARY KEY, "
                         "customer_id TEXT NOT NULL, data TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX service_use_customer ON service_use (customer_id)") },
        // 13 → 14: a lead's decision on a mail kept for triage (server/triagestore.cpp): filed
        // for a customer (its ticket, the sender address registered or '') or discarded as
        // spam or noise; who and when. The mail itself stays in mail_inbox.
        { QStringLiteral("CREATE TABLE mail_triage (message_id TEXT PRIMARY KEY, "
                         "decision TEXT NOT NULL, customer_id TEXT NOT NULL, "
                         "ticket_id TEXT NOT NULL, discard_reason TEXT NOT NULL, "
                         "address TEXT NOT NULL, decided_by TEXT NOT NULL, "
                         "decided_at TEXT NOT NULL)"),
          QStringLiteral("CREATE INDEX mail_triage_decision ON mail_triage (decision, "
                         "decided_at)") },
    };
    return steps;
}

// PostgreSQL: the writes of a group commit in one call (Store::commit()): one statement per
// table over the rows the group wrote, instead of one INSERT per row, each parsed and planned
// on its own. `g` holds, per table, an array of rows (each an array of the columns in the
// order below), and `seq` / `number`, the sequence and ticket number the group ends at. A
// record or ticket written twice in a group (an op on a ticket created in the same group) is
// written once, as it was last: ON CONFLICT cannot touch one row twice in one statement.
// PL/pgSQL plans each statement once per connection.
//
// Schema 10: supportdesk_write_group() takes the sequence row at the end of the transaction
// (Store::begin() with lockSequence false). The group was applied without the lock, so its
// rows carry placeholders — Store::Placeholder + k for the k-th sequence and the k-th new
// ticket number — which it turns into the sequence it now holds: the seq columns, the ticket
// numbers, and `"seq":` / `"number":` in the records' and results' JSON
// (supportdesk_fill()). First it checks that what the group read without the lock still
// holds: every record it read (`expect`: kind, id, seq or null for none) and every quota
// count (`quota`: customer, from, to, count); if not, it raises and the group is applied again
// the old way, with the row taken first. base_seq and base_number are where the group's
// placeholders start (null in the old way, where `seq` / `number` are the ends themselves).
// An old process still calling it (a rolling upgrade) sends no `late` and gets what it had.
// Steps 4 → 5 and 9 → 10 both create this, the latest definition (the function is dropped
// first: its result changed at 10, which CREATE OR REPLACE cannot do).
QStringList groupWriteFunctions()
{
    return { QStringLiteral(R"SQL(
CREATE OR REPLACE FUNCTION supportdesk_fill(t text, base_seq bigint, base_number bigint)
RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
    m text[];
BEGIN
    FOR m IN SELECT DISTINCT regexp_matches(t, '"(seq|number)":(4[0-9]{15})(?![0-9])', 'g')
    LOOP
        t := replace(t, '"' || m[1] || '":' || m[2], '"' || m[1] || '":'
            || (CASE WHEN m[1] = 'seq' THEN base_seq ELSE base_number END)
               + m[2]::bigint - 4000000000000000);
    END LOOP;
    RETURN t;
END
$fn$)SQL"),
             QStringLiteral("DROP FUNCTION IF EXISTS supportdesk_write_group(jsonb)"),
             QStringLiteral(R"SQL(
CREATE FUNCTION supportdesk_write_group(g jsonb, OUT base_seq bigint, OUT base_number bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
    late constant boolean := g ? 'late';
    p constant bigint := 4000000000000000;
BEGIN
    IF late THEN
        PERFORM 1 FROM meta WHERE key IN ('last_seq', 'last_number') FOR UPDATE;
        SELECT value INTO base_seq FROM meta WHERE key = 'last_seq';
        SELECT value INTO base_number FROM meta WHERE key = 'last_number';
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(g->'expect') AS e(r)
                   LEFT JOIN records x ON x.kind = r->>0 AND x.id = r->>1
                   WHERE x.seq IS DISTINCT FROM (r->>2)::bigint)
           OR EXISTS (SELECT 1 FROM jsonb_array_elements(g->'quota') AS e(r)
                      WHERE (SELECT count(*) FROM tickets t WHERE t.customer_id = r->>0
                             AND t.created_at >= (r->>1)::timestamptz
                             AND t.created_at < (r->>2)::timestamptz) <> (r->>3)::bigint) THEN
            RAISE EXCEPTION 'supportdesk: stale read' USING ERRCODE = 'serialization_failure';
        END IF;
    END IF;

    INSERT INTO records (kind, id, seq, data)
    SELECT DISTINCT ON (r->>0, r->>1) r->>0, r->>1,
           CASE WHEN (r->>2)::bigint >= p THEN base_seq + (r->>2)::bigint - p
                ELSE (r->>2)::bigint END,
           CASE WHEN late THEN supportdesk_fill(r->>3, base_seq, base_number) ELSE r->>3 END
    FROM jsonb_array_elements(g->'records') WITH ORDINALITY AS e(r, n)
    ORDER BY r->>0, r->>1, n DESC
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq, data = excluded.data;

    INSERT INTO tickets (id, number, customer_id, status, severity, plan_id, edition_id,
                         assignee_id, created_at, first_response_at, due_at, version)
    SELECT DISTINCT ON (r->>0) r->>0,
           CASE WHEN (r->>1)::bigint >= p THEN base_number + (r->>1)::bigint - p
                ELSE (r->>1)::bigint END,
           r->>2, r->>3, r->>4, r->>5, r->>6,
           r->>7, (r->>8)::timestamptz, (r->>9)::timestamptz, (r->>10)::timestamptz,
           (r->>11)::bigint
    FROM jsonb_array_elements(g->'tickets') WITH ORDINALITY AS e(r, n)
    ORDER BY r->>0, n DESC
    ON CONFLICT (id) DO UPDATE SET status = excluded.status, severity = excluded.severity,
        assignee_id = excluded.assignee_id, first_response_at = excluded.first_response_at,
        due_at = excluded.due_at, version = excluded.version;

    INSERT INTO messages (id, ticket_id, kind, author_id, created_at)
    SELECT r->>0, r->>1, r->>2, r->>3, (r->>4)::timestamptz
    FROM jsonb_array_elements(g->'messages') AS e(r);

    INSERT INTO severity_changes (id, ticket_id, from_severity, to_severity, reason,
                                  changed_by, changed_at)
    SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, (r->>6)::timestamptz
    FROM jsonb_array_elements(g->'severity_changes') AS e(r);

    INSERT INTO audit (id, at, actor, action, target, detail)
    SELECT r->>0, (r->>1)::timestamptz, r->>2, r->>3, r->>4, r->>5
    FROM jsonb_array_elements(g->'audit') AS e(r);

    INSERT INTO applied_ops (op_id, agent_id, result, applied_at)
    SELECT r->>0, r->>1,
           CASE WHEN late THEN supportdesk_fill(r->>2, base_seq, base_number) ELSE r->>2 END,
           (r->>3)::timestamptz
    FROM jsonb_array_elements(g->'applied_ops') AS e(r);

    IF late THEN
        IF (g->>'numbers')::bigint > 0 THEN
            UPDATE meta SET value = base_number + (g->>'numbers')::bigint
            WHERE key = 'last_number';
        END IF;
        IF (g->>'seqs')::bigint > 0 THEN
            UPDATE meta SET value = base_seq + (g->>'seqs')::bigint WHERE key = 'last_seq';
            PERFORM pg_notify('supportdesk_changes', (base_seq + (g->>'seqs')::bigint)::text);
        END IF;
        RETURN;
    END IF;
    IF g ? 'number' THEN
        UPDATE meta SET value = (g->>'number')::bigint WHERE key = 'last_number';
    END IF;
    IF g ? 'seq' THEN
        UPDATE meta SET value = (g->>'seq')::bigint WHERE key = 'last_seq';
        PERFORM pg_notify('supportdesk_changes', g->>'seq');
    END IF;
END
$fn$)SQL") };
}

// Statements a step runs on PostgreSQL only, after the common ones.
QStringList postgresMigrations(int fromVersion)
{
    if (fromVersion == 4 || fromVersion == 9)
        return groupWriteFunctions();
    if (fromVersion == 6)
        return { QStringLiteral("ALTER TABLE attachments ALTER COLUMN created_at TYPE timestamptz "
                                "USING created_at::timestamptz"),
                 QStringLiteral("CREATE TABLE attachment_blobs (sha256 TEXT PRIMARY KEY, "
                                "data BYTEA NOT NULL)") };
    if (fromVersion != 2)
        return {};
    // Every time column: text in ISO 8601 UTC before (an empty text stood for none).
    const auto retype = [](const char *table, std::initializer_list<const char *> columns) {
        QStringList alters;
        for (const char *c : columns)
            alters << QStringLiteral("ALTER COLUMN %1 TYPE timestamptz USING "
                                     "NULLIF(%1, '')::timestamptz")
                              .arg(QLatin1String(c));
        return QStringLiteral("ALTER TABLE %1 %2")
                .arg(QLatin1String(table), alters.join(QStringLiteral(", ")));
    };
    return { retype("tickets", { "created_at", "first_response_at", "due_at" }),
             retype("messages", { "created_at" }),
             retype("severity_changes", { "changed_at" }),
             retype("applied_ops", { "applied_at" }),
             retype("audit", { "at" }),
             retype("documents", { "loaded_at" }) };
}

} // namespace

bool Store::migrate(QString *error, const std::function<bool()> &thenUnderLock)
{
    // Server processes starting together on one PostgreSQL database: one migrates, the others
    // wait here and then find the schema current (CREATE TABLE IF NOT EXISTS alone races: two
    // sessions both pass the check, one fails on the catalog's unique index). The lock is the
    // session's, so a process that dies holding it releases it.
    if (m_postgres && !exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(MigrationLock))) {
        *error = m_error;
        return false;
    }
    bool ok = migrateSteps(error);
    if (ok && thenUnderLock && !thenUnderLock()) {
        *error = m_error;
        ok = false;
    }
    if (m_postgres)
        exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(MigrationLock));
    return ok;
}

bool Store::migrateSteps(QString *error)
{
    if (!exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))) {
        *error = m_error;
        return false;
    }
    for (;;) {
        // SQLite: the write lock first, and the version read under it, so two processes
        // cannot both run the same step.
        if (!exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE"))) {
            *error = m_error;
            return false;
        }
        int version = 0;
        {
            QSqlQuery q(m_db);
            if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
                *error = q.lastError().text();
                q.finish();
                exec(QStringLiteral("ROLLBACK"));
                return false;
            }
            if (q.next())
                version = q.value(0).toInt();
        }
        if (version > SchemaVersion) {
            *error = QStringLiteral(
                             "the database has schema version %1; this server knows up to %2")
                             .arg(version)
                             .arg(SchemaVersion);
            exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        if (version == SchemaVersion)
            return exec(QStringLiteral("COMMIT")) || (*error = m_error, false);
        bool ok = true;
        QStringList statements = migrations().at(version);
        if (m_postgres)
            statements += postgresMigrations(version);
        for (const QString &sql : std::as_const(statements)) {
            if (!(ok = exec(sql)))
                break;
        }
        if (ok && version == ReplyRouteStep)
            ok = backfillReplyRoutes() && backfillCustomerMessages();
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
}

} // namespace SupportDesk::Server
