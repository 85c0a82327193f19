#include "macromanager.h"

#include "bulkwriter.h"
#include "desksession.h"
#include "macropickerlist.h"
#include "panecolors.h"
#include "plancatalog.h"
#include "recordnames.h"
#include "tag.h"
#include "tagbar.h"
#include "ticketedits.h"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QUuid>
#include <QVBoxLayout>

namespace SupportDesk {

static const QString OwnScope = QStringLiteral("own");
static const QString TeamScope = QStringLiteral("team");

// A tag line as typed: the words, each as the tag rules spell it, once. A word the rules refuse
// is kept as typed, so the form can say which one.
static QStringList tagsOf(const QString &typed)
{
    QStringList tags;
    for (const QString &word : typed.split(QRegularExpression(QStringLiteral("\\s+")),
                                           Qt::SkipEmptyParts)) {
        const QString tag = checkTag(word).isEmpty() ? normalizeTag(word) : word;
        if (!tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

MacroManagerDialog::MacroManagerDialog(DeskSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("macroManager"));
    auto *layout = new QHBoxLayout(this);

    // The list: every macro this desk shows (the team's and one's own), searchable.
    auto *left = new QVBoxLayout;
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("macroManagerSearch"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &MacroManagerDialog::reload);
    left->addWidget(m_search);
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("macroManagerList"));
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            selectMacro(item->data(Qt::UserRole).toString());
    });
    // No sideways scrolling (audit 11, shot 71: the names were cut under a scroll bar at
    // 1440 × 900): the list is as wide as its longest name needs (reload()), up to a limit;
    // a longer name is elided in the middle and whole in its tooltip.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setTextElideMode(Qt::ElideMiddle);
    left->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton;
    m_new->setObjectName(QStringLiteral("macroNew"));
    connect(m_new, &QPushButton::clicked, this, &MacroManagerDialog::startNew);
    m_delete = new QPushButton;
    m_delete->setObjectName(QStringLiteral("macroDelete"));
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const auto answer = QMessageBox::question(
            this, tr("Delete macro"),
            tr("Delete \"%1\"? Nobody will be able to use it any more.").arg(m_editing.name));
        if (answer == QMessageBox::Yes)
            remove();
    });
    m_copy = new QPushButton;
    m_copy->setObjectName(QStringLiteral("macroCopy"));
    connect(m_copy, &QPushButton::clicked, this, &MacroManagerDialog::copyAsOwn);
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_copy);
    listButtons->addWidget(m_delete);
    left->addLayout(listButtons);
    layout->addLayout(left, 2);

    // The form.
    auto *right = new QVBoxLayout;
    auto *form = new QFormLayout;
    m_nameLabel = new QLabel;
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("macroName"));
    m_name->setMaxLength(int(MacroLimits::MaxName));
    m_nameLabel->setBuddy(m_name);
    form->addRow(m_nameLabel, m_name);
    m_scopeLabel = new QLabel;
    m_scope = new QComboBox;
    m_scope->setObjectName(QStringLiteral("macroScope"));
    m_scope->addItem(QString(), OwnScope);
    m_scope->addItem(QString(), TeamScope);
    m_scopeLabel->setBuddy(m_scope);
    form->addRow(m_scopeLabel, m_scope);
    right->addLayout(form);
    m_readOnlyNote = new QLabel;
    m_readOnlyNote->setObjectName(QStringLiteral("macroReadOnly"));
    m_readOnlyNote->setWordWrap(true);
    right->addWidget(m_readOnlyNote);

    auto *bodies = new QHBoxLayout;
    const auto body = [this, bodies](QLabel **label, QPlainTextEdit **edit, const char *name) {
        auto *column = new QVBoxLayout;
        *label = new QLabel;
        *edit = new QPlainTextEdit;
        (*edit)->setObjectName(QLatin1String(name));
        (*edit)->setTabChangesFocus(true);
        (*label)->setBuddy(*edit);
        column->addWidget(*label);
        column->addWidget(*edit, 1);
        bodies->addLayout(column, 1);
    };
    body(&m_bodyZhLabel, &m_bodyZh, "macroBodyZh");
    body(&m_bodyEnLabel, &m_bodyEn, "macroBodyEn");
    right->addLayout(bodies, 1);
    // The body a placeholder goes into: the one last edited.
    m_lastBody = m_bodyEn;
    connect(m_bodyZh, &QPlainTextEdit::cursorPositionChanged, this,
            [this] { m_lastBody = m_bodyZh; });
    connect(m_bodyEn, &QPlainTextEdit::cursorPositionChanged, this,
            [this] { m_lastBody = m_bodyEn; });

    auto *placeholders = new QHBoxLayout;
    m_placeholdersLabel = new QLabel;
    m_placeholders = new QListWidget;
    m_placeholders->setObjectName(QStringLiteral("macroPlaceholders"));
    for (int f = 0; f < MacroFieldCount; ++f) {
        auto *item = new QListWidgetItem(m_placeholders);
        item->setData(Qt::UserRole, f);
    }
    m_placeholders->setCurrentRow(0);
    m_placeholdersLabel->setBuddy(m_placeholders);
    connect(m_placeholders, &QListWidget::itemActivated, this,
            &MacroManagerDialog::insertPlaceholder);
    m_insert = new QPushButton;
    m_insert->setObjectName(QStringLiteral("macroInsertPlaceholder"));
    connect(m_insert, &QPushButton::clicked, this, &MacroManagerDialog::insertPlaceholder);
    placeholders->addWidget(m_placeholders, 1);
    placeholders->addWidget(m_insert, 0, Qt::AlignTop);
    right->addWidget(m_placeholdersLabel);
    right->addLayout(placeholders);

    m_actionsLabel = new QLabel;
    right->addWidget(m_actionsLabel);
    auto *actions = new QFormLayout;
    m_statusLabel = new QLabel;
    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("macroStatus"));
    m_statusLabel->setBuddy(m_status);
    actions->addRow(m_statusLabel, m_status);
    m_severityLabel = new QLabel;
    m_severity = new QComboBox;
    m_severity->setObjectName(QStringLiteral("macroSeverity"));
    m_severityLabel->setBuddy(m_severity);
    actions->addRow(m_severityLabel, m_severity);
    m_reasonLabel = new QLabel;
    m_reason = new QLineEdit;
    m_reason->setObjectName(QStringLiteral("macroSeverityReason"));
    m_reasonLabel->setBuddy(m_reason);
    actions->addRow(m_reasonLabel, m_reason);
    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this] { m_reason->setEnabled(!m_severity->currentData().toString().isEmpty()
                                          && m_name->isEnabled()); });
    m_assigneeLabel = new QLabel;
    m_assignee = new QComboBox;
    m_assignee->setObjectName(QStringLiteral("macroAssignee"));
    m_assigneeLabel->setBuddy(m_assignee);
    actions->addRow(m_assigneeLabel, m_assignee);
    const auto tagLine = [actions](QLabel **label, QLineEdit **line, const char *name) {
        *label = new QLabel;
        *line = new QLineEdit;
        (*line)->setObjectName(QLatin1String(name));
        (*label)->setBuddy(*line);
        actions->addRow(*label, *line);
    };
    tagLine(&m_addTagsLabel, &m_addTags, "macroAddTags");
    tagLine(&m_removeTagsLabel, &m_removeTags, "macroRemoveTags");
    right->addLayout(actions);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("macroMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(m_message);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_save = new QPushButton;
    m_save->setObjectName(QStringLiteral("macroSave"));
    m_save->setDefault(true);
    connect(m_save, &QPushButton::clicked, this, &MacroManagerDialog::save);
    m_close = new QPushButton;
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    buttons->addWidget(m_save);
    buttons->addWidget(m_close);
    right->addLayout(buttons);
    layout->addLayout(right, 5);

    // A macro edit's refusal comes as the engine's rejected() (a conflict too): that one op is
    // read then. It read every op's state on each outboxChanged, which a bulk run's batches
    // send several times a second (at 150,000 pending ops each read was a long GUI event).
    connect(session, &DeskSession::rejected, this,
            [this](const QString &opId) { showRefusal(opId); });
    connect(session, &DeskSession::idle, this, [this] {
        // Another desk's change (a lead's new team macro) appears in the list.
        if (m_session->cache()->macrosStamp() != property("stamp").toLongLong())
            reload();
    });

    resize(960, 640);
    fillChoices();
    retranslateUi();
    reload();
    startNew();
}

