#include "bulkresults.h"

#include "columnfit.h"

#include "desksession.h"
#include "plancatalog.h"
#include "recordnames.h"
#include "tag.h"
#include "ticketedits.h"

#include <QAbstractTableModel>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace SupportDesk {

// The run's items as rows: number, subject, result, worded when a row is painted or read.
class BulkResultsModel : public QAbstractTableModel
{
public:
    BulkResultsModel(DeskSession *session, BulkRun *run, QObject *parent)
        : QAbstractTableModel(parent), m_session(session), m_run(run)
    {
    }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_run->size());
    }
    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : 3;
    }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return {};
        switch (section) {
        case 0:
            return BulkResultsDialog::tr("Ticket");
        case 1:
            return BulkResultsDialog::tr("Subject");
        case 2:
            return BulkResultsDialog::tr("Result");
        }
        return {};
    }
    void rowChanged(int row) { emit dataChanged(index(row, 0), index(row, 2)); }
    // The language changed: every row's words (the view repaints the rows it shows).
    void retranslate()
    {
        emit headerDataChanged(Qt::Horizontal, 0, 2);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, 2));
    }

private:
    DeskSession *m_session;
    BulkRun *m_run;
};

QVariant BulkResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const BulkRun::Item &item = m_run->item(index.row()); // Waiting until planned
    // A ticket's number and subject come as the run reads it: until then, and for a ticket
    // the server has not numbered, a screen reader says so instead of reading a blank cell.
    const bool read = item.number > 0 || !item.subject.isEmpty();
    if (role == Qt::AccessibleTextRole && index.column() == 0 && item.number <= 0) {
        if (read)
            //: a ticket the server has not numbered yet
            return BulkResultsDialog::tr("(not yet numbered)");
        //: a bulk action's ticket whose number and subject are being read
        return BulkResultsDialog::tr("(not read yet)");
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case 0:
        return item.number > 0 ? QStringLiteral("#%1").arg(item.number) : QString();
    case 1:
        return read ? item.subject : BulkResultsDialog::tr("Reading the ticket…");
    case 2:
        return BulkResultsDialog::stateText(item, m_run->action(), m_session);
    }
    return {};
}

