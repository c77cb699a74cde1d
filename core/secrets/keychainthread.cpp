#include "keychainthread.h"

#include "secretslog.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

namespace tts::detail {

namespace {

QMutex g_mutex;
QThread* g_thread = nullptr;
QObject* g_worker = nullptr;

void stopKeychainThread()
{
    QThread* thread = nullptr;
    {
        QMutexLocker locker(&g_mutex);
        thread = g_thread;
        g_thread = nullptr;
        g_worker = nullptr;
    }
    if (!thread)
        return;
    thread->quit();
    if (!thread->wait(5000)) {
        qCWarning(lcSecrets) << "the keychain thread did not stop in time";
        return; // leaking it is safer than destroying a running thread
    }
    delete thread;
}

QObject* worker()
{
    QMutexLocker locker(&g_mutex);
    if (!g_worker) {
        g_thread = new QThread;
        g_thread->setObjectName(QStringLiteral("tts-keychain"));
        g_worker = new QObject;
        g_worker->moveToThread(g_thread);
        QObject::connect(g_thread, &QThread::finished, g_worker, &QObject::deleteLater);
        g_thread->start();
        qAddPostRoutine(stopKeychainThread);
    }
    return g_worker;
}

} // namespace

void KeychainThread::post(std::function<void()> fn)
{
    QMetaObject::invokeMethod(worker(), std::move(fn), Qt::QueuedConnection);
}

} // namespace tts::detail
