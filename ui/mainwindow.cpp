#include "mainwindow.h"

#include "bulkbar.h"
#include "macromanager.h"
#include "panecolors.h"
#include "placeholderwidth.h"

#include "desksession.h"
#include "focusmarker.h"
#include "languagemanager.h"
#include "leadboardwidget.h"
#include "merge.h"
#include "planreferencewidget.h"
#include "queuemodel.h"
#include "queueloadingnotice.h"
#include "queueview.h"
#include "recordnames.h"
#include "savedviewlist.h"
#include "shortcutsdialog.h"
#include "syncengine.h"
#include "ticketcache.h"
#include "ticketedit.h"
#include "ticketedits.h"
#include "timeformat.h"
#include "triagedialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyleOptionComboBox>
#include <QTabWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace SupportDesk {

static const char SplitterKey[] = "mainWindow/splitter";
static const char GeometryKey[] = "mainWindow/geometry";
// Version 2: the subject stretches and the other columns fit their texts (a saved state
// of the first layout would bring back its cut columns).
static const char HeaderKey[] = "mainWindow/queueHeader2";

namespace {

// The search and the four filters on one row where they fit, else the search on a row of its
// own above the filters: at 1.5 times the system font one row needed more than the queue's
// column had beside the list and the pane, and the splitter cut every filter's words by up to
// 33 px (issue 17).
class FilterRow : public QWidget
{
public:
    FilterRow(QWidget *search, const QList<QComboBox *> &filters)
        : m_grid(new QGridLayout(this))
        , m_search(search)
        , m_filters(filters)
    {
        m_grid->setContentsMargins(0, 0, 0, 0);
        // Its minimum is the two rows' (minimumSizeHint), not the one row's it shows.
        m_grid->setSizeConstraint(QLayout::SetNoConstraint);
        for (QComboBox *box : filters)
            connect(box, &QComboBox::currentTextChanged, this, [this] { arrange(); });
        arrange();
    }

    QSize minimumSizeHint() const override
    {
        int height = 0;
        for (const QWidget *f : m_filters)
            height = std::max(height, f->minimumSizeHint().height());
        return { std::max(searchWidth(), filtersWidth()),
                 m_search->minimumSizeHint().height() + m_grid->verticalSpacing() + height };
    }

    QSize sizeHint() const override { return m_grid->sizeHint(); }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QWidget::resizeEvent(event);
        arrange();
    }

private:
    // What a box needs to show its current words whole (its minimum is a few letters, its
    // size hint the longest words it offers).
    static int needs(const QComboBox *box)
    {
        QStyleOptionComboBox option;
        option.initFrom(box);
        const QSize text(box->fontMetrics().horizontalAdvance(box->currentText()),
                         box->fontMetrics().height());
        return box->style()->sizeFromContents(QStyle::CT_ComboBox, &option, text, box).width();
    }

    // The search's least: its placeholder whole (holdPlaceholder(); at the window's least size
    // it shrank to a few letters beside the filters, audit 11).
    int searchWidth() const
    {
        return std::max(m_search->minimumWidth(), m_search->minimumSizeHint().width());
    }

    int filtersWidth() const
    {
        int width = m_grid->horizontalSpacing() * int(m_filters.size() - 1);
        for (const QComboBox *box : m_filters)
            width += needs(box);
        return width;
    }

    void arrange()
    {
        const bool twoRows
                = width() < searchWidth() + m_grid->horizontalSpacing() + filtersWidth();
        const int count = int(m_filters.size());
        for (int c = 0; c <= count; ++c)
            m_grid->setColumnMinimumWidth(c, 0);
        // A box's least is its current words (a box sized to its contents asks for its longest
        // entry, so the row overflowed its column where it had room for the words shown, and
        // the last box, "All statuses", ran into the pane's splitter; audit 11).
        for (QComboBox *box : m_filters)
            box->setMinimumWidth(needs(box));
        for (int i = 0; i < count; ++i)
            m_grid->setColumnMinimumWidth(twoRows ? i : i + 1, needs(m_filters.at(i)));
        if (m_arranged && twoRows == m_twoRows)
            return;
        m_arranged = true;
        m_twoRows = twoRows;
        for (int c = 0; c <= count; ++c)
            m_grid->setColumnStretch(c, 0);
        if (twoRows) {
            m_grid->addWidget(m_search, 0, 0, 1, count);
            for (int i = 0; i < count; ++i) {
                m_grid->addWidget(m_filters.at(i), 1, i);
                m_grid->setColumnStretch(i, 1);
            }
        } else {
            m_grid->addWidget(m_search, 0, 0);
            m_grid->setColumnStretch(0, 3);
            for (int i = 0; i < count; ++i) {
                m_grid->addWidget(m_filters.at(i), 0, i + 1);
                m_grid->setColumnStretch(i + 1, 1);
            }
        }
        updateGeometry();
    }

    QGridLayout *m_grid;
    QWidget *m_search;
    QList<QComboBox *> m_filters;
    bool m_arranged = false;
    bool m_twoRows = false;
};

} // namespace

