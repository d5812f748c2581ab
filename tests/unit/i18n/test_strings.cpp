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

// ---------------------------------------------------------------------------------------------
// Texts with a count: one form per CLDR plural category (docs/translations.md, "Counts").

namespace {

StringTables tables_with(std::initializer_list<std::pair<const char*, const char*>> files)
{
    StringTables tables;
    for (const auto& [language, text] : files) {
        auto added = tables.add_language(language, text, std::string(language) + ".toml");
        EXPECT_TRUE(added.ok()) << added.error().text();
    }
    return tables;
}

std::string load_error(const char* language, const char* text)
{
    StringTables tables;
    auto added = tables.add_language(language, text, std::string(language) + ".toml");
    return added.ok() ? std::string("(loaded)") : added.error().text();
}

}  // namespace

TEST(StringsPlural, ArabicChoosesEachOfItsSixForms)
{
    const StringTables tables = tables_with({{"ar",
                                              "wait.zero = \"الآن\"\n"
                                              "wait.one = \"ثانية واحدة\"\n"
                                              "wait.two = \"ثانيتين\"\n"
                                              "wait.few = \"{seconds} ثوانٍ\"\n"
                                              "wait.many = \"{seconds} ثانية\"\n"
                                              "wait.other = \"{seconds} ثانيةٍ\"\n"}});
    EXPECT_EQ(tables.get_plural("ar", "wait", 0), "الآن");
    EXPECT_EQ(tables.get_plural("ar", "wait", 1), "ثانية واحدة");
    EXPECT_EQ(tables.get_plural("ar", "wait", 2), "ثانيتين");
    EXPECT_EQ(tables.format_count("ar", "wait", "seconds", 3), "3 ثوانٍ");
    EXPECT_EQ(tables.format_count("ar", "wait", "seconds", 11), "11 ثانية");
    EXPECT_EQ(tables.format_count("ar", "wait", "seconds", 100), "100 ثانيةٍ");
    EXPECT_EQ(tables.format_count("ar", "wait", "seconds", 103), "103 ثوانٍ");
}

TEST(StringsPlural, UkrainianFormsFollowTheLastDigits)
{
    const StringTables tables = tables_with({{"uk",
                                              "wait.one = \"{n} секунду\"\n"
                                              "wait.few = \"{n} секунди\"\n"
                                              "wait.many = \"{n} секунд\"\n"
                                              "wait.other = \"{n} секунди\"\n"}});
    EXPECT_EQ(tables.format_count("uk", "wait", "n", 1), "1 секунду");
    EXPECT_EQ(tables.format_count("uk", "wait", "n", 21), "21 секунду");
    EXPECT_EQ(tables.format_count("uk", "wait", "n", 22), "22 секунди");
    EXPECT_EQ(tables.format_count("uk", "wait", "n", 11), "11 секунд");
    EXPECT_EQ(tables.format_count("uk", "wait", "n", 25), "25 секунд");
}

TEST(StringsPlural, MissingFormFallsBackToOtherThenToSwedishWithSwedishGrammar)
{
    const StringTables tables = tables_with({{"sv", "days.one = \"{days} dag\"\ndays.other = \"{days} dagar\"\n"},
                                             {"en", "days.one = \"{days} day\"\ndays.other = \"{days} days\"\n"},
                                             {"ar", "days.few = \"{days} أيام\"\ndays.other = \"{days} يوم\"\n"},
                                             {"uk", "other = \"інше\"\n"}});
    EXPECT_EQ(tables.format_count("ar", "days", "days", 5), "5 أيام");
    EXPECT_EQ(tables.format_count("ar", "days", "days", 1), "1 يوم");  // no "one" form: "other"
    // Ukrainian lacks the key: Swedish answers, and 2 is "other" in Swedish (not Ukrainian "few").
    EXPECT_EQ(tables.format_count("uk", "days", "days", 2), "2 dagar");
    EXPECT_EQ(tables.format_count("uk", "days", "days", 1), "1 dag");
    EXPECT_EQ(tables.format_count("uk", "nothing", "days", 1), "nothing");
}

