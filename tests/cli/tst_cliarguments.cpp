// The argument parser of tiktok-shop-sync: every accepted form, and every kind of bad input
// rejected with a message that never repeats a secret.
#include "cliarguments.h"

#include <QTest>

using namespace Qt::StringLiterals;
using tts::cli::Arguments;
using tts::cli::Command;
using tts::cli::parseArguments;

Q_DECLARE_METATYPE(tts::cli::Command)

namespace {

QProcessEnvironment emptyEnvironment()
{
    return QProcessEnvironment();
}

QStringList split(const QString& line)
{
    return line.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class TestCliArguments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void syncOptions();
    void connectOptions();
    void appSecretFromEnvironment();
    void environmentOverrides();
    void errorsNeverEchoSecrets_data();
    void errorsNeverEchoSecrets();
    void usageTextNamesEveryCommand();
};

void TestCliArguments::accepted_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<Command>("command");
    QTest::addColumn<bool>("json");

    QTest::newRow("sync") << u"sync"_s << Command::Sync << false;
    QTest::newRow("status") << u"status"_s << Command::Status << false;
    QTest::newRow("disconnect") << u"disconnect"_s << Command::Disconnect << false;
    QTest::newRow("json before") << u"--json status"_s << Command::Status << true;
    QTest::newRow("json after") << u"status --json"_s << Command::Status << true;
    QTest::newRow("json twice") << u"--json sync --json"_s << Command::Sync << true;
    QTest::newRow("db with space") << u"--db /tmp/x.sqlite sync"_s << Command::Sync << false;
    QTest::newRow("db with equals") << u"--db=/tmp/x.sqlite status"_s << Command::Status << false;
    QTest::newRow("db after command") << u"status --db /tmp/x.sqlite"_s << Command::Status << false;
    QTest::newRow("full") << u"sync --full"_s << Command::Sync << false;
    QTest::newRow("overlap zero") << u"sync --overlap-minutes 0"_s << Command::Sync << false;
    QTest::newRow("overlap equals") << u"sync --overlap-minutes=15"_s << Command::Sync << false;
    QTest::newRow("shop") << u"sync --shop 7495000000000000001 --full"_s << Command::Sync << false;
    QTest::newRow("loopback http v4") << u"--api-base http://127.0.0.1:8080 sync"_s << Command::Sync << false;
    QTest::newRow("loopback http 127/8") << u"--api-base http://127.9.8.7:1 sync"_s << Command::Sync << false;
    QTest::newRow("loopback localhost") << u"--auth-base http://localhost:9 sync"_s << Command::Sync << false;
    QTest::newRow("loopback v6") << u"--api-base http://[::1]:9 sync"_s << Command::Sync << false;
    QTest::newRow("https anywhere") << u"--api-base https://open-api.example.com sync"_s << Command::Sync
                                    << false;
    QTest::newRow("help") << u"--help"_s << Command::Help << false;
    QTest::newRow("help short") << u"-h"_s << Command::Help << false;
    QTest::newRow("help after command") << u"sync --help"_s << Command::Help << false;
    QTest::newRow("help command") << u"help"_s << Command::Help << false;
    QTest::newRow("version") << u"--version"_s << Command::Version << false;
    QTest::newRow("connect") << u"connect --app-key k --app-secret s --auth-code c"_s << Command::Connect
                             << false;
}

void TestCliArguments::accepted()
{
    QFETCH(QString, line);
    QFETCH(Command, command);
    QFETCH(bool, json);
    const auto result = parseArguments(split(line), emptyEnvironment());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.command, command);
    QCOMPARE(result.args.json, json);
}

