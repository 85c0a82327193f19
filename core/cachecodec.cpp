// The cache's row codecs (cachecodec.h): pure functions of their bytes, fuzzed.
#include "ticketcache_p.h"

#include "bytewriter.h"
#include "cachecodec.h"
#include "plancatalog.h"
#include "responseclock.h"
#include "ticketedit.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QtEndian>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QScopeGuard>
#include <QStandardPaths>

#include <cstring>

namespace SupportDesk {

using namespace TicketCacheDetail;

namespace CacheCodec {

namespace {

// A cached ticket is stored in a compact binary form: building and printing JSON for every
// ticket was half the cost of writing a feed page. The first byte tells the forms apart, so a
// row written as JSON text by an older build still reads.
constexpr char BinaryTicketTag = '\x01';

// Strings as UTF-8 (QDataStream writes QString as UTF-16, twice the bytes for Latin text).
struct Utf8In
{
    QDataStream &s;
    Utf8In &operator>>(QString &v)
    {
        QByteArray bytes;
        s >> bytes;
        v = QString::fromUtf8(bytes);
        return *this;
    }
    Utf8In &operator>>(QStringList &v)
    {
        quint32 n = 0;
        s >> n;
        v.clear();
        for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
            QByteArray bytes;
            s >> bytes;
            v.append(QString::fromUtf8(bytes));
        }
        return *this;
    }
    Utf8In &operator>>(qint64 &v)
    {
        s >> v;
        return *this;
    }
};

} // namespace

QByteArray encodeTicket(const Ticket &t)
{
    // The bytes QDataStream (Qt_6_4) writes for these fields, written directly (ByteWriter:
    // one buffer, no call per field into QByteArray). decodeTicket() still reads them with
    // QDataStream, the format's definition.
    ByteWriter out(256 + 3 * (t.subject.size() + t.body.size()));
    out.byte(BinaryTicketTag);
    const auto u32 = [&out](quint32 v) { out.bigEndian(v); };
    const auto i64 = [&out](qint64 v) { out.bigEndian(v); };
    // A QByteArray: its length (0xffffffff when null), then its bytes. Fields are far below
    // the 4 GiB a length holds (SQLite stores at most 1 GB). The length is written once the
    // UTF-8 is.
    const auto text = [&](const QString &v) {
        if (v.isNull()) {
            u32(0xffffffffu);
            return;
        }
        const qsizetype at = out.size();
        u32(0);
        const quint32 size = quint32(out.utf8(v));
        out.patchBigEndian(at, size);
    };
    text(t.id);
    i64(t.number);
    for (const QString *v : {&t.customerId, &t.subClient, &t.subject, &t.body, &t.channel,
                             &t.severity, &t.status, &t.assigneeId, &t.planId, &t.editionId})
        text(*v);
    for (const QDateTime *v : {&t.createdAt, &t.firstResponseAt, &t.dueAt, &t.updatedAt})
        i64(toMs(*v));
    text(t.software);
    text(t.softwareVersion);
    u32(quint32(t.flags.size()));
    for (const QString &flag : t.flags)
        text(flag);
    text(t.quotaOverrideReason);
    i64(t.version);
    i64(t.seq);
    // Appended, and only when there is one: a blob written before the route existed (or of a
    // desk-only ticket) ends at `seq` and decodes as before.
    const bool merged = !t.mergedInto.isEmpty() || !t.mergedFrom.isEmpty() || !t.links.isEmpty();
    if (!t.reply.via.isEmpty() || !t.tags.isEmpty() || merged) {
        text(t.reply.via);
        text(t.reply.to);
        text(t.reply.im);
    }
    const auto list = [&](const QStringList &items) {
        u32(quint32(items.size()));
        for (const QString &item : items)
            text(item);
    };
    // Then the tags, the same way: only a tagged ticket's blob is longer.
    if (!t.tags.isEmpty() || merged)
        list(t.tags);
    // Then merge and links (docs/merge.md): only a merged or linked ticket's.
    if (merged) {
        text(t.mergedInto);
        i64(t.mergedIntoNumber);
        list(t.mergedFrom);
        list(t.links);
    }
    return out.take();
}

std::optional<Ticket> decodeTicket(const QVariant &value)
{
    Ticket t;
    if (value.typeId() == QMetaType::QByteArray) {
        QByteArray bytes = value.toByteArray();
        if (bytes.isEmpty() || bytes.at(0) != BinaryTicketTag)
            return std::nullopt;
        QDataStream stream(bytes.sliced(1));
        stream.setVersion(QDataStream::Qt_6_4);
        Utf8In in{stream};
        qint64 created = 0, responded = 0, due = 0, updated = 0;
        in >> t.id >> t.number >> t.customerId >> t.subClient >> t.subject >> t.body >> t.channel
                >> t.severity >> t.status >> t.assigneeId >> t.planId >> t.editionId >> created
                >> responded >> due >> updated >> t.software >> t.softwareVersion >> t.flags
                >> t.quotaOverrideReason >> t.version >> t.seq;
        if (stream.status() == QDataStream::Ok && !stream.atEnd())
            in >> t.reply.via >> t.reply.to >> t.reply.im;
        if (stream.status() == QDataStream::Ok && !stream.atEnd())
            in >> t.tags;
        if (stream.status() == QDataStream::Ok && !stream.atEnd())
            in >> t.mergedInto >> t.mergedIntoNumber >> t.mergedFrom >> t.links;
        if (stream.status() != QDataStream::Ok || t.id.isEmpty())
            return std::nullopt;
        const auto time = [](qint64 ms) {
            return ms ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC) : QDateTime();
        };
        t.createdAt = time(created);
        t.firstResponseAt = time(responded);
        t.dueAt = time(due);
        t.updatedAt = time(updated);
        return t;
    }
    const QString text = value.toString();
    if (text.isEmpty() || !Json::fromJson(parseObject(text), &t, nullptr))
        return std::nullopt;
    return t;
}

