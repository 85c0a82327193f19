#include "queueview.h"

#include "countdowndelegate.h"
#include "queuemodel.h"
#include "timeformat.h"

#include <QAction>
#include <QDataStream>
#include <QIODevice>
#include <QMenu>
#include <QHeaderView>
#include <QScrollBar>
#include <QTextLayout>

#include <algorithm>
#include <utility>

namespace SupportDesk {

QueueView::QueueView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    // Several rows for bulk actions (ui/bulkbar.h); J/K and a click still select one.
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    // Two lines a row, for every row alike: a long name ("Production system abnormal",
    // "Waiting on customer", "overdue 23 h 59 min") wraps instead of being cut, so the
    // columns fit beside the ticket pane at 1440 px in both languages.
    setWordWrap(true);
    setTabKeyNavigation(false);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Uniform rows: the view never measures a row's contents, whatever the queue's length.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(2 * fontMetrics().lineSpacing() + 10);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The subject takes what the other columns leave (setQueueModel): they are sized to
    // their texts, so the table fits its width without a horizontal scroll bar.
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setHighlightSections(false);
    setItemDelegate(new CountdownDelegate(this));
    m_tagsColumn = new QAction(this);
    m_tagsColumn->setObjectName(QStringLiteral("tagsColumnAction"));
    m_tagsColumn->setCheckable(true);
    connect(m_tagsColumn, &QAction::toggled, this, &QueueView::showTagsColumn);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint &at) {
                QMenu menu(this);
                menu.addAction(m_tagsColumn);
                menu.exec(horizontalHeader()->mapToGlobal(at));
            });
    retranslateUi();
    m_tick.setInterval(1000);
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &QueueView::tick);
}

void QueueView::setQueueModel(QueueModel *model)
{
    m_model = model;
    setModel(model);
    horizontalHeader()->setSortIndicator(QueueModel::CountdownColumn, Qt::AscendingOrder);
    setSortingEnabled(true);
    horizontalHeader()->setSectionResizeMode(QueueModel::SubjectColumn, QHeaderView::Stretch);
    resetColumnWidths();
    connect(model, &QueueModel::columnTextsChanged, this, &QueueView::resetColumnWidths);
    // The header's sections are made again on a reset: the agent's choice stands.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        setColumnHidden(QueueModel::TagsColumn, !m_tagsColumn->isChecked());
        // A queue brings its own order (Recently closed: newest first): the header shows it.
        const QueueModel::Sorting s = m_model->sorting();
        if (horizontalHeader()->sortIndicatorSection() != s.column
            || horizontalHeader()->sortIndicatorOrder() != s.order)
            horizontalHeader()->setSortIndicator(s.column, s.order);
    });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString id = current.isValid() ? m_model->ticketId(current.row())
                                                     : QString();
                if (id != m_answered)
                    m_answered.clear();
                emit currentTicketChanged(id);
            });
    connect(model, &QAbstractItemModel::rowsMoved, this,
            [this](const QModelIndex &, int start, int end, const QModelIndex &, int row) {
                if (start == end)
                    placeAfterMove(start, row);
            });
    // Filters reset the model: keep the current ticket (and where it sat) across the reset.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &QueueView::rememberSelection);
    // Select all on a first screen: the whole queue once it is in (bulk actions, docs/bulk.md).
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_allSelectedAtReset = m_selectAllPending && selectedCount() == m_model->rowCount();
    });
    connect(model, &QueueModel::restLoaded, this, [this] {
        if (!std::exchange(m_selectAllPending, false))
            return;
        if (m_allSelectedAtReset)
            QTableView::selectAll();
        emit selectingAllChanged(false);
    });
    connect(model, &QAbstractItemModel::modelReset, this, &QueueView::restoreSelection);
    setColumnHidden(QueueModel::TagsColumn, !m_tagsColumn->isChecked());
    if (isVisible())
        m_tick.start();
}

