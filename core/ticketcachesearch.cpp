// Full-text search over the cache: the FTS5 trigram index, its backfill, and queries.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "tag.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QPair>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cstring>

#include <sys/stat.h>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

// The search file's state, read on this connection (where it is attached as `search`).
static QString searchState(const QString &connectionName, const char *key)
{
    QSqlQuery q(QSqlDatabase::database(connectionName, false));
    q.prepare(QStringLiteral("SELECT value FROM search.search_state WHERE key = ?"));
    q.addBindValue(QLatin1String(key));
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

bool TicketCache::attachSearch()
{
    const QString file = SearchIndex::pathFor(m_path);
    for (int attempt = 0; attempt < 2; ++attempt) {
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        q.prepare(QStringLiteral("ATTACH DATABASE ? AS search"));
        q.addBindValue(file);
        const bool attached = q.exec();
        // Not a database (ATTACH reads its header), or damaged: the index is only derived
        // data, so it is made again and backfilled rather than failing the cache. Any other
        // failure (the file locked past the busy timeout) leaves the file alone.
        QString error = q.lastError().text();
        q.finish();
        bool damaged = !attached;
        if (attached) {
            if (prepareSearchFile())
                return true;
            error = m_error;
            exec(QStringLiteral("ROLLBACK"));
            damaged = true;
            if (q.exec(QStringLiteral("PRAGMA search.quick_check(1)")) && q.next())
                damaged = q.value(0).toString() != u"ok";
            q.finish();
            exec(QStringLiteral("DETACH DATABASE search"));
        }
        m_error = tr("cannot open the search index %1: %2").arg(file, error);
        if (!damaged)
            return false;
        qWarning("The search index %s is made again: %s", qPrintable(file), qPrintable(error));
        if (file == QLatin1String(":memory:"))
            break;
        for (const QString &part : SearchIndex::filesOf(m_path).mid(3))
            QFile::remove(part);
    }
    return false;
}

// Makes the attached file this cache's index: its tables, and — when it is another cache's,
// new, or ahead of the cache (an older copy of the cache put back) — emptied, marked complete
// to nothing (-1) unless the cache has no ticket, so the backfill fills it. A file behind the
// cache (a crash between the two files' commits, or the writer's last pages) stays: the
// backfill indexes what changed past its complete_to.
bool TicketCache::prepareSearchFile()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("SELECT count(*) FROM search.sqlite_master")) || !q.next())
        return fail(q.lastError().text());
    q.finish();
    const bool inMemory = SearchIndex::pathFor(m_path) == QLatin1String(":memory:");
    // Its own commits need not be durable (what a power cut takes is written again), and the
    // cache's edits are not slowed by a second fsync.
    if ((!inMemory && !exec(QStringLiteral("PRAGMA search.journal_mode = WAL")))
        || !exec(QStringLiteral("PRAGMA search.synchronous = NORMAL"))) {
        return false;
    }
    // The usual case, read only: the sync thread attaches the file again after the initial
    // sync while the writer may still be in a transaction there, and must not wait for it.
    const QString cacheId = syncValue(QLatin1String(SearchIndex::CacheIdKey));
    const auto isThisCaches = [&] {
        const QString completeTo = searchState(m_connectionName, SearchIndex::CompleteToKey);
        return !cacheId.isEmpty()
                && searchState(m_connectionName, SearchIndex::CacheIdKey) == cacheId
                && !completeTo.isEmpty() && completeTo.toLongLong() <= lastSeq();
    };
    QSqlQuery tables(QSqlDatabase::database(m_connectionName, false));
    if (tables.exec(QStringLiteral("SELECT count(*) FROM search.sqlite_master WHERE name IN "
                                   "('ticket_search', 'search_state')"))
        && tables.next() && tables.value(0).toInt() == 2) {
        tables.finish();
        if (isThisCaches())
            return true;
    }
    tables.finish();
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    static const QString createIndex = QStringLiteral(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search.ticket_search USING fts5(subject, body, "
            "customer, tokenize = 'trigram')");
    if (!exec(createIndex)
        || !exec(QStringLiteral("CREATE TABLE IF NOT EXISTS search.search_state (key TEXT "
                                "PRIMARY KEY, value)"))) {
        return false;
    }
    const qint64 seq = lastSeq();
    if (!isThisCaches()) {
        bool anyTicket = true;
        if (q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM main.tickets)")) && q.next())
            anyTicket = q.value(0).toBool();
        q.finish();
        QSqlQuery state(QSqlDatabase::database(m_connectionName, false));
        state.prepare(QStringLiteral("INSERT INTO search.search_state (key, value) VALUES "
                                     "(?, ?), (?, ?)"));
        state.addBindValue(QLatin1String(SearchIndex::CacheIdKey));
        state.addBindValue(cacheId);
        state.addBindValue(QLatin1String(SearchIndex::CompleteToKey));
        state.addBindValue(anyTicket ? qint64(-1) : seq);
        // Dropped and made again: deleting the rows of an FTS5 table one by one would
        // tokenize every old text again.
        if (!exec(QStringLiteral("DROP TABLE search.ticket_search")) || !exec(createIndex)
            || !exec(QStringLiteral("DELETE FROM search.search_state")) || !state.exec()) {
            if (state.lastError().isValid())
                fail(state.lastError().text());
            return false;
        }
    }
    return exec(QStringLiteral("COMMIT"));
}

