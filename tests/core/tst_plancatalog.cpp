// The built-in catalogs against every cell of the seeds' tables, and broken catalogs refused.
#include "plancatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace SupportDesk;

class TestPlanCatalog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void editions_data();
    void editions();
    void targets_data();
    void targets();
    void severities();
    void channels_data();
    void channels();
    void hotlineNumbers();
    void quotas_data();
    void quotas();
    void handledBy();
    void entitlements_data();
    void entitlements();
    void thirdPartySoftware_data();
    void thirdPartySoftware();
    void outOfScope();
    void bilingualTexts();
    void jsonRoundTrip();
    void brokenCatalogs_data();
    void brokenCatalogs();
    void everyProblemReported();
    void emailIsAWayIntoTicket();

private:
    const PlanCatalog &plan(const QString &id) { return *m_catalogs->plan(id); }
    std::optional<CatalogSet> m_catalogs;
};

void TestPlanCatalog::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
    QVERIFY(m_catalogs->plan(u"service-plan"));
    QVERIFY(m_catalogs->plan(u"partner-plan"));
}

void TestPlanCatalog::editions_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QStringList>("zh");
    QTest::addColumn<QStringList>("en");
    QTest::newRow("service plan") << "service-plan"
                                  << QStringList{"s1-flagship", "s2-enterprise", "s3-commercial", "s4-basic"}
                                  << QStringList{"S1", "S2", "S3", "S4"}
                                  << QStringList{"旗舰版", "企业版", "商业版", "基础版"}
                                  << QStringList{"Flagship", "Enterprise", "Commercial", "Basic"};
    QTest::newRow("partner plan") << "partner-plan"
                                  << QStringList{"enterprise", "commercial", "standard"}
                                  << QStringList{"ENT", "COM", "STD"}
                                  << QStringList{"企业版", "商业版", "标准版"}
                                  << QStringList{"Enterprise", "Commercial", "Standard"};
}

void TestPlanCatalog::editions()
{
    QFETCH(QString, planId);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, codes);
    QFETCH(QStringList, zh);
    QFETCH(QStringList, en);
    const auto &editions = plan(planId).editions();
    QCOMPARE(editions.size(), ids.size());
    QSet<QString> colours;
    for (int i = 0; i < ids.size(); ++i) {
        QCOMPARE(editions.at(i).id, ids.at(i));
        QCOMPARE(editions.at(i).rank, i + 1); // highest first
        QCOMPARE(editions.at(i).code, codes.at(i));
        QCOMPARE(editions.at(i).names.zh, zh.at(i));
        QCOMPARE(editions.at(i).names.en, en.at(i));
        colours.insert(editions.at(i).badgeColor.toLower());
    }
    QCOMPARE(colours.size(), ids.size()); // distinct badge colours
    // Basic is free for every customer; every other edition is bought.
    for (const Edition &e : editions)
        QCOMPARE(e.free, e.id == u"s4-basic");
}

void TestPlanCatalog::targets_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<QString>("severity");
    QTest::addColumn<int>("minutes");
    const struct
    {
        const char *edition;
        int down, degraded, consultation;
    } service[] = {{"s4-basic", 120, 120, 120},
                   {"s3-commercial", 30, 60, 120},
                   {"s2-enterprise", 15, 30, 60},
                   {"s1-flagship", 15, 30, 60}};
    for (const auto &row : service) {
        QTest::addRow("service %s down", row.edition)
                << "service-plan" << row.edition << "business-down" << row.down;
        QTest::addRow("service %s degraded", row.edition)
                << "service-plan" << row.edition << "business-degraded" << row.degraded;
        QTest::addRow("service %s consultation", row.edition)
                << "service-plan" << row.edition << "consultation" << row.consultation;
    }
    for (const char *edition : {"standard", "commercial", "enterprise"}) {
        QTest::addRow("partner %s down", edition) << "partner-plan" << edition << "business-down" << 15;
        QTest::addRow("partner %s production", edition)
                << "partner-plan" << edition << "production-abnormal" << 30;
        QTest::addRow("partner %s degraded", edition)
                << "partner-plan" << edition << "business-degraded" << 8 * 60;
        QTest::addRow("partner %s consultation", edition)
                << "partner-plan" << edition << "consultation" << 16 * 60;
    }
}

