// The whole desk of one account as `make run` opens it, for GUI tests: a session with its own
// cache, the MainWindow with its DeskController, signed in to the real server on loopback,
// shown at 1440 × 900 and synced once.
#pragma once

#include "changedrows.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "realserver.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace SupportDesk::Testing {

// Starts `session` and waits, on signals, for its first sync as `queue` shows it: the engine's
// idle and, for a new cache, the initial sync's reset (however many pages it had: one rule,
// docs/cache.md) and the queue's own reset after it (it makes its rows from the reset's on a
// thread of its own). False when one does not come within a minute.
inline bool startAndSync(DeskSession *session, QueueModel *queue)
{
    const bool initial = session->isLoading();
    QSignalSpy idle(session, &DeskSession::idle);
    QSignalSpy reset(session, &DeskSession::cacheReset);
    QSignalSpy queueReset(queue, &QAbstractItemModel::modelReset);
    qsizetype queueResetsBefore = -1;
    const QMetaObject::Connection atReset = QObject::connect(
            session, &DeskSession::cacheReset, queue,
            [&] { queueResetsBefore = queueReset.size(); });
    const auto disconnect = qScopeGuard([atReset] { QObject::disconnect(atReset); });
    session->start();
    if (!idle.wait(60000))
        return false;
    if (!initial)
        return true;
    if (reset.isEmpty() && !reset.wait(60000))
        return false;
    return queueReset.size() > queueResetsBefore || queueReset.wait(60000);
}

struct DemoDesk
{
    LanguageManager languages; // start()'s; open() is given the test's own
    std::unique_ptr<DeskSession> session = std::make_unique<DeskSession>();
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<DeskController> controller;

    // The demo server a GUI test's desks sign in to, its database in `dir`: `backlog` tickets
    // of history and none new while the test runs (one an hour), `more` arguments after.
    // QStandardPaths goes to test mode first, so no desk of the test touches the user's own
    // files. Empty when it listens, else why not (with its log).
    static QString startDemoServer(RealServer &server, const QTemporaryDir &dir,
                                   int backlog = 40, const QStringList &more = {})
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!dir.isValid())
            return QStringLiteral("no temporary directory: %1").arg(dir.errorString());
        const QStringList args = RealServer::demoArguments(backlog) + more;
        if (!server.start(dir.filePath(QStringLiteral("server.db")), args))
            return QStringLiteral("the demo server did not start:\n%1")
                    .arg(QString::fromUtf8(server.log()));
        return {};
    }

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
        if (!startAndSync(session.get(), window->queueModel()))
            return false;
        // Synced is shown: the rows of the sync's last changes are read off the GUI thread
        // after the engine's idle (core/changedrows.h), and the index, the board and the queue
        // take them when they come.
        return QTest::qWaitFor([this] { return !session->changedRows()->isBusy(); }, 60000);
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

    // The same, on a cache named after the language in `dir` ("en.sqlite", "zh_CN.sqlite"): a
    // test that opens a desk per language row.
    QString start(const RealServer &server, const QString &agent, Language language,
                  const QTemporaryDir &dir)
    {
        return start(server, agent, language,
                     dir.filePath(QStringLiteral("%1.sqlite").arg(languageCode(language))));
    }

    ~DemoDesk()
    {
        if (session)
            session->stop();
    }
};

// The dialog of type Dialog that `in` has opened (a child of it), once it is visible; null
// when none is within 5 s.
template<typename Dialog>
Dialog *openedDialog(QWidget *in)
{
    Dialog *found = nullptr;
    (void)QTest::qWaitFor(
            [&] { return (found = in->findChild<Dialog *>()) && found->isVisible(); }, 5000);
    return found;
}

} // namespace SupportDesk::Testing
