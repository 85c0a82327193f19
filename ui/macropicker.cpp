// The composer's macro picker and the insertion of a macro (see macropicker.h).
#include "macropicker.h"

#include "desksession.h"
#include "macropickerlist.h"
#include "panecolors.h"
#include "plancatalog.h"

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
        // Up and down move through the list while the search line keeps the focus.
        if (watched == m_search && (key == Qt::Key_Up || key == Qt::Key_Down)) {
            const int row = m_list->currentIndex().row() + (key == Qt::Key_Up ? -1 : 1);
            if (row >= 0 && row < m_model->rowCount())
                m_list->setCurrentIndex(m_model->index(row));
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
                             std::function<std::optional<Ticket>()> ticket,
                             std::function<bool(const TicketEdit &)> saveEdit)
    : QObject(scope)
    , m_session(session)
    , m_composer(composer)
    , m_ticket(std::move(ticket))
    , m_saveEdit(std::move(saveEdit))
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
    barLayout->addWidget(m_barLabel, 1);
    barLayout->addWidget(m_switch);
    m_bar->hide();
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
                                            { unknown.join(QStringLiteral(", ")) });
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
    Inserted inserted { macro, lang, {}, expand(macro, lang) };
    inserted.text = inserted.expansion.text;
    m_composer->textCursor().insertText(inserted.text);
    m_inserted = inserted;
    m_lastError.clear();
    // The actions, each an ordinary edit of the ticket through the outbox.
    for (const TicketEdit &edit : macroEdits(macro, *t)) {
        if (!m_saveEdit(edit)) {
            m_lastError = tr("The macro's actions could not all be saved.");
            break;
        }
    }
    showBar();
    return m_lastError.isEmpty();
}

bool MacroComposer::switchLanguage()
{
    if (!m_inserted)
        return false;
    const Language other
        = m_inserted->language == Language::Chinese ? Language::English : Language::Chinese;
    if (m_inserted->macro.body(other).trimmed().isEmpty()) {
        m_lastError = tr("This macro has no text in the other language.");
        return false;
    }
    QTextCursor found = m_composer->document()->find(m_inserted->text, 0,
                                                     QTextDocument::FindCaseSensitively);
    if (m_inserted->text.isEmpty() || found.isNull()) {
        m_lastError = tr("The inserted text was changed: switch its language by hand.");
        return false;
    }
    const MacroExpansion expansion = expand(m_inserted->macro, other);
    found.insertText(expansion.text); // one step of undo
    m_inserted->language = other;
    m_inserted->text = expansion.text;
    m_inserted->expansion = expansion;
    m_lastError.clear();
    showBar();
    return true;
}

QString MacroComposer::barText() const
{
    return m_bar->isHidden() ? QString() : m_barLabel->text();
}

void MacroComposer::reset()
{
    m_inserted.reset();
    m_picker->hide();
    m_bar->hide();
}

void MacroComposer::showBar()
{
    if (!m_inserted) {
        m_bar->hide();
        return;
    }
    const Inserted &i = *m_inserted;
    QStringList lines;
    lines << (i.language == Language::Chinese
                  ? tr("Macro \"%1\" inserted in Chinese.").arg(i.macro.name)
                  : tr("Macro \"%1\" inserted in English.").arg(i.macro.name));
    // What the text still holds as written: the agent fills it in before sending.
    if (!i.expansion.missing.isEmpty())
        lines << tr("No value for %1: fill it in before sending.")
                         .arg(i.expansion.missing.join(QStringLiteral(", ")));
    if (!i.expansion.unknown.isEmpty())
        lines << tr("Not a placeholder: %1.").arg(i.expansion.unknown.join(QStringLiteral(", ")));
    m_barLabel->setText(lines.join(u'\n'));
    m_switch->setText(i.language == Language::Chinese ? tr("Use English") : tr("Use Chinese"));
    m_switch->setEnabled(
        !i.macro.body(i.language == Language::Chinese ? Language::English : Language::Chinese)
                 .trimmed()
                 .isEmpty());
    m_bar->show();
}

void MacroComposer::retranslate()
{
    m_button->setText(tr("Macros…"));
    m_button->setToolTip(tr("Insert a prepared reply (Ctrl+M)"));
    m_button->setAccessibleName(tr("Insert a macro"));
    m_shortcut->setText(tr("Insert a macro"));
    m_switch->setAccessibleName(tr("Switch the macro's language"));
    showBar();
}

} // namespace SupportDesk
