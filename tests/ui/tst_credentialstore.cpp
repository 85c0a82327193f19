// The token store: the keychain where one runs, a clear "no keychain" where none does (CI),
// and the 0600 file the user may agree to instead.
#include "credentialstore.h"
#include "languagemanager.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace SupportDesk;

class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void keyNormalizesTheServer();
    void keychainAnswersOrSaysItIsMissing();
    void fileFallbackIsOwnerOnly();
    void readFallsBackToTheFile();
    void removeClearsTheFile();
    void invalidServerIsRefused();
    void tamperedFileModeIsNarrowed();

private:
    CredentialStore::Result waitFor(CredentialStore &store);

    std::unique_ptr<QTemporaryDir> m_dir;
    const QUrl m_server { QStringLiteral("https://Desk.Example.com:443/api/") };
};

void TestCredentialStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CredentialStore::Result TestCredentialStore::waitFor(CredentialStore &store)
{
    QSignalSpy spy(&store, &CredentialStore::finished);
    if (!spy.wait(15000))
        return {};
    return spy.first().at(1).value<CredentialStore::Result>();
}

void TestCredentialStore::keyNormalizesTheServer()
{
    QCOMPARE(CredentialStore::keyFor(m_server), QStringLiteral("https://desk.example.com/api"));
    QCOMPARE(CredentialStore::keyFor(QUrl(QStringLiteral("http://user:pw@127.0.0.1:8080/"))),
             QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(CredentialStore::keyFor(QUrl(QStringLiteral("https://a.example")))
            != CredentialStore::keyFor(QUrl(QStringLiteral("http://a.example"))));
}

// On CI there is no Secret Service: the store must say so (NoKeychain, with a message), never
// hang or crash. Where a keychain does run, the round trip must work.
void TestCredentialStore::keychainAnswersOrSaysItIsMissing()
{
    CredentialStore store;
    store.setServiceName(QStringLiteral("SupportDesk-test"));
    store.setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    store.setTimeoutMs(5000);
    store.write(m_server, QStringLiteral("secret-token"));
    const CredentialStore::Result written = waitFor(store);
    if (written.status == CredentialStore::Status::NoKeychain) {
        qInfo("no keychain here: %s", qPrintable(written.message));
        QVERIFY(store.keychainUnavailable());
        QVERIFY2(written.message.contains(QStringLiteral("keychain")), qPrintable(written.message));
        // The backend's own English ("(Unknown error)") is for the log, not the user.
        QVERIFY2(written.detail.isEmpty() || !written.message.contains(written.detail),
                 qPrintable(written.message));
        {
            LanguageManager languages;
            QVERIFY(languages.setLanguage(Language::Chinese, false));
            store.write(m_server, QStringLiteral("secret-token"));
            const CredentialStore::Result zh = waitFor(store);
            QCOMPARE(zh.status, CredentialStore::Status::NoKeychain);
            // Product names stay as they are; any other English word is untranslated text.
            static const QRegularExpression latinWord(QStringLiteral(
                    "\\b(?!(?:Bus|GNOME|Keyring|KWallet|Linux|Secret|Service)\\b)[A-Za-z]{3,}"));
            QVERIFY2(!latinWord.match(zh.message).hasMatch(), qPrintable(zh.message));
            QVERIFY(languages.setLanguage(Language::English, false));
        }
        QVERIFY(!QFile::exists(store.fallbackPath())); // nothing stored without consent
        store.read(m_server);
        const CredentialStore::Result read = waitFor(store);
        QVERIFY(!read.ok());
        QVERIFY(read.token.isEmpty());
        return;
    }
    QVERIFY2(written.ok(), qPrintable(written.message));
    store.read(m_server);
    const CredentialStore::Result read = waitFor(store);
    QVERIFY(read.ok());
    QCOMPARE(read.token, QStringLiteral("secret-token"));
    store.remove(m_server);
    QVERIFY(waitFor(store).ok());
}

void TestCredentialStore::fileFallbackIsOwnerOnly()
{
    CredentialStore store;
    store.setFallbackPath(m_dir->filePath(QStringLiteral("sub/credentials.json")));
    const auto r = store.writeToFile(m_server, QStringLiteral("tok-1"));
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.where, CredentialStore::Where::File);
    QFile file(store.fallbackPath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    // A second server in the same file; the mode stays.
    const QUrl other(QStringLiteral("http://127.0.0.1:8080"));
    QVERIFY(store.writeToFile(other, QStringLiteral("tok-2")).ok());
    QCOMPARE(file.permissions() & ~(QFile::ReadUser | QFile::WriteUser),
             QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(store.readFromFile(m_server).token, QStringLiteral("tok-1"));
    QCOMPARE(store.readFromFile(other).token, QStringLiteral("tok-2"));
    QCOMPARE(store.readFromFile(QUrl(QStringLiteral("https://nowhere.example"))).status,
             CredentialStore::Status::NotFound);
}

void TestCredentialStore::readFallsBackToTheFile()
{
    CredentialStore store;
    store.setServiceName(QStringLiteral("SupportDesk-test-absent"));
    store.setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    store.setTimeoutMs(5000);
    QVERIFY(store.writeToFile(m_server, QStringLiteral("from-file")).ok());
    store.read(m_server);
    const auto r = waitFor(store);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.token, QStringLiteral("from-file"));
    QCOMPARE(r.where, CredentialStore::Where::File);
}

void TestCredentialStore::removeClearsTheFile()
{
    CredentialStore store;
    store.setServiceName(QStringLiteral("SupportDesk-test-absent"));
    store.setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    store.setTimeoutMs(5000);
    QVERIFY(store.writeToFile(m_server, QStringLiteral("gone-soon")).ok());
    store.remove(m_server);
    const auto r = waitFor(store);
    QVERIFY2(r.ok(), qPrintable(r.message));
    QVERIFY(!QFile::exists(store.fallbackPath()));
}

void TestCredentialStore::invalidServerIsRefused()
{
    CredentialStore store;
    store.setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    QVERIFY(!store.writeToFile(QUrl(), QStringLiteral("x")).ok());
    store.write(QUrl(), QStringLiteral("x"));
    const auto r = waitFor(store);
    QCOMPARE(r.status, CredentialStore::Status::Failed);
    QVERIFY(!r.message.isEmpty());
    QVERIFY(!QFile::exists(store.fallbackPath()));
}

void TestCredentialStore::tamperedFileModeIsNarrowed()
{
    CredentialStore store;
    store.setFallbackPath(m_dir->filePath(QStringLiteral("credentials.json")));
    QVERIFY(store.writeToFile(m_server, QStringLiteral("t")).ok());
    QFile::setPermissions(store.fallbackPath(),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup
                              | QFile::ReadOther);
    QCOMPARE(store.readFromFile(m_server).token, QStringLiteral("t"));
    QCOMPARE(QFile(store.fallbackPath()).permissions() & (QFile::ReadGroup | QFile::ReadOther),
             QFileDevice::Permissions());
}

QTEST_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
