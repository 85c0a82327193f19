// Attachments in the real MainWindow signed in to the real demo server on loopback
// (docs/attachments.md): the ticket pane lists another desk's files with name, size and type,
// previews the image (decoded off the GUI thread) and the log, opens a temporary copy under
// the sanitised name and saves; a file over the limit dropped on the composer is refused with
// a message, a small one is sent with the reply and reaches the server once. Grabs of the
// pane in English and 中文 go to the temp directory.
#include "attachmentpanel.h"
#include "attachmenttray.h"
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "realserver.h"
#include "ticketpane.h"
#include "timeformat.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QDir>
#include <QDropEvent>
#include <QJsonArray>
#include <QListWidget>
#include <QMimeData>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace SupportDesk;

// Receives what the desk asks the desktop to open (QDesktopServices::setUrlHandler).
class OpenedUrls : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
    QByteArray firstContent;
public slots:
    void open(const QUrl &url)
    {
        urls.append(url);
        QFile f(url.toLocalFile());
        if (urls.size() == 1 && f.open(QIODevice::ReadOnly))
            firstContent = f.readAll();
    }
};

class TestAttachmentsDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void paneListsPreviewsOpensAndSends();

private:
    int upload(const QString &ticketId, const QString &name, const QByteArray &data);
    QJsonArray serverAttachments(const QString &ticketId) const;
    QString token() const { return m_server.token(QStringLiteral("a-zhangwei")); }

    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestAttachmentsDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_attachments_demo"));
    QSettings().clear();
    const QString problem = Testing::DemoDesk::startDemoServer(
        m_server, m_dir, 40, {QStringLiteral("--max-attachment"), QStringLiteral("200000")});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!token().isEmpty());
}

void TestAttachmentsDemo::cleanupTestCase()
{
    m_server.stop();
}

