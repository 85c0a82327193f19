// The local cache on a real SQLite file: the outbox, acknowledgements, conflicts, schema
// versions and recovery from a damaged file.
#include "ticketcache.h"

#include "cachecodec.h"
#include "oldcacheschema.h"
#include "planrules.h"

#include <QDataStream>
#include <functional>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <sqlite3.h>

#include <atomic>
#include <limits>
#include <thread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

using namespace SupportDesk;

class TestTicketCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void freshCacheHasSchema();
    void feedPageIsApplied();
    void rowsOfSomeTickets();
    void corruptQueueRowsAreSkipped();
    void searchableAsSoonAsCached();
    void searchFollowsEdits();
    void searchIndexOfOlderCacheIsBackfilled();
    void searchIndexIsAFileOfItsOwn();
    void searchIndexOfSchema10CacheMovesToItsFile();
    void searchFileOfAnotherCacheIsRebuilt();
    void missingOrDamagedSearchFileIsRebuilt_data();
    void missingOrDamagedSearchFileIsRebuilt();
    void searchFileBehindCatchesUp();
    void searchWriterWritesBesideThePages();
    void searchWriterMergesNoSegmentsUntilWritten();
    void searchWriterYieldsWhileTheCacheFills();
    void searchWriterQueueIsBounded();
    void editIsQueuedWithTheTicketChange();
    void acknowledgeRebasesLaterEdits();
    void acceptPreviewAssignsTheSignedInAgent();
    void editReadBeforeOwnAcknowledgementIsRebased();
    void severityChangesAreKept();
    void serverUpdateKeepsPendingEditsOnTop();
    void conflictThenReapply();
    void conflictThenDrop();
    void outboxReadByTicketAndByOp();
    void rejectedCreateStaysUntilDropped();
    void failedWriteChangesNothing();
    void textsWithNulAndAstralCharactersReadBackEqual();
    void pageFailingHalfWayChangesNothing();
    void initialSyncPagesAreNotSpilled();
    void feedPageOpensNoBTreePerTicket();
    void untaggedPageDeletesNoTags();
    void initialSyncIsNotCheckpointedBetweenPages();
    void queueRowsKeyedByTicketRowid();
    void queueRowsOfOlderCacheAreMigrated();
    void ticketRecordKeepsItsFormat();
    void queueRowKeepsItsFormat();
    void minusOneInARowIsNotAMissingWordCode();
    void newerSchemaIsRefused();
    void corruptFileIsMovedAsideAndOutboxSalvaged();
    void garbageFileIsCorrupt();

private:
    Ticket serverTicket(const QString &id, qint64 version) const;
    static Customer customer(const QString &id, const QString &name);
    Operation edit(const QString &type, const QString &ticketId, qint64 base,
                   const QJsonObject &payload = {}) const;
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite")); }
    QString searchPath() const { return path() + QStringLiteral("-search"); }
    void removeSearchFile() const;
    // The search file's state (cache_id, complete_to), read on a connection of its own.
    QString searchState(const QString &key) const;
    QStringList findAll(const char *text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TicketCache> m_cache;
};

Ticket TestTicketCache::serverTicket(const QString &id, qint64 version) const
{
    Ticket t;
    t.id = id;
    t.number = 7;
    t.customerId = QStringLiteral("c1");
    t.subject = QStringLiteral("Disk full");
    t.channel = QStringLiteral("ticket");
    t.severity = QStringLiteral("business-degraded");
    t.planId = QStringLiteral("service-plan");
    t.editionId = QStringLiteral("s2-enterprise");
    t.createdAt = QDateTime(QDate(2026, 5, 1), QTime(8, 0), Qt::UTC);
    t.dueAt = t.createdAt.addSecs(1800);
    t.version = version;
    t.seq = version;
    return t;
}

Customer TestTicketCache::customer(const QString &id, const QString &name)
{
    Customer c;
    c.id = id;
    c.name = name;
    c.planId = QStringLiteral("service-plan");
    c.editionId = QStringLiteral("s2-enterprise");
    return c;
}

Operation TestTicketCache::edit(const QString &type, const QString &ticketId, qint64 base,
                                const QJsonObject &payload) const
{
    Operation op;
    op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    op.type = type;
    op.ticketId = ticketId;
    op.baseVersion = base;
    op.payload = payload;
    op.madeAt = QDateTime(QDate(2026, 5, 1), QTime(8, 5), Qt::UTC);
    return op;
}

void TestTicketCache::removeSearchFile() const
{
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(searchPath() + QLatin1String(suffix));
}

QString TestTicketCache::searchState(const QString &key) const
{
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("search-state"));
        db.setDatabaseName(searchPath());
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT value FROM search_state WHERE key = ?"));
            q.addBindValue(key);
            if (q.exec() && q.next())
                value = q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("search-state"));
    return value;
}

// FTS5's 'automerge' option as the search file holds it (empty: FTS5's default, never set).
static QString automergeOf(const QString &searchPath)
{
    QString value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                    QStringLiteral("search-config"));
        db.setDatabaseName(searchPath);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT v FROM ticket_search_config WHERE k = "
                                      "'automerge'"))
                && q.next())
                value = q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("search-config"));
    return value;
}

QStringList TestTicketCache::findAll(const char *text) const
{
    QStringList ids = m_cache->searchTickets(QString::fromUtf8(text));
    ids.sort();
    return ids;
}

void TestTicketCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_cache = std::make_unique<TicketCache>(QStringLiteral("test"));
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
}

void TestTicketCache::cleanup()
{
    m_cache.reset();
    m_dir.reset();
}

void TestTicketCache::freshCacheHasSchema()
{
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), TicketCache::SchemaVersion);
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QCOMPARE(m_cache->lastSeq(), 0);
    QVERIFY(!m_cache->initialSyncDone());
}

void TestTicketCache::rowsOfSomeTickets()
{
    Ticket second = serverTicket(QStringLiteral("t2"), 1);
    second.channel = QStringLiteral("hotline");
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1), second}, {}, {}, {}, {},
                                  2, true, nullptr));
    const QueueRows some = m_cache->loadTicketRows({QStringLiteral("t2"), QStringLiteral("gone")});
    QCOMPARE(some.rows.size(), 1); // an id with no row is left out
    QCOMPARE(some.rows.first().id(), QStringLiteral("t2"));
    // Codes are the cache's own: the same as in a full load, so a model can merge the rows.
    const QueueRows all = m_cache->loadTicketRows();
    QCOMPARE(some.word(some.rows.first().channel), QStringLiteral("hotline"));
    QCOMPARE(some.rows.first().channel, all.code(QStringLiteral("hotline")));
}

void TestTicketCache::corruptQueueRowsAreSkipped()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1),
                                   serverTicket(QStringLiteral("t2"), 1),
                                   serverTicket(QStringLiteral("t3"), 1)},
                                  {}, {}, {}, {}, 3, true, nullptr));
    const QueueRows before = m_cache->loadTicketRows();
    QCOMPARE(before.rows.size(), 3);
    // A row whose number fields hold other bytes, and one with a number of 25 digits: each is
    // left out of the queue, the others load as they were.
    QByteArray letters = m_cache->loadTicketRows({QStringLiteral("t2")}).rows.first().packed;
    QList<QByteArray> fields = letters.split('\x1f');
    fields[13] = "12ab34";
    letters = fields.join('\x1f');
    fields[13] = QByteArray(25, '9');
    const QByteArray huge = fields.join('\x1f');
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.prepare(QStringLiteral("UPDATE queue_rows SET row = ? WHERE ticket_rowid = "
                                     "(SELECT rowid FROM tickets WHERE id = ?)")));
    q.addBindValue(letters);
    q.addBindValue(QStringLiteral("t2"));
    QVERIFY(q.exec());
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 2);
    q.addBindValue(huge);
    q.addBindValue(QStringLiteral("t2"));
    QVERIFY(q.exec());
    const QueueRows after = m_cache->loadTicketRows();
    QCOMPARE(after.rows.size(), 2);
    for (const TicketRow &r : after.rows) {
        QVERIFY(r.id() != u"t2");
        QCOMPARE(r.dueAtMs, before.rows.first().dueAtMs);
    }
}

void TestTicketCache::searchableAsSoonAsCached()
{
    const Customer acme = customer(QStringLiteral("c1"), QStringLiteral("Acme 云计算"));
    Ticket a = serverTicket(QStringLiteral("a"), 1);
    a.subject = QStringLiteral("MySQL 主从复制延迟");
    a.body = QStringLiteral("The replica lags 40% behind since the upgrade");
    Ticket b = serverTicket(QStringLiteral("b"), 1);
    b.subject = QStringLiteral("Nginx 502 after reload");
    b.body = QStringLiteral("数据库连接超时");
    b.customerId = QStringLiteral("c2");
    // Two pages of an initial sync, each searchable once written: the first page before the
    // second is written (its customer, in the same page, by name), and no backfill is left.
    QVERIFY(m_cache->applyChanges({a}, {}, {acme}, {}, {}, 1, false, nullptr));
    QCOMPARE(m_cache->searchTickets(QStringLiteral("acme")), QStringList{QStringLiteral("a")});
    QVERIFY(m_cache->applyChanges({b}, {}, {}, {}, {}, 2, true, nullptr));
    QCOMPARE(m_cache->searchTickets(QStringLiteral("nginx")), QStringList{QStringLiteral("b")});
    QVERIFY(m_cache->searchIndexComplete());
    QCOMPARE(m_cache->buildSearchIndex(1), 0);

    const auto find = [this](const char *text) {
        QStringList ids = m_cache->searchTickets(QString::fromUtf8(text));
        ids.sort();
        return ids;
    };
    QCOMPARE(find("nginx"), QStringList{QStringLiteral("b")});       // subject, any case
    QCOMPARE(find("REPLICA"), QStringList{QStringLiteral("a")});     // body
    QCOMPARE(find("acme"), QStringList{QStringLiteral("a")});        // customer name
    QCOMPARE(find("主从复制"), QStringList{QStringLiteral("a")});    // Chinese, in a word
    QCOMPARE(find("超时"), QStringList{QStringLiteral("b")});        // two characters
    QCOMPARE(find("云"), QStringList{QStringLiteral("a")});          // one character
    QCOMPARE(find("502 reload"), QStringList{QStringLiteral("b")});  // every word must match
    QVERIFY(find("502 replica").isEmpty());
    QCOMPARE(find("40%"), QStringList{QStringLiteral("a")});         // % is a character
    QVERIFY(find("4%").isEmpty());
    QVERIFY(find("\"quoted\" OR").isEmpty());                      // no query syntax leaks
    QVERIFY(find("   ").isEmpty());
}

