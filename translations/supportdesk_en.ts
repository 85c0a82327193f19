<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AgentRole</name>
        <message>
            <source>agent</source>
            <extracomment>an account's role: frontline agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>team lead</source>
            <extracomment>an account's role</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>admin</source>
            <extracomment>an account's role: the desk's administrator</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>service account</source>
            <extracomment>an account's role: an account a program acts through (the customer portal)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unknown role</source>
            <extracomment>an account's role that a newer server gave and this version of the desk does not know: the desk gives it the least of every right</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AttachmentCache</name>
        <message>
            <source>%1 is empty.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server sent %1 bytes for %2, whose record says %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The bytes the server sent for %1 are not the attachment's (their checksum differs).</source>
            <translation type="unfinished" />
        </message>
    </context>
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
        <name>MacroWording</name>
        <message>
            <source>The macro's reply would leave %1 unfilled on this ticket: answer it in the ticket pane.</source>
            <extracomment>%1 the placeholders as written in the macro, e.g. "{{deadline}}"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro has actions this version of the desk does not know (%1): it is not applied. Update the desk to use it.</source>
            <extracomment>%1 the macro's fields this version does not know, e.g. "priority"</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MergeWording</name>
        <message>
            <source>Only a lead or the agent ticket #%1 is assigned to may merge it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 and #%2 are different customers' tickets: only the same customer's tickets can be merged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket cannot be merged into itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 is closed: a ticket cannot be merged into a closed ticket.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 was merged into #%2: merge into #%2 instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 was merged into #%2 already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other tickets were merged into #%1: it cannot be merged on (no chains).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 is closed: a closed ticket cannot be merged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%2 would hold %3 links with those of #%1, more than the %4 a ticket holds: unlink some of either ticket first.</source>
            <extracomment>%3 how many links #%2 would hold, %4 the most a ticket holds (50)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket cannot be linked to itself.</source>
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
        <message>
            <source>must be a name with a letter or digit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" names two different software products</source>
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
            <source>Say which product of %1 it is: %2.</source>
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
            <source>A ticket with this id exists already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not included in %2; it comes with %3.</source>
            <extracomment>%1 a channel, %2 the customer's edition, %3 the editions that have the channel</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not in the plan's software catalog.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the version of %1; the plan covers %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2 is not covered; the plan covers %3.</source>
            <extracomment>%1 a software, %2 the version given, %3 the versions the plan covers</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 does not take tickets: give the ticket to an agent or a lead.</source>
            <extracomment>%1 an account that is not a person (the customer portal) or the desk's admin</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>It counts on the %1 holiday dates, which are provisional until the official schedule is loaded.</source>
            <extracomment>%1 one or more years, e.g. "2027"; the holiday schedule of those years is an estimate</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server could not read this edit; it was not applied.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket holds at most %1 tags: remove one before adding another.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 has %2 links already, the most a ticket holds: unlink one first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 is within this month's quota: there is no override to give.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This record was cancelled already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused this edit by a rule this version of the desk does not know.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 does not include %2.</source>
            <extracomment>%1 an edition, %2 an entitlement of the plan, e.g. "Service reports"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over this month's ticket quota (%1 of %2).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ServiceAccount</name>
        <message>
            <source>Customer portal</source>
            <extracomment>the account tickets filed by customers on the web portal come from</extracomment>
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
    </context>
    <context>
        <name>ServiceUseText</name>
        <message>
            <source>%1: %2 of %3 days used this year</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n day(s) used this year</source>
            <extracomment>%1 the service's name; the plan sets no number of days</extracomment>
            <translation>
                <numerusform>%1: %n day used this year</numerusform>
                <numerusform>%1: %n days used this year</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2 of %3 this year</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: limited, %n this year</source>
            <extracomment>the entitlements card: %1 the service, "limited" with no number; %n used</extracomment>
            <translation>
                <numerusform>%1: limited, %n this year</numerusform>
                <numerusform>%1: limited, %n this year</numerusform>
            </translation>
        </message>
        <message>
            <source>%1: %2 of %3 sessions used this year</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1: %n session(s) used this year (limited)</source>
            <extracomment>%1 the service's name; the plan grants it "limited", with no number</extracomment>
            <translation>
                <numerusform>%1: %n session used this year (limited)</numerusform>
                <numerusform>%1: %n sessions used this year (limited)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 – %2 (%n day(s))</source>
            <extracomment>an IEM engagement's first and last day, and how many days it counts</extracomment>
            <translation>
                <numerusform>%1 – %2 (%n day)</numerusform>
                <numerusform>%1 – %2 (%n days)</numerusform>
            </translation>
        </message>
        <message>
            <source> · over the allowance: %1</source>
            <extracomment>the record was taken past the year's allowance; %1 the lead's reason</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · asked at short notice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · not sent yet</source>
            <extracomment>recorded in this desk, not yet on the server</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancelled: %1 (%2)</source>
            <extracomment>%1 the reason the record was cancelled</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SlaState</name>
        <message>
            <source>On track</source>
            <extracomment>the response clock's state: more than the at-risk share of the target left</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>At risk</source>
            <extracomment>the response clock's state: little of the response target left (a queue and a lead board figure are named after it too)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breached</source>
            <extracomment>the response clock's state: the response target passed with no response</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Responded</source>
            <extracomment>the response clock's state: first response before the target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Responded late</source>
            <extracomment>the response clock's state: first response after the target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolved</source>
            <extracomment>the response clock's state: resolved before anyone answered</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Closed</source>
            <extracomment>the response clock's state: closed before anyone answered</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged</source>
            <extracomment>the response clock's state: merged into another ticket, whose clock runs on</extracomment>
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
            <source>Oldest waiting</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::AttachmentPanel</name>
        <message>
            <source>Attachments (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open with the desktop's application for this type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save &amp;as…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You — waiting to be sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PNG image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>JPEG image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GIF image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>WebP image</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>PDF document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ZIP archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>gzip archive</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Binary data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is larger than the server accepts. Dismiss the reply and send it with a smaller file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the file %1 is no longer in this computer's cache.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server holds another file under the id of %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server did not take the file %1 (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file %1 is no longer in this computer's cache.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be downloaded: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be downloaded: the server answered %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Too large to preview. Open or save it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No preview for this type. Open or save it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Loading %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>… (%1 more; open the file for the rest)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2 × %3 pixels: too large to preview.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not an image this program can read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be read as an image: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be written to %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No application opens %1 on this desktop. Save it instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save attachment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Files: %1</source>
            <extracomment>under a message in the conversation: the files that came with it, "a.log (2 KB), …"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <extracomment>between the file names under a message: "a.log (2 KB), b.png (1 KB)"</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::AttachmentTray</name>
        <message>
            <source>Attach…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attach files to the reply (or drop them on the text). Up to %1 each.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected file from the reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not a file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is %2: the server takes files up to %3. It was not attached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is empty. It was not attached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 could not be read: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 changed while it was read. It was not attached.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attach files</source>
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
            <source>%1+</source>
            <extracomment>the last first-response bucket, e.g. "8 h+" (8 hours or more)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Day (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attainment by edition and severity</source>
            <extracomment>the lead board's table of response targets met, by edition and severity</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the answer could not be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server answered %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server: no ticket decided yet in this period (as of %1).</source>
            <extracomment>%1 a time of day</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server: %1 (%2 of %3 answered within target), as of %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking the server for its figures…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected to the server: these are this desk's figures only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's figures could not be read (%1): these are this desk's figures only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Share of tickets answered within their response target, of those answered or already past their deadline. The aim is 95 %: a share under it is amber, under 80 % red.</source>
            <extracomment>the attainment table's tooltip and spoken description; the tints are the cells' colours</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::BoardTile</name>
        <message>
            <source>%1: %2</source>
            <extracomment>a lead board tile read aloud: %1 what it counts ("At risk"), %2 the number</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Press Enter to show these tickets in the queue</source>
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
        <message>
            <source>%1 — %2</source>
            <extracomment>edition tooltip: plan name, edition name, e.g. "Partner Support Plan — Standard"</extracomment>
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
            <extracomment>the key that opens the menu of agents for the selected ticket of the list</extracomment>
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
            <source>Could not reassign the ticket: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Breaching soon</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>the reassign menu's choice that leaves the ticket with nobody</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No unanswered ticket reaches its deadline in the next %1.</source>
            <extracomment>%1 is a duration, e.g. "15 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unanswered tickets whose deadline is at most %1 away</source>
            <extracomment>%1 is a duration, e.g. "15 min"</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkBar</name>
        <message>
            <source>Apply a macro to the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n ticket(s) selected</source>
            <translation>
                <numerusform>%n ticket selected</numerusform>
                <numerusform>%n tickets selected</numerusform>
            </translation>
        </message>
        <message>
            <source>Assign to…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select all</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select every ticket the queue shows (Ctrl+A)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select every ticket in the queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set status…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Set the status of the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply macro…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number of selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n ticket(s) selected; selecting the rest of the queue as it is read…</source>
            <translation>
                <numerusform>%n ticket selected; selecting the rest of the queue as it is read…</numerusform>
                <numerusform>%n tickets selected; selecting the rest of the queue as it is read…</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a tag to the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove tag…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove a tag from the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro's actions (status, severity, assignee, tags) are applied to each selected ticket.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also send its reply to each customer, in the customer's language</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkResultsDialog</name>
        <message>
            <source>Waiting to be saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to change: the ticket already is so</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: %1</source>
            <extracomment>%1 the rule that refuses the edit, in words</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved; waiting for the server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conflict: someone changed the ticket first. Open it to re-apply or drop your edit.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused by the server: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 tickets done, %3 waiting for the server, %4 already so, %5 refused, %6 in conflict.</source>
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
            <source>Result</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Result for each ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary of the bulk action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: the ticket holds %1 tags, the most it may.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused by the server: the ticket holds %1 tags, the most it may.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to change: the ticket already has the tag %1</source>
            <extracomment>%1 a tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing to change: the ticket does not have the tag %1</source>
            <extracomment>%1 a tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not yet numbered)</source>
            <extracomment>a ticket the server has not numbered yet</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not read yet)</source>
            <extracomment>a bulk action's ticket whose number and subject are being read</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the ticket…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <extracomment>bulk results: %1 the action named (Applied macro “X” to 3 tickets), %2 the counts</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Applied macro “%1” to %n ticket(s)</source>
            <translation>
                <numerusform>Applied macro “%1” to %n ticket</numerusform>
                <numerusform>Applied macro “%1” to %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Applying macro “%1” to %n ticket(s)</source>
            <translation>
                <numerusform>Applying macro “%1” to %n ticket</numerusform>
                <numerusform>Applying macro “%1” to %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unassigned %n ticket(s)</source>
            <translation>
                <numerusform>Unassigned %n ticket</numerusform>
                <numerusform>Unassigned %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Unassigning %n ticket(s)</source>
            <translation>
                <numerusform>Unassigning %n ticket</numerusform>
                <numerusform>Unassigning %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Assigned %n ticket(s) to %1</source>
            <translation>
                <numerusform>Assigned %n ticket to %1</numerusform>
                <numerusform>Assigned %n tickets to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Assigning %n ticket(s) to %1</source>
            <translation>
                <numerusform>Assigning %n ticket to %1</numerusform>
                <numerusform>Assigning %n tickets to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Set the status of %n ticket(s) to %1</source>
            <extracomment>%1 a ticket status</extracomment>
            <translation>
                <numerusform>Set the status of %n ticket to %1</numerusform>
                <numerusform>Set the status of %n tickets to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Setting the status of %n ticket(s) to %1</source>
            <translation>
                <numerusform>Setting the status of %n ticket to %1</numerusform>
                <numerusform>Setting the status of %n tickets to %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added the tag %1 to %n ticket(s)</source>
            <translation>
                <numerusform>Added the tag %1 to %n ticket</numerusform>
                <numerusform>Added the tag %1 to %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Adding the tag %1 to %n ticket(s)</source>
            <translation>
                <numerusform>Adding the tag %1 to %n ticket</numerusform>
                <numerusform>Adding the tag %1 to %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed the tag %1 from %n ticket(s)</source>
            <translation>
                <numerusform>Removed the tag %1 from %n ticket</numerusform>
                <numerusform>Removed the tag %1 from %n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removing the tag %1 from %n ticket(s)</source>
            <translation>
                <numerusform>Removing the tag %1 from %n ticket</numerusform>
                <numerusform>Removing the tag %1 from %n tickets</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SupportDesk::BulkTagDialog</name>
        <message>
            <source>Type a tag.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Add this tag to the %n selected ticket(s):</source>
            <translation>
                <numerusform>Add this tag to the selected ticket:</numerusform>
                <numerusform>Add this tag to the %n selected tickets:</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag to add</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove a tag from the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Remove this tag from the %n selected ticket(s):</source>
            <translation>
                <numerusform>Remove this tag from the selected ticket:</numerusform>
                <numerusform>Remove this tag from the %n selected tickets:</numerusform>
            </translation>
        </message>
        <message>
            <source>Tag to remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A tag; tags in use are offered as you type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problem with the tag</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::ChangedTicketDialog</name>
        <message>
            <source>Status: %1 → %2</source>
            <extracomment>what changed on a ticket since the agent started writing a reply</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nobody</source>
            <extracomment>nobody has the ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee: %1 → %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New note from %1: %2</source>
            <extracomment>a new internal note since the agent started writing: author, the note's start</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New event: %1</source>
            <extracomment>a new event on the ticket (accepted, reassigned…) since the agent started</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New message from the customer: %1</source>
            <extracomment>a new message from the customer since the agent started writing</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New reply from %1: %2</source>
            <extracomment>a new public reply by another agent (%1) since the agent started writing</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This ticket changed since you started writing your reply:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send the reply anyway?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Don't send, let me read</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::ConflictDialog</name>
        <message>
            <source>Could not re-apply the edit: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Could not drop the edit: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your %1, made %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software: %1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Made on version %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Version %1, changed %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>nobody</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First response: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No response yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edit conflict</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Re-apply my edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Drop my edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decide &amp;later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket on the server now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>There is no conflicting edit %1 in the outbox any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server did not send its version of the ticket.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The edit you made, not yet applied</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket as someone else left it: your edit is re-applied on top of this</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 “%2”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone changed %1 on the server before your edit reached it. Re-apply your edit on top of their change, or drop it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On their version the server would refuse it: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::CredentialStore</name>
        <message>
            <source>No keychain service is available on this computer (on Linux: no Secret Service such as GNOME Keyring or KWallet on D-Bus).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server address is not valid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No token is stored for this server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keychain refused access to the token.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The token file %1 cannot be read: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The token could not be saved in %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keychain did not answer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The keychain failed to keep or read the token (error %1).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::CustomerHistory</name>
        <message>
            <source>(not yet numbered)</source>
            <extracomment>a ticket the server has not numbered yet</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2
opened %3 · %4 · %5</source>
            <extracomment>an entry of the customer's history, two lines: number and subject; when it was opened, status, severity</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The customer's other tickets</source>
            <extracomment>accessible name of the list of the customer's other tickets</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Open tickets first, then those opened in the last %n days; Enter opens one.</source>
            <translation>
                <numerusform>Open tickets first, then those opened in the last day; Enter opens one.</numerusform>
                <numerusform>Open tickets first, then those opened in the last %n days; Enter opens one.</numerusform>
            </translation>
        </message>
        <message>
            <source>Quota this month: %1 of %2 tickets used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (over the quota)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets this month: %1 (no monthly quota)</source>
            <extracomment>the customer's plan has no monthly ticket quota; %1 tickets opened this month</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>no other open tickets, none opened in the last %n days</source>
            <translation>
                <numerusform>no other open tickets, none opened in the last day</numerusform>
                <numerusform>no other open tickets, none opened in the last %n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other open ticket(s)</source>
            <translation>
                <numerusform>%n other open ticket</numerusform>
                <numerusform>%n other open tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n more opened in the last %1 days</source>
            <translation>
                <numerusform>, %n more opened in the last %1 days</numerusform>
                <numerusform>, %n more opened in the last %1 days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>… and %n more</source>
            <translation>
                <numerusform>… and %n more</numerusform>
                <numerusform>… and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>The customer's month and entitlements</source>
            <extracomment>accessible name of the lines over the customer's tickets (quota, grants)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record IEM or training…</source>
            <extracomment>a lead's button in the customer history: record an IEM engagement or training session</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record IEM or training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>IEM and training delivered:</source>
            <extracomment>heading over the customer's IEM engagements and training sessions in the history</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::DeskController</name>
        <message>
            <source>No saved token for %1: enter yours in Settings to sync. The desk shows the local cache meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new server address is used from the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the token. Enter a new one in Settings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your edit of ticket #%1 conflicts with a newer change on the server. Open the ticket to re-apply or drop it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused the new ticket “%1”: %2 It is kept in My tickets: open it to edit and send it again, or discard it.</source>
            <extracomment>%1 the new ticket's subject, %2 the plan's rule that refused it</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your edit “%1” of ticket #%2: %3 Open the ticket to dismiss it.</source>
            <extracomment>%1 the edit in words ("Merge into #123"), %2 the ticket's number, %3 the rule</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to the macro “%1”: the server's version is kept. Ticket → Manage macros… shows it.</source>
            <extracomment>%1 the macro's name</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::DeskSession</name>
        <message>
            <source>The local cache belongs to %1 and could not be put aside for %2: %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The desk stopped syncing before the server answered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected to the server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server did not answer in time.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::IntakeDialog</name>
        <message>
            <source>(none)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plan "%1" is not in the catalogs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub-&amp;client (required):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub-&amp;client:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Examples: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response target: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick the customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The customer's plan "%1" is not in the catalogs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is not one of this partner's sub-client accounts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 tickets this month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over the quota: the ticket is taken with your reason and flagged for the lead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software in scope (advice only).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 has no response target for this severity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the case a subject.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new ticket could not be saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;ustomer:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search by name, id or sub-client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>C&amp;hannel:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;verity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;ubject:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Description:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party &amp;software:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reason to exceed the quota:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Create ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the severity the customer's situation calls for.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Out of scope, so the ticket will be flagged: %1</source>
            <extracomment>%1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Software version</source>
            <extracomment>the new-ticket form's field beside the third-party software's name</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customers</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Examples of the chosen severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the customer's plan allows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a partner's ticket names a sub-client.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The refused ticket could not be discarded: %1</source>
            <translation type="unfinished" />
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
        <name>SupportDesk::LeadBoard</name>
        <message>
            <source>none</source>
            <extracomment>what a screen reader says for an empty cell of the lead board</extracomment>
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
            <extracomment>when the board's figures were last worked out (a time of day)</extracomment>
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
            <extracomment>the lead board's table of partner customers' monthly ticket quota</extracomment>
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
            <source>Agent load</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Partner customers' tickets this month against their monthly quota. Tickets past the quota are taken only with a reason.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A customer's monthly service report, as PDF or CSV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each cell of the matrix: its open tickets, then how many of them are breached or at risk ("3 · 1 breached"), or that some were answered late ("3 · answered late"). Its colour is its worst ticket's: red breached, amber at risk, pale orange answered late. Double-click a cell to show its tickets.</source>
            <extracomment>the legend of the lead board's matrix, beside it under the breaching-soon list</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::LinksPanel</name>
        <message>
            <source>Link a related ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink the selected ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked and merged tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged into another ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged into %1</source>
            <extracomment>over a merged duplicate's conversation; %1 the ticket it went into, a link</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1  %2 — %3</source>
            <extracomment>a linked ticket: number, subject, status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket not in this desk's cache (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged here: %1</source>
            <extracomment>a duplicate merged into the ticket shown</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link a related ticket (%1)</source>
            <extracomment>%1 the key, Alt+K</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroComposer</name>
        <message>
            <source>No ticket is shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro's actions could not all be saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This macro has no text in the other language.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macro "%1" inserted in Chinese.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macro "%1" inserted in English.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No value for %1: fill it in before sending.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not a placeholder: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use English</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use Chinese</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macros…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Insert a prepared reply (Ctrl+M)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Insert a macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Switch the macro's language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>You changed the inserted text, so its language was not switched: change it by hand.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On send: %1</source>
            <extracomment>under the composer: the macro's actions, done when the reply is sent; %1 a list</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove actions</source>
            <extracomment>under the composer: drop the macro's actions staged for sending, keep its text</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Do not apply the macro's actions on send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroManagerDialog</name>
        <message>
            <source>Delete macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete "%1"? Nobody will be able to use it any more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave as it is</source>
            <extracomment>a macro's action: the ticket's status is not changed</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <extracomment>a macro's action: take the ticket away from its agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (team)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (mine)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (my copy)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a lead can change the team's macros. Use "Copy as my own" to keep your own version.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the macro a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name may be at most %1 characters long.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the reply in Chinese, in English or in both.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each body may be at most %1 characters long.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A severity change needs a reason: it goes into each ticket's history.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro cannot be saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a lead can add macros for the whole team.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro could not be saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" is saved. It reaches the other desks through the server (at once when online).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only a lead can delete the team's macros.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The macro could not be deleted: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" is deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to "%1": only a lead may change the team's macros. The team's version is shown again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone changed "%1" before your change reached the server: their version is shown. Make your change again on it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to "%1": the macro was deleted, or it is not yours.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to "%1" (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manage macros</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find a macro by name or text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macro search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macros</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;New</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy as my own</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy the macro as a macro of my own</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macro name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>For:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only me</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The whole team</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Who the macro is for</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply in &amp;Chinese:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply in Chinese</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply in &amp;English:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply in English</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Placeholders, filled in for each ticket (inserted in the language of the reply you were writing):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the customer's name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the ticket's number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the response deadline, in the customer's time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>what the customer's edition is entitled to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{{%1}} / {{%2}}: %3</source>
            <extracomment>%1 and %2 a placeholder in English and in Chinese, %3 what it is replaced with</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Placeholders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Insert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Insert the placeholder into the reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When the macro is applied, also:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Status:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status the macro sets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Se&amp;verity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity the macro sets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reason:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason for the severity change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the severity changes (kept in the ticket's history)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Assign to:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agent the macro assigns the ticket to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the macro manager</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Message about the macro</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the macro cannot be changed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>"%1" cannot be a tag. %2</source>
            <extracomment>%1 a tag the agent typed, %2 the tag rules in words</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A macro may add at most %1 tags: a ticket holds no more.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The tag %1 is both added and removed: keep it in one line.</source>
            <extracomment>%1 a tag given both to add and to remove</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ta&amp;gs to add:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags the macro adds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags to re&amp;move:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags the macro removes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags separated by spaces, such as vip billing</source>
            <extracomment>a macro's tag lines: how to write several tags</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags separated by spaces. %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::MacroPicker</name>
        <message>
            <source>%1 (mine)</source>
            <comment>an agent's own macro</comment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find a macro by name or text, in either language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macro search</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Macros</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No macros yet. Add your own (leads add the team's) in Ticket → Manage macros…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No macro matches “%1”.</source>
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
            <source>All statuses</source>
            <extracomment>filter box entry: no filter on the status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (…)</source>
            <extracomment>queue list entry while a large queue is still being read: its name, and an ellipsis where the count will be (as narrow as a count: the list keeps its width)</extracomment>
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
            <source>Showing only the ticket you opened: the queue you were in and its filters leave it out.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting…</source>
            <extracomment>status bar: the server has not answered yet in this run</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Offline since %1 — edits are kept and sent when the server is back</source>
            <extracomment>status bar: the server cannot be reached since a time; edits wait in the outbox</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not syncing since %1: the server refused the token.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server cannot be reached since %1.</source>
            <extracomment>banner over the queue: the server cannot be reached since a time</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The queue shows the data of %1 and may be out of date; countdowns still run.</source>
            <extracomment>banner over the queue: the data is as of the last complete sync</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The queue shows what the local cache holds and may be out of date.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 %2</source>
            <extracomment>banner over the queue: why it is not syncing, then how old its data is (two sentences; no space between them in Chinese)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signing in…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed out (%1)</source>
            <extracomment>status bar: the token of this agent was refused by the server</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(measured %1 ago)</source>
            <extracomment>status bar, after the clock offset: how long ago it was measured</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server cannot be reached since %1: %2</source>
            <extracomment>banner over the queue: a time, then why in a sentence (e.g. "The server's certificate is not trusted: …", "Connection refused.")</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manage &amp;macros…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Search the queue</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets</source>
            <extracomment>the queue's table of tickets, as a screen reader names it</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Queues</source>
            <extracomment>the list of queues (My tickets, Unassigned, …), as a screen reader names it</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mer&amp;ge into…</source>
            <extracomment>merge the current ticket, a duplicate, into another ticket of the same customer</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Link…</source>
            <extracomment>link the current ticket to a related one (the pane's Links tab lists them)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer &amp;history</source>
            <extracomment>show the current ticket's customer's other tickets (a tab of the ticket pane)</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::MergeDialog</name>
        <message>
            <source>Merge #%1 into…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link #%1 to…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick the ticket of the same customer that #%1 duplicates. Its messages and files move there, it is closed, and the customer is told.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick a related ticket, of any customer, by number or subject.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Number or subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find a ticket by number or subject</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets to merge into</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets to link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why this ticket cannot be picked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Merge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Link</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1  %2 — %3</source>
            <extracomment>a ticket in the merge picker: number, subject, status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merge #%1 into #%2?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merge #%1 “%2” into #%3 “%4”? #%1 will be closed and its customer told.</source>
            <extracomment>the question before a merge; %1 and %3 ticket numbers, %2 and %4 their subjects</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1  %2 — %3 — %4</source>
            <extracomment>a ticket in the link picker: number, subject, customer, status</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::Notifier</name>
        <message>
            <source>#%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2</source>
            <extracomment>edition and severity of a ticket, e.g. "S2 Enterprise, Business unavailable"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your ticket is at risk: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned ticket at risk: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your ticket breached its response target: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned ticket breached its response target: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1. Nobody has taken it yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::OpenShortcut</name>
        <message>
            <source>Open its tickets</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::PlanReferenceWidget</name>
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
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::PresenceLine</name>
        <message>
            <source>✎ %1 is typing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>● %1 is viewing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> · </source>
            <extracomment>between the agents on a ticket: "Emma is viewing · Li Na is typing…"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other agents on this ticket</source>
            <extracomment>accessible name of the line saying which other agents have the ticket open</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueLoadingNotice</name>
        <message numerus="yes">
            <source>Reading the rest of the tickets: until they are in, this list is made from the first %n only.</source>
            <extracomment>line above a large queue while the tickets behind its first screen are read: the list, whatever queue, filter, sort or search is chosen, is made from those alone</extracomment>
            <translation>
                <numerusform>Reading the rest of the tickets: until they are in, this list is made from the first ticket only.</numerusform>
                <numerusform>Reading the rest of the tickets: until they are in, this list is made from the first %n only.</numerusform>
            </translation>
        </message>
        <message>
            <source>Queue still loading</source>
            <extracomment>screen reader name of that line</extracomment>
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
            <source>Waiting on customer</source>
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
        <message>
            <source>%1 (edit not sent yet)</source>
            <extracomment>what a screen reader says for a ticket with an edit not yet sent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no tags</source>
            <extracomment>what a screen reader says for the tags cell of a ticket without tags</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags</source>
            <extracomment>queue column: the ticket's tags</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::QueueView</name>
        <message>
            <source>&amp;Tags column</source>
            <extracomment>View menu and the queue header's context menu: show or hide the queue's Tags column</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shows each ticket's tags in a column of the queue</source>
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
        <name>SupportDesk::ReclassifyDialog</name>
        <message>
            <source>Reclassify severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Now: %1, due %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New &amp;severity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reason (required, kept in the ticket's history):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the severity changes, e.g. the business is running again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Examples:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This edition has no response target for that severity.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New deadline: %1 (opened %2 + %3); now due %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new deadline has already passed (%1): the ticket counts as breached as soon as the change is saved.</source>
            <extracomment>%1 e.g. "overdue 5 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The new deadline is close: %1.</source>
            <extracomment>%1 e.g. "12 min left"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New severity</source>
            <extracomment>the list of severities to choose from when reclassifying</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the chosen severity means, with examples</source>
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
        <message>
            <source>%1 breached</source>
            <extracomment>part of a lead board matrix cell: how many of its open tickets are breached</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 at risk</source>
            <extracomment>part of a lead board matrix cell: how many of its open tickets are at risk</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <extracomment>a lead board matrix cell: %1 the open tickets, %2 how many of them are breached or at risk, e.g. "3 · 1 breached, 1 at risk"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <extracomment>between "1 breached" and "1 at risk" in a matrix cell</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>answered late</source>
            <extracomment>part of a lead board matrix cell: some of its open tickets were answered after their target</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 open, none at risk or breached; at least one was answered after its target</source>
            <extracomment>a matrix cell: open tickets, none at risk or breached, some answered late</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::SavedViewList</name>
        <message>
            <source>A view needs a name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A view's name is at most %1 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The search is longer than %1 characters: a view cannot keep it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The view could not be saved: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save view</source>
            <extracomment>dialog title: save the queue's filters and search under a name</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Name of the view (the queue, its filters, tags and search as they are now):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rename view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New name of the view "%1":</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Delete the view "%1"? The tickets stay as they are.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (…)</source>
            <extracomment>saved view list entry: the view's name and how many tickets it holds now; "…" while a large queue is still being read</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%1, %n ticket(s)</source>
            <extracomment>what a screen reader says for a saved view: its name and how many tickets it holds</extracomment>
            <translation>
                <numerusform>%1, %n ticket</numerusform>
                <numerusform>%1, %n tickets</numerusform>
            </translation>
        </message>
        <message>
            <source>The view "%1" was changed on another desk before your change reached the server: that version is shown. Make your change again on it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to the view "%1": it was deleted on another desk.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your change to the view "%1" (%2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>My views</source>
            <extracomment>heading of the agent's saved views, under the built-in queues</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the queue's filters and search as a view of your own: View → Save view… (%1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save &amp;view…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Rename view…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Delete view…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::SearchWriter</name>
        <message>
            <source>cannot open the search index %1</source>
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
            <source>Saved to %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open &amp;folder</source>
            <extracomment>opens the folder the report was exported to</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the server answered %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures from the server, as of %1.</source>
            <extracomment>where the service report's figures come from; %1 a time of day</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asking the server for its figures; this desk's cache is shown meanwhile.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures from this desk's cache: the server's report could not be fetched (%1). Changes not yet synced are missing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures from this desk's cache: not connected to the server. Changes not yet synced are missing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Figures from this desk's cache.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview of the report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2</source>
            <extracomment>a plan's edition: %1 the plan, %2 the edition</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No edition of the plans includes service reports.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None of the team's customers has an edition that includes service reports (%1).</source>
            <extracomment>%1 the editions whose plan includes service reports, e.g. "Partner Support Plan · Enterprise"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 is on %2, which does not include service reports (only %3 does).</source>
            <extracomment>%1 the customer, %2 its plan and edition, %3 the editions that include service reports</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::ServiceUseDialog</name>
        <message>
            <source>IEM or training record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Record IEM or training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer: %1</source>
            <extracomment>%1 the customer's name</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Service:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asked on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;First day:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Last day:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>As&amp;ked on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What it was</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The event, or the session's topic</source>
            <extracomment>placeholder: an IEM engagement's event, or a training session's topic</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;What:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Override reason</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only past the year's allowance: why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Override reason:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the plan says</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reason to cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the record is cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save &amp;correction</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ca&amp;ncel this record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel this record</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This customer's edition includes neither IEM nor training.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give an override reason to record it anyway (it is flagged).</source>
            <extracomment>past the allowance, a lead may still take it by stating why</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Past the year's allowance: recorded with your reason, flagged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning: %1</source>
            <extracomment>a warning, not a refusal: the seed recommends the notice</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Say what it was (the event, or the session's topic).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The record could not be saved: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::SettingsDialog</name>
        <message>
            <source>Enter the server's address, e.g. https://desk.example.com.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is not a valid address: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address must start with https:// or http://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address must start with https:// or http://, not %1://.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address has no server name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Leave the user name and password out of the address; the token goes in its own field.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The address must not have a query (?…) or a fragment (#…).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Store the token in a file?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Warning: over http:// the token travels unencrypted. Use https:// unless the server is on this computer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1

Store the token in a file that only your user account can read (%2)? This is less safe than a keychain: anyone who can act as your account, or read your backups, can read the token.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The token was not saved: no keychain, and you chose not to store it in a file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Server &amp;address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>https://desk.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Token:</source>
            <extracomment>the API token an agent signs in with</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paste your API token</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No token is stored for this server.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Looking for a stored token…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unchanged — type a new token to replace it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A token is stored in the system keychain.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A token is stored in a file only you can read (less safe than a keychain): %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notify me when one of &amp;my tickets is at risk or breached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notify me when an &amp;unassigned ticket of the most severe level (business unavailable) is at risk or breached</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Play a &amp;sound with each notification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>When a ticket counts as at risk, and how long before a breach agents are warned, are team settings a lead sets on the lead board.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time</source>
            <extracomment>settings group: the time zone every time on the desk is shown in</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show times &amp;in:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This computer's time zone (%1)</source>
            <extracomment>the display zone follows the computer's; %1 is that zone, e.g. "Europe/Berlin"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company CA certificate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Certificates (*.pem *.crt *.cer *.der);;All files (*)</source>
            <extracomment>file dialog filter; keep the patterns in parentheses as they are</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Company &amp;CA:</source>
            <extracomment>a certificate authority's certificate a company signs its servers' certificates with</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None — the system's certificate authorities only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A CA certificate file (PEM or DER) to trust besides the system's, when your company's CA signed the server's certificate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In use now: %1 (files of replies waiting to be sent are kept)</source>
            <extracomment>settings: the attachment cache's size now; files of replies not yet sent are never cleared</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments</source>
            <extracomment>settings group: files of tickets kept on this computer</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep at most:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> MB</source>
            <extracomment>unit after the attachment cache's size cap</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachment cache size</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear cache</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear the attachment cache</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every action of the desk can be reached from the keyboard: Tab moves between areas, the menus open with Alt and their underlined letter, and these keys act directly.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> or </source>
            <extracomment>separates two keys that do the same, e.g. "Ctrl+Return or Ctrl+Enter"</extracomment>
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
        <message>
            <source>The server sent a holiday calendar that does not load: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server stopped answering.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server sent attachment records that were refused: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments could not be stored: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The search index could not be opened: %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TagBar</name>
        <message>
            <source>A tag is one word of letters, digits, '-', '_' or '.', at most %1 characters.</source>
            <extracomment>the tag typed cannot be used; shown beside the tag line</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A ticket holds at most %1 tags.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the tag %1</source>
            <extracomment>accessible name and tooltip of a tag's button in the ticket pane; %1 the tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tags:</source>
            <extracomment>label before a ticket's tags in the ticket pane</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a tag…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add a tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type a tag and press Enter; tags in use are offered as you type.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TagRulesEditor</name>
        <message>
            <source>Any channel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any edition</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Any severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 · %2 (%3)</source>
            <extracomment>a plan's edition in a list of both plans' editions; %1 the plan, %2 the edition, %3 its badge code</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel of rule %1</source>
            <extracomment>%1 the rule's row number</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edition of rule %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity of rule %1</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>At most %n rules.</source>
            <translation>
                <numerusform>At most %n rule.</numerusform>
                <numerusform>At most %n rules.</numerusform>
            </translation>
        </message>
        <message>
            <source>Rule %1 needs a tag.</source>
            <extracomment>%1 the rule's row number</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule %1: “%2” is not a tag: use letters, digits, “-”, “_” and “.” (no spaces), at most %3.</source>
            <extracomment>%1 the rule's row number, %2 what was typed as its tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n character(s)</source>
            <translation>
                <numerusform>%n character</numerusform>
                <numerusform>%n characters</numerusform>
            </translation>
        </message>
        <message>
            <source>Rule %1: at most %2 words.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule %1: a word is longer than %2 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag rules: the server tags each new ticket — by e-mail, IM, the console or the desk — with every rule it matches. A rule's conditions must all hold; “Words” are any of them, separated by commas, in the subject or the first message.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel</source>
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
            <source>Words</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag rules</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add &amp;rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected rule</source>
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
        <message>
            <source>the request was given up</source>
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
        <name>SupportDesk::ThirdPartyDialog</name>
        <message>
            <source>Third-party software</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Software:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Version:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. 1.20.1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pick the software the case is about.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In scope: advice only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Covered versions: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Help the plan gives: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The plan never covers: %1.</source>
            <extracomment>the plan's out-of-scope list under the result; the items come from the catalog</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Out of scope: %1</source>
            <extracomment>the verdict of the scope check; %1 why, e.g. "MySQL 8.0 is not covered; …"</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TicketPane</name>
        <message>
            <source>Select a ticket in the queue.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Ticket %1 is not in the local cache.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resolve…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dismiss</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Accept</source>
            <extracomment>受理: take the ticket in, telling the customer it is being handled</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept the ticket (受理): the customer is told, and the response clock stops.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assignee:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign to &amp;me</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Re&amp;classify…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party &amp;software…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Entitlements</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reply to customer</source>
            <extracomment>composer mode: a public reply the customer sees</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal &amp;note</source>
            <extracomment>composer mode: a note only agents see</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send reply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write a public reply to the customer…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write an internal note (not shown to the customer)…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no response target</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Due %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>? %1</source>
            <extracomment>badge of an edition the catalogs do not know</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(not yet numbered) %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub-client: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channel: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opened %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Over quota: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The catalogs have no edition "%1" of plan "%2": entitlements unknown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Handled by: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Response targets:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Channels: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>, </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets this month: %1 of %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tickets this month: unlimited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>not on file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 &lt;%2&gt;</source>
            <extracomment>a name and its e-mail address (here: the customer and the address the mail came from)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: up to %2 natural days a year, asked %3 business days ahead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: %2 sessions a year</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1: limited</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (paid)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 opened the ticket · %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal note · %1 · %2 · not shown to the customer</source>
            <extracomment>heading of an internal note in the conversation</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>System event · %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Public reply · %1 · %2</source>
            <extracomment>heading of a public reply in the conversation</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(waiting to be sent)</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n edit(s) waiting to be sent</source>
            <translation>
                <numerusform>%n edit waiting to be sent</numerusform>
                <numerusform>%n edits waiting to be sent</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved here; sent when the server is reachable.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No ticket is shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The %1 could not be saved: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write something first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ticket is already accepted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not signed in yet: the program does not know who you are.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unknown status "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No ticket with a known plan is shown.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accepted by %1.</source>
            <extracomment>system event in the conversation; %1 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assigned to %1 by %2.</source>
            <extracomment>system event; %1 the new assignee, %2 who assigned</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassigned by %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status %1 → %2 by %3.</source>
            <extracomment>system event; %1 → %2 statuses, %3 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity %1 → %2 by %3: %4</source>
            <extracomment>system event; %1 → %2 severities, %3 an agent, %4 the reason given</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Software set to %1 %2 by %3 (out of scope).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Software set to %1 %2 by %3.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quota override by %1: %2</source>
            <extracomment>system event; %1 a lead, %2 the reason given</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Taken over the monthly quota (%1 of %2): %3</source>
            <extracomment>system event; %1 this month's tickets with this one, %2 the quota, %3 the reason</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Edition: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software: %1 (in scope, advice only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software out of scope: %1</source>
            <extracomment>%1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Asked today, an event can start on %1 at the earliest.</source>
            <extracomment>%1 a date; the first day an Infrastructure Event Management request asked today may cover</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal note: never leaves the desk</source>
            <extracomment>above the composer in note mode: the note is for agents only</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>By e-mail to %1</source>
            <extracomment>above the composer: where a public reply goes; %1 is the customer's e-mail address</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To the WeCom group %1</source>
            <extracomment>%1 is the name of the customer's WeCom (企业微信) group</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To the Slack group %1</source>
            <extracomment>%1 is the name of the customer's Slack channel</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To the IM group %1</source>
            <extracomment>%1 is the name of the customer's instant-messaging group</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In the console: no e-mail or IM route for this ticket</source>
            <extracomment>above the composer: the ticket has no e-mail or IM route (made in the desk or by the provider's console), so the customer reads the public reply in the console</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From the customer · %1 · %2 · %3</source>
            <extracomment>heading of a message the customer wrote: who, the channel it came by (E-mail, IM enterprise group), when</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conversat&amp;ion</source>
            <extracomment>the ticket pane's tab with the ticket's messages</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag %1 added by %2.</source>
            <extracomment>system event; %1 a tag, %2 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tag %1 removed by %2.</source>
            <extracomment>system event; %1 a tag, %2 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send the reply or note</source>
            <extracomment>Help → Keyboard shortcuts: what Ctrl+Enter does in the composer</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Composer</source>
            <extracomment>the area under the conversation where a reply or a note is written</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply to the customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not sent: the ticket changed since you started writing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, asked %2 business days ahead</source>
            <extracomment>%1 "IEM: 3 of 8 days used this year"; %2 business days of notice</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Links (%1)</source>
            <extracomment>the ticket pane's tab with merged and related tickets; %1 how many</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Links</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged into #%1 by %2.</source>
            <extracomment>system event; %1 the ticket number this duplicate went into, %2 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>#%1 merged into this ticket by %2.</source>
            <extracomment>system event; %1 the duplicate's number, %2 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Linked to #%1 by %2.</source>
            <extracomment>system event; %1 the other ticket's number, %2 an agent</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlinked from #%1 by %2.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tagged by the team's rules: %1.</source>
            <extracomment>system event; %1 the tags the team's rules gave the new ticket, in a list</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the customer's edition is entitled to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Conversation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merged into #%1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Someone changed this ticket on the server before your edit “%1” reached it.</source>
            <extracomment>%1 the edit in words ("Merge into #123")</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused your edit “%1”: %2</source>
            <extracomment>%1 the edit in words ("Merge into #123"), %2 the rule that refused it</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer history (%1)</source>
            <extracomment>the ticket pane's tab with the customer's other tickets; %1 how many</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer history</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit and send again…</source>
            <extracomment>of a new ticket the server refused: opens New ticket filled with it, to correct</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server refused this new ticket. %1 It is kept only on this desk until you edit and send it again, or discard it.</source>
            <extracomment>%1 the plan's rule that refused the new ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discard…</source>
            <extracomment>drops a new ticket the server refused (asks first)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard the new ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard the new ticket “%1”? The server refused it and only this desk has it: what the customer wrote is lost.</source>
            <extracomment>%1 the refused new ticket's subject</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::Transport</name>
        <message>
            <source>The server's certificate is not trusted: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CA file %1 cannot be read: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The CA file %1 holds no certificate (PEM or DER).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TrayNotifier</name>
        <message>
            <source>SupportDesk: none of your tickets is at risk</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>SupportDesk: %n ticket(s) of yours at risk or breached</source>
            <translation>
                <numerusform>SupportDesk: %n ticket of yours at risk or breached</numerusform>
                <numerusform>SupportDesk: %n tickets of yours at risk or breached</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) need your attention</source>
            <translation>
                <numerusform>%n ticket needs your attention</numerusform>
                <numerusform>%n tickets need your attention</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>and %n more</numerusform>
                <numerusform>and %n more</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <extracomment>a notification shown in the status bar: title, then details</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show SupportDesk</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TriageDialog</name>
        <message>
            <source>Choose the sub-client…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the customer…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1
%2 · %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>(no subject)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 &lt;%2&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the sender's address belongs to no customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the plan's rules refused the ticket: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 of %2 tickets this month</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reason to exceed the quota:</source>
            <extracomment>as the New ticket form has it</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From: %1
Received: %2
Subject: %3
Kept because %4.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>[…cut here]</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2, %3)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No attachments.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Attachments: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register %1 for this customer: the next mail files itself</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server could not be reached: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another lead decided this mail already.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server does not know this customer.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Filed as ticket #%1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discarded; the mail is kept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not filed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Triage: mail no ticket took</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mail waiting for triage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The mail's text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Customer:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer to file the mail for</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub-&amp;client:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sub-client account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Register the sender for this customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File for customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>File the mail as a ticket for the chosen customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard as &amp;spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard as spam</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard as &amp;noise</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Discard as noise</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No mail waits for triage.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SupportDesk::TriageEntry</name>
        <message>
            <source>Triage (…)</source>
            <extracomment>queue list entry for leads: mail no ticket took, and how many wait (… until known)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Triage (%1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E-mail from unknown senders, or refused by the plan's rules, waiting for a lead to file or discard it</source>
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
        <message>
            <source>the cache is not open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>cannot open the search index %1: %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the search index is being written by the initial sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the search index has no state</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>the ticket %1 was not written</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketEdits</name>
        <message>
            <source>new ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accept</source>
            <extracomment>the edit that takes a ticket in (受理)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reply</source>
            <extracomment>a public reply to the customer</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>internal note</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>assignment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>status change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>severity change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>third-party software</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>quota override</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tag</source>
            <extracomment>the edit that puts a tag on a ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>tag removal</source>
            <extracomment>the edit that takes a tag off a ticket</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>merge</source>
            <extracomment>the edit that merges a duplicate ticket into another</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>link</source>
            <extracomment>the edit that links two related tickets</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unlink</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New ticket “%1” (%2)</source>
            <extracomment>an edit in words: a new ticket; %1 its subject, %2 its severity</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept the ticket</source>
            <extracomment>an edit in words: take the ticket in (受理)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reply to the customer: %1</source>
            <extracomment>an edit in words: a public reply; %1 its first line</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Internal note: %1</source>
            <extracomment>an edit in words: an internal note; %1 its first line</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unassign the ticket</source>
            <extracomment>an edit in words: leave the ticket to nobody</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Assign to %1</source>
            <extracomment>an edit in words; %1 an agent's name</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status → %1</source>
            <extracomment>an edit in words; %1 the new status</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity → %1 (reason: %2)</source>
            <extracomment>an edit in words; %1 the new severity, %2 the reason given</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No third-party software</source>
            <extracomment>an edit in words: the ticket names no third-party software any more</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Third-party software → %1 %2</source>
            <extracomment>an edit in words; %1 the software, %2 its version</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Take it past the monthly quota (reason: %1)</source>
            <extracomment>an edit in words: take the ticket past the partner's monthly quota; %1 the reason</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add the tag %1</source>
            <extracomment>an edit in words; %1 a tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the tag %1</source>
            <extracomment>an edit in words; %1 a tag</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Merge into %1</source>
            <extracomment>an edit in words: this ticket is a duplicate of another; %1 the other ("#123")</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Link to %1</source>
            <extracomment>an edit in words: a related ticket; %1 the other ("#123")</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Unlink from %1</source>
            <extracomment>an edit in words; %1 the ticket linked so far ("#123")</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“%1”</source>
            <extracomment>a ticket the server has not numbered yet, named by its subject</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <comment>sub-client</comment>
            <extracomment>a partner's sub-client: %1 its name, %2 its account</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketStatus</name>
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
            <source>Waiting on customer</source>
            <extracomment>ticket status</extracomment>
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
            <source>%1 (unknown status)</source>
            <extracomment>a ticket status a newer server gave that this version of the desk does not know; %1 the status as the server wrote it</extracomment>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TimeFormat</name>
        <message>
            <source>overdue %1</source>
            <extracomment>countdown column, time past the response target; %1 is e.g. "1 h 05 min"
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
        <message>
            <source>%1 d %2 h</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: days and zero-padded hours, e.g. "2 d 03 h"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 h %2 min</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: hours and zero-padded minutes, e.g. "1 h 05 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 min %2 s</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: minutes and zero-padded seconds, e.g. "12 min 04 s"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 s</source>
            <comment>compact</comment>
            <extracomment>compact duration in a column: seconds, e.g. "45 s"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2 min</source>
            <extracomment>a range of minutes, short (a chart category), e.g. "5–15 min"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2 h</source>
            <extracomment>a range of hours, short (a chart category), e.g. "1–2 h"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1–%2</source>
            <comment>duration range</comment>
            <extracomment>a range across units, short (a chart category), e.g. "30 min–1 h"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1, %2</source>
            <extracomment>a time zone: its IANA name and its offset from UTC, e.g. "Asia/Shanghai, UTC+08:00"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 (%2)</source>
            <extracomment>a date and time shown in a zone other than the agent's, and that zone</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>at risk %1</source>
            <extracomment>countdown column, little time left; %1 is e.g. "12 min 04 s"</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>late reply %1</source>
            <extracomment>countdown column once answered after the target; %1 is how long it took (kept about as short as "responded": the column fits the queue at 1440 px)</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>resolved</source>
            <extracomment>countdown column: resolved before anyone answered; the clock has stopped</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>closed</source>
            <extracomment>countdown column: closed before anyone answered; the clock has stopped</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>merged</source>
            <extracomment>countdown column: merged into another ticket, whose clock runs on</extracomment>
            <translation type="unfinished" />
        </message>
        <message>
            <source>resolved without a response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>closed without a response</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>merged: the clock goes on in the ticket it went into</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n s</source>
            <extracomment>a duration under a minute in words, e.g. "45 s left", "overdue 31 s"</extracomment>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
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
            <source>A CA certificate file (PEM) to trust besides the system's, for a server whose certificate a company CA signed (default: the one in Settings).</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
