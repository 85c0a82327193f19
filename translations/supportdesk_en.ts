<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>BusinessCalendar</name>
        <message>
            <source>not a valid calendar document: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a non-empty object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a year holding an object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be "official" or "provisional"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be an array</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a date (YYYY-MM-DD) in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is both a holiday and a workday</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read the holiday calendar: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PlanCatalog</name>
        <message>
            <source>is missing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a non-empty string</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be an integer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a positive integer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must not be negative</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be true or false</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be an object</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be an array</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>needs non-empty "zh" and "en" texts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a string or a list of strings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a string</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>duplicate id "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unsupported format version %1 (this program reads %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown time zone "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must not be empty</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>duplicate rank %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown edition "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>invalid version spec "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>must be a colour written #rrggbb</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown severity "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>missing target for severity "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown channel "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown entitlement "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown level "%1" (one of: %2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not valid JSON: %1 at offset %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot read catalog %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>$.id: expected "%1", found "%2"</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RuleCheck</name>
        <message>
            <source>Allowed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown edition "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown severity "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown channel "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not part of %2; it comes with %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A partner's ticket must name the sub-client account it is for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over this month's ticket quota (%1 of %2): give a reason to take it anyway.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reason is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket already has the severity %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not in this plan's third-party software catalog: out of scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say which product of %1 it is: %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the version of %1: only %2 are in scope.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 is out of scope: only %3 are covered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Out of scope for this plan: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 does not include this service.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Infrastructure Event Management must be asked %1 business days ahead: the earliest start for this request is %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Infrastructure Event Management is limited to %1 days a year: %2 has %3 used and this request adds %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The period is not valid: its last day is before its first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The holiday calendar does not cover %1: business days cannot be counted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All %1 training sessions of this year are used.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused by the plan rules (%1).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Architecture optimization needs %n year(s) on this edition; it is available from %1.</source>
            <translation>
                <numerusform>Architecture optimization needs %n year on this edition; it is available from %1.</numerusform>
                <numerusform>Architecture optimization needs %n years on this edition; it is available from %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>The server has no ticket %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server has no customer %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server has no agent %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The status cannot change from %1 to %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your role may not do this.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server could not read this edit: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket with this id exists already.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServiceReportExport</name>
        <message>
            <source>Service report: %1, %2</source>
            <extracomment>%1 customer name, %2 month and year</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plan: %1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Answered within target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reclassifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over-quota tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not answered</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 → %2</source>
            <extracomment>a severity change, from → to</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decided</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment (%)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over quota</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>yes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not write %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::AgentLoadModel</name>
        <message>
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>waiting %1</source>
            <extracomment>how long the oldest unanswered ticket has waited, e.g. "waiting 2 h 5 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Oldest waiting</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::AttainmentModel</name>
        <message>
            <source>%1 of %2 answered within target</source>
            <extracomment>attainment cell: answered within target of decided tickets</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All severities</source>
            <extracomment>attainment column over all severities of an edition</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::AttainmentPanel</name>
        <message>
            <source>Overall: no ticket decided yet in this period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overall: %1 (%2 of %3 answered within target)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>7 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of tickets answered within their response target, of those answered or already past their deadline</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment by day, last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment (%)</source>
            <extracomment>axis title: share of tickets answered within target, in percent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First response time, last 30 days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time to first response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2 min</source>
            <extracomment>the first first-response bucket in minutes, e.g. "0–5 min"
