// Attachments of tickets as the desk keeps them (docs/attachments.md): the feed's record, read
// defensively, and the rules the desk applies before it shows, opens or sends a file.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace SupportDesk {

struct AttachmentRecord
{
    QString id; // UUID: the uploader's (the outbox's, resent the same) or the server's
    QString ticketId;
    // The message it came with (a reply, a note, a customer's mail); empty: the ticket's own
    // text, or an upload no message has named yet (a pending one: its reply's, once sent).
    QString messageId;
    QString name; // a label only: never part of a path (see safeFileName)
    QString contentType; // the server's sniffed type
    QString sha256; // 64 lower-case hex digits: the bytes' key in the cache too
    qint64 size = 0;
    QString createdBy;
    QDateTime createdAt;
    qint64 seq = 0;
    // Made here and not yet on the server: waits in the outbox with its reply.
    bool pending = false;
    QString opId; // the reply or note it goes with, while pending

    QJsonObject toJson() const;
    // A record of the feed or of an upload's answer. A hostile one (no UUID, no sha256, a size
    // out of range, a name holding a path) is refused with `problem` saying why: the desk
    // never stores what it could not serve back safely.
    static bool fromJson(const QJsonObject &o, AttachmentRecord *record, QString *problem);

    bool isImage() const { return contentType.startsWith(u"image/"); }
    bool isText() const { return contentType.startsWith(u"text/plain"); }
};

namespace Attachments {

// The server's default --max-attachment: what the desk checks a file against until the server
// has told it its own (GET /me's limits; docs/attachments.md).
inline constexpr qint64 DefaultMaxBytes = 4 << 20;
// The cache's sync value holding the server's limit, as GET /me last gave it.
inline const QString MaxBytesKey = QStringLiteral("max_attachment_bytes");
// The limit in GET /me's answer (`limits.max_attachment_bytes`): nothing when the server sent
// none (an older server) or one that is not a positive integer up to 2^53.
std::optional<qint64> maxBytesOf(const QJsonObject &meReply);
// The limit kept in the cache (MaxBytesKey's value), or DefaultMaxBytes when none is.
qint64 maxBytesFromStored(const QString &stored);
// The cache's default cap on kept bytes (Settings: attachment cache size).
inline constexpr qint64 DefaultCacheCapBytes = 200ll << 20;
// The key of a reply's or note's payload naming its attachments' ids, comma-separated: the op
// refers to the uploads made before it (a hint the server does not read yet).
inline const QString PayloadKey = QStringLiteral("attachments");
// Longest name the server keeps (sanitiseFileName); a longer one is refused as hostile.
inline constexpr int MaxNameLength = 200;

bool isSha256(QStringView text);
QString sha256Hex(const QByteArray &data);

// A name fit for a Content-Disposition header and any desktop's file system: the last path
// component only, no control characters (NUL included) or bidi overrides, : * ? " < > | made
// _, no leading or trailing dots or spaces (no "..", no hidden file), at most 200 characters
// with the extension kept; "attachment" when nothing is left. The server names uploads with it
// (server/attachment.h); the desk applies it again to every record, trusting none.
QString safeFileName(const QString &name);

// "12.3 KB", "4.0 MB": sizes in the user's language (QLocale's own units).
QString formatSize(qint64 bytes);

} // namespace Attachments

} // namespace SupportDesk
