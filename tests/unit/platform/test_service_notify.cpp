// Tests of core/service_notify against a real AF_UNIX datagram socket standing in for systemd's
// notification socket: what the kiosk says, that it says nothing outside systemd, and the
// watchdog interval it derives from the unit's settings.
#include "core/platform/service_notify.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace fs = std::filesystem;
namespace notify = lotsen::service_notify;

namespace {

// A bound datagram socket at a temporary path, with NOTIFY_SOCKET pointing at it while it lives.
class FakeSystemd {
public:
    FakeSystemd()
    {
        m_path = (fs::temp_directory_path() / ("lotsen-notify-" + std::to_string(::getpid()))).string();
        ::unlink(m_path.c_str());
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        m_path.copy(address.sun_path, sizeof address.sun_path - 1);
        m_bound = ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::setenv("NOTIFY_SOCKET", m_path.c_str(), 1);
    }
    ~FakeSystemd()
    {
        ::unsetenv("NOTIFY_SOCKET");
        ::close(m_fd);
        ::unlink(m_path.c_str());
    }
    FakeSystemd(const FakeSystemd&) = delete;
    FakeSystemd& operator=(const FakeSystemd&) = delete;

    bool bound() const { return m_bound; }

    /// The next message, or "" when none is waiting.
    std::string receive()
    {
        char buffer[512];
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
    }

private:
    std::string m_path;
    int m_fd = -1;
    bool m_bound = false;
};

}  // namespace

TEST(ServiceNotify, OutsideSystemdEveryCallIsANoOp)
{
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
    EXPECT_FALSE(notify::ready());
    EXPECT_FALSE(notify::watchdog_ping());
    EXPECT_FALSE(notify::stopping());
    EXPECT_FALSE(notify::watchdog_interval().has_value());
}

TEST(ServiceNotify, TellsSystemdReadyStatusAndStopping)
{
    FakeSystemd systemd;
    ASSERT_TRUE(systemd.bound());
    EXPECT_TRUE(notify::ready());
    EXPECT_EQ(systemd.receive(), "READY=1");
    EXPECT_TRUE(notify::status("catalogue 12\nqueue 3"));
    EXPECT_EQ(systemd.receive(), "STATUS=catalogue 12 queue 3");
    EXPECT_TRUE(notify::stopping());
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(ServiceNotify, WatchdogPingsAtHalfTheUnitsTimeout)
{
    FakeSystemd systemd;
    ASSERT_TRUE(systemd.bound());
    ::setenv("WATCHDOG_USEC", "30000000", 1);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    const auto interval = notify::watchdog_interval();
    ASSERT_TRUE(interval.has_value());
    EXPECT_EQ(interval->count(), 15000);
    EXPECT_TRUE(notify::watchdog_ping());
    EXPECT_EQ(systemd.receive(), "WATCHDOG=1");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
    EXPECT_FALSE(notify::watchdog_ping());  // no watchdog armed: nothing is sent
    EXPECT_EQ(systemd.receive(), "");
}
