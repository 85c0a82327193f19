// Definitions shared by the files that make up TicketCache; not part of its interface.
#pragma once

#include "ticketcache.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>

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

inline QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// The word dictionary into `words` (code → word); codes are assigned once and never change.
void loadWords(QSqlQuery &q, QVector<QString> *words);

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
            return false;
        }
        return true;
    }

private:
    TicketCache *m_cache;
    bool m_active = false;
};

} // namespace SupportDesk
