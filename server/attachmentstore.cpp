// The store's part of attachments (see store.h): bytes kept by sha256 — SQLite: files in
// <database>.attachments/<2 hex>/<sha256>; PostgreSQL: attachment_blobs — and the attachment
// rows with their feed records.
#include "store.h"
#include "storesql.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

#include <unistd.h>

namespace SupportDesk::Server {

namespace {

Attachment attachmentFrom(const QSqlQuery &q)
{
    Attachment a;
    a.id = q.value(0).toString();
    a.ticketId = q.value(1).toString();
    a.sha256 = q.value(2).toString();
    a.name = q.value(3).toString();
    a.size = q.value(4).toLongLong();
    a.contentType = q.value(5).toString();
    a.createdBy = q.value(6).toString();
    a.createdAt = timeValue(q.value(7));
    a.messageId = q.value(8).toString();
    return a;
}

const QString Columns = QStringLiteral(
    "id, ticket_id, sha256, name, size, content_type, created_by, created_at, message_id");

} // namespace

QString Store::attachmentDir() const
{
    return m_db.databaseName() + QStringLiteral(".attachments");
}

std::optional<Attachment> Store::attachment(const QString &id)
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT %1 FROM attachments WHERE id = ?").arg(Columns));
    q.bindValue(0, id);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    std::optional<Attachment> a;
    if (q.next())
        a = attachmentFrom(q);
    q.finish();
    return a ? a : Attachment();
}

std::optional<QVector<Attachment>> Store::attachmentsWhere(const char *column,
                                                          const QString &value)
{
    QSqlQuery &q = prepared(QStringLiteral("SELECT %1 FROM attachments WHERE %2 = ? "
                                           "ORDER BY created_at, id")
                                    .arg(Columns, QLatin1String(column)));
    q.bindValue(0, value);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QVector<Attachment> list;
    while (q.next())
        list.append(attachmentFrom(q));
    q.finish();
    return list;
}

std::optional<QVector<Attachment>> Store::attachments(const QString &ticketId)
{
    return attachmentsWhere("ticket_id", ticketId);
}

std::optional<QByteArray> Store::attachmentData(const QString &sha256)
{
    if (!isSha256(sha256)) {
        fail(QStringLiteral("not a sha256: %1").arg(sha256));
        return std::nullopt;
    }
    if (!m_postgres) {
        QFile file(attachmentDir() + u'/' + sha256.left(2) + u'/' + sha256);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
            return std::nullopt;
        }
        return file.readAll();
    }
    QSqlQuery &q = prepared(QStringLiteral("SELECT data FROM attachment_blobs WHERE sha256 = ?"));
    q.bindValue(0, sha256);
    if (!q.exec() || !q.next()) {
        fail(q.lastError().isValid() ? q.lastError().text()
                                     : QStringLiteral("no blob %1").arg(sha256));
        return std::nullopt;
    }
    const QByteArray data = q.value(0).toByteArray();
    q.finish();
    return data;
}

bool Store::keepAttachmentBytes(const QString &sha256, const QByteArray &data)
{
    if (m_postgres) {
        // Sent now, not with COMMIT: the bytes travel as a bound parameter, not a literal.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO attachment_blobs (sha256, data) VALUES (?, ?) "
                                 "ON CONFLICT (sha256) DO NOTHING"));
        q.addBindValue(sha256);
        q.addBindValue(data);
        return q.exec() || fail(q.lastError().text());
    }
    // SQLite: the file written whole and synced before it is renamed into place, so a row
    // never names bytes that are not on disk. A crash before the commit leaves a file no row
    // names (harmless; the same bytes later find it there).
    const QString dir = attachmentDir() + u'/' + sha256.left(2);
    const QString path = dir + u'/' + sha256;
    if (QFileInfo::exists(path))
        return true;
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("cannot create %1").arg(dir));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.flush()
        || ::fsync(file.handle()) != 0 || !file.commit())
        return fail(QStringLiteral("%1: %2").arg(path, file.errorString()));
    return true;
}

bool Store::insertAttachment(const QString &by, Attachment *a)
{
    a->createdBy = by;
    a->createdAt = m_now;
    a->seq = nextSeq();
    return write(QStringLiteral("INSERT INTO attachments (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                     .arg(Columns),
                 { a->id, a->ticketId, a->sha256, text(a->name), a->size, a->contentType, text(by),
                   Json::timestamp(a->createdAt), text(a->messageId) })
        && writeRecord(QStringLiteral("attachment"), a->id, a->seq, a->toJson())
        && audit(by, QStringLiteral("attach"), a->ticketId, a->toJson());
}

std::optional<Attachment> Store::addAttachment(const Agent &by, Attachment a,
                                               const QByteArray &data, bool *existed)
{
    *existed = false;
    if (!m_postgres && !keepAttachmentBytes(a.sha256, data)) // before the row that names it
        return std::nullopt;
    if (!begin())
        return std::nullopt;
    const auto abort = [this]() -> std::optional<Attachment> {
        rollback();
        return std::nullopt;
    };
    {
        // Under the write lock: two uploads with one id cannot both pass this.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT %1 FROM attachments WHERE id = ?").arg(Columns));
        q.addBindValue(a.id);
        if (!q.exec()) {
            fail(q.lastError().text());
            return abort();
        }
        if (q.next()) {
            const Attachment first = attachmentFrom(q);
            q.finish();
            rollback();
            *existed = true;
            return first;
        }
    }
    if ((m_postgres && !keepAttachmentBytes(a.sha256, data)) || !insertAttachment(by.id, &a)
        || !commit())
        return abort();
    return a;
}

bool Store::linkAttachments(const Message &m, const QString &ids)
{
    // The reply's files were uploaded before it (the desk's outbox sends them first). Only
    // this ticket's, and only files no message has yet: a hint naming another ticket's file
    // or one already sent with another message changes nothing.
    for (const QString &id : ids.split(u',', Qt::SkipEmptyParts)) {
        if (!Json::isUuid(id.trimmed()))
            continue;
        std::optional<Attachment> a = attachment(id.trimmed());
        if (!a)
            return false;
        if (a->id.isEmpty() || a->ticketId != m.ticketId || !a->messageId.isEmpty())
            continue;
        a->messageId = m.id;
        a->seq = nextSeq();
        if (!write(QStringLiteral("UPDATE attachments SET message_id = ? WHERE id = ?"),
                   { m.id, a->id })
            || !writeRecord(QStringLiteral("attachment"), a->id, a->seq, a->toJson()))
            return false;
    }
    return true;
}

std::optional<QVector<Attachment>> Store::messageAttachments(const QString &messageId)
{
    return attachmentsWhere("message_id", messageId);
}

} // namespace SupportDesk::Server
