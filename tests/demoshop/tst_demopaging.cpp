// Order and product search: every order exactly once for both sorts, both directions and page
// sizes 1/7/100; filter boundaries; total_count; opaque tokens with '+' and '/' bound to their
// query; keyset stability when data changes between pages; the result cap.

#include "demoapi.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using tts::test::DemoApi;
using tts::test::HttpResult;
using tts::test::Params;

namespace {

const QString kOrders = QStringLiteral("/order/202309/orders/search");
const QString kProducts = QStringLiteral("/product/202309/products/search");
constexpr qint64 kHistoryEnd = 1767225600; // 2026-01-01

qint64 field(const QJsonObject& o, const char* key)
{
    return o.value(QLatin1String(key)).toInteger();
}

QString id(const QJsonObject& o)
{
    return o.value(QStringLiteral("id")).toString();
}

QByteArray filterBody(const QList<QPair<QString, qint64>>& fields)
{
    QJsonObject body;
    for (const auto& [key, value] : fields)
        body.insert(key, value);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace

class TestDemoPaging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void everyOrderOnce_data();
    void everyOrderOnce();
    void boundaries_data();
    void boundaries();
    void onlyGeMeansBeforeNow();
    void statusFilter();
    void pageTokens();
    void keysetStableUnderMutations();
    void resultCap();
    void products();

private:
    QString shopId() const { return m_emulator->config().shops.front().id; }
    std::unique_ptr<tts::demo::Emulator> m_emulator;
    std::unique_ptr<DemoApi> m_api;
    QList<QJsonObject> m_all;
};

void TestDemoPaging::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    tts::demo::EmulatorConfig config;
    config.shops.front().orders = 700;
    config.historyEnd = kHistoryEnd;
    config.historyDays = 60;
    m_emulator = tts::test::startEmulator(config);
    QVERIFY(m_emulator);
    m_api = std::make_unique<DemoApi>(*m_emulator);
    m_api->accessToken = m_emulator->issueTokens().accessToken;
    for (const QJsonValue& v : m_emulator->allOrders(shopId()))
        m_all.append(v.toObject());
    QCOMPARE(m_all.size(), 700);
}

void TestDemoPaging::everyOrderOnce_data()
{
    QTest::addColumn<QString>("sortField");
    QTest::addColumn<QString>("sortOrder");
    QTest::addColumn<int>("pageSize");
    for (const char* sortField : {"create_time", "update_time"}) {
        for (const char* sortOrder : {"ASC", "DESC"}) {
            for (int size : {1, 7, 100}) {
                QTest::addRow("%s-%s-%d", sortField, sortOrder, size)
                    << QString::fromLatin1(sortField) << QString::fromLatin1(sortOrder) << size;
            }
        }
    }
}

void TestDemoPaging::everyOrderOnce()
{
    QFETCH(QString, sortField);
    QFETCH(QString, sortOrder);
    QFETCH(int, pageSize);
    // Page size 1 reads a slice (fewer requests); the others read the whole shop.
    const QByteArray body = pageSize == 1
                                ? filterBody({{QStringLiteral("create_time_ge"), kHistoryEnd - 7 * 86400}})
                                : QByteArray("{}");
    QList<QJsonObject> expected;
    for (const QJsonObject& o : std::as_const(m_all)) {
        if (pageSize != 1 || field(o, "create_time") >= kHistoryEnd - 7 * 86400)
            expected.append(o);
    }
    QVERIFY(expected.size() > 20);
    int pages = 0;
    qint64 total = -1;
    const QList<QJsonObject> got = m_api->searchAll(kOrders,
                                                    {{QStringLiteral("page_size"), QString::number(pageSize)},
                                                     {QStringLiteral("sort_field"), sortField},
                                                     {QStringLiteral("sort_order"), sortOrder}},
                                                    body, &pages, &total);
    QCOMPARE(got.size(), expected.size());
    QCOMPARE(total, qint64(expected.size()));
    QCOMPARE(pages, int((expected.size() + pageSize - 1) / pageSize));
    QSet<QString> ids;
    for (const QJsonObject& o : got)
        ids.insert(id(o));
    QCOMPARE(ids.size(), expected.size());
    for (const QJsonObject& o : expected)
        QVERIFY(ids.contains(id(o)));
    // Sorted by the key, ties broken by id, in the requested direction.
    const QByteArray key = sortField.toLatin1();
    for (qsizetype i = 1; i < got.size(); ++i) {
        const auto a = std::make_pair(field(got[i - 1], key.constData()), id(got[i - 1]));
        const auto b = std::make_pair(field(got[i], key.constData()), id(got[i]));
        QVERIFY2(sortOrder == u"ASC" ? a < b : b < a, qPrintable(QString::number(i)));
    }
}

