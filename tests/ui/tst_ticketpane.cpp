// The ticket pane and its dialogs on a real DeskSession over a seeded cache (leadboardseed.h),
// as the main window uses them: edits through saveEdit, the outbox's states, the server's
// answers written into the cache as the sync engine writes them, and a language switch.
#include "conflictdialog.h"
#include "desksession.h"
#include "intakedialog.h"
#include "languagemanager.h"
#include "reclassifydialog.h"
#include "recordnames.h"
#include "thirdpartydialog.h"
#include "ticketpane.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>

#include "leadboardseed.h"

using namespace SupportDesk;

namespace QTest {
template<> char *toString(const SlaState &state)
{
    return qstrdup(slaStateCode(state).toUtf8().constData());
}
} // namespace QTest

class TestTicketPane : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerAndEntitlements();
    void replyMakesItResponded();
    void countdownIsLive();
    void acceptAssignStatus();
    void reclassifyDialog();
    void reclassifyMovesTheDeadline();
    void reclassifyThroughThePane();
    void thirdPartyScope();
    void intakeRefusesImForBasic();
    void intakeQuotaNeedsReason();
    void conflictReapply();
    void conflictDrop();
    void rejectionInTheActiveLanguage();
    void refusedNewTicketOverQuotaAsksForTheReason();
    void languageSwitchKeepsDraft();
    void systemEventsInTheActiveLanguage();

private:
    std::optional<OutboxEntry> lastOutboxEntry() const;
    // The server's answer to the only pending edit, as the sync engine would store it.
    Ticket serverCopy(const QString &ticketId) const;

    std::unique_ptr<LeadBoardSeed> m_seed;
    std::unique_ptr<DeskSession> m_session;
    LanguageManager *m_language = nullptr;
};

void TestTicketPane::init()
{
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
    // A Basic customer (no IM group), the partner's sub-clients, Acme's account manager.
    Customer basic;
    basic.id = QStringLiteral("c4");
    basic.name = QStringLiteral("Basic Bistro");
    basic.planId = QStringLiteral("service-plan");
    basic.editionId = QStringLiteral("s4-basic");
    Customer globex;
    globex.id = QStringLiteral("p1");
    globex.name = QStringLiteral("Globex Partners");
    globex.planId = QStringLiteral("partner-plan");
    globex.editionId = QStringLiteral("standard");
    globex.subClients = { { QStringLiteral("sub-001"), QStringLiteral("Globex Retail") } };
    Customer initech;
    initech.id = QStringLiteral("p2");
    initech.name = QStringLiteral("Initech Partners");
    initech.planId = QStringLiteral("partner-plan");
    initech.editionId = QStringLiteral("commercial"); // 30 a month, none used
    initech.subClients = { { QStringLiteral("sub-900"), QStringLiteral("Initrode") } };
    Customer acme;
    acme.id = QStringLiteral("c1");
    acme.name = QStringLiteral("Acme Retail");
    acme.planId = QStringLiteral("service-plan");
    acme.editionId = QStringLiteral("s2-enterprise");
    Customer umbrella;
    umbrella.id = QStringLiteral("p3");
    umbrella.name = QStringLiteral("Umbrella Partners");
    umbrella.planId = QStringLiteral("partner-plan");
    umbrella.editionId = QStringLiteral("enterprise");
    umbrella.contacts = { { QStringLiteral("technical-account-manager"), QStringLiteral("Tina Tam"),
                            QStringLiteral("tina@example.com") } };
    umbrella.subClients = { { QStringLiteral("sub-777"), QStringLiteral("Umbrella Labs") } };
    Ticket e1 = m_seed->ticket("E1", "partner-plan", "enterprise", "consultation",
                               "2026-11-22T09:00:00Z", 960, nullptr, "");
    e1.customerId = QStringLiteral("p3");
    e1.subClient = QStringLiteral("sub-777");
    // B's conversation: the customer, an internal note, a system event.
    const auto message = [](const char *id, const QString &kind, const char *author,
                            const char *body, const char *at) {
        Message m;
        m.id = QString::fromLatin1(id);
        m.ticketId = QStringLiteral("B");
        m.kind = kind;
        m.authorId = QString::fromLatin1(author);
        m.body = QString::fromUtf8(body);
        m.createdAt = LeadBoardSeed::utc(at);
        return m;
    };
    QVector<Message> messages {
        message("m1", MessageKind::Public, "", "Card payments fail since 09:45",
                "2026-11-22T09:48:00Z"),
        message("m2", MessageKind::Internal, "bob", "Looks like the gateway again",
                "2026-11-22T09:49:00Z"),
        message("m3", MessageKind::System, "", "Assigned to Ann Lee by Lee Chen.",
                "2026-11-22T09:50:00Z"),
        message("m4", MessageKind::System, "", "Severity business-down → consultation by Lee "
                "Chen: only one user", "2026-11-22T09:51:00Z"),
        // An event whose code this client does not know shows the server's text.
        message("m5", MessageKind::System, "", "Escalated to the vendor.",
                "2026-11-22T09:52:00Z")
    };
    messages[2].event = QStringLiteral("assigned");
    messages[2].args = { QStringLiteral("Ann Lee"), QStringLiteral("Lee Chen") };
    messages[3].event = QStringLiteral("severity");
    messages[3].args = { QStringLiteral("business-down"), QStringLiteral("consultation"),
                         QStringLiteral("Lee Chen"), QStringLiteral("only one user") };
    messages[4].event = QStringLiteral("escalated");
    messages[4].args = { QStringLiteral("vendor") };
    QVERIFY(m_seed->cache->applyChanges({ e1 }, messages,
                                        { basic, globex, initech, acme, umbrella }, {},
                                        std::nullopt, 41, true, nullptr));
    m_session = m_seed->openSessionAsAnn();
    QVERIFY(m_session);
    if (!m_language)
        m_language = new LanguageManager(this);
    QVERIFY(m_language->setLanguage(Language::English, false));
}

