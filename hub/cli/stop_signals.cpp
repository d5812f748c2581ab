// stop_signals.cpp — the one sigwait waiter of the long-running commands (stop_signals.hpp).
#include "hub/cli/stop_signals.hpp"

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace lotsen::hub::cli {

StopSignals::StopSignals() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
}

Result<void> StopSignals::run_until_stopped(const char* program, const std::function<Result<void>()>& run,
                                            const std::function<void()>& stop) {
    std::atomic<bool> finished{false};
    std::thread waiter([&] {
        int signal_number = 0;
        sigwait(&signals_, &signal_number);
        if (signal_number == SIGUSR1)
            return;
        std::fprintf(stderr, "%s: stopping (%s)\n", program, signal_number == SIGINT ? "SIGINT" : "SIGTERM");
        while (!finished.load()) {
            stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    auto ran = run();
    finished.store(true);
    pthread_kill(waiter.native_handle(), SIGUSR1);
    waiter.join();
    return ran;
}

}  // namespace lotsen::hub::cli
