// supportdesk-screenshots: renders the desk's main screens as the user sees them, for the README
// and for reviewers. Starts the real demo server (as `make run` does), opens the real MainWindow
// with its DeskController at a fixed size, drives it to each screen and writes PNGs:
//   queue-LANG.png   the queue after the initial sync
//   pane-LANG.png    the ticket pane on the most urgent Flagship ticket
//   intake-LANG.png  the New ticket dialog with a rule message (a channel the edition lacks)
//   board-LANG.png   the lead board
//   report-LANG.png  the service report dialog
// Not part of the shipped program: scripts/screenshots.sh builds and runs it under Xvfb, and the
// `screenshots` test runs it on the offscreen platform.
#include "deskcontroller.h"
#include "desksession.h"
#include "intakedialog.h"
#include "languagemanager.h"
#include "leadboardmodel.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "servicereportdialog.h"
#include "ticketpane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QImageWriter>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <functional>

using namespace SupportDesk;

namespace {

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Runs the event loop until `done` holds or `timeoutMs` passed; checks every 20 ms.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

// Lets queued layout and paint work settle (deferred relayouts, coalesced model updates).
void settle(int ms = 300)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The demo server as `make run` starts it, on a free loopback port, with its tokens.
class DemoServer
{
public:
    bool start(const QString &program, const QString &db, int backlog)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        // No simulated tickets while the screens are taken: every shot sees the same backlog.
        m_process.start(program,
                        { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                          QString::number(backlog), QStringLiteral("--demo-interval"),
                          QStringLiteral("86400"), QStringLiteral("--db"), db,
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                          QStringLiteral("--port"), QStringLiteral("0") });
        if (!m_process.waitForStarted())
            return false;
        const QRegularExpression listening(QStringLiteral("listening on (http://[^/\\s]+)"));
        QElapsedTimer timer;
        timer.start();
        while (m_url.isEmpty() && timer.elapsed() < 60000
               && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            m_log += m_process.readAll();
            const QRegularExpressionMatch m = listening.match(QString::fromUtf8(m_log));
            if (m.hasMatch())
                m_url = QUrl(m.captured(1));
        }
        auto tokens = QRegularExpression(QStringLiteral("\\((a-[a-z]+)\\): (\\S+)"))
                              .globalMatch(QString::fromUtf8(m_log));
        while (tokens.hasNext()) {
            const QRegularExpressionMatch m = tokens.next();
            m_tokens.insert(m.captured(1), m.captured(2));
        }
        const QRegularExpressionMatch count
                = QRegularExpression(QStringLiteral("Backlog: (\\d+) tickets"))
                          .match(QString::fromUtf8(m_log));
        m_backlog = count.hasMatch() ? count.captured(1).toInt() : -1;
        return !m_url.isEmpty();
    }
    ~DemoServer()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished();
    }
    QUrl url() const { return m_url; }
    QString token(const QString &agent) const { return m_tokens.value(agent); }
    int backlog() const { return m_backlog; }
    QByteArray log() const { return m_log; }

private:
    QProcess m_process;
    QByteArray m_log;
    QUrl m_url;
    QHash<QString, QString> m_tokens;
    int m_backlog = -1;
};

class Shooter
{
public:
    Shooter(const QString &outDir, const QSize &size) : m_out(outDir), m_size(size) { }

    bool save(QWidget *widget, const QString &name)
    {
        // RGB, no alpha, most compression: the files are committed.
        const QImage image = widget->grab().toImage().convertToFormat(QImage::Format_RGB888);
        const QString path = m_out.filePath(name + QStringLiteral(".png"));
        QImageWriter writer(path, "png");
        writer.setQuality(0); // PNG: the smallest file (zlib level 9); lossless all the same
        if (!writer.write(image)) {
            err() << "cannot write " << path << ": " << writer.errorString() << Qt::endl;
            return false;
        }
        QTextStream(stdout) << path << " " << image.width() << "x" << image.height() << Qt::endl;
        return true;
    }

    bool shoot(const DemoServer &server, LanguageManager *languages, Language language,
               const QString &cacheDir);

private:
    QDir m_out;
    QSize m_size;
};

bool fail(const QString &what)
{
    err() << "screenshots: " << what << Qt::endl;
    return false;
}

