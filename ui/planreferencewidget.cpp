// Plan reference tables, rebuilt from the catalog in the current language.
#include "planreferencewidget.h"

#include "columnfit.h"
#include "panecolors.h"
#include "timeformat.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace SupportDesk {

PlanReferenceWidget::PlanReferenceWidget(const CatalogSet &catalogs, QWidget *parent)
    : QWidget(parent), m_catalogs(catalogs), m_tabs(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    // Shown as a window of its own (Help ▸ Plan reference), Esc closes it as it would a dialog.
    auto *close = new QAction(this);
    close->setShortcut(QKeySequence::Cancel);
    close->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(close, &QAction::triggered, this, [this] {
        if (isWindow())
            this->close();
    });
    addAction(close);
    rebuild();
}

void PlanReferenceWidget::setLanguage(Language language)
{
    m_language = language;
    rebuild();
}

void PlanReferenceWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        rebuild();
    QWidget::changeEvent(event);
}

static QString minutesText(int minutes)
{
    return TimeFormat::target(minutes);
}

void PlanReferenceWidget::rebuild()
{
    const int current = m_tabs->currentIndex();
    m_tabs->clear();
    for (const PlanCatalog &plan : m_catalogs.plans()) {
        const auto &severities = plan.severities();
        const auto &editions = plan.editions();
        auto *table = new QTableWidget(int(severities.size()) + 3, int(editions.size()), m_tabs);
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        QStringList rowLabels;
        for (const Severity &s : severities)
            rowLabels.append(s.names.text(m_language));
        rowLabels << tr("Channels") << tr("Tickets per month") << tr("Handled by");
        table->setVerticalHeaderLabels(rowLabels);
        for (int col = 0; col < editions.size(); ++col) {
            const Edition &e = editions.at(col);
            auto *header = new QTableWidgetItem(
                    QStringLiteral("%1 %2").arg(e.code, e.names.text(m_language)));
            // The edition's hue where it reads on the header, else nearer the header's text
            // (Basic's grey was 4.2:1 on a black high-contrast header).
            header->setForeground(PaneColors::readable(QColor(e.badgeColor),
                                                       palette().color(QPalette::Button),
                                                       palette().color(QPalette::ButtonText)));
            table->setHorizontalHeaderItem(col, header);
            for (int row = 0; row < severities.size(); ++row) {
                const int minutes = e.targetMinutes.value(severities.at(row).id);
                table->setItem(row, col, new QTableWidgetItem(minutesText(minutes)));
            }
            QStringList channels;
            for (const QString &id : e.channels)
                channels.append(plan.channel(id)->names.text(m_language));
            const int base = int(severities.size());
            table->setItem(base, col, new QTableWidgetItem(channels.join(tr(", "))));
            table->setItem(base + 1, col,
                           new QTableWidgetItem(e.monthlyQuota ? QString::number(*e.monthlyQuota)
                                                               : tr("Unlimited")));
            table->setItem(base + 2, col, new QTableWidgetItem(e.handledBy.text(m_language)));
        }
        // Each edition's column as wide as its words (targets, channels, who handles cases),
        // the rest shared out; narrower, the table scrolls rather than cut a channel's name
        // (ColumnFit, the desk's one rule; stretched, "Hotline, Ticket, IM enterprise group"
        // was elided).
        auto *fit = new ColumnFit(table, table->horizontalHeader());
        for (int col = 0; col < table->columnCount(); ++col) {
            QStringList texts;
            for (int row = 0; row < table->rowCount(); ++row) {
                if (const QTableWidgetItem *item = table->item(row, col))
                    texts << item->text();
            }
            fit->setTexts(col, texts);
        }
        fit->fit();
        table->setAccessibleName(plan.names().text(m_language));
        m_tabs->addTab(table, plan.names().text(m_language));
    }
    m_tabs->setCurrentIndex(current);
}

} // namespace SupportDesk
