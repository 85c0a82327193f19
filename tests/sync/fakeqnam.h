// Faults served below HttpTransport, at the QNetworkAccessManager, so the real transport's
// error handling and the sync engine above it run under test. Modelled on the Nextcloud desktop
// client's FakeQNAM / FakeErrorReply / FakeHangingReply (test/syncenginetestutils.h): a QNAM
// whose createRequest() hands back replies that fail the way the network does. Requests that
// are not spoiled go to a backend: an in-memory server (FakeServer, any Transport) or, with
// none, the real network (the real server on loopback).
#pragma once

#include "transport.h"

#include <QBuffer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

#include <optional>

namespace SupportDesk::Testing {

// A reply whose status, headers and body the test sets; finished on the event loop, as a real
// reply is, never inside the call that made it.
class FakeReply : public QNetworkReply
{
    Q_OBJECT

public:
    FakeReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
              QObject *parent)
        : QNetworkReply(parent)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(op);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    void abort() override
    {
        if (isFinished())
            return;
        stopWork();
        fail(OperationCanceledError, QStringLiteral("Operation canceled"));
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_body.size() - m_read + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_body.size() - m_read);
        if (n <= 0)
            return isFinished() ? -1 : 0;
        std::memcpy(data, m_body.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }
    // What a subclass must stop (a timer, a backend request) when the client aborts.
    virtual void stopWork() {}

    // Headers as QNAM sets them, with the error it derives from a 4xx or 5xx status.
    void setStatus(int status)
    {
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArray("Fake"));
        setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        const NetworkError e = errorForStatus(status);
        if (e != NoError)
            setError(e, QStringLiteral("Error transferring %1 - server replied: Fake")
                                .arg(url().toString()));
        emit metaDataChanged();
    }
    void appendBody(const QByteArray &bytes)
    {
        m_body += bytes;
        emit downloadProgress(m_body.size(), -1);
        emit readyRead();
    }
    void finish()
    {
        if (isFinished())
            return;
        if (error() != NoError)
            emit errorOccurred(error());
        setFinished(true);
        emit finished();
    }
    // The transfer broke: no (further) answer, a network error.
    void fail(NetworkError e, const QString &message)
    {
        setError(e, message);
        finish();
    }

    // As QHttpThreadDelegate maps them (qhttpthreaddelegate.cpp, statusCodeFromHttp).
    static NetworkError errorForStatus(int status)
    {
        switch (status) {
        case 400: return ProtocolInvalidOperationError;
        case 401: return AuthenticationRequiredError;
        case 403: return ContentAccessDenied;
        case 404: return ContentNotFoundError;
        case 405: return ContentOperationNotPermittedError;
        case 409: return ContentConflictError;
        case 410: return ContentGoneError;
        case 500: return InternalServerError;
        case 501: return OperationNotImplementedError;
        case 503: return ServiceUnavailableError;
        default:
            if (status >= 400 && status < 500)
                return UnknownContentError;
            if (status >= 500)
                return UnknownServerError;
            return NoError;
        }
    }

private:
    QByteArray m_body;
    qint64 m_read = 0;
};

// An HTTP error status with a body, without reaching any server (Nextcloud's FakeErrorReply).
class FakeErrorReply final : public FakeReply
{
    Q_OBJECT

public:
    FakeErrorReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                   QObject *parent, int status, const QByteArray &body)
        : FakeReply(op, request, parent)
    {
        QMetaObject::invokeMethod(this, [this, status, body] {
            setStatus(status);
            appendBody(body);
            finish();
        }, Qt::QueuedConnection);
    }
};

// A failure below HTTP: refused, reset, unreachable. No status, no body.
class FakeNetworkErrorReply final : public FakeReply
{
    Q_OBJECT

public:
    FakeNetworkErrorReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                          QObject *parent, NetworkError e)
        : FakeReply(op, request, parent)
    {
        QMetaObject::invokeMethod(this, [this, e] {
            fail(e, QStringLiteral("Connection refused (fake)"));
        }, Qt::QueuedConnection);
    }
};