void TestPlanCatalog::targets()
{
    QFETCH(QString, planId);
    QFETCH(QString, edition);
    QFETCH(QString, severity);
    QFETCH(int, minutes);
    QCOMPARE(plan(planId).targetMinutes(edition, severity), std::optional<int>(minutes));
}

void TestPlanCatalog::severities()
{
    const auto ids = [](const PlanCatalog &p) {
        QStringList list;
        for (const Severity &s : p.severities())
            list.append(s.id);
        return list;
    };
    QCOMPARE(ids(plan(QStringLiteral("service-plan"))),
             (QStringList{"business-down", "business-degraded", "consultation"}));
    QCOMPARE(ids(plan(QStringLiteral("partner-plan"))),
             (QStringList{"business-down", "production-abnormal", "business-degraded",
                          "consultation"}));
    const PlanCatalog &service = plan(QStringLiteral("service-plan"));
    QCOMPARE(service.severity(u"business-down")->names.zh, QStringLiteral("业务不可用"));
    QCOMPARE(service.severity(u"business-degraded")->names.zh, QStringLiteral("业务/系统异常"));
    QCOMPARE(service.severity(u"consultation")->names.zh, QStringLiteral("使用咨询"));
    QVERIFY(service.severity(u"business-down")->definitions.zh.contains(QStringLiteral("需要立即处理")));
    // The partner seed's examples are shown where an agent picks a severity.
    const PlanCatalog &partner = plan(QStringLiteral("partner-plan"));
    QVERIFY(partner.severity(u"business-down")->examples.en.join(u' ').contains(
            QStringLiteral("production data"), Qt::CaseInsensitive));
    QVERIFY(partner.severity(u"production-abnormal")->examples.en.join(u' ').contains(
            QStringLiteral("CLB"), Qt::CaseInsensitive));
    QVERIFY(partner.severity(u"business-degraded")->examples.en.join(u' ').contains(
            QStringLiteral("intermittent"), Qt::CaseInsensitive));
    for (const PlanCatalog &p : m_catalogs->plans()) {
        for (const Severity &s : p.severities()) {
            QVERIFY2(!s.examples.zh.isEmpty() && s.examples.zh.size() == s.examples.en.size(),
                     qPrintable(p.id() + u' ' + s.id));
        }
        QCOMPARE(p.severityRank(u"business-down"), 0);
        QCOMPARE(p.severityRank(u"consultation"), p.severities().size() - 1);
    }
}

void TestPlanCatalog::channels_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<QStringList>("channels");
    const QStringList basic{"hotline", "ticket"};
    const QStringList withIm{"hotline", "ticket", "im-group"};
    QTest::newRow("S1") << "service-plan" << "s1-flagship" << withIm;
    QTest::newRow("S2") << "service-plan" << "s2-enterprise" << withIm;
    QTest::newRow("S3") << "service-plan" << "s3-commercial" << basic;
    QTest::newRow("S4") << "service-plan" << "s4-basic" << basic;
    QTest::newRow("enterprise") << "partner-plan" << "enterprise" << withIm;
    QTest::newRow("commercial") << "partner-plan" << "commercial" << basic;
    QTest::newRow("standard") << "partner-plan" << "standard" << basic;
}

void TestPlanCatalog::channels()
{
    QFETCH(QString, planId);
    QFETCH(QString, edition);
    QFETCH(QStringList, channels);
    QStringList actual = plan(planId).edition(edition)->channels;
    actual.sort();
    channels.sort();
    QCOMPARE(actual, channels);
    for (const Channel &c : plan(planId).channels())
        QCOMPARE(c.hours, QStringLiteral("7x24"));
}

