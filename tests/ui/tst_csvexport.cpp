#include "orders/csvexport.h"
#include "uitestdb.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace tts;
using namespace tts::test;

class TestCsvExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void quoting_data();
    void quoting();
    void exportsTheFilterExactly();
    void cancelStops();
    void failingDeviceReportsError();

private:
    QTemporaryDir m_dir;
    QSqlDatabase m_db;
};

void TestCsvExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_db = openTestDatabase(m_dir.filePath(QStringLiteral("csv.sqlite")));
    createOrderTables(m_db);
    QList<TestOrder> orders;
    orders << TestOrder{QStringLiteral("A1"), QStringLiteral("s"),   QStringLiteral("COMPLETED"), 1700000000,
                        1700000100,           QStringLiteral("USD"), QStringLiteral("1249.99"),   {}};
    orders << TestOrder{QStringLiteral("A2"), QStringLiteral("s"),   QStringLiteral("CANCELLED"), 1700000500,
                        1700000600,           QStringLiteral("EUR"), QStringLiteral("0.105"),     {}};
    orders << TestOrder{QStringLiteral("A3,\"x\""),
                        QStringLiteral("s"),
                        QStringLiteral("COMPLETED"),
                        1700001000,
                        1700001000,
                        QStringLiteral("USD"),
                        QStringLiteral("90071992547409931.01"),
                        {}};
    insertOrders(m_db, orders);
    // A field with a line break.
    QSqlQuery q(m_db);
    QVERIFY(q.exec(QStringLiteral("UPDATE orders SET tracking_number = 'line1\nline2' WHERE id = 'A1'")));
    generateOrders(m_db, 20000, QStringLiteral("bulk")); // several buffer flushes
}

void TestCsvExport::cleanupTestCase()
{
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = {};
    QSqlDatabase::removeDatabase(name);
}

void TestCsvExport::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << "abc" << QByteArray("abc");
    QTest::newRow("empty") << "" << QByteArray("");
    QTest::newRow("comma") << "a,b" << QByteArray("\"a,b\"");
    QTest::newRow("quote") << "say \"hi\"" << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << "a\nb" << QByteArray("\"a\nb\"");
    QTest::newRow("cr") << "a\rb" << QByteArray("\"a\rb\"");
    QTest::newRow("utf8") << QString::fromUtf8("café €") << QByteArray("caf\xc3\xa9 \xe2\x82\xac");
}

void TestCsvExport::quoting()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(csvField(value), expected);
}

void TestCsvExport::exportsTheFilterExactly()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    OrderFilter filter;
    filter.shopId = QStringLiteral("s");
    CsvExportOptions options;
    options.timeZone = QTimeZone::utc();
    qint64 rows = 0;
    QString error;
    QVERIFY2(
        writeOrdersCsv(m_db, filter, OrderSort{OrderColumn::Created, false}, &buffer, options, &rows, &error),
        qPrintable(error));
    QCOMPARE(rows, 3);
    const QList<QByteArray> lines = buffer.data().split('\n');
    QVERIFY(lines.first().startsWith("order_id,shop_id,status,created,"));
    QVERIFY(lines.first().endsWith('\r'));
    const QByteArray data = buffer.data();
    QVERIFY(data.contains("A1,s,COMPLETED,2023-11-14T22:13:20Z,2023-11-14T22:15:00Z,,USD,1249.99,"));
    QVERIFY(data.contains("\"line1\nline2\"\r\n"));
    QVERIFY(data.contains("A2,s,CANCELLED,"));
    QVERIFY(data.contains(",EUR,0.105,")); // exact: no rounding to cents
    QVERIFY(data.contains("\"A3,\"\"x\"\"\",s,COMPLETED"));
    QVERIFY(data.contains(",USD,90071992547409931.01,"));
    QVERIFY(data.endsWith("\r\n"));
    // Created ascending: A1 before A2 before A3.
    QVERIFY(data.indexOf("A1,") < data.indexOf("A2,"));
    QVERIFY(data.indexOf("A2,") < data.indexOf("\"A3"));

    filter.statuses = {QStringLiteral("CANCELLED")};
    QBuffer only;
    only.open(QIODevice::WriteOnly);
    QVERIFY(writeOrdersCsv(m_db, filter, {}, &only, options, &rows, &error));
    QCOMPARE(rows, 1);
    QCOMPARE(only.data().count("\r\n"), 2);

    filter = {};
    filter.shopId = QStringLiteral("bulk");
    QBuffer bulk;
    bulk.open(QIODevice::WriteOnly);
    qint64 progressCalls = 0;
    options.progress = [&](qint64) {
        ++progressCalls;
    };
    QVERIFY(writeOrdersCsv(m_db, filter, {}, &bulk, options, &rows, &error));
    QCOMPARE(rows, 20000);
    QCOMPARE(bulk.data().count("\r\n"), 20001);
    QVERIFY(progressCalls > 1);
}

void TestCsvExport::cancelStops()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::atomic_bool cancel{true};
    CsvExportOptions options;
    options.cancel = &cancel;
    qint64 rows = 0;
    QString error;
    QVERIFY(!writeOrdersCsv(m_db, {}, {}, &buffer, options, &rows, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(rows, 0);
}

void TestCsvExport::failingDeviceReportsError()
{
    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    qint64 rows = 0;
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(".*")));
    QVERIFY(!writeOrdersCsv(m_db, {}, {}, &readOnly, {}, &rows, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
