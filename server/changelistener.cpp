// The listening connection (see changelistener.h).
#include "changelistener.h"

namespace SupportDesk::Server {

namespace {
// How often the connection is checked; also the longest a lost notification (the connection
// broke and came back) keeps a hint from this process's clients.
constexpr int CheckIntervalMs = 5000;
} // namespace

ChangeListener::ChangeListener(const QString &db, const CatalogSet *catalogs, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_catalogs(catalogs)
{
    m_check.setInterval(CheckIntervalMs);
    connect(&m_check, &QTimer::timeout, this, &ChangeListener::check);
}

ChangeListener::~ChangeListener() = default;

bool ChangeListener::start(QString *error)
{
    if (!connectAndListen(error))
        return false;
    m_check.start();
    return true;
}

std::unique_ptr<Store> openListening(const QString &db, const CatalogSet *catalogs,
                                     const char *channel, QString *error)
{
    std::unique_ptr<Store> store = Store::open(db, catalogs, error);
    if (!store)
        return nullptr;
    if (!store->driver()->subscribeToNotification(QLatin1String(channel))) {
        *error = QStringLiteral("cannot LISTEN on %1").arg(QLatin1String(channel));
        return nullptr;
    }
    return store;
}

bool ChangeListener::connectAndListen(QString *error)
{
    m_store.reset();
    m_store = openListening(m_db, m_catalogs, Store::ChangesChannel, error);
    if (!m_store)
        return false;
    connect(m_store->driver(), &QSqlDriver::notification, this,
            &ChangeListener::onNotification);
    return true;
}

void ChangeListener::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                    const QVariant &payload)
{
    if (name != QLatin1String(Store::ChangesChannel))
        return;
    bool ok = false;
    const qint64 seq = payload.toString().toLongLong(&ok);
    if (ok && seq > 0)
        emit changed(seq);
}

// A broken connection delivers nothing and says nothing: probe it, reconnect when it fails,
// and hint the feed's head, which covers any notification sent while it was away.
void ChangeListener::check()
{
    std::optional<qint64> seq = m_store ? m_store->maxSeq() : std::nullopt;
    if (!seq) {
        QString error;
        if (!connectAndListen(&error)) {
            qWarning("change listener: cannot reconnect: %s", qPrintable(error));
            return;
        }
        seq = m_store->maxSeq();
    }
    if (seq && *seq > 0)
        emit changed(*seq);
}

} // namespace SupportDesk::Server
