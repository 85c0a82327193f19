// IEM days and training sessions in the desk (docs/service-use.md): the words the customer
// history and the entitlements card use ("IEM 3 of 8 days used"), and a lead's form to record,
// correct or cancel one, checked as the server will check it (core's checkServiceUse) while
// the lead types, and sent through the outbox.
#pragma once

#include "domain.h"
#include "serviceuse.h"

#include <QCoreApplication>
#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

namespace SupportDesk {

class DeskSession;

namespace ServiceUseText {
// "Infrastructure event management (IEM): 3 of 8 days used this year" (the count alone for a
// grant with no number); empty when the edition has no such entitlement. `brief`: training
// in fewer words ("…: 1 of 4 this year"), for the entitlements card's one line at 1280 px.
QString used(const PlanCatalog &plan, QStringView editionId, const QString &kind,
             const ServiceAllowance &allowance, Language language, bool brief = false);
// One record: its days, what it was, flags and who recorded it.
QString record(const ServiceUse &use, const PlanCatalog &plan, Language language);
// The customer's allowance of `kind` this year (the customer's year), read from the cache.
ServiceAllowance thisYear(DeskSession *session, const Customer &customer, const QString &kind,
                          const QDateTime &now);
} // namespace ServiceUseText

class ServiceUseDialog : public QDialog
{
    Q_OBJECT

public:
    // A new record for `customer` (`editing` empty) or a correction / cancel of `editing`.
    ServiceUseDialog(DeskSession *session, const Customer &customer, const QDateTime &now,
                     const std::optional<ServiceUse> &editing, QWidget *parent = nullptr);

    // The record as the form now says it, and the plan's answer to it (tests).
    ServiceUse record() const;
    ServiceUseCheck check() const;
    QString verdictText() const;

    QComboBox *kindBox() const { return m_kind; }
    QDateEdit *firstDayEdit() const { return m_first; }
    QDateEdit *lastDayEdit() const { return m_last; }
    QDateEdit *askedOnEdit() const { return m_asked; }
    QLineEdit *noteEdit() const { return m_note; }
    QLineEdit *overrideEdit() const { return m_override; }
    QLineEdit *cancelReasonEdit() const { return m_cancelReason; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *cancelRecordButton() const { return m_cancelRecord; }

private:
    void updateVerdict();
    void save();
    void cancelRecord();

    DeskSession *m_session;
    Customer m_customer;
    QDateTime m_now; // the year its allowance is counted in: the opener's clock
    std::optional<ServiceUse> m_editing;
    QComboBox *m_kind = nullptr;
    QDateEdit *m_first = nullptr;
    QDateEdit *m_last = nullptr;
    QDateEdit *m_asked = nullptr;
    QLineEdit *m_note = nullptr;
    QLineEdit *m_override = nullptr;
    QLineEdit *m_cancelReason = nullptr;
    QLabel *m_verdict = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancelRecord = nullptr;
};

} // namespace SupportDesk
