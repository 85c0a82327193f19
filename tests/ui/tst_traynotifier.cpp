// The tray side of notifications where there is no tray (offscreen, CI): nothing crashes, each
// notification reaches the window through fallbackNotice, and the menu opens tickets.
#include "languagemanager.h"
#include "traynotifier.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTest>

using namespace SupportDesk;

class TestTrayNotifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void withoutTrayFallsBack();
    void followsTheNotifierSignals();
    void burstIsOneMessage();
    void burstInChineseWithChinesePunctuation();
    void menuOpensTickets();
    void badgeIconShowsTheCount();
    void retranslates();

private:
    LanguageManager m_languages;
};

void TestTrayNotifier::initTestCase()
{
    // The English translation carries the plural forms.
    QVERIFY(m_languages.setLanguage(Language::English, false));
}

void TestTrayNotifier::withoutTrayFallsBack()
{
    // The offscreen platform has no tray; Auto must notice, NoTray must obey.
    for (auto mode : { TrayNotifier::Mode::Auto, TrayNotifier::Mode::NoTray }) {
        TrayNotifier tray(nullptr, nullptr, mode);
        if (mode == TrayNotifier::Mode::NoTray || !QSystemTrayIcon::isSystemTrayAvailable())
            QVERIFY(!tray.hasTray());
        QSignalSpy notice(&tray, &TrayNotifier::fallbackNotice);
        tray.setCount(3);
        tray.show(QStringLiteral("T1"), Notifier::Kind::AtRisk, QStringLiteral("At risk: #7"),
                  QStringLiteral("4 min left"));
        if (tray.hasTray() && QSystemTrayIcon::supportsMessages())
            continue;
        QVERIFY(notice.wait());
        QCOMPARE(notice.size(), 1);
        QCOMPARE(notice.first().at(0).toString(), QStringLiteral("T1"));
        const QString message = notice.first().at(1).toString();
        QVERIFY(message.contains(QStringLiteral("At risk: #7")));
        QVERIFY(message.contains(QStringLiteral("4 min left")));
        QCOMPARE(tray.count(), 3);
    }
}

void TestTrayNotifier::followsTheNotifierSignals()
{
    // A notifier with no cache: no tickets, but its signals are the wiring under test.
    CatalogSet catalogs;
    Notifier notifier(nullptr, catalogs, nullptr, QStringLiteral("ann"));
    TrayNotifier tray(&notifier, nullptr, TrayNotifier::Mode::NoTray);
    QSignalSpy notice(&tray, &TrayNotifier::fallbackNotice);
    emit notifier.notify(QStringLiteral("T9"), Notifier::Kind::Breached, QStringLiteral("Late"),
                         QStringLiteral("overdue 1 min"));
    QVERIFY(notice.wait());
    QCOMPARE(notice.size(), 1);
    emit notifier.attentionCountChanged(5);
    QCOMPARE(tray.count(), 5);
    QVERIFY(tray.toolTip().contains(QLatin1Char('5')));
}

void TestTrayNotifier::burstIsOneMessage()
{
    TrayNotifier tray(nullptr, nullptr, TrayNotifier::Mode::NoTray);
    QSignalSpy notice(&tray, &TrayNotifier::fallbackNotice);
    tray.show(QStringLiteral("A"), Notifier::Kind::AtRisk, QStringLiteral("Title A"), {});
    tray.show(QStringLiteral("B"), Notifier::Kind::Breached, QStringLiteral("Title B"), {});
    for (int i = 0; i < 4; ++i)
        tray.show(QStringLiteral("C%1").arg(i), Notifier::Kind::AtRisk,
                  QStringLiteral("Title C%1").arg(i), {});
    QVERIFY(notice.wait());
    QCOMPARE(notice.size(), 1);
    // One more ticket after the burst: its message is the next one. A second message of the
    // burst would have come before it (its batch was due first).
    tray.show(QStringLiteral("D"), Notifier::Kind::AtRisk, QStringLiteral("Title D"), {});
    QVERIFY(notice.wait());
    QCOMPARE(notice.size(), 2);
    QCOMPARE(notice.at(1).at(0).toString(), QStringLiteral("D"));
    // The breach is what a click opens; the message names the first three and counts the rest.
    QCOMPARE(notice.first().at(0).toString(), QStringLiteral("B"));
    const QString message = notice.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("6 tickets")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("Title A")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("and 3 more")), qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("Title C3")));
}

