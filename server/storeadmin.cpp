// Agents and tokens, customers, documents, team settings and bulk imports: what admin
// commands, the demo and PUT /settings write (see store.h).
#include "store.h"
#include "storesql.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace SupportDesk::Server {

QString Store::hashToken(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

std::optional<Agent> Store::agentByToken(const QString &token)
{
    if (token.isEmpty())
        return std::nullopt;
    // Prepared once: every request's token is looked up (cached for 2 s by the Api), and a
    // statement prepared per call is three round trips on PostgreSQL.
    QSqlQuery &q = prepared(QStringLiteral("SELECT a.id, a.name, a.role, a.locale, r.seq FROM "
                                           "agents a LEFT JOIN records r ON r.kind = 'agent' "
                                           "AND r.id = a.id WHERE a.token_hash = ?"));
    q.bindValue(0, hashToken(token));
    if (!q.exec() || !q.next()) {
        q.finish();
        return std::nullopt;
    }
    Agent a;
    a.id = q.value(0).toString();
    a.name = q.value(1).toString();
    const QString roleName = q.value(2).toString();
    a.locale = q.value(3).toString();
    a.seq = q.value(4).toLongLong();
    q.finish();
    const std::optional<AgentRole> role = parseRole(roleName);
    if (!role) {
        // A row no build wrote (edited by hand): the account signs in as nothing rather
        // than as something it may not be.
        fail(QStringLiteral("agent %1 has the unknown role \"%2\"").arg(a.id, roleName));
        return std::nullopt;
    }
    a.role = *role;
    return a;
}

bool Store::putDocument(const QString &name, const QByteArray &data)
{
    if (!begin())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM documents WHERE name = ?"));
    q.addBindValue(text(name));
    bool ok = q.exec();
    if (ok) {
        q.prepare(QStringLiteral(
                "INSERT INTO documents (name, data, loaded_at) VALUES (?, ?, ?)"));
        q.addBindValue(text(name));
        q.addBindValue(text(QString::fromUtf8(data)));
        q.addBindValue(Json::timestamp(m_now));
        ok = q.exec();
    }
    if (!ok) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    if (!audit(QStringLiteral("admin"), QStringLiteral("document-load"), name,
               QJsonObject { { QStringLiteral("bytes"), qint64(data.size()) } })
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

std::optional<qint64> Store::putSettings(const Agent &by, const TeamSettings &settings)
{
    if (!begin())
        return std::nullopt;
    TeamSettings s = settings;
    s.atRiskFraction = std::clamp(s.atRiskFraction, 0.01, 0.99);
    s.seq = nextSeq();
    if (!writeRecord(QStringLiteral("settings"), QStringLiteral("team"), s.seq, Json::toJson(s))
        || !audit(by.id, QStringLiteral("put-settings"), QStringLiteral("team"), Json::toJson(s))
        || !commit()) {
        rollback();
        return std::nullopt;
    }
    return s.seq;
}

std::optional<QString> Store::addAgent(Agent *agent, const QString &givenToken)
{
    if (agent->id.isEmpty())
        agent->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!begin())
        return std::nullopt;
    agent->seq = nextSeq();
    QString token = givenToken;
    if (token.isEmpty()) {
        QByteArray raw(32, Qt::Uninitialized);
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
        token = QString::fromLatin1(
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO agents (id, name, role, locale, token_hash) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "name = excluded.name, role = excluded.role, "
                             "locale = excluded.locale, token_hash = excluded.token_hash"));
    q.addBindValue(agent->id);
    q.addBindValue(text(agent->name));
    q.addBindValue(roleId(agent->role));
    q.addBindValue(text(agent->locale));
    q.addBindValue(hashToken(token));
    if (!q.exec()) {
        fail(q.lastError().text());
        rollback();
        return std::nullopt;
    }
    if (!writeRecord(QStringLiteral("agent"), agent->id, agent->seq, Json::toJson(*agent))
        || !audit(QStringLiteral("admin"), QStringLiteral("agent-add"), agent->id,
                  Json::toJson(*agent))
        || !commit()) {
        rollback();
        return std::nullopt;
    }
    return token;
}

std::optional<QString> Store::newToken(const QString &agentId)
{
    std::optional<Agent> a = agent(agentId);
    if (!a) {
        fail(QStringLiteral("no agent %1").arg(agentId));
        return std::nullopt;
    }
    return addAgent(&*a);
}

bool Store::putCustomer(const Customer &customer)
{
    if (!m_catalogs->plan(customer.planId)
        || !m_catalogs->plan(customer.planId)->edition(customer.editionId))
        return fail(QStringLiteral("customer %1: unknown plan or edition %2/%3")
                        .arg(customer.id, customer.planId, customer.editionId));
    // The codec refuses it too; this is for callers that fill a Customer themselves (the demo).
    if (!customer.language.isEmpty() && !CustomerLanguage::fromId(customer.language))
        return fail(QStringLiteral("customer %1: language: must be one of: %2")
                        .arg(customer.id, CustomerLanguage::ids().join(QStringLiteral(", "))));
    if (!begin())
        return false;
    Customer c = customer;
    c.seq = nextSeq();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO customers (id, plan_id, edition_id, time_zone) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                             "plan_id = excluded.plan_id, edition_id = excluded.edition_id, "
                             "time_zone = excluded.time_zone"));
    q.addBindValue(c.id);
    q.addBindValue(text(c.planId));
    q.addBindValue(text(c.editionId));
    q.addBindValue(text(c.timeZone));
    if (!q.exec()) {
        fail(q.lastError().text());
        rollback();
        return false;
    }
    if (!writeRecord(QStringLiteral("customer"), c.id, c.seq, Json::toJson(c))
        || !audit(QStringLiteral("admin"), QStringLiteral("customer-put"), c.id, Json::toJson(c))
        || !commit()) {
        rollback();
        return false;
    }
    return true;
}

bool Store::importTickets(QVector<Ticket> *tickets, QVector<Message> *messages)
{
    if (!begin())
        return false;
    const QDateTime now = m_now;
    for (Ticket &t : *tickets) {
        if (t.number == 0)
            t.number = ++m_txNumber;
        if (t.version == 0)
            t.version = 1;
        m_now = t.updatedAt.isValid() ? t.updatedAt : t.createdAt;
        if (!writeTicket(t)) {
            rollback();
            return false;
        }
    }
    m_now = now;
    for (Message &m : *messages) {
        if (!writeMessage(m)) {
            rollback();
            return false;
        }
    }
    if (!commit()) {
        rollback();
        return false;
    }
    return true;
}

} // namespace SupportDesk::Server