MainWindow::MainWindow(DeskSession *session, LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_languages(languages)
    , m_state(session->syncState())
{
    FocusMarker::install(); // focus visible on views and text views too (issue 17)
    m_model = new QueueModel(session, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_queuePage = createQueuePage();
    m_tabs->addTab(m_queuePage, QString());
    setCentralWidget(m_tabs);
    // A lead's board is made when its tab is first shown (makeLeadBoard()).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_boardPage && m_tabs->currentWidget() == m_boardPage)
            makeLeadBoard();
    });
    createMenus();
    createStatusBar();

    connect(m_model, &QueueModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_view, &QueueView::currentTicketChanged, this, [this](const QString &id) {
        m_reply->setEnabled(!id.isEmpty());
        m_accept->setEnabled(!id.isEmpty());
        emit currentTicketChanged(id);
    });
    connect(session, &DeskSession::syncStateChanged, this, &MainWindow::updateSyncState);
    // The engine's reason comes right after it went offline: the banner says it (a certificate
    // the desk does not trust must not read like a server that is down).
    connect(session, &DeskSession::error, this, [this](const QString &message) {
        if (m_state != SyncState::Offline)
            return;
        m_offlineReason = message;
        m_stateLabel->setToolTip(message);
        updateStaleBanner();
    });
    // The status bar's count of waiting edits: at most four times a second, however many
    // changes come (a bulk run's batches and the server's answers to them: each count was an
    // event of its own, ~35 ms with 75,000 edits waiting; docs/bulk.md).
    m_outboxCount = new QTimer(this);
    m_outboxCount->setSingleShot(true);
    m_outboxCount->setInterval(250);
    connect(m_outboxCount, &QTimer::timeout, this, &MainWindow::updateOutbox);
    const auto countOutboxSoon = [this] {
        if (!m_outboxCount->isActive())
            m_outboxCount->start();
    };
    connect(session, &DeskSession::outboxChanged, this, countOutboxSoon);
    connect(session, &DeskSession::ticketsChanged, this, countOutboxSoon);
    connect(session, &DeskSession::clockOffsetChanged, this, &MainWindow::updateClockOffset);
    connect(session, &DeskSession::lastSyncChanged, this, [this](const QDateTime &at) {
        m_lastSync = at;
        updateLastSync();
        updateStaleBanner();
    });
    connect(session, &DeskSession::signedIn, this, [this] {
        updateAgent();
        updateRoleViews();
    });
    connect(session, &DeskSession::signedOut, this, [this] {
        updateAgent();
        updateRoleViews();
    });
    connect(session, &DeskSession::catalogsChanged, this, &MainWindow::fillFilters);
    // Accepting or answering the current ticket sends it down among the answered ones; the
    // selection stays on the next ticket to work on. A bulk run's replies are not that: its
    // rows stay selected (audit 11, D6: the run's reply to the current row left one row).
    connect(session, &DeskSession::editSaved, this,
            [this](const QString &ticketId, const QString &type, EditOrigin origin) {
                const std::optional<OpType> op = opTypeFromName(type);
                if (origin == EditOrigin::OneTicket
                    && (op == OpType::Accept || op == OpType::Reply))
                    m_view->keepPlaceAfterAnswer(ticketId);
            });

    QSettings settings;
    if (!restoreGeometry(settings.value(QLatin1String(GeometryKey)).toByteArray())) {
        // First run: the screen's whole width, up to 1600 × 960, so the queue's columns, its
        // filters and the ticket pane all fit (at 90 % of a 1440 px screen they did not).
        QSize size(1600, 960);
        if (const QScreen *screen = this->screen())
            size = size.boundedTo(screen->availableGeometry().size());
        resize(size);
    }
    const QByteArray splitterState = settings.value(QLatin1String(SplitterKey)).toByteArray();
    const bool firstRun = splitterState.isEmpty() || !m_splitter->restoreState(splitterState);
    const QByteArray header = settings.value(QLatin1String(HeaderKey)).toByteArray();
    if (!header.isEmpty())
        m_view->restoreLayout(header);

    m_lastSync = session->lastSync();
    updateRoleViews();
    retranslateUi();
    if (firstRun) {
        // The queue list as wide as its names (now they are written), the pane 400 px, the
        // queue the rest: at 1440 px its columns fit without a scroll bar.
        const int list = queueListWidth();
        m_splitter->setSizes({ list, width() - list - 400, 400 });
    }
    updateSyncState(m_state);
    updateOutbox();
    updateAgent();
    updateClockOffset(session->clockOffsetMs());
    updateLastSync();
    m_view->setFocus();
    if (m_model->rowCount() > 0)
        m_view->moveCurrent(0);
}

MainWindow::~MainWindow()
{
    saveLayout();
}

