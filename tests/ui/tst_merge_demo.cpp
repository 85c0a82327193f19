// Merge and link on the real MainWindow, signed in to the real demo server on loopback
// (docs/merge.md), in English and 中文: Ticket → Merge into… with the customer's tickets found
// by number, the duplicate's pane saying "Merged into #N" as a link that opens the target, the
// target's Links tab listing what was merged into it, a chain refused in words before
// anything is sent, and a link made and listed with its status.
#include "demodesk.h"
#include "linkspanel.h"
#include "mergedialog.h"
#include "queuemodel.h"
#include "settledgrab.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace SupportDesk;

class TestMergeDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void mergeAndLink_data();
    void mergeAndLink();

private:
    QString create(const QString &customerId, const QString &subject);
    Ticket serverTicket(const QString &id) const
    {
        return m_server.state(m_server.token(Lead)).tickets.value(id);
    }
    template<typename Dialog>
    static Dialog *openDialog(QWidget *in)
    {
        Dialog *found = nullptr;
        (void)QTest::qWaitFor(
                [&] { return (found = in->findChild<Dialog *>()) && found->isVisible(); },
                5000);
        return found;
    }

    const QString Lead = QStringLiteral("a-wangfang");
    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

QString TestMergeDemo::create(const QString &customerId, const QString &subject)
{
    TicketEdit edit;
    edit.type = OpType::CreateTicket;
    edit.customerId = customerId;
    edit.subClient = customerId + QStringLiteral("-sub-1");
    edit.subject = subject;
    edit.body = subject;
    edit.channel = QStringLiteral("ticket");
    edit.severity = QStringLiteral("consultation");
    edit.quotaOverrideReason = QStringLiteral("test of merge");
    const Operation op = TicketEdits::create(edit, QDateTime::currentDateTimeUtc());
    const QJsonObject result = m_server.postOp(m_server.token(Lead), Json::toJson(op));
    if (result.value(QStringLiteral("result")).toString() != OpResult::Applied) {
        qWarning("create: %s", QJsonDocument(result).toJson().constData());
        return {};
    }
    return op.ticketId;
}

void TestMergeDemo::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("server.db")),
                            { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                              QStringLiteral("20"), QStringLiteral("--demo-interval"),
                              QStringLiteral("3600") }),
             m_server.log().constData());
}

void TestMergeDemo::cleanupTestCase()
{
    m_server.stop();
}

void TestMergeDemo::mergeAndLink_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("mergedInto");
    QTest::addColumn<QString>("chain");
    QTest::addColumn<QString>("closedWord"); // the queue's countdown of a closed, unanswered one
    QTest::newRow("en") << Language::English << QStringLiteral("Merged into")
                        << QStringLiteral("no chains") << QStringLiteral("closed");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("已合并到")
                           << QStringLiteral("不允许链式合并") << QStringLiteral("已关闭");
}

