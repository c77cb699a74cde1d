// The window's session over a database an earlier version of the app wrote: upgraded when it is
// opened, so that its orders show before anything is synced (the views read through a read-only
// connection, which does not migrate).
#include "session/shopsession.h"
#include "storage/database.h"

#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tts;

class TestShopSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void olderDatabaseIsUpgradedAndShown()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("shop.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(TTS_TEST_DATA_DIR "/schema-v4.sqlite"), path));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        {
            // As the fixture is: a read-only open refuses it.
            Database::Error error;
            QVERIFY(!Database::open(path, Database::ReadOnly, &error));
            QCOMPARE(error.kind, Database::Error::OlderVersion);
        }
        ShopSession session;
        ShopProfile profile;
        profile.id = QStringLiteral("shop");
        profile.databasePath = path;
        profile.sessionOnlySecrets = true;
        session.setProfile(profile);
        QVERIFY(session.database());
        QCOMPARE(session.database()->schemaVersion(), Database::kSchemaVersion);
        QCOMPARE(session.orderCount(), 40); // the fixture shop's orders, all kept
    }
};

QTEST_GUILESS_MAIN(TestShopSession)
#include "tst_shopsession.moc"
