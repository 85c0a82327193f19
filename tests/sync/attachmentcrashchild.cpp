// The client side of the attachment crash test: syncs a cache, saves a reply with two files,
// and dies (_exit, as a crash: nothing more reaches the cache file) at the chosen moment of
// sending it. Prints "saved OP_ID BODY" once the reply is saved.
// Usage: attachment_crash_child CACHE SERVER_URL TOKEN TICKET_ID MODE
//   before-ops   dies when the reply's op is about to be posted (both files are up)
//   answer-lost  dies when the second upload's answer arrives (the server has it; the cache
//                has not heard)
#include "attachmentcache.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "transport.h"

#include <QCoreApplication>
#include <QUuid>

#include <cstdio>
#include <unistd.h>

using namespace SupportDesk;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

class DyingTransport final : public Transport
{
public:
    DyingTransport(const QUrl &url, const QString &token, const QString &mode)
        : m_http(url, token)
        , m_mode(mode)
    { }
    quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                 Callback done) override
    {
        if (method == "POST" && path == u"/ops" && m_mode == u"before-ops" && m_uploads == 2)
            die("ops");
        if (method == "POST" && path.contains(u"/attachments?")) {
            ++m_uploads;
            if (m_mode == u"answer-lost" && m_uploads == 2) {
                return m_http.send(method, path, body, [](const TransportResponse &r) {
                    die(QByteArray::number(r.status));
                });
            }
        }
        return m_http.send(method, path, body, std::move(done));
    }
    void abort(quint64 id) override { m_http.abort(id); }
    QUrl streamUrl() const override { return {}; }

private:
    static void die(const QByteArray &why)
    {
        std::printf("dying %s\n", why.constData());
        std::fflush(stdout);
        ::_exit(9);
    }
    HttpTransport m_http;
    QString m_mode;
    int m_uploads = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: attachment_crash_child CACHE URL TOKEN TICKET MODE\n");
        return 2;
    }
    TicketCache cache(QStringLiteral("child"));
    if (cache.open(args.at(1)) != TicketCache::OpenStatus::Ok) {
        std::fprintf(stderr, "%s\n", qPrintable(cache.errorString()));
        return 1;
    }
    DyingTransport transport(QUrl(args.at(2)), args.at(3), args.at(5));
    SyncEngine::Options options;
    options.minBackoffMs = 20;
    options.maxBackoffMs = 200;
    SyncEngine engine(&cache, &transport, options);
    const QString ticketId = args.at(4);
    bool saved = false;
    QObject::connect(&engine, &SyncEngine::idle, &app, [&] {
        if (saved) {
            std::printf("sent without dying\n");
            QCoreApplication::exit(3);
            return;
        }
        Operation op;
        op.opId = uuid();
        op.type = QStringLiteral("reply");
        op.ticketId = ticketId;
        op.baseVersion = cache.ticket(ticketId).value_or(Ticket()).version;
        op.madeAt = QDateTime::currentDateTimeUtc();
        const QString body = QStringLiteral("files %1").arg(op.opId);
        AttachmentCache attachments(&cache);
        const QVector<AttachmentFile> files {
            { QStringLiteral("server.log"), QByteArray("line 1\nline 2 ") + op.opId.toUtf8() },
            { QStringLiteral("trace.bin"), QByteArray(70000, '\x01') + op.opId.toLatin1() }
        };
        const QVector<AttachmentRecord> records = AttachmentCache::describe(ticketId, files);
        op.payload = { { QStringLiteral("message_id"), uuid() },
                       { QStringLiteral("body"), body },
                       { Attachments::PayloadKey, AttachmentCache::payloadValue(records) } };
        saved
            = cache.saveEdit(op, [&] { return attachments.queueUploads(op.opId, records, files); });
        if (!saved) {
            std::fprintf(stderr, "not saved: %s\n", qPrintable(cache.errorString()));
            QCoreApplication::exit(1);
            return;
        }
        std::printf("saved %s %s\n", qPrintable(op.opId), qPrintable(body));
        std::fflush(stdout);
        engine.syncNow();
    });
    engine.start();
    return app.exec();
}
