#include "leadboardtables.h"
#include "recordnames.h"

#include "colorvision.h"
#include "servicereportexport.h"
#include "ticketindex.h"
#include "timeformat.h"

#include <QCoreApplication>
#include <QFont>
#include <QLocale>
#include <QPalette>

namespace SupportDesk {

Language currentLanguage()
{
    return languageFromCode(QLocale().name());
}

QColor stateColor(SlaState state)
{
    switch (state) {
    case SlaState::Breached:
        return QColor(0xef, 0x9a, 0x9a); // red
    case SlaState::AtRisk:
        return QColor(0xff, 0xcc, 0x80); // amber
    case SlaState::RespondedLate:
        return QColor(0xff, 0xe0, 0xb2); // pale orange
    case SlaState::OnTrack:
        return QColor(0xc8, 0xe6, 0xc9); // green
    case SlaState::RespondedInTime:
        return QColor(0xe8, 0xf5, 0xe9); // pale green
    case SlaState::Resolved:
    case SlaState::Closed:
    case SlaState::Merged:
        return QColor(0xee, 0xee, 0xee); // grey: the clock stopped unanswered
    }
    return {};
}

static const QColor NotApplicable(0xee, 0xee, 0xee);
static const QColor UnknownGrey(0x9e, 0x9e, 0x9e);

// The words on a tinted cell: black or white, whichever reads on the tint. The tints are pale
// whatever the palette, so the palette's own text (white or yellow under a dark high-contrast
// one) would be about 2.2:1 on them; a cell without a tint keeps the palette's text.
static QVariant textOnTint(const QVariant &background)
{
    const QColor tint = background.value<QColor>();
    if (!tint.isValid())
        return {};
    return QColor::fromRgb(ColorVision::textOn(tint.rgb() & 0xffffff));
}

// What a screen reader says for a board cell: the tooltip's sentence where there is one
// ("3 open, 1 at risk, 0 breached"), else the cell's text, else "none" — never a bare colour.
static QVariant spokenText(const QAbstractItemModel *model, const QModelIndex &index)
{
    for (const int role : { int(Qt::ToolTipRole), int(Qt::DisplayRole) }) {
        const QString text = model->data(index, role).toString();
        if (!text.isEmpty())
            return text;
    }
    //: what a screen reader says for an empty cell of the lead board
    return QCoreApplication::translate("SupportDesk::LeadBoard", "none");
}

// ---- BoardGrid ---------------------------------------------------------------------------

static bool splitKey(const QString &key, QString *plan, QString *edition, QString *severity)
{
    const QStringList parts = key.split(u'/');
    if (parts.size() != 3)
        return false;
    *plan = parts.at(0);
    *edition = parts.at(1);
    *severity = parts.at(2);
    return true;
}

void BoardGrid::build(const CatalogSet &catalogs, const QStringList &cellKeys)
{
    m_catalogs = catalogs;
    m_rows.clear();
    m_keys.clear();
    m_columns.clear();
    // Columns: every plan's severities, most severe first, merged in order of appearance
    // (business-down, production-abnormal, business-degraded, consultation).
    for (const PlanCatalog &plan : catalogs.plans()) {
        int insertAt = 0;
        for (const Severity &s : plan.severities()) {
            const qsizetype existing = m_columns.indexOf(s.id);
            if (existing >= 0) {
                insertAt = int(existing) + 1;
            } else {
                m_columns.insert(insertAt, s.id);
                ++insertAt;
            }
        }
        for (const Edition &e : plan.editions()) {
            m_rows.append({plan.id(), e.id});
            m_keys.append(plan.id() + u'/' + e.id);
        }
    }
    bool unknownRow = false;
    bool unknownColumn = false;
    for (const QString &key : cellKeys) {
        QString plan, edition, severity;
        if (!splitKey(key, &plan, &edition, &severity)) {
            unknownRow = unknownColumn = true;
            continue;
        }
        const PlanCatalog *p = catalogs.plan(plan);
        const bool known = p && p->edition(edition) && p->severity(severity);
        unknownRow |= !known;
        unknownColumn |= !m_columns.contains(severity);
    }
    if (unknownColumn)
        m_columns.append(QString());
    if (unknownRow) {
        m_rows.append({QString(), QString()});
        m_keys.append(QStringLiteral("?"));
    }
}

bool BoardGrid::place(const QString &key, int *row, int *column) const
{
    QString plan, edition, severity;
    const bool parsed = splitKey(key, &plan, &edition, &severity);
    const PlanCatalog *p = parsed ? m_catalogs.plan(plan) : nullptr;
    const bool known = p && p->edition(edition) && p->severity(severity);
    qsizetype r = known ? m_keys.indexOf(plan + u'/' + edition) : m_keys.indexOf(u"?");
    qsizetype c = parsed ? m_columns.indexOf(severity) : -1;
    if (c < 0)
        c = m_columns.indexOf(QString());
    if (r < 0 || c < 0)
        return false;
    *row = int(r);
    *column = int(c);
    return true;
}

bool BoardGrid::applies(int row, int column) const
{
    const Row &r = m_rows.at(row);
    if (r.editionId.isEmpty())
        return true;
    const PlanCatalog *plan = m_catalogs.plan(r.planId);
    return plan && plan->severity(m_columns.at(column));
}

QString BoardGrid::rowLabel(int row, Language language) const
{
    const Row &r = m_rows.at(row);
    const PlanCatalog *plan = m_catalogs.plan(r.planId);
    const Edition *e = plan ? plan->edition(r.editionId) : nullptr;
    if (!e)
        return QStringLiteral("?");
    return QStringLiteral("%1 %2").arg(e->code, e->names.text(language));
}

QString BoardGrid::rowToolTip(int row, Language language) const
{
    const Row &r = m_rows.at(row);
    const PlanCatalog *plan = m_catalogs.plan(r.planId);
    if (!plan || r.editionId.isEmpty()) {
        return QCoreApplication::translate("SupportDesk::RiskMatrixModel",
                                           "Tickets whose plan, edition or severity the plan "
                                           "catalogs do not know");
    }
    return plan->names().text(language);
}

QColor BoardGrid::rowColor(int row) const
{
    const Row &r = m_rows.at(row);
    const PlanCatalog *plan = m_catalogs.plan(r.planId);
    const Edition *e = plan ? plan->edition(r.editionId) : nullptr;
    return e ? QColor(e->badgeColor) : UnknownGrey;
}

QString BoardGrid::columnLabel(int column, Language language) const
{
    const QString &id = m_columns.at(column);
    if (id.isEmpty())
        return QStringLiteral("?");
    for (const PlanCatalog &plan : m_catalogs.plans()) {
        if (const Severity *s = plan.severity(id))
            return s->names.text(language);
    }
    return id;
}

// ---- RiskMatrixModel ---------------------------------------------------------------------

// The open tickets, then in words how many of them are breached and at risk: "3 · 1 breached,
// 1 at risk". A bare mark beside the count ("3 ⚠") read as three tickets at risk (issue 17).
QString RiskMatrixModel::cellText(const BoardCell &cell)
{
    const QLocale locale;
    QStringList states;
    if (cell.breached > 0)
        //: part of a lead board matrix cell: how many of its open tickets are breached
        states << tr("%1 breached").arg(locale.toString(cell.breached));
    if (cell.atRisk > 0)
        //: part of a lead board matrix cell: how many of its open tickets are at risk
        states << tr("%1 at risk").arg(locale.toString(cell.atRisk));
    // A pale orange cell's worst ticket was answered, but after its target: said in words too
    // (the board counts breached and at-risk tickets, not the late ones: no number).
    if (states.isEmpty() && cell.worst == SlaState::RespondedLate)
        //: part of a lead board matrix cell: some of its open tickets were answered after
        //: their target
        states << tr("answered late");
    // Pale green: every open ticket of the cell answered within its target (green, "3" alone:
    // none answered yet, none at risk).
    if (states.isEmpty() && cell.worst == SlaState::RespondedInTime)
        //: part of a lead board matrix cell: every one of its open tickets was answered
        //: within its target
        states << tr("answered in time");
    if (states.isEmpty())
        return locale.toString(cell.open);
    //: a lead board matrix cell: %1 the open tickets, %2 how many of them are breached or at
    //: risk, e.g. "3 · 1 breached, 1 at risk"
    return tr("%1 · %2").arg(locale.toString(cell.open),
                             //: between "1 breached" and "1 at risk" in a matrix cell
                             states.join(tr(", ")));
}

RiskMatrixModel::RiskMatrixModel(LeadBoardModel *board, QObject *parent)
    : QAbstractTableModel(parent), m_board(board)
{
    connect(board, &LeadBoardModel::boardChanged, this, &RiskMatrixModel::refresh);
    connect(board, &LeadBoardModel::directoryChanged, this, &RiskMatrixModel::refresh);
    refresh();
}

void RiskMatrixModel::refresh()
{
    const BoardSnapshot &board = m_board->board();
    BoardGrid grid;
    grid.build(m_board->catalogs(), board.cells.keys());
    QVector<BoardCell> cells(grid.rows().size() * grid.columns().size());
    QVector<QStringList> keys(cells.size());
    for (auto it = board.cells.cbegin(); it != board.cells.cend(); ++it) {
        int row = 0, column = 0;
        if (!grid.place(it.key(), &row, &column))
            continue;
        BoardCell &cell = cells[row * grid.columns().size() + column];
        keys[row * grid.columns().size() + column].append(it.key());
        // Several unknown cells may share the "?" row: merged, worst state kept.
        if (cell.open == 0 || stateSeverity(it->worst) > stateSeverity(cell.worst))
            cell.worst = it->worst;
        cell.open += it->open;
        cell.atRisk += it->atRisk;
        cell.breached += it->breached;
    }
    if (grid == m_grid) {
        // (The grid is taken even so: it points at the catalogs, which the session replaces
        // when the server sends new ones.)
        m_grid = grid;
        m_cells = cells;
        m_cellKeys = keys;
        if (!m_cells.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_grid = grid;
    m_cells = cells;
    m_cellKeys = keys;
    endResetModel();
}

void RiskMatrixModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int RiskMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.rows().size());
}

int RiskMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.columns().size());
}

