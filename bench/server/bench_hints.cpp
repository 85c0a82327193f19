// WebSocket side of the scale-out benchmark (bench/server/scaleout.sh): many stream clients
// spread over several server processes, and a probe that measures how long a commit made on
// the first process takes to reach a client of the second.
//
//   bench_hints --token T --clients 2000 --seconds 12 --probe-ms 50 http://A http://B
//
// Clients connect straight to the processes (client i to process i % n), so which process
// serves which client is known. Every 50 ms the probe posts one create-ticket to A and
// records when a client of B first hears of a sequence at or past the one A committed. At the
// end (after the processes are quiet) each client must have received every hint its process
// sent: the same count as its process's busiest client, ending at the feed's head.
//
// The clients are plain non-blocking sockets on one epoll set, read when Qt's loop sees the
// set readable (one QSocketNotifier): no QWebSocket, no QObject per client. The figure is
// about the servers, and on a 2-core machine every cycle the clients spend is one the servers
// lack: 2,000 QWebSocket clients and the probe took 7.3 of 24 core-seconds of a 12 s run.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

struct Client
{
    int fd = -1;
    int process = 0;
    bool sentHandshake = false;
    bool connected = false; // the 101 came
    bool probe = false;
    QByteArray buffer; // bytes read and not yet parsed
    qint64 hints = 0;
    qint64 lastSeq = 0;
};

// The sequence in a hint's text, {"type":"changed","seq":N}.
qint64 seqOf(QByteArrayView text)
{
    const qsizetype at = text.indexOf(QByteArrayView("\"seq\":"));
    return at < 0 ? -1 : std::strtoll(text.constData() + at + 6, nullptr, 10);
}

struct Probe
{
    qint64 sentNs = 0;
    qint64 seq = 0; // from the answer; 0 until it came
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t i = std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())));
    return values.at(i);
}

} // namespace

