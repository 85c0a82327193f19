// Merge and link on the real MainWindow, signed in to the real demo server on loopback
// (docs/merge.md), in English and 中文: Ticket → Merge into… with the customer's tickets found
// by number, the duplicate's pane saying "Merged into #N" as a link that opens the target, the
// target's Links tab listing what was merged into it, a chain refused in words before
// anything is sent, and a link made and listed with its status. Audit 11: the arrows in the
// search field move the pick and a merge asks once, Cancel its default (D4); Merge into… is off
// with the reason where the agent may not merge (D12); Link… and Customer history are Ticket
// menu entries whose keys work from the whole window, and the pane's tabs write their counts
// one way in 中文 (item 11).
#include "clock.h"
#include "customerhistory.h"
#include "demodesk.h"
#include "linkspanel.h"
#include "mergedialog.h"
#include "queuemodel.h"
#include "queueview.h"
#include "settledgrab.h"
#include "ticketcache.h"
#include "ticketedits.h"
#include "ticketpane.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
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
    void arrowsPickAndMergeAsksFirst_data();
    void arrowsPickAndMergeAsksFirst();
    void mergeOffWithTheReason_data();
    void mergeOffWithTheReason();
    void ticketMenuKeysWorkFromTheWholePane_data();
    void ticketMenuKeysWorkFromTheWholePane();
    void linkOffersTheLast90DaysOfThePanesClock();

private:
    QString create(const QString &customerId, const QString &subject,
                   const QString &as = QString());
    // `agent`'s desk in `language` (its own cache, named by `tag`), showing `ticketId` in the
    // pane: empty when it does, else why not.
    QString openOn(Testing::DemoDesk *desk, const QString &agent, Language language,
                   const QString &tag, const QString &ticketId);
    Ticket serverTicket(const QString &id) const
    {
        return m_server.state(m_server.token(Lead)).tickets.value(id);
    }

    const QString Lead = QStringLiteral("a-wangfang");
    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

QString TestMergeDemo::create(const QString &customerId, const QString &subject,
                              const QString &as)
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
    const QJsonObject result
            = m_server.postOp(m_server.token(as.isEmpty() ? Lead : as), Json::toJson(op));
    if (result.value(QStringLiteral("result")).toString() != OpResult::Applied) {
        qWarning("create: %s", QJsonDocument(result).toJson().constData());
        return {};
    }
    return op.ticketId;
}

QString TestMergeDemo::openOn(Testing::DemoDesk *desk, const QString &agent, Language language,
                              const QString &tag, const QString &ticketId)
{
    const QString failed = desk->start(m_server, agent, language,
                                       m_dir.filePath(QStringLiteral("%1.sqlite").arg(tag)));
    if (!failed.isEmpty())
        return failed;
    desk->window->showTicket(ticketId);
    TicketPane *pane = desk->controller->ticketPane();
    return QTest::qWaitFor([&] { return pane->ticketId() == ticketId; }, 5000)
            ? QString()
            : QStringLiteral("the pane does not show %1").arg(ticketId);
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
    MergeDialog *dialog = Testing::openedDialog<MergeDialog>(pane);
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
    // Enter asks first; the merge is the question's Merge button.
    QTest::keyClick(dialog->list(), Qt::Key_Return);
    QTRY_VERIFY(dialog->confirmation() && dialog->confirmation()->isVisible());
    dialog->confirmation()->findChild<QPushButton *>(QStringLiteral("confirmMerge"))->click();
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

    // Merging the target on would make a chain: refused in words, before anything is sent —
    // before a ticket is even picked: the menu entry is off and says why, and the dialog
    // (opened from the pane anyway) says it with nothing to pick.
    QTRY_VERIFY(!window.mergeAction()->isEnabled());
    QVERIFY2(window.mergeAction()->toolTip().contains(chain),
             qPrintable(window.mergeAction()->toolTip()));
    pane->openMergeDialog();
    dialog = Testing::openedDialog<MergeDialog>(pane);
    QVERIFY2(dialog->problemText().contains(chain), qPrintable(dialog->problemText()));
    QVERIFY(!dialog->list()->isVisible() && !dialog->filter()->isVisible());
    QVERIFY(dialog->targetId().isEmpty());
    dialog->reject();
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());

    // Link… from the Links tab: the related ticket, listed with its status in words.
    pane->conversationTabs()->setCurrentWidget(pane->links());
    pane->links()->linkButton()->click();
    dialog = Testing::openedDialog<MergeDialog>(pane);
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

