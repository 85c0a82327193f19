#include "attainmentpanel.h"

#include "columnfit.h"

#include "desksession.h"
#include "domain.h"
#include "leadboardmodel.h"
#include "leadboardtables.h"
#include "servicereportexport.h"
#include "timeformat.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QValueAxis>

namespace SupportDesk {

AttainmentPanel::AttainmentPanel(LeadBoardModel *board, QWidget *parent)
    : QWidget(parent),
      m_board(board),
      m_model(new AttainmentModel(board, this)),
      m_serverLine(new QLabel(this)),
      m_periods(new QButtonGroup(this)),
      m_overall(new QLabel(this)),
      m_view(new QTableView(this)),
      m_trend(new QChart),
      m_trendSeries(new QLineSeries),
      m_trendX(new QDateTimeAxis),
      m_trendY(new QValueAxis),
      m_histogram(new QChart),
      m_histogramSeries(new QBarSeries),
      m_histogramSet(new QBarSet(QString())),
      m_histogramX(new QBarCategoryAxis),
      m_histogramY(new QValueAxis)
{
    auto *periods = new QHBoxLayout;
    for (int p = 0; p < AttainmentFigures::PeriodCount; ++p) {
        m_buttons[p] = new QToolButton(this);
        m_buttons[p]->setCheckable(true);
        m_buttons[p]->setAutoRaise(true);
        m_periods->addButton(m_buttons[p], p);
        periods->addWidget(m_buttons[p]);
    }
    m_buttons[0]->setChecked(true);
    periods->addSpacing(12);
    periods->addWidget(m_overall, 1);
    connect(m_periods, &QButtonGroup::idClicked, this, [this](int p) {
        m_model->setPeriod(AttainmentFigures::Period(p));
        refresh();
        fetch();
    });
    m_serverLine->setObjectName(QStringLiteral("attainmentServerLine"));
    m_serverLine->setWordWrap(true);
    m_serverLine->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::Alignment(Qt::AlignCenter | Qt::TextWordWrap));
    // Each severity's column as wide as its shares and its title in two lines, the rest shared
    // out; narrower, the table scrolls (ColumnFit, the desk's one rule; stretched, the titles
    // were cut at 1024 px).
    m_fit = new ColumnFit(m_view, m_view->horizontalHeader());
    m_fit->setTitlesInTwoLines(true);
    m_view->horizontalHeader()->setMinimumHeight(m_view->fontMetrics().lineSpacing() * 2 + 8);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    // Attainment over time: one point per day with decided tickets.
    m_trend->addSeries(m_trendSeries);
    m_trend->addAxis(m_trendX, Qt::AlignBottom);
    m_trend->addAxis(m_trendY, Qt::AlignLeft);
    m_trendSeries->attachAxis(m_trendX);
    m_trendSeries->attachAxis(m_trendY);
    m_trendSeries->setPointsVisible(true);
    m_trendY->setRange(0, 100);
    m_trendY->setLabelFormat(QStringLiteral("%d"));
    m_trendX->setTickCount(6);
    m_trend->legend()->hide();
    auto *trendView = new QChartView(m_trend, this);
    trendView->setRenderHint(QPainter::Antialiasing);
    trendView->setMinimumHeight(220);

    // First-response times in buckets.
    m_histogramSeries->append(m_histogramSet);
    m_histogram->addSeries(m_histogramSeries);
    m_histogram->addAxis(m_histogramX, Qt::AlignBottom);
    m_histogram->addAxis(m_histogramY, Qt::AlignLeft);
    m_histogramSeries->attachAxis(m_histogramX);
    m_histogramSeries->attachAxis(m_histogramY);
    m_histogramY->setLabelFormat(QStringLiteral("%d"));
    QFont small = m_histogramX->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_histogramX->setLabelsFont(small);
    m_histogram->legend()->hide();
    auto *histogramView = new QChartView(m_histogram, this);
    histogramView->setRenderHint(QPainter::Antialiasing);
    histogramView->setMinimumHeight(220);

