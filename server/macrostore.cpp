// Macros on the server: save-macro and delete-macro of POST /ops under the access rules, each
// stored as a feed record of kind "macro"; an agent's own one for that agent's feed only
// (docs/macros.md).
#include "store.h"
#include "storesql.h"

#include "macro.h"

namespace SupportDesk::Server {

namespace {

OperationResult refuse(const Operation &op, const QString &code, const QStringList &args)
{
    return opResult(op, OpResult::Rejected, code, args);
}

} // namespace

OperationResult Store::applyMacroOp(const Agent &by, const Operation &op, bool *dbError)
{
    QString problem;
    std::optional<Macro> edit = macroFromOperation(op, by.id, &problem);
    if (!edit)
        return refuse(op, QStringLiteral("invalid-op"), { problem });
    // One spelling of an id, as for tickets: "{…}" or upper case would be a second macro.
    if (!Json::isUuid(op.ticketId))
        return refuse(op, QStringLiteral("invalid-op"),
                      { QStringLiteral("ticket_id: a macro's id must be a UUID, lower case, "
                                       "without braces") });
    const std::optional<QString> data = recordData(QStringLiteral("macro"), op.ticketId);
    if (!data) {
        *dbError = true;
        return {};
    }
    // Another agent's own macro is answered as one that does not exist: its owner's words
    // are theirs, and so is whether it exists.
    const QStringList unknown { op.ticketId };
    std::optional<Macro> current;
    if (!data->isEmpty()) {
        Macro m;
        if (!Json::fromJson(parseObject(*data), &m, nullptr) || !canSeeMacro(by, m) || m.deleted)
            return refuse(op, QStringLiteral("unknown-macro"), unknown);
        current = m;
    }
    if (current) {
        if (current->ownerId != edit->ownerId)
            return refuse(op, QStringLiteral("invalid-op"),
                          { QStringLiteral("payload.scope: a macro keeps its scope") });
        if (!canEditMacro(by, *current))
            return refuse(op, QStringLiteral("forbidden"), { roleId(by.role) });
        if (op.baseVersion != current->version)
            return opResult(op, OpResult::Conflict, OpResult::Conflict,
                          { QString::number(current->version) });
    } else {
        if (edit->deleted || op.baseVersion != 0)
            return refuse(op, QStringLiteral("unknown-macro"), unknown);
        if (!canEditMacro(by, *edit))
            return refuse(op, QStringLiteral("forbidden"), { roleId(by.role) });
    }
    Macro m = *edit;
    if (m.deleted) { // what is left of it: enough for a reader to drop it
        m = Macro();
        m.id = edit->id;
        m.ownerId = edit->ownerId;
        m.deleted = true;
    }
    m.version = (current ? current->version : 0) + 1;
    m.updatedBy = by.id;
    m.updatedAt = m_now;
    m.seq = nextSeq();
    if (!writeRecord(QStringLiteral("macro"), m.id, m.seq, Json::toJson(m), m.ownerId)
        || !audit(by.id, op.type, m.id,
                  QJsonObject { { QStringLiteral("op_id"), op.opId },
                                { QStringLiteral("payload"), op.payload },
                                { QStringLiteral("version"), m.version } })) {
        *dbError = true;
        return {};
    }
    // The new version, for the sender's next edit of the macro.
    return opResult(op, OpResult::Applied, {}, { QString::number(m.version) });
}

} // namespace SupportDesk::Server
