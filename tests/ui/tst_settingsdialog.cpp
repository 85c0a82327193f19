// The settings dialog: the server address is checked before anything is saved; the token goes
// to the keychain, or — where none runs and only when the user agrees — to a 0600 file.
#include "attachmentcache.h"
#include "credentialstore.h"
#include "settingsdialog.h"
#include "ticketcache.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace SupportDesk;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void validation_data();
    void validation();
    void invalidAddressKeepsTheDialogOpen();
    void settingsRoundTrip();
    void tokenWithoutKeychainNeedsConsent();
    void retranslates();
    void displayZoneRoundTrip();
    void companyCaFile();
    void attachmentCacheCapAndClear();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<CredentialStore> m_store;
};

void TestSettingsDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("settings.ini")),
                                             QSettings::IniFormat);
    m_store = std::make_unique<CredentialStore>();
    m_store->setServiceName(QStringLiteral("SupportDesk-test"));
    m_store->setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    m_store->setTimeoutMs(5000);
}

void TestSettingsDialog::validation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("url");
    QTest::newRow("https") << "https://desk.example.com" << true << "https://desk.example.com";
    QTest::newRow("trailing slash, spaces")
        << "  https://desk.example.com/api/ " << true << "https://desk.example.com/api";
    QTest::newRow("loopback port") << "http://127.0.0.1:8080" << true << "http://127.0.0.1:8080";
    QTest::newRow("empty") << "" << false << "";
    QTest::newRow("no scheme") << "desk.example.com" << false << "";
    QTest::newRow("host:port") << "localhost:8080" << false << "";
    QTest::newRow("ftp") << "ftp://desk.example.com" << false << "";
    QTest::newRow("no host") << "https://" << false << "";
    QTest::newRow("user info") << "https://ann:pw@desk.example.com" << false << "";
    QTest::newRow("query") << "https://desk.example.com/?x=1" << false << "";
    QTest::newRow("bad port") << "https://desk.example.com:99999" << false << "";
    QTest::newRow("space in host") << "https://desk example.com" << false << "";
}

void TestSettingsDialog::validation()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, url);
    QUrl parsed;
    const QString error = SettingsDialog::validateServerUrl(text, &parsed);
    QCOMPARE(error.isEmpty(), ok);
    if (ok)
        QCOMPARE(parsed.toString(), url);
}

void TestSettingsDialog::invalidAddressKeepsTheDialogOpen()
{
    SettingsDialog dialog(m_store.get());
    dialog.setSettingsStore(m_settings.get());
    QSignalSpy saved(&dialog, &SettingsDialog::settingsSaved);
    dialog.show();
    dialog.serverEdit()->setText(QStringLiteral("ftp://desk.example.com"));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(saved.size(), 0);
    QVERIFY(dialog.serverMessage()->text().contains(QStringLiteral("https://")));
    QVERIFY(!m_settings->contains(QStringLiteral("desk/serverUrl")));
    // A plain-http address elsewhere than this computer is allowed, with a warning.
    dialog.serverEdit()->setText(QStringLiteral("http://desk.example.com"));
    QVERIFY(dialog.serverMessage()->text().contains(QStringLiteral("unencrypted")));
}

