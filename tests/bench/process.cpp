// process.cpp — posix_spawn and /proc parsing for lotsen-bench. Nothing here throws: a process that
// vanished or a /proc file that cannot be read becomes an Error naming the file.
#include "tests/bench/process.hpp"

#include <cstdlib>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <thread>

extern char** environ;

namespace lotsen::bench {

namespace {

Result<std::string> read_proc_file(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        return Error{"cannot read " + path + ": " + std::strerror(errno)};
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::optional<double> parse_number(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end == text.data())
        return std::nullopt;
    return value;
}

/// The number after "Name:" in a /proc status-style file ("VmRSS:\t  12345 kB").
std::optional<double> field_value(std::string_view text, std::string_view name)
{
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(at, end - at);
        if (line.size() > name.size() && line.substr(0, name.size()) == name && line[name.size()] == ':')
            return parse_number(line.substr(name.size() + 1));
        at = end + 1;
    }
    return std::nullopt;
}

std::vector<char*> c_strings(std::vector<std::string>& strings)
{
    std::vector<char*> pointers;
    pointers.reserve(strings.size() + 1);
    for (std::string& string : strings)
        pointers.push_back(string.data());
    pointers.push_back(nullptr);
    return pointers;
}

}  // namespace

Result<CpuSample> sample_cpu(pid_t pid)
{
    const std::string stat_path = "/proc/" + std::to_string(pid) + "/stat";
    auto stat = read_proc_file(stat_path);
    if (!stat)
        return stat.error();
    // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
    const std::size_t close = stat.value().rfind(')');
    if (close == std::string::npos)
        return Error{stat_path + ": no command name in parentheses"};
    std::istringstream fields(stat.value().substr(close + 1));
    std::vector<std::string> after_name;
    for (std::string field; fields >> field && after_name.size() < 13;)
        after_name.push_back(field);
    // after_name[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks.
    if (after_name.size() < 13)
        return Error{stat_path + ": fewer fields than expected"};
    const auto utime = parse_number(after_name[11]);
    const auto stime = parse_number(after_name[12]);
    if (!utime || !stime)
        return Error{stat_path + ": utime/stime (fields 14 and 15) are not numbers"};
    CpuSample sample;
    sample.cpu_seconds = (*utime + *stime) / static_cast<double>(sysconf(_SC_CLK_TCK));

    // /proc/PID/status counts context switches of the main thread only; SDL may start others.
    const std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator(task_dir, error)) {
        auto status = read_proc_file(task.path().string() + "/status");
        if (!status)
            continue;  // the thread ended between listing and reading
        if (const auto switches = field_value(status.value(), "voluntary_ctxt_switches"))
            sample.voluntary_switches += static_cast<std::int64_t>(*switches);
    }
    if (error)
        return Error{"cannot list " + task_dir + ": " + error.message()};
    return sample;
}

Result<MemorySample> sample_memory(pid_t pid)
{
    const std::string base = "/proc/" + std::to_string(pid);
    auto status = read_proc_file(base + "/status");
    if (!status)
        return status.error();
    auto rollup = read_proc_file(base + "/smaps_rollup");
    if (!rollup)
        return rollup.error();
    const auto rss = field_value(status.value(), "VmRSS");
    if (!rss)
        return Error{base + "/status: no VmRSS line"};
    const auto pss = field_value(rollup.value(), "Pss");
    if (!pss)
        return Error{base + "/smaps_rollup: no Pss line"};
    const auto peak = field_value(status.value(), "VmHWM");
    if (!peak)
        return Error{base + "/status: no VmHWM line"};
    return MemorySample{*rss, *pss, *peak};
}

std::string describe_wait_status(int status)
{
    if (WIFEXITED(status))
        return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return "killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    return "ended with wait status " + std::to_string(status);
}

Result<std::string> run_and_capture(const std::vector<std::string>& argv)
{
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        return Error{std::string("pipe: ") + std::strerror(errno)};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers = c_strings(args);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        return Error{"cannot start " + argv[0] + ": " + std::strerror(spawned)};
    }
    std::string output;
    char buffer[4096];
    for (;;) {
        const ssize_t got = read(pipe_fds[0], buffer, sizeof buffer);
        if (got > 0)
            output.append(buffer, static_cast<std::size_t>(got));
        else if (got == 0 || errno != EINTR)
            break;
    }
    close(pipe_fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
            output.pop_back();
        return Error{argv[0] + " " + describe_wait_status(status) + (output.empty() ? "" : ": " + output)};
    }
    return output;
}

Result<ChildProcess> ChildProcess::spawn(const std::vector<std::string>& argv,
                                         const std::vector<std::pair<std::string, std::string>>& environment,
                                         const std::string& log_path)
{
    std::vector<std::string> env;
    for (char** entry = environ; *entry; ++entry) {
        const std::string_view inherited = *entry;
        bool replaced = false;
        for (const auto& [name, value] : environment)
            replaced = replaced || inherited.substr(0, name.size() + 1) == name + "=";
        if (!replaced)
            env.emplace_back(inherited);
    }
    for (const auto& [name, value] : environment)
        env.push_back(name + "=" + value);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers = c_strings(args);
    std::vector<char*> env_pointers = c_strings(env);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(), env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return Error{"cannot start " + argv[0] + ": " + std::strerror(spawned)};
    return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : m_pid(std::exchange(other.m_pid, -1)), m_status(other.m_status)
{
}

ChildProcess::~ChildProcess()
{
    if (m_pid > 0 && !m_status) {
        kill(m_pid, SIGKILL);
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
    }
}

std::optional<int> ChildProcess::poll_exit()
{
    if (m_status || m_pid <= 0)
        return m_status;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid)
        m_status = status;
    return m_status;
}

Result<int> ChildProcess::terminate(std::chrono::milliseconds grace)
{
    if (const auto status = poll_exit())
        return *status;
    kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto status = poll_exit())
            return *status;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(m_pid, SIGKILL);
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_status = status;
    return Error{"pid " + std::to_string(m_pid) + " did not end within " + std::to_string(grace.count()) +
                 " ms of SIGTERM and was killed"};
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

Result<int> wait_for_hub_port(const std::string& log_path, ChildProcess& hub)
{
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string text;
    while (std::chrono::steady_clock::now() < give_up) {
        std::ifstream in(log_path);
        std::ostringstream content;
        content << in.rdbuf();
        text = content.str();
        if (const std::size_t at = text.find("listening on "); at != std::string::npos) {
            const std::size_t end = text.find('\n', at);
            if (end != std::string::npos) {
                const std::string line = text.substr(at, end - at);
                return std::atoi(line.c_str() + line.rfind(':') + 1);
            }
        }
        if (auto status = hub.poll_exit())
            return Error{"lotsen-hub serve " + describe_wait_status(*status) + ": " + text};
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return Error{"lotsen-hub serve did not say where it listens within 10 s: " + text};
}

}  // namespace lotsen::bench
