// The team's tag rules as a lead edits them (Team settings): one row a rule — the tag, and the
// channel, edition, severity and words a new ticket must match (docs/tags-and-views.md).
#pragma once

#include "plancatalog.h"
#include "tagrule.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace SupportDesk {

class ColumnFit;

class TagRulesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit TagRulesEditor(QWidget *parent = nullptr);

    void setCatalogs(const CatalogSet &catalogs);
    void setRules(const QVector<TagRule> &rules);
    QVector<TagRule> rules() const;
    void setReadOnly(bool readOnly);
    // What keeps the rules from being saved, worded for the lead, or empty.
    QString problem() const;

    QTableWidget *table() const { return m_table; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    enum Column { TagColumn, ChannelColumn, EditionColumn, SeverityColumn, WordsColumn };
    void addRow(const TagRule &rule);
    void fillChoices(int row, const TagRule &rule);
    QComboBox *combo(int row, int column) const;
    void retranslateUi();
    void updateButtons();
    void fitColumns();

    CatalogSet m_catalogs;
    bool m_readOnly = false;
    QLabel *m_intro;
    QTableWidget *m_table;
    ColumnFit *m_fit = nullptr;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace SupportDesk
