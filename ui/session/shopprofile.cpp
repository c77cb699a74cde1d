#include "shopprofile.h"

#include "storage/database.h"

#include <QDir>
#include <QStandardPaths>

namespace tts {

ShopProfile ShopProfile::realShop()
{
    ShopProfile p;
    p.id = QStringLiteral("shop");
    p.databasePath = Database::defaultPath();
    p.keychainService = QStringLiteral("tiktok-shop-dashboard");
    return p;
}

ShopProfile ShopProfile::demoShop()
{
    ShopProfile p;
    p.id = QStringLiteral("demo");
    p.databasePath = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                         .filePath(QStringLiteral("demo.sqlite"));
    p.keychainService = QStringLiteral("tiktok-shop-dashboard-demo");
    return p;
}

} // namespace tts
