// The server's database (see store.h): the connection, transactions on the sequence row and
// the writes every change makes (feed record, query columns, audit).
#include "store.h"
#include "storesql.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

QAtomicInteger<int> g_connections;

} // namespace

Store::~Store()
{
    // Before the connection goes (the commit watch's two were left to outlive it).
    m_maxSeqQuery.reset();
    m_dataVersionQuery.reset();
    m_mailHeadQuery.reset();
    m_prepared.clear();
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
        store->m_groupFunction = qgetenv("SUPPORTDESK_PG_GROUP_WRITE") != "statements";
        // The row at BEGIN: on an idle machine the wait for it inside the function cost the
        // commit more than the shorter begin saved (docs/server.md, the idle runs); `end`
        // keeps the other way, to measure the two against each other.
        store->m_lateSequence
            = store->m_groupFunction && qgetenv("SUPPORTDESK_PG_SEQUENCE_LOCK") == "end";
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
        // timestamptz values read back (reports) come in UTC, whatever the server's zone.
        store->exec(QStringLiteral("SET TIME ZONE 'UTC'"));
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

bool Store::begin(const QString &lookup, const std::function<void(QSqlQuery &)> &readLookup,
                  bool *lookupFailed, bool lockSequence)
{
    m_now = m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
    m_tx = TxState();
    if (m_postgres && m_groupFunction && !lockSequence) {
        // The row is taken by supportdesk_write_group() at the end, so this group's lookups
        // and rules run while another process's group commits (the two were serial on it).
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("BEGIN;\n")
                    + (lookup.isEmpty() ? QStringLiteral("SELECT 1") : lookup))
            || !q.nextResult() || q.lastError().isValid()) {
            fail(q.lastError().text());
            rollback();
            if (lookupFailed)
                *lookupFailed = true;
            return false;
        }
        m_txSeq = m_txFirstSeq = m_txNumber = m_txFirstNumber = Placeholder;
        m_tx.open = true;
        m_tx.late = true;
        if (readLookup && !lookup.isEmpty())
            readLookup(q);
        return true;
    }
    // One writer at a time, on the sequence row: sequences are handed out in commit order, so
    // a reader never sees seq N+1 committed before N.
    const QString lock
        = QStringLiteral("SELECT key, value FROM meta WHERE key IN ('last_seq', 'last_number')");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    bool ok = false;
    if (m_postgres) {
        // BEGIN, the lock and the group's lookup in one round trip: each round trip made
        // while holding the lock is one every other process's writer waits for too.
        ok = q.exec(QStringLiteral("BEGIN;\n") + lock + QStringLiteral(" FOR UPDATE")
                    + (lookup.isEmpty() ? QString() : QStringLiteral(";\n") + lookup))
            && q.nextResult() && !q.lastError().isValid();
    } else {
        ok = exec(QStringLiteral("BEGIN IMMEDIATE")) && q.exec(lock);
    }
    if (!ok) {
        fail(q.lastError().isValid() ? q.lastError().text() : m_error);
        rollback();
        return false;
    }
    bool seqFound = false;
    while (q.next()) {
        if (q.value(0).toString() == u"last_seq") {
            m_txSeq = q.value(1).toLongLong();
            seqFound = true;
        } else {
            m_txNumber = q.value(1).toLongLong();
        }
    }
    if (!seqFound) {
        fail(QStringLiteral("meta has no last_seq"));
        rollback();
        return false;
    }
    if (m_postgres && !lookup.isEmpty()) {
        if (!q.nextResult() || q.lastError().isValid()) {
            fail(q.lastError().text());
            rollback();
            if (lookupFailed)
                *lookupFailed = true;
            return false;
        }
        if (readLookup)
            readLookup(q);
    }
    m_txFirstSeq = m_txSeq;
    m_txFirstNumber = m_txNumber;
    m_tx.open = true;
    return true;
}
bool Store::commit()
{
    const QString setSeq
        = QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'last_seq'").arg(m_txSeq);
    const QString setNumber
        = QStringLiteral("UPDATE meta SET value = %1 WHERE key = 'last_number'").arg(m_txNumber);
    if (!m_postgres) {
        m_tx.open = false;
        return exec(setSeq) && (m_txNumber == m_txFirstNumber || exec(setNumber))
            && exec(QStringLiteral("COMMIT"));
    }
    // PostgreSQL: the transaction's writes, the sequence, the notification and COMMIT go in
    // one round trip. Every server process on this database listens (ChangeListener): the
    // notification is delivered at COMMIT, in commit order, never for a rollback.
    QStringList statements = std::move(m_tx.pending);
    m_tx.pending.clear();
    m_tx.open = false;
    if (m_tx.late)
        return commitLate(statements);
    if (m_groupFunction) {
        // The rows, the sequence, the ticket number and the notification in one call.
        QJsonObject group;
        for (auto it = m_tx.rows.cbegin(); it != m_tx.rows.cend(); ++it)
            group.insert(QLatin1String(it.key()), it.value());
        if (m_txSeq != m_txFirstSeq)
            group.insert(QStringLiteral("seq"), QString::number(m_txSeq));
        if (m_txNumber != m_txFirstNumber)
            group.insert(QStringLiteral("number"), QString::number(m_txNumber));
        m_tx.rows.clear();
        if (!group.isEmpty())
            statements << QStringLiteral("SELECT supportdesk_write_group(%1)")
                              .arg(literal(compact(group)));
    } else {
        if (m_txSeq != m_txFirstSeq) {
            statements << setSeq
                       << QStringLiteral("SELECT pg_notify('%1', '%2')")
                              .arg(QLatin1String(ChangesChannel))
                              .arg(m_txSeq);
        }
        if (m_txNumber != m_txFirstNumber)
            statements << setNumber;
    }
    statements << QStringLiteral("COMMIT");
    // Qt's PostgreSQL driver reports only the first statement's result from exec(): a later
    // statement that fails (PostgreSQL then skips the rest, COMMIT included) shows only when
    // its result is read. Every result is read, or a failed write would be answered as stored.
    QSqlQuery q(m_db);
    bool ok = q.exec(statements.join(QStringLiteral(";\n")));
    while (ok && q.nextResult()) {
    }
    if (!ok || q.lastError().isValid())
        return fail(q.lastError().text());
    return true;
}
bool Store::commitLate(const QStringList &statements)
{
    // A statement outside the function (a reply's mail, an agent's own macro) was built with
    // placeholders in it only if it names this group's sequences or numbers: those need the
    // row first (a false alarm, a body that happens to hold the digits, costs only that).
    const QString marker = QString::number(Placeholder).left(12);
    for (const QString &s : statements) {
        if (s.contains(marker))
            return fail(QStringLiteral("a statement outside the group function names a "
                                       "sequence: the group is applied with the row taken first"));
    }
    QJsonObject group;
    for (auto it = m_tx.rows.cbegin(); it != m_tx.rows.cend(); ++it)
        group.insert(QLatin1String(it.key()), it.value());
    m_tx.rows.clear();
    const qint64 seqs = m_txSeq - m_txFirstSeq;
    const qint64 numbers = m_txNumber - m_txFirstNumber;
    const bool call = !group.isEmpty() || seqs > 0 || numbers > 0;
    QStringList sql;
    if (call) {
        group.insert(QStringLiteral("late"), true);
        group.insert(QStringLiteral("seqs"), QString::number(seqs));
        group.insert(QStringLiteral("numbers"), QString::number(numbers));
        group.insert(QStringLiteral("expect"), m_tx.expect);
        group.insert(QStringLiteral("quota"), m_tx.quota);
        sql << QStringLiteral("SELECT base_seq, base_number FROM supportdesk_write_group(%1)")
                   .arg(literal(compact(group)));
    }
    // After the function: every row lock this transaction takes comes after the sequence row,
    // as in a transaction that takes the row first, so the two kinds cannot deadlock.
    sql << statements << QStringLiteral("COMMIT");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    bool ok = q.exec(sql.join(QStringLiteral(";\n")));
    if (ok && call) {
        ok = q.next() && !q.lastError().isValid();
        if (ok) {
            m_txBaseSeq = q.value(0).toLongLong();
            m_txBaseNumber = q.value(1).toLongLong();
        }
    }
    while (ok && q.nextResult()) { }
    if (!ok || q.lastError().isValid())
        return fail(q.lastError().isValid() ? q.lastError().text()
                                            : QStringLiteral("the group write returned nothing"));
    if (!call) // nothing written: no sequence taken
        m_txBaseSeq = m_txBaseNumber = 0;
    m_txSeq = filledSeq(m_txSeq);
    m_txNumber = filledNumber(m_txNumber);
    return true;
}