void TicketCache::finalizeSearchStatements()
{
    for (Statement id : {Statement::WriteSearch, Statement::DeleteSearch,
                         Statement::AdvanceSearch}) {
        sqlite3_finalize(m_statements[size_t(id)]);
        m_statements[size_t(id)] = nullptr;
    }
}

bool TicketCache::setSearchWriter(SearchWriter *writer)
{
    if (writer == m_searchWriter)
        return true;
    if (!writer) {
        m_searchWriter = nullptr;
        m_handOff.clear();
        return attachSearch();
    }
    if (SearchIndex::pathFor(m_path) == QLatin1String(":memory:") || m_searchWriter)
        return false;
    // A BEGIN IMMEDIATE takes the write lock of every attached file: attached, each page's
    // transaction here would hold the writer off the search file for its whole length.
    finalizeSearchStatements();
    if (!exec(QStringLiteral("DETACH DATABASE search")))
        return false;
    m_searchWriter = writer;
    return true;
}

SearchEntry TicketCache::searchEntry(qint64 rowid, const Ticket &t)
{
    // The customer's name, then the ticket's tags: a word of the search box finds either.
    QString customer = customerName(t.customerId);
    if (!t.tags.isEmpty())
        customer += u' ' + t.tags.join(u' ');
    return {rowid, t.subject, t.body, customer};
}

