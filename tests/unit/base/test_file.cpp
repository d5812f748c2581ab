// test_file.cpp — keep_aside: a damaged file is renamed, never removed, with its -wal and -shm; an
// earlier damaged copy is never replaced; the copy is made private.
#include "core/base/file.hpp"
#include "tests/common/files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace lotsen {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

TEST(KeepAside, RenamesWithCompanionsAndNeverReplacesAnEarlierCopy)
{
    TempDir dir("lotsen-file");
    const fs::path path = dir / "outbox.db";
    ASSERT_TRUE(testing::write_file(path, "first"));
    ASSERT_TRUE(testing::write_file(dir / "outbox.db-wal", "first wal"));
    auto first = keep_aside(path.string());
    ASSERT_TRUE(first) << first.error().text();
    EXPECT_EQ(first.value(), path.string() + ".damaged-1");
    EXPECT_FALSE(fs::exists(path));
    EXPECT_FALSE(fs::exists(dir / "outbox.db-wal"));
    EXPECT_EQ(testing::read_file(first.value()), "first");
    EXPECT_EQ(testing::read_file(first.value() + "-wal"), "first wal");

    ASSERT_TRUE(testing::write_file(path, "second"));
    ::chmod(path.c_str(), 0644);
    auto second = keep_aside(path.string());
    ASSERT_TRUE(second) << second.error().text();
    EXPECT_EQ(second.value(), path.string() + ".damaged-2");
    EXPECT_EQ(testing::read_file(first.value()), "first");
    EXPECT_EQ(testing::read_file(second.value()), "second");
    struct stat info {};
    ASSERT_EQ(::stat(second.value().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(KeepAside, AMissingFileIsAnErrorNamingIt)
{
    TempDir dir("lotsen-file");
    auto aside = keep_aside((dir / "nothing.db").string());
    ASSERT_FALSE(aside);
    EXPECT_NE(aside.error().text().find("nothing.db"), std::string::npos);
}

}  // namespace
}  // namespace lotsen
