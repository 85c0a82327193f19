// The attachments of the ticket shown (docs/attachments.md): each file's name, size, type and
// who sent it; a preview of images and text logs (decoded off the GUI thread, within limits);
// open with the desktop's application from a temporary copy, or save.
#pragma once

#include "attachmentrecord.h"

#include <QImage>
#include <QPointer>
#include <QScrollArea>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace SupportDesk {

class ColumnFit;
class DeskSession;

// A scroll area round its box: squeezed by a long entitlements card, the pane's splitter gives
// it less than its minimum, and it scrolls rather than drawing its rows over each other.
class AttachmentPanel : public QScrollArea
{
    Q_OBJECT
public:
    // Previews: an image of at most this many bytes and pixels is decoded (on a pool thread,
    // scaled to the preview's size); a text log shows its first PreviewTextBytes.
    static constexpr qint64 PreviewMaxBytes = 16 << 20;
    static constexpr qint64 PreviewMaxPixels = 40'000'000;
    static constexpr qint64 PreviewTextBytes = 64 << 10;

    AttachmentPanel(DeskSession *session, QWidget *parent = nullptr);
    ~AttachmentPanel() override;

    void setTicket(const QString &ticketId);
    void refresh(); // the list read again from the cache

    QTreeWidget *list() const { return m_list; }
    QString title() const;
    // What the preview shows now: an image, text, or a message (why there is none).
    QImage previewImage() const { return m_previewImage; }
    QString previewText() const;
    QString message() const;
    // Opens (or saves to `path`) the selected attachment; false with message() saying why.
    bool openSelected();
    bool saveSelected(const QString &path = {});

    // The agent's words for an upload the server refused (the outbox's code and args).
    static QString refusalText(const QString &code, const QStringList &args);
    // "PNG image", "Text": the type in the user's language, the MIME type when unknown.
    static QString typeName(const QString &contentType);
    // The line the conversation shows under a message for the files that came with it
    // (`messageId`; empty: the ticket's own text), as HTML; empty when none did. Files still
    // waiting in the outbox are left to the list, which says so.
    static QString filesUnder(const QVector<AttachmentRecord> &records, const QString &messageId);

signals:
    void previewReady(); // an image decoded, a text shown, or a message why not

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showSelected();
    // The bytes of `record`: from the cache, or downloaded (then kept) on the session's
    // transport; `done` runs on this thread, with an error message when there are none.
    void withBytes(const AttachmentRecord &record,
                   std::function<void(const QByteArray &, const QString &error)> done);
    void showMessage(const QString &text);
    bool write(const AttachmentRecord &record, const QString &path, const QByteArray &data);
    void previewImageData(const AttachmentRecord &record, const QByteArray &data);
    std::optional<AttachmentRecord> selected() const;
    QString from(const AttachmentRecord &record) const;

    DeskSession *m_session;
    QString m_ticketId;
    QVector<AttachmentRecord> m_records;
    QGroupBox *m_box = nullptr;
    QTreeWidget *m_list = nullptr;
    ColumnFit *m_fit = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_save = nullptr;
    QStackedWidget *m_preview = nullptr;
    QLabel *m_image = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_message = nullptr;
    QImage m_previewImage;
    quint64 m_previewGeneration = 0; // a decode for an earlier selection is dropped
    std::unique_ptr<QTemporaryDir> m_openDir; // the copies opened, removed with the pane
};

} // namespace SupportDesk
