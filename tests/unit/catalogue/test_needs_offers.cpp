// test_needs_offers.cpp — catalogue format 1.5's "we need" and "we offer" of an organisation: read,
// written back with the minor they need (and nothing when absent), held to the rules of a description
// (language keys, sv or en, 8,000 bytes, newlines allowed) with their paths, and still checked by a
// reader that skips unknown members.
#include "core/catalogue/catalogue_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace lotsen;

namespace {

std::string catalogue_with(const std::string& organisation_members)
{
    return R"({"format": "lotsen-catalogue", "format_version": 1, "format_minor": 5, "version": 2,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad")" +
           organisation_members + R"(}],
  "activities": [{"id": "walk", "organisation": "org", "title": {"sv": "Promenad"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"}}]})";
}

std::vector<std::string> problems(const CatalogueParseResult& result)
{
    std::vector<std::string> lines;
    for (const CatalogueProblem& problem : result.problems)
        lines.push_back(problem.to_string());
    return lines;
}

}  // namespace

TEST(NeedsOffers, AreReadAndWrittenBackWithFormatMinorFive)
{
    const CatalogueParseResult result = parse_catalogue_json(catalogue_with(
        R"(, "needs": {"sv": "Fler som leder promenader.\nOch en lokal på lördagar.", "ar": "مزيد من المرشدين"},)"
        R"( "offers": {"en": "Company and fresh air."})"));
    ASSERT_TRUE(result.ok()) << result.summary();
    const Organisation& org = result.catalogue->organisations.front();
    EXPECT_EQ(org.needs.get("sv"), "Fler som leder promenader.\nOch en lokal på lördagar.");
    EXPECT_EQ(org.needs.get("ar"), "مزيد من المرشدين");
    EXPECT_EQ(org.offers.get("en"), "Company and fresh air.");
    EXPECT_EQ(catalogue_format_minor_needed(*result.catalogue), 5);
    const std::string written = catalogue_to_json(*result.catalogue);
    EXPECT_NE(written.find("\"format_minor\": 5"), std::string::npos) << written;
    const CatalogueParseResult again = parse_catalogue_json(written);
    ASSERT_TRUE(again.ok()) << again.summary();
    EXPECT_EQ(*again.catalogue, *result.catalogue);

    // One of the two is enough for 1.5; without either, nothing is written and nothing newer is needed.
    Catalogue offers_only = *result.catalogue;
    offers_only.organisations.front().needs = LocalizedText{};
    EXPECT_EQ(catalogue_format_minor_needed(offers_only), 5);
    EXPECT_EQ(catalogue_to_json(offers_only).find("\"needs\""), std::string::npos);
    Catalogue plain = offers_only;
    plain.organisations.front().offers = LocalizedText{};
    EXPECT_EQ(catalogue_format_minor_needed(plain), 0);
    EXPECT_EQ(catalogue_to_json(plain).find("\"offers\""), std::string::npos);
    // 1.5 outranks every older member (a last-checked date alone is 1.4).
    plain.activities.front().last_checked = Date{2026, 11, 2};
    EXPECT_EQ(catalogue_format_minor_needed(plain), 4);
    plain.organisations.front().needs.set("sv", "Fika-värdar");
    EXPECT_EQ(catalogue_format_minor_needed(plain), 5);
}

TEST(NeedsOffers, AreHeldToTheRulesOfADescription)
{
    const std::string long_text(8001, 'x');
    const CatalogueParseResult result = parse_catalogue_json(catalogue_with(
        R"(, "needs": {"ar": "قهوة"}, "offers": {"sv": ")" + long_text + R"(", "Svenska": "x"})"));
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(problems(result), (std::vector<std::string>{
                                    R"($.organisations[0].needs: needs a text in "sv" or "en")",
                                    "$.organisations[0].offers.sv: is 8001 bytes, more than the limit of 8000 for a description",
                                    R"($.organisations[0].offers.Svenska: "Svenska" is not a language code like "sv", "en", "ar" or "sv-easy")",
                                }));
    EXPECT_EQ(problems(parse_catalogue_json(catalogue_with(R"(, "needs": {"sv": ""}, "offers": "fika")"))),
              (std::vector<std::string>{
                  "$.organisations[0].needs.sv: is empty",
                  R"($.organisations[0].offers: expected a text object like {"sv": "…", "en": "…"}, got "fika")",
              }));
}

TEST(NeedsOffers, AReaderThatSkipsUnknownMembersStillChecksThem)
{
    // A published 1.5 file read the kiosk's way: known members keep every rule.
    EXPECT_FALSE(parse_catalogue_json(catalogue_with(R"(, "needs": {"sv": ""})"), {}, UnknownMembers::ignore).ok());
    const CatalogueParseResult fine = parse_catalogue_json(
        catalogue_with(R"(, "needs": {"sv": "Fika-värdar"}, "wishlist": ["brädspel"])"), {}, UnknownMembers::ignore);
    ASSERT_TRUE(fine.ok()) << fine.summary();
    EXPECT_EQ(fine.catalogue->organisations.front().needs.get("sv"), "Fika-värdar");
    EXPECT_EQ(fine.ignored.summary(), "$.organisations[].wishlist");
}
