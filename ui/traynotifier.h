// Shows what the Notifier emits: a system-tray icon badged with the attention count and a
// desktop message per notification; a click opens the ticket. Where there is no tray (CI, the
// offscreen platform, some desktops) it emits fallbackNotice() for the main window's status
// bar instead, and never fails.
#pragma once

#include "notifier.h"

#include <QIcon>
#include <QObject>
#include <QTimer>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace SupportDesk {

class TrayNotifier : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Auto, NoTray };
    // Follows `notifier` (notify, attentionCountChanged). Mode::NoTray forces the fallback.
    explicit TrayNotifier(Notifier *notifier, QObject *parent = nullptr, Mode mode = Mode::Auto);
    ~TrayNotifier() override;

    bool hasTray() const { return m_tray != nullptr; }
    QSystemTrayIcon *trayIcon() const { return m_tray; }
    // The tray's menu (also usable without a tray, e.g. as a "Recent notifications" submenu):
    // "Show SupportDesk", then the recent notifications, newest first.
    QMenu *menu() const { return m_menu; }
    int count() const { return m_count; }
    QString toolTip() const;
    // The tickets of the recent notifications, newest first (at most 8).
    QStringList recentTickets() const;
    void setSound(bool on) { m_sound = on; }
    // Notifications arriving within this long of the first are shown as one message
    // ("3 tickets need your attention"); default 300 ms, 0 shows each as soon as the event
    // loop runs.
    void setBatchMs(int ms) { m_batch.setInterval(ms); }

    // The desk's icon with `count` painted on it (no badge at 0).
    static QIcon badgeIcon(int count, int size = 64);

public slots:
    void show(const QString &ticketId, SupportDesk::Notifier::Kind kind, const QString &title,
              const QString &text);
    void setCount(int count);

signals:
    void openTicket(const QString &ticketId);
    // The tray icon was clicked, or "Show SupportDesk" chosen: raise the main window.
    void showWindowRequested();
    // No tray, or a tray without messages: show this in the window (status bar).
    void fallbackNotice(const QString &ticketId, const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Recent
    {
        QString ticketId;
        Notifier::Kind kind;
        QString title;
    };
    void retranslate();
    void rebuildMenu();
    void flushBatch();

    QSystemTrayIcon *m_tray = nullptr; // a child; null without a tray
    QMenu *m_menu;
    QAction *m_showAction = nullptr;
    QList<Recent> m_recent;
    struct Pending
    {
        QString ticketId;
        Notifier::Kind kind;
        QString title;
        QString text;
    };
    QList<Pending> m_pending;
    QTimer m_batch;
    QString m_lastShown; // what a click on the current message opens
    int m_count = 0;
    bool m_sound = false;
};

} // namespace SupportDesk
