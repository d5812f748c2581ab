// test_synthetic.cpp — the synthetic catalogue generator: deterministic per seed, the counts asked for,
// every interest and municipality present, multilingual, and valid per the catalogue format (it survives
// catalogue_to_json + parse_catalogue_json with zero problems, 10,000 activities included).
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/schedule.hpp"
#include "core/catalogue/synthetic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace lotsen {
namespace {

SyntheticSpec spec_with(int activities, int organisations, std::uint64_t seed)
{
    SyntheticSpec spec;
    spec.activities = activities;
    spec.organisations = organisations;
    spec.seed = seed;
    return spec;
}

TEST(Synthetic, SameSeedGivesEqualCatalogue)
{
    const SyntheticSpec spec = spec_with(800, 40, 7);
    EXPECT_EQ(generate_synthetic_catalogue(spec), generate_synthetic_catalogue(spec));
}

TEST(Synthetic, DifferentSeedGivesDifferentCatalogue)
{
    const Catalogue one = generate_synthetic_catalogue(spec_with(800, 40, 7));
    const Catalogue two = generate_synthetic_catalogue(spec_with(800, 40, 8));
    EXPECT_NE(one, two);
    // Not just one field somewhere: most activities differ.
    int differing = 0;
    for (std::size_t i = 0; i < one.activities.size(); ++i)
        differing += one.activities[i] == two.activities[i] ? 0 : 1;
    EXPECT_GT(differing, 700);
}

TEST(Synthetic, SeedZeroWorks)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(100, 10, 0));
    EXPECT_EQ(catalogue.activities.size(), 100u);
    EXPECT_NE(catalogue, generate_synthetic_catalogue(spec_with(100, 10, 1)));
}

TEST(Synthetic, CountsMatchSpecAndIdsAreUnique)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(1'234, 56, 3));
    ASSERT_EQ(catalogue.activities.size(), 1'234u);
    ASSERT_EQ(catalogue.organisations.size(), 56u);
    EXPECT_GE(catalogue.version, 1);

    std::set<std::string> organisation_ids;
    for (const Organisation& organisation : catalogue.organisations)
        organisation_ids.insert(organisation.id);
    EXPECT_EQ(organisation_ids.size(), catalogue.organisations.size());

    std::set<std::string> activity_ids;
    for (const Activity& activity : catalogue.activities)
        activity_ids.insert(activity.id);
    EXPECT_EQ(activity_ids.size(), catalogue.activities.size());
}

TEST(Synthetic, NoActivitiesGivesAnEmptyButValidCatalogue)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(0, 0, 1));
    EXPECT_TRUE(catalogue.activities.empty());
    EXPECT_TRUE(catalogue.organisations.empty());
    const CatalogueParseResult parsed = parse_catalogue_json(catalogue_to_json(catalogue));
    EXPECT_TRUE(parsed.ok()) << parsed.summary();
}

TEST(Synthetic, ActivitiesWithoutOrganisationsGetOne)
{
    // The format refuses activities without organisations, so the generator makes at least one.
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(30, 0, 1));
    EXPECT_EQ(catalogue.organisations.size(), 1u);
    EXPECT_EQ(catalogue.activities.size(), 30u);
}

TEST(Synthetic, EveryInterestIsCovered)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(500, 20, 11));
    std::set<std::string> used;
    for (const Activity& activity : catalogue.activities)
        used.insert(activity.interests.begin(), activity.interests.end());
    for (const Interest& interest : default_interests())
        EXPECT_TRUE(used.count(interest.id)) << interest.id << " is not used";
    for (const std::string& id : used)
        EXPECT_TRUE(std::any_of(default_interests().begin(), default_interests().end(),
                                [&](const Interest& interest) { return interest.id == id; }))
            << id << " is not in the default vocabulary";
}

TEST(Synthetic, EveryActivityBelongsToAnExistingOrganisationAndEveryOrganisationRunsOne)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(900, 70, 5));
    std::set<std::string> running;
    for (const Activity& activity : catalogue.activities) {
        EXPECT_NE(catalogue.find_organisation(activity.organisation_id), nullptr) << activity.id;
        running.insert(activity.organisation_id);
    }
    EXPECT_EQ(running.size(), catalogue.organisations.size());
}

TEST(Synthetic, TextsAreSwedishAndEnglishAndAboutAThirdInEveryKioskLanguage)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(900, 60, 2));
    for (const Activity& activity : catalogue.activities) {
        EXPECT_TRUE(activity.title.has("sv") && activity.title.has("en")) << activity.id;
        EXPECT_TRUE(activity.description.has("sv") && activity.description.has("en")) << activity.id;
        EXPECT_TRUE(activity.place.name.has("sv") && activity.place.name.has("en")) << activity.id;
    }
    for (const Organisation& organisation : catalogue.organisations)
        EXPECT_TRUE(organisation.name.has("sv") && organisation.name.has("en")) << organisation.id;

    for (const char* language : {"ar", "fa", "so", "ti", "uk"}) {
        std::size_t titles = 0;
        for (const Activity& activity : catalogue.activities)
            titles += activity.title.has(language) && activity.description.has(language) ? 1 : 0;
        std::size_t names = 0;
        for (const Organisation& organisation : catalogue.organisations)
            names += organisation.name.has(language) ? 1 : 0;
        EXPECT_NEAR(static_cast<double>(titles) / 900.0, 1.0 / 3.0, 0.05) << language;
        EXPECT_NEAR(static_cast<double>(names) / 60.0, 1.0 / 3.0, 0.05) << language;
    }
}

