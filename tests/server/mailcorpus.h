// The e-mail corpus of tests/server/mail as another sender wrote it, for tests that feed
// `mail-ingest` (tst_triage, tst_triage_demo): MAIL_CORPUS is the corpus's directory.
#pragma once

#include <QByteArrayList>
#include <QFile>

#ifndef MAIL_CORPUS
#error "MAIL_CORPUS (tests/server/mail) must be defined by the test's target"
#endif

namespace SupportDesk::Testing {

// A corpus mail with its From and Message-ID replaced; empty when it cannot be read.
inline QByteArray corpusMailFrom(const char *file, const QByteArray &from,
                                 const QByteArray &messageId)
{
    QFile f(QStringLiteral(MAIL_CORPUS "/") + QLatin1String(file));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArrayList lines = f.readAll().split('\n');
    for (QByteArray &line : lines) {
        if (line.startsWith("From:"))
            line = "From: " + from;
        else if (line.startsWith("Message-ID:"))
            line = "Message-ID: <" + messageId + '>';
    }
    return lines.join('\n');
}

} // namespace SupportDesk::Testing
