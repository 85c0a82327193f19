// The composer's macro picker and the insertion of a macro (see macropicker.h).
#include "macropicker.h"

#include "desksession.h"
#include "macropickerlist.h"
#include "panecolors.h"
#include "pickkeys.h"
#include "plancatalog.h"
#include "ticketedits.h"

#include <QAbstractListModel>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QAction>
#include <QTextDocument>
#include <QVBoxLayout>

namespace SupportDesk {

// The macros and the ones the search leaves, as a list (uniform rows: 1,000 macros).
class MacroListModel : public QAbstractListModel
{
public:
    using QAbstractListModel::QAbstractListModel;

    void setMacros(QVector<Macro> macros)
    {
        beginResetModel();
        m_macros = std::move(macros);
        m_shown.resize(m_macros.size());
        std::iota(m_shown.begin(), m_shown.end(), 0);
        endResetModel();
    }
    void filter(const QString &text)
    {
        const QStringList terms = text.split(u' ', Qt::SkipEmptyParts);
        beginResetModel();
        m_shown.clear();
        for (qsizetype i = 0; i < m_macros.size(); ++i) {
            if (macroMatches(m_macros.at(i), terms))
                m_shown.append(int(i));
        }
        endResetModel();
    }
    const Macro *macro(int row) const
    {
        return row >= 0 && row < m_shown.size() ? &m_macros.at(m_shown.at(row)) : nullptr;
    }
    bool isEmpty() const { return m_macros.isEmpty(); }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_shown.size());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        const Macro *m = macro(index.row());
        if (!m)
            return {};
        if (role == Qt::DisplayRole) {
            // Whose it is, so a team macro and one's own of the same name differ.
            return m->isTeamMacro() ? m->name
                                    : MacroPicker::tr("%1 (mine)", "an agent's own macro")
                                              .arg(m->name);
        }
        if (role == Qt::ToolTipRole)
            return m->bodyZh + QStringLiteral("\n\n") + m->bodyEn;
        return {};
    }

private:
    QVector<Macro> m_macros;
    QVector<int> m_shown;
};

MacroPicker::MacroPicker(QWidget *parent) : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_model = new MacroListModel(this);
    m_list = new QListView(this);
    m_list->setModel(m_model);
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->installEventFilter(this);
    // In the list's place when it has nothing to show: why, in words (a blank list said
    // nothing).
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("macroPickerEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    PaneColors::setTone(m_empty, Tone::Muted);
    m_empty->hide();
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_empty, 1);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_model->filter(text);
        m_list->setCurrentIndex(m_model->index(0));
        updateEmptyText();
    });
    connect(m_list, &QListView::activated, this, [this] { choose(); });
    retranslateUi();
    hide();
}

MacroPicker::~MacroPicker() = default;

void MacroPicker::open(QVector<Macro> macros)
{
    m_model->setMacros(std::move(macros));
    {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    m_list->setCurrentIndex(m_model->index(0));
    updateEmptyText();
    show();
    raise();
    m_search->setFocus(Qt::PopupFocusReason);
}

QString MacroPicker::emptyText() const
{
    return m_empty->isVisibleTo(this) ? m_empty->text() : QString();
}

void MacroPicker::updateEmptyText()
{
    const bool nothing = m_model->rowCount() == 0;
    if (nothing) {
        const QString search = m_search->text().trimmed();
        m_empty->setText(
                m_model->isEmpty()
                        //: the macro picker when the desk has no macro; the menu's words
                        ? tr("No macros yet. Add your own (leads add the team's) in "
                             "Ticket → Manage macros…")
                        //: the macro picker when nothing matches what was typed (%1)
                        : tr("No macro matches “%1”.").arg(search));
    }
    m_empty->setVisible(nothing);
    m_list->setVisible(!nothing);
}

int MacroPicker::shownCount() const
{
    return m_model->rowCount();
}

std::optional<Macro> MacroPicker::current() const
{
    const Macro *m = m_model->macro(m_list->currentIndex().row());
    return m ? std::optional<Macro>(*m) : std::nullopt;
}

void MacroPicker::choose()
{
    const std::optional<Macro> m = current();
    if (!m)
        return;
    hide();
    emit chosen(*m);
}

bool MacroPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (PickKeys::forwardToList(watched, m_search, m_list, event))
        return true;
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Escape) {
            hide();
            return true;
        }
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            choose();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void MacroPicker::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void MacroPicker::retranslateUi()
{
    m_search->setPlaceholderText(tr("Find a macro by name or text, in either language"));
    m_search->setAccessibleName(tr("Macro search"));
    m_list->setAccessibleName(tr("Macros"));
    updateEmptyText();
}

