// Puts the desk together around the main window: the ticket pane beside the queue, the intake
// dialog behind Ctrl+N, the conflict dialog, notifications (tray or status bar), the settings
// dialog and the token in the keychain. The main window knows none of these; this object owns
// them and connects them to the window's signals and the session's.
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include "settingsdialog.h"

class QAction;

namespace SupportDesk {

namespace Presence {
class Board;
class Reporter;
}

class CredentialStore;
class DeskSession;
class MainWindow;
class Notifier;
class TicketPane;
class TrayNotifier;
enum class SyncState;

class DeskController : public QObject
{
    Q_OBJECT

public:
    // `server` is the address the session talks to (the keychain entry's key).
    DeskController(DeskSession *session, MainWindow *window, const QUrl &server,
                   QObject *parent = nullptr);
    ~DeskController() override;

    // Starts syncing with `token`; without one, looks in the keychain (or the consented file)
    // and, when nothing is there, asks for one in the settings dialog.
    void signIn(const QString &token);

    TicketPane *ticketPane() const { return m_pane; }
    Notifier *notifier() const { return m_notifier; }
    TrayNotifier *tray() const { return m_tray; }
    CredentialStore *credentials() const { return m_credentials; }
    // Collision (docs/collision.md): what the stream says of the other desks, and what this
    // one tells them.
    Presence::Board *presenceBoard() const { return m_presenceBoard; }
    Presence::Reporter *presenceReporter() const { return m_presenceReporter; }
    QAction *settingsAction() const { return m_settingsAction; }
    // The settings dialog while it is open.
    SettingsDialog *settingsDialog() const { return m_settingsDialog; }

public slots:
    void openSettings();
    void openNewTicket();
    // New ticket filled from a new ticket the server refused (its create op `opId`): sending
    // it creates the corrected ticket and discards the refused one; Cancel keeps it.
    void openRefusedTicket(const QString &opId);
    void openTicket(const QString &ticketId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void start(const QString &token);
    void onSyncState(SyncState state);
    void onConflict(const QString &opId, const QString &ticketId);
    // A refused edit of a ticket the pane does not show: the status bar names the ticket and
    // the rule, as for a conflict.
    void onRejected(const QString &opId, const QString &ticketId);
    void showNotice(const QString &message);
    void retranslate();

    DeskSession *m_session;
    MainWindow *m_window;
    QUrl m_server;
    TicketPane *m_pane = nullptr;
    Notifier *m_notifier = nullptr;
    TrayNotifier *m_tray = nullptr;
    CredentialStore *m_credentials = nullptr;
    QAction *m_settingsAction = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    bool m_authNoticeShown = false;
    Presence::Board *m_presenceBoard = nullptr;
    Presence::Reporter *m_presenceReporter = nullptr;
};

} // namespace SupportDesk
