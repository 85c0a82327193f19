// `supportdesk-server backup FILE` and `restore FILE` for an SQLite store (docs/server.md):
// an online, consistent copy taken while the server writes, and a restore that refuses
// anything but a sound desk database and never overwrites the live file in place.
#pragma once

#include <QString>

namespace SupportDesk::Server {

struct DeskFileFacts
{
    int schemaVersion = 0;
    qint64 lastSeq = 0;
    qint64 tickets = 0;
    // Attachment files copied: by backup, those the copy names (into `<target>.attachments/`);
    // by restore, those the store lacked (from `<source>.attachments/`).
    qint64 attachmentFiles = 0;
};

// Copies the store at `db` to the new file `target` with VACUUM INTO: one read transaction,
// so the copy is the database as of one commit, while the server goes on writing. The copy
// is then checked as restore() would check it, and the attachment files it names are copied
// (each checked against its sha256) into `<target>.attachments/`, as the store keeps them.
bool backupSqlite(const QString &db, const QString &target, DeskFileFacts *facts, QString *error);

// Is `file` an SQLite desk database this program can serve (integrity check, schema version
// known, the tables and sequence there)? Opened read-only; nothing is written.
bool checkDeskFile(const QString &file, DeskFileFacts *facts, QString *error);

// Puts `source` in place of the store at `db`, which no process may have open (the server
// stopped). The old file is kept beside it as `<db>.before-restore-<UTC time>`; the sequence
// is kept at least as high as the old file's, so clients that saw higher ones miss nothing
// written after the restore. `kept` is the old file's new name (empty when there was none).
// The attachment files the source names and the store lacks are copied first from
// `<source>.attachments/`; one found in neither refuses the restore.
bool restoreSqlite(const QString &db, const QString &source, DeskFileFacts *facts, QString *kept,
                   QString *error);

} // namespace SupportDesk::Server
