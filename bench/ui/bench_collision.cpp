// Collision over the real server on loopback (docs/collision.md): how long another agent's
// "typing" takes to reach a desk. Two desks (DeskSession, each with its sync thread, stream
// and collision board, as the real window wires them) sign in to a demo server; one starts
// typing on a ticket, and the time until the other's board shows it is measured, N times
// (default 60), each after the typing ended again. Printed at p50/p99 beside the ≤ 500 ms
// target. Paced at ~2 samples a second: the server lets a desk say 5 things a second.
// Usage: QT_QPA_PLATFORM=offscreen bench_collision [N]
#include "desksession.h"
#include "presence.h"
#include "presenceline.h"
#include "realserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

namespace {

struct Desk
{
    DeskSession session;
    Presence::Board board;
    Presence::Reporter reporter;
};

// Runs the event loop until `done` holds (checked whenever the board changes), at most
// `timeoutMs`; false on the timeout.
template<typename Done> bool waitFor(Presence::Board &board, Done done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&board, &Presence::Board::changed, &loop, [&] {
        if (done())
            loop.quit();
    });
    timeout.start(timeoutMs);
    loop.exec();
    return done();
}

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskBench"));
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 60;
    QTemporaryDir dir;
    RealServer server { QStringLiteral(SUPPORTDESK_SERVER) };
    if (!server.start(dir.filePath(QStringLiteral("server.db")),
                      { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                        QStringLiteral("20"), QStringLiteral("--demo-interval"),
                        QStringLiteral("3600") })) {
        std::fprintf(stderr, "the server did not start: %s\n", server.log().constData());
        return 1;
    }
    Desk typist;
    Desk reader;
    const auto open = [&](Desk &desk, const char *agent) {
        desk.session.open(SessionConfig::forServer(
            server.url(), server.token(QString::fromLatin1(agent)),
            dir.filePath(QStringLiteral("%1.sqlite").arg(QString::fromLatin1(agent)))));
        connectPresence(&desk.session, &desk.board, &desk.reporter);
        bool up = false;
        QEventLoop loop;
        QObject::connect(&desk.session, &DeskSession::streamConnected, &loop, [&] {
            up = true;
            loop.quit();
        });
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        desk.session.start();
        loop.exec();
        return up;
    };
    if (!open(typist, "a-emma") || !open(reader, "a-zhangwei")) {
        std::fprintf(stderr, "a desk did not connect its stream\n");
        return 1;
    }
    const QString ticket = QStringLiteral("bench-collision-ticket");
    typist.reporter.view(ticket);
    reader.reporter.view(ticket);
    const auto readerSees = [&](Presence::State state) {
        return [&reader, &ticket, state] { return reader.board.strongest(ticket) == state; };
    };
    if (!waitFor(reader.board, readerSees(Presence::State::Viewing), 10000)) {
        std::fprintf(stderr, "the reader never saw the typist view the ticket\n");
        return 1;
    }
    QVector<double> ms;
    int lost = 0;
    for (int i = 0; i < n; ++i) {
        pause(450); // within the server's 5 reports a second a desk
        if (reader.board.strongest(ticket) != Presence::State::Viewing) {
            ++lost; // the last round's "viewing" never came: this one would time nothing
            continue;
        }
        QElapsedTimer t;
        t.start();
        typist.reporter.typed();
        if (!waitFor(reader.board, readerSees(Presence::State::Typing), 5000)) {
            ++lost;
            continue;
        }
        ms.append(double(t.nsecsElapsed()) / 1e6);
        typist.reporter.typingIdle();
        waitFor(reader.board, readerSees(Presence::State::Viewing), 5000);
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) {
        if (ms.isEmpty())
            return -1.0;
        return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(q * double(ms.size()))));
    };
    std::printf("typing appears after N ms (%lld samples, %d lost): p50 %.1f ms, p99 %.1f ms, "
                "max %.1f ms (target <= 500 ms)\n",
                qlonglong(ms.size()), lost, at(0.5), at(0.99), ms.isEmpty() ? -1.0 : ms.last());
    typist.session.stop();
    reader.session.stop();
    server.stop();
    return lost == 0 && at(0.99) <= 500 ? 0 : 2;
}
