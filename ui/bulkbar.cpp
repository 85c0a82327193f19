#include "bulkbar.h"

#include "bulkresults.h"
#include "desksession.h"
#include "macropicker.h"
#include "macropickerlist.h"
#include "panecolors.h"
#include "queuemodel.h"
#include "queueview.h"
#include "recordnames.h"
#include "ticketedits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace SupportDesk {

namespace {
// Escape hides the picker (it eats the key, as it must over the composer): the dialog it sits
// in goes with it.
class RejectOnHide : public QObject
{
public:
    RejectOnHide(QDialog *dialog) : QObject(dialog), m_dialog(dialog) { }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Hide && m_dialog->isVisible())
            m_dialog->reject();
        return QObject::eventFilter(watched, event);
    }

private:
    QDialog *m_dialog;
};
} // namespace

BulkBar::BulkBar(DeskSession *session, QueueView *view, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_view(view)
{
    setObjectName(QStringLiteral("bulkBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    m_count = new QLabel;
    m_count->setObjectName(QStringLiteral("bulkCount"));
    // Wrapped rather than widening the bar past the queue ("…selecting the rest of the queue
    // as it is read…" in either language).
    m_count->setWordWrap(true);
    layout->addWidget(m_count, 1);
    m_selectAll = new QPushButton;
    m_selectAll->setObjectName(QStringLiteral("bulkSelectAll"));
    connect(m_selectAll, &QPushButton::clicked, view, &QAbstractItemView::selectAll);
    layout->addWidget(m_selectAll);
    // Each list starts with its prompt; choosing an entry runs the action at once, as a
    // menu item would, and the list goes back to its prompt.
    m_assign = new QComboBox;
    m_assign->setObjectName(QStringLiteral("bulkAssign"));
    m_assign->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_assign, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        BulkAction action;
        action.kind = BulkAction::Kind::Assign;
        action.assigneeId = m_assign->itemData(index).toString();
        m_assign->setCurrentIndex(0);
        run(action);
    });
    layout->addWidget(m_assign);
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("bulkStatus"));
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status->addItem(QString());
    // Never back to new (applyEdit refuses it for every ticket): not offered.
    for (const QString &status : TicketStatus::all()) {
        if (status != TicketStatus::New)
            m_status->addItem(QString(), status);
    }
    connect(m_status, &QComboBox::activated, this, [this](int index) {
        if (index <= 0)
            return;
        BulkAction action;
        action.kind = BulkAction::Kind::SetStatus;
        action.status = m_status->itemData(index).toString();
        m_status->setCurrentIndex(0);
        run(action);
    });
    layout->addWidget(m_status);
    m_macro = new QPushButton;
    m_macro->setObjectName(QStringLiteral("bulkMacro"));
    connect(m_macro, &QPushButton::clicked, this, &BulkBar::chooseMacro);
    layout->addWidget(m_macro);
    m_tag = new QPushButton;
    m_tag->setObjectName(QStringLiteral("bulkTag"));
    connect(m_tag, &QPushButton::clicked, this,
            [this] { chooseTag(BulkTagDialog::Mode::Add); });
    layout->addWidget(m_tag);
    m_untag = new QPushButton;
    m_untag->setObjectName(QStringLiteral("bulkUntag"));
    connect(m_untag, &QPushButton::clicked, this,
            [this] { chooseTag(BulkTagDialog::Mode::Remove); });
    layout->addWidget(m_untag);
    // Its tint follows the palette: a fixed pale blue under a dark high-contrast palette held
    // its white words at 1.2:1.
    PaneColors::setTint(this, &PaneColors::notice);

    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BulkBar::updateSelection);
    connect(view->model(), &QAbstractItemModel::modelReset, this, &BulkBar::updateSelection);
    connect(view, &QueueView::selectingAllChanged, this, &BulkBar::updateSelection);
    connect(session, &DeskSession::signedIn, this, &BulkBar::fillAgents);
    connect(session, &DeskSession::cacheReset, this, &BulkBar::fillAgents);
    fillAgents();
    retranslateUi();
    updateSelection();
}

BulkRun *BulkBar::run(const BulkAction &action)
{
    // The rows: each ticket's id is read as the run plans it.
    std::unique_ptr<TicketIdSource> ids = m_view->selectedTickets();
    if (ids->size() == 0)
        return nullptr;
    auto *run = new BulkRun(m_session, std::move(ids), action);
    // The last action's dialog stays open beside a new one: each lists its own tickets.
    auto *dialog = new BulkResultsDialog(m_session, run, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &BulkResultsDialog::openTicket, this, &BulkBar::openTicket);
    m_results = dialog;
    dialog->show();
    run->start();
    return run;
}

BulkResultsDialog *BulkBar::results() const
{
    return m_results;
}

