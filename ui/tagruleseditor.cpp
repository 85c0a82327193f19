#include "tagruleseditor.h"

#include "columnfit.h"

#include "leadboardtables.h"
#include "tag.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace SupportDesk {

namespace {

// The words cell: words or phrases separated by commas, as a lead types them in either
// language ("disk full, 磁盘已满、ＶＰＮ").
QStringList wordsOf(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,，、;；]"));
    QStringList words;
    for (const QString &w : text.split(separators, Qt::SkipEmptyParts)) {
        if (!w.trimmed().isEmpty())
            words.append(w.trimmed());
    }
    return words;
}

// A choice's value: "" (any), an id, or "plan/edition".
QString choice(const QComboBox *box)
{
    return box ? box->currentData().toString() : QString();
}

} // namespace

TagRulesEditor::TagRulesEditor(QWidget *parent)
    : QWidget(parent),
      m_intro(new QLabel(this)),
      m_table(new QTableWidget(0, 5, this)),
      m_add(new QPushButton(this)),
      m_remove(new QPushButton(this))
{
    m_intro->setWordWrap(true);
    m_table->verticalHeader()->hide();
    // Every column as wide as its longest choice or text (fitColumns()), the words the rest;
    // where the page is too narrow, a horizontal scroll bar rather than cut names.
    m_fit = new ColumnFit(m_table, m_table->horizontalHeader());
    m_fit->setFreeColumn(WordsColumn, 20);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow({});
        fitColumns();
        m_table->setCurrentCell(m_table->rowCount() - 1, TagColumn);
        m_table->editItem(m_table->item(m_table->rowCount() - 1, TagColumn));
        emit changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0)
            return;
        m_table->removeRow(row);
        updateButtons();
        emit changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &TagRulesEditor::changed);
    connect(m_table, &QTableWidget::itemChanged, this, &TagRulesEditor::fitColumns);
    connect(m_table, &QTableWidget::currentCellChanged, this, &TagRulesEditor::updateButtons);
    retranslateUi();
}

void TagRulesEditor::setCatalogs(const CatalogSet &catalogs)
{
    // The directory changes with any agent or customer: the rows stay (a cell the lead has
    // open keeps its editor), only the choices are made again.
    const QVector<TagRule> kept = rules();
    m_catalogs = catalogs;
    for (int row = 0; row < m_table->rowCount(); ++row)
        fillChoices(row, kept.at(row));
    fitColumns();
}

void TagRulesEditor::setRules(const QVector<TagRule> &rules)
{
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(0);
    for (const TagRule &rule : rules)
        addRow(rule);
    updateButtons();
    fitColumns();
}

QComboBox *TagRulesEditor::combo(int row, int column) const
{
    return qobject_cast<QComboBox *>(m_table->cellWidget(row, column));
}

void TagRulesEditor::addRow(const TagRule &rule)
{
    const QSignalBlocker blocker(m_table);
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, TagColumn, new QTableWidgetItem(rule.tag));
    m_table->setItem(row, WordsColumn, new QTableWidgetItem(rule.words.join(QStringLiteral(", "))));
    for (const int column : { ChannelColumn, EditionColumn, SeverityColumn }) {
        auto *box = new QComboBox(m_table);
        box->setEnabled(!m_readOnly);
        connect(box, &QComboBox::currentIndexChanged, this, &TagRulesEditor::changed);
        m_table->setCellWidget(row, column, box);
    }
    fillChoices(row, rule);
    if (m_readOnly) {
        for (const int column : { TagColumn, WordsColumn })
            m_table->item(row, column)->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    }
}

// The combos' entries in the program's language, the rule's values chosen; a value the
// catalogs do not know (another plan's, an old rule's) is kept as it is, shown by its id.
void TagRulesEditor::fillChoices(int row, const TagRule &rule)
{
    const Language language = currentLanguage();
    QComboBox *channel = combo(row, ChannelColumn);
    QComboBox *edition = combo(row, EditionColumn);
    QComboBox *severity = combo(row, SeverityColumn);
    const QSignalBlocker b1(channel), b2(edition), b3(severity);
    channel->clear();
    edition->clear();
    severity->clear();
    channel->addItem(tr("Any channel"), QString());
    edition->addItem(tr("Any edition"), QString());
    severity->addItem(tr("Any severity"), QString());
    for (const PlanCatalog &plan : m_catalogs.plans()) {
        for (const Channel &c : plan.channels()) {
            if (channel->findData(c.id) < 0)
                channel->addItem(c.names.text(language), c.id);
        }
        for (const Edition &e : plan.editions())
            //: a plan's edition in a list of both plans' editions; %1 the plan, %2 the edition,
            //: %3 its badge code
            edition->addItem(tr("%1 · %2 (%3)")
                                     .arg(plan.names().text(language), e.names.text(language),
                                          e.code),
                             QString(plan.id() + u'/' + e.id));
        for (const Severity &s : plan.severities()) {
            if (severity->findData(s.id) < 0)
                severity->addItem(s.names.text(language), s.id);
        }
    }
    const auto select = [](QComboBox *box, const QString &value) {
        if (value.isEmpty())
            return box->setCurrentIndex(0);
        if (box->findData(value) < 0)
            box->addItem(value, value);
        box->setCurrentIndex(box->findData(value));
    };
    select(channel, rule.channel);
    select(edition, rule.planId.isEmpty() ? QString() : rule.planId + u'/' + rule.editionId);
    select(severity, rule.severity);
    //: %1 the rule's row number
    channel->setAccessibleName(tr("Channel of rule %1").arg(row + 1));
    edition->setAccessibleName(tr("Edition of rule %1").arg(row + 1));
    severity->setAccessibleName(tr("Severity of rule %1").arg(row + 1));
}

