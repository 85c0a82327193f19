// IEM days and training sessions (core/serviceuse.h): the op codec and its refusals by field,
// the year's allowance from the catalog, the plan's refusals, the override, the notice warning.
#include "businesscalendar.h"
#include "plancatalog.h"
#include "serviceuse.h"
#include "ticketedit.h"

#include <QTest>
#include <QTimeZone>

using namespace SupportDesk;

class TestServiceUse : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opRoundTrip();
    void recordRoundTrip();
    void hostileOp_data();
    void hostileOp();
    void allowanceCountsTheYearsDays();
    void engagementPastTheAllowanceIsRefused();
    void overrideReasonTakesItFlagged();
    void correctionReplacesWhatItCorrects();
    void editionWithoutTheServiceIsRefusedByName();
    void trainingSessions();
    void shortNoticeIsAWarning();
    void yearIsTheCustomersCalendarYear();

private:
    const PlanCatalog &partner() const { return *m_catalogs->plan(u"partner-plan"); }
    static ServiceUse iem(const QString &id, const QDate &first, const QDate &last,
                          const QString &customer = QStringLiteral("c-acme"));
    static ServiceUse training(const QString &id, const QDate &day,
                               const QString &customer = QStringLiteral("c-acme"));
    std::optional<CatalogSet> m_catalogs;
    std::optional<BusinessCalendar> m_calendar;
};

void TestServiceUse::initTestCase()
{
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
    m_calendar = BusinessCalendar::loadBuiltIn(&errors);
    QVERIFY2(m_calendar, qPrintable(errors.join(u'\n')));
}

ServiceUse TestServiceUse::iem(const QString &id, const QDate &first, const QDate &last,
                               const QString &customer)
{
    ServiceUse u;
    u.id = id;
    u.customerId = customer;
    u.kind = ServiceKind::Iem;
    u.firstDay = first;
    u.lastDay = last;
    u.askedOn = first.addDays(-60);
    u.note = QStringLiteral("双十一大促保障");
    return u;
}

ServiceUse TestServiceUse::training(const QString &id, const QDate &day, const QString &customer)
{
    ServiceUse u;
    u.id = id;
    u.customerId = customer;
    u.kind = ServiceKind::Training;
    u.firstDay = u.lastDay = day;
    u.note = QStringLiteral("Backup and restore");
    return u;
}

void TestServiceUse::opRoundTrip()
{
    ServiceUse u = iem(QStringLiteral("u1"), QDate(2026, 11, 9), QDate(2026, 11, 12));
    u.overrideReason = QStringLiteral("bought two extra days");
    u.version = 2;
    const Operation op = makeServiceUseOperation(QStringLiteral("op1"), u);
    QCOMPARE(op.type, QStringLiteral("record-service-use"));
    QCOMPARE(op.ticketId, u.id);
    QCOMPARE(op.baseVersion, qint64(2));
    QString problem;
    const std::optional<ServiceUse> back = serviceUseFromOperation(op, &problem);
    QVERIFY2(back, qPrintable(problem));
    QCOMPARE(back->customerId, u.customerId);
    QCOMPARE(back->firstDay, u.firstDay);
    QCOMPARE(back->lastDay, u.lastDay);
    QCOMPARE(back->askedOn, u.askedOn);
    QCOMPARE(back->note, u.note);
    QCOMPARE(back->overrideReason, u.overrideReason);
    QCOMPARE(back->days(), 4);

    const ServiceUse t = training(QStringLiteral("u2"), QDate(2026, 3, 3));
    const std::optional<ServiceUse> session
        = serviceUseFromOperation(makeServiceUseOperation(QStringLiteral("op2"), t), &problem);
    QVERIFY2(session, qPrintable(problem));
    QCOMPARE(session->lastDay, t.firstDay);
    QCOMPARE(session->days(), 1);

    ServiceUse cancel = u;
    cancel.cancelReason = QStringLiteral("大促延期");
    const std::optional<ServiceUse> cancelled = serviceUseFromOperation(
        makeServiceUseOperation(QStringLiteral("op3"), cancel, true), &problem);
    QVERIFY2(cancelled, qPrintable(problem));
    QVERIFY(cancelled->cancelled);
    QCOMPARE(cancelled->cancelReason, cancel.cancelReason);
}