void TestCliArguments::rejected_data()
{
    QTest::addColumn<QString>("line");

    QTest::newRow("nothing") << QString();
    QTest::newRow("only global options") << u"--json --db x"_s;
    QTest::newRow("unknown command") << u"synch"_s;
    QTest::newRow("unknown global option") << u"--bogus sync"_s;
    QTest::newRow("unknown command option") << u"sync --bogus"_s;
    QTest::newRow("single dash option") << u"sync -f"_s;
    QTest::newRow("two commands") << u"sync status"_s;
    QTest::newRow("extra argument") << u"status now"_s;
    QTest::newRow("db missing value") << u"sync --db"_s;
    QTest::newRow("db empty value") << u"--db= sync"_s;
    QTest::newRow("db value is an option") << u"--db --json sync"_s;
    QTest::newRow("flag with value") << u"--json=yes sync"_s;
    QTest::newRow("full with value") << u"sync --full=1"_s;
    QTest::newRow("overlap missing") << u"sync --overlap-minutes"_s;
    QTest::newRow("overlap negative") << u"sync --overlap-minutes -1"_s;
    QTest::newRow("overlap negative equals") << u"sync --overlap-minutes=-1"_s;
    QTest::newRow("overlap fraction") << u"sync --overlap-minutes 1.5"_s;
    QTest::newRow("overlap word") << u"sync --overlap-minutes five"_s;
    QTest::newRow("overlap plus sign") << u"sync --overlap-minutes +5"_s;
    QTest::newRow("overlap hex") << u"sync --overlap-minutes 0x10"_s;
    QTest::newRow("overlap overflow") << u"sync --overlap-minutes 99999999999"_s;
    QTest::newRow("overlap too big") << u"sync --overlap-minutes 10000001"_s;
    QTest::newRow("shop missing") << u"sync --shop"_s;
    QTest::newRow("shop empty") << u"sync --shop="_s;
    QTest::newRow("full on status") << u"status --full"_s;
    QTest::newRow("full before command") << u"--full sync"_s;
    QTest::newRow("overlap on connect") << u"connect --overlap-minutes 5"_s;
    QTest::newRow("app key on sync") << u"sync --app-key k"_s;
    QTest::newRow("connect without anything") << u"connect"_s;
    QTest::newRow("connect without key") << u"connect --app-secret s --auth-code c"_s;
    QTest::newRow("connect without secret") << u"connect --app-key k --auth-code c"_s;
    QTest::newRow("connect without code") << u"connect --app-key k --app-secret s"_s;
    QTest::newRow("http non-loopback api") << u"--api-base http://example.com sync"_s;
    QTest::newRow("http private address") << u"--api-base http://10.0.0.1:8080 sync"_s;
    QTest::newRow("http look-alike host") << u"--auth-base http://127.0.0.1.example.com sync"_s;
    QTest::newRow("http non-loopback auth") << u"--auth-base http://auth.tiktok-shops.com status"_s;
    QTest::newRow("ftp scheme") << u"--api-base ftp://127.0.0.1 sync"_s;
    QTest::newRow("relative url") << u"--api-base open-api.example.com sync"_s;
    QTest::newRow("no host") << u"--api-base https:// sync"_s;
    QTest::newRow("user info") << u"--api-base https://user:pw@example.com sync"_s;
}

void TestCliArguments::rejected()
{
    QFETCH(QString, line);
    const auto result = parseArguments(split(line), emptyEnvironment());
    QVERIFY2(!result.ok(), "a bad command line was accepted");
    QVERIFY(!result.error.trimmed().isEmpty());
}

void TestCliArguments::syncOptions()
{
    auto result = parseArguments(split(u"--db /tmp/a.sqlite sync --full --shop 42 --overlap-minutes 17"_s),
                                 emptyEnvironment());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.databasePath, u"/tmp/a.sqlite"_s);
    QVERIFY(result.args.full);
    QCOMPARE(result.args.shopId, u"42"_s);
    QCOMPARE(result.args.overlapMinutes, 17);
    QVERIFY(result.args.apiBase.isEmpty());

    result = parseArguments(split(u"sync"_s), emptyEnvironment());
    QVERIFY(!result.args.full);
    QCOMPARE(result.args.overlapMinutes, 5);
    QCOMPARE(result.args.keychainService, u"tiktok-shop-dashboard"_s);

    result = parseArguments(split(u"--db /tmp/a --db /tmp/b sync"_s), emptyEnvironment());
    QCOMPARE(result.args.databasePath, u"/tmp/b"_s); // the last one wins
}

