// notify_socket.hpp — a datagram socket standing in for systemd's NOTIFY_SOCKET, for the programs that
// start the real kiosk and wait for the READY=1 it sends after its first frame (lotsen-bench's start-up
// figures, the release rollback test). Header-only: the two live in executables that share no library.
#pragma once

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lotsen::testing {

class NotifySocket {
public:
    using Clock = std::chrono::steady_clock;

    explicit NotifySocket(std::string path) : m_path(std::move(path))
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        m_path.copy(address.sun_path, sizeof address.sun_path - 1);
        ::unlink(m_path.c_str());  // left by an earlier run that was killed
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~NotifySocket()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        ::unlink(m_path.c_str());
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    bool bound() const { return m_bound; }
    const std::string& path() const { return m_path; }

    // Waits for a message containing READY=1; its arrival time, or nullopt at `deadline` or as soon as
    // `gave_up` (asked whenever no message came for 50 ms) says there is no point waiting — the kiosk ended.
    std::optional<Clock::time_point> wait_ready(Clock::time_point deadline, const std::function<bool()>& gave_up = {})
    {
        while (Clock::now() < deadline) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) > 0) {
                char buffer[512];
                const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
                const Clock::time_point at = Clock::now();
                if (n > 0 && std::string_view(buffer, static_cast<std::size_t>(n)).find("READY=1") != std::string_view::npos)
                    return at;
            } else if (gave_up && gave_up()) {
                return std::nullopt;
            }
        }
        return std::nullopt;
    }

private:
    std::string m_path;
    int m_fd = -1;
    bool m_bound = false;
};

}  // namespace lotsen::testing
