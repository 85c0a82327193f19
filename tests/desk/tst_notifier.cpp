// The notifier on a seeded cache and a manual clock: what it announces, when, and never twice.
#include "desksession.h"
#include "../sync/fakeserver.h"
#include "notifier.h"
#include "ticketcache.h"

#include <QJsonDocument>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;
using SupportDesk::Testing::FakeServer;

namespace {

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toUTC();
}

Ticket ticket(const char *id, const char *edition, const char *severity, const char *created,
              int targetMinutes, const char *assignee, const char *plan = "service-plan")
{
    Ticket t;
    t.id = QString::fromLatin1(id);
    t.customerId = QStringLiteral("c1");
    t.subject = QStringLiteral("Subject %1").arg(t.id);
    t.channel = QStringLiteral("ticket");
    t.planId = QString::fromLatin1(plan);
    t.editionId = QString::fromLatin1(edition);
    t.severity = QString::fromLatin1(severity);
    t.assigneeId = QString::fromLatin1(assignee);
    t.createdAt = utc(created);
    t.dueAt = t.createdAt.addSecs(qint64(targetMinutes) * 60);
    t.updatedAt = t.createdAt;
    t.version = 1;
    return t;
}

struct Event
{
    QString id;
    Notifier::Kind kind;
    QString title;
    QString text;
};

QVector<Event> events(QSignalSpy &spy)
{
    QVector<Event> list;
    for (const QList<QVariant> &args : std::as_const(spy))
        list.append({ args.at(0).toString(), args.at(1).value<Notifier::Kind>(),
                      args.at(2).toString(), args.at(3).toString() });
    spy.clear();
    return list;
}

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void atRiskThenBreachOnceEach();
    void notForAnotherAgentsTicket();
    void unassignedBusinessDownOfEitherPlan();
    void notTwiceAfterRestart();
    void reclassifiedDeadlineNotifiesAgain();
    void answeredTicketStops();
    void assignedToSomeoneElseStops();
    void teamSettingsMoveTheWarning();
    void preferencesTurnKindsOff();
    void oldBreachIsNotNews();
    void onTheSession();
    void timerFiresWithoutBeingAsked();
    void sessionResetPassInAnEventOfItsOwn();
    void firstLookInSlicesOverAnIndexAlreadyRead();
    void decidesOnTheIndexEntries();
    void signedOutLetsMyTicketsGo();
    void subjectReadOffTheGuiThread();

private:
    std::unique_ptr<Notifier> makeNotifier();
    static void grewInSlices(const QSignalSpy &attention, int slice);
    void advanceTo(const char *iso);
    // The seeded cache, signed in as ann, opened by a session (the test's cache handed over).
    void openAsAnn(DeskSession *session);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TicketCache> m_cache;
    std::optional<CatalogSet> m_catalogs;
    ManualClock m_clock { utc("2026-11-22T10:00:00Z") };
    std::unique_ptr<Notifier> m_notifier;
};

// Clock at 10:00; team settings: at risk with a quarter left, warn 5 min before a breach.
//   M1  ann's, S2 degraded (30 min), due 10:10: at risk (and warned) from 10:02:30.
//   B1  bob's, S2 business-down, due 10:10: never announced to ann.
//   U1  nobody's, S2 business-down (15 min), due 10:13: warned at 10:08 (5 min before),
//       at risk from 10:09:15.
//   U2  nobody's, S2 consultation: not business-down, never announced.
//   P1  nobody's, partner business-down (15 min), due 10:20: warned at 10:15.
void TestNotifier::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
    m_clock.set(utc("2026-11-22T10:00:00Z"));
    m_cache = std::make_unique<TicketCache>(QStringLiteral("notifier-test"));
    QCOMPARE(m_cache->open(m_dir->filePath(QStringLiteral("cache.sqlite"))),
             TicketCache::OpenStatus::Ok);
    const QVector<Ticket> list {
        ticket("M1", "s2-enterprise", "business-degraded", "2026-11-22T09:40:00Z", 30, "ann"),
        ticket("B1", "s2-enterprise", "business-down", "2026-11-22T09:55:00Z", 15, "bob"),
        ticket("U1", "s2-enterprise", "business-down", "2026-11-22T09:58:00Z", 15, ""),
        ticket("U2", "s2-enterprise", "consultation", "2026-11-22T09:58:00Z", 60, ""),
        ticket("P1", "standard", "business-down", "2026-11-22T10:05:00Z", 15, "", "partner-plan"),
    };
    QVERIFY(m_cache->applyChanges(list, {}, {}, {}, TeamSettings(), 10, true, nullptr));
}