BulkResultsDialog::BulkResultsDialog(DeskSession *session, BulkRun *run, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_run(run)
{
    setObjectName(QStringLiteral("bulkResults"));
    run->setParent(this);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_model = new BulkResultsModel(session, run, this);
    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->setObjectName(QStringLiteral("bulkResultTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    // Uniform rows: the view never measures a row's contents, however many tickets.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setWordWrap(true);
    layout->addWidget(m_table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        emit openTicket(m_run->ticketId(index.row()));
    });
    // A row as its ticket changes; the summary (a count over every ticket) once for all the
    // rows that changed together: 500 tickets done at once were 500 counts of 500.
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(0);
    connect(&m_summaryTimer, &QTimer::timeout, this, &BulkResultsDialog::updateSummary);
    connect(run, &BulkRun::itemChanged, this, [this](int index) {
        m_model->rowChanged(index);
        m_summaryTimer.start();
    });
    connect(run, &BulkRun::finished, this, &BulkResultsDialog::updateSummary);
    if (run->action().kind == BulkAction::Kind::Assign && !run->action().assigneeId.isEmpty())
        m_assigneeName = TicketEdits::references(*session->cache(), session->catalogs(), {})
                                 .agent(run->action().assigneeId);
    resize(860, 520);
    retranslateUi();
    // The number as wide as the largest it may be (the numbers come as the tickets are read:
    // fitted to the contents at the start, the column showed "…"), the subject readable, the
    // result the rest (ColumnFit: the desk's one rule; narrower, the table scrolls).
    auto *fit = new ColumnFit(m_table, m_table->horizontalHeader());
    fit->setTexts(0, { QStringLiteral("#0000000") });
    fit->setContentWidth(1, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 18);
    fit->setFreeColumn(2, 20);
    fit->fit();
}

QString BulkResultsDialog::stateText(const BulkRun::Item &item, const BulkAction &action,
                                     const DeskSession *session)
{
    const PlanCatalog *plan = session->catalogs().plan(item.planId);
    // A tag the bar let through is refused only for the ticket's 21st (applyEdit's invalid-op,
    // whose argument is the rules' English): said in the desk's language instead.
    const bool tooManyTags = action.kind == BulkAction::Kind::AddTag
            && item.refusal.code == u"invalid-op";
    if (tooManyTags && item.state == BulkRun::State::Refused)
        return tr("Not sent: the ticket holds %1 tags, the most it may.")
                .arg(TagLimits::MaxPerTicket);
    if (tooManyTags && item.state == BulkRun::State::Rejected)
        return tr("Refused by the server: the ticket holds %1 tags, the most it may.")
                .arg(TagLimits::MaxPerTicket);
    switch (item.state) {
    case BulkRun::State::Waiting:
        return tr("Waiting to be saved");
    case BulkRun::State::Unchanged:
        if (action.kind == BulkAction::Kind::AddTag)
            //: %1 a tag
            return tr("Nothing to change: the ticket already has the tag %1").arg(action.tag);
        if (action.kind == BulkAction::Kind::RemoveTag)
            //: %1 a tag
            return tr("Nothing to change: the ticket does not have the tag %1").arg(action.tag);
        return tr("Nothing to change: the ticket already is so");
    case BulkRun::State::Refused:
        //: %1 the rule that refuses the edit, in words
        return tr("Not sent: %1").arg(item.refusal.message(plan, TicketEdits::language()));
    case BulkRun::State::Failed:
        return tr("Not saved: %1").arg(item.error);
    case BulkRun::State::Pending:
        return tr("Saved; waiting for the server");
    case BulkRun::State::Done:
        return tr("Done");
    case BulkRun::State::Conflict:
        return tr("Conflict: someone changed the ticket first. Open it to re-apply or drop "
                  "your edit.");
    case BulkRun::State::Rejected:
        return tr("Refused by the server: %1")
                .arg(item.refusal.message(plan, TicketEdits::language()));
    }
    return {};
}

QString BulkResultsDialog::resultText(int index) const
{
    return stateText(m_run->item(index), m_run->action(), m_session);
}

QString BulkResultsDialog::summaryText() const
{
    return m_summary->text();
}

void BulkResultsDialog::updateSummary()
{
    using S = BulkRun::State;
    const int total = int(m_run->size());
    const int refused = m_run->count(S::Refused) + m_run->count(S::Rejected)
            + m_run->count(S::Failed);
    const QString counts = tr("%1 of %2 tickets done, %3 waiting for the server, %4 already so, "
                              "%5 refused, %6 in conflict.")
                                   .arg(m_run->count(S::Done))
                                   .arg(total)
                                   .arg(m_run->count(S::Pending) + m_run->count(S::Waiting))
                                   .arg(m_run->count(S::Unchanged))
                                   .arg(refused)
                                   .arg(m_run->count(S::Conflict));
    //: bulk results: %1 the action named (Applied macro “X” to 3 tickets), %2 the counts
    m_summary->setText(tr("%1: %2").arg(actionText(), counts));
    setWindowTitle(actionText());
}

QString BulkResultsDialog::actionText() const
{
    const BulkAction &action = m_run->action();
    const int n = int(m_run->size());
    const bool done = m_run->isFinished();
    switch (action.kind) {
    case BulkAction::Kind::ApplyMacro:
        return done ? tr("Applied macro “%1” to %n ticket(s)", nullptr, n).arg(action.macro.name)
                    : tr("Applying macro “%1” to %n ticket(s)", nullptr, n)
                              .arg(action.macro.name);
    case BulkAction::Kind::Assign:
        if (action.assigneeId.isEmpty())
            return done ? tr("Unassigned %n ticket(s)", nullptr, n)
                        : tr("Unassigning %n ticket(s)", nullptr, n);
        return done ? tr("Assigned %n ticket(s) to %1", nullptr, n).arg(m_assigneeName)
                    : tr("Assigning %n ticket(s) to %1", nullptr, n).arg(m_assigneeName);
    case BulkAction::Kind::SetStatus:
        //: %1 a ticket status
        return done ? tr("Set the status of %n ticket(s) to %1", nullptr, n)
                              .arg(statusName(action.status))
                    : tr("Setting the status of %n ticket(s) to %1", nullptr, n)
                              .arg(statusName(action.status));
    case BulkAction::Kind::AddTag:
        return done ? tr("Added the tag %1 to %n ticket(s)", nullptr, n).arg(action.tag)
                    : tr("Adding the tag %1 to %n ticket(s)", nullptr, n).arg(action.tag);
    case BulkAction::Kind::RemoveTag:
        return done ? tr("Removed the tag %1 from %n ticket(s)", nullptr, n).arg(action.tag)
                    : tr("Removing the tag %1 from %n ticket(s)", nullptr, n).arg(action.tag);
    }
    return {};
}

void BulkResultsDialog::retranslateUi()
{
    m_model->retranslate();
    m_table->setAccessibleName(tr("Result for each ticket"));
    m_summary->setAccessibleName(tr("Summary of the bulk action"));
    updateSummary();
}

void BulkResultsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace SupportDesk