void TestPlanCatalog::hotlineNumbers()
{
    const Channel *domestic = plan(QStringLiteral("service-plan")).channel(u"hotline");
    QVERIFY(domestic);
    QStringList dedicatedFor;
    bool general = false;
    for (const HotlineNumber &n : domestic->numbers) {
        QCOMPARE(n.number, QStringLiteral("95716"));
        if (n.editions.isEmpty())
            general = true;
        dedicatedFor += n.editions;
    }
    QVERIFY(general);
    dedicatedFor.sort();
    QCOMPARE(dedicatedFor, (QStringList{"s1-flagship", "s2-enterprise"}));

    const Channel *intl = plan(QStringLiteral("partner-plan")).channel(u"hotline");
    QStringList numbers;
    for (const HotlineNumber &n : intl->numbers)
        numbers.append(n.number);
    QCOMPARE(numbers.size(), 6);
    for (const char *expected : {"+852 800 906 020", "+1 844 606 0804", "+1 888 605 7930",
                                 "+44 808 196 4551", "+61 1300 986 386", "+852 300 80699"})
        QVERIFY2(numbers.contains(QString::fromLatin1(expected)), expected);

    const Channel *im = plan(QStringLiteral("partner-plan")).channel(u"im-group");
    QStringList kinds;
    for (const ChannelKind &k : im->kinds)
        kinds.append(k.id);
    kinds.sort();
    QCOMPARE(kinds, (QStringList{"slack", "wecom"}));
}

void TestPlanCatalog::quotas_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<int>("quota"); // -1: unlimited
    QTest::newRow("standard") << "partner-plan" << "standard" << 10;
    QTest::newRow("commercial") << "partner-plan" << "commercial" << 30;
    QTest::newRow("enterprise") << "partner-plan" << "enterprise" << -1;
    for (const char *e : {"s1-flagship", "s2-enterprise", "s3-commercial", "s4-basic"})
        QTest::newRow(e) << "service-plan" << e << -1;
}

void TestPlanCatalog::quotas()
{
    QFETCH(QString, planId);
    QFETCH(QString, edition);
    QFETCH(int, quota);
    QCOMPARE(plan(planId).edition(edition)->monthlyQuota.value_or(-1), quota);
}

void TestPlanCatalog::handledBy()
{
    const PlanCatalog &p = plan(QStringLiteral("partner-plan"));
    QCOMPARE(p.edition(u"standard")->handledBy.en, QStringLiteral("Customer service engineer"));
    QCOMPARE(p.edition(u"commercial")->handledBy.en, QStringLiteral("Cloud support engineer"));
    QCOMPARE(p.edition(u"enterprise")->handledBy.en, QStringLiteral("Cloud support expert"));
    QVERIFY(p.subClientRequired());
    QVERIFY(!plan(QStringLiteral("service-plan")).subClientRequired());
    QCOMPARE(p.quotaTimeZone(), QStringLiteral("Asia/Shanghai"));
    const auto contacts = [&p](const char *edition) {
        QStringList ids;
        for (const NamedContact &c : p.edition(QString::fromLatin1(edition))->namedContacts)
            ids.append(c.id);
        ids.sort();
        return ids;
    };
    QCOMPARE(contacts("enterprise"),
             (QStringList{"account-support-manager", "technical-account-manager"}));
    QVERIFY(contacts("commercial").isEmpty());
    QVERIFY(contacts("standard").isEmpty());
}