int main(int argc, char **argv)
{
    // As the server does (server/main.cpp): GLib's loop costs O(n) per socket write with 2,000
    // sockets, which would take the CPU the servers are measured on.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption(
        { QStringLiteral("token"), QStringLiteral("bearer token"), QStringLiteral("T") });
    parser.addOption({ QStringLiteral("clients"), QStringLiteral("stream clients"),
                       QStringLiteral("N"), QStringLiteral("2000") });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("probe for this long"),
                       QStringLiteral("S"), QStringLiteral("12") });
    parser.addOption({ QStringLiteral("probe-ms"), QStringLiteral("one probe op every"),
                       QStringLiteral("MS"), QStringLiteral("50") });
    parser.addOption({ QStringLiteral("customer"), QStringLiteral("customer id"),
                       QStringLiteral("ID"), QStringLiteral("c-yunfan") });
    parser.addPositionalArgument(QStringLiteral("urls"), QStringLiteral("http://host:port …"));
    parser.process(app);
    const QStringList urls = parser.positionalArguments();
    if (urls.size() < 2) {
        std::fprintf(stderr, "bench_hints: give two server URLs or more\n");
        return 2;
    }
    const QByteArray auth = "Bearer " + parser.value(QStringLiteral("token")).toUtf8();
    const int clientCount = parser.value(QStringLiteral("clients")).toInt();
    const QString customer = parser.value(QStringLiteral("customer"));
    QElapsedTimer clock;
    clock.start();

    // The clients, connected a few at a time (a burst of 2,000 handshakes is not the test).
    std::vector<Client> clients(static_cast<size_t>(clientCount));
    int connected = 0;
    qint64 framesRead = 0; // hints read by every client since `ready`
    int opened = 0;
    std::vector<std::pair<qint64, qint64>> probeHints; // (ns, seq) seen by the probe client
    const int epoll = epoll_create1(EPOLL_CLOEXEC);
    std::vector<sockaddr_in> addresses;
    std::vector<QByteArray> handshakes;
    for (const QString &u : urls) {
        const QUrl url(u);
        sockaddr_in a {};
        a.sin_family = AF_INET;
        a.sin_port = htons(quint16(url.port(80)));
        if (inet_pton(AF_INET, url.host().toLatin1().constData(), &a.sin_addr) != 1) {
            std::fprintf(stderr, "bench_hints: give IPv4 addresses (%s)\n", qPrintable(u));
            return 2;
        }
        addresses.push_back(a);
        handshakes.push_back("GET /api/v1/stream HTTP/1.1\r\nHost: " + url.authority().toLatin1()
                             + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                               "Sec-WebSocket-Version: 13\r\nAuthorization: "
                             + auth + "\r\n\r\n");
    }
    const auto drop = [epoll](Client &c) {
        epoll_ctl(epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
    };
    // What came on one client's socket: the 101, then frames (the server's are unmasked).
    // The bytes `data` holds for `c`: the 101, then whole frames; how many were used.
    const auto parseClient = [&](Client &c, QByteArrayView data) -> qsizetype {
        qsizetype at = 0;
        if (!c.connected) {
            const qsizetype end = data.indexOf(QByteArrayView("\r\n\r\n"));
            if (end < 0)
                return 0;
            if (!data.startsWith(QByteArrayView("HTTP/1.1 101 "))) {
                std::fprintf(stderr, "bench_hints: refused: %s\n",
                             data.first(end).toByteArray().constData());
                drop(c);
                return data.size();
            }
            c.connected = true;
            ++connected;
            at = end + 4;
        }
        const qint64 now = clock.nsecsElapsed();
        while (data.size() - at >= 2) {
            const auto byte = [&data, at](qsizetype i) { return quint8(data.at(at + i)); };
            qint64 length = byte(1) & 0x7f;
            qsizetype headSize = 2;
            if (length == 126) {
                if (data.size() - at < 4)
                    break;
                length = qint64(byte(2)) << 8 | byte(3);
                headSize = 4;
            } else if (length == 127) {
                if (data.size() - at < 10)
                    break;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = length << 8 | byte(i);
                headSize = 10;
            }
            if (data.size() - at < headSize + length)
                break;
            if ((byte(0) & 0x0f) == 0x1) {
                const qint64 seq = seqOf(data.sliced(at + headSize, qsizetype(length)));
                ++c.hints;
                ++framesRead;
                c.lastSeq = std::max(c.lastSeq, seq);
                if (c.probe)
                    probeHints.emplace_back(now, seq);
            } else if ((byte(0) & 0x0f) == 0x8) {
                std::fprintf(stderr, "bench_hints: a server closed a client's stream\n");
            }
            at += headSize + qsizetype(length);
        }
        return at;
    };
    char chunk[16384];
    // One recv() a wake when it comes back short (the socket is empty now, and the epoll set
    // is level-triggered, so what arrives later wakes it again), not a second that only says
    // EAGAIN; and the frames are read where recv() put them unless one was cut in two. On a
    // 2-core machine every cycle the clients spend per frame is one the servers lack.
    const auto readClient = [&](Client &c) {
        for (;;) {
            const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                std::fprintf(stderr, "bench_hints: a client's connection closed\n");
                drop(c);
                return;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return;
            QByteArrayView data(chunk, qsizetype(n));
            if (!c.buffer.isEmpty()) { // the rest of a frame (or of the 101) cut in two
                c.buffer.append(data);
                data = c.buffer;
            }
            const qsizetype used = parseClient(c, data);
            if (data.constData() == c.buffer.constData())
                c.buffer.remove(0, used);
            else if (used < data.size())
                c.buffer = data.sliced(used).toByteArray();
            if (c.fd < 0 || size_t(n) < sizeof chunk)
                return;
        }
    };
    QSocketNotifier ready(qintptr(epoll), QSocketNotifier::Read);
    QObject::connect(&ready, &QSocketNotifier::activated, [&] {
        epoll_event events[256];
        int n = 256;
        // Until the set is drained: a turn of Qt's loop for each 256 sockets would cost more.
        for (int round = 0; n == 256 && round < 16; ++round) {
            n = epoll_wait(epoll, events, 256, 0);
            for (int i = 0; i < n; ++i) {
                Client &c = clients.at(events[i].data.u32);
                if (c.fd < 0)
                    continue;
                if (!c.sentHandshake && (events[i].events & EPOLLOUT)) {
                    int error = 0;
                    socklen_t size = sizeof error;
                    getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &size);
                    const QByteArray &h = handshakes.at(size_t(c.process));
                    if (error
                        || ::send(c.fd, h.constData(), size_t(h.size()), MSG_NOSIGNAL)
                            != h.size()) {
                        std::fprintf(stderr, "bench_hints: connect: %s\n", std::strerror(error));
                        drop(c);
                        continue;
                    }
                    c.sentHandshake = true;
                    epoll_event only {};
                    only.events = EPOLLIN;
                    only.data.u32 = events[i].data.u32;
                    epoll_ctl(epoll, EPOLL_CTL_MOD, c.fd, &only);
                    continue;
                }
                if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                    readClient(c);
            }
        }
    });
    const auto openNext = [&] {
        for (int burst = 0; burst < 50 && opened < clientCount; ++burst, ++opened) {
            Client &c = clients.at(size_t(opened));
            c.process = opened % int(urls.size());
            c.probe = opened == 1; // the first client of the second process
            c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            const int one = 1;
            setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            const sockaddr_in &a = addresses.at(size_t(c.process));
            if (::connect(c.fd, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0
                && errno != EINPROGRESS) {
                std::fprintf(stderr, "bench_hints: connect: %s\n", std::strerror(errno));
                ::close(c.fd);
                c.fd = -1;
                continue;
            }
            epoll_event e {};
            e.events = EPOLLOUT | EPOLLIN;
            e.data.u32 = quint32(opened);
            epoll_ctl(epoll, EPOLL_CTL_ADD, c.fd, &e);
        }
    };
    // Runs the event loop for `ms`, asleep between events. (processEvents(AllEvents, ms) does
    // not wait for events: called in a loop it spun, and took a core's worth of the CPU the
    // servers are measured on: 3.2 s of a 10 s run with only 2 clients, at load 16.)
    const auto runFor = [](int ms) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    };
    QTimer opener;
    QObject::connect(&opener, &QTimer::timeout, openNext);
    opener.start(20);
    while (connected < clientCount && clock.elapsed() < 60000) {
        runFor(50);
        if (opened == clientCount)
            opener.stop();
    }
    opener.stop();
    std::printf("stream clients connected: %d of %d in %.1f s\n", connected, clientCount,
                double(clock.elapsed()) / 1000);
    std::fflush(stdout);
    // The counts start now: hints before every client was connected are not expected by all.
    for (Client &c : clients)
        c.hints = 0;
    framesRead = 0;
    probeHints.clear();
    const std::clock_t cpuAtStart = std::clock();
    std::puts("ready");
    std::fflush(stdout);

    // The probe: one create-ticket to process A every probe-ms.
    QNetworkAccessManager net;
    std::vector<Probe> probes;
    probes.reserve(4096);
    QTimer prober;
    QObject::connect(&prober, &QTimer::timeout, [&] {
        const size_t index = probes.size();
        probes.push_back({ clock.nsecsElapsed(), 0 });
        QNetworkRequest request(QUrl(urls.at(0) + QStringLiteral("/api/v1/ops")));
        request.setRawHeader("Authorization", auth);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        const QJsonObject op {
            { QStringLiteral("op_id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
            { QStringLiteral("type"), QStringLiteral("create-ticket") },
            { QStringLiteral("ticket_id"), QUuid::createUuid().toString(QUuid::WithoutBraces) },
            { QStringLiteral("base_version"), 0 },
            { QStringLiteral("payload"),
              QJsonObject { { QStringLiteral("customer_id"), customer },
                            { QStringLiteral("subject"), QStringLiteral("probe") },
                            { QStringLiteral("channel"), QStringLiteral("ticket") },
                            { QStringLiteral("severity"), QStringLiteral("consultation") } } }
        };
        QNetworkReply *reply
            = net.post(request,
                       QJsonDocument(QJsonObject { { QStringLiteral("ops"), QJsonArray { op } } })
                           .toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, [reply, index, &probes] {
            const QJsonObject result = QJsonDocument::fromJson(reply->readAll())
                                           .object()
                                           .value(QStringLiteral("results"))
                                           .toArray()
                                           .at(0)
                                           .toObject();
            probes.at(index).seq = result.value(QStringLiteral("ticket"))
                                       .toObject()
                                       .value(QStringLiteral("seq"))
                                       .toInteger();
            reply->deleteLater();
        });
    });
    prober.start(parser.value(QStringLiteral("probe-ms")).toInt());
    const qint64 probeMs = parser.value(QStringLiteral("seconds")).toLongLong() * 1000;
    runFor(int(probeMs));
    prober.stop();
    const double cpuSeconds = double(std::clock() - cpuAtStart) / CLOCKS_PER_SEC;
    const qint64 framesWhileProbing = framesRead;
    // Quiet: the load has stopped (the script runs wrk for as long); the last hints arrive.
    qint64 before = -1;
    for (int settle = 0; settle < 100; ++settle) {
        runFor(500);
        qint64 total = 0;
        for (const Client &c : clients)
            total += c.hints;
        if (total == before)
            break;
        before = total;
    }

    std::vector<double> latencies;
    int unanswered = 0, unseen = 0;
    for (const Probe &p : probes) {
        if (!p.seq) {
            ++unanswered;
            continue;
        }
        const auto seen = std::find_if(probeHints.cbegin(), probeHints.cend(),
                                       [&p](const auto &h) { return h.second >= p.seq; });
        if (seen == probeHints.cend()) {
            ++unseen;
            continue;
        }
        latencies.push_back(double(seen->first - p.sentNs) / 1e6);
    }
    std::vector<qint64> most(size_t(urls.size()), 0), head(size_t(urls.size()), 0);
    for (const Client &c : clients) {
        most.at(size_t(c.process)) = std::max(most.at(size_t(c.process)), c.hints);
        head.at(size_t(c.process)) = std::max(head.at(size_t(c.process)), c.lastSeq);
    }
    int complete = 0;
    for (const Client &c : clients) {
        if (c.connected && c.hints == most.at(size_t(c.process))
            && c.lastSeq == *std::max_element(head.cbegin(), head.cend()))
            ++complete;
    }
    std::printf("hints per client: process A %lld, process B %lld (feed head %lld)\n",
                static_cast<long long>(most.at(0)), static_cast<long long>(most.at(1)),
                static_cast<long long>(*std::max_element(head.cbegin(), head.cend())));
    std::printf("clients with every hint: %d of %d (target: all)\n", complete, clientCount);
    std::printf("commit on A seen by a client of B: %zu probes, p50 %.1f ms, p99 %.1f ms, "
                "max %.1f ms (target p99 <= 100 ms); unanswered %d, never hinted %d\n",
                latencies.size(), percentile(latencies, 50), percentile(latencies, 99),
                percentile(latencies, 100), unanswered, unseen);
    std::printf("CPU of the stream clients and the probe while probing: %.1f s (%lld hints read: "
                "%.1f µs a hint)\n",
                cpuSeconds, static_cast<long long>(framesWhileProbing),
                cpuSeconds * 1e6 / double(std::max<qint64>(1, framesWhileProbing)));
    return complete == clientCount ? 0 : 1;
}