void QueueView::showTagsColumn(bool shown)
{
    if (!m_model || isColumnHidden(QueueModel::TagsColumn) == !shown)
        return;
    setColumnHidden(QueueModel::TagsColumn, !shown);
    applyWidths();
}

void QueueView::retranslateUi()
{
    //: View menu and the queue header's context menu: show or hide the queue's Tags column
    m_tagsColumn->setText(tr("&Tags column"));
    m_tagsColumn->setStatusTip(tr("Shows each ticket's tags in a column of the queue"));
}

void QueueView::fitBadgeColumn()
{
    fitBadge();
    applyWidths();
}

void QueueView::fitBadge()
{
    // The widest badge, in the delegate's badge font.
    QFont badgeFont = font();
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(badgeFont.pointSizeF() * 0.85);
    int badge = fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3;
    if (m_model) {
        for (const QString &text : m_model->badgeTexts())
            badge = std::max(badge, QFontMetrics(badgeFont).horizontalAdvance(text) + 20);
    }
    // Its title too: "Edition" was cut at a larger font, where the badges were narrower.
    fitColumn(QueueModel::EditionColumn, badge);
}

void QueueView::fitColumn(int column, int contents)
{
    if (!m_model)
        return;
    // A header's text inside its margins (the sort indicator may overlap the last letters of
    // the one sorted column; a wider header on every column would cost the subject).
    const int headerExtra = 2 * style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, this) + 4;
    const QString title = m_model->headerData(column, Qt::Horizontal).toString();
    m_fitted.insert(column, std::max(contents, QFontMetrics(horizontalHeader()->font())
                                                       .horizontalAdvance(title)
                                               + headerExtra));
}

int QueueView::subjectFloor() const
{
    return fontMetrics().averageCharWidth() * 16;
}

