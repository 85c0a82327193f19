#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include "attachmentcache.h"
#include "transport.h"

namespace SupportDesk {

namespace {
// The attachment cache's cap in the form, in MiB: from a few files to a large disk's share.
constexpr qint64 MinCacheMiB = 10;
constexpr qint64 MaxCacheMiB = 100 * 1024;
} // namespace

namespace Key {
const QString Server = QStringLiteral("desk/serverUrl");
const QString Mine = QStringLiteral("notifications/myTickets");
const QString Unassigned = QStringLiteral("notifications/unassignedBusinessDown");
const QString Sound = QStringLiteral("notifications/sound");
const QString TokenFile = QStringLiteral("desk/tokenFileAllowed");
const QString DisplayZone = QStringLiteral("desk/displayZone");
const QString CaFile = QStringLiteral("desk/caFile");
// The key the attachment panel read before the cap was in this dialog: kept as it was.
const QString AttachmentCacheMiB = QStringLiteral("attachments/cacheMegabytes");
} // namespace Key

Settings Settings::load(const QSettings &store)
{
    Settings s;
    s.serverUrl = QUrl(store.value(Key::Server).toString());
    s.notifyMyTickets = store.value(Key::Mine, true).toBool();
    s.notifyUnassignedBusinessDown = store.value(Key::Unassigned, true).toBool();
    s.sound = store.value(Key::Sound, false).toBool();
    s.tokenFileAllowed = store.value(Key::TokenFile, false).toBool();
    s.displayZone = store.value(Key::DisplayZone).toByteArray();
    if (!s.displayZone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(s.displayZone))
        s.displayZone.clear(); // a zone this system does not know: the system's own
    s.caFile = store.value(Key::CaFile).toString();
    // Kept in MiB (what the spin box edits); a value out of range is the default.
    const qint64 mib = store.value(Key::AttachmentCacheMiB, 0).toLongLong();
    if (mib >= MinCacheMiB && mib <= MaxCacheMiB)
        s.attachmentCacheBytes = mib << 20;
    return s;
}

void Settings::save(QSettings &store) const
{
    store.setValue(Key::Server, serverUrl.toString());
    store.setValue(Key::Mine, notifyMyTickets);
    store.setValue(Key::Unassigned, notifyUnassignedBusinessDown);
    store.setValue(Key::Sound, sound);
    store.setValue(Key::TokenFile, tokenFileAllowed);
    store.setValue(Key::DisplayZone, displayZone);
    store.setValue(Key::AttachmentCacheMiB, attachmentCacheBytes >> 20);
    store.setValue(Key::CaFile, caFile);
    store.sync();
}

Settings Settings::load()
{
    const QSettings store;
    return load(store);
}

void Settings::save() const
{
    QSettings store;
    save(store);
}

static bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString SettingsDialog::validateServerUrl(const QString &text, QUrl *url)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the server's address, e.g. https://desk.example.com.");
    const QUrl u(trimmed, QUrl::StrictMode);
    if (!u.isValid())
        return tr("This is not a valid address: %1").arg(u.errorString());
    const QString scheme = u.scheme().toLower();
    if (scheme.isEmpty() || (u.host().isEmpty() && !trimmed.contains(QLatin1String("://"))))
        return tr("The address must start with https:// or http://.");
    if (scheme != u"https" && scheme != u"http")
        return tr("The address must start with https:// or http://, not %1://.").arg(scheme);
    if (u.host().isEmpty())
        return tr("The address has no server name.");
    if (!u.userInfo().isEmpty())
        return tr("Leave the user name and password out of the address; the token goes in "
                  "its own field.");
    if (u.hasQuery() || u.hasFragment())
        return tr("The address must not have a query (?…) or a fragment (#…).");
    if (url) {
        *url = u.adjusted(QUrl::StripTrailingSlash);
        if (url->path() == u"/")
            url->setPath(QString());
    }
    return {};
}

SettingsDialog::~SettingsDialog()
{
    // ~QDialog hides the dialog, which takes the focus from the server field: its
    // editingFinished must not reach this object once this destructor has run.
    m_server->disconnect(this);
}

