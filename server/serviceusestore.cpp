// IEM days and training sessions on the server: record-service-use and cancel-service-use of
// POST /ops, by a lead, under the plan's rules (core/serviceuse.h), each stored as a feed
// record of kind "service-use" for every desk account and in service_use by customer, which
// the year's count reads (docs/service-use.md).
#include "store.h"
#include "storesql.h"

#include "businesscalendar.h"
#include "serviceuse.h"
#include "ticketedit.h"

#include <QSqlError>
#include <QSqlQuery>

namespace SupportDesk::Server {

namespace {

OperationResult refuse(const Operation &op, const QString &code, const QStringList &args = {})
{
    return opResult(op, OpResult::Rejected, code, args);
}

} // namespace

std::optional<QVector<ServiceUse>> Store::serviceUseOf(const QString &customerId)
{
    QHash<QString, ServiceUse> found;
    QSqlQuery &q = prepared(QStringLiteral("SELECT data FROM service_use WHERE customer_id = ?"));
    q.bindValue(0, customerId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        ServiceUse u;
        if (Json::fromJson(parseObject(q.value(0).toString()), &u, nullptr))
            found.insert(u.id, u);
    }
    q.finish();
    // PostgreSQL sends a transaction's writes with its COMMIT: those of this one are read
    // from what it wrote (an earlier op of the same group).
    const QString prefix = recordKey(QStringLiteral("service-use"), QString());
    for (auto it = m_tx.records.cbegin(); it != m_tx.records.cend(); ++it) {
        ServiceUse u;
        if (it.key().startsWith(prefix) && !it.value().isEmpty()
            && Json::fromJson(parseObject(it.value()), &u, nullptr) && u.customerId == customerId)
            found.insert(u.id, u);
    }
    return found.values();
}

OperationResult Store::applyServiceUseOp(const Agent &by, const Operation &op, bool *dbError)
{
    if (!recordsServiceUse(by.role))
        return refuse(op, QStringLiteral("forbidden"), { roleId(by.role) });
    QString problem;
    const std::optional<ServiceUse> edit = serviceUseFromOperation(op, &problem);
    if (!edit)
        return refuse(op, QStringLiteral("invalid-op"), { problem });
    // One spelling of an id, as for tickets and macros.
    if (!Json::isUuid(op.ticketId))
        return refuse(op, QStringLiteral("invalid-op"),
                      { QStringLiteral("ticket_id: a record's id must be a UUID, lower case, "
                                       "without braces") });
    // The year's count reads the customer's records: on PostgreSQL a group without the
    // sequence row would count without the row that keeps another process's record out.
    // Failing here applies the group again with the row taken first (a lead's rare op).
    if (m_tx.late) {
        *dbError = true;
        fail(QStringLiteral("service use is counted under the sequence row"));
        return {};
    }
    const std::optional<QString> data = recordData(QStringLiteral("service-use"), op.ticketId);
    if (!data) {
        *dbError = true;
        return {};
    }
    std::optional<ServiceUse> current;
    if (!data->isEmpty()) {
        ServiceUse u;
        if (!Json::fromJson(parseObject(*data), &u, nullptr))
            return refuse(op, QStringLiteral("unknown-service-use"), { op.ticketId });
        current = u;
        if (op.baseVersion != current->version)
            return opResult(op, OpResult::Conflict, OpResult::Conflict,
                            { QString::number(current->version) });
        if (current->cancelled)
            // Two leads cancelling the same record meet this: a rule, worded by the desk.
            return refuse(op, QStringLiteral("service-use-cancelled"), { op.ticketId });
    } else if (edit->cancelled || op.baseVersion != 0) {
        return refuse(op, QStringLiteral("unknown-service-use"), { op.ticketId });
    }

    ServiceUse u = *edit;
    if (u.cancelled) { // the record as it was, kept in history, counted no more
        u = *current;
        u.cancelled = true;
        u.cancelReason = edit->cancelReason;
    } else if (current && current->customerId != u.customerId) {
        return refuse(op, QStringLiteral("invalid-op"),
                      { QStringLiteral("payload.customer_id: a record keeps its customer") });
    }
    const std::optional<Customer> customer = this->customer(u.customerId);
    if (!customer)
        return refuse(op, QStringLiteral("unknown-customer"), { u.customerId });
    const PlanCatalog *plan = m_catalogs->plan(customer->planId);
    if (!plan)
        return refuse(op, QStringLiteral("invalid-op"),
                      { QStringLiteral("the server has no plan %1").arg(customer->planId) });
    if (!u.cancelled) {
        const std::optional<QVector<ServiceUse>> records = serviceUseOf(u.customerId);
        if (!records) {
            *dbError = true;
            return {};
        }
        // The notice counts business days on the calendar an admin loaded, else the built-in.
        const std::optional<QByteArray> loaded = document(QStringLiteral("calendar"));
        if (!loaded) {
            *dbError = true;
            return {};
        }
        QStringList errors;
        const std::optional<BusinessCalendar> calendar = BusinessCalendar::fromJson(
            loaded->isEmpty() ? BusinessCalendar::builtInJson() : *loaded, &errors);
        if (!calendar)
            return refuse(op, QStringLiteral("invalid-op"),
                          { QStringLiteral("the server's calendar: %1").arg(errors.join(u' ')) });
        const ServiceUseCheck check
            = checkServiceUse(*plan, customer->editionId, u, *records, *calendar);
        if (!check.check.allowed())
            return refuse(op, check.check.code, check.check.args);
        u.shortNotice = check.shortNotice;
        // A reason where nothing was exceeded is no override: not kept, not flagged.
        if (!check.overridden)
            u.overrideReason.clear();
    }
    u.version = (current ? current->version : 0) + 1;
    u.recordedBy = by.id;
    u.recordedAt = m_now;
    u.seq = nextSeq();
    const QJsonObject record = Json::toJson(u);
    if (!writeRecord(QStringLiteral("service-use"), u.id, u.seq, record)
        || !write(current ? QStringLiteral("UPDATE service_use SET data = ? WHERE id = ?")
                          : QStringLiteral("INSERT INTO service_use (data, id, customer_id) "
                                           "VALUES (?, ?, ?)"),
                  current ? QVariantList { compact(record), u.id }
                          : QVariantList { compact(record), u.id, u.customerId })
        || !audit(by.id, op.type, u.id,
                  QJsonObject { { QStringLiteral("op_id"), op.opId },
                                { QStringLiteral("payload"), op.payload },
                                { QStringLiteral("version"), u.version },
                                { QStringLiteral("override"), !u.overrideReason.isEmpty() } })) {
        *dbError = true;
        return {};
    }
    // The new version (for a correction or a cancel), and the flags the desk shows at once.
    QStringList args { QString::number(u.version) };
    if (!u.overrideReason.isEmpty())
        args << QStringLiteral("override");
    if (u.shortNotice)
        args << QStringLiteral("short-notice");
    return opResult(op, OpResult::Applied, {}, args);
}

} // namespace SupportDesk::Server
