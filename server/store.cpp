// The server's database (see store.h): the connection, transactions on the sequence row and
// the writes every change makes (feed record, query columns, audit).
#include "store.h"
#include "storesql.h"

#include <QAtomicInteger>
#include <QSqlError>
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
