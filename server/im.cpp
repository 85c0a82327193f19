// The pure rules of IM groups (see im.h).
#include "im.h"

#include <QJsonArray>
#include <QMessageAuthenticationCode>

namespace SupportDesk::Server::Im {

QByteArray signature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
{
    return "sha256="
        + QMessageAuthenticationCode::hash(timestamp + '.' + body, secret,
                                           QCryptographicHash::Sha256)
              .toHex();
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Every byte is looked at whatever the first difference, so the time an attacker measures
    // says nothing of how much of a forged signature was right.
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

QString checkSignature(const QByteArray &secret, const QByteArray &timestamp,
                       const QByteArray &signatureHeader, const QByteArray &body,
                       const QDateTime &now)
{
    bool ok = false;
    const qint64 at = timestamp.toLongLong(&ok);
    if (!ok || timestamp.isEmpty()
        || !std::all_of(timestamp.cbegin(), timestamp.cend(),
                        [](char c) { return c >= '0' && c <= '9'; }))
        return QStringLiteral("%1 must be the Unix time in seconds.")
            .arg(QLatin1String(TimestampHeader));
    if (!constantTimeEquals(signature(secret, timestamp, body), signatureHeader))
        return QStringLiteral("The signature does not match.");
    // Checked after the signature, so an unsigned request learns nothing of the window.
    if (std::abs(now.toSecsSinceEpoch() - at) > WindowSeconds)
        return QStringLiteral("The timestamp is more than %1 s from the server's time.")
            .arg(WindowSeconds);
    return {};
}

QJsonObject refusalReason(const PlanCatalog &plan, const RuleCheck &check)
{
    const auto both = [](const LocalizedText &t) {
        return QJsonObject { { QStringLiteral("zh"), t.zh }, { QStringLiteral("en"), t.en } };
    };
    // channel-not-entitled's args: channel, edition, then the editions that have it.
    QJsonObject reason;
    const Channel *channel = plan.channel(check.args.value(0));
    if (channel) {
        reason.insert(QStringLiteral("channel"), both(channel->names));
        reason.insert(QStringLiteral("notes"), both(channel->notes));
    }
    if (const Edition *e = plan.edition(check.args.value(1)))
        reason.insert(QStringLiteral("edition"), both(e->names));
    QJsonArray with;
    for (qsizetype i = 2; i < check.args.size(); ++i) {
        if (const Edition *e = plan.edition(check.args.at(i)))
            with.append(both(e->names));
    }
    reason.insert(QStringLiteral("editions_with"), with);
    return reason;
}

qint64 backoffSeconds(int attempts)
{
    return std::min<qint64>(qint64(1) << (std::clamp(attempts, 1, 20) - 1), 600);
}

} // namespace SupportDesk::Server::Im
