// The team lead's board: risk tiles, the edition × severity matrix, the breaching-soon list,
// agent load, attainment with its charts, partner quota use, team settings and service
// reports. Self-contained: the main window shows it as a window or a tab and opens the
// tickets it asks for (openTickets).
//
// Wiring, in the main window (after the session is open):
//     auto *board = new LeadBoardWidget(session);            // its own LeadBoardModel and
//                                                            // settings client (PUT /settings)
//     connect(board, &LeadBoardWidget::openTickets, queue, &…::showOnly);
//     tabs->addTab(board, board->windowTitle());             // or board->show() as a window
// Show the tab or menu entry to leads only (DeskSession::me()->role is lead or admin); an
// agent who opens it anyway sees no lead actions, and the server refuses them.
#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QPushButton;

namespace SupportDesk {

class AgentLoadModel;
class AttainmentPanel;
class BoardTile;
class BreachingSoonPanel;
class DeskSession;
class LeadBoardModel;
class QuotaModel;
class RiskMatrixModel;
class TeamSettingsClient;
class TeamSettingsPanel;

class LeadBoardWidget : public QWidget
{
    Q_OBJECT

public:
    // The board over the session, with a LeadBoardModel of its own that reads the cache when
    // the board is first shown.
    explicit LeadBoardWidget(DeskSession *session, QWidget *parent = nullptr);
    // The board over a given model (tests; several views of one model).
    explicit LeadBoardWidget(LeadBoardModel *board, QWidget *parent = nullptr);

    // The board's name, for a tab that holds it (or will: the main window makes it when the
    // tab is first shown).
    static QString title();

    LeadBoardModel *board() const { return m_board; }
    // Where settings are saved (PUT /settings): the session's own client when built over a
    // session; a board over a bare model (tests) shows them only until given one.
    void setTeamSettingsClient(TeamSettingsClient *client);

    enum Tile { OpenTile, AtRiskTile, BreachedTile, UnassignedTile, TileCount };
    BoardTile *tile(Tile which) const { return m_tiles[which]; }
    QTableView *matrixView() const { return m_matrixView; }
    RiskMatrixModel *matrixModel() const { return m_matrix; }
    QLabel *matrixLegend() const { return m_matrixLegend; }
    BreachingSoonPanel *breachingSoon() const { return m_soon; }
    QTableView *agentLoadView() const { return m_loadView; }
    QTableView *quotaView() const { return m_quotaView; }
    // Made when the board is first shown (its two charts' construction and layouts were ~8 ms
    // of the lead's sign-in, for a tab not yet looked at), or when first asked for here.
    AttainmentPanel *attainment() const;
    TeamSettingsPanel *teamSettings() const { return m_settings; }
    QTabWidget *tabs() const { return m_tabs; }
    QLabel *updatedLabel() const { return m_updated; }

public slots:
    // Opens the service report dialog (non-modal).
    void openServiceReport();

signals:
    // The main window filters its queue to these tickets.
    void openTickets(const QStringList &ticketIds);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setUp();
    QWidget *createRiskPage();
    QWidget *createQuotaPage();
    void makeAttainment();
    void updateTiles();
    void updateReportButton();
    void fitMatrixRows();
    void fitMatrixWidth();
    void fitMatrixHeight();
    void fitSplit();
    void retranslateUi();

    LeadBoardModel *m_board;
    DeskSession *m_session = nullptr; // none for a board over a bare model (tests)
    QTabWidget *m_tabs = nullptr;
    QLabel *m_updated = nullptr;
    QPushButton *m_reportButton = nullptr;
    BoardTile *m_tiles[TileCount] = {};
    RiskMatrixModel *m_matrix = nullptr;
    QTableView *m_matrixView = nullptr;
    QLabel *m_matrixTitle = nullptr;
    QLabel *m_matrixLegend = nullptr;
    QWidget *m_matrixBox = nullptr;
    QWidget *m_soonBox = nullptr; // breaching soon and the matrix's legend
    QWidget *m_loadBox = nullptr;
    QSplitter *m_split = nullptr; // the matrix and breaching soon over agent load
    bool m_splitMoved = false; // by the lead's hand: kept as they left it
    BreachingSoonPanel *m_soon = nullptr;
    AgentLoadModel *m_load = nullptr;
    QSortFilterProxyModel *m_loadSorted = nullptr;
    QTableView *m_loadView = nullptr;
    QLabel *m_loadTitle = nullptr;
    QuotaModel *m_quota = nullptr;
    QSortFilterProxyModel *m_quotaSorted = nullptr;
    QTableView *m_quotaView = nullptr;
    QLabel *m_quotaNote = nullptr;
    QWidget *m_attainmentPage = nullptr; // the attainment tab's stand-in until it is made
    AttainmentPanel *m_attainment = nullptr;
    TeamSettingsPanel *m_settings = nullptr;
};

} // namespace SupportDesk
