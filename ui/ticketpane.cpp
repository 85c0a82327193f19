#include "ticketpane.h"

#include "attachmentcache.h"
#include "attachmentpanel.h"
#include "attachmenttray.h"
#include "businesscalendar.h"
#include "colorvision.h"
#include "conflictdialog.h"
#include "customerhistory.h"
#include "serviceusedialog.h"
#include "linkspanel.h"
#include "merge.h"
#include "mergedialog.h"
#include "desksession.h"
#include "macropicker.h"
#include "panecolors.h"
#include "planrules.h"
#include "presenceline.h"
#include "quotaledger.h"
#include "reclassifydialog.h"
#include "recordnames.h"
#include "sendshortcut.h"
#include "tag.h"
#include "tagbar.h"
#include "thirdpartydialog.h"
#include "ticketindex.h"
#include "ticketedits.h"
#include "timeformat.h"
#include "wrappingbox.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QResizeEvent>
#include <QScrollBar>
#include <QScrollArea>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace SupportDesk {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
}

QString stateColor(SlaState state)
{
    switch (state) {
    case SlaState::Breached:
        return QStringLiteral("#c62828");
    case SlaState::AtRisk:
        return QStringLiteral("#ef6c00");
    case SlaState::OnTrack:
        return QStringLiteral("#2e7d32");
    case SlaState::RespondedInTime:
        return QStringLiteral("#546e7a");
    case SlaState::RespondedLate:
        return QStringLiteral("#8d6e63");
    case SlaState::Resolved:
    case SlaState::Closed:
    case SlaState::Merged:
        return QStringLiteral("#757575");
    }
    return QString();
}

// A scroll area that asks for the height its word-wrapped content needs at the area's width:
// the whole card (or the whole header) shows where the pane has the room, and it scrolls —
// never cut — where it has not (a large font, a low screen). Its minimum stays the same
// whatever the content, so a longer card never pushes the queue's splitter.
class CardScrollArea : public QScrollArea
{
public:
    CardScrollArea(QWidget *parent, int leastLines) : QScrollArea(parent), m_leastLines(leastLines)
    {
        setWidgetResizable(true);
        setFrameShape(QFrame::NoFrame);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
        // As high as the card, no higher: the conversation below takes the rest.
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    }

    QSize sizeHint() const override
    {
        QSize hint = QScrollArea::sizeHint();
        if (const QWidget *card = widget()) {
            // Measured as if the vertical scroll bar took its room: granted this height, the
            // card needs no scroll bar (measured without it, one missing line brings the bar,
            // the bar narrows the card, and the card then needs a line more than it got).
            const int inner = std::max(1, width() - 2 * frameWidth()
                                               - verticalScrollBar()->sizeHint().width());
            const int height = card->hasHeightForWidth() ? card->heightForWidth(inner)
                                                         : card->sizeHint().height();
            hint.setHeight(height + 2 * frameWidth());
        }
        return hint;
    }

    QSize minimumSizeHint() const override
    {
        // A few lines, then it scrolls.
        const QSize base = QScrollArea::minimumSizeHint();
        return QSize(base.width(),
                     std::min(sizeHint().height(), fontMetrics().lineSpacing() * m_leastLines));
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QScrollArea::resizeEvent(event);
        // The height it needs depends on the width it got.
        if (event->oldSize().width() != event->size().width())
            updateGeometry();
    }

    bool event(QEvent *event) override
    {
        // Its content's words changed (another ticket): so does the height it asks for, which
        // its parent's layout would otherwise keep from the ticket before.
        if (event->type() == QEvent::LayoutRequest)
            updateGeometry();
        return QScrollArea::event(event);
    }

private:
    int m_leastLines;
};

// The conversation over the composer. It asks the pane for no more than its parts' least
// height (five lines of the conversation, three of the reply with the composer's rows whole),
// and takes whatever else there is: the header above gives way, and scrolls, before it does.
// (It used to ignore its parts' needs: at 1.5 times the font the conversation showed a line or
// two and the reply box lay under the Attach/Macros row.)
class WorkSplitter : public QSplitter
{
public:
    WorkSplitter(Qt::Orientation orientation, QWidget *parent) : QSplitter(orientation, parent)
    {
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    }

    QSize sizeHint() const override
    {
        return QSize(QSplitter::sizeHint().width(), minimumSizeHint().height());
    }
};

} // namespace

TicketPane::TicketPane(DeskSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_clock(session->clock())
{
    setUpUi();
    applyPalette();
    retranslateUi();
    fitWidth();
    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &TicketPane::refreshCountdown);

    // The session's signals come in pairs (ticketsChanged and outboxChanged for one edit or
    // one answer of the server): one reload after them, on the next event-loop turn. An edit
    // made here reloads at once instead (save()).
    connect(session, &DeskSession::ticketsChanged, this, [this](const QStringList &ids) {
        if (!m_ticketId.isEmpty() && ids.contains(m_ticketId))
            scheduleReload();
    });
    connect(session, &DeskSession::cacheReset, this, [this] {
        if (!m_ticketId.isEmpty())
            scheduleReload();
    });
    // Every feed page also signals the outbox: read the ticket again only when its own edits
    // changed state (a refusal or conflict also puts the server's ticket back).
    connect(session, &DeskSession::outboxChanged, this, [this] {
        if (m_ticketId.isEmpty() || m_saving || m_outboxCheckScheduled)
            return;
        m_outboxCheckScheduled = true;
        QTimer::singleShot(0, this, [this] {
            m_outboxCheckScheduled = false;
            if (m_ticket && !m_reloadScheduled
                && outboxSignature(m_session->cache()->outboxOf(m_ticketId))
                           != m_outboxSignature)
                reload();
        });
    });
    connect(session, &DeskSession::catalogsChanged, this, &TicketPane::scheduleReload);
    connect(session, &DeskSession::signedIn, this, [this] {
        m_attachTray->setMaxBytes(m_session->maxAttachmentBytes()); // GET /me's, just kept
        refreshActions();
    });
    showTicket(QString());
}

TicketPane::~TicketPane() = default;

