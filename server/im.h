// IM groups (docs/api.md, "IM groups"): a customer's WeCom or Slack group, whose messages come
// in by a signed webhook and whose tickets' public replies go back to the group's own webhook.
#pragma once

#include "plancatalog.h"
#include "planrules.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace SupportDesk::Server {

struct ImGroup
{
    QString id;
    QString customerId;
    QString subClient; // a partner's sub-client account its tickets are for
    QString kind; // wecom, slack, … (the catalog's channel kinds)
    QString name;
    QByteArray secret; // signs both ways (HMAC-SHA256)
    QString outgoingUrl; // where the desk's public replies are posted
};

namespace Im {
// Request header fields of the webhook in, and of the posts out.
inline constexpr const char *TimestampHeader = "x-supportdesk-timestamp";
inline constexpr const char *SignatureHeader = "x-supportdesk-signature";
inline constexpr const char *DeliveryHeader = "x-supportdesk-delivery";
// How far a signed timestamp may be from the server's time (replays older than this are
// refused; within it, a message id already taken is a duplicate).
inline constexpr qint64 WindowSeconds = 300;

// "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body).
QByteArray signature(const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body);
// Compares in time independent of where the two differ.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
// Empty when the request is signed by `secret` within the window around `now`, else why not.
QString checkSignature(const QByteArray &secret, const QByteArray &timestamp,
                       const QByteArray &signatureHeader, const QByteArray &body,
                       const QDateTime &now);

// The plan's reason a group's message is refused, from the catalog in both languages:
// {"channel": {zh, en}, "edition": {zh, en}, "editions_with": [{zh, en}…], "notes": {zh, en}}.
QJsonObject refusalReason(const PlanCatalog &plan, const RuleCheck &check);

// The backoff after `attempts` failed deliveries: 1, 2, 4 … seconds, at most 10 minutes.
qint64 backoffSeconds(int attempts);
} // namespace Im

} // namespace SupportDesk::Server
