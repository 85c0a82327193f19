// Qt HttpServer 6.4.2 with a QFuture handler, as server/http.cpp would be replaced by it: the
// program bench/httpserver/compare.py measures beside supportdesk-server (docs/server.md,
// "Design: HTTP layer"). Prints "listening on PORT", answers POST/GET /ok from a thread pool.
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QtConcurrent>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.route(QStringLiteral("/ok"), [](const QHttpServerRequest &request) {
        const qsizetype size = request.body().size();
        return QtConcurrent::run([size] {
            return QHttpServerResponse(QByteArray("{\"body_bytes\":") + QByteArray::number(size)
                                       + "}");
        });
    });
    const quint16 port = server.listen(QHostAddress::LocalHost, 0);
    std::printf("listening on %u\n", unsigned(port));
    std::fflush(stdout);
    return app.exec();
}
