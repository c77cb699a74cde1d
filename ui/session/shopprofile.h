#pragma once

#include <QString>
#include <QUrl>

namespace tts {

// Where one connection's data and secrets live. The demo shop has its own database file and keychain
// service so that it never mixes with a real shop.
struct ShopProfile
{
    QString id; // "shop" or "demo"
    QString databasePath;
    QString keychainService;
    bool sessionOnlySecrets = false;
    bool isDemo() const { return id == u"demo"; }

    static ShopProfile realShop(); // Database::defaultPath(), service "tiktok-shop-dashboard"
    static ShopProfile demoShop(); // AppLocalDataLocation/demo.sqlite, "tiktok-shop-dashboard-demo"
};

} // namespace tts
