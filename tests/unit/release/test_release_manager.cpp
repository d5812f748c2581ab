// test_release_manager.cpp — installed releases: install_and_switch unpacks and flips `current`
// (always a link, never missing), a trial that starts twice without confirming — or confirms after
// its deadline — is rolled back to the previous release (or the packaged program) and never installed
// again; bad bundles change nothing; old releases are pruned; the state file is what it says; report().
// Times are passed in, never waited for.
#include "core/release/release_manager.hpp"
#include "tests/common/release_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing_support::TarWriter;

constexpr std::int64_t k_t0 = 1'800'000'000;

class ReleaseManagerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("lotsen-releases-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir / "data");
        auto manager = ReleaseManager::open((m_dir / "data").string());
        ASSERT_TRUE(manager.ok()) << manager.error().text();
        m_releases = std::move(manager).value();
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // A bundle for release `name` whose program prints it.
    std::string bundle(const std::string& name)
    {
        TarWriter tar;
        tar.file("RELEASE", name + "\n");
        tar.file("bin/lotsen", "#!/bin/sh\necho " + name + "\n", 0755);
        tar.file("share/lotsen/i18n/sv.toml", "# " + name + "\n");
        const std::string path = (m_dir / (name + ".tar.gz")).string();
        testing_support::write_file(path, tar.gzipped());
        return path;
    }

    std::string releases() const { return (m_dir / "data/releases").string(); }
    std::string current_link() const
    {
        std::error_code ec;
        const fs::path target = fs::read_symlink(releases() + "/current", ec);
        return ec ? std::string("(no link)") : target.string();
    }
    nlohmann::json state() const
    {
        std::ifstream file(releases() + "/state.json");
        std::stringstream text;
        text << file.rdbuf();
        return nlohmann::json::parse(text.str());
    }

    // Installs and confirms `version`, as a kiosk that came up healthy would.
    void install_good(std::int64_t version, const std::string& name, std::int64_t now)
    {
        ASSERT_TRUE(m_releases->install_and_switch(bundle(name), version, name, now).ok());
        auto start = m_releases->on_start(now + 5);
        ASSERT_TRUE(start.ok()) << start.error().text();
        ASSERT_TRUE(start.value().trial);
        auto confirmed = m_releases->confirm_healthy(version, now + 10);
        ASSERT_TRUE(confirmed.ok()) << confirmed.error().text();
    }

    fs::path m_dir;
    std::unique_ptr<ReleaseManager> m_releases;
};

TEST_F(ReleaseManagerTest, FreshKioskRunsThePackagedProgram)
{
    auto start = m_releases->on_start(k_t0);
    ASSERT_TRUE(start.ok()) << start.error().text();
    EXPECT_FALSE(start.value().version);
    EXPECT_FALSE(start.value().trial);
    EXPECT_TRUE(start.value().rolled_back.empty());
    EXPECT_EQ(current_link(), "(no link)");
    EXPECT_FALSE(fs::exists(releases() + "/state.json")) << "a start that changes nothing writes nothing";
    const ReleaseManager::Report report = m_releases->report();
    EXPECT_TRUE(report.installed.empty());
    EXPECT_EQ(report.running, "");
    EXPECT_TRUE(report.failed.empty());
}

