// The queue table: uniform rows, sorting by the model's stored keys, and a once-a-second
// countdown tick that repaints only the countdown cells of the rows on screen.
#pragma once

#include "queuemodel.h"

#include <QTableView>
#include <QTimer>

namespace SupportDesk {

class QueueView : public QTableView
{
    Q_OBJECT

public:
    explicit QueueView(QWidget *parent = nullptr);

    void setQueueModel(QueueModel *model);
    QueueModel *queueModel() const { return m_model; }

    // The rows on screen, [first, last]; first is -1 when none is.
    QPair<int, int> visibleRows() const;
    QString currentTicketId() const;
    // The selected tickets (Shift/Ctrl-click, Ctrl+A), in the queue's order; and how many.
    QStringList selectedTicketIds() const;
    int selectedCount() const;
    // The same in one buffer (no string per ticket, still a row read per ticket: 17-21 ms at
    // 150,000 rows).
    TicketIdList selectedTicketIdList() const;
    // What a bulk action starts from: the selected rows, each ticket's id read when the run
    // plans it (ui/queueselection.cpp; 0.3 ms for a run over 150,000 rows).
    std::unique_ptr<TicketIdSource> selectedTickets() const;
    // The selected whole rows as spans in row order, overlaps merged.
    QueueModel::RowSpans selectedSpans() const;
    // Selects the ticket's row and scrolls to it; false when it is not shown.
    bool selectTicket(const QString &ticketId);
    // Moves the current row by `delta` (J/K).
    void moveCurrent(int delta);
    // Ctrl+A and the bulk bar's "Select all": every row of the queue and its filters. While a
    // large queue shows its first screen only (QueueModel::isLoadingRest()), all of it is
    // selected again when the rest is in, unless the selection changed meanwhile.
    void selectAll() override;
    bool isSelectingAllPending() const { return m_selectAllPending; }
    // The agent answered the current ticket (accept, reply): when the model next moves it
    // down (to the answered tickets) the selection stays at its row, on the next ticket, so J
    // goes on through the unanswered ones. Any other change of the current row forgets it.
    void keepPlaceAfterAnswer(const QString &ticketId);

    // Column widths that fit every text the columns can show in the current language and the
    // font in use (the badges, the countdown's widest form, the catalogs' and directory's
    // names, the titles); the subject takes the rest of the width. Where the queue has not
    // the room for them and the subject's floor (subjectFloor(): a larger font at 1440 px),
    // the word columns give way and elide (applyWidths()). A column the user resized keeps
    // its width until what it has to fit, or the room, changes.
    void resetColumnWidths();
    // The edition column as wide as the widest badge in the current language (and its title).
    void fitBadgeColumn();
    // The header's state (order, hidden and resized columns, sort) with the widths the
    // columns were fitted to when it was saved: restored under another font or language, a
    // column whose texts need another width takes it (a larger system font cut four titles
    // with the widths saved under the default one). Also takes a bare QHeaderView state.
    QByteArray saveLayout() const;
    bool restoreLayout(const QByteArray &state);
    // The subject's least width before other columns give way: about 16 characters a line.
    int subjectFloor() const;
    // The Tags column is the agent's choice (View → Tags column, or the header's context menu),
    // off at first and kept with the layout (saveLayout()). It followed whether any ticket of
    // the cache had a tag: one tagged ticket anywhere took ~100 px from every queue's subject
    // at 1440 px while the rows shown had no tag (audit 11, D7; docs/tags-and-views.md).
    QAction *tagsColumnAction() const { return m_tagsColumn; }
    void setTickInterval(int ms) { m_tick.setInterval(ms); }
    bool isTicking() const { return m_tick.isActive(); }

public slots:
    // One countdown tick: the model takes the time and signals the visible countdown cells.
    void tick();

signals:
    void currentTicketChanged(const QString &ticketId);
    // Select all waits for the rest of the queue, or has it now.
    void selectingAllChanged(bool pending);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    // A font or style change (the system font size, the desk's own) fits the columns and rows
    // again: their widths are measured in the font in use.
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scrollToRow(const QModelIndex &index);
    void showTagsColumn(bool shown);
    void retranslateUi();
    void rememberSelection();
    void restoreSelection();

    // `height`: the lines' room, two lines of the language's text when 0.
    int textWidth(const QStringList &texts, const QFont &font, int height = 0) const;
public:
    // How a column's texts may break at a width, as the delegate wraps them: only between
    // words (Chinese names have no spaces: not between two Han characters), or anywhere but
    // leaving one character alone on the last line.
    enum class BreakRule { BetweenWords, NoLoneCharacter };
    static bool breaksBetweenWords(const QString &text, const QFont &font, int width,
                                   BreakRule rule);
private:
    int widenForWords(const QStringList &texts, const QFont &font, int width,
                      BreakRule rule) const;
    // Sets the column to the wider of `contents` and its title, unless it has that width
    // from the last fit already (a column the user resized keeps its width).
    void fitColumn(int column, int contents);
    void fitCustomerColumn(const QStringList &texts, int margin);
    void fitBadge();
    // Sets the fitted widths, narrowed to the room, where they changed since last set.
    void applyWidths();

    QueueModel *m_model = nullptr;
    QAction *m_tagsColumn = nullptr;
    QHash<int, int> m_fitted;  // column → the width that fits its texts and title
    QHash<int, int> m_applied; // column → the width last set from it (narrowed to the room)
    // restoreLayout()'s columns fitted to other texts now than when saved: their fit and the
    // width set from it then, and the user's width, taken back when both come back.
    struct SavedWidth
    {
        int fitted = 0;
        int applied = 0;
        int width = 0;
    };
    QHash<int, SavedWidth> m_savedWidths;
    int m_twoLines = 0;       // the height of two lines of text in the current language
    // The customers' names in Han characters: narrowed for the subject, the column still
    // leaves no character alone on a line (applyWidths()). A partner's line is elided instead.
    QStringList m_hanCustomers;
    int m_customerNames = 0; // the width that holds every customer's name (no partner's) whole
    bool m_partnerLines = false; // partners' tickets in the column: a line each, elided
    QTimer m_tick;
    bool m_scriptsWarmed = false;
    void placeAfterMove(int start, int destination);

    bool m_selectAllPending = false;
    bool m_allSelectedAtReset = false; // every row was selected when the model began a reset
    QString m_keptCurrent;
    // The selected rows across a reset (a filter, a merge past the row-by-row limit, a
    // reload): every one still shown is selected again, not only the current one.
    QueueModel::KeptRows m_keptRows;
    int m_keptOffset = 0; // the kept row's distance from the top, in pixels
    QString m_answered; // keepPlaceAfterAnswer()'s ticket, while it is current
    int m_answeredRow = -1; // its row before a reset
};

} // namespace SupportDesk
