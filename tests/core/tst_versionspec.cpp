// Version specs as the seeds write them.
#include "versionspec.h"

#include <QTest>

using namespace SupportDesk;

class TestVersionSpec : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void compare_data();
    void compare();
    void invalidSpecs();
};

void TestVersionSpec::matches_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("expected");

    QTest::newRow("series patch") << "5.7" << "5.7.33" << true;
    QTest::newRow("series exact") << "5.7" << "5.7" << true;
    QTest::newRow("series is not a prefix of digits") << "5.7" << "5.70" << false;
    QTest::newRow("other series") << "5.7" << "5.6.51" << false;
    QTest::newRow("newer major") << "5.7" << "8.0.36" << false;
    QTest::newRow("series shorter than spec") << "5.7" << "5" << false;
    QTest::newRow("unicode at least equal") << "≥ 2.4" << "2.4" << true;
    QTest::newRow("unicode at least patch") << "≥ 2.4" << "2.4.12" << true;
    QTest::newRow("unicode at least newer") << "≥ 2.4" << "2.6.8" << true;
    QTest::newRow("unicode at least below") << "≥ 2.4" << "2.3.18" << false;
    QTest::newRow("unicode at least prerelease") << "≥ 2.4" << "2.4rc1" << false;
    QTest::newRow("ascii at least") << ">= 3.0" << "3.0.5" << true;
    QTest::newRow("ascii at least below") << ">= 3.0" << "2.3.4" << false;
    QTest::newRow("plus suffix") << "1.8+" << "1.8.0" << true;
    QTest::newRow("plus suffix newer minor") << "1.8+" << "1.24.0" << true;
    QTest::newRow("plus suffix below") << "1.8+" << "1.6.3" << false;
    QTest::newRow("plus suffix with product prefix") << "1.8+" << "nginx/1.18.0" << true;
    QTest::newRow("v prefix") << "1.8+" << "v1.20" << true;
    QTest::newRow("sql server sp3") << "2008 R2 SP3" << "2008 R2 SP3" << true;
    QTest::newRow("sql server case") << "2008 R2 SP3" << "2008 r2 sp3" << true;
    QTest::newRow("sql server without sp") << "2008 R2 SP3" << "2008 R2" << false;
    QTest::newRow("sql server sp2") << "2008 R2 SP3" << "2008 R2 SP2" << false;
    QTest::newRow("sql server not r2") << "2008 R2 SP3" << "2008 SP3" << false;
    QTest::newRow("sql server 2016 sp") << "2016" << "2016 SP2" << true;
    QTest::newRow("sql server 2019") << "2016" << "2019" << false;
    QTest::newRow("filezilla exact") << "0.9.60.2" << "0.9.60.2" << true;
    QTest::newRow("filezilla older") << "0.9.60.2" << "0.9.60.1" << false;
    QTest::newRow("filezilla newer not in exact") << "0.9.60.2" << "0.9.60.3" << false;
    QTest::newRow("filezilla at least newer") << "≥ 0.9.60.2" << "1.8.1" << true;
    QTest::newRow("filezilla at least older") << "≥ 0.9.60.2" << "0.9.59" << false;
    QTest::newRow("iis at least") << "≥ 7.0" << "10.0" << true;
    QTest::newRow("iis below") << "≥ 7.0" << "6.0" << false;
    QTest::newRow("empty version") << "≥ 7.0" << "" << false;
    // As agents and customers write them: a product name in front, "x" wildcards, service
    // packs spelled out.
    QTest::newRow("product name in front") << "5.7" << "MySQL 5.7" << true;
    QTest::newRow("lower-case name and wildcard") << "5.7" << "mysql 5.7.x" << true;
    QTest::newRow("wildcard other series") << "5.7" << "mysql 5.6.x" << false;
    QTest::newRow("wildcard shorter than series") << "5.7" << "5.x" << false;
    QTest::newRow("star wildcard") << "5.6" << "5.6.*" << true;
    QTest::newRow("apache wildcard") << "≥ 2.2" << "Apache 2.4.x" << true;
    QTest::newRow("apache wildcard below") << "≥ 2.2" << "Apache 2.0.x" << false;
    QTest::newRow("service pack spelled out") << "2008 R2 SP3" << "2008 R2 Service Pack 3" << true;
    QTest::newRow("service pack with product")
            << "2008 R2 SP3" << "SQL Server 2008 R2 Service Pack 3" << true;
    QTest::newRow("service pack spelled out, other") << "2012 SP3" << "2012 Service Pack 2"
                                                     << false;
    QTest::newRow("service pack with a space") << "2012 SP3" << "2012 SP 3" << true;
    QTest::newRow("service pack run together") << "2012 SP3" << "2012 ServicePack3" << true;
    QTest::newRow("filezilla with product") << "0.9.60.2" << "FileZilla Server 0.9.60.2" << true;
    QTest::newRow("nginx with product") << "1.8+" << "Nginx 1.20.2" << true;
    QTest::newRow("openvpn v prefix after name") << "≥ 2.4" << "OpenVPN v2.5.9" << true;
    QTest::newRow("chinese words after") << "≥ 2.2" << "2.2 版本以上" << true;
    QTest::newRow("chinese words run on") << "5.7" << "MySQL 5.7版本" << true;
}

void TestVersionSpec::matches()
{
    QFETCH(QString, spec);
    QFETCH(QString, version);
    QFETCH(bool, expected);
    const VersionSpec s = VersionSpec::parse(spec);
    QVERIFY(s.isValid());
    QCOMPARE(s.matches(Version::parse(version)), expected);
}

void TestVersionSpec::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");
    QTest::newRow("trailing zero") << "2.4" << "2.4.0" << 0;
    QTest::newRow("numeric not lexical") << "1.10" << "1.9" << 1;
    QTest::newRow("word before number") << "2.4rc1" << "2.4" << -1;
    QTest::newRow("sp order") << "2012 SP3" << "2012 SP4" << -1;
    QTest::newRow("huge component saturates") << "99999999999999999999999" << "1" << 1;
}

void TestVersionSpec::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(Version::compare(Version::parse(a), Version::parse(b)), expected);
    QCOMPARE(Version::compare(Version::parse(b), Version::parse(a)), -expected);
}

void TestVersionSpec::invalidSpecs()
{
    QVERIFY(!VersionSpec::parse(QString()).isValid());
    QVERIFY(!VersionSpec::parse(QStringLiteral("≥")).isValid());
    QVERIFY(!VersionSpec::parse(QStringLiteral("latest")).isValid());
    QVERIFY(!VersionSpec::parse(QStringLiteral("+")).isValid());
    QVERIFY(!VersionSpec().matches(Version::parse(QStringLiteral("1.0"))));
}

QTEST_GUILESS_MAIN(TestVersionSpec)
#include "tst_versionspec.moc"
