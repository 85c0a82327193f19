#include "credentialstore.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

namespace SupportDesk {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Linux backends say "no service" in several ways: QtKeychain's NoBackendAvailable, or
// OtherError with the D-Bus error text when no session bus or secret service answers.
bool meansNoService(QKeychain::Error error, const QString &text)
{
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented)
        return true;
    if (error != QKeychain::OtherError)
        return false;
    static const char *const hints[]
        = { "dbus",           "d-bus",       "org.freedesktop", "secret",
            "kwallet",        "no keychain", "not available",   "unknown error",
            "serviceunknown", "noreply",     "timed out" };
    const QString lower = text.toLower();
    for (const char *hint : hints) {
        if (lower.contains(QLatin1String(hint)))
            return true;
    }
    return text.isEmpty();
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
    , m_service(QStringLiteral("SupportDesk"))
    , m_fallbackPath(QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                         .filePath(QStringLiteral("credentials.json")))
{
    qRegisterMetaType<Result>();
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::keyFor(const QUrl &server)
{
    QUrl u = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment
                             | QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    if (u.path() == u"/")
        u.setPath(QString());
    u.setHost(u.host().toLower());
    u.setScheme(u.scheme().toLower());
    if ((u.scheme() == u"https" && u.port() == 443) || (u.scheme() == u"http" && u.port() == 80))
        u.setPort(-1);
    return u.toString();
}

QString CredentialStore::noKeychainMessage(const QString &detail) const
{
    // The backend's text ("Unknown error", D-Bus names) is English whatever the desk's
    // language: it goes to the log, and the user reads our words.
    if (!detail.isEmpty())
        qInfo("keychain: %s", qPrintable(detail));
    return tr("No keychain service is available on this computer (on Linux: no Secret "
              "Service such as GNOME Keyring or KWallet on D-Bus).");
}

void CredentialStore::read(const QUrl &server)
{
    start(Op::Read, server, {});
}

void CredentialStore::write(const QUrl &server, const QString &token)
{
    start(Op::Write, server, token);
}

void CredentialStore::remove(const QUrl &server)
{
    start(Op::Remove, server, {});
}

void CredentialStore::start(Op op, const QUrl &server, const QString &token)
{
    const QString key = keyFor(server);
    if (key.isEmpty() || !server.isValid()) {
        Result r;
        r.operation = op;
        r.message = tr("The server address is not valid.");
        QMetaObject::invokeMethod(
            this, [this, server, r] { emit finished(server, r); }, Qt::QueuedConnection);
        return;
    }
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Op::Write: {
        auto *w = new QKeychain::WritePasswordJob(m_service, this);
        w->setTextData(token);
        job = w;
        break;
    }
    case Op::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setAutoDelete(false);
    job->setInsecureFallback(false); // our fallback asks first; QtKeychain's would not
    job->setKey(key);

    // One answer per request: the job's, or the timeout's if the keychain never answers.
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QPointer<QKeychain::Job> guard(job);
    auto done = std::make_shared<bool>(false);
    connect(job, &QKeychain::Job::finished, this, [=](QKeychain::Job *j) {
        j->deleteLater(); // a job answering after its timeout is dropped here
        if (*done)
            return;
        *done = true;
        Result r = fromJob(j, op);
        if (op == Op::Read && !r.ok()) {
            // A token stored in the file earlier (with consent) still serves.
            const Result file = readFromFile(server);
            if (file.ok())
                r = file;
        } else if (op == Op::Write && r.ok()) {
            removeFromFile(server); // the keychain has it now: no copy left in the file
        } else if (op == Op::Remove) {
            QString error;
            const bool fileOk = removeFromFile(server, &error);
            if (r.status == Status::NotFound || r.status == Status::NoKeychain) {
                r.status = fileOk ? Status::Ok : Status::Failed;
                r.message = fileOk ? QString() : error;
            }
        }
        r.operation = op;
        emit finished(server, r);
    });
    connect(timer, &QTimer::timeout, this, [=] {
        if (*done || !guard)
            return;
        *done = true;
        m_keychainUnavailable = true;
        Result r;
        r.status = Status::NoKeychain;
        r.message = noKeychainMessage(QString());
        r.message += u' ' + tr("The keychain did not answer.");
        if (op == Op::Read) {
            const Result file = readFromFile(server);
            if (file.ok())
                r = file;
        } else if (op == Op::Remove) {
            removeFromFile(server);
        }
        // The job is left to finish (deleting a job the backend still answers is unsafe);
        // its late answer is ignored.
        r.operation = op;
        emit finished(server, r);
    });
    timer->start(m_timeoutMs);
    job->start();
}

CredentialStore::Result CredentialStore::fromJob(QKeychain::Job *job, Op op)
{
    Result r;
    r.where = Where::Keychain;
    const QKeychain::Error error = job->error();
    if (error == QKeychain::NoError) {
        r.status = Status::Ok;
        if (op == Op::Read)
            r.token = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        return r;
    }
    if (error == QKeychain::EntryNotFound) {
        r.status = Status::NotFound;
        r.message = tr("No token is stored for this server.");
        return r;
    }
    if (meansNoService(error, job->errorString())) {
        m_keychainUnavailable = true;
        r.status = Status::NoKeychain;
        r.detail = job->errorString();
        r.message = noKeychainMessage(r.detail);
        return r;
    }
    r.status = Status::Failed;
    r.detail = job->errorString();
    if (!r.detail.isEmpty())
        qInfo("keychain: %s", qPrintable(r.detail));
    r.message = error == QKeychain::AccessDeniedByUser || error == QKeychain::AccessDenied
        ? tr("The keychain refused access to the token.")
        //: the keychain's own error text is in the log
        : tr("The keychain failed to keep or read the token (error %1).").arg(int(error));
    return r;
}

static QJsonObject readTokenFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject() && error)
        *error = parseError.errorString();
    return doc.object();
}

