// test_string_tables_cache.cpp — the string tables kept on disk (kiosk/string_tables_cache.hpp): a
// second load gives exactly the tables the TOML files give, a changed, added or removed file is read
// anew (and a broken one is the error it always was), and a damaged cache file is replaced with a log line.
#include "kiosk/string_tables_cache.hpp"

#include "tests/common/files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace lotsen;
using namespace lotsen::kiosk;
using lotsen::testing::TempDir;

namespace {

class StringTablesCache : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_FALSE(m_temp.path().empty());
        m_i18n = m_temp.str() + "/i18n";
        std::filesystem::copy(std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n", m_i18n);
        m_file = string_tables_cache_path(m_temp.str() + "/cache");
    }

    LoadedStringTables load()
    {
        auto loaded = load_string_tables(m_i18n, m_file);
        EXPECT_TRUE(loaded.ok()) << loaded.error().text();
        return loaded.ok() ? std::move(loaded).value() : LoadedStringTables{};
    }

    TempDir m_temp{"string-tables"};
    std::string m_i18n;
    std::string m_file;
};

}  // namespace

TEST_F(StringTablesCache, SecondLoadGivesWhatTheFilesGive)
{
    auto parsed = StringTables::load_directory(m_i18n);
    ASSERT_TRUE(parsed.ok()) << parsed.error().text();
    const LoadedStringTables first = load();
    EXPECT_FALSE(first.restored);
    EXPECT_EQ(first.message, "");
    EXPECT_EQ(first.tables.tables(), parsed.value().tables());
    ASSERT_TRUE(std::filesystem::exists(m_file));

    const LoadedStringTables second = load();
    EXPECT_TRUE(second.restored);
    EXPECT_EQ(second.message, "");
    EXPECT_EQ(second.tables.tables(), parsed.value().tables());
    EXPECT_GE(second.tables.tables().size(), 7u);
    EXPECT_EQ(second.tables.get("sv", "home_title"), parsed.value().get("sv", "home_title"));
}

TEST_F(StringTablesCache, AChangedAddedOrRemovedFileIsReadAnew)
{
    (void)load();
    // The same size, rewritten in place: only the file's times and the text differ.
    std::string sv = lotsen::testing::read_file(m_i18n + "/sv.toml");
    const std::size_t at = sv.find("= \"");
    ASSERT_NE(at, std::string::npos);
    const std::size_t key_start = sv.rfind('\n', at) + 1;
    const std::string key = sv.substr(key_start, sv.find_first_of(" =", key_start) - key_start);
    sv[at + 3] = sv[at + 3] == 'X' ? 'Y' : 'X';
    lotsen::testing::write_file(m_i18n + "/sv.toml", sv);
    const LoadedStringTables changed = load();
    EXPECT_FALSE(changed.restored);
    EXPECT_EQ(changed.tables.tables().at("sv").at(key).front(), sv[at + 3]) << key;
    EXPECT_TRUE(load().restored);

    lotsen::testing::write_file(m_i18n + "/de.toml", "language_name = \"Deutsch\"\n");
    const LoadedStringTables added = load();
    EXPECT_FALSE(added.restored);
    EXPECT_EQ(added.tables.get("de", "language_name"), "Deutsch");

    std::filesystem::remove(m_i18n + "/de.toml");
    const LoadedStringTables removed = load();
    EXPECT_FALSE(removed.restored);
    EXPECT_FALSE(removed.tables.tables().contains("de"));

    // A broken file is the error load_directory gives, cache or no cache.
    lotsen::testing::write_file(m_i18n + "/sv.toml", "home_title = \"unterminated\n");
    auto broken = load_string_tables(m_i18n, m_file);
    ASSERT_FALSE(broken.ok());
    auto direct = StringTables::load_directory(m_i18n);
    ASSERT_FALSE(direct.ok());
    EXPECT_EQ(broken.error().text(), direct.error().text());
}

TEST_F(StringTablesCache, ADamagedFileIsReplacedAndSaid)
{
    const LoadedStringTables first = load();
    const std::string good = lotsen::testing::read_file(m_file);
    ASSERT_GT(good.size(), 1000u);
    std::string flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x20);
    lotsen::testing::write_file(m_file, flipped);
    const LoadedStringTables again = load();
    EXPECT_FALSE(again.restored);
    EXPECT_EQ(again.message, m_file + ": its contents do not match their digest; the string tables were read from " +
                                 m_i18n + ", and the file is replaced");
    EXPECT_EQ(again.tables.tables(), first.tables.tables());
    EXPECT_EQ(lotsen::testing::read_file(m_file), good);
    EXPECT_TRUE(load().restored);
}

TEST_F(StringTablesCache, NoCachePathOnlyParses)
{
    const auto loaded = load_string_tables(m_i18n, "");
    ASSERT_TRUE(loaded.ok()) << loaded.error().text();
    EXPECT_FALSE(loaded.value().restored);
    EXPECT_FALSE(std::filesystem::exists(m_file));
}
