// tiktok-shop-sync as a subprocess against the in-process emulator: usage errors, connect,
// sync (full then incremental), status, disconnect and the not-connected / re-authorization cases.
#include "clidbcheck.h"
#include "clifixture.h"

#include "secrets/keychainsecretstore.h"
#include "secrets/tokenserialization.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {

QJsonObject parseJson(const CliResult& result)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

// The secrets the emulator handed out, as the keychain holds them after connect.
QList<QByteArray> storedSecrets(const QString& service)
{
    tts::KeychainSecretStore store(service);
    QList<QByteArray> secrets;
    bool done = false;
    QObject context;
    store.read(tts::secretkeys::tokens(), [&](tts::SecretError error, QString value) {
        if (!error.isError()) {
            if (const auto tokens = tts::tokensFromJson(value)) {
                secrets << tokens->accessToken.toUtf8() << tokens->refreshToken.toUtf8();
            }
        }
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        return {};
    return secrets;
}

} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void helpAndVersion();
    void usageErrors_data();
    void usageErrors();
    void insecureBaseUrlRefusedBeforeAnyRequest_data();
    void insecureBaseUrlRefusedBeforeAnyRequest();
    void notConnected();
    void connectSyncStatusDisconnect();
    void secretFromEnvironmentAndRecordedBaseUrls();
    void changesOfTheCurrentSecondAreCaught();
    void expiredRefreshTokenNeedsConnectAgain();
};

void TestCliCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFile::exists(tts::test::syncExecutable()), qPrintable(tts::test::syncExecutable()));
}

void TestCliCommands::helpAndVersion()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    CliResult result = fixture.runRaw({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("Usage: tiktok-shop-sync"));
    QVERIFY(result.out.contains("TIKTOK_APP_SECRET"));

    result = fixture.runRaw({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(TTS_VERSION), result.out.constData());
}

void TestCliCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{u"synchronise"_s};
    QTest::newRow("unknown option") << QStringList{u"sync"_s, u"--fast"_s};
    QTest::newRow("missing value") << QStringList{u"sync"_s, u"--shop"_s};
    QTest::newRow("negative overlap") << QStringList{u"sync"_s, u"--overlap-minutes"_s, u"-5"_s};
    QTest::newRow("word overlap") << QStringList{u"sync"_s, u"--overlap-minutes"_s, u"ten"_s};
    QTest::newRow("option of another command") << QStringList{u"status"_s, u"--full"_s};
    QTest::newRow("connect without code")
        << QStringList{u"connect"_s, u"--app-key"_s, u"k"_s, u"--app-secret"_s, u"s"_s};
}

void TestCliCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    const CliResult result = fixture.run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.lastErrorLine().contains("--help"_L1), qPrintable(result.describe()));
    QCOMPARE(fixture.emulator().requestCount(), 0u);
    QVERIFY(!QFile::exists(fixture.databasePath()));
}

void TestCliCommands::insecureBaseUrlRefusedBeforeAnyRequest_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("command");
    QTest::newRow("api-base connect") << u"--api-base"_s << u"connect"_s;
    QTest::newRow("auth-base connect") << u"--auth-base"_s << u"connect"_s;
    QTest::newRow("api-base sync") << u"--api-base"_s << u"sync"_s;
    QTest::newRow("auth-base sync") << u"--auth-base"_s << u"sync"_s;
}

void TestCliCommands::insecureBaseUrlRefusedBeforeAnyRequest()
{
    QFETCH(QString, option);
    QFETCH(QString, command);
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    // The emulator serves the other host, so any request that got through would be counted.
    QStringList arguments = fixture.withGlobals(
        {option, u"http://shop.example.com:%1"_s.arg(fixture.emulator().baseUrl().port()), command});
    if (command == "connect"_L1) {
        arguments << u"--app-key"_s << fixture.emulator().config().appKey << u"--app-secret"_s
                  << fixture.emulator().config().appSecret << u"--auth-code"_s
                  << fixture.emulator().issueAuthCode();
    }
    const CliResult result = fixture.runRaw(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.lastErrorLine().contains("https"_L1), qPrintable(result.describe()));
    QCOMPARE(fixture.emulator().requestCount(), 0u);
    QVERIFY(!QFile::exists(fixture.databasePath()));
}

