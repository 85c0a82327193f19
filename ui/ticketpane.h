// One ticket, as an agent works it: a header with the edition badge, severity and live
// countdown; what the customer is entitled to; the conversation; a composer for replies and
// internal notes; and the actions (accept, assign, status, reclassify, third-party software).
// Every edit goes through DeskSession::saveEdit; the pane follows the session's signals.
//
// Wiring, in the main window:
//     auto *pane = new TicketPane(session);
//     connect(queueView, &…::ticketActivated, pane, &TicketPane::showTicket);
//     shortcuts: R → pane->focusReply(), N → pane->focusNote(), A → pane->accept()
// A refused or conflicting edit of the shown ticket appears in a banner in the pane, whose
// button drops the refusal or opens the ConflictDialog; the main window may also open
// ConflictDialog(session, opId) from DeskSession::conflict for tickets not shown. A new ticket
// the server refused to take in stays, shown from its op, with two ways out: Edit and send
// again… (resendRequested: New ticket filled in) and Discard (asked first, naming it).
#pragma once

#include "clock.h"
#include "domain.h"
#include "presenceline.h"
#include "responseclock.h"
#include "ticketcache.h"
#include "ticketedit.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QBoxLayout;
class QButtonGroup;
class QComboBox;
class QFrame;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QTextBrowser;
class QTimer;

namespace SupportDesk {

class TagBar;

class AttachmentPanel;
class AttachmentTray;
class CustomerHistory;
class LinksPanel;
class DeskSession;
class MacroComposer;
class PlanCatalog;
struct AttachmentFile;
struct Edition;

class TicketPane : public QWidget
{
    Q_OBJECT

public:
    enum class ComposerMode { Reply, Note };

    explicit TicketPane(DeskSession *session, QWidget *parent = nullptr);
    ~TicketPane() override;

    // Shows the ticket (from the cache); an unknown id shows "not in the cache". The draft of
    // the ticket shown so far is kept and comes back when it is shown again.
    void showTicket(const QString &ticketId);
    QString ticketId() const { return m_ticketId; }
    // The ticket as the pane last read it from the cache.
    std::optional<Ticket> ticket() const { return m_ticket; }
    // Where "now" comes from (the session's server clock by default; tests pass a manual one).
    void setClock(const Clock *clock);

    // The last edit that could not be saved (or the refusal shown), for the status bar.
    QString lastError() const { return m_lastError; }

    // What the header shows (tests, accessibility).
    SlaStatus slaStatus() const;
    QString countdownText() const;
    QString stateText() const;
    QString headerText() const; // badge, severity, customer, sub-client
    QString entitlementsText() const;
    QString conversationText() const;
    QString pendingText() const; // "1 edit waiting to be sent", or empty
    QString problemText() const; // a refusal or conflict of this ticket, or empty
    // The banner's buttons: resolve, dismiss or discard; and Edit and send again… (shown for
    // a refused new ticket only).
    QPushButton *problemButton() const { return m_problemButton; }
    QPushButton *resendButton() const { return m_problemResend; }
    // The shown ticket is a new one the server refused: only this desk has it.
    bool isRefusedNewTicket() const { return m_problemIsNewTicket; }

    ComposerMode composerMode() const { return m_mode; }
    void setComposerMode(ComposerMode mode);
    QPlainTextEdit *composer() const { return m_composer; }
    // Where what the composer holds goes when sent: the customer's address or IM group, the
    // desk only, or (a note) nowhere outside it.
    QLabel *replyRouteLabel() const { return m_replyRoute; }
    // The ticket's attachments, and the files attached to the reply being written.
    AttachmentPanel *attachmentPanel() const { return m_attachments; }
    AttachmentTray *attachmentTray() const { return m_attachTray; }
    QComboBox *assigneeBox() const { return m_assignee; }
    QComboBox *statusBox() const { return m_status; }
    QPushButton *acceptButton() const { return m_acceptButton; }
    MacroComposer *macros() const { return m_macros; }
    // Collision (docs/collision.md): who else is on the ticket, over the composer; the
    // reporter hears which ticket is shown and when keys go into the reply.
    void setPresence(const Presence::Board *board, Presence::Reporter *reporter);
    PresenceLine *presenceLine() const { return m_presenceLine; }
    // The customer's other tickets, in a tab beside the conversation (Alt+H).
    CustomerHistory *customerHistory() const { return m_history; }
    QTabWidget *conversationTabs() const { return m_conversationTabs; }