void TestTicketPane::cleanup()
{
    m_session.reset();
    m_seed.reset();
}

std::optional<OutboxEntry> TestTicketPane::lastOutboxEntry() const
{
    const auto entries = m_session->cache()->outbox();
    if (entries.isEmpty())
        return std::nullopt;
    return entries.last();
}

Ticket TestTicketPane::serverCopy(const QString &ticketId) const
{
    return m_seed->tickets.value(ticketId);
}

void TestTicketPane::headerAndEntitlements()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    QVERIFY(pane.ticketId().isEmpty());
    pane.showTicket(QStringLiteral("B"));
    QCOMPARE(pane.ticketId(), QStringLiteral("B"));
    const QString header = pane.headerText();
    // The code in the badge, the name in words: never "S2 Enterprise" run together.
    QVERIFY2(header.startsWith(QStringLiteral("S2\n")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Edition: Enterprise")), qPrintable(header));
    QVERIFY2(!header.contains(QStringLiteral("S2 Enterprise")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("#102 Payments down")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Business unavailable")), qPrintable(header));
    QVERIFY2(header.contains(QStringLiteral("Acme Retail")), qPrintable(header));
    QCOMPARE(pane.slaStatus().state, SlaState::AtRisk); // 120 s of 900 left
    QCOMPARE(pane.stateText(), QStringLiteral("At risk"));
    QCOMPARE(pane.countdownText(), QStringLiteral("2 min left"));
    const QString ent = pane.entitlementsText();
    // Enterprise targets 15 / 30 / 60 min; the IM group; no quota line on the Service Plan.
    QVERIFY2(ent.contains(QStringLiteral("Business unavailable: 15 min")), qPrintable(ent));
    QVERIFY2(ent.contains(QStringLiteral("Usage consultation: 1 h")), qPrintable(ent));
    QVERIFY2(ent.contains(QStringLiteral("IM enterprise group")), qPrintable(ent));
    QVERIFY2(!ent.contains(QStringLiteral("Tickets this month")), qPrintable(ent));

    // A partner's ticket: the quota used this month (P1–P11) and its sub-client.
    pane.showTicket(QStringLiteral("P11"));
    const QString partner = pane.entitlementsText();
    QVERIFY2(partner.contains(QStringLiteral("Tickets this month: 11 of 10")), qPrintable(partner));
    QVERIFY2(!partner.contains(QStringLiteral("IM enterprise group")), qPrintable(partner));
    QVERIFY2(pane.headerText().contains(QStringLiteral("Over quota: sub-client outage")),
             qPrintable(pane.headerText()));

    // The conversation tells the kinds apart.
    pane.showTicket(QStringLiteral("B"));
    const QString talk = pane.conversationText();
    QVERIFY2(talk.contains(QStringLiteral("Public reply · Acme Retail")), qPrintable(talk));
    QVERIFY(talk.contains(QStringLiteral("Card payments fail since 09:45")));
    QVERIFY(talk.contains(QStringLiteral("Internal note · Bob Wu")));
    QVERIFY(talk.contains(QStringLiteral("not shown to the customer")));
    QVERIFY(talk.contains(QStringLiteral("System event")));
    QVERIFY(talk.indexOf(QStringLiteral("Card payments"))
            < talk.indexOf(QStringLiteral("gateway")));

    // Enterprise partner: named contacts, IEM days and training sessions, no quota.
    pane.showTicket(QStringLiteral("E1"));
    const QString enterprise = pane.entitlementsText();
    QVERIFY2(enterprise.contains(
                 QStringLiteral("Technical account manager: Tina Tam <tina@example.com>")),
             qPrintable(enterprise));
    QVERIFY(enterprise.contains(QStringLiteral("Account support manager: not on file")));
    // With how much of them this year used (docs/service-use.md): none recorded here.
    QVERIFY2(enterprise.contains(
                     QStringLiteral("0 of 8 days used this year, asked 10 business days ahead")),
             qPrintable(enterprise));
    QVERIFY(enterprise.contains(
            QStringLiteral("Communication and training: 0 of 4 this year")));
    QVERIFY(enterprise.contains(QStringLiteral("Tickets this month: unlimited")));
    QVERIFY(enterprise.contains(QStringLiteral("IM enterprise group")));
    // The sub-client by its name, as the new-ticket form offers it (the account alone before).
    QVERIFY2(pane.headerText().contains(QStringLiteral("Sub-client: Umbrella Labs (sub-777)")),
             qPrintable(pane.headerText()));

    // An edition the catalogs do not know: a grey "?" badge, no entitlements, no crash.
    pane.showTicket(QStringLiteral("X"));
    QVERIFY2(pane.headerText().contains(QStringLiteral("? s9-legacy")),
             qPrintable(pane.headerText()));
    QVERIFY(pane.entitlementsText().contains(QStringLiteral("entitlements unknown")));
    QVERIFY(!pane.reclassify(QStringLiteral("business-down"), QStringLiteral("why not")));

    // An id the cache does not have: no crash, nothing to edit.
    pane.showTicket(QStringLiteral("nope"));
    QVERIFY(!pane.ticket());
    QVERIFY(!pane.accept());
    QVERIFY(!pane.sendComposer());
    QVERIFY(m_session->cache()->outbox().isEmpty());
}

void TestTicketPane::replyMakesItResponded()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("A"));
    QCOMPARE(pane.slaStatus().state, SlaState::OnTrack);
    QVERIFY(pane.pendingText().isEmpty());

    // An empty reply is not sent.
    pane.composer()->setPlainText(QStringLiteral("   "));
    QVERIFY(!pane.sendComposer());
    QVERIFY(m_session->cache()->outbox().isEmpty());

    QSignalSpy outbox(m_session.get(), &DeskSession::outboxChanged);
    pane.focusReply();
    pane.composer()->setPlainText(QStringLiteral("We are on it."));
    QVERIFY(pane.sendComposer());
    QCOMPARE(outbox.count(), 1);
    const auto entry = lastOutboxEntry();
    QVERIFY(entry);
    QCOMPARE(entry->op.type, QStringLiteral("reply"));
    QCOMPARE(entry->op.ticketId, QStringLiteral("A"));
    QCOMPARE(entry->op.baseVersion, 1);
    QCOMPARE(entry->op.payload.value(QStringLiteral("body")).toString(),
             QStringLiteral("We are on it."));
    QVERIFY(pane.composer()->toPlainText().isEmpty());

    // Locally the reply is the first response at once: "responded", and pending.
    QCOMPARE(pane.slaStatus().state, SlaState::RespondedInTime);
    QCOMPARE(pane.stateText(), QStringLiteral("Responded"));
    QVERIFY2(pane.countdownText().startsWith(QStringLiteral("responded in")),
             qPrintable(pane.countdownText()));
    QCOMPARE(pane.pendingText(), QStringLiteral("1 edit waiting to be sent"));
    QVERIFY(pane.conversationText().contains(QStringLiteral("We are on it.")));
    QVERIFY(pane.conversationText().contains(QStringLiteral("(waiting to be sent)")));
    QVERIFY(pane.conversationText().contains(QStringLiteral("Public reply")));

    // The server applies it (as the sync engine stores its answer): no longer pending.
    Ticket server = serverCopy(QStringLiteral("A"));
    server.version = 2;
    server.firstResponseAt = m_seed->clock.now().addSecs(1);
    QVERIFY(m_session->cache()->acknowledge(entry->op.opId, server));
    emit m_session->outboxChanged();
    emit m_session->ticketsChanged({ QStringLiteral("A") });
    // The pane reads the ticket again once, on the next event-loop turn.
    QTRY_VERIFY(pane.pendingText().isEmpty());
    QCOMPARE(pane.ticket()->version, 2);
    QVERIFY(!pane.conversationText().contains(QStringLiteral("(waiting to be sent)")));
    QCOMPARE(pane.slaStatus().state, SlaState::RespondedInTime);

    // An internal note is told apart and is no response.
    pane.showTicket(QStringLiteral("G"));
    pane.focusNote();
    QCOMPARE(pane.composerMode(), TicketPane::ComposerMode::Note);
    pane.composer()->setPlainText(QStringLiteral("Customer is on Basic."));
    QVERIFY(pane.sendComposer());
    QCOMPARE(lastOutboxEntry()->op.type, QStringLiteral("note"));
    QVERIFY(pane.conversationText().contains(QStringLiteral("Internal note")));
    QVERIFY(pane.conversationText().contains(QStringLiteral("not shown to the customer")));
    QCOMPARE(pane.slaStatus().state, SlaState::OnTrack);
}

void TestTicketPane::countdownIsLive()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("B")); // 120 s left
    QCOMPARE(pane.stateText(), QStringLiteral("At risk"));
    pane.show(); // the countdown ticks while the pane is visible
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    m_seed->clock.advanceSeconds(180);
    QTRY_COMPARE_WITH_TIMEOUT(pane.stateText(), QStringLiteral("Breached"), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(pane.countdownText(), QStringLiteral("overdue 1 min"), 3000);
}

