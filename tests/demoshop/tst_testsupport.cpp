// The shared test helpers: TempDir, startEmulator, apiConfigFor, issueTokenSet.

#include "demoapi.h"
#include "testsupport.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

class TestTestSupport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void tempDir();
    void emulatorFixture();
};

void TestTestSupport::tempDir()
{
    QString path;
    {
        tts::test::TempDir dir;
        QVERIFY(dir.isValid());
        path = dir.path();
        QVERIFY(dir.databasePath().startsWith(path + u'/'));
        QFile file(dir.filePath(QStringLiteral("a.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
    }
    QVERIFY(!QFile::exists(path)); // removed with the object
}

void TestTestSupport::emulatorFixture()
{
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 10;
    config.appKey = QStringLiteral("k");
    auto emulator = tts::test::startEmulator(config);
    QVERIFY(emulator);
    QCOMPARE(emulator->baseUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(emulator->baseUrl().port() > 0);
    const tts::ApiConfig api = tts::test::apiConfigFor(*emulator);
    QCOMPARE(api.apiBase, emulator->baseUrl());
    QCOMPARE(api.authBase, emulator->baseUrl());
    QCOMPARE(api.appKey, QStringLiteral("k"));
    QCOMPARE(api.appSecret, config.appSecret);
    const tts::TokenSet tokens = tts::test::issueTokenSet(*emulator);
    QVERIFY(tokens.isValid());
    QVERIFY(tokens.accessTokenExpiresAt > emulator->now());
    tts::test::DemoApi demoApi(*emulator);
    demoApi.accessToken = tokens.accessToken;
    QCOMPARE(demoApi.call("GET", QStringLiteral("/authorization/202309/shops")).code(), 0);
    // A second emulator listens on another port.
    auto other = tts::test::startEmulator(config);
    QVERIFY(other);
    QVERIFY(other->baseUrl() != emulator->baseUrl());
}

QTEST_GUILESS_MAIN(TestTestSupport)
#include "tst_testsupport.moc"