Qt::ItemFlags RiskMatrixModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return m_grid.applies(index.row(), index.column()) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable
                                                       : Qt::NoItemFlags;
}

QVariant RiskMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const BoardCell &cell = m_cells.at(index.row() * columnCount() + index.column());
    const bool applies = m_grid.applies(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (!applies)
            return QStringLiteral("—");
        if (cell.open == 0)
            return QString();
        return cellText(cell);
    case Qt::AccessibleTextRole:
        return spokenText(this, index);
    case Qt::ToolTipRole:
        if (!applies)
            return tr("This plan has no such severity");
        if (cell.open == 0)
            return tr("No open tickets");
        if (cell.worst == SlaState::RespondedLate)
            //: a matrix cell: open tickets, none at risk or breached, some answered late
            return tr("%1 open, none at risk or breached; at least one was answered after "
                      "its target")
                    .arg(QLocale().toString(cell.open));
        if (cell.worst == SlaState::RespondedInTime)
            //: a matrix cell: open tickets, every one answered within its target
            return tr("%1 open, every one answered within its target")
                    .arg(QLocale().toString(cell.open));
        //: a matrix cell: open tickets, of which at risk and breached
        return tr("%1 open, %2 at risk, %3 breached")
                .arg(QLocale().toString(cell.open), QLocale().toString(cell.atRisk),
                     QLocale().toString(cell.breached));
    case Qt::BackgroundRole:
        if (!applies)
            return NotApplicable;
        return cell.open > 0 ? QVariant(stateColor(cell.worst)) : QVariant();
    case Qt::ForegroundRole:
        return textOnTint(data(index, Qt::BackgroundRole));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case LeadBoardRole::TicketIds:
        return cell.open > 0
                ? m_board->openTicketsIn(m_cellKeys.at(index.row() * columnCount() + index.column()))
                : QStringList();
    case LeadBoardRole::StateCode:
        return cell.open > 0 ? slaStateCode(cell.worst) : QString();
    case LeadBoardRole::Applies:
        return applies;
    case LeadBoardRole::SortKey:
        return cell.open;
    }
    return {};
}