// The fitted widths, narrowed where the queue has not the room for them and the subject's
// floor: the word columns give way in proportion to what each has above a few letters, their
// texts elided (the cell's tooltip has the whole text; CountdownDelegate::helpEvent). The
// edition badge and the time left keep theirs. Before the view is shown there is no room to
// measure: the fitted widths stand.
void QueueView::applyWidths()
{
    if (!m_model)
        return;
    QHash<int, int> target = m_fitted;
    const int room = isVisible() ? viewport()->width() : 0;
    int others = 0;
    for (auto it = target.cbegin(); it != target.cend(); ++it) {
        if (!isColumnHidden(it.key()))
            others += it.value();
    }
    // The subject is free text and the customer a name, both elided with a tooltip; the word
    // columns hold whole words. So the subject is never narrower than a word column: the
    // customer gives it the room first (in English at 1400 px the subject had 100 px beside a
    // severity of 116, "Usage consultation" on two lines and each subject cut after two).
    int wordFloor = subjectFloor();
    for (const int column : { QueueModel::SeverityColumn, QueueModel::ChannelColumn,
                              QueueModel::StatusColumn, QueueModel::AssigneeColumn,
                              QueueModel::CountdownColumn, QueueModel::EditionColumn }) {
        if (!isColumnHidden(column))
            wordFloor = std::max(wordFloor, target.value(column));
    }
    // And of the room the two share, the customer keeps a third at most, down to its names
    // whole in two lines and 8 letters: the subject is what an agent reads a ticket by (in
    // English at 1440 px it had 140 px beside a customer of 178, about the severity's width;
    // audit 11). Two fifths where partners' tickets are in it: a partner and its sub-client
    // take a line each, elided (the tooltip has them whole), and at a third beside the pane in
    // 中文 they read "Northwind …" / "› Nor…ent 3" while the subject had 247 px.
    if (room > 0 && !isColumnHidden(QueueModel::CustomerColumn)) {
        const int customer = target.value(QueueModel::CustomerColumn);
        const int customerLeast = std::min(
                customer, std::max(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8,
                                   m_customerNames));
        const int shared = room - others + customer;
        const int share = m_partnerLines ? shared * 2 / 5 : shared / 3;
        int keep = std::min(customer, std::max(customerLeast, share));
        // Short of the word columns' widest, the names give more, down to 8 letters (they
        // may be cut there: a larger font, a narrow window).
        const bool short_ = shared - keep < wordFloor;
        if (short_) {
            const int least = std::min(customer,
                                       fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
            keep = std::min(keep, std::max(least, shared - wordFloor));
        }
        // A Chinese name leaves no character alone on its last line ("…电商工作" / "室"): a
        // width a character or two narrower, else wider (at most the column's fit).
        const int margin = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr,
                                                     this) + 1) + 6;
        const auto whole = [&](int width) {
            return std::all_of(m_hanCustomers.cbegin(), m_hanCustomers.cend(),
                               [&](const QString &name) {
                                   return breaksBetweenWords(name, font(), width - margin,
                                                             BreakRule::NoLoneCharacter);
                               });
        };
        if (!short_ && keep < customer && !whole(keep)) {
            const int step = std::max(1, fontMetrics().horizontalAdvance(QChar(0x5de5))); // 工
            int narrower = keep - step;
            while (narrower >= customerLeast && !whole(narrower))
                narrower -= step;
            int wider = keep + step;
            while (narrower < customerLeast && wider < customer && !whole(wider))
                wider += step;
            keep = narrower >= customerLeast ? narrower : std::min(wider, customer);
        }
        target[QueueModel::CustomerColumn] = keep;
        others -= customer - keep;
    }
    int over = subjectFloor() - room + others;
    if (room > 0 && over > 0) {
        // Three letters' room at the least: at 1.5 times the system font, with the pane and the
        // queue list as wide as their words, four left the subject 12 px under its floor.
        const int least = fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3;
        const int giving[] = { QueueModel::CustomerColumn, QueueModel::SeverityColumn,
                               QueueModel::ChannelColumn,  QueueModel::AssigneeColumn,
                               QueueModel::StatusColumn,   QueueModel::UpdatedColumn,
                               QueueModel::TagsColumn };
        const auto spareOf = [&](int column) {
            return isColumnHidden(column) ? 0 : std::max(0, target.value(column) - least);
        };
        int spare = 0;
        for (const int column : giving)
            spare += spareOf(column);
        const int take = std::min(over, spare);
        int left = take;
        for (const int column : giving) {
            const int give = spare > 0 ? int(qint64(spareOf(column)) * take / spare) : 0;
            target[column] -= give;
            left -= give;
        }
        for (const int column : giving) { // the rounding's few pixels
            const int give = std::min(left, spareOf(column));
            target[column] -= give;
            left -= give;
        }
    }
    for (auto it = target.cbegin(); it != target.cend(); ++it) {
        const int column = it.key();
        // Only what changed: a column the user resized keeps its width.
        if (m_applied.value(column, -1) == it.value())
            continue;
        m_applied.insert(column, it.value());
        // Back to what it was when the layout was saved (the names a sync brings in after
        // the window opened): the user's width from then.
        const auto saved = m_savedWidths.constFind(column);
        if (saved != m_savedWidths.cend() && saved->fitted == m_fitted.value(column)
            && saved->applied == it.value()) {
            setColumnWidth(column, saved->width);
            m_savedWidths.erase(saved);
            continue;
        }
        setColumnWidth(column, it.value());
    }
}

void QueueView::resizeEvent(QResizeEvent *event)
{
    QTableView::resizeEvent(event);
    applyWidths();
}

namespace {
// saveLayout()'s format: these, the header's own state, then the fitted widths.
constexpr quint32 LayoutMagic = 0x51564c59; // "QVLY"
// 3: the Tags column's hidden state is the agent's choice; version 2 and bare states hid or
// showed it by whether any ticket had a tag, so it starts hidden from those.
constexpr quint32 LayoutVersion = 3;
} // namespace

