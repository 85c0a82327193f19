// Catalog completion for software and version fields.
#include "softwarecompletion.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>

namespace SupportDesk::SoftwareCompletion {

void completeNames(QComboBox *box)
{
    // The combo box's own completer works on its items, so a pick selects the item itself.
    QCompleter *completer = box->completer();
    if (!completer)
        return;
    completer->setCompletionMode(QCompleter::PopupCompletion);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
}

void completeVersions(QLineEdit *edit, const SoftwareProduct *product)
{
    QStringList versions;
    if (product) {
        for (const VersionSpec &spec : product->versions) {
            const QString v = spec.kind() == VersionSpec::Kind::Series ? spec.text()
                                                                         : spec.bound().text();
            if (!v.isEmpty() && !versions.contains(v))
                versions.append(v);
        }
    }
    auto *completer = edit->completer();
    auto *model = completer ? qobject_cast<QStringListModel *>(completer->model()) : nullptr;
    if (!model) {
        completer = new QCompleter(edit);
        model = new QStringListModel(completer);
        completer->setModel(model);
        completer->setCompletionMode(QCompleter::PopupCompletion);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        edit->setCompleter(completer);
    }
    if (model->stringList() != versions)
        model->setStringList(versions);
}

QString sentence(const QString &input, Language language)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return text;
    static const QString ends = QStringLiteral(".。!！?？");
    if (ends.contains(text.back()))
        return text;
    return text + (language == Language::Chinese ? QStringLiteral("。") : QStringLiteral("."));
}

} // namespace SupportDesk::SoftwareCompletion
