// An in-memory stand-in for the ticket server, for the sync engine's unit tests: the change
// feed, op_id idempotency and base-version conflicts as docs/api.md describes them, answered
// on the next event-loop turn. The end-to-end suite runs the same scenarios against the real
// server process.
#pragma once

#include "domain.h"
#include "plancatalog.h"
#include "ticketedit.h"
#include "transport.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUrlQuery>

namespace SupportDesk::Testing {

class FakeServer final : public Transport
{
    Q_OBJECT

public:
    explicit FakeServer(QObject *parent = nullptr) : Transport(parent) {}

    // The one account GET /me answers with: whoever accepts here is this agent.
    static QString agentId() { return QStringLiteral("a1"); }

    qint64 clockSkewMs = 0; // the server's clock minus the client's
    int requestsServed = 0;
    bool refuseOps = false; // POST /ops answers 503: edits stay in the outbox

    Ticket addTicket(const QString &id, const QString &subject)
    {
        Ticket t;
        t.id = id;
        t.number = ++m_number;
        t.customerId = QStringLiteral("c1");
        t.subject = subject;
        t.channel = QStringLiteral("ticket");
        t.severity = QStringLiteral("consultation");
        t.planId = QStringLiteral("service-plan");
        t.editionId = QStringLiteral("s3-commercial");
        t.createdAt = QDateTime::currentDateTimeUtc();
        t.dueAt = t.createdAt.addSecs(7200);
        t.updatedAt = t.createdAt;
        t.version = 1;
        store(t);
        return t;
    }
    // A ticket as given (an assignee, other times), stored as addTicket() stores its own.
    void putTicket(const Ticket &t) { store(t); }
    // A directory record in the feed (a new or renamed agent or customer).
    void putAgent(const Agent &a) { storeRecord(QStringLiteral("agent"), a.id, Json::toJson(a)); }
    void putCustomer(const Customer &c)
    {
        storeRecord(QStringLiteral("customer"), c.id, Json::toJson(c));
    }
    // The team's settings in the feed (as a lead's save writes them on the server).
    void putSettings(const TeamSettings &s)
    {
        storeRecord(QStringLiteral("settings"), QStringLiteral("team"), Json::toJson(s));
    }
    // Runs `change(this)` on the server's own thread (a session's worker) and waits for it.
    template<typename Change> void changeOnItsThread(Change change)
    {
        QMetaObject::invokeMethod(this, [this, change] { change(this); },
                                  Qt::BlockingQueuedConnection);
    }
    const QHash<QString, Ticket> &tickets() const { return m_tickets; }
    QVector<Message> messagesOf(const QString &ticketId) const
    {
        QVector<Message> list;
        for (const Message &m : m_messages) {
            if (m.ticketId == ticketId)
                list.append(m);
        }
        return list;
    }
    int appliedOps() const { return int(m_results.size()); }

    quint64 send(const QByteArray &method, const QString &path, const QByteArray &body,
                 Callback done) override
    {
        const quint64 id = m_nextId++;
        m_live.insert(id);
        TransportResponse r;
        r.sentAt = QDateTime::currentDateTimeUtc();
        r.status = 200;
        const QString route = path.section(u'?', 0, 0);
        const QUrlQuery query(path.section(u'?', 1));
        QJsonObject reply;
        if (method == "GET" && route == u"/catalog") {
            QJsonArray plans;
            QStringList errors;
            if (const auto set = CatalogSet::loadBuiltIn(&errors)) {
                for (const PlanCatalog &p : set->plans())
                    plans.append(QJsonDocument::fromJson(p.json()).object());
            }
            reply.insert(QStringLiteral("plans"), plans);
        } else if (method == "GET" && route == u"/me") {
            reply.insert(QStringLiteral("agent"),
                         QJsonObject{{QStringLiteral("id"), agentId()},
                                     {QStringLiteral("name"), QStringLiteral("Ann")},
                                     {QStringLiteral("role"), QStringLiteral("agent")},
                                     {QStringLiteral("locale"), QStringLiteral("en")}});
        } else if (method == "GET" && route == u"/changes") {
            reply = changes(query.queryItemValue(QStringLiteral("after")).toLongLong(),
                            query.queryItemValue(QStringLiteral("limit")).toInt());
        } else if (method == "POST" && route == u"/ops" && refuseOps) {
            r.status = 503;
        } else if (method == "POST" && route == u"/ops") {
            reply = ops(QJsonDocument::fromJson(body).object());
        } else {
            r.status = 404;
        }
        reply.insert(QStringLiteral("server_time"),
                     Json::timestamp(QDateTime::currentDateTimeUtc().addMSecs(clockSkewMs)));
        r.body = QJsonDocument(reply).toJson(QJsonDocument::Compact);
        QTimer::singleShot(0, this, [this, id, r, done]() mutable {
            if (!m_live.remove(id))
                return;
            ++requestsServed;
            r.receivedAt = QDateTime::currentDateTimeUtc();
            done(r);
        });
        return id;
    }
    void abort(quint64 id) override { m_live.remove(id); }
    QUrl streamUrl() const override { return {}; }

private:
    void store(Ticket t)
    {
        t.seq = ++m_seq;
        m_tickets.insert(t.id, t);
        m_feed.append({t.seq, QStringLiteral("ticket"), t.id});
    }

    void storeRecord(const QString &kind, const QString &id, const QJsonObject &data)
    {
        m_records.insert(kind + u'/' + id, {++m_seq, data});
        m_feed.append({m_seq, kind, id});
    }

