#include "leadboardwidget.h"
#include "recordnames.h"

#include "attainmentpanel.h"
#include "boardtile.h"
#include "breachingsoonpanel.h"
#include "columnfit.h"
#include "desksession.h"
#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "openshortcut.h"
#include "servicereportdialog.h"
#include "teamsettingsclient.h"
#include "teamsettingspanel.h"
#include "timeformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace SupportDesk {

LeadBoardWidget::LeadBoardWidget(DeskSession *session, QWidget *parent)
    : QWidget(parent),
      m_board(new LeadBoardModel(session, this, LeadBoardModel::Load::WhenAsked)),
      m_session(session)
{
    setUp();
    // The settings are saved on the session's own connection to the server (PUT /settings as
    // a session request); the server refuses anyone but a lead.
    m_settings->setClient(new TeamSettingsClient(session, this));
}

LeadBoardWidget::LeadBoardWidget(LeadBoardModel *board, QWidget *parent)
    : QWidget(parent), m_board(board)
{
    setUp();
}

static QLabel *sectionTitle(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

static void setUpTable(QTableView *view)
{
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setStretchLastSection(true);
}

void LeadBoardWidget::setUp()
{
    m_tabs = new QTabWidget(this);
    m_updated = new QLabel(this);
    m_reportButton = new QPushButton(this);
    m_reportButton->setObjectName(QStringLiteral("serviceReportButton"));
    connect(m_reportButton, &QPushButton::clicked, this, &LeadBoardWidget::openServiceReport);

    m_tabs->addTab(createRiskPage(), QString());
    // A stand-in until the board is first shown (makeAttainment()).
    m_attainmentPage = new QWidget(this);
    m_tabs->addTab(m_attainmentPage, QString());
    m_tabs->addTab(createQuotaPage(), QString());
    m_settings = new TeamSettingsPanel(m_board, this);
    m_tabs->addTab(m_settings, QString());

    auto *top = new QHBoxLayout;
    top->addWidget(m_updated, 1);
    top->addWidget(m_reportButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    connect(m_board, &LeadBoardModel::boardChanged, this, &LeadBoardWidget::updateTiles);
    connect(m_board, &LeadBoardModel::directoryChanged, this,
            &LeadBoardWidget::updateReportButton);
    retranslateUi();
    updateTiles();
}

QWidget *LeadBoardWidget::createRiskPage()
{
    auto *page = new QWidget(this);
    // Tiles: each opens its tickets in the queue.
    auto *tiles = new QHBoxLayout;
    const QColor alerts[TileCount] = {QColor(), stateColor(SlaState::AtRisk),
                                      stateColor(SlaState::Breached),
                                      stateColor(SlaState::Breached)};
    const char *names[TileCount] = {"openTile", "atRiskTile", "breachedTile", "unassignedTile"};
    for (int i = 0; i < TileCount; ++i) {
        m_tiles[i] = new BoardTile(page);
        m_tiles[i]->setObjectName(QLatin1String(names[i]));
        m_tiles[i]->setAlertColor(alerts[i]);
        tiles->addWidget(m_tiles[i]);
        connect(m_tiles[i], &BoardTile::activated, this, [this, i] {
            const BoardTicketLists &lists = m_board->lists();
            QStringList ids;
            switch (Tile(i)) {
            case OpenTile:
                for (const QStringList &l : lists.openByAgent)
                    ids += l;
                break;
            case AtRiskTile:
                ids = lists.atRisk;
                break;
            case BreachedTile:
                ids = lists.breached;
                break;
            case UnassignedTile:
                ids = lists.unassignedBusinessDown;
                break;
            case TileCount:
                break;
            }
            emit openTickets(ids);
        });
    }

    m_matrix = new RiskMatrixModel(m_board, this);
    m_matrixView = new QTableView(page);
    m_matrixView->setObjectName(QStringLiteral("riskMatrix"));
    m_matrixView->setModel(m_matrix);
    m_matrixView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrixView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Severity names are long ("Production system abnormal"): two lines in the header.
    m_matrixView->horizontalHeader()->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
    m_matrixView->horizontalHeader()->setMinimumHeight(
            m_matrixView->fontMetrics().lineSpacing() * 2 + 8);
    m_matrixView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // A cell's words ("3 · 1 breached, 1 at risk") take two lines where the breaching-soon
    // list beside it leaves the matrix narrow: rows two lines high, as the language writes them.
    m_matrixView->setWordWrap(true);
    m_matrixView->setTextElideMode(Qt::ElideNone);
    // As tall as its rows, no taller: a view stretched below its last row showed an empty
    // grey band (~20 px in English at 1440 × 900); what the column has left goes under the
    // legend, and the split gives it to agent load (fitSplit).
    m_matrixView->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    fitMatrixRows();
    connect(m_matrix, &QAbstractItemModel::modelReset, this, &LeadBoardWidget::fitMatrixWidth);
    connect(m_matrix, &QAbstractItemModel::dataChanged, this, &LeadBoardWidget::fitMatrixWidth);
    connect(m_matrix, &QAbstractItemModel::modelReset, this, &LeadBoardWidget::fitMatrixHeight);
    connect(m_matrix, &QAbstractItemModel::headerDataChanged, this,
            &LeadBoardWidget::fitMatrixHeight);
    addOpenShortcut(m_matrixView, [this](const QModelIndex &index) {
        const QStringList ids = index.data(LeadBoardRole::TicketIds).toStringList();
        if (!ids.isEmpty())
            emit openTickets(ids);
    });
    m_matrixTitle = sectionTitle(page);
    m_matrixBox = new QWidget(page);
    auto *matrixLayout = new QVBoxLayout(m_matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->addWidget(m_matrixTitle);
    matrixLayout->addWidget(m_matrixView, 1);
    matrixLayout->addStretch(0);

    m_soon = new BreachingSoonPanel(m_board, page);
    connect(m_soon, &BreachingSoonPanel::openTickets, this, &LeadBoardWidget::openTickets);
    // What a cell's words and colour say, beside the matrix under breaching soon (a list of
    // a few rows): under the matrix, where the matrix is as narrow as its words, its four or
    // five lines took agent load's last rows (w15).
    m_matrixLegend = new QLabel(page);
    m_matrixLegend->setObjectName(QStringLiteral("riskMatrixLegend"));
    m_matrixLegend->setWordWrap(true);
    m_soonBox = new QWidget(page);
    auto *soonLayout = new QVBoxLayout(m_soonBox);
    soonLayout->setContentsMargins(0, 0, 0, 0);
    soonLayout->addWidget(m_soon, 1);
    soonLayout->addWidget(m_matrixLegend);
    // Its width decides the legend's lines, hence the height the split gives the upper half.
    m_soonBox->installEventFilter(this);

    m_load = new AgentLoadModel(m_board, this);
    m_loadSorted = new QSortFilterProxyModel(this);
    m_loadSorted->setSourceModel(m_load);
    m_loadSorted->setSortRole(LeadBoardRole::SortKey);
    m_loadView = new QTableView(page);
    m_loadView->setObjectName(QStringLiteral("agentLoad"));
    m_loadView->setModel(m_loadSorted);
    setUpTable(m_loadView);
    m_loadView->setSortingEnabled(true);
    m_loadView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the board's order
    addOpenShortcut(m_loadView, [this](const QModelIndex &index) {
        const QStringList ids = index.data(LeadBoardRole::TicketIds).toStringList();
        if (!ids.isEmpty())
            emit openTickets(ids);
    });
    m_loadTitle = sectionTitle(page);
    m_loadBox = new QWidget(page);
    auto *loadLayout = new QVBoxLayout(m_loadBox);
    loadLayout->setContentsMargins(0, 0, 0, 0);
    loadLayout->addWidget(m_loadTitle);
    loadLayout->addWidget(m_loadView, 1);

    // The matrix as wide as its words need (fitMatrixWidth), breaching soon the rest: shared
    // 3:2, the list's subject was cut at ~100 px while the matrix's columns stretched.
    auto *upper = new QSplitter(Qt::Horizontal, page);
    upper->addWidget(m_matrixBox);
    upper->addWidget(m_soonBox);
    upper->setStretchFactor(0, 0);
    upper->setStretchFactor(1, 1);
    upper->setChildrenCollapsible(false);
    // The matrix and its legend as tall as they need, agent load the rest (fitSplit): shared
    // 3:2, agent load showed 5½ rows at 1440 × 900 over an empty band under the matrix.
    m_split = new QSplitter(Qt::Vertical, page);
    m_split->addWidget(upper);
    m_split->addWidget(m_loadBox);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_split->setChildrenCollapsible(false);
    m_split->installEventFilter(this);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_splitMoved = true; });

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(tiles);
    layout->addWidget(m_split, 1);
    return page;
}

QWidget *LeadBoardWidget::createQuotaPage()
{
    auto *page = new QWidget(this);
    m_quota = new QuotaModel(m_board, this);
    m_quotaSorted = new QSortFilterProxyModel(this);
    m_quotaSorted->setSourceModel(m_quota);
    m_quotaSorted->setSortRole(LeadBoardRole::SortKey);
    m_quotaView = new QTableView(page);
    m_quotaView->setObjectName(QStringLiteral("quota"));
    m_quotaView->setModel(m_quotaSorted);
    setUpTable(m_quotaView);
    // Override reasons are sentences, one a ticket: each row as tall as its reasons, wrapped
    // (a row a customer: few rows, so measuring them costs nothing).
    m_quotaView->setWordWrap(true);
    m_quotaView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_quotaView->setTextElideMode(Qt::ElideNone);
    m_quotaView->setSortingEnabled(true);
    m_quotaView->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // fullest first
    addOpenShortcut(m_quotaView, [this](const QModelIndex &index) {
        const QStringList ids = index.data(LeadBoardRole::TicketIds).toStringList();
        if (!ids.isEmpty())
            emit openTickets(ids);
    });
    m_quotaNote = new QLabel(page);
    m_quotaNote->setWordWrap(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_quotaNote);
    layout->addWidget(m_quotaView, 1);
    return page;
}

AttainmentPanel *LeadBoardWidget::attainment() const
{
    // Made on demand, as QWidget::ensurePolished() does in a const call.
    if (!m_attainment)
        const_cast<LeadBoardWidget *>(this)->makeAttainment();
    return m_attainment;
}

void LeadBoardWidget::makeAttainment()
{
    if (m_attainment)
        return;
    // The board's figures first: the panel shows them from its first paint, refreshed once.
    m_board->ensureLoaded();
    m_attainment = new AttainmentPanel(m_board, this);
    connect(m_attainment, &AttainmentPanel::openTickets, this, &LeadBoardWidget::openTickets);
    if (m_session)
        m_attainment->setSession(m_session); // the server's figures beside the cache's
    // The panel takes the stand-in's place among the tabs (and its place as the current tab).
    const int at = m_tabs->indexOf(m_attainmentPage);
    const bool current = m_tabs->currentIndex() == at;
    m_tabs->insertTab(at, m_attainment, m_tabs->tabText(at));
    m_tabs->removeTab(at + 1);
    delete std::exchange(m_attainmentPage, nullptr);
    if (current)
        m_tabs->setCurrentIndex(at);
}

void LeadBoardWidget::setTeamSettingsClient(TeamSettingsClient *client)
{
    m_settings->setClient(client);
}

// Service reports are a lead's (an agent who opens the board sees the figures only), and only
// for customers whose edition has them: with none, the button says so instead of opening.
void LeadBoardWidget::updateReportButton()
{
    m_reportButton->setVisible(m_board->viewerIsLead());
    const bool offered = ServiceReportDialog::isOfferedToAny(m_board);
    m_reportButton->setEnabled(offered);
    m_reportButton->setToolTip(
            offered ? tr("A customer's monthly service report, as PDF or CSV")
                    : ServiceReportDialog::noneOffered(m_board->catalogs(), currentLanguage()));
}

void LeadBoardWidget::openServiceReport()
{
    auto *dialog = new ServiceReportDialog(m_board, this, m_session);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void LeadBoardWidget::updateTiles()
{
    const BoardSnapshot &b = m_board->board();
    m_tiles[OpenTile]->setValue(b.open);
    m_tiles[AtRiskTile]->setValue(b.atRisk);
    m_tiles[BreachedTile]->setValue(b.breached);
    m_tiles[UnassignedTile]->setValue(b.unassignedBusinessDown);
    //: when the board's figures were last worked out (a time of day)
    m_updated->setText(tr("Updated %1").arg(TimeFormat::time(m_board->now())));
}

// The matrix no narrower than its words need: each column its title's longest word and its
// cells' words in two lines. The breaching-soon list beside it keeps its subject's room too,
// and the splitter shares out what is left (issue 17: "Production system abnormal" cut to
// three lines, a cell's words to three).
void LeadBoardWidget::fitMatrixWidth()
{
    const QFontMetrics metrics = m_matrixView->fontMetrics();
    const QFontMetrics headerMetrics(m_matrixView->horizontalHeader()->font());
    QStyle *style = m_matrixView->style();
    const int margin = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr,
                                               m_matrixView) + 1) + 6;
    const int headerMargin = 2 * style->pixelMetric(QStyle::PM_HeaderMargin, nullptr,
                                                    m_matrixView) + 4;
    const int lines = m_matrixView->verticalHeader()->defaultSectionSize() - 6; // fitMatrixRows()'s padding
    const auto fits = [&](const QString &text, int width) {
        const QRect r = metrics.boundingRect(QRect(0, 0, width, 10 * lines), Qt::TextWordWrap,
                                             text);
        return r.width() <= width && r.height() <= lines;
    };
    // The columns stretch evenly: each as wide as the widest needs. Summed, the widest column
    // got the average, and "6 · 1 breached, 1 at risk" took three lines of a two-line row,
    // "Production system abnormal" three of a two-line header (w15).
    int widest = 0;
    for (int c = 0; c < m_matrix->columnCount(); ++c) {
        int need = ColumnFit::titleWidth(m_matrixView->horizontalHeader(), c, 2);
        const QString title = m_matrix->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        for (const QString &word : title.split(u' ', Qt::SkipEmptyParts))
            need = std::max(need, headerMetrics.horizontalAdvance(word) + headerMargin);
        for (int r = 0; r < m_matrix->rowCount(); ++r) {
            const QString text = m_matrix->index(r, c).data().toString();
            int high = metrics.horizontalAdvance(text) + 1;
            if (text.isEmpty() || high + margin <= need || fits(text, need - margin))
                continue;
            int low = std::max(0, need - margin);
            while (low + 1 < high) { // fits(high), not fits(low)
                const int mid = (low + high) / 2;
                (fits(text, mid) ? high : low) = mid;
            }
            need = std::max(need, high + margin);
        }
        widest = std::max(widest, need);
    }
    const int columns = widest * m_matrix->columnCount();
    const int scrollBar = style->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_matrixView);
    m_matrixView->setMinimumWidth(m_matrixView->verticalHeader()->sizeHint().width() + columns
                                  + 2 * m_matrixView->frameWidth() + scrollBar);
}

