// test_kiosk_start.cpp — the real `lotsen` as systemd starts it (SDL's dummy video driver), for what
// must never end it: a bad value in its own config file (an exit is a crash loop under Restart=always)
// and the wall clock stepped a day back and forward while it runs (libfaketime moves only the wall
// clock, FAKETIME_DONT_FAKE_MONOTONIC=1; the kiosk notices the step, logs it and keeps its timers).
#include "tests/common/files.hpp"
#include "tests/integration/processes.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing::ChildProcess;

constexpr int k_patience_ms = 60'000;  // a slow, shared machine: how long to wait for a line, not a goal
constexpr const char* k_faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

class KioskStart : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_kiosk = (fs::path(testing::hub_program()).parent_path() / "lotsen").string();
        ASSERT_TRUE(fs::exists(m_kiosk)) << m_kiosk << " is not built";
        ASSERT_FALSE(m_dir.path().empty());
    }

    /// The kiosk's command, with `environment` ("NAME=value" …) before it and stderr on stdout.
    std::vector<std::string> command(const std::string& config, const std::vector<std::string>& environment = {}) const
    {
        std::string line = "exec env SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy LOTSEN_NO_LAUNCH=1";
        for (const std::string& variable : environment)
            line += " '" + variable + "'";
        line += " '" + m_kiosk + "' --data-dir '" + (m_dir / "data").string() + "' --size 800x480 --config '" + config + "'";
        return {"/bin/sh", "-c", line + " 2>&1"};
    }

    /// Reads lines until one contains `part`; everything read is kept in m_output.
    bool read_until(ChildProcess& kiosk, const std::string& part)
    {
        std::string line;
        while (kiosk.read_line(line, k_patience_ms)) {
            m_output += line + "\n";
            if (line.find(part) != std::string::npos)
                return true;
        }
        return false;
    }

    std::string m_kiosk;
    testing::TempDir m_dir{"lotsen-kiosk-start"};
    std::string m_output;
};

std::string shipped_config()
{
    return testing::read_file(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
}

TEST_F(KioskStart, ABadConfigValueOnFirstBootStartsOutOfOrderInsteadOfExiting)
{
    std::string text = shipped_config();
    text.replace(text.find("idle_prompt_seconds = 90"), 24, "idle_prompt_seconds = 5");
    const std::string config = (m_dir / "lotsen.toml").string();
    ASSERT_TRUE(testing::write_file(config, text));
    ChildProcess kiosk(command(config), true);
    ASSERT_TRUE(kiosk.started());
    EXPECT_TRUE(read_until(kiosk, "out of order")) << m_output;
    EXPECT_NE(m_output.find(config + ":"), std::string::npos) << "the file and line are not named:\n" << m_output;
    // Running: its window is open. SIGTERM (systemd stopping it) ends it cleanly.
    EXPECT_TRUE(read_until(kiosk, "video driver")) << m_output;
    EXPECT_EQ(kiosk.kill_and_wait(SIGTERM), 0) << m_output;
}

TEST_F(KioskStart, ABadConfigValueLaterStartsOnTheLastGoodOne)
{
    const std::string config = (m_dir / "lotsen.toml").string();
    ASSERT_TRUE(testing::write_file(config, shipped_config()));
    {
        ChildProcess kiosk(command(config), true);
        ASSERT_TRUE(read_until(kiosk, "video driver")) << m_output;
        EXPECT_EQ(kiosk.kill_and_wait(SIGTERM), 0) << m_output;
    }
    std::string text = shipped_config();
    text.replace(text.find("idle_prompt_seconds = 90"), 24, "idle_prompt_seconds = \"x\"");
    ASSERT_TRUE(testing::write_file(config, text));
    m_output.clear();
    ChildProcess kiosk(command(config), true);
    EXPECT_TRUE(read_until(kiosk, "last configuration that loaded")) << m_output;
    EXPECT_TRUE(read_until(kiosk, "video driver")) << m_output;
    EXPECT_EQ(kiosk.kill_and_wait(SIGTERM), 0) << m_output;
}

// The real binary's wall clock stepped a day back, then two days forward, while it runs. libfaketime
// reads the offset from a file at every clock call (FAKETIME_NO_CACHE=1).
TEST_F(KioskStart, WallClockStepsAreNoticedAndSurvived)
{
    if (!fs::exists(k_faketime))
        GTEST_SKIP() << k_faketime << " is missing (Debian package libfaketime, which `make test` installs)";
    const std::string config = (m_dir / "lotsen.toml").string();
    ASSERT_TRUE(testing::write_file(config, shipped_config()));
    const std::string offset = (m_dir / "faketime").string();
    ASSERT_TRUE(testing::write_file(offset, "+0\n"));
    ChildProcess kiosk(command(config, {std::string("LD_PRELOAD=") + k_faketime, testing::asan_options_allowing_preload(),
                                        "FAKETIME_DONT_FAKE_MONOTONIC=1", "FAKETIME_NO_CACHE=1",
                                        "FAKETIME_TIMESTAMP_FILE=" + offset}),
                       true);
    ASSERT_TRUE(read_until(kiosk, "video driver")) << m_output;
    // The loop takes its first look at both clocks once it runs, a moment after this line: a step
    // before that look is simply the time it starts with. Give it that moment.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    ASSERT_TRUE(testing::write_file(offset, "-1d\n"));
    // The step is measured in whole seconds against the monotonic clock: a day, give or take one.
    EXPECT_TRUE(read_until(kiosk, "wall clock was stepped by -86")) << m_output;
    ASSERT_TRUE(testing::write_file(offset, "+1d\n"));
    EXPECT_TRUE(read_until(kiosk, "wall clock was stepped by +172")) << m_output;
    EXPECT_EQ(kiosk.kill_and_wait(SIGTERM), 0) << m_output;
}

}  // namespace
}  // namespace lotsen