void TestNotifier::cleanup()
{
    m_notifier.reset();
    m_cache.reset();
    m_dir.reset();
}

std::unique_ptr<Notifier> TestNotifier::makeNotifier()
{
    auto n
        = std::make_unique<Notifier>(m_cache.get(), *m_catalogs, &m_clock, QStringLiteral("ann"));
    n->setCoalesceMs(0);
    return n;
}

// The attention count grew in at least three events, by at most one slice each.
void TestNotifier::grewInSlices(const QSignalSpy &attention, int slice)
{
    QVERIFY2(attention.size() >= 3, qPrintable(QString::number(attention.size())));
    int before = 0;
    for (const QList<QVariant> &count : std::as_const(attention)) {
        const int now = count.at(0).toInt();
        QVERIFY2(now > before && now - before <= slice, qPrintable(QString::number(now)));
        before = now;
    }
}

void TestNotifier::advanceTo(const char *iso)
{
    m_clock.set(utc(iso));
    m_notifier->checkNow();
}

void TestNotifier::openAsAnn(DeskSession *session)
{
    const Agent ann{QStringLiteral("ann"), QStringLiteral("Ann Lee"), AgentRole::Agent, {}, 0};
    QVERIFY(m_cache->setSyncValue(QStringLiteral("me"), QString::fromUtf8(QJsonDocument(
                                          Json::toJson(ann)).toJson(QJsonDocument::Compact))));
    const QString path = m_cache->path();
    m_cache.reset();
    SessionConfig config;
    config.cachePath = path;
    QCOMPARE(session->open(config), TicketCache::OpenStatus::Ok);
}

void TestNotifier::atRiskThenBreachOnceEach()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    QSignalSpy count(m_notifier.get(), &Notifier::attentionCountChanged);
    m_notifier->reload();
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_notifier->attentionCount(), 0);
    QCOMPARE(m_notifier->watchedCount(), 3); // M1, U1, P1
    // The ordered schedule: nothing is looked at before M1's at-risk instant.
    QCOMPARE(m_notifier->nextCheckAt(), utc("2026-11-22T10:02:30Z"));

    advanceTo("2026-11-22T10:02:29.999Z");
    QCOMPARE(spy.size(), 0);
    advanceTo("2026-11-22T10:02:30Z");
    auto got = events(spy);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].id, QStringLiteral("M1"));
    QCOMPARE(got[0].kind, Notifier::Kind::AtRisk);
    QVERIFY2(got[0].title.contains(QStringLiteral("Subject M1")), qPrintable(got[0].title));
    // 7 min 30 s left: cut as the queue's "7 min 30 s" is (issue 14), no longer rounded up.
    QVERIFY2(got[0].text.contains(QStringLiteral("7 min left")), qPrintable(got[0].text));
    QCOMPARE(m_notifier->attentionCount(), 1);
    QCOMPARE(count.size(), 1);
    QCOMPARE(count.last().at(0).toInt(), 1);

    advanceTo("2026-11-22T10:05:00Z");
    advanceTo("2026-11-22T10:09:59Z");
    got = events(spy);
    QCOMPARE(got.size(), 1); // U1's warning at 10:08, nothing more for M1
    QCOMPARE(got[0].id, QStringLiteral("U1"));

    advanceTo("2026-11-22T10:10:00Z");
    got = events(spy);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got[0].id, QStringLiteral("M1"));
    QCOMPARE(got[0].kind, Notifier::Kind::Breached);
    // Fired at the deadline's second: "overdue 0 s", as the queue says it (it read "overdue
    // 0 min" when overdue time was cut to minutes, issue 14).
    QVERIFY2(got[0].text.startsWith(QStringLiteral("overdue 0 s")), qPrintable(got[0].text));
    QCOMPARE(m_notifier->attentionCount(), 1); // still M1, now breached

    advanceTo("2026-11-22T10:11:00Z");
    m_notifier->reload();
    QCOMPARE(spy.size(), 0);
}