bool MacroManagerDialog::isLead() const
{
    const std::optional<Agent> me = m_session->me();
    return me && me->leadsTeam();
}

bool MacroManagerDialog::mayEdit(const Macro &macro) const
{
    const std::optional<Agent> me = m_session->me();
    return me && canEditMacro(*me, macro);
}

void MacroManagerDialog::fillChoices()
{
    const QString status = m_status->currentData().toString();
    const QString severity = m_severity->currentData().toString();
    const QString assignee = m_assignee->currentData().toString();
    const bool assigns = m_assignee->currentIndex() > 0;
    m_status->clear();
    //: a macro's action: the ticket's status is not changed
    m_status->addItem(tr("Leave as it is"), QString());
    for (const QString &s : TicketStatus::all()) {
        if (s != TicketStatus::New)
            m_status->addItem(statusName(s), s);
    }
    m_severity->clear();
    m_severity->addItem(tr("Leave as it is"), QString());
    // Every plan's severities, named by the catalog in the desk's language (a partner plan has
    // one the service plan has not).
    const Language language = TicketEdits::language();
    for (const PlanCatalog &plan : m_session->catalogs().plans()) {
        for (const Severity &s : plan.severities()) {
            if (m_severity->findData(s.id) < 0)
                m_severity->addItem(s.names.text(language), s.id);
        }
    }
    m_assignee->clear();
    m_assignee->addItem(tr("Leave as it is"), QString());
    //: a macro's action: take the ticket away from its agent
    m_assignee->addItem(tr("Unassigned"), QString());
    for (const Agent &a : m_session->cache()->agents()) {
        if (a.takesTickets())
            m_assignee->addItem(TicketEdits::agentName(a), a.id);
    }
    m_status->setCurrentIndex(std::max(0, m_status->findData(status)));
    m_severity->setCurrentIndex(std::max(0, m_severity->findData(severity)));
    m_assignee->setCurrentIndex(assigns ? std::max(1, m_assignee->findData(assignee)) : 0);
}