void TestTicketCache::searchFollowsEdits()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1)}, {}, {}, {}, {}, 1, true,
                                  nullptr));
    QVERIFY(m_cache->buildSearchIndex(100) == 0);
    QCOMPARE(m_cache->searchTickets(QStringLiteral("disk")), QStringList{QStringLiteral("t1")});
    // After the initial sync, a changed ticket is indexed as it is written.
    Ticket renamed = serverTicket(QStringLiteral("t1"), 2);
    renamed.subject = QStringLiteral("Bandwidth spike");
    QVERIFY(m_cache->applyChanges({renamed}, {}, {}, {}, {}, 2, true, nullptr));
    QVERIFY(m_cache->searchTickets(QStringLiteral("disk")).isEmpty());
    QCOMPARE(m_cache->searchTickets(QStringLiteral("bandwidth")), QStringList{QStringLiteral("t1")});
    // A ticket made offline is searchable before the server has it.
    const QJsonObject payload{{QStringLiteral("customer_id"), QStringLiteral("c1")},
                              {QStringLiteral("subject"), QStringLiteral("COS bucket 403")},
                              {QStringLiteral("channel"), QStringLiteral("ticket")},
                              {QStringLiteral("severity"), QStringLiteral("consultation")}};
    QVERIFY(m_cache->saveEdit(edit(QStringLiteral("create-ticket"), QStringLiteral("n1"), 0, payload)));
    QCOMPARE(m_cache->searchTickets(QStringLiteral("bucket")), QStringList{QStringLiteral("n1")});
}

void TestTicketCache::searchIndexOfOlderCacheIsBackfilled()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1)}, {}, {}, {}, {}, 1, true,
                                  nullptr));
    m_cache->close();
    {
        // Make it a schema-1 cache, as the previous release wrote it.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        // (no ticket_search in the file since schema 11: it is in the search file, removed
        // below as a build before 11 had none)
        QVERIFY(q.exec(QStringLiteral("DROP TABLE own_versions"))); // schema 3
        QVERIFY(q.exec(QStringLiteral("DROP TABLE severity_changes"))); // schema 4
        for (const char *table : {"attachments", "attachment_blobs", "attachment_uploads"}) // 6
            QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE macros"))); // schema 7
        QVERIFY(q.exec(QStringLiteral("DROP TABLE ticket_tags"))); // schema 9
        QVERIFY(q.exec(QStringLiteral("DROP TABLE service_use"))); // schema 12
        QVERIFY(q.exec(QStringLiteral("DROP TABLE saved_views"))); // schema 13
        // schema 8 and 10: queue_rows by id again, without open_key and its index
        QVERIFY(Testing::queueRowsKeyedById(q));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_state WHERE key LIKE 'search%' OR "
                                      "key = 'cache_id'")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    removeSearchFile();
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(!m_cache->searchIndexComplete());
    QCOMPARE(m_cache->buildSearchIndex(100), 0);
    QCOMPARE(m_cache->searchTickets(QStringLiteral("disk full")), QStringList{QStringLiteral("t1")});
}

// The index is a file beside the cache (<cache>-search), attached to the cache's connection
// as `search`: the cache file holds no ticket_search, and the search file says whose index
// it is and the feed sequence it is complete to.
void TestTicketCache::searchIndexIsAFileOfItsOwn()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 4)}, {}, {}, {}, {}, 4,
                                  true, nullptr));
    QCOMPARE(findAll("disk"), QStringList{QStringLiteral("t1")});
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM main.sqlite_master WHERE name = "
                                  "'ticket_search'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM search.ticket_search")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    q.finish();
    QVERIFY(QFileInfo::exists(searchPath()));
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("4"));
    QCOMPARE(searchState(QStringLiteral("cache_id")),
             m_cache->syncValue(QStringLiteral("cache_id")));
    QCOMPARE(m_cache->syncValue(QStringLiteral("cache_id")).size(), 32);
    QVERIFY(m_cache->searchIndexComplete());
    // A reader connection of another thread's (the queue's search) finds it there too.
    QCOMPARE(TicketCache::searchTicketsAt(path(), QStringLiteral("reader"),
                                          QStringLiteral("disk"), 10),
             QStringList{QStringLiteral("t1")});
    TicketCache::closeSearchConnection(QStringLiteral("reader"));
}

// A cache of schema 10 had its index inside: the step to 11 drops it, and the backfill
// indexes every ticket into the new file.
void TestTicketCache::searchIndexOfSchema10CacheMovesToItsFile()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1),
                                   serverTicket(QStringLiteral("t2"), 2)},
                                  {}, {customer(QStringLiteral("c1"), QStringLiteral("Acme"))},
                                  {}, {}, 2, true, nullptr));
    m_cache->close();
    removeSearchFile();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE VIRTUAL TABLE ticket_search USING fts5(subject, "
                                      "body, customer, tokenize = 'trigram')")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO ticket_search (rowid, subject, body, "
                                      "customer) SELECT rowid, 'Disk full', '', 'Acme' FROM "
                                      "tickets")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO sync_state (key, value) VALUES "
                                      "('search_backfill_to', '2'), "
                                      "('search_backfill_from', '2')")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM sync_state WHERE key = 'cache_id'")));
        QVERIFY(q.exec(QStringLiteral("DROP TABLE service_use"))); // schema 12
        QVERIFY(q.exec(QStringLiteral("DROP TABLE saved_views"))); // schema 13
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 10")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name) FROM main.sqlite_master WHERE "
                                  "name LIKE 'ticket_search%' OR name LIKE 'search%'"))
            && q.next());
    QVERIFY2(q.value(0).toString().isEmpty(), qPrintable(q.value(0).toString()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sync_state WHERE key LIKE "
                                  "'search_backfill%'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q.finish();
    QVERIFY(!m_cache->searchIndexComplete());
    QVERIFY(findAll("acme").isEmpty());
    QCOMPARE(m_cache->buildSearchIndex(1), 1); // in slices
    QCOMPARE(m_cache->buildSearchIndex(100), 0);
    QVERIFY(m_cache->searchIndexComplete());
    QCOMPARE(findAll("acme"), (QStringList{QStringLiteral("t1"), QStringLiteral("t2")}));
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("2"));
}

// The search file beside a cache is another cache's (a file restored or moved by hand): its
// entries are not this cache's tickets, so it is emptied and backfilled.
void TestTicketCache::searchFileOfAnotherCacheIsRebuilt()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1)}, {}, {}, {}, {}, 1,
                                  true, nullptr));
    m_cache->close();
    const QString otherPath = m_dir->filePath(QStringLiteral("other.sqlite"));
    {
        TicketCache other(QStringLiteral("other"));
        QCOMPARE(other.open(otherPath), TicketCache::OpenStatus::Ok);
        Ticket foreign = serverTicket(QStringLiteral("x1"), 1);
        foreign.subject = QStringLiteral("Foreign ticket");
        QVERIFY(other.applyChanges({foreign}, {}, {}, {}, {}, 1, true, nullptr));
    } // closed: its WAL is in its file
    removeSearchFile();
    QVERIFY(QFile::copy(otherPath + QStringLiteral("-search"), searchPath()));
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(findAll("foreign").isEmpty());
    QVERIFY(!m_cache->searchIndexComplete());
    QCOMPARE(m_cache->buildSearchIndex(100), 0);
    QCOMPARE(findAll("disk"), QStringList{QStringLiteral("t1")});
    QCOMPARE(searchState(QStringLiteral("cache_id")),
             m_cache->syncValue(QStringLiteral("cache_id")));
}

void TestTicketCache::missingOrDamagedSearchFileIsRebuilt_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("missing") << QStringLiteral("missing");
    QTest::newRow("not a database") << QStringLiteral("garbage");
    QTest::newRow("damaged pages") << QStringLiteral("pages");
}

// The index is only derived data: a search file that is missing or damaged never fails the
// cache. It is made again (at open, or by the integrity check for damage deeper in) and
// backfilled.
void TestTicketCache::missingOrDamagedSearchFileIsRebuilt()
{
    QFETCH(QString, damage);
    QVector<Ticket> page;
    for (int i = 0; i < 300; ++i) {
        Ticket t = serverTicket(QStringLiteral("t%1").arg(i), 1);
        t.subject = QStringLiteral("Disk full on host %1").arg(i);
        t.body = QString(400, QChar(u'a' + i % 26)); // a few pages of index
        page.append(t);
    }
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 1, true, nullptr));
    m_cache->close();
    if (damage == u"missing") {
        removeSearchFile();
    } else {
        QFile f(searchPath());
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.size() >= 8 * 4096);
        if (damage == u"pages")
            f.seek(4096); // the header is intact: it opens
        for (qint64 at = f.pos(); at < f.size(); at += 4096)
            f.write(QByteArray(4096, '\xA5'));
        f.close();
    }
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(m_cache->checkIntegrity());
    QVERIFY(!m_cache->searchIndexComplete());
    while (m_cache->buildSearchIndex(100) > 0) { }
    QVERIFY(m_cache->searchIndexComplete());
    QCOMPARE(findAll("host 299"), QStringList{QStringLiteral("t299")});
    QCOMPARE(findAll("disk full").size(), 300);
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("PRAGMA search.quick_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
}

