// Online backup and restore of an SQLite store (see backup.h).
#include "backup.h"

#include "attachment.h"
#include "store.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSaveFile>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

namespace SupportDesk::Server {

namespace {

// A connection of its own, removed when it goes out of scope.
class Connection
{
public:
    Connection(const QString &file, const QString &options)
        : m_name(QStringLiteral("backup-%1").arg(QUuid::createUuid().toString(QUuid::Id128)))
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(file);
        m_db.setConnectOptions(options);
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

bool sqlFails(QSqlQuery &q, const QString &what, QString *error)
{
    *error = QStringLiteral("%1: %2").arg(what, q.lastError().text());
    return false;
}

// Where the store at `db` keeps its attachments' bytes (Store::attachmentDir()).
QString filesOf(const QString &db)
{
    return db + QStringLiteral(".attachments");
}

QString blobPath(const QString &dir, const QString &sha256)
{
    return dir + u'/' + sha256.left(2) + u'/' + sha256;
}

// The sha256 of every attachment the desk database `file` names (none before schema 7).
bool namedBlobs(const QString &file, QStringList *shas, QString *error)
{
    Connection c(file, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
    if (!c.db().open()) {
        *error = QStringLiteral("%1: %2").arg(file, c.db().lastError().text());
        return false;
    }
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'attachments'")))
        return sqlFails(q, file, error);
    if (!q.next())
        return true;
    if (!q.exec(QStringLiteral("SELECT DISTINCT sha256 FROM attachments ORDER BY sha256")))
        return sqlFails(q, file, error);
    while (q.next()) {
        const QString sha = q.value(0).toString();
        // The name becomes a path: anything but 64 hex digits is a damaged row, not a file.
        if (!isSha256(sha)) {
            *error = QStringLiteral("%1 names an attachment by '%2', not a sha256")
                         .arg(file, sha.left(80));
            return false;
        }
        shas->append(sha);
    }
    return true;
}

// Copies one attachment's bytes to `to` (a new file, written whole and synced, then renamed
// into place, as the store writes them), checking on the way that they still hash to their
// name: a backup never carries a damaged file silently. `owner` (uid, gid) is given to the
// new file and to a directory made for it, so a restore run as root leaves the service's
// files the service's.
bool copyBlob(const QString &from, const QString &to, const QString &sha256,
              const struct stat *owner, QString *error)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(from, in.errorString());
        return false;
    }
    const QString dir = QFileInfo(to).path();
    const bool made = !QFileInfo::exists(dir);
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return false;
    }
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(to, out.errorString());
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() && in.error() != QFile::NoError) {
            *error = QStringLiteral("%1: %2").arg(from, in.errorString());
            return false;
        }
        hash.addData(chunk);
        if (out.write(chunk) != chunk.size()) {
            *error = QStringLiteral("%1: %2").arg(to, out.errorString());
            return false;
        }
    }
    if (QString::fromLatin1(hash.result().toHex()) != sha256) {
        out.cancelWriting();
        *error = QStringLiteral("%1 is damaged: its bytes do not hash to its name").arg(from);
        return false;
    }
    if (!out.flush() || ::fsync(out.handle()) != 0 || !out.commit()) {
        *error = QStringLiteral("%1: %2").arg(to, out.errorString());
        return false;
    }
    if (owner) {
        if (made)
            [[maybe_unused]] const int d
                = ::chown(QFile::encodeName(dir).constData(), owner->st_uid, owner->st_gid);
        [[maybe_unused]] const int f
            = ::chown(QFile::encodeName(to).constData(), owner->st_uid, owner->st_gid);
    }
    return true;
}

} // namespace

