// Attainment for leads: the share of tickets answered within target per edition × severity
// for today, 7 or 30 days, the daily share over the last 30 days and the distribution of
// first-response times (Qt Charts).
#pragma once

#include <QDateTime>
#include <QWidget>

#include <optional>

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
class ColumnFit;
class DeskSession;
class LeadBoardModel;

class AttainmentPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AttainmentPanel(LeadBoardModel *board, QWidget *parent = nullptr);
    ~AttainmentPanel() override;

    // The server's figures for the period shown (GET /reports/attainment, a session request)
    // beside the cache's: asked while the panel is shown, after each change of the board or
    // the period, one request at a time. Without a session (tests of a bare board) only the
    // cache's.
    void setSession(DeskSession *session);
    // The line under the overall figure that says what the server counts ("The server: …"),
    // or why it does not say.
    QString serverText() const;
    // The server's overall figure for the period shown, once it has answered.
    struct ServerFigures
    {
        int answered = 0;
        int inTime = 0;
        int breachedOpen = 0;
        int decided = 0;
        QDateTime from;
        QDateTime to;
        QDateTime at; // when it answered
    };
    const std::optional<ServerFigures> &serverFigures() const { return m_server; }

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
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    // The columns to their shares and titles (ColumnFit), after each refresh.
    void fitColumns();
    void fetch();
    void updateServerText();
    void retranslateUi();
    QStringList bucketLabels() const;

    LeadBoardModel *m_board;
    DeskSession *m_session = nullptr;
    AttainmentModel *m_model;
    QLabel *m_serverLine;
    std::optional<ServerFigures> m_server;
    int m_serverPeriod = -1; // the period m_server counts
    QString m_fetchError;
    bool m_fetching = false;
    bool m_fetchAgain = false;
    QButtonGroup *m_periods;
    QToolButton *m_buttons[3] = {};
    QLabel *m_overall;
    QTableView *m_view;
    ColumnFit *m_fit = nullptr;
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