void TicketPane::setUpUi()
{
    auto *outer = new QVBoxLayout(this);
    m_empty = new QLabel(this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    outer->addWidget(m_empty);

    m_body = new QWidget(this);
    m_body->installEventFilter(this); // its layout's requests: fitWidth()
    outer->addWidget(m_body, 1);
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);

    // The ticket's details above the conversation — the header, the third-party line, the
    // entitlements card — in one area that scrolls where the pane is short of height (a large
    // font, a low screen), so the conversation and the reply box below keep their least room
    // and nothing overlaps. Never sideways: the pane is as wide as its rows (fitWidth()). Tab
    // brings what takes the focus into view, so the area itself is no stop. The actions an
    // agent uses on every ticket (accept, assign, status) sit under it and never scroll.
    m_header = new CardScrollArea(m_body, 4);
    m_header->setObjectName(QStringLiteral("ticketHeader"));
    m_header->setFocusPolicy(Qt::NoFocus);
    m_header->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *head = new QWidget(m_header);
    head->installEventFilter(this); // its layout's requests: fitWidth()
    auto *layout = new QVBoxLayout(head);
    layout->setContentsMargins(0, 0, 0, 0);

    // Header: badge, number and subject; severity, state and countdown; customer.
    auto *titleRow = new QHBoxLayout;
    m_badge = new QLabel(head);
    m_badge->setObjectName(QStringLiteral("editionBadge"));
    m_title = new QLabel(head);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    titleRow->addWidget(m_badge);
    titleRow->addWidget(m_title, 1);
    layout->addLayout(titleRow);

    // The severity on a line of its own and the countdown wrapped: their lengths change from
    // ticket to ticket, and a row that cannot wrap made the pane's minimum width follow them
    // (the queue's splitter jumped) or, held narrower, cut them ("Severity: Business/sy").
    auto *stateRow = new QHBoxLayout;
    m_severity = new QLabel(head);
    m_severity->setWordWrap(true);
    m_state = new QLabel(head);
    m_countdown = new QLabel(head);
    m_countdown->setWordWrap(true);
    QFont countdownFont = m_countdown->font();
    countdownFont.setBold(true);
    m_countdown->setFont(countdownFont);
    layout->addWidget(m_severity);
    stateRow->addWidget(m_state);
    stateRow->addWidget(m_countdown, 1);
    m_pending = new QLabel(head);
    stateRow->addWidget(m_pending);
    layout->addLayout(stateRow);

    m_customerLabel = new QLabel(head);
    m_customerLabel->setWordWrap(true);
    m_customerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_customerLabel);

    m_tags = new TagBar(head);
    connect(m_tags, &TagBar::addRequested, this, &TicketPane::addTag);
    connect(m_tags, &TagBar::removeRequested, this, &TicketPane::removeTag);
    layout->addWidget(m_tags);

    // The scope button beside the line it changes: the line wraps, the buttons of a row do not,
    // and in English a third button on the status row was wider than the pane (cut to
    // "hird-party software.").
    auto *softwareRow = new QHBoxLayout;
    m_software = new QPushButton(head);
    connect(m_software, &QPushButton::clicked, this, &TicketPane::openThirdPartyDialog);
    m_softwareLabel = new QLabel(head);
    m_softwareLabel->setWordWrap(true);
    m_softwareLabel->installEventFilter(this); // its height: eventFilter()
    softwareRow->addWidget(m_softwareLabel, 1);
    softwareRow->addWidget(m_software, 0, Qt::AlignTop | Qt::AlignLeft);
    layout->addLayout(softwareRow);

    // What the customer is entitled to, across the pane's width under the header. It used to be
    // a column beside the conversation: in a pane that shares the window with the queue that
    // column was a few words wide, and the lines that cannot wrap short (a contact's e-mail, the
    // IEM notice) were cut at its right edge, even at 1600 px.
    m_entitlementsBox = new QGroupBox(head);
    m_entitlementsBox->setObjectName(QStringLiteral("entitlementsCard"));
    auto *entLayout = new QVBoxLayout(m_entitlementsBox);
    entLayout->setContentsMargins(6, 2, 2, 2);
    m_entitlements = new QLabel;
    m_entitlements->setObjectName(QStringLiteral("entitlements"));
    m_entitlements->setWordWrap(true);
    m_entitlements->setTextFormat(Qt::RichText);
    m_entitlements->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_entitlements->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *entScroll = new CardScrollArea(m_entitlementsBox, 4);
    entScroll->setWidget(m_entitlements);
    entLayout->addWidget(entScroll);
    layout->addWidget(m_entitlementsBox);
    m_header->setWidget(head);
    bodyLayout->addWidget(m_header);

    // A refusal or conflict of one of this ticket's edits, under the details and outside the
    // area that scrolls, as the actions are: in it, the banner scrolled away with the card
    // while the edit it names waited to be dismissed or resolved (audit 11).
    m_problem = new QFrame(m_body);
    m_problem->setObjectName(QStringLiteral("editProblem"));
    m_problem->setFrameShape(QFrame::StyledPanel);
    auto *problemRow = new QHBoxLayout(m_problem);
    m_problemLabel = new QLabel(m_problem);
    m_problemLabel->setWordWrap(true);
    m_problemButton = new QPushButton(m_problem);
    m_problemResend = new QPushButton(m_problem);
    m_problemResend->hide();
    problemRow->addWidget(m_problemLabel, 1);
    // The buttons one above the other: side by side they left the words of a refused new
    // ticket a column of two or three words a line at the pane's usual width (Xvfb, 1440 px).
    auto *problemButtons = new QVBoxLayout;
    problemButtons->addStretch();
    problemButtons->addWidget(m_problemResend);
    problemButtons->addWidget(m_problemButton);
    problemButtons->addStretch();
    problemRow->addLayout(problemButtons);
    connect(m_problemButton, &QPushButton::clicked, this, &TicketPane::resolveProblem);
    connect(m_problemResend, &QPushButton::clicked, this, [this] {
        if (m_problemIsNewTicket && !m_problemOpId.isEmpty())
            emit resendRequested(m_problemOpId);
    });
    m_problem->hide();
    bodyLayout->addWidget(m_problem);

    // Actions: between the details and the conversation, outside the area that scrolls (at
    // 1.5 times the system font they scrolled away with the card, and an agent's most frequent
    // moves were a wheel turn away). Made after the card, so Tab takes them in the order they
    // are seen.
    m_actionBar = new QWidget(m_body);
    m_actionBar->setObjectName(QStringLiteral("ticketActions"));
    m_actionBar->installEventFilter(this); // its layout's requests: fitWidth()
    auto *actionRows = new QVBoxLayout(m_actionBar);
    actionRows->setContentsMargins(0, 0, 0, 0);
    QWidget *bar = m_actionBar;
    auto *actions = new QHBoxLayout;
    m_acceptButton = new QPushButton(bar);
    connect(m_acceptButton, &QPushButton::clicked, this, &TicketPane::accept);
    m_assigneeLabel = new QLabel(bar);
    m_assignee = new QComboBox(bar);
    // As wide as the longest name it offers, so the pane is: narrower, the pane cut the name
    // shown ("Unassigned" by 6 px at 1.25 times the system font).
    m_assignee->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_assigneeLabel->setBuddy(m_assignee);
    connect(m_assignee, &QComboBox::activated, this,
            [this](int index) { assignTo(m_assignee->itemData(index).toString()); });
    m_assignMe = new QPushButton(bar);
    connect(m_assignMe, &QPushButton::clicked, this, &TicketPane::assignToMe);
    m_statusLabel = new QLabel(bar);
    m_status = new QComboBox(bar);
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_statusLabel->setBuddy(m_status);
    for (const QString &status : TicketStatus::all())
        m_status->addItem(QString(), status);
    connect(m_status, &QComboBox::activated, this,
            [this](int index) { setStatus(m_status->itemData(index).toString()); });
    m_reclassify = new QPushButton(bar);
    connect(m_reclassify, &QPushButton::clicked, this, &TicketPane::openReclassifyDialog);
    actions->addWidget(m_acceptButton);
    actions->addWidget(m_assigneeLabel);
    actions->addWidget(m_assignee);
    actions->addWidget(m_assignMe);
    actions->addStretch(1);
    actionRows->addLayout(actions);
    // Two rows, so the pane stays narrow enough to sit beside the queue.
    auto *moreActions = new QHBoxLayout;
    moreActions->addWidget(m_statusLabel);
    moreActions->addWidget(m_status);
    moreActions->addWidget(m_reclassify);
    moreActions->addStretch(1);
    actionRows->addLayout(moreActions);
    bodyLayout->addWidget(m_actionBar);

    // The conversation above the composer, in what the header and the card leave.
    auto *splitter = new WorkSplitter(Qt::Vertical, m_body);
    bodyLayout->addWidget(splitter, 1);

    // The conversation, and beside it the customer's other tickets (docs/collision.md).
    m_conversationTabs = new QTabWidget(splitter);
    m_conversationTabs->setObjectName(QStringLiteral("conversationTabs"));
    m_conversationTabs->setDocumentMode(true);
    // Every tab whole: the pane is as wide as its tabs' names (scroll arrows hid "Links (2)"
    // at 1.25 times the system font).
    m_conversationTabs->tabBar()->setUsesScrollButtons(false);
    // A tab chosen by its key (Alt+I, Alt+U) takes the keyboard with it: eventFilter().
    m_conversationTabs->tabBar()->installEventFilter(this);
    m_conversation = new QTextBrowser(m_conversationTabs);
    m_conversation->setOpenLinks(false);
    m_conversationTabs->addTab(m_conversation, QString());
    m_history = new CustomerHistory(m_session, m_conversationTabs);
    m_conversationTabs->addTab(m_history, QString());
    connect(m_history, &CustomerHistory::openTicket, this, &TicketPane::openTicketRequested);
    connect(m_session, &DeskSession::serviceUseChanged, this, [this] { // IEM days used
        if (m_ticket)
            refreshEntitlements();
    });
    // Merge and link (ui/linkspanel.h): a tab of its own, and a line over the conversation
    // that only a merged duplicate shows (no room taken from the others).
    m_links = new LinksPanel(m_session, m_body);
    m_conversationTabs->addTab(m_links, QString());
    bodyLayout->insertWidget(bodyLayout->indexOf(splitter), m_links->banner());
    connect(m_links, &LinksPanel::openTicket, this, &TicketPane::openTicketRequested);
    connect(m_links, &LinksPanel::linkRequested, this, &TicketPane::openLinkDialog);
    connect(m_links, &LinksPanel::unlinkRequested, this, &TicketPane::unlinkFrom);
    // Read when looked at (and with each ticket shown): other customers' changes do not
    // reload the pane, so a history read only then could be stale.
    connect(m_conversationTabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ticket && m_conversationTabs->currentWidget() == m_history) {
            m_history->show(*m_ticket, m_customer, now());
            retranslateTabs();
        }
    });
    splitter->addWidget(m_conversationTabs);

    // Its least height follows its wrapped lines (who else is on the ticket, where the reply
    // goes) at its width: the splitter asks for it without one.
    m_composerBox = new WrappingBox(splitter);
    QWidget *composerBox = m_composerBox;
    auto *composerLayout = new QVBoxLayout(composerBox);
    composerLayout->setContentsMargins(0, 0, 0, 0);
    auto *modeRow = new QHBoxLayout;
    m_replyMode = new QRadioButton(composerBox);
    m_noteMode = new QRadioButton(composerBox);
    m_modeGroup = new QButtonGroup(this);
    m_modeGroup->addButton(m_replyMode);
    m_modeGroup->addButton(m_noteMode);
    m_replyMode->setChecked(true);
    connect(m_replyMode, &QRadioButton::toggled, this,
            [this](bool on) { setComposerMode(on ? ComposerMode::Reply : ComposerMode::Note); });
    m_send = new QPushButton(composerBox);
    connect(m_send, &QPushButton::clicked, this, &TicketPane::sendComposer);
    modeRow->addWidget(m_replyMode);
    modeRow->addWidget(m_noteMode);
    modeRow->addStretch(1);
    modeRow->addWidget(m_send);
    composerLayout->addLayout(modeRow);
    // Said before sending, not after: an agent must know a reply leaves the desk (and how)
    // while still able to change it.
    m_presenceLine = new PresenceLine(composerBox);
    composerLayout->addWidget(m_presenceLine);
    m_replyRoute = new QLabel(composerBox);
    m_replyRoute->setObjectName(QStringLiteral("replyRoute"));
    m_replyRoute->setTextFormat(Qt::PlainText);
    m_replyRoute->setWordWrap(true);
    composerLayout->addWidget(m_replyRoute);
    m_composer = new QPlainTextEdit(composerBox);
    // Tab moves on to Send, as in a form: a composer that kept Tab for itself trapped anyone
    // working by keyboard alone (a reply needs no tab characters).
    m_composer->setTabChangesFocus(true);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        if (m_ticketId.isEmpty())
            return;
        Draft &draft = m_drafts[m_ticketId];
        (m_mode == ComposerMode::Reply ? draft.reply : draft.note) = m_composer->toPlainText();
        m_send->setEnabled(!m_composer->toPlainText().trimmed().isEmpty());
    });
    composerLayout->addWidget(m_composer, 1);
    m_composer->installEventFilter(this);
    // Macros (docs/macros.md): Ctrl+M or the button, over the composer; their actions are
    // this pane's own edits, saved when the draft is sent.
    m_macros = new MacroComposer(m_session, m_composer, composerBox,
                                 [this] { return m_ticket; });
    // Below the composer (the mode row above is full at 1280 px in English): the macro's bar
    // when there is one, then one row for the reply's files and the macro button; each on its
    // own row left the composer no line at 1280 × 800 under a long entitlements card.
    composerLayout->addWidget(m_macros->bar());
    auto *toolRow = new QHBoxLayout;
    composerLayout->addLayout(toolRow);
    m_sendAction = addSendShortcut(composerBox, m_send);
    splitter->addWidget(composerBox);
    setUpAttachments(toolRow, splitter);
    toolRow->addWidget(m_macros->button(), 0, Qt::AlignRight | Qt::AlignTop);
    fitLeastLines();
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
}

