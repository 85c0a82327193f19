#include "servicereportdialog.h"

#include "desksession.h"
#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "planrules.h"
#include "servicereportexport.h"
#include "servicereportjson.h"
#include "timeformat.h"
#include "transport.h"
#include "ticketcache.h"
#include "ticketedits.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace SupportDesk {

bool ServiceReportDialog::isOffered(const CatalogSet &catalogs, const Customer &customer)
{
    // The server's rule for GET /reports/customer/{id}, one definition (core/planrules).
    return checkServiceReports(catalogs, customer.planId, customer.editionId).allowed();
}

// "Partner Support Plan · Enterprise", each edition that has the entitlement, in catalog order.
static QStringList editionsOffering(const CatalogSet &catalogs, Language language)
{
    QStringList names;
    for (const PlanCatalog &plan : catalogs.plans()) {
        for (const Edition &e : plan.editions()) {
            if (e.entitlement(ServiceReportsEntitlement)) // checkServiceReports' rule
                //: a plan's edition: %1 the plan, %2 the edition
                names << QCoreApplication::translate("SupportDesk::ServiceReportDialog", "%1 · %2")
                                 .arg(plan.names().text(language), e.names.text(language));
        }
    }
    return names;
}

QString ServiceReportDialog::noneOffered(const CatalogSet &catalogs, Language language)
{
    const QStringList offering = editionsOffering(catalogs, language);
    if (offering.isEmpty())
        return tr("No edition of the plans includes service reports.");
    //: %1 the editions whose plan includes service reports, e.g. "Partner Support Plan ·
    //: Enterprise"
    return tr("None of the team's customers has an edition that includes service reports "
              "(%1).")
            .arg(QLocale().createSeparatedList(offering));
}

QString ServiceReportDialog::whyNotOffered(const CatalogSet &catalogs, const Customer &customer,
                                           Language language)
{
    const PlanCatalog *plan = catalogs.plan(customer.planId);
    const Edition *edition = plan ? plan->edition(customer.editionId) : nullptr;
    const QString name = customer.name.isEmpty() ? customer.id : customer.name;
    const QString has = edition ? tr("%1 · %2").arg(plan->names().text(language),
                                                    edition->names.text(language))
                                : customer.editionId;
    const QStringList offering = editionsOffering(catalogs, language);
    if (offering.isEmpty())
        return tr("No edition of the plans includes service reports.");
    //: %1 the customer, %2 its plan and edition, %3 the editions that include service reports
    return tr("%1 is on %2, which does not include service reports (only %3 does).")
            .arg(name, has, QLocale().createSeparatedList(offering));
}

bool ServiceReportDialog::isOfferedToAny(const LeadBoardModel *board)
{
    for (const Customer &c : board->customers()) {
        if (isOffered(board->catalogs(), c))
            return true;
    }
    return false;
}

bool ServiceReportDialog::offersCurrentCustomer() const
{
    const auto customer = m_board->customer(m_customer->currentData().toString());
    return customer && isOffered(m_board->catalogs(), *customer);
}

