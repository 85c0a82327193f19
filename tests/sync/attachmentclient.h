// One desk's sync code against the real server, for the end-to-end tests of attachments and
// e-mail: its cache, the real HttpTransport, the engine, the attachment cache; a public reply
// with files saved as the ticket pane saves it; a download through the desk's transport.
#pragma once

#include "attachmentcache.h"
#include "enginesettle.h"
#include "realserver.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>
#include <QUuid>

#include <memory>

namespace SupportDesk::Testing {

struct AttachmentClient
{
    AttachmentClient(const QUrl &server, const QString &path, const QString &token)
        : cache(path)
        , http(server, token)
        , attachments(&cache)
    {
        if (cache.open(path) != TicketCache::OpenStatus::Ok)
            qFatal("cannot open %s", qPrintable(path));
        SyncEngine::Options o;
        o.requestTimeoutMs = 5000;
        o.minBackoffMs = 20;
        o.maxBackoffMs = 200;
        o.pollIntervalMs = 600000;
        engine = std::make_unique<SyncEngine>(&cache, &http, o);
    }
    // Until the engine is idle with nothing pending (or only refused edits, `allowRejected`).
    bool settle(int ms = 30000, bool allowRejected = false)
    {
        return settleEngine(*engine, ms, [this, allowRejected] {
            for (const OutboxEntry &e : cache.outbox()) {
                if (e.state == OutboxEntry::State::Pending || !allowRejected)
                    return false;
            }
            return true;
        });
    }
    // A public reply with files, saved as the ticket pane saves it: the op and its files in
    // one transaction; the engine sends the files first, then the op. Its op id, or empty.
    QString reply(const QString &ticketId, const QString &messageId, const QString &body,
                  const QVector<AttachmentFile> &files)
    {
        const QVector<AttachmentRecord> records = AttachmentCache::describe(ticketId, files);
        Operation op;
        op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        op.type = QStringLiteral("reply");
        op.ticketId = ticketId;
        op.baseVersion = cache.ticket(ticketId).value_or(Ticket()).version;
        op.madeAt = QDateTime::currentDateTimeUtc();
        op.payload = { { QStringLiteral("message_id"), messageId },
                       { QStringLiteral("body"), body },
                       { Attachments::PayloadKey, AttachmentCache::payloadValue(records) } };
        return cache.saveEdit(op,
                              [&] { return attachments.queueUploads(op.opId, records, files); })
            ? op.opId
            : QString();
    }
    // An attachment's bytes downloaded through the desk's transport and kept by its cache
    // (checked against the record); empty when there are none.
    QByteArray download(const AttachmentRecord &a)
    {
        TransportResponse answer;
        QEventLoop loop;
        http.send("GET", QStringLiteral("/tickets/%1/attachments/%2").arg(a.ticketId, a.id), {},
                  [&](const TransportResponse &r) {
                      answer = r;
                      loop.quit();
                  });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        return answer.status == 200 && attachments.storeBytes(a, answer.body)
            ? attachments.bytes(a.sha256).value_or(QByteArray())
            : QByteArray();
    }

    TicketCache cache;
    HttpTransport http;
    AttachmentCache attachments;
    std::unique_ptr<SyncEngine> engine;
};

} // namespace SupportDesk::Testing
