// The tag asked for by the bulk bar (see bulktag.h).
#include "bulktag.h"

#include "placeholderwidth.h"
#include "tag.h"
#include "tagbar.h"

#include <QCompleter>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace SupportDesk {

BulkTagDialog::BulkTagDialog(Mode mode, int selected, const QStringList &inUse,
                             QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_selected(selected)
{
    setObjectName(mode == Mode::Add ? QStringLiteral("bulkTagDialog")
                                    : QStringLiteral("bulkUntagDialog"));
    auto *layout = new QVBoxLayout(this);
    m_prompt = new QLabel;
    m_prompt->setWordWrap(true);
    layout->addWidget(m_prompt);
    m_line = new QLineEdit;
    m_line->setObjectName(QStringLiteral("bulkTagLine"));
    m_line->setMaxLength(int(TagLimits::MaxLength) * 2); // astral characters are two units
    auto *completer = new QCompleter(new QStringListModel(inUse, this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchStartsWith);
    m_line->setCompleter(completer);
    m_prompt->setBuddy(m_line);
    layout->addWidget(m_line);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("bulkTagProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &BulkTagDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    retranslateUi();
}

QString BulkTagDialog::problemText() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void BulkTagDialog::accept()
{
    const QString typed = m_line->text();
    // The rules' own check (core/tag.h), in the pane's tag line's words; a ticket that holds
    // 20 tags already is refused per ticket in the results.
    QString problem;
    if (typed.trimmed().isEmpty())
        problem = tr("Type a tag.");
    else if (!checkTag(typed).isEmpty())
        problem = TagBar::tagRuleText();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        m_line->setFocus();
        return;
    }
    emit chosen(normalizeTag(typed));
    QDialog::accept();
}

void BulkTagDialog::retranslateUi()
{
    if (m_mode == Mode::Add) {
        setWindowTitle(tr("Tag the selected tickets"));
        m_prompt->setText(tr("Add this tag to the %n selected ticket(s):", nullptr, m_selected));
        m_line->setAccessibleName(tr("Tag to add"));
    } else {
        setWindowTitle(tr("Remove a tag from the selected tickets"));
        m_prompt->setText(
                tr("Remove this tag from the %n selected ticket(s):", nullptr, m_selected));
        m_line->setAccessibleName(tr("Tag to remove"));
    }
    m_line->setPlaceholderText(tr("A tag; tags in use are offered as you type"));
    holdPlaceholder(m_line);
    m_problem->setAccessibleName(tr("Problem with the tag"));
}

void BulkTagDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

} // namespace SupportDesk
