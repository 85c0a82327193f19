// The tags of the ticket shown in the pane: each with a button that takes it off, and a line
// that adds one, completing from the tags in use (docs/tags-and-views.md).
#pragma once

#include <QStringList>
#include <QWidget>

class QCompleter;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace SupportDesk {

class TagBar : public QWidget
{
    Q_OBJECT

public:
    explicit TagBar(QWidget *parent = nullptr);

    void setTags(const QStringList &tags);
    QStringList tags() const { return m_tags; }
    // The completion's words: the cache's tags in use, most used first.
    void setTagsInUse(const QStringList &tags);
    QLineEdit *input() const { return m_input; }
    // Why the last tag typed was not added (empty: it was), as the pane shows it.
    QString problem() const { return m_problem; }
    // What a tag may be, in words: said when checkTag() refuses one (here and in the bulk
    // bar's tag dialog).
    static QString tagRuleText();

signals:
    void addRequested(const QString &tag);
    void removeRequested(const QString &tag);

protected:
    void changeEvent(QEvent *event) override;

private:
    void submit();
    void rebuild();
    void retranslateUi();

    QStringList m_tags;
    QString m_problem;
    QLabel *m_label = nullptr;
    QHBoxLayout *m_chips = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_error = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_completions = nullptr;
};

} // namespace SupportDesk