QVariant RiskMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const Language language = currentLanguage();
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        if (role == Qt::DisplayRole)
            return m_grid.columnLabel(section, language);
        if (role == Qt::ToolTipRole && m_grid.columns().at(section).isEmpty())
            return tr("Severities the plan catalogs do not know");
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return m_grid.rowLabel(section, language);
    case Qt::ToolTipRole:
        return m_grid.rowToolTip(section, language);
    case Qt::DecorationRole:
        return m_grid.rowColor(section);
    case Qt::ForegroundRole:
        return m_grid.isUnknownRow(section) ? QVariant(UnknownGrey) : QVariant();
    }
    return {};
}

// ---- BreachingSoonModel ------------------------------------------------------------------

BreachingSoonModel::BreachingSoonModel(LeadBoardModel *board, QObject *parent)
    : QAbstractTableModel(parent), m_board(board)
{
    connect(board, &LeadBoardModel::boardChanged, this, &BreachingSoonModel::refresh);
    connect(board, &LeadBoardModel::directoryChanged, this, &BreachingSoonModel::refresh);
    connect(board, &LeadBoardModel::secondTick, this, &BreachingSoonModel::tick);
    refresh();
}

void BreachingSoonModel::setWindowMinutes(int minutes)
{
    if (minutes == m_minutes)
        return;
    m_minutes = minutes;
    refresh();
}

