// The high-contrast palettes the GUI tests open the desk under, and the lead board's tinted
// tables they read (tst_accessibility, tst_leadboard_widget).
#pragma once

#include "attainmentpanel.h"
#include "breachingsoonpanel.h"
#include "leadboardwidget.h"

#include <QColor>
#include <QTableView>
#include <QTest>

#include <utility>
#include <vector>

namespace SupportDesk::Testing {

// Test rows "base" and "text": the palettes a desktop's high-contrast themes set.
inline void addHighContrastRows()
{
    QTest::addColumn<QColor>("base");
    QTest::addColumn<QColor>("text");
    QTest::newRow("white on black") << QColor(Qt::black) << QColor(Qt::white);
    QTest::newRow("black on white") << QColor(Qt::white) << QColor(Qt::black);
    QTest::newRow("yellow on black") << QColor(Qt::black) << QColor(0xff, 0xff, 0x00);
}

// Every table of the lead board that tints its cells by state, with a name for failures.
inline std::vector<std::pair<QTableView *, const char *>> boardTables(const LeadBoardWidget &board)
{
    return { { board.matrixView(), "matrix" },
             { board.breachingSoon()->view(), "breaching soon" },
             { board.agentLoadView(), "agent load" },
             { board.quotaView(), "quota" },
             { board.attainment()->view(), "attainment" } };
}

} // namespace SupportDesk::Testing
