// Triage in the desk over GET/POST /api/v1/triage (see triageclient.h).
#include "triageclient.h"

#include "desksession.h"
#include "transport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace SupportDesk {

TriageClient::TriageClient(DeskSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    connect(session, &DeskSession::lastSyncChanged, this, &TriageClient::refreshCount);
    connect(session, &DeskSession::signedIn, this, &TriageClient::refreshCount);
}

void TriageClient::setWaiting(int waiting)
{
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    emit waitingChanged(waiting);
}

void TriageClient::refreshCount()
{
    // One question at a time: pulls come in bursts, and one answer stands for all of them.
    if (m_counting)
        return;
    m_counting = true;
    m_session->request("GET", QStringLiteral("/triage?limit=0"))
        .then(this, [this](const TransportResponse &r) {
            m_counting = false;
            if (r.status != 200)
                return; // offline or no lead: the count stays as it was
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            setWaiting(int(o.value(QStringLiteral("waiting")).toInteger()));
        });
}

void TriageClient::reload()
{
    m_session->request("GET", QStringLiteral("/triage?limit=200"))
        .then(this, [this](const TransportResponse &r) {
            if (r.status != 200)
                return;
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            m_mails.clear();
            for (const QJsonValue &v : o.value(QStringLiteral("mails")).toArray()) {
                TriageItem m;
                m.id = v[QStringLiteral("id")].toString();
                m.sender = v[QStringLiteral("sender")].toString();
                m.senderName = v[QStringLiteral("sender_name")].toString();
                m.subject = v[QStringLiteral("subject")].toString();
                m.reason = v[QStringLiteral("reason")].toString();
                m.text = v[QStringLiteral("text")].toString();
                m.truncated = v[QStringLiteral("truncated")].toBool();
                m.receivedAt = QDateTime::fromString(v[QStringLiteral("received_at")].toString(),
                                                     Qt::ISODateWithMs);
                for (const QJsonValue &f : v[QStringLiteral("attachments")].toArray())
                    m.files.append({ f[QStringLiteral("name")].toString(),
                                     f[QStringLiteral("content_type")].toString(),
                                     f[QStringLiteral("size")].toInteger() });
                m_mails.append(m);
            }
            setWaiting(int(o.value(QStringLiteral("waiting")).toInteger()));
            emit mailsChanged();
        });
}

void TriageClient::file(const QString &id, const QString &customerId, const QString &subClient,
                        bool registerSender, const QString &quotaOverrideReason)
{
    QJsonObject body { { QStringLiteral("action"), QStringLiteral("file") },
                       { QStringLiteral("customer_id"), customerId },
                       { QStringLiteral("register_sender"), registerSender } };
    if (!subClient.isEmpty())
        body.insert(QStringLiteral("sub_client"), subClient);
    if (!quotaOverrideReason.trimmed().isEmpty())
        body.insert(QStringLiteral("quota_override_reason"), quotaOverrideReason.trimmed());
    decide(id, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void TriageClient::discard(const QString &id, const QString &reason)
{
    decide(id, QJsonDocument(QJsonObject { { QStringLiteral("action"), QStringLiteral("discard") },
                                           { QStringLiteral("reason"), reason } })
                   .toJson(QJsonDocument::Compact));
}

void TriageClient::decide(const QString &id, const QByteArray &body)
{
    // The id is base64url: safe in a path as it is.
    m_session->request("POST", QStringLiteral("/triage/") + id, body)
        .then(this, [this, id](const TransportResponse &r) {
            TriageAnswer a;
            a.status = r.status;
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            const QJsonObject e = o.value(QStringLiteral("error")).toObject();
            a.code = e.value(QStringLiteral("code")).toString();
            a.field = e.value(QStringLiteral("field")).toString();
            a.message = r.status == 0 ? r.error : e.value(QStringLiteral("message")).toString();
            for (const QJsonValue &v : e.value(QStringLiteral("args")).toArray())
                a.args.append(v.toString());
            a.duplicate = o.value(QStringLiteral("result")).toString() == u"duplicate";
            a.ticketNumber = o.value(QStringLiteral("mail"))[QStringLiteral("ticket_number")]
                                 .toInteger();
            if (r.status == 200 || a.code == u"already-decided") {
                // Gone from the waiting list either way.
                m_mails.removeIf([&id](const TriageItem &m) { return m.id == id; });
                emit mailsChanged();
            }
            emit decided(id, a);
            refreshCount();
        });
}

} // namespace SupportDesk