void TestDemoPaging::boundaries_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("sortField");
    for (const char* f : {"create_time", "update_time"}) {
        for (const char* s : {"create_time", "update_time"})
            QTest::addRow("%s-sorted-by-%s", f, s) << QString::fromLatin1(f) << QString::fromLatin1(s);
    }
}

void TestDemoPaging::boundaries()
{
    QFETCH(QString, field);
    QFETCH(QString, sortField);
    const QByteArray key = field.toLatin1();
    // Bounds exactly on existing orders' times: _ge includes them, _lt excludes them.
    const qint64 lo = ::field(m_all[100], key.constData());
    const qint64 hi = ::field(m_all[400], key.constData());
    const qint64 from = std::min(lo, hi), to = std::max(lo, hi);
    QVERIFY(from < to);
    QSet<QString> expected;
    for (const QJsonObject& o : std::as_const(m_all)) {
        const qint64 t = ::field(o, key.constData());
        if (t >= from && t < to)
            expected.insert(id(o));
    }
    qint64 total = -1;
    const QList<QJsonObject> got = m_api->searchAll(
        kOrders,
        {{QStringLiteral("page_size"), QStringLiteral("50")}, {QStringLiteral("sort_field"), sortField}},
        filterBody({{field + QStringLiteral("_ge"), from}, {field + QStringLiteral("_lt"), to}}), nullptr,
        &total);
    QSet<QString> ids;
    for (const QJsonObject& o : got)
        ids.insert(id(o));
    QCOMPARE(ids, expected);
    QCOMPARE(total, qint64(expected.size()));
    QCOMPARE(got.size(), expected.size());
}

void TestDemoPaging::onlyGeMeansBeforeNow()
{
    // Orders created and updated in the future are outside "_ge only" (its _lt is now).
    const QStringList future = m_emulator->addOrders(shopId(), 2, m_emulator->now() + 3600);
    for (const QString& f : {QStringLiteral("create_time_ge"), QStringLiteral("update_time_ge")}) {
        qint64 total = -1;
        const QList<QJsonObject> got =
            m_api->searchAll(kOrders, {{QStringLiteral("page_size"), QStringLiteral("100")}},
                             filterBody({{f, kHistoryEnd - 86400}}), nullptr, &total);
        QVERIFY(!got.isEmpty());
        for (const QJsonObject& o : got)
            QVERIFY(!future.contains(id(o)));
        const QList<QJsonObject> withLt = m_api->searchAll(
            kOrders, {{QStringLiteral("page_size"), QStringLiteral("100")}},
            filterBody({{f, kHistoryEnd - 86400},
                        {f.left(f.size() - 2) + QStringLiteral("lt"), m_emulator->now() + 7200}}));
        QCOMPARE(withLt.size(), got.size() + 2);
    }
    m_emulator->setOrderUpdateTime(shopId(), future,
                                   kHistoryEnd - 30 * 86400); // keep the rest of the test stable
    m_all.clear();
    for (const QJsonValue& v : m_emulator->allOrders(shopId()))
        m_all.append(v.toObject());
}

void TestDemoPaging::statusFilter()
{
    QHash<QString, int> counts;
    for (const QJsonObject& o : std::as_const(m_all))
        ++counts[o.value(QStringLiteral("status")).toString()];
    QVERIFY(counts.size() >= 3);
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        qint64 total = -1;
        const QList<QJsonObject> got = m_api->searchAll(
            kOrders,
            {{QStringLiteral("page_size"), QStringLiteral("100")},
             {QStringLiteral("sort_field"), QStringLiteral("update_time")}},
            QByteArray("{\"order_status\":\"") + it.key().toLatin1() + "\"}", nullptr, &total);
        QCOMPARE(got.size(), it.value());
        QCOMPARE(total, qint64(it.value()));
        for (const QJsonObject& o : got)
            QCOMPARE(o.value(QStringLiteral("status")).toString(), it.key());
    }
    const HttpResult bad =
        m_api->shopCall("POST", kOrders, {{QStringLiteral("page_size"), QStringLiteral("10")}},
                        "{\"order_status\":\"SHIPPED\"}");
    QCOMPARE(bad.code(), 36009004);
}

