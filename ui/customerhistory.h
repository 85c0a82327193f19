// The customer's history in the ticket pane (docs/collision.md, "Customer history"): their
// other tickets — open first, most urgent first, then those opened in the last 90 days —
// their use of the monthly quota, and what the plan grants of IEM days and training
// sessions with how many this year used, and those records (docs/service-use.md); a lead
// records one from here. Read from the local index and cache only, so it works offline; a
// ticket opens with one click, or Enter on the keyboard.
#pragma once

#include "domain.h"
#include "wrappingbox.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace SupportDesk {

class DeskSession;

class CustomerHistory : public WrappingBox
{
    Q_OBJECT

public:
    // How far back closed tickets are listed, and how many tickets at most.
    static constexpr int ClosedDays = 90;
    static constexpr int MaxShown = 100;

    struct Item
    {
        QString id;
        qint64 number = 0;
        QString subject;
        QString status;
        QString severity;
        QString planId;
        QDateTime createdAt;
        QDateTime dueAt;
        bool open = false;
    };
    // The customer's tickets but `exceptId`, as listed: open ones by deadline (none last),
    // then the others opened since `now` − ClosedDays, newest first; `more` counts what
    // MaxShown left out.
    static QVector<Item> collect(DeskSession *session, const QString &customerId,
                                 const QString &exceptId, const QDateTime &now,
                                 int *more = nullptr);

    explicit CustomerHistory(DeskSession *session, QWidget *parent = nullptr);
    // Reads the history of the ticket's customer again (the ticket is left out).
    void show(const Ticket &ticket, const std::optional<Customer> &customer,
              const QDateTime &now);
    void clear();

    QListWidget *list() const { return m_list; }
    QString summaryText() const;
    int ticketCount() const { return m_count; }
    // The list's ticket ids, top to bottom (tests).
    QStringList ticketIds() const;
    // The IEM and training records listed, top to bottom (tests).
    QStringList serviceUseIds() const;
    // A lead's: records an IEM engagement or training session (ui/serviceusedialog.h).
    QPushButton *recordButton() const { return m_record; }
    // Opens the lead's form, for a new record or `id`'s correction or cancel.
    void openServiceUseForm(const QString &id = {});

signals:
    void openTicket(const QString &ticketId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    // The summary's words for screen readers, and the list's least height: five rows.
    void fitSummary();
    void fitList();
    QString itemText(const Item &item) const;

    DeskSession *m_session;
    std::optional<Ticket> m_ticket;
    std::optional<Customer> m_customer;
    QDateTime m_now;
    int m_count = 0;
    QLabel *m_summary = nullptr; // wrapped: its height follows its width (WrappingBox)
    QStringList m_summaryLines;
    QListWidget *m_list = nullptr;
    QPushButton *m_record = nullptr;
};

} // namespace SupportDesk
