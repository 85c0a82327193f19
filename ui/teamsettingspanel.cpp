#include "teamsettingspanel.h"

#include "leadboardmodel.h"
#include "tagruleseditor.h"
#include "teamsettingsclient.h"

#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace SupportDesk {

TeamSettingsPanel::TeamSettingsPanel(LeadBoardModel *board, QWidget *parent)
    : QWidget(parent),
      m_board(board),
      m_intro(new QLabel(this)),
      m_atRiskLabel(new QLabel(this)),
      m_atRisk(new QSpinBox(this)),
      m_notifyLabel(new QLabel(this)),
      m_notify(new QSpinBox(this)),
      m_rules(new TagRulesEditor(this)),
      m_save(new QPushButton(this)),
      m_status(new QLabel(this))
{
    m_intro->setWordWrap(true);
    m_atRisk->setRange(1, 90);
    m_notify->setRange(0, 240);
    m_atRiskLabel->setBuddy(m_atRisk);
    m_notifyLabel->setBuddy(m_notify);
    m_status->setWordWrap(true);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    form->addRow(m_atRiskLabel, m_atRisk);
    form->addRow(m_notifyLabel, m_notify);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_rules, 1);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &TeamSettingsPanel::save);
    connect(m_atRisk, &QSpinBox::valueChanged, this, &TeamSettingsPanel::updateEnabled);
    connect(m_notify, &QSpinBox::valueChanged, this, &TeamSettingsPanel::updateEnabled);
    connect(m_rules, &TagRulesEditor::changed, this, &TeamSettingsPanel::updateEnabled);
    connect(board, &LeadBoardModel::directoryChanged, this, [this] {
        m_rules->setCatalogs(m_board->catalogs());
        showSettings();
    });
    m_rules->setCatalogs(board->catalogs());
    connect(board, &LeadBoardModel::boardChanged, this, &TeamSettingsPanel::showSettings);
    showSettings();
    retranslateUi();
}

void TeamSettingsPanel::setClient(TeamSettingsClient *client)
{
    if (m_client)
        disconnect(m_client, nullptr, this, nullptr);
    m_client = client;
    if (client) {
        connect(client, &TeamSettingsClient::saved, this, [this](const TeamSettings &s) {
            m_state = Status::Saved;
            m_loaded = false; // show what the server kept
            m_board->applySavedSettings(s);
            showSettings();
        });
        connect(client, &TeamSettingsClient::failed, this,
                [this](int, const QString &, const QString &message) {
                    m_state = Status::Failed;
                    m_error = message;
                    updateEnabled();
                });
        // Online or not follows the session: the panel says it can save exactly when the
        // status bar says Online.
        connect(client, &TeamSettingsClient::connectedChanged, this,
                &TeamSettingsPanel::updateEnabled);
    }
    updateEnabled();
}

QString TeamSettingsPanel::statusText() const
{
    return m_status->text();
}

static int percentOf(double fraction)
{
    return int(std::lround(fraction * 100.0));
}

void TeamSettingsPanel::showSettings()
{
    const TeamSettings current = m_board->teamSettings();
    // A value the lead is editing is not overwritten by a refresh.
    if (m_loaded && isEdited())
        return;
    // The board changes with every ticket: the rules' table is built again only when the rules
    // did (a cell the lead has open keeps its editor).
    const bool rulesChanged = !m_loaded || current.tagRules != m_shown.tagRules;
    m_loaded = true;
    m_shown = current;
    m_atRisk->setValue(percentOf(current.atRiskFraction));
    m_notify->setValue(current.notifyBeforeBreachMinutes);
    if (rulesChanged)
        m_rules->setRules(current.tagRules);
    updateEnabled();
}

bool TeamSettingsPanel::isEdited() const
{
    return m_atRisk->value() != percentOf(m_shown.atRiskFraction)
            || m_notify->value() != m_shown.notifyBeforeBreachMinutes
            || m_rules->rules() != m_shown.tagRules;
}

void TeamSettingsPanel::updateEnabled()
{
    const bool lead = m_board->viewerIsLead();
    const bool saving = m_client && m_client->isBusy();
    const bool connected = m_client && m_client->isConnected();
    m_atRisk->setReadOnly(!lead);
    m_notify->setReadOnly(!lead);
    m_rules->setReadOnly(!lead);
    const QString problem = lead ? m_rules->problem() : QString();
    m_save->setVisible(lead);
    m_save->setEnabled(lead && connected && !saving && isEdited() && problem.isEmpty());
    if (!lead)
        m_state = Status::ReadOnly;
    else if (!problem.isEmpty()) {
        m_state = Status::Invalid;
        m_error = problem;
    } else if (!connected && !saving)
        m_state = Status::Offline;
    else if (m_state == Status::ReadOnly || m_state == Status::Offline
             || m_state == Status::Invalid)
        m_state = Status::None;
    updateStatusText();
}

void TeamSettingsPanel::save()
{
    if (!m_board->viewerIsLead() || !m_client || !m_client->isConnected())
        return;
    TeamSettings s = m_shown;
    s.atRiskFraction = m_atRisk->value() / 100.0;
    s.notifyBeforeBreachMinutes = m_notify->value();
    s.tagRules = m_rules->rules();
    if (!m_rules->problem().isEmpty() || !m_client->save(s))
        return;
    m_state = Status::Saving;
    updateEnabled();
}

void TeamSettingsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void TeamSettingsPanel::retranslateUi()
{
    m_intro->setText(tr("These settings apply to the whole team: every agent's desk uses them "
                        "once the server has them."));
    m_atRiskLabel->setText(tr("A ticket is &at risk when this share of its target is left:"));
    m_atRisk->setSuffix(QStringLiteral(" %"));
    m_notifyLabel->setText(tr("&Warn agents this long before a breach:"));
    //: suffix of a number of minutes
    m_notify->setSuffix(tr(" min"));
    m_save->setText(tr("&Save for the team"));
    updateStatusText();
}

void TeamSettingsPanel::updateStatusText()
{
    switch (m_state) {
    case Status::None:
        m_status->clear();
        break;
    case Status::Saving:
        m_status->setText(tr("Saving…"));
        break;
    case Status::Saved:
        m_status->setText(tr("Saved. Every desk gets the new settings with its next sync."));
        break;
    case Status::Failed:
        m_status->setText(tr("Not saved: %1").arg(m_error));
        break;
    case Status::Invalid:
        m_status->setText(m_error);
        break;
    case Status::ReadOnly:
        m_status->setText(tr("Only team leads can change these settings."));
        break;
    case Status::Offline:
        m_status->setText(tr("Not connected to the server: the settings cannot be saved now."));
        break;
    }
}

} // namespace SupportDesk
