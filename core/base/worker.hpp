// worker.hpp — the one shape of a background thread (the upload and the update thread): started
// once, stopped with a join, woken for "now", sleeping until a deadline on a condition variable, and
// a stop flag that a transfer in flight watches (HttpSessionOptions::abort) so stop() ends it.
//
// The waits and the flag are under the owner's mutex, so a wait's predicate may read the owner's
// state. Header-only; users link Threads::Threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace lotsen {

/// A thread of the owner's with start, stop, wake and timed waits under the owner's mutex.
class Worker {
public:
    /// A worker whose flag and waits are guarded by `mutex` (the owner's, which outlives the worker).
    explicit Worker(std::mutex& mutex) : m_mutex(mutex) {}
    ~Worker() { stop(); }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    /// Runs `body` on a thread of its own, once, and never after stop(); `on_start` runs first under
    /// the mutex when it does start. Call without the mutex held.
    void start(std::function<void()> body, const std::function<void()>& on_start = {})
    {
        std::lock_guard lock(m_mutex);
        if (m_thread.joinable() || m_stop.load())
            return;
        if (on_start)
            on_start();
        m_thread = std::thread(std::move(body));
    }

    /// Sets the stop flag, wakes every wait and joins the thread. Idempotent; call without the mutex held.
    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop.store(true);
        }
        m_wake.notify_all();
        m_progress.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

    /// True from stop() on; readable from any thread without the mutex.
    bool stop_requested() const { return m_stop.load(); }
    /// The stop flag itself, for a transfer's progress callback.
    const std::atomic<bool>& stop_flag() const { return m_stop; }

    /// Wakes the thread from sleep_until() (its predicate decides whether there is anything to do).
    void wake() { m_wake.notify_all(); }
    /// Wakes the callers in wait_for() (their predicates decide whether what they wait for happened).
    void notify_progress() { m_progress.notify_all(); }

    /// The thread's sleep: until `deadline`, stop(), or a wake() with `woken()` true. `lock` holds the mutex.
    template <typename Clock, typename Duration, typename Predicate>
    void sleep_until(std::unique_lock<std::mutex>& lock, std::chrono::time_point<Clock, Duration> deadline,
                     Predicate woken)
    {
        m_wake.wait_until(lock, deadline, [&] { return m_stop.load() || woken(); });
    }

    /// A caller's wait for the thread: until `done()`, stop() or `timeout`; true when done(). `lock`
    /// holds the mutex.
    template <typename Predicate>
    bool wait_for(std::unique_lock<std::mutex>& lock, std::chrono::milliseconds timeout, Predicate done)
    {
        return m_progress.wait_for(lock, timeout, [&] { return done() || m_stop.load(); }) && done();
    }

private:
    std::mutex& m_mutex;
    std::atomic<bool> m_stop{false};
    std::condition_variable m_wake;      ///< the thread sleeps on it
    std::condition_variable m_progress;  ///< callers waiting for the thread sleep on it
    std::thread m_thread;
};

}  // namespace lotsen