void TestDemoPaging::pageTokens()
{
    const Params query{{QStringLiteral("page_size"), QStringLiteral("5")}};
    int withPlus = 0, withSlash = 0;
    QString token;
    for (int page = 0; page < 20; ++page) {
        Params q = query;
        if (!token.isEmpty())
            q.append({QStringLiteral("page_token"), token});
        const HttpResult r = m_api->shopCall("POST", kOrders, q, "{}");
        QCOMPARE(r.code(), 0);
        token = r.data().value(QStringLiteral("next_page_token")).toString();
        QVERIFY(!token.isEmpty());
        withPlus += token.contains(u'+') ? 1 : 0;
        withSlash += token.contains(u'/') ? 1 : 0;
    }
    QCOMPARE(withPlus, 20);
    QCOMPARE(withSlash, 20);
    // The token works with its own query...
    QCOMPARE(
        m_api->shopCall("POST", kOrders, query + Params{{QStringLiteral("page_token"), token}}, "{}").code(),
        0);
    // ...and is refused with another filter, another sort, or when damaged.
    HttpResult r = m_api->shopCall("POST", kOrders, query + Params{{QStringLiteral("page_token"), token}},
                                   "{\"order_status\":\"COMPLETED\"}");
    QCOMPARE(r.code(), 36009004);
    QVERIFY(r.message().contains(u"page_token"));
    r = m_api->shopCall("POST", kOrders,
                        query + Params{{QStringLiteral("page_token"), token},
                                       {QStringLiteral("sort_order"), QStringLiteral("ASC")}},
                        "{}");
    QCOMPARE(r.code(), 36009004);
    QString damaged = token;
    damaged[10] = damaged[10] == u'A' ? u'B' : u'A';
    r = m_api->shopCall("POST", kOrders, query + Params{{QStringLiteral("page_token"), damaged}}, "{}");
    QCOMPARE(r.code(), 36009004);
    // Sent with '+' unencoded, a server reads it as a space: the token is broken.
    QString spaced = token;
    spaced.replace(u'+', u' ');
    r = m_api->shopCall("POST", kOrders, query + Params{{QStringLiteral("page_token"), spaced}}, "{}");
    QCOMPARE(r.code(), 36009004);
}

void TestDemoPaging::keysetStableUnderMutations()
{
    for (const char* sortField : {"create_time", "update_time"}) {
        QSet<QString> changed;
        QHash<QString, int> seen;
        QString token;
        int pages = 0;
        do {
            Params q{{QStringLiteral("page_size"), QStringLiteral("25")},
                     {QStringLiteral("sort_field"), QLatin1String(sortField)},
                     {QStringLiteral("sort_order"), QStringLiteral("ASC")}};
            if (!token.isEmpty())
                q.append({QStringLiteral("page_token"), token});
            const HttpResult r = m_api->shopCall("POST", kOrders, q, "{}");
            QCOMPARE(r.code(), 0);
            for (const QJsonValue& v : r.data().value(QStringLiteral("orders")).toArray())
                ++seen[id(v.toObject())];
            token = r.data().value(QStringLiteral("next_page_token")).toString();
            // Between pages: status changes of random orders (any age), and new orders.
            for (const QString& m : m_emulator->mutateRandomOrders(shopId(), 4))
                changed.insert(m);
            m_emulator->addOrders(shopId(), 1, kHistoryEnd - 86400 * 3);
            ++pages;
        } while (!token.isEmpty() && pages < 1000);
        QVERIFY(pages < 1000);
        // No order whose sort key stayed the same is missed or repeated.
        for (const QJsonObject& o : std::as_const(m_all)) {
            const bool keyChanged = qstrcmp(sortField, "update_time") == 0 && changed.contains(id(o));
            if (!keyChanged)
                QVERIFY2(seen.value(id(o)) == 1, qPrintable(id(o)));
            else
                QVERIFY(seen.value(id(o)) >= 1); // moved forward: seen again later, never lost
        }
        m_all.clear();
        for (const QJsonValue& v : m_emulator->allOrders(shopId()))
            m_all.append(v.toObject());
    }
}

