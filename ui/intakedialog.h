// "New ticket" for a case that came in by hotline or IM: the agent picks the customer, the
// channel, the severity (with the seed's examples), the sub-client (required for partners),
// the subject and body, and the third-party software if any. The plan's rules are checked as
// the agent types: is the channel part of the edition, how much of the monthly quota is left
// (past it a reason is required), is the software in scope. Create saves a create-ticket edit
// through the session.
#pragma once

#include "clock.h"
#include "domain.h"
#include "planrules.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace SupportDesk {

class DeskSession;

class IntakeDialog : public QDialog
{
    Q_OBJECT

public:
    IntakeDialog(DeskSession *session, QWidget *parent = nullptr);

    // Where "now" comes from (the session's server clock by default).
    void setClock(const Clock *clock);

    // The form, for the caller that prefills it (a hotline call with a known customer) and for
    // tests.
    void setCustomerFilter(const QString &text);
    bool selectCustomer(const QString &customerId);
    QString customerId() const;
    void setChannel(const QString &channelId);
    QString channel() const;
    void setSeverity(const QString &severityId);
    QString severity() const;
    void setSubClient(const QString &account);
    QString subClient() const;
    void setSubject(const QString &subject);
    void setBody(const QString &body);
    void setSoftware(const QString &software, const QString &version);
    void setQuotaOverrideReason(const QString &reason);

    // The rules as they stand for what is entered: the problems that stop Create, and the
    // notes that do not (software out of scope: the ticket is flagged).
    QStringList problems() const { return m_problems; }
    QStringList notes() const { return m_notes; }
    bool canCreate() const { return m_problems.isEmpty(); }
    QString quotaText() const;
    bool overrideReasonVisible() const;
    QStringList visibleCustomers() const; // ids in the picker, in order
    QString severityExamplesText() const;

    // Fills the form from a new ticket the server refused (its create op `opId`, kept in the
    // outbox): customer, sub-client, channel, severity, subject, description, software and
    // the quota reason as they were sent, for the agent to correct what was refused. Create
    // then saves the new ticket and discards the refused one; Cancel keeps it. False when the
    // outbox holds no refused create `opId`.
    bool editRefused(const QString &opId);
    QString refusedOpId() const { return m_refusedOpId; }

    // Saves the create-ticket edit; false with problems() or the cache's error.
    bool create();
    QString createdTicketId() const { return m_createdId; }
    QString errorText() const;

signals:
    void ticketCreated(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void fillCustomers();
    void customerChanged();
    void check();
    const PlanCatalog *plan() const;
    std::optional<Customer> currentCustomer() const;

    DeskSession *m_session;
    const Clock *m_clock;
    QVector<Customer> m_customers;
    QString m_customerId;
    QStringList m_problems;
    QStringList m_notes;
    QString m_createdId;
    QString m_refusedOpId; // editRefused(): dropped once the corrected ticket is saved
    QString m_error;

    QLabel *m_customerLabel = nullptr;
    QLineEdit *m_search = nullptr;
    QListWidget *m_customerList = nullptr;
    QLabel *m_customerInfo = nullptr;
    QLabel *m_channelLabel = nullptr;
    QComboBox *m_channel = nullptr;
    QLabel *m_severityLabel = nullptr;
    QComboBox *m_severity = nullptr;
    QLabel *m_examples = nullptr;
    QWidget *m_examplesBox = nullptr; // scrolls the examples; a Tab stop
    QLabel *m_subClientLabel = nullptr;
    QComboBox *m_subClient = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QLineEdit *m_subject = nullptr;
    QLabel *m_bodyLabel = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_softwareLabel = nullptr;
    QComboBox *m_software = nullptr;
    QLineEdit *m_version = nullptr;
    QLabel *m_quota = nullptr;
    QLabel *m_overrideLabel = nullptr;
    QLineEdit *m_override = nullptr;
    QLabel *m_rules = nullptr;
    QWidget *m_rulesBox = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace SupportDesk
