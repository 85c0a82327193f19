#include "servicereportexport.h"
#include "recordnames.h"

#include "pdftextmap.h"
#include "plancatalog.h"
#include "timeformat.h"

#include <QBuffer>
#include <QFile>
#include <QFontInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>
#include <QTimeZone>

namespace SupportDesk {

static QLocale localeFor(Language language)
{
    return language == Language::Chinese ? QLocale(QLocale::Chinese, QLocale::China)
                                         : QLocale(QLocale::English, QLocale::UnitedStates);
}

ServiceReportExport::ServiceReportExport(const ServiceReport &report, const Customer &customer,
                                         const CatalogSet &catalogs, Language language,
                                         const QHash<QString, QString> &agentNames)
    : m_report(report),
      m_customer(customer),
      m_catalogs(catalogs),
      m_language(language),
      m_agentNames(agentNames)
{
}

QString ServiceReportExport::share(const AttainmentCell &cell, Language language)
{
    if (cell.decided() == 0)
        return QStringLiteral("—");
    return localeFor(language).toString(cell.share() * 100.0, 'f', 1) + QStringLiteral(" %");
}

QString ServiceReportExport::title() const
{
    const QDate month(m_report.year, m_report.month, 1);
    //: %1 customer name, %2 month and year
    return tr("Service report: %1, %2")
            .arg(m_customer.name.isEmpty() ? m_customer.id : m_customer.name,
                 localeFor(m_language).toString(month, m_language == Language::Chinese
                                                               ? QStringLiteral("yyyy年M月")
                                                               : QStringLiteral("MMMM yyyy")));
}

QString ServiceReportExport::severityName(const QString &planId, const QString &id) const
{
    const PlanCatalog *plan = m_catalogs.plan(planId);
    const Severity *s = plan ? plan->severity(id) : nullptr;
    return s ? s->names.text(m_language) : id;
}

QString ServiceReportExport::dateTime(const QDateTime &t) const
{
    if (!t.isValid())
        return {};
    QTimeZone zone(m_customer.timeZone.toUtf8());
    if (m_customer.timeZone.isEmpty() || !zone.isValid())
        zone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
    // The customer's document, in the customer's time: each time says its offset, since the
    // lead reading it may sit in another zone (TimeFormat: one display zone on screen).
    return TimeFormat::stamp(t, zone);
}

QString ServiceReportExport::ticketLabel(const TicketFacts &t) const
{
    return t.number > 0 ? QStringLiteral("#%1").arg(t.number) : t.id.left(8);
}

QString ServiceReportExport::agentName(const QString &id) const
{
    return m_agentNames.value(id, id);
}

QVector<ServiceReportExport::SeverityRow> ServiceReportExport::severityRows() const
{
    // In the plan's order of severities, most severe first; every severity of the plan shows,
    // with zeros where the month had none.
    QVector<SeverityRow> rows;
    const PlanCatalog *plan = m_catalogs.plan(m_customer.planId);
    QStringList ids;
    if (plan) {
        for (const Severity &s : plan->severities())
            ids.append(s.id);
    }
    for (auto it = m_report.bySeverity.cbegin(); it != m_report.bySeverity.cend(); ++it) {
        if (!ids.contains(it.key()))
            ids.append(it.key());
    }
    for (const QString &id : ids) {
        SeverityRow row;
        row.name = severityName(m_customer.planId, id);
        row.tickets = m_report.bySeverity.value(id);
        for (auto it = m_report.attainment.cells.cbegin(); it != m_report.attainment.cells.cend();
             ++it) {
            if (it.key().endsWith(u'/' + id)) {
                row.cell.answered += it->answered;
                row.cell.inTime += it->inTime;
                row.cell.breachedOpen += it->breachedOpen;
            }
        }
        rows.append(row);
    }
    return rows;
}

QString ServiceReportExport::html() const
{
    const auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    const QLocale locale = localeFor(m_language);
    const PlanCatalog *plan = m_catalogs.plan(m_customer.planId);
    const Edition *edition = plan ? plan->edition(m_customer.editionId) : nullptr;
    QString h;
    h += QStringLiteral("<html><body>");
    h += QStringLiteral("<h2>%1</h2>").arg(esc(title()));
    h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("Plan: %1, %2")
                                  .arg(plan ? plan->names().text(m_language) : m_customer.planId,
                                       edition ? edition->names.text(m_language)
                                               : m_customer.editionId)));
    const AttainmentCell &all = m_report.attainment.overall;
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">");
    const auto line = [&h, &esc](const QString &label, const QString &value) {
        h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>").arg(esc(label), esc(value));
    };
    line(tr("Tickets"), locale.toString(m_report.tickets));
    line(tr("Answered within target"),
         tr("%1 of %2").arg(locale.toString(all.inTime), locale.toString(all.decided())));
    line(tr("Attainment"), share(all, m_language));
    line(tr("Breaches"), locale.toString(m_report.breaches.size()));
    line(tr("Reclassifications"), locale.toString(m_report.reclassifications.size()));
    line(tr("Over-quota tickets"), locale.toString(m_report.overQuota.size()));
    h += QStringLiteral("</table>");

    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("By severity")));
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr><th>%1</th>"
                        "<th>%2</th><th>%3</th><th>%4</th></tr>")
                 .arg(esc(tr("Severity")), esc(tr("Tickets")), esc(tr("Answered within target")),
                      esc(tr("Attainment")));
    for (const SeverityRow &row : severityRows()) {
        h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td>"
                            "<td align=\"right\">%4</td></tr>")
                     .arg(esc(row.name), locale.toString(row.tickets),
                          esc(tr("%1 of %2").arg(locale.toString(row.cell.inTime),
                                                 locale.toString(row.cell.decided()))),
                          esc(share(row.cell, m_language)));
    }
    h += QStringLiteral("</table>");

    if (!m_report.breaches.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
                            "<tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                     .arg(esc(tr("Breaches")), esc(tr("Ticket")), esc(tr("Severity")),
                          esc(tr("Created")), esc(tr("Due")), esc(tr("First response")));
        for (const TicketFacts &t : m_report.breaches) {
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                         .arg(esc(ticketLabel(t)), esc(severityName(t.planId, t.severity)),
                              esc(dateTime(t.createdAt)), esc(dateTime(t.dueAt)),
                              esc(t.firstResponseAt.isValid() ? dateTime(t.firstResponseAt)
                                                              : tr("not answered")));
        }
        h += QStringLiteral("</table>");
    }
    if (!m_report.reclassifications.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
                            "<tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                     .arg(esc(tr("Reclassifications")), esc(tr("Ticket")), esc(tr("Change")),
                          esc(tr("Reason")), esc(tr("By")), esc(tr("When")));
        for (const SeverityChange &r : m_report.reclassifications) {
            //: a severity change, from → to
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                         .arg(esc(r.ticketId.left(8)),
                              esc(tr("%1 → %2").arg(severityName(m_customer.planId, r.fromSeverity),
                                                    severityName(m_customer.planId, r.toSeverity))),
                              esc(r.reason), esc(agentName(r.changedBy)), esc(dateTime(r.changedAt)));
        }
        h += QStringLiteral("</table>");
    }
    if (!m_report.overQuota.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3><table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
                            "<tr><th>%2</th><th>%3</th><th>%4</th></tr>")
                     .arg(esc(tr("Over-quota tickets")), esc(tr("Ticket")), esc(tr("Created")),
                          esc(tr("Reason")));
        for (const TicketFacts &t : m_report.overQuota) {
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                         .arg(esc(ticketLabel(t)), esc(dateTime(t.createdAt)),
                              esc(t.quotaOverrideReason));
        }
        h += QStringLiteral("</table>");
    }
    h += QStringLiteral("</body></html>");
    return h;
}

