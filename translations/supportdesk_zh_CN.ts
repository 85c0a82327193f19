<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AgentRole</name>
        <message>
            <source>agent</source>
            <extracomment>an account's role: frontline agent</extracomment>
            <translation>坐席</translation>
        </message>
        <message>
            <source>team lead</source>
            <extracomment>an account's role</extracomment>
            <translation>组长</translation>
        </message>
        <message>
            <source>admin</source>
            <extracomment>an account's role: the desk's administrator</extracomment>
            <translation>管理员</translation>
        </message>
        <message>
            <source>service account</source>
            <extracomment>an account's role: an account a program acts through (the customer portal)</extracomment>
            <translation>服务账号</translation>
        </message>
        <message>
            <source>unknown role</source>
            <extracomment>an account's role that a newer server gave and this version of the desk does not know: the desk gives it the least of every right</extracomment>
            <translation>未知角色</translation>
        </message>
    </context>
    <context>
        <name>AttachmentCache</name>
        <message>
            <source>%1 is empty.</source>
            <translation>%1 是空文件。</translation>
        </message>
        <message>
            <source>The server sent %1 bytes for %2, whose record says %3.</source>
            <translation>服务器为 %2 发来 %1 字节，但其记录为 %3 字节。</translation>
        </message>
        <message>
            <source>The bytes the server sent for %1 are not the attachment's (their checksum differs).</source>
            <translation>服务器为 %1 发来的内容不是该附件（校验和不符）。</translation>
        </message>
    </context>
    <context>
        <name>BusinessCalendar</name>
        <message>
            <source>not a valid calendar document: %1</source>
            <translation>不是有效的日历文档：%1</translation>
        </message>
        <message>
            <source>must be a non-empty object</source>
            <translation>必须是非空对象</translation>
        </message>
        <message>
            <source>must be a year holding an object</source>
            <translation>必须是年份，且其值为对象</translation>
        </message>
        <message>
            <source>must be "official" or "provisional"</source>
            <translation>必须是 "official" 或 "provisional"</translation>
        </message>
        <message>
            <source>must be an array</source>
            <translation>必须是数组</translation>
        </message>
        <message>
            <source>must be a date (YYYY-MM-DD) in %1</source>
            <translation>必须是 %1 年内的日期（YYYY-MM-DD）</translation>
        </message>
        <message>
            <source>%1 is both a holiday and a workday</source>
            <translation>%1 既是假日又是工作日</translation>
        </message>
        <message>
            <source>cannot read the holiday calendar: %1</source>
            <translation>无法读取节假日日历：%1</translation>
        </message>
    </context>
    <context>
        <name>MacroWording</name>
        <message>
            <source>The macro's reply would leave %1 unfilled on this ticket: answer it in the ticket pane.</source>
            <extracomment>%1 the placeholders as written in the macro, e.g. "{{deadline}}"</extracomment>
            <translation>在此工单上，该宏的回复会留下未填写的 %1：请在工单窗格中回复。</translation>
        </message>
        <message>
            <source>The macro has actions this version of the desk does not know (%1): it is not applied. Update the desk to use it.</source>
            <extracomment>%1 the macro's fields this version does not know, e.g. "priority"</extracomment>
            <translation>此宏含有本版本工作台不认识的动作（%1）：未应用。请升级工作台后再用。</translation>
        </message>
    </context>
    <context>
        <name>MergeWording</name>
        <message>
            <source>Only a lead or the agent ticket #%1 is assigned to may merge it.</source>
            <translation>只有组长或工单 #%1 的负责坐席可以合并它。</translation>
        </message>
        <message>
            <source>#%1 and #%2 are different customers' tickets: only the same customer's tickets can be merged.</source>
            <translation>#%1 和 #%2 属于不同客户：只能合并同一客户的工单。</translation>
        </message>
        <message>
            <source>A ticket cannot be merged into itself.</source>
            <translation>工单不能合并到它自己。</translation>
        </message>
        <message>
            <source>#%1 is closed: a ticket cannot be merged into a closed ticket.</source>
            <translation>#%1 已关闭：不能合并到已关闭的工单。</translation>
        </message>
        <message>
            <source>#%1 was merged into #%2: merge into #%2 instead.</source>
            <translation>#%1 已合并到 #%2：请改为合并到 #%2。</translation>
        </message>
        <message>
            <source>#%1 was merged into #%2 already.</source>
            <translation>#%1 已经合并到 #%2。</translation>
        </message>
        <message>
            <source>Other tickets were merged into #%1: it cannot be merged on (no chains).</source>
            <translation>已有其他工单合并到 #%1：它不能再被合并（不允许链式合并）。</translation>
        </message>
        <message>
            <source>#%1 is closed: a closed ticket cannot be merged.</source>
            <translation>#%1 已关闭：已关闭的工单不能合并。</translation>
        </message>
        <message>
            <source>#%2 would hold %3 links with those of #%1, more than the %4 a ticket holds: unlink some of either ticket first.</source>
            <extracomment>%3 how many links #%2 would hold, %4 the most a ticket holds (50)</extracomment>
            <translation>#%2 加上 #%1 的关联将有 %3 个，超过一个工单最多 %4 个：请先取消任一工单的部分关联。</translation>
        </message>
        <message>
            <source>A ticket cannot be linked to itself.</source>
            <translation>工单不能关联到它自己。</translation>
        </message>
    </context>
    <context>
        <name>PlanCatalog</name>
        <message>
            <source>is missing</source>
            <translation>缺失</translation>
        </message>
        <message>
            <source>must be a non-empty string</source>
            <translation>必须是非空字符串</translation>
        </message>
        <message>
            <source>must be an integer</source>
            <translation>必须是整数</translation>
        </message>
        <message>
            <source>must be a positive integer</source>
            <translation>必须是正整数</translation>
        </message>
        <message>
            <source>must not be negative</source>
            <translation>不能为负数</translation>
        </message>
        <message>
            <source>must be true or false</source>
            <translation>必须是 true 或 false</translation>
        </message>
        <message>
            <source>must be an object</source>
            <translation>必须是对象</translation>
        </message>
        <message>
            <source>must be an array</source>
            <translation>必须是数组</translation>
        </message>
        <message>
            <source>needs non-empty "zh" and "en" texts</source>
            <translation>需要非空的 "zh" 和 "en" 文本</translation>
        </message>
        <message>
            <source>must be a string or a list of strings</source>
            <translation>必须是字符串或字符串列表</translation>
        </message>
        <message>
            <source>must be a string</source>
            <translation>必须是字符串</translation>
        </message>
        <message>
            <source>duplicate id "%1"</source>
            <translation>重复的 id "%1"</translation>
        </message>
        <message>
            <source>unsupported format version %1 (this program reads %2)</source>
            <translation>不支持的格式版本 %1（本程序读取版本 %2）</translation>
        </message>
        <message>
            <source>unknown time zone "%1"</source>
            <translation>未知时区 "%1"</translation>
        </message>
        <message>
            <source>must not be empty</source>
            <translation>不能为空</translation>
        </message>
        <message>
            <source>duplicate rank %1</source>
            <translation>重复的等级 %1</translation>
        </message>
        <message>
            <source>unknown edition "%1"</source>
            <translation>未知版本 "%1"</translation>
        </message>
        <message>
            <source>invalid version spec "%1"</source>
            <translation>无效的版本范围 "%1"</translation>
        </message>
        <message>
            <source>must be a colour written #rrggbb</source>
            <translation>必须是 #rrggbb 形式的颜色</translation>
        </message>
        <message>
            <source>unknown severity "%1"</source>
            <translation>未知严重性 "%1"</translation>
        </message>
        <message>
            <source>missing target for severity "%1"</source>
            <translation>缺少严重性 "%1" 的响应目标</translation>
        </message>
        <message>
            <source>unknown channel "%1"</source>
            <translation>未知渠道 "%1"</translation>
        </message>
        <message>
            <source>unknown entitlement "%1"</source>
            <translation>未知权益 "%1"</translation>
        </message>
        <message>
            <source>unknown level "%1" (one of: %2)</source>
            <translation>未知级别 "%1"（可选：%2）</translation>
        </message>
        <message>
            <source>not valid JSON: %1 at offset %2</source>
            <translation>不是有效的 JSON：%1，位置 %2</translation>
        </message>
        <message>
            <source>cannot read catalog %1: %2</source>
            <translation>无法读取服务目录 %1：%2</translation>
        </message>
        <message>
            <source>$.id: expected "%1", found "%2"</source>
            <translation>$.id：应为 "%1"，实为 "%2"</translation>
        </message>
        <message>
            <source>must be a name with a letter or digit</source>
            <translation>必须是含字母或数字的名称</translation>
        </message>
        <message>
            <source>"%1" names two different software products</source>
            <translation>“%1”指向两个不同的软件产品</translation>
        </message>
    </context>
    <context>
        <name>RuleCheck</name>
        <message>
            <source>Allowed.</source>
            <translation>允许。</translation>
        </message>
        <message>
            <source>Unknown edition "%1".</source>
            <translation>未知版本 "%1"。</translation>
        </message>
        <message>
            <source>Unknown severity "%1".</source>
            <translation>未知严重性 "%1"。</translation>
        </message>
        <message>
            <source>Unknown channel "%1".</source>
            <translation>未知渠道 "%1"。</translation>
        </message>
        <message>
            <source>A partner's ticket must name the sub-client account it is for.</source>
            <translation>合作伙伴的工单必须注明对应的子客户账号。</translation>
        </message>
        <message>
            <source>Over this month's ticket quota (%1 of %2): give a reason to take it anyway.</source>
            <translation>已超出本月工单配额（%1/%2）：如仍要受理，请填写原因。</translation>
        </message>
        <message>
            <source>A reason is required.</source>
            <translation>必须填写原因。</translation>
        </message>
        <message>
            <source>The ticket already has the severity %1.</source>
            <translation>该工单的严重性已是 %1。</translation>
        </message>
        <message>
            <source>Say which product of %1 it is: %2.</source>
            <translation>请说明是 %1 的哪一款产品：%2。</translation>
        </message>
        <message>
            <source>Out of scope for this plan: %1.</source>
            <translation>超出本服务计划范围：%1。</translation>
        </message>
        <message>
            <source>%1 does not include this service.</source>
            <translation>%1 不包含此项服务。</translation>
        </message>
        <message>
            <source>Infrastructure Event Management must be asked %1 business days ahead: the earliest start for this request is %2.</source>
            <translation>基础设施事件管理需提前 %1 个工作日申请：本次申请最早可于 %2 开始。</translation>
        </message>
        <message>
            <source>Infrastructure Event Management is limited to %1 days a year: %2 has %3 used and this request adds %4.</source>
            <translation>基础设施事件管理每年最多 %1 天：%2 年已使用 %3 天，本次申请再增加 %4 天。</translation>
        </message>
        <message>
            <source>The period is not valid: its last day is before its first.</source>
            <translation>时间段无效：结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>The holiday calendar does not cover %1: business days cannot be counted.</source>
            <translation>节假日日历未覆盖 %1 年：无法计算工作日。</translation>
        </message>
        <message>
            <source>All %1 training sessions of this year are used.</source>
            <translation>今年的 %1 次培训已全部用完。</translation>
        </message>
        <message numerus="yes">
            <source>Architecture optimization needs %n year(s) on this edition; it is available from %1.</source>
            <translation>
                <numerusform>架构优化需在本版本使用满 %n 年；可于 %1 起申请。</numerusform>
            </translation>
        </message>
        <message>
            <source>The server has no ticket %1.</source>
            <translation>服务器上没有工单 %1。</translation>
        </message>
        <message>
            <source>The server has no customer %1.</source>
            <translation>服务器上没有客户 %1。</translation>
        </message>
        <message>
            <source>The server has no agent %1.</source>
            <translation>服务器上没有坐席 %1。</translation>
        </message>
        <message>
            <source>The status cannot change from %1 to %2.</source>
            <translation>状态不能从 %1 变为 %2。</translation>
        </message>
        <message>
            <source>Your role may not do this.</source>
            <translation>您的角色无权执行此操作。</translation>
        </message>
        <message>
            <source>A ticket with this id exists already.</source>
            <translation>已存在相同 ID 的工单。</translation>
        </message>
        <message>
            <source>%1 is not included in %2; it comes with %3.</source>
            <extracomment>%1 a channel, %2 the customer's edition, %3 the editions that have the channel</extracomment>
            <translation>%2不含%1；%3才有。</translation>
        </message>
        <message>
            <source>%1 is not in the plan's software catalog.</source>
            <translation>%1 不在本计划的第三方软件目录中。</translation>
        </message>
        <message>
            <source>Give the version of %1; the plan covers %2.</source>
            <translation>请提供 %1 的版本；本计划支持 %2。</translation>
        </message>
        <message>
            <source>%1 %2 is not covered; the plan covers %3.</source>
            <extracomment>%1 a software, %2 the version given, %3 the versions the plan covers</extracomment>
            <translation>%1 %2 不在支持之列；本计划支持的版本为 %3。</translation>
        </message>
        <message>
            <source>%1 does not take tickets: give the ticket to an agent or a lead.</source>
            <extracomment>%1 an account that is not a person (the customer portal) or the desk's admin</extracomment>
            <translation>%1 不接手工单：请把工单交给客服或组长。</translation>
        </message>
        <message>
            <source>It counts on the %1 holiday dates, which are provisional until the official schedule is loaded.</source>
            <extracomment>%1 one or more years, e.g. "2027"; the holiday schedule of those years is an estimate</extracomment>
            <translation>此结果按 %1 年的节假日安排计算，该安排为暂定，载入官方安排后可能变化。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>The server could not read this edit; it was not applied.</source>
            <translation>服务器无法读取这项修改，未予执行。</translation>
        </message>
        <message>
            <source>A ticket holds at most %1 tags: remove one before adding another.</source>
            <translation>一个工单最多 %1 个标签：请先移除一个再添加。</translation>
        </message>
        <message>
            <source>#%1 has %2 links already, the most a ticket holds: unlink one first.</source>
            <translation>#%1 已有 %2 个关联，已达一个工单的上限：请先取消一个关联。</translation>
        </message>
        <message>
            <source>#%1 is within this month's quota: there is no override to give.</source>
            <translation>#%1 未超出本月配额，无需超额说明。</translation>
        </message>
        <message>
            <source>This record was cancelled already.</source>
            <translation>这条记录已被取消。</translation>
        </message>
        <message>
            <source>The server refused this edit by a rule this version of the desk does not know.</source>
            <translation>服务器按一条本版本工作台尚不认识的规则拒绝了这项修改。</translation>
        </message>
        <message>
            <source>%1 does not include %2.</source>
            <extracomment>%1 an edition, %2 an entitlement of the plan, e.g. "Service reports"</extracomment>
            <translation>%1 不包含%2。</translation>
        </message>
        <message>
            <source>Over this month's ticket quota (%1 of %2).</source>
            <translation>已超出本月工单配额（%1/%2）。</translation>
        </message>
    </context>
    <context>
        <name>ServiceAccount</name>
        <message>
            <source>Customer portal</source>
            <extracomment>the account tickets filed by customers on the web portal come from</extracomment>
            <translation>客户门户</translation>
        </message>
    </context>
    <context>
        <name>ServiceReportExport</name>
        <message>
            <source>Service report: %1, %2</source>
            <extracomment>%1 customer name, %2 month and year</extracomment>
            <translation>服务报告：%1，%2</translation>
        </message>
        <message>
            <source>Plan: %1, %2</source>
            <translation>服务计划：%1，%2</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>工单数</translation>
        </message>
        <message>
            <source>Answered within target</source>
            <translation>按时响应</translation>
        </message>
        <message>
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>Attainment</source>
            <translation>达标率</translation>
        </message>
        <message>
            <source>Breaches</source>
            <translation>超时工单</translation>
        </message>
        <message>
            <source>Reclassifications</source>
            <translation>严重性调整</translation>
        </message>
        <message>
            <source>Over-quota tickets</source>
            <translation>超配额工单</translation>
        </message>
        <message>
            <source>By severity</source>
            <translation>按严重性</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重性</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>创建时间</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>响应截止</translation>
        </message>
        <message>
            <source>First response</source>
            <translation>首次响应</translation>
        </message>
        <message>
            <source>not answered</source>
            <translation>未响应</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>调整</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>By</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>%1 → %2</source>
            <extracomment>a severity change, from → to</extracomment>
            <translation>%1 → %2</translation>
        </message>
        <message>
            <source>Decided</source>
            <translation>已可判定</translation>
        </message>
        <message>
            <source>Attainment (%)</source>
            <translation>达标率（%）</translation>
        </message>
        <message>
            <source>Over quota</source>
            <translation>超配额</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>From</source>
            <translation>原严重性</translation>
        </message>
        <message>
            <source>To</source>
            <translation>新严重性</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>无法写入 %1：%2</translation>
        </message>
    </context>
    <context>
        <name>ServiceUseText</name>
        <message>
            <source>%1: %2 of %3 days used this year</source>
            <translation>%1：今年已用 %2 / %3 天</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n day(s) used this year</source>
            <extracomment>%1 the service's name; the plan sets no number of days</extracomment>
            <translation>
                <numerusform>%1：今年已用 %n 天</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2 of %3 sessions used this year</source>
            <translation>%1：今年已用 %2 / %3 次</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n session(s) used this year (limited)</source>
            <extracomment>%1 the service's name; the plan grants it "limited", with no number</extracomment>
            <translation>
                <numerusform>%1：今年已用 %n 次（有限）</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 – %2 (%n day(s))</source>
            <extracomment>an IEM engagement's first and last day, and how many days it counts</extracomment>
            <translation>
                <numerusform>%1 – %2（%n 天）</numerusform>
            </translation>
        </message>
        <message>
            <source> · over the allowance: %1</source>
            <extracomment>the record was taken past the year's allowance; %1 the lead's reason</extracomment>
            <translation> · 超出年度额度：%1</translation>
        </message>
        <message>
            <source> · asked at short notice</source>
            <translation> · 申请提前量不足</translation>
        </message>
        <message>
            <source> · not sent yet</source>
            <extracomment>recorded in this desk, not yet on the server</extracomment>
            <translation> · 尚未发送</translation>
        </message>
        <message>
            <source>Cancelled: %1 (%2)</source>
            <extracomment>%1 the reason the record was cancelled</extracomment>
            <translation>已取消：%1（%2）</translation>
        </message>
        <message>
            <source>%1: %2 of %3 this year</source>
            <translation>%1：今年 %2 / %3 次</translation>
        </message>
        <message numerus="yes">
            <source>%1: limited, %n this year</source>
            <extracomment>the entitlements card: %1 the service, "limited" with no number; %n used</extracomment>
            <translation>
                <numerusform>%1：有限，今年 %n 次</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SlaState</name>
        <message>
            <source>On track</source>
            <extracomment>the response clock's state: more than the at-risk share of the target left</extracomment>
            <translation>正常</translation>
        </message>
        <message>
            <source>At risk</source>
            <extracomment>the response clock's state: little of the response target left (a queue and a lead board figure are named after it too)</extracomment>
            <translation>即将超时</translation>
        </message>
        <message>
            <source>Breached</source>
            <extracomment>the response clock's state: the response target passed with no response</extracomment>
            <translation>已超时</translation>
        </message>
        <message>
            <source>Responded</source>
            <extracomment>the response clock's state: first response before the target</extracomment>
            <translation>已响应</translation>
        </message>
        <message>
            <source>Responded late</source>
            <extracomment>the response clock's state: first response after the target</extracomment>
            <translation>超时响应</translation>
        </message>
        <message>
            <source>Resolved</source>
            <extracomment>the response clock's state: resolved before anyone answered</extracomment>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Closed</source>
            <extracomment>the response clock's state: closed before anyone answered</extracomment>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>Merged</source>
            <extracomment>the response clock's state: merged into another ticket, whose clock runs on</extracomment>
            <translation>已合并</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::AgentLoadModel</name>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>waiting %1</source>
            <extracomment>how long the oldest unanswered ticket has waited, e.g. "waiting 2 h 5 min"</extracomment>
            <translation>已等待 %1</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>坐席</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>未结</translation>
        </message>
        <message>
            <source>Oldest waiting</source>
            <translation>最久等待</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::AttachmentPanel</name>
        <message>
            <source>Attachments (%1)</source>
            <translation>附件（%1）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>打开(&amp;O)</translation>
        </message>
        <message>
            <source>Open with the desktop's application for this type</source>
            <translation>用桌面上关联此类型的应用打开</translation>
        </message>
        <message>
            <source>Save &amp;as…</source>
            <translation>另存为(&amp;A)…</translation>
        </message>
        <message>
            <source>You — waiting to be sent</source>
            <translation>您 — 等待发送</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1，%2</translation>
        </message>
        <message>
            <source>PNG image</source>
            <translation>PNG 图片</translation>
        </message>
        <message>
            <source>JPEG image</source>
            <translation>JPEG 图片</translation>
        </message>
        <message>
            <source>GIF image</source>
            <translation>GIF 图片</translation>
        </message>
        <message>
            <source>WebP image</source>
            <translation>WebP 图片</translation>
        </message>
        <message>
            <source>PDF document</source>
            <translation>PDF 文档</translation>
        </message>
        <message>
            <source>ZIP archive</source>
            <translation>ZIP 压缩包</translation>
        </message>
        <message>
            <source>gzip archive</source>
            <translation>gzip 压缩包</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>文本</translation>
        </message>
        <message>
            <source>Binary data</source>
            <translation>二进制数据</translation>
        </message>
        <message>
            <source>%1 is larger than the server accepts. Dismiss the reply and send it with a smaller file.</source>
            <translation>%1 超过了服务器接受的大小。请放弃这条回复，改用较小的文件再发送。</translation>
        </message>
        <message>
            <source>the file %1 is no longer in this computer's cache.</source>
            <translation>文件 %1 已不在本机缓存中。</translation>
        </message>
        <message>
            <source>the server holds another file under the id of %1.</source>
            <translation>服务器上 %1 的编号已属于另一个文件。</translation>
        </message>
        <message>
            <source>the server did not take the file %1 (%2).</source>
            <translation>服务器未接收文件 %1（%2）。</translation>
        </message>
        <message>
            <source>The file %1 is no longer in this computer's cache.</source>
            <translation>文件 %1 已不在本机缓存中。</translation>
        </message>
        <message>
            <source>%1 could not be downloaded: %2</source>
            <translation>无法下载 %1：%2</translation>
        </message>
        <message>
            <source>%1 could not be downloaded: the server answered %2.</source>
            <translation>无法下载 %1：服务器返回 %2。</translation>
        </message>
        <message>
            <source>Too large to preview. Open or save it.</source>
            <translation>文件过大，无法预览。请打开或保存。</translation>
        </message>
        <message>
            <source>No preview for this type. Open or save it.</source>
            <translation>此类型无法预览。请打开或保存。</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在载入 %1…</translation>
        </message>
        <message>
            <source>… (%1 more; open the file for the rest)</source>
            <translation>…（还有 %1；其余内容请打开文件查看）</translation>
        </message>
        <message>
            <source>%1 is %2 × %3 pixels: too large to preview.</source>
            <translation>%1 为 %2 × %3 像素，过大，无法预览。</translation>
        </message>
        <message>
            <source>%1 is not an image this program can read.</source>
            <translation>%1 不是本程序能读取的图片。</translation>
        </message>
        <message>
            <source>%1 could not be read as an image: %2</source>
            <translation>无法将 %1 读取为图片：%2</translation>
        </message>
        <message>
            <source>%1 could not be written to %2: %3</source>
            <translation>无法将 %1 写入 %2：%3</translation>
        </message>
        <message>
            <source>No application opens %1 on this desktop. Save it instead.</source>
            <translation>此桌面上没有能打开 %1 的应用。请改为保存。</translation>
        </message>
        <message>
            <source>Save attachment</source>
            <translation>保存附件</translation>
        </message>
        <message>
            <source>Saved %1.</source>
            <translation>已保存 %1。</translation>
        </message>
        <message>
            <source>Files: %1</source>
            <extracomment>under a message in the conversation: the files that came with it, "a.log (2 KB), …"</extracomment>
            <translation>文件：%1</translation>
        </message>
        <message>
            <source>, </source>
            <extracomment>between the file names under a message: "a.log (2 KB), b.png (1 KB)"</extracomment>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::AttachmentTray</name>
        <message>
            <source>Attach…</source>
            <translation>附加文件…</translation>
        </message>
        <message>
            <source>Attach files to the reply (or drop them on the text). Up to %1 each.</source>
            <translation>为回复附加文件（或拖放到正文上）。每个文件最大 %1。</translation>
        </message>
        <message>
            <source>Remove the selected file from the reply</source>
            <translation>从回复中移除所选文件</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>%1 is not a file.</source>
            <translation>%1 不是文件。</translation>
        </message>
        <message>
            <source>%1 is %2: the server takes files up to %3. It was not attached.</source>
            <translation>%1 大小为 %2，服务器只接受不超过 %3 的文件。未附加。</translation>
        </message>
        <message>
            <source>%1 is empty. It was not attached.</source>
            <translation>%1 是空文件。未附加。</translation>
        </message>
        <message>
            <source>%1 could not be read: %2</source>
            <translation>无法读取 %1：%2</translation>
        </message>
        <message>
            <source>%1 changed while it was read. It was not attached.</source>
            <translation>%1 在读取时发生了变化。未附加。</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>附加文件</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::AttainmentModel</name>
        <message>
            <source>%1 of %2 answered within target</source>
            <extracomment>attainment cell: answered within target of decided tickets</extracomment>
            <translation>%2 张中 %1 张按时响应</translation>
        </message>
        <message>
            <source>All severities</source>
            <extracomment>attainment column over all severities of an edition</extracomment>
            <translation>全部严重性</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::AttainmentPanel</name>
        <message>
            <source>Overall: no ticket decided yet in this period</source>
            <translation>总体：本时段尚无可判定的工单</translation>
        </message>
        <message>
            <source>Overall: %1 (%2 of %3 answered within target)</source>
            <translation>总体：%1（%3 张中 %2 张按时响应）</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>7 days</source>
            <translation>近 7 天</translation>
        </message>
        <message>
            <source>30 days</source>
            <translation>近 30 天</translation>
        </message>
        <message>
            <source>Attainment by day, last 30 days</source>
            <translation>近 30 天每日达标率</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Attainment (%)</source>
            <extracomment>axis title: share of tickets answered within target, in percent</extracomment>
            <translation>达标率（%）</translation>
        </message>
        <message>
            <source>Attainment</source>
            <translation>达标率</translation>
        </message>
        <message>
            <source>First response time, last 30 days</source>
            <translation>近 30 天首次响应时长分布</translation>
        </message>
        <message>
            <source>Time to first response</source>
            <translation>首次响应时长</translation>
        </message>
        <message>
            <source>Tickets</source>
            <translation>工单数</translation>
        </message>
        <message>
            <source>%1+</source>
            <extracomment>the last first-response bucket, e.g. "8 h+" (8 hours or more)</extracomment>
            <translation>%1以上</translation>
        </message>
        <message>
            <source>Day (%1)</source>
            <translation>日期（%1）</translation>
        </message>
        <message>
            <source>Attainment by edition and severity</source>
            <extracomment>the lead board's table of response targets met, by edition and severity</extracomment>
            <translation>按版本和严重级别的达标率</translation>
        </message>
        <message>
            <source>the answer could not be read</source>
            <translation>无法读取应答</translation>
        </message>
        <message>
            <source>the server answered %1</source>
            <translation>服务器应答 %1</translation>
        </message>
        <message>
            <source>The server: no ticket decided yet in this period (as of %1).</source>
            <extracomment>%1 a time of day</extracomment>
            <translation>服务器：本期间尚无已判定的工单（截至 %1）。</translation>
        </message>
        <message>
            <source>The server: %1 (%2 of %3 answered within target), as of %4.</source>
            <translation>服务器：%1（%3 张中 %2 张按时响应），截至 %4。</translation>
        </message>
        <message>
            <source>Asking the server for its figures…</source>
            <translation>正在向服务器查询其数据…</translation>
        </message>
        <message>
            <source>Not connected to the server: these are this desk's figures only.</source>
            <translation>未连接服务器：以上仅为本机数据。</translation>
        </message>
        <message>
            <source>The server's figures could not be read (%1): these are this desk's figures only.</source>
            <translation>无法读取服务器的数据（%1）：以上仅为本机数据。</translation>
        </message>
        <message>
            <source>Share of tickets answered within their response target, of those answered or already past their deadline. The aim is 95 %: a share under it is amber, under 80 % red.</source>
            <extracomment>the attainment table's tooltip and spoken description; the tints are the cells' colours</extracomment>
            <translation>已响应或已过响应截止时间的工单中，在响应目标内响应的比例。目标为 95%：低于目标为琥珀色，低于 80% 为红色。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BoardTile</name>
        <message>
            <source>%1: %2</source>
            <extracomment>a lead board tile read aloud: %1 what it counts ("At risk"), %2 the number</extracomment>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Press Enter to show these tickets in the queue</source>
            <translation>按 Enter 在队列中显示这些工单</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BreachingSoonModel</name>
        <message>
            <source>Give this ticket to another agent</source>
            <translation>把此工单转给其他坐席</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>the assignee column of a ticket nobody is working on</extracomment>
            <translation>未分配</translation>
        </message>
        <message>
            <source>Reassign…</source>
            <translation>转派…</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重性</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>处理人</translation>
        </message>
        <message>
            <source>Time left</source>
            <translation>剩余时间</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>edition tooltip: plan name, edition name, e.g. "Partner Support Plan — Standard"</extracomment>
            <translation>%1 — %2</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BreachingSoonPanel</name>
        <message>
            <source>Open ticket</source>
            <translation>打开工单</translation>
        </message>
        <message>
            <source>Reassign…</source>
            <extracomment>the key that opens the menu of agents for the selected ticket of the list</extracomment>
            <translation>转派…</translation>
        </message>
        <message>
            <source>Give to</source>
            <extracomment>title of the menu of agents a ticket can be given to</extracomment>
            <translation>转派给</translation>
        </message>
        <message>
            <source>%1 (%2 open, %3 late or at risk)</source>
            <extracomment>an agent in the reassign menu with the open tickets they hold, e.g. "Ann Lee (3 open)"</extracomment>
            <translation>%1（未结 %2 张，超时或即将超时 %3 张）</translation>
        </message>
        <message>
            <source>Could not reassign the ticket: %1</source>
            <translation>无法转派工单：%1</translation>
        </message>
        <message>
            <source>Breaching soon</source>
            <translation>即将超时</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>the reassign menu's choice that leaves the ticket with nobody</extracomment>
            <translation>未分配</translation>
        </message>
        <message>
            <source>No unanswered ticket reaches its deadline in the next %1.</source>
            <extracomment>%1 is a duration, e.g. "15 min"</extracomment>
            <translation>未来 %1 内没有即将超时的未响应工单。</translation>
        </message>
        <message>
            <source>Unanswered tickets whose deadline is at most %1 away</source>
            <extracomment>%1 is a duration, e.g. "15 min"</extracomment>
            <translation>距响应截止不超过 %1 的未响应工单</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkBar</name>
        <message>
            <source>Apply a macro to the selected tickets</source>
            <translation>对所选工单应用宏</translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) selected</source>
            <translation>
                <numerusform>已选择 %n 个工单</numerusform>
            </translation>
        </message>
        <message>
            <source>Assign to…</source>
            <translation>分配给…</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>Select all</source>
            <translation>全选</translation>
        </message>
        <message>
            <source>Select every ticket the queue shows (Ctrl+A)</source>
            <translation>选择队列中显示的所有工单（Ctrl+A）</translation>
        </message>
        <message>
            <source>Select every ticket in the queue</source>
            <translation>选择队列中的所有工单</translation>
        </message>
        <message>
            <source>Set status…</source>
            <translation>设置状态…</translation>
        </message>
        <message>
            <source>Set the status of the selected tickets</source>
            <translation>设置所选工单的状态</translation>
        </message>
        <message>
            <source>Assign the selected tickets</source>
            <translation>分配所选工单</translation>
        </message>
        <message>
            <source>Apply macro…</source>
            <translation>应用宏…</translation>
        </message>
        <message>
            <source>Number of selected tickets</source>
            <translation>所选工单数</translation>
        </message>
        <message>
            <source>Tag…</source>
            <translation>加标签…</translation>
        </message>
        <message>
            <source>Add a tag to the selected tickets</source>
            <translation>为所选工单添加标签</translation>
        </message>
        <message>
            <source>Remove tag…</source>
            <translation>去掉标签…</translation>
        </message>
        <message>
            <source>Remove a tag from the selected tickets</source>
            <translation>从所选工单去掉标签</translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) selected; selecting the rest of the queue as it is read…</source>
            <translation>
                <numerusform>已选择 %n 张工单；其余工单读入后一并选中…</numerusform>
            </translation>
        </message>
        <message>
            <source>The macro's actions (status, severity, assignee, tags) are applied to each selected ticket.</source>
            <translation>宏的操作（状态、严重级别、处理人、标签）会应用到每个选中的工单。</translation>
        </message>
        <message>
            <source>Also send its reply to each customer, in the customer's language</source>
            <translation>同时以客户的语言向每位客户发送其回复</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkResultsDialog</name>
        <message>
            <source>Waiting to be saved</source>
            <translation>等待保存</translation>
        </message>
        <message>
            <source>Nothing to change: the ticket already is so</source>
            <translation>无需更改：工单已是该状态</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <extracomment>%1 the rule that refuses the edit, in words</extracomment>
            <translation>未发送：%1</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>未保存：%1</translation>
        </message>
        <message>
            <source>Saved; waiting for the server</source>
            <translation>已保存，等待服务器确认</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Conflict: someone changed the ticket first. Open it to re-apply or drop your edit.</source>
            <translation>冲突：他人先修改了该工单。请打开工单，重新应用或放弃您的修改。</translation>
        </message>
        <message>
            <source>Refused by the server: %1</source>
            <translation>服务器拒绝：%1</translation>
        </message>
        <message>
            <source>%1 of %2 tickets done, %3 waiting for the server, %4 already so, %5 refused, %6 in conflict.</source>
            <translation>%2 个工单中 %1 个已完成，%3 个等待服务器，%4 个无需更改，%5 个被拒绝，%6 个冲突。</translation>
        </message>
        <message>
            <source>Ticket</source>
            <translation>工单</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Result for each ticket</source>
            <translation>每个工单的结果</translation>
        </message>
        <message>
            <source>Summary of the bulk action</source>
            <translation>批量操作汇总</translation>
        </message>
        <message>
            <source>Not sent: the ticket holds %1 tags, the most it may.</source>
            <translation>未发送：该工单已有 %1 个标签，已达上限。</translation>
        </message>
        <message>
            <source>Refused by the server: the ticket holds %1 tags, the most it may.</source>
            <translation>服务器拒绝：该工单已有 %1 个标签，已达上限。</translation>
        </message>
        <message>
            <source>Nothing to change: the ticket already has the tag %1</source>
            <extracomment>%1 a tag</extracomment>
            <translation>无需更改：该工单已有标签“%1”</translation>
        </message>
        <message>
            <source>Nothing to change: the ticket does not have the tag %1</source>
            <extracomment>%1 a tag</extracomment>
            <translation>无需更改：该工单没有标签“%1”</translation>
        </message>
        <message>
            <source>(not yet numbered)</source>
            <extracomment>a ticket the server has not numbered yet</extracomment>
            <translation>（尚未编号）</translation>
        </message>
        <message>
            <source>(not read yet)</source>
            <extracomment>a bulk action's ticket whose number and subject are being read</extracomment>
            <translation>（尚未读取）</translation>
        </message>
        <message>
            <source>Reading the ticket…</source>
            <translation>正在读取工单…</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <extracomment>bulk results: %1 the action named (Applied macro “X” to 3 tickets), %2 the counts</extracomment>
            <translation>%1：%2</translation>
        </message>
        <message numerus="yes">
            <source>Applied macro “%1” to %n ticket(s)</source>
            <translation>
                <numerusform>已对 %n 个工单应用宏“%1”</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Applying macro “%1” to %n ticket(s)</source>
            <translation>
                <numerusform>正在对 %n 个工单应用宏“%1”</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unassigned %n ticket(s)</source>
            <translation>
                <numerusform>已取消 %n 个工单的分配</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unassigning %n ticket(s)</source>
            <translation>
                <numerusform>正在取消 %n 个工单的分配</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Assigned %n ticket(s) to %1</source>
            <translation>
                <numerusform>已将 %n 个工单分配给 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Assigning %n ticket(s) to %1</source>
            <translation>
                <numerusform>正在将 %n 个工单分配给 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set the status of %n ticket(s) to %1</source>
            <extracomment>%1 a ticket status</extracomment>
            <translation>
                <numerusform>已将 %n 个工单的状态设为 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Setting the status of %n ticket(s) to %1</source>
            <translation>
                <numerusform>正在将 %n 个工单的状态设为 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added the tag %1 to %n ticket(s)</source>
            <translation>
                <numerusform>已为 %n 个工单添加标签 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Adding the tag %1 to %n ticket(s)</source>
            <translation>
                <numerusform>正在为 %n 个工单添加标签 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed the tag %1 from %n ticket(s)</source>
            <translation>
                <numerusform>已从 %n 个工单移除标签 %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removing the tag %1 from %n ticket(s)</source>
            <translation>
                <numerusform>正在从 %n 个工单移除标签 %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkTagDialog</name>
        <message>
            <source>Type a tag.</source>
            <translation>请输入一个标签。</translation>
        </message>
        <message>
            <source>Tag the selected tickets</source>
            <translation>为所选工单加标签</translation>
        </message>
        <message numerus="yes">
            <source>Add this tag to the %n selected ticket(s):</source>
            <translation>
                <numerusform>为所选的 %n 张工单添加此标签：</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag to add</source>
            <translation>要添加的标签</translation>
        </message>
        <message>
            <source>Remove a tag from the selected tickets</source>
            <translation>从所选工单去掉标签</translation>
        </message>
        <message numerus="yes">
            <source>Remove this tag from the %n selected ticket(s):</source>
            <translation>
                <numerusform>从所选的 %n 张工单去掉此标签：</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag to remove</source>
            <translation>要去掉的标签</translation>
        </message>
        <message>
            <source>A tag; tags in use are offered as you type</source>
            <translation>标签；输入时会提示已在用的标签</translation>
        </message>
        <message>
            <source>Problem with the tag</source>
            <translation>标签的问题</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ChangedTicketDialog</name>
        <message>
            <source>Status: %1 → %2</source>
            <extracomment>what changed on a ticket since the agent started writing a reply</extracomment>
            <translation>状态：%1 → %2</translation>
        </message>
        <message>
            <source>nobody</source>
            <extracomment>nobody has the ticket</extracomment>
            <translation>无人</translation>
        </message>
        <message>
            <source>Assignee: %1 → %2</source>
            <translation>处理人：%1 → %2</translation>
        </message>
        <message>
            <source>New note from %1: %2</source>
            <extracomment>a new internal note since the agent started writing: author, the note's start</extracomment>
            <translation>%1 新增内部备注：%2</translation>
        </message>
        <message>
            <source>New event: %1</source>
            <extracomment>a new event on the ticket (accepted, reassigned…) since the agent started</extracomment>
            <translation>新事件：%1</translation>
        </message>
        <message>
            <source>New message from the customer: %1</source>
            <extracomment>a new message from the customer since the agent started writing</extracomment>
            <translation>客户新消息：%1</translation>
        </message>
        <message>
            <source>New reply from %1: %2</source>
            <extracomment>a new public reply by another agent (%1) since the agent started writing</extracomment>
            <translation>%1 新增回复：%2</translation>
        </message>
        <message>
            <source>The ticket changed</source>
            <translation>工单已变更</translation>
        </message>
        <message>
            <source>This ticket changed since you started writing your reply:</source>
            <translation>您开始撰写回复后，此工单有以下变更：</translation>
        </message>
        <message>
            <source>Send the reply anyway?</source>
            <translation>仍然发送回复吗？</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>变更内容</translation>
        </message>
        <message>
            <source>Send anyway</source>
            <translation>仍然发送</translation>
        </message>
        <message>
            <source>Don't send, let me read</source>
            <translation>先不发送，我看一下</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ConflictDialog</name>
        <message>
            <source>Could not re-apply the edit: %1</source>
            <translation>无法重新应用此修改：%1</translation>
        </message>
        <message>
            <source>Could not drop the edit: %1</source>
            <translation>无法放弃此修改：%1</translation>
        </message>
        <message>
            <source>Your %1, made %2</source>
            <translation>您的%1，于 %2 做出</translation>
        </message>
        <message>
            <source>Status: %1</source>
            <translation>状态：%1</translation>
        </message>
        <message>
            <source>Severity: %1</source>
            <translation>严重性：%1</translation>
        </message>
        <message>
            <source>Third-party software: %1 %2</source>
            <translation>第三方软件：%1 %2</translation>
        </message>
        <message>
            <source>Made on version %1.</source>
            <translation>基于版本 %1 做出。</translation>
        </message>
        <message>
            <source>Version %1, changed %2</source>
            <translation>版本 %1，修改于 %2</translation>
        </message>
        <message>
            <source>Assignee: %1</source>
            <translation>处理人：%1</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>无人</translation>
        </message>
        <message>
            <source>Due: %1</source>
            <translation>截止：%1</translation>
        </message>
        <message>
            <source>First response: %1</source>
            <translation>首次响应：%1</translation>
        </message>
        <message>
            <source>No response yet</source>
            <translation>尚未响应</translation>
        </message>
        <message>
            <source>Edit conflict</source>
            <translation>修改冲突</translation>
        </message>
        <message>
            <source>&amp;Re-apply my edit</source>
            <translation>重新应用我的修改(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Drop my edit</source>
            <translation>放弃我的修改(&amp;D)</translation>
        </message>
        <message>
            <source>Decide &amp;later</source>
            <translation>稍后决定(&amp;L)</translation>
        </message>
        <message>
            <source>Your change</source>
            <translation>您的修改</translation>
        </message>
        <message>
            <source>The ticket on the server now</source>
            <translation>服务器上的当前工单</translation>
        </message>
        <message>
            <source>There is no conflicting edit %1 in the outbox any more.</source>
            <translation>发件箱中已没有冲突的修改 %1。</translation>
        </message>
        <message>
            <source>The server did not send its version of the ticket.</source>
            <translation>服务器未发送其工单版本。</translation>
        </message>
        <message>
            <source>The edit you made, not yet applied</source>
            <translation>您的修改，尚未生效</translation>
        </message>
        <message>
            <source>The ticket as someone else left it: your edit is re-applied on top of this</source>
            <translation>他人修改后的工单：重新应用时，您的修改将叠加在此版本之上</translation>
        </message>
        <message>
            <source>#%1 “%2”</source>
            <translation>#%1“%2”</translation>
        </message>
        <message>
            <source>Someone changed %1 on the server before your edit reached it. Re-apply your edit on top of their change, or drop it.</source>
            <translation>在您的修改送达之前，已有人在服务器上修改了 %1。请在其修改之上重新应用您的修改，或放弃它。</translation>
        </message>
        <message>
            <source>On their version the server would refuse it: %1</source>
            <translation>在对方的版本上，服务器会拒绝此修改：%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::CredentialStore</name>
        <message>
            <source>No keychain service is available on this computer (on Linux: no Secret Service such as GNOME Keyring or KWallet on D-Bus).</source>
            <translation>这台电脑上没有可用的钥匙串服务（Linux 上：D-Bus 上没有 GNOME Keyring 或 KWallet 这类 Secret Service）。</translation>
        </message>
        <message>
            <source>The server address is not valid.</source>
            <translation>服务器地址无效。</translation>
        </message>
        <message>
            <source>No token is stored for this server.</source>
            <translation>没有为此服务器保存令牌。</translation>
        </message>
        <message>
            <source>The keychain refused access to the token.</source>
            <translation>钥匙串拒绝了对令牌的访问。</translation>
        </message>
        <message>
            <source>The token file %1 cannot be read: %2</source>
            <translation>无法读取令牌文件 %1：%2</translation>
        </message>
        <message>
            <source>The token could not be saved in %1: %2</source>
            <translation>无法将令牌保存到 %1：%2</translation>
        </message>
        <message>
            <source>The keychain did not answer.</source>
            <translation>钥匙串没有应答。</translation>
        </message>
        <message>
            <source>The keychain failed to keep or read the token (error %1).</source>
            <translation>钥匙串未能保存或读取令牌（错误 %1）。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::CustomerHistory</name>
        <message>
            <source>(not yet numbered)</source>
            <extracomment>a ticket the server has not numbered yet</extracomment>
            <translation>（尚未编号）</translation>
        </message>
        <message>
            <source>The customer's other tickets</source>
            <extracomment>accessible name of the list of the customer's other tickets</extracomment>
            <translation>该客户的其他工单</translation>
        </message>
        <message numerus="yes">
            <source>Open tickets first, then those opened in the last %n days; Enter opens one.</source>
            <translation>
                <numerusform>先列未结工单，再列最近 %n 天内创建的工单；按 Enter 打开。</numerusform>
            </translation>
        </message>
        <message>
            <source>Quota this month: %1 of %2 tickets used</source>
            <translation>本月配额：已用 %1 / %2 单</translation>
        </message>
        <message>
            <source> (over the quota)</source>
            <translation>（已超配额）</translation>
        </message>
        <message>
            <source>Tickets this month: %1 (no monthly quota)</source>
            <extracomment>the customer's plan has no monthly ticket quota; %1 tickets opened this month</extracomment>
            <translation>本月工单：%1 单（无月度配额）</translation>
        </message>
        <message numerus="yes">
            <source>no other open tickets, none opened in the last %n days</source>
            <translation>
                <numerusform>没有其他未结工单，最近 %n 天内也没有新建工单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other open ticket(s)</source>
            <translation>
                <numerusform>其他未结工单 %n 单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n more opened in the last %1 days</source>
            <translation>
                <numerusform>，最近 %1 天内另有 %n 单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>…… 另有 %n 单</numerusform>
            </translation>
        </message>
        <message>
            <source>The customer's month and entitlements</source>
            <extracomment>accessible name of the lines over the customer's tickets (quota, grants)</extracomment>
            <translation>该客户的本月用量与权益</translation>
        </message>
        <message>
            <source>Record IEM or training…</source>
            <extracomment>a lead's button in the customer history: record an IEM engagement or training session</extracomment>
            <translation>记录 IEM 或培训…</translation>
        </message>
        <message>
            <source>Record IEM or training</source>
            <translation>记录 IEM 或培训</translation>
        </message>
        <message>
            <source>IEM and training delivered:</source>
            <extracomment>heading over the customer's IEM engagements and training sessions in the history</extracomment>
            <translation>已提供的 IEM 与培训：</translation>
        </message>
        <message>
            <source>%1 · %2
opened %3 · %4 · %5</source>
            <extracomment>an entry of the customer's history, two lines: number and subject; when it was opened, status, severity</extracomment>
            <translation>%1 · %2
创建于 %3 · %4 · %5</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::DeskController</name>
        <message>
            <source>No saved token for %1: enter yours in Settings to sync. The desk shows the local cache meanwhile.</source>
            <translation>没有 %1 的已保存令牌：请在“设置”中输入您的令牌以同步。在此期间，工作台显示本地缓存。</translation>
        </message>
        <message>
            <source>The new server address is used from the next start.</source>
            <translation>新的服务器地址将在下次启动时生效。</translation>
        </message>
        <message>
            <source>The server refused the token. Enter a new one in Settings.</source>
            <translation>服务器拒绝了该令牌。请在“设置”中输入新的令牌。</translation>
        </message>
        <message>
            <source>Your edit of ticket #%1 conflicts with a newer change on the server. Open the ticket to re-apply or drop it.</source>
            <translation>您对工单 #%1 的修改与服务器上更新的更改冲突。请打开该工单，重新应用或放弃您的修改。</translation>
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation>设置(&amp;S)…</translation>
        </message>
        <message>
            <source>The server refused the new ticket “%1”: %2 It is kept in My tickets: open it to edit and send it again, or discard it.</source>
            <extracomment>%1 the new ticket's subject, %2 the plan's rule that refused it</extracomment>
            <translation>服务器拒绝了新工单“%1”：%2它保留在“我的工单”中：打开它可修改后重新提交，或将其丢弃。</translation>
        </message>
        <message>
            <source>The server refused your edit “%1” of ticket #%2: %3 Open the ticket to dismiss it.</source>
            <extracomment>%1 the edit in words ("Merge into #123"), %2 the ticket's number, %3 the rule</extracomment>
            <translation>服务器拒绝了您对工单 #%2 的修改“%1”：%3打开该工单可将其忽略。</translation>
        </message>
        <message>
            <source>The server refused your change to the macro “%1”: the server's version is kept. Ticket → Manage macros… shows it.</source>
            <extracomment>%1 the macro's name</extracomment>
            <translation>服务器拒绝了您对宏“%1”的修改：保留服务器上的版本。可在“工单 → 管理宏…”中查看。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::DeskSession</name>
        <message>
            <source>The local cache belongs to %1 and could not be put aside for %2: %3</source>
            <translation>本地缓存属于 %1，无法为 %2 将其移到一旁：%3</translation>
        </message>
        <message>
            <source>The desk stopped syncing before the server answered.</source>
            <translation>服务器应答之前，本机已停止同步。</translation>
        </message>
        <message>
            <source>Not connected to the server.</source>
            <translation>未连接到服务器。</translation>
        </message>
        <message>
            <source>The server did not answer in time.</source>
            <translation>服务器未及时应答。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::IntakeDialog</name>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Plan "%1" is not in the catalogs.</source>
            <translation>服务计划目录中没有“%1”。</translation>
        </message>
        <message>
            <source>Sub-&amp;client (required):</source>
            <translation>子客户(&amp;C)（必填）：</translation>
        </message>
        <message>
            <source>Sub-&amp;client:</source>
            <translation>子客户(&amp;C)：</translation>
        </message>
        <message>
            <source>Examples: %1</source>
            <translation>示例：%1</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>Response target: %1</source>
            <translation>响应时限：%1</translation>
        </message>
        <message>
            <source>Pick the customer.</source>
            <translation>请选择客户。</translation>
        </message>
        <message>
            <source>The customer's plan "%1" is not in the catalogs.</source>
            <translation>客户的服务计划“%1”不在目录中。</translation>
        </message>
        <message>
            <source>%1 is not one of this partner's sub-client accounts.</source>
            <translation>%1 不是该合作伙伴的子客户账号。</translation>
        </message>
        <message>
            <source>%1 of %2 tickets this month</source>
            <translation>本月已用 %1 / %2 个工单</translation>
        </message>
        <message>
            <source>Over the quota: the ticket is taken with your reason and flagged for the lead.</source>
            <translation>已超出配额：工单将按您填写的原因受理，并标记给组长。</translation>
        </message>
        <message>
            <source>Third-party software in scope (advice only).</source>
            <translation>第三方软件在支持范围内（仅提供建议）。</translation>
        </message>
        <message>
            <source>%1 has no response target for this severity.</source>
            <translation>%1 对该严重性没有响应时限。</translation>
        </message>
        <message>
            <source>Give the case a subject.</source>
            <translation>请填写工单标题。</translation>
        </message>
        <message>
            <source>The new ticket could not be saved: %1</source>
            <translation>无法保存新工单：%1</translation>
        </message>
        <message>
            <source>New ticket</source>
            <translation>新建工单</translation>
        </message>
        <message>
            <source>C&amp;ustomer:</source>
            <translation>客户(&amp;U)：</translation>
        </message>
        <message>
            <source>Search by name, id or sub-client</source>
            <translation>按名称、ID 或子客户搜索</translation>
        </message>
        <message>
            <source>C&amp;hannel:</source>
            <translation>渠道(&amp;H)：</translation>
        </message>
        <message>
            <source>Se&amp;verity:</source>
            <translation>严重性(&amp;V)：</translation>
        </message>
        <message>
            <source>S&amp;ubject:</source>
            <translation>标题(&amp;U)：</translation>
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation>描述(&amp;D)：</translation>
        </message>
        <message>
            <source>Third-party &amp;software:</source>
            <translation>第三方软件(&amp;S)：</translation>
        </message>
        <message>
            <source>version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>&amp;Reason to exceed the quota:</source>
            <translation>超出配额的原因(&amp;R)：</translation>
        </message>
        <message>
            <source>&amp;Create ticket</source>
            <translation>创建工单(&amp;C)</translation>
        </message>
        <message>
            <source>Choose the severity the customer's situation calls for.</source>
            <translation>请根据客户的实际情况选择严重性。</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>请选择…</translation>
        </message>
        <message>
            <source>Out of scope, so the ticket will be flagged: %1</source>
            <extracomment>%1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."</extracomment>
            <translation>超出支持范围，工单将被标记：%1</translation>
        </message>
        <message>
            <source>Software version</source>
            <extracomment>the new-ticket form's field beside the third-party software's name</extracomment>
            <translation>软件版本</translation>
        </message>
        <message>
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Examples of the chosen severity</source>
            <translation>所选严重性的示例</translation>
        </message>
        <message>
            <source>What the customer's plan allows</source>
            <translation>客户的服务计划允许什么</translation>
        </message>
        <message>
            <source>Only a partner's ticket names a sub-client.</source>
            <translation>只有合作伙伴的工单需要注明子客户。</translation>
        </message>
        <message>
            <source>The refused ticket could not be discarded: %1</source>
            <translation>无法丢弃被拒绝的工单：%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LanguageManager</name>
        <message>
            <source>&amp;Language</source>
            <extracomment>the menu that switches between 中文 and English</extracomment>
            <translation>语言(&amp;L)</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LeadBoard</name>
        <message>
            <source>none</source>
            <extracomment>what a screen reader says for an empty cell of the lead board</extracomment>
            <translation>无</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LeadBoardModel</name>
        <message>
            <source>The ticket is no longer in the local cache.</source>
            <translation>本地缓存中已没有此工单。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LeadBoardWidget</name>
        <message>
            <source>Updated %1</source>
            <extracomment>when the board's figures were last worked out (a time of day)</extracomment>
            <translation>更新于 %1</translation>
        </message>
        <message>
            <source>Lead board</source>
            <translation>组长看板</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>风险</translation>
        </message>
        <message>
            <source>Attainment</source>
            <translation>达标率</translation>
        </message>
        <message>
            <source>Partner quota</source>
            <extracomment>the lead board's table of partner customers' monthly ticket quota</extracomment>
            <translation>合作伙伴配额</translation>
        </message>
        <message>
            <source>Team settings</source>
            <translation>团队设置</translation>
        </message>
        <message>
            <source>Service &amp;report…</source>
            <translation>服务报告(&amp;R)…</translation>
        </message>
        <message>
            <source>Open tickets</source>
            <translation>未结工单</translation>
        </message>
        <message>
            <source>Unassigned business-down</source>
            <translation>未分配的业务不可用工单</translation>
        </message>
        <message>
            <source>Click to show these tickets in the queue</source>
            <translation>点击在队列中查看这些工单</translation>
        </message>
        <message>
            <source>Open tickets by edition and severity</source>
            <translation>按版本和严重性统计的未结工单</translation>
        </message>
        <message>
            <source>Agent load</source>
            <translation>坐席负载</translation>
        </message>
        <message>
            <source>Partner customers' tickets this month against their monthly quota. Tickets past the quota are taken only with a reason.</source>
            <translation>合作伙伴客户本月工单数与月度配额对照。超出配额的工单须填写原因方可受理。</translation>
        </message>
        <message>
            <source>A customer's monthly service report, as PDF or CSV</source>
            <translation>客户的月度服务报告，可导出为 PDF 或 CSV</translation>
        </message>
        <message>
            <source>Each cell of the matrix: its open tickets, then how many of them are breached or at risk ("3 · 1 breached"), or that some were answered late ("3 · answered late"), or that all were answered in time ("3 · answered in time"). Its colour is its worst ticket's: red breached, amber at risk, pale orange answered late, green on track (none answered yet, none at risk), pale green answered in time. Double-click a cell to show its tickets.</source>
            <extracomment>the legend of the lead board's matrix, beside it under the breaching-soon list</extracomment>
            <translation>矩阵每格：未结工单数，其后是其中已超时和即将超时的数量（"3 · 已超时 1"），或其中有工单超时响应（"3 · 超时响应"），或全部按时响应（"3 · 均按时响应"）。格子的颜色取其中最紧急的工单：红色为已超时，琥珀色为即将超时，浅橙色为超时响应，绿色为正常（尚未响应，也未即将超时），浅绿色为按时响应。双击格子显示其中的工单。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LinksPanel</name>
        <message>
            <source>Link a related ticket</source>
            <translation>关联一个相关工单</translation>
        </message>
        <message>
            <source>Unlink</source>
            <translation>取消关联</translation>
        </message>
        <message>
            <source>Unlink the selected ticket</source>
            <translation>取消与所选工单的关联</translation>
        </message>
        <message>
            <source>Linked and merged tickets</source>
            <translation>关联和合并的工单</translation>
        </message>
        <message>
            <source>Merged into another ticket</source>
            <translation>已合并到另一个工单</translation>
        </message>
        <message>
            <source>Merged into %1</source>
            <extracomment>over a merged duplicate's conversation; %1 the ticket it went into, a link</extracomment>
            <translation>已合并到 %1</translation>
        </message>
        <message>
            <source>#%1  %2 — %3</source>
            <extracomment>a linked ticket: number, subject, status</extracomment>
            <translation>#%1  %2 — %3</translation>
        </message>
        <message>
            <source>A ticket not in this desk's cache (%1)</source>
            <translation>本工作台缓存中没有的工单（%1）</translation>
        </message>
        <message>
            <source>Merged here: %1</source>
            <extracomment>a duplicate merged into the ticket shown</extracomment>
            <translation>已合并到本工单：%1</translation>
        </message>
        <message>
            <source>Link…</source>
            <translation>关联…</translation>
        </message>
        <message>
            <source>Link a related ticket (%1)</source>
            <extracomment>%1 the key, Alt+K</extracomment>
            <translation>关联一个相关工单（%1）</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroComposer</name>
        <message>
            <source>No ticket is shown.</source>
            <translation>没有显示工单。</translation>
        </message>
        <message>
            <source>The macro's actions could not all be saved.</source>
            <translation>宏的操作未能全部保存。</translation>
        </message>
        <message>
            <source>This macro has no text in the other language.</source>
            <translation>这个宏没有另一种语言的正文。</translation>
        </message>
        <message>
            <source>Macro "%1" inserted in Chinese.</source>
            <translation>已插入宏“%1”（中文）。</translation>
        </message>
        <message>
            <source>Macro "%1" inserted in English.</source>
            <translation>已插入宏“%1”（英文）。</translation>
        </message>
        <message>
            <source>No value for %1: fill it in before sending.</source>
            <translation>%1 没有取值：发送前请补上。</translation>
        </message>
        <message>
            <source>Not a placeholder: %1.</source>
            <translation>不是占位符：%1。</translation>
        </message>
        <message>
            <source>Use English</source>
            <translation>改用英文</translation>
        </message>
        <message>
            <source>Use Chinese</source>
            <translation>改用中文</translation>
        </message>
        <message>
            <source>Macros…</source>
            <translation>宏…</translation>
        </message>
        <message>
            <source>Insert a prepared reply (Ctrl+M)</source>
            <translation>插入预设回复（Ctrl+M）</translation>
        </message>
        <message>
            <source>Insert a macro</source>
            <translation>插入宏</translation>
        </message>
        <message>
            <source>Switch the macro's language</source>
            <translation>切换宏的语言</translation>
        </message>
        <message>
            <source>You changed the inserted text, so its language was not switched: change it by hand.</source>
            <translation>插入的文字已被修改，因此未切换语言：请手动修改。</translation>
        </message>
        <message>
            <source>On send: %1</source>
            <extracomment>under the composer: the macro's actions, done when the reply is sent; %1 a list</extracomment>
            <translation>发送时：%1</translation>
        </message>
        <message>
            <source>Remove actions</source>
            <extracomment>under the composer: drop the macro's actions staged for sending, keep its text</extracomment>
            <translation>移除操作</translation>
        </message>
        <message>
            <source>Do not apply the macro's actions on send</source>
            <translation>发送时不执行该宏的操作</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroManagerDialog</name>
        <message>
            <source>Delete macro</source>
            <translation>删除宏</translation>
        </message>
        <message>
            <source>Delete "%1"? Nobody will be able to use it any more.</source>
            <translation>删除“%1”？删除后任何人都无法再使用它。</translation>
        </message>
        <message>
            <source>Leave as it is</source>
            <extracomment>a macro's action: the ticket's status is not changed</extracomment>
            <translation>保持不变</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>a macro's action: take the ticket away from its agent</extracomment>
            <translation>未分配</translation>
        </message>
        <message>
            <source>%1 (team)</source>
            <translation>%1（团队）</translation>
        </message>
        <message>
            <source>%1 (mine)</source>
            <translation>%1（我的）</translation>
        </message>
        <message>
            <source>%1 (my copy)</source>
            <translation>%1（我的副本）</translation>
        </message>
        <message>
            <source>Only a lead can change the team's macros. Use "Copy as my own" to keep your own version.</source>
            <translation>只有组长可以修改团队宏。请使用“复制为我的宏”保留您自己的版本。</translation>
        </message>
        <message>
            <source>Give the macro a name.</source>
            <translation>请为宏命名。</translation>
        </message>
        <message>
            <source>The name may be at most %1 characters long.</source>
            <translation>名称最多 %1 个字符。</translation>
        </message>
        <message>
            <source>Write the reply in Chinese, in English or in both.</source>
            <translation>请用中文、英文或两种语言撰写回复。</translation>
        </message>
        <message>
            <source>Each body may be at most %1 characters long.</source>
            <translation>每种语言的正文最多 %1 个字符。</translation>
        </message>
        <message>
            <source>A severity change needs a reason: it goes into each ticket's history.</source>
            <translation>更改严重级别需要填写原因：原因会记入每个工单的历史。</translation>
        </message>
        <message>
            <source>The macro cannot be saved: %1</source>
            <translation>无法保存宏：%1</translation>
        </message>
        <message>
            <source>Only a lead can add macros for the whole team.</source>
            <translation>只有组长可以为整个团队添加宏。</translation>
        </message>
        <message>
            <source>The macro could not be saved: %1</source>
            <translation>宏保存失败：%1</translation>
        </message>
        <message>
            <source>"%1" is saved. It reaches the other desks through the server (at once when online).</source>
            <translation>“%1”已保存。它将通过服务器同步到其他坐席（在线时立即同步）。</translation>
        </message>
        <message>
            <source>Only a lead can delete the team's macros.</source>
            <translation>只有组长可以删除团队宏。</translation>
        </message>
        <message>
            <source>The macro could not be deleted: %1</source>
            <translation>宏删除失败：%1</translation>
        </message>
        <message>
            <source>"%1" is deleted.</source>
            <translation>“%1”已删除。</translation>
        </message>
        <message>
            <source>The server refused your change to "%1": only a lead may change the team's macros. The team's version is shown again.</source>
            <translation>服务器拒绝了您对“%1”的修改：只有组长可以修改团队宏。现已重新显示团队的版本。</translation>
        </message>
        <message>
            <source>Someone changed "%1" before your change reached the server: their version is shown. Make your change again on it.</source>
            <translation>在您的修改到达服务器之前，他人已修改“%1”：现显示其版本。请在此基础上重新修改。</translation>
        </message>
        <message>
            <source>The server refused your change to "%1": the macro was deleted, or it is not yours.</source>
            <translation>服务器拒绝了您对“%1”的修改：该宏已被删除，或不属于您。</translation>
        </message>
        <message>
            <source>The server refused your change to "%1" (%2).</source>
            <translation>服务器拒绝了您对“%1”的修改（%2）。</translation>
        </message>
        <message>
            <source>Manage macros</source>
            <translation>管理宏</translation>
        </message>
        <message>
            <source>Find a macro by name or text</source>
            <translation>按名称或内容查找宏</translation>
        </message>
        <message>
            <source>Macro search</source>
            <translation>宏搜索</translation>
        </message>
        <message>
            <source>Macros</source>
            <translation>宏</translation>
        </message>
        <message>
            <source>&amp;New</source>
            <translation>新建(&amp;N)</translation>
        </message>
        <message>
            <source>New macro</source>
            <translation>新建宏</translation>
        </message>
        <message>
            <source>Copy as my own</source>
            <translation>复制为我的宏</translation>
        </message>
        <message>
            <source>Copy the macro as a macro of my own</source>
            <translation>将该宏复制为我自己的宏</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>删除(&amp;D)…</translation>
        </message>
        <message>
            <source>Delete the macro</source>
            <translation>删除该宏</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>名称(&amp;N)：</translation>
        </message>
        <message>
            <source>Macro name</source>
            <translation>宏名称</translation>
        </message>
        <message>
            <source>For:</source>
            <translation>适用于：</translation>
        </message>
        <message>
            <source>Only me</source>
            <translation>仅我自己</translation>
        </message>
        <message>
            <source>The whole team</source>
            <translation>整个团队</translation>
        </message>
        <message>
            <source>Who the macro is for</source>
            <translation>宏的适用范围</translation>
        </message>
        <message>
            <source>Reply in &amp;Chinese:</source>
            <translation>中文回复(&amp;C)：</translation>
        </message>
        <message>
            <source>Reply in Chinese</source>
            <translation>中文回复</translation>
        </message>
        <message>
            <source>Reply in &amp;English:</source>
            <translation>英文回复(&amp;E)：</translation>
        </message>
        <message>
            <source>Reply in English</source>
            <translation>英文回复</translation>
        </message>
        <message>
            <source>Placeholders, filled in for each ticket (inserted in the language of the reply you were writing):</source>
            <translation>占位符，按每个工单填入（以您正在撰写的回复的语言插入）：</translation>
        </message>
        <message>
            <source>the customer's name</source>
            <translation>客户名称</translation>
        </message>
        <message>
            <source>the ticket's number</source>
            <translation>工单号</translation>
        </message>
        <message>
            <source>the response deadline, in the customer's time zone</source>
            <translation>响应截止时间（客户所在时区）</translation>
        </message>
        <message>
            <source>your name</source>
            <translation>您的姓名</translation>
        </message>
        <message>
            <source>what the customer's edition is entitled to</source>
            <translation>客户所购版本享有的权益</translation>
        </message>
        <message>
            <source>{{%1}} / {{%2}}: %3</source>
            <extracomment>%1 and %2 a placeholder in English and in Chinese, %3 what it is replaced with</extracomment>
            <translation>{{%2}} / {{%1}}：%3</translation>
        </message>
        <message>
            <source>Placeholders</source>
            <translation>占位符</translation>
        </message>
        <message>
            <source>&amp;Insert</source>
            <translation>插入(&amp;I)</translation>
        </message>
        <message>
            <source>Insert the placeholder into the reply</source>
            <translation>将占位符插入回复</translation>
        </message>
        <message>
            <source>When the macro is applied, also:</source>
            <translation>应用宏时同时执行：</translation>
        </message>
        <message>
            <source>&amp;Status:</source>
            <translation>状态(&amp;S)：</translation>
        </message>
        <message>
            <source>Status the macro sets</source>
            <translation>宏设置的状态</translation>
        </message>
        <message>
            <source>Se&amp;verity:</source>
            <translation>严重级别(&amp;V)：</translation>
        </message>
        <message>
            <source>Severity the macro sets</source>
            <translation>宏设置的严重级别</translation>
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation>原因(&amp;R)：</translation>
        </message>
        <message>
            <source>Reason for the severity change</source>
            <translation>更改严重级别的原因</translation>
        </message>
        <message>
            <source>Why the severity changes (kept in the ticket's history)</source>
            <translation>严重级别更改的原因（记入工单历史）</translation>
        </message>
        <message>
            <source>&amp;Assign to:</source>
            <translation>分配给(&amp;A)：</translation>
        </message>
        <message>
            <source>Agent the macro assigns the ticket to</source>
            <translation>宏将工单分配给的坐席</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Save the macro</source>
            <translation>保存宏</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Close the macro manager</source>
            <translation>关闭宏管理器</translation>
        </message>
        <message>
            <source>Message about the macro</source>
            <translation>关于宏的提示</translation>
        </message>
        <message>
            <source>Why the macro cannot be changed</source>
            <translation>无法修改该宏的原因</translation>
        </message>
        <message>
            <source>"%1" cannot be a tag. %2</source>
            <extracomment>%1 a tag the agent typed, %2 the tag rules in words</extracomment>
            <translation>“%1”不能作为标签。%2</translation>
        </message>
        <message>
            <source>A macro may add at most %1 tags: a ticket holds no more.</source>
            <translation>一个宏最多添加 %1 个标签：一个工单最多只能有这么多。</translation>
        </message>
        <message>
            <source>The tag %1 is both added and removed: keep it in one line.</source>
            <extracomment>%1 a tag given both to add and to remove</extracomment>
            <translation>标签 %1 既要添加又要移除：请只写在其中一行。</translation>
        </message>
        <message>
            <source>Ta&amp;gs to add:</source>
            <translation>添加的标签(&amp;G)：</translation>
        </message>
        <message>
            <source>Tags the macro adds</source>
            <translation>宏添加的标签</translation>
        </message>
        <message>
            <source>Tags to re&amp;move:</source>
            <translation>移除的标签(&amp;M)：</translation>
        </message>
        <message>
            <source>Tags the macro removes</source>
            <translation>宏移除的标签</translation>
        </message>
        <message>
            <source>Tags separated by spaces, such as vip billing</source>
            <extracomment>a macro's tag lines: how to write several tags</extracomment>
            <translation>多个标签以空格分隔，如 vip billing</translation>
        </message>
        <message>
            <source>Tags separated by spaces. %1</source>
            <translation>多个标签以空格分隔。%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroPicker</name>
        <message>
            <source>%1 (mine)</source>
            <comment>an agent's own macro</comment>
            <translation>%1（我的）</translation>
        </message>
        <message>
            <source>Find a macro by name or text, in either language</source>
            <translation>按名称或正文查找宏（中英文均可）</translation>
        </message>
        <message>
            <source>Macro search</source>
            <translation>查找宏</translation>
        </message>
        <message>
            <source>Macros</source>
            <translation>宏</translation>
        </message>
        <message>
            <source>No macros yet. Add your own (leads add the team's) in Ticket → Manage macros…</source>
            <translation>还没有宏。可在“工单 → 管理宏…”中添加自己的宏（团队的宏由组长添加）。</translation>
        </message>
        <message>
            <source>No macro matches “%1”.</source>
            <translation>没有与“%1”匹配的宏。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::MainWindow</name>
        <message>
            <source>About SupportDesk</source>
            <translation>关于 SupportDesk</translation>
        </message>
        <message>
            <source>SupportDesk %1
The agent desk of the cloud support centre.</source>
            <translation>SupportDesk %1
云技术支持中心的坐席工作台。</translation>
        </message>
        <message>
            <source>Plan reference</source>
            <translation>服务计划参考</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>edition filter entry: plan name, edition name</extracomment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>All editions</source>
            <extracomment>filter box entry: no filter on the edition</extracomment>
            <translation>全部版本</translation>
        </message>
        <message>
            <source>All severities</source>
            <extracomment>filter box entry: no filter on the severity</extracomment>
            <translation>全部严重性</translation>
        </message>
        <message>
            <source>All channels</source>
            <extracomment>filter box entry: no filter on the channel</extracomment>
            <translation>全部渠道</translation>
        </message>
        <message>
            <source>All statuses</source>
            <extracomment>filter box entry: no filter on the status</extracomment>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>%1 (…)</source>
            <extracomment>queue list entry while a large queue is still being read: its name, and an ellipsis where the count will be (as narrow as a count: the list keeps its width)</extracomment>
            <translation>%1（…）</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <extracomment>queue list entry: queue name and how many tickets it holds</extracomment>
            <translation>%1（%2）</translation>
        </message>
        <message numerus="yes">
            <source>Showing %n ticket(s) picked on the lead board.</source>
            <translation>
                <numerusform>正在显示组长看板选出的 %n 个工单。</numerusform>
            </translation>
        </message>
        <message>
            <source>Show the whole queue</source>
            <translation>显示整个队列</translation>
        </message>
        <message>
            <source>Online</source>
            <extracomment>status bar: connected to the server</extracomment>
            <translation>在线</translation>
        </message>
        <message>
            <source>Online — syncing…</source>
            <translation>在线 — 正在同步…</translation>
        </message>
        <message>
            <source>Signed out — the server refused the token</source>
            <translation>已登出 — 服务器拒绝了令牌</translation>
        </message>
        <message>
            <source>Last sync %1</source>
            <translation>上次同步 %1</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>尚未同步</translation>
        </message>
        <message numerus="yes">
            <source>%n edit(s) waiting</source>
            <extracomment>status bar: edits saved locally, not yet on the server</extracomment>
            <translation>
                <numerusform>%n 项修改待发送</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n 项冲突</numerusform>
            </translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>Signed in as %1 (%2)</source>
            <extracomment>status bar: signed-in agent's name and role</extracomment>
            <translation>已登录：%1（%2）</translation>
        </message>
        <message>
            <source>Server clock %1 ahead; countdowns follow the server</source>
            <translation>服务器时钟快 %1；倒计时以服务器为准</translation>
        </message>
        <message>
            <source>Server clock %1 behind; countdowns follow the server</source>
            <translation>服务器时钟慢 %1；倒计时以服务器为准</translation>
        </message>
        <message>
            <source>SupportDesk</source>
            <translation>SupportDesk</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>队列</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation>立即同步(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Ticket</source>
            <extracomment>menu of actions on tickets</extracomment>
            <translation>工单(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;New ticket…</source>
            <translation>新建工单(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Reply…</source>
            <translation>回复(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Accept</source>
            <extracomment>accept (受理) the current ticket</extracomment>
            <translation>受理(&amp;A)</translation>
        </message>
        <message>
            <source>Next ticket</source>
            <translation>下一个工单</translation>
        </message>
        <message>
            <source>Previous ticket</source>
            <translation>上一个工单</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Find in queue</source>
            <translation>在队列中查找(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Lead board</source>
            <translation>组长看板(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Plan reference</source>
            <translation>服务计划参考(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;About SupportDesk</source>
            <translation>关于 SupportDesk(&amp;A)</translation>
        </message>
        <message>
            <source>Search subject, body and customer (Ctrl+F)</source>
            <translation>搜索主题、正文和客户（Ctrl+F）</translation>
        </message>
        <message>
            <source>Select a ticket to see it here.</source>
            <translation>选择一个工单以在此查看。</translation>
        </message>
        <message>
            <source>Showing only the ticket you opened: the queue you were in and its filters leave it out.</source>
            <translation>仅显示您打开的工单：当前队列及其筛选条件不包含它。</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <extracomment>status bar: the server has not answered yet in this run</extracomment>
            <translation>正在连接…</translation>
        </message>
        <message>
            <source>Offline since %1 — edits are kept and sent when the server is back</source>
            <extracomment>status bar: the server cannot be reached since a time; edits wait in the outbox</extracomment>
            <translation>自 %1 起离线 — 修改已保存，服务器恢复后发送</translation>
        </message>
        <message>
            <source>Not syncing since %1: the server refused the token.</source>
            <translation>自 %1 起未同步：服务器拒绝了令牌。</translation>
        </message>
        <message>
            <source>The server cannot be reached since %1.</source>
            <extracomment>banner over the queue: the server cannot be reached since a time</extracomment>
            <translation>自 %1 起无法连接服务器。</translation>
        </message>
        <message>
            <source>The queue shows the data of %1 and may be out of date; countdowns still run.</source>
            <extracomment>banner over the queue: the data is as of the last complete sync</extracomment>
            <translation>队列显示的是 %1 的数据，可能已过时；倒计时仍在走。</translation>
        </message>
        <message>
            <source>The queue shows what the local cache holds and may be out of date.</source>
            <translation>队列显示的是本地缓存中的数据，可能已过时。</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <extracomment>banner over the queue: why it is not syncing, then how old its data is (two sentences; no space between them in Chinese)</extracomment>
            <translation>%1%2</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <source>Signed out (%1)</source>
            <extracomment>status bar: the token of this agent was refused by the server</extracomment>
            <translation>已登出（%1）</translation>
        </message>
        <message>
            <source>(measured %1 ago)</source>
            <extracomment>status bar, after the clock offset: how long ago it was measured</extracomment>
            <translation>（%1前测得）</translation>
        </message>
        <message>
            <source>The server cannot be reached since %1: %2</source>
            <extracomment>banner over the queue: a time, then why in a sentence (e.g. "The server's certificate is not trusted: …", "Connection refused.")</extracomment>
            <translation>自 %1 起无法连接服务器：%2</translation>
        </message>
        <message>
            <source>Manage &amp;macros…</source>
            <translation>管理宏(&amp;M)…</translation>
        </message>
        <message>
            <source>&amp;Queue</source>
            <translation>队列(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>键盘快捷键(&amp;K)</translation>
        </message>
        <message>
            <source>Search the queue</source>
            <translation>搜索队列</translation>
        </message>
        <message>
            <source>Tickets</source>
            <extracomment>the queue's table of tickets, as a screen reader names it</extracomment>
            <translation>工单</translation>
        </message>
        <message>
            <source>Queues</source>
            <extracomment>the list of queues (My tickets, Unassigned, …), as a screen reader names it</extracomment>
            <translation>队列</translation>
        </message>
        <message>
            <source>Mer&amp;ge into…</source>
            <extracomment>merge the current ticket, a duplicate, into another ticket of the same customer</extracomment>
            <translation>合并到(&amp;G)…</translation>
        </message>
        <message>
            <source>&amp;Link…</source>
            <extracomment>link the current ticket to a related one (the pane's Links tab lists them)</extracomment>
            <translation>关联(&amp;L)…</translation>
        </message>
        <message>
            <source>Customer &amp;history</source>
            <extracomment>show the current ticket's customer's other tickets (a tab of the ticket pane)</extracomment>
            <translation>客户历史(&amp;H)</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::MergeDialog</name>
        <message>
            <source>Merge #%1 into…</source>
            <translation>将 #%1 合并到…</translation>
        </message>
        <message>
            <source>Link #%1 to…</source>
            <translation>将 #%1 关联到…</translation>
        </message>
        <message>
            <source>Pick the ticket of the same customer that #%1 duplicates. Its messages and files move there, it is closed, and the customer is told.</source>
            <translation>选择与 #%1 重复的同一客户的工单。#%1 的消息和附件将移到该工单，#%1 将关闭，并通知客户。</translation>
        </message>
        <message>
            <source>Pick a related ticket, of any customer, by number or subject.</source>
            <translation>按编号或主题选择一个相关工单（可以是任何客户的）。</translation>
        </message>
        <message>
            <source>Number or subject</source>
            <translation>编号或主题</translation>
        </message>
        <message>
            <source>Find a ticket by number or subject</source>
            <translation>按编号或主题查找工单</translation>
        </message>
        <message>
            <source>Tickets to merge into</source>
            <translation>可合并到的工单</translation>
        </message>
        <message>
            <source>Tickets to link</source>
            <translation>可关联的工单</translation>
        </message>
        <message>
            <source>Why this ticket cannot be picked</source>
            <translation>不能选择此工单的原因</translation>
        </message>
        <message>
            <source>&amp;Merge</source>
            <translation>合并(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Link</source>
            <translation>关联(&amp;L)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>#%1  %2 — %3</source>
            <extracomment>a ticket in the merge picker: number, subject, status</extracomment>
            <translation>#%1  %2 — %3</translation>
        </message>
        <message>
            <source>Merge #%1 into #%2?</source>
            <translation>将 #%1 合并到 #%2？</translation>
        </message>
        <message>
            <source>Merge #%1 “%2” into #%3 “%4”? #%1 will be closed and its customer told.</source>
            <extracomment>the question before a merge; %1 and %3 ticket numbers, %2 and %4 their subjects</extracomment>
            <translation>将 #%1“%2”合并到 #%3“%4”？#%1 将被关闭，并通知其客户。</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>#%1  %2 — %3 — %4</source>
            <extracomment>a ticket in the link picker: number, subject, customer, status</extracomment>
            <translation>#%1  %2 — %3 — %4</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::Notifier</name>
        <message>
            <source>#%1 %2</source>
            <translation>#%1 %2</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <extracomment>edition and severity of a ticket, e.g. "S2 Enterprise, Business unavailable"</extracomment>
            <translation>%1，%2</translation>
        </message>
        <message>
            <source>Your ticket is at risk: %1</source>
            <translation>您的工单即将超时：%1</translation>
        </message>
        <message>
            <source>Unassigned ticket at risk: %1</source>
            <translation>无人处理的工单即将超时：%1</translation>
        </message>
        <message>
            <source>Your ticket breached its response target: %1</source>
            <translation>您的工单已超出响应时限：%1</translation>
        </message>
        <message>
            <source>Unassigned ticket breached its response target: %1</source>
            <translation>无人处理的工单已超出响应时限：%1</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>%1. Nobody has taken it yet.</source>
            <translation>%1。尚无人受理。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::OpenShortcut</name>
        <message>
            <source>Open its tickets</source>
            <translation>打开其工单</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::PlanReferenceWidget</name>
        <message>
            <source>Channels</source>
            <translation>支持渠道</translation>
        </message>
        <message>
            <source>Tickets per month</source>
            <translation>每月工单数</translation>
        </message>
        <message>
            <source>Handled by</source>
            <translation>处理人员</translation>
        </message>
        <message>
            <source>Unlimited</source>
            <translation>不限</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::PresenceLine</name>
        <message>
            <source>✎ %1 is typing…</source>
            <translation>✎ %1 正在输入…</translation>
        </message>
        <message>
            <source>● %1 is viewing</source>
            <translation>● %1 正在查看</translation>
        </message>
        <message>
            <source> · </source>
            <extracomment>between the agents on a ticket: "Emma is viewing · Li Na is typing…"</extracomment>
            <translation> · </translation>
        </message>
        <message>
            <source>Other agents on this ticket</source>
            <extracomment>accessible name of the line saying which other agents have the ticket open</extracomment>
            <translation>此工单上的其他坐席</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueLoadingNotice</name>
        <message numerus="yes">
            <source>Reading the rest of the tickets: until they are in, this list is made from the first %n only.</source>
            <extracomment>line above a large queue while the tickets behind its first screen are read: the list, whatever queue, filter, sort or search is chosen, is made from those alone</extracomment>
            <translation>
                <numerusform>仍在读取其余工单：读完之前，此列表仅来自前 %n 个工单。</numerusform>
            </translation>
        </message>
        <message>
            <source>Queue still loading</source>
            <extracomment>screen reader name of that line</extracomment>
            <translation>队列仍在加载</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueModel</name>
        <message>
            <source>My tickets</source>
            <translation>我的工单</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未分配</translation>
        </message>
        <message>
            <source>Waiting on customer</source>
            <translation>等待客户回复</translation>
        </message>
        <message>
            <source>All open</source>
            <translation>全部未结</translation>
        </message>
        <message>
            <source>Recently closed</source>
            <translation>最近关闭</translation>
        </message>
        <message>
            <source>%1 › %2</source>
            <extracomment>customer and the partner's sub-client account, e.g. "Globex Partners › 100234"</extracomment>
            <translation>%1 › %2</translation>
        </message>
        <message>
            <source>no target</source>
            <extracomment>countdown column: the plan sets no response target for this ticket</extracomment>
            <translation>无响应目标</translation>
        </message>
        <message>
            <source>—</source>
            <extracomment>assignee column of a ticket nobody has</extracomment>
            <translation>—</translation>
        </message>
        <message>
            <source>Unknown edition: %1</source>
            <translation>未知版本：%1</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>badge tooltip: plan name, edition name, e.g. "Service Plan — Flagship"</extracomment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Edition</source>
            <extracomment>queue column: the customer's support-plan edition</extracomment>
            <translation>版本</translation>
        </message>
        <message>
            <source>Severity</source>
            <extracomment>queue column</extracomment>
            <translation>严重性</translation>
        </message>
        <message>
            <source>Time left</source>
            <extracomment>queue column: time left to the response target</extracomment>
            <translation>剩余时间</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>主题</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Channel</source>
            <extracomment>queue column: how the customer reached us (ticket, hotline, IM)</extracomment>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Assignee</source>
            <translation>处理人</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Updated</source>
            <extracomment>queue column: time of the ticket's last change</extracomment>
            <translation>更新时间</translation>
        </message>
        <message>
            <source>%1 (edit not sent yet)</source>
            <extracomment>what a screen reader says for a ticket with an edit not yet sent</extracomment>
            <translation>%1（修改尚未发送）</translation>
        </message>
        <message>
            <source>Tags</source>
            <extracomment>queue column: the ticket's tags</extracomment>
            <translation>标签</translation>
        </message>
        <message>
            <source>no tags</source>
            <extracomment>what a screen reader says for the tags cell of a ticket without tags</extracomment>
            <translation>无标签</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueView</name>
        <message>
            <source>&amp;Tags column</source>
            <extracomment>View menu and the queue header's context menu: show or hide the queue's Tags column</extracomment>
            <translation>标签列(&amp;T)</translation>
        </message>
        <message>
            <source>Shows each ticket's tags in a column of the queue</source>
            <translation>在队列中以一列显示每张工单的标签</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::QuotaModel</name>
        <message>
            <source>%1 of %2</source>
            <extracomment>quota use this month, e.g. "11 of 10"</extracomment>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Used this month</source>
            <translation>本月已用</translation>
        </message>
        <message>
            <source>Over quota</source>
            <translation>超配额</translation>
        </message>
        <message>
            <source>Override reasons</source>
            <translation>超额受理原因</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ReclassifyDialog</name>
        <message>
            <source>Reclassify severity</source>
            <translation>重新定级</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>Now: %1, due %2.</source>
            <translation>当前：%1，截止 %2。</translation>
        </message>
        <message>
            <source>New &amp;severity:</source>
            <translation>新的严重性(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Reason (required, kept in the ticket's history):</source>
            <translation>原因(&amp;R)（必填，记入工单历史）：</translation>
        </message>
        <message>
            <source>Why the severity changes, e.g. the business is running again</source>
            <translation>为何调整严重性，例如业务已恢复运行</translation>
        </message>
        <message>
            <source>Examples:</source>
            <translation>示例：</translation>
        </message>
        <message>
            <source>This edition has no response target for that severity.</source>
            <translation>该版本对此严重性没有响应时限。</translation>
        </message>
        <message>
            <source>New deadline: %1 (opened %2 + %3); now due %4.</source>
            <translation>新截止时间：%1（创建于 %2 + %3）；当前截止 %4。</translation>
        </message>
        <message>
            <source>The new deadline has already passed (%1): the ticket counts as breached as soon as the change is saved.</source>
            <extracomment>%1 e.g. "overdue 5 min"</extracomment>
            <translation>新的截止时间已过（%1）：保存更改后该工单即计为超时。</translation>
        </message>
        <message>
            <source>The new deadline is close: %1.</source>
            <extracomment>%1 e.g. "12 min left"</extracomment>
            <translation>新的截止时间临近：%1。</translation>
        </message>
        <message>
            <source>New severity</source>
            <extracomment>the list of severities to choose from when reclassifying</extracomment>
            <translation>新的严重级别</translation>
        </message>
        <message>
            <source>What the chosen severity means, with examples</source>
            <translation>所选严重性的含义及示例</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::RiskMatrixModel</name>
        <message>
            <source>Tickets whose plan, edition or severity the plan catalogs do not know</source>
            <translation>服务计划目录中没有其服务计划、版本或严重性的工单</translation>
        </message>
        <message>
            <source>This plan has no such severity</source>
            <translation>此服务计划没有该严重性</translation>
        </message>
        <message>
            <source>No open tickets</source>
            <translation>没有未结工单</translation>
        </message>
        <message>
            <source>%1 open, %2 at risk, %3 breached</source>
            <extracomment>a matrix cell: open tickets, of which at risk and breached</extracomment>
            <translation>未结 %1 张，即将超时 %2 张，已超时 %3 张</translation>
        </message>
        <message>
            <source>Severities the plan catalogs do not know</source>
            <translation>服务计划目录中没有的严重性</translation>
        </message>
        <message>
            <source>%1 breached</source>
            <extracomment>part of a lead board matrix cell: how many of its open tickets are breached</extracomment>
            <translation>已超时 %1</translation>
        </message>
        <message>
            <source>%1 at risk</source>
            <extracomment>part of a lead board matrix cell: how many of its open tickets are at risk</extracomment>
            <translation>即将超时 %1</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <extracomment>a lead board matrix cell: %1 the open tickets, %2 how many of them are breached or at risk, e.g. "3 · 1 breached, 1 at risk"</extracomment>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>, </source>
            <extracomment>between "1 breached" and "1 at risk" in a matrix cell</extracomment>
            <translation>，</translation>
        </message>
        <message>
            <source>answered late</source>
            <extracomment>part of a lead board matrix cell: some of its open tickets were answered after their target</extracomment>
            <translation>超时响应</translation>
        </message>
        <message>
            <source>%1 open, none at risk or breached; at least one was answered after its target</source>
            <extracomment>a matrix cell: open tickets, none at risk or breached, some answered late</extracomment>
            <translation>未结 %1 张，无即将超时或已超时；至少一张超过响应目标后才响应</translation>
        </message>
        <message>
            <source>answered in time</source>
            <extracomment>part of a lead board matrix cell: every one of its open tickets was answered within its target</extracomment>
            <translation>均按时响应</translation>
        </message>
        <message>
            <source>%1 open, every one answered within its target</source>
            <extracomment>a matrix cell: open tickets, every one answered within its target</extracomment>
            <translation>未结 %1 张，均在响应目标内响应</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::SavedViewList</name>
        <message>
            <source>A view needs a name.</source>
            <translation>视图需要一个名称。</translation>
        </message>
        <message>
            <source>A view's name is at most %1 characters.</source>
            <translation>视图名称最多 %1 个字符。</translation>
        </message>
        <message>
            <source>The search is longer than %1 characters: a view cannot keep it.</source>
            <translation>搜索内容超过 %1 个字符，视图无法保存它。</translation>
        </message>
        <message>
            <source>The view could not be saved: %1</source>
            <translation>无法保存视图：%1</translation>
        </message>
        <message>
            <source>Save view</source>
            <extracomment>dialog title: save the queue's filters and search under a name</extracomment>
            <translation>保存视图</translation>
        </message>
        <message>
            <source>Name of the view (the queue, its filters, tags and search as they are now):</source>
            <translation>视图名称（保存当前的队列、筛选条件、标签和搜索）：</translation>
        </message>
        <message>
            <source>Rename view</source>
            <translation>重命名视图</translation>
        </message>
        <message>
            <source>New name of the view "%1":</source>
            <translation>视图“%1”的新名称：</translation>
        </message>
        <message>
            <source>Delete view</source>
            <translation>删除视图</translation>
        </message>
        <message>
            <source>Delete the view "%1"? The tickets stay as they are.</source>
            <translation>删除视图“%1”？工单本身不受影响。</translation>
        </message>
        <message>
            <source>%1 (…)</source>
            <extracomment>saved view list entry: the view's name and how many tickets it holds now; "…" while a large queue is still being read</extracomment>
            <translation>%1（…）</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message numerus="yes">
            <source>%1, %n ticket(s)</source>
            <extracomment>what a screen reader says for a saved view: its name and how many tickets it holds</extracomment>
            <translation>
                <numerusform>%1，%n 个工单</numerusform>
            </translation>
        </message>
        <message>
            <source>The view "%1" was changed on another desk before your change reached the server: that version is shown. Make your change again on it.</source>
            <translation>视图“%1”在您的修改到达服务器之前已在另一台桌面上被修改，现在显示的是那个版本。请在其基础上重新修改。</translation>
        </message>
        <message>
            <source>The server refused your change to the view "%1": it was deleted on another desk.</source>
            <translation>服务器拒绝了您对视图“%1”的修改：它已在另一台桌面上被删除。</translation>
        </message>
        <message>
            <source>The server refused your change to the view "%1" (%2).</source>
            <translation>服务器拒绝了您对视图“%1”的修改（%2）。</translation>
        </message>
        <message>
            <source>My views</source>
            <extracomment>heading of the agent's saved views, under the built-in queues</extracomment>
            <translation>我的视图</translation>
        </message>
        <message>
            <source>Save the queue's filters and search as a view of your own: View → Save view… (%1).</source>
            <translation>可将队列的筛选条件和搜索保存为自己的视图：视图 → 保存视图…（%1）。</translation>
        </message>
        <message>
            <source>Save &amp;view…</source>
            <translation>保存视图(&amp;V)…</translation>
        </message>
        <message>
            <source>&amp;Rename view…</source>
            <translation>重命名视图(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Delete view…</source>
            <translation>删除视图(&amp;D)…</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::SearchWriter</name>
        <message>
            <source>cannot open the search index %1</source>
            <translation>无法打开搜索索引 %1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ServiceReportDialog</name>
        <message>
            <source>Choose a customer.</source>
            <translation>请选择客户。</translation>
        </message>
        <message>
            <source>Export service report as PDF</source>
            <translation>将服务报告导出为 PDF</translation>
        </message>
        <message>
            <source>Export service report as CSV</source>
            <translation>将服务报告导出为 CSV</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF 文档 (*.pdf)</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>Service report</source>
            <translation>服务报告</translation>
        </message>
        <message>
            <source>&amp;Customer:</source>
            <translation>客户(&amp;C)：</translation>
        </message>
        <message>
            <source>&amp;Month:</source>
            <translation>月份(&amp;M)：</translation>
        </message>
        <message>
            <source>Export &amp;PDF…</source>
            <translation>导出 PDF(&amp;P)…</translation>
        </message>
        <message>
            <source>Export C&amp;SV…</source>
            <translation>导出 CSV(&amp;S)…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Saved to %1</source>
            <translation>已保存到 %1</translation>
        </message>
        <message>
            <source>Open &amp;folder</source>
            <extracomment>opens the folder the report was exported to</extracomment>
            <translation>打开文件夹(&amp;F)</translation>
        </message>
        <message>
            <source>the server answered %1</source>
            <translation>服务器应答 %1</translation>
        </message>
        <message>
            <source>Figures from the server, as of %1.</source>
            <extracomment>where the service report's figures come from; %1 a time of day</extracomment>
            <translation>数据来自服务器，截至 %1。</translation>
        </message>
        <message>
            <source>Asking the server for its figures; this desk's cache is shown meanwhile.</source>
            <translation>正在向服务器获取数据；在此期间显示本机缓存中的数据。</translation>
        </message>
        <message>
            <source>Figures from this desk's cache: the server's report could not be fetched (%1). Changes not yet synced are missing.</source>
            <translation>数据来自本机缓存：无法从服务器获取报告（%1）。尚未同步的变更未计入。</translation>
        </message>
        <message>
            <source>Figures from this desk's cache: not connected to the server. Changes not yet synced are missing.</source>
            <translation>数据来自本机缓存：未连接到服务器。尚未同步的变更未计入。</translation>
        </message>
        <message>
            <source>Figures from this desk's cache.</source>
            <translation>数据来自本机缓存。</translation>
        </message>
        <message>
            <source>Preview of the report</source>
            <translation>报告预览</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <extracomment>a plan's edition: %1 the plan, %2 the edition</extracomment>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>No edition of the plans includes service reports.</source>
            <translation>各服务计划均无包含服务报告的版本。</translation>
        </message>
        <message>
            <source>None of the team's customers has an edition that includes service reports (%1).</source>
            <extracomment>%1 the editions whose plan includes service reports, e.g. "Partner Support Plan · Enterprise"</extracomment>
            <translation>团队的客户中没有版本包含服务报告的客户（包含服务报告的版本：%1）。</translation>
        </message>
        <message>
            <source>%1 is on %2, which does not include service reports (only %3 does).</source>
            <extracomment>%1 the customer, %2 its plan and edition, %3 the editions that include service reports</extracomment>
            <translation>%1 使用的是 %2，不含服务报告（仅 %3 包含）。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ServiceUseDialog</name>
        <message>
            <source>IEM or training record</source>
            <translation>IEM 或培训记录</translation>
        </message>
        <message>
            <source>Record IEM or training</source>
            <translation>记录 IEM 或培训</translation>
        </message>
        <message>
            <source>Customer: %1</source>
            <extracomment>%1 the customer's name</extracomment>
            <translation>客户：%1</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>服务</translation>
        </message>
        <message>
            <source>&amp;Service:</source>
            <translation>服务(&amp;S)：</translation>
        </message>
        <message>
            <source>First day</source>
            <translation>第一天</translation>
        </message>
        <message>
            <source>Last day</source>
            <translation>最后一天</translation>
        </message>
        <message>
            <source>Asked on</source>
            <translation>申请日期</translation>
        </message>
        <message>
            <source>&amp;First day:</source>
            <translation>第一天(&amp;F)：</translation>
        </message>
        <message>
            <source>&amp;Last day:</source>
            <translation>最后一天(&amp;L)：</translation>
        </message>
        <message>
            <source>As&amp;ked on:</source>
            <translation>申请日期(&amp;K)：</translation>
        </message>
        <message>
            <source>What it was</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>The event, or the session's topic</source>
            <extracomment>placeholder: an IEM engagement's event, or a training session's topic</extracomment>
            <translation>活动内容，或培训主题</translation>
        </message>
        <message>
            <source>&amp;What:</source>
            <translation>内容(&amp;W)：</translation>
        </message>
        <message>
            <source>Override reason</source>
            <translation>超额原因</translation>
        </message>
        <message>
            <source>Only past the year's allowance: why</source>
            <translation>仅在超出年度额度时填写：原因</translation>
        </message>
        <message>
            <source>&amp;Override reason:</source>
            <translation>超额原因(&amp;O)：</translation>
        </message>
        <message>
            <source>What the plan says</source>
            <translation>服务计划的规定</translation>
        </message>
        <message>
            <source>Reason to cancel</source>
            <translation>取消原因</translation>
        </message>
        <message>
            <source>Why the record is cancelled</source>
            <translation>为什么取消这条记录</translation>
        </message>
        <message>
            <source>Save &amp;correction</source>
            <translation>保存更正(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Record</source>
            <translation>记录(&amp;R)</translation>
        </message>
        <message>
            <source>Ca&amp;ncel this record</source>
            <translation>取消这条记录(&amp;N)</translation>
        </message>
        <message>
            <source>Cancel this record</source>
            <translation>取消这条记录</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>This customer's edition includes neither IEM nor training.</source>
            <translation>该客户的版本既不含 IEM，也不含培训。</translation>
        </message>
        <message>
            <source>Give an override reason to record it anyway (it is flagged).</source>
            <extracomment>past the allowance, a lead may still take it by stating why</extracomment>
            <translation>如仍要记录，请填写超额原因（将被标记）。</translation>
        </message>
        <message>
            <source>Past the year's allowance: recorded with your reason, flagged.</source>
            <translation>超出年度额度：将按您的原因记录并标记。</translation>
        </message>
        <message>
            <source>Warning: %1</source>
            <extracomment>a warning, not a refusal: the seed recommends the notice</extracomment>
            <translation>提醒：%1</translation>
        </message>
        <message>
            <source>Say what it was (the event, or the session's topic).</source>
            <translation>请填写内容（活动内容或培训主题）。</translation>
        </message>
        <message>
            <source>The record could not be saved: %1</source>
            <translation>记录未能保存：%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::SettingsDialog</name>
        <message>
            <source>Enter the server's address, e.g. https://desk.example.com.</source>
            <translation>请输入服务器地址，例如 https://desk.example.com。</translation>
        </message>
        <message>
            <source>This is not a valid address: %1</source>
            <translation>这不是有效的地址：%1</translation>
        </message>
        <message>
            <source>The address must start with https:// or http://.</source>
            <translation>地址必须以 https:// 或 http:// 开头。</translation>
        </message>
        <message>
            <source>The address must start with https:// or http://, not %1://.</source>
            <translation>地址必须以 https:// 或 http:// 开头，而不是 %1://。</translation>
        </message>
        <message>
            <source>The address has no server name.</source>
            <translation>地址中没有服务器名。</translation>
        </message>
        <message>
            <source>Leave the user name and password out of the address; the token goes in its own field.</source>
            <translation>地址中不要包含用户名和密码；令牌请填在专门的字段里。</translation>
        </message>
        <message>
            <source>The address must not have a query (?…) or a fragment (#…).</source>
            <translation>地址不能带查询（?…）或片段（#…）。</translation>
        </message>
        <message>
            <source>Store the token in a file?</source>
            <translation>将令牌保存在文件中？</translation>
        </message>
        <message>
            <source>Warning: over http:// the token travels unencrypted. Use https:// unless the server is on this computer.</source>
            <translation>警告：通过 http:// 传输时令牌不加密。除非服务器就在本机上，请使用 https://。</translation>
        </message>
        <message>
            <source>%1

Store the token in a file that only your user account can read (%2)? This is less safe than a keychain: anyone who can act as your account, or read your backups, can read the token.</source>
            <translation>%1

要将令牌保存在只有您的用户帐户能读取的文件中（%2）吗？这不如钥匙串安全：任何能以您的帐户身份操作、或能读取您的备份的人，都能读到令牌。</translation>
        </message>
        <message>
            <source>The token was not saved: no keychain, and you chose not to store it in a file.</source>
            <translation>令牌未保存：没有钥匙串，而您选择了不保存到文件中。</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>服务器</translation>
        </message>
        <message>
            <source>Server &amp;address:</source>
            <translation>服务器地址(&amp;A)：</translation>
        </message>
        <message>
            <source>https://desk.example.com</source>
            <translation>https://desk.example.com</translation>
        </message>
        <message>
            <source>&amp;Token:</source>
            <extracomment>the API token an agent signs in with</extracomment>
            <translation>令牌(&amp;T)：</translation>
        </message>
        <message>
            <source>Paste your API token</source>
            <translation>粘贴您的 API 令牌</translation>
        </message>
        <message>
            <source>No token is stored for this server.</source>
            <translation>没有为此服务器保存令牌。</translation>
        </message>
        <message>
            <source>Looking for a stored token…</source>
            <translation>正在查找已保存的令牌…</translation>
        </message>
        <message>
            <source>Unchanged — type a new token to replace it</source>
            <translation>未更改 — 输入新令牌即可替换</translation>
        </message>
        <message>
            <source>A token is stored in the system keychain.</source>
            <translation>令牌已保存在系统钥匙串中。</translation>
        </message>
        <message>
            <source>A token is stored in a file only you can read (less safe than a keychain): %1</source>
            <translation>令牌已保存在只有您能读取的文件中（不如钥匙串安全）：%1</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>通知</translation>
        </message>
        <message>
            <source>Notify me when one of &amp;my tickets is at risk or breached</source>
            <translation>我的工单即将超时或已超时时通知我(&amp;M)</translation>
        </message>
        <message>
            <source>Notify me when an &amp;unassigned ticket of the most severe level (business unavailable) is at risk or breached</source>
            <translation>无人处理的最高级别（业务不可用）工单有超时风险或已超时时通知我(&amp;U)</translation>
        </message>
        <message>
            <source>Play a &amp;sound with each notification</source>
            <translation>每条通知都播放提示音(&amp;S)</translation>
        </message>
        <message>
            <source>When a ticket counts as at risk, and how long before a breach agents are warned, are team settings a lead sets on the lead board.</source>
            <translation>工单何时算作有超时风险、超时前多久提醒坐席，属于团队设置，由组长在组长看板上设定。</translation>
        </message>
        <message>
            <source>Time</source>
            <extracomment>settings group: the time zone every time on the desk is shown in</extracomment>
            <translation>时间</translation>
        </message>
        <message>
            <source>Show times &amp;in:</source>
            <translation>时间显示时区(&amp;I)：</translation>
        </message>
        <message>
            <source>This computer's time zone (%1)</source>
            <extracomment>the display zone follows the computer's; %1 is that zone, e.g. "Europe/Berlin"</extracomment>
            <translation>本机时区（%1）</translation>
        </message>
        <message>
            <source>Company CA certificate</source>
            <translation>公司 CA 证书</translation>
        </message>
        <message>
            <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
            <extracomment>file dialog filter; keep the patterns in parentheses as they are</extracomment>
            <translation>证书 (*.pem *.crt *.cer *.der);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Company &amp;CA:</source>
            <extracomment>a certificate authority's certificate a company signs its servers' certificates with</extracomment>
            <translation>公司 CA(&amp;C)：</translation>
        </message>
        <message>
            <source>None — the system's certificate authorities only</source>
            <translation>无 — 仅信任系统的证书颁发机构</translation>
        </message>
        <message>
            <source>A CA certificate file (PEM or DER) to trust besides the system's, when your company's CA signed the server's certificate.</source>
            <translation>服务器证书由贵公司的 CA 签发时，在系统证书之外另行信任的 CA 证书文件（PEM 或 DER）。</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <source>In use now: %1 (files of replies waiting to be sent are kept)</source>
            <extracomment>settings: the attachment cache's size now; files of replies not yet sent are never cleared</extracomment>
            <translation>当前占用：%1（待发送回复的附件会保留）</translation>
        </message>
        <message>
            <source>Attachments</source>
            <extracomment>settings group: files of tickets kept on this computer</extracomment>
            <translation>附件</translation>
        </message>
        <message>
            <source>Keep at most:</source>
            <translation>最多保留：</translation>
        </message>
        <message>
            <source> MB</source>
            <extracomment>unit after the attachment cache's size cap</extracomment>
            <translation> MB</translation>
        </message>
        <message>
            <source>Attachment cache size</source>
            <translation>附件缓存大小</translation>
        </message>
        <message>
            <source>Clear cache</source>
            <translation>清空缓存</translation>
        </message>
        <message>
            <source>Clear the attachment cache</source>
            <translation>清空附件缓存</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Every action of the desk can be reached from the keyboard: Tab moves between areas, the menus open with Alt and their underlined letter, and these keys act directly.</source>
            <translation>服务台的每个操作都可以用键盘完成：Tab 在各区域之间移动，Alt 加菜单中带下划线的字母打开菜单，下列按键直接执行操作。</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>按键</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>适用位置</translation>
        </message>
        <message>
            <source> or </source>
            <extracomment>separates two keys that do the same, e.g. "Ctrl+Return or Ctrl+Enter"</extracomment>
            <translation> 或 </translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::SyncEngine</name>
        <message>
            <source>The server did not answer in time.</source>
            <translation>服务器未能及时响应。</translation>
        </message>
        <message>
            <source>The server answered %1.</source>
            <translation>服务器返回 %1。</translation>
        </message>
        <message>
            <source>The server's reply could not be read: %1</source>
            <translation>无法读取服务器的响应：%1</translation>
        </message>
        <message>
            <source>The server refused the sign-in token. Sign in again.</source>
            <translation>服务器拒绝了登录令牌，请重新登录。</translation>
        </message>
        <message>
            <source>The server sent a plan catalog that does not load: %1</source>
            <translation>服务器发来的服务计划目录无法加载：%1</translation>
        </message>
        <message>
            <source>The server sent records that could not be read: %1</source>
            <translation>服务器发来的记录无法读取：%1</translation>
        </message>
        <message>
            <source>The search index could not be built: %1</source>
            <translation>无法建立搜索索引：%1</translation>
        </message>
        <message>
            <source>The server sent a holiday calendar that does not load: %1</source>
            <translation>服务器发来的节假日日历无法载入：%1</translation>
        </message>
        <message>
            <source>The server stopped answering.</source>
            <translation>服务器停止应答。</translation>
        </message>
        <message>
            <source>The server sent attachment records that were refused: %1</source>
            <translation>服务器发来的附件记录被拒绝：%1</translation>
        </message>
        <message>
            <source>Attachments could not be stored: %1</source>
            <translation>无法保存附件：%1</translation>
        </message>
        <message>
            <source>The search index could not be opened: %1</source>
            <translation>无法打开搜索索引：%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TagBar</name>
        <message>
            <source>A tag is one word of letters, digits, '-', '_' or '.', at most %1 characters.</source>
            <extracomment>the tag typed cannot be used; shown beside the tag line</extracomment>
            <translation>标签是一个词，只能含字母、数字、“-”“_”“.”，最多 %1 个字符。</translation>
        </message>
        <message>
            <source>A ticket holds at most %1 tags.</source>
            <translation>一个工单最多有 %1 个标签。</translation>
        </message>
        <message>
            <source>Remove the tag %1</source>
            <extracomment>accessible name and tooltip of a tag's button in the ticket pane; %1 the tag</extracomment>
            <translation>去掉标签 %1</translation>
        </message>
        <message>
            <source>Tags:</source>
            <extracomment>label before a ticket's tags in the ticket pane</extracomment>
            <translation>标签：</translation>
        </message>
        <message>
            <source>Add a tag…</source>
            <translation>添加标签…</translation>
        </message>
        <message>
            <source>Add a tag</source>
            <translation>添加标签</translation>
        </message>
        <message>
            <source>Type a tag and press Enter; tags in use are offered as you type.</source>
            <translation>输入标签后按回车；输入时会提示已在使用的标签。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TagRulesEditor</name>
        <message>
            <source>Any channel</source>
            <translation>任意渠道</translation>
        </message>
        <message>
            <source>Any edition</source>
            <translation>任意版本</translation>
        </message>
        <message>
            <source>Any severity</source>
            <translation>任意严重性</translation>
        </message>
        <message>
            <source>%1 · %2 (%3)</source>
            <extracomment>a plan's edition in a list of both plans' editions; %1 the plan, %2 the edition, %3 its badge code</extracomment>
            <translation>%1 · %2（%3）</translation>
        </message>
        <message>
            <source>Channel of rule %1</source>
            <extracomment>%1 the rule's row number</extracomment>
            <translation>规则 %1 的渠道</translation>
        </message>
        <message>
            <source>Edition of rule %1</source>
            <translation>规则 %1 的版本</translation>
        </message>
        <message>
            <source>Severity of rule %1</source>
            <translation>规则 %1 的严重性</translation>
        </message>
        <message numerus="yes">
            <source>At most %n rules.</source>
            <translation>
                <numerusform>最多 %n 条规则。</numerusform>
            </translation>
        </message>
        <message>
            <source>Rule %1 needs a tag.</source>
            <extracomment>%1 the rule's row number</extracomment>
            <translation>规则 %1 需要一个标签。</translation>
        </message>
        <message>
            <source>Rule %1: “%2” is not a tag: use letters, digits, “-”, “_” and “.” (no spaces), at most %3.</source>
            <extracomment>%1 the rule's row number, %2 what was typed as its tag</extracomment>
            <translation>规则 %1：“%2”不是有效标签：只能使用字母、数字、“-”、“_”和“.”（不含空格），最多 %3。</translation>
        </message>
        <message numerus="yes">
            <source>%n character(s)</source>
            <translation>
                <numerusform>%n 个字符</numerusform>
            </translation>
        </message>
        <message>
            <source>Rule %1: at most %2 words.</source>
            <translation>规则 %1：最多 %2 个关键词。</translation>
        </message>
        <message>
            <source>Rule %1: a word is longer than %2 characters.</source>
            <translation>规则 %1：有关键词超过 %2 个字符。</translation>
        </message>
        <message>
            <source>Tag rules: the server tags each new ticket — by e-mail, IM, the console or the desk — with every rule it matches. A rule's conditions must all hold; “Words” are any of them, separated by commas, in the subject or the first message.</source>
            <translation>标签规则：服务器为每张新工单（无论来自邮件、IM、控制台还是工作台）加上它符合的每条规则的标签。一条规则的条件须全部满足；“关键词”用逗号分隔，主题或首条消息中出现任意一个即可。</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Edition</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重性</translation>
        </message>
        <message>
            <source>Words</source>
            <translation>关键词</translation>
        </message>
        <message>
            <source>Tag rules</source>
            <translation>标签规则</translation>
        </message>
        <message>
            <source>Add &amp;rule</source>
            <translation>添加规则(&amp;R)</translation>
        </message>
        <message>
            <source>Remove rule</source>
            <translation>删除规则</translation>
        </message>
        <message>
            <source>Remove the selected rule</source>
            <translation>删除选中的规则</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TeamSettingsClient</name>
        <message>
            <source>The server's reply could not be read: %1</source>
            <translation>无法读取服务器的响应：%1</translation>
        </message>
        <message>
            <source>The server could not be reached: %1</source>
            <translation>无法连接服务器：%1</translation>
        </message>
        <message>
            <source>The server refused the sign-in token. Sign in again.</source>
            <translation>服务器拒绝了登录令牌，请重新登录。</translation>
        </message>
        <message>
            <source>Only team leads may change the team settings.</source>
            <translation>只有组长可以修改团队设置。</translation>
        </message>
        <message>
            <source>The server refused the values: %1</source>
            <translation>服务器拒绝了这些设置值：%1</translation>
        </message>
        <message>
            <source>The server answered %1.</source>
            <translation>服务器返回 %1。</translation>
        </message>
        <message>
            <source>the request was given up</source>
            <translation>请求已放弃</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TeamSettingsPanel</name>
        <message>
            <source>These settings apply to the whole team: every agent's desk uses them once the server has them.</source>
            <translation>这些设置适用于整个团队：服务器保存后，每位坐席的客户端都会使用。</translation>
        </message>
        <message>
            <source>A ticket is &amp;at risk when this share of its target is left:</source>
            <translation>响应目标剩余不超过此比例时视为即将超时(&amp;A)：</translation>
        </message>
        <message>
            <source>&amp;Warn agents this long before a breach:</source>
            <translation>超时前多久提醒坐席(&amp;W)：</translation>
        </message>
        <message>
            <source> min</source>
            <extracomment>suffix of a number of minutes</extracomment>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>&amp;Save for the team</source>
            <translation>为团队保存(&amp;S)</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <source>Saved. Every desk gets the new settings with its next sync.</source>
            <translation>已保存。各客户端将在下次同步时获得新设置。</translation>
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation>未保存：%1</translation>
        </message>
        <message>
            <source>Only team leads can change these settings.</source>
            <translation>只有组长可以修改这些设置。</translation>
        </message>
        <message>
            <source>Not connected to the server: the settings cannot be saved now.</source>
            <translation>未连接服务器：目前无法保存设置。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::ThirdPartyDialog</name>
        <message>
            <source>Third-party software</source>
            <translation>第三方软件</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>&amp;Software:</source>
            <translation>软件(&amp;S)：</translation>
        </message>
        <message>
            <source>&amp;Version:</source>
            <translation>版本(&amp;V)：</translation>
        </message>
        <message>
            <source>e.g. 1.20.1</source>
            <translation>例如 1.20.1</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>Pick the software the case is about.</source>
            <translation>请选择本案例涉及的软件。</translation>
        </message>
        <message>
            <source>In scope: advice only.</source>
            <translation>在支持范围内：仅提供建议。</translation>
        </message>
        <message>
            <source>Covered versions: %1.</source>
            <translation>支持的版本：%1。</translation>
        </message>
        <message>
            <source>Help the plan gives: %1</source>
            <translation>服务计划提供的帮助：%1</translation>
        </message>
        <message>
            <source>The plan never covers: %1.</source>
            <extracomment>the plan's out-of-scope list under the result; the items come from the catalog</extracomment>
            <translation>本计划从不包含：%1。</translation>
        </message>
        <message>
            <source>Where: %1</source>
            <translation>适用环境：%1</translation>
        </message>
        <message>
            <source>Out of scope: %1</source>
            <extracomment>the verdict of the scope check; %1 why, e.g. "MySQL 8.0 is not covered; …"</extracomment>
            <translation>超出支持范围：%1</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TicketPane</name>
        <message>
            <source>Select a ticket in the queue.</source>
            <translation>请在队列中选择一个工单。</translation>
        </message>
        <message>
            <source>Ticket %1 is not in the local cache.</source>
            <translation>本地缓存中没有工单 %1。</translation>
        </message>
        <message>
            <source>Resolve…</source>
            <translation>处理…</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>忽略</translation>
        </message>
        <message>
            <source>&amp;Accept</source>
            <extracomment>受理: take the ticket in, telling the customer it is being handled</extracomment>
            <translation>受理(&amp;A)</translation>
        </message>
        <message>
            <source>Accept the ticket (受理): the customer is told, and the response clock stops.</source>
            <translation>受理工单：将通知客户，响应计时停止。</translation>
        </message>
        <message>
            <source>Assignee:</source>
            <translation>处理人：</translation>
        </message>
        <message>
            <source>Assign to &amp;me</source>
            <translation>指派给我(&amp;M)</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>状态：</translation>
        </message>
        <message>
            <source>Re&amp;classify…</source>
            <translation>重新定级(&amp;C)…</translation>
        </message>
        <message>
            <source>Third-party &amp;software…</source>
            <translation>第三方软件(&amp;S)…</translation>
        </message>
        <message>
            <source>Entitlements</source>
            <translation>服务权益</translation>
        </message>
        <message>
            <source>&amp;Reply to customer</source>
            <extracomment>composer mode: a public reply the customer sees</extracomment>
            <translation>回复客户(&amp;R)</translation>
        </message>
        <message>
            <source>Internal &amp;note</source>
            <extracomment>composer mode: a note only agents see</extracomment>
            <translation>内部备注(&amp;N)</translation>
        </message>
        <message>
            <source>Send reply</source>
            <translation>发送回复</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>添加备注</translation>
        </message>
        <message>
            <source>Write a public reply to the customer…</source>
            <translation>撰写给客户的公开回复…</translation>
        </message>
        <message>
            <source>Write an internal note (not shown to the customer)…</source>
            <translation>撰写内部备注（客户不可见）…</translation>
        </message>
        <message>
            <source>no response target</source>
            <translation>无响应时限</translation>
        </message>
        <message>
            <source>Due %1</source>
            <translation>截止 %1</translation>
        </message>
        <message>
            <source>? %1</source>
            <extracomment>badge of an edition the catalogs do not know</extracomment>
            <translation>? %1</translation>
        </message>
        <message>
            <source>#%1 %2</source>
            <translation>#%1 %2</translation>
        </message>
        <message>
            <source>(not yet numbered) %1</source>
            <translation>（尚未编号）%1</translation>
        </message>
        <message>
            <source>Severity: %1</source>
            <translation>严重性：%1</translation>
        </message>
        <message>
            <source>Customer: %1</source>
            <translation>客户：%1</translation>
        </message>
        <message>
            <source>Sub-client: %1</source>
            <translation>子客户：%1</translation>
        </message>
        <message>
            <source>Channel: %1</source>
            <translation>渠道：%1</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>创建于 %1</translation>
        </message>
        <message>
            <source>Over quota: %1</source>
            <translation>超出配额：%1</translation>
        </message>
        <message>
            <source>The catalogs have no edition "%1" of plan "%2": entitlements unknown.</source>
            <translation>目录中没有服务计划“%2”的版本“%1”：权益未知。</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Handled by: %1</source>
            <translation>处理人员：%1</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>Response targets:</source>
            <translation>响应时限：</translation>
        </message>
        <message>
            <source>Channels: %1</source>
            <translation>渠道：%1</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Tickets this month: %1 of %2</source>
            <translation>本月工单：%1 / %2</translation>
        </message>
        <message>
            <source>Tickets this month: unlimited</source>
            <translation>本月工单：不限</translation>
        </message>
        <message>
            <source>not on file</source>
            <translation>未登记</translation>
        </message>
        <message>
            <source>%1 &lt;%2&gt;</source>
            <extracomment>a name and its e-mail address (here: the customer and the address the mail came from)</extracomment>
            <translation>%1 &lt;%2&gt;</translation>
        </message>
        <message>
            <source>%1: up to %2 natural days a year, asked %3 business days ahead</source>
            <translation>%1：每年最多 %2 个自然日，需提前 %3 个工作日申请</translation>
        </message>
        <message>
            <source>%1: %2 sessions a year</source>
            <translation>%1：每年 %2 次</translation>
        </message>
        <message>
            <source>%1: limited</source>
            <translation>%1：有限</translation>
        </message>
        <message>
            <source>%1 (paid)</source>
            <translation>%1（付费）</translation>
        </message>
        <message>
            <source>Also: %1</source>
            <translation>另有：%1</translation>
        </message>
        <message>
            <source>%1 opened the ticket · %2</source>
            <translation>%1 创建了工单 · %2</translation>
        </message>
        <message>
            <source>System</source>
            <translation>系统</translation>
        </message>
        <message>
            <source>Internal note · %1 · %2 · not shown to the customer</source>
            <extracomment>heading of an internal note in the conversation</extracomment>
            <translation>内部备注 · %1 · %2 · 客户不可见</translation>
        </message>
        <message>
            <source>System event · %1</source>
            <translation>系统事件 · %1</translation>
        </message>
        <message>
            <source>Public reply · %1 · %2</source>
            <extracomment>heading of a public reply in the conversation</extracomment>
            <translation>公开回复 · %1 · %2</translation>
        </message>
        <message>
            <source>(waiting to be sent)</source>
            <translation>（等待发送）</translation>
        </message>
        <message numerus="yes">
            <source>%n edit(s) waiting to be sent</source>
            <translation>
                <numerusform>%n 项修改等待发送</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved here; sent when the server is reachable.</source>
            <translation>已保存在本地；服务器可达时发送。</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>未指派</translation>
        </message>
        <message>
            <source>No ticket is shown.</source>
            <translation>未显示工单。</translation>
        </message>
        <message>
            <source>The %1 could not be saved: %2</source>
            <translation>无法保存%1：%2</translation>
        </message>
        <message>
            <source>Write something first.</source>
            <translation>请先输入内容。</translation>
        </message>
        <message>
            <source>The ticket is already accepted.</source>
            <translation>工单已受理。</translation>
        </message>
        <message>
            <source>Not signed in yet: the program does not know who you are.</source>
            <translation>尚未登录：程序不知道您是谁。</translation>
        </message>
        <message>
            <source>Unknown status "%1".</source>
            <translation>未知状态“%1”。</translation>
        </message>
        <message>
            <source>No ticket with a known plan is shown.</source>
            <translation>未显示服务计划已知的工单。</translation>
        </message>
        <message>
            <source>Accepted by %1.</source>
            <extracomment>system event in the conversation; %1 an agent</extracomment>
            <translation>已由 %1 受理。</translation>
        </message>
        <message>
            <source>Assigned to %1 by %2.</source>
            <extracomment>system event; %1 the new assignee, %2 who assigned</extracomment>
            <translation>%2 将工单分配给 %1。</translation>
        </message>
        <message>
            <source>Unassigned by %1.</source>
            <translation>%1 取消了分配。</translation>
        </message>
        <message>
            <source>Status %1 → %2 by %3.</source>
            <extracomment>system event; %1 → %2 statuses, %3 an agent</extracomment>
            <translation>%3 将状态由 %1 改为 %2。</translation>
        </message>
        <message>
            <source>Severity %1 → %2 by %3: %4</source>
            <extracomment>system event; %1 → %2 severities, %3 an agent, %4 the reason given</extracomment>
            <translation>%3 将严重级别由 %1 调整为 %2：%4</translation>
        </message>
        <message>
            <source>Software set to %1 %2 by %3 (out of scope).</source>
            <translation>%3 将第三方软件设为 %1 %2（不在支持范围内）。</translation>
        </message>
        <message>
            <source>Software set to %1 %2 by %3.</source>
            <translation>%3 将第三方软件设为 %1 %2。</translation>
        </message>
        <message>
            <source>Quota override by %1: %2</source>
            <extracomment>system event; %1 a lead, %2 the reason given</extracomment>
            <translation>%1 批准超出配额：%2</translation>
        </message>
        <message>
            <source>Taken over the monthly quota (%1 of %2): %3</source>
            <extracomment>system event; %1 this month's tickets with this one, %2 the quota, %3 the reason</extracomment>
            <translation>超出月度配额受理（本月第 %1 单，配额 %2 单）：%3</translation>
        </message>
        <message>
            <source>Edition: %1</source>
            <translation>版本：%1</translation>
        </message>
        <message>
            <source>Third-party software: %1</source>
            <translation>第三方软件：%1</translation>
        </message>
        <message>
            <source>Third-party software: %1 (in scope, advice only)</source>
            <translation>第三方软件：%1（在支持范围内，仅提供建议）</translation>
        </message>
        <message>
            <source>Third-party software out of scope: %1</source>
            <extracomment>%1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."</extracomment>
            <translation>第三方软件超出支持范围：%1</translation>
        </message>
        <message>
            <source>Asked today, an event can start on %1 at the earliest.</source>
            <extracomment>%1 a date; the first day an Infrastructure Event Management request asked today may cover</extracomment>
            <translation>今天申请，活动最早可于 %1 开始。</translation>
        </message>
        <message>
            <source>Internal note: never leaves the desk</source>
            <extracomment>above the composer in note mode: the note is for agents only</extracomment>
            <translation>内部备注：永不外发</translation>
        </message>
        <message>
            <source>By e-mail to %1</source>
            <extracomment>above the composer: where a public reply goes; %1 is the customer's e-mail address</extracomment>
            <translation>通过电子邮件发送至 %1</translation>
        </message>
        <message>
            <source>To the WeCom group %1</source>
            <extracomment>%1 is the name of the customer's WeCom (企业微信) group</extracomment>
            <translation>发送到企业微信群 %1</translation>
        </message>
        <message>
            <source>To the Slack group %1</source>
            <extracomment>%1 is the name of the customer's Slack channel</extracomment>
            <translation>发送到 Slack 群 %1</translation>
        </message>
        <message>
            <source>To the IM group %1</source>
            <extracomment>%1 is the name of the customer's instant-messaging group</extracomment>
            <translation>发送到即时通讯群 %1</translation>
        </message>
        <message>
            <source>In the console: no e-mail or IM route for this ticket</source>
            <extracomment>above the composer: the ticket has no e-mail or IM route (made in the desk or by the provider's console), so the customer reads the public reply in the console</extracomment>
            <translation>客户在控制台查看：此工单无邮件或 IM 渠道</translation>
        </message>
        <message>
            <source>Send the reply or note</source>
            <extracomment>Help → Keyboard shortcuts: what Ctrl+Enter does in the composer</extracomment>
            <translation>发送回复或备注</translation>
        </message>
        <message>
            <source>Composer</source>
            <extracomment>the area under the conversation where a reply or a note is written</extracomment>
            <translation>编辑区</translation>
        </message>
        <message>
            <source>Reply to the customer</source>
            <translation>回复客户</translation>
        </message>
        <message>
            <source>Internal note</source>
            <translation>内部备注</translation>
        </message>
        <message>
            <source>From the customer · %1 · %2 · %3</source>
            <extracomment>heading of a message the customer wrote: who, the channel it came by (E-mail, IM enterprise group), when</extracomment>
            <translation>客户来信 · %1 · %2 · %3</translation>
        </message>
        <message>
            <source>Tag %1 added by %2.</source>
            <extracomment>system event; %1 a tag, %2 an agent</extracomment>
            <translation>%2 加上了标签 %1。</translation>
        </message>
        <message>
            <source>Tag %1 removed by %2.</source>
            <extracomment>system event; %1 a tag, %2 an agent</extracomment>
            <translation>%2 去掉了标签 %1。</translation>
        </message>
        <message>
            <source>Conversat&amp;ion</source>
            <extracomment>the ticket pane's tab with the ticket's messages</extracomment>
            <translation>对话(&amp;I)</translation>
        </message>
        <message>
            <source>Not sent: the ticket changed since you started writing.</source>
            <translation>未发送：您开始撰写后工单已变更。</translation>
        </message>
        <message>
            <source>%1, asked %2 business days ahead</source>
            <extracomment>%1 "IEM: 3 of 8 days used this year"; %2 business days of notice</extracomment>
            <translation>%1，需提前 %2 个工作日申请</translation>
        </message>
        <message>
            <source>Links (%1)</source>
            <extracomment>the ticket pane's tab with merged and related tickets; %1 how many</extracomment>
            <translation>关联（%1）</translation>
        </message>
        <message>
            <source>Links</source>
            <translation>关联</translation>
        </message>
        <message>
            <source>Merged into #%1 by %2.</source>
            <extracomment>system event; %1 the ticket number this duplicate went into, %2 an agent</extracomment>
            <translation>%2 将本工单合并到 #%1。</translation>
        </message>
        <message>
            <source>#%1 merged into this ticket by %2.</source>
            <extracomment>system event; %1 the duplicate's number, %2 an agent</extracomment>
            <translation>%2 将 #%1 合并到本工单。</translation>
        </message>
        <message>
            <source>Linked to #%1 by %2.</source>
            <extracomment>system event; %1 the other ticket's number, %2 an agent</extracomment>
            <translation>%2 将本工单关联到 #%1。</translation>
        </message>
        <message>
            <source>Unlinked from #%1 by %2.</source>
            <translation>%2 取消了本工单与 #%1 的关联。</translation>
        </message>
        <message>
            <source>Tagged by the team's rules: %1.</source>
            <extracomment>system event; %1 the tags the team's rules gave the new ticket, in a list</extracomment>
            <translation>团队规则添加了标签：%1。</translation>
        </message>
        <message>
            <source>What the customer's edition is entitled to</source>
            <translation>客户版本享有的服务权益</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>对话</translation>
        </message>
        <message>
            <source>Merged into #%1</source>
            <translation>已合并到 #%1</translation>
        </message>
        <message>
            <source>Someone changed this ticket on the server before your edit “%1” reached it.</source>
            <extracomment>%1 the edit in words ("Merge into #123")</extracomment>
            <translation>在您的修改“%1”送达之前，已有人在服务器上修改了此工单。</translation>
        </message>
        <message>
            <source>The server refused your edit “%1”: %2</source>
            <extracomment>%1 the edit in words ("Merge into #123"), %2 the rule that refused it</extracomment>
            <translation>服务器拒绝了您的修改“%1”：%2</translation>
        </message>
        <message>
            <source>Customer history (%1)</source>
            <extracomment>the ticket pane's tab with the customer's other tickets; %1 how many</extracomment>
            <translation>客户历史（%1）</translation>
        </message>
        <message>
            <source>Customer history</source>
            <translation>客户历史</translation>
        </message>
        <message>
            <source>&amp;Edit and send again…</source>
            <extracomment>of a new ticket the server refused: opens New ticket filled with it, to correct</extracomment>
            <translation>修改并重新提交(&amp;E)…</translation>
        </message>
        <message>
            <source>The server refused this new ticket. %1 It is kept only on this desk until you edit and send it again, or discard it.</source>
            <extracomment>%1 the plan's rule that refused the new ticket</extracomment>
            <translation>服务器拒绝了这张新工单。%1在您修改并重新提交或将其丢弃之前，它只保存在本工作台上。</translation>
        </message>
        <message>
            <source>&amp;Discard…</source>
            <extracomment>drops a new ticket the server refused (asks first)</extracomment>
            <translation>丢弃(&amp;D)…</translation>
        </message>
        <message>
            <source>Discard the new ticket</source>
            <translation>丢弃新工单</translation>
        </message>
        <message>
            <source>Discard the new ticket “%1”? The server refused it and only this desk has it: what the customer wrote is lost.</source>
            <extracomment>%1 the refused new ticket's subject</extracomment>
            <translation>丢弃新工单“%1”？服务器已拒绝该工单，只有本工作台保存着它：客户所写的内容将会丢失。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::Transport</name>
        <message>
            <source>The server's certificate is not trusted: %1</source>
            <translation>服务器的证书不受信任：%1</translation>
        </message>
        <message>
            <source>The CA file %1 cannot be read: %2</source>
            <translation>无法读取 CA 文件 %1：%2</translation>
        </message>
        <message>
            <source>The CA file %1 holds no certificate (PEM or DER).</source>
            <translation>CA 文件 %1 中没有证书（PEM 或 DER）。</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TrayNotifier</name>
        <message>
            <source>SupportDesk: none of your tickets is at risk</source>
            <translation>SupportDesk：您的工单都没有即将超时</translation>
        </message>
        <message numerus="yes">
            <source>SupportDesk: %n ticket(s) of yours at risk or breached</source>
            <translation>
                <numerusform>SupportDesk：您有 %n 个工单即将超时或已超时</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) need your attention</source>
            <translation>
                <numerusform>%n 个工单需要您处理</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>另有 %n 个</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>a notification shown in the status bar: title, then details</extracomment>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>Show SupportDesk</source>
            <translation>显示 SupportDesk</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TriageDialog</name>
        <message>
            <source>Choose the sub-client…</source>
            <translation>选择子客户…</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>Filing…</source>
            <translation>正在建单…</translation>
        </message>
        <message>
            <source>Choose the customer…</source>
            <translation>选择客户…</translation>
        </message>
        <message>
            <source>%1
%2 · %3</source>
            <translation>%1
%2 · %3</translation>
        </message>
        <message>
            <source>(no subject)</source>
            <translation>（无主题）</translation>
        </message>
        <message>
            <source>%1 &lt;%2&gt;</source>
            <translation>%1 &lt;%2&gt;</translation>
        </message>
        <message>
            <source>the sender's address belongs to no customer</source>
            <translation>发件地址不属于任何客户</translation>
        </message>
        <message>
            <source>From: %1
Received: %2
Subject: %3
Kept because %4.</source>
            <translation>发件人：%1
收到时间：%2
主题：%3
保留原因：%4。</translation>
        </message>
        <message>
            <source>[…cut here]</source>
            <translation>[…以下省略]</translation>
        </message>
        <message>
            <source>%1 (%2, %3)</source>
            <translation>%1（%2，%3）</translation>
        </message>
        <message>
            <source>No attachments.</source>
            <translation>没有附件。</translation>
        </message>
        <message>
            <source>Attachments: %1</source>
            <translation>附件：%1</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>Register %1 for this customer: the next mail files itself</source>
            <translation>将 %1 登记为该客户的发件人：之后的邮件自动建单</translation>
        </message>
        <message>
            <source>The server could not be reached: %1</source>
            <translation>无法连接服务器：%1</translation>
        </message>
        <message>
            <source>Another lead decided this mail already.</source>
            <translation>另一位组长已处理这封邮件。</translation>
        </message>
        <message>
            <source>The server does not know this customer.</source>
            <translation>服务器上没有这个客户。</translation>
        </message>
        <message>
            <source>Filed as ticket #%1.</source>
            <translation>已建为工单 #%1。</translation>
        </message>
        <message>
            <source>Discarded; the mail is kept.</source>
            <translation>已丢弃；邮件仍保留。</translation>
        </message>
        <message>
            <source>Not filed: %1</source>
            <translation>未建单：%1</translation>
        </message>
        <message>
            <source>Triage: mail no ticket took</source>
            <translation>待分拣：未能建单的邮件</translation>
        </message>
        <message>
            <source>Mail waiting for triage</source>
            <translation>等待分拣的邮件</translation>
        </message>
        <message>
            <source>The mail's text</source>
            <translation>邮件正文</translation>
        </message>
        <message>
            <source>&amp;Customer:</source>
            <translation>客户(&amp;C)：</translation>
        </message>
        <message>
            <source>Customer to file the mail for</source>
            <translation>为哪个客户建单</translation>
        </message>
        <message>
            <source>Sub-&amp;client:</source>
            <translation>子客户(&amp;C)：</translation>
        </message>
        <message>
            <source>Sub-client account</source>
            <translation>子客户账号</translation>
        </message>
        <message>
            <source>Register the sender for this customer</source>
            <translation>将发件人登记到该客户</translation>
        </message>
        <message>
            <source>&amp;File for customer</source>
            <translation>为客户建单(&amp;F)</translation>
        </message>
        <message>
            <source>File the mail as a ticket for the chosen customer</source>
            <translation>为所选客户把这封邮件建为工单</translation>
        </message>
        <message>
            <source>Discard as &amp;spam</source>
            <translation>作为垃圾邮件丢弃(&amp;S)</translation>
        </message>
        <message>
            <source>Discard as spam</source>
            <translation>作为垃圾邮件丢弃</translation>
        </message>
        <message>
            <source>Discard as &amp;noise</source>
            <translation>作为无关邮件丢弃(&amp;N)</translation>
        </message>
        <message>
            <source>Discard as noise</source>
            <translation>作为无关邮件丢弃</translation>
        </message>
        <message>
            <source>No mail waits for triage.</source>
            <translation>没有等待分拣的邮件。</translation>
        </message>
        <message>
            <source>the plan's rules refused the ticket: %1</source>
            <translation>服务计划规则拒绝了建单：%1</translation>
        </message>
        <message>
            <source>%1 of %2 tickets this month</source>
            <translation>本月已用 %1 / %2 个工单</translation>
        </message>
        <message>
            <source>&amp;Reason to exceed the quota:</source>
            <extracomment>as the New ticket form has it</extracomment>
            <translation>超出配额的原因(&amp;R)：</translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::TriageEntry</name>
        <message>
            <source>Triage (…)</source>
            <extracomment>queue list entry for leads: mail no ticket took, and how many wait (… until known)</extracomment>
            <translation>待分拣（…）</translation>
        </message>
        <message>
            <source>Triage (%1)</source>
            <translation>待分拣（%1）</translation>
        </message>
        <message>
            <source>E-mail from unknown senders, or refused by the plan's rules, waiting for a lead to file or discard it</source>
            <translation>来自未知发件人或被服务计划规则拒绝的邮件，等待组长建单或丢弃</translation>
        </message>
    </context>
    <context>
        <name>TicketCache</name>
        <message>
            <source>injected cache write failure</source>
            <translation>注入的缓存写入失败</translation>
        </message>
        <message>
            <source>cannot open the cache %1: %2</source>
            <translation>无法打开缓存 %1：%2</translation>
        </message>
        <message>
            <source>the cache %1 is damaged: %2</source>
            <translation>缓存 %1 已损坏：%2</translation>
        </message>
        <message>
            <source>The cache %1 was written by a newer version of SupportDesk (schema %2; this version knows %3). It can be rebuilt from the server.</source>
            <translation>缓存 %1 由更新版本的 SupportDesk 写入（结构版本 %2；本版本支持 %3）。可以从服务器重建。</translation>
        </message>
        <message>
            <source>cache migration to schema %1 failed: %2</source>
            <translation>缓存升级到结构版本 %1 失败：%2</translation>
        </message>
        <message>
            <source>cannot move the damaged cache aside to %1</source>
            <translation>无法将损坏的缓存移至 %1</translation>
        </message>
        <message>
            <source>no ticket %1 in the cache</source>
            <translation>缓存中没有工单 %1</translation>
        </message>
        <message>
            <source>unknown edit "%1"</source>
            <translation>未知的编辑操作 "%1"</translation>
        </message>
        <message>
            <source>no conflict %1 to re-apply</source>
            <translation>没有可重新应用的冲突 %1</translation>
        </message>
        <message>
            <source>no edit %1 in the outbox</source>
            <translation>发件箱中没有编辑 %1</translation>
        </message>
        <message>
            <source>cannot extend the cache's dictionary</source>
            <translation>无法扩展缓存的字典</translation>
        </message>
        <message>
            <source>the cache is not open</source>
            <translation>缓存未打开</translation>
        </message>
        <message>
            <source>cannot open the search index %1: %2</source>
            <translation>无法打开搜索索引 %1：%2</translation>
        </message>
        <message>
            <source>the search index is being written by the initial sync</source>
            <translation>搜索索引正由首次同步写入</translation>
        </message>
        <message>
            <source>the search index has no state</source>
            <translation>搜索索引缺少状态记录</translation>
        </message>
        <message>
            <source>the ticket %1 was not written</source>
            <translation>工单 %1 未能写入</translation>
        </message>
    </context>
    <context>
        <name>TicketEdits</name>
        <message>
            <source>new ticket</source>
            <translation>新建工单</translation>
        </message>
        <message>
            <source>accept</source>
            <extracomment>the edit that takes a ticket in (受理)</extracomment>
            <translation>受理</translation>
        </message>
        <message>
            <source>reply</source>
            <extracomment>a public reply to the customer</extracomment>
            <translation>回复</translation>
        </message>
        <message>
            <source>internal note</source>
            <translation>内部备注</translation>
        </message>
        <message>
            <source>assignment</source>
            <translation>指派</translation>
        </message>
        <message>
            <source>status change</source>
            <translation>状态变更</translation>
        </message>
        <message>
            <source>severity change</source>
            <translation>严重性变更</translation>
        </message>
        <message>
            <source>third-party software</source>
            <translation>第三方软件</translation>
        </message>
        <message>
            <source>quota override</source>
            <translation>超配额说明</translation>
        </message>
        <message>
            <source>tag</source>
            <extracomment>the edit that puts a tag on a ticket</extracomment>
            <translation>标签</translation>
        </message>
        <message>
            <source>tag removal</source>
            <extracomment>the edit that takes a tag off a ticket</extracomment>
            <translation>去掉标签</translation>
        </message>
        <message>
            <source>merge</source>
            <extracomment>the edit that merges a duplicate ticket into another</extracomment>
            <translation>合并</translation>
        </message>
        <message>
            <source>link</source>
            <extracomment>the edit that links two related tickets</extracomment>
            <translation>关联</translation>
        </message>
        <message>
            <source>unlink</source>
            <translation>取消关联</translation>
        </message>
        <message>
            <source>New ticket “%1” (%2)</source>
            <extracomment>an edit in words: a new ticket; %1 its subject, %2 its severity</extracomment>
            <translation>新建工单“%1”（%2）</translation>
        </message>
        <message>
            <source>Accept the ticket</source>
            <extracomment>an edit in words: take the ticket in (受理)</extracomment>
            <translation>受理工单</translation>
        </message>
        <message>
            <source>Reply to the customer: %1</source>
            <extracomment>an edit in words: a public reply; %1 its first line</extracomment>
            <translation>回复客户：%1</translation>
        </message>
        <message>
            <source>Internal note: %1</source>
            <extracomment>an edit in words: an internal note; %1 its first line</extracomment>
            <translation>内部备注：%1</translation>
        </message>
        <message>
            <source>Unassign the ticket</source>
            <extracomment>an edit in words: leave the ticket to nobody</extracomment>
            <translation>取消指派</translation>
        </message>
        <message>
            <source>Assign to %1</source>
            <extracomment>an edit in words; %1 an agent's name</extracomment>
            <translation>指派给 %1</translation>
        </message>
        <message>
            <source>Status → %1</source>
            <extracomment>an edit in words; %1 the new status</extracomment>
            <translation>状态 → %1</translation>
        </message>
        <message>
            <source>Severity → %1 (reason: %2)</source>
            <extracomment>an edit in words; %1 the new severity, %2 the reason given</extracomment>
            <translation>严重性 → %1（原因：%2）</translation>
        </message>
        <message>
            <source>No third-party software</source>
            <extracomment>an edit in words: the ticket names no third-party software any more</extracomment>
            <translation>清除第三方软件</translation>
        </message>
        <message>
            <source>Third-party software → %1 %2</source>
            <extracomment>an edit in words; %1 the software, %2 its version</extracomment>
            <translation>第三方软件 → %1 %2</translation>
        </message>
        <message>
            <source>Take it past the monthly quota (reason: %1)</source>
            <extracomment>an edit in words: take the ticket past the partner's monthly quota; %1 the reason</extracomment>
            <translation>超出月度配额受理（原因：%1）</translation>
        </message>
        <message>
            <source>Add the tag %1</source>
            <extracomment>an edit in words; %1 a tag</extracomment>
            <translation>加上标签 %1</translation>
        </message>
        <message>
            <source>Remove the tag %1</source>
            <extracomment>an edit in words; %1 a tag</extracomment>
            <translation>去掉标签 %1</translation>
        </message>
        <message>
            <source>Merge into %1</source>
            <extracomment>an edit in words: this ticket is a duplicate of another; %1 the other ("#123")</extracomment>
            <translation>合并到 %1</translation>
        </message>
        <message>
            <source>Link to %1</source>
            <extracomment>an edit in words: a related ticket; %1 the other ("#123")</extracomment>
            <translation>关联到 %1</translation>
        </message>
        <message>
            <source>Unlink from %1</source>
            <extracomment>an edit in words; %1 the ticket linked so far ("#123")</extracomment>
            <translation>取消与 %1 的关联</translation>
        </message>
        <message>
            <source>“%1”</source>
            <extracomment>a ticket the server has not numbered yet, named by its subject</extracomment>
            <translation>“%1”</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>sub-client</comment>
            <extracomment>a partner's sub-client: %1 its name, %2 its account</extracomment>
            <translation>%1（%2）</translation>
        </message>
    </context>
    <context>
        <name>TicketStatus</name>
        <message>
            <source>New</source>
            <extracomment>ticket status</extracomment>
            <translation>新建</translation>
        </message>
        <message>
            <source>Accepted</source>
            <extracomment>ticket status: taken in (受理) by an agent</extracomment>
            <translation>已受理</translation>
        </message>
        <message>
            <source>Waiting on customer</source>
            <extracomment>ticket status</extracomment>
            <translation>等待客户回复</translation>
        </message>
        <message>
            <source>Resolved</source>
            <extracomment>ticket status</extracomment>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Closed</source>
            <extracomment>ticket status</extracomment>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>%1 (unknown status)</source>
            <extracomment>a ticket status a newer server gave that this version of the desk does not know; %1 the status as the server wrote it</extracomment>
            <translation>%1（未知状态）</translation>
        </message>
    </context>
    <context>
        <name>TimeFormat</name>
        <message>
            <source>overdue %1</source>
            <extracomment>countdown column, time past the response target; %1 is e.g. "1 h 05 min"
----------
e.g. "overdue 5 min"</extracomment>
            <translation>已超时 %1</translation>
        </message>
        <message>
            <source>responded %1</source>
            <extracomment>countdown column once answered; %1 is how long the first response took</extracomment>
            <translation>已响应 %1</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <extracomment>days and hours, e.g. "3 d 4 h"</extracomment>
            <translation>%1 天 %2 小时</translation>
        </message>
        <message numerus="yes">
            <source>%n d</source>
            <translation>
                <numerusform>%n 天</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 小时 %2 分钟</translation>
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n 小时</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n 分钟</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 left</source>
            <extracomment>e.g. "12 min left"</extracomment>
            <translation>剩余 %1</translation>
        </message>
        <message>
            <source>responded in %1</source>
            <translation>%1 内已响应</translation>
        </message>
        <message>
            <source>responded in %1, late</source>
            <translation>%1 后响应，已超时</translation>
        </message>
        <message>
            <source>%1 d %2 h</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: days and zero-padded hours, e.g. "2 d 03 h"</extracomment>
            <translation>%1 天 %2 小时</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: hours and zero-padded minutes, e.g. "1 h 05 min"</extracomment>
            <translation>%1 小时 %2 分</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: minutes and zero-padded seconds, e.g. "12 min 04 s"</extracomment>
            <translation>%1 分 %2 秒</translation>
        </message>
        <message>
            <source>%1 s</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: seconds, e.g. "45 s"</extracomment>
            <translation>%1 秒</translation>
        </message>
        <message>
            <source>%1–%2 min</source>
            <extracomment>a range of minutes, short (a chart category), e.g. "5–15 min"</extracomment>
            <translation>%1–%2 分钟</translation>
        </message>
        <message>
            <source>%1–%2 h</source>
            <extracomment>a range of hours, short (a chart category), e.g. "1–2 h"</extracomment>
            <translation>%1–%2 小时</translation>
        </message>
        <message>
            <source>%1–%2</source>
            <comment>duration range</comment>
            <extracomment>a range across units, short (a chart category), e.g. "30 min–1 h"</extracomment>
            <translation>%1–%2</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <extracomment>a time zone: its IANA name and its offset from UTC, e.g. "Asia/Shanghai, UTC+08:00"</extracomment>
            <translation>%1，%2</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <extracomment>a date and time shown in a zone other than the agent's, and that zone</extracomment>
            <translation>%1（%2）</translation>
        </message>
        <message>
            <source>at risk %1</source>
            <extracomment>countdown column, little time left; %1 is e.g. "12 min 04 s"</extracomment>
            <translation>即将超时 %1</translation>
        </message>
        <message>
            <source>late reply %1</source>
            <extracomment>countdown column once answered after the target; %1 is how long it took (kept about as short as "responded": the column fits the queue at 1440 px)</extracomment>
            <translation>超时响应 %1</translation>
        </message>
        <message>
            <source>resolved</source>
            <extracomment>countdown column: resolved before anyone answered; the clock has stopped</extracomment>
            <translation>已解决</translation>
        </message>
        <message>
            <source>closed</source>
            <extracomment>countdown column: closed before anyone answered; the clock has stopped</extracomment>
            <translation>已关闭</translation>
        </message>
        <message>
            <source>merged</source>
            <extracomment>countdown column: merged into another ticket, whose clock runs on</extracomment>
            <translation>已合并</translation>
        </message>
        <message>
            <source>resolved without a response</source>
            <translation>未响应即已解决</translation>
        </message>
        <message>
            <source>closed without a response</source>
            <translation>未响应即已关闭</translation>
        </message>
        <message>
            <source>merged: the clock goes on in the ticket it went into</source>
            <translation>已合并：计时在合并到的工单中继续</translation>
        </message>
        <message numerus="yes">
            <source>%n s</source>
            <extracomment>a duration under a minute in words, e.g. "45 s left", "overdue 31 s"</extracomment>
            <translation>
                <numerusform>%n 秒</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Language: zh_CN or en.</source>
            <translation>界面语言：zh_CN 或 en。</translation>
        </message>
        <message>
            <source>SupportDesk</source>
            <translation>SupportDesk 服务台</translation>
        </message>
        <message>
            <source>The SupportDesk agent desk.</source>
            <translation>SupportDesk 坐席工作台。</translation>
        </message>
        <message>
            <source>The ticket server, e.g. http://127.0.0.1:8080 (default: the last one used).</source>
            <translation>工单服务器，例如 http://127.0.0.1:8080（默认：上次使用的服务器）。</translation>
        </message>
        <message>
            <source>The agent's API token (default: the SUPPORTDESK_TOKEN environment variable).</source>
            <translation>坐席的 API 令牌（默认：环境变量 SUPPORTDESK_TOKEN）。</translation>
        </message>
        <message>
            <source>The local cache file (default: one per server in the application data folder).</source>
            <translation>本地缓存文件（默认：应用数据目录中每个服务器一个文件）。</translation>
        </message>
        <message>
            <source>--lang: expected zh_CN or en, got "%1"</source>
            <translation>--lang：应为 zh_CN 或 en，收到的是“%1”</translation>
        </message>
        <message>
            <source>No ticket server given.

Start SupportDesk with --server URL and --token TOKEN (or set SUPPORTDESK_TOKEN), for example:
supportdesk --server http://127.0.0.1:8080 --token …

`make run` starts a demo server and signs in to it.</source>
            <translation>未指定工单服务器。

请使用 --server URL 和 --token TOKEN（或设置 SUPPORTDESK_TOKEN）启动 SupportDesk，例如：
supportdesk --server http://127.0.0.1:8080 --token …

`make run` 会启动演示服务器并登录。</translation>
        </message>
        <message>
            <source>"%1" is not a server address; give one like http://host:8080.</source>
            <translation>“%1”不是服务器地址；请给出类似 http://host:8080 的地址。</translation>
        </message>
        <message>
            <source>The folder for the cache cannot be made: %1</source>
            <translation>无法创建缓存所在的文件夹：%1</translation>
        </message>
        <message>
            <source>The local cache %1 was written by a newer SupportDesk. Start it over from the server? Edits not yet sent in it are lost.</source>
            <translation>本地缓存 %1 由更新版本的 SupportDesk 写入。是否从服务器重新开始？其中尚未发送的修改将丢失。</translation>
        </message>
        <message numerus="yes">
            <source>The local cache was damaged and was moved to %1. %n unsent edit(s) were saved from it; the rest comes again from the server.</source>
            <translation>
                <numerusform>本地缓存已损坏，已移至 %1。从中保存了 %n 项未发送的修改；其余内容将从服务器重新获取。</numerusform>
            </translation>
        </message>
        <message>
            <source>The local cache %1 cannot be opened: %2</source>
            <translation>无法打开本地缓存 %1：%2</translation>
        </message>
        <message>
            <source>A CA certificate file (PEM) to trust besides the system's, for a server whose certificate a company CA signed (default: the one in Settings).</source>
            <translation>在系统证书之外另行信任的 CA 证书文件（PEM），用于证书由公司 CA 签发的服务器（默认：设置中的那个）。</translation>
        </message>
    </context>
</TS>