void TestNotifier::notForAnotherAgentsTicket()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    for (const char *t : { "2026-11-22T10:06:00Z", "2026-11-22T10:10:00Z", "2026-11-22T10:30:00Z" })
        advanceTo(t);
    for (const Event &e : events(spy)) {
        QVERIFY2(e.id != u"B1", "bob's ticket announced to ann");
        QVERIFY2(e.id != u"U2", "an unassigned consultation announced");
    }
    QVERIFY(m_notifier->warningAt(QStringLiteral("B1")).isNull());
}

void TestNotifier::unassignedBusinessDownOfEitherPlan()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    QCOMPARE(m_notifier->warningAt(QStringLiteral("U1")), utc("2026-11-22T10:08:00Z"));
    advanceTo("2026-11-22T10:08:00Z");
    auto got = events(spy);
    QCOMPARE(got.size(), 2); // M1 (at risk since 10:02:30) and U1
    QCOMPARE(got[1].id, QStringLiteral("U1"));
    QVERIFY2(got[1].title.contains(QStringLiteral("Unassigned")), qPrintable(got[1].title));
    QVERIFY2(got[1].text.contains(QStringLiteral("Business unavailable")), qPrintable(got[1].text));
    // Not mine: the badge counts only my tickets.
    QCOMPARE(m_notifier->attentionCount(), 1);

    advanceTo("2026-11-22T10:15:00Z");
    got = events(spy);
    QCOMPARE(got.size(), 3); // M1 breached 10:10, U1 breached 10:13, P1 warned 10:15
    QCOMPARE(got[2].id, QStringLiteral("P1"));
    QCOMPARE(got[2].kind, Notifier::Kind::AtRisk);
}

void TestNotifier::notTwiceAfterRestart()
{
    m_notifier = makeNotifier();
    {
        QSignalSpy spy(m_notifier.get(), &Notifier::notify);
        m_notifier->reload();
        advanceTo("2026-11-22T10:03:00Z");
        QCOMPARE(spy.size(), 1);
    }
    // A restart: a new notifier on the same file.
    m_notifier.reset();
    const QString path = m_cache->path();
    m_cache->close();
    m_cache = std::make_unique<TicketCache>(QStringLiteral("notifier-test-2"));
    QCOMPARE(m_cache->open(path), TicketCache::OpenStatus::Ok);
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_notifier->attentionCount(), 1);
    advanceTo("2026-11-22T10:10:00Z");
    auto got = events(spy);
    QCOMPARE(got.size(), 2); // U1's warning and M1's breach, once each
    QCOMPARE(got[1].id, QStringLiteral("M1"));
    QCOMPARE(got[1].kind, Notifier::Kind::Breached);
    m_notifier = makeNotifier();
    QSignalSpy again(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    QCOMPARE(again.size(), 0);
}

void TestNotifier::reclassifiedDeadlineNotifiesAgain()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    advanceTo("2026-11-22T10:03:00Z");
    QCOMPARE(events(spy).size(), 1);

    // Reclassified to a consultation (60 min): due 10:40, at risk from 10:25.
    Ticket m1 = ticket("M1", "s2-enterprise", "consultation", "2026-11-22T09:40:00Z", 60, "ann");
    m1.version = 2;
    QVERIFY(m_cache->applyChanges({ m1 }, {}, {}, {}, std::nullopt, 11, true, nullptr));
    m_notifier->noteTicketsChanged({ QStringLiteral("M1") });
    m_notifier->flushPendingChanges();
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_notifier->attentionCount(), 0);
    QCOMPARE(m_notifier->warningAt(QStringLiteral("M1")), utc("2026-11-22T10:25:00Z"));

    advanceTo("2026-11-22T10:25:00Z");
    auto got = events(spy);
    QVERIFY(!got.isEmpty());
    QCOMPARE(got.last().id, QStringLiteral("M1"));
    QCOMPARE(got.last().kind, Notifier::Kind::AtRisk);
    QCOMPARE(m_notifier->attentionCount(), 1);

    // Upgraded back: the old deadline (10:10) has passed; the breach of it is news.
    m1 = ticket("M1", "s2-enterprise", "business-degraded", "2026-11-22T09:40:00Z", 30, "ann");
    m1.version = 3;
    QVERIFY(m_cache->applyChanges({ m1 }, {}, {}, {}, std::nullopt, 12, true, nullptr));
    m_notifier->noteTicketsChanged({ QStringLiteral("M1") });
    QTRY_COMPARE(spy.size(), 1);
    got = events(spy);
    QCOMPARE(got[0].kind, Notifier::Kind::Breached);
}

