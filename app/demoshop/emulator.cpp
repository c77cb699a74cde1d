#include "emulator.h"

// Temporary stub so that other areas can link; replaced by the real implementation.

namespace tts::demo {

class EmulatorPrivate
{
public:
    EmulatorConfig config;
};

Emulator::Emulator(EmulatorConfig config) : d(std::make_unique<EmulatorPrivate>())
{
    d->config = std::move(config);
}

Emulator::~Emulator() = default;

bool Emulator::start(quint16, QString* error)
{
    if (error)
        *error = QStringLiteral("not implemented yet");
    return false;
}

void Emulator::stop() {}
QUrl Emulator::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:1"));
}
const EmulatorConfig& Emulator::config() const
{
    return d->config;
}
qint64 Emulator::now() const
{
    return 0;
}
QString Emulator::issueAuthCode()
{
    return {};
}
IssuedTokens Emulator::issueTokens()
{
    return {};
}
void Emulator::expireAccessTokens() {}
void Emulator::expireRefreshTokens() {}
int Emulator::tokenRefreshCount() const
{
    return 0;
}
void Emulator::setFaults(const FaultConfig&) {}
FaultConfig Emulator::faults() const
{
    return {};
}
void Emulator::injectFault(Fault, int, const QString&) {}
qint64 Emulator::orderCount(const QString&) const
{
    return 0;
}
QJsonArray Emulator::allOrders(const QString&) const
{
    return {};
}
QJsonObject Emulator::order(const QString&, const QString&) const
{
    return {};
}
QJsonArray Emulator::allProducts(const QString&) const
{
    return {};
}
void Emulator::setOrderStatus(const QString&, const QString&, const QString&, std::optional<qint64>) {}
QStringList Emulator::mutateRandomOrders(const QString&, int, std::optional<qint64>)
{
    return {};
}
QStringList Emulator::addOrders(const QString&, int, std::optional<qint64>)
{
    return {};
}
void Emulator::setOrderUpdateTime(const QString&, const QStringList&, qint64) {}
void Emulator::touchProducts(const QString&, int, std::optional<qint64>) {}
QList<RequestRecord> Emulator::requests() const
{
    return {};
}
quint64 Emulator::requestCount(const QString&) const
{
    return 0;
}
void Emulator::clearRequests() {}

} // namespace tts::demo
