// The session's one ticket index: read once per change whatever reads it, and one schedule
// of at-risk and breach moments that fires at the right instant (core/ticketindex.h).
#include "desksession.h"
#include "fakeserver.h"
#include "fakesession.h"
#include "plancatalog.h"
#include "ticketindex.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

namespace {

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

Ticket ticket(const char *id, const char *severity, const QDateTime &created, int targetMinutes,
              const char *assignee = "")
{
    Ticket t;
    t.id = QString::fromLatin1(id);
    t.customerId = QStringLiteral("c1");
    t.subject = QStringLiteral("Subject %1").arg(t.id);
    t.channel = QStringLiteral("ticket");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s2-enterprise");
    t.severity = QString::fromLatin1(severity);
    t.assigneeId = QString::fromLatin1(assignee);
    t.createdAt = created;
    t.dueAt = created.addSecs(qint64(targetMinutes) * 60);
    t.updatedAt = created;
    t.version = 1;
    return t;
}

// The system's time moved by a fixed offset: the real timer runs against it.
class OffsetClock final : public Clock
{
public:
    explicit OffsetClock(qint64 offsetMs) : m_offsetMs(offsetMs) {}
    QDateTime now() const override
    {
        return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs);
    }

private:
    qint64 m_offsetMs;
};

// D1 leaves the cache as a rejected new ticket does: its row and its ticket go.
bool dropD1FromTheCache()
{
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("index-test")));
    return q.exec(QStringLiteral("DELETE FROM queue_rows WHERE ticket_rowid = "
                                 "(SELECT rowid FROM tickets WHERE id = 'D1')"))
            && q.exec(QStringLiteral("DELETE FROM tickets WHERE id = 'D1'"));
}

} // namespace

class TestTicketIndex : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void readsOncePerChangeForEveryView();
    void scheduleFiresAtEachMoment();
    void settingsMoveTheMoments();
    void answeredTicketLeavesTheSchedule();
    void realTimerFiresAtTheMoment();
    void unchangedTicketKeepsItsPassedMoment();
    void removedTicketLeavesTheSchedule();
    void nextInstantsOnlyForScheduledTickets();
    void movedDeadlineMovesTheMoment();
    void unknownWordsFromANewerCatalogAreKept();
    void renamedAssigneeChangesOneTicket();
    void entryStatusIsTheFactsStatus();
    void settingsReadOnlyWhenTheFeedBringsThem();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TicketCache> m_cache;
    std::optional<CatalogSet> m_catalogs;
    ManualClock m_clock{utc("2026-11-22T10:00:00Z")};
};

void TestTicketIndex::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QStringList errors;
    m_catalogs = CatalogSet::loadBuiltIn(&errors);
    QVERIFY2(m_catalogs, qPrintable(errors.join(u'\n')));
    m_clock.set(utc("2026-11-22T10:00:00Z"));
    m_cache = std::make_unique<TicketCache>(QStringLiteral("index-test"));
    QCOMPARE(m_cache->open(m_dir->filePath(QStringLiteral("cache.sqlite"))),
             TicketCache::OpenStatus::Ok);
    // S2 business-down: 15 minutes, due 10:15; a quarter left from 10:11:15; the team's
    // 5-minute warning at 10:10.
    QVERIFY(m_cache->applyChanges({ticket("D1", "business-down", m_clock.now(), 15, "ann"),
                                   ticket("C1", "consultation", m_clock.now(), 60)},
                                  {}, {}, {}, TeamSettings(), 10, true, nullptr));
}

void TestTicketIndex::cleanup()
{
    m_cache.reset();
    m_dir.reset();
}

