// How the desk's tables fit their columns (issue 17): a word column is as wide as the longest
// text it can show, on one line, and its title; the free-text column (a subject, a file name,
// a rule's words) takes what they leave and never less than its floor; where the view is
// narrower than that, it scrolls sideways rather than cut a word.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

class QAbstractItemView;
class QFontMetrics;
class QHeaderView;

namespace SupportDesk {

class ColumnFit : public QObject
{
    Q_OBJECT

public:
    // Fits the columns of `view` (its `header`: a QTableView's horizontal one, a QTreeView's)
    // from now on, and again when the view's width, font or style, or a title, changes.
    ColumnFit(QAbstractItemView *view, QHeaderView *header);

    // The texts the column can show (in the language in use): it fits the widest on one line.
    void setTexts(int column, const QStringList &texts);
    // A column of something else (a combo box): at least this wide.
    void setContentWidth(int column, int width);
    // The column that takes the rest, and its least width in average characters. Without one,
    // the columns share what is left evenly.
    void setFreeColumn(int column, int floorCharacters = 16);
    int freeColumn() const { return m_free; }
    int freeFloor() const;
    // Titles word-wrapped in the header (Qt::TextWordWrap in its alignment): a title needs the
    // narrowest width that holds it in two lines, not one.
    void setTitlesInTwoLines(bool twoLines) { m_titleLines = twoLines ? 2 : 1; }

    // Sets the widths now (the owner calls it after changing texts; the rest comes by itself).
    void fit();
    // The view's width at which nothing scrolls: every word column, the free column's floor,
    // the frame and a vertical scroll bar.
    int neededWidth() const;
    // The width of one column as fit() sets it before the rest is shared out.
    int wordWidth(int column) const;

    // A cell's width for `text` on one line: the item's text margins both sides and a little air.
    static int cellWidth(const QAbstractItemView *view, const QFontMetrics &metrics,
                         const QString &text);
    // A column title's width in the header's font and margins (the sort indicator aside).
    static int titleWidth(const QHeaderView *header, int column, int lines = 1);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAbstractItemView *m_view;
    QHeaderView *m_header;
    QHash<int, QStringList> m_texts;
    QHash<int, int> m_contentWidths;
    int m_free = -1;
    int m_floorCharacters = 16;
    int m_titleLines = 1;
    bool m_fitting = false;
};

} // namespace SupportDesk
