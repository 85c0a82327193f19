// Where a reply goes, said above the composer before the agent sends (issue 16): the real
// MainWindow on the real server on loopback, with a ticket that came by e-mail (the real
// mail-ingest), one an IM group opened (its signed webhook) and one made in the desk, in
// English and in Chinese; a note says it never leaves. The queue's channel column says the
// channel the customer used (E-mail, not Ticket, for the mail).
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "serverfixture.h"
#include "ticketpane.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;
using namespace SupportDesk::Testing;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestReplyRoute : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void paneSaysWhereTheReplyGoes();

private:
    QTemporaryDir m_dir;
    TestStore m_store;
    ServerProcess m_server;
    QString m_token;
    QString m_mailTicket;
    QString m_imTicket;
    QString m_deskTicket;
};

void TestReplyRoute::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_replyroute"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    const QString opened = m_store.open(m_dir.path(), QStringLiteral("desk.db"));
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const QString db = m_store.db();
    const QString corpus = QStringLiteral(MAIL_CORPUS);
    // The group's replies would go to a port nobody listens on: this test sends none.
    const QByteArray secret = addAcmeChannels(db, corpus, QStringLiteral("g-acme"),
                                              QStringLiteral("阿里云-ACME 运维群"),
                                              QStringLiteral("http://127.0.0.1:9/hook"));
    QVERIFY(!secret.isEmpty());
    m_token = addAgent(db, QStringLiteral("a-lead"), QStringLiteral("lead"));
    QVERIFY(!m_token.isEmpty());

    // A customer's mail, as Postfix hands it over.
    m_mailTicket = ingestMailFile(db, corpus + QStringLiteral("/01-foxmail-gbk-new.eml"));
    QVERIFY(!m_mailTicket.isEmpty());

    QVERIFY(m_server.startListening(db));
    // The group's message, signed as its webhook signs.
    QNetworkAccessManager net;
    QNetworkReply *reply = postImMessage(
            net, m_server.url(), QStringLiteral("g-acme"), secret,
            { { QStringLiteral("message_id"), uuid() },
              { QStringLiteral("sender"), QStringLiteral("张伟") },
              { QStringLiteral("text"), QStringLiteral("CLB 健康检查失败") } });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(20000));
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    delete reply;
    m_imTicket = answer.value(QStringLiteral("ticket_id")).toString();
    QVERIFY2(!m_imTicket.isEmpty(), qPrintable(QJsonDocument(answer).toJson()));
    // What the customer writes next: the group's next message, and a mail answering the
    // acknowledgement (shown as theirs in the conversation).
    reply = postImMessage(net, m_server.url(), QStringLiteral("g-acme"), secret,
                          { { QStringLiteral("message_id"), uuid() },
                            { QStringLiteral("sender"), QStringLiteral("张伟") },
                            { QStringLiteral("text"), QStringLiteral("还是失败") } });
    QSignalSpy followed(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || followed.wait(20000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    delete reply;
    QFile answerMail(corpus + QStringLiteral("/04-gmail-reply.eml"));
    QVERIFY(answerMail.open(QIODevice::ReadOnly));
    const CommandRun replied = runServerCommand(
            { QStringLiteral("--db"), db, QStringLiteral("mail-ingest") }, answerMail.readAll());
    QVERIFY2(replied.exitCode == 0 && replied.output.contains(m_mailTicket),
             qPrintable(replied.output));

    // And one an agent makes in the desk.
    m_deskTicket = uuid();
    QNetworkRequest ops(QUrl(m_server.url().toString() + QStringLiteral("/api/v1/ops")));
    ops.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    ops.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    const QJsonObject op {
        { QStringLiteral("op_id"), uuid() },
        { QStringLiteral("type"), QStringLiteral("create-ticket") },
        { QStringLiteral("ticket_id"), m_deskTicket },
        { QStringLiteral("base_version"), 0 },
        { QStringLiteral("payload"),
          QJsonObject { { QStringLiteral("customer_id"), QStringLiteral("c-acme") },
                        { QStringLiteral("subject"), QStringLiteral("Phoned in") },
                        { QStringLiteral("channel"), QStringLiteral("hotline") },
                        { QStringLiteral("severity"), QStringLiteral("consultation") } } }
    };
    const QJsonObject batch { { QStringLiteral("ops"), QJsonArray { op } } };
    reply = net.post(ops, QJsonDocument(batch).toJson(QJsonDocument::Compact));
    QSignalSpy posted(reply, &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || posted.wait(20000));
    const QByteArray result = reply->readAll();
    delete reply;
    QVERIFY2(result.contains("\"applied\""), result.constData());
}

void TestReplyRoute::cleanupTestCase()
{
    m_server.terminate();
    m_store.stop();
}

void TestReplyRoute::paneSaysWhereTheReplyGoes()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    Testing::DemoDesk demo;
    QVERIFY(demo.open(SessionConfig::forServer(m_server.url(), m_token,
                                               m_dir.filePath(QStringLiteral("c.sqlite"))),
                      m_server.url(), &languages));
    MainWindow &window = *demo.window;
    DeskSession &session = *demo.session;
    QTRY_COMPARE_WITH_TIMEOUT(window.queueModel()->ticketCount(), 3, 10000);
    auto *pane = qobject_cast<TicketPane *>(window.ticketPane());
    QVERIFY(pane);
    QLabel *route = pane->replyRouteLabel();

    struct Case
    {
        QString ticket;
        QString english;
        QString chinese;
        // The queue's channel column: the channel the customer used (the catalog's names).
        QString channelEnglish;
        QString channelChinese;
        // The heading of the customer's own message in the conversation, if any (`{}`: a case
        // without one leaves them out on purpose).
        QString customerEnglish {};
        QString customerChinese {};
    };
    const QVector<Case> cases {
        { m_mailTicket, QStringLiteral("By e-mail to li.wei@acme.cn"),
          QStringLiteral("通过电子邮件发送至 li.wei@acme.cn"), QStringLiteral("E-mail"),
          QStringLiteral("邮件"),
          QStringLiteral("From the customer · ACME 科技 <li.wei@acme.cn> · E-mail · "),
          QStringLiteral("客户来信 · ACME 科技 <li.wei@acme.cn> · 邮件 · ") },
        { m_imTicket, QStringLiteral("To the WeCom group 阿里云-ACME 运维群"),
          QStringLiteral("发送到企业微信群 阿里云-ACME 运维群"),
          QStringLiteral("IM enterprise group"), QStringLiteral("IM 企业群"),
          QStringLiteral("From the customer · ACME 科技 · IM enterprise group · "),
          QStringLiteral("客户来信 · ACME 科技 · IM 企业群 · ") },
        { m_deskTicket, QStringLiteral("In the console: no e-mail or IM route for this ticket"),
          QStringLiteral("客户在控制台查看：此工单无邮件或 IM 渠道"),
          QStringLiteral("Hotline"), QStringLiteral("热线") },
    };
    for (const Language language : { Language::English, Language::Chinese }) {
        QVERIFY(languages.setLanguage(language, false));
        // Every widget's LanguageChange now, not only the label's, so the grab shows one
        // language (the label's own text is checked as soon as it is set).
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        for (const Case &c : cases) {
            QueueModel *queue = window.queueModel();
            const int row = queue->rowOfTicket(c.ticket);
            QVERIFY(row >= 0);
            QCOMPARE(queue->index(row, QueueModel::ChannelColumn).data().toString(),
                     language == Language::English ? c.channelEnglish : c.channelChinese);
            pane->showTicket(c.ticket);
            if (!c.customerEnglish.isEmpty()) {
                // The customer's words are theirs, told apart from the desk's replies in words.
                const QString heading = language == Language::English ? c.customerEnglish
                                                                      : c.customerChinese;
                QTRY_VERIFY2(pane->conversationText().contains(heading),
                             qPrintable(pane->conversationText()));
                QVERIFY(!pane->conversationText().contains(
                        language == Language::English ? QStringLiteral("Public reply")
                                                      : QStringLiteral("公开回复")));
            }
            pane->setComposerMode(TicketPane::ComposerMode::Reply);
            QTRY_COMPARE(route->text(),
                         language == Language::English ? c.english : c.chinese);
            QVERIFY(route->isVisible());
            // A note never leaves, whatever the ticket's route.
            pane->setComposerMode(TicketPane::ComposerMode::Note);
            QTRY_COMPARE(route->text(),
                         language == Language::English
                                 ? QStringLiteral("Internal note: never leaves the desk")
                                 : QStringLiteral("内部备注：永不外发"));
        }
        pane->showTicket(m_imTicket);
        pane->setComposerMode(TicketPane::ComposerMode::Reply);
        const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                     .filePath(QStringLiteral("supportdesk-replyroute-%1.png")
                                                       .arg(language == Language::English
                                                                    ? QStringLiteral("en")
                                                                    : QStringLiteral("zh")));
        QVERIFY(window.grab().save(shot));
        qInfo("the pane: %s", qPrintable(shot));
    }
    QVERIFY(languages.setLanguage(Language::English, false));
    session.stop();
}

QTEST_MAIN(TestReplyRoute)
#include "tst_replyroute.moc"
