// The whole desk as `make run` opens it (MainWindow, DeskController, a session with its own
// cache), signed in to the real server on loopback, at 1440 × 900, after its first sync.
#pragma once

#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "realserver.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace SupportDesk::Testing {

struct DemoDesk
{
    LanguageManager languages;
    DeskSession session;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DeskController> controller;

    // Empty when the desk is up and synced, else why not.
    QString start(const RealServer &server, const QString &agent, Language language,
                  const QString &cachePath)
    {
        if (!languages.setLanguage(language, false))
            return QStringLiteral("no translation for %1").arg(languageCode(language));
        if (session.open(SessionConfig::forServer(server.url(), server.token(agent), cachePath))
            != TicketCache::OpenStatus::Ok)
            return session.errorString();
        window = std::make_unique<MainWindow>(&session, &languages);
        controller = std::make_unique<DeskController>(&session, window.get(), server.url());
        window->resize(1440, 900);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the window was not shown");
        QSignalSpy idle(&session, &DeskSession::idle);
        session.start();
        return idle.wait(60000) ? QString() : QStringLiteral("no first sync within 60 s");
    }
};

} // namespace SupportDesk::Testing
