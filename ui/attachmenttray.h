// The files attached to the reply being written (docs/attachments.md): a paperclip button and
// drops onto the composer add them, each checked against the server's limit at once (a clear
// message; the reply and the other files stay); kept per ticket until the reply is sent.
#pragma once

#include "attachmentcache.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QToolButton;

namespace SupportDesk {

class AttachmentTray : public QWidget
{
    Q_OBJECT
public:
    // Drops onto `composer` (its viewport) attach files instead of inserting their paths.
    AttachmentTray(QPlainTextEdit *composer, QWidget *parent = nullptr);

    void setTicket(const QString &ticketId);
    // The server's limit (GET /me): files are checked against it when attached; the tooltip
    // says it.
    void setMaxBytes(qint64 bytes);
    qint64 maxBytes() const { return m_maxBytes; }

    // Reads and attaches the files (to the ticket shown); those refused are named in
    // message(). Returns how many were attached.
    int addFiles(const QStringList &paths);
    QVector<AttachmentFile> files() const { return m_files.value(m_ticketId); }
    void clear(const QString &ticketId);
    QString message() const;
    QToolButton *attachButton() const { return m_attach; }
    QListWidget *list() const { return m_list; }

signals:
    void filesChanged();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Why a file was not attached, kept as facts so the message is worded again in the
    // language the user switches to.
    struct Refusal
    {
        enum class Kind { NotAFile, TooLarge, Empty, Unreadable, Changed } kind;
        QString name;
        qint64 size = 0;
        qint64 limit = 0;
        QString error;
    };
    void retranslateUi();
    void refresh();
    void chooseFiles();
    void showRefusals();

    QPlainTextEdit *m_composer;
    QString m_ticketId;
    QHash<QString, QVector<AttachmentFile>> m_files; // by ticket
    qint64 m_maxBytes = Attachments::DefaultMaxBytes;
    QToolButton *m_attach = nullptr;
    QToolButton *m_remove = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_message = nullptr;
    QVector<Refusal> m_refusals; // of the last files attached
};

} // namespace SupportDesk