void BreachingSoonModel::refresh()
{
    const QVector<Imminent> rows = breachingWithin(m_board->board(), m_minutes);
    QStringList ids;
    for (const Imminent &i : rows)
        ids.append(i.ticketId);
    // The same tickets in the same order (most recomputes): cells change, the view keeps its
    // selection and scroll position.
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i)
        same = rows.at(i).ticketId == m_rows.at(i).ticketId;
    if (same) {
        m_rows = rows;
        m_subjects = m_board->subjects(ids);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    m_subjects = m_board->subjects(ids);
    endResetModel();
}

QStringList BreachingSoonModel::columnTexts(int column) const
{
    QStringList texts;
    // Edition, severity and assignee: the rows' own texts (below). Fitted to every name the
    // catalogs have, the severity column took "Production system abnormal"'s ~175 px on a
    // list of "Usage consultation" rows and the subject was cut at ~100 px (w15).
    switch (column) {
    case TimeLeft: {
        // The list holds unanswered tickets due within the hour: each state's widest form
        // under an hour ("at risk 59 min 58 s"), not a day's or a reply's.
        SlaStatus status;
        status.secondsLeft = status.secondsOverdue = 59 * 60 + 58;
        for (const SlaState state : { SlaState::OnTrack, SlaState::AtRisk, SlaState::Breached }) {
            status.state = state;
            texts << TimeFormat::countdown(status);
        }
        break;
    }
    case Action:
        texts << tr("Reassign…");
        break;
    default:
        break;
    }
    // And whatever the rows show now.
    for (int row = 0; row < rowCount(); ++row)
        texts << data(index(row, column), Qt::DisplayRole).toString();
    return texts;
}

