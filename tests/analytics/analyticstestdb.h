#pragma once

// Builds small shop databases for the analytics and dashboard tests: the schema comes from
// tts::Database (core/storage), the rows are written with plain SQL so every figure is under the
// test's control.

#include "storage/database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace tts::test {

struct TestItem
{
    QString productId;
    QString productName;
    QString salePrice; // decimal string, as the API sends it
};

class AnalyticsTestDb
{
public:
    // Creates (or opens) the database at `path` read-write; check isOpen().
    explicit AnalyticsTestDb(const QString& path);

    bool isOpen() const { return m_db != nullptr; }
    QString error() const { return m_error; }
    QSqlDatabase connection() const;

    bool addShop(const QString& id, const QString& name);
    bool addProduct(const QString& id, const QString& shopId, const QString& title);
    // One order with its line items (units = number of items); total is a decimal string whose
    // minor-unit column is filled with tts::parseMinorUnits (NULL when it has more than 2 decimals).
    bool addOrder(const QString& id, const QString& shopId, const QString& status, const QDateTime& created,
                  const QString& currency, const QString& total, const QList<TestItem>& items);
    bool setStatus(const QString& orderId, const QString& status);
    // Brings the daily rollups up to date in `zone` (nothing left dirty), or drops their time zone so
    // that the queries read the raw rows only.
    bool refreshRollups(const QTimeZone& zone);
    bool dropRollupZone();

private:
    bool writeOrder(const QString& id, const QString& shopId, const QString& status, const QDateTime& created,
                    const QString& currency, const QString& total, const QList<TestItem>& items);

    std::unique_ptr<Database> m_db;
    QString m_error;
};

} // namespace tts::test
