// supportdesk: the agent desk client.
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "ticketcache.h"
#include "transport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDir>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTextStream>
#include <QUrl>

using namespace SupportDesk;

// One cache file per server, named by a hash of its URL, for the account signed in last; the
// session parks another account's cache beside it (DeskSession::parkedCachePath).
static QString defaultCachePath(const QUrl &server)
{
    const QByteArray key
        = QCryptographicHash::hash(server.toString(QUrl::StripTrailingSlash).toUtf8(),
                                   QCryptographicHash::Sha1)
              .toHex()
              .left(16);
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("desk-%1.sqlite").arg(QString::fromLatin1(key)));
}

static int fail(const QString &message)
{
    QMessageBox::critical(nullptr, QApplication::translate("main", "SupportDesk"), message);
    return 1;
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SupportDesk"));
    QApplication::setOrganizationName(QStringLiteral("SupportDesk"));
    QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    // The desktop entry and icon the package installs (packaging/): Wayland compositors and
    // docks match the window to them by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.supportdesk.SupportDesk"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.supportdesk.SupportDesk")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "The SupportDesk agent desk."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"),
        QApplication::translate(
            "main", "The ticket server, e.g. http://127.0.0.1:8080 (default: the last one used)."),
        QStringLiteral("url"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QApplication::translate(
            "main", "The agent's API token (default: the SUPPORTDESK_TOKEN environment variable)."),
        QStringLiteral("token"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QApplication::translate("main", "Language: zh_CN or en."),
                                        QStringLiteral("code"));
    const QCommandLineOption cacheOption(
        QStringLiteral("cache"),
        QApplication::translate(
            "main",
            "The local cache file (default: one per server in the application data folder)."),
        QStringLiteral("path"));
    const QCommandLineOption caOption(
        QStringLiteral("ca-file"),
        QApplication::translate("main",
                                "A CA certificate file (PEM) to trust besides the system's, for "
                                "a server whose certificate a company CA signed (default: the "
                                "one in Settings)."),
        QStringLiteral("path"));
    parser.addOptions({ serverOption, tokenOption, langOption, cacheOption, caOption });
    parser.process(app);

    LanguageManager languages;
    const QString lang = parser.value(langOption);
    if (parser.isSet(langOption) && lang != u"en" && !lang.startsWith(u"zh")) {
        QTextStream(stderr)
            << QApplication::translate("main", "--lang: expected zh_CN or en, got \"%1\"").arg(lang)
            << '\n';
        return 2;
    }
    languages.setLanguage(LanguageManager::initialLanguage(lang), parser.isSet(langOption));

    // The last server is the one the Settings dialog shows (desk/serverUrl); earlier versions
    // kept it under a key of its own, which left the dialog's address empty.
    QSettings settings;
    const QString oldServerKey = QStringLiteral("session/lastServer");
    QString serverText = parser.value(serverOption);
    if (serverText.isEmpty())
        serverText = Settings::load().serverUrl.toString();
    if (serverText.isEmpty())
        serverText = settings.value(oldServerKey).toString();
    if (serverText.isEmpty()) {
        return fail(QApplication::translate(
            "main",
            "No ticket server given.\n\nStart SupportDesk with --server URL and "
            "--token TOKEN (or set SUPPORTDESK_TOKEN), for example:\n"
            "supportdesk --server http://127.0.0.1:8080 --token …\n\n"
            "`make run` starts a demo server and signs in to it."));
    }
    const QUrl server = QUrl::fromUserInput(serverText);
    if (!server.isValid() || (server.scheme() != u"http" && server.scheme() != u"https")
        || server.host().isEmpty()) {
        return fail(QApplication::translate(
                        "main", "\"%1\" is not a server address; give one like http://host:8080.")
                        .arg(serverText));
    }
    QString token = parser.value(tokenOption);
    if (token.isEmpty())
        token = qEnvironmentVariable("SUPPORTDESK_TOKEN");
    const QString cachePath
        = parser.isSet(cacheOption) ? parser.value(cacheOption) : defaultCachePath(server);
    if (!QDir().mkpath(QFileInfo(cachePath).absolutePath()))
        return fail(QApplication::translate("main", "The folder for the cache cannot be made: %1")
                        .arg(cachePath));

    // A company CA, trusted besides the system's: --ca-file for this run, else Settings'.
    // A file given on the command line that cannot be read stops the start; one from
    // Settings does not (the user can fix it there), and the server's certificate may then
    // be refused, which the desk shows.
    QList<QSslCertificate> extraCas;
    const QString caFile = parser.isSet(caOption) ? parser.value(caOption)
                                                  : Settings::load().caFile;
    if (!caFile.isEmpty()) {
        QString caError;
        extraCas = HttpTransport::readCaFile(caFile, &caError);
        if (!caError.isEmpty()) {
            if (parser.isSet(caOption))
                return fail(caError);
            QMessageBox::warning(nullptr, QApplication::translate("main", "SupportDesk"),
                                 caError);
        }
    }

    DeskSession session;
    const SessionConfig config = SessionConfig::forServer(server, token, cachePath, extraCas);
    TicketCache::OpenStatus status = session.open(config);
    if (status == TicketCache::OpenStatus::NewerSchema) {
        const auto answer = QMessageBox::question(
            nullptr, QApplication::translate("main", "SupportDesk"),
            QApplication::translate(
                "main",
                "The local cache %1 was written by a newer SupportDesk. Start it over from "
                "the server? Edits not yet sent in it are lost.")
                .arg(cachePath));
        if (answer != QMessageBox::Yes || !session.cache()->discardAndRecreate())
            return 1;
        status = session.open(config);
    } else if (status == TicketCache::OpenStatus::Corrupt) {
        QString movedTo;
        int salvaged = 0;
        if (!session.cache()->recoverFromCorruption(&movedTo, &salvaged))
            return fail(session.errorString());
        QMessageBox::warning(
            nullptr, QApplication::translate("main", "SupportDesk"),
            QApplication::translate("main",
                                    "The local cache was damaged and was moved to %1. %n unsent "
                                    "edit(s) were saved from it; the rest comes again from the "
                                    "server.",
                                    nullptr, salvaged)
                .arg(movedTo));
        status = session.open(config);
    }
    if (status != TicketCache::OpenStatus::Ok)
        return fail(QApplication::translate("main", "The local cache %1 cannot be opened: %2")
                        .arg(cachePath, session.errorString()));
    Settings deskSettings = Settings::load();
    deskSettings.serverUrl = server;
    deskSettings.save();
    settings.remove(oldServerKey);

    MainWindow window(&session, &languages);
    DeskController desk(&session, &window, server);
    window.show();
    desk.signIn(token); // the given token, else the keychain's, else the settings dialog asks
    const int code = app.exec();
    session.stop();
    return code;
}