void TicketPane::setUpAttachments(QBoxLayout *toolRow, QSplitter *splitter)
{
    // The ticket's files between the conversation and the composer; the reply's own under the
    // composer, which takes dropped files.
    m_attachments = new AttachmentPanel(m_session, splitter);
    splitter->insertWidget(1, m_attachments);
    splitter->setStretchFactor(1, 1);
    m_attachTray = new AttachmentTray(m_composer, m_composer->parentWidget());
    m_attachTray->setMaxBytes(m_session->maxAttachmentBytes()); // the server's, when known
    toolRow->addWidget(m_attachTray, 1);
}

void TicketPane::retranslateUi()
{
    m_empty->setText(m_ticketId.isEmpty()
                         ? tr("Select a ticket in the queue.")
                         : tr("Ticket %1 is not in the local cache.").arg(m_ticketId));
    m_problemButton->setText(problemButtonText());
    //: of a new ticket the server refused: opens New ticket filled with it, to correct
    m_problemResend->setText(tr("&Edit and send again…"));
    //: 受理: take the ticket in, telling the customer it is being handled
    m_acceptButton->setText(tr("&Accept"));
    m_acceptButton->setToolTip(
        tr("Accept the ticket (受理): the customer is told, and the response clock stops."));
    m_assigneeLabel->setText(tr("Assignee:"));
    m_assignMe->setText(tr("Assign to &me"));
    m_statusLabel->setText(tr("Status:"));
    for (int i = 0; i < m_status->count(); ++i)
        m_status->setItemText(i, statusName(m_status->itemData(i).toString()));
    m_reclassify->setText(tr("Re&classify…"));
    m_software->setText(tr("Third-party &software…"));
    // No title line: the card opens with the plan and edition in bold, and at 1280 × 800
    // under the longest card (a partner Enterprise) the pane, with its tags row and the
    // conversation's tabs, has no line to spare. Screen readers still hear its name.
    m_entitlementsBox->setAccessibleName(tr("Entitlements"));
    // The card scrolls, so Tab stops at it: it says what it holds.
    if (auto *card = m_entitlementsBox->findChild<QScrollArea *>())
        card->setAccessibleName(tr("What the customer's edition is entitled to"));
    m_conversation->setAccessibleName(tr("Conversation"));
    m_entitlementsBox->setToolTip(tr("Entitlements"));
    //: composer mode: a public reply the customer sees
    m_replyMode->setText(tr("&Reply to customer"));
    //: composer mode: a note only agents see
    m_noteMode->setText(tr("Internal &note"));
    retranslateTabs();
    retranslateComposer();
    refreshAgents();
    if (m_ticket) {
        refreshHeader();
        refreshEntitlements();
        refreshConversation();
        refreshOutbox();
        refreshActions();
    }
}

void TicketPane::retranslateTabs()
{
    //: the ticket pane's tab with the ticket's messages
    m_conversationTabs->setTabText(0, tr("Conversat&ion"));
    // No mnemonic: Alt+U is Ticket → Customer history, which works from the whole window.
    //: the ticket pane's tab with the customer's other tickets; %1 how many
    m_conversationTabs->setTabText(1, m_ticket ? tr("Customer history (%1)")
                                                     .arg(m_history->ticketCount())
                                               : tr("Customer history"));
    //: the ticket pane's tab with merged and related tickets; %1 how many
    m_conversationTabs->setTabText(2, m_ticket ? tr("Links (%1)").arg(m_links->count())
                                               : tr("Links"));
}

void TicketPane::showEvent(QShowEvent *event)
{
    refreshCountdown();
    if (m_ticket)
        m_tick->start();
    QWidget::showEvent(event);
}

void TicketPane::hideEvent(QHideEvent *event)
{
    m_tick->stop();
    QWidget::hideEvent(event);
}

void TicketPane::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::FontChange) {
        fitWidth();
        fitLeastLines();
    }
    QWidget::changeEvent(event);
}

// A minimum width of its own (the window's splitter keeps its handle where the user left it,
// whatever ticket is shown): 28 M's, or what the rows that do not wrap need in the font and
// language in use — the actions, the tabs, the composer's modes. At 1.5 times the system font
// 28 M's were 448 px where those rows needed 478, and the splitter cut them.
void TicketPane::fitSoftwareLabel()
{
    // Measured on its words at the width it has (QLabel::heightForWidth gave two lines' height
    // to a line that fits in one, and the entitlements card below lost that room at 1280 x 800).
    const QString text = m_softwareLabel->text();
    const QRect inside = m_softwareLabel->contentsRect();
    if (text.isEmpty() || inside.width() <= 0) {
        m_softwareLabel->setMinimumHeight(0);
        return;
    }
    const QMargins margins = m_softwareLabel->contentsMargins();
    const QRect words = m_softwareLabel->fontMetrics().boundingRect(
            QRect(0, 0, inside.width(), QWIDGETSIZE_MAX), Qt::TextWordWrap, text);
    m_softwareLabel->setMinimumHeight(words.height() + margins.top() + margins.bottom());
}

void TicketPane::fitWidth()
{
    const QMargins margins = layout()->contentsMargins();
    // The header's rows beside the scroll bar it may show: it never scrolls sideways.
    const int header = m_header->widget()->minimumSizeHint().width()
            + m_header->verticalScrollBar()->sizeHint().width() + 2 * m_header->frameWidth();
    const int rows = std::max(m_body->layout()->minimumSize().width(), header);
    setMinimumWidth(std::max(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 28,
                             rows + margins.left() + margins.right()));
}

void TicketPane::fitLeastLines()
{
    const auto lines = [](QAbstractScrollArea *area, int count, qreal documentMargin) {
        return area->fontMetrics().lineSpacing() * count + 2 * area->frameWidth()
                + int(std::ceil(2 * documentMargin));
    };
    m_conversation->setMinimumHeight(
            lines(m_conversation, 5, m_conversation->document()->documentMargin()));
    m_composer->setMinimumHeight(lines(m_composer, 3, m_composer->document()->documentMargin()));
}

// The tints follow the palette (light, dark, high contrast): see PaneColors.
void TicketPane::applyPalette()
{
    const PaneColors colors = PaneColors::forPalette(palette());
    m_pending->setStyleSheet(QStringLiteral("color: %1; font-style: italic;")
                                     .arg(colors.waiting.name()));
    m_problem->setStyleSheet(QStringLiteral("QFrame { background: %1; } QLabel { color: %2; }")
                                     .arg(colors.problem.name(), colors.text.name()));
    if (m_ticket) {
        refreshEntitlements();
        refreshConversation();
    }
}

