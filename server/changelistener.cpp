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

bool ChangeListener::connectAndListen(QString *error)
{
    m_store.reset();
    std::unique_ptr<Store> store = Store::open(m_db, m_catalogs, error);
    if (!store)
        return false;
    QSqlDriver *driver = store->driver();
    if (!driver->subscribeToNotification(QLatin1String(Store::ChangesChannel))) {
        *error = QStringLiteral("cannot LISTEN on %1").arg(QLatin1String(Store::ChangesChannel));
        return false;
    }
    connect(driver, &QSqlDriver::notification, this, &ChangeListener::onNotification);
    m_store = std::move(store);
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
