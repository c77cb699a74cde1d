#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QtTest/QTest>

namespace tts::test {

TempDir::TempDir() : m_dir(QDir::tempPath() + QStringLiteral("/tts-test-XXXXXX")) {}

std::unique_ptr<demo::Emulator> startEmulator(demo::EmulatorConfig config)
{
    auto emulator = std::make_unique<demo::Emulator>(std::move(config));
    QString error;
    if (!emulator->start(0, &error)) {
        qWarning("startEmulator: %s", qPrintable(error));
        return nullptr;
    }
    return emulator;
}

ApiConfig apiConfigFor(const demo::Emulator& emulator)
{
    ApiConfig config;
    config.apiBase = emulator.baseUrl();
    config.authBase = emulator.baseUrl();
    config.appKey = emulator.config().appKey;
    config.appSecret = emulator.config().appSecret;
    return config;
}

TokenSet issueTokenSet(demo::Emulator& emulator)
{
    const demo::IssuedTokens issued = emulator.issueTokens();
    TokenSet tokens;
    tokens.accessToken = issued.accessToken;
    tokens.accessTokenExpiresAt = issued.accessTokenExpiresAt;
    tokens.refreshToken = issued.refreshToken;
    tokens.refreshTokenExpiresAt = issued.refreshTokenExpiresAt;
    const demo::ShopSpec shop = emulator.config().shops.value(0);
    tokens.openId = QStringLiteral("demo-open-") + shop.id;
    tokens.sellerName = shop.name;
    tokens.sellerBaseRegion = shop.region;
    return tokens;
}

QByteArray fileSha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

bool damageDatabasePages(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    const qint64 pageSize = 4096;
    const qint64 pages = file.size() / pageSize;
    if (pages < 40)
        return false;
    const QByteArray garbage(pageSize, '\xA5');
    for (qint64 page = pages / 2; page < pages; page += 2) {
        file.seek(page * pageSize);
        file.write(garbage);
    }
    return true;
}

QStringList corruptBackupsOf(const QString& databasePath)
{
    const QFileInfo info(databasePath);
    QStringList found;
    const QStringList names =
        info.dir().entryList({info.fileName() + QStringLiteral(".corrupt-*")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        if (!name.endsWith(QLatin1String("-wal")) && !name.endsWith(QLatin1String("-shm")) &&
            !name.endsWith(QLatin1String(".unsynced-import")))
            found << info.dir().filePath(name);
    }
    return found;
}

} // namespace tts::test
