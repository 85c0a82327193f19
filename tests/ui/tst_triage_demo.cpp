// Triage on the real MainWindow signed in to the real demo server on loopback, in English and
// 中文 (issue 16): mail from unknown senders fed through the real `mail-ingest` shows as
// "Triage (N)" in a lead's queue list (an agent has no such entry); the triage window shows
// the mail readably; filing a partner's mail without its sub-client is refused in the plan's
// words, as the New ticket form words it; filed with one it is the customer's ticket with the
// mail's files; a decision taken elsewhere (another lead, through the API) moves the count by
// the server's hint.
#include "demodesk.h"
#include "mailcorpus.h"
#include "planrules.h"
#include "queuemodel.h"
#include "triagedialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;
using SupportDesk::Testing::corpusMailFrom;

namespace {

// Makes the mail `id` the dialog's current one: true when it is.
bool selectMail(TriageDialog *dialog, const QString &id)
{
    for (int i = 0; i < dialog->mailList()->count(); ++i)
        if (dialog->mailList()->item(i)->data(Qt::UserRole).toString() == id)
            dialog->mailList()->setCurrentRow(i);
    return dialog->mailList()->currentItem()
        && dialog->mailList()->currentItem()->data(Qt::UserRole).toString() == id;
}

} // namespace

class TestTriageDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void agentHasNoTriage();
    void leadFilesAndTheCountFollows_data();
    void leadFilesAndTheCountFollows();
    void keptByARuleSaysWhyInWords_data();
    void keptByARuleSaysWhyInWords();
    void overQuotaTakesAReason_data();
    void overQuotaTakesAReason();

private:
    QString ingest(const QByteArray &mail) const; // mail-ingest's line
    int waitingOnServer() const;
    QString triageId(const QString &messageId) const;
    // A lead's desk in `language` over its own cache (`cache`: %1 the language's code), its
    // triage window open on the mail `messageId`; null, with `error` saying why, if not.
    TriageDialog *openOnMail(Testing::DemoDesk *desk, Language language, const QString &cache,
                             const QByteArray &messageId, QString *error) const;

    QTemporaryDir m_dir;
    QString m_db;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestTriageDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("server.db"));
    QVERIFY2(m_server.start(m_db, { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                                    QStringLiteral("20"), QStringLiteral("--demo-interval"),
                                    QStringLiteral("3600") }),
             m_server.log().constData());
}

void TestTriageDemo::cleanupTestCase()
{
    m_server.stop();
}