ServiceReportDialog::ServiceReportDialog(LeadBoardModel *board, QWidget *parent,
                                         DeskSession *session)
    : QDialog(parent),
      m_board(board),
      m_session(session),
      m_customerLabel(new QLabel(this)),
      m_customer(new QComboBox(this)),
      m_monthLabel(new QLabel(this)),
      m_month(new QComboBox(this)),
      m_preview(new QTextBrowser(this)),
      m_pdf(new QPushButton(this)),
      m_csv(new QPushButton(this)),
      m_close(new QPushButton(this)),
      m_saved(new QLabel(this)),
      m_openFolder(new QPushButton(this)),
      m_source(new QLabel(this))
{
    m_source->setObjectName(QStringLiteral("reportSource"));
    m_source->setWordWrap(true);
    m_customer->setEditable(true); // type to find a customer among many
    m_customer->setInsertPolicy(QComboBox::NoInsert);
    m_customerLabel->setBuddy(m_customer);
    m_monthLabel->setBuddy(m_month);
    auto *form = new QFormLayout;
    form->addRow(m_customerLabel, m_customer);
    form->addRow(m_monthLabel, m_month);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_pdf, QDialogButtonBox::ActionRole);
    buttons->addButton(m_csv, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_pdf, &QPushButton::clicked, this, [this] { chooseAndExport(true); });
    connect(m_csv, &QPushButton::clicked, this, [this] { chooseAndExport(false); });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_source);
    layout->addWidget(m_preview, 1);
    // Where the last export went, and a way to its folder.
    auto *saved = new QHBoxLayout;
    m_saved->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saved->setWordWrap(true);
    saved->addWidget(m_saved, 1);
    saved->addWidget(m_openFolder);
    m_saved->hide();
    m_openFolder->hide();
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_savedPath).absolutePath()));
    });
    layout->addLayout(saved);
    layout->addWidget(buttons);
    resize(720, 640);

    fillCustomers();
    fillMonths();
    // Another customer or month: the server's report of the last one no longer applies.
    const auto chosen = [this] {
        m_serverReport.reset();
        m_fetchError.clear();
        refresh();
        fetch();
    };
    connect(m_customer, &QComboBox::currentIndexChanged, this, chosen);
    connect(m_month, &QComboBox::currentIndexChanged, this, chosen);
    // A change on the board: the cache's figures at once, the server's asked again.
    connect(board, &LeadBoardModel::boardChanged, this, [this] {
        refresh();
        fetch();
    });
    if (session) {
        connect(session, &DeskSession::syncStateChanged, this, [this] {
            updateSource();
            if (!m_serverReport && m_session->isOnline())
                fetch();
        });
    }
    // A customer's edition may change with the directory: offered now, or no longer.
    connect(board, &LeadBoardModel::directoryChanged, this, [this] {
        fillCustomers();
        refresh();
        fetch();
    });
    retranslateUi();
    fetch();
}

void ServiceReportDialog::fetch()
{
    if (!m_session || !m_session->isOnline())
        return;
    const auto customer = m_board->customer(m_customer->currentData().toString());
    const QDate month = m_month->currentData().toDate();
    if (!customer || !month.isValid() || !isOffered(m_board->catalogs(), *customer))
        return;
    // One request at a time; changes meanwhile ask once more when it is back.
    if (m_fetching) {
        m_fetchAgain = true;
        return;
    }
    m_fetching = true;
    m_fetchAgain = false;
    const QString customerId = customer->id;
    m_session->request("GET", serviceReportPath(customerId, month.year(), month.month()))
            .then(this, [this, customerId, month](const TransportResponse &r) {
                m_fetching = false;
                const auto customer = m_board->customer(customerId);
                const bool current = customerId == m_customer->currentData().toString()
                        && month == m_month->currentData().toDate();
                if (current && customer) {
                    ServiceReport report;
                    QStringList problems;
                    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
                    if (r.status == 200
                        && serviceReportFromJson(body, *customer, &report, &problems)) {
                        m_serverReport = report;
                        m_serverReportAt = QDateTime::currentDateTimeUtc();
                        m_fetchError.clear();
                    } else {
                        m_serverReport.reset();
                        m_fetchError = r.status == 0 ? r.error
                                : r.status == 200    ? problems.join(QStringLiteral("; "))
                                                     : tr("the server answered %1").arg(r.status);
                    }
                    refresh();
                }
                if (m_fetchAgain || !current)
                    fetch();
            })
            .onCanceled(this, [this] {
                m_fetching = false; // the session stopped under it
                updateSource();
            });
    updateSource();
}

// A request's answer is continued on this widget (`then(this, …)`): one that arrived and waits in
// the event queue is dropped when the widget goes, and dropping it cancels the continuation's
// future, whose onCanceled handler runs at once. Dropped here, while the widget is whole: in
// ~QWidget (which drops them too) the handler ran on a widget whose children were gone (a
// SIGSEGV in updateServerText seen in tst_accessibility).
ServiceReportDialog::~ServiceReportDialog()
{
    QCoreApplication::removePostedEvents(this);
}

bool ServiceReportDialog::showsServerReport() const
{
    return m_serverReport.has_value();
}

