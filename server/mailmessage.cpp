// E-mail parsed and composed with GMime 3 (see mailmessage.h); MIME is never taken apart by hand.
// GLib's headers first: they name struct members `signals`, which Qt's keywords redefine.
#include <gmime/gmime.h>

#include "mailmessage.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRegularExpression>

#include <memory>

namespace SupportDesk::Server {

namespace {

void initGMime()
{
    static const bool done = [] {
        g_mime_init();
        return true;
    }();
    Q_UNUSED(done);
}

struct GObjectUnref
{
    void operator()(gpointer p) const
    {
        if (p)
            g_object_unref(p);
    }
};
template<typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

// The iconv name a label stands for. Chinese mail is often labelled with a narrower charset
// than it uses (gb2312 with GBK's characters, big5 with Microsoft's or Hong Kong's): decode
// with the superset.
QByteArray decoderFor(const QByteArray &label)
{
    const QByteArray l = label.trimmed().toLower();
    if (l.isEmpty() || l == "us-ascii" || l == "ascii")
        return "UTF-8";
    if (l == "gb2312" || l == "gbk" || l == "x-gbk" || l == "cp936" || l == "gb_2312-80"
        || l == "euc-cn" || l == "gb18030")
        return "GB18030";
    if (l == "big5" || l == "x-big5" || l == "cp950")
        return "CP950";
    if (l == "big5-hkscs")
        return "BIG5-HKSCS";
    return g_mime_charset_iconv_name(l.constData());
}

std::optional<QString> convert(const QByteArray &bytes, const QByteArray &charset)
{
    if (charset == "UTF-8") {
        // Only when it is UTF-8: an unlabelled 8-bit body is tried as GB18030 next.
        if (!g_utf8_validate(bytes.constData(), bytes.size(), nullptr))
            return std::nullopt;
        return QString::fromUtf8(bytes);
    }
    gsize written = 0;
    GError *error = nullptr;
    gchar *out = g_convert(bytes.constData(), bytes.size(), "UTF-8", charset.constData(), nullptr,
                           &written, &error);
    if (!out) {
        g_clear_error(&error);
        return std::nullopt;
    }
    QString text = QString::fromUtf8(out, qsizetype(written));
    g_free(out);
    return text;
}

// A text part's bytes as text: its label first, then UTF-8, GB18030 (what unlabelled Chinese
// mail is in practice) and Latin-1, which decodes anything, so no text is ever dropped.
QString decodeText(const QByteArray &bytes, const QByteArray &label)
{
    for (const QByteArray &charset :
         { decoderFor(label), QByteArray("UTF-8"), QByteArray("GB18030") }) {
        if (const std::optional<QString> text = convert(bytes, charset))
            return *text;
    }
    return QString::fromLatin1(bytes);
}

QByteArray partBytes(GMimePart *part)
{
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    if (!content)
        return {};
    GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, stream.get()); // transfer encoding undone
    GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream.get()));
    return QByteArray(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
}

QString header(GMimeObject *object, const char *name)
{
    const char *value = g_mime_object_get_header(object, name);
    return value ? QString::fromUtf8(value).trimmed() : QString();
}

struct Walk
{
    QString plain;
    QString html;
    QVector<MailAttachment> attachments;
    bool report = false;
};

void visit(GMimeObject *, GMimeObject *object, gpointer data)
{
    Walk &walk = *static_cast<Walk *>(data);
    GMimeContentType *type = g_mime_object_get_content_type(object);
    if (GMIME_IS_MULTIPART(object)) {
        if (type && g_mime_content_type_is_type(type, "multipart", "report"))
            walk.report = true;
        return;
    }
    if (!GMIME_IS_PART(object))
        return; // an attached message/rfc822 is walked into by foreach
    GMimePart *part = GMIME_PART(object);
    const bool text = type && g_mime_content_type_is_type(type, "text", "*");
    const bool plain = text && g_mime_content_type_is_type(type, "text", "plain");
    const bool html = text && g_mime_content_type_is_type(type, "text", "html");
    if ((plain || html) && !g_mime_part_is_attachment(part)) {
        QString &into = plain ? walk.plain : walk.html;
        if (into.isEmpty()) { // the first of each; alternatives repeat the same text
            const char *charset = g_mime_object_get_content_type_parameter(object, "charset");
            into = decodeText(partBytes(part), charset ? QByteArray(charset) : QByteArray());
            return;
        }
    }
    MailAttachment a;
    const QByteArray bytes = partBytes(part);
    const char *name = g_mime_part_get_filename(part);
    a.fileName = name ? QString::fromUtf8(name) : QString();
    if (type) {
        char *mime = g_mime_content_type_get_mime_type(type);
        a.contentType = QString::fromUtf8(mime);
        g_free(mime);
    }
    a.size = bytes.size();
    a.data = bytes;
    a.sha256
        = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    walk.attachments.append(a);
}