int TestAttachmentsDemo::upload(const QString &ticketId, const QString &name,
                                const QByteArray &data)
{
    QNetworkAccessManager net;
    QNetworkRequest request(
        QUrl(m_server.url().toString()
             + QStringLiteral("/api/v1/tickets/%1/attachments?name=%2")
                   .arg(ticketId, QString::fromLatin1(QUrl::toPercentEncoding(name)))));
    request.setRawHeader("Authorization", "Bearer " + token().toUtf8());
    QNetworkReply *reply = net.post(request, data);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

QJsonArray TestAttachmentsDemo::serverAttachments(const QString &ticketId) const
{
    return m_server.request("GET", QStringLiteral("/tickets/%1/attachments").arg(ticketId), token())
        .body.value(QStringLiteral("attachments"))
        .toArray();
}

void TestAttachmentsDemo::paneListsPreviewsOpensAndSends()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    const Testing::RealServer::State state = m_server.state(token());
    QStringList open;
    for (const Ticket &t : state.tickets) {
        if (t.status != TicketStatus::Closed && t.status != TicketStatus::Resolved)
            open.append(t.id);
    }
    std::sort(open.begin(), open.end());
    QVERIFY2(!open.isEmpty(), qPrintable(QString::number(state.tickets.size())));
    const QString ticketId = open.first();

    // Another desk's files: a screenshot (red over blue, 800 × 600) and a log.
    QImage shot(800, 600, QImage::Format_RGB32);
    shot.fill(Qt::blue);
    QPainter(&shot).fillRect(0, 0, 400, 600, Qt::red);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(shot.save(&buffer, "PNG"));
    QCOMPARE(upload(ticketId, QStringLiteral("screen shot.png"), png), 201);
    const QByteArray log = "2026-05-01 08:00:01 ERROR nginx: upstream timed out\n"
                           "2026-05-01 08:00:02 WARN 磁盘空间不足\n";
    QCOMPARE(upload(ticketId, QStringLiteral("../../nginx error.log"), log), 201);

    Testing::DemoDesk demo;
    QVERIFY(demo.open(SessionConfig::forServer(m_server.url(), token(),
                                               m_dir.filePath(QStringLiteral("c.sqlite"))),
                      m_server.url(), &languages));
    MainWindow &window = *demo.window;
    DeskSession &session = *demo.session;
    DeskController &desk = *demo.controller;
    TicketPane *pane = desk.ticketPane();
    QVERIFY(pane);
    QVERIFY(window.selectTicket(ticketId) || (pane->showTicket(ticketId), true));
    QTRY_COMPARE(pane->ticketId(), ticketId);
    AttachmentPanel *panel = pane->attachmentPanel();
    QTreeWidget *list = panel->list();
    QTRY_COMPARE(list->topLevelItemCount(), 2);
    QVERIFY(panel->isVisible());
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("screen shot.png"));
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("PNG image"));
    QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("nginx error.log"));
    QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("Text"));
    QCOMPARE(list->topLevelItem(1)->text(1), Attachments::formatSize(log.size()));
    QVERIFY(list->topLevelItem(1)->toolTip(0).contains(QStringLiteral("张伟")));
    // When, in the desk's display zone as every time the desk shows (it read the machine's zone:
    // eight hours off on a machine on UTC). The zone chosen as Settings does: set, then every
    // view told to write its times again.
    TimeFormat::setDisplayZone(QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
    QEvent zoneChange(QEvent::LanguageChange);
    QCoreApplication::sendEvent(panel, &zoneChange);
    QTRY_COMPARE(list->topLevelItemCount(), 2);
    const QDateTime uploadedAt = Json::parseTimestamp(
            serverAttachments(ticketId).at(0).toObject().value(QStringLiteral("created_at")).toString());
    QVERIFY(uploadedAt.isValid());
    const QString when = TimeFormat::dateTime(uploadedAt);
    bool named = false;
    for (int i = 0; i < 2; ++i)
        named = named || list->topLevelItem(i)->toolTip(0).contains(when);
    QVERIFY2(named, qPrintable(list->topLevelItem(0)->toolTip(0) + QStringLiteral(" / ") + when));

    // The image: downloaded on the session's transport, decoded scaled on a pool thread.
    QSignalSpy previewed(panel, &AttachmentPanel::previewReady);
    list->topLevelItem(0)->setSelected(true);
    QVERIFY(previewed.wait(10000));
    const QImage preview = panel->previewImage();
    QVERIFY2(!preview.isNull(), qPrintable(panel->message()));
    QVERIFY(preview.width() <= 640 && preview.height() <= 480);
    QCOMPARE(QColor(preview.pixel(2, preview.height() / 2)), QColor(Qt::red));
    QCOMPARE(QColor(preview.pixel(preview.width() - 3, preview.height() / 2)), QColor(Qt::blue));
    QVERIFY(session.attachments()->bytes(Attachments::sha256Hex(png))); // kept for next time
    const QString shots = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    QVERIFY(
        window.grab().save(QDir(shots).filePath(QStringLiteral("supportdesk-attachments-en.png"))));

    // The log, as text.
    list->topLevelItem(0)->setSelected(false);
    list->topLevelItem(1)->setSelected(true);
    QTRY_VERIFY(panel->previewText().contains(QStringLiteral("磁盘空间不足")));

    // Opened from a temporary copy under its sanitised name; saved where asked.
    OpenedUrls opened;
    QDesktopServices::setUrlHandler(QStringLiteral("file"), &opened, "open");
    QVERIFY(panel->openSelected());
    QTRY_COMPARE(opened.urls.size(), 1);
    QDesktopServices::unsetUrlHandler(QStringLiteral("file"));
    QCOMPARE(QFileInfo(opened.urls.at(0).toLocalFile()).fileName(),
             QStringLiteral("nginx error.log"));
    QCOMPARE(opened.firstContent, log);
    const QString savedPath = m_dir.filePath(QStringLiteral("saved.log"));
    QVERIFY(panel->saveSelected(savedPath));
    QTRY_VERIFY(QFile::exists(savedPath));
    QFile saved(savedPath);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), log);

    // Dropped on the composer: over the limit refused with a message, the small one attached.
    // The limit is the server's (--max-attachment 200000, told by GET /me), not the desk's
    // default of 4 MiB: a file the server would refuse is refused here, before it waits.
    AttachmentTray *tray = pane->attachmentTray();
    QCOMPARE(tray->maxBytes(), 200000);
    QCOMPARE(session.maxAttachmentBytes(), 200000);
    QVERIFY2(tray->attachButton()->toolTip().contains(Attachments::formatSize(200000)),
             qPrintable(tray->attachButton()->toolTip()));
    const QString big = m_dir.filePath(QStringLiteral("core.dump"));
    const QString small = m_dir.filePath(QStringLiteral("config.txt"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(300000, 'x'));
        QFile g(small);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("worker_processes 4;\n");
    }
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(big), QUrl::fromLocalFile(small) });
    // As a drag from a file manager arrives: entered (accepted for files), then dropped.
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(pane->composer()->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(pane->composer()->viewport(), &drop);
    QCOMPARE(tray->files().size(), 1);
    QCOMPARE(tray->files().at(0).name, QStringLiteral("config.txt"));
    QVERIFY2(tray->message().contains(QStringLiteral("core.dump")), qPrintable(tray->message()));
    QVERIFY(pane->composer()->toPlainText().isEmpty()); // not pasted in as a path
    QVERIFY(
        window.grab().save(QDir(shots).filePath(QStringLiteral("supportdesk-attach-tray-en.png"))));

    QVERIFY(languages.setLanguage(Language::Chinese, false));
    QTRY_VERIFY(panel->title().startsWith(QStringLiteral("附件")));
    // The refusal is worded again in the language switched to, not left in English.
    QVERIFY2(tray->message().startsWith(QStringLiteral("core.dump 大小为")),
             qPrintable(tray->message()));
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("PNG 图片"));
    QVERIFY(
        window.grab().save(QDir(shots).filePath(QStringLiteral("supportdesk-attachments-zh.png"))));
    QVERIFY(languages.setLanguage(Language::English, false));

    // Sent with the reply: the file reaches the server once, and the pane lists it.
    const QString body = QStringLiteral("The config you asked for.");
    pane->composer()->setPlainText(body);
    QVERIFY(pane->sendComposer());
    QVERIFY(tray->files().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(int(serverAttachments(ticketId).size()), 3, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(session.cache()->pendingCount(), 0, 20000);
    int replies = 0;
    for (const Message &m : m_server.state(token()).messages.value(ticketId))
        replies += m.body == body;
    QCOMPARE(replies, 1);
    const QJsonObject sent = serverAttachments(ticketId).at(2).toObject();
    QCOMPARE(sent.value(QStringLiteral("name")).toString(), QStringLiteral("config.txt"));
    // Linked to the reply it went with (its message), in the server and in the desk's cache.
    QString replyId;
    for (const Message &m : m_server.state(token()).messages.value(ticketId)) {
        if (m.body == body)
            replyId = m.id;
    }
    QCOMPARE(sent.value(QStringLiteral("message_id")).toString(), replyId);
    QTRY_COMPARE(session.attachments()->record(sent.value(QStringLiteral("id")).toString())
                         .value_or(AttachmentRecord())
                         .messageId,
                 replyId);
    // A reply moves the selection on to the next ticket to work on (the queue merges the
    // agent's own edit at once): the agent goes back to this one.
    if (pane->ticketId() != ticketId)
        QVERIFY(window.selectTicket(ticketId) || (pane->showTicket(ticketId), true));
    QTRY_COMPARE(pane->ticketId(), ticketId);
    QTRY_COMPARE(list->topLevelItemCount(), 3);
    QTRY_VERIFY(!list->topLevelItem(2)->toolTip(0).contains(QStringLiteral("waiting")));
    // The conversation shows the file under the reply it went with (linked by the server);
    // the other desk's uploads, which no message named, are under none.
    const QString filesLine = QStringLiteral("Files: config.txt (%1)")
                                  .arg(Attachments::formatSize(20));
    QTRY_VERIFY2(pane->conversationText().contains(body + u'\n' + filesLine),
                 qPrintable(pane->conversationText()));
    QVERIFY(!pane->conversationText().contains(QStringLiteral("screen shot.png")));
    QVERIFY(languages.setLanguage(Language::Chinese, false));
    QTRY_VERIFY2(pane->conversationText().contains(QStringLiteral("文件：config.txt")),
                 qPrintable(pane->conversationText()));
    QVERIFY(window.grab().save(
        QDir(shots).filePath(QStringLiteral("supportdesk-files-under-reply-zh.png"))));
    QVERIFY(languages.setLanguage(Language::English, false));
    QVERIFY(window.grab().save(
        QDir(shots).filePath(QStringLiteral("supportdesk-files-under-reply-en.png"))));
}

QTEST_MAIN(TestAttachmentsDemo)
#include "tst_attachments_demo.moc"
