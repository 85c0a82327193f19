// Accessibility (issue 17): the real MainWindow signed in to the real demo server, walked
// through QAccessible as a screen reader sees it — the queue, the ticket pane with a ticket
// open, the lead board with each of its tabs, and every dialog the desk opens — in English
// and in Chinese, as an agent and as a lead. Any control a user can reach (button, box, field,
// list, table, tab, menu entry) without an accessible name fails the test, naming it; so does a
// queue cell a screen reader would read as a bare code ("S2") or colour.
#include "demodesk.h"
#include "deskcontroller.h"
#include "desksession.h"
#include "languagemanager.h"
#include "leadboardwidget.h"
#include "macropicker.h"
#include "mainwindow.h"
#include "queuemodel.h"
#include "queueview.h"
#include "realserver.h"
#include "shortcutsdialog.h"
#include "ticketpane.h"

#include <QAccessible>
#include <QAccessibleTableInterface>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

namespace {

// What a user can act on, and so must be able to hear named.
bool actsOn(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::Dial:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::PageTab:
    case QAccessible::MenuItem:
    case QAccessible::Link:
    case QAccessible::HotkeyField:
    case QAccessible::List:
    case QAccessible::Table:
    case QAccessible::Tree:
        return true;
    default:
        return false;
    }
}

QString describe(QAccessibleInterface *iface)
{
    QString where;
    for (QObject *o = iface->object(); o; o = o->parent()) {
        const QString name = o->objectName().isEmpty() ? QString::fromLatin1(o->metaObject()->className())
                                                       : o->objectName();
        where.prepend(u'/' + name);
        if (o->isWidgetType() && static_cast<QWidget *>(o)->isWindow())
            break;
    }
    return QStringLiteral("%1 (role 0x%2)").arg(where).arg(int(iface->role()), 0, 16);
}

class Walker
{
public:
    QStringList unnamed;
    int controls = 0;

    void walk(QAccessibleInterface *iface, int depth = 0)
    {
        if (!iface || !iface->isValid() || depth > 60)
            return;
        const QAccessible::State state = iface->state();
        if (state.invisible)
            return;
        const QAccessible::Role role = iface->role();
        // An editable box's line is part of the box: a reader names the box.
        QAccessibleInterface *parent = iface->parent();
        const bool partOfBox = role == QAccessible::EditableText && parent
                && parent->role() == QAccessible::ComboBox
                && !parent->text(QAccessible::Name).trimmed().isEmpty();
        if (actsOn(role) && !partOfBox) {
            ++controls;
            if (iface->text(QAccessible::Name).trimmed().isEmpty())
                unnamed.append(describe(iface));
        }
        // A view's items are its data, not controls: its headers and the first row speak for
        // the rest (a million rows are not walked).
        if (QAccessibleTableInterface *table = iface->tableInterface()) {
            checkTable(iface, table);
            return;
        }
        if (role == QAccessible::List || role == QAccessible::Tree)
            return;
        for (int i = 0; i < iface->childCount(); ++i)
            walk(iface->child(i), depth + 1);
    }

    void walkWidget(QWidget *widget)
    {
        walk(QAccessible::queryAccessibleInterface(widget));
    }

private:
    void checkTable(QAccessibleInterface *iface, QAccessibleTableInterface *table)
    {
        const QString where = describe(iface);
        if (table->rowCount() == 0)
            return;
        for (int c = 0; c < table->columnCount(); ++c) {
            QAccessibleInterface *cell = table->cellAt(0, c);
            if (!cell || cell->state().invisible)
                continue;
            const QString text = cell->text(QAccessible::Name).trimmed();
            // A code ("S2", "ENT") is drawn as a coloured badge and means nothing read aloud.
            static const QRegularExpression code(QStringLiteral("^[A-Z][A-Z0-9]{0,3}$"));
            if (text.isEmpty() || code.match(text).hasMatch())
                unnamed.append(QStringLiteral("%1 row 0 column %2 reads \"%3\"")
                                       .arg(where).arg(c).arg(text));
        }
    }
};

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyControlIsNamed_data();
    void everyControlIsNamed();
    void shortcutsListEveryKeyOnce();
    void tabReachesEveryAreaAndComesBack();

private:
    QTemporaryDir m_dir;
    Testing::RealServer m_server { QStringLiteral(SUPPORTDESK_SERVER) };
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_server.start(m_dir.filePath(QStringLiteral("server.db")),
                            { QStringLiteral("--demo"), QStringLiteral("--demo-backlog"),
                              QStringLiteral("40"), QStringLiteral("--demo-interval"),
                              QStringLiteral("3600") }),
             m_server.log().constData());
}

void TestAccessibility::cleanupTestCase()
{
    m_server.stop();
}

