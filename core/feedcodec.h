// A page of the server's change feed (GET /changes, docs/api.md) decoded straight from its
// bytes into the client's records, without a QJsonDocument in between.
#pragma once

#include "attachmentrecord.h"
#include "domain.h"
#include "macro.h"
#include "serviceuse.h"
#include "savedview.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>
#include <QVector>

#include <memory>
#include <optional>

namespace SupportDesk {

struct FeedPage
{
    QDateTime serverTime; // invalid when the page does not say
    qint64 lastSeq = 0;   // the highest of the records' seq and the page's last_seq
    bool hasMore = false;
    QVector<Ticket> tickets;
    QVector<Message> messages;
    QVector<Customer> customers;
    QVector<Agent> agents;
    std::optional<TeamSettings> settings;
    QVector<SeverityChange> severityChanges;
    QVector<AttachmentRecord> attachments;
    // Attachment records that were refused ("changes[3].data.sha256: …"): unlike other kinds
    // they do not hold up the page (a hostile upload must not stop every desk's sync); the
    // engine reports them and goes on.
    QStringList attachmentProblems;
    QVector<Macro> macros; // the team's and the signed-in agent's own (docs/macros.md)
    QVector<ServiceUse> serviceUse; // IEM days and training sessions (docs/service-use.md)
    QVector<SavedView> views; // the signed-in agent's own (docs/tags-and-views.md)
};

// Decodes feed pages with simdjson (the page of 2,500 tickets in ~3 ms, where Qt's parser took
// ~35 ms before a record was read). One decoder keeps its parser's buffers between pages; use
// it from one thread.
class FeedDecoder
{
public:
    enum class Status {
        Ok,
        Unreadable, // not JSON, or not an object: `error` says why
        BadRecords  // JSON, but records that do not read: `problems`, "changes[3].data.id: …"
    };

    FeedDecoder();
    ~FeedDecoder();
    FeedDecoder(const FeedDecoder &) = delete;
    FeedDecoder &operator=(const FeedDecoder &) = delete;

    // `after` is the seq the page was asked after (the floor of lastSeq). A page with a bad
    // record yields none: a page is applied whole or not at all.
    Status decode(const QByteArray &bytes, qint64 after, FeedPage *page, QString *error,
                  QStringList *problems);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
};

} // namespace SupportDesk
