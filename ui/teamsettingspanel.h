// The team settings a lead owns: the at-risk share of a target, the minutes before a breach
// at which agents are warned, and the rules that tag new tickets. Leads change them (saved on the server, which hands them
// to every client); agents see them read-only.
#pragma once

#include "domain.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;

namespace SupportDesk {

class LeadBoardModel;
class TagRulesEditor;
class TeamSettingsClient;

class TeamSettingsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TeamSettingsPanel(LeadBoardModel *board, QWidget *parent = nullptr);

    void setClient(TeamSettingsClient *client);
    QSpinBox *atRiskPercent() const { return m_atRisk; }
    QSpinBox *notifyMinutes() const { return m_notify; }
    TagRulesEditor *tagRules() const { return m_rules; }
    QPushButton *saveButton() const { return m_save; }
    QString statusText() const;

public slots:
    void save();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showSettings();
    void updateEnabled();
    void retranslateUi();
    void updateStatusText();
    bool isEdited() const;

    LeadBoardModel *m_board;
    QPointer<TeamSettingsClient> m_client; // the caller's; may go first
    TeamSettings m_shown;
    bool m_loaded = false;
    QLabel *m_intro;
    QLabel *m_atRiskLabel;
    QSpinBox *m_atRisk;
    QLabel *m_notifyLabel;
    QSpinBox *m_notify;
    TagRulesEditor *m_rules;
    QPushButton *m_save;
    QLabel *m_status;
    enum class Status { None, Saving, Saved, Failed, Invalid, ReadOnly, Offline } m_state = Status::None;
    QString m_error;
};

} // namespace SupportDesk