// A search file behind its cache (killed between the two files' commits, or before the
// search writer wrote its last pages): the backfill indexes the tickets changed past its
// complete_to, and trusts the entries before it.
void TestTicketCache::searchFileBehindCatchesUp()
{
    Ticket a = serverTicket(QStringLiteral("a"), 1);
    Ticket b = serverTicket(QStringLiteral("b"), 2);
    b.subject = QStringLiteral("Nginx 502");
    QVERIFY(m_cache->applyChanges({a}, {}, {}, {}, {}, 1, false, nullptr));
    QVERIFY(m_cache->applyChanges({b}, {}, {}, {}, {}, 2, true, nullptr));
    const Operation create = edit(QStringLiteral("create-ticket"), QStringLiteral("n1"), 0,
                                  {{QStringLiteral("customer_id"), QStringLiteral("c1")},
                                   {QStringLiteral("subject"), QStringLiteral("COS bucket 403")},
                                   {QStringLiteral("channel"), QStringLiteral("ticket")},
                                   {QStringLiteral("severity"), QStringLiteral("consultation")}});
    QVERIFY(m_cache->saveEdit(create)); // pending, seq 0
    m_cache->close();
    {
        // As if the last page's and the edit's entries never reached the search file.
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(searchPath());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM ticket_search")));
        QVERIFY(q.exec(QStringLiteral("UPDATE search_state SET value = '1' WHERE key = "
                                      "'complete_to'")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(!m_cache->searchIndexComplete());
    QCOMPARE(m_cache->buildSearchIndex(100), 0);
    QVERIFY(m_cache->searchIndexComplete());
    QCOMPARE(findAll("nginx"), QStringList{QStringLiteral("b")}); // past complete_to
    QCOMPARE(findAll("bucket"), QStringList{QStringLiteral("n1")}); // unsent edits
    // a's entry is not read again: the file said it was complete to a's page (it was deleted
    // above only to show what the backfill reads).
    QVERIFY(findAll("disk").isEmpty());
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("2"));
}

// During an initial sync the search file is written by the writer's thread: the cache's
// connection lets go of it (a BEGIN IMMEDIATE there would lock it for each page's whole
// transaction) and hands over each page's entries when the page commits; a page that rolls
// back hands nothing. Afterwards the connection has it again and pages write their entries.
void TestTicketCache::searchWriterWritesBesideThePages()
{
    const auto attached = [] {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
        QStringList names;
        if (q.exec(QStringLiteral("PRAGMA database_list"))) {
            while (q.next())
                names.append(q.value(1).toString());
        }
        return names.contains(u"search");
    };
    const auto find = [this](const char *text) {
        QStringList ids = TicketCache::searchTicketsAt(path(), QStringLiteral("reader"),
                                                       QString::fromUtf8(text), 100);
        ids.sort();
        return ids;
    };
    QVERIFY(attached());
    SearchWriter writer(searchPath());
    QVERIFY(m_cache->setSearchWriter(&writer));
    QVERIFY(!attached());
    writer.start();
    QVector<Ticket> first;
    for (int i = 0; i < 50; ++i)
        first.append(serverTicket(QStringLiteral("a%1").arg(i), 1));
    QVERIFY(m_cache->applyChanges(first, {}, {customer(QStringLiteral("c1"), QStringLiteral("Acme"))},
                                  {}, {}, 1, false, nullptr));
    {
        // The page fails after its entries were collected (its message is written last).
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
        QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER fail_message BEFORE INSERT ON messages "
                                      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
    }
    Ticket lost = serverTicket(QStringLiteral("lost"), 2);
    lost.subject = QStringLiteral("Never committed");
    Message note;
    note.id = QStringLiteral("m1");
    note.ticketId = lost.id;
    note.body = QStringLiteral("a note");
    note.createdAt = lost.createdAt;
    QVERIFY(!m_cache->applyChanges({lost}, {note}, {}, {}, {}, 2, false, nullptr));
    QVERIFY(QSqlQuery(QSqlDatabase::database(QStringLiteral("test")))
                    .exec(QStringLiteral("DROP TRIGGER fail_message")));
    Ticket b = serverTicket(QStringLiteral("b"), 2);
    b.subject = QStringLiteral("Nginx 502");
    QVERIFY(m_cache->applyChanges({b}, {}, {}, {}, {}, 2, true, nullptr));
    QVERIFY(!m_cache->searchIndexComplete());
    QVERIFY(writer.waitUntilWritten());
    QCOMPARE(find("disk").size(), 50);
    QCOMPARE(find("acme").size(), 51); // the customer's name, from the cache's connection
    QCOMPARE(find("nginx"), QStringList{QStringLiteral("b")});
    QVERIFY(find("committed").isEmpty());
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("2"));

    QSignalSpy written(&writer, &SearchWriter::written);
    QVERIFY(m_cache->setSearchWriter(nullptr));
    writer.finish();
    QTRY_COMPARE(written.size(), 1); // from the writer's thread, maybe before any wait
    QCOMPARE(written.first().first().toBool(), true);
    QVERIFY(attached());
    QVERIFY(m_cache->searchIndexComplete());
    QCOMPARE(m_cache->buildSearchIndex(100), 0);
    b.subject = QStringLiteral("Bandwidth spike");
    b.version = 3;
    QVERIFY(m_cache->applyChanges({b}, {}, {}, {}, {}, 3, true, nullptr));
    QCOMPARE(findAll("bandwidth"), QStringList{QStringLiteral("b")});
    QVERIFY(findAll("nginx").isEmpty());
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("3"));
    TicketCache::closeSearchConnection(QStringLiteral("reader"));
}

// The search writer fills the index of an initial sync without FTS5's incremental merges (a
// third of its instructions, docs/cache.md), and sets merging back before it says the index
// is written: later writes are the cache's own, one page's entries at a time.
void TestTicketCache::searchWriterMergesNoSegmentsUntilWritten()
{
    QCOMPARE(automergeOf(searchPath()), QString());
    SearchWriter writer(searchPath());
    QVERIFY(m_cache->setSearchWriter(&writer));
    writer.start();
    for (int page = 1; page <= 3; ++page) {
        QVector<Ticket> tickets;
        for (int i = 0; i < 20; ++i)
            tickets.append(serverTicket(QStringLiteral("p%1-%2").arg(page).arg(i), 1));
        QVERIFY(m_cache->applyChanges(tickets, {}, {customer(QStringLiteral("c1"),
                                                             QStringLiteral("Acme"))},
                                      {}, {}, page, false, nullptr));
        QVERIFY(writer.waitUntilWritten());
        QCOMPARE(automergeOf(searchPath()), QStringLiteral("0"));
    }
    QSignalSpy written(&writer, &SearchWriter::written);
    QVERIFY(m_cache->setSearchWriter(nullptr));
    writer.finish();
    QTRY_COMPARE(written.size(), 1);
    QCOMPARE(written.first().first().toBool(), true);
    QCOMPARE(automergeOf(searchPath()), QStringLiteral("4")); // FTS5's default
    QCOMPARE(findAll("disk").size(), 60);
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("3"));
}

#ifdef Q_OS_LINUX
static int niceOfThisThread()
{
    return getpriority(PRIO_PROCESS, id_t(gettid()));
}
#endif

// The search writer's own connection to the search file holding the write lock: the writer
// waits (its busy timeout) with the entries it took, and the rest wait untaken.
static sqlite3 *lockSearchFile(const QString &searchPath)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(searchPath.toUtf8().constData(), &db) != SQLITE_OK
        || sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return nullptr;
    }
    return db;
}

