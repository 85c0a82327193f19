// The lead board's tables as item models over LeadBoardModel: the edition × severity risk
// matrix, the breaching-soon list, agent load, partner quota use and attainment. Views and
// delegates read these roles only.
#pragma once

#include "leadboardmodel.h"
#include "localizedtext.h"

#include <QAbstractTableModel>
#include <QColor>

namespace SupportDesk {

namespace LeadBoardRole {
enum {
    TicketIds = Qt::UserRole + 1, // QStringList: the tickets behind a cell or row
    TicketId,                     // QString: the row's ticket
    AgentId,                      // QString: the row's agent ("" is the unassigned)
    StateCode,                    // QString: slaStateCode() of a cell's worst ticket, or ""
    Applies,                      // bool: the plan has this severity
    SortKey,                      // a number or text to sort on
    CustomerId,                   // QString
};
}

// The colours of the response states on the board, lightest for the calmest.
QColor stateColor(SlaState state);

// Rows and columns of an edition × severity table: every edition of every plan in catalog
// order, columns the severities of all plans (most severe first); tickets whose plan, edition
// or severity the catalogs do not know go to a grey "?" row (and a "?" column when the
// severity is unknown to every plan).
class BoardGrid
{
public:
    struct Row
    {
        QString planId;
        QString editionId; // empty for the "?" row
    };

    void build(const CatalogSet &catalogs, const QStringList &cellKeys);
    const QVector<Row> &rows() const { return m_rows; }
    const QStringList &columns() const { return m_columns; } // "" is the "?" column
    // Where the cell of `key` lands; false when nowhere (should not happen after build()).
    bool place(const QString &key, int *row, int *column) const;
    bool isUnknownRow(int row) const { return m_rows.at(row).editionId.isEmpty(); }
    bool applies(int row, int column) const;
    bool operator==(const BoardGrid &o) const
    {
        return m_columns == o.m_columns && m_keys == o.m_keys;
    }

    QString rowLabel(int row, Language language) const;
    QString rowToolTip(int row, Language language) const;
    QColor rowColor(int row) const;
    QString columnLabel(int column, Language language) const;

private:
    // A copy (implicitly shared, so cheap): the header reads it whenever the view paints,
    // maybe after the session took new catalogs and before the grid is built again.
    CatalogSet m_catalogs;
    QVector<Row> m_rows;
    QStringList m_keys; // "plan/edition" per row, for comparing shapes
    QStringList m_columns;
};

// Catalog texts follow the program's language (set by LanguageManager with QLocale).
Language currentLanguage();

class RiskMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit RiskMatrixModel(LeadBoardModel *board, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    void retranslate();
    // A cell's words: its open tickets, and how many of them are breached and at risk.
    static QString cellText(const BoardCell &cell);

private:
    void refresh();

    LeadBoardModel *m_board;
    BoardGrid m_grid;
    QVector<BoardCell> m_cells; // row-major
    // Beside each: the board's cell keys merged into it; its tickets are found when asked
    // (LeadBoardModel::openTicketsIn()), the board keeps no id per open ticket.
    QVector<QStringList> m_cellKeys;
};

class BreachingSoonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Ticket, Subject, Edition, SeverityColumn, Assignee, TimeLeft, Action, ColumnCount };

    explicit BreachingSoonModel(LeadBoardModel *board, QObject *parent = nullptr);

    // 15, 30 or 60 minutes ahead.
    void setWindowMinutes(int minutes);
    int windowMinutes() const { return m_minutes; }
    // The texts a short column is fitted to, in the current language: the countdown's widest
    // forms under the hour (so a tick never cuts it) and "Reassign…", and for the others the
    // rows' of now (edition, severity, assignee change only with the rows, and the subject
    // takes what they leave).
    QStringList columnTexts(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void retranslate();

private:
    void refresh();
    void tick();

    LeadBoardModel *m_board;
    int m_minutes = 15;
    QVector<Imminent> m_rows;
    QHash<QString, QString> m_subjects;
};

class AgentLoadModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { AgentColumn, Open, AtRisk, Breached, OldestWaiting, ColumnCount };

    explicit AgentLoadModel(LeadBoardModel *board, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void retranslate();

private:
    void refresh();

    LeadBoardModel *m_board;
    QVector<AgentLoad> m_rows;
};

class QuotaModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { CustomerColumn, EditionColumn, Used, OverQuota, Reasons, ColumnCount };

    explicit QuotaModel(LeadBoardModel *board, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void retranslate();

private:
    void refresh();

    LeadBoardModel *m_board;
    QVector<QuotaRow> m_rows;
};

// Attainment per edition × severity over one period, with a last column for the whole row.
class AttainmentModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit AttainmentModel(LeadBoardModel *board, QObject *parent = nullptr);

    void setPeriod(AttainmentFigures::Period period);
    AttainmentFigures::Period period() const { return m_period; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    void retranslate();

private:
    void refresh();
    AttainmentCell cellAt(int row, int column) const;

    LeadBoardModel *m_board;
    AttainmentFigures::Period m_period = AttainmentFigures::Today;
    BoardGrid m_grid;
    QVector<AttainmentCell> m_cells; // row-major, columns of the grid
};

} // namespace SupportDesk