----------
a first-response bucket in minutes, e.g. "5–15 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1+</source>
            <extracomment>the last first-response bucket, e.g. "8 h+" (8 hours or more)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2 h</source>
            <extracomment>a first-response bucket in hours, e.g. "1–2 h"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2</source>
            <extracomment>a first-response bucket across units, e.g. "30 min–1 h"</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::BreachingSoonModel</name>
        <message>
            <source>Give this ticket to another agent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>the assignee column of a ticket nobody is working on</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reassign…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edition</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time left</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::BreachingSoonPanel</name>
        <message>
            <source>Open ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reassign…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give to</source>
            <extracomment>title of the menu of agents a ticket can be given to</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2 open, %3 late or at risk)</source>
            <extracomment>an agent in the reassign menu with the open tickets they hold, e.g. "Ann Lee (3 open)"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassign</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not reassign the ticket: %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>No unanswered ticket reaches its deadline in the next %n minute(s).</source>
            <translation>
                <numerusform>No unanswered ticket reaches its deadline in the next %n minute.</numerusform>
                <numerusform>No unanswered ticket reaches its deadline in the next %n minutes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Breaching soon</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <extracomment>the breaching-soon list's look-ahead, e.g. "15 min"</extracomment>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unanswered tickets whose deadline is at most %n minute(s) away</source>
            <translation>
                <numerusform>Unanswered tickets whose deadline is at most %n minute away</numerusform>
                <numerusform>Unanswered tickets whose deadline is at most %n minutes away</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::LanguageManager</name>
        <message>
            <source>&amp;Language</source>
            <extracomment>the menu that switches between 中文 and English</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::LeadBoardModel</name>
        <message>
            <source>The ticket is no longer in the local cache.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::LeadBoardWidget</name>
        <message>
            <source>Updated %1</source>
            <extracomment>when the board's figures were last worked out, in the team's time</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lead board</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner quota</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Team settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service &amp;report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned business-down</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click to show these tickets in the queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open tickets by edition and severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each cell takes the colour of its worst ticket: red breached, amber at risk. Double-click to show the tickets.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agent load</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner customers' tickets this month against their monthly quota. Tickets past the quota are taken only with a reason.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::MainWindow</name>
        <message>
            <source>About SupportDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SupportDesk %1
The agent desk of the cloud support centre.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plan reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>edition filter entry: plan name, edition name</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All editions</source>
            <extracomment>filter box entry: no filter on the edition</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All severities</source>
            <extracomment>filter box entry: no filter on the severity</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All channels</source>
            <extracomment>filter box entry: no filter on the channel</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting on customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All statuses</source>
            <extracomment>filter box entry: no filter on the status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <extracomment>queue list entry: queue name and how many tickets it holds</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Showing %n ticket(s) picked on the lead board.</source>
            <translation>
                <numerusform>Showing %n ticket picked on the lead board.</numerusform>
                <numerusform>Showing %n tickets picked on the lead board.</numerusform>
            </translation>
        </message>
        <message>
            <source>Show the whole queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Online</source>
            <extracomment>status bar: connected to the server</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Online — syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline — edits are kept and sent when the server is back</source>
            <extracomment>status bar: the server cannot be reached; edits wait in the outbox</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed out — the server refused the token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last sync %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced yet</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n edit(s) waiting</source>
            <extracomment>status bar: edits saved locally, not yet on the server</extracomment>
            <translation>
                <numerusform>%n edit waiting</numerusform>
                <numerusform>%n edits waiting</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s)</source>
            <translation>
                <numerusform>%n conflict</numerusform>
                <numerusform>%n conflicts</numerusform>
            </translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed in as %1 (%2)</source>
            <extracomment>status bar: signed-in agent's name and role</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server clock %1 ahead; countdowns follow the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server clock %1 behind; countdowns follow the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SupportDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Ticket</source>
            <extracomment>menu of actions on tickets</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New ticket…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reply…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Accept</source>
            <extracomment>accept (受理) the current ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find in queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Lead board</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Plan reference</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About SupportDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search subject, body and customer (Ctrl+F)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a ticket to see it here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>agent</source>
            <extracomment>an agent's role</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team lead</source>
            <extracomment>an agent's role: team lead</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>admin</source>
            <extracomment>an agent's role: administrator</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::PlanReferenceWidget</name>
        <message numerus="yes">
            <source>%n h</source>
            <comment>response target in hours</comment>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <comment>response target in minutes</comment>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message>
            <source>Channels</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets per month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Handled by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlimited</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueModel</name>
        <message>
            <source>My tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <extracomment>queue of open tickets close to their response target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breached</source>
            <extracomment>queue of open tickets past their response target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting on customer</source>
            <extracomment>ticket status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>All open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recently closed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New</source>
            <extracomment>ticket status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted</source>
            <extracomment>ticket status: taken in (受理) by an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved</source>
            <extracomment>ticket status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <extracomment>ticket status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 › %2</source>
            <extracomment>customer and the partner's sub-client account, e.g. "Globex Partners › 100234"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no target</source>
            <extracomment>countdown column: the plan sets no response target for this ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>—</source>
            <extracomment>assignee column of a ticket nobody has</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown edition: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>badge tooltip: plan name, edition name, e.g. "Service Plan — Flagship"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edition</source>
            <extracomment>queue column: the customer's support-plan edition</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <extracomment>queue column</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time left</source>
            <extracomment>queue column: time left to the response target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel</source>
            <extracomment>queue column: how the customer reached us (ticket, hotline, IM)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Updated</source>
            <extracomment>queue column: time of the ticket's last change</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::QuotaModel</name>
        <message>
            <source>%1 of %2</source>
            <extracomment>quota use this month, e.g. "11 of 10"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edition</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used this month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over quota</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Override reasons</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::RiskMatrixModel</name>
        <message>
            <source>Tickets whose plan, edition or severity the plan catalogs do not know</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This plan has no such severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No open tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 open, %2 at risk, %3 breached</source>
            <extracomment>a matrix cell: open tickets, of which at risk and breached</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severities the plan catalogs do not know</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::ServiceReportDialog</name>
        <message>
            <source>Choose a customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export service report as PDF</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export service report as CSV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Customer:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Month:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export &amp;PDF…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export C&amp;SV…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity changes are not yet kept on this desk: the report lists no reclassifications until the server provides them.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::SyncEngine</name>
        <message>
            <source>The server did not answer in time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server answered %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's reply could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the sign-in token. Sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server sent a plan catalog that does not load: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server sent records that could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The search index could not be built: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TeamSettingsClient</name>
        <message>
            <source>The server's reply could not be read: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server could not be reached: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the sign-in token. Sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only team leads may change the team settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the values: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server answered %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TeamSettingsPanel</name>
        <message>
            <source>These settings apply to the whole team: every agent's desk uses them once the server has them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket is &amp;at risk when this share of its target is left:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Warn agents this long before a breach:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <extracomment>suffix of a number of minutes</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save for the team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved. Every desk gets the new settings with its next sync.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only team leads can change these settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected to the server: the settings cannot be saved now.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketCache</name>
        <message>
            <source>injected cache write failure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot open the cache %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the cache %1 is damaged: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The cache %1 was written by a newer version of SupportDesk (schema %2; this version knows %3). It can be rebuilt from the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cache migration to schema %1 failed: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot move the damaged cache aside to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no ticket %1 in the cache</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown edit "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no conflict %1 to re-apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no edit %1 in the outbox</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot extend the cache's dictionary</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TimeFormat</name>
        <message>
            <source>overdue %1</source>
            <extracomment>countdown column, time past the response target; %1 is m:ss or h:mm