QByteArray QueueView::saveLayout() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << LayoutMagic << LayoutVersion << horizontalHeader()->saveState() << m_fitted
           << m_applied;
    return state;
}

bool QueueView::restoreLayout(const QByteArray &state)
{
    QDataStream stream(state);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    stream >> magic >> version;
    QByteArray header = state; // a bare QHeaderView state, as saved before
    QHash<int, int> fitted, applied;
    const bool known = magic == LayoutMagic;
    if (known) {
        if (version != LayoutVersion && version != 2)
            return false;
        stream >> header >> fitted >> applied;
        if (stream.status() != QDataStream::Ok)
            return false;
    }
    if (!horizontalHeader()->restoreState(header))
        return false;
    // The widths fitted now against those fitted when the state was saved: where a column's
    // texts, their font or the language changed since, the column takes its new fit (and the
    // user's width comes back if a later fit is the saved one); else the user's width stays
    // while the room gives the column what it gave then. A bare state does not say: a width
    // narrower than the fit is raised.
    m_savedWidths.clear();
    for (auto it = m_fitted.cbegin(); it != m_fitted.cend(); ++it) {
        const int column = it.key();
        if (!known) {
            m_applied.remove(column);
            if (columnWidth(column) >= it.value())
                m_applied.insert(column, it.value());
            continue;
        }
        if (fitted.value(column, -1) == it.value() && applied.contains(column)) {
            m_applied.insert(column, applied.value(column));
            continue;
        }
        if (fitted.contains(column) && applied.contains(column))
            m_savedWidths.insert(column, { fitted.value(column), applied.value(column),
                                           columnWidth(column) });
        m_applied.remove(column);
    }
    if (!known || version < LayoutVersion)
        setColumnHidden(QueueModel::TagsColumn, true);
    {
        const QSignalBlocker blocker(m_tagsColumn);
        m_tagsColumn->setChecked(!isColumnHidden(QueueModel::TagsColumn));
    }
    applyWidths();
    return true;
}

void QueueView::changeEvent(QEvent *event)
{
    QTableView::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    // The view's font changes after its children's (the header's) have: both are in.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        resetColumnWidths();
}

// The narrowest width at which each text fits in two lines, word-wrapped as the delegates
// wrap it (CJK text may break between any two characters).
int QueueView::textWidth(const QStringList &texts, const QFont &font, int height) const
{
    const QFontMetrics metrics(font);
    const int twoLines = height > 0 ? height : m_twoLines;
    const auto fits = [&](const QString &text, int width) {
        const QRect r = metrics.boundingRect(QRect(0, 0, width, 10 * twoLines),
                                             Qt::TextWordWrap, text);
        return r.height() <= twoLines && r.width() <= width;
    };
    int widest = 0;
    for (const QString &text : texts) {
        int high = metrics.horizontalAdvance(text) + 1;
        if (high <= widest || fits(text, widest))
            continue;
        int low = std::max(widest, high / 2 - 1);
        while (low + 1 < high) { // fits(high), not fits(low)
            const int mid = (low + high) / 2;
            (fits(text, mid) ? high : low) = mid;
        }
        widest = std::max(widest, high);
    }
    return widest;
}

namespace {
bool isHan(QChar c)
{
    return c.script() == QChar::Script_Han;
}
} // namespace