bool checkDeskFile(const QString &file, DeskFileFacts *facts, QString *error)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(file, f.errorString());
        return false;
    }
    if (f.read(16) != QByteArray("SQLite format 3\0", 16)) {
        *error = QStringLiteral("%1 is not an SQLite database").arg(file);
        return false;
    }
    f.close();
    Connection c(file, QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
    if (!c.db().open()) {
        *error = QStringLiteral("%1: %2").arg(file, c.db().lastError().text());
        return false;
    }
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return sqlFails(q, file, error);
    QStringList problems;
    while (q.next())
        problems.append(q.value(0).toString());
    if (problems != QStringList { QStringLiteral("ok") }) {
        *error = QStringLiteral("%1 is damaged: %2")
                     .arg(file, problems.mid(0, 3).join(QStringLiteral("; ")));
        return false;
    }
    for (const char *table : { "schema_version", "meta", "records", "tickets", "agents",
                               "customers", "messages", "applied_ops", "audit" }) {
        q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
        q.addBindValue(QString::fromLatin1(table));
        if (!q.exec())
            return sqlFails(q, file, error);
        if (!q.next()) {
            *error = QStringLiteral("%1 is not a SupportDesk desk database (no table %2)")
                         .arg(file, QString::fromLatin1(table));
            return false;
        }
    }
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next())
        return sqlFails(q, file, error);
    facts->schemaVersion = q.value(0).toInt();
    if (facts->schemaVersion < 1 || facts->schemaVersion > Store::SchemaVersion) {
        *error = QStringLiteral("%1 has schema version %2; this program knows 1 to %3")
                     .arg(file)
                     .arg(facts->schemaVersion)
                     .arg(Store::SchemaVersion);
        return false;
    }
    if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")))
        return sqlFails(q, file, error);
    if (!q.next()) {
        *error = QStringLiteral("%1 has no sequence (meta last_seq)").arg(file);
        return false;
    }
    facts->lastSeq = q.value(0).toLongLong();
    // A copy of one moment: no record is stamped after the sequence it says it reached.
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM records")) || !q.next())
        return sqlFails(q, file, error);
    if (q.value(0).toLongLong() > facts->lastSeq) {
        *error = QStringLiteral("%1 is inconsistent: a record has seq %2 past last_seq %3")
                     .arg(file)
                     .arg(q.value(0).toLongLong())
                     .arg(facts->lastSeq);
        return false;
    }
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets")) || !q.next())
        return sqlFails(q, file, error);
    facts->tickets = q.value(0).toLongLong();
    return true;
}

bool backupSqlite(const QString &db, const QString &target, DeskFileFacts *facts, QString *error)
{
    if (!QFileInfo::exists(db)) {
        *error = QStringLiteral("%1 does not exist").arg(db);
        return false;
    }
    for (const QString &path : { target, filesOf(target) }) {
        if (QFileInfo::exists(path)) {
            *error = QStringLiteral("%1 exists; a backup never overwrites a file").arg(path);
            return false;
        }
    }
    {
        Connection c(db, QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!c.db().open()) {
            *error = QStringLiteral("%1: %2").arg(db, c.db().lastError().text());
            return false;
        }
        QSqlQuery q(c.db());
        // One read transaction over the WAL: the server's writers are not held up.
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(target);
        if (!q.exec()) {
            QFile::remove(target);
            return sqlFails(q, QStringLiteral("backup to %1").arg(target), error);
        }
    }
    const auto abandon = [&] {
        QFile::remove(target);
        QDir(filesOf(target)).removeRecursively();
        return false;
    };
    if (!checkDeskFile(target, facts, error))
        return abandon();
    // The files the copy names, beside it. Files are only ever added and each is in place
    // before the row naming it commits, so every one the copy's rows name is there now.
    QStringList shas;
    if (!namedBlobs(target, &shas, error))
        return abandon();
    for (const QString &sha : shas) {
        if (!copyBlob(blobPath(filesOf(db), sha), blobPath(filesOf(target), sha), sha, nullptr,
                      error))
            return abandon();
    }
    facts->attachmentFiles = shas.size();
    return true;
}

