// test_localized_text.cpp — the fallback chain requested → sv → en → any, skipping empty texts.
#include "core/i18n/localized_text.hpp"

#include <gtest/gtest.h>

namespace lotsen {
namespace {

TEST(LocalizedText, RequestedLanguageWins)
{
    const LocalizedText text{TextMap{{"sv", "Schack"}, {"en", "Chess"}, {"ar", "شطرنج"}}};
    EXPECT_EQ(text.get("ar"), "شطرنج");
    EXPECT_EQ(text.get("en"), "Chess");
    EXPECT_EQ(text.get("sv"), "Schack");
    EXPECT_EQ(text.resolved_language("ar"), "ar");
}

TEST(LocalizedText, FallsBackToSwedishThenEnglish)
{
    const LocalizedText both{TextMap{{"en", "Chess"}, {"sv", "Schack"}}};
    EXPECT_EQ(both.get("fa"), "Schack");
    EXPECT_EQ(both.resolved_language("fa"), "sv");

    const LocalizedText english_only{TextMap{{"en", "Chess"}, {"ar", "شطرنج"}}};
    EXPECT_EQ(english_only.get("fa"), "Chess");
    EXPECT_EQ(english_only.resolved_language("fa"), "en");
}

TEST(LocalizedText, FallsBackToAnyLanguagePresent)
{
    const LocalizedText text{TextMap{{"uk", "Шахи"}}};
    EXPECT_EQ(text.get("sv"), "Шахи");
    EXPECT_EQ(text.get("ti"), "Шахи");
    EXPECT_EQ(text.resolved_language("en"), "uk");
}

TEST(LocalizedText, EmptyStringsAreSkipped)
{
    const LocalizedText text{TextMap{{"ar", ""}, {"sv", ""}, {"en", "Chess"}}};
    EXPECT_EQ(text.get("ar"), "Chess");
    EXPECT_EQ(text.resolved_language("ar"), "en");
    EXPECT_EQ(text.get("sv"), "Chess");

    const LocalizedText only_any{TextMap{{"en", ""}, {"so", "Shax"}, {"sv", ""}}};
    EXPECT_EQ(only_any.get("sv"), "Shax");
    EXPECT_EQ(only_any.resolved_language("fa"), "so");
}

TEST(LocalizedText, NothingToSay)
{
    const LocalizedText none;
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(none.get("sv"), "");
    EXPECT_EQ(none.resolved_language("sv"), "");

    const LocalizedText all_empty{TextMap{{"sv", ""}, {"en", ""}}};
    EXPECT_FALSE(all_empty.empty());
    EXPECT_EQ(all_empty.get("sv"), "");
    EXPECT_EQ(all_empty.resolved_language("en"), "");
}

TEST(LocalizedText, HasMeansThisLanguageWithoutFallback)
{
    const LocalizedText text{TextMap{{"sv", "Schack"}, {"ar", ""}}};
    EXPECT_TRUE(text.has("sv"));
    EXPECT_FALSE(text.has("en"));
    EXPECT_FALSE(text.has("ar"));  // present but empty
    EXPECT_FALSE(text.has(""));
}

TEST(LocalizedText, SetAddsAndReplaces)
{
    LocalizedText text;
    text.set("en", "Chess");
    EXPECT_EQ(text.get("sv"), "Chess");
    text.set("sv", "Schack");
    EXPECT_EQ(text.get("fa"), "Schack");
    text.set("sv", "Schackklubb");
    EXPECT_EQ(text.get("sv"), "Schackklubb");
    EXPECT_EQ(text.all().size(), 2u);
}

TEST(LocalizedText, EqualityComparesAllLanguages)
{
    const LocalizedText a{TextMap{{"sv", "Schack"}, {"en", "Chess"}}};
    LocalizedText b;
    b.set("en", "Chess");
    b.set("sv", "Schack");
    EXPECT_EQ(a, b);
    b.set("ar", "شطرنج");
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace lotsen