TEST_F(ReleaseManagerTest, InstallUnpacksAndSwitchesCurrentAsATrial)
{
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.2.0"), 7, "0.2.0", k_t0).ok());
    EXPECT_EQ(current_link(), "7");
    EXPECT_TRUE(fs::is_regular_file(releases() + "/current/bin/lotsen"));
    struct stat st {};
    ASSERT_EQ(::stat((releases() + "/7/bin/lotsen").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u);

    nlohmann::json json = state();
    EXPECT_EQ(json["format"], 1);
    EXPECT_EQ(json["current"], 7);
    EXPECT_TRUE(json["previous"].is_null());
    EXPECT_EQ(json["trial"]["version"], 7);
    EXPECT_EQ(json["trial"]["started_count"], 0);
    EXPECT_EQ(json["releases"][0]["name"], "0.2.0");

    // The launcher's start: counted, with a deadline health_check_seconds (120) away.
    auto start = m_releases->on_start(k_t0 + 30);
    ASSERT_TRUE(start.ok()) << start.error().text();
    ASSERT_EQ(start.value().version, 7);
    EXPECT_TRUE(start.value().trial);
    EXPECT_EQ(start.value().deadline, k_t0 + 30 + 120);
    EXPECT_EQ(start.value().program, releases() + "/7/bin/lotsen");
    EXPECT_EQ(start.value().name, "0.2.0");
    ASSERT_TRUE(m_releases->trial());
    EXPECT_EQ(m_releases->trial()->version, 7);

    ASSERT_TRUE(m_releases->confirm_healthy(7, k_t0 + 40).ok());
    EXPECT_FALSE(m_releases->trial());
    EXPECT_TRUE(state()["trial"].is_null());

    // Confirmed releases start without a trial, as often as they like.
    for (int i = 0; i < 3; ++i) {
        auto again = m_releases->on_start(k_t0 + 100 + i);
        ASSERT_TRUE(again.ok());
        EXPECT_EQ(again.value().version, 7);
        EXPECT_FALSE(again.value().trial);
    }
}

TEST_F(ReleaseManagerTest, NextInstallKeepsThePreviousToReturnTo)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());
    EXPECT_EQ(current_link(), "8");
    EXPECT_EQ(state()["previous"], 7);
    // The link is switched by rename: it exists as a link at every moment, never a directory.
    EXPECT_TRUE(fs::is_symlink(releases() + "/current"));
    EXPECT_FALSE(fs::exists(releases() + "/current.tmp"));

    // Asking again for the current one (the updater after a restart) is fine and changes nothing.
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1001).ok());
    // A third release while 8 is still on trial waits.
    auto during_trial = m_releases->install_and_switch(bundle("0.4.0"), 9, "0.4.0", k_t0 + 1002);
    ASSERT_FALSE(during_trial.ok());
    EXPECT_NE(during_trial.error().text().find("still on trial"), std::string::npos) << during_trial.error().text();
    EXPECT_FALSE(fs::exists(releases() + "/9"));
}

TEST_F(ReleaseManagerTest, CrashLoopRollsBackAndTheVersionIsNeverInstalledAgain)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());

    auto first = m_releases->on_start(k_t0 + 1010);  // the new release starts … and crashes
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.value().version, 8);
    EXPECT_TRUE(first.value().rolled_back.empty());

    auto second = m_releases->on_start(k_t0 + 1013);  // systemd restarts it: rolled back
    ASSERT_TRUE(second.ok()) << second.error().text();
    EXPECT_EQ(second.value().version, 7);
    EXPECT_FALSE(second.value().trial);
    EXPECT_NE(second.value().rolled_back.find("release 8 0.3.0 started 1 time(s) without proving its health"),
              std::string::npos) << second.value().rolled_back;
    EXPECT_EQ(current_link(), "7");
    EXPECT_TRUE(m_releases->has_failed(8));
    EXPECT_FALSE(m_releases->has_failed(7));
    EXPECT_FALSE(fs::exists(releases() + "/8")) << "a failed release's files are removed";
    nlohmann::json json = state();
    EXPECT_EQ(json["failed"][0]["version"], 8);
    EXPECT_EQ(json["failed"][0]["name"], "0.3.0");
    EXPECT_EQ(json["failed"][0]["at"], k_t0 + 1013);

    auto retried = m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 2000);
    ASSERT_FALSE(retried.ok());
    EXPECT_NE(retried.error().text().find("never installed again"), std::string::npos) << retried.error().text();
    EXPECT_EQ(current_link(), "7");
    EXPECT_FALSE(fs::exists(releases() + "/8"));

    // A fixed release with a new version is welcome.
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.1"), 9, "0.3.1", k_t0 + 3000).ok());
    EXPECT_EQ(current_link(), "9");
    EXPECT_EQ(state()["previous"], 7);
}

