// Triage in the desk (docs/api.md, "Triage"): the leads' read of the mails the gateway kept
// for a person, and their decision on each: file it for a customer under the plan rules, or
// discard it as spam or noise. Answers in server/triagestore.cpp's terms.
#include "api.h"

#include "mailmessage.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace SupportDesk::Server {

namespace {

constexpr int MaxTriagePage = 200;
constexpr qsizetype MaxTextChars = 20000; // a mail's text in the list, before "truncated"
constexpr qsizetype MaxReasonChars = 1000;

// A mail's id in a path: its Message-ID in base64url (a Message-ID holds '/', '@', '<').
QString triageId(const QString &messageId)
{
    return QString::fromLatin1(messageId.toUtf8().toBase64(QByteArray::Base64UrlEncoding
                                                           | QByteArray::OmitTrailingEquals));
}

std::optional<QString> messageIdOf(const QString &id)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        id.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty() || id.size() > 1000)
        return std::nullopt;
    const QString messageId = QString::fromUtf8(decoded.decoded);
    if (messageId.contains(QChar(0)) || triageId(messageId) != id)
        return std::nullopt; // not what an id of ours looks like
    return messageId;
}

QJsonObject triageJson(const TriageMail &m)
{
    // The text as the gateway read it (charsets decoded, HTML made text, history trimmed).
    QString problem;
    const std::optional<InboundMail> mail = parseMail(m.raw, &problem);
    QString text = mail ? mail->body : QString();
    const bool truncated = text.size() > MaxTextChars;
    if (truncated)
        text.truncate(MaxTextChars);
    QJsonArray files;
    for (const QJsonValue &a : m.attachments)
        files.append(QJsonObject {
            { QStringLiteral("name"), a[QStringLiteral("file_name")].toString() },
            { QStringLiteral("content_type"), a[QStringLiteral("content_type")].toString() },
            { QStringLiteral("size"), a[QStringLiteral("size")].toInteger() } });
    QJsonObject o { { QStringLiteral("id"), triageId(m.messageId) },
                    { QStringLiteral("message_id"), m.messageId },
                    { QStringLiteral("state"), m.state },
                    { QStringLiteral("received_at"), Json::timestamp(m.receivedAt) },
                    { QStringLiteral("sender"), m.sender },
                    { QStringLiteral("sender_name"), mail ? mail->fromName : QString() },
                    { QStringLiteral("subject"), m.subject },
                    { QStringLiteral("reason"), m.reason },
                    { QStringLiteral("text"), text },
                    { QStringLiteral("truncated"), truncated },
                    { QStringLiteral("attachments"), files } };
    if (m.state != TriageState::Waiting) {
        o.insert(QStringLiteral("decided_by"), m.decidedBy);
        o.insert(QStringLiteral("decided_at"), Json::timestamp(m.decidedAt));
    }
    if (m.state == TriageState::Filed) {
        o.insert(QStringLiteral("customer_id"), m.customerId);
        o.insert(QStringLiteral("ticket_id"), m.ticketId);
        o.insert(QStringLiteral("ticket_number"), m.ticketNumber);
        o.insert(QStringLiteral("registered_address"), m.registeredAddress);
    }
    if (m.state == TriageState::Discarded)
        o.insert(QStringLiteral("discard_reason"), m.discardReason);
    return o;
}

HttpResponse triageError(int status, const QByteArray &code, const QString &message,
                         const QString &field = {})
{
    return HttpResponse::json(status, errorBody(code, message, field));
}

// A string field of the body: absent or null is empty; anything else but a string, a NUL, or
// more than `max` characters is refused naming it.
std::optional<HttpResponse> stringField(const QJsonObject &body, const QString &name,
                                        qsizetype max, QString *value)
{
    const QJsonValue v = body.value(name);
    if (v.isUndefined())
        return std::nullopt;
    if (!v.isString())
        return badRequest(QStringLiteral("%1 must be a string.").arg(name), name);
    *value = v.toString();
    if (value->contains(QChar(0)) || value->size() > max)
        return badRequest(
            QStringLiteral("%1: at most %2 characters, no NUL.").arg(name).arg(max), name);
    return std::nullopt;
}

} // namespace

HttpResponse Api::triageList(const HttpRequest &request)
{
    QString state = TriageState::Waiting;
    if (request.query.hasQueryItem(QStringLiteral("state")))
        state = request.param(QStringLiteral("state"));
    if (state != TriageState::Waiting && state != TriageState::Filed
        && state != TriageState::Discarded)
        return badRequest(QStringLiteral("state must be waiting, filed or discarded."),
                          QStringLiteral("state"));
    int limit = 50;
    if (request.query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        limit = request.param(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit < 0 || limit > MaxTriagePage)
            return badRequest(
                QStringLiteral("limit must be an integer from 0 to %1.").arg(MaxTriagePage),
                QStringLiteral("limit"));
    }
    const std::optional<qint64> waiting = m_store->triageWaiting();
    // limit=0: the count alone (the desk's badge), no mail parsed.
    const std::optional<QVector<TriageMail>> mails
        = limit > 0 ? m_store->triageMails(state, limit) : QVector<TriageMail>();
    if (!waiting || !mails)
        return triageError(500, "internal", QStringLiteral("The triage could not be read."));
    QJsonArray list;
    for (const TriageMail &m : *mails)
        list.append(triageJson(m));
    return ok({ { QStringLiteral("waiting"), *waiting }, { QStringLiteral("mails"), list } });
}

