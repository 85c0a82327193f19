// The routes of /api/v1 (docs/api.md, docs/openapi.yaml): authentication, roles, validation,
// and the answers, over one Store. An Api lives on a worker thread with its Store.
#pragma once

#include "clock.h"

#include "http.h"
#include "metrics.h"
#include "store.h"

#include <QElapsedTimer>
#include <QMutex>

#include <memory>
#include <variant>

namespace SupportDesk::Server {

struct ApiLimits
{
    int maxOps = 500;
    int defaultPage = 500;
    int maxPage = 5000;
    qint64 maxAttachmentBytes = 4 << 20; // --max-attachment
};

// Feed pages shared by the reader threads, valid while the feed's highest seq stays the same.
class PageCache
{
public:
    std::optional<QByteArray> get(qint64 maxSeq, qint64 after, int limit);
    void put(qint64 maxSeq, qint64 after, int limit, const QByteArray &page);

private:
    QMutex m_mutex;
    qint64 m_seq = -1;
    QHash<QPair<qint64, int>, QByteArray> m_pages;
};

class Api
{
public:
    Api(Store *store, const CatalogSet *catalogs, std::shared_ptr<PageCache> pages = {},
        ApiLimits limits = {})
        : m_store(store)
        , m_catalogs(catalogs)
        , m_pages(std::move(pages))
        , m_limits(limits)
    { }

    // Answers one request. `committedSeq` is set when the request committed a change.
    HttpResponse handle(const HttpRequest &request, qint64 *committedSeq);
    // Several write requests at once: their POST /ops batches share one transaction (group
    // commit); other requests are answered one by one.
    QVector<HttpResponse> handleWrites(const QVector<HttpRequest> &requests, qint64 *committedSeq);
    // Is the route one that writes (and belongs on the writer thread)?
    static bool isWrite(const HttpRequest &request);
    // Where ops are counted by result (/metrics); none in tools and unit tests.
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    // Where "now" comes from (server_time, reports' default ends); none: the system's.
    void setClock(std::shared_ptr<const Clock> clock) { m_time = std::move(clock); }

private:
    QDateTime now() const;
    HttpResponse ok(QJsonObject body) const; // a 200 stamped with server_time
    HttpResponse catalog();
    HttpResponse me(const Agent &agent);
    HttpResponse changes(const Agent &agent, const HttpRequest &request);
    HttpResponse ops(const Agent &agent, const HttpRequest &request, qint64 *committedSeq);
    HttpResponse opsResponse(const OpsOutcome &outcome, qint64 *committedSeq);
    HttpResponse putSettings(const Agent &agent, const HttpRequest &request, qint64 *committedSeq);
    HttpResponse attainment(const HttpRequest &request);
    HttpResponse customerReport(const QString &customerId, const HttpRequest &request);
    HttpResponse healthz(const HttpRequest &request);
    // The console's intake (server/intake.cpp): a service account files a ticket for one of
    // its customers and reads the ticket's public conversation.
    HttpResponse intakeCreate(const Agent &agent, const HttpRequest &request,
                              qint64 *committedSeq);
    HttpResponse intakeTicket(const Agent &agent, const QString &ticketId);
    HttpResponse refusal(int status, const QString &code, const QString &message,
                         const QStringList &args) const;
    // Triage in the desk (server/triageapi.cpp): leads read the mails kept for a person and
    // file or discard each.
    HttpResponse triageList(const HttpRequest &request);
    HttpResponse triageDecide(const Agent &agent, const QString &id, const HttpRequest &request,
                              qint64 *committedSeq);
    // Attachments of a ticket (server/attachmentapi.cpp).
    HttpResponse attachmentUpload(const Agent &agent, const QString &ticketId,
                                  const HttpRequest &request, qint64 *committedSeq);
    HttpResponse attachmentList(const Agent &agent, const QString &ticketId);
    HttpResponse attachmentDownload(const Agent &agent, const QString &ticketId,
                                    const QString &attachmentId);
    // The ticket if the account may see it (the desk: any; a service account: its
    // customers'), else the answer to give: 404 as for an unknown ticket, or 500.
    std::variant<Ticket, HttpResponse> visibleTicket(const Agent &agent, const QString &id);
    // The ticket's attachments this account may read: the desk every one; a service account
    // (the customer's console) those of public messages and of none that no desk account made
    // (a desk file without a message is one of a note or reply not yet applied). Nothing on a
    // read error.
    std::optional<QVector<Attachment>> visibleAttachments(const Agent &agent,
                                                          const QString &ticketId);
    // The IM webhook in (server/imapi.cpp): signed by the group's secret, no token.
    HttpResponse imWebhook(const QString &groupId, const HttpRequest &request,
                           qint64 *committedSeq);
    // May this service account act for the customer? Nothing on a read error.
    std::optional<bool> servesCustomer(const Agent &agent, const QString &customerId);

    std::optional<Agent> authenticate(const QString &token);

    Store *m_store;
    const CatalogSet *m_catalogs;
    std::shared_ptr<PageCache> m_pages;
    ApiLimits m_limits;
    // Tokens seen lately, so a burst of requests does not hash and look up each one; an agent
    // removed or re-tokened by the admin command loses access within TokenCacheMs.
    struct KnownToken
    {
        Agent agent;
        qint64 until = 0;
    };
    QHash<QString, KnownToken> m_tokens;
    QElapsedTimer m_clock;
    QVector<OpsBatch> *m_deferred = nullptr; // set while handleWrites() collects a group
    QByteArray m_catalogBody; // the plans, encoded once
    Metrics *m_metrics = nullptr;
    std::shared_ptr<const Clock> m_time;
};

HttpResponse badRequest(const QString &message, const QString &field = {});

} // namespace SupportDesk::Server
