// The desk's forms as an agent uses them (issue 13, item 16), on a real DeskSession over a seeded
// cache: the new-ticket form makes the agent choose the severity, offers every channel of the
// customer's plan, keeps its fields still while its rule lines change and creates on Ctrl+Enter;
// the composer sends on Ctrl+Enter; the reclassify preview warns of a deadline that is close or
// past; Esc closes Plan reference.
#include "desksession.h"
#include "intakedialog.h"
#include "languagemanager.h"
#include "leadboardmodel.h"
#include "planreferencewidget.h"
#include "reclassifydialog.h"
#include "servicereportdialog.h"
#include "settledgrab.h"
#include "ticketpane.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTest>

#include "leadboardseed.h"

using namespace SupportDesk;

class TestDeskForms : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void severityIsTheAgentsChoice();
    void everyChannelOfThePlanIsOffered();
    void subClientOnlyForAPartner();
    void fieldsStayPutAsRuleLinesChange();
    void ctrlEnterCreatesTheTicket();
    void ctrlEnterSendsTheReply();
    void reclassifyWarnsOfACloseDeadline();
    void reclassifyWarnsByTheTeamsShare();
    void escapeClosesPlanReference();
    void planReferenceListsInTheLanguage();
    void exportSaysWhereTheFileWent();

private:
    QStringList channelIds(const IntakeDialog &dialog) const;

    std::unique_ptr<LeadBoardSeed> m_seed;
    std::unique_ptr<DeskSession> m_session;
    LanguageManager *m_language = nullptr;
};

void TestDeskForms::init()
{
    m_seed = std::make_unique<LeadBoardSeed>();
    QVERIFY(m_seed->open());
    m_session = m_seed->openSessionAsAnn();
    QVERIFY(m_session);
    if (!m_language)
        m_language = new LanguageManager(this);
    QVERIFY(m_language->setLanguage(Language::English, false));
}

void TestDeskForms::cleanup()
{
    m_session.reset();
    m_seed.reset();
}

QStringList TestDeskForms::channelIds(const IntakeDialog &dialog) const
{
    const auto *box = dialog.findChild<QComboBox *>(QStringLiteral("channel"));
    QStringList ids;
    for (int i = 0; box && i < box->count(); ++i)
        ids << box->itemData(i).toString();
    return ids;
}

void TestDeskForms::severityIsTheAgentsChoice()
{
    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    QVERIFY(dialog.selectCustomer(QStringLiteral("c1"))); // Acme, S2 Enterprise
    dialog.setSubject(QStringLiteral("Checkout is slow"));
    // Nothing chosen: not the list's first (the highest) severity.
    QCOMPARE(dialog.severity(), QString());
    QVERIFY(!dialog.canCreate());
    QVERIFY2(dialog.problems().join(u'\n').contains(QStringLiteral("Choose the severity")),
             qPrintable(dialog.problems().join(u'\n')));
    QVERIFY(!dialog.create());
    QVERIFY(m_session->cache()->outbox().isEmpty());
    dialog.setSeverity(QStringLiteral("business-degraded"));
    QVERIFY2(dialog.canCreate(), qPrintable(dialog.problems().join(u'\n')));
    // Another customer keeps the choice where the new plan has it.
    QVERIFY(dialog.selectCustomer(QStringLiteral("p1")));
    QCOMPARE(dialog.severity(), QStringLiteral("business-degraded"));
}

void TestDeskForms::everyChannelOfThePlanIsOffered()
{
    for (const char *customer : { "c1", "p1" }) {
        IntakeDialog dialog(m_session.get());
        dialog.setClock(&m_seed->clock);
        QVERIFY(dialog.selectCustomer(QString::fromLatin1(customer)));
        const auto c = m_session->cache()->customer(QString::fromLatin1(customer));
        QVERIFY(c);
        const Edition *edition = m_session->catalogs().plan(c->planId)->edition(c->editionId);
        QVERIFY(edition);
        const QStringList offered = channelIds(dialog);
        for (const QString &id : edition->channels)
            QVERIFY2(offered.contains(id), qPrintable(customer + (u' ' + offered.join(u','))));
        QVERIFY2(offered.contains(QStringLiteral("ticket")), customer);
        dialog.setChannel(QStringLiteral("ticket"));
        QCOMPARE(dialog.channel(), QStringLiteral("ticket"));
    }
}

