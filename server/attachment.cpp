// The pure rules of attachments (see attachment.h).
#include "attachment.h"

#include "attachmentrecord.h"
#include "domain.h"

#include <QStringDecoder>
#include <QUrl>

namespace SupportDesk::Server {

QJsonObject Attachment::toJson() const
{
    return { { QStringLiteral("id"), id },
             { QStringLiteral("ticket_id"), ticketId },
             { QStringLiteral("message_id"), messageId },
             { QStringLiteral("name"), name },
             { QStringLiteral("content_type"), contentType },
             { QStringLiteral("size"), size },
             { QStringLiteral("sha256"), sha256 },
             { QStringLiteral("created_by"), createdBy },
             { QStringLiteral("created_at"), Json::timestamp(createdAt) },
             { QStringLiteral("seq"), seq } };
}

Attachment Attachment::fromJson(const QJsonObject &o)
{
    Attachment a;
    a.id = o.value(QStringLiteral("id")).toString();
    a.ticketId = o.value(QStringLiteral("ticket_id")).toString();
    a.messageId = o.value(QStringLiteral("message_id")).toString();
    a.name = o.value(QStringLiteral("name")).toString();
    a.contentType = o.value(QStringLiteral("content_type")).toString();
    a.size = qint64(o.value(QStringLiteral("size")).toDouble());
    a.sha256 = o.value(QStringLiteral("sha256")).toString();
    a.createdBy = o.value(QStringLiteral("created_by")).toString();
    a.createdAt = Json::parseTimestamp(o.value(QStringLiteral("created_at")).toString());
    a.seq = qint64(o.value(QStringLiteral("seq")).toDouble());
    return a;
}

QString sniffContentType(const QByteArrayView data)
{
    struct Magic
    {
        qsizetype offset;
        QByteArrayView bytes;
        const char *type;
    };
    static const Magic magics[] = {
        { 0, "\x89PNG\r\n\x1a\n", "image/png" },
        { 0, "\xff\xd8\xff", "image/jpeg" },
        { 0, "GIF87a", "image/gif" },
        { 0, "GIF89a", "image/gif" },
        { 0, "%PDF-", "application/pdf" },
        { 0, "PK\x03\x04", "application/zip" },
        { 0, "PK\x05\x06", "application/zip" }, // an empty archive
        { 0, "\x1f\x8b", "application/gzip" },
    };
    for (const Magic &m : magics) {
        if (data.size() >= m.offset + m.bytes.size()
            && data.sliced(m.offset, m.bytes.size()) == m.bytes)
            return QLatin1String(m.type);
    }
    if (data.size() >= 12 && data.first(4) == "RIFF" && data.sliced(8, 4) == "WEBP")
        return QStringLiteral("image/webp");
    // Text: valid UTF-8 (a BOM allowed) and no control character a log or config would not
    // have. HTML and SVG are text too: served as text/plain they are shown, never run.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8(data);
    if (utf8.hasError())
        return QStringLiteral("application/octet-stream");
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != u'\f') || u == 0x7f)
            return QStringLiteral("application/octet-stream");
    }
    return QStringLiteral("text/plain; charset=utf-8");
}

QString sanitiseFileName(const QString &name)
{
    return Attachments::safeFileName(name); // the desk applies the same rule to what it saves
}

QByteArray contentDisposition(const QString &name)
{
    QByteArray ascii;
    for (const QChar c : name)
        ascii += c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\'
            ? char(c.unicode())
            : '_';
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
        + QUrl::toPercentEncoding(name);
}

bool isSha256(QStringView text)
{
    return Attachments::isSha256(text);
}

} // namespace SupportDesk::Server