void BreachingSoonModel::tick()
{
    // Only the countdowns move; the list itself changes with the board.
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, TimeLeft), index(rowCount() - 1, TimeLeft),
                         {Qt::DisplayRole, Qt::BackgroundRole, LeadBoardRole::SortKey});
}

void BreachingSoonModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int BreachingSoonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BreachingSoonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BreachingSoonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Imminent &row = m_rows.at(index.row());
    if (role == LeadBoardRole::TicketId)
        return row.ticketId;
    const std::optional<TicketFacts> f = m_board->fact(row.ticketId);
    if (!f)
        return {};
    const Language language = currentLanguage();
    const PlanCatalog *plan = m_board->catalogs().plan(f->planId);
    const SlaStatus status = m_board->index()->status(*f, m_board->now());
    if (role == Qt::BackgroundRole && index.column() == TimeLeft)
        return stateColor(status.state);
    if (role == Qt::ForegroundRole && index.column() == TimeLeft)
        return textOnTint(stateColor(status.state));
    // The countdown's own words carry its state ("at risk 4 min 10 s"); its tooltip does not.
    if (role == Qt::AccessibleTextRole)
        return index.column() == TimeLeft ? data(index, Qt::DisplayRole) : spokenText(this, index);
    if (role == LeadBoardRole::SortKey)
        return index.column() == TimeLeft ? QVariant(status.secondsLeft)
                                          : data(index, Qt::DisplayRole);
    if (role == LeadBoardRole::AgentId)
        return f->assigneeId;
    if (role == Qt::ToolTipRole && index.column() == Action)
        return tr("Give this ticket to another agent");
    if (index.column() == Action && role == Qt::ForegroundRole)
        return QPalette().color(QPalette::Link); // a link: one click acts
    if (index.column() == Action && role == Qt::FontRole) {
        QFont font;
        font.setUnderline(true);
        return font;
    }
    if (role == Qt::ToolTipRole && index.column() == TimeLeft)
        return TimeFormat::countdownWords(status);
    // The list is narrow: a subject, severity or name it cuts ("Windows 实例远程桌面连接…") is
    // read whole on hovering.
    if (role == Qt::ToolTipRole
        && (index.column() == Subject || index.column() == SeverityColumn
            || index.column() == Assignee))
        return data(index, Qt::DisplayRole);
    if (role == Qt::ToolTipRole && index.column() == Edition) {
        // The code in the cell, as in the queue's badge; the names in the tooltip.
        const SupportDesk::Edition *e = plan ? plan->edition(f->editionId) : nullptr;
        if (!e)
            return {};
        //: edition tooltip: plan name, edition name, e.g. "Partner Support Plan — Standard"
        return tr("%1 — %2").arg(plan->names().text(language), e->names.text(language));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Ticket:
        return f->number > 0 ? QStringLiteral("#%1").arg(f->number) : f->id.left(8);
    case Subject:
        return m_subjects.value(f->id);
    case Edition: {
        const SupportDesk::Edition *e = plan ? plan->edition(f->editionId) : nullptr;
        return e ? e->code : QStringLiteral("?");
    }
    case SeverityColumn: {
        const Severity *s = plan ? plan->severity(f->severity) : nullptr;
        return s ? s->names.text(language) : f->severity;
    }
    case Assignee:
        //: the assignee column of a ticket nobody is working on
        return f->assigneeId.isEmpty() ? tr("Unassigned") : m_board->agentName(f->assigneeId);
    case TimeLeft:
        return TimeFormat::countdown(status);
    case Action:
        return tr("Reassign…");
    }
    return {};
}

QVariant BreachingSoonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Ticket:
        return tr("Ticket");
    case Subject:
        return tr("Subject");
    case Edition:
        return tr("Edition");
    case SeverityColumn:
        return tr("Severity");
    case Assignee:
        return tr("Assignee");
    case TimeLeft:
        return tr("Time left");
    case Action:
        return QString();
    }
    return {};
}

