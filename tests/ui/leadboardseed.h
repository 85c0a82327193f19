// A desk seeded for the lead board tests: a cache on a temporary file with two customers,
// three agents and 21 tickets, and a manual clock at 2026-11-22 10:00 UTC (18:00 in Shanghai).
// Every figure the tests expect is worked out from this list.
#pragma once

#include "desksession.h"
#include "leadboardmodel.h"
#include "ticketcache.h"

#include <QJsonDocument>
#include <QTemporaryDir>

#include <memory>

struct LeadBoardSeed
{
    QTemporaryDir dir;
    std::unique_ptr<SupportDesk::TicketCache> cache;
    SupportDesk::ManualClock clock{QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC)};
    std::optional<SupportDesk::CatalogSet> catalogs;
    std::unique_ptr<SupportDesk::LeadBoardModel> board;
    QHash<QString, SupportDesk::Ticket> tickets;

    static QDateTime utc(const char *iso)
    {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
    }

    SupportDesk::Ticket ticket(const char *id, const char *plan, const char *edition,
                               const char *severity, const char *created, int targetMinutes,
                               const char *answered, const char *assignee,
                               const char *status = "new") const
    {
        SupportDesk::Ticket t;
        t.id = QString::fromLatin1(id);
        t.customerId = qstrcmp(plan, "partner-plan") == 0 ? QStringLiteral("p1")
                                                          : QStringLiteral("c1");
        t.subject = QStringLiteral("Ticket %1").arg(t.id);
        t.channel = QStringLiteral("ticket");
        t.planId = QString::fromLatin1(plan);
        t.editionId = QString::fromLatin1(edition);
        t.severity = QString::fromLatin1(severity);
        t.status = QString::fromLatin1(status);
        t.assigneeId = QString::fromLatin1(assignee);
        t.createdAt = utc(created);
        t.dueAt = t.createdAt.addSecs(qint64(targetMinutes) * 60);
        t.updatedAt = t.createdAt;
        if (answered)
            t.firstResponseAt = utc(answered);
        t.version = 1;
        return t;
    }

    bool open()
    {
        using namespace SupportDesk;
        QStringList errors;
        catalogs = CatalogSet::loadBuiltIn(&errors);
        if (!catalogs || !dir.isValid())
            return false;
        cache = std::make_unique<TicketCache>(QStringLiteral("leadboard-seed"));
        if (cache->open(dir.filePath(QStringLiteral("cache.sqlite"))) != TicketCache::OpenStatus::Ok)
            return false;

        Customer acme;
        acme.id = QStringLiteral("c1");
        acme.name = QStringLiteral("Acme Retail");
        acme.planId = QStringLiteral("service-plan");
        acme.editionId = QStringLiteral("s2-enterprise");
        Customer globex;
        globex.id = QStringLiteral("p1");
        globex.name = QStringLiteral("Globex Partners");
        globex.planId = QStringLiteral("partner-plan");
        globex.editionId = QStringLiteral("standard"); // 10 tickets a month
        const QVector<Agent> agents{
                {QStringLiteral("ann"), QStringLiteral("Ann Lee"), AgentRole::Agent, {}, 0},
                {QStringLiteral("bob"), QStringLiteral("Bob Wu"), AgentRole::Agent, {}, 0},
                {QStringLiteral("lee"), QStringLiteral("Lee Chen"), AgentRole::Lead, {}, 0}};

        const char *sp = "service-plan";
        QVector<Ticket> list{
                // S2 business-down (15 min), 300 s left: on track (at risk from 225 s); nobody.
                ticket("A", sp, "s2-enterprise", "business-down", "2026-11-22T09:50:00Z", 15, nullptr, ""),
                // 120 s left: at risk.
                ticket("B", sp, "s2-enterprise", "business-down", "2026-11-22T09:47:00Z", 15, nullptr, "ann"),
                // S2 degraded (30 min), due 09:50: breached.
                ticket("C", sp, "s2-enterprise", "business-degraded", "2026-11-22T09:20:00Z", 30, nullptr, "ann"),
                // S3 consultation (2 h): answered in 30 min, still open.
                ticket("D", sp, "s3-commercial", "consultation", "2026-11-22T09:00:00Z", 120,
                       "2026-11-22T09:30:00Z", "bob", "accepted"),
                // Due 09:00, answered 09:10: late; still open.
                ticket("E", sp, "s3-commercial", "consultation", "2026-11-22T07:00:00Z", 120,
                       "2026-11-22T09:10:00Z", "bob", "waiting-on-customer"),
                // S1 degraded (30 min), 300 s left: at risk (from 450 s); nobody.
                ticket("F", sp, "s1-flagship", "business-degraded", "2026-11-22T09:35:00Z", 30, nullptr, ""),
                // S4 consultation (2 h), exactly 60 min left: in the 60-minute list only.
                ticket("G", sp, "s4-basic", "consultation", "2026-11-22T09:00:00Z", 120, nullptr, "bob"),
                // Yesterday (Shanghai), answered in 5 min, resolved.
                ticket("H", sp, "s2-enterprise", "business-down", "2026-11-21T02:00:00Z", 15,
                       "2026-11-21T02:05:00Z", "ann", "resolved"),
                // S4 business-down (2 h for Basic), 90 min left; nobody.
                ticket("I", sp, "s4-basic", "business-down", "2026-11-22T09:30:00Z", 120, nullptr, ""),
                // An edition the catalogs do not know: the grey "?" row; 70 min left.
                ticket("X", sp, "s9-legacy", "consultation", "2026-11-22T09:10:00Z", 120, nullptr, ""),
        };
        list[1].number = 102;
        list[1].subject = QStringLiteral("Payments down");
        // Globex: ten closed consultations (16 h) on 1–10 November, answered in 30 min but P3
        // after 17 h; then P11 today, over the monthly quota of 10.
        for (int day = 1; day <= 10; ++day) {
            const QByteArray id = "P" + QByteArray::number(day);
            const QByteArray created = "2026-11-" + QByteArray::number(day).rightJustified(2, '0')
                    + "T02:00:00Z";
            Ticket t = ticket(id.constData(), "partner-plan", "standard", "consultation",
                              created.constData(), 960, nullptr, "ann", "closed");
            t.firstResponseAt = t.createdAt.addSecs(day == 3 ? 17 * 3600 : 30 * 60);
            t.number = 200 + day;
            list.append(t);
        }
        // Production exception (30 min), 1200 s left: in the 30-minute list, not the 15.
        Ticket p11 = ticket("P11", "partner-plan", "standard", "production-abnormal",
                            "2026-11-22T09:50:00Z", 30, nullptr, "ann");
        p11.number = 211;
        p11.flags = QStringList{QStringLiteral("over-quota")};
        p11.quotaOverrideReason = QStringLiteral("sub-client outage");
        list.append(p11);
        for (const Ticket &t : std::as_const(list))
            tickets.insert(t.id, t);
        if (!cache->applyChanges(list, {}, {acme, globex}, agents, std::nullopt, 40, true, nullptr))
            return false;
        board = std::make_unique<LeadBoardModel>(cache.get(), *catalogs, &clock);
        board->setViewerRole(AgentRole::Lead);
        return true;
    }

    // The seeded cache as the desk opens it: signed in as Ann (an agent), closed here, and a
    // DeskSession on its file. Null when the session could not open it.
    std::unique_ptr<SupportDesk::DeskSession> openSessionAsAnn()
    {
        using namespace SupportDesk;
        const Agent me{QStringLiteral("ann"), QStringLiteral("Ann Lee"), AgentRole::Agent,
                       QStringLiteral("en"), 0};
        if (!cache->setSyncValue(QStringLiteral("me"),
                                 QString::fromUtf8(QJsonDocument(Json::toJson(me)).toJson())))
            return nullptr;
        const QString path = cache->path();
        board.reset();
        cache->close();
        auto session = std::make_unique<DeskSession>();
        SessionConfig config;
        config.cachePath = path;
        if (session->open(config) != TicketCache::OpenStatus::Ok)
            return nullptr;
        return session;
    }

    // Moves a customer to another edition of its plan in the cache (a sync bringing it) and
    // lets the board read its directory again: Globex on the partner Enterprise, which has
    // service reports (its tickets keep the edition they were opened under).
    bool setEdition(const QString &customerId, const QString &editionId)
    {
        std::optional<SupportDesk::Customer> c = cache->customer(customerId);
        if (!c)
            return false;
        c->editionId = editionId;
        if (!cache->applyChanges({}, {}, {*c}, {}, std::nullopt, 41, true, nullptr))
            return false;
        if (board)
            board->reloadDirectory();
        return true;
    }
};
