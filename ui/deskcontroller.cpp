#include "deskcontroller.h"

#include "attachmentpanel.h"
#include "conflictdialog.h"
#include "credentialstore.h"
#include "customerhistory.h"
#include "desksession.h"
#include "intakedialog.h"
#include "macro.h"
#include "macromanager.h"
#include "mainwindow.h"
#include "notifier.h"
#include "plancatalog.h"
#include "planrules.h"
#include "presence.h"
#include "presenceline.h"
#include "queuemodel.h"
#include "settingsdialog.h"
#include "ticketedits.h"
#include "ticketpane.h"
#include "timeformat.h"
#include "traynotifier.h"
#include "transport.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QListWidget>
#include <QMenu>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

namespace SupportDesk {

DeskController::DeskController(DeskSession *session, MainWindow *window, const QUrl &server,
                               QObject *parent)
    : QObject(parent), m_session(session), m_window(window), m_server(server)
{
    m_pane = new TicketPane(session);
    window->setTicketPane(m_pane);
    connect(window, &MainWindow::currentTicketChanged, m_pane, &TicketPane::showTicket);
    connect(window, &MainWindow::replyRequested, m_pane, [this](const QString &id) {
        if (m_pane->ticketId() != id)
            m_pane->showTicket(id);
        m_pane->focusReply();
    });
    connect(window, &MainWindow::acceptRequested, m_pane, [this](const QString &id) {
        if (m_pane->ticketId() != id)
            m_pane->showTicket(id);
        if (!m_pane->accept() && !m_pane->lastError().isEmpty())
            showNotice(m_pane->lastError());
    });
    connect(window, &MainWindow::mergeRequested, m_pane, [this](const QString &id) {
        if (m_pane->ticketId() != id)
            m_pane->showTicket(id);
        m_pane->openMergeDialog();
    });
    connect(window, &MainWindow::linkRequested, m_pane, [this](const QString &id) {
        if (m_pane->ticketId() != id)
            m_pane->showTicket(id);
        m_pane->openLinkDialog();
    });
    connect(window, &MainWindow::customerHistoryRequested, m_pane, [this](const QString &id) {
        if (m_pane->ticketId() != id)
            m_pane->showTicket(id);
        m_pane->conversationTabs()->setCurrentWidget(m_pane->customerHistory());
        m_pane->customerHistory()->list()->setFocus(Qt::ShortcutFocusReason);
    });
    connect(window, &MainWindow::newTicketRequested, this, &DeskController::openNewTicket);
    m_presenceBoard = new Presence::Board(this);
    m_presenceReporter = new Presence::Reporter(this);
    connectPresence(session, m_presenceBoard, m_presenceReporter);
    m_pane->setPresence(m_presenceBoard, m_presenceReporter);
    connect(m_pane, &TicketPane::openTicketRequested, this, &DeskController::openTicket);
    window->queueModel()->setPresence(m_presenceBoard);
    if (!window->currentTicketId().isEmpty())
        m_pane->showTicket(window->currentTicketId());

    connect(session, &DeskSession::conflict, this, &DeskController::onConflict);
    connect(session, &DeskSession::rejected, this,
            [this](const QString &opId, const QString &ticketId) { onRejected(opId, ticketId); });
    connect(m_pane, &TicketPane::resendRequested, this, &DeskController::openRefusedTicket);
    connect(session, &DeskSession::syncStateChanged, this, &DeskController::onSyncState);

    const Settings settings = Settings::load();
    TimeFormat::setDisplayZone(QTimeZone(settings.displayZone)); // empty: the system's
    m_notifier = new Notifier(session, this);
    m_notifier->setPreferences(settings.notifyPreferences());
    m_tray = new TrayNotifier(m_notifier, this);
    m_tray->setSound(settings.sound);
    session->attachments()->setCapBytes(settings.attachmentCacheBytes);
    connect(m_tray, &TrayNotifier::openTicket, this, &DeskController::openTicket);
    connect(m_tray, &TrayNotifier::showWindowRequested, window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    connect(m_tray, &TrayNotifier::fallbackNotice, this,
            [this](const QString &, const QString &message) { showNotice(message); });

    m_credentials = new CredentialStore(this);
    m_settingsAction = new QAction(this);
    m_settingsAction->setMenuRole(QAction::PreferencesRole);
    // Ctrl+, where the platform names no key for it (as on most Linux desktops).
    m_settingsAction->setShortcuts(
            QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                    ? QList<QKeySequence> { QKeySequence(Qt::CTRL | Qt::Key_Comma) }
                    : QKeySequence::keyBindings(QKeySequence::Preferences));
    connect(m_settingsAction, &QAction::triggered, this, &DeskController::openSettings);
    if (QMenu *file = window->fileMenu()) {
        const QList<QAction *> actions = file->actions();
        file->insertAction(actions.isEmpty() ? nullptr : actions.last(), m_settingsAction);
    }
    window->installEventFilter(this);
    retranslate();
}

DeskController::~DeskController() = default;

void DeskController::signIn(const QString &token)
{
    if (!token.isEmpty()) {
        start(token);
        return;
    }
    connect(m_credentials, &CredentialStore::finished, this,
            [this](const QUrl &server, const CredentialStore::Result &result) {
                if (server != m_server || result.operation != CredentialStore::Operation::Read
                    || m_session->isRunning())
                    return;
                if (result.status == CredentialStore::Status::Ok && !result.token.isEmpty()) {
                    start(result.token);
                    return;
                }
                showNotice(tr("No saved token for %1: enter yours in Settings to sync. The "
                              "desk shows the local cache meanwhile.")
                                   .arg(m_server.toDisplayString()));
                openSettings();
            });
    m_credentials->read(m_server);
}

void DeskController::start(const QString &token)
{
    m_authNoticeShown = false;
    if (m_session->isRunning()) {
        m_session->setToken(token);
        return;
    }
    m_session->setToken(token);
    m_session->start();
}

void DeskController::openSettings()
{
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_credentials, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAttachmentCache(m_session->attachments());
    m_settingsDialog = dialog;
    // The server in use is the one to sign in to again, whatever the settings remember (an
    // address given with --server, or none saved yet).
    if (m_server.isValid() && dialog->settings().serverUrl != m_server) {
        Settings settings = dialog->settings();
        settings.serverUrl = m_server;
        dialog->setSettings(settings);
    }
    const QString caFileBefore = dialog->settings().caFile;
    connect(dialog, &SettingsDialog::settingsSaved, this,
            [this, caFileBefore](const Settings &settings) {
        // A new company CA applies at once: the desk tries the server again with it.
        if (settings.caFile != caFileBefore) {
            QString error;
            const QList<QSslCertificate> cas = settings.caFile.isEmpty()
                ? QList<QSslCertificate>()
                : HttpTransport::readCaFile(settings.caFile, &error);
            if (error.isEmpty())
                m_session->setExtraCaCertificates(cas);
            else
                showNotice(error); // the dialog checked it; the file changed since
        }
        m_notifier->setPreferences(settings.notifyPreferences());
        m_tray->setSound(settings.sound);
        // A smaller cap applies at once: the least recently opened files go now.
        m_session->attachments()->setCapBytes(settings.attachmentCacheBytes);
        if (!m_session->attachments()->evict(settings.attachmentCacheBytes))
            showNotice(m_session->attachments()->errorString());
        if (QTimeZone(settings.displayZone) != TimeFormat::displayZone()
            && !(settings.displayZone.isEmpty()
                 && TimeFormat::displayZone() == QTimeZone::systemTimeZone())) {
            TimeFormat::setDisplayZone(QTimeZone(settings.displayZone));
            // Every view writes its times again, as on a change of language.
            QEvent change(QEvent::LanguageChange);
            QCoreApplication::sendEvent(qApp, &change);
        }
        if (settings.serverUrl.isValid() && settings.serverUrl != m_server)
            showNotice(tr("The new server address is used from the next start."));
    });
    connect(dialog, &SettingsDialog::tokenSaved, this,
            [this](const QUrl &server, const QString &token) {
                if (server == m_server)
                    start(token);
            });
    dialog->open();
}

void DeskController::openNewTicket()
{
    auto *dialog = new IntakeDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &IntakeDialog::ticketCreated, this, &DeskController::openTicket);
    dialog->open();
}

void DeskController::openRefusedTicket(const QString &opId)
{
    auto *dialog = new IntakeDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!dialog->editRefused(opId)) {
        delete dialog;
        return;
    }
    connect(dialog, &IntakeDialog::ticketCreated, this, &DeskController::openTicket);
    dialog->open();
}

