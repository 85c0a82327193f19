// What the server tests share to run the real supportdesk-server: the store they run it on (an
// SQLite file, or a throwaway PostgreSQL cluster from pg-cluster.sh), its one-shot commands
// (`agent add`, `customer import`, `mail-ingest` …) and server processes on free loopback ports.
// Each test used to write these out for itself; a fix to one (a cluster left running, a port
// read too early) now reaches all of them.
#pragma once

#include "domain.h"
#include "groupreceiver.h"
#include "realserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpServer>

#ifndef SUPPORTDESK_SERVER
#error "SUPPORTDESK_SERVER (the server binary) must be defined by the test's target"
#endif
#ifndef PG_CLUSTER_SCRIPT
#error "PG_CLUSTER_SCRIPT (tests/server/pg-cluster.sh) must be defined by the test's target"
#endif

namespace SupportDesk::Testing {

inline QString serverProgram()
{
    return QStringLiteral(SUPPORTDESK_SERVER);
}

// A loopback port free at the moment of asking (for a child that cannot be given port 0).
inline quint16 freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// What one run of a server command printed, and how it ended (-1: crashed or did not end).
struct CommandRun
{
    int exitCode = -1;
    QString output; // standard output, then standard error
};

// `supportdesk-server args…` with `input` on its standard input, waited for.
inline CommandRun runServerCommand(const QStringList &args, const QByteArray &input = {})
{
    CommandRun run;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start(serverProgram(), args);
    if (!p.waitForStarted())
        return run;
    p.write(input);
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(60000);
    run.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    if (finished && p.exitStatus() == QProcess::NormalExit)
        run.exitCode = p.exitCode();
    else if (!finished)
        p.kill();
    return run;
}

// A customer as an admin's import file has it: Shanghai time, one sub-client when asked.
struct TestCustomer
{
    const char *id;
    const char *plan;
    const char *edition;
    bool subClients = false;
};

// `customer import` of `customers` into `db`, through a file in `dir`: empty when imported,
// else the command's output.
inline QString importCustomers(const QString &dir, const QString &db,
                               std::initializer_list<TestCustomer> customers)
{
    QJsonArray list;
    for (const TestCustomer &t : customers) {
        Customer c;
        c.id = QString::fromLatin1(t.id);
        c.name = QStringLiteral("Customer %1").arg(c.id);
        c.planId = QString::fromLatin1(t.plan);
        c.editionId = QString::fromLatin1(t.edition);
        c.timeZone = QStringLiteral("Asia/Shanghai");
        if (t.subClients)
            c.subClients.append({ QStringLiteral("sub-1"), QStringLiteral("Sub one") });
        list.append(Json::toJson(c));
    }
    QFile file(QDir(dir).filePath(QStringLiteral("customers.json")));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(list).toJson()) < 0)
        return QStringLiteral("cannot write %1").arg(file.fileName());
    file.close();
    const CommandRun run = runServerCommand(
        { QStringLiteral("customer"), QStringLiteral("import"), file.fileName(),
          QStringLiteral("--db"), db });
    return run.exitCode == 0 ? QString() : run.output;
}

// `agent add` on `db`: the new agent's token, empty (with a warning) when it was refused.
inline QString addAgent(const QString &db, const QString &id, const QString &role,
                        const QStringList &extra = {})
{
    const CommandRun run = runServerCommand(
            QStringList { QStringLiteral("--db"), db, QStringLiteral("agent"),
                          QStringLiteral("add"), QStringLiteral("--name"), id,
                          QStringLiteral("--role"), role, QStringLiteral("--id"), id }
            + extra);
    const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("token: (\\S+)")).match(run.output);
    if (run.exitCode != 0 || !m.hasMatch()) {
        qWarning("agent add %s: %s", qPrintable(id), qPrintable(run.output));
        return {};
    }
    return m.captured(1);
}

