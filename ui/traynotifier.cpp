#include "traynotifier.h"

#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QSystemTrayIcon>

#include <utility>

namespace SupportDesk {

namespace {
constexpr int MaxRecent = 8;
constexpr int MessageMs = 10000;
} // namespace

TrayNotifier::TrayNotifier(Notifier *notifier, QObject *parent, Mode mode)
    : QObject(parent)
    , m_menu(new QMenu)
{
    if (mode == Mode::Auto && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(badgeIcon(0), this);
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastShown.isEmpty())
                emit openTicket(m_lastShown);
        });
        connect(m_tray, &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger
                        || reason == QSystemTrayIcon::DoubleClick)
                        emit showWindowRequested();
                });
        m_tray->show();
    }
    if (notifier) {
        connect(notifier, &Notifier::notify, this, &TrayNotifier::show);
        connect(notifier, &Notifier::attentionCountChanged, this, &TrayNotifier::setCount);
        m_count = notifier->attentionCount();
    }
    m_batch.setSingleShot(true);
    m_batch.setInterval(300);
    connect(&m_batch, &QTimer::timeout, this, &TrayNotifier::flushBatch);
    // A QObject gets no LanguageChange of its own: the application's tells us.
    qApp->installEventFilter(this);
    rebuildMenu();
    retranslate();
    setCount(m_count);
}

TrayNotifier::~TrayNotifier()
{
    if (m_tray)
        m_tray->setContextMenu(nullptr);
    delete m_menu;
}

QIcon TrayNotifier::badgeIcon(int count, int size)
{
    size = std::max(16, size);
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    // The desk: a blue rounded square with a white speech bubble.
    const QRectF body(size * 0.04, size * 0.04, size * 0.92, size * 0.92);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x1e, 0x63, 0xc4));
    p.drawRoundedRect(body, size * 0.2, size * 0.2);
    p.setBrush(Qt::white);
    QPainterPath bubble;
    bubble.addRoundedRect(QRectF(size * 0.2, size * 0.24, size * 0.6, size * 0.38), size * 0.1,
                          size * 0.1);
    QPolygonF tail;
    tail << QPointF(size * 0.32, size * 0.6) << QPointF(size * 0.28, size * 0.78)
         << QPointF(size * 0.48, size * 0.6);
    bubble.addPolygon(tail);
    p.drawPath(bubble.simplified());
    if (count > 0) {
        const QString text = count > 99 ? QStringLiteral("99+") : QString::number(count);
        const qreal d = size * (text.size() > 2 ? 0.7 : 0.58);
        const QRectF badge(size - d, 0, d, d * (text.size() > 2 ? 0.8 : 1.0));
        p.setBrush(QColor(0xd3, 0x2f, 0x2f));
        p.setPen(QPen(Qt::white, std::max(1.0, size / 32.0)));
        p.drawRoundedRect(badge, badge.height() / 2, badge.height() / 2);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(int(badge.height() * (text.size() > 1 ? 0.55 : 0.7)));
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(badge, Qt::AlignCenter, text);
    }
    p.end();
    return QIcon(pixmap);
}

QString TrayNotifier::toolTip() const
{
    if (m_count == 0)
        return tr("SupportDesk: none of your tickets is at risk");
    return tr("SupportDesk: %n ticket(s) of yours at risk or breached", nullptr, m_count);
}

QStringList TrayNotifier::recentTickets() const
{
    QStringList ids;
    for (const Recent &r : m_recent)
        ids.append(r.ticketId);
    return ids;
}

void TrayNotifier::setCount(int count)
{
    m_count = std::max(0, count);
    if (m_tray) {
        m_tray->setIcon(badgeIcon(m_count));
        m_tray->setToolTip(toolTip());
    }
}

void TrayNotifier::show(const QString &ticketId, Notifier::Kind kind, const QString &title,
                        const QString &text)
{
    m_recent.erase(std::remove_if(m_recent.begin(), m_recent.end(),
                                  [&](const Recent &r) { return r.ticketId == ticketId; }),
                   m_recent.end());
    m_recent.prepend({ ticketId, kind, title });
    while (m_recent.size() > MaxRecent)
        m_recent.removeLast();
    rebuildMenu();
    m_pending.append({ ticketId, kind, title, text });
    if (!m_batch.isActive())
        m_batch.start();
}

// One message for a burst (a start after a night away, a big feed page): the desktop shows
// one balloon, and a click opens the most pressing ticket of it.
void TrayNotifier::flushBatch()
{
    if (m_pending.isEmpty())
        return;
    const QList<Pending> batch = std::exchange(m_pending, {});
    QString ticketId;
    QString title;
    QString text;
    bool breached = false;
    if (batch.size() == 1) {
        ticketId = batch.first().ticketId;
        title = batch.first().title;
        text = batch.first().text;
        breached = batch.first().kind == Notifier::Kind::Breached;
    } else {
        // The first breach, else the first warning.
        ticketId = batch.first().ticketId;
        for (const Pending &p : batch) {
            if (p.kind == Notifier::Kind::Breached) {
                ticketId = p.ticketId;
                breached = true;
                break;
            }
        }
        title = tr("%n ticket(s) need your attention", nullptr, int(batch.size()));
        QStringList lines;
        for (qsizetype i = 0; i < batch.size() && i < 3; ++i)
            lines.append(batch.at(i).title);
        if (batch.size() > 3)
            lines.append(tr("and %n more", nullptr, int(batch.size() - 3)));
        text = lines.join(QLatin1Char('\n'));
    }
    if (m_sound)
        QApplication::beep();
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_lastShown = ticketId;
        m_tray->showMessage(title, text,
                            breached ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            MessageMs);
        return;
    }
    //: a notification shown in the status bar: title, then details
    emit fallbackNotice(
        ticketId,
        tr("%1 — %2").arg(title, QString(text).replace(QLatin1Char('\n'), tr("; "))));
}

void TrayNotifier::rebuildMenu()
{
    m_menu->clear();
    m_showAction = m_menu->addAction(QString());
    connect(m_showAction, &QAction::triggered, this, &TrayNotifier::showWindowRequested);
    if (!m_recent.isEmpty())
        m_menu->addSeparator();
    for (const Recent &r : std::as_const(m_recent)) {
        QAction *a = m_menu->addAction(r.title);
        a->setData(r.ticketId);
        const QString id = r.ticketId;
        connect(a, &QAction::triggered, this, [this, id] { emit openTicket(id); });
    }
    retranslate();
}

void TrayNotifier::retranslate()
{
    if (m_showAction)
        m_showAction->setText(tr("Show SupportDesk"));
    if (m_tray)
        m_tray->setToolTip(toolTip());
}

bool TrayNotifier::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == qApp && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

} // namespace SupportDesk