// The queue's fields of a ticket packed into one UTF-8 blob: loading one column per row is
// several times faster through QtSql than sixteen, and a blob skips SQLite's conversion to
// UTF-16. Repeated values (customer, channel, severity, status, assignee, plan, edition) are
// stored as numbers into the cache's dictionary, so a load shares one QString per value
// instead of decoding each again (docs/cache.md has the figures).
bool parseQueueRow(const QByteArray &row, TicketRow *r, quint32 words)
{
    QByteArrayView f[QueueFields];
    qsizetype start = 0;
    const char *data = row.constData();
    for (int i = 0; i < QueueFields; ++i) {
        qsizetype end = row.size();
        if (i < QueueFields - 1) {
            const void *hit = std::memchr(data + start, FieldSeparator, size_t(row.size() - start));
            if (!hit)
                return false;
            end = static_cast<const char *>(hit) - data;
        }
        if (end > 0xffff)
            return false;
        f[i] = QByteArrayView(data + start, end - start);
        start = end + 1;
    }
    // A corrupt row must not make numbers out of other bytes or overflow: anything but up to
    // 18 digits (an optional leading '-' for times before 1970) fails the row.
    bool bad = false;
    const auto number = [&bad](QByteArrayView v) {
        const bool negative = v.startsWith('-');
        if (negative)
            v = v.sliced(1);
        if (v.size() > 18) {
            bad = true;
            return qint64(0);
        }
        qint64 n = 0;
        for (const char c : v) {
            if (c < '0' || c > '9') {
                bad = true;
                return qint64(0);
            }
            n = n * 10 + (c - '0');
        }
        return negative ? -n : n;
    };
    const auto word = [&](QByteArrayView v) {
        const qint64 code = number(v);
        return code > 0 && code < words ? quint32(code) : 0u;
    };
    r->packed = row;
    r->idLength = quint16(f[0].size());
    r->subjectStart = quint16(f[4].data() - data);
    r->subjectLength = quint16(f[4].size());
    r->number = number(f[1]);
    r->customer = word(f[2]);
    r->subClient = word(f[3]);
    r->channel = word(f[5]);
    r->severity = word(f[6]);
    r->status = word(f[7]);
    r->assignee = word(f[8]);
    r->plan = word(f[9]);
    r->edition = word(f[10]);
    r->createdAtMs = number(f[11]);
    r->firstResponseAtMs = number(f[12]);
    r->dueAtMs = number(f[13]);
    r->updatedAtMs = number(f[14]);
    r->pending = f[15] == "1";
    return !bad;
}

} // namespace CacheCodec

} // namespace SupportDesk