MacroComposer::MacroComposer(DeskSession *session, QPlainTextEdit *composer, QWidget *scope,
                             std::function<std::optional<Ticket>()> ticket)
    : QObject(scope)
    , m_session(session)
    , m_composer(composer)
    , m_ticket(std::move(ticket))
{
    // The list is read ahead from now on, so the first Ctrl+M does not read it.
    MacroReadAhead::of(session);
    // Over the composer, inside the pane: no window of its own to place or to lose.
    m_picker = new MacroPicker(scope);
    m_picker->setObjectName(QStringLiteral("macroPicker"));
    connect(m_picker, &MacroPicker::chosen, this, [this](const Macro &m) {
        insert(m);
        m_composer->setFocus(Qt::OtherFocusReason);
    });
    m_button = new QPushButton(scope);
    m_button->setObjectName(QStringLiteral("macroButton"));
    connect(m_button, &QPushButton::clicked, this, &MacroComposer::open);
    // An action, not a QShortcut: Help → Keyboard shortcuts lists actions by their text.
    m_shortcut = new QAction(scope);
    m_shortcut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_shortcut->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    scope->addAction(m_shortcut);
    connect(m_shortcut, &QAction::triggered, this, &MacroComposer::open);

    m_bar = new QFrame(scope);
    m_bar->setObjectName(QStringLiteral("macroBar"));
    auto *barLayout = new QHBoxLayout(m_bar);
    barLayout->setContentsMargins(0, 0, 0, 0);
    m_barLabel = new QLabel(m_bar);
    m_barLabel->setWordWrap(true);
    m_switch = new QPushButton(m_bar);
    connect(m_switch, &QPushButton::clicked, this, &MacroComposer::switchLanguage);
    m_remove = new QPushButton(m_bar);
    m_remove->setObjectName(QStringLiteral("macroRemoveActions"));
    connect(m_remove, &QPushButton::clicked, this, &MacroComposer::removeStaged);
    barLayout->addWidget(m_barLabel, 1);
    barLayout->addWidget(m_switch);
    barLayout->addWidget(m_remove);
    m_bar->hide();
    connect(m_composer, &QPlainTextEdit::textChanged, this, &MacroComposer::composerChanged);
    retranslate();
}

void MacroComposer::open()
{
    if (!m_ticket()) {
        m_lastError = tr("No ticket is shown.");
        return;
    }
    // Over the composer, as wide as it and at least 14 lines tall, growing upwards over the
    // conversation: in the window, since the composer's own box may be only a few lines high.
    QWidget *host = m_composer->window();
    if (m_picker->parentWidget() != host)
        m_picker->setParent(host);
    const QRect area(m_composer->mapTo(host, QPoint(0, 0)), m_composer->size());
    const int height = std::max(area.height(), m_picker->fontMetrics().height() * 14);
    m_picker->setGeometry(area.x(), std::max(0, area.bottom() - height), area.width(), height);
    // Read ahead off this thread; read here only when a macro was written since (the feed,
    // this desk's own edits).
    m_picker->open(MacroReadAhead::of(m_session)->macros());
}

MacroExpansion MacroComposer::expand(const Macro &macro, Language language) const
{
    const std::optional<Ticket> t = m_ticket();
    if (!t)
        return {};
    const std::optional<Customer> customer = m_session->cache()->customer(t->customerId);
    const Agent me = m_session->me().value_or(Agent());
    return expandMacro(macro.body(language),
                       macroValues(*t, customer, me, m_session->catalogs().plan(t->planId),
                                   language));
}