HttpResponse Api::triageDecide(const Agent &agent, const QString &id, const HttpRequest &request,
                               qint64 *committedSeq)
{
    const std::optional<QString> messageId = messageIdOf(id);
    if (!messageId)
        return triageError(404, "not-found", QStringLiteral("No such mail in triage."));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return badRequest(QStringLiteral("The body must be a JSON object."), QStringLiteral("$"));
    const QJsonObject body = doc.object();
    TriageDecision d;
    d.messageId = *messageId;
    d.action = body.value(QStringLiteral("action")).toString();
    // Every field is checked whatever the action, as docs/openapi.yaml describes the body: a
    // field of the other action with a wrong type (null too) is refused, not ignored.
    QString discardReason;
    for (const auto &[name, max, value] :
         { std::tuple { QStringLiteral("customer_id"), qsizetype(128), &d.customerId },
           std::tuple { QStringLiteral("severity"), qsizetype(128), &d.choice.severity },
           std::tuple { QStringLiteral("sub_client"), qsizetype(128), &d.choice.subClient },
           std::tuple { QStringLiteral("quota_override_reason"), MaxReasonChars,
                        &d.choice.quotaOverrideReason },
           std::tuple { QStringLiteral("reason"), qsizetype(16), &discardReason } }) {
        if (const auto bad = stringField(body, name, max, value))
            return *bad;
    }
    const QJsonValue reg = body.value(QStringLiteral("register_sender"));
    if (!reg.isUndefined() && !reg.isBool())
        return badRequest(QStringLiteral("register_sender must be true or false."),
                          QStringLiteral("register_sender"));
    if ((d.action == u"discard" || body.contains(QStringLiteral("reason")))
        && discardReason != u"spam" && discardReason != u"noise")
        return badRequest(QStringLiteral("reason must be spam or noise."),
                          QStringLiteral("reason"));
    if ((d.action == u"file" || body.contains(QStringLiteral("customer_id")))
        && (d.customerId.isEmpty() || !checkId(d.customerId).isEmpty()))
        return badRequest(QStringLiteral("customer_id must be a customer's id."),
                          QStringLiteral("customer_id"));
    if (d.action == u"file") {
        d.registerSender = reg.toBool();
    } else if (d.action == u"discard") {
        d.customerId.clear();
        d.choice = {};
        d.discardReason = discardReason;
    } else {
        return badRequest(QStringLiteral("action must be file or discard."),
                          QStringLiteral("action"));
    }

    const std::optional<TriageOutcome> out
        = m_store->decideTriage(agent, d, m_limits.maxAttachmentBytes);
    if (!out) {
        qWarning("triage failed: %s", qPrintable(m_store->lastError()));
        return triageError(500, "internal", QStringLiteral("The decision could not be stored."));
    }
    // A refusal shaped as the rules' (code, message, args), naming the field it is about.
    const auto refused = [this](int status, const QString &code, const QString &message,
                                const QStringList &args, const QString &field,
                                const QJsonObject &mail = {}) {
        QJsonObject body { { QStringLiteral("error"),
                             QJsonObject { { QStringLiteral("code"), code },
                                           { QStringLiteral("message"), message },
                                           { QStringLiteral("args"),
                                             QJsonArray::fromStringList(args) },
                                           { QStringLiteral("field"), field } } } };
        if (!mail.isEmpty())
            body.insert(QStringLiteral("mail"), mail);
        HttpResponse r = ok(body);
        r.status = status;
        return r;
    };
    switch (out->result) {
    case TriageOutcome::Result::NotFound:
        return triageError(404, "not-found", QStringLiteral("No such mail in triage."));
    case TriageOutcome::Result::NoCustomer:
        return refused(422, QStringLiteral("unknown-customer"),
                       QStringLiteral("No customer %1.").arg(d.customerId), { d.customerId },
                       QStringLiteral("customer_id"));
    case TriageOutcome::Result::Unreadable:
        qWarning("triage: the kept mail cannot be read: %s", qPrintable(m_store->lastError()));
        return triageError(500, "internal", QStringLiteral("The kept mail cannot be read."));
    case TriageOutcome::Result::Refused: {
        // The rule's code and arguments (the desk words them as for a new ticket) and the
        // rule in English.
        const std::optional<Customer> c = m_store->customer(d.customerId);
        const PlanCatalog *plan = c ? m_catalogs->plan(c->planId) : nullptr;
        const QString field = out->code.startsWith(u"sub-client") ? QStringLiteral("sub_client")
            : out->code.startsWith(u"quota")       ? QStringLiteral("quota_override_reason")
            : out->code.contains(u"severity")      ? QStringLiteral("severity")
                                                   : QStringLiteral("customer_id");
        return refused(422, out->code,
                       RuleCheck::fail(out->code, out->args).message(plan, Language::English),
                       out->args, field);
    }
    case TriageOutcome::Result::Decided:
        return refused(409, QStringLiteral("already-decided"),
                       QStringLiteral("This mail was %1 before.").arg(out->mail.state),
                       { out->mail.state }, QStringLiteral("action"), triageJson(out->mail));
    case TriageOutcome::Result::Applied:
        *committedSeq = m_store->lastSeq();
        break;
    case TriageOutcome::Result::Duplicate:
        break;
    }
    return ok({ { QStringLiteral("result"),
                  out->result == TriageOutcome::Result::Applied ? QStringLiteral("applied")
                                                                : QStringLiteral("duplicate") },
                { QStringLiteral("mail"), triageJson(out->mail) } });
}

} // namespace SupportDesk::Server
