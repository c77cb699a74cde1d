#include "emulator.h"

#include "emulator_p.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QThread>

namespace tts::demo {

Q_LOGGING_CATEGORY(lcDemo, "tts.demoshop")

EmulatorPrivate::EmulatorPrivate(EmulatorConfig cfg)
    : config(std::move(cfg)), tokenRng(mixKey(config.seed, quint64(QDateTime::currentMSecsSinceEpoch()))),
      faultRng(mixKey(config.seed, 0xFA017ull)), mutationRng(mixKey(config.seed, 0x3074A7Eull))
{
    clockSkew = config.faults.clockSkewSeconds;
    instanceSalt = mixKey(quint64(QDateTime::currentMSecsSinceEpoch()), quint64(quintptr(this)));
    const qint64 current = now();
    historyEnd = config.historyEnd;
    if (historyEnd == 0) // live: the history ends at midnight UTC so that a restart shows the same shop
        historyEnd = config.live ? current / 86400 * 86400 : current;
    const qint64 historyStart = historyEnd - qint64(std::max(1, config.historyDays)) * 86400;
    const qint64 evaluateAt = config.live ? std::max(current, historyEnd) : historyEnd;
    for (int i = 0; i < config.shops.size(); ++i) {
        ShopData data;
        data.spec = config.shops[i];
        data.shopNo = i;
        data.catalog = std::make_unique<Catalog>(data.spec, i, config.seed, historyStart, historyEnd);
        data.orders = std::make_unique<OrderStore>(*data.catalog, i, config.seed, historyStart, historyEnd,
                                                   std::max<qint64>(0, data.spec.orders), evaluateAt);
        shopData.push_back(std::move(data));
    }
    advanceLive();
}

qint64 EmulatorPrivate::now() const
{
    return QDateTime::currentSecsSinceEpoch() + clockSkew.load();
}

QByteArray EmulatorPrivate::httpDate(qint64 unixSeconds) const
{
    return QLocale::c()
        .toString(QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC),
                  QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

ShopData* EmulatorPrivate::shop(const QString& shopId)
{
    for (ShopData& data : shopData) {
        if (data.spec.id == shopId)
            return &data;
    }
    return nullptr;
}

const ShopData* EmulatorPrivate::shop(const QString& shopId) const
{
    return const_cast<EmulatorPrivate*>(this)->shop(shopId);
}

ShopData* EmulatorPrivate::shopByCipher(const QString& cipher)
{
    for (ShopData& data : shopData) {
        if (data.spec.cipher == cipher)
            return &data;
    }
    return nullptr;
}

void EmulatorPrivate::advanceLive()
{
    if (!config.live)
        return;
    const qint64 current = now();
    if (current == lastLiveRun)
        return;
    lastLiveRun = current;
    for (ShopData& data : shopData)
        data.orders->advanceLive(current);
}

QString EmulatorPrivate::issueAuthCodeLocked()
{
    QString code = QStringLiteral("ROW_");
    for (int i = 0; i < 3; ++i)
        code += QString::number(tokenRng.next(), 36);
    authCodes.insert(code, now());
    return code;
}

IssuedTokens EmulatorPrivate::issueTokensLocked()
{
    IssuedTokens tokens;
    const qint64 current = now();
    tokens.accessTokenExpiresAt = current + config.accessTokenLifetime;
    tokens.accessToken = mintToken('A', tokens.accessTokenExpiresAt);
    tokens.refreshTokenExpiresAt = current + config.refreshTokenLifetime;
    tokens.refreshToken = mintToken('R', tokens.refreshTokenExpiresAt);
    return tokens;
}

Emulator::Emulator(EmulatorConfig config) : d(std::make_unique<EmulatorPrivate>(std::move(config))) {}

Emulator::~Emulator()
{
    stop();
}

bool Emulator::start(quint16 port, QString* error)
{
    if (d->server)
        return true;
    d->thread = new QThread;
    d->thread->setObjectName(QStringLiteral("demoshop-server"));
    EmulatorPrivate* p = d.get();
    d->server = new HttpServer([p](const HttpRequest& request) { return p->handle(request); },
                               [p] { return p->httpDate(p->now()); });
    d->server->moveToThread(d->thread);
    QObject::connect(d->thread, &QThread::finished, d->server, &QObject::deleteLater);
    d->thread->start();
    bool ok = false;
    QString message;
    const bool tls = !d->config.tlsCertificatePem.isEmpty() && !d->config.tlsPrivateKeyPem.isEmpty();
    QMetaObject::invokeMethod(
        d->server,
        [&] {
            ok = (!tls ||
                  p->server->enableTls(p->config.tlsCertificatePem, p->config.tlsPrivateKeyPem, &message)) &&
                 p->server->listen(port, &message);
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        if (error)
            *error = message;
        stop();
        return false;
    }
    d->port = d->server->port();
    qCInfo(lcDemo) << "demo shop listening on port" << d->port;
    return true;
}

void Emulator::stop()
{
    if (!d->thread)
        return;
    if (d->server) {
        EmulatorPrivate* p = d.get();
        QMetaObject::invokeMethod(
            d->server, [p] { p->server->closeAll(); }, Qt::BlockingQueuedConnection);
    }
    d->thread->quit();
    d->thread->wait();
    delete d->thread;
    d->thread = nullptr;
    d->server = nullptr; // deleted by the thread's finished signal
    d->port = 0;
}

QUrl Emulator::baseUrl() const
{
    const bool tls = !d->config.tlsCertificatePem.isEmpty() && !d->config.tlsPrivateKeyPem.isEmpty();
    return QUrl(QStringLiteral("%1://127.0.0.1:%2")
                    .arg(tls ? QStringLiteral("https") : QStringLiteral("http"))
                    .arg(d->port));
}

int Emulator::tlsHandshakesStarted() const
{
    return d->server ? d->server->tlsHandshakesStarted() : 0;
}

int Emulator::tlsHandshakesCompleted() const
{
    return d->server ? d->server->tlsHandshakesCompleted() : 0;
}

const EmulatorConfig& Emulator::config() const
{
    return d->config;
}

qint64 Emulator::now() const
{
    return d->now();
}

QString Emulator::issueAuthCode()
{
    QMutexLocker lock(&d->mutex);
    return d->issueAuthCodeLocked();
}

IssuedTokens Emulator::issueTokens()
{
    QMutexLocker lock(&d->mutex);
    return d->issueTokensLocked();
}

void Emulator::expireAccessTokens()
{
    QMutexLocker lock(&d->mutex);
    d->accessExpiredUpTo = d->lastStamp;
}

void Emulator::expireRefreshTokens()
{
    QMutexLocker lock(&d->mutex);
    d->refreshExpiredUpTo = d->lastStamp;
}

int Emulator::tokenRefreshCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->refreshCount;
}

void Emulator::setFaults(const FaultConfig& faults)
{
    QMutexLocker lock(&d->mutex);
    d->config.faults = faults;
    d->clockSkew = faults.clockSkewSeconds;
}

FaultConfig Emulator::faults() const
{
    QMutexLocker lock(&d->mutex);
    return d->config.faults;
}

void Emulator::injectFault(Fault fault, int count, const QString& pathContains)
{
    QMutexLocker lock(&d->mutex);
    if (count > 0 && fault != Fault::None)
        d->injected.append({fault, count, pathContains});
}

QList<RequestRecord> Emulator::requests() const
{
    QMutexLocker lock(&d->mutex);
    return d->records;
}

quint64 Emulator::requestCount(const QString& pathContains) const
{
    QMutexLocker lock(&d->mutex);
    if (pathContains.isEmpty())
        return d->totalRequests;
    quint64 count = 0;
    for (const RequestRecord& record : std::as_const(d->records))
        count += record.path.contains(pathContains) ? 1 : 0;
    return count;
}

void Emulator::clearRequests()
{
    QMutexLocker lock(&d->mutex);
    d->records.clear();
    d->totalRequests = 0;
}

} // namespace tts::demo
