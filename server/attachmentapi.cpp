// The attachment routes (docs/api.md, "Attachments"): upload, list and download, each checked
// like the ticket it belongs to.
#include "api.h"

#include "ticketedit.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

HttpResponse failure(int status, const QByteArray &code, const QString &message,
                     const QString &field = {})
{
    return HttpResponse::json(status, errorBody(code, message, field));
}

} // namespace

std::variant<Ticket, HttpResponse> Api::visibleTicket(const Agent &agent, const QString &id)
{
    const HttpResponse notFound = failure(404, "not-found", QStringLiteral("No such ticket."));
    if (!checkId(id).isEmpty()) // NUL or longer than any id: not looked up
        return notFound;
    const std::optional<Ticket> t = m_store->ticket(id);
    if (!t)
        return notFound;
    if (readsTheDesk(agent.role))
        return *t;
    const std::optional<bool> serves = servesCustomer(agent, t->customerId);
    if (!serves)
        return failure(500, "internal", QStringLiteral("The account could not be read."));
    if (!*serves)
        return notFound; // another customer's: not even its existence is told
    return *t;
}

HttpResponse Api::attachmentUpload(const Agent &agent, const QString &ticketId,
                                   const HttpRequest &request, qint64 *committedSeq)
{
    const auto ticket = visibleTicket(agent, ticketId);
    if (const HttpResponse *refused = std::get_if<HttpResponse>(&ticket))
        return *refused;
    Attachment a;
    a.ticketId = std::get<Ticket>(ticket).id;
    const QString givenId = request.param(QStringLiteral("id"));
    if (request.query.hasQueryItem(QStringLiteral("id")) && !Json::isUuid(givenId))
        return badRequest(QStringLiteral("id must be a UUID, lower case, without braces."),
                          QStringLiteral("id"));
    // Given by an uploader that may send it again (an outbox): the same id is one attachment.
    a.id = givenId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : givenId;
    if (request.body.size() > m_limits.maxAttachmentBytes)
        return failure(413, "body-too-large",
                       QStringLiteral("An attachment holds at most %1 bytes.")
                           .arg(m_limits.maxAttachmentBytes));
    if (request.body.isEmpty())
        return badRequest(QStringLiteral("The body is the attachment's bytes; it is empty."),
                          QStringLiteral("$"));
    // The name is only ever a label: the bytes are kept under their hash, so no name reaches
    // a path. Decoded whole (a %00 is a NUL, and is dropped like any control character).
    a.name = sanitiseFileName(
        request.param(QStringLiteral("name")));
    a.contentType = sniffContentType(request.body); // the client's Content-Type is not asked
    a.size = request.body.size();
    a.sha256 = QString::fromLatin1(
        QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex());
    bool existed = false;
    const std::optional<Attachment> stored
        = m_store->addAttachment(agent, a, request.body, &existed);
    if (!stored) {
        qWarning("attachment failed: %s", qPrintable(m_store->lastError()));
        return failure(500, "internal", QStringLiteral("The attachment could not be stored."));
    }
    if (existed && (stored->ticketId != a.ticketId || stored->sha256 != a.sha256))
        return refusal(409, QStringLiteral("attachment-exists"),
                       QStringLiteral("id %1 is another attachment.").arg(a.id), { a.id });
    if (!existed)
        *committedSeq = stored->seq;
    HttpResponse response = ok({ { QStringLiteral("attachment"), stored->toJson() } });
    response.status = existed ? 200 : 201;
    return response;
}

std::optional<QVector<Attachment>> Api::visibleAttachments(const Agent &agent,
                                                           const QString &ticketId)
{
    std::optional<QVector<Attachment>> list = m_store->attachments(ticketId);
    if (!list || readsTheDesk(agent.role))
        return list;
    // Files sent with an internal note never reach the customer's side, as the note does not.
    const std::optional<QVector<Message>> shown = m_store->publicMessages(ticketId);
    if (!shown)
        return std::nullopt;
    QSet<QString> publicIds;
    for (const Message &m : *shown)
        publicIds.insert(m.id);
    QVector<Attachment> visible;
    for (const Attachment &a : std::as_const(*list)) {
        if (a.messageId.isEmpty()) {
            // No agent: the customer's mail or group, or the console's own upload.
            const std::optional<Agent> by = m_store->agent(a.createdBy);
            if (by && readsTheDesk(by->role))
                continue;
        } else if (!publicIds.contains(a.messageId)) {
            continue;
        }
        visible.append(a);
    }
    return visible;
}

HttpResponse Api::attachmentList(const Agent &agent, const QString &ticketId)
{
    const auto ticket = visibleTicket(agent, ticketId);
    if (const HttpResponse *refused = std::get_if<HttpResponse>(&ticket))
        return *refused;
    const std::optional<QVector<Attachment>> list = visibleAttachments(agent, ticketId);
    if (!list)
        return failure(500, "internal", QStringLiteral("The attachments could not be read."));
    QJsonArray array;
    for (const Attachment &a : *list)
        array.append(a.toJson());
    return ok({ { QStringLiteral("attachments"), array } });
}

HttpResponse Api::attachmentDownload(const Agent &agent, const QString &ticketId,
                                     const QString &attachmentId)
{
    const auto ticket = visibleTicket(agent, ticketId);
    if (const HttpResponse *refused = std::get_if<HttpResponse>(&ticket))
        return *refused;
    const HttpResponse notFound = failure(404, "not-found", QStringLiteral("No such attachment."));
    if (!checkId(attachmentId).isEmpty())
        return notFound;
    const std::optional<Attachment> a = m_store->attachment(attachmentId);
    if (!a)
        return failure(500, "internal", QStringLiteral("The attachment could not be read."));
    if (a->id.isEmpty() || a->ticketId != ticketId) // another ticket's: checked as that one
        return notFound;
    if (!readsTheDesk(agent.role)) { // a note's file is not the console's to read
        const std::optional<QVector<Attachment>> visible = visibleAttachments(agent, ticketId);
        if (!visible)
            return failure(500, "internal", QStringLiteral("The attachment could not be read."));
        if (std::none_of(visible->cbegin(), visible->cend(),
                         [&](const Attachment &v) { return v.id == a->id; }))
            return notFound;
    }
    const std::optional<QByteArray> data = m_store->attachmentData(a->sha256);
    if (!data || data->size() != a->size) {
        qWarning("attachment %s: %s", qPrintable(a->id), qPrintable(m_store->lastError()));
        return failure(500, "internal", QStringLiteral("The attachment's bytes are missing."));
    }
    HttpResponse response;
    response.status = 200;
    response.body = *data;
    response.contentType = a->contentType.toLatin1();
    // Saved, never shown inline by a browser, and never sniffed into something that runs.
    response.headers = { { "Content-Disposition", contentDisposition(a->name) },
                         { "X-Content-Type-Options", "nosniff" },
                         { "Content-Security-Policy", "default-src 'none'; sandbox" },
                         { "ETag", '"' + a->sha256.toLatin1() + '"' },
                         { "Cache-Control", "private, max-age=31536000, immutable" } };
    return response;
}

} // namespace SupportDesk::Server
