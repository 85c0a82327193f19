// JSON codecs for the desk's records (field names: docs/api.md).
#include "domain.h"
#include "tag.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QUuid>

#include <cmath>

namespace SupportDesk {

qint64 Json::nonNegativeInteger(const QJsonValue &v, bool *ok)
{
    const double d = v.toDouble();
    // The range first: the comparison with its truncation converts, so it must be in range.
    const bool exact = v.isDouble() && d >= 0 && d <= 9007199254740992.0 && d == std::trunc(d);
    if (ok)
        *ok = exact;
    return exact ? qint64(d) : 0;
}

const QStringList &TicketStatus::all()
{
    static const QStringList statuses{New, Accepted, WaitingOnCustomer, Resolved, Closed};
    return statuses;
}

const QStringList &MessageKind::all()
{
    static const QStringList kinds{Public, Internal, System, Customer};
    return kinds;
}

bool TicketStatus::isOpen(QStringView status)
{
    return status != Resolved && status != Closed;
}

QString statusId(TicketState status)
{
    return TicketStatus::all().at(int(status));
}

std::optional<TicketState> parseStatus(QStringView id)
{
    const QStringList &ids = TicketStatus::all();
    for (int i = 0; i < ids.size(); ++i) {
        if (ids.at(i) == id)
            return TicketState(i);
    }
    return std::nullopt;
}

const QStringList &roleIds()
{
    // In AgentRole's order.
    static const QStringList list{QStringLiteral("agent"), QStringLiteral("lead"),
                                  QStringLiteral("admin"), QStringLiteral("service")};
    return list;
}

namespace CustomerLanguage {

const QStringList &ids()
{
    static const QStringList list { Chinese, English };
    return list;
}

std::optional<Language> fromId(QStringView id)
{
    if (id == Chinese)
        return Language::Chinese;
    if (id == English)
        return Language::English;
    return std::nullopt;
}

} // namespace CustomerLanguage

QString roleId(AgentRole role)
{
    return role == AgentRole::Unknown ? QString() : roleIds().at(int(role));
}

std::optional<AgentRole> parseRole(QStringView id)
{
    const QStringList &ids = roleIds();
    for (int i = 0; i < ids.size(); ++i) {
        if (ids.at(i) == id)
            return AgentRole(i);
    }
    return std::nullopt;
}

QString roleId(const Agent &agent)
{
    return agent.role == AgentRole::Unknown ? agent.unknownRole : roleId(agent.role);
}

bool takesTickets(AgentRole role)
{
    return role == AgentRole::Agent || role == AgentRole::Lead;
}

bool leadsTeam(AgentRole role)
{
    return role == AgentRole::Lead || role == AgentRole::Admin;
}

bool readsTheDesk(AgentRole role)
{
    return role != AgentRole::Service;
}

bool OperationResult::isKnownResult() const
{
    return result == OpResult::Applied || result == OpResult::Duplicate
            || result == OpResult::Conflict || result == OpResult::Rejected;
}

bool overridesQuota(AgentRole role)
{
    return takesTickets(role) || leadsTeam(role);
}

void setFlag(QStringList &flags, const QString &flag, bool on)
{
    if (on && !flags.contains(flag))
        flags.append(flag);
    else if (!on)
        flags.removeAll(flag);
}

bool operator==(const SeverityChange &a, const SeverityChange &b)
{
    return a.id == b.id && a.ticketId == b.ticketId && a.fromSeverity == b.fromSeverity
            && a.toSeverity == b.toSeverity && a.reason == b.reason && a.changedBy == b.changedBy
            && a.changedAt == b.changedAt;
}

bool acceptTicket(Ticket &t, const QString &agentId, const QDateTime &at)
{
    t.status = TicketStatus::Accepted;
    if (!t.firstResponseAt.isValid())
        t.firstResponseAt = at;
    if (!t.assigneeId.isEmpty() || agentId.isEmpty())
        return false;
    t.assigneeId = agentId;
    return true;
}

namespace Json {

namespace {

// Howard Hinnant's civil-calendar conversions (proleptic Gregorian), exact for any year.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = int(y - era * 400);
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civilFromDays(qint64 z, int *y, int *m, int *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = int(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = int(yoe + era * 400) + (*m <= 2);
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

} // namespace

// Written by hand: the feed carries four times per ticket, and QDateTime's ISO formatting and
// parsing were a third of the cost of an initial sync (docs/cache.md).
QString timestamp(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    const qint64 ms = t.toMSecsSinceEpoch();
    qint64 days = ms / 86400000;
    qint64 rest = ms % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    int y, m, d;
    civilFromDays(days, &y, &m, &d);
    if (y < 0 || y > 9999)
        return t.toUTC().toString(Qt::ISODateWithMs);
    char16_t out[24];
    const auto put = [&out](int at, int value, int width) {
        for (int i = width - 1; i >= 0; --i, value /= 10)
            out[at + i] = char16_t(u'0' + value % 10);
    };
    put(0, y, 4);
    out[4] = u'-';
    put(5, m, 2);
    out[7] = u'-';
    put(8, d, 2);
    out[10] = u'T';
    put(11, int(rest / 3600000), 2);
    out[13] = u':';
    put(14, int(rest / 60000 % 60), 2);
    out[16] = u':';
    put(17, int(rest / 1000 % 60), 2);
    out[19] = u'.';
    put(20, int(rest % 1000), 3);
    out[23] = u'Z';
    return QString(reinterpret_cast<const QChar *>(out), 24);
}

bool isUuid(QStringView text)
{
    return text.size() == 36 && QUuid::fromString(text).toString(QUuid::WithoutBraces) == text;
}

// The fast path of parseTimestamp: exactly what timestamp() writes,
// "YYYY-MM-DDTHH:MM:SS.mmmZ", in UTF-16 (QString) or UTF-8 (a feed page's bytes). Nothing when
// the text has another form; `*valid` false when it has this form but no such time.
static char16_t unit(QChar c) { return c.unicode(); }
static char16_t unit(unsigned char c) { return c; }

template <typename Text>
static std::optional<qint64> fastTimestampMs(const Text &text, qsizetype size, bool *valid)
{
    *valid = true;
    const auto at = [&text](qsizetype i) { return unit(text[i]); };
    if (size != 24 || at(4) != u'-' || at(7) != u'-' || at(10) != u'T' || at(13) != u':'
        || at(16) != u':' || at(19) != u'.' || at(23) != u'Z')
        return std::nullopt;
    bool digits = true;
    const auto num = [&at, &digits](int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; ++i) {
            const char16_t c = at(i);
            if (c < u'0' || c > u'9')
                digits = false;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2);
    const int h = num(11, 2), mi = num(14, 2), s = num(17, 2), ms = num(20, 3);
    if (!digits || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59
        || s > 59) {
        *valid = false;
        return std::nullopt;
    }
    return daysFromCivil(y, mo, d) * 86400000 + ((h * 60 + mi) * 60 + s) * qint64(1000) + ms;
}

QDateTime parseTimestamp(const QString &text)
{
    bool valid = true;
    if (const auto ms = fastTimestampMs(text, text.size(), &valid))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    if (!valid)
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

QDateTime parseTimestamp(QUtf8StringView text)
{
    // Bytes over 0x7f never match the fast path's ASCII, so indexing bytes is safe there.
    const auto bytes = reinterpret_cast<const unsigned char *>(text.data());
    bool valid = true;
    if (const auto ms = fastTimestampMs(bytes, text.size(), &valid))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    if (!valid)
        return {};
    return parseTimestamp(text.toString());
}

namespace {

// Reads typed fields from one object, recording "path.field: problem" for each bad one.
class Fields
{
public:
    Fields(const QJsonObject &o, QStringList *errors, const QString &path,
           UnknownValues unknown = UnknownValues::Refuse)
        : m_o(o), m_errors(errors), m_path(path), m_unknown(unknown)
    {}

    bool ok() const { return m_ok; }

    QString string(const char *key, bool required = false)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, QStringLiteral("is required"));
            return {};
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("must be a string"));
            return {};
        }
        if (required && v.toString().isEmpty())
            fail(key, QStringLiteral("must not be empty"));
        return v.toString();
    }

