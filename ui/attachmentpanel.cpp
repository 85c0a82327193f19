// The ticket's attachments in the pane (ui/attachmentpanel.h).
#include "attachmentpanel.h"

#include "columnfit.h"

#include "attachmentcache.h"
#include "desksession.h"
#include "timeformat.h"
#include "transport.h"

#include <QApplication>
#include <QBuffer>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QThreadPool>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace SupportDesk {

namespace {

// Who sent a file is its rows' tooltip: a fourth column did not fit the pane beside the
// queue (the names were cut to "screen shot.p…").
enum Column { NameColumn, SizeColumn, TypeColumn, ColumnCount };
constexpr int RecordRole = Qt::UserRole + 1;

} // namespace

AttachmentPanel::AttachmentPanel(DeskSession *session, QWidget *parent)
    : QScrollArea(parent)
    , m_session(session)
{
    // The cap on kept bytes is the Settings dialog's, applied by DeskController.
    setObjectName(QStringLiteral("attachments"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    m_box = new QGroupBox;
    setWidget(m_box);
    // The list across the pane's width with the preview under it: side by side, in a pane
    // that shares the window with the queue, the names were cut to "scr…png".
    auto *layout = new QVBoxLayout(m_box);
    layout->setContentsMargins(4, 2, 4, 2);
    auto *left = layout;
    m_list = new QTreeWidget(m_box);
    m_list->setObjectName(QStringLiteral("attachmentList"));
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setTextElideMode(Qt::ElideMiddle); // the extension stays in sight
    // The size and type as wide as their words, the name the rest (its middle elided, the
    // extension in sight), or the list scrolls: ColumnFit, the desk's one rule.
    m_fit = new ColumnFit(m_list, m_list->header());
    m_fit->setFreeColumn(NameColumn, 12);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &AttachmentPanel::showSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { openSelected(); });
    left->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    m_open = new QPushButton(m_box);
    m_open->setObjectName(QStringLiteral("attachmentOpen"));
    connect(m_open, &QPushButton::clicked, this, [this] { openSelected(); });
    m_save = new QPushButton(m_box);
    m_save->setObjectName(QStringLiteral("attachmentSave"));
    connect(m_save, &QPushButton::clicked, this, [this] { saveSelected(); });
    buttons->addWidget(m_open);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    left->addLayout(buttons);

    m_preview = new QStackedWidget(m_box);
    m_message = new QLabel(m_preview);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_image = new QLabel(m_preview);
    m_image->setAlignment(Qt::AlignCenter);
    m_text = new QPlainTextEdit(m_preview);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->addWidget(m_message);
    m_preview->addWidget(m_image);
    m_preview->addWidget(m_text);
    layout->addWidget(m_preview, 2);
    // The preview gives way first when the pane is short (a long entitlements card): the list
    // keeps a header and two files, and nothing overlaps.
    m_list->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    m_preview->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    m_preview->setMinimumHeight(0);
    retranslateUi();
    setVisible(false);
}

AttachmentPanel::~AttachmentPanel() = default;

void AttachmentPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        refresh();
    }
    QScrollArea::changeEvent(event);
}

void AttachmentPanel::retranslateUi()
{
    m_box->setTitle(tr("Attachments (%1)").arg(m_records.size()));
    m_list->setHeaderLabels({ tr("Name"), tr("Size"), tr("Type") });
    m_open->setText(tr("&Open"));
    m_open->setToolTip(tr("Open with the desktop's application for this type"));
    m_save->setText(tr("Save &as…"));
}

void AttachmentPanel::setTicket(const QString &ticketId)
{
    if (ticketId == m_ticketId)
        return;
    m_ticketId = ticketId;
    ++m_previewGeneration;
    m_previewImage = QImage();
    showMessage(QString());
    refresh();
}

void AttachmentPanel::refresh()
{
    const QString current = selected() ? selected()->id : QString();
    m_records = m_ticketId.isEmpty() ? QVector<AttachmentRecord>()
                                     : m_session->attachments()->forTicket(m_ticketId);
    const QSignalBlocker block(m_list);
    m_list->clear();
    QTreeWidgetItem *select = nullptr;
    QStringList sizes, types;
    for (qsizetype i = 0; i < m_records.size(); ++i) {
        const AttachmentRecord &r = m_records.at(i);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(NameColumn, r.name);
        item->setText(SizeColumn, Attachments::formatSize(r.size));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(TypeColumn, typeName(r.contentType));
        sizes << item->text(SizeColumn);
        types << item->text(TypeColumn);
        const QString sender = from(r);
        for (int c = 0; c < ColumnCount; ++c)
            item->setToolTip(c, c == TypeColumn ? sender + u'\n' + r.contentType : sender);
        item->setData(NameColumn, RecordRole, int(i));
        if (r.id == current)
            select = item;
    }
    m_fit->setTexts(SizeColumn, sizes);
    m_fit->setTexts(TypeColumn, types);
    m_fit->fit();
    m_box->setTitle(tr("Attachments (%1)").arg(m_records.size()));
    setVisible(!m_records.isEmpty());
    if (select)
        select->setSelected(true);
    m_open->setEnabled(bool(select));
    m_save->setEnabled(bool(select));
}

