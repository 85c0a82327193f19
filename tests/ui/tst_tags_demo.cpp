// Tags on the real MainWindow signed in to the real demo server on loopback, in English and
// 中文: an agent tags a ticket in the pane (the tag reaches the server once), another agent's
// tag shows in the queue's column and `tag:NAME` and plain text find it, a hostile tag is
// refused in the pane and by the server (400 naming the field), and a click takes a tag off.
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "realserver.h"
#include "tagbar.h"
#include "ticketedit.h"
#include "ticketpane.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace SupportDesk;

class TestTagsDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void hostileTagIsRefusedNamingTheField();
    void tagInPaneColumnAndSearch_data();
    void tagInPaneColumnAndSearch();

private:
    int tagEvents(const QString &ticketId, const QString &event, const QString &tag) const;
    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestTagsDemo::initTestCase()
{
    // 150 tickets of history: All open has room for each row to pick two without tags.
    const QString problem = Testing::DemoDesk::startDemoServer(m_server, m_dir, 150);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestTagsDemo::cleanupTestCase()
{
    m_server.stop();
}

int TestTagsDemo::tagEvents(const QString &ticketId, const QString &event,
                            const QString &tag) const
{
    const auto state = m_server.state(m_server.token(QStringLiteral("a-lina")));
    int n = 0;
    for (const Message &m : state.messages.value(ticketId))
        n += m.event == event && m.args.value(0) == tag;
    return n;
}

void TestTagsDemo::hostileTagIsRefusedNamingTheField()
{
    const auto state = m_server.state(m_server.token(QStringLiteral("a-lina")));
    QVERIFY(state.ok && !state.tickets.isEmpty());
    const Ticket t = *state.tickets.cbegin();
    for (const QJsonValue &tag : { QJsonValue(QStringLiteral("two words")),
                                   QJsonValue(QString(41, u'x')), QJsonValue(42),
                                   QJsonValue(QStringLiteral("\u202Egpj.exe")) }) {
        Operation op;
        op.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        op.type = QStringLiteral("add-tag");
        op.ticketId = t.id;
        op.baseVersion = t.version;
        op.payload.insert(OpKey::Tag, tag);
        const auto r = m_server.request("POST", QStringLiteral("/ops"),
                                        m_server.token(QStringLiteral("a-lina")),
                                        { { QStringLiteral("ops"),
                                            QJsonArray { Json::toJson(op) } } });
        QCOMPARE(r.status, 400);
        const QJsonObject error = r.body.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("field")).toString(),
                 QStringLiteral("ops[0].payload.tag"));
    }
    const auto after = m_server.state(m_server.token(QStringLiteral("a-lina")));
    QCOMPARE(after.tickets.value(t.id).tags, t.tags); // whatever it had: the file's server
    QCOMPARE(after.tickets.value(t.id).version, t.version);
}