// A customer's channels for the issue-16 tests, in `db`: the mail corpus's customers
// (`corpus`/customers.json), li.wei@acme.cn writing for c-acme, and c-acme's WeCom group
// `groupId` named `groupName`, whose replies go to `url`. The group's secret; empty (with a
// warning) when a command was refused.
inline QByteArray addAcmeChannels(const QString &db, const QString &corpus, const QString &groupId,
                                  const QString &groupName, const QString &url)
{
    const QString prefix = QStringLiteral("--db");
    for (const QStringList &args :
         { QStringList { QStringLiteral("customer"), QStringLiteral("import"),
                         corpus + QStringLiteral("/customers.json") },
           QStringList { QStringLiteral("mail"), QStringLiteral("sender"), QStringLiteral("add"),
                         QStringLiteral("li.wei@acme.cn"), QStringLiteral("--customer"),
                         QStringLiteral("c-acme") } }) {
        const CommandRun run = runServerCommand(QStringList { prefix, db } + args);
        if (run.exitCode != 0) {
            qWarning("%s: %s", qPrintable(args.join(u' ')), qPrintable(run.output));
            return {};
        }
    }
    const CommandRun run = runServerCommand(
            { prefix, db, QStringLiteral("im"), QStringLiteral("add"), QStringLiteral("--id"),
              groupId, QStringLiteral("--customer"), QStringLiteral("c-acme"),
              QStringLiteral("--name"), groupName, QStringLiteral("--kind"),
              QStringLiteral("wecom"), QStringLiteral("--url"), url });
    const QRegularExpressionMatch secret
            = QRegularExpression(QStringLiteral("secret: (\\S+)")).match(run.output);
    if (run.exitCode != 0 || !secret.hasMatch()) {
        qWarning("im add: %s", qPrintable(run.output));
        return {};
    }
    return secret.captured(1).toUtf8();
}

#ifdef OPENAPI_CHECK
// The answers a test saw ({method, path (the route's template), status, body}) against
// docs/openapi.yaml (tools/openapi/validate.sh): empty when every one is as documented, else
// the checker's report.
inline QString openApiMismatches(const QJsonArray &samples, const QString &dir)
{
    QFile file(QDir(dir).filePath(QStringLiteral("responses.json")));
    if (!file.open(QIODevice::WriteOnly)
        || file.write(QJsonDocument(samples).toJson(QJsonDocument::Compact)) < 0)
        return QStringLiteral("cannot write %1").arg(file.fileName());
    file.close();
    QProcess check;
    check.setProcessChannelMode(QProcess::MergedChannels);
    check.start(QStringLiteral(OPENAPI_CHECK),
                { QStringLiteral(OPENAPI_DOC), QStringLiteral("--responses"), file.fileName() });
    if (!check.waitForFinished(300000))
        return QStringLiteral("tools/openapi/validate.sh did not finish");
    const QString out = QString::fromUtf8(check.readAll());
    return check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0
            ? QString()
            : out.isEmpty() ? QStringLiteral("tools/openapi/validate.sh failed") : out;
}
#endif

// One mail of `file` through `mail-ingest` on `db`: the id of the ticket it opened, empty
// (with a warning) when it opened none.
inline QString ingestMailFile(const QString &db, const QString &file)
{
    QFile mail(file);
    if (!mail.open(QIODevice::ReadOnly))
        return {};
    const CommandRun run = runServerCommand(
            { QStringLiteral("--db"), db, QStringLiteral("mail-ingest") }, mail.readAll());
    if (run.exitCode != 0 || !run.output.contains(u" ticket #")) {
        qWarning("mail-ingest %s: %s", qPrintable(file), qPrintable(run.output));
        return {};
    }
    return run.output.split(u' ').value(3).trimmed();
}

// A group's message as its bot posts it to the webhook of the server at `server`, signed
// with `secret` at `at` (now when invalid). The reply is the caller's (finished or not).
inline QNetworkReply *postImMessage(QNetworkAccessManager &net, const QUrl &server,
                                    const QString &group, const QByteArray &secret,
                                    const QJsonObject &message, const QDateTime &at = {})
{
    const QByteArray body = QJsonDocument(message).toJson(QJsonDocument::Compact);
    QNetworkRequest request(QUrl(server.toString() + QStringLiteral("/api/v1/im/") + group));
    signImPost(&request, secret, body, at.isValid() ? at : QDateTime::currentDateTimeUtc());
    return net.post(request, body);
}

// Where a test's server keeps its data. SQLite by default; PostgreSQL when the environment
// says SUPPORTDESK_TEST_STORE=postgresql (the *_postgresql ctest entries) or the test asks for
// it: a cluster of its own in `dir`, on a free loopback port, stopped when the store goes.
class TestStore
{
public:
    enum class Kind { FromEnvironment, PostgreSql };

