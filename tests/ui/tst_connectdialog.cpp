// The connect flow: the dialog filled programmatically, the code exchanged with the emulator, the
// secrets stored in the real Secret Service (gnome-keyring under dbus-run-session) and nothing on disk.
#include "connect/connectdialog.h"
#include "connect/loopbackreceiver.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/tokenserialization.h"
#include "sync/shopconnector.h"
#include "testsupport.h"
#include "widgets/banner.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace tts;

namespace {

// Every file under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString& dir, const QByteArray& needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            hits << file.fileName();
    }
    return hits;
}

struct ReadResult
{
    SecretError error;
    QString value;
    bool done = false;
};

ReadResult readSecret(const QString& service, const QString& key)
{
    KeychainSecretStore store(service);
    ReadResult result;
    store.read(key, [&result](SecretError error, QString value) {
        result.error = error;
        result.value = value;
        result.done = true;
    });
    QDeadlineTimer deadline(20000);
    while (!result.done && !deadline.hasExpired())
        QTest::qWait(10);
    if (!result.done)
        result.error = {SecretError::Other, QStringLiteral("the keychain did not answer")};
    return result;
}

} // namespace

class TestConnectDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void storesSecretsInKeychainAndNothingOnDisk();
    void sessionOnlyWhenNoKeychain();
    void badCodeShowsErrorAndStays();
    void loopbackCapturesTheRedirect();

private:
    test::TempDir m_home;
    std::unique_ptr<demo::Emulator> m_emulator;
    ShopProfile m_profile;
};

void TestConnectDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_emulator = test::startEmulator();
    QVERIFY(m_emulator);
    m_profile.id = QStringLiteral("shop");
    m_profile.databasePath = m_home.databasePath();
    m_profile.keychainService =
        QStringLiteral("tts-uitest-connect-%1").arg(QCoreApplication::applicationPid());
}

void TestConnectDialog::storesSecretsInKeychainAndNothingOnDisk()
{
    ConnectDialog dialog(m_profile);
    dialog.show();
    QSignalSpy connected(&dialog, &ConnectDialog::shopsConnected);
    QSignalSpy failed(&dialog, &ConnectDialog::connectFailed);
    dialog.setAppKey(m_emulator->config().appKey);
    dialog.setAppSecret(m_emulator->config().appSecret);
    dialog.setAuthCode(m_emulator->issueAuthCode());
    dialog.setBaseUrls(m_emulator->baseUrl(), m_emulator->baseUrl());
    // Enabled once the keychain answered (a real Secret Service here).
    QTRY_VERIFY_WITH_TIMEOUT(dialog.connectButton()->isEnabled(), 20000);
    QVERIFY(!dialog.sessionOnly());
    QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(dialog.shops().size(), 1);
    QCOMPARE(dialog.shops().first().name, m_emulator->config().shops.first().name);
    QCOMPARE(dialog.currentPage(), 2);

    // In the keychain.
    const ReadResult secret = readSecret(m_profile.keychainService, secretkeys::appSecret());
    QVERIFY2(!secret.error.isError(), qPrintable(secret.error.message));
    QCOMPARE(secret.value, m_emulator->config().appSecret);
    const ReadResult tokensJson = readSecret(m_profile.keychainService, secretkeys::tokens());
    QVERIFY2(!tokensJson.error.isError(), qPrintable(tokensJson.error.message));
    const std::optional<TokenSet> tokens = tokensFromJson(tokensJson.value);
    QVERIFY(tokens && tokens->isValid());

    // Nowhere on disk: not in HOME (database, settings), not in the test-mode data folders.
    QSettings().sync();
    QVERIFY(QFile::exists(m_profile.databasePath));
    const QStringList roots{m_home.path(), QDir::homePath() + QStringLiteral("/.qttest"),
                            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)};
    for (const QString& root : roots) {
        for (const QByteArray& needle : {m_emulator->config().appSecret.toUtf8(),
                                         tokens->accessToken.toUtf8(), tokens->refreshToken.toUtf8()}) {
            const QStringList hits = filesContaining(root, needle);
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u',')));
        }
    }

    // Disconnect removes them.
    bool removed = false;
    SecretError removeError;
    disconnectAll(m_profile.keychainService, false, this, [&](SecretError error) {
        removeError = error;
        removed = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 20000);
    QVERIFY(!removeError.isError());
    QCOMPARE(readSecret(m_profile.keychainService, secretkeys::appSecret()).error.kind,
             SecretError::NotFound);
    QCOMPARE(readSecret(m_profile.keychainService, secretkeys::tokens()).error.kind, SecretError::NotFound);
}

