// The customer's history in the ticket pane of the real MainWindow, signed in to the real demo
// server on loopback (docs/collision.md): the customer's other tickets, open first, then those
// opened in the last 90 days; the month's quota use; what the plan grants of IEM days and
// training and how much of it this year used; a lead's form that records an IEM engagement
// (docs/service-use.md); a ticket opened with one click or with Enter; and all of it offline,
// from the cache.
#include "customerhistory.h"
#include "demodesk.h"
#include "serviceusedialog.h"
#include "queuemodel.h"
#include "settledgrab.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace SupportDesk;

namespace {
// The server's clock and the desks' (the pane's, whose history counts "this month" and "this
// year"): mid-month, noon in Shanghai and Singapore, in a year the business calendar covers
// (docs/testing.md, rule 2). On real time a run across midnight of a month's last day made the
// three tickets of initTestCase in one month and counted "this month" in the next; the IEM
// days are recorded in the pinned year, whichever year the test runs in.
const QDateTime &pinnedAt()
{
    static const QDateTime at(QDate(2026, 11, 16), QTime(4, 0), Qt::UTC);
    return at;
}
} // namespace

class TestCustomerHistoryDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void leadRecordsAnEngagement_data();
    void leadRecordsAnEngagement();
    void historyOfTheCustomer_data();
    void historyOfTheCustomer();

private:
    // A ticket of `customerId` made through the API as Emma's desk would; its id.
    QString create(const QString &customerId, const QString &planId, const QString &editionId,
                   const QString &subject);
    bool setStatus(const QString &ticketId, const QString &status);
    // Northwind's IEM days this year on the server, and its records there.
    int iemDaysOnServer(QStringList *ids = nullptr) const;

    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    QString m_shown; // Northwind's: the pane shows it
    QString m_open;  // Northwind's other open one
    QString m_closed; // Northwind's, closed today
    QString m_bluefin; // a Standard partner's: 10 tickets a month
};

QString TestCustomerHistoryDemo::create(const QString &customerId, const QString &planId,
                                        const QString &editionId, const QString &subject)
{
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = customerId;
    edit.subClient = customerId + QStringLiteral("-sub-1");
    edit.subject = subject;
    edit.body = subject;
    edit.channel = QStringLiteral("ticket");
    edit.severity = QStringLiteral("consultation");
    edit.planId = planId;
    edit.editionId = editionId;
    edit.quotaOverrideReason = QStringLiteral("test of the history");
    const Operation op = TicketEdits::create(edit, pinnedAt());
    const QJsonObject result
        = m_server.postOp(m_server.token(QStringLiteral("a-emma")), Json::toJson(op));
    if (result.value(QStringLiteral("result")).toString() != OpResult::Applied) {
        qWarning("create: %s", QJsonDocument(result).toJson().constData());
        return {};
    }
    return op.ticketId;
}

bool TestCustomerHistoryDemo::setStatus(const QString &ticketId, const QString &status)
{
    const Testing::RealServer::State state
        = m_server.state(m_server.token(QStringLiteral("a-emma")));
    TicketEdit edit;
    edit.type = OpType::SetStatus;
    edit.status = status;
    const Operation op = TicketEdits::make(state.tickets.value(ticketId), edit, pinnedAt());
    return m_server.postOp(m_server.token(QStringLiteral("a-emma")), Json::toJson(op))
               .value(QStringLiteral("result"))
               .toString()
        == OpResult::Applied;
}

void TestCustomerHistoryDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("server.db")),
                            { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                              QStringLiteral("60"), QStringLiteral("--demo-interval"),
                              QStringLiteral("3600"), QStringLiteral("--fixed-clock"),
                              Json::timestamp(pinnedAt()) }),
             m_server.log().constData());
    const QString plan = QStringLiteral("partner-plan");
    const QString enterprise = QStringLiteral("enterprise");
    m_shown = create(QStringLiteral("p-northwind"), plan, enterprise,
                     QStringLiteral("History: the ticket shown"));
    m_open = create(QStringLiteral("p-northwind"), plan, enterprise,
                    QStringLiteral("History: another open one"));
    m_closed = create(QStringLiteral("p-northwind"), plan, enterprise,
                      QStringLiteral("History: closed today"));
    m_bluefin = create(QStringLiteral("p-bluefin"), plan, QStringLiteral("standard"),
                       QStringLiteral("History: a Standard partner's"));
    QVERIFY(!m_shown.isEmpty() && !m_open.isEmpty() && !m_closed.isEmpty()
            && !m_bluefin.isEmpty());
    QVERIFY(setStatus(m_closed, TicketStatus::Closed));
}

