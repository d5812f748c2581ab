// test_sqlite_db.cpp — sqlite_db.hpp's open_database(), the one open sequence of the store, the event
// log and the hub store: the connection settings of each kind of file, its own set-up and its
// migrations, and the messages when any step fails (named after the file, the subject said once or
// twice as each caller's messages always had it).
#include "core/sqlite/sqlite_db.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <string>

namespace lotsen::sqlite {
namespace {

namespace fs = std::filesystem;

const std::array<Migration, 1> k_one_table{{
    {"one table", "CREATE TABLE t (x INTEGER);"},
}};

class OpenDatabaseTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path()
                / ("lotsen-sqlite-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_path = (m_dir / "test.db").string();
    }
    void TearDown() override { fs::remove_all(m_dir); }

    // The first column of the first row of `sql` on `db`, as text.
    static std::string scalar(sqlite3* db, const char* sql)
    {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK) << sql;
        std::string value;
        if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr)
            value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        sqlite3_finalize(stmt);
        return value;
    }

    fs::path m_dir;
    std::string m_path;
};

TEST_F(OpenDatabaseTest, AppliesTheSettingsOfTheSetupAndMigrates)
{
    const DatabaseSetup full{.synchronous = Synchronous::full, .journal_size_limit = 1 << 20, .foreign_keys = false};
    {
        auto db = open_database(m_path, "test", full, k_one_table);
        ASSERT_TRUE(db.ok()) << db.error().text();
        sqlite3* handle = db.value().handle();
        EXPECT_EQ(scalar(handle, "PRAGMA journal_mode"), "wal");
        EXPECT_EQ(scalar(handle, "PRAGMA synchronous"), "2");  // FULL
        EXPECT_EQ(scalar(handle, "PRAGMA journal_size_limit"), "1048576");
        EXPECT_EQ(scalar(handle, "PRAGMA foreign_keys"), "0");
        EXPECT_EQ(user_version(handle), 1);
        EXPECT_EQ(scalar(handle, "SELECT count(*) FROM sqlite_schema WHERE name = 't'"), "1");
    }
    // The settings belong to the connection: a second open with another setup has its own.
    const DatabaseSetup normal{.synchronous = Synchronous::normal, .foreign_keys = true};
    auto db = open_database(m_path, "test", normal, k_one_table);
    ASSERT_TRUE(db.ok()) << db.error().text();
    EXPECT_EQ(scalar(db.value().handle(), "PRAGMA synchronous"), "1");  // NORMAL
    EXPECT_EQ(scalar(db.value().handle(), "PRAGMA journal_size_limit"), "-1");
    EXPECT_EQ(scalar(db.value().handle(), "PRAGMA foreign_keys"), "1");
}

TEST_F(OpenDatabaseTest, InMemoryDatabaseIsAccepted)
{
    auto db = open_database(":memory:", "test", DatabaseSetup{}, k_one_table);
    ASSERT_TRUE(db.ok()) << db.error().text();
    EXPECT_EQ(scalar(db.value().handle(), "PRAGMA journal_mode"), "memory");
}

Result<void> refuse(sqlite3* /*db*/)
{
    return Error{"no rank function here", "test"};
}

int g_prepared = 0;

Result<void> count_preparation(sqlite3* db)
{
    ++g_prepared;
    // Runs before the migrations: the file is still at version 0.
    EXPECT_EQ(user_version(db), 0);
    return success();
}

TEST_F(OpenDatabaseTest, RunsTheSetUpOfItsCallerBeforeTheMigrations)
{
    g_prepared = 0;
    auto db = open_database(m_path, "test", DatabaseSetup{.prepare = count_preparation}, k_one_table);
    ASSERT_TRUE(db.ok()) << db.error().text();
    EXPECT_EQ(g_prepared, 1);
}

// The store never repeated its subject inside the opening message; the event log and the hub store
// always did. Both stay as they were.
TEST_F(OpenDatabaseTest, SaysItsSubjectOnceOrTwiceAsTheSetupAsks)
{
    const std::string opening = "test: opening '" + m_path + "': ";
    auto once = open_database(m_path, "test", DatabaseSetup{.prepare = refuse}, k_one_table);
    ASSERT_FALSE(once.ok());
    EXPECT_EQ(once.error().text(), opening + "no rank function here");
    EXPECT_EQ(once.error().subject, "test");

    auto twice = open_database(m_path, "test",
                               DatabaseSetup{.prepare = refuse, .repeat_subject = RepeatSubject::yes}, k_one_table);
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().text(), opening + "test: no rank function here");
    EXPECT_EQ(twice.error().subject, "test");
}

TEST_F(OpenDatabaseTest, FailedMigrationNamesTheFileAndLeavesItsVersion)
{
    const std::array<Migration, 2> broken{{
        {"one table", "CREATE TABLE t (x INTEGER);"},
        {"a mistake", "CREATE TABLE t (y INTEGER);"},
    }};
    auto db = open_database(m_path, "test", DatabaseSetup{.noun = "test file"}, broken);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().text(), "test: opening '" + m_path
                                     + "': migration 2 of 2 (a mistake) failed: test: running its SQL failed: table t "
                                       "already exists (SQLite code 1); the test file stays at schema version 1");
}

TEST_F(OpenDatabaseTest, GarbageAndMissingFoldersAreRefused)
{
    {
        std::ofstream(m_path, std::ios::binary) << std::string(4096, 'x');
        auto db = open_database(m_path, "test", DatabaseSetup{}, k_one_table);
        ASSERT_FALSE(db.ok());
        EXPECT_EQ(db.error().text(), "test: opening '" + m_path
                                         + "': switching to WAL mode failed: file is not a database (SQLite code 26)");
    }
    const std::string missing = (m_dir / "missing" / "test.db").string();
    auto db = open_database(missing, "test", DatabaseSetup{}, k_one_table);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().text(), "test: opening '" + missing + "': unable to open database file");
}

TEST(Database, MovedHandleClosesOnce)
{
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    Database first(raw);
    Database second(std::move(first));
    EXPECT_EQ(first.handle(), nullptr);  // NOLINT(bugprone-use-after-move): the point of the test
    EXPECT_EQ(second.handle(), raw);
    Database third(nullptr);
    third = std::move(second);
    EXPECT_EQ(third.handle(), raw);
}

}  // namespace
}  // namespace lotsen::sqlite
