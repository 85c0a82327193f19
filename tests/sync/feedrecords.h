// The records of one kind in an account's whole feed on the real server, by id (the last
// record of each: a deleted one as its deletion), for tests that check what the server holds.
#pragma once

#include "macro.h"
#include "realserver.h"
#include "savedview.h"
#include "serviceuse.h"

#include <QHash>
#include <QJsonArray>

namespace SupportDesk::Testing {

template<typename Record>
QHash<QString, Record> feedRecords(const RealServer &server, const QString &token,
                                   QStringView kind)
{
    QHash<QString, Record> out;
    qint64 after = 0;
    for (;;) {
        const RealServer::Reply r = server.request(
                "GET", QStringLiteral("/changes?after=%1&limit=500").arg(after), token);
        if (r.status != 200)
            return {};
        for (const QJsonValue &v : r.body.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject c = v.toObject();
            Record record;
            if (c.value(QStringLiteral("kind")).toString() == kind
                && Json::fromJson(c.value(QStringLiteral("data")).toObject(), &record, nullptr))
                out.insert(record.id, record);
        }
        after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            return out;
    }
}

} // namespace SupportDesk::Testing