bool QueueView::breaksBetweenWords(const QString &text, const QFont &font, int width,
                                   BreakRule rule)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    QTextLayout layout(text, font);
    layout.setTextOption(option);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine())
        line.setLineWidth(width);
    layout.endLayout();
    for (int i = 1; i < layout.lineCount(); ++i) {
        const int start = layout.lineAt(i).textStart();
        // Chinese has no spaces: a break between two characters of a name splits a word
        // ("使用咨/询"). Latin text breaks at spaces, hyphens and slashes only.
        if (rule == BreakRule::BetweenWords && start > 0 && isHan(text.at(start - 1))
            && isHan(text.at(start)))
            return false;
    }
    if (rule == BreakRule::NoLoneCharacter && layout.lineCount() > 1) {
        const QTextLine last = layout.lineAt(layout.lineCount() - 1);
        const QString tail = text.mid(last.textStart(), last.textLength()).trimmed();
        if (tail.size() == 1 && isHan(tail.at(0)))
            return false; // "南京小麦电商工作" / "室"
    }
    return true;
}

// Wider than `width` where a text would break inside a word (or leave one character on its
// last line): such a text is given the width that holds it on one line, and the others are
// looked at again at that width. `width` is the text's room before the cell's air, as
// textWidth() measures it: a widened name keeps the air the other columns keep ("IM 企业群"
// reached the column's edge when it was given the air too).
int QueueView::widenForWords(const QStringList &texts, const QFont &font, int width,
                             BreakRule rule) const
{
    const QFontMetrics metrics(font);
    for (bool widened = true; widened;) {
        widened = false;
        for (const QString &text : texts) {
            if (!std::any_of(text.cbegin(), text.cend(), isHan))
                continue;
            if (breaksBetweenWords(text, font, width, rule))
                continue;
            const int whole = metrics.horizontalAdvance(text) + 1;
            if (whole > width) {
                width = whole;
                widened = true;
            }
        }
    }
    return width;
}

void QueueView::resetColumnWidths()
{
    if (!m_model)
        return;
    // Two lines as the language writes them: Chinese falls back to a CJK font whose lines
    // are taller than the Latin font's (18 px against 14 here), so the rows follow it.
    const QString twoLines = m_model->language() == Language::Chinese
        ? QStringLiteral("工单\n工单")
        : QStringLiteral("Ag\nAg");
    m_twoLines = std::max(2 * fontMetrics().lineSpacing(),
                          fontMetrics().boundingRect(QRect(0, 0, 1000, 1000), 0, twoLines).height());
    verticalHeader()->setDefaultSectionSize(m_twoLines + 10);
    horizontalHeader()->setMinimumSectionSize(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 3);
    fitBadge();
    // The item delegate's text margins, both sides, and a little air.
    const int textMargin
        = 2 * (style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, this) + 1);
    const int margin = textMargin + 6;
    QFont bold = font();
    bold.setBold(true);
    // The countdown as the delegate paints it: bold at risk or breached, 4 px inside the cell.
    fitColumn(QueueModel::CountdownColumn, textWidth(TimeFormat::widestCountdowns(), bold) + 12);
    for (const int column : {QueueModel::SeverityColumn, QueueModel::CustomerColumn,
                             QueueModel::ChannelColumn, QueueModel::AssigneeColumn,
                             QueueModel::StatusColumn}) {
        const QStringList texts = m_model->columnTexts(column);
        if (column == QueueModel::CustomerColumn) {
            fitCustomerColumn(texts, margin);
            continue;
        }
        // A short word column fits its longest word ("使用咨询", not "使用咨/询").
        fitColumn(column, widenForWords(texts, font(), textWidth(texts, font()),
                                        BreakRule::BetweenWords)
                                  + margin);
    }
    // Tags: a few letters' room (a ticket's tags are read whole in the pane), when the agent
    // shows the column (tagsColumnAction()).
    fitColumn(QueueModel::TagsColumn, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 6 + margin);
    // "11:59 PM" today, a date before.
    const QDateTime sample(QDate(2026, 12, 28), QTime(23, 58), Qt::UTC);
    fitColumn(QueueModel::UpdatedColumn,
        textWidth({TimeFormat::timeOrDate(sample, sample),
                   TimeFormat::timeOrDate(sample, sample.addDays(40))},
                  font())
            + margin);
    applyWidths();
}

