// Any bytes as a server reply: a /changes page or a POST /ops answer, decoded as the sync
// engine decodes them (FeedDecoder for a page, Json::fromJson for the rest). A page is also
// read the way Qt's parser reads it (feedreference.h): whenever both can read it they must
// give the same records and the same problems, else the target aborts.
#include "domain.h"
#include "feedcodec.h"
#include "feedreference.h"

#include <cstdio>
#include <cstdlib>

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

static void comparePage(const QByteArray &bytes)
{
    static FeedDecoder decoder;
    FeedPage page, reference;
    QString error;
    QStringList problems, referenceProblems;
    const FeedDecoder::Status status = decoder.decode(bytes, 7, &page, &error, &problems);
    if (!FeedReference::decode(bytes, 7, &reference, &referenceProblems))
        return; // Qt cannot read it either (or reads it as no object)
    if (status == FeedDecoder::Status::Unreadable)
        return; // JSON Qt tolerates and simdjson does not (a lone surrogate): refused whole
    const bool same = status == FeedDecoder::Status::Ok
            ? referenceProblems.isEmpty()
                    && FeedReference::describe(page) == FeedReference::describe(reference)
            : problems == referenceProblems;
    if (!same) {
        std::fprintf(stderr, "FeedDecoder and Qt's reading differ:\n%s\n%s\n%s\n%s\n",
                     FeedReference::describe(page).constData(),
                     FeedReference::describe(reference).constData(),
                     qPrintable(problems.join(u'\n')),
                     qPrintable(referenceProblems.join(u'\n')));
        std::abort();
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    comparePage(bytes);
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
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
