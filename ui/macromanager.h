// The desk's macro editor (Macros → Manage macros…): leads keep the team's macros, everyone
// their own; a name, the 中文 and English bodies with their placeholders, and the optional
// actions (status, severity with its reason, assignee, tags added and removed). Saved and
// deleted through the outbox
// like any edit, so it works offline (docs/macros.md, "Managing macros").
#pragma once

#include "macro.h"

#include <QDialog>
#include <QSet>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace SupportDesk {

class DeskSession;

class MacroManagerDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MacroManagerDialog(DeskSession *session, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    // The macros the list is made from (all of them, before the search).
    const QVector<Macro> &macros() const { return m_macros; }
    QLineEdit *searchLine() const { return m_search; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *scopeBox() const { return m_scope; }
    QPlainTextEdit *bodyZhEdit() const { return m_bodyZh; }
    QPlainTextEdit *bodyEnEdit() const { return m_bodyEn; }
    QListWidget *placeholderList() const { return m_placeholders; }
    QPushButton *insertButton() const { return m_insert; }
    QComboBox *statusBox() const { return m_status; }
    QComboBox *severityBox() const { return m_severity; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QComboBox *assigneeBox() const { return m_assignee; }
    // The tags the macro adds and removes, separated by spaces.
    QLineEdit *addTagsEdit() const { return m_addTags; }
    QLineEdit *removeTagsEdit() const { return m_removeTags; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *deleteButton() const { return m_delete; }
    QPushButton *copyButton() const { return m_copy; }
    // What the dialog last said: a problem with the form, a refusal, or what was saved.
    QString messageText() const;

    // The macro the form edits (a new one has no version yet).
    const Macro &editing() const { return m_editing; }
    // Shows `id` in the form; false when this desk has no such macro.
    bool selectMacro(const QString &id);
    void startNew();
    // Saves the form (checked first, worded for the user); false, with the reason shown, when
    // it is not saved.
    bool save();
    bool remove();
    // A copy of the macro shown as a new macro of one's own (an agent's way to change a team
    // macro's wording).
    void copyAsOwn();
    // Outbox rows read for refusals, one per refusal the engine told of (tests: none for the
    // outbox's other changes).
    int outboxReads() const { return m_outboxReads; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void showMacro(const Macro &macro);
    Macro fromForm() const;
    QString problemOf(const Macro &macro) const;
    void updateEditable();
    void insertPlaceholder();
    // The server refused op `opId` (DeskSession::rejected): if it is one of this list's macro
    // edits, said once in words and the server's copy shown.
    void showRefusal(const QString &opId);
    void fillChoices();
    void retranslateUi();
    void setMessage(std::function<QString()> text, bool problem);
    bool mayEdit(const Macro &macro) const;
    bool isLead() const;
    qint64 cachedVersion(const QString &id) const;

    DeskSession *m_session;
    QVector<Macro> m_macros;
    Macro m_editing;
    bool m_isNew = true;
    QPlainTextEdit *m_lastBody = nullptr;

    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_scopeLabel = nullptr;
    QComboBox *m_scope = nullptr;
    QLabel *m_bodyZhLabel = nullptr;
    QPlainTextEdit *m_bodyZh = nullptr;
    QLabel *m_bodyEnLabel = nullptr;
    QPlainTextEdit *m_bodyEn = nullptr;
    QLabel *m_placeholdersLabel = nullptr;
    QListWidget *m_placeholders = nullptr;
    QPushButton *m_insert = nullptr;
    QLabel *m_actionsLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QComboBox *m_status = nullptr;
    QLabel *m_severityLabel = nullptr;
    QComboBox *m_severity = nullptr;
    QLabel *m_reasonLabel = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_assigneeLabel = nullptr;
    QComboBox *m_assignee = nullptr;
    QLabel *m_addTagsLabel = nullptr;
    QLineEdit *m_addTags = nullptr;
    QLabel *m_removeTagsLabel = nullptr;
    QLineEdit *m_removeTags = nullptr;
    QLabel *m_readOnlyNote = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_close = nullptr;
    // The message shown, made again in the new language on a language change.
    std::function<QString()> m_messageText;
    bool m_messageIsProblem = false;
    QSet<QString> m_toldRefusals; // op ids whose refusal was shown
    int m_outboxReads = 0;
};

} // namespace SupportDesk