// A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return before
// one) gets a leading apostrophe, so it shows as the text it is (OWASP's CSV injection advice);
// plain numbers stay numbers.
QString ServiceReportExport::csvCell(const QString &value)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?[0-9]+(\\.[0-9]+)?$"));
    QString cell = value;
    if (!cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front())
        && !number.match(cell).hasMatch())
        cell.prepend(u'\'');
    if (!cell.contains(u',') && !cell.contains(u'"') && !cell.contains(u'\n')
        && !cell.contains(u'\r'))
        return cell;
    return u'"' + cell.replace(u'"', QStringLiteral("\"\"")) + u'"';
}

QByteArray ServiceReportExport::csv() const
{
    QStringList lines;
    const auto row = [&lines](const QStringList &fields) {
        QStringList quoted;
        for (const QString &f : fields)
            quoted.append(csvCell(f));
        lines.append(quoted.join(u','));
    };
    // Numbers stay plain in CSV (no grouping), so a spreadsheet reads them as numbers.
    const auto num = [](qsizetype n) { return QString::number(n); };
    const auto pct = [](const AttainmentCell &c) {
        return c.decided() ? QString::number(c.share() * 100.0, 'f', 1) : QString();
    };
    row({title()});
    row({tr("Tickets"), num(m_report.tickets)});
    row({tr("Answered within target"), num(m_report.attainment.overall.inTime)});
    row({tr("Decided"), num(m_report.attainment.overall.decided())});
    row({tr("Attainment (%)"), pct(m_report.attainment.overall)});
    row({tr("Breaches"), num(m_report.breaches.size())});
    row({tr("Reclassifications"), num(m_report.reclassifications.size())});
    row({tr("Over-quota tickets"), num(m_report.overQuota.size())});
    lines.append(QString());
    row({tr("Severity"), tr("Tickets"), tr("Answered within target"), tr("Decided"),
         tr("Attainment (%)")});
    for (const SeverityRow &r : severityRows())
        row({r.name, num(r.tickets), num(r.cell.inTime), num(r.cell.decided()), pct(r.cell)});
    lines.append(QString());
    row({tr("Ticket"), tr("Severity"), tr("Created"), tr("Due"), tr("First response"),
         slaStateName(SlaState::Breached), tr("Over quota"), tr("Reason")});
    QVector<TicketFacts> listed = m_report.breaches;
    for (const TicketFacts &t : m_report.overQuota) {
        bool seen = false;
        for (const TicketFacts &b : listed)
            seen = seen || b.id == t.id;
        if (!seen)
            listed.append(t);
    }
    for (const TicketFacts &t : listed) {
        bool breached = false;
        for (const TicketFacts &b : m_report.breaches)
            breached = breached || b.id == t.id;
        const bool over = t.flags.contains(TicketFlag::OverQuota);
        row({ticketLabel(t), severityName(t.planId, t.severity), dateTime(t.createdAt),
             dateTime(t.dueAt), dateTime(t.firstResponseAt), breached ? tr("yes") : tr("no"),
             over ? tr("yes") : tr("no"), t.quotaOverrideReason});
    }
    if (!m_report.reclassifications.isEmpty()) {
        lines.append(QString());
        row({tr("Ticket"), tr("From"), tr("To"), tr("Reason"), tr("By"), tr("When")});
        for (const SeverityChange &r : m_report.reclassifications)
            row({r.ticketId.left(8), severityName(m_customer.planId, r.fromSeverity),
                 severityName(m_customer.planId, r.toSeverity), r.reason, agentName(r.changedBy),
                 dateTime(r.changedAt)});
    }
    return QByteArrayLiteral("\xEF\xBB\xBF") + lines.join(QStringLiteral("\r\n")).toUtf8()
            + QByteArrayLiteral("\r\n");
}