// The view as tall as its title row and rows: no grey band under the last row. Shorter only
// where the window is (it scrolls then).
void LeadBoardWidget::fitMatrixHeight()
{
    QHeaderView *header = m_matrixView->horizontalHeader();
    const int titles = std::max(header->sizeHint().height(), header->minimumHeight());
    const int rows = m_matrixView->verticalHeader()->defaultSectionSize() * m_matrix->rowCount();
    m_matrixView->setMaximumHeight(titles + rows + 2 * m_matrixView->frameWidth());
    fitSplit();
}

// The matrix, its title and legend get the height they need and agent load all the rest
// (a team of eight shows whole at 1440 × 900), until the lead moves the split by hand.
void LeadBoardWidget::fitSplit()
{
    if (!m_split || m_splitMoved)
        return;
    const int total = m_split->height() - m_split->handleWidth();
    if (total <= 0)
        return;
    const int spacing = m_matrixBox->layout()->spacing();
    const int matrix = m_matrixTitle->sizeHint().height() + spacing + m_matrixView->maximumHeight();
    const int legend = m_matrixLegend->heightForWidth(std::max(1, m_soonBox->width()));
    const int soon = m_soon->minimumSizeHint().height() + spacing
            + std::max(legend, m_matrixLegend->minimumSizeHint().height());
    int upper = std::max(matrix, soon);
    upper = std::min(upper, total - m_loadBox->minimumSizeHint().height());
    if (upper <= 0)
        return;
    const QList<int> sizes{ upper, total - upper };
    if (m_split->sizes() != sizes)
        m_split->setSizes(sizes);
}

