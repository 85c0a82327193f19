// The change feed's pages decoded with simdjson. Tickets and messages (nearly every record of
// a page) are read straight from the parsed document; the rare kinds (customers, agents,
// settings, severity changes) go through the shared Json::fromJson readers, one small object
// each. The readers here answer exactly as Json::fromJson does (the same records, the same
// problems): fuzz_feed decodes every input both ways and stops on any difference. A value this
// build does not know in a field with a fixed set (a newer server's status, language, role…)
// is kept as written and read as unknown, never refused (Json::UnknownValues::Keep).
#include "feedcodec.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace SupportDesk {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// The short values a page repeats on record after record (the ids of customers and agents,
// channel, severity, status, plan, edition, software, tags, a message's ticket and kind): one
// QString per distinct value and page, shared by every record that holds it, instead of a
// conversion from UTF-8 and an allocation for each (docs/cache.md, "Issue 14's 2 s"). The keys
// point into the parser's document, so the table is emptied before each page is parsed.
class Interned
{
public:
    QString get(std::string_view text)
    {
        if (text.size() > MaxLength)
            return toQString(text);
        const auto [it, inserted] = m_strings.try_emplace(text);
        if (inserted)
            it->second = toQString(text);
        return it->second;
    }
    void clear() { m_strings.clear(); }

private:
    static constexpr std::size_t MaxLength = 64; // ids and names; a subject is left alone
    std::unordered_map<std::string_view, QString> m_strings;
};

// The last value of each named field of one object, in one pass over it: QJsonObject keeps
// the last of repeated keys, and this must read what it reads.
template <std::size_t N>
class Slots
{
public:
    // `value` null when the field that should hold the object is missing.
    Slots(const std::array<std::string_view, N> &keys, const element *value) : m_keys(keys)
    {
        object o;
        if (!value || value->get(o) != simdjson::SUCCESS)
            return; // not an object: every field missing, as QJsonValue::toObject() gives
        std::size_t next = 0; // the server writes keys in order: try the next one first
        for (const auto field : o) {
            std::size_t i = next < N && m_keys[next] == field.key ? next : N;
            for (std::size_t k = 0; i == N && k < N; ++k) {
                if (m_keys[k] == field.key)
                    i = k;
            }
            if (i == N)
                continue;
            m_values[i] = field.value;
            m_present[i] = true;
            next = i + 1;
        }
    }
    // Missing or null.
    bool absent(std::size_t i) const
    {
        return !m_present[i] || m_values[i].type() == element_type::NULL_VALUE;
    }
    const element &at(std::size_t i) const { return m_values[i]; }
    std::string_view key(std::size_t i) const { return m_keys[i]; }

private:
    const std::array<std::string_view, N> &m_keys;
    std::array<element, N> m_values {};
    std::array<bool, N> m_present {};
};

// Json::nonNegativeInteger for a simdjson number: Qt holds every JSON number as a double
// (or an integer it converts to one), and the same range and exactness rules apply.
std::optional<qint64> nonNegativeInteger(const element &v)
{
    double d = 0;
    switch (v.type()) {
    case element_type::INT64:
        d = double(int64_t(v));
        break;
    case element_type::UINT64:
        d = double(uint64_t(v));
        break;
    case element_type::DOUBLE:
        d = double(v);
        break;
    default:
        return std::nullopt;
    }
    if (d >= 0 && d <= 9007199254740992.0 && d == std::trunc(d))
        return qint64(d);
    return std::nullopt;
}

// The typed readers of Json::fromJson's Fields, over Slots, with the same problems in the
// same words.
template <std::size_t N>
class Reader
{
public:
    // `interned` (may be null) shares the values read by shared() and sharedStrings().
    Reader(const Slots<N> &fields, QStringList *problems, const QString &path,
           Interned *interned = nullptr)
        : m_fields(fields), m_problems(problems), m_path(path), m_interned(interned)
    {}
    bool ok() const { return m_ok; }

    QString string(std::size_t i, bool required = false)
    {
        const std::optional<std::string_view> t = text(i, required);
        return t ? toQString(*t) : QString();
    }

