// Shop-scoped routes: authorized shops, order search and detail, product search.

#include "emulator_p.h"
#include "jsonwriter.h"
#include "pagetoken.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace tts::demo {

namespace {

ApiReply fail(int code, const QString& message)
{
    ApiReply reply;
    reply.code = code;
    reply.message = message;
    return reply;
}

// The JSON body of a search; an empty body counts as {}.
std::optional<QJsonObject> parseBody(const QByteArray& body)
{
    if (body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

std::optional<int> pageSize(const HttpRequest& request)
{
    bool ok = false;
    const int size = request.queryValue(QStringLiteral("page_size")).toInt(&ok);
    if (!ok || size < 1 || size > 100)
        return std::nullopt;
    return size;
}

// An optional integer field of the body; false when present but not an integer.
bool readTime(const QJsonObject& body, const QString& key, std::optional<qint64>* out)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isDouble() || value.toDouble() != double(value.toInteger()))
        return false;
    *out = value.toInteger();
    return true;
}

} // namespace

ApiReply EmulatorPrivate::shops(const HttpRequest&)
{
    using namespace json;
    ApiReply reply;
    reply.data = "{\"shops\":[";
    for (size_t i = 0; i < shopData.size(); ++i) {
        const ShopSpec& spec = shopData[i].spec;
        if (i)
            reply.data += ',';
        raw(reply.data, "{\"cipher\":");
        str(reply.data, spec.cipher);
        raw(reply.data, ",\"code\":");
        str(reply.data, spec.code);
        raw(reply.data, ",\"id\":");
        str(reply.data, spec.id);
        raw(reply.data, ",\"name\":");
        str(reply.data, spec.name);
        raw(reply.data, ",\"region\":");
        str(reply.data, spec.region);
        raw(reply.data, i == 0 ? QByteArrayView(",\"seller_type\":\"LOCAL\"}")
                               : QByteArrayView(",\"seller_type\":\"CROSS_BORDER\"}"));
    }
    reply.data += "]}";
    return reply;
}

ApiReply EmulatorPrivate::searchOrders(const HttpRequest& request, ShopData& shop)
{
    const auto body = parseBody(request.body);
    if (!body)
        return fail(36009022, QStringLiteral("The request body is not valid JSON"));
    const auto size = pageSize(request);
    if (!size)
        return fail(36009004, QStringLiteral("Invalid page_size: it must be between 1 and 100"));
    const QString sortField = request.queryValue(QStringLiteral("sort_field"));
    const QString sortOrder = request.queryValue(QStringLiteral("sort_order"));
    if (!sortField.isEmpty() && sortField != u"create_time" && sortField != u"update_time")
        return fail(36009004, QStringLiteral("Invalid sort_field"));
    if (!sortOrder.isEmpty() && sortOrder != u"ASC" && sortOrder != u"DESC")
        return fail(36009004, QStringLiteral("Invalid sort_order"));
    const bool byUpdate = sortField == u"update_time";
    const bool ascending = sortOrder == u"ASC";

    OrderFilter filter;
    const char* const keys[] = {"create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt"};
    std::optional<qint64>* const targets[] = {&filter.createGe, &filter.createLt, &filter.updateGe,
                                              &filter.updateLt};
    QByteArray binding = shop.spec.id.toLatin1() + (byUpdate ? "|u" : "|c") + (ascending ? "a" : "d");
    for (int i = 0; i < 4; ++i) {
        if (!readTime(*body, QLatin1String(keys[i]), targets[i]))
            return fail(36009004, QStringLiteral("Invalid %1").arg(QLatin1String(keys[i])));
        binding += '|' + (*targets[i] ? QByteArray::number(**targets[i]) : QByteArray("-"));
    }
    const QJsonValue statusValue = body->value(QStringLiteral("order_status"));
    if (!statusValue.isUndefined() && !statusValue.isNull()) {
        filter.status = statusFromName(statusValue.toString().toLatin1());
        if (!filter.status)
            return fail(36009004, QStringLiteral("Invalid order_status"));
        binding += '|' + statusValue.toString().toLatin1();
    }
    // Only _ge given: _lt is now.
    const qint64 current = now();
    if (filter.createGe && !filter.createLt)
        filter.createLt = current;
    if (filter.updateGe && !filter.updateLt)
        filter.updateLt = current;

    const quint64 queryHash = fnv1a(binding);
    const quint64 secret = mixKey(config.seed, 0x7011E7ull);
    std::optional<Cursor> cursor;
    quint32 served = 0;
    const QString tokenText = request.queryValue(QStringLiteral("page_token"));
    if (!tokenText.isEmpty()) {
        const auto token = decodePageToken(tokenText, secret);
        if (!token || token->queryHash != queryHash)
            return fail(36009004, QStringLiteral("Invalid page_token"));
        cursor = Cursor{token->key, token->index};
        served = token->served;
    }
    int limit = *size;
    const int cap = config.faults.resultCap;
    if (cap > 0)
        limit = int(std::max<qint64>(0, std::min<qint64>(limit, qint64(cap) - served)));

    const OrderStore& store = *shop.orders;
    const SearchPage page = store.search(filter, byUpdate, ascending, cursor, limit);
    ApiReply reply;
    QByteArray& data = reply.data;
    data.clear();
    data.reserve(qsizetype(page.indexes.size()) * 1800 + 200);
    json::raw(data, "{\"orders\":[");
    for (size_t i = 0; i < page.indexes.size(); ++i) {
        if (i)
            data += ',';
        store.writeOrder(data, page.indexes[i]);
    }
    json::raw(data, "],\"next_page_token\":\"");
    const quint32 servedNow = served + quint32(page.indexes.size());
    if (page.more && !page.indexes.empty() && (cap <= 0 || servedNow < quint32(cap))) {
        const quint32 last = page.indexes.back();
        data +=
            encodePageToken({queryHash, store.sortKey(last, byUpdate), last, servedNow}, secret).toLatin1();
    }
    json::raw(data, "\",\"total_count\":");
    json::num(data, page.total);
    data += '}';
    return reply;
}

