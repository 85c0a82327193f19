// The cache's attachments (core/attachmentcache.h).
#include "attachmentcache.h"

#include "ticketcache.h"

#include <QJsonDocument>
#include <QMimeDatabase>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace SupportDesk {

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// A stored row read back: rows are written only from checked records, so one that does not
// read is damage, skipped rather than shown.
std::optional<AttachmentRecord> readRow(const QString &json)
{
    AttachmentRecord r;
    QString problem;
    if (!AttachmentRecord::fromJson(QJsonDocument::fromJson(json.toUtf8()).object(), &r, &problem))
        return std::nullopt;
    return r;
}

// Rows of (attachment_uploads.data, op_id): files waiting with their reply.
void appendPending(QSqlQuery &q, QVector<AttachmentRecord> *list)
{
    while (q.next()) {
        if (auto r = readRow(q.value(0).toString())) {
            r->pending = true;
            r->opId = q.value(1).toString();
            list->append(*r);
        }
    }
}

// The eviction order: a counter rather than a clock, so two opens in one millisecond (or a
// clock set back) still order.
const QString NextUse = QStringLiteral("(SELECT coalesce(max(opened_at), 0) + 1 FROM "
                                       "attachment_blobs)");

// BEGIN IMMEDIATE as the cache's own writes (TicketCache::beginWrite): the write lock is taken
// now, not half-way. Rolled back unless committed.
class Write
{
public:
    explicit Write(const QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery q(m_db);
        m_active = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_active)
            m_error = q.lastError().text();
    }
    ~Write()
    {
        if (m_active)
            m_db.rollback();
    }
    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    bool commit()
    {
        m_active = false;
        if (m_db.commit())
            return true;
        m_error = m_db.lastError().text();
        m_db.rollback();
        return false;
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace

bool AttachmentCache::fail(const QString &message) const
{
    m_error = message;
    return false;
}

static QSqlDatabase database(const TicketCache *cache)
{
    return QSqlDatabase::database(cache->connectionName(), false);
}

bool AttachmentCache::store(const QVector<AttachmentRecord> &records)
{
    if (records.isEmpty())
        return true;
    Write tx(database(m_cache));
    if (!tx.isActive())
        return fail(tx.error());
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO attachments (id, ticket_id, sha256, data) "
                             "VALUES (?, ?, ?, ?)"));
    for (const AttachmentRecord &r : records) {
        q.addBindValue(r.id);
        q.addBindValue(r.ticketId);
        q.addBindValue(r.sha256);
        q.addBindValue(compact(r.toJson()));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit() || fail(tx.error());
}

QVector<AttachmentRecord> AttachmentCache::forTicket(const QString &ticketId) const
{
    QVector<AttachmentRecord> list;
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("SELECT data FROM attachments WHERE ticket_id = ?"));
    q.addBindValue(ticketId);
    if (q.exec()) {
        while (q.next()) {
            if (auto r = readRow(q.value(0).toString()))
                list.append(*r);
        }
    }
    std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) {
        return a.seq != b.seq ? a.seq < b.seq : a.id < b.id;
    });
    // Those still waiting: an upload already answered is in the list above by the same id.
    q.prepare(QStringLiteral("SELECT u.data, u.op_id FROM attachment_uploads u JOIN outbox o "
                             "ON o.op_id = u.op_id WHERE u.ticket_id = ? ORDER BY o.position, "
                             "u.rowid"));
    q.addBindValue(ticketId);
    if (q.exec())
        appendPending(q, &list);
    return list;
}

std::optional<AttachmentRecord> AttachmentCache::record(const QString &id) const
{
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("SELECT data FROM attachments WHERE id = ? UNION ALL "
                             "SELECT data FROM attachment_uploads WHERE id = ?"));
    q.addBindValue(id);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return readRow(q.value(0).toString());
}

bool AttachmentCache::writeBlob(const QString &sha256, const QByteArray &data)
{
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("INSERT INTO attachment_blobs (sha256, data, size, opened_at) "
                             "VALUES (?, ?, ?, %1) ON CONFLICT (sha256) DO UPDATE SET "
                             "opened_at = excluded.opened_at")
                  .arg(NextUse));
    q.addBindValue(sha256);
    q.addBindValue(data);
    q.addBindValue(qint64(data.size()));
    return q.exec() || fail(q.lastError().text());
}

QVector<AttachmentRecord> AttachmentCache::describe(const QString &ticketId,
                                                    const QVector<AttachmentFile> &files)
{
    const QMimeDatabase mime;
    QVector<AttachmentRecord> records;
    for (const AttachmentFile &f : files) {
        AttachmentRecord r;
        r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        r.ticketId = ticketId;
        r.name = Attachments::safeFileName(f.name);
        r.size = f.data.size();
        r.sha256 = Attachments::sha256Hex(f.data);
        // Until the server sniffs it: the same kind of guess from the bytes, for the preview.
        r.contentType = mime.mimeTypeForData(f.data).name();
        if (r.contentType == u"text/plain")
            r.contentType = QStringLiteral("text/plain; charset=utf-8");
        r.createdAt = QDateTime::currentDateTimeUtc();
        r.pending = true;
        records.append(r);
    }
    return records;
}

