#pragma once

#include <QByteArray>
#include <QString>
#include <QTimeZone>

namespace tts {

// The window's settings in QSettings (organization "TikTokShopDashboard", application
// "tiktok-shop-dashboard", set in main). Never a secret: those live in the keychain.
class AppSettings
{
public:
    static void setOrganizationAndApplication(); // call in main before anything else

    // Empty id: the system's zone.
    static QString timeZoneId();
    static void setTimeZoneId(const QString& id);
    static QTimeZone timeZone();

    static int overlapMinutes();
    static void setOverlapMinutes(int minutes);
    static int concurrency();
    static void setConcurrency(int workers);
    static double requestsPerSecond();
    static void setRequestsPerSecond(double rps);

    static QString lastView();
    static void setLastView(const QString& view);

    static QByteArray windowGeometry();
    static QByteArray windowState();
    static void setWindow(const QByteArray& geometry, const QByteArray& state);
    static QByteArray splitterState(const QString& name);
    static void setSplitterState(const QString& name, const QByteArray& state);

    // "shop" (the real shop), "demo", or empty before the first connection.
    static QString profile();
    static void setProfile(const QString& profile);

    // Fixed end of the demo shop's history, chosen at the first demo start so that restarts show the
    // same shop. 0 until then.
    static qint64 demoHistoryEnd();
    static void setDemoHistoryEnd(qint64 secs);

    // The loopback port for capturing the consent page's redirect (0: ask the user to paste the code).
    static int redirectPort();
    static void setRedirectPort(int port);
    static QString serviceId();
    static void setServiceId(const QString& id);
};

} // namespace tts