// The customer column: a customer's name word-wrapped in the row's two lines, never leaving
// one character alone on its last; a partner on one line and its sub-client on the next, each
// elided where the column is narrower (CountdownDelegate::customerCellText()).
void QueueView::fitCustomerColumn(const QStringList &texts, int margin)
{
    const BreakRule rule = BreakRule::NoLoneCharacter;
    QStringList names;
    int partnerLines = 0;
    m_hanCustomers.clear();
    for (const QString &text : texts) {
        const QStringList lines = CountdownDelegate::customerLines(text);
        if (lines.size() > 1) {
            for (const QString &line : lines)
                partnerLines = std::max(partnerLines, fontMetrics().horizontalAdvance(line) + 1);
            continue;
        }
        names.append(text);
        if (std::any_of(text.cbegin(), text.cend(), isHan))
            m_hanCustomers.append(text);
    }
    names.removeDuplicates();
    m_partnerLines = partnerLines > 0;
    int widest = std::max(partnerLines, widenForWords(names, font(), textWidth(names, font()),
                                                       rule)) + margin;
    // The names whole, the column narrows for the subject down to these (applyWidths()); a
    // partner's line is elided there, its tooltip has it.
    // The narrowest two-line width, a character wider at a time while a Chinese name would
    // leave one alone ("…电商工作" / "室"), else each such name on one line. In the row's
    // height: in English two lines of Chinese are taller than two of Latin (the Latin fit gave
    // each Chinese name a line of its own) but fit the row.
    const int rowText = verticalHeader()->defaultSectionSize();
    const int whole = widenForWords(names, font(), textWidth(names, font(), rowText), rule);
    const int step = std::max(1, fontMetrics().horizontalAdvance(QChar(0x5de5))); // 工
    int fit = textWidth(names, font(), rowText);
    while (fit < whole && !std::all_of(names.cbegin(), names.cend(), [&](const QString &name) {
               return breaksBetweenWords(name, font(), fit, rule);
           }))
        fit += step;
    m_customerNames = std::min(fit, whole) + margin;
    // A very long customer name is cut (its tooltip has it) rather than the subject.
    widest = std::min(widest, fontMetrics().horizontalAdvance(QLatin1Char('M')) * 18);
    fitColumn(QueueModel::CustomerColumn, widest);
}

// Scrolls the row into view without moving the columns sideways.
void QueueView::scrollToRow(const QModelIndex &index)
{
    const int x = horizontalScrollBar()->value();
    scrollTo(index);
    horizontalScrollBar()->setValue(x);
}

QPair<int, int> QueueView::visibleRows() const
{
    if (!m_model || m_model->rowCount() == 0)
        return { -1, -1 };
    const int first = rowAt(0);
    if (first < 0)
        return { -1, -1 };
    int last = rowAt(viewport()->height() - 1);
    if (last < 0)
        last = m_model->rowCount() - 1;
    return { first, last };
}

void QueueView::tick()
{
    if (!m_model)
        return;
    const auto [first, last] = visibleRows();
    if (first >= 0)
        m_model->tickCountdown(first, last);
}

// A change to the countdown column alone (the tick) repaints those cells, not the viewport.
void QueueView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                            const QList<int> &roles)
{
    if (topLeft.isValid() && bottomRight.isValid() && topLeft.column() == bottomRight.column()
        && topLeft.column() == QueueModel::CountdownColumn
        && !isColumnHidden(QueueModel::CountdownColumn)) {
        const int x = columnViewportPosition(QueueModel::CountdownColumn);
        const int top = rowViewportPosition(topLeft.row());
        const int bottom = rowViewportPosition(bottomRight.row()) + rowHeight(bottomRight.row());
        const QRect rect = QRect(x, top, columnWidth(QueueModel::CountdownColumn), bottom - top)
                               .intersected(viewport()->rect());
        if (!rect.isEmpty())
            viewport()->update(rect);
        return;
    }
    // The answered ticket's row was read again where it was: the move keepPlaceAfterAnswer()
    // waits for did not come (the queue's order does not depend on the answer). A refresh of
    // some columns (names after a sync) is not that.
    if (!m_answered.isEmpty() && topLeft.column() == 0
        && bottomRight.column() == model()->columnCount() - 1
        && topLeft.row() <= currentIndex().row() && currentIndex().row() <= bottomRight.row())
        m_answered.clear();
    QTableView::dataChanged(topLeft, bottomRight, roles);
}

