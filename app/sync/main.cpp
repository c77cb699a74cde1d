// tiktok-shop-sync: the headless command line of TikTok Shop Dashboard (see --help).
#include "cliarguments.h"
#include "climain.h"
#include "sync/processmemory.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    tts::configureAllocator();
    // Before anything touches QStandardPaths (the default database path).
    QCoreApplication::setOrganizationName(QStringLiteral("TikTokShopDashboard"));
    QCoreApplication::setApplicationName(QStringLiteral("tiktok-shop-dashboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TTS_VERSION));
    QCoreApplication app(argc, argv);
    return tts::cli::runCommandLine(QCoreApplication::arguments().mid(1));
}