void TestTicketIndex::readsOncePerChangeForEveryView()
{
    const QString path = m_cache->path();
    m_cache->close();
    DeskSession session;
    SessionConfig config;
    config.cachePath = path;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    TicketIndex *index = session.index();
    QVERIFY(!index->isLoaded()); // nothing asked yet: nothing read
    QCOMPARE(index->readCount(), quint64(0));
    QCOMPARE(index->facts().size(), 2);
    QCOMPARE(index->readCount(), quint64(1));

    // Three views listening, as the notifier, the lead board and the ledger do: they hear of
    // a change from the index, once it has taken the rows the session read off this thread.
    QSignalSpy changed(index, &TicketIndex::changed);
    QStringList seenByViews;
    for (int view = 0; view < 3; ++view) {
        connect(index, &TicketIndex::changed, index, [&](const QStringList &) {
            seenByViews.append(index->fact(QStringLiteral("D1"))->assigneeId);
        });
    }
    Ticket d1 = ticket("D1", "business-down", utc("2026-11-22T10:00:00Z"), 15, "bob");
    d1.version = 2;
    QVERIFY(session.cache()->applyChanges({d1}, {}, {}, {}, std::nullopt, 11, true, nullptr));
    emit session.ticketsChanged({QStringLiteral("D1")});
    QVERIFY(changed.wait());
    QCOMPARE(index->readCount(), quint64(2)); // one read for the change, not one per view
    QCOMPARE(changed.size(), 1);
    QCOMPARE(seenByViews, QStringList(3, QStringLiteral("bob")));
    QCOMPARE(session.changedRows()->rowsReadHere(), qsizetype(0)); // read off this thread

    // A ticket gone from the cache leaves the index.
    QVERIFY(session.cache()->isOpen());
    emit session.ticketsChanged({QStringLiteral("nope")});
    QVERIFY(changed.wait());
    QCOMPARE(index->readCount(), quint64(3));
    QCOMPARE(index->facts().size(), 2);
    QVERIFY(!index->fact(QStringLiteral("nope")));

    // The team settings are held parsed: a feed page's new ones are read when asked again,
    // not on every call.
    TeamSettings team;
    team.atRiskFraction = 0.5;
    team.seq = 3;
    QVERIFY(session.cache()->applyChanges({}, {}, {}, {}, team, 12, true, nullptr));
    QCOMPARE(session.teamSettings().atRiskFraction, 0.25);
    QSignalSpy settings(index, &TicketIndex::settingsChanged);
    index->reloadSettings();
    QCOMPARE(settings.size(), 1);
    QCOMPARE(session.teamSettings().atRiskFraction, 0.5);
}