void TestConnectDialog::sessionOnlyWhenNoKeychain()
{
    ConnectDialog dialog(m_profile);
    SecretError none;
    none.kind = SecretError::NoBackend;
    none.message = QStringLiteral("no D-Bus session");
    dialog.setKeychainProbeResult(none);
    QVERIFY(dialog.banner()->isVisibleTo(&dialog));
    QCOMPARE(dialog.banner()->kind(), Banner::Kind::Warning);
    QVERIFY(dialog.banner()->text().contains(QStringLiteral("session")));
    QVERIFY(dialog.sessionOnly());
    auto* box = dialog.findChild<QCheckBox*>();
    QVERIFY(box);
    dialog.setAppKey(QStringLiteral("k"));
    dialog.setAppSecret(QStringLiteral("s"));
    dialog.setAuthCode(QStringLiteral("c"));
    QVERIFY(dialog.connectButton()->isEnabled());
    box->setChecked(false); // without a keychain, connecting needs the session-only consent
    QVERIFY(!dialog.connectButton()->isEnabled());
}

void TestConnectDialog::badCodeShowsErrorAndStays()
{
    ConnectDialog dialog(m_profile);
    dialog.setKeychainProbeResult({});
    QSignalSpy failed(&dialog, &ConnectDialog::connectFailed);
    dialog.setAppKey(m_emulator->config().appKey);
    dialog.setAppSecret(m_emulator->config().appSecret);
    dialog.setAuthCode(QStringLiteral("not-a-code"));
    dialog.setBaseUrls(m_emulator->baseUrl(), m_emulator->baseUrl());
    dialog.connectShop();
    QVERIFY(failed.wait(30000));
    QCOMPARE(dialog.currentPage(), 0);
    QVERIFY(dialog.banner()->isVisibleTo(&dialog));
    QCOMPARE(dialog.banner()->kind(), Banner::Kind::Error);
    QVERIFY(!dialog.banner()->text().contains(m_emulator->config().appSecret));
}

void TestConnectDialog::loopbackCapturesTheRedirect()
{
    LoopbackReceiver receiver;
    QString error;
    QVERIFY2(receiver.listen(0, &error), qPrintable(error));
    QCOMPARE(receiver.redirectUrl().host(), QStringLiteral("127.0.0.1"));
    receiver.setExpectedState(QStringLiteral("s3cr3t-state"));
    QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);
    QSignalSpy rejected(&receiver, &LoopbackReceiver::rejected);
    QNetworkAccessManager nam;
    auto get = [&](const QString& query) {
        QUrl url = receiver.redirectUrl();
        url.setQuery(query);
        QNetworkReply* reply = nam.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    };
    QByteArray page = get(QStringLiteral("code=abc&state=wrong"));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(codes.size(), 0);
    QVERIFY(page.contains("not accepted"));
    page = get(QStringLiteral("code=the%2Bcode&state=s3cr3t-state"));
    QCOMPARE(codes.size(), 1);
    QCOMPARE(codes.first().first().toString(), QStringLiteral("the+code"));
    QVERIFY(page.contains("You can close this tab"));
    get(QStringLiteral("code=again&state=s3cr3t-state")); // a state works once
    QCOMPARE(codes.size(), 1);
}

int main(int argc, char* argv[])
{
    // A throw-away HOME: QStandardPaths' test mode and QSettings live under it, so the test can
    // search every file the application wrote.
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    QApplication app(argc, argv);
    app.setOrganizationName(QStringLiteral("TikTokShopDashboardTest"));
    app.setApplicationName(QStringLiteral("tst_connectdialog"));
    TestConnectDialog test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectdialog.moc"