void TestServiceUse::recordRoundTrip()
{
    ServiceUse u = iem(QStringLiteral("u1"), QDate(2026, 12, 30), QDate(2027, 1, 2));
    u.shortNotice = true;
    u.version = 3;
    u.recordedBy = QStringLiteral("a-lead");
    u.recordedAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    u.seq = 42;
    ServiceUse back;
    QStringList errors;
    QVERIFY2(Json::fromJson(Json::toJson(u), &back, &errors), qPrintable(errors.join(u'\n')));
    QCOMPARE(back, u);
    QJsonObject bad = Json::toJson(u);
    bad.insert(QStringLiteral("first_day"), QStringLiteral("2026-02-30"));
    QVERIFY(!Json::fromJson(bad, &back, &errors));
    QVERIFY2(errors.join(u' ').contains(u"first_day"), qPrintable(errors.join(u' ')));
}

void TestServiceUse::hostileOp_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("payload");
    QTest::addColumn<QString>("field");
    const QJsonObject good { { QStringLiteral("customer_id"), QStringLiteral("c-acme") },
                             { QStringLiteral("kind"), QStringLiteral("iem") },
                             { QStringLiteral("first_day"), QStringLiteral("2026-11-09") },
                             { QStringLiteral("last_day"), QStringLiteral("2026-11-12") },
                             { QStringLiteral("asked_on"), QStringLiteral("2026-09-01") },
                             { QStringLiteral("note"), QStringLiteral("大促") } };
    const QString record = ServiceUseOp::Record;
    const auto with = [&good](const QString &key, const QJsonValue &value) {
        QJsonObject p = good;
        if (value.isUndefined())
            p.remove(key);
        else
            p.insert(key, value);
        return p;
    };
    QTest::newRow("unknown field") << record << with(QStringLiteral("days"), QStringLiteral("4"))
                                   << QStringLiteral("payload.days");
    QTest::newRow("number") << record << with(QStringLiteral("first_day"), 20261109)
                            << QStringLiteral("payload.first_day");
    QTest::newRow("no such day") << record
                                 << with(QStringLiteral("first_day"), QStringLiteral("2026-02-30"))
                                 << QStringLiteral("payload.first_day");
    QTest::newRow("not ISO") << record
                             << with(QStringLiteral("last_day"), QStringLiteral("2026-11-1"))
                             << QStringLiteral("payload.last_day");
    QTest::newRow("before first") << record
                                  << with(QStringLiteral("last_day"), QStringLiteral("2026-11-08"))
                                  << QStringLiteral("payload.last_day");
    QTest::newRow("ten years") << record
                               << with(QStringLiteral("last_day"), QStringLiteral("2036-11-08"))
                               << QStringLiteral("payload.last_day");
    QTest::newRow("no asked_on") << record << with(QStringLiteral("asked_on"), QJsonValue())
                                 << QStringLiteral("payload.asked_on");
    QTest::newRow("NUL in note") << record
                                 << with(QStringLiteral("note"), QString::fromUtf8("a\0b", 3))
                                 << QStringLiteral("payload.note");
    QTest::newRow("long note") << record << with(QStringLiteral("note"), QString(501, u'x'))
                               << QStringLiteral("payload.note");
    QTest::newRow("blank note") << record << with(QStringLiteral("note"), QStringLiteral("  "))
                                << QStringLiteral("payload.note");
    QTest::newRow("no customer") << record << with(QStringLiteral("customer_id"), QJsonValue())
                                 << QStringLiteral("payload.customer_id");
    QTest::newRow("long customer")
        << record << with(QStringLiteral("customer_id"), QString(200, u'c'))
        << QStringLiteral("payload.customer_id");
    QTest::newRow("other kind") << record << with(QStringLiteral("kind"), QStringLiteral("tam"))
                                << QStringLiteral("payload.kind");
    QJsonObject session = with(QStringLiteral("kind"), QStringLiteral("training"));
    session.remove(QStringLiteral("asked_on"));
    QTest::newRow("session of days") << record << session << QStringLiteral("payload.last_day");
    QTest::newRow("cancel without reason")
        << ServiceUseOp::Cancel << QJsonObject() << QStringLiteral("payload.reason");
    QTest::newRow("cancel with more")
        << ServiceUseOp::Cancel
        << QJsonObject { { QStringLiteral("reason"), QStringLiteral("x") },
                         { QStringLiteral("note"), QStringLiteral("y") } }
        << QStringLiteral("payload.note");
}

void TestServiceUse::hostileOp()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, payload);
    QFETCH(QString, field);
    Operation op;
    op.opId = QStringLiteral("op");
    op.type = type;
    op.ticketId = QStringLiteral("u1");
    op.payload = payload;
    QString problem;
    QVERIFY(!serviceUseFromOperation(op, &problem));
    QVERIFY2(problem.startsWith(field + u':'), qPrintable(problem));
}