// The sub-client field was open for every customer: an empty box beside a domestic customer's
// ticket, and what was typed in it went with the ticket. Only a partner's plan takes one.
void TestDeskForms::subClientOnlyForAPartner()
{
    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    auto *subClient = dialog.findChild<QComboBox *>(QStringLiteral("subClient"));
    QVERIFY(subClient);
    QVERIFY(!subClient->isEnabled()); // no customer yet
    QVERIFY(dialog.selectCustomer(QStringLiteral("p1")));
    QVERIFY(subClient->isEnabled());
    dialog.setSubClient(QStringLiteral("sub-1"));
    QCOMPARE(dialog.subClient(), QStringLiteral("sub-1"));
    QVERIFY(dialog.selectCustomer(QStringLiteral("c1"))); // Acme, S2 Enterprise
    QVERIFY(!subClient->isEnabled());
    QVERIFY(!subClient->toolTip().isEmpty());
    subClient->setEditText(QStringLiteral("typed anyway"));
    QCOMPARE(dialog.subClient(), QString());
}

void TestDeskForms::fieldsStayPutAsRuleLinesChange()
{
    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    dialog.resize(900, 560);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QStringList fields { QStringLiteral("channel"),        QStringLiteral("severity"),
                               QStringLiteral("subClient"),      QStringLiteral("subject"),
                               QStringLiteral("body"),           QStringLiteral("software"),
                               QStringLiteral("softwareVersion") };
    const auto geometry = [&dialog, &fields] {
        QStringList out;
        for (const QString &name : fields) {
            const auto *w = dialog.findChild<QWidget *>(name);
            if (!w)
                return QStringList { name + QStringLiteral(" missing") };
            const QRect r(w->mapTo(&dialog, QPoint(0, 0)), w->size());
            out << QStringLiteral("%1 %2,%3 %4x%5")
                       .arg(name)
                       .arg(r.x())
                       .arg(r.y())
                       .arg(r.width())
                       .arg(r.height());
        }
        const auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        out << QStringLiteral("ok %1,%2")
                   .arg(ok->mapTo(&dialog, QPoint()).x())
                   .arg(ok->mapTo(&dialog, QPoint()).y());
        return out;
    };
    const QStringList start = geometry();

    // A domestic customer: the quota line stays empty, a severity's examples show.
    QVERIFY(dialog.selectCustomer(QStringLiteral("c1")));
    dialog.setSeverity(QStringLiteral("business-down"));
    QCoreApplication::processEvents();
    QCOMPARE(geometry(), start);
    // A partner over its quota: the quota line, the reason field and four rule lines appear.
    QVERIFY(dialog.selectCustomer(QStringLiteral("p1")));
    dialog.setSeverity(QStringLiteral("consultation"));
    dialog.setChannel(QStringLiteral("im-group"));
    QVERIFY(dialog.overrideReasonVisible());
    QVERIFY(dialog.problems().size() >= 3);
    QCoreApplication::processEvents();
    QCOMPARE(geometry(), start);
    dialog.setSubject(QStringLiteral("DNS fails"));
    dialog.setSoftware(QStringLiteral("nginx"), QStringLiteral("1.20"));
    QCoreApplication::processEvents();
    QCOMPARE(geometry(), start);
    // SUPPORTDESK_SHOTS=dir: the form as it looks now, in both languages, to look at.
    const QString shots = qEnvironmentVariable("SUPPORTDESK_SHOTS");
    if (!shots.isEmpty()) {
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/intake-en.png")));
        QVERIFY(m_language->setLanguage(Language::Chinese, false));
        Testing::settlePostedEvents(); // the grab is for people to look at
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/intake-zh.png")));
    }
}