QVector<TagRule> TagRulesEditor::rules() const
{
    QVector<TagRule> list;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        TagRule r;
        r.tag = normalizeTag(m_table->item(row, TagColumn)->text());
        r.channel = choice(combo(row, ChannelColumn));
        const QString edition = choice(combo(row, EditionColumn));
        r.planId = edition.section(u'/', 0, 0);
        r.editionId = edition.section(u'/', 1);
        r.severity = choice(combo(row, SeverityColumn));
        r.words = wordsOf(m_table->item(row, WordsColumn)->text());
        list.append(r);
    }
    return list;
}

QString TagRulesEditor::problem() const
{
    const QVector<TagRule> list = rules();
    if (list.size() > TagRuleLimits::MaxRules)
        return tr("At most %n rules.", nullptr, int(TagRuleLimits::MaxRules));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const TagRule &r = list.at(i);
        const int number = int(i + 1);
        if (r.tag.isEmpty())
            //: %1 the rule's row number
            return tr("Rule %1 needs a tag.").arg(number);
        if (!checkTag(r.tag).isEmpty())
            //: %1 the rule's row number, %2 what was typed as its tag
            return tr("Rule %1: “%2” is not a tag: use letters, digits, “-”, “_” and “.” "
                      "(no spaces), at most %3.")
                    .arg(number)
                    .arg(r.tag)
                    .arg(tr("%n character(s)", nullptr, int(TagLimits::MaxLength)));
        if (r.words.size() > TagRuleLimits::MaxWords)
            return tr("Rule %1: at most %2 words.").arg(number).arg(TagRuleLimits::MaxWords);
        for (const QString &w : r.words) {
            if (w.size() > TagRuleLimits::MaxWordLength)
                return tr("Rule %1: a word is longer than %2 characters.")
                        .arg(number)
                        .arg(TagRuleLimits::MaxWordLength);
        }
    }
    return {};
}

void TagRulesEditor::setReadOnly(bool readOnly)
{
    if (m_readOnly == readOnly)
        return;
    m_readOnly = readOnly;
    setRules(rules());
}

void TagRulesEditor::updateButtons()
{
    m_add->setVisible(!m_readOnly);
    m_remove->setVisible(!m_readOnly);
    m_table->setEditTriggers(m_readOnly ? QAbstractItemView::NoEditTriggers
                                        : QAbstractItemView::AllEditTriggers);
    m_remove->setEnabled(m_table->currentRow() >= 0);
}

void TagRulesEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        fitColumns();
}

void TagRulesEditor::retranslateUi()
{
    m_intro->setText(tr("Tag rules: the server tags each new ticket — by e-mail, IM, the console "
                        "or the desk — with every rule it matches. A rule's conditions must all "
                        "hold; “Words” are any of them, separated by commas, in the subject or "
                        "the first message."));
    m_table->setHorizontalHeaderLabels(
            { tr("Tag"), tr("Channel"), tr("Edition"), tr("Severity"), tr("Words") });
    m_table->setAccessibleName(tr("Tag rules"));
    m_add->setText(tr("Add &rule"));
    m_remove->setText(tr("Remove rule"));
    m_remove->setAccessibleName(tr("Remove the selected rule"));
    // The choices' names are the catalog's, in the language just chosen.
    const QVector<TagRule> kept = rules();
    for (int row = 0; row < m_table->rowCount(); ++row)
        fillChoices(row, kept.at(row));
    fitColumns();
}

// Each column as wide as what it shows: the tag's and words' texts, each choice box its
// longest entry (the catalogs' names in the language in use), the titles; the words take
// what is left and never less than about 20 characters (ColumnFit, the desk's one rule).
// ResizeToContents measured the combo boxes once and the words column was squeezed to its
// minimum (issue 17).
void TagRulesEditor::fitColumns()
{
    const QFontMetrics metrics = m_table->fontMetrics();
    for (const int column : { TagColumn, WordsColumn }) {
        QStringList texts;
        for (int row = 0; row < m_table->rowCount(); ++row) {
            if (const QTableWidgetItem *item = m_table->item(row, column))
                texts << item->text();
        }
        m_fit->setTexts(column, texts);
    }
    // A tag is short (at most 32 characters): room for a dozen at least.
    m_fit->setContentWidth(TagColumn, ColumnFit::cellWidth(m_table, metrics, QString())
                                              + metrics.averageCharWidth() * 12);
    for (int column = ChannelColumn; column < WordsColumn; ++column) {
        int width = 0;
        for (int row = 0; row < m_table->rowCount(); ++row) {
            QComboBox *box = combo(row, column);
            if (!box)
                continue;
            // The box's own size for its longest entry (its arrow and frame included).
            int longest = 0;
            for (int i = 0; i < box->count(); ++i)
                longest = std::max(longest, box->fontMetrics().horizontalAdvance(box->itemText(i)));
            QStyleOptionComboBox option;
            option.initFrom(box);
            width = std::max(width, box->style()->sizeFromContents(
                                            QStyle::CT_ComboBox, &option,
                                            QSize(longest, box->fontMetrics().height()), box)
                                            .width());
        }
        m_fit->setContentWidth(column, width);
    }
    m_fit->fit();
}

} // namespace SupportDesk