bool LeadBoardWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize && (watched == m_split || watched == m_soonBox)) {
        // A new width may change the legend's lines: refit once the layouts settle.
        if (watched == m_split
            || static_cast<QResizeEvent *>(event)->oldSize().width()
                    != static_cast<QResizeEvent *>(event)->size().width())
            QMetaObject::invokeMethod(this, &LeadBoardWidget::fitSplit, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

void LeadBoardWidget::fitMatrixRows()
{
    // Chinese falls back to a CJK font whose lines are taller than the Latin font's.
    const QFontMetrics metrics = m_matrixView->fontMetrics();
    const int twoLines = std::max(
            2 * metrics.lineSpacing(),
            metrics.boundingRect(QRect(0, 0, 1000, 1000), 0, QStringLiteral("工单\n工单")).height());
    // 3 px above and below: at 8 the Chinese board left agent load 7.7 rows at 1440 × 900.
    m_matrixView->verticalHeader()->setDefaultSectionSize(twoLines + 6);
    fitMatrixHeight();
}

void LeadBoardWidget::showEvent(QShowEvent *event)
{
    // Read the cache and make the charts when a lead first looks, not when the main window
    // builds its tabs at sign-in.
    m_board->ensureLoaded();
    makeAttainment();
    QWidget::showEvent(event);
}

void LeadBoardWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        fitMatrixRows();
        fitMatrixWidth();
    }
}