void TestTicketPane::acceptAssignStatus()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("F")); // S1 degraded, at risk, nobody, new
    QVERIFY(pane.acceptButton()->isEnabled());
    QVERIFY(pane.accept());
    QCOMPARE(lastOutboxEntry()->op.type, QStringLiteral("accept"));
    QCOMPARE(pane.ticket()->status, TicketStatus::Accepted);
    QCOMPARE(pane.slaStatus().state, SlaState::RespondedInTime); // 受理 is the first response
    QVERIFY(!pane.acceptButton()->isEnabled());
    QVERIFY(!pane.accept()); // once
    QCOMPARE(m_session->cache()->outbox().size(), 1);
    // Nobody's ticket, accepted: now mine, in the preview as the server will have it.
    QCOMPARE(pane.ticket()->assigneeId, QStringLiteral("ann"));

    QVERIFY(pane.assignToMe()); // already: no edit
    QCOMPARE(m_session->cache()->outbox().size(), 1);
    QCOMPARE(pane.ticket()->assigneeId, QStringLiteral("ann"));
    QCOMPARE(pane.assigneeBox()->currentText(), QStringLiteral("Ann Lee"));
    QVERIFY(pane.assignTo(QStringLiteral("bob")));
    QCOMPARE(pane.assigneeBox()->currentText(), QStringLiteral("Bob Wu"));
    const auto assign = lastOutboxEntry();
    QCOMPARE(assign->op.type, QStringLiteral("assign"));
    QCOMPARE(assign->op.payload.value(QStringLiteral("assignee_id")).toString(),
             QStringLiteral("bob"));
    // Every agent of the cache, and "Unassigned", are offered.
    QCOMPARE(pane.assigneeBox()->count(), 4);

    QVERIFY(pane.setStatus(TicketStatus::WaitingOnCustomer));
    QCOMPARE(pane.ticket()->status, TicketStatus::WaitingOnCustomer);
    QCOMPARE(pane.statusBox()->currentData().toString(), TicketStatus::WaitingOnCustomer);
    QVERIFY(!pane.setStatus(QStringLiteral("on-fire")));
    QCOMPARE(m_session->cache()->outbox().size(), 3);
    QCOMPARE(pane.pendingText(), QStringLiteral("3 edits waiting to be sent"));
    // Each edit was made on the version it saw (1: nothing acknowledged yet).
    for (const OutboxEntry &e : m_session->cache()->outbox())
        QCOMPARE(e.op.baseVersion, 1);
}

