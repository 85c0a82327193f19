// Definitions shared by the files that make up TicketCache; not part of its interface.
#pragma once

#include "ticketcache.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSysInfo>

#include <sqlite3.h>

namespace SupportDesk {

namespace TicketCacheDetail {

inline qint64 toMs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

inline QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Ids as one JSON array, the argument of a `json_each(?)` that joins them to an indexed
// column: one statement for many ids, never one per id.
inline QString idArray(const QStringList &ids)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
}

inline QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// The word dictionary into `words` (code → word); codes are assigned once and never change.
void loadWords(QSqlQuery &q, QVector<QString> *words);

// Queues one op in the outbox (op_id, ticket_id, the op's JSON, the version it stands on): the
// one row every kind of edit writes (tickets, macros and views, service use). Its base is the
// op's, moved over this desk's own acknowledged edits (own_versions) up to `shownVersion`, the
// version the cache shows, or to the last such edit without one (a record's shown copy may lag
// its acknowledgement).
bool insertOutboxRow(QSqlQuery &q, const Operation &op,
                     std::optional<qint64> shownVersion = std::nullopt);

// Bind as QtSql's SQLite driver binds a QString and a QByteArray: null is NULL, text is
// bound as the UTF-16 it is held in (SQLite converts it to the file's UTF-8), a byte array
// as a blob. SQLITE_STATIC: the caller keeps the value alive until the statement has run.
// The 64-bit calls refuse an oversized value (SQLITE_TOOBIG) instead of wrapping its length.
inline int bindText(sqlite3_stmt *s, int column, const QString &text)
{
    if (text.isNull())
        return sqlite3_bind_null(s, column);
    constexpr unsigned char encoding
            = QSysInfo::ByteOrder == QSysInfo::LittleEndian ? SQLITE_UTF16LE : SQLITE_UTF16BE;
    return sqlite3_bind_text64(s, column, reinterpret_cast<const char *>(text.utf16()),
                               sqlite3_uint64(text.size()) * sizeof(char16_t), SQLITE_STATIC,
                               encoding);
}

inline int bindBlob(sqlite3_stmt *s, int column, const QByteArray &bytes)
{
    if (bytes.isNull())
        return sqlite3_bind_null(s, column);
    return sqlite3_bind_blob64(s, column, bytes.constData(), sqlite3_uint64(bytes.size()),
                               SQLITE_STATIC);
}

} // namespace TicketCacheDetail

// Rolls back unless committed.
class TicketCache::Transaction
{
public:
    explicit Transaction(TicketCache *cache) : m_cache(cache)
    {
        m_active = cache->beginWrite();
    }
    ~Transaction()
    {
        if (m_active) {
            QSqlDatabase::database(m_cache->m_connectionName, false).rollback();
            if (m_cache->m_wordCodesDirty)
                m_cache->m_wordCodes.clear(); // reloaded from the table on next use
            m_cache->m_handOff.clear(); // the search writer gets only what was committed
            m_cache->m_handOffAfter = m_cache->m_handOffTo = -2;
        }
        m_cache->m_wordCodesDirty = false;
    }
    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        m_active = false;
        QSqlDatabase db = QSqlDatabase::database(m_cache->m_connectionName, false);
        if (!db.commit()) {
            m_cache->fail(db.lastError().text());
            db.rollback();
            m_cache->m_handOff.clear();
            m_cache->m_handOffAfter = m_cache->m_handOffTo = -2;
            return false;
        }
        m_cache->handOffSearchEntries();
        return true;
    }

private:
    TicketCache *m_cache;
    bool m_active = false;
};

} // namespace SupportDesk