    // Edits of the shown ticket, as the buttons make them. False (and lastError()) when there is
    // no ticket or the edit could not be saved.
    bool sendComposer();
    bool assignTo(const QString &agentId);
    bool assignToMe();
    bool setStatus(const QString &status);
    bool reclassify(const QString &severity, const QString &reason);
    bool setSoftware(const QString &software, const QString &version);
    // Puts a tag on the shown ticket, or takes one off (add-tag, remove-tag: core/tag.h).
    bool addTag(const QString &tag);
    bool removeTag(const QString &tag);
    TagBar *tagBar() const { return m_tags; }
    // Merge and link (docs/merge.md): the shown ticket into `targetId`; a link or an unlink
    // between the two. The Links tab beside the conversation lists them.
    bool mergeInto(const QString &targetId);
    bool linkTo(const QString &targetId);
    bool unlinkFrom(const QString &targetId);
    LinksPanel *links() const { return m_links; }

public slots:
    void focusReply();
    void focusNote();
    // 受理: accepts the shown ticket (the first response if it has none).
    bool accept();
    void openReclassifyDialog();
    void openThirdPartyDialog();
    // The pickers of merge and link (ui/mergedialog.h), opened window-modal.
    void openMergeDialog();
    void openLinkDialog();
    // The conflict or refusal shown in the banner: the conflict dialog, or drop the refusal.
    void resolveProblem();

signals:
    // Edit and send again… of a refused new ticket: its create op `opId`, for New ticket to
    // be filled from (DeskController).
    void resendRequested(const QString &opId);
    // An edit was saved to the outbox (for the status bar).
    void edited(const QString &ticketId, const QString &type);
    // One of the customer's other tickets was picked in the history.
    void openTicketRequested(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QDateTime waitingSince() const; // of the ticket shown (core/merge.h)
    struct Draft
    {
        QString reply;
        QString note;
        ComposerMode mode = ComposerMode::Reply;
        // The ticket when the reply was started: a send onto a changed ticket asks first.
        std::optional<ReplyBasis> basis;
    };
    // A key went into the composer: typing (presence), and the reply's basis if it has none.
    void composerKey();
    // The reply may go: the ticket did not change since it was started, or the agent said so.
    bool replyBasisHolds();

    void setUpUi();
    void retranslateUi();
    void retranslateComposer();
    void applyPalette();
    void fitWidth();
    // The conversation's and the reply box's least heights in lines of the font in use: five
    // to read, three to write.
    void fitLeastLines();
    // The third-party line's least height: what its words need at its width.
    void fitSoftwareLabel();
    void refreshReplyRoute();
    // The heading of a message the customer wrote (MessageKind::Customer).
    QString customerHeading(const Ticket &t, const Message &m, const QString &customer,
                            const QString &when) const;
    void reload(); // ticket, conversation, outbox state, from the cache
    void scheduleReload();
    QString outboxSignature(const QVector<OutboxEntry> &entries) const;
    void refreshHeader();
    void refreshCountdown();
    void refreshEntitlements();
    void refreshConversation();
    void refreshOutbox();
    void refreshAgents();
    void refreshActions();
    void storeDraft();
    void restoreDraft();
    // `files` go with a reply or note: saved in its transaction, uploaded before it is sent.
    bool save(const TicketEdit &edit, const QVector<AttachmentFile> &files = {});
    void setUpAttachments(QBoxLayout *toolRow, QSplitter *splitter);
    const PlanCatalog *plan() const;
    // A system event in the active language, from its code; the server's English otherwise.
    QString systemEventText(const Message &m) const;
    QString agentName(const QString &id) const;
    // When an IEM request asked today may start, and whether that rests on provisional
    // holiday dates.
    QString iemNoticeText(const PlanCatalog &catalog, const Edition &edition) const;
    QDateTime now() const;

    DeskSession *m_session;
    const Clock *m_clock;
    QString m_ticketId;
    std::optional<Ticket> m_ticket;
    std::optional<Customer> m_customer;
    QHash<QString, Draft> m_drafts;
    ComposerMode m_mode = ComposerMode::Reply;
    QString m_lastError;
    QString m_problemOpId;
    bool m_problemIsConflict = false;
    bool m_problemIsNewTicket = false; // a refused create-ticket: the ticket is only here
    bool m_saving = false;
    bool m_reloadScheduled = false;
    bool m_outboxCheckScheduled = false;
    QString m_outboxSignature;
    QStringList m_pendingMessageIds;
    QPointer<QWidget> m_dialog;

    QTimer *m_tick = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_body = nullptr;
    QScrollArea *m_header = nullptr; // the ticket's details above the actions, and the card
    QWidget *m_actionBar = nullptr; // accept, assign, status, reclassify: never scrolled away
    QLabel *m_badge = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_severity = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_countdown = nullptr;
    QLabel *m_customerLabel = nullptr;
    TagBar *m_tags = nullptr;
    QLabel *m_pending = nullptr;
    QFrame *m_problem = nullptr;
    QLabel *m_problemLabel = nullptr;
    QPushButton *m_problemButton = nullptr;
    QPushButton *m_problemResend = nullptr;
    QString problemButtonText() const;
    // Discard of a refused new ticket: asked first, naming its subject.
    void confirmDiscard();
    QGroupBox *m_entitlementsBox = nullptr;
    QLabel *m_entitlements = nullptr;
    QTextBrowser *m_conversation = nullptr;
    QRadioButton *m_replyMode = nullptr;
    QRadioButton *m_noteMode = nullptr;
    QButtonGroup *m_modeGroup = nullptr;
    QPlainTextEdit *m_composer = nullptr;
    QLabel *m_replyRoute = nullptr;
    MacroComposer *m_macros = nullptr;
    QPushButton *m_send = nullptr;
    QAction *m_sendAction = nullptr;
    QWidget *m_composerBox = nullptr;
    QPushButton *m_acceptButton = nullptr;
    QLabel *m_assigneeLabel = nullptr;
    QComboBox *m_assignee = nullptr;
    QHash<QString, QString> m_agentNames; // every account the cache knows, by id
    QPushButton *m_assignMe = nullptr;
    QLabel *m_statusLabel = nullptr;
    QComboBox *m_status = nullptr;
    QPushButton *m_reclassify = nullptr;
    QPushButton *m_software = nullptr;
    QLabel *m_softwareLabel = nullptr;
    AttachmentPanel *m_attachments = nullptr;
    AttachmentTray *m_attachTray = nullptr;
    PresenceLine *m_presenceLine = nullptr;
    QTabWidget *m_conversationTabs = nullptr;
    CustomerHistory *m_history = nullptr;
    LinksPanel *m_links = nullptr;
    void retranslateTabs();
    // The keyboard into the conversation's tab shown (after its key chose it).
    void focusCurrentTab();
    QPointer<Presence::Reporter> m_reporter;
};

} // namespace SupportDesk