QString AttachmentCache::payloadValue(const QVector<AttachmentRecord> &records)
{
    QStringList ids;
    for (const AttachmentRecord &r : records)
        ids.append(r.id);
    return ids.join(u',');
}

bool AttachmentCache::queueUploads(const QString &opId, const QVector<AttachmentRecord> &records,
                                   const QVector<AttachmentFile> &files)
{
    // No transaction of its own: the caller's holds the reply too.
    if (records.size() != files.size())
        return fail(QStringLiteral("queueUploads: %1 records for %2 files")
                        .arg(records.size())
                        .arg(files.size()));
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("INSERT INTO attachment_uploads (id, op_id, ticket_id, sha256, "
                             "data) VALUES (?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; i < files.size(); ++i) {
        const AttachmentRecord &r = records.at(i);
        if (files.at(i).data.isEmpty())
            return fail(tr("%1 is empty.").arg(r.name));
        if (!writeBlob(r.sha256, files.at(i).data))
            return false;
        q.addBindValue(r.id);
        q.addBindValue(opId);
        q.addBindValue(r.ticketId);
        q.addBindValue(r.sha256);
        q.addBindValue(compact(r.toJson()));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

QVector<AttachmentRecord> AttachmentCache::pendingUploads()
{
    QVector<AttachmentRecord> list;
    QSqlQuery q(database(m_cache));
    // A reply dropped by the user leaves its files behind: they are not sent, and go.
    if (!q.exec(QStringLiteral("DELETE FROM attachment_uploads WHERE op_id NOT IN "
                               "(SELECT op_id FROM outbox)")))
        return list;
    if (!q.exec(QStringLiteral("SELECT u.data, u.op_id FROM attachment_uploads u JOIN outbox o "
                               "ON o.op_id = u.op_id WHERE o.state = 'pending' "
                               "ORDER BY o.position, u.rowid")))
        return list;
    appendPending(q, &list);
    return list;
}

bool AttachmentCache::markUploaded(const QString &uploadId, const AttachmentRecord &server)
{
    Write tx(database(m_cache));
    if (!tx.isActive())
        return fail(tx.error());
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("DELETE FROM attachment_uploads WHERE id = ?"));
    q.addBindValue(uploadId);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO attachments (id, ticket_id, sha256, data) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(server.id);
    q.addBindValue(server.ticketId);
    q.addBindValue(server.sha256);
    q.addBindValue(compact(server.toJson()));
    if (!q.exec())
        return fail(q.lastError().text());
    return tx.commit() || fail(tx.error());
}

std::optional<QByteArray> AttachmentCache::bytes(const QString &sha256)
{
    QSqlQuery q(database(m_cache));
    q.prepare(QStringLiteral("SELECT data FROM attachment_blobs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const QByteArray data = q.value(0).toByteArray();
    q.finish();
    // Damage (or a hand-edited file) is not served as the attachment.
    if (Attachments::sha256Hex(data) != sha256)
        return std::nullopt;
    q.prepare(
        QStringLiteral("UPDATE attachment_blobs SET opened_at = %1 WHERE sha256 = ?").arg(NextUse));
    q.addBindValue(sha256);
    q.exec(); // only the eviction order: a failure here loses nothing
    return data;
}

bool AttachmentCache::storeBytes(const AttachmentRecord &record, const QByteArray &data)
{
    if (data.size() != record.size)
        return fail(tr("The server sent %1 bytes for %2, whose record says %3.")
                        .arg(data.size())
                        .arg(record.name)
                        .arg(record.size));
    if (Attachments::sha256Hex(data) != record.sha256)
        return fail(tr("The bytes the server sent for %1 are not the attachment's (their "
                       "checksum differs).")
                        .arg(record.name));
    {
        Write tx(database(m_cache));
        if (!tx.isActive())
            return fail(tx.error());
        if (!writeBlob(record.sha256, data))
            return false;
        if (!tx.commit())
            return fail(tx.error());
    }
    return evict(m_capBytes);
}

qint64 AttachmentCache::keptBytes() const
{
    QSqlQuery q(database(m_cache));
    if (!q.exec(QStringLiteral("SELECT coalesce(sum(size), 0) FROM attachment_blobs")) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

bool AttachmentCache::evict(qint64 capBytes)
{
    qint64 kept = keptBytes();
    if (kept <= capBytes)
        return true;
    Write tx(database(m_cache));
    if (!tx.isActive())
        return fail(tx.error());
    QSqlQuery q(database(m_cache));
    if (!q.exec(QStringLiteral("SELECT sha256, size FROM attachment_blobs WHERE sha256 NOT IN "
                               "(SELECT sha256 FROM attachment_uploads) ORDER BY opened_at, "
                               "sha256")))
        return fail(q.lastError().text());
    QStringList victims;
    while (kept > capBytes && q.next()) {
        victims.append(q.value(0).toString());
        kept -= q.value(1).toLongLong();
    }
    q.finish();
    QSqlQuery d(database(m_cache));
    d.prepare(QStringLiteral("DELETE FROM attachment_blobs WHERE sha256 = ?"));
    for (const QString &sha : victims) {
        d.addBindValue(sha);
        if (!d.exec())
            return fail(d.lastError().text());
    }
    return tx.commit() || fail(tx.error());
}

} // namespace SupportDesk
