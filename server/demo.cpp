// Demo data and the ticket simulator (see demo.h).
#include "demo.h"
#include "macro.h"
#include "mailmessage.h"
#include "mailstore.h"
#include "ticketedit.h"

#include "planrules.h"
#include "responseclock.h"
#include "ticketserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUuid>

namespace SupportDesk::Server {

namespace {

struct Topic
{
    const char16_t *subject;
    const char16_t *body;
    const char *software; // a catalog id or empty
    const char *version;
};

// Cloud support cases, in the language the customer wrote them in.
const Topic ChineseTopics[] = {
    { u"云服务器重启后无法通过 SSH 登录",
      u"实例重启后 22 端口拒绝连接，控制台 VNC 可以登录，请协助排查。", "ssh", "" },
    { u"MySQL 5.7 主从同步延迟持续升高",
      u"从库 Seconds_Behind_Master 一小时内升到 1800 秒，业务读到旧数据。", "mysql", "5.7" },
    { u"负载均衡健康检查失败，后端实例被摘除",
      u"CLB 健康检查全部失败，但实例上的服务可以直接访问。", "", "" },
    { u"Nginx 返回 502 Bad Gateway", u"高峰期 Nginx 大量 502，upstream 日志显示连接超时。", "nginx",
      "1.20.1" },
    { u"对象存储上传大文件超时", u"通过 SDK 上传 5 GB 文件时分片上传反复超时。", "", "" },
    { u"Windows 实例远程桌面连接被拒绝",
      u"MSTSC 提示“远程桌面由于以下原因之一无法连接”，安全组已放通 3389。", "mstsc", "" },
    { u"vsftpd 被动模式连接超时", u"FTP 客户端登录成功后列目录超时，怀疑被动端口未放通。", "vsftpd",
      "3.0.3" },
    { u"iptables 规则导致内网访问中断", u"修改 iptables 规则后同 VPC 内其他实例无法访问本机。",
      "iptables-firewalld", "" },
    { u"云硬盘扩容后文件系统容量未变化",
      u"控制台已扩容到 500 GB，df 仍显示 200 GB，请指导在线扩容。", "", "" },
    { u"Redis 内存使用率告警", u"云数据库 Redis 内存使用率超过 90%，有大量 key 未设置过期时间。",
      "", "" },
    { u"容器集群节点 NotReady", u"TKE 集群两个节点状态 NotReady，kubelet 日志报 PLEG 超时。", "",
      "" },
    { u"CDN 刷新后仍返回旧内容", u"提交 URL 刷新任务已完成，但部分地区仍命中旧缓存。", "", "" },
    { u"OpenVPN 客户端无法建立连接", u"使用 OpenVPN 2.3 客户端连接自建服务端，TLS 握手失败。",
      "openvpn", "2.3.18" },
    { u"SQL Server 2016 备份作业失败", u"维护计划中的完整备份作业报磁盘空间不足。", "sql-server",
      "2016" },
    { u"咨询：如何配置跨地域 VPC 对等连接", u"新加坡与广州两个 VPC 需要内网互通，请提供配置步骤。",
      "", "" },
    { u"Apache 配置 HTTPS 后证书不受信任", u"部署证书后浏览器提示证书链不完整。", "apache",
      "2.4.57" },
};

const Topic EnglishTopics[] = {
    { u"Cannot SSH into instance after kernel update",
      u"After yum update and reboot, port 22 times out. Console login works.", "ssh", "" },
    { u"Production database failover did not complete",
      u"The primary went down at 02:10 and the replica was not promoted.", "", "" },
    { u"Load balancer returns 504 for long requests",
      u"Requests longer than 60 s end with 504 at the CLB.", "", "" },
    { u"SFTP uploads fail for one sub-account",
      u"Permission denied on upload for a single chrooted user.", "sftp", "" },
    { u"Windows firewall blocks RDP after policy push",
      u"A GPO update closed 3389 on all Windows hosts of the sub-client.", "windows-firewall", "" },
    { u"Object storage bucket returns 403 to CDN",
      u"The CDN origin pull gets AccessDenied since the bucket policy changed.", "", "" },
    { u"How to resize a cloud disk without downtime",
      u"The sub-client asks whether an online resize is possible on CentOS 7.", "", "" },
    { u"FileZilla Server passive ports unreachable",
      u"Clients connect but directory listing hangs.", "filezilla-server", "0.9.60.2" },
    { u"Kubernetes pods stuck in ContainerCreating",
      u"CNI errors on two nodes after a node pool upgrade.", "", "" },
    { u"Billing alert: unexpected traffic spike",
      u"Outbound traffic doubled overnight; need to find the source.", "", "" },
    { u"rsync job between regions is very slow",
      u"Nightly rsync over the public network takes 9 hours instead of 2.", "scp-rsync", "" },
    { u"Usage question: snapshot retention policy",
      u"What is the best practice for automatic snapshot retention?", "", "" },
};

// What people add in a group once their case is open.
const char16_t *const ChineseFollowUps[] = {
    u"补充一下：重启之后问题依旧。",
    u"刚又出现了一次，时间大概是 5 分钟前。",
    u"请问目前排查到哪一步了？业务方在催。",
    u"截图和日志已经发到群文件里了。",
    u"我们这边回滚了昨天的变更，情况没有改善。",
};
const char16_t *const EnglishFollowUps[] = {
    u"Quick update: still happening after the restart.",
    u"It happened again about five minutes ago.",
    u"Any news? The sub-client is asking for an ETA.",
    u"We rolled back yesterday's change; no difference.",
    u"Logs are in the shared folder now.",
};
const char16_t *const ChinesePeople[] = { u"王磊", u"赵敏", u"孙浩", u"周婷" };
const char16_t *const EnglishPeople[] = { u"Tom Becker", u"Priya Nair", u"Lucas Silva" };

struct DemoCustomer
{
    const char *id;
    const char16_t *name;
    const char *plan;
    const char *edition;
    const char *since;
    const char *zone;
    const char *language; // CustomerLanguage: what the customer writes in and is answered in
};

const DemoCustomer Customers[] = {
    { "c-yunfan", u"杭州云帆科技有限公司", "service-plan", "s1-flagship", "2021-03-01",
      "Asia/Shanghai", "zh_CN" },
    { "c-jingdong-logistics", u"北京迅达物流股份有限公司", "service-plan", "s1-flagship",
      "2022-07-15", "Asia/Shanghai", "zh_CN" },
    { "c-haitian", u"深圳海天互娱网络有限公司", "service-plan", "s2-enterprise", "2023-01-10",
      "Asia/Shanghai", "zh_CN" },
    { "c-minghe", u"成都明和医疗信息有限公司", "service-plan", "s2-enterprise", "2024-05-01",
      "Asia/Shanghai", "zh_CN" },
    { "c-xinghuo", u"上海星火教育科技有限公司", "service-plan", "s3-commercial", "2024-09-01",
      "Asia/Shanghai", "zh_CN" },
    { "c-qingshan", u"武汉青山智造有限公司", "service-plan", "s3-commercial", "2025-02-20",
      "Asia/Shanghai", "zh_CN" },
    { "c-xiaomai", u"南京小麦电商工作室", "service-plan", "s4-basic", "2025-06-01",
      "Asia/Shanghai", "zh_CN" },
    { "c-lanting", u"苏州兰亭文化传媒", "service-plan", "s4-basic", "2026-01-05",
      "Asia/Shanghai", "zh_CN" },
    { "p-northwind", u"Northwind Cloud Partners", "partner-plan", "enterprise", "2023-04-01",
      "Asia/Singapore", "en" },
    { "p-meridian", u"Meridian IT Services", "partner-plan", "commercial", "2024-08-01",
      "Europe/Berlin", "en" },
    { "p-bluefin", u"Bluefin Hosting", "partner-plan", "standard", "2025-03-01",
      "Asia/Shanghai", "en" },
    { "p-kestrel", u"Kestrel Managed Services", "partner-plan", "standard", "2025-11-01",
      "America/Sao_Paulo", "en" },
};

struct DemoAgent
{
    const char *id;
    const char16_t *name;
    const char *role;
    const char *locale;
};

const DemoAgent Agents[] = {
    { "a-zhangwei", u"张伟", "agent", "zh_CN" }, { "a-lina", u"李娜", "agent", "zh_CN" },
    { "a-emma", u"Emma Clarke", "agent", "en" }, { "a-rahul", u"Rahul Mehta", "agent", "en" },
    { "a-wangfang", u"王芳", "lead", "zh_CN" },  { "a-admin", u"Desk Admin", "admin", "en" },
};

QString s(const char *latin)
{
    return QString::fromLatin1(latin);
}

Customer customerOf(const DemoCustomer &d, const CatalogSet &catalogs)
{
    Customer c;
    c.id = s(d.id);
    c.name = QString::fromUtf16(d.name);
    c.planId = s(d.plan);
    c.editionId = s(d.edition);
    c.editionSince = QDate::fromString(s(d.since), Qt::ISODate);
    c.timeZone = s(d.zone);
    c.language = s(d.language);
    if (const PlanCatalog *plan = catalogs.plan(c.planId)) {
        if (const Edition *e = plan->edition(c.editionId)) {
            static const char16_t *people[] = { u"陈静", u"Daniel Wu", u"刘洋", u"Sofia Rossi" };
            int i = 0;
            for (const NamedContact &nc : e->namedContacts)
                c.contacts.append({ nc.id, QString::fromUtf16(people[i++ % 4]),
                                    QStringLiteral("%1@support.example.com").arg(nc.id) });
        }
        if (plan->subClientRequired()) {
            for (int i = 1; i <= 3; ++i)
                c.subClients.append({ QStringLiteral("%1-sub-%2").arg(c.id).arg(i),
                                      QStringLiteral("%1 client %2").arg(c.name).arg(i) });
        }
    }
    return c;
}

// A severity mix: few outages, some degradations, mostly questions.
QString pickSeverity(const PlanCatalog &plan, QRandomGenerator *rng)
{
    const QVector<Severity> &list = plan.severities();
    const int roll = int(rng->bounded(100));
    if (roll < 8)
        return list.first().id;
    if (roll < 40)
        return list.at(1 + int(rng->bounded(qsizetype(std::max<qsizetype>(1, list.size() - 2)))))
            .id;
    return list.last().id;
}

QString pickChannel(const Edition &edition, QRandomGenerator *rng)
{
    // Mostly tickets, some calls, and the IM group where the edition has one.
    const int roll = int(rng->bounded(100));
    if (roll < 60 || edition.channels.size() == 1)
        return edition.channels.contains(QStringLiteral("ticket")) ? QStringLiteral("ticket")
                                                                   : edition.channels.first();
    return edition.channels.at(int(rng->bounded(qsizetype(edition.channels.size()))));
}

// The demo's customers write in their own language (a record of a demo store seeded before
// customers had one: the partners English, the others Chinese).
bool writesChinese(const Customer &c)
{
    return c.language.isEmpty() ? c.planId != u"partner-plan"
                                : c.language == CustomerLanguage::Chinese;
}

const Topic &pickTopic(const Customer &c, QRandomGenerator *rng)
{
    if (!writesChinese(c))
        return EnglishTopics[rng->bounded(int(std::size(EnglishTopics)))];
    return ChineseTopics[rng->bounded(int(std::size(ChineseTopics)))];
}

// A customer writing to the desk by e-mail, as Postfix would hand it to mail-ingest: a new
// case, or now and then an answer to the desk's last mail on one of its tickets. Through the
// real parser and Store::ingestMail under the server's attachment limit (--max-attachment), as
// mail-ingest is. The sequence after it, or 0.
qint64 customerWrites(Store *store, const Customer &c, QRandomGenerator *rng,
                      qint64 maxAttachmentBytes)
{
    const Topic &topic = pickTopic(c, rng);
    OutboundMail mail; // the customer's, so "outbound" from its side
    mail.fromName = c.name;
    mail.fromAddress = QStringLiteral("ops") + demoMailDomain(c.id);
    mail.toAddress = QStringLiteral("support@desk.example");
    mail.subject = QString::fromUtf16(topic.subject);
    mail.body = QString::fromUtf16(topic.body);
    if (!c.subClients.isEmpty())
        mail.subject += QStringLiteral(" (%1)").arg(c.subClients.first().account);
    mail.messageId = QUuid::createUuid().toString(QUuid::WithoutBraces) + u'@'
            + demoMailDomain(c.id).mid(1);
    mail.date = QDateTime::currentDateTimeUtc();
    // The log a customer sends with a case, so the demo's mail tickets carry a file as real
    // ones do (and one over a small --max-attachment is named in the text instead).
    QByteArray log;
    for (int i = 0; i < 12; ++i)
        log += QStringLiteral("%1 kernel: eth0: link timeout, retry %2\n")
                       .arg(mail.date.addSecs(-60 * (12 - i)).toString(Qt::ISODate))
                       .arg(i + 1)
                       .toUtf8();
    mail.attachments.append({ QStringLiteral("messages.log"), QStringLiteral("text/plain"), log });
    const QByteArray raw = composeMail(mail);
    QString problem;
    const std::optional<InboundMail> in = parseMail(raw, &problem);
    if (!in || !store->ingestMail(*in, raw, maxAttachmentBytes)) {
        qWarning("simulator: e-mail: %s", qPrintable(in ? store->lastError() : problem));
        return 0;
    }
    return store->lastSeq();
}

// A demo agent's token: derived from a secret the demo database keeps, so it is the same on
// every start and a desk signed in to the demo stays signed in across a restart of the server.
std::optional<QString> demoToken(Store *store, const QString &agentId)
{
    QByteArray secret;
    for (const char *key : {"demo_secret_1", "demo_secret_2"}) {
        // Two random 62-bit halves: meta keeps integers.
        const qint64 random
            = qint64(QRandomGenerator::system()->generate64() & ((quint64(1) << 62) - 1));
        const std::optional<qint64> value = store->metaValue(s(key), random);
        if (!value)
            return std::nullopt;
        secret += QByteArray::number(*value, 36) + ':';
    }
    const QByteArray mac = QMessageAuthenticationCode::hash(agentId.toUtf8(), secret,
                                                            QCryptographicHash::Sha256);
    return QString::fromLatin1(
        mac.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString agentToken(Store *store, const DemoAgent &d)
{
    Agent a;
    a.id = s(d.id);
    a.name = QString::fromUtf16(d.name);
    a.role = parseRole(s(d.role)).value_or(AgentRole::Agent);
    a.locale = s(d.locale);
    const std::optional<QString> token = demoToken(store, a.id);
    if (!token)
        return {};
    // Already the agent's token (every start after the first): nothing is written, so the
    // feed does not grow by the demo agents on each start.
    const std::optional<Agent> current = store->agentByToken(*token);
    if (current && current->id == a.id && current->name == a.name && current->role == a.role)
        return *token;
    return store->addAgent(&a, *token).value_or(QString());
}

} // namespace

QString demoMailDomain(const QString &customerId)
{
    return QStringLiteral("@%1.example").arg(customerId);
}

QString demoPortalAgentId()
{
    return QStringLiteral("a-portal");
}

namespace {

QString demoGroupId(const QString &customerId)
{
    return QStringLiteral("demo-") + customerId;
}

// A group for each demo customer whose edition has the IM group channel, posting replies to
// the receiver (whose port changes with every `make run`: the URL is set on every start; a
// group's secret is kept once made).
bool registerDemoGroups(Store *store, const CatalogSet &catalogs, const QString &receiverUrl)
{
    for (const DemoCustomer &d : Customers) {
        const Customer c = customerOf(d, catalogs);
        const PlanCatalog *plan = catalogs.plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (!edition || !edition->channels.contains(QStringLiteral("im-group")))
            continue;
        const std::optional<ImGroup> existing = store->imGroup(demoGroupId(c.id));
        if (!existing)
            return false;
        ImGroup g = *existing;
        const bool partner = plan->subClientRequired();
        g.id = demoGroupId(c.id);
        g.customerId = c.id;
        g.subClient = c.subClients.isEmpty() ? QString() : c.subClients.first().account;
        g.kind = partner ? QStringLiteral("slack") : QStringLiteral("wecom");
        g.name = partner ? QStringLiteral("%1 #support").arg(c.name)
                         : QStringLiteral("%1 运维群").arg(c.name);
        if (g.secret.isEmpty()) {
            QByteArray raw(24, Qt::Uninitialized);
            for (char &b : raw)
                b = char(QRandomGenerator::system()->bounded(256));
            g.secret = raw.toBase64(QByteArray::Base64UrlEncoding
                                    | QByteArray::OmitTrailingEquals);
        }
        g.outgoingUrl = receiverUrl + u'/' + g.id;
        const bool same = existing->customerId == g.customerId && existing->name == g.name
                && existing->kind == g.kind && existing->subClient == g.subClient
                && existing->outgoingUrl == g.outgoingUrl && !existing->secret.isEmpty();
        if (!same && !store->putImGroup(g))
            return false;
    }
    return true;
}

// The team's macros a demo desk starts with (issue 17): both languages, placeholders, actions.
struct DemoMacro
{
    const char16_t *name;
    const char16_t *bodyZh;
    const char16_t *bodyEn;
    const char *status; // empty: left as it is
    const char *addTag;
    const char *removeTag;
};

const DemoMacro Macros[] = {
    { u"Investigating / 正在排查",
      u"{{客户}}您好：\n\n工单 {{工单号}} 已受理，{{坐席}}正在排查。我们会在 {{截止时间}} 前"
      u"给您答复。",
      u"Dear {{customer}},\n\nWe have taken in ticket {{ticket_number}} and {{agent}} is "
      u"investigating. You will hear from us before {{deadline}}.",
      "accepted", "investigating", "" },
    { u"Need logs / 请提供日志",
      u"{{客户}}您好：\n\n为继续排查工单 {{工单号}}，请提供问题发生时段的系统日志和报错截图。"
      u"收到后我们会尽快处理。\n\n{{坐席}}",
      u"Dear {{customer}},\n\nTo go on with ticket {{ticket_number}}, please send the system "
      u"logs and a screenshot of the error from when it happened. We will pick it up as soon "
      u"as they arrive.\n\n{{agent}}",
      "waiting-on-customer", "need-logs", "" },
    { u"Solved, please confirm / 已解决，请确认",
      u"{{客户}}您好：\n\n工单 {{工单号}} 的问题已处理完毕，请确认业务是否恢复正常。如仍有"
      u"问题，直接回复即可。\n\n{{坐席}}",
      u"Dear {{customer}},\n\nThe problem of ticket {{ticket_number}} is solved on our side: "
      u"please confirm that your service is back to normal. If not, just reply.\n\n{{agent}}",
      "resolved", "", "need-logs" },
    { u"Out of scope / 超出服务范围",
      u"{{客户}}您好：\n\n您咨询的内容不在当前服务计划的支持范围内。您的版本包含：{{权益}}。"
      u"\n\n{{坐席}}",
      u"Dear {{customer}},\n\nWhat you ask about is outside what your support plan covers. "
      u"Your edition includes: {{entitlements}}.\n\n{{agent}}",
      "", "out-of-scope", "" },
};

// The demo macros, as the demo lead makes them, each once: its id and its op's id are fixed,
// so a later start (and a demo store seeded before there were macros) applies nothing again,
// and a demo macro someone deleted stays deleted.
bool seedDemoMacros(Store *store)
{
    const std::optional<Agent> lead = store->agent(QStringLiteral("a-wangfang"));
    if (!lead)
        return true;
    static const QUuid space(QStringLiteral("{6f1d2c1e-8f3a-4c55-9a6e-2b7d0c1f4e17}"));
    QVector<Operation> ops;
    for (const DemoMacro &d : Macros) {
        const QString name = QString::fromUtf16(d.name);
        Macro m;
        m.id = QUuid::createUuidV5(space, name).toString(QUuid::WithoutBraces);
        m.name = name;
        m.bodyZh = QString::fromUtf16(d.bodyZh);
        m.bodyEn = QString::fromUtf16(d.bodyEn);
        m.status = s(d.status);
        if (*d.addTag)
            m.addTags = { s(d.addTag) };
        if (*d.removeTag)
            m.removeTags = { s(d.removeTag) };
        ops.append(makeMacroOperation(
                QUuid::createUuidV5(space, QStringLiteral("op ") + name)
                        .toString(QUuid::WithoutBraces),
                m));
    }
    const OpsOutcome outcome = store->applyOps(*lead, ops);
    if (!outcome.ok)
        qWarning("demo macros: %s", qPrintable(outcome.error));
    return outcome.ok;
}

} // namespace

QVector<DemoImGroup> demoImGroups(Store *store)
{
    QVector<DemoImGroup> list;
    for (const ImGroup &g : store->imGroups()) {
        if (!g.id.startsWith(u"demo-"))
            continue;
        const std::optional<Customer> c = store->customer(g.customerId);
        list.append({ g, !c || writesChinese(*c) });
    }
    return list;
}

bool seedDemo(Store *store, const CatalogSet &catalogs, const DemoOptions &options,
              QTextStream &out)
{
    const bool seeded = store->hasCustomers();
    if (!seeded) {
        for (const DemoCustomer &d : Customers) {
            if (!store->putCustomer(customerOf(d, catalogs)))
                return false;
        }
        Agent portal;
        portal.id = demoPortalAgentId();
        portal.name = QStringLiteral("Customer portal");
        portal.role = AgentRole::Service; // not a person: never offered as an assignee
        portal.locale = QStringLiteral("en");
        if (!store->addAgent(&portal))
            return false;
    } else if (std::optional<Agent> portal = store->agent(demoPortalAgentId());
               portal && portal->role != AgentRole::Service) {
        // A demo store seeded before the portal was a service account: make it one, so it is
        // not offered as an assignee (its token is not used: the simulator acts directly).
        portal->role = AgentRole::Service;
        if (!store->addAgent(&*portal))
            return false;
    }
    // Each demo customer writes e-mail from its own domain (docs/mail.md); also in a demo
    // store seeded before there was e-mail.
    const std::optional<QVector<QStringList>> senders = store->mailSenders();
    if (!senders)
        return false;
    for (const DemoCustomer &d : Customers) {
        if (senders->isEmpty() && !store->putMailSender(demoMailDomain(s(d.id)), s(d.id)))
            return false;
    }
    // And, with a receiver for their replies, in their IM groups (docs/channels.md).
    if (!options.imReceiverUrl.isEmpty()
        && !registerDemoGroups(store, catalogs, options.imReceiverUrl))
        return false;
    out << (seeded ? "Demo store already seeded; the demo agents' tokens (the same on every "
                     "start):\n"
                   : "Demo store seeded. Tokens (the same on every start of this database):\n");
    for (const DemoAgent &d : Agents) {
        const QString token = agentToken(store, d);
        if (token.isEmpty())
            return false;
        out << QStringLiteral("  %1 %2 (%3): %4\n")
                   .arg(s(d.role), QString::fromUtf16(d.name), s(d.id), token);
    }
    out.flush();
    if (!seedDemoMacros(store))
        return false;
    if (seeded) {
        // Customers of a demo store seeded before they had a language: given it (the feed
        // brings each record again).
        for (const DemoCustomer &d : Customers) {
            const std::optional<Customer> c = store->customer(s(d.id));
            if (c && c->language.isEmpty() && !store->putCustomer(customerOf(d, catalogs)))
                return false;
        }
        return true;
    }

    // The backlog: the last two weeks, older tickets mostly answered and resolved, the last
    // hours still open, some of them at risk or breached.
    QRandomGenerator rng(20261122);
    const QDateTime now = options.now.isValid() ? options.now.toUTC()
                                                : QDateTime::currentDateTimeUtc();
    QVector<Ticket> tickets;
    QVector<Message> messages;
    QHash<QString, int> monthCount;
    for (int i = 0; i < options.backlog; ++i) {
        const DemoCustomer &d = Customers[rng.bounded(int(std::size(Customers)))];
        const Customer c = customerOf(d, catalogs);
        const PlanCatalog *plan = catalogs.plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (!edition)
            continue;
        const Topic &topic = pickTopic(c, &rng);
        Ticket t;
        t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        t.customerId = c.id;
        if (!c.subClients.isEmpty())
            t.subClient = c.subClients.at(int(rng.bounded(qsizetype(c.subClients.size())))).account;
        t.subject = QString::fromUtf16(topic.subject);
        t.body = QString::fromUtf16(topic.body);
        t.channel = pickChannel(*edition, &rng);
        t.severity = pickSeverity(*plan, &rng);
        t.planId = c.planId;
        t.editionId = c.editionId;
        // Ages skewed to the recent past: a tenth of the backlog in the last six hours.
        const qint64 ageSeconds
            = i % 10 == 0 ? qint64(rng.bounded(6 * 3600)) : qint64(rng.bounded(14 * 86400));
        t.createdAt = now.addSecs(-ageSeconds);
        t.dueAt = ResponseClock::deadline(*plan, t.editionId, t.severity, t.createdAt);
        t.software = s(topic.software);
        t.softwareVersion = s(topic.version);
        if (!t.software.isEmpty()) {
            // Stored as the server stores an agent's: the catalog's spelling.
            const ScopeCheck scope = PlanRules(*plan).checkSoftware(t.software, t.softwareVersion);
            t.software = scope.name;
            t.softwareVersion = scope.version;
            if (!scope.check.allowed())
                t.flags.append(QStringLiteral("out-of-scope"));
        }
        if (edition->monthlyQuota) {
            const MonthWindow month
                = PlanRules(*plan).quotaMonth(t.createdAt, QTimeZone(c.timeZone.toUtf8()));
            const QString key = c.id + Json::timestamp(month.start);
            if (++monthCount[key] > *edition->monthlyQuota) {
                t.flags.append(QStringLiteral("over-quota"));
                t.quotaOverrideReason
                    = QStringLiteral("Production outage at the sub-client; approved by the lead.");
            }
        }
        const qint64 targetSeconds = t.createdAt.secsTo(t.dueAt);
        const bool old = ageSeconds > 2 * targetSeconds;
        const QString assignee = s(Agents[rng.bounded(4)].id);
        if (old || rng.bounded(3) == 0) {
            // Answered: mostly in time, now and then late.
            const double used = rng.bounded(10) == 0 ? 1.0 + rng.generateDouble()
                                                     : 0.1 + 0.8 * rng.generateDouble();
            const QDateTime answered = t.createdAt.addSecs(qint64(targetSeconds * used));
            if (answered < now) {
                t.firstResponseAt = answered;
                t.assigneeId = assignee;
                t.status = old
                    ? (rng.bounded(3) == 0 ? TicketStatus::Closed : TicketStatus::Resolved)
                    : TicketStatus::Accepted;
                Message m;
                m.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
                m.ticketId = t.id;
                m.kind = MessageKind::Public;
                m.authorId = assignee;
                m.body = !writesChinese(c)
                    ? QStringLiteral("We are looking into it and will update you shortly.")
                    : QStringLiteral("您好，我们已受理您的问题，正在排查中，请稍候。");
                m.createdAt = answered;
                messages.append(m);
            }
        } else if (rng.bounded(2) == 0) {
            t.assigneeId = assignee;
        }
        t.updatedAt = t.firstResponseAt.isValid() ? t.firstResponseAt : t.createdAt;
        tickets.append(t);
    }
    std::sort(tickets.begin(), tickets.end(),
              [](const Ticket &a, const Ticket &b) { return a.createdAt < b.createdAt; });
    if (!store->importTickets(&tickets, &messages))
        return false;
    out << "Backlog: " << tickets.size() << " tickets, " << messages.size() << " replies.\n";
    out.flush();
    return true;
}

bool seedBulk(Store *store, const CatalogSet &catalogs, int count, QTextStream &out)
{
    if (!store->hasCustomers()) {
        for (const DemoCustomer &d : Customers) {
            if (!store->putCustomer(customerOf(d, catalogs)))
                return false;
        }
    }
    QRandomGenerator rng(7);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int done = 0; done < count;) {
        QVector<Ticket> tickets;
        QVector<Message> none;
        for (int i = 0; i < 5000 && done < count; ++i, ++done) {
            const DemoCustomer &d = Customers[rng.bounded(int(std::size(Customers)))];
            const Customer c = customerOf(d, catalogs);
            const PlanCatalog *plan = catalogs.plan(c.planId);
            const Edition *edition = plan->edition(c.editionId);
            const Topic &topic = pickTopic(c, &rng);
            Ticket t;
            t.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            t.customerId = c.id;
            if (!c.subClients.isEmpty())
                t.subClient = c.subClients.first().account;
            t.subject = QString::fromUtf16(topic.subject);
            t.body = QString::fromUtf16(topic.body);
            t.channel = pickChannel(*edition, &rng);
            t.severity = pickSeverity(*plan, &rng);
            t.planId = c.planId;
            t.editionId = c.editionId;
            t.createdAt = now.addSecs(-qint64(rng.bounded(30 * 86400)));
            t.dueAt = ResponseClock::deadline(*plan, t.editionId, t.severity, t.createdAt);
            t.updatedAt = t.createdAt;
            tickets.append(t);
        }
        if (!store->importTickets(&tickets, &none))
            return false;
    }
    out << "Seeded " << count << " tickets.\n";
    out.flush();
    return true;
}

Simulator::Simulator(TicketServer *server, const CatalogSet *catalogs, int intervalMs,
                     QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_catalogs(catalogs)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Simulator::tick);
}

void Simulator::setImGroups(const QUrl &webhookBase, const QVector<DemoImGroup> &groups)
{
    m_webhookBase = webhookBase;
    m_groups = groups;
    if (!m_net)
        m_net = new QNetworkAccessManager(this);
}

void Simulator::postGroupMessage(const DemoImGroup &g)
{
    QRandomGenerator *rng = QRandomGenerator::global();
    // A group with a case open mostly adds to it; otherwise someone asks something new.
    QString text;
    if (m_groupsWithTicket.contains(g.group.id) && rng->bounded(3) != 0) {
        text = QString::fromUtf16(g.chinese
                                          ? ChineseFollowUps[rng->bounded(
                                                  int(std::size(ChineseFollowUps)))]
                                          : EnglishFollowUps[rng->bounded(
                                                  int(std::size(EnglishFollowUps)))]);
    } else {
        const Topic &topic = g.chinese
                ? ChineseTopics[rng->bounded(int(std::size(ChineseTopics)))]
                : EnglishTopics[rng->bounded(int(std::size(EnglishTopics)))];
        text = QString::fromUtf16(topic.subject) + u'\n' + QString::fromUtf16(topic.body);
    }
    const QString sender = QString::fromUtf16(
            g.chinese ? ChinesePeople[rng->bounded(int(std::size(ChinesePeople)))]
                      : EnglishPeople[rng->bounded(int(std::size(EnglishPeople)))]);
    const QByteArray body
            = QJsonDocument(QJsonObject {
                                    { QStringLiteral("message_id"),
                                      QUuid::createUuid().toString(QUuid::WithoutBraces) },
                                    { QStringLiteral("sender"), sender },
                                    { QStringLiteral("text"), text } })
                      .toJson(QJsonDocument::Compact);
    const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
    QNetworkRequest request(m_webhookBase.resolved(QUrl(g.group.id)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader(Im::TimestampHeader, timestamp);
    request.setRawHeader(Im::SignatureHeader, Im::signature(g.group.secret, timestamp, body));
    QNetworkReply *reply = m_net->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id = g.group.id] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            m_groupsWithTicket.insert(id);
        else
            qWarning("simulator: IM group %s: HTTP %d %s", qPrintable(id), status,
                     reply->readAll().left(300).constData());
    });
}