    auto *charts = new QHBoxLayout;
    charts->addWidget(trendView);
    charts->addWidget(histogramView);
    auto *chartsBox = new QWidget(this);
    chartsBox->setLayout(charts);
    charts->setContentsMargins(0, 0, 0, 0);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(chartsBox);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(periods);
    layout->addWidget(m_serverLine);
    layout->addWidget(splitter, 1);

    connect(board, &LeadBoardModel::boardChanged, this, &AttainmentPanel::refresh);
    connect(board, &LeadBoardModel::boardChanged, this, &AttainmentPanel::fetch);
    retranslateUi();
}

QString AttainmentPanel::overallText() const
{
    return m_overall->text();
}

QStringList AttainmentPanel::bucketLabels() const
{
    // "0–5 min", "5–15 min", "30 min–1 h", "1–2 h", "8 h+", from the model's edges: short,
    // for seven categories side by side (and no "<": chart labels are rich text).
    const QVector<int> &edges = m_board->attainment().histogramEdges;
    QStringList labels;
    if (edges.isEmpty())
        return labels;
    for (int i = 0; i <= edges.size(); ++i) {
        if (i == edges.size())
            //: the last first-response bucket, e.g. "8 h+" (8 hours or more)
            labels.append(tr("%1+").arg(TimeFormat::target(edges.last())));
        else
            labels.append(TimeFormat::minutesRange(i == 0 ? 0 : edges.at(i - 1), edges.at(i)));
        // A range across units ("30 分钟–1 小时") is wider than a category at 1440 px and
        // was cut ("30 分钟–1 …"): it takes two lines, broken after the dash.
        if (labels.last().count(QChar(u'–')) == 1 && labels.last().count(QLatin1Char(' ')) >= 2)
            labels.last().replace(QChar(u'–'), QStringLiteral("–<br>"));
    }
    return labels;
}

void AttainmentPanel::refresh()
{
    const AttainmentFigures &a = m_board->attainment();
    const AttainmentCell &overall = a.periods[m_model->period()].overall;
    const QLocale locale;
    m_overall->setText(
            overall.decided() == 0
                    ? tr("Overall: no ticket decided yet in this period")
                    //: %1 share, %2 tickets answered within target, %3 decided tickets
                    : tr("Overall: %1 (%2 of %3 answered within target)")
                              .arg(ServiceReportExport::share(overall, currentLanguage()),
                                   locale.toString(overall.inTime),
                                   locale.toString(overall.decided())));

    // The days are the team zone's; the axis labels its values in the machine's local time,
    // so each day is placed at local noon of the same date.
    QList<QPointF> points;
    for (const DayAttainment &d : a.daily) {
        if (d.cell.decided() > 0)
            points.append({double(QDateTime(d.day, QTime(12, 0)).toMSecsSinceEpoch()),
                           d.cell.share() * 100.0});
    }
    m_trendSeries->replace(points);
    if (!a.daily.isEmpty())
        m_trendX->setRange(QDateTime(a.daily.first().day, QTime(0, 0)),
                           QDateTime(a.daily.last().day, QTime(23, 59)));

    int top = 0;
    if (m_histogramSet->count() != a.histogram.size()) {
        m_histogramSet->remove(0, m_histogramSet->count());
        for (int n : a.histogram)
            m_histogramSet->append(n);
    } else {
        for (int i = 0; i < a.histogram.size(); ++i)
            m_histogramSet->replace(i, a.histogram.at(i));
    }
    for (int n : a.histogram)
        top = std::max(top, n);
    m_histogramY->setRange(0, std::max(1, top));
    m_histogramY->applyNiceNumbers();
    fitColumns();
}

