// A damaged cache: the integrity check, and moving it aside with its outbox salvaged.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cstring>

namespace SupportDesk {

using namespace TicketCacheDetail;
using namespace CacheCodec;

bool TicketCache::checkIntegrity()
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    if (!q.exec(QStringLiteral("PRAGMA main.quick_check(1)")) || !q.next()
        || q.value(0).toString() != u"ok") {
        return fail(tr("the cache %1 is damaged: %2")
                            .arg(m_path, q.lastError().isValid() ? q.lastError().text()
                                                                 : q.value(0).toString()));
    }
    q.finish();
    // A damaged search file is no damaged cache: it is made again and backfilled.
    if (!m_searchWriter
        && (!q.exec(QStringLiteral("PRAGMA search.quick_check(1)")) || !q.next()
            || q.value(0).toString() != u"ok")) {
        q.finish();
        exec(QStringLiteral("DETACH DATABASE search"));
        for (const QString &file : SearchIndex::filesOf(m_path).mid(3))
            QFile::remove(file);
        return attachSearch();
    }
    return true;
}

bool TicketCache::recoverFromCorruption(QString *movedTo, int *salvaged)
{
    const QString path = m_path;
    close();
    const QString aside = QStringLiteral("%1.corrupt-%2")
                                  .arg(path, QDateTime::currentDateTimeUtc().toString(
                                                     QStringLiteral("yyyyMMddHHmmss")));
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix) && !QFile::rename(path + suffix, aside + suffix))
            return fail(tr("cannot move the damaged cache aside to %1").arg(aside));
    }
    if (movedTo)
        *movedTo = aside;
    // The search index is only derived data, and of the damaged file: made again from the
    // new one (a search file is rebuilt anyway when it is not its cache's).
    for (const QString &file : SearchIndex::filesOf(path).mid(3))
        QFile::remove(file);

    // Read what we can of the old outbox: the edits nobody has sent are the only data the
    // server does not have.
    QVector<QPair<QString, QString>> rows; // data, base_version
    {
        const QString salvage = m_connectionName + QStringLiteral("-salvage");
        {
            QSqlDatabase old = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), salvage);
            old.setDatabaseName(aside);
            old.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (old.open()) {
                QSqlQuery q(old);
                if (q.exec(QStringLiteral("SELECT data, base_version FROM outbox WHERE state = "
                                          "'pending' ORDER BY position"))) {
                    while (q.next())
                        rows.append({q.value(0).toString(), q.value(1).toString()});
                }
            }
            old.close();
        }
        QSqlDatabase::removeDatabase(salvage);
    }
    if (open(path) != OpenStatus::Ok)
        return false;
    int count = 0;
    for (const auto &row : std::as_const(rows)) {
        Operation op;
        if (!Json::fromJson(parseObject(row.first), &op, nullptr))
            continue;
        op.baseVersion = row.second.toLongLong();
        QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO outbox (op_id, ticket_id, data, "
                                 "base_version) VALUES (?, ?, ?, ?)"));
        q.addBindValue(op.opId);
        q.addBindValue(op.ticketId);
        q.addBindValue(compact(Json::toJson(op)));
        q.addBindValue(op.baseVersion);
        if (q.exec())
            ++count;
    }
    if (salvaged)
        *salvaged = count;
    return true;
}

} // namespace SupportDesk