void TestCustomerHistoryDemo::cleanupTestCase()
{
    m_server.stop();
}

int TestCustomerHistoryDemo::iemDaysOnServer(QStringList *ids) const
{
    int days = 0;
    qint64 after = 0;
    const int year = pinnedAt()
                             .toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Singapore")))
                             .date()
                             .year();
    for (;;) {
        const Testing::RealServer::Reply r = m_server.request(
                "GET", QStringLiteral("/changes?after=%1&limit=500").arg(after),
                m_server.token(QStringLiteral("a-emma")));
        if (r.status != 200)
            return -1;
        for (const QJsonValue &v : r.body.value(QStringLiteral("changes")).toArray()) {
            ServiceUse u;
            if (v[QStringLiteral("kind")].toString() == u"service-use"
                && Json::fromJson(v[QStringLiteral("data")].toObject(), &u, nullptr)
                && u.customerId == u"p-northwind" && u.kind == ServiceKind::Iem && !u.cancelled
                && u.firstDay.year() == year) {
                days += u.days();
                if (ids)
                    ids->append(u.id);
            }
        }
        after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
        if (!r.body.value(QStringLiteral("has_more")).toBool())
            return days;
    }
}

void TestCustomerHistoryDemo::leadRecordsAnEngagement_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<int>("firstDay"); // of November: each language its own days
    QTest::addColumn<QString>("used");
    QTest::newRow("en") << Language::English << 9 << QStringLiteral("%1 of 8 days used this year");
    QTest::newRow("zh_CN") << Language::Chinese << 20 << QStringLiteral("今年已用 %1 / 8 天");
}

// The lead's form in the history tab: a click on "Record IEM or training…", the fields filled,
// the plan's answer read as it is typed; the record shows at once, is counted in the summary
// and the entitlements card, and reaches the server once.
void TestCustomerHistoryDemo::leadRecordsAnEngagement()
{
    QFETCH(Language, language);
    QFETCH(int, firstDay);
    QFETCH(QString, used);
    ManualClock clock(pinnedAt()); // outlives the desk
    Testing::DemoDesk desk;
    const QString failed = desk.start(
            m_server, QStringLiteral("a-wangfang"), language,
            m_dir.filePath(QStringLiteral("lead-%1.sqlite").arg(languageCode(language))));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    pane->setClock(&clock);
    CustomerHistory *history = pane->customerHistory();
    window.showTicket(m_shown);
    QTRY_COMPARE(pane->ticketId(), m_shown);
    pane->conversationTabs()->setCurrentWidget(history);
    QTRY_VERIFY(history->recordButton()->isVisible());
    const int before = iemDaysOnServer();
    QVERIFY(before >= 0);

    const int year = pinnedAt()
                             .toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Singapore")))
                             .date()
                             .year();
    QString verdict;
    bool saveWasEnabled = false;
    QTimer fill;
    fill.setInterval(20);
    connect(&fill, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ServiceUseDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        fill.stop();
        dialog->kindBox()->setCurrentIndex(dialog->kindBox()->findData(ServiceKind::Iem));
        dialog->firstDayEdit()->setDate(QDate(year, 11, firstDay));
        dialog->lastDayEdit()->setDate(QDate(year, 11, firstDay + 1));
        dialog->askedOnEdit()->setDate(QDate(year, 9, 1));
        saveWasEnabled = dialog->saveButton()->isEnabled(); // no words yet: not yet
        QTest::keyClicks(dialog->noteEdit(), QStringLiteral("Double 11 peak"));
        verdict = dialog->verdictText();
        if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
            dialog->grab().save(QStringLiteral("%1/service-use-form-%2.png")
                                        .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                             languageCode(language)));
        QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    });
    fill.start();
    QTest::mouseClick(history->recordButton(), Qt::LeftButton);
    QVERIFY(!fill.isActive());
    QVERIFY(!saveWasEnabled);
    QVERIFY2(verdict.contains(used.arg(before)), qPrintable(verdict));
    // Shown and counted at once (before the server answers), then on the server once.
    QTRY_COMPARE(int(history->serviceUseIds().size()),
                 1 + (language == Language::Chinese ? 1 : 0));
    QTRY_COMPARE_WITH_TIMEOUT(iemDaysOnServer(), before + 2, 20000);
    QTRY_VERIFY2(history->summaryText().contains(used.arg(before + 2)),
                 qPrintable(history->summaryText()));
    QTRY_VERIFY2(pane->entitlementsText().contains(used.arg(before + 2)),
                 qPrintable(pane->entitlementsText()));
    // The desk's outbox empties when the server's answer reaches the sync thread, which is
    // after the server has the record: under load the line above came first.
    QTRY_VERIFY_WITH_TIMEOUT(desk.session->cache()->outbox().isEmpty(), 20000);
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        Testing::settlePostedEvents(); // the grab is for people to look at
        window.grab().save(QStringLiteral("%1/service-use-%2.png")
                                   .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                        languageCode(language)));
    }
}

