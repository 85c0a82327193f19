// PUT /settings: the body sent, the echo read (bare or under "settings"), and every way the
// save can fail worded for the lead.
#include "teamsettingsclient.h"
#include "transport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace SupportDesk;

// Answers every request with a canned response, later, as a network would.
class CannedTransport final : public Transport
{
public:
    TransportResponse response;
    int sent = 0;
    QByteArray body;

    quint64 send(const QByteArray &, const QString &, const QByteArray &b, Callback done) override
    {
        ++sent;
        body = b;
        QMetaObject::invokeMethod(this, [this, done] { done(response); }, Qt::QueuedConnection);
        return quint64(sent);
    }
    void abort(quint64) override {}
    QUrl streamUrl() const override { return {}; }
};

class TestTeamSettingsClient : public QObject
{
    Q_OBJECT

private slots:
    void bodyHasBothSettings();
    void echoUnderSettings();
    void failures_data();
    void failures();
    void outOfRangeIsNotSent();
    void answerNeverInsideSave();
};

// Answers inside send(), as a transport may.
class InlineTransport final : public Transport
{
public:
    TransportResponse response;

    quint64 send(const QByteArray &, const QString &, const QByteArray &, Callback done) override
    {
        done(response);
        return 1;
    }
    void abort(quint64) override {}
    QUrl streamUrl() const override { return {}; }
};

void TestTeamSettingsClient::bodyHasBothSettings()
{
    const QJsonObject o = QJsonDocument::fromJson(
                                  TeamSettingsClient::requestBody({0.3, 7, 12}))
                                  .object();
    QCOMPARE(o.value(QStringLiteral("at_risk_fraction")).toDouble(), 0.3);
    QCOMPARE(o.value(QStringLiteral("notify_before_breach_minutes")).toInt(), 7);
    QVERIFY(!o.contains(QStringLiteral("seq"))); // the server stamps it
}

void TestTeamSettingsClient::echoUnderSettings()
{
    CannedTransport transport;
    transport.response.status = 200;
    transport.response.body = R"({"server_time": "2026-11-22T10:00:00.000Z",
        "settings": {"at_risk_fraction": 0.3, "notify_before_breach_minutes": 7, "seq": 90}})";
    TeamSettingsClient client(&transport);
    QSignalSpy saved(&client, &TeamSettingsClient::saved);
    QVERIFY(client.save({0.3, 7, 0}));
    QVERIFY(client.isBusy());
    QVERIFY(!client.save({0.3, 7, 0})); // one at a time
    QVERIFY(saved.wait());
    const auto s = saved.first().first().value<TeamSettings>();
    QCOMPARE(s.atRiskFraction, 0.3);
    QCOMPARE(s.seq, 90);
    QVERIFY(!client.isBusy());
}

void TestTeamSettingsClient::failures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("agent token") << 403 << QByteArray(R"({"error": {"code": "forbidden"}})")
                                 << QStringLiteral("forbidden")
                                 << QStringLiteral("Only team leads may change the team settings.");
    QTest::newRow("no server") << 0 << QByteArray() << QString()
                               << QStringLiteral("The server could not be reached: refused");
    QTest::newRow("garbled echo") << 200 << QByteArray(R"({"at_risk_fraction": 7})") << QString()
                                  << QStringLiteral("The server's reply could not be read: ");
    QTest::newRow("server error") << 500 << QByteArray("oops") << QString()
                                  << QStringLiteral("The server answered 500.");
}

void TestTeamSettingsClient::failures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    CannedTransport transport;
    transport.response.status = status;
    transport.response.body = body;
    transport.response.error = QStringLiteral("refused");
    TeamSettingsClient client(&transport);
    QSignalSpy failed(&client, &TeamSettingsClient::failed);
    QVERIFY(client.save({0.3, 7, 0}));
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().at(0).toInt(), status);
    QTEST(failed.first().at(1).toString(), "code");
    QFETCH(QString, message); // the whole message, or how it starts
    const QString actual = failed.first().at(2).toString();
    QVERIFY2(actual.startsWith(message), qPrintable(actual));
    QVERIFY(!client.isBusy());
}

void TestTeamSettingsClient::outOfRangeIsNotSent()
{
    CannedTransport transport;
    TeamSettingsClient client(&transport);
    QVERIFY(!client.save({0.0, 5, 0}));
    QVERIFY(!client.save({1.0, 5, 0}));
    QVERIFY(!client.save({0.25, -1, 0}));
    QCOMPARE(transport.sent, 0);
}

QTEST_MAIN(TestTeamSettingsClient)
// The answer follows save(), never inside it: the panel shows "Saving…" after save() returns,
// and an answer given before stayed hidden under it for good.
void TestTeamSettingsClient::answerNeverInsideSave()
{
    InlineTransport transport;
    transport.response.status = 403;
    TeamSettingsClient client(&transport);
    QSignalSpy failed(&client, &TeamSettingsClient::failed);
    QVERIFY(client.save({0.3, 7, 0}));
    QCOMPARE(failed.size(), 0);
    QVERIFY(client.isBusy());
    QVERIFY(failed.wait());
    QCOMPARE(failed.first().at(0).toInt(), 403);
    QVERIFY(!client.isBusy());
}

#include "tst_teamsettingsclient.moc"