void TestMergeDemo::arrowsPickAndMergeAsksFirst_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("told"); // the question's words for "its customer told"
    QTest::newRow("en") << Language::English << QStringLiteral("customer told");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("通知其客户");
}

// D4 (audit 11): in "Number or subject" ↓ did not move the pick and Enter merged into the first
// row at once — #403 went into an unrelated ticket and its customer was mailed. The arrows and
// PgUp/PgDn move the pick from the field; Enter asks, naming both tickets, Cancel the default;
// the Link picker's arrows move too (a link is undone by Unlink: no question).
void TestMergeDemo::arrowsPickAndMergeAsksFirst()
{
    QFETCH(Language, language);
    QFETCH(QString, told);
    const QString tag = languageCode(language) + QStringLiteral("-keys");
    const QString dup = create(QStringLiteral("p-northwind"), QStringLiteral("Keys %1: dup").arg(tag));
    QStringList others;
    for (int i = 0; i < 3; ++i)
        others.append(create(QStringLiteral("p-northwind"),
                             QStringLiteral("Keys %1: other %2").arg(tag).arg(i)));
    QVERIFY(!dup.isEmpty() && !others.contains(QString()));
    // Another customer's, which only a link may name.
    const QString elsewhere = create(QStringLiteral("p-meridian"),
                                     QStringLiteral("Keys %1: other elsewhere").arg(tag));
    QVERIFY(!elsewhere.isEmpty());
    Testing::DemoDesk desk;
    const QString failed = openOn(&desk, Lead, language, tag, dup);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    QTRY_VERIFY(window.mergeAction()->isEnabled());
    window.mergeAction()->trigger();
    MergeDialog *dialog = Testing::openedDialog<MergeDialog>(pane);
    QVERIFY(dialog);
    QTest::keyClicks(dialog->filter(), QStringLiteral("Keys %1: other").arg(tag));
    QCOMPARE(dialog->list()->count(), 3);
    QCOMPARE(dialog->list()->currentRow(), 0);
    QTest::keyClick(dialog->filter(), Qt::Key_Down);
    QCOMPARE(dialog->list()->currentRow(), 1);
    QTest::keyClick(dialog->filter(), Qt::Key_PageDown);
    QCOMPARE(dialog->list()->currentRow(), 2);
    QTest::keyClick(dialog->filter(), Qt::Key_Up);
    QCOMPARE(dialog->list()->currentRow(), 1);
    QTest::keyClick(dialog->filter(), Qt::Key_PageUp);
    QCOMPARE(dialog->list()->currentRow(), 0);
    QTest::keyClick(dialog->filter(), Qt::Key_Down);
    // The text typed stays, the focus in the field.
    QCOMPARE(dialog->filter()->text(), QStringLiteral("Keys %1: other").arg(tag));
    const QString picked = dialog->targetId();
    QCOMPARE(picked, dialog->ticketIds().value(1));

    // Enter in the field asks; the question names both tickets and the customer, Cancel is its
    // default: a second Enter cancels and nothing is merged.
    QTest::keyClick(dialog->filter(), Qt::Key_Return);
    QTRY_VERIFY(dialog->confirmation() && dialog->confirmation()->isVisible());
    QMessageBox *question = dialog->confirmation();
    const QString text = question->text();
    for (const QString &needed :
         { QStringLiteral("#%1").arg(serverTicket(dup).number),
           QStringLiteral("#%1").arg(serverTicket(picked).number), serverTicket(dup).subject,
           serverTicket(picked).subject, told })
        QVERIFY2(text.contains(needed), qPrintable(text + QStringLiteral(" lacks ") + needed));
    QVERIFY(question->defaultButton() == question->button(QMessageBox::Cancel));
    QTest::keyClick(question, Qt::Key_Return);
    QTRY_VERIFY(!dialog->confirmation());
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->targetId(), picked);
    // Enter on the list asks too; Esc cancels.
    dialog->list()->setFocus();
    QTest::keyClick(dialog->list(), Qt::Key_Return);
    QTRY_VERIFY(dialog->confirmation() && dialog->confirmation()->isVisible());
    QVERIFY(dialog->isVisible()); // the Enter the list passes on closes nothing
    QTest::keyClick(dialog->confirmation(), Qt::Key_Escape);
    QTRY_VERIFY(!dialog->confirmation());
    dialog->reject();
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());
    // Nothing was sent.
    QCOMPARE(desk.session->cache()->pendingCount(), 0);
    QVERIFY(serverTicket(dup).mergedInto.isEmpty());

    // The Link picker: the arrows move its pick too; Enter links at once.
    pane->openLinkDialog();
    dialog = Testing::openedDialog<MergeDialog>(pane);
    QTest::keyClicks(dialog->filter(), QStringLiteral("Keys %1: other").arg(tag));
    // Each line names whose ticket it is: the other customer's found by the search too.
    QTRY_VERIFY(dialog->ticketIds().contains(elsewhere));
    for (int r = 0; r < dialog->list()->count(); ++r) {
        const QString id = dialog->list()->item(r)->data(Qt::UserRole).toString();
        const QString name = desk.session->cache()->customer(serverTicket(id).customerId)->name;
        QVERIFY2(dialog->list()->item(r)->text().contains(name),
                 qPrintable(dialog->list()->item(r)->text() + QStringLiteral(" lacks ") + name));
    }
    QTest::keyClick(dialog->filter(), Qt::Key_Down);
    QTest::keyClick(dialog->filter(), Qt::Key_Down);
    QCOMPARE(dialog->list()->currentRow(), 2);
    const QString linked = dialog->targetId();
    QTest::keyClick(dialog->filter(), Qt::Key_Return);
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());
    QTRY_COMPARE_WITH_TIMEOUT(serverTicket(dup).links, QStringList { linked }, 20000);
}

