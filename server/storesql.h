// Helpers the store's files share for binding and reading SQL values. Internal to server/store*.
#pragma once

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

} // namespace SupportDesk::Server