SettingsDialog::SettingsDialog(CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_credentials(credentials)
    , m_serverBox(new QGroupBox(this))
    , m_serverLabel(new QLabel(this))
    , m_server(new QLineEdit(this))
    , m_serverMessage(new QLabel(this))
    , m_tokenLabel(new QLabel(this))
    , m_token(new QLineEdit(this))
    , m_tokenMessage(new QLabel(this))
    , m_caLabel(new QLabel(this))
    , m_caFile(new QLineEdit(this))
    , m_caBrowse(new QPushButton(this))
    , m_caMessage(new QLabel(this))
    , m_notifyBox(new QGroupBox(this))
    , m_mine(new QCheckBox(this))
    , m_unassigned(new QCheckBox(this))
    , m_sound(new QCheckBox(this))
    , m_teamNote(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText
                                 | Qt::ImhNoAutoUppercase);
    m_serverLabel->setBuddy(m_server);
    m_tokenLabel->setBuddy(m_token);
    m_caFile->setObjectName(QStringLiteral("caFile"));
    m_caLabel->setBuddy(m_caFile);
    for (QLabel *l : { m_serverMessage, m_tokenMessage, m_caMessage, m_teamNote })
        l->setWordWrap(true);
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_caBrowse);

    auto *serverForm = new QFormLayout(m_serverBox);
    serverForm->addRow(m_serverLabel, m_server);
    serverForm->addRow(QString(), m_serverMessage);
    serverForm->addRow(m_tokenLabel, m_token);
    serverForm->addRow(QString(), m_tokenMessage);
    serverForm->addRow(m_caLabel, caRow);
    serverForm->addRow(QString(), m_caMessage);
    auto *notify = new QVBoxLayout(m_notifyBox);
    notify->addWidget(m_mine);
    notify->addWidget(m_unassigned);
    notify->addWidget(m_sound);
    notify->addWidget(m_teamNote);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_serverBox);
    layout->addWidget(m_notifyBox);
    layout->addWidget(createZoneBox());
    layout->addWidget(createCacheBox());
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    m_consent = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, tr("Store the token in a file?"), question,
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    m_pickCaFile = [](QWidget *parent, const QString &current) {
        return QFileDialog::getOpenFileName(
            parent, tr("Company CA certificate"), current,
            //: file dialog filter; keep the patterns in parentheses as they are
            tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    };
    connect(m_caBrowse, &QPushButton::clicked, this, [this] {
        const QString path = m_pickCaFile(this, m_caFile->text());
        if (!path.isEmpty())
            m_caFile->setText(QDir::toNativeSeparators(path));
    });
    connect(m_caFile, &QLineEdit::textChanged, this, &SettingsDialog::updateCaMessage);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_server, &QLineEdit::textChanged, this, &SettingsDialog::updateServerMessage);
    connect(m_server, &QLineEdit::editingFinished, this, &SettingsDialog::readTokenState);
    if (m_credentials)
        connect(m_credentials, &CredentialStore::finished, this,
                &SettingsDialog::onCredentialResult);

    setSettings(Settings::load());
    retranslateUi();
}

// The attachment cache: its cap, the space it uses now, and "Clear cache".
QWidget *SettingsDialog::createCacheBox()
{
    m_cacheBox = new QGroupBox(this);
    m_cacheCapLabel = new QLabel(m_cacheBox);
    m_cacheCap = new QSpinBox(m_cacheBox);
    m_cacheCap->setObjectName(QStringLiteral("attachmentCacheCap"));
    m_cacheCap->setRange(int(MinCacheMiB), int(MaxCacheMiB));
    m_cacheCapLabel->setBuddy(m_cacheCap);
    m_cacheUsed = new QLabel(m_cacheBox);
    m_cacheUsed->setWordWrap(true);
    m_clearCache = new QPushButton(m_cacheBox);
    connect(m_clearCache, &QPushButton::clicked, this, [this] {
        // evict(0) drops every kept file but those a reply in the outbox still has to send.
        if (m_attachments && !m_attachments->evict(0))
            m_cacheUsed->setText(m_attachments->errorString());
        else
            updateCacheUsed();
    });
    auto *form = new QFormLayout(m_cacheBox);
    form->addRow(m_cacheCapLabel, m_cacheCap);
    auto *used = new QHBoxLayout;
    used->addWidget(m_cacheUsed, 1);
    used->addWidget(m_clearCache);
    form->addRow(QString(), used);
    setAttachmentCache(nullptr);
    return m_cacheBox;
}