void AttainmentPanel::fitColumns()
{
    for (int column = 0; column < m_model->columnCount(); ++column) {
        int width = 0;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, column);
            const QVariant font = index.data(Qt::FontRole); // the total's bold
            const QFontMetrics metrics = font.isValid() ? QFontMetrics(font.value<QFont>())
                                                        : m_view->fontMetrics();
            width = std::max(width,
                             ColumnFit::cellWidth(m_view, metrics, index.data().toString()));
        }
        m_fit->setContentWidth(column, width);
    }
    m_fit->fit();
}

// A request's answer is continued on this widget (`then(this, …)`): one that arrived and waits in
// the event queue is dropped when the widget goes, and dropping it cancels the continuation's
// future, whose onCanceled handler runs at once. Dropped here, while the widget is whole: in
// ~QWidget (which drops them too) the handler ran on a widget whose children were gone (a
// SIGSEGV in updateServerText seen in tst_accessibility).
AttainmentPanel::~AttainmentPanel()
{
    QCoreApplication::removePostedEvents(this);
}

void AttainmentPanel::setSession(DeskSession *session)
{
    m_session = session;
    if (session) {
        // Back online (or the first sync done): the server's figures are asked again.
        connect(session, &DeskSession::syncStateChanged, this, [this] {
            if (!m_server && !m_fetching)
                fetch();
            else
                updateServerText();
        });
    }
    fetch();
}

QString AttainmentPanel::serverText() const
{
    return m_serverLine->text();
}

void AttainmentPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    fetch();
}

void AttainmentPanel::fetch()
{
    // Asked only while shown: the route reads every ticket created in the period.
    if (!m_session || !isVisible())
        return;
    if (!m_session->isOnline()) {
        updateServerText();
        return;
    }
    if (m_fetching) {
        m_fetchAgain = true;
        return;
    }
    // The window the board counts: from the start of the period's first day in the team's
    // zone to the start of tomorrow there (tickets created in [from, to)).
    static const int periodDays[AttainmentFigures::PeriodCount] = { 1, 7, 30 };
    const int period = m_model->period();
    const QTimeZone zone = m_board->teamZone();
    const QDate today = m_board->now().toTimeZone(zone).date();
    const QDateTime from(today.addDays(1 - periodDays[period]), QTime(0, 0), zone);
    const QDateTime to(today.addDays(1), QTime(0, 0), zone);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), Json::timestamp(from.toUTC()));
    query.addQueryItem(QStringLiteral("to"), Json::timestamp(to.toUTC()));
    m_fetching = true;
    m_fetchAgain = false;
    m_session->request("GET", QStringLiteral("/reports/attainment?")
                               + query.toString(QUrl::FullyEncoded))
            .then(this, [this, period](const TransportResponse &r) {
                m_fetching = false;
                const QJsonObject body = QJsonDocument::fromJson(r.body).object();
                const QJsonObject overall = body.value(QStringLiteral("overall")).toObject();
                if (r.status == 200 && overall.value(QStringLiteral("decided")).isDouble()) {
                    ServerFigures f;
                    f.answered = overall.value(QStringLiteral("answered")).toInt();
                    f.inTime = overall.value(QStringLiteral("in_time")).toInt();
                    f.breachedOpen = overall.value(QStringLiteral("breached_open")).toInt();
                    f.decided = overall.value(QStringLiteral("decided")).toInt();
                    f.from = Json::parseTimestamp(body.value(QStringLiteral("from")).toString());
                    f.to = Json::parseTimestamp(body.value(QStringLiteral("to")).toString());
                    f.at = QDateTime::currentDateTimeUtc();
                    m_server = f;
                    m_serverPeriod = period;
                    m_fetchError.clear();
                } else {
                    m_server.reset();
                    m_fetchError = r.status == 0 ? r.error
                            : r.status == 200    ? tr("the answer could not be read")
                                                 : tr("the server answered %1").arg(r.status);
                }
                if (m_fetchAgain || period != m_model->period())
                    fetch();
                updateServerText();
            })
            .onCanceled(this, [this] {
                m_fetching = false; // the session stopped under it
                updateServerText();
            });
    updateServerText();
}