void TestAccessibility::everyControlIsNamed_data()
{
    QTest::addColumn<Language>("language");
    QTest::addColumn<QString>("agent");
    QTest::newRow("en, agent") << Language::English << QStringLiteral("a-zhangwei");
    QTest::newRow("zh_CN, agent") << Language::Chinese << QStringLiteral("a-zhangwei");
    QTest::newRow("en, lead") << Language::English << QStringLiteral("a-wangfang");
    QTest::newRow("zh_CN, lead") << Language::Chinese << QStringLiteral("a-wangfang");
}

void TestAccessibility::everyControlIsNamed()
{
    QFETCH(Language, language);
    QFETCH(QString, agent);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language, false));
    Testing::DemoDesk desk;
    const QString cache = m_dir.filePath(
            QStringLiteral("%1-%2.sqlite").arg(agent, languageCode(language)));
    QVERIFY(desk.open(SessionConfig::forServer(m_server.url(), m_server.token(agent), cache),
                      m_server.url(), &languages));
    MainWindow &window = *desk.window;
    DeskController &controller = *desk.controller;
    QTRY_VERIFY(window.queueModel()->rowCount() > 0);
    auto *pane = qobject_cast<TicketPane *>(window.ticketPane());
    QVERIFY(pane);
    QVERIFY(window.selectTicket(window.queueModel()->ticketId(0)));
    QTRY_VERIFY(pane->ticket().has_value());

    Walker walker;
    walker.walkWidget(&window);
    // Every menu, as the menu bar opens it.
    for (QMenu *menu : window.findChildren<QMenu *>())
        walker.walkWidget(menu);

    // The lead board and each of its tabs.
    if (window.tabs()->indexOf(window.leadBoard()) >= 0) {
        window.tabs()->setCurrentWidget(window.leadBoard());
        QTabWidget *tabs = window.leadBoard()->tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QCoreApplication::processEvents();
            walker.walkWidget(&window);
        }
        window.tabs()->setCurrentIndex(0);
    }

    // Each dialog the desk opens: walked while it is up, then closed.
    const auto walkDialog = [&](const char *what, const std::function<void()> &open) {
        const QWidgetList before = QApplication::topLevelWidgets();
        open();
        QWidget *opened = nullptr;
        const bool appeared = QTest::qWaitFor(
                [&] {
                    for (QWidget *w : QApplication::topLevelWidgets()) {
                        if (w->isVisible() && !before.contains(w) && !qobject_cast<QMenu *>(w))
                            opened = w;
                    }
                    return opened != nullptr;
                },
                5000);
        if (!appeared) {
            walker.unnamed.append(QStringLiteral("%1: did not open").arg(QLatin1String(what)));
            return;
        }
        const int was = walker.unnamed.size();
        walker.walkWidget(opened);
        for (qsizetype i = was; i < walker.unnamed.size(); ++i)
            walker.unnamed[i].prepend(QLatin1String(what) + u' ');
        opened->close();
    };
    walkDialog("settings", [&] { controller.settingsAction()->trigger(); });
    walkDialog("new ticket", [&] { window.newTicketAction()->trigger(); });
    walkDialog("reclassify", [&] { pane->openReclassifyDialog(); });
    walkDialog("third-party software", [&] { pane->openThirdPartyDialog(); });
    walkDialog("plan reference", [&] { window.showPlanReference(); });
    walkDialog("keyboard shortcuts", [&] { window.showShortcuts(); });
    // The macro picker opens inside the window, over the composer.
    pane->macros()->open();
    QTRY_VERIFY(pane->macros()->picker()->isVisible());
    walker.walkWidget(pane->macros()->picker());
    pane->macros()->picker()->hide();
    if (window.tabs()->indexOf(window.leadBoard()) >= 0)
        walkDialog("service report", [&] { window.leadBoard()->openServiceReport(); });

    QVERIFY2(walker.controls > 50, qPrintable(QString::number(walker.controls)));
    // One line each (a failure message is cut at 1,000 characters).
    for (const QString &u : std::as_const(walker.unnamed))
        qWarning("unnamed: %s", qPrintable(u));
    QVERIFY2(walker.unnamed.isEmpty(), qPrintable(QStringLiteral("%1 of %2 controls unnamed")
                                                          .arg(walker.unnamed.size())
                                                          .arg(walker.controls)));
}

