// Saved views on the server: save-view and delete-view of POST /ops, each stored as a feed
// record of kind "view" for its owner's feed only (docs/tags-and-views.md).
#include "store.h"
#include "storesql.h"

#include "savedview.h"
#include "ticketedit.h"

namespace SupportDesk::Server {

OperationResult Store::applyViewOp(const Agent &by, const Operation &op, bool *dbError)
{
    const auto refuse = [&op](const QString &code, const QStringList &args) {
        return opResult(op, OpResult::Rejected, code, args);
    };
    if (!readsTheDesk(by.role))
        return refuse(QStringLiteral("forbidden"), { roleId(by.role) });
    QString problem;
    const std::optional<SavedView> edit = viewFromOperation(op, by.id, &problem);
    if (!edit)
        return refuse(QStringLiteral("invalid-op"), { problem });
    // One spelling of an id, as for tickets and macros.
    if (!Json::isUuid(op.ticketId))
        return refuse(QStringLiteral("invalid-op"),
                      { QStringLiteral("ticket_id: a view's id must be a UUID, lower case, "
                                       "without braces") });
    const std::optional<QString> data = recordData(QStringLiteral("view"), op.ticketId);
    if (!data) {
        *dbError = true;
        return {};
    }
    // Another agent's view is answered as one that does not exist: whether it exists is
    // its owner's to know.
    const QStringList unknown { op.ticketId };
    std::optional<SavedView> current;
    if (!data->isEmpty()) {
        SavedView v;
        if (!Json::fromJson(parseObject(*data), &v, nullptr) || !canSeeView(by, v) || v.deleted)
            return refuse(QStringLiteral("unknown-view"), unknown);
        current = v;
        if (op.baseVersion != current->version)
            return opResult(op, OpResult::Conflict, OpResult::Conflict,
                            { QString::number(current->version) });
    } else if (edit->deleted || op.baseVersion != 0) {
        return refuse(QStringLiteral("unknown-view"), unknown);
    }
    SavedView v = *edit;
    if (v.deleted) { // what is left of it: enough for its owner's desk to drop it
        v = SavedView();
        v.id = edit->id;
        v.ownerId = edit->ownerId;
        v.deleted = true;
    }
    v.version = (current ? current->version : 0) + 1;
    v.updatedBy = by.id;
    v.updatedAt = m_now;
    v.seq = nextSeq();
    if (!writeRecord(QStringLiteral("view"), v.id, v.seq, Json::toJson(v), v.ownerId)
        || !audit(by.id, op.type, v.id,
                  QJsonObject { { QStringLiteral("op_id"), op.opId },
                                { QStringLiteral("version"), v.version } })) {
        *dbError = true;
        return {};
    }
    return opResult(op, OpResult::Applied, {}, { QString::number(v.version) });
}

} // namespace SupportDesk::Server
