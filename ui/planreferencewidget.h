// A reference view of the plan catalogs: response targets, channels and quotas per edition.
#pragma once

#include "plancatalog.h"

#include <QWidget>

class QTabWidget;

namespace SupportDesk {

class PlanReferenceWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PlanReferenceWidget(const CatalogSet &catalogs, QWidget *parent = nullptr);

    void setLanguage(Language language);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    CatalogSet m_catalogs;
    Language m_language = Language::English;
    QTabWidget *m_tabs = nullptr;
};

} // namespace SupportDesk
