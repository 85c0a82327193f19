// The agent's main window: the queues with live counts on the left, the queue table in the
// middle, the ticket pane beside it, the lead board (leads only) in a tab, and a status bar
// that says whether the desk is online, when it last synced and what waits to be sent.
#pragma once

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTimer;

namespace SupportDesk {

class BulkBar;
class DeskSession;
class LanguageManager;
class LeadBoardWidget;
class MacroManagerDialog;
class TriageDialog;
class TriageEntry;
class PlanReferenceWidget;
class QueueModel;
class QueueView;
class SavedViewList;
struct SavedView;
enum class SyncState;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // The window over an open session. `languages` (optional) supplies the Language menu.
    explicit MainWindow(DeskSession *session, LanguageManager *languages = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    QueueModel *queueModel() const { return m_model; }
    QueueView *queueView() const { return m_view; }
    // The bulk actions over the selected tickets (shown while two or more are).
    BulkBar *bulkBar() const { return m_bulk; }
    QListWidget *queueList() const { return m_queueList; }
    SavedViewList *savedViewList() const { return m_savedViews; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *editionFilter() const { return m_edition; }
    QComboBox *severityFilter() const { return m_severity; }
    QComboBox *channelFilter() const { return m_channel; }
    QComboBox *statusFilter() const { return m_status; }
    QSplitter *splitter() const { return m_splitter; }
    QTabWidget *tabs() const { return m_tabs; }
    // A lead's board, made when first asked for or when its tab is first shown; none for an
    // agent.
    LeadBoardWidget *leadBoard();
    QLabel *syncStateLabel() const { return m_stateLabel; }
    QLabel *outboxLabel() const { return m_outboxLabel; }
    QLabel *agentLabel() const { return m_agentLabel; }
    QLabel *clockLabel() const { return m_clockLabel; }
    // The line above the queue while it shows only some tickets, and why.
    QWidget *onlyBanner() const { return m_onlyBanner; }
    QLabel *onlyBannerLabel() const { return m_onlyLabel; }
    QLabel *lastSyncLabel() const { return m_lastSyncLabel; }
    // Above the queue while the desk cannot sync: since when, and how old the data is.
    QLabel *staleBanner() const { return m_staleLabel; }

    // Where the ticket pane goes: the integrator replaces the placeholder with the real pane
    // (the window owns it from then on) and feeds it from currentTicketChanged().
    QWidget *ticketPane() const { return m_pane; }
    void setTicketPane(QWidget *pane);

    QString currentTicketId() const;
    bool selectTicket(const QString &ticketId);

    QMenu *fileMenu() const { return m_fileMenu; }
    QAction *newTicketAction() const { return m_newTicket; }
    QAction *replyAction() const { return m_reply; }
    QAction *acceptAction() const { return m_accept; }
    QAction *mergeAction() const { return m_mergeInto; }
    QAction *linkAction() const { return m_linkTicket; }
    QAction *customerHistoryAction() const { return m_customerHistory; }

public slots:
    // Filters the queue to these tickets (the lead board's openTickets).
    void showTickets(const QStringList &ticketIds);
    // Selects the ticket (one just created, or a notification's) in the queue on screen, or,
    // when the queue, its filters or the search leave it out, shows it alone.
    void showTicket(const QString &ticketId);
    void showPlanReference();
    // The macro editor (Ticket → Manage macros…), one window, opened or raised.
    MacroManagerDialog *openMacroManager();
    // The leads' triage window (null for anyone else).
    TriageDialog *openTriage();
    TriageEntry *triageEntry() const { return m_triage; }
    // Help → Keyboard shortcuts (F1): every key the window answers.
    void showShortcuts();

signals:
    void currentTicketChanged(const QString &ticketId);
    // Ctrl+N, R and A: the ticket pane, intake and reply dialogs answer them.
    void newTicketRequested();
    void replyRequested(const QString &ticketId);
    void acceptRequested(const QString &ticketId);
    // Ticket → Merge into… (docs/merge.md): the pane opens the picker.
    void mergeRequested(const QString &ticketId);
    // Ticket → Link… (Alt+K) and Customer history (Alt+U): the pane answers them.
    void linkRequested(const QString &ticketId);
    void customerHistoryRequested(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    QWidget *createQueuePage();
    void createStatusBar();
    void fillFilters();
    void updateCounts();
    int queueListWidth() const;
    void fitQueueList();
    void updateSyncState(SyncState state);
    void updateOutbox();
    void updateAgent();
    void updateClockOffset(qint64 offsetMs);
    void updateLastSync();
    void updateOnlyBanner();
    enum class Pick { LeadBoard, Opened };
    void showOnly(const QStringList &ticketIds, Pick pick);
    void clearSearch();
    // A saved view chosen: its queue, filters, tags and search (ui/savedviewlist.h).
    void applyView(const SavedView &view);
    // A built-in queue chosen: the view's tags no longer apply.
    void leaveView();
    void updateStaleBanner();
    // The views a role gets (the lead board) follow the server's answer for the signed-in
    // account: made for a lead, removed for anyone else or when nobody is known.
    void updateRoleViews();
    void makeLeadBoard();
    // The lead board's tab: the board, or its stand-in until first shown; null for an agent.
    QWidget *boardTab() const;
    void retranslateUi();
    void saveLayout();
    // The Ticket menu's entries on the current ticket: Merge into… is off, saying why, when
    // core's rule (checkMergeable, the server's) refuses it whatever the target.
    void updateTicketActions();

    DeskSession *m_session;
    LanguageManager *m_languages;
    QueueModel *m_model = nullptr;
    QueueView *m_view = nullptr;
    BulkBar *m_bulk = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_splitter = nullptr;
    QListWidget *m_queueList = nullptr;
    SavedViewList *m_savedViews = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QComboBox *m_edition = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_channel = nullptr;
    QComboBox *m_status = nullptr;
    QWidget *m_onlyBanner = nullptr;
    QLabel *m_onlyLabel = nullptr;
    QPushButton *m_onlyClear = nullptr;
    Pick m_pick = Pick::LeadBoard;
    QLabel *m_staleLabel = nullptr;
    QWidget *m_pane = nullptr;
    QLabel *m_paneLabel = nullptr;
    QWidget *m_queuePage = nullptr;
    LeadBoardWidget *m_board = nullptr;
    QWidget *m_boardPage = nullptr; // the board's tab until the board is first shown
    QPointer<PlanReferenceWidget> m_planReference;
    QPointer<MacroManagerDialog> m_macroManager;
    TriageEntry *m_triage = nullptr; // leads' "Triage (N)" in the queue list
    QAction *m_manageMacros = nullptr;
    QAction *m_mergeInto = nullptr;
    QAction *m_linkTicket = nullptr;
    QAction *m_customerHistory = nullptr;

    QLabel *m_stateLabel = nullptr;
    QLabel *m_lastSyncLabel = nullptr;
    QLabel *m_outboxLabel = nullptr;
    QTimer *m_outboxCount = nullptr; // coalesces updateOutbox()
    QLabel *m_agentLabel = nullptr;
    QLabel *m_clockLabel = nullptr;
    SyncState m_state;
    QDateTime m_lastSync;
    QDateTime m_offlineSince; // local clock: when syncing stopped working
    // Why syncing stopped, in the engine's words (an untrusted certificate, a refused
    // connection); shown in the banner while offline, cleared once the server answers.
    QString m_offlineReason;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_ticketMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_syncNow = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_newTicket = nullptr;
    QAction *m_reply = nullptr;
    QAction *m_accept = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_find = nullptr;
    QAction *m_showBoard = nullptr;
    QAction *m_planReferenceAction = nullptr;
    QAction *m_about = nullptr;
    QAction *m_shortcuts = nullptr;
    QAction *m_showQueue = nullptr;
};

} // namespace SupportDesk