bool restoreSqlite(const QString &db, const QString &source, DeskFileFacts *facts, QString *kept,
                   QString *error)
{
    kept->clear();
    if (!checkDeskFile(source, facts, error))
        return false;
    const QFileInfo live(db);
    const QString temporary = db + QStringLiteral(".restoring");
    QFile::remove(temporary);
    qint64 oldSeq = 0;
    {
        // The copy first, into a new file beside the store (same file system, for the rename).
        Connection from(source, QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!from.db().open()) {
            *error = QStringLiteral("%1: %2").arg(source, from.db().lastError().text());
            return false;
        }
        QSqlQuery q(from.db());
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(temporary);
        if (!q.exec())
            return sqlFails(q, QStringLiteral("copy to %1").arg(temporary), error);
    }
    const auto abandon = [&](const QString &message) {
        QFile::remove(temporary);
        *error = message;
        return false;
    };
    std::optional<Connection> old;
    if (live.exists()) {
        // No process may have the store open: in WAL mode every open connection holds a shared
        // lock on the file, so an exclusive one is had only when the server is stopped. It is
        // held until the file has been moved aside.
        old.emplace(db, QStringLiteral("QSQLITE_BUSY_TIMEOUT=0"));
        if (!old->db().open())
            return abandon(QStringLiteral("%1: %2").arg(db, old->db().lastError().text()));
        QSqlQuery q(old->db());
        if (!q.exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"))
            || !q.exec(QStringLiteral("BEGIN EXCLUSIVE")))
            return abandon(QStringLiteral("%1 is in use: stop the server first "
                                          "(systemctl stop supportdesk-server)")
                               .arg(db));
        if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'last_seq'")) && q.next())
            oldSeq = q.value(0).toLongLong();
        q.exec(QStringLiteral("COMMIT"));
        // Everything of the old store into its main file, so moving that file keeps it whole.
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
            return abandon(QStringLiteral("%1: %2").arg(db, q.lastError().text()));
    }
    {
        Connection fresh(temporary, QString());
        if (!fresh.db().open())
            return abandon(fresh.db().lastError().text());
        QSqlQuery q(fresh.db());
        q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'last_seq' AND value < ?"));
        q.addBindValue(oldSeq);
        q.addBindValue(oldSeq);
        if (!q.exec() || !q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return abandon(QStringLiteral("%1: %2").arg(temporary, q.lastError().text()));
    }
    {
        // The backup's files into the store's (before the store names them): those it lacks
        // are copied from beside the backup. They are named by their bytes, so adding them
        // changes nothing the old store reads. A file found in neither refuses the restore:
        // the restored tickets would name bytes that are nowhere.
        QStringList shas;
        QString failed;
        if (!namedBlobs(temporary, &shas, &failed))
            return abandon(failed);
        struct stat owner = {};
        const bool owned = ::stat(QFile::encodeName(live.exists() ? db : live.absolutePath())
                                      .constData(),
                                  &owner)
            == 0;
        QStringList missing;
        for (const QString &sha : shas) {
            const QString to = blobPath(filesOf(db), sha);
            if (QFileInfo::exists(to))
                continue;
            const QString from = blobPath(filesOf(source), sha);
            if (!QFileInfo::exists(from)) {
                missing.append(sha);
                continue;
            }
            if (!QFileInfo::exists(filesOf(db))) {
                if (!QDir().mkpath(filesOf(db)))
                    return abandon(QStringLiteral("cannot create %1").arg(filesOf(db)));
                if (owned) {
                    [[maybe_unused]] const int r = ::chown(
                        QFile::encodeName(filesOf(db)).constData(), owner.st_uid, owner.st_gid);
                }
            }
            if (!copyBlob(from, to, sha, owned ? &owner : nullptr, &failed))
                return abandon(failed);
            ++facts->attachmentFiles;
        }
        if (!missing.isEmpty())
            return abandon(QStringLiteral("attachment files the backup names are in neither "
                                          "%1 nor %2: %3 (the first: %4)")
                               .arg(filesOf(source), filesOf(db))
                               .arg(missing.size())
                               .arg(missing.first()));
    }
    if (live.exists()) {
        // The service's user must keep owning its store when root restores it.
        struct stat st = {};
        if (::stat(QFile::encodeName(db).constData(), &st) == 0) {
            [[maybe_unused]] const int r
                = ::chown(QFile::encodeName(temporary).constData(), st.st_uid, st.st_gid);
            ::chmod(QFile::encodeName(temporary).constData(), st.st_mode & 07777);
        }
        *kept = db + QStringLiteral(".before-restore-")
            + QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        if (::rename(QFile::encodeName(db).constData(), QFile::encodeName(*kept).constData())
            != 0) {
            kept->clear();
            return abandon(QStringLiteral("cannot move %1 aside").arg(db));
        }
        old.reset(); // closes it: the lock goes, and the emptied -wal and -shm with it
        QFile::remove(db + QStringLiteral("-wal"));
        QFile::remove(db + QStringLiteral("-shm"));
    }
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(db).constData()) != 0)
        return abandon(QStringLiteral("cannot move %1 to %2").arg(temporary, db));
    facts->lastSeq = std::max(facts->lastSeq, oldSeq);
    return true;
}

} // namespace SupportDesk::Server