void MacroManagerDialog::reload()
{
    setProperty("stamp", m_session->cache()->macrosStamp());
    // The list the composer's picker has read ahead on its own thread while it is the
    // cache's (the stamp): reading and decoding 1,000 macros here took ~30 ms of the GUI
    // thread at each open and at each search keystroke (bench_macros).
    m_macros = MacroReadAhead::of(m_session)->macros();
    const QStringList terms = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QFontMetrics metrics = m_list->fontMetrics();
    int widest = 0;
    for (const Macro &m : std::as_const(m_macros)) {
        if (!terms.isEmpty() && !macroMatches(m, terms))
            continue;
        // Whose it is, in words beside the name (never by colour alone).
        const QString text
                = m.isTeamMacro() ? tr("%1 (team)").arg(m.name) : tr("%1 (mine)").arg(m.name);
        auto *item = new QListWidgetItem(text, m_list);
        item->setToolTip(text);
        item->setData(Qt::UserRole, m.id);
        widest = std::max(widest, metrics.horizontalAdvance(text));
        if (m.id == m_editing.id)
            m_list->setCurrentItem(item);
    }
    // Room for the longest name shown, its item's margins and a vertical scroll bar; at most
    // 36 ems, so the form keeps its room.
    const int needed = widest + 2 * m_list->frameWidth() + 4 * m_list->spacing()
            + metrics.horizontalAdvance(QLatin1Char('M'))
            + m_list->style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    m_list->setMinimumWidth(
            std::min(std::max(needed, m_list->minimumWidth()),
                     metrics.horizontalAdvance(QLatin1Char('M')) * 36));
}

bool MacroManagerDialog::selectMacro(const QString &id)
{
    for (const Macro &m : std::as_const(m_macros)) {
        if (m.id != id)
            continue;
        showMacro(m);
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->data(Qt::UserRole).toString() == id) {
                const QSignalBlocker blocker(m_list);
                m_list->setCurrentRow(i);
            }
        }
        return true;
    }
    return false;
}