void TestPlanCatalog::entitlements_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QString>("edition");
    QTest::addColumn<QStringList>("has");
    QTest::addColumn<QStringList>("lacks");
    QTest::newRow("S1") << "service-plan" << "s1-flagship"
                        << QStringList{"self-service", "third-party-advice", "technical-account-manager",
                                       "promotion-support", "architecture-support", "expert-escort",
                                       "customer-case-showcase"}
                        << QStringList{};
    QTest::newRow("S2") << "service-plan" << "s2-enterprise"
                        << QStringList{"self-service", "third-party-advice", "promotion-support",
                                       "expert-escort"}
                        << QStringList{"technical-account-manager", "architecture-support",
                                       "customer-case-showcase"};
    for (const char *e : {"s3-commercial", "s4-basic"})
        QTest::newRow(e) << "service-plan" << e << QStringList{"self-service", "third-party-advice"}
                         << QStringList{"technical-account-manager", "promotion-support",
                                        "architecture-support", "expert-escort",
                                        "customer-case-showcase"};
    QTest::newRow("standard") << "partner-plan" << "standard"
                              << QStringList{"self-service", "third-party-advice", "smart-advisor"}
                              << QStringList{"iem", "service-reports", "training",
                                             "architecture-optimization",
                                             "technical-account-manager", "account-support-manager"};
    QTest::newRow("commercial") << "partner-plan" << "commercial"
                                << QStringList{"self-service", "third-party-advice", "smart-advisor",
                                               "training"}
                                << QStringList{"iem", "service-reports", "architecture-optimization",
                                               "technical-account-manager",
                                               "account-support-manager"};
    QTest::newRow("enterprise") << "partner-plan" << "enterprise"
                                << QStringList{"self-service", "third-party-advice", "smart-advisor",
                                               "iem", "service-reports", "training",
                                               "architecture-optimization",
                                               "technical-account-manager", "account-support-manager"}
                                << QStringList{};
}

void TestPlanCatalog::entitlements()
{
    QFETCH(QString, planId);
    QFETCH(QString, edition);
    QFETCH(QStringList, has);
    QFETCH(QStringList, lacks);
    const Edition *e = plan(planId).edition(edition);
    for (const QString &id : has)
        QVERIFY2(e->entitlement(id), qPrintable(id));
    for (const QString &id : lacks)
        QVERIFY2(!e->entitlement(id), qPrintable(id));
    if (planId == u"service-plan" && e->entitlement(u"expert-escort"))
        QCOMPARE(e->entitlement(u"expert-escort")->level, QStringLiteral("paid"));

    if (planId == u"partner-plan" && edition == u"enterprise") {
        const EntitlementGrant *iem = e->entitlement(u"iem");
        QCOMPARE(iem->naturalDaysPerYear, std::optional<int>(8));
        QCOMPARE(iem->noticeBusinessDays, std::optional<int>(10));
        QCOMPARE(e->entitlement(u"training")->sessionsPerYear, std::optional<int>(4));
        QCOMPARE(e->entitlement(u"architecture-optimization")->minTenureYears, std::optional<int>(1));
        QCOMPARE(e->entitlement(u"service-reports")->periods,
                 (QStringList{"monthly", "annual"}));
        QCOMPARE(e->entitlement(u"technical-account-manager")->level, QStringLiteral("designated"));
    }
    if (planId == u"partner-plan" && edition == u"commercial") {
        QCOMPARE(e->entitlement(u"training")->level, QStringLiteral("limited"));
        QVERIFY(!e->entitlement(u"training")->sessionsPerYear); // the seed gives no number
    }
}

void TestPlanCatalog::thirdPartySoftware_data()
{
    QTest::addColumn<QString>("planId");
    QTest::addColumn<QString>("software");
    QTest::addColumn<QString>("product");
    QTest::addColumn<QStringList>("versions");
    const QStringList any;
    QTest::newRow("svc openvpn") << "service-plan" << "openvpn" << "openvpn" << QStringList{"≥ 2.4"};
    for (const char *s : {"ssh", "mstsc", "scp-rsync", "sftp", "iptables-firewalld",
                          "windows-firewall"}) {
        QTest::addRow("svc %s", s) << "service-plan" << s << s << any;
        QTest::addRow("partner %s", s) << "partner-plan" << s << s << any;
    }
    QTest::newRow("svc vsftpd") << "service-plan" << "ftp" << "vsftpd" << QStringList{"≥ 3.0"};
    QTest::newRow("svc filezilla") << "service-plan" << "ftp" << "filezilla-server"
                                   << QStringList{"0.9.60.2"};
    QTest::newRow("svc mysql") << "service-plan" << "mysql" << "mysql" << QStringList{"5.6", "5.7"};
    QTest::newRow("svc sql server") << "service-plan" << "sql-server" << "sql-server"
                                    << QStringList{"2008 R2 SP3", "2012 SP3", "2016"};
    QTest::newRow("svc apache") << "service-plan" << "apache" << "apache" << QStringList{"≥ 2.2"};
    QTest::newRow("svc nginx") << "service-plan" << "nginx" << "nginx" << QStringList{"1.8+"};
    QTest::newRow("svc iis") << "service-plan" << "iis" << "iis" << QStringList{"≥ 7.0"};
    QTest::newRow("partner vsftpd") << "partner-plan" << "ftp" << "vsftpd" << QStringList{"≥ 3.0"};
    QTest::newRow("partner filezilla") << "partner-plan" << "ftp" << "filezilla-server"
                                       << QStringList{"≥ 0.9.60.2"};
}

