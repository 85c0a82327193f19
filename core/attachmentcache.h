// The attachments a cache keeps (docs/attachments.md): the feed's records, the bytes of those
// recently opened within a size cap, and the files of replies waiting in the outbox. Works on
// a TicketCache's connection and in its schema (the tables of step 6), on that cache's thread.
#pragma once

#include "attachmentrecord.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

#include <optional>

namespace SupportDesk {

class TicketCache;

// A file the agent attached to a reply before it is sent.
struct AttachmentFile
{
    QString name;
    QByteArray data;
};

class AttachmentCache
{
    Q_DECLARE_TR_FUNCTIONS(AttachmentCache)
public:
    explicit AttachmentCache(TicketCache *cache)
        : m_cache(cache)
    { }

    QString errorString() const { return m_error; }

    // Records of the feed (or of an upload's answer), stored by id: a page read twice changes
    // nothing.
    bool store(const QVector<AttachmentRecord> &records);
    // The ticket's attachments, the server's then those waiting in the outbox, oldest first.
    QVector<AttachmentRecord> forTicket(const QString &ticketId) const;
    std::optional<AttachmentRecord> record(const QString &id) const;

    // The records a reply's files will have: each a new UUID (the id its upload names, so a
    // repeated upload is the same attachment), its sha256, a type guessed from the bytes.
    static QVector<AttachmentRecord> describe(const QString &ticketId,
                                              const QVector<AttachmentFile> &files);
    // The reply's payload value naming its files ("id,id"): the op refers to its uploads.
    static QString payloadValue(const QVector<AttachmentRecord> &records);
    // `describe(files)` of `opId`'s reply, written in the caller's transaction (saveEdit's
    // `alongside`): the reply and its files are saved together or not at all.
    bool queueUploads(const QString &opId, const QVector<AttachmentRecord> &records,
                      const QVector<AttachmentFile> &files);
    // Uploads whose reply is still in the outbox, in the outbox's order (orphans, left by a
    // reply dropped, are forgotten here).
    QVector<AttachmentRecord> pendingUploads();
    // The server has it: the record replaces the pending one (its bytes stay, now evictable).
    bool markUploaded(const QString &uploadId, const AttachmentRecord &server);

    // The bytes of `sha256` when the cache holds them; opening counts as a use for eviction.
    std::optional<QByteArray> bytes(const QString &sha256);
    // Stores downloaded bytes after checking them against `record` (size and sha256: bytes that
    // are not the record's are refused, never shown), then evicts down to the cap.
    bool storeBytes(const AttachmentRecord &record, const QByteArray &data);
    // Drops the least recently opened bytes until at most `capBytes` are kept; bytes a pending
    // upload needs are never dropped (and do count).
    bool evict(qint64 capBytes);
    qint64 keptBytes() const;
    void setCapBytes(qint64 capBytes) { m_capBytes = capBytes; }
    qint64 capBytes() const { return m_capBytes; }

private:
    bool fail(const QString &message) const;
    bool writeBlob(const QString &sha256, const QByteArray &data);

    TicketCache *m_cache;
    qint64 m_capBytes = Attachments::DefaultCacheCapBytes;
    mutable QString m_error;
};

} // namespace SupportDesk