static void unlockSearchFile(sqlite3 *db)
{
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

// While the cache fills, the writer runs nicer than the sync thread that started it (the
// sync thread is the critical path of "cached"); what waits when the initial sync ends is
// written at the finishing thread's priority again (docs/cache.md, "Issue 14's 2 s").
void TestTicketCache::searchWriterYieldsWhileTheCacheFills()
{
#ifndef Q_OS_LINUX
    QSKIP("thread priorities are set on Linux");
#else
    const int base = niceOfThisThread();
    const auto page = [this](int n) {
        QVector<Ticket> tickets;
        for (int i = 0; i < 10; ++i)
            tickets.append(serverTicket(QStringLiteral("p%1-%2").arg(n).arg(i), 1));
        return m_cache->applyChanges(tickets, {}, {customer(QStringLiteral("c1"),
                                                            QStringLiteral("Acme"))},
                                     {}, {}, n, false, nullptr);
    };
    SearchWriter writer(searchPath());
    QVERIFY(m_cache->setSearchWriter(&writer));
    writer.start();
    QVERIFY(page(1));
    QVERIFY(writer.waitUntilWritten());
    QCOMPARE(writer.lastWriteNiceness(), std::min(base + SearchWriter::FillingNiceness, 19));
    QCOMPARE(niceOfThisThread(), base); // the starter's own is left alone

    sqlite3 *lock = lockSearchFile(searchPath());
    QVERIFY(lock);
    QVERIFY(page(2));
    QTRY_COMPARE(writer.waitingEntries(), 0); // taken, its transaction waiting for the lock
    QVERIFY(page(3));
    QCOMPARE(writer.waitingEntries(), 10);
    QSignalSpy written(&writer, &SearchWriter::written);
    QVERIFY(m_cache->setSearchWriter(nullptr));
    writer.finish();
    unlockSearchFile(lock);
    QTRY_COMPARE(written.size(), 1);
    QCOMPARE(written.first().first().toBool(), true);
    QCOMPARE(writer.lastWriteNiceness(), base); // page 3, after the initial sync
    QCOMPARE(findAll("disk").size(), 30);
    QCOMPARE(searchState(QStringLiteral("complete_to")), QStringLiteral("3"));
#endif
}

// The sync thread hands pages to the writer without waiting for it up to MaxWaitingBytes
// (some nine pages of 5,000, so the slower, nicer writer does not hold up "cached"), and no
// further: the memory an initial sync holds is bounded however large the account.
void TestTicketCache::searchWriterQueueIsBounded()
{
    // An entry of bench_sync's size (~350 bytes).
    const SearchEntry one{1, QStringLiteral("Disk full on the database host"),
                          QString(60, u'x'), QStringLiteral("Acme")};
    QVERIFY(SearchWriter::MaxWaitingBytes >= 8 * 5000 * SearchWriter::bytesOf(one));
    const auto batch = [&one](qsizetype from, qsizetype n) {
        QVector<SearchEntry> entries(n, one);
        for (qsizetype i = 0; i < n; ++i)
            entries[i].rowid = from + i;
        return entries;
    };
    SearchWriter writer(searchPath());
    writer.start();
    writer.add(batch(1, 1), 0, 0);
    QVERIFY(writer.waitUntilWritten()); // its connection is open
    sqlite3 *lock = lockSearchFile(searchPath());
    QVERIFY(lock);
    writer.add(batch(2, 1), 0, 0); // taken: its transaction waits for the lock
    QTRY_COMPARE(writer.waitingEntries(), 0);
    // Four quarters reach the bound; the fifth waits for room.
    const qsizetype quarter = SearchWriter::MaxWaitingBytes / 4 / SearchWriter::bytesOf(one) + 1;
    std::atomic<int> added = 0;
    std::thread sync([&] {
        for (int i = 0; i < 5; ++i) {
            writer.add(batch(3 + i * quarter, quarter), 0, 0);
            ++added;
        }
    });
    QTRY_COMPARE(added.load(), 4);
    QCOMPARE(writer.waitingEntries(), 4 * quarter);
    QVERIFY(writer.waitingBytes() >= SearchWriter::MaxWaitingBytes);
    unlockSearchFile(lock);
    sync.join();
    QCOMPARE(added.load(), 5);
    QVERIFY(writer.waitUntilWritten());
    QCOMPARE(writer.mostWaitingBytes(), 4 * quarter * SearchWriter::bytesOf(one));
    QVERIFY(writer.addWaitedMs() >= 0);
}

void TestTicketCache::feedPageIsApplied()
{
    Message m;
    m.id = QStringLiteral("m1");
    m.ticketId = QStringLiteral("t1");
    m.body = QStringLiteral("Hello");
    m.createdAt = QDateTime::currentDateTimeUtc();
    Customer c;
    c.id = QStringLiteral("c1");
    c.name = QStringLiteral("Acme");
    c.planId = QStringLiteral("partner-plan");
    c.editionId = QStringLiteral("standard");
    QStringList changed;
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 1)}, {m}, {c}, {}, {}, 42,
                                  true, &changed));
    QCOMPARE(changed, QStringList{QStringLiteral("t1")});
    QCOMPARE(m_cache->lastSeq(), 42);
    QVERIFY(m_cache->initialSyncDone());
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->subject, QStringLiteral("Disk full"));
    QCOMPARE(m_cache->messages(QStringLiteral("t1")).size(), 1);
    QCOMPARE(m_cache->customer(QStringLiteral("c1"))->editionId, QStringLiteral("standard"));
    const QueueRows queue = m_cache->loadTicketRows();
    const auto &rows = queue.rows;
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().dueAtMs, serverTicket(QStringLiteral("t1"), 1).dueAt.toMSecsSinceEpoch());
    QCOMPARE(rows.first().id(), QStringLiteral("t1"));
    QCOMPARE(rows.first().subject(), QStringLiteral("Disk full"));
    QCOMPARE(queue.word(rows.first().edition), QStringLiteral("s2-enterprise"));
    QCOMPARE(queue.word(rows.first().customer), QStringLiteral("c1"));
    QCOMPARE(queue.word(rows.first().assignee), QString());
    QCOMPARE(rows.first().number, 7);
    QVERIFY(!rows.first().pending);
}

void TestTicketCache::editIsQueuedWithTheTicketChange()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation op = edit(QStringLiteral("reply"), QStringLiteral("t1"), 3,
                              {{QStringLiteral("message_id"), QStringLiteral("m9")},
                               {QStringLiteral("body"), QStringLiteral("Looking now")}});
    QVERIFY(m_cache->saveEdit(op));
    const Ticket shown = *m_cache->ticket(QStringLiteral("t1"));
    QCOMPARE(shown.firstResponseAt, op.madeAt); // the countdown stops at once, locally
    QCOMPARE(m_cache->loadTicketRows().rows.first().pending, true);
    QCOMPARE(m_cache->messages(QStringLiteral("t1")).size(), 1);
    const auto outbox = m_cache->outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().op.opId, op.opId);
    QCOMPARE(outbox.first().op.baseVersion, 3);
    QCOMPARE(m_cache->pendingCount(), 1);

    // Saved means saved: another connection (another process after a crash) sees it.
    TicketCache other(QStringLiteral("other"));
    QCOMPARE(other.open(path()), TicketCache::OpenStatus::Ok);
    QCOMPARE(other.pendingCount(), 1);
}

void TestTicketCache::acknowledgeRebasesLaterEdits()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation accept = edit(QStringLiteral("accept"), QStringLiteral("t1"), 3);
    const Operation assign = edit(QStringLiteral("assign"), QStringLiteral("t1"), 3,
                                  {{QStringLiteral("assignee_id"), QStringLiteral("a2")}});
    QVERIFY(m_cache->saveEdit(accept));
    QVERIFY(m_cache->saveEdit(assign));
    Ticket afterAccept = serverTicket(QStringLiteral("t1"), 4);
    afterAccept.status = TicketStatus::Accepted;
    afterAccept.firstResponseAt = accept.madeAt;
    QVERIFY(m_cache->acknowledge(accept.opId, afterAccept));
    const auto outbox = m_cache->outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().op.opId, assign.opId);
    QCOMPARE(outbox.first().op.baseVersion, 4); // made on top of the accept
    // The row still shows the pending assignment over the server's version 4.
    const Ticket shown = *m_cache->ticket(QStringLiteral("t1"));
    QCOMPARE(shown.status, TicketStatus::Accepted);
    QCOMPARE(shown.assigneeId, QStringLiteral("a2"));
    QCOMPARE(shown.version, 4);
    // Acknowledging the same op twice (a replay answered "duplicate") changes nothing.
    QVERIFY(m_cache->acknowledge(accept.opId, afterAccept));
    QCOMPARE(m_cache->outbox().size(), 1);
}

void TestTicketCache::acceptPreviewAssignsTheSignedInAgent()
{
    Ticket mine = serverTicket(QStringLiteral("t2"), 3);
    mine.assigneeId = QStringLiteral("a2");
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3), mine}, {}, {}, {}, {},
                                  3, true, nullptr));
    // Before the first sign-in nobody is known: accepted, still nobody's (the server decides).
    QVERIFY(m_cache->saveEdit(edit(QStringLiteral("accept"), QStringLiteral("t1"), 3)));
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->assigneeId, QString());
    const Agent me{QStringLiteral("a1"), QStringLiteral("Ann"), AgentRole::Agent, {}, 0};
    QVERIFY(m_cache->setSyncValue(QStringLiteral("me"),
                                  QString::fromUtf8(QJsonDocument(Json::toJson(me)).toJson())));
    // The pending accept laid again over the server's copy (a rebuild) now has its agent...
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 4,
                                  false, nullptr));
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->assigneeId, QStringLiteral("a1"));
    // ...and someone else's ticket stays theirs; a status change to accepted is an accept.
    QVERIFY(m_cache->saveEdit(edit(QStringLiteral("set-status"), QStringLiteral("t2"), 3,
                                   {{QStringLiteral("status"), TicketStatus::Accepted}})));
    const Ticket t2 = *m_cache->ticket(QStringLiteral("t2"));
    QCOMPARE(t2.assigneeId, QStringLiteral("a2"));
    QCOMPARE(t2.status, TicketStatus::Accepted);
    QVERIFY(t2.firstResponseAt.isValid());
}

void TestTicketCache::editReadBeforeOwnAcknowledgementIsRebased()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation accept = edit(QStringLiteral("accept"), QStringLiteral("t1"), 3);
    QVERIFY(m_cache->saveEdit(accept));
    // The UI reads version 3 for its next edit; the sync thread acknowledges the accept (4)
    // before the UI saves.
    const qint64 read = m_cache->ticket(QStringLiteral("t1"))->version;
    QCOMPARE(read, 3);
    Ticket afterAccept = serverTicket(QStringLiteral("t1"), 4);
    afterAccept.status = TicketStatus::Accepted;
    QVERIFY(m_cache->acknowledge(accept.opId, afterAccept));
    const Operation assign = edit(QStringLiteral("assign"), QStringLiteral("t1"), read,
                                  {{QStringLiteral("assignee_id"), QStringLiteral("a2")}});
    QVERIFY(m_cache->saveEdit(assign));
    QCOMPARE(m_cache->outbox().first().op.baseVersion, 4); // on our own accept, not a conflict

    // Another client's change (5) is not ours: an edit made on 4 still conflicts on the server.
    QVERIFY(m_cache->acknowledge(assign.opId, serverTicket(QStringLiteral("t1"), 5)));
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 6)}, {}, {}, {}, {}, 6,
                                  true, nullptr));
    const Operation stale = edit(QStringLiteral("set-status"), QStringLiteral("t1"), 5,
                                 {{QStringLiteral("status"), TicketStatus::Resolved}});
    QVERIFY(m_cache->saveEdit(stale));
    QCOMPARE(m_cache->outbox().first().op.baseVersion, 5);
}

