// test_last_checked.cpp — catalogue format 1.4's last-checked date of an activity: read, written back
// with the minor it needs (and with 1.3's measured reply beside it, still 4), refused with its path
// when it is not a date, skipped whole by a reader that ignores unknown members; and the ages the
// kiosk and the hub count from it (core/catalogue/freshness.hpp).
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/freshness.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace lotsen;

namespace {

std::string catalogue_with(const std::string& activity_members, const std::string& organisation_members = "")
{
    return R"({"format": "lotsen-catalogue", "format_version": 1, "format_minor": 4, "version": 2,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad")" +
           organisation_members + R"(}],
  "activities": [{"id": "walk", "organisation": "org", "title": {"sv": "Promenad"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"})" +
           activity_members + R"(}]})";
}

}  // namespace

TEST(LastChecked, IsReadAndWrittenBackWithFormatMinorFour)
{
    const CatalogueParseResult result = parse_catalogue_json(catalogue_with(R"(, "last_checked": "2026-11-02")"));
    ASSERT_TRUE(result.ok()) << result.summary();
    const Activity& walk = result.catalogue->activities.front();
    ASSERT_TRUE(walk.last_checked.has_value());
    EXPECT_EQ(*walk.last_checked, (Date{2026, 11, 2}));
    EXPECT_EQ(catalogue_format_minor_needed(*result.catalogue), 4);
    const std::string written = catalogue_to_json(*result.catalogue);
    EXPECT_NE(written.find("\"format_minor\": 4"), std::string::npos) << written;
    EXPECT_NE(written.find("\"last_checked\": \"2026-11-02\""), std::string::npos) << written;
    const CatalogueParseResult again = parse_catalogue_json(written);
    ASSERT_TRUE(again.ok()) << again.summary();
    EXPECT_EQ(*again.catalogue, *result.catalogue);

    // A measured reply (1.3) beside it does not lower the minor; without the date 3 is enough.
    Catalogue both = *result.catalogue;
    both.organisations.front().measured_reply = MeasuredReply{.median_minutes = 60, .requests = 5, .window_days = 90};
    EXPECT_EQ(catalogue_format_minor_needed(both), 4);
    both.activities.front().last_checked.reset();
    EXPECT_EQ(catalogue_format_minor_needed(both), 3);
    EXPECT_EQ(catalogue_to_json(both).find("last_checked"), std::string::npos);
}

TEST(LastChecked, ANonDateIsRefusedWithItsPath)
{
    const CatalogueParseResult result = parse_catalogue_json(catalogue_with(R"(, "last_checked": "2026-02-30")"));
    ASSERT_FALSE(result.ok());
    ASSERT_EQ(result.problems.size(), 1u) << result.summary();
    EXPECT_EQ(result.problems[0].where, "$.activities[0].last_checked") << result.summary();
    const CatalogueParseResult number = parse_catalogue_json(catalogue_with(R"(, "last_checked": 20261102)"));
    ASSERT_FALSE(number.ok());
    EXPECT_EQ(number.problems[0].where, "$.activities[0].last_checked");
}

TEST(LastChecked, AReaderThatIgnoresUnknownMembersStillChecksAKnownOne)
{
    // Tolerant reading (a kiosk) keeps every rule for members it knows: a bad date is still a problem.
    EXPECT_FALSE(parse_catalogue_json(catalogue_with(R"(, "last_checked": "yesterday")"), {}, UnknownMembers::ignore).ok());
    const CatalogueParseResult fine =
        parse_catalogue_json(catalogue_with(R"(, "last_checked": "2026-11-02", "checked_by": "anna")"), {}, UnknownMembers::ignore);
    ASSERT_TRUE(fine.ok()) << fine.summary();
    EXPECT_EQ(fine.ignored.summary(), "$.activities[].checked_by");
}

TEST(LastChecked, AgesAreWholeLocalDaysAndNeverNegative)
{
    const Date checked{2026, 11, 2};
    EXPECT_EQ(days_since_checked(checked, Date{2026, 11, 2}), 0);
    EXPECT_EQ(days_since_checked(checked, Date{2026, 11, 3}), 1);
    EXPECT_EQ(days_since_checked(checked, Date{2027, 11, 2}), 365);
    EXPECT_EQ(days_since_checked(checked, Date{2026, 10, 30}), 0);  // a clock behind the hub's
    EXPECT_FALSE(older_than(checked, Date{2027, 11, 2}, 365));
    EXPECT_TRUE(older_than(checked, Date{2027, 11, 3}, 365));
}