    qint64 integer(const char *key, bool required = false)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, QStringLiteral("is required"));
            return 0;
        }
        bool ok = false;
        const qint64 n = Json::nonNegativeInteger(v, &ok);
        if (!ok)
            fail(key, QStringLiteral("must be a non-negative integer"));
        return n;
    }

    double number(const char *key, double fallback)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isDouble()) {
            fail(key, QStringLiteral("must be a number"));
            return fallback;
        }
        return v.toDouble();
    }

    QDateTime time(const char *key, bool required = false)
    {
        const QString text = string(key, required);
        if (text.isEmpty())
            return {};
        const QDateTime t = parseTimestamp(text);
        if (!t.isValid())
            fail(key, QStringLiteral("must be an ISO 8601 time"));
        return t;
    }

    QStringList strings(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        QStringList list;
        if (v.isUndefined() || v.isNull())
            return list;
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array of strings"));
            return list;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString()) {
                fail(key, QStringLiteral("must be an array of strings"));
                return {};
            }
            list.append(item.toString());
        }
        return list;
    }

    QJsonArray objects(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isArray()) {
            fail(key, QStringLiteral("must be an array"));
            return {};
        }
        const QJsonArray a = v.toArray();
        for (const QJsonValue &item : a) {
            if (!item.isObject()) {
                fail(key, QStringLiteral("must be an array of objects"));
                return {};
            }
        }
        return a;
    }

    QJsonObject object(const char *key)
    {
        const QJsonValue v = m_o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isObject()) {
            fail(key, QStringLiteral("must be an object"));
            return {};
        }
        return v.toObject();
    }

    void oneOf(const char *key, const QString &value, const QStringList &allowed)
    {
        if (!value.isEmpty() && !allowed.contains(value))
            fail(key, QStringLiteral("must be one of: %1").arg(allowed.join(QStringLiteral(", "))));
    }

    // oneOf() for a field a newer server may give a value this build does not know: refused
    // only where the reader refuses unknown values (UnknownValues).
    void known(const char *key, const QString &value, const QStringList &allowed)
    {
        if (m_unknown == UnknownValues::Refuse)
            oneOf(key, value, allowed);
    }

    QString path(const char *key) const
    {
        return m_path.isEmpty() ? QLatin1String(key) : m_path + u'.' + QLatin1String(key);
    }

    void fail(const char *key, const QString &problem)
    {
        m_ok = false;
        if (m_errors)
            m_errors->append(QStringLiteral("%1: %2").arg(path(key), problem));
    }

    // A problem a nested reader or a rule check already worded with its own path
    // ("tag_rules[2].tag: …"), or none (the nested reader recorded it).
    void failNested(const QString &problem = {})
    {
        m_ok = false;
        if (m_errors && !problem.isEmpty())
            m_errors->append(m_path.isEmpty() ? problem : m_path + u'.' + problem);
    }