void TestNotifier::answeredTicketStops()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    advanceTo("2026-11-22T10:03:00Z");
    QCOMPARE(m_notifier->attentionCount(), 1);
    spy.clear();

    Ticket m1
        = ticket("M1", "s2-enterprise", "business-degraded", "2026-11-22T09:40:00Z", 30, "ann");
    m1.firstResponseAt = utc("2026-11-22T10:04:00Z");
    m1.status = TicketStatus::Accepted;
    m1.version = 2;
    QVERIFY(m_cache->applyChanges({ m1 }, {}, {}, {}, std::nullopt, 11, true, nullptr));
    QSignalSpy count(m_notifier.get(), &Notifier::attentionCountChanged);
    m_notifier->noteTicketsChanged({ QStringLiteral("M1") });
    m_notifier->flushPendingChanges();
    QCOMPARE(m_notifier->attentionCount(), 0);
    QCOMPARE(count.size(), 1);
    QVERIFY(m_notifier->warningAt(QStringLiteral("M1")).isNull());
    advanceTo("2026-11-22T10:30:00Z");
    for (const Event &e : events(spy))
        QVERIFY(e.id != u"M1");
}

void TestNotifier::assignedToSomeoneElseStops()
{
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    Ticket u1 = ticket("U1", "s2-enterprise", "business-down", "2026-11-22T09:58:00Z", 15, "bob");
    u1.version = 2;
    QVERIFY(m_cache->applyChanges({ u1 }, {}, {}, {}, std::nullopt, 11, true, nullptr));
    m_notifier->noteTicketsChanged({ QStringLiteral("U1") });
    m_notifier->flushPendingChanges();
    QCOMPARE(m_notifier->watchedCount(), 2);
    advanceTo("2026-11-22T10:14:00Z");
    for (const Event &e : events(spy))
        QVERIFY(e.id != u"U1");
    // Handed to me: mine now, counted.
    u1.assigneeId = QStringLiteral("ann");
    u1.version = 3;
    QVERIFY(m_cache->applyChanges({ u1 }, {}, {}, {}, std::nullopt, 12, true, nullptr));
    m_notifier->noteTicketsChanged({ QStringLiteral("U1") });
    m_notifier->flushPendingChanges();
    QCOMPARE(m_notifier->attentionCount(), 2); // M1 and U1, both breached
}

void TestNotifier::teamSettingsMoveTheWarning()
{
    m_notifier = makeNotifier();
    m_notifier->reload();
    QCOMPARE(m_notifier->warningAt(QStringLiteral("M1")), utc("2026-11-22T10:02:30Z"));
    TeamSettings s;
    s.atRiskFraction = 0.5; // 15 of 30 min: at risk from 09:55, i.e. now
    s.notifyBeforeBreachMinutes = 0;
    s.seq = 11;
    QVERIFY(m_cache->applyChanges({}, {}, {}, {}, s, 11, true, nullptr));
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reloadSettings();
    QCOMPARE(m_notifier->warningAt(QStringLiteral("M1")), utc("2026-11-22T09:55:00Z"));
    QCOMPARE(spy.size(), 1);
    QCOMPARE(m_notifier->attentionCount(), 1);
    // U1 (15 min): half is 7:30 → 10:05:30; no 5-minute warning any more.
    QCOMPARE(m_notifier->warningAt(QStringLiteral("U1")), utc("2026-11-22T10:05:30Z"));
    // A long warning lead is capped at the ticket's creation.
    s.atRiskFraction = 0.25;
    s.notifyBeforeBreachMinutes = 120;
    s.seq = 12;
    QVERIFY(m_cache->applyChanges({}, {}, {}, {}, s, 12, true, nullptr));
    m_notifier->reloadSettings();
    QCOMPARE(m_notifier->warningAt(QStringLiteral("U1")), utc("2026-11-22T09:58:00Z"));
}

