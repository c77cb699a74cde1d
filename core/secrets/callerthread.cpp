#include "callerthread.h"

namespace tts::detail {

void CallerThreadCallback::deliver(std::function<void()> fn)
{
    QMetaObject::invokeMethod(
        this,
        [this, fn = std::move(fn)] {
            fn();
            delete this;
        },
        Qt::QueuedConnection);
}

void postToCurrentThread(std::function<void()> fn)
{
    (new CallerThreadCallback)->deliver(std::move(fn));
}

} // namespace tts::detail