void TestCliArguments::connectOptions()
{
    const auto result =
        parseArguments(split(u"--api-base http://127.0.0.1:1234 --auth-base=http://localhost:99 "
                             "connect --app-key K1 --app-secret=S1 --auth-code C1"_s),
                       emptyEnvironment());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.appKey, u"K1"_s);
    QCOMPARE(result.args.appSecret, u"S1"_s);
    QCOMPARE(result.args.authCode, u"C1"_s);
    QCOMPARE(result.args.apiBase, QUrl(u"http://127.0.0.1:1234"_s));
    QCOMPARE(result.args.authBase, QUrl(u"http://localhost:99"_s));
}

void TestCliArguments::appSecretFromEnvironment()
{
    QProcessEnvironment environment;
    environment.insert(u"TIKTOK_APP_SECRET"_s, u"from-env"_s);
    auto result = parseArguments(split(u"connect --app-key k --auth-code c"_s), environment);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.appSecret, u"from-env"_s);

    // The command line wins over the environment.
    result = parseArguments(split(u"connect --app-key k --auth-code c --app-secret cli"_s), environment);
    QCOMPARE(result.args.appSecret, u"cli"_s);
}

void TestCliArguments::environmentOverrides()
{
    QProcessEnvironment environment;
    environment.insert(u"TTS_KEYCHAIN_SERVICE"_s, u"tts-test-service"_s);
    environment.insert(u"TTS_REQUESTS_PER_SECOND"_s, u"250"_s);
    auto result = parseArguments(split(u"sync"_s), environment);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.keychainService, u"tts-test-service"_s);
    QCOMPARE(result.args.requestsPerSecond, 250.0);

    environment.insert(u"TTS_REQUESTS_PER_SECOND"_s, u"100000"_s);
    result = parseArguments(split(u"sync"_s), environment);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args.requestsPerSecond, 100000.0);

    // Out of range either way: the message names the range it accepts.
    for (const QString& value : {u"-3"_s, u"0"_s, u"1000000"_s, u"fast"_s}) {
        environment.insert(u"TTS_REQUESTS_PER_SECOND"_s, value);
        result = parseArguments(split(u"sync"_s), environment);
        QVERIFY2(!result.ok(), qPrintable(value));
        QVERIFY2(result.error.contains(u"at most 100000"_s), qPrintable(result.error));
    }
}

void TestCliArguments::errorsNeverEchoSecrets_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("misspelt option with value") << u"connect --app-key k --app-secrt=S3CRETVALUE"_s;
    QTest::newRow("secret as stray argument") << u"connect --app-key k S3CRETVALUE --auth-code c"_s;
    QTest::newRow("secret after missing option") << u"connect --app-key k --auth-code c S3CRETVALUE"_s;
    QTest::newRow("secret option before command") << u"--app-secret S3CRETVALUE connect"_s;
    QTest::newRow("secret option on sync") << u"sync --app-secret=S3CRETVALUE"_s;
}

void TestCliArguments::errorsNeverEchoSecrets()
{
    QFETCH(QString, line);
    const auto result = parseArguments(split(line), emptyEnvironment());
    QVERIFY(!result.ok());
    QVERIFY2(!result.error.contains(u"S3CRETVALUE"_s), qPrintable(result.error));
}

void TestCliArguments::usageTextNamesEveryCommand()
{
    const QString usage = tts::cli::usageText(u"/data/shop.sqlite"_s);
    for (const auto* word :
         {"connect", "sync", "status", "disconnect", "--full", "--shop", "--overlap-minutes", "--db",
          "--api-base", "--auth-base", "--json", "TIKTOK_APP_SECRET", "/data/shop.sqlite"}) {
        QVERIFY2(usage.contains(QLatin1StringView(word)), word);
    }
}

QTEST_GUILESS_MAIN(TestCliArguments)
#include "tst_cliarguments.moc"