    TestStore() = default;
    TestStore(const TestStore &) = delete;
    TestStore &operator=(const TestStore &) = delete;
    ~TestStore() { stop(); }

    // Empty when the store is ready, else why not (for QFAIL).
    QString open(const QString &dir, const QString &sqliteName,
                 Kind kind = Kind::FromEnvironment)
    {
        const QString named = qEnvironmentVariable("SUPPORTDESK_TEST_STORE");
        if (!named.isEmpty() && named != u"sqlite" && named != u"postgresql")
            return QStringLiteral("SUPPORTDESK_TEST_STORE=%1: sqlite or postgresql").arg(named);
        const bool postgres = kind == Kind::PostgreSql || named == u"postgresql";
        if (!postgres) {
            m_db = QDir(dir).filePath(sqliteName);
            return {};
        }
        // The cluster runs as another user (postgres, under root), who must reach its
        // directory inside `dir`.
        QFile::setPermissions(dir, QFile::permissions(dir) | QFile::ExeOther);
        const QString pgDir = QDir(dir).filePath(QStringLiteral("pg"));
        if (!QDir().mkpath(pgDir))
            return QStringLiteral("cannot make %1").arg(pgDir);
        QProcess pg;
        pg.start(QStringLiteral(PG_CLUSTER_SCRIPT),
                 { QStringLiteral("start"), pgDir, QString::number(freeLoopbackPort()) });
        if (!pg.waitForFinished(120000) || pg.exitStatus() != QProcess::NormalExit
            || pg.exitCode() != 0) {
            return QStringLiteral("cannot start a PostgreSQL cluster: %1")
                    .arg(QString::fromUtf8(pg.readAllStandardError()));
        }
        m_pgDir = pgDir;
        m_db = QString::fromUtf8(pg.readAllStandardOutput()).trimmed();
        return {};
    }
    void stop()
    {
        if (m_pgDir.isEmpty())
            return;
        QProcess pg;
        pg.start(QStringLiteral(PG_CLUSTER_SCRIPT), { QStringLiteral("stop"), m_pgDir });
        pg.waitForFinished(60000);
        m_pgDir.clear();
    }

    // The server's --db: the SQLite file's path or the cluster's postgresql:// URL.
    QString db() const { return m_db; }
    bool isPostgreSql() const { return !m_pgDir.isEmpty(); }

private:
    QString m_db;
    QString m_pgDir;
};

// One server process (`--port 0`), started without waiting so that several can start at the
// same moment; the port is read from its "listening on …" line.
struct ServerProcess
{
    QProcess process;
    quint16 port = 0;
    QByteArray log;

    ~ServerProcess() { kill(); }

    void start(const QString &db, const QStringList &extraArgs = {})
    {
        port = 0;
        log.clear();
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(serverProgram(),
                      QStringList { QStringLiteral("--db"), db, QStringLiteral("--port"),
                                    QStringLiteral("0") }
                              + extraArgs);
    }
    // False when the process ended first or did not say within `timeoutMs`.
    bool waitListening(int timeoutMs = 60000)
    {
        const QRegularExpression listening(
                QStringLiteral("listening on http://127.0.0.1:(\\d+)"));
        QElapsedTimer timer;
        timer.start();
        while (!port && timer.elapsed() < timeoutMs) {
            if (process.state() == QProcess::NotRunning) {
                log += process.readAll();
                return false;
            }
            process.waitForReadyRead(100);
            log += process.readAll();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(log));
            if (m.hasMatch())
                port = quint16(m.captured(1).toUInt());
        }
        return port != 0;
    }
    // Started and listening; the log says why not (qWarning) otherwise.
    bool startListening(const QString &db, const QStringList &extraArgs = {})
    {
        start(db, extraArgs);
        if (waitListening())
            return true;
        qWarning("the server did not start: %s", log.constData());
        return false;
    }
    // SIGTERM: in-flight requests finish, then it exits.
    void terminate()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(15000))
            kill();
    }
    // SIGKILL: as a crash or a power cut would stop it.
    void kill()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.kill();
        process.waitForFinished();
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }
};

} // namespace SupportDesk::Testing