void TestTicketPane::reclassifyDialog()
{
    const PlanCatalog *plan = m_session->catalogs().plan(u"service-plan");
    QVERIFY(plan);
    // C: S2 degraded (30 min) opened 09:20, due 09:50.
    ReclassifyDialog dialog(*plan, serverCopy(QStringLiteral("C")));
    QCOMPARE(dialog.severity(), QStringLiteral("consultation")); // one level down
    QCOMPARE(dialog.newDeadline(), LeadBoardSeed::utc("2026-11-22T10:20:00Z"));
    QVERIFY(!dialog.canAccept());
    QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.definitionText().contains(
        QStringLiteral("Questions about product features and configuration")));
    dialog.setReason(QStringLiteral("Only a question after all"));
    QVERIFY(dialog.canAccept());
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    // Up to business-down: 15 min from 09:20.
    dialog.setSeverity(QStringLiteral("business-down"));
    QCOMPARE(dialog.newDeadline(), LeadBoardSeed::utc("2026-11-22T09:35:00Z"));
    QVERIFY(dialog.definitionText().contains(
        QStringLiteral("The core business site or service cannot be reached at all")));
    // The same severity is no change.
    dialog.setSeverity(QStringLiteral("business-degraded"));
    QVERIFY(!dialog.canAccept());
    dialog.setSeverity(QStringLiteral("consultation"));
    dialog.setReason(QStringLiteral("   "));
    QVERIFY(!dialog.canAccept());
}

void TestTicketPane::reclassifyMovesTheDeadline()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("C"));
    QCOMPARE(pane.slaStatus().state, SlaState::Breached);
    QVERIFY(!pane.reclassify(QStringLiteral("consultation"), QString())); // reason required
    QVERIFY2(pane.lastError().contains(QStringLiteral("reason")), qPrintable(pane.lastError()));
    QVERIFY(m_session->cache()->outbox().isEmpty());
    QVERIFY(pane.reclassify(QStringLiteral("consultation"), QStringLiteral("Only a question")));
    const auto entry = lastOutboxEntry();
    QCOMPARE(entry->op.type, QStringLiteral("reclassify"));
    QCOMPARE(entry->op.payload.value(QStringLiteral("reason")).toString(),
             QStringLiteral("Only a question"));
    QCOMPARE(pane.ticket()->severity, QStringLiteral("consultation"));
    QCOMPARE(pane.ticket()->dueAt, LeadBoardSeed::utc("2026-11-22T10:20:00Z"));
    // 20 min of 60 left: on track again.
    QCOMPARE(pane.slaStatus().state, SlaState::OnTrack);
    QCOMPARE(pane.countdownText(), QStringLiteral("20 min left"));
    QVERIFY(pane.headerText().contains(QStringLiteral("Usage consultation")));
}