void TestNotifier::preferencesTurnKindsOff()
{
    m_notifier = makeNotifier();
    m_notifier->setPreferences({ true, false });
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    advanceTo("2026-11-22T10:03:00Z");
    advanceTo("2026-11-22T10:12:00Z"); // U1's warning (10:08) passes unannounced
    auto got = events(spy);
    QCOMPARE(got.size(), 2);
    QCOMPARE(got[0].id, QStringLiteral("M1"));
    QCOMPARE(got[1].id, QStringLiteral("M1"));
    QCOMPARE(got[1].kind, Notifier::Kind::Breached);
    m_notifier->setPreferences({ false, true });
    advanceTo("2026-11-22T10:16:00Z");
    got = events(spy);
    QCOMPARE(got.size(), 2); // U1's breach at 10:13, P1's warning at 10:15
    QCOMPARE(got[0].id, QStringLiteral("U1"));
    QCOMPARE(got[1].id, QStringLiteral("P1"));
}

void TestNotifier::oldBreachIsNotNews()
{
    Ticket old = ticket("M9", "s2-enterprise", "business-down", "2026-11-22T06:00:00Z", 15, "ann");
    QVERIFY(m_cache->applyChanges({ old }, {}, {}, {}, std::nullopt, 11, true, nullptr));
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    m_notifier->reload();
    QCOMPARE(spy.size(), 0);
    QCOMPARE(m_notifier->attentionCount(), 1); // but it counts
    // One breached half an hour ago is news.
    Ticket recent
        = ticket("M8", "s2-enterprise", "business-down", "2026-11-22T09:15:00Z", 15, "ann");
    QVERIFY(m_cache->applyChanges({ recent }, {}, {}, {}, std::nullopt, 12, true, nullptr));
    m_notifier->noteTicketsChanged({ QStringLiteral("M8") });
    m_notifier->flushPendingChanges();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(m_notifier->attentionCount(), 2);
}

void TestNotifier::onTheSession()
{
    const Agent me { QStringLiteral("ann"), QStringLiteral("Ann Lee"), AgentRole::Agent,
                     QStringLiteral("en"), 0 };
    QVERIFY(m_cache->setSyncValue(QStringLiteral("me"),
                                  QString::fromUtf8(QJsonDocument(Json::toJson(me)).toJson())));
    const QString path = m_cache->path();
    m_cache->close();
    DeskSession session;
    SessionConfig config;
    config.cachePath = path;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    m_clock.set(utc("2026-11-22T10:03:00Z"));
    Notifier notifier(&session);
    notifier.setClock(&m_clock);
    QCOMPARE(notifier.meId(), QStringLiteral("ann"));
    QSignalSpy spy(&notifier, &Notifier::notify);
    // The first read waits for the event loop, so this connection sees M1's warning.
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("M1"));
    QCOMPARE(notifier.attentionCount(), 1);

    // A feed page brings a business-down ticket nobody has, already at risk.
    Ticket fresh = ticket("U3", "s1-flagship", "business-down", "2026-11-22T09:50:00Z", 15, "");
    QVERIFY(session.cache()->applyChanges({ fresh }, {}, {}, {}, std::nullopt, 20, true, nullptr));
    emit session.ticketsChanged({ QStringLiteral("U3") });
    // The session's index read U3 once; the notifier, its view, decides at once.
    QTRY_COMPARE(spy.size(), 2);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("U3"));
}

