// The SQLite commit watch (see commitwatch.h).
#include "commitwatch.h"

namespace SupportDesk::Server {

CommitWatch::CommitWatch(const QString &db, const CatalogSet *catalogs, int intervalMs,
                         QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_catalogs(catalogs)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &CommitWatch::check);
}

CommitWatch::~CommitWatch() = default;

bool CommitWatch::start(QString *error)
{
    m_store = Store::open(m_db, m_catalogs, error);
    if (!m_store)
        return false;
    const std::optional<qint64> version = m_store->dataVersion();
    const std::optional<qint64> seq = m_store->maxSeq();
    if (!version || !seq) {
        *error = QStringLiteral("cannot watch the database for commits: %1")
                     .arg(m_store->lastError());
        return false;
    }
    m_version = *version;
    m_seq = *seq;
    m_mailHead = m_store->mailOutboxHead().value_or(0);
    m_timer.start();
    return true;
}

void CommitWatch::check()
{
    const std::optional<qint64> version = m_store->dataVersion();
    if (!version || *version == m_version) {
        if (!version && !std::exchange(m_failing, true))
            qWarning("commit watch: %s", qPrintable(m_store->lastError()));
        return;
    }
    m_version = *version;
    // One more index probe a change: the outbox's last row moved when the commit queued mail.
    if (const std::optional<qint64> head = m_store->mailOutboxHead();
        head && *head > m_mailHead) {
        m_mailHead = *head;
        emit mailQueued();
    }
    const std::optional<qint64> seq = m_store->maxSeq();
    if (!seq) {
        if (!std::exchange(m_failing, true))
            qWarning("commit watch: %s", qPrintable(m_store->lastError()));
        m_version = -1; // asked again at the next interval
        return;
    }
    m_failing = false;
    if (*seq > m_seq) {
        m_seq = *seq;
        emit changed(*seq);
    }
}

} // namespace SupportDesk::Server