QString automaticReason(GMimeObject *m, const Walk &walk, const QString &from)
{
    const QString autoSubmitted = header(m, "Auto-Submitted").toLower();
    if (!autoSubmitted.isEmpty() && autoSubmitted != u"no")
        return QStringLiteral("Auto-Submitted: %1").arg(autoSubmitted);
    const QString precedence = header(m, "Precedence").toLower();
    if (precedence == u"bulk" || precedence == u"junk" || precedence == u"list"
        || precedence == u"auto_reply")
        return QStringLiteral("Precedence: %1").arg(precedence);
    if (walk.report)
        return QStringLiteral("multipart/report");
    // A bounce comes with an empty envelope sender (RFC 5321 4.5.5).
    if (const char *rp = g_mime_object_get_header(m, "Return-Path")) {
        if (QString::fromUtf8(rp).remove(u' ') == u"<>")
            return QStringLiteral("Return-Path: <>");
    }
    for (const char *h : { "X-Autoreply", "X-Autorespond" }) {
        const QString v = header(m, h);
        if (!v.isEmpty())
            return QStringLiteral("%1: %2").arg(QLatin1String(h), v);
    }
    const QString local = from.section(u'@', 0, 0);
    if (local == u"mailer-daemon" || local == u"postmaster")
        return QStringLiteral("from %1").arg(from);
    return {};
}

} // namespace

std::optional<InboundMail> parseMail(const QByteArray &raw, QString *problem)
{
    initGMime();
    if (raw.trimmed().isEmpty()) {
        *problem = QStringLiteral("the message is empty");
        return std::nullopt;
    }
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.constData(), raw.size()));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    GMimeParserOptions *options = g_mime_parser_options_new();
    // Headers in raw 8-bit (Foxmail and old Outlook send GBK unencoded): tried in this order.
    const char *fallback[] = { "UTF-8", "GB18030", "CP950", nullptr };
    g_mime_parser_options_set_fallback_charsets(options, fallback);
    GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options));
    if (!message) {
        g_mime_parser_options_free(options);
        *problem = QStringLiteral("not an RFC 5322 message");
        return std::nullopt;
    }
    GMimeObject *object = GMIME_OBJECT(message.get());
    InboundMail mail;
    InternetAddressList *from = g_mime_message_get_from(message.get());
    for (int i = 0; from && i < internet_address_list_length(from); ++i) {
        InternetAddress *a = internet_address_list_get_address(from, i);
        if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
            mail.fromAddress
                = QString::fromUtf8(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)))
                      .toLower();
            const char *name = internet_address_get_name(a);
            mail.fromName = name ? QString::fromUtf8(name) : QString();
            break;
        }
    }
    if (!mail.fromAddress.contains(u'@')) {
        g_mime_parser_options_free(options);
        *problem = QStringLiteral("the message has no From address");
        return std::nullopt;
    }
    const char *id = g_mime_message_get_message_id(message.get());
    mail.messageId = id ? QString::fromUtf8(id).trimmed() : QString();
    if (mail.messageId.isEmpty()) // the same message fed twice is still one message
        mail.messageId
            = QStringLiteral("sha256-%1@mail-ingest")
                  .arg(QString::fromLatin1(
                      QCryptographicHash::hash(raw, QCryptographicHash::Sha256).toHex()));
    for (const char *name : { "In-Reply-To", "References" }) {
        const char *value = g_mime_object_get_header(object, name);
        if (!value)
            continue;
        if (GMimeReferences *refs = g_mime_references_parse(options, value)) {
            for (int i = 0; i < g_mime_references_length(refs); ++i) {
                const QString ref = QString::fromUtf8(g_mime_references_get_message_id(refs, i));
                if (!mail.references.contains(ref))
                    mail.references.append(ref);
            }
            g_mime_references_free(refs);
        }
    }
    g_mime_parser_options_free(options);
    const char *subject = g_mime_message_get_subject(message.get());
    mail.subject = subject ? QString::fromUtf8(subject).simplified() : QString();

    Walk walk;
    g_mime_message_foreach(message.get(), visit, &walk);
    mail.attachments = walk.attachments;
    QString body = walk.plain;
    if (body.trimmed().isEmpty() && !walk.html.isEmpty()) {
        body = htmlToText(walk.html);
        mail.bodyFromHtml = true;
    }
    mail.body = trimQuotedHistory(body);
    mail.automatic = automaticReason(object, walk, mail.fromAddress);
    return mail;
}

