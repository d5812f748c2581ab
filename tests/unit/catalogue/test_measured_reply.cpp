// test_measured_reply.cpp — catalogue format 1.3's measured reply time: read, written (with the minor
// it needs), refused with its path when wrong, skipped whole by a 1.2-style reader's tolerance rule
// only when unknown; and how the kiosk rounds it (days up, hours under a day).
#include "core/catalogue/catalogue_json.hpp"
#include "core/catalogue/reply_wording.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace lotsen;

namespace {

std::string catalogue_with(const std::string& organisation_members)
{
    return R"({"format": "lotsen-catalogue", "format_version": 1, "format_minor": 3, "version": 2,
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

TEST(MeasuredReply, IsReadAndWrittenBackWithFormatMinorThree)
{
    const CatalogueParseResult result =
        parse_catalogue_json(catalogue_with(R"(, "measured_reply": {"median_minutes": 2520, "requests": 7, "window_days": 90})"));
    ASSERT_TRUE(result.ok()) << result.summary();
    const Organisation& org = result.catalogue->organisations.front();
    ASSERT_TRUE(org.measured_reply.has_value());
    EXPECT_EQ(*org.measured_reply, (MeasuredReply{.median_minutes = 2520, .requests = 7, .window_days = 90}));
    EXPECT_EQ(catalogue_format_minor_needed(*result.catalogue), 3);
    const std::string written = catalogue_to_json(*result.catalogue);
    EXPECT_NE(written.find("\"format_minor\": 3"), std::string::npos);
    const CatalogueParseResult again = parse_catalogue_json(written);
    ASSERT_TRUE(again.ok()) << again.summary();
    EXPECT_EQ(*again.catalogue, *result.catalogue);

    // Without one, nothing newer is needed and nothing is written.
    Catalogue plain = *result.catalogue;
    plain.organisations.front().measured_reply.reset();
    EXPECT_EQ(catalogue_format_minor_needed(plain), 0);
    EXPECT_EQ(catalogue_to_json(plain).find("measured_reply"), std::string::npos);
}

TEST(MeasuredReply, WrongValuesAreRefusedWithTheirPaths)
{
    const CatalogueParseResult result = parse_catalogue_json(
        catalogue_with(R"(, "measured_reply": {"median_minutes": -1, "requests": 4, "window_days": 90, "mean": 3})"));
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(problems(result), (std::vector<std::string>{
                                    "$.organisations[0].measured_reply.mean: unknown field",
                                    "$.organisations[0].measured_reply.median_minutes: -1 is not between 0 and 527040",
                                    "$.organisations[0].measured_reply.requests: 4 is not between 5 and 1000000",
                                }));
    const CatalogueParseResult missing =
        parse_catalogue_json(catalogue_with(R"(, "measured_reply": {"median_minutes": 60, "requests": 5})"));
    EXPECT_EQ(problems(missing),
              (std::vector<std::string>{"$.organisations[0].measured_reply.window_days: required field is missing"}));
}

TEST(MeasuredReply, TheKioskRoundsDaysUpAndSaysHoursUnderADay)
{
    auto shown = [](std::int64_t minutes) { return shown_reply_time(MeasuredReply{.median_minutes = minutes, .requests = 5, .window_days = 90}); };
    using Unit = ReplyTimeShown::Unit;
    EXPECT_EQ(shown(0), (ReplyTimeShown{Unit::hours, 1}));
    EXPECT_EQ(shown(60), (ReplyTimeShown{Unit::hours, 1}));
    EXPECT_EQ(shown(61), (ReplyTimeShown{Unit::hours, 2}));
    EXPECT_EQ(shown(23 * 60), (ReplyTimeShown{Unit::hours, 23}));
    EXPECT_EQ(shown(23 * 60 + 1), (ReplyTimeShown{Unit::days, 1}));  // 24 hours is said as a day
    EXPECT_EQ(shown(24 * 60), (ReplyTimeShown{Unit::days, 1}));
    EXPECT_EQ(shown(24 * 60 + 1), (ReplyTimeShown{Unit::days, 2}));
    EXPECT_EQ(shown(4 * 24 * 60), (ReplyTimeShown{Unit::days, 4}));
}
