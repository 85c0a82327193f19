#include "thirdpartydialog.h"

#include "panecolors.h"
#include "softwarecompletion.h"
#include "ticketedits.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace SupportDesk {

ThirdPartyDialog::ThirdPartyDialog(const PlanCatalog &plan, QWidget *parent)
    : QDialog(parent)
    , m_plan(plan)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_softwareLabel = new QLabel(this);
    m_software = new QComboBox(this);
    m_software->setEditable(true);
    m_software->setInsertPolicy(QComboBox::NoInsert);
    // One entry per product: "FTP — vsftpd"; a software with one product is named once.
    for (const ThirdPartySoftware &s : m_plan.thirdPartySoftware()) {
        if (s.products.size() <= 1)
            m_software->addItem(QString(), s.id);
        else
            for (const SoftwareProduct &p : s.products)
                m_software->addItem(QString(), p.id);
    }
    m_softwareLabel->setBuddy(m_software);
    SoftwareCompletion::completeNames(m_software);
    m_versionLabel = new QLabel(this);
    m_version = new QLineEdit(this);
    m_versionLabel->setBuddy(m_version);
    form->addRow(m_softwareLabel, m_software);
    form->addRow(m_versionLabel, m_version);
    layout->addLayout(form);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    layout->addWidget(m_result);
    m_outOfScope = new QLabel(this);
    m_outOfScope->setWordWrap(true);
    PaneColors::setTone(m_outOfScope, Tone::Muted);
    layout->addWidget(m_outOfScope);
    layout->addStretch(1);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_software, &QComboBox::currentTextChanged, this, &ThirdPartyDialog::update);
    connect(m_version, &QLineEdit::textChanged, this, &ThirdPartyDialog::update);
    retranslateUi();
    resize(520, 300);
}

QString ThirdPartyDialog::picked() const
{
    const int index = m_software->currentIndex();
    const QString typed = m_software->currentText().trimmed();
    if (index >= 0 && m_software->itemText(index) == m_software->currentText())
        return m_software->itemData(index).toString();
    const int match = m_software->findText(typed, Qt::MatchFixedString);
    return match >= 0 ? m_software->itemData(match).toString() : typed;
}

QString ThirdPartyDialog::software() const
{
    // The catalog's spelling ("MySQL" for "mysql 5.7", "FileZilla Server" for "filezilla");
    // a name the catalog does not know as typed.
    const SoftwareRef ref = m_plan.findSoftware(picked());
    if (ref.isValid())
        return ref.canonicalName();
    return picked();
}

QString ThirdPartyDialog::version() const
{
    // "MySQL 5.7" typed as the software, or "mysql 5.7.x" as the version: the version alone.
    const SoftwareRef ref = m_plan.findSoftware(picked(), m_version->text());
    return ref.isValid() ? ref.version.trimmed() : m_version->text().trimmed();
}

void ThirdPartyDialog::setSoftware(const QString &software, const QString &version)
{
    const SoftwareRef ref = m_plan.findSoftware(software);
    int index = -1;
    if (ref.product)
        index = m_software->findData(ref.product->id);
    if (index < 0 && ref.software)
        index = m_software->findData(ref.software->id);
    if (index >= 0)
        m_software->setCurrentIndex(index);
    else
        m_software->setEditText(software);
    m_version->setText(version);
}

ScopeCheck ThirdPartyDialog::scopeCheck() const
{
    return PlanRules(m_plan).checkSoftware(picked(), m_version->text());
}

QString ThirdPartyDialog::resultText() const
{
    return m_result->text();
}

void ThirdPartyDialog::retranslateUi()
{
    setWindowTitle(tr("Third-party software"));
    const Language language = TicketEdits::language();
    for (int i = 0; i < m_software->count(); ++i) {
        const QString id = m_software->itemData(i).toString();
        for (const ThirdPartySoftware &s : m_plan.thirdPartySoftware()) {
            if (s.id == id) {
                m_software->setItemText(i, s.names.text(language));
                break;
            }
            for (const SoftwareProduct &p : s.products) {
                if (p.id == id)
                    m_software->setItemText(
                        i, tr("%1 — %2").arg(s.names.text(language), p.names.text(language)));
            }
        }
    }
    m_softwareLabel->setText(tr("&Software:"));
    m_versionLabel->setText(tr("&Version:"));
    m_version->setPlaceholderText(tr("e.g. 1.20.1"));
    QStringList outside;
    for (const OutOfScopeItem &item : m_plan.outOfScope())
        outside << item.names.text(language);
    //: the plan's out-of-scope list under the result; the items come from the catalog
    m_outOfScope->setText(outside.isEmpty()
                                  ? QString()
                                  : tr("The plan never covers: %1.").arg(outside.join(tr("; "))));
    update();
}

void ThirdPartyDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ThirdPartyDialog::update()
{
    const Language language = TicketEdits::language();
    if (software().isEmpty()) {
        m_result->setText(tr("Pick the software the case is about."));
        PaneColors::setTone(m_result, std::nullopt);
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        return;
    }
    const ScopeCheck scope = scopeCheck();
    SoftwareCompletion::completeVersions(m_version, scope.product);
    if (scope.check.allowed()) {
        // One sentence a line: the verdict, the versions, where, and the help the plan gives.
        QStringList lines{QStringLiteral("✓ ") + tr("In scope: advice only.")};
        if (!scope.matchedSpec.isEmpty())
            lines << tr("Covered versions: %1.").arg(scope.matchedSpec);
        if (scope.software && !scope.software->environment.isEmpty())
            lines << tr("Where: %1")
                             .arg(SoftwareCompletion::sentence(
                                     scope.software->environment.text(language), language));
        const QStringList examples
            = scope.software ? scope.software->examples.items(language) : QStringList();
        if (!examples.isEmpty())
            lines << tr("Help the plan gives: %1")
                             .arg(SoftwareCompletion::sentence(examples.join(tr("; ")),
                                                               language));
        m_result->setText(lines.join(u'\n'));
        PaneColors::setTone(m_result, Tone::Success);
    } else {
        //: the verdict of the scope check; %1 why, e.g. "MySQL 8.0 is not covered; …"
        m_result->setText(QStringLiteral("✗ ")
                          + tr("Out of scope: %1").arg(scope.check.message(&m_plan, language)));
        PaneColors::setTone(m_result, Tone::Error);
    }
    // Recording an out-of-scope case is allowed: the server flags it out-of-scope.
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

} // namespace SupportDesk