TEST(StringsPlural, PlainTextAnswersEveryCountAndPluralKeyAnswersGetWithOther)
{
    const StringTables tables = tables_with({{"sv", "plain = \"om {n} s\"\ncounted.one = \"en\"\ncounted.other = \"flera\"\n"}});
    EXPECT_EQ(tables.format_count("sv", "plain", "n", 1), "om 1 s");
    EXPECT_EQ(tables.format_count("sv", "plain", "n", 7), "om 7 s");
    EXPECT_EQ(tables.get("sv", "counted"), "flera");
    EXPECT_TRUE(tables.has("sv", "counted"));
    EXPECT_FALSE(tables.has("sv", "missing"));
}

TEST(StringsPlural, InlineTableFormIsTheSame)
{
    const StringTables tables = tables_with({{"en", "days = { one = \"a day\", other = \"{n} days\" }\n"}});
    EXPECT_EQ(tables.format_count("en", "days", "n", 1), "a day");
    EXPECT_EQ(tables.format_count("en", "days", "n", 4), "4 days");
}

TEST(StringsPlural, PluralTextWithoutOtherIsRefusedWithLine)
{
    EXPECT_NE(load_error("sv", "a = \"x\"\nidle.one = \"en sekund\"\n")
                  .find("sv.toml:2: idle: a text with plural forms needs idle.other"),
              std::string::npos)
        << load_error("sv", "a = \"x\"\nidle.one = \"en sekund\"\n");
}

TEST(StringsPlural, CategoryTheLanguageDoesNotUseIsRefused)
{
    const std::string error = load_error("sv", "idle.few = \"x\"\nidle.other = \"y\"\n");
    EXPECT_NE(error.find("sv.toml:1: idle.few: \"sv\" has no plural category \"few\" (CLDR: one, other)"),
              std::string::npos)
        << error;
}

TEST(StringsPlural, UnknownCategoryNameIsRefused)
{
    const std::string error = load_error("en", "idle.plural = \"x\"\nidle.other = \"y\"\n");
    EXPECT_NE(error.find("en.toml:1: idle.plural: not a plural category (zero, one, two, few, many, other)"),
              std::string::npos)
        << error;
    const std::string mixed = load_error("ar", "idle.few = \"x\"\nidle.fewer = \"y\"\nidle.other = \"z\"\n");
    EXPECT_NE(mixed.find("ar.toml:2: idle.fewer: not a plural category (zero, one, two, few, many, other)"),
              std::string::npos)
        << mixed;
}

TEST(StringsPlural, LanguageWithoutRuleMayOnlyWriteOther)
{
    EXPECT_EQ(load_error("xx", "idle.other = \"y\"\n"), "(loaded)");
    const std::string error = load_error("xx", "idle.one = \"x\"\nidle.other = \"y\"\n");
    EXPECT_NE(error.find("xx.toml:1: idle.one: Lotsen has no plural rule for \"xx\""), std::string::npos) << error;
}

TEST(StringsPlural, DotInAQuotedKeyIsRefused)
{
    const std::string error = load_error("sv", "\"idle.one\" = \"x\"\n");
    EXPECT_NE(error.find("sv.toml:1: \"idle.one\": '.' in a key is kept for plural forms"), std::string::npos) << error;
}

TEST(StringsPlural, SplitTableKeyAndFillPlaceholder)
{
    EXPECT_EQ(split_table_key("idle_body.few").base, "idle_body");
    EXPECT_EQ(split_table_key("idle_body.few").category, PluralCategory::few);
    EXPECT_EQ(split_table_key("access_hearing-loop").base, "access_hearing-loop");
    EXPECT_FALSE(split_table_key("access_hearing-loop").category.has_value());
    EXPECT_EQ(fill_placeholder("{n} of {n}, {town}", "n", "3"), "3 of 3, {town}");
    EXPECT_EQ(fill_placeholder("no placeholder", "n", "3"), "no placeholder");
}