void QueueView::showEvent(QShowEvent *event)
{
    QTableView::showEvent(event);
    if (!m_scriptsWarmed) {
        // The first Chinese text measured loads the CJK fallback fonts (~20 M instructions):
        // in an event of its own once the desk is shown, not inside the first fit of the
        // customers' names at the end of the initial sync (bench_desk_sync's longest event).
        m_scriptsWarmed = true;
        QTimer::singleShot(0, this, [this] {
            fontMetrics().horizontalAdvance(QStringLiteral("工单客户"));
        });
    }
    if (m_model)
        m_tick.start();
}

void QueueView::hideEvent(QHideEvent *event)
{
    m_tick.stop();
    QTableView::hideEvent(event);
}

QString QueueView::currentTicketId() const
{
    const QModelIndex current = currentIndex();
    return current.isValid() && m_model ? m_model->ticketId(current.row()) : QString();
}

// From the selection's row ranges, in row order: selectedRows() made an index of every
// selected row and checked each through a set of the rows seen (124 ms of the GUI thread for
// Select all over 150,000 rows of a million-ticket cache, before a bulk action could start).
QueueModel::RowSpans QueueView::selectedSpans() const
{
    QueueModel::RowSpans merged;
    if (!m_model)
        return merged;
    // Whole rows only (a range that does not start at the first column is part of a row, as
    // selectedRows() leaves it out), merged where ranges overlap.
    const QItemSelection selection = selectionModel()->selection();
    QueueModel::RowSpans spans;
    spans.reserve(selection.size());
    for (const QItemSelectionRange &range : selection) {
        if (range.left() == 0 && range.right() == m_model->columnCount() - 1)
            spans.append({ range.top(), range.bottom() });
    }
    std::sort(spans.begin(), spans.end());
    for (const auto &[top, bottom] : std::as_const(spans)) {
        if (!merged.isEmpty() && top <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, bottom);
        else
            merged.append({ top, bottom });
    }
    return merged;
}

// A string per ticket: 39.5 ms for 150,000 rows (a million-ticket cache's All open), so an
// action takes selectedTickets() instead.
QStringList QueueView::selectedTicketIds() const
{
    return selectedTicketIdList().toStrings();
}

TicketIdList QueueView::selectedTicketIdList() const
{
    return m_model ? m_model->ticketIds(selectedSpans()) : TicketIdList();
}

std::unique_ptr<TicketIdSource> QueueView::selectedTickets() const
{
    if (!m_model)
        return std::make_unique<TicketIdListSource>(TicketIdList());
    return m_model->ticketsOf(selectedSpans());
}

int QueueView::selectedCount() const
{
    // Row selections are whole-row ranges: their heights, without an index per row (Ctrl+A
    // on a queue of a million tickets).
    int count = 0;
    const QItemSelection selection = selectionModel()->selection();
    for (const QItemSelectionRange &range : selection) {
        if (range.left() == 0)
            count += range.height();
    }
    return count;
}

void QueueView::selectAll()
{
    QTableView::selectAll();
    const bool pending = m_model && m_model->isLoadingRest();
    if (pending != std::exchange(m_selectAllPending, pending))
        emit selectingAllChanged(pending);
}

bool QueueView::selectTicket(const QString &ticketId)
{
    if (!m_model)
        return false;
    const int row = m_model->rowOfTicket(ticketId);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, 0);
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollToRow(index);
    return true;
}

