#include "api/jsonmapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace tts;

namespace {

// A 202309 order as the API returns it (fields from the contract).
const char* const kOrder = R"({
  "id": "576461413038785752", "status": "COMPLETED", "create_time": 1700000000, "update_time": 1700500000,
  "paid_time": 1700000100, "cancel_time": 0, "delivery_time": 1700400000, "user_id": "7494",
  "buyer_email": "v8x@scs.tiktokw.us", "buyer_message": "", "shipping_type": "TIKTOK",
  "delivery_option_name": "Standard", "shipping_provider": "USPS", "tracking_number": "9400111",
  "warehouse_id": "7068", "payment_method_name": "Visa", "is_cod": false, "is_sample_order": false,
  "is_replacement_order": true, "seller_note": "",
  "payment": {"currency": "USD", "sub_total": "21.3", "shipping_fee": "5.99", "seller_discount": "1.00",
              "platform_discount": "0", "total_amount": "28.98", "original_total_product_price": "22.30",
              "original_shipping_fee": "5.99", "tax": "1.69"},
  "recipient_address": {"region_code": "US", "postal_code": "94107", "name": "J*** D**"},
  "line_items": [
    {"id": "577", "product_id": "1729", "product_name": "Mug", "sku_id": "1730", "sku_name": "Blue",
     "seller_sku": "MUG-B", "sale_price": "10.65", "original_price": "11.15", "platform_discount": "0",
     "seller_discount": "0.5", "currency": "USD", "display_status": "COMPLETED", "package_id": "11",
     "is_gift": false},
    {"id": "578", "product_id": "1729", "product_name": "Mug", "sku_id": "1730", "sku_name": "Blue",
     "seller_sku": "MUG-B", "sale_price": "10.65", "original_price": "11.15", "currency": "USD",
     "is_gift": true}
  ]
})";

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

class TestJsonMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void order()
    {
        QString error;
        const auto order = orderFromJson(object(kOrder), &error);
        QVERIFY2(order, qPrintable(error));
        QCOMPARE(order->id, QStringLiteral("576461413038785752"));
        QCOMPARE(order->status, QStringLiteral("COMPLETED"));
        QCOMPARE(order->createTime, 1700000000);
        QCOMPARE(order->updateTime, 1700500000);
        QCOMPARE(order->paidTime, std::optional<qint64>(1700000100));
        QVERIFY(!order->cancelTime); // 0 means not set
        QCOMPARE(order->deliveryTime, std::optional<qint64>(1700400000));
        QCOMPARE(order->currency, QStringLiteral("USD"));
        QCOMPARE(order->subTotal, QStringLiteral("21.3")); // exactly as received
        QCOMPARE(order->sellerDiscount, QStringLiteral("1.00"));
        QCOMPARE(order->totalAmount, QStringLiteral("28.98"));
        QCOMPARE(order->originalTotalProductPrice, QStringLiteral("22.30"));
        QCOMPARE(order->tax, QStringLiteral("1.69"));
        QCOMPARE(order->recipientRegion, QStringLiteral("US"));
        QCOMPARE(order->recipientPostalCode, QStringLiteral("94107"));
        QCOMPARE(order->shippingProvider, QStringLiteral("USPS"));
        QCOMPARE(order->paymentMethodName, QStringLiteral("Visa"));
        QVERIFY(order->isReplacementOrder);
        QVERIFY(!order->isCod);
        QCOMPARE(order->lineItems.size(), 2); // one line item per unit
        QCOMPARE(order->lineItems[0].id, QStringLiteral("577"));
        QCOMPARE(order->lineItems[0].salePrice, QStringLiteral("10.65"));
        QCOMPARE(order->lineItems[0].sellerDiscount, QStringLiteral("0.5"));
        QCOMPARE(order->lineItems[0].sellerSku, QStringLiteral("MUG-B"));
        QVERIFY(order->lineItems[1].isGift);
        QVERIFY(order->lineItems[1].platformDiscount.isEmpty());
    }

    void unpaidOrderWithoutAddress()
    {
        QJsonObject json = object(kOrder);
        json.remove(QLatin1String("recipient_address"));
        json.insert(QLatin1String("status"), QStringLiteral("UNPAID"));
        const auto order = orderFromJson(json);
        QVERIFY(order);
        QVERIFY(order->recipientRegion.isEmpty());
    }

    void missingRequiredFieldIsMalformed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("replacement"); // undefined: removed
        QTest::newRow("no id") << QStringLiteral("id") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("empty id") << QStringLiteral("id") << QJsonValue(QString());
        QTest::newRow("no status") << QStringLiteral("status") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no create_time") << QStringLiteral("create_time") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("no update_time") << QStringLiteral("update_time") << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("text create_time")
            << QStringLiteral("create_time") << QJsonValue(QStringLiteral("soon"));
        QTest::newRow("fractional time") << QStringLiteral("update_time") << QJsonValue(1.5);
        QTest::newRow("payment not object") << QStringLiteral("payment") << QJsonValue(QStringLiteral("x"));
        QTest::newRow("line_items not array") << QStringLiteral("line_items") << QJsonValue(3);
        QTest::newRow("line item without id")
            << QStringLiteral("line_items")
            << QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("sale_price"), QStringLiteral("1")}}});
    }

    void missingRequiredFieldIsMalformed()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, replacement);
        QJsonObject json = object(kOrder);
        if (replacement.isUndefined())
            json.remove(field);
        else
            json.insert(field, replacement);
        QString error;
        QVERIFY(!orderFromJson(json, &error));
        QVERIFY2(!error.isEmpty(), "an error says what is wrong");

        // One bad order makes the whole page malformed.
        const QJsonObject data{{QStringLiteral("orders"), QJsonArray{object(kOrder), json}},
                               {QStringLiteral("next_page_token"), QStringLiteral("x")}};
        QVERIFY(!orderPageFromJson(data));
    }

    void moneyNumbers_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected"); // "!": rejected
        QTest::newRow("string kept") << QJsonValue(QStringLiteral("21.30")) << QStringLiteral("21.30");
        QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << QString();
        QTest::newRow("number 21.3") << QJsonValue(21.3) << QStringLiteral("21.3");
        QTest::newRow("number 0.1") << QJsonValue(0.1) << QStringLiteral("0.1");
        QTest::newRow("integer") << QJsonValue(1999) << QStringLiteral("1999");
        QTest::newRow("negative") << QJsonValue(-5.25) << QStringLiteral("-5.25");
        QTest::newRow("17 digits: inexact") << QJsonValue(0.30000000000000004) << QStringLiteral("!");
        QTest::newRow("too large") << QJsonValue(1e20) << QStringLiteral("!");
        QTest::newRow("bool") << QJsonValue(true) << QStringLiteral("!");
        QTest::newRow("object") << QJsonValue(QJsonObject()) << QStringLiteral("!");
    }

    void moneyNumbers()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        const auto money = moneyFromJson(value);
        if (expected == u"!")
            QVERIFY(!money);
        else
            QCOMPARE(money.value_or(QStringLiteral("!")), expected);
    }

    void inexactMoneyRejectsTheOrder()
    {
        QJsonObject json = object(kOrder);
        QJsonObject payment = json.value(QLatin1String("payment")).toObject();
        payment.insert(QLatin1String("total_amount"), 0.30000000000000004);
        json.insert(QLatin1String("payment"), payment);
        QVERIFY(!orderFromJson(json));
    }

    void orderPage()
    {
        const QJsonObject data{{QStringLiteral("orders"), QJsonArray{object(kOrder)}},
                               {QStringLiteral("next_page_token"), QStringLiteral("aGVsbG8+/w==")},
                               {QStringLiteral("total_count"), 4321}};
        const auto page = orderPageFromJson(data);
        QVERIFY(page);
        QCOMPARE(page->orders.size(), 1);
        QCOMPARE(page->nextPageToken, QStringLiteral("aGVsbG8+/w=="));
        QCOMPARE(page->totalCount, 4321);

        const auto last = orderPageFromJson(QJsonObject{{QStringLiteral("total_count"), 0}});
        QVERIFY(last);
        QVERIFY(last->orders.isEmpty());
        QVERIFY(last->nextPageToken.isEmpty()); // missing and "" alike

        QVERIFY(!orderPageFromJson(QJsonObject{{QStringLiteral("orders"), QStringLiteral("x")}}));
        QVERIFY(!orderPageFromJson(QJsonObject{{QStringLiteral("next_page_token"), 5}}));
        QVERIFY(!orderPageFromJson(QJsonObject{{QStringLiteral("orders"), QJsonArray{1}}}));
    }

    void products()
    {
        const auto page =
            productPageFromJson(object(R"({"products":[{"id":"1729","title":"Mug","status":"ACTIVATE",
            "create_time":1600000000,"update_time":1700000000,"sales_regions":["US"],
            "skus":[{"id":"1730","seller_sku":"MUG-B","price":{"currency":"USD","sale_price":"10.65",
            "tax_exclusive_price":"10.00"},"inventory":[{"warehouse_id":"1","quantity":5},
            {"warehouse_id":"2","quantity":7}]}]}],"next_page_token":"","total_count":1})"));
        QVERIFY(page);
        QCOMPARE(page->products.size(), 1);
        const Product& product = page->products.first();
        QCOMPARE(product.id, QStringLiteral("1729"));
        QCOMPARE(product.status, QStringLiteral("ACTIVATE"));
        QCOMPARE(product.updateTime, 1700000000);
        QCOMPARE(product.skus.size(), 1);
        QCOMPARE(product.skus[0].salePrice, QStringLiteral("10.65"));
        QCOMPARE(product.skus[0].currency, QStringLiteral("USD"));
        QCOMPARE(product.skus[0].inventory, 12);

        QVERIFY(
            !productPageFromJson(object(R"({"products":[{"id":"1","status":"ACTIVATE","create_time":1}]})")));
    }

    void shopsAndTokens()
    {
        const auto shops = shopsFromJson(object(R"({"shops":[{"cipher":"ROW_x+/1","code":"US1","id":"749",
            "name":"Sunrise","region":"US","seller_type":"LOCAL"}]})"));
        QVERIFY(shops);
        QCOMPARE(shops->size(), 1);
        QCOMPARE(shops->first().cipher, QStringLiteral("ROW_x+/1"));
        QCOMPARE(shops->first().sellerType, QStringLiteral("LOCAL"));
        QVERIFY(!shopsFromJson(object(R"({"shops":[{"id":"749"}]})"))); // no cipher

        const auto tokens =
            tokensFromJsonData(object(R"({"access_token":"AT","access_token_expire_in":1700604800,
            "refresh_token":"RT","refresh_token_expire_in":1731536000,"open_id":"o","seller_name":"S",
            "seller_base_region":"US","user_type":0,"granted_scopes":["x"]})"));
        QVERIFY(tokens);
        QCOMPARE(tokens->accessTokenExpiresAt, 1700604800); // absolute, not a duration
        QCOMPARE(tokens->refreshTokenExpiresAt, 1731536000);
        QCOMPARE(tokens->sellerName, QStringLiteral("S"));
        QVERIFY(tokens->isValid());
        QVERIFY(!tokensFromJsonData(object(R"({"access_token":"AT"})")));
    }
};

QTEST_GUILESS_MAIN(TestJsonMapping)
#include "tst_jsonmapping.moc"