void SettingsDialog::setAttachmentCache(AttachmentCache *cache)
{
    m_attachments = cache;
    m_cacheUsed->setVisible(cache);
    m_clearCache->setVisible(cache);
    updateCacheUsed();
}

void SettingsDialog::updateCacheUsed()
{
    if (!m_attachments)
        return;
    //: settings: the attachment cache's size now; files of replies not yet sent are never cleared
    m_cacheUsed->setText(tr("In use now: %1 (files of replies waiting to be sent are kept)")
                             .arg(Attachments::formatSize(m_attachments->keptBytes())));
}

// The display zone: the system's, or any zone the system knows.
QWidget *SettingsDialog::createZoneBox()
{
    m_zoneBox = new QGroupBox(this);
    m_zoneLabel = new QLabel(m_zoneBox);
    m_zone = new QComboBox(m_zoneBox);
    m_zone->setObjectName(QStringLiteral("displayZone"));
    m_zone->addItem(QString(), QByteArray()); // the system's, named in retranslateUi()
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id), id);
    m_zoneLabel->setBuddy(m_zone);
    auto *form = new QFormLayout(m_zoneBox);
    form->addRow(m_zoneLabel, m_zone);
    return m_zoneBox;
}

void SettingsDialog::setSettingsStore(QSettings *store)
{
    m_store = store;
    setSettings(store ? Settings::load(*store) : Settings::load());
}

void SettingsDialog::setSettings(const Settings &settings)
{
    m_settings = settings;
    m_server->setText(settings.serverUrl.toString());
    m_mine->setChecked(settings.notifyMyTickets);
    m_unassigned->setChecked(settings.notifyUnassignedBusinessDown);
    m_sound->setChecked(settings.sound);
    if (m_zone)
        m_zone->setCurrentIndex(std::max(0, m_zone->findData(settings.displayZone)));
    m_token->clear();
    m_caFile->setText(QDir::toNativeSeparators(settings.caFile));
    m_cacheCap->setValue(int(settings.attachmentCacheBytes >> 20));
    updateServerMessage();
    updateCaMessage();
    readTokenState();
}

Settings SettingsDialog::formSettings() const
{
    Settings s = m_settings;
    QUrl url;
    if (validateServerUrl(m_server->text(), &url).isEmpty())
        s.serverUrl = url;
    s.notifyMyTickets = m_mine->isChecked();
    s.notifyUnassignedBusinessDown = m_unassigned->isChecked();
    s.sound = m_sound->isChecked();
    s.displayZone = m_zone->currentData().toByteArray();
    s.caFile = QDir::fromNativeSeparators(m_caFile->text().trimmed());
    s.attachmentCacheBytes = qint64(m_cacheCap->value()) << 20;
    return s;
}

QString SettingsDialog::validateCaFile(const QString &path)
{
    if (path.trimmed().isEmpty())
        return {};
    QString error;
    if (HttpTransport::readCaFile(path.trimmed(), &error).isEmpty())
        return error;
    return {};
}

bool SettingsDialog::updateCaMessage()
{
    const QString error = validateCaFile(QDir::fromNativeSeparators(m_caFile->text()));
    m_caMessage->setText(error);
    m_caMessage->setVisible(!error.isEmpty());
    growToFit();
    return error.isEmpty();
}