// The real clock and the real timer: nobody calls checkNow().
void TestNotifier::timerFiresWithoutBeingAsked()
{
    // S2 business-down (15 min), due 5 min + 1 s from now: the 5-minute warning is a second
    // away. Nothing here says how long the lines before the warning take: it was 300 ms away
    // and "nothing yet" was a 100 ms wait, which under load ended after the warning had come
    // (or the notifier's first read came after its moment). What must hold at any speed: the
    // notifier's next moment is the warning while it is ahead, and the warning never comes
    // before it.
    const QDateTime due = QDateTime::currentDateTimeUtc().addMSecs(5 * 60 * 1000 + 1000);
    const QDateTime warnAt = due.addSecs(-5 * 60);
    Ticket t = ticket("R1", "s2-enterprise", "business-down", "2026-11-22T09:00:00Z", 15, "ann");
    t.createdAt = due.addSecs(-15 * 60);
    t.dueAt = due;
    QVERIFY(m_cache->applyChanges({ t }, {}, {}, {}, std::nullopt, 11, true, nullptr));
    Notifier notifier(m_cache.get(), *m_catalogs, nullptr, QStringLiteral("ann"));
    QSignalSpy spy(&notifier, &Notifier::notify);
    QDateTime toldAt;
    connect(&notifier, &Notifier::notify, this, [&toldAt] {
        if (!toldAt.isValid())
            toldAt = QDateTime::currentDateTimeUtc();
    });
    // The first read: the next moment is known (or, on a slow run, already passed and told).
    QTRY_VERIFY(notifier.nextCheckAt().isValid() || !spy.isEmpty());
    const QDateTime next = notifier.nextCheckAt();
    if (QDateTime::currentDateTimeUtc() < warnAt)
        QCOMPARE(next, warnAt);
    QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 10000);
    QVERIFY2(toldAt >= warnAt, qPrintable(QStringLiteral("told %1 ms early")
                                                  .arg(toldAt.msecsTo(warnAt))));
    QCOMPARE(spy.first().at(0).toString(), QStringLiteral("R1"));
    QCOMPARE(spy.first().at(1).value<Notifier::Kind>(), Notifier::Kind::AtRisk);
}

// The initial sync's end: the index swaps in what the worker made, the queue and the pane
// rebuild, all in one event; the notifier's pass over every ticket comes after it, a slice
// per event (docs/cache.md), and still sees every ticket.
void TestNotifier::sessionResetPassInAnEventOfItsOwn()
{
    QTemporaryDir dir;
    SessionConfig config;
    config.cachePath = dir.filePath(QStringLiteral("cache.sqlite"));
    config.options.minBackoffMs = 10;
    config.options.pageSize = 500; // several pages, one reset
    config.makeTransport = [] {
        auto *server = new FakeServer;
        for (int i = 0; i < 1200; ++i) {
            Ticket t = server->addTicket(QStringLiteral("t%1").arg(i), QStringLiteral("Disk"));
            t.assigneeId = FakeServer::agentId(); // mine: my at-risk tickets are counted
            server->putTicket(t);
        }
        return server;
    };
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    // 1 h 45 min into their 2 h: at risk (the last quarter), not breached.
    m_clock.set(QDateTime::currentDateTimeUtc().addSecs(105 * 60));
    Notifier notifier(&session);
    notifier.setClock(&m_clock);
    notifier.setPassSliceSize(500);
    QCoreApplication::processEvents(); // the notifier's first read: the empty cache
    QCOMPARE(notifier.attentionCount(), 0);
    QSignalSpy attention(&notifier, &Notifier::attentionCountChanged);
    QSignalSpy reset(&session, &DeskSession::cacheReset);
    int attentionInReset = -1;
    connect(&session, &DeskSession::cacheReset, this,
            [&] { attentionInReset = notifier.attentionCount(); });
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(reset.size(), 1, 10000);
    QCOMPARE(notifier.meId(), FakeServer::agentId());
    QCOMPARE(attentionInReset, 0); // not in the reset's event
    QTRY_COMPARE(notifier.attentionCount(), 1200);
    // A slice of 500 tickets per event: the count grew in at least three events, by at most
    // one slice each. (A page the feed signalled before the reset may be merged first, so the
    // first count can be that page's tickets rather than a whole slice.)
    grewInSlices(attention, 500);
    session.stop();
}

