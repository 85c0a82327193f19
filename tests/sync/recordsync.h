// The end-to-end tests of records a desk edits through its outbox (saved views, macros, service
// use) against the real demo server on loopback: one server per test case, a client per cache
// file, each record read as the desk shows it and as the server's feed holds it.
#pragma once

#include "feedrecords.h"
#include "macro.h"
#include "savedview.h"
#include "serviceuse.h"
#include "syncclient.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>

#include <memory>
#include <optional>

namespace SupportDesk::Testing {

inline QString newRecordId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// How a cache shows and saves one kind of record, and the kind's name in the feed.
template<typename Record>
struct RecordKind;

template<>
struct RecordKind<SavedView>
{
    static QStringView feedKind() { return u"view"; }
    static QVector<SavedView> shown(const TicketCache &cache) { return cache.savedViews(); }
    static bool save(TicketCache &cache, const SavedView &v, bool remove)
    {
        return cache.saveViewEdit(
                makeViewOperation(newRecordId(), v, remove, QDateTime::currentDateTimeUtc()));
    }
};

template<>
struct RecordKind<Macro>
{
    static QStringView feedKind() { return u"macro"; }
    static QVector<Macro> shown(const TicketCache &cache) { return cache.macros(); }
    static bool save(TicketCache &cache, const Macro &m, bool remove)
    {
        return cache.saveMacroEdit(
                makeMacroOperation(newRecordId(), m, remove, QDateTime::currentDateTimeUtc()), m);
    }
};

// Shown per customer: the tests record for the demo's partner Enterprise customer, the one
// whose plan has an IEM and training allowance.
template<>
struct RecordKind<ServiceUse>
{
    static QString customer() { return QStringLiteral("p-northwind"); }
    static QStringView feedKind() { return u"service-use"; }
    static QVector<ServiceUse> shown(const TicketCache &cache)
    {
        return cache.serviceUse(customer());
    }
    static bool save(TicketCache &cache, const ServiceUse &u, bool cancel)
    {
        return cache.saveServiceUseEdit(makeServiceUseOperation(
                newRecordId(), u, cancel, QDateTime::currentDateTimeUtc()));
    }
};

// The demo server of a test case and the cache files of its clients.
class RecordSyncServer
{
public:
    // In demo mode with `backlog` tickets and none new while the test runs (one an hour):
    // empty when it listens, else why not, with its log.
    QString start(int backlog)
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary directory: %1").arg(m_dir.errorString());
        if (!m_server.start(m_dir.filePath(QStringLiteral("server.db")),
                            RealServer::demoArguments(backlog)))
            return QStringLiteral("the demo server did not start:\n%1")
                    .arg(QString::fromUtf8(m_server.log()));
        return {};
    }
    RealServer &server() { return m_server; }
    const RealServer &server() const { return m_server; }
    QString token(const QString &agent) const { return m_server.token(agent); }
    // A cache file no client of the test case has used.
    QString newCachePath()
    {
        return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_caches));
    }
    // An account's records of the kind on the server, by id (a deleted one as its deletion).
    template<typename Record>
    QHash<QString, Record> records(const QString &agent) const
    {
        return feedRecords<Record>(m_server, token(agent), RecordKind<Record>::feedKind());
    }

private:
    QTemporaryDir m_dir;
    RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
    int m_caches = 0;
};

// One desk's cache and sync engine on the server, with its records of one kind.
template<typename Record>
struct RecordClient : SyncClient
{
    using SyncClient::SyncClient;
    // The agent's desk on a cache file of its own.
    RecordClient(RecordSyncServer &server, const QString &agent)
        : SyncClient(server.server(), server.newCachePath(), server.token(agent))
    {
    }
    // As the desk shows it (its unsent edits over the server's copy); none when not there.
    std::optional<Record> record(const QString &id) const
    {
        for (const Record &r : RecordKind<Record>::shown(cache)) {
            if (r.id == id)
                return r;
        }
        return std::nullopt;
    }
    // Saved as the desk saves it: one op in the outbox, shown at once.
    bool save(const Record &r, bool remove = false)
    {
        return RecordKind<Record>::save(cache, r, remove);
    }
    // Saved and sent: applied, none refused, nothing left in the outbox.
    bool saveAndSend(const Record &r, bool remove = false)
    {
        QSignalSpy rejected(engine.get(), &SyncEngine::rejected);
        return save(r, remove) && settle() && rejected.isEmpty() && cache.outbox().isEmpty();
    }
    // The edit saved, the record read as the desk shows it while the edit is on its way, then
    // the server's answer stored: what the desk had read (none when the edit did not go).
    std::optional<Record> saveAndReadBeforeTheAnswer(const Record &edited)
    {
        if (!save(edited))
            return std::nullopt;
        const std::optional<Record> read = record(edited.id);
        return settle() && cache.outbox().isEmpty() ? read : std::nullopt;
    }
};

} // namespace SupportDesk::Testing
