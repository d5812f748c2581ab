// processes.cpp — fork/exec with a pipe on standard output; see processes.hpp.
#include "tests/integration/processes.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace lotsen::testing {

namespace {

pid_t spawn(const std::vector<std::string>& argv, int& stdout_fd, bool merge_stderr)
{
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(pipe_fds[1], STDOUT_FILENO);
        if (merge_stderr)
            ::dup2(pipe_fds[1], STDERR_FILENO);
        std::vector<char*> args;
        for (const std::string& arg : argv)
            args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        std::perror(args[0]);
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    stdout_fd = pipe_fds[0];
    return pid;
}

int exit_code_of(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

}  // namespace

std::string hub_program()
{
    // LOTSEN_TEST_HUB_PROGRAM runs the same tests against another build (an older hub, to see that a
    // test fails where the bug still is).
    if (const char* other = std::getenv("LOTSEN_TEST_HUB_PROGRAM"); other != nullptr && *other != '\0')
        return other;
    return LOTSEN_HUB_PROGRAM;
}

std::string asan_options_allowing_preload()
{
    const char* asan = std::getenv("ASAN_OPTIONS");
    return std::string("ASAN_OPTIONS=") + (asan != nullptr && *asan != '\0' ? std::string(asan) + ":" : "")
           + "verify_asan_link_order=0";
}

CommandResult run_command(const std::vector<std::string>& argv)
{
    CommandResult result;
    int out = -1;
    const pid_t pid = spawn(argv, out, /*merge_stderr=*/true);
    if (pid < 0)
        return result;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(out, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0)
            result.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out);
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = exit_code_of(status);
    return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, bool merge_stderr)
{
    m_pid = spawn(argv, m_stdout, merge_stderr);
}

ChildProcess::~ChildProcess()
{
    if (m_pid > 0)
        kill_and_wait(SIGKILL);
    if (m_stdout >= 0)
        ::close(m_stdout);
}

bool ChildProcess::read_line(std::string& line, int timeout_ms)
{
    while (true) {
        if (const std::size_t end = m_buffer.find('\n'); end != std::string::npos) {
            line = m_buffer.substr(0, end);
            m_buffer.erase(0, end + 1);
            return true;
        }
        pollfd p{m_stdout, POLLIN, 0};
        const int rc = ::poll(&p, 1, timeout_ms);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0)
            return false;
        char buffer[4096];
        const ssize_t n = ::read(m_stdout, buffer, sizeof buffer);
        if (n <= 0)
            return false;
        m_buffer.append(buffer, static_cast<std::size_t>(n));
    }
}

int ChildProcess::kill_and_wait(int signal)
{
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, signal);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    return status;
}

int ChildProcess::wait()
{
    if (m_pid <= 0)
        return -1;
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    return exit_code_of(status);
}

HubProcess::HubProcess(std::string data_dir, int port, std::vector<std::string> extra) : m_data_dir(std::move(data_dir))
{
    // Only `init` makes a hub; on a folder that already holds one it changes nothing.
    ChildProcess init({hub_program(), "init", "--data-dir", m_data_dir});
    init.wait();
    std::vector<std::string> argv = {hub_program(), "serve", "--data-dir", m_data_dir, "--listen",
                                     "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    m_child = std::make_unique<ChildProcess>(argv);
    // The hub prints "listening on 127.0.0.1:PORT" once it accepts connections.
    std::string line;
    while (m_child->read_line(line, 10'000)) {
        const std::size_t at = line.find("listening on ");
        if (at == std::string::npos)
            continue;
        m_port = std::atoi(line.c_str() + line.rfind(':') + 1);
        break;
    }
}

HubProcess::~HubProcess() { stop(SIGTERM); }

void HubProcess::stop(int signal)
{
    if (m_child == nullptr)
        return;
    m_child->kill_and_wait(signal);
    m_child.reset();
}

}  // namespace lotsen::testing
