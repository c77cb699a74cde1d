// Issue 5, item 3: no secret leaks. With distinctive credentials (an app secret with '+', '/' and '=',
// tokens issued and rotated by the emulator), the real tiktok-shop-sync connects, runs a full sync, an
// incremental sync and status, and then syncs with an expired access token (forced refresh: the
// refresh token rotates); the sync engine in this process does another forced refresh. All of it with
// debug logging on, a real Secret Service, and private HOME / XDG folders. Then every secret, old and
// rotated, is searched in every form (plain, UTF-16, percent, JSON, hex, base64/base64url at every
// alignment) in the database with its -wal/-shm, every file under both HOMEs and XDG folders (QSettings
// included), every log line of this process and all output of the command line: zero occurrences.
// The keychain must hold the current ones (else the search proves nothing), and
// scannerFindsPlantedLeaks shows the same search failing on a planted secret in each place.
#include "clifixture.h"
#include "secretscan.h"

#include "secrets/keychainsecretstore.h"
#include "secrets/tokenserialization.h"
#include "storage/database.h"
#include "sync/synccontroller.h"

#include <QDir>
#include <QMutex>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tts;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {

QMutex g_logMutex;
QByteArray g_log;
QtMessageHandler g_previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += QByteArray(context.category ? context.category : "") + ": " + message.toUtf8() + '\n';
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

QByteArray capturedLog()
{
    QMutexLocker lock(&g_logMutex);
    return g_log;
}

QString readSecret(const QString& service, const QString& key)
{
    KeychainSecretStore store(service);
    QString value;
    bool done = false;
    store.read(key, [&](SecretError error, QString v) {
        if (!error.isError())
            value = v;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        return {};
    return value;
}

TokenSet storedTokens(const QString& service)
{
    return tokensFromJson(readSecret(service, secretkeys::tokens())).value_or(TokenSet{});
}

} // namespace

class TestSecretHygiene : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void scannerFindsPlantedLeaks();
    void fullLifecycleLeaksNothing();

private:
    QStringList searchEverything(const QList<test::Needle>& needles, const QStringList& roots,
                                 const QByteArray& output, int* files);

    test::TempDir m_ownHome; // this process's HOME and XDG folders
};

void TestSecretHygiene::initTestCase()
{
    QVERIFY(m_ownHome.isValid());
    const QString home = m_ownHome.filePath(u"home"_s);
    qputenv("HOME", home.toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home + u"/.config"_s).toLocal8Bit());
    qputenv("XDG_CACHE_HOME", (home + u"/.cache"_s).toLocal8Bit());
    qputenv("XDG_STATE_HOME", (home + u"/.local/state"_s).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home + u"/.local/share"_s).toLocal8Bit());
    QDir().mkpath(home + u"/.config"_s);
    QCoreApplication::setOrganizationName(u"TikTokShopDashboard"_s);
    QCoreApplication::setApplicationName(u"tst-secrethygiene"_s);
    QSettings().setValue(u"probe"_s, 1); // a QSettings file exists and is searched
    QSettings().sync();
    g_previousHandler = qInstallMessageHandler(captureMessage);
}

void TestSecretHygiene::cleanupTestCase()
{
    qInstallMessageHandler(g_previousHandler);
}

QStringList TestSecretHygiene::searchEverything(const QList<test::Needle>& needles, const QStringList& roots,
                                                const QByteArray& output, int* files)
{
    QStringList found;
    for (const QString& root : roots)
        found += test::findInFiles(root, needles, files);
    found += test::findNeedles(capturedLog(), needles, u"log of this process"_s);
    found += test::findNeedles(output, needles, u"command-line output"_s);
    return found;
}

void TestSecretHygiene::scannerFindsPlantedLeaks()
{
    const QString secret = u"planted+Refresh/Token=0123456789abcdef"_s;
    const QList<test::Needle> needles = test::encodedForms(u"planted"_s, secret);
    QVERIFY(needles.size() >= 10);
    test::TempDir root;
    int files = 0;
    QVERIFY(searchEverything(needles, {root.path()}, {}, &files).isEmpty());
    for (const test::Needle& form : needles) {
        // Inside a larger value, as a file, a log line or output would hold it.
        const QByteArray planted = "prefix-" + form.bytes + "-suffix";
        QFile file(root.filePath(u".config/leak.ini"_s));
        QDir().mkpath(root.filePath(u".config"_s));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(planted);
        file.close();
        QVERIFY2(!searchEverything(needles, {root.path()}, {}, &files).isEmpty(), qPrintable(form.form));
        QFile::remove(file.fileName());
        QVERIFY2(!searchEverything(needles, {}, planted, &files).isEmpty(), qPrintable(form.form));
    }
    // The encodings of the whole value: base64 of a JSON object holding the secret is found too.
    const QByteArray wrapped =
        QByteArray(QByteArray("{\"refresh_token\":\"") + secret.toUtf8() + "\"}").toBase64();
    QVERIFY(!test::findNeedles(wrapped, needles, u"wrapped"_s).isEmpty());
    qDebug("planted %s", secret.toUtf8().toHex().constData()); // a log line of this process
    QVERIFY(!searchEverything(needles, {}, {}, &files).isEmpty());
    QMutexLocker lock(&g_logMutex);
    g_log.clear(); // the plant must not fail the next test
}

