// The bulk bar's "Tag…" and "Remove tag…": asks for one tag, offering the tags in use, and
// says in words what the rules refuse before anything is sent (docs/bulk.md).
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QStringListModel;

namespace SupportDesk {

class BulkTagDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Remove };
    // `inUse`: the tags on cached tickets, most used first (TicketCache::tagsInUse()).
    BulkTagDialog(Mode mode, int selected, const QStringList &inUse, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    QLineEdit *tagLine() const { return m_line; }
    // What is wrong with the tag typed (shown under the line), empty when it may be used.
    QString problemText() const;

signals:
    // The tag, as the rules spell it (normalizeTag()).
    void chosen(const QString &tag);

public slots:
    // OK: the tag is checked; a refused one stays in the line with the reason beside it.
    void accept() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Mode m_mode;
    int m_selected;
    QLabel *m_prompt = nullptr;
    QLineEdit *m_line = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace SupportDesk
