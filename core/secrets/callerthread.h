#pragma once

#include <QObject>

#include <functional>

namespace tts::detail {

// Runs a callback later in the thread that created it, through that thread's event loop. This is
// how the secret stores keep their promise that callbacks run asynchronously in the caller's thread.
class CallerThreadCallback : public QObject
{
public:
    // Must be created in the caller's thread.
    CallerThreadCallback() = default;

    // Thread-safe: queues fn to run in the creating thread, then deletes this object.
    void deliver(std::function<void()> fn);
};

// Queues fn to run in the current thread's event loop (never synchronously).
void postToCurrentThread(std::function<void()> fn);

} // namespace tts::detail