void TestSecretHygiene::fullLifecycleLeaksNothing()
{
    demo::EmulatorConfig config;
    config.appSecret = u"Hyg1ene+AppSecret/7f1c9e2a=92b4"_s;
    config.shops.first().orders = 400;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    const QString home = fixture.homePath();
    fixture.setEnvironment(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s);
    fixture.setEnvironment(u"XDG_CONFIG_HOME"_s, home + u"/.config"_s);
    fixture.setEnvironment(u"XDG_CACHE_HOME"_s, home + u"/.cache"_s);
    fixture.setEnvironment(u"XDG_STATE_HOME"_s, home + u"/.local/state"_s);
    fixture.setEnvironment(u"XDG_DATA_HOME"_s, home + u"/.local/share"_s);
    demo::Emulator& emulator = fixture.emulator();
    const QString service = fixture.keychainService();

    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    // Held open to the end: the writers' -wal and -shm stay on disk to be searched.
    Database::Error dbError;
    auto reader = Database::open(fixture.databasePath(), Database::ReadOnly, &dbError);
    QVERIFY2(reader, qPrintable(dbError.message));
    QCOMPARE(readSecret(service, secretkeys::appSecret()), config.appSecret);
    const TokenSet issued = storedTokens(service);
    QVERIFY(!issued.accessToken.isEmpty() && !issued.refreshToken.isEmpty());

    for (const QStringList& command :
         {QStringList{u"sync"_s}, QStringList{u"status"_s}, QStringList{u"--json"_s, u"status"_s}}) {
        if (command.first() == u"status"_s)
            emulator.mutateRandomOrders(fixture.shopId(), 20); // the next sync is incremental
        const CliResult result = fixture.run(command);
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    }
    const CliResult incremental = fixture.run({u"sync"_s});
    QVERIFY2(incremental.exitCode == 0, qPrintable(incremental.describe()));

    // Forced refresh through the command line: the access token expired, the refresh token rotates.
    emulator.expireAccessTokens();
    const CliResult refreshed = fixture.run({u"--json"_s, u"sync"_s});
    QVERIFY2(refreshed.exitCode == 0, qPrintable(refreshed.describe()));
    QCOMPARE(emulator.tokenRefreshCount(), 1);
    const TokenSet rotated = storedTokens(service);
    QVERIFY(rotated.accessToken != issued.accessToken && rotated.refreshToken != issued.refreshToken);

    // And through the sync engine in this process, whose every log line is captured.
    emulator.expireAccessTokens();
    SyncController controller;
    QSignalSpy finished(&controller, &SyncController::finished);
    QSignalSpy failed(&controller, &SyncController::failed);
    SyncOptions options;
    options.databasePath = fixture.databasePath();
    options.apiBase = emulator.baseUrl();
    options.authBase = emulator.baseUrl();
    options.keychainService = service;
    options.requestsPerSecond = 500;
    controller.start(options);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).value<SyncError>().message));
    QCOMPARE(emulator.tokenRefreshCount(), 2);
    const TokenSet rotatedAgain = storedTokens(service);
    QVERIFY(rotatedAgain.refreshToken != rotated.refreshToken);
    // Not vacuous: the keychain holds the current secrets, the logs and files are really there.
    QCOMPARE(readSecret(service, secretkeys::appSecret()), config.appSecret);
    QVERIFY(capturedLog().contains("tts.sync"));
    QVERIFY(QFileInfo::exists(fixture.databasePath() + u"-wal"_s));
    QVERIFY(QFileInfo::exists(fixture.databasePath() + u"-shm"_s));

    QList<test::Needle> needles = test::encodedForms(u"app secret"_s, config.appSecret);
    const QList<TokenSet> generations{issued, rotated, rotatedAgain};
    for (int i = 0; i < generations.size(); ++i) {
        needles += test::encodedForms(u"access token #%1"_s.arg(i + 1), generations[i].accessToken);
        needles += test::encodedForms(u"refresh token #%1"_s.arg(i + 1), generations[i].refreshToken);
    }
    const QString fixtureRoot = QFileInfo(QFileInfo(fixture.databasePath()).absolutePath()).absolutePath();
    int files = 0;
    const QStringList leaks =
        searchEverything(needles, {fixtureRoot, m_ownHome.path()}, fixture.allOutput(), &files);
    qInfo("searched %d files, %lld bytes of log, %lld bytes of output for %lld needles", files,
          qint64(capturedLog().size()), qint64(fixture.allOutput().size()), qint64(needles.size()));
    QVERIFY(files >= 5); // database, -wal, -shm, QSettings, ...
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    reader.reset();
}

int main(int argc, char** argv)
{
    // Before the application exists: the environment's rules (ctest sets *.debug=false) outrank
    // QLoggingCategory::setFilterRules, and every debug line must be produced to be searched.
    qputenv("QT_LOGGING_RULES", "*.debug=true");
    QCoreApplication app(argc, argv);
    TestSecretHygiene test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_secrethygiene.moc"