void TestDeskForms::ctrlEnterCreatesTheTicket()
{
    IntakeDialog dialog(m_session.get());
    dialog.setClock(&m_seed->clock);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QSignalSpy created(&dialog, &IntakeDialog::ticketCreated);
    QVERIFY(dialog.selectCustomer(QStringLiteral("c1")));
    dialog.setSubject(QStringLiteral("Checkout is slow"));
    auto *body = dialog.findChild<QPlainTextEdit *>(QStringLiteral("body"));
    body->setFocus();
    QTest::keyClicks(body, QStringLiteral("Since 09:00"));
    // Not ready (no severity): Ctrl+Enter does nothing, and no line is added either.
    QTest::keyClick(body, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(created.count(), 0);
    QCOMPARE(body->toPlainText(), QStringLiteral("Since 09:00"));
    dialog.setSeverity(QStringLiteral("consultation"));
    QTest::keyClick(body, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(created.count(), 1);
    QCOMPARE(m_session->cache()->ticket(dialog.createdTicketId())->body,
             QStringLiteral("Since 09:00"));
    QVERIFY(!dialog.isVisible());
}

void TestDeskForms::ctrlEnterSendsTheReply()
{
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.resize(600, 700);
    pane.show();
    QVERIFY(QTest::qWaitForWindowActive(&pane));
    pane.showTicket(QStringLiteral("A"));
    pane.focusReply();
    QPlainTextEdit *composer = pane.composer(); // not the first one: an attachment preview's
    QVERIFY(composer && composer->hasFocus());
    QTest::keyClicks(composer, QStringLiteral("We are on it."));
    QTest::keyClick(composer, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    const auto outbox = m_session->cache()->outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox.first().op.type, QStringLiteral("reply"));
    QCOMPARE(outbox.first().op.payload.value(QStringLiteral("body")).toString(),
             QStringLiteral("We are on it."));
    QCOMPARE(composer->toPlainText(), QString());
}

// The dialog the pane opens calls a new deadline at risk by the team's share, as the queue and
// the pane do (it used the default quarter whatever the team had chosen).
void TestDeskForms::reclassifyWarnsByTheTeamsShare()
{
    TeamSettings half = m_session->teamSettings();
    half.atRiskFraction = 0.5;
    QVERIFY(m_session->cache()->applyChanges({}, {}, {}, {}, half, 41, true, nullptr));
    // The sync goes idle after the page that brought them: the session reads them then, once.
    m_session->index()->reloadSettings();
    TicketPane pane(m_session.get());
    pane.setClock(&m_seed->clock);
    pane.showTicket(QStringLiteral("C"));
    pane.openReclassifyDialog();
    auto *dialog = pane.findChild<ReclassifyDialog *>();
    QVERIFY(dialog);
    // C reclassified to consultation (60 min): due 10:20, 20 min of 60 left at 10:00, at risk
    // with half the target as the team's share.
    dialog->setSeverity(QStringLiteral("consultation"));
    QVERIFY2(dialog->warningText().contains(QStringLiteral("close: 20 min left")),
             qPrintable(dialog->warningText()));
    dialog->reject();
}

void TestDeskForms::reclassifyWarnsOfACloseDeadline()
{
    const PlanCatalog *plan = m_session->catalogs().plan(u"service-plan");
    QVERIFY(plan);
    // C: S2 degraded (30 min) opened 09:20, unanswered; the seed's clock says 10:00.
    const Ticket c = *m_session->cache()->ticket(QStringLiteral("C"));
    QVERIFY(!c.firstResponseAt.isValid());
    ReclassifyDialog dialog(*plan, c);
    dialog.setClock(&m_seed->clock);
    // Business-down (15 min): due 09:35, 25 minutes ago.
    dialog.setSeverity(QStringLiteral("business-down"));
    QVERIFY2(dialog.warningText().contains(QStringLiteral("already passed (overdue 25 min)")),
             qPrintable(dialog.warningText()));
    // Consultation (60 min): due 10:20, 20 min left of 60: not close.
    dialog.setSeverity(QStringLiteral("consultation"));
    QCOMPARE(dialog.warningText(), QString());
    // At 10:08 it is: 12 min left.
    m_seed->clock.set(LeadBoardSeed::utc("2026-11-22T10:08:00Z"));
    dialog.setSeverity(QStringLiteral("business-down"));
    dialog.setSeverity(QStringLiteral("consultation"));
    QVERIFY2(dialog.warningText().contains(QStringLiteral("close: 12 min left")),
             qPrintable(dialog.warningText()));
    // Ctrl+Enter in the reason saves, once there is one.
    dialog.show();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    if (const QString shots = qEnvironmentVariable("SUPPORTDESK_SHOTS"); !shots.isEmpty())
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/reclassify.png")));
    dialog.reasonEdit()->setFocus();
    QTest::keyClick(dialog.reasonEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(dialog.isVisible());
    QTest::keyClicks(dialog.reasonEdit(), QStringLiteral("Only a question"));
    QTest::keyClick(dialog.reasonEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.reason(), QStringLiteral("Only a question"));
    // D was answered: its clock stopped, nothing to warn of.
    ReclassifyDialog answered(*plan, *m_session->cache()->ticket(QStringLiteral("D")));
    answered.setClock(&m_seed->clock);
    answered.setSeverity(QStringLiteral("business-down"));
    QCOMPARE(answered.warningText(), QString());
}

void TestDeskForms::escapeClosesPlanReference()
{
    QWidget owner;
    auto *reference = new PlanReferenceWidget(m_session->catalogs(), &owner);
    reference->setWindowFlag(Qt::Window);
    reference->show();
    QVERIFY(QTest::qWaitForWindowActive(reference));
    QWidget *focus = reference->focusWidget() ? reference->focusWidget() : reference;
    QTest::keyClick(focus, Qt::Key_Escape);
    QVERIFY(!reference->isVisible());
    // Inside another window it is not its own to close.
    auto *embedded = new PlanReferenceWidget(m_session->catalogs(), &owner);
    owner.show();
    QVERIFY(QTest::qWaitForWindowActive(&owner));
    QTest::keyClick(embedded, Qt::Key_Escape);
    QVERIFY(embedded->isVisible());
}

// Help ▸ Plan reference listed an edition's channels with a Latin comma in 中文 ("热线, 工单,
// IM 企业群") where the ticket pane's entitlements said "热线、工单、IM 企业群".
void TestDeskForms::planReferenceListsInTheLanguage()
{
    for (const Language language : { Language::English, Language::Chinese }) {
        QVERIFY(m_language->setLanguage(language, false));
        PlanReferenceWidget reference(m_session->catalogs());
        reference.setLanguage(language);
        const QString separator = language == Language::English ? QStringLiteral(", ")
                                                                : QStringLiteral("\u3001");
        int lists = 0;
        for (const QTableWidget *table : reference.findChildren<QTableWidget *>()) {
            const int channelsRow = table->rowCount() - 3; // then tickets a month, handled by
            QCOMPARE(table->verticalHeaderItem(channelsRow)->text(),
                     PlanReferenceWidget::tr("Channels"));
            for (int c = 0; c < table->columnCount(); ++c) {
                const QString channels = table->item(channelsRow, c)->text();
                if (!channels.contains(separator))
                    continue; // one channel
                ++lists;
                if (language == Language::Chinese)
                    QVERIFY2(!channels.contains(u','), qPrintable(channels));
            }
        }
        QVERIFY2(lists > 0, language == Language::English ? "en" : "zh");
    }
}

void TestDeskForms::exportSaysWhereTheFileWent()
{
    // Globex on the partner Enterprise, whose plan has service reports.
    std::optional<Customer> globex = m_session->cache()->customer(QStringLiteral("p1"));
    QVERIFY(globex);
    globex->editionId = QStringLiteral("enterprise");
    QVERIFY(m_session->cache()->applyChanges({}, {}, {*globex}, {}, std::nullopt, 41, true,
                                             nullptr));
    LeadBoardModel board(m_session->cache(), m_session->catalogs(), &m_seed->clock);
    ServiceReportDialog dialog(&board);
    dialog.setCustomer(QStringLiteral("p1"));
    dialog.setMonth(2026, 11);
    QVERIFY(dialog.savedLabel()->isHidden());
    QVERIFY(dialog.openFolderButton()->isHidden());
    QTemporaryDir dir;
    for (const QString &name : { QStringLiteral("Globex.csv"), QStringLiteral("Globex.pdf") }) {
        const QString path = dir.filePath(name);
        QString error;
        QVERIFY2(name.endsWith(u"csv") ? dialog.exportCsv(path, &error)
                                       : dialog.exportPdf(path, &error),
                 qPrintable(error));
        QVERIFY(QFileInfo(path).size() > 0);
        QVERIFY(!dialog.savedLabel()->isHidden());
        QVERIFY2(dialog.savedLabel()->text().contains(QDir::toNativeSeparators(path)),
                 qPrintable(dialog.savedLabel()->text()));
        QVERIFY(!dialog.openFolderButton()->isHidden());
        QCOMPARE(dialog.openFolderButton()->text(), QStringLiteral("Open &folder"));
        QCOMPARE(dialog.savedPath(), path);
    }
    if (const QString shots = qEnvironmentVariable("SUPPORTDESK_SHOTS"); !shots.isEmpty()) {
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.grab().save(shots + QStringLiteral("/report-dialog.png")));
    }
}

QTEST_MAIN(TestDeskForms)
#include "tst_deskforms.moc"