QString TestTriageDemo::ingest(const QByteArray &mail) const
{
    QProcess p;
    p.start(QStringLiteral(SUPPORTDESK_SERVER),
            { QStringLiteral("--db"), m_db, QStringLiteral("mail-ingest") });
    if (!p.waitForStarted())
        return {};
    p.write(mail);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

int TestTriageDemo::waitingOnServer() const
{
    return int(m_server
                   .request("GET", QStringLiteral("/triage?limit=0"),
                            m_server.token(QStringLiteral("a-wangfang")))
                   .body.value(QStringLiteral("waiting"))
                   .toInteger());
}

QString TestTriageDemo::triageId(const QString &messageId) const
{
    const auto r = m_server.request("GET", QStringLiteral("/triage?limit=200"),
                                    m_server.token(QStringLiteral("a-wangfang")));
    for (const QJsonValue &m : r.body.value(QStringLiteral("mails")).toArray())
        if (m[QStringLiteral("message_id")].toString() == messageId)
            return m[QStringLiteral("id")].toString();
    return {};
}

TriageDialog *TestTriageDemo::openOnMail(Testing::DemoDesk *desk, Language language,
                                         const QString &cache, const QByteArray &messageId,
                                         QString *error) const
{
    *error = desk->start(m_server, QStringLiteral("a-wangfang"), language,
                         m_dir.filePath(cache.arg(languageCode(language))));
    if (!error->isEmpty())
        return nullptr;
    if (!QTest::qWaitFor([desk] { return desk->window->triageEntry() != nullptr; }, 20000)) {
        *error = QStringLiteral("no Triage entry in the queue list");
        return nullptr;
    }
    TriageDialog *dialog = desk->window->openTriage();
    const QString mailId = triageId(QString::fromLatin1(messageId));
    if (!dialog || !dialog->isVisible() || mailId.isEmpty()) {
        *error = QStringLiteral("no triage window, or the server holds no such mail");
        return nullptr;
    }
    if (!QTest::qWaitFor([&] { return selectMail(dialog, mailId); }, 20000)) {
        *error = QStringLiteral("the window never listed the mail");
        return nullptr;
    }
    return dialog;
}

void TestTriageDemo::agentHasNoTriage()
{
    QVERIFY(ingest(corpusMailFrom("10-unknown-sender.eml", "nobody@agent-test.example",
                                  "agent-test@agent-test.example"))
                .contains(u"triage"));
    Testing::DemoDesk desk;
    const QString started = desk.start(m_server, QStringLiteral("a-lina"), Language::English,
                                       m_dir.filePath(QStringLiteral("agent.db")));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    QCOMPARE(desk.window->queueList()->count(), int(QueueModel::QueueCount));
    QVERIFY(!desk.window->triageEntry());
    QVERIFY(!desk.window->openTriage());
}

void TestTriageDemo::leadFilesAndTheCountFollows_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestTriageDemo::leadFilesAndTheCountFollows()
{
    QFETCH(Language, language);
    const QByteArray tag = languageCode(language).toLatin1();
    const QByteArray logId = "log-" + tag + "@newcomer.example";
    const QByteArray partnerId = "partner-" + tag + "@reseller-new.example";
    const QByteArray spamId = "spam-" + tag + "@spam.example";
    // The sender is registered below: each row's is its own.
    const QString sender = QStringLiteral("wu.lei@%1.newcomer.example").arg(QLatin1String(tag));
    QVERIFY(ingest(corpusMailFrom("07-attachments.eml", "Wu Lei <" + sender.toLatin1() + '>',
                                  logId))
                .contains(u"triage (unknown-sender)"));
    QVERIFY(ingest(corpusMailFrom("11-partner-no-subclient.eml", "chen@reseller-new.example",
                                  partnerId))
                .contains(u"triage"));
    QVERIFY(ingest(corpusMailFrom("10-unknown-sender.eml", "deals@spam.example", spamId))
                .contains(u"triage"));
    const int waiting = waitingOnServer();
    QVERIFY(waiting >= 3);

    Testing::DemoDesk desk;
    const QString started = desk.start(m_server, QStringLiteral("a-wangfang"), language,
                                       m_dir.filePath(QStringLiteral("lead-%1.db")
                                                          .arg(QLatin1String(tag))));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    MainWindow *window = desk.window.get();
    QTRY_VERIFY_WITH_TIMEOUT(window->triageEntry(), 20000);
    QListWidgetItem *entry = window->triageEntry()->item();
    // "Triage (N)", in the language and its brackets as the queues' entries have them.
    const auto entryText = [language](int n) {
        return language == Language::English ? QStringLiteral("Triage (%1)").arg(n)
                                             : QStringLiteral("待分拣（%1）").arg(n);
    };
    QTRY_COMPARE_WITH_TIMEOUT(entry->text(), entryText(waiting), 20000);

    // Choosing the entry opens the window; the queue shown stays current.
    const int queueRow = window->queueList()->currentRow();
    window->queueList()->setCurrentItem(entry);
    QCOMPARE(window->queueList()->currentRow(), queueRow);
    TriageDialog *dialog = window->openTriage();
    QVERIFY(dialog && dialog->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->mailList()->count() >= 3, 20000);
    // Subject, sender and received time whole at the window's default size, with no sideways
    // scroll bar: the list was 256 px wide and scrolled to show "Wu Lei · 2026/12/6 09:51".
    {
        const QListWidget *list = dialog->mailList();
        const QFontMetrics metrics = list->fontMetrics();
        const int margins = 2 * (list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
        QTRY_VERIFY(list->viewport()->width() > 0);
        for (int i = 0; i < list->count(); ++i) {
            for (const QString &l : list->item(i)->text().split(u'\n')) {
                QVERIFY2(metrics.horizontalAdvance(l) + margins <= list->viewport()->width(),
                         qPrintable(QStringLiteral("\"%1\": %2 px in %3")
                                            .arg(l)
                                            .arg(metrics.horizontalAdvance(l) + margins)
                                            .arg(list->viewport()->width())));
            }
            QCOMPARE(list->item(i)->toolTip(), list->item(i)->text());
        }
        QVERIFY(!list->horizontalScrollBar()->isVisible());
    }

    const auto select = [dialog](const QString &id) { return selectMail(dialog, id); };
    const auto chooseCustomer = [dialog](const Customer &c) {
        dialog->customerBox()->setCurrentIndex(dialog->customerBox()->findData(c.id));
    };
    // The mail, readably: who, what, why kept, its text and files.
    QVERIFY(select(triageId(QString::fromLatin1(logId))));
    QVERIFY2(dialog->headerLabel()->text().contains(sender),
             qPrintable(dialog->headerLabel()->text()));
    QVERIFY(dialog->headerLabel()->text().contains(u"nginx error log attached"));
    QCOMPARE(dialog->textView()->toPlainText().trimmed(),
             QStringLiteral("Log and screenshot attached."));
    QVERIFY(dialog->findChildren<QLabel *>().size() > 0);
    bool filesNamed = false;
    for (const QLabel *l : dialog->findChildren<QLabel *>())
        filesNamed |= l->text().contains(u"nginx-error.log") && l->text().contains(u"截图.png");
    QVERIFY(filesNamed);

    // A partner's mail filed without its sub-client: refused in the plan's words, in the
    // desk's language, as the New ticket form says it; the mail still waits.
    const QVector<Customer> customers = desk.session->cache()->customers();
    // Enterprise: no monthly quota to refuse it for besides the sub-client.
    const auto partner = std::find_if(customers.cbegin(), customers.cend(), [](const Customer &c) {
        return !c.subClients.isEmpty() && c.editionId == u"enterprise";
    });
    const auto domestic = std::find_if(customers.cbegin(), customers.cend(), [](const Customer &c) {
        return c.planId == u"service-plan";
    });
    QVERIFY(partner != customers.cend() && domestic != customers.cend());
    const QString partnerTriage = triageId(QString::fromLatin1(partnerId));
    QVERIFY(select(partnerTriage));
    chooseCustomer(*partner);
    QVERIFY(dialog->subClientBox()->count() > 1);
    dialog->subClientBox()->setCurrentIndex(0);
    dialog->registerBox()->setChecked(false);
    dialog->fileButton()->click();
    const QString rule
        = RuleCheck::fail(QStringLiteral("sub-client-required"), {})
              .message(desk.session->catalogs().plan(partner->planId), language);
    QVERIFY(!rule.isEmpty());
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->resultLabel()->text().contains(rule),
                              qPrintable(dialog->resultLabel()->text()), 20000);
    QVERIFY(!triageId(QString::fromLatin1(partnerId)).isEmpty());

    // With the sub-client it is the partner's ticket, on the e-mail channel.
    dialog->subClientBox()->setCurrentIndex(1);
    dialog->fileButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(triageId(QString::fromLatin1(partnerId)).isEmpty(), 20000);
    const QString filedText = dialog->resultLabel()->text();
    QVERIFY2(filedText.contains(u'#'), qPrintable(filedText));

    // The mail with files for a domestic customer, its sender registered: its ticket has them.
    QVERIFY(select(triageId(QString::fromLatin1(logId))));
    chooseCustomer(*domestic);
    dialog->registerBox()->setChecked(true);
    dialog->fileButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(triageId(QString::fromLatin1(logId)).isEmpty(), 20000);
    const auto state = m_server.state(m_server.token(QStringLiteral("a-wangfang")));
    Ticket filed;
    for (const Ticket &t : state.tickets)
        if (t.customerId == domestic->id && t.subject == u"nginx error log attached"
            && t.reply.to == sender)
            filed = t;
    QVERIFY(!filed.id.isEmpty());
    QCOMPARE(filed.channel, QStringLiteral("email"));
    const auto files = m_server.request(
        "GET", QStringLiteral("/tickets/%1/attachments").arg(filed.id),
        m_server.token(QStringLiteral("a-wangfang")));
    QCOMPARE(files.body.value(QStringLiteral("attachments")).toArray().size(), 2);
    // The desk has the ticket too.
    QTRY_VERIFY_WITH_TIMEOUT(desk.session->cache()->ticket(filed.id).has_value(), 20000);

    // Another lead discards the spam through the API: the server's hint moves the count.
    const int before = waitingOnServer();
    const QString spamTriage = triageId(QString::fromLatin1(spamId));
    QVERIFY(!spamTriage.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(entry->text(), entryText(before), 20000);
    const auto discarded = m_server.request(
        "POST", QStringLiteral("/triage/") + spamTriage,
        m_server.token(QStringLiteral("a-admin")),
        { { QStringLiteral("action"), QStringLiteral("discard") },
          { QStringLiteral("reason"), QStringLiteral("spam") } });
    QCOMPARE(discarded.status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(entry->text(), entryText(before - 1), 20000);
    const auto listed = [dialog](const QString &id) {
        for (int i = 0; i < dialog->mailList()->count(); ++i)
            if (dialog->mailList()->item(i)->data(Qt::UserRole).toString() == id)
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!listed(spamTriage), 20000);

    // For a person to look at (docs/screenshots is the lead's).
    if (dialog->mailList()->count() > 0)
        dialog->mailList()->setCurrentRow(0);
    dialog->grab().save(m_dir.filePath(QStringLiteral("triage-%1.png").arg(QLatin1String(tag))));
    if (qEnvironmentVariableIsSet("TRIAGE_PNG_DIR")) {
        dialog->grab().save(QDir(qEnvironmentVariable("TRIAGE_PNG_DIR"))
                                .filePath(QStringLiteral("triage-%1.png").arg(QLatin1String(tag))));
        window->grab().save(QDir(qEnvironmentVariable("TRIAGE_PNG_DIR"))
                                .filePath(QStringLiteral("window-%1.png").arg(QLatin1String(tag))));
    }
}

QTEST_MAIN(TestTriageDemo)
void TestTriageDemo::keptByARuleSaysWhyInWords_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// A mail from a customer's registered sender that the plan's rules refused says why in the
// rule's words, in the desk's language, as the New ticket form says it: the dialog showed the
// gateway's code and arguments ("Kept because the plan's rules refused the ticket
// (quota-exceeded 21 10)", "(sub-client-required)"), in 中文 too.
void TestTriageDemo::keptByARuleSaysWhyInWords()
{
    QFETCH(Language, language);
    const QByteArray tag = languageCode(language).toLatin1();
    const QByteArray id = "why-" + tag + "@p-northwind.example";
    // Northwind (partner Enterprise, no monthly quota): a mail that names no sub-client.
    const QString line = ingest(corpusMailFrom("11-partner-no-subclient.eml",
                                               "ops@p-northwind.example", id));
    QVERIFY2(line.contains(u"sub-client-required"), qPrintable(line));
    Testing::DemoDesk desk;
    QString error;
    TriageDialog *dialog = openOnMail(&desk, language, QStringLiteral("why-%1.db"), id, &error);
    QVERIFY2(dialog, qPrintable(error));
    const QString header = dialog->headerLabel()->text();
    QVERIFY2(header.contains(RuleCheck::fail(QStringLiteral("sub-client-required"))
                                     .message(nullptr, language)),
             qPrintable(header));
    QVERIFY2(!header.contains(u"sub-client-required"), qPrintable(header));
    // Received as the list beside it writes it (the desk's short date and time, its language):
    // the header wrote "2026年12月6日星期日 UTC 09:51:10" beside "2026/12/6 09:51".
    const QString item = dialog->mailList()->currentItem()->text();
    const QString listed = item.mid(item.lastIndexOf(QStringLiteral(" · ")) + 3);
    QVERIFY2(!listed.isEmpty() && header.contains(listed), qPrintable(header + u'|' + listed));
}

void TestTriageDemo::overQuotaTakesAReason_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// A partner's mail past its monthly quota waits in triage, and a lead takes it in from there
// with a reason, as New ticket does (`quota_override_reason` of POST /triage/{id}): the field
// shows when the plan says the quota is used up, File waits for a reason, and the server's
// ticket carries it, flagged over quota. The window had no such field and sent the lead to
// New ticket.
void TestTriageDemo::overQuotaTakesAReason()
{
    QFETCH(Language, language);
    const QByteArray tag = languageCode(language).toLatin1();
    // Bluefin (partner Standard, 10 a month): mails from its registered sender naming its
    // sub-client are its tickets until the quota is used; the next waits in triage.
    QByteArray id;
    QString line;
    for (int n = 0; n < 40 && !line.contains(u"quota-exceeded"); ++n) {
        id = "quota-" + tag + '-' + QByteArray::number(n) + "@p-bluefin.example";
        line = ingest(corpusMailFrom("11-partner-no-subclient.eml", "ops@p-bluefin.example", id)
                              .replace("Subject: ", "Subject: (p-bluefin-sub-1) "));
    }
    QVERIFY2(line.contains(u"quota-exceeded"), qPrintable(line));
    Testing::DemoDesk desk;
    QString error;
    TriageDialog *dialog = openOnMail(&desk, language, QStringLiteral("quota-%1.db"), id, &error);
    QVERIFY2(dialog, qPrintable(error));
    const QVector<Customer> customers = desk.session->cache()->customers();
    const auto bluefin = std::find_if(customers.cbegin(), customers.cend(),
                                      [](const Customer &c) { return c.id == u"p-bluefin"; });
    QVERIFY(bluefin != customers.cend());
    const PlanCatalog *plan = desk.session->catalogs().plan(bluefin->planId);
    // Why it was kept, in the plan's words; the reason is asked for beside the field.
    const QString fact = RuleCheck::fail(QStringLiteral("quota-exceeded"),
                                         { QStringLiteral("11"), QStringLiteral("10") })
                                 .message(plan, language);
    const QString formWords = RuleCheck::quotaReasonAsked({ QStringLiteral("11"),
                                                            QStringLiteral("10") });
    const QString asksReason
            = formWords.mid(std::max(formWords.lastIndexOf(u')'), formWords.lastIndexOf(u'）')) + 1);
    // (The count is the month's: each row files one past it.)
    QVERIFY2(dialog->headerLabel()->text().contains(fact.left(fact.indexOf(u"11"))),
             qPrintable(dialog->headerLabel()->text()));
    QVERIFY2(!dialog->headerLabel()->text().contains(asksReason.chopped(1)),
             qPrintable(dialog->headerLabel()->text()));
    // No customer chosen: no quota, no field.
    QVERIFY(dialog->overrideBox()->isHidden());
    dialog->customerBox()->setCurrentIndex(dialog->customerBox()->findData(bluefin->id));
    dialog->subClientBox()->setCurrentIndex(
            dialog->subClientBox()->findData(QStringLiteral("p-bluefin-sub-1")));
    dialog->registerBox()->setChecked(false);
    // The desk counts the partner's month as New ticket does: over, so a reason is asked for,
    // with the New ticket form's words, and nothing is filed without one.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->overrideBox()->isHidden(), 20000);
    QCOMPARE(dialog->overrideBox()->text(), QString());
    QVERIFY2(dialog->quotaLabel()->text().contains(asksReason.chopped(1)),
             qPrintable(dialog->quotaLabel()->text()));
    QVERIFY(!dialog->fileButton()->isEnabled());
    // A blank reason is no reason.
    dialog->overrideBox()->setText(QStringLiteral("   "));
    QVERIFY(!dialog->fileButton()->isEnabled());
    const QString reason = QStringLiteral("Sub-client outage, agreed with the partner (%1)")
                                   .arg(QLatin1String(tag));
    dialog->overrideBox()->setText(reason);
    QVERIFY(dialog->fileButton()->isEnabled());
    QVERIFY(!dialog->quotaLabel()->text().contains(asksReason.chopped(1)));
    dialog->fileButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(triageId(QString::fromLatin1(id)).isEmpty(), 20000);
    QTRY_VERIFY2_WITH_TIMEOUT(dialog->resultLabel()->text().contains(u'#'),
                              qPrintable(dialog->resultLabel()->text()), 20000);
    // The server's ticket: the partner's, past the quota with the lead's reason, flagged.
    const auto state = m_server.state(m_server.token(QStringLiteral("a-wangfang")));
    const auto filed = std::find_if(state.tickets.cbegin(), state.tickets.cend(),
                                    [&reason](const Ticket &t) {
                                        return t.quotaOverrideReason == reason;
                                    });
    QVERIFY(filed != state.tickets.cend());
    QCOMPARE(filed->customerId, bluefin->id);
    QVERIFY(filed->flags.contains(QStringLiteral("over-quota")));
    QCOMPARE(filed->channel, QStringLiteral("email"));
}

#include "tst_triage_demo.moc"