void TestServiceUse::allowanceCountsTheYearsDays()
{
    QVector<ServiceUse> records { iem(QStringLiteral("a"), QDate(2026, 3, 1), QDate(2026, 3, 3)),
                                  iem(QStringLiteral("b"), QDate(2026, 12, 30), QDate(2027, 1, 2)),
                                  iem(QStringLiteral("c"), QDate(2026, 5, 1), QDate(2026, 5, 1),
                                      QStringLiteral("c-other")),
                                  iem(QStringLiteral("d"), QDate(2026, 7, 1), QDate(2026, 7, 4)),
                                  training(QStringLiteral("e"), QDate(2026, 4, 1)) };
    records[3].cancelled = true;
    const ServiceAllowance a = serviceAllowance(partner(), u"enterprise", ServiceKind::Iem,
                                                QStringLiteral("c-acme"), records, 2026);
    QVERIFY(a.entitled);
    QCOMPARE(a.allowed.value_or(-1), 8);
    QCOMPARE(a.used, 5); // 3 in March, 2 at the year's end; the cancelled and c-other's not
    QCOMPARE(a.remaining(), 3);
    QCOMPARE(serviceAllowance(partner(), u"enterprise", ServiceKind::Iem, QStringLiteral("c-acme"),
                              records, 2027)
                 .used,
             2);
    const ServiceAllowance sessions = serviceAllowance(
        partner(), u"enterprise", ServiceKind::Training, QStringLiteral("c-acme"), records, 2026);
    QCOMPARE(sessions.allowed.value_or(-1), 4);
    QCOMPARE(sessions.used, 1);
    const ServiceAllowance none = serviceAllowance(partner(), u"standard", ServiceKind::Iem,
                                                   QStringLiteral("c-acme"), records, 2026);
    QVERIFY(!none.entitled);
}

void TestServiceUse::engagementPastTheAllowanceIsRefused()
{
    const QVector<ServiceUse> records { iem(QStringLiteral("a"), QDate(2026, 3, 1),
                                            QDate(2026, 3, 3)) };
    const ServiceUse six = iem(QStringLiteral("n"), QDate(2026, 11, 9), QDate(2026, 11, 14));
    const ServiceUseCheck c = checkServiceUse(partner(), u"enterprise", six, records, *m_calendar);
    QCOMPARE(c.check.code, QStringLiteral("iem-days-exceeded"));
    QCOMPARE(c.check.args,
             QStringList({ QStringLiteral("8"), QStringLiteral("2026"), QStringLiteral("3"),
                           QStringLiteral("6") }));
    QVERIFY(!c.overridden);
    QVERIFY2(c.check.message(&partner(), Language::English).contains(u"8 days a year"),
             qPrintable(c.check.message(&partner(), Language::English)));
    // Five fit exactly.
    const ServiceUse five = iem(QStringLiteral("n"), QDate(2026, 11, 9), QDate(2026, 11, 13));
    QVERIFY(checkServiceUse(partner(), u"enterprise", five, records, *m_calendar).check.allowed());
    // Over New Year: each year's days count in that year.
    const ServiceUse turn = iem(QStringLiteral("n"), QDate(2026, 12, 28), QDate(2027, 1, 3));
    QVERIFY(checkServiceUse(partner(), u"enterprise", turn, records, *m_calendar).check.allowed());
}

void TestServiceUse::overrideReasonTakesItFlagged()
{
    const QVector<ServiceUse> records { iem(QStringLiteral("a"), QDate(2026, 3, 1),
                                            QDate(2026, 3, 8)) };
    ServiceUse more = iem(QStringLiteral("n"), QDate(2026, 11, 9), QDate(2026, 11, 9));
    QCOMPARE(checkServiceUse(partner(), u"enterprise", more, records, *m_calendar).check.code,
             QStringLiteral("iem-days-exceeded"));
    more.overrideReason = QStringLiteral("客户单独购买 1 天");
    const ServiceUseCheck c = checkServiceUse(partner(), u"enterprise", more, records, *m_calendar);
    QVERIFY(c.check.allowed());
    QVERIFY(c.overridden);
    // A reason on a record within the allowance overrides nothing.
    more.firstDay = more.lastDay = QDate(2027, 11, 9);
    more.askedOn = QDate(2027, 9, 1);
    QVERIFY(!checkServiceUse(partner(), u"enterprise", more, records, *m_calendar).overridden);
}

