// ShopConnector, disconnectAll and readSyncStatus: the secrets go to the secret store only, the
// shops and the app key to the database; bad input is refused before any network use.
#include "synctesthelpers.h"
#include "testsupport.h"

#include "secrets/memorysecretstore.h"
#include "secrets/tokenserialization.h"
#include "storage/database.h"
#include "storage/statusquery.h"
#include "storage/syncstate.h"
#include "sync/shopconnector.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace tts;
using namespace tts::test;

namespace {

ShopConnector::Request requestFor(demo::Emulator& emulator, const QString& db)
{
    ShopConnector::Request r;
    r.apiBase = emulator.baseUrl();
    r.authBase = emulator.baseUrl();
    r.appKey = emulator.config().appKey;
    r.appSecret = emulator.config().appSecret;
    r.authCode = emulator.issueAuthCode();
    r.databasePath = db;
    r.keychainService = testKeychainService();
    r.sessionOnlySecrets = true;
    return r;
}

SyncError connectFails(const ShopConnector::Request& request)
{
    ShopConnector connector;
    QSignalSpy failed(&connector, &ShopConnector::failed);
    QSignalSpy connected(&connector, &ShopConnector::connected);
    connector.start(request);
    if (!failed.wait(30000) || !connected.isEmpty())
        return {SyncError::Api, QStringLiteral("did not fail")};
    return failed.first().first().value<SyncError>();
}

} // namespace

class TestShopConnector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { MemorySecretStore::session().clear(); }

    void connectStoresSecretsAndShops()
    {
        demo::EmulatorConfig config;
        demo::ShopSpec second;
        second.id = QStringLiteral("7495000000000000009");
        second.cipher = QStringLiteral("ROW_second+/9");
        second.name = QStringLiteral("Second");
        config.shops.append(second);
        auto emulator = startEmulator(config);
        QVERIFY(emulator);
        TempDir dir;
        const QString db = dir.databasePath();
        ShopConnector connector;
        QSignalSpy connected(&connector, &ShopConnector::connected);
        connector.start(requestFor(*emulator, db));
        QVERIFY(connected.wait(30000));
        const auto shops = connected.first().first().value<QList<Shop>>();
        QCOMPARE(shops.size(), 2);

        MemorySecretStore& store = MemorySecretStore::session();
        QCOMPARE(store.value(secretkeys::appSecret()).value_or(QString()), emulator->config().appSecret);
        const auto tokens = tokensFromJson(store.value(secretkeys::tokens()).value_or(QString()));
        QVERIFY(tokens && tokens->isValid());

        Database::Error error;
        auto database = Database::open(db, Database::ReadOnly, &error);
        QVERIFY(database);
        SyncState state(*database);
        QString appKey;
        QVERIFY(state.readConfig(QStringLiteral("app_key"), &appKey, &error));
        QCOMPARE(appKey, emulator->config().appKey);
        QList<Shop> stored;
        QVERIFY(state.readShops(&stored, &error));
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(1).cipher, second.cipher);
        const QList<ShopStatus> status = readSyncStatus(*database, &error);
        QCOMPARE(status.size(), 2);
        QCOMPARE(status.at(0).orders, 0);
        QVERIFY(!status.at(0).ordersStream.isFullSync);
        database.reset();

        // Neither the app secret nor a token is anywhere in the database file.
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll() + [&] {
            QFile wal(db + QStringLiteral("-wal"));
            return wal.open(QIODevice::ReadOnly) ? wal.readAll() : QByteArray();
        }();
        QVERIFY(!bytes.contains(emulator->config().appSecret.toUtf8()));
        QVERIFY(!bytes.contains(tokens->accessToken.toUtf8()));
        QVERIFY(!bytes.contains(tokens->refreshToken.toUtf8()));

        // disconnectAll removes every secret; a second time is fine too.
        for (int i = 0; i < 2; ++i) {
            bool done = false;
            SecretError result{SecretError::Other, {}};
            disconnectAll(testKeychainService(), true, this, [&](SecretError e) {
                done = true;
                result = e;
            });
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
            QVERIFY2(!result.isError(), qPrintable(result.message));
            QVERIFY(!store.value(secretkeys::appSecret()));
            QVERIFY(!store.value(secretkeys::tokens()));
        }
    }

    void usedAuthCodeNeedsReauthorization()
    {
        auto emulator = startEmulator();
        QVERIFY(emulator);
        TempDir dir;
        ShopConnector::Request request = requestFor(*emulator, dir.databasePath());
        {
            ShopConnector first;
            QSignalSpy ok(&first, &ShopConnector::connected);
            first.start(request);
            QVERIFY(ok.wait(30000));
        }
        const SyncError error = connectFails(request); // the code works once
        QCOMPARE(error.exitCode(), 3);
    }

    void badInputIsRefusedBeforeTheNetwork()
    {
        auto emulator = startEmulator();
        QVERIFY(emulator);
        TempDir dir;
        ShopConnector::Request request = requestFor(*emulator, dir.databasePath());
        emulator->clearRequests();
        request.apiBase = QUrl(QStringLiteral("http://example.com"));
        QCOMPARE(connectFails(request).exitCode(), 2);
        request = requestFor(*emulator, dir.databasePath());
        request.appSecret.clear();
        QCOMPARE(connectFails(request).exitCode(), 2);
        request = requestFor(*emulator, dir.databasePath());
        QFile junk(dir.filePath(QStringLiteral("junk.sqlite")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'j'));
        junk.close();
        request.databasePath = junk.fileName();
        QCOMPARE(connectFails(request).exitCode(), 5);
        QCOMPARE(emulator->requestCount(), quint64(0));
    }
};

QTEST_GUILESS_MAIN(TestShopConnector)
#include "tst_shopconnector.moc"
