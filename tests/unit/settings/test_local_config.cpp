// test_local_config.cpp — the kiosk's own config file at start (core/settings/local_config.hpp): a file
// that loads is kept as the last good copy; a bad value afterwards starts on that copy and names the
// file and line; with no copy the kiosk is out of order on the built-in defaults; a file truncated at
// a line boundary is named for every section a deployed kiosk needs and lacks. Never an exit.
#include "core/settings/local_config.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace lotsen {
namespace {

using lotsen::testing::TempDir;

std::string shipped_config()
{
    return lotsen::testing::read_file(std::string(LOTSEN_SOURCE_DIR) + "/config/lotsen.toml");
}

// The shipped file with [kiosk] idle_prompt_seconds changed to `value`; its line is `line`.
std::string with_idle_prompt(const std::string& value, int& line)
{
    std::string text = shipped_config();
    const std::size_t at = text.find("idle_prompt_seconds = 90");
    line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
    return text.replace(at, std::string("idle_prompt_seconds = 90").size(), "idle_prompt_seconds = " + value);
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

TEST(LocalConfig, AFileThatLoadsIsKeptAsTheLastGoodCopy)
{
    TempDir dir("lotsen-local-config");
    const std::string path = (dir / "lotsen.toml").string();
    lotsen::testing::write_file(path, shipped_config());
    const LocalConfig loaded = load_local_config(path, (dir / "data").string());
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::file);
    EXPECT_TRUE(loaded.origin.problem.empty());
    EXPECT_TRUE(loaded.origin.missing.empty()) << loaded.origin.missing.front();
    EXPECT_TRUE(describe_config_origin(loaded.origin).empty());
    EXPECT_EQ(lotsen::testing::read_file(last_good_config_path((dir / "data").string())), shipped_config());
}

TEST(LocalConfig, ABadValueStartsOnTheLastGoodCopyAndNamesTheLine)
{
    TempDir dir("lotsen-local-config");
    const std::string path = (dir / "lotsen.toml").string();
    const std::string data = (dir / "data").string();
    int line = 0;
    lotsen::testing::write_file(path, with_idle_prompt("120", line));
    ASSERT_EQ(load_local_config(path, data).config.idle_prompt_seconds, 120);

    lotsen::testing::write_file(path, with_idle_prompt("\"ninety\"", line));
    const LocalConfig loaded = load_local_config(path, data);
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::last_good);
    EXPECT_TRUE(contains(loaded.origin.problem, path + ":" + std::to_string(line))) << loaded.origin.problem;
    EXPECT_TRUE(contains(loaded.origin.problem, "idle_prompt_seconds")) << loaded.origin.problem;
    EXPECT_EQ(loaded.config.idle_prompt_seconds, 120);  // what loaded last, not the defaults
    ASSERT_EQ(describe_config_origin(loaded.origin).size(), 1u);
    EXPECT_TRUE(contains(describe_config_origin(loaded.origin)[0], "last configuration that loaded"));
    // The bad file never replaces the good copy.
    EXPECT_TRUE(contains(lotsen::testing::read_file(last_good_config_path(data)), "idle_prompt_seconds = 120"));
}

TEST(LocalConfig, ABadValueWithNoEarlierGoodOneIsOutOfOrderOnTheBuiltInDefaults)
{
    TempDir dir("lotsen-local-config");
    const std::string path = (dir / "lotsen.toml").string();
    int line = 0;
    lotsen::testing::write_file(path, with_idle_prompt("5", line));  // below the least, 10
    const LocalConfig loaded = load_local_config(path, (dir / "data").string());
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::out_of_order);
    EXPECT_TRUE(contains(loaded.origin.problem, path + ":" + std::to_string(line))) << loaded.origin.problem;
    EXPECT_EQ(loaded.config.help_contacts, default_help_contacts());
    EXPECT_FALSE(loaded.config.help_contacts.empty());
    EXPECT_TRUE(contains(describe_config_origin(loaded.origin)[0], "out of order"));
    EXPECT_FALSE(std::filesystem::exists(last_good_config_path((dir / "data").string())));
}

TEST(LocalConfig, AMissingFileIsOutOfOrderToo)
{
    TempDir dir("lotsen-local-config");
    const std::string path = (dir / "nowhere.toml").string();
    const LocalConfig loaded = load_local_config(path, (dir / "data").string());
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::out_of_order);
    EXPECT_TRUE(contains(loaded.origin.problem, path)) << loaded.origin.problem;
}

TEST(LocalConfig, NoConfigGivenIsTheBuiltInDefaultsWithoutComplaint)
{
    TempDir dir("lotsen-local-config");
    const LocalConfig loaded = load_local_config(std::nullopt, (dir / "data").string());
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::built_in);
    EXPECT_TRUE(describe_config_origin(loaded.origin).empty());
}

// Cut at a line boundary before [admin]: it still parses, so it loads, but a deployed kiosk would run
// without a PIN, a hub or its own crisis numbers. Each missing section is named at start.
TEST(LocalConfig, AFileTruncatedAtALineBoundaryNamesEveryMissingSection)
{
    TempDir dir("lotsen-local-config");
    const std::string path = (dir / "lotsen.toml").string();
    const std::string full = shipped_config();
    lotsen::testing::write_file(path, full.substr(0, full.find("\n[admin]") + 1));
    const LocalConfig loaded = load_local_config(path, (dir / "data").string());
    EXPECT_EQ(loaded.origin.source, ConfigOrigin::Source::file);
    const std::vector<std::string> lines = describe_config_origin(loaded.origin);
    std::string all;
    for (const std::string& line : lines)
        all += line + "\n";
    EXPECT_EQ(lines.size(), 3u) << all;
    for (const char* section : {"[admin]", "[upstream]", "[help]"})
        EXPECT_TRUE(contains(all, section)) << section << " not named in:\n" << all;
    EXPECT_FALSE(contains(all, "[kiosk]")) << all;
}

}  // namespace
}  // namespace lotsen
