// Where the agent's API token is kept, per server URL: the OS keychain through QtKeychain,
// or — only where no keychain service runs and only with the user's consent — a file readable
// by the user alone (0600). docs/notifications.md explains the trade-off.
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace QKeychain {
class Job;
}

namespace SupportDesk {

class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        Ok,
        NotFound, // no token stored for that server
        NoKeychain, // no keychain service (no D-Bus secret service): ask before using the file
        Failed, // the keychain or the file refused; message() says why
    };
    Q_ENUM(Status)
    enum class Where { Keychain, File };
    Q_ENUM(Where)
    enum class Operation { Read, Write, Remove };
    Q_ENUM(Operation)

    struct Result
    {
        Status status = Status::Failed;
        Where where = Where::Keychain;
        Operation operation = Operation::Read; // what was asked
        QString token; // for a read
        QString message; // in words, for the user, in their language; empty when Ok
        QString detail; // the keychain backend's own words (English), for logs only
        bool ok() const { return status == Status::Ok; }
    };

    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    // The keychain's service name (tests use their own) and the fallback file
    // (default: <AppConfigLocation>/credentials.json).
    void setServiceName(const QString &name) { m_service = name; }
    QString serviceName() const { return m_service; }
    void setFallbackPath(const QString &path) { m_fallbackPath = path; }
    QString fallbackPath() const { return m_fallbackPath; }
    // A keychain job that has not answered after this long counts as no keychain (default 20 s;
    // a locked keychain may be waiting for the user to unlock it).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // The key a server's token is stored under: scheme://host[:port][/path], lower-case host,
    // no trailing slash.
    static QString keyFor(const QUrl &server);

    // Asynchronous; each ends with finished(). A read tries the keychain, then the file.
    // A write goes to the keychain only; when it answers NoKeychain, ask the user, then call
    // writeToFile(). A delete clears both.
    void read(const QUrl &server);
    void write(const QUrl &server, const QString &token);
    void remove(const QUrl &server);

    // The less safe store, synchronous: a JSON file of key → token, mode 0600. Only call it
    // after the user agreed.
    Result writeToFile(const QUrl &server, const QString &token);
    Result readFromFile(const QUrl &server) const;
    bool removeFromFile(const QUrl &server, QString *error = nullptr);

    // The keychain answered "no service" at least once in this run.
    bool keychainUnavailable() const { return m_keychainUnavailable; }

signals:
    void finished(const QUrl &server, const SupportDesk::CredentialStore::Result &result);

private:
    using Op = Operation;
    void start(Op op, const QUrl &server, const QString &token);
    Result fromJob(QKeychain::Job *job, Op op);
    QString noKeychainMessage(const QString &detail) const;

    QString m_service;
    QString m_fallbackPath;
    int m_timeoutMs = 20000;
    bool m_keychainUnavailable = false;
};

} // namespace SupportDesk

Q_DECLARE_METATYPE(SupportDesk::CredentialStore::Result)