void TestPlanCatalog::thirdPartySoftware()
{
    QFETCH(QString, planId);
    QFETCH(QString, software);
    QFETCH(QString, product);
    QFETCH(QStringList, versions);
    const ThirdPartySoftware *s = plan(planId).software(software);
    QVERIFY(s);
    const SoftwareProduct *p = nullptr;
    for (const SoftwareProduct &candidate : s->products) {
        if (candidate.id == product)
            p = &candidate;
    }
    QVERIFY(p);
    QStringList actual;
    for (const VersionSpec &v : p->versions)
        actual.append(v.text());
    QCOMPARE(actual, versions);
    QVERIFY(!s->examples.zh.isEmpty());
    QCOMPARE(s->examples.zh.size(), s->examples.en.size());
}

void TestPlanCatalog::outOfScope()
{
    QCOMPARE(plan(QStringLiteral("service-plan")).thirdPartySoftware().size(), 13);
    QCOMPARE(plan(QStringLiteral("partner-plan")).thirdPartySoftware().size(), 7);
    QVERIFY(!plan(QStringLiteral("partner-plan")).software(u"mysql"));
    for (const char *id : {"code-development", "uncatalogued-software", "third-party-installation",
                           "third-party-testing", "third-party-operation",
                           "third-party-troubleshooting", "third-party-update"})
        QVERIFY2(plan(QStringLiteral("service-plan")).outOfScopeItem(QString::fromLatin1(id)), id);
    for (const char *id : {"code-development", "business-system-maintenance",
                           "third-party-installation", "third-party-update", "third-party-testing",
                           "third-party-troubleshooting", "third-party-optimization"})
        QVERIFY2(plan(QStringLiteral("partner-plan")).outOfScopeItem(QString::fromLatin1(id)), id);
}

void TestPlanCatalog::bilingualTexts()
{
    for (const PlanCatalog &p : m_catalogs->plans()) {
        QVERIFY(!p.names().zh.isEmpty() && !p.names().en.isEmpty());
        for (const Edition &e : p.editions())
            QVERIFY(!e.names.zh.isEmpty() && !e.names.en.isEmpty() && !e.handledBy.zh.isEmpty());
        for (const Channel &c : p.channels())
            QVERIFY(!c.names.zh.isEmpty() && !c.names.en.isEmpty());
        for (const OutOfScopeItem &o : p.outOfScope())
            QVERIFY(!o.names.zh.isEmpty() && !o.names.en.isEmpty());
    }
}

void TestPlanCatalog::jsonRoundTrip()
{
    // What the server hands out loads back into the same catalog.
    for (const PlanCatalog &p : m_catalogs->plans()) {
        QStringList errors;
        const auto again = PlanCatalog::fromJson(p.json(), &errors);
        QVERIFY2(again, qPrintable(errors.join(u'\n')));
        QCOMPARE(again->id(), p.id());
        QCOMPARE(again->catalogVersion(), p.catalogVersion());
        QCOMPARE(again->editions().size(), p.editions().size());
        QCOMPARE(again->json(), p.json());
    }
}

