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

void RawStatement::bind(int index, const QString& text)
{
    if (text.isNull())
        sqlite3_bind_null(m_stmt, index);
    else {
        // UTF-8 (the database's encoding): Qt converts faster than SQLite does from UTF-16.
        m_utf8.append(text.toUtf8());
        const QByteArray& bytes = m_utf8.constLast();
        sqlite3_bind_text(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_STATIC);
    }
}

void RawStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void RawStatement::bind(int index, std::optional<qint64> value)
{
    if (value)
        sqlite3_bind_int64(m_stmt, index, *value);
    else
        sqlite3_bind_null(m_stmt, index);
}

void RawStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool RawStatement::exec(Database::Error* error, const QString& what)
{
    struct Release
    {
        QList<QByteArray>& texts;
        ~Release() { texts.clear(); }
    } release{m_utf8};
    if (SqlFaultInjector::shouldFail()) {
        sqlite3_reset(m_stmt);
        *error = {Database::Error::Full,
                  QStringLiteral("Could not %1: database or disk is full (injected fault).").arg(what)};
        return false;
    }
    int rc;
    do {
        rc = sqlite3_step(m_stmt);
    } while (rc == SQLITE_ROW);
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