// ---- AgentLoadModel ----------------------------------------------------------------------

AgentLoadModel::AgentLoadModel(LeadBoardModel *board, QObject *parent)
    : QAbstractTableModel(parent), m_board(board)
{
    connect(board, &LeadBoardModel::boardChanged, this, &AgentLoadModel::refresh);
    connect(board, &LeadBoardModel::directoryChanged, this, &AgentLoadModel::refresh);
    refresh();
}

void AgentLoadModel::refresh()
{
    // The board's order (most breached first), then the team's agents with nothing open.
    QVector<AgentLoad> rows = m_board->board().agents;
    QSet<QString> listed;
    for (const AgentLoad &a : rows)
        listed.insert(a.agentId);
    for (const Agent &a : m_board->assignees()) {
        if (!listed.contains(a.id))
            rows.append(AgentLoad{a.id, 0, 0, 0, {}});
    }
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i)
        same = rows.at(i).agentId == m_rows.at(i).agentId;
    if (same) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void AgentLoadModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int AgentLoadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AgentLoadModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AgentLoadModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const AgentLoad &row = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::AccessibleTextRole:
        return spokenText(this, index);
    case LeadBoardRole::AgentId:
        return row.agentId;
    case LeadBoardRole::TicketIds:
        return m_board->openTicketsOf(row.agentId);
    case Qt::TextAlignmentRole:
        // Counts to the right, words to the left: the oldest wait, right-aligned in the
        // stretched last column, stood 900 px from its agent at 1440 px.
        return index.column() == AgentColumn || index.column() == OldestWaiting
                ? int(Qt::AlignLeft | Qt::AlignVCenter)
                : int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (index.column() == Breached && row.breached > 0)
            return stateColor(SlaState::Breached);
        if (index.column() == AtRisk && row.atRisk > 0)
            return stateColor(SlaState::AtRisk);
        return {};
    case Qt::ForegroundRole:
        return textOnTint(data(index, Qt::BackgroundRole));
    case Qt::ToolTipRole:
        if (index.column() == OldestWaiting && row.oldestWaitingSince.isValid())
            return TimeFormat::dateTime(row.oldestWaitingSince);
        return {};
    case LeadBoardRole::SortKey:
        switch (index.column()) {
        case Open:
            return row.open;
        case AtRisk:
            return row.atRisk;
        case Breached:
            return row.breached;
        case OldestWaiting:
            return row.oldestWaitingSince.isValid() ? row.oldestWaitingSince.toMSecsSinceEpoch()
                                                    : std::numeric_limits<qint64>::max();
        }
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case AgentColumn:
            return row.agentId.isEmpty() ? tr("Unassigned") : m_board->agentName(row.agentId);
        case Open:
            return locale.toString(row.open);
        case AtRisk:
            return locale.toString(row.atRisk);
        case Breached:
            return locale.toString(row.breached);
        case OldestWaiting:
            if (!row.oldestWaitingSince.isValid())
                return QString();
            //: how long the oldest unanswered ticket has waited, e.g. "waiting 2 h 5 min"
            return tr("waiting %1")
                    .arg(TimeFormat::span(row.oldestWaitingSince.secsTo(m_board->now())));
        }
    }
    return {};
}

QVariant AgentLoadModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::TextAlignmentRole && section == OldestWaiting)
        return int(Qt::AlignLeft | Qt::AlignVCenter); // over its words, not centred in the rest
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AgentColumn:
        return tr("Agent");
    case Open:
        return tr("Open");
    case AtRisk:
        return slaStateName(SlaState::AtRisk);
    case Breached:
        return slaStateName(SlaState::Breached);
    case OldestWaiting:
        return tr("Oldest waiting");
    }
    return {};
}

// ---- QuotaModel --------------------------------------------------------------------------