// The queue's load reads the session's index in the same pass (DeskSession::scanTicketRows),
// before the window's first paint; the notifier's first look over it (a pass over every ticket,
// ~0.1 s a 100k) goes in slices, each an event of its own, so the paint is not held behind it.
void TestNotifier::firstLookInSlicesOverAnIndexAlreadyRead()
{
    QVector<Ticket> mine;
    for (int i = 0; i < 1200; ++i) {
        // ann's, S2 degraded (30 min), due 10:05: at risk from 09:57:30.
        Ticket t = ticket("", "s2-enterprise", "business-degraded", "2026-11-22T09:35:00Z", 30,
                          "ann");
        t.id = QStringLiteral("m%1").arg(i);
        mine.append(t);
    }
    QVERIFY(m_cache->applyChanges(mine, {}, {}, {}, std::nullopt, 11, true, nullptr));
    DeskSession session;
    openAsAnn(&session);
    if (QTest::currentTestFailed())
        return;
    session.index()->ensureLoaded(); // as the queue's load does, before the first paint
    Notifier notifier(&session);
    notifier.setClock(&m_clock);
    notifier.setPassSliceSize(500);
    QCOMPARE(notifier.meId(), QStringLiteral("ann"));
    QSignalSpy attention(&notifier, &Notifier::attentionCountChanged);
    QTRY_COMPARE(notifier.attentionCount(), 1200); // init()'s M1 is not at risk yet
    // At most a slice a time: the count grew in at least three events.
    grewInSlices(attention, 500);
}

// The notifier decides on the index's compact entries: a look at every ticket, a settings
// change and the moments passing make a TicketFacts for a notice alone (it made one for every
// ticket of mine or nobody's, and one per changed id).
void TestNotifier::decidesOnTheIndexEntries()
{
    QVector<Ticket> more;
    for (int i = 0; i < 40; ++i) {
        // Nobody's consultations and bob's tickets: never a notice to ann.
        Ticket t = ticket("", "s2-enterprise", i % 2 ? "consultation" : "business-down",
                          "2026-11-22T09:58:00Z", 60, i % 2 ? "" : "bob");
        t.id = QStringLiteral("x%1").arg(i);
        more.append(t);
    }
    QVERIFY(m_cache->applyChanges(more, {}, {}, {}, std::nullopt, 11, true, nullptr));
    m_notifier = makeNotifier();
    QSignalSpy spy(m_notifier.get(), &Notifier::notify);
    TicketIndex *index = m_notifier->index();
    index->ensureLoaded();
    quint64 made = index->factsMade();
    m_notifier->reload(); // 10:00: nothing due
    QCOMPARE(m_notifier->watchedCount(), 3); // M1, U1, P1
    QCOMPARE(spy.size(), 0);
    QCOMPARE(index->factsMade() - made, quint64(0));

    made = index->factsMade();
    advanceTo("2026-11-22T10:08:00Z"); // M1 at risk, U1 warned: two notices
    QCOMPARE(spy.size(), 2);
    QCOMPARE(index->factsMade() - made, quint64(2));

    // A change of every ticket (a feed page) and of the settings: no notice, no fact.
    QStringList all;
    for (const Ticket &t : std::as_const(more))
        all.append(t.id);
    all << QStringLiteral("M1") << QStringLiteral("U1") << QStringLiteral("P1");
    made = index->factsMade();
    m_notifier->noteTicketsChanged(all);
    m_notifier->flushPendingChanges();
    TeamSettings settings;
    settings.notifyBeforeBreachMinutes = 1;
    settings.seq = 12;
    QVERIFY(m_cache->applyChanges({}, {}, {}, {}, settings, 12, true, nullptr));
    m_notifier->reloadSettings();
    QCOMPARE(spy.size(), 2);
    QCOMPARE(index->factsMade() - made, quint64(0));
    QCOMPARE(m_notifier->watchedCount(), 3);
}