private:
    const QJsonObject &m_o;
    QStringList *m_errors;
    QString m_path;
    UnknownValues m_unknown;
    bool m_ok = true;
};

void putTime(QJsonObject &o, const char *key, const QDateTime &t)
{
    o.insert(QLatin1String(key), t.isValid() ? QJsonValue(timestamp(t)) : QJsonValue());
}

} // namespace

QJsonObject toJson(const Ticket &t)
{
    QJsonObject o{{QStringLiteral("id"), t.id},
                  {QStringLiteral("number"), t.number},
                  {QStringLiteral("customer_id"), t.customerId},
                  {QStringLiteral("sub_client"), t.subClient},
                  {QStringLiteral("subject"), t.subject},
                  {QStringLiteral("body"), t.body},
                  {QStringLiteral("channel"), t.channel},
                  {QStringLiteral("severity"), t.severity},
                  {QStringLiteral("status"), t.status},
                  {QStringLiteral("assignee_id"), t.assigneeId},
                  {QStringLiteral("plan_id"), t.planId},
                  {QStringLiteral("edition_id"), t.editionId},
                  {QStringLiteral("software"), t.software},
                  {QStringLiteral("software_version"), t.softwareVersion},
                  {QStringLiteral("flags"), QJsonArray::fromStringList(t.flags)},
                  {QStringLiteral("tags"), QJsonArray::fromStringList(t.tags)},
                  {QStringLiteral("quota_override_reason"), t.quotaOverrideReason},
                  {QStringLiteral("version"), t.version},
                  {QStringLiteral("seq"), t.seq}};
    putTime(o, "created_at", t.createdAt);
    putTime(o, "first_response_at", t.firstResponseAt);
    putTime(o, "due_at", t.dueAt);
    putTime(o, "updated_at", t.updatedAt);
    // Only a ticket that came by mail or IM has a route: the desk-only majority stays short.
    if (!t.reply.via.isEmpty()) {
        o.insert(QStringLiteral("reply_via"), t.reply.via);
        o.insert(QStringLiteral("reply_to"), t.reply.to);
        if (!t.reply.im.isEmpty())
            o.insert(QStringLiteral("reply_im"), t.reply.im);
    }
    // Likewise only a merged or linked ticket carries these.
    if (!t.mergedInto.isEmpty()) {
        o.insert(QStringLiteral("merged_into"), t.mergedInto);
        o.insert(QStringLiteral("merged_into_number"), t.mergedIntoNumber);
    }
    if (!t.mergedFrom.isEmpty())
        o.insert(QStringLiteral("merged_from"), QJsonArray::fromStringList(t.mergedFrom));
    if (!t.links.isEmpty())
        o.insert(QStringLiteral("links"), QJsonArray::fromStringList(t.links));
    return o;
}