TEST(Synthetic, TownsSpreadAcrossAllSixMunicipalities)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(400, 40, 4));
    std::set<std::string> municipalities;
    for (const Organisation& organisation : catalogue.organisations)
        municipalities.insert(organisation.municipality);
    EXPECT_EQ(municipalities, (std::set<std::string>{"Falkenberg", "Halmstad", "Hylte", "Kungsbacka", "Laholm", "Varberg"}));

    std::set<std::string> towns;
    for (const Activity& activity : catalogue.activities)
        towns.insert(activity.place.town);
    EXPECT_GE(towns.size(), 15u);
}

TEST(Synthetic, SomeActivitiesAreFreeDropInAccessibleAndSomeAreNot)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(1'000, 50, 9));
    std::size_t free = 0, drop_in = 0, wheelchair = 0, every_other_week = 0, dates_only = 0, cancelled = 0;
    for (const Activity& activity : catalogue.activities) {
        free += activity.cost.free() ? 1 : 0;
        drop_in += activity.drop_in ? 1 : 0;
        wheelchair += std::count(activity.accessibility.begin(), activity.accessibility.end(), "wheelchair") > 0 ? 1 : 0;
        every_other_week += std::any_of(activity.schedule.weekly.begin(), activity.schedule.weekly.end(),
                                        [](const WeeklyRule& rule) { return rule.every_weeks > 1; })
                                ? 1 : 0;
        dates_only += activity.schedule.weekly.empty() ? 1 : 0;
        cancelled += activity.schedule.cancelled.empty() ? 0 : 1;
    }
    for (const std::size_t count : {free, drop_in, wheelchair, every_other_week, dates_only, cancelled}) {
        EXPECT_GT(count, 20u);
        EXPECT_LT(count, 980u);
    }
}

TEST(Synthetic, SchedulesStayInsideTheSpecPeriod)
{
    SyntheticSpec spec = spec_with(600, 30, 6);
    spec.first_day = Date{2026, 8, 15};
    spec.last_day = Date{2027, 6, 30};
    const Catalogue catalogue = generate_synthetic_catalogue(spec);
    for (const Activity& activity : catalogue.activities) {
        EXPECT_FALSE(activity.schedule.weekly.empty() && activity.schedule.dates.empty()) << activity.id;
        for (const WeeklyRule& rule : activity.schedule.weekly) {
            EXPECT_LE(spec.first_day, rule.valid_from) << activity.id;
            EXPECT_LE(rule.valid_from, rule.valid_until) << activity.id;
            EXPECT_LE(rule.valid_until, spec.last_day) << activity.id;
            EXPECT_TRUE(rule.every_weeks >= 1 && rule.every_weeks <= 8) << activity.id;
        }
        for (const SingleDate& single : activity.schedule.dates) {
            EXPECT_LE(spec.first_day, single.date) << activity.id;
            EXPECT_LE(single.date, spec.last_day) << activity.id;
        }
    }
}

TEST(Synthetic, LongPeriodsAreCutToThreeYears)
{
    SyntheticSpec spec = spec_with(200, 10, 6);
    spec.first_day = Date{2026, 1, 1};
    spec.last_day = Date{2031, 12, 31};
    const Catalogue catalogue = generate_synthetic_catalogue(spec);
    for (const Activity& activity : catalogue.activities) {
        for (const WeeklyRule& rule : activity.schedule.weekly)
            EXPECT_LE(rule.valid_until.days_since_epoch() - rule.valid_from.days_since_epoch(), 1'095) << activity.id;
    }
    const CatalogueParseResult parsed = parse_catalogue_json(catalogue_to_json(catalogue));
    EXPECT_TRUE(parsed.ok()) << parsed.summary();
}

TEST(Synthetic, EveryActivityHappensAtLeastOnceEvenInAOneDayPeriod)
{
    for (const Date day : {Date{2026, 11, 20}, Date{2027, 3, 28}, Date{2026, 10, 25}}) {
        SyntheticSpec spec = spec_with(300, 10, 12);
        spec.first_day = day;
        spec.last_day = day;
        const Catalogue catalogue = generate_synthetic_catalogue(spec);
        for (const Activity& activity : catalogue.activities) {
            const auto occurrences = expand(activity.schedule, stockholm::start_of_day(day),
                                            stockholm::start_of_day(day.plus_days(1)));
            EXPECT_FALSE(occurrences.empty()) << activity.id << " on " << day.to_string();
        }
        const CatalogueParseResult parsed = parse_catalogue_json(catalogue_to_json(catalogue));
        EXPECT_TRUE(parsed.ok()) << day.to_string() << "\n" << parsed.summary();
    }
}

TEST(Synthetic, TenThousandActivitiesRoundTripThroughJsonWithoutProblems)
{
    const Catalogue catalogue = generate_synthetic_catalogue(SyntheticSpec{});  // 10,000 activities, 400 organisations
    ASSERT_EQ(catalogue.activities.size(), 10'000u);
    const CatalogueParseResult parsed = parse_catalogue_json(catalogue_to_json(catalogue));
    ASSERT_TRUE(parsed.ok()) << parsed.summary();
    EXPECT_TRUE(parsed.problems.empty());
    EXPECT_EQ(*parsed.catalogue, catalogue);
}

TEST(Synthetic, CompactJsonParsesToo)
{
    const Catalogue catalogue = generate_synthetic_catalogue(spec_with(2'000, 80, 21));
    const CatalogueParseResult parsed = parse_catalogue_json(catalogue_to_json(catalogue, false));
    ASSERT_TRUE(parsed.ok()) << parsed.summary();
    EXPECT_EQ(*parsed.catalogue, catalogue);
}

}  // namespace
}  // namespace lotsen
