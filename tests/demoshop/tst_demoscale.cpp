// Scale: a 1,000,000-order shop builds and serves pages (build time and memory printed), and the
// serving rate of a full paginated read of 100,000 orders over HTTP. Figures only: nothing here
// asserts a time.

#include "demoapi.h"
#include "orderstore.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>

#include <ctime>
#include <unistd.h>

namespace {

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// CPU time of this thread: a per-core figure that does not depend on the machine's load.
qint64 threadCpuMicroseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// CPU time (user + system) of the emulator's server thread, from /proc; -1 if not found.
qint64 serverThreadCpuMs()
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString& tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + QStringLiteral("/comm")));
        if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != "demoshop-server")
            continue;
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        const qint64 ticks = fields.value(11).toLongLong() + fields.value(12).toLongLong(); // utime, stime
        return ticks * 1000 / sysconf(_SC_CLK_TCK);
    }
    return -1;
}

} // namespace

class TestDemoScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void millionOrders();
    void servingRate();
};

void TestDemoScale::millionOrders()
{
    const qint64 rssBefore = rssKiB();
    QElapsedTimer timer;
    timer.start();
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 1000000;
    auto emulator = tts::test::startEmulator(config);
    QVERIFY(emulator);
    const qint64 buildMs = timer.elapsed();
    const qint64 rssAfter = rssKiB();
    qInfo("1,000,000-order shop: built in %lld ms, RSS +%lld MiB (%lld bytes per order)", buildMs,
          (rssAfter - rssBefore) / 1024, (rssAfter - rssBefore) * 1024 / 1000000);
    const QString shop = config.shops.front().id;
    QCOMPARE(emulator->orderCount(shop), 1000000);

    tts::test::DemoApi api(*emulator);
    api.accessToken = emulator->issueTokens().accessToken;
    const QString path = QStringLiteral("/order/202309/orders/search");
    timer.restart();
    auto first = api.shopCall("POST", path, {{QStringLiteral("page_size"), QStringLiteral("100")}}, "{}");
    QCOMPARE(first.code(), 0);
    QCOMPARE(first.data().value(QStringLiteral("orders")).toArray().size(), 100);
    QCOMPARE(first.data().value(QStringLiteral("total_count")).toInteger(), 1000000);
    // A page deep in the update-time index, and the page after it.
    const qint64 middle = emulator->now() - 200 * 86400;
    const QByteArray body = "{\"update_time_ge\":" + QByteArray::number(middle) + "}";
    const tts::test::Params byUpdate{{QStringLiteral("page_size"), QStringLiteral("100")},
                                     {QStringLiteral("sort_field"), QStringLiteral("update_time")},
                                     {QStringLiteral("sort_order"), QStringLiteral("ASC")}};
    auto deep = api.shopCall("POST", path, byUpdate, body);
    QCOMPARE(deep.code(), 0);
    const QJsonArray deepOrders = deep.data().value(QStringLiteral("orders")).toArray();
    QCOMPARE(deepOrders.size(), 100);
    QVERIFY(deepOrders.first().toObject().value(QStringLiteral("update_time")).toInteger() >= middle);
    auto next = api.shopCall(
        "POST", path,
        byUpdate + tts::test::Params{{QStringLiteral("page_token"),
                                      deep.data().value(QStringLiteral("next_page_token")).toString()}},
        body);
    QCOMPARE(next.code(), 0);
    QVERIFY(next.data()
                .value(QStringLiteral("orders"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("id")) != deepOrders.last().toObject().value(QStringLiteral("id")));
    qInfo("1,000,000-order shop: 3 pages of 100 (first, deep in the update index, next) in %lld ms",
          timer.elapsed());
    // Mutations keep the index current at this size.
    timer.restart();
    const QStringList changed = emulator->mutateRandomOrders(shop, 20, emulator->now());
    qInfo("1,000,000-order shop: 20 mutations in %lld ms", timer.elapsed());
    auto latest = api.shopCall("POST", path,
                               {{QStringLiteral("page_size"), QStringLiteral("50")},
                                {QStringLiteral("sort_field"), QStringLiteral("update_time")}},
                               "{}");
    QSet<QString> top;
    for (const QJsonValue& v : latest.data().value(QStringLiteral("orders")).toArray())
        top.insert(v.toObject().value(QStringLiteral("id")).toString());
    for (const QString& id : changed)
        QVERIFY(top.contains(id));
}

void TestDemoScale::servingRate()
{
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 100000;
    auto emulator = tts::test::startEmulator(config);
    QVERIFY(emulator);
    tts::test::DemoApi api(*emulator);
    api.accessToken = emulator->issueTokens().accessToken;
    const QString path = QStringLiteral("/order/202309/orders/search");

    // HTTP: a full paginated read, pages of 100, over one keep-alive connection with a raw socket,
    // so that the figure is the server's rather than a client's.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(emulator->baseUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    const QString secret = emulator->config().appSecret;
    QElapsedTimer timer;
    timer.start();
    const qint64 serverCpuBefore = serverThreadCpuMs();
    QString token;
    int pages = 0;
    qint64 bytes = 0;
    qint64 orders = 0;
    QByteArray buffer;
    do {
        tts::test::Params query{{QStringLiteral("app_key"), emulator->config().appKey},
                                {QStringLiteral("timestamp"), QString::number(emulator->now())},
                                {QStringLiteral("shop_cipher"), config.shops.front().cipher},
                                {QStringLiteral("page_size"), QStringLiteral("100")}};
        if (!token.isEmpty())
            query.append({QStringLiteral("page_token"), token});
        query.append({QStringLiteral("sign"), tts::test::testSign(secret, path, query, "{}")});
        QByteArray target = path.toLatin1() + '?';
        for (const auto& [key, value] : query)
            target += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value) + '&';
        target.chop(1);
        socket.write("POST " + target +
                     " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "x-tts-access-token: " +
                     api.accessToken.toLatin1() + "\r\nContent-Length: 2\r\n\r\n{}");
        qsizetype headEnd = -1;
        qsizetype length = -1;
        while (length < 0 || buffer.size() < headEnd + 4 + length) {
            QVERIFY(socket.waitForReadyRead(10000));
            buffer += socket.readAll();
            if (length < 0 && (headEnd = buffer.indexOf("\r\n\r\n")) >= 0) {
                const qsizetype at = buffer.indexOf("Content-Length: ") + 16;
                length = buffer.mid(at, buffer.indexOf('\r', at) - at).toLongLong();
            }
        }
        const QByteArray body = buffer.mid(headEnd + 4, length);
        buffer.remove(0, headEnd + 4 + length);
        QVERIFY(body.startsWith("{\"code\":0,"));
        bytes += body.size();
        orders += body.count("\"line_items\":");
        const qsizetype at = body.lastIndexOf("\"next_page_token\":\"") + 19;
        token = QString::fromLatin1(body.mid(at, body.indexOf('"', at) - at));
        ++pages;
    } while (!token.isEmpty() && pages < 2000);
    const qint64 ms = std::max<qint64>(1, timer.elapsed());
    QCOMPARE(orders, 100000);
    QCOMPARE(pages, 1000);
    qInfo("serving rate: 100,000 orders in %d pages over HTTP in %lld ms = %lld orders/s (%lld MiB of JSON, "
          "%lld bytes per order)",
          pages, ms, orders * 1000 / ms, bytes / (1024 * 1024), bytes / orders);
    const qint64 serverCpuMs = std::max<qint64>(1, serverThreadCpuMs() - serverCpuBefore);
    if (serverCpuBefore >= 0)
        qInfo("serving rate: the server thread used %lld ms CPU = %lld orders/s per core", serverCpuMs,
              orders * 1000 / serverCpuMs);

    // The serializer alone, on one core.
    tts::demo::Catalog catalog(config.shops.front(), 0, config.seed, emulator->now() - 400 * 86400,
                               emulator->now());
    tts::demo::OrderStore store(catalog, 0, config.seed, emulator->now() - 400 * 86400, emulator->now(),
                                100000, emulator->now());
    QByteArray out;
    out.reserve(4 * 1024 * 1024);
    qint64 serialized = 0;
    timer.restart();
    const qint64 cpuBefore = threadCpuMicroseconds();
    for (quint32 i = 0; i < 100000; ++i) {
        store.writeOrder(out, i);
        if (i % 1000 == 999) { // a buffer the size of a few pages, as the server uses
            serialized += out.size();
            out.clear();
        }
    }
    serialized += out.size();
    const qint64 cpuUs = std::max<qint64>(1, threadCpuMicroseconds() - cpuBefore);
    const qint64 serializeMs = std::max<qint64>(1, timer.elapsed());
    qInfo("serializer: 100,000 orders in %lld ms wall, %lld ms CPU = %lld orders/s per core", serializeMs,
          cpuUs / 1000, 100000ll * 1000000 / cpuUs);
    QVERIFY(serialized > 100000 * 500);
}

QTEST_GUILESS_MAIN(TestDemoScale)
#include "tst_demoscale.moc"