void TestTicketCache::severityChangesAreKept()
{
    const QDateTime at(QDate(2026, 5, 1), QTime(8, 10), Qt::UTC);
    const SeverityChange later{QStringLiteral("s2"), QStringLiteral("t1"),
                               QStringLiteral("business-degraded"), QStringLiteral("business-down"),
                               QStringLiteral("whole site down"), QStringLiteral("a2"),
                               at.addSecs(600)};
    const SeverityChange first{QStringLiteral("s1"), QStringLiteral("t1"),
                               QStringLiteral("consultation"), QStringLiteral("business-degraded"),
                               QStringLiteral("errors"), QStringLiteral("a1"), at};
    const SeverityChange other{QStringLiteral("s3"), QStringLiteral("t2"),
                               QStringLiteral("consultation"), QStringLiteral("business-down"),
                               QStringLiteral("other"), QStringLiteral("a1"), at};
    QVERIFY(m_cache->storeSeverityChanges({later, first, other}));
    QVERIFY(m_cache->storeSeverityChanges({later})); // a page read again: no duplicate
    const QVector<SeverityChange> t1 = m_cache->severityChanges({QStringLiteral("t1")});
    QCOMPARE(t1.size(), 2);
    QCOMPARE(t1.at(0).id, QStringLiteral("s1")); // oldest first
    QCOMPARE(t1.at(0).reason, QStringLiteral("errors"));
    QCOMPARE(t1.at(1).toSeverity, QStringLiteral("business-down"));
    QCOMPARE(t1.at(1).changedBy, QStringLiteral("a2"));
    QCOMPARE(t1.at(1).changedAt, at.addSecs(600));
    QCOMPARE(m_cache->severityChanges({QStringLiteral("t1"), QStringLiteral("t2")}).size(), 3);
    QVERIFY(m_cache->severityChanges({QStringLiteral("t9")}).isEmpty());
}

void TestTicketCache::serverUpdateKeepsPendingEditsOnTop()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    QVERIFY(m_cache->saveEdit(edit(QStringLiteral("set-status"), QStringLiteral("t1"), 3,
                                   {{QStringLiteral("status"), TicketStatus::Resolved}})));
    Ticket update = serverTicket(QStringLiteral("t1"), 4);
    update.subject = QStringLiteral("Disk full on db-3");
    QVERIFY(m_cache->applyChanges({update}, {}, {}, {}, {}, 4, true, nullptr));
    const Ticket shown = *m_cache->ticket(QStringLiteral("t1"));
    QCOMPARE(shown.subject, QStringLiteral("Disk full on db-3"));
    QCOMPARE(shown.status, TicketStatus::Resolved);
}

void TestTicketCache::conflictThenReapply()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation op = edit(QStringLiteral("assign"), QStringLiteral("t1"), 3,
                              {{QStringLiteral("assignee_id"), QStringLiteral("me")}});
    QVERIFY(m_cache->saveEdit(op));
    Ticket theirs = serverTicket(QStringLiteral("t1"), 5);
    theirs.assigneeId = QStringLiteral("someone-else");
    QVERIFY(m_cache->markConflict(op.opId, theirs));
    QCOMPARE(m_cache->conflictCount(), 1);
    QCOMPARE(m_cache->pendingCount(), 0);
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->assigneeId, QStringLiteral("someone-else"));
    QCOMPARE(m_cache->outbox().first().serverTicket->assigneeId, QStringLiteral("someone-else"));

    QVERIFY(m_cache->reapply(op.opId));
    QCOMPARE(m_cache->conflictCount(), 0);
    QCOMPARE(m_cache->outbox().first().op.baseVersion, 5);
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->assigneeId, QStringLiteral("me"));
}

void TestTicketCache::conflictThenDrop()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation op = edit(QStringLiteral("note"), QStringLiteral("t1"), 3,
                              {{QStringLiteral("message_id"), QStringLiteral("n1")},
                               {QStringLiteral("body"), QStringLiteral("internal")}});
    QVERIFY(m_cache->saveEdit(op));
    QVERIFY(m_cache->markConflict(op.opId, serverTicket(QStringLiteral("t1"), 4)));
    QVERIFY(m_cache->drop(op.opId));
    QVERIFY(m_cache->outbox().isEmpty());
    QVERIFY(m_cache->messages(QStringLiteral("t1")).isEmpty()); // the unsent note goes with it
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->version, 4);
    QVERIFY(!m_cache->loadTicketRows().rows.first().pending);
}

// A view of one ticket or one op reads its rows by the outbox's indexes, and the counts the
// status bar asks for on every change read the state's index, not every row (schema 15): with a
// bulk run's edits waiting each whole read was a GUI stall (docs/bulk.md).
void TestTicketCache::outboxReadByTicketAndByOp()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3),
                                   serverTicket(QStringLiteral("t2"), 3)},
                                  {}, {}, {}, {}, 3, true, nullptr));
    const Operation a = edit(QStringLiteral("assign"), QStringLiteral("t1"), 3,
                             {{QStringLiteral("assignee_id"), QStringLiteral("me")}});
    const Operation b = edit(QStringLiteral("accept"), QStringLiteral("t2"), 3, {});
    const Operation c = edit(QStringLiteral("set-status"), QStringLiteral("t1"), 3,
                             {{QStringLiteral("status"), QStringLiteral("waiting-on-customer")}});
    for (const Operation &op : {a, b, c})
        QVERIFY(m_cache->saveEdit(op));
    QVERIFY(m_cache->markConflict(c.opId, serverTicket(QStringLiteral("t1"), 4)));

    const QVector<OutboxEntry> t1 = m_cache->outboxOf(QStringLiteral("t1"));
    QCOMPARE(t1.size(), 2);
    QCOMPARE(t1.at(0).op.opId, a.opId); // in the outbox's order
    QCOMPARE(t1.at(1).op.opId, c.opId);
    QCOMPARE(t1.at(1).state, OutboxEntry::State::Conflict);
    QCOMPARE(m_cache->outboxOf(QStringLiteral("t2")).size(), 1);
    QVERIFY(m_cache->outboxOf(QStringLiteral("t3")).isEmpty());
    QCOMPARE(m_cache->outboxEntry(b.opId)->op.ticketId, QStringLiteral("t2"));
    QCOMPARE(m_cache->outboxEntry(c.opId)->state, OutboxEntry::State::Conflict);
    QVERIFY(!m_cache->outboxEntry(QStringLiteral("no-such-op")));
    QCOMPARE(m_cache->pendingCount(), 2);
    QCOMPARE(m_cache->conflictCount(), 1);

    // The counts' plan, on the cache's own file: by the index on state; a cache of schema 14
    // gets the index when it is opened.
    QString plan;
    int indexes = -1;
    const auto onTheFile = [this](const std::function<void(QSqlQuery &)> &use) {
        m_cache->close();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("raw"));
            db.setDatabaseName(path());
            if (db.open()) {
                QSqlQuery q(db);
                use(q);
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    };
    onTheFile([&plan](QSqlQuery &q) {
        if (!q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT count(*) FROM outbox "
                                   "WHERE state = 'pending'")))
            return;
        while (q.next())
            plan += q.value(3).toString() + u'\n';
        q.exec(QStringLiteral("DROP INDEX outbox_state"));
        q.exec(QStringLiteral("PRAGMA user_version = 14"));
    });
    QVERIFY2(plan.contains(QStringLiteral("outbox_state")), qPrintable(plan));
    QCOMPARE(m_cache->pendingCount(), 2);
    onTheFile([&indexes](QSqlQuery &q) {
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                  "AND name = 'outbox_state'"))
            && q.next())
            indexes = q.value(0).toInt();
    });
    QCOMPARE(indexes, 1);
}

// A new ticket the server refused has no server copy: it stays, built from its op (the
// customer's words live nowhere else), until the agent drops it; across a reopen too. Before
// w15 it left the cache with no word (ticketCount() 0 here).
void TestTicketCache::rejectedCreateStaysUntilDropped()
{
    Operation create = edit(QStringLiteral("create-ticket"), QStringLiteral("new-1"), 0,
                            {{QStringLiteral("customer_id"), QStringLiteral("c1")},
                             {QStringLiteral("channel"), QStringLiteral("im-group")},
                             {QStringLiteral("severity"), QStringLiteral("consultation")},
                             {QStringLiteral("subject"), QStringLiteral("How do I")}});
    QVERIFY(m_cache->saveEdit(create));
    QCOMPARE(m_cache->ticketCount(), 1);
    QVERIFY(m_cache->markRejected(create.opId, QStringLiteral("channel-not-entitled"),
                                  {QStringLiteral("im-group"), QStringLiteral("s4-basic")},
                                  std::nullopt));
    QCOMPARE(m_cache->ticketCount(), 1);
    const auto outbox = m_cache->outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().state, OutboxEntry::State::Rejected);
    QCOMPARE(outbox.first().code, QStringLiteral("channel-not-entitled"));
    QCOMPARE(outbox.first().args.size(), 2);
    QCOMPARE(m_cache->pendingCount(), 0); // nothing is sent again
    m_cache->close();
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    const std::optional<Ticket> kept = m_cache->ticket(create.ticketId);
    QVERIFY(kept);
    QCOMPARE(kept->subject, QStringLiteral("How do I"));
    QCOMPARE(kept->channel, QStringLiteral("im-group"));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 1);
    QVERIFY(m_cache->refusedNewTicket(create.ticketId));
    QCOMPARE(m_cache->refusedNewTicket(create.ticketId)->op.opId, create.opId);
    QCOMPARE(m_cache->refusedNewTicketIds(), QSet<QString>{create.ticketId});
    // The server took it in never: the month's quota, as the preview counts it, has none of
    // it (it counted 1 once the ticket stayed, before refusedNewTicketIds()).
    MonthWindow always;
    always.start = QDateTime::fromSecsSinceEpoch(0, Qt::UTC);
    always.end = QDateTime::fromSecsSinceEpoch(4102444800, Qt::UTC);
    QCOMPARE(m_cache->ticketsInQuota(kept->customerId, always, QString()), std::optional<int>(0));
    // Discarded: the op, the ticket and its queue row go.
    QVERIFY(m_cache->drop(create.opId));
    QCOMPARE(m_cache->ticketCount(), 0);
    QVERIFY(m_cache->outbox().isEmpty());
    QVERIFY(m_cache->loadTicketRows().rows.isEmpty());
}