void TicketPane::setClock(const Clock *clock)
{
    m_clock = clock ? clock : m_session->clock();
    refreshCountdown();
}

QDateTime TicketPane::now() const
{
    return m_clock->now();
}

QString TicketPane::systemEventText(const Message &m) const
{
    const QStringList &a = m.args;
    // Events name accounts by name; a service account's is worded in the reader's language.
    const auto arg = [&a](int i) { return TicketEdits::accountName(a.value(i)); };
    const PlanCatalog *catalog = plan();
    const auto severityName = [catalog](const QString &id) {
        const Severity *s = catalog ? catalog->severity(id) : nullptr;
        return s ? s->names.text(TicketEdits::language()) : id;
    };
    if (m.event == u"accepted" && a.size() >= 1)
        //: system event in the conversation; %1 an agent
        return tr("Accepted by %1.").arg(arg(0));
    if (m.event == u"assigned" && a.size() >= 2)
        //: system event; %1 the new assignee, %2 who assigned
        return tr("Assigned to %1 by %2.").arg(arg(0), arg(1));
    if (m.event == u"unassigned" && a.size() >= 1)
        return tr("Unassigned by %1.").arg(arg(0));
    if (m.event == u"status" && a.size() >= 3)
        //: system event; %1 → %2 statuses, %3 an agent
        return tr("Status %1 → %2 by %3.")
                .arg(statusName(arg(0)), statusName(arg(1)), arg(2));
    if (m.event == u"severity" && a.size() >= 4)
        //: system event; %1 → %2 severities, %3 an agent, %4 the reason given
        return tr("Severity %1 → %2 by %3: %4")
                .arg(severityName(arg(0)), severityName(arg(1)), arg(2), arg(3));
    if (m.event == u"software" && a.size() >= 4)
        return arg(3) == u"out-of-scope"
                //: system event; %1 software, %2 its version, %3 an agent
                ? tr("Software set to %1 %2 by %3 (out of scope).").arg(arg(0), arg(1), arg(2))
                : tr("Software set to %1 %2 by %3.").arg(arg(0), arg(1), arg(2));
    if (m.event == u"over-quota" && a.size() >= 3)
        //: system event; %1 this month's tickets with this one, %2 the quota, %3 the reason
        return tr("Taken over the monthly quota (%1 of %2): %3").arg(arg(0), arg(1), arg(2));
    if (m.event == u"quota-override" && a.size() >= 2)
        //: system event; %1 a lead, %2 the reason given
        return tr("Quota override by %1: %2").arg(arg(0), arg(1));
    if (m.event == u"tag-added" && a.size() >= 2)
        //: system event; %1 a tag, %2 an agent
        return tr("Tag %1 added by %2.").arg(a.at(0), arg(1));
    if (m.event == u"tag-removed" && a.size() >= 2)
        //: system event; %1 a tag, %2 an agent
        return tr("Tag %1 removed by %2.").arg(a.at(0), arg(1));
    if (m.event == u"tags-by-rule" && !a.isEmpty())
        //: system event; %1 the tags the team's rules gave the new ticket, in a list
        return tr("Tagged by the team's rules: %1.").arg(a.join(tr(", ")));
    if (m.event == u"merged-into" && a.size() >= 2)
        //: system event; %1 the ticket number this duplicate went into, %2 an agent
        return tr("Merged into #%1 by %2.").arg(a.at(0), arg(1));
    if (m.event == u"merged-from" && a.size() >= 2)
        //: system event; %1 the duplicate's number, %2 an agent
        return tr("#%1 merged into this ticket by %2.").arg(a.at(0), arg(1));
    if (m.event == u"linked" && a.size() >= 2)
        //: system event; %1 the other ticket's number, %2 an agent
        return tr("Linked to #%1 by %2.").arg(a.at(0), arg(1));
    if (m.event == u"unlinked" && a.size() >= 2)
        return tr("Unlinked from #%1 by %2.").arg(a.at(0), arg(1));
    return m.body;
}

const PlanCatalog *TicketPane::plan() const
{
    return m_ticket ? m_session->catalogs().plan(m_ticket->planId) : nullptr;
}

QString TicketPane::agentName(const QString &id) const
{
    if (id.isEmpty())
        return QString();
    return m_agentNames.value(id, id);
}

void TicketPane::showTicket(const QString &ticketId)
{
    if (ticketId == m_ticketId && m_ticket)
        return;
    m_ticketId = ticketId;
    m_presenceLine->setTicket(ticketId);
    if (m_reporter)
        m_reporter->view(ticketId);
    m_macros->showTicket(ticketId);
    restoreDraft();
    m_attachTray->setTicket(ticketId);
    m_attachments->setTicket(ticketId);
    reload();
}

void TicketPane::restoreDraft()
{
    const Draft draft = m_drafts.value(m_ticketId);
    m_mode = draft.mode;
    const QSignalBlocker blockReply(m_replyMode);
    const QSignalBlocker blockNote(m_noteMode);
    (m_mode == ComposerMode::Reply ? m_replyMode : m_noteMode)->setChecked(true);
    m_composer->setPlainText(m_mode == ComposerMode::Reply ? draft.reply : draft.note);
    retranslateComposer();
}

void TicketPane::setComposerMode(ComposerMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    {
        const QSignalBlocker blockReply(m_replyMode);
        const QSignalBlocker blockNote(m_noteMode);
        (mode == ComposerMode::Reply ? m_replyMode : m_noteMode)->setChecked(true);
    }
    Draft &draft = m_drafts[m_ticketId];
    draft.mode = mode;
    m_composer->setPlainText(mode == ComposerMode::Reply ? draft.reply : draft.note);
    m_composer->moveCursor(QTextCursor::End);
    retranslateComposer();
}

void TicketPane::retranslateComposer()
{
    m_macros->retranslate();
    m_send->setText(m_mode == ComposerMode::Reply ? tr("Send reply") : tr("Add note"));
    //: Help → Keyboard shortcuts: what Ctrl+Enter does in the composer
    m_sendAction->setText(tr("Send the reply or note"));
    //: the area under the conversation where a reply or a note is written
    m_composerBox->setAccessibleName(tr("Composer"));
    m_composer->setAccessibleName(m_mode == ComposerMode::Reply ? tr("Reply to the customer")
                                                                : tr("Internal note"));
    m_composer->setPlaceholderText(m_mode == ComposerMode::Reply
                                       ? tr("Write a public reply to the customer…")
                                       : tr("Write an internal note (not shown to the customer)…"));
    refreshReplyRoute();
}

void TicketPane::refreshReplyRoute()
{
    const ReplyRoute route = m_ticket ? m_ticket->reply : ReplyRoute();
    QString text;
    if (m_mode == ComposerMode::Note) {
        //: above the composer in note mode: the note is for agents only
        text = tr("Internal note: never leaves the desk");
    } else if (route.via == ReplyVia::Email) {
        //: above the composer: where a public reply goes; %1 is the customer's e-mail address
        text = tr("By e-mail to %1").arg(route.to);
    } else if (route.via == ReplyVia::Im && route.im == u"wecom") {
        //: %1 is the name of the customer's WeCom (企业微信) group
        text = tr("To the WeCom group %1").arg(route.to);
    } else if (route.via == ReplyVia::Im && route.im == u"slack") {
        //: %1 is the name of the customer's Slack channel
        text = tr("To the Slack group %1").arg(route.to);
    } else if (route.via == ReplyVia::Im) {
        //: %1 is the name of the customer's instant-messaging group
        text = tr("To the IM group %1").arg(route.to);
    } else {
        //: above the composer: the ticket has no e-mail or IM route (made in the desk or by
        //: the provider's console), so the customer reads the public reply in the console
        text = tr("In the console: no e-mail or IM route for this ticket");
    }
    m_replyRoute->setText(text);
}

void TicketPane::scheduleReload()
{
    if (m_ticketId.isEmpty() || m_saving || m_reloadScheduled)
        return;
    m_reloadScheduled = true;
    QTimer::singleShot(0, this, [this] {
        if (m_reloadScheduled)
            reload();
    });
}

void TicketPane::reload()
{
    m_reloadScheduled = false;
    m_ticket.reset();
    m_customer.reset();
    if (!m_ticketId.isEmpty())
        m_ticket = m_session->cache()->ticket(m_ticketId);
    if (m_ticket)
        m_customer = m_session->cache()->customer(m_ticket->customerId);
    m_empty->setVisible(!m_ticket);
    m_body->setVisible(bool(m_ticket));
    if (!m_ticket) {
        m_tick->stop();
        retranslateUi();
        return;
    }
    refreshAgents();
    refreshHeader();
    refreshEntitlements();
    refreshOutbox();
    refreshConversation();
    m_history->show(*m_ticket, m_customer, now());
    m_links->showTicket(*m_ticket);
    retranslateTabs();
    m_attachments->refresh();
    refreshActions();
    refreshReplyRoute();
    // The countdown ticks only while someone can see it.
    if (isVisible() && !m_tick->isActive())
        m_tick->start();
}

