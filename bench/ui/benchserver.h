// What the benchmarks on the real server share: the server's admin commands (seed, add an
// agent) run as a process, and a database seeded with N tickets and a lead to sign in as.
// Needs SUPPORTDESK_SERVER (the server's path), as the benchmarks' CMake entries define it.
#pragma once

#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <cstdio>
#include <cstdlib>

namespace SupportDesk::Bench {

// Runs supportdesk-server with `args` and returns what it printed; a failure ends the bench
// (nothing after it would measure anything).
inline QString serverAdmin(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(SUPPORTDESK_SERVER), args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0) {
        std::fprintf(stderr, "supportdesk-server failed: %s\n",
                     p.readAllStandardError().constData());
        std::exit(1);
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

// `n` tickets seeded into the server database `db` ("seed bulk") and a lead added: the
// lead's token.
inline QString seedWithLead(const QString &db, int n)
{
    serverAdmin({QStringLiteral("--db"), db, QStringLiteral("seed"), QStringLiteral("bulk"),
                 QString::number(n)});
    const QString out = serverAdmin({QStringLiteral("--db"), db, QStringLiteral("agent"),
                                     QStringLiteral("add"), QStringLiteral("--name"),
                                     QStringLiteral("Bench lead"), QStringLiteral("--role"),
                                     QStringLiteral("lead")});
    return QRegularExpression(QStringLiteral("token: (\\S+)")).match(out).captured(1);
}

} // namespace SupportDesk::Bench
