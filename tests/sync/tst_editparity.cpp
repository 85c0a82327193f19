// Property test of the one definition of an edit: random sequences of ops, previewed by the
// client's cache (offline, all pending) and applied by the real server on loopback, end in the
// same ticket (server-only fields aside: number, version, seq, update and response times).
#include "plancatalog.h"
#include "realserver.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "ticketedit.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
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

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
};

namespace {

const QString Lead = QStringLiteral("a-wangfang");

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

// A new ticket as the desk's new-ticket form sends it: a customer of the demo (taken from one
// of its tickets, with that ticket's sub-client), the preview hints the form computes, and now
// and then what the server refuses (an empty subject, a channel or severity the plan lacks).
TicketEdit randomCreate(QRandomGenerator &rng, const Ticket &like, const CatalogSet &catalogs,
                        const QDateTime &at)
{
    TicketEdit e;
    e.type = OpType::CreateTicket;
    e.customerId = like.customerId;
    e.subClient = like.subClient;
    e.subject = rng.bounded(8) ? QStringLiteral("VPN drops every hour") : QStringLiteral(" ");
    e.body = QStringLiteral("Since this morning.");
    static const QVector<QString> channels { QStringLiteral("ticket"), QStringLiteral("hotline"),
                                             QStringLiteral("im") };
    e.channel = rng.bounded(3) ? like.channel : pick(rng, channels);
    e.severity = pick(rng, severities());
    if (rng.bounded(2)) {
        const auto &s = pick(rng, softwareNames());
        e.software = s.first;
        e.softwareVersion = s.second;
    }
    e.planId = like.planId;
    e.editionId = like.editionId;
    if (const PlanCatalog *plan = catalogs.plan(like.planId))
        e.dueAt = ResponseClock::deadline(*plan, like.editionId, e.severity, at);
    return e;
}

// One random edit of ticket `t`: valid ones and ones the rules refuse, in about equal parts.
// `others` are the tickets a merge or a link may name (the same customer's among them).
TicketEdit randomEdit(QRandomGenerator &rng, OpType type, const Ticket &t,
                      const QVector<Agent> &agents, const QVector<Ticket> &others)
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
    case OpType::Reclassify:
        e.severity = rng.bounded(4) ? pick(rng, severities()) : t.severity;
        e.reason = pick(rng, reasons);
        break;
    case OpType::SetSoftware: {
        const auto &s = pick(rng, softwareNames());
        e.software = s.first;
        e.softwareVersion = s.second;
        break;
    }
    case OpType::QuotaOverride:
        e.reason = pick(rng, reasons);
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
                               QStringLiteral("3600") }),
             m_server->log().constData());
    QVERIFY(!m_server->token(Lead).isEmpty());
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
    const auto lead = std::find_if(agents.cbegin(), agents.cend(),
                                   [](const Agent &a) { return a.id == Lead; });
    QVERIFY(lead != agents.cend());

    QStringList catalogErrors;
    const std::optional<CatalogSet> catalogs = CatalogSet::loadBuiltIn(&catalogErrors);
    QVERIFY2(catalogs, qPrintable(catalogErrors.join(u'\n')));
    const QVector<OpType> types = everyOpType();
    QVERIFY(types.size() >= 14);

    // A seed from the environment replays a failure; otherwise a new one each run, printed.
    const quint32 seed = qEnvironmentVariableIsSet("EDIT_PARITY_SEED")
            ? quint32(qEnvironmentVariableIntValue("EDIT_PARITY_SEED"))
            : QRandomGenerator::global()->generate();
    QRandomGenerator rng(seed);
    const QString replay = QStringLiteral("seed %1 (replay: EDIT_PARITY_SEED=%1)").arg(seed);

    QStringList ids = start.tickets.keys();
    ids.sort();
    const int sequences = 40;
    int applied = 0;
    int refused = 0;
    int createsRefused = 0;
    QMap<OpType, int> appliedByType;
    QMap<OpType, int> refusedByType;
    for (int n = 0; n < sequences && !ids.isEmpty(); ++n) {
        // The server as it is now: earlier sequences merged and linked other tickets too.
        const RealServer::State now = m_server->state(token);
        QVERIFY(now.ok);
        // Each fourth sequence starts with a new ticket; the others edit an existing one.
        const bool create = n % 4 == 3;
        const QString like = ids.takeAt(int(rng.bounded(quint32(ids.size()))));
        const QString id = create ? QUuid::createUuid().toString(QUuid::WithoutBraces) : like;
        const Ticket original = now.tickets.value(like);

        // Tickets a merge or a link may name: of the same customer first, and two others.
        QVector<Ticket> others;
        for (const Ticket &t : now.tickets) {
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

        // A fresh cache holding the server's tickets, signed in as the lead, offline.
        TicketCache cache(QStringLiteral("parity-%1").arg(n));
        QCOMPARE(cache.open(m_dir.filePath(QStringLiteral("cache-%1.db").arg(n))),
                 TicketCache::OpenStatus::Ok);
        QVector<Ticket> cached = others;
        if (!create)
            cached.append(original);
        qint64 lastSeq = 0;
        for (const Ticket &t : std::as_const(cached))
            lastSeq = std::max(lastSeq, t.seq);
        QVERIFY(cache.applyChanges(cached, {}, {}, agents, std::nullopt, lastSeq, true, nullptr));
        QVERIFY(cache.setSyncValue(QStringLiteral("me"),
                                   QString::fromUtf8(QJsonDocument(Json::toJson(*lead))
                                                             .toJson(QJsonDocument::Compact))));

        Ticket server = create ? Ticket() : original;
        const qint64 base = create ? 0 : original.version;
        QStringList trail;
        QSet<QString> authored; // the message ids of the sequence's replies and notes
        bool createRefused = false;
        const int length = (create ? 2 : 1) + int(rng.bounded(12));
        for (int k = 0; k < length; ++k) {
            const QDateTime at = QDateTime::currentDateTimeUtc();
            const std::optional<Ticket> shown = cache.ticket(id);
            const TicketEdit edit = create && k == 0
                    ? randomCreate(rng, original, *catalogs, at)
                    : randomEdit(rng, pick(rng, types), shown.value_or(Ticket()), agents,
                                 others);
            if (edit.type == OpType::CreateTicket && k > 0)
                continue; // a new ticket's id is new only once
            const QString opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            // Offline: every edit stands on the version the cache has; the server gets each on
            // its current version, as the outbox re-sends an edit after the one before it.
            QVERIFY2(cache.saveEdit(makeOperation(opId, id, base, edit, at)),
                     qPrintable(cache.errorString()));
            const RealServer::Reply answer = m_server->request(
                    "POST", QStringLiteral("/ops"), token,
                    QJsonObject { { QStringLiteral("ops"),
                                    QJsonArray { Json::toJson(makeOperation(
                                            opId, id, server.version, edit)) } } });
            const QJsonObject result
                    = answer.body.value(QStringLiteral("results")).toArray().at(0).toObject();
            OperationResult r;
            // A malformed tag or target is refused with the whole request (400, the field
            // named), as docs/api.md says: refused, as the preview refuses it.
            if (answer.status == 400 && answer.body.contains(QStringLiteral("error"))) {
                r.result = OpResult::Rejected;
                r.code = answer.body.value(QStringLiteral("error"))
                                 .toObject()
                                 .value(QStringLiteral("code"))
                                 .toString();
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
            if (edit.type == OpType::CreateTicket && !ok)
                createRefused = true;
            if (edit.type == OpType::Reply || edit.type == OpType::Note)
                authored.insert(edit.messageId);
            if (r.hasTicket && r.ticket.id == id)
                server = r.ticket;
            trail << QStringLiteral("%1 %2 → %3 %4")
                             .arg(opTypeName(edit.type),
                                  QString::fromUtf8(QJsonDocument(encodePayload(edit))
                                                            .toJson(QJsonDocument::Compact)),
                                  r.result, r.code);
        }
        if (createRefused) {
            // The form checks the rules before it sends; a create the server refuses is
            // taken back from the cache when the answer comes (tst_outbox), not compared.
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
    QVERIFY2(applied > 10 && refused > 10,
             qPrintable(replay
                        + QStringLiteral(": %1 applied, %2 refused").arg(applied).arg(refused)));
    qInfo("%s: %d sequences (%d new tickets refused), %d edits applied, %d refused; "
          "applied/refused by type: %s",
          qPrintable(replay), sequences, createsRefused, applied, refused,
          qPrintable(tried.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(TestEditParity)
#include "tst_editparity.moc"