void QueueView::moveCurrent(int delta)
{
    if (!m_model || m_model->rowCount() == 0)
        return;
    const QModelIndex current = currentIndex();
    const int row
        = current.isValid() ? std::clamp(current.row() + delta, 0, m_model->rowCount() - 1) : 0;
    const QModelIndex index = m_model->index(row, current.isValid() ? current.column() : 0);
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
}

void QueueView::keepPlaceAfterAnswer(const QString &ticketId)
{
    if (!ticketId.isEmpty() && ticketId == currentTicketId())
        m_answered = ticketId;
}

// After the model moved one row from `start` to before `destination`: when that row is the
// ticket the agent just answered and it went down, the ticket now in its old place becomes
// current. (The selection model has already followed the moved row.)
void QueueView::placeAfterMove(int start, int destination)
{
    if (m_answered.isEmpty() || currentTicketId() != m_answered)
        return;
    m_answered.clear();
    if (destination <= start || !m_model || start >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(start, std::max(0, currentIndex().column()));
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollToRow(index);
}

void QueueView::rememberSelection()
{
    m_keptCurrent = currentTicketId();
    m_keptOffset = 0;
    m_answeredRow = -1;
    // Every selected row, not only the current one: the reset clears the selection model, and
    // a bulk action's rows coming back from the server (a merge past the row-by-row limit, a
    // re-read) left one row selected and hid the bulk bar.
    m_keptRows = m_model ? m_model->keepRows(selectedSpans()) : QueueModel::KeptRows();
    if (!m_keptCurrent.isEmpty())
        m_keptOffset = rowViewportPosition(currentIndex().row());
    if (!m_answered.isEmpty() && m_answered == m_keptCurrent)
        m_answeredRow = currentIndex().row();
}

void QueueView::restoreSelection()
{
    const QString kept = m_keptCurrent;
    m_keptCurrent.clear();
    const int answeredRow = std::exchange(m_answeredRow, -1);
    const QueueModel::KeptRows keptRows = std::exchange(m_keptRows, QueueModel::KeptRows());
    if (!m_model)
        return;
    const QueueModel::RowSpans spans = m_model->rowsOf(keptRows);
    int row = kept.isEmpty() ? -1 : m_model->rowOfTicket(kept);
    // The answered ticket went down or out of the queue: its old place, as after a move.
    if (answeredRow >= 0 && (row < 0 || row > answeredRow) && m_model->rowCount() > 0) {
        m_answered.clear();
        row = std::min(answeredRow, m_model->rowCount() - 1);
    }
    // The other selected rows still shown, as they were (the current one need not be among
    // them: Ctrl-click may have taken it out).
    const bool onlyCurrent = spans.isEmpty()
            || (spans.size() == 1 && spans.first().first == spans.first().second
                && spans.first().first == row);
    if (!onlyCurrent) {
        const int last = m_model->columnCount() - 1;
        QItemSelection selection;
        for (const auto &[top, bottom] : spans)
            selection.append(QItemSelectionRange(m_model->index(top, 0),
                                                 m_model->index(bottom, last)));
        selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    }
    if (kept.isEmpty())
        return;
    if (row < 0) {
        emit currentTicketChanged(QString());
        return;
    }
    const QModelIndex index = m_model->index(row, 0);
    selectionModel()->setCurrentIndex(
        index, onlyCurrent ? QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows
                           : QItemSelectionModel::NoUpdate);
    // Where it sat before, when that is still on screen; else just into view.
    executeDelayedItemsLayout();
    updateGeometries();
    const int target = row * rowHeight(row) - m_keptOffset;
    if (m_keptOffset >= 0 && m_keptOffset < viewport()->height())
        verticalScrollBar()->setValue(std::max(0, target));
    else
        scrollToRow(index);
}

} // namespace SupportDesk
