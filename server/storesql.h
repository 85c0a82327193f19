// Helpers the store's files share for binding and reading SQL values. Internal to server/store*.
#pragma once

#include "domain.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace SupportDesk::Server {

// Never NULL: an empty text (the NOT NULL columns take "" for "none").
inline QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

inline QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

inline QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// An op's answer without a ticket (the caller adds one where it has it).
inline OperationResult opResult(const Operation &op, const QString &kind,
                                const QString &code = {}, const QStringList &args = {})
{
    OperationResult r;
    r.opId = op.opId;
    r.result = kind;
    r.code = code;
    r.args = args;
    return r;
}

// A time column: timestamptz on PostgreSQL (the driver gives a QDateTime), ISO 8601 UTC text
// on SQLite.
inline QDateTime timeValue(const QVariant &value)
{
    if (value.metaType() == QMetaType::fromType<QDateTime>())
        return value.toDateTime().toUTC();
    return Json::parseTimestamp(value.toString());
}

} // namespace SupportDesk::Server