    QJsonObject changes(qint64 after, int limit)
    {
        limit = limit > 0 ? limit : 500;
        QJsonArray list;
        qint64 last = after;
        bool more = false;
        for (const auto &entry : m_feed) {
            if (entry.seq <= after)
                continue;
            // Only the latest write of a record is in the feed.
            QJsonObject data;
            if (entry.kind == u"ticket") {
                const Ticket &t = m_tickets.value(entry.id);
                if (t.seq != entry.seq)
                    continue;
                data = Json::toJson(t);
            } else if (entry.kind == u"message") {
                data = Json::toJson(m_messages.value(entry.id));
            } else {
                const auto record = m_records.value(entry.kind + u'/' + entry.id);
                if (record.first != entry.seq)
                    continue;
                data = record.second;
            }
            if (list.size() == limit) {
                more = true;
                break;
            }
            list.append(QJsonObject{{QStringLiteral("seq"), entry.seq},
                                    {QStringLiteral("kind"), entry.kind},
                                    {QStringLiteral("data"), data}});
            last = entry.seq;
        }
        return {{QStringLiteral("after"), after},
                {QStringLiteral("last_seq"), more ? last : std::max(last, m_seq)},
                {QStringLiteral("has_more"), more},
                {QStringLiteral("changes"), list}};
    }

    QJsonObject ops(const QJsonObject &request)
    {
        QJsonArray results;
        for (const QJsonValue &v : request.value(QStringLiteral("ops")).toArray()) {
            Operation op;
            QStringList problems;
            Json::fromJson(v.toObject(), &op, &problems);
            if (m_results.contains(op.opId)) {
                QJsonObject first = m_results.value(op.opId);
                first.insert(QStringLiteral("result"), OpResult::Duplicate);
                results.append(first);
                continue;
            }
            OperationResult r;
            r.opId = op.opId;
            Ticket t = m_tickets.value(op.ticketId);
            QString problem;
            const std::optional<TicketEdit> edit = decodeEdit(op, &problem);
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (edit && edit->type == OpType::CreateTicket) {
                t = ticketFromCreate(op.ticketId, *edit, now);
                t.number = ++m_number;
                t.planId = QStringLiteral("service-plan");
                t.editionId = QStringLiteral("s3-commercial");
                t.dueAt = t.createdAt.addSecs(7200);
            } else if (!m_tickets.contains(op.ticketId)) {
                r.result = OpResult::Rejected;
                r.code = QStringLiteral("unknown-ticket");
                r.args = QStringList{op.ticketId};
                results.append(Json::toJson(r));
                continue;
            } else if (op.baseVersion != t.version) {
                r.result = OpResult::Conflict;
                r.code = OpResult::Conflict;
                r.hasTicket = true;
                r.ticket = t;
                results.append(Json::toJson(r)); // not remembered: a re-applied op may succeed
                continue;
            } else {
                // The server's own function: what the fake answers is what the server would.
                EditContext context;
                context.actor.id = agentId();
                context.actor.name = QStringLiteral("Ann"); // as GET /me names the agent
                context.actor.role = AgentRole::Agent;
                context.at = now;
                context.plan = m_catalogs.plan(t.planId);
                context.findAgent = [](const QString &id) {
                    Agent a;
                    a.id = id;
                    a.name = id;
                    a.role = AgentRole::Agent;
                    return std::optional<Agent>(a);
                };
                context.findTicket = [this](const QString &id) -> std::optional<Ticket> {
                    if (!m_tickets.contains(id))
                        return std::nullopt;
                    return m_tickets.value(id);
                };
                const EditOutcome outcome = edit ? applyEdit(t, *edit, context) : EditOutcome();
                if (!edit || outcome.refused()) {
                    r.result = OpResult::Rejected;
                    r.code = edit ? outcome.refusal.code : QStringLiteral("invalid-op");
                    r.args = edit ? outcome.refusal.args : QStringList{problem};
                    r.hasTicket = true;
                    r.ticket = t;
                    const QJsonObject json = Json::toJson(r);
                    m_results.insert(op.opId, json);
                    results.append(json);
                    continue;
                }
                t = outcome.ticket;
                if (outcome.other) { // a merge's target, a link's other end
                    Ticket other = *outcome.other;
                    other.version += 1;
                    store(other);
                }
                for (Ticket linked : outcome.relinked) { // a merge's, as the server writes
                    linked.version += 1;
                    store(linked);
                }
                if (edit->type == OpType::Reply || edit->type == OpType::Note) {
                    Message m = outcome.messages.constFirst();
                    m.seq = ++m_seq;
                    m_messages.insert(m.id, m);
                    m_feed.append({m.seq, QStringLiteral("message"), m.id});
                }
            }
            t.version += 1;
            t.updatedAt = QDateTime::currentDateTimeUtc();
            store(t);
            r.result = OpResult::Applied;
            r.hasTicket = true;
            r.ticket = m_tickets.value(t.id);
            const QJsonObject json = Json::toJson(r);
            m_results.insert(op.opId, json);
            results.append(json);
        }
        return {{QStringLiteral("results"), results}};
    }

    struct FeedEntry
    {
        qint64 seq;
        QString kind;
        QString id;
    };
    QVector<FeedEntry> m_feed;
    QHash<QString, Ticket> m_tickets;
    QHash<QString, Message> m_messages;
    QHash<QString, std::pair<qint64, QJsonObject>> m_records; // "kind/id" → latest seq, data
    QHash<QString, QJsonObject> m_results; // op_id → its first result
    QSet<quint64> m_live;
    quint64 m_nextId = 1;
    qint64 m_seq = 0;
    qint64 m_number = 1000;
    // The rules the fake decides edits by: the built-in catalogs, read once.
    const CatalogSet m_catalogs = [] {
        QStringList errors;
        return CatalogSet::loadBuiltIn(&errors).value_or(CatalogSet());
    }();
};

} // namespace SupportDesk::Testing
