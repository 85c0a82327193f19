// Property test of the one definition of an edit: random sequences of ops, previewed by the
// client's cache (offline, all pending) and applied by the real server on loopback, end in the
// same ticket (server-only fields aside: number, version, seq, update and response times), and
// each edit is refused by the preview exactly when the server refuses it, for the same reason —
// a new ticket's too (channel, sub-client, the month's quota counted from the cache). Each
// sequence acts as an agent or as the lead, so the rules that depend on who acts (who may merge)
// are compared too. A run prints, per op type, how many were applied and refused.
#include "merge.h"
#include "plancatalog.h"
#include "realserver.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <memory>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

class TestEditParity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void previewMatchesServer();
    void signedInRoleDecidesOffTheAgentList();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
};

namespace {

const QString Lead = QStringLiteral("a-wangfang");
// The server's clock and the previews' instant: mid-month, noon in Shanghai (docs/testing.md,
// rule 2). On real time a run across a month's end (Shanghai) found the quota filled at its
// start free again: the over-quota sequences were taken within it and their override refused.
// The demo's backlog is made around it too, so a seed replays the same run on any day.
const QDateTime &pinnedAt()
{
    static const QDateTime at(QDate(2026, 11, 16), QTime(4, 0), Qt::UTC);
    return at;
}
// The demo's agents: the sequences act as one of them or as the lead.
const QVector<QString> &actors()
{
    static const QVector<QString> list { Lead, QStringLiteral("a-zhangwei"),
                                         QStringLiteral("a-emma") };
    return list;
}

// A refusal as both sides give it: its code and arguments. A request the API refuses whole
// (400: a malformed tag or target) is the preview's invalid-op naming the same field. `numbers`
// false leaves the arguments out: a ticket made in the sequence has no number in the preview
// (the server numbers it), and the merge and link refusals name tickets by number.
QString reason(const QString &code, const QStringList &args, bool numbers)
{
    return numbers ? code + u' ' + args.join(QStringLiteral(" / ")) : code;
}

// A cache signed in as `me`, holding `tickets` and `agents`, offline.
bool fillCache(TicketCache &cache, const QString &path, const QVector<Ticket> &tickets,
               const QVector<Agent> &agents, const Agent &me,
               const QVector<Customer> &customers = {})
{
    if (cache.open(path) != TicketCache::OpenStatus::Ok)
        return false;
    qint64 lastSeq = 0;
    for (const Ticket &t : tickets)
        lastSeq = std::max(lastSeq, t.seq);
    return cache.applyChanges(tickets, {}, customers, agents, std::nullopt, lastSeq, true,
                              nullptr)
            && cache.setSyncValue(QStringLiteral("me"),
                                  QString::fromUtf8(QJsonDocument(Json::toJson(me))
                                                            .toJson(QJsonDocument::Compact)));
}

template<typename T>
const T &pick(QRandomGenerator &rng, const QVector<T> &list)
{
    return list.at(int(rng.bounded(quint32(list.size()))));
}

// Every op type of core's vocabulary, read from the enum (its values run from 0 and each has a
// wire name): a type added to it is generated below or the test fails, never left out silently.
QVector<OpType> everyOpType()
{
    QVector<OpType> types;
    for (int i = 0; !opTypeName(OpType(i)).isEmpty(); ++i)
        types.append(OpType(i));
    return types;
}

const QVector<QString> &severities()
{
    static const QVector<QString> list {
        QStringLiteral("business-down"), QStringLiteral("business-degraded"),
        QStringLiteral("consultation"), QStringLiteral("production-abnormal"),
        QStringLiteral("no-such-severity")
    };
    return list;
}

// Catalog spellings, other spellings, out of scope, and none.
const QVector<QPair<QString, QString>> &softwareNames()
{
    static const QVector<QPair<QString, QString>> list {
        { QStringLiteral("mysql"), QStringLiteral("5.7") },
        { QStringLiteral("MySQL"), QStringLiteral("8.0") },
        { QStringLiteral("nginx"), QStringLiteral("1.20") },
        { QStringLiteral(" OpenVPN "), QStringLiteral(" 2.5 ") },
        { QStringLiteral("Redis"), QStringLiteral("7") },
        { QString(), QStringLiteral("1.0") },
    };
    return list;
}

// What a sequence's new ticket is made to meet: the server's rules of taking a ticket in, each
// in turn, so every run reaches each refusal and the over-quota path.
enum class CreateKind {
    Random,        // as the form sends it, now and then what the server refuses
    OtherChannel,  // a channel of the plan the customer's edition does not have
    QuotaUsedUp,   // for the customer whose month's quota is used up, without a reason
    QuotaOverride, // the same, with a reason: taken, flagged over the quota
};

// A new ticket as the desk's new-ticket form sends it: a customer of the demo (taken from one
// of its tickets, with that ticket's sub-client), the preview hints the form computes, and now
// and then what the server refuses (an empty subject, a channel or severity the plan lacks).
TicketEdit randomCreate(QRandomGenerator &rng, CreateKind kind, const Ticket &like,
                        const CatalogSet &catalogs, const QDateTime &at)
{
    TicketEdit e;
    e.type = OpType::CreateTicket;
    e.customerId = like.customerId;
    e.subClient = like.subClient;
    e.subject = kind != CreateKind::Random || rng.bounded(8) ? QStringLiteral("VPN drops every hour")
                                                              : QStringLiteral(" ");
    e.body = QStringLiteral("Since this morning.");
    const PlanCatalog *plan = catalogs.plan(like.planId);
    const Edition *edition = plan ? plan->edition(like.editionId) : nullptr;
    static const QVector<QString> channels { QStringLiteral("ticket"), QStringLiteral("hotline"),
                                             QStringLiteral("im"), QStringLiteral("im-group"),
                                             QStringLiteral("email") };
    e.channel = rng.bounded(3) ? like.channel : pick(rng, channels);
    if (kind == CreateKind::OtherChannel && plan && edition) {
        QVector<QString> lacking;
        for (const Channel &c : plan->channels()) {
            if (c.entitledAs.isEmpty() && !edition->channels.contains(c.id))
                lacking.append(c.id);
        }
        if (!lacking.isEmpty())
            e.channel = pick(rng, lacking);
    }
    if (kind == CreateKind::QuotaUsedUp || kind == CreateKind::QuotaOverride)
        e.channel = like.channel;
    // A severity of the plan mostly (the others are refused before the channel is looked at).
    QVector<QString> planSeverities;
    if (plan) {
        for (const Severity &sev : plan->severities())
            planSeverities.append(sev.id);
    }
    e.severity = kind == CreateKind::Random || planSeverities.isEmpty()
            ? pick(rng, severities())
            : pick(rng, planSeverities);
    if (rng.bounded(2)) {
        const auto &s = pick(rng, softwareNames());
        e.software = s.first;
        e.softwareVersion = s.second;
    }
    if (kind == CreateKind::QuotaOverride)
        e.quotaOverrideReason = QStringLiteral("outage at the sub-client");
    else if (kind == CreateKind::QuotaUsedUp)
        e.quotaOverrideReason = rng.bounded(2) ? QStringLiteral("  ") : QString();
    else if (!rng.bounded(4)) // given where no quota is over: not the ticket's
        e.quotaOverrideReason = QStringLiteral("just in case");
    e.planId = like.planId;
    e.editionId = like.editionId;
    if (plan)
        e.dueAt = ResponseClock::deadline(*plan, like.editionId, e.severity, at);
    return e;
}

// One random edit of ticket `t`: valid ones and ones the rules refuse, in about equal parts.
// `others` are the tickets a merge or a link may name (the same customer's among them).
// The plan's severities other than the ticket's: a reclassification the rules take.
QVector<QString> otherSeverities(const Ticket &t, const PlanCatalog *plan)
{
    QVector<QString> levels;
    if (plan) {
        for (const Severity &sev : plan->severities()) {
            if (sev.id != t.severity)
                levels.append(sev.id);
        }
    }
    return levels;
}

TicketEdit randomEdit(QRandomGenerator &rng, OpType type, const Ticket &t,
                      const QVector<Agent> &agents, const QVector<Ticket> &others,
                      const PlanCatalog *plan)
{
    static const QVector<QString> reasons { QString(), QStringLiteral("  "),
                                            QStringLiteral("customer confirmed impact") };
    // Tags as typed: normalised ones, other spellings of them, and ones checkTag() refuses.
    static const QVector<QString> tags { QStringLiteral("vpn"), QStringLiteral(" VPN "),
                                         QStringLiteral("billing"), QStringLiteral("数据库"),
                                         QStringLiteral(""), QStringLiteral("no spaces?"),
                                         QString(60, u'x') };
    TicketEdit e;
    e.type = type;
    switch (type) {
    case OpType::CreateTicket: // made by randomCreate(), as the first edit of a new ticket
    case OpType::Accept:
        break;
    case OpType::Reply:
    case OpType::Note:
        e.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        e.body = rng.bounded(5) ? QStringLiteral("Looking into it.") : QStringLiteral(" ");
        break;
    case OpType::Assign: {
        const quint32 which = rng.bounded(quint32(agents.size() + 1));
        e.assigneeId = which < quint32(agents.size()) ? agents.at(int(which)).id : QString();
        break;
    }
    case OpType::SetStatus: {
        QVector<QString> statuses(TicketStatus::all().cbegin(), TicketStatus::all().cend());
        statuses.append(QStringLiteral("no-such-status"));
        // Now and then the next step of the ticket's own life, so the edits after it apply.
        const QString next = t.status == TicketStatus::New ? TicketStatus::Accepted
                                                           : TicketStatus::Resolved;
        e.status = rng.bounded(3) ? pick(rng, statuses) : next;
        break;
    }
    case OpType::Reclassify: {
        // Half of them one the rules take (another severity of the plan, with a reason); the
        // other half as typed, mostly refused. (The applied path is reached in every run by
        // the over-quota sequences' taken reclassification, not by chance: at seed 1167009431
        // all nine generated were refused.)
        const QVector<QString> otherLevels = otherSeverities(t, plan);
        if (rng.bounded(2) && !otherLevels.isEmpty()) {
            e.severity = pick(rng, otherLevels);
            e.reason = reasons.last();
        } else {
            e.severity = rng.bounded(4) ? pick(rng, severities()) : t.severity;
            e.reason = pick(rng, reasons);
        }
        break;
    }
    case OpType::SetSoftware: {
        const auto &s = pick(rng, softwareNames());
        e.software = s.first;
        e.softwareVersion = s.second;
        break;
    }
    case OpType::QuotaOverride:
        // On a ticket over the quota mostly with a reason: the override the rules take.
        e.reason = t.flags.contains(TicketFlag::OverQuota) && rng.bounded(3) ? reasons.last()
                                                                              : pick(rng, reasons);
        break;
    case OpType::AddTag:
    case OpType::RemoveTag:
        // Mostly a tag the ticket has, for a removal: otherwise it is rarely there to remove.
        e.tag = type == OpType::RemoveTag && !t.tags.isEmpty() && rng.bounded(3)
                ? pick(rng, QVector<QString>(t.tags.cbegin(), t.tags.cend()))
                : pick(rng, tags);
        break;
    case OpType::Merge:
    case OpType::Link:
    case OpType::Unlink: {
        // Another ticket (of the same customer first), the ticket itself, a linked one for an
        // unlink, or one nobody has.
        const quint32 which = rng.bounded(8);
        if (which == 0)
            e.targetId = t.id;
        else if (which == 1)
            e.targetId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        else if (type == OpType::Unlink && !t.links.isEmpty() && which < 5)
            e.targetId = pick(rng, QVector<QString>(t.links.cbegin(), t.links.cend()));
        else if (!others.isEmpty())
            e.targetId = pick(rng, others).id;
        else
            e.targetId = t.id;
        break;
    }
    }
    return e;
}

// The ticket as both sides decide it. Times the server stamps itself are compared as set or
// not (the preview stamps the client's clock), the deadline as its distance from creation (a
// new ticket is created at the client's instant in the preview, the server's in the answer).
QString decided(const Ticket &t)
{
    QStringList flags = t.flags;
    flags.sort();
    QStringList links = t.links;
    links.sort();
    QStringList mergedFrom = t.mergedFrom;
    mergedFrom.sort();
    return QStringList { t.id,
                         t.customerId,
                         t.subClient,
                         t.subject,
                         t.body,
                         t.channel,
                         t.status,
                         t.assigneeId,
                         t.severity,
                         t.planId,
                         t.editionId,
                         t.dueAt.isValid() ? QString::number(t.createdAt.msecsTo(t.dueAt))
                                           : QStringLiteral("no deadline"),
                         t.firstResponseAt.isValid() ? QStringLiteral("responded")
                                                     : QStringLiteral("no response"),
                         t.software,
                         t.softwareVersion,
                         flags.join(u','),
                         t.tags.join(u','), // in the order they were added
                         t.quotaOverrideReason,
                         QStringLiteral("merged into ") + t.mergedInto,
                         QString::number(t.mergedIntoNumber),
                         QStringLiteral("merged from ") + mergedFrom.join(u','),
                         QStringLiteral("links ") + links.join(u',') }
            .join(QStringLiteral(" | "));
}

} // namespace