void TestMergeDemo::mergeOffWithTheReason_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("why");
    QTest::newRow("en") << Language::English << QStringLiteral("Only a lead or the agent");
    QTest::newRow("zh_CN") << Language::Chinese << QStringLiteral("只有组长或工单");
}

// D12 (audit 11): an agent on an unassigned ticket opened Merge into…, searched and picked,
// and only then read that only a lead or its assignee may merge it. The menu entry is off with
// that reason (core's checkMergeable, the server's rule) in its tooltip and status tip; the
// dialog, opened anyway, says it with nothing to pick; assigned to the agent, it is on.
void TestMergeDemo::mergeOffWithTheReason()
{
    QFETCH(Language, language);
    QFETCH(QString, why);
    const QString agent = QStringLiteral("a-zhangwei");
    const QString tag = languageCode(language) + QStringLiteral("-agent");
    const QString ticket = create(QStringLiteral("p-northwind"),
                                  QStringLiteral("Unassigned %1").arg(tag), agent);
    QVERIFY(!ticket.isEmpty());
    QVERIFY(serverTicket(ticket).assigneeId.isEmpty());
    Testing::DemoDesk desk;
    const QString failed = openOn(&desk, agent, language, tag, ticket);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    QTRY_VERIFY(!window.mergeAction()->isEnabled());
    const QString number = QStringLiteral("#%1").arg(serverTicket(ticket).number);
    QVERIFY2(window.mergeAction()->toolTip().contains(why)
                     && window.mergeAction()->toolTip().contains(number),
             qPrintable(window.mergeAction()->toolTip()));
    QCOMPARE(window.mergeAction()->statusTip(), window.mergeAction()->toolTip());
    pane->openMergeDialog();
    MergeDialog *dialog = Testing::openedDialog<MergeDialog>(pane);
    QVERIFY(dialog);
    QVERIFY2(dialog->problemText().contains(why), qPrintable(dialog->problemText()));
    QVERIFY(!dialog->list()->isVisible() && !dialog->filter()->isVisible());
    dialog->reject();
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());
    // Taken (accepting an unassigned ticket makes it the agent's): Merge into… is on.
    QVERIFY(pane->accept());
    QTRY_VERIFY(window.mergeAction()->isEnabled());
    QVERIFY(window.mergeAction()->statusTip().isEmpty());
}