CredentialStore::Result CredentialStore::readFromFile(const QUrl &server) const
{
    Result r;
    r.where = Where::File;
    QString error;
    const QJsonObject tokens = readTokenFile(m_fallbackPath, &error);
    const QString token = tokens.value(keyFor(server)).toString();
    if (!token.isEmpty()) {
        r.status = Status::Ok;
        r.token = token;
        // Someone widened the file's mode: narrow it again before anything else reads it.
        QFile file(m_fallbackPath);
        if ((file.permissions() & ~(OwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser))
            != 0)
            file.setPermissions(OwnerOnly);
        return r;
    }
    r.status = error.isEmpty() ? Status::NotFound : Status::Failed;
    r.message = error.isEmpty()
        ? tr("No token is stored for this server.")
        : tr("The token file %1 cannot be read: %2").arg(m_fallbackPath, error);
    return r;
}

CredentialStore::Result CredentialStore::writeToFile(const QUrl &server, const QString &token)
{
    Result r;
    r.where = Where::File;
    r.operation = Op::Write;
    const QString key = keyFor(server);
    if (key.isEmpty() || !server.isValid()) {
        r.message = tr("The server address is not valid.");
        return r;
    }
    QString error;
    QJsonObject tokens = readTokenFile(m_fallbackPath, &error);
    tokens.insert(key, token);
    QDir().mkpath(QFileInfo(m_fallbackPath).absolutePath());
    QSaveFile file(m_fallbackPath);
    // The mode is set on the temporary file before a byte is written, and the rename keeps it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly)
        || file.write(QJsonDocument(tokens).toJson()) < 0 || !file.commit()) {
        r.message
            = tr("The token could not be saved in %1: %2").arg(m_fallbackPath, file.errorString());
        return r;
    }
    QFile::setPermissions(m_fallbackPath, OwnerOnly);
    r.status = Status::Ok;
    return r;
}

bool CredentialStore::removeFromFile(const QUrl &server, QString *error)
{
    if (!QFile::exists(m_fallbackPath))
        return true;
    QJsonObject tokens = readTokenFile(m_fallbackPath, error);
    const QString key = keyFor(server);
    if (!tokens.contains(key))
        return true;
    tokens.remove(key);
    if (tokens.isEmpty())
        return QFile::remove(m_fallbackPath);
    QSaveFile file(m_fallbackPath);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(OwnerOnly)
        || file.write(QJsonDocument(tokens).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace SupportDesk
