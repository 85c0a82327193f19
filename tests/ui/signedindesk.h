// A desk signed in to a real server for UI tests: the session on its own cache, the real
// MainWindow with its controller (which installs the ticket pane), shown at 1440 × 900 and
// synced once. Tests on the real demo server start from here instead of repeating the steps.
#pragma once

#include "deskcontroller.h"
#include "desksession.h"
#include "mainwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace SupportDesk::Testing {

class SignedInDesk
{
public:
    // Empty when the desk is up and has synced, else what went wrong.
    QString open(const QUrl &server, const QString &token, const QString &cachePath,
                 LanguageManager *languages)
    {
        if (session.open(SessionConfig::forServer(server, token, cachePath))
            != TicketCache::OpenStatus::Ok)
            return QStringLiteral("the cache %1 did not open").arg(cachePath);
        window = std::make_unique<MainWindow>(&session, languages);
        controller = std::make_unique<DeskController>(&session, window.get(), server);
        window->resize(1440, 900);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the window was not shown");
        QSignalSpy idle(&session, &DeskSession::idle);
        session.start();
        if (!idle.wait(60000))
            return QStringLiteral("no first sync within a minute");
        return {};
    }

    DeskSession session;
    // Destroyed before the session (declared after it).
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DeskController> controller;

    ~SignedInDesk()
    {
        controller.reset();
        window.reset();
    }
};

} // namespace SupportDesk::Testing