ApiReply EmulatorPrivate::orderDetail(const HttpRequest& request, ShopData& shop)
{
    const QStringList ids = request.queryValue(QStringLiteral("ids")).split(u',', Qt::SkipEmptyParts);
    if (ids.isEmpty() || ids.size() > 50)
        return fail(36009004, QStringLiteral("Invalid ids: between 1 and 50 order ids are required"));
    ApiReply reply;
    reply.data = "{\"orders\":[";
    bool first = true;
    for (const QString& id : ids) {
        const auto index = shop.orders->indexOf(id.trimmed().toLatin1());
        if (!index)
            continue;
        if (!first)
            reply.data += ',';
        first = false;
        shop.orders->writeOrder(reply.data, *index);
    }
    reply.data += "]}";
    return reply;
}

ApiReply EmulatorPrivate::searchProducts(const HttpRequest& request, ShopData& shop)
{
    static const QStringList statuses{QStringLiteral("ALL"),
                                      QStringLiteral("DRAFT"),
                                      QStringLiteral("PENDING"),
                                      QStringLiteral("FAILED"),
                                      QStringLiteral("ACTIVATE"),
                                      QStringLiteral("SELLER_DEACTIVATED"),
                                      QStringLiteral("PLATFORM_DEACTIVATED"),
                                      QStringLiteral("FREEZE"),
                                      QStringLiteral("DELETED")};
    const auto body = parseBody(request.body);
    if (!body)
        return fail(36009022, QStringLiteral("The request body is not valid JSON"));
    const auto size = pageSize(request);
    if (!size)
        return fail(36009004, QStringLiteral("Invalid page_size: it must be between 1 and 100"));
    const QString status = body->value(QStringLiteral("status")).toString(QStringLiteral("ALL"));
    if (!statuses.contains(status))
        return fail(36009004, QStringLiteral("Invalid status"));
    std::optional<qint64> createGe, createLe, updateGe, updateLe;
    const char* const keys[] = {"create_time_ge", "create_time_le", "update_time_ge", "update_time_le"};
    std::optional<qint64>* const targets[] = {&createGe, &createLe, &updateGe, &updateLe};
    QByteArray binding = shop.spec.id.toLatin1() + "|p|" + status.toLatin1();
    for (int i = 0; i < 4; ++i) {
        if (!readTime(*body, QLatin1String(keys[i]), targets[i]))
            return fail(36009004, QStringLiteral("Invalid %1").arg(QLatin1String(keys[i])));
        binding += '|' + (*targets[i] ? QByteArray::number(**targets[i]) : QByteArray("-"));
    }
    QSet<QByteArray> sellerSkus;
    for (const QJsonValue& sku : body->value(QStringLiteral("seller_skus")).toArray())
        sellerSkus.insert(sku.toString().toUtf8());
    QList<QByteArray> sortedSkus(sellerSkus.begin(), sellerSkus.end());
    std::sort(sortedSkus.begin(), sortedSkus.end());
    for (const QByteArray& sku : std::as_const(sortedSkus))
        binding += '|' + sku;

    const quint64 queryHash = fnv1a(binding);
    const quint64 secret = mixKey(config.seed, 0x9A0D7ull);
    qint64 start = 0;
    const QString tokenText = request.queryValue(QStringLiteral("page_token"));
    if (!tokenText.isEmpty()) {
        const auto token = decodePageToken(tokenText, secret);
        if (!token || token->queryHash != queryHash)
            return fail(36009004, QStringLiteral("Invalid page_token"));
        start = qint64(token->index) + 1;
    }
    auto matches = [&](const CatalogProduct& p) {
        if (status != u"ALL" && QLatin1String(p.status) != status)
            return false;
        if ((createGe && p.createTime < *createGe) || (createLe && p.createTime > *createLe))
            return false;
        if ((updateGe && p.updateTime < *updateGe) || (updateLe && p.updateTime > *updateLe))
            return false;
        if (!sellerSkus.isEmpty() && std::none_of(p.skus.begin(), p.skus.end(), [&](const CatalogSku& s) {
                return sellerSkus.contains(s.sellerSku);
            }))
            return false;
        return true;
    };
    // Products are few (a catalog, not a history): a scan in id order, the cursor is the last index.
    const auto& products = shop.catalog->products();
    ApiReply reply;
    reply.data = "{\"products\":[";
    qint64 total = 0;
    int returned = 0;
    qint64 last = -1;
    bool more = false;
    for (qint64 i = 0; i < qint64(products.size()); ++i) {
        if (!matches(products[size_t(i)]))
            continue;
        ++total;
        if (i < start)
            continue;
        if (returned == *size) {
            more = true;
            continue;
        }
        if (returned)
            reply.data += ',';
        shop.catalog->writeProduct(reply.data, products[size_t(i)]);
        ++returned;
        last = i;
    }
    json::raw(reply.data, "],\"next_page_token\":\"");
    if (more)
        reply.data += encodePageToken({queryHash, 0, quint32(last), 0}, secret).toLatin1();
    json::raw(reply.data, "\",\"total_count\":");
    json::num(reply.data, total);
    reply.data += '}';
    return reply;
}

} // namespace tts::demo
