// The composer's macro picker and what inserting a macro does (docs/macros.md): a search line
// over the desk's macros (name and both bodies), Enter inserts the highlighted one in the
// customer's language, a bar under the composer offers the other language and names what the
// expansion could not fill.
#pragma once

#include "macro.h"

#include <QFrame>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QPushButton;

namespace SupportDesk {

class DeskSession;
class MacroListModel;

class MacroPicker : public QFrame
{
    Q_OBJECT

public:
    explicit MacroPicker(QWidget *parent = nullptr);
    ~MacroPicker() override;

    // Shows every macro of `macros` (the filter cleared) and focuses the search line.
    void open(QVector<Macro> macros);
    QLineEdit *searchLine() const { return m_search; }
    QListView *list() const { return m_list; }
    int shownCount() const;
    // Why the list is empty, in words, while it is (no macro yet, or none matches); else empty.
    QString emptyText() const;
    // The highlighted macro, if any.
    std::optional<Macro> current() const;

signals:
    void chosen(const SupportDesk::Macro &macro);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void choose();
    void updateEmptyText();

    MacroListModel *m_model = nullptr;
    QLabel *m_empty = nullptr;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
};

// Ties a picker to a composer: Ctrl+M (or the button) opens it, a chosen macro is expanded for
// the ticket shown and inserted at the cursor, its actions are saved as ordinary edits.
class MacroComposer : public QObject
{
    Q_OBJECT

public:
    // `ticket` is the ticket the composer writes to; `saveEdit` saves one of its edits as
    // the pane's buttons do (the outbox).
    MacroComposer(DeskSession *session, QPlainTextEdit *composer, QWidget *scope,
                  std::function<std::optional<Ticket>()> ticket,
                  std::function<bool(const TicketEdit &)> saveEdit);

    QPushButton *button() const { return m_button; }
    QWidget *bar() const { return m_bar; }
    MacroPicker *picker() const { return m_picker; }

    // Opens the picker over the composer with the desk's macros.
    void open();
    // Inserts `macro` in `language` (default: the customer's) and saves its actions.
    bool insert(const Macro &macro, std::optional<Language> language = std::nullopt);
    // Replaces the inserted text with the other language's, while it is still as inserted.
    bool switchLanguage();
    QString barText() const;
    QString lastError() const { return m_lastError; }
    // Another ticket is shown: the bar's macro is forgotten.
    void reset();
    void retranslate();

private:
    struct Inserted
    {
        Macro macro;
        Language language = Language::English;
        QString text;
        MacroExpansion expansion;
    };
    MacroExpansion expand(const Macro &macro, Language language) const;
    void showBar();

    DeskSession *m_session;
    QPlainTextEdit *m_composer;
    std::function<std::optional<Ticket>()> m_ticket;
    std::function<bool(const TicketEdit &)> m_saveEdit;
    MacroPicker *m_picker = nullptr;
    QPushButton *m_button = nullptr;
    QAction *m_shortcut = nullptr;
    QFrame *m_bar = nullptr;
    QLabel *m_barLabel = nullptr;
    QPushButton *m_switch = nullptr;
    std::optional<Inserted> m_inserted;
    QString m_lastError;
};

} // namespace SupportDesk
