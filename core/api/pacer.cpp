#include "pacer.h"

#include <algorithm>
#include <cmath>

namespace tts {

Pacer::Pacer(double requestsPerSecond, int burst, QObject* parent) : QObject(parent)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5% early; a pause must never end early.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Pacer::pump);
    setRate(requestsPerSecond, burst);
    m_tokens = m_burst;
}

void Pacer::setRate(double requestsPerSecond, int burst)
{
    refill();
    m_rate = requestsPerSecond > 0 && std::isfinite(requestsPerSecond) ? requestsPerSecond : 0;
    m_burst = std::max(1, burst);
    m_tokens = std::min(m_tokens, m_burst);
    if (!m_queue.empty())
        arm(0);
}

quint64 Pacer::schedule(std::function<void()> work, bool urgent)
{
    const quint64 ticket = m_nextTicket++;
    if (urgent)
        m_queue.push_front(Entry{ticket, std::move(work)});
    else
        m_queue.push_back(Entry{ticket, std::move(work)});
    // Always from the event loop: the caller never sees its work run inside schedule(). A running
    // timer or pump() picks the new entry up.
    if (!m_pumping && !m_timer.isActive())
        arm(0);
    return ticket;
}

bool Pacer::cancel(quint64 ticket)
{
    const auto it = std::find_if(m_queue.begin(), m_queue.end(),
                                 [ticket](const Entry& entry) { return entry.ticket == ticket; });
    if (it == m_queue.end())
        return false;
    m_queue.erase(it);
    return true;
}

void Pacer::clear()
{
    m_queue.clear();
    m_timer.stop();
    m_wakeAtNs = -1;
}

void Pacer::pauseFor(qint64 ms)
{
    if (ms <= 0)
        return;
    m_pausedUntilNs = std::max(m_pausedUntilNs, m_clock.nsecsElapsed() + ms * 1000000);
    if (!m_queue.empty())
        arm(remainingPauseMs());
}

qint64 Pacer::remainingPauseMs() const
{
    const qint64 left = m_pausedUntilNs - m_clock.nsecsElapsed();
    return left > 0 ? (left + 999999) / 1000000 : 0;
}

void Pacer::refill()
{
    const qint64 now = m_clock.nsecsElapsed();
    if (m_rate > 0)
        m_tokens = std::min(m_burst, m_tokens + double(now - m_lastRefillNs) * m_rate / 1e9);
    m_lastRefillNs = now;
}

void Pacer::arm(qint64 ms)
{
    m_timer.start(int(std::clamp<qint64>(ms, 0, 24LL * 3600 * 1000)));
}

void Pacer::pump()
{
    m_pumping = true;
    while (!m_queue.empty()) {
        const qint64 pause = remainingPauseMs();
        if (pause > 0) {
            m_wakeAtNs = -1;
            arm(pause);
            break;
        }
        const qint64 now = m_clock.nsecsElapsed();
        const double before = m_tokens + (m_rate > 0 ? double(now - m_lastRefillNs) * m_rate / 1e9 : 0);
        refill();
        if (m_rate > 0 && m_wakeAtNs >= 0 && now > m_wakeAtNs) {
            // Woken late by our own timer: the tokens the cap dropped meanwhile are not lost.
            const qint64 credit = std::min<qint64>(now - m_wakeAtNs, qint64(5e8 / m_rate));
            m_tokens = std::max(m_tokens, std::min(before, m_burst + double(credit) * m_rate / 1e9));
        }
        m_wakeAtNs = -1;
        if (m_rate > 0 && m_tokens < 1) {
            const qint64 waitMs = qint64(std::ceil((1 - m_tokens) * 1000 / m_rate));
            m_wakeAtNs = now + waitMs * 1000000;
            arm(waitMs);
            break;
        }
        const std::size_t window = m_rate >= 1 ? std::size_t(std::floor(m_rate)) : 0;
        while (m_runs.size() > window)
            m_runs.pop_front();
        if (window > 0 && m_runs.size() == window) {
            const qint64 freeAt = m_runs.front() + (1000 + kWindowMarginMs) * 1000000;
            if (now < freeAt) {
                arm((freeAt - now + 999999) / 1000000);
                break;
            }
        }
        if (m_rate > 0) {
            m_tokens -= 1;
            if (window > 0)
                m_runs.push_back(now);
        }
        Entry entry = std::move(m_queue.front());
        m_queue.pop_front();
        entry.work(); // may schedule, cancel or pause: the loop re-reads the state
    }
    m_pumping = false;
}

} // namespace tts