// Help → Keyboard shortcuts opens with F1 and lists the keys that work inside one area (the
// composer's send and macro keys) beside the menus', in the desk's language; and no key is
// bound to two actions that can fire in the same place.
void TestAccessibility::shortcutsListEveryKeyOnce()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    Testing::DemoDesk desk;
    QVERIFY(desk.open(SessionConfig::forServer(m_server.url(),
                                               m_server.token(QStringLiteral("a-wangfang")),
                                               m_dir.filePath(QStringLiteral("keys.sqlite"))),
                      m_server.url(), &languages));
    MainWindow &window = *desk.window;
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    QTest::keyClick(&window, Qt::Key_F1);
    ShortcutsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<ShortcutsDialog *>()) && dialog->isVisible());
    const auto rowOf = [dialog](const QString &action) {
        for (int r = 0; r < dialog->table()->rowCount(); ++r) {
            if (dialog->table()->item(r, 0)->text() == action)
                return r;
        }
        return -1;
    };
    const QString ctrl = QKeySequence(Qt::CTRL).toString(QKeySequence::NativeText);
    for (const auto &[action, key] : { std::pair { "Send the reply or note", "Return" },
                                       std::pair { "Insert a macro", "M" },
                                       std::pair { "Reply…", "R" },
                                       std::pair { "Keyboard shortcuts", "F1" },
                                       std::pair { "Lead board", "2" },
                                       std::pair { "Quit", "Q" },
                                       std::pair { "Settings…", "," } }) {
        const int row = rowOf(QString::fromUtf8(action));
        QVERIFY2(row >= 0, action);
        QVERIFY2(dialog->table()->item(row, 1)->text().contains(QLatin1String(key)), action);
    }
    // The composer's keys say where they work.
    QCOMPARE(dialog->table()->item(rowOf(QStringLiteral("Insert a macro")), 2)->text(),
             QStringLiteral("Composer"));
    QVERIFY(languages.setLanguage(Language::Chinese, false));
    QTRY_VERIFY(rowOf(QStringLiteral("插入宏")) >= 0);
    QVERIFY(languages.setLanguage(Language::English, false));
    dialog->close();

    // No key twice where both actions can fire: the window's own keys, and each area's keys
    // against the window's.
    QHash<QString, QStringList> byKey;
    for (QAction *a : window.findChildren<QAction *>()) {
        const bool windowWide = a->shortcutContext() == Qt::WindowShortcut;
        for (const QKeySequence &k : a->shortcuts()) {
            const QString scope = windowWide ? QString() : QString::number(quintptr(a->parent()));
            byKey[k.toString()].append(scope + u':' + a->text());
        }
    }
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        QStringList windowWide, scoped;
        for (const QString &entry : it.value())
            (entry.startsWith(u':') ? windowWide : scoped).append(entry);
        QVERIFY2(windowWide.size() <= 1 && (windowWide.isEmpty() || scoped.isEmpty()),
                 qPrintable(it.key() + QStringLiteral(": ") + it.value().join(u',')));
        scoped.removeDuplicates();
        QVERIFY2(scoped.size() == it.value().size() - windowWide.size(),
                 qPrintable(it.key() + QStringLiteral(": ") + it.value().join(u',')));
    }
}

// By keyboard alone: Tab from the search field goes through the queues, the queue, the pane's
// controls, the composer and Send, and comes back round — no area is skipped, none traps.
void TestAccessibility::tabReachesEveryAreaAndComesBack()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(Language::English, false));
    Testing::DemoDesk desk;
    QVERIFY(desk.open(SessionConfig::forServer(m_server.url(), m_server.token(QStringLiteral("a-zhangwei")),
                                               m_dir.filePath(QStringLiteral("tab.sqlite"))),
                      m_server.url(), &languages));
    MainWindow &window = *desk.window;
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY(window.queueModel()->rowCount() > 0);
    auto *pane = qobject_cast<TicketPane *>(window.ticketPane());
    QVERIFY(window.selectTicket(window.queueModel()->ticketId(0)));
    QTRY_VERIFY(pane->ticket().has_value());
    pane->composer()->setPlainText(QStringLiteral("Draft"));

    window.searchField()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(window.searchField()->hasFocus());
    QList<QWidget *> visited;
    for (int i = 0; i < 300; ++i) {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        if (i > 0 && focus == window.searchField())
            break;
        visited.append(focus);
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    QVERIFY2(QApplication::focusWidget() == window.searchField(),
             qPrintable(QStringLiteral("Tab did not come back round; stuck at %1")
                                .arg(QApplication::focusWidget()->metaObject()->className())));
    const auto reached = [&visited](QWidget *w) { return visited.contains(w); };
    QVERIFY(reached(window.queueList()));
    QVERIFY(reached(window.queueView()));
    QVERIFY(reached(window.editionFilter()));
    QVERIFY(reached(pane->statusBox()));
    QVERIFY(reached(pane->composer()));
    QVERIFY(reached(pane->macros()->button()));
    QVERIFY(std::any_of(visited.cbegin(), visited.cend(), [](QWidget *w) {
        const auto *b = qobject_cast<QPushButton *>(w);
        return b && b->isEnabled() && b->parentWidget() && b->text().contains(u"Send");
    }));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
