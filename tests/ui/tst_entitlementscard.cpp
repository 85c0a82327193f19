// The ticket pane's entitlements card in the main window at 1280 × 800, signed in to the real
// demo server on loopback: for a Flagship and a partner Enterprise customer, in English and
// 中文, every label of the pane (the card's lines: plan, channels, the named contacts with their
// e-mail, the IEM notice; and the header above it) is wholly on screen — not cut at the right
// edge of a scroll area or of the pane, not shorter than its wrapped text. The same for the
// lead board's labels (tile captions, titles) in both languages.
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "leadboardmodel.h"
#include "leadboardwidget.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "realserver.h"
#include "ticketpane.h"

#include <QDir>
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextDocumentFragment>
#include <QTest>

using namespace SupportDesk;
using SupportDesk::Testing::RealServer;

namespace {

// Where `widget` reaches past the visible area of a parent (a scroll area's viewport, the pane,
// the window), or empty when no parent up to the window cuts it. `what` names it in the message.
// An area that scrolls up and down (the pane's header where the window is short of height) cuts
// only at its sides: it scrolls to the rest.
QString whereCut(const QWidget *widget, const QString &what)
{
    bool sidesOnly = false;
    for (const QWidget *p = widget->parentWidget(); p; p = p->parentWidget()) {
        const QRect inParent(widget->mapTo(p, QPoint(0, 0)), widget->size());
        QRect room = p->rect();
        const auto *area = qobject_cast<const QAbstractScrollArea *>(p->parentWidget());
        sidesOnly = sidesOnly
                || (area && area->viewport() == p && area->verticalScrollBar()->isVisible());
        if (sidesOnly) {
            room.setTop(inParent.top());
            room.setBottom(inParent.bottom());
        }
        if (!room.contains(inParent))
            return QStringLiteral("%1: at %2,%3 %4×%5 in %6 (%7×%8), which cuts it")
                .arg(what)
                .arg(inParent.x())
                .arg(inParent.y())
                .arg(inParent.width())
                .arg(inParent.height())
                .arg(QString::fromLatin1(p->metaObject()->className()))
                .arg(p->width())
                .arg(p->height());
        if (p == widget->window())
            break;
    }
    return QString();
}

// Why `label` is not wholly readable where it is, or empty when it is: its text needs more room
// than the label has, or the label reaches past the visible area of a parent (a scroll area's
// viewport, the pane, the window).
QString whyNotReadable(const QLabel *label)
{
    const QString name = QTextDocumentFragment::fromHtml(label->text()).toPlainText().left(40);
    if (label->wordWrap()) {
        if (label->width() < label->minimumSizeHint().width())
            return QStringLiteral("\"%1\": %2 px wide, its longest word needs %3")
                .arg(name)
                .arg(label->width())
                .arg(label->minimumSizeHint().width());
        if (label->height() < label->heightForWidth(label->width()))
            return QStringLiteral("\"%1\": %2 px high, its text needs %3")
                .arg(name)
                .arg(label->height())
                .arg(label->heightForWidth(label->width()));
    } else if (label->width() < label->sizeHint().width()) {
        return QStringLiteral("\"%1\": %2 px wide, its text needs %3")
            .arg(name)
            .arg(label->width())
            .arg(label->sizeHint().width());
    }
    return whereCut(label, QStringLiteral("\"%1\"").arg(name));
}

// Why `button` is not wholly readable where it is: narrower than its text needs (a held
// minimum width squeezes a row of buttons, "hird-party software."), or past a parent's edge.
QString whyNotReadable(const QAbstractButton *button)
{
    const QString name = button->text();
    if (button->width() < button->sizeHint().width())
        return QStringLiteral("button \"%1\": %2 px wide, its text needs %3")
            .arg(name)
            .arg(button->width())
            .arg(button->sizeHint().width());
    return whereCut(button, QStringLiteral("button \"%1\"").arg(name));
}

// The first label or button of the pane on screen that cannot be read whole, or empty.
QString firstUnreadableLabel(const QWidget *pane)
{
    const QList<QLabel *> labels = pane->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (!label->isVisibleTo(pane->window()) || label->text().isEmpty())
            continue;
        const QString why = whyNotReadable(label);
        if (!why.isEmpty())
            return why;
    }
    const QList<QAbstractButton *> buttons = pane->findChildren<QAbstractButton *>();
    for (const QAbstractButton *button : buttons) {
        if (!button->isVisibleTo(pane->window()) || button->text().isEmpty())
            continue;
        const QString why = whyNotReadable(button);
        if (!why.isEmpty())
            return why;
    }
    return QString();
}

} // namespace

