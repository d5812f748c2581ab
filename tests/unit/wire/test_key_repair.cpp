// test_key_repair.cpp — load_or_replace_key_pair: an empty, truncated or world-readable kiosk.key is
// kept aside (private, byte for byte) and a new key pair is made; a sound key is loaded as it is; a
// folder in the key's place is refused and left alone.
#include "core/wire/protocol.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

struct Damage {
    const char* name;
    void (*apply)(const fs::path& key);
};

class KeyRepair : public ::testing::TestWithParam<Damage> {};

TEST_P(KeyRepair, DamagedKeyIsKeptAsideAndANewOneIsMade)
{
    ASSERT_GE(sodium_init(), 0);
    TempDir dir("lotsen-key");
    const fs::path path = dir / "kiosk.key";
    auto original = protocol::load_or_create_key_pair(path.string());
    ASSERT_TRUE(original);
    GetParam().apply(path);
    const std::string damaged = testing::read_file(path);
    ASSERT_FALSE(protocol::load_or_create_key_pair(path.string())) << "the damage must be one the old code refuses";

    auto opened = protocol::load_or_replace_key_pair(path.string());
    ASSERT_TRUE(opened) << opened.error().text();
    EXPECT_EQ(opened.value().kept_aside, path.string() + ".damaged-1");
    EXPECT_FALSE(opened.value().damage.empty());
    EXPECT_EQ(testing::read_file(opened.value().kept_aside), damaged);
    struct stat info {};
    ASSERT_EQ(::stat(opened.value().kept_aside.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "a damaged secret must not stay readable by others";
    EXPECT_NE(opened.value().keys.public_key, original.value().public_key);
    // The new key is the one on disk from now on.
    auto again = protocol::load_or_replace_key_pair(path.string());
    ASSERT_TRUE(again);
    EXPECT_TRUE(again.value().kept_aside.empty());
    EXPECT_EQ(again.value().keys.public_key, opened.value().keys.public_key);
}

const Damage k_damages[] = {
    {"Empty", [](const fs::path& key) { fs::resize_file(key, 0); }},
    {"Truncated", [](const fs::path& key) { fs::resize_file(key, 40); }},
    {"TooLong", [](const fs::path& key) { testing::write_file(key, testing::read_file(key) + "x"); }},
    {"ReadableByOthers", [](const fs::path& key) { ::chmod(key.c_str(), 0644); }},
    {"NotAKey", [](const fs::path& key) { testing::write_file(key, std::string(64, 'k')); }},
};

INSTANTIATE_TEST_SUITE_P(Damages, KeyRepair, ::testing::ValuesIn(k_damages),
                         [](const ::testing::TestParamInfo<Damage>& param_info) { return std::string(param_info.param.name); });

TEST(KeyRepairLeavesAlone, AFolderInTheKeysPlace)
{
    TempDir dir("lotsen-key");
    const fs::path path = dir / "kiosk.key";
    fs::create_directory(path);
    auto opened = protocol::load_or_replace_key_pair(path.string());
    EXPECT_FALSE(opened);
    EXPECT_TRUE(fs::is_directory(path));
    EXPECT_FALSE(fs::exists(path.string() + ".damaged-1"));
}

TEST(KeyRepairLeavesAlone, ASoundKey)
{
    ASSERT_GE(sodium_init(), 0);
    TempDir dir("lotsen-key");
    const fs::path path = dir / "kiosk.key";
    auto original = protocol::load_or_create_key_pair(path.string());
    ASSERT_TRUE(original);
    auto opened = protocol::load_or_replace_key_pair(path.string());
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened.value().kept_aside.empty());
    EXPECT_EQ(opened.value().keys.public_key, original.value().public_key);
}

}  // namespace
}  // namespace lotsen