void TestTicketPane::reclassifyThroughThePane()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("C"));
    pane.openReclassifyDialog();
    auto *dialog = pane.findChild<ReclassifyDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("A question"));
    QVERIFY(ok->isEnabled());
    ok->click();
    QCOMPARE(lastOutboxEntry()->op.type, QStringLiteral("reclassify"));
    QCOMPARE(pane.ticket()->dueAt, LeadBoardSeed::utc("2026-11-22T10:20:00Z"));

    pane.openThirdPartyDialog();
    auto *third = pane.findChild<ThirdPartyDialog *>();
    QVERIFY(third);
    third->setSoftware(QStringLiteral("mysql"), QStringLiteral("5.7"));
    QVERIFY(third->inScope());
    third->accept();
    QCOMPARE(lastOutboxEntry()->op.type, QStringLiteral("set-software"));
    // Stored as the catalog spells it, not as typed.
    QCOMPARE(pane.ticket()->software, QStringLiteral("MySQL"));
}

void TestTicketPane::thirdPartyScope()
{
    const PlanCatalog *service = m_session->catalogs().plan(u"service-plan");
    ThirdPartyDialog dialog(*service);
    dialog.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.20.1"));
    QCOMPARE(dialog.software(), QStringLiteral("Nginx"));
    QVERIFY(dialog.inScope());
    QVERIFY2(dialog.resultText().contains(QStringLiteral("In scope")),
             qPrintable(dialog.resultText()));
    dialog.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.6"));
    QVERIFY(!dialog.inScope());
    QVERIFY2(dialog.resultText().contains(
                     QStringLiteral("Out of scope: Nginx 1.6 is not covered")),
             qPrintable(dialog.resultText()));
    dialog.setSoftware(QStringLiteral("Redis"), QStringLiteral("7"));
    QVERIFY(!dialog.inScope());
    QCOMPARE(dialog.scopeCheck().check.code, QStringLiteral("software-unknown"));
    // The partner plan covers no web servers.
    ThirdPartyDialog partner(*m_session->catalogs().plan(u"partner-plan"));
    partner.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.20.1"));
    QVERIFY(!partner.inScope());
    partner.setSoftware(QStringLiteral("vsftpd"), QStringLiteral("3.0.5"));
    QVERIFY(partner.inScope());

    // Set on a ticket through the pane.
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("A"));
    QVERIFY(pane.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.6")));
    QCOMPARE(lastOutboxEntry()->op.type, QStringLiteral("set-software"));
    QCOMPARE(pane.ticket()->softwareVersion, QStringLiteral("1.6"));
    QCOMPARE(pane.ticket()->software, QStringLiteral("Nginx"));
    QVERIFY(pane.setSoftware(QStringLiteral("mysql"), QStringLiteral("MySQL 5.7.x")));
    QCOMPARE(pane.ticket()->software, QStringLiteral("MySQL"));
    QCOMPARE(pane.ticket()->softwareVersion, QStringLiteral("5.7.x"));
}

void TestTicketPane::intakeRefusesImForBasic()
{
    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    QVERIFY(!dialog.canCreate()); // no customer yet
    dialog.setCustomerFilter(QStringLiteral("bistro"));
    QCOMPARE(dialog.visibleCustomers(), QStringList { QStringLiteral("c4") });
    QCOMPARE(dialog.customerId(), QStringLiteral("c4")); // the only match is taken
    dialog.setSubject(QStringLiteral("Site down"));
    dialog.setChannel(QStringLiteral("im-group"));
    QCOMPARE(dialog.channel(), QStringLiteral("im-group"));
    QVERIFY(!dialog.canCreate());
    QVERIFY2(dialog.problems().join(u'\n').contains(
                 QStringLiteral("IM enterprise group is not included in Basic; it comes with "
                                "Flagship, Enterprise.")),
             qPrintable(dialog.problems().join(u'\n')));
    QVERIFY(!dialog.create());
    QVERIFY(m_session->cache()->outbox().isEmpty());

    dialog.setChannel(QStringLiteral("hotline"));
    dialog.setSeverity(QStringLiteral("business-down"));
    QVERIFY2(dialog.canCreate(), qPrintable(dialog.problems().join(u'\n')));
    QVERIFY(dialog.quotaText().isEmpty()); // the Service Plan has no quota
    QVERIFY(dialog.severityExamplesText().contains(
        QStringLiteral("The core business site or service cannot be reached at all")));
    QSignalSpy created(&dialog, &IntakeDialog::ticketCreated);
    QVERIFY(dialog.create());
    QCOMPARE(created.count(), 1);
    const auto entry = lastOutboxEntry();
    QCOMPARE(entry->op.type, QStringLiteral("create-ticket"));
    QCOMPARE(entry->op.baseVersion, 0);
    QCOMPARE(entry->op.ticketId, dialog.createdTicketId());
    QCOMPARE(entry->op.payload.value(QStringLiteral("channel")).toString(),
             QStringLiteral("hotline"));
    const auto ticket = m_session->cache()->ticket(dialog.createdTicketId());
    QVERIFY(ticket);
    QCOMPARE(ticket->customerId, QStringLiteral("c4"));
    // Basic: 受理 within 2 h, any severity.
    QCOMPARE(ticket->dueAt, m_seed->clock.now().addSecs(2 * 3600));
}

