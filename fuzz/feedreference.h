// The change feed's page read the way the sync engine read it before FeedDecoder: Qt's JSON
// parser and the shared Json::fromJson readers. FeedDecoder must give the same records and the
// same problems for every page Qt can parse; fuzz_feed and tst_feedcodec hold it to that.
#pragma once

#include "feedcodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace SupportDesk::FeedReference {

// False when Qt cannot parse the page or it is not an object.
inline bool decode(const QByteArray &bytes, qint64 after, FeedPage *page, QStringList *problems)
{
    *page = FeedPage();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    const QJsonObject o = doc.object();
    page->serverTime = Json::parseTimestamp(o.value(QStringLiteral("server_time")).toString());
    page->hasMore = o.value(QStringLiteral("has_more")).toBool();
    page->lastSeq = after;
    const QJsonArray changes = o.value(QStringLiteral("changes")).toArray();
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject c = changes.at(i).toObject();
        const QString kind = c.value(QStringLiteral("kind")).toString();
        const QJsonObject data = c.value(QStringLiteral("data")).toObject();
        const QString path = QStringLiteral("changes[%1].data").arg(i);
        page->lastSeq = std::max(page->lastSeq,
                                 Json::nonNegativeInteger(c.value(QStringLiteral("seq"))));
        if (kind == u"ticket") {
            Ticket t;
            if (Json::fromJson(data, &t, problems, path))
                page->tickets.append(t);
        } else if (kind == u"message") {
            Message m;
            if (Json::fromJson(data, &m, problems, path))
                page->messages.append(m);
        } else if (kind == u"customer") {
            Customer cu;
            if (Json::fromJson(data, &cu, problems, path))
                page->customers.append(cu);
        } else if (kind == u"agent") {
            Agent a;
            if (Json::fromJson(data, &a, problems, path))
                page->agents.append(a);
        } else if (kind == u"settings") {
            TeamSettings s;
            if (Json::fromJson(data, &s, problems, path))
                page->settings = s;
        } else if (kind == u"severity_change") {
            SeverityChange sc;
            if (Json::fromJson(data, &sc, problems, path)) {
                if (sc.id.isEmpty())
                    problems->append(QStringLiteral("%1.id: is required").arg(path));
                else
                    page->severityChanges.append(sc);
            }
        }
    }
    page->lastSeq = std::max(page->lastSeq,
                             Json::nonNegativeInteger(o.value(QStringLiteral("last_seq"))));
    return true;
}

// The page's records as JSON, to compare two decodings in one step.
inline QByteArray describe(const FeedPage &page)
{
    QJsonArray records;
    for (const Ticket &t : page.tickets)
        records.append(Json::toJson(t));
    for (const Message &m : page.messages)
        records.append(Json::toJson(m));
    for (const Customer &c : page.customers)
        records.append(Json::toJson(c));
    for (const Agent &a : page.agents)
        records.append(Json::toJson(a));
    if (page.settings)
        records.append(Json::toJson(*page.settings));
    for (const SeverityChange &c : page.severityChanges)
        records.append(Json::toJson(c));
    const QJsonObject o{{QStringLiteral("server_time"), Json::timestamp(page.serverTime)},
                        {QStringLiteral("last_seq"), page.lastSeq},
                        {QStringLiteral("has_more"), page.hasMore},
                        {QStringLiteral("records"), records}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace SupportDesk::FeedReference