void TestTagsDemo::tagInPaneColumnAndSearch_data()
{
    QTest::addColumn<Language>("desk");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

void TestTagsDemo::tagInPaneColumnAndSearch()
{
    QFETCH(Language, desk);
    const QString code = languageCode(desk);
    Testing::DemoDesk demo;
    const QString problem = demo.start(m_server, QStringLiteral("a-zhangwei"), desk, m_dir);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    MainWindow &window = *demo.window;
    DeskSession &session = *demo.session;
    auto *pane = qobject_cast<TicketPane *>(window.ticketPane());
    QVERIFY(pane);
    QueueModel *queue = window.queueModel();
    window.queueList()->setCurrentRow(QueueModel::AllOpen); // room to choose from
    QTRY_VERIFY(queue->rowCount() > 1
                && queue->rowCount() == queue->queueCount(QueueModel::AllOpen));
    // Two tickets of the queue without tags: the server is the file's, and the other language's
    // row left a tag on the ticket it took as "theirs" (which rows those are depends on the
    // queue's order at the time).
    QStringList untagged;
    for (int r = 0; r < queue->rowCount() && untagged.size() < 2; ++r) {
        const std::optional<Ticket> t = session.cache()->ticket(queue->ticketId(r));
        if (t && t->tags.isEmpty())
            untagged.append(t->id);
    }
    QCOMPARE(untagged.size(), 2);

    // Tag the first ticket in the pane: typed in any case, kept as one spelling.
    const QString mine = untagged.at(0);
    const QString tag = QStringLiteral("vip-%1").arg(code.toLower().remove(u'_'));
    pane->showTicket(mine);
    TagBar *bar = pane->tagBar();
    QVERIFY(bar->isVisible());
    QVERIFY(!bar->input()->accessibleName().isEmpty());
    bar->input()->setFocus();
    QTest::keyClicks(bar->input(), tag.toUpper());
    QTest::keyClick(bar->input(), Qt::Key_Return);
    QCOMPARE(bar->problem(), QString());
    QCOMPARE(pane->ticket()->tags, QStringList { tag });
    QToolButton *chip = bar->findChild<QToolButton *>(QStringLiteral("tag:") + tag);
    QVERIFY(chip);
    QVERIFY(chip->accessibleName().contains(tag));
    QTRY_COMPARE(queue->data(queue->index(queue->rowOfTicket(mine), QueueModel::TagsColumn))
                         .toString(),
                 tag);
    // On the server, once.
    QTRY_COMPARE_WITH_TIMEOUT(tagEvents(mine, QStringLiteral("tag-added"), tag), 1, 20000);
    QTRY_COMPARE(session.cache()->pendingCount(), 0);
    QCOMPARE(m_server.state(m_server.token(QStringLiteral("a-lina"))).tickets.value(mine).tags,
             QStringList { tag });

    // A hostile tag is refused in the pane, saying why, and nothing is queued.
    bar->input()->setText(QStringLiteral("two words"));
    QTest::keyClick(bar->input(), Qt::Key_Return);
    QVERIFY(!bar->problem().isEmpty());
    QCOMPARE(bar->findChild<QLabel *>(QStringLiteral("tagProblem"))->text(), bar->problem());
    QCOMPARE(session.cache()->pendingCount(), 0);
    QCOMPARE(pane->ticket()->tags, QStringList { tag });

    // Another agent tags another ticket: the queue's column follows, and the search finds it
    // by `tag:NAME` and by the plain word.
    const QString theirs = untagged.at(1);
    const QString billing = QStringLiteral("billing-%1").arg(code.toLower().remove(u'_'));
    const Ticket server
            = m_server.state(m_server.token(QStringLiteral("a-lina"))).tickets.value(theirs);
    TicketEdit e;
    e.type = OpType::AddTag;
    e.tag = billing;
    QCOMPARE(m_server.postOp(m_server.token(QStringLiteral("a-lina")),
                             Json::toJson(makeOperation(QUuid::createUuid().toString(
                                                                QUuid::WithoutBraces),
                                                        theirs, server.version, e)))
                     .value(QStringLiteral("result"))
                     .toString(),
             OpResult::Applied);
    QTRY_VERIFY_WITH_TIMEOUT(
            queue->data(queue->index(queue->rowOfTicket(theirs), QueueModel::TagsColumn))
                    .toString()
                    .split(QStringLiteral(", "))
                    .contains(billing),
            20000);
    const int all = queue->rowCount();
    window.searchField()->setText(QStringLiteral("tag:") + billing);
    QTRY_COMPARE(queue->rowCount(), 1);
    QCOMPARE(queue->ticketId(0), theirs);
    window.searchField()->setText(billing);
    QTRY_COMPARE(queue->rowCount(), 1);
    QCOMPARE(queue->ticketId(0), theirs);
    window.searchField()->clear();
    QTRY_COMPARE(queue->rowCount(), all);
    // And the queue filters on a tag (a saved view's tags).
    queue->setTagFilter({ tag });
    QCOMPARE(queue->rowCount(), 1);
    QCOMPARE(queue->ticketId(0), mine);
    queue->setTagFilter({});
    QCOMPARE(queue->rowCount(), all);

    // The grab, to look at (both languages): the pane's tag row and the queue's column.
    pane->showTicket(mine);
    window.grab().save(QDir::temp().filePath(QStringLiteral("tags-%1.png").arg(code)));

    // One click on the tag's button takes it off, on the server too.
    chip = bar->findChild<QToolButton *>(QStringLiteral("tag:") + tag);
    QVERIFY(chip && chip->isVisible());
    QTest::mouseClick(chip, Qt::LeftButton);
    QCOMPARE(pane->ticket()->tags, QStringList());
    QTRY_COMPARE_WITH_TIMEOUT(tagEvents(mine, QStringLiteral("tag-removed"), tag), 1, 20000);
    QTRY_COMPARE(
            m_server.state(m_server.token(QStringLiteral("a-lina"))).tickets.value(mine).tags,
            QStringList());
    session.stop();
}

QTEST_MAIN(TestTagsDemo)
#include "tst_tags_demo.moc"