void BulkBar::chooseMacro()
{
    // The composer's picker in a small window of its own: type, Up/Down, Enter.
    QDialog dialog(window());
    dialog.setWindowTitle(tr("Apply a macro to the selected tickets"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *note = new QLabel(tr("The macro's actions (status, severity, assignee, tags) are "
                               "applied to each selected ticket."));
    note->setWordWrap(true);
    layout->addWidget(note);
    // Each customer's reply in their own language with this ticket's values; a ticket whose
    // reply would leave a placeholder unfilled gets nothing of the macro (macroReply()).
    auto *sendReply = new QCheckBox(tr("Also send its reply to each customer, in the "
                                       "customer's language"));
    sendReply->setObjectName(QStringLiteral("bulkMacroSendReply"));
    sendReply->setChecked(true);
    layout->addWidget(sendReply);
    auto *picker = new MacroPicker(&dialog);
    picker->setObjectName(QStringLiteral("bulkMacroPicker"));
    layout->addWidget(picker);
    std::optional<Macro> chosen;
    connect(picker, &MacroPicker::chosen, &dialog, [&](const Macro &m) {
        chosen = m;
        dialog.accept();
    });
    dialog.resize(520, 420);
    picker->open(MacroReadAhead::of(m_session)->macros());
    picker->installEventFilter(new RejectOnHide(&dialog));
    if (dialog.exec() != QDialog::Accepted || !chosen)
        return;
    BulkAction action;
    action.kind = BulkAction::Kind::ApplyMacro;
    action.macro = *chosen;
    action.sendMacroReply = sendReply->isChecked();
    run(action);
}

void BulkBar::chooseTag(BulkTagDialog::Mode mode)
{
    QStringList inUse;
    for (const TagUse &use : m_session->cache()->tagsInUse())
        inUse.append(use.tag);
    if (m_tagDialog)
        m_tagDialog->close();
    auto *dialog = new BulkTagDialog(mode, m_view->selectedCount(), inUse, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &BulkTagDialog::chosen, this, [this, mode](const QString &tag) {
        BulkAction action;
        action.kind = mode == BulkTagDialog::Mode::Add ? BulkAction::Kind::AddTag
                                                       : BulkAction::Kind::RemoveTag;
        action.tag = tag;
        run(action);
    });
    m_tagDialog = dialog;
    dialog->open();
}

void BulkBar::updateSelection()
{
    const int selected = m_view->selectedCount();
    // Select all on a large queue's first screen: the rest is selected when it is in, and an
    // action waits for it (it would act on the first screen only).
    const bool pending = m_view->isSelectingAllPending();
    m_count->setText(pending ? tr("%n ticket(s) selected; selecting the rest of the queue as it "
                                  "is read…",
                                  nullptr, selected)
                             : tr("%n ticket(s) selected", nullptr, selected));
    for (QWidget *action : { static_cast<QWidget *>(m_assign), static_cast<QWidget *>(m_status),
                             static_cast<QWidget *>(m_macro), static_cast<QWidget *>(m_tag),
                             static_cast<QWidget *>(m_untag) })
        action->setEnabled(!pending);
    // The accounts as the cache has them when the bar appears (the feed brings agents after
    // sign-in; a new colleague appears without a restart).
    if (selected >= 2 && isHidden())
        fillAgents();
    setVisible(selected >= 2);
}

void BulkBar::fillAgents()
{
    m_assign->clear();
    m_assign->addItem(tr("Assign to…"));
    m_assign->addItem(tr("Unassigned"), QString());
    const QVector<Agent> agents = m_session->cache()->agents();
    for (const Agent &a : agents) {
        if (a.takesTickets())
            m_assign->addItem(TicketEdits::agentName(a), a.id);
    }
}

void BulkBar::retranslateUi()
{
    m_selectAll->setText(tr("Select all"));
    m_selectAll->setToolTip(tr("Select every ticket the queue shows (Ctrl+A)"));
    m_selectAll->setAccessibleName(tr("Select every ticket in the queue"));
    m_status->setItemText(0, tr("Set status…"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, statusName(m_status->itemData(i).toString()));
    m_status->setAccessibleName(tr("Set the status of the selected tickets"));
    m_assign->setAccessibleName(tr("Assign the selected tickets"));
    m_macro->setText(tr("Apply macro…"));
    m_macro->setAccessibleName(tr("Apply a macro to the selected tickets"));
    m_tag->setText(tr("Tag…"));
    m_tag->setAccessibleName(tr("Add a tag to the selected tickets"));
    m_untag->setText(tr("Remove tag…"));
    m_untag->setAccessibleName(tr("Remove a tag from the selected tickets"));
    m_count->setAccessibleName(tr("Number of selected tickets"));
    fillAgents();
    updateSelection();
}

void BulkBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace SupportDesk
