#!/usr/bin/env python3
"""Writes resources/plans/{service-plan,partner-plan}.json from the seeds' tables.

The JSON files are the source of truth the program loads; this script is how they were
produced from ../shared/seeds, kept so that a change to the data is reviewable as a diff
here. Run: python3 scripts/gen-plans.py
"""
import json, os, sys

def t(zh, en):
    return {"zh": zh, "en": en}

def tl(pairs):
    return {"zh": [p[0] for p in pairs], "en": [p[1] for p in pairs]}

def kind(id_, zh, en, dzh=None, den=None):
    d = {"id": id_, "names": t(zh, en)}
    if dzh:
        d["description"] = t(dzh, den)
    return d

ENV_LINUX_WIN = t("腾讯云提供的 Linux/Windows 系统标准镜像",
                  "Standard Linux/Windows images provided by Tencent Cloud")
ENV_WIN = t("腾讯云提供的 Windows 系统标准镜像", "Standard Windows images provided by Tencent Cloud")
ENV_LINUX_NATIVE = t("腾讯云提供的各 Linux 发行版本镜像之上的原生工具",
                     "Native tool on the Linux distribution images provided by Tencent Cloud")
ENV_WIN_NATIVE = t("腾讯云提供的各 Windows 版本镜像之上的原生工具",
                   "Native tool on the Windows images provided by Tencent Cloud")

REMOTE = t("远程接入、文件拷贝工具", "Remote access and file copy tools")
SECURITY = t("安全策略工具", "Security policy tools")
DATABASES = t("常见的数据库", "Common databases")
WEB = t("常见 Web 服务器", "Common web servers")

INSTALL_CONNECT = [("安装部署建议", "Installation and deployment advice"),
                   ("基本的连接访问问题排查协助", "Troubleshooting assistance for basic connection and access problems")]

def sw(id_, category, zh, en, env, products, examples):
    return {"id": id_, "category": category, "names": t(zh, en), "environment": env,
            "products": [{"id": p[0], "names": t(p[1], p[1]), "versions": p[2]} for p in products],
            "examples": tl(examples)}

def common_tools(ftp_filezilla_spec):
    return [
        sw("ssh", REMOTE, "SSH", "SSH", ENV_LINUX_NATIVE, [("ssh", "SSH", [])],
           [("SSH 服务启动失败的排查协助", "Troubleshooting assistance for SSH service startup failures"),
            ("SSH 服务启动连接失败服务侧的排查协助",
             "Troubleshooting assistance for SSH service connection startup failures")]),
        sw("mstsc", REMOTE, "MSTSC", "MSTSC", ENV_WIN_NATIVE, [("mstsc", "MSTSC", [])],
           [("Server 侧远程登录服务 RDS（Remote Desktop Service）无法启动问题排查协助",
             "Troubleshooting assistance for start failures of the server-side Remote Desktop Service (RDS)"),
            ("RDS 服务启动后无法登录或登录失败服务侧的排查协助",
             "Troubleshooting assistance for service-side login failures after RDS starts")]),
        sw("scp-rsync", REMOTE, "SCP&Rsync", "SCP & Rsync", ENV_LINUX_NATIVE,
           [("scp-rsync", "SCP&Rsync", [])],
           [("SCP&Rsync 连接失败和报错的排查协助",
             "Troubleshooting assistance for SCP & Rsync connection failures and reported errors")]),
        sw("sftp", REMOTE, "SFTP", "SFTP", ENV_LINUX_NATIVE, [("sftp", "SFTP", [])],
           [("SFTP 使用系统账号登录的配置协助", "Assistance in configuring SFTP for system account login"),
            ("SFTP 连接失败服务侧的排查协助",
             "Troubleshooting assistance for service-side SFTP connection failures")]),
        sw("ftp", REMOTE, "FTP", "FTP",
           t("Linux 镜像上原生 yum 安装的 vsftpd；Windows 上安装的 FileZilla Server",
             "vsftpd installed with the native yum on Linux images; FileZilla Server on Windows"),
           [("vsftpd", "vsftpd", ["≥ 3.0"]), ("filezilla-server", "FileZilla Server", [ftp_filezilla_spec])],
           [("FTP Server 侧安装和启动失败排查协助",
             "Troubleshooting assistance for FTP server installation and startup failures"),
            ("FTP 连接失败服务侧的排查协助",
             "Troubleshooting assistance for service-side FTP connection failures")]),
        sw("iptables-firewalld", SECURITY, "Linux iptables&firewalld", "Linux iptables & firewalld",
           t("腾讯云提供的各 Linux 发行版本镜像", "Linux distribution images provided by Tencent Cloud"),
           [("iptables-firewalld", "iptables&firewalld", [])],
           [("Iptables 和 firewalld 基本语法放行规则协助",
             "Assistance with basic syntax of allow rules for iptables and firewalld")]),
        sw("windows-firewall", SECURITY, "Windows 防火墙", "Windows Firewall",
           t("腾讯云提供的各 Windows 版本镜像", "Windows images provided by Tencent Cloud"),
           [("windows-firewall", "Windows Firewall", [])],
           [("如何添加基本出入站规则协助", "Assistance with adding basic inbound and outbound rules")]),
    ]

