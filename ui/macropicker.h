// The composer's macro picker and what inserting a macro does (docs/macros.md): a search line
// over the desk's macros (name and both bodies), Enter inserts the highlighted one in the
// customer's language and stages its actions with the draft (sent after the reply, not at
// insertion), a bar under the composer says what will be done on send, offers the other
// language and names what the expansion could not fill.
#pragma once

#include "macro.h"

#include <QFrame>
#include <QHash>
#include <QPointer>
#include <QTextCursor>

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
// the ticket shown and inserted at the cursor; its actions are staged with that ticket's draft
// and saved as ordinary edits when the composer sends (sendStaged()), after the reply.
class MacroComposer : public QObject
{
    Q_OBJECT

public:
    // `ticket` is the ticket the composer writes to.
    MacroComposer(DeskSession *session, QPlainTextEdit *composer, QWidget *scope,
                  std::function<std::optional<Ticket>()> ticket);

    QPushButton *button() const { return m_button; }
    QWidget *bar() const { return m_bar; }
    MacroPicker *picker() const { return m_picker; }

    // Opens the picker over the composer with the desk's macros.
    void open();
    // Inserts `macro` in `language` (default: the customer's) and stages its actions with the
    // ticket's draft: nothing is saved until the draft is sent.
    bool insert(const Macro &macro, std::optional<Language> language = std::nullopt);
    // Replaces the inserted text with the other language's, while it is still as inserted
    // (wherever the agent's edits around it moved it); the staged actions stay.
    bool switchLanguage();
    // The draft of `ticketId` was sent: its staged actions are saved now through the outbox
    // (DeskSession::saveEdit), in order, each once (macroEdits() on that ticket as the cache
    // shows it after the reply, whatever ticket the pane shows by then). False if one could
    // not be saved (the rest stay staged, the bar says so).
    bool sendStaged(const QString &ticketId);
    // Drops the staged actions of the ticket shown (the bar's Remove).
    void removeStaged();
    // The macros whose actions wait for `ticketId`'s draft to be sent.
    QVector<Macro> staged(const QString &ticketId) const { return m_staged.value(ticketId); }
    QString barText() const;
    QString lastError() const { return m_lastError; }
    QPushButton *removeButton() const { return m_remove; }
    // Another ticket is shown: the inserted text is forgotten; that ticket's staged actions,
    // if its draft has any, are shown.
    void showTicket(const QString &ticketId);
    void retranslate();

private:
    struct Inserted
    {
        Macro macro;
        Language language = Language::English;
        QString text;
        MacroExpansion expansion;
        // Where the text starts: a cursor the document moves with the agent's edits before
        // it (QTextDocument::find matched within one paragraph: every demo macro has several).
        QTextCursor start;
    };
    MacroExpansion expand(const Macro &macro, Language language) const;
    // The composer was emptied by the agent: the draft is dropped, and its actions with it.
    void composerChanged();
    void showBar();

    QString m_ticketId;
    QHash<QString, QVector<Macro>> m_staged; // by ticket: the actions its draft carries

    DeskSession *m_session;
    QPlainTextEdit *m_composer;
    std::function<std::optional<Ticket>()> m_ticket;
    MacroPicker *m_picker = nullptr;
    QPushButton *m_button = nullptr;
    QAction *m_shortcut = nullptr;
    QFrame *m_bar = nullptr;
    QLabel *m_barLabel = nullptr;
    QPushButton *m_switch = nullptr;
    QPushButton *m_remove = nullptr;
    std::optional<Inserted> m_inserted;
    QString m_lastError;
};

} // namespace SupportDesk
