// Is this third-party software in the plan's scope? Pick a product from the catalog (or type
// one that is not there) and its version: in scope, with what help the plan gives, or out of
// scope with the reason (PlanRules::checkSoftware).
#pragma once

#include "planrules.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace SupportDesk {

class ThirdPartyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ThirdPartyDialog(const PlanCatalog &plan, QWidget *parent = nullptr);

    // The catalog's name of the software or product ("MySQL"; the name as typed when the
    // catalog has none) and the version without a product name in front.
    QString software() const;
    QString version() const;
    void setSoftware(const QString &software, const QString &version);
    ScopeCheck scopeCheck() const;
    bool inScope() const { return scopeCheck().check.allowed(); }
    QString resultText() const;
    QComboBox *softwareBox() const { return m_software; }
    QLineEdit *versionEdit() const { return m_version; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QString picked() const; // the item's id, or the text as typed
    void retranslateUi();
    void update();

    PlanCatalog m_plan;
    QLabel *m_softwareLabel = nullptr;
    QComboBox *m_software = nullptr;
    QLabel *m_versionLabel = nullptr;
    QLineEdit *m_version = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_outOfScope = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace SupportDesk
