// tiktok-shop-sync on a damaged database: sync exits with 5 and one sentence naming the backup the
// damaged file was moved to (untouched) and the command that rebuilds; `sync --full` then rebuilds the
// database from the shop without connecting again.
#include "clidbcheck.h"
#include "clifixture.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tts;
using namespace tts::test;
using tts::test::CliFixture;
using tts::test::CliResult;

namespace {} // namespace

class TestCliCorrupt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void damagedDatabaseIsSetAsideAndRebuilt();
};

void TestCliCorrupt::damagedDatabaseIsSetAsideAndRebuilt()
{
    demo::EmulatorConfig config;
    config.shops.first().orders = 1500;
    CliFixture fixture(config);
    QVERIFY(fixture.isValid());
    const CliResult connected = fixture.connectShop();
    QVERIFY2(connected.exitCode == 0, qPrintable(connected.describe()));
    const CliResult synced = fixture.run({u"sync"_s});
    QVERIFY2(synced.exitCode == 0, qPrintable(synced.describe()));
    const QString db = fixture.databasePath();
    QVERIFY(!QFileInfo::exists(db + u"-wal"_s) || QFileInfo(db + u"-wal"_s).size() == 0);
    QVERIFY(damageDatabasePages(db));
    const QByteArray damaged = fileSha256(db);

    const CliResult refused = fixture.run({u"sync"_s});
    QCOMPARE(refused.exitCode, 5);
    const QStringList made = corruptBackupsOf(db);
    QCOMPARE(made.size(), 1);
    QCOMPARE(fileSha256(made.first()), damaged);
    const QString line = refused.lastErrorLine();
    QVERIFY2(line.contains(made.first()), qPrintable(refused.describe()));
    QVERIFY2(line.contains(u"tiktok-shop-sync sync --full"_s), qPrintable(refused.describe()));

    const CliResult status = fixture.run({u"status"_s});
    QVERIFY2(status.exitCode == 0, qPrintable(status.describe()));

    const CliResult rebuilt = fixture.run({u"sync"_s, u"--full"_s});
    QVERIFY2(rebuilt.exitCode == 0, qPrintable(rebuilt.describe()));
    const QString diff = tts::test::compareWithEmulator(db, fixture.emulator(), fixture.shopId());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(corruptBackupsOf(db).size(), 1);
    QCOMPARE(fileSha256(made.first()), damaged);
}

QTEST_GUILESS_MAIN(TestCliCorrupt)
#include "tst_clicorrupt.moc"