// The status bar's line for a burst joined the tickets with a Latin "; " in 中文 too.
void TestTrayNotifier::burstInChineseWithChinesePunctuation()
{
    QVERIFY(m_languages.setLanguage(Language::Chinese, false));
    TrayNotifier tray(nullptr, nullptr, TrayNotifier::Mode::NoTray);
    QSignalSpy notice(&tray, &TrayNotifier::fallbackNotice);
    for (int i = 0; i < 4; ++i)
        tray.show(QStringLiteral("C%1").arg(i), Notifier::Kind::AtRisk,
                  QStringLiteral("工单 C%1 即将超时").arg(i), {});
    const bool noticed = notice.wait();
    QVERIFY(m_languages.setLanguage(Language::English, false));
    QVERIFY(noticed);
    const QString message = notice.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("即将超时\uff1b工单 C1")), qPrintable(message));
    QVERIFY2(!message.contains(u';'), qPrintable(message));
}

void TestTrayNotifier::menuOpensTickets()
{
    TrayNotifier tray(nullptr, nullptr, TrayNotifier::Mode::NoTray);
    for (int i = 1; i <= 10; ++i)
        tray.show(QStringLiteral("T%1").arg(i), Notifier::Kind::AtRisk,
                  QStringLiteral("Title %1").arg(i), QString());
    tray.show(QStringLiteral("T5"), Notifier::Kind::Breached, QStringLiteral("Late 5"), {});
    // Newest first, one entry per ticket, at most eight.
    const QStringList recent = tray.recentTickets();
    QCOMPARE(recent.size(), 8);
    QCOMPARE(recent.first(), QStringLiteral("T5"));
    QCOMPARE(recent.count(QStringLiteral("T5")), 1);
    QSignalSpy open(&tray, &TrayNotifier::openTicket);
    QAction *entry = nullptr;
    for (QAction *a : tray.menu()->actions()) {
        if (a->data().toString() == u"T9")
            entry = a;
    }
    QVERIFY(entry);
    entry->trigger();
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().at(0).toString(), QStringLiteral("T9"));
    QSignalSpy raise(&tray, &TrayNotifier::showWindowRequested);
    tray.menu()->actions().first()->trigger();
    QCOMPARE(raise.size(), 1);
}

void TestTrayNotifier::badgeIconShowsTheCount()
{
    const QImage none = TrayNotifier::badgeIcon(0).pixmap(64, 64).toImage();
    const QImage three = TrayNotifier::badgeIcon(3).pixmap(64, 64).toImage();
    const QImage many = TrayNotifier::badgeIcon(250).pixmap(64, 64).toImage();
    QVERIFY(!none.isNull());
    QVERIFY(none != three);
    QVERIFY(three != many);
    QVERIFY(three != TrayNotifier::badgeIcon(4).pixmap(64, 64).toImage());
    // The badge is red in the top-right corner only when there is a count.
    const QColor corner0 = none.pixelColor(56, 8);
    const QColor corner3 = three.pixelColor(56, 10);
    QVERIFY(corner3.red() > 150 && corner3.blue() < 100);
    QVERIFY(!(corner0.red() > 150 && corner0.blue() < 100));
}

void TestTrayNotifier::retranslates()
{
    TrayNotifier tray(nullptr, nullptr, TrayNotifier::Mode::NoTray);
    const QString english = tray.menu()->actions().first()->text();
    LanguageManager &languages = m_languages;
    QVERIFY(languages.setLanguage(Language::Chinese, false));
    const QString chinese = tray.menu()->actions().first()->text();
    QVERIFY2(chinese != english, qPrintable(chinese));
    QVERIFY(languages.setLanguage(Language::English, false));
    QCOMPARE(tray.menu()->actions().first()->text(), english);
}

QTEST_MAIN(TestTrayNotifier)
#include "tst_traynotifier.moc"
