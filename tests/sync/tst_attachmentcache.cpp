// The desk's attachments without a server (docs/attachments.md): hostile records refused one by
// one (never the whole feed page), the bytes' cap (least recently opened go, a pending reply's
// never), bytes that are not the record's refused, and a reply saved with its files or not at
// all.
#include "attachmentcache.h"
#include "feedcodec.h"
#include "ticketcache.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject goodRecord(const QByteArray &data = QByteArrayLiteral("hello"))
{
    return { { QStringLiteral("id"), uuid() },
             { QStringLiteral("ticket_id"), QStringLiteral("t1") },
             { QStringLiteral("name"), QStringLiteral("server.log") },
             { QStringLiteral("content_type"), QStringLiteral("text/plain; charset=utf-8") },
             { QStringLiteral("size"), double(data.size()) },
             { QStringLiteral("sha256"), Attachments::sha256Hex(data) },
             { QStringLiteral("created_by"), QStringLiteral("a-zhangwei") },
             { QStringLiteral("created_at"), QStringLiteral("2026-05-01T08:00:00.000Z") },
             { QStringLiteral("seq"), 12 } };
}

AttachmentRecord record(const QByteArray &data)
{
    AttachmentRecord r;
    QString problem;
    if (!AttachmentRecord::fromJson(goodRecord(data), &r, &problem))
        qFatal("%s", qPrintable(problem));
    return r;
}

Ticket serverTicket(const QString &id)
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
    t.version = 1;
    t.seq = 1;
    return t;
}

Operation reply(const QString &ticketId, const QVector<AttachmentRecord> &files)
{
    Operation op;
    op.opId = uuid();
    op.type = QStringLiteral("reply");
    op.ticketId = ticketId;
    op.baseVersion = 1;
    op.madeAt = QDateTime::currentDateTimeUtc();
    op.payload = { { QStringLiteral("message_id"), uuid() },
                   { QStringLiteral("body"), QStringLiteral("see the log") },
                   { Attachments::PayloadKey, AttachmentCache::payloadValue(files) } };
    return op;
}

} // namespace

class TestAttachmentCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void hostileRecordsAreRefused_data();
    void hostileRecordsAreRefused();
    void hostileRecordDoesNotStopThePage();
    void capEvictsLeastRecentlyOpened();
    void pendingBytesAreNeverEvicted();
    void bytesThatAreNotTheRecordsAreRefused();
    void replyAndFilesSavedTogetherOrNotAtAll();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TicketCache> m_cache;
    int m_n = 0;
};

void TestAttachmentCache::init()
{
    m_cache = std::make_unique<TicketCache>(QStringLiteral("attachments"));
    QCOMPARE(m_cache->open(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_n))),
             TicketCache::OpenStatus::Ok);
    QVERIFY(m_cache->applyChanges({ serverTicket(QStringLiteral("t1")) }, {}, {}, {}, {}, 1, true,
                                  nullptr));
}

void TestAttachmentCache::cleanup()
{
    m_cache.reset();
}

void TestAttachmentCache::hostileRecordsAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("refusedFor"); // empty: accepted

    QTest::newRow("no id") << "id" << QJsonValue() << "id";
    QTest::newRow("id not a uuid") << "id" << QJsonValue(u"../../x"_qs) << "id";
    QTest::newRow("sha256 upper case")
        << "sha256" << QJsonValue(Attachments::sha256Hex("x").toUpper()) << "sha256";
    QTest::newRow("sha256 a path") << "sha256" << QJsonValue(u"../../../etc/passwd"_qs) << "sha256";
    QTest::newRow("size negative") << "size" << QJsonValue(-5) << "size";
    QTest::newRow("size a fraction") << "size" << QJsonValue(1.5) << "size";
    QTest::newRow("size 1e300") << "size" << QJsonValue(1e300) << "size";
    QTest::newRow("size a string") << "size" << QJsonValue(u"5"_qs) << "size";
    QTest::newRow("ticket id with NUL")
        << "ticket_id" << QJsonValue(QString::fromUtf16(u"t\0x", 3)) << "ticket_id";
    QTest::newRow("name a megabyte") << "name" << QJsonValue(QString(1 << 20, u'a')) << "name";
    QTest::newRow("name a path: kept as a label")
        << "name" << QJsonValue(u"../../.bashrc"_qs) << "";
}