void MacroManagerDialog::showMacro(const Macro &macro)
{
    m_editing = macro;
    m_isNew = false;
    m_name->setText(macro.name);
    m_scope->setCurrentIndex(m_scope->findData(macro.isTeamMacro() ? TeamScope : OwnScope));
    m_bodyZh->setPlainText(macro.bodyZh);
    m_bodyEn->setPlainText(macro.bodyEn);
    m_status->setCurrentIndex(std::max(0, m_status->findData(macro.status)));
    m_severity->setCurrentIndex(std::max(0, m_severity->findData(macro.severity)));
    m_reason->setText(macro.severityReason);
    m_assignee->setCurrentIndex(
        macro.assigns ? std::max(1, m_assignee->findData(macro.assigneeId)) : 0);
    if (macro.assigns && !macro.assigneeId.isEmpty()
        && m_assignee->findData(macro.assigneeId) < 0) {
        // An account the cache does not list (yet): kept as it is.
        m_assignee->addItem(macro.assigneeId, macro.assigneeId);
        m_assignee->setCurrentIndex(m_assignee->count() - 1);
    }
    m_addTags->setText(macro.addTags.join(u' '));
    m_removeTags->setText(macro.removeTags.join(u' '));
    m_messageText = nullptr;
    m_message->clear();
    updateEditable();
}

void MacroManagerDialog::startNew()
{
    m_editing = Macro();
    m_editing.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (const std::optional<Agent> me = m_session->me())
        m_editing.ownerId = me->id;
    m_isNew = true;
    {
        const QSignalBlocker blocker(m_list);
        m_list->setCurrentRow(-1);
    }
    m_name->clear();
    m_scope->setCurrentIndex(0);
    m_bodyZh->clear();
    m_bodyEn->clear();
    m_status->setCurrentIndex(0);
    m_severity->setCurrentIndex(0);
    m_reason->clear();
    m_assignee->setCurrentIndex(0);
    m_addTags->clear();
    m_removeTags->clear();
    m_messageText = nullptr;
    m_message->clear();
    updateEditable();
    m_name->setFocus();
}

void MacroManagerDialog::copyAsOwn()
{
    const Macro source = fromForm();
    startNew();
    m_name->setText(tr("%1 (my copy)").arg(source.name));
    m_bodyZh->setPlainText(source.bodyZh);
    m_bodyEn->setPlainText(source.bodyEn);
    m_status->setCurrentIndex(std::max(0, m_status->findData(source.status)));
    m_severity->setCurrentIndex(std::max(0, m_severity->findData(source.severity)));
    m_reason->setText(source.severityReason);
    m_assignee->setCurrentIndex(
        source.assigns ? std::max(1, m_assignee->findData(source.assigneeId)) : 0);
    m_addTags->setText(source.addTags.join(u' '));
    m_removeTags->setText(source.removeTags.join(u' '));
    updateEditable();
}

void MacroManagerDialog::updateEditable()
{
    // A new macro: one's own, or the team's for a lead. An existing one keeps its scope and
    // is changed by whoever canEditMacro() names; others read it and may copy it.
    const bool editable = m_isNew || mayEdit(m_editing);
    for (QWidget *w : { static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_status),
                        static_cast<QWidget *>(m_severity), static_cast<QWidget *>(m_assignee),
                        static_cast<QWidget *>(m_placeholders),
                        static_cast<QWidget *>(m_addTags), static_cast<QWidget *>(m_removeTags),
                        static_cast<QWidget *>(m_insert), static_cast<QWidget *>(m_save) })
        w->setEnabled(editable);
    m_bodyZh->setReadOnly(!editable);
    m_bodyEn->setReadOnly(!editable);
    m_reason->setEnabled(editable && !m_severity->currentData().toString().isEmpty());
    m_scope->setEnabled(m_isNew && isLead());
    m_delete->setEnabled(!m_isNew && editable);
    m_copy->setEnabled(!m_isNew);
    m_readOnlyNote->setVisible(!editable);
    m_readOnlyNote->setText(editable ? QString()
                                     : tr("Only a lead can change the team's macros. Use "
                                          "\"Copy as my own\" to keep your own version."));
}