void ServiceReportDialog::updateSource()
{
    if (!offersCurrentCustomer()) {
        m_source->clear(); // no figures: the preview says why
        return;
    }
    if (m_serverReport) {
        //: where the service report's figures come from; %1 a time of day
        m_source->setText(tr("Figures from the server, as of %1.")
                                  .arg(TimeFormat::time(m_serverReportAt)));
    } else if (m_fetching) {
        m_source->setText(tr("Asking the server for its figures; this desk's cache is shown "
                             "meanwhile."));
    } else if (!m_fetchError.isEmpty()) {
        m_source->setText(tr("Figures from this desk's cache: the server's report could not be "
                             "fetched (%1). Changes not yet synced are missing.")
                                  .arg(m_fetchError));
    } else if (m_session) {
        m_source->setText(tr("Figures from this desk's cache: not connected to the server. "
                             "Changes not yet synced are missing."));
    } else {
        m_source->setText(tr("Figures from this desk's cache."));
    }
}

void ServiceReportDialog::fillCustomers()
{
    const QString current = m_customer->currentData().toString();
    const QSignalBlocker block(m_customer);
    m_customer->clear();
    // The customers whose edition has service reports first (the first of them chosen); the
    // others after a line, there to be told why they have none.
    QVector<const Customer *> others;
    for (const Customer &c : m_board->customers()) {
        if (isOffered(m_board->catalogs(), c))
            m_customer->addItem(c.name.isEmpty() ? c.id : c.name, c.id);
        else
            others.append(&c);
    }
    const int offered = m_customer->count();
    if (offered > 0 && !others.isEmpty())
        m_customer->insertSeparator(offered);
    for (const Customer *c : std::as_const(others))
        m_customer->addItem(c->name.isEmpty() ? c->id : c->name, c->id);
    const int at = m_customer->findData(current);
    m_customer->setCurrentIndex(at >= 0 ? at : 0);
}

void ServiceReportDialog::fillMonths()
{
    // This month and the twelve before it, in the team's zone; newest first.
    const QDate today = m_board->now().toTimeZone(m_board->teamZone()).date();
    const QDate first(today.year(), today.month(), 1);
    const QDate current = m_month->currentData().toDate();
    const QSignalBlocker block(m_month);
    m_month->clear();
    const bool chinese = currentLanguage() == Language::Chinese;
    for (int i = 0; i <= 12; ++i) {
        const QDate month = first.addMonths(-i);
        m_month->addItem(QLocale().toString(month, chinese ? QStringLiteral("yyyy年M月")
                                                           : QStringLiteral("MMMM yyyy")),
                         month);
    }
    const int at = m_month->findData(current);
    m_month->setCurrentIndex(at >= 0 ? at : 0);
}

void ServiceReportDialog::setCustomer(const QString &customerId)
{
    const int at = m_customer->findData(customerId);
    if (at >= 0)
        m_customer->setCurrentIndex(at);
}

void ServiceReportDialog::setMonth(int year, int month)
{
    const QDate date(year, month, 1);
    int at = m_month->findData(date);
    if (at < 0) {
        m_month->addItem(QLocale().toString(date, QStringLiteral("yyyy-MM")), date);
        at = m_month->count() - 1;
    }
    m_month->setCurrentIndex(at);
}

ServiceReport ServiceReportDialog::report() const
{
    return m_serverReport ? *m_serverReport : cacheReport();
}

ServiceReport ServiceReportDialog::cacheReport() const
{
    const QDate month = m_month->currentData().toDate();
    if (!month.isValid())
        return {};
    return m_board->serviceReport(m_customer->currentData().toString(), month.year(),
                                  month.month());
}

QString ServiceReportDialog::previewHtml() const
{
    return m_html;
}

static QHash<QString, QString> agentNames(const LeadBoardModel *board)
{
    QHash<QString, QString> names;
    for (const Agent &a : board->agents())
        names.insert(a.id, TicketEdits::agentName(a));
    return names;
}

