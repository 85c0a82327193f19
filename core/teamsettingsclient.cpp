#include "teamsettingsclient.h"

#include "desksession.h"
#include "transport.h"

#include <QJsonDocument>
#include <QPromise>

#include <memory>

namespace SupportDesk {

TeamSettingsClient::TeamSettingsClient(DeskSession *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    m_send = [session](const QByteArray &method, const QString &path, const QByteArray &body) {
        return session->request(method, path, body);
    };
    connect(session, &DeskSession::syncStateChanged, this,
            &TeamSettingsClient::connectedChanged);
}

TeamSettingsClient::TeamSettingsClient(Transport *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
    m_send = [this](const QByteArray &method, const QString &path, const QByteArray &body) {
        auto promise = std::make_shared<QPromise<TransportResponse>>();
        promise->start();
        // Finished from the event loop, never inside send() (a transport may answer there):
        // save() attaches its continuation after this returns, and a future finished by then
        // runs it inside save(), before the caller knows a save is under way.
        m_transportRequest = m_transport->send(method, path, body,
                                               [this, promise](const TransportResponse &r) {
            QMetaObject::invokeMethod(
                    this,
                    [promise, r] {
                        promise->addResult(r);
                        promise->finish();
                    },
                    Qt::QueuedConnection);
        });
        return promise->future();
    };
}

TeamSettingsClient::~TeamSettingsClient()
{
    if (m_transport && m_busy)
        m_transport->abort(m_transportRequest);
}

bool TeamSettingsClient::isConnected() const
{
    return !m_session || m_session->isOnline();
}

QByteArray TeamSettingsClient::requestBody(const TeamSettings &settings)
{
    // Every field the lead edits (the server's seq is not the client's to say).
    QJsonObject body = Json::toJson(settings);
    body.remove(QStringLiteral("seq"));
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

bool TeamSettingsClient::save(const TeamSettings &settings)
{
    if (m_busy || settings.atRiskFraction <= 0 || settings.atRiskFraction >= 1
        || settings.notifyBeforeBreachMinutes < 0)
        return false;
    m_busy = true;
    // Continued on this object's thread, and never after it is gone.
    m_send("PUT", QStringLiteral("/settings"), requestBody(settings))
            .then(this, [this](const TransportResponse &r) { answer(r); })
            .onCanceled(this, [this] {
                TransportResponse r;
                r.error = tr("the request was given up");
                answer(r);
            });
    return true;
}

void TeamSettingsClient::answer(const TransportResponse &r)
{
    m_busy = false;
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    if (r.status == 200) {
        // The echo: the settings object itself, or under "settings" beside server_time.
        const QJsonObject data = o.value(QStringLiteral("settings")).isObject()
                ? o.value(QStringLiteral("settings")).toObject()
                : o;
        TeamSettings echoed;
        QStringList problems;
        if (Json::fromJson(data, &echoed, &problems)) {
            // The feed brings them to the cache (and every desk); this one need not wait for
            // the push hint.
            if (m_session)
                m_session->syncNow();
            emit saved(echoed);
        } else {
            emit failed(r.status, QString(),
                        tr("The server's reply could not be read: %1")
                                .arg(problems.join(QStringLiteral("; "))));
        }
        return;
    }
    const QJsonObject error = o.value(QStringLiteral("error")).toObject();
    const QString code = error.value(QStringLiteral("code")).toString();
    QString message;
    if (r.status == 0)
        message = tr("The server could not be reached: %1").arg(r.error);
    else if (r.status == 401)
        message = tr("The server refused the sign-in token. Sign in again.");
    else if (r.status == 403)
        message = tr("Only team leads may change the team settings.");
    else if (r.status == 400)
        message = tr("The server refused the values: %1")
                          .arg(error.value(QStringLiteral("message")).toString());
    else
        message = tr("The server answered %1.").arg(r.status);
    emit failed(r.status, code, message);
}

} // namespace SupportDesk
