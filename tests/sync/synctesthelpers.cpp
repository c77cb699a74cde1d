#include "synctesthelpers.h"

#include "secrets/memorysecretstore.h"
#include "sync/shopconnector.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTimer>

namespace tts::test {

QString connectEmulator(demo::Emulator& emulator, const QString& databasePath)
{
    MemorySecretStore::session().clear();
    ShopConnector connector;
    ShopConnector::Request request;
    request.apiBase = emulator.baseUrl();
    request.authBase = emulator.baseUrl();
    request.appKey = emulator.config().appKey;
    request.appSecret = emulator.config().appSecret;
    request.authCode = emulator.issueAuthCode();
    request.databasePath = databasePath;
    request.keychainService = testKeychainService();
    request.sessionOnlySecrets = true;
    QSignalSpy ok(&connector, &ShopConnector::connected);
    QSignalSpy failed(&connector, &ShopConnector::failed);
    connector.start(request);
    QEventLoop loop;
    QObject::connect(&connector, &ShopConnector::connected, &loop, &QEventLoop::quit);
    QObject::connect(&connector, &ShopConnector::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (ok.isEmpty() && failed.isEmpty())
        loop.exec();
    if (!failed.isEmpty())
        return failed.first().first().value<SyncError>().message;
    if (ok.isEmpty())
        return QStringLiteral("connect timed out");
    return {};
}

SyncOptions syncOptions(const demo::Emulator& emulator, const QString& databasePath, SyncMode mode)
{
    SyncOptions o;
    o.mode = mode;
    o.databasePath = databasePath;
    o.apiBase = emulator.baseUrl();
    o.authBase = emulator.baseUrl();
    o.keychainService = testKeychainService();
    o.sessionOnlySecrets = true;
    o.requestsPerSecond = 1000;
    return o;
}

SyncRun runSync(const SyncOptions& options,
                const std::function<void(SyncController&, const SyncProgress&)>& onProgress, int timeoutMs)
{
    SyncRun run;
    SyncController controller;
    QEventLoop loop;
    QObject::connect(&controller, &SyncController::progress, &loop, [&](const SyncProgress& p) {
        ++run.progressSignals;
        run.lastProgress = p;
        if (onProgress)
            onProgress(controller, p);
    });
    QObject::connect(&controller, &SyncController::finished, &loop, [&](const SyncReport& r) {
        run.ended = true;
        run.ok = true;
        run.report = r;
        loop.quit();
    });
    QObject::connect(&controller, &SyncController::failed, &loop, [&](const SyncError& e) {
        run.ended = true;
        run.error = e;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    controller.start(options);
    loop.exec();
    return run;
}

quint64 orderSearches(const demo::Emulator& emulator)
{
    return emulator.requestCount(QStringLiteral("/order/202309/orders/search"));
}

} // namespace tts::test