SlaStatus TicketPane::slaStatus() const
{
    if (!m_ticket)
        return {};
    // The index's definition and team settings, as the queue, the notifier and the lead board
    // have them: the pane cannot say "on track" where they say "at risk".
    return m_session->index()->status(TicketFacts::from(*m_ticket), now());
}

QString TicketPane::stateText() const
{
    const SlaState state = slaStatus().state;
    // Where it went, which the state's name alone does not say.
    if (state == SlaState::Merged)
        return tr("Merged into #%1").arg(m_ticket->mergedIntoNumber);
    return slaStateName(state);
}

QString TicketPane::countdownText() const
{
    return m_countdown->text();
}

void TicketPane::refreshCountdown()
{
    if (!m_ticket)
        return;
    if (!m_ticket->dueAt.isValid()) {
        m_state->setText(QString());
        m_countdown->setText(tr("no response target"));
        return;
    }
    const SlaStatus status = slaStatus();
    m_state->setText(stateText());
    const QString background = stateColor(status.state);
    const quint32 text = ColorVision::textOn(ColorVision::parse(background).value_or(0));
    m_state->setStyleSheet(QStringLiteral("color: #%2; background: %1; padding: 1px 6px;")
                                   .arg(background)
                                   .arg(text, 6, 16, QLatin1Char('0')));
    m_countdown->setText(TimeFormat::countdownWords(status));
    m_countdown->setToolTip(
        tr("Due %1").arg(TimeFormat::dateTime(m_ticket->dueAt)));
}

void TicketPane::refreshHeader()
{
    const Ticket &t = *m_ticket;
    const Language language = TicketEdits::language();
    const PlanCatalog *catalog = plan();
    const Edition *edition = catalog ? catalog->edition(t.editionId) : nullptr;
    if (edition) {
        // The code in the badge (as in the queue and on the board); the name in the tooltip and
        // in the customer line below.
        m_badge->setText(edition->code);
        m_badge->setToolTip(tr("%1 — %2").arg(catalog->names().text(language),
                                             edition->names.text(language)));
        m_badge->setAccessibleName(m_badge->toolTip());
        const quint32 text = ColorVision::textOn(
                ColorVision::parse(edition->badgeColor).value_or(0x9e9e9e));
        m_badge->setStyleSheet(QStringLiteral("color: #%2; background: %1; padding: 2px 6px; "
                                              "border-radius: 3px; font-weight: bold;")
                                       .arg(edition->badgeColor)
                                       .arg(text, 6, 16, QLatin1Char('0')));
    } else {
        //: badge of an edition the catalogs do not know
        m_badge->setText(tr("? %1").arg(t.editionId));
        // White on this grey was 2.7:1: the text is chosen against it, as on every badge.
        m_badge->setStyleSheet(QStringLiteral("color: #%1; background: #9e9e9e; padding: 2px "
                                              "6px; border-radius: 3px;")
                                   .arg(ColorVision::textOn(0x9e9e9e), 6, 16, QLatin1Char('0')));
    }
    m_title->setText(t.number > 0 ? tr("#%1 %2").arg(t.number).arg(t.subject)
                                  : tr("(not yet numbered) %1").arg(t.subject));
    const Severity *severity = catalog ? catalog->severity(t.severity) : nullptr;
    m_severity->setText(
        tr("Severity: %1").arg(severity ? severity->names.text(language) : t.severity));
    QStringList customer;
    customer << tr("Customer: %1").arg(m_customer ? m_customer->name : t.customerId);
    if (edition)
        customer << tr("Edition: %1").arg(edition->names.text(language));
    if (!t.subClient.isEmpty())
        customer << tr("Sub-client: %1")
                            .arg(TicketEdits::subClientName(m_customer ? &*m_customer : nullptr,
                                                            t.subClient));
    const Channel *channel = catalog ? catalog->channel(t.channel) : nullptr;
    customer << tr("Channel: %1").arg(channel ? channel->names.text(language) : t.channel);
    customer << tr("Opened %1").arg(TimeFormat::dateTime(t.createdAt));
    if (t.flags.contains(QStringLiteral("over-quota")))
        customer << tr("Over quota: %1").arg(t.quotaOverrideReason);
    m_customerLabel->setText(customer.join(QStringLiteral(" · ")));
    m_tags->setTags(t.tags);
    QStringList inUse;
    for (const TagUse &use : m_session->cache()->tagsInUse())
        inUse.append(use.tag);
    m_tags->setTagsInUse(inUse);

    if (t.software.isEmpty()) {
        m_softwareLabel->setText(QString());
        m_softwareLabel->hide();
    } else {
        // The catalog's name in the reader's language; "out of scope" said once, before why.
        QString line = tr("Third-party software: %1")
                               .arg(QStringLiteral("%1 %2").arg(t.software, t.softwareVersion)
                                            .trimmed());
        if (catalog) {
            const ScopeCheck scope
                = PlanRules(*catalog).checkSoftware(t.software, t.softwareVersion);
            const QString name = scope.product ? scope.product->names.text(language)
                    : scope.software               ? scope.software->names.text(language)
                                                   : t.software;
            const QString what = QStringLiteral("%1 %2").arg(name, scope.version).trimmed();
            line = scope.check.allowed()
                    ? tr("Third-party software: %1 (in scope, advice only)").arg(what)
                    //: %1 why, e.g. "MySQL 8.0 is not covered; the plan covers 5.6, 5.7."
                    : tr("Third-party software out of scope: %1")
                              .arg(scope.check.message(catalog, language));
        }
        m_softwareLabel->setText(line);
        m_softwareLabel->show();
        // Its words changed at the same width: the least height follows them (a longer line of
        // the ticket shown before kept two lines' room, and the card below lost it).
        fitSoftwareLabel();
    }
    refreshCountdown();
}

void TicketPane::refreshEntitlements()
{
    const Ticket &t = *m_ticket;
    const Language language = TicketEdits::language();
    const PlanCatalog *catalog = plan();
    const Edition *edition = catalog ? catalog->edition(t.editionId) : nullptr;
    if (!edition) {
        m_entitlements->setText(
            escaped(tr("The catalogs have no edition \"%1\" of plan \"%2\": entitlements "
                       "unknown.")
                        .arg(t.editionId, t.planId)));
        return;
    }
    // Facts that are short run on in one line, joined by " · ": at 1280 × 800 the card of an
    // Enterprise partner then leaves the conversation below it room to be read.
    const QString dot = QStringLiteral(" · ");
    QStringList lines;
    QString planLine = QStringLiteral("<b>%1</b>")
                               .arg(escaped(tr("%1 — %2").arg(catalog->names().text(language),
                                                              edition->names.text(language))));
    if (!edition->handledBy.isEmpty())
        planLine += dot + escaped(tr("Handled by: %1").arg(edition->handledBy.text(language)));
    lines << planLine;

    QStringList targets;
    for (const Severity &s : catalog->severities()) {
        const auto minutes = edition->targetMinutes.value(s.id, -1);
        if (minutes < 0)
            continue;
        QString item
            = escaped(tr("%1: %2").arg(s.names.text(language), TimeFormat::target(minutes)));
        if (s.id == t.severity)
            item = QStringLiteral("<b>%1</b>").arg(item);
        targets << item;
    }
    lines << escaped(tr("Response targets:")) + u' ' + targets.join(dot);

    QStringList channels;
    for (const QString &id : edition->channels) {
        const Channel *c = catalog->channel(id);
        channels << (c ? c->names.text(language) : id);
    }
    lines << escaped(tr("Channels: %1").arg(channels.join(tr(", "))));

    bool planHasQuota = false;
    for (const Edition &e : catalog->editions())
        planHasQuota = planHasQuota || e.monthlyQuota.has_value();
    if (planHasQuota && m_customer) {
        if (edition->monthlyQuota) {
            const QuotaUse use = QuotaLedger::of(m_session)->use(*m_customer, now());
            QString line
                = escaped(tr("Tickets this month: %1 of %2").arg(use.used).arg(*use.limit));
            if (use.overQuota())
                line = QStringLiteral("<span style=\"color:%2\">%1</span>")
                               .arg(line, PaneColors::forPalette(palette()).overQuota.name());
            lines << line;
        } else {
            lines << escaped(tr("Tickets this month: unlimited"));
        }
    }

    for (const NamedContact &named : edition->namedContacts) {
        QString who = tr("not on file");
        if (m_customer) {
            for (const Contact &c : m_customer->contacts) {
                if (c.role == named.id) {
                    who = c.email.isEmpty() ? c.name : tr("%1 <%2>").arg(c.name, c.email);
                    break;
                }
            }
        }
        lines << escaped(tr("%1: %2").arg(named.names.text(language), who));
    }
    if (const EntitlementGrant *iem = edition->entitlement(u"iem")) {
        const EntitlementKind *kind = catalog->entitlementKind(u"iem");
        const QString name = kind ? kind->names.text(language) : iem->id;
        // How much of the year's allowance was used (docs/service-use.md), on the grant's line.
        const QString used = m_customer
                ? ServiceUseText::used(*catalog, edition->id, ServiceKind::Iem,
                                       ServiceUseText::thisYear(m_session, *m_customer,
                                                                ServiceKind::Iem, now()),
                                       language)
                : QString();
        if (!used.isEmpty())
            //: %1 "IEM: 3 of 8 days used this year"; %2 business days of notice
            lines << escaped(tr("%1, asked %2 business days ahead")
                                     .arg(used)
                                     .arg(iem->noticeBusinessDays.value_or(0)));
        else if (iem->naturalDaysPerYear)
            lines << escaped(tr("%1: up to %2 natural days a year, asked %3 business days ahead")
                                 .arg(name)
                                 .arg(*iem->naturalDaysPerYear)
                                 .arg(iem->noticeBusinessDays.value_or(0)));
        else
            lines << escaped(name);
        lines << escaped(iemNoticeText(*catalog, *edition));
    }
    if (const EntitlementGrant *training = edition->entitlement(u"training")) {
        const EntitlementKind *kind = catalog->entitlementKind(u"training");
        const QString name = kind ? kind->names.text(language) : training->id;
        const QString used = m_customer
                ? ServiceUseText::used(*catalog, edition->id, ServiceKind::Training,
                                       ServiceUseText::thisYear(m_session, *m_customer,
                                                                ServiceKind::Training, now()),
                                       language, true)
                : QString();
        if (!used.isEmpty())
            lines << escaped(used);
        else if (training->sessionsPerYear)
            lines << escaped(
                tr("%1: %2 sessions a year").arg(name).arg(*training->sessionsPerYear));
        else
            lines << escaped(tr("%1: limited").arg(name));
    }
    QStringList others;
    for (const EntitlementGrant &g : edition->entitlements) {
        // Those with lines of their own above.
        if (g.id == u"iem" || g.id == u"training"
            || std::any_of(edition->namedContacts.begin(), edition->namedContacts.end(),
                           [&g](const NamedContact &c) { return c.id == g.id; }))
            continue;
        const EntitlementKind *kind = catalog->entitlementKind(g.id);
        QString name = kind ? kind->names.text(language) : g.id;
        if (g.level == u"paid")
            name = tr("%1 (paid)").arg(name);
        others << name;
    }
    if (!others.isEmpty())
        lines << escaped(tr("Also: %1").arg(others.join(tr(", "))));
    m_entitlements->setText(lines.join(QStringLiteral("<br>")));
}

