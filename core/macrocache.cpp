// Macros in the client's cache (docs/macros.md): kept as every record the desk edits through
// the outbox is (core/recordcache.cpp), read back as macros.
#include "ticketcache.h"
#include "ticketcache_p.h"

#include <algorithm>

namespace SupportDesk {

const TicketCache::EditedKind &TicketCache::macroKind()
{
    static const EditedKind kind {
        QStringLiteral("macros"), QStringLiteral("macros_stamp"),
        [](const Operation &op, const QString &actorId) -> std::optional<QJsonObject> {
            QString problem;
            const std::optional<Macro> m = macroFromOperation(op, actorId, &problem);
            return m ? std::optional<QJsonObject>(Json::toJson(*m)) : std::nullopt;
        }
    };
    return kind;
}

bool TicketCache::storeMacros(const QVector<Macro> &macros)
{
    QVector<QJsonObject> records;
    records.reserve(macros.size());
    for (const Macro &m : macros)
        records.append(Json::toJson(m));
    return storeRecords(macroKind(), records);
}

QVector<Macro> TicketCache::macros() const
{
    QVector<Macro> list;
    for (const QJsonObject &o : records(macroKind())) {
        Macro m;
        if (Json::fromJson(o, &m, nullptr) && !m.deleted)
            list.append(std::move(m));
    }
    std::sort(list.begin(), list.end(), [](const Macro &a, const Macro &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return list;
}

qint64 TicketCache::macrosStamp() const
{
    return syncValue(macroKind().stampKey).toLongLong();
}

bool TicketCache::saveMacroEdit(const Operation &op, const Macro &macro)
{
    Q_ASSERT(op.ticketId == macro.id);
    Q_UNUSED(macro);
    return saveRecordEdit(macroKind(), op);
}

bool TicketCache::acknowledgeMacro(const QString &opId, qint64 version)
{
    return acknowledgeRecord(macroKind(), opId, version);
}

bool TicketCache::rejectMacroEdit(const QString &opId, const QString &code,
                                  const QStringList &args)
{
    return rejectRecordEdit(macroKind(), opId, code, args);
}

} // namespace SupportDesk