bool MacroComposer::insert(const Macro &macro, std::optional<Language> language)
{
    const std::optional<Ticket> t = m_ticket();
    if (!t) {
        m_lastError = tr("No ticket is shown.");
        return false;
    }
    // A newer server's macro with an action this desk does not know: none of it is applied.
    if (const QStringList unknown = macro.unknownActions(); !unknown.isEmpty()) {
        // Told in the bar under the composer, where an inserted macro is told.
        m_lastError = MacroWording::message(MacroCode::UnknownAction,
                                            { unknown.join(tr(", ")) });
        m_inserted.reset();
        m_barLabel->setText(m_lastError);
        m_switch->setEnabled(false);
        m_bar->show();
        return false;
    }
    // The customer's own language when their record names it, else the ticket's words'.
    Language lang = language.value_or(
            customerLanguage(*t, m_session->cache()->customer(t->customerId)));
    // A macro written in one language only is inserted in that one.
    if (macro.body(lang).trimmed().isEmpty())
        lang = lang == Language::Chinese ? Language::English : Language::Chinese;
    Inserted inserted { macro, lang, {}, expand(macro, lang), {} };
    inserted.text = inserted.expansion.text;
    QTextCursor cursor = m_composer->textCursor();
    cursor.removeSelectedText();
    const int at = cursor.position();
    m_ticketId = t->id;
    // Staged once the selection it replaces is gone (emptying the composer drops the draft's
    // actions: a macro over the whole draft keeps its own).
    QVector<Macro> &staged = m_staged[t->id];
    staged.removeIf([&macro](const Macro &m) { return m.id == macro.id; });
    staged.append(macro);
    cursor.insertText(inserted.text);
    m_composer->setTextCursor(cursor);
    inserted.start = QTextCursor(m_composer->document());
    inserted.start.setPosition(at);
    m_inserted = inserted;
    m_lastError.clear();
    // The actions wait for the reply: saved at insertion they resolved a ticket, or counted
    // a first response, that the customer was never sent (audit 11, D1).
    showBar();
    return true;
}

bool MacroComposer::switchLanguage()
{
    if (!m_inserted)
        return false;
    const Language other
        = m_inserted->language == Language::Chinese ? Language::English : Language::Chinese;
    if (m_inserted->macro.body(other).trimmed().isEmpty()) {
        m_lastError = tr("This macro has no text in the other language.");
        showBar(); // said in the bar: set into m_lastError alone, it was shown nowhere
        return false;
    }
    // The inserted text where the agent's edits before it moved it, still as inserted.
    QTextDocument *document = m_composer->document();
    const int from = m_inserted->start.position();
    const int to = from + int(m_inserted->text.size());
    QTextCursor range(document);
    bool same = !m_inserted->text.isEmpty() && to < document->characterCount();
    if (same) {
        range.setPosition(from);
        range.setPosition(to, QTextCursor::KeepAnchor);
        QString expected = m_inserted->text;
        expected.replace(u'\n', QChar::ParagraphSeparator); // as selectedText() says a break
        same = range.selectedText() == expected;
    }
    if (!same) {
        m_lastError = tr("You changed the inserted text, so its language was not switched: "
                         "change it by hand.");
        showBar();
        return false;
    }
    const MacroExpansion expansion = expand(m_inserted->macro, other);
    range.insertText(expansion.text); // one step of undo
    m_inserted->start.setPosition(range.position() - int(expansion.text.size()));
    m_inserted->language = other;
    m_inserted->text = expansion.text;
    m_inserted->expansion = expansion;
    m_lastError.clear();
    showBar();
    return true;
}

bool MacroComposer::sendStaged(const QString &ticketId)
{
    QVector<Macro> macros = m_staged.take(ticketId);
    if (ticketId == m_ticketId)
        m_inserted.reset();
    bool saved = true;
    // Each macro's edits on the ticket as the cache shows it after the reply and the edits
    // before them: what it already has is left out. The same macroEdits() the bulk bar sends
    // after its reply (planBulkStep()). Read by id, not the pane's ticket: the reply just
    // saved may have moved the queue, and the pane, on to the next ticket.
    while (saved && !macros.isEmpty()) {
        const std::optional<Ticket> before = m_session->cache()->ticket(ticketId);
        if (!before) {
            saved = false;
            break;
        }
        for (const TicketEdit &edit : macroEdits(macros.first(), *before)) {
            const std::optional<Ticket> t = m_session->cache()->ticket(ticketId);
            if (!t || !m_session->saveEdit(TicketEdits::make(*t, edit,
                                                             m_session->clock()->now()))) {
                saved = false;
                break;
            }
        }
        if (saved)
            macros.removeFirst();
    }
    if (!saved) {
        // What was not saved stays with the draft: the bar names it.
        m_staged.insert(ticketId, macros);
        m_lastError = tr("The macro's actions could not all be saved.");
    } else {
        m_lastError.clear();
    }
    showBar();
    return saved;
}