QuotaModel::QuotaModel(LeadBoardModel *board, QObject *parent)
    : QAbstractTableModel(parent), m_board(board)
{
    connect(board, &LeadBoardModel::boardChanged, this, &QuotaModel::refresh);
    connect(board, &LeadBoardModel::directoryChanged, this, &QuotaModel::refresh);
    refresh();
}

void QuotaModel::refresh()
{
    const QVector<QuotaRow> rows = m_board->quota();
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i)
        same = rows.at(i).customerId == m_rows.at(i).customerId;
    if (same) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

void QuotaModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int QuotaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QuotaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QuotaModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QuotaRow &row = m_rows.at(index.row());
    const QLocale locale;
    const auto reasons = [&row] {
        QStringList list;
        for (const TicketFacts &t : row.overQuota) {
            const QString label = t.number > 0 ? QStringLiteral("#%1").arg(t.number) : t.id.left(8);
            list.append(t.quotaOverrideReason.isEmpty()
                                ? label
                                : QStringLiteral("%1: %2").arg(label, t.quotaOverrideReason));
        }
        return list;
    };
    switch (role) {
    case Qt::AccessibleTextRole:
        return spokenText(this, index);
    case LeadBoardRole::CustomerId:
        return row.customerId;
    case LeadBoardRole::TicketIds: {
        QStringList ids;
        for (const TicketFacts &t : row.overQuota)
            ids.append(t.id);
        return ids;
    }
    case Qt::BackgroundRole:
        if (index.column() != Used)
            return {};
        if (row.used > row.limit)
            return stateColor(SlaState::Breached);
        return row.used == row.limit ? QVariant(stateColor(SlaState::AtRisk)) : QVariant();
    case Qt::ForegroundRole:
        return textOnTint(data(index, Qt::BackgroundRole));
    case Qt::ToolTipRole:
        if (index.column() == Reasons)
            return reasons().join(u'\n');
        return {};
    case LeadBoardRole::SortKey:
        if (index.column() == Used)
            return double(row.used) / std::max(1, row.limit);
        if (index.column() == OverQuota)
            return int(row.overQuota.size());
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case CustomerColumn: {
            const auto c = m_board->customer(row.customerId);
            return c && !c->name.isEmpty() ? c->name : row.customerId;
        }
        case EditionColumn: {
            const auto c = m_board->customer(row.customerId);
            const PlanCatalog *plan = c ? m_board->catalogs().plan(c->planId) : nullptr;
            const SupportDesk::Edition *e = plan ? plan->edition(row.editionId) : nullptr;
            return e ? e->names.text(currentLanguage()) : row.editionId;
        }
        case Used:
            //: quota use this month, e.g. "11 of 10"
            return tr("%1 of %2").arg(locale.toString(row.used), locale.toString(row.limit));
        case OverQuota:
            return locale.toString(row.overQuota.size());
        case Reasons:
            return reasons().join(u'\n'); // one a line, wrapped by the view
        }
    }
    return {};
}

QVariant QuotaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CustomerColumn:
        return tr("Customer");
    case EditionColumn:
        return tr("Edition");
    case Used:
        return tr("Used this month");
    case OverQuota:
        return tr("Over quota");
    case Reasons:
        return tr("Override reasons");
    }
    return {};
}

// ---- AttainmentModel ---------------------------------------------------------------------

AttainmentModel::AttainmentModel(LeadBoardModel *board, QObject *parent)
    : QAbstractTableModel(parent), m_board(board)
{
    connect(board, &LeadBoardModel::boardChanged, this, &AttainmentModel::refresh);
    connect(board, &LeadBoardModel::directoryChanged, this, &AttainmentModel::refresh);
    refresh();
}

void AttainmentModel::setPeriod(AttainmentFigures::Period period)
{
    if (period == m_period)
        return;
    m_period = period;
    refresh();
}