void TestAttachmentCache::hostileRecordsAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, refusedFor);
    QJsonObject o = goodRecord();
    if (value.isNull())
        o.remove(field);
    else
        o.insert(field, value);
    AttachmentRecord r;
    QString problem;
    const bool read = AttachmentRecord::fromJson(o, &r, &problem);
    QCOMPARE(read, refusedFor.isEmpty());
    if (!read) {
        QVERIFY2(problem.startsWith(refusedFor + u':'), qPrintable(problem));
        return;
    }
    // What remains of a path is a name with no directory and no leading dot.
    QCOMPARE(r.name, QStringLiteral("bashrc"));
    QCOMPARE(Attachments::safeFileName(u"a\u202Egpj.exe"_qs), QStringLiteral("agpj.exe"));
    QCOMPARE(Attachments::safeFileName(u"C:\\Windows\\evil.bat"_qs), QStringLiteral("evil.bat"));
    QCOMPARE(Attachments::safeFileName(u".."_qs), QStringLiteral("attachment"));
}

void TestAttachmentCache::hostileRecordDoesNotStopThePage()
{
    QJsonObject bad = goodRecord();
    bad.insert(QStringLiteral("sha256"), QStringLiteral("nope"));
    const QJsonObject good = goodRecord();
    const QJsonObject page {
        { QStringLiteral("server_time"), QStringLiteral("2026-05-01T08:00:00.000Z") },
        { QStringLiteral("last_seq"), 3 },
        { QStringLiteral("has_more"), false },
        { QStringLiteral("changes"),
          QJsonArray { QJsonObject { { QStringLiteral("seq"), 2 },
                                     { QStringLiteral("kind"), QStringLiteral("attachment") },
                                     { QStringLiteral("data"), bad } },
                       QJsonObject { { QStringLiteral("seq"), 3 },
                                     { QStringLiteral("kind"), QStringLiteral("attachment") },
                                     { QStringLiteral("data"), good } } } }
    };
    FeedDecoder decoder;
    FeedPage decoded;
    QString error;
    QStringList problems;
    QCOMPARE(decoder.decode(QJsonDocument(page).toJson(), 0, &decoded, &error, &problems),
             FeedDecoder::Status::Ok);
    QCOMPARE(decoded.lastSeq, 3);
    QCOMPARE(decoded.attachments.size(), 1);
    QCOMPARE(decoded.attachments.at(0).id, good.value(QStringLiteral("id")).toString());
    QCOMPARE(decoded.attachmentProblems.size(), 1);
    QVERIFY2(decoded.attachmentProblems.at(0).startsWith(u"changes[0].data.sha256"),
             qPrintable(decoded.attachmentProblems.at(0)));

    AttachmentCache cache(m_cache.get());
    QVERIFY(cache.store(decoded.attachments));
    QVERIFY(cache.store(decoded.attachments)); // a page read twice changes nothing
    QCOMPARE(cache.forTicket(QStringLiteral("t1")).size(), 1);
}

void TestAttachmentCache::capEvictsLeastRecentlyOpened()
{
    AttachmentCache cache(m_cache.get());
    cache.setCapBytes(250);
    const AttachmentRecord a = record(QByteArray(100, 'a'));
    const AttachmentRecord b = record(QByteArray(100, 'b'));
    const AttachmentRecord c = record(QByteArray(100, 'c'));
    QVERIFY(cache.store({ a, b, c }));
    QVERIFY(cache.storeBytes(a, QByteArray(100, 'a')));
    QVERIFY(cache.storeBytes(b, QByteArray(100, 'b')));
    QCOMPARE(cache.keptBytes(), 200);
    QVERIFY(cache.bytes(a.sha256)); // opened: now b is the least recently opened
    QVERIFY(cache.storeBytes(c, QByteArray(100, 'c')));
    QCOMPARE(cache.keptBytes(), 200);
    QVERIFY(cache.bytes(a.sha256));
    QVERIFY(!cache.bytes(b.sha256));
    QVERIFY(cache.bytes(c.sha256));
    // The record stays: its bytes are downloaded again when opened.
    QCOMPARE(cache.forTicket(QStringLiteral("t1")).size(), 3);
}