void MacroComposer::removeStaged()
{
    m_staged.remove(m_ticketId);
    m_lastError.clear();
    showBar();
}

void MacroComposer::composerChanged()
{
    if (!m_staged.contains(m_ticketId) && !m_inserted)
        return;
    // Emptied by the agent (an edit that can be undone, or an undo that can be redone: Ctrl+Z
    // of the insertion itself): the draft is dropped, and what it carried. A draft put in by
    // the pane (another ticket, the note) leaves neither.
    QTextDocument *document = m_composer->document();
    if (!m_composer->toPlainText().trimmed().isEmpty()
        || !(document->isUndoAvailable() || document->isRedoAvailable()))
        return;
    m_staged.remove(m_ticketId);
    m_inserted.reset();
    m_lastError.clear();
    showBar();
}

QString MacroComposer::barText() const
{
    return m_bar->isHidden() ? QString() : m_barLabel->text();
}

void MacroComposer::showTicket(const QString &ticketId)
{
    m_inserted.reset();
    m_lastError.clear();
    m_ticketId = ticketId;
    m_picker->hide();
    showBar();
}

void MacroComposer::showBar()
{
    const QVector<Macro> staged = m_staged.value(m_ticketId);
    if (!m_inserted && staged.isEmpty() && m_lastError.isEmpty()) {
        m_bar->hide();
        return;
    }
    QStringList lines;
    if (m_inserted) {
        const Inserted &i = *m_inserted;
        lines << (i.language == Language::Chinese
                      ? tr("Macro \"%1\" inserted in Chinese.").arg(i.macro.name)
                      : tr("Macro \"%1\" inserted in English.").arg(i.macro.name));
        // What the text still holds as written: the agent fills it in before sending.
        if (!i.expansion.missing.isEmpty())
            lines << tr("No value for %1: fill it in before sending.")
                             .arg(i.expansion.missing.join(tr(", ")));
        if (!i.expansion.unknown.isEmpty())
            lines << tr("Not a placeholder: %1.")
                             .arg(i.expansion.unknown.join(tr(", ")));
    }
    // What sending will do besides the reply, as the ticket is now.
    QStringList actions;
    const std::optional<Ticket> t
            = staged.isEmpty() ? std::nullopt : m_session->cache()->ticket(m_ticketId);
    if (t) {
        const EditReferences references = TicketEdits::references(m_session, m_ticketId);
        for (const Macro &m : staged) {
            for (const TicketEdit &edit : macroEdits(m, *t))
                actions << TicketEdits::describe(edit, references);
        }
    }
    if (!actions.isEmpty())
        //: under the composer: the macro's actions, done when the reply is sent; %1 a list
        lines << tr("On send: %1").arg(actions.join(tr("; ")));
    if (!m_lastError.isEmpty())
        lines << m_lastError;
    m_barLabel->setText(lines.join(u'\n'));
    m_switch->setVisible(m_inserted.has_value());
    if (m_inserted) {
        const Inserted &i = *m_inserted;
        m_switch->setText(i.language == Language::Chinese ? tr("Use English")
                                                          : tr("Use Chinese"));
        m_switch->setEnabled(!i.macro.body(i.language == Language::Chinese ? Language::English
                                                                           : Language::Chinese)
                                      .trimmed()
                                      .isEmpty());
    }
    m_remove->setVisible(!actions.isEmpty());
    m_bar->show();
}

void MacroComposer::retranslate()
{
    m_button->setText(tr("Macros…"));
    m_button->setToolTip(tr("Insert a prepared reply (Ctrl+M)"));
    m_button->setAccessibleName(tr("Insert a macro"));
    m_shortcut->setText(tr("Insert a macro"));
    m_switch->setAccessibleName(tr("Switch the macro's language"));
    //: under the composer: drop the macro's actions staged for sending, keep its text
    m_remove->setText(tr("Remove actions"));
    m_remove->setAccessibleName(tr("Do not apply the macro's actions on send"));
    showBar();
}

} // namespace SupportDesk