void TestMergeDemo::mergeAndLink()
{
    QFETCH(Language, language);
    QFETCH(QString, mergedInto);
    QFETCH(QString, chain);
    QFETCH(QString, closedWord);
    const QString tag = languageCode(language);
    const QString dup = create(QStringLiteral("p-northwind"), QStringLiteral("Merge %1: dup").arg(tag));
    const QString into = create(QStringLiteral("p-northwind"),
                                QStringLiteral("Merge %1: target").arg(tag));
    const QString related = create(QStringLiteral("p-northwind"),
                                   QStringLiteral("Merge %1: related").arg(tag));
    const QString elsewhere = create(QStringLiteral("p-bluefin"),
                                     QStringLiteral("Merge %1: another customer").arg(tag));
    QVERIFY(!dup.isEmpty() && !into.isEmpty() && !related.isEmpty() && !elsewhere.isEmpty());
    // The duplicate is linked to another customer's ticket: the link goes with the merge.
    TicketEdit link;
    link.type = OpType::Link;
    link.targetId = elsewhere;
    const Operation linkOp = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                           dup, serverTicket(dup).version, link);
    QCOMPARE(m_server.postOp(m_server.token(Lead), Json::toJson(linkOp))
                     .value(QStringLiteral("result"))
                     .toString(),
             OpResult::Applied);

    Testing::DemoDesk desk;
    const QString failed = desk.start(m_server, Lead, language,
                                      m_dir.filePath(QStringLiteral("%1.sqlite").arg(tag)));
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    const qint64 intoNumber = serverTicket(into).number;
    QVERIFY(intoNumber > 0);

    // Ticket → Merge into…: the customer's open tickets; another customer's is not offered.
    window.showTicket(dup);
    QTRY_COMPARE(pane->ticketId(), dup);
    QVERIFY(window.mergeAction()->isEnabled());
    window.mergeAction()->trigger();
    MergeDialog *dialog = openDialog<MergeDialog>(pane);
    QVERIFY(dialog);
    QVERIFY(dialog->ticketIds().contains(into));
    QVERIFY(!dialog->ticketIds().contains(elsewhere));
    QVERIFY(!dialog->ticketIds().contains(dup));
    // Found by its number.
    QTest::keyClicks(dialog->filter(), QString::number(intoNumber));
    QCOMPARE(dialog->ticketIds().value(0), into);
    QVERIFY(dialog->problemText().isEmpty());
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR"))
        dialog->grab().save(QStringLiteral("%1/merge-dialog-%2.png")
                                    .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"), tag));
    QTest::keyClick(dialog->list(), Qt::Key_Return);
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());

    // The conversation goes on in the target, whose Links tab lists the duplicate and the
    // duplicate's link, which points at the target now.
    QTRY_COMPARE(pane->ticketId(), into);
    QTRY_COMPARE_WITH_TIMEOUT(serverTicket(dup).mergedInto, into, 20000);
    QTRY_COMPARE(pane->links()->ticketIds(), (QStringList { dup, elsewhere }));
    QVERIFY(pane->conversationTabs()->tabText(2).contains(u'2'));
    QCOMPARE(serverTicket(elsewhere).links, QStringList { into });
    QVERIFY(!pane->links()->banner()->isVisible());
    // One click opens the duplicate, which says where it went, as a link back.
    pane->conversationTabs()->setCurrentWidget(pane->links());
    QListWidget *list = pane->links()->list();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QTRY_COMPARE(pane->ticketId(), dup);
    QTRY_VERIFY_WITH_TIMEOUT(pane->links()->banner()->isVisible(), 20000);
    const QString banner = pane->links()->banner()->text();
    QVERIFY2(banner.contains(mergedInto) && banner.contains(QStringLiteral("#%1").arg(intoNumber)),
             qPrintable(banner));
    // Its response clock says so too, in words (issue 17: it read "On track", "3 h 59 min
    // left" — the duplicate was never answered, its wait goes on in the target).
    QVERIFY(!serverTicket(dup).firstResponseAt.isValid());
    QTRY_VERIFY2(pane->stateText().contains(mergedInto)
                         && pane->stateText().contains(QStringLiteral("#%1").arg(intoNumber)),
                 qPrintable(pane->stateText()));
    // No time left counted (the words of a running clock all carry a duration).
    QVERIFY2(!pane->countdownText().contains(QRegularExpression(QStringLiteral("\\d"))),
             qPrintable(pane->countdownText()));
    // The queue's row (recently closed) reads "closed", with no time left.
    QueueModel *queue = window.queueModel();
    queue->setQueue(QueueModel::RecentlyClosed);
    QTRY_VERIFY(queue->rowOfTicket(dup) >= 0);
    const QModelIndex countdown = queue->index(queue->rowOfTicket(dup), QueueModel::CountdownColumn);
    // (Word joiners hold Chinese characters together in the column: not part of the word.)
    QTRY_COMPARE(countdown.data().toString().remove(QChar(0x2060)), closedWord);
    QCOMPARE(countdown.data(QueueRole::SlaStateRole).toInt(), int(SlaState::Closed));
    queue->setQueue(QueueModel::AllOpen);
    if (qEnvironmentVariableIsSet("SUPPORTDESK_GRAB_DIR")) {
        Testing::settlePostedEvents(); // the grab is for people to look at
        window.grab().save(QStringLiteral("%1/merged-%2.png")
                                   .arg(qEnvironmentVariable("SUPPORTDESK_GRAB_DIR"), tag));
    }
    emit pane->links()->banner()->linkActivated(into);
    QTRY_COMPARE(pane->ticketId(), into);
    QVERIFY(!pane->links()->banner()->isVisible());

    // Merging the target on would make a chain: refused in words, before anything is sent.
    window.mergeAction()->trigger();
    dialog = openDialog<MergeDialog>(pane);
    QTest::keyClicks(dialog->filter(), QString::number(serverTicket(related).number));
    QCOMPARE(dialog->ticketIds().value(0), related);
    QVERIFY2(dialog->problemText().contains(chain), qPrintable(dialog->problemText()));
    QVERIFY(dialog->targetId().isEmpty());
    dialog->reject();
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());

    // Link… from the Links tab: the related ticket, listed with its status in words.
    pane->conversationTabs()->setCurrentWidget(pane->links());
    pane->links()->linkButton()->click();
    dialog = openDialog<MergeDialog>(pane);
    QTest::keyClicks(dialog->filter(), QString::number(serverTicket(related).number));
    QCOMPARE(dialog->ticketIds().value(0), related);
    QTest::keyClick(dialog->list(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(serverTicket(related).links, QStringList { into }, 20000);
    QTRY_COMPARE(pane->links()->ticketIds(), (QStringList { dup, elsewhere, related }));
    // One click opens it.
    pane->conversationTabs()->setCurrentWidget(pane->links());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(2)).center());
    QTRY_COMPARE(pane->ticketId(), related);
    QTRY_COMPARE(pane->links()->ticketIds(), QStringList { into });
}

QTEST_MAIN(TestMergeDemo)
#include "tst_merge_demo.moc"
