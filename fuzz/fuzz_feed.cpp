// Any bytes as a server reply: a /changes page or a POST /ops answer, decoded as the sync
// engine decodes them (Json::fromJson for every kind of record).
#include "domain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace SupportDesk;

template <typename T>
static void decode(const QJsonObject &data)
{
    T value;
    QStringList problems;
    if (Json::fromJson(data, &value, &problems, QStringLiteral("data")))
        Json::toJson(value); // what decodes must encode again
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonObject o = QJsonDocument::fromJson(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size))).object();
    Json::parseTimestamp(o.value(QStringLiteral("server_time")).toString());
    for (const QJsonValue &v : o.value(QStringLiteral("changes")).toArray()) {
        const QJsonObject d = v.toObject().value(QStringLiteral("data")).toObject();
        decode<Ticket>(d);
        decode<Message>(d);
        decode<Customer>(d);
        decode<Agent>(d);
        decode<TeamSettings>(d);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("results")).toArray())
        decode<OperationResult>(v.toObject());
    for (const QJsonValue &v : o.value(QStringLiteral("ops")).toArray())
        decode<Operation>(v.toObject());
    return 0;
}