void AttainmentPanel::updateServerText()
{
    const bool current = m_server && m_serverPeriod == m_model->period();
    if (current) {
        const ServerFigures &f = *m_server;
        const QLocale locale;
        AttainmentCell cell;
        cell.answered = f.answered;
        cell.inTime = f.inTime;
        cell.breachedOpen = f.breachedOpen;
        m_serverLine->setText(
                f.decided == 0
                        //: %1 a time of day
                        ? tr("The server: no ticket decided yet in this period (as of %1).")
                                  .arg(TimeFormat::time(f.at))
                        //: the server's own count of the period, beside the desk's; %1 share,
                        //: %2 answered within target, %3 decided tickets, %4 a time of day
                        : tr("The server: %1 (%2 of %3 answered within target), as of %4.")
                                  .arg(ServiceReportExport::share(cell, currentLanguage()),
                                       locale.toString(f.inTime), locale.toString(f.decided),
                                       TimeFormat::time(f.at)));
    } else if (!m_session) {
        m_serverLine->clear();
    } else if (m_fetching) {
        m_serverLine->setText(tr("Asking the server for its figures…"));
    } else if (!m_session->isOnline()) {
        m_serverLine->setText(tr("Not connected to the server: these are this desk's figures "
                                 "only."));
    } else if (!m_fetchError.isEmpty()) {
        m_serverLine->setText(tr("The server's figures could not be read (%1): these are this "
                                 "desk's figures only.")
                                      .arg(m_fetchError));
    } else {
        m_serverLine->clear();
    }
    m_serverLine->setVisible(!m_serverLine->text().isEmpty());
}

void AttainmentPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AttainmentPanel::retranslateUi()
{
    m_buttons[AttainmentFigures::Today]->setText(tr("Today"));
    m_buttons[AttainmentFigures::SevenDays]->setText(tr("7 days"));
    m_buttons[AttainmentFigures::ThirtyDays]->setText(tr("30 days"));
    // The tint tells a share against the aim (AttainmentModel): the words say the aim, so the
    // figure in the cell tells the same without the colour (issue 17).
    //: the attainment table's tooltip and spoken description; the tints are the cells' colours
    m_view->setToolTip(tr("Share of tickets answered within their response target, of those "
                          "answered or already past their deadline. The aim is 95 %: a share "
                          "under it is amber, under 80 % red."));
    m_view->setAccessibleDescription(m_view->toolTip());
    //: the lead board's table of response targets met, by edition and severity
    m_view->setAccessibleName(tr("Attainment by edition and severity"));
    m_trend->setTitle(tr("Attainment by day, last 30 days"));
    // The days are the team zone's: said when that is not the zone the desk shows times in.
    const QTimeZone team = m_board->teamZone();
    m_trendX->setTitleText(team.id() == TimeFormat::displayZone().id()
                               ? tr("Day")
                               //: axis title; %1 is the team's time zone the days are taken in
                               : tr("Day (%1)").arg(TimeFormat::zoneName(team, m_board->now())));
    //: axis title: share of tickets answered within target, in percent
    m_trendY->setTitleText(tr("Attainment (%)"));
    m_trendSeries->setName(tr("Attainment"));
    m_trend->setLocale(QLocale());
    m_trendX->setFormat(currentLanguage() == Language::Chinese ? QStringLiteral("M月d日")
                                                               : QStringLiteral("MMM d"));
    m_histogram->setTitle(tr("First response time, last 30 days"));
    m_histogramX->setTitleText(tr("Time to first response"));
    m_histogramY->setTitleText(tr("Tickets"));
    m_histogramSet->setLabel(tr("Tickets"));
    m_histogram->setLocale(QLocale());
    m_histogramX->setCategories(bucketLabels());
    // A chart view takes the focus (it scrolls): it says its chart's title.
    for (QChartView *view : findChildren<QChartView *>())
        view->setAccessibleName(view->chart()->title());
    m_model->retranslate();
    refresh();
    updateServerText();
}

} // namespace SupportDesk
