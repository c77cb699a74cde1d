// The window's session over a database an earlier version of the app wrote: upgraded when it is
// opened (off the GUI thread), so that its orders show before anything is synced (the views read
// through a read-only connection, which does not migrate); not while another sync holds it.
#include "session/shopsession.h"
#include "storage/database.h"
#include "sync/synclock.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tts;

namespace {

// A copy of the version-4 fixture in `dir`; empty if it cannot be made.
QString olderDatabaseIn(const QTemporaryDir& dir)
{
    const QString path = dir.filePath(QStringLiteral("shop.sqlite"));
    if (!dir.isValid() || !QFile::copy(QStringLiteral(TTS_TEST_DATA_DIR "/schema-v4.sqlite"), path) ||
        !QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner))
        return {};
    return path;
}

ShopProfile profileOf(const QString& path)
{
    ShopProfile profile;
    profile.id = QStringLiteral("shop");
    profile.databasePath = path;
    profile.sessionOnlySecrets = true;
    return profile;
}

} // namespace

class TestShopSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void olderDatabaseIsUpgradedAndShown()
    {
        QTemporaryDir dir;
        const QString path = olderDatabaseIn(dir);
        QVERIFY(!path.isEmpty());
        {
            // As the fixture is: a read-only open refuses it.
            Database::Error error;
            QVERIFY(!Database::open(path, Database::ReadOnly, &error));
            QCOMPARE(error.kind, Database::Error::OlderVersion);
        }
        ShopSession session;
        QSignalSpy changed(&session, &ShopSession::databaseChanged);
        session.setProfile(profileOf(path));
        // Migrated in a thread of its own, then opened again.
        QTRY_VERIFY_WITH_TIMEOUT(session.database(), 10000);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(session.database()->schemaVersion(), Database::kSchemaVersion);
        QCOMPARE(session.orderCount(), 40); // the fixture shop's orders, all kept
    }

    void notWhileAnotherSyncHoldsIt()
    {
        QTemporaryDir dir;
        const QString path = olderDatabaseIn(dir);
        QVERIFY(!path.isEmpty());
        SyncLock other(path);
        QVERIFY(other.tryLock());
        ShopSession session;
        QSignalSpy changed(&session, &ShopSession::databaseChanged);
        session.setProfile(profileOf(path));
        // The attempt ends (the session opens the file again) without touching it.
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, 10000);
        QVERIFY(!session.database());
        Database::Error error;
        QVERIFY(!Database::open(path, Database::ReadOnly, &error));
        QCOMPARE(error.kind, Database::Error::OlderVersion);
    }
};

QTEST_GUILESS_MAIN(TestShopSession)
#include "tst_shopsession.moc"