void SettingsDialog::growToFit()
{
    // A message that appears under a field takes height; word-wrapped labels (the team note)
    // are not in the dialog's minimum size, so the dialog grows to its height for its width
    // itself rather than squeezing them.
    if (!isVisible() || m_growPending)
        return;
    m_growPending = true;
    QTimer::singleShot(0, this, [this] {
        m_growPending = false;
        QLayout *box = layout();
        box->activate();
        const int needed = box->hasHeightForWidth() ? box->totalHeightForWidth(width())
                                                    : box->totalSizeHint().height();
        if (needed > height())
            resize(width(), needed);
    });
}

void SettingsDialog::updateServerMessage()
{
    QUrl url;
    const QString error = m_server->text().trimmed().isEmpty()
        ? QString()
        : validateServerUrl(m_server->text(), &url);
    if (!error.isEmpty()) {
        m_serverMessage->setText(error);
    } else if (url.scheme() == u"http" && !isLoopback(url.host())) {
        m_serverMessage->setText(tr("Warning: over http:// the token travels unencrypted. "
                                    "Use https:// unless the server is on this computer."));
    } else {
        m_serverMessage->clear();
    }
    m_serverMessage->setVisible(!m_serverMessage->text().isEmpty());
    growToFit();
}

void SettingsDialog::readTokenState()
{
    QUrl url;
    if (!m_credentials || !validateServerUrl(m_server->text(), &url).isEmpty()) {
        m_tokenState = TokenState::Unknown;
        retranslateUi();
        return;
    }
    m_tokenState = TokenState::Checking;
    m_pendingUrl = url;
    m_credentials->read(url);
    retranslateUi();
}

void SettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!saving);
    m_server->setReadOnly(saving);
    m_token->setReadOnly(saving);
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    QUrl url;
    const QString error = validateServerUrl(m_server->text(), &url);
    if (!error.isEmpty()) {
        m_serverMessage->setText(error);
        m_serverMessage->setVisible(true);
        m_server->setFocus();
        return;
    }
    if (!updateCaMessage()) {
        m_caFile->setFocus();
        return;
    }
    const QString token = m_token->text().trimmed();
    if (token.isEmpty() || !m_credentials) {
        finish();
        return;
    }
    m_pendingUrl = url;
    m_pendingToken = token;
    setSaving(true);
    m_credentials->write(url, token);
}

void SettingsDialog::onCredentialResult(const QUrl &server, const CredentialStore::Result &result)
{
    if (CredentialStore::keyFor(server) != CredentialStore::keyFor(m_pendingUrl))
        return;
    if (result.operation == CredentialStore::Operation::Read) {
        if (m_saving)
            return; // a read from before the save; the write's answer decides

        // The answer to readTokenState(): only whether a token is there, never the token.
        if (result.ok())
            m_tokenState = result.where == CredentialStore::Where::File ? TokenState::File
                                                                        : TokenState::Keychain;
        else if (result.status == CredentialStore::Status::NoKeychain)
            m_tokenState = TokenState::NoKeychain;
        else if (result.status == CredentialStore::Status::NotFound)
            m_tokenState = TokenState::None;
        else
            m_tokenState = TokenState::Failed;
        m_tokenError = result.message;
        retranslateUi();
        return;
    }
    if (result.operation != CredentialStore::Operation::Write || !m_saving)
        return;
    CredentialStore::Result stored = result;
    if (result.status == CredentialStore::Status::NoKeychain) {
        const QString question
            = tr("%1\n\nStore the token in a file that only your user account can read "
                 "(%2)? This is less safe than a keychain: anyone who can act as your "
                 "account, or read your backups, can read the token.")
                  .arg(result.message, m_credentials->fallbackPath());
        if (m_settings.tokenFileAllowed || m_consent(this, question)) {
            stored = m_credentials->writeToFile(m_pendingUrl, m_pendingToken);
            if (stored.ok())
                m_settings.tokenFileAllowed = true;
        } else {
            setSaving(false);
            m_tokenState = TokenState::NoKeychain;
            m_tokenError = tr("The token was not saved: no keychain, and you chose not to "
                              "store it in a file.");
            retranslateUi();
            return;
        }
    }
    setSaving(false);
    if (!stored.ok()) {
        m_tokenState = TokenState::Failed;
        m_tokenError = stored.message;
        retranslateUi();
        return;
    }
    m_tokenState
        = stored.where == CredentialStore::Where::File ? TokenState::File : TokenState::Keychain;
    m_tokenWritten = true;
    emit tokenSaved(m_pendingUrl, m_pendingToken);
    m_pendingToken.clear();
    m_token->clear();
    finish();
}