// Decided on the entries, the look at every ticket passes over those of nobody's concern; a
// watched ticket that stopped being mine (its agent signed out) still leaves the badge.
void TestNotifier::signedOutLetsMyTicketsGo()
{
    DeskSession session;
    openAsAnn(&session);
    if (QTest::currentTestFailed())
        return;
    Notifier notifier(&session);
    notifier.setClock(&m_clock);
    m_clock.set(utc("2026-11-22T10:03:00Z")); // M1 at risk
    notifier.reload();
    QCOMPARE(notifier.attentionCount(), 1);
    QCOMPARE(notifier.watchedCount(), 3);
    emit session.signedOut();
    TeamSettings settings;
    settings.notifyBeforeBreachMinutes = 1;
    settings.seq = 99;
    session.index()->applySavedSettings(settings); // every ticket looked at again
    QCOMPARE(notifier.attentionCount(), 0);
    QCOMPARE(notifier.watchedCount(), 2); // U1 and P1: nobody's, business-down
}

// On the session's cache file a notice's subject is read on a thread of its own (issue 14: no
// SQLite read on the GUI thread per change): the notice still names the ticket, in the order
// decided, with the catalog's words in either language. (It was read here: cache->ticket().)
void TestNotifier::subjectReadOffTheGuiThread()
{
    DeskSession session;
    openAsAnn(&session);
    if (QTest::currentTestFailed())
        return;
    m_clock.set(utc("2026-11-22T10:08:00Z")); // M1 at risk, U1 warned
    Notifier notifier(&session);
    notifier.setClock(&m_clock);
    QSignalSpy spy(&notifier, &Notifier::notify);
    QTRY_COMPARE(spy.size(), 2);
    QVector<Event> seen = events(spy);
    QCOMPARE(notifier.subjectsReadHere(), quint64(0));
    QCOMPARE(notifier.noticesWaiting(), 0);
    QStringList titles;
    for (const Event &e : std::as_const(seen))
        titles.append(e.title);
    titles.sort();
    QCOMPARE(titles, QStringList({QStringLiteral("Unassigned ticket at risk: Subject U1"),
                                  QStringLiteral("Your ticket is at risk: Subject M1")}));

    // In Chinese: a change the session read (a feed page: U3, nobody's, business-down,
    // breached 3 min ago), then time passing (M1 and U1 breach, P1's warning) in one event.
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    const auto restore = qScopeGuard([before] { QLocale::setDefault(before); });
    Ticket fresh = ticket("U3", "s1-flagship", "business-down", "2026-11-22T09:50:00Z", 15, "");
    fresh.number = 73;
    fresh.subject = QStringLiteral("支付中断");
    QVERIFY(session.cache()->applyChanges({fresh}, {}, {}, {}, std::nullopt, 20, true, nullptr));
    emit session.ticketsChanged({QStringLiteral("U3")});
    QTRY_COMPARE(spy.size(), 1);
    seen = events(spy);
    QCOMPARE(seen.at(0).id, QStringLiteral("U3"));
    QCOMPARE(seen.at(0).kind, Notifier::Kind::Breached);
    QVERIFY2(seen.at(0).title.endsWith(QStringLiteral("#73 支付中断")),
             qPrintable(seen.at(0).title));
    QVERIFY2(seen.at(0).text.contains(QStringLiteral("旗舰版")), qPrintable(seen.at(0).text));
    m_clock.set(utc("2026-11-22T10:15:00Z"));
    notifier.checkNow();
    QTRY_COMPARE(spy.size(), 3);
    seen = events(spy);
    QStringList named;
    for (const Event &e : std::as_const(seen)) {
        QVERIFY2(e.title.endsWith(QStringLiteral("Subject ") + e.id), qPrintable(e.title));
        // The severities' names from the catalogs in Chinese: 业务不可用, 业务/系统异常.
        QVERIFY2(e.text.contains(QStringLiteral("业务")), qPrintable(e.text));
        named.append(e.id);
    }
    named.sort();
    QCOMPARE(named, QStringList({QStringLiteral("M1"), QStringLiteral("P1"),
                                 QStringLiteral("U1")}));
    QCOMPARE(notifier.subjectsReadHere(), quint64(0));
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