QString TicketPane::iemNoticeText(const PlanCatalog &catalog, const Edition &edition) const
{
    // Business days are mainland China's: the request is asked on today's date in Shanghai.
    const QDate today = now().toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai"))).date();
    const IemNotice notice
            = PlanRules(catalog).iemNotice(edition.id, today, m_session->calendar());
    if (!notice.check.allowed())
        return notice.check.message(&catalog, TicketEdits::language());
    //: %1 a date; the first day an Infrastructure Event Management request asked today may
    //: cover
    const QString line = tr("Asked today, an event can start on %1 at the earliest.")
                                 .arg(QLocale().toString(notice.earliest, QLocale::ShortFormat));
    const QString note = RuleCheck::provisionalNote(notice.provisionalYears);
    return note.isEmpty() ? line : line + QLatin1Char(' ') + note;
}

QString TicketPane::headerText() const
{
    return QStringList { m_badge->text(), m_title->text(), m_severity->text(),
                         m_customerLabel->text() }
        .join(u'\n');
}

QString TicketPane::entitlementsText() const
{
    QTextDocument doc;
    doc.setHtml(m_entitlements->text());
    return doc.toPlainText();
}

QString TicketPane::conversationText() const
{
    return m_conversation->toPlainText();
}

QString TicketPane::pendingText() const
{
    return m_pending->text();
}

QString TicketPane::problemText() const
{
    return m_problem->isVisible() || !m_problemOpId.isEmpty() ? m_problemLabel->text() : QString();
}

QString TicketPane::customerHeading(const Ticket &t, const Message &m, const QString &customer,
                                    const QString &when) const
{
    // Who wrote and on which channel, in words: the desk's own replies look alike otherwise
    // but for a colour. A mail's author is its address; a group's message names its sender
    // in the text ("张伟: …").
    const PlanCatalog *catalog = plan();
    const Channel *channel = catalog ? catalog->channel(t.channel) : nullptr;
    const QString via = channel ? channel->names.text(TicketEdits::language()) : t.channel;
    //: a name and its e-mail address (here: the customer and the address the mail came from)
    const QString who = m.authorId.contains(u'@') ? tr("%1 <%2>").arg(customer, m.authorId)
                                                  : customer;
    //: heading of a message the customer wrote: who, the channel it came by (E-mail, IM
    //: enterprise group), when
    return tr("From the customer · %1 · %2 · %3").arg(who, via, when);
}

void TicketPane::refreshConversation()
{
    if (!m_ticket)
        return;
    const Ticket &t = *m_ticket;
    QVector<Message> messages = m_session->cache()->messages(t.id);
    std::stable_sort(messages.begin(), messages.end(),
                     [](const Message &a, const Message &b) { return a.createdAt < b.createdAt; });
    QString html;
    const PaneColors colors = PaneColors::forPalette(palette());
    // Every block names its text colour too: a tint with the palette's text left implicit
    // was white on near-white under a dark palette.
    const auto block = [&html, &colors](const QString &style, const QString &heading,
                                        const QString &body) {
        html += QStringLiteral("<table width=\"100%\" cellpadding=\"6\" style=\"color:%4; %1\">"
                               "<tr><td><small><b>%2</b></small><br>%3</td></tr></table><br>")
                    .arg(style, heading, body, colors.text.name());
    };
    const QString customer = m_customer ? m_customer->name : t.customerId;
    // Each message's files under it (ui/attachmentpanel.*; the list above the composer has all).
    const QVector<AttachmentRecord> files = m_session->attachments()->forTicket(t.id);
    QVector<AttachmentRecord> opening; // with the customer's first text, not an agent's upload
    std::copy_if(files.cbegin(), files.cend(), std::back_inserter(opening),
                 [this](const AttachmentRecord &r) { return !m_agentNames.contains(r.createdBy); });
    if (!t.body.isEmpty() || !t.subject.isEmpty()) {
        block(QStringLiteral("background-color:%1;").arg(colors.opened.name()),
              escaped(tr("%1 opened the ticket · %2")
                          .arg(customer, TimeFormat::dateTime(t.createdAt))),
              escaped(t.body.isEmpty() ? t.subject : t.body)
                  + AttachmentPanel::filesUnder(opening, {}));
    }
    for (const Message &m : std::as_const(messages)) {
        const QString when = TimeFormat::dateTime(m.createdAt);
        QString author = agentName(m.authorId);
        if (author.isEmpty())
            author = m.kind == MessageKind::System ? tr("System") : customer;
        QString heading;
        QString style;
        if (m.kind == MessageKind::Internal) {
            //: heading of an internal note in the conversation
            heading = tr("Internal note · %1 · %2 · not shown to the customer").arg(author, when);
            style = QStringLiteral("background-color:%1; border-left: 4px solid %2;")
                            .arg(colors.note.name(), colors.noteEdge.name());
        } else if (m.kind == MessageKind::System) {
            heading = tr("System event · %1").arg(when);
            style = QStringLiteral("background-color:%1; color:%2;")
                            .arg(colors.system.name(), colors.systemText.name());
        } else if (m.kind == MessageKind::Customer) {
            heading = customerHeading(t, m, customer, when);
            style = QStringLiteral("background-color:%1; border-left: 4px solid %2;")
                            .arg(colors.customer.name(), colors.customerEdge.name());
        } else {
            //: heading of a public reply in the conversation
            heading = tr("Public reply · %1 · %2").arg(author, when);
            style = QStringLiteral("background-color:%1; border-left: 4px solid %2;")
                            .arg(colors.reply.name(), colors.replyEdge.name());
        }
        heading = escaped(heading);
        if (m_pendingMessageIds.contains(m.id))
            heading += QStringLiteral(" <i style=\"color:%2\">%1</i>")
                           .arg(escaped(tr("(waiting to be sent)")), colors.waiting.name());
        QString body = escaped(m.body);
        if (m.kind == MessageKind::System)
            body = QStringLiteral("<i>%1</i>").arg(escaped(systemEventText(m)));
        block(style, heading, body + AttachmentPanel::filesUnder(files, m.id));
    }
    m_conversation->setHtml(html);
    m_conversation->moveCursor(QTextCursor::End);
}

QString TicketPane::outboxSignature(const QVector<OutboxEntry> &entries) const
{
    QString signature;
    for (const OutboxEntry &e : entries)
        signature += e.op.opId + QString::number(int(e.state)) + e.code + u';';
    return signature;
}

