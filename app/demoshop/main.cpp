// tiktok-shop-demo-server: the TikTok Shop Open API emulator as a standalone program (the demo shop).
// Prints "listening http://127.0.0.1:PORT" and "auth_code CODE" on stdout, logs to stderr.

#include "emulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

struct Flag
{
    const char* name;
    const char* description;
    const char* valueName;
};

bool readInteger(const QCommandLineParser& parser, const QString& name, qint64 min, qint64 max, qint64* out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max) {
        std::fprintf(stderr, "tiktok-shop-demo-server: --%s must be an integer from %lld to %lld\n",
                     qPrintable(name), static_cast<long long>(min), static_cast<long long>(max));
        return false;
    }
    *out = value;
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tiktok-shop-demo-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TTS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local TikTok Shop Open API (202309) emulator serving a generated demo shop on 127.0.0.1.\n"
        "Besides the API it serves /open/authorize (the consent page) and /demo/auth-code\n"
        "(a demo-only convenience returning a fresh auth code; not part of the real API)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const Flag flags[] = {
        {"port", "TCP port on 127.0.0.1 (0: any free port).", "N"},
        {"orders", "Orders per shop (default 20000).", "N"},
        {"shops", "Number of shops (default 1).", "N"},
        {"products", "Products per shop (default 40).", "N"},
        {"seed", "Seed of the generated data (default 42).", "N"},
        {"history-days", "Days of order history (default 400).", "N"},
        {"history-end", "End of the history, Unix seconds (default: now).", "UNIX"},
        {"latency-ms", "Delay before every response.", "N"},
        {"qps", "Requests per second before answering 429.", "N"},
        {"fault-rate", "Probability of a random fault per request (0..1).", "F"},
        {"result-cap", "Most results one query pages through.", "N"},
        {"clock-skew", "Seconds added to the server clock.", "S"},
        {"app-key", "App key (default demo-app-key).", "KEY"},
        {"app-secret", "App secret (default demo-app-secret).", "SECRET"},
    };
    for (const Flag& flag : flags)
        parser.addOption({QString::fromLatin1(flag.name), QString::fromLatin1(flag.description),
                          QString::fromLatin1(flag.valueName)});
    parser.addOption(
        {QStringLiteral("live"), QStringLiteral("New orders keep arriving and progress as time passes.")});
    if (!parser.parse(QCoreApplication::arguments())) {
        std::fprintf(stderr, "tiktok-shop-demo-server: %s\nTry --help.\n", qPrintable(parser.errorText()));
        return 1;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "tiktok-shop-demo-server: unexpected argument %s\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 1;
    }

    tts::demo::EmulatorConfig config;
    qint64 port = 0, orders = 20000, shops = 1, products = 40, seed = 42, historyDays = 400, historyEnd = 0,
           latency = 0, qps = 0, resultCap = 0, skew = 0;
    if (!readInteger(parser, QStringLiteral("port"), 0, 65535, &port) ||
        !readInteger(parser, QStringLiteral("orders"), 0, 5000000, &orders) ||
        !readInteger(parser, QStringLiteral("shops"), 1, 9, &shops) ||
        !readInteger(parser, QStringLiteral("products"), 1, 100000, &products) ||
        !readInteger(parser, QStringLiteral("seed"), 0, std::numeric_limits<qint64>::max(), &seed) ||
        !readInteger(parser, QStringLiteral("history-days"), 1, 3650, &historyDays) ||
        !readInteger(parser, QStringLiteral("history-end"), 0, 4000000000ll, &historyEnd) ||
        !readInteger(parser, QStringLiteral("latency-ms"), 0, 600000, &latency) ||
        !readInteger(parser, QStringLiteral("qps"), 0, 1000000, &qps) ||
        !readInteger(parser, QStringLiteral("result-cap"), 0, 100000000, &resultCap) ||
        !readInteger(parser, QStringLiteral("clock-skew"), -86400 * 365, 86400 * 365, &skew))
        return 1;
    if (parser.isSet(QStringLiteral("fault-rate"))) {
        bool ok = false;
        config.faults.faultRate = parser.value(QStringLiteral("fault-rate")).toDouble(&ok);
        if (!ok || config.faults.faultRate < 0 || config.faults.faultRate > 1) {
            std::fprintf(stderr, "tiktok-shop-demo-server: --fault-rate must be a number from 0 to 1\n");
            return 1;
        }
    }
    if (parser.isSet(QStringLiteral("app-key")))
        config.appKey = parser.value(QStringLiteral("app-key"));
    if (parser.isSet(QStringLiteral("app-secret")))
        config.appSecret = parser.value(QStringLiteral("app-secret"));
    if (config.appKey.isEmpty() || config.appSecret.isEmpty()) {
        std::fprintf(stderr, "tiktok-shop-demo-server: --app-key and --app-secret must not be empty\n");
        return 1;
    }
    config.seed = quint64(seed);
    config.historyDays = int(historyDays);
    config.historyEnd = historyEnd;
    config.live = parser.isSet(QStringLiteral("live"));
    config.faults.latencyMs = int(latency);
    config.faults.qpsLimit = double(qps);
    config.faults.resultCap = int(resultCap);
    config.faults.clockSkewSeconds = skew;
    config.shops.clear();
    static const char* const regions[] = {"US", "GB", "DE", "FR", "ES", "IT", "MX", "SG", "MY"};
    static const char* const names[] = {"Sunrise Goods", "Harbour Home",    "Waldhaus Living",
                                        "Maison Claire", "Casa Sol",        "Bottega Verde",
                                        "Mercado Feliz", "Lion City Finds", "Kedai Ceria"};
    for (int i = 0; i < int(shops); ++i) {
        tts::demo::ShopSpec spec;
        spec.id = QString::number(7495000000000000001ll + i);
        spec.cipher = QStringLiteral("ROW_demoShopCipher+/%1").arg(i + 1);
        spec.code =
            QStringLiteral("DEMO%1%2").arg(QLatin1String(regions[i])).arg(i + 1, 2, 10, QLatin1Char('0'));
        spec.name = QLatin1String(names[i]) + QStringLiteral(" (demo)");
        spec.region = QLatin1String(regions[i]);
        spec.orders = orders;
        spec.products = int(products);
        config.shops.append(spec);
    }

    // Signals are handled before the first line is printed: whoever reads it may stop us at once.
    if (::pipe(g_signalPipe) != 0) {
        std::fprintf(stderr, "tiktok-shop-demo-server: cannot install signal handlers\n");
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    tts::demo::Emulator emulator(config);
    QString error;
    if (!emulator.start(quint16(port), &error)) {
        std::fprintf(stderr, "tiktok-shop-demo-server: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("listening %s\n", emulator.baseUrl().toString().toUtf8().constData());
    std::printf("auth_code %s\n", emulator.issueAuthCode().toUtf8().constData());
    std::fflush(stdout);

    const int status = QCoreApplication::exec();
    emulator.stop();
    return status;
}