void TestTicketIndex::scheduleFiresAtEachMoment()
{
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    const std::optional<TicketFacts> d1 = index.fact(QStringLiteral("D1"));
    QVERIFY(d1);
    // D1's warning (10:10) comes before C1's (at risk from 10:45, due 11:00).
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:10:00Z"));
    QCOMPARE(index.scheduledCount(), 2);

    m_clock.set(utc("2026-11-22T10:09:59.999Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 0);
    m_clock.set(utc("2026-11-22T10:10:00Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(), QStringList{QStringLiteral("D1")});
    QCOMPARE(index.status(*d1, m_clock.now()).state, SlaState::OnTrack);

    // At risk from the first millisecond with a quarter of the target left.
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:11:15Z"));
    QCOMPARE(index.status(*d1, utc("2026-11-22T10:11:14.999Z")).state, SlaState::OnTrack);
    m_clock.set(utc("2026-11-22T10:11:15Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(index.status(*d1, m_clock.now()).state, SlaState::AtRisk);
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:15:00Z"));

    // The clock jumped past two moments (a suspended machine): one wake handles both.
    m_clock.set(utc("2026-11-22T10:56:00Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 2);
    QCOMPARE(passed.at(1).at(0).toStringList(),
             (QStringList{QStringLiteral("D1"), QStringLiteral("C1")}));
    QCOMPARE(index.status(*index.fact(QStringLiteral("D1")), m_clock.now()).state,
             SlaState::Breached);
    // D1 has no moment left; C1 is at risk at 11:00 − 15 min = 10:45 (passed), due at 11:00.
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T11:00:00Z"));
    QCOMPARE(index.scheduledCount(), 1);
}

void TestTicketIndex::settingsMoveTheMoments()
{
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    index.ensureLoaded();
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:10:00Z"));
    TeamSettings team;
    team.atRiskFraction = 0.5; // at risk from 10:07:30
    team.notifyBeforeBreachMinutes = 0;
    team.seq = 2;
    QSignalSpy settings(&index, &TicketIndex::settingsChanged);
    index.applySavedSettings(team);
    QCOMPARE(settings.size(), 1);
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:07:30Z"));
    // Older settings from the feed do not undo a newer save.
    index.reloadSettings();
    QCOMPARE(index.atRiskFraction(), 0.5);
    QCOMPARE(settings.size(), 1);
}

void TestTicketIndex::answeredTicketLeavesTheSchedule()
{
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    index.ensureLoaded();
    QCOMPARE(index.scheduledCount(), 2);
    Ticket d1 = ticket("D1", "business-down", utc("2026-11-22T10:00:00Z"), 15, "ann");
    d1.firstResponseAt = utc("2026-11-22T10:03:00Z");
    d1.status = TicketStatus::Accepted;
    d1.version = 2;
    QVERIFY(m_cache->applyChanges({d1}, {}, {}, {}, std::nullopt, 11, true, nullptr));
    QSignalSpy changed(&index, &TicketIndex::changed);
    index.update({QStringLiteral("D1")});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(index.scheduledCount(), 1);
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:45:00Z")); // C1 at risk
    QCOMPARE(index.status(QStringLiteral("D1"), utc("2026-11-22T10:20:00Z"))->state,
             SlaState::RespondedInTime);
}

// The real timer: nobody calls checkNow(). The clock is the system's, moved so that D1's
// warning is 300 ms away.
void TestTicketIndex::realTimerFiresAtTheMoment()
{
    const qint64 offset = QDateTime::currentDateTimeUtc().msecsTo(utc("2026-11-22T10:09:59.700Z"));
    OffsetClock clock(offset);
    TicketIndex index(m_cache.get(), &*m_catalogs, &clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    QCOMPARE(passed.size(), 0);
    QVERIFY(passed.wait(5000));
    QCOMPARE(passed.first().at(0).toStringList(), QStringList{QStringLiteral("D1")});
    QVERIFY(clock.now() >= utc("2026-11-22T10:10:00Z"));
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:11:15Z"));
}

// A change that leaves a ticket's times alone (another assignee) leaves its schedule entry
// alone: a moment that passed before the timer fired is still reported. Rescheduling from now
// dropped it, so the views never heard that D1 went at risk.
void TestTicketIndex::unchangedTicketKeepsItsPassedMoment()
{
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:10:00Z"));
    // D1's warning (10:10) has passed; the timer has not fired yet when its change comes.
    m_clock.set(utc("2026-11-22T10:10:30Z"));
    Ticket d1 = ticket("D1", "business-down", utc("2026-11-22T10:00:00Z"), 15, "bob");
    d1.version = 2;
    QVERIFY(m_cache->applyChanges({d1}, {}, {}, {}, std::nullopt, 11, true, nullptr));
    index.update({QStringLiteral("D1")});
    QCOMPARE(index.fact(QStringLiteral("D1"))->assigneeId, QStringLiteral("bob"));
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:10:00Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.first().at(0).toStringList(), QStringList{QStringLiteral("D1")});
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:11:15Z"));
}

// The schedule is kept by position: a ticket that leaves from the middle moves the last one
// into its place, and the moved ticket's moment still names the moved ticket.
void TestTicketIndex::removedTicketLeavesTheSchedule()
{
    // A third ticket, last in the index: S2 business-degraded, 30 min, due 10:30; its
    // 5-minute warning at 10:22:30 (at risk) — after D1's, before C1's.
    QVERIFY(m_cache->applyChanges(
            {ticket("B1", "business-degraded", utc("2026-11-22T10:00:00Z"), 30)}, {}, {}, {},
            std::nullopt, 11, true, nullptr));
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    QCOMPARE(index.size(), 3);
    QCOMPARE(index.scheduledCount(), 3);
    QCOMPARE(index.facts().first().id, QStringLiteral("D1")); // read in the cache's order
    // D1 leaves the cache (a rejected new ticket): its moments go with it.
    QVERIFY(dropD1FromTheCache());
    index.update({QStringLiteral("D1")});
    QVERIFY(!index.fact(QStringLiteral("D1")));
    QCOMPARE(index.size(), 2);
    QCOMPARE(index.scheduledCount(), 2);
    QCOMPARE(index.facts().first().id, QStringLiteral("B1")); // the last moved into its place
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:22:30Z"));
    QCOMPARE(index.fact(QStringLiteral("B1"))->severity, QStringLiteral("business-degraded"));
    m_clock.set(utc("2026-11-22T10:22:30Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(), QStringList{QStringLiteral("B1")});
    m_clock.set(utc("2026-11-22T11:00:00Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.first().at(0).toStringList(),
             (QStringList{QStringLiteral("B1"), QStringLiteral("C1")}));
    QCOMPARE(index.scheduledCount(), 0);
}

// A next instant is held beside the scheduled tickets alone (open, unanswered, a moment
// ahead): it was one beside every entry, 8 MB at a million tickets of which a few hundred are
// scheduled. Answered, removed and passed tickets give theirs back; the last one moved into a
// removed one's place keeps its moment.
void TestTicketIndex::nextInstantsOnlyForScheduledTickets()
{
    QVector<Ticket> more;
    for (int n = 0; n < 40; ++n) {
        Ticket t = ticket(QByteArray("A" + QByteArray::number(n)).constData(), "consultation",
                          utc("2026-11-22T09:00:00Z"), 60);
        t.firstResponseAt = utc("2026-11-22T09:05:00Z"); // answered: nothing ahead
        more.append(t);
    }
    more.append(ticket("B1", "business-degraded", utc("2026-11-22T10:00:00Z"), 30));
    QVERIFY(m_cache->applyChanges(more, {}, {}, {}, std::nullopt, 11, true, nullptr));
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    QCOMPARE(index.size(), 43);
    QCOMPARE(index.scheduledCount(), 3);
    QCOMPARE(index.nextInstantsHeld(), 3);
    // D1 leaves; B1, read last, moves into a place: its moment goes with it.
    QVERIFY(dropD1FromTheCache());
    index.update({QStringLiteral("D1")});
    QCOMPARE(index.scheduledCount(), 2);
    QCOMPARE(index.nextInstantsHeld(), 2);
    m_clock.set(utc("2026-11-22T10:22:30Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(), QStringList{QStringLiteral("B1")});
    m_clock.set(utc("2026-11-22T11:00:00Z"));
    index.checkNow();
    QCOMPARE(index.scheduledCount(), 0);
    QCOMPARE(index.nextInstantsHeld(), 0);
    QCOMPARE(index.size(), 42);
}

// A reclassification moves the deadline: the old moments are gone, the new ones fire.
void TestTicketIndex::movedDeadlineMovesTheMoment()
{
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    QSignalSpy passed(&index, &TicketIndex::momentsPassed);
    index.ensureLoaded();
    // C1 (consultation, due 11:00) reclassified to business-down: due 10:15, as D1.
    Ticket c1 = ticket("C1", "business-down", utc("2026-11-22T10:00:00Z"), 15);
    c1.version = 2;
    QVERIFY(m_cache->applyChanges({c1}, {}, {}, {}, std::nullopt, 11, true, nullptr));
    index.update({QStringLiteral("C1")});
    m_clock.set(utc("2026-11-22T10:10:00Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(),
             (QStringList{QStringLiteral("D1"), QStringLiteral("C1")}));
    // D1 back to consultation: due 11:00, nothing due at 10:11:15 any more but C1's at risk.
    Ticket d1 = ticket("D1", "consultation", utc("2026-11-22T10:00:00Z"), 60, "ann");
    d1.version = 2;
    QVERIFY(m_cache->applyChanges({d1}, {}, {}, {}, std::nullopt, 12, true, nullptr));
    index.update({QStringLiteral("D1")});
    m_clock.set(utc("2026-11-22T10:11:15Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(), QStringList{QStringLiteral("C1")});
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:15:00Z")); // C1's breach
    m_clock.set(utc("2026-11-22T10:44:59Z"));
    index.checkNow();
    QCOMPARE(passed.size(), 1);
    QCOMPARE(passed.takeFirst().at(0).toStringList(), QStringList{QStringLiteral("C1")});
    QCOMPARE(index.nextMomentAt(), utc("2026-11-22T10:45:00Z")); // D1 at risk, not 10:15
}

// Words are interned codes: an edition, severity and status this build's catalog does not
// know (a newer server's) come back exactly, count as open and scheduled, and name no
// catalog cell or quota. Ids come back exactly too: a canonical UUID is packed, any other
// id (upper case, short) kept as text.
void TestTicketIndex::unknownWordsFromANewerCatalogAreKept()
{
    Ticket future = ticket("X1", "system-meltdown", utc("2026-11-22T10:00:00Z"), 30);
    future.editionId = QStringLiteral("s0-platinum");
    future.status = QStringLiteral("escalated");
    Ticket upper = ticket("X2", "consultation", utc("2026-11-22T10:00:00Z"), 60);
    upper.id = QStringLiteral("0F8FAD5B-D9CB-469F-A165-70867728950E");
    Ticket lower = upper;
    lower.id = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    QVERIFY(m_cache->applyChanges({future, upper, lower}, {}, {}, {}, std::nullopt, 11, true,
                                  nullptr));
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    index.ensureLoaded();
    QCOMPARE(index.size(), 5);
    const std::optional<TicketFacts> x1 = index.fact(QStringLiteral("X1"));
    QVERIFY(x1);
    QCOMPARE(x1->editionId, QStringLiteral("s0-platinum"));
    QCOMPARE(x1->severity, QStringLiteral("system-meltdown"));
    QCOMPARE(x1->status, QStringLiteral("escalated"));
    QVERIFY(x1->isOpen());
    QVERIFY(!index.isUnassignedMostSevere(*x1));
    QVERIFY(index.cellKeys().contains(
            cellKey(QStringLiteral("service-plan"), QStringLiteral("s0-platinum"),
                    QStringLiteral("system-meltdown"))));
    QVERIFY(index.quotaTicketTimes(QStringLiteral("c1")).isEmpty()); // S2 and S0: no quota
    QCOMPARE(index.scheduledCount(), 5);
    QCOMPARE(index.status(QStringLiteral("X1"), utc("2026-11-22T10:31:00Z"))->state,
             SlaState::Breached);
    // Both spellings of the UUID are distinct tickets, each found by its own spelling only.
    QCOMPARE(index.fact(upper.id)->id, upper.id);
    QCOMPARE(index.fact(lower.id)->id, lower.id);
    QVERIFY(index.indexOf(upper.id) != index.indexOf(lower.id));
    QVERIFY(!index.fact(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950f")));
    QVERIFY(!index.fact(QStringLiteral("X")));
    QStringList ids;
    for (const TicketFacts &f : index.facts())
        ids.append(f.id);
    ids.sort();
    QCOMPARE(ids, (QStringList{upper.id, lower.id, QStringLiteral("C1"), QStringLiteral("D1"),
                               QStringLiteral("X1")}));
}

// Two tickets share the word "ann" (one code). One of them goes to the renamed account:
// that ticket alone changes; the other still reads "ann".
void TestTicketIndex::renamedAssigneeChangesOneTicket()
{
    QVERIFY(m_cache->applyChanges({ticket("D2", "business-down", m_clock.now(), 15, "ann")}, {},
                                  {}, {}, std::nullopt, 11, true, nullptr));
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    index.ensureLoaded();
    const quint32 ann = index.codeOf(QStringLiteral("ann"));
    QVERIFY(ann != TicketIndex::NoWord);
    QCOMPARE(index.codeOf(QStringLiteral("ann.lee")), TicketIndex::NoWord);
    Ticket d1 = ticket("D1", "business-down", utc("2026-11-22T10:00:00Z"), 15, "ann.lee");
    d1.version = 2;
    QVERIFY(m_cache->applyChanges({d1}, {}, {}, {}, std::nullopt, 12, true, nullptr));
    index.update({QStringLiteral("D1")});
    QCOMPARE(index.fact(QStringLiteral("D1"))->assigneeId, QStringLiteral("ann.lee"));
    QCOMPARE(index.fact(QStringLiteral("D2"))->assigneeId, QStringLiteral("ann"));
    QCOMPARE(index.codeOf(QStringLiteral("ann")), ann);
    const auto annsTickets = index.factsWhere(
            [ann](const TicketIndex::Entry &e) { return e.assignee == ann; });
    QCOMPARE(annsTickets.size(), 1);
    QCOMPARE(annsTickets.first().id, QStringLiteral("D2"));
    // Unassigned again: the empty word, code 0, as for a ticket never assigned.
    d1.assigneeId.clear();
    d1.version = 3;
    QVERIFY(m_cache->applyChanges({d1}, {}, {}, {}, std::nullopt, 13, true, nullptr));
    index.update({QStringLiteral("D1")});
    QCOMPARE(index.fact(QStringLiteral("D1"))->assigneeId, QString());
    QCOMPARE(index.entryAt(index.indexOf(QStringLiteral("D1"))).assignee, quint32(0));
}

QTEST_MAIN(TestTicketIndex)
// The entry's status (statusAt(), what the lead board's lists ask without making a fact) is
// the fact's (status()) for every ticket at every instant: it passed no clock stop, so a
// resolved or closed ticket never answered read "breached", counting up, where the fact, the
// pane and the queue read it resolved or closed.
void TestTicketIndex::entryStatusIsTheFactsStatus()
{
    Ticket resolved = ticket("R1", "business-down", utc("2026-11-22T09:00:00Z"), 15);
    resolved.status = TicketStatus::Resolved;
    Ticket closed = ticket("X1", "consultation", utc("2026-11-22T09:50:00Z"), 60, "ann");
    closed.status = TicketStatus::Closed;
    Ticket answered = ticket("A1", "business-degraded", utc("2026-11-22T09:40:00Z"), 30);
    answered.firstResponseAt = utc("2026-11-22T09:45:00Z");
    answered.status = TicketStatus::Accepted;
    QVERIFY(m_cache->applyChanges({resolved, closed, answered}, {}, {}, {}, std::nullopt, 11,
                                  true, nullptr));
    TicketIndex index(m_cache.get(), &*m_catalogs, &m_clock);
    index.ensureLoaded();
    QCOMPARE(index.size(), 5);
    for (const char *at : {"2026-11-22T10:00:00Z", "2026-11-22T10:12:00Z", "2026-11-22T12:00:00Z"}) {
        for (qsizetype i = 0; i < index.size(); ++i) {
            const TicketFacts f = index.factAt(i);
            QCOMPARE(index.statusAt(i, utc(at)).state, index.status(f, utc(at)).state);
            QCOMPARE(index.statusAt(i, utc(at)).secondsOverdue,
                     index.status(f, utc(at)).secondsOverdue);
        }
    }
    const qsizetype r1 = index.indexOf(QStringLiteral("R1"));
    QCOMPARE(index.statusAt(r1, utc("2026-11-22T12:00:00Z")).state, SlaState::Resolved);
    QCOMPARE(index.statusAt(index.indexOf(QStringLiteral("X1")), utc("2026-11-22T12:00:00Z")).state,
             SlaState::Closed);
}

// The session's index reads the team's settings at the idle after a feed page that brought
// them, not at every idle of the sync (each idle read and parsed them for nothing).
void TestTicketIndex::settingsReadOnlyWhenTheFeedBringsThem()
{
    using Testing::FakeServer;
    QTemporaryDir dir;
    FakeServer *served = nullptr;
    const SessionConfig config = Testing::fakeConfig(
            dir.filePath(QStringLiteral("cache.sqlite")), &served, [](FakeServer *server) {
                TeamSettings team;
                team.atRiskFraction = 0.5;
                team.seq = 1;
                server->putSettings(team);
            });
    DeskSession session;
    QCOMPARE(session.open(config), TicketCache::OpenStatus::Ok);
    TicketIndex *index = session.index();
    QSignalSpy idle(&session, &DeskSession::idle);
    session.start();
    QVERIFY(idle.wait(10000));
    QCOMPARE(index->atRiskFraction(), 0.5);
    const quint64 read = index->settingsReadCount();

    // A ticket only, then nothing: two idles, no read.
    served->changeOnItsThread(
            [](FakeServer *s) { s->addTicket(QStringLiteral("t2"), QStringLiteral("Net")); });
    session.syncNow();
    QTRY_COMPARE(session.cache()->ticketCount(), 2);
    idle.clear();
    session.syncNow();
    QVERIFY(idle.wait(10000));
    QCOMPARE(index->settingsReadCount(), read);

    // New settings: read once, at the idle after them.
    QSignalSpy settingsChanged(index, &TicketIndex::settingsChanged);
    served->changeOnItsThread([](FakeServer *s) {
        TeamSettings team;
        team.atRiskFraction = 0.4;
        team.seq = 2;
        s->putSettings(team);
    });
    session.syncNow();
    QVERIFY(settingsChanged.wait(10000));
    QCOMPARE(index->atRiskFraction(), 0.4);
    QCOMPARE(index->settingsReadCount(), read + 1);
    session.stop();
}

#include "tst_ticketindex.moc"