void DeskController::openTicket(const QString &ticketId)
{
    m_window->showTicket(ticketId);
    m_pane->showTicket(ticketId);
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void DeskController::onSyncState(SyncState state)
{
    if (state != SyncState::AuthFailed || m_authNoticeShown)
        return;
    m_authNoticeShown = true;
    showNotice(tr("The server refused the token. Enter a new one in Settings."));
    QTimer::singleShot(0, this, &DeskController::openSettings);
}

void DeskController::onConflict(const QString &opId, const QString &ticketId)
{
    // The pane shows a conflict on its own ticket with a button to resolve it; for any other
    // ticket the status bar says so and the dialog opens on request from the pane.
    if (m_pane->ticketId() == ticketId)
        return;
    Q_UNUSED(opId);
    const qint64 number = m_session->cache()->ticket(ticketId).value_or(Ticket()).number;
    showNotice(tr("Your edit of ticket #%1 conflicts with a newer change on the server. Open the "
                  "ticket to re-apply or drop it.")
                       .arg(number));
}

void DeskController::onRejected(const QString &opId, const QString &ticketId)
{
    // The pane shows a refusal of its own ticket in its banner; macros and saved views are
    // told in their own lists (MacroManager, the view list), which hear the same signal.
    if (!ticketId.isEmpty() && m_pane->ticketId() == ticketId)
        return;
    const std::optional<OutboxEntry> entry = m_session->cache()->outboxEntry(opId);
    if (!entry || entry->state != OutboxEntry::State::Rejected || entry->op.ticketId.isEmpty())
        return;
    if (MacroOp::isMacroOp(entry->op.type)) {
        // Manage macros says so in its form while it is open; closed, it never heard.
        if (m_window->findChild<MacroManagerDialog *>())
            return;
        QString name = entry->op.payload.value(MacroKey::Name).toString();
        for (const Macro &m : m_session->cache()->macros()) {
            if (name.isEmpty() && m.id == entry->op.ticketId)
                name = m.name;
        }
        //: %1 the macro's name
        showNotice(tr("The server refused your change to the macro “%1”: the server's version "
                      "is kept. Ticket → Manage macros… shows it.")
                           .arg(name));
        return;
    }
    const std::optional<Ticket> ticket = m_session->cache()->ticket(entry->op.ticketId);
    if (!ticket)
        return; // a record that is not a ticket (service use: its dialog says)
    if (m_pane->ticketId() == ticket->id)
        return;
    const PlanCatalog *plan = m_session->catalogs().plan(ticket->planId);
    const RuleCheck check = RuleCheck::fail(entry->code, entry->args);
    const QString why = entry->code.startsWith(u"attachment-")
            ? AttachmentPanel::refusalText(entry->code, entry->args)
            : check.message(plan, TicketEdits::language());
    if (entry->op.type == opTypeName(OpType::CreateTicket)) {
        //: %1 the new ticket's subject, %2 the plan's rule that refused it
        showNotice(tr("The server refused the new ticket “%1”: %2 It is kept in My tickets: "
                      "open it to edit and send it again, or discard it.")
                           .arg(ticket->subject, why));
        return;
    }
    const QString what
            = TicketEdits::describe(entry->op, TicketEdits::references(m_session, ticket->id));
    //: %1 the edit in words ("Merge into #123"), %2 the ticket's number, %3 the rule
    showNotice(tr("The server refused your edit “%1” of ticket #%2: %3 Open the ticket to "
                  "dismiss it.")
                       .arg(what, QString::number(ticket->number), why));
}

void DeskController::showNotice(const QString &message)
{
    m_window->statusBar()->showMessage(message, 15000);
}

bool DeskController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void DeskController::retranslate()
{
    m_settingsAction->setText(tr("&Settings…"));
}

} // namespace SupportDesk
