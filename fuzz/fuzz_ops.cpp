// Any bytes as an op batch (a POST /ops body, or the outbox's stored op) and as its answer:
// every op and result through the op codec (Json::fromJson), and what decodes must encode to
// a form that decodes to the same encoding again.
#include "domain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

using namespace SupportDesk;

template <typename T>
static void roundTrip(const QJsonObject &o)
{
    T first;
    QStringList problems;
    if (!Json::fromJson(o, &first, &problems, QStringLiteral("op")))
        return;
    const QJsonObject encoded = Json::toJson(first);
    T second;
    if (!Json::fromJson(encoded, &second, &problems, QStringLiteral("op")))
        std::abort(); // the codec wrote what it cannot read
    if (Json::toJson(second) != encoded)
        std::abort(); // a decode-encode pass is not stable
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    const QJsonObject o = doc.object();
    roundTrip<Operation>(o); // one op, as the outbox stores it
    for (const QJsonValue &v : o.value(QStringLiteral("ops")).toArray())
        roundTrip<Operation>(v.toObject());
    for (const QJsonValue &v : o.value(QStringLiteral("results")).toArray())
        roundTrip<OperationResult>(v.toObject());
    return 0;
}
