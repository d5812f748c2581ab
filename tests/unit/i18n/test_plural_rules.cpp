// test_plural_rules.cpp — CLDR's cardinal plural categories for whole numbers in the kiosk's
// languages (core/i18n/plural_rules.cpp), checked against the examples CLDR gives for each rule.
#include "core/i18n/plural_rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lotsen {
namespace {

std::string name_of(std::string_view language, std::uint64_t count)
{
    return std::string(plural_category_name(plural_category(language, count)));
}

std::vector<std::string> names(std::span<const PluralCategory> categories)
{
    std::vector<std::string> out;
    for (PluralCategory category : categories)
        out.emplace_back(plural_category_name(category));
    return out;
}

TEST(PluralRules, ArabicHasSixCategories)
{
    EXPECT_EQ(name_of("ar", 0), "zero");
    EXPECT_EQ(name_of("ar", 1), "one");
    EXPECT_EQ(name_of("ar", 2), "two");
    EXPECT_EQ(name_of("ar", 3), "few");  // "3 ثوانٍ", never "3 ثانية"
    EXPECT_EQ(name_of("ar", 10), "few");
    EXPECT_EQ(name_of("ar", 11), "many");
    EXPECT_EQ(name_of("ar", 99), "many");
    EXPECT_EQ(name_of("ar", 100), "other");
    EXPECT_EQ(name_of("ar", 101), "other");
    EXPECT_EQ(name_of("ar", 102), "other");
    EXPECT_EQ(name_of("ar", 103), "few");
    EXPECT_EQ(name_of("ar", 111), "many");
    EXPECT_EQ(name_of("ar", 1000), "other");
    EXPECT_EQ(names(plural_categories("ar")), (std::vector<std::string>{"zero", "one", "two", "few", "many", "other"}));
}

TEST(PluralRules, UkrainianLooksAtTheLastDigits)
{
    EXPECT_EQ(name_of("uk", 1), "one");
    EXPECT_EQ(name_of("uk", 2), "few");
    EXPECT_EQ(name_of("uk", 4), "few");
    EXPECT_EQ(name_of("uk", 5), "many");
    EXPECT_EQ(name_of("uk", 0), "many");
    EXPECT_EQ(name_of("uk", 11), "many");
    EXPECT_EQ(name_of("uk", 12), "many");
    EXPECT_EQ(name_of("uk", 14), "many");
    EXPECT_EQ(name_of("uk", 21), "one");
    EXPECT_EQ(name_of("uk", 22), "few");
    EXPECT_EQ(name_of("uk", 25), "many");
    EXPECT_EQ(name_of("uk", 101), "one");
    EXPECT_EQ(name_of("uk", 111), "many");
    EXPECT_EQ(name_of("uk", 112), "many");
    EXPECT_EQ(name_of("uk", 1002), "few");
    EXPECT_EQ(names(plural_categories("uk")), (std::vector<std::string>{"one", "few", "many", "other"}));
}

TEST(PluralRules, SwedishEnglishAndSomaliSingleOutOne)
{
    for (const char* language : {"sv", "en", "so"}) {
        SCOPED_TRACE(language);
        EXPECT_EQ(name_of(language, 1), "one");
        for (std::uint64_t count : {0, 2, 5, 11, 21, 101})
            EXPECT_EQ(name_of(language, count), "other") << count;
        EXPECT_EQ(names(plural_categories(language)), (std::vector<std::string>{"one", "other"}));
    }
}

TEST(PluralRules, PersianAndTigrinyaCountZeroAsOne)
{
    for (const char* language : {"fa", "ti"}) {
        SCOPED_TRACE(language);
        EXPECT_EQ(name_of(language, 0), "one");
        EXPECT_EQ(name_of(language, 1), "one");
        EXPECT_EQ(name_of(language, 2), "other");
        EXPECT_EQ(name_of(language, 21), "other");
    }
}

TEST(PluralRules, SubtagsAndDariFollowTheirLanguage)
{
    EXPECT_EQ(name_of("sv-easy", 1), "one");
    EXPECT_EQ(name_of("ar-IQ", 3), "few");
    EXPECT_EQ(name_of("prs", 0), "one");  // Dari: Persian's rule
    EXPECT_TRUE(has_plural_rule("prs"));
    EXPECT_TRUE(has_plural_rule("uk"));
}

TEST(PluralRules, UnknownLanguageUsesOtherOnly)
{
    EXPECT_FALSE(has_plural_rule("xx"));
    EXPECT_EQ(name_of("xx", 1), "other");
    EXPECT_EQ(name_of("", 1), "other");
    EXPECT_EQ(names(plural_categories("xx")), (std::vector<std::string>{"other"}));
}

TEST(PluralRules, CategoryNamesRoundTrip)
{
    for (const char* name : {"zero", "one", "two", "few", "many", "other"}) {
        const auto category = parse_plural_category(name);
        ASSERT_TRUE(category.has_value()) << name;
        EXPECT_EQ(plural_category_name(*category), name);
    }
    EXPECT_FALSE(parse_plural_category("Few").has_value());
    EXPECT_FALSE(parse_plural_category("plural").has_value());
    EXPECT_FALSE(parse_plural_category("").has_value());
}

}  // namespace
}  // namespace lotsen