void TestTicketPane::intakeQuotaNeedsReason()
{
    IntakeDialog fresh(m_session.get());
    fresh.setClock(&m_seed->clock);
    QVERIFY(fresh.selectCustomer(QStringLiteral("p2")));
    QCOMPARE(fresh.quotaText(), QStringLiteral("0 of 30 tickets this month"));
    QVERIFY(!fresh.overrideReasonVisible());

    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    QVERIFY(dialog.selectCustomer(QStringLiteral("p1")));
    dialog.setChannel(QStringLiteral("hotline"));
    dialog.setSeverity(QStringLiteral("consultation")); // no default: the agent chooses
    dialog.setSubject(QStringLiteral("DNS fails"));
    // Globex has used 11 of 10 this month: a reason is asked for.
    QCOMPARE(dialog.quotaText(), QStringLiteral("11 of 10 tickets this month"));
    QVERIFY(dialog.overrideReasonVisible());
    QString problems = dialog.problems().join(u'\n');
    // The reason field is under the words: they ask for it.
    QVERIFY2(problems.contains(QStringLiteral("Over this month's ticket quota (12 of 10): give "
                                              "a reason to take it anyway.")),
             qPrintable(problems));
    // And the sub-client is required, one on file.
    QVERIFY2(problems.contains(QStringLiteral("sub-client")), qPrintable(problems));
    dialog.setSubClient(QStringLiteral("sub-404"));
    QVERIFY(dialog.problems().join(u'\n').contains(QStringLiteral("sub-404")));
    dialog.setSubClient(QStringLiteral("sub-001"));
    QCOMPARE(dialog.subClient(), QStringLiteral("sub-001"));
    QVERIFY(!dialog.canCreate());
    dialog.setQuotaOverrideReason(QStringLiteral("Outage at the sub-client"));
    QVERIFY2(dialog.canCreate(), qPrintable(dialog.problems().join(u'\n')));
    // The IM group is Enterprise-only in the partner plan.
    dialog.setChannel(QStringLiteral("im-group"));
    QVERIFY(!dialog.canCreate());
    dialog.setChannel(QStringLiteral("ticket"));
    dialog.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.20"));
    QVERIFY(dialog.canCreate()); // out of scope is a note, not a refusal
    QVERIFY(dialog.notes().join(u'\n').contains(QStringLiteral("Out of scope")));
    QVERIFY(dialog.create());
    const auto entry = lastOutboxEntry();
    QCOMPARE(entry->op.payload.value(QStringLiteral("quota_override_reason")).toString(),
             QStringLiteral("Outage at the sub-client"));
    QCOMPARE(entry->op.payload.value(QStringLiteral("sub_client")).toString(),
             QStringLiteral("sub-001"));
    QCOMPARE(entry->op.payload.value(QStringLiteral("software")).toString(),
             QStringLiteral("nginx"));

    // The ledger follows: a new dialog counts the ticket just made.
    IntakeDialog again(m_session.get());
    again.setClock(&m_seed->clock);
    QVERIFY(again.selectCustomer(QStringLiteral("p1")));
    QCOMPARE(again.quotaText(), QStringLiteral("12 of 10 tickets this month"));
}

void TestTicketPane::conflictReapply()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("A"));
    QVERIFY(pane.assignTo(QStringLiteral("bob")));
    const QString opId = lastOutboxEntry()->op.opId;
    // Lee took the ticket on the server first.
    Ticket server = serverCopy(QStringLiteral("A"));
    server.assigneeId = QStringLiteral("lee");
    server.version = 2;
    QVERIFY(m_session->cache()->markConflict(opId, server));
    emit m_session->outboxChanged();
    QTRY_VERIFY2(pane.problemText().contains(QStringLiteral("Someone changed this ticket")),
                 qPrintable(pane.problemText()));

    ConflictDialog dialog(m_session.get(), opId);
    QVERIFY(dialog.hasConflict());
    QVERIFY2(dialog.localText().contains(QStringLiteral("Assign to Bob Wu")),
             qPrintable(dialog.localText()));
    QVERIFY2(dialog.serverText().contains(QStringLiteral("Assignee: Lee Chen")),
             qPrintable(dialog.serverText()));
    QVERIFY2(dialog.serverText().contains(QStringLiteral("Version 2")),
             qPrintable(dialog.serverText()));
    QVERIFY(dialog.reapply());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto entry = lastOutboxEntry();
    QCOMPARE(entry->state, OutboxEntry::State::Pending);
    QCOMPARE(entry->op.baseVersion, 2);
    QTRY_VERIFY(pane.problemText().isEmpty());
    QCOMPARE(pane.ticket()->assigneeId, QStringLiteral("bob"));
    QVERIFY(!pane.pendingText().isEmpty());
}

void TestTicketPane::conflictDrop()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("A"));
    QVERIFY(pane.assignTo(QStringLiteral("bob")));
    const QString opId = lastOutboxEntry()->op.opId;
    Ticket server = serverCopy(QStringLiteral("A"));
    server.assigneeId = QStringLiteral("lee");
    server.version = 2;
    QVERIFY(m_session->cache()->markConflict(opId, server));
    ConflictDialog dialog(m_session.get(), opId);
    QVERIFY(dialog.drop());
    QVERIFY(m_session->cache()->outbox().isEmpty());
    QTRY_COMPARE(pane.ticket()->assigneeId, QStringLiteral("lee"));
    QVERIFY(pane.problemText().isEmpty());
    QVERIFY(pane.pendingText().isEmpty());
    // Dropped already: a second dialog on the same op offers nothing.
    ConflictDialog stale(m_session.get(), opId);
    QVERIFY(!stale.hasConflict());
    QVERIFY(!stale.reapplyButton()->isEnabled());
    QVERIFY(!stale.reapply());
}