void Simulator::tick()
{
    // One case in four from a customer with an IM group, when the demo has a receiver for
    // the groups' replies: through the webhook, as the e-mail goes through the real parser.
    if (!m_groups.isEmpty() && m_webhookBase.isValid()
        && QRandomGenerator::global()->bounded(4) == 0) {
        postGroupMessage(
                m_groups.at(int(QRandomGenerator::global()->bounded(qsizetype(m_groups.size())))));
        return;
    }
    const CatalogSet *catalogs = m_catalogs;
    const qint64 maxAttachmentBytes = m_maxAttachmentBytes;
    m_server->onWriter([catalogs, maxAttachmentBytes](Store *store) -> qint64 {
        QRandomGenerator *rng = QRandomGenerator::global();
        const QVector<Customer> customers = store->customers();
        const std::optional<Agent> portal = store->agent(demoPortalAgentId());
        if (customers.isEmpty() || !portal)
            return 0;
        const Customer c = customers.at(int(rng->bounded(qsizetype(customers.size()))));
        if (rng->bounded(3) == 0) // one case in three comes by e-mail
            return customerWrites(store, c, rng, maxAttachmentBytes);
        const PlanCatalog *plan = catalogs->plan(c.planId);
        const Edition *edition = plan ? plan->edition(c.editionId) : nullptr;
        if (!edition)
            return 0;
        const Topic &topic = pickTopic(c, rng);
        TicketEdit create;
        create.type = OpType::CreateTicket;
        create.customerId = c.id;
        create.subClient = c.subClients.isEmpty()
                ? QString()
                : c.subClients.at(int(rng->bounded(qsizetype(c.subClients.size())))).account;
        create.subject = QString::fromUtf16(topic.subject);
        create.body = QString::fromUtf16(topic.body);
        create.channel = pickChannel(*edition, rng);
        create.severity = pickSeverity(*plan, rng);
        create.software = s(topic.software);
        create.softwareVersion = s(topic.version);
        const QString ticketId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        Operation op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticketId,
                                     0, create, QDateTime::currentDateTimeUtc());
        OpsOutcome outcome = store->applyOps(*portal, { op });
        if (outcome.ok && outcome.results.value(0).code == u"quota-exceeded") {
            // Past the partner's quota: the portal asks the customer for a reason, and gets one.
            create.quotaOverrideReason = QStringLiteral("Customer reports a production impact.");
            op = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces), ticketId, 0,
                               create, QDateTime::currentDateTimeUtc());
            outcome = store->applyOps(*portal, { op });
        }
        if (!outcome.ok) {
            qWarning("simulator: %s", qPrintable(outcome.error));
            return 0;
        }
        qint64 seq = outcome.lastSeq;
        // Now and then an agent takes in one of the oldest new tickets, so the queue moves.
        if (rng->bounded(3) == 0) {
            const QStringList waiting = store->ticketIds(TicketStatus::New, 5);
            const std::optional<Agent> agent = store->agent(s(Agents[rng->bounded(4)].id));
            const std::optional<Ticket> t = waiting.isEmpty()
                ? std::nullopt
                : store->ticket(waiting.at(int(rng->bounded(qsizetype(waiting.size())))));
            if (agent && t) {
                TicketEdit edit;
                edit.type = OpType::Assign;
                edit.assigneeId = agent->id;
                const Operation assign = makeOperation(
                        QUuid::createUuid().toString(QUuid::WithoutBraces), t->id, t->version,
                        edit);
                edit.type = OpType::Accept;
                const Operation accept = makeOperation(
                        QUuid::createUuid().toString(QUuid::WithoutBraces), t->id,
                        t->version + 1, edit);
                const OpsOutcome taken = store->applyOps(*agent, { assign, accept });
                if (taken.ok)
                    seq = taken.lastSeq;
            }
        }
        return seq;
    });
}

} // namespace SupportDesk::Server
