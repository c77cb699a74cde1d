#include "secretservicebus.h"

#include "secretslog.h"

#include <QAtomicInt>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QStringList>

namespace tts::detail {

namespace {

constexpr int kBusCallTimeoutMs = 3000;

QStringList keychainServiceNames()
{
    return {QStringLiteral("org.freedesktop.secrets"), QStringLiteral("org.kde.kwalletd6"),
            QStringLiteral("org.kde.kwalletd5")};
}

QStringList callForNames(QDBusConnection& bus, const QString& method)
{
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                       QStringLiteral("/org/freedesktop/DBus"),
                                                       QStringLiteral("org.freedesktop.DBus"), method);
    const QDBusMessage reply = bus.call(call, QDBus::Block, kBusCallTimeoutMs);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return {};
    return reply.arguments().constFirst().toStringList();
}

} // namespace

QString noDbusMessage()
{
    return QStringLiteral("No D-Bus session is running, so the system keychain cannot be reached. Run the "
                          "program inside a desktop session (or under dbus-run-session), or use "
                          "session-only mode: the secrets are then kept in memory until the program quits.");
}

QString noSecretServiceMessage()
{
    return QStringLiteral("D-Bus is running but no keychain service answers on it (the Secret Service of "
                          "GNOME Keyring or KWallet). Install and start gnome-keyring (or KWallet), or use "
                          "session-only mode: the secrets are then kept in memory until the program quits.");
}

SecretError checkSecretServiceBus()
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("tts-keychain-check-%1").arg(counter.fetchAndAddRelaxed(1));
    SecretError result;
    {
        QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, name);
        if (!bus.isConnected()) {
            qCInfo(lcSecrets) << "no D-Bus session bus:" << bus.lastError().name();
            result = SecretError{SecretError::NoBackend, noDbusMessage()};
        } else {
            const QStringList running = callForNames(bus, QStringLiteral("ListNames"));
            const QStringList activatable = callForNames(bus, QStringLiteral("ListActivatableNames"));
            bool found = false;
            for (const QString& service : keychainServiceNames())
                found = found || running.contains(service) || activatable.contains(service);
            if (!found) {
                qCInfo(lcSecrets) << "no keychain service on the D-Bus session bus";
                result = SecretError{SecretError::NoBackend, noSecretServiceMessage()};
            }
        }
    }
    QDBusConnection::disconnectFromBus(name);
    return result;
}

} // namespace tts::detail