void TestCustomerHistoryDemo::historyOfTheCustomer_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("iem");
    QTest::addColumn<QString>("training");
    QTest::addColumn<QString>("quota");
    QTest::addColumn<QString>("opened");
    QTest::newRow("en") << Language::English << QStringLiteral("of 8 days used this year")
                        << QStringLiteral("0 of 4 sessions used this year")
                        << QStringLiteral("Quota this month: %1 of 10 tickets used")
                        << QStringLiteral("Tickets this month: %1 (no monthly quota)");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("/ 8 天")
                           << QStringLiteral("今年已用 0 / 4 次")
                           << QStringLiteral("本月配额：已用 %1 / 10 单")
                           << QStringLiteral("本月工单：%1 单（无月度配额）");
}

void TestCustomerHistoryDemo::historyOfTheCustomer()
{
    QFETCH(Language, language);
    QFETCH(QString, iem);
    QFETCH(QString, training);
    QFETCH(QString, quota);
    QFETCH(QString, opened);
    ManualClock clock(pinnedAt()); // outlives the desk
    Testing::DemoDesk desk;
    const QString failed
        = desk.start(m_server, QStringLiteral("a-zhangwei"), language,
                     m_dir.filePath(QStringLiteral("%1.sqlite").arg(languageCode(language))));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    DeskSession &session = *desk.session;
    MainWindow &window = *desk.window;
    DeskController &controller = *desk.controller;
    TicketPane *pane = controller.ticketPane();
    pane->setClock(&clock);
    CustomerHistory *history = pane->customerHistory();

    // What the server holds of Northwind: every open ticket but the one shown, and the others
    // opened in the last 90 days.
    const Testing::RealServer::State state
        = m_server.state(m_server.token(QStringLiteral("a-zhangwei")));
    QVERIFY(state.ok);
    const QDateTime now = pinnedAt();
    QSet<QString> expected;
    int openCount = 0;
    for (const Ticket &t : state.tickets) {
        if (t.customerId != u"p-northwind" || t.id == m_shown)
            continue;
        const bool open = TicketStatus::isOpen(t.status);
        if (open || t.createdAt >= now.addDays(-CustomerHistory::ClosedDays))
            expected.insert(t.id);
        openCount += open ? 1 : 0;
    }
    QVERIFY(expected.contains(m_open) && expected.contains(m_closed));
    // The server's tickets of a customer opened in its calendar month, whatever their state.
    const auto openedThisMonth = [&state, &now](QStringView customerId, const char *zoneName) {
        const QTimeZone zone{QByteArray(zoneName)};
        const QDate month = now.toTimeZone(zone).date();
        int n = 0;
        for (const Ticket &t : state.tickets) {
            const QDate created = t.createdAt.toTimeZone(zone).date();
            n += t.customerId == customerId && created.year() == month.year()
                    && created.month() == month.month();
        }
        return n;
    };

    window.showTicket(m_shown);
    QTRY_COMPARE(pane->ticketId(), m_shown);
    // Alt+U, the tab's mnemonic, brings the history forward.
    QTest::keyClick(&window, Qt::Key_U, Qt::AltModifier);
    QTRY_COMPARE(pane->conversationTabs()->currentWidget(), history);
    const QStringList listed = history->ticketIds();
    QCOMPARE(QSet<QString>(listed.cbegin(), listed.cend()), expected);
    // Open first: the closed one comes after every open one.
    QCOMPARE(listed.indexOf(m_closed), openCount);
    // Each ticket on two lines, each elided on its own at the list's edge: its number and
    // subject (at least 16 characters of it, the rest in the tooltip), then when it was opened,
    // whole. On one line the subject came last and was cut at the pane's usual width (w15);
    // before that the date was (audit 11, D9).
    {
        QListWidget *rows = history->list();
        const QString opened = language == Language::English ? QStringLiteral("opened")
                                                             : QStringLiteral("创建于");
        for (int i = 0; i < rows->count(); ++i) {
            const QListWidgetItem *row = rows->item(i);
            if (row->data(Qt::UserRole).toString().isEmpty())
                continue; // a heading or "… and N more"
            const QString subject = state.tickets.value(row->data(Qt::UserRole).toString()).subject;
            QCOMPARE(row->toolTip(), subject);
            const QStringList lines = row->text().split(u'\n');
            QCOMPARE(lines.size(), 2);
            const QFontMetrics metrics(row->font());
            const int width = rows->viewport()->width() - 8;
            const QString first = metrics.elidedText(lines.at(0), Qt::ElideRight, width);
            const QString second = metrics.elidedText(lines.at(1), Qt::ElideRight, width);
            QVERIFY2(first.contains(subject.left(16)), qPrintable(first + u'|' + subject));
            QCOMPARE(second, lines.at(1)); // whole
            QVERIFY2(second.contains(opened), qPrintable(second));
            // Both lines have the room: the row is two lines high.
            QVERIFY(rows->visualItemRect(row).height() >= 2 * metrics.lineSpacing());
        }
    }
    const QString summary = history->summaryText();
    QVERIFY2(summary.contains(iem) && summary.contains(training), qPrintable(summary));
    // The partner's Enterprise has no quota: the month's tickets all count, the three this
    // test opened among them (it read 0 whatever the month held: the quota's count).
    const int northwind = openedThisMonth(u"p-northwind", "Asia/Singapore");
    QVERIFY(northwind >= 3);
    QVERIFY2(summary.contains(opened.arg(northwind)), qPrintable(summary));
    // The days the lead recorded (leadRecordsAnEngagement), read by an agent's desk.
    QStringList recorded;
    const int days = iemDaysOnServer(&recorded);
    QVERIFY(days > 0);
    QVERIFY2(summary.contains(language == Language::English
                                      ? QStringLiteral("%1 of 8 days used this year").arg(days)
                                      : QStringLiteral("今年已用 %1 / 8 天").arg(days)),
             qPrintable(summary));
    for (const QString &id : recorded)
        QVERIFY2(history->serviceUseIds().contains(id), qPrintable(id));
    QVERIFY(!history->recordButton()->isVisible()); // an agent reads, a lead records
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        Testing::settlePostedEvents(); // the grab is for people to look at
        window.grab().save(QStringLiteral("%1/history-%2.png")
                               .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"),
                                    languageCode(language)));
    }

    // One click opens the other open ticket, in the queue and in the pane.
    QListWidget *list = history->list();
    const QRect rect = list->visualItemRect(list->item(int(listed.indexOf(m_open))));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(pane->ticketId(), m_open);
    QCOMPARE(window.currentTicketId(), m_open);

    // The keyboard: to the closed one with the arrows, Enter opens it.
    pane->conversationTabs()->setCurrentWidget(history);
    list->setFocus();
    const QStringList now2 = history->ticketIds();
    list->setCurrentRow(0);
    for (int i = 0; i < now2.indexOf(m_closed); ++i)
        QTest::keyClick(list, Qt::Key_Down);
    QTest::keyClick(list, Qt::Key_Return);
    QTRY_COMPARE(pane->ticketId(), m_closed);

    // A hundred days on, the closed one is out of the window; the open ones stay.
    window.showTicket(m_shown);
    QTRY_COMPARE(pane->ticketId(), m_shown);
    ManualClock later(now.addDays(100));
    pane->setClock(&later);
    pane->conversationTabs()->setCurrentIndex(0);
    pane->conversationTabs()->setCurrentWidget(history);
    QVERIFY(!history->ticketIds().contains(m_closed));
    QVERIFY(history->ticketIds().contains(m_open));
    pane->setClock(&clock);

    // A Standard partner: the month's use of its 10 tickets, counted from the server's
    // tickets in the partner's month (Asia/Shanghai).
    const int used = openedThisMonth(u"p-bluefin", "Asia/Shanghai");
    window.showTicket(m_bluefin);
    QTRY_COMPARE(pane->ticketId(), m_bluefin);
    QVERIFY2(history->summaryText().contains(quota.arg(used)),
             qPrintable(history->summaryText()));

    if (language == Language::Chinese) {
        // Offline: the server is gone, the history still comes from the cache.
        m_server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!session.isOnline(), 20000);
        window.showTicket(m_shown);
        QTRY_COMPARE(pane->ticketId(), m_shown);
        QVERIFY(history->ticketIds().contains(m_open));
        QVERIFY(history->ticketIds().contains(m_closed));
    }
}

QTEST_MAIN(TestCustomerHistoryDemo)
#include "tst_customerhistory_demo.moc"