void TestAttachmentCache::pendingBytesAreNeverEvicted()
{
    AttachmentCache cache(m_cache.get());
    const QVector<AttachmentFile> files { { QStringLiteral("big.log"), QByteArray(300, 'p') } };
    const QVector<AttachmentRecord> records
        = AttachmentCache::describe(QStringLiteral("t1"), files);
    const Operation op = reply(QStringLiteral("t1"), records);
    QVERIFY(m_cache->saveEdit(op, [&] { return cache.queueUploads(op.opId, records, files); }));
    cache.setCapBytes(100);
    const AttachmentRecord other = record(QByteArray(50, 'o'));
    QVERIFY(cache.storeBytes(other, QByteArray(50, 'o')));
    // Over the cap with the pending file alone: everything else goes, the pending file stays.
    QVERIFY(!cache.bytes(other.sha256));
    QCOMPARE(cache.bytes(records.at(0).sha256).value_or(QByteArray()), files.at(0).data);
    QVERIFY(cache.evict(0));
    QVERIFY(cache.bytes(records.at(0).sha256));
    const QVector<AttachmentRecord> pending = cache.pendingUploads();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.at(0).opId, op.opId);
    QCOMPARE(pending.at(0).name, QStringLiteral("big.log"));
    // Once the reply is dropped its file is not sent, and may go.
    QVERIFY(m_cache->drop(op.opId));
    QVERIFY(cache.pendingUploads().isEmpty());
    QVERIFY(cache.evict(0));
    QCOMPARE(cache.keptBytes(), 0);
}

void TestAttachmentCache::bytesThatAreNotTheRecordsAreRefused()
{
    AttachmentCache cache(m_cache.get());
    const AttachmentRecord r = record(QByteArrayLiteral("the real log"));
    QVERIFY(!cache.storeBytes(r, QByteArrayLiteral("the fake log")));
    QVERIFY2(cache.errorString().contains(u"checksum"), qPrintable(cache.errorString()));
    QVERIFY(!cache.storeBytes(r, QByteArrayLiteral("short")));
    QVERIFY2(cache.errorString().contains(u"record says"), qPrintable(cache.errorString()));
    QVERIFY(!cache.bytes(r.sha256));
    // Damage in the file after the bytes were kept: never served as the attachment.
    QVERIFY(cache.storeBytes(r, QByteArrayLiteral("the real log")));
    QSqlQuery q(QSqlDatabase::database(m_cache->connectionName()));
    QVERIFY(q.exec(QStringLiteral("UPDATE attachment_blobs SET data = x'00ff'")));
    QVERIFY(!cache.bytes(r.sha256));
}

void TestAttachmentCache::replyAndFilesSavedTogetherOrNotAtAll()
{
    AttachmentCache cache(m_cache.get());
    const QVector<AttachmentFile> files { { QStringLiteral("a.txt"), QByteArrayLiteral("a") },
                                          { QStringLiteral("empty.txt"), QByteArray() } };
    const QVector<AttachmentRecord> records
        = AttachmentCache::describe(QStringLiteral("t1"), files);
    const Operation op = reply(QStringLiteral("t1"), records);
    // The second file is empty: nothing of the reply is saved, not even the first file.
    QVERIFY(!m_cache->saveEdit(op, [&] { return cache.queueUploads(op.opId, records, files); }));
    QCOMPARE(m_cache->pendingCount(), 0);
    QVERIFY(cache.pendingUploads().isEmpty());
    QCOMPARE(cache.keptBytes(), 0);
    QVERIFY(m_cache->messages(QStringLiteral("t1")).isEmpty());
}

QTEST_GUILESS_MAIN(TestAttachmentCache)
#include "tst_attachmentcache.moc"
