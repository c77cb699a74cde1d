#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>

namespace tts {

// A token bucket that schedules work instead of blocking: schedule() queues a function that runs
// (in this object's thread, from the event loop, in order) once a token is available. The bucket
// holds up to `burst` tokens and refills at `requestsPerSecond` (<= 0: unlimited). pauseFor()
// stops everything until the pause has elapsed on the monotonic clock (a 429's Retry-After): no
// function runs earlier, whatever the tokens say.
// A timer that fires late does not cost throughput: up to half an interval of its lateness is
// credited to the next run. Whatever the credit, no more than floor(requestsPerSecond) runs happen
// in any window of one second plus kWindowMarginMs (the margin absorbs jitter on the way to a
// server that counts requests in a sliding second).
class Pacer : public QObject
{
    Q_OBJECT
public:
    explicit Pacer(double requestsPerSecond, int burst, QObject* parent = nullptr);

    void setRate(double requestsPerSecond, int burst);
    double requestsPerSecond() const { return m_rate; }

    // `urgent` work goes before everything queued (a token refresh others wait for). Returns a
    // ticket for cancel().
    quint64 schedule(std::function<void()> work, bool urgent = false);
    bool cancel(quint64 ticket);
    void clear(); // drops every queued function without running it

    void pauseFor(qint64 ms);
    qint64 remainingPauseMs() const;
    int queued() const { return int(m_queue.size()); }

private:
    void pump();
    void refill();
    void arm(qint64 ms);

    struct Entry
    {
        quint64 ticket;
        std::function<void()> work;
    };

    static constexpr qint64 kWindowMarginMs = 25;

    double m_rate = 0;
    qint64 m_wakeAtNs = -1;    // when the timer was armed to wait for a token; -1 otherwise
    std::deque<qint64> m_runs; // times of the latest floor(rate) runs (sliding window)
    double m_burst = 1;
    double m_tokens = 1;
    qint64 m_lastRefillNs = 0;
    qint64 m_pausedUntilNs = 0;
    quint64 m_nextTicket = 1;
    bool m_pumping = false;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Entry> m_queue;
};

} // namespace tts
