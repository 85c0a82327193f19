// The reply's files (ui/attachmenttray.h).
#include "attachmenttray.h"

#include "panecolors.h"
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace SupportDesk {

namespace {

QStringList localFiles(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

AttachmentTray::AttachmentTray(QPlainTextEdit *composer, QWidget *parent)
    : QWidget(parent)
    , m_composer(composer)
{
    setObjectName(QStringLiteral("attachmentTray"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    m_attach = new QToolButton(this);
    m_attach->setObjectName(QStringLiteral("attachButton"));
    m_attach->setIcon(QIcon::fromTheme(QStringLiteral("mail-attachment"),
                                       style()->standardIcon(QStyle::SP_FileIcon)));
    m_attach->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_attach, &QToolButton::clicked, this, &AttachmentTray::chooseFiles);
    m_list = new QListWidget(this);
    m_list->setFlow(QListView::LeftToRight);
    m_list->setWrapping(true);
    m_list->setMaximumHeight(fontMetrics().lineSpacing() * 3);
    m_remove = new QToolButton(this);
    m_remove->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const int row = m_list->currentRow();
        QVector<AttachmentFile> &files = m_files[m_ticketId];
        if (row >= 0 && row < files.size())
            files.remove(row);
        refresh();
    });
    row->addWidget(m_attach, 0, Qt::AlignTop);
    row->addWidget(m_list, 1);
    row->addWidget(m_remove, 0, Qt::AlignTop);
    row->addStretch(0); // the button on the left while no file is attached
    layout->addLayout(row);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("attachmentMessage"));
    m_message->setWordWrap(true);
    PaneColors::setTone(m_message, Tone::Error);
    m_message->hide();
    layout->addWidget(m_message);
    // The composer and its viewport (where drag events arrive): a dropped file is attached,
    // never pasted in as its path.
    m_composer->installEventFilter(this);
    m_composer->viewport()->installEventFilter(this);
    retranslateUi();
    refresh();
}

void AttachmentTray::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AttachmentTray::setMaxBytes(qint64 bytes)
{
    if (bytes == m_maxBytes || bytes <= 0)
        return;
    m_maxBytes = bytes;
    retranslateUi();
}

void AttachmentTray::retranslateUi()
{
    m_attach->setText(tr("Attach…"));
    m_attach->setToolTip(tr("Attach files to the reply (or drop them on the text). Up to %1 "
                            "each.")
                             .arg(Attachments::formatSize(m_maxBytes)));
    m_remove->setToolTip(tr("Remove the selected file from the reply"));
    showRefusals();
    refresh();
}

void AttachmentTray::showRefusals()
{
    QStringList lines;
    for (const Refusal &r : std::as_const(m_refusals)) {
        switch (r.kind) {
        case Refusal::Kind::NotAFile:
            lines.append(tr("%1 is not a file.").arg(r.name));
            break;
        case Refusal::Kind::TooLarge:
            lines.append(tr("%1 is %2: the server takes files up to %3. It was not attached.")
                             .arg(r.name, Attachments::formatSize(r.size),
                                  Attachments::formatSize(r.limit)));
            break;
        case Refusal::Kind::Empty:
            lines.append(tr("%1 is empty. It was not attached.").arg(r.name));
            break;
        case Refusal::Kind::Unreadable:
            lines.append(tr("%1 could not be read: %2").arg(r.name, r.error));
            break;
        case Refusal::Kind::Changed:
            lines.append(tr("%1 changed while it was read. It was not attached.").arg(r.name));
            break;
        }
    }
    m_message->setText(lines.join(u'\n'));
    m_message->setVisible(!lines.isEmpty());
}

void AttachmentTray::setTicket(const QString &ticketId)
{
    m_ticketId = ticketId;
    m_refusals.clear();
    showRefusals();
    refresh();
}

void AttachmentTray::refresh()
{
    m_list->clear();
    for (const AttachmentFile &f : m_files.value(m_ticketId))
        m_list->addItem(tr("%1 (%2)").arg(f.name, Attachments::formatSize(f.data.size())));
    const bool any = m_list->count() > 0;
    m_list->setVisible(any);
    m_remove->setVisible(any);
}

QString AttachmentTray::message() const
{
    return m_message->text();
}

void AttachmentTray::clear(const QString &ticketId)
{
    m_files.remove(ticketId);
    if (ticketId == m_ticketId)
        refresh();
    emit filesChanged();
}

int AttachmentTray::addFiles(const QStringList &paths)
{
    if (m_ticketId.isEmpty())
        return 0;
    QVector<Refusal> refused;
    int added = 0;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const QString name = info.fileName();
        // Checked before it is read: the server would refuse it, and the reply would wait
        // in the outbox with a file it can never send.
        if (!info.isFile()) {
            refused.append({ Refusal::Kind::NotAFile, name, 0, 0, {} });
        } else if (info.size() > m_maxBytes) {
            refused.append({ Refusal::Kind::TooLarge, name, info.size(), m_maxBytes, {} });
        } else if (info.size() == 0) {
            refused.append({ Refusal::Kind::Empty, name, 0, 0, {} });
        } else {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                refused.append({ Refusal::Kind::Unreadable, name, 0, 0, file.errorString() });
                continue;
            }
            // Read now: what is sent is the file as it was attached, even if it changes or
            // goes before the reply leaves the outbox.
            const QByteArray data = file.read(m_maxBytes + 1);
            if (data.size() > m_maxBytes || data.isEmpty()) {
                refused.append({ Refusal::Kind::Changed, name, 0, 0, {} });
                continue;
            }
            m_files[m_ticketId].append({ name, data });
            ++added;
        }
    }
    m_refusals = refused;
    showRefusals();
    refresh();
    if (added)
        emit filesChanged();
    return added;
}

void AttachmentTray::chooseFiles()
{
    const QStringList paths
        = QFileDialog::getOpenFileNames(this, tr("Attach files"), QDir::homePath());
    if (!paths.isEmpty())
        addFiles(paths);
}

bool AttachmentTray::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDropEvent *>(event);
        if (!localFiles(drag->mimeData()).isEmpty()) {
            drag->acceptProposedAction();
            return true;
        }
        break;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localFiles(drop->mimeData());
        if (!paths.isEmpty()) {
            addFiles(paths);
            drop->acceptProposedAction();
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace SupportDesk
