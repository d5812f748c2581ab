// test_release_rollback.cpp — the real `lotsen` as systemd starts it, launching installed releases:
// a good release proves its health and its trial ends; a release that crashes is rolled back at the
// next start, the previous release runs again (its first frame reaches the notify socket) and the bad
// version is never installed again; a release whose hub never answers is ended by its deadline alarm
// and rolled back the same way.
//
// The kiosk runs windowed on SDL's "dummy" video driver (no display needed). A release's bin/lotsen is a
// two-line script that execs the lotsen built next to lotsen-hub, so the launcher → release → kiosk path
// is the real one (execv, the LOTSEN_LAUNCHED_RELEASE marker, the trial alarm) without copying a 50 MB
// program into every bundle. The bad release's bin/lotsen is a script that exits 1.
#include "tests/common/notify_socket.hpp"
#include "tests/integration/processes.hpp"
#include "core/release/release_manager.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing::ChildProcess;
using testing::NotifySocket;
using testing::run_command;

class ReleaseRollbackTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("lotsen-rollback-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "data");
        m_kiosk = (fs::path(testing::hub_program()).parent_path() / "lotsen").string();
        ASSERT_TRUE(fs::exists(m_kiosk)) << m_kiosk << " is not built (it is built with lotsen-hub by `make`)";
        ::setenv("SDL_VIDEODRIVER", "dummy", 1);
        ::setenv("SDL_AUDIODRIVER", "dummy", 1);
        ::unsetenv("LOTSEN_LAUNCHED_RELEASE");
        ::unsetenv("LOTSEN_NO_LAUNCH");
    }
    void TearDown() override
    {
        ::unsetenv("NOTIFY_SOCKET");
        fs::remove_all(m_dir);
    }

    // A bundle made by GNU tar whose bin/lotsen runs `program_text`.
    std::string bundle(const std::string& name, const std::string& program_text)
    {
        const fs::path tree = m_dir / ("tree-" + name);
        fs::create_directories(tree / "bin");
        std::ofstream(tree / "RELEASE") << name << "\n";
        std::ofstream(tree / "bin/lotsen") << program_text;
        fs::permissions(tree / "bin/lotsen", fs::perms(0755));
        const std::string path = (m_dir / (name + ".tar.gz")).string();
        const int rc = std::system(("tar -C '" + tree.string() + "' -czf '" + path + "' .").c_str());
        EXPECT_EQ(rc, 0);
        return path;
    }
    std::string good_program() const { return "#!/bin/sh\nexec '" + m_kiosk + "' \"$@\"\n"; }

    std::vector<std::string> kiosk_command(const std::string& config = "") const
    {
        // The kiosk as lotsen.service starts it, with stderr on stdout so the test reads the launcher's lines.
        std::string command = "exec '" + m_kiosk + "' --data-dir '" + (m_dir / "data").string() + "' --size 800x480";
        if (!config.empty())
            command += " --config '" + config + "'";
        return {"/bin/sh", "-c", command + " 2>&1"};
    }

    std::string current_link() const
    {
        std::error_code ec;
        const fs::path target = fs::read_symlink(m_dir / "data/releases/current", ec);
        return ec ? std::string("(none)") : target.string();
    }

    // Reads the child's lines until one contains `wanted`; false at its end or after a minute.
    static bool wait_for_line(ChildProcess& child, const std::string& wanted, std::string& seen)
    {
        std::string line;
        while (child.read_line(line, 60'000)) {
            seen += line + "\n";
            if (line.find(wanted) != std::string::npos)
                return true;
        }
        return false;
    }

    fs::path m_dir;
    std::string m_kiosk;
};

