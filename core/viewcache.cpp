// Saved views in the client's cache (docs/tags-and-views.md): the feed's `view` records and
// this desk's unsent saves, renames and deletions over them, kept as every record the desk
// edits through the outbox is (core/recordcache.cpp), read back as views.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <algorithm>

namespace SupportDesk {

const TicketCache::EditedKind &TicketCache::viewKind()
{
    static const EditedKind kind {
        QStringLiteral("saved_views"), QStringLiteral("views_stamp"),
        [](const Operation &op, const QString &actorId) -> std::optional<QJsonObject> {
            QString problem;
            const std::optional<SavedView> v = viewFromOperation(op, actorId, &problem);
            return v ? std::optional<QJsonObject>(Json::toJson(*v)) : std::nullopt;
        }
    };
    return kind;
}

bool TicketCache::storeSavedViews(const QVector<SavedView> &views)
{
    // The server sends an account its own views only; a record that says otherwise (another
    // account's cache file, a server bug) is not kept: a view is its owner's alone.
    const QString me = signedInAgentId();
    QVector<QJsonObject> records;
    for (const SavedView &v : views) {
        if (me.isEmpty() || v.ownerId == me)
            records.append(Json::toJson(v));
    }
    return storeRecords(viewKind(), records);
}

QVector<SavedView> TicketCache::savedViews() const
{
    QVector<SavedView> list;
    for (const QJsonObject &o : records(viewKind())) {
        SavedView v;
        if (Json::fromJson(o, &v, nullptr) && !v.deleted)
            list.append(std::move(v));
    }
    std::sort(list.begin(), list.end(), [](const SavedView &a, const SavedView &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return list;
}

qint64 TicketCache::savedViewsStamp() const
{
    return syncValue(viewKind().stampKey).toLongLong();
}

bool TicketCache::saveViewEdit(const Operation &op)
{
    return saveRecordEdit(viewKind(), op);
}

bool TicketCache::acknowledgeView(const QString &opId, qint64 version)
{
    return acknowledgeRecord(viewKind(), opId, version);
}

bool TicketCache::rejectViewEdit(const QString &opId, const QString &code,
                                 const QStringList &args)
{
    return rejectRecordEdit(viewKind(), opId, code, args);
}

} // namespace SupportDesk