void SettingsDialog::finish()
{
    m_settings = formSettings();
    if (m_store)
        m_settings.save(*m_store);
    else
        m_settings.save();
    emit settingsSaved(m_settings);
    QDialog::accept();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    //: settings group: the time zone every time on the desk is shown in
    m_zoneBox->setTitle(tr("Time"));
    //: settings group: files of tickets kept on this computer
    m_cacheBox->setTitle(tr("Attachments"));
    m_cacheCapLabel->setText(tr("Keep at most:"));
    //: unit after the attachment cache's size cap
    m_cacheCap->setSuffix(tr(" MB"));
    m_cacheCap->setAccessibleName(tr("Attachment cache size"));
    m_clearCache->setText(tr("Clear cache"));
    m_clearCache->setAccessibleName(tr("Clear the attachment cache"));
    updateCacheUsed();
    m_zoneLabel->setText(tr("Show times &in:"));
    //: the display zone follows the computer's; %1 is that zone, e.g. "Europe/Berlin"
    m_zone->setItemText(0, tr("This computer's time zone (%1)")
                               .arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    m_serverBox->setTitle(tr("Server"));
    m_serverLabel->setText(tr("Server &address:"));
    m_server->setPlaceholderText(tr("https://desk.example.com"));
    //: the API token an agent signs in with
    m_tokenLabel->setText(tr("&Token:"));
    switch (m_tokenState) {
    case TokenState::Unknown:
    case TokenState::None:
        m_token->setPlaceholderText(tr("Paste your API token"));
        m_tokenMessage->setText(m_tokenState == TokenState::None
                                    ? tr("No token is stored for this server.")
                                    : QString());
        break;
    case TokenState::Checking:
        m_token->setPlaceholderText(QString());
        m_tokenMessage->setText(tr("Looking for a stored token…"));
        break;
    case TokenState::Keychain:
        m_token->setPlaceholderText(tr("Unchanged — type a new token to replace it"));
        m_tokenMessage->setText(tr("A token is stored in the system keychain."));
        break;
    case TokenState::File:
        m_token->setPlaceholderText(tr("Unchanged — type a new token to replace it"));
        m_tokenMessage->setText(
            tr("A token is stored in a file only you can read (less safe "
               "than a keychain): %1")
                .arg(m_credentials ? m_credentials->fallbackPath() : QString()));
        break;
    case TokenState::NoKeychain:
    case TokenState::Failed:
        m_token->setPlaceholderText(tr("Paste your API token"));
        m_tokenMessage->setText(m_tokenError);
        break;
    }
    m_tokenMessage->setVisible(!m_tokenMessage->text().isEmpty());
    growToFit();
    //: a certificate authority's certificate a company signs its servers' certificates with
    m_caLabel->setText(tr("Company &CA:"));
    m_caFile->setPlaceholderText(tr("None — the system's certificate authorities only"));
    m_caFile->setToolTip(tr("A CA certificate file (PEM or DER) to trust besides the "
                            "system's, when your company's CA signed the server's certificate."));
    m_caBrowse->setText(tr("&Browse…"));
    updateCaMessage();
    m_notifyBox->setTitle(tr("Notifications"));
    m_mine->setText(tr("Notify me when one of &my tickets is at risk or breached"));
    m_unassigned->setText(tr("Notify me when an &unassigned ticket of the most severe level "
                             "(business unavailable) is at risk or breached"));
    m_sound->setText(tr("Play a &sound with each notification"));
    m_teamNote->setText(tr("When a ticket counts as at risk, and how long before a breach "
                           "agents are warned, are team settings a lead sets on the lead board."));
    updateServerMessage();
}

} // namespace SupportDesk