class TestEntitlementsCard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyLineOnScreenAt1280x800_data();
    void everyLineOnScreenAt1280x800();
    void leadBoardLabelsOnScreenAt1280x800_data();
    void leadBoardLabelsOnScreenAt1280x800();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<RealServer> m_server;
    std::unique_ptr<LanguageManager> m_languages;
    std::unique_ptr<DeskSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<DeskController> m_desk;
    QHash<QString, Ticket> m_tickets; // by "plan/edition": one ticket of a customer of it
};

void TestEntitlementsCard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportDeskTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_entitlementscard"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<RealServer>(QStringLiteral(SUPPORTDESK_SERVER));
    QVERIFY2(m_server->start(m_dir.filePath(QStringLiteral("server.db")),
                             { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                               QStringLiteral("150"), QStringLiteral("--demo-interval"),
                               QStringLiteral("3600"), QStringLiteral("--listen"),
                               QStringLiteral("127.0.0.1") }),
             m_server->log().constData());
    const QString token = m_server->token(QStringLiteral("a-wangfang"));
    const RealServer::State state = m_server->state(token);
    QVERIFY(state.ok);
    for (const Ticket &t : state.tickets) {
        const QString key = t.planId + u'/' + t.editionId;
        if (!m_tickets.contains(key) || t.number < m_tickets.value(key).number)
            m_tickets.insert(key, t);
    }

    m_languages = std::make_unique<LanguageManager>();
    QVERIFY(m_languages->setLanguage(Language::English, false));
    m_session = std::make_unique<DeskSession>();
    QCOMPARE(m_session->open(SessionConfig::forServer(
                     m_server->url(), token, m_dir.filePath(QStringLiteral("client.sqlite")))),
             TicketCache::OpenStatus::Ok);
    m_window = std::make_unique<MainWindow>(m_session.get(), m_languages.get());
    m_desk = std::make_unique<DeskController>(m_session.get(), m_window.get(), m_server->url());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy idle(m_session.get(), &DeskSession::idle);
    m_desk->signIn(token);
    QVERIFY(idle.wait(60000));
    // The whole backlog cached and the initial sync's reset taken by the queue (which holds
    // the open and recently closed tickets of it, not all).
    QTRY_COMPARE_WITH_TIMEOUT(m_session->cache()->ticketCount(), m_server->demoBacklog(), 20000);
    QTRY_VERIFY(!m_session->isLoading() && m_window->queueModel()->ticketCount() > 0);
}

void TestEntitlementsCard::cleanupTestCase()
{
    if (m_session)
        m_session->stop();
    m_desk.reset();
    m_window.reset();
    m_session.reset();
    m_server.reset();
}

void TestEntitlementsCard::everyLineOnScreenAt1280x800_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("edition");
    // The two editions with the longest cards: named contacts, IM group, IEM, many extras.
    const QString flagship = QStringLiteral("service-plan/s1-flagship");
    const QString partner = QStringLiteral("partner-plan/enterprise");
    QTest::newRow("en, Flagship") << Language::English << flagship;
    QTest::newRow("en, partner Enterprise") << Language::English << partner;
    QTest::newRow("zh_CN, Flagship") << Language::Chinese << flagship;
    QTest::newRow("zh_CN, partner Enterprise") << Language::Chinese << partner;
}