void AttainmentModel::refresh()
{
    const Attainment &a = m_board->attainment().periods[m_period];
    BoardGrid grid;
    grid.build(m_board->catalogs(), a.cells.keys());
    QVector<AttainmentCell> cells(grid.rows().size() * grid.columns().size());
    for (auto it = a.cells.cbegin(); it != a.cells.cend(); ++it) {
        int row = 0, column = 0;
        if (!grid.place(it.key(), &row, &column))
            continue;
        AttainmentCell &cell = cells[row * grid.columns().size() + column];
        cell.answered += it->answered;
        cell.inTime += it->inTime;
        cell.breachedOpen += it->breachedOpen;
    }
    if (grid == m_grid) {
        // (The grid is taken even so: it points at the catalogs, which the session replaces
        // when the server sends new ones.)
        m_grid = grid;
        m_cells = cells;
        if (!m_cells.isEmpty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    m_grid = grid;
    m_cells = cells;
    endResetModel();
}

void AttainmentModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int AttainmentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.rows().size());
}

int AttainmentModel::columnCount(const QModelIndex &parent) const
{
    // The grid's severities, then the whole row.
    return parent.isValid() ? 0 : int(m_grid.columns().size()) + 1;
}

AttainmentCell AttainmentModel::cellAt(int row, int column) const
{
    const int severities = int(m_grid.columns().size());
    if (column < severities)
        return m_cells.at(row * severities + column);
    AttainmentCell sum;
    for (int c = 0; c < severities; ++c) {
        const AttainmentCell &cell = m_cells.at(row * severities + c);
        sum.answered += cell.answered;
        sum.inTime += cell.inTime;
        sum.breachedOpen += cell.breachedOpen;
    }
    return sum;
}

QVariant AttainmentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool total = index.column() == int(m_grid.columns().size());
    const bool applies = total || m_grid.applies(index.row(), index.column());
    const AttainmentCell cell = cellAt(index.row(), index.column());
    const QLocale locale;
    switch (role) {
    case Qt::AccessibleTextRole:
        return spokenText(this, index);
    case Qt::DisplayRole:
        if (!applies)
            return QStringLiteral("—");
        return cell.decided() ? ServiceReportExport::share(cell, currentLanguage()) : QString();
    case Qt::ToolTipRole:
        if (!applies || cell.decided() == 0)
            return {};
        //: attainment cell: answered within target of decided tickets
        return tr("%1 of %2 answered within target")
                .arg(locale.toString(cell.inTime), locale.toString(cell.decided()));
    case Qt::BackgroundRole:
        if (!applies)
            return NotApplicable;
        if (cell.decided() == 0)
            return {};
        // Against a 95 % aim: at or above calm, down to 80 % amber, below red.
        if (cell.share() >= 0.95)
            return stateColor(SlaState::RespondedInTime);
        return cell.share() >= 0.8 ? stateColor(SlaState::AtRisk)
                                   : stateColor(SlaState::Breached);
    case Qt::ForegroundRole:
        return textOnTint(data(index, Qt::BackgroundRole));
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::FontRole:
        if (total) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case LeadBoardRole::Applies:
        return applies;
    case LeadBoardRole::SortKey:
        return cell.share();
    }
    return {};
}

QVariant AttainmentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const Language language = currentLanguage();
    if (orientation == Qt::Horizontal) {
        if (role != Qt::DisplayRole || section < 0 || section >= columnCount())
            return {};
        if (section == int(m_grid.columns().size()))
            //: attainment column over all severities of an edition
            return tr("All severities");
        return m_grid.columnLabel(section, language);
    }
    if (section < 0 || section >= rowCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return m_grid.rowLabel(section, language);
    case Qt::ToolTipRole:
        return m_grid.rowToolTip(section, language);
    case Qt::DecorationRole:
        return m_grid.rowColor(section);
    case Qt::ForegroundRole:
        return m_grid.isUnknownRow(section) ? QVariant(UnknownGrey) : QVariant();
    }
    return {};
}

} // namespace SupportDesk
