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

bool TicketCache::writeSearchEntry(const SearchEntry &entry)
{
    sqlite3_stmt *q = statement(Statement::WriteSearch,
                                "INSERT OR REPLACE INTO ticket_search (rowid, subject, body, "
                                "customer) VALUES (?, ?, ?, ?)");
    if (!q)
        return false;
    // SQLite's text functions and FTS5's tokenizers end a text at its first NUL: what came
    // after one could not be found. The entry is only an index (the ticket keeps its text), so
    // a NUL is indexed as a space.
    const auto indexed = [](const QString &text) {
        return text.contains(QChar(u'\0')) ? QString(text).replace(QChar(u'\0'), u' ') : text;
    };
    const QString subject = indexed(entry.subject);
    const QString body = indexed(entry.body);
    // The customer's name, then the ticket's tags: a word of the search box finds either.
    QString customer = indexed(customerName(entry.customerId));
    if (!entry.tags.isEmpty())
        customer += u' ' + entry.tags.join(u' ');
    if (sqlite3_bind_int64(q, 1, entry.rowid) != SQLITE_OK || bindText(q, 2, subject) != SQLITE_OK
        || bindText(q, 3, body) != SQLITE_OK || bindText(q, 4, customer) != SQLITE_OK) {
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    }
    return run(q);
}

int TicketCache::buildSearchIndex(int maxRows)
{
    const qint64 to = syncValue(QStringLiteral("search_backfill_to")).toLongLong();
    const qint64 from = syncValue(QStringLiteral("search_backfill_from")).toLongLong();
    if (from >= to)
        return 0;
    Transaction tx(this);
    if (!tx.isActive())
        return -1;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT rowid, data FROM tickets WHERE rowid > ? AND rowid <= ? "
                             "ORDER BY rowid LIMIT ?"));
    q.addBindValue(from);
    q.addBindValue(to);
    q.addBindValue(maxRows);
    if (!q.exec()) {
        fail(q.lastError().text());
        return -1;
    }
    qint64 last = to;
    int done = 0;
    QVector<SearchEntry> batch;
    while (q.next()) {
        if (const auto t = decodeTicket(q.value(1)))
            batch.append({q.value(0).toLongLong(), t->subject, t->body, t->customerId, t->tags});
        last = q.value(0).toLongLong();
        ++done;
    }
    q.finish();
    if (done < maxRows)
        last = to;
    for (const SearchEntry &entry : std::as_const(batch)) {
        if (!writeSearchEntry(entry))
            return -1;
    }
    if (!setSyncValue(QStringLiteral("search_backfill_from"), QString::number(last)) || !tx.commit())
        return -1;
    return last >= to ? 0 : 1;
}

bool TicketCache::searchIndexComplete() const
{
    return syncValue(QStringLiteral("search_backfill_from")).toLongLong()
            >= syncValue(QStringLiteral("search_backfill_to")).toLongLong();
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
        QSqlQuery pragma(db);
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