void Store::rollback()
{
    m_tx = TxState();
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK"));
}

QSqlQuery &Store::prepared(const QString &sql)
{
    std::unique_ptr<QSqlQuery> &q = m_prepared[sql];
    if (!q) {
        q = std::make_unique<QSqlQuery>(m_db);
        q->setForwardOnly(true);
        q->prepare(sql);
    }
    return *q;
}

QString Store::literal(const QVariant &value) const
{
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    return m_db.driver()->formatValue(field);
}

bool Store::write(const QString &sql, const QVariantList &values, const char *groupTable)
{
    if (m_postgres && m_tx.open && m_groupFunction && groupTable) {
        QJsonArray row;
        for (const QVariant &v : values) {
            if (v.isNull())
                row.append(QJsonValue::Null);
            else if (v.metaType() == QMetaType::fromType<QString>())
                row.append(v.toString());
            else // the integer columns: seq, number, version
                row.append(QString::number(v.toLongLong()));
        }
        m_tx.rows[groupTable].append(row);
        return true;
    }
    if (m_postgres && m_tx.open) {
        // Sent with COMMIT (see commit()). The driver quotes the values as it does for its own
        // prepared statements, which it executes with literal parameters too.
        QString statement;
        statement.reserve(sql.size() + 64 * values.size());
        qsizetype next = 0;
        for (const QChar c : sql) {
            if (c == u'?' && next < values.size())
                statement += literal(values.at(next++));
            else
                statement += c;
        }
        m_tx.pending.append(statement);
        return true;
    }
    QSqlQuery &q = prepared(sql);
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values.at(i));
    const bool ok = q.exec();
    if (!ok)
        fail(q.lastError().text());
    q.finish();
    return ok;
}
bool Store::writeRecord(const QString &kind, const QString &id, qint64 seq, const QJsonObject &data,
                        const QString &audience)
{
    const QString text = compact(data);
    if (m_tx.open)
        m_tx.records.insert(recordKey(kind, id), text);
    // Not through supportdesk_write_group(), which writes no audience (it defaults to every
    // account's): such records are rare (an agent's own macros).
    if (!audience.isEmpty())
        return write(QStringLiteral("INSERT INTO records (kind, id, seq, data, audience) "
                                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET "
                                    "seq = excluded.seq, data = excluded.data, "
                                    "audience = excluded.audience"),
                     { kind, id, seq, text, audience });
    return write(QStringLiteral("INSERT INTO records (kind, id, seq, data) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq, "
                                "data = excluded.data"),
                 { kind, id, seq, text }, "records");
}
bool Store::writeTicket(Ticket &t)
{
    t.seq = nextSeq();
    t.updatedAt = m_now;
    const QJsonObject json = Json::toJson(t);
    if (m_tx.open)
        m_tx.ticketJson.insert(t.id, json);
    if (!writeRecord(QStringLiteral("ticket"), t.id, t.seq, json))
        return false;
    const QVariant none(QMetaType::fromType<QString>());
    return write(
        QStringLiteral("INSERT INTO tickets (id, number, customer_id, status, severity, plan_id, "
                       "edition_id, assignee_id, created_at, first_response_at, due_at, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                       "status = excluded.status, severity = excluded.severity, "
                       "assignee_id = excluded.assignee_id, "
                       "first_response_at = excluded.first_response_at, "
                       "due_at = excluded.due_at, version = excluded.version"),
        { t.id, t.number, text(t.customerId), text(t.status), text(t.severity), text(t.planId),
          text(t.editionId), text(t.assigneeId), Json::timestamp(t.createdAt),
          t.firstResponseAt.isValid() ? QVariant(Json::timestamp(t.firstResponseAt)) : none,
          t.dueAt.isValid() ? QVariant(Json::timestamp(t.dueAt)) : none, t.version },
        "tickets");
}
bool Store::writeMessage(Message &m)
{
    m.seq = nextSeq();
    if (!writeRecord(QStringLiteral("message"), m.id, m.seq, Json::toJson(m)))
        return false;
    if (m_tx.open)
        m_tx.messages.insert(m.id);
    return write(
        QStringLiteral("INSERT INTO messages (id, ticket_id, kind, author_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        { m.id, text(m.ticketId), text(m.kind), text(m.authorId), Json::timestamp(m.createdAt) },
        "messages");
}
bool Store::audit(const QString &actor, const QString &action, const QString &target,
                  const QJsonObject &detail)
{
    return write(QStringLiteral("INSERT INTO audit (id, at, actor, action, target, detail) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 { QUuid::createUuid().toString(QUuid::WithoutBraces), Json::timestamp(m_now),
                   text(actor), text(action), text(target), compact(detail) },
                 "audit");
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

qint64 Store::lastSeq()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace SupportDesk::Server