void TicketPane::refreshOutbox()
{
    if (!m_ticket)
        return;
    int pending = 0;
    m_pendingMessageIds.clear();
    std::optional<OutboxEntry> problem;
    const QVector<OutboxEntry> entries = m_session->cache()->outboxOf(m_ticketId);
    m_outboxSignature = outboxSignature(entries);
    for (const OutboxEntry &e : entries) {
        const QString messageId = e.op.payload.value(OpKey::MessageId).toString();
        if (!messageId.isEmpty())
            m_pendingMessageIds.append(messageId);
        if (e.state == OutboxEntry::State::Pending)
            ++pending;
        else if (!problem)
            problem = e;
    }
    m_pending->setText(pending > 0 ? tr("%n edit(s) waiting to be sent", nullptr, pending)
                                   : QString());
    m_pending->setToolTip(pending > 0 ? tr("Saved here; sent when the server is reachable.")
                                      : QString());
    m_problemOpId = problem ? problem->op.opId : QString();
    m_problemIsConflict = problem && problem->state == OutboxEntry::State::Conflict;
    m_problemIsNewTicket = problem && !m_problemIsConflict
            && problem->op.type == opTypeName(OpType::CreateTicket);
    if (m_problemIsNewTicket) {
        // The ticket is only here: the customer's words are kept until the agent corrects
        // and sends it, or discards it. The plan's words; over the quota they ask for the
        // reason New ticket has a field for (docs/rules.md).
        const RuleCheck check = RuleCheck::fail(problem->code, problem->args);
        const QString why = problem->code == u"quota-exceeded"
                ? RuleCheck::quotaReasonAsked(problem->args)
                : check.message(plan(), TicketEdits::language());
        //: %1 the plan's rule that refused the new ticket
        m_problemLabel->setText(tr("The server refused this new ticket. %1 It is kept only "
                                   "on this desk until you edit and send it again, or discard "
                                   "it.")
                                        .arg(why));
    } else if (problem) {
        // The edit in the desk's one wording of ops ("Merge into #123"), as the conflict
        // dialog and the bulk report say it.
        const QString what = TicketEdits::describe(
                problem->op, TicketEdits::references(m_session, problem->op.ticketId));
        if (m_problemIsConflict) {
            //: %1 the edit in words ("Merge into #123")
            m_problemLabel->setText(tr("Someone changed this ticket on the server before your "
                                       "edit “%1” reached it.")
                                            .arg(what));
        } else {
            const RuleCheck check = RuleCheck::fail(problem->code, problem->args);
            const QString why = problem->code.startsWith(u"attachment-")
                    ? AttachmentPanel::refusalText(problem->code, problem->args)
                    : check.message(plan(), TicketEdits::language());
            //: %1 the edit in words ("Merge into #123"), %2 the rule that refused it
            m_problemLabel->setText(tr("The server refused your edit “%1”: %2").arg(what, why));
        }
        m_problemButton->setText(problemButtonText());
    }
    m_problemButton->setText(problemButtonText());
    m_problemResend->setVisible(m_problemIsNewTicket);
    // Any edit of a ticket the server does not have is refused in turn: the ways out are
    // the banner's.
    m_actionBar->setEnabled(!m_problemIsNewTicket);
    m_composerBox->setEnabled(!m_problemIsNewTicket);
    m_problem->setVisible(bool(problem));
    if (problem)
        m_lastError = m_problemLabel->text();
}

void TicketPane::refreshAgents()
{
    const QString current = m_ticket ? m_ticket->assigneeId : QString();
    m_assignee->clear();
    m_assignee->addItem(tr("Unassigned"), QString());
    m_agentNames.clear();
    const QVector<Agent> agents = m_session->cache()->agents();
    for (const Agent &a : agents) {
        m_agentNames.insert(a.id, TicketEdits::agentName(a));
        // The admin and service accounts (the customer portal) are named, never offered.
        if (a.takesTickets())
            m_assignee->addItem(TicketEdits::agentName(a), a.id);
    }
    int index = m_assignee->findData(current);
    if (index < 0) {
        // An agent the cache does not know yet, or an account given the ticket before it
        // could not be: shown as it is, not offered for others.
        m_assignee->addItem(m_agentNames.value(current, current), current);
        index = m_assignee->count() - 1;
    }
    m_assignee->setCurrentIndex(index);
}

void TicketPane::refreshActions()
{
    if (!m_ticket)
        return;
    const Ticket &t = *m_ticket;
    m_acceptButton->setEnabled(t.status == TicketStatus::New);
    m_assignee->setCurrentIndex(std::max(0, m_assignee->findData(t.assigneeId)));
    const auto me = m_session->me();
    m_assignMe->setEnabled(me && me->takesTickets() && me->id != t.assigneeId);
    int status = m_status->findData(t.status);
    m_status->setCurrentIndex(status);
    m_reclassify->setEnabled(plan() != nullptr);
    m_software->setEnabled(plan() != nullptr);
    m_send->setEnabled(!m_composer->toPlainText().trimmed().isEmpty());
}

bool TicketPane::save(const TicketEdit &edit, const QVector<AttachmentFile> &files)
{
    if (!m_ticket) {
        m_lastError = tr("No ticket is shown.");
        return false;
    }
    Operation op = TicketEdits::make(*m_ticket, edit, now());
    const QVector<AttachmentRecord> records = AttachmentCache::describe(op.ticketId, files);
    if (!records.isEmpty())
        op.payload.insert(Attachments::PayloadKey, AttachmentCache::payloadValue(records));
    const QString type = op.type;
    m_saving = true;
    AttachmentCache *attachments = m_session->attachments();
    const bool saved = m_session->saveEdit(op, [&] {
        return records.isEmpty() || attachments->queueUploads(op.opId, records, files);
    });
    m_saving = false;
    if (!saved) {
        const QString why = attachments->errorString().isEmpty()
                ? m_session->cache()->errorString()
                : attachments->errorString();
        m_lastError = tr("The %1 could not be saved: %2").arg(TicketEdits::editName(type), why);
        return false;
    }
    m_lastError.clear();
    reload();
    // This agent's own edit is no news to the reply being written.
    if (Draft &draft = m_drafts[op.ticketId]; draft.basis && m_ticket && op.ticketId == m_ticketId)
        draft.basis = ReplyBasis::of(*m_ticket, m_session->cache()->messages(m_ticketId));
    emit edited(op.ticketId, type);
    return true;
}

bool TicketPane::sendComposer()
{
    const QString text = m_composer->toPlainText().trimmed();
    if (text.isEmpty()) {
        m_lastError = tr("Write something first.");
        return false;
    }
    const QString id = m_ticketId;
    const ComposerMode mode = m_mode;
    if (mode == ComposerMode::Reply && !replyBasisHolds())
        return false;
    TicketEdit edit;
    edit.type = mode == ComposerMode::Reply ? OpType::Reply : OpType::Note;
    edit.messageId = TicketEdits::newId();
    edit.body = text;
    if (const auto me = m_session->me())
        edit.authorId = me->id;
    if (!save(edit, m_attachTray->files()))
        return false;
    // The actions of the macros inserted into this draft go now, after it (docs/macros.md).
    m_macros->sendStaged(id);
    m_attachTray->clear(id);
    Draft &draft = m_drafts[id];
    (mode == ComposerMode::Reply ? draft.reply : draft.note).clear();
    if (mode == ComposerMode::Reply)
        draft.basis.reset(); // the next reply starts from the ticket as it is then
    if (id == m_ticketId && mode == m_mode)
        m_composer->clear();
    return true;
}

bool TicketPane::accept()
{
    if (!m_ticket || m_ticket->status != TicketStatus::New) {
        m_lastError = m_ticket ? tr("The ticket is already accepted.") : tr("No ticket is shown.");
        return false;
    }
    TicketEdit edit;
    edit.type = OpType::Accept;
    return save(edit);
}

bool TicketPane::assignTo(const QString &agentId)
{
    if (m_ticket && m_ticket->assigneeId == agentId)
        return true;
    TicketEdit edit;
    edit.type = OpType::Assign;
    edit.assigneeId = agentId;
    return save(edit);
}

bool TicketPane::assignToMe()
{
    const auto me = m_session->me();
    if (!me) {
        m_lastError = tr("Not signed in yet: the program does not know who you are.");
        return false;
    }
    return assignTo(me->id);
}

bool TicketPane::setStatus(const QString &status)
{
    if (!TicketStatus::all().contains(status)) {
        m_lastError = tr("Unknown status \"%1\".").arg(status);
        return false;
    }
    if (m_ticket && m_ticket->status == status)
        return true;
    TicketEdit edit;
    edit.type = OpType::SetStatus;
    edit.status = status;
    return save(edit);
}

QDateTime TicketPane::waitingSince() const
{
    // applyEdit's reading, on the cached duplicates (core/merge.h).
    TicketCache *cache = m_session->cache();
    return SupportDesk::waitingSince(*m_ticket, [cache](const QString &id) {
        return cache->ticket(id);
    });
}

