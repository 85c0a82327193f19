// The routes of /api/v1 (docs/api.md, docs/openapi.yaml): authentication, roles, validation,
// and the answers, over one Store. An Api lives on a worker thread with its Store.
#pragma once

#include "http.h"
#include "store.h"

namespace SupportDesk::Server {

struct ApiLimits
{
    int maxOps = 500;
    int defaultPage = 500;
    int maxPage = 5000;
};

class Api
{
public:
    Api(Store *store, const CatalogSet *catalogs, ApiLimits limits = {})
        : m_store(store), m_catalogs(catalogs), m_limits(limits)
    {}

    // Answers one request. `committedSeq` is set when the request committed a change.
    HttpResponse handle(const HttpRequest &request, qint64 *committedSeq);
    // Is the route one that writes (and belongs on the writer thread)?
    static bool isWrite(const HttpRequest &request);

private:
    HttpResponse catalog();
    HttpResponse me(const Agent &agent);
    HttpResponse changes(const HttpRequest &request);
    HttpResponse ops(const Agent &agent, const HttpRequest &request, qint64 *committedSeq);
    HttpResponse putSettings(const Agent &agent, const HttpRequest &request, qint64 *committedSeq);
    HttpResponse attainment(const HttpRequest &request);
    HttpResponse customerReport(const QString &customerId, const HttpRequest &request);

    Store *m_store;
    const CatalogSet *m_catalogs;
    ApiLimits m_limits;
    QByteArray m_catalogBody; // the plans, encoded once
};

HttpResponse badRequest(const QString &message, const QString &field = {});

} // namespace SupportDesk::Server