void TestDemoPaging::resultCap()
{
    tts::demo::FaultConfig faults = m_emulator->faults();
    faults.resultCap = 50;
    m_emulator->setFaults(faults);
    int pages = 0;
    qint64 total = -1;
    const QList<QJsonObject> got = m_api->searchAll(
        kOrders, {{QStringLiteral("page_size"), QStringLiteral("20")}}, "{}", &pages, &total);
    faults.resultCap = 0;
    m_emulator->setFaults(faults);
    QCOMPARE(got.size(), 50);
    QCOMPARE(pages, 3);
    QCOMPARE(total, m_emulator->orderCount(shopId()));
    // Slicing by time gets past the cap.
    const QList<QJsonObject> rest =
        m_api->searchAll(kOrders, {{QStringLiteral("page_size"), QStringLiteral("100")}},
                         filterBody({{QStringLiteral("create_time_lt"), field(got.last(), "create_time")}}));
    const qint64 boundary = field(got.last(), "create_time");
    QSet<QString> ids;
    for (const QJsonObject& o : got + rest)
        ids.insert(id(o));
    QCOMPARE(ids.size(), got.size() + rest.size()); // disjoint
    for (const QJsonValue& v : m_emulator->allOrders(shopId())) {
        if (field(v.toObject(), "create_time") == boundary)
            ids.insert(id(v.toObject())); // ties at the cut may belong to either side
    }
    QCOMPARE(qint64(ids.size()), m_emulator->orderCount(shopId()));
}

void TestDemoPaging::products()
{
    const QJsonArray all = m_emulator->allProducts(shopId());
    QVERIFY(all.size() >= 20);
    qint64 total = -1;
    int pages = 0;
    QList<QJsonObject> got = m_api->searchAll(kProducts, {{QStringLiteral("page_size"), QStringLiteral("7")}},
                                              "{}", &pages, &total);
    QCOMPARE(got.size(), all.size());
    QCOMPARE(total, qint64(all.size()));
    QCOMPARE(pages, int((all.size() + 6) / 7));
    QSet<QString> ids;
    for (const QJsonObject& p : got) {
        ids.insert(id(p));
        QVERIFY(!p.value(QStringLiteral("skus")).toArray().isEmpty());
        const QJsonObject sku = p.value(QStringLiteral("skus")).toArray().first().toObject();
        QVERIFY(sku.value(QStringLiteral("price")).toObject().value(QStringLiteral("sale_price")).isString());
        QVERIFY(!sku.value(QStringLiteral("inventory")).toArray().isEmpty());
    }
    QCOMPARE(ids.size(), all.size());
    // _le is inclusive (unlike orders' _lt), and so is _ge.
    const qint64 t = all.at(3).toObject().value(QStringLiteral("update_time")).toInteger();
    for (const char* bound : {"update_time_le", "update_time_ge"}) {
        int expected = 0;
        for (const QJsonValue& v : all) {
            const qint64 u = v.toObject().value(QStringLiteral("update_time")).toInteger();
            expected += (qstrcmp(bound, "update_time_le") == 0 ? u <= t : u >= t) ? 1 : 0;
        }
        got = m_api->searchAll(kProducts, {{QStringLiteral("page_size"), QStringLiteral("100")}},
                               filterBody({{QLatin1String(bound), t}}), nullptr, &total);
        QCOMPARE(got.size(), expected);
        QCOMPARE(total, qint64(expected));
    }
    got = m_api->searchAll(
        kProducts, {{QStringLiteral("page_size"), QStringLiteral("100")}},
        filterBody({{QStringLiteral("update_time_ge"), t}, {QStringLiteral("update_time_le"), t}}));
    QVERIFY(!got.isEmpty());
    for (const QJsonObject& p : got)
        QCOMPARE(field(p, "update_time"), t);
    // touchProducts moves update_time: an incremental product sync sees exactly those.
    const qint64 touchTime = m_emulator->now() - 10;
    m_emulator->touchProducts(shopId(), 3, touchTime);
    got = m_api->searchAll(kProducts, {{QStringLiteral("page_size"), QStringLiteral("100")}},
                           filterBody({{QStringLiteral("update_time_ge"), touchTime}}));
    QCOMPARE(got.size(), 3);
    // Status filter.
    got = m_api->searchAll(kProducts, {{QStringLiteral("page_size"), QStringLiteral("100")}},
                           "{\"status\":\"ACTIVATE\"}");
    QVERIFY(!got.isEmpty());
    for (const QJsonObject& p : got)
        QCOMPARE(p.value(QStringLiteral("status")).toString(), QStringLiteral("ACTIVATE"));
}

QTEST_GUILESS_MAIN(TestDemoPaging)
#include "tst_demopaging.moc"