QString AttachmentPanel::filesUnder(const QVector<AttachmentRecord> &records,
                                    const QString &messageId)
{
    QStringList names;
    for (const AttachmentRecord &r : records) {
        if (!r.pending && r.messageId == messageId)
            names.append(QStringLiteral("%1 (%2)").arg(r.name, Attachments::formatSize(r.size)));
    }
    if (names.isEmpty())
        return {};
    //: between the file names under a message: "a.log (2 KB), b.png (1 KB)"
    const QString separator = tr(", ");
    //: under a message in the conversation: the files that came with it, "a.log (2 KB), …"
    return QStringLiteral("<br><small><i>%1</i></small>")
        .arg(tr("Files: %1").arg(names.join(separator)).toHtmlEscaped());
}

QString AttachmentPanel::from(const AttachmentRecord &record) const
{
    if (record.pending)
        return tr("You — waiting to be sent");
    QString who = record.createdBy;
    const QVector<Agent> agents = m_session->cache()->agents();
    for (const Agent &a : agents) {
        if (a.id == record.createdBy)
            who = a.name;
    }
    if (!record.createdAt.isValid())
        return who;
    // In the desk's display zone and format, as every other time the desk shows.
    return tr("%1, %2").arg(who, TimeFormat::dateTime(record.createdAt));
}

QString AttachmentPanel::typeName(const QString &contentType)
{
    // The types the server sniffs (server/attachment.h), in the user's language.
    static const struct
    {
        const char16_t *type;
        const char *name;
    } names[] = { { u"image/png", QT_TR_NOOP("PNG image") },
                  { u"image/jpeg", QT_TR_NOOP("JPEG image") },
                  { u"image/gif", QT_TR_NOOP("GIF image") },
                  { u"image/webp", QT_TR_NOOP("WebP image") },
                  { u"application/pdf", QT_TR_NOOP("PDF document") },
                  { u"application/zip", QT_TR_NOOP("ZIP archive") },
                  { u"application/gzip", QT_TR_NOOP("gzip archive") },
                  { u"text/plain", QT_TR_NOOP("Text") },
                  { u"application/octet-stream", QT_TR_NOOP("Binary data") } };
    const QString type = contentType.section(u';', 0, 0).trimmed();
    for (const auto &n : names) {
        if (type == QStringView(n.type))
            return tr(n.name);
    }
    return type;
}

QString AttachmentPanel::refusalText(const QString &code, const QStringList &args)
{
    const QString name = args.value(0);
    if (code == u"attachment-too-large")
        return tr("%1 is larger than the server accepts. Dismiss the reply and send it with a "
                  "smaller file.")
            .arg(name);
    if (code == u"attachment-missing")
        return tr("the file %1 is no longer in this computer's cache.").arg(name);
    if (code == u"attachment-exists")
        return tr("the server holds another file under the id of %1.").arg(name);
    return tr("the server did not take the file %1 (%2).").arg(name, code);
}

std::optional<AttachmentRecord> AttachmentPanel::selected() const
{
    const QList<QTreeWidgetItem *> items = m_list->selectedItems();
    if (items.isEmpty())
        return std::nullopt;
    const int i = items.first()->data(NameColumn, RecordRole).toInt();
    if (i < 0 || i >= m_records.size())
        return std::nullopt;
    return m_records.at(i);
}

QString AttachmentPanel::title() const
{
    return m_box->title();
}

QString AttachmentPanel::previewText() const
{
    return m_preview->currentWidget() == m_text ? m_text->toPlainText() : QString();
}

QString AttachmentPanel::message() const
{
    return m_message->text();
}

void AttachmentPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_preview->setCurrentWidget(m_message);
}

void AttachmentPanel::withBytes(const AttachmentRecord &record,
                                std::function<void(const QByteArray &, const QString &)> done)
{
    if (const std::optional<QByteArray> kept = m_session->attachments()->bytes(record.sha256)) {
        done(*kept, QString());
        return;
    }
    if (record.pending) {
        done({}, tr("The file %1 is no longer in this computer's cache.").arg(record.name));
        return;
    }
    const QString path
        = QStringLiteral("/tickets/%1/attachments/%2")
              .arg(QString::fromLatin1(QUrl::toPercentEncoding(record.ticketId)), record.id);
    QPointer<AttachmentPanel> self(this);
    m_session->request("GET", path).then(this, [self, record, done](const TransportResponse &r) {
        if (!self)
            return;
        if (r.status != 200) {
            done({},
                 r.status == 0 ? tr("%1 could not be downloaded: %2").arg(record.name, r.error)
                               : tr("%1 could not be downloaded: the server answered %2.")
                                     .arg(record.name)
                                     .arg(r.status));
            return;
        }
        AttachmentCache *cache = self->m_session->attachments();
        if (!cache->storeBytes(record, r.body)) {
            done({}, cache->errorString());
            return;
        }
        done(r.body, QString());
    });
}