TEST_F(ReleaseManagerTest, LateConfirmationDoesNotSaveATrial)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());
    auto start = m_releases->on_start(k_t0 + 1010);
    ASSERT_TRUE(start.ok());
    ASSERT_EQ(start.value().deadline, k_t0 + 1130);

    auto late = m_releases->confirm_healthy(8, k_t0 + 1131);
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().text().find("after its deadline"), std::string::npos) << late.error().text();
    ASSERT_TRUE(m_releases->trial());

    // The process was ended at its deadline (the launcher's alarm); the next start rolls back.
    auto next = m_releases->on_start(k_t0 + 1135);
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next.value().version, 7);
    EXPECT_FALSE(next.value().rolled_back.empty());
    EXPECT_TRUE(m_releases->has_failed(8));
    EXPECT_EQ(current_link(), "7");
}

// An NTP step forward of a day during a trial (a Pi's first sync): by the wall clock the confirmation
// is a day late, by the boot's own clock it is in time, and the healthy release stays (issue 16).
TEST_F(ReleaseManagerTest, WallClockStepForwardDuringATrialDoesNotRollBack)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());
    auto start = m_releases->on_start(ReleaseClock{k_t0 + 1010, "boot-a", 40});
    ASSERT_TRUE(start.ok()) << start.error().text();
    EXPECT_EQ(state()["trial"]["boot_id"], "boot-a");
    EXPECT_EQ(state()["trial"]["boot_deadline"], 160);

    auto confirmed = m_releases->confirm_healthy(8, ReleaseClock{k_t0 + 1030 + 86400, "boot-a", 60});
    ASSERT_TRUE(confirmed.ok()) << confirmed.error().text();
    EXPECT_FALSE(m_releases->trial());
    auto next = m_releases->on_start(ReleaseClock{k_t0 + 90000, "boot-b", 30});
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next.value().version, 8);
    EXPECT_FALSE(m_releases->has_failed(8));
}

// Stepped back instead, the wall clock would give a hung release a day more; the boot clock does not.
TEST_F(ReleaseManagerTest, WallClockStepBackDoesNotLengthenATrial)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());
    ASSERT_TRUE(m_releases->on_start(ReleaseClock{k_t0 + 1010, "boot-a", 40}).ok());
    auto late = m_releases->confirm_healthy(8, ReleaseClock{k_t0 + 1010 - 86400, "boot-a", 161});
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().text().find("by the boot clock"), std::string::npos) << late.error().text();
    EXPECT_TRUE(m_releases->trial());
}

// A state file written before the boot clock (no boot_id) is judged by the wall clock, as it was.
TEST_F(ReleaseManagerTest, TrialWithoutBootIdIsJudgedByTheWallClock)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 1000).ok());
    ASSERT_TRUE(m_releases->on_start(k_t0 + 1010).ok());
    EXPECT_FALSE(state()["trial"].contains("boot_id"));
    auto late = m_releases->confirm_healthy(8, ReleaseClock{k_t0 + 1131, "boot-a", 10});
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().text().find("by the wall clock"), std::string::npos) << late.error().text();
}

TEST_F(ReleaseManagerTest, FirstReleaseFailingGoesBackToThePackagedProgram)
{
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.2.0"), 7, "0.2.0", k_t0).ok());
    ASSERT_TRUE(m_releases->on_start(k_t0 + 1).ok());
    auto start = m_releases->on_start(k_t0 + 2);
    ASSERT_TRUE(start.ok());
    EXPECT_FALSE(start.value().version);
    EXPECT_FALSE(start.value().rolled_back.empty());
    EXPECT_EQ(current_link(), "(no link)");
    EXPECT_TRUE(state()["current"].is_null());
    EXPECT_TRUE(m_releases->has_failed(7));
}

