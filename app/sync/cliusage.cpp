#include "cliarguments.h"

using namespace Qt::StringLiterals;

namespace tts::cli {

QString usageText(const QString& defaultDatabasePath)
{
    return uR"(Usage: tiktok-shop-sync [global options] <command> [command options]

Syncs a TikTok Shop seller's orders and products into a local SQLite database (the same one the
TikTok Shop Dashboard window reads). Needs no display: run it from cron or a systemd timer.

Global options
  --db PATH          SQLite database file (default: %1)
  --api-base URL     Open API base URL (default: the URL recorded by connect, else
                     https://open-api.tiktokglobalshop.com)
  --auth-base URL    Token server base URL (default: the URL recorded by connect, else
                     https://auth.tiktok-shops.com)
                     Plain http:// is accepted only for loopback hosts (127.0.0.0/8, localhost, ::1).
  --json             Machine-readable output on stdout (one JSON object)
  --version, --help

Commands
  connect --app-key KEY --app-secret SECRET --auth-code CODE
        Exchange the authorization code for tokens, store the app secret and the tokens in the OS
        keychain, fetch the authorized shops and record them in the database.
        The secret can instead come from the environment variable TIKTOK_APP_SECRET, which keeps
        it out of the shell history.
  sync [--full] [--shop SHOP_ID] [--overlap-minutes N]
        Incremental by default: only what changed since the last committed cursor, minus the
        overlap (default 5 minutes). --full: full resync of everything; resumable, and an
        interrupted full resync is continued by the next sync. Syncs orders (with line items) and
        products of every connected shop, or only --shop.
  status
        Counts and sync metadata per shop and stream.
  disconnect
        Delete every stored secret from the keychain.

Exit codes
  0 success, 2 usage error, 3 not connected or authorization needed again,
  4 API or network failure after retries (progress is kept), 5 database error
  (locked, read-only, full, corrupt, or another sync of the same database is running),
  130 interrupted by SIGINT/SIGTERM (progress is kept).

Database safety
  Only one sync runs per database: a second one (another window, cron, a second shell) exits
  with 5 and 'Another sync of DB is running (pid N)'. The lock is the file DB.sync-lock; one left
  by a killed process is taken over automatically.
  Each sync first checks the database (PRAGMA quick_check), unless it is exactly as the last clean
  sync left it (DB.checked records its size and time). A damaged file is never repaired or
  deleted: it is moved aside to DB.corrupt-<UTC time> (with its -wal/-shm), a new database is
  created with the shop's connection settings copied from it where readable, and sync exits with 5
  naming the backup. Rebuild everything from TikTok Shop with 'tiktok-shop-sync sync --full'.

Environment
  TIKTOK_APP_SECRET        the app secret for connect
  TTS_KEYCHAIN_SERVICE     keychain service name (default: tiktok-shop-dashboard)
  TTS_REQUESTS_PER_SECOND  request budget of sync (default: 20, at most 100000)
  TTS_RESYNC_CONCURRENCY   most requests a full resync keeps in flight (1-16, default: 4); with 1,
                           a kill or crash re-fetches at most one page

Credentials live in the OS keychain only (on Linux the Secret Service, e.g. gnome-keyring).
Progress and warnings go to stderr.
)"_s.arg(defaultDatabasePath);
}

} // namespace tts::cli