    // A value many records of a page hold (an id, a code): read as string() reads it.
    QString shared(std::size_t i, bool required = false)
    {
        const std::optional<std::string_view> t = text(i, required);
        if (!t)
            return QString();
        return m_interned ? m_interned->get(*t) : toQString(*t);
    }

    qint64 integer(std::size_t i)
    {
        if (m_fields.absent(i))
            return 0;
        const std::optional<qint64> n = nonNegativeInteger(m_fields.at(i));
        if (!n)
            fail(i, QStringLiteral("must be a non-negative integer"));
        return n.value_or(0);
    }

    QDateTime time(std::size_t i, bool required = false)
    {
        const std::optional<std::string_view> t = text(i, required);
        if (!t || t->empty()) // "" is no time (refused above when required)
            return {};
        const QDateTime at
                = Json::parseTimestamp(QUtf8StringView(t->data(), qsizetype(t->size())));
        if (!at.isValid())
            fail(i, QStringLiteral("must be an ISO 8601 time"));
        return at;
    }

    QStringList strings(std::size_t i, bool shared = false)
    {
        if (m_fields.absent(i))
            return {};
        simdjson::dom::array items;
        if (m_fields.at(i).get(items) != simdjson::SUCCESS) {
            fail(i, QStringLiteral("must be an array of strings"));
            return {};
        }
        QStringList list;
        for (const element item : items) {
            std::string_view text;
            if (item.get(text) != simdjson::SUCCESS) {
                fail(i, QStringLiteral("must be an array of strings"));
                return {};
            }
            list.append(shared && m_interned ? m_interned->get(text) : toQString(text));
        }
        return list;
    }

private:
    // A string field's text: nothing when absent (a failure when required) or not a string;
    // an empty text is a failure when required, and returned either way.
    std::optional<std::string_view> text(std::size_t i, bool required)
    {
        if (m_fields.absent(i)) {
            if (required)
                fail(i, QStringLiteral("is required"));
            return std::nullopt;
        }
        std::string_view value;
        if (m_fields.at(i).get(value) != simdjson::SUCCESS) {
            fail(i, QStringLiteral("must be a string"));
            return std::nullopt;
        }
        if (required && value.empty())
            fail(i, QStringLiteral("must not be empty"));
        return value;
    }

    void fail(std::size_t i, const QString &problem)
    {
        m_ok = false;
        if (!m_problems)
            return;
        const QString key = toQString(m_fields.key(i));
        m_problems->append(QStringLiteral("%1: %2").arg(
                m_path.isEmpty() ? key : m_path + u'.' + key, problem));
    }

    const Slots<N> &m_fields;
    QStringList *m_problems;
    const QString &m_path;
    Interned *m_interned;
    bool m_ok = true;
};

// Json::fromJson(QJsonObject, Ticket *): the same fields, rules and order.
enum TicketField : std::size_t {
    TAssignee, TBody, TChannel, TCreated, TDue, TEdition, TFirstResponse, TFlags, TId, TNumber,
    TPlan, TQuotaReason, TSeq, TSeverity, TSoftware, TSoftwareVersion, TStatus, TSubClient,
    TSubject, TTags, TUpdated, TVersion, TCustomer, TReplyVia, TReplyTo, TReplyIm,
    TMergedInto, TMergedIntoNumber, TMergedFrom, TLinks, TicketFieldCount
};
const std::array<std::string_view, TicketFieldCount> TicketKeys{
    "assignee_id", "body", "channel", "created_at", "due_at", "edition_id",
    "first_response_at", "flags", "id", "number", "plan_id", "quota_override_reason", "seq",
    "severity", "software", "software_version", "status", "sub_client", "subject", "tags",
    "updated_at", "version", "customer_id", "reply_via", "reply_to", "reply_im",
    "merged_into", "merged_into_number", "merged_from", "links"};