bool TicketCache::writeSearchEntry(const SearchEntry &entry)
{
    if (m_searchWriter) {
        m_handOff.append(entry);
        return true;
    }
    sqlite3_stmt *q = entry.remove ? statement(Statement::DeleteSearch, SearchIndex::DeleteSql)
                                   : statement(Statement::WriteSearch, SearchIndex::InsertSql);
    if (!q)
        return false;
    if (SearchIndex::bind(q, entry) != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    return run(q);
}

bool TicketCache::deleteSearchEntry(qint64 rowid)
{
    SearchEntry gone;
    gone.rowid = rowid;
    gone.remove = true;
    return writeSearchEntry(gone);
}

bool TicketCache::advanceSearch(qint64 after, qint64 to)
{
    if (m_searchWriter) {
        m_handOffAfter = after;
        m_handOffTo = to;
        return true;
    }
    sqlite3_stmt *q = statement(Statement::AdvanceSearch, SearchIndex::AdvanceSql);
    if (!q)
        return false;
    if (sqlite3_bind_int64(q, 1, after) != SQLITE_OK || sqlite3_bind_int64(q, 2, to) != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    return run(q);
}

void TicketCache::handOffSearchEntries()
{
    if (m_searchWriter && (!m_handOff.isEmpty() || m_handOffTo != -2))
        m_searchWriter->add(std::exchange(m_handOff, {}), m_handOffAfter, m_handOffTo);
    m_handOff.clear();
    m_handOffAfter = m_handOffTo = -2;
}

// The backfill: the tickets changed past the search file's complete_to (all of them for a
// new file, -1), and those with unsent edits, in slices by rowid. Progress is kept in the
// search file (backfill_from/_after), so a restart goes on where it stopped. Pages written
// meanwhile index their own tickets, so once the pass ends the index is complete to the
// cache's last_seq.
int TicketCache::buildSearchIndex(int maxRows)
{
    if (m_searchWriter) {
        fail(tr("the search index is being written by the initial sync"));
        return -1;
    }
    Transaction tx(this);
    if (!tx.isActive())
        return -1;
    const qint64 seq = lastSeq();
    const QString running = searchState(m_connectionName, "backfill_from");
    qint64 from = running.toLongLong();
    qint64 after = searchState(m_connectionName, "backfill_after").toLongLong();
    if (running.isEmpty()) {
        const QString completeTo = searchState(m_connectionName, SearchIndex::CompleteToKey);
        if (completeTo.isEmpty()) {
            fail(tr("the search index has no state"));
            return -1;
        }
        from = completeTo.toLongLong();
        if (from >= seq)
            return tx.commit() ? 0 : -1;
        after = 0;
    }
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid, data FROM main.tickets WHERE rowid > ? AND "
                             "(seq > ? OR pending != 0) ORDER BY rowid LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(from);
    q.addBindValue(maxRows);
    if (!q.exec()) {
        fail(q.lastError().text());
        return -1;
    }
    int done = 0;
    QVector<std::pair<qint64, Ticket>> batch;
    while (q.next()) {
        after = q.value(0).toLongLong();
        if (const auto t = decodeTicket(q.value(1)))
            batch.append({after, *t});
        ++done;
    }
    q.finish();
    for (const auto &[rowid, ticket] : std::as_const(batch)) {
        if (!writeSearchEntry(searchEntry(rowid, ticket)))
            return -1;
    }
    const bool complete = done < maxRows;
    QSqlQuery state(QSqlDatabase::database(m_connectionName, false));
    if (complete) {
        state.prepare(QStringLiteral("UPDATE search.search_state SET value = ? WHERE key = ?"));
        state.addBindValue(seq);
        state.addBindValue(QLatin1String(SearchIndex::CompleteToKey));
        if (!state.exec()
            || !state.exec(QStringLiteral("DELETE FROM search.search_state WHERE key IN "
                                          "('backfill_from', 'backfill_after')"))) {
            fail(state.lastError().text());
            return -1;
        }
    } else {
        state.prepare(QStringLiteral("INSERT OR REPLACE INTO search.search_state (key, value) "
                                     "VALUES ('backfill_from', ?), ('backfill_after', ?)"));
        state.addBindValue(from);
        state.addBindValue(after);
        if (!state.exec()) {
            fail(state.lastError().text());
            return -1;
        }
    }
    if (!tx.commit())
        return -1;
    return complete ? 0 : 1;
}

bool TicketCache::searchIndexComplete() const
{
    if (m_searchWriter)
        return false; // the initial sync's writer has it, behind the cache
    const QString completeTo = searchState(m_connectionName, SearchIndex::CompleteToKey);
    return !completeTo.isEmpty() && completeTo.toLongLong() >= lastSeq()
            && searchState(m_connectionName, "backfill_from").isEmpty();
}

QStringList TicketCache::searchTickets(const QString &text, int limit) const
{
    return search(text, limit, nullptr);
}

QStringList TicketCache::searchTickets(const QString &text, const QStringList &among) const
{
    if (among.isEmpty())
        return {};
    return search(text, int(among.size()), &among);
}

QStringList TicketCache::search(const QString &text, int limit, const QStringList *among) const
{
    return searchOn(m_connectionName, text, limit, among);
}

// The file a reader connection was opened on, by connection name (each belongs to one thread).
static thread_local QHash<QString, QPair<quint64, quint64>> t_readerFiles;

static QPair<quint64, quint64> fileIdentity(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return { 0, 0 };
    return { quint64(st.st_dev), quint64(st.st_ino) };
}

bool TicketCache::openReader(const QString &path, const QString &connectionName)
{
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    // A cache discarded and made again (discardAndRecreate) is a new file at the same path:
    // a connection still open on the old one would read the deleted file's rows.
    const auto identity = fileIdentity(path);
    if (db.isValid()
        && (db.databaseName() != path || t_readerFiles.value(connectionName) != identity)) {
        db = QSqlDatabase();
        closeSearchConnection(connectionName); // the cache moved (salvaged, another agent)
    }
    if (!db.isValid()) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(path);
    }
    if (!db.isOpen()) {
        if (!db.open())
            return false;
        t_readerFiles.insert(connectionName, identity);
        // Reads only; waits out the sync engine's commits as the cache's own connection does.
        // The search index is in its own file (an unqualified ticket_search finds it there).
        QSqlQuery pragma(db);
        pragma.prepare(QStringLiteral("ATTACH DATABASE ? AS search"));
        pragma.addBindValue(SearchIndex::pathFor(path));
        pragma.exec();
        pragma.exec(QStringLiteral("PRAGMA query_only = 1"));
        pragma.exec(QStringLiteral("PRAGMA busy_timeout = 5000"));
    }
    return true;
}

QStringList TicketCache::searchTicketsAt(const QString &path, const QString &connectionName,
                                         const QString &text, int limit)
{
    if (!openReader(path, connectionName))
        return {};
    return searchOn(connectionName, text, limit, nullptr);
}

QStringList TicketCache::searchTicketsAt(const QString &path, const QString &connectionName,
                                         const QString &text, const QStringList &among)
{
    if (among.isEmpty() || !openReader(path, connectionName))
        return {};
    return searchOn(connectionName, text, int(among.size()), &among);
}

void TicketCache::closeSearchConnection(const QString &connectionName)
{
    t_readerFiles.remove(connectionName);
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (!db.isValid())
            return;
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

QStringList TicketCache::searchOn(const QString &connectionName, const QString &text, int limit,
                                  const QStringList *among)
{
    // Terms of three or more characters go through the trigram index; shorter ones (a
    // two-character Chinese word is common) are matched with LIKE over the indexed text.
    // `tag:NAME` is the ticket's tag exactly (as normalizeTag() spells it); a plain word also
    // finds tags, which are indexed with the customer's name (writeSearchEntry).
    QStringList phrases, shortTerms, tags;
    const QStringList terms = text.simplified().split(u' ', Qt::SkipEmptyParts);
    for (QString term : terms) {
        if (term.startsWith(QLatin1String("tag:"), Qt::CaseInsensitive) && term.size() > 4)
            tags.append(normalizeTag(QStringView(term).mid(4)));
        else if (term.size() >= 3)
            phrases.append(u'"' + term.replace(u'"', QStringLiteral("\"\"")) + u'"');
        else
            shortTerms.append(term);
    }
    if (phrases.isEmpty() && shortTerms.isEmpty() && tags.isEmpty())
        return {};
    QStringList conditions;
    for (qsizetype i = 0; i < tags.size(); ++i)
        conditions.append(QStringLiteral("t.id IN (SELECT ticket_id FROM ticket_tags "
                                         "WHERE tag = ?)"));
    if (!phrases.isEmpty())
        conditions.append(QStringLiteral("ticket_search MATCH ?"));
    for (qsizetype i = 0; i < shortTerms.size(); ++i)
        conditions.append(QStringLiteral("(s.subject LIKE ? ESCAPE '\\' OR s.body LIKE ? ESCAPE "
                                         "'\\' OR s.customer LIKE ? ESCAPE '\\')"));
    QSqlQuery q(QSqlDatabase::database(connectionName, false));
    q.setForwardOnly(true);
    if (among) {
        // The given tickets first (by id, then their search row by rowid), so the cost follows
        // the ids, not the cache: CROSS JOIN keeps SQLite from starting at the search table.
        q.prepare(QStringLiteral("SELECT t.id FROM json_each(?) j CROSS JOIN tickets t "
                                 "ON t.id = j.value CROSS JOIN ticket_search s "
                                 "ON s.rowid = t.rowid WHERE %1 LIMIT ?")
                          .arg(conditions.join(QStringLiteral(" AND "))));
        q.addBindValue(QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(*among)).toJson(QJsonDocument::Compact)));
    } else if (phrases.isEmpty() && shortTerms.isEmpty()) { // tags only: no text to match
        q.prepare(QStringLiteral("SELECT t.id FROM tickets t WHERE %1 LIMIT ?")
                          .arg(conditions.join(QStringLiteral(" AND "))));
    } else {
        q.prepare(QStringLiteral("SELECT t.id FROM ticket_search s JOIN tickets t "
                                 "ON t.rowid = s.rowid WHERE %1 LIMIT ?")
                          .arg(conditions.join(QStringLiteral(" AND "))));
    }
    for (const QString &tag : std::as_const(tags))
        q.addBindValue(tag);
    if (!phrases.isEmpty())
        q.addBindValue(phrases.join(QStringLiteral(" AND ")));
    for (QString term : shortTerms) {
        term.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%"))
                .replace(u'_', QStringLiteral("\\_"));
        const QString pattern = u'%' + term + u'%';
        q.addBindValue(pattern);
        q.addBindValue(pattern);
        q.addBindValue(pattern);
    }
    q.addBindValue(limit);
    QStringList ids;
    if (q.exec()) {
        while (q.next())
            ids.append(q.value(0).toString());
    }
    return ids;
}

} // namespace SupportDesk