// A reply that never comes; only abort() ends it (Nextcloud's FakeHangingReply).
class FakeHangingReply final : public FakeReply
{
    Q_OBJECT

public:
    using FakeReply::FakeReply;
};

// How a reply that reached the backend is spoiled on its way back.
enum class Spoil {
    None,
    Truncate,     // a 200 with half of the body and no error (no Content-Length to check)
    DropMidReply, // the 200's headers and half of the body, then the connection resets
    LoseReply,    // the backend applied the request; the connection resets before any answer
    Garbage,      // a 200 whose body is not JSON (a captive portal's page, say)
    SlowBody,     // the body in slices, one per interval
};

// A request that reaches the backend; its answer comes back spoiled or not.
class FakeForwardReply final : public FakeReply
{
    Q_OBJECT

public:
    FakeForwardReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                     QObject *parent, Spoil spoil, int sliceMs)
        : FakeReply(op, request, parent), m_spoil(spoil), m_sliceMs(sliceMs)
    {
    }

    // The answer from an in-memory server.
    void forwardTo(Transport *server, const QByteArray &verb, const QString &path,
                   const QByteArray &body)
    {
        m_server = server;
        m_serverId = server->send(verb, path, body, [this](const TransportResponse &r) {
            m_serverId = 0;
            answer(r.status, r.body, NoError, {});
        });
    }
    // The answer from the real network.
    void forwardTo(QNetworkReply *inner)
    {
        m_inner = inner;
        inner->setParent(this);
        connect(inner, &QNetworkReply::finished, this, [this, inner] {
            const int status = inner->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer(status, inner->readAll(), inner->error(), inner->errorString());
        });
    }

protected:
    void stopWork() override
    {
        m_slices.stop();
        if (m_server && m_serverId)
            m_server->abort(m_serverId);
        m_serverId = 0;
        if (m_inner) {
            m_inner->disconnect(this);
            m_inner->abort();
        }
    }

private:
    void answer(int status, QByteArray body, NetworkError e, const QString &message)
    {
        if (isFinished())
            return;
        if (e != NoError && errorForStatus(status) != e) {
            fail(e, message); // the real network failed on its own
            return;
        }
        switch (m_spoil) {
        case Spoil::LoseReply:
            fail(RemoteHostClosedError, QStringLiteral("Connection closed (fake, reply lost)"));
            return;
        case Spoil::Truncate:
            body.truncate(body.size() / 2);
            break;
        case Spoil::Garbage:
            body = QByteArrayLiteral("<html><body>Sign in to the hotel Wi-Fi</body></html>");
            break;
        default:
            break;
        }
        setStatus(status);
        if (m_spoil == Spoil::DropMidReply) {
            appendBody(body.left(body.size() / 2));
            fail(RemoteHostClosedError, QStringLiteral("Connection closed (fake, mid-body)"));
            return;
        }
        if (m_spoil == Spoil::SlowBody) {
            m_rest = body;
            const qsizetype n = std::max<qsizetype>(body.size() / 8 + 1, 64);
            connect(&m_slices, &QTimer::timeout, this, [this, n] {
                appendBody(m_rest.left(n));
                m_rest.remove(0, n);
                if (m_rest.isEmpty()) {
                    m_slices.stop();
                    finish();
                }
            });
            m_slices.start(m_sliceMs);
            return;
        }
        appendBody(body);
        finish();
    }

    Spoil m_spoil;
    int m_sliceMs;
    QPointer<Transport> m_server;
    quint64 m_serverId = 0;
    QPointer<QNetworkReply> m_inner;
    QTimer m_slices;
    QByteArray m_rest;
};

class FakeQNAM final : public QNetworkAccessManager
{
    Q_OBJECT

public:
    enum class Fault {
        ServerError,  // 503 with an error body, without reaching the server
        BadGateway,   // 502 with a proxy's HTML page, without reaching the server
        Unauthorized, // 401, without reaching the server
        Refused,      // connection refused: no status at all
        Hang,         // never answers (until aborted)
        Truncate,     // reaches the server; a 200 with half of the body
        DropMidReply, // reaches the server; a 200, half of the body, then a reset
        LoseReply,    // reaches the server, which applies it; the answer never arrives
        Garbage,      // reaches the server; a 200 with an HTML body
        SlowBody,     // reaches the server; the body in 8 slices, sliceMs() apart
    };

