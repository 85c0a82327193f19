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
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <vector>

namespace {

struct Client
{
    std::unique_ptr<QWebSocket> socket;
    int process = 0;
    bool connected = false;
    qint64 hints = 0;
    qint64 lastSeq = 0;
};

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
    int opened = 0;
    std::vector<std::pair<qint64, qint64>> probeHints; // (ns, seq) seen by the probe client
    const auto openNext = [&] {
        for (int burst = 0; burst < 50 && opened < clientCount; ++burst, ++opened) {
            Client &c = clients.at(size_t(opened));
            c.process = opened % int(urls.size());
            c.socket = std::make_unique<QWebSocket>();
            const bool probe = opened == 1; // the first client of the second process
            QWebSocket *s = c.socket.get();
            QObject::connect(s, &QWebSocket::connected, [&c, &connected] {
                c.connected = true;
                ++connected;
            });
            QObject::connect(s, &QWebSocket::textMessageReceived,
                             [&c, probe, &probeHints, &clock](const QString &text) {
                                 const QJsonObject o
                                     = QJsonDocument::fromJson(text.toUtf8()).object();
                                 const qint64 seq = o.value(QStringLiteral("seq")).toInteger();
                                 ++c.hints;
                                 c.lastSeq = std::max(c.lastSeq, seq);
                                 if (probe)
                                     probeHints.emplace_back(clock.nsecsElapsed(), seq);
                             });
            QUrl url(urls.at(c.process) + QStringLiteral("/api/v1/stream"));
            url.setScheme(url.scheme() == u"https" ? QStringLiteral("wss") : QStringLiteral("ws"));
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", auth);
            s->open(request);
        }
    };
    QTimer opener;
    QObject::connect(&opener, &QTimer::timeout, openNext);
    opener.start(20);
    while (connected < clientCount && clock.elapsed() < 60000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
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
    QElapsedTimer probing;
    probing.start();
    const qint64 probeMs = parser.value(QStringLiteral("seconds")).toLongLong() * 1000;
    while (probing.elapsed() < probeMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    prober.stop();
    const double cpuSeconds = double(std::clock() - cpuAtStart) / CLOCKS_PER_SEC;
    // Quiet: the load has stopped (the script runs wrk for as long); the last hints arrive.
    qint64 before = -1;
    for (int settle = 0; settle < 100; ++settle) {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 500)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
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
    std::printf("CPU of the stream clients and the probe while probing: %.1f s\n", cpuSeconds);
    return complete == clientCount ? 0 : 1;
}