void TestPlanCatalog::brokenCatalogs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    const QDir dir(QStringLiteral(SUPPORTDESK_TEST_DATA "/broken"));
    const auto files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 8);
    for (const QString &f : files) {
        // Each broken file starts with the error it must produce, in a sibling .expected file.
        QFile expected(dir.filePath(QString(f).replace(QStringLiteral(".json"),
                                                        QStringLiteral(".expected"))));
        QVERIFY2(expected.open(QIODevice::ReadOnly), qPrintable(f));
        QTest::newRow(qPrintable(f)) << dir.filePath(f)
                                     << QString::fromUtf8(expected.readAll()).trimmed();
    }
}

void TestPlanCatalog::brokenCatalogs()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QStringList errors;
    const auto catalog = PlanCatalog::fromFile(file, &errors);
    QVERIFY(!catalog);
    QVERIFY2(errors.contains(expected),
             qPrintable(QStringLiteral("expected \"%1\" among:\n%2").arg(expected, errors.join(u'\n'))));
}

void TestPlanCatalog::everyProblemReported()
{
    // Three independent problems in one document: all three are reported, nothing loads.
    QJsonObject root = QJsonDocument::fromJson(plan(QStringLiteral("partner-plan")).json()).object();
    root.insert(QStringLiteral("catalogVersion"), 7);
    root.remove(QStringLiteral("names"));
    root.insert(QStringLiteral("quotaTimeZone"), QStringLiteral("Mars/Olympus"));
    QStringList errors;
    QVERIFY(!PlanCatalog::fromJson(QJsonDocument(root).toJson(), &errors));
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors.contains(QStringLiteral("$.catalogVersion: must be a non-empty string")));
    QVERIFY(errors.contains(QStringLiteral("$.names: is missing")));
    QVERIFY(errors.contains(QStringLiteral("$.quotaTimeZone: unknown time zone \"Mars/Olympus\"")));
}

void TestPlanCatalog::emailIsAWayIntoTicket()
{
    // Mail to the support address is taken in as a ticket: the e-mail channel has its own
    // names (the queue's channel column) and no edition lists it (the seeds name none).
    for (const PlanCatalog &p : m_catalogs->plans()) {
        const Channel *email = p.channel(u"email");
        QVERIFY2(email, qPrintable(p.id()));
        QCOMPARE(email->entitledAs, QStringLiteral("ticket"));
        QCOMPARE(email->names.en, QStringLiteral("E-mail"));
        QCOMPARE(email->names.zh, QStringLiteral("邮件"));
        for (const Edition &e : p.editions())
            QVERIFY(!e.channels.contains(QStringLiteral("email")));
    }
    // It must name a channel that stands for itself: not an unknown one, itself, nor a chain.
    const QJsonObject root
            = QJsonDocument::fromJson(plan(QStringLiteral("partner-plan")).json()).object();
    for (const char *target : { "fax", "email" }) {
        QJsonObject broken = root;
        QJsonArray channels = broken.value(QStringLiteral("channels")).toArray();
        qsizetype at = -1;
        for (qsizetype i = 0; i < channels.size(); ++i) {
            if (channels.at(i)[QStringLiteral("id")].toString() == u"email")
                at = i;
        }
        QVERIFY(at >= 0);
        QJsonObject email = channels.at(at).toObject();
        email.insert(QStringLiteral("entitledAs"), QLatin1String(target));
        channels.replace(at, email);
        broken.insert(QStringLiteral("channels"), channels);
        QStringList errors;
        QVERIFY(!PlanCatalog::fromJson(QJsonDocument(broken).toJson(), &errors));
        QVERIFY2(errors.contains(QStringLiteral("$.channels[%1].entitledAs: unknown channel \"%2\"")
                                         .arg(at)
                                         .arg(QLatin1String(target))),
                 qPrintable(errors.join(u'\n')));
    }
}

QTEST_GUILESS_MAIN(TestPlanCatalog)
#include "tst_plancatalog.moc"