QString LeadBoardWidget::title()
{
    return tr("Lead board");
}

void LeadBoardWidget::retranslateUi()
{
    setWindowTitle(title());
    m_tabs->setTabText(0, tr("Risk"));
    m_tabs->setTabText(1, tr("Attainment"));
    m_tabs->setTabText(2, tr("Partner quota"));
    m_tabs->setTabText(3, tr("Team settings"));
    m_reportButton->setText(tr("Service &report…"));
    updateReportButton();
    m_tiles[OpenTile]->setCaption(tr("Open tickets"));
    m_tiles[AtRiskTile]->setCaption(slaStateName(SlaState::AtRisk));
    m_tiles[BreachedTile]->setCaption(slaStateName(SlaState::Breached));
    m_tiles[UnassignedTile]->setCaption(tr("Unassigned business-down"));
    for (BoardTile *tile : m_tiles)
        tile->setToolTip(tr("Click to show these tickets in the queue"));
    m_matrixTitle->setText(tr("Open tickets by edition and severity"));
    //: the legend of the lead board's matrix, beside it under the breaching-soon list
    m_matrixLegend->setText(tr("Each cell of the matrix: its open tickets, then how many of "
                               "them are breached or at risk (\"3 · 1 breached\"), or that some were answered "
                               "late (\"3 · answered late\"), or that all were answered in "
                               "time (\"3 · answered in time\"). Its colour is its worst "
                               "ticket's: red breached, amber at risk, pale orange answered "
                               "late, green on track (none answered yet, none at risk), pale "
                               "green answered in time. Double-click a cell to show its "
                               "tickets."));
    m_matrixView->setToolTip(m_matrixLegend->text());
    m_matrixView->setAccessibleDescription(m_matrixLegend->text());
    m_matrixView->setAccessibleName(m_matrixTitle->text());
    m_loadTitle->setText(tr("Agent load"));
    m_loadView->setAccessibleName(m_loadTitle->text());
    //: the lead board's table of partner customers' monthly ticket quota
    m_quotaView->setAccessibleName(tr("Partner quota"));
    m_quotaNote->setText(tr("Partner customers' tickets this month against their monthly "
                            "quota. Tickets past the quota are taken only with a reason."));
    m_matrix->retranslate();
    fitMatrixWidth();
    fitMatrixHeight();
    m_load->retranslate();
    m_quota->retranslate();
    updateTiles();
}

} // namespace SupportDesk
