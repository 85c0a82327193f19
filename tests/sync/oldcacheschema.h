// Turns parts of a current cache back into what older builds wrote, for the migration tests.
#pragma once

#include <QSqlQuery>
#include <QString>

namespace SupportDesk::Testing {

// queue_rows as schemas 1-7 had it: keyed by the ticket's id (TEXT PRIMARY KEY), rows in the
// order they were written. Schema 8 keys them by the ticket's rowid.
inline bool queueRowsKeyedById(QSqlQuery &q)
{
    return q.exec(QStringLiteral("CREATE TABLE queue_rows_by_id (id TEXT PRIMARY KEY, "
                                 "row BLOB NOT NULL)"))
            && q.exec(QStringLiteral("INSERT INTO queue_rows_by_id (id, row) SELECT t.id, q.row "
                                     "FROM queue_rows q JOIN tickets t "
                                     "ON t.rowid = q.ticket_rowid"))
            && q.exec(QStringLiteral("DROP TABLE queue_rows"))
            && q.exec(QStringLiteral("ALTER TABLE queue_rows_by_id RENAME TO queue_rows"));
}

} // namespace SupportDesk::Testing