QString htmlToText(const QString &html)
{
    QString s = html;
    // The history a mail client quotes under a reply: Gmail's quote, Outlook's reply header,
    // a blockquote. The reply is above it (top posting, as these clients write).
    static const QRegularExpression quoteStart(
        QStringLiteral("<(div[^>]*(gmail_quote|divRplyFwdMsg|appendonsend)|blockquote)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch quote = quoteStart.match(s);
    if (quote.hasMatch() && quote.capturedStart() > 0)
        s.truncate(quote.capturedStart());
    static const QRegularExpression hidden(
        QStringLiteral("<(head|script|style|title)\\b.*?</\\1\\s*>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression comment(QStringLiteral("<!--.*?-->"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression space(QStringLiteral("\\s+"));
    static const QRegularExpression lineBreak(QStringLiteral("<br\\s*/?>"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression blockEnd(
        QStringLiteral("</(p|div|tr|h[1-6]|table|pre|ul|ol)\\s*>"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression item(QStringLiteral("<li\\b[^>]*>"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression cell(QStringLiteral("</t[dh]\\s*>"),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    s.remove(hidden).remove(comment);
    s.replace(space, QStringLiteral(" ")); // HTML's own line breaks are spaces
    s.replace(lineBreak, QStringLiteral("\n"))
        .replace(blockEnd, QStringLiteral("\n"))
        .replace(item, QStringLiteral("\n- "))
        .replace(cell, QStringLiteral("\t"))
        .remove(tag);
    static const QRegularExpression entity(QStringLiteral("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);"));
    static const QHash<QString, QString> named {
        { QStringLiteral("amp"), QStringLiteral("&") },
        { QStringLiteral("lt"), QStringLiteral("<") },
        { QStringLiteral("gt"), QStringLiteral(">") },
        { QStringLiteral("quot"), QStringLiteral("\"") },
        { QStringLiteral("apos"), QStringLiteral("'") },
        { QStringLiteral("nbsp"), QStringLiteral(" ") },
    };
    QString out;
    qsizetype at = 0;
    for (QRegularExpressionMatchIterator it = entity.globalMatch(s); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(s).mid(at, m.capturedStart() - at);
        const QString name = m.captured(1);
        bool ok = false;
        char32_t code = 0;
        if (name.startsWith(u"#x"))
            code = name.mid(2).toUInt(&ok, 16);
        else if (name.startsWith(u'#'))
            code = name.mid(1).toUInt(&ok, 10);
        if (ok && code > 0 && code <= 0x10FFFF)
            out += QString::fromUcs4(&code, 1);
        else
            out += named.value(name.toLower(), m.captured(0));
        at = m.capturedEnd();
    }
    out += QStringView(s).mid(at);
    QStringList lines;
    for (const QString &line : out.split(u'\n')) {
        const QString t = line.trimmed();
        if (!t.isEmpty() || (!lines.isEmpty() && !lines.last().isEmpty()))
            lines.append(t);
    }
    return lines.join(u'\n').trimmed();
}

QString trimQuotedHistory(const QString &text)
{
    static const QRegularExpression cuts[] = {
        QRegularExpression(
            QStringLiteral("^\\s*-{2,}\\s*(Original Message|原始邮件|原始郵件)\\s*-{2,}"),
            QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(QStringLiteral("^\\s*在.{0,200}(写道|寫道)\\s*[：:]\\s*$")),
        QRegularExpression(QStringLiteral("^\\s*_{10,}\\s*$")),
    };
    static const QRegularExpression onWrote(QStringLiteral("^\\s*On\\s.+"));
    static const QRegularExpression wrote(QStringLiteral("wrote:\\s*$"));
    static const QRegularExpression outlookFrom(
        QStringLiteral("^\\s*(From|发件人|寄件者)\\s*[:：]"));
    static const QRegularExpression outlookSent(
        QStringLiteral("^\\s*(Sent|Date|发送时间|日期|寄件日期)\\s*[:：]"));
    const QStringList lines
        = QString(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")).split(u'\n');
    qsizetype end = lines.size();
    for (qsizetype i = 0; i < lines.size() && end == lines.size(); ++i) {
        const QString &line = lines.at(i);
        for (const QRegularExpression &cut : cuts) {
            if (cut.match(line).hasMatch())
                end = i;
        }
        // Gmail wraps a long "On …, Name <address> wrote:" over two lines.
        if (onWrote.match(line).hasMatch()
            && (wrote.match(line).hasMatch()
                || (i + 1 < lines.size() && wrote.match(lines.at(i + 1)).hasMatch())))
            end = i;
        if (outlookFrom.match(line).hasMatch()) {
            for (qsizetype j = i + 1; j < std::min(lines.size(), i + 4); ++j) {
                if (outlookSent.match(lines.at(j)).hasMatch())
                    end = i;
            }
        }
    }
    QStringList kept;
    for (qsizetype i = 0; i < end; ++i) {
        if (!lines.at(i).startsWith(u'>'))
            kept.append(lines.at(i));
    }
    const QString trimmed = kept.join(u'\n').trimmed();
    // A mail that is all quote keeps its text: nothing a customer sent is dropped.
    return trimmed.isEmpty() ? text.trimmed() : trimmed;
}

qint64 subjectTicketNumber(const QString &subject)
{
    static const QRegularExpression tag(QStringLiteral("\\[#(\\d{1,15})\\]"));
    const QRegularExpressionMatch m = tag.match(subject);
    return m.hasMatch() ? m.captured(1).toLongLong() : 0;
}

QByteArray composeMail(const OutboundMail &mail)
{
    initGMime();
    GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
    GMimeObject *object = GMIME_OBJECT(message.get());
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM,
                               mail.fromName.toUtf8().constData(),
                               mail.fromAddress.toUtf8().constData());
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr,
                               mail.toAddress.toUtf8().constData());
    g_mime_message_set_subject(message.get(), mail.subject.toUtf8().constData(), "utf-8");
    g_mime_message_set_message_id(message.get(), mail.messageId.toUtf8().constData());
    if (!mail.references.isEmpty()) {
        const QString last = QStringLiteral("<%1>").arg(mail.references.last());
        g_mime_object_set_header(object, "In-Reply-To", last.toUtf8().constData(), nullptr);
        QStringList refs;
        for (const QString &r : mail.references)
            refs.append(QStringLiteral("<%1>").arg(r));
        g_mime_object_set_header(object, "References", refs.join(u' ').toUtf8().constData(),
                                 nullptr);
    }
    // RFC 3834: an acknowledgement is automatic; a reply an agent wrote is not. Either way the
    // customer's auto-responder is asked to stay quiet (Microsoft's header), so no loop starts.
    g_mime_object_set_header(object, "Auto-Submitted", mail.automatic ? "auto-replied" : "no",
                             nullptr);
    g_mime_object_set_header(object, "X-Auto-Response-Suppress", "All", nullptr);
    const QDateTime date = mail.date.isValid() ? mail.date : QDateTime::currentDateTimeUtc();
    GDateTime *when = g_date_time_new_from_unix_utc(date.toSecsSinceEpoch());
    g_mime_message_set_date(message.get(), when);
    g_date_time_unref(when);

    GMimeTextPart *body = g_mime_text_part_new_with_subtype("plain");
    // Text is CRLF on the wire (RFC 2045's canonical form), inside the base64 too.
    QString text = mail.body;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
        .replace(u'\n', QStringLiteral("\r\n"));
    g_mime_text_part_set_text(body, text.toUtf8().constData());
    g_mime_text_part_set_charset(body, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(body), GMIME_CONTENT_ENCODING_BASE64);
    if (mail.attachments.isEmpty()) {
        g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(body));
    } else {
        GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
        // Not GMime's random boundary: a mail sent again after a crash is the same bytes.
        const QByteArray boundary = "=_sd-"
            + QCryptographicHash::hash(mail.messageId.toUtf8(), QCryptographicHash::Sha256)
                  .toHex()
                  .left(32);
        g_mime_multipart_set_boundary(mixed, boundary.constData());
        g_mime_multipart_add(mixed, GMIME_OBJECT(body));
        for (const OutboundAttachment &a : mail.attachments) {
            const QString type = a.contentType.section(u';', 0, 0).trimmed();
            const QByteArray major = type.section(u'/', 0, 0).toLatin1();
            const QByteArray minor = type.section(u'/', 1, 1).toLatin1();
            GMimePart *part = major.isEmpty() || minor.isEmpty()
                ? g_mime_part_new_with_type("application", "octet-stream")
                : g_mime_part_new_with_type(major.constData(), minor.constData());
            if (a.contentType.startsWith(u"text/"))
                g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
            g_mime_part_set_filename(part, a.name.toUtf8().constData());
            GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(a.data.constData(),
                                                                       a.data.size()));
            GMimeDataWrapper *content
                = g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT);
            g_mime_part_set_content(part, content);
            g_object_unref(content);
            g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
            g_mime_multipart_add(mixed, GMIME_OBJECT(part));
            g_object_unref(part);
        }
        g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(mixed));
        g_object_unref(mixed);
    }
    g_object_unref(body);

    GMimeFormatOptions *format = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(format, GMIME_NEWLINE_FORMAT_DOS);
    char *wire = g_mime_object_to_string(object, format);
    g_mime_format_options_free(format);
    QByteArray out(wire);
    g_free(wire);
    return out;
}

} // namespace SupportDesk::Server