void TestTicketCache::failedWriteChangesNothing()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    m_cache->failNthWrite(1);
    QVERIFY(!m_cache->saveEdit(edit(QStringLiteral("accept"), QStringLiteral("t1"), 3)));
    QVERIFY(!m_cache->errorString().isEmpty());
    QCOMPARE(m_cache->pendingCount(), 0);
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->status, TicketStatus::New);
    // The next write works again.
    QVERIFY(m_cache->saveEdit(edit(QStringLiteral("accept"), QStringLiteral("t1"), 3)));
    QCOMPARE(m_cache->pendingCount(), 1);
}

// The feed's writes bind through SQLite's C API (TicketCache::statement): texts with a NUL, astral
// characters and CJK come back exactly as they were written, in the ticket, the queue row, the
// message and the search index.
void TestTicketCache::textsWithNulAndAstralCharactersReadBackEqual()
{
    const QString subject = QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b 😀 𠀋主从复制");
    const QString body = QStringLiteral("body ") + QChar(u'\0') + QStringLiteral(" 𝄞 end");
    const Customer c = customer(QStringLiteral("c1"), QStringLiteral("客户 🚀"));
    Ticket t = serverTicket(QStringLiteral("t-😀"), 1);
    t.subject = subject;
    t.body = body;
    Message m;
    m.id = QStringLiteral("m1");
    m.ticketId = t.id;
    m.body = QStringLiteral("note ") + QChar(u'\0') + QStringLiteral(" 🙂");
    m.createdAt = QDateTime(QDate(2026, 5, 1), QTime(9, 0), Qt::UTC);
    QVERIFY(m_cache->applyChanges({t}, {m}, {c}, {}, {}, 1, false, nullptr));
    const auto stored = m_cache->ticket(t.id);
    QVERIFY(stored);
    QCOMPARE(stored->subject, subject);
    QCOMPARE(stored->body, body);
    const QVector<Message> messages = m_cache->messages(t.id);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().body, m.body);
    const QueueRows queue = m_cache->loadTicketRows();
    QCOMPARE(queue.rows.size(), 1);
    QCOMPARE(queue.rows.first().id(), t.id);
    QCOMPARE(queue.rows.first().subject(), subject);
    QCOMPARE(m_cache->searchTickets(QStringLiteral("𠀋主从")), QStringList{t.id});
    QCOMPARE(m_cache->searchTickets(QStringLiteral("🚀")), QStringList{t.id});
    // A second version of the ticket in a later page replaces the first, search entry too.
    t.version = 2;
    t.subject = QStringLiteral("𝄞 only");
    QVERIFY(m_cache->applyChanges({t}, {}, {}, {}, {}, 2, true, nullptr));
    QCOMPARE(m_cache->ticket(t.id)->subject, t.subject);
    QVERIFY(m_cache->searchTickets(QStringLiteral("𠀋主从")).isEmpty());
    QCOMPARE(m_cache->searchTickets(QStringLiteral("𝄞 only")), QStringList{t.id});
}

// A write that fails in the middle of a page (here a trigger another connection added, so the
// prepared statements also meet a schema change) rolls the whole page back: its tickets,
// rows, search entries and last_seq are as before, and the page can be written again.
void TestTicketCache::pageFailingHalfWayChangesNothing()
{
    Ticket first = serverTicket(QStringLiteral("t1"), 1);
    first.subject = QStringLiteral("Earlier page");
    QVERIFY(m_cache->applyChanges({first}, {}, {}, {}, {}, 1, false, nullptr));
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                       QStringLiteral("other"));
        other.setDatabaseName(path());
        QVERIFY(other.open());
        QSqlQuery q(other);
        QVERIFY(q.exec(QStringLiteral(
                "CREATE TRIGGER fail_t3 BEFORE INSERT ON queue_rows WHEN NEW.ticket_rowid = "
                "(SELECT rowid FROM tickets WHERE id = 't3') "
                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    QVector<Ticket> page;
    for (const char *id : {"t1", "t2", "t3", "t4"}) {
        Ticket t = serverTicket(QString::fromLatin1(id), 2);
        t.subject = QStringLiteral("Later page");
        page.append(t);
    }
    QVERIFY(!m_cache->applyChanges(page, {}, {}, {}, {}, 2, true, nullptr));
    QVERIFY2(m_cache->errorString().contains(u"injected failure"),
             qPrintable(m_cache->errorString()));
    QCOMPARE(m_cache->lastSeq(), 1);
    QVERIFY(!m_cache->initialSyncDone());
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->version, 1);
    QVERIFY(!m_cache->ticket(QStringLiteral("t2")));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 1);
    QCOMPARE(m_cache->searchTickets(QStringLiteral("page")), QStringList{QStringLiteral("t1")});
    QVERIFY(m_cache->searchTickets(QStringLiteral("later")).isEmpty());

    QSqlQuery drop(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(drop.exec(QStringLiteral("DROP TRIGGER fail_t3")));
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 2, true, nullptr));
    QCOMPARE(m_cache->lastSeq(), 2);
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 4);
    QCOMPARE(m_cache->searchTickets(QStringLiteral("later")).size(), 4);
}

// An initial sync's page is written in one go: SQLite's page cache holds the page's working
// set, so no dirty page is spilled to the WAL mid-transaction and read back (at the default
// 2 MB, pages of 2,500 tickets spilled). The cache goes back to the default size after the
// initial sync.
void TestTicketCache::initialSyncPagesAreNotSpilled()
{
    const QVariant v = QSqlDatabase::database(QStringLiteral("test")).driver()->handle();
    QCOMPARE(v.typeName(), "sqlite3*");
    sqlite3 *db = *static_cast<sqlite3 *const *>(v.constData());
    const QString body = QStringLiteral("The replica lags behind since the upgrade. ").repeated(24);
    int seq = 0;
    for (int page = 0; page < 3; ++page) {
        QVector<Ticket> tickets;
        for (int i = 0; i < 2500; ++i) {
            Ticket t = serverTicket(QUuid::createUuid().toString(QUuid::WithoutBraces), 1);
            t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(seq);
            t.body = body;
            t.seq = ++seq;
            tickets.append(t);
        }
        QVERIFY(m_cache->applyChanges(tickets, {}, {}, {}, {}, seq, page == 2, nullptr));
    }
    int spilled = -1;
    int highwater = 0;
    QCOMPARE(sqlite3_db_status(db, SQLITE_DBSTATUS_CACHE_SPILL, &spilled, &highwater, 0),
             SQLITE_OK);
    QCOMPARE(spilled, 0);
    QCOMPARE(m_cache->ticketCount(), 7500);
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("PRAGMA cache_size")) && q.next());
    QCOMPARE(q.value(0).toInt(), -2000);
}

// The initial sync's WAL is checkpointed once, at its end: a commit of something else between
// its pages (the server clock's record, the time of the last sync) ran an automatic
// checkpoint of the whole WAL so far when the setting was put back after each page.
// A statement that runs once per ticket of a feed page must not make SQLite open a B-tree of
// its own per run (an ephemeral table: RETURNING gathers its rows in one, a sort or DISTINCT
// in another): the tickets' upsert with RETURNING rowid did, opening, filling and closing one
// for every ticket (bench_sync, issue 14). Asked of SQLite's own program for each statement
// that ran once per ticket, both for new tickets and for tickets already cached; the rowids
// the writes key the queue rows and search entries by stay the tickets' own.
void TestTicketCache::feedPageOpensNoBTreePerTicket()
{
    const QVariant v = QSqlDatabase::database(QStringLiteral("test")).driver()->handle();
    QCOMPARE(v.typeName(), "sqlite3*");
    sqlite3 *db = *static_cast<sqlite3 *const *>(v.constData());
    QVERIFY(m_cache->applyChanges({}, {}, {customer(QStringLiteral("c1"), QStringLiteral("Acme"))},
                                  {}, {}, 0, false, nullptr));
    constexpr int perPage = 200;
    QVector<Ticket> page;
    for (int i = 0; i < perPage; ++i) {
        Ticket t = serverTicket(QUuid::createUuid().toString(QUuid::WithoutBraces), 1);
        t.subject = QStringLiteral("Mailbox %1 rejects mail").arg(i);
        t.seq = i + 1;
        page.append(t);
    }
    const auto perTicketPrograms = [db] {
        QStringList sql;
        for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s)) {
            if (sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 1) >= perPage)
                sql.append(QString::fromUtf8(sqlite3_sql(s)));
        }
        return sql;
    };
    perTicketPrograms(); // counts from here
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, perPage, false, nullptr));
    QStringList programs = perTicketPrograms();
    for (Ticket &t : page) {
        t.version = 2;
        t.subject.replace(QStringLiteral("rejects"), QStringLiteral("bounces"));
        t.seq += perPage;
    }
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 2 * perPage, true, nullptr));
    programs += perTicketPrograms();
    programs.removeDuplicates();
    QVERIFY(programs.size() >= 2); // the ticket's upsert and its queue row at least
    for (const QString &sql : std::as_const(programs)) {
        sqlite3_stmt *explain = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, ("EXPLAIN " + sql).toUtf8().constData(), -1, &explain,
                                    nullptr),
                 SQLITE_OK);
        QStringList opcodes;
        while (sqlite3_step(explain) == SQLITE_ROW)
            opcodes.append(QString::fromUtf8(
                    reinterpret_cast<const char *>(sqlite3_column_text(explain, 1))));
        sqlite3_finalize(explain);
        QVERIFY2(!opcodes.contains(QStringLiteral("OpenEphemeral"))
                         && !opcodes.contains(QStringLiteral("SorterOpen"))
                         && !opcodes.contains(QStringLiteral("OpenAutoindex")),
                 qPrintable(sql));
    }
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM queue_rows r JOIN tickets t ON "
                                  "t.rowid = r.ticket_rowid AND instr(r.row, t.id) = 1"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), perPage);
    QCOMPARE(findAll("bounces").size(), perPage);
    QVERIFY(findAll("rejects").isEmpty());
}

