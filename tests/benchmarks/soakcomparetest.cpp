// The soak run's every-column comparison: silent on a synced database, and it names the record and
// field of each kind of difference that tests/sync's dbcompare does not look at.

#include "soakcompare.h"
#include "synctesthelpers.h"
#include "testsupport.h"

#include "storage/database.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tts;

class TestSoakCompare : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void equalDatabaseHasNoDifferences();
    void differencesAreNamed_data();
    void differencesAreNamed();
    void cleanup();

private:
    void exec(const QString& sql);
    std::unique_ptr<demo::Emulator> m_emulator;
    test::TempDir m_dir;
    QString m_db;
    QString m_shopId;
};

void TestSoakCompare::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    demo::EmulatorConfig config;
    config.shops.front().orders = 120;
    config.shops.front().products = 6;
    m_shopId = config.shops.front().id;
    m_emulator = test::startEmulator(config);
    QVERIFY(m_emulator);
    m_db = m_dir.databasePath();
    QCOMPARE(test::connectEmulator(*m_emulator, m_db), QString());
    // Cancelled and shipped orders, so that cancel and delivery fields are present.
    m_emulator->mutateRandomOrders(m_shopId, 40, m_emulator->now() - 1);
    const test::SyncRun run = test::runSync(test::syncOptions(*m_emulator, m_db));
    QVERIFY2(run.ok, qPrintable(run.error.message));
}

void TestSoakCompare::cleanup()
{
    // Put the database back the way the sync left it.
    const test::SyncRun run = test::runSync(test::syncOptions(*m_emulator, m_db, SyncMode::Full));
    QVERIFY2(run.ok, qPrintable(run.error.message));
    QCOMPARE(soak::compareEveryColumn(m_db, *m_emulator, m_shopId), QStringList());
}

void TestSoakCompare::exec(const QString& sql)
{
    Database::Error error;
    auto db = Database::open(m_db, Database::ReadWrite, &error);
    QVERIFY2(db, qPrintable(error.message));
    QSqlQuery q(db->connection());
    QVERIFY2(q.exec(sql), qPrintable(sql));
    QVERIFY2(q.numRowsAffected() == 1, qPrintable(sql));
}

void TestSoakCompare::equalDatabaseHasNoDifferences()
{
    QCOMPARE(soak::compareEveryColumn(m_db, *m_emulator, m_shopId), QStringList());
}

void TestSoakCompare::differencesAreNamed_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected"); // a part of the reported difference
    QTest::newRow("cancel_time") << u"UPDATE orders SET cancel_time = 12345 WHERE id = "
                                    "(SELECT id FROM orders WHERE cancel_time IS NOT NULL LIMIT 1)"_s
                                 << u" cancel_time: emulator '"_s;
    QTest::newRow("delivery_time") << u"UPDATE orders SET delivery_time = NULL WHERE id = "
                                      "(SELECT id FROM orders WHERE delivery_time IS NOT NULL LIMIT 1)"_s
                                   << u"', database ''"_s;
    QTest::newRow("tracking_number") << u"UPDATE orders SET tracking_number = 'X' WHERE id = "
                                        "(SELECT id FROM orders LIMIT 1)"_s
                                     << u" tracking_number: emulator '"_s;
    QTest::newRow("is_cod") << u"UPDATE orders SET is_cod = 2 WHERE id = (SELECT id FROM orders LIMIT 1)"_s
                            << u" is_cod: emulator '"_s;
    QTest::newRow("line item display_status")
        << u"UPDATE line_items SET display_status = 'LOST' WHERE id = (SELECT id FROM line_items LIMIT 1)"_s
        << u" line item "_s;
    QTest::newRow("sku price") << u"UPDATE product_skus SET sale_price = '0.01' WHERE id = "
                                  "(SELECT id FROM product_skus LIMIT 1)"_s
                               << u" sale_price: emulator '"_s;
    QTest::newRow("sku inventory") << u"UPDATE product_skus SET inventory = -5 WHERE id = "
                                      "(SELECT id FROM product_skus LIMIT 1)"_s
                                   << u"inventory: emulator '"_s;
    QTest::newRow("sku missing")
        << u"DELETE FROM product_skus WHERE id = (SELECT id FROM product_skus LIMIT 1)"_s << u" is missing"_s;
}

void TestSoakCompare::differencesAreNamed()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    exec(sql);
    if (QTest::currentTestFailed())
        return;
    const QStringList differences = soak::compareEveryColumn(m_db, *m_emulator, m_shopId);
    QCOMPARE(differences.size(), 1);
    QVERIFY2(differences.first().contains(expected), qPrintable(differences.first()));
    QVERIFY(differences.first().startsWith("order "_L1) || differences.first().startsWith("product "_L1));
}

QTEST_GUILESS_MAIN(TestSoakCompare)
#include "soakcomparetest.moc"