bool readTicket(const element *data, Ticket *t, QStringList *problems, const QString &path,
                Interned *interned)
{
    const Slots<TicketFieldCount> fields(TicketKeys, data);
    Reader f(fields, problems, path, interned);
    t->id = f.string(TId, true);
    t->number = f.integer(TNumber);
    t->customerId = f.shared(TCustomer, true);
    t->subClient = f.shared(TSubClient);
    t->subject = f.string(TSubject);
    t->body = f.string(TBody);
    t->channel = f.shared(TChannel, true);
    t->severity = f.shared(TSeverity, true);
    t->status = f.shared(TStatus, true); // a newer server's status is kept (docs/api.md)
    t->assigneeId = f.shared(TAssignee);
    t->planId = f.shared(TPlan, true);
    t->editionId = f.shared(TEdition, true);
    t->createdAt = f.time(TCreated, true);
    t->firstResponseAt = f.time(TFirstResponse);
    t->dueAt = f.time(TDue);
    t->updatedAt = f.time(TUpdated);
    t->software = f.shared(TSoftware);
    t->softwareVersion = f.shared(TSoftwareVersion);
    t->flags = f.strings(TFlags, true);
    t->tags = f.strings(TTags, true);
    t->quotaOverrideReason = f.string(TQuotaReason);
    t->reply.via = f.shared(TReplyVia);
    t->reply.to = f.string(TReplyTo);
    t->reply.im = f.string(TReplyIm);
    t->mergedInto = f.string(TMergedInto);
    t->mergedIntoNumber = f.integer(TMergedIntoNumber);
    t->mergedFrom = f.strings(TMergedFrom);
    t->links = f.strings(TLinks);
    t->version = f.integer(TVersion);
    t->seq = f.integer(TSeq);
    return f.ok();
}

// Json::fromJson(QJsonObject, Message *).
enum MessageField : std::size_t {
    MArgs, MAuthor, MBody, MCreated, MEvent, MId, MKind, MSeq, MTicket, MessageFieldCount
};
const std::array<std::string_view, MessageFieldCount> MessageKeys{
    "args", "author_id", "body", "created_at", "event", "id", "kind", "seq", "ticket_id"};

bool readMessage(const element *data, Message *m, QStringList *problems, const QString &path,
                 Interned *interned)
{
    const Slots<MessageFieldCount> fields(MessageKeys, data);
    Reader f(fields, problems, path, interned);
    m->id = f.string(MId, true);
    m->ticketId = f.shared(MTicket, true);
    m->kind = f.shared(MKind, true); // a newer server's kind is kept (docs/api.md)
    m->authorId = f.shared(MAuthor);
    m->body = f.string(MBody);
    m->createdAt = f.time(MCreated, true);
    m->seq = f.integer(MSeq);
    m->event = f.shared(MEvent);
    m->args = f.strings(MArgs);
    return f.ok();
}

// A rare record, read by the one reader the server and the rest of the client use.
QJsonObject toQtObject(const element *data)
{
    if (!data || data->type() != element_type::OBJECT)
        return {};
    const std::string text = simdjson::minify(*data);
    return QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())))
            .object();
}

enum PageField : std::size_t { PChanges, PHasMore, PLastSeq, PServerTime, PageFieldCount };
const std::array<std::string_view, PageFieldCount> PageKeys{"changes", "has_more", "last_seq",
                                                            "server_time"};
enum RecordField : std::size_t { RData, RKind, RSeq, RecordFieldCount };
const std::array<std::string_view, RecordFieldCount> RecordKeys{"data", "kind", "seq"};

} // namespace

struct FeedDecoder::Parser
{
    simdjson::dom::parser parser;
    Interned interned; // this page's; its keys point into the parser's document
};

FeedDecoder::FeedDecoder() : m_parser(std::make_unique<Parser>()) {}
FeedDecoder::~FeedDecoder() = default;

