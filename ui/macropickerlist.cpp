// The picker's macros, read ahead (see macropickerlist.h).
#include "macropickerlist.h"

#include "desksession.h"

#include <QThread>

#include <atomic>
#include <memory>

namespace SupportDesk {

MacroReadAhead *MacroReadAhead::of(DeskSession *session)
{
    if (auto *found = session->findChild<MacroReadAhead *>(QString(), Qt::FindDirectChildrenOnly))
        return found;
    return new MacroReadAhead(session);
}

MacroReadAhead::MacroReadAhead(DeskSession *session)
    : QObject(session)
    , m_session(session)
{
    // The cache of the last run holds its macros already; signing in (another account's
    // cache), the initial sync's end and every sync that wrote macros change them.
    // Another account's cache may have come in at the same path, with a stamp of its own
    // that could equal the one held: the list held goes, and a read under way is not taken.
    const auto startOver = [this] {
        ++m_generation;
        m_stamp = -1;
        m_macros.clear();
        readAhead();
    };
    connect(session, &DeskSession::signedIn, this, startOver);
    connect(session, &DeskSession::signedOut, this, startOver);
    connect(session, &DeskSession::cacheReset, this, startOver);
    connect(session, &DeskSession::idle, this, &MacroReadAhead::readAhead);
    readAhead();
}

MacroReadAhead::~MacroReadAhead()
{
    // Its list goes nowhere; the file stays open for it until it is done.
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
    }
}

bool MacroReadAhead::isCurrent() const
{
    return m_stamp >= 0 && m_stamp == m_session->cache()->macrosStamp();
}

QVector<Macro> MacroReadAhead::macros()
{
    TicketCache *cache = m_session->cache();
    const qint64 stamp = cache->macrosStamp();
    if (stamp != m_stamp) {
        // Written since the read ahead (or none yet): read here, as the picker must show it.
        ++m_readsHere;
        m_macros = cache->macros();
        m_stamp = stamp;
    }
    return m_macros;
}

void MacroReadAhead::readAhead()
{
    TicketCache *cache = m_session->cache();
    const QString path = cache->path();
    if (!cache->isOpen() || path.isEmpty() || path == QLatin1String(":memory:"))
        return;
    if (m_thread) {
        m_again = true;
        return;
    }
    // One small read here (a sync value) saves the whole read when nothing changed.
    if (m_stamp >= 0 && cache->macrosStamp() == m_stamp)
        return;
    static std::atomic<quint64> connections { 0 };
    const QString connection = QStringLiteral("macro-read-%1").arg(++connections);
    struct Read
    {
        qint64 stamp = -1;
        QVector<Macro> macros;
    };
    auto read = std::make_shared<Read>();
    m_thread = QThread::create([path, connection, read] {
        TicketCache mine(connection);
        if (mine.open(path) != TicketCache::OpenStatus::Ok)
            return;
        // The stamp first: a macro written between the two reads makes the list newer than
        // its stamp, which only costs one read more.
        read->stamp = mine.macrosStamp();
        read->macros = mine.macros();
    });
    m_thread->setObjectName(QStringLiteral("macro-read-ahead"));
    connect(m_thread, &QThread::finished, this, [this, read, generation = m_generation] {
        m_thread->deleteLater();
        m_thread = nullptr;
        if (read->stamp >= 0 && generation == m_generation) {
            ++m_readsAhead;
            m_macros = std::move(read->macros);
            m_stamp = read->stamp;
            emit listRead();
        }
        if (std::exchange(m_again, false) || generation != m_generation)
            readAhead();
    });
    m_thread->start();
}

} // namespace SupportDesk
