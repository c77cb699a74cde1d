#pragma once

#include <QObject>

class QSocketNotifier;

namespace tts::cli {

// Turns SIGINT and SIGTERM into a Qt signal (the self-pipe trick: the handler only writes one byte
// to a pipe; a QSocketNotifier reads it in the event loop). One instance per process.
class SignalNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SignalNotifier(QObject* parent = nullptr);
    ~SignalNotifier() override; // restores the default handlers

    bool isInstalled() const { return m_notifier != nullptr; }
    int count() const { return m_count; } // signals received so far

Q_SIGNALS:
    void interrupted(int signalNumber);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
    int m_count = 0;
};

} // namespace tts::cli
