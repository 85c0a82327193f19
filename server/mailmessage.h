// E-mail as the desk reads and writes it (docs/mail.md): one RFC 5322 message parsed with GMime
// into what a ticket needs, and the desk's own mail composed for SMTP.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace SupportDesk::Server {

struct MailAttachment
{
    QString fileName; // as the sender named it, decoded
    QString contentType; // as the sender labelled it
    qint64 size = 0;
    QString sha256; // hex of the decoded content
    QByteArray data; // the decoded content
};

struct InboundMail
{
    QString messageId; // without <>; made from the content's hash when the mail has none
    QStringList references; // In-Reply-To first, then References, newest last
    QString fromAddress; // lower case
    QString fromName;
    QString subject;
    QString body; // readable text, the quoted history trimmed
    bool bodyFromHtml = false;
    QVector<MailAttachment> attachments;
    // Why it must open no ticket and start no mail loop (RFC 3834 and its practice): empty
    // when a person wrote it.
    QString automatic;
};

// Parses one message; nullopt (and `problem`) for what is no message at all.
std::optional<InboundMail> parseMail(const QByteArray &raw, QString *problem);

// The text a reader wrote, without the history a mail client quoted under it: "On … wrote:",
// "在 … 写道：", Outlook's "-----Original Message-----" / "From: … Sent:" block, "> " lines.
QString trimQuotedHistory(const QString &text);
// Readable text of an HTML body: blocks and <br> as line breaks, entities decoded, no markup.
QString htmlToText(const QString &html);
// `[#1234]` in a subject: the ticket number, or 0.
qint64 subjectTicketNumber(const QString &subject);

// A file sent as a part of the desk's mail (a reply's attachment).
struct OutboundAttachment
{
    QString name; // already sanitised
    QString contentType; // the server's sniffed type
    QByteArray data;
};

struct OutboundMail
{
    QString fromAddress;
    QString fromName;
    QString toAddress;
    QString subject;
    QString body;
    QString messageId; // without <>
    QStringList references; // without <>, oldest first; the last is In-Reply-To
    bool automatic = false; // an acknowledgement: Auto-Submitted: auto-replied (RFC 3834)
    QDateTime date;
    QVector<OutboundAttachment> attachments; // none: one text/plain part
};

// The message as SMTP carries it: CRLF line ends, 7-bit (headers RFC 2047, body base64 UTF-8);
// with attachments multipart/mixed, the text first, each file base64 with its name (RFC 2231)
// and a boundary made from the Message-ID, so the same mail composed again is the same bytes.
QByteArray composeMail(const OutboundMail &mail);

} // namespace SupportDesk::Server
