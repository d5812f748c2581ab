// test_strings.cpp — UI string tables: loading, the fallback chain, and the shipped tables.
#include "core/i18n/strings.hpp"

#include <gtest/gtest.h>

using namespace lotsen;

TEST(Strings, FallsBackToSwedishThenEnglishThenKey)
{
    StringTables tables;
    ASSERT_TRUE(tables.add_language("sv", "hello = \"Hej\"\nonly_sv = \"Bara svenska\"\n", "sv.toml").ok());
    ASSERT_TRUE(tables.add_language("en", "hello = \"Hello\"\nonly_en = \"English only\"\n", "en.toml").ok());
    ASSERT_TRUE(tables.add_language("ar", "hello = \"مرحبا\"\n", "ar.toml").ok());
    EXPECT_EQ(tables.get("ar", "hello"), "مرحبا");
    EXPECT_EQ(tables.get("ar", "only_sv"), "Bara svenska");
    EXPECT_EQ(tables.get("ar", "only_en"), "English only");
    EXPECT_EQ(tables.get("uk", "hello"), "Hej");
    EXPECT_EQ(tables.get("en", "missing_key"), "missing_key");
    EXPECT_TRUE(tables.has("ar", "hello"));
    EXPECT_FALSE(tables.has("ar", "only_sv"));
}

TEST(Strings, NestedTablesAreRefusedWithLine)
{
    StringTables tables;
    auto result = tables.add_language("sv", "a = \"x\"\n[section]\nb = \"y\"\n", "sv.toml");
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().text().find("sv.toml:2: section: expected a string"), std::string::npos)
        << result.error().text();
}

TEST(Strings, ShippedTablesLoadAndSwedishAndEnglishHaveTheSameKeys)
{
    auto tables = StringTables::load_directory(std::string(LOTSEN_SOURCE_DIR) + "/assets/i18n");
    ASSERT_TRUE(tables.ok()) << tables.error().text();
    const auto& all = tables.value().tables();
    ASSERT_TRUE(all.contains("sv"));
    ASSERT_TRUE(all.contains("en"));
    for (const auto& [key, text] : all.at("sv"))
        EXPECT_TRUE(tables.value().has("en", key)) << "English lacks " << key;
    for (const auto& [key, text] : all.at("en"))
        EXPECT_TRUE(tables.value().has("sv", key)) << "Swedish lacks " << key;
}

TEST(Strings, MissingDirectoryIsAnError)
{
    auto tables = StringTables::load_directory("/nonexistent/i18n");
    ASSERT_FALSE(tables.ok());
    EXPECT_NE(tables.error().text().find("/nonexistent/i18n: cannot read string tables"), std::string::npos);
}