bool fromJson(const QJsonObject &o, Ticket *t, QStringList *errors, const QString &path,
              UnknownValues unknown)
{
    Fields f(o, errors, path, unknown);
    t->id = f.string("id", true);
    t->number = f.integer("number");
    t->customerId = f.string("customer_id", true);
    t->subClient = f.string("sub_client");
    t->subject = f.string("subject");
    t->body = f.string("body");
    t->channel = f.string("channel", true);
    t->severity = f.string("severity", true);
    t->status = f.string("status", true);
    f.known("status", t->status, TicketStatus::all()); // else shown as it is, marked unknown
    t->assigneeId = f.string("assignee_id");
    t->planId = f.string("plan_id", true);
    t->editionId = f.string("edition_id", true);
    t->createdAt = f.time("created_at", true);
    t->firstResponseAt = f.time("first_response_at");
    t->dueAt = f.time("due_at");
    t->updatedAt = f.time("updated_at");
    t->software = f.string("software");
    t->softwareVersion = f.string("software_version");
    t->flags = f.strings("flags");
    t->tags = f.strings("tags"); // absent before tags: none
    t->quotaOverrideReason = f.string("quota_override_reason");
    t->reply.via = f.string("reply_via");
    t->reply.to = f.string("reply_to");
    t->reply.im = f.string("reply_im");
    t->mergedInto = f.string("merged_into"); // absent before merges: none
    t->mergedIntoNumber = f.integer("merged_into_number");
    t->mergedFrom = f.strings("merged_from");
    t->links = f.strings("links");
    t->version = f.integer("version");
    t->seq = f.integer("seq");
    return f.ok();
}

QJsonObject toJson(const Message &m)
{
    QJsonObject o{{QStringLiteral("id"), m.id},
                  {QStringLiteral("ticket_id"), m.ticketId},
                  {QStringLiteral("kind"), m.kind},
                  {QStringLiteral("author_id"), m.authorId},
                  {QStringLiteral("body"), m.body},
                  {QStringLiteral("seq"), m.seq}};
    putTime(o, "created_at", m.createdAt);
    if (!m.event.isEmpty()) {
        o.insert(QStringLiteral("event"), m.event);
        o.insert(QStringLiteral("args"), QJsonArray::fromStringList(m.args));
    }
    return o;
}

bool fromJson(const QJsonObject &o, Message *m, QStringList *errors, const QString &path,
              UnknownValues unknown)
{
    Fields f(o, errors, path, unknown);
    m->id = f.string("id", true);
    m->ticketId = f.string("ticket_id", true);
    m->kind = f.string("kind", true);
    f.known("kind", m->kind, MessageKind::all());
    m->authorId = f.string("author_id");
    m->body = f.string("body");
    m->createdAt = f.time("created_at", true);
    m->seq = f.integer("seq");
    m->event = f.string("event");
    m->args = f.strings("args");
    return f.ok();
}

QJsonObject toJson(const Customer &c)
{
    QJsonArray contacts;
    for (const Contact &contact : c.contacts)
        contacts.append(QJsonObject{{QStringLiteral("role"), contact.role},
                                    {QStringLiteral("name"), contact.name},
                                    {QStringLiteral("email"), contact.email}});
    QJsonArray subClients;
    for (const SubClient &s : c.subClients)
        subClients.append(QJsonObject{{QStringLiteral("account"), s.account},
                                      {QStringLiteral("name"), s.name}});
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("name"), c.name},
                       {QStringLiteral("plan_id"), c.planId},
                       {QStringLiteral("edition_id"), c.editionId},
                       {QStringLiteral("edition_since"),
                        c.editionSince.isValid() ? QJsonValue(c.editionSince.toString(Qt::ISODate))
                                                 : QJsonValue()},
                       {QStringLiteral("time_zone"), c.timeZone},
                       {QStringLiteral("language"), c.language},
                       {QStringLiteral("contacts"), contacts},
                       {QStringLiteral("sub_clients"), subClients},
                       {QStringLiteral("seq"), c.seq}};
}