void TestEditParity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("80"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600"), QStringLiteral("--fixed-clock"),
                               Json::timestamp(pinnedAt()) }),
             m_server->log().constData());
    for (const QString &id : actors())
        QVERIFY2(!m_server->token(id).isEmpty(), qPrintable(id));
}

void TestEditParity::cleanupTestCase()
{
    m_server.reset();
}

void TestEditParity::previewMatchesServer()
{
    const QString token = m_server->token(Lead);
    const RealServer::State start = m_server->state(token);
    QVERIFY(start.ok);
    QVERIFY(start.tickets.size() >= 40);
    QVector<Agent> agents;
    for (const Agent &a : start.agents) {
        const auto same = [&a](const Agent &b) { return b.id == a.id; };
        if (std::none_of(agents.cbegin(), agents.cend(), same))
            agents.append(a);
    }
    QHash<QString, Agent> actorOf;
    for (const QString &id : actors()) {
        const auto found = std::find_if(agents.cbegin(), agents.cend(),
                                        [&id](const Agent &a) { return a.id == id; });
        QVERIFY2(found != agents.cend(), qPrintable(id));
        actorOf.insert(id, *found);
    }
    QVERIFY(actorOf.value(Lead).leadsTeam());
    QVERIFY(!actorOf.value(actors().at(1)).leadsTeam());

    QStringList catalogErrors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&catalogErrors);
    QVERIFY2(catalogs, qPrintable(catalogErrors.join(u'\n')));
    const QVector<OpType> types = everyOpType();
    QVERIFY(types.size() >= 14);

    // A seed from the environment replays a failure; otherwise a new one each run, printed.
    // (Read as unsigned: half the seeds printed are past int's range, which
    // qEnvironmentVariableIntValue() reads as 0 — a replay that replayed another run.)
    const quint32 seed = qEnvironmentVariableIsSet("EDIT_PARITY_SEED")
            ? qEnvironmentVariable("EDIT_PARITY_SEED").toUInt()
            : QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QString replay = QStringLiteral("seed %1 (replay: EDIT_PARITY_SEED=%1)").arg(seed);

    // A partner whose month's quota is used up: tickets filed for it by the lead until the
    // server refuses one past the quota (the backlog may have used some of it already).
    const QVector<Customer> customers(start.customers.cbegin(), start.customers.cend());
    QVERIFY(!customers.isEmpty());
    QString usedUp;
    for (const Customer &c : customers) {
        const PlanCatalog *plan = catalogs->plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (edition && edition->monthlyQuota && (usedUp.isEmpty() || c.id < usedUp))
            usedUp = c.id;
    }
    QVERIFY2(!usedUp.isEmpty(), "the demo has no customer with a monthly quota");
    Ticket quotaLike; // what a new ticket of that customer is made like
    {
        const Customer &c = start.customers[usedUp];
        quotaLike.customerId = c.id;
        quotaLike.subClient = c.subClients.isEmpty() ? QStringLiteral("acct-parity")
                                                     : c.subClients.first().account;
        quotaLike.channel = QStringLiteral("ticket");
        quotaLike.planId = c.planId;
        quotaLike.editionId = c.editionId;
        const int limit = *catalogs->plan(c.planId)->edition(c.editionId)->monthlyQuota;
        bool full = false;
        for (int i = 0; i <= limit && !full; ++i) {
            TicketEdit fill = randomCreate(rng, CreateKind::QuotaUsedUp, quotaLike, *catalogs,
                                           pinnedAt());
            fill.quotaOverrideReason.clear();
            const RealServer::Reply answer = m_server->request(
                    "POST", QStringLiteral("/ops"), token,
                    QJsonObject { { QStringLiteral("ops"),
                                    QJsonArray { Json::toJson(makeOperation(
                                            QUuid::createUuid().toString(QUuid::WithoutBraces),
                                            QUuid::createUuid().toString(QUuid::WithoutBraces),
                                            0, fill)) } } });
            const QJsonObject result
                    = answer.body.value(QStringLiteral("results")).toArray().at(0).toObject();
            full = result.value(QStringLiteral("code")).toString() == u"quota-exceeded";
            QVERIFY2(full || result.value(QStringLiteral("result")).toString() == u"applied",
                     answer.raw.constData());
        }
        QVERIFY2(full, qPrintable(usedUp));
    }

    // The tickets in the order of their numbers (the backlog's, made alike from the pinned
    // instant), not of their ids (new uuids each run): a seed replays the same run.
    const auto byNumber = [](const QHash<QString, Ticket> &tickets) {
        QVector<Ticket> list(tickets.cbegin(), tickets.cend());
        std::sort(list.begin(), list.end(), [](const Ticket &a, const Ticket &b) {
            return a.number != b.number ? a.number < b.number : a.id < b.id;
        });
        return list;
    };
    QStringList ids;
    for (const Ticket &t : byNumber(start.tickets))
        ids.append(t.id);
    const int sequences = 40;
    // The first edit of each sequence on an existing ticket takes the op types in turn (a new
    // ticket's is its create): every run generates every type, by construction.
    QVector<OpType> inTurn;
    for (const OpType type : types) {
        if (type != OpType::CreateTicket)
            inTurn.append(type);
    }
    QVERIFY2(inTurn.size() <= sequences / 2, "more op types than sequences to take them in turn");
    // What the sequences are made to reach, counted as they are made: a floor of the run's
    // figures that holds for every seed (rule 7); the rest is printed, not asserted.
    QMap<QString, int> madeCreateRefusals; // by the refusal made
    int madeOverridden = 0; // new over-quota tickets: created, overridden, reclassified
    int applied = 0;
    int refused = 0;
    int createsRefused = 0;
    QMap<OpType, int> appliedByType;
    QMap<OpType, int> refusedByType;
    QMap<QString, int> createRefusals; // the server's refusals of new tickets, by code
    QMap<QString, int> refusedByActor; // refusals whose rule depends on who acts, by role
    for (int n = 0; n < sequences && !ids.isEmpty(); ++n) {
        // The server as it is now: earlier sequences merged and linked other tickets too.
        const RealServer::State now = m_server->state(token);
        QVERIFY(now.ok);
        // Every other sequence starts with a new ticket, made to meet each rule of taking one
        // in in turn; the others edit an existing one.
        const bool create = n % 2 == 1;
        const CreateKind kind = CreateKind((n / 2) % 4);
        const bool ofUsedUp = create
                && (kind == CreateKind::QuotaUsedUp || kind == CreateKind::QuotaOverride);
        qsizetype chosen = qsizetype(rng.bounded(quint32(ids.size())));
        if (create && kind == CreateKind::OtherChannel) {
            // One of a customer whose edition lacks a channel of its plan (most do).
            const auto lacksOne = [&](const QString &ticketId) {
                const Ticket &t = now.tickets[ticketId];
                const PlanCatalog *plan = catalogs->plan(t.planId);
                const Edition *edition = plan ? plan->edition(t.editionId) : nullptr;
                return edition
                        && std::any_of(plan->channels().cbegin(), plan->channels().cend(),
                                       [edition](const Channel &c) {
                                           return c.entitledAs.isEmpty()
                                                   && !edition->channels.contains(c.id);
                                       });
            };
            for (qsizetype tried = 0; tried < ids.size() && !lacksOne(ids.at(chosen)); ++tried)
                chosen = (chosen + 1) % ids.size();
            QVERIFY2(lacksOne(ids.at(chosen)),
                     qPrintable(replay + QStringLiteral(": no edition lacks a channel")));
            ++madeCreateRefusals[QStringLiteral("channel-not-entitled")];
        }
        if (create && kind == CreateKind::QuotaUsedUp)
            ++madeCreateRefusals[QStringLiteral("quota-exceeded")];
        const QString like = ids.takeAt(chosen);
        const QString id = create ? QUuid::createUuid().toString(QUuid::WithoutBraces) : like;
        const Ticket original = ofUsedUp ? quotaLike : now.tickets.value(like);

        // Tickets a merge or a link may name: of the same customer first, and two others.
        QVector<Ticket> others;
        for (const Ticket &t : byNumber(now.tickets)) {
            if (t.id != like && t.customerId == original.customerId
                && t.subClient == original.subClient && others.size() < 3)
                others.append(t);
        }
        // And those it is linked to or merged with, as a desk's cache holds them.
        QStringList related = original.links + original.mergedFrom;
        related.append(original.mergedInto);
        for (const QString &other : std::as_const(related)) {
            const bool held = std::any_of(others.cbegin(), others.cend(),
                                          [&other](const Ticket &t) { return t.id == other; });
            if (!other.isEmpty() && other != like && !held && now.tickets.contains(other))
                others.append(now.tickets.value(other));
        }
        for (int k = 0; k < 2; ++k) {
            const Ticket &t = now.tickets.value(pick(rng, ids.isEmpty() ? QVector<QString> { like }
                                                                        : QVector<QString>(
                                                                                  ids.cbegin(),
                                                                                  ids.cend())));
            if (t.id != like)
                others.append(t);
        }

        // Who acts: an agent or the lead, with their own token.
        const Agent actor = actorOf.value(pick(rng, actors()));
        const QString actorToken = m_server->token(actor.id);
        // A fresh cache holding the server's tickets, signed in as the actor, offline. Now
        // and then its agent list has not come yet (a first sync under way): the actor is
        // known only as the server said at sign-in.
        const bool listLags = n % 5 == 4;
        QVector<Agent> listed;
        for (const Agent &a : std::as_const(agents)) {
            if (!listLags || a.id != actor.id)
                listed.append(a);
        }
        TicketCache cache(QStringLiteral("parity-%1").arg(n));
        QVector<Ticket> cached = others;
        if (!create)
            cached.append(original);
        // A new ticket's customer: every ticket of it, as a synced desk holds them, so the
        // preview counts the month's quota as the server does.
        for (const Ticket &t : now.tickets) {
            const auto held = [&t](const Ticket &c) { return c.id == t.id; };
            if (create && t.customerId == original.customerId
                && std::none_of(cached.cbegin(), cached.cend(), held))
                cached.append(t);
        }
        QVERIFY(fillCache(cache, m_dir.filePath(QStringLiteral("cache-%1.db").arg(n)), cached,
                          listed, actor, customers));

        Ticket server = create ? Ticket() : original;
        const qint64 base = create ? 0 : original.version;
        QStringList trail;
        QSet<QString> authored; // the message ids of the sequence's replies and notes
        bool createRefused = false;
        // A new ticket taken over the quota (taken with a reason, always applied) is overridden
        // at once and then reclassified as the rules allow: the applied paths every run must
        // reach are made, not left to chance.
        const bool overridden = create && kind == CreateKind::QuotaOverride;
        madeOverridden += overridden ? 1 : 0;
        const int length = (overridden ? 3 : create ? 2 : 1) + int(rng.bounded(12));
        for (int k = 0; k < length; ++k) {
            const QDateTime at = pinnedAt();
            const Ticket shown = cache.ticket(id).value_or(Ticket());
            // A ticket over the quota is overridden now and then; a new one taken over it is,
            // at once (the override's applied path, which the backlog rarely offers).
            const bool overQuota = shown.flags.contains(TicketFlag::OverQuota);
            const OpType type = overridden && k == 1 ? OpType::QuotaOverride
                    : overridden && k == 2              ? OpType::Reclassify
                    : !create && k == 0                 ? inTurn.at((n / 2) % inTurn.size())
                    : overQuota && !rng.bounded(3)      ? OpType::QuotaOverride
                                                        : pick(rng, types);
            TicketEdit edit = create && k == 0
                    ? randomCreate(rng, kind, original, *catalogs, at)
                    : randomEdit(rng, type, shown, agents, others, catalogs->plan(shown.planId));
            if (overridden && k == 1)
                edit.reason = QStringLiteral("the lead agreed");
            if (overridden && k == 2) {
                const QVector<QString> levels
                        = otherSeverities(shown, catalogs->plan(shown.planId));
                QVERIFY2(!levels.isEmpty(), qPrintable(replay + u' ' + shown.planId));
                edit.severity = pick(rng, levels);
                edit.reason = QStringLiteral("customer confirmed impact");
            }
            if (edit.type == OpType::CreateTicket && !(create && k == 0))
                continue; // a new ticket's id is new only once: never an existing ticket's
            const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            // Offline: every edit stands on the version the cache has; the server gets each on
            // its current version, as the outbox re-sends an edit after the one before it.
            const Operation local = makeOperation(opId, id, base, edit, at);
            const RuleCheck previewed = cache.previewRefusal(local);
            QVERIFY2(cache.saveEdit(local), qPrintable(cache.errorString()));
            const RealServer::Reply answer = m_server->request(
                    "POST", QStringLiteral("/ops"), actorToken,
                    QJsonObject { { QStringLiteral("ops"),
                                    QJsonArray { Json::toJson(makeOperation(
                                            opId, id, server.version, edit)) } } });
            const QJsonObject result
                    = answer.body.value(QStringLiteral("results")).toArray().at(0).toObject();
            OperationResult r;
            // A malformed tag or target is refused with the whole request (400, the field
            // named), as docs/api.md says: refused, as the preview refuses it.
            if (answer.status == 400 && answer.body.contains(QStringLiteral("error"))) {
                const QJsonObject error = answer.body.value(QStringLiteral("error")).toObject();
                r.result = OpResult::Rejected;
                r.code = QStringLiteral("invalid-op");
                r.args = { error.value(QStringLiteral("message"))
                                   .toString()
                                   .remove(QRegularExpression(QStringLiteral("^ops\\[0\\]\\."))) };
            } else
            QVERIFY2(Json::fromJson(result, &r, nullptr),
                     qPrintable(replay + u' ' + opTypeName(edit.type) + u' '
                                + QString::fromUtf8(QJsonDocument(encodePayload(edit))
                                                            .toJson(QJsonDocument::Compact))
                                + u' '
                                + QString::number(answer.status) + u' '
                                + QString::fromUtf8(answer.raw)));
            QVERIFY2(r.result == OpResult::Applied || r.result == OpResult::Rejected,
                     qPrintable(replay + u' ' + r.result + u' ' + r.code));
            const bool ok = r.result == OpResult::Applied;
            (ok ? applied : refused) += 1;
            (ok ? appliedByType : refusedByType)[edit.type] += 1;
            // Compared while there is a ticket to compare: a new one refused leaves none on
            // the server (the edits after it are unknown-ticket there, a pending one here).
            const bool compared = !createRefused;
            if (edit.type == OpType::CreateTicket && !ok) {
                createRefused = true;
                ++createRefusals[r.code];
            }
            if (edit.type == OpType::Reply || edit.type == OpType::Note)
                authored.insert(edit.messageId);
            if (r.hasTicket && r.ticket.id == id)
                server = r.ticket;
            trail << QStringLiteral("%1 %2 → %3 %4 %5")
                             .arg(opTypeName(edit.type),
                                  QString::fromUtf8(QJsonDocument(encodePayload(edit))
                                                            .toJson(QJsonDocument::Compact)),
                                  r.result, r.code, r.args.join(QStringLiteral(" / ")));
            // The preview refuses it exactly when the server does, for the same reason: a new
            // ticket too, by the rules of taking one in, its month's quota counted in the cache.
            if (compared) {
                // A new ticket's refusals name no ticket number: compared with their arguments.
                const bool numbers = !create || edit.type == OpType::CreateTicket;
                const QString previewSays = previewed.allowed()
                        ? OpResult::Applied
                        : reason(previewed.code, previewed.args, numbers);
                const QString serverSays = ok ? OpResult::Applied : reason(r.code, r.args, numbers);
                if (previewSays != serverSays) {
                    qWarning().noquote()
                            << QStringLiteral("%1, acting as %2 (%3)%4\npreview %5\nserver  %6\n%7")
                                       .arg(replay, actor.id, roleId(actor.role),
                                            listLags ? QStringLiteral(", off the agent list")
                                                     : QString(),
                                            previewSays, serverSays, trail.join(u'\n'));
                    QFAIL(qPrintable(replay
                                     + QStringLiteral(": the preview and the server decide %1 "
                                                      "differently")
                                               .arg(opTypeName(edit.type))));
                }
                if (!ok && r.code == MergeCode::NotAllowed)
                    ++refusedByActor[roleId(actor.role)];
            }
        }
        if (createRefused) {
            // Refused alike (above); the pending ticket is taken back from the cache when the
            // server's answer comes (tst_outbox): no state to compare.
            ++createsRefused;
            continue;
        }
        const Ticket preview = cache.ticket(id).value_or(Ticket());
        if (decided(preview) != decided(server)) {
            // In full (QTest cuts a long failure message short).
            qWarning().noquote() << QStringLiteral("%1\nfrom    %2\npreview %3\nserver  %4\n%5")
                                            .arg(replay, decided(original), decided(preview),
                                                 decided(server), trail.join(u'\n'));
            QFAIL(qPrintable(replay + QStringLiteral(": the preview and the server disagree")));
        }

        // The messages written (the cache started with none): the preview's authored ones are
        // the server's new ones, word for word.
        const auto line = [](const Message &m) {
            return m.id + u' ' + m.kind + u' ' + m.authorId + u' ' + m.body;
        };
        QStringList previewMessages;
        for (const Message &m : cache.messages(id)) {
            if (m.kind != MessageKind::System)
                previewMessages << line(m);
        }
        // Authored ones only: a merge's notice to the customer is the server's to write and
        // send (it goes out by mail), as system events are; the preview shows neither.
        // On whichever ticket they are now: a merge moves the duplicate's messages to its
        // target (the store's part of a merge, not the ticket's).
        QStringList serverMessages;
        const RealServer::State after = m_server->state(token);
        for (const QVector<Message> &list : after.messages) {
            for (const Message &m : list) {
                if (authored.contains(m.id))
                    serverMessages << line(m);
            }
        }
        previewMessages.sort();
        serverMessages.sort();
        QVERIFY2(previewMessages == serverMessages,
                 qPrintable(replay + u'\n' + trail.join(u'\n')));
    }
    // The sequences tried every type of op, and both sides of the rules.
    QStringList tried;
    for (const OpType type : types) {
        QVERIFY2(appliedByType.value(type) + refusedByType.value(type) > 0,
                 qPrintable(replay + QStringLiteral(": no %1 generated").arg(opTypeName(type))));
        tried << QStringLiteral("%1 %2/%3")
                         .arg(opTypeName(type))
                         .arg(appliedByType.value(type))
                         .arg(refusedByType.value(type));
    }
    QStringList byRole;
    for (auto it = refusedByActor.cbegin(); it != refusedByActor.cend(); ++it)
        byRole << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    QStringList createCodes;
    for (auto it = createRefusals.cbegin(); it != createRefusals.cend(); ++it)
        createCodes << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    qInfo("%s: %d sequences (%d new tickets refused: %s), %d edits applied, %d refused; "
          "applied/refused by type: %s; merges refused for who acts: %s",
          qPrintable(replay), sequences, createsRefused,
          qPrintable(createCodes.isEmpty() ? QStringLiteral("none") : createCodes.join(u',')),
          applied, refused, qPrintable(tried.join(QStringLiteral(", "))),
          qPrintable(byRole.isEmpty() ? QStringLiteral("none") : byRole.join(u',')));
    // Every run reaches the new ticket's refusals and the applied paths the rules guard, each
    // as often as the sequences made it (at least; a random one may reach it too): applied
    // and refused alike, five times each in a run.
    for (auto it = madeCreateRefusals.cbegin(); it != madeCreateRefusals.cend(); ++it)
        QVERIFY2(createRefusals.value(it.key()) >= it.value(),
                 qPrintable(replay + QStringLiteral(": %1 new tickets refused %2, %3 made to be")
                                             .arg(createRefusals.value(it.key()))
                                             .arg(it.key())
                                             .arg(it.value())));
    QVERIFY2(madeCreateRefusals.size() == 2 && madeOverridden > 0, qPrintable(replay));
    for (const OpType type : { OpType::CreateTicket, OpType::Reclassify, OpType::QuotaOverride })
        QVERIFY2(appliedByType.value(type) >= madeOverridden,
                 qPrintable(replay + QStringLiteral(": %1 %2 applied, %3 made to be")
                                             .arg(appliedByType.value(type))
                                             .arg(opTypeName(type))
                                             .arg(madeOverridden)));
}

