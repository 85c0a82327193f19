// Line edits whose placeholder is cut, for GUI tests that look at a window as a user does
// (tst_accessibility over every window and dialog, tst_mainwindow at the window's least size).
#pragma once

#include <QLineEdit>
#include <QSignalBlocker>
#include <QStringList>

namespace SupportDesk::Testing {

// Every empty line edit under `root` on screen whose placeholder is cut: the words a line
// shows when empty are often all it says of what to type (the bulk tag field's were cut). The
// placeholder is laid out as the line's text would be: typed in, a text wider than the line
// scrolls, so the cursor's travel from its start to its end falls short of the text's width.
// (A password line's dots are narrower than the hint: measured as typed, it may pass short.)
inline QStringList cutPlaceholders(QWidget *root)
{
    QStringList cut;
    for (QLineEdit *line : root->findChildren<QLineEdit *>()) {
        const QString hint = line->placeholderText();
        if (!line->isVisible() || hint.isEmpty() || !line->text().isEmpty())
            continue;
        const QSignalBlocker blocker(line);
        line->setText(hint);
        // The line scrolls to its cursor when painted.
        line->setCursorPosition(0);
        line->repaint();
        const auto cursorX = [line] {
            return line->inputMethodQuery(Qt::ImCursorRectangle).toRect().center().x();
        };
        const int start = cursorX();
        line->setCursorPosition(int(hint.size()));
        line->repaint();
        const int shown = cursorX() - start;
        line->setText(QString());
        const int needs = line->fontMetrics().horizontalAdvance(hint);
        if (shown < needs - 1)
            cut.append(QStringLiteral("%1 \"%2\": %3 of %4 px")
                               .arg(line->objectName().isEmpty()
                                            ? QString::fromLatin1(line->parentWidget()
                                                                          ->metaObject()
                                                                          ->className())
                                            : line->objectName(),
                                    hint)
                               .arg(shown)
                               .arg(needs));
    }
    return cut;
}

} // namespace SupportDesk::Testing