FeedDecoder::Status FeedDecoder::decode(const QByteArray &bytes, qint64 after, FeedPage *page,
                                        QString *error, QStringList *problems)
{
    *page = FeedPage();
    page->lastSeq = after;
    m_parser->interned.clear(); // before the document its keys point into is replaced
    element doc;
    // simdjson reads past the end in blocks; it copies the page into padded memory itself.
    if (const auto code = m_parser->parser.parse(bytes.constData(), std::size_t(bytes.size()))
                                  .get(doc)) {
        *error = QString::fromUtf8(simdjson::error_message(code));
        return Status::Unreadable;
    }
    if (doc.type() != element_type::OBJECT) {
        *error = QStringLiteral("the reply is not a JSON object");
        return Status::Unreadable;
    }
    const Slots<PageFieldCount> top(PageKeys, &doc);
    std::string_view serverTime;
    if (!top.absent(PServerTime) && top.at(PServerTime).get(serverTime) == simdjson::SUCCESS)
        page->serverTime = Json::parseTimestamp(
                QUtf8StringView(serverTime.data(), qsizetype(serverTime.size())));
    bool more = false;
    if (!top.absent(PHasMore) && top.at(PHasMore).get(more) == simdjson::SUCCESS)
        page->hasMore = more;

    QStringList found;
    simdjson::dom::array changes;
    const bool haveChanges = !top.absent(PChanges)
            && top.at(PChanges).get(changes) == simdjson::SUCCESS;
    // A default dom::array is no array to iterate: only the page's own is.
    if (haveChanges) {
        page->tickets.reserve(qsizetype(changes.size()));
        qsizetype index = 0;
        for (const element change : changes) {
            const qsizetype i = index++;
            const Slots<RecordFieldCount> record(RecordKeys, &change);
            if (!record.absent(RSeq)) {
                page->lastSeq = std::max(page->lastSeq,
                                         nonNegativeInteger(record.at(RSeq)).value_or(0));
            }
            std::string_view kind;
            if (record.absent(RKind) || record.at(RKind).get(kind) != simdjson::SUCCESS)
                continue; // no kind the cache keeps
            // The path is made only for a record that has a problem: most pages have none.
            const auto path = [i] { return QStringLiteral("changes[%1].data").arg(i); };
            const element *data = record.absent(RData) ? nullptr : &record.at(RData);
            Interned *interned = &m_parser->interned;
            const auto read = [&](auto reader, auto *value) {
                if (reader(data, value, nullptr, QString(), interned))
                    return true;
                reader(data, value, &found, path(), interned);
                return false;
            };
            if (kind == "ticket") {
                Ticket t;
                if (read(readTicket, &t))
                    page->tickets.append(std::move(t));
            } else if (kind == "message") {
                Message m;
                if (read(readMessage, &m))
                    page->messages.append(std::move(m));
            } else if (kind == "customer") {
                Customer c;
                if (Json::fromJson(toQtObject(data), &c, &found, path()))
                    page->customers.append(c);
            } else if (kind == "agent") {
                Agent a;
                if (Json::fromJson(toQtObject(data), &a, &found, path()))
                    page->agents.append(a);
            } else if (kind == "settings") {
                TeamSettings s;
                if (Json::fromJson(toQtObject(data), &s, &found, path()))
                    page->settings = s;
            } else if (kind == "severity_change") {
                // The cache keeps them by id, so the feed's must have one.
                SeverityChange c;
                if (Json::fromJson(toQtObject(data), &c, &found, path())) {
                    if (c.id.isEmpty())
                        found.append(QStringLiteral("%1.id: is required").arg(path()));
                    else
                        page->severityChanges.append(c);
                }
            } else if (kind == "attachment") {
                AttachmentRecord a;
                QString problem;
                if (AttachmentRecord::fromJson(toQtObject(data), &a, &problem))
                    page->attachments.append(std::move(a));
                else
                    page->attachmentProblems.append(path() + u'.' + problem);
            } else if (kind == "macro") {
                Macro m;
                if (Json::fromJson(toQtObject(data), &m, &found, path()))
                    page->macros.append(m);
            } else if (kind == "service-use") {
                ServiceUse u;
                if (Json::fromJson(toQtObject(data), &u, &found, path()))
                    page->serviceUse.append(u);
            } else if (kind == "view") {
                SavedView v;
                if (Json::fromJson(toQtObject(data), &v, &found, path()))
                    page->views.append(v);
            }
            // Other kinds are history the cache does not keep.
        }
    }
    if (!top.absent(PLastSeq))
        page->lastSeq = std::max(page->lastSeq, nonNegativeInteger(top.at(PLastSeq)).value_or(0));
    if (!found.isEmpty()) {
        *problems = found;
        page->tickets.clear();
        page->messages.clear();
        page->customers.clear();
        page->agents.clear();
        page->settings.reset();
        page->severityChanges.clear();
        page->attachments.clear();
        page->attachmentProblems.clear();
        page->macros.clear();
        page->views.clear();
        return Status::BadRecords;
    }
    return Status::Ok;
}

} // namespace SupportDesk