    // `server` answers the requests that are not spoiled before reaching it; without one they
    // go out on the network.
    explicit FakeQNAM(Transport *server = nullptr, QObject *parent = nullptr)
        : QNetworkAccessManager(parent), m_server(server)
    {
    }

    // The next `count` requests whose API path (as Transport::send names it, "/changes?...")
    // starts with `pathPrefix` (empty: any) suffer `fault`.
    void inject(Fault fault, const QString &pathPrefix = {}, int count = 1)
    {
        for (int i = 0; i < count; ++i)
            m_faults.append({fault, pathPrefix});
    }
    void clearFaults() { m_faults.clear(); }
    int pendingFaults() const { return int(m_faults.size()); }
    void setSliceMs(int ms) { m_sliceMs = ms; }
    // Requests made so far whose path starts with `pathPrefix`, spoiled or not.
    int requests(const QString &pathPrefix = {}) const
    {
        int n = 0;
        for (const QString &p : m_paths)
            n += p.startsWith(pathPrefix);
        return n;
    }
    // The Authorization header of the last request.
    QByteArray lastAuthorization() const { return m_lastAuthorization; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        const QByteArray body = outgoingData ? outgoingData->readAll() : QByteArray();
        QByteArray verb = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        if (op != CustomOperation)
            verb = op == GetOperation ? "GET" : op == PostOperation ? "POST" : "PUT";
        QString path = request.url().path();
        const qsizetype api = path.indexOf(QStringLiteral("/api/v1/"));
        path = path.mid(api >= 0 ? api + 7 : 0);
        if (request.url().hasQuery())
            path += u'?' + request.url().query();
        m_paths.append(path);
        m_lastAuthorization = request.rawHeader("Authorization");

        std::optional<Fault> fault;
        for (qsizetype i = 0; i < m_faults.size(); ++i) {
            if (path.startsWith(m_faults.at(i).second)) {
                fault = m_faults.takeAt(i).first;
                break;
            }
        }
        Spoil spoil = Spoil::None;
        if (fault) {
            switch (*fault) {
            case Fault::ServerError:
                return new FakeErrorReply(
                        op, request, this, 503,
                        R"({"error":{"code":"unavailable","message":"injected"}})");
            case Fault::BadGateway:
                return new FakeErrorReply(op, request, this, 502,
                                          "<html><body>502 Bad Gateway</body></html>");
            case Fault::Unauthorized:
                return new FakeErrorReply(
                        op, request, this, 401,
                        R"({"error":{"code":"unauthorized","message":"injected"}})");
            case Fault::Refused:
                return new FakeNetworkErrorReply(op, request, this,
                                                 QNetworkReply::ConnectionRefusedError);
            case Fault::Hang:
                return new FakeHangingReply(op, request, this);
            case Fault::Truncate: spoil = Spoil::Truncate; break;
            case Fault::DropMidReply: spoil = Spoil::DropMidReply; break;
            case Fault::LoseReply: spoil = Spoil::LoseReply; break;
            case Fault::Garbage: spoil = Spoil::Garbage; break;
            case Fault::SlowBody: spoil = Spoil::SlowBody; break;
            }
        }
        auto *reply = new FakeForwardReply(op, request, this, spoil, m_sliceMs);
        if (m_server) {
            reply->forwardTo(m_server, verb, path, body);
        } else {
            auto *data = new QBuffer(reply);
            data->setData(body);
            data->open(QIODevice::ReadOnly);
            reply->forwardTo(QNetworkAccessManager::createRequest(op, request, data));
        }
        return reply;
    }

private:
    QPointer<Transport> m_server;
    QList<std::pair<Fault, QString>> m_faults;
    QStringList m_paths;
    QByteArray m_lastAuthorization;
    int m_sliceMs = 50;
};

} // namespace SupportDesk::Testing
