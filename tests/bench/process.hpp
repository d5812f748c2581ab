// process.hpp — what lotsen-bench needs from Linux: start a program (posix_spawn) with a changed
// environment, stop it the way systemd does (SIGTERM), and read what the kernel counts for it in /proc.
#pragma once

#include "core/base/result.hpp"

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lotsen::bench {

/// CPU time and sleeps of a process so far (all its threads).
struct CpuSample {
    double cpu_seconds = 0.0;                ///< utime + stime from /proc/PID/stat
    std::int64_t voluntary_switches = 0;     ///< sum of voluntary_ctxt_switches over /proc/PID/task/*
};

/// Memory of a process now.
struct MemorySample {
    double rss_kib = 0.0;  ///< VmRSS from /proc/PID/status
    double pss_kib = 0.0;  ///< Pss from /proc/PID/smaps_rollup (shared pages divided among sharers)
    double peak_rss_kib = 0.0;  ///< VmHWM from /proc/PID/status: the most RSS the process has had
};

/// Reads a process's CPU time and voluntary context switches.
Result<CpuSample> sample_cpu(pid_t pid);
/// Reads a process's resident and proportional memory.
Result<MemorySample> sample_memory(pid_t pid);

/// "exited with status 3", "killed by signal 11 (Segmentation fault)" for a waitpid() status.
std::string describe_wait_status(int status);

/// Runs a program to completion and returns what it wrote to stdout and stderr; an error unless it
/// exited with status 0.
Result<std::string> run_and_capture(const std::vector<std::string>& argv);

/// A started child process. Stopped with SIGKILL if it is still running when this is destroyed.
class ChildProcess {
public:
    /// Starts argv[0] with the current environment plus `environment` (NAME, value pairs that replace
    /// inherited ones), stdin from /dev/null, stdout and stderr into `log_path`.
    static Result<ChildProcess> spawn(const std::vector<std::string>& argv,
                                      const std::vector<std::pair<std::string, std::string>>& environment,
                                      const std::string& log_path);

    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&&) = delete;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    pid_t pid() const { return m_pid; }
    /// The waitpid() status if the child has ended (it is reaped then), nothing while it runs.
    std::optional<int> poll_exit();
    /// Sends SIGTERM and waits up to `grace` for the child to end; returns its waitpid() status, or an
    /// error (after SIGKILL) if it did not end in time.
    Result<int> terminate(std::chrono::milliseconds grace);

private:
    explicit ChildProcess(pid_t pid) : m_pid(pid) {}

    pid_t m_pid = -1;
    std::optional<int> m_status;
};

/// The p-quantile (0..1) of `values` by nearest rank; 0 for none.
double percentile(std::vector<double> values, double p);

/// The port `lotsen-hub serve --listen 127.0.0.1:0` printed ("listening on HOST:PORT") into the
/// log it writes to, waiting up to 10 s; an error when it ended or never said.
Result<int> wait_for_hub_port(const std::string& log_path, ChildProcess& hub);

}  // namespace lotsen::bench
