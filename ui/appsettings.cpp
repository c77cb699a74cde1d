#include "appsettings.h"

#include <QCoreApplication>
#include <QSettings>

#include <algorithm>

namespace tts {

void AppSettings::setOrganizationAndApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("TikTokShopDashboard"));
    QCoreApplication::setApplicationName(QStringLiteral("tiktok-shop-dashboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TTS_VERSION));
}

QString AppSettings::timeZoneId()
{
    return QSettings().value(QStringLiteral("analytics/timeZone")).toString();
}

void AppSettings::setTimeZoneId(const QString& id)
{
    QSettings().setValue(QStringLiteral("analytics/timeZone"), id);
}

QTimeZone AppSettings::timeZone()
{
    const QString id = timeZoneId();
    if (!id.isEmpty()) {
        const QTimeZone zone(id.toUtf8());
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::systemTimeZone();
}

int AppSettings::overlapMinutes()
{
    return std::clamp(QSettings().value(QStringLiteral("sync/overlapMinutes"), 5).toInt(), 0, 1440);
}

void AppSettings::setOverlapMinutes(int minutes)
{
    QSettings().setValue(QStringLiteral("sync/overlapMinutes"), minutes);
}

int AppSettings::concurrency()
{
    return std::clamp(QSettings().value(QStringLiteral("sync/concurrency"), 4).toInt(), 1, 16);
}

void AppSettings::setConcurrency(int workers)
{
    QSettings().setValue(QStringLiteral("sync/concurrency"), workers);
}

double AppSettings::requestsPerSecond()
{
    return std::clamp(QSettings().value(QStringLiteral("sync/requestsPerSecond"), 20.0).toDouble(), 0.5,
                      200.0);
}

void AppSettings::setRequestsPerSecond(double rps)
{
    QSettings().setValue(QStringLiteral("sync/requestsPerSecond"), rps);
}

QString AppSettings::lastView()
{
    return QSettings().value(QStringLiteral("window/lastView"), QStringLiteral("dashboard")).toString();
}

void AppSettings::setLastView(const QString& view)
{
    QSettings().setValue(QStringLiteral("window/lastView"), view);
}

QByteArray AppSettings::windowGeometry()
{
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::windowState()
{
    return QSettings().value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindow(const QByteArray& geometry, const QByteArray& state)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), geometry);
    settings.setValue(QStringLiteral("window/state"), state);
}

QByteArray AppSettings::splitterState(const QString& name)
{
    return QSettings().value(QStringLiteral("window/splitter/") + name).toByteArray();
}

void AppSettings::setSplitterState(const QString& name, const QByteArray& state)
{
    QSettings().setValue(QStringLiteral("window/splitter/") + name, state);
}

QString AppSettings::profile()
{
    return QSettings().value(QStringLiteral("connection/profile")).toString();
}

void AppSettings::setProfile(const QString& profile)
{
    QSettings().setValue(QStringLiteral("connection/profile"), profile);
}

qint64 AppSettings::demoHistoryEnd()
{
    return QSettings().value(QStringLiteral("demo/historyEnd"), 0).toLongLong();
}

void AppSettings::setDemoHistoryEnd(qint64 secs)
{
    QSettings().setValue(QStringLiteral("demo/historyEnd"), secs);
}

int AppSettings::redirectPort()
{
    return QSettings().value(QStringLiteral("connection/redirectPort"), 0).toInt();
}

void AppSettings::setRedirectPort(int port)
{
    QSettings().setValue(QStringLiteral("connection/redirectPort"), port);
}

QString AppSettings::serviceId()
{
    return QSettings().value(QStringLiteral("connection/serviceId")).toString();
}

void AppSettings::setServiceId(const QString& id)
{
    QSettings().setValue(QStringLiteral("connection/serviceId"), id);
}

} // namespace tts
