#include "servicereportjson.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace SupportDesk {

QString serviceReportPath(const QString &customerId, int year, int month)
{
    return QStringLiteral("/reports/customer/%1?month=%2-%3")
            .arg(customerId) // the transport's QUrl encodes the path
            .arg(year, 4, 10, QLatin1Char('0'))
            .arg(month, 2, 10, QLatin1Char('0'));
}

static AttainmentCell cellFromJson(const QJsonObject &o)
{
    AttainmentCell c;
    c.answered = o.value(QStringLiteral("answered")).toInt();
    c.inTime = o.value(QStringLiteral("in_time")).toInt();
    c.breachedOpen = o.value(QStringLiteral("breached_open")).toInt();
    return c;
}

static QVector<TicketFacts> factsFromJson(const QJsonArray &list, const Customer &customer,
                                          bool overQuota)
{
    QVector<TicketFacts> facts;
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        TicketFacts f;
        f.id = o.value(QStringLiteral("id")).toString();
        f.number = qint64(o.value(QStringLiteral("number")).toDouble());
        f.customerId = customer.id;
        f.planId = customer.planId;
        f.editionId = customer.editionId;
        f.severity = o.value(QStringLiteral("severity")).toString();
        f.createdAt = Json::parseTimestamp(o.value(QStringLiteral("created_at")).toString());
        f.dueAt = Json::parseTimestamp(o.value(QStringLiteral("due_at")).toString());
        f.firstResponseAt
                = Json::parseTimestamp(o.value(QStringLiteral("first_response_at")).toString());
        f.quotaOverrideReason = o.value(QStringLiteral("quota_override_reason")).toString();
        if (overQuota)
            f.flags.append(QStringLiteral("over-quota"));
        facts.append(f);
    }
    return facts;
}

bool serviceReportFromJson(const QJsonObject &body, const Customer &customer,
                           ServiceReport *report, QStringList *problems)
{
    static const QRegularExpression monthPattern(QStringLiteral("^([0-9]{4})-([0-9]{2})$"));
    const QRegularExpressionMatch month
            = monthPattern.match(body.value(QStringLiteral("month")).toString());
    const QString customerId = body.value(QStringLiteral("customer"))
                                       .toObject()
                                       .value(QStringLiteral("id"))
                                       .toString();
    if (!month.hasMatch())
        problems->append(QStringLiteral("month: not YYYY-MM"));
    if (customerId != customer.id)
        problems->append(QStringLiteral("customer.id: %1, not %2").arg(customerId, customer.id));
    if (!body.value(QStringLiteral("tickets")).isDouble())
        problems->append(QStringLiteral("tickets: not a number"));
    if (!problems->isEmpty())
        return false;
    ServiceReport r;
    r.customerId = customer.id;
    r.year = month.captured(1).toInt();
    r.month = month.captured(2).toInt();
    r.start = Json::parseTimestamp(body.value(QStringLiteral("start")).toString());
    r.end = Json::parseTimestamp(body.value(QStringLiteral("end")).toString());
    r.tickets = body.value(QStringLiteral("tickets")).toInt();
    const QJsonObject bySeverity = body.value(QStringLiteral("by_severity")).toObject();
    for (auto it = bySeverity.begin(); it != bySeverity.end(); ++it)
        r.bySeverity.insert(it.key(), it.value().toInt());
    const QJsonObject attainment = body.value(QStringLiteral("attainment")).toObject();
    r.attainment.overall = cellFromJson(attainment.value(QStringLiteral("overall")).toObject());
    const QJsonObject cells = attainment.value(QStringLiteral("cells")).toObject();
    for (auto it = cells.begin(); it != cells.end(); ++it)
        r.attainment.cells.insert(it.key(), cellFromJson(it.value().toObject()));
    r.overQuota
            = factsFromJson(body.value(QStringLiteral("over_quota")).toArray(), customer, true);
    r.breaches = factsFromJson(body.value(QStringLiteral("breaches")).toArray(), customer, false);
    for (TicketFacts &b : r.breaches) {
        for (const TicketFacts &o : std::as_const(r.overQuota)) {
            if (o.id == b.id)
                b.flags = o.flags;
        }
    }
    const QJsonValue changes = body.value(QStringLiteral("reclassifications"));
    if (!changes.isUndefined() && !changes.isArray())
        problems->append(QStringLiteral("reclassifications: not an array"));
    const QJsonArray list = changes.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        SeverityChange c;
        if (Json::fromJson(list.at(i).toObject(), &c, problems,
                           QStringLiteral("reclassifications[%1]").arg(i)))
            r.reclassifications.append(c);
    }
    if (!problems->isEmpty())
        return false;
    *report = r;
    return true;
}

} // namespace SupportDesk
