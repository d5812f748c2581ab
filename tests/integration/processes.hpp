// processes.hpp — child processes for the integration tests: the real `lotsen-hub serve` on a
// loopback port, one-shot `lotsen-hub` commands, and the outbox driver the crash test kills.
#pragma once

#include <csignal>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace lotsen::testing {

/// What a finished command printed and how it ended.
struct CommandResult {
    int exit_code = -1;  ///< -1 when it died of a signal
    std::string output;  ///< standard output and standard error together
};

/// Runs `argv` to completion.
CommandResult run_command(const std::vector<std::string>& argv);

/// A running child whose standard output is read line by line.
class ChildProcess {
public:
    /// Starts `argv`; stderr goes to the test's stderr, or joins stdout with `merge_stderr`.
    explicit ChildProcess(const std::vector<std::string>& argv, bool merge_stderr = false);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// True when the child started.
    bool started() const { return m_pid > 0; }
    /// The next line of its standard output; false at end of output or after `timeout_ms`.
    bool read_line(std::string& line, int timeout_ms);
    /// Sends `signal` and waits for the child; returns its wait status.
    int kill_and_wait(int signal);
    /// Waits for the child to exit on its own; returns its exit code (-1: killed by a signal).
    int wait();
    pid_t pid() const { return m_pid; }

private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    std::string m_buffer;
};

/// The real hub, serving from `data_dir` on 127.0.0.1.
class HubProcess {
public:
    /// Starts `lotsen-hub serve`; `port` 0 lets the kernel choose. Extra arguments are appended.
    HubProcess(std::string data_dir, int port = 0, std::vector<std::string> extra = {});
    ~HubProcess();

    /// The port it listens on; 0 when it did not come up.
    int port() const { return m_port; }
    /// Its process id; -1 when it did not start.
    pid_t pid() const { return m_child ? m_child->pid() : -1; }
    /// Stops it with SIGTERM (graceful) or SIGKILL (a crash).
    void stop(int signal = SIGTERM);

private:
    std::string m_data_dir;
    std::unique_ptr<ChildProcess> m_child;
    int m_port = 0;
};

/// The built `lotsen-hub` program.
std::string hub_program();

/// "ASAN_OPTIONS=…" for a child that preloads a library (libfaketime): AddressSanitizer refuses to
/// start unless its runtime comes first, and the two intercept different calls, so the order does not
/// matter there. The caller's own ASAN_OPTIONS are kept.
std::string asan_options_allowing_preload();

}  // namespace lotsen::testing