void TestEntitlementsCard::everyLineOnScreenAt1280x800()
{
    QFETCH(Language, language);
    QFETCH(QString, edition);
    QVERIFY2(m_tickets.contains(edition), qPrintable(edition));
    const Ticket ticket = m_tickets.value(edition);
    const auto customer = m_session->cache()->customer(ticket.customerId);
    QVERIFY(customer);
    QVERIFY(!customer->contacts.isEmpty()); // the named contacts the card must show

    QVERIFY(m_languages->setLanguage(language, false));
    m_desk->openTicket(ticket.id);
    TicketPane *pane = m_desk->ticketPane();
    QTRY_COMPARE(pane->ticketId(), ticket.id);
    QCOMPARE(m_window->size(), QSize(1280, 800));

    // What the card says: each named contact with name and e-mail, the channels, the IEM notice.
    const QString card = pane->entitlementsText();
    for (const Contact &c : customer->contacts) {
        QVERIFY2(card.contains(c.name), qPrintable(card));
        QVERIFY2(card.contains(c.email), qPrintable(card));
    }
    const bool zh = language == Language::Chinese;
    QVERIFY2(card.contains(zh ? QStringLiteral("渠道") : QStringLiteral("Channels")),
             qPrintable(card));
    if (ticket.planId == u"partner-plan")
        QVERIFY2(card.contains(zh ? QStringLiteral("基础设施") : QStringLiteral("Infrastructure")),
                 qPrintable(card));

    // And all of it on screen, once the layouts have settled. The window as it was, to look at.
    const bool readable
            = QTest::qWaitFor([pane] { return firstUnreadableLabel(pane).isEmpty(); }, 3000);
    QString tag = QString::fromLatin1(QTest::currentDataTag());
    tag.replace(QRegularExpression(QStringLiteral("\\W+")), QStringLiteral("-"));
    const QString shot = QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation))
                                 .filePath(QStringLiteral("supportdesk-card-%1.png").arg(tag));
    m_window->grab().save(shot);
    qInfo("the window: %s", qPrintable(shot));
    QVERIFY2(readable, qPrintable(firstUnreadableLabel(pane)));

    // Under the header, the conversation keeps five lines and the reply box three: the
    // header scrolls before they give way (on main: two lines of conversation).
    const auto lines = [](const QAbstractScrollArea *area) {
        return area->viewport()->height() / area->fontMetrics().lineSpacing();
    };
    const auto *conversation
            = qobject_cast<QAbstractScrollArea *>(pane->conversationTabs()->widget(0));
    QVERIFY(conversation);
    QVERIFY2(lines(conversation) >= 5, qPrintable(QString::number(lines(conversation))));
    QVERIFY2(lines(pane->composer()) >= 3, qPrintable(QString::number(lines(pane->composer()))));
}

void TestEntitlementsCard::leadBoardLabelsOnScreenAt1280x800_data()
{
    QTest::addColumn<Language>("language");
    QTest::newRow("en") << Language::English;
    QTest::newRow("zh_CN") << Language::Chinese;
}

// The same check on the lead board's own labels: the tiles' captions, the titles and notes.
void TestEntitlementsCard::leadBoardLabelsOnScreenAt1280x800()
{
    QFETCH(Language, language);
    QVERIFY(m_languages->setLanguage(language, false));
    QTRY_VERIFY(m_window->leadBoard());
    LeadBoardWidget *board = m_window->leadBoard();
    m_window->tabs()->setCurrentWidget(board);
    QTRY_VERIFY(board->board()->isLoaded());
    QCOMPARE(m_window->size(), QSize(1280, 800));
    QTRY_COMPARE_WITH_TIMEOUT(firstUnreadableLabel(board), QString(), 3000);
    m_window->tabs()->setCurrentIndex(0);
}

QTEST_MAIN(TestEntitlementsCard)
#include "tst_entitlementscard.moc"