bool ServiceReportExport::writeCsv(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv()) < 0 || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// Chinese text in a Simplified Chinese face (fontconfig's fallback for it is often the
// Japanese one), after the program's own font for Latin text.
static QFont reportFont()
{
    QFont font = QGuiApplication::font();
    // The family the program's font resolves to (DejaVu Sans, say), not an alias such as
    // "Sans Serif": a family list skips an alias, and Latin text in a CJK face loses its digits
    // from the PDF's text layer.
    font.setFamilies({ QFontInfo(font).family(), QStringLiteral("Noto Sans CJK SC"),
                       QStringLiteral("Source Han Sans SC"), QStringLiteral("WenQuanYi Micro Hei"),
                       QStringLiteral("Microsoft YaHei"), QStringLiteral("PingFang SC") });
    return font;
}

bool ServiceReportExport::writePdf(const QString &path, QString *error) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QTextDocument document;
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title());
        writer.setCreator(QStringLiteral("SupportDesk"));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
        document.setDefaultFont(reportFont());
        document.setHtml(html());
        document.print(&writer);
    }
    // Searchable and copyable: 工单, not the radical ⼯ the CJK font shares its glyph with.
    QFont cjk = reportFont();
    cjk.setFamily(cjk.families().value(1));
    const QByteArray pdf = PdfTextMap::withUnifiedIdeographs(
        buffer.data(), PdfTextMap::radicalsIn(cjk, document.toPlainText() + title()));
    QSaveFile file(path);
    if (pdf.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(pdf) < 0
        || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace SupportDesk