bool TicketPane::reclassify(const QString &severity, const QString &reason)
{
    const PlanCatalog *catalog = plan();
    if (!m_ticket || !catalog) {
        m_lastError = tr("No ticket with a known plan is shown.");
        return false;
    }
    QDateTime due;
    const auto me = m_session->me();
    const RuleCheck check = PlanRules(*catalog).reclassify(
            m_ticket->editionId, waitingSince(), m_ticket->severity, severity, reason, now(),
            me ? me->id : QString(), nullptr, &due);
    if (!check.allowed()) {
        m_lastError = check.message(catalog, TicketEdits::language());
        return false;
    }
    // The server computes the deadline itself; the local one shows it until the server answers.
    TicketEdit edit;
    edit.type = OpType::Reclassify;
    edit.severity = severity;
    edit.reason = reason.trimmed();
    edit.dueAt = due;
    return save(edit);
}

bool TicketPane::setSoftware(const QString &software, const QString &version)
{
    // As the server will keep it: the catalog's spelling, the version alone.
    const SoftwareRef ref = plan() ? plan()->findSoftware(software, version) : SoftwareRef();
    TicketEdit edit;
    edit.type = OpType::SetSoftware;
    edit.software = ref.isValid() ? ref.canonicalName() : software.trimmed();
    edit.softwareVersion = ref.isValid() ? ref.version.trimmed() : version.trimmed();
    return save(edit);
}

bool TicketPane::addTag(const QString &tag)
{
    TicketEdit edit;
    edit.type = OpType::AddTag;
    edit.tag = normalizeTag(tag);
    return save(edit);
}

bool TicketPane::removeTag(const QString &tag)
{
    TicketEdit edit;
    edit.type = OpType::RemoveTag;
    edit.tag = tag;
    return save(edit);
}

void TicketPane::focusReply()
{
    if (!m_ticket)
        return;
    setComposerMode(ComposerMode::Reply);
    m_composer->setFocus(Qt::ShortcutFocusReason);
}

void TicketPane::focusNote()
{
    if (!m_ticket)
        return;
    setComposerMode(ComposerMode::Note);
    m_composer->setFocus(Qt::ShortcutFocusReason);
}

void TicketPane::openReclassifyDialog()
{
    if (!m_ticket || !plan())
        return;
    auto *dialog = new ReclassifyDialog(*plan(), *m_ticket, this);
    dialog->setWaitingSince(waitingSince());
    dialog->setClock(m_clock);
    dialog->setAtRiskFraction(m_session->teamSettings().atRiskFraction);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_ticketId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        if (id == m_ticketId)
            reclassify(dialog->severity(), dialog->reason());
    });
    m_dialog = dialog;
    dialog->open();
}

void TicketPane::openThirdPartyDialog()
{
    if (!m_ticket || !plan())
        return;
    auto *dialog = new ThirdPartyDialog(*plan(), this);
    dialog->setSoftware(m_ticket->software, m_ticket->softwareVersion);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = m_ticketId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, id] {
        if (id == m_ticketId)
            setSoftware(dialog->software(), dialog->version());
    });
    m_dialog = dialog;
    dialog->open();
}

QString TicketPane::problemButtonText() const
{
    if (m_problemIsConflict)
        return tr("Resolve…");
    //: drops a new ticket the server refused (asks first)
    return m_problemIsNewTicket ? tr("&Discard…") : tr("Dismiss");
}

void TicketPane::confirmDiscard()
{
    const QString opId = m_problemOpId;
    const QString subject = m_ticket ? m_ticket->subject : QString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Discard the new ticket"),
                                //: %1 the refused new ticket's subject
                                tr("Discard the new ticket “%1”? The server refused it and "
                                   "only this desk has it: what the customer wrote is lost.")
                                        .arg(subject),
                                QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, opId] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Discard
            && !m_session->drop(opId))
            m_lastError = m_session->cache()->errorString();
    });
    m_dialog = box;
    box->open();
}

void TicketPane::resolveProblem()
{
    if (m_problemOpId.isEmpty())
        return;
    if (m_problemIsNewTicket) {
        confirmDiscard();
        return;
    }
    if (!m_problemIsConflict) {
        m_session->drop(m_problemOpId);
        return;
    }
    auto *dialog = new ConflictDialog(m_session, m_problemOpId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}

void TicketPane::setPresence(const Presence::Board *board, Presence::Reporter *reporter)
{
    m_presenceLine->setBoard(board);
    m_reporter = reporter;
    if (reporter)
        reporter->view(m_ticketId);
}

bool TicketPane::eventFilter(QObject *watched, QEvent *event)
{
    // A row's words changed (the agents' names came, a tab's count, the font): the pane's
    // least width follows.
    if ((watched == m_body || watched == m_actionBar
         || (m_header && watched == m_header->widget()))
        && event->type() == QEvent::LayoutRequest)
        fitWidth();
    // A wrapped line beside a button is given one line's height where the pane is short of
    // room (at 1.5 times the system font its second line was cut): the height its words
    // need at its width.
    if (watched == m_softwareLabel && event->type() == QEvent::Resize)
        fitSoftwareLabel();
    // The tab bar handles its tabs' keys (Alt+U: the customer history) by showing the tab;
    // the keyboard stayed where it was (the queue), so Enter could not open a ticket of the
    // history the agent had just asked for. Once the tab is shown, into its page.
    if (event->type() == QEvent::Shortcut && m_conversationTabs
        && watched == m_conversationTabs->tabBar())
        QTimer::singleShot(0, this, &TicketPane::focusCurrentTab);
    if (watched == m_composer) {
        // Keys that write (text, deletions, an input method's commit), not the ones that only
        // move the cursor or a shortcut: those are no reply being written.
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if (!key->text().isEmpty() && key->text().at(0).isPrint())
                composerKey();
            else if (key->key() == Qt::Key_Backspace || key->key() == Qt::Key_Delete
                     || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
                composerKey();
        } else if (event->type() == QEvent::InputMethod
                   && !static_cast<QInputMethodEvent *>(event)->commitString().isEmpty()) {
            composerKey();
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TicketPane::focusCurrentTab()
{
    QWidget *page = m_conversationTabs->currentWidget();
    // The first control of the page that Tab would stop at: the history's list, the
    // conversation, the links' list.
    for (QWidget *w = page; w; w = w->nextInFocusChain()) {
        if ((w == page || page->isAncestorOf(w)) && (w->focusPolicy() & Qt::TabFocus)
            && w->isVisible() && w->isEnabled()) {
            w->setFocus(Qt::ShortcutFocusReason);
            return;
        }
        if (w->nextInFocusChain() == page)
            return;
    }
}

void TicketPane::composerKey()
{
    if (!m_ticket || m_mode != ComposerMode::Reply)
        return;
    if (m_reporter)
        m_reporter->typed();
    Draft &draft = m_drafts[m_ticketId];
    if (!draft.basis)
        draft.basis = ReplyBasis::of(*m_ticket, m_session->cache()->messages(m_ticketId));
}

bool TicketPane::replyBasisHolds()
{
    Draft &draft = m_drafts[m_ticketId];
    if (!draft.basis || !m_ticket)
        return true;
    const QVector<Message> messages = m_session->cache()->messages(m_ticketId);
    const auto me = m_session->me();
    const QStringList changes = draft.basis->changes(
        *m_ticket, messages, me ? me->id : QString(),
        [this](const QString &id) { return agentName(id); });
    if (changes.isEmpty())
        return true;
    ChangedTicketDialog dialog(changes, this);
    const bool send = dialog.exec() == QDialog::Accepted;
    // Seen either way: the next send compares with the ticket as it is now.
    draft.basis = ReplyBasis::of(*m_ticket, messages);
    if (!send)
        m_lastError = tr("Not sent: the ticket changed since you started writing.");
    return send;
}

bool TicketPane::mergeInto(const QString &targetId)
{
    TicketEdit edit;
    edit.type = OpType::Merge;
    edit.targetId = targetId;
    if (!save(edit))
        return false;
    // The duplicate is closed and leaves the queue: the conversation goes on in the target.
    emit openTicketRequested(targetId);
    return true;
}

bool TicketPane::linkTo(const QString &targetId)
{
    TicketEdit edit;
    edit.type = OpType::Link;
    edit.targetId = targetId;
    return save(edit);
}

bool TicketPane::unlinkFrom(const QString &targetId)
{
    TicketEdit edit;
    edit.type = OpType::Unlink;
    edit.targetId = targetId;
    return save(edit);
}

void TicketPane::openMergeDialog()
{
    if (!m_ticket)
        return;
    auto *dialog = new MergeDialog(m_session, *m_ticket, MergeDialog::Purpose::Merge, now(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { mergeInto(dialog->targetId()); });
    dialog->open();
}

void TicketPane::openLinkDialog()
{
    if (!m_ticket)
        return;
    auto *dialog = new MergeDialog(m_session, *m_ticket, MergeDialog::Purpose::Link, now(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { linkTo(dialog->targetId()); });
    dialog->open();
}

} // namespace SupportDesk
