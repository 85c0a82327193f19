// Attachments of tickets (docs/api.md, "Attachments"): the record, and the pure rules the
// server applies to an upload — its type sniffed from the content, its name made safe.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace SupportDesk::Server {

struct Attachment
{
    QString id; // UUID, the uploader's (an outbox resends the same) or the server's
    QString ticketId;
    // The message it came with (a reply, a note, a customer's mail); empty: the ticket's own
    // text (the mail or form that opened it) or an upload no message named.
    QString messageId;
    QString name; // sanitised (sanitiseFileName)
    QString contentType; // sniffed (sniffContentType), never the client's
    QString sha256; // hex, lower case: where the bytes are kept
    qint64 size = 0;
    QString createdBy;
    QDateTime createdAt;
    qint64 seq = 0;

    QJsonObject toJson() const;
    static Attachment fromJson(const QJsonObject &o);
};

// The type of `data` from its first bytes: image/png, image/jpeg, image/gif, image/webp,
// application/pdf, application/zip, application/gzip, text/plain (UTF-8 without control
// characters other than tab, CR, LF, FF) or application/octet-stream. What the client declares
// is not asked: a browser or desktop opening the file acts on this.
QString sniffContentType(const QByteArrayView data);

// A name fit for a Content-Disposition header and any desktop's file system: the last path
// component only, no control characters (NUL included), none of / \ : * ? " < > |, no leading
// or trailing dots or spaces (no "..", no hidden file), at most 200 characters with the
// extension kept; "attachment" when nothing is left.
QString sanitiseFileName(const QString &name);

// `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266).
QByteArray contentDisposition(const QString &name);

// Is `text` a sha256 as the store names blobs (64 lower-case hex digits)?
bool isSha256(QStringView text);

} // namespace SupportDesk::Server
