#pragma once

#include "database.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace tts {

// A statement prepared once on the connection's own sqlite3 handle and re-bound for every row. The
// hot path of the order pages: QSqlQuery's positional binding costs more than the insert itself.
// Goes through the same fault injector and error classification as every other statement.
class RawStatement
{
public:
    RawStatement() = default;
    ~RawStatement();
    RawStatement(const RawStatement&) = delete;
    RawStatement& operator=(const RawStatement&) = delete;

    // The sqlite3 handle behind a QSQLITE connection; nullptr if it is not one.
    static sqlite3* handleOf(const Database& db);

    bool prepare(sqlite3* db, const char* sql, Database::Error* error);
    bool isPrepared() const { return m_stmt != nullptr; }

    // 1-based like SQLite. The text must stay alive until exec() returns. A null QString binds NULL.
    void bind(int index, const QString& text);
    // UTF-8 that stays alive and unchanged until exec() returns (not copied); a null view binds NULL.
    void bindUtf8(int index, QByteArrayView text);
    void bind(int index, qint64 value);

    bool exec(Database::Error* error, const QString& what); // step to done, then reset
    // exec() for an "INSERT ... ON CONFLICT DO UPDATE ... WHERE ..." of one row: what it did.
    enum class Upsert
    {
        Inserted,
        Updated,
        Unchanged // the conflict's WHERE kept the stored row
    };
    bool execUpsert(Database::Error* error, const QString& what, Upsert* outcome);
    // Like exec(), calling `row` for every result row; columnText() reads the row's columns.
    bool forEachRow(Database::Error* error, const QString& what, const std::function<void()>& row);
    QByteArrayView columnText(int column) const; // 0-based like SQLite; valid inside `row`
    qint64 columnInt64(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    char* reserve(qsizetype bytes);
    void releaseTexts();

    // The bound texts stay alive until exec() returns: ASCII ones in reusable chunks (no allocation
    // per value), others converted to UTF-8.
    static constexpr qsizetype kChunkBytes = 32 * 1024;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::size_t m_chunk = 0;
    qsizetype m_used = 0;
    QList<QByteArray> m_utf8;
};

} // namespace tts
