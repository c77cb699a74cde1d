#include "csvexport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QIODevice>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringBuilder>

namespace tts {

namespace {

class CsvText
{
    Q_DECLARE_TR_FUNCTIONS(tts::CsvExport)
};

QString isoTime(const QVariant& value, const QTimeZone& zone)
{
    if (value.isNull() || value.toLongLong() <= 0)
        return {};
    if (zone == QTimeZone::utc()) // "Z" rather than "+00:00"
        return QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC).toString(Qt::ISODate);
    return QDateTime::fromSecsSinceEpoch(value.toLongLong(), zone).toString(Qt::ISODate);
}

} // namespace

QByteArray csvField(const QString& value)
{
    QByteArray bytes = value.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') || bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes.prepend('"');
        bytes.append('"');
    }
    return bytes;
}

OrderTableQuery csvExportQuery(const OrderFilter& filter, const OrderSort& sort)
{
    return OrderTableQuery(filter, sort, filter.hasSearch() ? OrderPlan::Planner : OrderPlan::SortIndex);
}

bool writeOrdersCsv(const QSqlDatabase& db, const OrderFilter& filter, const OrderSort& sort, QIODevice* out,
                    const CsvExportOptions& options, qint64* rowsWritten, QString* error)
{
    qint64 rows = 0;
    if (rowsWritten)
        *rowsWritten = 0;
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    const OrderTableQuery q = csvExportQuery(filter, sort);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const QString sql =
        QStringLiteral("SELECT o.id, o.shop_id, o.status, o.create_time, o.update_time, o.paid_time, "
                       "o.currency, o.total_amount, o.sub_total, o.shipping_fee, o.tax, "
                       "o.seller_discount, o.platform_discount, o.units, o.payment_method_name, "
                       "o.shipping_provider, o.tracking_number FROM orders o") %
        q.where() % q.orderBy();
    if (!query.prepare(sql))
        return fail(CsvText::tr("Could not read the orders: %1").arg(query.lastError().text()));
    for (int i = 0; i < q.bindings().size(); ++i)
        query.bindValue(i, q.bindings().at(i));
    if (!query.exec())
        return fail(CsvText::tr("Could not read the orders: %1").arg(query.lastError().text()));

    static const char header[] =
        "order_id,shop_id,status,created,updated,paid,currency,total_amount,sub_total,"
        "shipping_fee,tax,seller_discount,platform_discount,items,payment_method,"
        "shipping_provider,tracking_number\r\n";
    QByteArray buffer(header);
    buffer.reserve(1 << 17);
    auto flush = [&]() {
        if (out->write(buffer) != buffer.size())
            return false;
        buffer.clear();
        return true;
    };
    while (query.next()) {
        for (int column = 0; column < 17; ++column) {
            if (column > 0)
                buffer += ',';
            const QVariant v = query.value(column);
            if (column >= 3 && column <= 5)
                buffer += csvField(isoTime(v, options.timeZone));
            else
                buffer += csvField(v.toString());
        }
        buffer += "\r\n";
        ++rows;
        if (buffer.size() >= (1 << 16)) {
            if (!flush())
                return fail(CsvText::tr("Could not write the file: %1").arg(out->errorString()));
            if (options.cancel && options.cancel->load())
                return fail(CsvText::tr("The export was cancelled."));
            if (options.progress)
                options.progress(rows);
        }
    }
    if (query.lastError().isValid())
        return fail(CsvText::tr("Could not read the orders: %1").arg(query.lastError().text()));
    if (!flush())
        return fail(CsvText::tr("Could not write the file: %1").arg(out->errorString()));
    if (rowsWritten)
        *rowsWritten = rows;
    if (options.progress)
        options.progress(rows);
    return true;
}

} // namespace tts
