// Saved views: the record, its op codec and its access rule (see savedview.h).
#include "savedview.h"

#include "recordfields.h"
#include "tag.h"
#include "ticketedit.h"

#include <QJsonArray>

namespace SupportDesk {

namespace {

namespace Key {
const QString Name = QStringLiteral("name");
const QString Queue = QStringLiteral("queue");
const QString Edition = QStringLiteral("edition");
const QString Severity = QStringLiteral("severity");
const QString Channel = QStringLiteral("channel");
const QString Status = QStringLiteral("status");
const QString Tags = QStringLiteral("tags");
const QString Search = QStringLiteral("search");
} // namespace Key

} // namespace

bool operator==(const SavedView &a, const SavedView &b)
{
    return a.id == b.id && a.ownerId == b.ownerId && a.name == b.name && a.queue == b.queue
            && a.edition == b.edition && a.severity == b.severity && a.channel == b.channel
            && a.status == b.status && a.tags == b.tags && a.search == b.search
            && a.version == b.version && a.deleted == b.deleted && a.updatedBy == b.updatedBy
            && a.updatedAt == b.updatedAt && a.seq == b.seq;
}

const QStringList &savedViewQueues()
{
    static const QStringList queues { QStringLiteral("my-tickets"), QStringLiteral("unassigned"),
                                      QStringLiteral("at-risk"), QStringLiteral("breached"),
                                      QStringLiteral("waiting-on-customer"),
                                      QStringLiteral("all-open"),
                                      QStringLiteral("recently-closed") };
    return queues;
}

bool canSeeView(const Agent &agent, const SavedView &view)
{
    return readsTheDesk(agent.role) && !view.ownerId.isEmpty() && view.ownerId == agent.id;
}

bool ViewOp::isViewOp(QStringView type)
{
    return type == Save || type == Delete;
}

QString checkView(const SavedView &v)
{
    if (v.name.trimmed().isEmpty())
        return QStringLiteral("name: must not be empty");
    for (const QString &p : { lengthProblem(Key::Name, v.name, SavedViewLimits::MaxName),
                              lengthProblem(Key::Edition, v.edition, OpLimits::MaxIdLength),
                              lengthProblem(Key::Severity, v.severity, OpLimits::MaxIdLength),
                              lengthProblem(Key::Channel, v.channel, OpLimits::MaxIdLength),
                              lengthProblem(Key::Status, v.status, OpLimits::MaxIdLength),
                              lengthProblem(Key::Search, v.search, SavedViewLimits::MaxSearch) }) {
        if (!p.isEmpty())
            return p;
    }
    if (!v.queue.isEmpty() && !savedViewQueues().contains(v.queue))
        return QStringLiteral("queue: unknown queue");
    if (!v.status.isEmpty() && !parseStatus(v.status))
        return QStringLiteral("status: unknown status");
    if (v.tags.size() > TagLimits::MaxPerTicket)
        return QStringLiteral("tags: at most %1 tags").arg(TagLimits::MaxPerTicket);
    for (const QString &tag : v.tags) {
        if (const QString bad = checkTag(tag); !bad.isEmpty())
            return QStringLiteral("tags: %1").arg(bad);
    }
    return {};
}

namespace {
const QString TagPrefix = QStringLiteral("tag:");
}

QString viewSearchText(const SavedView &view)
{
    QStringList words;
    for (const QString &tag : view.tags)
        words.append(TagPrefix + tag);
    if (!view.search.isEmpty())
        words.append(view.search);
    return words.join(u' ');
}

void splitViewSearch(const QString &text, QStringList *tags, QString *search)
{
    QStringList rest;
    for (const QString &word : text.simplified().split(u' ', Qt::SkipEmptyParts)) {
        // As the cache's search reads a word (TicketCache::searchOn).
        if (word.startsWith(TagPrefix, Qt::CaseInsensitive) && word.size() > TagPrefix.size())
            *tags = withTag(*tags, word.mid(TagPrefix.size()));
        else
            rest.append(word);
    }
    *search = rest.join(u' ');
}

Operation makeViewOperation(const QString &opId, const SavedView &v, bool remove,
                            const QDateTime &madeAt)
{
    Operation op;
    op.opId = opId;
    op.type = remove ? ViewOp::Delete : ViewOp::Save;
    op.ticketId = v.id;
    op.baseVersion = v.version;
    op.madeAt = madeAt;
    if (!remove) {
        QJsonObject p { { Key::Name, v.name } };
        const auto put = [&p](const QString &key, const QString &value) {
            if (!value.isEmpty())
                p.insert(key, value);
        };
        put(Key::Queue, v.queue);
        put(Key::Edition, v.edition);
        put(Key::Severity, v.severity);
        put(Key::Channel, v.channel);
        put(Key::Status, v.status);
        put(Key::Tags, v.tags.join(u' '));
        put(Key::Search, v.search);
        op.payload = p;
    }
    return op;
}

std::optional<SavedView> viewFromOperation(const Operation &op, const QString &actorId,
                                           QString *problem)
{
    const auto fail = [problem](const QString &text) {
        *problem = text;
        return std::nullopt;
    };
    if (!ViewOp::isViewOp(op.type))
        return fail(QStringLiteral("type: not a view op"));
    static const QStringList known { Key::Name,   Key::Queue, Key::Edition, Key::Severity,
                                     Key::Channel, Key::Status, Key::Tags,   Key::Search };
    for (auto it = op.payload.begin(); it != op.payload.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(QStringLiteral("payload: unknown field"));
        if (!it.value().isString())
            return fail(QStringLiteral("payload.%1: must be a string").arg(it.key()));
    }
    const auto s = [&op](const QString &key) { return op.payload.value(key).toString(); };
    SavedView v;
    v.id = op.ticketId;
    v.ownerId = actorId;
    v.version = op.baseVersion;
    if (op.type == ViewOp::Delete) {
        v.deleted = true;
        return v;
    }
    v.name = s(Key::Name).trimmed();
    v.queue = s(Key::Queue);
    v.edition = s(Key::Edition);
    v.severity = s(Key::Severity);
    v.channel = s(Key::Channel);
    v.status = s(Key::Status);
    for (const QString &tag : s(Key::Tags).split(u' ', Qt::SkipEmptyParts))
        v.tags = withTag(v.tags, tag);
    v.search = s(Key::Search).simplified();
    if (const QString p = checkView(v); !p.isEmpty())
        return fail(QStringLiteral("payload.") + p);
    // Checked as given, kept normalised: "VIP" and "vip" are one tag.
    return v;
}

namespace Json {

QJsonObject toJson(const SavedView &v)
{
    return QJsonObject { { QStringLiteral("id"), v.id },
                         { QStringLiteral("owner_id"), v.ownerId },
                         { QStringLiteral("name"), v.name },
                         { QStringLiteral("queue"), v.queue },
                         { QStringLiteral("edition"), v.edition },
                         { QStringLiteral("severity"), v.severity },
                         { QStringLiteral("channel"), v.channel },
                         { QStringLiteral("status"), v.status },
                         { QStringLiteral("tags"), QJsonArray::fromStringList(v.tags) },
                         { QStringLiteral("search"), v.search },
                         { QStringLiteral("version"), v.version },
                         { QStringLiteral("deleted"), v.deleted },
                         { QStringLiteral("updated_by"), v.updatedBy },
                         { QStringLiteral("updated_at"), timestamp(v.updatedAt) },
                         { QStringLiteral("seq"), v.seq } };
}

bool fromJson(const QJsonObject &o, SavedView *v, QStringList *errors, const QString &path)
{
    RecordFields f(o, errors, path);
    v->id = f.string("id", true);
    if (v->id.isEmpty())
        f.fail("id", QStringLiteral("must not be empty"));
    v->ownerId = f.string("owner_id");
    v->name = f.string("name");
    v->queue = f.string("queue");
    v->edition = f.string("edition");
    v->severity = f.string("severity");
    v->channel = f.string("channel");
    v->status = f.string("status");
    v->tags = f.strings("tags");
    v->search = f.string("search");
    v->version = f.integer("version");
    v->deleted = f.boolean("deleted");
    v->updatedBy = f.string("updated_by");
    v->updatedAt = parseTimestamp(f.string("updated_at"));
    v->seq = f.integer("seq");
    return f.ok();
}

} // namespace Json

} // namespace SupportDesk
