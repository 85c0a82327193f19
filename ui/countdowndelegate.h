// Paints the queue's cells: the edition badge (a coloured pill with S1…S4 or the edition's
// name), the countdown (the time in the state's colour over a bar of the target used) and the
// styled two-line texts. Reads the QueueRole values only. A painted cell is kept as a pixmap
// keyed by everything its pixels depend on, so a repaint of an unchanged row draws pixmaps
// instead of laying out its texts again.
#pragma once

#include <QCache>
#include <QFont>
#include <QPixmap>
#include <QStringList>
#include <QStyledItemDelegate>

class QFontMetrics;

namespace SupportDesk {

class CountdownDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit CountdownDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // A text cell the column is too narrow for (a larger font, docs/accessibility.md) and that
    // has no tooltip of its own shows its whole text in one.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view,
                   const QStyleOptionViewItem &option, const QModelIndex &index) override;

    // The colour of a response state (SlaState as int): green, amber, red; grey once answered.
    static QColor stateColor(int slaState);

    // A partner's ticket names its sub-client after the partner ("Northwind Cloud Partners ›
    // Northwind Retail", QueueModel::customerText): the two, the sub-client's with its "› ";
    // any other customer's name alone.
    static QStringList customerLines(const QString &customerText);
    // A customer cell's text as painted, in `width` of `metrics`: a partner on one line, elided
    // at its end, and its sub-client on the next, elided in the middle so that "… client 3"
    // still tells three sub-clients named after their partner apart; any other name as it is
    // (word-wrapped in the row's two lines).
    static QString customerCellText(const QString &customerText, const QFontMetrics &metrics,
                                    int width);

    // Cells painted from a kept pixmap (on by default). Off, every cell is laid out and
    // painted on every paint, as before the cache (tests compare the two).
    void setCaching(bool on);
    bool isCaching() const { return m_caching; }
    // Cells laid out and painted afresh, and cells drawn from the cache, since construction.
    qint64 cellsLaidOut() const { return m_laidOut; }
    qint64 cellsFromCache() const { return m_fromCache; }
    // Text cells whose text was laid out once by the delegate (paintText), not five times
    // by the style's CE_ItemViewItem.
    qint64 textsLaidOutOnce() const { return m_textLaidOnce; }
    // Forgets the kept pixmaps: the next paint lays out every cell (benchmarks: a screen of
    // changed rows).
    void clearCache() { m_cells.clear(); }
    // The bytes of the cached pixmaps (bounded by maxCacheBytes()).
    qsizetype cacheBytes() const { return m_cells.totalCost(); }
    static constexpr qsizetype maxCacheBytes() { return 16 * 1024 * 1024; }

    // What a cell's pixels depend on: its texts and colours, its size and state, the font,
    // the palette, the style and the background beneath it.
    struct CellKey
    {
        QString text;
        QFont font;
        qint64 palette = 0;
        const void *style = nullptr;
        QRgb base = 0;
        QRgb badge = 0;
        int width = 0;
        int height = 0;
        int state = 0;
        int features = 0;
        int alignment = 0;
        int colorGroup = 0;
        int elide = 0;
        int direction = 0;
        int kind = 0;       // plain text, badge or countdown
        int slaState = -1;  // the countdown's colour
        int filled = -1;    // the countdown bar's filled pixels
        qreal dpr = 1;
        friend bool operator==(const CellKey &a, const CellKey &b);
    };

protected:
    // The customer column's text as customerCellText() lays it out for the cell.
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    // The cell as painted before the cache: straight to the painter.
    void paintCell(QPainter *painter, const QStyleOptionViewItem &option,
                   const QModelIndex &index) const;
    bool cellKey(const QStyleOptionViewItem &opt, const QModelIndex &index,
                 const QPainter *painter, CellKey *key) const;
    void paintBadge(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
    void paintCountdown(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index) const;
    bool paintText(QPainter *painter, const QStyleOptionViewItem &option,
                   const QModelIndex &index) const;

    bool m_caching = true;
    mutable QCache<CellKey, QPixmap> m_cells;
    mutable qint64 m_laidOut = 0;
    mutable qint64 m_fromCache = 0;
    mutable qint64 m_textLaidOnce = 0;
};

size_t qHash(const CountdownDelegate::CellKey &key, size_t seed = 0) noexcept;

} // namespace SupportDesk
