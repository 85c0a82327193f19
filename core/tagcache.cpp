// Tags in the client's cache (docs/tags-and-views.md): the table of which ticket carries which
// tag, written with every ticket write, and what the queue, the search and the pane read of it.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk {

using namespace TicketCacheDetail;

bool TicketCache::writeTicketTags(const Ticket &t)
{
    // Every ticket write, the initial sync's too: the delete of an untagged ticket is one
    // look-up in an index that holds only tagged tickets. Not even that while the table is
    // empty in a feed page's transaction (applyChanges: the write lock is held, no other
    // connection adds one meanwhile): a statement that deletes nothing still cost ~6 % of an
    // initial sync's sync thread (callgrind, bench_sync 30000: 4,000 instructions a ticket).
    if (m_noTicketTags && t.tags.isEmpty())
        return true;
    m_noTicketTags = false;
    sqlite3_stmt *drop = statement(Statement::DropTicketTags,
                                   "DELETE FROM ticket_tags WHERE ticket_id = ?");
    if (!drop)
        return false;
    if (bindText(drop, 1, t.id) != SQLITE_OK)
        return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
    if (!run(drop))
        return false;
    if (t.tags.isEmpty())
        return true;
    sqlite3_stmt *add = statement(Statement::WriteTicketTag,
                                  "INSERT OR IGNORE INTO ticket_tags (ticket_id, tag) "
                                  "VALUES (?, ?)");
    if (!add)
        return false;
    for (const QString &tag : t.tags) {
        if (bindText(add, 1, t.id) != SQLITE_OK || bindText(add, 2, tag) != SQLITE_OK)
            return fail(QString::fromUtf8(sqlite3_errmsg(m_handle)));
        if (!run(add))
            return false;
    }
    return true;
}

QVector<TagUse> TicketCache::tagsInUse() const
{
    QVector<TagUse> tags;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT tag, COUNT(*) AS n FROM ticket_tags GROUP BY tag "
                               "ORDER BY n DESC, tag")))
        return tags;
    while (q.next())
        tags.append({ q.value(0).toString(), q.value(1).toInt() });
    return tags;
}

QHash<QString, QStringList> TicketCache::ticketTags() const
{
    QHash<QString, QStringList> tags;
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    // rowid order is the order the tags were written in, the ticket's own order.
    if (!q.exec(QStringLiteral("SELECT ticket_id, tag FROM ticket_tags ORDER BY ticket_id, "
                               "rowid")))
        return tags;
    while (q.next())
        tags[q.value(0).toString()].append(q.value(1).toString());
    return tags;
}

QHash<QString, QStringList> TicketCache::ticketTags(const QStringList &ids) const
{
    return ticketTagsOn(m_connectionName, ids);
}

QHash<QString, QStringList> TicketCache::ticketTagsAt(const QString &path,
                                                      const QString &connectionName,
                                                      const QStringList &ids)
{
    if (ids.isEmpty() || !openReader(path, connectionName))
        return {};
    return ticketTagsOn(connectionName, ids);
}

QHash<QString, QStringList> TicketCache::ticketTagsOn(const QString &connectionName,
                                                      const QStringList &ids)
{
    QHash<QString, QStringList> tags;
    if (ids.isEmpty())
        return tags;
    QSqlQuery q(QSqlDatabase::database(connectionName, false));
    q.setForwardOnly(true);
    // CROSS JOIN: from the ids to the (ticket_id, tag) key; rowid order is the ticket's own.
    if (!q.prepare(QStringLiteral("SELECT g.ticket_id, g.tag FROM json_each(?) j CROSS JOIN "
                                  "ticket_tags g ON g.ticket_id = j.value "
                                  "ORDER BY g.ticket_id, g.rowid")))
        return tags;
    QStringList unique = ids;
    unique.removeDuplicates();
    q.addBindValue(idArray(unique));
    if (!q.exec())
        return tags;
    while (q.next())
        tags[q.value(0).toString()].append(q.value(1).toString());
    return tags;
}

} // namespace SupportDesk
