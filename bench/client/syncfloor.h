// The floor for an initial sync's pages on this machine, printed beside a client's figures
// (bench_sync, bench_desk_sync): the pages fetched again from the server, parsed by Qt's JSON
// parser and by simdjson (the fastest parser Debian packages; "not built" without
// libsimdjson-dev), and their ticket records inserted into a fresh SQLite file through the C
// API, one transaction per page, nothing else. A bench links SQLite::SQLite3 (and
// simdjson::simdjson with SUPPORTDESK_HAVE_SIMDJSON) to include it.
#pragma once

#include "realserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPair>
#include <QVector>

#include <algorithm>
#include <cstdio>

#include <sqlite3.h>
#ifdef SUPPORTDESK_HAVE_SIMDJSON
#include <simdjson.h>
#endif

namespace SupportDesk::Bench {

// The floor for the pages of an initial sync: the same bytes parsed, their tickets inserted.
inline void printSyncFloor(const Testing::RealServer &server, const QString &token, int pageSize,
                const QString &dbPath, double cachedMs, double searchableMs)
{
    QVector<QByteArray> pages;
    qint64 after = 0;
    for (;;) {
        const Testing::RealServer::Reply r = server.request(
                "GET", QStringLiteral("/changes?after=%1&limit=%2").arg(after).arg(pageSize),
                token);
        if (r.status != 200)
            return;
        pages.append(r.raw);
        after = r.body.value(QStringLiteral("last_seq")).toInteger();
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            break;
    }
    QElapsedTimer t;
    t.start();
    QVector<QVector<QPair<QByteArray, QByteArray>>> rows; // per page: ticket id, record
    qsizetype bytes = 0;
    for (const QByteArray &page : std::as_const(pages)) {
        bytes += page.size();
        const QJsonDocument doc = QJsonDocument::fromJson(page);
        Q_UNUSED(doc);
    }
    const double qtParseMs = t.nsecsElapsed() / 1e6;
    // The records to insert, made outside any timing.
    for (const QByteArray &page : std::as_const(pages)) {
        QVector<QPair<QByteArray, QByteArray>> pageRows;
        const QJsonArray changes
                = QJsonDocument::fromJson(page).object().value(QStringLiteral("changes")).toArray();
        for (const QJsonValue &v : changes) {
            const QJsonObject c = v.toObject();
            if (c.value(QStringLiteral("kind")).toString() != u"ticket")
                continue;
            const QJsonObject data = c.value(QStringLiteral("data")).toObject();
            pageRows.append({ data.value(QStringLiteral("id")).toString().toUtf8(),
                              QJsonDocument(data).toJson(QJsonDocument::Compact) });
        }
        rows.append(pageRows);
    }
    double simdMs = -1;
#ifdef SUPPORTDESK_HAVE_SIMDJSON
    {
        simdjson::dom::parser parser;
        qsizetype tickets = 0;
        t.restart();
        for (const QByteArray &page : std::as_const(pages)) {
            simdjson::dom::element doc;
            if (parser.parse(page.constData(), size_t(page.size())).get(doc))
                return;
            simdjson::dom::array changes;
            if (doc["changes"].get(changes))
                return;
            tickets += qsizetype(changes.size());
        }
        simdMs = t.nsecsElapsed() / 1e6;
        Q_UNUSED(tickets);
    }
#endif
    // Raw SQLite: the same durability as the cache (WAL, synchronous FULL, no checkpoint
    // during the run), one prepared insert, one transaction per page.
    sqlite3 *db = nullptr;
    if (sqlite3_open(dbPath.toUtf8().constData(), &db) != SQLITE_OK)
        return;
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                     "PRAGMA wal_autocheckpoint = 0; "
                     "CREATE TABLE tickets (id TEXT PRIMARY KEY, data BLOB)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO tickets (id, data) VALUES (?, ?)", -1,
                       &insert, nullptr);
    qsizetype inserted = 0;
    t.restart();
    for (const auto &pageRows : std::as_const(rows)) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (const auto &row : pageRows) {
            sqlite3_bind_text(insert, 1, row.first.constData(), int(row.first.size()),
                              SQLITE_STATIC);
            sqlite3_bind_blob(insert, 2, row.second.constData(), int(row.second.size()),
                              SQLITE_STATIC);
            if (sqlite3_step(insert) == SQLITE_DONE)
                ++inserted;
            sqlite3_reset(insert);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double insertMs = t.nsecsElapsed() / 1e6;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    std::printf("floor for the same %lld pages (%.1f MB, %lld tickets) on this machine: "
                "Qt JSON parse %.0f ms, simdjson parse %s ms, raw SQLite insert %.0f ms; "
                "the fastest parse + insert %.0f ms beside the client's %.0f ms to cached "
                "(target 2000) and %.0f ms to searchable (target 3000)\n",
                static_cast<long long>(pages.size()), bytes / 1e6,
                static_cast<long long>(inserted), qtParseMs,
                simdMs < 0 ? "(not built)" : qPrintable(QString::number(simdMs, 'f', 0)),
                insertMs, (simdMs < 0 ? qtParseMs : std::min(simdMs, qtParseMs)) + insertMs,
                cachedMs, searchableMs);
}

} // namespace SupportDesk::Bench
