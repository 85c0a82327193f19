// Any bytes as a plan catalog. A catalog that loads must answer every rule query.
#include "plancatalog.h"
#include "planrules.h"
#include "responseclock.h"

#include <QTimeZone>

using namespace SupportDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QStringList errors;
    const auto plan = PlanCatalog::fromJson(
            QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &errors);
    if (!plan)
        return 0;
    const PlanRules rules(*plan);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(Q_INT64_C(1764547200000), Qt::UTC);
    rules.quotaMonth(at, QTimeZone(plan->quotaTimeZone().toUtf8()));
    for (const Edition &e : plan->editions()) {
        for (const Channel &c : plan->channels())
            rules.checkChannel(e.id, c.id);
        for (const Severity &s : plan->severities()) {
            const QDateTime due = rules.deadline(e.id, s.id, at);
            ResponseTimes times;
            times.createdAt = at;
            times.deadline = due;
            ResponseClock::status(times, at.addSecs(600));
            SeverityChange change;
            rules.reclassify(e.id, at, plan->severities().first().id, s.id,
                             QStringLiteral("fuzz"), at, QStringLiteral("fuzz"), &change);
        }
        QuotaUse use;
        use.limit = e.monthlyQuota;
        use.used = 11;
        rules.checkQuota(use, QString(), AgentRole::Agent);
    }
    for (const ThirdPartySoftware &s : plan->thirdPartySoftware()) {
        rules.checkSoftware(s.id, QStringLiteral("5.7.33"));
        rules.checkSoftware(s.id, QStringLiteral("2008 R2 SP3"));
    }
    for (const OutOfScopeItem &o : plan->outOfScope())
        rules.checkRequestKind(o.id);
    return 0;
}