QWidget *MainWindow::createQueuePage()
{
    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("queueSplitter"));
    m_splitter->setChildrenCollapsible(false);

    m_queueList = new QListWidget;
    m_queueList->setObjectName(QStringLiteral("queueList"));
    for (int q = 0; q < QueueModel::QueueCount; ++q) {
        auto *item = new QListWidgetItem(m_queueList);
        item->setData(Qt::UserRole, q);
    }
    m_queueList->setCurrentRow(m_model->queue());
    // Its names, counts and font change: the list stays as wide as they are.
    m_queueList->installEventFilter(this);
    connect(m_queueList->model(), &QAbstractItemModel::dataChanged, this,
            &MainWindow::fitQueueList);
    connect(m_queueList->model(), &QAbstractItemModel::rowsInserted, this,
            &MainWindow::fitQueueList);
    connect(m_queueList->model(), &QAbstractItemModel::rowsRemoved, this,
            &MainWindow::fitQueueList);
    // Clicking the current queue again ends a lead board pick too.
    connect(m_queueList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (TriageEntry::isEntry(item))
            return; // opened by currentRowChanged, which comes first
        leaveView();
        m_model->setQueue(QueueModel::Queue(item->data(Qt::UserRole).toInt()));
        updateOnlyBanner();
    });
    connect(m_queueList, &QListWidget::currentRowChanged, this, [this](int row) {
        if (TriageEntry::isEntry(m_queueList->item(row))) {
            // Not a queue: the triage window opens and the queue shown stays current.
            openTriage();
            m_queueList->setCurrentRow(m_model->queue());
            return;
        }
        if (row >= 0) {
            leaveView();
            m_model->setQueue(QueueModel::Queue(row));
        }
        updateOnlyBanner();
    });
    // The agent's saved views under the queues (docs/tags-and-views.md).
    m_savedViews = new SavedViewList(m_session, m_model);
    connect(m_savedViews, &SavedViewList::viewChosen, this, &MainWindow::applyView);
    connect(m_savedViews, &SavedViewList::notice, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_savedViews, &SavedViewList::aboutToSave, this, [this] {
        if (m_searchDelay->isActive()) { // the search typed a moment ago is the one saved
            m_searchDelay->stop();
            m_model->setSearchText(m_search->text());
        }
    });
    m_splitter->addWidget(SavedViewList::besideQueues(m_queueList, m_savedViews));

    auto *middle = new QWidget;
    auto *layout = new QVBoxLayout(middle);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    // A search typed while a pick is shown is a search of the queue: the pick ends.
    connect(m_search, &QLineEdit::textEdited, this, [this] {
        if (m_model->isShowingOnly()) {
            m_model->clearShownTickets();
            updateOnlyBanner();
        }
    });
    connect(m_searchDelay, &QTimer::timeout, this,
            [this] { m_model->setSearchText(m_search->text()); });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        m_model->setSearchText(m_search->text());
        m_view->setFocus();
    });
    // The slot captures the window and the combo box themselves, never the enclosing
    // lambda (under ASan+UBSan a nested capture of `this` read the window from a closure
    // that was gone; docs/fuzzing.md).
    QueueModel *model = m_model;
    const auto combo = [this, model](const char *name, void (QueueModel::*set)(const QString &)) {
        auto *box = new QComboBox;
        box->setObjectName(QLatin1String(name));
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(box, &QComboBox::currentIndexChanged, model,
                [model, box, set] { (model->*set)(box->currentData().toString()); });
        return box;
    };
    m_edition = combo("editionFilter", &QueueModel::setEditionFilter);
    m_severity = combo("severityFilter", &QueueModel::setSeverityFilter);
    m_channel = combo("channelFilter", &QueueModel::setChannelFilter);
    m_status = combo("statusFilter", &QueueModel::setStatusFilter);
    layout->addWidget(new FilterRow(m_search, { m_edition, m_severity, m_channel, m_status }));

    m_onlyBanner = new QWidget;
    auto *banner = new QHBoxLayout(m_onlyBanner);
    banner->setContentsMargins(6, 2, 6, 2);
    m_onlyLabel = new QLabel;
    m_onlyClear = new QPushButton;
    connect(m_onlyClear, &QPushButton::clicked, this, [this] {
        m_model->clearShownTickets();
        updateOnlyBanner();
    });
    banner->addWidget(m_onlyLabel, 1);
    banner->addWidget(m_onlyClear);
    // Tints follow the palette (PaneColors): a fixed pale one held a dark high-contrast
    // palette's white words at 1.1:1.
    PaneColors::setTint(m_onlyBanner, &PaneColors::notice);
    m_onlyBanner->hide();
    layout->addWidget(m_onlyBanner);
    layout->addWidget(new QueueLoadingNotice(m_model)); // a large queue's first screen

    m_staleLabel = new QLabel;
    m_staleLabel->setObjectName(QStringLiteral("staleBanner"));
    m_staleLabel->setWordWrap(true);
    m_staleLabel->setContentsMargins(6, 3, 6, 3);
    m_staleLabel->setFrameStyle(QFrame::Box | QFrame::Plain);
    PaneColors::setTint(m_staleLabel, &PaneColors::alert);
    m_staleLabel->hide();
    layout->addWidget(m_staleLabel);

    m_view = new QueueView;
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setQueueModel(m_model);
    // Under the queue while several tickets are selected (docs/bulk.md): over it, its coming
    // with the second selected row pushed every row down under the pointer, and the next
    // Ctrl+click landed on another ticket. Below, it takes the queue's last lines and moves none.
    m_bulk = new BulkBar(m_session, m_view);
    connect(m_bulk, &BulkBar::openTicket, this, &MainWindow::showTicket);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_bulk);
    m_splitter->addWidget(middle);

    // integration: the ticket pane (branch ticketpane) replaces this placeholder through
    // setTicketPane(), and follows currentTicketChanged().
    m_pane = new QWidget;
    m_pane->setObjectName(QStringLiteral("ticketPanePlaceholder"));
    auto *paneLayout = new QVBoxLayout(m_pane);
    m_paneLabel = new QLabel;
    m_paneLabel->setAlignment(Qt::AlignCenter);
    m_paneLabel->setWordWrap(true);
    m_paneLabel->setEnabled(false);
    paneLayout->addWidget(m_paneLabel);
    m_splitter->addWidget(m_pane);
    m_splitter->setStretchFactor(1, 1);

    fillFilters();
    return m_splitter;
}