// While the cache holds no tag at all, a feed page's untagged tickets have none to delete:
// the delete per ticket (4,000 instructions each for nothing in an initial sync) is not run.
// Once a tag is cached, a ticket's tags are replaced as before, in the same page too.
void TestTicketCache::untaggedPageDeletesNoTags()
{
    const QVariant v = QSqlDatabase::database(QStringLiteral("test")).driver()->handle();
    sqlite3 *db = *static_cast<sqlite3 *const *>(v.constData());
    const auto deletesRun = [db] {
        int runs = 0;
        for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s)) {
            const int n = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 1);
            if (QByteArray(sqlite3_sql(s)).startsWith("DELETE FROM ticket_tags"))
                runs += n;
        }
        return runs;
    };
    QVector<Ticket> page;
    for (int i = 0; i < 100; ++i) {
        Ticket t = serverTicket(QStringLiteral("t%1").arg(i), 1);
        t.seq = i + 1;
        page.append(t);
    }
    deletesRun();
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 100, false, nullptr));
    QCOMPARE(deletesRun(), 0);

    // A tagged ticket in the middle of a page: the untagged ones after it delete theirs.
    for (Ticket &t : page) {
        t.version = 2;
        t.seq += 100;
    }
    page[10].tags = {QStringLiteral("vip")};
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 200, false, nullptr));
    QCOMPARE(m_cache->tagsInUse().size(), 1);
    QCOMPARE(m_cache->ticket(QStringLiteral("t10"))->tags, QStringList{QStringLiteral("vip")});
    QVERIFY(deletesRun() >= 90);
    // Untagged by the next page: the tag is gone.
    page[10].tags.clear();
    page[10].version = 3;
    page[10].seq = 201;
    QVERIFY(m_cache->applyChanges({page[10]}, {}, {}, {}, {}, 201, true, nullptr));
    QVERIFY(m_cache->tagsInUse().isEmpty());
}

void TestTicketCache::initialSyncIsNotCheckpointedBetweenPages()
{
    const QString body = QStringLiteral("The replica lags behind since the upgrade. ").repeated(24);
    const auto page = [&](int first) {
        QVector<Ticket> tickets;
        for (int i = first; i < first + 2500; ++i) {
            Ticket t = serverTicket(QUuid::createUuid().toString(QUuid::WithoutBraces), 1);
            t.subject = QStringLiteral("Instance %1 cannot reach its database").arg(i);
            t.body = body;
            t.seq = i + 1;
            tickets.append(t);
        }
        return tickets;
    };
    QVERIFY(m_cache->applyChanges(page(0), {}, {}, {}, {}, 2500, false, nullptr));
    // Over SQLite's automatic checkpoint's threshold (1000 pages of 4 KiB) in the WAL.
    const qint64 wal = QFileInfo(path() + QStringLiteral("-wal")).size();
    QVERIFY2(wal > 1000 * 4096, qPrintable(QString::number(wal)));
    const qint64 file = QFileInfo(path()).size();
    QVERIFY(m_cache->setSyncValue(QStringLiteral("server_clock"), QStringLiteral("{}")));
    QCOMPARE(QFileInfo(path()).size(), file); // nothing was copied into the file
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    q.finish();
    QVERIFY(m_cache->applyChanges(page(2500), {}, {}, {}, {}, 5000, true, nullptr));
    QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1000);
    QVERIFY(q.exec(QStringLiteral("PRAGMA cache_size")) && q.next());
    QCOMPARE(q.value(0).toInt(), -2000);
    QCOMPARE(m_cache->ticketCount(), 5000);
}

// The queue's rows are keyed by their ticket's rowid (schema 8): the table has no index of its
// own. Keyed by the ticket's id (a random UUID), it had a second index in random order, and
// each feed page rewrote most of its leaves into the WAL.
void TestTicketCache::queueRowsKeyedByTicketRowid()
{
    QVector<Ticket> page;
    for (int i = 0; i < 50; ++i)
        page.append(serverTicket(QUuid::createUuid().toString(QUuid::WithoutBraces), 1));
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 1, false, nullptr));
    page.first().version = 2;
    page.first().subject = QStringLiteral("Disk still full");
    QVERIFY(m_cache->applyChanges({page.first()}, {}, {}, {}, {}, 2, true, nullptr));
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    // No index by id beside the key; the one index is the first screen's partial one on
    // (open_key, ticket_rowid), schema 10.
    QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name) FROM sqlite_master WHERE "
                                  "type = 'index' AND tbl_name = 'queue_rows'"))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("queue_rows_open"));
    // One row per ticket, under the ticket's rowid; an update keeps it there.
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM queue_rows q JOIN tickets t "
                                  "ON t.rowid = q.ticket_rowid"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 50);
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 50);
    const QueueRows one = m_cache->loadTicketRows({page.first().id});
    QCOMPARE(one.rows.size(), 1);
    QCOMPARE(one.rows.first().id(), page.first().id);
    QCOMPARE(one.rows.first().subject(), QStringLiteral("Disk still full"));
    // A rejected new ticket, once dropped, leaves with its row.
    const Operation create = edit(QStringLiteral("create-ticket"), QStringLiteral("new-1"), 0,
                                  {{QStringLiteral("customer_id"), QStringLiteral("c1")},
                                   {QStringLiteral("channel"), QStringLiteral("ticket")},
                                   {QStringLiteral("severity"), QStringLiteral("consultation")},
                                   {QStringLiteral("subject"), QStringLiteral("How do I")}});
    QVERIFY(m_cache->saveEdit(create));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 51);
    QVERIFY(m_cache->markRejected(create.opId, QStringLiteral("channel-not-entitled"), {},
                                  std::nullopt));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 51);
    QVERIFY(m_cache->drop(create.opId));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 50);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM queue_rows")) && q.next());
    QCOMPARE(q.value(0).toInt(), 50);
}