void TestTicketPane::rejectionInTheActiveLanguage()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("P11"));
    QVERIFY(pane.setStatus(TicketStatus::Resolved));
    const QString opId = lastOutboxEntry()->op.opId;
    QVERIFY(m_session->cache()->markRejected(opId, QStringLiteral("invalid-status"),
                                             { QStringLiteral("new"), QStringLiteral("resolved") },
                                             serverCopy(QStringLiteral("P11"))));
    emit m_session->outboxChanged();
    QTRY_VERIFY(!pane.problemText().isEmpty());
    const QString english = pane.problemText();
    // The banner stays where the actions are, outside the details that scroll (it scrolled
    // away with the card while its edit waited to be dismissed).
    QLabel *words = nullptr;
    for (QLabel *label : pane.findChildren<QLabel *>()) {
        if (label->text() == english)
            words = label;
    }
    auto *details = pane.findChild<QScrollArea *>(QStringLiteral("ticketHeader"));
    QVERIFY(words && details);
    QVERIFY(words->isVisibleTo(&pane));
    QVERIFY2(!details->isAncestorOf(words), "the refused edit's banner scrolls with the card");
    // The statuses by name, not by id.
    QVERIFY2(english.contains(QStringLiteral("The status cannot change from %1 to %2")
                                  .arg(statusName(TicketStatus::New),
                                       statusName(TicketStatus::Resolved))),
             qPrintable(english));
    QVERIFY2(!english.contains(QStringLiteral("from new")), qPrintable(english));
    QCOMPARE(pane.ticket()->status, TicketStatus::New); // the server's ticket again

    // Qt posts LanguageChange to every widget: it arrives through the event loop.
    QVERIFY(m_language->setLanguage(Language::Chinese, false));
    QTRY_VERIFY(!pane.problemText().contains(QStringLiteral("The status cannot change")));
    // The edit in the desk's one wording of ops (TicketEdits::describe), in Chinese too.
    QVERIFY2(pane.problemText().contains(QStringLiteral("服务器拒绝了您的修改“状态 → %1”")
                                                 .arg(statusName(TicketStatus::Resolved))),
             qPrintable(pane.problemText()));
    QVERIFY(m_language->setLanguage(Language::English, false));
    QTRY_COMPARE(pane.problemText(), english);

    // Dismissing a refusal drops it.
    pane.resolveProblem();
    QVERIFY(m_session->cache()->outbox().isEmpty());
    QTRY_VERIFY(pane.problemText().isEmpty());
}

void TestTicketPane::languageSwitchKeepsDraft()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("A"));
    pane.focusReply();
    pane.composer()->setPlainText(QStringLiteral("Draft reply to A"));
    pane.focusNote();
    QVERIFY(pane.composer()->toPlainText().isEmpty());
    pane.composer()->setPlainText(QStringLiteral("Draft note on A"));
    pane.showTicket(QStringLiteral("B"));
    QVERIFY(pane.composer()->toPlainText().isEmpty());
    pane.composer()->setPlainText(QStringLiteral("Draft reply to B"));
    pane.showTicket(QStringLiteral("A"));
    QCOMPARE(pane.composerMode(), TicketPane::ComposerMode::Note);
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("Draft note on A"));
    pane.focusReply();
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("Draft reply to A"));

    const QString englishAccept = pane.acceptButton()->text();
    const QString englishHeader = pane.headerText();
    QVERIFY(m_language->setLanguage(Language::Chinese, false));
    QTRY_COMPARE(pane.acceptButton()->text(), QStringLiteral("受理(&A)"));
    QCOMPARE(pane.ticketId(), QStringLiteral("A"));
    QCOMPARE(pane.composerMode(), TicketPane::ComposerMode::Reply);
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("Draft reply to A"));
    // The edition's name from the catalog, in Chinese.
    QVERIFY2(pane.headerText().contains(QStringLiteral("企业版")), qPrintable(pane.headerText()));
    QVERIFY(pane.headerText() != englishHeader);
    pane.showTicket(QStringLiteral("B"));
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("Draft reply to B"));
    QVERIFY(m_language->setLanguage(Language::English, false));
    QTRY_COMPARE(pane.acceptButton()->text(), englishAccept);
    QCOMPARE(pane.composer()->toPlainText(), QStringLiteral("Draft reply to B"));

    // A dialog keeps its input across the switch too.
    IntakeDialog intake(m_session.get());
    intake.setClock(&m_seed->clock);
    QVERIFY(intake.selectCustomer(QStringLiteral("p1")));
    intake.setChannel(QStringLiteral("ticket"));
    intake.setSeverity(QStringLiteral("production-abnormal"));
    intake.setSubClient(QStringLiteral("sub-001"));
    intake.setSubject(QStringLiteral("Keep me"));
    QVERIFY(m_language->setLanguage(Language::Chinese, false));
    QTRY_COMPARE(intake.windowTitle(), QStringLiteral("新建工单"));
    QCOMPARE(intake.customerId(), QStringLiteral("p1"));
    QCOMPARE(intake.channel(), QStringLiteral("ticket"));
    QCOMPARE(intake.severity(), QStringLiteral("production-abnormal"));
    QCOMPARE(intake.subClient(), QStringLiteral("sub-001"));
    QVERIFY2(intake.severityExamplesText().contains(QStringLiteral("解析失败")),
             qPrintable(intake.severityExamplesText()));
    QVERIFY(m_language->setLanguage(Language::English, false));
    QTRY_COMPARE(intake.windowTitle(), QStringLiteral("New ticket"));
}