bool fromJson(const QJsonObject &o, Customer *c, QStringList *errors, const QString &path,
              UnknownValues unknown)
{
    Fields f(o, errors, path, unknown);
    c->id = f.string("id", true);
    c->name = f.string("name", true);
    c->planId = f.string("plan_id", true);
    c->editionId = f.string("edition_id", true);
    const QString since = f.string("edition_since");
    c->editionSince = QDate::fromString(since, Qt::ISODate);
    if (!since.isEmpty() && !c->editionSince.isValid())
        f.fail("edition_since", QStringLiteral("must be a date (YYYY-MM-DD)"));
    c->timeZone = f.string("time_zone");
    c->language = f.string("language");
    f.known("language", c->language, CustomerLanguage::ids()); // else the desk guesses
    c->contacts.clear();
    for (const QJsonValue &v : f.objects("contacts")) {
        const QJsonObject co = v.toObject();
        c->contacts.append({co.value(QStringLiteral("role")).toString(),
                            co.value(QStringLiteral("name")).toString(),
                            co.value(QStringLiteral("email")).toString()});
    }
    c->subClients.clear();
    for (const QJsonValue &v : f.objects("sub_clients")) {
        const QJsonObject so = v.toObject();
        c->subClients.append({so.value(QStringLiteral("account")).toString(),
                              so.value(QStringLiteral("name")).toString()});
    }
    c->seq = f.integer("seq");
    return f.ok();
}

QJsonObject toJson(const Agent &a)
{
    return QJsonObject{{QStringLiteral("id"), a.id},
                       {QStringLiteral("name"), a.name},
                       {QStringLiteral("role"), roleId(a)},
                       {QStringLiteral("locale"), a.locale},
                       {QStringLiteral("seq"), a.seq}};
}

bool fromJson(const QJsonObject &o, Agent *a, QStringList *errors, const QString &path,
              UnknownValues unknown)
{
    Fields f(o, errors, path, unknown);
    a->id = f.string("id", true);
    a->name = f.string("name", true);
    const QString role = f.string("role", true);
    const std::optional<AgentRole> parsed = parseRole(role);
    a->role = parsed.value_or(AgentRole::Unknown); // the least privilege, never more
    a->unknownRole = parsed ? QString() : role;
    if (!role.isEmpty())
        f.known("role", role, roleIds());
    a->locale = f.string("locale");
    a->seq = f.integer("seq");
    return f.ok();
}

QJsonObject toJson(const TagRule &r)
{
    QJsonObject o { { QStringLiteral("tag"), r.tag } };
    const auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("channel", r.channel);
    put("plan_id", r.planId);
    put("edition_id", r.editionId);
    put("severity", r.severity);
    if (!r.words.isEmpty())
        o.insert(QStringLiteral("words"), QJsonArray::fromStringList(r.words));
    return o;
}

QJsonObject toJson(const TeamSettings &s)
{
    QJsonArray rules;
    for (const TagRule &r : s.tagRules)
        rules.append(toJson(r));
    return QJsonObject{{QStringLiteral("at_risk_fraction"), s.atRiskFraction},
                       {QStringLiteral("notify_before_breach_minutes"), s.notifyBeforeBreachMinutes},
                       {QStringLiteral("tag_rules"), rules},
                       {QStringLiteral("seq"), s.seq}};
}