bool Shooter::shoot(const DemoServer &server, LanguageManager *languages, Language language,
                    const QString &cacheDir)
{
    if (!languages->setLanguage(language, false))
        return fail(QStringLiteral("no translation for %1").arg(languageCode(language)));
    const QString suffix
            = language == Language::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
    const QString token = server.token(QStringLiteral("a-wangfang")); // the lead, as make run
    DeskSession session;
    const SessionConfig config = SessionConfig::forServer(
            server.url(), token, QDir(cacheDir).filePath(suffix + QStringLiteral(".sqlite")));
    if (session.open(config) != TicketCache::OpenStatus::Ok)
        return fail(QStringLiteral("cache: %1").arg(session.errorString()));
    MainWindow window(&session, languages);
    DeskController desk(&session, &window, server.url());
    window.resize(m_size);
    window.show();
    desk.signIn(token);

    // The initial sync done: the whole backlog cached, the queue reset on it and counted, the
    // lead board there.
    QueueModel *model = window.queueModel();
    const bool synced = waitFor(
            [&] {
                return session.me() && !session.isLoading()
                        && session.syncState() == SyncState::Idle
                        && session.cache()->ticketCount() == server.backlog()
                        && model->queueCount(QueueModel::AllOpen) > 0 && window.leadBoard();
            },
            120000);
    if (!synced)
        return fail(QStringLiteral("the initial sync did not finish (%1 of %2 tickets)")
                            .arg(session.cache()->ticketCount())
                            .arg(server.backlog()));
    if (window.size() != m_size)
        return fail(QStringLiteral("the window is %1x%2, not %3x%4")
                            .arg(window.width())
                            .arg(window.height())
                            .arg(m_size.width())
                            .arg(m_size.height()));
    settle();
    if (!save(&window, QStringLiteral("queue-") + suffix))
        return false;

    // The most urgent open Flagship ticket, picked by edition (rows are sorted most urgent
    // first); one from the recently closed queue when none is open (a small backlog).
    QString flagshipId;
    for (const QueueModel::Queue queue : { QueueModel::AllOpen, QueueModel::RecentlyClosed }) {
        window.queueList()->setCurrentRow(queue);
        for (int row = 0; row < model->rowCount() && flagshipId.isEmpty(); ++row) {
            const auto ticket = session.cache()->ticket(model->ticketId(row));
            if (ticket && ticket->editionId == u"s1-flagship")
                flagshipId = ticket->id;
        }
        if (!flagshipId.isEmpty())
            break;
    }
    if (flagshipId.isEmpty())
        return fail(QStringLiteral("no Flagship ticket in the open or recently closed queues"));
    window.selectTicket(flagshipId);
    if (!waitFor([&] { return desk.ticketPane()->ticketId() == flagshipId; }, 10000))
        return fail(QStringLiteral("the pane did not show the Flagship ticket"));
    settle();
    if (!save(&window, QStringLiteral("pane-") + suffix))
        return false;

    // New ticket for a customer whose edition has no IM group, on the IM group: the dialog says
    // the channel is not part of the plan.
    QString basicCustomer;
    for (const Customer &c : session.cache()->customers()) {
        if (c.planId == u"service-plan" && c.editionId == u"s4-basic") {
            basicCustomer = c.id;
            break;
        }
    }
    if (basicCustomer.isEmpty())
        return fail(QStringLiteral("no Basic customer"));
    desk.openNewTicket();
    auto *intake = window.findChild<IntakeDialog *>(); // the window has no other yet
    if (!intake || !waitFor([&] { return intake->isVisible(); }, 5000))
        return fail(QStringLiteral("the New ticket dialog did not open"));
    if (!intake->selectCustomer(basicCustomer))
        return fail(QStringLiteral("the New ticket dialog does not list %1").arg(basicCustomer));
    intake->setSeverity(QStringLiteral("consultation")); // chosen, as an agent would
    intake->setChannel(QStringLiteral("im-group"));
    intake->setSubject(language == Language::Chinese ? QStringLiteral("控制台登录后页面空白")
                                                     : QStringLiteral("Console blank after login"));
    if (!waitFor([&] { return !intake->problems().isEmpty(); }, 5000))
        return fail(QStringLiteral("the New ticket dialog shows no rule message"));
    settle();
    if (!save(intake, QStringLiteral("intake-") + suffix))
        return false;
    intake->reject(); // deleted later, with the window at the latest

    // The lead board, loaded.
    window.tabs()->setCurrentWidget(window.leadBoard());
    LeadBoardModel *board = window.leadBoard()->board();
    if (!waitFor([&] { return board->isLoaded() && board->board().open > 0; }, 30000))
        return fail(QStringLiteral("the lead board did not load"));
    settle(600);
    if (!save(&window, QStringLiteral("board-") + suffix))
        return false;

    // The service report of a partner Enterprise customer (the edition whose plan has service
    // reports), this month.
    QString enterprisePartner;
    for (const Customer &c : session.cache()->customers()) {
        if (c.planId == u"partner-plan" && c.editionId == u"enterprise") {
            enterprisePartner = c.id;
            break;
        }
    }
    if (enterprisePartner.isEmpty())
        return fail(QStringLiteral("no partner Enterprise customer"));
    window.leadBoard()->openServiceReport();
    auto *report = window.leadBoard()->findChild<ServiceReportDialog *>();
    if (!report || !waitFor([&] { return report->isVisible(); }, 5000))
        return fail(QStringLiteral("the service report dialog did not open"));
    report->setCustomer(enterprisePartner);
    settle();
    if (!save(report, QStringLiteral("report-") + suffix))
        return false;
    report->close();

    session.stop();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    // The user's settings (remembered language, window layout, last server) stay out of it:
    // every run starts from the same defaults.
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SupportDesk"));
    QApplication::setOrganizationName(QStringLiteral("SupportDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Renders the desk's main screens as PNGs."));
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server-program"),
                                          QStringLiteral("The supportdesk-server executable."),
                                          QStringLiteral("path"));
    const QCommandLineOption outOption(QStringLiteral("out"),
                                       QStringLiteral("Where the PNGs go (default: .)."),
                                       QStringLiteral("dir"), QStringLiteral("."));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("Languages, comma-separated."),
                                        QStringLiteral("codes"), QStringLiteral("en,zh_CN"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
                                        QStringLiteral("The window's size."),
                                        QStringLiteral("WxH"), QStringLiteral("1440x900"));
    const QCommandLineOption backlogOption(QStringLiteral("backlog"),
                                           QStringLiteral("Tickets in the demo backlog."),
                                           QStringLiteral("n"), QStringLiteral("400"));
    parser.addOptions({ serverOption, outOption, langOption, sizeOption, backlogOption });
    parser.process(app);

    const QString serverProgram = parser.value(serverOption);
    if (serverProgram.isEmpty()) {
        err() << "screenshots: --server-program is required" << Qt::endl;
        return 2;
    }
    const QRegularExpressionMatch size
            = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(parser.value(sizeOption));
    if (!size.hasMatch()) {
        err() << "screenshots: --size WxH, e.g. 1440x900" << Qt::endl;
        return 2;
    }
    QVector<Language> languages;
    for (const QString &code : parser.value(langOption).split(u',', Qt::SkipEmptyParts)) {
        if (code == u"en")
            languages << Language::English;
        else if (code.startsWith(u"zh"))
            languages << Language::Chinese;
        else {
            err() << "screenshots: unknown language " << code << Qt::endl;
            return 2;
        }
    }
    const QString out = parser.value(outOption);
    if (!QDir().mkpath(out)) {
        err() << "screenshots: cannot make " << out << Qt::endl;
        return 1;
    }

    DemoServer server;
    if (!server.start(serverProgram, home.filePath(QStringLiteral("demo.db")),
                      parser.value(backlogOption).toInt())
        || server.token(QStringLiteral("a-wangfang")).isEmpty() || server.backlog() < 0) {
        err() << "screenshots: the demo server did not start:\n" << server.log() << Qt::endl;
        return 1;
    }
    LanguageManager languageManager;
    Shooter shooter(out, QSize(size.captured(1).toInt(), size.captured(2).toInt()));
    for (const Language language : std::as_const(languages)) {
        if (!shooter.shoot(server, &languageManager, language, home.path()))
            return 1;
    }
    return 0;
}