void TestSettingsDialog::settingsRoundTrip()
{
    {
        SettingsDialog dialog(m_store.get());
        dialog.setSettingsStore(m_settings.get());
        QVERIFY(dialog.myTicketsBox()->isChecked()); // the defaults
        QVERIFY(dialog.unassignedBox()->isChecked());
        QVERIFY(!dialog.soundBox()->isChecked());
        dialog.serverEdit()->setText(QStringLiteral("https://desk.example.com/"));
        dialog.unassignedBox()->setChecked(false);
        dialog.soundBox()->setChecked(true);
        QSignalSpy saved(&dialog, &SettingsDialog::settingsSaved);
        dialog.accept(); // no token typed: nothing goes to the keychain
        QCOMPARE(saved.size(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    const Settings s = Settings::load(*m_settings);
    QCOMPARE(s.serverUrl, QUrl(QStringLiteral("https://desk.example.com")));
    QVERIFY(s.notifyMyTickets);
    QVERIFY(!s.notifyUnassignedBusinessDown);
    QVERIFY(s.sound);
    QCOMPARE(s.notifyPreferences().unassignedBusinessDown, false);
    SettingsDialog again(m_store.get());
    again.setSettingsStore(m_settings.get());
    QCOMPARE(again.serverEdit()->text(), QStringLiteral("https://desk.example.com"));
    QVERIFY(!again.unassignedBox()->isChecked());
}

void TestSettingsDialog::tokenWithoutKeychainNeedsConsent()
{
    // Probe: this test is about the machine without a keychain service (CI).
    m_store->write(QUrl(QStringLiteral("https://probe.example")), QStringLiteral("x"));
    QSignalSpy probe(m_store.get(), &CredentialStore::finished);
    QVERIFY(probe.wait(10000));
    if (probe.first().at(1).value<CredentialStore::Result>().status
        != CredentialStore::Status::NoKeychain) {
        m_store->remove(QUrl(QStringLiteral("https://probe.example")));
        QVERIFY(probe.wait(10000));
        QSKIP("a keychain service runs here");
    }

    SettingsDialog dialog(m_store.get());
    dialog.setSettingsStore(m_settings.get());
    int asked = 0;
    bool answer = false;
    QString question;
    dialog.setConsentPrompt([&](QWidget *, const QString &q) {
        ++asked;
        question = q;
        return answer;
    });
    QSignalSpy tokens(&dialog, &SettingsDialog::tokenSaved);
    dialog.show();
    dialog.serverEdit()->setText(QStringLiteral("https://desk.example.com"));
    dialog.tokenEdit()->setText(QStringLiteral("tok-123"));

    // Refused: nothing stored, the dialog stays open and says why.
    dialog.accept();
    QTRY_COMPARE(asked, 1);
    QTRY_VERIFY(!dialog.isSaving());
    QVERIFY(question.contains(QStringLiteral("keychain")));
    QVERIFY(dialog.isVisible());
    QVERIFY(!QFile::exists(m_store->fallbackPath()));
    QVERIFY(dialog.tokenMessage()->text().contains(QStringLiteral("not saved")));
    QCOMPARE(tokens.size(), 0);

    // Agreed: the file, owner-only, and the session is told.
    answer = true;
    dialog.accept();
    QTRY_COMPARE(tokens.size(), 1);
    QCOMPARE(asked, 2);
    QCOMPARE(tokens.first().at(1).toString(), QStringLiteral("tok-123"));
    QFile file(m_store->fallbackPath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(m_store->readFromFile(QUrl(QStringLiteral("https://desk.example.com"))).token,
             QStringLiteral("tok-123"));
    QVERIFY(Settings::load(*m_settings).tokenFileAllowed);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));

    // Next time the dialog says where the token is, without showing it.
    SettingsDialog again(m_store.get());
    again.setSettingsStore(m_settings.get());
    QTRY_VERIFY(again.tokenMessage()->text().contains(QStringLiteral("file")));
    QVERIFY(again.tokenEdit()->text().isEmpty());
}

void TestSettingsDialog::retranslates()
{
    SettingsDialog dialog(m_store.get());
    dialog.setSettingsStore(m_settings.get());
    dialog.myTicketsBox()->setChecked(false);
    dialog.serverEdit()->setText(QStringLiteral("https://x.example"));
    dialog.myTicketsBox()->setText(QString());
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&dialog, &change);
    QVERIFY(!dialog.myTicketsBox()->text().isEmpty());
    QVERIFY(!dialog.myTicketsBox()->isChecked()); // state kept
    QCOMPARE(dialog.serverEdit()->text(), QStringLiteral("https://x.example"));
}

// The display zone is the agent's choice (issue 13 item 10): the computer's by default, any
// zone the system knows, kept across starts; an unknown one falls back to the computer's.
void TestSettingsDialog::displayZoneRoundTrip()
{
    {
        SettingsDialog dialog(m_store.get());
        dialog.setSettingsStore(m_settings.get());
        QCOMPARE(dialog.zoneBox()->currentIndex(), 0); // the computer's
        QVERIFY(dialog.zoneBox()->currentText().contains(
            QString::fromUtf8(QTimeZone::systemTimeZoneId())));
        const int newYork = dialog.zoneBox()->findData(QByteArrayLiteral("America/New_York"));
        QVERIFY(newYork > 0);
        dialog.zoneBox()->setCurrentIndex(newYork);
        dialog.serverEdit()->setText(QStringLiteral("https://desk.example.com/"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(Settings::load(*m_settings).displayZone, QByteArrayLiteral("America/New_York"));
    {
        SettingsDialog again(m_store.get());
        again.setSettingsStore(m_settings.get());
        QCOMPARE(again.zoneBox()->currentData().toByteArray(),
                 QByteArrayLiteral("America/New_York"));
    }
    m_settings->setValue(QStringLiteral("desk/displayZone"), QByteArrayLiteral("Mars/Olympus"));
    QVERIFY(Settings::load(*m_settings).displayZone.isEmpty());
}

// A company CA (issue 15): picked with Browse…, checked before anything is saved (a file
// without a certificate, or none at all, keeps the dialog open with the reason), kept.
void TestSettingsDialog::companyCaFile()
{
    const QString ca = m_dir->filePath(QStringLiteral("company-ca.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), m_dir->filePath(QStringLiteral("ca.key")),
                   QStringLiteral("-out"), ca, QStringLiteral("-days"), QStringLiteral("1"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=Company CA")});
    QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
    {
        SettingsDialog dialog(m_store.get());
        dialog.setSettingsStore(m_settings.get());
        dialog.show();
        QVERIFY(dialog.caFileEdit()->text().isEmpty()); // none by default
        QVERIFY(dialog.caMessage()->isHidden());
        QVERIFY(!dialog.caBrowseButton()->text().isEmpty());
        QVERIFY(!dialog.caFileEdit()->placeholderText().isEmpty());
        dialog.serverEdit()->setText(QStringLiteral("https://desk.example.com"));
        QSignalSpy saved(&dialog, &SettingsDialog::settingsSaved);

        // Browse… offers the current file and takes the one picked; cancelling changes nothing.
        QStringList offered;
        QString pick = m_dir->filePath(QStringLiteral("notes.txt")); // not a certificate
        QFile notes(pick);
        QVERIFY(notes.open(QIODevice::WriteOnly));
        notes.write("-----BEGIN NOTHING-----\nnot a certificate\n");
        notes.close();
        dialog.setCaFilePicker([&](QWidget *, const QString &current) {
            offered.append(current);
            return pick;
        });
        QTest::mouseClick(dialog.caBrowseButton(), Qt::LeftButton);
        QCOMPARE(dialog.caFileEdit()->text(), QDir::toNativeSeparators(pick));
        QVERIFY(dialog.caMessage()->isVisible());
        QVERIFY2(dialog.caMessage()->text().contains(QStringLiteral("holds no certificate")),
                 qPrintable(dialog.caMessage()->text()));
        // The message takes room; the wrapped labels below it keep all their lines.
        const auto labelsFit = [&dialog] {
            for (const QLabel *l : dialog.findChildren<QLabel *>()) {
                if (l->isVisible() && l->wordWrap() && l->height() < l->heightForWidth(l->width()))
                    return false;
            }
            return true;
        };
        QTRY_VERIFY(labelsFit());
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QCOMPARE(saved.size(), 0);

        dialog.caFileEdit()->setText(m_dir->filePath(QStringLiteral("missing.pem")));
        QVERIFY(dialog.caMessage()->text().contains(QStringLiteral("cannot be read")));
        dialog.accept();
        QCOMPARE(saved.size(), 0);

        pick.clear();
        QTest::mouseClick(dialog.caBrowseButton(), Qt::LeftButton);
        QCOMPARE(offered.last(), m_dir->filePath(QStringLiteral("missing.pem")));
        QCOMPARE(dialog.caFileEdit()->text(), m_dir->filePath(QStringLiteral("missing.pem")));

        pick = ca;
        QTest::mouseClick(dialog.caBrowseButton(), Qt::LeftButton);
        QVERIFY(dialog.caMessage()->isHidden());
        dialog.accept();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().value<Settings>().caFile, ca);
    }
    QCOMPARE(Settings::load(*m_settings).caFile, ca);
    {
        SettingsDialog again(m_store.get());
        again.setSettingsStore(m_settings.get());
        QCOMPARE(again.caFileEdit()->text(), QDir::toNativeSeparators(ca));
        again.caFileEdit()->clear(); // back to the system's CAs only
        again.accept();
        QCOMPARE(again.result(), int(QDialog::Accepted));
    }
    QVERIFY(Settings::load(*m_settings).caFile.isEmpty());
}

// The attachment cache: its cap kept in the settings (what the desk applies at once), the
// space used now, and "Clear cache", which empties it.
void TestSettingsDialog::attachmentCacheCapAndClear()
{
    TicketCache tickets(QStringLiteral("settings-cache"));
    QCOMPARE(tickets.open(m_dir->filePath(QStringLiteral("cache.sqlite"))),
             TicketCache::OpenStatus::Ok);
    AttachmentCache cache(&tickets);
    const QByteArray data(3 << 20, 'x');
    const QVector<AttachmentRecord> records = AttachmentCache::describe(
        QStringLiteral("t1"), { { QStringLiteral("big.log"), data } });
    QVERIFY2(cache.store(records), qPrintable(cache.errorString()));
    QVERIFY2(cache.storeBytes(records.at(0), data), qPrintable(cache.errorString()));
    QCOMPARE(cache.keptBytes(), qint64(data.size()));

    SettingsDialog dialog(m_store.get());
    dialog.setSettingsStore(m_settings.get());
    QCOMPARE(dialog.cacheCapBox()->value(), int(Attachments::DefaultCacheCapBytes >> 20));
    QVERIFY(!dialog.clearCacheButton()->isVisibleTo(&dialog)); // no cache: nothing to clear
    dialog.setAttachmentCache(&cache);
    QVERIFY(dialog.clearCacheButton()->isVisibleTo(&dialog));
    QVERIFY2(dialog.cacheUsedLabel()->text().contains(Attachments::formatSize(data.size())),
             qPrintable(dialog.cacheUsedLabel()->text()));
    dialog.clearCacheButton()->click();
    QCOMPARE(cache.keptBytes(), 0);
    QVERIFY(dialog.cacheUsedLabel()->text().contains(Attachments::formatSize(0)));

    QSignalSpy saved(&dialog, &SettingsDialog::settingsSaved);
    dialog.serverEdit()->setText(QStringLiteral("https://desk.example.com/")); // needed to save
    dialog.cacheCapBox()->setValue(50);
    dialog.accept();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).at(0).value<Settings>().attachmentCacheBytes, qint64(50) << 20);
    SettingsDialog again(m_store.get());
    again.setSettingsStore(m_settings.get());
    QCOMPARE(again.cacheCapBox()->value(), 50);
    // A value out of range in the file is the default, not a cache of 0 bytes.
    m_settings->setValue(QStringLiteral("attachments/cacheMegabytes"), -3);
    QCOMPARE(Settings::load(*m_settings).attachmentCacheBytes, Attachments::DefaultCacheCapBytes);
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
