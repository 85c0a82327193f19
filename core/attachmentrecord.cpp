// The desk's attachment record and its rules (core/attachmentrecord.h).
#include "attachmentrecord.h"

#include "domain.h"

#include <QCryptographicHash>
#include <QLocale>

namespace SupportDesk {

namespace {

const QString KId = QStringLiteral("id");
const QString KTicketId = QStringLiteral("ticket_id");
const QString KMessageId = QStringLiteral("message_id");
const QString KName = QStringLiteral("name");
const QString KContentType = QStringLiteral("content_type");
const QString KSize = QStringLiteral("size");
const QString KSha256 = QStringLiteral("sha256");
const QString KCreatedBy = QStringLiteral("created_by");
const QString KCreatedAt = QStringLiteral("created_at");
const QString KSeq = QStringLiteral("seq");

} // namespace

QJsonObject AttachmentRecord::toJson() const
{
    return { { KId, id },
             { KTicketId, ticketId },
             { KMessageId, messageId },
             { KName, name },
             { KContentType, contentType },
             { KSize, double(size) },
             { KSha256, sha256 },
             { KCreatedBy, createdBy },
             { KCreatedAt,
               createdAt.isValid() ? createdAt.toUTC().toString(Qt::ISODateWithMs) : QString() },
             { KSeq, double(seq) } };
}

bool AttachmentRecord::fromJson(const QJsonObject &o, AttachmentRecord *record, QString *problem)
{
    const auto refuse = [problem](const QString &field, const QString &why) {
        *problem = QStringLiteral("%1: %2").arg(field, why);
        return false;
    };
    const auto text = [&o](const QString &key) { return o.value(key).toString(); };
    AttachmentRecord r;
    r.id = text(KId);
    if (!Json::isUuid(r.id))
        return refuse(KId, QStringLiteral("must be a UUID in lower case"));
    r.ticketId = text(KTicketId);
    if (r.ticketId.isEmpty() || r.ticketId.size() > 128 || r.ticketId.contains(QChar(0)))
        return refuse(KTicketId, QStringLiteral("must be a ticket id"));
    // Absent from an older server's records: the ticket's, as before.
    r.messageId = text(KMessageId);
    if (r.messageId.size() > 128 || r.messageId.contains(QChar(0)))
        return refuse(KMessageId, QStringLiteral("must be a message id"));
    r.sha256 = text(KSha256);
    if (!Attachments::isSha256(r.sha256))
        return refuse(KSha256, QStringLiteral("must be 64 lower-case hex digits"));
    const QJsonValue size = o.value(KSize);
    // A size the server could never have accepted (a fraction, negative, past 2^53) is not a
    // size: reading it would lie about what a download must hold.
    if (!size.isDouble() || size.toDouble() < 1 || size.toDouble() > 9007199254740992.0
        || size.toDouble() != double(qint64(size.toDouble())))
        return refuse(KSize, QStringLiteral("must be a positive integer"));
    r.size = qint64(size.toDouble());
    r.name = text(KName);
    if (r.name.size() > Attachments::MaxNameLength * 2)
        return refuse(KName, QStringLiteral("is longer than any name the server keeps"));
    r.name = Attachments::safeFileName(r.name);
    r.contentType = text(KContentType).left(100);
    if (r.contentType.isEmpty())
        r.contentType = QStringLiteral("application/octet-stream");
    r.createdBy = text(KCreatedBy).left(128);
    r.createdAt = Json::parseTimestamp(text(KCreatedAt));
    r.seq = Json::nonNegativeInteger(o.value(KSeq));
    *record = r;
    return true;
}

namespace Attachments {

std::optional<qint64> maxBytesOf(const QJsonObject &meReply)
{
    const QJsonValue v = meReply.value(QStringLiteral("limits"))
                             .toObject()
                             .value(QStringLiteral("max_attachment_bytes"));
    const double d = v.toDouble();
    if (!v.isDouble() || d < 1 || d > 9007199254740992.0 || d != double(qint64(d)))
        return std::nullopt;
    return qint64(d);
}

qint64 maxBytesFromStored(const QString &stored)
{
    bool ok = false;
    const qint64 bytes = stored.toLongLong(&ok);
    return ok && bytes > 0 ? bytes : DefaultMaxBytes;
}

bool isSha256(QStringView text)
{
    if (text.size() != 64)
        return false;
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QString safeFileName(const QString &name)
{
    // Only the last component of a path, whichever separator the uploader's system uses.
    QString base = name;
    const qsizetype cut = std::max(base.lastIndexOf(u'/'), base.lastIndexOf(u'\\'));
    if (cut >= 0)
        base = base.mid(cut + 1);
    QString out;
    out.reserve(base.size());
    for (const QChar c : std::as_const(base)) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0x2028 || u == 0x2029
            || c.category() == QChar::Other_Format) // bidi overrides: "gpj.exe" shown as ".exe"
            continue;
        if (QStringView(u":*?\"<>|").contains(c))
            out += u'_';
        else
            out += c;
    }
    // No "..", no hidden file, no name Windows would silently trim.
    while (!out.isEmpty() && (out.front() == u'.' || out.front().isSpace()))
        out.remove(0, 1);
    while (!out.isEmpty() && (out.back() == u'.' || out.back().isSpace()))
        out.chop(1);
    if (out.size() > MaxNameLength) {
        const qsizetype dot = out.lastIndexOf(u'.');
        const QString ext = dot > 0 && out.size() - dot <= 16 ? out.mid(dot) : QString();
        out = out.left(MaxNameLength - ext.size());
        if (out.back().isHighSurrogate())
            out.chop(1);
        out += ext;
    }
    return out.isEmpty() ? QStringLiteral("attachment") : out;
}

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace Attachments

} // namespace SupportDesk