bool fromJson(const QJsonObject &o, TeamSettings *s, QStringList *errors, const QString &path)
{
    Fields f(o, errors, path);
    s->atRiskFraction = f.number("at_risk_fraction", 0.25);
    if (s->atRiskFraction <= 0 || s->atRiskFraction >= 1)
        f.fail("at_risk_fraction", QStringLiteral("must be between 0 and 1"));
    // Range-checked before the cast: int(1e15) would store a different number.
    constexpr int most = TeamSettings::MaxNotifyBeforeBreachMinutes;
    const qint64 notify = f.integer("notify_before_breach_minutes");
    if (notify > most)
        f.fail("notify_before_breach_minutes", QStringLiteral("must be at most %1").arg(most));
    s->notifyBeforeBreachMinutes = int(std::min<qint64>(notify, most));
    s->tagRules.clear();
    const QJsonArray rules = f.objects("tag_rules");
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject given = rules.at(i).toObject(); // Fields holds a reference
        Fields r(given, errors,
                 QStringLiteral("%1tag_rules[%2]").arg(path.isEmpty() ? path : path + u'.').arg(i));
        TagRule rule;
        rule.tag = normalizeTag(r.string("tag", true));
        rule.channel = r.string("channel");
        rule.planId = r.string("plan_id");
        rule.editionId = r.string("edition_id");
        rule.severity = r.string("severity");
        rule.words = r.strings("words");
        if (!r.ok())
            f.failNested();
        s->tagRules.append(rule);
    }
    if (const QString problem = f.ok() ? checkTagRules(s->tagRules) : QString();
        !problem.isEmpty())
        f.failNested(problem);
    s->seq = f.integer("seq");
    return f.ok();
}

QJsonObject toJson(const Operation &op)
{
    QJsonObject o{{QStringLiteral("op_id"), op.opId},
                  {QStringLiteral("type"), op.type},
                  {QStringLiteral("ticket_id"), op.ticketId},
                  {QStringLiteral("base_version"), op.baseVersion},
                  {QStringLiteral("payload"), op.payload}};
    putTime(o, "made_at", op.madeAt);
    return o;
}

bool fromJson(const QJsonObject &o, Operation *op, QStringList *errors, const QString &path)
{
    Fields f(o, errors, path);
    op->opId = f.string("op_id", true);
    op->type = f.string("type", true);
    op->ticketId = f.string("ticket_id", true);
    op->baseVersion = f.integer("base_version");
    op->payload = f.object("payload");
    op->madeAt = f.time("made_at");
    // An empty made_at is no time (the contract's date-time), not a time left out.
    if (o.value(QStringLiteral("made_at")).toString(QStringLiteral("x")).isEmpty())
        f.fail("made_at", QStringLiteral("must be an ISO 8601 time"));
    return f.ok();
}

QJsonObject toJson(const OperationResult &r)
{
    QJsonObject o{{QStringLiteral("op_id"), r.opId},
                  {QStringLiteral("result"), r.result},
                  {QStringLiteral("code"), r.code},
                  {QStringLiteral("args"), QJsonArray::fromStringList(r.args)}};
    if (r.hasTicket)
        o.insert(QStringLiteral("ticket"), toJson(r.ticket));
    return o;
}

bool fromJson(const QJsonObject &o, OperationResult *r, QStringList *errors, const QString &path)
{
    Fields f(o, errors, path);
    r->opId = f.string("op_id", true);
    r->result = f.string("result", true); // an unknown one is kept: isKnownResult()
    r->code = f.string("code");
    r->args = f.strings("args");
    const QJsonObject ticket = f.object("ticket");
    r->hasTicket = !ticket.isEmpty();
    bool ok = f.ok();
    if (r->hasTicket)
        ok = fromJson(ticket, &r->ticket, errors, f.path("ticket")) && ok;
    return ok;
}

QJsonObject toJson(const SeverityChange &c)
{
    QJsonObject o{{QStringLiteral("ticket_id"), c.ticketId},
                  {QStringLiteral("from"), c.fromSeverity},
                  {QStringLiteral("to"), c.toSeverity},
                  {QStringLiteral("reason"), c.reason},
                  {QStringLiteral("changed_by"), c.changedBy},
                  {QStringLiteral("changed_at"), timestamp(c.changedAt)}};
    if (!c.id.isEmpty())
        o.insert(QStringLiteral("id"), c.id);
    return o;
}

bool fromJson(const QJsonObject &o, SeverityChange *c, QStringList *errors, const QString &path)
{
    Fields f(o, errors, path);
    c->id = f.string("id");
    c->ticketId = f.string("ticket_id", true);
    c->fromSeverity = f.string("from", true);
    c->toSeverity = f.string("to", true);
    c->reason = f.string("reason", true);
    c->changedBy = f.string("changed_by", true);
    c->changedAt = f.time("changed_at", true);
    return f.ok();
}

} // namespace Json
} // namespace SupportDesk
