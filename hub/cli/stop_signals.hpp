// stop_signals.hpp — how the long-running commands (serve, office) stop: SIGINT and SIGTERM are
// taken by one thread with sigwait, never by a handler, because stopping a server is not
// async-signal-safe.
#pragma once

#include "core/base/result.hpp"

#include <csignal>
#include <functional>

namespace lotsen::hub::cli {

/// SIGINT, SIGTERM and SIGUSR1 (the waiter's "run() returned"), blocked in the calling thread. Made
/// before any server thread exists, so every thread inherits the mask and only the waiter takes them.
class StopSignals {
public:
    StopSignals();

    /// Runs `run` on this thread. On SIGINT or SIGTERM, says "PROGRAM: stopping (SIGTERM)" on standard
    /// error and calls `stop` every 50 ms until `run` has returned: a signal that arrives before the
    /// server began listening would otherwise be lost.
    Result<void> run_until_stopped(const char* program, const std::function<Result<void>()>& run,
                                   const std::function<void()>& stop);

private:
    sigset_t signals_{};
};

}  // namespace lotsen::hub::cli
