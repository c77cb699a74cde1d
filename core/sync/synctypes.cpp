#include "synctypes.h"

namespace tts {

int SyncError::exitCode() const
{
    switch (kind) {
    case Usage:
        return 2;
    case NotConnected:
        return 3;
    case Api:
        return 4;
    case Database:
        return 5;
    case Interrupted:
        return 130;
    }
    return 4;
}

void registerSyncMetaTypes()
{
    qRegisterMetaType<tts::SyncMode>("tts::SyncMode");
    qRegisterMetaType<tts::SyncOptions>("tts::SyncOptions");
    qRegisterMetaType<tts::SyncProgress>("tts::SyncProgress");
    qRegisterMetaType<tts::SyncReport>("tts::SyncReport");
    qRegisterMetaType<tts::SyncError>("tts::SyncError");
}

} // namespace tts