void MacroManagerDialog::insertPlaceholder()
{
    const QListWidgetItem *item = m_placeholders->currentItem();
    if (!item || !m_lastBody || m_lastBody->isReadOnly())
        return;
    const auto field = MacroField(item->data(Qt::UserRole).toInt());
    // In the body's own language, so a translator reading it sees words of that language.
    const QString name = m_lastBody == m_bodyZh ? macroFieldChineseName(field)
                                                : macroFieldName(field);
    QPlainTextEdit *target = m_lastBody;
    target->insertPlainText(QStringLiteral("{{%1}}").arg(name));
    target->setFocus();
}

Macro MacroManagerDialog::fromForm() const
{
    Macro m = m_editing;
    m.name = m_name->text().trimmed();
    m.bodyZh = m_bodyZh->toPlainText();
    m.bodyEn = m_bodyEn->toPlainText();
    if (m_isNew) {
        const std::optional<Agent> me = m_session->me();
        m.ownerId = m_scope->currentData().toString() == TeamScope ? QString()
                                                                   : (me ? me->id : QString());
    }
    m.status = m_status->currentData().toString();
    m.severity = m_severity->currentData().toString();
    m.severityReason = m.severity.isEmpty() ? QString() : m_reason->text().trimmed();
    m.assigns = m_assignee->currentIndex() > 0;
    m.assigneeId = m.assigns ? m_assignee->currentData().toString() : QString();
    m.addTags = tagsOf(m_addTags->text());
    m.removeTags = tagsOf(m_removeTags->text());
    return m;
}

QString MacroManagerDialog::problemOf(const Macro &m) const
{
    if (m.name.isEmpty())
        return tr("Give the macro a name.");
    if (characterCount(m.name) > MacroLimits::MaxName)
        return tr("The name may be at most %1 characters long.").arg(MacroLimits::MaxName);
    if (m.bodyZh.trimmed().isEmpty() && m.bodyEn.trimmed().isEmpty())
        return tr("Write the reply in Chinese, in English or in both.");
    if (characterCount(m.bodyZh) > MacroLimits::MaxBody
        || characterCount(m.bodyEn) > MacroLimits::MaxBody)
        return tr("Each body may be at most %1 characters long.").arg(MacroLimits::MaxBody);
    if (!m.severity.isEmpty() && m.severityReason.isEmpty())
        return tr("A severity change needs a reason: it goes into each ticket's history.");
    for (const QString &tag : m.addTags + m.removeTags) {
        if (!checkTag(tag).isEmpty())
            //: %1 a tag the agent typed, %2 the tag rules in words
            return tr("\"%1\" cannot be a tag. %2").arg(tag, TagBar::tagRuleText());
    }
    if (m.addTags.size() > TagLimits::MaxPerTicket)
        return tr("A macro may add at most %1 tags: a ticket holds no more.")
                .arg(TagLimits::MaxPerTicket);
    for (const QString &tag : m.addTags) {
        if (m.removeTags.contains(tag))
            //: %1 a tag given both to add and to remove
            return tr("The tag %1 is both added and removed: keep it in one line.").arg(tag);
    }
    // Anything else core refuses (a NUL pasted in), in its own words.
    const QString problem = checkMacro(m);
    return problem.isEmpty() ? QString() : tr("The macro cannot be saved: %1").arg(problem);
}

qint64 MacroManagerDialog::cachedVersion(const QString &id) const
{
    // The version the desk shows now: the form may have been opened before the server
    // answered an earlier save (the outbox moves an edit on a pending one along itself).
    const QVector<Macro> macros = MacroReadAhead::of(m_session)->macros();
    for (const Macro &m : macros) {
        if (m.id == id)
            return m.version;
    }
    return 0;
}