void TestTicketPane::systemEventsInTheActiveLanguage()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("B"));
    const QString english = pane.conversationText();
    QVERIFY2(english.contains(QStringLiteral("Assigned to Ann Lee by Lee Chen.")),
             qPrintable(english));
    // Severities by their catalog names, not their ids.
    QVERIFY2(english.contains(QStringLiteral("by Lee Chen: only one user")), qPrintable(english));
    QVERIFY2(!english.contains(QStringLiteral("business-down →")), qPrintable(english));
    QVERIFY(english.contains(QStringLiteral("Escalated to the vendor.")));

    QVERIFY(m_language->setLanguage(Language::Chinese, false));
    QTRY_VERIFY(pane.conversationText().contains(QStringLiteral("Lee Chen 将工单分配给 Ann Lee。")));
    const QString chinese = pane.conversationText();
    QVERIFY2(chinese.contains(QStringLiteral("Lee Chen 将严重级别由")), qPrintable(chinese));
    QVERIFY2(chinese.contains(QStringLiteral("：only one user")), qPrintable(chinese));
    QVERIFY2(!chinese.contains(QStringLiteral("Assigned to")), qPrintable(chinese));
    QVERIFY(chinese.contains(QStringLiteral("Escalated to the vendor.")));
    QVERIFY(m_language->setLanguage(Language::English, false));
    QTRY_COMPARE(pane.conversationText(), english);
}

// A partner's new ticket refused over the quota (other desks used it up while this one was
// offline): the pane keeps it and asks for the reason the form has a field for; the form,
// filled from it, sends it with one and the refused one goes.
void TestTicketPane::refusedNewTicketOverQuotaAsksForTheReason()
{
    IntakeDialog intake(m_session.get());
    intake.setClock(&m_seed->clock);
    QVERIFY(intake.selectCustomer(QStringLiteral("p2")));
    intake.setChannel(QStringLiteral("ticket"));
    intake.setSeverity(QStringLiteral("consultation"));
    intake.setSubClient(QStringLiteral("sub-900"));
    intake.setSubject(QStringLiteral("Refused over the quota"));
    intake.setBody(QStringLiteral("The words the customer said on the phone"));
    QVERIFY2(intake.create(), qPrintable(intake.errorText()));
    const QString refusedId = intake.createdTicketId();
    const QString opId = lastOutboxEntry()->op.opId;
    QVERIFY(m_session->cache()->markRejected(opId, QStringLiteral("quota-exceeded"),
                                             { QStringLiteral("31"), QStringLiteral("30") },
                                             std::nullopt));
    emit m_session->outboxChanged();
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(refusedId);
    QVERIFY(pane.ticket());
    QVERIFY(pane.isRefusedNewTicket());
    QVERIFY2(pane.problemText().contains(
                     QStringLiteral("Over this month's ticket quota (31 of 30): give a reason "
                                    "to take it anyway.")),
             qPrintable(pane.problemText()));
    QVERIFY(pane.resendButton()->isVisibleTo(&pane));
    QCOMPARE(pane.problemButton()->text(), QStringLiteral("&Discard…"));
    QVERIFY(!pane.acceptButton()->isEnabled()); // an edit of it would be refused in turn

    IntakeDialog again(m_session.get());
    again.setClock(&m_seed->clock);
    QVERIFY(again.editRefused(opId));
    QCOMPARE(again.customerId(), QStringLiteral("p2"));
    QCOMPARE(again.subClient(), QStringLiteral("sub-900"));
    QCOMPARE(again.channel(), QStringLiteral("ticket"));
    QCOMPARE(again.severity(), QStringLiteral("consultation"));
    again.setQuotaOverrideReason(QStringLiteral("Outage follow-up the lead agreed to"));
    QVERIFY2(again.create(), qPrintable(again.errorText()));
    QVERIFY(again.createdTicketId() != refusedId);
    QVERIFY(!m_session->cache()->ticket(refusedId));
    QVERIFY(!m_session->cache()->refusedNewTicket(refusedId));
    const std::optional<Ticket> sent = m_session->cache()->ticket(again.createdTicketId());
    QVERIFY(sent);
    QCOMPARE(sent->body, QStringLiteral("The words the customer said on the phone"));
    QVERIFY(!again.editRefused(opId)); // gone from the outbox
}

QTEST_MAIN(TestTicketPane)
#include "tst_ticketpane.moc"
