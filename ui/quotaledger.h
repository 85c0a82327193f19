// The creation times of the tickets of customers whose edition has a monthly quota, kept in
// step with the session, so a ticket pane or the intake dialog can count a partner's use of
// its quota without reading the whole queue on every click. One per session, made on first
// use: the first count reads every ticket row once (~130 ms at 100k tickets); later changes
// merge only the changed rows.
#pragma once

#include "domain.h"
#include "planrules.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace SupportDesk {

class DeskSession;

class QuotaLedger : public QObject
{
    Q_OBJECT

public:
    // The session's ledger (a child of the session).
    static QuotaLedger *of(DeskSession *session);

    // The customer's use of its quota in the month around `at`, counting `extra` tickets more
    // (1: the one being taken in). Unlimited (no limit) when the customer's edition has none.
    QuotaUse use(const Customer &customer, const QDateTime &at, int extra = 0);

private:
    explicit QuotaLedger(DeskSession *session);
    void ensureLoaded();
    void merge(const QStringList &ticketIds);
    QSet<QString> quotaEditions() const; // "plan/edition" of every edition with a quota

    struct Entry
    {
        QString customerId;
        qint64 createdAtMs = 0;
    };
    DeskSession *m_session;
    bool m_loaded = false;
    QHash<QString, Entry> m_tickets; // id → entry, only tickets of editions with a quota
    QSet<QString> m_quotaEditions; // as they were when the rows were read
};

} // namespace SupportDesk