void TestCliCommands::notConnected()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());

    // No database yet: status reports no shop.
    CliResult result = fixture.run({u"--json"_s, u"status"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(parseJson(result).value("shops"_L1).toArray().size(), 0);

    // sync before connect: exit 3 and one sentence that names connect.
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QVERIFY2(result.lastErrorLine().contains("connect"_L1, Qt::CaseInsensitive),
             qPrintable(result.describe()));
    QCOMPARE(fixture.emulator().requestCount(u"/orders/search"_s), 0u);
}

void TestCliCommands::connectSyncStatusDisconnect()
{
    tts::demo::EmulatorConfig config;
    config.shops.first().orders = 1500;
    config.shops.first().products = 30;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString shopId = fixture.shopId();

    // connect (the --json output lists the authorized shops)
    const QString appSecret = emulator.config().appSecret;
    CliResult result =
        fixture.run({u"--json"_s, u"connect"_s, u"--app-key"_s, emulator.config().appKey, u"--app-secret"_s,
                     appSecret, u"--auth-code"_s, emulator.issueAuthCode()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray shops = parseJson(result).value("shops"_L1).toArray();
    QCOMPARE(parseJson(result).value("api_calls"_L1).toInteger(), qint64(emulator.requestCount()));
    QCOMPARE(shops.size(), 1);
    QCOMPARE(shops.first().toObject().value("id"_L1).toString(), shopId);
    QCOMPARE(tts::test::countRows(fixture.databasePath(), u"shops"_s, u"id"_s, shopId), 1);

    const QList<QByteArray> tokens = storedSecrets(fixture.keychainService());
    QCOMPARE(tokens.size(), 2);
    QList<QByteArray> secrets = tokens;
    secrets << appSecret.toUtf8();

    // The first sync is a full one, and its api_calls are exactly the requests the emulator saw.
    emulator.clearRequests();
    result = fixture.run({u"--json"_s, u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QJsonObject report = parseJson(result);
    QCOMPARE(report.value("mode"_L1).toString(), u"full"_s);
    // The resync's catch-up may upsert a few recently updated orders a second time.
    QVERIFY(report.value("orders_upserted"_L1).toInteger() >= emulator.orderCount(shopId));
    QVERIFY(report.value("orders_upserted"_L1).toInteger() <= emulator.orderCount(shopId) + 100);
    QCOMPARE(report.value("products_upserted"_L1).toInteger(), 30);
    QCOMPARE(report.value("api_calls"_L1).toInteger(), qint64(emulator.requestCount()));
    QVERIFY(report.value("duration_ms"_L1).isDouble());
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());

    // status --json
    result = fixture.run({u"status"_s, u"--json"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray statusShops = parseJson(result).value("shops"_L1).toArray();
    QCOMPARE(statusShops.size(), 1);
    const QJsonObject shop = statusShops.first().toObject();
    QCOMPARE(shop.value("id"_L1).toString(), shopId);
    QCOMPARE(shop.value("name"_L1).toString(), emulator.config().shops.first().name);
    QCOMPARE(shop.value("orders"_L1).toInteger(), emulator.orderCount(shopId));
    QCOMPARE(shop.value("products"_L1).toInteger(), 30);
    for (const auto* name : {"orders", "products"}) {
        const QJsonObject stream =
            shop.value("streams"_L1).toObject().value(QLatin1StringView(name)).toObject();
        QVERIFY2(stream.value("last_sync_time"_L1).toInteger() > 0, name);
        QVERIFY(stream.value("last_record_time"_L1).toInteger() > 0);
        QVERIFY(stream.value("records_synced"_L1).isDouble());
        QVERIFY(stream.value("is_full_sync"_L1).isBool());
        QCOMPARE(stream.value("full_resync_unfinished"_L1).toBool(true), false);
    }

    // Incremental: only the changes travel.
    // (Changes of the very second of the sync: see changesOfTheCurrentSecondAreCaught.)
    const QStringList changed = emulator.mutateRandomOrders(shopId, 20, emulator.now() - 1);
    const QStringList added = emulator.addOrders(shopId, 7, emulator.now() - 1);
    emulator.touchProducts(shopId, 3, emulator.now() - 1);
    emulator.clearRequests();
    result = fixture.run({u"sync"_s, u"--json"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    report = parseJson(result);
    QCOMPARE(report.value("mode"_L1).toString(), u"incremental"_s);
    QVERIFY(report.value("orders_upserted"_L1).toInteger() >= changed.size() + added.size());
    QVERIFY(report.value("orders_upserted"_L1).toInteger() < 200);
    QVERIFY(report.value("products_upserted"_L1).toInteger() >= 3);
    QVERIFY2(emulator.requestCount(u"/orders/search"_s) <= 2,
             qPrintable(QString::number(emulator.requestCount(u"/orders/search"_s))));
    QCOMPARE(report.value("api_calls"_L1).toInteger(), qint64(emulator.requestCount()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, shopId), QString());

    // Human output of status works too.
    result = fixture.run({u"status"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(shopId.toUtf8()));

    // Secrets never on disk (database, its WAL, the HOME of the runs) and never in any output.
    QCOMPARE(tts::test::filesContaining(QFileInfo(fixture.databasePath()).path(), secrets), QStringList());
    QCOMPARE(tts::test::filesContaining(fixture.homePath(), secrets), QStringList());
    for (const QByteArray& secret : secrets)
        QVERIFY(!fixture.allOutput().contains(secret));

    // disconnect removes every secret: the next sync needs connect again.
    result = fixture.run({u"disconnect"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(storedSecrets(fixture.keychainService()).size(), 0);
    emulator.clearRequests();
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    QCOMPARE(emulator.requestCount(u"/orders/search"_s), 0u);
}

void TestCliCommands::secretFromEnvironmentAndRecordedBaseUrls()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    const QString base = emulator.baseUrl().toString();
    const QString db = fixture.databasePath();

    // The app secret from TIKTOK_APP_SECRET keeps it off the command line.
    fixture.setEnvironment(u"TIKTOK_APP_SECRET"_s, emulator.config().appSecret);
    CliResult result = fixture.runRaw({u"--db"_s, db, u"--api-base"_s, base, u"--auth-base"_s, base,
                                       u"connect"_s, u"--app-key"_s, emulator.config().appKey,
                                       u"--auth-code"_s, emulator.issueAuthCode()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    fixture.setEnvironment(u"TIKTOK_APP_SECRET"_s, QString());

    // Without --api-base / --auth-base, sync uses the URLs connect recorded.
    result = fixture.runRaw({u"--db"_s, db, u"--json"_s, u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(emulator.requestCount(u"/orders/search"_s) > 0);
    QCOMPARE(tts::test::compareWithEmulator(db, emulator, fixture.shopId()), QString());

    // --shop: a connected shop syncs, an unknown one is a usage error.
    result = fixture.runRaw({u"--db"_s, db, u"sync"_s, u"--shop"_s, fixture.shopId()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.runRaw({u"--db"_s, db, u"sync"_s, u"--shop"_s, u"123"_s});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY(!fixture.allOutput().contains(emulator.config().appSecret.toUtf8()));
}

void TestCliCommands::changesOfTheCurrentSecondAreCaught()
{
    // A script changes something and syncs at once: the API's update_time_lt defaults to "now"
    // (exclusive), so a client that leaves it out misses what changed in the current second.
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    auto& emulator = fixture.emulator();
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    emulator.mutateRandomOrders(fixture.shopId(), 10);
    emulator.addOrders(fixture.shopId(), 3);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(tts::test::compareWithEmulator(fixture.databasePath(), emulator, fixture.shopId()), QString());
}

void TestCliCommands::expiredRefreshTokenNeedsConnectAgain()
{
    CliFixture fixture;
    QVERIFY(fixture.isValid());
    CliResult result = fixture.connectShop();
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    fixture.emulator().expireAccessTokens();
    fixture.emulator().expireRefreshTokens();
    fixture.emulator().mutateRandomOrders(fixture.shopId(), 5, fixture.emulator().now() - 1);
    result = fixture.run({u"sync"_s});
    QVERIFY2(result.exitCode == 3, qPrintable(result.describe()));
    const QString last = result.lastErrorLine();
    QVERIFY2(last.endsWith(u'.') && last.size() > 20, qPrintable(result.describe()));
    QVERIFY2(last.contains("connect"_L1, Qt::CaseInsensitive) ||
                 last.contains("authori"_L1, Qt::CaseInsensitive),
             qPrintable(last));
    QVERIFY(result.out.isEmpty());

    // With --json the failure is an object on stdout too.
    result = fixture.run({u"--json"_s, u"sync"_s});
    QCOMPARE(result.exitCode, 3);
    QCOMPARE(parseJson(result).value("error"_L1).toObject().value("exit_code"_L1).toInt(), 3);
}

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_clicommands.moc"