void TestMergeDemo::ticketMenuKeysWorkFromTheWholePane_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// Item 11 (audit 11): Alt+K (Link…) worked only while the Links tab showed (the button's
// mnemonic), and Merge into…, Link… and Customer history had no menu entry showing a key.
// They are Ticket menu entries now, whose keys work wherever the pane is; and the pane's tabs
// write their counts one way in 中文 (they read "关联（0）" beside "客户历史 (32)").
void TestMergeDemo::ticketMenuKeysWorkFromTheWholePane()
{
    QFETCH(Language, language);
    const QString tag = languageCode(language) + QStringLiteral("-menu");
    const QString ticket = create(QStringLiteral("p-northwind"), QStringLiteral("Menu %1").arg(tag));
    QVERIFY(!ticket.isEmpty());
    Testing::DemoDesk desk;
    const QString failed = openOn(&desk, Lead, language, tag, ticket);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    MainWindow &window = *desk.window;
    TicketPane *pane = desk.controller->ticketPane();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // In the Ticket menu, with their keys.
    const QList<QAction *> entries = window.mergeAction()->associatedObjects().isEmpty()
            ? QList<QAction *>()
            : qobject_cast<QMenu *>(window.mergeAction()->associatedObjects().first())->actions();
    QVERIFY(window.linkAction() && window.customerHistoryAction());
    QVERIFY(entries.contains(window.mergeAction()) && entries.contains(window.linkAction())
            && entries.contains(window.customerHistoryAction()));
    QCOMPARE(window.linkAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_K));
    QCOMPARE(window.customerHistoryAction()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_U));

    // Alt+K with the conversation showing (not the Links tab), the focus in the composer.
    QTabWidget *tabs = pane->conversationTabs();
    tabs->setCurrentIndex(0);
    pane->focusReply();
    QTRY_VERIFY(QApplication::focusWidget() && pane->isAncestorOf(QApplication::focusWidget()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::AltModifier);
    MergeDialog *dialog = Testing::openedDialog<MergeDialog>(pane);
    QVERIFY2(dialog && dialog->objectName() == QStringLiteral("linkDialog"),
             "Alt+K opened no Link dialog from the conversation");
    dialog->reject();
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());
    // Alt+U from the queue brings the customer's history forward, its list in the focus.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.customerHistoryAction()->isEnabled());
    window.queueView()->setFocus();
    QTest::keyClick(window.queueView(), Qt::Key_U, Qt::AltModifier);
    QTRY_COMPARE(tabs->currentWidget(), pane->customerHistory());
    QTRY_VERIFY(pane->customerHistory()->list()->hasFocus());

    // One form of brackets for the counts: full-width in 中文 (as the queue list's "我的工单（2）").
    for (int i = 1; i < tabs->count(); ++i) {
        const QString text = tabs->tabText(i);
        if (language == Language::Chinese)
            QVERIFY2(text.contains(QStringLiteral("（")) && !text.contains(QStringLiteral(" (")),
                     qPrintable(text));
        else
            QVERIFY2(text.contains(QStringLiteral(" (")), qPrintable(text));
    }
}

QTEST_MAIN(TestMergeDemo)
// Link… offers the customer's tickets closed in the last 90 days, counted on the pane's clock
// (the clock the history beside it counts on), not on the machine's: a pane pinned 100 days on
// no longer offers a ticket closed today; pinned 10 days on, it does. Before, the dialog read
// the real time and offered it either way.
void TestMergeDemo::linkOffersTheLast90DaysOfThePanesClock()
{
    const QString open = create(QStringLiteral("p-bluefin"), QStringLiteral("Link clock: open"));
    const QString closed = create(QStringLiteral("p-bluefin"), QStringLiteral("Link clock: closed"));
    QVERIFY(!open.isEmpty() && !closed.isEmpty());
    TicketEdit close;
    close.type = OpType::SetStatus;
    close.status = TicketStatus::Closed;
    const Operation closeOp = makeOperation(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                            closed, serverTicket(closed).version, close);
    QCOMPARE(m_server.postOp(m_server.token(Lead), Json::toJson(closeOp))
                     .value(QStringLiteral("result"))
                     .toString(),
             OpResult::Applied);
    const QDateTime createdAt = serverTicket(closed).createdAt;
    QVERIFY(createdAt.isValid());

    ManualClock clock(createdAt.addDays(100)); // outlives the desk
    Testing::DemoDesk desk;
    const QString failed = openOn(&desk, Lead, Language::English, QStringLiteral("link-clock"), open);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    TicketPane *pane = desk.controller->ticketPane();
    QTRY_VERIFY(desk.session->index()->fact(closed).has_value());
    const auto offered = [&] {
        pane->openLinkDialog();
        MergeDialog *dialog = Testing::openedDialog<MergeDialog>(pane);
        const QStringList ids = dialog ? dialog->ticketIds() : QStringList();
        if (dialog)
            dialog->reject();
        return ids;
    };
    pane->setClock(&clock);
    QStringList ids = offered();
    QVERIFY2(!ids.contains(closed), qPrintable(ids.join(u' ')));
    clock.set(createdAt.addDays(10));
    QTRY_VERIFY(!pane->findChild<MergeDialog *>());
    ids = offered();
    QVERIFY2(ids.contains(closed), qPrintable(ids.join(u' ')));
}

#include "tst_merge_demo.moc"
