// The whole desk of one account as `make run` opens it, for GUI tests: a session with its own
// cache, the MainWindow with its DeskController, signed in to the real server on loopback,
// shown at 1440 × 900 and synced once.
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
    LanguageManager languages; // start()'s; open() is given the test's own
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

    // The agent's desk on a demo server in the language: empty when up and synced, else why
    // not.
    QString start(const RealServer &server, const QString &agent, Language language,
                  const QString &cachePath)
    {
        if (!languages.setLanguage(language, false))
            return QStringLiteral("no translation for %1").arg(languageCode(language));
        if (!open(SessionConfig::forServer(server.url(), server.token(agent), cachePath),
                  server.url(), &languages))
            return QStringLiteral("the desk of %1 did not open and sync: %2")
                    .arg(agent, session->errorString());
        return {};
    }

    ~DemoDesk()
    {
        if (session)
            session->stop();
    }
};

} // namespace SupportDesk::Testing
