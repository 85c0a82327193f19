// Attainment for leads: the share of tickets answered within target per edition × severity
// for today, 7 or 30 days, the daily share over the last 30 days and the distribution of
// first-response times (Qt Charts).
#pragma once

#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QButtonGroup;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableView;
class QToolButton;
class QValueAxis;

namespace SupportDesk {

class AttainmentModel;
class LeadBoardModel;

class AttainmentPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AttainmentPanel(LeadBoardModel *board, QWidget *parent = nullptr);

    AttainmentModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QChart *trendChart() const { return m_trend; }
    QChart *histogramChart() const { return m_histogram; }
    QLineSeries *trendSeries() const { return m_trendSeries; }
    QBarSet *histogramSet() const { return m_histogramSet; }
    QString overallText() const;

signals:
    void openTickets(const QStringList &ticketIds);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void retranslateUi();
    QStringList bucketLabels() const;

    LeadBoardModel *m_board;
    AttainmentModel *m_model;
    QButtonGroup *m_periods;
    QToolButton *m_buttons[3] = {};
    QLabel *m_overall;
    QTableView *m_view;
    QChart *m_trend;
    QLineSeries *m_trendSeries;
    QDateTimeAxis *m_trendX;
    QValueAxis *m_trendY;
    QChart *m_histogram;
    QBarSeries *m_histogramSeries;
    QBarSet *m_histogramSet;
    QBarCategoryAxis *m_histogramX;
    QValueAxis *m_histogramY;
};

} // namespace SupportDesk
