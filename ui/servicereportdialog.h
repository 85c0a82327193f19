// A customer's monthly service report for leads: pick a customer and a month, read the
// preview, export it to PDF or CSV in the program's language.
#pragma once

#include "leadboard.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace SupportDesk {

class LeadBoardModel;

class ServiceReportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ServiceReportDialog(LeadBoardModel *board, QWidget *parent = nullptr);

    void setCustomer(const QString &customerId);
    void setMonth(int year, int month);
    ServiceReport report() const;
    QString previewHtml() const;
    QComboBox *customerBox() const { return m_customer; }
    QComboBox *monthBox() const { return m_month; }

    // Each says where the file went, with a button that opens its folder, once written.
    bool exportPdf(const QString &path, QString *error = nullptr);
    bool exportCsv(const QString &path, QString *error = nullptr);
    QLabel *savedLabel() const { return m_saved; }
    QPushButton *openFolderButton() const { return m_openFolder; }
    QString savedPath() const { return m_savedPath; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCustomers();
    void fillMonths();
    void refresh();
    void retranslateUi();
    void chooseAndExport(bool pdf);
    void showSaved(const QString &path);

    LeadBoardModel *m_board;
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
};

} // namespace SupportDesk