HOTLINE = t("热线", "Hotline")
TICKET = t("工单", "Ticket")
IM = t("IM 企业群", "IM enterprise group")
SELF = kind("self-service", "自助服务", "Self-service",
            "帮助/文档、智能客服、社区、消息订阅、API/SDK 等",
            "Help and documentation, chatbot, community, message subscription, API/SDK and more")
THIRD = kind("third-party-advice", "第三方软件支持", "Third-party software support",
             "目录内第三方软件的配置指导与故障排查建议",
             "Configuration guidance and troubleshooting advice for catalogued third-party software")
YES = {"level": "yes"}

def service_plan():
    sev = [
        {"id": "business-down", "names": t("业务不可用", "Business unavailable"),
         "definitions": t("客户业务重要功能不可用，需要立即处理。",
                          "An important function of the customer's business is unavailable and needs immediate handling."),
         "examples": tl([("核心业务站点或服务整体无法访问", "The core business site or service cannot be reached at all"),
                         ("生产实例宕机且无法恢复", "A production instance is down and cannot be recovered")])},
        {"id": "business-degraded", "names": t("业务/系统异常", "Business/system abnormal"),
         "definitions": t("客户业务的重要功能受损或降级，非关键功能/系统异常。",
                          "An important function of the customer's business is impaired or degraded, or a non-critical function or system is abnormal."),
         "examples": tl([("访问变慢或部分请求报错", "Access is slow or some requests fail"),
                         ("非关键功能异常", "A non-critical function misbehaves")])},
        {"id": "consultation", "names": t("使用咨询", "Usage consultation"),
         "definitions": t("一般性问题咨询。", "A general question."),
         "examples": tl([("产品功能与配置咨询", "Questions about product features and configuration"),
                         ("API/SDK 使用咨询", "Questions about using the API or SDK")])},
    ]
    channels = [
        {"id": "hotline", "names": HOTLINE, "hours": "7x24",
         "numbers": [{"region": t("中国大陆", "Mainland China"), "number": "95716", "editions": []},
                     {"region": t("专属服务热线", "Dedicated service hotline"), "number": "95716",
                      "editions": ["s1-flagship", "s2-enterprise"]}],
         "kinds": [],
         "notes": t("主要解决客户售前/售后的咨询类问题，面向所有腾讯云客户。",
                    "Mainly pre-sales and after-sales questions; open to every Tencent Cloud customer.")},
        {"id": "ticket", "names": TICKET, "hours": "7x24",
         "notes": t("客户通过官网控制台提交工单，主要解决技术排障类问题。",
                    "Customers submit tickets in the console; mainly technical troubleshooting.")},
        {"id": "im-group", "names": IM, "hours": "7x24", "kinds": [],
         "notes": t("面向企业版或旗舰版客户；软件类型由腾讯云指定，响应时间参考工单支持。",
                    "For Enterprise and Flagship customers; the IM software is chosen by Tencent Cloud and response times follow tickets.")},
    ]
    ents = [SELF, THIRD,
            kind("technical-account-manager", "专属技术服务经理", "Technical account manager",
                 "指定专属的技术服务经理提供支持", "A designated technical account manager"),
            kind("promotion-support", "业务推广支持", "Business promotion support",
                 "专属商务经理全程跟踪服务，给出合适业务推广建议",
                 "A dedicated business manager follows the account and advises on promotion"),
            kind("architecture-support", "架构支持", "Architecture support",
                 "专属售前架构师全程服务：产品使用方法和配置指导、量身定制基础架构、平台服务、网络连接等",
                 "A dedicated pre-sales architect: product usage and configuration, tailored infrastructure, platform services, networking"),
            kind("expert-escort", "专家保障护航服务", "Expert escort service",
                 "提供有偿专家护航服务", "Paid expert escort during peaks such as launches and promotions"),
            kind("customer-case-showcase", "提交案例", "Customer case showcase",
                 "成为腾讯云的客户案例，在腾讯云官网进行宣传展示",
                 "Become a Tencent Cloud customer case, shown on the Tencent Cloud website")]

    def ed(id_, rank, code, zh, en, colour, free, down, degraded, consult, channels, grants):
        return {"id": id_, "rank": rank, "code": code, "names": t(zh, en), "badgeColor": colour,
                "free": free,
                "targets": {"business-down": down, "business-degraded": degraded, "consultation": consult},
                "channels": channels, "monthlyQuota": None,
                "handledBy": t("腾讯云工程师", "Tencent Cloud engineer"),
                "namedContacts": ([{"id": "technical-account-manager",
                                    "names": t("专属技术服务经理", "Technical account manager")}]
                                  if "technical-account-manager" in grants else []),
                "entitlements": grants}
    base = {"self-service": YES, "third-party-advice": YES}
    editions = [
        ed("s1-flagship", 1, "S1", "旗舰版", "Flagship", "#b8860b", False, 15, 30, 60,
           ["hotline", "ticket", "im-group"],
           dict(base, **{"technical-account-manager": {"level": "designated"},
                         "promotion-support": YES, "architecture-support": {"level": "designated"},
                         "expert-escort": {"level": "paid"}, "customer-case-showcase": YES})),
        ed("s2-enterprise", 2, "S2", "企业版", "Enterprise", "#6a1b9a", False, 15, 30, 60,
           ["hotline", "ticket", "im-group"],
           dict(base, **{"promotion-support": YES, "expert-escort": {"level": "paid"}})),
        ed("s3-commercial", 3, "S3", "商业版", "Commercial", "#1565c0", False, 30, 60, 120,
           ["hotline", "ticket"], dict(base)),
        ed("s4-basic", 4, "S4", "基础版", "Basic", "#757575", True, 120, 120, 120,
           ["hotline", "ticket"], dict(base)),
    ]
    software = [
        sw("openvpn", REMOTE, "OpenVPN", "OpenVPN", ENV_LINUX_WIN, [("openvpn", "OpenVPN", ["≥ 2.4"])],
           [("OpenVPN 安装和启动失败的排查协助",
             "Troubleshooting assistance for OpenVPN installation and startup failures"),
            ("OpenVPN 启动后 Client 连接失败 Server 侧的排查协助",
             "Server-side troubleshooting assistance when clients fail to connect after OpenVPN starts")]),
    ] + common_tools("0.9.60.2") + [
        sw("mysql", DATABASES, "MySQL", "MySQL", ENV_LINUX_WIN, [("mysql", "MySQL", ["5.6", "5.7"])],
           INSTALL_CONNECT),
        sw("sql-server", DATABASES, "Microsoft SQL Server", "Microsoft SQL Server", ENV_WIN,
           [("sql-server", "SQL Server", ["2008 R2 SP3", "2012 SP3", "2016"])], INSTALL_CONNECT),
        sw("apache", WEB, "Apache", "Apache", ENV_LINUX_WIN, [("apache", "Apache", ["≥ 2.2"])],
           INSTALL_CONNECT),
        sw("nginx", WEB, "Nginx", "Nginx", ENV_LINUX_WIN, [("nginx", "Nginx", ["1.8+"])], INSTALL_CONNECT),
        sw("iis", WEB, "IIS", "IIS", ENV_WIN, [("iis", "IIS", ["≥ 7.0"])], INSTALL_CONNECT),
    ]
    oos = [
        {"id": "code-development", "names": t("代码开发与调试", "Code development and debugging")},
        {"id": "uncatalogued-software",
         "names": t("不在第三方软件目录列表的第三方软件配置指导以及故障排查",
                    "Configuration and troubleshooting of third-party software not in the catalog")},
        {"id": "third-party-installation", "names": t("第三方软件的安装部署", "Installing third-party software")},
        {"id": "third-party-testing", "names": t("第三方软件的测试验证", "Testing third-party software")},
        {"id": "third-party-operation", "names": t("第三方软件的运维配置", "Operating and configuring third-party software")},
        {"id": "third-party-troubleshooting", "names": t("第三方软件的故障排查", "Troubleshooting third-party software")},
        {"id": "third-party-update", "names": t("第三方软件的更新优化", "Updating and optimizing third-party software")},
    ]
    return {"formatVersion": 1, "id": "service-plan", "catalogVersion": "2024-service-1",
            "source": "seeds/000 腾讯云服务计划",
            "names": t("腾讯云服务计划", "Tencent Cloud Service Plan"),
            "subClientRequired": False, "quotaTimeZone": "Asia/Shanghai",
            "severities": sev, "channels": channels, "entitlements": ents, "editions": editions,
            "thirdPartySoftware": software, "outOfScope": oos}