void ServiceReportDialog::refresh()
{
    const auto customer = m_board->customer(m_customer->currentData().toString());
    if (!customer) {
        m_html.clear();
        m_preview->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Choose a customer.").toHtmlEscaped()));
        m_pdf->setEnabled(false);
        m_csv->setEnabled(false);
        return;
    }
    if (!isOffered(m_board->catalogs(), *customer)) {
        m_html.clear();
        m_preview->setHtml(QStringLiteral("<p>%1</p>").arg(
                whyNotOffered(m_board->catalogs(), *customer, currentLanguage()).toHtmlEscaped()));
        m_pdf->setEnabled(false);
        m_csv->setEnabled(false);
        m_source->clear();
        return;
    }
    const ServiceReportExport exporter(report(), *customer, m_board->catalogs(), currentLanguage(),
                                       agentNames(m_board));
    m_html = exporter.html();
    const int scroll = m_preview->verticalScrollBar() ? m_preview->verticalScrollBar()->value() : 0;
    m_preview->setHtml(m_html);
    if (m_preview->verticalScrollBar())
        m_preview->verticalScrollBar()->setValue(scroll);
    m_pdf->setEnabled(true);
    m_csv->setEnabled(true);
    updateSource();
}

bool ServiceReportDialog::exportPdf(const QString &path, QString *error)
{
    const auto customer = m_board->customer(m_customer->currentData().toString());
    if (!customer)
        return false;
    if (!isOffered(m_board->catalogs(), *customer)) {
        if (error)
            *error = whyNotOffered(m_board->catalogs(), *customer, currentLanguage());
        return false;
    }
    const ServiceReportExport exporter(report(), *customer, m_board->catalogs(), currentLanguage(),
                                       agentNames(m_board));
    QString problem;
    const bool ok = exporter.writePdf(path, &problem);
    if (error)
        *error = problem;
    if (ok)
        showSaved(path);
    return ok;
}

bool ServiceReportDialog::exportCsv(const QString &path, QString *error)
{
    const auto customer = m_board->customer(m_customer->currentData().toString());
    if (!customer)
        return false;
    if (!isOffered(m_board->catalogs(), *customer)) {
        if (error)
            *error = whyNotOffered(m_board->catalogs(), *customer, currentLanguage());
        return false;
    }
    const ServiceReportExport exporter(report(), *customer, m_board->catalogs(), currentLanguage(),
                                       agentNames(m_board));
    QString problem;
    const bool ok = exporter.writeCsv(path, &problem);
    if (error)
        *error = problem;
    if (ok)
        showSaved(path);
    return ok;
}

void ServiceReportDialog::chooseAndExport(bool pdf)
{
    const auto customer = m_board->customer(m_customer->currentData().toString());
    const QDate month = m_month->currentData().toDate();
    if (!customer)
        return;
    const QString base = QStringLiteral("%1-%2").arg(customer->name.isEmpty() ? customer->id
                                                                              : customer->name,
                                                     month.toString(QStringLiteral("yyyy-MM")));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
            this, pdf ? tr("Export service report as PDF") : tr("Export service report as CSV"),
            dir + u'/' + base + (pdf ? QStringLiteral(".pdf") : QStringLiteral(".csv")),
            pdf ? tr("PDF documents (*.pdf)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!(pdf ? exportPdf(path, &error) : exportCsv(path, &error)))
        QMessageBox::warning(this, windowTitle(), error);
}

void ServiceReportDialog::showSaved(const QString &path)
{
    m_savedPath = path;
    m_saved->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(path)));
    m_saved->show();
    m_openFolder->show();
}

void ServiceReportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ServiceReportDialog::retranslateUi()
{
    setWindowTitle(tr("Service report"));
    m_preview->setAccessibleName(tr("Preview of the report"));
    m_customerLabel->setText(tr("&Customer:"));
    m_monthLabel->setText(tr("&Month:"));
    m_pdf->setText(tr("Export &PDF…"));
    m_csv->setText(tr("Export C&SV…"));
    m_close->setText(tr("Close"));
    //: opens the folder the report was exported to
    m_openFolder->setText(tr("Open &folder"));
    if (!m_savedPath.isEmpty())
        m_saved->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(m_savedPath)));
    fillMonths();
    refresh();
}

} // namespace SupportDesk
