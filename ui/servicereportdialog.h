// A customer's monthly service report for leads: pick a customer and a month, read the
// preview, export it to PDF or CSV in the program's language. Offered only for customers
// whose edition has the catalog's `service-reports` entitlement (the partner plan's
// Enterprise); for any other the dialog says why and exports nothing.
#pragma once

#include "leadboard.h"
#include "localizedtext.h"

#include <QDateTime>
#include <QDialog>

#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace SupportDesk {

class CatalogSet;
class DeskSession;
class LeadBoardModel;

// Where the figures come from: the server's report route while the desk is online (the
// server holds every ticket and its whole history), else this desk's cache. Both are
// computeServiceReport() over the same facts, so they agree once the cache has synced; the
// dialog says which one it shows (docs/api.md, "Report routes in the desk").
class ServiceReportDialog : public QDialog
{
    Q_OBJECT

public:
    // With a session, the figures are asked of the server (GET /reports/customer/{id}).
    explicit ServiceReportDialog(LeadBoardModel *board, QWidget *parent = nullptr,
                                 DeskSession *session = nullptr);
    ~ServiceReportDialog() override;

    // Whether the customer's edition has service reports (the catalog's entitlement), and the
    // sentence that says why not, naming the editions that have them.
    static bool isOffered(const CatalogSet &catalogs, const Customer &customer);
    static QString whyNotOffered(const CatalogSet &catalogs, const Customer &customer,
                                 Language language);
    // Whether any of the board's customers has them (the lead board's button).
    static bool isOfferedToAny(const LeadBoardModel *board);
    static QString noneOffered(const CatalogSet &catalogs, Language language);

    // Any customer of the board, offered or not (one that is not is explained, not reported).
    void setCustomer(const QString &customerId);
    bool offersCurrentCustomer() const;
    void setMonth(int year, int month);
    // The report shown: the server's for the customer and month chosen when it answered,
    // else the one computed from the cache.
    ServiceReport report() const;
    ServiceReport cacheReport() const;
    bool showsServerReport() const;
    QLabel *sourceLabel() const { return m_source; }
    QString previewHtml() const;
    QComboBox *customerBox() const { return m_customer; }
    QComboBox *monthBox() const { return m_month; }

    // Each says where the file went, with a button that opens its folder, once written.
    bool exportPdf(const QString &path, QString *error = nullptr);
    bool exportCsv(const QString &path, QString *error = nullptr);
    QLabel *savedLabel() const { return m_saved; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    QPushButton *pdfButton() const { return m_pdf; }
    QPushButton *csvButton() const { return m_csv; }
    QString savedPath() const { return m_savedPath; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCustomers();
    void fillMonths();
    void refresh();
    void fetch();
    void updateSource();
    void retranslateUi();
    void chooseAndExport(bool pdf);
    void showSaved(const QString &path);

    LeadBoardModel *m_board;
    DeskSession *m_session;
    QLabel *m_customerLabel;
    QComboBox *m_customer;
    QLabel *m_monthLabel;
    QComboBox *m_month;
    QTextBrowser *m_preview;
    QPushButton *m_pdf;
    QPushButton *m_csv;
    QPushButton *m_close;
    QLabel *m_saved;
    QPushButton *m_openFolder;
    QString m_savedPath;
    QString m_html;
    QLabel *m_source;
    // The server's answer for one customer and month, and when it came (local clock).
    std::optional<ServiceReport> m_serverReport;
    QDateTime m_serverReportAt;
    bool m_fetching = false;
    bool m_fetchAgain = false;
    QString m_fetchError;
};

} // namespace SupportDesk
