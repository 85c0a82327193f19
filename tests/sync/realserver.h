// The real supportdesk-server as a child process on a loopback port, for end-to-end tests and
// benchmarks: started in demo mode (tokens read from its output) or on an existing database,
// stopped with SIGTERM or killed, restarted on the same port, and asked for its whole state.
#pragma once

#include "domain.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace SupportDesk::Testing {

class RealServer
{
public:
    explicit RealServer(const QString &program) : m_program(program)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
    }
    ~RealServer() { stop(); }

    // Starts the server on `db` (port 0: a free one the first time, the same one after).
    // With demo options ("--demo", …) the demo agents' tokens are read from the output.
    bool start(const QString &db, const QStringList &extraArgs = {})
    {
        m_db = db;
        QStringList args = extraArgs;
        args << QStringLiteral("--db") << db << QStringLiteral("--port")
             << QString::number(m_port);
        m_process.start(m_program, args);
        if (!m_process.waitForStarted())
            return false;
        m_log.clear();
        m_listening = false;
        const QRegularExpression listening(
            QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 120000 && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            m_log += m_process.readAll();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_log));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                m_listening = true;
                break;
            }
        }
        auto tokens = QRegularExpression(QStringLiteral("\\((a-[a-z]+)\\): (\\S+)"))
                              .globalMatch(QString::fromUtf8(m_log));
        while (tokens.hasNext()) {
            const QRegularExpressionMatch m = tokens.next();
            m_tokens.insert(m.captured(1), m.captured(2));
        }
        return isRunning();
    }
    // The demo server's options for a test: `backlog` tickets of history and none new while
    // the test runs (one an hour).
    static QStringList demoArguments(int backlog)
    {
        return { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                 QString::number(backlog), QStringLiteral("--demo-interval"),
                 QStringLiteral("3600") };
    }
    bool isRunning() const
    {
        return m_process.state() == QProcess::Running && m_listening;
    }
    // SIGTERM: in-flight requests finish, then it exits.
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(15000)) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    bool restart(const QStringList &extraArgs = {})
    {
        stop();
        return start(m_db, extraArgs);
    }

    quint16 port() const { return m_port; }
    QString databasePath() const { return m_db; }
    qint64 pid() const { return m_process.processId(); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    QString token(const QString &agentId) const { return m_tokens.value(agentId); }
    QByteArray log() const { return m_log; }
    int demoBacklog() const
    {
        const QRegularExpressionMatch m
                = QRegularExpression(QStringLiteral("Backlog: (\\d+) tickets"))
                          .match(QString::fromUtf8(m_log));
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    }

    // One blocking HTTP request (a nested event loop); status 0 on a network error.
    struct Reply
    {
        int status = 0;
        QJsonObject body;
        QByteArray raw; // the body's bytes as they came
    };
    Reply request(const QByteArray &method, const QString &path, const QString &token,
                  const QJsonObject &body = {}) const
    {
        return requestBytes(
                method, path, token,
                body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    // The same with the body's bytes as given (malformed ones too).
    Reply requestBytes(const QByteArray &method, const QString &path, const QString &token,
                       const QByteArray &body) const
    {
        QNetworkAccessManager net;
        QNetworkRequest request(QUrl(url().toString() + QStringLiteral("/api/v1") + path));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = net.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.raw = reply->readAll();
        r.body = QJsonDocument::fromJson(r.raw).object();
        delete reply;
        return r;
    }
    // Posts one operation as another client would; returns its result object.
    QJsonObject postOp(const QString &token, const QJsonObject &op) const
    {
        const Reply r = request("POST", QStringLiteral("/ops"), token,
                                QJsonObject{{QStringLiteral("ops"), QJsonArray{op}}});
        return r.body.value(QStringLiteral("results")).toArray().at(0).toObject();
    }

    // The server's tickets and messages, read from the whole change feed.
    struct State
    {
        QHash<QString, Ticket> tickets;
        QHash<QString, QVector<Message>> messages; // by ticket id
        QVector<Agent> agents;
        QHash<QString, Customer> customers;
        bool ok = false;
    };
    State state(const QString &token) const
    {
        State s;
        qint64 after = 0;
        for (;;) {
            const Reply r = request("GET",
                                    QStringLiteral("/changes?after=%1&limit=5000").arg(after),
                                    token);
            if (r.status != 200)
                return s;
            const QJsonArray changes = r.body.value(QStringLiteral("changes")).toArray();
            for (const QJsonValue &v : changes) {
                const QJsonObject c = v.toObject();
                const QString kind = c.value(QStringLiteral("kind")).toString();
                const QJsonObject data = c.value(QStringLiteral("data")).toObject();
                QStringList errors;
                if (kind == u"ticket") {
                    Ticket t;
                    if (Json::fromJson(data, &t, &errors))
                        s.tickets.insert(t.id, t);
                } else if (kind == u"customer") {
                    Customer c;
                    if (Json::fromJson(data, &c, &errors))
                        s.customers.insert(c.id, c);
                } else if (kind == u"agent") {
                    Agent a;
                    if (Json::fromJson(data, &a, &errors))
                        s.agents.append(a);
                } else if (kind == u"message") {
                    Message m;
                    if (Json::fromJson(data, &m, &errors)) {
                        QVector<Message> &list = s.messages[m.ticketId];
                        list.erase(std::remove_if(list.begin(), list.end(),
                                                  [&](const Message &x) { return x.id == m.id; }),
                                   list.end());
                        list.append(m);
                    }
                }
            }
            after = qint64(r.body.value(QStringLiteral("last_seq")).toDouble());
            if (!r.body.value(QStringLiteral("has_more")).toBool())
                break;
        }
        s.ok = true;
        return s;
    }

private:
    QString m_program;
    QString m_db;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    bool m_listening = false;
    QHash<QString, QString> m_tokens; // agent id → token
};

} // namespace SupportDesk::Testing
