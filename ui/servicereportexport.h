// A customer's monthly service report as a document: HTML for the screen, PDF and CSV files,
// worded in the language the program runs in (catalog names in that language too).
#pragma once

#include "leadboard.h"
#include "localizedtext.h"

#include <QCoreApplication>
#include <QHash>

namespace SupportDesk {

class CatalogSet;

class ServiceReportExport
{
    Q_DECLARE_TR_FUNCTIONS(ServiceReportExport)

public:
    ServiceReportExport(const ServiceReport &report, const Customer &customer,
                        const CatalogSet &catalogs, Language language,
                        const QHash<QString, QString> &agentNames = {});

    QString title() const;
    QString html() const;
    // UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese right.
    QByteArray csv() const;
    bool writePdf(const QString &path, QString *error) const;
    bool writeCsv(const QString &path, QString *error) const;

    // "87.5 %" in the language's number format, or "—" when nothing is decided.
    static QString share(const AttainmentCell &cell, Language language);
    // One CSV cell: quoted where needed, and never a formula (a customer's "=HYPERLINK(…)").
    static QString csvCell(const QString &value);

private:
    struct SeverityRow
    {
        QString name;
        int tickets = 0;
        AttainmentCell cell;
    };
    QVector<SeverityRow> severityRows() const;
    QString severityName(const QString &planId, const QString &id) const;
    QString dateTime(const QDateTime &t) const;
    QString ticketLabel(const TicketFacts &t) const;
    QString agentName(const QString &id) const;

    ServiceReport m_report;
    Customer m_customer;
    const CatalogSet &m_catalogs;
    Language m_language;
    QHash<QString, QString> m_agentNames;
};

} // namespace SupportDesk
