// Help → Keyboard shortcuts: every key the desk answers, read from the window's own actions when
// the dialog opens (menu entries and the keys that work inside one area, such as the composer's
// send), so the list cannot fall behind the keys.
#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

namespace SupportDesk {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(QWidget *window, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    // The actions listed, in the table's order (for tests).
    QList<QAction *> actions() const { return m_actions; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void fitToTable();

    QWidget *m_window = nullptr;
    QLabel *m_intro = nullptr;
    QTableWidget *m_table = nullptr;
    QList<QAction *> m_actions;
};

} // namespace SupportDesk
