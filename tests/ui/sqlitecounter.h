// Counts what SQLite runs on a QtSql connection while it lives: virtual-machine steps (how much
// of the cache a call reads, independent of the machine's speed) or statements begun.
#pragma once

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QString>
#include <QVariant>

#include <sqlite3.h>

class SqliteCounter
{
public:
    enum class What { Steps, Statements };
    SqliteCounter(const QString &connection, What what) : m_what(what)
    {
        const QVariant handle = QSqlDatabase::database(connection, false).driver()->handle();
        if (qstrcmp(handle.typeName(), "sqlite3*") == 0)
            m_db = *static_cast<sqlite3 *const *>(handle.constData());
        if (m_db && what == What::Steps)
            sqlite3_progress_handler(m_db, 1, &SqliteCounter::step, this);
        else if (m_db)
            sqlite3_trace_v2(m_db, SQLITE_TRACE_STMT, &SqliteCounter::statement, this);
    }
    ~SqliteCounter()
    {
        if (m_db && m_what == What::Steps)
            sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        else if (m_db)
            sqlite3_trace_v2(m_db, 0, nullptr, nullptr);
    }
    SqliteCounter(const SqliteCounter &) = delete;
    SqliteCounter &operator=(const SqliteCounter &) = delete;
    bool isValid() const { return m_db != nullptr; }
    qint64 count = 0;

private:
    static int step(void *self)
    {
        ++static_cast<SqliteCounter *>(self)->count;
        return 0;
    }
    static int statement(unsigned, void *self, void *, void *)
    {
        ++static_cast<SqliteCounter *>(self)->count;
        return 0;
    }
    What m_what;
    sqlite3 *m_db = nullptr;
};