bool MacroManagerDialog::save()
{
    if (!m_isNew && !mayEdit(m_editing)) {
        setMessage([] { return tr("Only a lead can change the team's macros. Use \"Copy as my "
                                  "own\" to keep your own version."); },
                   true);
        return false;
    }
    Macro m = fromForm();
    m.version = cachedVersion(m.id);
    if (m.isTeamMacro() && m_isNew && !isLead()) {
        setMessage([] { return tr("Only a lead can add macros for the whole team."); }, true);
        return false;
    }
    const QString problem = problemOf(m);
    if (!problem.isEmpty()) {
        // Worded again from the form on a language change.
        setMessage([this] { return problemOf(fromForm()); }, true);
        return false;
    }
    if (!m_session->saveMacro(m)) {
        const QString why = m_session->cache()->errorString();
        setMessage([why] { return tr("The macro could not be saved: %1").arg(why); }, true);
        return false;
    }
    m_isNew = false;
    m_editing = m;
    reload();
    selectMacro(m.id);
    const QString name = m.name;
    setMessage([name] { return tr("\"%1\" is saved. It reaches the other desks through the "
                                  "server (at once when online).").arg(name); },
               false);
    return true;
}

bool MacroManagerDialog::remove()
{
    if (m_isNew || !mayEdit(m_editing)) {
        setMessage([] { return tr("Only a lead can delete the team's macros."); }, true);
        return false;
    }
    m_editing.version = cachedVersion(m_editing.id);
    if (!m_session->saveMacro(m_editing, true)) {
        const QString why = m_session->cache()->errorString();
        setMessage([why] { return tr("The macro could not be deleted: %1").arg(why); }, true);
        return false;
    }
    const QString name = m_editing.name;
    reload();
    startNew();
    setMessage([name] { return tr("\"%1\" is deleted.").arg(name); }, false);
    return true;
}

void MacroManagerDialog::showRefusal(const QString &opId)
{
    // The server's refusal of one of this desk's macro edits, once, in words: the cache
    // shows the server's copy again, and so does the form.
    if (m_toldRefusals.contains(opId))
        return;
    ++m_outboxReads;
    const std::optional<OutboxRefusal> refusal = readOutboxRefusal(*m_session->cache(), opId);
    if (!refusal)
        return;
    QString name;
    for (const Macro &m : std::as_const(m_macros)) {
        if (m.id == refusal->subjectId)
            name = m.name;
    }
    if (name.isEmpty() && refusal->subjectId == m_editing.id)
        name = m_editing.name;
    if (name.isEmpty())
        return; // not a macro of this list (a ticket's edit)
    m_toldRefusals.insert(opId);
    // The server's copy in the form first (showing a macro clears the message).
    const QString id = refusal->subjectId;
    reload();
    if (!selectMacro(id))
        startNew();
    const QString code = refusal->code;
    setMessage(
        [name, code] {
            if (code == u"forbidden")
                return tr("The server refused your change to \"%1\": only a lead may "
                          "change the team's macros. The team's version is shown again.")
                        .arg(name);
            if (code == u"conflict")
                return tr("Someone changed \"%1\" before your change reached the server: "
                          "their version is shown. Make your change again on it.")
                        .arg(name);
            if (code == u"unknown-macro")
                return tr("The server refused your change to \"%1\": the macro was "
                          "deleted, or it is not yours.")
                        .arg(name);
            return tr("The server refused your change to \"%1\" (%2).").arg(name, code);
        },
        true);
}

void MacroManagerDialog::setMessage(std::function<QString()> text, bool problem)
{
    m_messageText = std::move(text);
    m_messageIsProblem = problem;
    const QString shown = m_messageText ? m_messageText() : QString();
    // A problem is marked by its words and an icon-like prefix, not by colour alone.
    m_message->setText(problem && !shown.isEmpty() ? QStringLiteral("⚠ ") + shown : shown);
    PaneColors::setTone(m_message, problem ? std::optional(Tone::Error) : std::nullopt);
}

QString MacroManagerDialog::messageText() const
{
    return m_message->text();
}