void MainWindow::setTicketPane(QWidget *pane)
{
    if (!pane || pane == m_pane)
        return;
    const QByteArray state = m_splitter->saveState();
    const int index = m_splitter->indexOf(m_pane);
    m_splitter->replaceWidget(index, pane);
    // The splitter keeps its handle where the user left it whatever ticket the pane shows: a
    // minimum width of its own, else each ticket's content sets it (and the handle jumps).
    pane->setMinimumWidth(
        std::max(pane->minimumWidth(), fontMetrics().horizontalAdvance(QLatin1Char('M')) * 28));
    m_pane->deleteLater();
    m_pane = pane;
    m_paneLabel = nullptr;
    m_splitter->restoreState(state);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_syncNow = m_fileMenu->addAction(QString(), m_session, &DeskSession::syncNow);
    m_syncNow->setShortcut(QKeySequence::Refresh);
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
    // The platform's key where it has one; where it has none (offscreen, some desktops) the
    // common one, so that Help → Keyboard shortcuts never lists an action without its key.
    m_quit->setShortcuts(QKeySequence::keyBindings(QKeySequence::Quit).isEmpty()
                                 ? QList<QKeySequence> { QKeySequence(Qt::CTRL | Qt::Key_Q) }
                                 : QKeySequence::keyBindings(QKeySequence::Quit));

    m_ticketMenu = menuBar()->addMenu(QString());
    m_newTicket = m_ticketMenu->addAction(QString(), this, &MainWindow::newTicketRequested);
    m_newTicket->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_reply = m_ticketMenu->addAction(QString(), this,
                                      [this] { emit replyRequested(currentTicketId()); });
    m_reply->setShortcut(QKeySequence(Qt::Key_R));
    m_accept = m_ticketMenu->addAction(QString(), this,
                                       [this] { emit acceptRequested(currentTicketId()); });
    m_accept->setShortcut(QKeySequence(Qt::Key_A));
    m_ticketMenu->addSeparator();
    m_next = m_ticketMenu->addAction(QString(), this, [this] { m_view->moveCurrent(1); });
    m_next->setShortcut(QKeySequence(Qt::Key_J));
    m_previous = m_ticketMenu->addAction(QString(), this, [this] { m_view->moveCurrent(-1); });
    m_previous->setShortcut(QKeySequence(Qt::Key_K));
    m_reply->setEnabled(false);
    m_accept->setEnabled(false);
    m_mergeInto = m_ticketMenu->addAction(QString(), this,
                                          [this] { emit mergeRequested(currentTicketId()); });
    // The pane's Link… and Customer history, here with their keys, which work from the whole
    // window (Alt+K was the Links tab's button's mnemonic: it worked only while that showed).
    m_linkTicket = m_ticketMenu->addAction(QString(), this,
                                           [this] { emit linkRequested(currentTicketId()); });
    m_linkTicket->setShortcut(QKeySequence(Qt::ALT | Qt::Key_K));
    m_customerHistory = m_ticketMenu->addAction(QString(), this, [this] {
        m_tabs->setCurrentWidget(m_queuePage);
        emit customerHistoryRequested(currentTicketId());
    });
    m_customerHistory->setShortcut(QKeySequence(Qt::ALT | Qt::Key_U));
    m_ticketMenu->setToolTipsVisible(true); // a disabled Merge into… says why
    updateTicketActions();
    connect(m_view, &QueueView::currentTicketChanged, this, &MainWindow::updateTicketActions);
    connect(m_session, &DeskSession::ticketsChanged, this, [this](const QStringList &ids) {
        if (ids.contains(currentTicketId()))
            updateTicketActions();
    });
    connect(m_session, &DeskSession::signedIn, this, &MainWindow::updateTicketActions);
    connect(m_session, &DeskSession::cacheReset, this, &MainWindow::updateTicketActions);
    m_ticketMenu->addSeparator();
    m_manageMacros = m_ticketMenu->addAction(QString(), this, &MainWindow::openMacroManager);

    m_viewMenu = menuBar()->addMenu(QString());
    m_find = m_viewMenu->addAction(QString(), this, [this] {
        m_tabs->setCurrentWidget(m_queuePage);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_find->setShortcut(QKeySequence::Find);
    m_showQueue = m_viewMenu->addAction(QString(), this, [this] {
        m_tabs->setCurrentWidget(m_queuePage);
        m_view->setFocus(Qt::ShortcutFocusReason);
    });
    m_showQueue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_showBoard = m_viewMenu->addAction(QString(), this, [this] {
        if (QWidget *board = boardTab())
            m_tabs->setCurrentWidget(board);
    });
    m_showBoard->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_showBoard->setVisible(false);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_savedViews->saveAction());
    // The queue's Tags column, the agent's choice, kept at once (docs/tags-and-views.md).
    m_viewMenu->addAction(m_view->tagsColumnAction());
    connect(m_view->tagsColumnAction(), &QAction::toggled, this, &MainWindow::saveLayout);

    if (m_languages)
        menuBar()->addMenu(m_languages->createMenu(this));

    m_helpMenu = menuBar()->addMenu(QString());
    m_shortcuts = m_helpMenu->addAction(QString(), this, &MainWindow::showShortcuts);
    m_shortcuts->setShortcuts(
            { QKeySequence::HelpContents, QKeySequence(Qt::CTRL | Qt::Key_Slash) });
    m_planReferenceAction = m_helpMenu->addAction(QString(), this, &MainWindow::showPlanReference);
    m_about = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About SupportDesk"),
                           tr("SupportDesk %1\nThe agent desk of the cloud support centre.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::showShortcuts()
{
    // The list is read from the widgets' actions: a lead's board, made when its tab is first
    // shown, brings its keys (Enter on a table, Ctrl+Shift+A) now, so they are listed before.
    makeLeadBoard();
    auto *dialog = new ShortcutsDialog(this, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::createStatusBar()
{
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("syncState"));
    QFont bold; // only the weight: the size stays the system's
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    m_lastSyncLabel = new QLabel;
    m_outboxLabel = new QLabel;
    m_outboxLabel->setObjectName(QStringLiteral("outbox"));
    m_agentLabel = new QLabel;
    m_agentLabel->setObjectName(QStringLiteral("agent"));
    m_clockLabel = new QLabel;
    m_clockLabel->setObjectName(QStringLiteral("clockOffset"));
    // Permanent, all of them: a notice (showMessage) takes the place of the normal widgets,
    // and the connection, last sync and outbox must stay in sight while one is shown.
    statusBar()->addPermanentWidget(m_stateLabel);
    statusBar()->addPermanentWidget(m_lastSyncLabel);
    statusBar()->addPermanentWidget(m_outboxLabel);
    statusBar()->addPermanentWidget(m_clockLabel);
    statusBar()->addPermanentWidget(m_agentLabel);
}

void MainWindow::updateRoleViews()
{
    const auto me = m_session->me();
    const bool lead = me && me->leadsTeam();
    if (lead != bool(m_triage)) {
        delete std::exchange(m_triage, nullptr);
        if (lead)
            m_triage = new TriageEntry(m_session, m_queueList, this);
    }
    if (!lead && boardTab()) {
        QWidget *page = boardTab();
        if (m_tabs->currentWidget() == page)
            m_tabs->setCurrentWidget(m_queuePage);
        m_tabs->removeTab(m_tabs->indexOf(page));
        page->removeEventFilter(this);
        delete page;
        m_board = nullptr;
        m_boardPage = nullptr;
        m_showBoard->setVisible(false);
        // A pick made on the board is the board's: it goes with it.
        if (m_model->isShowingOnly()) {
            m_model->clearShownTickets();
            m_queueList->setCurrentRow(m_model->queue());
            updateOnlyBanner();
        }
        return;
    }
    if (!lead || boardTab())
        return;
    // The tab, with a stand-in until it is first shown: made here, the board's pages, tables,
    // panels and their models cost the lead's sign-in 4-6 ms of GUI time for a tab that may
    // not be looked at for a while (docs/leadboard.md).
    m_boardPage = new QWidget;
    m_boardPage->setObjectName(QStringLiteral("leadBoardPage"));
    m_tabs->addTab(m_boardPage, LeadBoardWidget::title());
    m_showBoard->setVisible(true);
}

QWidget *MainWindow::boardTab() const
{
    return m_board ? static_cast<QWidget *>(m_board) : m_boardPage;
}

LeadBoardWidget *MainWindow::leadBoard()
{
    makeLeadBoard();
    return m_board;
}

void MainWindow::makeLeadBoard()
{
    if (m_board || !m_boardPage)
        return;
    QWidget *page = std::exchange(m_boardPage, nullptr);
    m_board = new LeadBoardWidget(m_session);
    // The board retranslates its own title; the tab follows it.
    m_board->installEventFilter(this);
    connect(m_board, &LeadBoardWidget::openTickets, this, &MainWindow::showTickets);
    // In the stand-in's place, current if it was.
    const int index = m_tabs->indexOf(page);
    const bool current = m_tabs->currentIndex() == index;
    m_tabs->insertTab(index, m_board, m_board->windowTitle());
    if (current)
        m_tabs->setCurrentIndex(index);
    m_tabs->removeTab(m_tabs->indexOf(page));
    page->deleteLater();
}

void MainWindow::showTickets(const QStringList &ticketIds)
{
    showOnly(ticketIds, Pick::LeadBoard);
}

void MainWindow::showTicket(const QString &ticketId)
{
    // A ticket made a moment ago is still among the queue's gathered changes.
    m_model->applyGatheredChanges();
    m_tabs->setCurrentWidget(m_queuePage);
    if (selectTicket(ticketId))
        return;
    // An earlier search is the usual reason it is left out; with the search ended, the
    // queue may hold it.
    clearSearch();
    if (selectTicket(ticketId))
        return;
    showOnly({ ticketId }, Pick::Opened);
    selectTicket(ticketId);
}

void MainWindow::clearSearch()
{
    if (m_search->text().isEmpty() && m_model->searchText().isEmpty())
        return;
    const QSignalBlocker blocker(m_search);
    m_search->clear();
    m_searchDelay->stop();
    m_model->setSearchText(QString());
}

void MainWindow::applyView(const SavedView &view)
{
    const QueueModel::Selection s = SavedViewList::selectionOf(view);
    m_tabs->setCurrentWidget(m_queuePage);
    {
        // The view's queue marked without choosing it (which would end the view).
        const QSignalBlocker blocker(m_queueList);
        m_queueList->setCurrentRow(s.queue);
    }
    m_model->setQueue(s.queue); // ends a pick too
    const std::pair<QComboBox *, QString> filters[] = {
        { m_edition, s.edition }, { m_severity, s.severity }, { m_channel, s.channel },
        { m_status, s.status } };
    for (const auto &[box, value] : filters)
        box->setCurrentIndex(std::max(0, box->findData(value)));
    m_model->setTagFilter(s.tags);
    // The tags shown in the box as `tag:NAME` (the search finds the same tickets by them).
    const QString search = viewSearchText(view);
    {
        const QSignalBlocker blocker(m_search);
        m_search->setText(search);
    }
    m_searchDelay->stop();
    m_model->setSearchText(search);
    updateOnlyBanner();
}

void MainWindow::leaveView()
{
    m_model->setTagFilter({});
    m_savedViews->clearCurrent();
}

void MainWindow::showOnly(const QStringList &ticketIds, Pick pick)
{
    m_pick = pick;
    // The pick ignores the search: the box must not show a term that does not apply.
    clearSearch();
    m_model->showOnly(ticketIds);
    {
        // No queue is current while the lead board's pick is shown: any click ends it.
        const QSignalBlocker blocker(m_queueList);
        m_queueList->setCurrentRow(-1);
    }
    m_tabs->setCurrentWidget(m_queuePage);
    updateOnlyBanner();
    if (m_model->rowCount() > 0)
        m_view->moveCurrent(0);
}

TriageDialog *MainWindow::openTriage()
{
    return m_triage ? m_triage->open() : nullptr;
}

MacroManagerDialog *MainWindow::openMacroManager()
{
    if (!m_macroManager) {
        m_macroManager = new MacroManagerDialog(m_session, this);
        m_macroManager->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_macroManager->show();
    m_macroManager->raise();
    m_macroManager->activateWindow();
    return m_macroManager;
}

void MainWindow::showPlanReference()
{
    if (!m_planReference) {
        m_planReference = new PlanReferenceWidget(m_session->catalogs(), this);
        m_planReference->setWindowFlag(Qt::Window);
        m_planReference->setAttribute(Qt::WA_DeleteOnClose);
        m_planReference->resize(960, 480);
    }
    m_planReference->setLanguage(languageFromCode(QLocale().name()));
    m_planReference->setWindowTitle(tr("Plan reference"));
    m_planReference->show();
    m_planReference->raise();
    m_planReference->activateWindow();
}

QString MainWindow::currentTicketId() const
{
    return m_view->currentTicketId();
}

bool MainWindow::selectTicket(const QString &ticketId)
{
    return m_view->selectTicket(ticketId);
}

// The filter boxes: "any" first, then the catalogs' editions, severities and channels in the
// active language, and the statuses; the current choice is kept across a refill.
void MainWindow::fillFilters()
{
    const Language language = languageFromCode(QLocale().name());
    const auto refill
        = [](QComboBox *box, const QString &any, const QVector<QPair<QString, QString>> &items) {
              const QString current = box->currentData().toString();
              const QSignalBlocker blocker(box);
              box->clear();
              box->addItem(any, QString());
              for (const auto &[id, name] : items) {
                  if (box->findData(id) < 0)
                      box->addItem(name, id);
              }
              box->setCurrentIndex(std::max(0, box->findData(current)));
          };
    QVector<QPair<QString, QString>> editions, severities, channels;
    for (const PlanCatalog &plan : m_session->catalogs().plans()) {
        for (const Edition &e : plan.editions()) {
            //: edition filter entry: plan name, edition name
            editions.append(
                { e.id, tr("%1 — %2").arg(plan.names().text(language), e.names.text(language)) });
        }
        for (const Severity &s : plan.severities())
            severities.append({ s.id, s.names.text(language) });
        for (const Channel &c : plan.channels())
            channels.append({ c.id, c.names.text(language) });
    }
    //: filter box entry: no filter on the edition
    refill(m_edition, tr("All editions"), editions);
    //: filter box entry: no filter on the severity
    refill(m_severity, tr("All severities"), severities);
    //: filter box entry: no filter on the channel
    refill(m_channel, tr("All channels"), channels);
    QVector<QPair<QString, QString>> statuses;
    for (const QString &status : TicketStatus::all())
        statuses.append({ status, statusName(status) });
    //: filter box entry: no filter on the status
    refill(m_status, tr("All statuses"), statuses);
}

void MainWindow::updateCounts()
{
    for (int q = 0; q < QueueModel::QueueCount && q < m_queueList->count(); ++q) {
        const QString name = QueueModel::queueName(QueueModel::Queue(q));
        // Behind a large cache's first screen the counts are the first screen's: not shown.
        if (m_model->isLoadingRest()) {
            //: queue list entry while a large queue is still being read: its name, and an
            //: ellipsis where the count will be (as narrow as a count: the list keeps its width)
            m_queueList->item(q)->setText(tr("%1 (…)").arg(name));
            continue;
        }
        //: queue list entry: queue name and how many tickets it holds
        m_queueList->item(q)->setText(tr("%1 (%2)").arg(name).arg(
                m_model->queueCount(QueueModel::Queue(q))));
    }
}

int MainWindow::queueListWidth() const
{
    return m_queueList->sizeHintForColumn(0) + 2 * m_queueList->frameWidth() + 8;
}

// The queue list never narrower than its names with their counts, in the font and language in
// use: the splitter keeps the width it was left at, and one saved under the default font cut
// "Waiting on customer (0)" by 29 px at 1.25 times the font (issue 17).
void MainWindow::fitQueueList()
{
    m_queueList->setMinimumWidth(queueListWidth());
}

void MainWindow::updateOnlyBanner()
{
    const bool only = m_model->isShowingOnly();
    m_onlyBanner->setVisible(only);
    if (only) {
        m_onlyLabel->setText(
            m_pick == Pick::LeadBoard
                ? tr("Showing %n ticket(s) picked on the lead board.", nullptr,
                     m_model->shownOnlyCount())
                //: banner above the queue: a new ticket or a notification's is shown by itself
                : tr("Showing only the ticket you opened: the queue you were in and its "
                     "filters leave it out."));
    }
    // The filters do not apply to a pick: they wait, greyed, until it ends.
    for (QComboBox *box : { m_edition, m_severity, m_channel, m_status })
        box->setEnabled(!only);
    if (!only && m_queueList->currentRow() < 0) {
        // The pick ended: the queue shown again is marked again.
        const QSignalBlocker blocker(m_queueList);
        m_queueList->setCurrentRow(m_model->queue());
    }
    m_onlyClear->setText(tr("Show the whole queue"));
}

void MainWindow::updateSyncState(SyncState state)
{
    const bool syncing = state == SyncState::Idle || state == SyncState::Syncing;
    const bool stopped = state == SyncState::Offline || state == SyncState::AuthFailed;
    if (stopped && !m_offlineSince.isValid())
        m_offlineSince = QDateTime::currentDateTimeUtc();
    else if (syncing)
        m_offlineSince = {};
    if (!stopped) {
        m_offlineReason.clear();
        m_stateLabel->setToolTip(QString());
    }
    const bool changed = m_state != state;
    m_state = state;
    QString text;
    Tone tone = Tone::Error;
    const QString since = m_offlineSince.isValid()
        ? TimeFormat::dateTime(m_offlineSince, QTimeZone::systemTimeZone())
        : QString();
    switch (state) {
    case SyncState::Connecting:
        //: status bar: the server has not answered yet in this run
        text = tr("Connecting…");
        tone = Tone::Muted;
        break;
    case SyncState::Idle:
        //: status bar: connected to the server
        text = tr("Online");
        tone = Tone::Success;
        break;
    case SyncState::Syncing:
        text = tr("Online — syncing…");
        tone = Tone::Success;
        break;
    case SyncState::Offline:
        //: status bar: the server cannot be reached since a time; edits wait in the outbox
        text = tr("Offline since %1 — edits are kept and sent when the server is back")
                   .arg(since);
        tone = Tone::Error;
        break;
    case SyncState::AuthFailed:
        text = tr("Signed out — the server refused the token");
        tone = Tone::Error;
        break;
    }
    m_stateLabel->setText(text);
    PaneColors::setTone(m_stateLabel, tone);
    updateStaleBanner();
    if (changed) {
        updateAgent();
        updateClockOffset(m_session->clockOffsetMs());
    }
}

void MainWindow::updateStaleBanner()
{
    const bool stopped = m_state == SyncState::Offline || m_state == SyncState::AuthFailed;
    m_staleLabel->setVisible(stopped);
    if (!stopped)
        return;
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QString since = TimeFormat::dateTime(m_offlineSince, zone);
    QString reason = m_offlineReason;
    if (!reason.isEmpty() && !reason.endsWith(u'.') && !reason.endsWith(u'\u3002'))
        reason += u'.'; // Qt's network words end without one; the next sentence follows
    const QString why = m_state == SyncState::AuthFailed
        //: banner over the queue: the token was refused at a time
        ? tr("Not syncing since %1: the server refused the token.").arg(since)
        : reason.isEmpty()
        //: banner over the queue: the server cannot be reached since a time
        ? tr("The server cannot be reached since %1.").arg(since)
        //: banner over the queue: a time, then why in a sentence (e.g. "The server's
        //: certificate is not trusted: …", "Connection refused.")
        : tr("The server cannot be reached since %1: %2").arg(since, reason);
    const QString data = m_lastSync.isValid()
        //: banner over the queue: the data is as of the last complete sync
        ? tr("The queue shows the data of %1 and may be out of date; countdowns still run.")
              .arg(TimeFormat::dateTime(m_lastSync, zone))
        : tr("The queue shows what the local cache holds and may be out of date.");
    //: banner over the queue: why it is not syncing, then how old its data is (two sentences;
    //: no space between them in Chinese)
    m_staleLabel->setText(tr("%1 %2").arg(why, data));
}

void MainWindow::updateLastSync()
{
    m_lastSyncLabel->setText(
        m_lastSync.isValid()
            //: status bar: time of the last complete sync
            ? tr("Last sync %1").arg(TimeFormat::dateTime(m_lastSync))
            : tr("Not synced yet"));
}

void MainWindow::updateOutbox()
{
    const int pending = m_session->cache()->pendingCount();
    const int conflicts = m_session->cache()->conflictCount();
    //: status bar: edits saved locally, not yet on the server
    QString text = tr("%n edit(s) waiting", nullptr, pending);
    if (conflicts > 0)
        text += QStringLiteral(" · ") + tr("%n conflict(s)", nullptr, conflicts);
    m_outboxLabel->setText(text);
    PaneColors::setTone(m_outboxLabel, conflicts > 0 ? std::optional(Tone::Error) : std::nullopt);
}

void MainWindow::updateAgent()
{
    const auto me = m_session->me();
    if (!me) {
        m_agentLabel->setText(m_state == SyncState::Connecting
                                  //: status bar: waiting for the server to say who signed in
                                  ? tr("Signing in…")
                                  : tr("Not signed in"));
        return;
    }
    if (m_state == SyncState::AuthFailed) {
        //: status bar: the token of this agent was refused by the server
        m_agentLabel->setText(tr("Signed out (%1)").arg(me->name));
        return;
    }
    //: status bar: signed-in agent's name and role
    m_agentLabel->setText(tr("Signed in as %1 (%2)").arg(me->name, roleName(me->role)));
}

void MainWindow::updateClockOffset(qint64 offsetMs)
{
    // A minute or less is the network's noise; more means the machine's clock is off.
    if (std::abs(offsetMs) <= 60 * 1000) {
        m_clockLabel->clear();
        m_clockLabel->hide();
        return;
    }
    // Rounded to the nearest minute: a 7-minute offset measured as 6 min 59.8 s reads "7 min".
    const QString span = TimeFormat::span((std::abs(offsetMs) + 30000) / 60000 * 60);
    QString text = offsetMs > 0
        //: status bar: the server's clock is ahead of this machine's
        ? tr("Server clock %1 ahead; countdowns follow the server").arg(span)
        : tr("Server clock %1 behind; countdowns follow the server").arg(span);
    // Not confirmed in this run: the offset is the one kept from the last time.
    const QDateTime measured = m_session->clockMeasuredAt();
    if (m_state != SyncState::Idle && m_state != SyncState::Syncing && measured.isValid()) {
        const qint64 age = std::max<qint64>(0, measured.secsTo(QDateTime::currentDateTimeUtc()));
        //: status bar, after the clock offset: how long ago it was measured
        text += u' ' + tr("(measured %1 ago)").arg(TimeFormat::span(age));
    }
    m_clockLabel->setText(text);
    PaneColors::setTone(m_clockLabel, Tone::Warning);
    m_clockLabel->show();
}

void MainWindow::updateTicketActions()
{
    const QString id = currentTicketId();
    const std::optional<Ticket> ticket
            = id.isEmpty() ? std::nullopt : m_session->cache()->ticket(id);
    QString why;
    if (ticket) {
        const RuleCheck rule = checkMergeable(*ticket, m_session->me().value_or(Agent()));
        if (!rule.allowed())
            why = rule.message(nullptr, TicketEdits::language());
    }
    m_mergeInto->setEnabled(ticket && why.isEmpty());
    m_mergeInto->setToolTip(why.isEmpty() ? m_mergeInto->iconText() : why);
    m_mergeInto->setStatusTip(why);
    m_linkTicket->setEnabled(bool(ticket));
    m_customerHistory->setEnabled(bool(ticket));
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("SupportDesk"));
    m_tabs->setTabText(m_tabs->indexOf(m_queuePage), tr("Queue"));
    if (m_board)
        m_tabs->setTabText(m_tabs->indexOf(m_board), m_board->windowTitle());
    if (m_boardPage)
        m_tabs->setTabText(m_tabs->indexOf(m_boardPage), LeadBoardWidget::title());
    m_fileMenu->setTitle(tr("&File"));
    m_syncNow->setText(tr("&Sync now"));
    m_quit->setText(tr("&Quit"));
    //: menu of actions on tickets
    m_ticketMenu->setTitle(tr("&Ticket"));
    m_manageMacros->setText(tr("Manage &macros…"));
    //: merge the current ticket, a duplicate, into another ticket of the same customer
    m_mergeInto->setText(tr("Mer&ge into…"));
    //: link the current ticket to a related one (the pane's Links tab lists them)
    m_linkTicket->setText(tr("&Link…"));
    //: show the current ticket's customer's other tickets (a tab of the ticket pane)
    m_customerHistory->setText(tr("Customer &history"));
    updateTicketActions();
    m_newTicket->setText(tr("&New ticket…"));
    m_reply->setText(tr("&Reply…"));
    //: accept (受理) the current ticket
    m_accept->setText(tr("&Accept"));
    m_next->setText(tr("Next ticket"));
    m_previous->setText(tr("Previous ticket"));
    m_viewMenu->setTitle(tr("&View"));
    m_find->setText(tr("&Find in queue"));
    m_showQueue->setText(tr("&Queue"));
    m_showBoard->setText(tr("&Lead board"));
    if (m_triage)
        m_triage->retranslate();
    m_helpMenu->setTitle(tr("&Help"));
    m_shortcuts->setText(tr("&Keyboard shortcuts"));
    m_planReferenceAction->setText(tr("&Plan reference"));
    m_about->setText(tr("&About SupportDesk"));
    m_search->setPlaceholderText(tr("Search subject, body and customer (Ctrl+F)"));
    holdPlaceholder(m_search);
    // What a screen reader says for the queue's parts (tst_accessibility walks them).
    m_search->setAccessibleName(tr("Search the queue"));
    //: the queue's table of tickets, as a screen reader names it
    m_view->setAccessibleName(tr("Tickets"));
    //: the list of queues (My tickets, Unassigned, …), as a screen reader names it
    m_queueList->setAccessibleName(tr("Queues"));
    if (m_paneLabel)
        m_paneLabel->setText(tr("Select a ticket to see it here."));
    fillFilters();
    updateCounts();
    updateOnlyBanner();
    updateSyncState(m_state);
    updateLastSync();
    updateOutbox();
    updateAgent();
    updateClockOffset(m_session->clockOffsetMs());
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_board && event->type() == QEvent::WindowTitleChange)
        m_tabs->setTabText(m_tabs->indexOf(m_board), m_board->windowTitle());
    if (watched == m_queueList && event->type() == QEvent::FontChange)
        fitQueueList();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        const Language language = languageFromCode(QLocale().name());
        m_model->setLanguage(language);
        // Badges change with the language (Standard / 标准版): the column follows them.
        m_view->fitBadgeColumn();
        // The reference's catalog texts follow the language it is given, not the translator.
        if (m_planReference) {
            m_planReference->setLanguage(language);
            m_planReference->setWindowTitle(tr("Plan reference"));
        }
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QLatin1String(GeometryKey), saveGeometry());
    settings.setValue(QLatin1String(SplitterKey), m_splitter->saveState());
    settings.setValue(QLatin1String(HeaderKey), m_view->saveLayout());
}

} // namespace SupportDesk
