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

TEST(ReadWholeFile, ReadsToTheEndOrStopsPastTheLimitAndSaysWhenTheFileIsMissing)
{
    TempDir dir("lotsen-file");
    ASSERT_FALSE(dir.path().empty());
    const std::string path = (dir / "data.bin").string();
    const std::string bytes = std::string(200'000, 'x') + std::string("\0end", 4);
    ASSERT_TRUE(lotsen::testing::write_file(path, bytes));

    bool missing = true;
    auto whole = read_whole_file(path, missing);
    ASSERT_TRUE(whole.ok()) << whole.error().text();
    EXPECT_FALSE(missing);
    EXPECT_EQ(whole.value(), bytes);

    // With a limit it stops once more than the limit is in: enough to refuse, not the whole file.
    auto limited = read_whole_file(path, missing, 1000);
    ASSERT_TRUE(limited.ok());
    EXPECT_GT(limited.value().size(), 1000u);
    EXPECT_LT(limited.value().size(), bytes.size());
    EXPECT_EQ(limited.value(), bytes.substr(0, limited.value().size()));

    auto absent = read_whole_file((dir / "absent.bin").string(), missing);
    ASSERT_FALSE(absent.ok());
    EXPECT_TRUE(missing);
    EXPECT_NE(absent.error().text().find("absent.bin: cannot open"), std::string::npos) << absent.error().text();

    auto folder = read_whole_file(dir.str(), missing);  // a folder opens but cannot be read
    ASSERT_FALSE(folder.ok());
    EXPECT_FALSE(missing);
    EXPECT_NE(folder.error().text().find("cannot read"), std::string::npos) << folder.error().text();
}

}  // namespace
}  // namespace lotsen