void MacroManagerDialog::retranslateUi()
{
    setWindowTitle(tr("Manage macros"));
    m_search->setPlaceholderText(tr("Find a macro by name or text"));
    m_search->setAccessibleName(tr("Macro search"));
    m_list->setAccessibleName(tr("Macros"));
    m_new->setText(tr("&New"));
    m_new->setAccessibleName(tr("New macro"));
    m_copy->setText(tr("Copy as my own"));
    m_copy->setAccessibleName(tr("Copy the macro as a macro of my own"));
    m_delete->setText(tr("&Delete…"));
    m_delete->setAccessibleName(tr("Delete the macro"));
    m_nameLabel->setText(tr("&Name:"));
    m_name->setAccessibleName(tr("Macro name"));
    m_scopeLabel->setText(tr("For:"));
    m_scope->setItemText(0, tr("Only me"));
    m_scope->setItemText(1, tr("The whole team"));
    m_scope->setAccessibleName(tr("Who the macro is for"));
    m_bodyZhLabel->setText(tr("Reply in &Chinese:"));
    m_bodyZh->setAccessibleName(tr("Reply in Chinese"));
    m_bodyEnLabel->setText(tr("Reply in &English:"));
    m_bodyEn->setAccessibleName(tr("Reply in English"));
    m_placeholdersLabel->setText(
        tr("Placeholders, filled in for each ticket (inserted in the language of the reply "
           "you were writing):"));
    static const char *const descriptions[] = {
        QT_TR_NOOP("the customer's name"),
        QT_TR_NOOP("the ticket's number"),
        QT_TR_NOOP("the response deadline, in the customer's time zone"),
        QT_TR_NOOP("your name"),
        QT_TR_NOOP("what the customer's edition is entitled to"),
    };
    for (int f = 0; f < MacroFieldCount; ++f) {
        const auto field = MacroField(f);
        //: %1 and %2 a placeholder in English and in Chinese, %3 what it is replaced with
        m_placeholders->item(f)->setText(tr("{{%1}} / {{%2}}: %3")
                                             .arg(macroFieldName(field),
                                                  macroFieldChineseName(field),
                                                  tr(descriptions[f])));
    }
    m_placeholders->setAccessibleName(tr("Placeholders"));
    // All five at once, without a scroll bar: measured with their words in this language (a
    // row of Chinese is taller than an empty one, which is what the constructor measured).
    int rows = 0;
    for (int f = 0; f < MacroFieldCount; ++f)
        rows += m_placeholders->sizeHintForRow(f);
    m_placeholders->setFixedHeight(rows + 2 * m_placeholders->frameWidth() + 2);
    m_insert->setText(tr("&Insert"));
    m_insert->setAccessibleName(tr("Insert the placeholder into the reply"));
    m_actionsLabel->setText(tr("When the macro is applied, also:"));
    m_statusLabel->setText(tr("&Status:"));
    m_status->setAccessibleName(tr("Status the macro sets"));
    m_severityLabel->setText(tr("Se&verity:"));
    m_severity->setAccessibleName(tr("Severity the macro sets"));
    m_reasonLabel->setText(tr("&Reason:"));
    m_reason->setAccessibleName(tr("Reason for the severity change"));
    m_reason->setPlaceholderText(tr("Why the severity changes (kept in the ticket's history)"));
    m_assigneeLabel->setText(tr("&Assign to:"));
    m_assignee->setAccessibleName(tr("Agent the macro assigns the ticket to"));
    m_addTagsLabel->setText(tr("Ta&gs to add:"));
    m_addTags->setAccessibleName(tr("Tags the macro adds"));
    m_removeTagsLabel->setText(tr("Tags to re&move:"));
    m_removeTags->setAccessibleName(tr("Tags the macro removes"));
    for (QLineEdit *line : { m_addTags, m_removeTags }) {
        //: a macro's tag lines: how to write several tags
        line->setPlaceholderText(tr("Tags separated by spaces, such as vip billing"));
        line->setAccessibleDescription(tr("Tags separated by spaces. %1")
                                               .arg(TagBar::tagRuleText()));
    }
    m_save->setText(tr("&Save"));
    m_save->setAccessibleName(tr("Save the macro"));
    m_close->setText(tr("Close"));
    m_close->setAccessibleName(tr("Close the macro manager"));
    m_message->setAccessibleName(tr("Message about the macro"));
    m_readOnlyNote->setAccessibleName(tr("Why the macro cannot be changed"));
    fillChoices();
    if (m_messageText)
        setMessage(m_messageText, m_messageIsProblem);
    reload();
    updateEditable();
}

void MacroManagerDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace SupportDesk