TEST_F(ReleaseManagerTest, MissingProgramAndLaunchFailureRollBack)
{
    install_good(7, "0.2.0", k_t0);
    install_good(8, "0.3.0", k_t0 + 100);
    fs::remove(releases() + "/8/bin/lotsen");
    auto start = m_releases->on_start(k_t0 + 200);
    ASSERT_TRUE(start.ok());
    EXPECT_EQ(start.value().version, 7);
    EXPECT_NE(start.value().rolled_back.find("missing or not executable"), std::string::npos) << start.value().rolled_back;

    // The launcher could not execute 7: marked failed, back to the packaged program.
    ASSERT_TRUE(m_releases->record_failure(7, "exec: Exec format error", k_t0 + 300).ok());
    EXPECT_EQ(current_link(), "(no link)");
    EXPECT_TRUE(m_releases->has_failed(7));
    const ReleaseManager::Report report = m_releases->report();
    EXPECT_EQ(report.failed, (std::vector<std::string>{"8 0.3.0", "7 0.2.0"}));
}

TEST_F(ReleaseManagerTest, BadBundlesChangeNothing)
{
    install_good(7, "0.2.0", k_t0);
    const std::string before = state().dump();

    TarWriter evil;
    evil.file("RELEASE", "0.3.0\n");
    evil.file("bin/lotsen", "x", 0755);
    evil.symlink("share", "../../../etc");
    const std::string evil_path = (m_dir / "evil.tar.gz").string();
    testing_support::write_file(evil_path, evil.gzipped());
    auto refused = m_releases->install_and_switch(evil_path, 8, "0.3.0", k_t0 + 100);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("bundle member 'share'"), std::string::npos) << refused.error().text();

    auto wrong_name = m_releases->install_and_switch(bundle("0.9.9"), 8, "0.3.0", k_t0 + 100);
    ASSERT_FALSE(wrong_name.ok());
    EXPECT_NE(wrong_name.error().text().find("names it \"0.9.9\", not \"0.3.0\""), std::string::npos)
        << wrong_name.error().text();

    EXPECT_EQ(state().dump(), before);
    EXPECT_EQ(current_link(), "7");
    for (const auto& entry : fs::directory_iterator(releases()))
        EXPECT_TRUE(entry.path().filename() != "8" && !entry.path().filename().string().starts_with(".unpack"))
            << entry.path();
    EXPECT_FALSE(m_releases->has_failed(8)) << "a refused bundle is not a failed health check";
}

TEST_F(ReleaseManagerTest, KeepsTheNewestThreeReleases)
{
    for (std::int64_t version = 1; version <= 5; ++version)
        install_good(version, "0." + std::to_string(version), k_t0 + version * 1000);
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(releases()))
        if (entry.is_directory() && !entry.is_symlink())
            dirs.push_back(entry.path().filename().string());
    std::sort(dirs.begin(), dirs.end());
    EXPECT_EQ(dirs, (std::vector<std::string>{"3", "4", "5"}));
    EXPECT_EQ(m_releases->report().installed, (std::vector<std::string>{"3 0.3", "4 0.4", "5 0.5"}));
}

TEST_F(ReleaseManagerTest, ReportNamesTheRunningRelease)
{
    install_good(7, "0.2.0", k_t0);
    m_releases->set_running(7);
    const ReleaseManager::Report report = m_releases->report();
    EXPECT_EQ(report.installed, (std::vector<std::string>{"7 0.2.0"}));
    EXPECT_EQ(report.running, "7 0.2.0");
    EXPECT_TRUE(report.failed.empty());
}

TEST_F(ReleaseManagerTest, LinkIsRepairedFromTheStateAtStart)
{
    install_good(7, "0.2.0", k_t0);
    ASSERT_TRUE(m_releases->install_and_switch(bundle("0.3.0"), 8, "0.3.0", k_t0 + 100).ok());
    // As if the power went between writing state.json and switching the link.
    fs::remove(releases() + "/current");
    fs::create_directory_symlink("7", releases() + "/current");
    auto start = m_releases->on_start(k_t0 + 200);
    ASSERT_TRUE(start.ok());
    EXPECT_EQ(start.value().version, 8);
    EXPECT_EQ(current_link(), "8");
}

TEST_F(ReleaseManagerTest, DamagedStateIsAnErrorNotAGuess)
{
    testing_support::write_file(releases() + "/state.json", "{\"format\": 1, \"current\": \"seven\"");
    auto opened = ReleaseManager::open((m_dir / "data").string());
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().text().find("state.json"), std::string::npos) << opened.error().text();
}

}  // namespace
}  // namespace lotsen