void AttachmentPanel::showSelected()
{
    const std::optional<AttachmentRecord> r = selected();
    m_open->setEnabled(bool(r));
    m_save->setEnabled(bool(r));
    const quint64 generation = ++m_previewGeneration;
    m_previewImage = QImage();
    if (!r) {
        showMessage(QString());
        return;
    }
    if (!(r->isImage() || r->isText()) || r->size > PreviewMaxBytes) {
        showMessage(r->size > PreviewMaxBytes ? tr("Too large to preview. Open or save it.")
                                              : tr("No preview for this type. Open or save "
                                                   "it."));
        emit previewReady();
        return;
    }
    showMessage(tr("Loading %1…").arg(r->name));
    withBytes(*r, [this, record = *r, generation](const QByteArray &data, const QString &error) {
        if (generation != m_previewGeneration)
            return;
        if (!error.isEmpty()) {
            showMessage(error);
            emit previewReady();
            return;
        }
        if (record.isImage()) {
            previewImageData(record, data);
            return;
        }
        // Text: its first part, decoded leniently (a log cut mid-character still shows).
        QStringDecoder utf8(QStringDecoder::Utf8);
        m_text->setPlainText(
            utf8(QByteArrayView(data).first(std::min<qsizetype>(data.size(), PreviewTextBytes))));
        if (data.size() > PreviewTextBytes)
            m_text->appendPlainText(
                tr("… (%1 more; open the file for the rest)")
                    .arg(Attachments::formatSize(data.size() - PreviewTextBytes)));
        m_preview->setCurrentWidget(m_text);
        emit previewReady();
    });
}

void AttachmentPanel::previewImageData(const AttachmentRecord &record, const QByteArray &data)
{
    // Decoded on a pool thread: a large PNG takes tens of milliseconds, a hostile one (a
    // "decompression bomb" of a few KB claiming 100k × 100k) is refused from its header.
    const quint64 generation = m_previewGeneration;
    const QSize box = m_preview->size().boundedTo(QSize(640, 480)).expandedTo(QSize(160, 120));
    QPointer<AttachmentPanel> self(this);
    QThreadPool::globalInstance()->start([self, data, box, generation, name = record.name] {
        QBuffer buffer;
        buffer.setData(data);
        QImageReader reader(&buffer);
        reader.setDecideFormatFromContent(true);
        QString error;
        QImage image;
        const QSize size = reader.size();
        if (!size.isValid() || qint64(size.width()) * size.height() > PreviewMaxPixels) {
            error = size.isValid() ? tr("%1 is %2 × %3 pixels: too large to preview.")
                                         .arg(name)
                                         .arg(size.width())
                                         .arg(size.height())
                                   : tr("%1 is not an image this program can read.").arg(name);
        } else {
            if (size.width() > box.width() || size.height() > box.height())
                reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio));
            if (!reader.read(&image))
                error = tr("%1 could not be read as an image: %2").arg(name, reader.errorString());
        }
        QMetaObject::invokeMethod(
            qApp,
            [self, image, error, generation] {
                if (!self || generation != self->m_previewGeneration)
                    return;
                if (!error.isEmpty()) {
                    self->showMessage(error);
                } else {
                    self->m_previewImage = image;
                    self->m_image->setPixmap(QPixmap::fromImage(image));
                    self->m_preview->setCurrentWidget(self->m_image);
                }
                emit self->previewReady();
            },
            Qt::QueuedConnection);
    });
}

bool AttachmentPanel::write(const AttachmentRecord &record, const QString &path,
                            const QByteArray &data)
{
    // Whole or not at all: a full disk leaves no half file under the name.
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return true;
    showMessage(tr("%1 could not be written to %2: %3")
                    .arg(record.name, QDir::toNativeSeparators(path), file.errorString()));
    return false;
}

bool AttachmentPanel::openSelected()
{
    const std::optional<AttachmentRecord> r = selected();
    if (!r)
        return false;
    withBytes(*r, [this, record = *r](const QByteArray &data, const QString &error) {
        if (!error.isEmpty()) {
            showMessage(error);
            return;
        }
        // A copy under the sanitised name in a directory of our own: the name is only ever a
        // label, and the desktop picks the application by the name's extension.
        if (!m_openDir)
            m_openDir = std::make_unique<QTemporaryDir>();
        const QString dir = m_openDir->filePath(record.id.left(8));
        QDir().mkpath(dir);
        const QString path = QDir(dir).filePath(Attachments::safeFileName(record.name));
        if (!write(record, path, data))
            return;
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
            showMessage(
                tr("No application opens %1 on this desktop. Save it instead.").arg(record.name));
    });
    return true;
}

bool AttachmentPanel::saveSelected(const QString &given)
{
    const std::optional<AttachmentRecord> r = selected();
    if (!r)
        return false;
    QString path = given;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(
            this, tr("Save attachment"), QDir::home().filePath(Attachments::safeFileName(r->name)));
        if (path.isEmpty())
            return false;
    }
    withBytes(*r, [this, record = *r, path](const QByteArray &data, const QString &error) {
        if (!error.isEmpty()) {
            showMessage(error);
            return;
        }
        if (write(record, path, data))
            showMessage(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
        emit previewReady();
    });
    return true;
}

} // namespace SupportDesk