void TestServiceUse::correctionReplacesWhatItCorrects()
{
    const QVector<ServiceUse> records { iem(QStringLiteral("a"), QDate(2026, 3, 1),
                                            QDate(2026, 3, 6)) };
    // Six days corrected to eight: the six are not counted twice.
    const ServiceUse corrected = iem(QStringLiteral("a"), QDate(2026, 3, 1), QDate(2026, 3, 8));
    QVERIFY(
        checkServiceUse(partner(), u"enterprise", corrected, records, *m_calendar).check.allowed());
    ServiceUse cancelled = records.first();
    cancelled.cancelled = true;
    const QVector<ServiceUse> after { cancelled };
    QCOMPARE(serviceAllowance(partner(), u"enterprise", ServiceKind::Iem, QStringLiteral("c-acme"),
                              after, 2026)
                 .used,
             0);
}

void TestServiceUse::editionWithoutTheServiceIsRefusedByName()
{
    ServiceUse u = iem(QStringLiteral("n"), QDate(2026, 11, 9), QDate(2026, 11, 9));
    u.overrideReason = QStringLiteral("please"); // no reason makes a service the plan lacks
    for (const char *edition : { "standard", "commercial" }) {
        const ServiceUseCheck c
            = checkServiceUse(partner(), QString::fromLatin1(edition), u, {}, *m_calendar);
        QCOMPARE(c.check.code, QStringLiteral("not-entitled"));
        QCOMPARE(c.check.args, QStringList { QString::fromLatin1(edition) });
        QVERIFY(!c.overridden);
    }
    const ServiceUse t = training(QStringLiteral("t"), QDate(2026, 3, 3));
    QCOMPARE(checkServiceUse(partner(), u"standard", t, {}, *m_calendar).check.code,
             QStringLiteral("not-entitled"));
    const QString words
        = RuleCheck::fail(QStringLiteral("not-entitled"), { QStringLiteral("standard") })
              .message(&partner(), Language::English);
    QVERIFY2(words.contains(partner().edition(u"standard")->names.text(Language::English)),
             qPrintable(words));
}

void TestServiceUse::trainingSessions()
{
    QVector<ServiceUse> records;
    for (int i = 0; i < 4; ++i)
        records.append(training(QString::number(i), QDate(2026, 2 + i, 10)));
    const ServiceUse fifth = training(QStringLiteral("5"), QDate(2026, 11, 10));
    const ServiceUseCheck c
        = checkServiceUse(partner(), u"enterprise", fifth, records, *m_calendar);
    QCOMPARE(c.check.code, QStringLiteral("training-sessions-used"));
    QCOMPARE(c.check.args, QStringList { QStringLiteral("4") });
    // Next year's first is the year's first.
    ServiceUse next = fifth;
    next.firstDay = next.lastDay = QDate(2027, 1, 5);
    QVERIFY(checkServiceUse(partner(), u"enterprise", next, records, *m_calendar).check.allowed());
    // Commercial's training is "limited" with no number: the plan sets no count to refuse at.
    QVERIFY(checkServiceUse(partner(), u"commercial", fifth, records, *m_calendar).check.allowed());
    const ServiceAllowance commercial = serviceAllowance(
        partner(), u"commercial", ServiceKind::Training, QStringLiteral("c-acme"), records, 2026);
    QVERIFY(commercial.entitled);
    QVERIFY(!commercial.allowed);
    QCOMPARE(commercial.used, 4);
}

void TestServiceUse::shortNoticeIsAWarning()
{
    // Asked on Monday 2026-06-01 for Friday 2026-06-05: ten business days are recommended.
    ServiceUse u = iem(QStringLiteral("n"), QDate(2026, 6, 5), QDate(2026, 6, 6));
    u.askedOn = QDate(2026, 6, 1);
    const ServiceUseCheck c = checkServiceUse(partner(), u"enterprise", u, {}, *m_calendar);
    QVERIFY(c.check.allowed());
    QVERIFY(c.shortNotice);
    QCOMPARE(c.notice.code, QStringLiteral("iem-notice-too-short"));
    QCOMPARE(c.notice.args.value(0), QStringLiteral("10"));
    QCOMPARE(c.notice.args.value(1),
             m_calendar->addBusinessDays(u.askedOn, 10).toString(Qt::ISODate));
    u.firstDay = u.lastDay = m_calendar->addBusinessDays(u.askedOn, 10);
    QVERIFY(!checkServiceUse(partner(), u"enterprise", u, {}, *m_calendar).shortNotice);
}

void TestServiceUse::yearIsTheCustomersCalendarYear()
{
    const QDateTime at(QDate(2026, 12, 31), QTime(17, 0), Qt::UTC);
    QCOMPARE(serviceYear(at, QTimeZone("Asia/Shanghai")), 2027);
    QCOMPARE(serviceYear(at, QTimeZone("America/New_York")), 2026);
}

QTEST_GUILESS_MAIN(TestServiceUse)
#include "tst_serviceuse.moc"