// Who may merge is the signed-in agent's role: the lead may merge any ticket, an agent only
// one assigned to them. The preview decides it by the role the server gave at sign-in when
// the cache's agent list does not hold the agent yet (a first sync under way), as the server
// does: before, it took the lead for an agent and refused the merge the server applied.
void TestEditParity::signedInRoleDecidesOffTheAgentList()
{
    const QString token = m_server->token(Lead);
    const RealServer::State now = m_server->state(token);
    QVERIFY(now.ok);
    // Two open tickets of one customer, neither merged, the first assigned to nobody of the
    // three actors (so only the lead may merge it).
    std::optional<Ticket> duplicate;
    std::optional<Ticket> target;
    QStringList ids = now.tickets.keys();
    ids.sort();
    const auto mergeable = [](const Ticket &t) {
        return t.status != TicketStatus::Closed && t.mergedInto.isEmpty() && t.mergedFrom.isEmpty()
                && t.number > 0;
    };
    for (const QString &a : std::as_const(ids)) {
        const Ticket &d = now.tickets[a];
        if (!mergeable(d) || actors().contains(d.assigneeId))
            continue;
        for (const QString &b : std::as_const(ids)) {
            const Ticket &t = now.tickets[b];
            if (b != a && mergeable(t) && t.customerId == d.customerId
                && t.subClient == d.subClient && t.links.size() + d.links.size() < 10) {
                duplicate = d;
                target = t;
                break;
            }
        }
        if (duplicate)
            break;
    }
    QVERIFY2(duplicate, "the demo has no two open tickets of one customer");
    TicketEdit merge;
    merge.type = OpType::Merge;
    merge.targetId = target->id;

    for (const QString &id : { actors().at(2), Lead }) {
        const auto found = std::find_if(now.agents.cbegin(), now.agents.cend(),
                                        [&id](const Agent &a) { return a.id == id; });
        QVERIFY(found != now.agents.cend());
        QVector<Agent> others;
        for (const Agent &a : now.agents) {
            if (a.id != id)
                others.append(a);
        }
        TicketCache cache(QStringLiteral("role-") + id);
        QVERIFY(fillCache(cache, m_dir.filePath(QStringLiteral("role-%1.db").arg(id)),
                          { *duplicate, *target }, others, *found));
        const Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                           duplicate->id, duplicate->version, merge);
        const RuleCheck previewed = cache.previewRefusal(op);
        const RealServer::Reply answer = m_server->request(
                "POST", QStringLiteral("/ops"), m_server->token(id),
                QJsonObject { { QStringLiteral("ops"), QJsonArray { Json::toJson(op) } } });
        OperationResult r;
        QVERIFY2(Json::fromJson(answer.body.value(QStringLiteral("results")).toArray().at(0)
                                        .toObject(),
                                &r, nullptr),
                 answer.raw.constData());
        const bool lead = id == Lead;
        QCOMPARE(r.result, lead ? OpResult::Applied : OpResult::Rejected);
        QCOMPARE(previewed.code, lead ? QString() : MergeCode::NotAllowed);
        QCOMPARE(r.code, previewed.code);
    }
}

QTEST_GUILESS_MAIN(TestEditParity)
#include "tst_editparity.moc"
