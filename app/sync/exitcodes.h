#pragma once

namespace tts::cli {

// The exit codes of tiktok-shop-sync (the contract of issue 3). Scripts and cron jobs rely on them.
enum ExitCode : int
{
    ExitOk = 0,
    ExitUsage = 2,        // unknown command or option, missing or bad value, insecure base URL
    ExitNotConnected = 3, // no stored credentials, refresh token expired or revoked, no keychain
    ExitApi = 4,          // API or network failure after retries (committed progress is kept)
    ExitDatabase = 5,     // locked, read-only, full, corrupt, newer schema
    ExitInterrupted = 130 // SIGINT / SIGTERM (committed progress is kept)
};

} // namespace tts::cli
