// The desk of one account on the real server as `make run` opens it, for GUI tests: the
// session, the MainWindow with its DeskController, shown at 1440 × 900 and synced once.
#pragma once

#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace SupportDesk::Testing {

struct DemoDesk
{
    std::unique_ptr<DeskSession> session = std::make_unique<DeskSession>();
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DeskController> controller;

    // False when the cache does not open, the window is not exposed or the first sync does
    // not end within a minute.
    bool open(const SessionConfig &config, const QUrl &server, LanguageManager *languages)
    {
        if (session->open(config) != TicketCache::OpenStatus::Ok)
            return false;
        window = std::make_unique<MainWindow>(session.get(), languages);
        controller = std::make_unique<DeskController>(session.get(), window.get(), server);
        window->resize(1440, 900);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        QSignalSpy idle(session.get(), &DeskSession::idle);
        session->start();
        return idle.wait(60000);
    }
    ~DemoDesk()
    {
        if (session)
            session->stop();
    }
};

} // namespace SupportDesk::Testing
