// The agent's own settings: the server, the token (kept by CredentialStore), and which
// notifications to get. The language has its own menu; team thresholds are the lead's
// (TeamSettingsPanel).
//
// Wiring, in the main window:
//     SettingsDialog dialog(credentialStore, this);
//     connect(&dialog, &SettingsDialog::tokenSaved, session, …setToken…);
//     if (dialog.exec() == QDialog::Accepted)
//         notifier->setPreferences(dialog.settings().notifyPreferences());
#pragma once

#include "attachmentrecord.h"
#include "credentialstore.h"
#include "notifier.h"

#include <QDialog>
#include <QUrl>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QSpinBox;

namespace SupportDesk {

class AttachmentCache;

// What the dialog edits, as QSettings keeps it (keys under "desk/" and "notifications/").
struct Settings
{
    QUrl serverUrl;
    bool notifyMyTickets = true;
    bool notifyUnassignedBusinessDown = true;
    bool sound = false;
    // The user agreed, once, to keep the token in a file where no keychain runs.
    bool tokenFileAllowed = false;
    // The zone the desk shows every time in (IANA id); empty: the system's.
    QByteArray displayZone;
    // A CA certificate file (PEM or DER) trusted besides the system's CAs, for a server whose
    // certificate a company CA signed; empty: the system's only. --ca-file overrides it.
    QString caFile;
    // The attachment cache's size cap (AttachmentCache::setCapBytes); applied at once.
    qint64 attachmentCacheBytes = Attachments::DefaultCacheCapBytes;

    Notifier::Preferences notifyPreferences() const
    {
        return { notifyMyTickets, notifyUnassignedBusinessDown };
    }
    static Settings load(const QSettings &store);
    void save(QSettings &store) const;
    // The application's QSettings.
    static Settings load();
    void save() const;
};

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(CredentialStore *credentials, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // Empty when `text` is a usable server address (http or https, with a host); else why
    // not, in words. `url` receives the address on success.
    static QString validateServerUrl(const QString &text, QUrl *url = nullptr);

    // Where the settings are read and saved (tests); the application's QSettings otherwise.
    // Reads them into the form.
    void setSettingsStore(QSettings *store);
    // The session's attachment cache: the space it uses now, and "Clear cache" (which keeps
    // the files of replies waiting in the outbox). Without one those are not shown.
    void setAttachmentCache(AttachmentCache *cache);
    QSpinBox *cacheCapBox() const { return m_cacheCap; }
    QLabel *cacheUsedLabel() const { return m_cacheUsed; }
    QPushButton *clearCacheButton() const { return m_clearCache; }
    Settings settings() const { return m_settings; }
    void setSettings(const Settings &settings);

    // Asks the user whether the token may go to the file; the default is a message box.
    using ConsentPrompt = std::function<bool(QWidget *parent, const QString &question)>;
    void setConsentPrompt(ConsentPrompt prompt) { m_consent = std::move(prompt); }
    // Asks for the CA file (Browse…); the default is a file dialog. Empty: cancelled.
    using FilePicker = std::function<QString(QWidget *parent, const QString &current)>;
    void setCaFilePicker(FilePicker picker) { m_pickCaFile = std::move(picker); }
    // Empty when `path` is empty or a file with a CA certificate in it; else why not.
    static QString validateCaFile(const QString &path);

    QLineEdit *serverEdit() const { return m_server; }
    QLineEdit *tokenEdit() const { return m_token; }
    QLabel *serverMessage() const { return m_serverMessage; }
    QLabel *tokenMessage() const { return m_tokenMessage; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QPushButton *caBrowseButton() const { return m_caBrowse; }
    QLabel *caMessage() const { return m_caMessage; }
    QCheckBox *myTicketsBox() const { return m_mine; }
    QCheckBox *unassignedBox() const { return m_unassigned; }
    QCheckBox *soundBox() const { return m_sound; }
    QComboBox *zoneBox() const { return m_zone; }
    bool isSaving() const { return m_saving; }

public slots:
    // Validates, stores the token if one was typed, saves the settings and closes; stays open
    // with the reason shown when something is refused.
    void accept() override;

signals:
    void settingsSaved(const SupportDesk::Settings &settings);
    // A new token was stored: the session should use it (DeskSession::setToken).
    void tokenSaved(const QUrl &server, const QString &token);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createZoneBox();
    void retranslateUi();
    void updateServerMessage();
    bool updateCaMessage();
    void growToFit();
    void readTokenState();
    void onCredentialResult(const QUrl &server, const CredentialStore::Result &result);
    void finish();
    Settings formSettings() const;
    void setSaving(bool saving);

    CredentialStore *m_credentials;
    QSettings *m_store = nullptr;
    Settings m_settings;
    ConsentPrompt m_consent;
    FilePicker m_pickCaFile;
    bool m_growPending = false;
    bool m_saving = false;
    bool m_tokenWritten = false;
    QUrl m_pendingUrl;
    QString m_pendingToken;
    enum class TokenState { Unknown, Checking, None, Keychain, File, NoKeychain, Failed };
    TokenState m_tokenState = TokenState::Unknown;
    QString m_tokenError;

    QGroupBox *m_serverBox;
    QLabel *m_serverLabel;
    QLineEdit *m_server;
    QLabel *m_serverMessage;
    QLabel *m_tokenLabel;
    QLineEdit *m_token;
    QLabel *m_tokenMessage;
    QLabel *m_caLabel;
    QLineEdit *m_caFile;
    QPushButton *m_caBrowse;
    QLabel *m_caMessage;
    QGroupBox *m_notifyBox;
    QCheckBox *m_mine;
    QCheckBox *m_unassigned;
    QCheckBox *m_sound;
    QLabel *m_teamNote;
    QDialogButtonBox *m_buttons;
    QGroupBox *m_zoneBox = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QComboBox *m_zone = nullptr;
    QWidget *createCacheBox();
    void updateCacheUsed();
    AttachmentCache *m_attachments = nullptr;
    QGroupBox *m_cacheBox = nullptr;
    QLabel *m_cacheCapLabel = nullptr;
    QSpinBox *m_cacheCap = nullptr;
    QLabel *m_cacheUsed = nullptr;
    QPushButton *m_clearCache = nullptr;
};

} // namespace SupportDesk

Q_DECLARE_METATYPE(SupportDesk::Settings)