TEST_F(ReleaseRollbackTest, CrashingReleaseIsRolledBackAndNeverTriedAgain)
{
    NotifySocket notify((m_dir / "notify.sock").string());
    ASSERT_TRUE(notify.bound());
    ::setenv("NOTIFY_SOCKET", notify.path().c_str(), 1);
    const std::string data = (m_dir / "data").string();

    // Release 1 installs, starts through the launcher and proves its health (no hub configured:
    // store open and first frame are enough).
    {
        auto releases = ReleaseManager::open(data);
        ASSERT_TRUE(releases.ok()) << releases.error().text();
        auto installed = releases.value()->install_and_switch(bundle("good-1", good_program()), 1, "good-1");
        ASSERT_TRUE(installed.ok()) << installed.error().text();
    }
    {
        ChildProcess kiosk(kiosk_command());
        ASSERT_TRUE(kiosk.started());
        std::string seen;
        ASSERT_TRUE(wait_for_line(kiosk, "release 1 proved its health", seen)) << seen;
        EXPECT_NE(seen.find("release 1 good-1 is on trial"), std::string::npos) << seen;
        EXPECT_NE(seen.find("starting release 1 good-1"), std::string::npos) << seen;
        ASSERT_TRUE(notify.wait_ready(NotifySocket::Clock::now() + std::chrono::seconds(60)));
        kiosk.kill_and_wait(SIGTERM);
    }
    auto releases = ReleaseManager::open(data);
    ASSERT_TRUE(releases.ok());
    EXPECT_FALSE(releases.value()->trial());
    EXPECT_EQ(current_link(), "1");

    // Release 2 crashes at every start.
    auto installed = releases.value()->install_and_switch(
        bundle("bad-2", "#!/bin/sh\necho 'bad release 2 started' >&2\nexit 1\n"), 2, "bad-2");
    ASSERT_TRUE(installed.ok()) << installed.error().text();
    EXPECT_EQ(current_link(), "2");
    const testing::CommandResult crashed = run_command(kiosk_command());
    EXPECT_EQ(crashed.exit_code, 1) << crashed.output;
    EXPECT_NE(crashed.output.find("release 2 bad-2 is on trial"), std::string::npos) << crashed.output;
    EXPECT_NE(crashed.output.find("bad release 2 started"), std::string::npos) << crashed.output;

    // systemd starts the kiosk again: the launcher rolls back, and release 1 comes up.
    {
        ChildProcess kiosk(kiosk_command());
        std::string seen;
        ASSERT_TRUE(wait_for_line(kiosk, "rolled back: release 2 bad-2 started 1 time(s) without proving its health", seen))
            << seen;
        ASSERT_TRUE(wait_for_line(kiosk, "starting release 1 good-1", seen)) << seen;
        ASSERT_TRUE(notify.wait_ready(NotifySocket::Clock::now() + std::chrono::seconds(60))) << "release 1 did not show a frame after the rollback";
        kiosk.kill_and_wait(SIGTERM);
        EXPECT_EQ(seen.find("bad release 2 started"), std::string::npos) << seen;
    }
    EXPECT_EQ(current_link(), "1");
    EXPECT_TRUE(releases.value()->has_failed(2));
    EXPECT_FALSE(fs::exists(data + "/releases/2"));
    EXPECT_EQ(releases.value()->report().failed, (std::vector<std::string>{"2 bad-2"}));

    auto again = releases.value()->install_and_switch(bundle("bad-2", "#!/bin/sh\nexit 1\n"), 2, "bad-2");
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().text().find("never installed again"), std::string::npos) << again.error().text();
    EXPECT_EQ(current_link(), "1");
}

// A release that runs but never proves its health — here because its hub never answers — is ended by
// the alarm the launcher set before execv, and rolled back at the next start. Takes the minimum
// health_check_seconds, 10 s: the one wait in this file, and it decides nothing by timing.
TEST_F(ReleaseRollbackTest, ReleaseThatNeverProvesItsHealthIsEndedAtItsDeadline)
{
    const std::string data = (m_dir / "data").string();
    const std::string config = (m_dir / "lotsen.toml").string();
    std::ofstream(config) << "[updates]\nhealth_check_seconds = 10\n";
    // Port 9 on loopback (discard) is closed here: the hub never answers.
    const std::string config_unreachable = (m_dir / "unreachable.toml").string();
    std::ofstream(config_unreachable) << "[updates]\nhealth_check_seconds = 10\n[upstream]\nurl = \"http://127.0.0.1:9\"\n";

    auto releases = ReleaseManager::open(data);
    ASSERT_TRUE(releases.ok());
    ASSERT_TRUE(releases.value()->install_and_switch(bundle("silent-5", good_program()), 5, "silent-5").ok());

    const testing::CommandResult ended = run_command(kiosk_command(config_unreachable));
    EXPECT_EQ(ended.exit_code, 3) << ended.output;
    EXPECT_NE(ended.output.find("did not prove its health within [updates] health_check_seconds"), std::string::npos)
        << ended.output;
    EXPECT_TRUE(releases.value()->trial());

    // The next start (the config fixed, say) rolls back to the packaged program: there was no release before.
    ChildProcess kiosk(kiosk_command(config));
    std::string seen;
    ASSERT_TRUE(wait_for_line(kiosk, "rolled back: release 5 silent-5", seen)) << seen;
    kiosk.kill_and_wait(SIGTERM);
    EXPECT_EQ(current_link(), "(none)");
    EXPECT_TRUE(releases.value()->has_failed(5));
}

}  // namespace
}  // namespace lotsen
