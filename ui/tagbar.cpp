// The pane's tag row (see tagbar.h).
#include "tagbar.h"

#include "tag.h"

#include <QCompleter>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>
#include <QToolButton>

namespace SupportDesk {

TagBar::TagBar(QWidget *parent)
    : QWidget(parent)
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    row->addWidget(m_label);
    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    row->addLayout(m_chips);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("tagInput"));
    m_input->setMaxLength(int(TagLimits::MaxLength) * 2); // astral characters are two units
    m_completions = new QStringListModel(this);
    m_completer = new QCompleter(m_completions, this);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_input->setCompleter(m_completer);
    connect(m_input, &QLineEdit::returnPressed, this, &TagBar::submit);
    row->addWidget(m_input);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("tagProblem"));
    m_error->setWordWrap(true);
    m_error->hide();
    row->addWidget(m_error, 1);
    retranslateUi();
}

void TagBar::setTags(const QStringList &tags)
{
    if (tags == m_tags)
        return;
    m_tags = tags;
    rebuild();
}

void TagBar::setTagsInUse(const QStringList &tags)
{
    if (m_completions->stringList() != tags)
        m_completions->setStringList(tags);
}

void TagBar::submit()
{
    const QString typed = m_input->text();
    if (typed.trimmed().isEmpty())
        return;
    const QString bad = checkTag(typed);
    if (!bad.isEmpty()) {
        m_problem = tagRuleText();
    } else if (!m_tags.contains(normalizeTag(typed))
               && m_tags.size() >= TagLimits::MaxPerTicket) {
        m_problem = tr("A ticket holds at most %1 tags.").arg(TagLimits::MaxPerTicket);
    } else {
        m_problem.clear();
    }
    m_error->setText(m_problem);
    m_error->setVisible(!m_problem.isEmpty());
    if (!m_problem.isEmpty())
        return; // the text stays, to be corrected
    m_input->clear();
    emit addRequested(normalizeTag(typed));
}

QString TagBar::tagRuleText()
{
    //: the tag typed cannot be used; shown beside the tag line
    return tr("A tag is one word of letters, digits, '-', '_' or '.', at most %1 characters.")
            .arg(TagLimits::MaxLength);
}

void TagBar::rebuild()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        // Later: the chip whose click removed its tag is still in its clicked() signal.
        if (QWidget *chip = item->widget()) {
            chip->hide();
            chip->deleteLater();
        }
        delete item;
    }
    for (const QString &tag : std::as_const(m_tags)) {
        // The tag's name and a cross: removing is one click, and a screen reader says which.
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("tag:") + tag);
        chip->setText(tag + QStringLiteral(" ×"));
        chip->setAutoRaise(false);
        //: accessible name and tooltip of a tag's button in the ticket pane; %1 the tag
        chip->setAccessibleName(tr("Remove the tag %1").arg(tag));
        chip->setToolTip(tr("Remove the tag %1").arg(tag));
        connect(chip, &QToolButton::clicked, this, [this, tag] { emit removeRequested(tag); });
        m_chips->addWidget(chip);
    }
}

void TagBar::retranslateUi()
{
    //: label before a ticket's tags in the ticket pane
    m_label->setText(tr("Tags:"));
    m_input->setPlaceholderText(tr("Add a tag…"));
    m_input->setAccessibleName(tr("Add a tag"));
    m_input->setToolTip(tr("Type a tag and press Enter; tags in use are offered as you type."));
    rebuild();
}

void TagBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace SupportDesk
