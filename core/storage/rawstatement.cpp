#include "rawstatement.h"

#include "sqlfaultinjector.h"

#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace tts {

RawStatement::~RawStatement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

sqlite3* RawStatement::handleOf(const Database& db)
{
    const QVariant v = db.connection().driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(v.constData());
}

bool RawStatement::prepare(sqlite3* db, const char* sql, Database::Error* error)
{
    m_db = db;
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        *error = Database::classifyNative(sqlite3_extended_errcode(db), QString::fromUtf8(sqlite3_errmsg(db)),
                                          QStringLiteral("prepare the database statements"));
        return false;
    }
    return true;
}

char* RawStatement::reserve(qsizetype bytes)
{
    if (m_chunk < m_chunks.size() && m_used + bytes > kChunkBytes) {
        ++m_chunk;
        m_used = 0;
    }
    if (m_chunk == m_chunks.size())
        m_chunks.push_back(std::make_unique<char[]>(kChunkBytes));
    char* p = m_chunks[m_chunk].get() + m_used;
    m_used += bytes;
    return p;
}

void RawStatement::releaseTexts()
{
    m_chunk = 0;
    m_used = 0;
    m_utf8.clear();
}

void RawStatement::bind(int index, const QString& text)
{
    if (text.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    // Bound as UTF-8 (the database's encoding). Almost every value is ASCII: copy it byte by byte
    // into a reusable chunk; anything else goes through Qt's converter.
    const qsizetype n = text.size();
    if (n > 0 && n <= kChunkBytes / 4) {
        const char16_t* src = reinterpret_cast<const char16_t*>(text.utf16());
        char* dst = reserve(n);
        qsizetype i = 0;
        for (; i < n && src[i] < 0x80; ++i)
            dst[i] = char(src[i]);
        if (i == n) {
            sqlite3_bind_text(m_stmt, index, dst, int(n), SQLITE_STATIC);
            return;
        }
        m_used -= n;
    }
    m_utf8.append(text.toUtf8());
    const QByteArray& bytes = m_utf8.constLast();
    sqlite3_bind_text(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
}

void RawStatement::bindUtf8(int index, QByteArrayView text)
{
    if (text.isNull())
        sqlite3_bind_null(m_stmt, index);
    else
        sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_STATIC);
}

void RawStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

bool RawStatement::exec(Database::Error* error, const QString& what)
{
    return forEachRow(error, what, {});
}

bool RawStatement::execUpsert(Database::Error* error, const QString& what, Upsert* outcome)
{
    // An insert sets the connection's last rowid (a trigger's inserts do not); rowids start at 1.
    sqlite3_set_last_insert_rowid(m_db, 0);
    if (!exec(error, what))
        return false;
    if (sqlite3_changes(m_db) == 0)
        *outcome = Upsert::Unchanged;
    else
        *outcome = sqlite3_last_insert_rowid(m_db) != 0 ? Upsert::Inserted : Upsert::Updated;
    return true;
}

QByteArrayView RawStatement::columnText(int column) const
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return text ? QByteArrayView(text, sqlite3_column_bytes(m_stmt, column)) : QByteArrayView();
}

qint64 RawStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool RawStatement::forEachRow(Database::Error* error, const QString& what, const std::function<void()>& row)
{
    struct Release
    {
        RawStatement* self;
        ~Release() { self->releaseTexts(); }
    } release{this};
    if (SqlFaultInjector::shouldFail()) {
        sqlite3_reset(m_stmt);
        *error = {Database::Error::Full,
                  QStringLiteral("Could not %1: database or disk is full (injected fault).").arg(what)};
        return false;
    }
    int rc;
    while ((rc = sqlite3_step(m_stmt)) == SQLITE_ROW) {
        if (row)
            row();
    }
    if (rc == SQLITE_DONE) {
        sqlite3_reset(m_stmt);
        return true;
    }
    const int code = sqlite3_extended_errcode(m_db);
    *error = Database::classifyNative(code, QString::fromUtf8(sqlite3_errmsg(m_db)), what);
    sqlite3_reset(m_stmt);
    return false;
}

} // namespace tts