----------
e.g. "overdue 5 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>responded %1</source>
            <extracomment>countdown column once answered; %1 is how long the first response took</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 d %2 h</source>
            <extracomment>days and hours, e.g. "3 d 4 h"</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n d</source>
            <translation>
                <numerusform>%n d</numerusform>
                <numerusform>%n d</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n h</source>
            <translation>
                <numerusform>%n h</numerusform>
                <numerusform>%n h</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n min</source>
            <translation>
                <numerusform>%n min</numerusform>
                <numerusform>%n min</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 left</source>
            <extracomment>e.g. "12 min left"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>responded in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>responded in %1, late</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>Language: zh_CN or en.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>SupportDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The SupportDesk agent desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket server, e.g. http://127.0.0.1:8080 (default: the last one used).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The agent's API token (default: the SUPPORTDESK_TOKEN environment variable).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The local cache file (default: one per server in the application data folder).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>--lang: expected zh_CN or en, got "%1"</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No ticket server given.

Start SupportDesk with --server URL and --token TOKEN (or set SUPPORTDESK_TOKEN), for example:
supportdesk --server http://127.0.0.1:8080 --token …

`make run` starts a demo server and signs in to it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" is not a server address; give one like http://host:8080.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The folder for the cache cannot be made: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The local cache %1 was written by a newer SupportDesk. Start it over from the server? Edits not yet sent in it are lost.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>The local cache was damaged and was moved to %1. %n unsent edit(s) were saved from it; the rest comes again from the server.</source>
            <translation>
                <numerusform>The local cache was damaged and was moved to %1. %n unsent edit was saved from it; the rest comes again from the server.</numerusform>
                <numerusform>The local cache was damaged and was moved to %1. %n unsent edits were saved from it; the rest comes again from the server.</numerusform>
            </translation>
        </message>
        <message>
            <source>The local cache %1 cannot be opened: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No token was given (--token or SUPPORTDESK_TOKEN): the desk shows the local cache and cannot sync.</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
