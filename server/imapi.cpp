// The IM webhook in (docs/api.md, "IM groups"): a group's message, signed with the group's
// secret, becomes a message of the group's open ticket or a new ticket.
#include "api.h"

#include "ticketedit.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace SupportDesk::Server {

HttpResponse Api::imWebhook(const QString &groupId, const HttpRequest &request,
                            qint64 *committedSeq)
{
    // An unknown group and a bad signature get the same answer: the route tells no one
    // which groups exist.
    const auto unauthorized = [](const QString &message) {
        return HttpResponse::json(401, errorBody("unauthorized", message));
    };
    if (!checkId(groupId).isEmpty())
        return unauthorized(QStringLiteral("Unknown group, or a bad signature."));
    const std::optional<ImGroup> group = m_store->imGroup(groupId);
    if (!group)
        return HttpResponse::json(500, errorBody("internal", QStringLiteral("No database.")));
    if (group->id.isEmpty())
        return unauthorized(QStringLiteral("Unknown group, or a bad signature."));
    const QString bad
        = Im::checkSignature(group->secret, request.header(Im::TimestampHeader),
                             request.header(Im::SignatureHeader), request.body, now());
    if (!bad.isEmpty())
        return unauthorized(bad == u"The signature does not match."
                                ? QStringLiteral("Unknown group, or a bad signature.")
                                : bad);

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return badRequest(QStringLiteral("The body must be a JSON object."), QStringLiteral("$"));
    const QJsonObject body = doc.object();
    const QJsonValue messageId = body.value(QStringLiteral("message_id"));
    const QJsonValue text = body.value(QStringLiteral("text"));
    const QJsonValue sender = body.value(QStringLiteral("sender"));
    if (!messageId.isString() || messageId.toString().isEmpty()
        || !checkId(messageId.toString()).isEmpty())
        return badRequest(QStringLiteral("message_id must be a string of 1 to 128 characters "
                                         "without NUL."),
                          QStringLiteral("message_id"));
    if (!text.isString() || text.toString().trimmed().isEmpty()
        || text.toString().contains(QChar(0)))
        return badRequest(QStringLiteral("text must be a string, not empty, without NUL."),
                          QStringLiteral("text"));
    if (!sender.isUndefined() && !sender.isNull()
        && (!sender.isString() || sender.toString().contains(QChar(0))
            || characterCount(sender.toString()) > 200))
        return badRequest(QStringLiteral("sender must be a name of at most 200 characters."),
                          QStringLiteral("sender"));

    const Store::ImIntake in
        = m_store->takeImMessage(*group, messageId.toString(), sender.toString(), text.toString());
    switch (in.result) {
    case Store::ImIntake::Result::Failed:
        qWarning("im message failed: %s", qPrintable(m_store->lastError()));
        return HttpResponse::json(
            500, errorBody("internal", QStringLiteral("The message could not be stored.")));
    case Store::ImIntake::Result::Refused: {
        // The plan's reason, from the catalog in both languages, for the group's bot to say.
        const std::optional<Customer> customer = m_store->customer(group->customerId);
        const PlanCatalog *plan = customer ? m_catalogs->plan(customer->planId) : nullptr;
        QJsonObject e { { QStringLiteral("code"), in.check.code },
                        { QStringLiteral("message"), in.check.message(plan, Language::English) },
                        { QStringLiteral("args"), QJsonArray::fromStringList(in.check.args) } };
        if (plan && in.check.code == u"channel-not-entitled")
            e.insert(QStringLiteral("reason"), Im::refusalReason(*plan, in.check));
        HttpResponse response = ok({ { QStringLiteral("error"), e } });
        response.status = 403;
        return response;
    }
    case Store::ImIntake::Result::Applied:
    case Store::ImIntake::Result::Duplicate:
        break;
    }
    if (in.result == Store::ImIntake::Result::Applied)
        *committedSeq = in.seq;
    return ok({ { QStringLiteral("result"),
                  in.result == Store::ImIntake::Result::Applied ? QStringLiteral("applied")
                                                                : QStringLiteral("duplicate") },
                { QStringLiteral("ticket_id"), in.ticketId },
                { QStringLiteral("ticket_number"), in.ticketNumber },
                { QStringLiteral("new_ticket"), in.newTicket } });
}

} // namespace SupportDesk::Server
