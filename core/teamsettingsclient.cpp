#include "teamsettingsclient.h"

#include "transport.h"

#include <QJsonDocument>

namespace SupportDesk {

TeamSettingsClient::TeamSettingsClient(Transport *transport, QObject *parent)
    : QObject(parent), m_transport(transport)
{
}

TeamSettingsClient::~TeamSettingsClient()
{
    if (m_inFlight)
        m_transport->abort(m_inFlight);
}

QByteArray TeamSettingsClient::requestBody(const TeamSettings &settings)
{
    const QJsonObject body{
            {QStringLiteral("at_risk_fraction"), settings.atRiskFraction},
            {QStringLiteral("notify_before_breach_minutes"), settings.notifyBeforeBreachMinutes}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

bool TeamSettingsClient::save(const TeamSettings &settings)
{
    if (m_inFlight || settings.atRiskFraction <= 0 || settings.atRiskFraction >= 1
        || settings.notifyBeforeBreachMinutes < 0)
        return false;
    m_inFlight = m_transport->send("PUT", QStringLiteral("/settings"), requestBody(settings),
                                   [this](const TransportResponse &r) {
        m_inFlight = 0;
        const QJsonObject o = QJsonDocument::fromJson(r.body).object();
        if (r.status == 200) {
            // The echo: the settings object itself, or under "settings" beside server_time.
            const QJsonObject data = o.value(QStringLiteral("settings")).isObject()
                    ? o.value(QStringLiteral("settings")).toObject()
                    : o;
            TeamSettings echoed;
            QStringList problems;
            if (Json::fromJson(data, &echoed, &problems)) {
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
    });
    return true;
}

} // namespace SupportDesk
