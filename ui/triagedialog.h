// Triage in the desk (issue 16): the mails the server's gateway kept for a person (an unknown
// sender, a rule that refused the ticket), shown readably to a lead, who files each for a
// customer (the plan rules' refusals worded as for a new ticket) or discards it as spam or
// noise. Opened from "Triage (N)" in the queue list.
#pragma once

#include "triageclient.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QListWidgetItem;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace SupportDesk {

class DeskSession;
class PlanCatalog;
struct RuleCheck;

class TriageDialog : public QDialog
{
    Q_OBJECT

public:
    TriageDialog(DeskSession *session, TriageClient *triage, QWidget *parent = nullptr);

    // For tests and the caller: the form's parts.
    QListWidget *mailList() const { return m_list; }
    QComboBox *customerBox() const { return m_customer; }
    QComboBox *subClientBox() const { return m_subClient; }
    QCheckBox *registerBox() const { return m_register; }
    // The reason to take the mail past the customer's monthly quota, shown when the plan says
    // the quota is used up (as New ticket has it).
    QLineEdit *overrideBox() const { return m_override; }
    QLabel *quotaLabel() const { return m_quota; }
    QPushButton *fileButton() const { return m_file; }
    QPushButton *spamButton() const { return m_spam; }
    QLabel *resultLabel() const { return m_result; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *headerLabel() const { return m_header; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillList();
    void fillCustomers();
    void showCurrent();
    // The chosen customer's quota: the reason field shown, and File kept off without a
    // reason, when the plan says the quota is used up (the desk's count, or the server's).
    void checkQuota();
    void fitList();
    void onDecided(const QString &id, const TriageAnswer &answer);
    // A rule's code and arguments as the gateway keeps them ("quota-exceeded 21 10"), in words.
    QString ruleText(const QString &reason) const;
    QString refusalText(const TriageAnswer &answer) const;
    QString ruleWords(const RuleCheck &rule, const PlanCatalog *plan) const;
    QString currentId() const;
    void retranslateUi();

    DeskSession *m_session;
    TriageClient *m_triage;
    QListWidget *m_list;
    QLabel *m_header;
    QPlainTextEdit *m_text;
    QLabel *m_files;
    QLabel *m_customerLabel;
    QComboBox *m_customer;
    QLabel *m_subClientLabel;
    QComboBox *m_subClient;
    QCheckBox *m_register;
    QLabel *m_quota;
    QLabel *m_overrideLabel;
    QLineEdit *m_override;
    // The customer the server refused for the quota, with its count (used, limit).
    QPair<QString, QStringList> m_overQuotaByServer;
    QPushButton *m_file;
    QPushButton *m_spam;
    QPushButton *m_noise;
    QLabel *m_result;
    QLabel *m_empty;
};

// "Triage (N)" at the end of the queue list, for leads: the count follows the server (its
// hint), and choosing the entry opens the triage window instead of a queue. Its item carries
// Qt::UserRole -1, which no queue has.
class TriageEntry : public QObject
{
    Q_OBJECT

public:
    TriageEntry(DeskSession *session, QListWidget *queueList, QWidget *window);
    ~TriageEntry() override;

    static bool isEntry(const QListWidgetItem *item);
    QListWidgetItem *item() const { return m_item; }
    TriageClient *client() const { return m_client; }
    TriageDialog *open();
    void retranslate();

private:
    DeskSession *m_session;
    QPointer<QListWidget> m_list; // gone first when the window closes
    QWidget *m_window;
    TriageClient *m_client;
    QListWidgetItem *m_item;
    QPointer<TriageDialog> m_dialog;
};

} // namespace SupportDesk