def partner_plan():
    sev = [
        {"id": "business-down", "names": t("业务不可用", "Business unavailable"),
         "definitions": t("客户核心业务不可用的严重故障。", "A severe failure where the customer's core business is unavailable."),
         "examples": tl([("生产数据丢失", "Loss of production data"),
                         ("入侵事件", "An intrusion incident"),
                         ("其他导致客户关键业务严重中断的情况",
                          "Any other situation that critically interrupts the customer's key business")])},
        {"id": "production-abnormal", "names": t("生产系统异常", "Production system abnormal"),
         "definitions": t("客户一般生产系统不可用的严重故障。",
                          "A severe fault where the customer's general production system is unavailable."),
         "examples": tl([("解析失败", "Failed resolution"),
                         ("CLB（负载均衡）降级", "CLB (Cloud Load Balancer) degradation"),
                         ("网络中断或被封堵", "Network interruption or being blocked")])},
        {"id": "business-degraded", "names": t("业务/系统异常", "Business/system abnormal"),
         "definitions": t("业务出现异常但未完全丧失服务能力。",
                          "The business behaves abnormally but has not lost its service capability."),
         "examples": tl([("访问变慢", "Slowdowns"),
                         ("部分性能问题", "Partial performance issues"),
                         ("间歇性报错", "Intermittent errors")])},
        {"id": "consultation", "names": t("使用咨询", "Usage consultation"),
         "definitions": t("业务未受影响，例如一般业务咨询或技术指导。",
                          "The business is not affected, such as general business inquiries or seeking technical guidance."),
         "examples": tl([("一般业务咨询", "General business inquiries"),
                         ("寻求技术指导", "Seeking technical guidance")])},
    ]
    regions = [("中国香港", "Hong Kong (China)", "+852 800 906 020"),
               ("美国", "United States", "+1 844 606 0804"),
               ("加拿大", "Canada", "+1 888 605 7930"),
               ("英国", "United Kingdom", "+44 808 196 4551"),
               ("澳大利亚", "Australia", "+61 1300 986 386"),
               ("EdgeOne 热线", "EdgeOne hotline", "+852 300 80699")]
    channels = [
        {"id": "ticket", "names": TICKET, "hours": "7x24",
         "notes": t("登录腾讯云控制台，在右上角选择“工单”进入工单管理。",
                    "Log in to the Tencent Cloud console and choose Ticket at the top right.")},
        {"id": "hotline", "names": HOTLINE, "hours": "7x24",
         "numbers": [{"region": t(z, e), "number": n, "editions": []} for z, e, n in regions],
         "kinds": []},
        {"id": "im-group", "names": IM, "hours": "7x24",
         "kinds": [{"id": "slack", "names": t("Slack", "Slack")},
                   {"id": "wecom", "names": t("企业微信", "WeCom")}],
         "notes": t("企业版合作伙伴的主要支持渠道。",
                    "The primary support channel for Enterprise partners.")},
    ]
    ents = [SELF, THIRD,
            kind("smart-advisor", "腾讯云智能顾问巡检", "Tencent Smart Advisor inspection",
                 "一键分析云资源、架构、性能与安全风险；企业版另有专人解读报告",
                 "One-click risk analysis of cloud resources, architecture, performance and security; Enterprise adds report interpretation"),
            kind("technical-account-manager", "专属技术服务经理", "Technical account manager"),
            kind("account-support-manager", "专属客户支持经理", "Account support manager"),
            kind("iem", "基础设施事件管理（IEM）", "Infrastructure event management (IEM)",
                 "业务高峰期由专属技术专家团队保障", "A dedicated expert team through business peaks"),
            kind("service-reports", "服务报告", "Service reports",
                 "按需提供定制的月度或年度报告", "Customized monthly or annual reports"),
            kind("training", "沟通与培训", "Communication and training",
                 "与腾讯云资深产品专家的沟通活动", "Sessions with Tencent Cloud's senior product experts"),
            kind("architecture-optimization", "架构优化", "Architecture optimization",
                 "专家团队评估并优化云上架构", "The expert team assesses and optimizes the cloud architecture")]
    targets = {"business-down": 15, "production-abnormal": 30, "business-degraded": 480, "consultation": 960}
    base = {"self-service": YES, "third-party-advice": YES, "smart-advisor": YES}
    def ed(id_, rank, code, zh, en, colour, channels, quota, hzh, hen, contacts, grants):
        return {"id": id_, "rank": rank, "code": code, "names": t(zh, en), "badgeColor": colour,
                "free": False, "targets": dict(targets), "channels": channels, "monthlyQuota": quota,
                "handledBy": t(hzh, hen), "namedContacts": contacts, "entitlements": grants}
    editions = [
        ed("enterprise", 1, "ENT", "企业版", "Enterprise", "#ad1457", ["hotline", "ticket", "im-group"],
           None, "云支持专家", "Cloud support expert",
           [{"id": "technical-account-manager", "names": t("专属技术服务经理", "Technical account manager")},
            {"id": "account-support-manager", "names": t("专属客户支持经理", "Account support manager")}],
           dict(base, **{
               "technical-account-manager": {"level": "designated"},
               "account-support-manager": {"level": "designated"},
               "iem": {"level": "limited", "naturalDaysPerYear": 8, "noticeBusinessDays": 10,
                       "notes": t("建议至少提前 10 个工作日提交申请；每年最多 8 个自然日，更长需单独购买。",
                                  "Request at least 10 business days ahead; up to 8 natural days a year, longer must be bought separately.")},
               "service-reports": {"level": "yes", "periods": ["monthly", "annual"]},
               "training": {"level": "limited", "sessionsPerYear": 4},
               "architecture-optimization": {"level": "limited", "minTenureYears": 1,
                                             "notes": t("面向购买企业版一年及以上的客户。",
                                                        "For customers who bought the Enterprise plan for a year or more.")}})),
        ed("commercial", 2, "COM", "商业版", "Commercial", "#00838f", ["hotline", "ticket"], 30,
           "云支持工程师", "Cloud support engineer", [],
           dict(base, **{"training": {"level": "limited"}})),
        ed("standard", 3, "STD", "标准版", "Standard", "#558b2f", ["hotline", "ticket"], 10,
           "客服工程师", "Customer service engineer", [], dict(base)),
    ]
    oos = [
        {"id": "code-development", "names": t("代码开发", "Code development")},
        {"id": "business-system-maintenance", "names": t("客户业务系统的维护", "Maintenance of the customer's business system")},
        {"id": "third-party-installation", "names": t("第三方软件的安装", "Installing third-party software")},
        {"id": "third-party-update", "names": t("第三方软件的补丁更新", "Patch updates of third-party software")},
        {"id": "third-party-testing", "names": t("第三方软件的测试", "Testing third-party software")},
        {"id": "third-party-troubleshooting", "names": t("第三方软件的故障排除", "Troubleshooting third-party software")},
        {"id": "third-party-optimization", "names": t("第三方软件的优化", "Optimizing third-party software")},
    ]
    return {"formatVersion": 1, "id": "partner-plan", "catalogVersion": "2024-01-09",
            "source": "seeds/002 Partner Support Plan (2024-01-09)",
            "names": t("合作伙伴支持计划", "Partner Support Plan"),
            "subClientRequired": True, "quotaTimeZone": "Asia/Shanghai",
            "severities": sev, "channels": channels, "entitlements": ents, "editions": editions,
            "thirdPartySoftware": common_tools("≥ 0.9.60.2"), "outOfScope": oos}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "plans")
for name, data in (("service-plan", service_plan()), ("partner-plan", partner_plan())):
    with open(os.path.join(root, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")