// A cache written before schema 8 keeps every queue row, now under its ticket's rowid.
void TestTicketCache::queueRowsOfOlderCacheAreMigrated()
{
    QVector<Ticket> page;
    for (const char *id : {"t1", "t2", "t3"})
        page.append(serverTicket(QString::fromLatin1(id), 1));
    page[1].subject = QStringLiteral("Backups fail");
    QVERIFY(m_cache->applyChanges(page, {}, {}, {}, {}, 1, true, nullptr));
    const QueueRows before = m_cache->loadTicketRows();
    m_cache->close();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TABLE ticket_tags"))); // schema 9
        QVERIFY(q.exec(QStringLiteral("DROP TABLE service_use"))); // schema 12
        QVERIFY(q.exec(QStringLiteral("DROP TABLE saved_views"))); // schema 13
        QVERIFY(Testing::queueRowsKeyedById(q));
        // A row whose ticket is gone (nothing shows it) and t3's row written after t1's update.
        QVERIFY(q.exec(QStringLiteral("INSERT INTO queue_rows (id, row) VALUES ('gone', x'00')")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 7")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
    QCOMPARE(q.value(0).toInt(), TicketCache::SchemaVersion);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM queue_rows q JOIN tickets t "
                                  "ON t.rowid = q.ticket_rowid"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    const QueueRows after = m_cache->loadTicketRows();
    QCOMPARE(after.rows.size(), before.rows.size());
    for (int i = 0; i < after.rows.size(); ++i)
        QCOMPARE(after.rows.at(i).packed, before.rows.at(i).packed);
    QCOMPARE(m_cache->loadTicketRows({QStringLiteral("t2")}).rows.first().subject(),
             QStringLiteral("Backups fail"));
    // The migrated rows take updates in place.
    Ticket t2 = page[1];
    t2.version = 2;
    t2.subject = QStringLiteral("Backups fail again");
    QVERIFY(m_cache->applyChanges({t2}, {}, {}, {}, {}, 2, true, nullptr));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 3);
    QCOMPARE(m_cache->loadTicketRows({QStringLiteral("t2")}).rows.first().subject(),
             QStringLiteral("Backups fail again"));
}

// The binary ticket record is written by direct appends (CacheCodec::encodeTicket); caches
// hold records older builds wrote through QDataStream (Qt_6_4, strings as UTF-8 byte arrays),
// and decodeTicket reads them so. Both writers give the same bytes for the same ticket, null
// and empty strings, flags and non-BMP text included, and the record reads back equal.
void TestTicketCache::ticketRecordKeepsItsFormat()
{
    Ticket t = serverTicket(QStringLiteral("t-𠀋"), 12);
    t.subject = QStringLiteral("主从 😀 ") + QChar(u'\0') + QStringLiteral("end");
    t.body = QStringLiteral(""); // empty, not null
    t.assigneeId = QString(); // null
    t.firstResponseAt = t.createdAt.addSecs(60);
    t.updatedAt = t.createdAt.addSecs(120);
    t.software = QStringLiteral("mysql");
    t.softwareVersion = QStringLiteral("8.0");
    t.flags = {QStringLiteral("over-quota"), QString(), QStringLiteral("out-of-scope")};
    t.quotaOverrideReason = QStringLiteral("规则 🚀");
    t.number = -5;
    t.seq = qint64(1) << 40;
    // A lone surrogate (toUtf8() writes '?'), and more flags than the writer's first guess
    // of the record's size holds (it grows).
    t.softwareVersion += QChar(0xd800);
    for (int i = 0; i < 200; ++i)
        t.flags.append(QStringLiteral("flag-%1").arg(i));

    QByteArray older(1, '\x01');
    {
        QDataStream stream(&older, QIODevice::Append);
        stream.setVersion(QDataStream::Qt_6_4);
        const auto ms = [](const QDateTime &d) { return d.isValid() ? d.toMSecsSinceEpoch() : 0; };
        stream << t.id.toUtf8() << t.number << t.customerId.toUtf8() << t.subClient.toUtf8()
               << t.subject.toUtf8() << t.body.toUtf8() << t.channel.toUtf8()
               << t.severity.toUtf8() << t.status.toUtf8() << t.assigneeId.toUtf8()
               << t.planId.toUtf8() << t.editionId.toUtf8() << ms(t.createdAt)
               << ms(t.firstResponseAt) << ms(t.dueAt) << ms(t.updatedAt)
               << t.software.toUtf8() << t.softwareVersion.toUtf8() << quint32(t.flags.size());
        for (const QString &flag : std::as_const(t.flags))
            stream << flag.toUtf8();
        stream << t.quotaOverrideReason.toUtf8() << t.version << t.seq;
    }
    const QByteArray record = CacheCodec::encodeTicket(t);
    QCOMPARE(record.toHex(), older.toHex());
    const std::optional<Ticket> back = CacheCodec::decodeTicket(record);
    QVERIFY(back);
    QCOMPARE(back->subject, t.subject);
    QVERIFY(back->body.isEmpty());
    QVERIFY(back->assigneeId.isNull());
    QCOMPARE(back->flags, t.flags);
    QCOMPARE(back->quotaOverrideReason, t.quotaOverrideReason);
    QCOMPARE(back->updatedAt, t.updatedAt);
    QCOMPARE(back->number, t.number);
    QCOMPARE(back->seq, t.seq);
    QCOMPARE(CacheCodec::encodeTicket(*back), record);
}

// The queue row's bytes (CacheCodec::parseQueueRow reads them) as they were written with
// QByteArray::number and QString::toUtf8 before the writer wrote them through a ByteWriter:
// fields apart by 0x1f (a 0x1f in a text is a space), non-ASCII and astral text, a lone
// surrogate, negative and large numbers, dictionary codes.
void TestTicketCache::queueRowKeepsItsFormat()
{
    Ticket t = serverTicket(QStringLiteral("t-𠀋"), 3);
    t.number = -42;
    t.subject = QStringLiteral("主从\x1f复制 😀 lag\x1f") + QChar(0xdc00);
    t.customerId = QStringLiteral("客户-1");
    t.assigneeId = QString();
    t.status = QStringLiteral("new");
    t.createdAt = QDateTime::fromMSecsSinceEpoch(-86400000, Qt::UTC);
    t.updatedAt = QDateTime::fromMSecsSinceEpoch(std::numeric_limits<qint64>::max() / 1024,
                                                 Qt::UTC);
    QVERIFY(m_cache->applyChanges({t}, {}, {}, {}, {}, 3, true, nullptr));
    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("SELECT row FROM queue_rows")) && q.next());
    const QByteArray row = q.value(0).toByteArray();
    QVERIFY(!q.next());
    QHash<QString, qint64> codes;
    QVERIFY(q.exec(QStringLiteral("SELECT word, code FROM dictionary")));
    while (q.next())
        codes.insert(q.value(0).toString(), q.value(1).toLongLong());
    QByteArray older;
    const auto text = [&older](const QString &v) {
        older += v.toUtf8().replace('\x1f', ' ') + '\x1f';
    };
    const auto number = [&older](qint64 n) { older += QByteArray::number(n) + '\x1f'; };
    const auto code = [&codes, &number](const QString &word) {
        QVERIFY(word.isEmpty() || codes.contains(word));
        number(word.isEmpty() ? 0 : codes.value(word));
    };
    const auto ms = [](const QDateTime &d) { return d.isValid() ? d.toMSecsSinceEpoch() : 0; };
    text(t.id);
    number(t.number);
    code(t.customerId);
    code(t.subClient);
    text(t.subject);
    for (const QString *word : {&t.channel, &t.severity, &t.status, &t.assigneeId, &t.planId,
                                &t.editionId})
        code(*word);
    for (const QDateTime *d : {&t.createdAt, &t.firstResponseAt, &t.dueAt, &t.updatedAt})
        number(ms(*d));
    older += '0';
    QCOMPARE(row.toHex(' '), older.toHex(' '));
}

// A word the dictionary cannot take refuses the page, and only that: the writer looked for
// the code -1 in the row's bytes ("\x1f-1\x1f"), so a ticket whose time was the last
// millisecond of 1969 (-1 ms, a valid ISO time in the feed) refused its page too, and the
// sync asked for that page again forever.
void TestTicketCache::minusOneInARowIsNotAMissingWordCode()
{
    Ticket t = serverTicket(QStringLiteral("t1"), 1);
    t.updatedAt = QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC);
    QVERIFY2(m_cache->applyChanges({t}, {}, {}, {}, {}, 1, false, nullptr),
             qPrintable(m_cache->errorString()));
    QCOMPARE(m_cache->ticket(QStringLiteral("t1"))->updatedAt, t.updatedAt);
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 1);

    QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
    QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER full_dictionary BEFORE INSERT ON dictionary "
                                  "BEGIN SELECT RAISE(ABORT, 'dictionary full'); END")));
    Ticket u = serverTicket(QStringLiteral("t2"), 2);
    u.channel = QStringLiteral("carrier-pigeon"); // a word without a code yet
    u.seq = 2;
    QVERIFY(!m_cache->applyChanges({u}, {}, {}, {}, {}, 2, false, nullptr));
    QVERIFY2(m_cache->errorString().contains(u"dictionary"), qPrintable(m_cache->errorString()));
    QCOMPARE(m_cache->lastSeq(), 1);
    QVERIFY(!m_cache->ticket(QStringLiteral("t2")));
    QVERIFY(q.exec(QStringLiteral("DROP TRIGGER full_dictionary")));
    QVERIFY(m_cache->applyChanges({u}, {}, {}, {}, {}, 2, false, nullptr));
    QCOMPARE(m_cache->loadTicketRows().rows.size(), 2);
}

void TestTicketCache::newerSchemaIsRefused()
{
    {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(TicketCache::SchemaVersion + 1)));
    }
    m_cache->close();
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::NewerSchema);
    QVERIFY(m_cache->errorString().contains(QStringLiteral("newer version")));
    QVERIFY(m_cache->discardAndRecreate());
    QVERIFY(m_cache->isOpen());
    QCOMPARE(m_cache->ticketCount(), 0);
}

void TestTicketCache::corruptFileIsMovedAsideAndOutboxSalvaged()
{
    QVERIFY(m_cache->applyChanges({serverTicket(QStringLiteral("t1"), 3)}, {}, {}, {}, {}, 3,
                                  true, nullptr));
    const Operation op = edit(QStringLiteral("accept"), QStringLiteral("t1"), 3);
    QVERIFY(m_cache->saveEdit(op));
    {
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("test")));
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    m_cache->close();
    // Damage the tickets table's pages but not the file header or the outbox's.
    QFile f(path());
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size >= 8 * 4096);
    f.seek(2 * 4096);
    f.write(QByteArray(4096, '\xA5'));
    f.close();

    TicketCache reopened(QStringLiteral("reopened"));
    // The header is intact, so it opens; reading every page finds the damage.
    QCOMPARE(reopened.open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(!reopened.checkIntegrity());
    QVERIFY(reopened.errorString().contains(QStringLiteral("damaged")));
    QString aside;
    int salvaged = -1;
    QVERIFY(reopened.recoverFromCorruption(&aside, &salvaged));
    QVERIFY(QFile::exists(aside));
    // The damaged cache's search index went with it: the new cache's is its own and empty.
    QVERIFY(!QFile::exists(aside + QStringLiteral("-search")));
    QVERIFY(reopened.searchTickets(QStringLiteral("disk")).isEmpty());
    QCOMPARE(searchState(QStringLiteral("cache_id")), reopened.syncValue(QStringLiteral("cache_id")));
    QVERIFY(reopened.isOpen());
    QCOMPARE(reopened.lastSeq(), 0); // a full sync rebuilds it
    // Page 3 belongs to the tickets table's index; the outbox's pages are intact.
    QCOMPARE(salvaged, 1);
    QCOMPARE(reopened.outbox().first().op.opId, op.opId);
    QCOMPARE(reopened.outbox().first().op.baseVersion, 3);
}

void TestTicketCache::garbageFileIsCorrupt()
{
    m_cache->close();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path() + suffix);
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(64 * 1024, 'x'));
    f.close();
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Corrupt);
    int salvaged = -1;
    QVERIFY(m_cache->recoverFromCorruption(nullptr, &salvaged));
    QCOMPARE(salvaged, 0);
    QCOMPARE(m_cache->open(path()), TicketCache::OpenStatus::Ok);
    QVERIFY(m_cache->checkIntegrity());
}

QTEST_GUILESS_MAIN(TestTicketCache)
#include "tst_ticketcache.moc"
